//! `accord report`: one self-contained HTML page of a folder of agreements, for the people
//! who decide on renewals and withdrawals and do not use a terminal. Inline style and
//! SVG, no request of any kind; a little inline script for sorting and filtering, and
//! the page is complete without it.
//!
//! [`page`] is the page as plain data, [`build`] fills it from the engines' results;
//! [`render`] with [`tables`], [`timeline`], [`svg`] and [`section`] draw it with maud,
//! which escapes every text.

pub(crate) mod build;
pub(crate) mod page;
pub(crate) mod render;
pub(crate) mod section;
pub(crate) mod svg;
pub(crate) mod tables;
pub(crate) mod timeline;

pub(crate) use render::write;
