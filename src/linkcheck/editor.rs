//! What `build` checks of links, by the rules `check` judges every link
//! by ([`links::problem`]), against the files the build wrote: the links
//! editors wrote (in plans and follow-up notes) and the anchors they point
//! at; with a theme of the site's own, every link of every page as `check`
//! does. So a build fails on exactly the link errors `check` reports.

use super::links::{self, Pages};
use super::reading::{PageReading, SiteReading};
use super::resolve;
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{SITE_LINK, Site};
use crate::theme::Theme;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// Reads a file the build wrote (relative to the output folder).
pub type Read<'a> = &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// Every link error of a built site: the editors' links (the built-in
/// theme makes only links the renderer made from its own URLs, tested on
/// every fixture), or with another theme every link of every page, read
/// back as `check` reads it.
pub fn build_links(site: &Site, theme: &Theme, written: &HashSet<&str>, read: Read) -> Vec<Diagnostic> {
    if theme.is_builtin() {
        return editor_links(site, written, read);
    }
    let files: SiteReading = (written.iter())
        .map(|&path| {
            let page = path.ends_with(".html").then(|| read(path).unwrap_or_default());
            (path.to_string(), page.map(|html| PageReading::of(&html)))
        })
        .collect();
    links::check(site, theme, &files, &[])
}

/// The files a build wrote, and the ids of the pages links point into
/// (read back from the output when first asked for).
struct Written<'a> {
    files: &'a HashSet<&'a str>,
    read: Read<'a>,
    pages: Mutex<HashMap<String, Option<PageReading>>>,
}

impl Written<'_> {
    fn with_page<T>(&self, file: &str, f: impl FnOnce(&PageReading) -> T) -> Option<T> {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let page = pages.entry(file.to_string()).or_insert_with(|| {
            let html = file.ends_with(".html").then(|| (self.read)(file)).flatten()?;
            Some(PageReading::of(&html))
        });
        page.as_ref().map(f)
    }
}

impl Pages for Written<'_> {
    fn exists(&self, file: &str) -> bool {
        self.files.contains(file)
    }

    fn has_id(&self, file: &str, id: &str) -> Option<bool> {
        self.with_page(file, |page| page.has_id(id))
    }

    fn nearest_id(&self, file: &str, id: &str) -> Option<String> {
        self.with_page(file, |page| suggest(id, page.ids()).map(str::to_string))?
    }

    fn names(&self) -> Vec<&str> {
        self.files.iter().copied().collect()
    }
}

/// The links editors wrote (in plans and follow-up notes) that lead to no
/// file the build wrote, or to an anchor its page does not have; reported
/// where they were written, as `check` reports them.
pub fn editor_links(site: &Site, written: &HashSet<&str>, read: Read) -> Vec<Diagnostic> {
    let Some(root) = resolve::site_root(&site.config.base_url) else {
        return Vec::new(); // an invalid base_url is reported with site.yaml
    };
    let pages = Written {
        files: written,
        read,
        pages: Mutex::default(),
    };
    let mut diags = Vec::new();
    let mut seen = HashSet::new();
    let plans = site.years.iter().flat_map(|y| y.plans.values());
    for (file, link) in plans.flat_map(|plan| links::plan_sources(site, plan)) {
        // A site link leads from the site's root; any other is as written.
        let href = link.href.strip_prefix(SITE_LINK).unwrap_or(&link.href);
        let target = resolve::resolve(&root, "index.html", href);
        let Some(problem) = links::problem(&pages, site, href, &target) else {
            continue;
        };
        if seen.insert((file, link.pos.line, link.pos.col)) {
            diags.push(links::at_link(problem, href, file, link));
        }
    }
    diags
}
