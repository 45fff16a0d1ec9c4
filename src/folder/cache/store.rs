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
    /// The pack as it was when the store was opened, its table and its stamp.
    old: Option<(File, Vec<Row>, pack::Stamp)>,
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
            // A header read while another run writes it may be torn: it is read again.
            Ok(f) => match pack::open(&f).or_else(|| pack::open(&f)) {
                Some((rows, stamp)) => {
                    store.used = rows.iter().map(|_| AtomicBool::new(false)).collect();
                    store.prefixes = rows.iter().map(|r| prefix(&r.name)).collect();
                    store.old = Some((f, rows, stamp));
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
        let (file, rows, _) = self.old.as_ref()?;
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
        let (_, rows, _) = self.old.as_ref()?;
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
    /// the pack, the pack in `dir` gets the entries stored and keeps those of the old
    /// pack it used (or all of them without `prune`): added to in place when few of its
    /// bytes would be unused ([`added`]), else written anew and renamed over the old one.
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
        let mut pending = new.into_inner().ok().flatten();
        if stale && !prune {
            // A run that keeps every entry (one that wrote a file) cannot keep those of a
            // pack it could not read: it leaves the pack to the next scan, which writes it
            // anew if it is no pack of this build.
            if let Some(p) = pending {
                let _ = std::fs::remove_file(&p.temp);
            }
            return false;
        }
        let dropped = prune && used.iter().any(|u| !u.load(Ordering::Relaxed));
        if pending.is_none() && !dropped && !stale {
            return false;
        }
        let path = dir.join(&*file);
        if let Some((_, rows, stamp)) = &old {
            if added(&path, *stamp, kept_rows(rows, &used, prune), pending.as_mut()) {
                if let Some(p) = pending {
                    let _ = std::fs::remove_file(&p.temp);
                }
                return true;
            }
        }
        let Some(Pending { temp, mut writer }) = pending.or_else(start) else {
            return false;
        };
        let written = match old {
            Some((f, rows, _)) => writer.copy(&f, kept_rows(&rows, &used, prune).collect()),
            None => Ok(()),
        }
        .and_then(|()| writer.finish());
        // A rename that fails (another run removed the directory) loses only this pack.
        if written.is_err() || std::fs::rename(&temp, &path).is_err() {
            let _ = std::fs::remove_file(&temp);
            return false;
        }
        true
    }
}

/// The rows of `rows` a new pack keeps: with `prune`, those `used` says were used.
fn kept_rows<'a>(rows: &'a [Row], used: &'a [AtomicBool], prune: bool) -> impl Iterator<Item = Row> + Clone + 'a {
    rows.iter()
        .zip(used)
        .filter(move |(_, u)| !prune || u.load(Ordering::Relaxed))
        .map(|(r, _)| *r)
}

