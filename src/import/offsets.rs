//! How long after a triggering day something takes effect, as final clauses word it,
//! written as the file's `after:` reads it (`crate::time::after::After`): "on the
//! thirtieth day after" and "30 days after" (`30 days`, counted like a notice period:
//! the triggering day is not counted), "on the day after" (`1 day`), "one month
//! following" (`one month`), "on the first day of the second month following" (`first
//! day of the second month`), "the first day of the month following" (`first day of the
//! month following`).

use super::periods;
use super::words::{ordinal, tokens};
use std::ops::Range;

/// Words that place an offset after its trigger.
const AFTER: &[&str] = &["after", "following", "from"];

/// An offset found in a passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Offset {
    /// As the file writes it: "30 days", "1 day", "first day of the second month".
    pub after: String,
    /// The words it was read from.
    pub range: Range<usize>,
    pub review: Option<String>,
}

const MONTHS: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
];

/// The first offset in `s` (a clause from its "enter into force" or "take effect" on).
pub(crate) fn offset(s: &str) -> Option<Offset> {
    let toks = tokens(s);
    let word = |k: usize| toks.get(k).map(|t| t.1.to_lowercase()).unwrap_or_default();
    for (k, &(at, w)) in toks.iter().enumerate() {
        let lw = w.to_lowercase();
        let end = |j: usize| toks.get(j).map_or(s.len(), |t| t.0 + t.1.len());
        // "the first day of the second month following", "the first day of the month
        // following", "the first day of the following month"
        if lw == "first" && word(k + 1) == "day" && word(k + 2) == "of" && word(k + 3) == "the" {
            if let Some((n, last)) = month_rule(&word(k + 4), &word(k + 5), &word(k + 6)) {
                let after = if n == 1 {
                    "first day of the month following".to_string()
                } else {
                    format!("first day of the {} month", MONTHS[n as usize - 1])
                };
                return Some(Offset {
                    after,
                    range: at..end(k + 4 + last),
                    review: None,
                });
            }
        }
        // "the thirtieth day after", "the 30th day following"
        if let Some(n) = ordinal(&lw).filter(|_| word(k + 1) == "day" && AFTER.contains(&word(k + 2).as_str())) {
            return Some(Offset {
                after: days(n),
                range: at..end(k + 2),
                review: None,
            });
        }
        // "the day after", "the day following"
        if lw == "day" && AFTER.contains(&word(k + 1).as_str()) && k > 0 && word(k - 1) == "the" {
            return Some(Offset {
                after: days(1),
                range: toks[k - 1].0..end(k + 1),
                review: None,
            });
        }
        // "30 days after", "one month following", "three months from"
        if let Some(p) = periods::find(&s[at..])
            .into_iter()
            .next()
            .filter(|p| p.range.start == 0)
        {
            let next = s[at + p.range.end..].split_whitespace().next().unwrap_or("");
            if AFTER.contains(&next.to_lowercase().as_str()) {
                let review = p
                    .working_days
                    .then(|| "the text counts working days; the file counts calendar days".to_string());
                return Some(Offset {
                    after: p.written,
                    range: at..at + p.range.end + s[at + p.range.end..].find(next).unwrap_or(0) + next.len(),
                    review,
                });
            }
        }
    }
    None
}

/// `n` days as the file writes it.
fn days(n: u32) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// After "the first day of the": the month's rank and how many more words it took
/// ("second month following" → (2, 2); "month following" → (1, 1); "following month"
/// → (1, 1)).
fn month_rule(a: &str, b: &str, c: &str) -> Option<(u32, usize)> {
    let follows = |w: &str| ["following", "after", "next"].contains(&w);
    if a == "month" && follows(b) {
        return Some((1, 1));
    }
    if follows(a) && b == "month" {
        return Some((1, 1));
    }
    let n = ordinal(a).filter(|n| (1..=12).contains(n))?;
    (b == "month").then_some((n, if follows(c) { 2 } else { 1 }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::after::After;

    fn after(s: &str) -> Option<(String, String)> {
        offset(s).map(|o| (o.after, s[o.range].to_string()))
    }

    #[test]
    fn offsets_as_clauses_word_them() {
        let o = |a: &str, w: &str| Some((a.to_string(), w.to_string()));
        assert_eq!(
            after("enters into force on the thirtieth day after its signature"),
            o("30 days", "thirtieth day after")
        );
        assert_eq!(
            after("on the 30th day following the deposit"),
            o("30 days", "30th day following")
        );
        assert_eq!(
            after("enters into force on the day after the later notification"),
            o("1 day", "the day after")
        );
        assert_eq!(
            after("enters into force 30 days after the date"),
            o("30 days", "30 days after")
        );
        assert_eq!(
            after("on the first day of the second month after signature"),
            o("first day of the second month", "first day of the second month after")
        );
        assert_eq!(
            after("on the first day of the month following the notification"),
            o("first day of the month following", "first day of the month following")
        );
        assert_eq!(
            after("on the first day of the following month"),
            o("first day of the month following", "first day of the following month")
        );
        assert_eq!(after("on the date of its signature"), None);
        assert_eq!(after("on the day of its signature"), None);
        assert_eq!(after("on 1 July 2015"), None);
    }

    #[test]
    fn every_offset_is_one_the_file_reads() {
        for s in [
            "on the thirtieth day after",
            "the day following",
            "two months after",
            "on the first day of the third month following",
            "the first day of the month after",
        ] {
            let o = offset(s).unwrap();
            assert!(After::parse(&o.after).is_ok(), "{s}: {}", o.after);
        }
    }
}
