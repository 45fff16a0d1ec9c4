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

    /// The first `approved` event by `as_of` that gives approval `req`, of the agreement
    /// itself (`amendment: None`) or of an amendment: by the party, and by the organ the
    /// approval names, if any.
    pub fn approval_event(&self, req: &Approval, amendment: Option<&str>, as_of: NaiveDate) -> Option<&Event> {
        self.events.iter().find(|e| {
            e.kind == EventKind::Approved
                && e.date <= as_of
                && e.amendment.as_deref() == amendment
                && e.party.as_deref() == Some(&req.party)
                && (req.organ.is_none() || e.organ == req.organ)
        })
    }

    /// The title to show in tables: `short_title`, else `title`.
    pub fn display_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }
}

/// An article cited after a clause: `" (Art. IX(3))"`, or nothing.
///
/// ```
/// assert_eq!(accord::model::cite(Some("Art. 5")), " (Art. 5)");
/// assert_eq!(accord::model::cite(None), "");
/// ```
pub fn cite(article: Option<&str>) -> String {
    article.map(|a| format!(" ({a})")).unwrap_or_default()
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

crate::keywords! {
    /// `entry_into_force.upon`: what entry into force waits for.
    pub enum UponKind: "entry-into-force condition (`upon`)" {
        Signature = "signature": "in force on signature",
        Date = "date": "in force on the date given in `date`",
        Conditions = "conditions": "in force once the approvals in `requires` are given, then as `then` says",
    }
}

crate::keywords! {
    /// `entry_into_force.then`: what follows the last approval.
    pub enum Then: "`then`" {
        Signature = "signature": "in force on signature, once every approval is given",
        LastApproval = "last_approval": "in force on the date of the last approval",
    }
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

crate::keywords! {
    /// `termination.effective`: when a notice takes effect.
    pub enum Effective: "`effective`" {
        EndOfNotice = "end_of_notice": "when the notice period ends",
        EndOfCalendarYear = "end_of_calendar_year": "at the end of the calendar year in which the notice period ends",
    }
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

crate::keywords! {
    /// `amendment.in_force`: when an accepted amendment enters into force.
    pub enum AmendmentInForce: "`in_force`" {
        OnLastAcceptance = "on_last_acceptance": "on the date of the last acceptance",
        OnLastApproval = "on_last_approval": "on the date of the last required approval",
        OnSignature = "on_signature": "when the amendment is signed, once accepted by all",
    }
}

crate::keywords! {
    /// `obligations[].modality`: how the text words the duty.
    pub enum Modality: "modality" {
        Shall = "shall": "a binding duty (\"shall\", \"undertakes to\")",
        Will = "will": "a commitment worded \"will\"",
        May = "may": "a permission or option, not a duty",
    }
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

crate::keywords! {
    /// `events[].type`: what happened.
    pub enum EventKind: "event type" {
        Signed = "signed": "the agreement was signed",
        Approved = "approved": "a party (or one of its organs) approved the agreement or an amendment",
        Performed = "performed": "an obligation was performed",
        NoticeGiven = "notice_given": "notice of termination was received (VCLT art. 78: the date of receipt)",
        NoticeRevoked = "notice_revoked": "a notice was revoked before it took effect (VCLT art. 68)",
        Terminated = "terminated": "the agreement was terminated",
        Note = "note": "a note for the record",
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
