//! One cache entry: what checking one file gave (its diagnostics, its part of the folder
//! index, and its agreement without article texts) in postcard's binary form, behind a
//! header that names the entry's key and format, with a checksum over all of it. The
//! name of an entry is its key: the file's name in the folder and the hash of its bytes,
//! with accord's version, this format and the build. Whatever does not read back exactly
//! (another format or key, a wrong length, a checksum that does not match, a value that
//! does not decode to the end) is no entry at all, and the file is checked again.

use crate::diagnostic::Diagnostic;
use crate::folder::index::Key;
use crate::model::Agreement;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The layout of entries; a change to it, or to any serialised type, must change this
/// (a change to the source changes the build fingerprint in the key as well).
pub(crate) const FORMAT: u32 = 1;

const MAGIC: &[u8; 8] = b"accord\0c";
/// Magic, format, key, the two lengths, checksum.
const HEADER: usize = 8 + 4 + 32 + 4 + 4 + 32;
const CHECKSUM: std::ops::Range<usize> = 52..84;

/// An entry's key, which is also its file name (in hex).
pub(crate) type Name = [u8; 32];

/// The key of the file `rel` (its path in the folder) whose bytes hash to `content`.
/// The path is part of it: a renamed file is checked again.
pub(crate) fn name(rel: &Path, content: &blake3::Hash) -> Name {
    let rel = rel.as_os_str().as_encoded_bytes();
    let mut h = blake3::Hasher::new();
    h.update(b"accord cache entry\0");
    h.update(&FORMAT.to_le_bytes());
    h.update(concat!(env!("CARGO_PKG_VERSION"), "\0", env!("ACCORD_BUILD"), "\0").as_bytes());
    h.update(&(rel.len() as u64).to_le_bytes());
    h.update(rel);
    h.update(content.as_bytes());
    *h.finalize().as_bytes()
}

/// The name of the answer to a command's `question` (the fingerprint of what it asks
/// of each agreement) for the file whose entry is `entry`.
pub(crate) fn answer_name(entry: &Name, question: &[u8; 32]) -> Name {
    let mut h = blake3::Hasher::new();
    h.update(b"accord cache answer\0");
    h.update(entry);
    h.update(question);
    *h.finalize().as_bytes()
}

/// What only the folder-wide checks need: `check` and the first pass of the commands
/// about one agreement read no more.
#[derive(Serialize, Deserialize)]
struct Summary<K, D> {
    key: Option<K>,
    diagnostics: D,
}

/// What an entry gave back; `agreement` only when it was asked for.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub key: Option<Key>,
    pub diagnostics: Vec<Diagnostic>,
    pub agreement: Option<Agreement>,
}

/// The entry `name` for a file whose check gave `agreement` and `diagnostics`.
pub(crate) fn encode(name: &Name, agreement: Option<&Agreement>, diagnostics: &[Diagnostic]) -> Option<Vec<u8>> {
    let key = agreement.map(Key::of);
    let summary = Summary {
        key: key.as_ref(),
        diagnostics,
    };
    let bytes = postcard::to_extend(&summary, vec![0; HEADER]).ok()?;
    let summary_len = bytes.len() - HEADER;
    seal(postcard::to_extend(&agreement, bytes).ok()?, name, summary_len)
}

/// The entry in `bytes`, if it is whole and is the entry `name`; with its agreement
/// when `model` is asked for (and the file had one).
pub(crate) fn decode(bytes: &[u8], name: &Name, model: bool) -> Option<Decoded> {
    let (summary, model_bytes) = unseal(bytes, name)?;
    let summary: Summary<Key, Vec<Diagnostic>> = whole(summary)?;
    let agreement = match (model, &summary.key) {
        (true, Some(_)) => Some(whole::<Option<Agreement>>(model_bytes)??),
        _ => None,
    };
    Some(Decoded {
        key: summary.key,
        diagnostics: summary.diagnostics,
        agreement,
    })
}

/// The entry `name` holding `answer`, what a command made of a file's agreement
/// (`super::Cache::answer`), after the file's summary: the form of the entries of
/// checked files, with the answer where the agreement is.
pub(crate) fn encode_answer<T: Serialize>(
    name: &Name,
    key: &Key,
    diagnostics: &[Diagnostic],
    answer: &T,
) -> Option<Vec<u8>> {
    let summary = Summary {
        key: Some(key),
        diagnostics,
    };
    let bytes = postcard::to_extend(&summary, vec![0; HEADER]).ok()?;
    let summary_len = bytes.len() - HEADER;
    seal(postcard::to_extend(answer, bytes).ok()?, name, summary_len)
}

/// The summary and answer in `bytes`, if it is whole and is the entry `name`.
pub(crate) fn decode_answer<T: for<'de> Deserialize<'de>>(bytes: &[u8], name: &Name) -> Option<(Decoded, T)> {
    let (summary, answer) = unseal(bytes, name)?;
    let summary: Summary<Key, Vec<Diagnostic>> = whole(summary)?;
    let decoded = Decoded {
        key: Some(summary.key?),
        diagnostics: summary.diagnostics,
        agreement: None,
    };
    Some((decoded, whole(answer)?))
}

