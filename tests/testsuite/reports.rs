//! Dated follow-up reports: carried-forward state, overdue actions, history,
//! a page per report, the overview, the Atom feed and the open data.

use crate::helpers::{TestSite, stderr};
use scraper::{Html, Selector};

fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `<main>` of a page, for snapshots.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("its end") + "</main>".len();
    html[start..end].to_string()
}

fn built() -> TestSite {
    let site = TestSite::fixture("reports");
    site.build_ok();
    site
}

#[test]
fn the_plan_shows_the_latest_report_with_overdue_actions_and_history() {
    let site = built();
    let plan = site.read("public/2022/index.html");
    assert_eq!(
        texts(&plan, ".overview .rollup"),
        ["Uppföljning: 1 av 3 klara, 1 pågår, 1 pausad, 1 försenad"]
    );
    // miljo-1 was due 2022-05-31 and is paused at the report of 2022-09-30.
    assert_eq!(texts(&plan, "#miljo-1 .overdue"), ["⚠ Försenad"]);
    assert!(texts(&plan, "#skola-1 .overdue").is_empty(), "done is never late");
    // Carried forward: skola-1's lead and due date come from the first report.
    let facts = texts(&plan, "#skola-1 .follow-up-facts");
    assert!(
        facts[0].contains("Testkammaren") && facts[0].contains("30 juni 2022"),
        "{facts:?}"
    );
    assert_eq!(
        texts(&plan, "#skola-1 .history"),
        ["Historik: 31 mars 2022 ◐ Pågår → 30 september 2022 ✓ Klar"]
    );
    // The chart has a legend, and what is not reported is not drawn as ongoing.
    let legend = texts(&plan, ".legend li");
    assert!(legend.iter().any(|l| l.contains("Pausad (1)")), "{legend:?}");
    assert!(legend.iter().any(|l| l.contains("Försenad (1)")), "{legend:?}");
    assert!(!plan.contains("strip-unreported"), "every action is reported");
    // The roll-up at each report, for the plan and on each area's page.
    assert_eq!(
        texts(&plan, ".rollups tbody td"),
        [
            "0 av 3 klara, 1 planerad, 1 pågår",
            "0 av 3 klara, 1 planerad, 2 pågår, 1 försenad",
            "1 av 3 klara, 1 pågår, 1 pausad, 1 försenad"
        ]
    );
    let area = site.read("public/2022/miljo/index.html");
    assert_eq!(texts(&area, ".rollups tbody tr").len(), 3);
    let links = texts(&plan, ".follow-up-links a");
    assert_eq!(
        links,
        [
            "Uppföljning i översikt",
            "Uppföljningsrapport 30 september 2022",
            "Uppföljningsrapport 30 juni 2022",
            "Uppföljningsrapport 31 mars 2022"
        ]
    );
}

#[test]
fn every_report_has_a_page_in_every_language() {
    let site = built();
    for lang in ["", "en/"] {
        for date in ["2022-03-31", "2022-06-30", "2022-09-30"] {
            let page = site.read(&format!("public/{lang}2022/reports/{date}/index.html"));
            assert!(page.contains(date), "{lang}{date}");
        }
    }
    let first = site.read("public/en/2022/reports/2022-03-31/index.html");
    assert_eq!(texts(&first, "#report-changes-title"), ["Reported for the first time"]);
    let second = site.read("public/en/2022/reports/2022-06-30/index.html");
    assert_eq!(
        texts(&second, ".report-change-list li"),
        [
            "1.1 The first action ◐ Ongoing Delayed by the procurement.",
            "2.1 Plant trees ◐ Ongoing ⚠ Overdue"
        ]
    );
    // Every change in one form: the action, its status now (as pills), then a note.
    assert_eq!(texts(&second, ".report-change .status-line .status").len(), 2);
    let third = site.read("public/en/2022/reports/2022-09-30/index.html");
    let changed = texts(&third, ".report-change .status-line");
    assert!(changed.iter().any(|c| c == "◐ Ongoing →became ✓ Done"), "{changed:?}");
    // The report opens with the strip and the chart as of its date.
    assert_eq!(texts(&second, ".status-strip h2"), ["Status on 30 June 2022"]);
    assert_eq!(
        texts(&second, ".chart-count"),
        ["0 of 2 done", "0 of 1 done, ⚠ 1 overdue"]
    );
    insta::assert_snapshot!(
        "report_page_en_2022-09-30",
        main_of(&site.read("public/en/2022/reports/2022-09-30/index.html"))
    );
}

