//! The questions `accord terminate` answers beyond the end of one notice: the latest
//! day notice can be received to end an agreement by a date, found exactly by search
//! ([`latest_notice`]), and the notice windows of each term of a tacitly renewed
//! agreement ([`windows`]). Rules: domain.md §1–3.

use super::notice::{end_date, end_only, Outcome, Route};
use super::rules::{rules, Options, Refusal, Rules};
use super::status::{status, State};
use crate::model::Agreement;
use crate::time::calendar::ROLL_LIMIT;
use chrono::{Days, NaiveDate};

/// What `accord terminate` is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// When does the agreement end if notice is received on this day?
    Notice(NaiveDate),
    /// By when must notice be received for it to have ended by this day?
    EndBy(NaiveDate),
    /// What are its termination terms and notice windows?
    Terms,
}

/// The answer to a [`Question`]: the rules it rests on, the end (or the latest notice)
/// with every step of its computation, and the notice windows of the term current on
/// the as-of date and the two after it.
#[derive(Clone, Debug)]
pub struct Answer {
    pub question: Question,
    pub rules: Rules,
    /// `None` when no notice can end the agreement by the day asked (or the date is
    /// outside the calendar).
    pub outcome: Option<Outcome>,
    pub windows: Vec<Window>,
}

/// Answers `question` about `a` on `as_of`; `all` is the folder, for supersession.
///
/// # Errors
///
/// A [`Refusal`] when nothing can be computed: the agreement is not (or no longer) in
/// force, has no termination clause, the party may not give notice, or the notice
/// would precede entry into force.
pub fn answer(
    a: &Agreement,
    all: &[Agreement],
    question: Question,
    as_of: NaiveDate,
    opts: &Options,
) -> Result<Answer, Refusal> {
    let on = match question {
        Question::Notice(n) => n.max(as_of),
        _ => as_of,
    };
    let st = status(a, on, all);
    if matches!(st.state, State::Terminated | State::Superseded) {
        return Err(Refusal::NoLongerInForce {
            id: a.id.clone(),
            reason: st.reason,
        });
    }
    let rules = rules(a, on, opts)?;
    let outcome = match question {
        Question::Notice(n) if n < rules.start => {
            return Err(Refusal::NoticeBeforeEntryIntoForce {
                id: a.id.clone(),
                notice: n,
                start: rules.start,
            })
        }
        Question::Notice(n) => end_date(&rules, n),
        // A fixed term that expires by then needs no notice: its expiry is the answer.
        Question::EndBy(e) => latest_notice(&rules, e)
            .or_else(|| end_date(&rules, e).filter(|o| o.route == Route::Expiry && o.effective_date <= e)),
        Question::Terms => None,
    };
    let windows = windows(&rules, as_of, 3);
    Ok(Answer {
        question,
        rules,
        outcome,
        windows,
    })
}

