//! The commands that compute schedules and dates: `due`, `terminate`, `amendments`,
//! `timeline`. Each calls its engine and hands the result to the report layer.

use crate::app::{find, Io, FINDINGS, SUCCESS, USAGE};
use crate::cli::{DueArgs, FailOn, Format, TerminateArgs};
use crate::due::{self, DueStatus};
use crate::load::Loaded;
use crate::model::Agreement;
use crate::report::{self, terminate::Question};
use crate::suggest::did_you_mean;
use crate::terminate::{self, Refusal};
use chrono::NaiveDate;
use std::io;

pub fn due(loaded: &Loaded, args: &DueArgs, as_of: NaiveDate, format: Format, io: &mut Io) -> io::Result<i32> {
    for id in &args.agreements {
        if find(loaded, id, io)?.is_none() {
            return Ok(USAGE);
        }
    }
    if let Some(p) = &args.party {
        let known: Vec<&str> = loaded
            .agreements
            .iter()
            .flat_map(|a| a.parties.iter().map(|p| p.id.as_str()))
            .collect();
        if !known.contains(&p.as_str()) {
            let help = did_you_mean(p, known.iter().copied())
                .unwrap_or_else(|| format!("the parties are: {}", dedup(known).join(", ")));
            writeln!(io.err, "error: no party `{p}` in any agreement\nhelp: {help}")?;
            return Ok(USAGE);
        }
    }
    let items = due::due(&loaded.agreements, as_of, args.within, &args.filter());
    match format {
        Format::Json => report::due::json_out(io.out, &items)?,
        Format::Csv => report::due::csv_out(io.out, &items)?,
        Format::Ics => report::ics::write(io.out, &items, as_of)?,
        _ => report::due::table_out(io.out, &io.style, &items, &loaded.agreements)?,
    }
    let fail = match args.fail_on {
        None => false,
        Some(FailOn::Overdue) => items.iter().any(|i| i.status == DueStatus::Overdue),
        Some(FailOn::Due) => items
            .iter()
            .any(|i| matches!(i.status, DueStatus::Overdue | DueStatus::Due)),
    };
    Ok(if fail { FINDINGS } else { SUCCESS })
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v.dedup();
    v
}

pub fn terminate(
    loaded: &Loaded,
    a: &Agreement,
    args: &TerminateArgs,
    as_of: NaiveDate,
    format: Format,
    io: &mut Io,
) -> io::Result<i32> {
    let opts = terminate::Options {
        assume_vclt56: args.assume_vclt56,
        roll: args.roll,
        by: args.by.clone(),
    };
    // Refuse agreements that are no longer in force as of the notice (or as-of) date.
    let on = args.notice.unwrap_or(as_of);
    let st = crate::status::status(a, on.max(as_of), &loaded.agreements);
    if matches!(
        st.state,
        crate::status::State::Terminated | crate::status::State::Superseded
    ) {
        writeln!(
            io.err,
            "{} is no longer in force ({}); there is nothing left to terminate",
            a.id, st.reason
        )?;
        return Ok(FINDINGS);
    }
    let rules = match terminate::rules(a, on.max(as_of), &opts) {
        Ok(r) => r,
        Err(refusal) => {
            writeln!(io.err, "{}", refusal)?;
            return Ok(match refusal {
                Refusal::UnknownParty { .. } => USAGE,
                _ => FINDINGS,
            });
        }
    };
    if let Some(n) = args.notice {
        if n < rules.start {
            writeln!(
                io.err,
                "{}: notice on {n} would precede entry into force on {}",
                a.id, rules.start
            )?;
            return Ok(FINDINGS);
        }
    }
    let (question, outcome) = match (args.notice, args.end_by) {
        (Some(n), _) => (Question::Notice, terminate::end_date(&rules, n)),
        (None, Some(e)) => (Question::EndBy(e), terminate::latest_notice(&rules, e)),
        (None, None) => (Question::Terms, None),
    };
    let windows = terminate::windows(&rules, as_of, 3);
    match format {
        Format::Json => report::terminate::json(io.out, a, &rules, &question, outcome.as_ref(), &windows)?,
        _ => report::terminate::text(io.out, a, &rules, &question, outcome.as_ref(), &windows)?,
    }
    Ok(match (&question, &outcome) {
        (Question::Terms, _) | (_, Some(_)) => SUCCESS,
        _ => FINDINGS,
    })
}

pub fn amendments(loaded: &Loaded, ids: &[String], as_of: NaiveDate, format: Format, io: &mut Io) -> io::Result<i32> {
    let rows: Vec<_> = loaded
        .agreements
        .iter()
        .filter(|a| ids.contains(&a.id))
        .flat_map(|a| {
            a.amendments
                .iter()
                .filter(move |am| crate::amendments::proposed_by_then(am, as_of))
                .map(move |am| (a, am, crate::amendments::status(a, am, as_of)))
        })
        .collect();
    match format {
        Format::Json => report::lifecycle::amendments_json(io.out, &rows)?,
        _ => report::lifecycle::amendments_table(io.out, &io.style, &rows)?,
    }
    Ok(SUCCESS)
}

pub fn timeline(loaded: &Loaded, ids: &[String], as_of: NaiveDate, format: Format, io: &mut Io) -> io::Result<i32> {
    let mut entries: Vec<_> = loaded
        .agreements
        .iter()
        .filter(|a| ids.contains(&a.id))
        .flat_map(|a| crate::timeline::timeline(a, as_of, &loaded.agreements))
        .collect();
    entries.sort_by(|a, b| (a.date, &a.agreement).cmp(&(b.date, &b.agreement)));
    match format {
        Format::Json => report::lifecycle::timeline_json(io.out, &entries)?,
        _ => report::lifecycle::timeline_table(io.out, &io.style, &entries)?,
    }
    Ok(SUCCESS)
}
