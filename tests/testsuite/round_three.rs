//! Hostile input, round three: each case is a change to the minimal site
//! that must fail `build` and `check` alike, with the code given, at the
//! file given, publishing nothing.

use crate::helpers::{TestSite, stderr};

/// A change to the minimal site: files to write, then `(file, from, to)` edits.
pub struct Case<'a> {
    pub what: &'a str,
    pub files: &'a [(&'a str, &'a [u8])],
    pub edits: &'a [(&'a str, &'a str, &'a str)],
    pub code: &'a str,
    pub at: &'a str,
}

impl Case<'_> {
    fn site(&self, fixture: &str) -> TestSite {
        let site = TestSite::fixture(fixture);
        for (path, bytes) in self.files {
            site.write(path, bytes);
        }
        for (path, from, to) in self.edits {
            let text = site.read(path);
            assert!(text.contains(from), "{}: `{from}` is not in {path}", self.what);
            site.write(path, text.replacen(from, to, 1));
        }
        site
    }

    /// `build` and `check` both fail with the case's error at its file, and
    /// nothing is published.
    pub fn assert_fails(&self) {
        self.assert_fails_on("minimal");
    }

    /// [`Case::assert_fails`] on the fixture `fixture`.
    pub fn assert_fails_on(&self, fixture: &str) {
        let site = self.site(fixture);
        let out = site.build();
        let err = stderr(&out);
        let what = self.what;
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(&format!("error[{}]", self.code)), "{what}: {err}");
        assert!(err.contains(&format!("--> {}", self.at)), "{what}: {err}");
        assert!(!site.path("public").exists(), "{what}: nothing is published");
        let check = site.cmd(&["check"]).output().unwrap();
        let check_err = stderr(&check);
        assert_eq!(check.status.code(), Some(1), "{what}: {check_err}");
        assert!(
            check_err.contains(&format!("error[{}]", self.code)),
            "{what}: check: {check_err}"
        );
    }
}

const SCRIPT: &[u8] = b"<script>alert(1)</script>";

#[test]
fn a_file_named_like_one_the_site_makes_is_an_error_in_any_case() {
    let reserved = [
        ("minimal", "content/2022/share.png"),
        ("minimal", "content/2022/Share.PNG"),
        ("minimal", "content/2022/skola/share.png"),
        ("minimal", "content/2022/SKOLA/Index.html"),
        ("minimal", "content/2022/PLAN.CSV"),
        ("reports", "content/2022/reports/2022-09-30/index.html"),
        ("reports", "content/2022/Reports/2022-09-30/INDEX.HTML"),
        // `follow-up/` itself holds the dated reports, which it checks.
        ("reports", "content/2022/Follow-Up/index.html"),
    ];
    for (fixture, file) in reserved {
        Case {
            what: file,
            files: &[(file, SCRIPT)],
            edits: &[],
            code: "reserved-name",
            at: file,
        }
        .assert_fails_on(fixture);
    }
    // Beside them, a name the site does not make is an attachment as ever.
    let site = TestSite::fixture("minimal");
    site.write("content/2022/reports/q3.pdf", b"%PDF");
    site.write("content/2022/skola/share.jpg", b"x");
    site.build_ok();
    assert_eq!(site.read("public/2022/reports/q3.pdf"), "%PDF");
}

#[test]
fn escaped_control_and_reordering_characters_are_refused_in_every_yaml_file() {
    let theme_sv = std::fs::read_to_string(crate::helpers::repo_root().join("themes/default/i18n/sv.yaml")).unwrap();
    let escaped = theme_sv.replace(
        "skip_to_content: Hoppa till innehållet",
        "skip_to_content: \"Hoppa\\u202E till\"",
    );
    let cases = [
        Case {
            what: "a bell, a reordering mark and an escape in a language's name",
            files: &[],
            edits: &[(
                "content/site.yaml",
                "{ name: Svenska,",
                "{ name: \"A\\x07B\\u202EC\\x1bD\",",
            )],
            code: "unusual-character",
            at: "content/site.yaml:4",
        },
        Case {
            what: "an isolate in a title",
            files: &[],
            edits: &[(
                "content/site.yaml",
                "title: Testkammarens plan",
                "title: \"Test\\u2066kammaren\"",
            )],
            code: "unusual-character",
            at: "content/site.yaml:4",
        },
        Case {
            what: "a reordering mark in a UI string",
            files: &[("themes/default/i18n/sv.yaml", escaped.as_bytes())],
            edits: &[],
            code: "unusual-character",
            at: "themes/default/i18n/sv.yaml:3",
        },
    ];
    for case in cases {
        case.assert_fails();
    }
}

