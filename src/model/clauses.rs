//! The final clauses, checked: entry into force, provisional application, duration,
//! term and renewal, termination or withdrawal, survival, amendment.

use super::Approval;
use crate::time::after::After;
use crate::time::calendar::Roll;
use crate::time::period::Period;
use chrono::NaiveDate;

#[derive(Clone, Debug)]
pub struct EntryIntoForce {
    pub upon: Upon,
    /// Counted from the triggering day (the signature, the date, the last approval or
    /// notification, the deposit of the count-th instrument).
    pub after: Option<After>,
    pub article: Option<String>,
    /// The file's author assumed this clause; the text has none.
    pub assumed: bool,
    pub note: Option<String>,
}

crate::keywords! {
    /// `entry_into_force.upon`: what entry into force waits for.
    pub enum UponKind: "entry-into-force condition (`upon`)" {
        Signature = "signature": "in force on signature",
        Date = "date": "in force on the date given in `date`",
        Conditions = "conditions": "in force once the approvals in `requires` are given, then as `then` says",
        Notifications = "notifications": "in force once every party has notified the others that its internal requirements are met (`notified` events)",
        Instruments = "instruments": "in force once `count` instruments of ratification, acceptance, approval or accession are deposited (`deposited` events)",
        AgreedDate = "agreed_date": "in force on a date the parties agree, recorded as an `entered_into_force` event",
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upon {
    Signature,
    Date(NaiveDate),
    Conditions { requires: Vec<Approval>, then: Then },
    Notifications,
    Instruments(Instruments),
    AgreedDate,
}

/// Entry into force by the deposit of instruments (multilateral treaties).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruments {
    /// How many instruments bring the agreement into force.
    pub count: u32,
    /// Parties whose instruments are needed whatever the count.
    pub requires_parties: Vec<String>,
    /// For a party depositing later: the period from its own deposit.
    pub for_later_parties: Option<After>,
    /// The date of general entry into force, stated as a fact.
    pub date: Option<NaiveDate>,
}

crate::keywords! {
    /// `entry_into_force.then`: what follows the last approval.
    pub enum Then: "`then`" {
        Signature = "signature": "in force on signature, once every approval is given",
        LastApproval = "last_approval": "in force on the date of the last approval",
    }
}

/// Provisional application before entry into force (VCLT art. 25).
#[derive(Clone, Debug)]
pub struct ProvisionalApplication {
    pub from: PaStart,
    pub article: Option<String>,
    pub note: Option<String>,
}

crate::keywords! {
    /// `provisional_application.from`.
    pub enum PaFrom: "`from`" {
        Signature = "signature": "applied provisionally from signature",
        Date = "date": "applied provisionally from the date given in `date`",
        Conditions = "conditions": "applied provisionally once the approvals in `requires` are given",
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaStart {
    Signature,
    Date(NaiveDate),
    Conditions(Vec<Approval>),
}

/// How long an agreement without a fixed term lasts.
#[derive(Clone, Debug)]
pub struct Duration {
    pub indefinite: bool,
    /// The state of affairs it lasts as long as, in the text's words.
    pub while_: Option<String>,
    pub article: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Term {
    /// The initial term; `None` for an indefinite agreement with a minimum term.
    pub length: Option<Period>,
    /// First day of the term; default the date of entry into force.
    pub from: Option<NaiveDate>,
    pub renewal: Option<Renewal>,
    pub minimum: Option<Period>,
    pub article: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Renewal {
    pub tacit: bool,
    /// Length of each renewal term; default the initial term's length.
    pub length: Period,
    /// Notice of non-renewal; default the termination clause's notice.
    pub notice: Option<Period>,
}

#[derive(Clone, Debug)]
pub struct Termination {
    /// The notice period of the clause; `None` when the file only opts in to the
    /// VCLT art. 56(2) fallback.
    pub notice: Option<Period>,
    pub by: By,
    pub form: Option<String>,
    pub effective: Effective,
    pub counting: Counting,
    /// What a notice ends; `None` means the default for the number of parties.
    pub scope: Option<Scope>,
    pub not_before: Option<NotBefore>,
    /// The notice may name a later day on which it takes effect.
    pub later_date: bool,
    pub article: Option<String>,
    /// `fallback: vclt_56`: the author opts in to twelve months' notice.
    pub fallback_vclt56: bool,
    pub roll: Option<Roll>,
    pub holidays: Vec<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    AnyParty,
    Parties(Vec<String>),
}

impl By {
    pub fn allows(&self, party: &str) -> bool {
        match self {
            By::AnyParty => true,
            By::Parties(list) => list.iter().any(|p| p == party),
        }
    }
}

crate::keywords! {
    /// `termination.effective`: when a notice takes effect.
    pub enum Effective: "`effective`" {
        EndOfNotice = "end_of_notice": "when the notice period ends",
        EndOfCalendarYear = "end_of_calendar_year": "at the end of the calendar year in which the notice period ends",
    }
}

crate::keywords! {
    /// `termination.counting`: how a notice period is counted.
    pub enum Counting: "`counting`" {
        EndOfPeriod = "end_of_period": "Reg. 1182/71: the day of receipt is not counted and the period ends at the end of its last day (notice received 2019-11-04 + 1 year: last day in force 2020-11-04, takes effect 2020-11-05)",
        Anniversary = "anniversary": "to the same date one period later, as the UN Secretary-General counts as depositary (notice received 2019-11-04 + 1 year: takes effect 2020-11-04, last day in force 2020-11-03)",
    }
}

crate::keywords! {
    /// `termination.scope`: what a party's notice ends.
    pub enum Scope: "`scope`" {
        Agreement = "agreement": "the whole agreement (the default with two parties)",
        WithdrawingParty = "withdrawing_party": "the withdrawing party's participation only; the agreement stays in force for the others (VCLT art. 55; the default with more than two parties)",
    }
}

/// Notice may be given only after a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotBefore {
    pub period: Period,
    pub from: NotBeforeFrom,
}

crate::keywords! {
    /// `termination.not_before.from`: what the waiting period counts from.
    pub enum NotBeforeFrom: "`from`" {
        EntryIntoForce = "entry_into_force": "entry into force for the party giving notice (the default)",
        Signature = "signature": "the signature of the agreement",
    }
}

/// Provisions that survive termination or withdrawal.
#[derive(Clone, Debug)]
pub struct Survival {
    /// The surviving articles, by number.
    pub articles: Vec<String>,
    /// How long after the last day in force they apply.
    pub period: Period,
    pub scope: Option<String>,
    pub article: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AmendmentClause {
    pub requires: Requires,
    pub in_force: AmendmentInForce,
    pub form: Option<String>,
    pub article: Option<String>,
    /// When an amendment enters into force is the file author's inference.
    pub assumed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requires {
    AllParties,
    Approvals(Vec<Approval>),
}

crate::keywords! {
    /// `amendment.in_force`: when an accepted amendment enters into force.
    pub enum AmendmentInForce: "`in_force`" {
        OnLastAcceptance = "on_last_acceptance": "on the date of the last acceptance",
        OnLastApproval = "on_last_approval": "on the date of the last required approval",
        OnSignature = "on_signature": "when the amendment is signed, once accepted by all",
    }
}
