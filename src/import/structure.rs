//! The shape of an agreement text: where the operative part begins (after "have agreed
//! as follows" or at the first article), where it ends (the testimonium or signature:
//! "IN WITNESS WHEREOF", "Done at", "Signed at", "Fait à", "Hecho en"), its units, and
//! the annexes after the signatures. Units are articles (`Article I`, `ARTICLE 1`,
//! `Art. 1`), or numbered paragraphs under section headings (`1.`, `1.1`, as in a
//! memorandum numbered 1–47 with `I. INTRODUCTION` and `(i) Refugees` headings), or
//! sections headed in capitals (a contract with no numbers).

use super::blocks::Block;
use super::casing::Casing;
use super::clean::{Fix, Line};
use super::headings::{heading, Heading};
use super::numbering::{label_at_start, Wrap};
use super::source::Pos;
use super::units::{after_body, articles_of, paragraphs_of, sections_of};
use super::words::{find_any, is_caps, reading};
use std::ops::Range;

/// How the operative part is divided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mode {
    /// `Article N` headings; references `Art. N(p)`.
    Articles,
    /// Numbered paragraphs; references `para N`.
    Paragraphs,
    /// Headings in capitals without numbers.
    Sections,
    /// Nothing recognisable.
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Article,
    Paragraph,
    Section,
    Annex,
}

/// An article, a numbered paragraph, a section or an annex.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// "IX", "17", "1.1", "Annex II".
    pub number: String,
    pub kind: UnitKind,
    pub title: Option<String>,
    /// Where its heading (or label) is.
    pub at: Pos,
    pub blocks: Vec<Block>,
}

/// The segmented text.
#[derive(Clone, Debug)]
pub(crate) struct Document {
    pub lines: Vec<Line>,
    pub mode: Mode,
    /// Lines before the operative part (title, preamble).
    pub front: Range<usize>,
    /// Lines after the operative part up to the first annex (testimonium, signatures).
    pub closing: Range<usize>,
    pub units: Vec<Unit>,
    /// Input line ranges neither read nor part of a unit (another language version,
    /// statutes after the signatures), reported for review.
    pub skipped: Vec<(u32, u32)>,
    pub fixes: Vec<Fix>,
    /// How the text writes its words, to re-case headings in capitals.
    pub casing: Casing,
}

const AGREED: &[&str] = &[
    "agreed as follows",
    "agree as follows",
    "have agreed",
    "hereby agree",
    "reached the following understanding",
    "agreed upon the following",
    "agree to the following",
    "conviennent de ce qui suit",
    "sont convenus de ce qui suit",
    "sont convenues de ce qui suit",
    "han convenido",
    "acuerdan lo siguiente",
    "convienen en lo siguiente",
];

const CLOSING: &[&str] = &[
    "in witness whereof",
    "in witness thereof",
    "in faith whereof",
    "done at",
    "done in",
    "signed at",
    "signed on",
    "signed in",
    "signed this",
    "signed for",
    "fait à",
    "fait a",
    "hecho en",
    "firmado en",
    "en foi de quoi",
    "en fe de lo cual",
];

/// The reading text of each line (emphasis removed), for recognising headings.
fn plain(lines: &[Line]) -> Vec<String> {
    lines.iter().map(|l| reading(&l.text).as_str().to_string()).collect()
}

