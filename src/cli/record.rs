//! The two commands that write: `accord new` and `accord record`. Each takes a lock on
//! the file, edits its text (see [`crate::edit`]), re-checks the result, and only then
//! replaces the file atomically (temporary file in the same folder, fsync, rename). A
//! result that does not pass the checks is never written: the file stays byte-identical.

use crate::cli::args::{NewArgs, RecordArgs, RecordWhat};
use crate::cli::run::{Io, FINDINGS, SUCCESS, USAGE};
use crate::diagnostic::Severity;
use crate::engine::due::{self, Filter};
use crate::engine::status;
use crate::file::edit::{append_event, template, NewEvent};
use crate::file::validate::is_valid_id;
use crate::file::write::{write_atomically, Lock};
use crate::folder::load::{self, Loaded};
use crate::model::Agreement;
use chrono::NaiveDate;
use std::fs;
use std::io;
use std::path::Path;

pub fn new(args: &NewArgs, dir: &Path, jobs: usize, io: &mut Io) -> io::Result<i32> {
    if !is_valid_id(&args.id) {
        writeln!(
            io.err,
            "error: `{}` is not a valid id (lowercase letters, digits and hyphens)",
            args.id
        )?;
        return Ok(USAGE);
    }
    let mut parties = Vec::new();
    for p in &args.parties {
        match p.split_once('=') {
            Some((id, name)) if is_valid_id(id) && !name.trim().is_empty() => {
                parties.push((id.to_string(), name.trim().to_string()))
            }
            _ => {
                writeln!(
                    io.err,
                    "error: --party `{p}` must be ID=Name, with an id of lowercase letters, digits and hyphens"
                )?;
                return Ok(USAGE);
            }
        }
    }
    if !dir.is_dir() {
        writeln!(io.err, "error: {}: no such folder", dir.display())?;
        return Ok(USAGE);
    }
    let path = dir.join(format!("{}.yaml", args.id));
    let same_id = |a: Agreement| (a.id == args.id && a.file != path).then_some(a.file);
    if let Ok(scanned) = load::scan_paths(&[dir.to_path_buf()], jobs, false, same_id) {
        if let Some(other) = scanned.entries.into_iter().flatten().next() {
            writeln!(
                io.err,
                "error: the id `{}` is already used by {}",
                args.id,
                other.display()
            )?;
            return Ok(FINDINGS);
        }
    }
    let _lock = Lock::take(&path)?;
    if path.exists() && !args.force {
        writeln!(io.err, "error: {} exists; pass --force to replace it", path.display())?;
        return Ok(FINDINGS);
    }
    let text = template(&args.id, &args.title, &parties);
    let (_, diags) = crate::file::parse::load_source(&path, &text);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        crate::report::diagnostics::text(io.err, &diags, io.err_color)?;
        writeln!(io.err, "nothing was written")?;
        return Ok(FINDINGS);
    }
    write_atomically(&path, &text)?;
    writeln!(io.out, "created {}", path.display())?;
    Ok(SUCCESS)
}

fn event(what: &RecordWhat, as_of: NaiveDate) -> NewEvent {
    let mut fields = Vec::new();
    let mut push = |k: &'static str, v: Option<&String>| {
        if let Some(v) = v {
            fields.push((k, v.clone()));
        }
    };
    let (date, kind) = match what {
        RecordWhat::Performed { date, .. } => (date, "performed"),
        RecordWhat::Notice { date, .. } => (date, "notice_given"),
        RecordWhat::RevokeNotice { date, .. } => (date, "notice_revoked"),
        RecordWhat::Approved { date, .. } | RecordWhat::Accepted { date, .. } => (date, "approved"),
    };
    push("date", Some(&date.unwrap_or(as_of).to_string()));
    push("type", Some(&kind.to_string()));
    match what {
        RecordWhat::Performed { obligation, .. } => push("obligation", Some(obligation)),
        RecordWhat::Notice { by, .. } | RecordWhat::RevokeNotice { by, .. } => push("by", Some(by)),
        RecordWhat::Approved { party, organ, .. } => {
            push("party", Some(party));
            push("organ", organ.as_ref());
        }
        RecordWhat::Accepted {
            amendment,
            party,
            organ,
            ..
        } => {
            push("party", Some(party));
            push("organ", organ.as_ref());
            push("amendment", Some(amendment));
        }
    }
    NewEvent { fields }
}

pub fn record(loaded: &Loaded, a: &Agreement, args: &RecordArgs, as_of: NaiveDate, io: &mut Io) -> io::Result<i32> {
    let ev = event(&args.what, as_of);
    let on = ev.fields[0].1.parse::<NaiveDate>().unwrap_or(as_of);
    let view = as_of.max(on);
    let before = summary(a, &args.what, view, &loaded.agreements);
    let _lock = Lock::take(&a.file)?;
    // Read under the lock: another process may have written since the folder was loaded.
    let text = fs::read_to_string(&a.file)?;
    let new_text = match append_event(&text, &ev) {
        Ok(t) => t,
        Err(e) => {
            writeln!(io.err, "error: {}: {e}", a.file.display())?;
            return Ok(FINDINGS);
        }
    };
    let (updated, diags) = crate::file::parse::load_source(&a.file, &new_text);
    let errors: Vec<_> = diags.into_iter().filter(|d| d.severity == Severity::Error).collect();
    let Some(updated) = updated.filter(|_| errors.is_empty()) else {
        crate::report::diagnostics::text(io.err, &errors, io.err_color)?;
        writeln!(
            io.err,
            "the event would make {} invalid (the lines above are from the edited text); the file was left unchanged",
            a.file.display()
        )?;
        return Ok(FINDINGS);
    };
    write_atomically(&a.file, &new_text)?;
    let mut all: Vec<Agreement> = loaded.agreements.iter().filter(|x| x.id != a.id).cloned().collect();
    all.push(updated.clone());
    let after = summary(&updated, &args.what, view, &all);
    let line: Vec<String> = ev.fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    writeln!(io.out, "recorded in {}: {}", a.file.display(), line.join(", "))?;
    if before != after {
        writeln!(io.out, "before: {before}\nafter:  {after}")?;
    } else {
        writeln!(io.out, "{after}")?;
    }
    Ok(SUCCESS)
}

/// What the recorded event changes, in one line.
fn summary(a: &Agreement, what: &RecordWhat, as_of: NaiveDate, all: &[Agreement]) -> String {
    match what {
        RecordWhat::Performed { obligation, .. } => {
            let filter = Filter {
                agreements: vec![a.id.clone()],
                kinds: vec![due::Kind::Obligation],
                ..Filter::default()
            };
            let items = due::due(
                std::slice::from_ref(a),
                as_of,
                crate::time::period::Period::years(100),
                &filter,
            );
            match items.iter().find(|i| i.id == *obligation) {
                Some(i) => format!(
                    "{obligation} next due {} ({})",
                    crate::report::opt(&i.date),
                    i.explanation
                ),
                None => format!("{obligation}: nothing further due"),
            }
        }
        _ => {
            let st = status::status(a, as_of, all);
            if st.reason.starts_with(st.state.name()) {
                st.reason
            } else {
                format!("{}: {}", st.state, st.reason)
            }
        }
    }
}
