//! A document's paragraphs → the plan's outline: the title, the
//! introduction, and the focus areas (the highest level of heading after
//! the title) with their actions (the list items under them).

use super::{Document, Kind, Para, Unplaced};
use crate::diagnostics::{Diagnostic, Severity};
use crate::import::inline::Lost;
use crate::import::{Area, MAX_HEADING_CHARS, Outline, first_sentence};

/// The outline of `doc` (`file` names it in messages), and what the editor
/// should look at.
pub fn outline(file: &str, doc: Document) -> Result<(Outline, Vec<Diagnostic>), Diagnostic> {
    let unplaced = doc.unplaced.iter().map(|u| (u.number, not_imported(file, u)));
    let (title, first) = title(file, &doc)?;
    let rest = &doc.paras[first..];
    let level = rest.iter().filter_map(|p| heading_level(p.kind)).min();
    let mut reader = Reader {
        file,
        level,
        outline: Outline {
            title,
            ..Outline::default()
        },
        diags: Vec::new(),
        plain_intro: None,
    };
    for (i, para) in rest.iter().enumerate() {
        let next = rest.get(i + 1).map(|p| p.kind);
        reader.para(para, next);
    }
    if reader.outline.areas.is_empty() {
        return Err(Diagnostic::error("no-focus-areas", file, "found no focus areas in the document")
            .with_hint("give each focus area's title a heading style (Heading 2, Rubrik 2) and its actions a bulleted or numbered list"));
    }
    reader.outline.description = first_sentence(reader.plain_intro.as_deref());
    // In the order of the document.
    let mut placed: Vec<(usize, Diagnostic)> = unplaced.chain(reader.diags).collect();
    placed.sort_by_key(|(number, _)| *number);
    let mut diags: Vec<Diagnostic> = placed.into_iter().map(|(_, d)| d).collect();
    if doc.tracked + doc.comments > 0 {
        let message = format!(
            "took {} tracked change{} as accepted and left out {} comment{}",
            doc.tracked,
            if doc.tracked == 1 { "" } else { "s" },
            doc.comments,
            if doc.comments == 1 { "" } else { "s" },
        );
        diags.push(Diagnostic::new(Severity::Note, "tracked-changes", file, message));
    }
    Ok((reader.outline, diags))
}

/// The plan's title, and the index of the first paragraph after it: a
/// paragraph styled Title, else a first heading whose level is not used
/// again, else the document's title property.
fn title(file: &str, doc: &Document) -> Result<(String, usize), Diagnostic> {
    let paras = &doc.paras;
    let titled = paras.iter().position(|p| p.kind == Kind::Title);
    let heading = paras.iter().position(|p| heading_level(p.kind).is_some()).filter(|&i| {
        let level = heading_level(paras[i].kind);
        !paras[i + 1..].iter().any(|p| heading_level(p.kind) == level)
    });
    match (titled.or(heading), &doc.title) {
        (Some(i), _) => Ok((paras[i].plain.clone(), i + 1)),
        (None, Some(title)) => Ok((title.clone(), 0)),
        (None, None) => Err(Diagnostic::error("no-title", file, "found no title in the document")
            .with_hint("give the plan's title Word's Title style (Rubrik), or a heading level of its own")),
    }
}

fn heading_level(kind: Kind) -> Option<u8> {
    match kind {
        Kind::Heading(level) => Some(level),
        _ => None,
    }
}

struct Reader<'a> {
    file: &'a str,
    /// The heading level of focus areas; `None` when the document has no
    /// headings, and an area is a short paragraph followed by a list.
    level: Option<u8>,
    outline: Outline,
    /// With the paragraph each is about.
    diags: Vec<(usize, Diagnostic)>,
    plain_intro: Option<String>,
}

impl Reader<'_> {
    fn para(&mut self, para: &Para, next: Option<Kind>) {
        let area_heading = match (self.level, para.kind) {
            (Some(level), Kind::Heading(l)) => l == level,
            (None, Kind::Body) => next == Some(Kind::Item) && para.plain.chars().count() <= MAX_HEADING_CHARS,
            _ => false,
        };
        if area_heading {
            self.outline.areas.push(Area {
                title: para.plain.clone(),
                ..Area::default()
            });
            return;
        }
        let heading = matches!(para.kind, Kind::Heading(_) | Kind::Title);
        if heading {
            let what = match para.kind {
                Kind::Heading(l) => format!("a heading of level {l}"),
                _ => "a second title".into(),
            };
            let message = format!(
                "{what} at paragraph {} (“{}”) is not a focus area's (those are level {}): kept as a paragraph",
                para.number,
                super::first_words(&para.plain),
                self.level.unwrap_or(0)
            );
            self.warn(
                para,
                "unexpected-heading",
                message,
                "give it the heading style of the focus areas, or body text",
            );
        }
        let md = self.markdown(para);
        let Some(area) = self.outline.areas.last_mut() else {
            if para.kind == Kind::Item {
                let message = format!(
                    "a list before the first focus area, at paragraph {}, was kept in the introduction",
                    para.number
                );
                self.warn(
                    para,
                    "list-before-areas",
                    message,
                    "give the list's focus area a heading before it",
                );
            }
            self.plain_intro.get_or_insert_with(|| para.plain.clone());
            self.outline.intro.push(md);
            return;
        };
        match para.kind {
            Kind::Item => area.actions.push(md),
            _ if area.actions.is_empty() => area.description.push(md),
            // Said once, as a heading.
            _ if heading => area.after.push(md),
            _ => {
                let message = format!(
                    "text after the actions of `{}`, at paragraph {} (“{}”), was kept after them",
                    area.title,
                    para.number,
                    super::first_words(&para.plain)
                );
                area.after.push(md);
                self.warn(
                    para,
                    "text-after-actions",
                    message,
                    "remove it from the plan file if it is not part of the plan",
                );
            }
        }
    }

    /// The paragraph as Markdown, with a warning for what it had to leave out.
    fn markdown(&mut self, para: &Para) -> String {
        let (md, lost) = para.text.markdown();
        if let Some(lost) = lost {
            let what = match lost {
                Lost::Emphasis => "its bold or italic could not be written in Markdown and was left out",
                Lost::Link => "a link to something other than a web or mail address was left out (its text is kept)",
            };
            let message = format!(
                "paragraph {} (“{}”): {what}",
                para.number,
                super::first_words(&para.plain)
            );
            self.warn(
                para,
                "formatting-left-out",
                message,
                "add it in the plan file by hand if it matters",
            );
        }
        md
    }

    fn warn(&mut self, para: &Para, code: &'static str, message: String, hint: &str) {
        let warning = Diagnostic::warning(code, self.file, message).with_hint(hint);
        self.diags.push((para.number, warning));
    }
}

