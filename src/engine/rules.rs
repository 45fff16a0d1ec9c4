//! The termination rules of an agreement, resolved from its clauses as of a date: the
//! first day in force, the notice period and its basis (the clause, or VCLT art. 56(2)
//! when opted in), fixed terms and tacit renewal, minimum terms, roll-over. Who may give
//! notice is checked here; the refusals say why nothing can be computed.

use super::entry::{entry_into_force, EntryIntoForce};
use crate::model::*;
use crate::time::calendar::{self, term_last_day, Roll};
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
    #[error("{id} is no longer in force ({reason}); there is nothing left to terminate")]
    NoLongerInForce { id: String, reason: String },
    #[error("{id}: notice on {notice} would precede entry into force on {start}")]
    NoticeBeforeEntryIntoForce {
        id: String,
        notice: NaiveDate,
        start: NaiveDate,
    },
}

/// Resolves the termination rules of `a` as of `as_of`.
///
/// # Errors
///
/// A [`Refusal`] when nothing can be computed: the agreement is not in force on
/// `as_of`, has no termination clause (and no opt-in to VCLT art. 56(2)), or the party
/// in `opts.by` is unknown or has no right to give notice.
pub fn rules(a: &Agreement, as_of: NaiveDate, opts: &Options) -> Result<Rules, Refusal> {
    let start = match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } => date,
        other => {
            return Err(Refusal::NotInForce {
                id: a.id.clone(),
                reason: match other {
                    EntryIntoForce::OnDate { date } => format!("it enters into force on {date}"),
                    _ => other.not_in_force_reason(a),
                },
            })
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
                        article: cite(t.article.as_deref()),
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
