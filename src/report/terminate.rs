//! `accord terminate` output: the last day in force and the day termination (or a
//! party's withdrawal) takes effect, or the latest or earliest day to give notice, with
//! every step of the computation; what survives; the agreement's termination terms and
//! notice windows.

use crate::engine::notice::{Outcome, Route};
use crate::engine::rules::{Basis, Rules};
use crate::engine::terminate::{Answer, Question};
use crate::model::{cite, Agreement, By, Counting, Effective};
use std::io::{self, Write};

pub(crate) fn text(out: &mut dyn Write, a: &Agreement, answer: &Answer) -> io::Result<()> {
    let rules = &answer.rules;
    writeln!(out, "{}: {}", a.id, a.display_title())?;
    writeln!(out, "{}", terms_line(a, rules))?;
    if rules.basis == Basis::Assumed {
        writeln!(out, "basis: ASSUMED. The agreement has no termination clause; twelve months' notice is the {} assumption, not the agreement's text.", rules.article.as_deref().unwrap_or("VCLT art. 56(2)"))?;
    }
    if answer.assumed {
        writeln!(out, "entry into force ASSUMED: the text has no entry-into-force clause; every date below counts from the assumed date, {}.", rules.start)?;
    }
    if let Some(f) = &rules.first_notice {
        writeln!(out, "first day notice may be received: {} ({})", f.date, f.rule)?;
    }
    if let Some(p) = &answer.pending {
        writeln!(out, "on record: {}", p.reason)?;
    }
    if answer.question != Question::Terms {
        writeln!(out)?;
    }
    question(out, answer)?;
    for s in &answer.survives {
        let last = answer.outcome.as_ref().map(|o| o.last_day_in_force);
        writeln!(
            out,
            "\nsurvival{}: {} {} continue to apply until {}{}",
            cite(s.article.as_deref()),
            if s.articles.len() == 1 { "article" } else { "articles" },
            s.articles.join(", "),
            s.until,
            last.map(|l| format!(" (the last day in force, {l}, + the survival period; Reg. 1182/71)"))
                .unwrap_or_default()
        )?;
    }
    windows(out, answer)
}

/// The answer to the question asked, with its steps.
fn question(out: &mut dyn Write, answer: &Answer) -> io::Result<()> {
    let rules = &answer.rules;
    match (answer.question, answer.outcome.as_ref()) {
        (Question::Notice { .. }, Some(o)) => {
            writeln!(
                out,
                "notice received {} → {}{}",
                o.notice_date,
                ends(rules, o),
                route_note(o)
            )?;
            steps(out, o)
        }
        (Question::EndBy(e), Some(o)) if o.route == Route::Expiry => {
            writeln!(
                out,
                "to have ended by {e}, no notice is needed → {}{}",
                ends(rules, o),
                route_note(o)
            )?;
            steps(out, o)
        }
        (Question::EndBy(e), Some(o)) => {
            writeln!(
                out,
                "to have ended by {e}, notice must be received by {} (the latest such day) → {}{}",
                o.notice_date,
                ends(rules, o),
                route_note(o)
            )?;
            if let Some(next) = o.notice_date.succ_opt() {
                writeln!(out, "one day later ({next}) would be too late")?;
            }
            if let (true, Some(today)) = (answer.passed, &answer.end_if_notice_today) {
                writeln!(
                    out,
                    "that day has passed: notice received on {} would give {}",
                    today.notice_date,
                    ends(rules, today)
                )?;
            }
            steps(out, o)
        }
        (Question::EndBy(e), None) => {
            let first = rules.first_permissible();
            writeln!(
                out,
                "no notice can end it by {e}: even notice received on the first day notice is permitted ({first}) ends it later"
            )?;
            if let Some(earliest) = &answer.end_if_notice_today {
                writeln!(
                    out,
                    "the earliest end now reachable: notice received {} → {}",
                    earliest.notice_date,
                    ends(rules, earliest)
                )?;
                steps(out, earliest)?;
            }
            Ok(())
        }
        (Question::Earliest, Some(o)) => {
            writeln!(
                out,
                "the first day notice may be received is {} → {}{}",
                o.notice_date,
                ends(rules, o),
                route_note(o)
            )?;
            steps(out, o)
        }
        (Question::Notice { .. } | Question::Earliest, None) => {
            writeln!(
                out,
                "no end can be computed: the date is outside the calendar accord can compute, or the end falls in a run of holidays that a roll-over cannot leave within {} days",
                crate::time::calendar::ROLL_LIMIT
            )
        }
        (Question::Terms, _) => match &answer.end_if_notice_today {
            Some(o) => {
                let when = if o.notice_date > answer.as_of {
                    format!("on the first day it is permitted, {}", o.notice_date)
                } else {
                    format!("today, {}", o.notice_date)
                };
                writeln!(out, "\nnotice received {when} → {}{}", ends(rules, o), route_note(o))?;
                steps(out, o)?;
                writeln!(
                    out,
                    "\n(`--notice DATE` for another day, `--end-by DATE` for the latest day to give notice)"
                )
            }
            None => Ok(()),
        },
    }
}

/// "in force until 2027-02-20 (its last day); termination takes effect on 2027-02-21",
/// or the same of a party's participation.
pub(crate) fn ends(rules: &Rules, o: &Outcome) -> String {
    match &rules.withdrawing {
        Some(w) => format!(
            "{} bound until {} (its last day); the withdrawal takes effect on {}; the agreement stays in force for the other parties",
            w.label, o.last_day_in_force, o.takes_effect_on
        ),
        None => format!(
            "in force until {} (its last day); termination takes effect on {}",
            o.last_day_in_force, o.takes_effect_on
        ),
    }
}

