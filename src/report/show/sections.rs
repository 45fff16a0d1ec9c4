//! The lists `show` prints under the clauses: parties, obligations, what is due next
//! and how the agreement would end, amendments, events, arrangements under the
//! agreement, articles and sources.

use super::ShowContext;
use crate::engine::amendments;
use crate::model::*;
use chrono::NaiveDate;
use std::io::{self, Write};

pub(super) fn parties(out: &mut dyn Write, a: &Agreement) -> io::Result<()> {
    writeln!(out, "parties:")?;
    for p in &a.parties {
        let sig = p
            .signatory
            .as_ref()
            .map(|s| {
                format!(
                    "; signatory {}{}",
                    s.name,
                    s.title.as_ref().map(|t| format!(", {t}")).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let organs = if p.organs.is_empty() {
            String::new()
        } else {
            format!("; organs: {}", p.organs.join(", "))
        };
        writeln!(out, "  {:<8}{}{sig}{organs}", p.id, p.name)?;
    }
    Ok(())
}

/// Each party's participation in a multilateral agreement.
pub(super) fn participation(out: &mut dyn Write, a: &Agreement, as_of: NaiveDate) -> io::Result<()> {
    if !a.is_multilateral() {
        return Ok(());
    }
    writeln!(out, "\nparticipation (as of {as_of}):")?;
    for p in crate::engine::participation::participation(a, as_of) {
        writeln!(out, "  {:<8}{} — {}", p.party, p.status.label(), p.reason)?;
    }
    Ok(())
}

pub(super) fn obligations(out: &mut dyn Write, a: &Agreement, since: Option<NaiveDate>) -> io::Result<()> {
    if a.obligations.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nobligations:")?;
    for o in &a.obligations {
        let when = match &o.schedule {
            Schedule::Every { period, from, first } => {
                // The first due date: as the text names it, or one interval after the
                // schedule's anchor (its `from`, else entry into force).
                let first = first.or_else(|| crate::time::calendar::shift(from.or(since)?, *period));
                format!(
                    "every {period}{}{}{}",
                    from.map(|f| format!(" from {f}")).unwrap_or_default(),
                    first.map(|f| format!(", first due {f}")).unwrap_or_default(),
                    if o.assumed { " (assumed)" } else { "" }
                )
            }
            Schedule::Once { due: Some(d) } => format!("once, by {d}"),
            Schedule::Once { due: None } => "once, no deadline".to_string(),
            Schedule::Standing => "standing".to_string(),
        };
        let who = o
            .parties
            .iter()
            .map(|p| a.party_label(p))
            .collect::<Vec<_>>()
            .join(", ");
        let modal = match o.modality {
            Some(Modality::Intends) => "intends (not binding)",
            Some(m) => m.name(),
            None => "",
        };
        writeln!(out, "  {} [{who}; {modal}; {when}{}]", o.id, cite(o.article.as_deref()))?;
        writeln!(out, "      {}", o.text)?;
        if let Some(c) = &o.condition {
            writeln!(out, "      if: {c}")?;
        }
    }
    Ok(())
}

pub(super) fn amendments(out: &mut dyn Write, a: &Agreement, as_of: NaiveDate) -> io::Result<()> {
    let known: Vec<&Amendment> = a
        .amendments
        .iter()
        .filter(|am| amendments::proposed_by_then(a, am, as_of))
        .collect();
    if known.is_empty() {
        return Ok(());
    }
    let heading = if a.draft { "changes to the draft" } else { "amendments" };
    writeln!(out, "\n{heading}:")?;
    for am in known {
        let st = amendments::status(a, am, as_of);
        writeln!(
            out,
            "  {} to {}: {} — {}",
            am.id,
            am.article.as_deref().unwrap_or("-"),
            st.state.label(),
            st.reason
        )?;
        if let Some(s) = &am.summary {
            writeln!(out, "      {s}")?;
        }
    }
    Ok(())
}

pub(super) fn events(out: &mut dyn Write, a: &Agreement) -> io::Result<()> {
    if a.events.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nevents:")?;
    for e in &a.events {
        let detail = crate::engine::timeline::event_detail(a, e);
        writeln!(out, "  {}  {}{detail}", e.date, e.kind.name())?;
    }
    Ok(())
}

pub(super) fn children(out: &mut dyn Write, cx: &ShowContext) -> io::Result<()> {
    if cx.children.is_empty() {
        return Ok(());
    }
    writeln!(out, "\narrangements under this agreement:")?;
    for (c, st) in &cx.children {
        writeln!(out, "  {}  {} — {}", c.id, c.display_title(), st.state)?;
    }
    Ok(())
}

/// The articles' numbers and titles, or with `--articles` their text as in force.
pub(super) fn articles(out: &mut dyn Write, a: &Agreement, cx: &ShowContext) -> io::Result<()> {
    if a.articles.is_empty() {
        return Ok(());
    }
    if !cx.articles {
        writeln!(out, "\narticles ({}; --articles prints their text):", a.articles.len())?;
        for art in &a.articles {
            writeln!(out, "  {:<6}{}", art.number, art.title.as_deref().unwrap_or(""))?;
        }
        return Ok(());
    }
    writeln!(out, "\narticles (as in force on {}):", cx.as_of)?;
    for (art, by) in amendments::articles_as_of(a, cx.as_of) {
        writeln!(
            out,
            "\n  {} {}{}",
            art.number,
            art.title.as_deref().unwrap_or(""),
            by.map(|b| format!("  [as amended by {b}]")).unwrap_or_default()
        )?;
        for line in art.text.as_deref().unwrap_or("").lines() {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

pub(super) fn sources(out: &mut dyn Write, a: &Agreement) -> io::Result<()> {
    if a.sources.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nsources:")?;
    for s in &a.sources {
        let date = s.date.map(|d| format!(" ({d})")).unwrap_or_default();
        writeln!(out, "  {}{date}", s.title)?;
    }
    Ok(())
}

/// What is due next: date, what, who and article, as `due` computes it.
pub(super) fn next(out: &mut dyn Write, cx: &ShowContext) -> io::Result<()> {
    if cx.next.is_empty() {
        return Ok(());
    }
    let id = cx.next.first().map_or("ID", |i| i.agreement.as_str());
    writeln!(
        out,
        "\nnext due (as of {}, the coming year; `accord due --agreement {id} --explain` says why):",
        cx.as_of
    )?;
    for i in &cx.next {
        let date = i.date.map_or_else(|| "open".to_string(), |d| d.to_string());
        let overdue = if i.status == crate::engine::due::DueStatus::Overdue {
            "overdue: "
        } else {
            ""
        };
        writeln!(
            out,
            "  {date:<10}  {overdue}{} — {}{}",
            i.text,
            i.who,
            cite(i.article.as_deref())
        )?;
    }
    Ok(())
}

/// How the agreement would end on notice received on the as-of date, and its notice
/// windows, as `terminate ID` gives them.
pub(super) fn ending(out: &mut dyn Write, cx: &ShowContext) -> io::Result<()> {
    let Some(answer) = &cx.ending else { return Ok(()) };
    if let Some(o) = &answer.end_if_notice_today {
        writeln!(
            out,
            "\nif notice is received on {}: {} (`accord terminate {}` shows the steps)",
            o.notice_date,
            crate::report::terminate::ends(&answer.rules, o),
            answer.rules.agreement
        )?;
    }
    crate::report::terminate::windows(out, answer)
}
