//! How each kind of item on the schedule is derived from one agreement: approvals
//! awaited for entry into force, the end of a notice on record, obligations (from their
//! anchor or their last performance), fixed terms and renewal windows, and amendments
//! awaiting a decision. Every dated item explains its date.

use super::{days_from, DueStatus, Explanations, Item, Kind, Query, Superseders, DEFAULT_LEAD};
use crate::engine::amendments::{self, AmendmentState};
use crate::engine::rules::{self, TermRules};
use crate::engine::status::{self, State, Status};
use crate::engine::{notice, terminate};
use crate::model::*;
use crate::time::calendar::{next_occurrence, period_end, shift_back};
use crate::time::period::Period;
use chrono::{Datelike, NaiveDate};

/// One item before its status and day count are derived.
struct Step {
    date: Option<NaiveDate>,
    kind: Kind,
    id: String,
    /// Who must act (party ids).
    parties: Vec<String>,
    article: Option<String>,
    assumed: bool,
    text: String,
    lead: Option<Period>,
    explanation: String,
}

/// Builds the items of one agreement as of a date.
struct Builder<'a> {
    a: &'a Agreement,
    as_of: NaiveDate,
    explanations: Explanations,
}

impl Builder<'_> {
    /// How a date was computed, unless the output does not print it.
    fn explain(&self, why: impl FnOnce() -> String) -> String {
        match self.explanations {
            Explanations::Include => why(),
            Explanations::Omit => String::new(),
        }
    }

    /// Every party's id, for steps the whole agreement must take.
    fn everyone(&self) -> Vec<String> {
        self.a.parties.iter().map(|p| p.id.clone()).collect()
    }

    fn item(&self, step: Step) -> Item {
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
            assumed: step.assumed,
            text: step.text,
            lead,
            explanation: step.explanation,
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
    let b = Builder {
        a,
        as_of: query.as_of,
        explanations: query.explanations,
    };
    let st = status::status(a, query.as_of, all);
    let mut out = Vec::new();
    match st.state {
        State::Draft | State::AwaitingApproval => {
            approval_items(&b, &st, &mut out);
            amendment_items(&b, &mut out);
            return out;
        }
        State::Signed | State::Terminated | State::Superseded => return out,
        State::InForce | State::Terminating => {}
    }
    let Some(since) = st.in_force_since else { return out };
    if let (State::Terminating, Some(end)) = (st.state, st.ends_on) {
        out.push(b.item(Step {
            date: Some(end),
            kind: Kind::Deadline,
            id: "termination-effective".into(),
            parties: b.everyone(),
            article: a.termination.as_ref().and_then(|t| t.article.clone()),
            assumed: false,
            text: format!("agreement ends ({})", st.reason),
            lead: None,
            explanation: b.explain(|| notice_explanation(a, query.as_of)),
        }));
    }
    for o in &a.obligations {
        out.extend(obligation_item(&b, o, since, st.ends_on));
    }
    if st.state == State::InForce {
        term_items(&b, &mut out);
    }
    amendment_items(&b, &mut out);
    out
}

/// The approvals entry into force still waits for.
fn approval_items(b: &Builder, st: &Status, out: &mut Vec<Item>) {
    let a = b.a;
    let then = match a.entry_into_force.as_ref().map(|e| &e.upon) {
        Some(Upon::Conditions {
            then: Then::Signature, ..
        }) => "; then signature",
        _ => "",
    };
    for m in &st.missing_approvals {
        let organ = m.organ.as_ref().map(|o| format!("-{}", slug(o))).unwrap_or_default();
        out.push(b.item(Step {
            date: None,
            kind: Kind::Approval,
            id: format!("approval-{}{organ}", m.party),
            parties: vec![m.party.clone()],
            article: a.entry_into_force.as_ref().and_then(|e| e.article.clone()),
            assumed: false,
            text: format!("approval by {} for entry into force{then}", a.approval_label(m)),
            lead: None,
            explanation: b.explain(|| st.reason.clone()),
        }));
    }
}

/// The next occurrence of an obligation, unless it was performed (one-off), has no
/// schedule (standing) or falls after the agreement's end.
fn obligation_item(b: &Builder, o: &Obligation, since: NaiveDate, ends: Option<NaiveDate>) -> Option<Item> {
    let last =
        b.a.events
            .iter()
            .filter(|e| e.kind == EventKind::Performed && e.obligation.as_deref() == Some(&o.id) && e.date <= b.as_of)
            .map(|e| e.date)
            .max();
    let (date, explanation) = match &o.schedule {
        Schedule::Standing => return None,
        Schedule::Once { .. } if last.is_some() => return None,
        Schedule::Once { due } => (
            *due,
            b.explain(|| due.map_or("no deadline in the text".to_string(), |d| format!("due on {d}"))),
        ),
        Schedule::Every { period, from } => {
            let (date, why) = next_due(b, *period, *from, since, last)?;
            (Some(date), why)
        }
    };
    if date.zip(ends).is_some_and(|(d, end)| d > end) {
        return None;
    }
    Some(b.item(Step {
        date,
        kind: Kind::Obligation,
        id: o.id.clone(),
        parties: o.parties.clone(),
        article: o.article.clone(),
        assumed: o.assumed,
        text: o.text.clone(),
        lead: o.lead,
        explanation,
    }))
}

