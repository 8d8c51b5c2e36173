//! A build lets the follow-up of the years read after its budget go and
//! reads each again as it renders it (`LoadOptions::keep_follow_up`): what
//! it makes is what a session that kept every report makes, and a report
//! changed in between stops it instead of publishing something else.

use crate::archive::synthetic;
use crate::helpers::{TestSite, stderr};
use handlingsplan::pipeline::{LoadOptions, Session};
use handlingsplan::render::{LinkStyle, MemorySink, RenderError, Scope};

/// Six plans (2021–2026) with four dated reports each, one of whose notes
/// holds a link.
fn archive() -> TestSite {
    let site = TestSite::empty();
    let out = std::process::Command::new(synthetic())
        .args(["--plans", "6", "--reports", "4", "--seed", "3", "--out"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = "content/2023/follow-up/2023-06-30.yaml";
    let text = site.read(report);
    let linked = text.replacen("    sv: ", "    sv: Se [kartan](https://example.org/karta). ", 1);
    assert_ne!(text, linked);
    site.write(report, linked);
    site
}

fn open(site: &TestSite, keep: usize) -> Session {
    let load = LoadOptions {
        links: true,
        keep_follow_up: keep,
        ..LoadOptions::new(site.root())
    };
    Session::open(load).unwrap_or_else(|d| panic!("{d:?}"))
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

#[test]
fn years_read_again_render_byte_for_byte_as_years_kept() {
    let site = archive();
    let kept = open(&site, usize::MAX);
    let expected = render(&kept).unwrap();
    assert!(expected.keys().any(|p| p.starts_with("2023/reports/2023-06-30/")));
    let links = note_links(&kept);
    assert!(
        links.iter().any(|(_, _, _, url)| url == "https://example.org/karta"),
        "{links:?}"
    );
    // No year, some years (4 reports × 30 actions is 120 entries a year,
    // carried forward or not), every year let go.
    for (keep, released) in [(usize::MAX, 0..=0), (300, 2..=5), (0, 6..=6)] {
        let session = open(&site, keep);
        let let_go = session.site().years.iter().filter(|y| y.released.is_some()).count();
        assert!(released.contains(&let_go), "keep {keep}: {let_go} years let go");
        assert_eq!(note_links(&session), links, "keep {keep}");
        let files = render(&session).unwrap();
        assert_eq!(files.len(), expected.len(), "keep {keep}");
        for (path, file) in &expected {
            assert!(files.get(path) == Some(file), "keep {keep}: `{path}` differs");
        }
    }
}

/// The errors that stopped rendering `session`.
fn render_errors(session: &Session, what: &str) -> Vec<handlingsplan::diagnostics::Diagnostic> {
    match render(session) {
        Err(RenderError::Content(errors)) => errors,
        _ => panic!("rendered a year whose {what}"),
    }
}

#[test]
fn a_report_changed_while_building_stops_the_render_naming_its_year() {
    let site = archive();
    let session = open(&site, 0);
    // A report added after reading: the year is not the one read.
    site.write("content/2024/follow-up/2024-10-15.yaml", "");
    let errors = render_errors(&session, "reports changed");
    let named = |d: &&_| matches!(d, handlingsplan::diagnostics::Diagnostic { code: "changed-while-building", message, .. } if message.contains("2024"));
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
