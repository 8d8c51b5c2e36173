//! A value per language, for the few languages a site has: a sorted list
//! rather than a `BTreeMap`, whose smallest node holds room for eleven
//! entries — a follow-up entry's notes in two languages took 1 KB that way,
//! the largest part of an archive's memory. The codes are kept inline
//! ([`LangCode`]): a `String` each was two heap blocks more per entry.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A language code as a map key: inline, no heap block of its own.
pub type LangCode = compact_str::CompactString;

/// Values by language code, in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangMap<V>(Vec<(LangCode, V)>);

impl<V> Default for LangMap<V> {
    fn default() -> Self {
        LangMap(Vec::new())
    }
}

impl<V> LangMap<V> {
    /// The value for `lang`, if there is one.
    pub fn get(&self, lang: &str) -> Option<&V> {
        let i = self.0.binary_search_by(|(l, _)| l.as_str().cmp(lang)).ok()?;
        Some(&self.0[i].1)
    }

    /// The text for `lang`, if there is one (values that are text: a
    /// note's HTML, a language code).
    pub fn text(&self, lang: &str) -> Option<&str>
    where
        V: AsRef<str>,
    {
        self.get(lang).map(AsRef::as_ref)
    }

    pub fn contains_key(&self, lang: &str) -> bool {
        self.get(lang).is_some()
    }

    /// Set the value for `lang`, replacing any it had.
    pub fn insert(&mut self, lang: &str, value: V) {
        match self.0.binary_search_by(|(l, _)| l.as_str().cmp(lang)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (LangCode::new(lang), value)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// (language, value) in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(l, v)| (l.as_str(), v))
    }

    /// No room kept for more: an entry's notes stay as small as they are.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl<V> std::ops::Index<&str> for LangMap<V> {
    type Output = V;
    fn index(&self, lang: &str) -> &V {
        self.get(lang)
            .unwrap_or_else(|| panic!("no value for language `{lang}`"))
    }
}

impl<V: Serialize> Serialize for LangMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (lang, value) in &self.0 {
            map.serialize_entry(lang.as_str(), value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_language_in_code_order() {
        let mut m = LangMap::default();
        m.insert("sv", 1);
        m.insert("en", 2);
        m.insert("sv", 3);
        assert_eq!((m.get("sv"), m.get("en"), m.get("de")), (Some(&3), Some(&2), None));
        let mut notes = LangMap::default();
        notes.insert("sv", Box::<str>::from("<p>Hej</p>"));
        assert_eq!((notes.text("sv"), notes.text("en")), (Some("<p>Hej</p>"), None));
        assert_eq!(
            m.iter().map(|(l, v)| (l, *v)).collect::<Vec<_>>(),
            [("en", 2), ("sv", 3)]
        );
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"en":2,"sv":3}"#);
        assert!(m.contains_key("en") && !m.is_empty() && m.len() == 2);
    }

    #[test]
    fn codes_take_no_heap_block() {
        let mut m = LangMap::default();
        for code in ["sv", "en", "se-FI", "zh-Hant-TW"] {
            m.insert(code, ());
        }
        assert!(m.0.iter().all(|(code, _)| !code.is_heap_allocated()));
    }
}
