//! The Markdown body of a plan → introduction, focus areas and actions.
//!
//! The body is split into top-level blocks. Blocks before the first `##`
//! heading are the introduction; each `##` heading starts a focus area whose
//! unordered list holds its actions and whose other blocks are its description.

use super::html::{self, HtmlOptions};
use super::slug::{is_valid_id, slugify};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{FocusArea, InlineHtml, SourceLink};
use actions::parse_actions;
use ids::{check_anchor_collisions, check_heading_ids};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use std::collections::HashMap;
use std::ops::Range;

mod actions;
mod ids;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// The parsed body: introduction HTML and focus areas.
#[derive(Debug, Default)]
pub struct Body {
    pub intro_html: String,
    pub areas: Vec<FocusArea>,
    pub links: Vec<SourceLink>,
}

pub fn markdown_options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Parse the body at `range` of `src`. Problems are pushed to `diags`.
pub fn parse(src: &SourceFile, range: Range<usize>, opts: &HtmlOptions, diags: &mut Vec<Diagnostic>) -> Body {
    let base = range.start;
    let events: Vec<Spanned> = Parser::new_ext(&src.text[range], markdown_options())
        .into_offset_iter()
        .map(|(e, r)| (e, r.start + base..r.end + base))
        .collect();
    let (events, too_deep) = html::cap_nesting(events);
    if let Some(at) = too_deep {
        diags.push(nested_too_deeply(src, at));
    }
    let mut intro: Vec<&[Spanned]> = Vec::new();
    let mut areas: Vec<AreaDraft> = Vec::new();
    for block in blocks(&events) {
        match &block[0].0 {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => diags.push(
                Diagnostic::error_at(
                    "heading-level-1",
                    src,
                    heading_marker(src, &block[0].1),
                    "a `#` heading is not allowed in the body",
                )
                .with_hint("the plan's title lives in front matter (`title: ...`); start focus areas with `##`"),
            ),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => areas.push(AreaDraft::new(block)),
            Event::Start(Tag::List(None)) if !areas.is_empty() => {
                let area = areas.last_mut().expect("checked non-empty");
                match &area.actions {
                    None => area.actions = Some(block),
                    Some(first) => diags.push(
                        Diagnostic::error_at("second-action-list", src, block[0].1.clone(), "a focus area has one bullet list of actions; this is a second one")
                            .with_hint(format!(
                                "the actions are the list on line {}; join the lists, or make this one part of an action by indenting it",
                                src.pos(first[0].1.start).line
                            )),
                    ),
                }
            }
            _ => match areas.last_mut() {
                Some(area) => area.description.push(block),
                None => intro.push(block),
            },
        }
    }
    let intro_html = html::render(intro.into_iter().flatten().map(|(e, _)| e.clone()), opts);
    let areas = finish_areas(src, areas, opts, diags);
    check_heading_ids(src, &events, &areas, diags);
    Body {
        intro_html,
        areas,
        links: if opts.record_links {
            links(src, &events, opts)
        } else {
            Vec::new()
        },
    }
}

/// Block quotes or lists nested deeper than [`html::MAX_NESTING`], at the first too deep.
pub fn nested_too_deeply(src: &SourceFile, at: Range<usize>) -> Diagnostic {
    let line = src.pos(at.start).line;
    Diagnostic::error_at(
        "nested-too-deeply",
        src,
        at.start..src.line_range(line).end.max(at.start),
        format!(
            "block quotes or lists are nested more than {} levels deep here",
            html::MAX_NESTING
        ),
    )
    .with_hint("a plan needs a few levels at most: remove the extra `>` or list markers (or indentation)")
}

/// Every link and image destination, as it will appear in the HTML.
fn links(src: &SourceFile, events: &[Spanned], opts: &HtmlOptions) -> Vec<SourceLink> {
    events
        .iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(SourceLink {
                href: html::site_link(dest_url.clone(), &opts.folder).to_string(),
                written: dest_url.to_string(),
                pos: src.pos(range.start),
                end: src.pos(range.end),
            }),
            _ => None,
        })
        .collect()
}

/// Split events into top-level blocks (each a `Start … End` run, or a lone event such as a rule).
fn blocks<'e, 'a>(events: &'e [Spanned<'a>]) -> Vec<&'e [Spanned<'a>]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            out.push(&events[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// The `#`/`##` marker at the start of a heading's range, for a precise underline.
fn heading_marker(src: &SourceFile, range: &Range<usize>) -> Range<usize> {
    let text = &src.text[range.clone()];
    let hashes = text.len() - text.trim_start_matches('#').len();
    if hashes > 0 {
        range.start..range.start + hashes
    } else {
        range.start..src.line_range(src.pos(range.start).line).end
    }
}

struct AreaDraft<'e, 'a> {
    heading: &'e [Spanned<'a>],
    description: Vec<&'e [Spanned<'a>]>,
    actions: Option<&'e [Spanned<'a>]>,
}

