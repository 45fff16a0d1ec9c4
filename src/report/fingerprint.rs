//! Stable fingerprints of diagnostics, for the dashboards that track a finding from one
//! run to the next (GitLab Code Quality, SARIF code scanning), and the repository-relative
//! form of a diagnostic's path that both formats print.
//!
//! A fingerprint hashes what identifies the problem, not where it is: the check's code,
//! the file's path, the message, and how many diagnostics with those three came before it
//! in the file. The line and column are left out, so that adding a paragraph above a
//! mistake does not make a dashboard report it as fixed and found again; the help is left
//! out because it may cite other lines. The hash is 128-bit FNV-1a (Fowler, Noll and Vo;
//! offset basis and prime as published for 128 bits), written as 32 hexadecimal digits:
//! the same on every platform and in every version of Rust, unlike the standard library's
//! hasher.

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::path::{Component, Path};

const FNV_OFFSET_BASIS: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// 128-bit FNV-1a of `bytes`.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    bytes
        .iter()
        .fold(FNV_OFFSET_BASIS, |h, &b| (h ^ u128::from(b)).wrapping_mul(FNV_PRIME))
}

/// The path as a repository-relative report names it: `/` between components, no `./`
/// components. Absolute paths stay absolute.
pub(crate) fn report_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            Component::ParentDir => out.push_str(".."),
            Component::Normal(s) => out.push_str(&s.to_string_lossy()),
        }
        out.push('/');
    }
    if out.len() > 1 {
        out.pop();
    }
    out
}

/// The fingerprint of each diagnostic, in order.
pub(crate) fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&'static str, String, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let path = report_path(&d.file);
            let n = seen
                .entry((d.code.name(), path.clone(), d.message.as_str()))
                .or_insert(0);
            let key = format!("{}\0{}\0{}\0{}", d.code.name(), path, d.message, *n);
            *n += 1;
            format!("{:032x}", fnv1a_128(key.as_bytes()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Span};
    use std::path::PathBuf;

    fn diagnostic(file: &str, line: usize, message: &str) -> Diagnostic {
        let source = "\n".repeat(line - 1) + "key: value\n";
        Diagnostic::new(
            Code::UnknownKey,
            &PathBuf::from(file),
            Some(Span::at(&source, line, 1)),
            message,
        )
    }

    #[test]
    fn fnv1a_128_matches_the_published_test_vectors() {
        // The empty input hashes to the offset basis; "a" and "foobar" as in the FNV
        // reference test suite.
        assert_eq!(fnv1a_128(b""), FNV_OFFSET_BASIS);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
        assert_eq!(fnv1a_128(b"foobar"), 0x343e1662793c64bf6f0d3597ba446f18);
    }

    #[test]
    fn a_moved_line_keeps_its_fingerprint_and_other_changes_do_not() {
        let at_3 = fingerprints(&[diagnostic("agreements/a.yaml", 3, "unknown key `notcie`")]);
        let at_9 = fingerprints(&[diagnostic("./agreements/a.yaml", 9, "unknown key `notcie`")]);
        assert_eq!(at_3, at_9);
        assert_eq!(at_3[0].len(), 32);
        let other_file = fingerprints(&[diagnostic("agreements/b.yaml", 3, "unknown key `notcie`")]);
        let other_message = fingerprints(&[diagnostic("agreements/a.yaml", 3, "unknown key `notice_`")]);
        assert_ne!(at_3, other_file);
        assert_ne!(at_3, other_message);
    }

    #[test]
    fn the_same_mistake_twice_in_a_file_gets_two_fingerprints() {
        let twice = fingerprints(&[
            diagnostic("a.yaml", 3, "unknown key `x`"),
            diagnostic("a.yaml", 7, "unknown key `x`"),
        ]);
        assert_ne!(twice[0], twice[1]);
    }

    #[test]
    fn report_paths_drop_dot_components_and_use_slashes() {
        assert_eq!(report_path(Path::new("./agreements/./a.yaml")), "agreements/a.yaml");
        assert_eq!(report_path(Path::new("a.yaml")), "a.yaml");
        assert_eq!(report_path(Path::new("/srv/a.yaml")), "/srv/a.yaml");
        assert_eq!(report_path(Path::new("../x/a.yaml")), "../x/a.yaml");
    }
}
