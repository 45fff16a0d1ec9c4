//! What the folder-wide checks need to know of every agreement, kept compactly (the
//! ids in one string, the references only for agreements that have some), and the
//! checks themselves: ids unique across files, `supersedes` and `under` naming
//! agreements of the folder, no cycles through them.

use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::model::{Agreement, Reference};
use crate::suggest::did_you_mean;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One agreement's contribution to the index, built on the thread that parsed it.
#[derive(Debug)]
pub struct Key {
    id: String,
    refs: Option<Box<Refs>>,
}

#[derive(Debug)]
struct Refs {
    supersedes: Vec<String>,
    under: Option<String>,
}

impl Key {
    pub fn of(a: &Agreement) -> Key {
        let supersedes: Vec<String> = a
            .supersedes
            .iter()
            .filter_map(|r| match r {
                Reference::Id { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect();
        let refs = (!supersedes.is_empty() || a.under.is_some()).then(|| {
            Box::new(Refs {
                supersedes,
                under: a.under.clone(),
            })
        });
        Key { id: a.id.clone(), refs }
    }
}

/// The ids, files and references of the agreements of a folder, numbered in file
/// order: about 30 bytes per agreement plus its id.
#[derive(Debug, Default)]
pub struct Index {
    ids: String,
    ends: Vec<u32>,
    files: Vec<u32>,
    refs: Vec<(u32, Refs)>,
}

/// What the folder-wide checks found.
#[derive(Debug, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// Agreement numbers whose files have an error: they are dropped.
    pub bad: HashSet<u32>,
    /// For each agreement id, the ids of the agreements of the folder that supersede it.
    pub superseded_by: HashMap<String, Vec<String>>,
}

impl Index {
    /// Adds an agreement read from file number `file`; returns its number.
    pub fn push(&mut self, file: u32, key: Key) -> u32 {
        let k = self.files.len() as u32;
        self.ids.push_str(&key.id);
        self.ends.push(self.ids.len() as u32);
        self.files.push(file);
        if let Some(refs) = key.refs {
            self.refs.push((k, *refs));
        }
        k
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The id of agreement `k`.
    pub fn id(&self, k: u32) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k as usize - 1] as usize };
        &self.ids[start..self.ends[k as usize] as usize]
    }

