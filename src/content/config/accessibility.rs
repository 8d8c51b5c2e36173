//! `accessibility:` and `organisation:` in `site.yaml`: the facts of the
//! accessibility statement (DIGG's model), checked, and the warnings `check`
//! gives while the statement still lacks what only the owner can say.

use super::{contact_problem, contact_url, is_placeholder_host, key_range};
use crate::content::names::{self, Problem, RawName};
use crate::diagnostics::{Diagnostic, Severity, SourceFile};
use crate::model::{Accessibility, Assessor, Compliance, Law, Name, Shortcoming};
use serde::Deserialize;

/// The code of the warnings about what the statement still lacks.
pub const STATEMENT_WARNING: &str = "accessibility-statement";

/// The keys `accessibility:` had before it was one block, and where they went.
pub(super) const MOVED: [(&str, &str); 3] = [
    ("accessibility_contact", "accessibility:\n  contact: …"),
    (
        "accessibility_reviewed",
        "accessibility:\n  assessed: YYYY-MM-DD\n  assessed_by: self",
    ),
    (
        "accessibility_issues",
        "accessibility:\n  shortcomings:\n    - text: { sv: …, en: … }\n      wcag: [1.1.1]",
    ),
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccessibility {
    #[serde(default)]
    status: Option<Compliance>,
    #[serde(default)]
    law: Law,
    #[serde(default)]
    contact: Option<String>,
    #[serde(default)]
    assessed_by: Option<RawName>,
    #[serde(default)]
    assessed: Option<String>,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    shortcomings: Vec<serde_yaml::Value>,
    #[serde(default)]
    disproportionate: Vec<RawName>,
    #[serde(default)]
    not_covered: Vec<RawName>,
}

/// A shortcoming with the WCAG criteria it fails (or its text alone).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShortcoming {
    text: RawName,
    /// Numbers as written: `1.4` reads as a number, and is reported as no criterion.
    #[serde(default)]
    wcag: Vec<serde_yaml::Value>,
}

impl RawShortcoming {
    /// A list item as written: `text:` and `wcag:`, or only the text.
    fn read(item: serde_yaml::Value) -> Result<RawShortcoming, serde_yaml::Error> {
        match item.get("text") {
            Some(_) => serde_yaml::from_value(item),
            None => Ok(RawShortcoming {
                text: serde_yaml::from_value(item)?,
                wcag: Vec::new(),
            }),
        }
    }

    /// The criteria as text.
    fn criteria(&self) -> Vec<String> {
        let scalar = |v: &serde_yaml::Value| match v {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
        };
        self.wcag.iter().map(scalar).collect()
    }
}

/// The languages texts may be given in.
pub(super) struct Languages<'a> {
    pub default: &'a str,
    pub all: Vec<&'a str>,
}

/// Checks `raw` (and `organisation`) as written in `src`: the statement's
/// facts, or every problem with them.
pub(super) fn check(
    src: &SourceFile,
    raw: RawAccessibility,
    organisation: Option<RawName>,
    langs: &Languages,
) -> Result<(Option<Name>, Accessibility), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut text = |key: &[&str], raw: RawName| texts(src, key, raw, langs, &mut diags);
    let organisation = organisation.and_then(|o| text(&["organisation"], o));
    let assessor = raw.assessed_by.and_then(|by| match &by {
        RawName::One(who) if who.trim().eq_ignore_ascii_case("self") => Some(Assessor::Owner),
        _ => text(&["accessibility", "assessed_by"], by).map(Assessor::External),
    });
    let mut shortcomings = Vec::new();
    let mut unread = Vec::new();
    for item in raw.shortcomings {
        match RawShortcoming::read(item) {
            Ok(item) => {
                let wcag = item.criteria();
                let read = text(&["accessibility", "shortcomings"], item.text);
                shortcomings.extend(read.map(|text| Shortcoming { text, wcag }));
            }
            Err(e) => unread.push(shape_error(src, &e)),
        }
    }
    let mut list = |key: &str, items: Vec<RawName>| -> Vec<Name> {
        items
            .into_iter()
            .filter_map(|t| text(&["accessibility", key], t))
            .collect()
    };
    let disproportionate = list("disproportionate", raw.disproportionate);
    let not_covered = list("not_covered", raw.not_covered);
    diags.extend(unread);
    let contact = raw.contact.as_deref().map(|c| contact_url(c.trim()));
    diags.extend(problems(
        src,
        contact.as_deref(),
        &[raw.assessed.as_deref(), raw.updated.as_deref()],
    ));
    diags.extend(criteria(src, &shortcomings));
    if !diags.is_empty() {
        return Err(diags);
    }
    let accessibility = Accessibility {
        status: raw.status,
        law: raw.law,
        contact,
        assessor,
        assessed: raw.assessed,
        updated: raw.updated,
        shortcomings,
        disproportionate,
        not_covered,
    };
    Ok((organisation, accessibility))
}

