//! The list of every file a build makes, and what is read from it: the
//! pages that exist (per language, for links between translations and for
//! the sitemap) and the paths two producers want.

use super::{Output, Page, has_card};
use crate::content::root_files;
use crate::diagnostics::Diagnostic;
use crate::model::{Plan, Site, YearPlans};
use crate::render::urls::Urls;
use crate::theme::{StaticFile, Theme};
use rustc_hash::FxHashSet;
use std::collections::{HashMap, HashSet};

/// Every file a build of `site` with `theme` makes: per language its home,
/// 404 and accessibility pages and its feed; per year the plan of the
/// default language first, each plan's files together; then the site's.
pub fn inventory<'a>(site: &'a Site, theme: &'a Theme) -> Vec<Output<'a>> {
    inventory_with(site, &theme.statics, &|_| true)
}

/// [`inventory`] with the files of only the plans `wanted` says yes to,
/// and every file of no plan: what a render of a few years goes through
/// (the files of 2,000 plans are 58,000 for a decade of reports).
pub fn inventory_of<'a>(site: &'a Site, theme: &'a Theme, wanted: &dyn Fn(&Plan) -> bool) -> Vec<Output<'a>> {
    inventory_with(site, &theme.statics, wanted)
}

/// [`inventory_of`], with the theme's static files `statics`.
fn inventory_with<'a>(site: &'a Site, statics: &'a [StaticFile], wanted: &dyn Fn(&Plan) -> bool) -> Vec<Output<'a>> {
    let mut out = Vec::new();
    for lang in site.config.languages.iter().map(|l| l.code.as_str()) {
        let latest = site.years.iter().rev().find_map(|y| y.plans.get(lang));
        out.extend([
            Output::Home { lang, latest },
            Output::NotFound { lang, latest },
            Output::Accessibility { lang },
        ]);
        if super::accessibility_rel(lang) != super::ACCESSIBILITY {
            let (from, to) = (super::ACCESSIBILITY, Page::Accessibility);
            out.push(Output::Moved { lang, from, to });
        }
        if site
            .years
            .iter()
            .any(|y| y.plans.contains_key(lang) && !y.reports.is_empty())
        {
            out.push(Output::Feed { lang });
        }
    }
    let cards = makes_cards(site);
    for year in &site.years {
        for plan in default_first(site, year).filter(|p| wanted(p)) {
            plan_outputs(cards, year, plan, &mut out);
        }
    }
    out.extend([Output::Sitemap, Output::PlansIndex]);
    // A `robots.txt` or `_headers` of the site's own stands in for the one
    // the site makes.
    let own = |name: &str| site.root_files.iter().any(|f| root_files::published_at(f) == name);
    if !own("robots.txt") {
        out.push(Output::Robots);
    }
    if site.shows_drafts() && !own("_headers") {
        out.push(Output::PreviewHeaders);
    }
    out.extend(statics.iter().map(|file| Output::Static { file }));
    if let Some(brand) = &site.config.brand {
        let share = brand.share_image.as_ref().map(|i| i.name.as_str());
        let share = share.filter(|s| brand.logo.as_deref() != Some(*s));
        out.extend(
            brand
                .logo
                .as_deref()
                .into_iter()
                .chain(share)
                .map(|name| Output::Brand { name }),
        );
    }
    out.extend(site.root_files.iter().map(|source| Output::Root { source }));
    out
}

/// The plans of `year`, the default language's first.
fn default_first<'a>(site: &'a Site, year: &'a YearPlans) -> impl Iterator<Item = &'a Plan> {
    let default = site.config.default_language.as_str();
    let others = year.plans.values().filter(move |p| p.lang != default);
    year.plans.get(default).into_iter().chain(others)
}

/// Does the site draw share cards (not one fixed `brand.share_image`)?
fn makes_cards(site: &Site) -> bool {
    site.config.brand.as_ref().is_none_or(|b| b.share_image.is_none())
}

/// The files made in the folder of `plan` (of `year`), its attachments last.
fn plan_outputs<'a>(cards: bool, year: &'a YearPlans, plan: &'a Plan, out: &mut Vec<Output<'a>>) {
    out.extend([
        Output::Plan { plan },
        Output::PlanJson { plan },
        Output::PlanCsv { plan },
    ]);
    out.extend((0..plan.areas.len()).map(|area| Output::Area { plan, area }));
    if cards {
        out.push(Output::Card { plan, area: None });
        let areas = (0..plan.areas.len()).filter(|i| has_card(i + 1));
        out.extend(areas.map(|i| Output::Card { plan, area: Some(i) }));
    }
    if year.has_follow_up() {
        out.push(Output::FollowUp { plan });
        out.extend(year.reports.iter().map(|r| Output::Report { plan, date: &r.date }));
    }
    out.extend(year.assets.iter().map(|source| Output::Attachment { plan, source }));
}

/// The paths of the pages of `year` (of `site`) in every language: what
/// tells whether a year read again has pages that came or went.
pub fn year_pages(site: &Site, year: &YearPlans) -> Vec<String> {
    let urls = Urls::new(&site.config);
    let mut outputs = Vec::new();
    for plan in default_first(site, year) {
        plan_outputs(false, year, plan, &mut outputs);
    }
    (outputs.iter())
        .filter(|o| o.page().is_some())
        .map(|o| o.path(urls))
        .collect()
}

