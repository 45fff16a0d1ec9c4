//! The final clauses as written: entry into force, provisional application, duration,
//! term and renewal, termination or withdrawal, survival, amendment.

use super::{RawApproval, RawBy, RawNotBefore, RawRequires, S};
use crate::file::schema as sch;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The entry-into-force clause.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntryIntoForce {
    /// What entry into force waits for: signature, a date, approvals (conditions), notifications that internal requirements are met, instruments deposited, or a date the parties agree.
    #[schemars(with = "sch::Upon")]
    pub upon: S,
    /// With `upon: date`, the date; with `upon: instruments`, the date of general entry into force as a fact, when the deposits are not all recorded.
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    /// Counted from the triggering day: a period (`30 days`: on the thirtieth day after; `1 day`: on the day after) or a calendar rule (`first day of the second month`, `first day of the month following`).
    #[schemars(with = "Option<sch::AfterText>")]
    pub after: Option<S>,
    /// With `upon: conditions`, the approvals required, each `{party, organ}`.
    pub requires: Option<Vec<RawApproval>>,
    /// With `upon: conditions`: in force on signature after the approvals, or on the last approval (default).
    #[schemars(with = "Option<sch::Then>")]
    pub then: Option<S>,
    /// With `upon: instruments`, the number of instruments (ratification, acceptance, approval, accession) whose deposit brings the agreement into force.
    #[schemars(with = "Option<u32>")]
    pub count: Option<Spanned<u32>>,
    /// With `upon: instruments`, parties whose instruments are needed whatever the count.
    #[schemars(with = "Option<Vec<sch::Id>>")]
    pub requires_parties: Option<Vec<S>>,
    /// With `upon: instruments`, for a party depositing after the count is reached: the period from its own deposit.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub for_later_parties: Option<S>,
    /// The article of the clause: "Art. IX(1)".
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// The text has no such clause; the file's author assumes it (every output built on it says so).
    pub assumed: Option<bool>,
    /// Free text.
    pub note: Option<String>,
}

/// Provisional application before entry into force.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProvisionalApplication {
    /// From signature, from a date, or once the approvals in `requires` are given.
    #[schemars(with = "sch::PaFrom")]
    pub from: S,
    /// With `from: date`, the date.
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    /// With `from: conditions`, the approvals required, each `{party, organ}`.
    pub requires: Option<Vec<RawApproval>>,
    /// The article of the clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// Free text.
    pub note: Option<String>,
}

/// How long an agreement without a fixed term lasts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDuration {
    /// The agreement is of indefinite duration ("shall remain in force indefinitely").
    pub indefinite: Option<bool>,
    /// The state of affairs the agreement lasts as long as, in the text's words ("the Organization has its seat in the Netherlands"); a `condition_ended` event ends it.
    #[serde(rename = "while")]
    pub while_: Option<String>,
    /// The article of the clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
}

/// A fixed term, a minimum term and tacit renewal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm {
    /// The initial term; absent for an indefinite agreement with a minimum term.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub length: Option<S>,
    /// The first day of the term; default the date of entry into force.
    #[schemars(with = "Option<sch::Date>")]
    pub from: Option<S>,
    /// Renewal of the term.
    pub renewal: Option<RawRenewal>,
    /// Notice may be given at any time, but takes effect no earlier than the end of this term.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub minimum: Option<S>,
    /// The article of the clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
}

/// Renewal of a fixed term.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRenewal {
    /// Renewed unless notice of non-renewal is received in time (default true).
    #[schemars(with = "Option<bool>")]
    pub tacit: Option<Spanned<bool>>,
    /// Each renewal term; default the initial term's length.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub length: Option<S>,
    /// Notice of non-renewal; default `termination.notice`.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub notice: Option<S>,
}

/// The termination or withdrawal clause.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTermination {
    /// The notice period.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub notice: Option<S>,
    /// Who may give notice: `any_party` (default) or a list of party ids.
    #[schemars(with = "Option<sch::By>")]
    pub by: Option<Spanned<RawBy>>,
    /// The form notice takes: "written".
    pub form: Option<String>,
    /// When notice takes effect: at the end of the notice period (default) or at the end of that calendar year.
    #[schemars(with = "Option<sch::EffectiveKw>")]
    pub effective: Option<S>,
    /// How the notice period is counted: Reg. 1182/71 (end_of_period, default) or to the same date one period later (anniversary, the UN Secretary-General's practice).
    #[schemars(with = "Option<sch::CountingKw>")]
    pub counting: Option<S>,
    /// What a party's notice ends: the whole agreement (default with two parties) or its own participation (default with more).
    #[schemars(with = "Option<sch::ScopeKw>")]
    pub scope: Option<S>,
    /// Notice may be given only after this period from entry into force for the party giving it (or `{period, from: signature}`).
    #[schemars(with = "Option<sch::NotBefore>")]
    pub not_before: Option<Spanned<RawNotBefore>>,
    /// `allowed`: the notice may name a later day on which it takes effect.
    #[schemars(with = "Option<sch::LaterDateKw>")]
    pub later_date: Option<S>,
    /// The article of the clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// `vclt_56`: with no notice period, opt in to VCLT art. 56(2)'s twelve months.
    #[schemars(with = "Option<sch::Fallback>")]
    pub fallback: Option<S>,
    /// Move an end date that falls on a weekend or holiday: following, preceding, modified-following.
    #[schemars(with = "Option<sch::RollKw>")]
    pub roll: Option<S>,
    /// Non-working days for `roll`.
    #[schemars(with = "Option<Vec<sch::Date>>")]
    pub holidays: Option<Vec<S>>,
    /// Free text.
    #[allow(dead_code)] // free text for the reader of the file; nothing is computed from it
    pub note: Option<String>,
}

/// Provisions that survive termination or withdrawal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSurvival {
    /// The articles that continue to apply, by number ("8", "IX").
    #[schemars(with = "Vec<String>")]
    pub articles: Vec<S>,
    /// How long after the last day in force they apply.
    #[schemars(with = "sch::PeriodText")]
    pub period: S,
    /// To what they continue to apply, in the text's words ("investments made before the date of termination").
    pub scope: Option<String>,
    /// The article of the survival clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
}

/// The amendment clause.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAmendmentClause {
    /// `all_parties` (default), or a list of approvals, each `{party, organ}`.
    #[schemars(with = "Option<sch::Requires>")]
    pub requires: Option<Spanned<RawRequires>>,
    /// When an amendment enters into force.
    #[schemars(with = "Option<sch::InForce>")]
    pub in_force: Option<S>,
    /// The form amendments take: "written".
    pub form: Option<String>,
    /// The article of the clause.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// The text does not say when an amendment enters into force; the file's author infers it.
    pub assumed: Option<bool>,
    #[allow(dead_code)] // free text for the reader of the file; nothing is computed from it
    /// Free text.
    pub note: Option<String>,
}
