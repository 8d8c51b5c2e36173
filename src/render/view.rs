//! What templates see: the model plus the URLs of every page, in the shapes
//! documented in `themes/README.md`.

use super::followup::{FollowUpView, Rollup, Strings, follow_up_view, rollup};
use super::layout::{BRAND_FOLDER, FEED, Page, accessibility_rel};
pub use super::rollups::{REPORT_WINDOW, RollupAt, RollupTable};
use super::rollups::{Reports, rollups_shown, window};
use super::urls::Urls;
use super::year_over_year::{ChangesView, changes_view};
use crate::changes::{ActionStatus, Changes};
use crate::model::{Plan, Report, SITE_LINK, Site};
use crate::theme::Theme;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The site, in one language (`site` in templates).
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    /// The site's address (for absolute URLs; links between pages are
    /// relative, and so are all the `url`s here).
    pub base_url: &'a str,
    /// Where the theme's static files are, ending in `/`.
    pub static_url: String,
    pub default_language: &'a str,
    /// Every language of the site, with the URL of its home page.
    pub languages: Vec<LangLink<'a>>,
    /// Every plan year, newest first, with the URL of its page in this language (if it has one).
    pub years: Vec<YearLink>,
    pub home_url: String,
    /// Who stands behind the site (`organisation:`), in this language.
    pub organisation: Option<&'a str>,
    /// The accessibility statement in this language.
    pub accessibility_url: String,
    /// The organisation's logo (`brand.logo`), if set.
    pub logo_url: Option<String>,
    /// CSS that sets the brand's accent colour in both schemes, if set.
    pub brand_css: Option<String>,
    /// The Atom feed of follow-up reports in this language, when there are reports.
    pub feed_url: Option<String>,
    /// This language's notice (e.g. that it is a translation), shown on every page.
    pub notice: Option<&'a str>,
    /// Does the site show drafts? Then it is a preview: every page says so
    /// and asks search engines not to index it.
    pub preview: bool,
    /// The theme's static files by their name in the theme (`style.css`) →
    /// their URL, with the content hash (`/static/style.3f2a1b4c5d.css`).
    pub assets: BTreeMap<&'a str, String>,
}

/// A plan and its focus areas, each with its URL (`latest` on the 404 page).
#[derive(Serialize)]
pub struct PlanLink<'a> {
    pub title: &'a str,
    pub url: String,
    pub areas: Vec<AreaLink<'a>>,
}

#[derive(Serialize)]
pub struct AreaLink<'a> {
    pub title: &'a str,
    pub url: String,
}

/// `plan` as a [`PlanLink`].
pub fn plan_link<'a>(plan: &'a Plan, urls: Urls) -> PlanLink<'a> {
    let lang = plan.lang.as_str();
    PlanLink {
        title: &plan.title,
        url: urls.path(lang, &Page::Plan(plan.year).rel(lang)),
        areas: (plan.areas.iter())
            .map(|a| AreaLink {
                title: &a.title,
                url: urls.path(lang, &Page::Area(plan.year, &a.id).rel(lang)),
            })
            .collect(),
    }
}

/// A language and the URL of a page in it.
#[derive(Serialize, Clone)]
pub struct LangLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// The language's locale for Open Graph (`sv_SE`), from the theme's UI strings.
    pub locale: &'a str,
    /// Link to the page (relative to the page it is on).
    pub url: String,
    /// Absolute URL, for `hreflang` alternates and sitemaps.
    pub abs: String,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: u16,
    pub title: String,
    pub url: String,
    pub draft: bool,
}

/// A plan with URLs (`plan` in templates).
#[derive(Serialize)]
pub struct PlanView<'a> {
    pub year: u16,
    pub lang: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub draft: bool,
    pub intro_html: &'a str,
    pub url: String,
    pub json_url: String,
    pub action_count: usize,
    pub areas: Vec<AreaView<'a>>,
    /// How the plan's actions stand.
    pub rollup: Rollup,
    /// The date of the latest report the page shows (`YYYY-MM-DD`), when
    /// there are dated reports: what the status strip is as of.
    pub as_of: Option<&'a str>,
    /// The roll-up at each dated report, oldest first (empty without
    /// reports; on a report's page, the last [`REPORT_WINDOW`] up to it).
    pub rollups: Cow<'a, [RollupAt]>,
    /// What changed since the previous plan, when there is one.
    pub changes: Option<ChangesView>,
    /// `plan.csv`: the plan as a spreadsheet.
    pub csv_url: String,
    /// The follow-up overview (actions by status and by who leads them),
    /// when the year has follow-up.
    pub follow_up_url: Option<String>,
    /// The year's dated follow-up reports, newest first.
    pub reports: Vec<ReportLink>,
}

