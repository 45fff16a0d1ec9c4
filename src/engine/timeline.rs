//! The timeline of an agreement: its recorded events and the milestones accord derives
//! from its clauses (signature, entry into force, end of a notice period, supersession).

use crate::engine::entry::{entry_into_force, EntryIntoForce};
use crate::engine::notice::pending_notice;
use crate::engine::status;
use crate::model::{Agreement, Event, EventKind};
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

/// Events and derived milestones of `a` known on `as_of`, in date order.
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
        if let Some(d) = s.date {
            if !a.events.iter().any(|e| e.kind == EventKind::Signed) {
                out.push(entry(d, "signed", s.place.clone().unwrap_or_default(), false));
            }
        }
    }
    for e in &a.events {
        out.push(entry(
            e.date,
            e.kind.name(),
            event_detail(a, e).trim().to_string(),
            false,
        ));
    }
    if let EntryIntoForce::Since { date, reason, .. } = entry_into_force(a, as_of) {
        out.push(entry(date, "entry_into_force", reason, true));
    }
    if let Some(n) = pending_notice(a, as_of) {
        out.push(entry(
            n.end,
            "notice_period_ends",
            format!(
                "last day in force under the notice by {} received {}",
                a.party_label(&n.by),
                n.received
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
    if let Some(n) = &e.note {
        parts.push(n.clone());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  {}", parts.join("; "))
    }
}
