//! Finding and reading agreement files: walks the folder, reads each file under a
//! size cap, parses it with explicit budgets against hostile input, validates it, and
//! hands the folder index to the checks that need the whole folder ([`super::index`]).
//! Files are read on up to `jobs` threads (`super::parallel`); results keep the
//! sorted file order, so the output never depends on thread timing.

use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::file::parse::{self, Texts, MAX_FILE_BYTES};
use crate::folder::index::{Index, Key};
use crate::model::Agreement;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What loading a set of paths gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every agreement that loaded without errors, in file order ([`load_around`]:
    /// only those asked for and those they depend on).
    pub agreements: Vec<Agreement>,
    /// The ids of every agreement of the folder that loaded without errors.
    pub index: Index,
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
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn load_paths(paths: &[PathBuf], jobs: usize) -> Result<Loaded, LoadError> {
    load_paths_with(paths, jobs, Texts::Keep)
}

/// As [`load_paths`]; with [`Texts::Skip`], article texts are parsed but not kept
/// (for commands that never print them: less memory, less time).
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn load_paths_with(paths: &[PathBuf], jobs: usize, texts: Texts) -> Result<Loaded, LoadError> {
    let mut scanned = scan_paths(paths, jobs, texts, |a| a)?;
    let agreements = std::mem::take(&mut scanned.entries);
    Ok(Loaded::of(scanned, agreements))
}

impl Loaded {
    /// The agreements kept from a scan, with the scan's diagnostics and index, and
    /// each agreement told which agreements of the folder supersede it.
    fn of<T>(scanned: Scanned<T>, mut agreements: Vec<Agreement>) -> Loaded {
        for a in &mut agreements {
            if let Some(by) = scanned.superseded_by.get(&a.id) {
                a.superseded_by = by.clone();
            }
        }
        Loaded {
            agreements,
            index: scanned.index,
            diagnostics: scanned.diagnostics,
            files: scanned.files,
            failed_files: scanned.failed_files,
        }
    }
}

/// Loads the agreements `ids` and those their status and timeline depend on: the
/// agreement each falls `under`, the agreements under each, and the agreements that
/// supersede any of these. Every file is still read and checked (the diagnostics are
/// the folder's, and `index` lists every id), but only these agreements are kept
/// whole, read a second time with `texts`: a command about one agreement costs
/// the memory of a few agreements, not of the folder.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn load_around(paths: &[PathBuf], jobs: usize, ids: &[&str], texts: Texts) -> Result<Loaded, LoadError> {
    let scanned = scan_paths(paths, jobs, Texts::Skip, |a| a.file.into_boxed_path())?;
    let ix = &scanned.index;
    let mut wanted: HashSet<String> = ids.iter().map(|id| id.to_string()).collect();
    for (k, _, under) in ix.references() {
        let id = ix.id(k);
        match under {
            Some(parent) if ids.contains(&parent) => wanted.insert(id.to_string()),
            Some(parent) if ids.contains(&id) => wanted.insert(parent.to_string()),
            _ => false,
        };
    }
    let superseders: Vec<String> = wanted
        .iter()
        .filter_map(|w| scanned.superseded_by.get(w))
        .flatten()
        .cloned()
        .collect();
    wanted.extend(superseders);
    let mut agreements = Vec::new();
    for (k, path) in scanned.entries.iter().enumerate() {
        if !wanted.contains(ix.id(k as u32)) {
            continue;
        }
        // Read again: the first pass kept nothing of it. (A file edited in between
        // is taken as it now is.)
        if let (Some(a), _) = load_one(path, texts) {
            agreements.push(a);
        }
    }
    Ok(Loaded::of(scanned, agreements))
}

/// The result of [`scan_paths`]: the valid agreements' ids and what `f` made of each
/// (`entries[k]` belongs to `index.id(k)`), in file order.
#[derive(Debug)]
pub struct Scanned<T> {
    pub index: Index,
    pub entries: Vec<T>,
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

    /// Each valid agreement's id and result, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(k, t)| (self.index.id(k as u32), t))
    }
}

