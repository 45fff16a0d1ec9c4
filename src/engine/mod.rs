//! The engines: pure functions of the checked agreements and a date, never of files, the
//! clock or the terminal. From the bottom: [`entry`] (entry into force, provisional
//! application, a party's own entry into force), [`rules`] (the termination rules) and
//! [`refusal`], [`notice`] (the end a notice gives), [`ends`] (the ends on record),
//! [`participation`] (each party's), then [`status`], [`terminate`], [`amendments`],
//! [`timeline`] and [`due`], the schedule built on all of them.

pub mod amendments;
pub mod due;
pub mod ends;
pub mod entry;
pub mod notice;
pub mod participation;
pub mod refusal;
pub mod rules;
pub mod status;
pub mod terminate;
pub mod timeline;
