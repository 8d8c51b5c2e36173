//! Hostile input: random and mangled plan files, symlinks, huge files and
//! script injection.

use crate::helpers::{TestSite, stderr};
use handlingsplan::content::html::HtmlOptions;
use handlingsplan::content::plan::{self, PlanMeta};
use handlingsplan::diagnostics::{Diagnostic, SourceFile};
use proptest::prelude::*;
use scraper::{Html, Selector};

/// Parse bytes as a plan file; panics only if the parser does.
fn parse_bytes(bytes: &[u8]) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let meta = PlanMeta {
        year: 2022,
        lang: "sv".into(),
        file: "content/2022/plan.sv.md".into(),
    };
    match plan::decode(&meta.file, bytes) {
        Ok(src) => {
            let mut diags = Vec::new();
            plan::parse(&src, &meta, &HtmlOptions::default(), &mut diags);
            (Some(src), diags)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Every diagnostic's line and column lie inside the file.
fn assert_located_inside(bytes: &[u8], src: Option<&SourceFile>, diags: &[Diagnostic]) {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags {
        if d.line == 0 {
            continue;
        }
        for (line, col) in [(d.line, d.col), (d.end_line, d.end_col)] {
            assert!(
                line >= 1 && line <= lines.len(),
                "{d}: line outside the file ({} lines)",
                lines.len()
            );
            let width = match src {
                Some(s) => s.text[s.line_range(line)].chars().count(),
                None => lines[line - 1].chars().count(),
            };
            assert!(
                col >= 1 && col <= width + 1,
                "{d}: column {col} outside line {line} of width {width}"
            );
        }
    }
}

const VALID: &str = "---\ntitle: Plan\ndescription: D\n---\n\nIntro *x* [l](/2022/a/).\n\n## Skola {#skola}\n\nText.\n\n- One\n- Two\n\n  Details\n\n  - nested\n\n## Miljö\n\n- Three\n";

#[derive(Debug, Clone)]
enum Mutation {
    Shuffle(u64),
    Truncate(usize),
    Duplicate(usize),
    StrayFence(usize),
    Nest(usize, usize),
    HugeLine(usize, usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<u64>().prop_map(Mutation::Shuffle),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::Duplicate),
        any::<usize>().prop_map(Mutation::StrayFence),
        (any::<usize>(), 1usize..200).prop_map(|(at, depth)| Mutation::Nest(at, depth)),
        (any::<usize>(), 1usize..10_000).prop_map(|(at, len)| Mutation::HugeLine(at, len)),
        (any::<usize>(), "[-#*>`{}\\[\\]()!<:| \t\r\\\\a-zåäö0-9]{0,40}").prop_map(|(at, s)| Mutation::Insert(at, s)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Shuffle(seed) => {
                let mut s = *seed;
                for i in (1..lines.len()).rev() {
                    s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    lines.swap(i, (s >> 33) as usize % (i + 1));
                }
            }
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let mut cut = at % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = joined[..cut].split('\n').map(String::from).collect();
            }
            Mutation::Duplicate(at) => {
                let line = lines.get(at % n).cloned().unwrap_or_default();
                lines.insert(at % n, line);
            }
            Mutation::StrayFence(at) => lines.insert(at % n, "---".into()),
            Mutation::Nest(at, depth) => {
                let nested: Vec<String> = (0..*depth).map(|d| format!("{}- level {d}", "  ".repeat(d))).collect();
                lines.insert(at % n, format!("{}\n{}", ">".repeat(*depth), nested.join("\n")));
            }
            Mutation::HugeLine(at, len) => lines.insert(at % n, "ö*_[".repeat(*len / 4 + 1)),
            Mutation::Insert(at, s) => lines.insert(at % n, s.clone()),
        }
    }
    lines.join("\n")
}

