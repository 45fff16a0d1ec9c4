//! The end of a notice: the last day in force, and the day termination (or withdrawal)
//! takes effect, when notice of termination or of non-renewal is received on a date, by
//! whichever route the rules give (domain.md §1, §1b, §2b), each step explained with its
//! rule; and a later date named in the notice.

use super::refusal::Refusal;
use super::rules::{Basis, Rules};
use crate::model::*;
use crate::time::calendar::{self, period_end, shift};
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

/// The end a notice gives, with its explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The day the notice was received (VCLT art. 78).
    pub notice_date: NaiveDate,
    /// The last day the agreement (or the party's participation) binds.
    pub last_day_in_force: NaiveDate,
    /// The first day it no longer binds: the day termination or withdrawal takes effect.
    pub takes_effect_on: NaiveDate,
    pub route: Route,
    /// The notice period that applied.
    pub period: Option<Period>,
    /// One line per step of the computation, each citing its rule.
    pub steps: Vec<String>,
}

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

/// The last day of the notice period that starts with receipt on `notice`, counted as
/// the clause says (Reg. 1182/71, or to the anniversary) and rolled off a non-working
/// day when a convention applies (Reg. 1182/71 art. 3(4)).
fn notice_end(rules: &Rules, notice: NaiveDate, period: Period, steps: &mut Steps) -> Option<NaiveDate> {
    let mut end = match rules.counting {
        Counting::EndOfPeriod => {
            let pe = period_end(notice, period)?;
            steps.say(|| format!("notice period: {pe}"));
            pe.date
        }
        Counting::Anniversary => {
            let anniversary = shift(notice, period)?;
            let last = anniversary.pred_opt()?;
            steps.say(|| {
                format!(
                    "notice period counted to the anniversary (`counting: anniversary`, the practice of the UN Secretary-General as depositary): {notice} + {period} → {anniversary}, the same calendar date, on which it takes effect; the last day is {last}"
                )
            });
            last
        }
    };
    match rules.roll {
        Some(r) => {
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
        None if !calendar::is_working_day(end, &[]) => steps.say(|| {
            format!(
                "{end} is a {}; no roll-over applies (neither the agreement nor --roll asks for Reg. 1182/71 art. 3(4)), so the period ends on it",
                end.format("%A")
            )
        }),
        None => {}
    }
    Some(end)
}

/// The end if notice is received on `notice_date`: the earliest end that any available
/// route gives (domain.md §1, §1b). `None` only outside the calendar.
///
/// ```
/// use accord::engine::notice::end_date;
/// use accord::engine::rules::Rules;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let rules = Rules::notice("eco-iom-2009", d(2009, 1, 27), Period::months(6));
/// // 31 August + six months: there is no 31 February.
/// let end = end_date(&rules, d(2026, 8, 31)).unwrap();
/// assert_eq!((end.last_day_in_force, end.takes_effect_on), (d(2027, 2, 28), d(2027, 3, 1)));
/// ```
pub fn end_date(rules: &Rules, notice_date: NaiveDate) -> Option<Outcome> {
    compute(rules, notice_date, true)
}

/// The last day in force for notice on `notice_date`, without the explanation.
pub fn end_only(rules: &Rules, notice_date: NaiveDate) -> Option<NaiveDate> {
    compute(rules, notice_date, false).map(|o| o.last_day_in_force)
}

/// The end when the notice names a later day for it to take effect ("or on such later
/// date as may be specified in the notification"): that day, if the clause allows a
/// later date and it is not before the computed one.
///
/// # Errors
///
/// [`Refusal::LaterDateNotAllowed`] when the clause has no such words, and
/// [`Refusal::LaterDateTooEarly`] when `requested` is before the day the notice takes
/// effect anyway.
pub fn with_later_date(rules: &Rules, mut outcome: Outcome, requested: NaiveDate) -> Result<Outcome, Refusal> {
    if !rules.later_date {
        return Err(Refusal::LaterDateNotAllowed {
            id: rules.agreement.clone(),
            article: cite(rules.article.as_deref()),
        });
    }
    if requested < outcome.takes_effect_on {
        return Err(Refusal::LaterDateTooEarly {
            id: rules.agreement.clone(),
            notice: outcome.notice_date,
            requested,
            computed: outcome.takes_effect_on,
            rule: format!(
                "{} clause{}",
                if rules.withdrawing.is_some() {
                    "withdrawal"
                } else {
                    "termination"
                },
                cite(rules.article.as_deref())
            ),
        });
    }
    if requested > outcome.takes_effect_on {
        let last = requested.pred_opt().unwrap_or(requested);
        let computed = outcome.takes_effect_on;
        outcome.steps.pop();
        outcome.steps.push(format!(
            "the notice names a later date, {requested}, as the clause allows (`later_date: allowed`{}); it is after {computed}, the earliest day the notice could take effect, so it takes effect on {requested}",
            cite(rules.article.as_deref())
        ));
        outcome.last_day_in_force = last;
        outcome.takes_effect_on = requested;
        outcome.steps.push(last_step(rules, &outcome));
    }
    Ok(outcome)
}

/// The expiry of a fixed term that is not renewed, whatever notice may do earlier: its
/// last day in force and the day after, on which it no longer binds, explained. `None`
/// without such a term.
///
/// ```
/// use accord::engine::notice::expiry;
/// use accord::engine::rules::{Rules, TermRules};
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let mut rules = Rules::notice("fixed-term", d(2024, 2, 29), Period::months(1));
/// rules.notice = None;
/// rules.term = Some(TermRules { start: d(2024, 2, 29), length: Period::years(3), renewal: None, article: None });
/// // 29 February + 3 years is 28 February 2027 (no 29th); the term ends the day before.
/// let o = expiry(&rules).unwrap();
/// assert_eq!((o.last_day_in_force, o.takes_effect_on), (d(2027, 2, 27), d(2027, 2, 28)));
/// ```
pub fn expiry(rules: &Rules) -> Option<Outcome> {
    let start = rules.term.as_ref()?.start;
    let mut o = by_expiry(rules, start, true)?;
    o.takes_effect_on = o.last_day_in_force.succ_opt()?;
    o.steps.push(last_step(rules, &o));
    Some(o)
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
        if o.last_day_in_force < best.last_day_in_force {
            o
        } else {
            best
        }
    })?;
    best.takes_effect_on = best.last_day_in_force.succ_opt()?;
    if explain {
        best.steps.push(last_step(rules, &best));
    }
    Some(best)
}

