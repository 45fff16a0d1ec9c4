//! The cache of checked files. Parsing YAML is nearly all of a command's time and a
//! folder barely changes between runs, so what checking each file gave is kept, under
//! the file's name and the hash of its bytes ([`entry`]): a warm run still reads and
//! hashes every file, which it must to know that nothing changed, and decodes an entry
//! instead of parsing. The folder-wide checks are not cached: they run every time, on
//! the files as they are.
//!
//! Accord's cache directory is passed in (the binary finds it). It holds a directory per
//! folder, named by the hash of the folder's canonical path, with a `folder` file naming
//! the folder and one file per entry. Entries are written to a temporary file and
//! renamed, so that a reader finds a whole entry or none, whatever other runs do at the
//! same time; after a scan, entries that no current file used are removed. A cache that
//! cannot be written is read without writing, one that cannot be created is not used: a
//! command gives the same output either way.

mod entry;

pub(crate) use entry::{name, Decoded, Name};

use crate::diagnostic::Diagnostic;
use crate::model::Agreement;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;

/// The file in each folder's directory that names the folder.
const FOLDER_FILE: &str = "folder";

thread_local! {
    static ENTRY: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The cache of one folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The directory exists: entries can be looked up.
    readable: bool,
    /// Entries can be written; cleared by the first write that fails.
    writable: AtomicBool,
    /// Why the cache is not used or not written, the first time it happened.
    problem: OnceLock<String>,
    /// Numbers this process's temporary files.
    temp: AtomicU64,
    /// This process's id, in the names of its temporary files.
    pid: u32,
}

impl Cache {
    /// The cache of `folder` in accord's cache directory `root`, created if it does not
    /// exist. `None` when the folder has no canonical path (it does not exist).
    pub fn open(root: &Path, folder: &Path) -> Option<Cache> {
        let canonical = std::fs::canonicalize(folder).ok()?;
        let dir = root.join(folder_dir_name(&canonical));
        let cache = Cache {
            readable: true,
            writable: AtomicBool::new(true),
            problem: OnceLock::new(),
            temp: AtomicU64::new(0),
            pid: std::process::id(),
            dir,
        };
        if cache.dir.is_dir() {
            return Some(cache);
        }
        match create(root, &cache.dir, &canonical) {
            Ok(()) => Some(cache),
            Err(e) => {
                cache.stop(format!("cannot create {}: {e}", cache.dir.display()));
                Some(Cache {
                    readable: false,
                    ..cache
                })
            }
        }
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
        if !self.readable {
            return None;
        }
        // Each thread reads entries into the same buffer: most entries are a few KiB and
        // take one read, and one more that finds the end.
        let mut bytes = ENTRY.take();
        let expected = 8 * 1024;
        let read = std::fs::File::open(self.dir.join(hex(name)))
            .and_then(|mut f| super::read::read_to_end(&mut f, &mut bytes, expected, u64::MAX));
        let found = read.ok().and_then(|_| entry::decode(&bytes, name, model));
        ENTRY.set(bytes);
        found
    }

    /// Stores what checking the file at `path` gave, as the entry `name`.
    pub(crate) fn put(&self, name: &Name, path: &Path, agreement: Option<&Agreement>, diagnostics: &[Diagnostic]) {
        // Entries hold diagnostics without their file: only a file's own can be stored.
        if !self.writable.load(Ordering::Relaxed) || diagnostics.iter().any(|d| d.file != path) {
            return;
        }
        if let Some(bytes) = entry::encode(name, agreement, diagnostics) {
            self.write(&hex(name), &bytes);
        }
    }

    /// Writes a file of the cache whole or not at all: a temporary file, then renamed.
    fn write(&self, file: &str, bytes: &[u8]) {
        let n = self.temp.fetch_add(1, Ordering::Relaxed);
        let temp = self.dir.join(format!(".tmp-{}-{n}", self.pid));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut f| f.write_all(bytes));
        match written {
            Ok(()) => {}
            // A process of the same id (in another container) has a temporary file of
            // this name: this entry is left to a later run.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return,
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                self.stop(format!("cannot write to {}: {e}", self.dir.display()));
                return;
            }
        }
        // A rename that fails (another run removed the directory) loses only this entry.
        if std::fs::rename(&temp, self.dir.join(file)).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Removes every entry whose name does not start with one of `used` (the first
    /// eight bytes of the names of the entries the scan used), and any temporary file
    /// left by a run that was stopped.
    pub(crate) fn prune(&self, used: &mut [u64]) {
        if !self.readable || !self.writable.load(Ordering::Relaxed) {
            return;
        }
        used.sort_unstable();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let file = file.to_string_lossy();
            if file == FOLDER_FILE {
                continue;
            }
            let prefix = (file.len() == 64)
                .then(|| u64::from_str_radix(&file[..16], 16).ok())
                .flatten();
            if prefix.is_none_or(|p| used.binary_search(&p).is_err()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn stop(&self, problem: String) {
        self.writable.store(false, Ordering::Relaxed);
        let _ = self.problem.set(problem);
    }
}

/// The first eight bytes of an entry's name, which [`Cache::prune`] keeps entries by.
pub(crate) fn prefix(name: &Name) -> u64 {
    let mut first = [0; 8];
    first.copy_from_slice(&name[..8]);
    u64::from_be_bytes(first)
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
    let cache = Cache {
        dir: dir.to_path_buf(),
        readable: true,
        writable: AtomicBool::new(true),
        problem: OnceLock::new(),
        temp: AtomicU64::new(0),
        pid: std::process::id(),
    };
    cache.write(FOLDER_FILE, folder.to_string_lossy().as_bytes());
    match cache.problem.into_inner() {
        Some(problem) => Err(std::io::Error::other(problem)),
        None => Ok(()),
    }
}

/// Removes the cache of each folder that no longer exists.
fn sweep(root: &Path) {
    for dir in folder_dirs(root) {
        let Ok(folder) = std::fs::read_to_string(dir.join(FOLDER_FILE)) else {
            continue;
        };
        // A name that was not UTF-8 cannot be looked up again; leave its cache.
        if !folder.contains('\u{fffd}') && !Path::new(&folder).exists() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// The folders' directories in accord's cache directory.
fn folder_dirs(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit()) && e.path().is_dir()
        })
        .map(|e| e.path())
        .collect()
}

/// How many entries, of how many bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub entries: u64,
    pub bytes: u64,
}

