//! The command layer: argument definitions ([`args`]), the dispatcher ([`run`]) and one
//! module per command or family of commands. Each command loads what it needs, calls
//! the engines and hands the result to the report layer.

pub mod args;
pub mod check;
pub mod commands;
pub mod record;
pub mod run;
pub mod shell;

pub use args::Cli;
