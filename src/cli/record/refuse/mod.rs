//! The refusals of `accord record`: a recorded event is a statement of fact in a legal
//! record, so a change that cannot be true is refused with the reason and the rule,
//! before anything is written. Each check is a question put to the engines about the
//! day of the event: was the agreement signed, in force, ended; was a notice pending;
//! was the amendment still open.

mod amendments;
mod events;

use super::change::Change;
use crate::file::edit::Decision;
use crate::model::{Agreement, Amendment, Event, EventKind};
use crate::suggest::did_you_mean;
use amendments::{decided, open_amendment};
use chrono::NaiveDate;
use events::{notice, performed, revocation, signature};

/// Why a change is not recorded, and the rule that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Refusal {
    pub reason: String,
    pub rule: String,
}

pub(super) fn no(reason: impl Into<String>, rule: impl Into<String>) -> Refusal {
    Refusal {
        reason: reason.into(),
        rule: rule.into(),
    }
}

const NAMES: &str = "an event names only what the agreement's file defines";
const FUTURE: &str = "a record states what has happened: nothing is recorded after the day accord records as of (--as-of, default today)";
pub(super) const ONCE: &str = "each fact is recorded once";
pub(super) const BEFORE_SIGNATURE: &str =
    "the record of an agreement starts with its signature: only approvals and notes precede it (`accord check`: event-order)";

/// Refuses `change` to `a` (as the file now reads) when it cannot be true; `all` holds
/// the agreements `a`'s status depends on.
pub(super) fn check(a: &Agreement, change: &Change, as_of: NaiveDate, all: &[Agreement]) -> Result<(), Refusal> {
    names(a, change)?;
    let date = change.date();
    if date > as_of {
        return Err(no(
            format!("{date} is after {as_of}, the day this record is made as of"),
            FUTURE,
        ));
    }
    match change {
        Change::Event(e) => {
            if a.events.iter().any(|x| same_event(x, e)) {
                return Err(no(format!("this event is already recorded in {}", a.id), ONCE));
            }
            event_rules(a, e, all)?;
            later_events(a, change, all)
        }
        Change::Signed { date, place } => {
            signature(a, *date, place.as_deref())?;
            later_events(a, change, all)
        }
        Change::Decision {
            amendment,
            decision,
            by,
        } => decided(a, amendment, decision, by.as_deref()),
    }
}