pub(crate) fn windows(out: &mut dyn Write, answer: &Answer) -> io::Result<()> {
    if answer.windows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nnotice windows (notice of non-renewal must be received within the window to end that term):"
    )?;
    for w in &answer.windows {
        let which = if w.term == 0 {
            "initial term".to_string()
        } else {
            format!("renewal {}", w.term)
        };
        writeln!(
            out,
            "  {which:<12} {} to {}   window {} to {}",
            w.term_start, w.term_end, w.opens, w.closes
        )?;
    }
    Ok(())
}

fn route_note(o: &Outcome) -> String {
    match o.route {
        Route::Notice => String::new(),
        Route::NonRenewal { term: 0 } => ", at the end of the initial term".to_string(),
        Route::NonRenewal { term } => format!(", at the end of renewal term {term}"),
        Route::Expiry => ", when its fixed term expires".to_string(),
    }
}

fn steps(out: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    writeln!(out)?;
    for (i, s) in o.steps.iter().enumerate() {
        writeln!(out, "  {}. {s}", i + 1)?;
    }
    Ok(())
}

/// "termination clause (Art. IX(3)): 6 months' written notice by any party".
pub(crate) fn terms_line(a: &Agreement, rules: &Rules) -> String {
    let t = a.termination.as_ref();
    let who = match t.map(|t| &t.by) {
        Some(By::Parties(p)) => p.iter().map(|x| a.party_label(x)).collect::<Vec<_>>().join(", "),
        _ => "any party".to_string(),
    };
    let mut parts = Vec::new();
    if let Some(n) = rules.notice {
        let art = cite(rules.article.as_deref());
        let form = t
            .and_then(|t| t.form.as_ref())
            .map(|f| format!("{f} "))
            .unwrap_or_default();
        let what = match (rules.basis, &rules.withdrawing) {
            (Basis::Assumed, _) => "assumed notice period",
            (Basis::Clause, Some(_)) => "withdrawal clause",
            (Basis::Clause, None) => "termination clause",
        };
        parts.push(format!("{what}{art}: {} {form}notice by {who}", n.possessive()));
    }
    if rules.counting == Counting::Anniversary {
        parts.push("counted to the anniversary".into());
    }
    if rules.effective == Effective::EndOfCalendarYear {
        parts.push("effective at the end of a calendar year".into());
    }
    if let Some(term) = &rules.term {
        let art = cite(term.article.as_deref());
        match term.renewal {
            Some((r, n)) => parts.push(format!(
                "term{art}: {} from {}, renewed tacitly for {r} unless notice of non-renewal ({n}) is received in time",
                term.length, term.start
            )),
            None => parts.push(format!("fixed term{art}: {} from {}", term.length, term.start)),
        }
    }
    if let Some(m) = rules.minimum_end {
        parts.push(format!("minimum term ends {m}"));
    }
    if rules.later_date {
        parts.push("or on a later date named in the notice".into());
    }
    parts.join("; ")
}

/// An end as JSON: `{notice_date, last_day_in_force, takes_effect_on}`.
pub(crate) fn end_json(o: &Outcome) -> serde_json::Value {
    serde_json::json!({
        "notice_date": o.notice_date,
        "last_day_in_force": o.last_day_in_force,
        "takes_effect_on": o.takes_effect_on,
    })
}

pub(crate) fn json(out: &mut dyn Write, a: &Agreement, answer: &Answer) -> io::Result<()> {
    let (rules, q, outcome) = (&answer.rules, &answer.question, answer.outcome.as_ref());
    let (notice_date, latest, earliest) = match (q, outcome) {
        (Question::Notice { .. }, Some(o)) => (Some(o.notice_date), None, None),
        // A fixed term that expires by then: no notice, so no latest day for one.
        (Question::EndBy(_), Some(o)) if o.route == Route::Expiry => (None, None, None),
        (Question::EndBy(_), Some(o)) => (None, Some(o.notice_date), None),
        (Question::Earliest, Some(o)) => (None, None, Some(o.notice_date)),
        _ => (None, None, None),
    };
    let v = serde_json::json!({
        "agreement": a.id,
        "withdrawing_party": rules.withdrawing.as_ref().map(|w| &w.party),
        "notice_date": notice_date,
        "last_day_in_force": outcome.map(|o| o.last_day_in_force),
        "takes_effect_on": outcome.map(|o| o.takes_effect_on),
        "latest_notice_date": latest,
        "earliest_notice_date": earliest,
        "first_permissible_notice_date": rules.first_notice.as_ref().map(|f| f.date),
        "end_by": if let Question::EndBy(e) = q { Some(*e) } else { None },
        "passed": answer.passed,
        "end_if_notice_today": answer.end_if_notice_today.as_ref().map(end_json),
        "period": outcome.and_then(|o| o.period).or(rules.notice).map(|p| p.to_string()),
        "article": rules.article,
        "basis": rules.basis,
        "counting": rules.counting,
        "assumed": answer.assumed,
        "route": outcome.map(|o| o.route),
        "terms": terms_line(a, rules),
        "pending": answer.pending.as_ref().map(|p| serde_json::json!({
            "notice_date": p.received,
            "last_day_in_force": p.last_day_in_force,
            "takes_effect_on": p.takes_effect_on,
            "reason": p.reason,
        })),
        "survives": answer.survives,
        "explanation": outcome.map(|o| o.steps.join("; ")),
        "steps": outcome.map(|o| o.steps.clone()).unwrap_or_default(),
        "windows": answer.windows,
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
