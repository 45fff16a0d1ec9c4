//! The termination engine: when an agreement ends if notice is received on a date,
//! the latest date notice can be received to end it by a date, and the notice
//! windows of fixed terms with tacit renewal. Rules: domain.md §1–3; the one function
//! [`end_date`] answers both directions, [`latest_notice`] searches it exactly.

use crate::model::*;
use crate::time::calendar::{self, period_end, term_last_day, Roll};
use crate::time::period::Period;
use chrono::{Days, NaiveDate};

/// Where the notice period comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The agreement's own termination clause.
    Clause,
    /// VCLT art. 56(2)'s twelve months, opted in by the file or the user.
    Assumed,
}

/// Choices the user makes on the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--assume-vclt56`: compute with twelve months when there is no clause.
    pub assume_vclt56: bool,
    /// `--roll`: overrides the agreement's `termination.roll`.
    pub roll: Option<Roll>,
    /// `--by`: the party giving notice.
    pub by: Option<String>,
}

/// Everything the computation needs, resolved from the agreement's clauses.
#[derive(Clone, Debug)]
pub struct Rules {
    pub agreement: String,
    /// First day in force.
    pub start: NaiveDate,
    /// Termination by notice at any time.
    pub notice: Option<Period>,
    pub basis: Basis,
    pub article: Option<String>,
    pub effective: Effective,
    /// Last day of the minimum term.
    pub minimum_end: Option<NaiveDate>,
    pub term: Option<TermRules>,
    pub roll: Option<Roll>,
    pub holidays: Vec<NaiveDate>,
}

/// A fixed term, and its tacit renewal if any.
#[derive(Clone, Debug)]
pub struct TermRules {
    pub start: NaiveDate,
    pub length: Period,
    /// `(renewal term, notice of non-renewal)`.
    pub renewal: Option<(Period, Period)>,
    pub article: Option<String>,
}

impl TermRules {
    /// First and last day of term `k` (0 = the initial term), computed from the
    /// anchor so that renewals never drift (domain.md §1b).
    pub fn term(&self, k: u32) -> Option<(NaiveDate, NaiveDate)> {
        if k == 0 {
            return Some((self.start, term_last_day(self.start, self.length)?));
        }
        let (r, _) = self.renewal?;
        let first_renewal = calendar::shift(self.start, self.length)?;
        let s = calendar::occurrence(first_renewal, r, k - 1)?;
        let e = calendar::occurrence(first_renewal, r, k)?.pred_opt()?;
        Some((s, e))
    }
}

impl TermRules {
    /// The first term (index, first day, last day) whose last day is on or after `date`,
    /// found from an estimate rather than by walking every term since the first.
    pub fn first_ending_on_or_after(&self, date: NaiveDate) -> Option<(u32, NaiveDate, NaiveDate)> {
        let (s0, e0) = self.term(0)?;
        if e0 >= date {
            return Some((0, s0, e0));
        }
        let (r, _) = self.renewal?;
        // `approx_days` never undercounts a period, so the estimate never overshoots.
        let gap = (date - e0).num_days().max(0) as u64;
        let mut k = (gap / r.approx_days().max(1)).max(1) as u32;
        loop {
            let (s, e) = self.term(k)?;
            if e >= date {
                return Some((k, s, e));
            }
            k = k.checked_add(1)?;
        }
    }
}

/// Why the engine will not compute.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{0} has no termination clause; under VCLT art. 56 it can be denounced only if the parties intended it or its nature implies it, then on not less than twelve months' notice. Pass --assume-vclt56 to compute on that assumption, or record `fallback: vclt_56` in the file")]
    NoClause(String),
    #[error("{id} is not in force: {reason}")]
    NotInForce { id: String, reason: String },
    #[error("{party} may not terminate {id}: the termination clause{article} gives that right to {allowed} only")]
    NotEntitled {
        id: String,
        party: String,
        allowed: String,
        article: String,
    },
    #[error("`{party}` is not a party to {id}{help}")]
    UnknownParty { id: String, party: String, help: String },
}

