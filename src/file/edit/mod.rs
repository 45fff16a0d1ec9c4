//! Editing agreement files as text: inserting an event into `events` in date order
//! ([`insert_event`]), recording the signature ([`sign`]), recording a decision on an
//! amendment ([`decide`]), and the commented file of `accord new` ([`template`]). Where
//! to write is found from the YAML parser's positions (`shape`), never by looking for
//! lines that start with a key; what is written follows the file's style (block or flow,
//! its indentation, its line ends). Everything else stays byte for byte as it was;
//! nothing is re-serialised. Callers parse the result again and compare it with what
//! they expect before writing it (see `cli/record`).

mod amendment;
mod events;
mod shape;
mod signed;
mod template;
mod text;

pub(crate) use amendment::{decide, Decision};
pub(crate) use events::insert_event;
pub(crate) use signed::sign;
pub(crate) use template::template;

use chrono::NaiveDate;
use shape::{Entry, Node, Value};

/// The `id` a text declares, if it can be read as YAML at all (for naming a file that
/// has errors).
pub(crate) fn declared_id(text: &str) -> Option<String> {
    shape::read(text).ok()?.entry("id")?.value.scalar().map(str::to_string)
}

/// One event to insert, as ordered `key: value` pairs (`date` and `type` first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewEvent {
    pub date: NaiveDate,
    pub fields: Vec<(&'static str, String)>,
}

/// Why a file's text could not be edited safely. The file is left unchanged.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the text cannot be read as YAML ({0})")]
    Unreadable(String),
    #[error("line {line}: {what}; make this change by hand")]
    Layout { line: usize, what: String },
}

impl EditError {
    fn at(text: &str, at: usize, what: impl Into<String>) -> EditError {
        EditError::Layout {
            line: text::line_number(text, at),
            what: what.into(),
        }
    }
}

/// A change to the text: `range` replaced by `with`.
struct Splice {
    range: std::ops::Range<usize>,
    with: String,
}

impl Splice {
    fn insert(at: usize, with: String) -> Splice {
        Splice { range: at..at, with }
    }
}

/// The text with every splice applied. Splices must not overlap; an insertion where a
/// removal starts lands before what follows the removal.
fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| std::cmp::Reverse((s.range.start, s.range.end)));
    let mut out = text.to_string();
    for s in splices {
        out.replace_range(s.range, &s.with);
    }
    out
}

/// The top-level mapping, which must be a block mapping with one key per line.
fn root(text: &str) -> Result<Node, EditError> {
    let root = shape::read(text).map_err(EditError::Unreadable)?;
    let block = matches!(root.value, Value::Map(_)) && !text[root.at..].starts_with('{');
    if !block {
        return Err(EditError::at(
            text,
            root.at,
            "the file is not a block mapping of keys (one `key: value` per line)",
        ));
    }
    let entries = root.entries();
    for pair in entries.windows(2) {
        if text::line_start(text, pair[0].key_at) == text::line_start(text, pair[1].key_at) {
            return Err(EditError::at(text, pair[1].key_at, "two top-level keys share a line"));
        }
    }
    Ok(root)
}

/// Where the value of top-level entry `k` ends: the start of the next key's line (or
/// of the comments directly above it), or the end of the text.
fn region_end(text: &str, entries: &[Entry], k: usize) -> usize {
    entries
        .get(k + 1)
        .map_or(text.len(), |next| text::line_start(text, next.key_at))
}

/// The byte after the `:` that follows an entry's key.
fn after_colon(text: &str, e: &Entry) -> Result<usize, EditError> {
    let from = e.key_at + e.key_len;
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[skipped..].starts_with(':') {
        Ok(from + skipped + 1)
    } else {
        Err(EditError::at(
            text,
            e.key_at,
            format!("cannot find the `:` after `{}`", e.key),
        ))
    }
}

/// Gives an empty entry (`key:`, `key: ~`, `key: null`) the flow value `value`,
/// written after the colon or in place of the null.
fn fill_null(text: &str, e: &Entry, value: &str) -> Result<Splice, EditError> {
    let colon = after_colon(text, e)?;
    let line_end = text::next_line(text, colon);
    let rest = &text[colon..line_end];
    let token = rest.trim_start_matches([' ', '\t']);
    let start = colon + (rest.len() - token.len());
    let word = token.split(|c: char| c.is_whitespace()).next().unwrap_or_default();
    if matches!(word, "~" | "null" | "Null" | "NULL") {
        return Ok(Splice {
            range: start..start + word.len(),
            with: value.to_string(),
        });
    }
    if !(word.is_empty() || word.starts_with('#')) {
        return Err(EditError::at(
            text,
            e.key_at,
            format!("cannot read the empty value of `{}`", e.key),
        ));
    }
    Ok(Splice::insert(colon, format!(" {value}")))
}

/// Adds `key: value` to a mapping that does not have it: before the closing brace of a
/// flow mapping, or as a new line after the last line of a block mapping, which ends
/// before the line at `limit`.
fn add_entry(text: &str, map: &Node, limit: usize, key: &str, value: &str) -> Result<Splice, EditError> {
    let nl = text::newline(text);
    if text[map.at..].starts_with('{') {
        let close = text::flow_end(text, map.at)
            .ok_or_else(|| EditError::at(text, map.at, "cannot find where the mapping closes"))?
            - 1;
        let at = map.at + 1 + text[map.at + 1..close].trim_end().len();
        let sep = if map.entries().is_empty() { "" } else { ", " };
        return Ok(Splice::insert(at, format!("{sep}{key}: {value}")));
    }
    let first = map
        .entries()
        .first()
        .ok_or_else(|| EditError::at(text, map.at, "an empty mapping"))?;
    let col = first.key_at - text::line_start(text, first.key_at);
    let from = text::line_start(text, first.key_at);
    let at = text::content_end(text, from, limit, col.saturating_sub(1));
    Ok(Splice::insert(
        at,
        format!("{}{}{key}: {value}{nl}", add_lead(text, at), " ".repeat(col)),
    ))
}

/// A line end to write first when inserting at the end of a text that lacks one.
fn add_lead(text: &str, at: usize) -> &'static str {
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        text::newline(text)
    } else {
        ""
    }
}

/// `{key: value, ...}`, each value written so that YAML reads it back unchanged.
fn flow_map(fields: &[(&str, String)]) -> String {
    let inner: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}: {}", text::scalar(v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}
