//! Who owns a build: content → model → theme → render → output, in that
//! order, for every command. [`Session`] reads a site and its theme and
//! renders them; [`build`] writes one into its output folder. The commands
//! (`build`, `check`, `serve`) go through here and read nothing themselves.

mod later;
mod session;

pub use crate::content::LoadOptions;
pub use crate::theme::Theme;
pub use session::{Inspection, Reloaded, Session, home_urls, inspect, read_content};

use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, OutputError};
use crate::render::{LinkStyle, Part, RenderError, Scope, Stats, Target};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Options of `handlingsplan build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `content/` and optionally `themes/`).
    pub root: PathBuf,
    /// Where the site is written; relative paths are relative to the current folder.
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// How links between pages are written (`--offline`: naming `index.html`).
    pub links: LinkStyle,
    /// After the build, delete the cached cards it did not use.
    pub prune_cache: bool,
    /// Asks the build to stop: it stops at its next file, having changed nothing.
    pub cancel: output::stop::Cancel,
    /// How many follow-up entries are read when the site is opened; the
    /// rest is read as each year is rendered ([`crate::content::KEEP_ENTRIES`]
    /// for `build`; [`LoadOptions::keep_follow_up`]).
    pub keep_follow_up: usize,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub stats: Stats,
    pub languages: usize,
    pub plans: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How many files `prune_cache` deleted from the card cache.
    pub pruned: usize,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content or theme problems (the list also holds any warnings).
    #[error("the site has {} problem(s)", .0.iter().filter(|d| d.is_error()).count())]
    Diagnostics(Vec<Diagnostic>),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Io(#[from] crate::fs_utils::FsError),
    /// A signal asked the build to stop; nothing was changed.
    #[error("stopped by signal {0}: nothing was changed")]
    Stopped(usize),
}

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Template { errors, .. } | RenderError::Content(errors) => BuildError::Diagnostics(errors),
            RenderError::Io(e) => BuildError::Io(e),
        }
    }
}

/// The share cards of the site, by their paths in the output.
fn card_paths(session: &Session) -> impl Iterator<Item = String> + '_ {
    let urls = crate::render::urls::Urls::new(&session.site().config);
    let outputs = crate::render::layout::inventory(session.site(), session.theme());
    (outputs.into_iter())
        .filter(|o| matches!(o, crate::render::layout::Output::Card { .. }))
        .map(move |o| o.path(urls))
}

/// How many names the card cache may hold beyond four per card the site
/// shows before a build that drew cards deletes the ones it does not show
/// (about 1,000 cards, 40 MB): edits add cards, and nothing else removes them.
const CACHE_SLACK: usize = 2000;

/// Build the site into `opts.output`, replacing what was there only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let load = LoadOptions {
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
        // The links editors write are checked: a build with a broken one fails.
        links: true,
        keep_follow_up: opts.keep_follow_up,
        ..LoadOptions::new(&opts.root)
    };
    // Refuse a dangerous output folder before reading anything; hold it
    // for the whole build, so that other builds into it wait their turn.
    let claim = output::claim(&opts.root, &opts.output)?.cancelled_by(&opts.cancel);
    let mut session = Session::open(load).map_err(BuildError::Diagnostics)?;
    let mut warnings = session.warnings().to_vec();
    let cards = match opts.prune_cache {
        true => session.painter()?.noting_use(),
        false => session.painter()?,
    };
    let output_path = claim.path().to_path_buf();
    let written = claim
        .write(|sink| {
            let stats = session.render(
                Target {
                    sink,
                    cards: &cards,
                    part: Part::Everything,
                },
                Scope::All,
                opts.links,
            );
            // A mistake in a year read while rendering stops the render at
            // that year: the others are read for theirs, so that every one
            // is reported at once, as `check` reports them.
            // (Should a file change back meanwhile, what stopped it is said.)
            let stats = stats.map_err(|e| match e {
                RenderError::Content(stopped) => {
                    let all = session.deferred_problems();
                    BuildError::Diagnostics(if diagnostics::has_errors(&all) { all } else { stopped })
                }
                e => e.into(),
            })?;
            // The years read as they were rendered: their warnings, and their
            // notes' links for the check below.
            let late = session.settle_deferred().map_err(BuildError::Diagnostics)?;
            let read = |path: &str| sink.read(path);
            let broken = sink
                .with_written(|written| crate::linkcheck::build_links(session.site(), session.theme(), written, &read));
            if !broken.is_empty() {
                return Err(BuildError::Diagnostics(crate::sources::with_snippets(
                    &opts.root, broken,
                )));
            }
            // Only a build that drew cards can have grown the cache; its
            // cards will be in the output folder once this one is swapped in.
            let card_files: Vec<PathBuf> = match cards.has_drawn() {
                true => card_paths(&session).map(|p| output_path.join(p)).collect(),
                false => Vec::new(),
            };
            Ok((stats, card_files, late))
        })
        .map_err(|e| opts.cancel.requested().map_or(e, BuildError::Stopped))?;
    let (stats, card_files, late) = written.value;
    warnings.extend(late);
    diagnostics::sort(&mut warnings);
    if let Some(e) = written.cleanup {
        warnings.push(
            Diagnostic::warning(
                "old-output-left",
                "",
                format!("the new site is in place, but the previous one was not removed completely: {e}"),
            )
            .with_hint("delete what is left of it yourself"),
        );
    }
    warnings.extend(cache_warning(&cards));
    // The new site is in place: what the cache holds beyond it can go.
    let pruned = match opts.prune_cache {
        true => cards.prune(),
        false => cards.keep_bounded(&card_files, CACHE_SLACK),
    };
    let pruned = pruned.unwrap_or_else(|e| {
        let hint = "the site was built; delete the cache folder yourself if it is yours to delete";
        warnings.push(Diagnostic::warning("cache-not-pruned", "", e.to_string()).with_hint(hint));
        0
    });
    let report = BuildReport {
        stats,
        languages: session.site().config.languages.len(),
        plans: session.site().years.len(),
        warnings,
        elapsed: start.elapsed(),
        pruned,
    };
    // Freeing a large site's model takes a while (1,000 plans: tens of
    // milliseconds) and nothing waits for it.
    let _ = std::thread::Builder::new().spawn(move || drop(session));
    Ok(report)
}

/// One warning for a card cache that was not used, or held entries that
/// were not cards (a link, another file under a card's name).
fn cache_warning(cards: &crate::cards::Painter) -> Option<Diagnostic> {
    let hint = "the cards were drawn again; delete `.handlingsplan-cache/` if you did not put those files there";
    let message = match cards.problems() {
        (_, Some(why)) => format!("the card cache was not used: {why}"),
        (0, None) => return None,
        (n, None) => format!("{n} file(s) in the card cache were not cards this program drew, and were not published"),
    };
    Some(Diagnostic::warning("card-cache-refused", "", message).with_hint(hint))
}