fn cases() -> u32 {
    std::env::var("HANDLINGSPLAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_stay_located(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let (src, diags) = parse_bytes(&bytes);
        assert_located_inside(&bytes, src.as_ref(), &diags);
    }

    #[test]
    fn mangled_plans_never_panic_and_stay_located(mutations in proptest::collection::vec(mutation(), 1..5)) {
        let text = apply(VALID, &mutations);
        let (src, diags) = parse_bytes(text.as_bytes());
        assert_located_inside(text.as_bytes(), src.as_ref(), &diags);
    }
}

#[test]
fn the_unmutated_plan_is_valid() {
    let (_, diags) = parse_bytes(VALID.as_bytes());
    assert!(diags.is_empty(), "{diags:?}");
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let site = TestSite::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("2023")).unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(site.path("content"), site.path("content/2022/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("2023"), site.path("content/2023")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), site.path("content/2022/secret.txt")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", site.path("content/2022/follow-up.yaml")).unwrap();
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("error[symlink-not-read]").count(), 4, "{err}");
    assert!(!site.path("public").exists(), "nothing is published");
    assert!(!err.contains("PATH="), "nothing of the link's target is shown");
}

#[test]
fn a_50_mb_plan_is_refused_with_a_size_error() {
    let site = TestSite::fixture("minimal");
    let mut big = site.read("content/2022/plan.sv.md").into_bytes();
    big.resize(50 * 1024 * 1024, b'x');
    site.write("content/2022/plan.sv.md", &big);
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error[file-too-large]: `content/2022/plan.sv.md` is larger than 10 MiB"),
        "{}",
        stderr(&out)
    );
}

/// No element or attribute in `doc` can run script.
fn assert_inert(label: &str, doc: &Html) {
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(
        doc.select(&sel("script, iframe, object, embed, style")).count(),
        0,
        "{label}"
    );
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(
                !name.to_lowercase().starts_with("on"),
                "{label}: `{name}` attribute on <{}>",
                e.value().name()
            );
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!v.starts_with(scheme), "{label}: {name}=\"{value}\"");
            }
        }
    }
}

