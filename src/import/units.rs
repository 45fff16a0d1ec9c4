//! The units of an agreement text, once its operative part is known: articles with
//! their titles (on the heading line, on the next lines in capitals, or alone on one
//! short line), numbered paragraphs under section and sub-section headings (titles
//! "Section: Sub-section"), sections headed in capitals, and annexes after the
//! signatures (a bracketed note under an annex title belongs to the title).

use super::blocks::blocks;
use super::casing::{Casing, Fallback};
use super::clean::{Fix, Line};
use super::headings::{heading, Heading};
use super::numbering::{label_at_start, next_numbers, Wrap};
use super::source::Pos;
use super::structure::{is_section_heading, Unit, UnitKind};
use super::words::{capitalise, is_caps};
use std::ops::Range;

fn unit(number: String, kind: UnitKind, title: Option<String>, at: Pos) -> Unit {
    Unit {
        number,
        kind,
        title,
        at,
        blocks: Vec::new(),
    }
}

/// Title lines right after a heading: capitals or Markdown headings, or one short line
/// standing alone. Returns the title and the index of the first line after it.
fn title_after(lines: &[Line], p: &[String], mut i: usize, end: usize, casing: &Casing) -> (Option<String>, usize) {
    let mut parts: Vec<String> = Vec::new();
    while i < end && p[i].is_empty() && parts.is_empty() {
        i += 1;
    }
    while i < end
        && !p[i].is_empty()
        && (is_caps(&p[i]) || lines[i].heading)
        && heading(&p[i]).is_none()
        && label_at_start(&p[i]).is_none()
    {
        parts.push(p[i].clone());
        i += 1;
    }
    if parts.is_empty() && i < end {
        let s = &p[i];
        let alone = i + 1 >= end || p[i + 1].is_empty() || label_at_start(&p[i + 1]).is_some();
        let titleish = s.len() <= 100
            && !s.ends_with(['.', ';', ':', ','])
            && s.chars().next().is_some_and(|c| c.is_uppercase())
            && label_at_start(s).is_none()
            && heading(s).is_none();
        if alone && titleish {
            return (Some(s.clone()), i + 1);
        }
        return (None, i);
    }
    if parts.is_empty() {
        return (None, i);
    }
    let joined = parts.join(" ");
    let title = if is_caps(&joined) {
        casing.restore(&joined, Fallback::Sentence)
    } else {
        joined
    };
    (Some(title), i)
}

/// The words in capitals that open `s`, and the rest: "FEES AND PAYMENT 3.1 …".
fn caps_head(s: &str) -> (String, String) {
    let mut end = 0;
    for (at, w) in super::words::tokens(s) {
        if !(is_caps(w) || (end > 0 && ["AND", "OF", "THE", "TO"].contains(&w)))
            || w.chars().any(|c| c.is_ascii_digit())
        {
            break;
        }
        end = at + w.len();
    }
    (s[..end].trim().to_string(), s[end..].trim().to_string())
}

pub(super) fn articles_of(
    lines: &[Line],
    p: &[String],
    body: Range<usize>,
    fixes: &mut Vec<Fix>,
    casing: &Casing,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut i = body.start;
    let mut content: Vec<Line> = Vec::new();
    let flush = |units: &mut Vec<Unit>, content: &mut Vec<Line>, fixes: &mut Vec<Fix>| {
        if let Some(u) = units.last_mut() {
            u.blocks = blocks(content, lines, fixes);
        }
        content.clear();
    };
    while i < body.end {
        if let Some(Heading::Article { number, rest }) = heading(&p[i]) {
            flush(&mut units, &mut content, fixes);
            let at = lines[i].text.pos_at(0);
            let mut title = None;
            let (caps, tail) = caps_head(&rest);
            if !caps.is_empty() && !tail.is_empty() && rest.len() > 80 {
                // "ARTICLE 2. FEES AND PAYMENT 2.1 The Client pays …"
                title = Some(casing.restore(&caps, Fallback::Sentence));
                let skip = lines[i].text.as_str().find(tail.as_str()).unwrap_or(0);
                let mut first = lines[i].clone();
                first.text = first.text.slice(skip..first.text.len());
                content.push(first);
            } else if !rest.is_empty() && rest.len() <= 80 && !rest.ends_with('.') {
                title = Some(if is_caps(&rest) {
                    casing.restore(&rest, Fallback::Sentence)
                } else {
                    rest.clone()
                });
            } else if !rest.is_empty() {
                let skip = lines[i].text.as_str().find(rest.as_str()).unwrap_or(0);
                let mut first = lines[i].clone();
                first.text = first.text.slice(skip..first.text.len());
                content.push(first);
            }
            let mut next = i + 1;
            if title.is_none() && content.is_empty() {
                let (t, n) = title_after(lines, p, i + 1, body.end, casing);
                title = t;
                next = n;
            }
            units.push(unit(number, UnitKind::Article, title, at));
            i = next;
            continue;
        }
        if !units.is_empty() && !matches!(heading(&p[i]), Some(Heading::Section { .. })) {
            content.push(lines[i].clone());
        }
        i += 1;
    }
    flush(&mut units, &mut content, fixes);
    units
}

