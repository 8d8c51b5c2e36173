//! The pages of a site: model + theme → bytes for every output file.
//!
//! Rendering never touches the disk itself: each finished file is handed to
//! a [`Sink`] (the `output` module's writer, or an in-memory collector), so
//! pages stream out as they are made and the whole site is never held in
//! memory at once. Plans are rendered in parallel.

mod bars;
mod cards;
mod crawlers;
mod feed;
mod files;
mod followup;
mod jobs;
use jobs::{Job, asked_about, jobs};
mod held;
pub use held::FollowUpReader;
pub mod layout;
pub mod links;
pub mod memory;
mod opendata;
pub use opendata::plain_text;
mod pages;
mod reports;
mod rollups;
mod statement;
pub mod urls;
mod view;
mod year_over_year;

use crate::cards::Cards;
use crate::diagnostics::Diagnostic;
use crate::fs_utils::{FsError, Linked};
use crate::model::Site;
use crate::theme::Theme;
pub use layout::CARD_TEMPLATE;
use layout::{Inputs, Output};
pub use links::LinkStyle;
pub use memory::MemorySink;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use tera::Context;
use urls::Urls;

/// Receives the rendered files. Paths are relative to the output folder,
/// with `/` separators.
pub trait Sink: Sync {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), FsError>;
    /// Write a (large) file piece by piece through `write`.
    fn write_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), FsError> {
        let mut bytes = Vec::new();
        write(&mut bytes).expect("writing to memory cannot fail");
        self.file(path, &bytes)
    }
    /// Copy a file from the site root (e.g. `content/2022/report.pdf`).
    fn copy(&self, source: &str, path: &str) -> Result<(), FsError>;
    /// Put the card cache's file `from` at `path` (a hard link where it can
    /// be), if it is a card ([`crate::cards::link_card`]); nothing is
    /// written when it is missing or refused.
    fn link_card(&self, from: &std::path::Path, path: &str) -> Result<Linked, FsError>;
}

/// Why rendering stopped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Every distinct template error met while rendering all pages; every
    /// other page was rendered.
    #[error("{} template error(s)", .errors.len())]
    Template {
        errors: Vec<Diagnostic>,
        /// The pages that could not be rendered (paths in the output).
        unrendered: Vec<String>,
    },
    /// Problems in the follow-up of a year read as it is rendered
    /// ([`FollowUpReader`]): mistakes in its reports, or a report changed
    /// since the site was opened (the list also holds its warnings).
    #[error("{} problem(s) in follow-up read while rendering", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Io(#[from] FsError),
}

/// What was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// HTML pages (including 404 pages).
    pub pages: usize,
    /// Every file: pages, data files, static files and assets.
    pub files: usize,
}

/// Which part of the site to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every file.
    All,
    /// The files made from these years' folders, and those made from the
    /// list of pages when it `listing` changed (the sitemap, the feeds).
    /// `plans`: those of `years` whose plans changed ([`layout::Inputs`]: a
    /// plan's pages show what changed since the plan before, so the year
    /// after one of them is among the files; a report alone changes only
    /// its own year's). `reports`: what the reports of those years say
    /// changed (the feeds sum each report up).
    Changed {
        years: &'a [u16],
        plans: &'a [u16],
        listing: bool,
        reports: bool,
    },
}

impl Scope<'_> {
    /// Is `output` (of `site`) rendered?
    fn wants(&self, output: &Output, site: &Site) -> bool {
        match *self {
            Scope::All => true,
            Scope::Changed {
                years,
                plans,
                listing,
                reports,
            } => match output.inputs(site) {
                Inputs::Settings => false,
                Inputs::Listing => listing,
                Inputs::Reports => listing || reports,
                Inputs::Years { year, previous } => {
                    years.contains(&year) || previous.is_some_and(|p| plans.contains(&p))
                }
            },
        }
    }
}

/// Where rendered files go: the files to a sink, the share cards' SVGs to
/// the card stage, whose cards the sink then links into place; and which
/// of them to make.
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub sink: &'a dyn Sink,
    pub cards: &'a dyn Cards,
    pub part: Part,
}

