//! The project's real content: the 2022 plan as the chamber published it.

use crate::helpers::{TestSite, repo_root};
use handlingsplan::content::{self, LoadOptions};
use handlingsplan::model::Plan;
use scraper::{Html, Selector};

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed's focus areas and actions, read with its own simple rules: a
/// bullet line (`•`) starts an action, an indented line continues it, and the
/// non-blank line before a run of bullets is the area's title.
fn seed_areas() -> Vec<(String, Vec<String>)> {
    let seed = std::fs::read_to_string(repo_root().join("seeds/handlingsplan-2022.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let mut areas: Vec<(String, Vec<String>)> = Vec::new();
    let mut last_text = "";
    for line in lines {
        if let Some(action) = line.trim_start().strip_prefix('•') {
            if areas.last().is_none_or(|(t, _)| t != last_text) {
                areas.push((last_text.to_string(), Vec::new()));
            }
            areas.last_mut().unwrap().1.push(fold(action));
        } else if line.starts_with("  ") && !line.trim().is_empty() {
            let last = areas.last_mut().unwrap().1.last_mut().unwrap();
            *last = fold(&format!("{last} {line}"));
        } else if !line.trim().is_empty() {
            last_text = line.trim();
        }
    }
    areas
}

fn load_real() -> Vec<Plan> {
    let loaded = content::load(&LoadOptions::new(repo_root()));
    // The shipped base_url and contact are placeholders, and the chamber has
    // not yet assessed the site: nothing else is to be said.
    let others: Vec<_> = (loaded.diagnostics.iter())
        .filter(|d| !matches!(d.code, "placeholder" | "accessibility-statement"))
        .collect();
    assert!(others.is_empty(), "{others:?}");
    let site = loaded.site.unwrap();
    assert_eq!(site.years.len(), 1);
    site.years[0].plans.values().cloned().collect()
}

#[test]
fn the_swedish_plan_holds_exactly_the_seeds_areas_and_actions() {
    let seed = seed_areas();
    assert_eq!(seed.len(), 10);
    assert_eq!(seed.iter().map(|(_, a)| a.len()).sum::<usize>(), 30);
    let plans = load_real();
    let sv = plans.iter().find(|p| p.lang == "sv").unwrap();
    let parsed: Vec<(String, Vec<String>)> = sv
        .areas
        .iter()
        .map(|a| (fold(&a.title), a.actions.iter().map(|x| fold(&x.text)).collect()))
        .collect();
    assert_eq!(parsed, seed);
}

#[test]
fn the_english_plan_pairs_with_the_swedish_one() {
    let plans = load_real();
    let (sv, en) = (
        plans.iter().find(|p| p.lang == "sv").unwrap(),
        plans.iter().find(|p| p.lang == "en").unwrap(),
    );
    let shape = |p: &Plan| {
        p.areas
            .iter()
            .map(|a| (a.id.clone(), a.actions.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(sv), shape(en));
    let actions = || en.areas.iter().flat_map(|a| &a.actions).map(|x| x.text.as_str());
    // Proper names as the chamber wrote them, or their official English names.
    for name in [
        "Scaleup",
        "SMART-START",
        "Dubbel Yrkesutbildning",
        "Linnaeus University",
        "Svedab",
        "SE-4",
        "CPH",
        "the County Administrative Board, Swedish Customs, the Swedish Prison and Probation Service and the Swedish Police Authority",
    ] {
        assert!(
            actions().any(|x| x.contains(name)),
            "`{name}` is missing from the English plan"
        );
    }
    // A translation of what the chamber wrote, no more: no explanations inside its texts.
    // The police named one way (4.1 and 4.3), Fehmarnbelt spelt one way.
    let all: String = actions().collect::<Vec<_>>().join("\n");
    assert_eq!(all.matches("the Swedish Police Authority").count(), 2, "{all}");
    assert!(!all.contains("Fehmarn Belt") && !all.contains("Police and"), "{all}");
    for added in [
        "(",
        "a dual vocational training programme",
        "state-owned",
        "Copenhagen Airport",
        "cross-border",
        "transport infrastructure plan",
    ] {
        assert!(
            !actions().any(|x| x.contains(added)),
            "`{added}` is not in the Swedish text"
        );
    }
}

#[test]
fn the_english_pages_say_the_swedish_text_is_the_authority() {
    let site = TestSite::real();
    site.build_ok();
    for page in site.files("public/en").iter().filter(|f| f.ends_with(".html")) {
        let doc = Html::parse_document(&site.read(&format!("public/en/{page}")));
        let notice: Vec<_> = doc.select(&Selector::parse(".language-notice").unwrap()).collect();
        // With the plan's text, not on the 404 page or the statement.
        if page == "404.html" || page.starts_with("accessibility/") {
            assert!(notice.is_empty(), "{page}");
            continue;
        }
        assert_eq!(notice.len(), 1, "{page}");
        let text: String = notice[0].text().collect();
        assert!(text.contains("The Swedish version is authoritative."), "{page}: {text}");
        // A link to the same page in Swedish, marked as Swedish.
        let link = notice[0]
            .select(&Selector::parse("a[hreflang=sv][lang=sv]").unwrap())
            .next();
        let href = link.and_then(|a| a.value().attr("href")).unwrap_or_default();
        let depth = page.matches('/').count() + 1;
        let same = format!("{}{}", "../".repeat(depth), page.trim_end_matches("index.html"));
        assert_eq!(href, same, "{page}");
    }
    let sv = Html::parse_document(&site.read("public/2022/index.html"));
    assert_eq!(
        sv.select(&Selector::parse(".language-notice").unwrap()).count(),
        0,
        "the Swedish pages carry none"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("public/en/2022/plan.json")).unwrap();
    assert!(json["notice"].as_str().unwrap().contains("authoritative"));
    let json: serde_json::Value = serde_json::from_str(&site.read("public/2022/plan.json")).unwrap();
    assert!(json["notice"].is_null());
}

#[test]
fn the_real_site_builds_in_both_languages() {
    let site = TestSite::real();
    site.build_ok();
    let sel = |s| Selector::parse(s).unwrap();
    for lang_dir in ["", "en/"] {
        let plan = Html::parse_document(&site.read(&format!("public/{lang_dir}2022/index.html")));
        assert_eq!(plan.select(&sel("li.action")).count(), 30, "{lang_dir}");
        assert_eq!(plan.select(&sel("section.area")).count(), 10, "{lang_dir}");
        let area_pages = site
            .files(&format!("public/{lang_dir}2022"))
            .iter()
            .filter(|f| f.ends_with("/index.html"))
            .count();
        assert_eq!(area_pages, 10, "{lang_dir}");
    }
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Every byte of the real site's output, as a list of files with their
/// size and hash: a change to any output file shows in the snapshot's diff
/// (a refactoring must leave it as it is; a deliberate change updates it).
#[test]
fn the_real_sites_output_is_byte_for_byte_as_recorded() {
    let site = TestSite::real();
    site.build_ok();
    let listing: Vec<String> = site
        .files("public")
        .iter()
        .map(|rel| {
            let bytes = std::fs::read(site.path(&format!("public/{rel}"))).unwrap();
            format!("{rel}  {}  {:016x}", bytes.len(), fnv1a(&bytes))
        })
        .collect();
    insta::assert_snapshot!(listing.join("\n"));
}

#[test]
fn the_seed_is_unchanged() {
    let seed = std::fs::read(repo_root().join("seeds/handlingsplan-2022.txt")).unwrap();
    // 64-bit FNV-1a of the seed as the chamber published it (`seeds/`, 3,407 bytes).
    let hash = fnv1a(&seed);
    assert_eq!(
        (seed.len(), hash),
        (3407, 0xd304_ec63_227d_0d2e),
        "the seed must stay unchanged"
    );
}
