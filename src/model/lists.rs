//! The lists of an agreement, checked: obligations and their schedules, amendments,
//! events, articles, references to other agreements, and sources.

use crate::time::period::Period;
use chrono::NaiveDate;

crate::keywords! {
    /// `obligations[].modality`: how the text words it.
    pub enum Modality: "modality" {
        Shall = "shall": "a binding duty (\"shall\", \"undertakes to\")",
        Will = "will": "a commitment worded \"will\"",
        Should = "should": "a recommendation (\"should\", \"is viewed as particularly important\"): expected, not strictly binding",
        May = "may": "a permission or option, not a duty",
        Intends = "intends": "a statement of intention (\"express their intention\"): not binding, shown as such",
    }
}

impl Modality {
    /// Whether the text makes it binding.
    pub fn binding(self) -> bool {
        matches!(self, Modality::Shall | Modality::Will)
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
    /// What the obligation depends on, in the text's words.
    pub condition: Option<String>,
    pub lead: Option<Period>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Recurring. The first occurrence is `first` when the text names it, else one
    /// interval after `from` (default: entry into force, or the start of provisional
    /// application).
    Every {
        period: Period,
        from: Option<NaiveDate>,
        first: Option<NaiveDate>,
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
    /// The date of the proposal, if the file gives one.
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
    pub instrument: Option<Instrument>,
    /// A notice that names a later day for it to take effect.
    pub effective_on: Option<NaiveDate>,
    pub scope: Option<NoticeScope>,
    pub note: Option<String>,
}

crate::keywords! {
    /// `events[].type`: what happened.
    pub enum EventKind: "event type" {
        Signed = "signed": "the agreement was signed",
        Approved = "approved": "a party (or one of its organs) approved the agreement or an amendment",
        Notified = "notified": "a party notified the others that its internal requirements for entry into force are met (the date of receipt)",
        Deposited = "deposited": "a party deposited its instrument of ratification, acceptance, approval or accession (the date the depositary received it)",
        EnteredIntoForce = "entered_into_force": "the agreement entered into force, as a recorded fact (for a party, with `party`)",
        Performed = "performed": "an obligation was performed",
        NoticeGiven = "notice_given": "notice of termination or withdrawal was received (VCLT art. 78: the date of receipt)",
        NoticeRevoked = "notice_revoked": "a notice was revoked before it took effect (VCLT art. 68)",
        Terminated = "terminated": "termination (or, with `party`, that party's withdrawal) took effect on this day",
        ConditionEnded = "condition_ended": "the state of affairs in `duration.while` ended on this day, and with it the agreement",
        Note = "note": "a note for the record",
    }
}

crate::keywords! {
    /// `events[].instrument`: the instrument a party deposited.
    pub enum Instrument: "instrument" {
        Ratification = "ratification": "an instrument of ratification",
        Acceptance = "acceptance": "an instrument of acceptance",
        Approval = "approval": "an instrument of approval",
        Accession = "accession": "an instrument of accession",
        DefinitiveSignature = "definitive_signature": "signature not subject to ratification, acceptance or approval",
    }
}

crate::keywords! {
    /// `events[].scope` of a notice.
    pub enum NoticeScope: "`scope`" {
        ProvisionalApplication = "provisional_application": "the party will not become a party: provisional application ends for it (VCLT art. 25(2))",
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
    Id {
        id: String,
        article: Option<String>,
    },
    External {
        title: String,
        date: Option<String>,
        article: Option<String>,
    },
}

impl Reference {
    /// The article of this agreement that supersedes the other one.
    pub fn article(&self) -> Option<&str> {
        match self {
            Reference::Id { article, .. } | Reference::External { article, .. } => article.as_deref(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Source {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub document: Option<String>,
    pub note: Option<String>,
}