/// Which of a scope's files a render makes. `serve` makes the pages,
/// tells open pages to reload, then draws the share cards: a preview never
/// shows a card, and drawing one takes longer than rendering a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Everything,
    /// Every file but the share cards.
    Pages,
    /// Only the share cards.
    Cards,
}

impl Part {
    fn wants(self, output: &Output) -> bool {
        let card = matches!(output, Output::Card { .. });
        match self {
            Part::Everything => true,
            Part::Pages => !card,
            Part::Cards => card,
        }
    }
}

/// Render the whole site `into` a sink and a card stage.
pub fn render_site(site: &Site, theme: &Theme, into: Target, links: LinkStyle) -> Result<Stats, RenderError> {
    render(site, theme, into, Scope::All, links)
}

/// Render part of the site (`serve` re-renders only what a change touched).
pub fn render(site: &Site, theme: &Theme, into: Target, scope: Scope, links: LinkStyle) -> Result<Stats, RenderError> {
    Rendering {
        site,
        theme,
        reader: None,
    }
    .render(into, scope, links)
}

/// What a render is made from: a site, its theme, and — for a site with
/// years whose follow-up is read as they are rendered — what reads it.
#[derive(Clone, Copy)]
pub struct Rendering<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub reader: Option<&'a dyn FollowUpReader>,
}

impl Rendering<'_> {
    /// Render `scope` of the site `into` a sink and a card stage.
    pub fn render(self, into: Target, scope: Scope, links: LinkStyle) -> Result<Stats, RenderError> {
        let Rendering { site, theme, reader } = self;
        let outputs = match scope {
            // Without the sitemap, which lists every page, only the files of
            // the plans in scope are looked at.
            Scope::Changed { listing: false, .. } => {
                layout::inventory_of(site, theme, &|plan| scope.wants(&Output::Plan { plan }, site))
            }
            _ => layout::inventory(site, theme),
        };
        let jobs = jobs(site, &outputs, scope, into.part);
        let existing = layout::PageSet::new(&outputs, asked_about(&jobs).as_deref());
        let years = held::Years::new(site, reader, jobs.iter().filter_map(Job::year));
        let r = Renderer::new(site, theme, into, links, existing, years);
        // A small site is rendered on this thread: its few plans' jobs are most
        // of the work, and two at once hold two plans' pages in memory (one
        // plan with 40 reports: peak RSS 16.0 → 18.5 MB). A rebuild of part of
        // the site — `serve`'s, after a save, which an editor waits for and
        // whose process holds the whole site anyway — shares a year's two
        // plans between the workers: save → reload 51.6 → 44.5 ms, the rebuild
        // 31 → 25 ms (`reload_latency` on the 4-report archive, medians of five
        // alternating runs each).
        let plans = jobs.iter().filter(|j| matches!(j, Job::Plan { .. })).count();
        let parallel_from = if matches!(scope, Scope::All) { 5 } else { 2 };
        if plans >= parallel_from {
            jobs.par_iter()
                .try_for_each_init(Buffers::new, |buf, job| r.job(job, buf))?;
        } else {
            let mut buf = Buffers::new();
            jobs.iter().try_for_each(|job| r.job(job, &mut buf))?;
        }
        let mut errors = std::mem::take(&mut *r.errors.lock().unwrap_or_else(|e| e.into_inner()));
        if !errors.is_empty() {
            crate::diagnostics::sort(&mut errors);
            errors.dedup_by(|a, b| (&a.file, a.line, a.col, &a.message) == (&b.file, b.line, b.col, &b.message));
            let mut unrendered = std::mem::take(&mut *r.unrendered.lock().unwrap_or_else(|e| e.into_inner()));
            unrendered.sort();
            return Err(RenderError::Template { errors, unrendered });
        }
        Ok(Stats {
            pages: r.pages.load(Ordering::Relaxed),
            files: r.files.load(Ordering::Relaxed),
        })
    }
}

/// One worker's reused buffers: a page as rendered, and as written.
struct Buffers {
    page: Vec<u8>,
    linked: Vec<u8>,
}

