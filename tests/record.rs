//! The writing commands on real files: `record` changes only what it adds, in the file's
//! own style; a refused change leaves the file byte-identical; twenty processes
//! recording at once lose nothing and leave a file in date order; the file keeps its
//! mode and owner, a read-only file is refused, a symbolic link is written through; a
//! held lock makes a writer wait, and what a killed writer left behind does not.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn accord(dir: &Path, args: &[&str]) -> Output {
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

/// Asserts that `new` is `old` with `expected` inserted at one place, and nothing else
/// changed.
fn assert_inserted(old: &[u8], new: &[u8], expected: &str, what: &str) {
    let e = expected.as_bytes();
    let found = new.len() == old.len() + e.len()
        && (0..=old.len()).any(|p| new[..p] == old[..p] && &new[p..p + e.len()] == e && new[p + e.len()..] == old[p..]);
    assert!(
        found,
        "{what}: expected only {expected:?} inserted; got\n{}",
        String::from_utf8_lossy(new)
    );
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const HEAD: &str = "# A file with comments.\nid: styled\ntitle: Styled   # spaced comment\n\nparties:\n  alpha: {name: Alpha}   # first\n  beta: {name: Beta}\nsigned: {date: 2020-01-15}\nentry_into_force: {upon: signature, article: Art. 9}\nobligations:\n  - {id: review, text: Review, parties: [alpha], article: Art. 1, every: 1 year}\n";

#[test]
fn record_keeps_every_untouched_byte_in_each_style() {
    let cases: Vec<(&str, String, &str)> = vec![
        ("comments", format!("{HEAD}events:\n  # history below\n  - date: 2021-01-15\n    type: note   # why\n\n# closing comment\nnotes: kept last\n"), "  - date: 2026-11-22\n    type: performed\n    obligation: review\n"),
        ("odd-indent", format!("{HEAD}events:\n- date: 2021-01-15\n  type: note\n"), "- date: 2026-11-22\n  type: performed\n  obligation: review\n"),
        ("crlf", format!("{HEAD}events:\n    - date: 2021-01-15\n      type: note\n").replace('\n', "\r\n"), "    - date: 2026-11-22\r\n      type: performed\r\n      obligation: review\r\n"),
        ("flow-list", format!("{HEAD}events: [{{date: 2021-01-15, type: note}}]   # flow [1]\n"), ", {date: 2026-11-22, type: performed, obligation: review}"),
        ("flow-items", format!("{HEAD}events:\n  - {{date: 2021-01-15, type: note}}\n"), "  - {date: 2026-11-22, type: performed, obligation: review}\n"),
        ("no-events", HEAD.to_string(), "events:\n  - date: 2026-11-22\n    type: performed\n    obligation: review\n"),
        ("empty-with-bracket-comment", format!("{HEAD}events: [] # see minutes [1]\n"), "{date: 2026-11-22, type: performed, obligation: review}"),
    ];
    for (name, text, expected) in cases {
        let (dir, path) = scratch(name, "styled.yaml", text.as_bytes());
        let stdout = ok(&accord(&dir, &["record", "styled", "performed", "review"]));
        let new = std::fs::read(&path).unwrap();
        assert_inserted(text.as_bytes(), &new, expected, name);
        assert!(stdout.contains("→ 2027-11-22"), "{name}: {stdout}");
        ok(&accord(&dir, &["check", "--strict"]));
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn every_kind_of_change_is_written_where_the_format_says() {
    let text = "id: kinds\ntitle: Kinds\nstatus: draft\nparties:\n  alpha: {name: Alpha, organs: [Council]}\n  beta: {name: Beta}\nentry_into_force: {upon: signature}\ntermination: {notice: 3 months}\namendments:\n  - {id: change, proposed: {by: alpha, date: 2021-01-01}}\n  - id: other\n    proposed: {by: beta, date: 2021-02-01}\n";
    let (dir, path) = scratch("kinds", "kinds.yaml", text.as_bytes());
    let steps: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["signed", "--date", "2020-06-01", "--place", "Paris, France"],
            "signed: {date: 2020-06-01, place: \"Paris, France\"}\n",
        ),
        (
            vec!["notice", "--by", "beta", "--date", "2026-10-01"],
            "events:\n  - date: 2026-10-01\n    type: notice_given\n    by: beta\n",
        ),
        (
            vec!["revoke-notice", "--by", "beta", "--date", "2026-10-15"],
            "  - date: 2026-10-15\n    type: notice_revoked\n    by: beta\n",
        ),
        (
            vec![
                "approved",
                "--party",
                "alpha",
                "--organ",
                "Council",
                "--date",
                "2020-05-20",
            ],
            "  - date: 2020-05-20\n    type: approved\n    party: alpha\n    organ: Council\n",
        ),
        (
            vec!["accepted", "change", "--party", "beta", "--date", "2026-11-01"],
            ", accepted: {beta: 2026-11-01}",
        ),
        (
            vec!["rejected", "other", "--party", "alpha", "--date", "2021-03-01"],
            "    rejected: {alpha: 2021-03-01}\n",
        ),
    ];
    let mut before = std::fs::read(&path).unwrap();
    for (args, expected) in steps {
        let mut all = vec!["record", "kinds"];
        all.extend(&args);
        ok(&accord(&dir, &all));
        let now = std::fs::read(&path).unwrap();
        if args[0] == "signed" {
            // The signature is added and the draft status removed.
            let now = String::from_utf8(now.clone()).unwrap();
            assert!(now.contains(expected) && !now.contains("status: draft"), "{now}");
        } else {
            assert_inserted(&before, &now, expected, &format!("{args:?}"));
        }
        before = now;
    }
    ok(&accord(&dir, &["check", "--strict"]));
    let out = ok(&accord(&dir, &["amendments", "kinds", "--format", "json"]));
    assert!(out.contains("\"in_force_on\": \"2026-11-01\""), "{out}");
    assert!(out.contains("\"status\": \"rejected\""), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn refused_changes_leave_the_file_byte_identical() {
    let text = format!("{HEAD}events:\n  - date: 2021-01-15\n    type: note\n").replace('\n', "\r\n");
    let (dir, path) = scratch("refused", "styled.yaml", text.as_bytes());
    for args in [
        vec!["record", "styled", "performed", "no-such-obligation"],
        vec!["record", "styled", "notice", "--by", "gamma"],
        vec!["record", "styled", "approved", "--party", "alpha", "--organ", "Senate"],
        vec!["record", "styled", "performed", "review", "--date", "2019-01-01"],
        vec!["record", "styled", "performed", "review", "--date", "2026-11-23"],
        vec!["record", "styled", "revoke-notice", "--by", "alpha"],
        vec!["record", "styled", "signed", "--date", "2020-01-16"],
    ] {
        let out = accord(&dir, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("not recorded: ") && stderr.contains("rule: "),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), text.as_bytes(), "{args:?}");
    }
    assert_eq!(
        names(path.parent().unwrap()),
        ["styled.yaml"],
        "temporary or lock files left behind"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn twenty_concurrent_records_leave_twenty_events_in_date_order() {
    let (dir, path) = scratch("concurrent", "styled.yaml", HEAD.as_bytes());
    // Dates in a scrambled order, so most records are back-dated relative to others.
    let days: Vec<u32> = (0..20).map(|i| (i * 7) % 20 + 1).collect();
    // Start all twenty before waiting for any.
    let spawned: Vec<_> = days
        .iter()
        .map(|day| {
            Command::new(env!("CARGO_BIN_EXE_accord"))
                .current_dir(&dir)
                .env_remove("ACCORD_DIR")
                .args([
                    "--as-of",
                    "2026-11-22",
                    "record",
                    "styled",
                    "performed",
                    "review",
                    "--date",
                ])
                .arg(format!("2026-01-{day:02}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let dates: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- date: ")).collect();
    let expected: Vec<String> = (1..=20).map(|d| format!("2026-01-{d:02}")).collect();
    assert_eq!(dates, expected, "{text}");
    ok(&accord(&dir, &["check", "--strict"]));
    assert_eq!(names(path.parent().unwrap()), ["styled.yaml"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn the_file_keeps_its_mode_and_owner_and_a_read_only_file_is_refused() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, path) = scratch("mode", "styled.yaml", HEAD.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file to another user; elsewhere the owner is ours already.
    let foreign = std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_ok();
    ok(&accord(
        &dir,
        &["record", "styled", "performed", "review", "--date", "2026-01-01"],
    ));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
    if foreign {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    }

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let inode = meta.ino();
    let out = accord(
        &dir,
        &["record", "styled", "performed", "review", "--date", "2026-02-01"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.ino(), meta.permissions().mode() & 0o7777),
        (inode, 0o444),
        "replaced"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_to_its_target() {
    let (dir, target) = scratch("link", "styled.yaml", HEAD.as_bytes());
    let store = dir.join("store");
    std::fs::create_dir(&store).unwrap();
    let real = store.join("styled.yaml");
    std::fs::rename(&target, &real).unwrap();
    std::os::unix::fs::symlink("../store/styled.yaml", &target).unwrap();
    ok(&accord(
        &dir,
        &["record", "styled", "performed", "review", "--date", "2026-01-01"],
    ));
    assert!(std::fs::symlink_metadata(&target).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_link(&target).unwrap(), Path::new("../store/styled.yaml"));
    assert!(std::fs::read_to_string(&real).unwrap().contains("date: 2026-01-01"));
    assert_eq!(names(&store), ["styled.yaml"]);
    assert_eq!(names(&dir.join("agreements")), ["styled.yaml"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_held_lock_makes_a_writer_wait_and_leftovers_do_not() {
    let (dir, path) = scratch("lock", "styled.yaml", HEAD.as_bytes());
    // What a killed writer of this or an earlier version leaves: a temporary file
    // and a lock file. Neither blocks, both are removed by the next write.
    let folder = path.parent().unwrap();
    std::fs::write(folder.join(".styled.yaml.accord-tmp-999999"), "half written").unwrap();
    std::fs::write(folder.join("styled.yaml.accord-lock"), "999999\n").unwrap();
    let start = Instant::now();
    ok(&accord(
        &dir,
        &["record", "styled", "performed", "review", "--date", "2026-01-01"],
    ));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(names(folder), ["styled.yaml"]);

    // A live holder of the lock (another writer) is waited for.
    let held = std::fs::File::open(&path).unwrap();
    held.lock().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        drop(held);
    });
    let start = Instant::now();
    ok(&accord(
        &dir,
        &["record", "styled", "performed", "review", "--date", "2026-02-01"],
    ));
    assert!(
        start.elapsed() >= Duration::from_millis(350),
        "did not wait for the lock"
    );
    release.join().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("date: 2026-01-01") && text.contains("date: 2026-02-01"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn new_writes_a_draft_with_the_modeline_that_record_signs() {
    let (dir, existing) = scratch("new", "keep.yaml", HEAD.as_bytes());
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/accord.schema.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.join("agreements/field")).unwrap();
    let args = [
        "--dir",
        "agreements/field",
        "new",
        "who-iom",
        "--title",
        "MoU: WHO and IOM",
        "--party",
        "who=World Health Organization",
        "--party",
        "iom=IOM",
    ];
    let out = ok(&accord(&dir, &args));
    assert!(out.contains("status: draft") && !out.contains("note:"), "{out}");
    let created = dir.join("agreements/field/who-iom.yaml");
    let text = std::fs::read_to_string(&created).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../docs/accord.schema.json\n"),
        "{text}"
    );
    assert!(text.contains("\nstatus: draft ") && text.contains("title: \"MoU: WHO and IOM\""));
    let status = ok(&accord(&dir, &["status", "who-iom"]));
    assert!(status.contains("draft"), "{status}");
    ok(&accord(&dir, &["check", "--strict"]));

    let out = ok(&accord(&dir, &["record", "who-iom", "signed", "--date", "2026-11-20"]));
    assert!(out.contains("draft → signed"), "{out}");
    let signed = std::fs::read_to_string(&created).unwrap();
    assert!(!signed.contains("status: draft") && signed.contains("signed: {date: 2026-11-20}"));
    ok(&accord(&dir, &["check", "--strict"]));

    // Refuses to replace a file without --force, and leaves it as it was.
    let out = accord(&dir, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&created).unwrap(), signed);
    // Refuses an id another file already uses, and a single party.
    let out = accord(
        &dir,
        &["new", "styled", "--title", "T", "--party", "a=A", "--party", "b=B"],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = accord(&dir, &["new", "solo", "--title", "T", "--party", "a=A"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("agreements/solo.yaml").exists());
    assert_eq!(std::fs::read(&existing).unwrap(), HEAD.as_bytes());
    std::fs::remove_dir_all(dir).unwrap();
}
