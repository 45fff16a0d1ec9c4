//! Headings written in capitals, re-cased the way the text itself writes their words:
//! "ENTRY INTO FORCE" → "Entry into force", "BETWEEN THE UNITED NATIONS AND IOM" →
//! "between the United Nations and IOM". Each word takes the form the text uses most
//! often inside sentences; a word the text never writes in lower or mixed case keeps a
//! fallback form (capitalised in a title, lower case in a heading).

use super::clean::Line;
use super::words::{capitalise, is_caps, tokens};
use std::collections::HashMap;

/// How a word the text never writes outside headings is re-cased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// Capitalised, small words in lower case (a document title).
    Title,
    /// Lower case (an article heading).
    Sentence,
}

const SMALL: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "between",
    "by",
    "concerning",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "regarding",
    "relating",
    "the",
    "to",
    "with",
    "et",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "entre",
    "el",
    "los",
    "las",
    "del",
    "y",
];

/// The forms in which the text writes each word inside its sentences.
#[derive(Clone, Debug, Default)]
pub(crate) struct Casing {
    forms: HashMap<String, Vec<(String, usize)>>,
}

impl Casing {
    /// Counts the forms of every word that is not the first of its line or sentence,
    /// in lines not wholly in capitals.
    pub(crate) fn learn(lines: &[Line]) -> Casing {
        let mut forms: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for l in lines {
            let s = l.text.as_str();
            if is_caps(s) {
                continue;
            }
            let mut prev_end = 0;
            let toks = tokens(s);
            for (k, &(at, w)) in toks.iter().enumerate() {
                let gap = &s[prev_end..at];
                prev_end = at + w.len();
                if k == 0 || gap.contains(['.', ':', '(', '"', '“', '*', '#']) {
                    continue;
                }
                // A run of words in capitals is emphasis, not how the text writes them.
                let caps_next = toks.get(k + 1).is_some_and(|t| is_caps(t.1));
                let caps_prev = k > 0 && is_caps(toks[k - 1].1);
                if is_caps(w) && (caps_next || caps_prev) {
                    continue;
                }
                let entry = forms.entry(w.to_lowercase()).or_default();
                match entry.iter_mut().find(|(f, _)| f == w) {
                    Some((_, n)) => *n += 1,
                    None => entry.push((w.to_string(), 1)),
                }
            }
        }
        Casing { forms }
    }

    /// The form the text uses most for `word`, if it uses it at all.
    fn usual(&self, word: &str) -> Option<&str> {
        let forms = self.forms.get(&word.to_lowercase())?;
        forms
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(f, _)| f.as_str())
    }

    /// `s` with each word written in capitals re-cased (words in lower or mixed case
    /// are kept); the first word is capitalised when `s` is all capitals.
    pub(crate) fn restore(&self, s: &str, fallback: Fallback) -> String {
        let all_caps = is_caps(s);
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for (k, (at, w)) in tokens(s).into_iter().enumerate() {
            out.push_str(&s[last..at]);
            last = at + w.len();
            if !is_caps(w) {
                out.push_str(w);
                continue;
            }
            let lower = w.to_lowercase();
            // An unknown short word in capitals inside mixed text, or alone, is an acronym.
            let acronym_like = fallback == Fallback::Title && ((!all_caps && w.len() < 6) || !s.trim().contains(' '));
            let word = match self.usual(w) {
                // In a title, words the text writes in lower case are capitalised.
                Some(f) if fallback == Fallback::Title && f == lower && !SMALL.contains(&f) => capitalise(f),
                Some(f) => f.to_string(),
                None if acronym_like => w.to_string(),
                None if fallback == Fallback::Title && !SMALL.contains(&lower.as_str()) => capitalise(&lower),
                None => lower,
            };
            out.push_str(&if k == 0 && all_caps { capitalise(&word) } else { word });
        }
        out.push_str(&s[last..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;

    #[test]
    fn capitals_take_the_forms_of_the_text() {
        let c = clean("The United Nations and IOM shall consult. Both the United Nations and IOM agree.\n");
        let casing = Casing::learn(&c.lines);
        assert_eq!(
            casing.restore("AGREEMENT BETWEEN THE UNITED NATIONS AND IOM", Fallback::Title),
            "Agreement between the United Nations and IOM"
        );
        assert_eq!(
            casing.restore("ENTRY INTO FORCE", Fallback::Sentence),
            "Entry into force"
        );
        assert_eq!(
            casing.restore("Entry into Force", Fallback::Sentence),
            "Entry into Force"
        );
        assert_eq!(
            casing.restore("AGREEMENT with IOM", Fallback::Title),
            "Agreement with IOM"
        );
    }
}
