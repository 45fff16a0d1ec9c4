//! Dates as agreements write them, in English, French and Spanish: "27 January 2009",
//! "27th January, 2009", "the 15th day of May 1997", "January 27, 2009", "le 1er mars
//! 2010", "27 de enero de 2009", "2009-01-27". A date with blanks left for filling in
//! ("this xxth day of xx 2016", "October ___, 2021") is recognised as a placeholder,
//! never read as a date. All-numeric dates other than ISO ("03/04/2009") are ambiguous
//! between day-first and month-first and are returned only when one reading is
//! impossible.

use super::words::{ordinal, tokens};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// A date found in a passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateMatch {
    /// Bytes of the passage the date was read from.
    pub range: Range<usize>,
    /// The date; `None` for a placeholder.
    pub date: Option<NaiveDate>,
    /// The year, also for a placeholder that gives one.
    pub year: Option<i32>,
}

const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "janvier", "enero"],
    &["february", "feb", "février", "fevrier", "febrero"],
    &["march", "mar", "mars", "marzo"],
    &["april", "apr", "avril", "abril"],
    &["may", "mai", "mayo"],
    &["june", "jun", "juin", "junio"],
    &["july", "jul", "juillet", "julio"],
    &["august", "aug", "août", "aout", "agosto"],
    &["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
    &["october", "oct", "octobre", "octubre"],
    &["november", "nov", "novembre", "noviembre"],
    &["december", "dec", "décembre", "decembre", "diciembre"],
];

/// The month a word names (1–12).
pub(crate) fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|m| m as u32 + 1)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

fn day(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()) {
        return w.parse().ok().filter(|d| (1..=31).contains(d));
    }
    ordinal(&w).filter(|d| (1..=31).contains(d))
}

/// Whether a word is a blank left for a date ("xx", "xxth", "___").
fn blank(word: &str) -> bool {
    let w = word.to_lowercase();
    let core = w.trim_end_matches("th");
    !core.is_empty() && core.chars().all(|c| c == 'x' || c == '_' || c == '.')
}

/// Every date in `s`, in order.
pub(crate) fn find_dates(s: &str) -> Vec<DateMatch> {
    let toks = tokens(s);
    let mut out: Vec<DateMatch> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if let Some((m, used)) = date_at(s, &toks, k) {
            out.push(m);
            k += used;
        } else {
            k += 1;
        }
    }
    out.extend(iso_dates(s));
    out.sort_by_key(|m| m.range.start);
    out
}

/// A date starting at token `k`: the match and the number of tokens it spans.
fn date_at(s: &str, toks: &[(usize, &str)], k: usize) -> Option<(DateMatch, usize)> {
    let w = |i: usize| toks.get(k + i).map(|t| t.1).unwrap_or("");
    let lw = |i: usize| w(i).to_lowercase();
    let span = |n: usize| toks[k].0..toks[k + n - 1].0 + toks[k + n - 1].1.len();
    let make = |d: u32, m: u32, y: i32, n: usize| {
        NaiveDate::from_ymd_opt(y, m, d).map(|date| {
            (
                DateMatch {
                    range: span(n),
                    date: Some(date),
                    year: Some(y),
                },
                n,
            )
        })
    };
    // "27 January 2009", "27th day of January, 2009", "le 1er mars 2010"
    if let Some(d) = day(w(0)) {
        let mut i = 1;
        if lw(i) == "day" && lw(i + 1) == "of" {
            i += 2;
        } else if lw(i) == "of" || lw(i) == "de" {
            i += 1;
        }
        if let Some(m) = month(w(i)) {
            let j = if matches!(lw(i + 1).as_str(), "de" | "del") {
                i + 2
            } else {
                i + 1
            };
            if let Some(y) = year(w(j)) {
                return make(d, m, y, j + 1);
            }
        }
    }
    // "January 27, 2009"
    if let (Some(m), Some(d)) = (month(w(0)), day(w(1))) {
        if let Some(y) = year(w(2)) {
            return make(d, m, y, 3);
        }
    }
    // "this xxth day of xx 2016", "October ___, 2021"
    let placeholder = (blank(w(0))
        && lw(1) == "day"
        && lw(2) == "of"
        && (blank(w(3)) || month(w(3)).is_some())
        && year(w(4)).is_some())
        || (month(w(0)).is_some() && blank_between(s, toks, k) && year(w(1)).is_some());
    if placeholder {
        let n = if year(w(1)).is_some() { 2 } else { 5 };
        let y = year(w(n - 1));
        return Some((
            DateMatch {
                range: span(n),
                date: None,
                year: y,
            },
            n,
        ));
    }
    // "27/01/2009", "27.01.2009": only when one reading is impossible.
    numeric(s, toks, k)
}

