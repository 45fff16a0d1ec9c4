//! `accord amendments` and `accord timeline`: what changed in an agreement, and what
//! happened when, for one agreement or all.

use super::args::Common;
use super::args::TableFormat;
use super::complete;
use super::context::{find, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::{amendments, timeline};
use crate::file::parse::Texts;
use crate::folder::load::Loaded;
use crate::report;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct AmendmentsArgs {
    /// One agreement id; default all.
    #[arg(add = complete::agreements())]
    id: Option<String>,
    /// Output format [default: table, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TableFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// One agreement id; default all.
    #[arg(add = complete::agreements())]
    id: Option<String>,
    /// Output format [default: table, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TableFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

/// The agreement `id` and those it depends on, or the whole folder; and the ids to report on.
fn load(id: Option<&str>, cx: &Context) -> Result<(Loaded, Vec<String>), Error> {
    match id {
        Some(id) => {
            let loaded = cx.around(id, Texts::Skip)?;
            let id = find(&loaded, id)?.id.clone();
            Ok((loaded, vec![id]))
        }
        None => {
            let loaded = cx.load_all()?;
            let ids = loaded.agreements.iter().map(|a| a.id.clone()).collect();
            Ok((loaded, ids))
        }
    }
}

pub(crate) fn amendments(args: &AmendmentsArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let (loaded, ids) = load(args.id.as_deref(), cx)?;
    let rows: Vec<_> = loaded
        .agreements
        .iter()
        .filter(|a| ids.contains(&a.id))
        .flat_map(|a| {
            a.amendments
                .iter()
                .filter(|am| amendments::proposed_by_then(a, am, cx.as_of))
                .map(move |am| (a, am, amendments::status(a, am, cx.as_of)))
        })
        .collect();
    match cx.format(args.format, TableFormat::Table) {
        TableFormat::Json => report::lifecycle::amendments_json(io.out, &rows)?,
        TableFormat::Table => report::lifecycle::amendments_table(io.out, &io.style, &rows)?,
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}

pub(crate) fn timeline(args: &TimelineArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let (loaded, ids) = load(args.id.as_deref(), cx)?;
    let mut entries: Vec<_> = loaded
        .agreements
        .iter()
        .filter(|a| ids.contains(&a.id))
        .flat_map(|a| timeline::timeline(a, cx.as_of, &loaded.agreements))
        .collect();
    entries.sort_by(|a, b| (a.date, &a.agreement).cmp(&(b.date, &b.agreement)));
    match cx.format(args.format, TableFormat::Table) {
        TableFormat::Json => report::lifecycle::timeline_json(io.out, &entries)?,
        TableFormat::Table => report::lifecycle::timeline_table(io.out, &io.style, &entries)?,
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}
