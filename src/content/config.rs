//! `content/site.yaml`: the site's settings.

use crate::diagnostics::{Diagnostic, Severity, SourceFile, strip_yaml_location, yaml};
use crate::model::{Config, LanguageConfig};
pub use crate::sources::is_lang_code;
use serde::Deserialize;
use std::collections::BTreeMap;

const KEYS: [&str; 8] = [
    "base_url",
    "default_language",
    "languages",
    "theme",
    "allow_html",
    "accessibility_contact",
    "accessibility_reviewed",
    "accessibility_issues",
];
const LANG_KEYS: [&str; 3] = ["name", "title", "notice"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    languages: BTreeMap<String, RawLanguage>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    allow_html: bool,
    #[serde(default)]
    accessibility_contact: Option<String>,
    #[serde(default)]
    accessibility_reviewed: Option<String>,
    #[serde(default)]
    accessibility_issues: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: String,
    #[serde(default)]
    notice: Option<String>,
}

fn default_theme() -> String {
    "default".into()
}

pub const EXAMPLE: &str = "base_url: https://example.org/handlingsplan\ndefault_language: sv\nlanguages:\n  sv: { name: Svenska, title: Handelskammarens handlingsplan }\n  en: { name: English, title: The Chamber of Commerce action plan }\ntheme: default";

/// Parse `site.yaml`. `base_url` overrides the file's `base_url` (from
/// `--base-url`). Returns the settings and the warnings about them.
pub fn parse(src: &SourceFile, base_url: Option<&str>) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let unusual = crate::sources::unusual_characters(src);
    if !unusual.is_empty() {
        return Err(unusual);
    }
    let raw: RawConfig = serde_yaml::from_str(&src.text).map_err(|e| vec![yaml_error(src, &e)])?;
    let mut diags = Vec::new();
    let at_key = |key: &str| key_range(src, &[key]);
    let base_url = base_url.unwrap_or(&raw.base_url).trim_end_matches('/').to_string();
    if let Some(problem) = base_url_problem(&base_url) {
        diags.push(
            Diagnostic::error_at("invalid-base-url", src, at_key("base_url"), format!("`base_url` `{base_url}` is {problem}"))
                .with_hint("e.g. `base_url: https://example.org/handlingsplan`: the address the site is published at (for canonical links, the sitemap and the data files)"),
        );
    }
    for code in raw.languages.keys() {
        if !is_lang_code(code) {
            diags.push(
                Diagnostic::error_at(
                    "invalid-language",
                    src,
                    key_range(src, &["languages", code]),
                    format!("`{code}` is not a language code"),
                )
                .with_hint("use a two- or three-letter ISO 639 code such as `sv` or `en`"),
            );
        }
    }
    if !raw.languages.contains_key(&raw.default_language) {
        let known: Vec<&str> = raw.languages.keys().map(String::as_str).collect();
        diags.push(
            Diagnostic::error_at(
                "unknown-language",
                src,
                at_key("default_language"),
                format!(
                    "default language `{}` is not listed under `languages`",
                    raw.default_language
                ),
            )
            .with_hint(format!("languages listed: {}", known.join(", "))),
        );
    }
    if !is_theme_name(&raw.theme) {
        diags.push(
            Diagnostic::error_at("invalid-theme", src, at_key("theme"), format!("`theme` `{}` is not the name of a folder under themes/", raw.theme))
                .with_hint("a theme is a folder `themes/<name>/` beside `content/`: write only its name (letters, digits, `-`, `_`), e.g. `theme: default`"),
        );
    }
    let accessibility_contact = raw.accessibility_contact.map(|c| contact_url(c.trim()));
    if let Some(contact) = &accessibility_contact
        && (!super::html::is_safe_url(contact) || !contact.contains(':'))
    {
        diags.push(
            Diagnostic::error_at("invalid-contact", src, at_key("accessibility_contact"), format!("`accessibility_contact` must be an e-mail address or a web address, not `{contact}`"))
                .with_hint("e.g. `accessibility_contact: webb@example.org` or `accessibility_contact: https://example.org/kontakt`"),
        );
    }
    if let Some(date) = &raw.accessibility_reviewed
        && !super::followup::is_iso_date(date)
    {
        diags.push(
            Diagnostic::error_at("bad-date", src, at_key("accessibility_reviewed"), format!("`accessibility_reviewed` `{date}` is not a date"))
                .with_hint("the date the site's accessibility was last reviewed, as YYYY-MM-DD, e.g. `accessibility_reviewed: 2024-05-31`"),
        );
    }
    for lang in raw
        .accessibility_issues
        .keys()
        .filter(|l| !raw.languages.contains_key(*l))
    {
        diags.push(
            Diagnostic::error_at(
                "unknown-language",
                src,
                at_key("accessibility_issues"),
                format!("`accessibility_issues` has issues in `{lang}`, which is not a language of the site"),
            )
            .with_hint("list the known issues under each language's code, e.g. `sv:` and `en:`"),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let warnings = placeholders(src, &base_url, accessibility_contact.as_deref());
    // The default language first, then the others in alphabetical order.
    let mut languages: Vec<LanguageConfig> = raw
        .languages
        .into_iter()
        .map(|(code, l)| LanguageConfig {
            accessibility_issues: raw.accessibility_issues.get(&code).cloned().unwrap_or_default(),
            code,
            name: l.name,
            title: l.title,
            notice: l.notice.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        })
        .collect();
    languages.sort_by_key(|l| l.code != raw.default_language);
    let config = Config {
        base_url,
        default_language: raw.default_language,
        languages,
        theme: raw.theme,
        allow_html: raw.allow_html,
        accessibility_contact,
        accessibility_reviewed: raw.accessibility_reviewed,
    };
    Ok((config, warnings))
}

/// Is `host` a name reserved for examples and tests (RFC 2606, RFC 6761),
/// which a published site cannot have: `example.org`, `x.example`,
/// `plan.test`, `a.invalid`, `localhost`?
pub fn is_placeholder_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let names = [
        "example.com",
        "example.net",
        "example.org",
        "localhost",
        "example",
        "test",
        "invalid",
    ];
    names
        .iter()
        .any(|name| host == *name || host.ends_with(&format!(".{name}")))
}

