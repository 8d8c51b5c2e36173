//! The URL layout: the default language at the root, every other language
//! under `/<code>/`. A page is named by its language and a path relative to
//! that language's root (`""`, `2022/`, `2022/innovation/`, `404.html`).

use crate::model::{Config, SITE_LINK};

#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    config: &'a Config,
}

impl<'a> Urls<'a> {
    pub fn new(config: &'a Config) -> Self {
        Urls { config }
    }

    /// `""` for the default language, `"en/"` for the others (shown with
    /// `{}`, so that building a URL allocates once).
    pub fn lang_dir<'l>(&self, lang: &'l str) -> LangDir<'l> {
        LangDir((lang != self.config.default_language).then_some(lang))
    }

    /// Link target within the site, as a site link (see [`SITE_LINK`]):
    /// `hp-site:en/2022/`, written into each page relative to it.
    pub fn path(&self, lang: &str, rel: &str) -> String {
        format!("{SITE_LINK}{}{rel}", self.lang_dir(lang))
    }

    /// Absolute URL: `https://example.org/handlingsplan/en/2022/`.
    pub fn abs(&self, lang: &str, rel: &str) -> String {
        format!("{}/{}{rel}", self.config.base_url, self.lang_dir(lang))
    }

    /// Absolute URL of a file of the whole site (`brand/card.png`), in no language's folder.
    pub fn abs_site(&self, rel: &str) -> String {
        format!("{}/{rel}", self.config.base_url)
    }

    /// The file a page is written to, relative to the output folder.
    pub fn file(&self, lang: &str, rel: &str) -> String {
        let dir = self.lang_dir(lang);
        if rel.is_empty() || rel.ends_with('/') {
            format!("{dir}{rel}index.html")
        } else {
            format!("{dir}{rel}")
        }
    }
}

/// A language's folder below the site root: see [`Urls::lang_dir`].
#[derive(Debug, Clone, Copy)]
pub struct LangDir<'l>(Option<&'l str>);

impl std::fmt::Display for LangDir<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(lang) => write!(f, "{lang}/"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        Config::sample(base_url, &["sv", "en"])
    }

    #[test]
    fn layout() {
        let c = config("https://example.org/hp");
        let u = Urls::new(&c);
        let cases = [
            ("sv", "", "hp-site:", "https://example.org/hp/", "index.html"),
            (
                "sv",
                "2022/",
                "hp-site:2022/",
                "https://example.org/hp/2022/",
                "2022/index.html",
            ),
            (
                "en",
                "2022/innovation/",
                "hp-site:en/2022/innovation/",
                "https://example.org/hp/en/2022/innovation/",
                "en/2022/innovation/index.html",
            ),
            (
                "en",
                "2022/plan.json",
                "hp-site:en/2022/plan.json",
                "https://example.org/hp/en/2022/plan.json",
                "en/2022/plan.json",
            ),
            (
                "en",
                "404.html",
                "hp-site:en/404.html",
                "https://example.org/hp/en/404.html",
                "en/404.html",
            ),
        ];
        for (lang, rel, path, abs, file) in cases {
            assert_eq!(u.path(lang, rel), path);
            assert_eq!(u.abs(lang, rel), abs);
            assert_eq!(u.file(lang, rel), file);
        }
    }
}
