//! The integration test suite: runs the real binary against fixture sites.
//!
//! Each case is a folder under `tests/fixtures/`, laid over the `minimal`
//! site by [`helpers::TestSite`].

mod build;
mod errors;
mod helpers;
mod import;
mod links;
mod real_content;
