//! One plan file (`content/<year>/plan.<lang>.md`) → a [`Plan`].

use super::html::{HtmlOptions, smarten};
use super::{body, frontmatter};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Lang, Plan};

pub use crate::sources::decode;

/// What the loader knows about a plan file before reading it.
#[derive(Debug, Clone)]
pub struct PlanMeta {
    pub year: u16,
    pub lang: Lang,
    /// Relative to the site root, with `/` separators.
    pub file: String,
}

/// Parse a decoded plan file, to its end: a problem in one part (the front
/// matter, an area) does not stop the rest from being read. Problems are
/// pushed to `diags`; the plan returned holds whatever could be read (with
/// an empty title when the front matter could not be), so that the checks
/// that follow — translations, follow-up, links — still run on it.
pub fn parse(src: &SourceFile, meta: &PlanMeta, opts: &HtmlOptions, diags: &mut Vec<Diagnostic>) -> Plan {
    diags.extend(crate::sources::unusual_characters(src));
    let (split, body_range) = match frontmatter::split(src) {
        Ok(split) => {
            let body = split.body.clone();
            (Some(split), body)
        }
        Err(d) => {
            // No front matter: the whole file is the body. Never closed: what follows the `---`.
            let start = if d.code == "missing-front-matter" {
                0
            } else {
                src.line_start(2)
            };
            diags.push(d);
            (None, start..src.text.len())
        }
    };
    let front = split
        .as_ref()
        .and_then(|split| frontmatter::parse(src, split).map_err(|d| diags.push(d)).ok());
    let body = body::parse(src, body_range.clone(), opts, diags);
    if body.areas.is_empty() && !diags.iter().any(|d| d.code == "heading-level-1") {
        diags.push(
            Diagnostic::error_at(
                "no-focus-areas",
                src,
                body_range.start..body_range.start,
                "the plan has no focus areas",
            )
            .with_hint("start each focus area with a `## Heading` followed by a bullet list of actions"),
        );
    }
    if let Some(area) = body.areas.get(crate::model::MAX_AREA_CARDS) {
        let at = src.line_start(area.pos.line)..src.line_range(area.pos.line).end;
        diags.push(
            Diagnostic::at(
                crate::diagnostics::Severity::Warning,
                "many-share-cards",
                src,
                at,
                format!(
                    "the plan has {} focus areas: the pages of those after the {}th show the plan's share card instead of one of their own",
                    body.areas.len(),
                    crate::model::MAX_AREA_CARDS
                ),
            )
            .with_hint("each card is an image drawn and kept for every build; a plan this large is better split"),
        );
    }
    let head = match (split, front) {
        (Some(split), Some(front)) => check_front(src, &split, front, diags),
        _ => Head::default(),
    };
    Plan {
        year: meta.year,
        lang: meta.lang.clone(),
        file: meta.file.clone(),
        title: smarten(&head.title, &meta.lang),
        description: smarten(&head.description, &meta.lang),
        draft: head.draft,
        intro_html: body.intro_html,
        areas: body.areas,
        pos: src.pos(head.title_at),
        links: body.links,
    }
}

/// What the front matter gives the plan.
#[derive(Default)]
struct Head {
    title: String,
    /// The description, or the title when there is none.
    description: String,
    draft: bool,
    /// Where the title is written.
    title_at: usize,
}