/// "October ___, 2021": blanks between a month and a year.
fn blank_between(s: &str, toks: &[(usize, &str)], k: usize) -> bool {
    let (Some(a), Some(b)) = (toks.get(k), toks.get(k + 1)) else {
        return false;
    };
    let gap = &s[a.0 + a.1.len()..b.0];
    gap.contains("__")
}

fn numeric(s: &str, toks: &[(usize, &str)], k: usize) -> Option<(DateMatch, usize)> {
    let (a, b, c) = (toks.get(k)?, toks.get(k + 1)?, toks.get(k + 2)?);
    let sep1 = &s[a.0 + a.1.len()..b.0];
    let sep2 = &s[b.0 + b.1.len()..c.0];
    if !(sep1 == sep2 && (sep1 == "/" || sep1 == ".")) {
        return None;
    }
    let (x, y, yr): (u32, u32, i32) = (a.1.parse().ok()?, b.1.parse().ok()?, year(c.1)?);
    let day_first = NaiveDate::from_ymd_opt(yr, y, x);
    let month_first = NaiveDate::from_ymd_opt(yr, x, y);
    let date = match (day_first, month_first) {
        (Some(d), None) | (None, Some(d)) => d,
        (Some(d), Some(m)) if d == m => d,
        _ => return None,
    };
    Some((
        DateMatch {
            range: a.0..c.0 + c.1.len(),
            date: Some(date),
            year: Some(yr),
        },
        3,
    ))
}

fn iso_dates(s: &str) -> Vec<DateMatch> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for i in 0..b.len().saturating_sub(9) {
        let shape = (0..4).all(|k| digit(i + k))
            && b[i + 4] == b'-'
            && digit(i + 5)
            && digit(i + 6)
            && b[i + 7] == b'-'
            && digit(i + 8)
            && digit(i + 9);
        let bounded = (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && !digit(i + 10);
        if shape && bounded {
            if let Ok(date) = NaiveDate::parse_from_str(&s[i..i + 10], "%Y-%m-%d") {
                out.push(DateMatch {
                    range: i..i + 10,
                    date: Some(date),
                    year: Some(date.year()),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> Option<String> {
        find_dates(s).first().map(|m| match m.date {
            Some(d) => d.to_string(),
            None => format!("blank {:?}", m.year),
        })
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            first("Signed at Geneva on 27th January, 2009."),
            Some("2009-01-27".into())
        );
        assert_eq!(first("Geneva, 15 May 1997"), Some("1997-05-15".into()));
        assert_eq!(first("this 3rd day of June, 2004 by"), Some("2004-06-03".into()));
        assert_eq!(first("on this 21st day of March 1986."), Some("1986-03-21".into()));
        assert_eq!(first("as of January 27, 2009"), Some("2009-01-27".into()));
        assert_eq!(first("DONE at Leiden, 2 march 1991"), Some("1991-03-02".into()));
        assert_eq!(first("the twenty-seventh day of May 1997"), Some("1997-05-27".into()));
    }

    #[test]
    fn french_and_spanish_forms() {
        assert_eq!(first("Fait à Genève, le 1er mars 2010"), Some("2010-03-01".into()));
        assert_eq!(first("le 27 janvier 2009"), Some("2009-01-27".into()));
        assert_eq!(
            first("Hecho en Ginebra, el 27 de enero de 2009"),
            Some("2009-01-27".into())
        );
        assert_eq!(first("el 3 de diciembre del 2015"), Some("2015-12-03".into()));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(first("entered into on 2009-01-27."), Some("2009-01-27".into()));
        assert_eq!(first("on 27/01/2009"), Some("2009-01-27".into()));
        assert_eq!(first("on 03/04/2009"), None);
    }

    #[test]
    fn placeholders_and_impossible_dates_are_not_dates() {
        assert_eq!(
            first("Signed this xxth day of xx 2016 at xxx"),
            Some("blank Some(2016)".into())
        );
        assert_eq!(
            first("as of October ___, 2021 (the \"Start Date\")"),
            Some("blank Some(2021)".into())
        );
        assert_eq!(first("on 30 February 2009"), None);
        assert_eq!(first("in May 2009"), None);
        assert_eq!(first("resolution 47/4 of 16 October 1992"), Some("1992-10-16".into()));
    }
}
