//! Reading `content/`: site settings, year folders and plan files → [`Site`].
//!
//! Every problem becomes a [`Diagnostic`]; loading goes on after a problem so
//! that one run reports all of them, and what could be read is kept, so that
//! the checks that depend on it still run. Only a site without errors is
//! [`Loaded::complete`]: what a build may publish.

mod body;
mod deferred;
pub use body::markdown_options;
pub mod config;
pub mod followup;
pub mod frontmatter;
pub mod html;
pub(crate) mod names;
pub mod plan;
pub mod root_files;
pub mod slug;
mod translations;
mod year;

pub use config::{base_url_problem, contact_problem, is_lang_code, is_theme_name};
use deferred::Budget;
use year::{YearReader, load_year};

use crate::diagnostics::{Diagnostic, Severity};
use crate::fs_utils;
use crate::model::{Config, Site, YearFollowUp, YearPlans};
use crate::sources;
use html::HtmlOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How to read the content tree.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The site root: the folder holding `content/` (and `themes/`).
    pub root: PathBuf,
    /// Keep draft plans (`serve`, `build --drafts`).
    pub drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// How a missing or mismatched translation counts: an error in `build`
    /// and `check`, a warning in `serve`.
    pub translation_severity: Severity,
    /// Record where each link is written in the Markdown (for `check`,
    /// which reports a broken link there); a build does not need them.
    pub links: bool,
    /// How many follow-up entries (an action's state in a report) the years
    /// read first may hold; the follow-up of the years read after that many
    /// is read when the year is rendered ([`YearPlans::deferred`],
    /// [`read_deferred`]), and its problems are found then. `build` keeps
    /// [`KEEP_ENTRIES`], so a long archive's reports are never all held at
    /// once, and each is read once; `check` and `serve` read every one when
    /// the site is opened (`usize::MAX`).
    pub keep_follow_up: usize,
}

/// The follow-up entries `build` reads when it opens a site (about 1.5 MB:
/// five years of quarterly reports on plans of 100 actions, counting each
/// report as writing every action). A site that has more reads the rest as
/// it renders each year, and lets it go after: its memory stays flat
/// however many reports it has (see `docs/src/performance.md`).
pub const KEEP_ENTRIES: usize = 2_000;

impl LoadOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LoadOptions {
            root: root.into(),
            drafts: false,
            base_url: None,
            translation_severity: Severity::Error,
            links: false,
            keep_follow_up: usize::MAX,
        }
    }
}

/// The result of reading the content tree.
#[derive(Debug)]
pub struct Loaded {
    /// `Some` when `site.yaml` could be read, even if plans had errors.
    pub config: Option<Config>,
    /// Everything that could be read, also when some of it had errors;
    /// `None` only when `site.yaml` could not be read.
    pub site: Option<Site>,
    /// Every problem found, errors and warnings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The site when it has no errors (with its warnings), or every problem.
    pub fn complete(self) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        match self.site {
            Some(site) if !crate::diagnostics::has_errors(&self.diagnostics) => Ok((site, self.diagnostics)),
            _ => Err(self.diagnostics),
        }
    }
}

/// Read and check the whole content tree. Without the site settings, each
/// plan file is still read on its own, so its own mistakes are reported.
pub fn load(opts: &LoadOptions) -> Loaded {
    load_prepared(opts, |_| {})
}

/// [`load`], with the settings completed by `prepare` before the content is
/// read (the pipeline adds the theme's status words).
pub fn load_prepared(opts: &LoadOptions, prepare: impl FnOnce(&mut Config)) -> Loaded {
    match read_config(opts) {
        Ok((mut config, warnings)) => {
            prepare(&mut config);
            let mut loaded = load_with_config(opts, config);
            loaded
                .diagnostics
                .extend(settings_warnings(warnings, loaded.site.as_ref()));
            crate::diagnostics::sort(&mut loaded.diagnostics);
            loaded
        }
        Err(mut diagnostics) => {
            diagnostics.extend(year::plans_alone(opts));
            crate::diagnostics::sort(&mut diagnostics);
            Loaded {
                config: None,
                site: None,
                diagnostics,
            }
        }
    }
}

/// The warnings about the settings that matter for `site`: what the
/// accessibility statement still lacks is said once a plan is published
/// (a new site's drafts give its owner time to assess it).
pub fn settings_warnings(warnings: Vec<Diagnostic>, site: Option<&Site>) -> Vec<Diagnostic> {
    let publishes = site.is_none_or(|s| s.years.iter().any(|y| !y.is_draft()));
    let matters = |d: &Diagnostic| publishes || d.code != config::STATEMENT_WARNING;
    warnings.into_iter().filter(matters).collect()
}

