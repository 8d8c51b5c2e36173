//! A build session: one site's content and theme, read once, read again as
//! little as a change needs, and rendered into a sink. `build` opens one
//! and renders it into a folder; `serve` keeps one open and re-reads a year
//! or the theme when a file changes; `check` reads everything it can
//! ([`inspect`]). Nothing else reads content or loads a theme.

use super::later::{self, Found, YearFound};
use crate::cards::{self, Image, Painter};
use crate::content::{self, LoadOptions};
use crate::diagnostics::{self, Diagnostic};
use crate::fs_utils::{self, FsError};
use crate::model::{Deferred, Site, YearFollowUp, YearPlans};
use crate::render::layout;
use crate::render::urls::Urls;
use crate::render::{self, LinkStyle, RenderError, Scope, Stats, Target};
use crate::sources::with_snippets;
use crate::theme::Theme;
use std::path::Path;
use std::sync::Arc;

/// A site without errors, with its theme, ready to render.
pub struct Session {
    load: LoadOptions,
    site: Site,
    theme: Theme,
    /// Problems that do not stop a build, in every file read so far.
    warnings: Vec<Diagnostic>,
    /// What the render found in the years whose follow-up it read.
    found: Found,
}

/// The follow-up of a year read as it is rendered.
impl render::FollowUpReader for Session {
    fn follow_up(&self, year: &YearPlans) -> Result<YearFollowUp, Vec<Diagnostic>> {
        let (read, warnings) = self.read_deferred(year)?;
        self.found.record(year.year, || YearFound::of(&read, warnings));
        Ok(read)
    }
}

/// What re-reading some years changed, to decide what to render again.
#[derive(Debug)]
pub struct Reloaded {
    /// The list of plans changed (a year came or went, a title changed):
    /// every page that lists them is to be rendered again.
    pub listing: bool,
    /// Pages came or went: the files made from the list of pages are to be
    /// written again (the sitemap, the index, the feeds).
    pub pages: bool,
    /// A year re-read has reports: the feeds, which sum each one up, are to
    /// be written again (the sitemap need not be).
    pub reports: bool,
    /// The years re-read whose plans changed (a plan's text, or a plan
    /// that came or went): the plans after them show what changed since.
    pub plans: Vec<u16>,
    /// The output folders of the years re-read, in every language (`2022/`,
    /// `en/2022/`): what may hold files no longer made.
    pub folders: Vec<String>,
}

impl Session {
    /// Read the content and the theme; every problem found in either is reported.
    pub fn open(load: LoadOptions) -> Result<Session, Vec<Diagnostic>> {
        let (mut config, config_warnings) = content::read_config(&load).map_err(|d| with_snippets(&load.root, d))?;
        config.status_words = status_words(&load.root, &config);
        let theme_name = config.theme.clone();
        let languages: Vec<String> = config.language_codes().iter().map(|l| l.to_string()).collect();
        let loaded = content::load_with_config(&load, config);
        // The follow-up templates are compiled only for a site with follow-up.
        let follow_up = loaded.site.as_ref().is_none_or(|s| has_follow_up(&s.years));
        let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
        let theme = Theme::load(&load.root, &theme_name, &languages, follow_up);
        // Two producers of one path: found before anything is written, and
        // beside any other problem of the content, as `check` finds them.
        let mut problems = loaded.diagnostics;
        problems.extend(loaded.site.as_ref().map(layout::clashes).unwrap_or_default());
        let site = loaded.site.filter(|_| !diagnostics::has_errors(&problems));
        let mut diags = with_snippets(&load.root, problems);
        let config_warnings = content::settings_warnings(config_warnings, site.as_ref());
        diags.extend(with_snippets(&load.root, config_warnings));
        match (site, theme) {
            (Some(site), Ok(theme)) => {
                diags.extend(theme.warnings());
                diagnostics::sort(&mut diags);
                Ok(Session {
                    load,
                    site,
                    theme,
                    warnings: diags,
                    found: Found::default(),
                })
            }
            (_, theme) => {
                diags.extend(theme.err().unwrap_or_default());
                diagnostics::sort(&mut diags);
                Err(diags)
            }
        }
    }

    /// The loaded theme.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The warnings found in every file read so far.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Render `scope` of the site `into` a sink and a card stage.
    pub fn render(&self, into: Target, scope: Scope, links: LinkStyle) -> Result<Stats, RenderError> {
        let rendering = render::Rendering {
            site: &self.site,
            theme: &self.theme,
            reader: Some(self),
        };
        rendering.render(into, scope, links)
    }

