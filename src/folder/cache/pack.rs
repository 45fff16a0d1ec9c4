//! The pack: one file holding every entry of a folder's cache. A header (magic, this
//! layout's number, a fingerprint of accord's version and build, the number of entries,
//! where the table starts, and a checksum over the header and the table), the entries
//! one after the other as [`super::entry`] encodes them (each with its own key and
//! checksum), then the table: each entry's name, offset and length, sorted by name.
//!
//! A pack is opened by reading its header and table (two reads); an entry is read when
//! it is looked up, with one positioned read of its bytes, so a warm run holds the
//! table and one entry per thread, not the whole pack. A pack whose header, table or
//! layout does not check out is no pack at all: every file is checked again and a new
//! pack is written. A pack is written whole to a temporary file and renamed over the
//! old one, so a reader (who keeps the file it opened) never sees a torn pack; or a
//! run adds its few new entries after the pack's end, then a new table, then the header
//! ([`Writer::resume`]): nothing a reader may have read is moved or overwritten but the
//! header, whose checksum covers the table it points to.

use super::entry::Name;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The layout of packs; a change to it must change this.
pub(crate) const FORMAT: u32 = 1;

pub(crate) const MAGIC: &[u8; 8] = b"accord\0P";
/// Magic, format, build, count, table offset, checksum.
pub(crate) const HEADER: usize = 8 + 4 + 32 + 4 + 8 + 32;
const CHECKSUM: std::ops::Range<usize> = 56..88;
/// A row of the table: name, offset, length.
pub(crate) const ROW: usize = 32 + 8 + 4;

/// Where one entry lies in a pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub name: Name,
    pub offset: u64,
    pub len: u32,
}

/// Accord's version and build, which a pack must have been written by.
pub(crate) fn build() -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"accord cache pack\0");
    h.update(concat!(env!("CARGO_PKG_VERSION"), "\0", env!("ACCORD_BUILD"), "\0").as_bytes());
    *h.finalize().as_bytes()
}

/// What identifies one state of a pack: its length and its header's checksum (over the
/// header and the table). A pack that was replaced or added to since has another.
pub(crate) type Stamp = (u64, [u8; 32]);

/// The stamp of the pack `file` as it is now, if it has a header.
pub(crate) fn stamp(file: &File) -> Option<Stamp> {
    let (header, len) = head(file)?;
    Some((len, header[CHECKSUM].try_into().ok()?))
}

/// The header of the pack `file` and the file's length. The header first, then the
/// length: an addition writes its table before its header and only lengthens the file,
/// so the length read after a header covers its table.
fn head(file: &File) -> Option<([u8; HEADER], u64)> {
    let mut header = [0; HEADER];
    read_at(file, &mut header, 0).ok()?;
    Some((header, file.metadata().ok()?.len()))
}

/// The table of the pack `file` and its stamp, if its header and table are whole and
/// its own.
pub(crate) fn open(file: &File) -> Option<(Vec<Row>, Stamp)> {
    let (header, len) = head(file)?;
    if &header[..8] != MAGIC || header[8..12] != FORMAT.to_le_bytes() || header[12..44] != build() {
        return None;
    }
    let count = u32::from_le_bytes(header[44..48].try_into().ok()?) as u64;
    let at = u64::from_le_bytes(header[48..56].try_into().ok()?);
    // Bytes after the table are those of an addition in progress (or stopped): the pack
    // is what its header says until the addition's header replaces it.
    let end = at.checked_add(count.checked_mul(ROW as u64)?)?;
    if at < HEADER as u64 || end > len {
        return None;
    }
    let mut table = vec![0; usize::try_from(end - at).ok()?];
    read_at(file, &mut table, at).ok()?;
    let mut sum = checksum(&header);
    sum.update(&table);
    if header[CHECKSUM] != *sum.finalize().as_bytes() {
        return None;
    }
    let rows: Vec<Row> = table.chunks_exact(ROW).filter_map(row).collect();
    let sorted = rows.windows(2).all(|w| w[0].name < w[1].name);
    let inside = rows
        .iter()
        .all(|r| r.offset >= HEADER as u64 && r.offset.checked_add(u64::from(r.len)).is_some_and(|e| e <= at));
    let stamp = (len, header[CHECKSUM].try_into().ok()?);
    (rows.len() as u64 == count && sorted && inside).then_some((rows, stamp))
}

fn row(bytes: &[u8]) -> Option<Row> {
    Some(Row {
        name: bytes[..32].try_into().ok()?,
        offset: u64::from_le_bytes(bytes[32..40].try_into().ok()?),
        len: u32::from_le_bytes(bytes[40..44].try_into().ok()?),
    })
}

