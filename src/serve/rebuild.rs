//! What `serve` does when files change: the build session re-reads what
//! the change touched, and only the pages it affects are written again
//! into the served folder (unchanged files are not rewritten).

use super::classify::Change;
use crate::diagnostics::Diagnostic;
use crate::output::DirSink;
use crate::pipeline::{LoadOptions, Session};
use crate::render::{LinkStyle, Part, RenderError, Scope, Target};
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
    /// The share cards of the last rebuild, drawn once its pages are announced.
    cards: Option<Cards>,
}

/// A rebuild's share cards, still to draw: the sink its pages went to
/// (which knows every file written, for the pruning that follows), the
/// scope it rendered, and the folders to prune.
struct Cards {
    sink: DirSink,
    scope: KeptScope,
    prune: Vec<String>,
}

/// A [`Scope`] kept from a rebuild's pages to its cards.
enum KeptScope {
    All,
    Changed {
        years: Vec<u16>,
        plans: Vec<u16>,
        listing: bool,
        reports: bool,
    },
}

impl KeptScope {
    fn of(scope: Scope) -> KeptScope {
        match scope {
            Scope::All => KeptScope::All,
            Scope::Changed {
                years,
                plans,
                listing,
                reports,
            } => KeptScope::Changed {
                years: years.to_vec(),
                plans: plans.to_vec(),
                listing,
                reports,
            },
        }
    }

    fn scope(&self) -> Scope<'_> {
        match self {
            KeptScope::All => Scope::All,
            KeptScope::Changed {
                years,
                plans,
                listing,
                reports,
            } => Scope::Changed {
                years,
                plans,
                listing: *listing,
                reports: *reports,
            },
        }
    }
}

/// An I/O error as the problem a rebuild reports.
fn io_problem(e: crate::fs_utils::FsError) -> Vec<Diagnostic> {
    vec![Diagnostic::error("io", "", e.to_string())]
}

impl SiteState {
    /// `out` is the folder pages are written to and served from.
    pub fn new(load: LoadOptions, out: PathBuf) -> Self {
        SiteState {
            load,
            out,
            session: None,
            failed: true,
            cards: None,
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
        let built = self.render(Scope::All, vec![String::new()], "everything".into(), false, start);
        // Everything, cards too, before it is announced: the first build of
        // `serve` is complete when it says so.
        self.draw_cards().unwrap_or(built)
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
            plans: &reloaded.plans,
            listing: reloaded.pages,
            reports: reloaded.reports,
        };
        self.render(scope, reloaded.folders, what, false, start)
    }

    /// Render the pages of `scope`; their share cards wait for
    /// [`SiteState::draw_cards`], and so does pruning `prune`'s folders.
    fn render(&mut self, scope: Scope, prune: Vec<String>, what: String, css_only: bool, start: Instant) -> Outcome {
        self.cards = None;
        let sink = DirSink::incremental(&self.load.root, &self.out);
        match self.render_part(&sink, scope, Part::Pages) {
            Ok(stats) => {
                self.failed = false;
                self.cards = Some(Cards {
                    sink,
                    scope: KeptScope::of(scope),
                    prune,
                });
                let warnings = self.session.as_ref().map(|s| s.warnings().to_vec()).unwrap_or_default();
                Outcome::Built {
                    what,
                    pages: stats.pages,
                    elapsed: start.elapsed(),
                    warnings,
                    css_only,
                }
            }
            Err(d) => self.fail(d, start),
        }
    }

    /// Draw the share cards of the last rebuild (after its pages were
    /// announced), then prune what it did not write. `None` when that went
    /// well (the pages are as announced); the problems otherwise.
    pub fn draw_cards(&mut self) -> Option<Outcome> {
        let start = Instant::now();
        let Cards { sink, scope, prune } = self.cards.take()?;
        let drawn = self.render_part(&sink, scope.scope(), Part::Cards);
        match drawn.and_then(|_| sink.prune(&prune).map_err(io_problem)) {
            Ok(_) => None,
            Err(d) => Some(self.fail(d, start)),
        }
    }

    fn render_part(&self, sink: &DirSink, scope: Scope, part: Part) -> Result<crate::render::Stats, Vec<Diagnostic>> {
        let session = self.session.as_ref().ok_or_else(Vec::new)?;
        let cards = session.painter().map_err(io_problem)?;
        let target = Target {
            sink,
            cards: &cards,
            part,
        };
        session.render(target, scope, LinkStyle::Relative).map_err(|e| match e {
            RenderError::Template { errors, .. } | RenderError::Content(errors) => errors,
            RenderError::Io(e) => io_problem(e),
        })
    }

    fn fail(&mut self, diagnostics: Vec<Diagnostic>, start: Instant) -> Outcome {
        self.failed = true;
        Outcome::Failed {
            diagnostics,
            elapsed: start.elapsed(),
        }
    }
}
