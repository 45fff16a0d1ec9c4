//! The cache of checked files. Parsing YAML is nearly all of a command's time and a
//! folder barely changes between runs, so what checking each file gave is kept, under
//! the file's name and the hash of its bytes (`entry.rs`): a warm run still reads and
//! hashes every file, which it must to know that nothing changed, and decodes an entry
//! instead of parsing. The folder-wide checks are not cached: they run every time, on
//! the files as they are.
//!
//! Accord's cache directory is passed in (the binary finds it). It holds a directory per
//! folder, named by the hash of the folder's canonical path, with a `folder` file naming
//! the folder and the folder's pack of entries (`pack.rs`). A run reads entries from the pack it
//! opened; when it checked a file the pack did not have, or did not use an entry of it
//! (a file changed or is gone), it writes a new pack of the entries it used, to a
//! temporary file renamed over the old one, so that a reader finds a whole pack, whatever
//! other runs do at the same time (the last to finish wins). A cache that cannot be
//! written is read without writing, one that cannot be created is not used: a command
//! gives the same output either way.

mod entry;
mod manage;
mod pack;
mod store;

pub(crate) use entry::{name, Decoded, Name};
use manage::sweep;
pub use manage::{clear, info, Info, Usage};

use crate::diagnostic::Diagnostic;
use crate::folder::index::Key;
use crate::model::Agreement;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use store::{Pending, Store};

/// The file in each folder's directory that names the folder.
const FOLDER_FILE: &str = "folder";
/// The file in each folder's directory that holds its entries.
const PACK_FILE: &str = "pack";
/// The files that hold a command's answers begin so; the command's name follows.
const ANSWERS_FILE: &str = "answers-";

/// The cache of one folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The directory exists: entries can be looked up.
    readable: bool,
    /// The pack of checked files.
    checked: Store,
    /// The pack of a command's answers, and the fingerprint of its question, when the
    /// command keeps them ([`Cache::ask`]).
    answers: Option<(Store, [u8; 32])>,
    /// Entries can be written; cleared by the first write that fails.
    writable: AtomicBool,
    /// Why the cache is not used or not written, the first time it happened.
    problem: OnceLock<String>,
}

impl Cache {
    /// The cache of `folder` in accord's cache directory `root`, created if it does not
    /// exist. `None` when the folder has no canonical path (it does not exist).
    pub fn open(root: &Path, folder: &Path) -> Option<Cache> {
        let canonical = std::fs::canonicalize(folder).ok()?;
        let dir = root.join(folder_dir_name(&canonical));
        let mut readable = true;
        let problem = OnceLock::new();
        if !dir.is_dir() {
            if let Err(e) = create(root, &dir, &canonical) {
                let _ = problem.set(format!("cannot create {}: {e}", dir.display()));
                readable = false;
            }
        }
        Some(Cache {
            checked: Store::open(&dir, PACK_FILE),
            answers: None,
            writable: AtomicBool::new(readable),
            readable,
            problem,
            dir,
        })
    }

