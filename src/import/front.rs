//! The front of an agreement: its title (the heading before the preamble that names a
//! kind of instrument: Agreement, Memorandum, Treaty, Convention, Protocol, Contract…,
//! in English, French or Spanish), its kind, whether the text says it is a draft, and
//! the paragraphs of the preamble.

use super::casing::Fallback;
use super::clean::Line;
use super::source::{Quote, Text};
use super::structure::Document;
use super::words::{find_any, has_any, is_caps, kebab, reading};

/// Words that name an instrument.
pub(crate) const INSTRUMENTS: &[&str] = &[
    "agreement",
    "memorandum",
    "treaty",
    "convention",
    "protocol",
    "arrangement",
    "contract",
    "exchange of letters",
    "exchange of notes",
    "letter of understanding",
    "charter",
    "accord",
    "acuerdo",
    "convenio",
    "tratado",
    "mémorandum",
    "memorando",
];

/// Kinds written as the file's `kind` when a title starts with them.
const KINDS: &[&str] = &[
    "memorandum of understanding",
    "letter of understanding",
    "exchange of letters",
    "exchange of notes",
    "headquarters agreement",
    "host country agreement",
    "relationship agreement",
    "cooperation agreement",
    "framework agreement",
    "agreement",
    "memorandum",
    "treaty",
    "convention",
    "protocol",
    "arrangement",
    "contract",
];

/// Consecutive non-blank lines of `lines` joined into paragraphs (reading text).
pub(crate) fn paragraphs(lines: &[Line]) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    let mut current = Text::new();
    for l in lines {
        if l.text.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.join_line(&reading(&l.text));
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The title, where it is written, and whether it calls the text a draft.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    pub value: String,
    pub quote: Quote,
    /// The last input line of the title.
    pub last_line: u32,
    /// Read from inside the first paragraph (a text without line ends).
    pub inline: bool,
    pub draft: Option<Quote>,
}

/// A heading in the front matter: capitals, Markdown, or bold.
fn is_heading(l: &Line) -> bool {
    let s = l.text.as_str();
    l.heading || is_caps(s) || (s.starts_with("**") && !s.is_empty()) || (s.ends_with("**") && s.len() > 2)
}

/// The title: the last heading block in front of the operative part that names an
/// instrument (a lower-case continuation line is part of it), else the first
/// paragraph naming one.
pub(crate) fn title(doc: &Document) -> Option<Title> {
    let lines = &doc.lines[doc.front.clone()];
    let mut blocks: Vec<Vec<&Line>> = Vec::new();
    let mut open = false;
    for l in lines {
        if l.text.is_empty() {
            continue;
        }
        if is_heading(l) {
            // Each Markdown heading is a block of its own (a title in two languages).
            if !open || l.heading {
                blocks.push(Vec::new());
            }
            if let Some(b) = blocks.last_mut() {
                b.push(l);
            }
            open = true;
        } else {
            open = false;
        }
    }
    let named = |b: &&Vec<&Line>| {
        let s: Vec<String> = b.iter().map(|l| reading(&l.text).as_str().to_string()).collect();
        has_any(&s.join(" "), INSTRUMENTS)
    };
    if let Some(block) = blocks.iter().rev().find(named) {
        let mut text = Text::new();
        for l in block {
            text.join_line(&reading(&l.text));
        }
        // "MEMORANDUM" then "of understanding and cooperation between …"; a heading
        // that ends on "… and the" goes on to the next line.
        let last = block.last().map_or(0, |l| l.no);
        let dangling = text
            .as_str()
            .rsplit(' ')
            .next()
            .is_some_and(|w| ["the", "and", "of", "between", "for", "on", "to"].contains(&w));
        if let Some(next) = lines.iter().find(|l| l.no > last && !l.text.is_empty()) {
            if dangling || next.text.as_str().starts_with(|c: char| c.is_lowercase()) {
                text.join_line(&reading(&next.text));
            }
        }
        return Some(make(doc, &text));
    }
    let paras = paragraphs(lines);
    if let Some(t) = paras.first().and_then(caps_run) {
        let mut title = make(doc, &t);
        title.inline = true;
        return Some(title);
    }
    let first = paras
        .iter()
        .position(|p| has_any(p.as_str(), INSTRUMENTS) && p.len() < 400)?;
    let mut text = paras[first].clone();
    if let Some(next) = paras.get(first + 1) {
        let open_end = !text.as_str().trim_end().ends_with(['.', ',', ';', ':']);
        if open_end && next.len() < 200 && !has_any(next.as_str(), &["whereas", "recalling", "considering"]) {
            text.join_line(next);
        }
    }
    Some(make(doc, &text))
}

