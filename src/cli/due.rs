//! `accord due`: streams the folder, turning each agreement into its items on the thread
//! that parsed it, then prints the schedule in the format asked for.

use super::args::Common;
use super::args::{keyword, period_arg};
use super::complete;
use super::context::{check_filters, superseded_in, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::due::{self, DueStatus, Explanations, Filter, Item, Kind, Query, Superseders};
use crate::engine::entry::in_force_since;
use crate::folder::load::Scanned;
use crate::model::Agreement;
use crate::report;
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

/// What `due` asks of each agreement besides the agreement: the query, whether the
/// format takes packed rows (table, CSV, Markdown) and whether `--party` must be
/// checked. Its debug form is the fingerprint under which the cache keeps the answers
/// for the packed formats ([`crate::folder::load::scan_answers`]).
#[derive(Debug)]
struct Asked<'a> {
    query: Query<'a>,
    parties: bool,
}

/// What a worker keeps of one agreement: its items (full items for JSON and ICS,
/// packed rows for the table, CSV and Markdown); its date of entry into force, for
/// supersession; and its party ids when `--party` must be checked.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept<F> {
    found: Vec<F>,
    #[serde(with = "report::packed::day_number")]
    in_force_since: Option<chrono::NaiveDate>,
    parties: Vec<String>,
}

impl<F> Kept<F> {
    fn of(asked: &Asked, a: &Agreement, found: Vec<F>) -> Kept<F> {
        Kept {
            found,
            in_force_since: in_force_since(a, asked.query.as_of),
            parties: match asked.parties {
                true => a.parties.iter().map(|p| p.id.clone()).collect(),
                false => Vec::new(),
            },
        }
    }
}

/// The packed rows of `a`'s items.
fn rows_of(asked: &Asked, a: Agreement) -> Kept<report::due::Row> {
    let rows = due::items_for(&a, &asked.query)
        .iter()
        .map(report::due::Row::of)
        .collect();
    Kept::of(asked, &a, rows)
}

/// The items of `a`.
fn items_of(asked: &Asked, a: Agreement) -> Kept<Item> {
    Kept::of(asked, &a, due::items_for(&a, &asked.query))
}

pub(crate) fn run(args: &DueArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let filter = args.filter();
    let format = cx.format(args.format, DueFormat::Table);
    let packed = matches!(format, DueFormat::Table | DueFormat::Csv | DueFormat::Markdown);
    let asked = Asked {
        query: Query {
            as_of: cx.as_of,
            within: args.within,
            filter: &filter,
            explanations: if packed && !args.explain {
                Explanations::Omit
            } else {
                Explanations::Include
            },
            superseders: Superseders::DecidedLater,
        },
        parties: args.party.is_some(),
    };
    let (mut items, mut rows) = (Vec::new(), Vec::new());
    let (files, diagnostics, failed_files) = if packed {
        let mut scanned = cx.scan_answers("due", &asked, rows_of)?;
        rows = gather(args, cx, &mut scanned)?;
        (scanned.files, scanned.diagnostics, scanned.failed_files)
    } else {
        let mut scanned = cx.scan(|a| items_of(&asked, a))?;
        items = gather(args, cx, &mut scanned)?;
        (scanned.files, scanned.diagnostics, scanned.failed_files)
    };
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
    io.no_files(files, &cx.dir)?;
    let exit = Exit::Success.or_findings(fail);
    Ok(io.finish(&diagnostics, failed_files, exit)?)
}

/// The items of every agreement no other supersedes, once `--agreement` and `--party`
/// were found to name what the folder has.
fn gather<F>(args: &DueArgs, cx: &Context, scanned: &mut Scanned<Kept<F>>) -> Result<Vec<F>, Error> {
    check_names(args, scanned)?;
    let superseded = superseded_in(scanned, cx.as_of, |kept| kept.in_force_since);
    let mut out = Vec::new();
    for (k, kept) in std::mem::take(&mut scanned.entries).into_iter().enumerate() {
        if !superseded.contains_key(scanned.index.id(k as u32)) {
            out.extend(kept.found);
        }
    }
    Ok(out)
}

/// `--agreement` and `--party` must name what the folder has.
fn check_names<F>(args: &DueArgs, scanned: &Scanned<Kept<F>>) -> Result<(), Error> {
    let parties = scanned
        .entries
        .iter()
        .flat_map(|kept| kept.parties.iter().map(String::as_str));
    check_filters(&args.agreements, args.party.as_deref(), &scanned.index, parties)
}
