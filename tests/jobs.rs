//! Output never depends on thread timing: a folder of a few hundred files (the seeds,
//! the desk fixtures and every broken fixture, copied under renamed and under repeated
//! ids) gives byte-identical output and the same exit code with one, two and three
//! threads, for every command that reads the whole folder.

use std::path::{Path, PathBuf};
use std::process::Command;

fn folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("accord-jobs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sources = ["agreements", "tests/fixtures/desk", "tests/fixtures/broken"];
    // Copy 0 keeps its ids, copies 1–4 rename them, copy 5 repeats copy 0's ids.
    for copy in 0..6 {
        for source in sources {
            let target = dir.join(format!("copy-{copy}")).join(source.replace('/', "-"));
            std::fs::create_dir_all(&target).unwrap();
            for entry in std::fs::read_dir(root.join(source)).unwrap() {
                let path = entry.unwrap().path();
                let Ok(bytes) = std::fs::read(&path) else { continue };
                let bytes = match String::from_utf8(bytes) {
                    Ok(text) if (1..5).contains(&copy) => text
                        .lines()
                        .map(|l| match l.strip_prefix("id: ") {
                            Some(id) => format!("id: {id}-copy-{copy}\n"),
                            None => format!("{l}\n"),
                        })
                        .collect::<String>()
                        .into_bytes(),
                    Ok(text) => text.into_bytes(),
                    Err(e) => e.into_bytes(),
                };
                std::fs::write(target.join(path.file_name().unwrap()), bytes).unwrap();
            }
        }
    }
    dir
}

fn run(dir: &Path, jobs: usize, args: &[&str]) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DIR")
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"))
        .env_remove("COLUMNS")
        .arg("--dir")
        .arg(dir)
        .args(["--as-of", "2026-11-22", "--color", "never", "--jobs", &jobs.to_string()])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), out.stdout, out.stderr)
}

#[test]
fn one_two_and_three_threads_give_the_same_bytes() {
    let dir = folder();
    let files = walk_count(&dir);
    assert!(files > 200, "the folder should hold a few hundred files, has {files}");
    let commands: [&[&str]; 11] = [
        &["due"],
        &["due", "--format", "json"],
        &["due", "--format", "csv"],
        &["due", "--format", "ics"],
        &["list"],
        &["list", "--format", "json"],
        &["status"],
        &["check"],
        &["check", "--format", "json"],
        &["timeline"],
        &["report"],
    ];
    for args in commands {
        let one = run(&dir, 1, args);
        assert!(!one.1.is_empty() || !one.2.is_empty(), "{args:?} printed nothing");
        for jobs in [2, 3] {
            let many = run(&dir, jobs, args);
            assert!(one == many, "{args:?}: --jobs 1 and --jobs {jobs} differ");
        }
    }
    // The folder exercises the folder-wide checks, not only per-file ones.
    let check = String::from_utf8(run(&dir, 2, &["check"]).1).unwrap();
    for code in ["duplicate-id", "syntax", "unknown-key"] {
        assert!(check.contains(code), "no {code} in:\n{check}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk_count(&p)
            } else {
                1
            }
        })
        .sum()
}
