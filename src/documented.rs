//! The README and the user guide, checked: the commands they show against
//! the command line they document (every `handlingsplan …` in a shell block
//! parses as written, every flag a synopsis names exists for its command,
//! every command has a synopsis line, the scripts shown are in the
//! repository), every relative link and `#anchor` leads somewhere, the
//! book's table of contents lists every chapter, and the README stays a start.

use crate::Cli;
use clap::{CommandFactory, Parser as _};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A fenced code block: its language and its text.
struct Block {
    lang: String,
    text: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

fn blocks(file: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                open = Some(Block {
                    lang: lang.to_string(),
                    text: String::new(),
                })
            }
            Event::Text(t) => {
                if let Some(b) = open.as_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The commands of a shell block, each as its words: continued lines
/// joined, comments dropped, split at `&&`, `||`, `;` and `|`, redirections
/// left out.
fn commands(script: &str) -> Vec<Vec<String>> {
    let joined = script.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in joined.lines() {
        let words = shlex::split(line).unwrap_or_else(|| panic!("unbalanced quotes in `{line}`"));
        let mut current = Vec::new();
        let mut words = words.into_iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "&&" | "||" | ";" | "|" => commands.push(std::mem::take(&mut current)),
                ">" | ">>" | "<" | "2>" => {
                    words.next();
                }
                _ => current.push(word),
            }
        }
        commands.push(current);
    }
    commands.retain(|c| !c.is_empty());
    commands
}

/// What is wrong with a command as written, if anything.
fn problem(words: &[String]) -> Option<String> {
    match words[0].as_str() {
        "handlingsplan" => Cli::try_parse_from(words).err().map(|e| e.render().to_string()),
        "bash" | "python3" if words.get(1).is_some_and(|w| w != "-m") => {
            let script = words.iter().skip(1).find(|w| !w.starts_with('-'))?;
            (!repo().join(script).exists()).then(|| format!("no script `{script}` in the repository"))
        }
        _ => None,
    }
}

/// The flags a synopsis line names for its command (`[-o DIR]`, `[--drafts[=false]]`).
fn synopsis(line: &str) -> (Vec<String>, Vec<String>) {
    let mut path = Vec::new();
    let mut flags = Vec::new();
    for word in line.split_whitespace().skip(1) {
        let word = word.trim_matches(|c| c == '[' || c == ']');
        let word = word.split(['=', '[', ']']).next().unwrap_or("");
        if word.starts_with('-') {
            flags.push(word.to_string());
        } else if word.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !word.is_empty() {
            path.push(word.to_string());
        }
    }
    (path, flags)
}

/// The subcommand a synopsis names (`follow-up pin`), and whether it has `flag`.
fn flag_exists(path: &[String], flag: &str) -> bool {
    let mut command = Cli::command();
    command.build();
    let mut at = &command;
    for word in path {
        match at.find_subcommand(word) {
            Some(sub) => at = sub,
            None => break,
        }
    }
    at.get_arguments().any(|a| {
        let long = flag.strip_prefix("--");
        let short = flag.strip_prefix('-').filter(|s| s.len() == 1);
        long.is_some_and(|l| a.get_long_and_visible_aliases().unwrap_or_default().contains(&l))
            || short.is_some_and(|s| a.get_short() == s.chars().next())
    })
}

fn documented(check: impl Fn(&Path, &Block) -> Vec<String>) -> Vec<String> {
    documents()
        .iter()
        .flat_map(|f| blocks(f).into_iter().flat_map(|b| check(f, &b)).collect::<Vec<_>>())
        .collect()
}

#[test]
fn every_command_the_documents_show_parses() {
    let problems = documented(|file, block| {
        if !matches!(block.lang.as_str(), "sh" | "bash" | "console" | "shell") {
            return Vec::new();
        }
        commands(&block.text)
            .iter()
            .filter_map(|c| problem(c).map(|p| format!("{}: `{}`: {p}", file.display(), c.join(" "))))
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_flag_a_synopsis_names_exists_and_every_command_has_one() {
    let mut named = std::collections::BTreeSet::new();
    let problems = documented(|file, block| {
        let mut problems = Vec::new();
        for line in block
            .text
            .lines()
            .filter(|l| block.lang.is_empty() && l.starts_with("handlingsplan "))
        {
            let (path, flags) = synopsis(line);
            for flag in flags {
                if !flag_exists(&path, &flag) {
                    problems.push(format!("{}: `{line}`: no flag {flag}", file.display()));
                }
            }
        }
        problems
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for file in documents() {
        for block in blocks(&file).iter().filter(|b| b.lang.is_empty()) {
            for line in block.text.lines().filter(|l| l.starts_with("handlingsplan ")) {
                named.extend(synopsis(line).0.first().cloned());
            }
        }
    }
    for sub in Cli::command().get_subcommands() {
        assert!(
            named.contains(sub.get_name()),
            "no synopsis line for `{}`",
            sub.get_name()
        );
    }
}

#[test]
fn the_checks_catch_a_wrong_command() {
    assert_eq!(
        commands("cd x && handlingsplan serve  # comment\n"),
        [vec!["cd", "x"], vec!["handlingsplan", "serve"]]
    );
    assert_eq!(
        commands("handlingsplan init a \\\n  --name \"A B\"")[0],
        ["handlingsplan", "init", "a", "--name", "A B"]
    );
    let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
    assert!(problem(&words("handlingsplan build --no-such-flag")).is_some());
    assert!(problem(&words("handlingsplan new 20x3")).is_some());
    assert!(problem(&words("handlingsplan build -o out")).is_none());
    assert!(problem(&words("bash benches/nowhere.sh")).is_some());
    assert!(!flag_exists(&["build".into()], "--open"));
    assert!(flag_exists(&["serve".into()], "--open"));
    assert!(flag_exists(&["build".into()], "--output-dir"));
    assert!(flag_exists(&["follow-up".into(), "pin".into()], "-r"));
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
    for internal in ["## site.yaml", "### Errors"] {
        assert!(!readme.contains(internal), "`{internal}` belongs in docs/src/");
    }
    // Its figures are from one run, dated, on a named machine, beside the
    // command that reproduces them; the rest of the story is in the guide.
    let performance = readme.split("## Performance").nth(1).expect("a performance section");
    let performance = performance.split("\n## ").next().unwrap_or_default();
    for needed in ["bash benches/archive.sh", "2026-", "2-core", "docs/src/performance.md"] {
        assert!(performance.contains(needed), "the README's figures lack `{needed}`");
    }
}
