//! `accord check --format gitlab`: a GitLab Code Quality report, the subset of the Code
//! Climate issue format that GitLab reads (`artifacts: reports: codequality`): one JSON
//! array, an object per diagnostic with `description`, `check_name`, `fingerprint`,
//! `severity` and `location` (`path`, `lines.begin`).
//!
//! Errors are `major` and warnings `minor` on GitLab's scale (info, minor, major,
//! critical, blocker). The fingerprint ([`super::fingerprint`]) leaves the line out, so a
//! merge request that only moves a mistake does not show it as fixed and new.

use super::fingerprint::{fingerprints, report_path};
use super::write_json;
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The severity on GitLab's scale.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
    }
}

/// The message, and the help when there is one: GitLab shows only the description.
fn description(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    }
}

pub(crate) fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let issues: Vec<Issue> = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, fingerprint)| Issue {
            description: description(d),
            check_name: d.code.name(),
            fingerprint,
            severity: severity(d.severity),
            location: Location {
                path: report_path(&d.file),
                lines: Lines { begin: d.line() },
            },
        })
        .collect();
    write_json(out, &issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Span};
    use std::path::Path;

    #[test]
    fn an_issue_has_the_fields_gitlab_reads() {
        let d = Diagnostic::new(
            Code::InvalidDate,
            Path::new("./agreements/a.yaml"),
            Some(Span::at("id: a\ndate: 2023-02-30\n", 2, 7)),
            "2023-02-30 does not exist",
        )
        .with_help("write dates as YYYY-MM-DD");
        let mut out = Vec::new();
        write(&mut out, &[d]).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let issue = &v[0];
        assert_eq!(issue["check_name"], "invalid-date");
        assert_eq!(issue["severity"], "major");
        assert_eq!(issue["location"]["path"], "agreements/a.yaml");
        assert_eq!(issue["location"]["lines"]["begin"], 2);
        assert_eq!(
            issue["description"],
            "2023-02-30 does not exist (help: write dates as YYYY-MM-DD)"
        );
    }

    #[test]
    fn no_diagnostics_is_an_empty_array() {
        let mut out = Vec::new();
        write(&mut out, &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
    }
}
