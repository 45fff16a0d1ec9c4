//! The parse-only floor for benchmarks: reads every `*.yaml` file under DIR and parses
//! it with the same YAML library and limits as accord, into `serde::de::IgnoredAny`,
//! on all cores. No command can cost less without skipping parsing.
//!
//!     cargo run --release --example parse-floor -- DIR [--jobs N]

use serde::de::IgnoredAny;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: parse-floor DIR [--jobs N]"));
    let jobs = match (args.next().as_deref(), args.next()) {
        (Some("--jobs"), Some(n)) => n.parse().expect("--jobs N"),
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cannot read the folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    let chunk = files.len().div_ceil(jobs.max(1)).max(1);
    let parsed: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut ok = 0;
                    for path in part {
                        let text = std::fs::read_to_string(path).expect("read");
                        if serde_saphyr::from_str_with_options::<IgnoredAny>(
                            &text,
                            accord::file::parse::parser_options(),
                        )
                        .is_ok()
                        {
                            ok += 1;
                        }
                    }
                    ok
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    println!("{parsed} of {} files parsed", files.len());
}
