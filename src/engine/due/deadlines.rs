//! The deadlines the clauses set: the end of an agreement under a notice on record, the
//! expiry of a fixed term, the end of the current term of a tacitly renewed one and the
//! last day to give notice of non-renewal.

use super::items::{Builder, Step};
use super::{Item, Kind};
use crate::engine::ends::pending_notice;
use crate::engine::notice::end_date;
use crate::engine::rules::{self, TermRules};
use crate::engine::status::{State, Status};
use crate::engine::terminate;
use crate::time::period::Period;
use chrono::NaiveDate;

/// A terminating agreement's last day in force.
pub(super) fn end(b: &Builder, st: &Status) -> Option<Item> {
    let (State::Terminating, Some(last), Some(takes)) = (st.state, st.last_day_in_force, st.takes_effect_on) else {
        return None;
    };
    let mut s = Step::new(
        Kind::Deadline,
        "termination-effective",
        b.everyone(),
        format!("agreement ends ({})", st.reason),
    );
    s.date = Some(last);
    s.end = Some((last, takes));
    s.article = b.a.termination.as_ref().and_then(|t| t.article.clone());
    s.explanation = b.explain(|| notice_explanation(b, last, takes));
    b.on_entry_into_force(&mut s);
    Some(b.item(s))
}

/// The arithmetic behind the end of the notice on record. That notice ends the whole
/// agreement (a withdrawal is no pending notice), so the rules are the same whoever
/// gave it: its party was checked when the notice was read from the record.
fn notice_explanation(b: &Builder, last: NaiveDate, takes: NaiveDate) -> String {
    pending_notice(b.a, b.as_of)
        .and_then(|n| {
            let r = rules::rules(b.a, b.as_of, &rules::Options::default()).ok()?;
            end_date(&r, n.received)
        })
        .filter(|o| o.last_day_in_force == last)
        .map_or_else(
            || format!("the last day in force is {last}; termination takes effect on {takes}"),
            |o| o.steps.join("; "),
        )
}

/// The end of a fixed term, or the current term's end and the last day to give notice
/// of non-renewal.
pub(super) fn term(b: &Builder, out: &mut Vec<Item>) {
    let Ok(rules) = rules::rules(b.a, b.as_of, &rules::Options::default()) else {
        return;
    };
    let Some(term) = &rules.term else { return };
    let article = term.article.clone().or_else(|| rules.article.clone());
    if term.renewal.is_none() {
        out.extend(fixed_term_end(b, term, article));
        return;
    }
    let windows = terminate::windows(&rules, b.as_of, 2);
    if let Some(w) = windows.iter().find(|w| w.closes >= b.as_of) {
        let which = if w.term == 0 {
            "the initial term".to_string()
        } else {
            format!("renewal term {}", w.term)
        };
        let text = format!("last day to give notice of non-renewal (term ends {})", w.term_end);
        let mut s = Step::new(Kind::Deadline, "non-renewal-notice", b.everyone(), text);
        s.date = Some(w.closes);
        s.occurrence = Some(w.term);
        s.article = article.clone();
        s.lead = Some(Period::days(90));
        s.explanation = b.explain(|| {
            format!(
                "latest receipt so that the notice period ends by {}, the last day of {which}; window opened {}",
                w.term_end, w.opens
            )
        });
        b.on_entry_into_force(&mut s);
        out.push(b.item(s));
    }
    if let Some(w) = windows.first() {
        let text = "current term ends; renewed tacitly unless notice was given in time".to_string();
        let mut s = Step::new(Kind::Deadline, "term-end", b.everyone(), text);
        s.date = Some(w.term_end);
        s.occurrence = Some(w.term);
        s.article = article;
        s.explanation = b.explain(|| {
            format!(
                "term {} runs {} to {}, the day before the next term starts on {}",
                w.term,
                w.term_start,
                w.term_end,
                w.term_end.succ_opt().unwrap_or(w.term_end)
            )
        });
        b.on_entry_into_force(&mut s);
        out.push(b.item(s));
    }
}

/// The expiry of a fixed term that is not renewed, unless it has passed.
fn fixed_term_end(b: &Builder, term: &TermRules, article: Option<String>) -> Option<Item> {
    let (_, e) = term.term(0)?;
    if e < b.as_of {
        return None;
    }
    let next = e.succ_opt().unwrap_or(e);
    let mut s = Step::new(Kind::Deadline, "term-end", b.everyone(), "fixed term expires".into());
    s.date = Some(e);
    s.end = Some((e, next));
    s.article = article;
    s.explanation = b.explain(|| {
        format!(
            "fixed term of {} from {}: {} + {} = {next}; a term ends the day before, on {e}, its last day in force",
            term.length, term.start, term.start, term.length
        )
    });
    b.on_entry_into_force(&mut s);
    Some(b.item(s))
}
