//! Hostile folders that git cannot keep, built at run time: named pipes, sockets and
//! devices named like agreement files, links into /proc, links that loop, folders that
//! cannot be read, paths too long for the system. Each gives a located diagnostic and
//! exit 1, never a hang, and every good agreement beside it is still reported.
//! (What git can keep is in tests/fixtures/hostile/, with golden tests in tests/cmd/.)
#![cfg(unix)]

use accord::diagnostic::{Code, Diagnostic};
use accord::folder::load::load_paths;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A fresh folder under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn agreement(id: &str) -> String {
    format!(
        "id: {id}\ntitle: Agreement {id}\nparties:\n  alpha: {{name: Alpha}}\n  beta: {{name: Beta}}\nsigned: {{date: 2026-01-05}}\nentry_into_force: {{upon: signature}}\nobligations:\n  - {{id: log, text: Daily log, parties: [beta], article: Art. 4, every: 1 day}}\n"
    )
}

/// Runs accord, failing the test instead of hanging if it does not finish in a minute
/// (a hang is the bug some of these cases had; a minute is no speed target).
fn accord(cwd: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(cwd)
        .env_remove("ACCORD_DIR")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("accord {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

fn find<'a>(diagnostics: &'a [Diagnostic], file: &Path) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.file == file)
        .unwrap_or_else(|| panic!("no diagnostic for {}: {diagnostics:#?}", file.display()))
}

