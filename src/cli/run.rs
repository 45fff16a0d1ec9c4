//! The dispatcher: one `match` from the command line to the command's `run`, and the one
//! place where a command's error is printed (through the report layer) and turned into
//! its exit code.

use super::args::{Cli, Command};
use super::context::{Context, Invocation};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use super::{agreements, cache, check, due, history, import, new, record, report, shell, terminate};
use crate::report::message;
use std::io;

/// Runs the parsed command line with what the binary read from the clock and the
/// environment (never read here) and returns its exit code.
///
/// # Errors
///
/// Only when writing to standard output or error fails; every other error is printed
/// and becomes the exit code.
pub fn run(cli: &Cli, invocation: &Invocation, io: &mut Io) -> io::Result<Exit> {
    let result = match cli.common() {
        Some(common) => Context::new(&common, invocation).and_then(|cx| dispatch(cli, &cx, io)),
        None => match cli.global.given().first() {
            Some(option) => Err(Error::NotApplicable {
                option,
                command: cli.command.name(),
            }),
            None => generated(cli, io),
        },
    };
    finish(result, io)
}

/// The commands that read agreements.
fn dispatch(cli: &Cli, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    // Long tables are rendered on the threads the folder is read with.
    io.style.jobs = cx.jobs;
    match &cli.command {
        Command::List(args) => agreements::list(args, cx, io),
        Command::Show(args) => agreements::show(args, cx, io),
        Command::Status(args) => agreements::status(args, cx, io),
        Command::Due(args) => due::run(args, cx, io),
        Command::Terminate(args) => terminate::run(args, cx, io),
        Command::Amendments(args) => history::amendments(args, cx, io),
        Command::Timeline(args) => history::timeline(args, cx, io),
        Command::Report(args) => report::run(args, cx, io),
        Command::New(args) => new::run(args, cx, io),
        Command::Record(args) => record::run(args, cx, io),
        Command::Import(args) => import::run(args, cx, io),
        Command::Check(args) => check::run(args, cx, io),
        Command::Cache(args) => cache::run(args, cx, io),
        Command::Completions(_) | Command::Man(_) | Command::Schema => generated(cli, io),
    }
}

/// The commands whose output accord generates from its own definitions.
fn generated(cli: &Cli, io: &mut Io) -> Result<Exit, Error> {
    match &cli.command {
        Command::Completions(args) => shell::completions(args, io),
        Command::Man(args) => shell::man(args, io),
        _ => shell::schema_out(io),
    }
}

/// Prints a command's error once, through the report layer, and gives its exit code.
fn finish(result: Result<Exit, Error>, io: &mut Io) -> io::Result<Exit> {
    match result {
        Ok(exit) => Ok(exit),
        Err(Error::Output(e)) => Err(e),
        Err(e) => {
            io.out.flush()?;
            let message = e.to_string();
            if e.is_finding() {
                message::finding(io.err, &message)?;
            } else {
                message::error(io.err, &message, e.help())?;
            }
            Ok(e.exit())
        }
    }
}
