//! Texts given once or per language (a follow-up entry's `lead` and
//! `partners`, `site.yaml`'s `organisation` and accessibility statement):
//! one for every language (`Polisen`), or one per language (`sv: Polisen`,
//! `en: the Swedish Police Authority`), each language one of the site's and
//! the default language's text given, since the others fall back to it. A
//! pure decision; the caller places its problems.

use crate::model::Name;
use std::collections::BTreeMap;

/// A name as written.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(untagged)]
pub(crate) enum RawName {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

impl RawName {
    /// Every text it holds.
    pub fn texts(&self) -> Vec<&String> {
        match self {
            RawName::One(text) => vec![text],
            RawName::PerLanguage(names) => names.values().collect(),
        }
    }
}

/// What is wrong with a name given per language.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A language the site does not have.
    UnknownLanguage(String),
    /// None in the default language, which the others fall back to.
    NoDefault,
}

/// `raw` as a name for a site whose default language is `default` and whose
/// languages are those `is_language` accepts: `None` when it is empty; the
/// problems when it is given per language and any is wrong.
pub(crate) fn name(
    raw: RawName,
    default: &str,
    is_language: impl Fn(&str) -> bool,
) -> Result<Option<Name>, Vec<Problem>> {
    let names = match raw {
        RawName::One(text) => return Ok(trimmed(text).map(Name::one)),
        RawName::PerLanguage(names) => names,
    };
    let mut problems = Vec::new();
    let mut by_lang = BTreeMap::new();
    for (lang, text) in names {
        match is_language(&lang) {
            true => by_lang.extend(trimmed(text).map(|t| (lang, t))),
            false => problems.push(Problem::UnknownLanguage(lang)),
        }
    }
    let default = by_lang.get(default).cloned();
    if default.is_none() {
        problems.push(Problem::NoDefault);
    }
    match (default, problems.is_empty()) {
        (Some(default), true) => Ok(Some(Name { default, by_lang })),
        _ => Err(problems),
    }
}

/// `text` without surrounding white space, unless nothing is left.
fn trimmed(text: String) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_per_language_needs_the_default_languages_and_known_languages() {
        let per = |pairs: &[(&str, &str)]| {
            RawName::PerLanguage(pairs.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect())
        };
        let got = |raw| {
            name(raw, "sv", |l| ["sv", "en"].contains(&l))
                .map(|n| n.map(|n| (n.get("sv").to_string(), n.get("en").to_string())))
        };
        let both = |sv: &str, en: &str| Ok(Some((sv.to_string(), en.to_string())));
        assert_eq!(got(RawName::One(" Polisen ".into())), both("Polisen", "Polisen"));
        assert_eq!(got(RawName::One("  ".into())), Ok(None));
        assert_eq!(
            got(per(&[("sv", "Polisen"), ("en", "the Police")])),
            both("Polisen", "the Police")
        );
        assert_eq!(got(per(&[("sv", "Polisen")])), both("Polisen", "Polisen"));
        assert_eq!(got(per(&[("en", "the Police")])), Err(vec![Problem::NoDefault]));
        assert_eq!(
            got(per(&[("sv", "Polisen"), ("de", "Polizei")])),
            Err(vec![Problem::UnknownLanguage("de".into())])
        );
    }
}
