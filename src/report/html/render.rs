//! The page's HTML, drawn from the page model with maud (every text is escaped): the
//! head with its inline style and the summary, then the parts written by [`super::tables`]
//! (decisions, the due table), [`super::timeline`] and [`super::section`] (one per
//! agreement). Parts are written one after the other, so a page of ten thousand
//! agreements is never held as one string.

use super::page::*;
use super::svg::Scale;
use super::{section, tables, timeline};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::io::{self, Write};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// Rows of the overdue and coming-up lists of the summary; the rest are in the due table,
/// and the summary says how many.
pub(crate) const SUMMARY_ROWS: usize = 25;

/// Agreements whose sections are written together.
const SECTIONS_PER_WRITE: usize = 64;

/// Writes the whole page.
pub(crate) fn write(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let scale = Scale::of(page);
    out.write_all(head(page).into_string().as_bytes())?;
    out.write_all(summary(page).into_string().as_bytes())?;
    tables::decisions(out, page)?;
    timeline::write(out, page, &scale)?;
    tables::due(out, page)?;
    out.write_all(b"<section id=\"agreements\" class=\"part\">")?;
    out.write_all(
        html! { h2 { "Agreements " span.n { "(" (page.agreements.len()) ")" } } }
            .into_string()
            .as_bytes(),
    )?;
    for chunk in page.agreements.chunks(SECTIONS_PER_WRITE) {
        let part = html! { @for a in chunk { (section::agreement(a, page)) } };
        out.write_all(part.into_string().as_bytes())?;
    }
    out.write_all(b"</section></main>")?;
    out.write_all(html! { script { (PreEscaped(SCRIPT)) } }.into_string().as_bytes())?;
    out.write_all(b"</body></html>\n")
}

fn head(page: &Page) -> Markup {
    html! {
        (DOCTYPE)
        (PreEscaped("<html lang=\"en\"><head>"))
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        meta name="generator" content="accord report";
        title { "Agreements as of " (page.as_of) }
        style { (PreEscaped(STYLE)) }
        (PreEscaped("</head><body>"))
        header.top {
            h1 { "Agreements: where they stand on " (long_date(page.as_of)) }
            p.meta {
                "As of " strong { (page.as_of) } ". "
                (page.agreements.len()) " agreement" (plural(page.agreements.len()))
                " from " (page.files) " file" (plural(page.files)) ". "
                "Dates due are listed to " (page.horizon) " (" (page.within) " ahead). "
                @if !page.filters.is_empty() {
                    "Only " (page.filters.join("; ")) ". "
                }
                "Made by " code { "accord report" } "; every date below says how it was computed."
            }
            nav aria-label="Parts of the page" {
                a href="#summary" { "Summary" } " · "
                a href="#decisions" { "Decisions" } " · "
                a href="#timeline" { "Timeline" } " · "
                a href="#due" { "What is due" } " · "
                a href="#agreements" { "Agreements" }
            }
            form #filter hidden role="search" {
                label { "Show only " input #filter-text type="search" placeholder="agreement, party or word" autocomplete="off"; }
                label { " in " select #filter-phase {
                    option value="" { "any status" }
                    @for p in Phase::ALL { option value=(p.class()) { (p.heading().to_lowercase()) } }
                } }
                " " output #filter-count {}
            }
        }
        (PreEscaped("<main>"))
        @if !page.problems.is_empty() { (problems(page)) }
    }
}

