//! WordprocessingML (`.docx`, from Word, LibreOffice or pandoc) → the
//! document's paragraphs. Styles are looked up by id and name, since Word
//! writes its built-in styles' ids in the user's language ("Rubrik1") and
//! their names in English ("heading 1").

use super::xml::{self, MC, R, W, attr, child, is};
use super::{Document, Kind};
use crate::import::inline::{Inline, Style};
use crate::package::Package;
use roxmltree::Node;
use std::collections::HashMap;

const DOCUMENT: &str = "word/document.xml";

/// Read a `.docx` package.
pub fn read(mut pkg: Package) -> Result<Document, String> {
    let types = pkg.text("[Content_Types].xml")?.unwrap_or_default();
    if pkg.has("word/vbaProject.bin") || types.contains("macroEnabled") {
        return Err("it holds macros (a macro-enabled document), which are never opened".into());
    }
    let Some(body) = pkg.text(DOCUMENT)? else {
        return Err(format!("it is not a Word document: it has no `{DOCUMENT}`"));
    };
    let styles = match pkg.text("word/styles.xml")? {
        Some(text) => Styles::parse(&xml::parse("word/styles.xml", &text)?),
        None => Styles::default(),
    };
    let rels = match pkg.text("word/_rels/document.xml.rels")? {
        Some(text) => links(&xml::parse("word/_rels/document.xml.rels", &text)?),
        None => HashMap::new(),
    };
    let title = pkg.text("docProps/core.xml")?.as_deref().and_then(xml::dc_title);
    let tree = xml::parse(DOCUMENT, &body)?;
    let root = tree.root_element();
    let body = child(root, W, "body").ok_or_else(|| format!("its `{DOCUMENT}` has no body"))?;
    let mut walker = Walker {
        styles: &styles,
        rels: &rels,
        doc: Document {
            title,
            ..Document::default()
        },
        fields: Vec::new(),
        carry: None,
    };
    walker.blocks(body);
    Ok(walker.doc)
}

/// The targets of a part's relationships (a hyperlink's address), by id.
fn links(rels: &roxmltree::Document) -> HashMap<String, String> {
    let rel = |n: &Node| n.is_element() && n.tag_name().name() == "Relationship";
    (rels.root_element().children().filter(rel))
        .filter_map(|n| Some((n.attribute("Id")?.to_string(), n.attribute("Target")?.to_string())))
        .collect()
}

/// A style as `styles.xml` defines it; `None` where it inherits.
#[derive(Debug, Default)]
struct StyleDef {
    id: String,
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    list: Option<bool>,
    bold: Option<bool>,
    italic: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, StyleDef>);

impl Styles {
    fn parse(doc: &roxmltree::Document) -> Styles {
        let defs = doc.root_element().children().filter(|n| is(*n, W, "style"));
        Styles(
            defs.filter_map(|n| {
                let id = attr(n, W, "styleId")?.to_string();
                let val = |parent: &str, name: &str| child(n, W, parent).and_then(|p| child(p, W, name));
                let def = StyleDef {
                    id: id.to_ascii_lowercase(),
                    name: child(n, W, "name")
                        .and_then(|c| attr(c, W, "val"))
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                    based_on: child(n, W, "basedOn")
                        .and_then(|c| attr(c, W, "val"))
                        .map(str::to_string),
                    outline: val("pPr", "outlineLvl").and_then(outline_level),
                    list: val("pPr", "numPr").map(numbered),
                    bold: val("rPr", "b").map(on),
                    italic: val("rPr", "i").map(on),
                };
                Some((id, def))
            })
            .collect(),
        )
    }

