//! `accord terminate` output: the effective date or latest notice date with every
//! step of its computation, or the agreement's termination terms and windows.

use crate::engine::notice::{Outcome, Route};
use crate::engine::rules::{Basis, Rules};
use crate::engine::terminate::{Answer, Question};
use crate::model::{cite, Agreement, By, Effective};
use std::io::{self, Write};

pub(crate) fn text(out: &mut dyn Write, a: &Agreement, answer: &Answer) -> io::Result<()> {
    let (rules, q, outcome, windows) = (
        &answer.rules,
        &answer.question,
        answer.outcome.as_ref(),
        &answer.windows,
    );
    writeln!(out, "{}: {}", a.id, a.display_title())?;
    writeln!(out, "{}", terms_line(a, rules))?;
    if rules.basis == Basis::Assumed {
        writeln!(out, "basis: ASSUMED. The agreement has no termination clause; twelve months' notice is the VCLT art. 56(2) assumption, not the agreement's text.")?;
    }
    if !matches!(q, Question::Terms) {
        writeln!(out)?;
    }
    match (q, outcome) {
        (Question::Notice(_), Some(o)) => {
            writeln!(
                out,
                "notice received {} → in force until {} (its last day){}",
                o.notice_date,
                o.effective_date,
                route_note(o)
            )?;
            steps(out, o)?;
        }
        (Question::EndBy(e), Some(o)) if o.route == Route::Expiry => {
            writeln!(
                out,
                "to have ended by {e}, no notice is needed → in force until {}{}",
                o.effective_date,
                route_note(o)
            )?;
            steps(out, o)?;
        }
        (Question::EndBy(e), Some(o)) => {
            writeln!(
                out,
                "to have ended by {e}, notice must be received by {} (the latest such day) → in force until {}{}",
                o.notice_date,
                o.effective_date,
                route_note(o)
            )?;
            if let Some(next) = o.notice_date.succ_opt() {
                writeln!(out, "one day later ({next}) would be too late")?;
            }
            steps(out, o)?;
        }
        (Question::EndBy(e), None) => {
            writeln!(
                out,
                "no notice can end it by {e}: even notice received on its first day in force ({}) ends it later",
                rules.start
            )?;
        }
        (Question::Notice(_), None) => writeln!(out, "the date is outside the calendar accord can compute")?,
        (Question::Terms, _) => {}
    }
    if !windows.is_empty() {
        writeln!(
            out,
            "\nnotice windows (notice of non-renewal must be received within the window to end that term):"
        )?;
        for w in windows {
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
        let what = if rules.basis == Basis::Assumed {
            "assumed notice period"
        } else {
            "termination clause"
        };
        parts.push(format!("{what}{art}: {} {form}notice by {who}", n.possessive()));
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
    parts.join("; ")
}

pub(crate) fn json(out: &mut dyn Write, a: &Agreement, answer: &Answer) -> io::Result<()> {
    let (rules, q, outcome, windows) = (
        &answer.rules,
        &answer.question,
        answer.outcome.as_ref(),
        &answer.windows,
    );
    let (notice_date, effective_date, latest) = match (q, outcome) {
        (Question::Notice(_), Some(o)) => (Some(o.notice_date), Some(o.effective_date), None),
        (Question::EndBy(_), Some(o)) if o.route == Route::Expiry => (None, Some(o.effective_date), None),
        (Question::EndBy(_), Some(o)) => (None, Some(o.effective_date), Some(o.notice_date)),
        _ => (None, None, None),
    };
    let v = serde_json::json!({
        "agreement": a.id,
        "notice_date": notice_date,
        "effective_date": effective_date,
        "latest_notice_date": latest,
        "end_by": if let Question::EndBy(e) = q { Some(*e) } else { None },
        "period": outcome.and_then(|o| o.period).or(rules.notice).map(|p| p.to_string()),
        "article": rules.article,
        "basis": rules.basis,
        "route": outcome.map(|o| o.route),
        "terms": terms_line(a, rules),
        "explanation": outcome.map(|o| o.steps.join("; ")),
        "steps": outcome.map(|o| o.steps.clone()).unwrap_or_default(),
        "windows": windows,
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
