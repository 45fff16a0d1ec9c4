//! The cache of checked files never changes what accord prints. A property test edits,
//! adds, deletes, renames and swaps random files of a folder between runs and compares
//! every cached run of `due`, `list`, `check` and `status`, in every format, with the same
//! run without the cache, byte for byte; further tests give accord a corrupt cache, one
//! from another version, one it cannot write, and several runs at once. The answers that
//! `due` and `list` keep are never those of another day, option, folder name or file.

use accord::cli::{Cli, Invocation, Io, Terminal};
use accord::file::parse::Texts;
use accord::folder::load::{scan_answers, scan_paths, Reading};
use clap::Parser;
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-11-22";

/// Every command that reads the whole folder, in every format.
const COMMANDS: [&[&str]; 14] = [
    &["due"],
    &["due", "--format", "json"],
    &["due", "--format", "csv"],
    &["due", "--format", "ics"],
    &["due", "--format", "markdown"],
    &["list"],
    &["list", "--format", "json"],
    &["check"],
    &["check", "--format", "json"],
    &["check", "--format", "github"],
    &["check", "--format", "gitlab"],
    &["check", "--format", "sarif"],
    &["status"],
    &["status", "--format", "json"],
];

/// A new empty directory for one test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder of the bundled agreements, the desk fixtures, the folder-wide check
/// fixtures and some broken files.
fn folder(name: &str) -> PathBuf {
    let dir = temp(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for source in ["agreements", "tests/fixtures/desk", "tests/fixtures/folder-checks"] {
        for entry in std::fs::read_dir(root.join(source)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    for broken in ["syntax", "invalid-date", "unknown-reference", "unknown-key", "empty"] {
        let from = root.join(format!("tests/fixtures/broken/{broken}.yaml"));
        std::fs::copy(from, dir.join(format!("broken-{broken}.yaml"))).unwrap();
    }
    dir
}

/// The agreement files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The packs of every folder's cache under `root` (accord's cache directory, or a
/// directory above it), sorted.
fn packs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(found) = std::fs::read_dir(root) else { return out };
    for e in found.flatten() {
        if e.path().is_dir() {
            out.extend(packs(&e.path()));
        } else if e.file_name() == "pack" {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

/// The one pack under `root`.
fn the_pack(root: &Path) -> PathBuf {
    let all = packs(root);
    assert_eq!(all.len(), 1, "{all:?}");
    all[0].clone()
}

/// An entry's name and its bytes.
type Entry = ([u8; 32], Vec<u8>);

/// The pack's layout (src/folder/cache/pack.rs): the number of entries at 44, where the
/// table starts at 48, the checksum at 56..88 over the header before it and the table;
/// rows of name, offset and length.
const HEADER: usize = 88;
const ROW: usize = 44;

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// Where the table of the pack `bytes` starts, and its rows (name, offset, length).
fn table(bytes: &[u8]) -> (usize, Vec<([u8; 32], usize, usize)>) {
    assert_eq!(&bytes[..8], b"accord\0P");
    let (count, at) = (u32_at(bytes, 44) as usize, u64_at(bytes, 48) as usize);
    assert!(at >= HEADER && bytes.len() == at + count * ROW);
    let rows = bytes[at..]
        .chunks_exact(ROW)
        .map(|r| {
            (
                r[..32].try_into().unwrap(),
                u64_at(r, 32) as usize,
                u32_at(r, 40) as usize,
            )
        })
        .collect();
    (at, rows)
}

/// The checksum of a pack made right again after a test changed its header or table.
fn reseal(bytes: &mut [u8]) {
    let (at, _) = table(bytes);
    let mut h = blake3::Hasher::new();
    h.update(&bytes[..56]);
    h.update(&bytes[at..]);
    let sum = *h.finalize().as_bytes();
    bytes[56..88].copy_from_slice(&sum);
}

/// The entries of every pack under `root`, by name.
fn entries(root: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    for pack in packs(root) {
        let bytes = std::fs::read(&pack).unwrap();
        for (name, offset, len) in table(&bytes).1 {
            out.push((name, bytes[offset..offset + len].to_vec()));
        }
    }
    out.sort();
    out
}

/// When a pack was last written, and its bytes.
fn stamp(pack: &Path) -> (std::time::SystemTime, Vec<u8>) {
    let modified = std::fs::metadata(pack).unwrap().modified().unwrap();
    (modified, std::fs::read(pack).unwrap())
}

type Output = (u8, Vec<u8>, Vec<u8>);

/// Runs accord in this process, as the binary would with accord's cache directory at
/// `cache` (`None`: `--no-cache`).
fn run(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    run_on(AS_OF, dir, cache, args)
}

/// As [`run`], on the day `as_of`.
fn run_on(as_of: &str, dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    let mut argv: Vec<&str> = vec!["accord", "--as-of", as_of, "--color", "never", "--jobs", "2", "--dir"];
    let dir = dir.to_str().unwrap();
    argv.push(dir);
    if cache.is_none() {
        argv.push("--no-cache");
    }
    argv.extend(args);
    let cli = Cli::try_parse_from(&argv).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let invocation = Invocation {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        cwd: None,
        accord_dir: None,
        cache_home: Some(cache.unwrap_or(Path::new("/nonexistent")).to_path_buf()),
    };
    let exit = {
        let mut io = Io::new(&mut out, &mut err, cli.color(), &Terminal::default());
        accord::cli::run(&cli, &invocation, &mut io).unwrap()
    };
    (exit.code(), out, err)
}

/// Runs the binary with accord's cache directory in `cache_home/accord`.
fn spawn(dir: &Path, cache_home: &Path, args: &[&str]) -> Output {
    let out = start(dir, cache_home, args).wait_with_output().unwrap();
    (out.status.code().unwrap() as u8, out.stdout, out.stderr)
}

/// Every command through the cache gives the bytes and exit code it gives without.
fn same_with_and_without(dir: &Path, cache: &Path) -> Result<(), TestCaseError> {
    for args in COMMANDS {
        let cached = run(dir, Some(cache), args);
        let fresh = run(dir, None, args);
        prop_assert!(
            cached == fresh,
            "{args:?} differs with the cache:\n--- cached\n{}{}\n--- without\n{}{}",
            String::from_utf8_lossy(&cached.1),
            String::from_utf8_lossy(&cached.2),
            String::from_utf8_lossy(&fresh.1),
            String::from_utf8_lossy(&fresh.2)
        );
    }
    // The cache was used: one entry per file, those of files gone pruned.
    prop_assert_eq!(entries(cache).len(), files(dir).len());
    Ok(())
}

/// A change to the folder between runs.
#[derive(Clone, Debug)]
enum Change {
    /// The n-th date written in a file moves to another day of its month.
    Redate(Index, Index, u32),
    /// A comment is added: other bytes, the same agreement.
    Comment(Index),
    /// A line that does not parse.
    Break(Index),
    /// A file takes the id of another (a duplicate id, found across files).
    Reuse(Index, Index),
    /// A file is copied under a new name and id.
    Add(Index, u16),
    Delete(Index),
    /// A file moves, into a subfolder for odd numbers.
    Rename(Index, u16),
    /// Two files exchange their contents.
    Swap(Index, Index),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>(), 1u32..=28).prop_map(|(f, n, d)| Change::Redate(f, n, d)),
        1 => any::<Index>().prop_map(Change::Comment),
        1 => any::<Index>().prop_map(Change::Break),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Change::Reuse(a, b)),
        1 => (any::<Index>(), any::<u16>()).prop_map(|(f, n)| Change::Add(f, n)),
        1 => any::<Index>().prop_map(Change::Delete),
        1 => (any::<Index>(), any::<u16>()).prop_map(|(f, n)| Change::Rename(f, n)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Change::Swap(a, b)),
    ]
}

/// The id line of a file's text, if it has one.
fn id_line(text: &str) -> Option<&str> {
    text.lines().find(|l| l.starts_with("id: "))
}

fn apply(dir: &Path, c: &Change) {
    let all = files(dir);
    if all.is_empty() {
        return;
    }
    let pick = |i: &Index| all[i.index(all.len())].clone();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    match c {
        Change::Redate(f, n, day) => {
            let path = pick(f);
            let mut text = read(&path);
            let dates: Vec<usize> = (0..text.len().saturating_sub(9))
                .filter(|&i| is_date(&text.as_bytes()[i..i + 10]))
                .collect();
            if !dates.is_empty() {
                let at = dates[n.index(dates.len())];
                text.replace_range(at + 8..at + 10, &format!("{day:02}"));
                std::fs::write(&path, text).unwrap();
            }
        }
        Change::Comment(f) => {
            let path = pick(f);
            std::fs::write(&path, read(&path) + "\n# reviewed\n").unwrap();
        }
        Change::Break(f) => {
            let path = pick(f);
            std::fs::write(&path, read(&path) + "\nbroken: [unclosed\n").unwrap();
        }
        Change::Reuse(a, b) => {
            let (to, from) = (pick(a), pick(b));
            let (text, other) = (read(&to), read(&from));
            if let (Some(mine), Some(theirs)) = (id_line(&text), id_line(&other)) {
                let changed = text.replacen(mine, theirs, 1);
                std::fs::write(&to, changed).unwrap();
            }
        }
        Change::Add(f, n) => {
            let text = read(&pick(f));
            let text = match id_line(&text) {
                Some(line) => text.replacen(line, &format!("{line}-added-{n}"), 1),
                None => text,
            };
            std::fs::write(dir.join(format!("added-{n}.yaml")), text).unwrap();
        }
        Change::Delete(f) => std::fs::remove_file(pick(f)).unwrap(),
        Change::Rename(f, n) => {
            let to = match n % 2 {
                0 => dir.join(format!("renamed-{n}.yaml")),
                _ => dir.join("sub").join(format!("renamed-{n}.yaml")),
            };
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(pick(f), to).unwrap();
        }
        Change::Swap(a, b) => {
            let (x, y) = (pick(a), pick(b));
            let (tx, ty) = (std::fs::read(&x).unwrap(), std::fs::read(&y).unwrap());
            std::fs::write(&x, ty).unwrap();
            std::fs::write(&y, tx).unwrap();
        }
    }
}

/// `YYYY-MM-DD`.
fn is_date(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cached_runs_print_what_uncached_runs_print(
        steps in proptest::collection::vec(proptest::collection::vec(change(), 1..4), 3)
    ) {
        let dir = folder("prop");
        let cache = temp("prop-cache");
        same_with_and_without(&dir, &cache)?;
        for step in &steps {
            for c in step {
                apply(&dir, c);
            }
            same_with_and_without(&dir, &cache)?;
        }
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(&cache).unwrap();
    }
}

/// Reading on two threads through the cache directory `cache`.
fn through(cache: &Path) -> Reading<'_> {
    Reading {
        jobs: 2,
        cache: Some(cache),
    }
}

#[test]
fn a_warm_scan_parses_nothing() {
    let dir = folder("warm");
    let cache = temp("warm-cache");
    let reading = through(&cache);
    let paths = [dir.clone()];
    let cold = scan_paths(&paths, &reading, Texts::Skip, |a| a.id).unwrap();
    assert_eq!(cold.from_cache, 0);
    let warm = scan_paths(&paths, &reading, Texts::Skip, |a| a.id).unwrap();
    assert_eq!(warm.from_cache, warm.files);
    assert_eq!((warm.entries, warm.diagnostics), (cold.entries, cold.diagnostics));
    // A changed file, and only it, is parsed again.
    let changed = dir.join("renewal.yaml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, text.replace("2020-03-31", "2020-03-30")).unwrap();
    let again = scan_paths(&paths, &reading, Texts::Skip, |a| a.id).unwrap();
    assert_eq!(again.from_cache, again.files - 1);
}

/// How many times [`id_of`] was called.
static ANSWERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// An answer that counts its calls.
fn id_of(suffix: &&str, a: accord::model::Agreement) -> String {
    ANSWERED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}{suffix}", a.id)
}

#[test]
fn a_warm_scan_computes_no_answer_it_kept_and_keeps_one_question() {
    let dir = folder("answers-scan");
    let cache = temp("answers-scan-cache");
    let reading = through(&cache);
    let paths = [dir.clone()];
    let answered = || ANSWERED.load(std::sync::atomic::Ordering::Relaxed);
    let cold = scan_answers(&paths, &reading, "test", &"-a", id_of).unwrap();
    // Every valid file is answered, those the folder-wide checks then drop (a duplicate
    // id) too.
    let valid = answered();
    assert!(cold.entries.len() > 20 && valid >= cold.entries.len(), "{valid}");
    let warm = scan_answers(&paths, &reading, "test", &"-a", id_of).unwrap();
    assert_eq!(answered(), valid, "nothing computed again");
    assert_eq!(warm.from_cache, warm.files);
    assert_eq!((&warm.entries, &warm.diagnostics), (&cold.entries, &cold.diagnostics));
    assert!(warm.entries.iter().all(|e| e.ends_with("-a")));
    // Another question: every answer is computed, and only its answers are kept.
    let other = scan_answers(&paths, &reading, "test", &"-b", id_of).unwrap();
    assert_eq!(answered(), 2 * valid);
    assert!(other.entries.iter().all(|e| e.ends_with("-b")));
    let answers = the_pack(&cache).with_file_name("answers-test");
    assert_eq!(table(&std::fs::read(&answers).unwrap()).1.len(), valid);
    // A changed file, and only it, is answered again; the file's key and diagnostics
    // come with its answer.
    let changed = dir.join("renewal.yaml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, text.replace("2020-03-31", "2020-03-30")).unwrap();
    let again = scan_answers(&paths, &reading, "test", &"-b", id_of).unwrap();
    assert_eq!(answered(), 2 * valid + 1);
    assert_eq!(
        (&again.entries, &again.diagnostics),
        (&other.entries, &other.diagnostics)
    );
    assert_eq!(again.index.ids().count(), other.entries.len());
}

#[test]
fn kept_answers_are_never_those_of_another_day_option_or_folder_name() {
    let dir = folder("answers");
    let cache = temp("answers-cache");
    let same = |as_of: &str, dir: &Path, args: &[&str]| {
        let (cached, fresh) = (run_on(as_of, dir, Some(&cache), args), run_on(as_of, dir, None, args));
        assert!(cached == fresh, "{as_of} {args:?}");
        cached
    };
    // Kept on the first run, used on the second, on each day; the last day's kept.
    for as_of in [AS_OF, "2027-03-01", AS_OF] {
        for args in [
            &["due"][..],
            &["due"],
            &["due", "--within", "2 years"],
            &["list"],
            &["status"],
        ] {
            same(as_of, &dir, args);
        }
    }
    let folder_dir = the_pack(&cache).parent().unwrap().to_path_buf();
    for (command, rows) in [("due", "due"), ("list", "list")] {
        let bytes = std::fs::read(folder_dir.join(format!("answers-{command}"))).unwrap();
        assert!(!table(&bytes).1.is_empty(), "{rows}");
    }
    // The folder under another name: the files' paths printed are the new ones.
    let spelled = dir.join(".");
    let json = same(AS_OF, &spelled, &["list", "--format", "json"]);
    assert!(String::from_utf8_lossy(&json.1).contains("/./"));
    same(AS_OF, &dir, &["list", "--format", "json"]);
    // A damaged answer is not taken: the file is answered again.
    let answers = folder_dir.join("answers-due");
    let mut bytes = std::fs::read(&answers).unwrap();
    let (_, rows) = table(&bytes);
    for (_, offset, len) in &rows {
        bytes[offset + len / 2] ^= 1;
    }
    std::fs::write(&answers, &bytes).unwrap();
    same(AS_OF, &dir, &["due"]);
    assert!(std::fs::read(&answers).unwrap() != bytes, "rewritten");
    same(AS_OF, &dir, &["due", "--format", "csv"]);
}

/// Every command gives the same output through the damaged cache as without one, and
/// the pack is written again with the entries it had.
fn rebuilt(dir: &Path, cache: &Path, before: &[Entry], what: &str) {
    for args in COMMANDS {
        let (cached, fresh) = (run(dir, Some(cache), args), run(dir, None, args));
        assert!(cached == fresh, "{what}: {args:?}");
    }
    assert!(entries(cache) == before, "{what}: not rebuilt");
}

/// A way to damage a pack.
type Damage = Box<dyn Fn(&mut Vec<u8>)>;

#[test]
fn a_corrupt_cache_is_rebuilt_not_trusted() {
    let dir = folder("corrupt");
    let cache = temp("corrupt-cache");
    run(&dir, Some(&cache), &["check"]);
    let pack = the_pack(&cache);
    let good = std::fs::read(&pack).unwrap();
    let before = entries(&cache);
    assert!(before.len() > 20, "{} entries", before.len());
    let (at, rows) = table(&good);
    // A byte in the middle of an entry (caught by the entry's own checksum).
    let (_, offset, len) = rows[rows.len() / 2];
    let damages: [(&str, Damage); 7] = [
        ("cut in half", Box::new(|b| b.truncate(b.len() / 2))),
        ("empty", Box::new(|b| b.clear())),
        ("an entry's byte", Box::new(move |b| b[offset + len / 2] ^= 1)),
        (
            "the table's last byte",
            Box::new(|b| {
                let last = b.len() - 1;
                b[last] = b[last].wrapping_add(1)
            }),
        ),
        ("a row's offset", Box::new(move |b| b[at + 32] ^= 1)),
        ("the count", Box::new(|b| b[44] ^= 1)),
        ("not a pack", Box::new(|b| *b = b"not a pack at all".to_vec())),
    ];
    for (what, damage) in &damages {
        let mut bytes = good.clone();
        damage(&mut bytes);
        std::fs::write(&pack, &bytes).unwrap();
        rebuilt(&dir, &cache, &before, what);
    }
}

#[test]
fn a_cache_from_another_version_is_ignored_and_replaced() {
    let dir = folder("version");
    let cache = temp("version-cache");
    run(&dir, Some(&cache), &["check"]);
    let pack = the_pack(&cache);
    let good = std::fs::read(&pack).unwrap();
    let before = entries(&cache);
    // A whole pack (its checksum right) that another layout (the format follows the
    // magic) or another version or build (the fingerprint after it) wrote.
    for (what, at) in [("another format", 8), ("another build", 12), ("another build", 43)] {
        let mut bytes = good.clone();
        bytes[at] = bytes[at].wrapping_add(1);
        reseal(&mut bytes);
        std::fs::write(&pack, &bytes).unwrap();
        rebuilt(&dir, &cache, &before, what);
        assert!(std::fs::read(&pack).unwrap() != bytes, "{what}: the pack was kept");
    }
    // The entry of one file under another's name: neither is read.
    let mut bytes = good.clone();
    let (at, _) = table(&bytes);
    let (first, second) = (at + 32, at + 32 + ROW);
    for i in 0..12 {
        bytes.swap(first + i, second + i);
    }
    reseal(&mut bytes);
    std::fs::write(&pack, &bytes).unwrap();
    rebuilt(&dir, &cache, &before, "entries swapped");
    // Files of a run that was stopped (an hour ago) and of the layout before packs go
    // with the next pack written.
    let folder_dir = pack.parent().unwrap().to_path_buf();
    std::fs::write(folder_dir.join("0".repeat(64)), &before[0].1).unwrap();
    std::fs::write(folder_dir.join(".tmp-99999-1"), "left by a stopped run").unwrap();
    // Untouched for an hour: a pack of another run still on its way would be recent.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(folder_dir.join(".tmp-99999-1"))
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    std::fs::write(dir.join("added.yaml"), std::fs::read(dir.join("renewal.yaml")).unwrap()).unwrap();
    run(&dir, Some(&cache), &["check"]);
    let mut left: Vec<String> = std::fs::read_dir(&folder_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    // Those of `due` and `list`, whose answers the earlier runs kept, stay.
    assert_eq!(
        left,
        ["answers-due", "answers-list", "folder", "pack"],
        "stray files are removed"
    );
    assert_eq!(entries(&cache).len(), files(&dir).len());
}

#[test]
fn a_cache_that_cannot_be_written_changes_nothing_but_a_verbose_note() {
    let dir = folder("readonly");
    let home = temp("readonly-home");
    // The cache directory would be inside a regular file: it cannot be created.
    std::fs::write(home.join("file"), "").unwrap();
    let blocked = home.join("file");
    for args in COMMANDS {
        let through = spawn(&dir, &blocked, args);
        let without = spawn(&dir, &home, &[&["--no-cache"][..], args].concat());
        assert!(through == without, "{args:?}");
    }
    let (_, out, err) = spawn(&dir, &blocked, &["check", "--verbose"]);
    let (_, plain_out, plain_err) = spawn(&dir, &home, &["--no-cache", "check", "--verbose"]);
    assert_eq!(out, plain_out, "stdout is the same");
    let err = String::from_utf8(err).unwrap();
    let extra = err
        .strip_suffix(&*String::from_utf8(plain_err).unwrap())
        .unwrap_or(&err);
    assert!(extra.starts_with("note: the cache was not used"), "{err}");
    assert_eq!(extra.lines().count(), 1, "one line: {extra}");

    // A cache directory without write permission (not testable as root, who may write
    // anyway): read, not written, same output.
    let cache = home.join("accord");
    spawn(&dir, &home, &["check"]);
    let folder_dir = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    let mut perms = std::fs::metadata(&folder_dir).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&folder_dir, perms.clone()).unwrap();
    let writable = std::fs::write(folder_dir.join("probe"), "").is_ok();
    let edited = dir.join("renewal.yaml");
    std::fs::write(&edited, std::fs::read_to_string(&edited).unwrap() + "# edited\n").unwrap();
    if !writable {
        let held = entries(&home);
        for args in COMMANDS {
            assert!(spawn(&dir, &home, args) == run(&dir, None, args), "{args:?}");
        }
        assert_eq!(entries(&home), held, "nothing written");
        let (_, _, err) = spawn(&dir, &home, &["check", "--verbose"]);
        assert_eq!(
            String::from_utf8(err)
                .unwrap()
                .lines()
                .filter(|l| l.starts_with("note:"))
                .count(),
            1
        );
    } else {
        let _ = std::fs::remove_file(folder_dir.join("probe"));
        eprintln!("running as root: the read-only cache directory is not tested");
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&folder_dir, perms).unwrap();
}

#[test]
fn runs_at_the_same_time_neither_wait_nor_corrupt_the_cache() {
    let dir = temp("concurrent");
    let base = folder("concurrent-base");
    // About 150 files, so that the runs overlap.
    for copy in 0..5 {
        for file in files(&base) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let text = match id_line(&text) {
                Some(line) => text.replacen(line, &format!("{line}-{copy}"), 1),
                None => text,
            };
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::write(dir.join(format!("{copy}-{name}")), text).unwrap();
        }
    }
    let home = temp("concurrent-home");
    let expected: Vec<Output> = [&["due", "--format", "json"][..], &["check"]]
        .iter()
        .map(|args| run(&dir, None, args))
        .collect();
    for _round in 0..2 {
        let children: Vec<_> = (0..4)
            .map(|i| {
                let args: &[&str] = if i % 2 == 0 {
                    &["due", "--format", "json"]
                } else {
                    &["check"]
                };
                (i % 2, start(&dir, &home, args))
            })
            .collect();
        for (which, child) in children {
            let out = child.wait_with_output().unwrap();
            let got = (out.status.code().unwrap() as u8, out.stdout, out.stderr);
            assert!(got == expected[which], "run {which} differs");
        }
    }
    // The pack is whole and has every entry: a warm run reads them all and writes
    // nothing.
    let pack = the_pack(&home);
    let held = stamp(&pack);
    assert_eq!(entries(&home).len(), files(&dir).len());
    assert!(spawn(&dir, &home, &["check"]) == expected[1]);
    assert!(stamp(&pack) == held, "the warm run wrote the pack again");
    let leftovers: Vec<_> = std::fs::read_dir(pack.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Rounds that each change two files, so that runs add to the packs at once (or, when
    // another run got there first, write them anew): each run's output is still that
    // of a run without the cache.
    let commands: [&[&str]; 5] = [&["due"], &["list"], &["due"], &["due", "--format", "json"], &["check"]];
    let all = files(&dir);
    for round in 0..3 {
        for file in all.iter().skip(round * 7).step_by(50).take(2) {
            let text = std::fs::read_to_string(file).unwrap();
            let line = id_line(&text).unwrap();
            std::fs::write(file, text.replacen(line, &format!("{line}r{round}"), 1)).unwrap();
        }
        let expected: Vec<Output> = commands.iter().map(|args| run(&dir, None, args)).collect();
        let children: Vec<_> = commands.iter().map(|args| start(&dir, &home, args)).collect();
        for (k, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            let got = (out.status.code().unwrap() as u8, out.stdout, out.stderr);
            assert!(got == expected[k], "round {round}: {:?} differs", commands[k]);
        }
    }
    assert_eq!(entries(&home).len(), files(&dir).len());
}

/// Starts accord on `dir` with its cache directory under `cache_home`, output piped.
fn start(dir: &Path, cache_home: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .env("XDG_CACHE_HOME", cache_home)
        .env_remove("ACCORD_NO_CACHE")
        .env_remove("ACCORD_DIR")
        .env_remove("COLUMNS")
        .args(["--as-of", AS_OF, "--color", "never", "--dir"])
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn writing_commands_leave_the_cache_ready_and_nothing_stale() {
    let dir = folder("writes");
    // Files with errors would make `record` exit 1 after writing.
    let with_errors = ["broken-", "cycle-", "dup-"];
    for f in files(&dir)
        .iter()
        .filter(|f| with_errors.iter().any(|b| f.to_string_lossy().contains(b)))
    {
        std::fs::remove_file(f).unwrap();
    }
    let home = temp("writes-home");
    let n = files(&dir).len();
    spawn(&dir, &home, &["check"]);
    let (code, _, err) = spawn(
        &dir,
        &home,
        &[
            "new",
            "who-iom-2027",
            "--title",
            "WHO and IOM",
            "--party",
            "who=WHO",
            "--party",
            "iom=IOM",
        ],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    // The new file's entry was written by `new`: the next run writes nothing.
    let after_new = entries(&home);
    assert_eq!(after_new.len(), n + 1);
    let held = stamp(&the_pack(&home));
    let due = spawn(&dir, &home, &["due"]);
    assert!(stamp(&the_pack(&home)) == held, "the run after `new` wrote the pack");
    let (code, _, err) = spawn(
        &dir,
        &home,
        &[
            "record",
            "renewal-2020",
            "performed",
            "annual-review",
            "--date",
            "2026-04-01",
        ],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    // `record` added the entry of the file as written; the old one goes with the next run.
    let after_record = entries(&home);
    assert_eq!(after_record.len(), n + 2);
    let recorded = spawn(&dir, &home, &["due"]);
    assert_ne!(recorded.1, due.1, "the recorded performance moves the next review");
    assert!(recorded == spawn(&dir, &home, &["--no-cache", "due"]));
    let now = entries(&home);
    assert_eq!(now.len(), n + 1);
    assert!(
        now.iter().all(|e| after_record.contains(e)),
        "the run after `record` stored no entry, it only dropped the old one"
    );
}

#[test]
fn cache_info_and_clear() {
    let dir = folder("info");
    let home = temp("info-home");
    let text = |o: Output| String::from_utf8(o.1).unwrap();
    let info = text(spawn(&dir, &home, &["cache", "info"]));
    assert!(info.contains("this folder:  0 entries"), "{info}");
    assert!(info.contains(&home.join("accord").display().to_string()), "{info}");
    spawn(&dir, &home, &["list"]);
    let n = files(&dir).len();
    let info = text(spawn(&dir, &home, &["cache", "info"]));
    assert!(info.contains(&format!("this folder:  {n} entries")), "{info}");
    assert!(info.contains("in 1 folder\n"), "{info}");
    let off = text(spawn(&dir, &home, &["--no-cache", "cache", "info"]));
    assert!(off.contains("in use:       no"), "{off}");
    // A file given by name is read without the cache.
    let other = folder("info-other");
    spawn(&other, &home, &["check", other.join("renewal.yaml").to_str().unwrap()]);
    assert_eq!(entries(&home).len(), n);
    let cleared = text(spawn(&dir, &home, &["cache", "clear"]));
    assert!(
        cleared.starts_with(&format!("removed the cache of {}: {n} entries", dir.display())),
        "{cleared}"
    );
    assert!(entries(&home).is_empty());
    spawn(&dir, &home, &["list"]);
    spawn(&other, &home, &["list"]);
    let all = text(spawn(&dir, &home, &["cache", "clear", "--all"]));
    assert!(all.contains(&format!("{} entries", 2 * n)), "{all}");
    assert!(entries(&home).is_empty());
    // Without a cache directory at all, the commands run as ever.
    let bare = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("XDG_CACHE_HOME")
        .env_remove("HOME")
        .args(["--as-of", AS_OF, "--dir"])
        .arg(&dir)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(bare.stdout, run(&dir, None, &["list"]).1);
}

#[test]
fn no_cache_by_option_or_environment_and_cache_dir_from_the_project() {
    let dir = folder("nocache");
    let home = temp("nocache-home");
    let with_env = |value: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .env("XDG_CACHE_HOME", &home)
            .env("ACCORD_NO_CACHE", value)
            .env_remove("ACCORD_DIR")
            .args(["--as-of", AS_OF, "--color", "never", "--dir"])
            .arg(&dir)
            .args(args)
            .output()
            .unwrap();
        (out.status.code().unwrap() as u8, out.stdout, out.stderr)
    };
    let fresh = run(&dir, None, &["list"]);
    // `--no-cache` after the command, as before it: nothing is written.
    assert!(spawn(&dir, &home, &["list", "--no-cache"]) == fresh);
    assert!(entries(&home).is_empty());
    assert!(with_env("1", &["list"]) == fresh);
    assert!(entries(&home).is_empty(), "ACCORD_NO_CACHE=1 bypasses the cache");
    let info = String::from_utf8(with_env("1", &["cache", "info"]).1).unwrap();
    assert!(info.contains("in use:       no"), "{info}");
    assert!(with_env("0", &["list"]) == fresh);
    assert_eq!(entries(&home).len(), files(&dir).len(), "ACCORD_NO_CACHE=0 does not");

    // `cache_dir` in the project's accord.toml, relative to it, wins over the platform's.
    let project = temp("nocache-project");
    std::fs::write(
        project.join("accord.toml"),
        "dir = \"legal\"\ncache_dir = \".accord-cache\"\n",
    )
    .unwrap();
    std::fs::create_dir(project.join("legal")).unwrap();
    for file in files(&dir).iter().filter(|f| f.parent() == Some(&dir)) {
        std::fs::copy(file, project.join("legal").join(file.file_name().unwrap())).unwrap();
    }
    let other_home = temp("nocache-other-home");
    let in_project = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .current_dir(project.join("legal"))
            .env("XDG_CACHE_HOME", &other_home)
            .env_remove("ACCORD_NO_CACHE")
            .env_remove("ACCORD_DIR")
            .args(["--as-of", AS_OF, "--color", "never"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = in_project(&["list"]);
    assert!(listed.contains("renewal-2020"), "{listed}");
    assert!(entries(&other_home).is_empty());
    assert_eq!(
        entries(&project.join(".accord-cache")).len(),
        files(&project.join("legal")).len()
    );
    let info = in_project(&["cache", "info"]);
    assert!(info.starts_with("cache:        ../.accord-cache\n"), "{info}");
}
