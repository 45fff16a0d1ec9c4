//! Date arithmetic under Council Regulation (EEC, Euratom) No 1182/71 and the
//! contract-practice conventions of `DESIGN.md`: the end of a period, the last day of a
//! term, the k-th occurrence of a schedule, reminders before a date, and working-day
//! roll-over. Every function is a pure function of its arguments.

use crate::time::period::Period;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;

/// Adds a period to a date: whole months first, keeping the day number or falling
/// back to the last day of the month where that day does not exist (art. 3(2)(c)),
/// then weeks and days one by one. `None` only outside chrono's calendar.
///
/// ```
/// use accord::time::{calendar::shift, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // 31 August + 6 months has no 31 February: the last day of February.
/// assert_eq!(shift(d(2026, 8, 31), Period::months(6)), Some(d(2027, 2, 28)));
/// assert_eq!(shift(d(2027, 8, 31), Period::months(6)), Some(d(2028, 2, 29)));
/// // 29 February + 1 year.
/// assert_eq!(shift(d(2024, 2, 29), Period::years(1)), Some(d(2025, 2, 28)));
/// ```
pub fn shift(date: NaiveDate, period: Period) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(period.total_months()))?
        .checked_add_days(Days::new(u64::from(period.total_days())))
}

/// Subtracts a period from a date, the mirror of [`shift`] (days first, then months,
/// with the same month-end rule). Used for reminder dates, never for deadlines:
/// a latest notice date is found by search, see `crate::terminate`.
///
/// ```
/// use accord::time::{calendar::shift_back, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(shift_back(d(2027, 3, 31), Period::months(1)), Some(d(2027, 2, 28)));
/// assert_eq!(shift_back(d(2027, 1, 30), Period::days(30)), Some(d(2026, 12, 31)));
/// ```
pub fn shift_back(date: NaiveDate, period: Period) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(period.total_days())))?
        .checked_sub_months(Months::new(period.total_months()))
}

/// The last day of a period that starts with an event on `event`.
///
/// Art. 3(1): the day of the event is not counted. A period of days or weeks ends
/// on `event + n` days; a period of months or years ends on the day of the last
/// month with the event's date number, or that month's last day (art. 3(2)(c)).
///
/// ```
/// use accord::time::{calendar::period_end, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let end = period_end(d(2026, 11, 22), Period::days(90)).unwrap();
/// assert_eq!(end.date, d(2027, 2, 20));
/// let end = period_end(d(2026, 8, 31), Period::months(6)).unwrap();
/// assert_eq!(end.date, d(2027, 2, 28));
/// assert!(end.month_end);
/// ```
pub fn period_end(event: NaiveDate, period: Period) -> Option<PeriodEnd> {
    let date = shift(event, period)?;
    Some(PeriodEnd {
        start: event,
        period,
        date,
        month_end: month_end_applied(event, period),
    })
}

/// Whether art. 3(2)(c)'s fallback to the month's last day changed the result.
fn month_end_applied(event: NaiveDate, period: Period) -> bool {
    period.has_months()
        && event
            .checked_add_months(Months::new(period.total_months()))
            .is_some_and(|d| d.day() != event.day())
}

/// The end of a period, with what is needed to explain it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodEnd {
    /// The day of the event (not counted).
    pub start: NaiveDate,
    pub period: Period,
    /// The last day of the period.
    pub date: NaiveDate,
    /// The day number did not exist in the last month, so the month's last day was
    /// taken (art. 3(2)(c)).
    pub month_end: bool,
}

impl fmt::Display for PeriodEnd {
    /// `2026-08-31 + 6 months → 2027-02-28, the last day of February (Reg. 1182/71 art. 3(2)(c))`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} + {} → {}", self.start, self.period, self.date)?;
        if self.month_end {
            write!(
                f,
                ", the last day of {} as it has no day {} (Reg. 1182/71 art. 3(2)(c))",
                month_name(self.date.month()),
                self.start.day()
            )
        } else if self.period.has_months() {
            f.write_str(" (Reg. 1182/71 art. 3(1), 3(2)(c))")
        } else {
            f.write_str(" (Reg. 1182/71 art. 3(1): the day of receipt is not counted)")
        }
    }
}