fn problems(page: &Page) -> Markup {
    html! {
        section.problems role="alert" {
            h2 { (page.problems.len()) " problem" (plural(page.problems.len())) " in the files: their agreements are not in this report" }
            p { "Run " code { "accord check" } " for the details, fix the files, and make the report again." }
            ul { @for p in &page.problems { li { code { (p.location) } ": " (p.message) } } }
        }
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "22 November 2026".
pub(crate) fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "in 38 days", "today", "165 days ago".
pub(crate) fn days(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

fn summary(page: &Page) -> Markup {
    html! {
        section #summary .part {
            h2 { "Summary" }
            ul.counts aria-label="Agreements by status" {
                @for c in &page.counts {
                    li class={ "count " (c.status.phase.class()) } {
                        span.n { (c.n) } " " (c.status.label)
                    }
                }
                @if page.counts.is_empty() { li.count { "No agreements match." } }
            }
            p.figures {
                strong { (page.overdue.len()) } " overdue · "
                strong { (page.next.len()) } " in the next " (NEXT_DAYS) " days · "
                a href="#decisions" { strong { (page.decisions.len()) } " decision" (plural(page.decisions.len())) " to take" }
                @if let Some(d) = page.decisions.first().filter(|d| d.date.is_some()) {
                    @if let (Some(date), Some(n)) = (d.date, d.days_left) {
                        ", the first by " strong { (date) } " (" (days(n)) ")"
                    }
                }
            }
            div.lists {
                section #overdue {
                    h3 { "Overdue " span.n { "(" (page.overdue.len()) ")" } }
                    @if page.overdue.is_empty() {
                        p.none { "Nothing is overdue." }
                    } @else {
                        (tables::summary(page, &page.overdue[..page.overdue.len().min(SUMMARY_ROWS)]))
                        (more(page.overdue.len(), "overdue items"))
                    }
                }
                section #next {
                    h3 { "Next " (NEXT_DAYS) " days, to " (page.next_until) " " span.n { "(" (page.next.len()) ")" } }
                    @if page.next.is_empty() {
                        p.none { "Nothing falls due in the next " (NEXT_DAYS) " days." }
                    } @else {
                        (tables::summary(page, &page.next[..page.next.len().min(SUMMARY_ROWS)]))
                        (more(page.next.len(), "items"))
                    }
                }
            }
        }
    }
}

fn more(n: usize, what: &str) -> Markup {
    html! {
        @if n > SUMMARY_ROWS {
            p.more { "The first " (SUMMARY_ROWS) " of " (n) " " (what) "; " a href="#due" { "the due table" } " lists them all." }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_words() {
        assert_eq!(days(0), "today");
        assert_eq!(days(38), "in 38 days");
        assert_eq!(days(-165), "165 days ago");
        assert_eq!(days(1), "tomorrow");
    }

    #[test]
    fn text_from_files_is_escaped_everywhere() {
        let evil = "<script>alert(\"x\")</script> & 'co'";
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let a = AgreementView {
            id: "x".into(),
            title: evil.into(),
            standing: Standing {
                reason: evil.into(),
                ..Standing::default()
            },
            parties: vec![PartyView {
                id: "p".into(),
                label: evil.into(),
                name: evil.into(),
            }],
            clauses: vec![Clause {
                name: "Termination".into(),
                text: evil.into(),
                article: Some(evil.into()),
                article_title: Some(evil.into()),
                assumed: Some(evil.into()),
            }],
            participation: vec![PartyStanding {
                party: evil.into(),
                class: "bound".into(),
                reason: evil.into(),
            }],
            amendments: vec![AmendmentView {
                id: "a".into(),
                article: Some(evil.into()),
                state: evil.into(),
                reason: evil.into(),
                summary: Some(evil.into()),
            }],
            spans: vec![Span {
                kind: SpanKind::InForce,
                from: date,
                to: None,
                label: evil.into(),
                explanation: evil.into(),
            }],
            marks: vec![Mark {
                date,
                kind: MarkKind::Event,
                label: evil.into(),
                explanation: evil.into(),
                short: None,
                derived: false,
            }],
            ..AgreementView::default()
        };
        let page = Page {
            as_of: date,
            horizon: date,
            next_until: date,
            agreements: vec![a],
            files: 1,
            ..Page::default()
        };
        let mut out = Vec::new();
        write(&mut out, &page).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>alert"), "unescaped markup");
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'co'"));
        // The title appears in the heading, the timeline and the tooltip of the bar.
        assert!(html.matches("&lt;script&gt;alert").count() >= 8);
    }

    #[test]
    fn long_dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(long_date(d), "2 November 2026");
    }
}
