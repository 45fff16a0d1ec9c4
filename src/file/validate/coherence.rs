//! Checks across the whole file once every value is read: article citations against
//! the articles the file lists, a waiting period that outlasts a fixed term, and what
//! the engines compute from the record — a notice before the clause permits it or
//! naming a later date that is too early, a recorded entry into force on another day
//! than the clause gives.

use super::context::Ctx;
use crate::diagnostic::Code;
use crate::engine::entry::{computed, EntryIntoForce, END_OF_RECORD};
use crate::engine::notice::end_date;
use crate::engine::rules::{rules, Options};
use crate::file::raw::RawAgreement;
use crate::model::*;
use crate::suggest::did_you_mean;
use serde_saphyr::Location;

/// Where the values these checks report on are in the file (the model keeps no positions).
pub(super) struct Spans {
    events: Vec<EventSpan>,
    not_before: Option<Location>,
}

struct EventSpan {
    date: String,
    kind: String,
    who: Option<String>,
    at: Location,
    effective_on: Option<Location>,
}

impl Spans {
    pub(super) fn of<T>(raw: &RawAgreement<T>) -> Spans {
        let events = raw
            .events
            .iter()
            .flatten()
            .map(|e| EventSpan {
                date: e.date.value.clone(),
                kind: e.kind.value.clone(),
                who: e.by.as_ref().or(e.party.as_ref()).map(|s| s.value.clone()),
                at: e.date.referenced,
                effective_on: e.effective_on.as_ref().map(|s| s.referenced),
            })
            .collect();
        let not_before = raw
            .termination
            .as_ref()
            .and_then(|t| t.value.not_before.as_ref())
            .map(|n| n.referenced);
        Spans { events, not_before }
    }

    /// The position of a model event.
    fn event(&self, e: &Event) -> Option<&EventSpan> {
        let who = e.by.as_ref().or(e.party.as_ref());
        self.events
            .iter()
            .find(|s| s.date == e.date.to_string() && s.kind == e.kind.name() && s.who.as_ref() == who)
    }
}

pub(super) fn check(cx: &mut Ctx, a: &Agreement, spans: &Spans) {
    citations(cx, a);
    waiting_period(cx, a, spans);
    notices(cx, a, spans);
    recorded_entry(cx, a, spans);
}

/// Every citation must point into an article the file lists (when it lists any).
fn citations(cx: &mut Ctx, a: &Agreement) {
    if a.articles.is_empty() {
        return;
    }
    for (citation, at) in std::mem::take(&mut cx.citations) {
        if a.articles.iter().any(|art| cites(&citation, &art.number)) {
            continue;
        }
        let numbers = a.articles.iter().map(|art| art.number.as_str());
        let help = did_you_mean(&citation, numbers).unwrap_or_else(|| {
            let first: Vec<&str> = a.articles.iter().take(6).map(|art| art.number.as_str()).collect();
            let more = if a.articles.len() > first.len() { ", …" } else { "" };
            format!("the articles are numbered {}{more}", first.join(", "))
        });
        cx.report(
            Code::UnknownArticle,
            &at,
            format!("`{citation}` matches no article listed under `articles`"),
            Some(help),
        );
    }
}

/// A waiting period before notice that is as long as a fixed term without renewal
/// leaves no day on which notice could be given.
fn waiting_period(cx: &mut Ctx, a: &Agreement, spans: &Spans) {
    let (Some(nb), Some(term), Some(at)) = (
        a.termination.as_ref().and_then(|t| t.not_before.as_ref()),
        a.term.as_ref(),
        spans.not_before,
    ) else {
        return;
    };
    let (Some(length), None) = (term.length, &term.renewal) else {
        return;
    };
    if nb.period.approx_days() >= length.approx_days() {
        cx.report(
            Code::NotBeforeTooLong,
            &at,
            format!(
                "notice may be given only after {}, but the fixed term of {length} ends first",
                nb.period
            ),
            Some("check both periods: no notice could ever be given".into()),
        );
    }
}

/// Recorded notices: not before the clause permits, and a later date not too early.
fn notices(cx: &mut Ctx, a: &Agreement, spans: &Spans) {
    for e in a
        .events
        .iter()
        .filter(|e| e.kind == EventKind::NoticeGiven && e.scope.is_none())
    {
        let Some(span) = spans.event(e) else { continue };
        let opts = Options {
            by: e.by.clone(),
            ..Options::default()
        };
        let Ok(r) = rules(a, e.date, &opts) else { continue };
        if let Some(first) = r.first_notice.as_ref().filter(|f| e.date < f.date) {
            cx.report(
                Code::NoticeBeforePermitted,
                &span.at,
                format!(
                    "notice received {} before the first day it is permitted, {}",
                    e.date, first.date
                ),
                Some(first.rule.clone()),
            );
            continue;
        }
        let (Some(later), Some(at)) = (e.effective_on, span.effective_on) else {
            continue;
        };
        if let Some(o) = end_date(&r, e.date).filter(|o| later < o.takes_effect_on) {
            cx.report(
                Code::LaterDateTooEarly,
                &at,
                format!(
                    "the notice names {later}, but notice received {} takes effect on {} at the earliest",
                    e.date, o.takes_effect_on
                ),
                Some(o.steps.join("; ")),
            );
        }
    }
}

/// A recorded entry into force wins over the clause; when the two differ, say so with
/// both dates and the arithmetic.
fn recorded_entry(cx: &mut Ctx, a: &Agreement, spans: &Spans) {
    let Some(e) = a
        .events
        .iter()
        .find(|e| e.kind == EventKind::EnteredIntoForce && e.party.is_none())
    else {
        return;
    };
    let Some(span) = spans.event(e) else { return };
    let (date, reason) = match computed(a, END_OF_RECORD) {
        EntryIntoForce::Since { date, reason, .. } | EntryIntoForce::OnDate { date, reason } => (date, reason),
        _ => return,
    };
    if date != e.date {
        cx.report(
            Code::EntryIntoForceDiffers,
            &span.at,
            format!(
                "entry into force is recorded on {}, but the clause gives {date}",
                e.date
            ),
            Some(format!("the clause: {reason}; the recorded date is used")),
        );
    }
}
