//! The record of what happened (`events`): each event's date, type and references
//! checked against the rest of the file, and the order of the record.

use super::context::Ctx;
use crate::diagnostic::Code;
use crate::file::raw::RawEvent;
use crate::model::*;
use crate::suggest::did_you_mean;
use chrono::NaiveDate;

/// What the events of a file may refer to.
pub(super) struct Known<'a> {
    pub parties: &'a [Party],
    pub obligations: &'a [Obligation],
    pub amendments: &'a [Amendment],
    pub termination: Option<&'a Termination>,
    pub signed: Option<NaiveDate>,
}

/// Checks every event; returns the valid ones in date order (stable for equal dates).
pub(super) fn events(cx: &mut Ctx, raw: Vec<RawEvent>, known: &Known) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for e in raw {
        let Some(date) = cx.date(&e.date) else { continue };
        let Some(kind) = cx.keyword::<EventKind>(&e.kind) else {
            continue;
        };
        order(cx, &e, date, kind, last, known.signed);
        last = Some(last.map_or(date, |l| l.max(date)));
        out.push(event(cx, e, date, kind, known));
    }
    out.sort_by_key(|e| e.date);
    out
}

/// Events must be in date order, and only approvals, notes and the signature itself may
/// precede the signature.
fn order(
    cx: &mut Ctx,
    e: &RawEvent,
    date: NaiveDate,
    kind: EventKind,
    last: Option<NaiveDate>,
    signed: Option<NaiveDate>,
) {
    if let Some(prev) = last.filter(|prev| date < *prev) {
        cx.report(
            Code::EventOrder,
            &e.date.referenced,
            format!("event dated {date} comes after one dated {prev}"),
            Some("keep `events` in date order".into()),
        );
    }
    if let Some(s) = signed {
        if date < s && !matches!(kind, EventKind::Approved | EventKind::Note | EventKind::Signed) {
            cx.report(
                Code::EventOrder,
                &e.date.referenced,
                format!("{kind} event dated {date} is before the signature on {s}"),
                None,
            );
        }
    }
}

/// One event with its references resolved.
fn event(cx: &mut Ctx, e: RawEvent, date: NaiveDate, kind: EventKind, known: &Known) -> Event {
    let party = e.party.as_ref().and_then(|p| cx.party(p, known.parties));
    let by = e.by.as_ref().and_then(|p| cx.party(p, known.parties));
    let organ = match (&e.organ, &party) {
        (Some(o), Some(p)) => cx.organ(o, p, known.parties, false),
        _ => None,
    };
    let needs = match kind {
        EventKind::Approved => Some(("party", e.party.is_some())),
        EventKind::Performed => Some(("obligation", e.obligation.is_some())),
        EventKind::NoticeGiven | EventKind::NoticeRevoked => Some(("by", e.by.is_some())),
        _ => None,
    };
    if let Some((key, false)) = needs {
        cx.report(
            Code::MissingKey,
            &e.kind.referenced,
            format!("a `{}` event needs `{key}`", e.kind.value),
            None,
        );
    }
    if let Some(o) = &e.obligation {
        if !known.obligations.iter().any(|x| x.id == o.value) {
            let help = did_you_mean(&o.value, known.obligations.iter().map(|x| x.id.as_str()));
            let message = format!("no obligation `{}` in this agreement", o.value);
            cx.report(Code::UndefinedObligation, &o.referenced, message, help);
        }
    }
    if let Some(a) = &e.amendment {
        if !known.amendments.iter().any(|x| x.id == a.value) {
            let help = did_you_mean(&a.value, known.amendments.iter().map(|x| x.id.as_str()));
            let message = format!("no amendment `{}` in this agreement", a.value);
            cx.report(Code::UndefinedAmendment, &a.referenced, message, help);
        }
    }
    if let (EventKind::NoticeGiven, Some(b), Some(t), Some(s)) = (kind, &by, known.termination, &e.by) {
        if !t.by.allows(b) {
            cx.report(
                Code::NoticeWithoutRight,
                &s.referenced,
                format!("`{b}` has no right to terminate under the termination clause"),
                None,
            );
        }
    }
    Event {
        date,
        kind,
        party,
        organ,
        obligation: e.obligation.map(|o| o.value),
        amendment: e.amendment.map(|a| a.value),
        by,
        note: e.note,
    }
}
