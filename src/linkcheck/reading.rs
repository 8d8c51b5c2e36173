//! What link checking reads of a rendered page, once, where the page is
//! made: the ids of its elements and the links it makes. `check` keeps
//! this instead of the page (a report page of a long archive is 80 KB,
//! its reading a tenth of that), and reads pages in the rendering threads.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Every file of a rendered site by its path in the output, with the
/// reading of each HTML page (`None` for any other file).
pub type SiteReading = BTreeMap<String, Option<PageReading>>;

/// A page's ids and links, as a browser's parser reads them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageReading {
    /// Every id, sorted, each once.
    ids: Box<[Box<str>]>,
    /// The ids given to another element too, in the order met: once for
    /// every element after the first.
    pub duplicates: Vec<Box<str>>,
    /// Every link (its `href`, or `src`), in the page's order.
    pub links: Box<[Box<str>]>,
}

/// The elements whose links are followed, and the elements that have an id.
fn selectors() -> &'static (Selector, Selector) {
    static SELECTORS: OnceLock<(Selector, Selector)> = OnceLock::new();
    SELECTORS.get_or_init(|| {
        let links = Selector::parse("a[href], link[href], img[src], script[src], source[src]");
        let ids = Selector::parse("[id]");
        (links.expect("valid selector"), ids.expect("valid selector"))
    })
}

impl PageReading {
    /// Read the page `html`.
    pub fn of(html: &[u8]) -> Self {
        let text = match std::str::from_utf8(html) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(html),
        };
        let doc = Html::parse_document(&text);
        let (link_sel, id_sel) = selectors();
        let mut seen = HashSet::new();
        let mut duplicates = Vec::new();
        for id in doc.select(id_sel).filter_map(|e| e.attr("id")) {
            if !seen.insert(id) {
                duplicates.push(id.into());
            }
        }
        let mut ids: Vec<Box<str>> = seen.into_iter().map(Box::from).collect();
        ids.sort_unstable();
        let links = (doc.select(link_sel))
            .filter_map(|e| e.attr("href").or_else(|| e.attr("src")))
            .map(Box::from)
            .collect();
        PageReading {
            ids: ids.into(),
            duplicates,
            links,
        }
    }

    /// Has an element of the page the id `id`?
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search_by(|i| (**i).cmp(id)).is_ok()
    }

    /// Every id of the page, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.ids.iter().map(|i| &**i)
    }
}

/// What `check` keeps of the rendered file `path`: a page's reading.
pub fn keep(path: &str, bytes: &[u8]) -> Option<PageReading> {
    path.ends_with(".html").then(|| PageReading::of(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_read_for_its_ids_and_links_in_order() {
        let html = br##"<!doctype html><html><head><link rel="stylesheet" href="style.css">
            <script src="app.js"></script></head><body>
            <h1 id="top">T</h1><a href="b/">b</a><p id="x">1</p><p id="x">2</p><p id="x">3</p>
            <img src="i.png" alt=""><a name="no-href">n</a><a href="#top">top</a></body></html>"##;
        let page = PageReading::of(html);
        assert_eq!(page.ids().collect::<Vec<_>>(), ["top", "x"]);
        assert!(page.has_id("top") && page.has_id("x") && !page.has_id("y"));
        assert_eq!(page.duplicates, ["x".into(), "x".into()] as [Box<str>; 2]);
        let links: Vec<&str> = page.links.iter().map(|l| &**l).collect();
        assert_eq!(links, ["style.css", "app.js", "b/", "i.png", "#top"]);
    }

    #[test]
    fn only_pages_are_read() {
        assert!(keep("2022/index.html", b"<p id=a>").is_some_and(|p| p.has_id("a")));
        assert_eq!(keep("2022/plan.json", b"<p id=a>"), None);
    }

    #[test]
    fn a_page_that_is_not_utf8_is_read_as_a_browser_would() {
        let page = PageReading::of(b"<p id=\"caf\xe9\">x</p><a href=\"ok/\">");
        assert_eq!(page.ids().collect::<Vec<_>>(), ["caf\u{fffd}"]);
        assert_eq!(&*page.links[0], "ok/");
    }
}
