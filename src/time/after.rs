//! When something happens counted from a triggering day, as entry-into-force clauses
//! count it: thirty days after signature (`30 days`), the next day (`1 day`), or the
//! first day of a later calendar month (`first day of the second month`).

use super::calendar::shift;
use super::period::Period;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A rule that turns a triggering day into the day something takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// On the last day of a period counted from the day after the trigger (Reg. 1182/71
    /// art. 3(1)): `30 days` is the thirtieth day after, `0 days` the day itself.
    Period(Period),
    /// On the first day of the n-th month after the trigger's month (n = 1: the month
    /// following).
    FirstDayOfMonth(u32),
}

/// The forms [`After::parse`] accepts, for messages and documentation.
pub const ACCEPTED_FORMS: &str = "a period such as `30 days` (on the thirtieth day after) or `0 days` (on that day), or `first day of the month following`, `first day of the second month`";

const ORDINALS: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
];

impl After {
    /// Reads a rule.
    ///
    /// ```
    /// use accord::time::after::After;
    /// use accord::time::period::Period;
    /// assert_eq!(After::parse("30 days"), Ok(After::Period(Period::days(30))));
    /// assert_eq!(After::parse("first day of the second month"), Ok(After::FirstDayOfMonth(2)));
    /// assert_eq!(After::parse("First day of the month following"), Ok(After::FirstDayOfMonth(1)));
    /// assert!(After::parse("soon").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// A sentence naming the accepted forms when `text` is none of them.
    pub fn parse(text: &str) -> Result<After, String> {
        let lower = text.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if let ["first", "day", "of", "the", rest @ ..] = words.as_slice() {
            let n = match rest {
                ["month", "following" | "after"] | ["following" | "next", "month"] => Some(1),
                [ordinal, "month"] | [ordinal, "month", "following" | "after"] => {
                    ORDINALS.iter().position(|o| o == ordinal).map(|i| i as u32 + 1)
                }
                _ => None,
            };
            return n
                .map(After::FirstDayOfMonth)
                .ok_or_else(|| format!("`{text}` cannot be read; write {ACCEPTED_FORMS}"));
        }
        match Period::parse(text) {
            Ok(p) => Ok(After::Period(p)),
            Err(_) if is_zero(&lower) => Ok(After::Period(Period::default())),
            Err(_) => Err(format!("`{text}` cannot be read; write {ACCEPTED_FORMS}")),
        }
    }

    /// The day the rule gives for a trigger on `trigger`; `None` outside the calendar.
    ///
    /// ```
    /// use accord::time::after::After;
    /// use accord::time::period::Period;
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // The thirtieth day after a signature on 15 November, across the month end.
    /// assert_eq!(After::Period(Period::days(30)).apply(d(2011, 11, 15)), Some(d(2011, 12, 15)));
    /// // The first day of the second month after 31 January, and after 15 December.
    /// assert_eq!(After::FirstDayOfMonth(2).apply(d(2012, 1, 31)), Some(d(2012, 3, 1)));
    /// assert_eq!(After::FirstDayOfMonth(2).apply(d(2011, 12, 15)), Some(d(2012, 2, 1)));
    /// ```
    pub fn apply(self, trigger: NaiveDate) -> Option<NaiveDate> {
        match self {
            After::Period(p) => shift(trigger, p),
            After::FirstDayOfMonth(n) => {
                let months = trigger.year() * 12 + trigger.month0() as i32 + n as i32;
                NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
            }
        }
    }

    /// The arithmetic in words: "2011-11-15 + 30 days → 2011-12-15 (the thirtieth day
    /// after; Reg. 1182/71 art. 3(1): the day itself is not counted)".
    pub fn explain(self, trigger: NaiveDate) -> String {
        let result = self
            .apply(trigger)
            .map_or("a date outside the calendar".to_string(), |d| d.to_string());
        match self {
            After::Period(p) if p.is_zero() => format!("{trigger}, the day itself"),
            After::Period(p) => {
                format!("{trigger} + {p} → {result} (Reg. 1182/71 art. 3(1): the day of the event is not counted)")
            }
            After::FirstDayOfMonth(_) => format!("{self} after {trigger} → {result}"),
        }
    }
}

/// `0 days`, `0 weeks`, `P0D`: a period of no length, which `after` allows ("on the
/// day of") though no other period does.
fn is_zero(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let digits_then_unit = !words.is_empty()
        && words.chunks(2).all(|pair| {
            pair.len() == 2
                && !pair[0].is_empty()
                && pair[0].chars().all(|c| c == '0')
                && matches!(
                    pair[1],
                    "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years"
                )
        });
    digits_then_unit || matches!(lower, "p0d" | "p0w" | "p0m" | "p0y")
}

impl fmt::Display for After {
    /// `30 days`, `first day of the second month`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            After::Period(p) => write!(f, "{p}"),
            After::FirstDayOfMonth(1) => f.write_str("first day of the month following"),
            After::FirstDayOfMonth(n) => {
                let ordinal = ORDINALS.get(*n as usize - 1).copied().unwrap_or("n-th");
                write!(f, "first day of the {ordinal} month")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_wordings_of_real_clauses() {
        // The day after the later of two notifications.
        assert_eq!(
            After::parse("1 day").unwrap().apply(d(2020, 2, 29)),
            Some(d(2020, 3, 1))
        );
        // "on the date of" the last notification.
        assert_eq!(
            After::parse("0 days").unwrap().apply(d(2020, 2, 29)),
            Some(d(2020, 2, 29))
        );
        // "the first day of the month following".
        assert_eq!(
            After::parse("first day of the month following")
                .unwrap()
                .apply(d(2011, 12, 31)),
            Some(d(2012, 1, 1))
        );
        assert_eq!(
            After::parse("first day of the following month"),
            Ok(After::FirstDayOfMonth(1))
        );
        assert_eq!(
            After::parse("first day of the third month after"),
            Ok(After::FirstDayOfMonth(3))
        );
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for bad in [
            "",
            "later",
            "first day of the month",
            "first day of the thirteenth month",
            "30",
        ] {
            let err = After::parse(bad).unwrap_err();
            assert!(err.contains("first day of the second month"), "{bad}: {err}");
        }
    }

    #[test]
    fn displays_as_written_and_reparses() {
        for text in [
            "30 days",
            "first day of the month following",
            "first day of the second month",
            "0 days",
        ] {
            let a = After::parse(text).unwrap();
            assert_eq!(a.to_string(), text);
            assert_eq!(After::parse(&a.to_string()), Ok(a));
        }
    }

    #[test]
    fn explanations_show_the_arithmetic() {
        let e = After::Period(Period::days(30)).explain(d(2011, 11, 15));
        assert!(e.contains("2011-11-15 + 30 days → 2011-12-15"), "{e}");
        let e = After::FirstDayOfMonth(2).explain(d(2011, 11, 15));
        assert_eq!(e, "first day of the second month after 2011-11-15 → 2012-01-01");
    }
}
