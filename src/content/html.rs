//! Markdown events → safe HTML fragments.
//!
//! Raw HTML written in a plan is shown as text unless `allow_html` is set;
//! links starting with `/` are made relative to the site's base path; and
//! everything passes through `ammonia`, so no Markdown can put script into a
//! page (no `<script>`, no `on*=` attributes, no `javascript:` or `data:` URLs).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;

/// What Markdown rendering needs to know about the site.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub allow_html: bool,
    /// Prefixed to links that start with `/`, e.g. `/handlingsplan`.
    pub base_path: String,
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(None)
        .add_generic_attributes(["class"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"]);
    b
});

/// Render a run of Markdown events to sanitised HTML.
pub fn render<'a>(events: impl Iterator<Item = Event<'a>>, opts: &HtmlOptions) -> String {
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events.map(|e| transform(e, opts)));
    sanitize(&raw)
}

/// Remove anything unsafe from an HTML fragment.
pub fn sanitize(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    SANITIZER.clean(html).to_string()
}

fn transform<'a>(event: Event<'a>, opts: &HtmlOptions) -> Event<'a> {
    match event {
        Event::Html(s) | Event::InlineHtml(s) if !opts.allow_html => Event::Text(s),
        Event::Start(Tag::HtmlBlock) if !opts.allow_html => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) if !opts.allow_html => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: site_link(dest_url, &opts.base_path),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: site_link(dest_url, &opts.base_path),
            title,
            id,
        }),
        other => other,
    }
}

/// `/2022/innovation/` → `<base_path>/2022/innovation/`; other links unchanged.
pub fn site_link<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.is_empty() || !url.starts_with('/') || url.starts_with("//") {
        return url;
    }
    CowStr::from(format!("{base_path}{url}"))
}

/// The plain text of a run of inline events (for titles and `plan.json`).
pub fn plain_text<'a, 'b>(events: impl Iterator<Item = &'b Event<'a>>) -> String
where
    'a: 'b,
{
    let mut out = String::new();
    for e in events {
        match e {
            Event::Text(s) | Event::Code(s) | Event::InlineHtml(s) | Event::InlineMath(s) => out.push_str(s),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn md(src: &str, allow_html: bool, base_path: &str) -> String {
        let opts = HtmlOptions {
            allow_html,
            base_path: base_path.into(),
        };
        render(Parser::new(src), &opts)
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        assert_eq!(md("a <b>x</b>", false, ""), "<p>a &lt;b&gt;x&lt;/b&gt;</p>\n");
        assert_eq!(md("a <b>x</b>", true, ""), "<p>a <b>x</b></p>\n");
        let block = md("<div onclick=\"x()\">\nhi\n</div>\n", false, "");
        assert!(block.starts_with("<p>&lt;div"), "{block}");
    }

    #[test]
    fn script_never_survives_even_when_html_is_allowed() {
        let out = md("<script>alert(1)</script><img src=x onerror=alert(1)>", true, "");
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
            let out = md(src, false, "");
            assert!(!out.to_lowercase().contains("javascript:"), "{out}");
            assert!(!out.contains("data:"), "{out}");
        }
        assert!(md("[x](https://example.org)", false, "").contains("href=\"https://example.org\""));
    }

    #[test]
    fn site_links_get_the_base_path() {
        assert_eq!(
            md("[x](/2022/a/)", false, "/hp"),
            "<p><a href=\"/hp/2022/a/\">x</a></p>\n"
        );
        assert_eq!(md("[x](#a-1)", false, "/hp"), "<p><a href=\"#a-1\">x</a></p>\n");
        assert_eq!(
            md("[x](//cdn.example/a)", false, "/hp"),
            "<p><a href=\"//cdn.example/a\">x</a></p>\n"
        );
        assert_eq!(md("[x](/2022/)", false, ""), "<p><a href=\"/2022/\">x</a></p>\n");
    }
}
