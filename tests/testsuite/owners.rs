//! Progress reported the way action owners work: statuses in the site's own
//! words, every mistake of a report said at once and at its place, and no
//! nagging about pins for entries keyed by an action's id.

use crate::helpers::{TestSite, stderr};

/// A site whose Swedish and English plans give the second action an id.
fn with_an_id() -> TestSite {
    let site = TestSite::fixture("minimal");
    for lang in ["sv", "en"] {
        let file = format!("content/2022/plan.{lang}.md");
        let plan = site.read(&file).replacen("**\n", "** {#fetstil}\n", 1);
        site.write(&file, plan);
    }
    site
}

#[test]
fn a_report_in_the_sites_own_words_builds_and_its_pages_say_them() {
    let site = TestSite::fixture("reports");
    site.write(
        "content/2022/follow-up/2022-12-31.yaml",
        "skola-2:\n  text: \"Andra insatsen med fetstil\"\n  status: Klar\nmiljo-1:\n  text: \"Plantera träd\"\n  status: pågår\n",
    );
    site.build_ok();
    let page = site.read("public/en/2022/index.html");
    assert!(
        page.contains("<time datetime=\"2022-12-31\">"),
        "the new report is the latest"
    );
    assert!(page.contains("2 of 3 done"), "Klar is done");
}

#[test]
fn every_mistake_of_a_report_is_said_at_once_and_none_is_called_a_report_that_changes_nothing() {
    let site = TestSite::fixture("reports");
    site.write(
        "content/2022/follow-up/2022-12-31.yaml",
        "skola-2:\n  text: \"Andra insatsen med fetstil\"\n  status: pågår\n  progress: 40%\n  updated: 2022-9-30\n  progres: 50\n",
    );
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for said in [
        "2022-12-31.yaml:4:13",
        "`progress` of `skola-2` is `40%`, not a whole number from 0 to 100, without %",
        "write it without %: `progress: 40`",
        "`2022-9-30` is not a date",
        "unknown follow-up key `progres`",
    ] {
        assert!(err.contains(said), "{said}:\n{err}");
    }
    assert!(!err.contains("changes nothing"), "{err}");
    assert!(!err.contains("i64") && !err.contains("invalid type"), "{err}");
}

#[test]
fn entries_keyed_by_an_id_need_no_pin_so_a_strict_check_passes() {
    let site = with_an_id();
    site.write(
        "content/2022/follow-up/2022-12-31.yaml",
        "fetstil:\n  status: done\n  progress: 100\n",
    );
    let out = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("unpinned-follow-up"), "{err}");
    // Keyed by position, the same entry is still asked for its pin.
    site.write("content/2022/follow-up/2022-12-31.yaml", "miljo-1:\n  status: done\n");
    let err = stderr(&site.cmd(&["check"]).output().unwrap());
    assert!(err.contains("warning[unpinned-follow-up]"), "{err}");
}

#[test]
fn a_note_written_only_in_swedish_is_shown_on_the_english_page_marked_as_swedish() {
    let site = TestSite::fixture("reports");
    site.write(
        "content/2022/follow-up/2022-12-31.yaml",
        "miljo-1:\n  text: \"Plantera träd\"\n  status: ongoing\n  note:\n    sv: Bara på svenska, se [skolan](/2022/skola/).\n",
    );
    site.build_ok();
    let page = site.read("public/en/2022/index.html");
    assert!(
        page.contains("<div class=\"note\" lang=\"sv\"><p>Bara på svenska, se"),
        "{page}"
    );
    let sv = site.read("public/2022/index.html");
    assert!(sv.contains("<div class=\"note\"><p>Bara på svenska, se"));
    // Its link is made for each page it is on: every link of the site leads somewhere.
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    // Open data says what each language wrote: the English plan has no Swedish note.
    assert!(!site.read("public/en/2022/plan.json").contains("Bara på svenska"));
}

#[test]
fn next_years_plan_of_a_site_that_reports_by_date_gets_no_second_kind_of_follow_up() {
    let site = TestSite::fixture("reports");
    let out = site.cmd(&["new", "2023"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path("content/2023/follow-up.yaml").exists());
    assert!(String::from_utf8_lossy(&out.stdout).contains("content/2023/follow-up/<date>.yaml"));
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    // A site without dated reports gets the commented template, with its own actions and `due`.
    let plain = TestSite::fixture("minimal");
    assert!(plain.cmd(&["new", "2023"]).output().unwrap().status.success());
    let template = plain.read("content/2023/follow-up.yaml");
    assert!(
        template.contains("# skola-1:\n#   text: \"Första insatsen\"\n#   status: ongoing"),
        "{template}"
    );
    assert!(
        template.contains("#   due: 2023-12-31") && !template.contains("Polisen"),
        "{template}"
    );
}
