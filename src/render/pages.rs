//! The pages of a site, one method each: what every page's context holds
//! (`page`, `plan`, `area` …, documented in `themes/README.md`).

use super::cards::ShareView;
use super::held::Held;
use super::layout::{self, Page};
use super::view::{self, LangLink};
use super::{Buffers, RenderError, Renderer};
use crate::model::Plan;
use serde::Serialize;
use tera::Context;

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
    pub(super) share: Option<ShareView>,
}

impl<'a> Renderer<'a> {
    /// `page` for `page` in `lang`, whose canonical URL is `canonical_rel`.
    pub(super) fn page_view(
        &self,
        kind: &'static str,
        (lang, page): (&'a str, Page),
        canonical_rel: &str,
        title: String,
        description: &str,
    ) -> PageView<'a> {
        let link = |code: &'a str, rel: &str| view::lang_link(self.site, self.theme, self.urls, code, rel);
        let languages = &self.site.config.languages;
        let rel = &page.rel(lang);
        PageView {
            kind,
            lang,
            title,
            description: description.to_string(),
            url: self.urls.path(lang, rel),
            canonical: self.urls.abs(lang, canonical_rel),
            alternates: languages
                .iter()
                .filter(|l| self.existing.exists(&l.code, page))
                .map(|l| link(&l.code, &page.rel(&l.code)))
                .collect(),
            translations: languages
                .iter()
                .filter(|l| l.code != lang)
                .map(|l| match self.existing.exists(&l.code, page) {
                    true => link(&l.code, &page.rel(&l.code)),
                    false => link(&l.code, ""),
                })
                .collect(),
            share: None,
        }
    }

    /// The home page of `lang`, showing `latest` (when its latest plan's
    /// job does not render it).
    pub(super) fn home_page(&self, lang: &'a str, latest: Option<&Plan>, buf: &mut Buffers) -> Result<(), RenderError> {
        let mut ctx = self.base_context(lang);
        let held = latest.map(|plan| self.years.peek(plan.year)).transpose()?;
        let view = latest
            .zip(held.as_ref())
            .map(|(plan, held)| view::plan_view(plan, &self.plan_context(plan, held)));
        if let Some(view) = &view {
            ctx.insert("plan", view);
        }
        self.render_home(lang, latest.zip(view.as_ref()), &mut ctx, buf)
    }

