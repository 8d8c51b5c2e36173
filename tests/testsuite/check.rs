//! `handlingsplan check`: every problem, in three formats, and nothing written.

use crate::helpers::{TestSite, stderr, stdout};

/// Fixtures whose diagnostics are snapshotted in every format.
const FIXTURES: &[&str] = &[
    "missing-front-matter",
    "invalid-yaml",
    "unknown-key",
    "wrong-type",
    "heading-level-1",
    "duplicate-id",
    "no-actions",
    "bad-year-folder",
    "not-utf8",
    "unknown-language",
    "missing-default-language",
    "malformed-site-yaml",
    "missing-translation",
    "translation-drift",
    "template-error",
    "broken-links",
    "many-problems",
    "missing-ui-string",
    "empty-texts",
    "every-stage",
    "theme-links",
];

#[test]
fn diagnostics_in_every_format() {
    for fixture in FIXTURES {
        let site = TestSite::fixture(fixture);
        for format in ["human", "github", "json"] {
            let out = site.cmd(&["check", "--format", format]).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{fixture} {format}: {}", stderr(&out));
            let text = if format == "human" { stderr(&out) } else { stdout(&out) };
            assert!(!text.contains("panicked"), "{fixture}");
            insta::assert_snapshot!(format!("check_{fixture}_{format}"), text);
        }
        assert!(!site.path("public").exists(), "{fixture}: check wrote files");
    }
}

/// `check --format json` on `site`: every problem as (code, file, line), and
/// the problems themselves.
fn json_problems(site: &TestSite) -> (Vec<(String, String, u64)>, Vec<serde_json::Value>) {
    let out = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let found = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (found, diags)
}

fn has(found: &[(String, String, u64)], (code, file, line): (&str, &str, u64)) -> bool {
    found.iter().any(|(c, f, l)| c == code && f == file && *l == line)
}

#[test]
fn a_problem_in_every_stage_is_reported_in_one_run() {
    let site = TestSite::fixture("every-stage");
    let (found, diags) = json_problems(&site);
    for want in [
        ("unknown-key", "content/2022/plan.sv.md", 3),               // front matter
        ("heading-level-1", "content/2022/plan.sv.md", 19),          // body, after the areas
        ("broken-link", "content/2022/plan.sv.md", 6),               // a link, at its Markdown line
        ("action-count-mismatch", "content/2022/plan.en.md", 8),     // translation parity
        ("unknown-status", "content/2022/follow-up.yaml", 3),        // follow-up
        ("broken-link", "content/2022/follow-up.yaml", 5),           // a link in a note
        ("template-error", "themes/default/templates/area.html", 4), // a template
    ] {
        assert!(has(&found, want), "{want:?} in {found:#?}");
    }
    let order: Vec<(String, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(order.is_sorted(), "sorted by file, line and column: {order:?}");
    let attachment = diags.iter().any(|d| d["message"].as_str().unwrap().contains("rapport"));
    assert!(!attachment, "a link to `<rapport A.pdf>`, present, is fine: {diags:#?}");
}

#[test]
fn problems_a_template_makes_are_reported_in_the_template() {
    let site = TestSite::fixture("theme-links");
    let (found, diags) = json_problems(&site);
    let template = "themes/default/templates/area.html";
    assert!(has(&found, ("duplicate-html-id", template, 4)), "{found:?}");
    assert!(has(&found, ("broken-link", template, 6)), "{found:?}");
    assert!(
        diags
            .iter()
            .all(|d| !d["file"].as_str().unwrap().starts_with("public/")),
        "never a file check does not write"
    );
}

#[test]
fn json_output_is_an_array_of_located_diagnostics() {
    let site = TestSite::fixture("many-problems");
    let out = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = diags.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 2, "both broken files are reported: {diags:#?}");
    for d in &diags {
        for key in [
            "severity", "file", "line", "col", "end_line", "end_col", "code", "message", "hint",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
        assert!(d["line"].as_u64().unwrap() > 0);
    }
}

#[test]
fn a_clean_site_passes_and_warnings_fail_only_when_denied() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("no problems found"));

    let plan = site
        .read("content/2022/plan.en.md")
        .replace("description: A small plan for tests.\n", "");
    site.write("content/2022/plan.en.md", plan);
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[missing-description]"));
    let out = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = site
        .cmd(&["check", "--format", "github", "--deny-warnings"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("::warning file=content/2022/plan.en.md,line=1,col=1"),
        "{}",
        stdout(&out)
    );
    // Annotations name files from the folder the workflow runs in.
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    for root in [format!("./{name}/"), name.to_string()] {
        let mut cmd = site.cmd(&["--root", &root, "check", "--format", "github"]);
        let out = cmd.current_dir(parent).output().unwrap();
        let want = format!("::warning file={name}/content/2022/plan.en.md,line=1,col=1");
        assert!(stdout(&out).starts_with(&want), "{root}: {}", stdout(&out));
    }
}

#[test]
fn the_real_site_is_clean_but_for_its_placeholders() {
    let site = TestSite::real();
    let out = site
        .cmd(&["check"])
        .env_remove("HANDLINGSPLAN_BASE_URL")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.ends_with("check: 4 warnings\n"), "{err}");
    assert_eq!(
        err.matches("warning[placeholder]").count(),
        2,
        "base_url and the contact: {err}"
    );
    assert_eq!(
        err.matches("warning[accessibility-statement]").count(),
        2,
        "the status and the date only the chamber can state: {err}"
    );
    let strict = site
        .cmd(&["check", "--deny-warnings"])
        .env_remove("HANDLINGSPLAN_BASE_URL")
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "--deny-warnings fails on a placeholder");
    // CI gives the real address; the statement is the site's to complete.
    for real in [
        &["check", "--base-url", "https://plan.handelskammaren.se"][..],
        &["check"],
    ] {
        let out = site
            .cmd(real)
            .env("HANDLINGSPLAN_BASE_URL", "https://plan.handelskammaren.se")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(err.matches("warning[placeholder]").count(), 1, "{real:?}: {err}");
        assert!(err.contains("`accessibility.contact`"), "{err}");
    }
    let assessed = "  status: partial\n  assessed: 2026-11-30\n  assessed_by: self\n  shortcomings: [Kartan saknar textalternativ.]\n";
    let site = site.write(
        "content/site.yaml",
        site.read("content/site.yaml")
            .replace("webb@example.org\n", &format!("webb@handelskammaren.se\n{assessed}")),
    );
    let out = site
        .cmd(&["check", "--deny-warnings"])
        .env("HANDLINGSPLAN_BASE_URL", "https://plan.handelskammaren.se")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_bad_format_is_a_usage_error() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["check", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