impl Buffers {
    fn new() -> Self {
        Buffers {
            page: Vec::with_capacity(64 * 1024),
            linked: Vec::with_capacity(64 * 1024),
        }
    }
}

struct Renderer<'a> {
    site: &'a Site,
    links: LinkStyle,
    theme: &'a Theme,
    sink: &'a dyn Sink,
    cards: &'a dyn Cards,
    part: Part,
    urls: Urls<'a>,
    /// Per language: the context every page shares (computed once).
    base: BTreeMap<&'a str, Context>,
    /// Every page, by language: whether a page exists in another language
    /// is asked for every page, and must not cost a search through the
    /// plan's areas (a plan may have thousands).
    existing: layout::PageSet<'a>,
    /// The font of the share cards' titles, to break them into lines.
    title_font: Option<cards::TitleFont>,
    /// Per language: the hash of what its cards' SVG is made from besides
    /// `card` (the templates and UI strings), made at the first card.
    card_salts: std::sync::OnceLock<BTreeMap<String, u128>>,
    pages: AtomicUsize,
    files: AtomicUsize,
    /// Template errors; rendering goes on after one so that all are reported.
    errors: Mutex<Vec<Diagnostic>>,
    /// The pages a template error stopped.
    unrendered: Mutex<Vec<String>>,
    /// Each year's follow-up while its jobs run.
    years: held::Years<'a>,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        into: Target<'a>,
        links: LinkStyle,
        existing: layout::PageSet<'a>,
        years: held::Years<'a>,
    ) -> Self {
        let urls = Urls::new(&site.config);
        let base = site
            .config
            .languages
            .iter()
            .map(|l| {
                let lang = l.code.as_str();
                let mut ctx = Context::new();
                ctx.insert("site", &view::site_view(site, theme, lang, urls));
                ctx.insert("lang", lang);
                ctx.insert("t", &theme.strings.get(lang));
                (lang, ctx)
            })
            .collect();
        Renderer {
            site,
            existing,
            title_font: crate::theme::builtin("fonts/Inter-Bold.otf").and_then(cards::TitleFont::new),
            card_salts: std::sync::OnceLock::new(),
            links,
            theme,
            sink: into.sink,
            cards: into.cards,
            part: into.part,
            urls,
            base,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            errors: Mutex::new(Vec::new()),
            unrendered: Mutex::new(Vec::new()),
            years,
        }
    }

    fn job(&self, job: &Job, buf: &mut Buffers) -> Result<(), RenderError> {
        match job {
            Job::Plan { plan, files, home } => self.plan_files(plan, files, *home, buf),
            Job::File(output) => self.site_file(output, buf),
        }
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
        self.sink.file(path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// The context every page of a language shares.
    fn base_context(&self, lang: &str) -> Context {
        self.base.get(lang).cloned().unwrap_or_default()
    }

    /// Record that the file `path` could not be made, and why.
    fn failed(&self, error: Diagnostic, path: &str) {
        self.errors.lock().unwrap_or_else(|e| e.into_inner()).push(error);
        self.unrendered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }

    fn render_page(&self, template: &str, ctx: &Context, path: &str, buf: &mut Buffers) -> Result<(), RenderError> {
        buf.page.clear();
        if let Err(e) = self.theme.tera.render_to(template, ctx, &mut buf.page) {
            self.failed(self.theme.error(&e), path);
            return Ok(());
        }
        self.pages.fetch_add(1, Ordering::Relaxed);
        if !links::has_site_links(&buf.page) {
            return self.write(path, &buf.page);
        }
        // A 404 page is shown by web servers at any depth (`/2022/no-such-area/`):
        // its links start from the path of `base_url` instead of from the page.
        let not_found = template == layout::NOT_FOUND_TEMPLATE && self.links == LinkStyle::Relative;
        let root;
        let from = if not_found {
            root = format!("{}/", self.site.config.base_path());
            links::From::Root(&root)
        } else {
            links::From::Page(links::folder_of(path))
        };
        links::resolve(&buf.page, from, self.links, &mut buf.linked);
        self.write(path, &buf.linked)
    }
}
