//! The questions `accord terminate` answers beyond the end of one notice: the latest
//! day notice can be received to end an agreement by a date, found exactly by search
//! ([`latest_notice`]), and the notice windows of each term of a tacitly renewed
//! agreement ([`windows`]). Rules: domain.md §1–3.

use super::ends::{pending_notice, withdrawal};
use super::entry::{entry_into_force, EntryIntoForce};
use super::notice::{end_date, end_only, with_later_date, Outcome, Route};
use super::rules::{rules, scope, Options, Refusal, Rules};
use super::status::{status, surviving, State, Surviving};
use crate::model::{Agreement, Scope};
use crate::time::calendar::ROLL_LIMIT;
use chrono::{Days, NaiveDate};

/// What `accord terminate` is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// When does the agreement end if notice is received on this day (naming, where
    /// the clause allows, a later day for it to take effect)?
    Notice {
        received: NaiveDate,
        effective_on: Option<NaiveDate>,
    },
    /// By when must notice be received for it to have ended by this day?
    EndBy(NaiveDate),
    /// What is the first day notice may be received, and the end it gives?
    Earliest,
    /// What are its termination terms and notice windows?
    Terms,
}

/// The answer to a [`Question`]: the rules it rests on, the end (or the latest notice)
/// with every step of its computation, and the notice windows of the term current on
/// the as-of date and the two after it.
#[derive(Clone, Debug)]
pub struct Answer {
    pub question: Question,
    /// The day the answer is computed for.
    pub as_of: NaiveDate,
    pub rules: Rules,
    /// `None` when no notice can end the agreement by the day asked (or the date is
    /// outside the calendar).
    pub outcome: Option<Outcome>,
    /// `--end-by` whose latest notice day is before the as-of date: that day has passed.
    pub passed: bool,
    /// The end a notice received on the as-of date (or the first day notice may be
    /// received, if later) gives: when no day was asked about and no notice is on
    /// record, when the day asked about has passed, or when no notice can end the
    /// agreement by the day asked.
    pub end_if_notice_today: Option<Outcome>,
    /// A notice on record that already ends the agreement (or the party's participation).
    pub pending: Option<Pending>,
    /// The provisions that survive the end found, each with its last day.
    pub survives: Vec<Surviving>,
    /// Entry into force rests on the file author's assumption.
    pub assumed: bool,
    pub windows: Vec<Window>,
}

/// A notice on record, and the end it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub received: Option<NaiveDate>,
    pub last_day_in_force: NaiveDate,
    pub takes_effect_on: NaiveDate,
    pub reason: String,
}

impl Rules {
    /// The first day notice may be received: entry into force, or the end of the waiting
    /// period when the clause sets one.
    pub fn first_permissible(&self) -> NaiveDate {
        self.first_notice
            .as_ref()
            .map_or(self.start, |f| f.date.max(self.start))
    }
}

/// Answers `question` about `a` on `as_of`; `all` is the folder, for supersession.
///
/// # Errors
///
/// A [`Refusal`] when nothing can be computed: the agreement is not (or no longer) in
/// force, has no termination clause, the party may not give notice (or must be named),
/// the notice would precede entry into force or the first day notice is permitted, or a
/// later date it names is too early.
pub fn answer(
    a: &Agreement,
    all: &[Agreement],
    question: Question,
    as_of: NaiveDate,
    opts: &Options,
) -> Result<Answer, Refusal> {
    let on = match question {
        Question::Notice { received, .. } => received.max(as_of),
        _ => as_of,
    };
    still_in_force(a, all, on, opts)?;
    let rules = rules(a, on, opts)?;
    let first = rules.first_permissible();
    let mut answer = Answer {
        question,
        as_of,
        outcome: None,
        passed: false,
        end_if_notice_today: None,
        pending: pending(a, &rules, as_of),
        survives: Vec::new(),
        assumed: matches!(entry_into_force(a, on), EntryIntoForce::Since { assumed: true, .. }),
        windows: windows(&rules, as_of, 3),
        rules,
    };
    let rules = &answer.rules;
    match question {
        Question::Notice { received, effective_on } => {
            refuse_premature(a, rules, received)?;
            let outcome = end_date(rules, received);
            answer.outcome = match (outcome, effective_on) {
                (Some(o), Some(later)) => Some(with_later_date(rules, o, later)?),
                (o, _) => o,
            };
        }
        Question::EndBy(e) => {
            let today = end_date(rules, as_of.max(first));
            match latest_notice(rules, e) {
                Some(o) => {
                    if o.notice_date < as_of {
                        answer.passed = true;
                        answer.end_if_notice_today = today;
                    }
                    answer.outcome = Some(o);
                }
                // A fixed term that expires by then needs no notice: its expiry is the
                // answer (and nothing has passed).
                None => match end_date(rules, e).filter(|o| o.route == Route::Expiry && o.last_day_in_force <= e) {
                    Some(expiry) => answer.outcome = Some(expiry),
                    None => answer.end_if_notice_today = today,
                },
            }
        }
        Question::Earliest => answer.outcome = end_date(rules, as_of.max(first)),
        // No day asked about: what notice received today (or on the first day it is
        // permitted) would give.
        Question::Terms if answer.pending.is_none() => {
            answer.end_if_notice_today = end_date(rules, as_of.max(first));
        }
        Question::Terms => {}
    }
    if let Some(o) = &answer.outcome {
        answer.survives = surviving(a, o.last_day_in_force, NaiveDate::MIN);
    }
    Ok(answer)
}

