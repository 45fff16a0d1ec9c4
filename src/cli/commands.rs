//! The commands that compute schedules and dates: `due`, `terminate`, `amendments`,
//! `timeline`. Each calls its engine and hands the result to the report layer.

use crate::cli::args::{DueArgs, FailOn, Format, TerminateArgs};
use crate::cli::run::{load_error, report_broken_files, unknown_agreement, Io, FINDINGS, SUCCESS, USAGE};
use crate::engine::due::{self, DueStatus, Item};
use crate::engine::rules::{self, Refusal};
use crate::engine::terminate;
use crate::folder::load;
use crate::folder::load::Loaded;
use crate::model::Agreement;
use crate::report::{self, terminate::Question};
use crate::suggest::did_you_mean;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io;
use std::path::Path;

/// What a `due` worker keeps of one agreement: full items for JSON and ICS, packed
/// rows for the table and CSV.
enum Found {
    Items(Vec<Item>),
    Rows(Vec<report::due::Row>),
}

/// `accord due`, streaming: each worker turns an agreement into its items and drops it.
pub fn due(dir: &Path, jobs: usize, args: &DueArgs, as_of: NaiveDate, format: Format, io: &mut Io) -> io::Result<i32> {
    let mut filter = args.filter();
    let packed = matches!(format, Format::Table | Format::Csv);
    filter.terse = packed;
    let scanned = match load::scan_paths(&[dir.to_path_buf()], jobs, false, |a| {
        let items = due::items_for(&a, as_of, args.within, &filter, &[]);
        let found = if packed {
            Found::Rows(items.iter().map(report::due::Row::of).collect())
        } else {
            Found::Items(items)
        };
        // Party ids are kept only to check `--party` against.
        let parties: Vec<String> = match args.party {
            Some(_) => a.parties.iter().map(|p| p.id.clone()).collect(),
            None => Vec::new(),
        };
        (found, in_force_since(&a, as_of), parties)
    }) {
        Ok(s) => s,
        Err(e) => return load_error(&e, dir, io),
    };
    for id in &args.agreements {
        if !scanned.index.ids().any(|known| known == id) {
            let ids: Vec<&str> = scanned.index.ids().collect();
            unknown_agreement(id, &ids, io)?;
            return Ok(USAGE);
        }
    }
    if let Some(p) = &args.party {
        let known: Vec<&str> = dedup(
            scanned
                .entries
                .iter()
                .flat_map(|(_, _, ps)| ps.iter().map(String::as_str))
                .collect(),
        );
        if !known.contains(&p.as_str()) {
            let help = did_you_mean(p, known.iter().copied())
                .unwrap_or_else(|| format!("the parties are: {}", known.join(", ")));
            writeln!(io.err, "error: no party `{p}` in any agreement\nhelp: {help}")?;
            return Ok(USAGE);
        }
    }
    let superseded = superseded_ids(&scanned, as_of, |(_, eif, _)| *eif);
    let (mut items, mut rows) = (Vec::new(), Vec::new());
    for (k, (found, _, _)) in scanned.entries.into_iter().enumerate() {
        if superseded.contains_key(scanned.index.id(k as u32)) {
            continue;
        }
        match found {
            Found::Items(its) => items.extend(its),
            Found::Rows(rs) => rows.extend(rs),
        }
    }
    due::sort(&mut items);
    report::due::sort(&mut rows);
    match format {
        Format::Json => report::due::json_out(io.out, &items)?,
        Format::Ics => report::ics::write(io.out, &items, as_of)?,
        Format::Csv => report::due::csv_out(io.out, &rows, as_of)?,
        _ => report::due::table_out(io.out, &io.style, &rows, as_of)?,
    }
    io.out.flush()?;
    let broken = report_broken_files(&scanned.diagnostics, scanned.failed_files, io)?;
    let mut statuses = items.iter().map(|i| i.status).chain(rows.iter().map(|r| r.status));
    let fail = match args.fail_on {
        None => false,
        Some(FailOn::Overdue) => statuses.any(|s| s == DueStatus::Overdue),
        Some(FailOn::Due) => statuses.any(|s| matches!(s, DueStatus::Overdue | DueStatus::Due)),
    };
    Ok(if fail || broken { FINDINGS } else { SUCCESS })
}

