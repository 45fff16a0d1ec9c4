//! One file's text to a checked agreement: the YAML parser with explicit budgets
//! against hostile input, the raw shape (`super::raw`), then validation
//! ([`super::validate`]). Parser errors become located diagnostics with a code and help.

use super::excise::excise;
use super::raw::{ArticleText, RawAgreement, Skipped};
use super::validate;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::Agreement;
use crate::suggest::did_you_mean;
use std::path::Path;

/// Files larger than this are refused (documented in docs/format.md).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Whether article texts are kept: only `show` and the writing commands need them, and
/// they are the bulk of every file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    Keep,
    /// Parsed, so the file is still fully checked, but not stored.
    Skip,
}

/// Parses and validates one file's text; `path` is only for the diagnostics.
///
/// ```
/// use accord::file::parse::{agreement, Texts};
/// let text = "id: x\ntitle: X\nparties:\n  a: {name: A}\n  b: {name: B}\n";
/// let (a, diagnostics) = agreement("x.yaml".as_ref(), text, Texts::Keep);
/// assert_eq!(a.map(|a| a.id), Some("x".to_string()));
/// assert!(diagnostics.is_empty());
/// ```
pub fn agreement(path: &Path, source: &str, texts: Texts) -> (Option<Agreement>, Vec<Diagnostic>) {
    let ends = line_ends_as_newlines(source);
    let source = ends.as_deref().unwrap_or(source);
    match texts {
        Texts::Keep => parse_as::<Option<String>>(path, source),
        Texts::Skip => parse_as::<Skipped>(path, source),
    }
}

fn parse_as<T>(path: &Path, source: &str) -> (Option<Agreement>, Vec<Diagnostic>)
where
    T: ArticleText + for<'de> serde::Deserialize<'de>,
{
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return (
            None,
            vec![Diagnostic::new(Code::NotAMapping, path, None, "the file is empty")
                .with_help("an agreement file is a mapping with at least `id`, `title` and `parties`")],
        );
    }
    // An unknown key stops the parser; take it out and parse again, so that every
    // unknown key (and what follows) is reported at once. Positions do not move.
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut found = Vec::new();
    for _ in 0..MAX_UNKNOWN_KEYS {
        match serde_saphyr::from_str_with_options::<RawAgreement<T>>(&text, parser_options()) {
            Ok(raw) => {
                let excised = !found.is_empty();
                let (agreement, diagnostics) = validate::agreement(raw, path, source);
                found.extend(diagnostics);
                return (agreement.filter(|_| !excised), found);
            }
            Err(e) => {
                let d = syntax_diagnostic(path, source, &e);
                // The same mistake again: taking the key out did not get the parser past
                // it, so parsing again would only repeat it.
                if found.contains(&d) {
                    break;
                }
                let next = match (&d.code, e.location()) {
                    (Code::UnknownKey, Some(at)) => excise(&text, at.line() as usize, at.column() as usize),
                    _ => None,
                };
                found.push(d);
                match next {
                    Some(t) if t != *text => text = std::borrow::Cow::Owned(t),
                    _ => break,
                }
            }
        }
    }
    (None, found)
}

/// `source` with each carriage return that no line feed follows turned into a line feed,
/// when it has one: YAML ends a line there, so the parser's line numbers count it, and
/// everything that finds a line by its number (the excision of unknown keys, the lines
/// shown under a diagnostic) must count it too. One byte for one, so no position moves.
fn line_ends_as_newlines(source: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return None;
    }
    let fixed: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    String::from_utf8(fixed).ok()
}

/// How many unknown keys one file reports before the rest is left to the next run.
const MAX_UNKNOWN_KEYS: usize = 100;

/// The parser's limits, set explicitly (see docs/format.md, "Limits"). The options
/// hold an `Rc`, so each thread builds its own.
pub fn parser_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES as usize);
    budget.max_events = 2_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 48;
    budget.max_documents = 1;
    budget.max_nodes = 1_000_000;
    budget.max_total_scalar_bytes = 2 * MAX_FILE_BYTES as usize;
    let mut aliases = serde_saphyr::options::AliasLimits::default();
    aliases.max_total_replayed_events = 100_000;
    aliases.max_replay_stack_depth = 16;
    aliases.max_alias_expansions_per_anchor = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits = aliases;
    options.strict_booleans = true;
    options.with_snippet = false;
    options
}

