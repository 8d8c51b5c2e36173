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
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
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
    for name in [
        "Scaleup",
        "SMART-START",
        "Dubbel Yrkesutbildning",
        "Linnéuniversitetet",
        "Svedab",
        "SE-4",
        "Fehmarn Belt",
        "Copenhagen Airport",
        "higher vocational education",
    ] {
        assert!(
            en.areas.iter().flat_map(|a| &a.actions).any(|x| x.text.contains(name)),
            "`{name}` is missing from the English plan"
        );
    }
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

#[test]
fn the_seed_in_the_project_is_the_shared_seed() {
    let shared = repo_root().join("../shared/seeds/handlingsplan-2022.txt");
    let ours = std::fs::read(repo_root().join("seeds/handlingsplan-2022.txt")).unwrap();
    assert_eq!(ours.len(), 3407, "the seed must stay unchanged");
    if let Ok(theirs) = std::fs::read(shared) {
        assert_eq!(ours, theirs);
    }
}
