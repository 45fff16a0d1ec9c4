//! The command line: the top-level options every command shares, the list of commands
//! (each command's own options live beside it, in its module), and the parsers that turn
//! a value into a date, a period or a keyword. Nothing here computes or prints.

use super::agreements::{ListArgs, ShowArgs, StatusArgs};
use super::check::CheckArgs;
use super::complete;
use super::due::DueArgs;
use super::history::{AmendmentsArgs, TimelineArgs};
use super::import::ImportArgs;
use super::new::NewArgs;
use super::record::RecordArgs;
use super::shell::{CompletionsArgs, ManArgs};
use super::terminate::TerminateArgs;
use crate::file::validate::parse_date;
use crate::keyword::Keyword;
use crate::time::period::Period;
use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
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
    /// The common options, also accepted before the command: `accord --as-of DATE due`.
    #[command(flatten)]
    pub(crate) global: Common,
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// When to colour output, as asked on the command line (after the command, or
    /// before it).
    pub fn color(&self) -> ColorChoice {
        self.command
            .common()
            .and_then(|c| c.color)
            .or(self.global.color)
            .unwrap_or(ColorChoice::Auto)
    }

    /// The common options given, those after the command winning over those before it;
    /// `None` for a command that takes none (`man`, `schema`, `completions`).
    pub(crate) fn common(&self) -> Option<Common> {
        let c = self.command.common()?;
        let g = &self.global;
        Some(Common {
            dir: c.dir.clone().or_else(|| g.dir.clone()),
            as_of: c.as_of.or(g.as_of),
            color: c.color.or(g.color),
            jobs: c.jobs.or(g.jobs),
        })
    }
}

/// The options of every command that reads the agreements.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Common options")]
pub(crate) struct Common {
    /// The folder of agreement files [env: ACCORD_DIR] [default: from the current folder
    /// upwards, the `dir` of the first accord.toml or the first `agreements/` folder].
    #[arg(long, value_name = "PATH", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The day computations are made for (YYYY-MM-DD); default today.
    #[arg(long, value_parser = date_arg, value_name = "DATE", add = complete::dates())]
    pub as_of: Option<NaiveDate>,
    /// When to colour output: `always` colours even with NO_COLOR set [default: auto].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
    /// Threads used to read files (default: all cores).
    #[arg(long, value_name = "N", add = complete::numbers())]
    pub jobs: Option<usize>,
}

impl Common {
    /// The options given, by name, for a command that takes none.
    pub(crate) fn given(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.dir.is_some() {
            out.push("--dir");
        }
        if self.as_of.is_some() {
            out.push("--as-of");
        }
        if self.color.is_some() {
            out.push("--color");
        }
        if self.jobs.is_some() {
            out.push("--jobs");
        }
        out
    }
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
    /// Print the man page (roff), or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  accord man > ~/.local/share/man/man1/accord.1\n  mkdir -p ~/.local/share/man/man1 && accord man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
    /// Print the JSON Schema of the file format (draft-07), for editors.
    #[command(after_help = "Example:\n  accord schema > accord.schema.json")]
    Schema,
    /// Draft an agreement file from the agreement's text, for review.
    #[command(
        after_help = "Examples:\n  accord import mou.txt                 writes agreements/ID.yaml (never replaces a file)\n  accord import mou.txt --out -         prints the draft\n  pdftotext -layout mou.pdf mou.txt     PDF: extract the text first\n  accord import mou.txt --format json   the extraction with line and column of each value"
    )]
    Import(ImportArgs),
    /// Check agreement files and report every problem (for CI).
    #[command(after_help = "Examples:\n  accord check\n  accord check agreements/ --format github --strict")]
    Check(CheckArgs),
}

impl Command {
    /// The command's common options, if it takes them.
    pub(crate) fn common(&self) -> Option<&Common> {
        Some(match self {
            Command::List(a) => &a.common,
            Command::Show(a) => &a.common,
            Command::Status(a) => &a.common,
            Command::Due(a) => &a.common,
            Command::Terminate(a) => &a.common,
            Command::Amendments(a) => &a.common,
            Command::Timeline(a) => &a.common,
            Command::New(a) => &a.common,
            Command::Record(a) => &a.common,
            Command::Import(a) => &a.common,
            Command::Check(a) => &a.common,
            Command::Completions(_) | Command::Man(_) | Command::Schema => return None,
        })
    }

    /// The command's name, as typed.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Command::List(_) => "list",
            Command::Show(_) => "show",
            Command::Status(_) => "status",
            Command::Due(_) => "due",
            Command::Terminate(_) => "terminate",
            Command::Amendments(_) => "amendments",
            Command::Timeline(_) => "timeline",
            Command::New(_) => "new",
            Command::Record(_) => "record",
            Command::Import(_) => "import",
            Command::Check(_) => "check",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
            Command::Schema => "schema",
        }
    }
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

/// The command meant by a mistyped one, preferring a command that only reads at equal
/// distance (`accord dew` → `due`, not `new`).
pub fn suggest_command(typed: &str) -> Option<String> {
    const WRITERS: [&str; 2] = ["new", "record"];
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut names: Vec<&str> = cmd
        .get_subcommands()
        .map(clap::Command::get_name)
        .filter(|n| *n != "help")
        .collect();
    names.sort_by_key(|n| WRITERS.contains(n));
    crate::suggest::command(typed, &names).map(str::to_string)
}