/// Read `content/site.yaml`: the settings and the warnings about them, or
/// the errors.
pub fn read_config(opts: &LoadOptions) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    match read_site_yaml(opts, &mut diags) {
        Some(config) => Ok((config, diags)),
        None => Err(diags),
    }
}

/// Read and check the content tree with settings already read by [`read_config`].
pub fn load_with_config(opts: &LoadOptions, config: Config) -> Loaded {
    let mut diags = Vec::new();
    let site = load_inner(opts, config, &mut diags);
    crate::diagnostics::sort(&mut diags);
    let config = site.as_ref().map(|s| s.config.clone());
    Loaded {
        config,
        site,
        diagnostics: diags,
    }
}

fn load_inner(opts: &LoadOptions, config: Config, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let content = opts.root.join("content");
    let html = HtmlOptions::for_site(&config, opts.links);
    let mut folders = Vec::new();
    for entry in read_dir(&opts.root, &content, diags) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel = fs_utils::display_rel(&opts.root, &path);
        if sources::is_leftover(&name) || name == "site.yaml" {
            continue;
        }
        let Some(kind) = file_kind(&path, &rel, diags) else {
            continue;
        };
        if kind == Kind::File {
            diags.extend(root_files::misplaced(&name));
            continue;
        }
        match sources::year_folder(&name) {
            Some(year) => folders.push((year, path)),
            None if name == root_files::FOLDER => diags.push(
                Diagnostic::error("bad-year-folder", rel, "`content/static/` is not a year folder")
                    .with_hint("files published at the site root (CNAME, _redirects, favicon.ico, …) go in `static/` beside `content/`, not in it"),
            ),
            None => diags.push(
                Diagnostic::error(
                    "bad-year-folder",
                    rel,
                    format!("folder `{name}` in content/ is not a year"),
                )
                .with_hint(
                    "each plan lives in a folder named for its year, four digits from 1000, e.g. `content/2023/`",
                ),
            ),
        }
    }
    // Years are read in parallel (each with its own list of problems), then
    // joined in folder order, so the result never depends on scheduling.
    // Which years' follow-up is read later depends on the order they are
    // read in; what is rendered does not.
    let budget = Budget::new(opts.keep_follow_up);
    let reader = YearReader {
        opts,
        config: &config,
        html: &html,
        budget: &budget,
    };
    let read = |(year, path): &(u16, PathBuf)| {
        let mut d = Vec::new();
        let loaded = load_year(&reader, *year, path, &mut d);
        (loaded, d)
    };
    let loaded: Vec<(Option<YearPlans>, Vec<Diagnostic>)> = if folders.len() > PARALLEL_FROM {
        folders.par_iter().map(read).collect()
    } else {
        folders.iter().map(read).collect()
    };
    let mut years = Vec::with_capacity(loaded.len());
    let mut drafts = 0;
    for (year, d) in loaded {
        diags.extend(d);
        diags.extend(
            year.as_ref()
                .map(|y| year::partly_draft(&opts.root, y))
                .unwrap_or_default(),
        );
        drafts += usize::from(year.as_ref().is_some_and(YearPlans::is_draft));
        years.extend(year.filter(|y| opts.drafts || !y.is_draft()));
    }
    // (A year folder that could not be read has its own errors.)
    if years.is_empty() && (folders.is_empty() || drafts > 0) {
        diags.push(no_plans(drafts));
    }
    let root_files = root_files::read(&opts.root, &config.publish_hidden, diags);
    Some(Site {
        config,
        years,
        root_files,
    })
}

/// A site without a plan to publish: an error when there is none at all (a
/// site with no plans is never what was meant), a warning when every plan
/// is still a draft (a new site: its home page says so).
pub fn no_plans(drafts: usize) -> Diagnostic {
    match drafts {
        0 => Diagnostic::error("no-plans", "content", "there is no plan to publish: no year folder holds one")
            .with_hint("a plan is `content/<year>/plan.<language>.md`, e.g. `content/2023/plan.sv.md`; a folder that is a symbolic link is not read"),
        n => Diagnostic::warning("no-plans", "content", format!("every plan ({n}) is a draft: only the home pages are published"))
            .with_hint("set `draft: false` in every language of a plan to publish it, or build with `--drafts`"),
    }
}

/// Below this many year folders, reading in parallel costs more than it saves.
const PARALLEL_FROM: usize = 4;

