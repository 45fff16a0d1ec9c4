//! Fingerprints the source this build is made from, for the cache (`src/folder/cache/`):
//! an entry holds what one build's parser and checks made of a file, so its key names the
//! build, not only the version number, which stays the same between released versions.
//! The fingerprint covers every file under `src/`, `Cargo.toml` and `Cargo.lock` (the
//! parser's version); any change to them gives new keys, and the old entries are pruned.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    for watched in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    files.push(PathBuf::from("Cargo.toml"));
    files.push(PathBuf::from("Cargo.lock"));
    // `DefaultHasher::new` has fixed keys: the same input, the same fingerprint.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for file in &files {
        file.hash(&mut h);
        // A missing Cargo.lock (a published crate built without one) hashes as empty.
        std::fs::read(file).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=ACCORD_BUILD={:016x}", h.finish());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