/// Whether this process reads files whatever their permissions (root does).
fn reads_anything(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let can = std::fs::read_dir(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir(&probe).unwrap();
    can
}

#[test]
fn special_files_named_like_agreements_are_reported_never_opened() {
    use std::os::unix::fs::symlink;
    let dir = scratch("special");
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    mkfifo(&dir.join("pipe.yaml"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.yaml")).unwrap();
    symlink("/dev/null", dir.join("null.yaml")).unwrap();
    symlink("missing.yaml", dir.join("dangling.yaml")).unwrap();
    symlink("loop.yaml", dir.join("loop.yaml")).unwrap();
    // Not named like agreements: not read, not reported.
    mkfifo(&dir.join("pipe"));
    symlink("missing", dir.join("dangling")).unwrap();

    let loaded = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    let ids: Vec<&str> = loaded.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["good"]);
    let expect = [
        ("dangling.yaml", "a link to missing.yaml, which does not exist"),
        ("loop.yaml", "a link that cannot be followed"),
        ("null.yaml", "it is a device, not a regular file"),
        ("pipe.yaml", "it is a named pipe (FIFO), not a regular file"),
        ("socket.yaml", "it is a socket, not a regular file"),
    ];
    for (name, message) in expect {
        let d = find(&loaded.diagnostics, &dir.join(name));
        assert_eq!(d.code, Code::UnreadableFile, "{name}");
        assert!(d.message.contains(message), "{name}: {}", d.message);
        assert!(d.help.is_some(), "{name}");
    }
    assert_eq!(loaded.diagnostics.len(), expect.len(), "{:#?}", loaded.diagnostics);
    assert_eq!((loaded.files, loaded.failed_files), (6, 5));

    // Every command that reports on the folder says so on stderr and exits 1.
    for command in [&["list"][..], &["due"], &["status"], &["check"]] {
        let mut args = vec!["--dir", dir.to_str().unwrap()];
        args.extend_from_slice(command);
        let out = accord(&dir, &args);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        let all = text(&out.stdout) + &text(&out.stderr);
        for (name, _) in expect {
            assert!(all.contains(name), "{command:?} does not name {name}:\n{all}");
        }
        if command != ["check"] {
            assert!(text(&out.stdout).contains("good"), "{command:?}");
            assert!(
                text(&out.stderr).contains("5 files have errors and were skipped"),
                "{command:?}"
            );
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_pipe_given_as_the_path_is_reported_not_waited_on() {
    let dir = scratch("explicit-pipe");
    let pipe = dir.join("f.yaml");
    mkfifo(&pipe);
    let loaded = load_paths(std::slice::from_ref(&pipe), 1).unwrap();
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, Code::UnreadableFile);
    for args in [
        &["check", "f.yaml"][..],
        &["--dir", "f.yaml", "list"],
        &["--dir", "f.yaml", "due"],
    ] {
        let out = accord(&dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stdout) + &text(&out.stderr);
        assert!(err.contains("f.yaml") && err.contains("named pipe"), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_to_proc_is_skipped_with_an_error_and_the_rest_is_read() {
    use std::os::unix::fs::symlink;
    let dir = scratch("proc");
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub").join("inner.yaml"), agreement("inner")).unwrap();
    symlink("/proc", dir.join("proc")).unwrap();
    symlink("/proc/self", dir.join("sub").join("me")).unwrap();
    symlink("/sys/kernel", dir.join("kernel")).unwrap();

    let loaded = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    let ids: Vec<&str> = loaded.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["good", "inner"]);
    for link in ["proc", "sub/me", "kernel"] {
        let d = find(&loaded.diagnostics, &dir.join(link));
        assert_eq!(d.code, Code::UnreadableFolder, "{link}");
        assert!(
            d.message.contains("kernel's virtual file system"),
            "{link}: {}",
            d.message
        );
    }
    assert_eq!(loaded.diagnostics.len(), 3, "{:#?}", loaded.diagnostics);

    let out = accord(&dir, &["--dir", ".", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("good") && stdout.contains("inner"), "{stdout}");
    assert!(stderr.contains("error[unreadable-folder]"), "{stderr}");
    assert!(stderr.contains("3 folders cannot be read and were skipped"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unreadable_subfolder_is_reported_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("locked");
    if reads_anything(&dir) {
        // Root reads the folder anyway; `a_path_too_long_for_the_system_is_reported`
        // covers the same path through the walk.
        std::fs::remove_dir_all(dir).unwrap();
        return;
    }
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("hidden.yaml"), agreement("hidden")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    let loaded = load_paths(std::slice::from_ref(&dir), 2);
    let out = accord(&dir, &["--dir", ".", "due"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let loaded = loaded.unwrap();
    assert_eq!(loaded.agreements.len(), 1);
    let d = find(&loaded.diagnostics, &locked);
    assert_eq!(d.code, Code::UnreadableFolder);
    assert!(d.message.contains("cannot be read"), "{}", d.message);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("good"));
    assert!(text(&out.stderr).contains("locked"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Puts `file` into folders nested until their path passes the system's limit (4,096
/// bytes on Linux, 1,024 on macOS), built from the inside out so that no call needs a
/// long path: a folder that cannot be read, whoever runs the test (even root).
fn too_deep(dir: &Path, file: &str, text: &str) {
    let name = |i: usize| format!("{i:02}{}", "x".repeat(200));
    std::fs::create_dir(dir.join(name(0))).unwrap();
    std::fs::write(dir.join(name(0)).join(file), text).unwrap();
    for i in 1..25 {
        std::fs::create_dir(dir.join(name(i))).unwrap();
        std::fs::rename(dir.join(name(i - 1)), dir.join(name(i)).join(name(i - 1))).unwrap();
    }
}

#[test]
fn a_path_too_long_for_the_system_is_reported() {
    let dir = scratch("long");
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    too_deep(&dir, "deepest.yaml", &agreement("deepest"));
    let loaded = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    let ids: Vec<&str> = loaded.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["good"]);
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    let d = &loaded.diagnostics[0];
    assert!(
        matches!(d.code, Code::UnreadableFolder | Code::UnreadableFile),
        "{d:#?}"
    );
    assert!(d.file.as_os_str().len() > 1024, "{}", d.file.display());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn files_deeper_than_thirty_two_folders_are_read() {
    let dir = scratch("deep");
    let mut deep = dir.clone();
    for i in 0..60 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.yaml"), agreement("deep")).unwrap();
    let loaded = load_paths(std::slice::from_ref(&dir), 1).unwrap();
    assert_eq!(loaded.agreements.len(), 1);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn links_to_folders_are_read_once_under_their_own_path() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    let outside = scratch("links-outside");
    std::fs::write(outside.join("shared.yaml"), agreement("shared")).unwrap();
    std::fs::create_dir(dir.join("b")).unwrap();
    std::fs::write(dir.join("b").join("own.yaml"), agreement("own")).unwrap();
    // `a` sorts before `b`, but the real folder `b` is read under its own path.
    symlink(dir.join("b"), dir.join("a")).unwrap();
    symlink(&outside, dir.join("shared")).unwrap();
    symlink(&outside, dir.join("shared-again")).unwrap();
    symlink(&dir, dir.join("b").join("root")).unwrap();
    symlink(std::env::temp_dir(), dir.join("b").join("tmp")).unwrap();

    let loaded = load_paths(std::slice::from_ref(&dir), 1).unwrap();
    let files: Vec<&Path> = loaded.agreements.iter().map(|a| a.file.as_path()).collect();
    assert_eq!(files, [dir.join("b/own.yaml"), dir.join("shared/shared.yaml")]);
    let skipped: Vec<(&Path, Code)> = loaded.diagnostics.iter().map(|d| (d.file.as_path(), d.code)).collect();
    assert_eq!(
        skipped,
        [
            (dir.join("a").as_path(), Code::SkippedPath),
            (dir.join("b/root").as_path(), Code::SkippedPath),
            (dir.join("b/tmp").as_path(), Code::SkippedPath),
            (dir.join("shared-again").as_path(), Code::SkippedPath),
        ]
    );
    let messages: Vec<&str> = loaded.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages[0].ends_with(&format!("links to {}, which is read already", dir.join("b").display())));
    assert!(messages[1].ends_with(&format!("links to {}, which is read already", dir.display())));
    assert!(
        messages[2].contains("which holds the folder being read"),
        "{}",
        messages[2]
    );
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(outside).unwrap();
}

#[test]
fn eight_hundred_holidays_in_a_row_are_an_error_not_a_wrong_date() {
    let dir = scratch("holidays");
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut file = String::from("id: rolled\ntitle: Rolled over a broken list\nparties:\n  alpha: {name: Alpha}\n  beta: {name: Beta}\nsigned: {date: 2020-01-10}\nentry_into_force: {upon: signature}\ntermination:\n  notice: 90 days\n  roll: following\n  holidays:\n");
    for day in first.iter_days().take(800) {
        file.push_str(&format!("    - {day}\n"));
    }
    std::fs::write(dir.join("rolled.yaml"), file).unwrap();

    let out = accord(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text_of(&out);
    assert!(
        stdout.contains("error[invalid-value]: the holidays leave no working day from 2027-01-01 to 2029-03-11"),
        "{stdout}"
    );
    assert!(stdout.contains("rolled.yaml:12:7"), "{stdout}");
    // The other commands still report the good agreement, and name the broken one.
    let out = accord(&dir, &["--dir", ".", "due"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("good"));
    assert!(text(&out.stderr).contains("rolled.yaml"));
    std::fs::remove_dir_all(dir).unwrap();
}

fn text_of(out: &Output) -> String {
    text(&out.stdout) + &text(&out.stderr)
}

/// A command that writes `dup.yaml` (`new`, `import`) run where a file the scan cannot
/// read may hold the id `dup`: nothing is written while the folder cannot be read whole
/// (the first file would then drop out of `list`), and the command writes once it can.
fn writes_nothing_while_the_folder_cannot_be_read_whole(name: &str, args: &[&str]) {
    let dir = scratch(&format!("{name}-deep"));
    std::fs::write(dir.join("good.yaml"), agreement("good")).unwrap();
    too_deep(&dir, "dup.yaml", &agreement("dup"));
    let out = accord(&dir, args);
    assert_eq!(out.status.code(), Some(1), "{}", text_of(&out));
    let err = text(&out.stderr);
    assert!(err.contains("error[unreadable-folder]"), "{err}");
    assert!(err.contains("nothing was written: `dup` cannot be checked"), "{err}");
    assert!(!dir.join("dup.yaml").exists());
    std::fs::remove_dir_all(dir).unwrap();

    let dir = scratch(&format!("{name}-dangling"));
    std::os::unix::fs::symlink("elsewhere/dup.yaml", dir.join("dup-link.yaml")).unwrap();
    let out = accord(&dir, args);
    assert_eq!(out.status.code(), Some(1), "{}", text_of(&out));
    assert!(text(&out.stderr).contains("dup-link.yaml"));
    assert!(!dir.join("dup.yaml").exists());
    // With the folder whole again, the command writes.
    std::fs::remove_file(dir.join("dup-link.yaml")).unwrap();
    let out = accord(&dir, args);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    assert!(dir.join("dup.yaml").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn new_stops_when_the_folder_cannot_be_read_whole() {
    writes_nothing_while_the_folder_cannot_be_read_whole(
        "new",
        &[
            "--dir", ".", "new", "dup", "--title", "Second", "--party", "a=A", "--party", "b=B",
        ],
    );
}

#[test]
fn import_stops_when_the_folder_cannot_be_read_whole() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/mou-articles.txt");
    writes_nothing_while_the_folder_cannot_be_read_whole(
        "import",
        &["--dir", ".", "import", source.to_str().unwrap(), "--id", "dup"],
    );
}
