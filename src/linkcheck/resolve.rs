//! Where a link on a page leads, as a browser reads it: resolved with the
//! `url` crate against the page's address, with `.` and `..`, percent
//! escapes, queries and fragments handled as a browser handles them.

use url::Url;

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Not part of the site: another host, `mailto:`, `tel:` …
    External,
    /// A file of the site (relative to the output folder, decoded, with
    /// `index.html` for a folder) and the fragment (decoded), if any.
    Internal { file: String, fragment: Option<String> },
    /// The site's host, but not under the site's path.
    Outside,
    /// Not a URL a browser can follow.
    Invalid,
}

/// The address of the site's root: `base_url` with a closing `/`.
pub fn site_root(base_url: &str) -> Option<Url> {
    Url::parse(&format!("{}/", base_url.trim_end_matches('/'))).ok()
}

/// Resolve `href`, found on the page written to `page` (e.g.
/// `en/2022/index.html`), for a site whose root is `root`.
pub fn resolve(root: &Url, page: &str, href: &str) -> Target {
    let Ok(page_url) = root.join(&encode_path(page)) else {
        return Target::Invalid;
    };
    let Ok(url) = page_url.join(href) else {
        return Target::Invalid;
    };
    if url.origin() != root.origin() {
        return Target::External;
    }
    let Some(rest) = url.path().strip_prefix(root.path()) else {
        return Target::Outside;
    };
    let mut file = decode(rest);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Target::Internal {
        file,
        fragment: url.fragment().map(decode).filter(|f| !f.is_empty()),
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// A path of the output (which may hold spaces or `#` in an attachment's
/// name) as the path part of a URL.
fn encode_path(path: &str) -> String {
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'%');
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_as_a_browser_reads_them() {
        let root = site_root("https://ex.org/hp").unwrap();
        let t = |file: &str, fragment: Option<&str>| Target::Internal {
            file: file.into(),
            fragment: fragment.map(String::from),
        };
        let cases = [
            ("2022/index.html", "skola/", t("2022/skola/index.html", None)),
            ("2022/index.html", "#skola-1", t("2022/index.html", Some("skola-1"))),
            ("2022/index.html", "./#skola-1", t("2022/index.html", Some("skola-1"))),
            ("2022/index.html", "../", t("index.html", None)),
            ("2022/index.html", "..", t("index.html", None)),
            ("2022/index.html", "../../../..", Target::Outside),
            (
                "en/2022/x/index.html",
                "../y/#y-2",
                t("en/2022/y/index.html", Some("y-2")),
            ),
            // Spaces and letters beyond ASCII, written plainly or escaped.
            ("2022/index.html", "rapport%20A.pdf", t("2022/rapport A.pdf", None)),
            ("2022/index.html", "rapport A.pdf", t("2022/rapport A.pdf", None)),
            ("2022/index.html", "bilaga-å.pdf", t("2022/bilaga-å.pdf", None)),
            ("2022/index.html", "bilaga-%C3%A5.pdf", t("2022/bilaga-å.pdf", None)),
            ("2022/index.html", "a%2Fb.pdf", t("2022/a/b.pdf", None)),
            (
                "2022/index.html",
                "../static/style.css?v=1",
                t("static/style.css", None),
            ),
            ("2022/index.html", "#m%C3%A5l", t("2022/index.html", Some("mål"))),
            ("2022/index.html", "#", t("2022/index.html", None)),
            ("2022/index.html", "", t("2022/index.html", None)),
            // Absolute addresses on and off the site.
            (
                "2022/index.html",
                "https://ex.org/hp/en/2022/plan.json",
                t("en/2022/plan.json", None),
            ),
            ("2022/index.html", "/hp/2022/", t("2022/index.html", None)),
            ("2022/index.html", "/hp", Target::Outside),
            ("2022/index.html", "/other/", Target::Outside),
            ("2022/index.html", "/hpx/", Target::Outside),
            ("2022/index.html", "https://ex.org/hpx", Target::Outside),
            ("2022/index.html", "http://ex.org/hp/", Target::External),
            ("2022/index.html", "https://example.com/", Target::External),
            ("2022/index.html", "mailto:a@b.se", Target::External),
            ("2022/index.html", "//cdn.example/x.js", Target::External),
            ("2022/index.html", "http://[::1", Target::Invalid),
            // An attachment whose own name needs escaping is a page like any other.
            ("2022/rapport #1.html", "../", t("index.html", None)),
        ];
        for (page, href, want) in cases {
            assert_eq!(resolve(&root, page, href), want, "{page}: {href:?}");
        }
        let at_host_root = site_root("https://ex.org").unwrap();
        assert_eq!(
            resolve(&at_host_root, "index.html", "/2022/"),
            t("2022/index.html", None)
        );
    }
}
