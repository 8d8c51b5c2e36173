//! Table tests for the plan body parser.

use super::*;

fn parse_str(md: &str) -> (Body, Vec<Diagnostic>) {
    let src = SourceFile::new("p.md", md);
    let mut diags = Vec::new();
    let body = parse(&src, 0..md.len(), &HtmlOptions::default(), &mut diags);
    (body, diags)
}

type Found = (&'static str, usize, usize);

fn codes(md: &str) -> Vec<Found> {
    parse_str(md).1.iter().map(|d| (d.code, d.line, d.col)).collect()
}

#[test]
fn intro_areas_and_actions() {
    let md = "Intro *text*.\n\n## Innovation och FoU {#innovation}\n\nAbout it.\n\n- First **action**\n- Second\n  with continuation\n\n## Agenda 2030\n\n- Only one\n";
    let (body, diags) = parse_str(md);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(body.intro_html, "<p>Intro <em>text</em>.</p>\n");
    assert_eq!(body.areas.len(), 2);
    let a = &body.areas[0];
    assert_eq!((a.id.as_str(), a.title.as_str()), ("innovation", "Innovation och FoU"));
    assert_eq!(a.description_html, "<p>About it.</p>\n");
    assert_eq!(a.pos.line, 3);
    let texts: Vec<_> = a.actions.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["First action", "Second with continuation"]);
    assert_eq!(a.actions[0].text_html(), "First <strong>action</strong>");
    assert_eq!(a.actions[1].anchor, "innovation-2");
    assert_eq!(a.actions[1].pos.line, 8);
    assert_eq!(body.areas[1].id, "agenda-2030");
}

/// An action's or heading's HTML is held only where it is not its plain
/// text (markup, an escaped `&`, a line break); where it is, the text
/// serves as both.
#[test]
fn inline_html_is_held_only_where_it_differs_from_the_text() {
    let md =
        "## Plain heading\n\n- Plain words\n- Företag & kommuner\n- Two\n  lines\n\n## A *marked* heading\n\n- x\n";
    let (body, diags) = parse_str(md);
    assert!(diags.is_empty(), "{diags:?}");
    let [plain, marked] = &body.areas[..] else {
        panic!("two areas")
    };
    let held = |h: &InlineHtml| *h != InlineHtml::default();
    let actions: Vec<_> = (plain.actions.iter())
        .map(|x| (x.text_html(), held(&x.text_html)))
        .collect();
    assert_eq!(
        actions,
        [
            ("Plain words", false),
            ("Företag &amp; kommuner", true),
            ("Two\nlines", true)
        ]
    );
    assert_eq!((plain.title_html(), held(&plain.title_html)), ("Plain heading", false));
    assert_eq!(
        (marked.title_html(), held(&marked.title_html)),
        ("A <em>marked</em> heading", true)
    );
}

#[test]
fn nested_content_is_the_actions_details() {
    let md = "## A\n\n- Do this\n\n  More about it.\n\n  - sub point\n- Do that\n";
    let (body, diags) = parse_str(md);
    assert!(diags.is_empty(), "{diags:?}");
    let actions = &body.areas[0].actions;
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].text, "Do this");
    assert!(
        actions[0].details_html.contains("<p>More about it.</p>"),
        "{}",
        actions[0].details_html
    );
    assert!(actions[0].details_html.contains("<li>sub point</li>"));
    assert_eq!(actions[1].details_html, "");

    let tight = "## A\n- Do this\n  - sub point\n";
    let (body, _) = parse_str(tight);
    assert_eq!(body.areas[0].actions[0].text, "Do this");
    assert!(body.areas[0].actions[0].details_html.contains("sub point"));
}

#[test]
fn ordered_lists_and_deeper_headings_belong_to_the_description() {
    let md = "## A\n\n### Background\n\n1. one\n2. two\n\n- The action\n\nAfterword.\n";
    let (body, diags) = parse_str(md);
    assert!(diags.is_empty(), "{diags:?}");
    let a = &body.areas[0];
    assert_eq!(a.actions.len(), 1);
    assert!(a.description_html.contains("<h3>Background</h3>"));
    assert!(a.description_html.contains("<ol>"));
    assert!(a.description_html.contains("Afterword."));
}

