//! Sentences of the operative text, each with the unit and paragraph it belongs to and
//! the reference the file cites it by (`Art. IX(1)`, `para 47`, `Annex II, para 6`).
//! A paragraph ending in a colon keeps its list items in the same sentence ("A Partner
//! shall: (a) …; (b) …"). Abbreviations ("Art.", "No.", "Mr.", initials) do not end a
//! sentence.

use super::source::Text;
use super::structure::{Document, Mode, UnitKind};
use super::words::reading;

/// One sentence of a unit.
#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    /// The reading text (emphasis marks and struck-out words removed).
    pub text: Text,
    /// Index of the unit in `Document::units`.
    pub unit: usize,
    /// The paragraph number inside the unit, if numbered.
    pub para: Option<String>,
    /// Index of the block that starts the sentence's paragraph.
    pub block: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "no", "nos", "mr", "mrs", "ms", "dr", "jr", "sr", "st", "inc", "ltd", "co", "corp", "e.g", "i.e",
    "etc", "para", "paras", "vs", "cf", "p", "pp", "doc", "rev", "add", "sect", "sec", "fig", "vol", "op", "cit",
    "u.s", "u.k", "ibid",
];

/// Every sentence of every unit, in order.
pub(crate) fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (u, unit) in doc.units.iter().enumerate() {
        let mut k = 0;
        while k < unit.blocks.len() {
            let start = k;
            let mut text = reading(&unit.blocks[k].text);
            let para = unit.blocks[k].para.clone();
            // A lead-in ending with a colon, or left unfinished ("The Office shall be"), takes
            // its list items with it.
            if text.as_str().trim_end().ends_with(':') || !super::blocks::ends_sentence(text.as_str()) {
                while k + 1 < unit.blocks.len() && unit.blocks[k + 1].item {
                    k += 1;
                    text.join_line(&reading(&unit.blocks[k].text));
                }
            }
            for range in split(text.as_str()) {
                let t = text.slice(range).trim();
                if !t.is_empty() {
                    out.push(Sentence {
                        text: t,
                        unit: u,
                        para: para.clone(),
                        block: start,
                    });
                }
            }
            k += 1;
        }
    }
    out
}

/// Byte ranges of the sentences of `s`.
pub(crate) fn split(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next = s[i + 1..].chars().next();
        let after_space = s[i + 1..].trim_start();
        let spaced = next.is_some_and(char::is_whitespace);
        let opens = after_space
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '(' | '"' | '“' | '‘'));
        if !(spaced && opens) {
            continue;
        }
        let word_start = s[..i]
            .rfind(|ch: char| ch.is_whitespace() || ch == '(')
            .map_or(0, |k| k + 1);
        let word = s[word_start..i].to_lowercase();
        let initial = word.chars().count() == 1
            && word.chars().all(char::is_alphabetic)
            && i > 0
            && b[i - 1].is_ascii_uppercase();
        if ABBREVIATIONS.contains(&word.as_str()) || initial {
            continue;
        }
        out.push(start..i + 1);
        start = i + 1;
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

/// How the file cites a place in unit `u`, paragraph `para`.
pub(crate) fn reference(doc: &Document, u: usize, para: Option<&str>) -> String {
    let unit = &doc.units[u];
    match unit.kind {
        UnitKind::Article => match para {
            Some(p) if p.starts_with(&format!("{}.", unit.number)) => format!("Art. {p}"),
            Some(p) => format!("Art. {}({p})", unit.number),
            None => format!("Art. {}", unit.number),
        },
        UnitKind::Paragraph => format!("para {}", unit.number),
        UnitKind::Annex => match para {
            Some(p) => format!("{}, para {p}", unit.number),
            None => unit.number.clone(),
        },
        UnitKind::Section => match (para, doc.mode) {
            (Some(p), Mode::Sections) => format!("{}, para {p}", unit.number),
            _ => unit.number.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::structure::segment;

    #[test]
    fn sentences_keep_abbreviations_and_list_items() {
        let s = "The Parties shall meet (see Art. 4). Mr. J. Smith shall chair. No. 5 applies.";
        let parts: Vec<&str> = split(s).into_iter().map(|r| s[r].trim()).collect();
        assert_eq!(
            parts,
            vec![
                "The Parties shall meet (see Art. 4).",
                "Mr. J. Smith shall chair.",
                "No. 5 applies."
            ]
        );
        let c = clean("Have agreed as follows:\nArticle 3\n1. A Partner shall:\n(a) share information;\n(b) give advice.\n2. It ends.\n");
        let d = segment(c.lines, c.fixes);
        let all = sentences(&d);
        assert_eq!(all[0].text.as_str(), "A Partner shall: share information; give advice.");
        assert_eq!(reference(&d, all[0].unit, all[0].para.as_deref()), "Art. 3(1)");
        assert_eq!(reference(&d, all[1].unit, all[1].para.as_deref()), "Art. 3(2)");
    }
}
