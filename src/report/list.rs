//! `accord list` and `accord status`: one row per agreement.

use super::packed::Fields;
use super::{drop, fold_text, keep, opt, wrap, write_rows, Cell, Color, Style};
use crate::engine::participation::{participation, Participation};
use crate::engine::status::{State, Status};
use crate::model::Agreement;
use chrono::NaiveDate;
use std::io::{self, Write};

pub(crate) fn state_color(state: State) -> Color {
    match state {
        State::InForce | State::ProvisionallyApplied => Color::Green,
        State::Terminating => Color::Yellow,
        State::Terminated | State::Superseded => Color::DarkGrey,
        State::Draft | State::AwaitingApproval | State::Signed => Color::Cyan,
    }
}

/// What `list` and `status` show of one agreement: its status and its printed strings
/// in one allocation, small enough to keep one per agreement in a folder of any size.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Row {
    /// The date of signature, if signed by the day asked about.
    #[serde(with = "super::packed::day_number")]
    pub signed: Option<chrono::NaiveDate>,
    pub status: Status,
    /// Each party's participation, for a multilateral agreement.
    pub participation: Vec<Participation>,
    has_short_title: bool,
    has_kind: bool,
    /// id, title, short title, kind, party labels, party ids (space-separated), file.
    fields: Fields<7>,
}

impl Row {
    pub(crate) fn of(a: &Agreement, status: Status, as_of: NaiveDate) -> Row {
        let labels: Vec<String> = a.parties.iter().map(|p| a.party_label(&p.id)).collect();
        let ids: Vec<&str> = a.parties.iter().map(|p| p.id.as_str()).collect();
        Row {
            signed: a.signature_date().filter(|d| *d <= as_of),
            status,
            participation: if a.is_multilateral() {
                participation(a, as_of)
            } else {
                Vec::new()
            },
            has_short_title: a.short_title.is_some(),
            has_kind: a.kind.is_some(),
            fields: Fields::new([
                &a.id,
                &a.title,
                a.short_title.as_deref().unwrap_or(""),
                a.kind.as_deref().unwrap_or(""),
                &labels.join(", "),
                &ids.join(" "),
                &a.file.display().to_string(),
            ]),
        }
    }

    pub(crate) fn id(&self) -> &str {
        self.fields.get(0)
    }

    pub(crate) fn title(&self) -> &str {
        self.fields.get(1)
    }

    /// The short title where there is one, else the title.
    pub(crate) fn display_title(&self) -> &str {
        self.fields.get(if self.has_short_title { 2 } else { 1 })
    }

    pub(crate) fn kind(&self) -> Option<&str> {
        self.has_kind.then(|| self.fields.get(3))
    }

    /// The parties as people read them: "UNHCR, IOM".
    pub(crate) fn party_labels(&self) -> &str {
        self.fields.get(4)
    }

    pub(crate) fn parties(&self) -> impl Iterator<Item = &str> {
        self.fields.get(5).split(' ').filter(|p| !p.is_empty())
    }

    pub(crate) fn file(&self) -> &str {
        self.fields.get(6)
    }
}

pub(crate) fn table_out(out: &mut dyn Write, style: &Style, rows: &[Row]) -> io::Result<()> {
    // On a narrow terminal the parties follow the title, then the signature date goes.
    let columns = [
        keep("id"),
        wrap("title"),
        fold_text("parties", 1, 1, "— ", ""),
        drop("signed", 2),
        keep("in force since"),
        wrap("status"),
    ];
    write_rows(out, style, &columns, rows.len(), |i, cells| {
        let r = &rows[i];
        let st = &r.status;
        cells.extend([
            Cell::new(r.id()),
            Cell::new(r.display_title()),
            Cell::new(r.party_labels()),
            Cell::new(opt(&r.signed)),
            Cell::new(opt(&st.in_force_since)),
            Cell::units(&status_units(st)).colored(style, state_color(st.state)),
        ]);
    })
}

pub(crate) fn json_value(r: &Row) -> serde_json::Value {
    let st = &r.status;
    serde_json::json!({
        "id": r.id(),
        "title": r.title(),
        "kind": r.kind(),
        "status": st.state,
        "reason": st.reason,
        "parties": r.parties().collect::<Vec<_>>(),
        "signed": r.signed,
        "in_force_since": st.in_force_since,
        "provisionally_applied_since": st.provisionally_applied_since,
        "last_day_in_force": st.last_day_in_force,
        "takes_effect_on": st.takes_effect_on,
        "assumed": st.assumed,
        "survives": st.survives,
        "participation": r.participation,
        "superseded_by": st.superseded_by.as_ref().map(|(id, _)| id),
        "awaiting": st.missing_approvals.iter().map(|m| serde_json::json!({"party": m.party, "organ": m.organ})).collect::<Vec<_>>(),
        "file": r.file(),
    })
}

/// The state in words, with the last day in force and an assumption, in units a table
/// never splits: "in force" "(assumed)", "terminating" "(last day 2027-02-20)".
fn status_units(st: &Status) -> Vec<String> {
    let mut units = vec![st.state.label().to_string()];
    if let Some(end) = st.last_day_in_force {
        units.push(format!("(last day {end})"));
    }
    if st.assumed {
        units.push("(assumed)".to_string());
    }
    units
}

pub(crate) fn json_out(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    use serde::Serializer;
    // One row's value at a time, not the whole list.
    serde_json::Serializer::pretty(&mut *out).collect_seq(rows.iter().map(json_value))?;
    writeln!(out)
}

/// `accord status`: the state and its reason, one agreement per line.
pub(crate) fn status_out(out: &mut dyn Write, style: &Style, rows: &[Row]) -> io::Result<()> {
    let columns = [keep("id"), keep("status"), wrap("reason")];
    write_rows(out, style, &columns, rows.len(), |i, cells| {
        let r = &rows[i];
        cells.extend([
            Cell::new(r.id()),
            Cell::units(&[r.status.state.label()]).colored(style, state_color(r.status.state)),
            Cell::new(&r.status.reason),
        ]);
    })
}

/// `accord status ID --party P` and the participation of a multilateral agreement: one
/// party per line.
pub(crate) fn participation_out(
    out: &mut dyn Write,
    style: &Style,
    a: &Agreement,
    rows: &[Participation],
) -> io::Result<()> {
    let columns = [
        wrap("party"),
        keep("status"),
        keep("since"),
        keep("last day"),
        wrap("reason"),
    ];
    write_rows(out, style, &columns, rows.len(), |i, cells| {
        let p = &rows[i];
        cells.extend([
            Cell::new(a.party_label(&p.party)),
            Cell::units(&[p.status.label()]),
            Cell::new(opt(&p.since)),
            Cell::new(opt(&p.last_day_in_force)),
            Cell::new(&p.reason),
        ]);
    })
}
