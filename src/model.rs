//! The checked agreement model: what every command computes on. Values here have
//! passed validation (dates exist, periods parse, references resolve); nothing in
//! this module reads files, the clock, or prints.

use crate::time::calendar::Roll;
use crate::time::period::Period;
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Agreement {
    pub id: String,
    pub title: String,
    pub short_title: Option<String>,
    pub kind: Option<String>,
    /// `status: draft`: the text is not final and has not been signed.
    pub draft: bool,
    pub parties: Vec<Party>,
    pub signed: Option<Signed>,
    pub entry_into_force: Option<EntryIntoForce>,
    pub term: Option<Term>,
    pub termination: Option<Termination>,
    pub amendment: Option<AmendmentClause>,
    pub obligations: Vec<Obligation>,
    pub amendments: Vec<Amendment>,
    /// In date order (stable for equal dates).
    pub events: Vec<Event>,
    pub articles: Vec<Article>,
    pub supersedes: Vec<Reference>,
    pub under: Option<String>,
    pub sources: Vec<Source>,
    pub file: PathBuf,
    /// Ids of the agreements in the folder that name this one in `supersedes`: an index
    /// the loader derives, never read from the file.
    pub superseded_by: Vec<String>,
}

impl Agreement {
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// The party's short name for display ("IOM"), or its id.
    pub fn party_label(&self, id: &str) -> String {
        self.party(id)
            .map(|p| p.short_name.clone().unwrap_or_else(|| p.id.to_uppercase()))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn obligation(&self, id: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.id == id)
    }

    pub fn amendment(&self, id: &str) -> Option<&Amendment> {
        self.amendments.iter().find(|a| a.id == id)
    }

    pub fn signature_date(&self) -> Option<NaiveDate> {
        self.signed.as_ref().and_then(|s| s.date)
    }

    /// An approval in words: "UN General Assembly".
    pub fn approval_label(&self, ap: &Approval) -> String {
        match &ap.organ {
            Some(o) => format!("{} {o}", self.party_label(&ap.party)),
            None => self.party_label(&ap.party),
        }
    }

    /// The title to show in tables: `short_title`, else `title`.
    pub fn display_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }
}

#[derive(Clone, Debug)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub signatory: Option<Signatory>,
    pub organs: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Signatory {
    pub name: String,
    pub title: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Signed {
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EntryIntoForce {
    pub upon: Upon,
    pub article: Option<String>,
    /// The file's author assumed this clause; the text has none.
    pub assumed: bool,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upon {
    Signature,
    Date(NaiveDate),
    Conditions { requires: Vec<Approval>, then: Then },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    pub party: String,
    pub organ: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    /// In force on signature, once every approval is given.
    Signature,
    /// In force on the date of the last approval.
    LastApproval,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effective {
    EndOfNotice,
    EndOfCalendarYear,
}

#[derive(Clone, Debug)]
pub struct AmendmentClause {
    pub requires: Requires,
    pub in_force: AmendmentInForce,
    pub form: Option<String>,
    pub article: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requires {
    AllParties,
    Approvals(Vec<Approval>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmendmentInForce {
    OnLastAcceptance,
    OnLastApproval,
    OnSignature,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Shall,
    Will,
    May,
}

#[derive(Clone, Debug)]
pub struct Obligation {
    pub id: String,
    pub text: String,
    /// The parties that must act.
    pub parties: Vec<String>,
    pub modality: Option<Modality>,
    pub article: Option<String>,
    pub schedule: Schedule,
    /// The interval is the file author's assumption, not the agreement's text.
    pub assumed: bool,
    pub lead: Option<Period>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    Every {
        period: Period,
        from: Option<NaiveDate>,
    },
    Once {
        due: Option<NaiveDate>,
    },
    /// A standing duty with no date (e.g. "shall cooperate").
    Standing,
}

#[derive(Clone, Debug)]
pub struct Amendment {
    pub id: String,
    pub article: Option<String>,
    pub proposed_by: Option<String>,
    pub proposed_on: Option<NaiveDate>,
    pub summary: Option<String>,
    /// The new wording of `article` once in force.
    pub text: Option<String>,
    pub accepted: Vec<(String, NaiveDate)>,
    pub rejected: Vec<(String, NaiveDate)>,
    pub withdrawn: Option<NaiveDate>,
    pub signed: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub party: Option<String>,
    pub organ: Option<String>,
    pub obligation: Option<String>,
    pub amendment: Option<String>,
    pub by: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Signed,
    Approved,
    Performed,
    NoticeGiven,
    NoticeRevoked,
    Terminated,
    Note,
}

impl EventKind {
    pub const ALL: [(&'static str, EventKind); 7] = [
        ("signed", EventKind::Signed),
        ("approved", EventKind::Approved),
        ("performed", EventKind::Performed),
        ("notice_given", EventKind::NoticeGiven),
        ("notice_revoked", EventKind::NoticeRevoked),
        ("terminated", EventKind::Terminated),
        ("note", EventKind::Note),
    ];

    pub fn name(self) -> &'static str {
        EventKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("note", |(n, _)| n)
    }
}

#[derive(Clone, Debug)]
pub struct Article {
    pub number: String,
    pub title: Option<String>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    Id(String),
    External { title: String, date: Option<String> },
}

#[derive(Clone, Debug)]
pub struct Source {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub document: Option<String>,
    pub note: Option<String>,
}
