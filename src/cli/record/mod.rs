//! `accord record`: writes what happened into an agreement's file: an event into
//! `events` in date order, the signature into `signed`, a decision into an amendment.
//! Under the file's lock it reads the file as it now is, refuses a change that cannot
//! be true (`refuse`), edits the text, parses the result and checks that it reads as
//! exactly the old agreement plus the change (`verify`), and only then replaces the file
//! (see [`crate::file::write`]). It prints where the agreement stood before and after.
//! A change that is refused or fails a check leaves the file byte-identical.

mod change;
mod refuse;
mod snapshot;
mod verify;

use super::args::{date_arg, TextFormat};
use super::context::{find, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::cli::args::Common;
use crate::cli::complete;
use crate::diagnostic::{Diagnostic, Severity};
use crate::file::edit::{declared_id, Decision};
use crate::file::parse::{self, Texts};
use crate::file::write::{Locked, WriteError};
use crate::folder::load::Loaded;
use crate::model::{Agreement, EventKind};
use crate::report;
use change::{event, Change};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use verify::Unsafe;

#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    /// The agreement id.
    #[arg(add = complete::agreements())]
    id: String,
    /// Output format [default: text, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT", global = true)]
    format: Option<TextFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
    #[command(subcommand)]
    what: RecordWhat,
}

