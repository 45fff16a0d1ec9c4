//! accord: a command-line tracker of what agreements oblige their parties to do, and
//! when. The library holds the whole program; `main.rs` only parses arguments and maps
//! the outcome to an exit code.
//!
//! Layers, from the bottom: [`time`] (periods and their arithmetic),
//! [`raw`] → [`validate`] → [`model`] (the file format and its checks), [`load`]
//! (files and folders), the engines ([`status`], [`terminate`], [`due`], [`amendments`]),
//! and [`report`] (the only layer that prints).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod file;
pub mod folder;
pub mod keyword;
pub mod model;
pub mod report;
pub mod suggest;
pub mod time;
