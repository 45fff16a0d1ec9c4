//! The end of a notice: the last day in force when notice of termination or of
//! non-renewal is received on a date, by whichever route the rules give (domain.md §1,
//! §1b), each step explained with its rule; and the notice on record, if any, that is
//! ending the agreement (VCLT arts. 68, 78).

use super::rules::{rules, Basis, Options, Rules};
use crate::model::*;
use crate::time::calendar::{self, period_end};
use crate::time::period::Period;
use chrono::NaiveDate;

/// How the end date came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Notice of termination; the agreement ends when the notice period ends.
    Notice,
    /// Notice of non-renewal; the agreement ends at the end of term `term` (0 = initial).
    NonRenewal { term: u32 },
    /// A fixed term that is not renewed ends by itself.
    Expiry,
}

/// The effective date of a notice, with its explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub notice_date: NaiveDate,
    /// The last day the agreement is in force.
    pub effective_date: NaiveDate,
    pub route: Route,
    /// The notice period that applied.
    pub period: Option<Period>,
    /// One line per step of the computation, each citing its rule.
    pub steps: Vec<String>,
}

/// The end of the notice period that starts with receipt on `notice`, rolled off a
/// non-working day when a convention applies (Reg. 1182/71 art. 3(4)).
/// Explanation lines, collected only when asked for: the searches behind `--end-by`
/// and the notice windows evaluate the end date dozens of times and need no words.
struct Steps {
    on: bool,
    lines: Vec<String>,
}

impl Steps {
    fn new(on: bool) -> Steps {
        Steps { on, lines: Vec::new() }
    }
    fn say(&mut self, line: impl FnOnce() -> String) {
        if self.on {
            self.lines.push(line());
        }
    }
}

fn notice_end(rules: &Rules, notice: NaiveDate, period: Period, steps: &mut Steps) -> Option<NaiveDate> {
    let pe = period_end(notice, period)?;
    steps.say(|| format!("notice period: {pe}"));
    let mut end = pe.date;
    if let Some(r) = rules.roll {
        let rolled = calendar::roll(end, r, &rules.holidays)?;
        if rolled != end {
            steps.say(|| {
                format!(
                    "{end} is not a working day; rolled to {rolled} ({} convention, Reg. 1182/71 art. 3(4))",
                    r.name()
                )
            });
            end = rolled;
        }
    }
    Some(end)
}

/// The last day in force if notice is received on `notice_date`: the earliest end that
/// any available route gives (domain.md §1, §1b). `None` only outside the calendar.
///
/// ```
/// use accord::engine::notice::end_date;
/// use accord::engine::rules::{Basis, Rules};
/// use accord::model::Effective;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let rules = Rules {
///     agreement: "eco-iom-2009".into(), start: d(2009, 1, 27), notice: Some(Period::months(6)),
///     basis: Basis::Clause, article: Some("Art. IX(3)".into()), effective: Effective::EndOfNotice,
///     minimum_end: None, term: None, roll: None, holidays: vec![],
/// };
/// // 31 August + six months: there is no 31 February.
/// assert_eq!(end_date(&rules, d(2026, 8, 31)).unwrap().effective_date, d(2027, 2, 28));
/// ```
pub fn end_date(rules: &Rules, notice_date: NaiveDate) -> Option<Outcome> {
    compute(rules, notice_date, true)
}

/// The last day in force for notice on `notice_date`, without the explanation.
pub fn end_only(rules: &Rules, notice_date: NaiveDate) -> Option<NaiveDate> {
    compute(rules, notice_date, false).map(|o| o.effective_date)
}

/// The earliest end any route gives: notice at any time, non-renewal at the end of a
/// term, or a fixed term's expiry. `explain` collects the steps of the answer.
fn compute(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let routes = [
        by_notice(rules, notice_date, explain),
        by_non_renewal(rules, notice_date, explain),
        by_expiry(rules, notice_date, explain),
    ];
    // A route that applies but gives no end (outside the calendar, or a roll-over that
    // finds no working day) leaves the end unknown: another route's end could be later.
    let term = rules.term.as_ref();
    let applies = [
        rules.notice.is_some(),
        term.is_some_and(|t| t.renewal.is_some()),
        term.is_some_and(|t| t.renewal.is_none()),
    ];
    if applies
        .iter()
        .zip(&routes)
        .any(|(applies, route)| *applies && route.is_none())
    {
        return None;
    }
    let mut best = routes.into_iter().flatten().reduce(|best, o| {
        if o.effective_date < best.effective_date {
            o
        } else {
            best
        }
    })?;
    if explain {
        let last = format!(
            "the agreement is in force up to and including {}, its last day",
            best.effective_date
        );
        best.steps.push(last);
    }
    Some(best)
}

