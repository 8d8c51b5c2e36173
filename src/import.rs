//! `handlingsplan import`: a plan as plain text (as it is written in a word
//! processor or published on a web page) → a plan file in the project's
//! Markdown format.
//!
//! The text's shape: the first line is the title; paragraphs up to the first
//! focus area are the introduction; a short line followed by bullet lines
//! (`•`, `-`, `*`) is a focus area with its actions; an indented line after a
//! bullet continues that bullet.

use crate::content::slug::slugify;
use crate::diagnostics::Diagnostic;
use crate::fs_utils::{self, FsError};
use crate::sources::{self, Role};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A focus-area heading longer than this is taken for a paragraph.
const MAX_HEADING_CHARS: usize = 120;

#[derive(Debug, Default, PartialEq)]
struct Area {
    title: String,
    description: Vec<String>,
    actions: Vec<String>,
    /// Paragraphs after the actions, with their 1-based line in the input.
    after: Vec<(usize, String)>,
}

/// The result of an import: the plan file, and things the editor should look at.
#[derive(Debug)]
pub struct Imported {
    pub markdown: String,
    pub warnings: Vec<Diagnostic>,
}

/// Why an imported plan was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("`{}` already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("refusing to replace `{}`: --force replaces only a plan file named `plan.{lang}.md`", path.display())]
    NotAPlanFile { path: PathBuf, lang: String },
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// Write an imported plan (`markdown`, in language `lang`) to `target`.
/// A new file is created; an existing one is replaced only with `force`,
/// and only if it is a plan file of that language (`plan.<lang>.md`, not a
/// link): `--force` can never overwrite anything else. The file is replaced
/// in one step, so a failure leaves the old plan as it was.
pub fn write_plan(target: &Path, lang: &str, markdown: &str, force: bool) -> Result<(), WriteError> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs_utils::create_dir_all(parent)?;
    }
    match fs_utils::write_new(target, markdown.as_bytes()) {
        Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => {}
        other => return Ok(other?),
    }
    if !force {
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_plan = sources::classify(&name, true) == Role::Plan(lang.to_string());
    let is_file = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_file());
    if !(is_plan && is_file) {
        return Err(WriteError::NotAPlanFile {
            path: target.to_path_buf(),
            lang: lang.to_string(),
        });
    }
    Ok(fs_utils::replace(target, markdown.as_bytes(), 0)?)
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    draft: bool,
}

/// Convert plain text to a plan file. `file` names the input in errors.
pub fn to_markdown(file: &str, text: &str) -> Result<Imported, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let Some(title_idx) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Err(Diagnostic::error("empty-import", file, "the file is empty")
            .with_hint("the first line of the text is the plan's title"));
    };
    let title = lines[title_idx].trim();
    let (intro, areas) = structure(&lines[title_idx + 1..], title_idx + 2);
    if areas.is_empty() {
        return Err(Diagnostic::error(
            "no-focus-areas",
            file,
            "found no focus areas: no line followed by bullet lines",
        )
        .with_pos(title_idx + 1, 1)
        .with_hint("write each focus area as a short line, then its actions as lines starting with `•`, `-` or `*`"));
    }
    let front = Front {
        title,
        description: first_sentence(intro.first().map(String::as_str)),
        draft: false,
    };
    let mut out = String::from("---\n");
    out.push_str(&serde_yaml::to_string(&front).expect("front matter serialises"));
    out.push_str("---\n");
    for p in &intro {
        out.push('\n');
        out.push_str(&escape_block(p));
        out.push('\n');
    }
    let mut ids = HashSet::new();
    let mut warnings = Vec::new();
    for area in &areas {
        write_area(&mut out, area, &unique_id(&area.title, &mut ids));
        warnings.extend(area.after.iter().map(|(line, p)| {
            let message = format!(
                "text after the actions of `{}` was kept as part of its description: `{p}`",
                area.title
            );
            Diagnostic::warning("text-after-actions", file, message)
                .with_pos(*line, 1)
                .with_hint("remove it from the plan file if it is not part of the plan")
        }));
    }
    Ok(Imported {
        markdown: out,
        warnings,
    })
}

/// A slug of `title` no other area has (`ids` holds theirs).
fn unique_id(title: &str, ids: &mut HashSet<String>) -> String {
    let base = Some(slugify(title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "area".into());
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// One focus area as Markdown: its heading, description, actions, and the
/// text found after them.
fn write_area(out: &mut String, area: &Area, id: &str) {
    out.push_str(&format!("\n## {} {{#{id}}}\n\n", escape_inline(&area.title)));
    for p in &area.description {
        out.push_str(&escape_block(p));
        out.push_str("\n\n");
    }
    for action in &area.actions {
        out.push_str("- ");
        out.push_str(&escape_inline(action));
        out.push('\n');
    }
    for (_, p) in &area.after {
        out.push('\n');
        out.push_str(&escape_block(p));
        out.push('\n');
    }
}

/// Split the lines after the title into introduction paragraphs and areas.
/// `first_line` is the 1-based line number of `lines[0]` in the input.
fn structure(lines: &[&str], first_line: usize) -> (Vec<String>, Vec<Area>) {
    let mut intro = Vec::new();
    let mut areas: Vec<Area> = Vec::new();
    let mut paragraph = Paragraph::default();
    let mut in_bullets = false;
    let next_nonblank = |i: usize| lines[i + 1..].iter().find(|l| !l.trim().is_empty()).copied();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            paragraph.flush(&mut intro, &mut areas);
            continue;
        }
        if let Some(action) = bullet(line) {
            paragraph.flush(&mut intro, &mut areas);
            if let Some(area) = areas.last_mut().filter(|_| in_bullets) {
                area.actions.push(action.to_string());
            } else {
                areas.push(Area {
                    actions: vec![action.to_string()],
                    ..Area::default()
                });
            }
            in_bullets = true;
        } else if in_bullets && line.starts_with(char::is_whitespace) && paragraph.is_empty() {
            let last = areas
                .last_mut()
                .and_then(|a| a.actions.last_mut())
                .expect("in a bullet list");
            last.push(' ');
            last.push_str(trimmed);
        } else if next_nonblank(i).is_some_and(|n| bullet(n).is_some())
            && trimmed.chars().count() <= MAX_HEADING_CHARS
            && paragraph.is_empty()
        {
            areas.push(Area {
                title: trimmed.to_string(),
                ..Area::default()
            });
            in_bullets = true;
        } else {
            in_bullets = false;
            paragraph.push(first_line + i, trimmed);
        }
    }
    paragraph.flush(&mut intro, &mut areas);
    (intro, merge_headless(areas))
}