/// A dated follow-up report and its page (each of `plan.reports`).
#[derive(Serialize, Clone)]
pub struct ReportLink {
    pub date: String,
    pub url: String,
}

/// A focus area with URLs (`area` in templates, and each of `plan.areas`).
#[derive(Serialize)]
pub struct AreaView<'a> {
    pub id: &'a str,
    /// 1-based position in the plan.
    pub number: usize,
    pub title: &'a str,
    pub title_html: &'a str,
    pub description_html: &'a str,
    pub url: String,
    pub actions: Vec<ActionView<'a>>,
    pub rollup: Rollup,
    /// The roll-up at each dated report, oldest first (empty without
    /// reports; on a report's page, the last [`REPORT_WINDOW`] up to it).
    pub rollups: Cow<'a, [RollupAt]>,
}

/// An action as templates see it (`action`, and each of `area.actions`);
/// `plan.json`'s shape is `opendata::ActionJson` (see there why they differ).
#[derive(Serialize)]
pub struct ActionView<'a> {
    pub n: usize,
    pub anchor: &'a str,
    pub text: &'a str,
    pub text_html: &'a str,
    pub details_html: &'a str,
    /// The action on its focus area's page.
    pub url: String,
    /// The action on the plan page.
    pub plan_url: String,
    pub follow_up: Option<FollowUpView<'a>>,
    /// Compared with the previous plan: `same`, `continued` or `new` (none without a previous plan).
    pub change: Option<&'static str>,
}

/// What a plan's view is made from, besides the plan itself.
pub struct PlanContext<'a> {
    pub urls: Urls<'a>,
    /// The theme's UI strings in the plan's language.
    pub strings: Option<&'a Strings>,
    /// The year's follow-up, by action anchor.
    pub follow_up: Option<&'a crate::model::FollowUps>,
    /// The previous plan in the same language.
    pub previous: Option<&'a Plan>,
    /// What changed since `previous`.
    pub changes: Option<Changes>,
    /// The year's dated follow-up reports, oldest first (on a report's
    /// page, those up to it).
    pub reports: &'a [Report],
    /// On a report's page: the year's roll-ups, made once (see [`REPORT_WINDOW`]).
    pub table: Option<&'a RollupTable>,
}

impl<'a> PlanContext<'a> {
    /// What the page's roll-ups are made from.
    pub fn reports_at(&self) -> Reports<'a> {
        Reports {
            urls: self.urls,
            strings: self.strings,
            reports: self.reports,
            table: self.table,
        }
    }
}

/// A language and a page in it.
pub fn lang_link<'a>(site: &'a Site, theme: &'a Theme, urls: Urls, code: &'a str, rel: &str) -> LangLink<'a> {
    LangLink {
        code,
        name: site.config.language(code).map_or(code, |l| l.name.as_str()),
        locale: theme
            .strings
            .get(code)
            .and_then(|t| t.get("locale"))
            .map_or(code, String::as_str),
        url: urls.path(code, rel),
        abs: urls.abs(code, rel),
    }
}

pub fn site_view<'a>(site: &'a Site, theme: &'a Theme, lang: &'a str, urls: Urls) -> SiteView<'a> {
    let config = &site.config;
    let static_url = format!("{SITE_LINK}static/");
    SiteView {
        title: config.language(lang).map_or("", |l| l.title.as_str()),
        base_url: &config.base_url,
        default_language: &config.default_language,
        languages: config
            .languages
            .iter()
            .map(|l| lang_link(site, theme, urls, &l.code, ""))
            .collect(),
        years: site
            .years
            .iter()
            .rev()
            .filter_map(|y| y.plans.get(lang).map(|p| (y, p)))
            .map(|(y, p)| YearLink {
                year: y.year,
                title: p.title.clone(),
                url: urls.path(lang, &format!("{}/", y.year)),
                draft: y.is_draft(),
            })
            .collect(),
        home_url: urls.path(lang, ""),
        organisation: config.organisation.as_ref().map(|o| o.get(lang)),
        accessibility_url: urls.path(lang, accessibility_rel(lang)),
        notice: config.language(lang).and_then(|l| l.notice.as_deref()),
        preview: site.shows_drafts(),
        logo_url: (config.brand.as_ref())
            .and_then(|b| b.logo.as_deref())
            .map(|logo| format!("{SITE_LINK}{BRAND_FOLDER}{logo}")),
        brand_css: config.brand.as_ref().and_then(brand_css),
        feed_url: super::feed::exists(site, lang).then(|| urls.path(lang, FEED)),
        assets: theme
            .asset_paths()
            .map(|(name, out)| (name, format!("{static_url}{out}")))
            .collect(),
        static_url,
    }
}

