//! Text that remembers where it came from. Every byte of a [`Text`] carries the line
//! and column of the input character it was read from, so that a value extracted from
//! cleaned, joined and repaired text can still cite its source (`# line 212: "…"`).

use serde::Serialize;
use std::ops::Range;

/// A place in the input: 1-based line and 1-based column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// The words a value was read from, and where they start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub line: u32,
    pub column: u32,
    pub text: String,
}

/// A string with the input position of each of its bytes.
#[derive(Clone, Debug, Default)]
pub struct Text {
    s: String,
    pos: Vec<Pos>,
}

impl Text {
    pub fn new() -> Self {
        Text::default()
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    pub fn len(&self) -> usize {
        self.s.len()
    }

    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// Appends one character read at `p`.
    pub fn push(&mut self, c: char, p: Pos) {
        self.s.push(c);
        self.pos.resize(self.s.len(), p);
    }

    /// Appends characters that all stand for the input at `p` (a repair or a joint).
    pub fn push_str(&mut self, s: &str, p: Pos) {
        self.s.push_str(s);
        self.pos.resize(self.s.len(), p);
    }

    pub fn append(&mut self, other: &Text) {
        self.s.push_str(&other.s);
        self.pos.extend_from_slice(&other.pos);
    }

    /// Where the byte at `at` came from (the last byte's position past the end).
    pub fn pos_at(&self, at: usize) -> Pos {
        self.pos
            .get(at)
            .or_else(|| self.pos.last())
            .copied()
            .unwrap_or_default()
    }

    /// Where the text ends: the position of its last byte.
    pub fn end_pos(&self) -> Pos {
        self.pos.last().copied().unwrap_or_default()
    }

    /// The bytes in `range` (snapped to character boundaries), with their positions.
    pub fn slice(&self, range: Range<usize>) -> Text {
        let start = floor_boundary(&self.s, range.start.min(self.s.len()));
        let end = floor_boundary(&self.s, range.end.min(self.s.len())).max(start);
        Text {
            s: self.s[start..end].to_string(),
            pos: self.pos[start..end].to_vec(),
        }
    }

    /// Without leading and trailing whitespace.
    pub fn trim(&self) -> Text {
        let start = self.s.len() - self.s.trim_start().len();
        let end = self.s.trim_end().len().max(start);
        self.slice(start..end)
    }

    /// The quote for `range`: its words (whitespace collapsed) and where they start.
    pub fn quote(&self, range: Range<usize>) -> Quote {
        let part = self.slice(range);
        let trimmed = part.trim();
        let p = trimmed.pos_at(0);
        Quote {
            line: p.line,
            column: p.column,
            text: collapse_spaces(trimmed.as_str()),
        }
    }

    /// The quote for the whole text.
    pub fn quote_all(&self) -> Quote {
        self.quote(0..self.s.len())
    }

    /// A copy in which every byte for which `keep` is false is dropped; `keep` is
    /// called with each character and its byte offset.
    pub fn filter(&self, mut keep: impl FnMut(usize, char) -> bool) -> Text {
        let mut out = Text::new();
        for (i, c) in self.s.char_indices() {
            if keep(i, c) {
                out.push(c, self.pos[i]);
            }
        }
        out
    }

    /// Appends `other` after a single space, or directly when `other` continues a
    /// word split at a line end.
    pub fn join_line(&mut self, other: &Text) {
        if self.is_empty() {
            self.append(other);
            return;
        }
        let at = self.end_pos();
        self.push(' ', at);
        self.append(other);
    }
}

/// The largest character boundary of `s` at or before `at`.
pub fn floor_boundary(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Runs of whitespace replaced by one space, ends trimmed.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Quote {
    /// At most `max` characters of the quote, cut at a word boundary, with "…".
    pub fn short(&self, max: usize) -> String {
        shorten(&self.text, max)
    }
}

/// At most `max` characters of `s`, cut at a word boundary, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = s.chars().take(max).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, line: u32) -> Text {
        let mut t = Text::new();
        for (i, c) in s.chars().enumerate() {
            t.push(
                c,
                Pos {
                    line,
                    column: i as u32 + 1,
                },
            );
        }
        t
    }

    #[test]
    fn positions_survive_joining_and_slicing() {
        let mut a = text("six months", 4);
        a.join_line(&text("written notice", 5));
        assert_eq!(a.as_str(), "six months written notice");
        let at = a.as_str().find("written").unwrap();
        assert_eq!(a.pos_at(at), Pos { line: 5, column: 1 });
        let q = a.quote(4..18);
        assert_eq!((q.line, q.column, q.text.as_str()), (4, 5, "months written"));
    }

    #[test]
    fn slices_snap_to_character_boundaries() {
        let t = text("days’ notice", 1);
        let s = t.slice(0..5);
        assert_eq!(s.as_str(), "days");
        assert_eq!(t.trim().as_str(), "days’ notice");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("one two three four", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
        assert_eq!(collapse_spaces("  a \n b  "), "a b");
    }
}
