//! Links within the site, written relative to the page they are on (as
//! mdBook writes them), so one output folder works at any path on any host:
//! the root of a domain, a sub-folder, a pull-request preview, a share.
//!
//! While pages are rendered, every link to a page or file of the site —
//! from a template, a plan's Markdown or a follow-up note — starts with
//! [`SITE_LINK`] followed by the path from the site root (`hp-site:2022/`).
//! When a page is written, each of them becomes the way from that page to
//! the target (`../2022/`); in data files, an absolute URL.

pub use crate::model::SITE_LINK;

/// How links within the site are written into pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// Relative to the page: `../2022/`. Works on any web server at any path.
    #[default]
    Relative,
    /// Relative and naming `index.html` (`../2022/index.html`), so the
    /// folder also works when opened from disk, without a web server.
    Offline,
}

/// Where the links of a page start from.
#[derive(Debug, Clone, Copy)]
pub enum From<'a> {
    /// The folder of the page's file, relative to the output folder
    /// (`en/2022/` for `en/2022/index.html`, `""` at the root).
    Page(&'a str),
    /// An absolute path to the site root (`/handlingsplan/`): for a page a
    /// web server shows at any depth (404).
    Root(&'a str),
}

/// The folder of the page written to `file`: `en/2022/` for `en/2022/index.html`.
pub fn folder_of(file: &str) -> &str {
    &file[..file.rfind('/').map_or(0, |i| i + 1)]
}

/// The shortest way from the folder `from` to `to` (both relative to the
/// site root): `skola/` from `2022/` to `2022/skola/`, `../../en/` from
/// `2022/skola/` to `en/`.
fn relative(from: &[u8], to: &[u8], out: &mut Vec<u8>) {
    let mut common = 0;
    for (i, &b) in from.iter().enumerate() {
        if to.get(i) != Some(&b) {
            break;
        }
        if b == b'/' {
            common = i + 1;
        }
    }
    let ups = from[common..].iter().filter(|&&b| b == b'/').count();
    for _ in 0..ups {
        out.extend_from_slice(b"../");
    }
    out.extend_from_slice(&to[common..]);
}

/// Does `bytes` contain a link to be resolved?
pub fn has_site_links(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, SITE_LINK.as_bytes()).is_some()
}

/// Copy `page` to `out`, every site link in an attribute value (right after
/// its opening quote) written as the way from `from` to its target.
pub fn resolve(page: &[u8], from: From, style: LinkStyle, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(page.len() + 256);
    let finder = memchr::memmem::Finder::new(SITE_LINK.as_bytes());
    let mut rest = page;
    while let Some(at) = finder.find(rest) {
        let quote = at.checked_sub(1).map(|i| rest[i]).filter(|q| matches!(q, b'"' | b'\''));
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at + SITE_LINK.len()..];
        let Some(quote) = quote else {
            // Not the start of an attribute value: leave it as it was.
            out.extend_from_slice(SITE_LINK.as_bytes());
            continue;
        };
        let end = memchr::memchr(quote, rest).unwrap_or(rest.len());
        let url = &rest[..end];
        let path_end = memchr::memchr2(b'#', b'?', url).unwrap_or(url.len());
        let path = &url[..path_end];
        let start = out.len();
        match from {
            From::Page(dir) => relative(dir.as_bytes(), path, out),
            From::Root(root) => {
                out.extend_from_slice(root.as_bytes());
                out.extend_from_slice(path);
            }
        }
        let wrote = &out[start..];
        if style == LinkStyle::Offline && (wrote.is_empty() || wrote.ends_with(b"/")) {
            out.extend_from_slice(b"index.html");
        } else if wrote.is_empty() {
            // The page's own folder: an empty link would work, but reads as a mistake.
            out.extend_from_slice(b"./");
        }
        out.extend_from_slice(&url[path_end..]);
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
}

/// `href` (a site link or any other URL) as it is written on the page at `file`.
pub fn on_page(href: &str, file: &str, style: LinkStyle) -> String {
    if !href.starts_with(SITE_LINK) {
        return href.to_string();
    }
    let mut out = Vec::new();
    resolve(
        format!("\"{href}").as_bytes(),
        From::Page(folder_of(file)),
        style,
        &mut out,
    );
    String::from_utf8_lossy(&out[1..]).into_owned()
}

