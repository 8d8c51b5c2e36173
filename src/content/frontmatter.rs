//! The YAML front matter at the top of a plan file.

use crate::diagnostics::{Diagnostic, SourceFile, strip_yaml_location, yaml};
use serde::Deserialize;
use std::ops::Range;

/// The keys a plan's front matter may have.
pub const KEYS: [&str; 3] = ["title", "description", "draft"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `None` for `title: ~` or `title: null`: an empty title, not the text "~".
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// Where the parts of a plan file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The opening `---` line.
    pub open: Range<usize>,
    /// The YAML between the `---` lines.
    pub yaml: Range<usize>,
    /// Everything after the closing `---` line.
    pub body: Range<usize>,
}

const EXAMPLE: &str = "start the file with front matter, e.g.\n---\ntitle: Handlingsplan 2022\ndescription: One sentence about the plan.\n---";

/// Find the front matter: a `---` line at the very top and the next `---` line.
pub fn split(src: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &src.text;
    let first = src.line_range(1);
    if text[first.clone()].trim_end() != "---" {
        let hint = if text.trim_start().starts_with('#') {
            format!("the title belongs in front matter, not in a `#` heading; {EXAMPLE}")
        } else {
            EXAMPLE.to_string()
        };
        return Err(Diagnostic::error_at(
            "missing-front-matter",
            src,
            first,
            "expected front matter: the file must start with a `---` line",
        )
        .with_hint(hint));
    }
    for line in 2..=src.line_count() {
        let range = src.line_range(line);
        if text[range.clone()].trim_end() == "---" {
            let body_start = src.line_start(line + 1);
            return Ok(Split {
                open: first.clone(),
                yaml: src.line_start(2)..range.start,
                body: body_start..text.len(),
            });
        }
    }
    Err(Diagnostic::error_at(
        "unterminated-front-matter",
        src,
        first,
        "front matter is never closed: no second `---` line",
    )
    .with_hint("add a line with only `---` after the last front-matter key"))
}

/// Parse the YAML of the front matter, reporting problems at their place in the file.
pub fn parse(src: &SourceFile, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let yaml = &src.text[split.yaml.clone()];
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error_at(
            "missing-key",
            src,
            split.open.clone(),
            "front matter is empty: `title` is missing",
        )
        .with_hint("add `title: <the plan's title>` between the `---` lines"));
    }
    serde_yaml::from_str(yaml).map_err(|e| yaml_error(src, split, &e))
}

fn yaml_error(src: &SourceFile, split: &Split, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = strip_yaml_location(&full);
    let offset = split.yaml.start + e.location().map_or(0, |l| l.index());
    let at = |range: Range<usize>, code, msg: String| Diagnostic::error_at(code, src, range, msg);
    if let Some(key) = between_backticks(message, "unknown field `") {
        let range = key_range(src, split, key).unwrap_or(offset..offset + key.len());
        let d = at(range, "unknown-key", format!("unknown front-matter key `{key}`"));
        return d.did_you_mean(key, KEYS, format!("known keys: {}", KEYS.join(", ")));
    }
    if let Some(key) = between_backticks(message, "missing field `") {
        return at(
            split.open.clone(),
            "missing-key",
            format!("front matter has no `{key}`"),
        )
        .with_hint(format!("add `{key}: ...` between the `---` lines"));
    }
    if let Some(key) = between_backticks(message, "duplicate field `") {
        let range =
            yaml::find(src, split.yaml.clone(), yaml::Find { path: &[key], nth: 1 }).unwrap_or(split.open.clone());
        return at(
            range,
            "duplicate-key",
            format!("front-matter key `{key}` is given twice"),
        )
        .with_hint("remove one of them");
    }
    if message.contains("invalid type") {
        let (key, what) = message.split_once(": ").unwrap_or(("", message));
        let hint = match key {
            "draft" => "`draft` is `true` or `false`",
            "title" | "description" => {
                "write the text after the colon; put it in quotes if it contains `: ` or starts with a special character"
            }
            _ => "front matter is `key: value` lines",
        };
        let msg = if key.is_empty() {
            format!("front matter must be `key: value` lines ({what})")
        } else {
            format!("wrong type for `{key}`: {what}")
        };
        return at(offset..src.line_end(offset), "wrong-type", msg).with_hint(hint);
    }
    at(
        offset..src.line_end(offset),
        "invalid-yaml",
        format!("front matter is not valid YAML: {message}"),
    )
    .with_hint("each line is `key: value`; indent nested values consistently and quote text that contains `: `")
}

fn between_backticks<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(&rest[..rest.find('`')?])
}

/// The range of the first `key:` of the front matter.
pub fn key_range(src: &SourceFile, split: &Split, key: &str) -> Option<Range<usize>> {
    yaml::key(src, split.yaml.clone(), &[key])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<FrontMatter, Diagnostic> {
        let src = SourceFile::new("p.md", text);
        let split = split(&src)?;
        parse(&src, &split)
    }

    #[test]
    fn splits_front_matter_with_lf_and_crlf() {
        for text in ["---\ntitle: T\n---\nbody\n", "---\r\ntitle: T\r\n---\r\nbody\r\n"] {
            let src = SourceFile::new("p.md", text);
            let s = split(&src).unwrap();
            assert_eq!(src.text[s.yaml.clone()].trim_end(), "title: T");
            assert!(src.text[s.body.clone()].starts_with("body"));
            assert_eq!(parse(&src, &s).unwrap().title.as_deref(), Some("T"));
        }
    }

    #[test]
    fn front_matter_errors_point_at_the_problem() {
        let cases = [
            ("# Title\n", "missing-front-matter", 1, 1),
            ("---\ntitle: T\n", "unterminated-front-matter", 1, 1),
            ("---\ntitle: T\ntitel: U\n---\n", "unknown-key", 3, 1),
            ("---\ntitle: T\ndraft: yes\n---\n", "wrong-type", 3, 8),
            ("---\n---\n", "missing-key", 1, 1),
            ("---\ntitle: T\ntitle: U\n---\n", "duplicate-key", 3, 1),
            ("---\ntitle: T\n  bad: x\n---\n", "invalid-yaml", 3, 6),
        ];
        for (text, code, line, col) in cases {
            let d = parse_str(text).unwrap_err();
            assert_eq!((d.code, d.line, d.col), (code, line, col), "{text:?}: {d}");
            assert!(d.hint.is_some(), "{text:?} has no hint");
        }
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let d = parse_str("---\ntitle: T\ndesciption: D\n---\n").unwrap_err();
        assert!(d.hint.unwrap().starts_with("did you mean `description`?"));
    }
}