/// `raw`, written at `key`, as a text; `None` when it is empty or wrong
/// (said in `diags`).
fn texts(src: &SourceFile, key: &[&str], raw: RawName, langs: &Languages, diags: &mut Vec<Diagnostic>) -> Option<Name> {
    let problems = match names::name(raw, langs.default, |l| langs.all.contains(&l)) {
        Ok(name) => return name,
        Err(problems) => problems,
    };
    let written = key.join(".");
    for problem in problems {
        diags.push(match problem {
            Problem::UnknownLanguage(lang) => {
                let message = format!("`{written}` has a text in `{lang}`, which is not a language of the site");
                let then = format!("the site's languages are {}", langs.all.join(", "));
                Diagnostic::error_at("unknown-language", src, key_range(src, key), message).did_you_mean(
                    &lang,
                    langs.all.iter().copied(),
                    then,
                )
            }
            Problem::NoDefault => {
                let message = format!(
                    "`{written}` gives a text per language but none in `{}`, the default language",
                    langs.default
                );
                Diagnostic::error_at("missing-text", src, key_range(src, key), message).with_hint(format!(
                    "add `{}: …`: a language without a text of its own shows the default language's",
                    langs.default
                ))
            }
        });
    }
    None
}

/// A shortcoming that is neither a text nor `text:` with `wcag:`.
fn shape_error(src: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let message = format!(
        "a shortcoming in `accessibility.shortcomings` is not a text: {}",
        crate::diagnostics::strip_yaml_location(&e.to_string())
    );
    let at = key_range(src, &["accessibility", "shortcomings"]);
    Diagnostic::error_at("invalid-shortcoming", src, at, message)
        .with_hint("write each as `- text: …` (once, or per language: `{ sv: …, en: … }`) with `wcag: [1.4.3]`")
}

/// The contact and the dates: each what it should be.
fn problems(src: &SourceFile, contact: Option<&str>, dates: &[Option<&str>; 2]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(contact) = contact
        && contact_problem(contact).is_some()
    {
        let at = key_range(src, &["accessibility", "contact"]);
        let message = format!("`accessibility.contact` must be an e-mail address or a web address, not `{contact}`");
        diags.push(
            Diagnostic::error_at("invalid-contact", src, at, message)
                .with_hint("e.g. `contact: webb@example.org` or `contact: https://example.org/kontakt`"),
        );
    }
    for (key, date) in ["assessed", "updated"].into_iter().zip(dates) {
        if let Some(date) = date
            && !crate::content::followup::is_iso_date(date)
        {
            let at = key_range(src, &["accessibility", key]);
            let message = format!("`accessibility.{key}` `{date}` is not a date");
            diags.push(
                Diagnostic::error_at("bad-date", src, at, message)
                    .with_hint(format!("write it as YYYY-MM-DD, e.g. `{key}: 2026-05-31`")),
            );
        }
    }
    diags
}

