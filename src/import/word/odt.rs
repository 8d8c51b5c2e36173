//! OpenDocument text (`.odt`, from LibreOffice or Word) → the document's
//! paragraphs: `text:h` are headings, `text:p` in a `text:list` are list
//! items, a paragraph styled "Title" is the title.

use super::xml::{self, DRAW, FO, OFFICE, STYLE, TABLE, TEXT, XLINK, attr, child, is};
use super::{Document, Kind};
use crate::import::inline::{Inline, Style};
use crate::package::Package;
use roxmltree::Node;
use std::collections::HashMap;

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Read an `.odt` package.
pub fn read(mut pkg: Package) -> Result<Document, String> {
    match pkg.text("mimetype")? {
        Some(m) if m.trim() != MIMETYPE => return Err(format!("it is not an OpenDocument text but `{}`", m.trim())),
        _ => {}
    }
    if pkg.has("Basic/script-lc.xml") {
        return Err("it holds macros, which are never opened".into());
    }
    let Some(content) = pkg.text("content.xml")? else {
        return Err("it is not an OpenDocument text: it has no `content.xml`".into());
    };
    let mut styles = Styles::default();
    if let Some(text) = pkg.text("styles.xml")? {
        styles.add(&xml::parse("styles.xml", &text)?);
    }
    let tree = xml::parse("content.xml", &content)?;
    styles.add(&tree);
    let title = pkg.text("meta.xml")?.as_deref().and_then(xml::dc_title);
    let body = (tree.root_element().children().find(|n| is(*n, OFFICE, "body")))
        .and_then(|b| child(b, OFFICE, "text"))
        .ok_or("its `content.xml` has no text")?;
    let mut walker = Walker {
        styles: &styles,
        doc: Document {
            title,
            ..Document::default()
        },
    };
    walker.blocks(body, false);
    Ok(walker.doc)
}

/// A paragraph or text style; `None` where it inherits.
#[derive(Debug, Default)]
struct StyleDef {
    parent: Option<String>,
    title: bool,
    bold: Option<bool>,
    italic: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, StyleDef>);

impl Styles {
    /// The styles of a part (`styles.xml`'s common ones, `content.xml`'s
    /// automatic ones).
    fn add(&mut self, doc: &roxmltree::Document) {
        for n in doc.descendants().filter(|n| is(*n, STYLE, "style")) {
            let Some(name) = attr(n, STYLE, "name") else { continue };
            let props = child(n, STYLE, "text-properties");
            let display = attr(n, STYLE, "display-name").unwrap_or(name);
            let def = StyleDef {
                parent: attr(n, STYLE, "parent-style-name").map(str::to_string),
                title: display.eq_ignore_ascii_case("title") || name.eq_ignore_ascii_case("title"),
                bold: props
                    .and_then(|p| attr(p, FO, "font-weight"))
                    .map(|w| w == "bold" || w.parse::<u16>().is_ok_and(|w| w >= 600)),
                italic: props
                    .and_then(|p| attr(p, FO, "font-style"))
                    .map(|s| s == "italic" || s == "oblique"),
            };
            self.0.insert(name.to_string(), def);
        }
    }

    fn chain<'s>(&'s self, name: Option<&'s str>) -> impl Iterator<Item = &'s StyleDef> {
        super::style_chain(&self.0, name, |d| d.parent.as_deref())
    }

    fn is_title(&self, node: Node) -> bool {
        self.chain(attr(node, TEXT, "style-name")).any(|d| d.title)
    }

    fn span_style(&self, node: Node, outer: &Style) -> Style {
        let name = attr(node, TEXT, "style-name");
        Style {
            bold: self.chain(name).find_map(|d| d.bold).unwrap_or(outer.bold),
            italic: self.chain(name).find_map(|d| d.italic).unwrap_or(outer.italic),
            link: outer.link.clone(),
        }
    }
}

struct Walker<'a> {
    styles: &'a Styles,
    doc: Document,
}

