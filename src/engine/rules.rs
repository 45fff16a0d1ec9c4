//! The termination rules of an agreement, resolved from its clauses as of a date: the
//! first day in force (for the party giving notice, in a multilateral agreement), the
//! notice period and its basis (the clause, or VCLT art. 56(2) when opted in), how it is
//! counted, when notice may first be given, fixed terms and tacit renewal, minimum
//! terms, roll-over. Who may give notice is checked here; a [`Refusal`] says why
//! nothing can be computed.

pub use super::refusal::Refusal;

use super::entry::{entry_into_force, party_entry_into_force, EntryIntoForce};
use crate::model::*;
use crate::suggest::did_you_mean;
use crate::time::calendar::{self, shift, term_last_day, Roll};
use crate::time::period::Period;
use chrono::NaiveDate;

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
    /// The project's roll-over convention, for agreements that name none.
    pub default_roll: Option<Roll>,
    /// The project's non-working days, added to the agreement's own.
    pub holidays: Vec<NaiveDate>,
}

/// Everything the computation needs, resolved from the agreement's clauses.
#[derive(Clone, Debug)]
pub struct Rules {
    pub agreement: String,
    /// First day in force (for the withdrawing party, when a notice ends only its
    /// participation).
    pub start: NaiveDate,
    /// Termination by notice at any time.
    pub notice: Option<Period>,
    pub basis: Basis,
    pub article: Option<String>,
    pub effective: Effective,
    pub counting: Counting,
    /// The first day notice may be received, when the clause sets a waiting period.
    pub first_notice: Option<FirstNotice>,
    /// The notice may name a later day for it to take effect.
    pub later_date: bool,
    /// The party whose participation a notice ends, when it does not end the agreement.
    pub withdrawing: Option<Withdrawing>,
    /// Notices are received by a depositary (its name).
    pub depositary: Option<String>,
    /// The agreement is between international organizations: the 1986 Vienna
    /// Convention is cited beside the 1969 one.
    pub vclt_1986: bool,
    /// Last day of the minimum term.
    pub minimum_end: Option<NaiveDate>,
    pub term: Option<TermRules>,
    pub roll: Option<Roll>,
    pub holidays: Vec<NaiveDate>,
}

impl Rules {
    /// Rules of a clause that is nothing but a notice period, from `start`: the base the
    /// other keys refine (for tests and examples).
    pub fn notice(agreement: &str, start: NaiveDate, notice: Period) -> Rules {
        Rules {
            agreement: agreement.into(),
            start,
            notice: Some(notice),
            basis: Basis::Clause,
            article: None,
            effective: Effective::EndOfNotice,
            counting: Counting::EndOfPeriod,
            first_notice: None,
            later_date: false,
            withdrawing: None,
            depositary: None,
            vclt_1986: false,
            minimum_end: None,
            term: None,
            roll: None,
            holidays: Vec::new(),
        }
    }
}

/// A party withdrawing from a multilateral agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withdrawing {
    pub party: String,
    /// Its name for display: "IOM".
    pub label: String,
}

/// When notice may first be received ("at any time after three years from the date on
/// which this Agreement has entered into force for a Party").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstNotice {
    pub date: NaiveDate,
    /// The rule and its arithmetic, in words.
    pub rule: String,
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

    /// The first term (index, first day, last day) whose last day is on or after `date`.
    /// Renewal term k ends the day before occurrence k of the renewal period counted
    /// from the end of the initial term, so it is found as the next such occurrence
    /// after `date` ([`calendar::next_occurrence`]), not by walking the terms.
    pub fn first_ending_on_or_after(&self, date: NaiveDate) -> Option<(u32, NaiveDate, NaiveDate)> {
        let (s0, e0) = self.term(0)?;
        if e0 >= date {
            return Some((0, s0, e0));
        }
        let (r, _) = self.renewal?;
        let first_renewal = calendar::shift(self.start, self.length)?;
        let (k, _) = calendar::next_occurrence(first_renewal, r, date.succ_opt()?)?;
        let (s, e) = self.term(k)?;
        Some((k, s, e))
    }
}

/// What a notice by a party ends under the clause: the agreement, or the party's
/// participation (the default with more than two parties, VCLT art. 55).
pub fn scope(a: &Agreement) -> Scope {
    match a.termination.as_ref().and_then(|t| t.scope) {
        Some(s) => s,
        None if a.is_multilateral() => Scope::WithdrawingParty,
        None => Scope::Agreement,
    }
}

