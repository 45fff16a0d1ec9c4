//! The page's tables of rows: the decisions, the summary's lists and the due table. Long
//! tables are cut into groups (by how soon, by month) and each group into chunks the
//! browser lays out only when scrolled to; the script sorts a group's rows across its
//! chunks.

use super::page::*;
use super::render::{days, plural};
use chrono::Datelike;
use maud::{html, Markup, PreEscaped};
use std::io::{self, Write};

/// Rows per chunk of a long table.
pub(crate) const CHUNK: usize = 200;

const DUE_HEADERS: [&str; 7] = ["Date", "Days", "Status", "Agreement", "What", "Who", "Article"];
const DECISION_HEADERS: [&str; 6] = ["Deadline", "Days left", "Decision", "Agreement", "Who", "Article"];

/// Writes a group of rows, sortable as one table: chunks of [`CHUNK`] rows, the header
/// in the first. A header whose column sorts as another's (days as dates) says so.
fn group<T>(
    out: &mut dyn Write,
    class: &str,
    headers: &[&str],
    by_date: &[usize],
    rows: &[T],
    row: impl Fn(&T) -> Markup,
) -> io::Result<()> {
    out.write_all(b"<div class=\"group sortable\">")?;
    for (k, chunk) in rows.chunks(CHUNK).enumerate() {
        let part = html! {
            div.chunk {
                table class={ "rows " (class) } {
                    @if k == 0 {
                        thead { tr { @for (c, h) in headers.iter().enumerate() {
                            @if by_date.contains(&c) { th data-col="0" { (h) } } @else { th { (h) } }
                        } } }
                    }
                    tbody { @for r in chunk { (row(r)) } }
                }
            }
        };
        out.write_all(part.into_string().as_bytes())?;
    }
    out.write_all(b"</div>")
}

/// The decisions section: soonest first, in three groups.
pub(crate) fn decisions(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let head = html! {
        (PreEscaped("<section class=\"part\" id=\"decisions\">"))
        h2 { "Decisions to take " span.n { "(" (page.decisions.len()) ")" } }
        p.lead {
            "Each deadline by which a party must act to end or keep an agreement (the last day for notice, "
            "including notice of non-renewal), and each approval, step to entry into force, amendment "
            "or change to a draft awaiting a decision. "
            "Days are counted from " (page.as_of) "; each agreement's section shows every step of a date."
        }
        @if page.decisions.is_empty() { p.none { "No decision is pending." } }
    };
    out.write_all(head.into_string().as_bytes())?;
    let soon = |d: &&Decision| d.days_left.is_some_and(|n| n <= NEXT_DAYS);
    let all: Vec<&Decision> = page.decisions.iter().collect();
    let (dated, undated): (Vec<&Decision>, Vec<&Decision>) = all.into_iter().partition(|d| d.date.is_some());
    let (near, later): (Vec<&Decision>, Vec<&Decision>) = dated.into_iter().partition(soon);
    let groups = [
        (format!("In the next {NEXT_DAYS} days"), near),
        ("Later".to_string(), later),
        (
            "No date set in the text: approvals, steps to entry into force and amendments awaited".to_string(),
            undated,
        ),
    ];
    for (title, rows) in groups.iter().filter(|(_, r)| !r.is_empty()) {
        let h = html! { h3 { (title) " " span.n { "(" (rows.len()) ")" } } };
        out.write_all(h.into_string().as_bytes())?;
        group(out, "decisions", &DECISION_HEADERS, &[1], rows, |d| {
            decision_row(page, d)
        })?;
    }
    out.write_all(b"</section>")
}

fn decision_row(page: &Page, d: &Decision) -> Markup {
    let a = &page.agreements[d.agreement as usize];
    html! {
        tr data-agreement=(a.id) data-kind=(d.kind.label()) {
            td { @match d.date { Some(date) => (date), None => "–" } }
            td {
                @match d.days_left {
                    Some(n) if n < 0 => { strong { (-n) " days late" } }
                    Some(n) => { strong { (n) " day" (plural(n as usize)) } " left" }
                    None => {
                        @match d.since {
                            Some(s) => { "pending since " (s) }
                            None => { "no deadline in the text" }
                        }
                    }
                }
            }
            td { span.kind { (d.kind.label()) } " " (d.what) p.why { (d.explanation) } }
            td { a href={ "#" (a.anchor()) } { (a.id) } }
            td { (d.who) }
            td { (d.article.as_deref().unwrap_or("")) }
        }
    }
}

/// A short list of due items for the summary (without the article: each agreement's
/// section has it).
pub(crate) fn summary(page: &Page, refs: &[ItemRef]) -> Markup {
    html! {
        div.group.sortable {
            table.rows.due.summary {
                thead { tr { th { "Date" } th data-col="0" { "Days" } th { "Status" } th { "Agreement" } th { "What" } th { "Who" } } }
                tbody { @for r in refs { (item_row(page, *r, false)) } }
            }
        }
    }
}

fn item_row(page: &Page, r: ItemRef, article: bool) -> Markup {
    let (a, i) = page.item(r);
    html! {
        tr class=(i.state.name()) {
            td { @match i.date { Some(d) => (d), None => "–" } }
            td { @if let Some(n) = i.days { (days(n)) } }
            td { (i.state.name()) }
            td { a href={ "#" (a.anchor()) } { (a.id) } }
            td {
                (i.what)
                // Both end dates, unless the text already gives them.
                @if let Some((last, takes)) = i.ends.filter(|(_, t)| !i.what.contains(&t.to_string())) {
                    " " span.ends { "(last day in force " (last) "; no longer binding from " (takes) ")" }
                }
                @if i.assumed { " " span.assumed title="the date rests on the file author's assumption, not the agreement's text" { "[assumed]" } }
            }
            td { (i.who) }
            @if article { td { (i.article.as_deref().unwrap_or("")) } }
        }
    }
}

/// Where a due item is listed: overdue, the month of its date, or no date.
fn month(page: &Page, r: &ItemRef) -> (u8, i32, u32) {
    let i = page.item(*r).1;
    match (i.state, i.date) {
        (DueState::Overdue, _) => (0, 0, 0),
        (_, Some(d)) => (1, d.year(), d.month()),
        (_, None) => (2, 0, 0),
    }
}

/// The due table, as `accord due` orders it, in groups: overdue, each month, no date.
pub(crate) fn due(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let head = html! {
        (PreEscaped("<section id=\"due\" class=\"part\">"))
        h2 { "What is due " span.n { "(" (page.due.len()) ")" } }
        p.lead {
            "As " code { "accord due" } " lists it: overdue items first, then everything up to "
            (page.horizon) ", then items with no date. Each agreement's section explains its dates."
        }
        @if page.due.is_empty() { p.none { "Nothing is due." } }
    };
    out.write_all(head.into_string().as_bytes())?;
    let mut rest = &page.due[..];
    while let Some(first) = rest.first() {
        let key = month(page, first);
        let n = rest.iter().take_while(|r| month(page, r) == key).count();
        let (rows, next) = rest.split_at(n);
        let title = match (key.0, page.item(*first).1.date) {
            (0, _) => "Overdue".to_string(),
            (1, Some(d)) => d.format("%B %Y").to_string(),
            _ => "No date in the text".to_string(),
        };
        let h = html! { h3 { (title) " " span.n { "(" (rows.len()) ")" } } };
        out.write_all(h.into_string().as_bytes())?;
        group(out, "due", &DUE_HEADERS, &[1], rows, |r| item_row(page, *r, true))?;
        rest = next;
    }
    out.write_all(b"</section>")
}
