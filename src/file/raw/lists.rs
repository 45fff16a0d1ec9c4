//! The parties and the lists of a file as written: signature, depositary, approvals,
//! obligations, amendments, events and sources.

use super::{Pairs, S};
use crate::file::schema as sch;
use schemars::JsonSchema;
use serde::Deserialize;

/// A party.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParty {
    /// The party's name.
    pub name: String,
    /// The name shown in tables; default the id in capitals.
    pub short_name: Option<String>,
    /// What the party is: a state, an international organization (then VCLT 1986 applies beside 1969), a company, a person, or other.
    #[schemars(with = "Option<sch::PartyKindKw>")]
    pub kind: Option<S>,
    /// The entry stands for the parties the file does not name ("Other parties"); it never gives notice as one.
    pub collective: Option<bool>,
    /// Who signed for the party.
    pub signatory: Option<RawSignatory>,
    /// The party's organs whose approval the agreement requires.
    #[schemars(with = "Option<Vec<String>>")]
    pub organs: Option<Vec<S>>,
}

/// Who signed for a party.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSignatory {
    /// The signatory's name.
    pub name: String,
    /// The signatory's title.
    pub title: Option<String>,
}

/// The signature.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSigned {
    /// The date of signature; absent for an unsigned text.
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    /// Where it was signed.
    pub place: Option<String>,
}

/// The depositary of a multilateral agreement.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDepositary {
    /// The depositary: "Secretary-General of the United Nations".
    pub name: String,
    /// The article naming it.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
}

/// An approval a clause requires: a party and, optionally, one of its organs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    /// The party's id.
    #[schemars(with = "sch::Id")]
    pub party: S,
    /// The organ, one of `parties.PARTY.organs`.
    #[schemars(with = "Option<String>")]
    pub organ: Option<S>,
}

/// An obligation: what a party must, will, may or intends to do.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawObligation {
    /// Unique within the file.
    #[schemars(with = "sch::Id")]
    pub id: S,
    /// What must be done, in a sentence.
    pub text: String,
    /// Who must act (party ids).
    #[schemars(with = "Vec<sch::Id>")]
    pub parties: Vec<S>,
    /// How the text words it: shall, will, may, or intends (a statement of intention, not binding).
    #[schemars(with = "Option<sch::Modality>")]
    pub modality: Option<S>,
    /// The article it comes from: "Art. VII".
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// A recurring obligation: its interval.
    #[schemars(with = "Option<sch::PeriodText>")]
    pub every: Option<S>,
    /// The day a recurring schedule counts from; default the date of entry into force (or of provisional application). The first occurrence is one interval after it.
    #[schemars(with = "Option<sch::Date>")]
    pub from: Option<S>,
    /// The first due date, when the text names it; later occurrences follow every interval from it.
    #[schemars(with = "Option<sch::Date>")]
    pub first: Option<S>,
    /// The interval (or date) is the file author's assumption, not the text's.
    pub assumed: Option<bool>,
    /// A one-off obligation.
    pub once: Option<bool>,
    /// With `once`, the deadline.
    #[schemars(with = "Option<sch::Date>")]
    pub due: Option<S>,
    /// What the obligation depends on, in the text's words ("if the Council adopts the resolution in Annex II"): shown wherever it is.
    pub condition: Option<String>,
    /// How long before the date reminders start (default 30 days).
    #[schemars(with = "Option<sch::PeriodText>")]
    pub lead: Option<S>,
    /// Free text.
    pub note: Option<String>,
}

/// An amendment (or a change to a draft) and the parties' acts on it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAmendment {
    /// Unique within the file.
    #[schemars(with = "sch::Id")]
    pub id: S,
    /// The article it changes.
    #[schemars(with = "Option<String>")]
    pub article: Option<S>,
    /// Who proposed it, and when.
    pub proposed: Option<RawProposed>,
    /// What it changes, in a sentence.
    pub summary: Option<String>,
    /// The new wording of the article.
    pub text: Option<String>,
    /// The parties that accepted it, each with the date.
    #[schemars(with = "Option<std::collections::BTreeMap<String, sch::Date>>")]
    pub accepted: Option<Pairs<S, S>>,
    /// The parties that rejected it, each with the date.
    #[schemars(with = "Option<std::collections::BTreeMap<String, sch::Date>>")]
    pub rejected: Option<Pairs<S, S>>,
    /// The date it was withdrawn.
    #[schemars(with = "Option<sch::Date>")]
    pub withdrawn: Option<S>,
    /// The date it was signed, for clauses that bring amendments into force on signature.
    #[schemars(with = "Option<sch::Date>")]
    pub signed: Option<S>,
    /// Free text.
    #[allow(dead_code)] // free text for the reader of the file; nothing is computed from it
    pub note: Option<String>,
}

/// Who proposed an amendment, and when.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProposed {
    /// The party that proposed it.
    #[schemars(with = "sch::Id")]
    pub by: S,
    /// The date of the proposal; default the date of the text.
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
}

/// Something that happened.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvent {
    /// When it happened (a notice or notification: the day it was received).
    #[schemars(with = "sch::Date")]
    pub date: S,
    /// What happened.
    #[serde(rename = "type")]
    #[schemars(with = "sch::EventType")]
    pub kind: S,
    /// The party that acted (approved, deposited, notified, signed).
    #[schemars(with = "Option<sch::Id>")]
    pub party: Option<S>,
    /// The organ that approved.
    #[schemars(with = "Option<String>")]
    pub organ: Option<S>,
    /// The obligation performed.
    #[schemars(with = "Option<sch::Id>")]
    pub obligation: Option<S>,
    /// The amendment approved.
    #[schemars(with = "Option<sch::Id>")]
    pub amendment: Option<S>,
    /// The party giving or revoking notice.
    #[schemars(with = "Option<sch::Id>")]
    pub by: Option<S>,
    /// With `deposited`: ratification, acceptance, approval, accession or definitive_signature.
    #[schemars(with = "Option<sch::InstrumentKw>")]
    pub instrument: Option<S>,
    /// With `notice_given`, when the clause allows a later date: the day the notice names for it to take effect.
    #[schemars(with = "Option<sch::Date>")]
    pub effective_on: Option<S>,
    /// With `notice_given`: `provisional_application` for a notice that the party will not become a party (VCLT art. 25(2)).
    #[schemars(with = "Option<sch::NoticeScopeKw>")]
    pub scope: Option<S>,
    /// Free text.
    pub note: Option<String>,
}

/// A document the file was encoded from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    /// Its title.
    pub title: String,
    /// Its date.
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    /// A path relative to the agreement file, or a URL.
    pub document: Option<String>,
    /// What it says or corroborates.
    pub note: Option<String>,
}