/// The accent colours as custom properties (links, bars, focus ring, header
/// rule), the dark one for the dark scheme.
fn brand_css(brand: &crate::model::Brand) -> Option<String> {
    let accent = brand.accent.as_deref()?;
    let mut css = format!(":root{{--hp-color-accent:{accent};--hp-color-accent-text:#ffffff}}");
    if let Some(dark) = brand.accent_dark.as_deref() {
        css.push_str(&format!(
            "@media screen and (prefers-color-scheme:dark){{:root{{--hp-color-accent:{dark};--hp-color-accent-text:#0b1220}}}}"
        ));
    }
    Some(css)
}

pub fn report_link(urls: Urls, lang: &str, year: u16, date: &str) -> ReportLink {
    ReportLink {
        date: date.to_string(),
        url: urls.path(lang, &Page::Report(year, date).rel(lang)),
    }
}

pub fn plan_view<'a>(plan: &'a Plan, cx: &PlanContext<'a>) -> PlanView<'a> {
    let lang = plan.lang.as_str();
    let urls = cx.urls;
    let plan_rel = format!("{}/", plan.year);
    let plan_url = urls.path(lang, &plan_rel);
    let areas: Vec<AreaView> = (0..plan.areas.len())
        .map(|i| area_view(plan, i, cx, &plan_url))
        .collect();
    let follow_up = |anchor: &str| cx.follow_up.and_then(|f| f.get(anchor)).map(|f| &**f);
    let all_follow_ups = plan
        .areas
        .iter()
        .flat_map(|a| &a.actions)
        .filter_map(|x| follow_up(&x.anchor));
    PlanView {
        year: plan.year,
        lang,
        title: &plan.title,
        description: &plan.description,
        draft: plan.draft,
        intro_html: &plan.intro_html,
        json_url: urls.path(lang, &format!("{plan_rel}plan.json")),
        csv_url: urls.path(lang, &format!("{plan_rel}plan.csv")),
        url: plan_url,
        action_count: plan.action_count(),
        rollup: rollup(plan.action_count(), all_follow_ups, cx.strings),
        as_of: cx.reports.last().map(|r| r.date.as_str()),
        rollups: rollups_shown(plan, None, cx.reports_at()),
        follow_up_url: cx
            .follow_up
            .is_some_and(|f| !f.is_empty())
            .then(|| urls.path(lang, &Page::FollowUp(plan.year).rel(lang))),
        reports: match cx.table {
            Some(_) => window(cx.reports, cx.reports.len()),
            None => cx.reports,
        }
        .iter()
        .rev()
        .map(|r| report_link(urls, lang, plan.year, &r.date))
        .collect(),
        changes: cx
            .changes
            .as_ref()
            .zip(cx.previous)
            .map(|(c, p)| changes_view(c, p, plan, urls)),
        areas,
    }
}

/// The `i`th focus area of `plan`, whose page is at `plan_url`.
fn area_view<'a>(plan: &'a Plan, i: usize, cx: &PlanContext<'a>, plan_url: &str) -> AreaView<'a> {
    let (a, lang, strings) = (&plan.areas[i], plan.lang.as_str(), cx.strings);
    let url = cx.urls.path(lang, &format!("{}/{}/", plan.year, a.id));
    let change = cx.changes.as_ref().map(|c| &c.areas[i]);
    let follow_up = |anchor: &str| cx.follow_up.and_then(|f| f.get(anchor)).map(|f| &**f);
    let window_of_history = cx.table.map(|_| REPORT_WINDOW);
    let actions = (a.actions.iter().enumerate())
        .map(|(j, x)| ActionView {
            n: x.n,
            anchor: &x.anchor,
            text: &x.text,
            text_html: x.text_html(),
            details_html: &x.details_html,
            url: format!("{url}#{}", x.anchor),
            plan_url: format!("{plan_url}#{}", x.anchor),
            follow_up: follow_up(&x.anchor).map(|f| follow_up_view(f, lang, strings, window_of_history)),
            change: change.map(|c| match c.actions[j].status {
                ActionStatus::Same => "same",
                ActionStatus::Continued => "continued",
                ActionStatus::New => "new",
            }),
        })
        .collect();
    AreaView {
        id: &a.id,
        number: i + 1,
        title: &a.title,
        title_html: a.title_html(),
        description_html: &a.description_html,
        rollup: rollup(
            a.actions.len(),
            a.actions.iter().filter_map(|x| follow_up(&x.anchor)),
            strings,
        ),
        rollups: rollups_shown(plan, Some(i), cx.reports_at()),
        actions,
        url,
    }
}
