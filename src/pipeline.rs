//! The whole build, end to end: content → model → theme → render → output.

use crate::content::{self, LoadOptions};
use crate::diagnostics::{self, Diagnostic};
use crate::model::Site;
use crate::output::{self, OutputError};
use crate::render::{self, LinkStyle, RenderError, Stats};
use crate::theme::Theme;
use std::path::{Path, PathBuf};
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
            RenderError::Template { errors, .. } => BuildError::Diagnostics(errors),
            RenderError::Io(e) => BuildError::Io(e),
        }
    }
}

/// A loaded site with its theme, ready to render.
pub struct Prepared {
    pub site: Site,
    pub theme: Theme,
    pub warnings: Vec<Diagnostic>,
}

/// Add source snippets to diagnostics that point into files under `root`.
pub fn with_snippets(root: &Path, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Read by the rule every input file is read by: never through a link.
    diagnostics::attach_snippets(&mut diags, |file| {
        let src = content::files::read_text(&root.join(file), file).ok()??;
        Some(src.text.to_string())
    });
    diags
}

/// Read the content and the theme; every problem found in either is reported.
pub fn prepare(opts: &LoadOptions) -> Result<Prepared, Vec<Diagnostic>> {
    let (config, config_warnings) = content::read_config(opts).map_err(|d| with_snippets(&opts.root, d))?;
    let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let theme = Theme::load(&opts.root, &config.theme, &langs);
    let loaded = content::load_with_config(opts, config.clone());
    let site = loaded.site.filter(|_| !diagnostics::has_errors(&loaded.diagnostics));
    let mut diags = with_snippets(&opts.root, loaded.diagnostics);
    diags.extend(with_snippets(&opts.root, config_warnings));
    diagnostics::sort(&mut diags);
    match (site, theme) {
        (Some(site), Ok(theme)) => Ok(Prepared {
            site,
            theme,
            warnings: diags,
        }),
        (_, theme) => {
            diags.extend(theme.err().unwrap_or_default());
            diagnostics::sort(&mut diags);
            Err(diags)
        }
    }
}

/// Build the site into `opts.output`, replacing what was there only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let load = LoadOptions {
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
        // The links editors write are checked: a build with a broken one fails.
        links: true,
        ..LoadOptions::new(&opts.root)
    };
    // Refuse a dangerous output folder before reading anything; hold it
    // for the whole build, so that other builds into it wait their turn.
    let claim = output::claim(&opts.root, &opts.output)?;
    let mut prepared = prepare(&load).map_err(BuildError::Diagnostics)?;
    let written = claim
        .write(|sink| {
            let stats = render::render_site(&prepared.site, &prepared.theme, sink, opts.links)?;
            let broken = sink.with_written(|written| crate::check::editor_links(&prepared.site, written));
            match broken.is_empty() {
                true => Ok(stats),
                false => Err(BuildError::Diagnostics(with_snippets(&opts.root, broken))),
            }
        })
        .map_err(|e| output::stop::requested().map_or(e, BuildError::Stopped))?;
    if let Some(e) = written.cleanup {
        prepared.warnings.push(
            Diagnostic::warning(
                "old-output-left",
                "",
                format!("the new site is in place, but the previous one was not removed completely: {e}"),
            )
            .with_hint("delete what is left of it yourself"),
        );
    }
    Ok(BuildReport {
        stats: written.value,
        languages: prepared.site.config.languages.len(),
        plans: prepared.site.years.len(),
        warnings: prepared.warnings,
        elapsed: start.elapsed(),
    })
}
