//! `accord cache info` and `accord cache clear`: where the cache is and what it holds,
//! and what was removed.

use std::io::{self, Write};
use std::path::Path;

/// A number of entries and their size in bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Usage {
    pub entries: u64,
    pub bytes: u64,
}

/// What `accord cache info` shows.
pub(crate) struct Shown<'a> {
    pub root: &'a Path,
    pub folder: &'a Path,
    /// The folder's cache directory (`None` when the folder does not exist).
    pub dir: Option<&'a Path>,
    /// The entries of the folder's cache.
    pub entries: Usage,
    /// How many folders have a cache, and all their entries.
    pub folders: u64,
    pub all: Usage,
    /// False with `--no-cache` or `ACCORD_NO_CACHE`.
    pub in_use: bool,
}

pub(crate) fn info(out: &mut dyn Write, s: &Shown) -> io::Result<()> {
    writeln!(out, "cache:        {}", s.root.display())?;
    match s.dir {
        Some(dir) => writeln!(out, "folder:       {} in {}", s.folder.display(), dir.display())?,
        None => writeln!(out, "folder:       {} (not found)", s.folder.display())?,
    }
    writeln!(out, "this folder:  {}", usage(s.entries))?;
    let plural = if s.folders == 1 { "" } else { "s" };
    writeln!(out, "all folders:  {} in {} folder{plural}", usage(s.all), s.folders)?;
    if !s.in_use {
        writeln!(out, "in use:       no (--no-cache or ACCORD_NO_CACHE)")?;
    }
    Ok(())
}

pub(crate) fn cleared(out: &mut dyn Write, root: &Path, folder: Option<&Path>, removed: Usage) -> io::Result<()> {
    match folder {
        Some(f) => writeln!(out, "removed the cache of {}: {}", f.display(), usage(removed)),
        None => writeln!(
            out,
            "removed every folder's cache in {}: {}",
            root.display(),
            usage(removed)
        ),
    }
}

/// "1,204 entries, 4.7 MiB".
fn usage(u: Usage) -> String {
    let plural = if u.entries == 1 { "y" } else { "ies" };
    format!("{} entr{plural}, {}", u.entries, size(u.bytes))
}

/// A size in bytes, KiB, MiB or GiB with one decimal.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_naturally() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(3 * 1024 * 1024 * 1024 + 1), "3.0 GiB");
        let one = Usage { entries: 1, bytes: 10 };
        assert_eq!(usage(one), "1 entry, 10 bytes");
        assert_eq!(
            usage(Usage {
                entries: 2,
                bytes: 2048
            }),
            "2 entries, 2.0 KiB"
        );
    }
}
