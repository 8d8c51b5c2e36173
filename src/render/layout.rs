//! Every file a build makes, as one typed value: what kind of file it is,
//! where it goes, the template that makes it and the plan it is made from.
//! [`inventory`] lists them all for a site; the questions "does this page
//! exist?", "which template made this page?", "which plan's text is on
//! it?" and "do two things want one path?" are answered from it, never by
//! reading a path back.

use super::urls::Urls;
use super::view::{ACCESSIBILITY, BRAND_FOLDER, FOLLOW_UP_PAGE, report_rel};
use crate::diagnostics::Diagnostic;
use crate::model::{CARD_FILE, MAX_AREA_CARDS, Plan, Site, YearPlans};
use crate::theme::Theme;
use std::collections::HashMap;

/// One file of the output.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// A language's home page: its latest plan, if it has one.
    Home {
        lang: &'a str,
        latest: Option<&'a Plan>,
    },
    /// A language's page for a path that does not exist.
    NotFound {
        lang: &'a str,
    },
    /// A language's accessibility statement.
    Accessibility {
        lang: &'a str,
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
    /// A file of the theme's `static/` folder, by its output name.
    Static {
        name: &'a str,
    },
    /// The logo or the share image of `brand:`, by its name in `content/`.
    Brand {
        name: &'a str,
    },
}

impl<'a> Output<'a> {
    /// Where it is written, relative to the output folder.
    pub fn path(&self, urls: Urls) -> String {
        let plan_rel = |p: &Plan| format!("{}/", p.year);
        let area_rel = |p: &Plan, i: usize| format!("{}/{}/", p.year, p.areas[i].id);
        match *self {
            Output::Home { lang, .. } => urls.file(lang, ""),
            Output::NotFound { lang } => urls.file(lang, "404.html"),
            Output::Accessibility { lang } => urls.file(lang, ACCESSIBILITY),
            Output::Plan { plan } => urls.file(&plan.lang, &plan_rel(plan)),
            Output::Area { plan, area } => urls.file(&plan.lang, &area_rel(plan, area)),
            Output::Card { plan, area } => {
                let page = area.map_or_else(|| plan_rel(plan), |i| area_rel(plan, i));
                urls.file(&plan.lang, &format!("{page}{CARD_FILE}"))
            }
            Output::FollowUp { plan } => urls.file(&plan.lang, &format!("{}{FOLLOW_UP_PAGE}", plan_rel(plan))),
            Output::Report { plan, date } => urls.file(&plan.lang, &report_rel(plan.year, date)),
            Output::PlanJson { plan } => urls.file(&plan.lang, &format!("{}plan.json", plan_rel(plan))),
            Output::PlanCsv { plan } => urls.file(&plan.lang, &format!("{}plan.csv", plan_rel(plan))),
            Output::Attachment { plan, source } => {
                let name = source
                    .strip_prefix(&format!("content/{}/", plan.year))
                    .unwrap_or(source);
                urls.file(&plan.lang, &format!("{}{name}", plan_rel(plan)))
            }
            Output::Feed { lang } => urls.file(lang, super::feed::FEED),
            Output::Sitemap => "sitemap.xml".into(),
            Output::PlansIndex => "plans.json".into(),
            Output::Robots => "robots.txt".into(),
            Output::Static { name } => format!("static/{name}"),
            Output::Brand { name } => format!("{BRAND_FOLDER}{name}"),
        }
    }

    /// The theme's template that makes it, for the pages and the cards.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Output::Home { .. } => "home.html",
            Output::NotFound { .. } => "404.html",
            Output::Accessibility { .. } => "accessibility.html",
            Output::Plan { .. } => "plan.html",
            Output::Area { .. } => "area.html",
            Output::FollowUp { .. } => "follow_up.html",
            Output::Report { .. } => "report.html",
            Output::Card { .. } => super::CARD_TEMPLATE,
            _ => return None,
        })
    }

    /// The plan whose text (its Markdown, its year's follow-up notes) the
    /// file shows, if any.
    pub fn plan(&self) -> Option<&'a Plan> {
        match *self {
            Output::Home { latest, .. } => latest,
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

    /// What makes it, for a message naming two producers of one path.
    pub fn describe(&self) -> String {
        match self {
            Output::Attachment { source, .. } => format!("the attachment `{source}`"),
            Output::Static { name } => format!("the theme's static file `{name}`"),
            Output::Brand { name } => format!("`brand:`'s `content/{name}`"),
            Output::Card { area: None, .. } => "the plan's share card".into(),
            Output::Card { area: Some(_), .. } => "an area's share card".into(),
            Output::Area { plan, area } => format!("the page of the focus area `{}`", plan.areas[*area].id),
            other => match other.template() {
                Some(template) => format!("the page `{template}` makes"),
                None => "a data file the site makes".into(),
            },
        }
    }
}

/// Every file a build of `site` with `theme` makes, in the order the
/// languages, years and plans come in.
pub fn inventory<'a>(site: &'a Site, theme: &'a Theme) -> Vec<Output<'a>> {
    let mut out = Vec::new();
    for lang in site.config.languages.iter().map(|l| l.code.as_str()) {
        let latest = site.years.iter().rev().find_map(|y| y.plans.get(lang));
        out.extend([
            Output::Home { lang, latest },
            Output::NotFound { lang },
            Output::Accessibility { lang },
        ]);
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
        for plan in year.plans.values() {
            plan_outputs(cards, year, plan, &mut out);
        }
    }
    out.extend([Output::Sitemap, Output::PlansIndex, Output::Robots]);
    out.extend(theme.statics.iter().map(|f| Output::Static { name: &f.out_path }));
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
    out
}

/// Does the page of the `number`th focus area (1-based) get a share card
/// of its own ([`MAX_AREA_CARDS`])? The pages of later ones show the plan's.
pub fn has_card(number: usize) -> bool {
    number <= MAX_AREA_CARDS
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
    if !year.follow_up.is_empty() {
        out.push(Output::FollowUp { plan });
        out.extend(year.reports.iter().map(|r| Output::Report { plan, date: &r.date }));
    }
    out.extend(year.assets.iter().map(|source| Output::Attachment { plan, source }));
}

/// Attachments that would be written where the site makes another file of
/// the plan's folder (names compared without regard to case, as a
/// case-insensitive file system or web host compares them): an error at
/// each such attachment, naming what else makes that path. Only a year
/// with attachments is looked at; the files the site makes are unique by
/// construction (ids are lowercase words, never a file name).
pub fn clashes(site: &Site) -> Vec<Diagnostic> {
    site.years.iter().flat_map(|y| year_clashes(site, y)).collect()
}

/// [`clashes`] in `year` (of `site`, whose settings decide the URLs).
pub fn year_clashes(site: &Site, year: &YearPlans) -> Vec<Diagnostic> {
    let urls = Urls::new(&site.config);
    let mut diags: Vec<Diagnostic> = Vec::new();
    if year.assets.is_empty() {
        return diags;
    }
    // The default language first: its path is the one the message names.
    let mut plans: Vec<&Plan> = year.plans.values().collect();
    plans.sort_by_key(|p| p.lang != site.config.default_language);
    for plan in plans {
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
