//! Successful builds: the pages that are written and what they contain.

use crate::helpers::{TestSite, stderr, stdout};
use scraper::{Html, Selector};

fn text(doc: &Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn minimal_site_has_every_page_of_the_url_layout() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["build"]).output().unwrap();
    assert!(out.status.success());
    let summary = stdout(&out);
    assert!(
        summary.starts_with("built 12 pages in 2 languages (1 plan, 31 files)"),
        "{summary}"
    );
    // The stylesheet's name carries a hash of its content.
    let files: Vec<String> = site
        .files("public")
        .into_iter()
        .map(|f| {
            if f.starts_with("static/style.") && f.ends_with(".css") {
                "static/style.<hash>.css".into()
            } else {
                f
            }
        })
        .collect();
    let want = [
        ".handlingsplan-output",
        "2022/index.html",
        "2022/miljo/index.html",
        "2022/miljo/share.png",
        "2022/plan.csv",
        "2022/plan.json",
        "2022/share.png",
        "2022/skola/index.html",
        "2022/skola/share.png",
        "404.html",
        "accessibility/index.html",
        "en/2022/index.html",
        "en/2022/miljo/index.html",
        "en/2022/miljo/share.png",
        "en/2022/plan.csv",
        "en/2022/plan.json",
        "en/2022/share.png",
        "en/2022/skola/index.html",
        "en/2022/skola/share.png",
        "en/404.html",
        "en/accessibility/index.html",
        "en/index.html",
        "index.html",
        "plans.json",
        "robots.txt",
        "sitemap.xml",
        "static/favicon.svg",
        "static/fonts/Inter-Bold.woff2",
        "static/fonts/Inter-Regular.woff2",
        "static/fonts/OFL.txt",
        "static/style.<hash>.css",
        "tillganglighet/index.html",
    ];
    assert_eq!(files, want);
}

#[test]
fn rendered_pages_match_snapshots() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    for page in [
        "2022/index.html",
        "en/2022/skola/index.html",
        "index.html",
        "404.html",
        "2022/plan.json",
        "sitemap.xml",
        "robots.txt",
    ] {
        insta::assert_snapshot!(
            format!("page_{}", page.replace('/', "_")),
            site.read(&format!("public/{page}"))
        );
    }
}

#[test]
fn every_page_has_the_required_head() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    for file in site.files("public").iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&format!("public/{file}"));
        let doc = Html::parse_document(&html);
        let lang = if file.starts_with("en/") { "en" } else { "sv" };
        assert!(html.starts_with("<!DOCTYPE html>"), "{file}");
        assert_eq!(select(&doc, "html")[0].attr("lang"), Some(lang), "{file}");
        assert_eq!(select(&doc, "meta[charset=utf-8]").len(), 1, "{file}");
        if html.contains(r#"http-equiv="refresh""#) {
            // A moved page's only reader is a browser sent on, never a search engine.
            assert_eq!(select(&doc, r#"meta[name=robots][content=noindex]"#).len(), 1, "{file}");
            continue;
        }
        assert!(
            !select(&doc, "title")[0].text().collect::<String>().trim().is_empty(),
            "{file}"
        );
        assert!(
            !select(&doc, "meta[name=description]")[0]
                .attr("content")
                .unwrap()
                .is_empty(),
            "{file}"
        );
        assert_eq!(select(&doc, "link[rel=canonical]").len(), 1, "{file}");
        assert_eq!(select(&doc, "link[rel=alternate][hreflang]").len(), 2, "{file}");
        assert_eq!(select(&doc, "h1").len(), 1, "{file}");
        let switch = select(&doc, "nav.languages a");
        assert_eq!(switch.len(), 1, "{file}");
        assert_ne!(
            switch[0].attr("lang"),
            Some(lang),
            "{file}: the switcher leads to the other language"
        );
    }
}

#[test]
fn every_action_has_its_anchor() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let doc = Html::parse_document(&site.read("public/2022/index.html"));
    let ids: Vec<_> = select(&doc, "li.action")
        .iter()
        .map(|e| e.attr("id").unwrap().to_string())
        .collect();
    assert_eq!(ids, ["skola-1", "skola-2", "miljo-1"]);
    let details = select(&doc, "#skola-2 .action-details")[0].inner_html();
    assert!(details.contains("Detaljer om den andra insatsen."), "{details}");
}

