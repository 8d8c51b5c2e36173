//! The render job of each file of the inventory ([`layout::inventory`]):
//! every file of a plan's folder from one view of the plan, and the site's
//! other files one by one.

use super::held::Held;
use super::layout::{Output, Page};
use super::view::{self, PlanView};
use super::{Buffers, RenderError, Renderer, crawlers, feed, opendata};
use crate::model::{Plan, Report};
use std::sync::atomic::Ordering;
use tera::{Context, Value};

/// What the files of one plan share: its view, as data and as a template
/// value, and the context of its pages.
struct PlanJob<'v> {
    view: PlanView<'v>,
    /// Each area as a template value: an area page shows its neighbours.
    areas: Vec<Value>,
    /// The plan pages' context: `plan`, and `page` of the last page made.
    ctx: Context,
    /// The cards' context, made when a card is first drawn.
    card_ctx: Option<Context>,
}

impl<'a> Renderer<'a> {
    /// The files of `plan`'s folder, `files` (in the inventory's order), and
    /// the home page of its language when `home`.
    pub(super) fn plan_files(
        &self,
        plan: &'a Plan,
        files: &[Output<'a>],
        home: bool,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let held = self.years.for_job(plan.year)?;
        let made = self.plan_files_held(plan, files, home, &held, buf);
        drop(held);
        self.years.done(plan.year);
        made
    }

    /// [`Renderer::plan_files`], with the year's follow-up `held`.
    fn plan_files_held(
        &self,
        plan: &'a Plan,
        files: &[Output<'a>],
        home: bool,
        held: &Held,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let cx = self.plan_context(plan, held);
        let view = view::plan_view(plan, &cx);
        // Converted to a template value once; each page shares its parts.
        let value = Value::from_serializable(&view);
        let areas = (value.get_from_path("areas"))
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        let mut ctx = self.base_context(&plan.lang);
        ctx.insert_value("plan", value);
        let mut job = PlanJob {
            view,
            areas,
            ctx,
            card_ctx: None,
        };
        let mut table = None;
        for file in files.iter().filter(|f| self.part.wants(f)) {
            match *file {
                Output::Plan { .. } => {
                    self.plan_page(plan, &mut job, buf)?;
                    if home {
                        self.render_home(&plan.lang, Some((plan, &job.view)), &mut job.ctx, buf)?;
                    }
                }
                Output::Area { area, .. } => self.area_page(plan, area, &mut job, buf)?,
                Output::Card { area, .. } => {
                    let area = area.and_then(|i| job.view.areas.get(i));
                    let path = file.path(self.urls);
                    self.share_card(&job.view, area, &path, &mut job.card_ctx, buf)?;
                }
                Output::FollowUp { .. } => self.follow_up_page(plan, &cx, &job.ctx, buf)?,
                Output::Report { date, .. } => {
                    let table = table.get_or_insert_with(|| view::RollupTable::new(plan, cx.reports_at()));
                    let i = cx.reports.iter().position(|r| r.date == date).unwrap_or_default();
                    self.report_page(plan, &cx, table, i, buf)?;
                }
                Output::PlanJson { .. } => {
                    buf.page.clear();
                    opendata::plan_json(&mut buf.page, self.site, plan, &cx);
                    self.write(&file.path(self.urls), &buf.page)?;
                }
                Output::PlanCsv { .. } => {
                    buf.page.clear();
                    opendata::plan_csv(&mut buf.page, plan, cx.follow_up);
                    self.write(&file.path(self.urls), &buf.page)?;
                }
                Output::Attachment { source, .. } => self.copied(source, &file.path(self.urls))?,
                _ => {}
            }
        }
        Ok(())
    }

    fn plan_page(&self, plan: &'a Plan, job: &mut PlanJob, buf: &mut Buffers) -> Result<(), RenderError> {
        let lang = plan.lang.as_str();
        let title = self.title(lang, &[&plan.title]);
        let at = (lang, Page::Plan(plan.year));
        let mut page = self.page_view("plan", at, &at.1.rel(lang), title, &plan.description);
        page.share = Some(self.share(&job.view, None));
        job.ctx.insert("page", &page);
        let path = self.urls.file(lang, &at.1.rel(lang));
        self.render_page("plan.html", &job.ctx, &path, buf)
    }

    /// The page of `plan`'s `i`th area.
    fn area_page(&self, plan: &'a Plan, i: usize, job: &mut PlanJob, buf: &mut Buffers) -> Result<(), RenderError> {
        let (lang, area) = (plan.lang.as_str(), &job.view.areas[i]);
        let at = (lang, Page::Area(plan.year, &plan.areas[i].id));
        let rel = at.1.rel(lang);
        let title = self.title(lang, &[area.title, &plan.title]);
        let description = format!("{}: {}. {}", self.ui(lang, "focus_area"), area.title, plan.description);
        let mut page = self.page_view("area", at, &rel, title, &description);
        page.share = Some(self.share(&job.view, Some(area)));
        let ctx = &mut job.ctx;
        ctx.insert("page", &page);
        ctx.insert_value("area", job.areas[i].clone());
        let neighbour = |j: Option<usize>| j.and_then(|j| job.areas.get(j)).cloned().unwrap_or_else(Value::none);
        ctx.insert_value("previous", neighbour(i.checked_sub(1)));
        ctx.insert_value("next", neighbour(Some(i + 1)));
        self.render_page("area.html", ctx, &self.urls.file(lang, &rel), buf)
    }

    /// One file outside the plans' folders.
    pub(super) fn site_file(&self, file: &Output<'a>, buf: &mut Buffers) -> Result<(), RenderError> {
        match *file {
            Output::Home { lang, latest } => self.home_page(lang, latest, buf),
            Output::NotFound { lang, latest } => self.not_found_page(lang, latest, buf),
            Output::Accessibility { lang } => self.simple_page(lang, Page::Accessibility, buf),
            Output::Moved { lang, from, to } => self.moved_page(lang, from, to, buf),
            Output::Feed { lang } => {
                let listed = feed::entries(self.site, lang);
                // What each report says, of years that let it go, is read again.
                let mut held: Vec<(u16, Held)> = Vec::new();
                for (plan, _) in &listed {
                    if !held.iter().any(|(year, _)| *year == plan.year) {
                        held.push((plan.year, self.years.peek(plan.year)?));
                    }
                }
                let entries: Vec<(&Plan, &Report)> = (listed.iter())
                    .map(|&(plan, report)| {
                        let read = held.iter().find(|(year, _)| *year == plan.year);
                        let reports = read.map_or(&[][..], |(_, h)| h.reports());
                        (plan, reports.iter().find(|r| r.date == report.date).unwrap_or(report))
                    })
                    .collect();
                let strings = self.theme.strings.get(lang);
                let site_title = self.site_title(lang);
                let organisation = self.site.config.organisation.as_ref().map(|o| o.get(lang));
                let author = organisation.unwrap_or(site_title);
                let about = feed::About {
                    urls: self.urls,
                    lang,
                    site_title,
                    author,
                };
                self.streamed(&file.path(self.urls), &mut |out| {
                    feed::atom(out, about, strings, &entries)
                })
            }
            Output::Sitemap => self.streamed("sitemap.xml", &mut |out| {
                crawlers::sitemap(out, self.sitemap_pages(), self.urls, &self.site.config.default_language)
            }),
            Output::PlansIndex => self.streamed("plans.json", &mut |out| {
                opendata::plans_index(out, self.site, self.urls)
            }),
            Output::Robots => {
                let robots = crawlers::robots(&self.site.config.base_url, self.site.shows_drafts());
                self.write("robots.txt", robots.as_bytes())
            }
            Output::PreviewHeaders => self.write("_headers", crawlers::PREVIEW_HEADERS.as_bytes()),
            Output::Static { file: theme_file } => self.write(&file.path(self.urls), &theme_file.bytes),
            Output::Brand { name } => self.copied(&format!("content/{name}"), &file.path(self.urls)),
            Output::Root { source } => self.copied(source, &file.path(self.urls)),
            _ => Ok(()), // a plan's: made by the plan's job
        }
    }

    /// Is `page` in `lang` a draft's (a preview's page no sitemap lists)?
    fn is_draft(&self, lang: &str, page: Page) -> bool {
        let plan = page
            .year()
            .and_then(|y| self.site.year(y))
            .and_then(|y| y.plans.get(lang));
        plan.is_some_and(|p| p.draft)
    }

    /// Every page the sitemap lists, each in the languages it exists in
    /// (drafts' pages left out).
    fn sitemap_pages(&self) -> impl Iterator<Item = Vec<(&'a str, String)>> + '_ {
        let langs = self.site.config.languages.iter().map(|l| l.code.as_str());
        self.existing.listed().map(move |page| {
            (langs.clone())
                .filter(|l| self.existing.exists(l, page) && !self.is_draft(l, page))
                .map(|l| (l, page.rel(l)))
                .collect()
        })
    }

    /// Write `path` through `write`, piece by piece.
    fn streamed(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), RenderError> {
        self.sink.write_with(path, write)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Copy `source` (from the site root) to `path`.
    fn copied(&self, source: &str, path: &str) -> Result<(), RenderError> {
        self.sink.copy(source, path)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}
