//! The engines: pure functions of the checked agreements and a date, never of files, the
//! clock or the terminal. From the bottom: [`entry`] (entry into force), [`rules`] (the
//! termination rules), [`notice`] (the end of a notice), then [`status`], [`terminate`],
//! [`amendments`], [`timeline`] and [`due`], the schedule built on all of them.

pub mod amendments;
pub mod due;
pub mod entry;
pub mod notice;
pub mod rules;
pub mod status;
pub mod terminate;
pub mod timeline;