/// What `accord cache info` shows.
#[derive(Clone, Debug)]
pub struct Info {
    /// The directory of the folder's cache (which may not exist yet).
    pub dir: Option<PathBuf>,
    /// The entries of the folder.
    pub folder: Usage,
    /// How many folders have a cache.
    pub folders: u64,
    /// The entries of every folder.
    pub all: Usage,
}

/// What the cache in `root` holds for `folder` and for every folder.
pub fn info(root: &Path, folder: &Path) -> Info {
    let dir = std::fs::canonicalize(folder)
        .ok()
        .map(|c| root.join(folder_dir_name(&c)));
    let dirs = folder_dirs(root);
    let mut all = Usage::default();
    for d in &dirs {
        let u = usage(d);
        all.entries += u.entries;
        all.bytes += u.bytes;
    }
    Info {
        folder: dir.as_deref().map(usage).unwrap_or_default(),
        dir,
        folders: dirs.len() as u64,
        all,
    }
}

/// Removes the cache of `folder`, or with `None` of every folder, and says what it held.
///
/// # Errors
///
/// When a directory of the cache exists but cannot be removed.
pub fn clear(root: &Path, folder: Option<&Path>) -> std::io::Result<Usage> {
    let dirs = match folder {
        Some(f) => std::fs::canonicalize(f)
            .ok()
            .map(|c| root.join(folder_dir_name(&c)))
            .filter(|d| d.is_dir())
            .into_iter()
            .collect(),
        None => folder_dirs(root),
    };
    let mut removed = Usage::default();
    for d in dirs {
        let u = usage(&d);
        std::fs::remove_dir_all(&d)?;
        removed.entries += u.entries;
        removed.bytes += u.bytes;
    }
    Ok(removed)
}

/// The entries in a folder's directory and their size.
fn usage(dir: &Path) -> Usage {
    let mut u = Usage::default();
    let Ok(entries) = std::fs::read_dir(dir) else { return u };
    for e in entries.flatten() {
        if e.file_name().len() == 64 {
            u.entries += 1;
            u.bytes += e.metadata().map_or(0, |m| m.len());
        }
    }
    u
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

    #[test]
    fn entries_are_stored_found_and_pruned() {
        let (root, folder) = (temp("prune"), temp("prune-folder"));
        let cache = Cache::open(&root, &folder).unwrap();
        let (a, b) = (entry_name("a"), entry_name("b"));
        let file = folder.join("a.yaml");
        cache.put(&a, &file, None, &[]);
        cache.put(&b, &file, None, &[]);
        assert!(cache.get(&a, true).is_some() && cache.get(&b, false).is_some());
        assert!(cache.problem().is_none());
        std::fs::write(cache.dir().join(".tmp-1-1"), "left by a run that was stopped").unwrap();
        std::fs::write(cache.dir().join("f".repeat(64)), "an entry of another version").unwrap();
        cache.prune(&mut [prefix(&a)]);
        assert_eq!(names(cache.dir()), [hex(&a), FOLDER_FILE.to_string()]);
        assert!(cache.get(&b, true).is_none());
        // Diagnostics about another file are never stored under this one.
        let other = Diagnostic::new(crate::diagnostic::Code::DuplicateId, &folder.join("b.yaml"), None, "x");
        cache.put(&b, &file, None, &[other]);
        assert!(cache.get(&b, true).is_none());
        assert!(root.join("CACHEDIR.TAG").is_file());
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
        cache.prune(&mut []);
        assert!(Cache::open(&root, &folder.join("missing")).is_none());
    }

    #[test]
    fn caches_of_folders_that_are_gone_are_swept_and_clear_removes_them() {
        let root = temp("sweep");
        let (gone, kept, new) = (temp("sweep-gone"), temp("sweep-kept"), temp("sweep-new"));
        let gone_dir = Cache::open(&root, &gone).unwrap().dir().to_path_buf();
        let cache = Cache::open(&root, &kept).unwrap();
        cache.put(&entry_name("a"), &kept.join("a.yaml"), None, &[]);
        std::fs::remove_dir_all(&gone).unwrap();
        // The first run in a new folder removes the caches of folders that are gone.
        Cache::open(&root, &new).unwrap();
        assert!(!gone_dir.exists() && cache.dir().exists());
        let found = info(&root, &kept);
        assert_eq!((found.folder.entries, found.folders, found.all.entries), (1, 2, 1));
        assert_eq!(found.dir.as_deref(), Some(cache.dir()));
        assert!(found.folder.bytes > 0);
        assert_eq!(clear(&root, Some(&kept)).unwrap().entries, 1);
        assert!(!cache.dir().exists());
        assert_eq!(info(&root, &new).folders, 1);
        clear(&root, None).unwrap();
        assert_eq!(info(&root, &new).folders, 0);
    }

    #[test]
    fn hex_is_lower_case_and_prefixes_read_back() {
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
        let n = entry_name("x");
        assert_eq!(u64::from_str_radix(&hex(&n)[..16], 16).unwrap(), prefix(&n));
    }
}