/// Check the front matter's values: a title, and a description (a warning).
fn check_front(
    src: &SourceFile,
    split: &frontmatter::Split,
    front: frontmatter::FrontMatter,
    diags: &mut Vec<Diagnostic>,
) -> Head {
    let key = frontmatter::key_range(src, split, "title");
    let title_range = key.clone().unwrap_or(split.open.clone());
    let title = front.title.as_deref().map(str::trim).unwrap_or_default();
    match key {
        None => diags.push(
            Diagnostic::error_at("missing-key", src, split.open.clone(), "front matter has no `title`")
                .with_hint("add `title: ...` between the `---` lines"),
        ),
        Some(_) if title.is_empty() => diags.push(
            Diagnostic::error_at("empty-title", src, title_range.clone(), "the plan's `title` is empty")
                .with_hint("e.g. `title: Handlingsplan 2022`"),
        ),
        Some(_) => {}
    }
    let description = front.description.as_deref().map(str::trim).unwrap_or_default();
    for (key, value) in [("title", title), ("description", description)] {
        if let Some(c) = value.chars().find(|c| crate::sources::unusual_character(*c).is_some()) {
            let range = frontmatter::key_range(src, split, key).unwrap_or(split.open.clone());
            let what = crate::sources::unusual_character(c).unwrap_or_default();
            diags.push(
                Diagnostic::error_at(
                    "unusual-character",
                    src,
                    range,
                    format!("`{key}` holds {what} (U+{:04X})", c as u32),
                )
                .with_hint("remove the escape that makes it (such as `\\u0007` in quotes)"),
            );
        }
    }
    if description.is_empty() {
        let range = frontmatter::key_range(src, split, "description").unwrap_or(split.open.clone());
        diags.push(
            Diagnostic::at(
                crate::diagnostics::Severity::Warning,
                "missing-description",
                src,
                range,
                "the plan has no `description`",
            )
            .with_hint("add `description: <one sentence>`; search engines and link previews show it"),
        );
    }
    Head {
        title: title.to_string(),
        description: if description.is_empty() { title } else { description }.to_string(),
        draft: front.draft,
        title_at: title_range.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> PlanMeta {
        PlanMeta {
            year: 2022,
            lang: "sv".into(),
            file: "content/2022/plan.sv.md".into(),
        }
    }

    #[test]
    fn decodes_bom_and_rejects_bad_utf8() {
        let src = decode("f", b"\xEF\xBB\xBF---\n").unwrap();
        assert_eq!(&*src.text, "---\n");
        let d = decode("f", b"ab\nc\xFFd").unwrap_err();
        assert_eq!((d.code, d.line, d.col), ("not-utf8", 2, 2));
    }

    #[test]
    fn parses_a_whole_plan() {
        let src = SourceFile::new(
            "f",
            "---\ntitle: Plan\ndescription: D\ndraft: true\n---\nIntro\n\n## A\n- x\n",
        );
        let mut diags = Vec::new();
        let plan = parse(&src, &meta(), &HtmlOptions::default(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            (plan.title.as_str(), plan.description.as_str(), plan.draft),
            ("Plan", "D", true)
        );
        assert_eq!(plan.areas[0].pos.line, 8);
        assert_eq!(plan.action_count(), 1);
    }

    #[test]
    fn reports_front_matter_and_body_errors_together() {
        let src = SourceFile::new("f", "---\ntitel: Plan\n---\n# Heading\n\n## A\n");
        let mut diags = Vec::new();
        let plan = parse(&src, &meta(), &HtmlOptions::default(), &mut diags);
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["unknown-key", "heading-level-1", "no-actions"]);
        assert_eq!(plan.areas.len(), 1, "what could be read is kept");
    }

    #[test]
    fn a_missing_description_is_a_warning_with_the_title_as_fallback() {
        let src = SourceFile::new("f", "---\ntitle: Plan\n---\n## A\n- x\n");
        let mut diags = Vec::new();
        let plan = parse(&src, &meta(), &HtmlOptions::default(), &mut diags);
        assert_eq!(plan.description, "Plan");
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
    }

    #[test]
    fn the_title_is_text_and_nothing_hides_in_the_front_matter() {
        let cases = [
            ("---\ndescription: D\n---\n## A\n- x\n", "missing-key", 1),
            ("---\ntitle: ~\ndescription: D\n---\n## A\n- x\n", "empty-title", 2),
            ("---\ntitle: null\ndescription: D\n---\n## A\n- x\n", "empty-title", 2),
            ("---\ntitle: \"\"\ndescription: D\n---\n## A\n- x\n", "empty-title", 2),
            (
                "---\ntitle: \"Plan\\u0007\"\ndescription: D\n---\n## A\n- x\n",
                "unusual-character",
                2,
            ),
            (
                "---\ntitle: Plan\ndescription: \"D\\u202e\"\n---\n## A\n- x\n",
                "unusual-character",
                3,
            ),
            (
                "---\ntitle: Plan\ndescription: D\n---\n## \u{feff}Rubrik\n- x\n",
                "unusual-character",
                5,
            ),
        ];
        for (text, code, line) in cases {
            let mut diags = Vec::new();
            let plan = parse(
                &SourceFile::new("f", text),
                &meta(),
                &HtmlOptions::default(),
                &mut diags,
            );
            let found: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
            assert_eq!(found, [(code, line)], "{text:?}");
            assert_ne!(plan.title, "~");
        }
        let mut diags = Vec::new();
        parse(
            &SourceFile::new("f", "---\ntitle: ”Citat” — åäö\ndescription: D\n---\n## A\n- x\n"),
            &meta(),
            &HtmlOptions::default(),
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
    }
}
