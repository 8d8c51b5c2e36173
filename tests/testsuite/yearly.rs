//! The yearly cycle: follow-up, year-over-year changes, `new`, open data.

use crate::helpers::{TestSite, stderr, stdout};
use scraper::{Html, Selector};

fn select(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn follow_up_shows_on_every_action_it_covers() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let sv = site.read("public/2022/index.html");
    assert_eq!(select(&sv, "#skola-1 .status"), ["✓ Klar"]);
    assert_eq!(select(&sv, "#skola-2 .status"), ["◐ Pågår"]);
    assert_eq!(select(&sv, "#miljo-1 .status"), ["‖ Pausad"]);
    let doc = Html::parse_document(&sv);
    let progress = doc
        .select(&Selector::parse("#skola-2 progress").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        (
            progress.attr("value"),
            progress.attr("max"),
            progress.attr("aria-label")
        ),
        (Some("40"), Some("100"), Some("Genomfört"))
    );
    // A percentage as each language writes it.
    assert_eq!(select(&sv, "#skola-2 .progress-value"), ["40 %"]);
    let en = site.read("public/en/2022/index.html");
    assert_eq!(select(&en, "#skola-2 .progress-value"), ["40%"]);
    // "Insatsområde 1 av 2", not "1/2".
    let area = |page: &str| select(&site.read(page), ".eyebrow");
    assert_eq!(area("public/2022/skola/index.html"), ["Insatsområde 1 av 2"]);
    assert_eq!(area("public/en/2022/skola/index.html"), ["Focus area 1 of 2"]);
    assert_eq!(
        select(&sv, "#skola-1 .follow-up-facts dd"),
        ["Testkammaren", "Kommunen, Skolverket", "30 september 2022"]
    );
    assert_eq!(select(&sv, "#skola-1 .note"), ["Klart i september."]);
    assert_eq!(
        select(&sv, ".overview .rollup"),
        ["Uppföljning: 1 av 3 klara, 1 pågår, 1 pausad"]
    );
    assert_eq!(select(&sv, "#skola .rollup"), ["1 av 2 klara, 1 pågår"]);
    let en = site.read("public/en/2022/skola/index.html");
    assert_eq!(select(&en, "#skola-1 .status"), ["✓ Done"]);
    assert_eq!(select(&en, "#skola-1 .note"), ["Finished in September."]);
    assert_eq!(select(&sv, ".chart-count")[0], "1 av 2 klara");
    // An action without follow-up shows nothing extra.
    let plain = TestSite::fixture("minimal");
    plain.build_ok();
    assert!(!plain.read("public/2022/index.html").contains("class=\"follow-up\""));
    assert!(!plain.read("public/2022/index.html").contains("class=\"rollup\""));
}

#[test]
fn the_plan_shows_what_changed_since_last_year() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let sv = site.read("public/2022/index.html");
    assert_eq!(select(&sv, ".changes h2"), ["Förändringar sedan 2021"]);
    assert_eq!(
        select(&sv, ".changes h3"),
        [
            "Nya insatsområden",
            "Insatsområden som fortsätter",
            "Insatsområden som inte längre ingår"
        ]
    );
    assert_eq!(
        select(&sv, ".changes li"),
        ["Miljö", "Skola och jobb: insatser som fortsätter: 1, nya: 1", "Trafik"]
    );
    assert_eq!(select(&sv, "#skola-2 .change-badge"), ["Ny"]);
    assert!(select(&sv, "#skola-1 .change-badge").is_empty());
    let earliest = site.read("public/2021/index.html");
    assert!(
        select(&earliest, ".changes").is_empty(),
        "the first year has nothing to compare with"
    );
    let home = site.read("public/index.html");
    assert_eq!(select(&home, "nav.years li"), ["Testplan 2022", "Testplan 2021"]);
}

#[test]
fn plan_json_carries_follow_up_and_changes() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.read("public/en/2022/plan.json")).unwrap();
    let action = &json["areas"][0]["actions"][0];
    assert_eq!(action["follow_up"]["status"], "done");
    assert_eq!(action["follow_up"]["progress"], 100);
    assert_eq!(action["follow_up"]["partners"][1], "Skolverket");
    assert_eq!(
        action["follow_up"]["note_html"],
        "<p>Finished in <em>September</em>.</p>\n"
    );
    assert!(json["areas"][1]["actions"][0]["follow_up"]["lead"].is_null());
    assert_eq!(json["changes"]["since"], 2021);
    assert_eq!(json["changes"]["areas"][0]["status"], "continued");
    assert_eq!(json["changes"]["areas"][0]["actions"][0]["status"], "same");
    assert_eq!(json["changes"]["areas"][0]["actions"][1]["status"], "new");
    assert_eq!(json["changes"]["areas"][1]["status"], "new");
    assert_eq!(json["changes"]["dropped"][0]["id"], "trafik");
    let earliest: serde_json::Value = serde_json::from_str(&site.read("public/2021/plan.json")).unwrap();
    assert!(earliest["changes"].is_null());
}

