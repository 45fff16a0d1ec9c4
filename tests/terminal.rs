//! What a terminal or a pipe sees: no panic when the reader goes away, colour only when
//! asked for or on a terminal, never with NO_COLOR.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DIR").env_remove("NO_COLOR").env_remove("COLUMNS");
    c.env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"));
    c
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough agreements that `list` writes far more than a pipe buffer holds.
    let dir = std::env::temp_dir().join(format!("accord-pipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..3000 {
        let text = format!("id: a{i:04}\ntitle: Agreement number {i} with a title long enough to fill the pipe\nparties:\n  alpha: {{name: Alpha}}\n  beta: {{name: Beta}}\n");
        std::fs::write(dir.join(format!("a{i:04}.yaml")), text).unwrap();
    }
    let mut child = accord()
        .args(["--dir", dir.to_str().unwrap(), "--as-of", "2026-11-22", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` would.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("ID"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(out.status.success(), "{:?}", out.status);
    std::fs::remove_dir_all(dir).unwrap();
}

fn due_output(args: &[&str], no_color: bool) -> String {
    let mut c = accord();
    c.args(["--dir", "tests/fixtures/desk", "--as-of", "2026-11-22"])
        .args(args)
        .arg("due");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    String::from_utf8(c.output().unwrap().stdout).unwrap()
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    assert!(due_output(&["--color", "always"], false).contains("\u{1b}["));
    assert!(
        due_output(&["--color", "always"], true).contains("\u{1b}["),
        "--color always wins over NO_COLOR"
    );
    assert!(!due_output(&["--color", "never"], false).contains("\u{1b}["));
    // Not a terminal: no colour by default.
    assert!(!due_output(&[], false).contains("\u{1b}["));
}

#[test]
fn columns_narrows_tables() {
    let out = accord()
        .args(["--dir", "tests/fixtures/desk", "--as-of", "2026-11-22", "due"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Without COLUMNS the same table is wider than 80: the test shows it was narrowed.
    let wide = due_output(&[], false);
    assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");
    assert!(text.lines().count() > 3, "{text}");
    assert!(text.contains("renewal-2020"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}
