//! handlingsplan: a static site generator for an organisation's annual action plan.
//!
//! Data flows one way: [`content`] reads the plan files into a [`model::Site`],
//! [`render`] turns it into pages with the [`theme`]'s templates, and
//! [`output`] writes them to disk atomically. The binary in `main.rs` only
//! parses the command line and prints.

pub mod content;
pub mod diagnostics;
pub mod fsx;
pub mod model;
