//! Markdown events → safe HTML fragments.
//!
//! Links starting with `/` lead within the site: they are marked with
//! [`SITE_LINK`] and made relative to each page they appear on. No
//! Markdown can put script into a page (no `<script>`, no `on*=` attribute,
//! no `javascript:` or `data:` URL):
//!
//! - by default (`allow_html: false`) raw HTML in a plan becomes text, so the
//!   only markup is what the Markdown renderer itself writes; link and image
//!   URLs are checked against an allow-list of schemes, and heading
//!   attributes other than `{#id .class}` are dropped;
//! - with `allow_html: true`, the rendered fragment also passes through
//!   `ammonia`, which keeps harmless markup and removes the rest.

use crate::model::SITE_LINK;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What Markdown rendering needs to know about the site.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub allow_html: bool,
    /// The language of the text, for its quotation marks (`sv`: ”…” and ’).
    pub lang: String,
    /// Collect the plan's links with their positions (`Plan::links`).
    pub record_links: bool,
    /// The folder the text's plan is published in, from the site root
    /// (`2022/`, `en/2022/`): where its attachments are, and what a
    /// relative link (`rapport.pdf`, `#skola-2`) is relative to.
    pub folder: String,
    default_language: String,
    year: u16,
}

impl HtmlOptions {
    /// The options a site's `site.yaml` sets (the language is set per plan).
    pub fn for_site(config: &crate::model::Config, record_links: bool) -> Self {
        HtmlOptions {
            allow_html: config.allow_html,
            lang: String::new(),
            record_links,
            folder: String::new(),
            default_language: config.default_language.clone(),
            year: 0,
        }
    }

    /// The options for the text of the plan of `year` in `lang`.
    pub fn for_plan(&self, lang: &str, year: u16) -> Self {
        HtmlOptions {
            lang: lang.to_string(),
            folder: crate::model::plan_folder(lang == self.default_language, lang, year),
            year,
            ..self.clone()
        }
    }

    /// The year of the plan the text is about.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The options for text in `lang` about the same year's plan (a follow-up note).
    pub fn for_language(&self, lang: &str) -> Self {
        self.for_plan(lang, self.year)
    }
}

/// URL schemes a link or image may use; URLs without a scheme are relative.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The sanitiser for raw HTML in the text of the plan published in `folder`.
fn sanitizer(folder: &str) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    let mut schemes = HashSet::from(SCHEMES);
    schemes.insert(SITE_LINK.trim_end_matches(':'));
    b.url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::Custom(Box::new(RawHtmlLinks(folder.to_string()))))
        .link_rel(None)
        .add_generic_attributes(["class"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"]);
    b
}

/// Raw HTML's links within the site are marked as Markdown's are: the
/// folder of the text's plan.
struct RawHtmlLinks(String);

impl ammonia::UrlRelativeEvaluate<'static> for RawHtmlLinks {
    fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
        Some(site_link(CowStr::Borrowed(url), &self.0).to_string().into())
    }
}

/// How deeply block quotes and lists may nest in a text: far beyond any
/// plan, and low enough that what reads the HTML (the sanitiser, `check`)
/// stays linear — an HTML tree builder's work grows with the square of
/// the depth.
pub const MAX_NESTING: usize = 32;

/// A Markdown event and where it was written.
pub type Located<'a> = (Event<'a>, Range<usize>);

/// `events` without the block quotes and lists nested deeper than
/// [`MAX_NESTING`] (and what they hold), and the place of the first one
/// left out, if any.
pub fn cap_nesting(events: Vec<Located>) -> (Vec<Located>, Option<Range<usize>>) {
    use pulldown_cmark::{Tag, TagEnd};
    let nests = |e: &Event| matches!(e, Event::Start(Tag::BlockQuote(_) | Tag::List(_)));
    let ends = |e: &Event| matches!(e, Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)));
    if events.iter().filter(|(e, _)| nests(e)).count() <= MAX_NESTING {
        return (events, None);
    }
    let (mut depth, mut first) = (0usize, None);
    let mut kept = Vec::with_capacity(events.len());
    for (event, range) in events {
        let (opens, closes) = (nests(&event), ends(&event));
        if opens {
            depth += 1;
        }
        if depth > MAX_NESTING {
            first.get_or_insert(range);
        } else {
            kept.push((event, range));
        }
        if closes {
            depth = depth.saturating_sub(1);
        }
    }
    (kept, first)
}

/// Render a run of Markdown events to safe HTML.
pub fn render<'a>(events: impl Iterator<Item = Event<'a>>, opts: &HtmlOptions) -> String {
    let mut html = String::new();
    let mut dropped_link = false;
    let events = events.filter_map(|e| transform(e, opts, &mut dropped_link));
    pulldown_cmark::html::push_html(&mut html, events);
    let mut html = if opts.allow_html {
        sanitize(&html, &opts.folder)
    } else {
        html
    };
    // The model holds every plan of the archive: keep only the bytes used.
    html.shrink_to_fit();
    html
}

/// Remove anything unsafe from an HTML fragment of the text of the plan
/// published in `folder`.
pub fn sanitize(html: &str, folder: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    sanitizer(folder).clean(html).to_string()
}

