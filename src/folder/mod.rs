//! A folder of agreement files: finding them (`walk`), reading and checking them on
//! several threads with results in file order ([`load`], on [`crate::parallel`]), what checking each
//! file gave kept between runs ([`cache`]), and the compact index behind the checks that
//! need the whole folder ([`index`]): ids unique across files, references that resolve,
//! no cycles.

pub mod cache;
pub mod index;
pub mod load;
pub mod project;
mod read;
mod walk;
