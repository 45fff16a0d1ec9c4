//! The record of what happened (`events`): each event's date, type and references
//! checked against the rest of the file, and the order of the record.

use super::context::Ctx;
use crate::diagnostic::Code;
use crate::file::raw::{RawEvent, S};
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
    /// The agreement lasts as long as a condition holds (`duration.while`).
    pub has_condition: bool,
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
    requirements(cx, &e, kind, known);
    let instrument = e.instrument.as_ref().and_then(|i| cx.keyword::<Instrument>(i));
    let effective_on = e.effective_on.as_ref().and_then(|d| cx.date(d));
    let scope = e.scope.as_ref().and_then(|s| cx.keyword::<NoticeScope>(s));
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
    if let (EventKind::NoticeGiven, Some(b), Some(s)) = (kind, &by, &e.by) {
        notice_right(cx, b, s, scope, known);
    }
    Event {
        date,
        kind,
        party,
        organ,
        obligation: e.obligation.map(|o| o.value),
        amendment: e.amendment.map(|a| a.value),
        by,
        instrument,
        effective_on,
        scope,
        note: e.note,
    }
}

/// The keys each type of event needs, and the keys only some types take.
fn requirements(cx: &mut Ctx, e: &RawEvent, kind: EventKind, known: &Known) {
    let needs: &[(&str, bool)] = match kind {
        EventKind::Approved | EventKind::Notified => &[("party", e.party.is_some())],
        EventKind::Deposited => &[("party", e.party.is_some()), ("instrument", e.instrument.is_some())],
        EventKind::Performed => &[("obligation", e.obligation.is_some())],
        EventKind::NoticeGiven | EventKind::NoticeRevoked => &[("by", e.by.is_some())],
        _ => &[],
    };
    for (key, _) in needs.iter().filter(|(_, given)| !given) {
        cx.report(
            Code::MissingKey,
            &e.kind.referenced,
            format!("a `{}` event needs `{key}`", e.kind.value),
            None,
        );
    }
    let only: [(&str, &Option<S>, bool); 3] = [
        ("instrument", &e.instrument, kind == EventKind::Deposited),
        ("scope", &e.scope, kind == EventKind::NoticeGiven),
        ("effective_on", &e.effective_on, kind == EventKind::NoticeGiven),
    ];
    for (key, value, allowed) in only {
        if let (Some(v), false) = (value, allowed) {
            let message = format!("`{key}` is not used with a `{}` event", e.kind.value);
            cx.report(Code::ConflictingKeys, &v.referenced, message, None);
        }
    }
    if let (Some(v), EventKind::NoticeGiven) = (&e.effective_on, kind) {
        if !known.termination.is_some_and(|t| t.later_date) {
            cx.report(
                Code::ConflictingKeys,
                &v.referenced,
                "the notice names a later date, but the termination clause does not allow one",
                Some("if the clause says \"or on such later date as may be specified in the notification\", write `later_date: allowed` under `termination`".into()),
            );
        }
    }
    if kind == EventKind::ConditionEnded && !known.has_condition {
        cx.report(
            Code::ConflictingKeys,
            &e.kind.referenced,
            "a `condition_ended` event, but the agreement has no `duration.while` condition",
            None,
        );
    }
}

/// A notice of termination or withdrawal must come from a party the clause allows, and
/// never from a collective entry, which stands for several parties.
fn notice_right(cx: &mut Ctx, by: &str, raw: &S, scope: Option<NoticeScope>, known: &Known) {
    if known.parties.iter().any(|p| p.id == by && p.collective) {
        cx.report(
            Code::NoticeByCollectiveParty,
            &raw.referenced,
            format!("`{by}` stands for several parties and cannot give notice as one"),
            Some("name the party that gave notice under `parties` and record the notice by its id".into()),
        );
        return;
    }
    if scope.is_some() {
        return; // a notice that the party will not become a party needs no termination right
    }
    if let Some(t) = known.termination {
        if !t.by.allows(by) {
            cx.report(
                Code::NoticeWithoutRight,
                &raw.referenced,
                format!("`{by}` has no right to terminate under the termination clause"),
                None,
            );
        }
    }
}
