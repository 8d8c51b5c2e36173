//! `brand:` in site.yaml: a logo in every header and an accent colour that
//! stays readable in both colour schemes.

use crate::helpers::{TestSite, stderr};
use handlingsplan::content::config::brand::{DARK, LIGHT, Rgb};

const SITE: &str = "base_url: https://testkammaren.se/hp\ndefault_language: sv\nlanguages:\n  sv: { name: Svenska, title: Testkammarens plan }\n  en: { name: English, title: The Test Chamber plan }\n";

fn site_with(brand: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/site.yaml", format!("{SITE}brand:\n{brand}"));
    site
}

#[test]
fn the_logo_and_accent_show_on_every_page_in_both_schemes() {
    let site = site_with("  logo: logo.svg\n  accent: \"#8a1538\"\n");
    site.write(
        "content/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    );
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    site.build_ok();
    assert!(site.path("public/brand/logo.svg").is_file());
    for (page, src) in [
        ("public/index.html", "brand/logo.svg"),
        ("public/en/2022/skola/index.html", "../../../brand/logo.svg"),
        ("public/2022/index.html", "../brand/logo.svg"),
    ] {
        let html = site.read(page);
        assert!(
            html.contains(&format!(
                "<img class=\"logo\" src=\"{src}\" alt=\"\"> Testkammarens plan</a>"
            )) || html.contains(&format!(
                "<img class=\"logo\" src=\"{src}\" alt=\"\"> The Test Chamber plan</a>"
            )),
            "{page}"
        );
        assert!(html.contains("<style>:root{--hp-color-accent:#8a1538;"), "{page}");
    }
    // The dark scheme gets the same hue, made readable on the dark page.
    let html = site.read("public/index.html");
    let dark = html
        .split("prefers-color-scheme:dark){:root{--hp-color-accent:")
        .nth(1)
        .unwrap();
    let dark = Rgb::parse(&dark[..7]).unwrap();
    assert!(dark.readable_on(&DARK), "{dark:?}");
    assert_ne!(dark, Rgb::parse("#8a1538").unwrap());
}

#[test]
fn an_unreadable_accent_is_refused_with_the_nearest_readable_colour() {
    let site = site_with("  accent: \"#ffcc00\"\n");
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[low-contrast]") && err.contains("content/site.yaml:7:3"),
        "{err}"
    );
    let suggested = err.split("is readable there is `\"").nth(1).expect("a suggestion");
    let suggested = Rgb::parse(&suggested[..7]).unwrap();
    assert!(suggested.readable_on(&LIGHT), "{suggested:?}");
    // And a written dark accent is checked against the dark page.
    let site = site_with("  accent: \"#8a1538\"\n  accent_dark: \"#8a1538\"\n");
    let err = stderr(&site.cmd(&["check"]).output().unwrap());
    assert!(
        err.contains("on the dark page") && err.contains("site.yaml:8:3"),
        "{err}"
    );
    assert_eq!(site.build().status.code(), Some(1));
    assert!(!site.path("public").exists(), "nothing is published");
}

#[test]
fn brand_mistakes_are_located() {
    let cases = [
        ("  accent: röd\n", "invalid-colour", "site.yaml:7:3"),
        ("  logo: saknas.svg\n", "missing-logo", "site.yaml:7:9"),
        ("  logo: ../hemlig.svg\n", "invalid-logo", "site.yaml:7:3"),
        ("  färg: \"#8a1538\"\n", "unknown", "site.yaml"),
    ];
    for (brand, code, at) in cases {
        let site = site_with(brand);
        let out = site.cmd(&["check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{brand}");
        let err = stderr(&out);
        assert!(err.contains(code) && err.contains(at), "{brand}: {err}");
    }
}

#[test]
fn an_accent_like_a_status_colour_is_warned_about_and_statuses_keep_their_own() {
    let site = site_with("  accent: \"#8a1538\"\n");
    let err = stderr(&site.cmd(&["check"]).output().unwrap());
    assert!(
        err.contains("warning[accent-like-status]") && err.contains("`cancelled`"),
        "{err}"
    );
    let near = err
        .split("the nearest accent that does not is `\"")
        .nth(1)
        .expect("a nearest accent");
    let near = Rgb::parse(&near[..7]).unwrap();
    assert!(near.readable_on(&LIGHT), "{near:?}");
    let with_near = site_with(&format!("  accent: \"{}\"\n", near.hex()));
    let err = stderr(&with_near.cmd(&["check"]).output().unwrap());
    assert!(
        !err.contains("accent-like-status") && !err.contains("low-contrast"),
        "{err}"
    );
    // "Pågår" has its own colour whatever the accent: not the brand's.
    site.build_ok();
    let css = site
        .files("public/static")
        .into_iter()
        .find(|f| f.starts_with("style."))
        .map(|f| site.read(&format!("public/static/{f}")))
        .unwrap();
    assert!(
        css.contains(".status-ongoing { color: var(--hp-color-ongoing); }"),
        "ongoing is its own"
    );
    assert!(!css.contains("status-ongoing { color: var(--hp-color-accent)"));
}
