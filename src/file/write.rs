//! Writing an agreement file safely. A file is changed only while its holder has an
//! advisory lock from the operating system on it (`File::lock`, released when the
//! holder exits or is killed), and only by replacing it: a temporary file in the same
//! folder, given the file's mode and owner, synced, then renamed over the file, so a
//! reader, a crash or a kill sees the old text or the new one, never a mixture. A
//! symbolic link is written through to its target; a read-only file, or one with
//! several names (hard links), is refused rather than replaced. Temporary files left
//! by a killed write are removed by the next write to the same file.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Why a file was not written. The file is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} is read-only; accord does not replace a read-only file", .0.display())]
    ReadOnly(PathBuf),
    #[error("{} has {links} names (hard links); replacing it would separate them, so it is left as it is", path.display())]
    Linked { path: PathBuf, links: u64 },
    #[error("{} belongs to user {uid} and group {gid}, and the replacement could not be given that owner ({source})", path.display())]
    Owner {
        path: PathBuf,
        uid: u32,
        gid: u32,
        source: io::Error,
    },
    #[error("{} is being written by another process (it holds the file's lock); try again", .0.display())]
    Busy(PathBuf),
    #[error("{} exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl WriteError {
    fn io<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> WriteError + 'a {
        move |source| WriteError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// Whether the error is a refusal about the file (as opposed to an I/O failure).
    pub(crate) fn is_refusal(&self) -> bool {
        !matches!(self, WriteError::Io { .. })
    }
}

/// An agreement file locked for replacement: the lock is held until this is dropped.
pub(crate) struct Locked {
    /// The file written: the path given, or the target of the symbolic link it is.
    target: PathBuf,
    /// The locked file, open on the version the path names.
    file: File,
}

impl Locked {
    /// Resolves `path` (a symbolic link to its target), waits up to ten seconds for the
    /// lock, removes temporary files a killed write left, and refuses a file that
    /// cannot be replaced as it is (read-only, or with several hard links).
    pub(crate) fn open(path: &Path) -> Result<Locked, WriteError> {
        let target = fs::canonicalize(path).map_err(WriteError::io(path, "find the file"))?;
        let deadline = Instant::now() + LOCK_WAIT;
        let file = loop {
            let file = match OpenOptions::new().read(true).write(true).open(&target) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(WriteError::ReadOnly(target)),
                Err(e) => return Err(WriteError::io(&target, "open the file")(e)),
            };
            lock(&file, &target, deadline)?;
            // A writer that held the lock before us replaced the file: the lock we hold
            // is on the old version. Start again on the new one.
            if same_file(&file, &target).map_err(WriteError::io(&target, "read the file's metadata"))? {
                break file;
            }
        };
        remove_strays(&target);
        let meta = file
            .metadata()
            .map_err(WriteError::io(&target, "read the file's metadata"))?;
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly(target));
        }
        if let Some(links) = hard_links(&meta).filter(|n| *n > 1) {
            return Err(WriteError::Linked { path: target, links });
        }
        Ok(Locked { target, file })
    }

    /// The file's text, read from the locked version.
    pub(crate) fn read(&self) -> io::Result<String> {
        let mut text = String::new();
        (&self.file)
            .take(crate::file::parse::MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)?;
        Ok(text)
    }

    /// Replaces the file with `text`, keeping its mode and owner.
    pub(crate) fn replace(&self, text: &str) -> Result<(), WriteError> {
        let meta = self
            .file
            .metadata()
            .map_err(WriteError::io(&self.target, "read the file's metadata"))?;
        let tmp = Temp::create(&self.target, true)?;
        keep_owner(&tmp.file, &meta, &self.target)?;
        tmp.file
            .set_permissions(meta.permissions())
            .map_err(WriteError::io(&self.target, "give the replacement the file's mode"))?;
        tmp.finish(text, |tmp| fs::rename(tmp, &self.target))
    }
}

/// Creates `path` with `text`, refusing to replace a file that exists (even one created
/// a moment ago by another process): the text is written to a temporary file, synced,
/// then linked to its name, which fails if the name is taken.
pub(crate) fn create_new(path: &Path, text: &str) -> Result<(), WriteError> {
    let dir = folder(path);
    // Writers of a file that does not exist yet lock its folder instead.
    let dir_file = File::open(dir).ok();
    if let Some(d) = &dir_file {
        lock(d, dir, Instant::now() + LOCK_WAIT)?;
    }
    if path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    remove_strays(path);
    let tmp = Temp::create(path, false)?;
    tmp.finish(text, |tmp| match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links: the folder lock keeps other accord
        // processes out; check once more for the name just before renaming.
        Err(_) if !path.exists() => fs::rename(tmp, path),
        Err(e) => Err(e),
    })
    .map_err(|e| match e {
        WriteError::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists => {
            WriteError::Exists(path.to_path_buf())
        }
        e => e,
    })
}

/// Takes the advisory lock on `file`, polling until `deadline`.
fn lock(file: &File, path: &Path, deadline: Instant) -> Result<(), WriteError> {
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => return Err(WriteError::Busy(path.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(WriteError::io(path, "lock the file")(e)),
        }
    }
}

