//! Every file a build makes, as one typed value: what kind of file it is,
//! where it goes, the template that makes it, the plan it is made from and
//! the years it depends on. [`inventory`] lists them all for a site; the
//! render jobs, the sitemap, "does this page exist in English?", "which
//! template made this page?", "which plan's text is on it?", "do two
//! things want one path?" and "what does a save make stale?" are answered
//! from it, never by reading a path back.

mod inventory;

pub use inventory::{PageSet, clashes, inventory, inventory_of, year_clashes, year_pages};

use super::urls::Urls;
use crate::model::{CARD_FILE, FOLLOW_UP_FOLDER, MAX_AREA_CARDS, Plan, REPORTS_FOLDER, Site};
use crate::theme::StaticFile;

/// Where the accessibility statement lived in every language, and still
/// lives where its language has no name for it of its own.
pub const ACCESSIBILITY: &str = "accessibility/";

/// Where the accessibility statement lives, relative to `lang`'s root: in
/// the language's own word where the tool knows it (DIGG's
/// `/tillganglighet/` in Swedish), else [`ACCESSIBILITY`].
pub fn accessibility_rel(lang: &str) -> &'static str {
    match lang {
        "sv" => "tillganglighet/",
        "da" => "tilgaengelighed/",
        "nb" | "nn" | "no" => "tilgjengelighet/",
        "fi" => "saavutettavuus/",
        "de" => "barrierefreiheit/",
        _ => ACCESSIBILITY,
    }
}

/// The folder of the logo and the share image, from the site root.
pub const BRAND_FOLDER: &str = "brand/";

/// Where a language's feed is, relative to its root.
pub const FEED: &str = "feed.xml";

/// The template of the 404 pages, which are shown at any path.
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The template share cards are drawn from.
pub const CARD_TEMPLATE: &str = crate::theme::CARD_TEMPLATE;

/// One file of the output.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// A language's home page: its latest plan, if it has one.
    Home {
        lang: &'a str,
        latest: Option<&'a Plan>,
    },
    /// A language's page for a path that does not exist, leading on to
    /// `latest`, its latest plan, if it has one.
    NotFound {
        lang: &'a str,
        latest: Option<&'a Plan>,
    },
    /// A language's accessibility statement.
    Accessibility {
        lang: &'a str,
    },
    /// A page that moved: at `from` (relative to `lang`'s root), a page
    /// that sends its reader on to `to`, so that old links keep working.
    Moved {
        lang: &'a str,
        from: &'static str,
        to: Page<'a>,
    },
    /// The whole plan.
    Plan {
        plan: &'a Plan,
    },
    /// The page of the plan's `area`th focus area (0-based).
    Area {
        plan: &'a Plan,
        area: usize,
    },
    /// The share card of the plan's page, or of an area's page.
    Card {
        plan: &'a Plan,
        area: Option<usize>,
    },
    /// The year's follow-up by status and by who leads it.
    FollowUp {
        plan: &'a Plan,
    },
    /// The page of one dated report.
    Report {
        plan: &'a Plan,
        date: &'a str,
    },
    PlanJson {
        plan: &'a Plan,
    },
    PlanCsv {
        plan: &'a Plan,
    },
    /// A file of the year folder (`content/2022/rapport.pdf`), beside the plan's pages.
    Attachment {
        plan: &'a Plan,
        source: &'a str,
    },
    /// A language's Atom feed of reports.
    Feed {
        lang: &'a str,
    },
    Sitemap,
    PlansIndex,
    Robots,
    /// In a preview (drafts shown), `_headers` asking search engines not to
    /// index anything (`X-Robots-Tag`), for hosts that read it.
    PreviewHeaders,
    /// A file of the theme's `static/` folder.
    Static {
        file: &'a StaticFile,
    },
    /// The logo or the share image of `brand:`, by its name in `content/`.
    Brand {
        name: &'a str,
    },
    /// A file of `static/` beside `content/` (its path from the site's
    /// root, `static/CNAME`), published at the site root as it is.
    Root {
        source: &'a str,
    },
}