pub(super) fn paragraphs_of(
    lines: &[Line],
    p: &[String],
    body: Range<usize>,
    fixes: &mut Vec<Fix>,
    casing: &Casing,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut content: Vec<Line> = Vec::new();
    let (mut section, mut sub): (Option<String>, Option<String>) = (None, None);
    let next_nonblank = |i: usize| (i + 1..body.end).find(|&k| !p[k].is_empty());
    let mut i = body.start;
    while i < body.end {
        let expected = units
            .last()
            .map_or_else(|| vec!["1".to_string()], |u| next_numbers(&u.number));
        let s = &p[i];
        if let Some(Heading::Section { rest, .. }) = heading(s) {
            let mut title = rest;
            // A section heading may run over two lines in capitals.
            while i + 1 < body.end
                && is_caps(&p[i + 1])
                && label_at_start(&p[i + 1]).is_none()
                && heading(&p[i + 1]).is_none()
            {
                i += 1;
                title = format!("{title} {}", p[i]);
            }
            section = Some(casing.restore(&title, Fallback::Sentence));
            sub = None;
            i += 1;
            continue;
        }
        let label = label_at_start(s);
        let opens = label
            .as_ref()
            .is_some_and(|l| matches!(l.wrap, Wrap::Dot | Wrap::Comma | Wrap::Bare) && expected.contains(&l.raw));
        if !opens && is_subheading(s, next_nonblank(i).map(|k| p[k].as_str()), &expected) {
            if let Some(l) = &label {
                sub = Some(s[l.len..].trim().to_string());
            }
            i += 1;
            continue;
        }
        if let (true, Some(l)) = (opens, label) {
            if let Some(u) = units.last_mut() {
                u.blocks = blocks(&content, lines, fixes);
            }
            content.clear();
            if l.wrap == Wrap::Comma {
                fixes.push(Fix {
                    line: lines[i].no,
                    from: format!("{},", l.raw),
                    to: format!("{}.", l.raw),
                    why: "a paragraph number read with a comma",
                });
            }
            let title = match (&section, &sub) {
                (Some(s), Some(b)) => Some(format!("{s}: {b}")),
                (Some(s), None) => Some(s.clone()),
                (None, b) => b.clone(),
            };
            units.push(unit(l.raw.clone(), UnitKind::Paragraph, title, lines[i].text.pos_at(0)));
            let mut first = lines[i].clone();
            first.text = first.text.slice(l.len..first.text.len());
            content.push(first);
        } else if !units.is_empty() {
            content.push(lines[i].clone());
        }
        i += 1;
    }
    if let Some(u) = units.last_mut() {
        u.blocks = blocks(&content, lines, fixes);
    }
    units
}

/// `(i) Refugees` between two paragraphs: a bracketed label, a few words with no final
/// punctuation, and the next paragraph number right after.
fn is_subheading(s: &str, next: Option<&str>, expected: &[String]) -> bool {
    let Some(l) = label_at_start(s) else { return false };
    let words = s[l.len..].trim();
    let next_opens = next.and_then(label_at_start).is_some_and(|n| expected.contains(&n.raw));
    l.wrap == Wrap::Brackets
        && next_opens
        && !words.is_empty()
        && words.len() <= 80
        && !words.ends_with(['.', ';', ':', ','])
        && words.chars().next().is_some_and(|c| c.is_uppercase())
}