/// Resolves the termination rules of `a` as of `as_of`.
pub fn rules(a: &Agreement, as_of: NaiveDate, opts: &Options) -> Result<Rules, Refusal> {
    let start = match crate::status::entry_into_force(a, as_of) {
        crate::status::EntryIntoForce::Since { date, .. } => date,
        other => {
            let reason = match other {
                crate::status::EntryIntoForce::AwaitingApprovals { .. }
                | crate::status::EntryIntoForce::AwaitingSignature { .. } => {
                    crate::status::status(a, as_of, &[]).reason
                }
                crate::status::EntryIntoForce::OnDate { date } => format!("it enters into force on {date}"),
                crate::status::EntryIntoForce::Unknown { reason } => reason,
                crate::status::EntryIntoForce::Since { .. } => unreachable!("handled above"),
            };
            return Err(Refusal::NotInForce {
                id: a.id.clone(),
                reason,
            });
        }
    };
    if let Some(by) = &opts.by {
        if a.party(by).is_none() {
            let help = crate::suggest::did_you_mean(by, a.parties.iter().map(|p| p.id.as_str()))
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            return Err(Refusal::UnknownParty {
                id: a.id.clone(),
                party: by.clone(),
                help,
            });
        }
        if let Some(t) = &a.termination {
            if let By::Parties(allowed) = &t.by {
                if !t.by.allows(by) {
                    return Err(Refusal::NotEntitled {
                        id: a.id.clone(),
                        party: a.party_label(by),
                        allowed: allowed.iter().map(|p| a.party_label(p)).collect::<Vec<_>>().join(", "),
                        article: t.article.as_ref().map(|x| format!(" ({x})")).unwrap_or_default(),
                    });
                }
            }
        }
    }
    let t = a.termination.as_ref();
    let clause_notice = t.and_then(|t| t.notice);
    let renewal_notice = a.term.as_ref().and_then(|x| x.renewal.as_ref()).and_then(|r| r.notice);
    let term = a.term.as_ref().and_then(|x| {
        let length = x.length?;
        let renewal = x
            .renewal
            .as_ref()
            .filter(|r| r.tacit)
            .and_then(|r| Some((r.length, r.notice.or(clause_notice)?)));
        Some(TermRules {
            start: x.from.unwrap_or(start),
            length,
            renewal,
            article: x.article.clone(),
        })
    });
    // With a tacit renewal and no separate notice of non-renewal, the clause's notice
    // is the notice of non-renewal: it does not also allow termination at any time.
    let notice_is_renewal_notice = term.as_ref().is_some_and(|x| x.renewal.is_some()) && renewal_notice.is_none();
    let mut notice = if notice_is_renewal_notice { None } else { clause_notice };
    let mut basis = Basis::Clause;
    let mut article = t.and_then(|t| t.article.clone());
    if notice.is_none() && term.is_none() {
        if t.is_some_and(|t| t.fallback_vclt56) || opts.assume_vclt56 {
            notice = Some(Period::months(12));
            basis = Basis::Assumed;
            article = Some("VCLT art. 56(2)".into());
        } else {
            return Err(Refusal::NoClause(a.id.clone()));
        }
    }
    let minimum_end = a
        .term
        .as_ref()
        .and_then(|x| term_last_day(x.from.unwrap_or(start), x.minimum?));
    Ok(Rules {
        agreement: a.id.clone(),
        start,
        notice,
        basis,
        article,
        effective: t.map_or(Effective::EndOfNotice, |t| t.effective),
        minimum_end,
        term,
        roll: opts.roll.or(t.and_then(|t| t.roll)),
        holidays: t.map(|t| t.holidays.clone()).unwrap_or_default(),
    })
}

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
        let rolled = calendar::roll(end, r, &rules.holidays);
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
/// use accord::terminate::{end_date, Rules, Basis};
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

