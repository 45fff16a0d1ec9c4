//! `accord check --format sarif`: a SARIF 2.1.0 log (OASIS Static Analysis Results
//! Interchange Format) for code-scanning dashboards: one run, whose `tool.driver.rules`
//! are every check accord has, with the documentation of docs/checks.md as their help,
//! and whose `results` are the diagnostics with their file, line and column.
//!
//! Columns count Unicode code points (`columnKind`), as accord's do; a result's region
//! ends where the underlined value ends. Each result carries the fingerprint of
//! [`super::fingerprint`] as a partial fingerprint, so that a moved line stays the same
//! alert.

use super::fingerprint::{fingerprints, report_path};
use super::write_json;
use crate::diagnostic::{Code, Diagnostic, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The documentation of every check, shown as the rules' help.
const CHECKS_MD: &str = include_str!("../../docs/checks.md");

/// The key of accord's fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "accord/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'static str>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    /// The column after the region's last character.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The section of docs/checks.md about `code`, without its heading.
fn documentation(code: Code) -> Option<&'static str> {
    let heading = format!("\n## `{}`\n", code.name());
    let start = CHECKS_MD.find(&heading)? + heading.len();
    let rest = &CHECKS_MD[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// A sentence from a summary: capitalised, with a full stop.
fn sentence(summary: &str) -> String {
    let mut chars = summary.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn rule(code: Code) -> Rule {
    let summary = sentence(code.summary());
    let text = format!(
        "{summary} docs/checks.md (section `{}`) shows a file that has the problem and its fix.",
        code.name()
    );
    Rule {
        id: code.name(),
        short_description: Text { text: summary },
        help: Help {
            text,
            markdown: documentation(code),
        },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

/// A URI reference for a path: percent-encoded, `/`-separated; `file://` for absolute paths.
fn uri(path: &Path) -> String {
    let mut out = String::new();
    if path.is_absolute() {
        out.push_str("file://");
    }
    let text = report_path(path);
    if path.is_absolute() && !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a diagnostic points: its line, and its columns when it underlines a value.
fn region(d: &Diagnostic) -> Region {
    let span = d.span.as_ref();
    let width = span.map_or(0, |s| s.line_text.get(s.range.clone()).map_or(0, |t| t.chars().count()));
    Region {
        start_line: d.line(),
        start_column: span.map(|s| s.column),
        end_column: span.filter(|_| width > 0).map(|s| s.column + width),
    }
}

fn result(d: &Diagnostic, fingerprint: String) -> SarifResult {
    let text = match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    };
    SarifResult {
        rule_id: d.code.name(),
        rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
        level: level(d.severity),
        message: Text { text },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(&d.file) },
                region: region(d),
            },
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
    }
}

pub(crate) fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let results = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, f)| result(d, f))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "accord",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: Code::ALL.iter().map(|c| rule(*c)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    write_json(out, &log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn every_check_has_its_documentation_as_help() {
        for code in Code::ALL {
            let doc = documentation(*code).unwrap_or_else(|| panic!("no section for {code}"));
            assert!(doc.starts_with("Severity: "), "{code}: {doc}");
            assert!(!doc.contains("\n## "), "{code} runs into the next section");
        }
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri(Path::new("./agreements/a b.yaml")), "agreements/a%20b.yaml");
        assert_eq!(uri(Path::new("agreements/ménage.yaml")), "agreements/m%C3%A9nage.yaml");
        assert_eq!(uri(Path::new("/srv/a.yaml")), "file:///srv/a.yaml");
        assert_eq!(uri(Path::new("a:b.yaml")), "a%3Ab.yaml");
    }

    #[test]
    fn a_region_spans_the_underlined_value_in_code_points() {
        let src = "title: Ménage à trois\ndate: 2023-02-30 # typo\n";
        let d = Diagnostic::new(
            Code::InvalidDate,
            Path::new("a.yaml"),
            Some(Span::at(src, 2, 7)),
            "no such day",
        );
        let at = |start_line, start_column, end_column| Region {
            start_line,
            start_column,
            end_column,
        };
        assert_eq!(region(&d), at(2, Some(7), Some(17)));
        let d = Diagnostic::new(Code::Syntax, Path::new("a.yaml"), Some(Span::at(src, 1, 8)), "x");
        assert_eq!(region(&d), at(1, Some(8), Some(22)));
        let whole_file = Diagnostic::new(Code::UnreadableFile, Path::new("a.yaml"), None, "not UTF-8");
        assert_eq!(region(&whole_file), at(1, None, None));
    }
}
