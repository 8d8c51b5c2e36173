//! Every internal link and anchor of a rendered site must resolve, as a
//! browser resolves it: one rule for `check` (which reads every page where
//! it is rendered, and keeps its ids and links) and `build` (which checks
//! what editors wrote against the files it wrote). Below both: `pipeline`
//! and `check` use it.

mod editor;
mod links;
mod reading;
pub mod resolve;

pub use editor::{build_links, editor_links};
pub use links::check;
pub use reading::{PageReading, SiteReading, keep};
