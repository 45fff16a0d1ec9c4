//! Lengths of time as agreements word them: "six months", "90 days’", "thirty (30)
//! days", "twelve (12) months", "one year", "trois mois", "noventa días". Each is
//! returned with the words it was read from and the file's spelling of it ("six
//! months", "30 days"), which `crate::time::period::Period` reads.

use super::words::{cardinal, tokens};
use crate::time::period::Period;
use std::ops::Range;

/// A length of time found in a passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub range: Range<usize>,
    pub period: Period,
    /// How the file writes it: "six months", "90 days".
    pub written: String,
    /// Counted in working days (the file cannot say so).
    pub working_days: bool,
}

const FOREIGN: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("trente", 30),
    ("soixante", 60),
    ("uno", 1),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("treinta", 30),
    ("sesenta", 60),
    ("noventa", 90),
];

const WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

fn number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w == "a" || w == "an" {
        return Some(1);
    }
    cardinal(&w).or_else(|| FOREIGN.iter().find(|(f, _)| *f == w).map(|(_, n)| *n))
}

/// The unit a word names: 'd', 'w', 'm' or 'y'.
fn unit(word: &str) -> Option<char> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches(['’', '\'']).trim_end_matches("'s");
    match w {
        "day" | "days" | "jour" | "jours" | "día" | "días" | "dia" | "dias" => Some('d'),
        "week" | "weeks" | "semaine" | "semaines" | "semana" | "semanas" => Some('w'),
        "month" | "months" | "mois" | "mes" | "meses" => Some('m'),
        "year" | "years" | "an" | "ans" | "année" | "années" | "año" | "años" => Some('y'),
        _ => None,
    }
}

/// Every length of time in `s`.
pub(crate) fn find(s: &str) -> Vec<Found> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let Some(n) = number(toks[k].1) else {
            k += 1;
            continue;
        };
        // "thirty (30) days": the digits repeat the words.
        let mut j = k + 1;
        if let Some((at, w)) = toks.get(j) {
            let between = &s[toks[k].0 + toks[k].1.len()..*at];
            if between.trim() == "(" && w.parse::<u32>().ok() == Some(n) {
                j += 1;
            }
        }
        let mut working = false;
        while let Some((_, w)) = toks.get(j) {
            match w.to_lowercase().as_str() {
                "calendar" | "full" | "consecutive" | "complete" => j += 1,
                "working" | "business" => {
                    working = true;
                    j += 1
                }
                _ => break,
            }
        }
        let Some((at, w)) = toks.get(j) else { break };
        let Some(u) = unit(w) else {
            k += 1;
            continue;
        };
        if n == 0
            || (toks[k].1.eq_ignore_ascii_case("a") && !["year", "month", "week"].contains(&w.to_lowercase().as_str()))
        {
            k += 1;
            continue;
        }
        let period = match u {
            'd' => Period::days(n),
            'w' => Period::weeks(n),
            'm' => Period::months(n),
            _ => Period::years(n),
        };
        let name = match u {
            'd' => "day",
            'w' => "week",
            'm' => "month",
            _ => "year",
        };
        let count =
            if (1..=12).contains(&n) && toks[k].1.chars().all(char::is_alphabetic) && cardinal(toks[k].1).is_some() {
                WORDS[n as usize - 1].to_string()
            } else {
                n.to_string()
            };
        let written = format!("{count} {name}{}", if n == 1 { "" } else { "s" });
        let end = at + w.len();
        out.push(Found {
            range: toks[k].0..end,
            period,
            written,
            working_days: working,
        });
        k = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> Option<String> {
        find(s).first().map(|f| f.written.clone())
    }

    #[test]
    fn wordings() {
        assert_eq!(first("by giving six months written notice"), Some("six months".into()));
        assert_eq!(first("upon 90 days’ written notice"), Some("90 days".into()));
        assert_eq!(first("thirty (30) days' prior written notice"), Some("30 days".into()));
        assert_eq!(first("twelve months after a Party"), Some("twelve months".into()));
        assert_eq!(first("for a period of one year"), Some("one year".into()));
        assert_eq!(first("avec un préavis de trois mois"), Some("3 months".into()));
        assert_eq!(first("con un preaviso de noventa días"), Some("90 days".into()));
        assert_eq!(first("within 10 working days"), Some("10 days".into()));
        assert!(find("within 10 working days")[0].working_days);
        assert_eq!(first("a day of rest"), None);
        assert_eq!(first("for a year"), Some("1 year".into()));
    }

    #[test]
    fn written_forms_are_periods_accord_reads() {
        for s in ["six months", "90 days", "one year", "twelve months", "2 weeks"] {
            let f = &find(s)[0];
            assert_eq!(Period::parse(&f.written).ok(), Some(f.period), "{s}");
        }
    }
}
