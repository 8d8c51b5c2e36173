//! The ids a plan gives its page (areas, actions, headings) are unique on
//! it, and none is one the page uses itself.

use super::Spanned;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Action, FocusArea};
use pulldown_cmark::{Event, HeadingLevel, Tag};
use std::collections::HashMap;

/// Every area id and action anchor is unique within the plan: they are the
/// fragments of the plan page (`#innovation`, `#innovation-2`, `#scaleup`).
/// Linear in the number of areas and actions.
pub(super) fn check_anchor_collisions(src: &SourceFile, areas: &[FocusArea], diags: &mut Vec<Diagnostic>) {
    let area_ids: HashMap<&str, &FocusArea> = areas.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut anchors: HashMap<&str, (&FocusArea, &Action)> = HashMap::new();
    // (A positional anchor, `<area-id>-<n>`, is reserved only if its area's id is.)
    let explicit = areas
        .iter()
        .flat_map(|a| a.actions.iter().filter(|x| x.has_explicit_id(&a.id)))
        .map(|x| (x.anchor.as_str(), x.pos));
    let ids = areas.iter().map(|a| (a.id.as_str(), a.pos)).chain(explicit);
    for (id, pos) in ids {
        if let Some(reason) = reserved(id, &area_ids) {
            let at = src.line_start(pos.line)..src.line_range(pos.line).end;
            diags.push(
                Diagnostic::error_at("reserved-id", src, at, format!("the id `{id}` is {reason}")).with_hint(
                    "give the focus area or action another `{#id}`: two elements of a page cannot have the same id",
                ),
            );
        }
    }
    for area in areas {
        for action in &area.actions {
            if let Some(other) = area_ids.get(action.anchor.as_str()) {
                let start = src.line_start(other.pos.line);
                diags.push(
                    Diagnostic::error_at(
                        "duplicate-id",
                        src,
                        start..src.line_range(other.pos.line).end,
                        format!(
                            "focus-area id `{}` is also the anchor of action {} of `{}`",
                            other.id, action.n, area.id
                        ),
                    )
                    .with_hint("choose an id that does not end in `-<number>` after another area's id"),
                );
            } else if let Some((first_area, first)) = anchors.insert(&action.anchor, (area, action))
                && (first.has_explicit_id(&first_area.id) || action.has_explicit_id(&area.id))
            {
                // (Two positional anchors only meet when two areas share an id, reported above.)
                let at = src.line_start(action.pos.line)..src.line_range(action.pos.line).end;
                diags.push(
                    Diagnostic::error_at(
                        "duplicate-id",
                        src,
                        at,
                        format!("action anchor `{}` is used twice", action.anchor),
                    )
                    .with_hint(format!(
                        "the first is action {} of `{}` on line {}; give one of them another `{{#id}}`",
                        first.n, first_area.id, first.pos.line
                    )),
                );
            }
        }
    }
}

/// A `{#id}` on a heading in the introduction, a description or an
/// action's details becomes an id on the plan's page, beside the areas' and
/// actions' and the page's own: it may be none of those, nor another
/// heading's. Linear in the number of headings, areas and actions.
pub(super) fn check_heading_ids(
    src: &SourceFile,
    events: &[Spanned],
    areas: &[FocusArea],
    diags: &mut Vec<Diagnostic>,
) {
    let area_ids: HashMap<&str, &FocusArea> = areas.iter().map(|a| (a.id.as_str(), a)).collect();
    let anchors: HashMap<&str, &str> = areas
        .iter()
        .flat_map(|a| a.actions.iter().map(move |x| (x.anchor.as_str(), a.id.as_str())))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (event, range) in events {
        let Event::Start(Tag::Heading {
            level, id: Some(id), ..
        }) = event
        else {
            continue;
        };
        if *level == HeadingLevel::H2 {
            continue; // an area's own id, checked with the areas
        }
        let line = src.pos(range.start).line;
        let id: &str = id;
        let why = if let Some(reason) = reserved(id, &area_ids) {
            Some(reason)
        } else if area_ids.contains_key(id) {
            Some(format!("the id of the focus area `{id}`"))
        } else if let Some(area) = anchors.get(id) {
            Some(format!("the anchor of an action of `{area}`"))
        } else {
            seen.get(id)
                .map(|first| format!("given to the heading on line {first} too"))
        };
        seen.entry(id).or_insert(line);
        if let Some(why) = why {
            let at = src.line_start(line)..src.line_range(line).end;
            diags.push(
                Diagnostic::error_at("reserved-id", src, at, format!("the heading id `{id}` is {why}")).with_hint(
                    "give the heading another `{#id}` (or none): two elements of a page cannot have the same id",
                ),
            );
        }
    }
}

/// Ids the pages use themselves (the default theme's, the dev server's):
/// an area or action may not take one.
const RESERVED_IDS: [&str; 11] = [
    "main",
    "overview-title",
    "years-title",
    "changes-title",
    "handlingsplan-overlay",
    // Folders of a year's follow-up pages, beside the area pages.
    "reports",
    "follow-up",
    // Headings of the follow-up pages.
    "report-changes-title",
    "overdue-title",
    "by-status-title",
    "by-person-title",
];

/// Why `id` cannot be an area's or action's, if it cannot.
fn reserved(id: &str, area_ids: &HashMap<&str, &FocusArea>) -> Option<String> {
    if RESERVED_IDS.contains(&id) || id.starts_with("status-") {
        return Some("used by the pages themselves".into());
    }
    let heading_of = id.strip_suffix("-title").filter(|area| area_ids.contains_key(area))?;
    Some(format!("the id of the heading of the focus area `{heading_of}`"))
}