/// `bytes` with every site link made absolute (`https://example.org/hp/2022/`),
/// for files read outside the site: `plan.json`, feeds.
pub fn absolute<'a>(bytes: &'a [u8], base_url: &str) -> std::borrow::Cow<'a, [u8]> {
    if !has_site_links(bytes) {
        return bytes.into();
    }
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    let mut rest = bytes;
    let finder = memchr::memmem::Finder::new(SITE_LINK.as_bytes());
    while let Some(at) = finder.find(rest) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(base_url.as_bytes());
        out.push(b'/');
        rest = &rest[at + SITE_LINK.len()..];
    }
    out.extend_from_slice(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(file: &str, html: &str, style: LinkStyle) -> String {
        let mut out = Vec::new();
        resolve(html.as_bytes(), From::Page(folder_of(file)), style, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn site_links_take_the_shortest_way_from_their_page() {
        let cases = [
            ("index.html", r#"<a href="hp-site:">"#, r#"<a href="./">"#),
            ("index.html", r#"<a href="hp-site:2022/">"#, r#"<a href="2022/">"#),
            ("2022/index.html", r#"<a href="hp-site:">"#, r#"<a href="../">"#),
            (
                "2022/index.html",
                r#"<a href="hp-site:2022/#skola-1">"#,
                r#"<a href="./#skola-1">"#,
            ),
            (
                "2022/index.html",
                r#"<a href="hp-site:2022/skola/">"#,
                r#"<a href="skola/">"#,
            ),
            (
                "2022/index.html",
                r#"<a href="hp-site:2021/skola/">"#,
                r#"<a href="../2021/skola/">"#,
            ),
            (
                "2022/skola/index.html",
                r#"<a href="hp-site:2022/">"#,
                r#"<a href="../">"#,
            ),
            (
                "2022/skola/index.html",
                r#"<a href="hp-site:2022/miljo/">"#,
                r#"<a href="../miljo/">"#,
            ),
            (
                "2022/skola/index.html",
                r#"<a href="hp-site:20221/">"#,
                r#"<a href="../../20221/">"#,
            ),
            (
                "en/2022/skola/index.html",
                r#"<link href="hp-site:static/style.1.css"><a href='hp-site:2022/skola/'>"#,
                r#"<link href="../../../static/style.1.css"><a href='../../../2022/skola/'>"#,
            ),
            (
                "2022/index.html",
                r#"<a href="hp-site:2022/a%20b.pdf?x=1">"#,
                r#"<a href="a%20b.pdf?x=1">"#,
            ),
            (
                "2022/index.html",
                "<p>write hp-site: in text</p>",
                "<p>write hp-site: in text</p>",
            ),
            (
                "2022/index.html",
                r#"<a href="https://x.se/">"#,
                r#"<a href="https://x.se/">"#,
            ),
        ];
        for (file, html, want) in cases {
            assert_eq!(on(file, html, LinkStyle::Relative), want, "{file}: {html}");
        }
    }

    #[test]
    fn offline_links_name_the_index_file() {
        let cases = [
            ("index.html", r#"<a href="hp-site:">"#, r#"<a href="index.html">"#),
            (
                "2022/index.html",
                r#"<a href="hp-site:2022/#x-1">"#,
                r#"<a href="index.html#x-1">"#,
            ),
            (
                "2022/x/index.html",
                r#"<a href="hp-site:2022/">"#,
                r#"<a href="../index.html">"#,
            ),
            (
                "2022/index.html",
                r#"<a href="hp-site:2022/plan.json">"#,
                r#"<a href="plan.json">"#,
            ),
        ];
        for (file, html, want) in cases {
            assert_eq!(on(file, html, LinkStyle::Offline), want, "{file}: {html}");
        }
    }

    #[test]
    fn a_page_served_at_any_depth_gets_absolute_paths() {
        let mut out = Vec::new();
        resolve(
            br#"<a href="hp-site:en/">"#,
            From::Root("/hp/"),
            LinkStyle::Relative,
            &mut out,
        );
        assert_eq!(out, br#"<a href="/hp/en/">"#);
        assert_eq!(
            &*absolute(br#"<a href=\"hp-site:2022/\">"#, "https://x.se/hp"),
            br#"<a href=\"https://x.se/hp/2022/\">"#
        );
    }
}
