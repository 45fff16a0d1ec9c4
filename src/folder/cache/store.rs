//! One pack of a folder's cache as a run uses it: the pack as it was when the run
//! opened it (its file and table, never changed), which of its entries the run read back
//! whole, and the new pack the run writes when it stored an entry or, pruning, left one
//! unused. A folder's directory holds the pack of checked files and, for each command
//! that keeps its answers ([`super::Cache::answer`]), a pack of those.

use super::entry::Name;
use super::pack::{self, Row};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

thread_local! {
    static ENTRY: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The first eight bytes of a name, in the order of names.
fn prefix(name: &Name) -> u64 {
    let mut first = [0; 8];
    first.copy_from_slice(&name[..8]);
    u64::from_be_bytes(first)
}

/// One pack file of a folder's directory.
#[derive(Debug)]
pub(super) struct Store {
    /// The pack's file name in the folder's directory.
    file: Box<str>,
    /// The pack as it was when the store was opened, and its table.
    old: Option<(File, Vec<Row>)>,
    /// The first eight bytes of each name of the table, which a lookup searches: names
    /// are hashes, so these nearly always tell them apart, and they are a fifth of the
    /// table's size, which a lookup on each file of a large folder walks.
    prefixes: Vec<u64>,
    /// Which entries of the old pack were used (read back whole), by table row.
    used: Vec<AtomicBool>,
    /// A file is there but is no pack of this build: it is replaced.
    stale: bool,
    /// The new pack, once an entry was stored.
    new: Mutex<Option<Pending>>,
}

/// A new pack being written.
pub(super) struct Pending {
    pub temp: PathBuf,
    pub writer: pack::Writer,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pending({})", self.temp.display())
    }
}

impl Store {
    /// The pack `file` of the directory `dir`; none there is an empty store.
    pub(super) fn open(dir: &Path, file: &str) -> Store {
        let mut store = Store {
            file: file.into(),
            old: None,
            prefixes: Vec::new(),
            used: Vec::new(),
            stale: false,
            new: Mutex::new(None),
        };
        match File::open(dir.join(&*store.file)) {
            Ok(f) => match pack::open(&f) {
                Some(rows) => {
                    store.used = rows.iter().map(|_| AtomicBool::new(false)).collect();
                    store.prefixes = rows.iter().map(|r| prefix(&r.name)).collect();
                    store.old = Some((f, rows));
                }
                None => store.stale = true,
            },
            Err(e) => store.stale = e.kind() != std::io::ErrorKind::NotFound,
        }
        store
    }

    /// A store of no pack, which writes none.
    pub(super) fn empty() -> Store {
        Store {
            file: "".into(),
            old: None,
            prefixes: Vec::new(),
            used: Vec::new(),
            stale: false,
            new: Mutex::new(None),
        }
    }

    /// The entry `name` as `decode` reads it, if it is there and `decode` takes it.
    pub(super) fn get<T>(&self, name: &Name, decode: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let (file, rows) = self.old.as_ref()?;
        let i = self.find(name)?;
        // Each thread reads entries into the same buffer: one read of the entry's bytes.
        let mut bytes = ENTRY.take();
        bytes.resize(rows[i].len as usize, 0);
        let found = pack::read_at(file, &mut bytes, rows[i].offset)
            .ok()
            .and_then(|()| decode(&bytes));
        ENTRY.set(bytes);
        if found.is_some() {
            self.used[i].store(true, Ordering::Relaxed);
        }
        found
    }

    /// Marks the entry `name` used without reading it; whether the pack has it.
    pub(super) fn touch(&self, name: &Name) -> bool {
        match self.find(name) {
            Some(i) => {
                self.used[i].store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// The row of the entry `name` in the old pack's table.
    fn find(&self, name: &Name) -> Option<usize> {
        let (_, rows) = self.old.as_ref()?;
        let p = prefix(name);
        // The table is sorted by name, so by prefix too; names that share a prefix
        // are next to each other.
        let first = self.prefixes.partition_point(|&q| q < p);
        (first..self.prefixes.len())
            .take_while(|&i| self.prefixes[i] == p)
            .find(|&i| rows[i].name == *name)
    }

    /// Appends the entry `name` to the new pack, begun with `start` if it is not yet.
    /// A failure to write drops the new pack and says why.
    pub(super) fn push(
        &self,
        name: &Name,
        bytes: &[u8],
        start: impl FnOnce() -> Option<Pending>,
    ) -> Result<(), (PathBuf, std::io::Error)> {
        let Ok(mut new) = self.new.lock() else { return Ok(()) };
        if new.is_none() {
            *new = start();
        }
        let Some(pending) = new.as_mut() else { return Ok(()) };
        if let Err(e) = pending.writer.push(name, bytes) {
            let temp = pending.temp.clone();
            let _ = std::fs::remove_file(&temp);
            *new = None;
            return Err((temp, e));
        }
        Ok(())
    }

    /// Ends a run: when it stored entries or, with `prune`, did not use every entry of
    /// the pack, writes the new pack (the entries stored, and those of the old pack it
    /// used, or all of them without `prune`) and renames it over the old one in `dir`.
    /// Whether a pack was written.
    pub(super) fn finish(self, dir: &Path, prune: bool, start: impl FnOnce() -> Option<Pending>) -> bool {
        let Store {
            file,
            old,
            used,
            new,
            stale,
            ..
        } = self;
        let pending = new.into_inner().ok().flatten();
        let dropped = prune && used.iter().any(|u| !u.load(Ordering::Relaxed));
        if pending.is_none() && !dropped && !stale {
            return false;
        }
        let Some(Pending { temp, mut writer }) = pending.or_else(start) else {
            return false;
        };
        let written = match old {
            Some((f, rows)) => {
                let kept = rows
                    .iter()
                    .zip(&used)
                    .filter(|(_, u)| !prune || u.load(Ordering::Relaxed))
                    .map(|(r, _)| *r)
                    .collect();
                writer.copy(&f, kept)
            }
            None => Ok(()),
        }
        .and_then(|()| writer.finish());
        // A rename that fails (another run removed the directory) loses only this pack.
        if written.is_err() || std::fs::rename(&temp, dir.join(&*file)).is_err() {
            let _ = std::fs::remove_file(&temp);
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_by_name_among_names_that_share_a_prefix() {
        let dir = std::env::temp_dir().join(format!("accord-store-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let name = |first: u8, last: u8| {
            let mut n = [first; 32];
            n[31] = last;
            n
        };
        // Three names share their first eight bytes, one differs.
        let names = [name(1, 9), name(1, 2), name(1, 5), name(0, 7)];
        let mut w = pack::Writer::new(File::create(dir.join("p")).unwrap()).unwrap();
        for (k, n) in names.iter().enumerate() {
            w.push(n, &[k as u8]).unwrap();
        }
        w.finish().unwrap();
        let store = Store::open(&dir, "p");
        for (k, n) in names.iter().enumerate() {
            assert_eq!(store.get(n, |b| Some(b.to_vec())), Some(vec![k as u8]), "{k}");
        }
        for absent in [name(1, 3), name(1, 10), name(0, 0), name(2, 0)] {
            assert!(store.find(&absent).is_none() && !store.touch(&absent));
        }
        assert!(Store::open(&dir, "missing").find(&names[0]).is_none());
    }
}