/// The bytes of the row `r` in a table.
fn row_bytes(r: &Row) -> [u8; ROW] {
    let mut bytes = [0; ROW];
    bytes[..32].copy_from_slice(&r.name);
    bytes[32..40].copy_from_slice(&r.offset.to_le_bytes());
    bytes[40..].copy_from_slice(&r.len.to_le_bytes());
    bytes
}

/// The pack's checksum with the header before its checksum hashed: the table follows.
fn checksum(header: &[u8]) -> blake3::Hasher {
    let mut h = blake3::Hasher::new();
    h.update(&header[..CHECKSUM.start]);
    h
}

/// Reads exactly `buf.len()` bytes of `file` from `offset`, leaving its position as it
/// was on Unix and Windows (threads share the file).
pub(crate) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], offset + done as u64) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let mut f = file;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

/// Appends the `len` bytes of `from` at `offset` to `out`, leaving `from`'s position as
/// it was. `std::io::copy` between two files lets the kernel copy them where it can
/// (`copy_file_range` on Linux), without a buffer here.
fn copy_range(from: &File, offset: u64, len: u64, out: &mut std::io::BufWriter<File>) -> std::io::Result<()> {
    let mut from = from;
    let position = from.stream_position()?;
    from.seek(SeekFrom::Start(offset))?;
    let copied = std::io::copy(&mut from.take(len), out);
    from.seek(SeekFrom::Start(position))?;
    if copied? != len {
        return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
    }
    Ok(())
}

/// A pack being written: entries are appended as they come, the table and header
/// follow when it is finished.
pub(crate) struct Writer {
    out: std::io::BufWriter<File>,
    at: u64,
    rows: Vec<Row>,
}

impl Writer {
    /// A pack in the new file `file` (its header is written last).
    pub(crate) fn new(file: File) -> std::io::Result<Writer> {
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
        out.write_all(&[0; HEADER])?;
        Ok(Writer {
            out,
            at: HEADER as u64,
            rows: Vec::new(),
        })
    }

    /// The pack `file`, of length `len`, to be added to: what is written goes after its
    /// end, then the table [`Writer::finish_with`] writes of it and of the pack's rows
    /// that are kept, then the header, which makes it the pack's table.
    pub(crate) fn resume(mut file: File, len: u64) -> std::io::Result<Writer> {
        file.seek(SeekFrom::Start(len))?;
        Ok(Writer {
            out: std::io::BufWriter::with_capacity(256 * 1024, file),
            at: len,
            rows: Vec::new(),
        })
    }

    /// The file written to, once what was written is in it, and where its entries are.
    pub(crate) fn entries(&mut self) -> std::io::Result<(&File, &[Row])> {
        self.out.flush()?;
        Ok((self.out.get_ref(), &self.rows))
    }

    /// Appends the entry `name`, encoded as `bytes`.
    pub(crate) fn push(&mut self, name: &Name, bytes: &[u8]) -> std::io::Result<()> {
        let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
        self.out.write_all(bytes)?;
        self.rows.push(Row {
            name: *name,
            offset: self.at,
            len,
        });
        self.at += u64::from(len);
        Ok(())
    }

    /// Appends the entries `rows` of the pack `from`, copying runs of adjacent entries
    /// at once. Names already written are skipped.
    pub(crate) fn copy(&mut self, from: &File, mut rows: Vec<Row>) -> std::io::Result<()> {
        let written: std::collections::HashSet<Name> = self.rows.iter().map(|r| r.name).collect();
        rows.retain(|r| !written.contains(&r.name));
        rows.sort_unstable_by_key(|r| r.offset);
        let mut i = 0;
        while i < rows.len() {
            let start = rows[i].offset;
            let mut end = start + u64::from(rows[i].len);
            let mut j = i + 1;
            while j < rows.len() && rows[j].offset == end {
                end += u64::from(rows[j].len);
                j += 1;
            }
            copy_range(from, start, end - start, &mut self.out)?;
            for r in &rows[i..j] {
                self.rows.push(Row {
                    name: r.name,
                    offset: self.at + (r.offset - start),
                    len: r.len,
                });
            }
            self.at += end - start;
            i = j;
        }
        Ok(())
    }

    /// Writes the table and the header; the pack is whole when this returns.
    pub(crate) fn finish(self) -> std::io::Result<usize> {
        self.finish_with(std::iter::empty())
    }

