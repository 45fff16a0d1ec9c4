//! The cache as a whole, across folders: what `accord cache info` shows, what `accord
//! cache clear` removes, and the sweep that drops the cache of a folder that no longer
//! exists.

use super::{folder_dir_name, pack, FOLDER_FILE, PACK_FILE};
use std::path::{Path, PathBuf};

/// Removes the cache of each folder that no longer exists.
pub(super) fn sweep(root: &Path) {
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

/// The entries of a folder's pack (none if it is no pack of this build), and the size
/// of everything in the folder's directory.
fn usage(dir: &Path) -> Usage {
    let mut u = Usage {
        entries: pack::count(&dir.join(PACK_FILE)).unwrap_or(0) as u64,
        bytes: 0,
    };
    let Ok(files) = std::fs::read_dir(dir) else { return u };
    for f in files.flatten() {
        u.bytes += f.metadata().map_or(0, |m| m.len());
    }
    u
}
