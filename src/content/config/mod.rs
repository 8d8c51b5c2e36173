//! `content/site.yaml`: the site's settings.

mod accessibility;
pub mod brand;
mod distinct;

pub use accessibility::STATEMENT_WARNING;

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
    "organisation",
    "accessibility",
    "brand",
    "publish_hidden",
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
    organisation: Option<crate::content::names::RawName>,
    #[serde(default)]
    accessibility: accessibility::RawAccessibility,
    #[serde(default)]
    brand: Option<brand::RawBrand>,
    #[serde(default)]
    publish_hidden: Vec<String>,
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
    let moved = moved_keys(src);
    if !moved.is_empty() {
        return Err(moved);
    }
    let mut raw: RawConfig = serde_yaml::from_str(&src.text).map_err(|e| vec![yaml_error(src, &e)])?;
    let base_url = base_url.unwrap_or(&raw.base_url).trim_end_matches('/').to_string();
    let mut diags = check_address(src, &base_url);
    diags.extend(check_languages(src, &raw));
    diags.extend(check_others(src, &raw));
    let brand = brand::check(src, raw.brand.take()).unwrap_or_else(|d| {
        diags.extend(d);
        None
    });
    let langs = accessibility::Languages {
        default: &raw.default_language,
        all: raw.languages.keys().map(String::as_str).collect(),
    };
    let statement = accessibility::check(
        src,
        std::mem::take(&mut raw.accessibility),
        raw.organisation.take(),
        &langs,
    )
    .map_err(|d| diags.extend(d));
    let Ok((organisation, accessibility)) = statement else {
        return Err(diags);
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut warnings = placeholders(src, &base_url);
    warnings.extend(accessibility::incomplete(src, &accessibility));
    let accent = brand.as_ref().and_then(|b| b.accent.as_deref());
    warnings.extend(distinct::warning(src, accent));
    let mut config = settings(raw, base_url);
    config.brand = brand;
    config.organisation = organisation;
    config.accessibility = accessibility;
    Ok((config, warnings))
}

/// Keys `site.yaml` once had that now live elsewhere: each an error that
/// shows where it went.
fn moved_keys(src: &SourceFile) -> Vec<Diagnostic> {
    let found = accessibility::MOVED
        .iter()
        .filter_map(|(key, now)| yaml::key(src, 0..src.text.len(), &[key]).map(|at| (key, now, at)));
    found
        .map(|(key, now, at)| {
            let message = format!("`{key}` is now written under `accessibility:`");
            Diagnostic::error_at("moved-key", src, at, message).with_hint(format!(
                "write it as\n{now}\n(see the user guide, \"The accessibility statement\")"
            ))
        })
        .collect()
}

/// The settings, once `raw` has passed every check.
fn settings(raw: RawConfig, base_url: String) -> Config {
    // The default language first, then the others in alphabetical order.
    let mut languages: Vec<LanguageConfig> = raw
        .languages
        .into_iter()
        .map(|(code, l)| LanguageConfig {
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
        publish_hidden: raw.publish_hidden,
        ..Config::default()
    }
}

/// The site's address.
fn check_address(src: &SourceFile, base_url: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(problem) = base_url_problem(base_url) {
        diags.push(
            Diagnostic::error_at("invalid-base-url", src, key_range(src, &["base_url"]), format!("`base_url` `{base_url}` is {problem}"))
                .with_hint("e.g. `base_url: https://example.org/handlingsplan`: the address the site is published at (for canonical links, the sitemap and the data files)"),
        );
    }
    diags
}

/// Every language code is one, and the default language is listed.
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
    diags
}

/// The theme's name, and the hidden names `static/` may publish.
fn check_others(src: &SourceFile, raw: &RawConfig) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for name in raw.publish_hidden.iter().filter(|n| !is_publishable_hidden(n)) {
        let message = format!("`publish_hidden` lists `{name}`, which is not a hidden name `static/` may publish");
        diags.push(
            Diagnostic::error_at("invalid-hidden-name", src, key_range(src, &["publish_hidden"]), message)
                .with_hint("list names of hidden files or folders at the top of `static/`, such as `.well-known` or `.nojekyll`; never `.git` or the build's own `.handlingsplan-output`"),
        );
    }
    if !is_theme_name(&raw.theme) {
        diags.push(
            Diagnostic::error_at("invalid-theme", src, key_range(src, &["theme"]), format!("`theme` `{}` is not the name of a folder under themes/", raw.theme))
                .with_hint("a theme is a folder `themes/<name>/` beside `content/`: write only its name (letters, digits, `-`, `_`), e.g. `theme: default`"),
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

/// A warning while the site's address is a placeholder: a site published
/// with it has canonical links, a sitemap and data pointing at an example.
fn placeholders(src: &SourceFile, base_url: &str) -> Vec<Diagnostic> {
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

/// What is wrong with `contact` as `accessibility.contact` (an e-mail
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

/// Can `name` be listed in `publish_hidden`: one hidden name, no path, and
/// not a repository's or the build's own?
fn is_publishable_hidden(name: &str) -> bool {
    name.len() > 1
        && name.starts_with('.')
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.contains(char::is_control)
        && !matches!(
            name.to_ascii_lowercase().as_str(),
            ".git" | ".hg" | ".svn" | ".handlingsplan-output"
        )
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
        // serde names the keys it expected where the unknown one is.
        let expected: Vec<&str> = (message.split_once("expected "))
            .map(|(_, keys)| keys.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let keys: &[&str] = match expected.is_empty() {
            true if message.contains("`name`") => &LANG_KEYS,
            true => &KEYS,
            false => &expected,
        };
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