/// The next date of a recurring obligation: one interval after the last performance,
/// or, with none recorded, the next occurrence from its anchor on or after the as-of date.
fn next_due(
    b: &Builder,
    period: Period,
    from: Option<NaiveDate>,
    since: NaiveDate,
    last: Option<NaiveDate>,
) -> Option<(NaiveDate, String)> {
    if let Some(l) = last {
        let next = period_end(l, period)?;
        return Some((
            next.date,
            b.explain(|| format!("every {period} from the last performance: {next}")),
        ));
    }
    let anchor = from.unwrap_or(since);
    let anchor_why = if from.is_some() {
        "its `from` date"
    } else {
        "entry into force"
    };
    let (k, next) = next_occurrence(anchor, period, b.as_of)?;
    let month_end = if period.has_months() && next.day() != anchor.day() {
        ", the last day of the month (Reg. 1182/71 art. 3(2)(c))"
    } else {
        ""
    };
    Some((next, b.explain(|| format!("every {period} from {anchor} ({anchor_why}); occurrence {k}: {anchor} + {k} × {period} → {next}{month_end}; no performance recorded"))))
}

/// The end of a fixed term, or the current term's end and the last day to give notice
/// of non-renewal.
fn term_items(b: &Builder, out: &mut Vec<Item>) {
    let Ok(rules) = rules::rules(b.a, b.as_of, &rules::Options::default()) else {
        return;
    };
    let Some(term) = &rules.term else { return };
    let article = term.article.clone().or_else(|| rules.article.clone());
    if term.renewal.is_none() {
        out.extend(fixed_term_end(b, term, article));
        return;
    }
    let windows = terminate::windows(&rules, b.as_of, 2);
    if let Some(w) = windows.iter().find(|w| w.closes >= b.as_of) {
        let which = if w.term == 0 {
            "the initial term".to_string()
        } else {
            format!("renewal term {}", w.term)
        };
        out.push(b.item(Step {
            date: Some(w.closes),
            kind: Kind::Deadline,
            id: "non-renewal-notice".into(),
            parties: b.everyone(),
            article: article.clone(),
            assumed: false,
            text: format!("last day to give notice of non-renewal (term ends {})", w.term_end),
            lead: Some(Period::days(90)),
            explanation: b.explain(|| {
                format!(
                    "latest receipt so that the notice period ends by {}, the last day of {which}; window opened {}",
                    w.term_end, w.opens
                )
            }),
        }));
    }
    if let Some(w) = windows.first() {
        out.push(b.item(Step {
            date: Some(w.term_end),
            kind: Kind::Deadline,
            id: "term-end".into(),
            parties: b.everyone(),
            article,
            assumed: false,
            text: "current term ends; renewed tacitly unless notice was given in time".into(),
            lead: None,
            explanation: b.explain(|| {
                format!(
                    "term {} runs {} to {}, the day before the next term starts on {}",
                    w.term,
                    w.term_start,
                    w.term_end,
                    w.term_end.succ_opt().unwrap_or(w.term_end)
                )
            }),
        }));
    }
}

/// The expiry of a fixed term that is not renewed, unless it has passed.
fn fixed_term_end(b: &Builder, term: &TermRules, article: Option<String>) -> Option<Item> {
    let (_, e) = term.term(0)?;
    if e < b.as_of {
        return None;
    }
    Some(b.item(Step {
        date: Some(e),
        kind: Kind::Deadline,
        id: "term-end".into(),
        parties: b.everyone(),
        article,
        assumed: false,
        text: "fixed term expires".into(),
        lead: None,
        explanation: b.explain(|| {
            format!(
                "fixed term of {} from {}: {} + {} = {}; a term ends the day before, on {e}",
                term.length,
                term.start,
                term.start,
                term.length,
                e.succ_opt().unwrap_or(e)
            )
        }),
    }))
}

/// Amendments proposed by the as-of date and still awaiting a decision.
fn amendment_items(b: &Builder, out: &mut Vec<Item>) {
    for am in
        b.a.amendments
            .iter()
            .filter(|am| amendments::proposed_by_then(am, b.as_of))
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
        out.push(b.item(Step {
            date: None,
            kind: Kind::Amendment,
            id: am.id.clone(),
            parties: st.awaiting.iter().map(|x| x.party.clone()).collect(),
            article: am.article.clone(),
            assumed: false,
            text: format!(
                "decide on amendment {} to {}{by}",
                am.id,
                am.article.as_deref().unwrap_or("the agreement")
            ),
            lead: None,
            explanation: b.explain(|| format!("{}: {}{summary}", st.state.name(), st.reason)),
        }));
    }
}

/// The arithmetic behind the end date of the notice on record.
fn notice_explanation(a: &Agreement, as_of: NaiveDate) -> String {
    notice::pending_notice(a, as_of)
        .and_then(|n| {
            let rules = rules::rules(a, as_of, &rules::Options::default()).ok()?;
            notice::end_date(&rules, n.received)
        })
        .map_or_else(
            || "the last day in force under the notice on record".to_string(),
            |o| o.steps.join("; "),
        )
}

/// `General Assembly` → `general-assembly`, for item ids.
fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
