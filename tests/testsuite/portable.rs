//! The built site works wherever it is published: served by a plain static
//! file server at the root of a host or under any path, every internal link,
//! stylesheet, icon, image and script of every page answers 200.

use crate::helpers::TestSite;
use scraper::{Html, Selector};
use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

/// A plain static file server for `dir` at `prefix` (`/` or `/a/b/plan/`)
/// on a free port of 127.0.0.1, running until the test ends.
fn static_server(dir: &Path, prefix: &str) -> String {
    use tower_http::services::ServeDir;
    let files = ServeDir::new(dir);
    let app = match prefix.trim_end_matches('/') {
        "" => axum::Router::new().fallback_service(files),
        nested => axum::Router::new().nest_service(nested, files),
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{addr}{prefix}")
}

fn get(url: &str) -> (u16, String) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent();
    let mut response = agent.get(url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap_or_default())
}

/// Every URL a page loads or links to: links, stylesheets, icons, images, scripts.
fn references(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("a[href], link[href], img[src], script[src], source[src]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.attr("href").or_else(|| e.attr("src")))
        .map(String::from)
        .collect()
}

/// Fetch every HTML page of the built site from `base`, follow every
/// reference that stays under `base` and require a 200 for each. Returns
/// how many distinct URLs answered.
fn crawl(site: &TestSite, base: &str) -> usize {
    let base_url = url::Url::parse(base).unwrap();
    let mut queue: VecDeque<url::Url> = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.ends_with("404.html"))
        .map(|f| base_url.join(f.trim_end_matches("index.html")).unwrap())
        .collect();
    let mut seen: BTreeSet<String> = queue.iter().map(|u| u.to_string()).collect();
    while let Some(page) = queue.pop_front() {
        let (status, body) = get(page.as_str());
        assert_eq!(status, 200, "{page}");
        if !page.path().ends_with('/') && !page.path().ends_with(".html") {
            continue; // a stylesheet, an image, plan.json …
        }
        for href in references(&body) {
            let mut target = page.join(&href).unwrap_or_else(|e| panic!("{page}: `{href}`: {e}"));
            target.set_fragment(None);
            let internal = target.origin() == base_url.origin() && target.path().starts_with(base_url.path());
            if target.origin() == base_url.origin() {
                assert!(internal, "{page}: `{href}` leads outside the site, to {target}");
            }
            if internal && seen.insert(target.to_string()) {
                queue.push_back(target);
            }
        }
    }
    seen.len()
}

#[test]
fn the_default_build_works_at_the_root_of_a_host_and_under_any_path() {
    let site = TestSite::real();
    // As the README says: build with the shipped settings, then serve `public/`.
    site.build_ok();
    let at_root = crawl(&site, &static_server(&site.path("public"), "/"));
    let nested = crawl(&site, &static_server(&site.path("public"), "/a/b/plan/"));
    // 26 pages, a stylesheet, an icon, and plan.json and plan.csv in two languages.
    assert!(at_root >= 32, "only {at_root} URLs reached");
    assert_eq!(at_root, nested);
}

#[test]
fn a_404_page_links_from_the_sites_path_because_it_is_shown_at_any_depth() {
    let site = TestSite::real();
    site.build_ok();
    for page in ["404.html", "en/404.html"] {
        let html = site.read(&format!("public/{page}"));
        let internal: Vec<String> = references(&html)
            .into_iter()
            .filter(|h| !h.starts_with("https://") && !h.starts_with('#'))
            .collect();
        assert!(!internal.is_empty());
        for href in internal {
            let rest = href
                .strip_prefix("/handlingsplan/")
                .unwrap_or_else(|| panic!("{page}: {href}"));
            let file = match rest.split('#').next().unwrap() {
                "" => "index.html".to_string(),
                p if p.ends_with('/') => format!("{p}index.html"),
                p => p.to_string(),
            };
            assert!(site.path(&format!("public/{file}")).exists(), "{page}: {href}");
        }
    }
}