    /// The style `id` and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s StyleDef> {
        super::style_chain(&self.0, id, |d| d.based_on.as_deref())
    }

    /// What a paragraph with properties `ppr` is.
    fn kind(&self, ppr: Option<Node>) -> Kind {
        let prop = |name: &str| ppr.and_then(|p| child(p, W, name));
        let style = prop("pStyle").and_then(|s| attr(s, W, "val"));
        if let Some(kind) = self.chain(style).find_map(named_kind) {
            return kind;
        }
        let outline = prop("outlineLvl")
            .and_then(outline_level)
            .or_else(|| self.chain(style).find_map(|d| d.outline));
        if let Some(level) = outline {
            return Kind::Heading(level);
        }
        let list = prop("numPr")
            .map(numbered)
            .or_else(|| self.chain(style).find_map(|d| d.list))
            .unwrap_or(false);
        match list
            || self
                .chain(style)
                .any(|d| d.name.starts_with("list bullet") || d.name.starts_with("list number"))
        {
            true => Kind::Item,
            false => Kind::Body,
        }
    }

    /// A run's bold and italic: its own, else its character style's.
    fn run_style(&self, rpr: Option<Node>, outer: &Style) -> Style {
        let own = |name: &str| rpr.and_then(|p| child(p, W, name)).map(on);
        let style = rpr.and_then(|p| child(p, W, "rStyle")).and_then(|s| attr(s, W, "val"));
        Style {
            bold: own("b")
                .or_else(|| self.chain(style).find_map(|d| d.bold))
                .unwrap_or(false),
            italic: own("i")
                .or_else(|| self.chain(style).find_map(|d| d.italic))
                .unwrap_or(false),
            link: outer.link.clone(),
        }
    }
}

/// A title or heading by the style's name or id ("Title", "heading 2",
/// "Rubrik2"); a subtitle is body text.
fn named_kind(def: &StyleDef) -> Option<Kind> {
    if def.name == "title" || def.id == "title" || def.id == "rubrik" {
        return Some(Kind::Title);
    }
    if def.name == "subtitle" || def.id == "underrubrik" {
        return Some(Kind::Body);
    }
    let level = (def.name.strip_prefix("heading "))
        .or_else(|| def.id.strip_prefix("heading"))
        .or_else(|| def.id.strip_prefix("rubrik"))?;
    level
        .trim()
        .parse()
        .ok()
        .filter(|l| (1..=9).contains(l))
        .map(Kind::Heading)
}

/// `w:outlineLvl` (0-based; 9 is body text) → a heading level.
fn outline_level(node: Node) -> Option<u8> {
    let level: u8 = attr(node, W, "val")?.parse().ok()?;
    (level < 9).then_some(level + 1)
}

/// `w:numPr`: a list, unless its numbering is 0 (numbering taken away).
fn numbered(node: Node) -> bool {
    child(node, W, "numId").and_then(|n| attr(n, W, "val")) != Some("0")
}

/// A toggle property (`<w:b/>`, `<w:b w:val="false"/>`).
fn on(node: Node) -> bool {
    !matches!(attr(node, W, "val"), Some("0" | "false" | "off" | "none"))
}

/// A field being read (`w:fldChar` begin … separate … end).
struct Field {
    instr: String,
    /// In its result (after `separate`), where a hyperlink's text is.
    result: bool,
}

impl Field {
    /// `Some(address)` for a HYPERLINK field (`None` inside for one to a
    /// place in the document); `None` for any other field.
    fn hyperlink(&self) -> Option<Option<String>> {
        hyperlink_field(&self.instr)
    }
}

fn hyperlink_field(instr: &str) -> Option<Option<String>> {
    let rest = instr.trim_start().strip_prefix("HYPERLINK")?;
    if rest.contains("\\l") {
        return Some(None);
    }
    Some(rest.split('"').nth(1).map(str::to_string))
}

struct Walker<'a> {
    styles: &'a Styles,
    rels: &'a HashMap<String, String>,
    doc: Document,
    fields: Vec<Field>,
    /// A paragraph whose mark was deleted (a tracked change): it joins the next.
    carry: Option<Inline>,
}

