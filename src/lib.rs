//! handlingsplan: a static site generator for an organisation's annual action plan.
//!
//! Data flows one way: [`content`] reads the plan files into a [`model::Site`],
//! [`render`] turns it into pages with the [`theme`]'s templates, and
//! [`output`] writes them to disk atomically; [`pipeline`] runs the steps in
//! order. The binary in `main.rs` only parses the command line and prints.

// Diagnostics are returned by value on the (rare) error path; boxing them
// everywhere would cost more clarity than the bytes it saves.
#![allow(clippy::result_large_err)]

pub mod cards;
pub mod changes;
pub mod check;
pub mod content;
pub mod diagnostics;
pub mod fs_utils;
pub mod import;
pub mod linkcheck;
pub mod model;
pub mod output;
pub mod package;
pub mod pin;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod sheet;
pub mod sources;
pub mod starter;
pub mod theme;