/// An HTML page by what it shows, the same in every language it exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page<'a> {
    Home,
    NotFound,
    Accessibility,
    Plan(u16),
    /// A focus area of the year's plan, by its id.
    Area(u16, &'a str),
    FollowUp(u16),
    /// A dated report of the year, by its date.
    Report(u16, &'a str),
}

impl Page<'_> {
    /// The year of the plan it shows, for the pages of a year.
    pub fn year(&self) -> Option<u16> {
        match *self {
            Page::Plan(year) | Page::Area(year, _) | Page::FollowUp(year) | Page::Report(year, _) => Some(year),
            Page::Home | Page::NotFound | Page::Accessibility => None,
        }
    }

    /// Its path relative to the root of `lang` (`""`, `2022/skola/`).
    pub fn rel(&self, lang: &str) -> String {
        match *self {
            Page::Home => String::new(),
            Page::NotFound => "404.html".into(),
            Page::Accessibility => accessibility_rel(lang).into(),
            Page::Plan(year) => format!("{year}/"),
            Page::Area(year, id) => format!("{year}/{id}/"),
            Page::FollowUp(year) => format!("{year}/{FOLLOW_UP_FOLDER}"),
            Page::Report(year, date) => format!("{year}/{REPORTS_FOLDER}{date}/"),
        }
    }
}

/// What a file is made from besides the settings and the theme (a change
/// to either makes every file again): what makes it stale in `serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    /// Nothing else: the 404 pages, the theme's files.
    Settings,
    /// A plan's year folder and that of the plan before it in its language
    /// (its pages say what changed since).
    Years { year: u16, previous: Option<u16> },
    /// Which pages and reports every year has (the sitemap, the index).
    Listing,
    /// What every year's reports say (the feeds sum each report up).
    Reports,
}

impl<'a> Output<'a> {
    /// Where it is written, relative to the output folder.
    pub fn path(&self, urls: Urls) -> String {
        let in_plan = |p: &Plan, name: &str| urls.file(&p.lang, &format!("{}/{name}", p.year));
        match *self {
            Output::Card { plan, area } => {
                let area = area.map(|i| plan.areas[i].id.as_str());
                urls.file(&plan.lang, &card_rel(plan.year, area))
            }
            Output::PlanJson { plan } => in_plan(plan, "plan.json"),
            Output::PlanCsv { plan } => in_plan(plan, "plan.csv"),
            Output::Attachment { plan, source } => {
                let name = source
                    .strip_prefix(&format!("content/{}/", plan.year))
                    .unwrap_or(source);
                in_plan(plan, name)
            }
            Output::Feed { lang } => urls.file(lang, FEED),
            Output::Sitemap => "sitemap.xml".into(),
            Output::PlansIndex => "plans.json".into(),
            Output::Robots => "robots.txt".into(),
            Output::PreviewHeaders => "_headers".into(),
            Output::Static { file } => format!("static/{}", file.out_path),
            Output::Brand { name } => format!("{BRAND_FOLDER}{name}"),
            Output::Moved { lang, from, .. } => urls.file(lang, from),
            Output::Root { source } => crate::content::root_files::published_at(source).to_string(),
            // The rest are the pages.
            _ => (self.page()).map_or_else(String::new, |(lang, page)| urls.file(lang, &page.rel(lang))),
        }
    }

    /// The HTML page it is, and its language.
    pub fn page(&self) -> Option<(&'a str, Page<'a>)> {
        Some(match *self {
            Output::Home { lang, .. } => (lang, Page::Home),
            Output::NotFound { lang, .. } => (lang, Page::NotFound),
            Output::Accessibility { lang } => (lang, Page::Accessibility),
            Output::Plan { plan } => (&plan.lang, Page::Plan(plan.year)),
            Output::Area { plan, area } => (&plan.lang, Page::Area(plan.year, &plan.areas[area].id)),
            Output::FollowUp { plan } => (&plan.lang, Page::FollowUp(plan.year)),
            Output::Report { plan, date } => (&plan.lang, Page::Report(plan.year, date)),
            _ => return None,
        })
    }