/// Every WCAG success criterion is written as one (`1.4.3`).
fn criteria(src: &SourceFile, shortcomings: &[Shortcoming]) -> Vec<Diagnostic> {
    let list = key_range(src, &["accessibility", "shortcomings"]);
    let wrong = shortcomings.iter().flat_map(|s| &s.wcag).filter(|c| !is_criterion(c));
    wrong
        .map(|c| {
            let at = src.text[list.end..]
                .find(c.as_str())
                .map_or(list.clone(), |i| list.end + i..list.end + i + c.len());
            Diagnostic::error_at(
                "bad-wcag-criterion",
                src,
                at,
                format!("`{c}` is not a WCAG success criterion"),
            )
            .with_hint("write the criterion's number, e.g. `wcag: [1.4.3, 2.4.7]`")
        })
        .collect()
}

/// `1.4.3`: principle 1–4, guideline and criterion numbers.
fn is_criterion(c: &str) -> bool {
    let parts: Vec<&str> = c.split('.').collect();
    parts.len() == 3
        && matches!(parts[0], "1" | "2" | "3" | "4")
        && parts[1..]
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0'))
}

/// What the statement still lacks that only the owner can say: warnings,
/// so that `check` says so until it is said.
pub(super) fn incomplete(src: &SourceFile, a: &Accessibility) -> Vec<Diagnostic> {
    let warn = |key: &str, message: String, hint: &str| {
        let at = key_range(src, &["accessibility", key]);
        let at = if at.is_empty() {
            key_range(src, &["accessibility"])
        } else {
            at
        };
        Diagnostic::at(Severity::Warning, STATEMENT_WARNING, src, at, message).with_hint(hint.to_string())
    };
    let placeholder = |message: String, hint: &str| {
        let at = key_range(src, &["accessibility", "contact"]);
        Diagnostic::at(Severity::Warning, "placeholder", src, at, message).with_hint(hint.to_string())
    };
    let mut out = Vec::new();
    if a.status.is_none() {
        out.push(warn("status", "the accessibility statement has no `accessibility.status`: it says the site has not been assessed".into(), "once you have assessed the site, set `status: full`, `partial` or `not` (DIGG's levels of compliance with the law 2018:1937)"));
    }
    if a.assessed.is_none() {
        out.push(warn("assessed", "the accessibility statement has no `accessibility.assessed` date".into(), "set the date of the last assessment, e.g. `assessed: 2026-05-31`, and who made it: `assessed_by: self` or the assessor's name"));
    }
    if matches!(a.status, Some(Compliance::Partial | Compliance::Not)) && a.shortcomings.is_empty() {
        out.push(warn(
            "shortcomings",
            "`accessibility.status` says the site is not fully compliant, but no `shortcomings` are listed".into(),
            "list each shortcoming with the WCAG criteria it fails: `- text: …` and `wcag: [1.4.3]`",
        ));
    }
    match contact_host(a.contact.as_deref()) {
        None => out.push(warn("contact", "the accessibility statement has no `accessibility.contact`: readers cannot report problems".into(), "set the e-mail address or web page readers report accessibility problems to, e.g. `contact: webb@example.org`")),
        Some(host) if is_placeholder_host(&host) => out.push(placeholder(format!("`accessibility.contact` `{}` is a placeholder: its host is reserved for examples", a.contact.as_deref().unwrap_or_default()), "set it to the address readers can report accessibility problems to; the accessibility statement shows it")),
        Some(_) => {}
    }
    out
}

/// The host of a contact address (`mailto:` or a web address).
fn contact_host(contact: Option<&str>) -> Option<String> {
    let contact = contact?;
    let host = match contact.strip_prefix("mailto:") {
        Some(mail) => Some(mail.rsplit('@').next().unwrap_or_default().to_string()),
        None => url::Url::parse(contact)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string)),
    };
    Some(host.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_are_numbers_of_wcag_success_criteria() {
        for good in ["1.1.1", "1.4.3", "2.4.11", "4.1.2"] {
            assert!(is_criterion(good), "{good}");
        }
        for bad in ["1.4", "5.1.1", "1.4.3.1", "1.04.3", "A.4.3", "", "1..3", "AA"] {
            assert!(!is_criterion(bad), "{bad}");
        }
    }
}
