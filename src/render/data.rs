//! Files for crawlers: `sitemap.xml` and `robots.txt`, and the escaping
//! shared by the machine-readable files.

use super::urls::Urls;
use std::io::Write;

/// JSON with `<`, `>` and `&` written as `\u003c` … inside strings: the same
/// data, but inert even if a browser or proxy treats the file as HTML.
pub(super) fn html_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
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
                    let href = xml_escape(&urls.abs(alt, alt_rel));
                    writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{href}\"/>"
                    )?;
                }
                if let Some((d, d_rel)) = versions.iter().find(|(l, _)| *l == default_language) {
                    let href = xml_escape(&urls.abs(d, d_rel));
                    writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>"
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
pub(super) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_is_html_safe_and_means_the_same() {
        let json = serde_json::to_string(&serde_json::json!({"t": "<script>&</script>"})).unwrap();
        let safe = super::html_safe_json(&json);
        assert!(!safe.contains('<') && !safe.contains('&'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "<script>&</script>");
    }
}
