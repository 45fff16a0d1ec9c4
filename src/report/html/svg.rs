//! The timeline, drawn as SVG from the page model: the time scale shared by every row,
//! the axis, the shapes and patterns of the legend, and one bar per agreement. Dates are
//! only placed here (day numbers to percent, ticks of the axis); every date shown is the
//! page's. Rows are
//! separate SVG images positioned in percent of their width, so the same markup fits a
//! wide screen and a phone; marks closer than the eye can separate are drawn as one,
//! whose tooltip lists every date it stands for.

use super::page::{AgreementView, Mark, MarkKind, Page, Span, SpanKind};
use chrono::{Datelike, Months, NaiveDate};
use maud::{html, Markup, Render};
use std::fmt::Write as _;

/// Marks closer than this (in percent of the bar) are drawn as one; recorded events and
/// obligations' dates further apart where the years before the as-of date are
/// compressed (about eight years), each mark's tooltip listing every date it stands for.
const MERGE: f64 = 1.0;
const MERGE_HISTORY: f64 = 8.0;

/// The bar's first and last dates are this far (in percent) from its edges, so that
/// marks there are drawn whole.
const MARGIN: f64 = 1.5;

/// Tick labels at least this far apart (in percent of the bar).
const TICK_GAP: f64 = 9.0;

/// A position in percent of the bar's width, written with two decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pct(pub f64);

impl Render for Pct {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(buffer, "{:.2}%", self.0);
    }
}

/// Maps dates to percent of the bar: linear within each segment. When the years before
/// the as-of date would squeeze the coming year into a sliver, the scale has three
/// segments (earlier years, the year before the as-of date to the horizon, later
/// years), and the axis says so.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Scale {
    /// `(day, percent)`, increasing in both.
    stops: Vec<(i64, f64)>,
}

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

impl Scale {
    /// The scale for the page: from the earliest date any agreement shows to the later of
    /// the last one and the horizon, its middle segment from a year before the as-of
    /// date to the horizon.
    pub(crate) fn of(page: &Page) -> Scale {
        let dates = page.agreements.iter().flat_map(|a| {
            a.spans
                .iter()
                .flat_map(|s| [Some(s.from), s.to])
                .flatten()
                .chain(a.marks.iter().map(|m| m.date))
        });
        let (mut first, mut last) = (page.as_of, page.horizon);
        for d in dates {
            first = first.min(d);
            last = last.max(d);
        }
        // About a year before the as-of date, in days: where the wide segment starts.
        let focus_from = NaiveDate::from_num_days_from_ce_opt(i32::try_from(day(page.as_of) - 365).unwrap_or(0))
            .unwrap_or(page.as_of);
        Scale::new(first, focus_from.max(first), page.horizon, last)
    }

    /// A scale over `first..=last` whose segment `focus_from..=focus_to` gets at least half
    /// of the width.
    pub(crate) fn new(first: NaiveDate, focus_from: NaiveDate, focus_to: NaiveDate, last: NaiveDate) -> Scale {
        let (a, b, c, d) = (
            day(first),
            day(focus_from),
            day(focus_to),
            day(last).max(day(first) + 1),
        );
        let total = (d - a) as f64;
        let share = |x: i64, y: i64| (y - x).max(0) as f64 / total * 100.0;
        if share(b, c) >= 50.0 {
            return Scale {
                stops: vec![(a, 0.0), (d, 100.0)],
            };
        }
        let left = share(a, b).min(28.0);
        let right = share(c, d).min(14.0);
        let mut stops = vec![(a, 0.0)];
        if b > a {
            stops.push((b, left));
        }
        if c > b && c < d {
            stops.push((c, 100.0 - right));
        }
        stops.push((d, 100.0));
        Scale { stops }
    }

    /// The position of a day, clamped to the bar.
    pub(crate) fn x(&self, date: NaiveDate) -> f64 {
        MARGIN + self.raw(day(date)) * (100.0 - 2.0 * MARGIN) / 100.0
    }