#[test]
fn a_heading_id_that_the_page_already_has_is_an_error() {
    let plan = "content/2022/plan.sv.md";
    let intro = "En *inledning*";
    let description = "Beskrivning av området.";
    let cases: [(&str, &str, &str); 6] = [
        ("the page's main", intro, "### Om planen {#main}\n\nEn *inledning*"),
        (
            "an area's id",
            description,
            "### Mer {#skola}\n\nBeskrivning av området.",
        ),
        (
            "an action's anchor",
            description,
            "### Mer {#skola-1}\n\nBeskrivning av området.",
        ),
        (
            "an area's heading",
            description,
            "### Mer {#miljo-title}\n\nBeskrivning av området.",
        ),
        ("a status prefix", intro, "### Läget {#status-x}\n\nEn *inledning*"),
        (
            "another heading's",
            description,
            "### Mer {#mer}\n\n### Ännu mer {#mer}\n\nBeskrivning av området.",
        ),
    ];
    for (what, from, to) in cases {
        Case {
            what,
            files: &[],
            edits: &[(plan, from, to)],
            code: "reserved-id",
            at: plan,
        }
        .assert_fails();
    }
    let site = TestSite::fixture("minimal");
    let text = site
        .read(plan)
        .replace(description, "### Mer {#mer}\n\nBeskrivning av området.");
    site.write(plan, text);
    site.build_ok();
    assert!(site.read("public/2022/index.html").contains("id=\"mer\""));
}

#[test]
fn markdown_nested_beyond_reason_is_an_error_at_its_line_and_costs_nothing() {
    let deep_quote = ">".repeat(100_000) + " djup";
    let deep_list = "- ".repeat(8_000) + "djup";
    let deep_items: String = (0..200).map(|i| format!("{}- nivå {i}\n", "  ".repeat(i))).collect();
    let cases = [
        ("quotes", deep_quote, ":10:"),
        ("lists", deep_list, ":10:"),
        ("indented lists", deep_items, ":42:"),
    ];
    for (what, deep, line) in cases {
        let site = TestSite::fixture("minimal");
        let plan = site
            .read("content/2022/plan.sv.md")
            .replace("Beskrivning av området.", &deep);
        site.write("content/2022/plan.sv.md", plan);
        for args in [&["check"][..], &["build"]] {
            let out = site
                .cmd(args)
                .timeout(std::time::Duration::from_secs(60))
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}: {err}");
            assert!(err.contains("error[nested-too-deeply]"), "{what} {args:?}: {err}");
            assert!(
                err.contains(&format!("--> content/2022/plan.sv.md{line}")),
                "{what} {args:?}: {err}"
            );
        }
    }
    // Thirty levels are a plan's own business.
    let site = TestSite::fixture("minimal");
    let plan = site
        .read("content/2022/plan.sv.md")
        .replace("Beskrivning av området.", &(">".repeat(30) + " citat"));
    site.write("content/2022/plan.sv.md", plan);
    site.build_ok();
}

/// The minimal site with `n` dated reports, each flipping every action's status.
fn with_reports(n: usize) -> TestSite {
    let site = TestSite::fixture("minimal");
    let statuses = ["planned", "ongoing", "paused"];
    for r in 0..n {
        let date = format!("2022-{:02}-{:02}", 1 + r / 28, 1 + r % 28);
        let entries: String = ["skola-1", "skola-2", "miljo-1"]
            .iter()
            .map(|a| format!("{a}:\n  status: {}\n", statuses[r % 3]))
            .collect();
        site.write(&format!("content/2022/follow-up/{date}.yaml"), entries);
    }
    site
}

#[test]
fn a_report_page_shows_a_window_of_the_reports_before_it_and_the_plan_shows_all() {
    let site = with_reports(15);
    site.build_ok();
    let plan = site.read("public/2022/index.html");
    let last = site.read("public/2022/reports/2022-01-15/index.html");
    let first = site.read("public/2022/reports/2022-01-01/index.html");
    let rows = |page: &str| page.matches("<tr><th scope=\"row\"><a href=").count();
    let points = |page: &str| page.matches("class=\"history-point\"").count();
    // The plan and each area list every report; a report's page the last 12 up to it.
    assert_eq!(rows(&plan), 15);
    assert_eq!(rows(&site.read("public/2022/skola/index.html")), 15);
    assert_eq!(rows(&last), 0, "a report's page shows its own changes, not the table");
    assert_eq!(points(&plan), 15 * 3, "three actions' histories, every change");
    assert_eq!(points(&last), 12 * 3);
    assert_eq!(points(&first), 0, "one report is no history yet");
    // History dates in words, each in a `<time>` with its ISO date.
    assert!(
        !last.contains("datetime=\"2022-01-03\">")
            && last.contains("<time datetime=\"2022-01-04\">4 januari 2022</time>")
    );
}

#[test]
fn a_report_dated_long_before_its_plan_is_an_error() {
    Case {
        what: "1000-01-01",
        files: &[(
            "content/2022/follow-up/1000-01-01.yaml",
            b"skola-1:\n  status: ongoing\n",
        )],
        edits: &[],
        code: "invalid-report",
        at: "content/2022/follow-up/1000-01-01.yaml",
    }
    .assert_fails();
}