/// Turns a parser error into a diagnostic with its code, location and help.
fn syntax_diagnostic(path: &Path, source: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let mut message = err.render_with_options(options);
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    let (code, help) = classify(&message);
    let span = err.location().map(|l| {
        let (line, column) = (l.line() as usize, l.column() as usize);
        // The parser notices a missing key at the mapping's last entry; the mapping
        // begins at its first.
        let (line, column) = match code {
            Code::MissingKey => first_key_of_mapping(source, line, column).unwrap_or((line, column)),
            _ => (line, column),
        };
        Span::at(source, line, column)
    });
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        message = format!("duplicate key `{}`", rest.split(',').next().unwrap_or(rest));
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        message = format!("missing required key {rest}");
    }
    let mut d = Diagnostic::new(code, path, span, message.clone());
    let first_content_line = source
        .lines()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map_or(1, |i| i as u64 + 1);
    let at_top = err.location().is_some_and(|l| l.line() <= first_content_line);
    if code == Code::Syntax && message.contains("expected mapping start") && at_top {
        d.code = Code::NotAMapping;
        d.message = "the top level of an agreement file must be a mapping".into();
    }
    d.help = help;
    d
}

/// The first key of the block mapping whose key at `line`:`column` (1-based) the parser
/// stopped at: the highest line above it, in the same run of lines, whose key starts in
/// the same column (a list item's `- ` counts as indentation). `None` when no key starts
/// there (a flow mapping).
fn first_key_of_mapping(source: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    fn key_column(l: &str) -> (usize, &str) {
        let rest = l.trim_start_matches(' ');
        let mut col = l.len() - rest.len();
        let mut body = rest;
        while let Some(after) = body.strip_prefix("- ") {
            let trimmed = after.trim_start_matches(' ');
            col += body.len() - trimmed.len();
            body = trimmed;
        }
        (col + 1, body)
    }
    let lines: Vec<&str> = source.lines().collect();
    let (own, body) = key_column(lines.get(line.checked_sub(1)?)?);
    if own != column || body.is_empty() {
        return None;
    }
    let mut first = line;
    for n in (1..line).rev() {
        let (col, body) = key_column(lines[n - 1]);
        if body.is_empty() || body.starts_with('#') || col > column {
            continue;
        }
        if col < column {
            break;
        }
        first = n;
        if lines[n - 1].trim_start().starts_with("- ") {
            break;
        }
    }
    Some((first, column))
}

fn classify(message: &str) -> (Code, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, list)| list.split(", ").map(|s| s.trim_matches('`')).collect())
            .unwrap_or_default();
        let help = did_you_mean(name, expected.iter().copied())
            .or_else(|| (!expected.is_empty()).then(|| format!("the keys allowed here are: {}", expected.join(", "))));
        return (Code::UnknownKey, help);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return (
            Code::DuplicateKey,
            Some(format!(
                "`{key}` is given twice in this mapping; remove one of the two entries"
            )),
        );
    }
    if message.starts_with("missing field") {
        return (Code::MissingKey, Some("docs/format.md lists the required keys".into()));
    }
    if message.contains("expected a word or a list") {
        return (
            Code::InvalidValue,
            Some("write a word or a list: `by: any_party` or `by: [iom]`; `requires: all_parties` or `requires: [{party: un, organ: General Assembly}]`".into()),
        );
    }
    if message.contains("expected a value or a mapping") {
        return (
            Code::InvalidValue,
            Some("write a value or a mapping: an id or `{title: ..., date: ...}` in `supersedes`; a period or `{period, from}` in `not_before`".into()),
        );
    }
    if let Some(name) = message.strip_prefix("data did not match any variant of untagged enum ") {
        let help = match name.trim() {
            "RawBy" => "`by` is `any_party` or a list of party ids, e.g. `by: [iom]`",
            "RawRequires" => "`requires` is `all_parties` or a list of approvals, e.g. `requires: [{party: un, organ: General Assembly}]`",
            "RawReference" => "each entry is an agreement id of the folder, or `{title: ..., date: YYYY-MM-DD}` for one outside it",
            _ => "docs/format.md shows the forms this key takes",
        };
        return (Code::InvalidValue, Some(help.into()));
    }
    (Code::Syntax, syntax_hint(message).map(str::to_string))
}

