//! A folder of agreement files: finding them (`walk`), reading and checking them on
//! several threads with results in file order ([`load`], `parallel`), and the compact
//! index behind the checks that need the whole folder ([`index`]): ids unique across
//! files, references that resolve, no cycles.

pub mod index;
pub mod load;
pub(crate) mod parallel;
pub mod project;
mod walk;
