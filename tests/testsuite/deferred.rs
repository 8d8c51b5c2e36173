//! A build reads the follow-up of the years after its budget as it renders
//! them (`LoadOptions::keep_follow_up`): what it makes, warns about and
//! checks is what a session that read every report first makes, warns
//! about and checks; a mistake in such a year is the one `check` reports;
//! and a report changed in between stops it instead of publishing
//! something else.

use crate::archive::synthetic;
use crate::helpers::{TestSite, stderr};
use handlingsplan::diagnostics::Diagnostic;
use handlingsplan::pipeline::{self, BuildError, BuildOptions, LoadOptions, Session};
use handlingsplan::render::{LinkStyle, MemorySink, RenderError, Scope};

/// `plans` plans (up to 2026) with four dated reports each and `seed`.
fn generated(plans: u32, seed: u32) -> TestSite {
    let site = TestSite::empty();
    let out = std::process::Command::new(synthetic())
        .args([
            "--plans",
            &plans.to_string(),
            "--reports",
            "4",
            "--seed",
            &seed.to_string(),
        ])
        .arg("--out")
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// Six plans (2021–2026), one of whose notes holds a link, and one of
/// whose reports changes nothing (a warning).
fn archive() -> TestSite {
    let site = generated(6, 3);
    let report = "content/2023/follow-up/2023-06-30.yaml";
    let text = site.read(report);
    let linked = text.replacen("    sv: ", "    sv: Se [kartan](https://example.org/karta). ", 1);
    assert_ne!(text, linked);
    site.write(report, linked);
    let last = site.read("content/2024/follow-up/2024-12-31.yaml");
    site.write("content/2024/follow-up/2025-01-15.yaml", last);
    site
}

fn load(site: &TestSite, keep: usize) -> LoadOptions {
    LoadOptions {
        links: true,
        keep_follow_up: keep,
        ..LoadOptions::new(site.root())
    }
}

fn open(site: &TestSite, keep: usize) -> Session {
    Session::open(load(site, keep)).unwrap_or_else(|d| panic!("{d:?}"))
}

type Files = std::collections::BTreeMap<String, handlingsplan::render::memory::MemoryFile>;

fn render(session: &Session) -> Result<Files, RenderError> {
    let sink = MemorySink::new();
    session.render(sink.checking(), Scope::All, LinkStyle::Relative)?;
    Ok(sink.into_files())
}

/// Every year's note links: (year, file, language, URL as written).
fn note_links(session: &Session) -> Vec<(u16, String, String, String)> {
    let years = session.site().years.iter();
    years
        .flat_map(|y| {
            y.note_links()
                .map(move |(file, lang, link)| (y.year, file.to_string(), lang.clone(), link.written.clone()))
        })
        .collect()
}

/// The errors among `diags`, as [`said`].
fn errors(diags: &[Diagnostic]) -> Vec<String> {
    said(&diags.iter().filter(|d| d.is_error()).cloned().collect::<Vec<_>>())
}

/// What a diagnostic says, where (snippets aside).
fn said(diags: &[Diagnostic]) -> Vec<String> {
    let line = |d: &Diagnostic| {
        format!(
            "{:?} {}:{}:{} {} {}",
            d.severity, d.file, d.line, d.col, d.code, d.message
        )
    };
    diags.iter().map(line).collect()
}

#[test]
fn years_read_while_rendering_render_warn_and_link_as_years_read_first() {
    let site = archive();
    let mut first = open(&site, usize::MAX);
    let expected = render(&first).unwrap();
    assert!(expected.keys().any(|p| p.starts_with("2023/reports/2023-06-30/")));
    assert!(first.settle_deferred().unwrap().is_empty(), "nothing read later");
    let links = note_links(&first);
    assert!(
        links.iter().any(|(_, _, _, url)| url == "https://example.org/karta"),
        "{links:?}"
    );
    let warnings = said(first.warnings());
    assert!(warnings.iter().any(|w| w.contains("unchanged-report")), "{warnings:?}");
    // No year, some years (30 actions and 4 or 5 reports count as 150 or
    // 180 entries), every year read later.
    for (keep, later) in [(usize::MAX, 0..=0), (300, 4..=5), (0, 6..=6)] {
        let mut session = open(&site, keep);
        let deferred = session.site().years.iter().filter(|y| y.deferred.is_some()).count();
        assert!(later.contains(&deferred), "keep {keep}: {deferred} years read later");
        let files = render(&session).unwrap();
        assert_eq!(files.len(), expected.len(), "keep {keep}");
        for (path, file) in &expected {
            assert!(files.get(path) == Some(file), "keep {keep}: `{path}` differs");
        }
        let mut all = session.warnings().to_vec();
        all.extend(session.settle_deferred().unwrap());
        handlingsplan::diagnostics::sort(&mut all);
        assert_eq!(said(&all), warnings, "keep {keep}");
        assert_eq!(note_links(&session), links, "keep {keep}");
    }
}

#[test]
fn a_mistake_in_a_year_read_while_rendering_is_the_one_check_reports() {
    let site = archive();
    let broken = "content/2025/follow-up/2025-06-30.yaml";
    let text = site.read(broken);
    site.write(broken, text.replacen("status: ", "status: finished-ish\n  stauts: ", 1));
    let Err(opened) = Session::open(load(&site, usize::MAX)) else {
        panic!("a broken report was read without an error");
    };
    let expected = errors(&opened);
    assert!(
        expected.iter().all(|e| e.contains(broken)) && expected.len() >= 2,
        "{expected:?}"
    );
    let session = open(&site, 0);
    let Err(RenderError::Content(found)) = render(&session) else {
        panic!("rendered a year with a broken report");
    };
    assert_eq!(errors(&found), expected);
}

/// An undated `follow-up.yaml` read later renders as one read first.
#[test]
fn an_undated_follow_up_read_later_renders_as_one_read_first() {
    let site = TestSite::fixture("two-years");
    let expected = render(&open(&site, usize::MAX)).unwrap();
    assert!(
        expected.keys().any(|p| p.starts_with("2022/follow-up/")),
        "{:?}",
        expected.keys()
    );
    let later = open(&site, 0);
    let deferred = later.site().year(2022).and_then(|y| y.deferred.as_ref());
    assert!(deferred.is_some(), "2022 is read while rendering");
    assert!(render(&later).unwrap() == expected);
}

/// The errors that stopped rendering `session`.
fn render_errors(session: &Session, what: &str) -> Vec<Diagnostic> {
    match render(session) {
        Err(RenderError::Content(errors)) => errors,
        _ => panic!("rendered a year whose {what}"),
    }
}

#[test]
fn a_report_changed_while_building_stops_the_render_naming_its_year() {
    let site = archive();
    let session = open(&site, 0);
    // A report added after reading: the year is not the one listed.
    site.write("content/2024/follow-up/2024-10-15.yaml", "");
    let errors = render_errors(&session, "reports changed");
    let named =
        |d: &&_| matches!(d, Diagnostic { code: "changed-while-building", message, .. } if message.contains("2024"));
    assert!(errors.iter().any(|d| named(&d)), "{errors:?}");
    // A report broken after reading: its own error, at its file.
    std::fs::remove_file(site.path("content/2024/follow-up/2024-10-15.yaml")).unwrap();
    site.write("content/2025/follow-up/2025-03-31.yaml", "a: [");
    let errors = render_errors(&session, "report broke");
    let at_file = errors
        .iter()
        .any(|d| d.file == "content/2025/follow-up/2025-03-31.yaml");
    assert!(at_file, "{errors:?}");
}

fn build(site: &TestSite, keep: usize) -> Result<Vec<Diagnostic>, BuildError> {
    let opts = BuildOptions {
        keep_follow_up: keep,
        ..site.build_options()
    };
    pipeline::build(&opts).map(|report| report.warnings)
}

/// The problems a build of `site` with budget `keep` fails with.
fn build_problems(site: &TestSite, keep: usize, what: &str) -> Vec<Diagnostic> {
    match build(site, keep) {
        Err(BuildError::Diagnostics(problems)) => problems,
        _ => panic!("a build with {what} succeeded (keep {keep})"),
    }
}

/// `build` itself, every year read later or none: the same warnings, and
/// the same broken links in notes (which it checks after rendering).
#[test]
fn build_warns_and_checks_links_in_years_read_later_as_in_years_read_first() {
    let site = generated(2, 5);
    let unchanged = [
        "content/2025/follow-up/2026-01-15.yaml",
        "content/2026/follow-up/2027-01-15.yaml",
    ];
    for (year, file) in [2025, 2026].iter().zip(unchanged) {
        site.write(file, site.read(&format!("content/{year}/follow-up/{year}-12-31.yaml")));
    }
    let later = said(&build(&site, 0).unwrap());
    assert_eq!(later, said(&build(&site, usize::MAX).unwrap()));
    for file in unchanged {
        assert!(
            later.iter().any(|w| w.contains(file) && w.contains("unchanged-report")),
            "{later:?}"
        );
    }
    let broken = [
        "content/2025/follow-up/2025-06-30.yaml",
        "content/2026/follow-up/2026-06-30.yaml",
    ];
    for file in broken {
        let text = site.read(file);
        site.write(file, text.replacen("    sv: ", "    sv: Se [saknas](../saknas/). ", 1));
    }
    let later = build_problems(&site, 0, "broken links in notes");
    let first = build_problems(&site, usize::MAX, "broken links in notes");
    assert_eq!(said(&later), said(&first));
    for file in broken {
        assert!(said(&later).iter().any(|e| e.contains(file)), "{later:?}");
    }
}

/// A build whose render stops at a year with a broken report reports the
/// broken reports of every year, as `check` does.
#[test]
fn build_reports_the_mistakes_of_every_year_read_later_at_once() {
    let site = generated(3, 5);
    let broken = [
        "content/2024/follow-up/2024-06-30.yaml",
        "content/2026/follow-up/2026-03-31.yaml",
    ];
    for file in broken {
        site.write(file, site.read(file).replacen("status: ", "stauts: ", 1));
    }
    let later = build_problems(&site, 0, "broken reports");
    let first = build_problems(&site, usize::MAX, "broken reports");
    assert_eq!(errors(&later), errors(&first));
    for file in broken {
        assert!(errors(&later).iter().any(|e| e.contains(file)), "{later:?}");
    }
    assert!(!site.path("public").exists(), "a failed build wrote its output");
}

/// A draft year is not rendered (unless asked for), so its follow-up is
/// read when the site is opened, whatever the budget: its mistakes are
/// still found.
#[test]
fn a_draft_years_follow_up_is_read_when_the_site_is_opened() {
    let site = archive();
    for lang in ["sv", "en"] {
        let plan = format!("content/2026/plan.{lang}.md");
        site.write(&plan, site.read(&plan).replacen("---\n", "---\ndraft: true\n", 1));
    }
    let session = open(&site, 0);
    let deferred: Vec<u16> = (session.site().years.iter())
        .filter(|y| y.deferred.is_some())
        .map(|y| y.year)
        .collect();
    assert_eq!(deferred, [2021, 2022, 2023, 2024, 2025], "the draft is not published");
    let broken = "content/2026/follow-up/2026-06-30.yaml";
    site.write(broken, site.read(broken).replacen("status: ", "stauts: ", 1));
    let Err(errors) = Session::open(load(&site, 0)) else {
        panic!("a draft year's broken report was not read");
    };
    assert!(
        said(&errors)
            .iter()
            .any(|e| e.starts_with("Error") && e.contains(broken)),
        "{errors:?}"
    );
}
