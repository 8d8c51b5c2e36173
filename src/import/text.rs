//! A plan as plain text (as it is written in a word
//! processor or published on a web page) → a plan file in the project's
//! Markdown format.
//!
//! The text's shape: the first line is the title; paragraphs up to the first
//! focus area are the introduction; a short line followed by bullet lines
//! (`•`, `-`, `*`) is a focus area with its actions; an indented line after a
//! bullet continues that bullet.

use super::{Area, Imported, MAX_HEADING_CHARS, Outline, escape, first_sentence};
use crate::diagnostics::Diagnostic;

/// A focus area being read: its paragraphs after the actions keep their
/// 1-based line in the input, for the warning about them.
#[derive(Debug, Default)]
struct Found {
    title: String,
    description: Vec<String>,
    actions: Vec<String>,
    after: Vec<(usize, String)>,
}

/// Convert plain text to a plan file, its ids made from the area titles.
/// `file` names the input in errors.
pub fn to_markdown(file: &str, text: &str) -> Result<Imported, Diagnostic> {
    let (outline, mut warnings) = outline(file, text)?;
    let (markdown, notes) = super::to_plan(file, &outline, None);
    warnings.extend(notes);
    Ok(Imported { markdown, warnings })
}

/// The plan's outline in plain text, and what the editor should look at.
pub fn outline(file: &str, text: &str) -> Result<(Outline, Vec<Diagnostic>), Diagnostic> {
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
    let mut warnings = Vec::new();
    for area in &areas {
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
    let outline = Outline {
        title: title.to_string(),
        description: first_sentence(intro.first().map(String::as_str)),
        intro: intro.iter().map(|p| escape::block(p)).collect(),
        areas: areas.into_iter().map(Found::into_area).collect(),
    };
    Ok((outline, warnings))
}

impl Found {
    fn into_area(self) -> Area {
        Area {
            title: self.title,
            description: self.description.iter().map(|p| escape::block(p)).collect(),
            actions: self.actions.iter().map(|a| escape::block(a)).collect(),
            after: self.after.iter().map(|(_, p)| escape::block(p)).collect(),
        }
    }
}

/// Split the lines after the title into introduction paragraphs and areas.
/// `first_line` is the 1-based line number of `lines[0]` in the input.
fn structure(lines: &[&str], first_line: usize) -> (Vec<String>, Vec<Found>) {
    let mut intro = Vec::new();
    let mut areas: Vec<Found> = Vec::new();
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
                areas.push(Found {
                    actions: vec![action.to_string()],
                    ..Found::default()
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
            areas.push(Found {
                title: trimmed.to_string(),
                ..Found::default()
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
fn merge_headless(areas: Vec<Found>) -> Vec<Found> {
    let mut merged: Vec<Found> = Vec::new();
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
    fn flush(&mut self, intro: &mut Vec<String>, areas: &mut [Found]) {
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