#[test]
fn editor_links_within_the_site_are_relative_to_their_page() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    // `[…](/2022/skola/)` in the introduction, shown on the plan page and the home page.
    for (page, want) in [("2022/index.html", "skola/"), ("index.html", "2022/skola/")] {
        let doc = Html::parse_document(&site.read(&format!("public/{page}")));
        let intro_link = select(&doc, ".intro a")[0].attr("href").unwrap().to_string();
        assert_eq!(intro_link, want, "{page}");
    }
    let out = site.cmd(&["build", "--offline"]).output().unwrap();
    assert!(out.status.success());
    let doc = Html::parse_document(&site.read("public/2022/index.html"));
    assert_eq!(select(&doc, ".intro a")[0].attr("href"), Some("skola/index.html"));
    assert_eq!(select(&doc, "a.site-title")[0].attr("href"), Some("../index.html"));
}

#[test]
fn base_url_can_be_overridden() {
    let site = TestSite::fixture("minimal");
    let out = site
        .cmd(&["build", "--base-url", "https://plans.example.com/"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = site.read("public/2022/index.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://plans.example.com/2022/\">"),
        "{html}"
    );
    assert!(
        html.contains("href=\"../static/style."),
        "links within the site stay relative"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = TestSite::fixture("bom-crlf");
    site.build_ok();
    let doc = Html::parse_document(&site.read("public/2022/index.html"));
    assert_eq!(select(&doc, "h1")[0].text().collect::<String>(), "Testplan 2022");
    assert_eq!(select(&doc, "li.action").len(), 3);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("minimal");
    let draft = site
        .read("content/2022/plan.en.md")
        .replace("description:", "draft: true\ndescription:");
    site.write("content/2022/plan.en.md", draft);
    site.build_ok();
    assert!(!site.path("public/2022").exists());
    assert!(
        site.read("public/index.html")
            .contains("Ingen handlingsplan är publicerad ännu.")
    );
    let out = site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        site.read("public/en/2022/index.html")
            .contains("class=\"draft-notice\"")
    );
}

#[test]
fn a_site_without_themes_uses_the_built_in_theme_and_a_theme_file_overrides_it() {
    let plain = TestSite::fixture("minimal");
    assert!(!plain.path("themes").exists());
    plain.build_ok();
    assert!(plain.read("public/404.html").contains("Sidan finns inte"));
    let custom = TestSite::fixture("theme-override");
    custom.build_ok();
    assert!(custom.read("public/404.html").contains("<h1>Overridden 404</h1>"));
    assert!(
        custom.read("public/2022/index.html").contains("class=\"area-cards\""),
        "other templates still come from the built-in theme"
    );
}

#[test]
fn other_files_in_a_year_folder_are_copied_beside_its_pages() {
    let site = TestSite::fixture("minimal");
    site.write("content/2022/rapport.pdf", b"%PDF-1.4 test");
    site.write("content/2022/bilder/karta.png", b"png");
    site.build_ok();
    for lang_dir in ["", "en/"] {
        assert_eq!(
            site.read(&format!("public/{lang_dir}2022/rapport.pdf")),
            "%PDF-1.4 test"
        );
        assert_eq!(site.read(&format!("public/{lang_dir}2022/bilder/karta.png")), "png");
    }
}

#[test]
fn plan_json_holds_the_whole_plan() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.read("public/en/2022/plan.json")).unwrap();
    assert_eq!(json["year"], 2022);
    assert_eq!(json["lang"], "en");
    assert_eq!(json["translations"]["sv"], "https://testkammaren.se/hp/2022/plan.json");
    assert_eq!(json["areas"][0]["id"], "skola");
    assert_eq!(json["areas"][0]["actions"][1]["anchor"], "skola-2");
    assert_eq!(json["areas"][0]["actions"][1]["text"], "The second action in bold");
    assert_eq!(
        json["areas"][1]["actions"][0]["url"],
        "https://testkammaren.se/hp/en/2022/miljo/#miljo-1"
    );
}

/// The keys of the JSON object that starts at `text`'s first `{`, in the
/// order they are written (a parsed `serde_json::Value` would sort them).
fn key_order(text: &str, indent: usize) -> Vec<String> {
    let prefix = format!("{}\"", " ".repeat(indent));
    text.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k.to_string()))
        .collect()
}

