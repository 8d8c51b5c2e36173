//! Every internal link and anchor of the rendered site must resolve, as a
//! browser resolves it ([`resolve`]): `check`'s reading of every page. A broken link written in a plan's
//! Markdown or in a follow-up note is reported where it was written; one
//! made by the theme, at the page.

use super::reading::SiteReading;
use super::resolve::{self, Target};
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{Plan, Site, SourceLink};
use crate::render::layout::{self, Output};
use crate::render::links::{self, LinkStyle};
use crate::theme::Theme;
use std::collections::{HashMap, HashSet};
use url::Url;

/// The rendered site as read: its files, and the ids of each page.
struct Rendered<'a> {
    files: &'a SiteReading,
    /// Pages a template error stopped: links to them are not judged.
    unrendered: HashSet<&'a str>,
}

/// Check every link of every HTML page of `files`. `unrendered` lists the
/// pages a template error stopped (their absence is not a broken link).
pub fn check(site: &Site, theme: &Theme, files: &SiteReading, unrendered: &[String]) -> Vec<Diagnostic> {
    let Some(root) = resolve::site_root(&site.config.base_url) else {
        return Vec::new(); // an invalid base_url is reported with site.yaml
    };
    let rendered = Rendered {
        files,
        unrendered: unrendered.iter().map(String::as_str).collect(),
    };
    let urls = crate::render::urls::Urls::new(&site.config);
    let outputs: Outputs = (layout::inventory(site, theme).into_iter())
        .map(|o| (o.path(urls), o))
        .collect();
    let made = Made {
        site,
        theme,
        outputs: &outputs,
    };
    let mut diags = Vec::new();
    // A problem in a template is reported once, for the first page it is on.
    let mut reported = HashSet::new();
    let content_ids = content_ids(site);
    let pages = || {
        files
            .iter()
            .filter_map(|(path, page)| Some((path.as_str(), page.as_ref()?)))
    };
    for (path, page) in pages() {
        for id in page.duplicates().filter(|id| !content_ids.contains(*id)) {
            let d = duplicate_id(&made, path, id);
            if reported.insert((d.file.clone(), d.line, d.col, id.to_string())) {
                diags.push(d);
            }
        }
    }
    for (page, href) in pages().flat_map(|(path, page)| page.links().map(move |href| (path, href))) {
        let target = resolve::resolve(&root, page, href);
        let Some(problem) = problem(&rendered, site, href, &target) else {
            continue;
        };
        let d = where_written(&made, &root, (page, href), &target, problem);
        if reported.insert((d.file.clone(), d.line, d.col, href.to_string())) {
            diags.push(d);
        }
    }
    diags
}

/// The ids the plans give pages (areas, their titles, actions): a
/// duplicate of one is reported in its plan file, not at the page.
fn content_ids(site: &Site) -> HashSet<String> {
    let areas = site.years.iter().flat_map(|y| y.plans.values()).flat_map(|p| &p.areas);
    areas
        .flat_map(|a| {
            [a.id.to_string(), format!("{}-title", a.id)]
                .into_iter()
                .chain(a.actions.iter().map(|x| x.anchor.to_string()))
        })
        .collect()
}

/// How to mend a link to `file`, which is not among `files`.
pub(super) fn missing_hint<'a>(file: &str, files: impl Iterator<Item = &'a str> + Clone) -> String {
    let folder = format!("{}/index.html", file.trim_end_matches(".html").trim_end_matches('/'));
    if files.clone().any(|f| f == folder) {
        return "end the link with `/`: pages are folders".into();
    }
    let pages = files
        .filter(|k| k.ends_with("index.html"))
        .map(|k| k.trim_end_matches("index.html"));
    match suggest(file.trim_end_matches("index.html"), pages) {
        Some(page) => format!("did you mean `/{page}`?"),
        None => "check the year, the focus-area id and the file name in the link".into(),
    }
}

/// A broken link: its code, what is wrong, how to fix it.
pub(super) struct Problem {
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

/// What is known of a site's pages where its links are judged: `check`'s
/// rendered site in memory, or the files a build wrote.
pub(super) trait Pages {
    /// Is `file` (relative to the output) one the site has?
    fn exists(&self, file: &str) -> bool;
    /// Was `file` stopped by a template error (links to it are not judged)?
    fn unrendered(&self, _file: &str) -> bool {
        false
    }
    /// Has the page `file` an element with the id `id`? `None` when its ids are unknown.
    fn has_id(&self, file: &str, id: &str) -> Option<bool>;
    /// The id of page `file` nearest to `id`, to suggest.
    fn nearest_id(&self, file: &str, id: &str) -> Option<String>;
    /// Every file, for a suggestion.
    fn names(&self) -> Vec<&str>;
}

/// What is wrong with the link `href` to `target`, if anything: one rule
/// for `check` and `build`.
pub(super) fn problem(pages: &dyn Pages, site: &Site, href: &str, target: &Target) -> Option<Problem> {
    let problem = |code, message: String, hint: String| Some(Problem { code, message, hint });
    match target {
        Target::External => None,
        Target::Invalid => problem(
            "broken-link",
            format!("link `{href}` is not an address a browser can follow"),
            "check the link's brackets and spelling".into(),
        ),
        Target::Outside => problem(
            "broken-link",
            format!("link `{href}` leads outside the site (`{}`)", site.config.base_url),
            "write links within the site from its root, `/2022/innovation/`: they are made relative to each page, so they work wherever the site is published".into(),
        ),
        Target::Internal { file, .. } if pages.unrendered(file) => None,
        Target::Internal { file, .. } if !pages.exists(file) => problem(
            "broken-link",
            format!("link `{href}` leads to a page that does not exist"),
            missing_hint(file, pages.names().into_iter()),
        ),
        Target::Internal {
            file,
            fragment: Some(fragment),
        } => {
            if pages.has_id(file, fragment)? {
                return None;
            }
            let hint = match pages.nearest_id(file, fragment) {
                Some(id) => format!("did you mean `#{id}`?"),
                None => "actions have anchors `<area-id>-<n>` (or their `{#id}`), focus areas their id".into(),
            };
            problem("broken-anchor", format!("link `{href}`: the page has no anchor `#{fragment}`"), hint)
        }
        Target::Internal { .. } => None,
    }
}

impl Pages for Rendered<'_> {
    fn exists(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }

