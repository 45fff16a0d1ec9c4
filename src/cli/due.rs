//! `accord due`: streams the folder, turning each agreement into its items on the thread
//! that parsed it, then prints the schedule in the format asked for.

use super::args::Common;
use super::args::{keyword, period_arg};
use super::complete;
use super::context::{superseded_in, unknown_agreement, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::due::{self, DueStatus, Explanations, Filter, Item, Kind, Query, Superseders};
use crate::engine::entry::in_force_since;
use crate::folder::load::Scanned;
use crate::report;
use crate::suggest::did_you_mean;
use crate::time::period::Period;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub(crate) struct DueArgs {
    /// How far ahead to look (inclusive); overdue and open items are always shown.
    #[arg(long, value_parser = period_arg, default_value = "1 year", value_name = "PERIOD", add = complete::periods())]
    within: Period,
    /// Only what this party must do.
    #[arg(long, value_name = "PARTY", add = complete::parties())]
    party: Option<String>,
    /// Only these agreements (repeatable).
    #[arg(long = "agreement", value_name = "ID", add = complete::agreements())]
    agreements: Vec<String>,
    /// Only these kinds of item (repeatable).
    #[arg(long = "kind", value_parser = keyword::<Kind>(), value_name = "KIND")]
    kinds: Vec<Kind>,
    /// Only overdue items.
    #[arg(long)]
    overdue: bool,
    /// Hide items with no deadline.
    #[arg(long)]
    dated_only: bool,
    /// Under each row of the table, how its date was computed (the rule, the article
    /// and the arithmetic; JSON always carries it).
    #[arg(long)]
    explain: bool,
    /// Exit 1 when an item has this status (or a worse one).
    #[arg(long, value_enum, value_name = "STATUS")]
    fail_on: Option<FailOn>,
    /// Output format [default: table, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<DueFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Overdue,
    Due,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DueFormat {
    Table,
    Json,
    Csv,
    Ics,
    /// A GitHub-flavoured Markdown table (issues, chat, a CI job summary).
    Markdown,
}

impl DueArgs {
    fn filter(&self) -> Filter {
        Filter {
            party: self.party.clone(),
            agreements: self.agreements.clone(),
            kinds: self.kinds.clone(),
            overdue_only: self.overdue,
            dated_only: self.dated_only,
        }
    }
}

/// What a worker keeps of one agreement: full items for JSON and ICS, packed rows for
/// the table, CSV and Markdown; its date of entry into force, for supersession; and its
/// party ids when `--party` must be checked.
struct Kept {
    found: Found,
    in_force_since: Option<chrono::NaiveDate>,
    parties: Vec<String>,
}

enum Found {
    Items(Vec<Item>),
    Rows(Vec<report::due::Row>),
}

pub(crate) fn run(args: &DueArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let filter = args.filter();
    let format = cx.format(args.format, DueFormat::Table);
    let packed = matches!(format, DueFormat::Table | DueFormat::Csv | DueFormat::Markdown);
    let query = Query {
        as_of: cx.as_of,
        within: args.within,
        filter: &filter,
        explanations: if packed && !args.explain {
            Explanations::Omit
        } else {
            Explanations::Include
        },
        superseders: Superseders::DecidedLater,
    };
    let scanned = cx.scan(|a| {
        let items = due::items_for(&a, &query);
        Kept {
            found: if packed {
                Found::Rows(items.iter().map(report::due::Row::of).collect())
            } else {
                Found::Items(items)
            },
            in_force_since: in_force_since(&a, cx.as_of),
            parties: match args.party {
                Some(_) => a.parties.iter().map(|p| p.id.clone()).collect(),
                None => Vec::new(),
            },
        }
    })?;
    check_names(args, &scanned)?;
    let superseded = superseded_in(&scanned, cx.as_of, |kept| kept.in_force_since);
    let (mut items, mut rows) = (Vec::new(), Vec::new());
    for (k, kept) in scanned.entries.into_iter().enumerate() {
        if superseded.contains_key(scanned.index.id(k as u32)) {
            continue;
        }
        match kept.found {
            Found::Items(its) => items.extend(its),
            Found::Rows(rs) => rows.extend(rs),
        }
    }
    due::sort(&mut items);
    report::due::sort(&mut rows);
    match format {
        DueFormat::Json => report::due::json_out(io.out, &items)?,
        DueFormat::Ics => report::ics::write(io.out, &items, cx.as_of)?,
        DueFormat::Csv => report::due::csv_out(io.out, &rows, cx.as_of)?,
        DueFormat::Markdown => report::due::markdown_out(io.out, &rows, cx.as_of)?,
        DueFormat::Table => {
            let empty = if args.overdue { "nothing overdue" } else { "nothing due" };
            report::due::table_out(io.out, &io.style, &rows, cx.as_of, empty)?;
        }
    }
    let mut statuses = items.iter().map(|i| i.status).chain(rows.iter().map(|r| r.status));
    let fail = match args.fail_on {
        None => false,
        Some(FailOn::Overdue) => statuses.any(|s| s == DueStatus::Overdue),
        Some(FailOn::Due) => statuses.any(|s| matches!(s, DueStatus::Overdue | DueStatus::Due)),
    };
    io.no_files(scanned.files, &cx.dir)?;
    let exit = Exit::Success.or_findings(fail);
    Ok(io.finish(&scanned.diagnostics, scanned.failed_files, exit)?)
}

/// `--agreement` and `--party` must name what the folder has.
fn check_names(args: &DueArgs, scanned: &Scanned<Kept>) -> Result<(), Error> {
    for id in &args.agreements {
        if !scanned.index.ids().any(|known| known == id) {
            return Err(unknown_agreement(id, scanned.index.ids()));
        }
    }
    if let Some(p) = &args.party {
        let mut known: Vec<&str> = scanned
            .entries
            .iter()
            .flat_map(|kept| kept.parties.iter().map(String::as_str))
            .collect();
        known.sort_unstable();
        known.dedup();
        if !known.contains(&p.as_str()) {
            let help = did_you_mean(p, known.iter().copied())
                .unwrap_or_else(|| format!("the parties are: {}", known.join(", ")));
            return Err(Error::UnknownParty { party: p.clone(), help });
        }
    }
    Ok(())
}
