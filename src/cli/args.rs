//! The command-line interface: clap definitions, and their translation into the plain
//! options the library's functions take. Nothing here computes or prints.

use crate::engine::due::{Filter, Kind};
use crate::file::validate::parse_date;
use crate::time::calendar::Roll;
use crate::time::period::Period;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  accord due                                  what is due in the coming year
  accord due --party iom --format ics > iom.ics
  accord terminate eco-iom-2009 --notice 2026-08-31
  accord check agreements/

Exit codes: 0 success, 1 findings (file errors, or what the command reports as failing),
2 usage or I/O errors.";

/// Track what agreements oblige their parties to do, and when.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, after_help = AFTER_HELP, arg_required_else_help = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The folder of agreement files.
    #[arg(
        long,
        global = true,
        env = "ACCORD_DIR",
        default_value = "agreements",
        value_name = "PATH"
    )]
    pub dir: PathBuf,
    /// The day computations are made for (YYYY-MM-DD); default today.
    #[arg(long, global = true, value_parser = date_arg, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Output format (each command lists the formats it supports).
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Threads used to read files (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Ics,
    Text,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every agreement with its status.
    #[command(after_help = "Example:\n  accord list --format json")]
    List,
    /// Show everything about one agreement.
    #[command(after_help = "Example:\n  accord show unhcr-iom-1997 --articles --as-of 2020-01-01")]
    Show {
        /// The agreement id.
        id: String,
        /// Print the full text of every article (as in force on --as-of).
        #[arg(long)]
        articles: bool,
    },
    /// Where each agreement stands, and why.
    #[command(after_help = "Example:\n  accord status un-iom-2016")]
    Status {
        /// One agreement id; default all.
        id: Option<String>,
    },
    /// What must be done, by whom and by when.
    #[command(
        after_help = "Examples:\n  accord due --within P90D --party iom\n  accord due --overdue --fail-on overdue\n  accord due --format ics > accord.ics"
    )]
    Due(DueArgs),
    /// When an agreement ends if notice is given, and the latest day to give it.
    #[command(
        after_help = "Examples:\n  accord terminate eco-iom-2009 --notice 2026-08-31\n  accord terminate unhcr-iom-1997 --end-by 2027-06-30\n  accord terminate cis-iom-2008 --notice 2026-11-22 --assume-vclt56"
    )]
    Terminate(TerminateArgs),
    /// Every amendment and where it stands.
    #[command(after_help = "Example:\n  accord amendments un-iom-2016 --format json")]
    Amendments {
        /// One agreement id; default all.
        id: Option<String>,
    },
    /// The events of one agreement or of all, with derived milestones, in date order.
    #[command(after_help = "Example:\n  accord timeline eco-iom-2009")]
    Timeline {
        /// One agreement id; default all.
        id: Option<String>,
    },
    /// Create a new agreement file from a commented template.
    #[command(
        after_help = "Example:\n  accord new who-iom-2027 --title \"Memorandum of Understanding between WHO and IOM\" --party who=\"World Health Organization\" --party iom=\"International Organization for Migration\""
    )]
    New(NewArgs),
    /// Record what happened in an agreement's file (appends to its `events`).
    #[command(
        after_help = "Examples:\n  accord record unhcr-iom-1997 performed senior-officials-meeting --date 2027-05-20\n  accord record eco-iom-2009 notice --by iom --date 2026-08-31\n  accord record un-iom-2016 approved --party iom --organ Council"
    )]
    Record(RecordArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  accord completions bash > ~/.local/share/bash-completion/completions/accord\n  accord completions zsh > ~/.zfunc/_accord\n  accord completions fish > ~/.config/fish/completions/accord.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  accord man > ~/.local/share/man/man1/accord.1")]
    Man,
    /// Print the JSON Schema of the file format (draft-07), for editors.
    #[command(after_help = "Example:\n  accord schema > accord.schema.json")]
    Schema,
    /// Check agreement files and report every problem (for CI).
    #[command(after_help = "Examples:\n  accord check\n  accord check agreements/ --format github --strict")]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look (inclusive); overdue and open items are always shown.
    #[arg(long, value_parser = period_arg, default_value = "1 year", value_name = "PERIOD")]
    pub within: Period,
    /// Only what this party must do.
    #[arg(long, value_name = "PARTY")]
    pub party: Option<String>,
    /// Only these agreements (repeatable).
    #[arg(long = "agreement", value_name = "ID")]
    pub agreements: Vec<String>,
    /// Only these kinds of item (repeatable).
    #[arg(long = "kind", value_enum, value_name = "KIND")]
    pub kinds: Vec<KindArg>,
    /// Only overdue items.
    #[arg(long)]
    pub overdue: bool,
    /// Hide items with no deadline.
    #[arg(long)]
    pub dated_only: bool,
    /// Exit 1 when an item has this status (or a worse one).
    #[arg(long, value_enum, value_name = "STATUS")]
    pub fail_on: Option<FailOn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Obligation,
    Deadline,
    Approval,
    Amendment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Overdue,
    Due,
}

#[derive(Debug, Args)]
pub struct TerminateArgs {
    /// The agreement id.
    pub id: String,
    /// The date the other party receives the notice (VCLT art. 78).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "end_by")]
    pub notice: Option<NaiveDate>,
    /// Find the latest date notice can be received so that the agreement has ended by DATE.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub end_by: Option<NaiveDate>,
    /// The party giving notice.
    #[arg(long, value_name = "PARTY")]
    pub by: Option<String>,
    /// With no termination clause, assume VCLT art. 56(2)'s twelve months' notice.
    #[arg(long)]
    pub assume_vclt56: bool,
    /// Move an end date that falls on a weekend or holiday (Reg. 1182/71 art. 3(4)).
    #[arg(long, value_parser = roll_arg, value_name = "CONVENTION")]
    pub roll: Option<Roll>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; default the agreements folder.
    pub paths: Vec<PathBuf>,
    /// Print a summary even when all is well.
    #[arg(long, short)]
    pub verbose: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Ignore this check (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Make this check an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new agreement's id ([a-z0-9-]+); the file is DIR/ID.yaml.
    pub id: String,
    /// The agreement's title.
    #[arg(long)]
    pub title: String,
    /// A party as ID=Name (at least two).
    #[arg(long = "party", value_name = "ID=NAME", required = true)]
    pub parties: Vec<String>,
    /// Replace an existing file of that name.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The agreement id.
    pub id: String,
    #[command(subcommand)]
    pub what: RecordWhat,
}

#[derive(Debug, Subcommand)]
pub enum RecordWhat {
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

impl DueArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            party: self.party.clone(),
            agreements: self.agreements.clone(),
            kinds: self
                .kinds
                .iter()
                .map(|k| match k {
                    KindArg::Obligation => Kind::Obligation,
                    KindArg::Deadline => Kind::Deadline,
                    KindArg::Approval => Kind::Approval,
                    KindArg::Amendment => Kind::Amendment,
                })
                .collect(),
            overdue_only: self.overdue,
            dated_only: self.dated_only,
            terse: false,
        }
    }
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s)
}

fn period_arg(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.0)
}

fn roll_arg(s: &str) -> Result<Roll, String> {
    Roll::parse(s).ok_or_else(|| "expected following, preceding or modified-following".to_string())
}
