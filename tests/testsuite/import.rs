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
    // The English plan beside it has two areas, this one: ids of its own, and a warning.
    assert!(site.read("content/2022/plan.sv.md").contains("## Area {#area}"));
    assert!(stderr(&out).contains("area-count-differs"), "{}", stderr(&out));
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
    assert!(stderr(&out).contains("`missing.txt`: No such file"), "{}", stderr(&out));
}

#[test]
fn force_replaces_only_a_plan_file_of_the_language() {
    let site = TestSite::fixture("minimal");
    site.write("plan.txt", "Ny plan\n\nInledning.\n\nOmråde\n• Insats\n");
    site.write("notes.txt", "my own notes");
    site.write("content/2022/plan.de.md", "not ours to replace");
    let force = |args: &[&str]| {
        let mut all = vec!["import", "plan.txt", "--year", "2022", "--force"];
        all.extend(args);
        site.cmd(&all).output().unwrap()
    };
    let refused: &[&[&str]] = &[
        &["--lang", "sv", "--output", "notes.txt"],
        &["--lang", "sv", "--output", "content/2022/plan.en.md"],
        &["--lang", "sv", "--output", "content/2022"],
        &["--lang", "sv", "--output", "content/site.yaml"],
    ];
    for args in refused {
        let before = (
            site.read("notes.txt"),
            site.read("content/2022/plan.en.md"),
            site.read("content/site.yaml"),
        );
        let out = force(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("--force replaces only a plan file"),
            "{args:?}: {}",
            stderr(&out)
        );
        let after = (
            site.read("notes.txt"),
            site.read("content/2022/plan.en.md"),
            site.read("content/site.yaml"),
        );
        assert_eq!(before, after, "{args:?}");
    }
    #[cfg(unix)]
    {
        std::fs::create_dir(site.path("linked")).unwrap();
        std::os::unix::fs::symlink(site.path("notes.txt"), site.path("linked/plan.sv.md")).unwrap();
        let out = force(&["--lang", "sv", "--output", "linked/plan.sv.md"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "a link named like a plan is not a plan file"
        );
        assert_eq!(site.read("notes.txt"), "my own notes");
    }
    let out = force(&["--lang", "sv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.read("content/2022/plan.sv.md").contains("title: Ny plan"));
    let out = site
        .cmd(&["import", "plan.txt", "--year", "2022", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "without --force an existing plan stays");
    assert!(
        stderr(&out).contains("already exists; pass --force"),
        "{}",
        stderr(&out)
    );
}