/// The folder a file is in (`.` for a bare file name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The prefix of every temporary file written for `path`: `.NAME.accord-tmp-`.
fn temp_prefix(path: &Path) -> OsString {
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".accord-tmp-");
    name
}

/// Removes the temporary files of `path` that a killed write left behind, and the lock
/// file earlier versions of accord used. Called with the lock held, so no other
/// accord process is writing one of them.
fn remove_strays(path: &Path) {
    let prefix = temp_prefix(path);
    let prefix = prefix.as_encoded_bytes();
    let mut old_lock = path.file_name().unwrap_or_default().to_os_string();
    old_lock.push(".accord-lock");
    let Ok(entries) = fs::read_dir(folder(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stray = name.as_encoded_bytes().starts_with(prefix) || name == old_lock;
        if stray && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file beside the file it will become; removed on drop unless renamed.
struct Temp {
    path: PathBuf,
    /// The file it will become, for messages.
    target: PathBuf,
    file: File,
    done: bool,
}

impl Temp {
    /// `private`: readable by the owner only until the file's own mode is applied, so a
    /// restricted file's text is never exposed, even for a moment.
    fn create(for_path: &Path, private: bool) -> Result<Temp, WriteError> {
        let mut name = temp_prefix(for_path);
        name.push(std::process::id().to_string());
        let path = folder(for_path).join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let file = match options.open(&path) {
            // Left by an earlier process with the same id: it is stray (we hold the lock).
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let _ = fs::remove_file(&path);
                options.open(&path)
            }
            other => other,
        }
        .map_err(WriteError::io(for_path, "create a temporary file in its folder"))?;
        Ok(Temp {
            path,
            target: for_path.to_path_buf(),
            file,
            done: false,
        })
    }

    /// Writes and syncs `text`, then puts the file in place with `publish` and syncs
    /// the folder, so that the new name survives a crash.
    fn finish(mut self, text: &str, publish: impl FnOnce(&Path) -> io::Result<()>) -> Result<(), WriteError> {
        let target = self.target.clone();
        (|| {
            self.file.write_all(text.as_bytes())?;
            self.file.sync_all()
        })()
        .map_err(WriteError::io(&target, "write the temporary file"))?;
        publish(&self.path).map_err(WriteError::io(&target, "put the new version in place"))?;
        self.done = true;
        if let Ok(d) = File::open(folder(&self.path)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        // Renamed: the name is gone. Hard-linked (`create_new`): the temporary name
        // must go. Failed: the temporary file must go.
        if !self.done || self.path.exists() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let (a, b) = (file.metadata()?, fs::metadata(path)?);
    Ok(a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> io::Result<bool> {
    Ok(true)
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> Option<u64> {
    Some(std::os::unix::fs::MetadataExt::nlink(meta))
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> Option<u64> {
    None
}

/// Gives the replacement the owner of the file it replaces, when they differ.
#[cfg(unix)]
fn keep_owner(tmp: &File, meta: &fs::Metadata, path: &Path) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let now = tmp
        .metadata()
        .map_err(WriteError::io(path, "read the temporary file"))?;
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, Some(meta.uid()), Some(meta.gid())).map_err(|source| WriteError::Owner {
        path: path.to_path_buf(),
        uid: meta.uid(),
        gid: meta.gid(),
        source,
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &fs::Metadata, _: &Path) -> Result<(), WriteError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("accord-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_and_removes_strays() {
        let dir = scratch("strays");
        let path = dir.join("a.yaml");
        fs::write(&path, "old").unwrap();
        fs::write(dir.join(".a.yaml.accord-tmp-99999"), "half").unwrap();
        fs::write(dir.join("a.yaml.accord-lock"), "1").unwrap();
        fs::write(dir.join(".b.yaml.accord-tmp-1"), "another file's").unwrap();
        let locked = Locked::open(&path).unwrap();
        assert_eq!(locked.read().unwrap(), "old");
        locked.replace("new").unwrap();
        drop(locked);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(&dir), [".b.yaml.accord-tmp-1", "a.yaml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_second_holder_waits_and_sees_the_new_version() {
        let dir = scratch("wait");
        let path = dir.join("a.yaml");
        fs::write(&path, "v1").unwrap();
        let first = Locked::open(&path).unwrap();
        let p = path.clone();
        let second = std::thread::spawn(move || {
            let l = Locked::open(&p).unwrap();
            l.read().unwrap()
        });
        std::thread::sleep(Duration::from_millis(50));
        first.replace("v2").unwrap();
        drop(first);
        // The second holder locked the old version first, noticed the replacement and
        // started again on the new one.
        assert_eq!(second.join().unwrap(), "v2");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = scratch("create");
        let path = dir.join("n.yaml");
        create_new(&path, "one").unwrap();
        assert!(matches!(create_new(&path, "two"), Err(WriteError::Exists(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(names(&dir), ["n.yaml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_refuses_read_only_and_linked_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let path = dir.join("m.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        Locked::open(&path).unwrap().replace("new").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o7777, 0o640);

        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(Locked::open(&path), Err(WriteError::ReadOnly(_))));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();

        fs::hard_link(&path, dir.join("other-name.yaml")).unwrap();
        assert!(matches!(Locked::open(&path), Err(WriteError::Linked { links: 2, .. })));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        fs::remove_dir_all(dir).unwrap();
    }
}
