//! The pages of a site, one method each: what every page's context holds
//! (`page`, `plan`, `area` …, documented in `themes/README.md`).

use super::cards::ShareView;
use super::view::{self, LangLink};
use super::{Buffers, RenderError, Renderer, crawlers, feed, opendata};
use crate::model::Plan;
use serde::Serialize;
use std::sync::atomic::Ordering;
use tera::{Context, Value};

/// `page` in templates.
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    kind: &'static str,
    lang: &'a str,
    /// The page's title, for `<title>` and link previews.
    title: String,
    /// One or two sentences, for the meta description and link previews.
    description: String,
    url: String,
    canonical: String,
    /// This page in every language it exists in (this one included).
    alternates: Vec<LangLink<'a>>,
    /// The other languages, each linking to this page in it (or to its home page).
    translations: Vec<LangLink<'a>>,
    /// The image link previews show (plan, area and home pages).
    share: Option<ShareView>,
}

impl<'a> Renderer<'a> {
    /// Does the page `rel` exist in language `lang`?
    pub(super) fn exists(&self, lang: &str, rel: &str) -> bool {
        let mut parts = rel.split('/').filter(|p| !p.is_empty());
        let (Some(year), area) = (parts.next(), parts.next()) else {
            return true;
        };
        if year == "404.html" || rel == view::ACCESSIBILITY {
            return true;
        }
        let plan = year
            .parse()
            .ok()
            .and_then(|y| self.site.year(y))
            .and_then(|y| y.plans.get(lang));
        let year = |p: &Plan| self.site.year(p.year);
        match (plan, area) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(p), Some("follow-up")) => year(p).is_some_and(|y| !y.follow_up.is_empty()),
            (Some(p), Some("reports")) => {
                let date = parts.next().unwrap_or_default();
                year(p).is_some_and(|y| y.reports.iter().any(|r| r.date == date))
            }
            (Some(p), Some(id)) => self.area_pages.contains(&(p.lang.as_str(), p.year, id)),
        }
    }

    /// `page` for the page `rel` in `lang`, whose canonical URL is `canonical_rel`.
    pub(super) fn page_view(
        &self,
        kind: &'static str,
        lang: &'a str,
        rel: &str,
        canonical_rel: &str,
        title: String,
        description: &str,
    ) -> PageView<'a> {
        let link = |code: &'a str, rel: &str| view::lang_link(self.site, self.theme, self.urls, code, rel);
        let languages = &self.site.config.languages;
        PageView {
            kind,
            lang,
            title,
            description: description.to_string(),
            url: self.urls.path(lang, rel),
            canonical: self.urls.abs(lang, canonical_rel),
            alternates: languages
                .iter()
                .filter(|l| self.exists(&l.code, rel))
                .map(|l| link(&l.code, rel))
                .collect(),
            translations: languages
                .iter()
                .filter(|l| l.code != lang)
                .map(|l| link(&l.code, if self.exists(&l.code, rel) { rel } else { "" }))
                .collect(),
            share: None,
        }
    }

    /// The home page of `lang` (when its latest plan's job does not render it).
    pub(super) fn home_page(&self, lang: &'a str, buf: &mut Buffers) -> Result<(), RenderError> {
        let latest = self.site.years.iter().rev().find_map(|y| y.plans.get(lang));
        let mut ctx = self.base_context(lang);
        let view = latest.map(|plan| view::plan_view(plan, &self.plan_context(plan)));
        if let Some(view) = &view {
            ctx.insert("plan", view);
        }
        self.render_home(lang, latest.zip(view.as_ref()), &mut ctx, buf)
    }

    /// Render `home.html` with `ctx`, which holds `plan` when there is a plan.
    fn render_home(
        &self,
        lang: &'a str,
        latest: Option<(&Plan, &view::PlanView)>,
        ctx: &mut Context,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let share = latest.map(|(_, view)| self.share(view, None));
        let latest = latest.map(|(plan, _)| plan);
        let canonical = latest.map(|p| format!("{}/", p.year)).unwrap_or_default();
        let site_title = self.site_title(lang);
        let (title, description) = match latest {
            Some(p) => (format!("{} – {site_title}", p.title), p.description.as_str()),
            None => (site_title.to_string(), site_title),
        };
        let mut page = self.page_view("home", lang, "", &canonical, title, description);
        page.share = share;
        ctx.insert("page", &page);
        self.render_page("home.html", ctx, &self.urls.file(lang, ""), buf)
    }

    pub(super) fn not_found_page(&self, lang: &'a str, buf: &mut Buffers) -> Result<(), RenderError> {
        self.simple_page(
            "not_found",
            "404.html",
            "404.html",
            ("not_found_title", "not_found_text"),
            lang,
            buf,
        )
    }

    pub(super) fn accessibility_page(&self, lang: &'a str, buf: &mut Buffers) -> Result<(), RenderError> {
        let rel = view::ACCESSIBILITY;
        self.simple_page(
            "accessibility",
            "accessibility.html",
            rel,
            ("accessibility_title", "a11y_intro"),
            lang,
            buf,
        )
    }

    /// A page with no plan on it, titled and described by two UI strings.
    fn simple_page(
        &self,
        kind: &'static str,
        template: &str,
        rel: &str,
        keys: (&str, &str),
        lang: &'a str,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let mut ctx = self.base_context(lang);
        let title = format!("{} – {}", self.ui(lang, keys.0), self.site_title(lang));
        ctx.insert(
            "page",
            &self.page_view(kind, lang, rel, rel, title, self.ui(lang, keys.1)),
        );
        self.render_page(template, &ctx, &self.urls.file(lang, rel), buf)
    }

    /// What a plan's view needs besides the plan: follow-up and the previous plan.
    pub(super) fn plan_context(&self, plan: &Plan) -> view::PlanContext<'a> {
        let years = &self.site.years;
        let index = years.partition_point(|y| y.year < plan.year);
        let previous = years[..index].iter().rev().find_map(|y| y.plans.get(&plan.lang));
        let year = self.site.year(plan.year);
        view::PlanContext {
            urls: self.urls,
            strings: self.theme.strings.get(&plan.lang),
            follow_up: year.map(|y| &y.follow_up),
            previous,
            changes: previous.map(|p| crate::changes::compare(p, plan)),
            reports: year.map_or(&[], |y| y.reports.as_slice()),
            table: None,
        }
    }

    pub(super) fn site_title(&self, lang: &str) -> &'a str {
        self.site.config.language(lang).map_or("", |l| l.title.as_str())
    }

    /// A UI string of the theme (empty if missing: the theme loader reports that).
    pub(super) fn ui(&self, lang: &str, key: &str) -> &'a str {
        self.theme
            .strings
            .get(lang)
            .and_then(|s| s.get(key))
            .map_or("", String::as_str)
    }

    /// Every file of one plan, and the home page of its language when `home`.
    pub(super) fn plan_pages(&self, plan: &'a Plan, home: bool, buf: &mut Buffers) -> Result<(), RenderError> {
        let lang = plan.lang.as_str();
        let rel = format!("{}/", plan.year);
        let cx = self.plan_context(plan);
        let plan_view = view::plan_view(plan, &cx);
        // Converted to a template value once; each area page shares its parts.
        let plan_value = Value::from_serializable(&plan_view);
        let areas: Vec<Value> = plan_value
            .get_from_path("areas")
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        let mut ctx = self.base_context(lang);
        ctx.insert_value("plan", plan_value);
        let site_title = self.site_title(lang);
        let title = format!("{} – {site_title}", plan.title);
        let mut page = self.page_view("plan", lang, &rel, &rel, title, &plan.description);
        page.share = Some(self.share(&plan_view, None));
        ctx.insert("page", &page);
        self.render_page("plan.html", &ctx, &self.urls.file(lang, &rel), buf)?;
        // Made when a card is drawn: a rebuild finds its cards without one.
        let mut card_ctx = None;
        self.share_card(&plan_view, None, &mut card_ctx, buf)?;
        self.follow_up_pages(plan, &cx, &ctx, buf)?;
        if home {
            self.render_home(lang, Some((plan, &plan_view)), &mut ctx, buf)?;
        }
        for (i, area) in plan_view.areas.iter().enumerate() {
            let area_rel = format!("{rel}{}/", area.id);
            let title = format!("{} – {} – {site_title}", area.title, plan.title);
            let description = format!("{}: {}. {}", self.ui(lang, "focus_area"), area.title, plan.description);
            let mut page = self.page_view("area", lang, &area_rel, &area_rel, title, &description);
            page.share = Some(self.share(&plan_view, Some(area)));
            ctx.insert("page", &page);
            ctx.insert_value("area", areas[i].clone());
            let neighbour = |j: Option<usize>| j.and_then(|j| areas.get(j)).cloned().unwrap_or_else(Value::none);
            ctx.insert_value("previous", neighbour(i.checked_sub(1)));
            ctx.insert_value("next", neighbour(Some(i + 1)));
            self.render_page("area.html", &ctx, &self.urls.file(lang, &area_rel), buf)?;
            self.share_card(&plan_view, Some(area), &mut card_ctx, buf)?;
        }
        buf.page.clear();
        opendata::plan_json(&mut buf.page, self.site, plan, &cx);
        self.write(&self.urls.file(lang, &format!("{rel}plan.json")), &buf.page)?;
        buf.page.clear();
        opendata::plan_csv(&mut buf.page, plan, cx.follow_up);
        self.write(&self.urls.file(lang, &format!("{rel}plan.csv")), &buf.page)?;
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

    pub(super) fn static_files(&self) -> Result<(), RenderError> {
        for file in &self.theme.statics {
            self.write(&format!("static/{}", file.out_path), &file.bytes)?;
        }
        let brand = self.site.config.brand.as_ref();
        let images = brand.into_iter().flat_map(|b| {
            let share = b.share_image.as_ref().map(|i| i.name.as_str());
            // One file may be both: it is copied once.
            let share = share.filter(|s| b.logo.as_deref() != Some(*s));
            b.logo.as_deref().into_iter().chain(share)
        });
        for image in images {
            self.sink
                .copy(&format!("content/{image}"), &format!("{}{image}", view::BRAND_FOLDER))?;
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    pub(super) fn index_files(&self) -> Result<(), RenderError> {
        let default = self.site.config.default_language.as_str();
        let langs: Vec<&str> = self.site.config.languages.iter().map(|l| l.code.as_str()).collect();
        let pages = || {
            let fixed = [String::new(), view::ACCESSIBILITY.to_string()];
            let rels = fixed.into_iter().chain(self.site.years.iter().flat_map(|y| {
                let areas = y
                    .plans
                    .get(default)
                    .or_else(|| y.plans.values().next())
                    .into_iter()
                    .flat_map(|p| &p.areas);
                let follow_up = (!y.follow_up.is_empty()).then(|| format!("{}/{}", y.year, view::FOLLOW_UP_PAGE));
                let reports = y.reports.iter().map(move |r| view::report_rel(y.year, &r.date));
                std::iter::once(format!("{}/", y.year))
                    .chain(areas.map(move |a| format!("{}/{}/", y.year, a.id)))
                    .chain(follow_up)
                    .chain(reports)
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
            crawlers::sitemap(out, pages(), self.urls, default)
        })?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.write_with("plans.json", &mut |out| {
            opendata::plans_index(out, self.site, self.urls)
        })?;
        self.files.fetch_add(1, Ordering::Relaxed);
        for lang in &langs {
            let entries = feed::entries(self.site, lang);
            if entries.is_empty() {
                continue;
            }
            let strings = self.theme.strings.get(*lang);
            let about = (self.urls, *lang, self.site_title(lang));
            self.sink.write_with(&self.urls.file(lang, feed::FEED), &mut |out| {
                feed::atom(out, about, strings, &entries)
            })?;
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        self.write("robots.txt", crawlers::robots(&self.site.config.base_url).as_bytes())
    }
}
