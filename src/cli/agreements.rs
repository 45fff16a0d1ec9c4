//! `accord list`, `accord status` and `accord show`: where each agreement stands, and
//! everything about one.

use super::args::Common;
use super::args::{TableFormat, TextFormat};
use super::complete;
use super::context::{find, superseded_in, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::due::{self, Explanations, Filter, Query, Superseders};
use crate::engine::participation::participation;
use crate::engine::status::{self, apply_supersession};
use crate::engine::terminate::{self, Question};
use crate::file::parse::Texts;
use crate::report;
use crate::suggest::did_you_mean;
use crate::time::period::Period;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format [default: table, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TableFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// One agreement id; default all.
    #[arg(add = complete::agreements())]
    id: Option<String>,
    /// With an id: the participation of this party (of every party with `all`).
    #[arg(long, value_name = "PARTY", requires = "id", add = complete::parties())]
    party: Option<String>,
    /// Output format [default: table, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TableFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The agreement id.
    #[arg(add = complete::agreements())]
    id: String,
    /// Print the full text of every article (as in force on --as-of).
    #[arg(long)]
    articles: bool,
    /// Output format [default: text, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TextFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

/// How the rows are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Status,
}

pub(crate) fn list(args: &ListArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    stream(View::List, cx.format(args.format, TableFormat::Table), cx, io)
}

pub(crate) fn status(args: &StatusArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let Some(id) = &args.id else {
        return stream(View::Status, cx.format(args.format, TableFormat::Table), cx, io);
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
    match cx.format(args.format, TableFormat::Table) {
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
    // The cache keeps each agreement's row for the day (`list` and `status` show the same).
    let scanned = cx.scan_answers("list", &cx.as_of, |as_of, a| {
        report::list::Row::of(&a, status::status(&a, *as_of, &[]), *as_of)
    })?;
    let superseded = superseded_in(&scanned, cx.as_of, |row| row.status.in_force_since);
    let index = &scanned.index;
    let mut rows: Vec<report::list::Row> = scanned
        .entries
        .into_iter()
        .enumerate()
        .map(|(k, mut row)| {
            apply_supersession(&mut row.status, superseded.get(index.id(k as u32)).cloned());
            row
        })
        .collect();
    // By id, whatever the files are called (a duplicate id keeps file order).
    rows.sort_by(|a, b| a.id().cmp(b.id()));
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
    let filter = Filter {
        agreements: vec![a.id.clone()],
        ..Filter::default()
    };
    let query = Query {
        as_of: cx.as_of,
        within: Period::years(1),
        filter: &filter,
        explanations: Explanations::Omit,
        superseders: Superseders::Among(all),
    };
    let mut next = due::items_for(a, &query);
    due::sort(&mut next);
    let ending = terminate::answer(a, all, Question::Terms, cx.as_of, &cx.rules_options()).ok();
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
        next,
        ending,
    };
    match cx.format(args.format, TextFormat::Text) {
        TextFormat::Json => report::show::json(io.out, a, &show)?,
        TextFormat::Text => report::show::text(io.out, a, &show)?,
    }
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, Exit::Success)?)
}