    /// The position of a day number on a bar without margins.
    fn raw(&self, t: i64) -> f64 {
        let first = self.stops[0];
        if t <= first.0 {
            return first.1;
        }
        for w in self.stops.windows(2) {
            let ((d0, p0), (d1, p1)) = (w[0], w[1]);
            if t <= d1 {
                return p0 + (p1 - p0) * (t - d0) as f64 / (d1 - d0).max(1) as f64;
            }
        }
        100.0
    }

    /// Where the scale changes, as `(day, percent)`, between the first and last stop.
    pub(crate) fn breaks(&self) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        let inner = &self.stops[1..self.stops.len() - 1];
        inner.iter().filter_map(|(d, _)| {
            let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(*d).ok()?)?;
            Some((date, self.x(date)))
        })
    }

    /// Tick dates of each segment, each with whether it is a year (a major tick) and
    /// whether it has room for a label.
    pub(crate) fn ticks(&self) -> Vec<(NaiveDate, bool, bool)> {
        let mut out: Vec<(NaiveDate, bool, bool)> = Vec::new();
        let mut last_label = f64::MIN;
        for w in self.stops.windows(2) {
            let ((d0, p0), (d1, p1)) = (w[0], w[1]);
            let days_per_pct = (d1 - d0) as f64 / (p1 - p0).max(0.01);
            let months = [1u32, 3, 6, 12, 24, 60, 120, 240]
                .into_iter()
                .find(|m| f64::from(*m) * 30.4 / days_per_pct >= TICK_GAP)
                .unwrap_or(480);
            let (Some(from), Some(to)) = (
                NaiveDate::from_num_days_from_ce_opt(d0 as i32),
                NaiveDate::from_num_days_from_ce_opt(d1 as i32),
            ) else {
                continue;
            };
            let mut t = NaiveDate::from_ymd_opt(from.year(), 1, 1).unwrap_or(from);
            while t <= to {
                let aligned = if months >= 12 {
                    t.month() == 1 && t.year() % (months / 12) as i32 == 0
                } else {
                    (t.month() - 1).is_multiple_of(months)
                };
                if t >= from && aligned && out.last().is_none_or(|(l, _, _)| *l < t) {
                    let x = self.x(t);
                    let room = x - last_label >= TICK_GAP * 0.8 && (3.0..=97.0).contains(&x);
                    if room {
                        last_label = x;
                    }
                    out.push((t, t.month() == 1, room));
                }
                let Some(n) = t.checked_add_months(Months::new(1)) else {
                    break;
                };
                t = n;
            }
        }
        out
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The shapes and patterns every row refers to, drawn once.
pub(crate) fn defs() -> Markup {
    html! {
        svg.defs width="0" height="0" aria-hidden="true" focusable="false" {
            defs {
                pattern id="p-terminated" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#d5d5d5" {}
                    line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2" {}
                }
                pattern id="p-superseded" width="6" height="6" patternUnits="userSpaceOnUse" {
                    rect width="6" height="6" fill="#ddd6ea" {}
                    circle cx="3" cy="3" r="1.3" fill="#5d4a86" {}
                }
                pattern id="p-ending" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)" {
                    rect width="8" height="8" fill="#7fbf8e" {}
                    line x1="0" y1="0" x2="0" y2="8" stroke="#2f7a44" stroke-width="2" {}
                }
                pattern id="p-window" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="5" height="5" fill="#fde7b0" {}
                    line x1="0" y1="0" x2="0" y2="5" stroke="#b7791f" stroke-width="1.5" {}
                }
                pattern id="p-provisional" width="8" height="8" patternUnits="userSpaceOnUse" {
                    rect width="8" height="8" fill="#e3edf8" {}
                    line x1="0" y1="4" x2="8" y2="4" stroke="#0b5cad" stroke-width="2" stroke-dasharray="3 2" {}
                }
            }
        }
    }
}

/// A sample of a mark's shape, for the legend.
pub(crate) fn mark_sample(kind: MarkKind) -> Markup {
    html! {
        svg.sample width="22" height="30" aria-hidden="true" { (shape(kind, Pct(50.0), false, None)) }
    }
}

