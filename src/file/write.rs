//! Writing an agreement file safely: an exclusive lock per file, and replacement by a
//! temporary file in the same folder, fsync and rename, so that a reader or a crash sees
//! either the old text or the new one, never a mixture.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// An exclusive lock on a file, held by a sibling `.lock` file created with
/// `create_new`; removed on drop.
pub(crate) struct Lock(PathBuf);

impl Lock {
    /// Takes the lock on `file`, waiting up to ten seconds for another holder.
    pub(crate) fn take(file: &Path) -> io::Result<Lock> {
        let mut name = file.file_name().unwrap_or_default().to_os_string();
        name.push(".accord-lock");
        let path = file.with_file_name(name);
        let start = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock(path));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && start.elapsed() < Duration::from_secs(10) => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(io::Error::other(format!(
                        "{} is locked by another accord process; if none is running, remove {}",
                        file.display(),
                        path.display()
                    )));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Replaces `path` with `text`: a temporary file in the same folder, fsync, rename.
pub(crate) fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".accord-tmp-{}", std::process::id()));
    let tmp = dir.join(name);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
