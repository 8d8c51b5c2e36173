//! `content/site.yaml`: the site's settings.

pub mod brand;

use crate::diagnostics::{Diagnostic, Severity, SourceFile, strip_yaml_location, yaml};
use crate::model::{Config, LanguageConfig};
pub use crate::sources::is_lang_code;
use serde::Deserialize;
use std::collections::BTreeMap;

const KEYS: [&str; 9] = [
    "base_url",
    "default_language",
    "languages",
    "theme",
    "allow_html",
    "accessibility_contact",
    "accessibility_reviewed",
    "accessibility_issues",
    "brand",
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
    #[serde(default)]
    brand: Option<brand::RawBrand>,
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
    let unusual = crate::sources::unusual_in_yaml_file(src);
    if !unusual.is_empty() {
        return Err(unusual);
    }
    let mut raw: RawConfig = serde_yaml::from_str(&src.text).map_err(|e| vec![yaml_error(src, &e)])?;
    let base_url = base_url.unwrap_or(&raw.base_url).trim_end_matches('/').to_string();
    let contact = raw.accessibility_contact.as_deref().map(|c| contact_url(c.trim()));
    let mut diags = check_addresses(src, &base_url, contact.as_deref());
    diags.extend(check_languages(src, &raw));
    diags.extend(check_others(src, &raw));
    let brand = brand::check(src, raw.brand.take()).unwrap_or_else(|d| {
        diags.extend(d);
        None
    });
    if !diags.is_empty() {
        return Err(diags);
    }
    let warnings = placeholders(src, &base_url, contact.as_deref());
    let mut config = settings(raw, base_url, contact);
    config.brand = brand;
    Ok((config, warnings))
}

/// The settings, once `raw` has passed every check.
fn settings(raw: RawConfig, base_url: String, accessibility_contact: Option<String>) -> Config {
    // The default language first, then the others in alphabetical order.
    let issues = raw.accessibility_issues;
    let mut languages: Vec<LanguageConfig> = raw
        .languages
        .into_iter()
        .map(|(code, l)| LanguageConfig {
            accessibility_issues: issues.get(&code).cloned().unwrap_or_default(),
            code,
            name: l.name,
            title: l.title,
            notice: l.notice.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        })
        .collect();
    languages.sort_by_key(|l| l.code != raw.default_language);
    Config {
        base_url,
        default_language: raw.default_language,
        languages,
        theme: raw.theme,
        allow_html: raw.allow_html,
        accessibility_contact,
        accessibility_reviewed: raw.accessibility_reviewed,
        brand: None,
    }
}

/// The site's address and the accessibility contact.
fn check_addresses(src: &SourceFile, base_url: &str, contact: Option<&str>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(problem) = base_url_problem(base_url) {
        diags.push(
            Diagnostic::error_at("invalid-base-url", src, key_range(src, &["base_url"]), format!("`base_url` `{base_url}` is {problem}"))
                .with_hint("e.g. `base_url: https://example.org/handlingsplan`: the address the site is published at (for canonical links, the sitemap and the data files)"),
        );
    }
    if let Some(contact) = contact
        && contact_problem(contact).is_some()
    {
        diags.push(
            Diagnostic::error_at("invalid-contact", src, key_range(src, &["accessibility_contact"]), format!("`accessibility_contact` must be an e-mail address or a web address, not `{contact}`"))
                .with_hint("e.g. `accessibility_contact: webb@example.org` or `accessibility_contact: https://example.org/kontakt`"),
        );
    }
    diags
}

/// Every language code is one, the default language is listed, and the
/// known accessibility issues are in languages of the site.
fn check_languages(src: &SourceFile, raw: &RawConfig) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for code in raw.languages.keys().filter(|c| !is_lang_code(c)) {
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
    if !raw.languages.contains_key(&raw.default_language) {
        let known: Vec<&str> = raw.languages.keys().map(String::as_str).collect();
        let message = format!(
            "default language `{}` is not listed under `languages`",
            raw.default_language
        );
        diags.push(
            Diagnostic::error_at("unknown-language", src, key_range(src, &["default_language"]), message)
                .with_hint(format!("languages listed: {}", known.join(", "))),
        );
    }
    for lang in raw
        .accessibility_issues
        .keys()
        .filter(|l| !raw.languages.contains_key(*l))
    {
        let message = format!("`accessibility_issues` has issues in `{lang}`, which is not a language of the site");
        diags.push(
            Diagnostic::error_at(
                "unknown-language",
                src,
                key_range(src, &["accessibility_issues"]),
                message,
            )
            .with_hint("list the known issues under each language's code, e.g. `sv:` and `en:`"),
        );
    }
    diags
}

/// The theme's name and the date of the accessibility review.
fn check_others(src: &SourceFile, raw: &RawConfig) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if !is_theme_name(&raw.theme) {
        diags.push(
            Diagnostic::error_at("invalid-theme", src, key_range(src, &["theme"]), format!("`theme` `{}` is not the name of a folder under themes/", raw.theme))
                .with_hint("a theme is a folder `themes/<name>/` beside `content/`: write only its name (letters, digits, `-`, `_`), e.g. `theme: default`"),
        );
    }
    if let Some(date) = &raw.accessibility_reviewed
        && !super::followup::is_iso_date(date)
    {
        diags.push(
            Diagnostic::error_at("bad-date", src, key_range(src, &["accessibility_reviewed"]), format!("`accessibility_reviewed` `{date}` is not a date"))
                .with_hint("the date the site's accessibility was last reviewed, as YYYY-MM-DD, e.g. `accessibility_reviewed: 2024-05-31`"),
        );
    }
    diags
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
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("an address with a user name or password in it, which every page and the sitemap would publish");
    }
    None
}

/// What is wrong with `contact` as `accessibility_contact` (an e-mail
/// address, or a `mailto:`, `http:` or `https:` address), if anything.
pub fn contact_problem(contact: &str) -> Option<&'static str> {
    let url = contact_url(contact.trim());
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let known = scheme.is_some_and(|s| matches!(s.as_str(), "mailto" | "http" | "https"));
    match known && super::html::is_safe_url(&url) && !url.contains(char::is_whitespace) {
        true => None,
        false => Some("not an e-mail address or a web address"),
    }
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
mod tests;