fn compute(rules: &Rules, notice_date: NaiveDate, explain: bool) -> Option<Outcome> {
    let mut best: Option<Outcome> = None;
    let mut consider = |o: Outcome| {
        if best.as_ref().is_none_or(|b| o.effective_date < b.effective_date) {
            best = Some(o);
        }
    };
    let art = if explain {
        rules.article.as_deref().map(|a| format!(" ({a})")).unwrap_or_default()
    } else {
        String::new()
    };

    if let Some(period) = rules.notice {
        let mut steps = Steps::new(explain);
        steps.say(|| format!("notice received {notice_date} (a notice counts from its receipt, VCLT art. 78)"));
        steps.say(|| match rules.basis {
            Basis::Clause => format!("termination clause{art}: {} notice", period.possessive()),
            Basis::Assumed => "no termination clause; assumed twelve months' notice (VCLT art. 56(2))".to_string(),
        });
        let mut end = notice_end(rules, notice_date, period, &mut steps)?;
        if rules.effective == Effective::EndOfCalendarYear {
            let eoy = calendar::end_of_year(end);
            steps.say(|| format!("effective at the end of the calendar year in which the notice period ends → {eoy}"));
            end = eoy;
        }
        if let Some(m) = rules.minimum_end {
            if end < m {
                steps.say(|| format!("the minimum term runs to {m}; notice cannot take effect before → {m}"));
                end = m;
            }
        }
        consider(Outcome {
            notice_date,
            effective_date: end,
            route: Route::Notice,
            period: Some(period),
            steps: steps.lines,
        });
    }

    if let Some(term) = &rules.term {
        match term.renewal {
            Some((renewal, n)) => {
                let mut steps = Steps::new(explain);
                steps.say(|| {
                    format!(
                        "notice of non-renewal received {notice_date} (a notice counts from its receipt, VCLT art. 78)"
                    )
                });
                steps.say(|| {
                    let term_art = term.article.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
                    format!(
                        "non-renewal clause{term_art}: {} notice before the end of the current term",
                        n.possessive()
                    )
                });
                let pe_end = notice_end(rules, notice_date, n, &mut steps)?;
                let ts = term.start;
                let (k, s, e) = term.first_ending_on_or_after(pe_end.max(notice_date))?;
                steps.say(|| {
                    let which = if k == 0 { "the initial term".to_string() } else { format!("renewal term {k}") };
                    format!(
                    "the notice period must end on or before the last day of the current term; the first term it can end is {which}, {s} to {e} (initial term {} from {ts}, renewed tacitly for {renewal} each time)",
                    term.length
                )
                });
                let mut end = e;
                if let Some(m) = rules.minimum_end {
                    if end < m {
                        steps.say(|| format!("the minimum term runs to {m} → {m}"));
                        end = m;
                    }
                }
                consider(Outcome {
                    notice_date,
                    effective_date: end,
                    route: Route::NonRenewal { term: k },
                    period: Some(n),
                    steps: steps.lines,
                });
            }
            None => {
                let (s, e) = term.term(0)?;
                let mut steps = Steps::new(explain);
                steps.say(|| {
                    format!(
                        "fixed term of {} from {s}, not renewed: it expires on {e} without notice",
                        term.length
                    )
                });
                consider(Outcome {
                    notice_date,
                    effective_date: e,
                    route: Route::Expiry,
                    period: None,
                    steps: steps.lines,
                });
            }
        }
    }
    let mut best = best?;
    if explain {
        let last = format!(
            "the agreement is in force up to and including {}, its last day",
            best.effective_date
        );
        best.steps.push(last);
    }
    Some(best)
}

/// The latest date notice can be received so that the agreement has ended on or
/// before `end_by`: the largest D with `end_date(D) ≤ end_by`, found by bisection over
/// days (end_date never decreases as D grows), never by subtracting a period.
/// `None` when even notice on the first day in force ends it later.
///
/// ```
/// use accord::terminate::{latest_notice, end_date, Rules, Basis};
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
    let mut lo = rules.start;
    if end_by < lo || !fits(lo) {
        return None;
    }
    let mut hi = end_by;
    // Invariant: fits(lo); the answer is in [lo, hi].
    while lo < hi {
        let span = (hi - lo).num_days() as u64;
        let mid = lo.checked_add_days(Days::new(span.div_ceil(2)))?;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid.pred_opt()?;
        }
    }
    Some(lo)
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
    let Some((mut k, _, _)) = term.first_ending_on_or_after(as_of) else {
        return out;
    };
    // The window of term k opens the day after the window of term k - 1 closes.
    let mut prev_close: Option<NaiveDate> = k
        .checked_sub(1)
        .and_then(|p| term.term(p))
        .and_then(|(_, e)| latest_notice_date(rules, e));
    let last = k.saturating_add(count as u32 + 100);
    while out.len() < count && k < last {
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
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
