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

pub fn table_out(out: &mut dyn Write, style: &Style, rows: &[(&Agreement, Status)]) -> io::Result<()> {
    let mut t = table(style, &["id", "title", "parties", "signed", "in force since", "status"]);
    for (a, st) in rows {
        let mut status = st.state.name().to_string();
        if let Some(end) = st.ends_on {
            status.push_str(&format!(" ({end})"));
        }
        if st.assumed {
            status.push_str(" (assumed)");
        }
        t.add_row(vec![
            Cell::new(&a.id),
            Cell::new(a.display_title()),
            Cell::new(
                a.parties
                    .iter()
                    .map(|p| a.party_label(&p.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::new(opt(&a.signature_date())),
            Cell::new(opt(&st.in_force_since)),
            colored(style, status, state_color(st.state)),
        ]);
    }
    write_table(out, &t)
}

pub fn json_value(a: &Agreement, st: &Status) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "title": a.title,
        "kind": a.kind,
        "status": st.state,
        "reason": st.reason,
        "parties": a.parties.iter().map(|p| &p.id).collect::<Vec<_>>(),
        "signed": a.signature_date(),
        "in_force_since": st.in_force_since,
        "ends_on": st.ends_on,
        "assumed": st.assumed,
        "superseded_by": st.superseded_by.as_ref().map(|(id, _)| id),
        "awaiting": st.missing_approvals.iter().map(|m| serde_json::json!({"party": m.party, "organ": m.organ})).collect::<Vec<_>>(),
        "file": a.file.display().to_string(),
    })
}

pub fn json_out(out: &mut dyn Write, rows: &[(&Agreement, Status)]) -> io::Result<()> {
    let list: Vec<_> = rows.iter().map(|(a, st)| json_value(a, st)).collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// `accord status`: the state and its reason, one agreement per line.
pub fn status_out(out: &mut dyn Write, style: &Style, rows: &[(&Agreement, Status)]) -> io::Result<()> {
    let mut t = table(style, &["id", "status", "reason"]);
    for (a, st) in rows {
        t.add_row(vec![
            Cell::new(&a.id),
            colored(style, st.state.name(), state_color(st.state)),
            Cell::new(&st.reason),
        ]);
    }
    write_table(out, &t)
}
