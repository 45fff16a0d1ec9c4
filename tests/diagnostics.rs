//! Every broken fixture gets the diagnostic it declares, at the line and column it
//! declares (`# expect: CODE LINE:COLUMN` on its first line); every documented code
//! is exercised and every code is documented in docs/checks.md.

use accord::diagnostic::{Code, Diagnostic};
use accord::folder::load;
use std::path::{Path, PathBuf};

/// What a fixture's first line declares: a code at a position, or `# expect: none`
/// (no diagnostic at all: `("none", 0, 0)`).
fn expectation(path: &Path) -> Option<(String, usize, usize)> {
    let bytes = std::fs::read(path).ok()?;
    let first = String::from_utf8_lossy(&bytes).lines().next()?.to_string();
    let rest = first.strip_prefix("# expect: ")?;
    if rest.starts_with("none") {
        return Some(("none".into(), 0, 0));
    }
    let (code, pos) = rest.split_once(' ')?;
    let (line, col) = pos.split_once(':')?;
    Some((code.to_string(), line.parse().ok()?, col.parse().ok()?))
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn check(loaded: &[Diagnostic], files: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    for f in files {
        let Some((code, line, col)) = expectation(f) else {
            failures.push(format!(
                "{}: no `# expect: CODE LINE:COLUMN` first line, so nothing is checked",
                f.display()
            ));
            continue;
        };
        let found = if code == "none" {
            !loaded.iter().any(|d| d.file == *f)
        } else {
            loaded
                .iter()
                .any(|d| d.file == *f && d.code.name() == code && d.line() == line && d.column() == col)
        };
        if !found {
            let got: Vec<String> = loaded
                .iter()
                .filter(|d| d.file == *f)
                .map(|d| format!("{} {}:{}", d.code, d.line(), d.column()))
                .collect();
            failures.push(format!("{}: expected {code} {line}:{col}, got {got:?}", f.display()));
        }
    }
    failures
}

#[test]
fn each_broken_file_is_located_to_line_and_column() {
    let files = fixtures("tests/fixtures/broken");
    let loaded = load::load_paths(&[PathBuf::from("tests/fixtures/broken")], 2).unwrap();
    let failures = check(&loaded.diagnostics, &files);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn folder_wide_checks_are_located_too() {
    let files = fixtures("tests/fixtures/folder-checks");
    let loaded = load::load_paths(&[PathBuf::from("tests/fixtures/folder-checks")], 1).unwrap();
    let failures = check(&loaded.diagnostics, &files);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_fixture_and_documentation() {
    let mut exercised: Vec<String> = Vec::new();
    for dir in ["tests/fixtures/broken", "tests/fixtures/folder-checks"] {
        exercised.extend(fixtures(dir).iter().filter_map(|f| expectation(f)).map(|(c, _, _)| c));
    }
    // Folder problems have no file to declare them: `skipped-path` is exercised by
    // tests/fixtures/hostile/folder (tests/cmd/hostile-folder-check.toml), and
    // `unreadable-folder` by tests/hostile.rs, which builds what git cannot keep.
    exercised.extend(["skipped-path".into(), "unreadable-folder".into()]);
    let docs = std::fs::read_to_string("docs/checks.md").unwrap();
    for code in Code::ALL.iter().map(|c| c.name()) {
        assert!(exercised.iter().any(|c| c == code), "no fixture exercises `{code}`");
        assert!(
            docs.contains(&format!("## `{code}`")),
            "docs/checks.md does not document `{code}`"
        );
    }
}

#[test]
fn the_table_of_checks_states_each_code_as_the_program_does() {
    let docs = std::fs::read_to_string("docs/checks.md").unwrap();
    for code in Code::ALL {
        let severity = match code.default_severity() {
            accord::diagnostic::Severity::Error => "error",
            accord::diagnostic::Severity::Warning => "warning",
        };
        let row = format!("| [`{0}`](#{0}) | {severity} | {1} |", code.name(), code.summary());
        assert!(docs.contains(&row), "docs/checks.md has no row\n{row}");
    }
}

#[test]
fn bundled_agreements_load_without_any_diagnostic() {
    let loaded = load::load_paths(&[PathBuf::from("agreements")], 2).unwrap();
    assert_eq!(loaded.files, 4);
    assert_eq!(loaded.agreements.len(), 4);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = load::load_paths(&[PathBuf::from("tests/fixtures")], 1).unwrap();
    let two = load::load_paths(&[PathBuf::from("tests/fixtures")], 2).unwrap();
    assert_eq!(one.diagnostics, two.diagnostics);
    let ids = |l: &load::Loaded| l.agreements.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&one), ids(&two));
}

#[test]
fn the_committed_schema_is_current() {
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/accord.schema.json").unwrap()).unwrap();
    assert_eq!(
        committed,
        accord::file::schema::schema(),
        "regenerate with: cargo run -- schema > docs/accord.schema.json"
    );
}
