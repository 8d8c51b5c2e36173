//! Names in a follow-up entry (`lead`, `partners`): one for every language
//! (`Polisen`), or one per language (`sv: Polisen`, `en: the Swedish Police
//! Authority`), each language one of the site's and the default language's
//! name given, since the others fall back to it.

use super::entry::Entry;
use crate::diagnostics::{Diagnostic, yaml};
use crate::model::Name;
use std::collections::BTreeMap;

/// A name as written.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(untagged)]
pub(super) enum RawName {
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

/// `text` without surrounding white space, unless nothing is left.
pub(super) fn trimmed(text: String) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl Entry<'_> {
    /// `raw`, written under `key` (`lead` or `partners`), as a name; `None`
    /// when it is empty, or wrong (said in `diags`).
    pub(super) fn name(&self, key: &str, raw: RawName, diags: &mut Vec<Diagnostic>) -> Option<Name> {
        let names = match raw {
            RawName::One(text) => return trimmed(text).map(Name::one),
            RawName::PerLanguage(names) => names,
        };
        let mut by_lang = BTreeMap::new();
        for (lang, text) in names {
            if self.config.language(&lang).is_some() {
                by_lang.extend(trimmed(text).map(|t| (lang, t)));
                continue;
            }
            let at = yaml::key(self.src, self.block.clone(), &[self.anchor, key, &lang]).unwrap_or(self.at(key));
            let message = format!(
                "`{key}` of `{}` names `{lang}`, which is not a language of this site",
                self.anchor
            );
            let codes = self.config.language_codes();
            let then = format!("the site's languages are {}", codes.join(", "));
            diags
                .push(Diagnostic::error_at("unknown-language", self.src, at, message).did_you_mean(&lang, codes, then));
        }
        let default_lang = self.config.default_language.as_str();
        let Some(default) = by_lang.get(default_lang).cloned() else {
            let message = format!(
                "`{key}` of `{}` gives a name per language but none in `{default_lang}`, the default language",
                self.anchor
            );
            let d = Diagnostic::error_at("missing-name", self.src, self.at(key), message);
            diags.push(d.with_hint(format!(
                "add `{default_lang}: …`: a language without a name of its own shows the default language's"
            )));
            return None;
        };
        Some(Name { default, by_lang })
    }
}
