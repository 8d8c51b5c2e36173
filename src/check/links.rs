//! Every internal link and anchor of the rendered site must resolve.
//!
//! A broken link written in a plan's Markdown is reported at its place in
//! the plan file; one made by the theme is reported at the rendered page.

use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{Plan, Site};
use crate::render::links::{self, LinkStyle};
use crate::render::memory::MemoryFile;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Not part of the site (another host, `mailto:` …).
    External,
    /// A file of the site (relative to the output folder) and an optional fragment.
    Internal { file: String, fragment: Option<String> },
    /// A path on the same host that is outside the site's base path.
    Outside,
}

/// Resolve `url`, found on the page written to `page` (e.g. `en/2022/index.html`).
pub fn resolve(base_url: &str, base_path: &str, page: &str, url: &str) -> Target {
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or_default();
    let page_dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let path = if url.is_empty() {
        return Target::Internal {
            file: page.to_string(),
            fragment,
        };
    } else if let Some(rest) = url
        .strip_prefix(base_url)
        .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        rest.to_string()
    } else if url.starts_with("//") || url.contains(':') {
        return Target::External;
    } else if let Some(abs) = url.strip_prefix('/') {
        match format!("/{abs}").strip_prefix(base_path) {
            Some(rest) if base_path.is_empty() || rest.is_empty() || rest.starts_with('/') => rest.to_string(),
            _ => return Target::Outside,
        }
    } else {
        format!("/{page_dir}{url}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if file.is_empty() || file.ends_with('/') || path.ends_with('/') {
        if !file.is_empty() && !file.ends_with('/') {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Target::Internal { file, fragment }
}

/// Check every link of every HTML page in `files`.
pub fn check(site: &Site, files: &BTreeMap<String, MemoryFile>) -> Vec<Diagnostic> {
    let link_sel = Selector::parse("a[href], link[href], img[src], script[src]").expect("valid selector");
    let id_sel = Selector::parse("[id]").expect("valid selector");
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut links: Vec<(&str, String)> = Vec::new();
    for (path, file) in files {
        let MemoryFile::Bytes(bytes) = file else { continue };
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        ids.insert(
            path,
            doc.select(&id_sel)
                .filter_map(|e| e.attr("id"))
                .map(String::from)
                .collect(),
        );
        for e in doc.select(&link_sel) {
            if let Some(url) = e.attr("href").or_else(|| e.attr("src")) {
                links.push((path, url.to_string()));
            }
        }
    }
    let config = &site.config;
    let mut diags = Vec::new();
    let mut seen = HashSet::new();
    for (page, url) in links {
        let problem = match resolve(&config.base_url, config.base_path(), page, &url) {
            Target::External => None,
            Target::Outside => Some((
                "broken-link",
                format!("link `{url}` leads outside the site (`{}`)", config.base_url),
                "links within the site start with `/` and are made relative to the site's base path".to_string(),
            )),
            Target::Internal { file, fragment } => missing(files, &ids, &url, &file, fragment.as_deref()),
        };
        if let Some((code, message, hint)) = problem
            && seen.insert((page_plan(site, page).map(|p| p.file.as_str()), url.clone()))
        {
            diags.push(locate(site, page, &url, code, message, hint));
        }
    }
    diags
}

/// What is wrong with a link to `file#fragment`, if anything.
fn missing(
    files: &BTreeMap<String, MemoryFile>,
    ids: &HashMap<&str, HashSet<String>>,
    url: &str,
    file: &str,
    fragment: Option<&str>,
) -> Option<(&'static str, String, String)> {
    if !files.contains_key(file) {
        let dir = format!("{}/index.html", file.trim_end_matches(".html").trim_end_matches('/'));
        let hint = if files.contains_key(&dir) {
            "end the link with `/`: pages are folders".to_string()
        } else {
            let pages = files
                .keys()
                .filter(|k| k.ends_with("index.html"))
                .map(|k| k.trim_end_matches("index.html"));
            match suggest(file.trim_end_matches("index.html"), pages) {
                Some(p) => format!("did you mean `/{p}`?"),
                None => "check the year and the focus-area id in the link".to_string(),
            }
        };
        return Some((
            "broken-link",
            format!("link `{url}` leads to a page that does not exist"),
            hint,
        ));
    }
    let fragment = fragment?;
    let page_ids = ids.get(file)?;
    if page_ids.contains(fragment) {
        return None;
    }
    let hint = match suggest(fragment, page_ids.iter().map(String::as_str)) {
        Some(id) => format!("did you mean `#{id}`?"),
        None => "actions have anchors `<area-id>-<n>`, focus areas their id".to_string(),
    };
    Some((
        "broken-anchor",
        format!("link `{url}`: the page has no anchor `#{fragment}`"),
        hint,
    ))
}

/// Report at the Markdown line the link was written on, if it was written in a plan.
fn locate(site: &Site, page: &str, url: &str, code: &'static str, message: String, hint: String) -> Diagnostic {
    let written_here = |href: &str| links::on_page(href, page, LinkStyle::Relative) == url;
    let source =
        page_plan(site, page).and_then(|plan| plan.links.iter().find(|l| written_here(&l.href)).map(|l| (plan, l)));
    match source {
        Some((plan, link)) => {
            let message = message.replacen(&format!("`{url}`"), &format!("`{}`", link.written), 1);
            let mut d = Diagnostic::error(code, &plan.file, message)
                .with_pos(link.pos.line, link.pos.col)
                .with_hint(hint);
            (d.end_line, d.end_col) = (link.end.line, link.end.col);
            d
        }
        None => Diagnostic::error(code, format!("public/{page}"), message)
            .with_hint(format!("{hint}; the link comes from the theme's templates")),
    }
}

/// The plan shown on the page written to `page`: its year's plan, or on a
/// home page, the latest plan of its language.
fn page_plan<'a>(site: &'a Site, page: &str) -> Option<&'a Plan> {
    let mut parts = page.split('/').peekable();
    let lang = match parts.peek() {
        Some(first) if site.config.language(first).is_some() => parts.next().unwrap_or_default(),
        _ => site.config.default_language.as_str(),
    };
    match parts.next().and_then(|p| p.parse::<u16>().ok()) {
        Some(year) => site.years.iter().find(|y| y.year == year)?.plans.get(lang),
        None => site.years.iter().rev().find_map(|y| y.plans.get(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_files() {
        let t = |file: &str, fragment: Option<&str>| Target::Internal {
            file: file.into(),
            fragment: fragment.map(String::from),
        };
        let base = "https://ex.org/hp";
        let cases = [
            ("2022/index.html", "/hp/2022/skola/", t("2022/skola/index.html", None)),
            ("2022/index.html", "#skola-1", t("2022/index.html", Some("skola-1"))),
            ("2022/index.html", "/hp/", t("index.html", None)),
            ("2022/index.html", "/hp", t("index.html", None)),
            ("en/2022/x/index.html", "../", t("en/2022/index.html", None)),
            (
                "en/2022/x/index.html",
                "../y/#y-2",
                t("en/2022/y/index.html", Some("y-2")),
            ),
            ("2022/index.html", "rapport.pdf", t("2022/rapport.pdf", None)),
            (
                "2022/index.html",
                "https://ex.org/hp/en/2022/plan.json",
                t("en/2022/plan.json", None),
            ),
            (
                "2022/index.html",
                "/hp/static/style.css?v=1",
                t("static/style.css", None),
            ),
            ("2022/index.html", "/other/", Target::Outside),
            ("2022/index.html", "/hpx/", Target::Outside),
            ("2022/index.html", "https://ex.org/hpx", Target::External),
            ("2022/index.html", "mailto:a@b.se", Target::External),
            ("2022/index.html", "//cdn.example/x.js", Target::External),
        ];
        for (page, url, want) in cases {
            assert_eq!(resolve(base, "/hp", page, url), want, "{page} {url}");
        }
        assert_eq!(
            resolve("https://ex.org", "", "index.html", "/2022/"),
            t("2022/index.html", None)
        );
    }
}
