//! `build` and `check` judge links by one rule: for links an editor may
//! write (to pages, areas, anchors, attachments, with `..`, `%20`, a query,
//! another case, another host), whatever `check` accepts `build` accepts,
//! and each broken one is reported by both at the same place.

use crate::cards::png_header;
use crate::helpers::TestSite;
use handlingsplan::check::{CheckOptions, check};
use handlingsplan::diagnostics::Diagnostic;
use handlingsplan::pipeline::{BuildError, build};
use handlingsplan::render::LinkStyle;
use proptest::prelude::*;

const CODES: [&str; 3] = ["broken-link", "broken-anchor", "duplicate-html-id"];

/// Where a link starts from the plan page (`/2022/`) or its site root.
const STARTS: [&str; 9] = [
    "",
    "./",
    "../",
    "/",
    "/2022/",
    "/en/2022/",
    "../2022/",
    "/hp/2022/",
    "../../",
];

/// What it points at from there.
const TARGETS: [&str; 24] = [
    "",
    "skola/",
    "skola",
    "Skola/",
    "miljo/",
    "nope/",
    "index.html",
    "skola/index.html",
    "rapport A.pdf",
    "rapport%20A.pdf",
    "rapport%20a.pdf",
    "Rapport%20A.pdf",
    "data.csv",
    "bilagor/plan.pdf",
    "bilagor/",
    "plan.json",
    "plan.csv",
    "share.png",
    "2022/",
    "2021/",
    "en/2022/skola/",
    "feed.xml",
    "%2e%2e/2022/",
    "sitemap.xml",
];

/// What may follow it.
const ENDS: [&str; 7] = ["", "#skola", "#skola-1", "#nope", "?q=1", "#top", "?q=1#miljo"];

/// The link problems of `diags`, by code and place.
fn link_problems(diags: &[Diagnostic]) -> Vec<(String, String, usize, usize)> {
    let mut found: Vec<_> = (diags.iter())
        .filter(|d| d.is_error() && CODES.contains(&d.code))
        .map(|d| (d.code.to_string(), d.file.clone(), d.line, d.col))
        .collect();
    found.sort();
    found
}

/// A site whose plan's introduction links to `href`, beside attachments.
fn site_linking(href: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    let config = site.read("content/site.yaml");
    // One fixed share image: drawing cards would only slow the cases down.
    site.write(
        "content/site.yaml",
        format!("{config}brand:\n  share_image: delning.png\n"),
    );
    site.write("content/delning.png", png_header(1200, 630));
    site.write("content/2022/rapport A.pdf", b"%PDF");
    site.write("content/2022/data.csv", "a;b\n");
    site.write("content/2022/bilagor/plan.pdf", b"%PDF");
    let path = "content/2022/plan.sv.md";
    let text = site.read(path);
    let intro = "En *inledning* med en [länk](/2022/skola/).";
    assert!(text.contains(intro));
    site.write(path, text.replacen(intro, &format!("Se [här](<{href}>)."), 1));
    site
}

/// The link problems both found in a site linking to `href` (an error when
/// they differ).
fn judged_alike(href: &str) -> Result<Vec<(String, String, usize, usize)>, TestCaseError> {
    let site = site_linking(href);
    let checked = link_problems(
        &check(&CheckOptions {
            root: site.root().to_path_buf(),
            base_url: None,
        })
        .diagnostics,
    );
    let built = match build(&site.build_options()) {
        Ok(_) => Vec::new(),
        Err(BuildError::Diagnostics(diags)) => link_problems(&diags),
        Err(other) => return Err(TestCaseError::fail(format!("`{href}`: {other}"))),
    };
    prop_assert_eq!(&built, &checked, "`{}`: build / check", href);
    Ok(built)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn build_and_check_accept_and_refuse_the_same_links(
        start in 0..STARTS.len(),
        target in 0..TARGETS.len(),
        end in 0..ENDS.len(),
    ) {
        judged_alike(&format!("{}{}{}", STARTS[start], TARGETS[target], ENDS[end]))?;
    }
}

/// Links that once were judged apart, and what both must say of them.
#[test]
fn links_that_once_differed_are_judged_alike() {
    let table = [
        ("rapport%20A.pdf", None),
        ("rapport A.pdf", None),
        ("bilagor/plan.pdf#page=2", None),
        ("/2022/skola/#skola-1", None),
        ("rapport%20a.pdf", Some("broken-link")),
        ("../2022/skola/#nope", Some("broken-anchor")),
        ("Skola/", Some("broken-link")),
        ("https://testkammaren.se/annat/", Some("broken-link")),
    ];
    for (href, want) in table {
        let found = judged_alike(href).unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<&str> = found.iter().map(|(code, ..)| code.as_str()).collect();
        assert_eq!(codes, want.into_iter().collect::<Vec<_>>(), "`{href}`: {found:?}");
        if let Some((_, file, line, _)) = found.first() {
            assert_eq!((file.as_str(), *line), ("content/2022/plan.sv.md", 6), "`{href}`");
        }
    }
}