/// `accord list` and `accord status` (all agreements), streaming: one small row each.
pub fn list(
    dir: &Path,
    jobs: usize,
    status_view: bool,
    as_of: NaiveDate,
    format: Format,
    io: &mut Io,
) -> io::Result<i32> {
    let scanned = match load::scan_paths(&[dir.to_path_buf()], jobs, false, |a| {
        report::list::Row::of(&a, crate::engine::status::status(&a, as_of, &[]))
    }) {
        Ok(s) => s,
        Err(e) => return load_error(&e, dir, io),
    };
    let superseded = superseded_ids(&scanned, as_of, |row| row.status.in_force_since);
    let index = &scanned.index;
    let rows: Vec<report::list::Row> = scanned
        .entries
        .into_iter()
        .enumerate()
        .map(|(k, mut row)| {
            if let Some(by) = superseded.get(index.id(k as u32)) {
                crate::engine::status::apply_supersession(&mut row.status, by);
            }
            row
        })
        .collect();
    match (format, status_view) {
        (Format::Json, _) => report::list::json_out(io.out, &rows)?,
        (_, false) => report::list::table_out(io.out, &io.style, &rows)?,
        (_, true) => report::list::status_out(io.out, &io.style, &rows)?,
    }
    io.out.flush()?;
    let broken = report_broken_files(&scanned.diagnostics, scanned.failed_files, io)?;
    Ok(if broken { FINDINGS } else { SUCCESS })
}

fn in_force_since(a: &Agreement, as_of: NaiveDate) -> Option<NaiveDate> {
    match crate::engine::entry::entry_into_force(a, as_of) {
        crate::engine::entry::EntryIntoForce::Since { date, .. } => Some(date),
        _ => None,
    }
}

/// The agreements superseded on `as_of`: for each, the superseding agreements in force
/// and their dates of entry into force.
fn superseded_ids<T>(
    scanned: &load::Scanned<T>,
    as_of: NaiveDate,
    since: impl Fn(&T) -> Option<NaiveDate>,
) -> HashMap<String, Vec<(String, NaiveDate)>> {
    let mut out = HashMap::new();
    if scanned.superseded_by.is_empty() {
        return out;
    }
    let dates: HashMap<&str, Option<NaiveDate>> = scanned.iter().map(|(id, t)| (id, since(t))).collect();
    for (target, by) in &scanned.superseded_by {
        let active: Vec<(String, NaiveDate)> = by
            .iter()
            .filter_map(|id| {
                dates
                    .get(id.as_str())
                    .copied()
                    .flatten()
                    .filter(|d| *d <= as_of)
                    .map(|d| (id.clone(), d))
            })
            .collect();
        if !active.is_empty() {
            out.insert(target.clone(), active);
        }
    }
    out
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
    let opts = rules::Options {
        assume_vclt56: args.assume_vclt56,
        roll: args.roll,
        by: args.by.clone(),
    };
    // Refuse agreements that are no longer in force as of the notice (or as-of) date.
    let on = args.notice.unwrap_or(as_of);
    let st = crate::engine::status::status(a, on.max(as_of), &loaded.agreements);
    if matches!(
        st.state,
        crate::engine::status::State::Terminated | crate::engine::status::State::Superseded
    ) {
        writeln!(
            io.err,
            "{} is no longer in force ({}); there is nothing left to terminate",
            a.id, st.reason
        )?;
        return Ok(FINDINGS);
    }
    let rules = match rules::rules(a, on.max(as_of), &opts) {
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
        (Some(n), _) => (Question::Notice, crate::engine::notice::end_date(&rules, n)),
        (None, Some(e)) => (Question::EndBy(e), terminate::latest_notice(&rules, e)),
        (None, None) => (Question::Terms, None),
    };
    let windows = terminate::windows(&rules, as_of, 3);
    let answer = report::terminate::Answer {
        a,
        rules: &rules,
        q: &question,
        outcome: outcome.as_ref(),
        windows: &windows,
    };
    match format {
        Format::Json => report::terminate::json(io.out, &answer)?,
        _ => report::terminate::text(io.out, &answer)?,
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
                .filter(move |am| crate::engine::amendments::proposed_by_then(am, as_of))
                .map(move |am| (a, am, crate::engine::amendments::status(a, am, as_of)))
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
        .flat_map(|a| crate::engine::timeline::timeline(a, as_of, &loaded.agreements))
        .collect();
    entries.sort_by(|a, b| (a.date, &a.agreement).cmp(&(b.date, &b.agreement)));
    match format {
        Format::Json => report::lifecycle::timeline_json(io.out, &entries)?,
        _ => report::lifecycle::timeline_table(io.out, &io.style, &entries)?,
    }
    Ok(SUCCESS)
}