    /// Render `home.html` with `ctx`, which holds `plan` when there is a plan.
    pub(super) fn render_home(
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
            Some(p) => (self.title(lang, &[&p.title]), p.description.as_str()),
            None => (site_title.to_string(), site_title),
        };
        let mut page = self.page_view("home", (lang, Page::Home), &canonical, title, description);
        page.share = share;
        ctx.insert("page", &page);
        self.render_page("home.html", ctx, &self.urls.file(lang, ""), buf)
    }

    /// A page with no plan on it (404, accessibility), titled and
    /// described by two UI strings.
    pub(super) fn simple_page(&self, lang: &'a str, page: Page, buf: &mut Buffers) -> Result<(), RenderError> {
        self.simple_page_with(lang, page, None, buf)
    }

    /// [`Self::simple_page`], leading on to `latest` (the 404 page).
    fn simple_page_with(
        &self,
        lang: &'a str,
        page: Page,
        latest: Option<&view::PlanLink>,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let (kind, template, keys) = match page {
            Page::NotFound => (
                "not_found",
                layout::NOT_FOUND_TEMPLATE,
                ("not_found_title", "not_found_text"),
            ),
            _ => (
                "accessibility",
                "accessibility.html",
                ("accessibility_title", "a11y_intro"),
            ),
        };
        let mut ctx = self.base_context(lang);
        if let Some(latest) = latest {
            ctx.insert("latest", latest);
        }
        if page == Page::Accessibility {
            let (facts, strings) = (&self.site.config.accessibility, self.theme.strings.get(lang));
            let view = super::statement::statement_view(facts, lang, strings, self.theme.is_builtin());
            ctx.insert("statement", &view);
        }
        let title = self.title(lang, &[self.ui(lang, keys.0)]);
        let rel = page.rel(lang);
        ctx.insert(
            "page",
            &self.page_view(kind, (lang, page), &rel, title, self.ui(lang, keys.1)),
        );
        self.render_page(template, &ctx, &self.urls.file(lang, &rel), buf)
    }

    /// The 404 page of `lang`: a way on to `latest`, its latest plan, and
    /// that plan's focus areas.
    pub(super) fn not_found_page(
        &self,
        lang: &'a str,
        latest: Option<&Plan>,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let way_on = latest.map(|plan| view::plan_link(plan, self.urls));
        self.simple_page_with(lang, Page::NotFound, way_on.as_ref(), buf)
    }

    /// The page at `from` in `lang` that sends its reader on to the page
    /// `to`: no theme's, since no one reads it; not for search engines.
    pub(super) fn moved_page(&self, lang: &str, from: &str, to: Page, buf: &mut Buffers) -> Result<(), RenderError> {
        use std::io::Write;
        let (rel, path) = (to.rel(lang), self.urls.file(lang, from));
        let link = super::links::on_page(&self.urls.path(lang, &rel), &path, self.links);
        let abs = self.urls.abs(lang, &rel);
        let title = super::crawlers::xml_escape(self.ui(lang, "accessibility_title"));
        let (link, abs) = (super::crawlers::xml_escape(&link), super::crawlers::xml_escape(&abs));
        buf.page.clear();
        write!(
            buf.page,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{abs}\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={link}\">\n</head>\n<body>\n\
             <p><a href=\"{link}\">{title}</a></p>\n</body>\n</html>\n"
        )
        .expect("writing to memory cannot fail");
        self.write(&path, &buf.page)
    }

    /// What a plan's view needs besides the plan: follow-up and the previous plan.
    pub(super) fn plan_context<'b>(&'b self, plan: &Plan, held: &'b Held) -> view::PlanContext<'b> {
        let previous = layout::previous_plan(self.site, plan);
        view::PlanContext {
            urls: self.urls,
            strings: self.theme.strings.get(&plan.lang),
            follow_up: held.current(),
            previous,
            changes: previous.map(|p| crate::changes::compare(p, plan)),
            reports: held.reports(),
            table: None,
        }
    }

    /// A page's `<title>`: `parts` (most specific first) and who the site
    /// is by, in `lang` (see [`compose_title`]).
    pub(super) fn title(&self, lang: &str, parts: &[&str]) -> String {
        let by = self.site.config.organisation.as_ref().map(|o| o.get(lang));
        compose_title(parts, by.unwrap_or(self.site_title(lang)))
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
}

/// A page's title from `parts` (most specific first) and `by` (the
/// organisation, or the site's title): joined with " – ", `by` last unless
/// a part already names it, and no part that an earlier one holds
/// ("Handlingsplan 2026 – Handelskammaren", not "Handlingsplan 2026 –
/// Handelskammaren – handlingsplan").
pub fn compose_title(parts: &[&str], by: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let holds = |kept: &[&str], part: &str| {
        let part = part.to_lowercase();
        kept.iter().any(|k| k.to_lowercase().contains(&part))
    };
    for part in parts.iter().copied().chain([by]).map(str::trim) {
        if !part.is_empty() && !holds(&kept, part) {
            kept.push(part);
        }
    }
    kept.join(" – ")
}

#[cfg(test)]
mod tests {
    use super::compose_title;

    #[test]
    fn titles_do_not_repeat_themselves() {
        let cases: [(&[&str], &str, &str); 6] = [
            (
                &["Handlingsplan 2026"],
                "Handelskammaren",
                "Handlingsplan 2026 – Handelskammaren",
            ),
            (
                &["Skola", "Handlingsplan 2026"],
                "Handelskammaren",
                "Skola – Handlingsplan 2026 – Handelskammaren",
            ),
            (
                &["Handelskammarens handlingsplan 2026"],
                "Handelskammaren",
                "Handelskammarens handlingsplan 2026",
            ),
            (
                &["Handlingsplan 2026", "Handlingsplan 2026"],
                "Kommunen",
                "Handlingsplan 2026 – Kommunen",
            ),
            (&["Sidan finns inte"], "", "Sidan finns inte"),
            (&["", "Plan"], "Kommunen", "Plan – Kommunen"),
        ];
        for (parts, by, want) in cases {
            assert_eq!(compose_title(parts, by), want, "{parts:?}");
        }
    }
}