/// The last day of a term of `length` whose first day is `start`: the day before
/// `start + length` (DESIGN.md, "Why does a term end the day before?").
///
/// ```
/// use accord::time::{calendar::term_last_day, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(term_last_day(d(2020, 3, 31), Period::years(2)), Some(d(2022, 3, 30)));
/// // A year from 29 February 2024 runs to 27 February 2025 (28 February is the next start).
/// assert_eq!(term_last_day(d(2024, 2, 29), Period::years(1)), Some(d(2025, 2, 27)));
/// ```
pub fn term_last_day(start: NaiveDate, length: Period) -> Option<NaiveDate> {
    shift(start, length)?.pred_opt()
}

/// The k-th date of a schedule that repeats every `period` from `anchor`,
/// computed from the anchor each time so that month ends never drift:
/// monthly from 31 January gives 28 (or 29) February, 31 March, 30 April.
///
/// ```
/// use accord::time::{calendar::occurrence, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let jan31 = d(2027, 1, 31);
/// assert_eq!(occurrence(jan31, Period::months(1), 1), Some(d(2027, 2, 28)));
/// assert_eq!(occurrence(jan31, Period::months(1), 2), Some(d(2027, 3, 31)));
/// assert_eq!(occurrence(jan31, Period::months(1), 3), Some(d(2027, 4, 30)));
/// ```
pub fn occurrence(anchor: NaiveDate, period: Period, k: u32) -> Option<NaiveDate> {
    shift(anchor, period.times(k)?)
}

/// The first occurrence of a schedule on or after `on_or_after`, with its index
/// (k ≥ 1: the anchor itself is the start of the schedule, not an occurrence).
/// `None` for a zero period or outside the calendar.
///
/// The index is computed, not searched for: for a period of days, from the number of
/// days to go; for a period of months, from the number of months to go and the day of
/// the month (see [`months_to_reach`]). Only a period of months and days together
/// (`1 month 2 weeks`) is searched, by bisection.
///
/// ```
/// use accord::time::{calendar::next_occurrence, period::Period};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Yearly from 29 February 2024: 28 February in common years, 29 in leap years.
/// let feb29 = d(2024, 2, 29);
/// assert_eq!(next_occurrence(feb29, Period::years(1), d(2027, 3, 1)), Some((4, d(2028, 2, 29))));
/// assert_eq!(next_occurrence(feb29, Period::years(1), d(2026, 11, 22)), Some((3, d(2027, 2, 28))));
/// // Daily: the day itself is an occurrence.
/// assert_eq!(next_occurrence(feb29, Period::days(1), d(2026, 11, 22)), Some((997, d(2026, 11, 22))));
/// ```
pub fn next_occurrence(anchor: NaiveDate, period: Period, on_or_after: NaiveDate) -> Option<(u32, NaiveDate)> {
    if period.is_zero() {
        return None;
    }
    let (months, days) = (u64::from(period.total_months()), u64::from(period.total_days()));
    // Zero when the anchor is on or after the date already (k is at least 1 anyway).
    let months_to_go = u64::try_from(months_to_reach(anchor, on_or_after)).unwrap_or(0);
    let days_to_go = u64::try_from((on_or_after - anchor).num_days()).unwrap_or(0);
    let needed = if months == 0 {
        // Occurrence k is `anchor + k × days` days.
        days_to_go.div_ceil(days)
    } else {
        // Occurrence k is `anchor + k × months` months, then `k × days` days: the
        // months alone reach the date at `by_months`, which is the answer when there
        // are no days, and otherwise the top of a bisection (the days only add).
        let by_months = months_to_go.div_ceil(months);
        if days == 0 {
            by_months
        } else {
            let hi = u32::try_from(by_months.max(1)).ok()?;
            u64::from(bisect(anchor, period, on_or_after, hi)?)
        }
    };
    let k = u32::try_from(needed.max(1)).ok()?;
    Some((k, occurrence(anchor, period, k)?))
}

/// The number of whole months to add to `anchor` (with the month-end rule) to reach a
/// day on or after `date`; zero or less when `anchor` is on or after it already.
///
/// `anchor + n` months falls in the month `n` months after the anchor's, on the anchor's
/// day or, where that month is shorter, on its last day. In the month of `date`, that
/// day is on or after `date` exactly when the anchor's day number is (the last day of a
/// month is on or after every day of it): so the months between the two months are
/// enough, unless the anchor's day number is smaller, which takes one month more.
///
/// ```
/// use accord::time::calendar::months_to_reach;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(months_to_reach(d(2027, 1, 31), d(2027, 2, 28)), 1); // 31 January + 1 month
/// assert_eq!(months_to_reach(d(2027, 1, 15), d(2028, 2, 16)), 14);
/// assert_eq!(months_to_reach(d(2027, 1, 15), d(2026, 12, 1)), -1);
/// ```
pub fn months_to_reach(anchor: NaiveDate, date: NaiveDate) -> i64 {
    let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    month(date) - month(anchor) + i64::from(anchor.day() < date.day())
}

