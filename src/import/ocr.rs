//! Scanning noise in acronyms: a token mixing capitals with `0`, `1` or `l` ("I0OM")
//! is read as the acronym the text itself writes three times or more ("IOM"), when
//! reading those characters as letters, less one doubled letter, gives it. Each repair
//! is reported.

use super::clean::{Fix, Line};
use super::words::tokens;
use std::collections::HashMap;

/// Acronyms the text writes at least three times ("IOM") in lines not wholly in
/// capitals (so that headings do not make "THE" an acronym), most frequent first.
pub(crate) fn frequent_acronyms(lines: &[Line]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !super::words::is_caps(l.text.as_str())) {
        for (_, w) in tokens(l.text.as_str()) {
            if (2..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(&str, usize)> = counts.into_iter().filter(|(_, n)| *n >= 3).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.into_iter().map(|(w, _)| w.to_string()).collect()
}

/// What a scanned token mixing capitals with `0`, `1` or `l` stands for, when reading
/// those as letters (and dropping one doubled letter) gives a frequent acronym.
pub(crate) fn ocr_acronym(token: &str, acronyms: &[String]) -> Option<String> {
    let noisy = token.chars().any(|c| matches!(c, '0' | '1' | 'l'));
    let caps = token.chars().filter(|c| c.is_ascii_uppercase()).count();
    if !noisy || caps < 2 || !(3..=9).contains(&token.len()) {
        return None;
    }
    if !token
        .chars()
        .all(|c| c.is_ascii_uppercase() || matches!(c, '0' | '1' | 'l'))
    {
        return None;
    }
    let read: String = token
        .chars()
        .map(|c| match c {
            '0' => 'O',
            '1' | 'l' => 'I',
            c => c,
        })
        .collect();
    let known = |s: &str| acronyms.iter().any(|a| a == s);
    if known(&read) {
        return Some(read);
    }
    (0..read.len())
        .map(|k| format!("{}{}", &read[..k], &read[k + 1..]))
        .find(|cand| known(cand))
}

pub(crate) fn repair_acronyms(lines: &mut [Line]) -> Vec<Fix> {
    let acronyms = frequent_acronyms(lines);
    let mut fixes = Vec::new();
    for l in lines.iter_mut() {
        let s = l.text.as_str().to_string();
        let mut repairs: Vec<(usize, usize, String)> = Vec::new();
        for (at, w) in tokens(&s) {
            if let Some(to) = ocr_acronym(w, &acronyms) {
                repairs.push((at, at + w.len(), to));
            }
        }
        for (start, end, to) in repairs.into_iter().rev() {
            fixes.push(Fix {
                line: l.no,
                from: s[start..end].to_string(),
                to: to.clone(),
                why: "scanning noise in an acronym the text uses elsewhere",
            });
            let mut t = l.text.slice(0..start);
            t.push_str(&to, l.text.pos_at(start));
            t.append(&l.text.slice(end..l.text.len()));
            l.text = t;
        }
    }
    fixes.sort_by_key(|f| f.line);
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;

    #[test]
    fn scanning_noise_in_acronyms_is_repaired() {
        let c = clean("IOM and UNHCR. IOM again. IOM.\nUNHCR and I0OM will coordinate.\n");
        assert_eq!(c.lines[1].text.as_str(), "UNHCR and IOM will coordinate.");
        assert_eq!(c.fixes.len(), 1);
        assert_eq!((c.fixes[0].line, c.fixes[0].from.as_str()), (2, "I0OM"));
        assert_eq!(ocr_acronym("G77", &["GOO".to_string()]), None);
        assert_eq!(ocr_acronym("A1", &["AI".to_string()]), None);
    }
}