/// Warnings for settings still holding a placeholder: a site published with
/// them has canonical links, a sitemap and data pointing at an example
/// address, or an accessibility contact no one reads.
fn placeholders(src: &SourceFile, base_url: &str, contact: Option<&str>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let host = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string));
    if host.as_deref().is_some_and(is_placeholder_host) {
        warnings.push(
            Diagnostic::at(Severity::Warning, "placeholder", src, key_range(src, &["base_url"]), format!("`base_url` `{base_url}` is a placeholder: its host is reserved for examples"))
                .with_hint("set it to the address the site is published at, or give the address when building: `--base-url https://…` or `HANDLINGSPLAN_BASE_URL=https://…`"),
        );
    }
    let contact_host = contact.and_then(|c| {
        let rest = c
            .strip_prefix("mailto:")
            .map(|m| m.rsplit('@').next().unwrap_or_default().to_string());
        rest.or_else(|| url::Url::parse(c).ok().and_then(|u| u.host_str().map(str::to_string)))
    });
    if contact_host.as_deref().is_some_and(is_placeholder_host) {
        warnings.push(
            Diagnostic::at(Severity::Warning, "placeholder", src, key_range(src, &["accessibility_contact"]), format!("`accessibility_contact` `{}` is a placeholder: its host is reserved for examples", contact.unwrap_or_default()))
                .with_hint("set it to the address readers can report accessibility problems to; the accessibility statement shows it"),
        );
    }
    warnings
}

/// What is wrong with a site address (`base_url`, `--base-url`), if anything:
/// it must be an absolute http(s) URL with a host, and no query or fragment.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Some("not an absolute URL (such as `https://example.org/handlingsplan`)");
    };
    if !matches!(parsed.scheme(), "http" | "https") || url.contains(char::is_whitespace) {
        return Some("not an http(s) address");
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Some("an address without a host");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Some("an address with a query or fragment (`?`, `#`), which pages cannot be under");
    }
    None
}