/// Resolves the termination rules of `a` as of `as_of`.
///
/// # Errors
///
/// A [`Refusal`] when nothing can be computed: the agreement is not in force on
/// `as_of` (for the party giving notice), has no termination clause (and no opt-in to
/// VCLT art. 56(2)), or the party in `opts.by` is unknown, collective, or has no right to
/// give notice, or must be named.
pub fn rules(a: &Agreement, as_of: NaiveDate, opts: &Options) -> Result<Rules, Refusal> {
    check_party(a, opts.by.as_deref())?;
    let withdrawing = match (scope(a), &opts.by) {
        (Scope::WithdrawingParty, Some(p)) => Some(Withdrawing {
            party: p.clone(),
            label: a.party_label(p),
        }),
        (Scope::WithdrawingParty, None) => {
            return Err(Refusal::WhichParty {
                id: a.id.clone(),
                parties: a.parties.len(),
                article: cite(a.termination.as_ref().and_then(|t| t.article.as_deref())),
            })
        }
        (Scope::Agreement, _) => None,
    };
    let start = start(a, withdrawing.as_ref().map(|w| w.party.as_str()), as_of)?;
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
            article = Some(format!("{}(2)", a.vclt("56")));
        } else {
            return Err(Refusal::NoClause {
                id: a.id.clone(),
                vclt: a.vclt("56"),
            });
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
        counting: t.map_or(Counting::EndOfPeriod, |t| t.counting),
        first_notice: first_notice(a, start),
        later_date: t.is_some_and(|t| t.later_date),
        withdrawing,
        depositary: a.depositary.as_ref().map(|d| d.name.clone()),
        vclt_1986: a.between_organizations(),
        minimum_end,
        term,
        roll: opts.roll.or(t.and_then(|t| t.roll)).or(opts.default_roll),
        holidays: t
            .map(|t| t.holidays.clone())
            .unwrap_or_default()
            .into_iter()
            .chain(opts.holidays.iter().copied())
            .collect(),
    })
}

/// The party named with `--by` exists, is not a collective entry, and may give notice.
fn check_party(a: &Agreement, by: Option<&str>) -> Result<(), Refusal> {
    let Some(by) = by else { return Ok(()) };
    let Some(party) = a.party(by) else {
        let help = did_you_mean(by, a.parties.iter().map(|p| p.id.as_str()))
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        return Err(Refusal::UnknownParty {
            id: a.id.clone(),
            party: by.to_string(),
            help,
        });
    };
    if party.collective {
        return Err(Refusal::CollectiveParty {
            party: a.party_label(by),
        });
    }
    if let Some(t) = &a.termination {
        if let By::Parties(allowed) = &t.by {
            if !t.by.allows(by) {
                return Err(Refusal::NotEntitled {
                    id: a.id.clone(),
                    party: a.party_label(by),
                    allowed: allowed.iter().map(|p| a.party_label(p)).collect::<Vec<_>>().join(", "),
                    article: cite(t.article.as_deref()),
                });
            }
        }
    }
    Ok(())
}

/// The first day in force: of the agreement, or for the withdrawing party.
fn start(a: &Agreement, withdrawing: Option<&str>, as_of: NaiveDate) -> Result<NaiveDate, Refusal> {
    if let Some(party) = withdrawing {
        return match party_entry_into_force(a, party, as_of) {
            Some((date, _)) if date <= as_of => Ok(date),
            Some((date, _)) => Err(Refusal::NotInForce {
                id: a.id.clone(),
                reason: format!("it enters into force for {} on {date}", a.party_label(party)),
            }),
            None => Err(Refusal::NotInForce {
                id: a.id.clone(),
                reason: format!("{} is not bound by it", a.party_label(party)),
            }),
        };
    }
    match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } => Ok(date),
        other => Err(Refusal::NotInForce {
            id: a.id.clone(),
            reason: match other {
                EntryIntoForce::OnDate { date, .. } => format!("it enters into force on {date}"),
                _ => other.not_in_force_reason(a),
            },
        }),
    }
}

/// The waiting period before notice may be given: the same calendar date N years
/// (months…) after entry into force for the party, or after signature, as depositaries
/// apply it (Paris Agreement art. 28(1): in force for the party 2016-11-04, notice
/// receivable from 2019-11-04), with the month-end rule where that date does not exist.
fn first_notice(a: &Agreement, start: NaiveDate) -> Option<FirstNotice> {
    let t = a.termination.as_ref()?;
    let nb = t.not_before.as_ref()?;
    let (from, what) = match nb.from {
        NotBeforeFrom::EntryIntoForce => (start, "entry into force"),
        NotBeforeFrom::Signature => (a.signature_date()?, "signature"),
    };
    let date = shift(from, nb.period)?;
    Some(FirstNotice {
        date,
        rule: format!(
            "notice may be given only after {} from {what}{}: {from} + {} → {date}, the same calendar date",
            nb.period,
            cite(t.article.as_deref()),
            nb.period
        ),
    })
}

/// Rules the engines' unit tests share: a notice clause from 31 March 2020 (one month's
/// notice, or `notice`), and a two-year term from that day renewed for a year at a time
/// unless notice is given three months before its end.
#[cfg(test)]
pub(crate) mod examples {
    use super::{Rules, TermRules};
    use crate::time::period::Period;
    use chrono::NaiveDate;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn rules(notice: Option<Period>) -> Rules {
        let mut r = Rules::notice("t", d(2020, 3, 31), Period::months(1));
        r.notice = notice;
        r
    }

    pub(crate) fn renewing() -> Rules {
        let mut r = rules(None);
        r.term = Some(TermRules {
            start: d(2020, 3, 31),
            length: Period::years(2),
            renewal: Some((Period::years(1), Period::months(3))),
            article: None,
        });
        r
    }
}