/// Layout mistakes explained in words: the parser's messages name its states.
fn syntax_hint(message: &str) -> Option<&'static str> {
    let hints: [(&str, &str); 5] = [
        ("tabs disallowed", "YAML indents with spaces only: replace the tab at the start of this line with spaces"),
        ("did not find expected key", "check the indentation: the keys of one mapping start in the same column, and a value on its own lines is indented further than its key"),
        ("mapping values are not allowed", "a `key: value` where a plain value was expected: check this line's indentation against the line above, or quote a value that contains `: `"),
        ("expected mapping start", "a mapping is expected here: `key: value` lines indented below the key, or `{key: value}`"),
        ("did not find expected '-'", "check the indentation of the list: every item starts with `- ` in the same column"),
    ];
    hints.iter().find(|(m, _)| message.contains(m)).map(|(_, h)| *h)
}

#[cfg(test)]
mod tests {
    //! The classification of parser errors reads serde-saphyr's wording. One test per
    //! message it matches, through the real parser, so that an upgrade that changes the
    //! wording fails here rather than turning located errors into plain `syntax`.

    use super::*;

    const PARTIES: &str = "parties:\n  a: {name: A}\n  b: {name: B}\n";

    fn diagnose(text: &str) -> Diagnostic {
        let (a, mut d) = agreement(Path::new("t.yaml"), text, Texts::Keep);
        assert!(a.is_none(), "{text}");
        assert_eq!(d.len(), 1, "{d:?}");
        d.remove(0)
    }

    #[test]
    fn unknown_field_with_its_suggestion() {
        let d = diagnose(&format!("id: x\ntitle: X\n{PARTIES}signd: {{date: 2020-01-01}}\n"));
        assert_eq!((d.code, d.line(), d.column()), (Code::UnknownKey, 6, 1));
        assert!(d.message.starts_with("unknown field `signd`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `signed`?"));
    }

    #[test]
    fn duplicate_mapping_key() {
        let d = diagnose(&format!("id: x\ntitle: X\ntitle: Y\n{PARTIES}"));
        assert_eq!((d.code, d.line()), (Code::DuplicateKey, 3));
        assert_eq!(d.message, "duplicate key `title`");
    }

    #[test]
    fn a_missing_key_points_at_the_first_key_of_its_mapping() {
        let text = "# c\nid: x\nparties:\n  a: {name: A}\n  b: {name: B}\ntermination:\n  notice: 1 year\n";
        assert_eq!(first_key_of_mapping(text, 6, 1), Some((2, 1)));
        let list = "obligations:\n  - id: a\n    text: t\n  - id: b\n    parties: [x]\n    every: 1 year\n";
        assert_eq!(first_key_of_mapping(list, 6, 5), Some((4, 5)));
        assert_eq!(first_key_of_mapping("a: {b: 1, c: 2}\n", 1, 11), None);
    }

    #[test]
    fn missing_field() {
        let d = diagnose(&format!("id: x\n{PARTIES}"));
        assert_eq!(d.code, Code::MissingKey);
        assert_eq!(d.message, "missing required key `title`");
    }

    #[test]
    fn a_value_of_none_of_the_forms_a_key_takes() {
        let d = diagnose(&format!(
            "id: x\ntitle: X\n{PARTIES}termination: {{notice: 6 months, by: {{a: 1}}}}\n"
        ));
        assert_eq!((d.code, d.line(), d.column()), (Code::InvalidValue, 6, 37));
        assert!(d.help.as_deref().is_some_and(|h| h.contains("any_party")), "{d:?}");
        let d = diagnose(&format!("id: x\ntitle: X\n{PARTIES}supersedes: [[old]]\n"));
        assert_eq!((d.code, d.line()), (Code::InvalidValue, 6), "{d:?}");
    }

