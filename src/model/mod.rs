//! The checked agreement model: what every command computes on. Values here have
//! passed validation (dates exist, periods parse, references resolve); nothing in
//! this module reads files, the clock, or prints. The final clauses are in [`clauses`],
//! the lists (obligations, amendments, events, articles) in [`lists`].

pub mod clauses;
pub mod lists;

pub use clauses::*;
pub use lists::*;

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
    /// The date of the text (for a draft, of the version encoded).
    pub date: Option<NaiveDate>,
    pub parties: Vec<Party>,
    pub depositary: Option<Depositary>,
    pub signed: Option<Signed>,
    pub entry_into_force: Option<EntryIntoForce>,
    pub provisional_application: Option<ProvisionalApplication>,
    pub duration: Option<Duration>,
    pub term: Option<Term>,
    pub termination: Option<Termination>,
    pub survival: Vec<Survival>,
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

    /// The events of one kind recorded by `as_of`, in date order.
    pub fn events_of(&self, kind: EventKind, as_of: NaiveDate) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.kind == kind && e.date <= as_of)
    }

    /// The title to show in tables: `short_title`, else `title`.
    pub fn display_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// More than two parties (a collective entry counts as more): each party's notice
    /// ends its own participation unless the clause says otherwise (VCLT art. 55).
    pub fn is_multilateral(&self) -> bool {
        self.parties.len() > 2 || self.parties.iter().any(|p| p.collective)
    }

    /// Every party is a state or an international organization, and at least one is an
    /// organization: the 1986 Vienna Convention (treaties between states and
    /// international organizations or between international organizations) applies
    /// beside the 1969 one, whose article numbers it keeps.
    pub fn between_organizations(&self) -> bool {
        self.parties.iter().any(|p| p.kind == Some(PartyKind::Organization))
            && self
                .parties
                .iter()
                .all(|p| matches!(p.kind, Some(PartyKind::Organization | PartyKind::State)))
    }

    /// A rule of the Vienna Convention, cited for this agreement: "VCLT art. 78", or
    /// with the 1986 Convention beside it for an agreement between organizations.
    pub fn vclt(&self, article: &str) -> String {
        vclt(article, self.between_organizations())
    }
}

/// A rule of the Vienna Convention on the Law of Treaties: "VCLT art. 78", and for an
/// agreement between international organizations (`with_1986`) the 1986 Convention
/// beside it, with the same article number: "VCLT 1969 and 1986 art. 78".
///
/// ```
/// assert_eq!(accord::model::vclt("78", false), "VCLT art. 78");
/// assert_eq!(accord::model::vclt("56(2)", true), "VCLT 1969 and 1986 art. 56(2)");
/// ```
pub fn vclt(article: &str, with_1986: bool) -> String {
    if with_1986 {
        format!("VCLT 1969 and 1986 art. {article}")
    } else {
        format!("VCLT art. {article}")
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

/// Whether a citation ("Art. IX(3)", "para 45", "Annex II, para 6") points into the
/// article numbered `number` ("IX", "45", "Annex II"): after the words that name a
/// division (Art., Article, para, §…), the citation starts with the number, followed by
/// nothing or by a sub-division ("(3)", ".2", ", para 6").
///
/// ```
/// use accord::model::cites;
/// assert!(cites("Art. IX(3)", "IX"));
/// assert!(!cites("Art. IX(3)", "I"));
/// assert!(cites("para 1.2", "1"));
/// assert!(!cites("para 12", "1"));
/// assert!(cites("Annex II, para 6", "Annex II"));
/// ```
pub fn cites(citation: &str, number: &str) -> bool {
    let (c, n) = (division(citation), division(number));
    c.len() >= n.len()
        && !n.is_empty()
        && c.is_char_boundary(n.len())
        && c[..n.len()].eq_ignore_ascii_case(n)
        && c[n.len()..].chars().next().is_none_or(|ch| !ch.is_alphanumeric())
}

/// A citation without the word naming its division: "Art. 5" → "5".
fn division(text: &str) -> &str {
    const WORDS: [&str; 17] = [
        "articles",
        "article",
        "arts.",
        "art.",
        "art",
        "paragraphs",
        "paragraph",
        "paras",
        "para",
        "sections",
        "section",
        "sec.",
        "clauses",
        "clause",
        "cl.",
        "cl",
        "§",
    ];
    let t = text.trim();
    for w in WORDS {
        if t.len() > w.len() && t.is_char_boundary(w.len()) && t[..w.len()].eq_ignore_ascii_case(w) {
            let rest = &t[w.len()..];
            if rest.starts_with(|c: char| c.is_whitespace() || c == '.') || w.ends_with('.') || w == "§" {
                return rest.trim_start_matches('.').trim();
            }
        }
    }
    t
}

crate::keywords! {
    /// `parties.ID.kind`: what a party is.
    pub enum PartyKind: "party kind" {
        State = "state": "a state",
        Organization = "international_organization": "an international organization (the 1986 Vienna Convention applies)",
        Company = "company": "a company or other legal person",
        Person = "person": "a natural person",
        Other = "other": "anything else",
    }
}

#[derive(Clone, Debug)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: Option<PartyKind>,
    /// Stands for the parties the file does not name; never gives notice as one.
    pub collective: bool,
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

/// The depositary of a multilateral agreement: instruments and notices are received by
/// it (VCLT art. 78).
#[derive(Clone, Debug)]
pub struct Depositary {
    pub name: String,
    pub article: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    pub party: String,
    pub organ: Option<String>,
}
