//! Finding and reading agreement files: walks the folder, reads each file under a
//! size cap, parses it with explicit budgets against hostile input, validates it, and
//! runs the checks that need the whole folder (duplicate ids, references, cycles).
//! Files are read on up to `jobs` threads; results keep the sorted file order, so the
//! output never depends on thread timing.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::{Agreement, Reference};
use crate::raw::RawAgreement;
use crate::suggest::did_you_mean;
use crate::validate;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Files larger than this are refused (documented in docs/format.md).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What loading a set of paths gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every agreement that loaded without errors, in file order.
    pub agreements: Vec<Agreement>,
    /// Every diagnostic, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many agreement files were read.
    pub files: usize,
    /// Files with at least one error (their agreements are not in `agreements`).
    pub failed_files: usize,
}

/// Why loading could not start at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
}

/// Loads every `*.yaml` / `*.yml` file under each path (folders are walked, files
/// are taken as given) using up to `jobs` threads, keeping article texts.
pub fn load_paths(paths: &[PathBuf], jobs: usize) -> Result<Loaded, LoadError> {
    load_paths_with(paths, jobs, true)
}

/// As [`load_paths`]; without `keep_text`, article texts are parsed but not kept
/// (for commands that never print them: less memory, less time).
pub fn load_paths_with(paths: &[PathBuf], jobs: usize, keep_text: bool) -> Result<Loaded, LoadError> {
    let scanned = scan_paths(paths, jobs, keep_text, |a| a)?;
    let mut agreements: Vec<Agreement> = scanned.entries.into_iter().map(|(_, a)| a).collect();
    for a in &mut agreements {
        if let Some(by) = scanned.superseded_by.get(&a.id) {
            a.superseded_by = by.clone();
        }
    }
    Ok(Loaded {
        agreements,
        diagnostics: scanned.diagnostics,
        files: scanned.files,
        failed_files: scanned.failed_files,
    })
}

/// What the folder-wide checks need of an agreement; all a streaming command keeps
/// besides its own result.
#[derive(Clone, Debug)]
pub struct Summary {
    pub id: String,
    pub file: PathBuf,
    pub supersedes: Vec<String>,
    pub under: Option<String>,
}

impl Summary {
    fn of(a: &Agreement) -> Summary {
        Summary {
            id: a.id.clone(),
            file: a.file.clone(),
            supersedes: a
                .supersedes
                .iter()
                .filter_map(|r| {
                    if let Reference::Id(id) = r {
                        Some(id.clone())
                    } else {
                        None
                    }
                })
                .collect(),
            under: a.under.clone(),
        }
    }
}

/// The result of [`scan_paths`]: each valid agreement's summary and what `f` made of it.
#[derive(Debug, Default)]
pub struct Scanned<T> {
    pub entries: Vec<(Summary, T)>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub failed_files: usize,
    /// For each agreement id, the ids of the agreements in the folder that supersede it.
    pub superseded_by: HashMap<String, Vec<String>>,
}

