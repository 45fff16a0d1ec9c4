//! Reading and checking one file: its bytes under a size cap, then UTF-8, parsing and
//! validation; or, when the folder has a cache and the file's entry is there, the
//! entry instead of the parser. Either way the result is what checking the file gives.

use super::cache::{self, Cache};
use super::index::Key;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::file::parse::{self, Texts, MAX_FILE_BYTES};
use crate::model::Agreement;
use std::io::Read;
use std::path::Path;

thread_local! {
    static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// What reading one file found.
pub(super) struct Found {
    /// The agreement, if the file has no error and it was asked for (or parsed).
    pub agreement: Option<Agreement>,
    /// The agreement's part of the folder index, when read from the cache.
    pub key: Option<Key>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the cache gave the result.
    pub hit: bool,
}

impl Found {
    /// The agreement's key: read from the cache, or made from the agreement.
    pub(super) fn take_key(&mut self) -> Option<Key> {
        self.key.take().or_else(|| self.agreement.as_ref().map(Key::of))
    }
}

/// Reads and checks the file at `path` (`listed`: which the folder's listing called a
/// regular file, so that it need not be looked at before it is opened). With a cache (and its path `rel` in the folder),
/// a file whose entry is there is not parsed, and one whose entry is not is stored.
/// `model`: the agreement is needed, not only its key and diagnostics. `first`, told
/// the file's entry name, is what the cache has for the file before its entry is looked
/// up (the summary kept with a command's answer for the file).
pub(super) fn check_file(
    path: &Path,
    listed: bool,
    texts: Texts,
    cache: Option<(&Cache, &Path)>,
    model: bool,
    first: impl FnOnce(&cache::Name) -> Option<cache::Decoded>,
) -> Found {
    let parsed = |(agreement, diagnostics)| Found {
        agreement,
        key: None,
        diagnostics,
        hit: false,
    };
    // Entries keep no article texts.
    let Some((cache, rel)) = cache.filter(|_| texts == Texts::Skip) else {
        return parsed(load_one(path, texts));
    };
    // A file the cache has is read only to be hashed: each thread reads such files
    // into the same buffer, which a file to parse takes with it.
    let mut bytes = BUFFER.take();
    if let Err(d) = read_capped(path, listed, &mut bytes) {
        BUFFER.set(bytes);
        return parsed((None, vec![*d]));
    }
    let name = cache::name(rel, &blake3::hash(&bytes));
    if let Some(hit) = first(&name).or_else(|| cache.get(&name, model)) {
        BUFFER.set(bytes);
        let mut diagnostics = hit.diagnostics;
        for d in &mut diagnostics {
            d.file = path.to_path_buf();
        }
        let agreement = hit.agreement.map(|mut a| {
            a.file = path.to_path_buf();
            a
        });
        return Found {
            agreement,
            key: hit.key,
            diagnostics,
            hit: true,
        };
    }
    let (agreement, diagnostics) = check_bytes(path, bytes, texts);
    cache.put(&name, path, agreement.as_ref(), &diagnostics);
    parsed((agreement, diagnostics))
}

/// Reads, parses and validates one file.
pub fn load_one(path: &Path, texts: Texts) -> (Option<Agreement>, Vec<Diagnostic>) {
    let mut bytes = Vec::new();
    match read_capped(path, false, &mut bytes) {
        Ok(()) => check_bytes(path, bytes, texts),
        Err(d) => (None, vec![*d]),
    }
}

/// Checks the bytes of the file at `path`: UTF-8, then parsing and validation.
fn check_bytes(path: &Path, bytes: Vec<u8>, texts: Texts) -> (Option<Agreement>, Vec<Diagnostic>) {
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let span = Span::at(&valid, line, column);
            return (
                None,
                vec![Diagnostic::new(
                    Code::UnreadableFile,
                    path,
                    Some(span),
                    format!("the file is not UTF-8 (invalid byte at line {line}, column {column})"),
                )
                .with_help("save the file as UTF-8")],
            );
        }
    };
    parse::agreement(path, &source, texts)
}

fn unreadable(path: &Path, message: String) -> Diagnostic {
    Diagnostic::new(Code::UnreadableFile, path, None, message)
}

