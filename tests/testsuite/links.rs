//! Every language-switcher, hreflang and canonical link of every built page
//! leads to a page that exists; so does every internal link.

use crate::helpers::TestSite;
use scraper::{Html, Selector};

const BASE_URL: &str = "https://example.org/handlingsplan/";

/// The output file a link on `page` points at, as a browser resolves it
/// with the site at `BASE_URL`, or `None` for a link off the site.
fn target(site: &TestSite, page: &str, href: &str) -> Option<(String, Option<String>)> {
    let page_url = url::Url::parse(BASE_URL).unwrap().join(page).unwrap();
    let url = page_url.join(href).unwrap();
    let Some(path) = url.as_str().strip_prefix(BASE_URL) else {
        assert!(
            url.scheme() == "https" && url.host_str() != Some("example.org") || url.scheme() == "mailto",
            "{page}: link `{href}` leaves the site for `{url}`"
        );
        return None;
    };
    let fragment = url.fragment().map(String::from);
    let path = path.split(['#', '?']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8().unwrap();
    let mut file = path.to_string();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    assert!(
        site.path(&format!("public/{file}")).exists(),
        "{page}: link `{href}` leads to missing `{file}`"
    );
    Some((file, fragment))
}

#[test]
fn every_switcher_alternate_canonical_and_internal_link_resolves() {
    let site = TestSite::real();
    site.build_ok();
    let sel = |s: &str| Selector::parse(s).unwrap();
    let pages: Vec<String> = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 25, "{pages:?}");
    let mut checked = 0;
    for page in &pages {
        let doc = Html::parse_document(&site.read(&format!("public/{page}")));
        let mut urls: Vec<String> = Vec::new();
        for (css, attr) in [
            ("nav.languages a", "href"),
            ("link[rel=alternate]", "href"),
            ("link[rel=canonical]", "href"),
            ("a[href]", "href"),
            ("link[rel=stylesheet]", "href"),
        ] {
            urls.extend(doc.select(&sel(css)).filter_map(|e| e.attr(attr)).map(String::from));
        }
        for url in urls {
            if let Some((file, Some(fragment))) = target(&site, page, &url) {
                let target_doc = Html::parse_document(&site.read(&format!("public/{file}")));
                let css = format!("[id=\"{fragment}\"]");
                let found = target_doc.select(&sel(&css)).next().is_some();
                assert!(
                    found,
                    "{page}: link `{url}` has no element with id `{fragment}` in {file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_switcher_leads_to_the_same_page_in_the_other_language() {
    let site = TestSite::real();
    site.build_ok();
    let doc = Html::parse_document(&site.read("public/2022/kompetens/index.html"));
    let link = doc.select(&Selector::parse("nav.languages a").unwrap()).next().unwrap();
    assert_eq!(link.attr("href"), Some("../../en/2022/kompetens/"));
    assert_eq!(link.attr("lang"), Some("en"));
    assert_eq!(link.attr("hreflang"), Some("en"));
    let doc = Html::parse_document(&site.read("public/en/2022/kompetens/index.html"));
    let link = doc.select(&Selector::parse("nav.languages a").unwrap()).next().unwrap();
    assert_eq!(link.attr("href"), Some("../../../2022/kompetens/"));
}

#[test]
fn build_fails_on_a_broken_link_an_editor_wrote_and_publishes_nothing() {
    let site = TestSite::fixture("broken-links");
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (link, at) in [
        ("/2022/nope/", "content/2022/plan.sv.md:6:"),
        ("/en/2022/miljoe/", "content/2022/plan.sv.md:10:"),
        ("saknas B.pdf", "content/2022/plan.sv.md:17:"),
    ] {
        assert!(
            err.contains(&format!(
                "error[broken-link]: link `{link}` leads to a page that does not exist"
            )),
            "{link}: {err}"
        );
        assert!(err.contains(at), "{at}: {err}");
    }
    assert!(
        !err.contains("link `rapport A.pdf`") && !err.contains("link `bilaga"),
        "present attachments are fine: {err}"
    );
    assert!(err.contains("help: end the link with `/`"), "{err}");
    assert!(!site.path("public").exists(), "nothing is published");
}
