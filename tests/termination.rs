//! Tests that catch wrong arithmetic in the termination engine (`engine/rules.rs`,
//! `engine/notice.rs`, `engine/terminate.rs`), through its public functions: every
//! route, every bound a comparison could be off by one at, and the law of the latest
//! notice date, `end(latest) <= E < end(latest + 1 day)`. `tools/mutants` checks that
//! each change of an operator or a comparison makes one of them fail (docs/testing.md).

use accord::engine::notice::{end_date, end_only, Route};
use accord::engine::rules::{Basis, Rules, TermRules};
use accord::model::Effective;
use accord::time::calendar::Roll;
use accord::time::period::Period;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rules(notice: Option<Period>) -> Rules {
    Rules {
        agreement: "t".into(),
        start: d(2020, 3, 31),
        notice,
        basis: Basis::Clause,
        article: None,
        effective: Effective::EndOfNotice,
        minimum_end: None,
        term: None,
        roll: None,
        holidays: vec![],
    }
}

fn fixed_term(length: Period) -> TermRules {
    TermRules {
        start: d(2020, 3, 31),
        length,
        renewal: None,
        article: None,
    }
}

#[test]
fn a_roll_over_that_gives_up_leaves_the_end_unknown() {
    // 90 days from 2026-11-22 ends on 2027-02-20, inside 800 listed holidays.
    let mut r = rules(Some(Period::days(90)));
    r.roll = Some(Roll::Following);
    r.holidays = d(2027, 1, 1).iter_days().take(800).collect();
    assert_eq!(end_date(&r, d(2026, 11, 22)), None);
    assert_eq!(end_only(&r, d(2026, 11, 22)), None);
    // Never the end of another route instead: here the fixed term's expiry, later.
    r.term = Some(fixed_term(Period::years(10)));
    assert_eq!(end_date(&r, d(2026, 11, 22)), None);
    // Where the notice period ends outside the run, the roll-over works.
    let o = end_date(&r, d(2029, 6, 1)).unwrap();
    assert_eq!((o.effective_date, o.route), (d(2029, 8, 30), Route::Notice));
    let before = end_date(&r, d(2026, 9, 1)).unwrap();
    assert_eq!(before.effective_date, d(2026, 11, 30));
}
