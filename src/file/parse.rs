//! One file's text to a checked agreement: the YAML parser with explicit budgets
//! against hostile input, the raw shape (`super::raw`), then validation
//! ([`super::validate`]). Parser errors become located diagnostics with a code and help.

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
    match serde_saphyr::from_str_with_options::<RawAgreement<T>>(text, parser_options()) {
        Ok(raw) => validate::agreement(raw, path, source),
        Err(e) => (None, vec![syntax_diagnostic(path, source, &e)]),
    }
}

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
    let span = err
        .location()
        .map(|l| Span::at(source, l.line() as usize, l.column() as usize));
    let (code, help) = classify(&message);
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
    if message.starts_with("unknown variant") {
        return (Code::InvalidValue, None);
    }
    (Code::Syntax, None)
}