#[test]
fn plan_json_fields_come_in_the_documented_order() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let text = site.read("public/2022/plan.json");
    let top = [
        "year",
        "lang",
        "title",
        "description",
        "notice",
        "url",
        "intro_html",
        "translations",
        "areas",
        "changes",
    ];
    assert_eq!(key_order(&text, 2), top);
    let area = &text[text.find("\"areas\"").unwrap()..];
    let area_keys: Vec<String> = key_order(area, 6).into_iter().take(5).collect();
    assert_eq!(area_keys, ["id", "title", "description_html", "url", "actions"]);
}

/// The text of the accessibility statement of a `minimal` site with `extra`
/// settings, in `lang` (`""` for Swedish, `"en/"`).
fn statement(extra: &str, lang: &str) -> String {
    let site = TestSite::fixture("minimal");
    let settings = site.read("content/site.yaml");
    let without = &settings[..settings.find("accessibility:").expect("minimal states accessibility")];
    site.write("content/site.yaml", format!("{without}{extra}"));
    site.build_ok();
    let slug = if lang.is_empty() {
        "tillganglighet"
    } else {
        "accessibility"
    };
    let doc = Html::parse_document(&site.read(&format!("public/{lang}{slug}/index.html")));
    select(&doc, "article h1, article h2, article h3, article p, article li")
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

const ASSESSED: &str = "organisation: { sv: Testkammaren, en: The Test Chamber }
accessibility:
  status: partial
  law: dos
  contact: webb@testkammaren.se
  assessed: 2026-05-31
  assessed_by: Funka
  updated: 2026-06-02
  shortcomings:
    - text: { sv: PDF:en saknar taggar., en: The PDF has no tags. }
      wcag: [1.3.1, 4.1.2]
  not_covered: [{ sv: Dokument från före 2018., en: Documents from before 2018. }]
";

#[test]
fn the_accessibility_statement_claims_only_what_the_owner_states() {
    let unassessed = statement("", "en/");
    assert!(
        unassessed.contains("We have not yet assessed whether the website complies"),
        "{unassessed}"
    );
    for claim in [
        "fully compliant",
        "partially compliant",
        "We know of no",
        "self-assessment",
    ] {
        assert!(!unassessed.contains(claim), "never inferred: {claim} in {unassessed}");
    }
    assert!(
        unassessed.contains("axe-core") && unassessed.contains("Nu HTML Checker"),
        "the theme's tests"
    );
    assert!(
        unassessed.contains("is designed to be usable with a keyboard and a screen reader"),
        "{unassessed}"
    );
    assert!(
        !unassessed.contains("Digg"),
        "a voluntary site is not supervised: {unassessed}"
    );
    assert!(unassessed.contains("voluntarily"), "{unassessed}");
    insta::assert_snapshot!("statement_sv", statement(ASSESSED, ""));
    let en = statement(ASSESSED, "en/");
    for said in [
        "Accessibility statement for The Test Chamber plan",
        "The Test Chamber is responsible for this website.",
        "This website is partially compliant with the Act (2018:1937) on accessibility to digital public services",
        "The PDF has no tags. (WCAG 2.1: 1.3.1, 4.1.2)",
        "Documents from before 2018.",
        "No content is exempted.",
        "Funka has performed an independent assessment of the website. The most recent assessment was made on 31 May 2026.",
        "This statement was last updated on 2 June 2026.",
        "Digg",
    ] {
        assert!(en.contains(said), "{said}: {en}");
    }
    let full = statement("accessibility:\n  status: full\n  assessed_by: self\n", "");
    assert!(
        full.contains("Den här webbplatsen är helt förenlig med lagen (2018:1937)"),
        "{full}"
    );
    assert!(
        full.contains("Vi har gjort en självskattning (intern testning)"),
        "{full}"
    );
}

#[test]
fn the_swedish_statement_is_at_tillganglighet_and_the_old_address_sends_readers_there() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let old = site.read("public/accessibility/index.html");
    assert!(
        old.contains(r#"<meta http-equiv="refresh" content="0; url=../tillganglighet/">"#),
        "{old}"
    );
    assert!(old.contains(r#"<meta name="robots" content="noindex">"#), "{old}");
    assert!(
        old.contains(r#"<link rel="canonical" href="https://testkammaren.se/hp/tillganglighet/">"#),
        "{old}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("/hp/tillganglighet/</loc>") && !sitemap.contains("hp/accessibility/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("/hp/en/accessibility/</loc>"), "{sitemap}");
    let home = site.read("public/index.html");
    assert!(
        home.contains(r#"href="tillganglighet/">Tillgänglighetsredogörelse"#),
        "the footer links the new address"
    );
    let en = site.read("public/en/accessibility/index.html");
    assert!(
        en.contains(r#"hreflang="sv" href="https://testkammaren.se/hp/tillganglighet/""#),
        "{en}"
    );
}

#[test]
fn the_organisation_is_named_in_the_header_footer_and_feed() {
    let site = TestSite::fixture("minimal");
    let settings = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        format!("{settings}organisation: {{ sv: Sydkammaren, en: The South Chamber }}\n"),
    );
    site.build_ok();
    let doc = Html::parse_document(&site.read("public/en/index.html"));
    assert_eq!(text(&doc, ".site-organisation"), "The South Chamber");
    assert_eq!(text(&doc, ".footer-organisation"), "The South Chamber");
    // A title that names the organisation is not preceded by it again.
    site.write("content/site.yaml", format!("{settings}organisation: Testkammaren\n"));
    site.build_ok();
    let doc = Html::parse_document(&site.read("public/index.html"));
    assert!(select(&doc, ".site-organisation").is_empty());
}

#[test]
fn a_site_adds_to_every_page_through_the_slots_and_keeps_the_rest_of_the_theme() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let before = site.read("public/2022/index.html");
    site.write(
        "themes/default/templates/partials/head_extra.html",
        "\n<meta name=\"google-site-verification\" content=\"abc123\">",
    );
    site.write(
        "themes/default/templates/partials/body_end.html",
        "\n<script src=\"https://statistik.example.org/a.js\" defer></script>",
    );
    site.write(
        "themes/default/templates/partials/header.html",
        "<header class=\"site-header\"><div class=\"wrap\"><a class=\"site-title\" href=\"{{ site.home_url }}\">Vår logga</a></div></header>",
    );
    site.build_ok();
    for page in [
        "public/index.html",
        "public/2022/index.html",
        "public/en/2022/skola/index.html",
        "public/404.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("<meta name=\"google-site-verification\" content=\"abc123\">\n</head>"),
            "{page}"
        );
        assert!(html.contains("defer></script>\n</body>"), "{page}");
        assert!(html.contains("Vår logga"), "{page}");
    }
    // Everything else is the built-in theme's.
    let after = site.read("public/2022/index.html");
    let main = |h: &str| h[h.find("<main").unwrap()..h.find("</main>").unwrap()].to_string();
    assert_eq!(main(&after), main(&before));
}

#[test]
fn follow_up_templates_are_compiled_by_check_always_and_by_build_when_needed() {
    let site = TestSite::fixture("minimal");
    site.write(
        "themes/default/templates/report.html",
        "{% extends \"base.html\" %}{% block main %}{{ broken",
    );
    // The site has no follow-up: build does not need the report template…
    site.build_ok();
    // … but check finds the mistake in it, so it cannot surprise anyone later.
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("report.html"), "{}", stderr(&out));
    // With follow-up, build needs it, and fails at it.
    site.write(
        "content/2022/follow-up/2022-09-30.yaml",
        "skola-1:\n  text: \"Första insatsen\"\n  status: done\n",
    );
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("report.html"), "{}", stderr(&out));
}

#[test]
fn the_404_page_leads_on_to_the_plan_its_areas_and_the_other_plans() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    for (page, plan, area) in [
        ("public/404.html", "/hp/2022/", "/hp/2022/skola/"),
        ("public/en/404.html", "/hp/en/2022/", "/hp/en/2022/skola/"),
    ] {
        let doc = Html::parse_document(&site.read(page));
        let links: Vec<String> = select(&doc, ".way-on a")
            .iter()
            .filter_map(|a| a.attr("href").map(str::to_string))
            .collect();
        for want in [plan, area, &plan.replace("2022", "2021")] {
            assert!(links.iter().any(|l| l == want), "{page}: {want} in {links:?}");
        }
    }
}
