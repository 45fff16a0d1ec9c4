//! `accord record`: inserts what happened into an agreement's `events`, in date order. It takes the
//! file's lock, edits its text (see [`crate::file::edit`]), re-checks the result, and
//! only then replaces the file atomically. A result that does not pass the checks is
//! never written: the file stays byte-identical.

use super::args::date_arg;
use super::context::{find, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::diagnostic::Severity;
use crate::engine::due::{self, Filter};
use crate::engine::status;
use crate::file::edit::{insert_event, NewEvent};
use crate::file::parse::{self, Texts};
use crate::file::write::{Locked, WriteError};
use crate::model::Agreement;
use crate::report;
use crate::time::period::Period;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    /// The agreement id.
    id: String,
    #[command(subcommand)]
    what: RecordWhat,
}

#[derive(Debug, Subcommand)]
enum RecordWhat {
    /// An obligation was performed.
    Performed {
        /// The obligation id.
        obligation: String,
        /// The date (default: --as-of, or today).
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// Notice of termination was received (VCLT art. 78: the date of receipt).
    Notice {
        /// The party that gave notice.
        #[arg(long)]
        by: String,
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// A notice was revoked before it took effect (VCLT art. 68).
    RevokeNotice {
        #[arg(long)]
        by: String,
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// A party (or one of its organs) approved the agreement.
    Approved {
        #[arg(long)]
        party: String,
        #[arg(long)]
        organ: Option<String>,
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// A party accepted an amendment.
    Accepted {
        /// The amendment id.
        amendment: String,
        #[arg(long)]
        party: String,
        #[arg(long)]
        organ: Option<String>,
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
}

pub(crate) fn run(args: &RecordArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let loaded = cx.around(&args.id, Texts::Skip)?;
    let a = find(&loaded, &args.id)?;
    let as_of = cx.as_of;
    let ev = event(&args.what, as_of);
    let view = as_of.max(ev.date);
    let before = summary(a, &args.what, view, &loaded.agreements);
    let locked = Locked::open(&a.file).map_err(Error::Write)?;
    // Read under the lock: another process may have written since the folder was loaded.
    let text = locked.read().map_err(|source| {
        Error::Write(WriteError::Io {
            path: a.file.clone(),
            action: "read the file",
            source,
        })
    })?;
    let new_text = insert_event(&text, &ev).map_err(|source| Error::Edit {
        path: a.file.clone(),
        source,
    })?;
    let (updated, diags) = parse::agreement(&a.file, &new_text, Texts::Keep);
    let errors: Vec<_> = diags.into_iter().filter(|d| d.severity == Severity::Error).collect();
    let Some(updated) = updated.filter(|_| errors.is_empty()) else {
        report::diagnostics::text(io.err, &errors, io.err_color)?;
        return Err(Error::NotWritten(format!(
            "the event would make {} invalid (the lines above are from the edited text); the file was left unchanged",
            a.file.display()
        )));
    };
    locked.replace(&new_text).map_err(Error::Write)?;
    drop(locked);
    let mut all: Vec<Agreement> = loaded.agreements.iter().filter(|x| x.id != a.id).cloned().collect();
    all.push(updated.clone());
    let after = summary(&updated, &args.what, view, &all);
    report::record::recorded(io.out, &a.file, &ev.fields, &before, &after)?;
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
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
    let date = date.unwrap_or(as_of);
    push("date", Some(&date.to_string()));
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
    NewEvent { date, fields }
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
            let items = due::due(std::slice::from_ref(a), as_of, Period::years(100), &filter);
            match items.iter().find(|i| i.id == *obligation) {
                Some(i) => format!("{obligation} next due {} ({})", report::opt(&i.date), i.explanation),
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