#[test]
fn a_plan_of_very_many_areas_draws_a_bounded_number_of_cards() {
    let site = TestSite::fixture("minimal");
    let areas: String = (0..120)
        .map(|i| format!("## Område {i} {{#o{i}}}\n\n- Insats {i}\n\n"))
        .collect();
    let plan = |title: &str| format!("---\ntitle: {title}\ndescription: D.\n---\n\nIntro.\n\n{areas}");
    site.write("content/2022/plan.sv.md", plan("Plan"));
    site.write("content/2022/plan.en.md", plan("Plan"));
    // A plain card, quick to draw: what is counted here is how many.
    let plain = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/></svg>"##;
    site.write("themes/default/templates/share_card.svg", plain);
    let out = site.build();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning[many-share-cards]") && err.contains("plan.sv.md:"),
        "{err}"
    );
    let cards = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with("share.png"))
        .count();
    assert_eq!(cards, 2 * (1 + 100), "the plan's and 100 areas', per language");
    let late = site.read("public/2022/o110/index.html");
    assert!(
        late.contains("/hp/2022/share.png\""),
        "a late area shows the plan's card"
    );
    assert!(
        site.read("public/2022/o5/index.html")
            .contains("/hp/2022/o5/share.png\"")
    );
}

/// The link errors in `out`'s stderr: (code, `file:line:col`), sorted.
fn link_errors(out: &std::process::Output) -> Vec<(String, String)> {
    let err = stderr(out);
    let mut found = Vec::new();
    let mut lines = err.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(code) = line.strip_prefix("error[").and_then(|l| l.split(']').next()) else {
            continue;
        };
        if !["broken-link", "broken-anchor", "duplicate-html-id"].contains(&code) {
            continue;
        }
        let at = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix("--> "))
            .unwrap_or_default();
        found.push((code.to_string(), at.to_string()));
    }
    found.sort();
    found
}

#[test]
fn build_and_check_fail_on_the_same_link_errors() {
    let intro = "En *inledning* med en [länk](/2022/skola/).";
    type Edit<'a> = (&'a str, &'a str, &'a str);
    let cases: &[(&str, &str, &[Edit], bool)] = &[
        ("broken-links", "", &[], true),
        ("theme-links", "", &[], true),
        (
            "minimal",
            "an anchor on the page",
            &[("content/2022/plan.sv.md", intro, "Se [här](#nope).")],
            true,
        ),
        (
            "minimal",
            "an anchor from the root",
            &[("content/2022/plan.sv.md", intro, "Se [här](/2022/#nope).")],
            true,
        ),
        (
            "minimal",
            "an anchor that exists",
            &[(
                "content/2022/plan.sv.md",
                intro,
                "Se [här](/2022/#skola-2) och [där](#miljo).",
            )],
            false,
        ),
        (
            "minimal",
            "the site's host elsewhere",
            &[(
                "content/2022/plan.sv.md",
                intro,
                "Se [här](https://testkammaren.se/annat/).",
            )],
            true,
        ),
        (
            "minimal",
            "an escaped name",
            &[("content/2022/plan.sv.md", intro, "Se [rapporten](rapport%20A.pdf).")],
            false,
        ),
    ];
    for (fixture, what, edits, fails) in cases {
        let site = TestSite::fixture(fixture);
        site.write("content/2022/rapport A.pdf", b"%PDF");
        for (path, from, to) in *edits {
            let text = site.read(path);
            assert!(text.contains(from), "{what}");
            site.write(path, text.replacen(from, to, 1));
        }
        let build = site.build();
        let check = site.cmd(&["check"]).output().unwrap();
        let (built, checked) = (link_errors(&build), link_errors(&check));
        assert_eq!(
            built,
            checked,
            "{fixture} {what}:\n{}\n{}",
            stderr(&build),
            stderr(&check)
        );
        assert_eq!(!built.is_empty(), *fails, "{fixture} {what}: {built:?}");
        assert_eq!(build.status.success(), !fails, "{fixture} {what}: {}", stderr(&build));
    }
}

#[test]
fn build_reports_a_clash_beside_the_content_errors_as_check_does() {
    let site = TestSite::fixture("minimal");
    site.write("content/2022/Share.PNG", SCRIPT);
    let plan = site.read("content/2022/plan.sv.md").replacen("## Miljö", "# Miljö", 1);
    site.write("content/2022/plan.sv.md", plan);
    for args in [&["build"][..], &["check"]] {
        let out = site.cmd(args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("error[reserved-name]") && err.contains("error[heading-level-1]"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("(`2022/Share.PNG`, in every language)"),
            "the default language's path: {err}"
        );
    }
}