/// A mark's shape at `x`: plain rectangles and circles, which take positions in percent
/// (the style centres, rotates and colours them by class); with a tooltip when given.
fn shape(kind: MarkKind, x: Pct, many: bool, title: Option<&str>) -> Markup {
    let class = format!("m {}{}", kind.class(), if many { " many" } else { "" });
    // (width, height) of a rectangle, or the radius of a circle.
    let (w, h, r) = match kind {
        MarkKind::LatestNotice | MarkKind::LastDay => (10, 10, 0.0),
        MarkKind::Overdue => (4, 18, 0.0),
        MarkKind::EntryIntoForce => (5, 18, 0.0),
        MarkKind::TakesEffect => (3, 14, 0.0),
        MarkKind::Provisional => (5, 14, 0.0),
        MarkKind::SurvivalEnds => (6, 6, 0.0),
        MarkKind::Superseded => (8, 18, 0.0),
        MarkKind::TermEnd => (2, 22, 0.0),
        MarkKind::EarliestEnd => (8, 12, 0.0),
        MarkKind::Amendment => (8, 8, 0.0),
        MarkKind::Obligation => (0, 0, 4.5),
        MarkKind::Signed => (0, 0, 3.5),
        MarkKind::Event => (0, 0, 2.5),
    };
    html! {
        @if r > 0.0 {
            circle class=(class) cx=(x) cy="15" r=(r) { @if let Some(t) = title { title { (t) } } }
        } @else {
            rect class=(class) x=(x) y=(15 - h / 2) width=(w) height=(h) { @if let Some(t) = title { title { (t) } } }
        }
    }
}

/// A sample of a span's pattern, for the legend.
pub(crate) fn span_sample(kind: SpanKind) -> Markup {
    html! {
        svg.sample width="34" height="18" aria-hidden="true" {
            rect class={ "s " (kind.class()) } x="1" y="3" width="32" height="12" {}
        }
    }
}

/// The axis above the rows: ticks, the as-of date, the horizon and the scale's breaks.
pub(crate) fn axis(page: &Page, scale: &Scale) -> Markup {
    let as_of = scale.x(page.as_of);
    let horizon = scale.x(page.horizon);
    html! {
        svg.tl-axis role="img" aria-label={ "Time axis; as of " (page.as_of) } {
            line.axis x1="0" x2="100%" y1="33" y2="33" {}
            @for (t, major, room) in scale.ticks() {
                @let x = Pct(scale.x(t));
                line.tick x1=(x) x2=(x) y1="27" y2="33" {}
                @if room {
                    text class=(if major { "major" } else { "minor" }) x=(x) y="24" text-anchor="middle" {
                        @if t.month() == 1 { (t.year()) } @else { (MONTHS[t.month0() as usize]) }
                    }
                }
            }
            @for (_, p) in scale.breaks() {
                rect.break x=(Pct(p)) y="26" width="3" height="8" {
                    title { "The scale changes here: the years more than a year before the as-of date, and those after the horizon, are compressed" }
                }
            }
            rect.horizon x=(Pct(horizon)) y="0" width="2" height="34" {
                title { "Horizon: " (page.horizon) ", the as-of date + " (page.within) "; the due table ends here" }
            }
            rect.asof x=(Pct(as_of)) y="0" width="3" height="34" transform="translate(-1,0)" {
                title { "As of " (page.as_of) ": the day everything on this page is computed for" }
            }
            text.asof-label x=(Pct(as_of)) y="10" text-anchor="middle" { "as of" }
        }
    }
}

/// Whether the timeline draws marks of this kind: all but the earliest end, which the
/// agreement's section lists (a mark on every row in force would crowd the bars).
pub(crate) fn drawn(kind: MarkKind) -> bool {
    kind != MarkKind::EarliestEnd
}

