//! Files for crawlers, `sitemap.xml` and `robots.txt`, and the XML escaping
//! they share with the Atom feed.

use super::urls::Urls;
use std::borrow::Cow;
use std::io::Write;

/// Every HTML page (but 404) with its alternates in the other languages,
/// written straight to `out` (an archive's sitemap is megabytes). Each item
/// of `pages` lists the (language, relative path) of every version of a page.
pub fn sitemap<'a>(
    out: &mut dyn Write,
    pages: impl Iterator<Item = Vec<(&'a str, String)>>,
    urls: Urls,
    default_language: &str,
) -> std::io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")?;
    for versions in pages {
        for (lang, rel) in &versions {
            writeln!(out, "  <url>\n    <loc>{}</loc>", xml_escape(&urls.abs(lang, rel)))?;
            if versions.len() > 1 {
                for (alt, alt_rel) in &versions {
                    writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{href}\"/>",
                        href = xml_escape(&urls.abs(alt, alt_rel))
                    )?;
                }
                if let Some((d, d_rel)) = versions.iter().find(|(l, _)| *l == default_language) {
                    writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>",
                        href = xml_escape(&urls.abs(d, d_rel))
                    )?;
                }
            }
            out.write_all(b"  </url>\n")?;
        }
    }
    out.write_all(b"</urlset>\n")
}

/// `robots.txt`: everything may be crawled, but nothing of a preview
/// (a site showing drafts).
pub fn robots(base_url: &str, preview: bool) -> String {
    match preview {
        false => format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n"),
        true => {
            "# A preview: drafts are shown, nothing here is for search engines.\nUser-agent: *\nDisallow: /\n".into()
        }
    }
}

/// A preview's `_headers` (Netlify, Cloudflare Pages): no page of it indexed.
pub const PREVIEW_HEADERS: &str =
    "# A preview: drafts are shown, nothing here is for search engines.\n/*\n  X-Robots-Tag: noindex\n";

/// Escape text for XML (and HTML) content and attribute values.
pub(super) fn xml_escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escapes_every_special_character_and_borrows_plain_text() {
        assert_eq!(super::xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert!(matches!(super::xml_escape("plain é"), std::borrow::Cow::Borrowed(_)));
    }
}
