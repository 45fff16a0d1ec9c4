//! When each obligation is next due: a one-off's deadline; a recurring obligation one
//! interval after its last recorded performance, or, with none, its next occurrence from
//! its anchor (`first`, `from`, or the start of the agreement's application); and, after
//! termination, the obligations of the articles that survive it, until they lapse.

use super::items::{Builder, Step};
use super::{Item, Kind};
use crate::engine::status::Surviving;
use crate::model::*;
use crate::time::calendar::{next_occurrence, occurrence, period_end};
use crate::time::period::Period;
use chrono::{Datelike, NaiveDate};

/// The day the agreement started to apply, and what that was: "entry into force".
pub(super) type Start = (NaiveDate, &'static str);

/// The next item of every obligation of the agreement, applied since `since` and
/// ending after `ends` (its last day in force), if known.
pub(super) fn due(b: &Builder, since: Start, ends: Option<NaiveDate>) -> Vec<Item> {
    b.a.obligations.iter().filter_map(|o| next(b, o, since, ends)).collect()
}

/// After termination, the obligations of the surviving articles, until each lapses.
pub(super) fn surviving(b: &Builder, since: Start, survives: &[Surviving]) -> Vec<Item> {
    b.a.obligations
        .iter()
        .filter_map(|o| {
            let cited = o.article.as_deref()?;
            let s = survives.iter().find(|s| s.articles.iter().any(|n| cites(cited, n)))?;
            let mut item = next(b, o, since, Some(s.until))?;
            if !item.explanation.is_empty() {
                item.explanation.push_str(&format!(
                    "; {} survives termination until {}{}",
                    cited,
                    s.until,
                    cite(s.article.as_deref())
                ));
            }
            Some(item)
        })
        .collect()
}

/// The next occurrence of an obligation, unless it was performed (one-off), has no
/// schedule (standing) or falls after `ends`.
fn next(b: &Builder, o: &Obligation, since: Start, ends: Option<NaiveDate>) -> Option<Item> {
    let last =
        b.a.events
            .iter()
            .filter(|e| e.kind == EventKind::Performed && e.obligation.as_deref() == Some(&o.id) && e.date <= b.as_of)
            .map(|e| e.date)
            .max();
    let mut step = Step::new(Kind::Obligation, o.id.clone(), o.parties.clone(), o.text.clone());
    let anchored = match &o.schedule {
        Schedule::Standing => return None,
        Schedule::Once { .. } if last.is_some() => return None,
        Schedule::Once { due } => {
            step.date = *due;
            step.explanation =
                b.explain(|| due.map_or("no deadline in the text".to_string(), |d| format!("due on {d}")));
            false
        }
        Schedule::Every { period, from, first } => {
            let next = next_due(b, *period, *from, *first, since, last)?;
            step.date = Some(next.date);
            step.occurrence = Some(next.occurrence);
            step.explanation = next.explanation;
            from.is_none() && first.is_none() && last.is_none()
        }
    };
    if step.date.zip(ends).is_some_and(|(d, end)| d > end) {
        return None;
    }
    step.article = o.article.clone();
    step.modality = o.modality;
    step.condition = o.condition.clone();
    step.lead = o.lead;
    if o.assumed {
        step.assumptions.push("interval");
    }
    if anchored {
        b.on_entry_into_force(&mut step);
    }
    Some(b.item(step))
}

/// A recurring obligation's next date, the occurrence it is, and why.
struct Next {
    date: NaiveDate,
    occurrence: u32,
    explanation: String,
}

/// One interval after the last performance; or, with none recorded, the next occurrence
/// on or after the as-of date from the first due date the text names, else from the
/// anchor (`from`, or `since`: entry into force or the start of provisional application).
fn next_due(
    b: &Builder,
    period: Period,
    from: Option<NaiveDate>,
    first: Option<NaiveDate>,
    (since, since_what): Start,
    last: Option<NaiveDate>,
) -> Option<Next> {
    let anchor = from.unwrap_or(since);
    if let Some(l) = last {
        let next = period_end(l, period)?;
        let occurrence = performed_occurrence(first.unwrap_or(anchor), period, l, first.is_some()) + 1;
        return Some(Next {
            date: next.date,
            occurrence,
            explanation: b.explain(|| format!("every {period} from the last performance: {next}")),
        });
    }
    if let Some(f) = first {
        if f >= b.as_of {
            return Some(Next {
                date: f,
                occurrence: 1,
                explanation: b
                    .explain(|| format!("first due on {f}, the date the text names; every {period} after it")),
            });
        }
        let (k, next) = next_occurrence(f, period, b.as_of)?;
        let month_end = month_end(period, f, next);
        return Some(Next {
            date: next,
            occurrence: k + 1,
            explanation: b.explain(|| format!("first due on {f}, the date the text names; occurrence {}: {f} + {k} × {period} → {next}{month_end}; no performance recorded", k + 1)),
        });
    }
    let anchor_why = if from.is_some() { "its `from` date" } else { since_what };
    let (k, next) = next_occurrence(anchor, period, b.as_of)?;
    debug_assert_eq!(occurrence(anchor, period, k), Some(next));
    let month_end = month_end(period, anchor, next);
    Some(Next {
        date: next,
        occurrence: k,
        explanation: b.explain(|| format!("every {period} from {anchor} ({anchor_why}); occurrence {k}: {anchor} + {k} × {period} → {next}{month_end}; no performance recorded")),
    })
}

/// The number of the occurrence a performance on `day` fulfils: the scheduled one
/// nearest to it (the earlier on a tie), so that a meeting held a little late or early
/// still counts as that year's. Occurrences are `base + k × period`, numbered `k + 1`
/// from the first due date the text names (`from_first`), else `k` from the anchor.
fn performed_occurrence(base: NaiveDate, period: Period, day: NaiveDate, from_first: bool) -> u32 {
    let offset = u32::from(from_first);
    let lowest = if from_first { 0 } else { 1 };
    let Some((k, after)) = next_occurrence(base, period, day) else {
        return lowest + offset;
    };
    let before = k
        .checked_sub(1)
        .filter(|j| *j >= lowest)
        .and_then(|j| occurrence(base, period, j).map(|d| (j, d)));
    let nearest = match before {
        Some((j, d)) if day <= d || (day - d) <= (after - day) => j,
        _ => k,
    };
    // A day before the first occurrence fulfils the first.
    let nearest = if day <= base { lowest } else { nearest };
    nearest + offset
}

/// ", the last day of the month (…)" when the month-end rule moved the day.
fn month_end(period: Period, anchor: NaiveDate, next: NaiveDate) -> &'static str {
    if period.has_months() && next.day() != anchor.day() {
        ", the last day of the month (Reg. 1182/71 art. 3(2)(c))"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_or_early_performance_counts_for_the_nearest_occurrence() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let q = Period::months(3);
        // Quarterly from 2026-01-31: 1 → 04-30, 2 → 07-31, 3 → 10-31.
        assert_eq!(performed_occurrence(d("2026-01-31"), q, d("2026-07-31"), false), 2);
        assert_eq!(performed_occurrence(d("2026-01-31"), q, d("2026-08-20"), false), 2);
        assert_eq!(performed_occurrence(d("2026-01-31"), q, d("2026-07-10"), false), 2);
        assert_eq!(performed_occurrence(d("2026-01-31"), q, d("2026-02-10"), false), 1);
        // From a first due date, which is occurrence 1.
        assert_eq!(
            performed_occurrence(d("2021-12-31"), Period::years(1), d("2022-01-15"), true),
            1
        );
        assert_eq!(
            performed_occurrence(d("2021-12-31"), Period::years(1), d("2022-12-20"), true),
            2
        );
        // So late that no occurrence follows it in the calendar: the first, numbered 1
        // either way.
        assert_eq!(performed_occurrence(d("2026-01-31"), q, NaiveDate::MAX, false), 1);
        assert_eq!(
            performed_occurrence(d("2021-06-30"), Period::years(1), NaiveDate::MAX, true),
            1
        );
    }
}