/// Refuses an agreement (or a party's participation) that has already ended.
fn still_in_force(a: &Agreement, all: &[Agreement], on: NaiveDate, opts: &Options) -> Result<(), Refusal> {
    if let (Scope::WithdrawingParty, Some(party)) = (scope(a), &opts.by) {
        if let Some(w) = withdrawal(a, party, on).filter(|w| w.takes_effect_on <= on) {
            return Err(Refusal::NoLongerInForce {
                id: format!("{} for {}", a.id, a.party_label(party)),
                reason: w.reason,
            });
        }
        return Ok(());
    }
    let st = status(a, on, all);
    if matches!(st.state, State::Terminated | State::Superseded) {
        return Err(Refusal::NoLongerInForce {
            id: a.id.clone(),
            reason: st.reason,
        });
    }
    Ok(())
}

/// Refuses a notice before entry into force, or before the first day the clause permits.
fn refuse_premature(a: &Agreement, rules: &Rules, received: NaiveDate) -> Result<(), Refusal> {
    if received < rules.start {
        return Err(Refusal::NoticeBeforeEntryIntoForce {
            id: a.id.clone(),
            notice: received,
            start: rules.start,
        });
    }
    if let Some(f) = rules.first_notice.as_ref().filter(|f| received < f.date) {
        return Err(Refusal::PrematureNotice {
            id: a.id.clone(),
            notice: received,
            first: f.date,
            rule: f.rule.clone(),
        });
    }
    Ok(())
}

/// The notice on record that already ends what `rules` is about.
fn pending(a: &Agreement, rules: &Rules, as_of: NaiveDate) -> Option<Pending> {
    match &rules.withdrawing {
        Some(w) => withdrawal(a, &w.party, as_of).map(|w| Pending {
            received: None,
            last_day_in_force: w.last_day_in_force,
            takes_effect_on: w.takes_effect_on,
            reason: w.reason,
        }),
        None => pending_notice(a, as_of).map(|n| Pending {
            received: Some(n.received),
            last_day_in_force: n.last_day_in_force,
            takes_effect_on: n.takes_effect_on,
            reason: format!(
                "a notice by {} received {} already ends it: last day in force {}, termination takes effect on {}",
                a.party_label(&n.by),
                n.received,
                n.last_day_in_force,
                n.takes_effect_on
            ),
        }),
    }
}

/// The latest date notice can be received so that the agreement has ended on or
/// before `end_by`: the largest D with `end_date(D) ≤ end_by`, found by bisection over
/// days (end_date never decreases as D grows), never by subtracting a period, so that
/// `end(D) ≤ end_by < end(D + 1 day)`. `None` when even notice on the first day in
/// force ends it later, and when no notice is needed because a fixed term expires by
/// `end_by` (every day would do: there is no latest).
///
/// ```
/// use accord::engine::rules::Rules;
/// use accord::engine::terminate::latest_notice;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let rules = Rules::notice("x", d(2009, 1, 27), Period::months(6));
/// // Every day from 28 to 31 August ends on 28 February; the latest is 31 August.
/// assert_eq!(latest_notice(&rules, d(2027, 2, 28)).unwrap().notice_date, d(2026, 8, 31));
/// ```
pub fn latest_notice(rules: &Rules, end_by: NaiveDate) -> Option<Outcome> {
    end_date(rules, latest_notice_date(rules, end_by)?)
}

