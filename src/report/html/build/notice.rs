//! Terms, renewal windows and the latest days for notice of one agreement in force, as
//! the termination engine gives them (`terminate::answer` for the rules and the end a
//! notice received on the as-of date would give, `decisions::deadlines` for the latest
//! days, `notice::expiry` for a fixed term): the spans, marks and decisions of the page,
//! each latest day explained in full for the agreement's section and in one sentence
//! for the timeline and the decisions.

use super::dates::{mark, with_short};
use super::Options;
use crate::engine::decisions::{deadlines, Deadline, Target};
use crate::engine::due::days_from;
use crate::engine::notice::{expiry, Outcome, Route};
use crate::engine::rules::{Basis, Rules};
use crate::engine::terminate::{answer, Question, Window};
use crate::model::{vclt, Agreement, By};
use crate::report::html::page::*;

/// Everything the termination engine says of an agreement in force that can still be
/// ended (nothing for one it refuses: no termination clause, or a multilateral
/// agreement, where each party's notice ends its own participation).
pub(super) fn fill(a: &Agreement, opts: &Options, view: &mut AgreementView, decisions: &mut Vec<Decision>) {
    let Ok(answer) = answer(a, &[], Question::Terms, opts.as_of, &opts.rules) else {
        return;
    };
    let rules = &answer.rules;
    if let Some(o) = expiry(rules) {
        fixed_term(rules, &o, opts, view);
    }
    let found = deadlines(rules, opts.as_of, opts.horizon());
    let terms: Vec<&Window> = found
        .iter()
        .filter_map(|d| match &d.target {
            Target::Term(w) => Some(w),
            _ => None,
        })
        .collect();
    for (k, w) in terms.iter().enumerate() {
        term_spans(w, terms.get(k + 1).copied(), k == 0, view);
    }
    let who = who(a);
    let mut first_term = true;
    for d in &found {
        let (what, kind) = match &d.target {
            Target::Term(w) => {
                let current = std::mem::take(&mut first_term);
                view.marks.push(mark(
                    w.term_end,
                    MarkKind::TermEnd,
                    format!("End of {}", which(w.term)),
                    format!(
                        "renewed tacitly unless notice of non-renewal was received by {}",
                        w.closes
                    ),
                ));
                let decide = w.closes >= opts.as_of && (current || w.closes <= opts.horizon());
                if !decide {
                    // The rule is the same for every term: the current term's latest day is
                    // explained in full, a later one refers to it.
                    let explanation = if current {
                        full(d)
                    } else {
                        format!(
                            "as for the current term: notice received by {} ends {} on {}; a day later, the term after it",
                            w.closes,
                            which(w.term),
                            w.term_end
                        )
                    };
                    latest_mark(rules, d, explanation, view);
                    continue;
                }
                (
                    format!(
                        "Last day for notice of non-renewal to end {} on {}",
                        which(w.term),
                        w.term_end
                    ),
                    DecisionKind::NonRenewal,
                )
            }
            Target::EndOfYear(year) => (
                format!("Last day for notice to end the agreement at the end of {year}"),
                DecisionKind::LatestNotice,
            ),
            Target::MinimumTerm => (
                format!(
                    "Last day for notice to end the agreement at the end of its minimum term, {}",
                    d.latest.last_day_in_force
                ),
                DecisionKind::LatestNotice,
            ),
        };
        latest_mark(rules, d, full(d), view);
        decisions.push(Decision {
            agreement: 0,
            kind,
            date: Some(d.latest.notice_date),
            days_left: Some(days_from(opts.as_of, d.latest.notice_date)),
            since: None,
            what,
            who: who.clone(),
            article: match &d.target {
                Target::Term(_) => rules.term.as_ref().and_then(|t| t.article.clone()),
                _ => None,
            }
            .or_else(|| rules.article.clone()),
            // In one sentence; the agreement's section has every step.
            explanation: short(rules, d),
        });
    }
    // A fixed term's expiry is drawn already.
    if let Some(o) = answer.end_if_notice_today.as_ref().filter(|o| o.route != Route::Expiry) {
        earliest_end(rules, o, view);
    }
}

/// Who may give notice, as the clause says.
fn who(a: &Agreement) -> String {
    match a.termination.as_ref().map(|t| &t.by) {
        Some(By::Parties(list)) => list.iter().map(|p| a.party_label(p)).collect::<Vec<_>>().join(", "),
        _ => "any party".into(),
    }
}

fn which(term: u32) -> String {
    if term == 0 {
        "the initial term".into()
    } else {
        format!("renewal term {term}")
    }
}

