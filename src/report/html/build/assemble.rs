//! The page assembled from every agreement's part: the due table in the `due` command's
//! order, the overdue items and those of the next 90 days, the decisions soonest first,
//! and the counts by status.

use super::{clauses, Options};
use crate::engine::status::State;
use crate::report::html::page::*;

pub(super) fn assemble(
    agreements: Vec<AgreementView>,
    mut decisions: Vec<Decision>,
    problems: Vec<Problem>,
    files: usize,
    opts: &Options,
) -> Page {
    let horizon = opts.horizon();
    let next_until = opts.next_until();
    let mut due = Vec::new();
    for (n, a) in agreements.iter().enumerate() {
        for (k, _) in a.due.iter().enumerate() {
            due.push(ItemRef {
                agreement: n as u32,
                item: k as u32,
            });
        }
    }
    // The `due` command's order: by date, open items last, ties by agreement; each
    // agreement's items are already in that order, and the sort is stable.
    let key = |r: &ItemRef| {
        let a = &agreements[r.agreement as usize];
        let date = a.due[r.item as usize].date;
        (date.is_none(), date, a.id.as_str())
    };
    due.sort_by(|x, y| key(x).cmp(&key(y)));
    let date_of = |r: &ItemRef| agreements[r.agreement as usize].due[r.item as usize].date;
    let state_of = |r: &ItemRef| agreements[r.agreement as usize].due[r.item as usize].state;
    let overdue = due
        .iter()
        .copied()
        .filter(|r| state_of(r) == DueState::Overdue)
        .collect();
    let next = due
        .iter()
        .copied()
        .filter(|r| date_of(r).is_some_and(|d| d >= opts.as_of && d <= next_until))
        .collect();
    due.retain(|r| date_of(r).is_none_or(|d| d <= horizon));
    decisions.sort_by(|x, y| {
        let k = |d: &Decision| {
            (
                d.date.is_none(),
                d.date,
                agreements[d.agreement as usize].id.as_str(),
                d.kind,
            )
        };
        k(x).cmp(&k(y))
    });
    Page {
        as_of: opts.as_of,
        within: opts.within.to_string(),
        horizon,
        next_until,
        filters: filters(opts),
        counts: Vec::new(),
        agreements,
        due,
        overdue,
        next,
        decisions,
        problems,
        files,
    }
}

fn filters(opts: &Options) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = &opts.party {
        out.push(format!("party: {p}"));
    }
    if !opts.agreements.is_empty() {
        out.push(format!("agreements: {}", opts.agreements.join(", ")));
    }
    out
}

/// How many agreements have each status, in the order of [`Phase::ALL`], then of the
/// engine's states.
pub(super) fn counts(states: &[State]) -> Vec<Count> {
    let mut counts: Vec<(State, usize)> = Vec::new();
    for s in states {
        match counts.iter_mut().find(|(t, _)| t == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((*s, 1)),
        }
    }
    let rank = |s: State| {
        let phase = clauses::phase(s);
        (Phase::ALL.iter().position(|q| *q == phase).unwrap_or(0), s)
    };
    counts.sort_by_key(|(s, _)| rank(*s));
    counts
        .into_iter()
        .map(|(state, n)| Count {
            status: Standing {
                name: state.name().to_string(),
                label: clauses::label(state),
                phase: clauses::phase(state),
                reason: String::new(),
                assumed: false,
            },
            n,
        })
        .collect()
}