/// A warning for what has no place in a plan file.
fn not_imported(file: &str, u: &Unplaced) -> Diagnostic {
    let hint = match u.what {
        "a table" => "write what it says as paragraphs or actions in the plan file, if it belongs in the plan",
        "a text box" => "move its text into the document's body, if it belongs in the plan",
        "a footnote" => "write the footnote's text into its paragraph, if it belongs in the plan",
        _ => "put the file beside the plan and link to it from the plan file, if it belongs in the plan",
    };
    let message = format!("{} at paragraph {} ({}) was not imported", u.what, u.number, u.words);
    Diagnostic::warning("not-imported", file, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::inline::{Inline, Style};
    use Kind::*;

    fn doc(paras: &[(Kind, &str)], title: Option<&str>) -> Document {
        let mut doc = Document {
            title: title.map(str::to_string),
            ..Document::default()
        };
        for (kind, text) in paras {
            let mut inline = Inline::default();
            inline.push(&Style::default(), text);
            doc.paragraph(*kind, inline, Vec::new());
        }
        doc
    }

    /// The title, the areas with their actions, and the warnings' codes.
    fn shape(
        paras: &[(Kind, &str)],
        title: Option<&str>,
    ) -> Result<(String, Vec<String>, Vec<&'static str>), &'static str> {
        let (outline, diags) = outline("in", doc(paras, title)).map_err(|d| d.code)?;
        let areas = outline
            .areas
            .iter()
            .map(|a| format!("{}: {}", a.title, a.actions.join(", ")))
            .collect();
        Ok((outline.title, areas, diags.iter().map(|d| d.code).collect()))
    }

    #[test]
    fn title_and_areas_by_heading_level() {
        let t = |s: &str| s.to_string();
        for (paras, property, want) in [
            // A Title style, areas at Heading 1.
            (
                vec![(Title, "T"), (Body, "Intro"), (Heading(1), "A"), (Item, "a")],
                None,
                Ok((t("T"), vec![t("A: a")], vec![])),
            ),
            // A heading used once is the title; the next level are the areas.
            (
                vec![
                    (Heading(1), "T"),
                    (Heading(2), "A"),
                    (Item, "a"),
                    (Heading(2), "B"),
                    (Item, "b"),
                ],
                None,
                Ok((t("T"), vec![t("A: a"), t("B: b")], vec![])),
            ),
            // Areas at Heading 1 from the start: the title is the document's.
            (
                vec![(Heading(1), "A"), (Item, "a"), (Heading(1), "B"), (Item, "b")],
                Some("Prop"),
                Ok((t("Prop"), vec![t("A: a"), t("B: b")], vec![])),
            ),
            (
                vec![(Heading(1), "A"), (Item, "a"), (Heading(1), "B")],
                None,
                Err("no-title"),
            ),
            // A deeper heading inside an area is kept as a paragraph, and said.
            (
                vec![(Title, "T"), (Heading(2), "A"), (Heading(3), "Sub"), (Item, "a")],
                None,
                Ok((t("T"), vec![t("A: a")], vec!["unexpected-heading"])),
            ),
            // No headings at all: a short paragraph before a list is an area.
            (
                vec![(Title, "T"), (Body, "Intro."), (Body, "A"), (Item, "a"), (Item, "b")],
                None,
                Ok((t("T"), vec![t("A: a, b")], vec![])),
            ),
            (
                vec![
                    (Title, "T"),
                    (Item, "stray"),
                    (Heading(2), "A"),
                    (Item, "a"),
                    (Body, "after"),
                ],
                None,
                Ok((t("T"), vec![t("A: a")], vec!["list-before-areas", "text-after-actions"])),
            ),
            (vec![(Title, "T"), (Body, "Just prose.")], None, Err("no-focus-areas")),
        ] {
            assert_eq!(shape(&paras, property), want, "{paras:?}");
        }
    }
}