impl<T> Scanned<T> {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Loads every file under `paths` and hands each valid agreement to `f` on the worker
/// thread that parsed it, keeping only `f`'s result and a [`Summary`]: memory stays
/// proportional to what the command reports, not to the folder. Results keep file
/// order; folder-wide checks run on the summaries.
pub fn scan_paths<T: Send>(
    paths: &[PathBuf],
    jobs: usize,
    keep_text: bool,
    f: impl Fn(Agreement) -> T + Sync,
) -> Result<Scanned<T>, LoadError> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                LoadError::Missing(path.clone())
            } else {
                LoadError::Io {
                    path: path.clone(),
                    source: e,
                }
            }
        })?;
        if meta.is_dir() {
            walk(path, &mut files, &mut skipped, &mut HashSet::new(), 0)?;
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    let per_file = parallel_map(&files, jobs.max(1), |path| {
        let (agreement, diagnostics) = crate::raw::lean(!keep_text, || load_one(path));
        (agreement.map(|a| (Summary::of(&a), f(a))), diagnostics)
    });
    let mut scanned = Scanned {
        files: files.len(),
        entries: Vec::new(),
        diagnostics: skipped,
        failed_files: 0,
        superseded_by: HashMap::new(),
    };
    for (entry, diagnostics) in per_file {
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            scanned.failed_files += 1;
        }
        scanned.diagnostics.extend(diagnostics);
        scanned.entries.extend(entry);
    }
    let summaries: Vec<&Summary> = scanned.entries.iter().map(|(s, _)| s).collect();
    let (diagnostics, bad, superseded_by) = folder_checks(&summaries);
    scanned.failed_files += bad.len();
    scanned.diagnostics.extend(diagnostics);
    scanned.entries.retain(|(s, _)| !bad.contains(&s.file));
    scanned.superseded_by = superseded_by;
    scanned.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(scanned)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<Diagnostic>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) -> Result<(), LoadError> {
    let canonical = std::fs::canonicalize(dir).map_err(|e| LoadError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if !seen.insert(canonical) || depth > 32 {
        skipped.push(Diagnostic::new(
            "skipped-path",
            dir,
            None,
            "folder skipped: it links back to a folder already read",
        ));
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                if is_yaml {
                    skipped.push(Diagnostic::new(
                        "skipped-path",
                        &path,
                        None,
                        "skipped: a folder named like an agreement file",
                    ));
                } else {
                    walk(&path, files, skipped, seen, depth + 1)?;
                }
            }
            Ok(m) if m.is_file() => {
                if is_yaml {
                    files.push(path);
                }
            }
            Ok(_) => {
                if is_yaml {
                    skipped.push(Diagnostic::new(
                        "skipped-path",
                        &path,
                        None,
                        "skipped: not a regular file",
                    ));
                }
            }
            Err(e) => {
                if is_yaml {
                    skipped.push(Diagnostic::new("skipped-path", &path, None, format!("skipped: {e}")));
                }
            }
        }
    }
    Ok(())
}

/// Maps `f` over `items` on up to `jobs` scoped threads, keeping the input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if jobs <= 1 || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(jobs);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        // A worker that panicked must not silently drop its files' agreements.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Reads, parses and validates one file.
pub fn load_one(path: &Path) -> (Option<Agreement>, Vec<Diagnostic>) {
    let bytes = match read_capped(path) {
        Ok(b) => b,
        Err(message) => return (None, vec![Diagnostic::new("unreadable-file", path, None, message)]),
    };
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let span = Span::at(&valid, line, column);
            return (
                None,
                vec![Diagnostic::new(
                    "unreadable-file",
                    path,
                    Some(span),
                    format!("the file is not UTF-8 (invalid byte at line {line}, column {column})"),
                )
                .with_help("save the file as UTF-8")],
            );
        }
    };
    load_source(path, &source)
}

/// Parses and validates one file's text.
pub fn load_source(path: &Path, source: &str) -> (Option<Agreement>, Vec<Diagnostic>) {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return (
            None,
            vec![Diagnostic::new("not-a-mapping", path, None, "the file is empty")
                .with_help("an agreement file is a mapping with at least `id`, `title` and `parties`")],
        );
    }
    match serde_saphyr::from_str_with_options::<RawAgreement>(text, parser_options()) {
        Ok(raw) => validate::agreement(raw, path, source),
        Err(e) => (None, vec![syntax_diagnostic(path, source, &e)]),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} MiB, the limit for one agreement",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// The parser's limits, set explicitly (see docs/format.md, "Limits"). The options
/// hold an `Rc`, so each thread builds its own.
pub fn parser_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES as usize);
    budget.max_events = 2_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 48;
    budget.max_documents = 1;
    budget.max_nodes = 1_000_000;
    budget.max_total_scalar_bytes = 2 * MAX_FILE_BYTES as usize;
    let mut aliases = serde_saphyr::options::AliasLimits::default();
    aliases.max_total_replayed_events = 100_000;
    aliases.max_replay_stack_depth = 16;
    aliases.max_alias_expansions_per_anchor = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits = aliases;
    options.strict_booleans = true;
    options.with_snippet = false;
    options
}

/// Turns a parser error into a diagnostic with its code, location and help.
fn syntax_diagnostic(path: &Path, source: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let mut message = err.render_with_options(options);
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    let span = err
        .location()
        .map(|l| Span::at(source, l.line() as usize, l.column() as usize));
    let (code, help) = classify(&message);
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        message = format!("duplicate key `{}`", rest.split(',').next().unwrap_or(rest));
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        message = format!("missing required key {rest}");
    }
    let mut d = Diagnostic::new(code, path, span, message.clone());
    let first_content_line = source
        .lines()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map_or(1, |i| i as u64 + 1);
    let at_top = err.location().is_some_and(|l| l.line() <= first_content_line);
    if code == "syntax" && message.contains("expected mapping start") && at_top {
        d.code = "not-a-mapping";
        d.message = "the top level of an agreement file must be a mapping".into();
    }
    d.help = help;
    d
}

