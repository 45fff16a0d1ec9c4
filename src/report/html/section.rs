//! One agreement's section of the page: its status, parties and clauses with their
//! articles, each party's participation in a multilateral agreement, each obligation
//! with its next date, the amendments (or changes to a draft) and where they stand,
//! every other computed date with its explanation, and what the file records.

use super::page::*;
use super::render::days;
use maud::{html, Markup};

/// One agreement's section. Lists rather than tables: a registry has thousands of
/// sections, and each element costs the browser time to build.
pub(crate) fn agreement(a: &AgreementView, page: &Page) -> Markup {
    // Obligations' dates are shown with the obligations; every other computed date here.
    let computed: Vec<&Mark> = a
        .marks
        .iter()
        .filter(|m| m.derived && !matches!(m.kind, MarkKind::Obligation | MarkKind::Overdue))
        .collect();
    let undated: Vec<&Item> = a
        .due
        .iter()
        .filter(|i| i.date.is_none() && i.kind != "obligation")
        .collect();
    let recorded = recorded(&a.marks);
    html! {
        article.agreement id=(a.anchor()) data-agreement=(a.id) data-phase=(a.standing.phase.class()) {
            h3 { (a.title) " " span.tl-id { (a.id) } }
            p.standing {
                span class={ "badge " (a.standing.phase.class()) } { (a.standing.label) } " " (a.standing.reason)
                @if a.standing.assumed { " " span.assumed { "[entry into force assumed by the file's author]" } }
            }
            dl {
                @if let Some(t) = &a.full_title { dt { "Full title" } dd { (t) } }
                dt { "Parties" }
                dd { @for (k, p) in a.parties.iter().enumerate() { @if k > 0 { "; " } (p.name) @if p.label != p.name { " (" (p.label) ")" } } }
                dt { "File" } dd { code { (a.file) } }
                @for c in &a.clauses {
                    dt { (c.name) }
                    dd {
                        (c.text)
                        @if let Some(m) = &c.assumed { " " span.assumed { (m) } }
                        (article(c))
                    }
                }
            }
            @if !a.participation.is_empty() {
                h4 { "Participation, as of " (page.as_of) }
                ul.dates {
                    @for p in &a.participation {
                        // The engine's reason starts with the state: "withdrawn: notice …".
                        li data-state=(p.class) { strong { (p.party) } ": " (p.reason) }
                    }
                }
            }
            @if !a.obligations.is_empty() {
                h4 { "Obligations, and when each is next due" }
                ul.dates {
                    @for c in &a.obligations {
                        li {
                            (c.name) ": " (c.text)
                            @if let Some(m) = &c.assumed { " " span.assumed { (m) } }
                            (article(c))
                            @for i in a.due.iter().filter(|i| i.kind == "obligation" && i.id == c.name) {
                                " — " span class={ "state " (i.state.name()) } {
                                    @match i.date { Some(d) => { (i.state.name()) " " (d) }, None => "no deadline" }
                                    @if let Some(n) = i.days { " (" (days(n)) ")" }
                                }
                                ": " (i.explanation)
                            }
                        }
                    }
                }
            }
            @if !a.amendments.is_empty() {
                h4 { @if a.draft_changes { "Changes to the draft" } @else { "Amendments" } ", as of " (page.as_of) }
                ul.dates {
                    @for am in &a.amendments {
                        li {
                            strong { (am.id) } " to " (am.article.as_deref().unwrap_or("the agreement")) ": "
                            span.am-state { (am.state) } " — " (am.reason)
                            @if let Some(s) = &am.summary { ". " (s) }
                        }
                    }
                }
            }
            @if !a.spans.is_empty() || !computed.is_empty() || !undated.is_empty() {
                h4 { "Other dates, computed as of " (page.as_of) }
                ul.dates {
                    @for s in &a.spans {
                        li { strong { (s.from) " to " @match s.to { Some(t) => (t), None => "no end" } } " " (s.label) ": " (s.explanation) }
                    }
                    @for m in &computed {
                        li { strong { (m.date) } " " (m.label) ": " (m.explanation) }
                    }
                    @for i in &undated {
                        li { strong { "no date" } " " (i.what) ": " (i.explanation) }
                    }
                }
            }
            @if !recorded.is_empty() {
                h4 { "Recorded in the file" }
                ul.events {
                    @for (label, what, dates) in &recorded {
                        li { (label) ": " @for (k, d) in dates.iter().enumerate() { @if k > 0 { ", " } (d) } " — " (what) }
                    }
                }
            }
        }
    }
}

/// Recorded events grouped by what happened, each with its dates in order.
fn recorded(marks: &[Mark]) -> Vec<(&str, &str, Vec<chrono::NaiveDate>)> {
    let mut out: Vec<(&str, &str, Vec<chrono::NaiveDate>)> = Vec::new();
    for m in marks.iter().filter(|m| !m.derived) {
        match out.iter_mut().find(|(l, e, _)| *l == m.label && *e == m.explanation) {
            Some((_, _, dates)) => dates.push(m.date),
            None => out.push((&m.label, &m.explanation, vec![m.date])),
        }
    }
    out
}

/// " (Art. IX(3), Final clauses)".
fn article(c: &Clause) -> Markup {
    html! {
        @if let Some(art) = &c.article {
            " " span.art { "(" (art) @if let Some(t) = &c.article_title { ", " (t) } ")" }
        }
    }
}
