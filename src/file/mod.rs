//! One agreement file's life: its raw YAML shape (`raw`), parsing with budgets
//! ([`parse`]), validation into the model ([`validate`]), the JSON Schema of the format
//! ([`schema`]), and the two ways accord changes a file: text edits that keep everything
//! else byte for byte (`edit`) and safe replacement on disk ([`write`]).

pub(crate) mod edit;
mod excise;
pub mod parse;
pub(crate) mod raw;
pub mod schema;
pub mod validate;
pub(crate) mod write;