/// The date [`latest_notice`] finds, without computing its explanation.
pub fn latest_notice_date(rules: &Rules, end_by: NaiveDate) -> Option<NaiveDate> {
    let fits = |d: NaiveDate| end_only(rules, d).is_some_and(|e| e <= end_by);
    // Notice received after `end_by` can still end the agreement by then when a
    // roll-over moves the end back (preceding), by less than ROLL_LIMIT days; notice
    // that late ends it later, unless a fixed term expires by then on its own.
    let mut lo = rules.first_permissible();
    let mut hi = end_by.checked_add_days(Days::new(u64::from(ROLL_LIMIT)))?;
    if !fits(lo) || fits(hi) {
        return None;
    }
    // Invariant: fits(lo) and not fits(hi); each step halves the days between them,
    // fewer than 2^64.
    for _ in 0..u64::BITS {
        let span = (hi - lo).num_days().unsigned_abs();
        if span == 1 {
            return Some(lo);
        }
        let mid = lo.checked_add_days(Days::new(span / 2))?;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    None
}

/// The notice window of one term of a tacitly renewed agreement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    /// 0 for the initial term, k for the k-th renewal.
    pub term: u32,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    /// First day a notice of non-renewal counts for this term.
    pub opens: NaiveDate,
    /// Last day a notice of non-renewal can be received to end this term.
    pub closes: NaiveDate,
}

/// The windows of the term current on `as_of` and the `count - 1` terms after it.
pub fn windows(rules: &Rules, as_of: NaiveDate, count: usize) -> Vec<Window> {
    windows_from(rules, as_of).take(count).collect()
}

