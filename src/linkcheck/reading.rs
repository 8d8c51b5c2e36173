//! What link checking reads of a rendered page, once, where the page is
//! made: the ids of its elements and the links it makes. `check` keeps
//! this instead of the page (a report page of a long archive is 80 KB,
//! its reading a tenth of that), and reads pages in the rendering threads.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};

/// Every file of a rendered site by its path in the output, with the
/// reading of each HTML page (`None` for any other file).
pub type SiteReading = BTreeMap<String, Option<PageReading>>;

/// A page's ids and links, as a browser's parser reads them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageReading {
    /// Every id, sorted, each once.
    ids: Packed,
    /// The ids given to another element too, in the order met: once for
    /// every element after the first.
    duplicates: Vec<Box<str>>,
    /// Every link, in the page's order: the `href` of `a` and `link`, the
    /// `src` of `img`, `script` and `source`.
    links: Packed,
}

impl PageReading {
    /// Read the page `html`: its start tags, as the HTML tokenizer gives
    /// them, switched into raw text where the tree builder would switch it
    /// (a `<script>`'s text is not markup), without building the tree.
    pub fn of(html: &[u8]) -> Self {
        // Checked by the standard library's faster check first: pages are UTF-8.
        let text = match std::str::from_utf8(html) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(html),
        };
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(&text));
        let tokenizer = Tokenizer::new(Tags::default(), Default::default());
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        let Tags { ids, links, .. } = tokenizer.sink;
        let ids = ids.into_inner().done();
        let mut seen = HashSet::new();
        let mut duplicates = Vec::new();
        for id in ids.iter() {
            if !seen.insert(id) {
                duplicates.push(id.into());
            }
        }
        let mut unique: Vec<&str> = seen.into_iter().collect();
        unique.sort_unstable();
        let mut sorted = Packing::default();
        unique.into_iter().for_each(|id| sorted.push(id));
        PageReading {
            ids: sorted.done(),
            duplicates,
            links: links.into_inner().done(),
        }
    }

    /// Has an element of the page the id `id`?
    pub fn has_id(&self, id: &str) -> bool {
        let (mut low, mut high) = (0, self.ids.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.ids.get(mid).cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Every id of the page, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.ids.iter()
    }

    /// The ids given to another element too, in the order met: once for
    /// every element after the first.
    pub fn duplicates(&self) -> impl Iterator<Item = &str> {
        self.duplicates.iter().map(|d| &**d)
    }

    /// Every link, in the page's order.
    pub fn links(&self) -> impl Iterator<Item = &str> {
        self.links.iter()
    }
}

/// Strings kept as one block of text and where each ends: a page has ~150
/// ids and links, and a string of its own each would be as many heap
/// blocks, for every page of an archive of 32,000.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Packed {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl Packed {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        &self.text[start..self.ends[i] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A [`Packed`] being filled.
#[derive(Default)]
struct Packing {
    text: String,
    ends: Vec<u32>,
}

impl Packing {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        // A page larger than 4 GB is not rendered; its end is kept in range.
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    fn done(self) -> Packed {
        Packed {
            text: self.text.into_boxed_str(),
            ends: self.ends.into_boxed_slice(),
        }
    }
}

/// The ids and links of the start tags met, in order.
#[derive(Default)]
struct Tags {
    ids: RefCell<Packing>,
    links: RefCell<Packing>,
    /// How deep in `<svg>` or `<math>`, whose elements hold no raw text.
    foreign: Cell<usize>,
}

impl TokenSink for Tags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let (name, foreign) = (&*tag.name, self.foreign.get());
        let is_foreign_root = matches!(name, "svg" | "math");
        if tag.kind == TagKind::EndTag {
            if is_foreign_root {
                self.foreign.set(foreign.saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        let attr = |n: &str| {
            (tag.attrs.iter())
                .find(|a| a.name.ns.is_empty() && &*a.name.local == n)
                .map(|a| &*a.value)
        };
        if let Some(id) = attr("id") {
            self.ids.borrow_mut().push(id);
        }
        let link = match name {
            "a" | "link" => attr("href"),
            "img" | "script" | "source" => attr("src").and(attr("href").or(attr("src"))),
            _ => None,
        };
        if let Some(link) = link {
            self.links.borrow_mut().push(link);
        }
        if is_foreign_root && !tag.self_closing {
            self.foreign.set(foreign + 1);
        }
        match name {
            _ if foreign > 0 => TokenSinkResult::Continue,
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
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
        assert_eq!(page.duplicates().collect::<Vec<_>>(), ["x", "x"]);
        let links: Vec<&str> = page.links().collect();
        assert_eq!(links, ["style.css", "app.js", "b/", "i.png", "#top"]);
    }

    #[test]
    fn an_id_is_found_wherever_it_sorts() {
        let page = PageReading::of(b"<p id=d><p id=b><p id=a><p id=c><p id=e>");
        for (id, has) in [("a", true), ("b", true), ("c", true), ("d", true), ("e", true)] {
            assert_eq!(page.has_id(id), has, "{id}");
        }
        for id in ["", "0", "aa", "bb", "f", "A"] {
            assert!(!page.has_id(id), "{id}");
        }
        assert!(!PageReading::of(b"<p>no ids</p>").has_id("a"));
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
        assert_eq!(page.links().collect::<Vec<_>>(), ["ok/"]);
    }
}