/// The pages of an inventory, by language: which exist, and in what order
/// the sitemap lists them. A page asks whether it exists in the other
/// languages; a render of some years needs only their pages and those of no
/// year (the home pages), not the whole archive's.
pub struct PageSet<'a> {
    pages: FxHashSet<(&'a str, Page<'a>)>,
    /// Each page once, in the inventory's order.
    order: Vec<Page<'a>>,
}

impl<'a> PageSet<'a> {
    /// The pages of `outputs`; with `years` (sorted), only those of these
    /// years and those of no year.
    pub fn new(outputs: &[Output<'a>], years: Option<&[u16]>) -> Self {
        let asked = |page: &Page| match (years, page.year()) {
            (Some(years), Some(year)) => years.binary_search(&year).is_ok(),
            _ => true,
        };
        let pages = outputs.iter().filter_map(Output::page).filter(|(_, page)| asked(page));
        let mut set = FxHashSet::with_capacity_and_hasher(outputs.len(), Default::default());
        let mut seen = FxHashSet::with_capacity_and_hasher(outputs.len() / 2, Default::default());
        let mut order = Vec::new();
        for (lang, page) in pages {
            if seen.insert(page) {
                order.push(page);
            }
            set.insert((lang, page));
        }
        PageSet { pages: set, order }
    }

    /// Is there `page` in `lang`?
    pub fn exists(&self, lang: &str, page: Page) -> bool {
        self.pages.contains(&(lang, page))
    }

    /// Every page but the 404 pages, once, in the order of the inventory.
    pub fn listed(&self) -> impl Iterator<Item = Page<'a>> + '_ {
        self.order.iter().copied().filter(|p| *p != Page::NotFound)
    }
}

/// Attachments that would be written where the site makes another file of
/// the plan's folder (names compared without regard to case, as a
/// case-insensitive file system or web host compares them): an error at
/// each such attachment, naming what else makes that path. Only a year
/// with attachments is looked at; the files the site makes are unique by
/// construction (ids are lowercase words, never a file name).
pub fn clashes(site: &Site) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = site.years.iter().flat_map(|y| year_clashes(site, y)).collect();
    diags.extend(root_clashes(site));
    diags
}

/// Files of `static/` that would be written where the site writes a file
/// of its own, or a folder of its pages, or into the theme's folder: never
/// over a generated file (compared without regard to case, as some hosts
/// serve files).
fn root_clashes(site: &Site) -> Vec<Diagnostic> {
    if site.root_files.is_empty() {
        return Vec::new();
    }
    let urls = Urls::new(&site.config);
    let outputs = inventory_with(site, &[], &|_| true);
    let made: HashMap<String, &Output> = (outputs.iter())
        .filter(|o| !matches!(o, Output::Root { .. }))
        .map(|o| (o.path(urls).to_lowercase(), o))
        .collect();
    let folders: HashSet<&str> = made.keys().filter_map(|p| p.rsplit_once('/').map(|(f, _)| f)).collect();
    let mut diags = Vec::new();
    for source in &site.root_files {
        let path = root_files::published_at(source).to_lowercase();
        let what = match made.get(&path) {
            Some(other) => other.describe(),
            None if path.starts_with("static/") => "the theme's files (`static/`)".to_string(),
            None if folders.contains(path.as_str()) => format!("a folder of its pages (`{path}/`)"),
            None => continue,
        };
        let message = format!("`{source}` would be written where the site writes {what}");
        diags.push(Diagnostic::error("reserved-name", source.as_str(), message).with_hint(
            "a file of `static/` is published beside the site's own files, never over them: rename or move it",
        ));
    }
    diags
}

/// [`clashes`] in `year` (of `site`, whose settings decide the URLs).
pub fn year_clashes(site: &Site, year: &YearPlans) -> Vec<Diagnostic> {
    let urls = Urls::new(&site.config);
    let mut diags: Vec<Diagnostic> = Vec::new();
    if year.assets.is_empty() {
        return diags;
    }
    // The default language first: its path is the one the message names.
    for plan in default_first(site, year) {
        let mut outputs = Vec::new();
        plan_outputs(makes_cards(site), year, plan, &mut outputs);
        let made: HashMap<String, Output> = (outputs.iter())
            .filter(|o| !matches!(o, Output::Attachment { .. }))
            .map(|o| (o.path(urls).to_lowercase(), *o))
            .collect();
        for attachment in outputs.iter().filter(|o| matches!(o, Output::Attachment { .. })) {
            let path = attachment.path(urls);
            let (Some(other), Output::Attachment { source, .. }) = (made.get(&path.to_lowercase()), attachment) else {
                continue;
            };
            if diags.iter().any(|d| d.file == *source) {
                continue; // said once, for the first language
            }
            let message = format!(
                "`{source}` would be written where the site writes {} (`{path}`, in every language)",
                other.describe()
            );
            diags.push(
                Diagnostic::error("reserved-name", *source, message)
                    .with_hint("rename the attachment: that name (in any case) is the site's own"),
            );
        }
    }
    diags
}