    /// Every id, in agreement order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|k| self.id(k))
    }

    /// The agreements with references: number, `supersedes` ids and `under`.
    pub fn references(&self) -> impl Iterator<Item = (u32, &[String], Option<&str>)> {
        self.refs
            .iter()
            .map(|(k, r)| (*k, r.supersedes.as_slice(), r.under.as_deref()))
    }

    /// The file number of agreement `k`.
    pub fn file(&self, k: u32) -> u32 {
        self.files[k as usize]
    }

    /// Keeps only the agreements for which `keep(k)` holds, renumbering them in order.
    pub fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        let mut old = std::mem::take(self);
        let mut refs = std::mem::take(&mut old.refs).into_iter().peekable();
        for k in 0..old.files.len() as u32 {
            let own = match refs.peek() {
                Some((j, _)) if *j == k => refs.next().map(|(_, r)| Box::new(r)),
                _ => None,
            };
            if keep(k) {
                let id = old.id(k).to_string();
                self.push(old.file(k), Key { id, refs: own });
            }
        }
    }

    /// Runs the folder-wide checks; `files` maps file numbers to paths.
    pub fn check(&self, files: &[Box<Path>]) -> Findings {
        let path = |k: u32| &*files[self.file(k) as usize];
        let mut out = Findings::default();
        // Agreement numbers sorted by id (then file order): duplicates are neighbours,
        // and an id is looked up by binary search.
        let mut by_id: Vec<u32> = (0..self.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| self.id(a).cmp(self.id(b)).then(a.cmp(&b)));
        for pair in by_id.windows(2) {
            let (prev, k) = (pair[0], pair[1]);
            if self.id(prev) == self.id(k) {
                let id = self.id(k);
                out.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        path(k),
                        find_span(path(k), "id:", id),
                        format!("agreement id `{id}` is also used by {}", path(prev).display()),
                    )
                    .with_help(match find_span(path(prev), "id:", id) {
                        Some(first) => format!(
                            "first defined at {}:{}:{}; agreement ids must be unique across the folder",
                            path(prev).display(),
                            first.line,
                            first.column
                        ),
                        None => "agreement ids must be unique across the folder".to_string(),
                    }),
                );
            }
        }
        let known = |id: &str| by_id.binary_search_by(|&k| self.id(k).cmp(id)).is_ok();
        for (k, refs) in &self.refs {
            let targets = refs
                .supersedes
                .iter()
                .map(|t| ("supersedes", t))
                .chain(refs.under.iter().map(|u| ("under", u)));
            for (key, target) in targets {
                if !known(target) {
                    let mut d = Diagnostic::new(
                        Code::UnknownReference,
                        path(*k),
                        find_reference(path(*k), key, target),
                        format!("`{key}` names `{target}`, which is not in the folder"),
                    );
                    let own = self.id(*k);
                    let ids = by_id.iter().map(|&j| self.id(j)).filter(|id| *id != own);
                    let otherwise = match key {
                        "under" => {
                            "the parent agreement must be in the folder checked (check the whole folder, not one file)"
                        }
                        _ => "for an agreement outside the folder write `{title: ..., date: ...}`",
                    };
                    d.help = did_you_mean(target, ids).or(Some(otherwise.into()));
                    out.diagnostics.push(d);
                }
            }
        }
        self.cycles(&mut out.diagnostics, path);
        if !out.diagnostics.is_empty() {
            let bad_files: HashSet<&Path> = out
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.file.as_path())
                .collect();
            let bad = (0..self.len() as u32)
                .filter(|&k| bad_files.contains(path(k)))
                .collect();
            out.bad = bad;
        }
        for (k, refs) in self.refs.iter().filter(|(k, _)| !out.bad.contains(k)) {
            for target in &refs.supersedes {
                out.superseded_by
                    .entry(target.clone())
                    .or_default()
                    .push(self.id(*k).to_string());
            }
        }
        out
    }

    /// Agreements that supersede or fall under themselves through `supersedes` and
    /// `under` edges (only agreements with references can be on a cycle).
    fn cycles<'p>(&self, out: &mut Vec<Diagnostic>, path: impl Fn(u32) -> &'p Path) {
        let edges: HashMap<&str, Vec<&str>> = self
            .refs
            .iter()
            .map(|(k, r)| {
                let mut next: Vec<&str> = r.supersedes.iter().map(String::as_str).collect();
                next.extend(r.under.as_deref());
                (self.id(*k), next)
            })
            .collect();
        for (k, _) in &self.refs {
            let start = self.id(*k);
            let mut stack = vec![start];
            let mut visited = HashSet::new();
            let mut cyclic = false;
            while let Some(node) = stack.pop() {
                for next in edges.get(node).into_iter().flatten() {
                    if *next == start {
                        cyclic = true;
                    } else if visited.insert(*next) {
                        stack.push(next);
                    }
                }
            }
            if cyclic {
                let file = path(*k);
                let span = find_span(file, "", "supersedes:").or_else(|| find_span(file, "", "under:"));
                out.push(Diagnostic::new(
                    Code::ReferenceCycle,
                    file,
                    span,
                    format!("`{start}` supersedes or falls under itself through a chain of references"),
                ));
            }
        }
    }
}

/// Re-reads a file to locate `key` followed by `value` for folder-wide diagnostics
/// (the parsed model keeps no positions). Only used on the error path.
fn find_span(file: &Path, key: &str, value: &str) -> Option<Span> {
    let source = std::fs::read_to_string(file).ok()?;
    for (i, line) in source.lines().enumerate() {
        let Some(k) = line.find(key) else { continue };
        let after = &line[k + key.len()..];
        let Some(v) = after.find(value) else { continue };
        let byte = k + key.len() + v;
        let column = line[..byte].chars().count() + 1;
        return Some(Span::at(&source, i + 1, column));
    }
    None
}

