//! The pre-commit hook (`.pre-commit-hooks.yaml`) as pre-commit runs it: `pre-commit
//! try-repo` with this repository, on a scratch git repository holding a broken
//! agreement file, then the same file fixed. pre-commit builds accord from this
//! repository with `cargo install` (language: rust), as it would for a user.
//!
//! Without `pre-commit` on the PATH the test says so and passes, except under CI
//! (`CI` set), where it fails: `.ci/run` installs pre-commit. try-repo builds the
//! committed tree plus staged and tracked changes, so `git add` a new source file before
//! running this test locally.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn pre_commit_installed() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").current_dir(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `pre-commit try-repo <this repository> accord-check --all-files` in `dir`. The build
/// goes to one target folder for every run, so that only the first compiles the
/// dependencies, and without optimisation, which the hook's behaviour does not depend on
/// and which would make each run minutes longer.
fn try_repo(dir: &Path) -> (Output, String) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-build");
    let out = Command::new("pre-commit")
        .current_dir(dir)
        .args([
            "try-repo",
            ROOT,
            "accord-check",
            "--all-files",
            "--color",
            "never",
            "--verbose",
        ])
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env_remove("ACCORD_DIR")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, text)
}

fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pre-commit-scratch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agreements")).unwrap();
    std::fs::create_dir_all(dir.join("config")).unwrap();
    git(&dir, &["init", "-q"]);
    dir
}

#[test]
fn the_hook_fails_on_a_broken_agreement_and_passes_once_it_is_fixed() {
    if !pre_commit_installed() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed, but CI must run this test (.ci/run installs it)"
        );
        eprintln!("note: pre-commit is not installed; the hook's test is skipped (pip install pre-commit)");
        return;
    }
    let dir = scratch();
    let root = Path::new(ROOT);
    let agreement = dir.join("agreements/eco-iom-2009.yaml");
    std::fs::copy(root.join("tests/fixtures/broken/invalid-date.yaml"), &agreement).unwrap();
    // A YAML file outside the agreements folder is not an agreement: the hook's `files`
    // pattern must leave it alone, or the fixed run below fails on it.
    std::fs::write(dir.join("config/settings.yaml"), "not: an agreement\n").unwrap();
    git(&dir, &["add", "."]);

    let (out, text) = try_repo(&dir);
    assert_eq!(out.status.code(), Some(1), "a broken agreement fails the hook:\n{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(text.contains("error[invalid-date]"), "{text}");
    assert!(
        text.contains("--> agreements/eco-iom-2009.yaml:8:9"),
        "the message is located to the file, line and column:\n{text}"
    );
    assert!(!text.contains("config/settings.yaml"), "{text}");

    std::fs::copy(root.join("agreements/eco-iom-2009.yaml"), &agreement).unwrap();
    git(&dir, &["add", "."]);
    let (out, text) = try_repo(&dir);
    assert!(out.status.success(), "the fixed agreement passes:\n{text}");
    assert!(text.contains("accord check") && text.contains("Passed"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_hook_is_declared_as_docs_ci_md_says() {
    #[derive(serde::Deserialize)]
    struct Hook {
        id: String,
        entry: String,
        language: String,
        files: String,
    }
    let text = std::fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(
        (hook.id.as_str(), hook.entry.as_str(), hook.language.as_str()),
        ("accord-check", "accord check", "rust")
    );
    assert_eq!(hook.files, r"^agreements/.*\.ya?ml$");
    let docs = std::fs::read_to_string(Path::new(ROOT).join("docs/ci.md")).unwrap();
    assert!(
        docs.contains("      - id: accord-check\n"),
        "docs/ci.md shows the hook's configuration"
    );
}
