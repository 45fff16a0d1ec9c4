//! accord: a command-line tracker of what agreements oblige their parties to do, and
//! when. The library holds the whole program; `main.rs` only parses arguments, reads the
//! clock and the terminal, and maps the outcome to an exit code.
//!
//! The pipeline, one folder per step: [`cli`] (arguments → a command) → [`folder`]
//! (files found and read on several threads) → [`file`](mod@file) (one file's text → raw shape →
//! checked [`model`], every problem a [`diagnostic`]) → [`engine`] (status, termination,
//! schedule: pure functions of agreements and a date, on [`time`] arithmetic) → `report`
//! (the only code that prints). Beside the engines, [`import`] drafts an agreement file
//! from the agreement's text. DESIGN.md describes the rules between the layers.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(clippy::too_many_lines, clippy::missing_errors_doc)]
#![warn(unreachable_pub)]

pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod file;
pub mod folder;
pub mod import;
pub mod keyword;
pub mod model;
pub(crate) mod parallel;
pub(crate) mod report;
pub(crate) mod suggest;
pub mod time;
