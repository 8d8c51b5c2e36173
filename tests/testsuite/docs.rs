//! The README and the user guide under `docs/` lead somewhere: every chapter
//! is in the book's table of contents, and every relative link (and its
//! `#anchor`) reaches a file and a heading that exist. The commands they show
//! are checked against the command line in `src/documented.rs`.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The guide's chapters, and the README.
fn documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("docs/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.push(repo().join("README.md"));
    files
}

/// The links of a Markdown text, as written (inline and reference links).
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, Options::all())
        .filter_map(|event| match event {
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) if link_type != LinkType::Email => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The ids mdBook gives a text's headings: lower case, spaces as `-`, only
/// letters, digits, `-` and `_` kept.
fn heading_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut heading: Option<String> = None;
    let mut explicit: Option<String> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some(String::new());
                explicit = id.map(|id| id.to_string());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                ids.insert(explicit.take().unwrap_or_else(|| slug(&text)));
            }
            _ => {}
        }
    }
    ids
}

fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// What is wrong with one relative link from `from`, if anything.
fn broken(from: &Path, link: &str) -> Option<String> {
    if link.contains("://") || link.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
    let target = if path.is_empty() {
        from.to_path_buf()
    } else {
        from.parent().unwrap().join(path)
    };
    if !target.exists() {
        return Some(format!("{link}: `{}` does not exist", target.display()));
    }
    let is_markdown = target.extension().is_some_and(|e| e == "md");
    if anchor.is_empty() || !is_markdown {
        return None;
    }
    let ids = heading_ids(&std::fs::read_to_string(&target).unwrap());
    (!ids.contains(anchor)).then(|| format!("{link}: no heading `#{anchor}` (there are {ids:?})"))
}

#[test]
fn every_relative_link_in_the_readme_and_the_guide_leads_somewhere() {
    let mut problems = Vec::new();
    for file in documents() {
        let text = std::fs::read_to_string(&file).unwrap();
        for link in links(&text) {
            if let Some(problem) = broken(&file, &link) {
                problems.push(format!("{}: {problem}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

#[test]
fn the_table_of_contents_lists_every_chapter_once() {
    let summary = std::fs::read_to_string(repo().join("docs/src/SUMMARY.md")).unwrap();
    let listed: Vec<String> = links(&summary);
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "a chapter listed twice: {listed:?}");
    let chapters: BTreeSet<String> = documents()
        .iter()
        .filter(|p| p.starts_with(repo().join("docs/src")))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "SUMMARY.md")
        .collect();
    let listed: BTreeSet<String> = listed.into_iter().collect();
    assert_eq!(listed, chapters, "SUMMARY.md and docs/src/ differ");
}

#[test]
fn the_link_checker_finds_a_missing_file_and_a_missing_heading() {
    let readme = repo().join("README.md");
    assert!(broken(&readme, "docs/src/nowhere.md").is_some());
    assert!(broken(&readme, "docs/src/site-yaml.md#no-such-heading").is_some());
    assert!(broken(&readme, "docs/src/site-yaml.md#the-accessibility-statement").is_none());
    assert!(broken(&readme, "https://example.org/").is_none());
    assert!(heading_ids("## Innovation {#innovation}\n").contains("innovation"));
    assert_eq!(slug("`check --format json`"), "check---format-json");
    assert_eq!(slug("Your own files (Unreleased)"), "your-own-files-unreleased");
}

#[test]
fn the_readme_is_a_start_install_init_serve_build_publish_in_its_first_screens() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start: String = readme.lines().take(60).collect::<Vec<_>>().join("\n");
    let steps = [
        "## Install",
        "cargo install",
        "handlingsplan init",
        "handlingsplan serve",
        "handlingsplan build",
        "**Publish**",
    ];
    let at: Vec<usize> = steps
        .iter()
        .map(|s| {
            start
                .find(s)
                .unwrap_or_else(|| panic!("`{s}` is not in the README's first 60 lines"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "the steps are out of order: {steps:?} at {at:?}"
    );
    // The reference and the internals live in the guide, not here.
    assert!(
        readme.lines().count() < 150,
        "the README has grown into a reference again"
    );
    for internal in ["## Performance", "## site.yaml", "### Errors"] {
        assert!(!readme.contains(internal), "`{internal}` belongs in docs/src/");
    }
}