/// An e-mail address becomes a `mailto:` link; anything else stays as written.
fn contact_url(contact: &str) -> String {
    if contact.contains('@') && !contact.contains(':') {
        format!("mailto:{contact}")
    } else {
        contact.to_string()
    }
}

/// A theme is named by one folder under `themes/`: no path (`/`, `..`, an
/// absolute path) can lead the build to read or publish anything else.
pub fn is_theme_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && !name.starts_with(['.', '-'])
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !name.contains("..")
}

/// Where the key at `path` is in `site.yaml` (the file's start if it is not there).
fn key_range(src: &SourceFile, path: &[&str]) -> std::ops::Range<usize> {
    yaml::key(src, 0..src.text.len(), path).unwrap_or(0..0)
}

fn yaml_error(src: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = strip_yaml_location(&full);
    let offset = e.location().map_or(0, |l| l.index());
    let end = src.text[offset.min(src.text.len())..]
        .find('\n')
        .map_or(src.text.len(), |i| offset + i);
    let unknown = message
        .split_once("unknown field `")
        .and_then(|(_, r)| r.split_once('`'))
        .map(|(k, _)| k);
    if let Some(key) = unknown {
        let keys: &[&str] = if message.contains("`name`") { &LANG_KEYS } else { &KEYS };
        let d = Diagnostic::error_at(
            "unknown-key",
            src,
            offset..offset + key.len(),
            format!("unknown key `{key}` in site.yaml"),
        );
        return d.did_you_mean(key, keys.iter().copied(), format!("known keys: {}", keys.join(", ")));
    }
    Diagnostic::error_at(
        "invalid-site-config",
        src,
        offset..end,
        format!("site.yaml is not valid: {message}"),
    )
    .with_hint(format!("a complete site.yaml looks like this:\n{EXAMPLE}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, Vec<Diagnostic>> {
        parse(&SourceFile::new("content/site.yaml", text), None).map(|(c, _)| c)
    }

    #[test]
    fn parses_the_example_with_the_default_language_first() {
        let c = parse_str(EXAMPLE).unwrap();
        assert_eq!(c.base_url, "https://example.org/handlingsplan");
        assert_eq!(c.base_path(), "/handlingsplan");
        let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["sv", "en"]);
        assert!(!c.allow_html);
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn base_url_override_and_trailing_slash() {
        let (c, _) = parse(&SourceFile::new("s", EXAMPLE), Some("http://127.0.0.1:1111/")).unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:1111");
        assert_eq!(c.base_path(), "");
    }

    #[test]
    fn errors() {
        let cases = [
            ("base_url: x\n", "invalid-site-config"),
            (&EXAMPLE.replace("theme", "tema"), "unknown-key"),
            (
                &EXAMPLE.replace("default_language: sv", "default_language: fi"),
                "unknown-language",
            ),
            (
                &EXAMPLE.replace("https://example.org", "example.org"),
                "invalid-base-url",
            ),
            (&EXAMPLE.replace("en:", "English:"), "invalid-language"),
            (&EXAMPLE.replace("name: English", "nam: English"), "unknown-key"),
            ("languages: [\n", "invalid-site-config"),
        ];
        for (text, code) in cases {
            let d = parse_str(text).unwrap_err();
            assert_eq!(d[0].code, code, "{text}: {:?}", d[0]);
            assert!(d[0].line > 0 && d[0].hint.is_some(), "{:?}", d[0]);
        }
    }

    #[test]
    fn accessibility_contact() {
        let with = |c: &str| parse_str(&format!("{EXAMPLE}\naccessibility_contact: {c}\n"));
        assert_eq!(
            with("webb@example.org").unwrap().accessibility_contact.as_deref(),
            Some("mailto:webb@example.org")
        );
        assert_eq!(
            with("https://example.org/kontakt")
                .unwrap()
                .accessibility_contact
                .as_deref(),
            Some("https://example.org/kontakt")
        );
        assert_eq!(with("javascript:alert(1)").unwrap_err()[0].code, "invalid-contact");
        assert_eq!(with("ring oss").unwrap_err()[0].code, "invalid-contact");
    }

    #[test]
    fn theme_names_are_one_folder() {
        for ok in ["default", "kammaren", "my_theme-2", "v1.2"] {
            assert!(is_theme_name(ok), "{ok}");
        }
        for bad in [
            "",
            "/some/dir",
            "/proc",
            "../elsewhere",
            "a/b",
            "a\\b",
            ".hidden",
            "..",
            "a..b",
            "C:x",
            "-x",
            &"x".repeat(65),
        ] {
            assert!(!is_theme_name(bad), "{bad}");
        }
        let d = parse_str(&EXAMPLE.replace("theme: default", "theme: /proc")).unwrap_err();
        assert_eq!((d[0].code, d[0].line), ("invalid-theme", 6));
    }

    #[test]
    fn language_codes() {
        for ok in ["sv", "en", "sme", "pt-br"] {
            assert!(is_lang_code(ok), "{ok}");
        }
        for bad in ["", "s", "SV", "english", "sv-", "s v"] {
            assert!(!is_lang_code(bad), "{bad}");
        }
    }

    #[test]
    fn placeholder_hosts_are_warned_about() {
        for host in [
            "example.org",
            "EXAMPLE.COM",
            "www.example.net",
            "plan.example",
            "a.test",
            "x.invalid",
            "localhost",
            "example.org.",
        ] {
            assert!(is_placeholder_host(host), "{host}");
        }
        for host in [
            "handelskammaren.se",
            "example.se",
            "myexample.org",
            "testing.se",
            "127.0.0.1",
        ] {
            assert!(!is_placeholder_host(host), "{host}");
        }
        let warned = |text: &str| {
            let (_, warnings) = parse(&SourceFile::new("content/site.yaml", text), None).unwrap();
            warnings.iter().map(|w| (w.code, w.line)).collect::<Vec<_>>()
        };
        assert_eq!(
            warned(&format!("{EXAMPLE}\naccessibility_contact: webb@example.org\n")),
            [("placeholder", 1), ("placeholder", 7)]
        );
        let real = EXAMPLE.replace("example.org", "handelskammaren.se");
        assert_eq!(
            warned(&format!(
                "{real}\naccessibility_contact: https://handelskammaren.se/kontakt\n"
            )),
            []
        );
        let (_, w) = parse(&SourceFile::new("s", EXAMPLE), Some("https://plan.handelskammaren.se")).unwrap();
        assert!(w.is_empty(), "a --base-url replaces the placeholder: {w:?}");
    }

    #[test]
    fn a_language_may_carry_a_notice_and_the_owner_an_accessibility_review() {
        let text = format!(
            "{}\naccessibility_reviewed: 2024-05-31\naccessibility_issues:\n  en: [The PDF is not accessible.]\n",
            EXAMPLE.replace(
                "en: { name: English, title: The Chamber of Commerce action plan }",
                "en: { name: English, title: T, notice: A translation. }"
            )
        );
        let c = parse_str(&text).unwrap();
        let en = c.language("en").unwrap();
        assert_eq!(en.notice.as_deref(), Some("A translation."));
        assert_eq!(en.accessibility_issues, ["The PDF is not accessible."]);
        assert!(c.language("sv").unwrap().notice.is_none());
        assert_eq!(c.accessibility_reviewed.as_deref(), Some("2024-05-31"));
        let bad = parse_str(&format!("{EXAMPLE}\naccessibility_reviewed: maj 2024\n")).unwrap_err();
        assert_eq!((bad[0].code, bad[0].line), ("bad-date", 7));
        let bad = parse_str(&format!("{EXAMPLE}\naccessibility_issues:\n  de: [x]\n")).unwrap_err();
        assert_eq!(bad[0].code, "unknown-language");
    }
}
