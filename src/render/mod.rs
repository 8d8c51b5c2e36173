//! The pages of a site: model + theme → bytes for every output file.
//!
//! Rendering never touches the disk itself: each finished file is handed to
//! a [`Sink`] (the `output` module's writer, or an in-memory collector), so
//! pages stream out as they are made and the whole site is never held in
//! memory at once. Plans are rendered in parallel.

mod data;
pub mod memory;
pub mod urls;
mod view;

use crate::diagnostics::Diagnostic;
use crate::fsx::FsError;
use crate::model::{Plan, Site};
use crate::theme::Theme;
pub use memory::MemorySink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use tera::{Context, Value};
use urls::Urls;
use view::LangLink;

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
}

/// Why rendering stopped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Every distinct template error met while rendering all pages.
    #[error("{} template error(s)", .0.len())]
    Template(Vec<Diagnostic>),
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
    /// The pages of these years and, when asked for, the home pages (which
    /// show the latest plan) and the sitemap (which lists every page).
    Years {
        years: &'a [u16],
        homes: bool,
        sitemap: bool,
    },
    /// Only the theme's static files.
    Statics,
}

/// Render the whole site into `sink`.
pub fn render_site(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Stats, RenderError> {
    render(site, theme, sink, Scope::All)
}

/// Render part of the site into `sink` (`serve` re-renders only what a change touched).
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink, scope: Scope) -> Result<Stats, RenderError> {
    let r = Renderer::new(site, theme, sink);
    let mut jobs: Vec<Job> = Vec::new();
    let langs = site.config.languages.iter().map(|l| l.code.as_str());
    let plans = |wanted: &dyn Fn(u16) -> bool| -> Vec<Job> {
        site.years
            .iter()
            .filter(|y| wanted(y.year))
            .flat_map(|y| y.plans.values())
            .map(Job::Plan)
            .collect()
    };
    match scope {
        Scope::All => {
            jobs.extend(langs.flat_map(|l| [Job::Home(l), Job::NotFound(l)]));
            jobs.extend(plans(&|_| true));
            jobs.extend([Job::Indexes, Job::Statics]);
        }
        Scope::Years { years, homes, sitemap } => {
            if homes {
                jobs.extend(langs.map(Job::Home));
            }
            jobs.extend(plans(&|y| years.contains(&y)));
            if sitemap {
                jobs.push(Job::Indexes);
            }
        }
        Scope::Statics => jobs.push(Job::Statics),
    }
    // A small site is rendered on this thread: starting worker threads would
    // cost more than the pages.
    if jobs.len() > 8 {
        jobs.par_iter()
            .try_for_each_init(|| Vec::with_capacity(64 * 1024), |buf, job| r.job(job, buf))?;
    } else {
        let mut buf = Vec::with_capacity(64 * 1024);
        jobs.iter().try_for_each(|job| r.job(job, &mut buf))?;
    }
    let mut errors = std::mem::take(&mut *r.errors.lock().unwrap_or_else(|e| e.into_inner()));
    if !errors.is_empty() {
        crate::diagnostics::sort(&mut errors);
        errors.dedup_by(|a, b| (&a.file, a.line, a.col, &a.message) == (&b.file, b.line, b.col, &b.message));
        return Err(RenderError::Template(errors));
    }
    Ok(Stats {
        pages: r.pages.load(Ordering::Relaxed),
        files: r.files.load(Ordering::Relaxed),
    })
}

