//! The writing commands: `record` and `new` change only what they add, in the file's own
//! style; a result that fails the checks leaves the file byte-identical; two processes
//! recording at once lose nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn accord(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(dir)
        .env_remove("ACCORD_DIR")
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .output()
        .unwrap()
}

fn scratch(name: &str, file: &str, text: &[u8]) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("accord-record-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agreements")).unwrap();
    let path = dir.join("agreements").join(file);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `new` is `old` with one contiguous run of bytes inserted; returns the insertion.
fn inserted(old: &[u8], new: &[u8]) -> String {
    assert!(new.len() > old.len(), "nothing was added");
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let added = new.len() - old.len();
    assert_eq!(
        &new[prefix + added..],
        &old[prefix..],
        "bytes outside the insertion changed"
    );
    String::from_utf8(new[prefix..prefix + added].to_vec()).unwrap()
}

const HEAD: &str = "# A file with comments.\nid: styled\ntitle: Styled   # spaced comment\n\nparties:\n  alpha: {name: Alpha}   # first\n  beta: {name: Beta}\nsigned: {date: 2020-01-15}\nentry_into_force: {upon: signature}\nobligations:\n  - {id: review, text: Review, parties: [alpha], article: Art. 1, every: 1 year}\n";

#[test]
fn record_keeps_every_untouched_byte_in_each_style() {
    let cases: Vec<(&str, String, &str)> = vec![
        ("comments", format!("{HEAD}events:\n  # history below\n  - date: 2021-01-15\n    type: note   # why\n\n# closing comment\nnotes: kept last\n"), "  - date: 2026-11-22\n    type: performed\n    obligation: review\n"),
        ("odd-indent", format!("{HEAD}events:\n- date: 2021-01-15\n  type: note\n"), "- date: 2026-11-22\n  type: performed\n  obligation: review\n"),
        ("crlf", format!("{HEAD}events:\n    - date: 2021-01-15\n      type: note\n").replace('\n', "\r\n"), "    - date: 2026-11-22\r\n      type: performed\r\n      obligation: review\r\n"),
        ("flow-list", format!("{HEAD}events: [{{date: 2021-01-15, type: note}}]   # flow\n"), ", {date: 2026-11-22, type: performed, obligation: review}"),
        ("flow-items", format!("{HEAD}events:\n  - {{date: 2021-01-15, type: note}}\n"), "  - {date: 2026-11-22, type: performed, obligation: review}\n"),
        ("no-events", HEAD.to_string(), "events:\n  - date: 2026-11-22\n    type: performed\n    obligation: review\n"),
    ];
    for (name, text, expected) in cases {
        let (dir, path) = scratch(name, "styled.yaml", text.as_bytes());
        let out = accord(&dir, &["record", "styled", "performed", "review"]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let new = std::fs::read(&path).unwrap();
        assert_eq!(inserted(text.as_bytes(), &new), expected, "{name}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("next due 2027-11-22"), "{name}: {stdout}");
        // The result passes check.
        assert!(accord(&dir, &["check"]).status.success(), "{name}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn every_record_kind_appends_its_event() {
    let text = "id: kinds\ntitle: Kinds\nparties:\n  alpha: {name: Alpha, organs: [Council]}\n  beta: {name: Beta}\nsigned: {date: 2020-01-15}\nentry_into_force: {upon: signature}\ntermination: {notice: 3 months}\namendments:\n  - {id: change, proposed: {by: alpha, date: 2021-01-01}}\n";
    let (dir, path) = scratch("kinds", "kinds.yaml", text.as_bytes());
    for args in [
        vec!["record", "kinds", "notice", "--by", "beta", "--date", "2026-10-01"],
        vec![
            "record",
            "kinds",
            "revoke-notice",
            "--by",
            "beta",
            "--date",
            "2026-10-15",
        ],
        vec![
            "record",
            "kinds",
            "approved",
            "--party",
            "alpha",
            "--organ",
            "Council",
            "--date",
            "2026-10-20",
        ],
        vec![
            "record",
            "kinds",
            "accepted",
            "change",
            "--party",
            "beta",
            "--date",
            "2026-11-01",
        ],
    ] {
        let out = accord(&dir, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let now = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        inserted(text.as_bytes(), now.as_bytes()),
        "events:\n  - date: 2026-10-01\n    type: notice_given\n    by: beta\n  - date: 2026-10-15\n    type: notice_revoked\n    by: beta\n  - date: 2026-10-20\n    type: approved\n    party: alpha\n    organ: Council\n  - date: 2026-11-01\n    type: approved\n    party: beta\n    amendment: change\n"
    );
    let out = accord(&dir, &["amendments", "kinds", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"in_force_on\": \"2026-11-01\""));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_failing_recheck_leaves_the_file_byte_identical() {
    let text = format!("{HEAD}events:\n  - date: 2021-01-15\n    type: note\n").replace('\n', "\r\n");
    let (dir, path) = scratch("rollback", "styled.yaml", text.as_bytes());
    for args in [
        vec!["record", "styled", "performed", "no-such-obligation"],
        vec!["record", "styled", "notice", "--by", "gamma"],
        vec!["record", "styled", "approved", "--party", "alpha", "--organ", "Senate"],
    ] {
        let out = accord(&dir, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("left unchanged"));
        assert_eq!(std::fs::read(&path).unwrap(), text.as_bytes(), "{args:?}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary or lock files left behind: {leftovers:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn concurrent_records_lose_no_event() {
    let (dir, path) = scratch("concurrent", "styled.yaml", HEAD.as_bytes());
    let spawn = |start: u32| {
        let dir = dir.clone();
        std::thread::spawn(move || {
            for day in start..start + 10 {
                let date = format!("2026-01-{day:02}");
                let out = accord(&dir, &["record", "styled", "performed", "review", "--date", &date]);
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            }
        })
    };
    let (a, b) = (spawn(1), spawn(11));
    a.join().unwrap();
    b.join().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("type: performed").count(), 20, "{text}");
    for day in 1..=20 {
        assert!(text.contains(&format!("date: 2026-01-{day:02}")), "missing day {day}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn new_writes_a_file_that_passes_check_and_never_overwrites_unasked() {
    let (dir, existing) = scratch("new", "keep.yaml", HEAD.as_bytes());
    let out = accord(
        &dir,
        &[
            "new",
            "who-iom",
            "--title",
            "MoU: WHO and IOM",
            "--party",
            "who=World Health Organization",
            "--party",
            "iom=IOM",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let created = dir.join("agreements/who-iom.yaml");
    let text = std::fs::read_to_string(&created).unwrap();
    assert!(text.contains("title: \"MoU: WHO and IOM\"") && text.contains("# termination:"));
    assert!(accord(&dir, &["check"]).status.success());
    // Refuses to replace a file without --force, and leaves it as it was.
    std::fs::write(&created, "# hand-edited\n").unwrap();
    let out = accord(
        &dir,
        &["new", "who-iom", "--title", "T", "--party", "a=A", "--party", "b=B"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&created).unwrap(), "# hand-edited\n");
    // Refuses an id another file already uses.
    let out = accord(
        &dir,
        &["new", "styled", "--title", "T", "--party", "a=A", "--party", "b=B"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&existing).unwrap(), HEAD.as_bytes());
    std::fs::remove_dir_all(dir).unwrap();
}
