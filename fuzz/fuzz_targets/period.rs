//! Feeds arbitrary text to the period parser: it must read a period or say why not,
//! never panic or overflow (debug assertions and overflow checks are on). A period it
//! reads is at most 1,000 years, is written back in a spelling that reads the same,
//! and can be added to and subtracted from any date without a panic. See
//! docs/fuzzing.md.
#![no_main]

use accord::time::calendar::{period_end, shift, shift_back};
use accord::time::period::Period;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Period::parse(&text) {
        Ok(p) => {
            assert!(
                p.total_months() <= 12_000 && p.total_days() <= 366_000,
                "{text:?}: {p:?}"
            );
            assert_eq!(Period::parse(&p.to_string()), Ok(p), "{text:?}");
            for date in [
                NaiveDate::MIN,
                NaiveDate::MAX,
                NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            ] {
                let _ = (shift(date, p), shift_back(date, p), period_end(date, p));
            }
        }
        Err(e) => assert!(!e.0.is_empty()),
    }
});
