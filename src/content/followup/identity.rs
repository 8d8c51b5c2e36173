//! Which action a follow-up entry was written for. An entry is keyed by
//! the action's anchor (`innovation-2`, or its id `scaleup`), and says in
//! words a person can check which action that was: `text:`, the start of
//! the action's text in the default language. When the plan is revised and
//! the action at the key is another one, the entry is not silently moved
//! onto it.

use crate::model::Action;
use std::borrow::Cow;

/// How many words of an action's text [`pin_text`] keeps.
const PIN_WORDS: usize = 8;

/// The share of an entry's words that must be found at the start of the
/// action's text: one word in five may be changed by a wording fix.
const SAME_ACTION: f64 = 0.6;

/// What an entry's `text:` says about the action now at its key.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// The action at the key is the one the entry was written for.
    Same,
    /// Another action of the plan is that one now: its anchor.
    Moved(&'a str),
    /// No action of the plan is that one any more.
    Gone,
}

/// Compare `written` (an entry's `text:`) with the action at its key and,
/// if that is another action, find where the entry's action is now.
pub fn verdict<'a>(written: &str, at_key: &Action, actions: &[&'a Action]) -> Verdict<'a> {
    if written_as_is(written, &at_key.text) {
        return Verdict::Same;
    }
    let words: Vec<Cow<str>> = folded(written).collect();
    if score(&words, &at_key.text) >= SAME_ACTION {
        return Verdict::Same;
    }
    let best = actions
        .iter()
        .map(|a| (score(&words, &a.text), *a))
        .filter(|(s, _)| *s >= SAME_ACTION)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, action)) => Verdict::Moved(&action.anchor),
        None => Verdict::Gone,
    }
}

/// Is `written` the action's `text` as it stands, whole or as [`pin_text`]
/// writes its start? Then every word is found and the verdict is
/// [`Verdict::Same`] without folding a word: most entries are written so.
fn written_as_is(written: &str, text: &str) -> bool {
    let written = written.trim();
    let whole = written == text.trim();
    let start = written.strip_suffix(" …").is_some_and(|start| {
        let rest = text.trim_start().strip_prefix(start);
        rest.is_some_and(|rest| rest.starts_with(char::is_whitespace))
    });
    (whole || start) && folded(written).next().is_some()
}

/// What `text:` says for an action: the start of its text (its first
/// words, and `…` when there are more).
pub fn pin_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= PIN_WORDS + 2 {
        return words.join(" ");
    }
    format!("{} …", words[..PIN_WORDS].join(" "))
}

/// The share of `words` (an entry's) found among the first words of `text`
/// (the action's). 0 when the entry has no words.
fn score(words: &[Cow<str>], text: &str) -> f64 {
    if words.is_empty() {
        return 0.0;
    }
    // Only the first words of the action are folded (an action can be long).
    let start: Vec<Cow<str>> = folded(text).take(words.len() + 3).collect();
    let found = words.iter().filter(|w| start.contains(w)).count();
    found as f64 / words.len() as f64
}

/// The words of `text`, folded: lowercase, without punctuation or quotation
/// marks (straight or typographic), and without a closing `…`. A word
/// already in lowercase ASCII is borrowed.
fn folded(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let text = text.trim_end().trim_end_matches(['…', '.']);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            true => Cow::Owned(w.to_lowercase()),
            false => Cow::Borrowed(w),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Action;

    fn action(anchor: &str, text: &str) -> Action {
        Action::sample(anchor, text)
    }

    #[test]
    fn the_same_action_survives_small_changes_and_another_one_does_not() {
        let scaleup = action("innovation-2", "Arbeta med Scaleup tillsammans med forskarparker");
        let cases = [
            ("Arbeta med Scaleup tillsammans med forskarparker", true),
            ("Arbeta med Scaleup …", true),
            ("arbeta  med scaleup\ttillsammans", true),
            ("”Arbeta” med Scaleup tillsammans...", true),
            ("Arbeta med Scaleup tillsammans med forskningsparker", true),
            ("Skapa en arbetsgrupp för att beskriva företagens processer", false),
            ("Arbeta", true),
            ("Arbetsgrupp", false),
            ("", false),
        ];
        for (written, same) in cases {
            assert_eq!(verdict(written, &scaleup, &[]) == Verdict::Same, same, "{written:?}");
        }
    }

    #[test]
    fn an_action_that_moved_is_found_where_it_is_now() {
        let new_first = action("innovation-1", "Starta ett nytt innovationsnätverk");
        let group = action(
            "innovation-2",
            "Skapa en arbetsgrupp för att beskriva företagens processer",
        );
        let scaleup = action("innovation-3", "Arbeta med Scaleup tillsammans med forskarparker");
        let all = [&new_first, &group, &scaleup];
        assert_eq!(
            verdict("Arbeta med Scaleup …", &group, &all),
            Verdict::Moved("innovation-3")
        );
        assert_eq!(verdict("Ordna ett seminarium om export", &group, &all), Verdict::Gone);
    }

    #[test]
    fn text_written_as_is_is_found_whole_without_folding() {
        let text = "Skapa en arbetsgrupp för att beskriva Företagens processer och behov avseende innovation.";
        let cases = [
            (text, true),
            (
                "  Skapa en arbetsgrupp för att beskriva Företagens processer och behov avseende innovation. ",
                true,
            ),
            ("Skapa en arbetsgrupp för att beskriva Företagens processer …", true),
            (
                "Skapa en arbetsgrupp för att beskriva Företagens processer och behov avseende innovation. …",
                false,
            ),
            ("Skapa en arbetsgru …", false),
            ("Skapa en arbetsgrupp för att beskriva företagens processer …", false),
            ("Skapa  en arbetsgrupp …", false),
            ("…", false),
            ("", false),
        ];
        for (written, as_is) in cases {
            assert_eq!(written_as_is(written, text), as_is, "{written:?}");
            if as_is {
                let words: Vec<Cow<str>> = folded(written).collect();
                assert_eq!(score(&words, text), 1.0, "{written:?}: the fast path must agree");
            }
        }
        assert!(!written_as_is("", ""), "no words: the verdict is not Same");
        assert!(!written_as_is(" … ", "…"));
    }

    #[test]
    fn the_pinned_text_is_the_start_of_the_action() {
        assert_eq!(pin_text("Kort  text"), "Kort text");
        assert_eq!(
            pin_text("Skapa en arbetsgrupp för att beskriva företagens processer och behov avseende innovation"),
            "Skapa en arbetsgrupp för att beskriva företagens processer …"
        );
        let pinned =
            pin_text("Skapa en arbetsgrupp för att beskriva företagens processer och behov avseende innovation");
        let action = action(
            "a-1",
            "Skapa en arbetsgrupp för att beskriva företagens processer och behov avseende innovation",
        );
        assert_eq!(verdict(&pinned, &action, &[]), Verdict::Same);
    }
}