impl<'e, 'a> AreaDraft<'e, 'a> {
    fn new(heading: &'e [Spanned<'a>]) -> Self {
        AreaDraft {
            heading,
            description: Vec::new(),
            actions: None,
        }
    }
}

fn finish_areas(
    src: &SourceFile,
    drafts: Vec<AreaDraft>,
    opts: &HtmlOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<FocusArea> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut areas = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let head_range = draft.heading[0].1.clone();
        let marker = heading_marker(src, &head_range);
        let inner = &draft.heading[1..draft.heading.len() - 1];
        let title = html::plain_text(inner.iter().map(|(e, _)| e));
        let id = area_id(src, &draft.heading[0], &title, diags);
        if let Some(first_line) = seen.insert(id.clone(), src.pos(head_range.start).line) {
            diags.push(duplicate_area(
                src,
                head_range.clone(),
                (&id, &title),
                first_line,
                &seen,
            ));
        }
        let actions = match draft.actions {
            Some(list) => parse_actions(src, &id, list, opts, diags),
            None => {
                diags.push(
                    Diagnostic::error_at("no-actions", src, marker, format!("focus area `{id}` has no actions"))
                        .with_hint("list its actions as a bullet list under the heading:\n## Heading\n\n- First action\n- Second action"),
                );
                Vec::new()
            }
        };
        areas.push(FocusArea {
            title_html: InlineHtml::of(&title, html::render(inline_paragraph(inner), opts)),
            description_html: html::render(draft.description.into_iter().flatten().map(|(e, _)| e.clone()), opts),
            pos: src.pos(head_range.start),
            id: id.into(),
            title,
            actions,
        });
    }
    check_anchor_collisions(src, &areas, diags);
    areas
}

/// The id of the area whose heading is `head`: its `{#id}` if valid, or a
/// slug of `title`. What is wrong with either is reported.
fn area_id(src: &SourceFile, (head, range): &Spanned, title: &str, diags: &mut Vec<Diagnostic>) -> String {
    let explicit = match head {
        Event::Start(Tag::Heading { id, .. }) => id.as_ref().map(|s| s.to_string()),
        _ => None,
    };
    let id = match explicit {
        Some(id) if !is_valid_id(&id) => {
            let fixed = slugify(&id);
            let example = if fixed.is_empty() { "area-name" } else { &fixed };
            diags.push(
                Diagnostic::error_at(
                    "invalid-id",
                    src,
                    range.clone(),
                    format!("focus-area id `{id}` is not a valid id"),
                )
                .with_hint(format!(
                    "ids use lowercase a–z, digits and single dashes, e.g. `{{#{example}}}`"
                )),
            );
            fixed
        }
        Some(id) => id,
        None => slugify(title),
    };
    if title.is_empty() {
        diags.push(
            Diagnostic::error_at(
                "empty-title",
                src,
                heading_marker(src, range),
                "focus-area heading has no text",
            )
            .with_hint("write the focus area's name after `## `"),
        );
    } else if id.is_empty() {
        diags.push(
            Diagnostic::error_at(
                "invalid-id",
                src,
                range.clone(),
                format!("cannot make an id from the heading `{title}`"),
            )
            .with_hint("give it an explicit id: `## Heading {#area-name}`"),
        );
    }
    id
}

/// An area whose id an earlier one (on `first_line`) has: the hint offers
/// an id no other area has and no action's anchor (`<id>-<n>`) can be.
fn duplicate_area(
    src: &SourceFile,
    range: Range<usize>,
    (id, title): (&str, &str),
    first_line: usize,
    seen: &HashMap<String, usize>,
) -> Diagnostic {
    let free = ('b'..='z')
        .map(|c| format!("{id}-{c}"))
        .find(|f| !seen.contains_key(f))
        .unwrap_or_else(|| format!("{id}-ny"));
    Diagnostic::error_at("duplicate-id", src, range, format!("focus-area id `{id}` is used twice")).with_hint(format!(
        "the first is on line {first_line}; ids must be unique within a plan: give one an explicit id, e.g. `## {title} {{#{free}}}`"
    ))
}

/// Inline events rendered without the surrounding `<p>`.
fn inline_paragraph<'a>(inner: &[Spanned<'a>]) -> impl Iterator<Item = Event<'a>> {
    inner.iter().map(|(e, _)| e.clone())
}

#[cfg(test)]
mod tests;
