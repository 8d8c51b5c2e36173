//! Share cards: the 1200×630 image a link preview shows for every plan and
//! area page, drawn once and kept in `.handlingsplan-cache/`.

use crate::helpers::{TestSite, stderr};
use scraper::{Html, Selector};
use std::collections::BTreeMap;

const BASE: &str = "https://testkammaren.se/hp/";
const CACHE: &str = ".handlingsplan-cache/share-cards";
const SITE: &str = "base_url: https://testkammaren.se/hp\ndefault_language: sv\nlanguages:\n  sv: { name: Svenska, title: Testkammarens plan }\n  en: { name: English, title: The Test Chamber plan }\naccessibility: { status: full, contact: webb@testkammaren.se, assessed: 2026-05-31 }\n";
const RED_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#ff0000"/></svg>"##;

/// The content of `<meta property|name="key">` on a page.
fn meta(html: &str, key: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let css = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    let found = doc.select(&Selector::parse(&css).unwrap()).next();
    found.and_then(|m| m.value().attr("content")).map(str::to_string)
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The header of a `w`×`h` PNG: all a reader of image sizes looks at.
pub fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(w.to_be_bytes());
    png.extend(h.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

/// Every card in the output, by path, with its bytes.
fn cards(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    site.files("public")
        .into_iter()
        .filter(|f| f.ends_with("share.png"))
        .map(|f| {
            let bytes = std::fs::read(site.path(&format!("public/{f}"))).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The cache's cards (named by their SVG) with their modification times.
fn cache(site: &TestSite) -> BTreeMap<String, std::time::SystemTime> {
    site.files(CACHE)
        .into_iter()
        .filter(|f| !f.contains('/'))
        .map(|f| {
            let modified = std::fs::metadata(site.path(&format!("{CACHE}/{f}")))
                .unwrap()
                .modified()
                .unwrap();
            (f, modified)
        })
        .collect()
}

#[test]
fn every_plan_and_area_page_shows_its_own_1200_by_630_card() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let pages = [
        ("index.html", "Testplan 2022"),
        ("2022/index.html", "Testplan 2022"),
        ("2022/skola/index.html", "Skola och jobb"),
        ("en/index.html", "Test plan 2022"),
        ("en/2022/miljo/index.html", "Environment"),
    ];
    for (page, title) in pages {
        let html = site.read(&format!("public/{page}"));
        let url = meta(&html, "og:image").unwrap_or_else(|| panic!("{page} has no og:image"));
        let file = url.strip_prefix(BASE).expect("an absolute URL on the site");
        let png = std::fs::read(site.path(&format!("public/{file}"))).unwrap();
        assert_eq!(png_size(&png), (1200, 630), "{file}");
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));
        let alt = meta(&html, "og:image:alt").unwrap();
        assert!(alt.starts_with(title), "{page}: {alt}");
    }
    // An area's card is its own, not the plan's.
    let area = meta(&site.read("public/2022/skola/index.html"), "og:image").unwrap();
    assert_eq!(area, format!("{BASE}2022/skola/share.png"));
    // Pages that are not about a plan keep the small preview.
    let html = site.read("public/tillganglighet/index.html");
    assert_eq!(meta(&html, "og:image"), None);
    assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary"));
    assert_eq!(cards(&site).len(), 6, "a plan and two areas in two languages");
}

#[test]
fn a_rebuild_draws_no_card_again_and_the_cache_is_safe_to_delete() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let first = cache(&site);
    assert_eq!(first.len(), 6);
    assert!(site.path(".handlingsplan-cache/CACHEDIR.TAG").is_file());
    let drawn = cards(&site);
    site.build_ok();
    assert_eq!(cache(&site), first, "an unchanged card was drawn again");
    assert_eq!(cards(&site), drawn);
    #[cfg(unix)]
    {
        // The output's card is the cached file itself, linked, not a copy.
        use std::os::unix::fs::MetadataExt;
        let card = std::fs::metadata(site.path("public/2022/share.png")).unwrap();
        assert!(card.nlink() >= 2, "the card was copied, not linked");
    }
    // A changed title draws the cards that show it, and only those.
    let plan = site
        .read("content/2022/plan.en.md")
        .replacen("Test plan 2022", "Test plan 2022, revised", 1);
    site.write("content/2022/plan.en.md", plan);
    site.build_ok();
    let now = cache(&site);
    assert_eq!(now.len(), 9, "the English plan card and its two area cards are new");
    assert!(first.iter().all(|(f, t)| now.get(f) == Some(t)));
    let changed = cards(&site);
    assert_eq!(changed["2022/share.png"], drawn["2022/share.png"]);
    assert_ne!(changed["en/2022/share.png"], drawn["en/2022/share.png"]);
    // Deleted, the cache is made again, and the cards are the same bytes.
    std::fs::remove_dir_all(site.path(".handlingsplan-cache")).unwrap();
    site.build_ok();
    assert_eq!(cards(&site), changed);
    assert_eq!(cache(&site).len(), 6);
}

#[test]
fn a_changed_card_template_or_ui_string_draws_the_cards_again_from_a_warm_cache() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    assert_eq!(
        site.files(&format!("{CACHE}/pages")).len(),
        6,
        "each card is kept under its page's data too"
    );
    let drawn = cards(&site);
    // A rebuild finds every card by its page's data, without its SVG.
    for by_svg in cache(&site).keys() {
        std::fs::remove_file(site.path(&format!("{CACHE}/{by_svg}"))).unwrap();
    }
    site.build_ok();
    assert_eq!(cards(&site), drawn);
    assert!(cache(&site).is_empty(), "a card's SVG was made again");
    let template = include_str!("../../themes/default/templates/share_card.svg");
    assert!(template.contains(r##"fill="#ffffff""##));
    site.write(
        "themes/default/templates/share_card.svg",
        template.replacen(r##"fill="#ffffff""##, r##"fill="#fffbe6""##, 1),
    );
    site.build_ok();
    let tinted = cards(&site);
    for (card, bytes) in &tinted {
        assert_ne!(bytes, &drawn[card], "{card} is the card of the old template");
    }
    // The English UI strings name the focus area on an area's card.
    let strings = include_str!("../../themes/default/i18n/en.yaml");
    assert!(strings.contains("focus_area: Focus area\n"));
    site.write(
        "themes/default/i18n/en.yaml",
        strings.replacen("focus_area: Focus area\n", "focus_area: Theme\n", 1),
    );
    site.build_ok();
    let renamed = cards(&site);
    assert_ne!(renamed["en/2022/skola/share.png"], tinted["en/2022/skola/share.png"]);
    assert_eq!(renamed["2022/skola/share.png"], tinted["2022/skola/share.png"]);
}

#[test]
fn the_logo_is_part_of_the_card_and_a_new_logo_draws_it_again() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let plain = cards(&site);
    site.write(
        "content/site.yaml",
        format!("{SITE}brand:\n  logo: logo.svg\n  accent: \"#8a1538\"\n"),
    );
    site.write("content/logo.svg", RED_LOGO);
    site.build_ok();
    let branded = cards(&site);
    assert!(
        plain.iter().all(|(f, png)| branded[f] != *png),
        "the brand is not on the cards"
    );
    // Same name, new picture: the cards are drawn again.
    site.write("content/logo.svg", RED_LOGO.replace("#ff0000", "#0000ff"));
    site.build_ok();
    let relogo = cards(&site);
    assert!(
        branded.iter().all(|(f, png)| relogo[f] != *png),
        "a stale card was kept"
    );
}

#[test]
fn a_fixed_share_image_stands_in_for_every_card() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/site.yaml",
        format!("{SITE}brand:\n  share_image: delning.png\n"),
    );
    site.write("content/delning.png", png_header(1200, 600));
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    site.build_ok();
    assert!(cards(&site).is_empty(), "cards were drawn");
    assert!(!site.path(CACHE).exists());
    assert_eq!(
        std::fs::read(site.path("public/brand/delning.png")).unwrap(),
        png_header(1200, 600)
    );
    for page in ["public/2022/index.html", "public/en/2022/skola/index.html"] {
        let html = site.read(page);
        assert_eq!(meta(&html, "og:image"), Some(format!("{BASE}brand/delning.png")));
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("600"));
    }
}

