//! Loading a folder: walks it, reads and checks each file (`super::read`: under a size
//! cap, with the parser's budgets against hostile input, or from the folder's cache),
//! and hands the folder index to the checks that need the whole folder
//! ([`super::index`]), which run on every load, cached or not. Files are read on up to
//! `jobs` threads ([`crate::parallel`]); results keep the sorted file order, so the output
//! never depends on thread timing.

use super::cache::Cache;
use super::read::{check_file, Found};
use crate::diagnostic::{Diagnostic, Severity};
use crate::file::parse::Texts;
use crate::folder::index::{Index, Key};
use crate::model::Agreement;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use super::read::load_one;

/// How a folder is read: on how many threads, and with which cache.
#[derive(Clone, Copy, Debug)]
pub struct Reading<'a> {
    pub jobs: usize,
    /// Accord's cache directory, in which each folder read has its cache; `None` reads
    /// without one. (The binary finds it; the library never looks.)
    pub cache: Option<&'a Path>,
}

impl Reading<'static> {
    /// `jobs` threads, no cache.
    pub fn threads(jobs: usize) -> Self {
        Reading { jobs, cache: None }
    }
}

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
    load_paths_with(paths, &Reading::threads(jobs), Texts::Keep)
}

/// As [`load_paths`]; with [`Texts::Skip`], article texts are parsed but not kept
/// (for commands that never print them: less memory, less time), and the cache is used.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn load_paths_with(paths: &[PathBuf], reading: &Reading, texts: Texts) -> Result<Loaded, LoadError> {
    let mut scanned = scan_paths(paths, reading, texts, |a| a)?;
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
pub fn load_around(paths: &[PathBuf], reading: &Reading, ids: &[&str], texts: Texts) -> Result<Loaded, LoadError> {
    let scanned = scan_summaries(paths, reading, |p: &Path| Box::<Path>::from(p))?;
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
    /// How many files the cache gave without parsing.
    pub from_cache: usize,
    /// Why the cache was not used, or not written, if it was not (for `--verbose`).
    pub cache_problem: Option<String>,
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
/// thread that read it, keeping only `f`'s result and the agreement's entry in the
/// folder [`Index`]: memory stays proportional to what the command reports, not to
/// the folder. Results keep file order; folder-wide checks run on the index.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn scan_paths<T: Send>(
    paths: &[PathBuf],
    reading: &Reading,
    texts: Texts,
    f: impl Fn(Agreement) -> T + Sync,
) -> Result<Scanned<T>, LoadError> {
    // Entries hold no article texts: a scan that keeps them has no use for the cache
    // (and must not prune it).
    let reading = Reading {
        cache: reading.cache.filter(|_| texts == Texts::Skip),
        ..*reading
    };
    scan(paths, &reading, None, |path, listed, cache| {
        let mut found = check_file(path, listed, texts, cache, true, |_| None);
        let key = found.take_key();
        let entry = key.zip(found.agreement.take()).map(|(k, a)| (k, f(a)));
        (entry, found)
    })
}

/// As [`scan_paths`] for what needs no agreement, only the folder's diagnostics and
/// index (`check`, the first pass of [`load_around`]): `f` is given each valid
/// agreement's file. From the cache, only each file's summary is decoded.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn scan_summaries<T: Send>(
    paths: &[PathBuf],
    reading: &Reading,
    f: impl Fn(&Path) -> T + Sync,
) -> Result<Scanned<T>, LoadError> {
    scan(paths, reading, None, |path, listed, cache| {
        let mut found = check_file(path, listed, Texts::Skip, cache, false, |_| None);
        (found.take_key().map(|k| (k, f(path))), found)
    })
}

/// As [`scan_paths`] (without article texts), for a command whose answer for each
/// agreement is `answer(question, agreement)`: `question` is everything the command
/// asks of each agreement besides the agreement (the day, the options), and `answer` a
/// plain function, not a closure, so that nothing it reads can be left out of the
/// question. The cache keeps the answers, under each file's entry and the question's
/// fingerprint (the hash of `command`, of `paths` and of the question's debug form), in a pack of
/// `command`'s own: asked the same question again, a file that has not changed is
/// neither decoded nor computed. The pack holds the answers to the last question asked.
///
/// # Errors
///
/// A [`LoadError`] when a path does not exist or a folder cannot be listed; problems
/// with files are diagnostics, not errors.
pub fn scan_answers<Q, T>(
    paths: &[PathBuf],
    reading: &Reading,
    command: &'static str,
    question: &Q,
    answer: fn(&Q, Agreement) -> T,
) -> Result<Scanned<T>, LoadError>
where
    Q: std::fmt::Debug + Sync,
    T: Send + serde::Serialize + for<'de> serde::Deserialize<'de>,
{
    // The paths as given too: an answer may hold a file's path, which is a file's name in
    // the folder (in its entry's name) after the folder's name as given.
    let fingerprint = blake3::hash(format!("{command}\0{paths:?}\0{question:?}").as_bytes());
    scan(
        paths,
        reading,
        Some((command, *fingerprint.as_bytes())),
        |path, listed, cache| {
            let (mut kept, mut entry) = (None, None);
            let mut found = check_file(path, listed, Texts::Skip, cache, true, |name| {
                entry = Some(*name);
                let (summary, t) = cache?.0.answer::<T>(name)?;
                kept = Some(t);
                Some(summary)
            });
            let key = found.take_key();
            let agreement = found.agreement.take();
            let made = key.and_then(|k| match kept {
                Some(t) => Some((k, t)),
                None => {
                    let t = answer(question, agreement?);
                    if let (Some((c, _)), Some(name)) = (cache, entry) {
                        c.keep(&name, path, &k, &found.diagnostics, &t);
                    }
                    Some((k, t))
                }
            });
            (made, found)
        },
    )
}

