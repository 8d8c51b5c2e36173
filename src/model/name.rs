//! A text given once or per language: a follow-up's `lead` and `partners`,
//! the organisation, the accessibility statement's items.

use super::Lang;
use std::collections::BTreeMap;

/// A name or text (who leads an action, a partner, the organisation): one for every
/// language (`Polisen`), or one per language (`sv: Polisen`, `en: the
/// Swedish Police Authority`), where a language not given shows the
/// default language's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    /// The name in the default language (or in every language).
    pub default: String,
    /// The names given per language, the default language's included.
    pub by_lang: BTreeMap<Lang, String>,
}

impl Name {
    /// One name for every language.
    pub fn one(name: impl Into<String>) -> Name {
        Name {
            default: name.into(),
            by_lang: BTreeMap::new(),
        }
    }

    /// The name in `lang`.
    pub fn get(&self, lang: &str) -> &str {
        self.by_lang.get(lang).unwrap_or(&self.default)
    }
}
