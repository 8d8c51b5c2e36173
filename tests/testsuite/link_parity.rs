//! `build` and `check` judge links by one rule: for links an editor may
//! write (to pages, areas, anchors, attachments, with `..`, `%20`, a query,
//! another case, another host), whatever `check` accepts `build` accepts,
//! and each broken one is reported by both at the same place.

use crate::cards::png_header;
use crate::helpers::TestSite;
use handlingsplan::check::{CheckOptions, check};
use handlingsplan::diagnostics::Diagnostic;
use handlingsplan::pipeline::{BuildError, BuildOptions, build};
use handlingsplan::render::LinkStyle;
use proptest::prelude::*;

const CODES: [&str; 3] = ["broken-link", "broken-anchor", "duplicate-html-id"];

/// Where a link starts from the plan page (`/2022/`) or its site root.
const STARTS: [&str; 9] = [
    "",
    "./",
    "../",
    "/",
    "/2022/",
    "/en/2022/",
    "../2022/",
    "/hp/2022/",
    "../../",
];

/// What it points at from there.
const TARGETS: [&str; 24] = [
    "",
    "skola/",
    "skola",
    "Skola/",
    "miljo/",
    "nope/",
    "index.html",
    "skola/index.html",
    "rapport A.pdf",
    "rapport%20A.pdf",
    "rapport%20a.pdf",
    "Rapport%20A.pdf",
    "data.csv",
    "bilagor/plan.pdf",
    "bilagor/",
    "plan.json",
    "plan.csv",
    "share.png",
    "2022/",
    "2021/",
    "en/2022/skola/",
    "feed.xml",
    "%2e%2e/2022/",
    "sitemap.xml",
];

/// What may follow it.
const ENDS: [&str; 7] = ["", "#skola", "#skola-1", "#nope", "?q=1", "#top", "?q=1#miljo"];

/// The link problems of `diags`, by code and place.
fn link_problems(diags: &[Diagnostic]) -> Vec<(String, String, usize, usize)> {
    let mut found: Vec<_> = (diags.iter())
        .filter(|d| d.is_error() && CODES.contains(&d.code))
        .map(|d| (d.code.to_string(), d.file.clone(), d.line, d.col))
        .collect();
    found.sort();
    found
}

/// A site whose plan's introduction links to `href`, beside attachments.
fn site_linking(href: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    let config = site.read("content/site.yaml");
    // One fixed share image: drawing cards would only slow the cases down.
    site.write(
        "content/site.yaml",
        format!("{config}brand:\n  share_image: delning.png\n"),
    );
    site.write("content/delning.png", png_header(1200, 630));
    site.write("content/2022/rapport A.pdf", b"%PDF");
    site.write("content/2022/data.csv", "a;b\n");
    site.write("content/2022/bilagor/plan.pdf", b"%PDF");
    let path = "content/2022/plan.sv.md";
    let text = site.read(path);
    let intro = "En *inledning* med en [länk](/2022/skola/).";
    assert!(text.contains(intro));
    site.write(path, text.replacen(intro, &format!("Se [här](<{href}>)."), 1));
    site
}

/// The link problems both found in a site linking to `href` (an error when
/// they differ).
fn judged_alike(href: &str) -> Result<Vec<(String, String, usize, usize)>, TestCaseError> {
    let site = site_linking(href);
    let checked = link_problems(
        &check(&CheckOptions {
            root: site.root().to_path_buf(),
            base_url: None,
        })
        .diagnostics,
    );
    let built = match build(&BuildOptions {
        root: site.root().to_path_buf(),
        output: site.path("public"),
        base_url: None,
        drafts: false,
        links: LinkStyle::Relative,
        prune_cache: false,
        cancel: Default::default(),
    }) {
        Ok(_) => Vec::new(),
        Err(BuildError::Diagnostics(diags)) => link_problems(&diags),
        Err(other) => return Err(TestCaseError::fail(format!("`{href}`: {other}"))),
    };
    prop_assert_eq!(&built, &checked, "`{}`: build / check", href);
    Ok(built)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn build_and_check_accept_and_refuse_the_same_links(
        start in 0..STARTS.len(),
        target in 0..TARGETS.len(),
        end in 0..ENDS.len(),
    ) {
        judged_alike(&format!("{}{}{}", STARTS[start], TARGETS[target], ENDS[end]))?;
    }
}

/// Links that once were judged apart, and what both must say of them.
#[test]
fn links_that_once_differed_are_judged_alike() {
    let table = [
        ("rapport%20A.pdf", None),
        ("rapport A.pdf", None),
        ("bilagor/plan.pdf#page=2", None),
        ("/2022/skola/#skola-1", None),
        ("rapport%20a.pdf", Some("broken-link")),
        ("../2022/skola/#nope", Some("broken-anchor")),
        ("Skola/", Some("broken-link")),
        ("https://testkammaren.se/annat/", Some("broken-link")),
    ];
    for (href, want) in table {
        let found = judged_alike(href).unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<&str> = found.iter().map(|(code, ..)| code.as_str()).collect();
        assert_eq!(codes, want.into_iter().collect::<Vec<_>>(), "`{href}`: {found:?}");
        if let Some((_, file, line, _)) = found.first() {
            assert_eq!((file.as_str(), *line), ("content/2022/plan.sv.md", 6), "`{href}`");
        }
    }
}