/// Termination by notice at any time: the notice period, then the end of the calendar
/// year and the minimum term where the clauses say so.
fn by_notice(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let period = rules.notice?;
    let mut steps = Steps::new(explain);
    steps.say(|| format!("notice received {notice_date} (a notice counts from its receipt, VCLT art. 78)"));
    steps.say(|| match rules.basis {
        Basis::Clause => format!(
            "termination clause{}: {} notice",
            cite(rules.article.as_deref()),
            period.possessive()
        ),
        Basis::Assumed => "no termination clause; assumed twelve months' notice (VCLT art. 56(2))".to_string(),
    });
    let mut end = notice_end(rules, notice_date, period, &mut steps)?;
    if rules.effective == Effective::EndOfCalendarYear {
        let eoy = calendar::end_of_year(end);
        steps.say(|| format!("effective at the end of the calendar year in which the notice period ends → {eoy}"));
        end = eoy;
    }
    if let Some(m) = rules.minimum_end.filter(|m| end < *m) {
        steps.say(|| format!("the minimum term runs to {m}; notice cannot take effect before → {m}"));
        end = m;
    }
    Some(Outcome {
        notice_date,
        effective_date: end,
        route: Route::Notice,
        period: Some(period),
        steps: steps.lines,
    })
}

/// Notice of non-renewal of a tacitly renewed term: the first term whose last day the
/// notice period reaches in time (domain.md §1b).
fn by_non_renewal(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let term = rules.term.as_ref()?;
    let (renewal, n) = term.renewal?;
    let mut steps = Steps::new(explain);
    steps.say(|| {
        format!("notice of non-renewal received {notice_date} (a notice counts from its receipt, VCLT art. 78)")
    });
    steps.say(|| {
        format!(
            "non-renewal clause{}: {} notice before the end of the current term",
            cite(term.article.as_deref()),
            n.possessive()
        )
    });
    let pe_end = notice_end(rules, notice_date, n, &mut steps)?;
    let (k, s, e) = term.first_ending_on_or_after(pe_end.max(notice_date))?;
    steps.say(|| {
        let which = if k == 0 {
            "the initial term".to_string()
        } else {
            format!("renewal term {k}")
        };
        format!(
            "the notice period must end on or before the last day of the current term; the first term it can end is {which}, {s} to {e} (initial term {} from {}, renewed tacitly for {renewal} each time)",
            term.length, term.start
        )
    });
    let mut end = e;
    if let Some(m) = rules.minimum_end.filter(|m| end < *m) {
        steps.say(|| format!("the minimum term runs to {m} → {m}"));
        end = m;
    }
    Some(Outcome {
        notice_date,
        effective_date: end,
        route: Route::NonRenewal { term: k },
        period: Some(n),
        steps: steps.lines,
    })
}

/// A fixed term that is not renewed expires without notice.
fn by_expiry(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let term = rules.term.as_ref().filter(|t| t.renewal.is_none())?;
    let (s, e) = term.term(0)?;
    let mut steps = Steps::new(explain);
    steps.say(|| {
        format!(
            "fixed term of {} from {s}, not renewed: it expires on {e} without notice",
            term.length
        )
    });
    Some(Outcome {
        notice_date,
        effective_date: e,
        route: Route::Expiry,
        period: None,
        steps: steps.lines,
    })
}

/// A notice of termination on record and not revoked before it took effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub by: String,
    pub received: NaiveDate,
    /// The last day in force.
    pub end: NaiveDate,
}

/// The earliest-ending notice given by `as_of` and not revoked (VCLT art. 68) before
/// its end date.
pub fn pending_notice(a: &Agreement, as_of: NaiveDate) -> Option<Notice> {
    let given: Vec<&Event> = a
        .events
        .iter()
        .filter(|e| e.kind == EventKind::NoticeGiven && e.date <= as_of)
        .collect();
    if given.is_empty() {
        return None;
    }
    let rules = rules(a, as_of, &Options::default()).ok();
    let mut best: Option<Notice> = None;
    for e in given {
        let Some(by) = &e.by else { continue };
        let end = rules
            .as_ref()
            .and_then(|r| end_date(r, e.date))
            .map(|o| o.effective_date);
        let Some(end) = end else { continue };
        let revoked = a.events.iter().any(|r| {
            r.kind == EventKind::NoticeRevoked
                && r.by.as_ref() == Some(by)
                && r.date >= e.date
                && r.date <= end
                && r.date <= as_of
        });
        if revoked {
            continue;
        }
        if best.as_ref().is_none_or(|b| end < b.end) {
            best = Some(Notice {
                by: by.clone(),
                received: e.date,
                end,
            });
        }
    }
    best
}
