//! Finding agreement files under a folder: every `*.yaml` / `*.yml` file, hidden
//! entries skipped, links followed once (a link back to a folder already read is
//! skipped with a diagnostic), and anything that looks like an agreement file but cannot
//! be read reported rather than dropped.

use super::load::LoadError;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Adds the agreement files under `dir` to `files`, and a diagnostic to `skipped` for
/// each path that looks like one but is skipped.
pub(super) fn walk(
    dir: &Path,
    files: &mut Vec<Box<Path>>,
    skipped: &mut Vec<Diagnostic>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) -> Result<(), LoadError> {
    let canonical = std::fs::canonicalize(dir).map_err(|e| LoadError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if !seen.insert(canonical) || depth > 32 {
        skipped.push(Diagnostic::new(
            Code::SkippedPath,
            dir,
            None,
            "folder skipped: it links back to a folder already read",
        ));
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        // The entry's own type needs no extra system call; only links are followed.
        let kind = match entry.file_type() {
            Ok(t) if t.is_file() || t.is_dir() => Ok(t),
            _ => std::fs::metadata(&path).map(|m| m.file_type()),
        };
        match kind {
            Ok(m) if m.is_dir() => {
                if is_yaml {
                    skipped.push(Diagnostic::new(
                        Code::SkippedPath,
                        &path,
                        None,
                        "skipped: a folder named like an agreement file",
                    ));
                } else {
                    walk(&path, files, skipped, seen, depth + 1)?;
                }
            }
            Ok(m) if m.is_file() => {
                if is_yaml {
                    files.push(path.into_boxed_path());
                }
            }
            Ok(_) => {
                if is_yaml {
                    skipped.push(Diagnostic::new(
                        Code::SkippedPath,
                        &path,
                        None,
                        "skipped: not a regular file",
                    ));
                }
            }
            Err(e) => {
                if is_yaml {
                    skipped.push(Diagnostic::new(Code::SkippedPath, &path, None, format!("skipped: {e}")));
                }
            }
        }
    }
    Ok(())
}