enum Job<'a> {
    /// The home page of a language.
    Home(&'a str),
    /// The 404 page of a language.
    NotFound(&'a str),
    /// Plan page, focus-area pages, `plan.json` and assets of one plan.
    Plan(&'a Plan),
    /// Sitemap and robots.txt.
    Indexes,
    /// The theme's static files.
    Statics,
}

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    sink: &'a dyn Sink,
    urls: Urls<'a>,
    /// Per language: the context every page shares (computed once).
    base: BTreeMap<&'a str, Context>,
    pages: AtomicUsize,
    files: AtomicUsize,
    /// Template errors; rendering goes on after one so that all are reported.
    errors: Mutex<Vec<Diagnostic>>,
}

/// `page` in templates.
#[derive(Serialize)]
struct PageView<'a> {
    kind: &'static str,
    lang: &'a str,
    url: String,
    canonical: String,
    /// This page in every language it exists in (this one included).
    alternates: Vec<LangLink<'a>>,
    /// The other languages, each linking to this page in it (or to its home page).
    translations: Vec<LangLink<'a>>,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme, sink: &'a dyn Sink) -> Self {
        let urls = Urls::new(&site.config);
        let base = site
            .config
            .languages
            .iter()
            .map(|l| {
                let lang = l.code.as_str();
                let mut ctx = Context::new();
                ctx.insert("site", &view::site_view(site, lang, urls));
                ctx.insert("lang", lang);
                ctx.insert("t", &theme.strings.get(lang));
                (lang, ctx)
            })
            .collect();
        Renderer {
            site,
            theme,
            sink,
            urls,
            base,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            errors: Mutex::new(Vec::new()),
        }
    }

    fn job(&self, job: &Job, buf: &mut Vec<u8>) -> Result<(), RenderError> {
        match job {
            Job::Home(lang) => self.home_page(lang, buf),
            Job::NotFound(lang) => self.not_found_page(lang, buf),
            Job::Plan(plan) => self.plan_pages(plan, buf),
            Job::Indexes => self.index_files(),
            Job::Statics => self.static_files(),
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

    /// Does the page `rel` exist in language `lang`?
    fn exists(&self, lang: &str, rel: &str) -> bool {
        let mut parts = rel.split('/').filter(|p| !p.is_empty());
        let (Some(year), area) = (parts.next(), parts.next()) else {
            return true;
        };
        if year == "404.html" {
            return true;
        }
        let plan = year
            .parse()
            .ok()
            .and_then(|y| self.site.year(y))
            .and_then(|y| y.plans.get(lang));
        match (plan, area) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(p), Some(id)) => p.areas.iter().any(|a| a.id == id),
        }
    }

    fn page_view(&self, kind: &'static str, lang: &'a str, rel: &str, canonical_rel: &str) -> PageView<'a> {
        let link = |code: &'a str, name: &'a str, rel: &str| LangLink {
            code,
            name,
            url: self.urls.path(code, rel),
            abs: self.urls.abs(code, rel),
        };
        let languages = &self.site.config.languages;
        PageView {
            kind,
            lang,
            url: self.urls.path(lang, rel),
            canonical: self.urls.abs(lang, canonical_rel),
            alternates: languages
                .iter()
                .filter(|l| self.exists(&l.code, rel))
                .map(|l| link(&l.code, &l.name, rel))
                .collect(),
            translations: languages
                .iter()
                .filter(|l| l.code != lang)
                .map(|l| link(&l.code, &l.name, if self.exists(&l.code, rel) { rel } else { "" }))
                .collect(),
        }
    }

    fn render_page(&self, template: &str, ctx: &Context, path: &str, buf: &mut Vec<u8>) -> Result<(), RenderError> {
        buf.clear();
        if let Err(e) = self.theme.tera.render_to(template, ctx, &mut *buf) {
            self.errors
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(self.theme.error(&e));
            return Ok(());
        }
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.write(path, buf)
    }

    fn home_page(&self, lang: &'a str, buf: &mut Vec<u8>) -> Result<(), RenderError> {
        let latest = self.site.years.iter().rev().find_map(|y| y.plans.get(lang));
        let mut ctx = self.base_context(lang);
        let canonical = latest.map(|p| format!("{}/", p.year)).unwrap_or_default();
        ctx.insert("page", &self.page_view("home", lang, "", &canonical));
        if let Some(plan) = latest {
            ctx.insert("plan", &view::plan_view(plan, self.urls));
        }
        self.render_page("home.html", &ctx, &self.urls.file(lang, ""), buf)
    }

    fn not_found_page(&self, lang: &'a str, buf: &mut Vec<u8>) -> Result<(), RenderError> {
        let mut ctx = self.base_context(lang);
        ctx.insert("page", &self.page_view("not_found", lang, "404.html", "404.html"));
        self.render_page("404.html", &ctx, &self.urls.file(lang, "404.html"), buf)
    }

    fn plan_pages(&self, plan: &'a Plan, buf: &mut Vec<u8>) -> Result<(), RenderError> {
        let lang = plan.lang.as_str();
        let rel = format!("{}/", plan.year);
        let plan_view = view::plan_view(plan, self.urls);
        // Converted to a template value once; each area page shares its parts.
        let plan_value = Value::from_serializable(&plan_view);
        let areas: Vec<Value> = plan_value
            .get_from_path("areas")
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        let mut ctx = self.base_context(lang);
        ctx.insert_value("plan", plan_value);
        ctx.insert("page", &self.page_view("plan", lang, &rel, &rel));
        self.render_page("plan.html", &ctx, &self.urls.file(lang, &rel), buf)?;
        for (i, area) in plan_view.areas.iter().enumerate() {
            let area_rel = format!("{rel}{}/", area.id);
            ctx.insert("page", &self.page_view("area", lang, &area_rel, &area_rel));
            ctx.insert_value("area", areas[i].clone());
            let neighbour = |j: Option<usize>| j.and_then(|j| areas.get(j)).cloned().unwrap_or_else(Value::none);
            ctx.insert_value("previous", neighbour(i.checked_sub(1)));
            ctx.insert_value("next", neighbour(Some(i + 1)));
            self.render_page("area.html", &ctx, &self.urls.file(lang, &area_rel), buf)?;
        }
        buf.clear();
        data::plan_json(buf, self.site, plan, self.urls);
        self.write(&self.urls.file(lang, &format!("{rel}plan.json")), buf)?;
        if let Some(year) = self.site.year(plan.year) {
            let content_dir = format!("content/{}/", plan.year);
            for asset in &year.assets {
                let target = format!(
                    "{}{rel}{}",
                    self.urls.lang_dir(lang),
                    asset.strip_prefix(&content_dir).unwrap_or(asset)
                );
                self.sink.copy(asset, &target)?;
                self.files.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    fn static_files(&self) -> Result<(), RenderError> {
        for file in &self.theme.statics {
            self.write(&format!("static/{}", file.path), &file.bytes)?;
        }
        Ok(())
    }

    fn index_files(&self) -> Result<(), RenderError> {
        let default = self.site.config.default_language.as_str();
        let langs: Vec<&str> = self.site.config.languages.iter().map(|l| l.code.as_str()).collect();
        let pages = || {
            let rels = std::iter::once(String::new()).chain(self.site.years.iter().flat_map(|y| {
                let areas = y
                    .plans
                    .get(default)
                    .or_else(|| y.plans.values().next())
                    .into_iter()
                    .flat_map(|p| &p.areas);
                std::iter::once(format!("{}/", y.year)).chain(areas.map(move |a| format!("{}/{}/", y.year, a.id)))
            }));
            rels.map(|rel| {
                langs
                    .iter()
                    .filter(|l| self.exists(l, &rel))
                    .map(|l| (*l, rel.clone()))
                    .collect()
            })
        };
        self.sink.write_with("sitemap.xml", &mut |out| {
            data::sitemap(out, pages(), self.urls, default)
        })?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.write("robots.txt", data::robots(&self.site.config.base_url).as_bytes())
    }
}