/// Every `*_html` string in a JSON document, with its path.
fn html_fields(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) if k.ends_with("_html") => {
                        out.push((format!("{path}.{k}"), s.clone()))
                    }
                    _ => html_fields(v, &format!("{path}.{k}"), out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                html_fields(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn script_injection_comes_out_inert_everywhere() {
    let site = TestSite::fixture("xss");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages = 0;
    for file in site.text_files("public") {
        let text = site.read(&format!("public/{file}"));
        // CSV is data for spreadsheets, not markup (its formulas are defused instead).
        assert!(
            file.ends_with(".csv") || !text.to_lowercase().contains("<script"),
            "{file} holds a raw script tag"
        );
        if file.ends_with(".html") {
            assert_inert(&file, &Html::parse_document(&text));
            pages += 1;
        } else if file.ends_with(".json") {
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut fields = Vec::new();
            html_fields(&json, &file, &mut fields);
            assert!(file.ends_with("plans.json") || fields.len() > 5, "{file}");
            for (path, html) in fields {
                assert_inert(&path, &Html::parse_fragment(&html));
            }
        }
    }
    assert!(pages >= 10);
    let plan = site.read("public/2022/index.html");
    assert!(plan.contains("Intro &lt;script&gt;alert("), "raw HTML is shown as text");
}

#[test]
fn with_allow_html_markup_passes_but_script_still_does_not() {
    let site = TestSite::fixture("xss");
    let config = site.read("content/site.yaml") + "allow_html: true\n";
    site.write("content/site.yaml", config);
    site.build_ok();
    let plan = site.read("public/2022/index.html");
    assert!(plan.contains("<b>bold</b>"), "allowed markup is kept");
    for file in site.files("public").iter().filter(|f| f.ends_with(".html")) {
        assert_inert(file, &Html::parse_document(&site.read(&format!("public/{file}"))));
    }
}

/// Round two: what an attacker or a careless pull request could do. Each
/// case is a change to the minimal site; each must fail the build with the
/// code given, at the file given, publishing nothing.
#[test]
fn hostile_changes_fail_where_they_are_made() {
    /// (what, files written, the error's code, the file it is reported at)
    type Case<'a> = (&'a str, &'a [(&'a str, &'a [u8])], &'a str, &'a str);
    let cases: &[Case] = &[
        (
            "a generated name",
            &[("content/2022/index.html", b"<script>alert(1)</script>")],
            "reserved-name",
            "content/2022/index.html",
        ),
        (
            "plan.json",
            &[("content/2022/plan.json", b"{}")],
            "reserved-name",
            "content/2022/plan.json",
        ),
        (
            "plan.csv",
            &[("content/2022/PLAN.CSV", b"x")],
            "reserved-name",
            "content/2022/PLAN.CSV",
        ),
        (
            "an area's page",
            &[("content/2022/skola/index.html", b"<p>x</p>")],
            "reserved-name",
            "content/2022/skola/index.html",
        ),
        (
            "year 0999",
            &[("content/0999/plan.sv.md", b"---\ntitle: x\n---\n## A\n- x\n")],
            "bad-year-folder",
            "content/0999",
        ),
        (
            "year 0000",
            &[("content/0000/plan.sv.md", b"---\ntitle: x\n---\n## A\n- x\n")],
            "bad-year-folder",
            "content/0000",
        ),
        ("theme: /proc", &[], "invalid-theme", "content/site.yaml"),
        ("theme: ../x", &[], "invalid-theme", "content/site.yaml"),
        ("a reserved id", &[], "reserved-id", "content/2022/plan.sv.md"),
        (
            "a bell in the title",
            &[],
            "unusual-character",
            "content/2022/plan.sv.md",
        ),
    ];
    for (what, files, code, file) in cases {
        let site = TestSite::fixture("minimal");
        for (path, bytes) in *files {
            site.write(path, bytes);
        }
        let edit = |path: &str, from: &str, to: &str| {
            let text = site.read(path);
            site.write(path, text.replacen(from, to, 1));
        };
        match *what {
            "theme: /proc" => edit(
                "content/site.yaml",
                "default_language",
                "theme: /proc\ndefault_language",
            ),
            "theme: ../x" => edit("content/site.yaml", "default_language", "theme: ../x\ndefault_language"),
            "a reserved id" => edit("content/2022/plan.sv.md", "{#skola}", "{#main}"),
            "a bell in the title" => edit(
                "content/2022/plan.sv.md",
                "title: Testplan 2022",
                "title: \"Testplan\\u0007 2022\"",
            ),
            _ => {}
        }
        let out = site.build();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(&format!("error[{code}]")), "{what}: {err}");
        assert!(err.contains(&format!("--> {file}")), "{what}: {err}");
        assert!(!site.path("public").exists(), "{what}: nothing is published");
        let check = site.cmd(&["check"]).output().unwrap();
        assert!(
            stderr(&check).contains(&format!("error[{code}]")),
            "{what}: check reports it too"
        );
    }
}

#[cfg(unix)]
#[test]
fn input_files_are_never_read_through_a_link() {
    for (target, file) in [
        ("/proc/self/environ", "content/site.yaml"),
        ("/dev/zero", "content/site.yaml"),
        ("/dev/zero", "content/2022/plan.sv.md"),
    ] {
        let site = TestSite::fixture("minimal");
        std::fs::remove_file(site.path(file)).unwrap();
        std::os::unix::fs::symlink(target, site.path(file)).unwrap();
        for args in [&["build"][..], &["check"]] {
            let out = site
                .cmd(args)
                .env("SECRET_TOKEN", "hunter2")
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
            assert_eq!(out.status.code(), Some(1), "{target} as {file}: {all}");
            assert!(all.contains("error[symlink-not-read]"), "{all}");
            assert!(!all.contains("hunter2"), "nothing of the target is shown: {all}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_year_folder_replaced_by_a_link_fails_the_build_rather_than_publishing_nothing() {
    let site = TestSite::fixture("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    crate::helpers::copy_tree(&site.path("content/2022"), elsewhere.path());
    std::fs::remove_dir_all(site.path("content/2022")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/2022")).unwrap();
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[symlink-not-read]") && err.contains("error[no-plans]"),
        "{err}"
    );
}
