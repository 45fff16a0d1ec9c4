//! The rules for events: a performance or a notice needs the agreement in force and not
//! ended; a revocation needs a notice pending by the same party; the signature comes once
//! and before the events only a signed agreement has.

use super::{no, Refusal, BEFORE_SIGNATURE, ONCE};
use crate::engine::ends::pending_notice;
use crate::engine::entry::{entry_into_force, EntryIntoForce};
use crate::engine::status::{self, State};
use crate::model::{cite, Agreement, Event, EventKind, Schedule};
use chrono::NaiveDate;

/// Performance needs the agreement in force, not ended, and the obligation applying.
pub(super) fn performed(a: &Agreement, e: &Event, all: &[Agreement]) -> Result<(), Refusal> {
    let id = e.obligation.as_deref().unwrap_or_default();
    in_force(
        a,
        e.date,
        "a performance",
        "an obligation binds from the agreement's entry into force, as the agreement provides (VCLT art. 24)",
    )?;
    if let Some(ended) = ended(a, e.date, all) {
        return Err(no(
            format!("{id} no longer applies on {}: {ended}", e.date),
            "termination releases the parties from performing further (VCLT art. 70)",
        ));
    }
    let Some(o) = a.obligation(id) else { return Ok(()) };
    match &o.schedule {
        Schedule::Once { .. } => {
            if let Some(done) = a
                .events
                .iter()
                .find(|x| x.kind == EventKind::Performed && x.obligation.as_deref() == Some(id))
            {
                return Err(no(
                    format!("{id} is a one-off obligation, already performed on {}", done.date),
                    format!("a one-off obligation is performed once{}", cite(o.article.as_deref())),
                ));
            }
        }
        Schedule::Every { from: Some(from), .. } if e.date < *from => {
            return Err(no(
                format!(
                    "{id} is not yet due on {}: it runs from {from} (its `from` date)",
                    e.date
                ),
                format!(
                    "a recurring obligation applies from its start{}",
                    cite(o.article.as_deref())
                ),
            ));
        }
        _ => {}
    }
    Ok(())
}

/// Notice needs the agreement in force and not ended, and the party's right to give it.
pub(super) fn notice(a: &Agreement, e: &Event, all: &[Agreement]) -> Result<(), Refusal> {
    in_force(
        a,
        e.date,
        "a notice of termination",
        "notice of termination is given under an agreement in force, which enters into force and terminates as it provides (VCLT arts. 24 and 54)",
    )?;
    if let Some(ended) = ended(a, e.date, all) {
        return Err(no(
            format!("{} had ended by {}: {ended}", a.id, e.date),
            "termination is final: an agreement that has ended cannot be terminated again (VCLT art. 70)",
        ));
    }
    let by = e.by.as_deref().unwrap_or_default();
    if let Some(t) = a.termination.as_ref().filter(|t| !t.by.allows(by)) {
        return Err(no(
            format!(
                "{} has no right to give notice under the termination clause",
                a.party_label(by)
            ),
            format!(
                "the termination clause{} names who may give notice (VCLT art. 54)",
                cite(t.article.as_deref())
            ),
        ));
    }
    Ok(())
}

/// A revocation needs a notice by the same party, given and not yet in effect.
pub(super) fn revocation(a: &Agreement, e: &Event) -> Result<(), Refusal> {
    const RULE: &str = "a notice may be revoked before it takes effect (VCLT art. 68)";
    let by = e.by.as_deref().unwrap_or_default();
    let who = a.party_label(by);
    // The engine's pending notice, asked of the agreement as if only this party had
    // given or revoked notice.
    let mut only = a.clone();
    only.events.retain(|x| {
        !matches!(x.kind, EventKind::NoticeGiven | EventKind::NoticeRevoked) || x.by.as_deref() == Some(by)
    });
    match pending_notice(&only, e.date) {
        Some(n) if e.date < n.takes_effect_on => Ok(()),
        Some(n) => Err(no(
            format!(
                "the notice by {who} received {} took effect on {} (the last day in force was {}), before {}",
                n.received, n.takes_effect_on, n.last_day_in_force, e.date
            ),
            RULE,
        )),
        None => {
            let given = only
                .events
                .iter()
                .filter(|x| x.kind == EventKind::NoticeGiven && x.date <= e.date)
                .map(|x| x.date)
                .max();
            let reason = match given {
                Some(d) => format!(
                    "the notice by {who} received {d} was already revoked; no notice by {who} is pending on {}",
                    e.date
                ),
                None => format!("no notice by {who} is on record by {}", e.date),
            };
            Err(no(reason, RULE))
        }
    }
}

/// The agreement in force on `date`, or the refusal saying why it was not: not signed,
/// signed later, or not (yet) in force under its clause.
fn in_force(a: &Agreement, date: NaiveDate, what: &str, rule: &str) -> Result<(), Refusal> {
    let eif = entry_into_force(a, date);
    if matches!(eif, EntryIntoForce::Since { .. }) {
        return Ok(());
    }
    let reason = match a.signature_date() {
        None => format!("{what} on {date}: {} has no signature on record", a.id),
        Some(s) if s > date => format!("{what} on {date} is before the signature of {} on {s}", a.id),
        Some(_) => format!(
            "{what} on {date}: {} was not in force ({})",
            a.id,
            eif.not_in_force_reason(a)
        ),
    };
    Err(no(reason, rule))
}

/// How the agreement had ended by `date`, if it had (terminated or superseded).
fn ended(a: &Agreement, date: NaiveDate, all: &[Agreement]) -> Option<String> {
    let st = status::status(a, date, all);
    matches!(st.state, State::Terminated | State::Superseded).then_some(st.reason)
}

/// The signature: once, not after events that must follow it, at the place on file.
pub(super) fn signature(a: &Agreement, date: NaiveDate, place: Option<&str>) -> Result<(), Refusal> {
    match a.signature_date() {
        Some(d) if d == date => return Err(no(format!("{} is already recorded as signed on {d}", a.id), ONCE)),
        Some(d) => {
            return Err(no(
                format!("{} is already recorded as signed on {d}", a.id),
                "an agreement is signed once; correct the file by hand if the date on file is wrong",
            ))
        }
        None => {}
    }
    let on_file = a.signed.as_ref().and_then(|s| s.place.as_deref());
    if let (Some(p), Some(f)) = (place, on_file) {
        if p != f {
            return Err(no(
                format!("the file gives the place of signature as {f}, not {p}"),
                "the place is recorded once; correct the file by hand if it is wrong",
            ));
        }
    }
    let early = a
        .events
        .iter()
        .find(|e| e.date < date && !matches!(e.kind, EventKind::Approved | EventKind::Note | EventKind::Signed));
    if let Some(e) = early {
        return Err(no(
            format!(
                "the file records a `{}` event on {}, before a signature on {date}",
                e.kind.name(),
                e.date
            ),
            BEFORE_SIGNATURE,
        ));
    }
    Ok(())
}
