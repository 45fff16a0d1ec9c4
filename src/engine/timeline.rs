//! The timeline of an agreement: its recorded events and the milestones accord derives
//! from its clauses (signature, provisional application, entry into force, a party's
//! own entry into force and withdrawal, the last day in force and the day termination
//! takes effect, the end of what survives, supersession, amendments in force).

use crate::engine::entry::{entry_into_force, provisionally_applied_since, EntryIntoForce};
use crate::engine::participation::{participation, Participation};
use crate::engine::status;
use crate::model::{cite, Agreement, Event, EventKind};
use chrono::NaiveDate;

/// One line of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub date: NaiveDate,
    pub agreement: String,
    pub event: String,
    pub detail: String,
    /// Computed by accord rather than recorded in the file.
    pub derived: bool,
}

/// Events and derived milestones of `a` known on `as_of`, in date order: nothing
/// recorded after `as_of` is shown.
pub fn timeline(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Vec<Entry> {
    let entry = |date, event: &str, detail: String, derived| Entry {
        date,
        agreement: a.id.clone(),
        event: event.to_string(),
        detail,
        derived,
    };
    let mut out = Vec::new();
    if let Some(s) = &a.signed {
        if let Some(d) = s.date.filter(|d| *d <= as_of) {
            if !a.events.iter().any(|e| e.kind == EventKind::Signed) {
                out.push(entry(d, "signed", s.place.clone().unwrap_or_default(), false));
            }
        }
    }
    for e in a.events.iter().filter(|e| e.date <= as_of) {
        out.push(entry(
            e.date,
            e.kind.name(),
            event_detail(a, e).trim().to_string(),
            false,
        ));
    }
    if let Some((date, how)) = provisionally_applied_since(a, as_of) {
        out.push(entry(date, "provisional_application", how, true));
    }
    if let EntryIntoForce::Since { date, reason, .. } = entry_into_force(a, as_of) {
        out.push(entry(date, "entry_into_force", reason, true));
    }
    out.extend(
        participation(a, as_of)
            .into_iter()
            .flat_map(|p| party_milestones(a, &p))
            .map(|(date, event, detail)| entry(date, event, detail, true)),
    );
    let st = status::status(a, as_of, all);
    if let (Some(last), Some(takes)) = (st.last_day_in_force, st.takes_effect_on) {
        out.push(entry(last, "last_day_in_force", st.reason.clone(), true));
        out.push(entry(
            takes,
            "termination_takes_effect",
            format!("the first day it no longer binds; last day in force {last}"),
            true,
        ));
    }
    // What survives, past or to come: the timeline is a history, not a status.
    let survives = st
        .last_day_in_force
        .map(|last| status::surviving(a, last, NaiveDate::MIN))
        .unwrap_or_default();
    for s in &survives {
        out.push(entry(
            s.until,
            "survival_ends",
            format!(
                "last day on which {} {} apply{}",
                if s.articles.len() == 1 { "article" } else { "articles" },
                s.articles.join(", "),
                cite(s.article.as_deref())
            ),
            true,
        ));
    }
    if let Some((by, date)) = status::superseded(a, as_of, all) {
        out.push(entry(date, "superseded", format!("by {by}"), true));
    }
    for am in &a.amendments {
        let st = crate::engine::amendments::status(a, am, as_of);
        if let Some(on) = st.in_force_on {
            out.push(entry(
                on,
                "amendment_in_force",
                format!("{} ({})", am.id, am.article.as_deref().unwrap_or("-")),
                true,
            ));
        }
    }
    out.sort_by_key(|e| e.date);
    out
}

/// A party's own entry into force, when it differs from the agreement's, and its
/// withdrawal.
fn party_milestones(a: &Agreement, p: &Participation) -> Vec<(NaiveDate, &'static str, String)> {
    let mut out = Vec::new();
    let general = crate::engine::entry::in_force_since(a, p.since.unwrap_or(NaiveDate::MIN));
    if let Some(since) = p.since.filter(|s| Some(*s) != general && a.is_multilateral()) {
        out.push((
            since,
            "entry_into_force_for_party",
            format!("for {}", a.party_label(&p.party)),
        ));
    }
    if let (Some(last), Some(takes)) = (p.last_day_in_force, p.takes_effect_on) {
        let who = a.party_label(&p.party);
        out.push((last, "last_day_bound", format!("{who}: {}", p.reason)));
        out.push((takes, "withdrawal_takes_effect", format!("{who} is no longer bound")));
    }
    out
}

/// The details of an event in words: "IOM Council", "by ECO", the obligation's text.
pub fn event_detail(a: &Agreement, e: &Event) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &e.party {
        parts.push(match &e.organ {
            Some(o) => format!("{} {o}", a.party_label(p)),
            None => a.party_label(p),
        });
    }
    if let Some(b) = &e.by {
        parts.push(format!("by {}", a.party_label(b)));
    }
    if let Some(o) = &e.obligation {
        parts.push(a.obligation(o).map_or(o.clone(), |ob| format!("{o}: {}", ob.text)));
    }
    if let Some(am) = &e.amendment {
        parts.push(format!("amendment {am}"));
    }
    if let Some(i) = e.instrument {
        parts.push(format!("instrument of {i}"));
    }
    if let Some(l) = e.effective_on {
        parts.push(format!("to take effect on {l}"));
    }
    if e.scope.is_some() {
        parts.push("will not become a party: ends provisional application".into());
    }
    if let Some(n) = &e.note {
        parts.push(n.clone());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  {}", parts.join("; "))
    }
}
