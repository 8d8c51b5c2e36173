//! The XML parts of a document package, parsed strictly: no DTD (so no
//! entity can expand), a bound on the number of nodes, UTF-8 only.

use roxmltree::{Document, Node, ParsingOptions};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
pub const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
pub const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
pub const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
pub const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
pub const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
pub const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
pub const XLINK: &str = "http://www.w3.org/1999/xlink";
pub const DC: &str = "http://purl.org/dc/elements/1.1/";

/// More nodes than a plan of any size has (the real plan has a few
/// thousand); a part with more is refused before it fills memory.
const NODES_LIMIT: u32 = 4_000_000;

/// Parse the part `name` of a package.
pub fn parse<'a>(name: &str, text: &'a str) -> Result<Document<'a>, String> {
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => format!(
            "its part `{name}` declares a DTD (`<!DOCTYPE …>`), which no word processor writes \
             and whose entities could expand without end"
        ),
        roxmltree::Error::NodesLimitReached => format!("its part `{name}` is larger than any plan"),
        e => format!("its part `{name}` is not well-formed XML: {e}"),
    })
}

/// Whether `node` is the element `name` of namespace `ns`.
pub fn is(node: Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

/// The first child element `name` of namespace `ns`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, ns, name))
}

/// The attribute `name` of namespace `ns`.
pub fn attr<'a>(node: Node<'a, '_>, ns: &str, name: &str) -> Option<&'a str> {
    node.attribute((ns, name))
}

/// Whether any element below `node` is `name` of namespace `ns`.
pub fn has_descendant(node: Node, ns: &str, name: &str) -> bool {
    node.descendants().any(|d| is(d, ns, name))
}

/// The text of every `text_tag` element below `node`, space-separated.
pub fn text_of(node: Node, ns: &str, text_tag: &str) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(|d| is(*d, ns, text_tag)) {
        out.push_str(d.text().unwrap_or_default());
        out.push(' ');
    }
    out
}

/// Read a part's text and title from `docProps/core.xml` or `meta.xml`.
pub fn dc_title(text: &str) -> Option<String> {
    let doc = parse("properties", text).ok()?;
    let title = doc.descendants().find(|d| is(*d, DC, "title"))?.text()?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dtd_is_refused_before_any_entity_expands() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="x">&lol2;</w:document>"#;
        let err = parse("word/document.xml", laughs).unwrap_err();
        assert!(err.contains("declares a DTD"), "{err}");
        assert!(parse("x", "<a><b/>").unwrap_err().contains("not well-formed"));
        assert!(parse("x", "<a/>").is_ok());
    }
}
