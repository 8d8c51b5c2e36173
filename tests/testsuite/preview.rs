//! A build with drafts (`--drafts`, `serve`) is a preview: every page says
//! so and asks search engines to stay away, and no sitemap lists a draft.

use crate::helpers::TestSite;

/// `two-years` with its 2022 plan a draft in English only.
fn site() -> TestSite {
    let site = TestSite::fixture("two-years");
    let en = site.read("content/2022/plan.en.md");
    site.write("content/2022/plan.en.md", en.replacen("---\n", "---\ndraft: true\n", 1));
    site
}

fn html_pages(site: &TestSite) -> Vec<String> {
    site.files("public")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn a_preview_is_marked_on_every_page_and_kept_from_search_engines() {
    let site = site();
    let out = site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for page in html_pages(&site) {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#), "{page}");
        if !html.contains(r#"http-equiv="refresh""#) {
            let band = if page.starts_with("en/") {
                "<strong>Preview:</strong>"
            } else {
                "<strong>Förhandsvisning:</strong>"
            };
            assert!(html.contains(band), "{page}");
        }
    }
    assert!(site.read("public/robots.txt").contains("Disallow: /"));
    assert!(site.read("public/_headers").contains("X-Robots-Tag: noindex"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/en/2022/"), "the draft is not listed: {sitemap}");
    assert!(
        sitemap.contains("/hp/2022/</loc>") && sitemap.contains("/en/2021/"),
        "{sitemap}"
    );
}

#[test]
fn a_build_without_drafts_is_not_a_preview() {
    let site = site();
    site.build_ok();
    for page in html_pages(&site) {
        let html = site.read(&format!("public/{page}"));
        let moved = html.contains(r#"http-equiv="refresh""#);
        assert_eq!(html.contains(r#"content="noindex""#), moved, "{page}");
        assert!(!html.contains("preview-band"), "{page}");
    }
    assert!(!site.path("public/_headers").exists());
    assert!(site.read("public/robots.txt").contains("Allow: /"));
    // A site's own `_headers` is published, and a preview adds none over it.
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    let out = site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(site.read("public/_headers"), "/*\n  X-Frame-Options: DENY\n");
}

#[test]
fn check_says_what_build_will_publish_and_warns_of_a_year_held_back_by_one_language() {
    let site = site();
    let out = site.cmd(&["check"]).output().unwrap();
    let err = crate::helpers::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("check: build publishes 2021 (sv, en); holds back the drafts 2022 (sv, en)"),
        "{err}"
    );
    assert!(err.contains("warning[partly-draft]"), "{err}");
    assert!(
        err.contains("--> content/2022/plan.en.md:2:1"),
        "at the `draft:` line: {err}"
    );
    assert!(err.contains("also not in sv"), "{err}");
    // `build` agrees: it publishes 2021 only, and says why at the same place.
    let built = site.build();
    assert!(built.status.success());
    let said = crate::helpers::stderr(&built);
    assert!(
        said.contains("warning[partly-draft]") && said.contains("--> content/2022/plan.en.md:2:1"),
        "{said}"
    );
    assert!(site.path("public/2021/index.html").exists());
    assert!(!site.path("public/2022").exists() && !site.path("public/en/2022").exists());
}