/// A bullet list with no heading before it belongs to the previous area.
fn merge_headless(areas: Vec<Area>) -> Vec<Area> {
    let mut merged: Vec<Area> = Vec::new();
    for area in areas {
        match merged.last_mut() {
            Some(prev) if area.title.is_empty() => {
                prev.actions.extend(area.actions);
                prev.after.extend(area.after);
            }
            _ => merged.push(area),
        }
    }
    if merged.first().is_some_and(|a| a.title.is_empty()) {
        merged[0].title = "Insatser".into();
    }
    merged
}

/// Lines of a paragraph being read, and the line it started on.
#[derive(Default)]
struct Paragraph<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

impl<'a> Paragraph<'a> {
    fn push(&mut self, line: usize, text: &'a str) {
        if self.lines.is_empty() {
            self.line = line;
        }
        self.lines.push(text);
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The paragraph goes to the introduction; once an area has begun, to its
    /// description, or after its actions once it has some.
    fn flush(&mut self, intro: &mut Vec<String>, areas: &mut [Area]) {
        if self.lines.is_empty() {
            return;
        }
        let text = self.lines.join(" ");
        self.lines.clear();
        match areas.last_mut() {
            Some(area) if !area.actions.is_empty() => area.after.push((self.line, text)),
            Some(area) => area.description.push(text),
            None => intro.push(text),
        }
    }
}

/// The text of a bullet line, without its bullet.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t
        .strip_prefix('•')
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| t.strip_prefix("* "))?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

fn first_sentence(paragraph: Option<&str>) -> Option<String> {
    let p = paragraph?;
    // The first ". " after a few words, so "1. " or "t.ex. " do not end it.
    let end = p
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| p[..i].chars().count() >= 30)
        .unwrap_or(p.len());
    let s = &p[..end];
    (s.chars().count() <= 200).then(|| s.to_string())
}

/// Escape characters that Markdown would read as markup inside a line.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape a paragraph, including markers that would start a list or heading.
fn escape_block(text: &str) -> String {
    let escaped = escape_inline(text);
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    match escaped.split_once(['.', ')']) {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            let marker = &escaped[n.len()..n.len() + 1];
            format!("{n}\\{marker}{rest}")
        }
        _ => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_of_a_small_plan() {
        let text = "Plan 2030\n\nFirst intro paragraph about the plan. More.\nSame paragraph.\n\nSecond paragraph:\n\nArea one\n\n • Do a\n • Do b that\n   continues here\n\nArea two\n - Do c\n * Do d\n";
        let md = to_markdown("in.txt", text).unwrap().markdown;
        let want = "---\ntitle: Plan 2030\ndescription: First intro paragraph about the plan.\ndraft: false\n---\n\nFirst intro paragraph about the plan. More. Same paragraph.\n\nSecond paragraph:\n\n## Area one {#area-one}\n\n- Do a\n- Do b that continues here\n\n## Area two {#area-two}\n\n- Do c\n- Do d\n";
        assert_eq!(md, want);
    }

    #[test]
    fn markup_characters_stay_literal_and_ids_stay_unique() {
        let md = to_markdown("in.txt", "T\n\n1. Not a list *really*\n\nSame\n• a_b <c>\nSame\n• d\n")
            .unwrap()
            .markdown;
        assert!(md.contains("\n1\\. Not a list \\*really\\*\n"), "{md}");
        assert!(md.contains("- a\\_b \\<c\\>"), "{md}");
        assert!(
            md.contains("## Same {#same}") && md.contains("## Same {#same-2}"),
            "{md}"
        );
    }

    #[test]
    fn quotes_yaml_that_needs_it() {
        let md = to_markdown("in.txt", "Plan: 2030 #1\n\nA\n• b\n").unwrap().markdown;
        let front: serde_yaml::Value = serde_yaml::from_str(md.split("---\n").nth(1).unwrap()).unwrap();
        assert_eq!(front["title"].as_str(), Some("Plan: 2030 #1"));
    }

    #[test]
    fn stray_text_after_the_last_actions_is_kept_after_them_with_a_warning() {
        let imported = to_markdown("in.txt", "T\n\nA\n• b\n\n0").unwrap();
        assert!(imported.markdown.ends_with("- b\n\n0\n"), "{}", imported.markdown);
        let w = &imported.warnings[0];
        assert_eq!((w.code, w.line), ("text-after-actions", 6));
    }

    #[test]
    fn text_without_focus_areas_is_an_error() {
        assert_eq!(to_markdown("in.txt", "").unwrap_err().code, "empty-import");
        assert_eq!(
            to_markdown("in.txt", "Title\n\nJust prose.\n").unwrap_err().code,
            "no-focus-areas"
        );
    }
}
