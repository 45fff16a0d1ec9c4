//! How the items of one agreement are derived, by its state on the day: the steps entry
//! into force waits for ([`super::steps`]), obligations ([`super::obligations`]), the
//! deadlines the clauses set ([`super::deadlines`]), and amendments or changes to a
//! draft awaiting a decision. Every dated item explains its date.

use super::{
    days_from, deadlines, obligations, steps, DueStatus, Explanations, Item, Kind, Query, Superseders, DEFAULT_LEAD,
};
use crate::engine::amendments::{self, AmendmentKind, AmendmentState};
use crate::engine::status::{self, State};
use crate::model::*;
use crate::time::calendar::shift_back;
use crate::time::period::Period;
use chrono::NaiveDate;

/// One item before its status and day count are derived.
pub(super) struct Step {
    pub date: Option<NaiveDate>,
    pub kind: Kind,
    pub id: String,
    /// Who must act (party ids).
    pub parties: Vec<String>,
    pub article: Option<String>,
    pub assumptions: Vec<&'static str>,
    pub modality: Option<Modality>,
    pub condition: Option<String>,
    pub text: String,
    pub lead: Option<Period>,
    pub explanation: String,
    pub occurrence: Option<u32>,
    /// `(last day in force, day termination takes effect)` for the end of the agreement.
    pub end: Option<(NaiveDate, NaiveDate)>,
}

impl Step {
    /// A step of `kind` with nothing but its identity and text; the rest is added by the
    /// caller where it applies.
    pub(super) fn new(kind: Kind, id: impl Into<String>, parties: Vec<String>, text: String) -> Step {
        Step {
            date: None,
            kind,
            id: id.into(),
            parties,
            article: None,
            assumptions: Vec::new(),
            modality: None,
            condition: None,
            text,
            lead: None,
            explanation: String::new(),
            occurrence: None,
            end: None,
        }
    }
}

/// Builds the items of one agreement as of a date.
pub(super) struct Builder<'a> {
    pub a: &'a Agreement,
    pub as_of: NaiveDate,
    explanations: Explanations,
    /// Entry into force rests on the file author's assumption.
    pub eif_assumed: bool,
}

impl Builder<'_> {
    /// How a date was computed, unless the output does not print it.
    pub(super) fn explain(&self, why: impl FnOnce() -> String) -> String {
        match self.explanations {
            Explanations::Include => why(),
            Explanations::Omit => String::new(),
        }
    }

    /// Every party's id (but a collective entry's), for steps the whole agreement takes.
    pub(super) fn everyone(&self) -> Vec<String> {
        self.a
            .parties
            .iter()
            .filter(|p| !p.collective)
            .map(|p| p.id.clone())
            .collect()
    }

    /// A date that rests on entry into force says so when that is assumed.
    pub(super) fn on_entry_into_force(&self, step: &mut Step) {
        if self.eif_assumed {
            step.assumptions.push("entry_into_force");
            if !step.explanation.is_empty() {
                step.explanation
                    .push_str("; entry into force is assumed: the text has no entry-into-force clause");
            }
        }
    }

    pub(super) fn item(&self, step: Step) -> Item {
        let lead = step.lead.unwrap_or(DEFAULT_LEAD);
        let status = match step.date {
            None => DueStatus::Open,
            Some(d) if d < self.as_of => DueStatus::Overdue,
            Some(d) if shift_back(d, lead).is_none_or(|r| r <= self.as_of) => DueStatus::Due,
            Some(_) => DueStatus::Upcoming,
        };
        let who = step
            .parties
            .iter()
            .map(|p| self.a.party_label(p))
            .collect::<Vec<_>>()
            .join(", ");
        Item {
            date: step.date,
            days: step.date.map(|d| days_from(self.as_of, d)),
            status,
            agreement: self.a.id.clone(),
            kind: step.kind,
            id: step.id,
            parties: step.parties,
            article: step.article,
            assumed: !step.assumptions.is_empty(),
            assumptions: step.assumptions,
            modality: step.modality,
            condition: step.condition,
            text: step.text,
            lead,
            explanation: step.explanation,
            occurrence: step.occurrence,
            last_day_in_force: step.end.map(|(l, _)| l),
            takes_effect_on: step.end.map(|(_, t)| t),
            who,
        }
    }
}

/// Every item of `a` on `query.as_of`, before the window and the filter.
pub(super) fn agreement_items(a: &Agreement, query: &Query) -> Vec<Item> {
    let all = match query.superseders {
        Superseders::Among(all) => all,
        Superseders::DecidedLater => &[],
    };
    let st = status::status(a, query.as_of, all);
    let b = Builder {
        a,
        as_of: query.as_of,
        explanations: query.explanations,
        eif_assumed: a.entry_into_force.as_ref().is_some_and(|c| c.assumed),
    };
    let mut out = Vec::new();
    if a.draft && a.date.is_some_and(|d| d > query.as_of) {
        return out; // nothing of a text is pending before the text exists
    }
    match st.state {
        State::Draft | State::AwaitingApproval | State::Signed => {
            steps::entry_into_force(&b, &st, &mut out);
        }
        State::ProvisionallyApplied => {
            steps::entry_into_force(&b, &st, &mut out);
            if let Some(since) = st.provisionally_applied_since {
                out.extend(obligations::due(
                    &b,
                    (since, "the start of provisional application"),
                    None,
                ));
            }
        }
        State::InForce | State::Terminating => {
            let Some(since) = st.in_force_since else { return out };
            out.extend(deadlines::end(&b, &st));
            out.extend(obligations::due(&b, (since, "entry into force"), st.last_day_in_force));
            if st.state == State::InForce {
                deadlines::term(&b, &mut out);
            }
            steps::instruments_of_parties(&b, &mut out);
        }
        State::Terminated => {
            if let Some(since) = st.in_force_since {
                out.extend(obligations::surviving(&b, (since, "entry into force"), &st.survives));
            }
            return out;
        }
        State::Superseded => return out,
    }
    amendment_items(&b, &mut out);
    out
}

/// Amendments (or changes to a draft) proposed by the as-of date and still awaiting a
/// decision.
fn amendment_items(b: &Builder, out: &mut Vec<Item>) {
    for am in
        b.a.amendments
            .iter()
            .filter(|am| amendments::proposed_by_then(b.a, am, b.as_of))
    {
        let st = amendments::status(b.a, am, b.as_of);
        if !matches!(st.state, AmendmentState::Proposed | AmendmentState::Pending) {
            continue;
        }
        let by = am
            .proposed_by
            .as_ref()
            .map(|p| format!(", proposed by {}", b.a.party_label(p)))
            .unwrap_or_default();
        let summary = am.summary.as_ref().map(|s| format!("; {s}")).unwrap_or_default();
        let (kind, what) = match st.kind {
            AmendmentKind::Amendment => (Kind::Amendment, "amendment"),
            AmendmentKind::DraftChange => (Kind::DraftChange, "change to the draft"),
        };
        let text = format!(
            "decide on {what} {} to {}{by}",
            am.id,
            am.article.as_deref().unwrap_or("the agreement")
        );
        let mut step = Step::new(
            kind,
            am.id.clone(),
            st.awaiting.iter().map(|x| x.party.clone()).collect(),
            text,
        );
        step.article = am.article.clone();
        step.explanation = b.explain(|| format!("{}: {}{summary}", st.state.name(), st.reason));
        out.push(b.item(step));
    }
}