/// The latest date notice can be received so that the agreement has ended on or
/// before `end_by`: the largest D with `end_date(D) ≤ end_by`, found by bisection over
/// days (end_date never decreases as D grows), never by subtracting a period, so that
/// `end(D) ≤ end_by < end(D + 1 day)`. `None` when even notice on the first day in
/// force ends it later, and when no notice is needed because a fixed term expires by
/// `end_by` (every day would do: there is no latest).
///
/// ```
/// use accord::engine::rules::{Basis, Rules};
/// use accord::engine::terminate::latest_notice;
/// use accord::model::Effective;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let rules = Rules {
///     agreement: "x".into(), start: d(2009, 1, 27), notice: Some(Period::months(6)),
///     basis: Basis::Clause, article: None, effective: Effective::EndOfNotice,
///     minimum_end: None, term: None, roll: None, holidays: vec![],
/// };
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
    let mut lo = rules.start;
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
    let Some(term) = &rules.term else { return Vec::new() };
    if term.renewal.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let Some((k, _, _)) = term.first_ending_on_or_after(as_of) else {
        return out;
    };
    // The window of term k opens the day after the window of term k - 1 closes.
    let mut prev_close: Option<NaiveDate> = k
        .checked_sub(1)
        .and_then(|p| term.term(p))
        .and_then(|(_, e)| latest_notice_date(rules, e));
    // A term whose notice period cannot fit has no window; look a hundred terms on.
    let last = k
        .saturating_add(u32::try_from(count).unwrap_or(u32::MAX))
        .saturating_add(100);
    for k in k..=last {
        if out.len() == count {
            break;
        }
        let Some((s, e)) = term.term(k) else { break };
        let closes = latest_notice_date(rules, e);
        let opens = prev_close.and_then(|c| c.succ_opt()).unwrap_or(rules.start);
        if let Some(c) = closes {
            if e >= as_of {
                out.push(Window {
                    term: k,
                    term_start: s,
                    term_end: e,
                    opens,
                    closes: c,
                });
            }
            prev_close = Some(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::notice::Route;
    use crate::engine::rules::{Basis, TermRules};
    use crate::model::Effective;
    use crate::time::calendar::Roll;
    use crate::time::period::Period;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules(notice: Option<Period>) -> Rules {
        Rules {
            agreement: "t".into(),
            start: d(2020, 3, 31),
            notice,
            basis: Basis::Clause,
            article: None,
            effective: Effective::EndOfNotice,
            minimum_end: None,
            term: None,
            roll: None,
            holidays: vec![],
        }
    }

    fn renewing() -> Rules {
        let mut r = rules(None);
        r.term = Some(TermRules {
            start: d(2020, 3, 31),
            length: Period::years(2),
            renewal: Some((Period::years(1), Period::months(3))),
            article: None,
        });
        r
    }

    #[test]
    fn tacit_renewal_counts_from_the_current_term() {
        // domain.md §1b: terms end 2022-03-30; three months' notice.
        let r = renewing();
        assert_eq!(end_date(&r, d(2021, 12, 30)).unwrap().effective_date, d(2022, 3, 30));
        let late = end_date(&r, d(2021, 12, 31)).unwrap();
        assert_eq!(late.effective_date, d(2023, 3, 30));
        assert_eq!(late.route, Route::NonRenewal { term: 1 });
        // Several renewals later, the window moved with each one.
        assert_eq!(end_date(&r, d(2025, 12, 30)).unwrap().effective_date, d(2026, 3, 30));
        assert_eq!(end_date(&r, d(2025, 12, 31)).unwrap().effective_date, d(2027, 3, 30));
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
        assert_eq!(end_date(&r, d(2020, 6, 1)).unwrap().effective_date, d(2022, 3, 30));
        assert_eq!(end_date(&r, d(2022, 6, 1)).unwrap().effective_date, d(2022, 9, 1));
    }

    #[test]
    fn end_of_calendar_year() {
        let mut r = rules(Some(Period::months(6)));
        r.effective = Effective::EndOfCalendarYear;
        assert_eq!(end_date(&r, d(2026, 6, 30)).unwrap().effective_date, d(2026, 12, 31));
        assert_eq!(end_date(&r, d(2026, 7, 1)).unwrap().effective_date, d(2027, 12, 31));
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
        assert_eq!((o.effective_date, o.route), (d(2021, 3, 30), Route::Expiry));
        assert_eq!(end_date(&r, d(2020, 4, 1)).unwrap().effective_date, d(2020, 5, 1));
    }

    #[test]
    fn roll_over_applies_forward_only() {
        let mut r = rules(Some(Period::days(90)));
        r.roll = Some(Roll::Following);
        // 2026-11-22 + 90 days = Saturday 2027-02-20 → Monday 2027-02-22.
        let o = end_date(&r, d(2026, 11, 22)).unwrap();
        assert_eq!(o.effective_date, d(2027, 2, 22));
        assert!(o.steps.iter().any(|s| s.contains("art. 3(4)")));
    }

    #[test]
    fn no_notice_date_fits_before_the_start() {
        let r = rules(Some(Period::months(6)));
        assert_eq!(latest_notice(&r, d(2020, 5, 1)), None);
        assert_eq!(latest_notice(&r, d(2019, 1, 1)), None);
    }
}