/// "the agreement is in force up to and including …, its last day; termination takes
/// effect on …", or the same of a party's participation.
fn last_step(rules: &Rules, o: &Outcome) -> String {
    match &rules.withdrawing {
        Some(w) => format!(
            "the agreement binds {} up to and including {}, the last day of its participation; the withdrawal takes effect on {}, and the agreement stays in force for the other parties",
            w.label, o.last_day_in_force, o.takes_effect_on
        ),
        None => format!(
            "the agreement is in force up to and including {}, its last day; termination takes effect on {}",
            o.last_day_in_force, o.takes_effect_on
        ),
    }
}

/// An outcome whose `takes_effect_on` is set by [`compute`].
fn outcome(notice_date: NaiveDate, last: NaiveDate, route: Route, period: Option<Period>, steps: Steps) -> Outcome {
    Outcome {
        notice_date,
        last_day_in_force: last,
        takes_effect_on: last,
        route,
        period,
        steps: steps.lines,
    }
}

/// "notice received … (a notice counts from its receipt, VCLT art. 78; received by
/// the depositary)".
fn received(rules: &Rules, what: &str, notice_date: NaiveDate) -> String {
    let by = rules
        .withdrawing
        .as_ref()
        .map(|w| format!(" of {}'s withdrawal", w.label))
        .unwrap_or_default();
    let receiver = rules
        .depositary
        .as_ref()
        .map(|d| format!(" by the depositary, the {d}"))
        .unwrap_or_default();
    format!(
        "{what}{by} received {notice_date} (a notice counts from its receipt{receiver}, {})",
        vclt("78", rules.vclt_1986)
    )
}

/// Termination by notice at any time: the notice period, then the end of the calendar
/// year and the minimum term where the clauses say so.
fn by_notice(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let period = rules.notice?;
    let mut steps = Steps::new(explain);
    steps.say(|| received(rules, "notice", notice_date));
    steps.say(|| match rules.basis {
        Basis::Clause => format!(
            "{} clause{}: {} notice",
            if rules.withdrawing.is_some() {
                "withdrawal"
            } else {
                "termination"
            },
            cite(rules.article.as_deref()),
            period.possessive()
        ),
        Basis::Assumed => format!(
            "no termination clause; assumed twelve months' notice ({})",
            rules.article.as_deref().unwrap_or("VCLT art. 56(2)")
        ),
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
    Some(outcome(notice_date, end, Route::Notice, Some(period), steps))
}

/// Notice of non-renewal of a tacitly renewed term: the first term whose last day the
/// notice period reaches in time (domain.md §1b).
fn by_non_renewal(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let term = rules.term.as_ref()?;
    let (renewal, n) = term.renewal?;
    let mut steps = Steps::new(explain);
    steps.say(|| received(rules, "notice of non-renewal", notice_date));
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
    Some(outcome(notice_date, end, Route::NonRenewal { term: k }, Some(n), steps))
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
    Some(outcome(notice_date, e, Route::Expiry, None, steps))
}