#[test]
fn the_overview_is_a_table_of_every_action_and_groups_them_by_person() {
    let site = built();
    let page = site.read("public/en/2022/follow-up/index.html");
    assert_eq!(
        texts(&page, ".overview-table thead th"),
        ["Action", "Focus area", "Status", "Progress", "Lead", "Due"]
    );
    let rows: Vec<String> = (1..=3)
        .map(|n| texts(&page, &format!(".overview-table tbody tr:nth-child({n}) > *")).join(" | "))
        .collect();
    assert_eq!(
        rows,
        [
            "1.1 The first action | School and work | ✓ Done | 100% | Testkammaren | 2022-06-30",
            "1.2 The second action in bold | School and work | ◐ Ongoing | 30% | Skolgruppen | 2022-12-31",
            "2.1 Plant trees | Environment | ‖ Paused ⚠ Overdue |  | Trädgruppen | 2022-05-31"
        ]
    );
    // The overdue row is marked by a word too, not only by its colour.
    assert_eq!(texts(&page, ".overview-table .row-overdue .overdue"), ["⚠ Overdue"]);
    assert_eq!(texts(&page, ".status-strip h2"), ["Status on 30 September 2022"]);
    assert_eq!(
        texts(&page, ".people dt"),
        ["Kommunen", "Skolgruppen", "Testkammaren", "Trädgruppen"]
    );
    insta::assert_snapshot!("follow_up_overview_en", main_of(&page));
}