    /// Writes the table of the entries written and of `listed` (rows of the pack this
    /// writer adds to, sorted by name: an entry written wins over a row of the same
    /// name), then the header; the pack is whole when this returns. The table is
    /// written and hashed row by row: a pack of 100,000 entries has a 4.4 MB table.
    pub(crate) fn finish_with<I>(mut self, listed: I) -> std::io::Result<usize>
    where
        I: Iterator<Item = Row> + Clone,
    {
        self.rows.sort_unstable_by_key(|r| r.name);
        self.rows.dedup_by_key(|r| r.name);
        let count = merge(&self.rows, listed.clone()).count();
        let mut header = [0; HEADER];
        header[..8].copy_from_slice(MAGIC);
        header[8..12].copy_from_slice(&FORMAT.to_le_bytes());
        header[12..44].copy_from_slice(&build());
        header[44..48].copy_from_slice(&u32::try_from(count).map_err(std::io::Error::other)?.to_le_bytes());
        header[48..56].copy_from_slice(&self.at.to_le_bytes());
        let mut sum = checksum(&header);
        for r in merge(&self.rows, listed) {
            let row = row_bytes(&r);
            self.out.write_all(&row)?;
            sum.update(&row);
        }
        header[CHECKSUM].copy_from_slice(sum.finalize().as_bytes());
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        Ok(count)
    }
}

/// The rows of `written` and `listed`, both sorted by name, in the order of names; of
/// two rows of the same name, the one of `written`.
fn merge<'a>(written: &'a [Row], listed: impl Iterator<Item = Row> + 'a) -> impl Iterator<Item = Row> + 'a {
    let mut written = written.iter().copied().peekable();
    let mut listed = listed.peekable();
    std::iter::from_fn(move || match (written.peek(), listed.peek()) {
        (Some(w), Some(l)) if l.name < w.name => listed.next(),
        (Some(w), Some(l)) if l.name == w.name => {
            listed.next();
            written.next()
        }
        (Some(_), _) => written.next(),
        (None, _) => listed.next(),
    })
}

/// How many entries the pack at `path` holds, if it is a whole pack of this build.
pub(crate) fn count(path: &Path) -> Option<usize> {
    File::open(path)
        .ok()
        .as_ref()
        .and_then(open)
        .map(|(rows, _)| rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("accord-pack-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(path: &Path, entries: &[(Name, &[u8])]) {
        let mut w = Writer::new(File::create(path).unwrap()).unwrap();
        for (n, b) in entries {
            w.push(n, b).unwrap();
        }
        w.finish().unwrap();
    }

    fn entry(file: &File, r: &Row) -> Vec<u8> {
        let mut buf = vec![0; r.len as usize];
        read_at(file, &mut buf, r.offset).unwrap();
        buf
    }

    #[test]
    fn a_pack_reads_back_sorted_and_copies_whole() {
        let dir = temp("back");
        let path = dir.join("pack");
        write(&path, &[([9; 32], b"nine"), ([1; 32], b"one"), ([5; 32], b"five!")]);
        let file = File::open(&path).unwrap();
        let (rows, _) = open(&file).unwrap();
        assert_eq!(rows.iter().map(|r| r.name[0]).collect::<Vec<_>>(), [1, 5, 9]);
        assert_eq!(entry(&file, &rows[1]), b"five!");
        // Copied into another pack with a new entry, and one of the same name skipped.
        let other = dir.join("other");
        let mut w = Writer::new(File::create(&other).unwrap()).unwrap();
        w.push(&[5; 32], b"new five").unwrap();
        w.copy(&file, rows.clone()).unwrap();
        assert_eq!(w.finish().unwrap(), 3);
        let file2 = File::open(&other).unwrap();
        let (rows2, _) = open(&file2).unwrap();
        let got: Vec<Vec<u8>> = rows2.iter().map(|r| entry(&file2, r)).collect();
        assert_eq!(got, [b"one".to_vec(), b"new five".to_vec(), b"nine".to_vec()]);
        assert_eq!(count(&other), Some(3));
    }

    #[test]
    fn any_change_to_the_header_or_table_and_any_cut_is_no_pack() {
        let dir = temp("bad");
        let path = dir.join("pack");
        write(&path, &[([2; 32], b"two"), ([3; 32], b"three")]);
        let good = std::fs::read(&path).unwrap();
        let entries = HEADER..HEADER + 8;
        for i in (0..good.len()).filter(|i| !entries.contains(i)) {
            let mut bad = good.clone();
            bad[i] ^= 0x10;
            std::fs::write(&path, &bad).unwrap();
            assert_eq!(count(&path), None, "byte {i} changed");
        }
        for cut in [0, 10, HEADER, good.len() - 1] {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert_eq!(count(&path), None, "cut at {cut}");
        }
        // Bytes after the table (an addition in progress, or one that stopped) are not read.
        let mut longer = good.clone();
        longer.extend_from_slice(&[0xff; 100]);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(count(&path), Some(2));
        std::fs::write(&path, &good).unwrap();
        assert_eq!(count(&path), Some(2));
    }
}