#[derive(Debug, Subcommand)]
enum RecordWhat {
    /// The agreement was signed: records `signed` and ends its draft status.
    Signed {
        /// The date of signature (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
        /// Where it was signed.
        #[arg(long)]
        place: Option<String>,
    },
    /// An obligation was performed.
    Performed {
        /// The obligation id.
        #[arg(add = complete::obligations())]
        obligation: String,
        /// The date (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// Notice of termination was received (VCLT art. 78: the date of receipt).
    Notice {
        /// The party that gave notice.
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        by: String,
        /// The date the notice was received (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// A notice was revoked before it took effect (VCLT art. 68).
    RevokeNotice {
        /// The party that gave the notice.
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        by: String,
        /// The date of the revocation (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// A party (or one of its organs) approved the agreement, or an amendment.
    Approved {
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        party: String,
        #[arg(long)]
        organ: Option<String>,
        /// The amendment approved (default: the agreement, for its entry into force).
        #[arg(long, value_name = "AMENDMENT", add = complete::amendments())]
        amendment: Option<String>,
        /// The date of the approval (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// A party accepted an amendment (written into the amendment's `accepted`).
    Accepted {
        /// The amendment id.
        #[arg(add = complete::amendments())]
        amendment: String,
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        party: String,
        /// The date of acceptance (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// A party rejected an amendment (written into the amendment's `rejected`).
    Rejected {
        /// The amendment id.
        #[arg(add = complete::amendments())]
        amendment: String,
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        party: String,
        /// The date of rejection (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
    /// The proposer withdrew an amendment (written into the amendment's `withdrawn`).
    Withdrawn {
        /// The amendment id.
        #[arg(add = complete::amendments())]
        amendment: String,
        /// The party that withdrew it; checked against the proposer, not stored.
        #[arg(long, value_name = "PARTY", add = complete::parties())]
        party: Option<String>,
        /// The date of withdrawal (default: --as-of, or today).
        #[arg(long, value_parser = date_arg, add = complete::dates())]
        date: Option<NaiveDate>,
    },
}

pub(crate) fn run(args: &RecordArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let loaded = cx.around(&args.id, Texts::Skip)?;
    let (file, superseded_by) = match find(&loaded, &args.id) {
        Ok(a) => (a.file.clone(), a.superseded_by.clone()),
        Err(unknown) => return Err(broken(&loaded, &args.id, io)?.unwrap_or(unknown)),
    };
    let change = change(&args.what, cx.as_of);
    let locked = Locked::open(&file).map_err(Error::Write)?;
    // Read and check under the lock: another process may have written since the
    // folder was loaded.
    let text = locked.read().map_err(|source| {
        Error::Write(WriteError::Io {
            path: file.clone(),
            action: "read the file",
            source,
        })
    })?;
    let (current, diagnostics) = parse::agreement(&file, &text, Texts::Keep);
    if let Some(other) = current.as_ref().filter(|a| a.id != args.id) {
        return Err(Error::NotWritten(format!(
            "not recorded: {} now declares the id `{}` (it was changed while accord read the folder); the file is unchanged",
            file.display(),
            other.id
        )));
    }
    let Some(mut current) = current else {
        report::diagnostics::text(io.err, &diagnostics, io.err_color)?;
        return Err(Error::HasErrors {
            id: args.id.clone(),
            files: vec![file],
        });
    };
    current.superseded_by = superseded_by;
    let mut all: Vec<Agreement> = loaded.agreements.iter().filter(|x| x.id != args.id).cloned().collect();
    all.push(current.clone());
    let not_recorded = |r: refuse::Refusal| Error::NotRecorded {
        file: file.clone(),
        reason: r.reason,
        rule: r.rule,
    };
    refuse::check(&current, &change, cx.as_of, &all).map_err(not_recorded)?;
    let new_text = change.edit(&text).map_err(|source| Error::Edit {
        path: file.clone(),
        source,
    })?;
    let updated = match verify::verify(&file, &new_text, &change.applied(&current), &diagnostics) {
        Ok(updated) => updated,
        Err(Unsafe::Diagnostics(found)) => {
            report::diagnostics::text(io.err, &found, io.err_color)?;
            return Err(Error::NotWritten(format!(
                "not recorded: the change would bring the problems above into {} (their lines are those of the edited text); the file is unchanged",
                file.display()
            )));
        }
        Err(Unsafe::Differs(part)) => {
            return Err(Error::NotWritten(format!(
                "not recorded: the edited text of {} would not read back as the change alone ({part} would differ), so it was not written; the file is unchanged. Make this change by hand",
                file.display()
            )));
        }
    };
    locked.replace(&new_text).map_err(Error::Write)?;
    drop(locked);
    let before = snapshot::snapshot(&current, &all, cx.as_of, &change);
    if let Some(last) = all.last_mut() {
        *last = updated.clone();
    }
    let after = snapshot::snapshot(&updated, &all, cx.as_of, &change);
    let fields = change.fields();
    let recorded = report::record::Recorded {
        agreement: &args.id,
        file: &file,
        event: &fields,
        before: &before,
        after: &after,
    };
    match cx.format(args.format, TextFormat::Text) {
        TextFormat::Text => report::record::recorded(io.out, &recorded)?,
        TextFormat::Json => report::record::recorded_json(io.out, &recorded)?,
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}

/// When `id` names no valid agreement: the files with errors that declare that id (or,
/// unreadable, are named after it). Their diagnostics are printed; the error names them.
fn broken(loaded: &Loaded, id: &str, io: &mut Io) -> Result<Option<Error>, Error> {
    let mut files: Vec<&Path> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.as_path())
        .collect();
    files.dedup();
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            let declared = std::fs::read_to_string(f).ok().and_then(|t| declared_id(&t));
            match declared {
                Some(d) => d == id,
                None => f.file_stem().is_some_and(|s| s == id),
            }
        })
        .map(Path::to_path_buf)
        .collect();
    if files.is_empty() {
        return Ok(None);
    }
    let theirs: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| files.contains(&d.file))
        .cloned()
        .collect();
    report::diagnostics::text(io.err, &theirs, io.err_color)?;
    Ok(Some(Error::HasErrors {
        id: id.to_string(),
        files,
    }))
}

/// The change the arguments describe, dated `--date` or the as-of day.
fn change(what: &RecordWhat, as_of: NaiveDate) -> Change {
    let day = |d: &Option<NaiveDate>| d.unwrap_or(as_of);
    let with = |kind, date: &Option<NaiveDate>, set: &dyn Fn(&mut crate::model::Event)| {
        let mut e = event(kind, day(date));
        set(&mut e);
        Change::Event(e)
    };
    match what {
        RecordWhat::Signed { date, place } => Change::Signed {
            date: day(date),
            place: place.clone(),
        },
        RecordWhat::Performed { obligation, date } => with(EventKind::Performed, date, &|e| {
            e.obligation = Some(obligation.clone());
        }),
        RecordWhat::Notice { by, date } => with(EventKind::NoticeGiven, date, &|e| e.by = Some(by.clone())),
        RecordWhat::RevokeNotice { by, date } => with(EventKind::NoticeRevoked, date, &|e| e.by = Some(by.clone())),
        RecordWhat::Approved {
            party,
            organ,
            amendment,
            date,
        } => with(EventKind::Approved, date, &|e| {
            e.party = Some(party.clone());
            e.organ = organ.clone();
            e.amendment = amendment.clone();
        }),
        RecordWhat::Accepted { amendment, party, date } => Change::Decision {
            amendment: amendment.clone(),
            decision: Decision::Accepted {
                party: party.clone(),
                date: day(date),
            },
            by: None,
        },
        RecordWhat::Rejected { amendment, party, date } => Change::Decision {
            amendment: amendment.clone(),
            decision: Decision::Rejected {
                party: party.clone(),
                date: day(date),
            },
            by: None,
        },
        RecordWhat::Withdrawn { amendment, party, date } => Change::Decision {
            amendment: amendment.clone(),
            decision: Decision::Withdrawn { date: day(date) },
            by: party.clone(),
        },
    }
}
