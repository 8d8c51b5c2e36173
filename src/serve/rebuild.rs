//! What `serve` does when files change: the build session re-reads what
//! the change touched, and only the pages it affects are written again
//! into the served folder (unchanged files are not rewritten).

use super::classify::Change;
use crate::diagnostics::Diagnostic;
use crate::output::DirSink;
use crate::pipeline::{LoadOptions, Session};
use crate::render::{LinkStyle, RenderError, Scope, Target};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a rebuild did.
#[derive(Debug)]
pub enum Outcome {
    Built {
        /// What was rebuilt, for the terminal: `everything`, `2022`, `static files`.
        what: String,
        pages: usize,
        elapsed: Duration,
        warnings: Vec<Diagnostic>,
        /// Only static files changed: pages can swap stylesheets without reloading.
        css_only: bool,
    },
    Failed {
        diagnostics: Vec<Diagnostic>,
        elapsed: Duration,
    },
}

/// The site as `serve` keeps it: the last good build session, and the
/// folder its pages are served from.
pub struct SiteState {
    load: LoadOptions,
    out: PathBuf,
    session: Option<Session>,
    failed: bool,
}

impl SiteState {
    /// `out` is the folder pages are written to and served from.
    pub fn new(load: LoadOptions, out: PathBuf) -> Self {
        SiteState {
            load,
            out,
            session: None,
            failed: true,
        }
    }

    /// The theme's name, once a build succeeded (for classifying changes).
    pub fn theme_name(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.site().config.theme.as_str())
    }

    /// Read and render everything again.
    pub fn full(&mut self) -> Outcome {
        let start = Instant::now();
        match Session::open(self.load.clone()) {
            Ok(session) => self.session = Some(session),
            Err(diagnostics) => return self.fail(diagnostics, start),
        }
        self.render(Scope::All, vec![String::new()], "everything".into(), false, start)
    }

    /// Rebuild what `changes` need.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let start = Instant::now();
        let Some(session) = self.session.as_mut().filter(|_| !self.failed) else {
            return self.full();
        };
        if changes.iter().any(Change::is_global) {
            return self.full();
        }
        let years: BTreeSet<u16> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Plan(y) | Change::YearFile(y) => Some(*y),
                _ => None,
            })
            .collect();
        let years: Vec<u16> = years.into_iter().collect();
        let statics = changes.contains(&Change::Static);
        if statics && let Err(d) = session.reload_theme() {
            return self.fail(d, start);
        }
        if years.is_empty() {
            // Pages name stylesheets by their content hash: re-render them
            // all (unchanged files are not rewritten) and let open pages
            // swap their stylesheets.
            return self.render(Scope::All, vec![String::new()], "static files".into(), true, start);
        }
        let reloaded = match session.reload_years(&years) {
            Ok(reloaded) => reloaded,
            Err(problems) => return self.fail(problems, start),
        };
        let what = years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        if reloaded.listing || statics {
            return self.render(Scope::All, vec![String::new()], what, false, start);
        }
        // Each file says which years it is made from: a plan's pages show
        // what changed since the plan before, the home pages the latest plan.
        let scope = Scope::Changed {
            years: &years,
            listing: reloaded.pages,
        };
        self.render(scope, reloaded.folders, what, false, start)
    }

    fn render(&mut self, scope: Scope, prune: Vec<String>, what: String, css_only: bool, start: Instant) -> Outcome {
        let Some(session) = &self.session else {
            return self.fail(Vec::new(), start);
        };
        let io = |e: crate::fs_utils::FsError| vec![Diagnostic::error("io", "", e.to_string())];
        let cards = match session.painter() {
            Ok(painter) => painter,
            Err(e) => return self.fail(io(e), start),
        };
        let sink = DirSink::incremental(&self.load.root, &self.out);
        let result = session
            .render(
                Target {
                    sink: &sink,
                    cards: &cards,
                },
                scope,
                LinkStyle::Relative,
            )
            .map_err(|e| match e {
                RenderError::Template { errors, .. } => errors,
                RenderError::Io(e) => io(e),
            })
            .and_then(|stats| sink.prune(&prune).map(|_| stats).map_err(io));
        match result {
            Ok(stats) => {
                self.failed = false;
                Outcome::Built {
                    what,
                    pages: stats.pages,
                    elapsed: start.elapsed(),
                    warnings: session.warnings().to_vec(),
                    css_only,
                }
            }
            Err(d) => self.fail(d, start),
        }
    }

    fn fail(&mut self, diagnostics: Vec<Diagnostic>, start: Instant) -> Outcome {
        self.failed = true;
        Outcome::Failed {
            diagnostics,
            elapsed: start.elapsed(),
        }
    }
}
