//! Text clean-up before any reading: what a text extracted from a PDF, a scan or a web
//! page carries besides the agreement. Markdown heading marks, list bullets, links and
//! HTML tags are removed (their words kept); page numbers, inline page markers and
//! running headers or footers (a short line repeated on every page) are dropped; scanning
//! noise in acronyms is repaired ([`super::ocr`]). Every kept character keeps its input
//! line and column.

use super::ocr::repair_acronyms;
use super::source::{Pos, Text};
use std::collections::HashMap;

/// One input line after clean-up (empty when blank or dropped).
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// 1-based input line number.
    pub no: u32,
    pub text: Text,
    /// Marked as a heading in Markdown (`## …`).
    pub heading: bool,
}

/// A repair made to the text, reported in the draft for review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    pub line: u32,
    pub from: String,
    pub to: String,
    pub why: &'static str,
}

/// The cleaned lines, the repairs made, and the lines dropped as page furniture.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cleaned {
    pub lines: Vec<Line>,
    pub fixes: Vec<Fix>,
    pub dropped: Vec<u32>,
}

/// Cleans every line of `input`.
pub(crate) fn clean(input: &str) -> Cleaned {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut lines: Vec<Line> = input
        .split('\n')
        .enumerate()
        .map(|(i, raw)| clean_line(i as u32 + 1, raw))
        .flat_map(split_run_on)
        .collect();
    let mut dropped = drop_page_numbers(&mut lines);
    dropped.extend(drop_running_heads(&mut lines));
    dropped.sort_unstable();
    let fixes = repair_acronyms(&mut lines);
    Cleaned { lines, fixes, dropped }
}

/// A very long line holding several articles or numbered clauses (text extracted
/// without line ends) is split before each heading or clause number that follows the
/// end of a sentence: "… Licensor. ARTICLE 3. TERM …", "… business. 2.2 The …".
fn split_run_on(line: Line) -> Vec<Line> {
    let s = line.text.as_str();
    if s.len() < 400 {
        return vec![line];
    }
    let mut cuts = Vec::new();
    for (i, _) in s.match_indices(' ') {
        let before = s[..i].trim_end();
        let after = &s[i + 1..];
        let ends = before.ends_with(['.', ':', ';', ')']) && !before.ends_with(" No.") && !before.ends_with(" Art.");
        if !ends {
            continue;
        }
        let heading = super::headings::heading(after.get(..after.len().min(80)).unwrap_or(after)).is_some()
            && after
                .split_whitespace()
                .next()
                .is_some_and(|w| ["ARTICLE", "Article", "SECTION", "Section", "ANNEX", "Annex"].contains(&w));
        let clause = super::numbering::label_at_start(after).is_some_and(|l| l.raw.contains('.') && l.raw.len() <= 5)
            && after[after.find(' ').unwrap_or(0)..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase());
        if heading || clause {
            cuts.push(i + 1);
        }
    }
    if cuts.is_empty() {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts.into_iter().chain(std::iter::once(s.len())) {
        let part = line.text.slice(from..c).trim();
        if !part.is_empty() {
            out.push(Line {
                no: line.no,
                text: part,
                heading: line.heading && from == 0,
            });
        }
        from = c;
    }
    out
}

/// One raw line: positions assigned, Markdown and HTML removed, spaces collapsed.
fn clean_line(no: u32, raw: &str) -> Line {
    let mut t = Text::new();
    for (i, c) in raw.trim_end_matches('\r').chars().enumerate() {
        let c = match c {
            '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{0c}' => ' ',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        t.push(
            c,
            Pos {
                line: no,
                column: i as u32 + 1,
            },
        );
    }
    let t = strip_html(&t);
    let t = strip_links(&t);
    let t = strip_page_markers(&t);
    let t = super::words::squeeze(&t);
    let (t, heading) = strip_heading_marks(&t);
    let t = strip_bullet(&t);
    Line { no, text: t, heading }
}

fn strip_heading_marks(t: &Text) -> (Text, bool) {
    let s = t.as_str();
    let hashes = s.len() - s.trim_start_matches('#').len();
    if hashes == 0 || hashes > 6 {
        return (t.clone(), false);
    }
    (t.slice(hashes..s.len()).trim(), true)
}

/// A leading Markdown bullet (`- `, `* `, `+ `, `• `) before text.
fn strip_bullet(t: &Text) -> Text {
    let s = t.as_str();
    for b in ["- ", "* ", "+ ", "• ", "· "] {
        if let Some(rest) = s.strip_prefix(b) {
            if !rest.trim().is_empty() {
                return t.slice(b.len()..s.len()).trim();
            }
        }
    }
    if s == "-" || s == "*" || s == "•" {
        return Text::new();
    }
    t.clone()
}

/// HTML tags (`<p>`, `</p>`, `<br/>`) replaced by a space; common entities decoded.
fn strip_html(t: &Text) -> Text {
    let s = t.as_str();
    if !s.contains('<') && !s.contains('&') {
        return t.clone();
    }
    let mut out = Text::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('<') {
            if let Some(end) = rest.find('>') {
                let inner = &rest[1..end];
                let name = inner.trim_start_matches('/');
                if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && inner.len() < 200
                    && !inner.contains('<')
                {
                    out.push(' ', t.pos_at(i));
                    i += end + 1;
                    continue;
                }
            }
        }
        if rest.starts_with('&') {
            let entity = [
                ("&amp;", "&"),
                ("&nbsp;", " "),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&lt;", "<"),
                ("&gt;", ">"),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e));
            if let Some((e, with)) = entity {
                out.push_str(with, t.pos_at(i));
                i += e.len();
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c, t.pos_at(i));
        i += c.len_utf8();
    }
    out
}

/// Markdown links and images: `[words](target)` → `words`.
fn strip_links(t: &Text) -> Text {
    let s = t.as_str();
    if !s.contains("](") {
        return t.clone();
    }
    let mut drop = vec![false; s.len()];
    let mut from = 0;
    while let Some(k) = s[from..].find("](") {
        let mid = from + k;
        let open = s[..mid].rfind('[');
        let close = s[mid + 2..].find(')').map(|c| mid + 2 + c);
        match (open, close) {
            (Some(o), Some(c)) => {
                drop[o] = true;
                if o > 0 && s.as_bytes()[o - 1] == b'!' {
                    drop[o - 1] = true;
                }
                drop[mid..=c].iter_mut().for_each(|d| *d = true);
                from = c + 1;
            }
            _ => from = mid + 2,
        }
    }
    t.filter(|at, _| !drop[at])
}

/// Page markers inside a line, as in United Nations documents: `/... Page 3`.
fn strip_page_markers(t: &Text) -> Text {
    let s = t.as_str();
    let Some(at) = s.find("/...") else {
        return t.clone();
    };
    let mut end = at + 4;
    let rest = &s[end..];
    let trimmed = rest.trim_start();
    if let Some(after) = trimmed.strip_prefix("Page") {
        let digits = after.trim_start();
        let n = digits.len() - digits.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if n > 0 {
            end += rest.len() - trimmed.len() + 4 + (after.len() - digits.len()) + n;
        }
    }
    let mut out = t.slice(0..at);
    out.append(&t.slice(end..s.len()));
    out
}

/// Whether a line is a page number on its own: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`, `3/12`.
pub(crate) fn is_page_number(s: &str) -> bool {
    let s = s.trim();
    let core = s.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    let digits = |x: &str| !x.is_empty() && x.len() <= 3 && x.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    let lower = core.to_lowercase();
    let body = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .map(str::trim)
        .unwrap_or(&lower);
    let parts: Vec<&str> = body
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [n] => body != lower && digits(n),
        [a, b] => digits(a) && digits(b),
        [a, "of", b] => digits(a) && digits(b),
        _ => false,
    }
}