#[test]
fn share_image_mistakes_are_pointed_at_in_site_yaml() {
    let cases: &[(&str, Option<&[u8]>, &str, &str)] = &[
        ("delning.svg", None, "error[invalid-share-image]", "site.yaml:8:3"),
        ("saknas.png", None, "error[missing-share-image]", "site.yaml:8:16"),
        (
            "delning.png",
            Some(b"not an image"),
            "error[unreadable-share-image]",
            "site.yaml:8:16",
        ),
        (
            "delning.png",
            Some(&[]),
            "error[unreadable-share-image]",
            "site.yaml:8:16",
        ),
    ];
    for (name, bytes, code, at) in cases {
        let site = TestSite::fixture("minimal");
        site.write("content/site.yaml", format!("{SITE}brand:\n  share_image: {name}\n"));
        if let Some(bytes) = bytes {
            site.write(&format!("content/{name}"), bytes);
        }
        let out = site.cmd(&["check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(err.contains(code) && err.contains(at), "{name}: {err}");
        assert_eq!(site.build().status.code(), Some(1));
    }
    // Too small for link previews: a warning, and the build goes on.
    let site = TestSite::fixture("minimal");
    site.write("content/site.yaml", format!("{SITE}brand:\n  share_image: liten.png\n"));
    site.write("content/liten.png", png_header(100, 80));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[small-share-image]"), "{}", stderr(&out));
    let strict = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_card_template_that_is_not_svg_is_an_error_at_the_template() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let before = site.read("public/2022/index.html");
    site.write(
        "themes/default/templates/share_card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{{ card.title_lines | join(sep=\" \") }}</svg>",
    );
    for args in [&["check"][..], &["build"]] {
        let out = site.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("error[invalid-share-card]") && err.contains("themes/default/templates/share_card.svg"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(site.read("public/2022/index.html"), before, "the output changed");
}

/// `build --prune-cache`, which must succeed; its stdout and stderr.
fn build_pruning(site: &TestSite) -> (String, String) {
    let out = site.cmd(&["build", "--prune-cache"]).output().unwrap();
    let stderr = stderr(&out);
    assert!(out.status.success(), "build failed:\n{stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// Retitle the English plan: its card and its two areas' cards change.
fn retitle(site: &TestSite, title: &str) {
    let plan = site.read("content/2022/plan.en.md");
    let old = plan.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    site.write(
        "content/2022/plan.en.md",
        plan.replacen(&old, &format!("title: {title}"), 1),
    );
}

#[cfg(unix)]
#[test]
fn prune_cache_deletes_only_the_cards_this_build_did_not_use() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    retitle(&site, "Test plan 2022, revised");
    site.build_ok();
    assert_eq!(cache(&site).len(), 9);
    // What is not a card the cache made is never touched.
    site.write(&format!("{CACHE}/notes.txt"), "mine");
    site.write("outside.png", "mine");
    let link = site.path(&format!("{CACHE}/0123456789abcdef0123456789abcdef.png"));
    std::os::unix::fs::symlink(site.path("outside.png"), &link).unwrap();

    let (stdout, _) = build_pruning(&site);
    assert!(stdout.contains("pruned 6 unused file(s)"), "{stdout}");
    let mut kept = cache(&site);
    kept.remove("notes.txt");
    assert_eq!(kept.len(), 6, "the old English cards are gone: {kept:?}");
    assert_eq!(site.files(&format!("{CACHE}/pages")).len(), 6);
    assert_eq!(site.read(&format!("{CACHE}/notes.txt")), "mine");
    assert!(link.symlink_metadata().is_ok());
    assert_eq!(site.read("outside.png"), "mine");
    // Nothing the site needs was pruned: a rebuild draws no card, even
    // after a change to a page template, which finds the cards by their SVG.
    let drawn = cards(&site);
    let base = include_str!("../../themes/default/templates/base.html");
    assert!(base.contains("<body"));
    site.write(
        "themes/default/templates/base.html",
        base.replacen("<body", "<body data-x=\"1\"", 1),
    );
    let (stdout, _) = build_pruning(&site);
    assert!(
        stdout.contains("pruned 6 unused file(s)"),
        "the page-data names of before the change: {stdout}"
    );
    assert_eq!(site.files(&format!("{CACHE}/pages")).len(), 6);
    let mut now = cache(&site);
    now.remove("notes.txt");
    assert_eq!(now, kept, "a card was drawn again");
    assert_eq!(cards(&site), drawn);
}

#[cfg(unix)]
#[test]
fn prune_cache_leaves_a_cache_folder_it_cannot_prove_is_its_own() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    // The cache is a link to a folder of the user's.
    std::fs::rename(site.path(".handlingsplan-cache"), site.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(site.path("elsewhere"), site.path(".handlingsplan-cache")).unwrap();
    retitle(&site, "Linked");
    let before = site.files("elsewhere");
    let (_, stderr) = build_pruning(&site);
    assert!(stderr.contains("warning[cache-not-pruned]"), "{stderr}");
    assert!(stderr.contains("is a link or a file, not a folder"), "{stderr}");
    let after = site.files("elsewhere");
    assert!(before.iter().all(|f| after.contains(f)), "a file was deleted");
    // A real folder without the tag this program writes.
    std::fs::remove_file(site.path(".handlingsplan-cache")).unwrap();
    std::fs::rename(site.path("elsewhere"), site.path(".handlingsplan-cache")).unwrap();
    site.write(
        ".handlingsplan-cache/CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n# someone else's\n",
    );
    retitle(&site, "Tagged");
    let before = site.files(".handlingsplan-cache");
    let (_, stderr) = build_pruning(&site);
    assert!(
        stderr.contains("CACHEDIR.TAG is missing or not the one handlingsplan writes"),
        "{stderr}"
    );
    let after = site.files(".handlingsplan-cache");
    assert!(before.iter().all(|f| after.contains(f)), "a file was deleted");
}

#[test]
fn a_card_says_when_the_follow_up_was_last_reported() {
    let site = TestSite::fixture("reports");
    site.build_ok();
    let before = cards(&site);
    // The same report under a later date: the same state, another "as of".
    let reports = "content/2022/follow-up";
    let text = site.read(&format!("{reports}/2022-09-30.yaml"));
    std::fs::remove_file(site.path(&format!("{reports}/2022-09-30.yaml"))).unwrap();
    site.write(&format!("{reports}/2022-10-31.yaml"), text);
    site.build_ok();
    let after = cards(&site);
    let plan_card = "2022/share.png";
    assert_ne!(
        before[plan_card], after[plan_card],
        "the plan's card names the new date"
    );
}