#[test]
fn plan_csv_has_a_row_per_action_and_a_byte_order_mark() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let bytes = std::fs::read(site.path("public/2022/plan.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for spreadsheet programs");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows,
        [
            "year,area_id,area_title,action_number,anchor,text,status,progress,lead,due,overdue,partners,updated,note",
            "2022,skola,Skola och jobb,1,skola-1,Första insatsen,done,100,Testkammaren,,false,Kommunen; Skolverket,2022-09-30,Klart i september.",
            "2022,skola,Skola och jobb,2,skola-2,Andra insatsen med fetstil,ongoing,40,,,false,,,",
            "2022,miljo,Miljö,1,miljo-1,Plantera träd,paused,,,,false,,,",
        ]
    );
    assert!(text.ends_with("\r\n"));
    assert!(site.read("public/en/2022/plan.csv").contains("School and work"));
}

#[test]
fn plans_json_indexes_every_year() {
    let site = TestSite::fixture("two-years");
    site.build_ok();
    let index: serde_json::Value = serde_json::from_str(&site.read("public/plans.json")).unwrap();
    let plans = index["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["year"], 2021);
    assert_eq!(plans[1]["languages"]["en"]["title"], "Test plan 2022");
    assert_eq!(
        plans[1]["languages"]["sv"]["csv"],
        "https://testkammaren.se/hp/2022/plan.csv"
    );
    assert_eq!(
        plans[1]["languages"]["en"]["json"],
        "https://testkammaren.se/hp/en/2022/plan.json"
    );
}

/// Broken follow-up files: (name, file content).
const BROKEN: &[(&str, &str)] = &[
    ("unknown-action", "skola-3:\n  text: Första insatsen\n  status: done\n"),
    (
        "unknown-key",
        "skola-1:\n  text: Första insatsen\n  status: done\n  owner: Kommunen\n",
    ),
    (
        "unknown-status",
        "skola-1:\n  text: Första insatsen\n  status: finished\n",
    ),
    (
        "progress-out-of-range",
        "skola-1:\n  text: Första insatsen\n  status: ongoing\n  progress: 150\n",
    ),
    (
        "bad-date",
        "skola-1:\n  text: Första insatsen\n  status: ongoing\n  updated: 2022-02-30\n",
    ),
    (
        "unknown-note-language",
        "skola-1:\n  text: Första insatsen\n  status: ongoing\n  note:\n    sv: Bra.\n    de: Gut.\n",
    ),
    ("missing-status", "skola-1:\n  text: Första insatsen\n  progress: 10\n"),
    ("invalid-yaml", "skola-1:\n  status: done\n   progress: 10\n"),
    ("wrong-action", "skola-1:\n  text: Plantera träd\n  status: done\n"),
];

#[test]
fn broken_follow_up_files_are_located_errors() {
    for (name, text) in BROKEN {
        let site = TestSite::fixture("two-years");
        site.write("content/2022/follow-up.yaml", text);
        let out = site.build();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(err.contains("--> content/2022/follow-up.yaml:"), "{name}: {err}");
        assert!(err.contains("help:"), "{name}: {err}");
        insta::assert_snapshot!(format!("follow_up_{name}"), err);
        let check = site.cmd(&["check", "--format", "json"]).output().unwrap();
        assert_eq!(check.status.code(), Some(1), "{name}: check fails too");
        let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
        assert!(
            diags.iter().any(|d| d["file"] == "content/2022/follow-up.yaml"),
            "{name}"
        );
    }
}

#[test]
fn new_scaffolds_next_year_as_a_draft_that_builds_and_checks() {
    let site = TestSite::fixture("two-years");
    let out = site.cmd(&["new", "2023"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created content/2023/plan.sv.md"));
    let sv = site.read("content/2023/plan.sv.md");
    assert!(sv.starts_with("---\ntitle: Testplan 2023\n"), "{sv}");
    assert!(sv.contains("draft: true"));
    assert!(sv.contains("## Skola och jobb {#skola}") && sv.contains("- Andra insatsen med **fetstil**"));
    assert!(site.read("content/2023/plan.en.md").contains("title: Test plan 2023"));
    assert!(site.read("content/2023/follow-up.yaml").contains("# skola-2:"));

    site.build_ok();
    assert!(!site.path("public/2023").exists(), "a draft is not published");
    let out = site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("public/2023/index.html");
    assert!(page.contains("class=\"draft-notice\""));
    assert_eq!(select(&page, ".changes h2"), ["Förändringar sedan 2022"]);
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let again = site.cmd(&["new", "2023"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("`content/2023` already exists"),
        "{}",
        stderr(&again)
    );
    let from = site.cmd(&["new", "2024", "--from", "2021"]).output().unwrap();
    assert!(from.status.success());
    assert!(site.read("content/2024/plan.sv.md").contains("## Trafik {#trafik}"));
}

/// Which files a partial render (as `serve` does after the folders of
/// `years` changed, and the plans of `plans` among them) writes.
fn rendered(site: &TestSite, years: &[u16], plans: &[u16]) -> Vec<String> {
    use handlingsplan::render::{self, MemorySink, Scope};
    let session =
        handlingsplan::pipeline::Session::open(handlingsplan::pipeline::LoadOptions::new(site.root())).unwrap();
    let sink = MemorySink::new();
    let scope = Scope::Changed {
        years,
        plans,
        listing: false,
        reports: false,
    };
    session
        .render(sink.checking(), scope, render::LinkStyle::Relative)
        .unwrap();
    let files = sink.into_files();
    let home = |f: &str| match &files[f] {
        render::memory::MemoryFile::Bytes(b) => select(&String::from_utf8_lossy(b), "h1").join(""),
        other => panic!("{f} is {other:?}"),
    };
    files
        .keys()
        // Home and plan pages: no focus-area pages, no accessibility statement.
        .filter(|f| {
            let page = f.strip_prefix("en/").unwrap_or(f);
            let statement = page.starts_with("accessibility") || page.starts_with("tillganglighet");
            page.ends_with("index.html") && page.matches('/').count() <= 1 && !statement
        })
        .map(|f| format!("{f}: {}", home(f)))
        .collect()
}

#[test]
fn the_home_page_shows_the_latest_plan_whichever_years_are_rendered() {
    let site = TestSite::fixture("two-years");
    let homes = ["en/index.html: Test plan 2022", "index.html: Testplan 2022"];
    let plan_pages = ["en/2022/index.html", "2022/index.html"];
    let latest = rendered(&site, &[2022], &[2022]);
    for page in homes.iter().chain(&plan_pages) {
        assert!(
            latest.iter().any(|f| f.starts_with(page)),
            "{page} missing from {latest:?}"
        );
    }
    assert!(latest.iter().all(|f| !f.contains("2021/")), "{latest:?}");
    // Only last year's plan changed: this year's pages and the home pages
    // (which show this year's plan) say what changed since, and are made again.
    let older = rendered(&site, &[2021], &[2021]);
    let shown: Vec<&String> = older.iter().filter(|f| !f.contains("2021/")).collect();
    assert_eq!(shown.len(), 4, "{older:?}");
    for page in homes.iter().chain(&plan_pages) {
        assert!(
            shown.iter().any(|f| f.starts_with(page)),
            "{page} missing from {older:?}"
        );
    }
    // Only last year's follow-up changed: this year's pages do not show it.
    let follow_up = rendered(&site, &[2021], &[]);
    assert!(
        !follow_up.is_empty() && follow_up.iter().all(|f| f.contains("2021/")),
        "{follow_up:?}"
    );
}

#[test]
fn names_in_the_follow_up_are_shown_in_the_pages_language() {
    let site = TestSite::fixture("two-years");
    let path = "content/2022/follow-up.yaml";
    let text = site.read(path);
    let (lead, partners) = ("  lead: Testkammaren\n", "  partners: [Kommunen, Skolverket]\n");
    assert!(text.contains(lead) && text.contains(partners));
    let text = text.replacen(
        lead,
        "  lead:\n    sv: Polisen\n    en: the Swedish Police Authority\n",
        1,
    );
    let text = text.replacen(
        partners,
        "  partners: [Kommunen, {sv: Tullverket, en: Swedish Customs}]\n",
        1,
    );
    site.write(path, text);
    site.build_ok();
    let facts = |page: &str| select(&site.read(page), "#skola-1 .follow-up-facts dd");
    assert_eq!(
        facts("public/2022/index.html")[..2],
        ["Polisen", "Kommunen, Tullverket"]
    );
    assert_eq!(
        facts("public/en/2022/index.html")[..2],
        ["the Swedish Police Authority", "Kommunen, Swedish Customs"]
    );
    // The overview groups actions by the name in its language; open data too.
    let overview = site.read("public/en/2022/follow-up/index.html");
    assert!(overview.contains("the Swedish Police Authority") && !overview.contains("Polisen"));
    let json: serde_json::Value = serde_json::from_str(&site.read("public/en/2022/plan.json")).unwrap();
    let f = &json["areas"][0]["actions"][0]["follow_up"];
    assert_eq!(f["lead"], "the Swedish Police Authority");
    assert_eq!(f["partners"], serde_json::json!(["Kommunen", "Swedish Customs"]));
}