fn drop_page_numbers(lines: &mut [Line]) -> Vec<u32> {
    let mut dropped = Vec::new();
    for l in lines.iter_mut() {
        if !l.text.is_empty() && is_page_number(l.text.as_str()) {
            dropped.push(l.no);
            l.text = Text::new();
        }
    }
    dropped
}

/// Running heads and footers: a short line that recurs (digits aside) three times or
/// more and is not a heading the structure needs.
fn drop_running_heads(lines: &mut [Line]) -> Vec<u32> {
    let key = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    '#'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter() {
        let s = l.text.as_str();
        if (3..=160).contains(&s.len()) {
            *counts.entry(key(s)).or_default() += 1;
        }
    }
    let mut dropped = Vec::new();
    for l in lines.iter_mut() {
        let s = l.text.as_str();
        if s.len() < 3 || s.len() > 160 || super::headings::is_structural(s) {
            continue;
        }
        if counts.get(&key(s)).is_some_and(|&n| n >= 3) {
            dropped.push(l.no);
            l.text = Text::new();
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_are_removed_with_positions_kept() {
        let c = clean("## Article 2\n- 1. See [the Constitution](../x/README.md) <p>now</p>\n");
        assert!(c.lines[0].heading);
        assert_eq!(c.lines[0].text.as_str(), "Article 2");
        assert_eq!(c.lines[1].text.as_str(), "1. See the Constitution now");
        let at = c.lines[1].text.as_str().find("the").unwrap();
        assert_eq!(c.lines[1].text.pos_at(at), Pos { line: 2, column: 11 });
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let text = "Acme Licence 1\nThe Licensee shall pay.\n- 2 -\nAcme Licence 2\nPage 3 of 9\nAcme Licence 3\n";
        let c = clean(text);
        let kept: Vec<&str> = c
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(kept, vec!["The Licensee shall pay."]);
        assert_eq!(c.dropped, vec![1, 3, 4, 5, 6]);
        assert!(!is_page_number("1."));
        assert!(!is_page_number("1989 was a year"));
    }

    #[test]
    fn run_on_lines_are_split_at_headings_and_clause_numbers() {
        let long = format!("Preamble text. ARTICLE 1. MEANINGS 1.1 The Owner holds the mark. {} 1.2 Licensee uses it. ARTICLE 2. TERM The term is one year.", "Filler words here. ".repeat(20));
        let c = clean(&long);
        let starts: Vec<&str> = c
            .lines
            .iter()
            .map(|l| l.text.as_str().split(' ').next().unwrap_or(""))
            .collect();
        // "MEANINGS 1.1": no sentence ends before 1.1; the heading reader splits it.
        assert_eq!(starts, vec!["Preamble", "ARTICLE", "1.2", "ARTICLE"]);
        assert!(c.lines.iter().all(|l| l.no == 1));
    }

    #[test]
    fn inline_page_markers_are_removed() {
        let c = clean("the Parties report to the Council. /... Page 4\n");
        assert_eq!(c.lines[0].text.as_str(), "the Parties report to the Council.");
    }
}
