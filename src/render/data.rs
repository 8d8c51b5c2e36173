//! Machine-readable files: `plan.json`, `sitemap.xml` and `robots.txt`.

use super::urls::Urls;
use crate::model::{Plan, Site};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The plan as open data (`/<year>/plan.json`); field order is stable.
#[derive(Serialize)]
struct PlanJson<'a> {
    year: u16,
    lang: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    intro_html: &'a str,
    /// The same plan in other languages: language code → URL of its `plan.json`.
    translations: BTreeMap<&'a str, String>,
    areas: Vec<AreaJson<'a>>,
}

#[derive(Serialize)]
struct AreaJson<'a> {
    id: &'a str,
    title: &'a str,
    description_html: &'a str,
    url: String,
    actions: Vec<ActionJson<'a>>,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    n: usize,
    anchor: &'a str,
    text: &'a str,
    text_html: &'a str,
    details_html: &'a str,
    url: String,
}

/// Write `plan.json` for one plan into `buf`.
pub fn plan_json(buf: &mut Vec<u8>, site: &Site, plan: &Plan, urls: Urls) {
    let lang = plan.lang.as_str();
    let rel = format!("{}/", plan.year);
    let translations = site
        .year(plan.year)
        .into_iter()
        .flat_map(|y| y.plans.keys())
        .filter(|l| l.as_str() != lang)
        .map(|l| (l.as_str(), urls.abs(l, &format!("{rel}plan.json"))))
        .collect();
    let json = PlanJson {
        year: plan.year,
        lang,
        title: &plan.title,
        description: &plan.description,
        url: urls.abs(lang, &rel),
        intro_html: &plan.intro_html,
        translations,
        areas: plan
            .areas
            .iter()
            .map(|a| {
                let url = urls.abs(lang, &format!("{rel}{}/", a.id));
                AreaJson {
                    id: &a.id,
                    title: &a.title,
                    description_html: &a.description_html,
                    actions: a
                        .actions
                        .iter()
                        .map(|x| ActionJson {
                            n: x.n,
                            anchor: &x.anchor,
                            text: &x.text,
                            text_html: &x.text_html,
                            details_html: &x.details_html,
                            url: format!("{url}#{}", x.anchor),
                        })
                        .collect(),
                    url,
                }
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&json).expect("plan data always serialises");
    buf.extend_from_slice(html_safe_json(&text).as_bytes());
    buf.push(b'\n');
}

/// JSON with `<`, `>` and `&` written as `\u003c` … inside strings: the same
/// data, but inert even if a browser or proxy treats the file as HTML.
fn html_safe_json(json: &str) -> String {
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
