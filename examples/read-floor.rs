//! The read-and-hash floor for benchmarks: reads every `*.yaml` file under DIR and hashes
//! its bytes with blake3, on all cores. A warm run of accord must do at least this much
//! (it cannot know that a file is unchanged without reading it), so this is the floor
//! that runs through the cache are measured against.
//!
//!     cargo run --release --example read-floor -- DIR [--jobs N]

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: read-floor DIR [--jobs N]"));
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
    let (bytes, mixed) = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let (mut bytes, mut mixed) = (0u64, 0u8);
                    for path in part {
                        let data = std::fs::read(path).expect("read");
                        bytes += data.len() as u64;
                        // Use the hash, so that it cannot be optimised away.
                        mixed ^= blake3::hash(&data).as_bytes()[0];
                    }
                    (bytes, mixed)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .fold((0, 0), |(b, m), (b2, m2)| (b + b2, m ^ m2))
    });
    println!("{} files, {bytes} bytes read and hashed ({mixed:02x})", files.len());
}