    /// After a render of the whole site: the warnings found in the years
    /// whose follow-up it read (those not said when the site was opened),
    /// and each such year's note links in the model, for `build`'s link
    /// check. A year the render did not read is read now; its errors are
    /// returned.
    pub fn settle_deferred(&mut self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let mut warnings = Vec::new();
        for i in 0..self.site.years.len() {
            if self.site.years[i].deferred.is_none() {
                continue;
            }
            let year = self.site.years[i].year;
            let found = match self.found.take(year) {
                Some(found) => found,
                None => {
                    let (read, warnings) = self.read_deferred(&self.site.years[i])?;
                    YearFound::of(&read, warnings)
                }
            };
            warnings.extend(found.warnings);
            self.site.years[i].deferred = Some(Deferred {
                note_links: found.note_links,
            });
        }
        Ok(later::new_warnings(&self.warnings, warnings))
    }

    /// The problems of every year whose follow-up is read while rendering
    /// that has errors (with that year's warnings), read in parallel: what
    /// `build` reports when one of them stopped its render.
    pub fn deferred_problems(&self) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        let deferred: Vec<&YearPlans> = self.site.years.iter().filter(|y| y.deferred.is_some()).collect();
        let read = deferred
            .par_iter()
            .map(|year| self.read_deferred(year).err().unwrap_or_default());
        let mut problems: Vec<Diagnostic> = read.flatten().collect();
        diagnostics::sort(&mut problems);
        problems
    }

    /// The follow-up of a year read later, and its warnings; or its problems.
    fn read_deferred(&self, year: &YearPlans) -> Result<(YearFollowUp, Vec<Diagnostic>), Vec<Diagnostic>> {
        let root = &self.load.root;
        let (read, warnings) =
            content::read_deferred(&self.load, &self.site.config, year).map_err(|d| with_snippets(root, d))?;
        Ok((read, with_snippets(root, warnings)))
    }

    /// What draws the site's share cards: its theme's fonts and its logo,
    /// with the cache in the site root ([`cards::CACHE_DIR`]).
    pub fn painter(&self) -> Result<Painter, FsError> {
        let brand = self.site.config.brand.as_ref();
        let images = match brand.and_then(|b| b.logo.as_deref()) {
            Some(logo) => vec![Image {
                name: logo.to_string(),
                // `content` checked its size; a file grown since is not read whole.
                bytes: Arc::new(
                    fs_utils::read_limited(&self.load.root.join("content").join(logo), crate::sources::MAX_BYTES)?
                        .unwrap_or_default(),
                ),
            }],
            None => Vec::new(),
        };
        let cache = self.load.root.join(cards::CACHE_DIR);
        Ok(Painter::new(&cache, self.theme.fonts.clone(), images))
    }

    /// Load the theme again (a template, a stylesheet or a UI string changed).
    /// When its words for the statuses changed, the follow-up is read again
    /// with them.
    pub fn reload_theme(&mut self) -> Result<(), Vec<Diagnostic>> {
        let config = &self.site.config;
        let follow_up = has_follow_up(&self.site.years);
        self.theme = Theme::load(&self.load.root, &config.theme, &config.language_codes(), follow_up)?;
        let words = status_words(&self.load.root, &self.site.config);
        if words != self.site.config.status_words {
            self.site.config.status_words = words;
            let years: Vec<u16> = self.site.years.iter().map(|y| y.year).collect();
            self.reload_years(&years)?;
        }
        Ok(())
    }

    /// Read the year folders `years` again (a plan, a follow-up file or an
    /// attachment changed). On an error the session is left as it was.
    pub fn reload_years(&mut self, years: &[u16]) -> Result<Reloaded, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut reloaded = Vec::new();
        for &year in years {
            let (plans, diags) = content::load_one_year(&self.load, &self.site.config, year);
            problems.extend(diags);
            problems.extend(plans.iter().flat_map(|y| layout::year_clashes(&self.site, y)));
            reloaded.push((year, plans));
        }
        let problems = with_snippets(&self.load.root, problems);
        if diagnostics::has_errors(&problems) {
            return Err(problems);
        }
        // A year that now has follow-up needs the follow-up templates.
        let others = self.site.years.iter().filter(|y| !years.contains(&y.year));
        let mut follow_up = others.chain(reloaded.iter().filter_map(|(_, y)| y.as_ref()));
        if !self.theme.has_follow_up_templates() && follow_up.any(|y| y.has_follow_up()) {
            let config = &self.site.config;
            self.theme = Theme::load(&self.load.root, &config.theme, &config.language_codes(), true)?;
        }
        let site = &mut self.site;
        let (titles, pages) = (year_titles(&site.years, years), pages_of(site, years));
        let with_reports = |site: &Site| (site.years.iter()).any(|y| years.contains(&y.year) && !y.reports.is_empty());
        let had_reports = with_reports(site);
        let mut changed_plans = Vec::new();
        for (year, plans) in reloaded {
            let before = site.year(year).map(|y| &y.plans);
            if before != plans.as_ref().map(|y| &y.plans) {
                changed_plans.push(year);
            }
            site.years.retain(|y| y.year != year);
            site.years.extend(plans);
        }
        site.years.sort_by_key(|y| y.year);
        let in_years = |file: &str| {
            years
                .iter()
                .any(|y| file == format!("content/{y}") || file.starts_with(&format!("content/{y}/")))
        };
        self.warnings.retain(|w| !in_years(&w.file));
        self.warnings.extend(problems);
        let urls = Urls::new(&site.config);
        let folders = site
            .config
            .languages
            .iter()
            .flat_map(|l| years.iter().map(move |y| format!("{}{y}/", urls.lang_dir(&l.code))));
        Ok(Reloaded {
            listing: year_titles(&site.years, years) != titles,
            pages: pages_of(site, years) != pages,
            reports: had_reports || with_reports(site),
            plans: changed_plans,
            folders: folders.collect(),
        })
    }
}