/// Segments cleaned lines into a document.
pub(crate) fn segment(lines: Vec<Line>, mut fixes: Vec<Fix>) -> Document {
    let p = plain(&lines);
    let casing = Casing::learn(&lines);
    let start = body_start(&lines, &p);
    let end = (start..lines.len())
        .find(|&i| starts_with_any(&p[i], CLOSING))
        .unwrap_or(lines.len());
    let articles = (start..end).any(|i| matches!(heading(&p[i]), Some(Heading::Article { .. })));
    let mode = if articles {
        Mode::Articles
    } else if paragraphs_once(&p[start..end]) {
        Mode::Paragraphs
    } else if (start..end).any(|i| is_section_heading(&lines[i], &p[i])) {
        Mode::Sections
    } else {
        Mode::None
    };
    let body = start..end;
    let mut units = match mode {
        Mode::Articles => articles_of(&lines, &p, body.clone(), &mut fixes, &casing),
        Mode::Paragraphs => paragraphs_of(&lines, &p, body.clone(), &mut fixes, &casing),
        Mode::Sections => sections_of(&lines, &p, body.clone(), &mut fixes, &casing),
        Mode::None => Vec::new(),
    };
    let (closing, annexes, skipped) = after_body(&lines, &p, end, &mut fixes, &casing);
    units.extend(annexes);
    Document {
        mode,
        front: 0..start,
        closing,
        units,
        skipped,
        fixes,
        casing,
        lines,
    }
}

/// Numbered paragraphs run through the text once (a "1." that recurs starts lists
/// under headings, not the paragraphs of the agreement).
fn paragraphs_once(p: &[String]) -> bool {
    let ones = p
        .iter()
        .filter(|s| label_at_start(s).is_some_and(|l| l.raw == "1" && matches!(l.wrap, Wrap::Dot | Wrap::Comma)))
        .count();
    ones == 1
        || (ones > 1
            && !p
                .iter()
                .any(|s| is_caps(s) && s.len() >= 3 && label_at_start(s).is_none()))
}

fn starts_with_any(s: &str, words: &[&str]) -> bool {
    find_any(s, words).is_some_and(|(at, _)| at == 0)
}

/// The first line of the operative part: after the line saying the parties agreed
/// (when articles or numbered paragraphs follow it), else the first article heading,
/// else the first section heading or paragraph numbered 1.
fn body_start(lines: &[Line], p: &[String]) -> usize {
    let first_article = p
        .iter()
        .position(|s| matches!(heading(s), Some(Heading::Article { .. })));
    let agreed = p.iter().position(|s| find_any(s, AGREED).is_some());
    if let Some(a) = agreed {
        if first_article.is_none_or(|f| f > a) {
            return a + 1;
        }
    }
    if let Some(f) = first_article {
        return f;
    }
    let first_para = p
        .iter()
        .position(|s| label_at_start(s).is_some_and(|l| l.raw == "1" && l.wrap != Wrap::Brackets));
    let first_section = p
        .iter()
        .position(|s| matches!(heading(s), Some(Heading::Section { .. })));
    match (first_section, first_para) {
        (Some(s), Some(q)) if s < q => s,
        (_, Some(q)) => q,
        _ => {
            // A contract with headings only: the first heading after some prose.
            let prose = (0..lines.len())
                .find(|&i| !p[i].is_empty() && !is_section_heading(&lines[i], &p[i]))
                .unwrap_or(0);
            (prose..lines.len())
                .find(|&i| is_section_heading(&lines[i], &p[i]))
                .unwrap_or(lines.len())
        }
    }
}

/// A heading in capitals (or marked in Markdown) that is not a sentence.
pub(super) fn is_section_heading(line: &Line, plain: &str) -> bool {
    let short = (3..=90).contains(&plain.len());
    short
        && (is_caps(plain) || line.heading)
        && !plain.ends_with(['.', ';', ','])
        && label_at_start(plain).is_none()
        && find_any(plain, CLOSING).is_none()
}

impl Unit {
    /// The unit's text as the article text of the file: blocks with their labels,
    /// paragraphs separated by a blank line, list items on their own lines.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for (k, b) in self.blocks.iter().enumerate() {
            if k > 0 {
                out.push_str(if b.item { "\n" } else { "\n\n" });
            }
            if let Some(l) = &b.label {
                out.push_str(l);
                if !b.text.is_empty() {
                    out.push(' ');
                }
            }
            out.push_str(b.text.as_str());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;