/// In a first paragraph that runs on, the words in capitals that name an instrument
/// ("Schedule 4 FORM OF SUPPLY AGREEMENT This …").
fn caps_run(p: &Text) -> Option<Text> {
    let s = p.as_str();
    let head = &s[..super::source::floor_boundary(s, s.len().min(400))];
    let mut best: Option<(usize, usize)> = None;
    let mut run: Option<(usize, usize)> = None;
    for (at, w) in super::words::tokens(head) {
        if is_caps(w) || (run.is_some() && ["OF", "AND", "FOR", "ON"].contains(&w)) {
            run = Some((run.map_or(at, |r| r.0), at + w.len()));
        } else {
            if let Some(r) = run.take() {
                if best.is_none() && has_any(&head[r.0..r.1], INSTRUMENTS) && head[r.0..r.1].contains(' ') {
                    best = Some(r);
                }
            }
        }
    }
    let (a, b) = best?;
    (p.len() > 400).then(|| p.slice(a..b))
}

fn make(doc: &Document, text: &Text) -> Title {
    let raw = text.as_str().trim().trim_end_matches([',', ';', ':']).to_string();
    let restored = doc.casing.restore(&raw, Fallback::Title);
    let draft = find_any(&restored, &["draft"])
        .filter(|(at, _)| *at == 0)
        .map(|_| text.quote(0..5));
    let value = match draft {
        Some(_) => restored[5..].trim().to_string(),
        None => restored,
    };
    let value = super::words::capitalise(&value);
    Title {
        value,
        quote: text.quote_all(),
        last_line: text.end_pos().line,
        inline: false,
        draft,
    }
}

/// The file's `kind` for a title ("memorandum-of-understanding").
pub(crate) fn kind(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    KINDS
        .iter()
        .find(|k| lower.starts_with(*k))
        .map(|k| kebab(k))
        .or_else(|| {
            let cut = find_any(
                &lower,
                &["between", "concerning", "on", "relating", "regarding", "among"],
            )
            .map_or(lower.len(), |(at, _)| at);
            let head = lower[..cut].trim();
            let words = head.split_whitespace().count();
            (words > 0 && words <= 4 && has_any(head, INSTRUMENTS)).then(|| kebab(head))
        })
}

/// The preamble: the front paragraphs after the title.
pub(crate) fn preamble(doc: &Document, title: Option<&Title>) -> Vec<Text> {
    let after = title.map_or(0, |t| {
        if t.inline {
            t.last_line.saturating_sub(1)
        } else {
            t.last_line
        }
    });
    let start = doc.front.start
        + doc.lines[doc.front.clone()]
            .iter()
            .position(|l| l.no > after && !is_heading(l))
            .unwrap_or(doc.front.len());
    paragraphs(&doc.lines[start..doc.front.end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::structure::segment;

    fn doc(s: &str) -> Document {
        let c = clean(s);
        segment(c.lines, c.fixes)
    }

    #[test]
    fn titles_in_capitals_are_recased_from_the_text() {
        let d = doc("MEMORANDUM OF UNDERSTANDING\n\nBETWEEN\n\nTHE ALPHA ORGANIZATION\n\nAND\n\nTHE BETA FUND\n\nThe Alpha Organization and the Beta Fund,\n\nHAVE AGREED AS FOLLOWS:\n\nArticle 1\nThe Alpha Organization and the Beta Fund shall meet.\n");
        let t = title(&d).unwrap();
        assert_eq!(
            t.value,
            "Memorandum of Understanding between the Alpha Organization and the Beta Fund"
        );
        assert_eq!(t.quote.line, 1);
        assert_eq!(kind(&t.value).as_deref(), Some("memorandum-of-understanding"));
        assert_eq!(
            preamble(&d, Some(&t))[0].as_str(),
            "The Alpha Organization and the Beta Fund,"
        );
    }

    #[test]
    fn a_draft_title_and_a_lower_case_continuation() {
        let d = doc(
            "**DRAFT AGREEMENT**\nof cooperation between Alpha and Beta\n\nHave agreed as follows:\nArticle 1\nText.\n",
        );
        let t = title(&d).unwrap();
        assert_eq!(t.value, "Agreement of cooperation between Alpha and Beta");
        assert!(t.draft.is_some());
    }

    #[test]
    fn a_title_in_plain_lines() {
        let d = doc(" Memorandum of Understanding between the Alpha\nOrganization and the\n\nBeta Fund\nI. INTRODUCTION\n\n1. Text.\n");
        assert_eq!(
            title(&d).unwrap().value,
            "Memorandum of Understanding between the Alpha Organization and the Beta Fund"
        );
        assert_eq!(
            kind("Web Site Hosting Agreement").as_deref(),
            Some("web-site-hosting-agreement")
        );
    }
}
