//! The report page as plain data: everything `accord report` shows, already computed and
//! explained in words, with no engine types. [`super::build`] fills it from the engines'
//! results; the renderers ([`super::render`], [`super::svg`]) only draw it. When an engine
//! gains a state or a date, only the builder changes. Every date here is one an engine
//! computed (or the file records); nothing in the report computes one.

mod timeline;

pub(crate) use timeline::*;

use chrono::NaiveDate;

/// How many days the "coming up" list of the summary looks ahead.
pub(crate) const NEXT_DAYS: i64 = 90;

/// The whole page.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Page {
    pub as_of: NaiveDate,
    /// The window of the due table, as written ("1 year").
    pub within: String,
    /// `as_of + within`: the last day the due table covers.
    pub horizon: NaiveDate,
    /// `as_of + NEXT_DAYS`: the last day of the summary's "coming up" list.
    pub next_until: NaiveDate,
    /// The filters applied, in words ("party: iom"); empty for the whole folder.
    pub filters: Vec<String>,
    /// Agreements by status, in the order of [`Phase`], only statuses that occur.
    pub counts: Vec<Count>,
    /// Every agreement shown, in file order.
    pub agreements: Vec<AgreementView>,
    /// The due table: every item, in the `due` command's order.
    pub due: Vec<ItemRef>,
    /// The overdue items (also in `due`).
    pub overdue: Vec<ItemRef>,
    /// The dated items from `as_of` to `as_of + NEXT_DAYS` (also in `due`).
    pub next: Vec<ItemRef>,
    /// Every decision to take, soonest first; those with no date last.
    pub decisions: Vec<Decision>,
    /// Files left out of the report because they have errors.
    pub problems: Vec<Problem>,
    /// How many agreement files were read.
    pub files: usize,
}

impl Page {
    /// The due item `r` points to.
    pub(crate) fn item(&self, r: ItemRef) -> (&AgreementView, &Item) {
        let a = &self.agreements[r.agreement as usize];
        (a, &a.due[r.item as usize])
    }
}

/// Where an agreement stands, coarsely: what the page styles and groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) enum Phase {
    /// Not in force yet: a draft, awaiting approval or signature, a date ahead, or
    /// applied provisionally until entry into force.
    Pending,
    /// In force.
    #[default]
    InForce,
    /// In force, with its last day known and ahead (notice given, or a term that
    /// will not be renewed).
    Ending,
    /// No longer in force: terminated or superseded.
    Ended,
}

impl Phase {
    pub(crate) const ALL: [Phase; 4] = [Phase::InForce, Phase::Ending, Phase::Pending, Phase::Ended];

    /// The class name styles use ("in-force").
    pub(crate) fn class(self) -> &'static str {
        match self {
            Phase::Pending => "pending",
            Phase::InForce => "in-force",
            Phase::Ending => "ending",
            Phase::Ended => "ended",
        }
    }

    /// A heading for a group of agreements in this phase.
    pub(crate) fn heading(self) -> &'static str {
        match self {
            Phase::Pending => "Not yet in force",
            Phase::InForce => "In force",
            Phase::Ending => "In force, ending",
            Phase::Ended => "No longer in force",
        }
    }
}

/// How many agreements have one status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Count {
    pub status: Standing,
    pub n: usize,
}

/// An agreement's status on the as-of date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Standing {
    /// The status's name as the other commands print it ("in_force").
    pub name: String,
    /// The status in words ("In force").
    pub label: String,
    pub phase: Phase,
    /// Why, in words ("in force since 2009-01-27, on signature (Art. IX(1))").
    pub reason: String,
    /// Entry into force rests on the file author's assumption.
    pub assumed: bool,
}

/// One party's participation in a multilateral agreement, as the engine gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PartyStanding {
    /// The party's short name ("IOM").
    pub party: String,
    /// Where it stands, as a class name: "bound", "withdrawing", "withdrawn",
    /// "not-bound", "other-parties".
    pub class: String,
    /// Where it stands and why, with the dates: "bound since 2016-11-04, …".
    pub reason: String,
}

/// An amendment of the agreement, or a change to its draft, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AmendmentView {
    pub id: String,
    pub article: Option<String>,
    /// "proposed", "pending", "agreed", "in force", "rejected", "withdrawn".
    pub state: String,
    /// Why, in words ("awaiting IOM (Art. 19)").
    pub reason: String,
    pub summary: Option<String>,
}

/// One agreement: its section of the page and its row of the timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct AgreementView {
    pub id: String,
    pub title: String,
    /// The full title when `title` is a short one.
    pub full_title: Option<String>,
    pub file: String,
    pub standing: Standing,
    pub parties: Vec<PartyView>,
    /// Entry into force, term, termination, amendment, supersession: one line each.
    pub clauses: Vec<Clause>,
    pub obligations: Vec<Clause>,
    /// Each party's participation, in a multilateral agreement (empty otherwise).
    pub participation: Vec<PartyStanding>,
    /// The amendments (or, for a draft, the changes to its text) known on the as-of date.
    pub amendments: Vec<AmendmentView>,
    /// Whether `amendments` are changes to a draft text rather than amendments.
    pub draft_changes: bool,
    /// Periods drawn as bars: in force, terms, notice windows.
    pub spans: Vec<Span>,
    /// Days drawn as marks, each with its explanation, in date order.
    pub marks: Vec<Mark>,
    /// What is due under this agreement, in the `due` command's order.
    pub due: Vec<Item>,
}

