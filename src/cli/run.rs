//! Runs one command: loads the agreements, calls the engine, hands the result to the
//! report layer, and returns the exit code (0 success, 1 findings, 2 usage or I/O).

use crate::cli::args::{Cli, Command, Format};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::status;
use crate::folder::load::{self, Loaded};
use crate::model::Agreement;
use crate::report::{self, Style};
use crate::suggest::did_you_mean;
use chrono::NaiveDate;
use std::io::{self, Write};

/// Where output goes and how it looks.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub style: Style,
    /// Colour on stderr (diagnostics).
    pub err_color: bool,
}

pub const SUCCESS: i32 = 0;
pub const FINDINGS: i32 = 1;
pub const USAGE: i32 = 2;

/// Runs the parsed command line for the day `today` (read from the clock by the
/// binary, never here).
pub fn run(cli: &Cli, today: NaiveDate, io: &mut Io) -> io::Result<i32> {
    let as_of = cli.global.as_of.unwrap_or(today);
    let jobs = cli
        .global
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let format = cli.global.format;
    match &cli.command {
        Command::Completions { shell } => {
            crate::cli::shell::completions(*shell, io.out)?;
            return Ok(SUCCESS);
        }
        Command::Man => {
            crate::cli::shell::man(io.out)?;
            return Ok(SUCCESS);
        }
        Command::New(args) => return crate::cli::record::new(args, &cli.global.dir, jobs, io),
        _ => {}
    }
    if let Command::Schema = &cli.command {
        serde_json::to_writer_pretty(&mut *io.out, &crate::file::schema::schema())?;
        writeln!(io.out)?;
        return Ok(SUCCESS);
    }
    if let Command::Check(args) = &cli.command {
        return crate::cli::check::run(args, &cli.global.dir, format, jobs, io);
    }
    let allowed: &[Format] = match &cli.command {
        Command::Due(_) => &[Format::Table, Format::Json, Format::Csv, Format::Ics],
        _ => &[Format::Table, Format::Json],
    };
    let format = format.unwrap_or(Format::Table);
    if !allowed.contains(&format) {
        let names: Vec<String> = allowed.iter().map(|f| format!("{f:?}").to_lowercase()).collect();
        writeln!(
            io.err,
            "error: this command does not support --format {}; use one of: {}",
            format!("{format:?}").to_lowercase(),
            names.join(", ")
        )?;
        return Ok(USAGE);
    }
    match &cli.command {
        Command::Due(args) => return crate::cli::commands::due(&cli.global.dir, jobs, args, as_of, format, io),
        Command::List => return crate::cli::commands::list(&cli.global.dir, jobs, false, as_of, format, io),
        Command::Status { id: None } => {
            return crate::cli::commands::list(&cli.global.dir, jobs, true, as_of, format, io)
        }
        _ => {}
    }
    let keep_text = matches!(cli.command, Command::Show { .. });
    let one = match &cli.command {
        Command::Show { id, .. } => Some(id.as_str()),
        Command::Terminate(args) => Some(args.id.as_str()),
        Command::Record(args) => Some(args.id.as_str()),
        Command::Status { id } | Command::Amendments { id } | Command::Timeline { id } => id.as_deref(),
        _ => None,
    };
    let dirs = std::slice::from_ref(&cli.global.dir);
    let loaded = match one {
        Some(id) => load::load_around(dirs, jobs, &[id], keep_text),
        None => load::load_paths_with(dirs, jobs, keep_text),
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(e) => return load_error(&e, &cli.global.dir, io),
    };
    let code = match &cli.command {
        Command::Status { id } => match pick(&loaded, id.as_deref(), io)? {
            Some(ids) => status_cmd(&loaded, &ids, as_of, format, io)?,
            None => USAGE,
        },
        Command::Show { id, articles } => match find(&loaded, id, io)? {
            Some(a) => show(&loaded, a, as_of, *articles, format, io)?,
            None => USAGE,
        },
        Command::Terminate(args) => match find(&loaded, &args.id, io)? {
            Some(a) => crate::cli::commands::terminate(&loaded, a, args, as_of, format, io)?,
            None => USAGE,
        },
        Command::Amendments { id } => match pick(&loaded, id.as_deref(), io)? {
            Some(ids) => crate::cli::commands::amendments(&loaded, &ids, as_of, format, io)?,
            None => USAGE,
        },
        Command::Timeline { id } => match pick(&loaded, id.as_deref(), io)? {
            Some(ids) => crate::cli::commands::timeline(&loaded, &ids, as_of, format, io)?,
            None => USAGE,
        },
        Command::Record(args) => match find(&loaded, &args.id, io)? {
            Some(a) => crate::cli::record::record(&loaded, a, args, as_of, io)?,
            None => USAGE,
        },
        Command::List
        | Command::Due(_)
        | Command::Check(_)
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man
        | Command::New(_) => {
            unreachable!("handled above")
        }
    };
    io.out.flush()?;
    let broken = report_broken(&loaded, io)?;
    Ok(if code == SUCCESS && broken { FINDINGS } else { code })
}

