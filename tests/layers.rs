//! The layers of DESIGN.md's architecture, checked on the source: no module refers to
//! a module of a higher layer (`crate::cli` from `engine/`, say), and no two engine
//! modules refer to each other.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may refer to (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("keyword", &[]),
    ("suggest", &[]),
    ("diagnostic", &[]),
    ("parallel", &[]),
    ("time", &["keyword"]),
    ("model", &["time", "keyword"]),
    // The checks across a file's clauses (validate/coherence.rs) ask the engines what the
    // record gives: a notice before it is permitted, a recorded entry into force that
    // differs from the clause. The engines never refer back to files.
    ("file", &["engine", "model", "time", "keyword", "diagnostic", "suggest"]),
    (
        "folder",
        &["parallel", "file", "model", "time", "keyword", "diagnostic", "suggest"],
    ),
    ("engine", &["model", "time", "keyword", "suggest"]),
    // The importer turns an agreement's text into a draft file: beside the engines, it
    // reads no file and prints nothing; the command checks and writes what it drafts.
    ("import", &["model", "time", "keyword"]),
    (
        "report",
        &["engine", "import", "model", "time", "keyword", "diagnostic", "parallel"],
    ),
    (
        "cli",
        &[
            "report",
            "engine",
            "import",
            "folder",
            "file",
            "model",
            "time",
            "keyword",
            "diagnostic",
            "suggest",
        ],
    ),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without `#[cfg(test)]` modules (tests may build fixtures with the loader).
fn non_test_code(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The top-level module of a file under src/ (`src/engine/due/items.rs` → `engine`).
fn top_module(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("src").ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every module the code names after `prefix` (`crate::`): `crate::x::…` and each
/// name of `crate::{x, y::z}`.
fn referenced(code: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        match rest.strip_prefix('{') {
            Some(list) => {
                let list = &list[..list.find('}').unwrap_or(list.len())];
                out.extend(list.split(',').map(ident));
            }
            None => {
                out.insert(ident(rest));
            }
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

#[test]
fn no_module_refers_to_a_higher_layer() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let Some(module) = top_module(path) else { continue };
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            continue; // lib.rs, main.rs
        };
        checked += 1;
        let text = std::fs::read_to_string(path).unwrap();
        for used in referenced(non_test_code(&text), "crate::") {
            if used != module && !allowed.contains(&used.as_str()) && ALLOWED.iter().any(|(m, _)| *m == used) {
                failures.push(format!("{}: `{module}` refers to `crate::{used}`", path.display()));
            }
        }
    }
    assert!(checked > 30, "only {checked} files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_two_engine_modules_refer_to_each_other() {
    let mut files = Vec::new();
    sources(Path::new("src/engine"), &mut files);
    let mut edges = BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix("src/engine").unwrap();
        let module = rel.components().next().unwrap().as_os_str().to_str().unwrap();
        let module = module.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let code = non_test_code(&text);
        let mut used = referenced(code, "crate::engine::");
        used.extend(referenced(code, "super::"));
        for u in used {
            if u != module && u != "mod" {
                edges.insert((module.clone(), u));
            }
        }
    }
    assert!(edges.len() > 5, "{edges:?}");
    let cycles: Vec<_> = edges
        .iter()
        .filter(|(a, b)| edges.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(cycles.is_empty(), "engine modules refer to each other: {cycles:?}");
}