impl AgreementView {
    /// The fragment identifier of the agreement's section ("a-eco-iom-2009").
    pub(crate) fn anchor(&self) -> String {
        anchor(&self.id)
    }
}

/// The fragment identifier of an agreement's section.
pub(crate) fn anchor(id: &str) -> String {
    format!("a-{id}")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PartyView {
    pub id: String,
    /// The short name ("IOM").
    pub label: String,
    pub name: String,
}

/// A clause in words, with its article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    /// "Termination".
    pub name: String,
    pub text: String,
    pub article: Option<String>,
    /// The title of that article in the file, when the reference names one of its
    /// articles ("Art. IX(3)" → article IX).
    pub article_title: Option<String>,
    /// Said when the clause (or an obligation's interval) is the file author's
    /// assumption, not the agreement's text: "[assumed: not in the text]".
    pub assumed: Option<String>,
}

/// Where a due item stands, as `due` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DueState {
    Overdue,
    Due,
    Upcoming,
    Open,
}

impl DueState {
    pub(crate) fn name(self) -> &'static str {
        match self {
            DueState::Overdue => "overdue",
            DueState::Due => "due",
            DueState::Upcoming => "upcoming",
            DueState::Open => "open",
        }
    }
}

/// One row of the due table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub date: Option<NaiveDate>,
    /// Days from the as-of date (negative when overdue).
    pub days: Option<i64>,
    pub state: DueState,
    /// "obligation", "deadline", "approval", "step", "amendment", "draft_change".
    pub kind: String,
    /// The obligation, deadline, approval or amendment id ("work-programme").
    pub id: String,
    pub what: String,
    /// Who must act ("UNHCR, IOM").
    pub who: String,
    pub article: Option<String>,
    /// The date rests on an assumption of the file's author.
    pub assumed: bool,
    pub explanation: String,
    /// When the item is the end of the agreement: its last day in force, and the day
    /// termination takes effect.
    pub ends: Option<(NaiveDate, NaiveDate)>,
}

/// A due item: agreement `agreement` of the page, its item `item`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ItemRef {
    pub agreement: u32,
    pub item: u32,
}

/// What kind of decision a deadline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DecisionKind {
    /// Notice of non-renewal must arrive by the date to end the current term.
    NonRenewal,
    /// Notice must arrive by the date to end the agreement on a given day (the end of
    /// a calendar year, the end of a minimum term).
    LatestNotice,
    /// An approval awaited for entry into force.
    Approval,
    /// Another step entry into force waits for: a signature, a notification, an
    /// instrument, an agreed date.
    Step,
    /// An amendment awaiting a party's decision.
    Amendment,
    /// A change to a draft text awaiting a party's agreement.
    DraftChange,
}

impl DecisionKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            DecisionKind::NonRenewal => "non-renewal",
            DecisionKind::LatestNotice => "latest notice",
            DecisionKind::Approval => "approval",
            DecisionKind::Step => "step",
            DecisionKind::Amendment => "amendment",
            DecisionKind::DraftChange => "draft change",
        }
    }
}

/// A decision to take, and by when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Index into [`Page::agreements`].
    pub agreement: u32,
    pub kind: DecisionKind,
    /// The last day to act; `None` when the text sets none.
    pub date: Option<NaiveDate>,
    /// Days from the as-of date to `date`.
    pub days_left: Option<i64>,
    /// Pending since (a proposal's date), when known and no date is set.
    pub since: Option<NaiveDate>,
    pub what: String,
    pub who: String,
    pub article: Option<String>,
    pub explanation: String,
}

/// A file left out of the report, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    /// "agreements/x.yaml:8:9".
    pub location: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_are_distinct() {
        let mut marks: Vec<&str> = MarkKind::ALL.iter().map(|k| k.class()).collect();
        marks.sort_unstable();
        marks.dedup();
        assert_eq!(marks.len(), MarkKind::ALL.len());
        let mut phases: Vec<&str> = Phase::ALL.iter().map(|p| p.class()).collect();
        phases.sort_unstable();
        phases.dedup();
        assert_eq!(phases.len(), 4);
        let spans = [
            SpanKind::Provisional,
            SpanKind::InForce,
            SpanKind::Ending,
            SpanKind::Terminated,
            SpanKind::Superseded,
            SpanKind::CurrentTerm,
            SpanKind::NextTerm,
            SpanKind::NoticeWindow,
            SpanKind::Survival,
        ];
        let mut classes: Vec<&str> = spans.iter().map(|k| k.class()).collect();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), spans.len());
    }

    #[test]
    fn anchors_are_prefixed_ids() {
        assert_eq!(anchor("eco-iom-2009"), "a-eco-iom-2009");
        let view = AgreementView {
            id: "x".into(),
            ..AgreementView::default()
        };
        assert_eq!(view.anchor(), "a-x");
    }
}