/// A fixed term that is not renewed: its span, and its expiry (the last day in force and
/// the day after, on which it no longer binds). While the expiry is ahead, the agreement
/// is ending.
fn fixed_term(rules: &Rules, o: &Outcome, opts: &Options, view: &mut AgreementView) {
    let Some(term) = &rules.term else { return };
    let (last, takes) = (o.last_day_in_force, o.takes_effect_on);
    let why = o.steps.join("; ");
    view.spans.push(Span {
        kind: SpanKind::CurrentTerm,
        from: term.start,
        to: Some(last),
        label: format!("Fixed term, {} to {last}", term.start),
        explanation: why.clone(),
    });
    if last >= opts.as_of {
        view.standing.phase = Phase::Ending;
        if let Some(life) = view.spans.iter_mut().find(|s| s.kind == SpanKind::InForce) {
            life.kind = SpanKind::Ending;
            life.to = Some(last);
            life.label = format!(
                "In force from {} to {last}, when its fixed term expires; it no longer binds from {takes}",
                life.from
            );
        }
    }
    // The timeline engine gives both days as milestones too (the status knows the
    // expiry): one mark each, worded for an expiry.
    for m in [
        mark(last, MarkKind::LastDay, "Fixed term expires (last day in force)", why),
        mark(
            takes,
            MarkKind::TakesEffect,
            "Expiry takes effect (first day not bound)",
            format!("the day after the last day of the fixed term, {last}"),
        ),
    ] {
        match view.marks.iter_mut().find(|x| x.kind == m.kind && x.date == m.date) {
            Some(x) => *x = m,
            None => view.marks.push(m),
        }
    }
}

/// The spans of one renewal term and its notice window; `next` is the window of the term
/// after it, when known.
fn term_spans(w: &Window, next: Option<&Window>, current: bool, view: &mut AgreementView) {
    let then = next
        .map(|n| format!(", the day before the next term starts on {}", n.term_start))
        .unwrap_or_default();
    view.spans.push(Span {
        kind: if current {
            SpanKind::CurrentTerm
        } else {
            SpanKind::NextTerm
        },
        from: w.term_start,
        to: Some(w.term_end),
        label: format!(
            "{}: {} to {}",
            if current { "Current term" } else { "Next term" },
            w.term_start,
            w.term_end
        ),
        explanation: format!(
            "{} runs {} to {}{then}{}",
            which(w.term),
            w.term_start,
            w.term_end,
            if current { "" } else { ", if the agreement is renewed" }
        ),
    });
    view.spans.push(Span {
        kind: SpanKind::NoticeWindow,
        from: w.opens,
        to: Some(w.closes),
        label: format!(
            "Notice of non-renewal received {} to {} ends {} on {}",
            w.opens,
            w.closes,
            which(w.term),
            w.term_end
        ),
        explanation: format!(
            "ends {} on {}; the window opens the day after the previous one closed, and notice received after {} ends the next term",
            which(w.term),
            w.term_end,
            w.closes
        ),
    });
}

/// The mark of a latest day for notice, with its explanation and its one-sentence tooltip.
fn latest_mark(rules: &Rules, d: &Deadline, explanation: String, view: &mut AgreementView) {
    let end = d.latest.last_day_in_force;
    let label = match &d.target {
        Target::Term(w) => format!("Last day for notice of non-renewal (term ends {})", w.term_end),
        _ => format!("Last day for notice to end it on {end}"),
    };
    view.marks.push(with_short(
        mark(d.latest.notice_date, MarkKind::LatestNotice, label, explanation),
        Some(short(rules, d)),
    ));
}

/// A latest day in one sentence: the period, the day, both end dates, and what a day
/// later would give.
fn short(rules: &Rules, d: &Deadline) -> String {
    let o = &d.latest;
    let period = o
        .period
        .map(|p| format!("{} notice", p.possessive()))
        .unwrap_or("Notice".into());
    let later = d
        .a_day_late
        .map(|e| format!("; received a day later, the last day would be {e}"))
        .unwrap_or_default();
    format!(
        "{period} received by {} ({}): last day in force {}, termination takes effect on {}{later}",
        o.notice_date,
        vclt("78", rules.vclt_1986),
        o.last_day_in_force,
        o.takes_effect_on
    )
}

/// Why notice must arrive by its latest day: every step of the engine's computation.
fn full(d: &Deadline) -> String {
    let later = d
        .a_day_late
        .map(|e| format!("; received a day later, the last day in force would be {e}"))
        .unwrap_or_default();
    format!(
        "the latest receipt so that the last day in force is {}: {}{later}",
        d.latest.last_day_in_force,
        d.latest.steps.join("; ")
    )
}

/// The end a notice received on the as-of date (or the first day notice is permitted)
/// would give.
fn earliest_end(rules: &Rules, o: &Outcome, view: &mut AgreementView) {
    let period = o
        .period
        .map(|p| format!("{} notice", p.possessive()))
        .unwrap_or("notice".into());
    let short = format!(
        "{period} received on {} ({}) → in force up to and including {}; termination takes effect on {}",
        o.notice_date,
        vclt("78", rules.vclt_1986),
        o.last_day_in_force,
        o.takes_effect_on
    );
    view.marks.push(with_short(
        mark(
            o.last_day_in_force,
            MarkKind::EarliestEnd,
            format!(
                "Earliest end: last day in force if notice were received on {}{}",
                o.notice_date,
                if rules.basis == Basis::Assumed {
                    " (assumed notice period)"
                } else {
                    ""
                }
            ),
            format!("{period}: {}", o.steps.join("; ")),
        ),
        Some(short),
    ));
}
