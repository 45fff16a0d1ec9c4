//! The decisions notice can still make, as of a date: the latest day notice can be
//! received to end each term of a tacitly renewed agreement, to end the agreement at the
//! end of a calendar year, or on the last day of its minimum term; each found by
//! [`latest_notice`]'s search and explained, with what a day later would give. The report
//! lists them as decisions to take.

use super::notice::{end_only, Outcome};
use super::rules::Rules;
use super::terminate::{latest_notice, latest_notice_date, windows_from, Window};
use crate::model::Effective;
use chrono::{Datelike, NaiveDate};

/// What a latest day for notice ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A term of a tacitly renewed agreement, by notice of non-renewal.
    Term(Window),
    /// The agreement, at the end of this calendar year (a clause effective at the end of
    /// a calendar year).
    EndOfYear(i32),
    /// The agreement, on the last day of its minimum term.
    MinimumTerm,
}

/// The latest day notice can be received to end the agreement (or a term) on a given
/// day: a decision to take by that day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub target: Target,
    /// The notice received on the latest day (`notice_date`) and the end it gives, with
    /// every step.
    pub latest: Outcome,
    /// The last day in force if notice were received one day after the latest day.
    pub a_day_late: Option<NaiveDate>,
}

/// Renewal terms looked at, at most, however short they are.
const MAX_TERMS: usize = 24;

/// Years after the as-of date searched for the first end of a calendar year notice can
/// still reach.
const MAX_YEARS: i32 = 50;

/// The latest days for notice, as of `as_of`, up to `until`, in date order: for a tacitly
/// renewed agreement, the term current on `as_of` (whether or not its window has closed)
/// and each later term starting by `until`; for a clause effective at the end of a
/// calendar year, the first year end notice received on or after `as_of` can reach, and
/// the later ones whose latest day is by `until`; and the end of a minimum term still to
/// come. Each with the arithmetic of its latest day and what a day later would give.
///
/// ```
/// use accord::engine::rules::Rules;
/// use accord::engine::decisions::{deadlines, Target};
/// use accord::model::Effective;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let mut rules = Rules::notice("calendar-year", d(2015, 7, 1), Period::months(6));
/// rules.effective = Effective::EndOfCalendarYear;
/// // On 22 November 2026 the end of 2026 can no longer be reached (notice by 30 June).
/// let found = deadlines(&rules, d(2026, 11, 22), d(2027, 11, 22));
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].target, Target::EndOfYear(2027));
/// assert_eq!(found[0].latest.notice_date, d(2027, 6, 30));
/// assert_eq!(found[0].a_day_late, Some(d(2028, 12, 31)));
/// ```
pub fn deadlines(rules: &Rules, as_of: NaiveDate, until: NaiveDate) -> Vec<Deadline> {
    let mut out = Vec::new();
    let mut push = |target: Target, end: NaiveDate| {
        let Some(latest) = latest_notice(rules, end) else {
            return;
        };
        let a_day_late = latest.notice_date.succ_opt().and_then(|d| end_only(rules, d));
        out.push(Deadline {
            target,
            latest,
            a_day_late,
        });
    };
    for (k, w) in windows_from(rules, as_of).take(MAX_TERMS).enumerate() {
        if k > 0 && w.term_start > until {
            break;
        }
        let end = w.term_end;
        push(Target::Term(w), end);
    }
    if rules.notice.is_some() && rules.effective == Effective::EndOfCalendarYear {
        let mut found = 0;
        for year in as_of.year()..as_of.year().saturating_add(MAX_YEARS) {
            let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
                break;
            };
            match latest_notice_date(rules, end) {
                Some(d) if d > until && found > 0 => break,
                Some(d) if d >= as_of && end_only(rules, d) == Some(end) => {
                    push(Target::EndOfYear(year), end);
                    found += 1;
                }
                _ => {}
            }
        }
    }
    if let Some(m) = rules.minimum_end.filter(|m| *m >= as_of && rules.notice.is_some()) {
        let reachable = latest_notice_date(rules, m).filter(|d| *d >= as_of && end_only(rules, *d) == Some(m));
        if reachable.is_some() {
            push(Target::MinimumTerm, m);
        }
    }
    out.sort_by_key(|d| d.latest.notice_date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::examples::{d, renewing, rules};
    use crate::time::period::Period;

    #[test]
    fn deadlines_of_each_term_up_to_the_horizon() {
        let r = renewing();
        // The current term's window closes on 2026-12-30; the next term starts in the
        // horizon, the one after does not.
        let found = deadlines(&r, d(2026, 11, 22), d(2027, 11, 22));
        let got: Vec<_> = found
            .iter()
            .map(|x| match &x.target {
                Target::Term(w) => (w.term, x.latest.notice_date, x.latest.last_day_in_force, x.a_day_late),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                (5, d(2026, 12, 30), d(2027, 3, 30), Some(d(2028, 3, 30))),
                (6, d(2027, 12, 30), d(2028, 3, 30), Some(d(2029, 3, 30))),
            ]
        );
        assert!(found[0].latest.steps.iter().any(|s| s.contains("renewal term 5")));
        // A window that has closed is still the current term's.
        let closed = deadlines(&r, d(2027, 1, 5), d(2027, 2, 1));
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].latest.notice_date, d(2026, 12, 30));
    }

    #[test]
    fn deadline_of_a_minimum_term() {
        let mut r = rules(Some(Period::months(3)));
        r.minimum_end = Some(d(2027, 3, 30));
        let found = deadlines(&r, d(2026, 11, 22), d(2027, 11, 22));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, Target::MinimumTerm);
        // Every notice up to 30 December ends on the minimum term's last day.
        assert_eq!(found[0].latest.notice_date, d(2026, 12, 30));
        assert_eq!(found[0].a_day_late, Some(d(2027, 3, 31)));
        // Once it cannot be reached, it is no deadline.
        assert!(deadlines(&r, d(2026, 12, 31), d(2027, 11, 22)).is_empty());
    }
}
