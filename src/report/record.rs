//! What `accord new` and `accord record` say they did: the file created, or the change
//! recorded with where the agreement stood before and after it (status, next date due,
//! end date, the obligation or amendment concerned), as text or as one JSON object.

use crate::engine::amendments::AmendmentState;
use crate::engine::due::Kind;
use crate::engine::status::State;
use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::io::{self, Write};
use std::path::Path;

/// `created agreements/x.yaml`, and what to do next.
pub(crate) fn created(out: &mut dyn Write, path: &Path, id: &str, schema: Option<&Path>) -> io::Result<()> {
    writeln!(out, "created {} (status: draft)", path.display())?;
    writeln!(
        out,
        "next: fill in its clauses, run `accord check`, and `accord record {id} signed --date YYYY-MM-DD` once it is signed"
    )?;
    if let Some(schema) = schema {
        writeln!(
            out,
            "note: the editor modeline points to {}, which does not exist; `accord schema > {}` writes it",
            schema.display(),
            schema.display()
        )?;
    }
    Ok(())
}

/// Where an agreement stood on the as-of day, before or after a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Snapshot {
    pub status: State,
    pub reason: String,
    pub in_force_since: Option<NaiveDate>,
    /// The last day in force, once an end is known (notice on record, termination).
    pub last_day_in_force: Option<NaiveDate>,
    /// The day the end takes effect: the day after the last day in force.
    pub takes_effect_on: Option<NaiveDate>,
    /// The earliest dated item of the schedule (overdue items first).
    pub next_due: Option<Due>,
    /// For a performance: the obligation's next date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obligation: Option<ObligationDue>,
    /// For a decision on an amendment: its status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amendment: Option<AmendmentNow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Due {
    pub date: NaiveDate,
    pub kind: Kind,
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ObligationDue {
    pub id: String,
    pub next_due: Option<NaiveDate>,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct AmendmentNow {
    pub id: String,
    pub state: AmendmentState,
    pub reason: String,
}

/// A recorded change: the agreement, the file, the change as ordered `key: value` pairs
/// (`date` and `type` first), and the agreement before and after.
pub(crate) struct Recorded<'a> {
    pub agreement: &'a str,
    pub file: &'a Path,
    pub event: &'a [(&'static str, String)],
    pub before: &'a Snapshot,
    pub after: &'a Snapshot,
}

/// The change's pairs as a JSON object, in their order.
struct Fields<'a>(&'a [(&'static str, String)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The JSON document, its keys in this order.
#[derive(Serialize)]
struct Doc<'a> {
    agreement: &'a str,
    file: String,
    event: Fields<'a>,
    before: &'a Snapshot,
    after: &'a Snapshot,
}

/// `{"agreement", "file", "event", "before", "after"}`.
pub(crate) fn recorded_json(out: &mut dyn Write, r: &Recorded) -> io::Result<()> {
    let doc = Doc {
        agreement: r.agreement,
        file: r.file.display().to_string(),
        event: Fields(r.event),
        before: r.before,
        after: r.after,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// The change, then one line per thing it changed (`before → after`); the status line
/// always, marked unchanged when it is.
pub(crate) fn recorded(out: &mut dyn Write, r: &Recorded) -> io::Result<()> {
    let pairs: Vec<String> = r.event.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    writeln!(out, "recorded in {}: {}", r.file.display(), pairs.join(", "))?;
    let (b, a) = (r.before, r.after);
    // The reason may start with the state's name ("terminating: notice by …").
    let reason = a.reason.strip_prefix(&format!("{}: ", a.status)).unwrap_or(&a.reason);
    let status = if b.status == a.status {
        format!("{} (unchanged): {reason}", a.status.label())
    } else {
        format!("{} → {}: {reason}", b.status.label(), a.status.label())
    };
    line(out, "status:", &status)?;
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    change(out, "in force since", date(b.in_force_since), date(a.in_force_since))?;
    change(
        out,
        "last day in force",
        date(b.last_day_in_force),
        date(a.last_day_in_force),
    )?;
    change(out, "takes effect on", date(b.takes_effect_on), date(a.takes_effect_on))?;
    let due = |d: &Option<Due>| {
        d.as_ref()
            .map_or_else(|| "nothing".to_string(), |d| format!("{} {}", d.date, d.id))
    };
    change(out, "next due", due(&b.next_due), due(&a.next_due))?;
    if let (Some(bo), Some(ao)) = (&b.obligation, &a.obligation) {
        let label = format!("{} next due:", ao.id);
        let value = if bo.next_due == ao.next_due {
            format!("{} (unchanged)", date(ao.next_due))
        } else {
            format!("{} → {}", date(bo.next_due), date(ao.next_due))
        };
        line(out, &label, &value)?;
        line(out, "", &ao.explanation)?;
    }
    if let (Some(bm), Some(am)) = (&b.amendment, &a.amendment) {
        let label = format!("amendment {}:", am.id);
        let value = if bm.state == am.state {
            format!("{} (unchanged): {}", am.state.label(), am.reason)
        } else {
            format!("{} → {}: {}", bm.state.label(), am.state.label(), am.reason)
        };
        line(out, &label, &value)?;
    }
    Ok(())
}

/// The width of the labels of the lines below the change.
const LABEL: usize = 20;

/// `  label: before → after`, when they differ.
fn change(out: &mut dyn Write, label: &str, before: String, after: String) -> io::Result<()> {
    if before == after {
        return Ok(());
    }
    line(out, &format!("{label}:"), &format!("{before} → {after}"))
}

/// `  label   value`, the values aligned after labels of up to `LABEL` characters.
fn line(out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    let width = LABEL.max(label.chars().count() + 1);
    writeln!(out, "  {label:<width$}{value}")
}
