//! `accord amendments` and `accord timeline` output.

use super::{fold, fold_text, keep, table, wrap, write_table, Cell, Style};
use crate::engine::amendments::AmendmentStatus;
use crate::engine::timeline::Entry;
use crate::model::{Agreement, Amendment};
use std::io::{self, Write};

pub(crate) fn amendments_table(
    out: &mut dyn Write,
    style: &Style,
    rows: &[(&Agreement, &Amendment, AmendmentStatus)],
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "no amendments");
    }
    let mut t = table(
        style,
        &[
            keep("agreement"),
            keep("id"),
            fold("article", 1, 6, "(", ")"),
            keep("status"),
            fold_text("awaiting", 2, 6, "— awaiting ", ""),
            keep("in force on"),
            wrap("summary"),
        ],
    );
    for (a, am, st) in rows {
        t.add_row(vec![
            Cell::new(&a.id),
            Cell::new(&am.id),
            Cell::new(am.article.as_deref().unwrap_or("-")),
            Cell::units(&[st.state.label()]),
            Cell::new(
                st.awaiting
                    .iter()
                    .map(|x| a.approval_label(x))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::new(super::opt(&st.in_force_on)),
            Cell::new(am.summary.as_deref().unwrap_or("")),
        ]);
    }
    write_table(out, &t)
}

pub(crate) fn amendments_json(
    out: &mut dyn Write,
    rows: &[(&Agreement, &Amendment, AmendmentStatus)],
) -> io::Result<()> {
    let list: Vec<_> = rows
        .iter()
        .map(|(a, am, st)| {
            serde_json::json!({
                "agreement": a.id,
                "id": am.id,
                "article": am.article,
                "status": st.state,
                "awaiting": st.awaiting.iter().map(|x| serde_json::json!({"party": x.party, "organ": x.organ})).collect::<Vec<_>>(),
                "in_force_on": st.in_force_on,
                "proposed_by": am.proposed_by,
                "proposed_on": am.proposed_on,
                "summary": am.summary,
                "reason": st.reason,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

pub(crate) fn timeline_table(out: &mut dyn Write, style: &Style, entries: &[Entry]) -> io::Result<()> {
    let mut t = table(style, &[keep("date"), keep("agreement"), keep("event"), wrap("detail")]);
    for e in entries {
        let ev = if e.derived {
            format!("{} *", e.event)
        } else {
            e.event.clone()
        };
        t.add_row(vec![
            Cell::new(e.date.to_string()),
            Cell::new(&e.agreement),
            Cell::new(ev),
            Cell::new(&e.detail),
        ]);
    }
    write_table(out, &t)?;
    writeln!(out, "\n* derived by accord from the clauses and recorded events")
}

pub(crate) fn timeline_json(out: &mut dyn Write, entries: &[Entry]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, entries)?;
    writeln!(out)
}
