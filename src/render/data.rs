//! Files for crawlers: `sitemap.xml` and `robots.txt`, and the escaping
//! shared by the machine-readable files.

use super::urls::Urls;
use std::borrow::Cow;
use std::io::Write;

/// Write `value` as pretty JSON and a newline, with `<`, `>` and `&` as
/// `\u003c` …: the same data (they can only occur inside strings), but inert
/// even if a browser or proxy treats the file as HTML. Links within the site
/// in its HTML fragments are absolute (`base_url`): the file is read elsewhere.
pub(super) fn write_json(mut out: impl Write, value: &impl serde::Serialize, base_url: &str) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(value)?;
    let json = super::links::absolute(&json, base_url);
    let mut rest = &*json;
    while let Some(i) = memchr::memchr3(b'<', b'>', b'&', rest) {
        out.write_all(&rest[..i])?;
        out.write_all(match rest[i] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        })?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)?;
    out.write_all(b"\n")
}

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

pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n")
}

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
    fn json_is_html_safe_and_means_the_same() {
        let mut out = Vec::new();
        let value = serde_json::json!({"t": "<script>&</script>", "u": "a>b", "h": "<a href=\"hp-site:2022/\">"});
        super::write_json(&mut out, &value, "https://x.se").unwrap();
        let safe = String::from_utf8(out).unwrap();
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "<script>&</script>");
        assert_eq!(back["u"], "a>b");
        assert_eq!(back["h"], "<a href=\"https://x.se/2022/\">", "site links are absolute");
    }

    #[test]
    fn xml_escapes_every_special_character_and_borrows_plain_text() {
        assert_eq!(super::xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert!(matches!(super::xml_escape("plain é"), std::borrow::Cow::Borrowed(_)));
    }
}