    /// The folder's cache directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why the cache was not used, or not written, if it was not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.get().map(String::as_str)
    }

    /// The entry `name`, if it is there and whole; with its agreement if `model`.
    pub(crate) fn get(&self, name: &Name, model: bool) -> Option<Decoded> {
        self.checked.get(name, |bytes| entry::decode(bytes, name, model))
    }

    /// Stores what checking the file at `path` gave, as the entry `name` (written with
    /// the new pack when the scan is done: [`Cache::finish`]).
    pub(crate) fn put(&self, name: &Name, path: &Path, agreement: Option<&Agreement>, diagnostics: &[Diagnostic]) {
        // Entries hold diagnostics without their file: only a file's own can be stored.
        if !self.writable.load(Ordering::Relaxed) || diagnostics.iter().any(|d| d.file != path) {
            return;
        }
        if let Some(bytes) = entry::encode(name, agreement, diagnostics) {
            self.push(&self.checked, name, &bytes);
        }
    }

    /// Keeps the answers of the command `command` to the question whose fingerprint is
    /// `question` (everything the command asks of each agreement besides the
    /// agreement: the day, its options), in the command's own pack, which holds the
    /// answers to one question: those to another are dropped when the scan is done.
    pub(crate) fn ask(&mut self, command: &str, question: [u8; 32]) {
        if self.readable {
            self.answers = Some((Store::open(&self.dir, &format!("{ANSWERS_FILE}{command}")), question));
        }
    }

    /// The answer kept for the file whose entry is `entry`, to the question asked, with
    /// the file's summary (its key and diagnostics), which the answer keeps so that the
    /// file's entry need not be read: it is only marked used. An answer whose file has
    /// no entry is not taken (the file is checked and stored again).
    pub(crate) fn answer<T: for<'de> serde::Deserialize<'de>>(&self, entry: &Name) -> Option<(Decoded, T)> {
        let (store, question) = self.answers.as_ref()?;
        let name = entry::answer_name(entry, question);
        let found = store.get(&name, |bytes| entry::decode_answer(bytes, &name))?;
        self.checked.touch(entry).then_some(found)
    }

    /// Keeps `answer` for the file at `path`, whose entry is `entry`, to the question
    /// asked, with the file's `key` and `diagnostics`.
    pub(crate) fn keep<T: serde::Serialize>(
        &self,
        entry: &Name,
        path: &Path,
        key: &Key,
        diagnostics: &[Diagnostic],
        answer: &T,
    ) {
        let Some((store, question)) = self.answers.as_ref() else {
            return;
        };
        if !self.writable.load(Ordering::Relaxed) || diagnostics.iter().any(|d| d.file != path) {
            return;
        }
        let name = entry::answer_name(entry, question);
        if let Some(bytes) = entry::encode_answer(&name, key, diagnostics, answer) {
            self.push(store, &name, &bytes);
        }
    }

    /// Appends an entry to the new pack of `store`.
    fn push(&self, store: &Store, name: &Name, bytes: &[u8]) {
        if let Err((_, e)) = store.push(name, bytes, || self.start()) {
            self.stop(format!("cannot write to {}: {e}", self.dir.display()));
        }
    }

    /// A new pack in a temporary file of the folder's directory.
    fn start(&self) -> Option<Pending> {
        if !self.readable || !self.writable.load(Ordering::Relaxed) {
            return None;
        }
        let temp = self.dir.join(format!(".tmp-{}-{}", std::process::id(), unique()));
        let created = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(pack::Writer::new);
        match created {
            Ok(writer) => Some(Pending { temp, writer }),
            // A process of the same id (in another container) has a temporary file of
            // this name: the pack is left to a later run.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                self.writable.store(false, Ordering::Relaxed);
                None
            }
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                self.stop(format!("cannot write to {}: {e}", self.dir.display()));
                None
            }
        }
    }

    /// Ends a scan: each pack that got new entries or, with `prune`, has entries no file
    /// used is written anew ([`Store::finish`]), and any temporary file left by a run that
    /// was stopped is removed.
    pub(crate) fn finish(mut self, prune: bool) {
        let checked = std::mem::replace(&mut self.checked, Store::empty());
        let mut wrote = checked.finish(&self.dir, prune, || self.start());
        if let Some((answers, _)) = self.answers.take() {
            wrote |= answers.finish(&self.dir, prune, || self.start());
        }
        if !wrote {
            return;
        }
        // Files of a stopped run, or of the cache's earlier layouts. A temporary file
        // written to within the last minutes may be another run's pack on its way: left.
        let Ok(files) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for f in files.flatten() {
            let name = f.file_name();
            let stray = name.to_str().is_none_or(|n| match n.strip_prefix(".tmp-") {
                Some(_) => !n.starts_with(&format!(".tmp-{}-", std::process::id())) && stale(&f),
                None => n != FOLDER_FILE && n != PACK_FILE && !n.starts_with(ANSWERS_FILE),
            });
            if stray {
                let _ = std::fs::remove_file(f.path());
            }
        }
    }

    fn stop(&self, problem: String) {
        self.writable.store(false, Ordering::Relaxed);
        let _ = self.problem.set(problem);
    }
}