#[test]
fn structural_errors_have_positions() {
    let cases: &[(&str, &[Found])] = &[
        ("# Title\n\n## A\n- x\n", &[("heading-level-1", 1, 1)]),
        ("## A\n- x\n\n## A\n- y\n", &[("duplicate-id", 4, 1)]),
        ("## A {#a}\n- x\n## B {#a}\n- y\n", &[("duplicate-id", 3, 1)]),
        ("## A\n\nNo list.\n", &[("no-actions", 1, 1)]),
        ("## A\n- x\n\ntext\n\n- y\n", &[("second-action-list", 6, 1)]),
        ("## A {#Bad_Id}\n- x\n", &[("invalid-id", 1, 1)]),
        ("## !!!\n- x\n", &[("invalid-id", 1, 1)]),
        ("## A\n- x\n-\n", &[("empty-action", 3, 1)]),
        ("## a\n- x\n## B {#a-1}\n- y\n", &[("duplicate-id", 3, 1)]),
        ("Intro\n\n  ## A\n  - x\n", &[]),
    ];
    for (md, want) in cases {
        assert_eq!(codes(md), *want, "{md:?}");
    }
}

#[test]
fn crlf_line_endings_are_accepted() {
    let (body, diags) = parse_str("Intro\r\n\r\n## A\r\n\r\n- x\r\n- y\r\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(body.areas[0].actions.len(), 2);
    assert_eq!(body.areas[0].actions[1].text, "y");
}

#[test]
fn an_action_may_carry_an_explicit_id() {
    let md = "## Innovation {#innovation}\n\n- Skapa en arbetsgrupp\n- Arbeta med *Scaleup* {#scaleup}\n- Tredje {#tredje}\n\n  Detaljer.\n";
    let (body, diags) = parse_str(md);
    assert!(diags.is_empty(), "{diags:?}");
    let actions = &body.areas[0].actions;
    let anchors: Vec<_> = actions.iter().map(|a| a.anchor.as_str()).collect();
    assert_eq!(anchors, ["innovation-1", "scaleup", "tredje"]);
    assert_eq!(actions[1].text, "Arbeta med Scaleup");
    assert_eq!(actions[1].text_html(), "Arbeta med <em>Scaleup</em>");
    assert_eq!(actions[2].text, "Tredje");
    assert!(actions[2].details_html.contains("Detaljer"));
    assert!(!actions[0].has_explicit_id("innovation") && actions[1].has_explicit_id("innovation"));
}

#[test]
fn action_ids_are_valid_and_unique() {
    let cases: &[(&str, &[Found])] = &[
        ("## A\n- x {#Bad Id}\n", &[("invalid-id", 2, 5)]),
        ("## A\n- x {#same}\n\n## B\n- y {#same}\n", &[("duplicate-id", 5, 1)]),
        ("## A\n- x {#b}\n\n## B\n- y\n", &[("duplicate-id", 4, 1)]),
        ("## A\n- x {#a-2}\n- y\n", &[("duplicate-id", 3, 1)]),
    ];
    for (md, want) in cases {
        assert_eq!(codes(md), *want, "{md:?}");
    }
}

#[test]
fn ids_the_pages_use_themselves_are_reserved() {
    let cases: &[(&str, &[Found])] = &[
        ("## Huvud {#main}\n- x\n", &[("reserved-id", 1, 1)]),
        ("## Översikt {#overview-title}\n- x\n", &[("reserved-id", 1, 1)]),
        ("## A {#a}\n- x\n\n## B {#a-title}\n- y\n", &[("reserved-id", 4, 1)]),
        ("## A {#a}\n- x {#changes-title}\n", &[("reserved-id", 2, 1)]),
        ("## Stapel {#status-chart-a}\n- x\n", &[("reserved-id", 1, 1)]),
        ("## Rapporter {#reports}\n- x\n", &[("reserved-id", 1, 1)]),
        ("## A {#a}\n- x {#status-done}\n", &[("reserved-id", 2, 1)]),
        ("## Titel {#title}\n- x\n", &[]),
    ];
    for (md, want) in cases {
        assert_eq!(codes(md), *want, "{md:?}");
    }
}