/// One agreement's bar.
pub(crate) fn row(a: &AgreementView, scale: &Scale) -> Markup {
    let shown: Vec<&Mark> = a.marks.iter().filter(|m| drawn(m.kind)).collect();
    html! {
        svg.tl-bar role="img" aria-label={ "Timeline of " (a.id) } {
            @for s in a.spans.iter().filter(|s| s.kind.is_life()) { (span(s, scale)) }
            @for s in a.spans.iter().filter(|s| !s.kind.is_life()) { (span(s, scale)) }
            @for group in clusters(&shown, scale) { (marks(&group, scale)) }
        }
    }
}

fn span(s: &Span, scale: &Scale) -> Markup {
    let x0 = scale.x(s.from);
    let x1 = s.to.map_or(100.0, |t| scale.x(t));
    let (y, h) = match s.kind {
        SpanKind::CurrentTerm | SpanKind::NextTerm => (5, 20),
        SpanKind::NoticeWindow => (26, 5),
        _ => (8, 14),
    };
    html! {
        rect class={ "s " (s.kind.class()) } x=(Pct(x0)) y=(y) width=(Pct((x1 - x0).max(0.25))) height=(h) {
            title { (s.label) @if s.kind.is_life() { "\n" (s.explanation) } }
        }
    }
}

/// Whether a mark is one of the many (recorded events, obligations' dates) rather than a
/// milestone of the agreement's life or a decision.
fn minor(kind: MarkKind) -> bool {
    matches!(
        kind,
        MarkKind::Overdue | MarkKind::Obligation | MarkKind::Signed | MarkKind::Event
    )
}

/// Marks grouped where they would overlap: milestones and decisions among themselves, the
/// many among themselves.
fn clusters<'a>(marks: &[&'a Mark], scale: &Scale) -> Vec<Vec<&'a Mark>> {
    let history_ends = scale.breaks().next().map_or(f64::MIN, |(_, x)| x);
    let mut out = Vec::new();
    for many in [false, true] {
        let mut groups: Vec<(f64, Vec<&Mark>)> = Vec::new();
        for &m in marks.iter().filter(|m| minor(m.kind) == many) {
            let x = scale.x(m.date);
            let merge = if many && x < history_ends { MERGE_HISTORY } else { MERGE };
            match groups.last_mut() {
                Some((x0, g)) if x - *x0 < merge => g.push(m),
                _ => groups.push((x, vec![m])),
            }
        }
        out.extend(groups.into_iter().map(|(_, g)| g));
    }
    out
}