/// Fills in the header of `bytes` (a header's room, then the body, whose first
/// `summary_len` bytes are the summary): the entry `name`, whole.
fn seal(mut bytes: Vec<u8>, name: &Name, summary_len: usize) -> Option<Vec<u8>> {
    let body = bytes.len().checked_sub(HEADER)?;
    let model_len = u32::try_from(body.checked_sub(summary_len)?).ok()?;
    let summary_len = u32::try_from(summary_len).ok()?;
    bytes[..8].copy_from_slice(MAGIC);
    bytes[8..12].copy_from_slice(&FORMAT.to_le_bytes());
    bytes[12..44].copy_from_slice(name);
    bytes[44..48].copy_from_slice(&summary_len.to_le_bytes());
    bytes[48..52].copy_from_slice(&model_len.to_le_bytes());
    let sum = checksum(&bytes);
    bytes[CHECKSUM].copy_from_slice(sum.as_bytes());
    Some(bytes)
}

/// The two parts of the entry in `bytes`, if it is whole and is the entry `name`.
fn unseal<'b>(bytes: &'b [u8], name: &Name) -> Option<(&'b [u8], &'b [u8])> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC || bytes[8..12] != FORMAT.to_le_bytes() || bytes[12..44] != *name {
        return None;
    }
    let len = |at: usize| bytes[at..at + 4].try_into().ok().map(u32::from_le_bytes);
    let (summary_len, model_len) = (len(44)? as usize, len(48)? as usize);
    if bytes.len() != HEADER + summary_len + model_len || bytes[CHECKSUM] != *checksum(bytes).as_bytes() {
        return None;
    }
    Some(bytes[HEADER..].split_at(summary_len))
}

/// A value that takes up all of `bytes`.
fn whole<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Option<T> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}

/// The hash of an entry's header before its checksum and of everything after it.
fn checksum(bytes: &[u8]) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(&bytes[..CHECKSUM.start]);
    h.update(&bytes[CHECKSUM.end..]);
    h.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::{agreement, Texts};

    const TEXT: &str = "id: x\ntitle: X\nparties:\n  a: {name: A}\n  b: {name: B}\nsigned: {date: 2020-02-29}\n\
        entry_into_force: {upon: signature}\ntermination: {notice: 6 months}\n\
        obligations:\n  - id: meet\n    text: Meet\n    parties: [a, b]\n    every: 1 year\n\
        articles:\n  - number: '1'\n    text: The long text\nunknown: 1\n";

    fn checked() -> (Option<Agreement>, Vec<Diagnostic>) {
        let (a, d) = agreement(Path::new("x.yaml"), &TEXT.replace("unknown: 1\n", ""), Texts::Skip);
        assert!(a.is_some(), "{d:?}");
        (a, d)
    }

    fn name_of(text: &str) -> Name {
        name(Path::new("x.yaml"), &blake3::hash(text.as_bytes()))
    }

    #[test]
    fn an_entry_reads_back_as_the_check_gave_it() {
        let (a, d) = checked();
        let n = name_of("one");
        let bytes = encode(&n, a.as_ref(), &d).unwrap();
        let back = decode(&bytes, &n, true).unwrap();
        // The model has no PartialEq: its debug form shows every field.
        let mut read = back.agreement.unwrap();
        read.file = Path::new("x.yaml").into();
        assert_eq!(format!("{read:?}"), format!("{:?}", a.as_ref().unwrap()));
        let mut diagnostics = back.diagnostics;
        diagnostics.iter_mut().for_each(|x| x.file = Path::new("x.yaml").into());
        assert!(!d.is_empty());
        assert_eq!(diagnostics, d);
        assert_eq!(
            back.key.map(|k| format!("{k:?}")),
            a.as_ref().map(|a| format!("{:?}", Key::of(a)))
        );
        // Asked for the summary alone, no agreement is decoded.
        assert!(decode(&bytes, &n, false).unwrap().agreement.is_none());
    }

    #[test]
    fn a_file_with_errors_keeps_its_diagnostics_and_no_agreement() {
        let (a, d) = agreement(Path::new("x.yaml"), TEXT, Texts::Skip);
        assert!(a.is_none() && !d.is_empty());
        let n = name_of("broken");
        let back = decode(&encode(&n, None, &d).unwrap(), &n, true).unwrap();
        assert!(back.key.is_none() && back.agreement.is_none());
        // Diagnostics are stored without their file: the loader gives them the path.
        let mut read = back.diagnostics;
        read.iter_mut().for_each(|x| x.file = Path::new("x.yaml").into());
        assert_eq!(read, d);
    }

    #[test]
    fn anything_not_exactly_the_entry_is_refused() {
        let (a, d) = checked();
        let n = name_of("one");
        let bytes = encode(&n, a.as_ref(), &d).unwrap();
        assert!(decode(&bytes, &name_of("two"), true).is_none(), "another key");
        for cut in [0, 10, HEADER, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &n, true).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, &n, true).is_none());
        // Every single changed byte (format, lengths, checksum, body) is caught.
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x20;
            assert!(decode(&bad, &n, true).is_none(), "byte {i} changed");
        }
    }

    #[test]
    fn names_differ_by_path_and_content() {
        let content = blake3::hash(b"id: x");
        let a = name(Path::new("a.yaml"), &content);
        assert_eq!(a, name(Path::new("a.yaml"), &content));
        assert_ne!(a, name(Path::new("b.yaml"), &content));
        assert_ne!(a, name(Path::new("a.yaml"), &blake3::hash(b"id: y")));
    }
}
