//! One plan file (`content/<year>/plan.<lang>.md`) → a [`Plan`].

use super::html::{HtmlOptions, smarten};
use super::{body, frontmatter};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Lang, Plan};

/// Plans larger than this are refused: a real plan is a few kilobytes, and
/// the limit keeps a runaway file from exhausting memory.
pub const MAX_PLAN_BYTES: u64 = 10 * 1024 * 1024;

/// What the loader knows about a plan file before reading it.
#[derive(Debug, Clone)]
pub struct PlanMeta {
    pub year: u16,
    pub lang: Lang,
    /// Relative to the site root, with `/` separators.
    pub file: String,
}

/// Decode a plan file's bytes: UTF-8, with an optional byte-order mark.
pub fn decode(file: &str, bytes: &[u8]) -> Result<SourceFile, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(file, text)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("prefix is valid");
            let pos = SourceFile::new(file, valid).pos(valid.len());
            Err(Diagnostic::error(
                "not-utf8",
                file,
                format!(
                    "the file is not UTF-8 text (invalid byte 0x{:02X})",
                    bytes[e.valid_up_to()]
                ),
            )
            .with_pos(pos.line, pos.col)
            .with_hint("save the file as UTF-8 in your editor (e.g. \"Save with encoding → UTF-8\")"))
        }
    }
}

/// Parse a decoded plan file. Problems are pushed to `diags`; the plan is
/// returned only when the file had no errors.
pub fn parse(src: &SourceFile, meta: &PlanMeta, opts: &HtmlOptions, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let split = match frontmatter::split(src) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let front = frontmatter::parse(src, &split).map_err(|d| diags.push(d)).ok();
    let body = body::parse(src, split.body.clone(), opts, diags);
    let front = front?;
    let title_range = frontmatter::key_range(src, &split, "title").unwrap_or(split.open.clone());
    if front.title.trim().is_empty() {
        diags.push(
            Diagnostic::error_at("empty-title", src, title_range.clone(), "the plan's `title` is empty")
                .with_hint("e.g. `title: Handlingsplan 2022`"),
        );
    }
    let description = front.description.as_deref().map(str::trim).unwrap_or_default();
    if description.is_empty() {
        let range = frontmatter::key_range(src, &split, "description").unwrap_or(split.open.clone());
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
    if body.areas.is_empty() && !diags.iter().any(|d| d.code == "heading-level-1") {
        diags.push(
            Diagnostic::error_at(
                "no-focus-areas",
                src,
                split.body.start..split.body.start,
                "the plan has no focus areas",
            )
            .with_hint("start each focus area with a `## Heading` followed by a bullet list of actions"),
        );
    }
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Plan {
        year: meta.year,
        lang: meta.lang.clone(),
        file: meta.file.clone(),
        title: smarten(front.title.trim(), &meta.lang),
        description: smarten(
            if description.is_empty() {
                front.title.trim()
            } else {
                description
            },
            &meta.lang,
        ),
        draft: front.draft,
        intro_html: body.intro_html,
        areas: body.areas,
        pos: src.pos(title_range.start),
        links: body.links,
    })
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
        let plan = parse(&src, &meta(), &HtmlOptions::default(), &mut diags).unwrap();
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
        assert!(parse(&src, &meta(), &HtmlOptions::default(), &mut diags).is_none());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["unknown-key", "heading-level-1", "no-actions"]);
    }

    #[test]
    fn a_missing_description_is_a_warning_with_the_title_as_fallback() {
        let src = SourceFile::new("f", "---\ntitle: Plan\n---\n## A\n- x\n");
        let mut diags = Vec::new();
        let plan = parse(&src, &meta(), &HtmlOptions::default(), &mut diags).unwrap();
        assert_eq!(plan.description, "Plan");
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
    }
}