    fn doc(s: &str) -> Document {
        let c = clean(s);
        segment(c.lines, c.fixes)
    }

    fn numbers(d: &Document) -> Vec<&str> {
        d.units.iter().map(|u| u.number.as_str()).collect()
    }

    #[test]
    fn articles_with_titles_on_the_next_line() {
        let d = doc("AGREEMENT\n\nHAVE AGREED AS FOLLOWS:\n\nARTICLE I\n\nGENERAL PRINCIPLES\n\n1. The Parties shall meet.\n\n2. They may talk.\nARTICLE II\nFINAL CLAUSES\nThe Agreement takes effect when signed.\n\nIN WITNESS WHEREOF the undersigned have signed.\nDone at Geneva on 1 May 2020.\n");
        assert_eq!(d.mode, Mode::Articles);
        assert_eq!(numbers(&d), vec!["I", "II"]);
        assert_eq!(d.units[0].title.as_deref(), Some("General principles"));
        assert_eq!(d.units[0].text(), "1. The Parties shall meet.\n\n2. They may talk.");
        assert_eq!(d.units[1].text(), "The Agreement takes effect when signed.");
        assert_eq!(d.lines[d.closing.start].no, 16);
    }

    #[test]
    fn articles_with_titles_on_the_same_line_and_annexes() {
        let d = doc("Have agreed as follows:\n\nArticle 1\nPurpose\n\nThe text.\n\nArticle 2 Principles\n\n1. One.\n2. Two.\n\nIn witness thereof, signed.\n\nAnnex II\n\n**DRAFT RESOLUTION**\n\n(Submitted by the\nSecretariat)\n\nThe Council,\n\n1. *Requests* the Director General to report.\n");
        assert_eq!(numbers(&d), vec!["1", "2", "Annex II"]);
        assert_eq!(d.units[0].title.as_deref(), Some("Purpose"));
        assert_eq!(d.units[1].title.as_deref(), Some("Principles"));
        assert_eq!(
            d.units[2].title.as_deref(),
            Some("Draft resolution (Submitted by the Secretariat)")
        );
        assert_eq!(
            d.units[2].text(),
            "The Council,\n\n1. *Requests* the Director General to report."
        );
    }

    #[test]
    fn numbered_paragraphs_under_sections() {
        let d = doc("Memorandum\nI. INTRODUCTION\n\n1. First paragraph.\n\n2. Second.\n\nIl. SCOPE\n(i) Refugees\n\n3, Third covers:\n(i) one;\n(i1) two.\n\nSIGNED FOR\n");
        assert_eq!(d.mode, Mode::Paragraphs);
        assert_eq!(numbers(&d), vec!["1", "2", "3"]);
        assert_eq!(d.units[0].title.as_deref(), Some("Introduction"));
        assert_eq!(d.units[2].title.as_deref(), Some("Scope: Refugees"));
        assert_eq!(d.units[2].text(), "Third covers:\n(i) one;\n(ii) two.");
    }

    #[test]
    fn dotted_paragraphs() {
        let d = doc("reached the following understanding:\n\n- 1. Both Parties intend:\n- 1.1.to meet;\n- 1.2.to talk;\n- 2. The Parties shall consult.\n\nSigned on 19 September 2008 in Minsk.\n");
        assert_eq!(numbers(&d), vec!["1", "1.1", "1.2", "2"]);
        assert_eq!(d.units[1].text(), "to meet;");
    }

    #[test]
    fn a_second_language_version_is_skipped() {
        let d = doc("Have agreed as follows:\n### Article 1\n####Scope\nText.\nDONE at Paris on 15 November 2011.\n\n####Verdrag\n\n### Article 1\nTekst.\n");
        assert_eq!(numbers(&d), vec!["1"]);
        assert_eq!(d.units[0].title.as_deref(), Some("Scope"));
        assert_eq!(d.skipped, vec![(7, 10)]);
    }
}