#[test]
fn open_data_carries_due_dates_overdue_history_and_reports() {
    let site = built();
    let json: serde_json::Value = serde_json::from_str(&site.read("public/2022/plan.json")).unwrap();
    let reports: Vec<_> = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(reports, ["2022-03-31", "2022-06-30", "2022-09-30"]);
    let miljo = &json["areas"][1]["actions"][0]["follow_up"];
    assert_eq!(miljo["due"], "2022-05-31");
    assert_eq!(miljo["overdue"], true);
    assert_eq!(miljo["history"][1]["status"], "paused");
    let csv = site.read("public/2022/plan.csv");
    assert!(
        csv.contains("Plantera träd,paused,,Trädgruppen,2022-05-31,true,,,"),
        "{csv}"
    );
    let index: serde_json::Value = serde_json::from_str(&site.read("public/plans.json")).unwrap();
    assert_eq!(
        index["plans"][0]["languages"]["en"]["reports"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn the_same_reports_give_the_same_site_on_any_day() {
    let faketime = std::process::Command::new("faketime").arg("--version").output();
    assert!(
        faketime.is_ok(),
        "this test needs faketime (apt-get install -y faketime; .ci/run installs it)"
    );
    let site = TestSite::fixture("reports");
    let mut outputs = Vec::new();
    for day in ["2022-07-01 12:00:00", "2031-01-01 00:00:00"] {
        let out = std::process::Command::new("faketime")
            .arg(day)
            .arg(assert_cmd::cargo::cargo_bin("handlingsplan"))
            .args(["build", "--output"])
            .arg(site.path(&format!("public-{}", &day[..4])))
            .current_dir(site.root())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        outputs.push(
            site.files(&format!("public-{}", &day[..4]))
                .into_iter()
                .map(|f| {
                    let bytes = std::fs::read(site.path(&format!("public-{}/{f}", &day[..4]))).unwrap();
                    (f, bytes)
                })
                .collect::<Vec<_>>(),
        );
    }
    assert!(outputs[0] == outputs[1], "a build in 2022 and one in 2031 differ");
}

#[test]
fn broken_reports_are_located_errors() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "content/2022/follow-up/2022-13-01.yaml",
            "skola-1:\n  status: done\n",
            "not named by a date",
        ),
        (
            "content/2022/follow-up/2024-01-01.yaml",
            "skola-1:\n  status: done\n",
            "more than a year after",
        ),
        (
            "content/2022/follow-up/2022-10-31.yaml",
            "skola-1:\n  status: done\nskola-1:\n  status: done\n",
            "followed up twice",
        ),
        (
            "content/2022/follow-up/2022-10-31.yaml",
            "skola-1:\n  status: done\n  due: 2022-02-30\n",
            "is not a date",
        ),
        (
            "content/2022/follow-up.yaml",
            "skola-1:\n  status: done\n",
            "both `follow-up.yaml` and dated reports",
        ),
    ];
    for (file, text, wanted) in cases {
        let site = TestSite::fixture("reports");
        site.write(file, text);
        let out = site.cmd(&["check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = stderr(&out);
        assert!(err.contains(wanted), "{file}: {err}");
        let build = site.build();
        assert_eq!(build.status.code(), Some(1), "{file}: nothing published");
        assert!(!site.path("public").exists());
    }
    let twice = TestSite::fixture("reports");
    twice.write(
        "content/2022/follow-up/2022-10-31.yaml",
        "skola-1:\n  status: done\nskola-1:\n  status: done\n",
    );
    let err = stderr(&twice.cmd(&["check"]).output().unwrap());
    assert!(err.contains("2022-10-31.yaml:3:1"), "at the second one: {err}");
}

#[test]
fn unlikely_due_dates_and_reports_that_change_nothing_are_warnings() {
    let site = TestSite::fixture("reports");
    site.write(
        "content/2022/follow-up/2022-10-31.yaml",
        "skola-2:\n  text: \"Andra insatsen med fetstil\"\n  status: ongoing\n  progress: 30\n",
    );
    site.write(
        "content/2022/follow-up/2022-11-30.yaml",
        "skola-2:\n  text: \"Andra insatsen med fetstil\"\n  status: ongoing\n  progress: 40\n  due: 2032-01-01\n",
    );
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning[unchanged-report]") && err.contains("2022-10-31.yaml"),
        "{err}"
    );
    assert!(err.contains("warning[unlikely-due]"), "{err}");
}

#[test]
fn pin_pins_every_dated_report() {
    let site = TestSite::fixture("reports");
    site.write("content/2022/follow-up/2022-10-31.yaml", "skola-2:\n  status: done\n");
    let out = site.cmd(&["follow-up", "pin"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pinned = site.read("content/2022/follow-up/2022-10-31.yaml");
    assert_eq!(
        pinned,
        "skola-2:\n  text: \"Andra insatsen med fetstil\"\n  status: done\n"
    );
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn the_plan_opens_with_a_status_strip_whose_counts_add_up() {
    let site = TestSite::fixture("reports");
    site.build_ok();
    for (page, as_of) in [
        ("public/2022/index.html", "Läget den 30 september 2022"),
        ("public/index.html", "Läget den 30 september 2022"),
        ("public/en/2022/index.html", "Status on 30 September 2022"),
    ] {
        let html = site.read(page);
        assert_eq!(texts(&html, ".status-strip h2"), [as_of], "{page}");
        // The numbers in each text: "Klar 1"; "1 av 2 klara" (done of total).
        let numbers = |css: &str| -> Vec<Vec<usize>> {
            (texts(&html, css).iter())
                .map(|t| t.split_whitespace().filter_map(|w| w.parse().ok()).collect())
                .collect()
        };
        let strip: usize = numbers(".strip-count strong").iter().map(|n| n[0]).sum();
        let actions: usize = numbers(".area-cards .count").iter().map(|n| n[1]).sum();
        assert_eq!(strip, actions, "{page}: the counts add up");
        // Right under the title, before the introduction.
        assert!(
            html.find("status-strip").unwrap() < html.find("class=\"intro\"").unwrap(),
            "{page}"
        );
    }
    let strip = texts(&site.read("public/2022/index.html"), ".strip-count");
    assert_eq!(
        strip[0].trim_start_matches(|c: char| !c.is_alphabetic()),
        "Klar 1",
        "done first: {strip:?}"
    );
    assert!(
        strip.iter().any(|s| s.contains("(varav 1 försenad)")),
        "overdue within its status: {strip:?}"
    );
    // Without follow-up, no strip at all.
    let plain = TestSite::fixture("minimal");
    plain.build_ok();
    assert!(!plain.read("public/2022/index.html").contains("status-strip"));
}