/// How long a temporary file may go unwritten before it counts as left by a stopped run.
const STALE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Whether the directory entry `f` was last written more than [`STALE`] ago (or when
/// cannot be told, which only a broken file system gives).
fn stale(f: &std::fs::DirEntry) -> bool {
    match f.metadata().and_then(|m| m.modified()) {
        Ok(written) => written.elapsed().is_ok_and(|age| age > STALE),
        Err(_) => true,
    }
}

/// A number no other temporary file of this process has had.
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The name of a folder's directory: the hash of its canonical path.
fn folder_dir_name(canonical: &Path) -> String {
    let hash = blake3::hash(canonical.as_os_str().as_encoded_bytes());
    hex(&hash.as_bytes()[..16])
}

/// Creates the directory of a folder's cache, and accord's cache directory if need be.
/// The first run in a folder also removes the caches of folders that no longer exist.
fn create(root: &Path, dir: &Path, folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(root)?;
    let tag = root.join("CACHEDIR.TAG");
    if !tag.exists() {
        // Backup and archiving tools that honour the convention skip the directory.
        std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# This directory holds accord's cache: `accord cache clear --all` removes it.\n",
        )?;
    }
    sweep(root);
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    // Written whole or not at all, as a pack is.
    let temp = dir.join(format!(".tmp-{}-{}", std::process::id(), unique()));
    let written = std::fs::write(&temp, folder.to_string_lossy().as_bytes())
        .and_then(|()| std::fs::rename(&temp, dir.join(FOLDER_FILE)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("accord-cache-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn entry_name(text: &str) -> Name {
        name(Path::new("a.yaml"), &blake3::hash(text.as_bytes()))
    }

    fn pack_of(cache: &Cache) -> Vec<u8> {
        std::fs::read(cache.dir().join(PACK_FILE)).unwrap()
    }

    #[test]
    fn entries_are_stored_found_and_pruned() {
        let (root, folder) = (temp("prune"), temp("prune-folder"));
        let file = folder.join("a.yaml");
        let (a, b, c) = (entry_name("a"), entry_name("b"), entry_name("c"));
        let cache = Cache::open(&root, &folder).unwrap();
        cache.put(&a, &file, None, &[]);
        cache.put(&b, &file, None, &[]);
        // Nothing is read back before the pack is written.
        assert!(cache.get(&a, true).is_none());
        let dir = cache.dir().to_path_buf();
        cache.finish(true);
        std::fs::write(dir.join(".tmp-1-1"), "left by a run that was stopped").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(dir.join(".tmp-1-1"))
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        // Another run's pack on its way, written to just now: kept.
        std::fs::write(dir.join(".tmp-2-1"), "being written by another run").unwrap();
        std::fs::write(dir.join("f".repeat(64)), "an entry of the layout before packs").unwrap();
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&a, true).is_some() && cache.get(&b, false).is_some());
        assert!(cache.get(&c, true).is_none());
        assert!(cache.problem().is_none());
        // Every entry used, nothing stored: nothing is written.
        let before = std::fs::metadata(dir.join(PACK_FILE)).unwrap().modified().unwrap();
        cache.finish(true);
        assert_eq!(
            std::fs::metadata(dir.join(PACK_FILE)).unwrap().modified().unwrap(),
            before
        );
        assert_eq!(names(&dir).len(), 5);
        // `b` unused: pruned, and the stray files with it, but not the other run's.
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&a, true).is_some());
        cache.finish(true);
        assert_eq!(names(&dir), [".tmp-2-1", FOLDER_FILE, PACK_FILE]);
        std::fs::remove_file(dir.join(".tmp-2-1")).unwrap();
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&a, true).is_some() && cache.get(&b, true).is_none());
        // Without pruning (a writing command), what is stored joins what was there.
        cache.put(&c, &file, None, &[]);
        cache.finish(false);
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&a, true).is_some() && cache.get(&c, true).is_some());
        assert_eq!(info(&root, &folder).folder.entries, 2);
        // Diagnostics about another file are never stored under this one.
        let other = Diagnostic::new(crate::diagnostic::Code::DuplicateId, &folder.join("b.yaml"), None, "x");
        cache.put(&b, &file, None, &[other]);
        cache.finish(false);
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&b, true).is_none());
        assert!(root.join("CACHEDIR.TAG").is_file());
    }

    #[test]
    fn a_pack_that_is_not_whole_is_replaced() {
        let (root, folder) = (temp("stale"), temp("stale-folder"));
        let a = entry_name("a");
        let cache = Cache::open(&root, &folder).unwrap();
        cache.put(&a, &folder.join("a.yaml"), None, &[]);
        let dir = cache.dir().to_path_buf();
        cache.finish(true);
        let good = std::fs::read(dir.join(PACK_FILE)).unwrap();
        std::fs::write(dir.join(PACK_FILE), &good[..good.len() - 1]).unwrap();
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(cache.get(&a, true).is_none());
        // Even with nothing to store, the pack that is no pack is rewritten.
        cache.finish(true);
        let cache = Cache::open(&root, &folder).unwrap();
        assert!(pack_of(&cache) != good[..good.len() - 1]);
        assert_eq!(info(&root, &folder).folder.entries, 0);
    }

    #[test]
    fn a_cache_that_cannot_be_created_is_not_used_and_says_why() {
        let (root, folder) = (temp("blocked"), temp("blocked-folder"));
        // accord's cache directory would be inside a file.
        std::fs::write(root.join("file"), "").unwrap();
        let cache = Cache::open(&root.join("file").join("accord"), &folder).unwrap();
        assert!(
            cache.problem().is_some_and(|p| p.contains("cannot create")),
            "{:?}",
            cache.problem()
        );
        let a = entry_name("a");
        cache.put(&a, &folder.join("a.yaml"), None, &[]);
        assert!(cache.get(&a, true).is_none());
        cache.finish(true);
        assert!(Cache::open(&root, &folder.join("missing")).is_none());
    }

    #[test]
    fn caches_of_folders_that_are_gone_are_swept_and_clear_removes_them() {
        let root = temp("sweep");
        let (gone, kept, new) = (temp("sweep-gone"), temp("sweep-kept"), temp("sweep-new"));
        let gone_dir = Cache::open(&root, &gone).unwrap().dir().to_path_buf();
        let cache = Cache::open(&root, &kept).unwrap();
        cache.put(&entry_name("a"), &kept.join("a.yaml"), None, &[]);
        let kept_dir = cache.dir().to_path_buf();
        cache.finish(true);
        std::fs::remove_dir_all(&gone).unwrap();
        // The first run in a new folder removes the caches of folders that are gone.
        Cache::open(&root, &new).unwrap();
        assert!(!gone_dir.exists() && kept_dir.exists());
        let found = info(&root, &kept);
        assert_eq!((found.folder.entries, found.folders, found.all.entries), (1, 2, 1));
        assert_eq!(found.dir.as_deref(), Some(kept_dir.as_path()));
        assert!(found.folder.bytes > 0);
        assert_eq!(clear(&root, Some(&kept)).unwrap().entries, 1);
        assert!(!kept_dir.exists());
        assert_eq!(info(&root, &new).folders, 1);
        clear(&root, None).unwrap();
        assert_eq!(info(&root, &new).folders, 0);
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
    }
}
