//! `accord list`, `accord status` and `accord show`: where each agreement stands, and
//! everything about one.

use super::args::{TableFormat, TextFormat};
use super::context::{find, superseded_in, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::participation::participation;
use crate::engine::status::{self, apply_supersession};
use crate::file::parse::Texts;
use crate::report;
use crate::suggest::did_you_mean;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    format: TableFormat,
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// One agreement id; default all.
    id: Option<String>,
    /// With an id: the participation of this party (of every party with `all`).
    #[arg(long, value_name = "PARTY", requires = "id")]
    party: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    format: TableFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The agreement id.
    id: String,
    /// Print the full text of every article (as in force on --as-of).
    #[arg(long)]
    articles: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    format: TextFormat,
}

/// How the rows are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Status,
}

pub(crate) fn list(args: &ListArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    stream(View::List, args.format, cx, io)
}

pub(crate) fn status(args: &StatusArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let Some(id) = &args.id else {
        return stream(View::Status, args.format, cx, io);
    };
    let loaded = cx.around(id, Texts::Skip)?;
    let a = find(&loaded, id)?;
    let mut row = report::list::Row::of(a, status::status(a, cx.as_of, &loaded.agreements), cx.as_of);
    if let Some(p) = &args.party {
        row.participation = participation(a, cx.as_of);
        if p != "all" {
            row.participation.retain(|x| x.party == *p);
            if row.participation.is_empty() {
                let help = did_you_mean(p, a.parties.iter().map(|x| x.id.as_str())).unwrap_or_else(|| {
                    format!(
                        "the parties of {} are: {}",
                        a.id,
                        a.parties.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(", ")
                    )
                });
                return Err(Error::UnknownParty { party: p.clone(), help });
            }
        }
    }
    match args.format {
        TableFormat::Json => report::list::json_out(io.out, &[row])?,
        TableFormat::Table => {
            report::list::status_out(io.out, &io.style, std::slice::from_ref(&row))?;
            if !row.participation.is_empty() {
                writeln!(io.out)?;
                report::list::participation_out(io.out, &io.style, a, &row.participation)?;
            }
        }
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}

/// `list` and `status` of the whole folder, streaming: one small row per agreement.
fn stream(view: View, format: TableFormat, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let scanned = cx.scan(|a| report::list::Row::of(&a, status::status(&a, cx.as_of, &[]), cx.as_of))?;
    let superseded = superseded_in(&scanned, cx.as_of, |row| row.status.in_force_since);
    let index = &scanned.index;
    let rows: Vec<report::list::Row> = scanned
        .entries
        .into_iter()
        .enumerate()
        .map(|(k, mut row)| {
            apply_supersession(&mut row.status, superseded.get(index.id(k as u32)).cloned());
            row
        })
        .collect();
    match (format, view) {
        (TableFormat::Json, _) => report::list::json_out(io.out, &rows)?,
        (TableFormat::Table, View::List) => report::list::table_out(io.out, &io.style, &rows)?,
        (TableFormat::Table, View::Status) => report::list::status_out(io.out, &io.style, &rows)?,
    }
    io.no_files(scanned.files, &cx.dir)?;
    Ok(io.finish(&scanned.diagnostics, scanned.failed_files, Exit::Success)?)
}

pub(crate) fn show(args: &ShowArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let loaded = cx.around(&args.id, Texts::Keep)?;
    let a = find(&loaded, &args.id)?;
    let all = &loaded.agreements;
    let st = status::status(a, cx.as_of, all);
    let children = all
        .iter()
        .filter(|c| c.under.as_deref() == Some(&a.id))
        .map(|c| (c, status::status(c, cx.as_of, all)))
        .collect();
    let parent = a
        .under
        .as_ref()
        .and_then(|p| all.iter().find(|x| x.id == *p))
        .map(|p| (p, status::status(p, cx.as_of, all)));
    let show = report::show::ShowContext {
        status: &st,
        as_of: cx.as_of,
        articles: args.articles,
        children,
        parent,
    };
    match args.format {
        TextFormat::Json => report::show::json(io.out, a, &show)?,
        TextFormat::Text => report::show::text(io.out, a, &show)?,
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}
