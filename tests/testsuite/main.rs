//! The integration test suite: runs the real binary against fixture sites.
//!
//! Each case is a folder under `tests/fixtures/`, laid over the `minimal`
//! site by [`helpers::TestSite`].

mod action;
mod adoption;
mod archive;
mod at_a_glance;
mod brand;
mod build;
mod cards;
mod check;
mod cli;
mod deferred;
mod edges;
mod errors;
mod feed;
mod forged;
mod helpers;
mod hostile;
mod import;
mod layout;
mod link_parity;
mod links;
mod nothing_lost;
mod output;
mod owners;
mod portable;
mod preview;
mod real_content;
mod reports;
mod revisions;
mod root_files;
mod round_three;
mod serve;
mod serve_deps;
mod serve_stop;
mod serve_walk;
mod sheets;
mod word;
mod yearly;
