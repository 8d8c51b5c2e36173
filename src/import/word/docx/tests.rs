//! The docx reader on documents written here: Swedish style ids, fields,
//! links, tracked changes, a table of contents, drawings.

use super::*;
use crate::import::word::Kind::*;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Rubrik"/>
  <w:style w:type="paragraph" w:styleId="Rubrik1"/>
  <w:style w:type="paragraph" w:styleId="Punktlista"><w:name w:val="List Bullet"/></w:style>
  <w:style w:type="paragraph" w:styleId="Egen"><w:basedOn w:val="Rubrik1"/></w:style>
  <w:style w:type="character" w:styleId="Stark"><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#;

/// The paragraphs of a document whose body is `body`, as (kind, Markdown).
fn read_body(body: &str) -> (Vec<(Kind, String)>, Document) {
    let doc = format!(r#"<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>"#);
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="hyperlink" Target="https://example.org/a" TargetMode="External"/></Relationships>"#;
    let pkg = crate::package::zip_of(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ]);
    let doc = read(Package::open(pkg, "document").unwrap()).unwrap();
    let paras = doc.paras.iter().map(|p| (p.kind, p.text.markdown().0)).collect();
    (paras, doc)
}

fn p(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

fn t(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn swedish_style_ids_and_styles_based_on_them() {
    let body = [
        p("Rubrik", &t("Handlingsplan")),
        p("Rubrik1", &t("Område")),
        p("Egen", &t("Eget område")),
        p("Punktlista", &t("En insats")),
        r#"<w:p><w:pPr><w:pStyle w:val="Punktlista"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Ingen lista</w:t></w:r></w:p>"#.to_string(),
    ];
    let (paras, _) = read_body(&body.concat());
    let kinds: Vec<Kind> = paras.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [Title, Heading(1), Heading(1), Item, Item]);
}

#[test]
fn runs_fields_links_and_tracked_changes() {
    let runs = [
        t("Se "),
        r#"<w:hyperlink r:id="rId9"><w:r><w:t>sidan</w:t></w:r></w:hyperlink>"#.into(),
        t(", "),
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org/b" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rStyle w:val="Stark"/></w:rPr><w:t>fältet</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.into(),
        r#"<w:r><w:t xml:space="preserve"> sida </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.into(),
        r#"<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> inte fet</w:t><w:noBreakHyphen/><w:t>text</w:t></w:r>"#.into(),
        r#"<w:del><w:r><w:delText>bort</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> in</w:t></w:r></w:ins>"#.into(),
        r#"<w:r><w:commentReference w:id="1"/></w:r>"#.into(),
    ];
    let deleted_mark = r#"<w:p><w:pPr><w:rPr><w:del w:id="5"/></w:rPr></w:pPr><w:r><w:t>Början</w:t></w:r></w:p>"#;
    let body = p("Normal", &runs.concat()) + deleted_mark + &format!("<w:p>{}</w:p>", t(" och slutet"));
    let (paras, doc) = read_body(&body);
    assert_eq!(
        paras[0].1,
        "Se [sidan](https://example.org/a), [**fältet**](https://example.org/b) sida inte fet\u{2011}text in"
    );
    assert_eq!(
        paras[1].1, "Början och slutet",
        "a deleted paragraph mark joins two paragraphs"
    );
    assert_eq!((doc.tracked, doc.comments), (3, 1));
}

#[test]
fn a_table_of_contents_and_drawings_are_not_text() {
    let toc = r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Innehåll 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let drawing = r#"<w:p><w:r><w:t>Bild:</w:t></w:r><w:r><w:drawing><pic/></w:drawing></w:r></w:p>"#;
    let (paras, doc) = read_body(&format!("{toc}{drawing}"));
    assert_eq!(paras, [(Body, "Bild:".to_string())]);
    assert_eq!(doc.unplaced[0].what, "an image");
    assert_eq!(doc.unplaced[0].words, "“Bild:”");
}