    fn unrendered(&self, file: &str) -> bool {
        self.unrendered.contains(file)
    }

    fn has_id(&self, file: &str, id: &str) -> Option<bool> {
        Some(self.files.get(file)?.as_ref()?.has_id(id))
    }

    fn nearest_id(&self, file: &str, id: &str) -> Option<String> {
        suggest(id, self.files.get(file)?.as_ref()?.ids()).map(str::to_string)
    }

    fn names(&self) -> Vec<&str> {
        self.files.keys().map(String::as_str).collect()
    }
}

/// Report at the place the link was written, if it was written in a plan
/// or a follow-up note (the one on this page whose target is the same), or
/// else at the page, as the theme's.
fn where_written(made: &Made, root: &Url, (page, href): (&str, &str), target: &Target, problem: Problem) -> Diagnostic {
    let same = |link: &SourceLink| {
        let on_page = links::on_page(&link.href, page, LinkStyle::Relative);
        on_page == href || resolve::resolve(root, page, &on_page) == *target
    };
    let plan = made.outputs.get(page).and_then(|o| o.plan());
    let written = plan.and_then(|p| plan_sources(made.site, p).find(|(_, link)| same(link)));
    match written {
        Some((file, link)) => at_link(problem, href, file, link),
        None => in_template(made, page, [format!("\"{href}\""), format!("'{href}'")], problem),
    }
}

/// `problem` of the link shown as `href`, reported where an editor wrote it
/// (`link`, in `file`), in the words they wrote.
pub(super) fn at_link(problem: Problem, href: &str, file: &str, link: &SourceLink) -> Diagnostic {
    let message = problem
        .message
        .replacen(&format!("`{href}`"), &format!("`{}`", link.written), 1);
    let mut d = Diagnostic::error(problem.code, file, message)
        .with_pos(link.pos.line, link.pos.col)
        .with_hint(problem.hint);
    (d.end_line, d.end_col) = (link.end.line, link.end.col);
    d
}

/// A problem the theme made on `page`: at the place in the templates where
/// `text` is written, if it is written there as it is, or else at the
/// template that makes the page.
fn in_template(made: &Made, page: &str, written: [String; 2], problem: Problem) -> Diagnostic {
    let theme = made.theme;
    let message = format!("{} — on `public/{page}`", problem.message);
    let hint = match problem.code {
        "broken-link" | "broken-anchor" => "a template links with the URLs it is given (`{{ area.url }}`, `{{ site.assets[\"style.css\"] }}` …), which lead from each page; a path written by hand breaks where the site is published elsewhere".to_string(),
        _ => format!("{}; it is made by the theme's templates", problem.hint),
    };
    match written.iter().find_map(|text| theme.find(text)) {
        Some((src, range)) => Diagnostic::error_at(problem.code, src, range, message),
        None => {
            // The page's own template, as the map of the output says.
            let template = made.outputs.get(page).and_then(|o| o.template()).unwrap_or("base.html");
            let file = theme.template_path(template).unwrap_or(template).to_string();
            Diagnostic::error(problem.code, file, message)
        }
    }
    .with_hint(hint)
}

/// Two elements of `page` with the same id: an anchor cannot say which.
fn duplicate_id(made: &Made, page: &str, id: &str) -> Diagnostic {
    let problem = Problem {
        code: "duplicate-html-id",
        message: format!("two elements have the id `{id}`"),
        hint: "give one of them another id".into(),
    };
    in_template(made, page, [format!("id=\"{id}\""), format!("id='{id}'")], problem)
}

/// The links editors wrote that appear on the pages of `plan`, with the
/// file they were written in: its Markdown, and the follow-up notes of its
/// year in its language.
pub(super) fn plan_sources<'a>(site: &'a Site, plan: &'a Plan) -> impl Iterator<Item = (&'a str, &'a SourceLink)> {
    let plan_links = plan.links.iter().map(|l| (plan.file.as_str(), l));
    let notes = site.year(plan.year).into_iter().flat_map(|y| y.note_links());
    let note_links = notes
        .filter(move |(_, lang, _)| **lang == plan.lang)
        .map(|(file, _, link)| (file, link));
    plan_links.chain(note_links)
}

/// Every file of the output by its path ([`layout::inventory`]).
type Outputs<'a> = HashMap<String, Output<'a>>;

/// What made the rendered site: its model, its theme and the map of its output.
struct Made<'a> {
    site: &'a Site,
    theme: &'a Theme,
    outputs: &'a Outputs<'a>,
}
