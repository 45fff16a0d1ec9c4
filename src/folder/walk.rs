//! Finding agreement files under a folder: every `*.yaml` / `*.yml` entry that is not a
//! folder, in every folder below, hidden entries skipped. Nothing that could hold an
//! agreement vanishes silently:
//!
//! - an entry named like an agreement file is always listed, even when it is a broken
//!   link, a pipe or a device: reading it ([`super::load`]) reports why it cannot be
//!   read, without opening anything that could block;
//! - a folder that cannot be listed, or that lies in the kernel's virtual file systems
//!   (`/proc`, `/sys`, `/dev`, reached through a link), is an `unreadable-folder`
//!   error, and the rest of the folder is still read;
//! - links to folders are followed, after every folder reached without a link, so
//!   that a link to a folder read already (or to a folder that holds the folder being
//!   walked) is the one skipped, with a `skipped-path` warning: its files are read once.
//!
//! The walk keeps its own list of folders to read instead of recursing, so depth costs
//! no stack and needs no limit; entries are read in name order, so which of two paths
//! to the same folder is read never depends on the order the file system lists them in.

use super::load::LoadError;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::{HashMap, VecDeque};
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// The kernel's virtual file systems: what they list are processes and devices, never
/// agreements, and `/proc` links back to `/`, so walking it would walk the machine.
const SYSTEM_FOLDERS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Adds the agreement files under `root` to `files`, each with whether the folder's
/// listing called it a regular file, and a diagnostic to `skipped` for
/// each folder that is not read.
///
/// # Errors
///
/// A [`LoadError`] only when `root` itself cannot be listed: then there is nothing to
/// report. A folder below it that cannot be listed is a diagnostic.
pub(super) fn walk(
    root: &Path,
    files: &mut Vec<(Box<Path>, bool)>,
    skipped: &mut Vec<Diagnostic>,
) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: root.to_path_buf(),
        source,
    };
    let root_real = std::fs::canonicalize(root).map_err(io)?;
    let entries = list(root).map_err(io)?;
    let mut walk = Walk {
        root_real: root_real.clone(),
        seen: HashMap::from([(root_real, root.to_path_buf())]),
        plain: Vec::new(),
        linked: VecDeque::new(),
        files,
        skipped,
    };
    walk.entries(root, entries);
    while let Some(dir) = walk.plain.pop().or_else(|| walk.linked.pop_front()) {
        walk.folder(&dir);
    }
    Ok(())
}

struct Walk<'a> {
    root_real: PathBuf,
    /// Each folder read, by its real path: the path it was read under.
    seen: HashMap<PathBuf, PathBuf>,
    /// Folders still to read, reached without a link (last pushed is read first).
    plain: Vec<PathBuf>,
    /// Folders still to read, reached through a link: read after all the others.
    linked: VecDeque<PathBuf>,
    files: &'a mut Vec<(Box<Path>, bool)>,
    skipped: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Reads one folder below the root, unless it must be skipped.
    fn folder(&mut self, dir: &Path) {
        let real = match std::fs::canonicalize(dir) {
            Ok(real) => real,
            Err(e) => return self.unreadable(dir, format!("folder skipped: it cannot be read: {e}")),
        };
        // (Unless accord was pointed inside one: then that is where the user keeps them.)
        let system = SYSTEM_FOLDERS
            .iter()
            .find(|s| real.starts_with(s) && !self.root_real.starts_with(s));
        if let Some(system) = system {
            return self.unreadable(
                dir,
                format!(
                    "folder skipped: it leads to {}, part of {system}, the kernel's virtual file system, which holds no agreements",
                    real.display()
                ),
            );
        }
        if let Some(first) = self.seen.get(&real) {
            let message = format!("folder skipped: it links to {}, which is read already", first.display());
            return self
                .skipped
                .push(Diagnostic::new(Code::SkippedPath, dir, None, message));
        }
        if self.root_real.starts_with(&real) {
            // The link as written (`..`), not where it resolves on this machine.
            let target = std::fs::read_link(dir).unwrap_or(real);
            let message = format!(
                "folder skipped: it links to {}, which holds the folder being read",
                target.display()
            );
            return self
                .skipped
                .push(Diagnostic::new(Code::SkippedPath, dir, None, message));
        }
        self.seen.insert(real, dir.to_path_buf());
        match list(dir) {
            Ok(entries) => self.entries(dir, entries),
            Err(e) => self.unreadable(dir, format!("folder skipped: it cannot be read: {e}")),
        }
    }

    /// Sorts a folder's entries into agreement files and folders to read.
    fn entries(&mut self, dir: &Path, entries: Listing) {
        if let Some(e) = entries.error {
            self.unreadable(dir, format!("the folder could not be listed to the end: {e}"));
        }
        let mut folders = Vec::new();
        for (name, kind) in entries.entries {
            let text = name.to_string_lossy();
            if text.starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                self.linked.push_back(path);
            } else if text.ends_with(".yaml") || text.ends_with(".yml") {
                // Whatever it is (a file, a broken link, a pipe): reading it says.
                self.files.push((path.into_boxed_path(), kind.is_file()));
            }
        }
        // The first folder in name order is read first.
        self.plain.extend(folders.into_iter().rev());
    }

    fn unreadable(&mut self, dir: &Path, message: String) {
        self.skipped.push(
            Diagnostic::new(Code::UnreadableFolder, dir, None, message).with_help(
                "agreements in it are not read; fix its permissions or the link, or move it out of the folder",
            ),
        );
    }
}

/// A folder's entries in name order, with their own types (links not followed), and
/// the last error met while listing it, if any.
struct Listing {
    entries: Vec<(std::ffi::OsString, FileType)>,
    error: Option<std::io::Error>,
}

fn list(dir: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing {
        entries: Vec::new(),
        error: None,
    };
    for entry in std::fs::read_dir(dir)? {
        // An error from the listing itself ends it (it may repeat forever); an entry
        // whose type cannot be read (it vanished meanwhile) is reported and passed over.
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                listing.error = Some(e);
                break;
            }
        };
        match entry.file_type() {
            Ok(kind) => listing.entries.push((entry.file_name(), kind)),
            Err(e) => listing.error = Some(e),
        }
    }
    listing.entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(listing)
}