/// The windows of the term current on `as_of` and of every term after it, computed one
/// by one as they are asked for (at most a hundred terms without a window are skipped).
///
/// ```
/// use accord::engine::rules::{Rules, TermRules};
/// use accord::engine::terminate::windows_from;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let mut rules = Rules::notice("renewal-2020", d(2020, 3, 31), Period::months(3));
/// rules.notice = None;
/// let renewal = Some((Period::years(1), Period::months(3)));
/// rules.term = Some(TermRules { start: d(2020, 3, 31), length: Period::years(2), renewal, article: None });
/// let w: Vec<_> = windows_from(&rules, d(2022, 6, 1)).take(2).collect();
/// // Term 1 ends on 30 March 2023: notice by 30 December 2022, three months before.
/// assert_eq!((w[0].term, w[0].term_end, w[0].closes), (1, d(2023, 3, 30), d(2022, 12, 30)));
/// // Each window opens the day after the previous one closed.
/// assert_eq!((w[1].opens, w[1].closes), (d(2022, 12, 31), d(2023, 12, 30)));
/// ```
pub fn windows_from(rules: &Rules, as_of: NaiveDate) -> impl Iterator<Item = Window> + '_ {
    let term = rules.term.as_ref().filter(|t| t.renewal.is_some());
    let first = term.and_then(|t| t.first_ending_on_or_after(as_of));
    let mut k = first.map_or(0, |(k, _, _)| k);
    // The window of term k opens the day after the window of term k - 1 closes.
    let mut prev_close: Option<NaiveDate> = term
        .zip(k.checked_sub(1))
        .and_then(|(t, p)| t.term(p))
        .and_then(|(_, e)| latest_notice_date(rules, e));
    let mut skipped = 0;
    std::iter::from_fn(move || {
        let term = term.filter(|_| first.is_some())?;
        while skipped <= 100 {
            let (s, e) = term.term(k)?;
            let closes = latest_notice_date(rules, e);
            let opens = prev_close
                .and_then(|c| c.succ_opt())
                .unwrap_or(rules.start)
                .max(rules.first_permissible());
            k = k.checked_add(1)?;
            if let Some(c) = closes {
                prev_close = Some(c);
                if e >= as_of {
                    return Some(Window {
                        term: k - 1,
                        term_start: s,
                        term_end: e,
                        opens,
                        closes: c,
                    });
                }
            }
            skipped += 1;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::notice::Route;
    use crate::engine::rules::examples::{d, renewing, rules};
    use crate::engine::rules::TermRules;
    use crate::model::Effective;
    use crate::time::calendar::Roll;
    use crate::time::period::Period;

    #[test]
    fn tacit_renewal_counts_from_the_current_term() {
        // domain.md §1b: terms end 2022-03-30; three months' notice.
        let r = renewing();
        assert_eq!(end_date(&r, d(2021, 12, 30)).unwrap().last_day_in_force, d(2022, 3, 30));
        let late = end_date(&r, d(2021, 12, 31)).unwrap();
        assert_eq!(late.last_day_in_force, d(2023, 3, 30));
        assert_eq!(late.route, Route::NonRenewal { term: 1 });
        // Several renewals later, the window moved with each one.
        assert_eq!(end_date(&r, d(2025, 12, 30)).unwrap().last_day_in_force, d(2026, 3, 30));
        assert_eq!(end_date(&r, d(2025, 12, 31)).unwrap().last_day_in_force, d(2027, 3, 30));
        assert_eq!(
            end_date(&r, d(2025, 12, 31)).unwrap().route,
            Route::NonRenewal { term: 5 }
        );
        assert_eq!(latest_notice(&r, d(2027, 3, 30)).unwrap().notice_date, d(2026, 12, 30));
    }

    #[test]
    fn windows_move_with_each_renewal() {
        let r = renewing();
        let w = windows(&r, d(2022, 6, 1), 3);
        assert_eq!(
            w[0],
            Window {
                term: 1,
                term_start: d(2022, 3, 31),
                term_end: d(2023, 3, 30),
                opens: d(2021, 12, 31),
                closes: d(2022, 12, 30)
            }
        );
        assert_eq!(w[1].term_end, d(2024, 3, 30));
        assert_eq!(w[1].opens, d(2022, 12, 31));
        assert_eq!(w[2].closes, d(2024, 12, 30));
    }

    #[test]
    fn minimum_term_holds_early_notice() {
        let mut r = rules(Some(Period::months(3)));
        r.minimum_end = Some(d(2022, 3, 30));
        assert_eq!(end_date(&r, d(2020, 6, 1)).unwrap().last_day_in_force, d(2022, 3, 30));
        assert_eq!(end_date(&r, d(2022, 6, 1)).unwrap().last_day_in_force, d(2022, 9, 1));
    }

    #[test]
    fn end_of_calendar_year() {
        let mut r = rules(Some(Period::months(6)));
        r.effective = Effective::EndOfCalendarYear;
        assert_eq!(end_date(&r, d(2026, 6, 30)).unwrap().last_day_in_force, d(2026, 12, 31));
        assert_eq!(end_date(&r, d(2026, 7, 1)).unwrap().last_day_in_force, d(2027, 12, 31));
        assert_eq!(latest_notice(&r, d(2027, 6, 30)).unwrap().notice_date, d(2026, 6, 30));
    }

    #[test]
    fn fixed_term_without_renewal_expires() {
        let mut r = rules(Some(Period::months(1)));
        r.term = Some(TermRules {
            start: d(2020, 3, 31),
            length: Period::years(1),
            renewal: None,
            article: None,
        });
        let o = end_date(&r, d(2021, 3, 15)).unwrap();
        assert_eq!((o.last_day_in_force, o.route), (d(2021, 3, 30), Route::Expiry));
        assert_eq!(end_date(&r, d(2020, 4, 1)).unwrap().last_day_in_force, d(2020, 5, 1));
    }

    #[test]
    fn roll_over_applies_forward_only() {
        let mut r = rules(Some(Period::days(90)));
        r.roll = Some(Roll::Following);
        // 2026-11-22 + 90 days = Saturday 2027-02-20 → Monday 2027-02-22.
        let o = end_date(&r, d(2026, 11, 22)).unwrap();
        assert_eq!(o.last_day_in_force, d(2027, 2, 22));
        assert!(o.steps.iter().any(|s| s.contains("art. 3(4)")));
    }

    #[test]
    fn no_notice_date_fits_before_the_start() {
        let r = rules(Some(Period::months(6)));
        assert_eq!(latest_notice(&r, d(2020, 5, 1)), None);
        assert_eq!(latest_notice(&r, d(2019, 1, 1)), None);
    }
}
