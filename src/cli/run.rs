//! The dispatcher: one `match` from the command line to the command's `run`, and the one
//! place where a command's error is printed (through the report layer) and turned into
//! its exit code.

use super::args::{Cli, Command};
use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use super::{agreements, cache, check, due, history, new, record, shell, terminate};
use crate::report;
use chrono::NaiveDate;
use std::io;
use std::path::Path;

/// Runs the parsed command line for the day `today` (read from the clock by the binary,
/// never here), with the platform's cache directory for accord `cache_home` (found in
/// the environment by the binary; `None` when there is none), and returns its exit code.
///
/// # Errors
///
/// Only when writing to standard output or error fails; every other error is printed
/// and becomes the exit code.
pub fn run(cli: &Cli, today: NaiveDate, cache_home: Option<&Path>, io: &mut Io) -> io::Result<Exit> {
    let cx = Context::new(&cli.global, today, cache_home);
    let result = match &cli.command {
        Command::List(args) => agreements::list(args, &cx, io),
        Command::Show(args) => agreements::show(args, &cx, io),
        Command::Status(args) => agreements::status(args, &cx, io),
        Command::Due(args) => due::run(args, &cx, io),
        Command::Terminate(args) => terminate::run(args, &cx, io),
        Command::Amendments(args) => history::amendments(args, &cx, io),
        Command::Timeline(args) => history::timeline(args, &cx, io),
        Command::New(args) => new::run(args, &cx, io),
        Command::Record(args) => record::run(args, &cx, io),
        Command::Completions(args) => shell::completions(args, io),
        Command::Man => shell::man(io),
        Command::Schema => shell::schema_out(io),
        Command::Check(args) => check::run(args, &cx, io),
        Command::Cache(args) => cache::run(args, &cx, io),
    };
    match result {
        Ok(exit) => Ok(exit),
        Err(Error::Output(e)) => Err(e),
        Err(e) => {
            io.out.flush()?;
            let message = e.to_string();
            if e.is_finding() {
                report::message::finding(io.err, &message)?;
            } else {
                report::message::error(io.err, &message, e.help())?;
            }
            Ok(e.exit())
        }
    }
}