/// Re-read one year folder, for `serve` when one of its files changed.
/// Returns the year (or `None` when the folder is gone, lacks the default
/// language, or is a draft that is not shown) and the problems found in it.
pub fn load_one_year(opts: &LoadOptions, config: &Config, year: u16) -> (Option<YearPlans>, Vec<Diagnostic>) {
    let dir = opts.root.join("content").join(year.to_string());
    let mut diags = Vec::new();
    // As a full load sees it: a link in place of the folder is not followed.
    let rel = fs_utils::display_rel(&opts.root, &dir);
    if std::fs::symlink_metadata(&dir).is_err() || file_kind(&dir, &rel, &mut diags) != Some(Kind::Dir) {
        return (None, diags);
    }
    let loaded = read_alone(opts, config, |reader| load_year(reader, year, &dir, &mut diags));
    diags.extend(
        loaded
            .as_ref()
            .map(|y| year::partly_draft(&opts.root, y))
            .unwrap_or_default(),
    );
    let loaded = loaded.filter(|y| opts.drafts || !y.is_draft());
    crate::diagnostics::sort(&mut diags);
    (loaded, diags)
}

/// The follow-up of a year read later ([`YearPlans::deferred`]), as the
/// year's render needs it, and its warnings; or its errors, or an error
/// when its reports are not those listed when the site was opened (a file
/// changed while the site was being built).
pub fn read_deferred(
    opts: &LoadOptions,
    config: &Config,
    year: &YearPlans,
) -> Result<(YearFollowUp, Vec<Diagnostic>), Vec<Diagnostic>> {
    let dir = opts.root.join("content").join(year.year.to_string());
    let mut diags = Vec::new();
    let read = read_alone(opts, config, |reader| {
        year::read_deferred(reader, year, &dir, &mut diags)
    });
    let same_dates = |r: &YearFollowUp| (r.reports.iter().map(|r| &r.date)).eq(year.reports.iter().map(|r| &r.date));
    // (A year is read later only when one of its files writes an entry.)
    let same = (read.as_ref()).is_some_and(|r| same_dates(r) && !r.current.is_empty());
    if !crate::diagnostics::has_errors(&diags) && !same {
        let message = format!("the follow-up of {} changed while the site was being built", year.year);
        let rel = fs_utils::display_rel(&opts.root, &dir);
        diags.push(Diagnostic::error("changed-while-building", rel, message).with_hint("build again"));
    }
    crate::diagnostics::sort(&mut diags);
    match read {
        Some(read) if !crate::diagnostics::has_errors(&diags) => Ok((read, diags)),
        _ => Err(diags),
    }
}

/// Read one year folder on its own, keeping all of its follow-up.
fn read_alone<R>(opts: &LoadOptions, config: &Config, read: impl FnOnce(&YearReader) -> R) -> R {
    let html = HtmlOptions::for_site(config, opts.links);
    let budget = Budget::unlimited();
    read(&YearReader {
        opts,
        config,
        html: &html,
        budget: &budget,
    })
}

fn read_site_yaml(opts: &LoadOptions, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let path = opts.root.join("content").join("site.yaml");
    let rel = fs_utils::display_rel(&opts.root, &path);
    let src = match sources::read_text(&path, &rel) {
        Ok(Some(src)) => src,
        Ok(None) => {
            let message = format!("no site settings: `{rel}` does not exist");
            diags.push(
                Diagnostic::error("missing-site-config", rel, message).with_hint(format!(
                    "start a site here with `handlingsplan init`, or give the folder that holds \
                         `content/` with `-r DIR`; by hand, `content/site.yaml` looks like:\n{}",
                    config::EXAMPLE
                )),
            );
            return None;
        }
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match config::parse(&src, opts.base_url.as_deref()) {
        Ok((mut config, warnings)) => {
            diags.extend(warnings);
            let files = config::brand::check_files(&src, &opts.root, config.brand.as_mut());
            let failed = files.iter().any(Diagnostic::is_error);
            diags.extend(files);
            (!failed).then_some(config)
        }
        Err(errors) => {
            diags.extend(errors);
            None
        }
    }
}

#[derive(PartialEq, Eq)]
pub(super) enum Kind {
    File,
    Dir,
}

/// Is `path` a file or folder we follow? Symbolic links are not followed: a
/// link could lead outside the site or into a loop.
pub(super) fn file_kind(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Kind> {
    if let Some(problem) = path.file_name().and_then(sources::name_problem) {
        diags.push(sources::name_error(rel, problem));
        return None;
    }
    match fs_utils::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(sources::symlink_error(rel));
            None
        }
        Ok(m) if m.is_dir() => Some(Kind::Dir),
        Ok(m) if m.is_file() => Some(Kind::File),
        Ok(_) => {
            diags.push(sources::name_error(
                rel,
                "not a regular file (a pipe, a socket or a device)",
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::error("io", rel, e.to_string()));
            None
        }
    }
}

pub(super) fn read_dir(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<std::fs::DirEntry> {
    fs_utils::read_dir_sorted(dir).unwrap_or_else(|e| {
        diags.push(Diagnostic::error("io", fs_utils::display_rel(root, dir), e.to_string()));
        Vec::new()
    })
}