pub(super) fn sections_of(
    lines: &[Line],
    p: &[String],
    body: Range<usize>,
    fixes: &mut Vec<Fix>,
    casing: &Casing,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut content: Vec<Line> = Vec::new();
    for i in body {
        if is_section_heading(&lines[i], &p[i]) {
            if let Some(u) = units.last_mut() {
                u.blocks = blocks(&content, lines, fixes);
            }
            content.clear();
            let number = if is_caps(&p[i]) {
                casing.restore(&p[i], Fallback::Title)
            } else {
                p[i].clone()
            };
            units.push(unit(number, UnitKind::Section, None, lines[i].text.pos_at(0)));
        } else if !units.is_empty() {
            content.push(lines[i].clone());
        }
    }
    if let Some(u) = units.last_mut() {
        u.blocks = blocks(&content, lines, fixes);
    }
    units
}

/// After the operative part: the closing lines (testimonium and signatures), then each
/// annex as a unit. Lines after the closing that are not an annex (another language
/// version, statutes) are skipped and reported.
pub(super) fn after_body(
    lines: &[Line],
    p: &[String],
    end: usize,
    fixes: &mut Vec<Fix>,
    casing: &Casing,
) -> (Range<usize>, Vec<Unit>, Vec<(u32, u32)>) {
    let is_annex = |i: usize| matches!(heading(&p[i]), Some(Heading::Annex { .. }));
    let restart = (end + 1..lines.len())
        .find(|&i| matches!(heading(&p[i]), Some(Heading::Article { .. })) || (lines[i].heading && !is_annex(i)));
    let limit = restart.unwrap_or(lines.len());
    let annex_at: Vec<usize> = (end..limit).filter(|&i| is_annex(i)).collect();
    let closing_end = annex_at.first().copied().unwrap_or(limit);
    let mut skipped = Vec::new();
    if let Some(r) = restart {
        let last = (r..lines.len()).rev().find(|&i| !lines[i].text.is_empty()).unwrap_or(r);
        skipped.push(line_span(lines, r..last + 1));
    }
    let mut units = Vec::new();
    for (k, &a) in annex_at.iter().enumerate() {
        let stop = annex_at.get(k + 1).copied().unwrap_or(limit);
        let Some(Heading::Annex { label, word, rest }) = heading(&p[a]) else {
            continue;
        };
        let word = if is_caps(&word) {
            capitalise(&word.to_lowercase())
        } else {
            word
        };
        let number = if label.is_empty() {
            word
        } else {
            format!("{word} {label}")
        };
        let (mut title, mut i) = if rest.is_empty() {
            title_after(lines, p, a + 1, stop, casing)
        } else {
            (Some(rest), a + 1)
        };
        // A parenthesised note right under an annex title belongs to the title.
        let note_start = (i..stop).find(|&k| !p[k].is_empty());
        if let (Some(t), Some(ns)) = (&title, note_start) {
            if p[ns].starts_with('(') {
                if let Some(ne) = (ns..stop).find(|&k| p[k].trim_end().ends_with(')')) {
                    let note: Vec<&str> = (ns..=ne).map(|k| p[k].as_str()).collect();
                    title = Some(format!("{t} {}", note.join(" ")));
                    i = ne + 1;
                }
            }
        }
        let mut u = unit(number, UnitKind::Annex, title, lines[a].text.pos_at(0));
        u.blocks = blocks(&lines[i..stop], lines, fixes);
        units.push(u);
    }
    (end..closing_end.max(end), units, skipped)
}

fn line_span(lines: &[Line], r: Range<usize>) -> (u32, u32) {
    let first = lines.get(r.start).map_or(0, |l| l.no);
    let last = lines.get(r.end.saturating_sub(1)).map_or(first, |l| l.no);
    (first, last)
}
