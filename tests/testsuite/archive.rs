//! The synthetic archive for the benchmarks (`examples/synthetic.rs`): the
//! promised shape, the same files for the same seed, and a site that builds.

use crate::helpers::{TestSite, stderr};
use std::path::PathBuf;

/// The example's binary: `cargo test` builds the examples beside the tests.
pub fn synthetic() -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let exe = deps.parent().unwrap().join("examples").join("synthetic");
    assert!(
        exe.exists(),
        "{} is missing: run `cargo test`, which builds the examples",
        exe.display()
    );
    exe
}

fn generate(site: &TestSite, plans: u32, seed: u64) {
    let out = std::process::Command::new(synthetic())
        .args(["--plans", &plans.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_synthetic_archive_has_the_promised_shape_is_deterministic_and_builds() {
    let (a, b, other) = (TestSite::empty(), TestSite::empty(), TestSite::empty());
    generate(&a, 3, 7);
    generate(&b, 3, 7);
    generate(&other, 3, 8);
    let files = a.files("content");
    assert_eq!(files.len(), 1 + 3 * 2, "{files:?}");
    assert_eq!(files, b.files("content"));
    let texts = |site: &TestSite| {
        files
            .iter()
            .map(|f| site.read(&format!("content/{f}")))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&a), texts(&b), "the same seed gives the same files");
    assert_ne!(texts(&a), texts(&other), "another seed gives other plans");

    let check = a.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    a.build_ok();
    let pages = a.files("public");
    for lang_dir in ["", "en/"] {
        let years: Vec<&String> = pages
            .iter()
            .filter(|p| {
                p.strip_prefix(lang_dir)
                    .is_some_and(|r| r.len() == "2026/index.html".len())
            })
            .filter(|p| p.ends_with("/index.html") && !p.contains("accessibility"))
            .collect();
        assert_eq!(years.len(), 3, "{lang_dir}: {years:?}");
        for year in years {
            let dir = year.trim_end_matches("index.html");
            let areas = pages
                .iter()
                .filter(|p| p.strip_prefix(dir).is_some_and(|r| r.matches('/').count() == 1))
                .filter(|p| p.ends_with("/index.html"))
                .count();
            assert_eq!(areas, 10, "{dir}");
            let plan = a.read(&format!("public/{year}"));
            assert_eq!(plan.matches("<li id=").count(), 30, "{year}: 10 areas × 3 actions");
            assert!(plan.contains("<em>") && plan.contains("<a href=\"../"), "{year}");
        }
    }
}