/// The rules an event of `a`'s record must meet on its date (`a` without the event).
fn event_rules(a: &Agreement, e: &Event, all: &[Agreement]) -> Result<(), Refusal> {
    match e.kind {
        EventKind::Performed => performed(a, e, all),
        EventKind::NoticeGiven => notice(a, e, all),
        EventKind::NoticeRevoked => revocation(a, e),
        EventKind::Approved => match &e.amendment {
            Some(id) => open_amendment(a, id, e.date),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// A back-dated change must not make an event already on record impossible (a notice
/// that ends the agreement before a performance recorded later, a revocation left
/// without its notice). Problems the record had before the change are not its doing.
fn later_events(a: &Agreement, change: &Change, all: &[Agreement]) -> Result<(), Refusal> {
    // The rules never read article texts, the bulk of a file: work on a copy without.
    let mut a = a.clone();
    a.articles.clear();
    let before = problems(&a, all);
    let after = change.applied(&a);
    let new = match change {
        Change::Event(e) => Some(e),
        _ => None,
    };
    for (e, r) in problems(&after, all) {
        if new.is_some_and(|n| same_event(n, &e)) || before.iter().any(|(x, q)| same_event(x, &e) && *q == r) {
            continue;
        }
        return Err(no(
            format!(
                "it would leave the {} event of {} on record impossible: {}",
                e.kind.name(),
                e.date,
                r.reason
            ),
            r.rule,
        ));
    }
    Ok(())
}

/// Each event of `a`'s record that breaks a rule on its date, and why.
fn problems(a: &Agreement, all: &[Agreement]) -> Vec<(Event, Refusal)> {
    let mut out = Vec::new();
    let mut rest = a.clone();
    for i in 0..a.events.len() {
        if !matches!(
            a.events[i].kind,
            EventKind::Performed | EventKind::NoticeGiven | EventKind::NoticeRevoked
        ) {
            continue;
        }
        // The record without the event, to check the event against.
        let e = rest.events.remove(i);
        if let Err(r) = event_rules(&rest, &e, all) {
            out.push((e.clone(), r));
        }
        rest.events.insert(i, e);
    }
    out
}

/// Two events that state the same fact.
fn same_event(x: &Event, e: &Event) -> bool {
    (x.date, x.kind, &x.party, &x.organ, &x.obligation, &x.amendment, &x.by)
        == (e.date, e.kind, &e.party, &e.organ, &e.obligation, &e.amendment, &e.by)
}

/// Every party, organ, obligation and amendment the change names exists.
fn names(a: &Agreement, change: &Change) -> Result<(), Refusal> {
    let party = |p: &str| -> Result<(), Refusal> {
        match a.party(p) {
            Some(_) => Ok(()),
            None => Err(no(
                unknown("party", p, &a.id, a.parties.iter().map(|x| x.id.as_str())),
                NAMES,
            )),
        }
    };
    let amendment = |id: &str| -> Result<&Amendment, Refusal> {
        a.amendment(id).ok_or_else(|| {
            no(
                unknown("amendment", id, &a.id, a.amendments.iter().map(|x| x.id.as_str())),
                NAMES,
            )
        })
    };
    match change {
        Change::Event(e) => {
            for p in e.party.iter().chain(&e.by) {
                party(p)?;
            }
            if let (Some(p), Some(o)) = (&e.party, &e.organ) {
                let organs = a.party(p).map_or(&[][..], |x| &x.organs[..]);
                if !organs.contains(o) {
                    return Err(no(
                        unknown("organ", o, &a.party_label(p), organs.iter().map(String::as_str)),
                        format!("{NAMES} (organs are listed under `parties.{p}.organs`)"),
                    ));
                }
            }
            if let Some(o) = &e.obligation {
                if a.obligation(o).is_none() {
                    let ids = a.obligations.iter().map(|x| x.id.as_str());
                    return Err(no(unknown("obligation", o, &a.id, ids), NAMES));
                }
            }
            e.amendment.as_deref().map_or(Ok(()), |id| amendment(id).map(|_| ()))
        }
        Change::Signed { .. } => Ok(()),
        Change::Decision {
            amendment: id,
            decision,
            by,
        } => {
            amendment(id)?;
            match decision {
                Decision::Accepted { party: p, .. } | Decision::Rejected { party: p, .. } => party(p),
                Decision::Withdrawn { .. } => by.as_deref().map_or(Ok(()), party),
            }
        }
    }
}

/// "no party `x` in eco-iom-2009; did you mean `iom`?"
fn unknown<'a>(what: &str, name: &str, of: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    let plural = if what == "party" {
        "parties".to_string()
    } else {
        format!("{what}s")
    };
    let hint = did_you_mean(name, known.iter().copied())
        .or_else(|| (!known.is_empty()).then(|| format!("{plural}: {}", known.join(", "))))
        .map(|h| format!("; {h}"))
        .unwrap_or_default();
    format!("no {what} `{name}` in {of}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::{agreement, Texts};
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn parse(events: &str) -> Agreement {
        let text = format!(
            "id: t\ntitle: T\nparties:\n  a: {{name: A}}\n  b: {{name: B}}\nsigned: {{date: 2020-01-01}}\nentry_into_force: {{upon: signature}}\ntermination: {{notice: 3 months}}\nobligations:\n  - {{id: o, text: O, parties: [a], article: '1', every: 1 year}}\nevents:\n{events}"
        );
        let (a, diagnostics) = agreement(Path::new("t.yaml"), &text, Texts::Keep);
        a.unwrap_or_else(|| panic!("{diagnostics:?}"))
    }

    fn event(kind: EventKind, date: &str, set: impl FnOnce(&mut Event)) -> Change {
        let mut e = super::super::change::event(kind, d(date));
        set(&mut e);
        Change::Event(e)
    }

    fn refused(a: &Agreement, change: &Change) -> Option<String> {
        check(a, change, d("2026-11-22"), std::slice::from_ref(a))
            .err()
            .map(|r| r.reason)
    }

    #[test]
    fn facts_cannot_be_in_the_future_or_recorded_twice() {
        let a = parse("  - {date: 2021-01-01, type: performed, obligation: o}\n");
        let performed = |date| event(EventKind::Performed, date, |e| e.obligation = Some("o".into()));
        assert!(refused(&a, &performed("2026-11-23")).is_some_and(|r| r.contains("after 2026-11-22")));
        assert!(refused(&a, &performed("2021-01-01")).is_some_and(|r| r.contains("already recorded")));
        assert_eq!(refused(&a, &performed("2026-11-22")), None);
    }

    #[test]
    fn a_back_dated_notice_cannot_end_the_agreement_before_what_followed() {
        let a = parse("  - {date: 2025-06-01, type: performed, obligation: o}\n");
        let notice = |date| event(EventKind::NoticeGiven, date, |e| e.by = Some("a".into()));
        // Three months from 2025-01-10 end on 2025-04-10, before the performance.
        let r = refused(&a, &notice("2025-01-10")).unwrap_or_default();
        assert!(r.contains("the performed event of 2025-06-01"), "{r}");
        // Ending after it is a possible history.
        assert_eq!(refused(&a, &notice("2025-04-01")), None);
    }

    #[test]
    fn a_revocation_needs_the_same_party_s_pending_notice() {
        let a = parse("  - {date: 2026-10-01, type: notice_given, by: a}\n");
        let revoke = |by: &str, date| {
            let by = by.to_string();
            event(EventKind::NoticeRevoked, date, move |e| e.by = Some(by))
        };
        assert_eq!(refused(&a, &revoke("a", "2026-11-01")), None);
        assert!(refused(&a, &revoke("b", "2026-11-01")).is_some_and(|r| r.contains("no notice by B")));
        assert!(refused(&a, &revoke("a", "2026-09-30")).is_some_and(|r| r.contains("no notice by A")));
    }
}