    /// The theme's template that makes it, for the pages and the cards.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Output::Home { .. } => "home.html",
            Output::NotFound { .. } => NOT_FOUND_TEMPLATE,
            Output::Accessibility { .. } => "accessibility.html",
            Output::Plan { .. } => "plan.html",
            Output::Area { .. } => "area.html",
            Output::FollowUp { .. } => "follow_up.html",
            Output::Report { .. } => "report.html",
            Output::Card { .. } => CARD_TEMPLATE,
            _ => return None,
        })
    }

    /// The plan whose folder it is in: the files a plan's render job makes.
    pub fn in_plan(&self) -> Option<&'a Plan> {
        match *self {
            Output::Plan { plan }
            | Output::Area { plan, .. }
            | Output::Card { plan, .. }
            | Output::FollowUp { plan }
            | Output::Report { plan, .. }
            | Output::PlanJson { plan }
            | Output::PlanCsv { plan }
            | Output::Attachment { plan, .. } => Some(plan),
            _ => None,
        }
    }

    /// The plan whose text (its Markdown, its year's follow-up notes) the
    /// file shows, if any.
    pub fn plan(&self) -> Option<&'a Plan> {
        match *self {
            Output::Home { latest, .. } | Output::NotFound { latest, .. } => latest,
            _ => self.in_plan(),
        }
    }

    /// What it is made from, in `site`.
    pub fn inputs(&self, site: &Site) -> Inputs {
        match (self.plan(), self) {
            (Some(plan), _) => Inputs::Years {
                year: plan.year,
                previous: previous_plan(site, plan).map(|p| p.year),
            },
            // Which plans are drafts decides what crawlers are told.
            (
                None,
                Output::Home { .. } | Output::Sitemap | Output::PlansIndex | Output::Robots | Output::PreviewHeaders,
            ) => Inputs::Listing,
            (None, Output::Feed { .. }) => Inputs::Reports,
            (None, _) => Inputs::Settings,
        }
    }

    /// What makes it, for a message naming two producers of one path.
    pub fn describe(&self) -> String {
        match self {
            Output::Attachment { source, .. } => format!("the attachment `{source}`"),
            Output::Static { file } => format!("the theme's static file `{}`", file.out_path),
            Output::Brand { name } => format!("`brand:`'s `content/{name}`"),
            Output::Card { area: None, .. } => "the plan's share card".into(),
            Output::Card { area: Some(_), .. } => "an area's share card".into(),
            Output::Moved { from, .. } => format!("the page that sends readers on from `{from}`"),
            Output::Robots => "its `robots.txt`".into(),
            Output::PreviewHeaders => "a preview's `_headers`".into(),
            Output::Sitemap => "its `sitemap.xml`".into(),
            Output::PlansIndex => "its index of plans (`plans.json`)".into(),
            Output::Root { source } => format!("`{source}`"),
            Output::Area { plan, area } => format!("the page of the focus area `{}`", plan.areas[*area].id),
            other => match other.template() {
                Some(template) => format!("the page `{template}` makes"),
                None => "a data file the site makes".into(),
            },
        }
    }
}

/// The plan before `plan` in its language, whose changes its pages show.
pub fn previous_plan<'s>(site: &'s Site, plan: &Plan) -> Option<&'s Plan> {
    let index = site.years.partition_point(|y| y.year < plan.year);
    site.years[..index].iter().rev().find_map(|y| y.plans.get(&plan.lang))
}

/// The share card of the `year` plan's page, or of the page of its area
/// `area` (by id), relative to its language's root.
pub fn card_rel(year: u16, area: Option<&str>) -> String {
    match area {
        Some(id) => format!("{year}/{id}/{CARD_FILE}"),
        None => format!("{year}/{CARD_FILE}"),
    }
}

/// Does the page of the `number`th focus area (1-based) get a share card
/// of its own ([`MAX_AREA_CARDS`])? The pages of later ones show the plan's.
pub fn has_card(number: usize) -> bool {
    number <= MAX_AREA_CARDS
}

#[cfg(test)]
mod tests;
