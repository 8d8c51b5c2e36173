//! The site as `serve` keeps it: the last good model and theme, and the
//! folder the pages are served from, rebuilt as little as a change needs.

use super::classify::Change;
use crate::content::{self, LoadOptions};
use crate::diagnostics::Diagnostic;
use crate::model::{Site, YearPlans};
use crate::output::DirSink;
use crate::pipeline;
use crate::render::urls::Urls;
use crate::render::{self, LinkStyle, RenderError, Scope};
use crate::theme::Theme;
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

pub struct SiteState {
    load: LoadOptions,
    out: PathBuf,
    site: Option<Site>,
    theme: Option<Theme>,
    warnings: Vec<Diagnostic>,
    failed: bool,
}

impl SiteState {
    /// `out` is the folder pages are written to and served from.
    pub fn new(load: LoadOptions, out: PathBuf) -> Self {
        SiteState {
            load,
            out,
            site: None,
            theme: None,
            warnings: Vec::new(),
            failed: true,
        }
    }

    /// The theme's name, once a build succeeded (for classifying changes).
    pub fn theme_name(&self) -> Option<&str> {
        self.site.as_ref().map(|s| s.config.theme.as_str())
    }

    /// Reload and re-render everything.
    pub fn full(&mut self) -> Outcome {
        let start = Instant::now();
        let prepared = match pipeline::prepare(&self.load) {
            Ok(p) => p,
            Err(diagnostics) => return self.fail(diagnostics, start),
        };
        self.site = Some(prepared.site);
        self.theme = Some(prepared.theme);
        self.warnings = prepared.warnings;
        self.render(Scope::All, vec![String::new()], "everything".into(), false, start)
    }

    /// Rebuild what `changes` need.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        if self.failed || self.site.is_none() || changes.iter().any(Change::is_global) {
            return self.full();
        }
        let start = Instant::now();
        let years: BTreeSet<u16> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Plan(y) | Change::YearFile(y) => Some(*y),
                _ => None,
            })
            .collect();
        let years: Vec<u16> = years.into_iter().collect();
        let statics = changes.contains(&Change::Static);
        if statics && let Err(d) = self.reload_theme() {
            return self.fail(d, start);
        }
        if years.is_empty() {
            // Pages name stylesheets by their content hash: re-render them
            // all (unchanged files are not rewritten) and let open pages
            // swap their stylesheets.
            return self.render(Scope::All, vec![String::new()], "static files".into(), true, start);
        }
        self.years(&years, statics, start)
    }

    fn reload_theme(&mut self) -> Result<(), Vec<Diagnostic>> {
        let site = self.site.as_ref().expect("checked by apply");
        let langs: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
        self.theme = Some(Theme::load(&self.load.root, &site.config.theme, &langs)?);
        Ok(())
    }

    fn years(&mut self, years: &[u16], statics: bool, start: Instant) -> Outcome {
        let site = self.site.as_mut().expect("checked by apply");
        let mut problems = Vec::new();
        let mut reloaded = Vec::new();
        for &year in years {
            let (plans, diags) = content::load_one_year(&self.load, &site.config, year);
            problems.extend(diags);
            reloaded.push((year, plans));
        }
        if crate::diagnostics::has_errors(&problems) {
            let problems = pipeline::with_snippets(&self.load.root, problems);
            return self.fail(problems, start);
        }
        let before = year_titles(&site.years);
        let pages_before = page_ids(&site.years);
        let latest_before = site.years.last().map(|y| y.year);
        for (year, plans) in reloaded {
            site.years.retain(|y| y.year != year);
            site.years.extend(plans);
        }
        site.years.sort_by_key(|y| y.year);
        let listing_changed = year_titles(&site.years) != before;
        let sitemap = page_ids(&site.years) != pages_before;
        let latest = site.years.last().map(|y| y.year);
        let homes = latest != latest_before || latest.is_some_and(|l| years.contains(&l));
        let in_years = |file: &str| {
            years
                .iter()
                .any(|y| file == format!("content/{y}") || file.starts_with(&format!("content/{y}/")))
        };
        self.warnings.retain(|w| !in_years(&w.file));
        self.warnings.extend(pipeline::with_snippets(&self.load.root, problems));
        let what = years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        if listing_changed || statics {
            return self.render(Scope::All, vec![String::new()], what, false, start);
        }
        let urls = Urls::new(&site.config);
        let prefixes = site
            .config
            .languages
            .iter()
            .flat_map(|l| years.iter().map(|y| format!("{}{y}/", urls.lang_dir(&l.code))))
            .collect();
        self.render(Scope::Years { years, homes, sitemap }, prefixes, what, false, start)
    }

    fn render(&mut self, scope: Scope, prune: Vec<String>, what: String, css_only: bool, start: Instant) -> Outcome {
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return self.fail(Vec::new(), start);
        };
        let sink = DirSink::incremental(&self.load.root, &self.out);
        let io = |e: crate::fs_utils::FsError| vec![Diagnostic::error("io", "", e.to_string())];
        let result = render::render(site, theme, &sink, scope, LinkStyle::Relative)
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
                    warnings: self.warnings.clone(),
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

/// Which pages exist: per year, language and focus area, one path (what the sitemap lists).
fn page_ids(years: &[YearPlans]) -> Vec<String> {
    years
        .iter()
        .flat_map(|y| y.plans.values())
        .flat_map(|p| std::iter::once(format!("{}/{}", p.year, p.lang)).chain(p.areas.iter().map(|a| a.id.clone())))
        .collect()
}

/// A year as pages that list plans show it: per language, its title and draft flag.
type Listing = (u16, Vec<(String, String, bool)>);

/// The years and their titles in every language: what pages that list plans show.
fn year_titles(years: &[YearPlans]) -> Vec<Listing> {
    years
        .iter()
        .map(|y| {
            (
                y.year,
                y.plans
                    .values()
                    .map(|p| (p.lang.clone(), p.title.clone(), p.draft))
                    .collect(),
            )
        })
        .collect()
}