impl Walker<'_> {
    fn blocks(&mut self, parent: Node, in_list: bool) {
        for node in parent.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            match node.tag_name().namespace() {
                Some(TEXT) => match name {
                    "p" if self.styles.is_title(node) && !in_list => self.paragraph(node, Kind::Title),
                    "p" => self.paragraph(node, if in_list { Kind::Item } else { Kind::Body }),
                    "h" if self.styles.is_title(node) => self.paragraph(node, Kind::Title),
                    "h" => {
                        let level = attr(node, TEXT, "outline-level")
                            .and_then(|l| l.parse().ok())
                            .unwrap_or(1);
                        self.paragraph(node, Kind::Heading(level))
                    }
                    "list" => {
                        for item in node
                            .children()
                            .filter(|c| is(*c, TEXT, "list-item") || is(*c, TEXT, "list-header"))
                        {
                            self.blocks(item, true);
                        }
                    }
                    "section" => self.blocks(node, in_list),
                    "tracked-changes" => {
                        self.doc.tracked += node.children().filter(|c| is(*c, TEXT, "changed-region")).count();
                    }
                    // Indexes (a table of contents), declarations, page breaks.
                    _ => {}
                },
                Some(TABLE) if name == "table" => self.doc.block("a table", &text_of(node)),
                Some(DRAW) => self.doc.paragraph(Kind::Body, Inline::default(), vec![frame(node)]),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node, kind: Kind) {
        let mut text = Inline::default();
        let mut unplaced = Vec::new();
        let style = self.styles.span_style(p, &Style::default());
        // A paragraph's own style (a bold heading style) is not emphasis.
        let plain = Style {
            bold: false,
            italic: false,
            ..style
        };
        self.inline(p, &plain, &mut text, &mut unplaced);
        self.doc.paragraph(kind, text, unplaced);
    }

    fn inline(&mut self, parent: Node, style: &Style, text: &mut Inline, unplaced: &mut Vec<&'static str>) {
        for node in parent.children() {
            if node.is_text() {
                text.push(style, node.text().unwrap_or_default());
                continue;
            }
            let name = node.tag_name().name();
            match node.tag_name().namespace() {
                Some(TEXT) => match name {
                    "span" => self.inline(node, &self.styles.span_style(node, style), text, unplaced),
                    "a" => {
                        let link = attr(node, XLINK, "href").map(str::to_string);
                        self.inline(node, &Style { link, ..style.clone() }, text, unplaced);
                    }
                    "meta" => self.inline(node, style, text, unplaced),
                    "s" | "tab" | "line-break" => text.push(style, " "),
                    "note" => unplaced.push("a footnote"),
                    // Fields (page numbers, dates), marks and bookmarks.
                    _ => {}
                },
                Some(OFFICE) if name == "annotation" => self.doc.comments += 1,
                Some(DRAW) => unplaced.push(frame(node)),
                _ => {}
            }
        }
    }
}

/// The text of a table's paragraphs.
fn text_of(node: Node) -> String {
    let mut out = String::new();
    for p in node.descendants().filter(|d| is(*d, TEXT, "p") || is(*d, TEXT, "h")) {
        out.extend(
            p.descendants()
                .filter(Node::is_text)
                .map(|t| t.text().unwrap_or_default()),
        );
        out.push(' ');
    }
    out
}

/// What a frame holds: a text box if it has one, else an image.
fn frame(node: Node) -> &'static str {
    match xml::has_descendant(node, DRAW, "text-box") {
        true => "a text box",
        false => "an image",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::word::Kind::*;

    #[test]
    fn automatic_styles_nested_lists_sections_and_fields() {
        let content = format!(
            r#"<office:document-content xmlns:office="{OFFICE}" xmlns:style="{STYLE}" xmlns:text="{TEXT}" xmlns:fo="{FO}" xmlns:xlink="{XLINK}">
            <office:automatic-styles>
              <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
              <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="700"/></style:style>
            </office:automatic-styles>
            <office:body><office:text>
              <text:p text:style-name="P1">Plan<text:s text:c="3"/>2030</text:p>
              <text:section><text:h text:outline-level="2">Område</text:h></text:section>
              <text:list><text:list-item><text:p>Ett <text:span text:style-name="T1">fett</text:span> ord</text:p>
                <text:list><text:list-item><text:p>Inre<text:tab/>punkt <text:page-number>3</text:page-number></text:p></text:list-item></text:list>
              </text:list-item></text:list>
            </office:text></office:body></office:document-content>"#
        );
        let styles = r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles><style:style style:name="Title" style:family="paragraph"/></office:styles></office:document-styles>"#;
        let pkg = crate::package::zip_of(&[
            ("mimetype", MIMETYPE.as_bytes()),
            ("content.xml", content.as_bytes()),
            ("styles.xml", styles.as_bytes()),
        ]);
        let doc = read(Package::open(pkg, "document").unwrap()).unwrap();
        let paras: Vec<(Kind, String)> = doc.paras.iter().map(|p| (p.kind, p.text.markdown().0)).collect();
        assert_eq!(
            paras,
            [
                (Title, "Plan 2030".to_string()),
                (Heading(2), "Område".into()),
                (Item, "Ett **fett** ord".into()),
                (Item, "Inre punkt".into()),
            ]
        );
        let sheet = crate::package::zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]);
        let err = read(Package::open(sheet, "document").unwrap()).unwrap_err();
        assert!(err.contains("not an OpenDocument text"), "{err}");
    }
}
