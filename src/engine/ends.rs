//! What the record says ends an agreement or a party's participation: notices given
//! and not revoked before they took effect (VCLT arts. 68, 78), with a later date the
//! notice names; `terminated` events (the day termination took effect, as depositaries
//! state it); and the end of the condition an agreement's duration depends on.

use super::notice::{end_date, with_later_date};
use super::rules::{rules, scope, Options};
use crate::model::*;
use chrono::NaiveDate;

/// A notice of termination (or withdrawal) on record, not revoked before it took
/// effect, and the end it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub by: String,
    pub received: NaiveDate,
    /// The last day in force.
    pub last_day_in_force: NaiveDate,
    /// The day termination takes effect.
    pub takes_effect_on: NaiveDate,
}

/// The notices of termination or withdrawal given by `as_of` by `party` (any party when
/// `None`) and not revoked before they took effect, each with its end.
fn notices<'a>(a: &'a Agreement, party: Option<&'a str>, as_of: NaiveDate) -> impl Iterator<Item = Notice> + 'a {
    a.events_of(EventKind::NoticeGiven, as_of)
        .filter(move |e| e.scope.is_none() && party.is_none_or(|p| e.by.as_deref() == Some(p)))
        .filter_map(move |e| {
            let by = e.by.clone()?;
            let opts = Options {
                by: Some(by.clone()),
                ..Options::default()
            };
            let r = rules(a, as_of.max(e.date), &opts).ok()?;
            let mut outcome = end_date(&r, e.date)?;
            if let Some(later) = e.effective_on {
                outcome = with_later_date(&r, outcome, later).ok()?;
            }
            let revoked = a
                .events_of(EventKind::NoticeRevoked, as_of)
                .any(|r| r.by.as_ref() == Some(&by) && r.date >= e.date && r.date <= outcome.last_day_in_force);
            (!revoked).then_some(Notice {
                by,
                received: e.date,
                last_day_in_force: outcome.last_day_in_force,
                takes_effect_on: outcome.takes_effect_on,
            })
        })
}

/// The earliest-ending notice on record by `as_of` that ends the whole agreement (a
/// notice under a clause whose scope is the agreement).
pub fn pending_notice(a: &Agreement, as_of: NaiveDate) -> Option<Notice> {
    if scope(a) != Scope::Agreement {
        return None;
    }
    notices(a, None, as_of).min_by_key(|n| n.last_day_in_force)
}

/// How a party's participation ends, as the record says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withdrawal {
    pub last_day_in_force: NaiveDate,
    pub takes_effect_on: NaiveDate,
    /// In words, with the dates: "notice received 2019-11-04 …".
    pub reason: String,
}

/// The end of `party`'s participation on record by `as_of`: a `terminated` event for it,
/// or its notice of withdrawal (when a notice ends only its participation).
pub fn withdrawal(a: &Agreement, party: &str, as_of: NaiveDate) -> Option<Withdrawal> {
    if let Some(e) = a
        .events_of(EventKind::Terminated, as_of)
        .find(|e| e.party.as_deref() == Some(party))
    {
        let last = e.date.pred_opt()?;
        return Some(Withdrawal {
            last_day_in_force: last,
            takes_effect_on: e.date,
            reason: format!("withdrawal took effect on {} (recorded); last day bound {last}", e.date),
        });
    }
    if scope(a) != Scope::WithdrawingParty {
        return None;
    }
    let n = notices(a, Some(party), as_of).min_by_key(|n| n.last_day_in_force)?;
    Some(Withdrawal {
        last_day_in_force: n.last_day_in_force,
        takes_effect_on: n.takes_effect_on,
        reason: format!(
            "notice of withdrawal received {}; last day bound {}, the withdrawal takes effect on {}",
            n.received, n.last_day_in_force, n.takes_effect_on
        ),
    })
}

/// An end recorded as a fact: termination took effect on a day (`terminated`), or the
/// condition of the agreement's duration ended (`condition_ended`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedEnd {
    pub takes_effect_on: NaiveDate,
    pub last_day_in_force: NaiveDate,
    pub reason: String,
}

/// The first recorded end of the whole agreement, whatever `as_of` (the caller compares
/// its dates with the day it asks about).
pub fn recorded_end(a: &Agreement) -> Option<RecordedEnd> {
    a.events.iter().filter(|e| e.party.is_none()).find_map(|e| {
        let what = match e.kind {
            EventKind::Terminated => format!("termination took effect on {} (recorded)", e.date),
            EventKind::ConditionEnded => {
                let condition = a
                    .duration
                    .as_ref()
                    .and_then(|d| d.while_.as_deref())
                    .unwrap_or("the condition of its duration");
                let art = cite(a.duration.as_ref().and_then(|d| d.article.as_deref()));
                format!("in force as long as {condition}{art}; that ended on {}", e.date)
            }
            _ => return None,
        };
        Some(RecordedEnd {
            takes_effect_on: e.date,
            last_day_in_force: e.date.pred_opt()?,
            reason: what,
        })
    })
}
