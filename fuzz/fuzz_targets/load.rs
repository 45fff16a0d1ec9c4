//! Feeds arbitrary bytes to the loader (parse and validate one file): it must return an
//! agreement or diagnostics, each located at a line and column of at least 1, and never
//! panic, overflow the stack or hang. See docs/fuzzing.md.
#![no_main]

use accord::file::parse::{agreement, Texts};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (agreement, diagnostics) = agreement(Path::new("fuzz.yaml"), text, Texts::Keep);
        assert!(agreement.is_some() || !diagnostics.is_empty());
        for d in &diagnostics {
            assert!(d.line() >= 1 && d.column() >= 1, "{d:?}");
        }
    }
});