/// What `check` works with: everything that could be read, and every problem.
pub struct Inspection {
    /// The site as far as it could be read; `None` without its settings.
    pub site: Option<Site>,
    /// The theme, if it could be loaded.
    pub theme: Option<Theme>,
    /// Every problem found, with its snippet.
    pub diagnostics: Vec<Diagnostic>,
}

/// The theme's words for the statuses, which a follow-up may be written in.
fn status_words(root: &Path, config: &crate::model::Config) -> crate::model::StatusWords {
    crate::theme::status_words(root, &config.theme, &config.language_codes())
}

/// Read everything that can be read, also where there are errors, so that
/// every problem is found in one run (`check`).
pub fn inspect(load: &LoadOptions) -> Inspection {
    let loaded = read_content(load);
    let mut diagnostics = loaded.diagnostics;
    let theme = loaded.site.as_ref().and_then(|site| {
        let config = &site.config;
        Theme::load(&load.root, &config.theme, &config.language_codes(), true)
            .map_err(|d| diagnostics.extend(d))
            .inspect(|theme| diagnostics.extend(theme.warnings()))
            .ok()
    });
    Inspection {
        site: loaded.site,
        theme,
        diagnostics,
    }
}

/// Read the whole content tree as a build reads it: every problem in it,
/// and two files that want one output path ([`layout::clashes`]). What
/// `check`, `new` and `follow-up pin` read.
pub fn read_content(load: &LoadOptions) -> content::Loaded {
    let mut loaded = content::load_prepared(load, |config| config.status_words = status_words(&load.root, config));
    let clashes = loaded.site.as_ref().map(layout::clashes).unwrap_or_default();
    loaded.diagnostics.extend(clashes);
    loaded
}

/// The home page of every language, by language name, for a site served at
/// `base_url`; from the settings alone (the URLs are shown even when the
/// site does not build). `None` without settings that can be read.
pub fn home_urls(root: &Path, base_url: &str) -> Option<Vec<(String, String)>> {
    let load = LoadOptions {
        base_url: Some(base_url.into()),
        ..LoadOptions::new(root)
    };
    let (config, _) = content::read_config(&load).ok()?;
    let urls = Urls::new(&config);
    Some(
        config
            .languages
            .iter()
            .map(|l| (l.name.clone(), urls.abs(&l.code, "")))
            .collect(),
    )
}

/// Does any year have follow-up (and so follow-up pages)?
fn has_follow_up(years: &[YearPlans]) -> bool {
    years.iter().any(|y| y.has_follow_up())
}

/// The pages of `years` of `site`, by path.
fn pages_of(site: &Site, years: &[u16]) -> Vec<String> {
    let years = years.iter().filter_map(|&y| site.year(y));
    years.flat_map(|y| layout::year_pages(site, y)).collect()
}

/// A year as pages that list plans show it: per language, its title and
/// draft flag; and whether it has reports (every page links the feed then).
type Listing = (u16, Vec<(String, String, bool)>, bool);

/// The years `only` (those reloaded: the others did not change) and their
/// titles in every language: what pages that list plans show of them. A
/// year added or removed is a year more or less in the list.
fn year_titles(years: &[YearPlans], only: &[u16]) -> Vec<Listing> {
    let titles = |y: &YearPlans| {
        y.plans
            .values()
            .map(|p| (p.lang.clone(), p.title.clone(), p.draft))
            .collect()
    };
    years
        .iter()
        .filter(|y| only.contains(&y.year))
        .map(|y| (y.year, titles(y), !y.reports.is_empty()))
        .collect()
}