/// The first k in `1..=hi` with occurrence k on or after `date`, given that occurrence
/// `hi` is: occurrences grow strictly with k, so the range halves at each step, and
/// 33 steps cover every `u32`.
fn bisect(anchor: NaiveDate, period: Period, date: NaiveDate, mut hi: u32) -> Option<u32> {
    let mut lo = 1;
    for _ in 0..=u32::BITS {
        if lo == hi {
            return Some(lo);
        }
        let mid = lo.midpoint(hi);
        // Past the end of the calendar is after any date.
        if occurrence(anchor, period, mid).is_none_or(|d| d >= date) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    None
}

crate::keywords! {
    /// How a date that falls on a non-working day is moved (ISDA 2006 §4.12).
    pub enum Roll: "roll-over convention" {
        Following = "following": "the next working day",
        Preceding = "preceding": "the previous working day",
        ModifiedFollowing = "modified-following": "the next working day, unless it is in the next month: then the previous one",
    }
}

/// Whether `date` is a working day: not a Saturday, Sunday or listed holiday.
pub fn is_working_day(date: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !is_weekend(date) && !holidays.contains(&date)
}

/// How many days a roll-over looks at, the date included, before giving up: a year of
/// holidays in a row is a broken list (the loader refuses one, see
/// [`year_without_working_day`]).
pub const ROLL_LIMIT: u32 = 366;

/// Moves the last day of a forward period off a weekend or holiday (art. 3(4)).
/// Never used for periods counted backwards. `None` when no working day is found
/// within [`ROLL_LIMIT`] days, or at the end of the calendar: never a day that is not
/// a working day.
///
/// ```
/// use accord::time::calendar::{roll, Roll};
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Saturday 27 February 2027.
/// assert_eq!(roll(d(2027, 2, 27), Roll::Following, &[]), Some(d(2027, 3, 1)));
/// assert_eq!(roll(d(2027, 2, 27), Roll::Preceding, &[]), Some(d(2027, 2, 26)));
/// // Saturday 31 July 2027: following would leave July.
/// assert_eq!(roll(d(2027, 7, 31), Roll::ModifiedFollowing, &[]), Some(d(2027, 7, 30)));
/// ```
pub fn roll(date: NaiveDate, rule: Roll, holidays: &[NaiveDate]) -> Option<NaiveDate> {
    let step = |forward: bool| {
        let mut d = date;
        for _ in 0..ROLL_LIMIT {
            if is_working_day(d, holidays) {
                return Some(d);
            }
            d = if forward { d.succ_opt() } else { d.pred_opt() }?;
        }
        None
    };
    match rule {
        Roll::Following => step(true),
        Roll::Preceding => step(false),
        Roll::ModifiedFollowing => match step(true)? {
            // The same month of the same year (a run of holidays can last a year).
            next if next.with_day(1) == date.with_day(1) => Some(next),
            _ => step(false),
        },
    }
}

/// The first run of [`ROLL_LIMIT`] days or more without a working day that `holidays`
/// make together with the weekends, as its first and last day: a roll-over that starts
/// in it cannot leave it.
///
/// ```
/// use accord::time::calendar::year_without_working_day;
/// use chrono::{Days, NaiveDate};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let run: Vec<NaiveDate> = (0..800).map(|i| d(2027, 1, 1) + Days::new(i)).collect();
/// // 2027-01-01 is a Friday; the run ends on Sunday 2029-03-11, the weekend after it.
/// assert_eq!(year_without_working_day(&run), Some((d(2027, 1, 1), d(2029, 3, 11))));
/// assert_eq!(year_without_working_day(&run[..300]), None);
/// ```
pub fn year_without_working_day(holidays: &[NaiveDate]) -> Option<(NaiveDate, NaiveDate)> {
    let mut days: Vec<NaiveDate> = holidays.iter().copied().filter(|d| !is_weekend(*d)).collect();
    days.sort_unstable();
    days.dedup();
    // Runs of listed weekdays joined by weekends, each widened by its weekends.
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    for h in days {
        run = match run {
            Some((first, last)) if weekends_only(last, h) => Some((first, h)),
            Some(done) => {
                let done = widen(done);
                if long(done) {
                    return Some(done);
                }
                Some((h, h))
            }
            None => Some((h, h)),
        };
    }
    run.map(widen).filter(|r| long(*r))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether every day strictly between `a` and `b` is a Saturday or Sunday.
fn weekends_only(a: NaiveDate, b: NaiveDate) -> bool {
    a.iter_days().skip(1).take_while(|d| *d < b).all(is_weekend)
}

/// A run of non-working days with the weekend days on either side of it.
fn widen((mut first, mut last): (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
    while let Some(d) = first.pred_opt().filter(|d| is_weekend(*d)) {
        first = d;
    }
    while let Some(d) = last.succ_opt().filter(|d| is_weekend(*d)) {
        last = d;
    }
    (first, last)
}

fn long((first, last): (NaiveDate, NaiveDate)) -> bool {
    (last - first).num_days() >= i64::from(ROLL_LIMIT) - 1
}

/// The English name of a month (1–12).
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// 31 December of the year of `date`.
pub fn end_of_year(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year(), 12, 31).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyword::Keyword;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn domain_reference_examples() {
        // domain.md §1.
        assert_eq!(shift(d(2026, 11, 22), Period::days(90)), Some(d(2027, 2, 20)));
        assert_eq!(shift(d(2026, 8, 31), Period::months(6)), Some(d(2027, 2, 28)));
        assert_eq!(shift(d(2027, 8, 31), Period::months(6)), Some(d(2028, 2, 29)));
        assert_eq!(shift(d(2024, 2, 29), Period::years(1)), Some(d(2025, 2, 28)));
        assert_eq!(shift(d(2026, 11, 22), Period::weeks(2)), Some(d(2026, 12, 6)));
        // domain.md §1b.
        assert_eq!(term_last_day(d(2020, 3, 31), Period::years(2)), Some(d(2022, 3, 30)));
    }

    #[test]
    fn no_drift_from_the_anchor() {
        let anchor = d(2026, 8, 31);
        let six = Period::months(6);
        assert_eq!(occurrence(anchor, six, 2), Some(d(2027, 8, 31)));
        // Adding twice drifts: exactly what occurrence avoids.
        let twice = shift(shift(anchor, six).unwrap(), six).unwrap();
        assert_eq!(twice, d(2027, 8, 28));
    }

    #[test]
    fn next_occurrence_is_on_or_after_and_the_first_such() {
        let anchor = d(2009, 1, 27);
        let year = Period::years(1);
        assert_eq!(
            next_occurrence(anchor, year, d(2026, 11, 22)),
            Some((18, d(2027, 1, 27)))
        );
        assert_eq!(
            next_occurrence(anchor, year, d(2027, 1, 27)),
            Some((18, d(2027, 1, 27)))
        );
        assert_eq!(next_occurrence(anchor, year, d(2000, 1, 1)), Some((1, d(2010, 1, 27))));
        assert_eq!(next_occurrence(anchor, Period::default(), d(2026, 1, 1)), None);
    }

    #[test]
    fn explanation_names_the_rule() {
        let end = period_end(d(2026, 8, 31), Period::months(6)).unwrap();
        let text = end.to_string();
        assert!(text.contains("2027-02-28"), "{text}");
        assert!(text.contains("last day of February"), "{text}");
        assert!(text.contains("art. 3(2)(c)"), "{text}");
        let plain = period_end(d(2026, 11, 22), Period::days(90)).unwrap();
        assert!(!plain.month_end);
        assert!(plain.to_string().contains("art. 3(1)"));
    }

    #[test]
    fn roll_over_with_holidays() {
        let holidays = [d(2027, 3, 1)];
        assert_eq!(roll(d(2027, 2, 27), Roll::Following, &holidays), Some(d(2027, 3, 2)));
        assert_eq!(roll(d(2027, 3, 3), Roll::Following, &holidays), Some(d(2027, 3, 3)));
        assert_eq!(Roll::parse("modified-following"), Some(Roll::ModifiedFollowing));
        assert_eq!(Roll::parse("sideways"), None);
    }
}
