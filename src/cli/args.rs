//! The command line: the top-level options every command shares, the list of commands
//! (each command's own options live beside it, in its module), and the parsers that turn
//! a value into a date, a period or a keyword. Nothing here computes or prints.

use super::agreements::{ListArgs, ShowArgs, StatusArgs};
use super::cache::CacheArgs;
use super::check::CheckArgs;
use super::due::DueArgs;
use super::history::{AmendmentsArgs, TimelineArgs};
use super::new::NewArgs;
use super::record::RecordArgs;
use super::shell::CompletionsArgs;
use super::terminate::TerminateArgs;
use crate::file::validate::parse_date;
use crate::keyword::Keyword;
use crate::time::period::Period;
use chrono::NaiveDate;
use clap::builder::{FalseyValueParser, PossibleValue, PossibleValuesParser, TypedValueParser};
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
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// When to colour output, as asked on the command line.
    pub fn color(&self) -> ColorChoice {
        self.global.color
    }
}

/// The options every command takes.
#[derive(Debug, Args)]
pub(crate) struct Global {
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
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Threads used to read files (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Parse every file afresh, without the cache (`accord cache info`).
    #[arg(long, global = true, env = "ACCORD_NO_CACHE", value_parser = FalseyValueParser::new())]
    pub no_cache: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List every agreement with its status.
    #[command(after_help = "Example:\n  accord list --format json")]
    List(ListArgs),
    /// Show everything about one agreement.
    #[command(after_help = "Example:\n  accord show unhcr-iom-1997 --articles --as-of 2020-01-01")]
    Show(ShowArgs),
    /// Where each agreement stands, and why.
    #[command(after_help = "Example:\n  accord status un-iom-2016")]
    Status(StatusArgs),
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
    Amendments(AmendmentsArgs),
    /// The events of one agreement or of all, with derived milestones, in date order.
    #[command(after_help = "Example:\n  accord timeline eco-iom-2009")]
    Timeline(TimelineArgs),
    /// Create a new agreement file from a commented template.
    #[command(
        after_help = "Example:\n  accord new who-iom-2027 --title \"Memorandum of Understanding between WHO and IOM\" --party who=\"World Health Organization\" --party iom=\"International Organization for Migration\""
    )]
    New(NewArgs),
    /// Record what happened: an event, the signature, a decision on an amendment.
    #[command(
        after_help = "Examples:\n  accord record who-iom-2027 signed --date 2026-11-20 --place Geneva\n  accord record unhcr-iom-1997 performed senior-officials-meeting --date 2026-05-20\n  accord record eco-iom-2009 notice --by iom --date 2026-08-31\n  accord record un-iom-2016 approved --party iom --organ Council\n  accord record un-iom-2016 accepted un-art-2-1 --party iom --date 2016-07-01\n\nA change that cannot be true (dated after --as-of, before the signature, a second time…) is\nrefused with its reason and rule, and the file is left unchanged (exit 1)."
    )]
    Record(RecordArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  accord completions bash > ~/.local/share/bash-completion/completions/accord\n  accord completions zsh > ~/.zfunc/_accord\n  accord completions fish > ~/.config/fish/completions/accord.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  accord man > ~/.local/share/man/man1/accord.1")]
    Man,
    /// Print the JSON Schema of the file format (draft-07), for editors.
    #[command(after_help = "Example:\n  accord schema > accord.schema.json")]
    Schema,
    /// Check agreement files and report every problem (for CI).
    #[command(after_help = "Examples:\n  accord check\n  accord check agreements/ --format github --strict")]
    Check(CheckArgs),
    /// Show or remove the cache of checked files that makes repeated runs fast.
    #[command(after_help = "Examples:\n  accord cache info\n  accord cache clear --all")]
    Cache(CacheArgs),
}

/// `--format` of the commands that print a table or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    Table,
    Json,
}

/// `--format` of the commands that print text or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    #[value(alias = "table")]
    Text,
    Json,
}

/// A date argument, YYYY-MM-DD.
pub(crate) fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s)
}

/// A period argument: `90 days`, `P6M`.
pub(crate) fn period_arg(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.0)
}

/// A keyword of the set `T`, offered with its description in `--help` and completions.
pub(crate) fn keyword<T: Keyword + Send + Sync + Clone>() -> impl TypedValueParser<Value = T> {
    let words = T::ALL.iter().map(|(word, _, doc)| PossibleValue::new(*word).help(*doc));
    PossibleValuesParser::new(words).try_map(|s: String| T::parse(&s).ok_or_else(|| format!("not a {}", T::WHAT)))
}