/// One event made safe. A link or image with a disallowed URL is dropped
/// (its text stays); `in_dropped` remembers that until its end.
fn transform<'a>(event: Event<'a>, opts: &HtmlOptions, in_dropped: &mut bool) -> Option<Event<'a>> {
    Some(match event {
        Event::Html(s) | Event::InlineHtml(s) if !opts.allow_html => Event::Text(s),
        Event::Start(Tag::HtmlBlock) if !opts.allow_html => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) if !opts.allow_html => Event::End(TagEnd::Paragraph),
        Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = safe_destination(url, opts, in_dropped)?;
            }
            Event::Start(tag)
        }
        Event::End(TagEnd::Link | TagEnd::Image) if *in_dropped => {
            *in_dropped = false;
            return None;
        }
        Event::Text(text) if uses_swedish_quotes(&opts.lang) && text.contains(['“', '‘']) => {
            Event::Text(text.replace('“', "”").replace('‘', "’").into())
        }
        Event::Start(Tag::Heading { level, id, classes, .. }) => Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }),
        other => other,
    })
}

/// A link or image URL as it goes into the page, or `None` (and the link
/// marked dropped) when its scheme is not allowed.
fn safe_destination<'a>(url: CowStr<'a>, opts: &HtmlOptions, in_dropped: &mut bool) -> Option<CowStr<'a>> {
    if !is_safe_url(&url) {
        *in_dropped = true;
        return None;
    }
    Some(site_link(url, &opts.folder))
}

/// Swedish (and Finnish) typography closes and opens quotations with the same mark: ”…”, ’…’.
fn uses_swedish_quotes(lang: &str) -> bool {
    matches!(lang.split('-').next(), Some("sv" | "fi"))
}

/// Typographic punctuation for text that is not Markdown (front matter):
/// straight quotes become curly ones as the language writes them, `--`
/// becomes an en dash and `...` an ellipsis. A quote opens after a space,
/// a bracket or a dash and closes elsewhere: simpler than the Markdown
/// renderer's smart punctuation for the body, with the same result on
/// ordinary text (`smarten_agrees_with_the_body` tests which).
pub fn smarten(text: &str, lang: &str) -> String {
    let swedish = uses_swedish_quotes(lang);
    let text = text.replace("...", "…").replace("---", "—").replace("--", "–");
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let opening = prev.is_none_or(|p| p.is_whitespace() || "([{–—".contains(p));
        out.push(match (c, swedish, opening) {
            ('"', true, _) | ('"', false, false) => '”',
            ('"', false, true) => '“',
            ('\'', true, _) | ('\'', false, false) => '’',
            ('\'', false, true) => '‘',
            (c, _, _) => c,
        });
        prev = Some(c);
    }
    out
}

/// Is `url` relative, or does it use an allowed scheme? Browsers ignore
/// whitespace and control characters in a scheme (`java\tscript:`), so do we.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#']);
    match end {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            SCHEMES.contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// A link within the site as a site link (see [`SITE_LINK`]): from the site
/// root (`/2022/innovation/` → `hp-site:2022/innovation/`), or relative to
/// the plan's `folder` (`rapport.pdf` → `hp-site:2022/rapport.pdf`,
/// `#skola-2` → `hp-site:2022/#skola-2`), so that it leads to the same
/// place on every page the text appears on: the plan page, an area page,
/// the home page. Other links (`https:`, `mailto:`, `//host`) are unchanged.
pub fn site_link<'a>(url: CowStr<'a>, folder: &str) -> CowStr<'a> {
    if url.starts_with("//") || has_scheme(&url) {
        return url;
    }
    match url.strip_prefix('/') {
        Some(path) => CowStr::from(format!("{SITE_LINK}{path}")),
        None => CowStr::from(format!("{SITE_LINK}{}", relative_to(folder, &url))),
    }
}

/// Does `url` start with a scheme (`https:`, `mailto:`)?
fn has_scheme(url: &str) -> bool {
    let end = url.find([':', '/', '?', '#']);
    end.is_some_and(|i| i > 0 && url[i..].starts_with(':'))
}

/// `url` (relative) joined to `folder`, with `.` and `..` resolved as a
/// browser resolves them (never above the site root).
fn relative_to(folder: &str, url: &str) -> String {
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for segment in &segments {
        match *segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    let last = segments.last().copied().unwrap_or_default();
    if (last.is_empty() || last == "." || last == "..") && !joined.is_empty() {
        joined.push('/');
    }
    format!("{joined}{rest}")
}

/// The plain text of a run of inline events (for titles and `plan.json`).
pub fn plain_text<'a, 'b>(events: impl Iterator<Item = &'b Event<'a>>) -> String
where
    'a: 'b,
{
    let mut out = String::new();
    let mut space = false;
    let mut push = |text: &str, out: &mut String| {
        for word in text.split_inclusive(char::is_whitespace) {
            let trimmed = word.trim_end();
            if !trimmed.is_empty() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(trimmed);
                space = false;
            }
            space |= trimmed.len() < word.len();
        }
    };
    for e in events {
        match e {
            Event::Text(s) | Event::Code(s) | Event::InlineHtml(s) | Event::InlineMath(s) => push(s, &mut out),
            Event::SoftBreak | Event::HardBreak => push(" ", &mut out),
            _ => {}
        }
    }
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests;
