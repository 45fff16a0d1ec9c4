//! Heading lines: `Article I`, `ARTICLE 1`, `Art. 1`, `Artículo 1`, `Article 16 bis`
//! (with what follows the number, often the title), `Annex II`, `Appendix A`,
//! `Schedule 1`, `Section 4.`, `Part III`, and `IV. TYPES OF …` (`Il.` and `lll.` as
//! scanned read as `II.` and `III.`). A cross-reference ("Article 15 of this
//! Agreement") is not a heading.

use super::numbering::{label_at_start, roman_value};
use super::words::is_caps;

/// A heading line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Heading {
    /// `Article 12`, with what follows the number on the line (often the title).
    Article { number: String, rest: String },
    /// `Annex II`, `Appendix A`, `Schedule 1` (`label` may be empty: `ANNEX`).
    Annex { label: String, word: String, rest: String },
    /// `Section 4`, `Part III`, `IV. TYPES OF COOPERATIVE ACTIVITIES`.
    Section { number: String, rest: String },
}

const ARTICLE_WORDS: &[&str] = &["article", "art.", "artículo", "articulo", "artigo"];
const ANNEX_WORDS: &[&str] = &["annex", "appendix", "schedule", "annexe", "anexo", "attachment"];
const SECTION_WORDS: &[&str] = &["section", "part", "chapter", "chapitre", "capítulo", "titre", "título"];

/// The heading that `s` is, if any (`s` is a cleaned line without emphasis marks).
pub(crate) fn heading(s: &str) -> Option<Heading> {
    let (word, after) = split_word(s)?;
    let lower = word.to_lowercase();
    let capitalised = word.chars().next().is_some_and(|c| c.is_uppercase());
    if ARTICLE_WORDS.contains(&lower.as_str()) && capitalised {
        let (number, rest) = number_then_rest(after)?;
        return Some(Heading::Article { number, rest });
    }
    if ANNEX_WORDS.contains(&lower.as_str()) && capitalised {
        let (label, rest) = number_then_rest(after).unwrap_or_default();
        if !label.is_empty() || after.trim().is_empty() || is_caps(after) {
            let rest = if label.is_empty() {
                after.trim().to_string()
            } else {
                rest
            };
            if rest.chars().next().is_some_and(|c| c.is_lowercase()) {
                return None;
            }
            return Some(Heading::Annex {
                label,
                word: word.to_string(),
                rest,
            });
        }
        return None;
    }
    if SECTION_WORDS.contains(&lower.as_str()) && capitalised {
        let (number, rest) = number_then_rest(after)?;
        return Some(Heading::Section { number, rest });
    }
    roman_section(s)
}

/// `IV. TYPES OF COOPERATIVE ACTIVITIES` (capitals after a capital Roman numeral;
/// `Il.` and `lll.` as scanned are read as `II.` and `III.`).
fn roman_section(s: &str) -> Option<Heading> {
    let dot = s.find('.')?;
    let raw = &s[..dot];
    let rest = s[dot + 1..].trim();
    if raw.is_empty() || raw.len() > 6 || !is_caps(rest) || rest.len() < 3 {
        return None;
    }
    let fixed: String = raw
        .chars()
        .map(|c| if c == 'l' || c == '1' { 'I' } else { c })
        .collect();
    roman_value(&fixed).filter(|_| fixed.chars().all(|c| c.is_ascii_uppercase()))?;
    Some(Heading::Section {
        number: fixed,
        rest: rest.to_string(),
    })
}

fn split_word(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let end = s.find(|c: char| c.is_whitespace()).unwrap_or(s.len());
    let word = &s[..end];
    // "Article1" and "ARTICLE-1" are rare; "Art.1" happens.
    if let Some(k) = word.find('.').filter(|&k| k + 1 < word.len()) {
        return Some((&s[..=k], &s[k + 1..]));
    }
    (!word.is_empty()).then(|| (word, &s[end..]))
}

/// The article number after the heading word, and the rest of the line. Refuses a
/// cross-reference ("Article 15 of this Agreement").
fn number_then_rest(after: &str) -> Option<(String, String)> {
    let after = after.trim_start();
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(after.len());
    let mut number = after[..end].trim_end_matches(['.', '-']).to_string();
    let valid = !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit() || c == '.')
            || roman_value(&number).is_some_and(|_| number.chars().all(|c| c.is_ascii_uppercase()))
            || (number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase()))
            || (number.len() <= 4
                && number[..number.len() - 1].chars().all(|c| c.is_ascii_digit())
                && number.ends_with(|c: char| c.is_ascii_alphabetic())));
    if !valid || number.len() > 8 {
        return None;
    }
    let mut rest = after[end..].trim_start();
    for suffix in ["bis", "ter", "quater", "quinquies"] {
        if let Some(r) = rest
            .strip_prefix(suffix)
            .filter(|r| r.is_empty() || r.starts_with([' ', '.', ':']))
        {
            number = format!("{number} {suffix}");
            rest = r.trim_start();
        }
    }
    let rest = rest.trim_start_matches(['.', ':', '-', '–', '—']).trim();
    let starts_lower = rest.chars().next().is_some_and(|c| c.is_lowercase());
    if starts_lower || rest.starts_with('(') || rest.starts_with(',') {
        return None;
    }
    Some((number, rest.to_string()))
}

/// Whether a line is a heading or opens with a label (kept even when repeated).
pub(crate) fn is_structural(s: &str) -> bool {
    heading(s).is_some() || label_at_start(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let art = |n: &str, r: &str| {
            Some(Heading::Article {
                number: n.into(),
                rest: r.into(),
            })
        };
        assert_eq!(heading("ARTICLE IX"), art("IX", ""));
        assert_eq!(heading("Article 2 Principles"), art("2", "Principles"));
        assert_eq!(heading("Art. 4 - Notices"), art("4", "Notices"));
        assert_eq!(heading("Artículo 3. Vigencia"), art("3", "Vigencia"));
        assert_eq!(heading("Article 16 bis"), art("16 bis", ""));
        assert_eq!(heading("Article 15 of this Agreement"), None);
        assert_eq!(heading("Article 3(1) provides"), None);
        assert_eq!(heading("articles 309 to 319"), None);
        assert!(matches!(heading("Annex II"), Some(Heading::Annex { label, .. }) if label == "II"));
        assert!(matches!(heading("ANNEX"), Some(Heading::Annex { label, .. }) if label.is_empty()));
        assert_eq!(heading("Annexes"), None);
        assert_eq!(heading("Annex I to this Agreement"), None);
        let sec = |n: &str, r: &str| {
            Some(Heading::Section {
                number: n.into(),
                rest: r.into(),
            })
        };
        assert_eq!(
            heading("lll. ORGANIZATIONAL MANDATES"),
            sec("III", "ORGANIZATIONAL MANDATES")
        );
        assert_eq!(heading("Il. SCOPE"), sec("II", "SCOPE"));
        assert_eq!(heading("SECTION 4. REVIEW CONFERENCE"), sec("4", "REVIEW CONFERENCE"));
        assert_eq!(heading("I. Engage in activities"), None);
    }
}
