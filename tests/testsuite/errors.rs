//! Every bad input gives exit code 1, a located message, no panic, and
//! writes nothing.

use crate::helpers::{TestSite, stderr};

/// (fixture, the `file:line:col` the message must point at, the diagnostic code)
const CASES: &[(&str, &str, &str)] = &[
    (
        "missing-front-matter",
        "content/2022/plan.sv.md:1:1",
        "missing-front-matter",
    ),
    (
        "unterminated-front-matter",
        "content/2022/plan.sv.md:1:1",
        "unterminated-front-matter",
    ),
    ("invalid-yaml", "content/2022/plan.sv.md:3:14", "invalid-yaml"),
    ("unknown-key", "content/2022/plan.sv.md:3:1", "unknown-key"),
    ("wrong-type", "content/2022/plan.sv.md:4:8", "wrong-type"),
    ("heading-level-1", "content/2022/plan.sv.md:6:1", "heading-level-1"),
    ("duplicate-id", "content/2022/plan.sv.md:15:1", "duplicate-id"),
    ("no-actions", "content/2022/plan.sv.md:11:1", "no-actions"),
    ("bad-year-folder", "content/22", "bad-year-folder"),
    ("not-utf8", "content/2022/plan.sv.md:9:5", "not-utf8"),
    ("unknown-language", "content/2022/plan.de.md", "unknown-language"),
    ("missing-default-language", "content/2022", "missing-default-language"),
    ("malformed-site-yaml", "content/site.yaml:5:24", "unknown-key"),
    ("missing-translation", "content/2022", "missing-translation"),
    (
        "translation-drift",
        "content/2022/plan.en.md:6:1",
        "action-count-mismatch",
    ),
    (
        "template-error",
        "themes/default/templates/area.html:4:",
        "template-error",
    ),
];

#[test]
fn every_bad_input_is_a_located_error_and_writes_nothing() {
    for (fixture, location, code) in CASES {
        let site = TestSite::fixture(fixture);
        let out = site.build();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{fixture}: exit code\n{err}");
        assert!(err.contains(location), "{fixture}: no `{location}` in\n{err}");
        assert!(err.contains(&format!("[{code}]")), "{fixture}: no `[{code}]` in\n{err}");
        assert!(!err.contains("panicked"), "{fixture}: panic\n{err}");
        assert!(!site.path("public").exists(), "{fixture}: output was written");
        insta::assert_snapshot!(format!("error_{fixture}"), err);
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let before = site.read("public/2022/index.html");
    site.write("content/2022/plan.sv.md", "---\ntitle: Broken\n");
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(site.read("public/2022/index.html"), before);
    let names: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != ".handlingsplan-cache")
        .collect();
    assert_eq!(names.len(), 2, "no staging folder is left behind: {names:?}");
}

#[test]
fn bad_command_lines_exit_with_2() {
    let site = TestSite::fixture("minimal");
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"],
        &["import"],
        &["import", "x.txt", "--year", "22", "--lang", "sv"],
    ] {
        let out = site.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn an_output_folder_that_holds_a_site_is_refused() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["build", "--output", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to write the site"), "{}", stderr(&out));
    assert!(site.path("content/site.yaml").exists());
}