fn classify(message: &str) -> (&'static str, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, list)| list.split(", ").map(|s| s.trim_matches('`')).collect())
            .unwrap_or_default();
        let help = did_you_mean(name, expected.iter().copied())
            .or_else(|| (!expected.is_empty()).then(|| format!("the keys allowed here are: {}", expected.join(", "))));
        return ("unknown-key", help);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return (
            "duplicate-key",
            Some(format!(
                "`{key}` is given twice in this mapping; remove one of the two entries"
            )),
        );
    }
    if message.starts_with("missing field") {
        return ("missing-key", Some("docs/format.md lists the required keys".into()));
    }
    if message.starts_with("unknown variant") {
        return ("invalid-value", None);
    }
    ("syntax", None)
}

/// Checks that need every file: agreement ids unique across files, `supersedes` and
/// `under` references known and free of cycles. Returns the diagnostics, the files
/// whose agreements must be dropped, and the supersession index.
#[allow(clippy::type_complexity)]
fn folder_checks(all: &[&Summary]) -> (Vec<Diagnostic>, HashSet<PathBuf>, HashMap<String, Vec<String>>) {
    let mut out = Vec::new();
    let mut first: HashMap<&str, &Path> = HashMap::new();
    for a in all {
        if let Some(prev) = first.insert(&a.id, &a.file) {
            let span = find_span(&a.file, "id:", &a.id);
            out.push(
                Diagnostic::new(
                    "duplicate-id",
                    &a.file,
                    span,
                    format!("agreement id `{}` is also used by {}", a.id, prev.display()),
                )
                .with_help("agreement ids must be unique across the folder"),
            );
        }
    }
    let ids: HashSet<&str> = all.iter().map(|a| a.id.as_str()).collect();
    for a in all {
        let targets = a
            .supersedes
            .iter()
            .map(|t| ("supersedes", t))
            .chain(a.under.iter().map(|u| ("under", u)));
        for (key, target) in targets {
            if !ids.contains(target.as_str()) {
                let span = find_span(&a.file, "", target);
                let mut d = Diagnostic::new(
                    "unknown-reference",
                    &a.file,
                    span,
                    format!("`{key}` names `{target}`, which is not in the folder"),
                );
                d.help = did_you_mean(target, ids.iter().copied()).or(Some(
                    "for an agreement outside the folder write `{title: ..., date: ...}`".into(),
                ));
                out.push(d);
            }
        }
    }
    // Cycles: follow `supersedes` and `under` edges from each agreement that has any.
    let edges: HashMap<&str, Vec<&str>> = all
        .iter()
        .filter(|a| !a.supersedes.is_empty() || a.under.is_some())
        .map(|a| {
            let mut next: Vec<&str> = a.supersedes.iter().map(String::as_str).collect();
            next.extend(a.under.as_deref());
            (a.id.as_str(), next)
        })
        .collect();
    for a in all.iter().filter(|a| edges.contains_key(a.id.as_str())) {
        let mut stack = vec![a.id.as_str()];
        let mut visited = HashSet::new();
        let mut cyclic = false;
        while let Some(node) = stack.pop() {
            for next in edges.get(node).into_iter().flatten() {
                if *next == a.id {
                    cyclic = true;
                } else if visited.insert(*next) {
                    stack.push(next);
                }
            }
        }
        if cyclic {
            let span = find_span(&a.file, "", "supersedes:").or_else(|| find_span(&a.file, "", "under:"));
            out.push(Diagnostic::new(
                "reference-cycle",
                &a.file,
                span,
                format!(
                    "`{}` supersedes or falls under itself through a chain of references",
                    a.id
                ),
            ));
        }
    }
    let bad: HashSet<PathBuf> = out
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.clone())
        .collect();
    let mut superseded_by: HashMap<String, Vec<String>> = HashMap::new();
    for a in all.iter().filter(|a| !bad.contains(&a.file)) {
        for target in &a.supersedes {
            superseded_by.entry(target.clone()).or_default().push(a.id.clone());
        }
    }
    (out, bad, superseded_by)
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
