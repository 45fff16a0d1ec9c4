//! `accord list` and `accord status`: one row per agreement.

use super::{colored, opt, table, write_table, Cell, Color, Style};
use crate::model::Agreement;
use crate::status::{State, Status};
use std::io::{self, Write};

pub fn state_color(state: State) -> Color {
    match state {
        State::InForce => Color::Green,
        State::Terminating => Color::Yellow,
        State::Terminated | State::Superseded => Color::DarkGrey,
        State::Draft | State::AwaitingApproval | State::Signed => Color::Cyan,
    }
}

/// What `list` and `status` show of one agreement: small enough to keep one per
/// agreement in a folder of any size.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub display_title: String,
    pub kind: Option<String>,
    pub parties: Vec<String>,
    pub party_labels: String,
    pub signed: Option<chrono::NaiveDate>,
    pub file: String,
    pub status: Status,
}

impl Row {
    pub fn of(a: &Agreement, status: Status) -> Row {
        Row {
            id: a.id.clone(),
            title: a.title.clone(),
            display_title: a.display_title().to_string(),
            kind: a.kind.clone(),
            parties: a.parties.iter().map(|p| p.id.clone()).collect(),
            party_labels: a
                .parties
                .iter()
                .map(|p| a.party_label(&p.id))
                .collect::<Vec<_>>()
                .join(", "),
            signed: a.signature_date(),
            file: a.file.display().to_string(),
            status,
        }
    }
}

pub fn table_out(out: &mut dyn Write, style: &Style, rows: &[Row]) -> io::Result<()> {
    let mut t = table(style, &["id", "title", "parties", "signed", "in force since", "status"]);
    for r in rows {
        let st = &r.status;
        let mut status = st.state.name().to_string();
        if let Some(end) = st.ends_on {
            status.push_str(&format!(" ({end})"));
        }
        if st.assumed {
            status.push_str(" (assumed)");
        }
        t.add_row(vec![
            Cell::new(&r.id),
            Cell::new(&r.display_title),
            Cell::new(&r.party_labels),
            Cell::new(opt(&r.signed)),
            Cell::new(opt(&st.in_force_since)),
            colored(style, status, state_color(st.state)),
        ]);
    }
    write_table(out, &t)
}

pub fn json_value(r: &Row) -> serde_json::Value {
    let st = &r.status;
    serde_json::json!({
        "id": r.id,
        "title": r.title,
        "kind": r.kind,
        "status": st.state,
        "reason": st.reason,
        "parties": r.parties,
        "signed": r.signed,
        "in_force_since": st.in_force_since,
        "ends_on": st.ends_on,
        "assumed": st.assumed,
        "superseded_by": st.superseded_by.as_ref().map(|(id, _)| id),
        "awaiting": st.missing_approvals.iter().map(|m| serde_json::json!({"party": m.party, "organ": m.organ})).collect::<Vec<_>>(),
        "file": r.file,
    })
}

pub fn json_out(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    let list: Vec<_> = rows.iter().map(json_value).collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// `accord status`: the state and its reason, one agreement per line.
pub fn status_out(out: &mut dyn Write, style: &Style, rows: &[Row]) -> io::Result<()> {
    let mut t = table(style, &["id", "status", "reason"]);
    for r in rows {
        t.add_row(vec![
            Cell::new(&r.id),
            colored(style, r.status.state.name(), state_color(r.status.state)),
            Cell::new(&r.status.reason),
        ]);
    }
    write_table(out, &t)
}
