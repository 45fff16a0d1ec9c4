//! The command layer: argument definitions (`args`), the dispatcher ([`run`]), one
//! module per command or family of commands, and what they share: the context they run
//! in, their output handles, their error type and exit codes. Each command loads what it
//! needs (streaming the folder, or one agreement and those it depends on), calls the
//! engines and hands the results to the report layer; nothing here imports the
//! dispatcher back.

mod agreements;
mod args;
mod check;
mod complete;
mod context;
mod due;
mod error;
mod exit;
mod history;
mod import;
mod new;
mod output;
mod record;
mod run;
mod shell;
mod terminate;

pub use args::{suggest_command, Cli, ColorChoice};
pub use context::Invocation;
pub use error::Error;
pub use exit::Exit;
pub use output::{Io, Terminal};
pub use run::run;