/// Reads the file's bytes into `bytes`, or says why they cannot be read: it is not there
/// (or a link to nowhere), not a regular file, not readable, or over the size limit. The
/// file's type is looked at before it is opened: opening a pipe would wait for a writer
/// forever, and a device can be endless. (A file swapped for a pipe between the two
/// steps can still block; only a process racing accord inside the folder can do that.)
/// A file the folder's listing called a regular file (`listed`) is opened at once: the
/// listing looked at it, as a step before opening would.
fn read_capped(path: &Path, listed: bool, bytes: &mut Vec<u8>) -> Result<(), Box<Diagnostic>> {
    let cannot = |e: std::io::Error| Box::new(unreadable(path, format!("cannot read the file: {e}")));
    if !listed {
        let meta = std::fs::metadata(path).map_err(|e| not_found(path, &e))?;
        if !meta.is_file() {
            return Err(not_regular(path, meta.file_type()));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Without blocking: a named pipe put in the file's place since the listing (which
    // called it regular, so it was not looked at again) would block an open for reading
    // until something writes to it. It opens at once and is refused below.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let mut file = options.open(path).map_err(|e| match e.kind() {
        // Gone since the listing, or a link to nowhere: said as when it is looked at.
        std::io::ErrorKind::NotFound => not_found(path, &e),
        _ => cannot(e),
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    // Sized from the file's length (the cap still applies if it grows meanwhile).
    let len = meta.len().min(MAX_FILE_BYTES + 1);
    read_to_end(&mut file, bytes, len as usize, MAX_FILE_BYTES + 1).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(unreadable(
            path,
            format!(
                "the file is larger than {} MiB, the limit for one agreement",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )));
    }
    Ok(())
}

/// Why a path that cannot even be examined is not read: most often a link to nowhere.
fn not_found(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    let d = |message: String| Box::new(Diagnostic::new(Code::UnreadableFile, path, None, message));
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !link {
        return d(format!("cannot read the file: {e}"));
    }
    let message = match std::fs::read_link(path) {
        Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("a link to {}, which does not exist", target.display())
        }
        _ => format!("a link that cannot be followed: {e}"),
    };
    let mut d = d(message);
    d.help = Some("a link must lead to a file (not back to itself); fix the link or remove it".into());
    d
}

/// A path named like an agreement file that is a pipe, a socket or a device.
fn not_regular(path: &Path, kind: std::fs::FileType) -> Box<Diagnostic> {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a named pipe (FIFO)"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = kind;
        "a special file"
    };
    Box::new(
        Diagnostic::new(
            Code::UnreadableFile,
            path,
            None,
            format!("not read: it is {what}, not a regular file"),
        )
        .with_help("an agreement file is a regular file; move this out of the folder or rename it"),
    )
}

/// Reads everything `from` gives, up to `cap` bytes, into `bytes` (whatever it held
/// before is replaced). With `expected` right, that is one read for the bytes and one
/// that finds the end: the standard library's `read_to_end` without a size hint reads 8
/// KiB at first, and with one asks the file system for the size again.
pub(super) fn read_to_end(from: &mut impl Read, bytes: &mut Vec<u8>, expected: usize, cap: u64) -> std::io::Result<()> {
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    // One byte more than expected, to find the end in the same buffer. Only bytes past
    // the buffer's current length are zeroed.
    bytes.resize(expected.saturating_add(1).min(cap).max(1), 0);
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= cap {
                break;
            }
            bytes.resize(filled.saturating_mul(2).min(cap), 0);
        }
        match from.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                bytes.clear();
                return Err(e);
            }
        }
    }
    bytes.truncate(filled);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_with_any_expected_size_and_stops_at_the_cap() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        for expected in [0, 1, 100, 9_999, 10_000, 20_000] {
            let mut bytes = vec![7; 3];
            read_to_end(&mut &data[..], &mut bytes, expected, u64::MAX).unwrap();
            assert!(bytes == data, "expected {expected}");
        }
        let mut bytes = Vec::new();
        read_to_end(&mut &data[..], &mut bytes, 10, 4_001).unwrap();
        assert_eq!(bytes, data[..4_001]);
        read_to_end(&mut &b""[..], &mut bytes, 0, 5).unwrap();
        assert!(bytes.is_empty());
    }

    /// A named pipe in the place of a file the listing called regular (put there between
    /// the listing and the reading) is refused at once, not waited on.
    #[cfg(unix)]
    #[test]
    fn a_pipe_put_in_a_listed_file_s_place_is_refused_without_waiting() {
        let dir = std::env::temp_dir().join(format!("accord-read-pipe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let pipe = dir.join("swapped.yaml");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success());
        let (done, waited) = std::sync::mpsc::channel();
        let path = pipe.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = done.send(read_capped(&path, true, &mut bytes).map_err(|d| d.message));
        });
        let got = waited.recv_timeout(std::time::Duration::from_secs(10));
        let _ = std::fs::remove_dir_all(&dir);
        let message = got.expect("the read blocked").expect_err("a pipe is no file");
        assert!(message.contains("named pipe"), "{message}");
    }
}
