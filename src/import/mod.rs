//! `handlingsplan import`: a plan written elsewhere — a Word or LibreOffice
//! document, or plain text — → a plan file in the project's Markdown format.
//!
//! Each reader ([`word`], [`text`]) finds the plan's [`Outline`]: its title,
//! introduction and focus areas, with their text already as Markdown. This
//! module writes the outline as a plan file, gives areas their ids (kept
//! from the other language's plan where there is one) and writes the file.

mod escape;
mod ids;
mod inline;
pub mod text;
pub mod word;
mod write;

pub use ids::{OtherPlan, other_plan};
pub use text::to_markdown;
pub use write::{WriteError, write_plan};

use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// A focus-area heading longer than this is taken for a paragraph.
const MAX_HEADING_CHARS: usize = 120;

/// A plan as found in a document, its text as Markdown.
#[derive(Debug, Default, PartialEq)]
pub struct Outline {
    /// Plain text: it goes to the front matter.
    pub title: String,
    /// The introduction's first sentence, plain text, if it is short.
    pub description: Option<String>,
    /// Markdown paragraphs.
    pub intro: Vec<String>,
    pub areas: Vec<Area>,
}

/// A focus area as found in a document.
#[derive(Debug, Default, PartialEq)]
pub struct Area {
    /// Plain text (its id is made from it).
    pub title: String,
    /// Markdown paragraphs before the actions.
    pub description: Vec<String>,
    /// Markdown, one line each.
    pub actions: Vec<String>,
    /// Markdown paragraphs after the actions (each was warned about).
    pub after: Vec<String>,
}

/// The result of an import: the plan file, and things the editor should look at.
#[derive(Debug)]
pub struct Imported {
    pub markdown: String,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    draft: bool,
}

/// The plan file of `outline`, with notes on the ids its areas were given
/// (kept from `other`, the plan in another language, where there is one).
pub fn to_plan(file: &str, outline: &Outline, other: Option<&OtherPlan>) -> (String, Vec<Diagnostic>) {
    let titles: Vec<&str> = outline.areas.iter().map(|a| a.title.as_str()).collect();
    let (ids, notes) = ids::assign(file, &titles, other);
    (render(outline, &ids), notes)
}

/// The plan file of `outline`, its areas given `ids` (one per area).
fn render(outline: &Outline, ids: &[String]) -> String {
    let front = Front {
        title: &outline.title,
        description: outline.description.as_deref(),
        draft: false,
    };
    let mut out = String::from("---\n");
    out.push_str(&serde_yaml::to_string(&front).expect("front matter serialises"));
    out.push_str("---\n");
    for p in &outline.intro {
        out.push('\n');
        out.push_str(p);
        out.push('\n');
    }
    for (area, id) in outline.areas.iter().zip(ids) {
        write_area(&mut out, area, id);
    }
    out
}

/// One focus area as Markdown: its heading, description, actions, and the
/// text found after them.
fn write_area(out: &mut String, area: &Area, id: &str) {
    out.push_str(&format!("\n## {} {{#{id}}}\n\n", escape::inline(&area.title)));
    for p in &area.description {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for action in &area.actions {
        out.push_str("- ");
        out.push_str(action);
        out.push('\n');
    }
    for p in &area.after {
        out.push('\n');
        out.push_str(p);
        out.push('\n');
    }
}

/// The first sentence of the introduction's first paragraph (plain text),
/// for the front matter's description, if it is short enough to be one.
pub fn first_sentence(paragraph: Option<&str>) -> Option<String> {
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