/// Loads every file under `paths` and hands each valid agreement to `f` on the worker
/// thread that parsed it, keeping only `f`'s result and the agreement's entry in the
/// folder [`Index`]: memory stays proportional to what the command reports, not to
/// the folder. Results keep file order; folder-wide checks run on the index.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn scan_paths<T: Send>(
    paths: &[PathBuf],
    jobs: usize,
    texts: Texts,
    f: impl Fn(Agreement) -> T + Sync,
) -> Result<Scanned<T>, LoadError> {
    let mut files: Vec<Box<Path>> = Vec::new();
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
            super::walk::walk(path, &mut files, &mut skipped)?;
        } else {
            files.push(path.as_path().into());
        }
    }
    files.sort_unstable();
    files.dedup();
    files.shrink_to_fit();
    let mut scanned = Scanned {
        index: Index::default(),
        entries: Vec::new(),
        diagnostics: skipped,
        files: files.len(),
        failed_files: 0,
        superseded_by: HashMap::new(),
    };
    #[allow(clippy::borrowed_box)] // the items are the boxed paths
    let work = |path: &Box<Path>| {
        let (agreement, diagnostics) = load_one(path, texts);
        (agreement.map(|a| (Key::of(&a), f(a))), diagnostics)
    };
    crate::folder::parallel::for_each_ordered(&files, jobs.max(1), work, |file, (entry, diagnostics)| {
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            scanned.failed_files += 1;
        }
        scanned.diagnostics.extend(diagnostics);
        if let Some((key, t)) = entry {
            scanned.index.push(file as u32, key);
            scanned.entries.push(t);
        }
    });
    let found = scanned.index.check(&files);
    if !found.bad.is_empty() {
        // One agreement per file: each dropped agreement is a failed file.
        scanned.failed_files += found.bad.len();
        let mut k = 0;
        scanned.entries.retain(|_| {
            k += 1;
            !found.bad.contains(&(k - 1))
        });
        scanned.index.retain(|k| !found.bad.contains(&k));
    }
    scanned.diagnostics.extend(found.diagnostics);
    scanned.superseded_by = found.superseded_by;
    scanned.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(scanned)
}

/// Reads, parses and validates one file.
pub fn load_one(path: &Path, texts: Texts) -> (Option<Agreement>, Vec<Diagnostic>) {
    let bytes = match read_capped(path) {
        Ok(b) => b,
        Err(d) => return (None, vec![*d]),
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
                    Code::UnreadableFile,
                    path,
                    Some(span),
                    format!("the file is not UTF-8 (invalid byte at line {line}, column {column})"),
                )
                .with_help("save the file as UTF-8")],
            );
        }
    };
    parse::agreement(path, &source, texts)
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]. The file's type is looked
/// at before it is opened: opening a pipe would wait for a writer forever, and a device
/// can be endless. (A file swapped for a pipe between the two steps can still block;
/// only a process racing accord inside the folder can do that.)
fn read_capped(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    use std::io::Read;
    let unreadable = |message: String| Box::new(Diagnostic::new(Code::UnreadableFile, path, None, message));
    let meta = std::fs::metadata(path).map_err(|e| not_found(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    // Sized from the file's length (the cap still applies if it grows meanwhile):
    // through `take`, reading would otherwise grow the buffer step by step.
    let len = meta.len().min(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "the file is larger than {} MiB, the limit for one agreement",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Why a path that cannot even be examined is not read: most often a link to nowhere.
fn not_found(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    let d = |message: String| Box::new(Diagnostic::new(Code::UnreadableFile, path, None, message));
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !link {
        return d(format!("cannot read the file: {e}"));
    }
    let message = match std::fs::read_link(path) {
        Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("a link to {}, which does not exist", target.display())
        }
        _ => format!("a link that cannot be followed: {e}"),
    };
    let mut d = d(message);
    d.help = Some("a link must lead to a file (not back to itself); fix the link or remove it".into());
    d
}

/// A path named like an agreement file that is a pipe, a socket or a device.
fn not_regular(path: &Path, kind: std::fs::FileType) -> Box<Diagnostic> {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a named pipe (FIFO)"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = kind;
        "a special file"
    };
    Box::new(
        Diagnostic::new(
            Code::UnreadableFile,
            path,
            None,
            format!("not read: it is {what}, not a regular file"),
        )
        .with_help("an agreement file is a regular file; move this out of the folder or rename it"),
    )
}
