//! The words a status may be written with: the keywords (`done`) and the
//! theme's own words for them in every language of the site (`Klar`,
//! `Pågår`, `Done`), matched without regard to case, so that an action
//! owner writes a status the way the site shows it.

use super::Status;

/// Every word for every status, in the order added: the keywords first.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusWords {
    words: Vec<(String, Status)>,
}

impl Default for StatusWords {
    /// The keywords only.
    fn default() -> Self {
        StatusWords {
            words: Status::ALL.iter().map(|s| (s.as_str().to_string(), *s)).collect(),
        }
    }
}

impl StatusWords {
    /// Add `word` (a UI string) for `status`, unless it is there already.
    pub fn add(&mut self, word: &str, status: Status) {
        let word = word.trim();
        if !word.is_empty() && self.find(word).is_none() {
            self.words.push((word.to_string(), status));
        }
    }

    /// The status `written` names: a keyword or a word of the theme, in any case.
    pub fn find(&self, written: &str) -> Option<Status> {
        let written = written.trim().to_lowercase();
        (self.words.iter())
            .find(|(word, _)| word.to_lowercase() == written)
            .map(|&(_, status)| status)
    }

    /// Every word, as written in the theme, for suggestions.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(word, _)| word.as_str())
    }

    /// The words other than the keywords, as "Klar, Pågår, …", for hints.
    pub fn own_words(&self) -> Vec<&str> {
        self.words
            .iter()
            .skip(Status::ALL.len())
            .map(|(w, _)| w.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_found_by_its_keyword_or_its_word_in_any_case() {
        let mut words = StatusWords::default();
        words.add("Klar", Status::Done);
        words.add("Pågår", Status::Ongoing);
        words.add("Done", Status::Done);
        let cases = [
            ("done", Some(Status::Done)),
            ("Klar", Some(Status::Done)),
            ("klar", Some(Status::Done)),
            (" PÅGÅR ", Some(Status::Ongoing)),
            ("pågår", Some(Status::Ongoing)),
            ("Ongoing", Some(Status::Ongoing)),
            ("klar?", None),
            ("", None),
        ];
        for (written, want) in cases {
            assert_eq!(words.find(written), want, "{written:?}");
        }
        // `Done` is the keyword already: added once.
        assert_eq!(words.own_words(), ["Klar", "Pågår"]);
    }
}