impl Walker<'_> {
    fn blocks(&mut self, parent: Node) {
        for node in parent
            .children()
            .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
        {
            match node.tag_name().name() {
                "p" => self.paragraph(node),
                "tbl" => self.doc.block("a table", &xml::text_of(node, W, "t")),
                "sdt" if !is_contents(node) => {
                    if let Some(content) = child(node, W, "sdtContent") {
                        self.blocks(content);
                    }
                }
                "customXml" => self.blocks(node),
                "ins" | "moveTo" => {
                    self.doc.tracked += 1;
                    self.blocks(node);
                }
                "del" | "moveFrom" => self.doc.tracked += 1,
                "altChunk" => self.doc.block("an embedded document", ""),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let ppr = child(p, W, "pPr");
        let kind = self.styles.kind(ppr);
        let mut text = self.carry.take().unwrap_or_default();
        let mut unplaced = Vec::new();
        self.inline(p, &Style::default(), &mut text, &mut unplaced);
        let mark_deleted = ppr
            .and_then(|p| child(p, W, "rPr"))
            .is_some_and(|r| child(r, W, "del").is_some());
        if mark_deleted {
            self.doc.tracked += 1;
            self.carry = Some(text);
            self.doc.paragraph(kind, Inline::default(), unplaced);
            return;
        }
        self.doc.paragraph(kind, text, unplaced);
    }

    fn inline(&mut self, parent: Node, style: &Style, text: &mut Inline, unplaced: &mut Vec<&'static str>) {
        for node in parent.children().filter(Node::is_element) {
            if is(node, MC, "AlternateContent") {
                unplaced.push(drawing(node));
                continue;
            }
            if node.tag_name().namespace() != Some(W) {
                continue;
            }
            match node.tag_name().name() {
                "r" => self.run(node, style, text, unplaced),
                "hyperlink" => {
                    let link = attr(node, R, "id").and_then(|id| self.rels.get(id)).cloned();
                    let linked = Style { link, ..style.clone() };
                    self.inline(node, &linked, text, unplaced);
                }
                "ins" | "moveTo" => {
                    self.doc.tracked += 1;
                    self.inline(node, style, text, unplaced);
                }
                "del" | "moveFrom" => self.doc.tracked += 1,
                "fldSimple" => {
                    if let Some(link) = attr(node, W, "instr").and_then(hyperlink_field) {
                        self.inline(node, &Style { link, ..style.clone() }, text, unplaced);
                    }
                }
                "smartTag" | "customXml" | "dir" | "bdo" => self.inline(node, style, text, unplaced),
                "sdt" => {
                    if let Some(content) = child(node, W, "sdtContent") {
                        self.inline(content, style, text, unplaced);
                    }
                }
                _ => {}
            }
        }
    }

    /// The style text is shown in here, or `None` inside a field that is not
    /// a hyperlink's text (a page number, a table of contents).
    fn shown(&self, style: &Style) -> Option<Style> {
        let mut style = style.clone();
        for field in &self.fields {
            match (field.result, field.hyperlink()) {
                (true, Some(link)) => style.link = link.or(style.link),
                _ => return None,
            }
        }
        Some(style)
    }

    fn run(&mut self, r: Node, outer: &Style, text: &mut Inline, unplaced: &mut Vec<&'static str>) {
        let style = self.styles.run_style(child(r, W, "rPr"), outer);
        for node in r.children().filter(Node::is_element) {
            if is(node, MC, "AlternateContent") {
                unplaced.push(drawing(node));
                continue;
            }
            let name = node.tag_name().name();
            match name {
                "fldChar" => match attr(node, W, "fldCharType") {
                    Some("begin") => self.fields.push(Field {
                        instr: String::new(),
                        result: false,
                    }),
                    Some("separate") => self.fields.last_mut().into_iter().for_each(|f| f.result = true),
                    Some("end") => drop(self.fields.pop()),
                    _ => {}
                },
                "instrText" => {
                    if let Some(field) = self.fields.last_mut() {
                        field.instr.push_str(node.text().unwrap_or_default());
                    }
                }
                "drawing" | "pict" | "object" => unplaced.push(drawing(node)),
                "footnoteReference" | "endnoteReference" => unplaced.push("a footnote"),
                "commentReference" => self.doc.comments += 1,
                _ => {
                    let Some(shown) = self.shown(&style) else { continue };
                    match name {
                        "t" => text.push(&shown, node.text().unwrap_or_default()),
                        "tab" | "br" | "cr" => text.push(&shown, " "),
                        "noBreakHyphen" => text.push(&shown, "\u{2011}"),
                        "sym" => {
                            let c = attr(node, W, "char").and_then(|c| u32::from_str_radix(c, 16).ok());
                            // Symbol fonts' private-use characters mean nothing as text.
                            if let Some(c) = c
                                .and_then(char::from_u32)
                                .filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c))
                            {
                                text.push(&shown, c.encode_utf8(&mut [0; 4]));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// A table of contents (a content control of that kind): left out.
fn is_contents(sdt: Node) -> bool {
    sdt.descendants()
        .filter(|d| is(*d, W, "docPartGallery"))
        .any(|d| attr(d, W, "val").is_some_and(|v| v.contains("Table of Contents")))
}

/// What a drawing is: a text box if it holds text, else an image.
fn drawing(node: Node) -> &'static str {
    match xml::has_descendant(node, W, "txbxContent") {
        true => "a text box",
        false => "an image",
    }
}

#[cfg(test)]
mod tests;