/// Stores in `folder`'s cache what checking `file` (a file of the folder) gives now:
/// for the commands that write a file, so that the next run finds it. (Nothing stale
/// could be served without it: a changed file has another entry.)
pub fn refresh(folder: &Path, file: &Path, cache_root: &Path) {
    let (Some(cache), Ok(rel)) = (Cache::open(cache_root, folder), file.strip_prefix(folder)) else {
        return;
    };
    check_file(file, false, Texts::Skip, Some((&cache, rel)), false, |_| None);
    // The other files were not read: their entries are kept.
    cache.finish(false);
}

/// One file to read: its path, and which of the scan's paths it was found under (none
/// for a file given by name, which is read without the cache).
/// And whether the folder's listing called it a regular file.
type Item = (Box<Path>, Option<u32>, bool);

/// The walk, the reading of every file by `work` (given its path and, when the folder
/// it was found in has a cache, the cache and its path in the folder), the folder-wide
/// checks, and the pruning of the caches. `asked`: the command and question whose
/// answers each cache keeps ([`scan_answers`]).
fn scan<T: Send>(
    paths: &[PathBuf],
    reading: &Reading,
    asked: Option<(&str, [u8; 32])>,
    work: impl Fn(&Path, bool, Option<(&Cache, &Path)>) -> (Option<(Key, T)>, Found) + Sync,
) -> Result<Scanned<T>, LoadError> {
    let (items, skipped) = collect(paths)?;
    // One cache per folder given (two names of one folder share it).
    let mut caches: Vec<Cache> = Vec::new();
    let mut cache_of: Vec<Option<usize>> = Vec::new();
    for path in paths {
        let opened = reading
            .cache
            .filter(|_| path.is_dir())
            .and_then(|root| Cache::open(root, path))
            .map(|mut c| {
                if let Some((command, question)) = asked {
                    c.ask(command, question);
                }
                c
            });
        cache_of.push(opened.map(|c| match caches.iter().position(|d| d.dir() == c.dir()) {
            Some(i) => i,
            None => {
                caches.push(c);
                caches.len() - 1
            }
        }));
    }
    let mut scanned = Scanned {
        index: Index::default(),
        entries: Vec::new(),
        diagnostics: skipped,
        files: items.len(),
        failed_files: 0,
        superseded_by: HashMap::new(),
        from_cache: 0,
        cache_problem: None,
    };
    let read = |(path, root, listed): &Item| {
        let cache = root.and_then(|r| {
            let c = cache_of[r as usize]?;
            Some((&caches[c], path.strip_prefix(&paths[r as usize]).ok()?))
        });
        let (entry, found) = work(path, *listed, cache);
        (entry, found.diagnostics, found.hit)
    };
    crate::parallel::for_each_ordered(&items, reading.jobs.max(1), read, |file, result| {
        let (entry, diagnostics, hit) = result;
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            scanned.failed_files += 1;
        }
        scanned.diagnostics.extend(diagnostics);
        if let Some((key, t)) = entry {
            scanned.index.push(file as u32, key);
            scanned.entries.push(t);
        }
        scanned.from_cache += usize::from(hit);
    });
    scanned.cache_problem = caches.iter().find_map(|c| c.problem().map(String::from));
    // Every file of each folder was read: entries no file used are dropped.
    for cache in caches {
        cache.finish(true);
    }
    let files: Vec<Box<Path>> = items.into_iter().map(|(p, _, _)| p).collect();
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

/// The agreement files under `paths` in sorted order, each with the number of the
/// folder it was found in, and a diagnostic for each path skipped.
fn collect(paths: &[PathBuf]) -> Result<(Vec<Item>, Vec<Diagnostic>), LoadError> {
    let mut files: Vec<(Box<Path>, bool)> = Vec::new();
    let mut roots: Vec<Option<u32>> = Vec::new();
    let mut skipped = Vec::new();
    for (i, path) in paths.iter().enumerate() {
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
            roots.resize(files.len(), u32::try_from(i).ok());
        } else {
            files.push((path.as_path().into(), false));
            roots.push(None);
        }
    }
    let mut items: Vec<Item> = files
        .into_iter()
        .zip(roots)
        .map(|((path, listed), root)| (path, root, listed))
        .collect();
    // By path, then by the first folder it was found in.
    items.sort_unstable();
    items.dedup_by(|later, first| later.0 == first.0);
    items.shrink_to_fit();
    Ok((items, skipped))
}
