//! The draft an import produces: every value with the quote it was read from, the
//! values to review with the reason, and what was looked for and not found. The YAML
//! and JSON renderers write it; nothing here reads text.

use super::source::Quote;
pub use crate::model::Modality;
use chrono::NaiveDate;
use serde::Serialize;

/// A value and the words it was read from.
#[derive(Clone, Debug, Serialize)]
pub struct Found<T> {
    pub value: T,
    pub source: Quote,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

impl<T> Found<T> {
    pub fn new(value: T, source: Quote) -> Self {
        Found {
            value,
            source,
            review: None,
        }
    }

    pub fn review(mut self, why: impl Into<String>) -> Self {
        self.review = Some(why.into());
        self
    }
}

/// Where a remark belongs in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Top,
    Parties,
    Signed,
    EntryIntoForce,
    Duration,
    Term,
    Termination,
    Survival,
    Amendment,
    Supersedes,
    Obligations,
    Articles,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RemarkKind {
    /// A value to check, or words the format cannot state.
    Review,
    /// Looked for and not found.
    NotFound,
    /// A repair made to the text.
    Repaired,
}

/// A comment in the draft.
#[derive(Clone, Debug, Serialize)]
pub struct Remark {
    pub section: Section,
    pub kind: RemarkKind,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Quote>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyDraft {
    pub id: String,
    pub name: Found<String>,
    /// Stands for the parties the text does not name.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub collective: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Found<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory: Option<Found<Signatory>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organs: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Signatory {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// An approval a clause requires: a party, and the organ that gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Approval {
    pub party: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "upon")]
pub enum Upon {
    Signature,
    Date {
        date: NaiveDate,
    },
    Conditions {
        requires: Vec<Approval>,
        then: Then,
    },
    /// Once every party has notified the others that its requirements are met.
    Notifications,
    /// Once `count` instruments (or notifications to the depositary) are deposited.
    Instruments {
        count: u32,
    },
    /// On a date the parties agree.
    AgreedDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Then {
    Signature,
    LastApproval,
}

#[derive(Clone, Debug, Serialize)]
pub struct EntryIntoForce {
    pub upon: Found<Upon>,
    /// How long after the triggering day, as the file writes it: "30 days", "1 day",
    /// "first day of the second month".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Found<String>>,
    /// With `Instruments`: for a party whose instrument comes later, from its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_later_parties: Option<Found<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The text has no clause; the draft assumes entry into force on signature.
    pub assumed: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Termination {
    pub notice: Found<String>,
    /// `None`: any party.
    pub by: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub end_of_calendar_year: bool,
    /// The text names the day notice takes effect ("on the thirtieth day after
    /// receipt"): `counting: anniversary`.
    pub anniversary: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Found<NotBefore>>,
    /// The words that let a notice name a later day (`later_date: allowed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later_date: Option<Quote>,
    pub article: String,
}

/// A waiting period before notice may be given.
#[derive(Clone, Debug, Serialize)]
pub struct NotBefore {
    pub period: String,
    /// Counted from signature, not from entry into force.
    pub from_signature: bool,
}

/// How long an agreement without a fixed term lasts.
#[derive(Clone, Debug, Serialize)]
pub struct Duration {
    pub indefinite: bool,
    /// The state of affairs it lasts as long as, in the text's words.
    #[serde(rename = "while", skip_serializing_if = "Option::is_none")]
    pub while_: Option<Found<String>>,
    pub source: Quote,
    pub article: String,
}

/// Provisions that continue to apply after the agreement ends.
#[derive(Clone, Debug, Serialize)]
pub struct Survival {
    /// Article numbers, as in the draft's articles.
    pub articles: Vec<String>,
    pub period: Found<String>,
    pub source: Quote,
    pub article: String,
}

/// The depositary of a multilateral agreement.
#[derive(Clone, Debug, Serialize)]
pub struct Depositary {
    pub name: Found<String>,
    pub article: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Term {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<Found<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Found<Renewal>>,
    pub article: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Renewal {
    pub tacit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requires {
    AllParties,
    Approvals(Vec<Approval>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InForce {
    OnLastAcceptance,
    OnLastApproval,
    OnSignature,
}

#[derive(Clone, Debug, Serialize)]
pub struct Amendment {
    pub requires: Found<Requires>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<Found<InForce>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub article: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Superseded {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The article that says so.
    pub article: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Obligation {
    pub id: String,
    pub text: String,
    pub parties: Vec<String>,
    pub modality: Modality,
    pub article: String,
    /// The interval, when the text gives one or says "regularly".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every: Option<Found<String>>,
    /// The interval is a default, not the text's.
    pub assumed: bool,
    pub once: bool,
    pub source: Quote,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Article {
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub text: String,
    pub line: u32,
}

/// Everything an import found.
#[derive(Clone, Debug, Serialize)]
pub struct Draft {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Found<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Why the text is a draft (`status: draft`), if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// The date of a draft's version: a date alone on a line before the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Found<NaiveDate>>,
    pub parties: Vec<PartyDraft>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depositary: Option<Depositary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_date: Option<Found<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_place: Option<Found<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<EntryIntoForce>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub survival: Vec<Survival>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amendment: Option<Amendment>,
    pub supersedes: Vec<Found<Superseded>>,
    pub obligations: Vec<Obligation>,
    pub articles: Vec<Article>,
    /// The input file, as the file's `sources` cites it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    pub remarks: Vec<Remark>,
}

impl Draft {
    pub fn remark(&mut self, section: Section, kind: RemarkKind, text: impl Into<String>, source: Option<Quote>) {
        self.remarks.push(Remark {
            section,
            kind,
            text: text.into(),
            source,
        });
    }
}
