//! `handlingsplan import` end to end.

use crate::helpers::{TestSite, repo_root, stderr};
use handlingsplan::content::{self, LoadOptions};

#[test]
fn importing_the_seed_gives_the_plan_in_content() {
    let site = TestSite::fixture("minimal");
    let seed = repo_root().join("seeds/handlingsplan-2022.txt");
    std::fs::remove_file(site.path("content/2022/plan.sv.md")).unwrap();
    std::fs::remove_file(site.path("content/2022/plan.en.md")).unwrap();
    let out = site
        .cmd(&["import", seed.to_str().unwrap(), "--year", "2022", "--lang", "sv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("text-after-actions"),
        "the stray `0` at the end of the seed is pointed out"
    );
    let imported = site.read("content/2022/plan.sv.md");
    let real = std::fs::read_to_string(repo_root().join("content/2022/plan.sv.md")).unwrap();
    // The real file is the import with hand-chosen ids, a description and the stray `0` removed.
    let texts = |md: &str| -> Vec<String> {
        md.lines()
            .filter(|l| l.starts_with("- ") || l.starts_with("## "))
            .map(|l| l.split(" {#").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(&imported), texts(&real));
    assert_eq!(texts(&real).len(), 40);

    let mut opts = LoadOptions::new(site.root());
    opts.translation_severity = handlingsplan::diagnostics::Severity::Warning;
    let loaded = content::load(&opts);
    let site_model = loaded.site.expect("the imported plan parses");
    assert_eq!(site_model.years[0].plans["sv"].action_count(), 30);
}

#[test]
fn import_refuses_to_overwrite_without_force() {
    let site = TestSite::fixture("minimal");
    site.write("in.txt", "Plan\n\nArea\n• Action\n");
    let out = site
        .cmd(&["import", "in.txt", "--year", "2022", "--lang", "sv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    let out = site
        .cmd(&["import", "in.txt", "--year", "2022", "--lang", "sv", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(site.read("content/2022/plan.sv.md").contains("## Area {#area}"));
}

#[test]
fn import_output_option_and_missing_file() {
    let site = TestSite::fixture("minimal");
    site.write("in.txt", "Plan\n\nArea\n- Action\n");
    let out = site
        .cmd(&[
            "import", "in.txt", "--year", "2030", "--lang", "en", "--output", "x/p.md",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(site.read("x/p.md").starts_with("---\ntitle: Plan\n"));
    let out = site
        .cmd(&["import", "missing.txt", "--year", "2030", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("could not read `missing.txt`"),
        "{}",
        stderr(&out)
    );
}
