//! `accord show`: everything about one agreement, readable in a terminal (its clauses
//! in words, [`clauses`]; its lists, [`sections`]) or as JSON.

mod clauses;
mod sections;

use crate::engine::amendments;
use crate::engine::due::Item;
use crate::engine::status::Status;
use crate::engine::terminate::Answer;
use crate::model::*;
use chrono::NaiveDate;
use std::io::{self, Write};

/// What `show` needs besides the agreement.
pub(crate) struct ShowContext<'a> {
    pub status: &'a Status,
    pub as_of: NaiveDate,
    pub articles: bool,
    /// Agreements that name this one as `under`, with their status.
    pub children: Vec<(&'a Agreement, Status)>,
    /// The parent agreement and its status, for a child.
    pub parent: Option<(&'a Agreement, Status)>,
    /// What is due next under the agreement, in the report's order.
    pub next: Vec<Item>,
    /// When it would end on notice received on the as-of date, and its notice
    /// windows; `None` when it cannot be terminated (no clause, not in force).
    pub ending: Option<Answer>,
}

fn field(out: &mut dyn Write, name: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "{:<18}{value}", format!("{name}:"))
}

pub(crate) fn text(out: &mut dyn Write, a: &Agreement, cx: &ShowContext) -> io::Result<()> {
    writeln!(out, "{}\n{}\n", a.id, a.title)?;
    if let Some(k) = &a.kind {
        field(out, "kind", k)?;
    }
    field(
        out,
        "status",
        format!("{} — {}", cx.status.state.label(), cx.status.reason),
    )?;
    if let Some((p, st)) = &cx.parent {
        field(out, "under", format!("{} ({}: {})", p.id, st.state, st.reason))?;
    }
    sections::parties(out, a)?;
    if let Some(d) = &a.depositary {
        field(out, "depositary", format!("{}{}", d.name, cite(d.article.as_deref())))?;
    }
    if let Some(date) = a.date {
        field(out, "text of", date)?;
    }
    field(out, "signed", clauses::signed(a))?;
    field(out, "entry into force", clauses::entry_into_force(a))?;
    if let Some(p) = &a.provisional_application {
        field(out, "provisional", clauses::provisional_application(p))?;
    }
    if let Some(d) = &a.duration {
        field(out, "duration", clauses::duration(d))?;
    }
    if let Some(t) = &a.term {
        field(out, "term", clauses::term(t))?;
    }
    field(out, "termination", clauses::termination(a))?;
    for s in &a.survival {
        field(out, "survival", clauses::survival(s))?;
    }
    if let Some(c) = &a.amendment {
        field(out, "amendment", clauses::amendment(a, c))?;
    }
    if !a.supersedes.is_empty() {
        field(out, "supersedes", clauses::supersedes(a))?;
    }
    sections::participation(out, a, cx.as_of)?;
    sections::obligations(
        out,
        a,
        cx.status.in_force_since.or(cx.status.provisionally_applied_since),
    )?;
    sections::next(out, cx)?;
    sections::ending(out, cx)?;
    sections::amendments(out, a, cx.as_of)?;
    sections::events(out, a)?;
    sections::children(out, cx)?;
    sections::articles(out, a, cx)?;
    sections::sources(out, a)?;
    writeln!(out, "\nfile: {}", a.file.display())
}

pub(crate) fn json(out: &mut dyn Write, a: &Agreement, cx: &ShowContext) -> io::Result<()> {
    let mut v = super::list::json_value(&super::list::Row::of(a, cx.status.clone(), cx.as_of));
    let articles: Vec<_> = amendments::articles_as_of(a, cx.as_of)
        .into_iter()
        .map(|(art, by)| serde_json::json!({"number": art.number, "title": art.title, "text": art.text, "amended_by": by}))
        .collect();
    let obligations: Vec<_> = a
        .obligations
        .iter()
        .map(|o| {
            let (every, from, first, due) = match &o.schedule {
                Schedule::Every { period, from, first } => (Some(period.to_string()), *from, *first, None),
                Schedule::Once { due } => (None, None, None, *due),
                Schedule::Standing => (None, None, None, None),
            };
            serde_json::json!({"id": o.id, "text": o.text, "parties": o.parties, "modality": o.modality, "article": o.article, "every": every, "from": from, "first": first, "due": due, "assumed": o.assumed, "condition": o.condition})
        })
        .collect();
    let amendments: Vec<_> = a
        .amendments
        .iter()
        .filter(|am| amendments::proposed_by_then(a, am, cx.as_of))
        .map(|am| {
            let st = amendments::status(a, am, cx.as_of);
            serde_json::json!({"id": am.id, "kind": st.kind, "article": am.article, "status": st.state, "summary": am.summary, "in_force_on": st.in_force_on})
        })
        .collect();
    if let Some(map) = v.as_object_mut() {
        map.insert("articles".into(), articles.into());
        map.insert("obligations".into(), obligations.into());
        map.insert("amendments".into(), amendments.into());
        map.insert(
            "children".into(),
            cx.children.iter().map(|(c, _)| c.id.clone()).collect::<Vec<_>>().into(),
        );
        map.insert("under".into(), a.under.clone().into());
        map.insert("next_due".into(), serde_json::to_value(&cx.next).unwrap_or_default());
        if let Some(e) = &cx.ending {
            map.insert(
                "end_if_notice_today".into(),
                e.end_if_notice_today.as_ref().map(super::terminate::end_json).into(),
            );
            let windows: Vec<_> = e
                .windows
                .iter()
                .map(|w| serde_json::json!({"term": w.term, "term_start": w.term_start, "term_end": w.term_end, "opens": w.opens, "closes": w.closes}))
                .collect();
            map.insert("notice_windows".into(), windows.into());
        }
    }
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
