//! Hostile and unusual input: each case gets a clear diagnostic (a warning only where
//! nothing is left out), quickly, without a panic, a stack overflow or unbounded
//! memory. Plus random bytes and random mutations of the seed files fed to the loader.

use accord::diagnostic::Diagnostic;
use accord::file::parse::{agreement as parse, Texts};
use accord::folder::load::load_paths;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh folder under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-robustness-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.name()).collect()
}

const VALID: &str = "id: ok\ntitle: Fine\nparties:\n  alpha: {name: Alpha}\n  beta: {name: Beta}\n";

fn load_text(text: &str) -> (Option<accord::model::Agreement>, Vec<Diagnostic>) {
    let start = Instant::now();
    let out = parse(Path::new("case.yaml"), text, Texts::Keep);
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    out
}

#[test]
fn empty_list_and_scalar_files_are_not_agreements() {
    for text in [
        "",
        "\n\n",
        "# only a comment\n",
        "- a\n- b\n",
        "just a sentence\n",
        "42\n",
        "~\n",
    ] {
        let (a, d) = load_text(text);
        assert!(a.is_none(), "{text:?}");
        assert_eq!(codes(&d), ["not-a-mapping"], "{text:?}: {d:?}");
    }
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    let (a, d) = load_text(&text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.unwrap().id, "ok");
    // Positions stay right after a BOM and with CRLF.
    let (_, d) = load_text("\u{feff}id: Bad\r\ntitle: T\r\nparties:\r\n  a: {name: A}\r\n  b: {name: B}\r\n");
    assert_eq!((d[0].code.name(), d[0].line(), d[0].column()), ("invalid-id", 1, 5));
}

#[test]
fn tabs_in_indentation_are_a_located_syntax_error() {
    let (a, d) = load_text("id: x\ntitle: T\nparties:\n\talpha: {name: A}\n");
    assert!(a.is_none());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code.name(), "syntax");
    assert_eq!(d[0].line(), 4);
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = i - 1;
        text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let (a, d) = load_text(&text);
    assert!(a.is_none());
    assert_eq!(d.len(), 1, "{d:?}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 10_000;
    let flow = format!("id: x\ntitle: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let (a, d) = load_text(&flow);
    assert!(a.is_none());
    assert_eq!(d.len(), 1);
    let mut block = String::from("id: x\ntitle:\n");
    for i in 0..depth {
        block.push_str(&" ".repeat(i + 1));
        block.push_str("k:\n");
    }
    let (a, d) = load_text(&block);
    assert!(a.is_none());
    assert_eq!(d.len(), 1);
}

#[test]
fn a_ten_megabyte_file_is_refused_before_parsing() {
    let dir = scratch("large");
    let path = dir.join("large.yaml");
    let mut text = String::from(VALID);
    text.push_str("notes: |\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str("  lorem ipsum dolor sit amet, consectetur adipiscing elit\n");
    }
    std::fs::write(&path, text).unwrap();
    let start = Instant::now();
    let loaded = load_paths(std::slice::from_ref(&dir), 1).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(codes(&loaded.diagnostics), ["unreadable-file"]);
    assert!(loaded.diagnostics[0].message.contains("4 MiB"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn non_utf8_bytes_are_located() {
    let dir = scratch("latin1");
    std::fs::write(dir.join("latin1.yaml"), b"id: x\ntitle: Caf\xe9\n").unwrap();
    let loaded = load_paths(std::slice::from_ref(&dir), 1).unwrap();
    let d = &loaded.diagnostics[0];
    assert_eq!((d.code.name(), d.line(), d.column()), ("unreadable-file", 2, 11));
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn links_fifos_and_unreadable_files_are_skipped_or_reported() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = scratch("links");
    std::fs::write(dir.join("ok.yaml"), VALID).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink(&dir, dir.join("sub").join("loop")).unwrap();
    symlink(dir.join("nowhere.yaml"), dir.join("dangling.yaml")).unwrap();
    let fifo = dir.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let locked = dir.join("locked.yaml");
    std::fs::write(&locked, VALID.replace("id: ok", "id: locked")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = std::fs::read(&locked).is_ok(); // root reads it anyway

    let start = Instant::now();
    let loaded = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "a FIFO or a link loop must not hang the loader"
    );
    let ids: Vec<&str> = loaded.agreements.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"ok"));
    let with = |code: &str| -> Vec<String> {
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.code.name() == code)
            .map(|d| d.file.display().to_string())
            .collect()
    };
    // The loop back to the folder loses nothing: a warning. A broken link or a pipe
    // named like an agreement is an error (tests/hostile.rs has every such case).
    let skipped = with("skipped-path");
    assert!(skipped.iter().any(|f| f.ends_with("loop")), "{skipped:?}");
    let unreadable = with("unreadable-file");
    assert!(
        unreadable.iter().any(|f| f.ends_with("dangling.yaml")),
        "{unreadable:?}"
    );
    if made {
        assert!(unreadable.iter().any(|f| f.ends_with("pipe.yaml")), "{unreadable:?}");
    }
    if !root {
        assert!(loaded
            .diagnostics
            .iter()
            .any(|d| d.code.name() == "unreadable-file" && d.file == locked));
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn ten_thousand_files_in_one_folder() {
    let dir = scratch("many");
    for i in 0..10_000 {
        std::fs::write(
            dir.join(format!("a{i:05}.yaml")),
            VALID.replace("id: ok", &format!("id: a{i:05}")),
        )
        .unwrap();
    }
    let loaded = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    assert_eq!(loaded.agreements.len(), 10_000);
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(loaded.agreements[0].id, "a00000");
    assert_eq!(loaded.agreements[9_999].id, "a09999");
    std::fs::remove_dir_all(dir).unwrap();
}

fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("agreements").unwrap() {
        out.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_text_gives_diagnostics_not_panics(text in "\\PC{0,400}") {
        let (a, d) = parse(Path::new("r.yaml"), &text, Texts::Keep);
        prop_assert!(a.is_some() || !d.is_empty());
    }

    #[test]
    fn mutated_seeds_give_diagnostics_not_panics(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[ -~\\n:#&*\\[\\]{}-]{0,6}"), 1..6),
    ) {
        let mut text = seeds()[which].clone().into_bytes();
        for (at, kind, insert) in edits {
            let i = at.index(text.len().max(1)).min(text.len());
            match kind {
                0 => { text.truncate(i); }
                1 => { text.splice(i..i, insert.bytes()); }
                2 => { let end = (i + 40).min(text.len()); text.drain(i..end); }
                _ => { let end = (i + 60).min(text.len()); let dup: Vec<u8> = text[i..end].to_vec(); text.splice(i..i, dup); }
            }
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        let (a, d) = parse(Path::new("m.yaml"), &text, Texts::Keep);
        prop_assert!(a.is_some() || !d.is_empty());
        for diag in &d {
            prop_assert!(diag.line() >= 1 && diag.column() >= 1);
        }
    }
}