/// Reports a folder that cannot be read at all (exit 2).
pub fn load_error(e: &load::LoadError, dir: &std::path::Path, io: &mut Io) -> io::Result<i32> {
    writeln!(io.err, "error: {e}")?;
    if !dir.exists() {
        writeln!(
            io.err,
            "help: run accord in the folder that holds `agreements/`, or pass --dir PATH or set ACCORD_DIR"
        )?;
    }
    Ok(USAGE)
}

/// Prints the diagnostics of files that failed to load, so that no deadline vanishes
/// silently. Returns whether any file had errors.
fn report_broken(loaded: &Loaded, io: &mut Io) -> io::Result<bool> {
    report_broken_files(&loaded.diagnostics, loaded.failed_files, io)
}

/// As `report_broken`, from a streaming scan's diagnostics.
pub fn report_broken_files(diagnostics: &[Diagnostic], failed_files: usize, io: &mut Io) -> io::Result<bool> {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        return Ok(false);
    }
    let owned: Vec<Diagnostic> = errors.into_iter().cloned().collect();
    report::diagnostics::text(io.err, &owned, io.err_color)?;
    let n = failed_files;
    writeln!(
        io.err,
        "{n} file{} ha{} errors and {} skipped; the output above leaves them out (run `accord check`)",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "ve" },
        if n == 1 { "was" } else { "were" }
    )?;
    Ok(true)
}

/// The agreement with this id, or a "did you mean" error.
pub fn find<'a>(loaded: &'a Loaded, id: &str, io: &mut Io) -> io::Result<Option<&'a Agreement>> {
    if let Some(a) = loaded.agreements.iter().find(|a| a.id == id) {
        return Ok(Some(a));
    }
    let ids: Vec<&str> = loaded.index.ids().collect();
    unknown_agreement(id, &ids, io)?;
    Ok(None)
}

/// "no agreement `x` in the folder", with the nearest id as a suggestion.
pub fn unknown_agreement(id: &str, ids: &[&str], io: &mut Io) -> io::Result<()> {
    let help =
        did_you_mean(id, ids.iter().copied()).unwrap_or_else(|| "`accord list` shows the agreements".to_string());
    writeln!(io.err, "error: no agreement `{id}` in the folder\nhelp: {help}")
}

/// One id (checked) or all.
fn pick(loaded: &Loaded, id: Option<&str>, io: &mut Io) -> io::Result<Option<Vec<String>>> {
    match id {
        None => Ok(Some(loaded.agreements.iter().map(|a| a.id.clone()).collect())),
        Some(id) => Ok(find(loaded, id, io)?.map(|a| vec![a.id.clone()])),
    }
}

fn status_cmd(loaded: &Loaded, ids: &[String], as_of: NaiveDate, format: Format, io: &mut Io) -> io::Result<i32> {
    let rows: Vec<_> = loaded
        .agreements
        .iter()
        .filter(|a| ids.contains(&a.id))
        .map(|a| report::list::Row::of(a, status::status(a, as_of, &loaded.agreements)))
        .collect();
    match format {
        Format::Json => report::list::json_out(io.out, &rows)?,
        _ => report::list::status_out(io.out, &io.style, &rows)?,
    }
    Ok(SUCCESS)
}

fn show(
    loaded: &Loaded,
    a: &Agreement,
    as_of: NaiveDate,
    articles: bool,
    format: Format,
    io: &mut Io,
) -> io::Result<i32> {
    let all = &loaded.agreements;
    let st = status::status(a, as_of, all);
    let children = all
        .iter()
        .filter(|c| c.under.as_deref() == Some(&a.id))
        .map(|c| (c, status::status(c, as_of, all)))
        .collect();
    let parent = a
        .under
        .as_ref()
        .and_then(|p| all.iter().find(|x| x.id == *p))
        .map(|p| (p, status::status(p, as_of, all)));
    let cx = report::show::ShowContext {
        status: &st,
        as_of,
        articles,
        children,
        parent,
    };
    match format {
        Format::Json => report::show::json(io.out, a, &cx)?,
        _ => report::show::text(io.out, a, &cx)?,
    }
    Ok(SUCCESS)
}
