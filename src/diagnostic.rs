//! Diagnostics: every problem found in an agreement file, with a stable code, a
//! location (file, line, column) and the source line it points at, plus the list of
//! codes that `docs/checks.md` documents. Rendering lives in `report::diagnostics`.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where in a file a diagnostic points: 1-based line and column (in characters),
/// and the pointed-at text's byte range within its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    /// The whole source line, without its line end.
    pub line_text: String,
    /// Byte range within `line_text` to underline (may be empty at end of line).
    pub range: std::ops::Range<usize>,
}

impl Span {
    /// The span of the value that starts at `line`:`column` in `source`, underlining
    /// up to the end of the scalar on that line.
    pub fn at(source: &str, line: usize, column: usize) -> Span {
        let line_text = source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
            .trim_start_matches('\u{feff}')
            .to_string();
        let start = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(line_text.len());
        let rest = &line_text[start..];
        let len = scalar_len(rest);
        Span {
            line,
            column,
            range: start..start + len,
            line_text,
        }
    }
}

/// The length of the YAML scalar at the start of `rest`: up to a comment, or a
/// `: ` that starts a value, or the end of the line; at least one character.
fn scalar_len(rest: &str) -> usize {
    let mut end = rest.len();
    if let Some(i) = rest.find(" #") {
        end = end.min(i);
    }
    if let Some(i) = rest.find(": ") {
        end = end.min(i);
    }
    if rest.ends_with(':') {
        end = end.min(rest.len() - 1);
    }
    let trimmed = rest[..end].trim_end().len();
    if trimmed == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        trimmed
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub file: PathBuf,
    /// `None` for problems with the file as a whole (unreadable, too large).
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, file: &Path, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: default_severity(code),
            file: file.to_path_buf(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn line(&self) -> usize {
        self.span.as_ref().map_or(1, |s| s.line)
    }

    pub fn column(&self) -> usize {
        self.span.as_ref().map_or(1, |s| s.column)
    }

    /// The order diagnostics are shown in: by file, then position, then code.
    pub fn sort_key(&self) -> (&Path, usize, usize, &'static str) {
        (&self.file, self.line(), self.column(), self.code)
    }
}

/// Every diagnostic code, its default severity and a one-line summary.
/// `docs/checks.md` documents each (a test keeps the two in step).
pub const CODES: &[(&str, Severity, &str)] = &[
    (
        "syntax",
        Severity::Error,
        "the file is not valid YAML, or a value has the wrong type",
    ),
    (
        "not-a-mapping",
        Severity::Error,
        "the file is empty, or its top level is not a mapping",
    ),
    ("unknown-key", Severity::Error, "a key the format does not define"),
    ("duplicate-key", Severity::Error, "the same key twice in one mapping"),
    ("missing-key", Severity::Error, "a required key is absent"),
    ("invalid-value", Severity::Error, "a value outside the allowed set"),
    (
        "invalid-id",
        Severity::Error,
        "an agreement, party or obligation id that is not [a-z0-9-]+",
    ),
    (
        "duplicate-id",
        Severity::Error,
        "an id used twice (agreements across files; parties, obligations, amendments within one)",
    ),
    (
        "invalid-date",
        Severity::Error,
        "a date that is not YYYY-MM-DD or does not exist",
    ),
    ("invalid-period", Severity::Error, "a period that cannot be read"),
    (
        "zero-period",
        Severity::Error,
        "a notice period, term or interval of zero length",
    ),
    (
        "too-few-parties",
        Severity::Error,
        "an agreement with fewer than two parties",
    ),
    (
        "undefined-party",
        Severity::Error,
        "a reference to a party the file does not define",
    ),
    (
        "undefined-organ",
        Severity::Error,
        "a reference to an organ its party does not list",
    ),
    (
        "undefined-obligation",
        Severity::Error,
        "a performed event for an obligation the file does not define",
    ),
    (
        "undefined-amendment",
        Severity::Error,
        "an event for an amendment the file does not define",
    ),
    (
        "conflicting-keys",
        Severity::Error,
        "keys that cannot be used together, or a key its context requires",
    ),
    (
        "unsatisfiable-entry-into-force",
        Severity::Error,
        "an entry-into-force clause that can never be met",
    ),
    (
        "event-order",
        Severity::Warning,
        "events out of date order, or before signature",
    ),
    (
        "notice-without-right",
        Severity::Error,
        "notice given by a party the termination clause does not allow",
    ),
    (
        "acceptance-before-proposal",
        Severity::Error,
        "an amendment accepted before it was proposed",
    ),
    (
        "renewal-notice-too-long",
        Severity::Error,
        "a notice of non-renewal longer than the renewal term",
    ),
    (
        "unknown-reference",
        Severity::Warning,
        "`supersedes` or `under` names an id not in the folder",
    ),
    (
        "reference-cycle",
        Severity::Error,
        "`supersedes` or `under` forms a cycle",
    ),
    (
        "no-anchor",
        Severity::Error,
        "a recurring obligation with no `from` and no date of entry into force",
    ),
    (
        "every-without-article",
        Severity::Warning,
        "a recurring obligation that cites no article",
    ),
    (
        "unreadable-file",
        Severity::Error,
        "a file that cannot be read, is not UTF-8 or is too large",
    ),
    (
        "skipped-path",
        Severity::Warning,
        "a path in the folder that is not a regular file, or a link loop",
    ),
];

/// The default severity of a code (errors for codes not in the table).
pub fn default_severity(code: &str) -> Severity {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(Severity::Error, |(_, s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_underlines_the_scalar_not_the_comment() {
        let src = "id: x\nsigned:\n  date: 2023-02-30 # typo\n";
        let span = Span::at(src, 3, 9);
        assert_eq!(&span.line_text[span.range.clone()], "2023-02-30");
    }

    #[test]
    fn span_handles_crlf_bom_and_multibyte() {
        let src = "\u{feff}title: Ménage à trois\r\nid: Bad Id\r\n";
        let span = Span::at(src, 2, 5);
        assert_eq!(&span.line_text[span.range.clone()], "Bad Id");
        let span = Span::at(src, 1, 8);
        assert_eq!(&span.line_text[span.range.clone()], "Ménage à trois");
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for (code, _, _) in CODES {
            assert!(seen.insert(code), "{code} twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{code}");
        }
    }
}
