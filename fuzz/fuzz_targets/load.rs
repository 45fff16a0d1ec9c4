//! Feeds arbitrary bytes to the loader: it must return an agreement or diagnostics,
//! never panic, overflow the stack or hang. See docs/fuzzing.md.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (agreement, diagnostics) = accord::file::parse::load_source(Path::new("fuzz.yaml"), text);
        assert!(agreement.is_some() || !diagnostics.is_empty());
    }
});