/// What a browser's parser makes of `html`: its ids in the order met and
/// its links, read from the tree (scraper) — what `check` read before it
/// read pages with the tokenizer alone.
fn read_by_tree(html: &[u8]) -> (Vec<String>, Vec<String>) {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(&String::from_utf8_lossy(html));
    let ids = Selector::parse("[id]").unwrap();
    let links = Selector::parse("a[href], link[href], img[src], script[src], source[src]").unwrap();
    (
        doc.select(&ids)
            .filter_map(|e| e.attr("id"))
            .map(str::to_string)
            .collect(),
        (doc.select(&links))
            .filter_map(|e| e.attr("href").or_else(|| e.attr("src")))
            .map(str::to_string)
            .collect(),
    )
}

/// `check`'s reading of `html` agrees with the tree's: the same ids (and
/// the same repeated ones), the same links in the same order.
fn assert_read_as_the_tree_reads(what: &str, html: &[u8]) {
    let page = handlingsplan::linkcheck::PageReading::of(html);
    let (tree_ids, tree_links) = read_by_tree(html);
    let mut unique = tree_ids.clone();
    unique.sort();
    unique.dedup();
    let mut repeated = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in &tree_ids {
        if !seen.insert(id) {
            repeated.push(id.clone());
        }
    }
    let links: Vec<String> = page.links().map(str::to_string).collect();
    assert_eq!(page.ids().collect::<Vec<_>>(), unique, "{what}: ids");
    assert_eq!(
        page.duplicates().map(str::to_string).collect::<Vec<_>>(),
        repeated,
        "{what}: repeated ids"
    );
    assert_eq!(links, tree_links, "{what}: links");
}

#[test]
fn check_reads_every_page_as_the_browsers_tree_has_it() {
    use handlingsplan::pipeline::{LoadOptions, Session};
    use handlingsplan::render::memory::MemoryFile;
    use handlingsplan::render::{MemorySink, Scope};
    let sites = [
        ("real", TestSite::real()),
        ("reports", TestSite::fixture("reports")),
        ("theme-links", TestSite::fixture("theme-links")),
        ("broken-links", TestSite::fixture("broken-links")),
        ("two-years", TestSite::fixture("two-years")),
        ("xss", TestSite::fixture("xss")),
    ];
    let mut pages = 0;
    for (name, site) in &sites {
        let load = LoadOptions {
            drafts: true,
            ..LoadOptions::new(site.root())
        };
        let session = Session::open(load).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        let sink = MemorySink::new();
        let _ = session.render(sink.checking(), Scope::All, LinkStyle::Relative);
        for (path, file) in sink.into_files() {
            if let (MemoryFile::Bytes(html), true) = (file, path.ends_with(".html")) {
                assert_read_as_the_tree_reads(&format!("{name}: {path}"), &html);
                pages += 1;
            }
        }
    }
    assert!(pages > 100, "only {pages} pages were read");
    // What a theme of the site's own may write: markup in text that is
    // not markup, foreign elements, repeated attributes, entities.
    let tricky = br##"<!doctype html><html id="h"><head><title>a <a href="in-title/"> b</title>
        <script>document.write('<a href="in-script/" id="s">')</script>
        <style>a[id="in-style"] { color: red }</style>
        <noscript><a href="in-noscript/" id="n">no script</a></noscript>
        <link rel="icon" href="icon.png"></head>
        <body id="b"><!-- <a href="in-comment/"> -->
        <textarea><a href="in-textarea/"></textarea>
        <svg id="logo" viewBox="0 0 1 1"><title id="t">Logo <a href="svg-title/">x</a></title><style><a href="svg-style/"></a></style>
          <a href="svg-link/" id="sl"><text>x</text></a><![CDATA[<a href="in-cdata/">]]></svg>
        <math><mi id="m">x</mi></math>
        <a href="one/" href="two/" id="dup" id="other">first attribute wins</a>
        <a href="caf&eacute;/&amp;q" id="x">entities</a><p id="x">again</p><div id="x"></div>
        <img src="i.png" alt=""><img alt="no src"><source src="v.webm"><script src="app.js"></script>
        <iframe><a href="in-iframe/"></iframe><xmp><a href="in-xmp/"></xmp>
        <table><a href="foster/" id="f">fostered</a><tr><td id="c">cell</td></tr></table>
        <template><a href="in-template/" id="tp">t</a></template></body></html>"##;
    assert_read_as_the_tree_reads("tricky", tricky);
}
