//! The commands the README and the user guide show, checked against the
//! command line they document: every `handlingsplan …` in a shell block
//! parses as written, every flag a synopsis names exists for its command,
//! every command has a synopsis line, and the scripts shown are in the
//! repository.

use crate::Cli;
use clap::{CommandFactory, Parser as _};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
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
