//! The details of a termination or withdrawal clause beside its notice period: a
//! notice dated to an ordinal day ("takes effect on the thirtieth day after receipt",
//! which names the day it takes effect: `counting: anniversary`), a waiting period
//! before notice may be given (only after three years from its entry into force:
//! `not_before`), and a notice that may name a later day ("or
//! on such later date as the notification specifies": `later_date: allowed`).

use super::periods;
use super::words::{find_any, has_any, ordinal, tokens};
use std::ops::Range;

/// A notice counted to an ordinal day: the period in days and the words.
pub(crate) fn ordinal_day(t: &str) -> Option<(String, Range<usize>)> {
    let toks = tokens(t);
    toks.iter().enumerate().find_map(|(k, &(at, w))| {
        let word = |i: usize| toks.get(k + i).map(|x| x.1.to_lowercase()).unwrap_or_default();
        let n = ordinal(w).filter(|&n| n > 1)?;
        (word(1) == "day" && ["after", "following", "from"].contains(&word(2).as_str())).then(|| {
            let end = toks.get(k + 2).map_or(t.len(), |x| x.0 + x.1.len());
            (format!("{n} days"), at..end)
        })
    })
}

/// A waiting period before notice may be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Waiting {
    pub period: periods::Found,
    /// Counted from signature rather than from entry into force.
    pub from_signature: bool,
}

/// Notice allowed only "after three years from its entry into force", "after the expiry
/// of five years from its signature": a period that follows "after" and is counted from
/// entry into force or signature.
pub(crate) fn waiting(t: &str) -> Option<Waiting> {
    periods::find(t).into_iter().find_map(|p| {
        let before = t[..p.range.start].to_lowercase();
        let before = before.trim_end();
        let lead = [
            "after",
            "expiry of",
            "expiration of",
            "lapse of",
            "after a period of",
            "before",
        ];
        let led = lead.iter().any(|w| before.ends_with(w))
            || ["after the expiry of a period of", "after the expiration of a period of"]
                .iter()
                .any(|w| before.ends_with(w));
        if !led || before.ends_with("before") && !before.ends_with("not before") {
            return None;
        }
        let next = &t[p.range.end..];
        let next = &next[..next.char_indices().nth(110).map_or(next.len(), |(i, _)| i)];
        let (at, k) = find_any(
            next,
            &[
                "entry into force",
                "entered into force",
                "enters into force",
                "in force",
                "signature",
                "signed",
                "receipt",
                "notice",
                "notification",
            ],
        )?;
        // Counted from receipt of a notice, it is the notice period itself.
        if k >= 6 || has_any(&next[..at], &["receipt", "notice", "notification"]) {
            return None;
        }
        Some(Waiting {
            period: p,
            from_signature: k >= 4,
        })
    })
}

/// "or on such later date as may be specified in the notification": the words.
pub(crate) fn later_date(t: &str) -> Option<Range<usize>> {
    let (at, k) = find_any(
        t,
        &[
            "such later date",
            "any later date",
            "a later date",
            "such later day",
            "a later day",
        ],
    )?;
    let len = [
        "such later date",
        "any later date",
        "a later date",
        "such later day",
        "a later day",
    ][k]
        .len();
    let rest = &t[at + len..];
    let end = rest.find([',', ';', '.']).map_or(t.len(), |e| at + len + e);
    Some(at..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinal_day_names_the_day_notice_takes_effect() {
        let t = "The withdrawal takes effect on the sixtieth day following its receipt.";
        let (n, r) = ordinal_day(t).unwrap();
        assert_eq!((n.as_str(), &t[r]), ("60 days", "sixtieth day following"));
        assert_eq!(ordinal_day("on the first day of the month"), None);
    }

    #[test]
    fn waiting_periods_before_notice() {
        let w = waiting("At any time after two years from the date on which this Treaty has entered into force for it, a Party may withdraw by notice.").unwrap();
        assert_eq!((w.period.written.as_str(), w.from_signature), ("two years", false));
        let w = waiting("No notice may be given before the expiry of five years from its signature.");
        assert_eq!(
            w.map(|w| (w.period.written, w.from_signature)),
            Some(("five years".into(), true))
        );
        assert_eq!(
            waiting("The withdrawal takes effect one year after the receipt of the notice."),
            None
        );
        assert_eq!(
            waiting("Either Party may terminate it by giving six months' notice."),
            None
        );
        assert_eq!(
            waiting("It takes effect upon expiry of one year from the date of receipt of the notification."),
            None
        );
    }

    #[test]
    fn a_later_date_named_by_the_notice() {
        let t = "It takes effect one year after receipt, or on any later date that the notice names.";
        assert_eq!(
            later_date(t).map(|r| &t[r]),
            Some("any later date that the notice names")
        );
        assert_eq!(later_date("It takes effect one year after receipt."), None);
    }
}
