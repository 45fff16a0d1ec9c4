//! Diagnostics: every problem found in an agreement file, with a stable code, a
//! location (file, line, column) and the source line it points at, plus [`Code`], the
//! checks that `docs/checks.md` documents. Rendering lives in `report::diagnostics`.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// One problem in one file. (Serialised for the cache without its file: an entry is
/// stored by content and the loader gives it the path it was found at.)
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    #[serde(skip)]
    pub file: PathBuf,
    /// `None` for problems with the file as a whole (unreadable, too large).
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, file: &Path, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
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
        (&self.file, self.line(), self.column(), self.code.name())
    }
}

/// Declares [`Code`]: each check's kebab-case name, default severity and summary.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident : $summary:literal,)+) => {
        /// A diagnostic code: one per check, stable, documented in `docs/checks.md`
        /// (a test keeps the two in step).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $summary] $variant,)+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The kebab-case name: `invalid-date`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// The severity a diagnostic has unless `--strict`, `--allow` or `--deny` change it.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }

            /// What the check finds, in one line.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)+
                }
            }
        }
    };
}

codes! {
    Syntax = "syntax", Error: "the file is not valid YAML, or a value has the wrong type",
    NotAMapping = "not-a-mapping", Error: "the file is empty, or its top level is not a mapping",
    UnknownKey = "unknown-key", Error: "a key the format does not define",
    DuplicateKey = "duplicate-key", Error: "the same key twice in one mapping",
    MissingKey = "missing-key", Error: "a required key is absent",
    InvalidValue = "invalid-value", Error: "a value outside the allowed set",
    InvalidId = "invalid-id", Error: "an agreement, party or obligation id that is not [a-z0-9-]+",
    DuplicateId = "duplicate-id", Error: "an id used twice (agreements across files; parties, obligations, amendments within one)",
    InvalidDate = "invalid-date", Error: "a date that is not YYYY-MM-DD or does not exist",
    InvalidPeriod = "invalid-period", Error: "a period that cannot be read",
    ZeroPeriod = "zero-period", Error: "a notice period, term or interval of zero length",
    TooFewParties = "too-few-parties", Error: "an agreement with fewer than two parties",
    UndefinedParty = "undefined-party", Error: "a reference to a party the file does not define",
    UndefinedOrgan = "undefined-organ", Error: "a reference to an organ its party does not list",
    UndefinedObligation = "undefined-obligation", Error: "a performed event for an obligation the file does not define",
    UndefinedAmendment = "undefined-amendment", Error: "an event for an amendment the file does not define",
    ConflictingKeys = "conflicting-keys", Error: "keys that cannot be used together, or a key its context requires",
    UnsatisfiableEntryIntoForce = "unsatisfiable-entry-into-force", Error: "an entry-into-force clause that can never be met",
    EventOrder = "event-order", Warning: "events out of date order, or before signature",
    NoticeWithoutRight = "notice-without-right", Error: "notice given by a party the termination clause does not allow",
    AcceptanceBeforeProposal = "acceptance-before-proposal", Error: "an amendment accepted before it was proposed",
    RenewalNoticeTooLong = "renewal-notice-too-long", Error: "a notice of non-renewal longer than the renewal term",
    UnknownReference = "unknown-reference", Warning: "`supersedes` or `under` names an id not in the folder",
    ReferenceCycle = "reference-cycle", Error: "`supersedes` or `under` forms a cycle",
    NoAnchor = "no-anchor", Error: "a recurring obligation with no `from` and no date of entry into force",
    EveryWithoutArticle = "every-without-article", Warning: "a recurring obligation that cites no article",
    UnreadableFile = "unreadable-file", Error: "a file that cannot be read (a broken link, a pipe or device, no permission), is not UTF-8 or is too large",
    UnreadableFolder = "unreadable-folder", Error: "a folder that cannot be read, or a link into /proc, /sys or /dev",
    SkippedPath = "skipped-path", Warning: "a link to a folder that is read already, or that holds the folder being read",
    UnknownArticle = "unknown-article", Warning: "an article cited (by an obligation, an amendment, a clause, a survival clause) that the file's `articles` do not list",
    NoticeByCollectiveParty = "notice-by-collective-party", Error: "a notice recorded as given by a collective party entry (\"Other parties\")",
    NoticeBeforePermitted = "notice-before-permitted", Error: "a notice recorded before the first day the termination clause permits (`not_before`)",
    LaterDateTooEarly = "later-date-too-early", Error: "a notice naming a day to take effect that is before the day it takes effect anyway",
    NotBeforeTooLong = "not-before-too-long", Error: "a waiting period before notice (`not_before`) no shorter than a fixed term that is not renewed",
    EntryIntoForceDiffers = "entry-into-force-differs", Warning: "a recorded entry into force on another day than the clause and the recorded events give",
}

impl Code {
    /// The code with this name.
    ///
    /// ```
    /// use accord::diagnostic::Code;
    /// assert_eq!(Code::parse("invalid-date"), Some(Code::InvalidDate));
    /// assert_eq!(Code::parse("invalid_date"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown check `{name}`")))
    }
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
    fn codes_are_unique_kebab_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.name();
            assert!(seen.insert(name), "{name} twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{name}");
            assert_eq!(Code::parse(name), Some(*code));
            assert!(!code.summary().is_empty());
        }
    }
}
