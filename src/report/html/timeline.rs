//! The timeline part of the page: its legend, the axis, and one row per agreement (a label
//! in HTML, the bar in SVG, see [`super::svg`]), grouped by where the agreements stand
//! and written in blocks that the browser lays out only when scrolled to.

use super::page::*;
use super::svg::{self, Scale};
use maud::{html, Markup, PreEscaped};
use std::io::{self, Write};

/// Timeline rows per block: blocks off screen are not laid out until scrolled to.
pub(crate) const ROWS_PER_BLOCK: usize = 100;

/// Writes the timeline section.
pub(crate) fn write(out: &mut dyn Write, page: &Page, scale: &Scale) -> io::Result<()> {
    let as_of = scale.x(page.as_of);
    let head = html! {
        (PreEscaped("<section id=\"timeline\" class=\"part\">"))
        h2 { "Timeline" }
        p.lead {
            "One row per agreement, from its signature to its last known end; the red line is "
            (page.as_of) ". Point at a bar or a mark to read its date and how it was computed. "
            @if scale.breaks().next().is_some() {
                "The years more than a year before " (page.as_of) " and those after " (page.horizon)
                " are compressed, so that the coming year is wide."
            }
        }
        (legend())
        (svg::defs())
        (PreEscaped(format!("<div class=\"tl\" style=\"--asof:{as_of:.2}%\">")))
        div.tl-head { span.tl-label { "Agreement" } (svg::axis(page, scale)) }
    };
    out.write_all(head.into_string().as_bytes())?;
    for phase in Phase::ALL {
        let rows: Vec<&AgreementView> = page.agreements.iter().filter(|a| a.standing.phase == phase).collect();
        if rows.is_empty() {
            continue;
        }
        let group = html! {
            (PreEscaped(format!("<section class=\"tl-group {}\">", phase.class())))
            h3 { (phase.heading()) " " span.n { "(" (rows.len()) ")" } }
        };
        out.write_all(group.into_string().as_bytes())?;
        for block in rows.chunks(ROWS_PER_BLOCK) {
            let part = html! { ol.tl-rows { @for a in block { (timeline_row(a, page, scale)) } } };
            out.write_all(part.into_string().as_bytes())?;
        }
        out.write_all(b"</section>")?;
    }
    out.write_all(b"</div></section>")
}

fn timeline_row(a: &AgreementView, page: &Page, scale: &Scale) -> Markup {
    let next = a
        .marks
        .iter()
        .find(|m| m.kind == MarkKind::LatestNotice && m.date >= page.as_of);
    html! {
        li.tl-row data-agreement=(a.id) {
            a.tl-label href={ "#" (a.anchor()) } {
                span.tl-title { (a.title) }
                " " span.tl-id { (a.id) }
                " " span class={ "badge " (a.standing.phase.class()) } { (a.standing.label) }
                @if let Some(m) = next { " " span.decide { "decide by " (m.date) } }
                @if a.standing.phase == Phase::Pending { " " span.reason { (a.standing.reason) } }
            }
            (svg::row(a, scale))
        }
    }
}

fn legend() -> Markup {
    let spans = [
        (SpanKind::Provisional, "applied provisionally (not in force)"),
        (SpanKind::InForce, "in force"),
        (SpanKind::Ending, "in force, last day known"),
        (SpanKind::Terminated, "terminated (was in force)"),
        (SpanKind::Superseded, "superseded (was in force)"),
        (SpanKind::CurrentTerm, "current term"),
        (SpanKind::NextTerm, "next term, if renewed"),
        (SpanKind::NoticeWindow, "notice of non-renewal window"),
        (SpanKind::Survival, "provisions that survive the end"),
    ];
    html! {
        details.legend open {
            summary { "How to read the timeline" }
            ul {
                @for (k, what) in spans { li { (svg::span_sample(k)) " " (what) } }
                @for k in MarkKind::ALL.into_iter().filter(|k| svg::drawn(*k)) { li { (svg::mark_sample(k)) " " (k.legend()) } }
                li { span.sample-asof {} " the as-of date" }
                li { span.sample-horizon {} " the horizon: the as-of date + the due table's window" }
                li { span.sample-break {} " on the axis: the scale changes (compressed years)" }
            }
        }
    }
}