/// One drawn mark for a group of marks: the shape of the most important, and a tooltip
/// with every date, the same event on several dates said once.
fn marks(group: &[&Mark], scale: &Scale) -> Markup {
    let Some(first) = group.first() else { return html! {} };
    let lead = group.iter().map(|m| m.kind).min().unwrap_or(first.kind);
    let mut lines: Vec<(&str, &str, Vec<NaiveDate>)> = Vec::new();
    for m in group {
        match lines.iter_mut().find(|(l, t, _)| *l == m.label && *t == m.tooltip()) {
            Some((_, _, dates)) => dates.push(m.date),
            None => lines.push((&m.label, m.tooltip(), vec![m.date])),
        }
    }
    let mut title = String::new();
    if group.len() > 1 {
        let _ = write!(title, "{} dates here:", group.len());
    }
    for (label, why, dates) in &lines {
        if !title.is_empty() {
            title.push('\n');
        }
        for (k, d) in dates.iter().enumerate() {
            let _ = write!(title, "{}{d}", if k > 0 { ", " } else { "" });
        }
        let _ = write!(title, " — {label}: {why}");
    }
    shape(lead, Pct(scale.x(first.date)), group.len() > 1, Some(&title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_short_span_is_linear() {
        let s = Scale::new(d(2026, 1, 1), d(2026, 1, 1), d(2027, 1, 1), d(2027, 1, 1));
        assert_eq!(s.x(d(2026, 1, 1)), MARGIN);
        assert_eq!(s.x(d(2027, 1, 1)), 100.0 - MARGIN);
        assert!((s.x(d(2026, 7, 2)) - 50.0).abs() < 0.2);
        assert_eq!(s.breaks().count(), 0);
    }

    #[test]
    fn decades_of_history_leave_the_coming_year_most_of_the_bar() {
        let s = Scale::new(d(1990, 1, 1), d(2025, 11, 22), d(2027, 11, 22), d(2035, 1, 1));
        let on_bar = |raw: f64| MARGIN + raw * (100.0 - 2.0 * MARGIN) / 100.0;
        assert!((s.x(d(2025, 11, 22)) - on_bar(28.0)).abs() < 1e-9);
        assert!((s.x(d(2027, 11, 22)) - on_bar(86.0)).abs() < 1e-9);
        assert!((s.x(d(2026, 11, 22)) - on_bar(57.0)).abs() < 0.1);
        assert_eq!(s.breaks().count(), 2);
        // Clamped to the bar, and never decreasing.
        assert_eq!(s.x(d(1980, 1, 1)), MARGIN);
        assert_eq!(s.x(d(2040, 1, 1)), 100.0 - MARGIN);
        let mut last = -1.0;
        for y in 1990..2036 {
            let x = s.x(d(y, 6, 30));
            assert!(x > last, "{y}");
            last = x;
        }
    }

    #[test]
    fn ticks_are_ordered_and_spaced() {
        let s = Scale::new(d(1990, 1, 1), d(2025, 11, 22), d(2027, 11, 22), d(2030, 1, 1));
        let ticks = s.ticks();
        assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
        let labelled: Vec<f64> = ticks.iter().filter(|t| t.2).map(|t| s.x(t.0)).collect();
        for w in labelled.windows(2) {
            assert!(w[1] - w[0] >= TICK_GAP * 0.8, "{w:?}");
        }
        assert!(labelled.iter().all(|x| (3.0..=97.0).contains(x)));
        assert!(ticks.iter().any(|(t, major, room)| *major && *room && t.year() == 2027));
    }

    #[test]
    fn the_same_event_on_several_dates_is_said_once() {
        let s = Scale::new(d(2026, 1, 1), d(2026, 1, 1), d(2027, 1, 1), d(2027, 1, 1));
        let m = |day| Mark {
            date: d(2026, 3, day),
            kind: MarkKind::Event,
            label: "Performed".into(),
            explanation: "duty-1 (Art. 6)".into(),
            short: None,
            derived: false,
        };
        let list = [m(1), m(2)];
        let drawn = marks(&clusters(&list.iter().collect::<Vec<_>>(), &s)[0], &s).into_string();
        assert!(
            drawn.contains("2026-03-01, 2026-03-02 — Performed: duty-1 (Art. 6)"),
            "{drawn}"
        );
        assert!(drawn.starts_with("<circle"), "{drawn}");
    }

    #[test]
    fn close_marks_are_drawn_as_one_listing_each_date() {
        let s = Scale::new(d(2026, 1, 1), d(2026, 1, 1), d(2027, 1, 1), d(2027, 1, 1));
        let m = |day, kind| Mark {
            date: d(2026, 3, day),
            kind,
            label: format!("m{day}"),
            explanation: "why".into(),
            short: None,
            derived: false,
        };
        let list = [
            m(1, MarkKind::TermEnd),
            m(2, MarkKind::LatestNotice),
            m(3, MarkKind::Event),
            m(30, MarkKind::LastDay),
        ];
        let groups = clusters(&list.iter().collect::<Vec<_>>(), &s);
        // A decision is never hidden among recorded events: they are grouped apart.
        let kinds: Vec<Vec<MarkKind>> = groups.iter().map(|g| g.iter().map(|m| m.kind).collect()).collect();
        assert_eq!(
            kinds,
            [
                vec![MarkKind::TermEnd, MarkKind::LatestNotice],
                vec![MarkKind::LastDay],
                vec![MarkKind::Event]
            ]
        );
        let drawn = marks(&groups[0], &s).into_string();
        assert!(drawn.contains("class=\"m latest-notice many\""), "{drawn}");
        assert!(drawn.contains("2 dates here:"));
        assert!(drawn.contains("2026-03-01 — m1: why") && drawn.contains("2026-03-02 — m2: why"));
    }
}
