//! What `accord record` records, once its arguments are read: an event for `events`,
//! the signature, or a decision on an amendment. Each change knows how it is written
//! (a text edit, see [`crate::file::edit`]) and what the agreement must read as once it
//! is (the old model with the change applied), so the edit can be checked against it.

use crate::file::edit::{self, Decision, EditError, NewEvent};
use crate::model::{Agreement, Event, EventKind, Signed};
use chrono::NaiveDate;

/// One change to an agreement's record.
#[derive(Clone, Debug)]
pub(super) enum Change {
    /// An event for the `events` list.
    Event(Event),
    /// The signature, recorded in `signed`.
    Signed { date: NaiveDate, place: Option<String> },
    /// A decision on an amendment, recorded in its entry. `by` is the party that
    /// withdrew a proposal, checked but not stored (the format records the date).
    Decision {
        amendment: String,
        decision: Decision,
        by: Option<String>,
    },
}

impl Change {
    pub(super) fn date(&self) -> NaiveDate {
        match self {
            Change::Event(e) => e.date,
            Change::Signed { date, .. } => *date,
            Change::Decision { decision, .. } => match decision {
                Decision::Accepted { date, .. } | Decision::Rejected { date, .. } | Decision::Withdrawn { date } => {
                    *date
                }
            },
        }
    }

    /// The change as ordered `key: value` pairs, `date` and `type` first.
    pub(super) fn fields(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("date", self.date().to_string())];
        match self {
            Change::Event(e) => {
                out.push(("type", e.kind.name().to_string()));
                let optional = [
                    ("party", &e.party),
                    ("organ", &e.organ),
                    ("obligation", &e.obligation),
                    ("amendment", &e.amendment),
                    ("by", &e.by),
                ];
                out.extend(optional.into_iter().filter_map(|(k, v)| v.clone().map(|v| (k, v))));
            }
            Change::Signed { place, .. } => {
                out.push(("type", "signed".into()));
                out.extend(place.clone().map(|p| ("place", p)));
            }
            Change::Decision {
                amendment,
                decision,
                by,
            } => {
                let (kind, party) = match decision {
                    Decision::Accepted { party, .. } => ("accepted", Some(party.clone())),
                    Decision::Rejected { party, .. } => ("rejected", Some(party.clone())),
                    Decision::Withdrawn { .. } => ("withdrawn", by.clone()),
                };
                out.push(("type", kind.into()));
                out.push(("amendment", amendment.clone()));
                out.extend(party.map(|p| ("party", p)));
            }
        }
        out
    }

    /// The obligation a performance concerns.
    pub(super) fn obligation(&self) -> Option<&str> {
        match self {
            Change::Event(e) if e.kind == EventKind::Performed => e.obligation.as_deref(),
            _ => None,
        }
    }

    /// The amendment a decision or an approval concerns.
    pub(super) fn amendment(&self) -> Option<&str> {
        match self {
            Change::Event(e) => e.amendment.as_deref(),
            Change::Decision { amendment, .. } => Some(amendment),
            Change::Signed { .. } => None,
        }
    }

    /// The file's text with the change written in.
    pub(super) fn edit(&self, text: &str) -> Result<String, EditError> {
        match self {
            Change::Event(_) => {
                let fields = self.fields();
                edit::insert_event(
                    text,
                    &NewEvent {
                        date: self.date(),
                        fields,
                    },
                )
            }
            Change::Signed { date, place } => edit::sign(text, *date, place.as_deref()),
            Change::Decision {
                amendment, decision, ..
            } => edit::decide(text, amendment, decision),
        }
    }

    /// What the agreement must read as once the change is written: `a` with the event
    /// after the events of its date, the signature recorded (no longer a draft), or the
    /// decision added to the amendment.
    pub(super) fn applied(&self, a: &Agreement) -> Agreement {
        let mut a = a.clone();
        match self {
            Change::Event(e) => {
                let at = a.events.iter().rposition(|x| x.date <= e.date).map_or(0, |i| i + 1);
                a.events.insert(at, e.clone());
            }
            Change::Signed { date, place } => {
                let place = place
                    .clone()
                    .or_else(|| a.signed.as_ref().and_then(|s| s.place.clone()));
                a.signed = Some(Signed {
                    date: Some(*date),
                    place,
                });
                a.draft = false;
            }
            Change::Decision {
                amendment, decision, ..
            } => {
                if let Some(am) = a.amendments.iter_mut().find(|am| am.id == *amendment) {
                    match decision {
                        Decision::Accepted { party, date } => am.accepted.push((party.clone(), *date)),
                        Decision::Rejected { party, date } => am.rejected.push((party.clone(), *date)),
                        Decision::Withdrawn { date } => am.withdrawn = Some(*date),
                    }
                }
            }
        }
        a
    }
}

/// An event of `kind` on `date`, its references empty.
pub(super) fn event(kind: EventKind, date: NaiveDate) -> Event {
    Event {
        date,
        kind,
        party: None,
        organ: None,
        obligation: None,
        amendment: None,
        by: None,
        instrument: None,
        effective_on: None,
        scope: None,
        note: None,
    }
}
