//! `accord list` and `accord status`: one row per agreement.

use super::packed::Fields;
use super::{colored, opt, write_rows, Cell, Color, Style};
use crate::engine::status::{State, Status};
use crate::model::Agreement;
use std::io::{self, Write};

pub(crate) fn state_color(state: State) -> Color {
    match state {
        State::InForce => Color::Green,
        State::Terminating => Color::Yellow,
        State::Terminated | State::Superseded => Color::DarkGrey,
        State::Draft | State::AwaitingApproval | State::Signed => Color::Cyan,
    }
}

/// What `list` and `status` show of one agreement: its status and its printed strings
/// in one allocation, small enough to keep one per agreement in a folder of any size.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub signed: Option<chrono::NaiveDate>,
    pub status: Status,
    has_short_title: bool,
    has_kind: bool,
    /// id, title, short title, kind, party labels, party ids (space-separated), file.
    fields: Fields<7>,
}

impl Row {
    pub(crate) fn of(a: &Agreement, status: Status) -> Row {
        let labels: Vec<String> = a.parties.iter().map(|p| a.party_label(&p.id)).collect();
        let ids: Vec<&str> = a.parties.iter().map(|p| p.id.as_str()).collect();
        Row {
            signed: a.signature_date(),
            status,
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
    let headers = ["id", "title", "parties", "signed", "in force since", "status"];
    write_rows(out, style, &headers, rows.len(), |i, cells| {
        let r = &rows[i];
        let st = &r.status;
        let mut status = st.state.name().to_string();
        if let Some(end) = st.ends_on {
            status.push_str(&format!(" ({end})"));
        }
        if st.assumed {
            status.push_str(" (assumed)");
        }
        cells.extend([
            Cell::new(r.id()),
            Cell::new(r.display_title()),
            Cell::new(r.party_labels()),
            Cell::new(opt(&r.signed)),
            Cell::new(opt(&st.in_force_since)),
            colored(style, status, state_color(st.state)),
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
        "ends_on": st.ends_on,
        "assumed": st.assumed,
        "superseded_by": st.superseded_by.as_ref().map(|(id, _)| id),
        "awaiting": st.missing_approvals.iter().map(|m| serde_json::json!({"party": m.party, "organ": m.organ})).collect::<Vec<_>>(),
        "file": r.file(),
    })
}

pub(crate) fn json_out(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    use serde::Serializer;
    // One row's value at a time, not the whole list.
    serde_json::Serializer::pretty(&mut *out).collect_seq(rows.iter().map(json_value))?;
    writeln!(out)
}

/// `accord status`: the state and its reason, one agreement per line.
pub(crate) fn status_out(out: &mut dyn Write, style: &Style, rows: &[Row]) -> io::Result<()> {
    write_rows(out, style, &["id", "status", "reason"], rows.len(), |i, cells| {
        let r = &rows[i];
        cells.extend([
            Cell::new(r.id()),
            colored(style, r.status.state.name(), state_color(r.status.state)),
            Cell::new(&r.status.reason),
        ]);
    })
}
