//! Table tests for `html`.

use super::*;
use pulldown_cmark::Parser;

fn md(src: &str, allow_html: bool) -> String {
    let opts = HtmlOptions {
        allow_html,
        lang: "sv".into(),
        ..HtmlOptions::default()
    };
    render(
        Parser::new_ext(src, pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES),
        &opts,
    )
}

#[test]
fn raw_html_is_text_unless_allowed() {
    assert_eq!(md("a <b>x</b>", false), "<p>a &lt;b&gt;x&lt;/b&gt;</p>\n");
    assert_eq!(md("a <b>x</b>", true), "<p>a <b>x</b></p>\n");
    let block = md("<div onclick=\"x()\">\nhi\n</div>\n", false);
    assert!(block.starts_with("<p>&lt;div"), "{block}");
}

#[test]
fn script_never_survives_even_when_html_is_allowed() {
    let out = md("<script>alert(1)</script><img src=x onerror=alert(1)>", true);
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("onerror"), "{out}");
}

#[test]
fn dangerous_link_schemes_are_removed() {
    for src in [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html,hi)",
        "![x](data:image/png;base64,AAAA)",
    ] {
        let out = md(src, false);
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
        assert!(!out.contains("data:"), "{out}");
    }
    assert!(md("[x](https://example.org)", false).contains("href=\"https://example.org\""));
}

#[test]
fn plain_text_folds_whitespace_across_events() {
    let events: Vec<Event> = Parser::new("  a *b*  c\n`d`e\n\n").collect();
    assert_eq!(plain_text(events.iter()), "a b c de");
    let events: Vec<Event> = Parser::new("x**y** z").collect();
    assert_eq!(plain_text(events.iter()), "xy z");
}

#[test]
fn punctuation_follows_the_language() {
    let cases = [
        ("sv", "Han sa \"hej\" och 'då'", "Han sa ”hej” och ’då’"),
        ("en", "She said \"hi\" and 'bye'", "She said “hi” and ‘bye’"),
        ("en", "the companies' processes", "the companies’ processes"),
        ("en", "2020--2025 and so on...", "2020–2025 and so on…"),
        ("sv", "Säkerhet – IT", "Säkerhet – IT"),
    ];
    for (lang, text, want) in cases {
        assert_eq!(smarten(text, lang), want, "{lang}: {text}");
    }
    let sv = HtmlOptions {
        lang: "sv".into(),
        ..HtmlOptions::default()
    };
    let html = render(
        Parser::new_ext("\"Citat\" och 'ord'", pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION),
        &sv,
    );
    assert_eq!(html, "<p>”Citat” och ’ord’</p>\n");
    let en = HtmlOptions {
        lang: "en".into(),
        ..HtmlOptions::default()
    };
    let html = render(
        Parser::new_ext("\"Quote\" and it's", pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION),
        &en,
    );
    assert_eq!(html, "<p>“Quote” and it’s</p>\n");
}

#[test]
fn smarten_agrees_with_the_body() {
    let texts = [
        "Han sa \"hej\" och 'då'",
        "(\"citat\") -- och ...",
        "the companies' processes",
        "it's \"one\" -- 'two'",
        "2020--2025",
    ];
    for lang in ["sv", "en"] {
        let opts = HtmlOptions {
            lang: lang.into(),
            ..HtmlOptions::default()
        };
        for text in texts {
            let html = render(
                Parser::new_ext(text, pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION),
                &opts,
            );
            let body = html.trim_start_matches("<p>").trim_end_matches("</p>\n");
            let body = body.replace("&quot;", "\"");
            assert_eq!(smarten(text, lang), body, "{lang}: {text}");
        }
    }
}

#[test]
fn url_schemes() {
    for ok in [
        "https://x.se",
        "http://x",
        "mailto:a@b.se",
        "tel:+46",
        "/2022/",
        "#a-1",
        "rapport.pdf",
        "a/b:c",
        "?q=a:b",
        "",
    ] {
        assert!(is_safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "JavaScript:x",
        " javascript:x",
        "java\tscript:x",
        "java\nscript:x",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "\u{1}javascript:x",
    ] {
        assert!(!is_safe_url(bad), "{bad}");
    }
}

#[test]
fn heading_attributes_other_than_id_and_class_are_dropped() {
    let out = md("### Rubrik {#r .c onclick=alert(1)}", false);
    assert_eq!(out, "<h3 id=\"r\" class=\"c\">Rubrik</h3>\n");
}

#[test]
fn site_links_are_marked_in_markdown_and_raw_html() {
    assert_eq!(md("[x](/2022/a/)", false), "<p><a href=\"hp-site:2022/a/\">x</a></p>\n");
    assert_eq!(
        md("[x](//cdn.example/a)", false),
        "<p><a href=\"//cdn.example/a\">x</a></p>\n"
    );
    assert_eq!(
        md("[x](https://x.se/a)", false),
        "<p><a href=\"https://x.se/a\">x</a></p>\n"
    );
    assert_eq!(
        md("<a href=\"/2022/\">x</a>", true),
        "<p><a href=\"hp-site:2022/\">x</a></p>\n"
    );
    assert!(
        !is_safe_url("hp-site:../x"),
        "editors cannot write the marker themselves"
    );
}

#[test]
fn relative_links_lead_from_the_plans_folder_on_every_page() {
    let cases = [
        ("rapport.pdf", "hp-site:2022/rapport.pdf"),
        ("rapport A.pdf", "hp-site:2022/rapport A.pdf"),
        ("bilder/karta.png", "hp-site:2022/bilder/karta.png"),
        ("./rapport.pdf", "hp-site:2022/rapport.pdf"),
        ("#skola-2", "hp-site:2022/#skola-2"),
        ("skola/", "hp-site:2022/skola/"),
        ("skola/#skola-1", "hp-site:2022/skola/#skola-1"),
        ("../2021/", "hp-site:2021/"),
        ("../2021", "hp-site:2021"),
        ("..", "hp-site:"),
        ("../../../x.pdf", "hp-site:x.pdf"),
        ("rapport.pdf?v=2", "hp-site:2022/rapport.pdf?v=2"),
        ("/2021/skola/", "hp-site:2021/skola/"),
        ("mailto:a@b.se", "mailto:a@b.se"),
        ("https://x.se/", "https://x.se/"),
        ("//cdn.example/a", "//cdn.example/a"),
    ];
    for (url, want) in cases {
        assert_eq!(site_link(CowStr::Borrowed(url), "2022/").as_ref(), want, "{url}");
    }
    assert_eq!(
        site_link(CowStr::Borrowed("../2021/"), "en/2022/").as_ref(),
        "hp-site:en/2021/"
    );
    let opts = HtmlOptions {
        allow_html: true,
        folder: "en/2022/".into(),
        ..HtmlOptions::default()
    };
    let raw = render(Parser::new("<a href=\"rapport.pdf\">r</a>"), &opts);
    assert_eq!(
        raw, "<p><a href=\"hp-site:en/2022/rapport.pdf\">r</a></p>\n",
        "raw HTML too"
    );
}
