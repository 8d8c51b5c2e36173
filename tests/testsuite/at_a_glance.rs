//! Where the plan stands, read in seconds: the chart that compares the areas
//! (every bar 100 %, done first, overdue hatched, words beside each bar), the
//! area cards' own bars, the follow-up overview as a table, and report pages
//! that open with the strip and the chart as of their date.

use crate::helpers::TestSite;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(html: &str, css: &str) -> Vec<String> {
    Html::parse_document(html).select(&sel(css)).map(text).collect()
}

/// A bar's parts (class, width) and its hatched overdue shares (width, fill).
type Bar = (Vec<(String, f64)>, Vec<(f64, String)>);

/// The parts of one bar: each rect's class and width, overdue hatching apart.
fn bar(svg: ElementRef) -> Bar {
    let width = |r: &ElementRef| r.attr("width").unwrap().parse::<f64>().unwrap();
    let rects: Vec<ElementRef> = svg.select(&sel("rect")).collect();
    let parts = (rects.iter())
        .filter(|r| r.attr("class") != Some("bar-overdue"))
        .map(|r| (r.attr("class").unwrap().to_string(), width(r)))
        .collect();
    let hatched = (rects.iter())
        .filter(|r| r.attr("class") == Some("bar-overdue"))
        .map(|r| (width(r), r.attr("fill").unwrap().to_string()))
        .collect();
    (parts, hatched)
}

#[test]
fn the_chart_compares_every_area_at_100_percent_done_first_with_overdue_hatched() {
    let site = TestSite::fixture("reports");
    site.build_ok();
    let html = site.read("public/2022/index.html");
    let doc = Html::parse_document(&html);
    let rows: Vec<ElementRef> = doc.select(&sel(".chart .chart-row")).collect();
    assert_eq!(rows.len(), 2, "a row per area");
    for row in &rows {
        let (parts, _) = bar(row.select(&sel("svg.bar")).next().expect("a bar"));
        let total: f64 = parts.iter().map(|p| p.1).sum();
        assert!((total - 100.0).abs() < 1e-9, "every bar is 100 %: {parts:?}");
    }
    // Skola: one done, one ongoing — done first; Miljö: its one action paused and overdue.
    let (skola, none) = bar(rows[0].select(&sel("svg.bar")).next().unwrap());
    assert_eq!(skola, [("strip-done".into(), 50.0), ("strip-ongoing".into(), 50.0)]);
    assert!(none.is_empty());
    let (miljo, hatched) = bar(rows[1].select(&sel("svg.bar")).next().unwrap());
    assert_eq!(miljo, [("strip-paused".into(), 100.0)]);
    assert_eq!(hatched, [(100.0, "url(#status-chart-miljo-overdue)".into())]);
    assert!(
        html.contains("<pattern id=\"status-chart-miljo-overdue\""),
        "the hatch is defined"
    );
    // The words: a plain label, whole titles, and the overdue said too.
    assert_eq!(texts(&html, ".chart-label"), ["1. Skola och jobb", "2. Miljö"]);
    assert_eq!(
        texts(&html, ".chart-count"),
        ["1 av 2 klara", "0 av 1 klara, ⚠ 1 försenad"]
    );
    // The legend follows the bar's order and shows overdue with its swatch.
    let legend = texts(&html, ".chart .legend li");
    assert_eq!(legend, ["✓ Klar (1)", "◐ Pågår (1)", "‖ Pausad (1)", "⚠ Försenad (1)"]);
    assert_eq!(doc.select(&sel(".chart .legend .swatch-overdue")).count(), 1);
    // Each area card has its own bar and count.
    assert_eq!(doc.select(&sel(".area-cards li svg.bar")).count(), 2);
    assert_eq!(texts(&html, ".area-cards .count"), ["1 av 2 klara", "0 av 1 klara"]);
    let en = site.read("public/en/2022/index.html");
    assert_eq!(texts(&en, ".chart-count"), ["1 of 2 done", "0 of 1 done, ⚠ 1 overdue"]);
    // Every id on the page is unique, the hatches' included.
    let ids: Vec<&str> = doc.select(&sel("[id]")).map(|e| e.attr("id").unwrap()).collect();
    assert_eq!(ids.len(), ids.iter().collect::<BTreeSet<_>>().len(), "{ids:?}");
}

#[test]
fn without_follow_up_there_is_no_chart_and_no_bars() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let html = site.read("public/2022/index.html");
    assert!(!html.contains("class=\"chart\"") && !html.contains("class=\"bar\""));
    assert_eq!(texts(&html, ".area-cards .count")[0], "2 insatser");
}

#[test]
fn what_is_not_reported_yet_comes_last_in_a_colour_of_no_status() {
    let site = TestSite::fixture("minimal");
    site.write("content/2022/follow-up.yaml", "skola-1:\n  status: done\n");
    site.build_ok();
    let html = site.read("public/2022/index.html");
    let doc = Html::parse_document(&html);
    let (skola, _) = bar(doc.select(&sel(".chart-row svg.bar")).next().unwrap());
    assert_eq!(skola, [("strip-done".into(), 50.0), ("strip-unreported".into(), 50.0)]);
    let legend = texts(&html, ".chart .legend li");
    assert_eq!(legend.last().unwrap(), "Inte rapporterad (2)", "{legend:?}");
}

#[test]
fn pages_and_share_cards_are_set_in_one_typeface_served_with_the_site() {
    let site = TestSite::fixture("reports");
    site.build_ok();
    let css_name = std::fs::read_dir(site.path("public/static"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .unwrap();
    let css = site.read(&format!("public/static/{css_name}"));
    let body = css.split("--hp-font-body:").nth(1).unwrap();
    assert!(body.trim_start().starts_with("Inter,"), "pages: {}", &body[..40]);
    // Every font the stylesheet names is published beside it, under its licence.
    let fonts: Vec<&str> = css
        .split("url(\"fonts/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(fonts, ["Inter-Regular.woff2", "Inter-Bold.woff2"]);
    for font in fonts.iter().chain(&["OFL.txt"]) {
        let bytes = std::fs::read(site.path(&format!("public/static/fonts/{font}"))).unwrap();
        assert!(font.ends_with(".txt") || bytes.starts_with(b"wOF2"), "{font} is WOFF2");
    }
    // The share card draws with the same family.
    let card = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/share_card.svg"
    ))
    .unwrap();
    assert!(card.contains("font-family=\"Inter, sans-serif\""));
}
