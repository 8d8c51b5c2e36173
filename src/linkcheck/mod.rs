//! Every internal link and anchor of a rendered site must resolve, as a
//! browser resolves it: one rule for `check` (which reads every page it
//! rendered in memory) and `build` (which checks what editors wrote against
//! the files it wrote). Below both: `pipeline` and `check` use it.

mod editor;
mod links;
pub mod resolve;

pub use editor::{build_links, editor_links};
pub use links::check;