/// Locates a reference to `target` under `key` (`under: x`, or an entry of
/// `supersedes`): the first line, after the key, on which the id stands as a whole
/// token, so that `renewal-2020` is not found inside `id: renewal-2020-lou-1`.
fn find_reference(file: &Path, key: &str, target: &str) -> Option<Span> {
    let source = std::fs::read_to_string(file).ok()?;
    let start = source
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or(0);
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    for (i, line) in source.lines().enumerate().skip(start) {
        let mut from = 0;
        while let Some(found) = line[from..].find(target) {
            let at = from + found;
            let before = line[..at].chars().next_back().is_none_or(|c| !is_id_char(c));
            let after = line[at + target.len()..].chars().next().is_none_or(|c| !is_id_char(c));
            if before && after {
                let column = line[..at].chars().count() + 1;
                return Some(Span::at(&source, i + 1, column));
            }
            from = at + target.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, supersedes: &[&str], under: Option<&str>) -> Key {
        let refs = (!supersedes.is_empty() || under.is_some()).then(|| {
            Box::new(Refs {
                supersedes: supersedes.iter().map(|s| s.to_string()).collect(),
                under: under.map(str::to_string),
            })
        });
        Key { id: id.into(), refs }
    }

    fn files(n: usize) -> Vec<Box<Path>> {
        (0..n)
            .map(|i| Path::new(&format!("/nonexistent/f{i}.yaml")).into())
            .collect()
    }

    #[test]
    fn ids_are_stored_back_to_back_and_read_back() {
        let mut ix = Index::default();
        for (i, id) in ["a", "", "ccc"].iter().enumerate() {
            assert_eq!(ix.push(i as u32 * 2, key(id, &[], None)), i as u32);
        }
        assert_eq!((ix.id(0), ix.id(1), ix.id(2)), ("a", "", "ccc"));
        assert_eq!(ix.file(2), 4);
    }

    #[test]
    fn duplicates_unknown_references_and_cycles() {
        let mut ix = Index::default();
        ix.push(0, key("x", &[], None));
        ix.push(1, key("y", &["x"], None));
        ix.push(2, key("x", &[], None));
        ix.push(3, key("p", &["q"], None));
        ix.push(4, key("q", &[], Some("p")));
        ix.push(5, key("z", &["nowhere"], None));
        let f = ix.check(&files(6));
        let found: Vec<(Code, String)> = f
            .diagnostics
            .iter()
            .map(|d| (d.code, d.file.display().to_string()))
            .collect();
        assert!(
            found.contains(&(Code::DuplicateId, "/nonexistent/f2.yaml".into())),
            "{found:?}"
        );
        assert!(found.contains(&(Code::UnknownReference, "/nonexistent/f5.yaml".into())));
        assert!(found.contains(&(Code::ReferenceCycle, "/nonexistent/f3.yaml".into())));
        assert!(found.contains(&(Code::ReferenceCycle, "/nonexistent/f4.yaml".into())));
        assert_eq!(f.diagnostics.len(), 4);
        let mut bad: Vec<u32> = f.bad.iter().copied().collect();
        bad.sort();
        // An unknown reference is a warning: its agreement is kept.
        assert_eq!(bad, [2, 3, 4]);
        // Only agreements that are kept supersede anything.
        assert_eq!(f.superseded_by.get("x"), Some(&vec!["y".to_string()]));
        assert_eq!(f.superseded_by.get("p"), None);
        ix.retain(|k| !f.bad.contains(&k));
        assert_eq!(
            (ix.len(), ix.id(0), ix.id(1), ix.id(2), ix.file(2)),
            (3, "x", "y", "z", 5)
        );
        let again = ix.check(&files(6));
        assert_eq!(again.diagnostics.len(), 1);
        assert_eq!(again.diagnostics[0].code, Code::UnknownReference);
    }
}