    #[test]
    fn a_top_level_that_is_not_a_mapping() {
        let d = diagnose("# a comment\n- just\n- a list\n");
        assert_eq!((d.code, d.line()), (Code::NotAMapping, 2));
        let d = diagnose("just a sentence\n");
        assert_eq!(d.code, Code::NotAMapping);
    }

    #[test]
    fn layout_mistakes_get_a_hint_in_words() {
        let cases = [
            ("id: x\ntitle: X\nparties:\n\ta: {name: A}\n  b: {name: B}\n", "tab"),
            (
                "id: x\ntitle: X\nparties:\n  a: {name: A}\n   b: {name: B}\n",
                "same column",
            ),
            (
                "id: x\n title: X\nparties:\n  a: {name: A}\n  b: {name: B}\n",
                "indentation against the line above",
            ),
            (
                "id: x\ntitle: X\nparties:\n  a:\n    name: A\n  short_name: AA\n",
                "a mapping is expected",
            ),
        ];
        for (text, hint) in cases {
            let d = diagnose(text);
            assert_eq!(d.code, Code::Syntax, "{text}");
            assert!(d.help.as_deref().is_some_and(|h| h.contains(hint)), "{text}: {d:?}");
        }
    }

    #[test]
    fn every_unknown_key_is_reported_and_positions_stay_put() {
        let text = format!(
            "id: x\ntitle: X\n{PARTIES}obligations:\n  - {{id: a, text: A, parties: [a], modalty: shall}}\n  - id: b\n    modalty: will\n    text: B\n    parties: [a]\nsignd: {{date: 2020-01-01}}\n"
        );
        let (a, d) = agreement(Path::new("t.yaml"), &text, Texts::Keep);
        assert!(a.is_none());
        let got: Vec<(Code, usize, usize)> = d.iter().map(|d| (d.code, d.line(), d.column())).collect();
        assert_eq!(
            got,
            [
                (Code::UnknownKey, 7, 36),
                (Code::UnknownKey, 9, 5),
                (Code::UnknownKey, 12, 1)
            ]
        );
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_for_every_position() {
        // The parser counts a lone CR as a line end; the line shown must be the same line.
        let text = "id: x\rtitle: X\nparties:\n  a: {name: A}\n  b: {name: B}\nbogus: 1\n";
        let d = diagnose(text);
        assert_eq!((d.code, d.line()), (Code::UnknownKey, 6));
        assert_eq!(d.span.as_ref().map(|s| s.line_text.as_str()), Some("bogus: 1"));
        // A CR LF file is left as it is.
        assert_eq!(line_ends_as_newlines("a: 1\r\nb: 2\r\n"), None);
        assert_eq!(line_ends_as_newlines("a: 1\rb: 2").as_deref(), Some("a: 1\nb: 2"));
    }

    #[test]
    fn an_unknown_key_after_a_lone_carriage_return_is_found_and_reported_once() {
        // Found by fuzzing: with lines counted at line feeds only, the excision of the
        // unknown key cut the wrong line, so the same key was reported a hundred times,
        // the file parsed a hundred times, and the line shown was another one.
        let text = "events:\n  - {date: 2011-07\r06, type: deposited}\n  - {date: 2011-07-25, typel of the Parties, article: Art. 40}\nsigned: {date: 2011-01-15}\n";
        let (_, found) = agreement(Path::new("x.yaml"), text, Texts::Keep);
        let mut messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        let all = messages.len();
        messages.sort_unstable();
        messages.dedup();
        assert_eq!(messages.len(), all, "{found:#?}");
        let typel = found.iter().find(|d| d.message.contains("`typel of the Parties`"));
        let shown = typel.and_then(|d| d.span.as_ref()).map(|s| s.line_text.as_str());
        assert_eq!(
            shown,
            Some("  - {date: 2011-07-25, typel of the Parties, article: Art. 40}")
        );
    }

    #[test]
    fn the_location_is_cut_from_the_message() {
        let d = diagnose(&format!("id: x\ntitle: [unclosed\n{PARTIES}"));
        assert_eq!(d.code, Code::Syntax);
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }
}