/// Adds the entries of `pending` to the pack at `path` in place, after its end, with a
/// table of them and of `kept` (rows of the pack, sorted by name): what a run that
/// changed a few files does, instead of copying a pack of thousands of entries to change
/// a few (and freeing the old one, which some file systems make slower than the copy).
/// Whether it was done. It is not when the pack is no longer the one this run opened
/// (its stamp changed: another run replaced or added to it), when another run is adding
/// to it (the lock is advisory, taken without waiting), or when a quarter or more of the
/// pack's entry bytes would be unused ones: then the pack is written anew, which drops
/// them. Only on Unix, where a lock does not stop readers.
fn added(
    path: &Path,
    stamp: pack::Stamp,
    kept: impl Iterator<Item = Row> + Clone,
    pending: Option<&mut Pending>,
) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let (from, new) = match pending {
        Some(p) => match p.writer.entries() {
            Ok((file, rows)) => (Some(file), rows),
            Err(_) => return false,
        },
        None => (None, &[][..]),
    };
    let added: u64 = new.iter().map(|r| u64::from(r.len)).sum();
    let live = added + kept.clone().map(|r| u64::from(r.len)).sum::<u64>();
    let Ok(file) = std::fs::OpenOptions::new().read(true).write(true).open(path) else {
        return false;
    };
    if file.try_lock().is_err() || pack::stamp(&file) != Some(stamp) {
        return false;
    }
    let (len, _) = stamp;
    // The entry bytes after this addition: the old pack's (with its table, no longer
    // read) and the new entries.
    let bytes = len - pack::HEADER as u64 + added;
    if bytes.saturating_sub(live) >= bytes / 4 {
        return false;
    }
    let written = pack::Writer::resume(file, len).and_then(|mut w| {
        if let Some(from) = from {
            w.copy(from, new.to_vec())?;
        }
        w.finish_with(kept)
    });
    written.is_ok()
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

    fn start(dir: &Path) -> Option<Pending> {
        let temp = dir.join(format!(".tmp-{}", super::super::unique()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&temp)
            .unwrap();
        Some(Pending {
            temp,
            writer: pack::Writer::new(file).unwrap(),
        })
    }

    #[test]
    fn a_few_new_entries_are_added_in_place_and_a_mostly_unused_pack_is_written_anew() {
        let dir = std::env::temp_dir().join(format!("accord-store-add-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let names: Vec<Name> = (0..20u8).map(|k| [k; 32]).collect();
        let mut w = pack::Writer::new(File::create(dir.join("p")).unwrap()).unwrap();
        for (k, n) in names.iter().enumerate() {
            w.push(n, &[k as u8; 1000]).unwrap();
        }
        w.finish().unwrap();
        let before = std::fs::read(dir.join("p")).unwrap();
        let reader = Store::open(&dir, "p");

        // A run that used every entry and stored one more adds it after the pack's end.
        let run = Store::open(&dir, "p");
        assert!(names.iter().all(|n| run.touch(n)));
        run.push(&[99; 32], &[7; 1000], || start(&dir)).unwrap();
        assert!(run.finish(&dir, true, || start(&dir)));
        let after = std::fs::read(dir.join("p")).unwrap();
        assert!(after.len() > before.len() && after[pack::HEADER..before.len()] == before[pack::HEADER..]);
        // A run that opened the pack before reads what it had; one that opens it now,
        // every entry and the new one.
        let now = Store::open(&dir, "p");
        for (k, n) in names.iter().enumerate() {
            let expected = Some(vec![k as u8; 1000]);
            assert_eq!(reader.get(n, |b| Some(b.to_vec())), expected);
            assert_eq!(now.get(n, |b| Some(b.to_vec())), expected);
        }
        assert_eq!(now.get(&[99; 32], |b| Some(b.to_vec())), Some(vec![7; 1000]));
        assert!(reader.get(&[99; 32], |b| Some(b.to_vec())).is_none());
        let none = std::fs::read_dir(&dir).unwrap().flatten().all(|e| e.file_name() == "p");
        assert!(none, "the temporary file is removed");

        // A run that used one entry in ten leaves most bytes unused: written anew.
        let run = Store::open(&dir, "p");
        assert!(names[..2].iter().all(|n| run.touch(n)));
        assert!(run.finish(&dir, true, || start(&dir)));
        let compact = std::fs::read(dir.join("p")).unwrap();
        assert!(compact.len() < before.len() / 5, "{}", compact.len());
        assert_eq!(pack::count(&dir.join("p")), Some(2));

        // A pack replaced since a run opened it is not added to: the run writes its own.
        let late = Store::open(&dir, "p");
        assert!(names[..2].iter().all(|n| late.touch(n)));
        let other = Store::open(&dir, "p");
        assert!(names[..2].iter().all(|n| other.touch(n)));
        other.push(&[98; 32], &[8; 1000], || start(&dir)).unwrap();
        assert!(other.finish(&dir, true, || start(&dir)));
        late.push(&[97; 32], &[9; 1000], || start(&dir)).unwrap();
        assert!(late.finish(&dir, true, || start(&dir)));
        let last = Store::open(&dir, "p");
        let found = |n: &Name| last.get(n, |b| Some(b.to_vec())).is_some();
        assert!(found(&names[0]) && found(&names[1]) && found(&[97; 32]) && !found(&[98; 32]));

        // An addition that stopped before its header left bytes after the table: the
        // pack reads as it was, and the next addition goes after those bytes.
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(dir.join("p")).unwrap();
        f.write_all(&[0xee; 300]).unwrap();
        drop(f);
        let stopped = std::fs::read(dir.join("p")).unwrap();
        let run = Store::open(&dir, "p");
        for n in [names[0], names[1], [97; 32]] {
            assert!(run.get(&n, |b| Some(b.to_vec())).is_some());
        }
        run.push(&[96; 32], &[6; 1000], || start(&dir)).unwrap();
        assert!(run.finish(&dir, true, || start(&dir)));
        let now = std::fs::read(dir.join("p")).unwrap();
        assert!(now.len() > stopped.len() && now[pack::HEADER..stopped.len()] == stopped[pack::HEADER..]);
        let last = Store::open(&dir, "p");
        for n in [names[0], names[1], [97; 32], [96; 32]] {
            assert!(last.get(&n, |b| Some(b.to_vec())).is_some());
        }

        // A pack that cannot be read is not replaced by a run that keeps every entry (one
        // that wrote a file), only by a scan, which checks every file.
        std::fs::write(dir.join("q"), b"no pack").unwrap();
        let wrote = Store::open(&dir, "q");
        wrote.push(&[95; 32], &[5; 1000], || start(&dir)).unwrap();
        assert!(!wrote.finish(&dir, false, || start(&dir)));
        assert_eq!(std::fs::read(dir.join("q")).unwrap(), b"no pack");
        let scan = Store::open(&dir, "q");
        scan.push(&[95; 32], &[5; 1000], || start(&dir)).unwrap();
        assert!(scan.finish(&dir, true, || start(&dir)));
        assert_eq!(pack::count(&dir.join("q")), Some(1));
        let temporary = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".tmp"));
        assert!(!temporary);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
