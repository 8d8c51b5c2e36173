//! The theme's UI strings (`i18n/<lang>.yaml`): one flat map per language,
//! with the same keys in every language.

use super::{Strings, ThemeFile};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Status, StatusWords};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The theme's words for the statuses (`status_done: Klar`) in every one of
/// `languages`, from the site's `themes/<name>/i18n/<lang>.yaml` or else the
/// built-in file, added to the keywords. A file that cannot be read adds
/// nothing: loading the theme reports it.
///
/// ```
/// let words = handlingsplan::theme::status_words(std::path::Path::new("/nowhere"), "default", &["sv", "en"]);
/// assert_eq!(words.find("pågår"), Some(handlingsplan::model::Status::Ongoing));
/// assert_eq!(words.find("Done"), Some(handlingsplan::model::Status::Done));
/// ```
pub fn status_words(root: &Path, name: &str, languages: &[&str]) -> StatusWords {
    let mut words = StatusWords::default();
    for lang in languages {
        let rel = format!("i18n/{lang}.yaml");
        let own = crate::fs_utils::read(&root.join("themes").join(name).join(&rel)).ok();
        let bytes = own.as_deref().or_else(|| super::builtin(&rel)).unwrap_or_default();
        let strings = match super::builtin_strings(&rel, bytes) {
            Some(pairs) => to_strings(pairs.iter().filter(|(k, _)| k.starts_with("status_"))),
            None => {
                // Only the `status_*` lines are parsed: the file is a flat
                // `key: text` map, and parsing all of it here would double
                // what loading the theme costs a small site.
                let text = String::from_utf8_lossy(bytes);
                let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("status_")).collect();
                let Ok(strings) = serde_yaml::from_str::<Strings>(&lines.join("\n")) else {
                    continue;
                };
                strings
            }
        };
        for status in Status::ALL {
            if let Some(word) = strings.get(status.label_key()) {
                words.add(word, status);
            }
        }
    }
    words
}

/// UI strings from the built-in theme's table.
fn to_strings<'a>(pairs: impl IntoIterator<Item = &'a (&'static str, &'static str)>) -> Strings {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

pub(super) fn load(
    theme: &str,
    files: &BTreeMap<String, &ThemeFile>,
    languages: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Strings> {
    let mut out = BTreeMap::new();
    for lang in languages {
        let Some(file) = files.get(*lang) else {
            diags.push(
                Diagnostic::error(
                    "missing-ui-strings",
                    format!("themes/{theme}/i18n/{lang}.yaml"),
                    format!("the theme has no UI strings for language `{lang}`"),
                )
                .with_hint(format!(
                    "copy another language's file to `themes/{theme}/i18n/{lang}.yaml` and translate its values"
                )),
            );
            continue;
        };
        if let Some(pairs) = super::builtin_strings(&format!("i18n/{lang}.yaml"), &file.bytes) {
            out.insert(lang.to_string(), to_strings(pairs));
            continue;
        }
        let text = String::from_utf8_lossy(&file.bytes);
        let src = SourceFile::new(file.display.clone(), text.as_ref());
        match serde_yaml::from_str::<Strings>(&text) {
            Ok(map) => {
                diags.extend(crate::sources::unusual_in_yaml_file(&src));
                out.insert(lang.to_string(), map);
            }
            Err(e) => {
                let at = e.location().map_or(0, |l| l.index());
                diags.push(
                    Diagnostic::error_at(
                        "invalid-ui-strings",
                        &src,
                        at..at + 1,
                        format!(
                            "UI strings are not a flat `key: text` map: {}",
                            crate::diagnostics::strip_yaml_location(&e.to_string())
                        ),
                    )
                    .with_hint("each line is `key: text`; quote texts that contain `: `"),
                );
            }
        }
    }
    check_same_keys(theme, &out, diags);
    out
}

/// Every language must have every key that any other language has.
fn check_same_keys(theme: &str, all: &BTreeMap<String, Strings>, diags: &mut Vec<Diagnostic>) {
    for (lang, strings) in all {
        for (other, other_strings) in all {
            let missing: Vec<&str> = other_strings
                .keys()
                .filter(|k| !strings.contains_key(*k))
                .map(String::as_str)
                .collect();
            if lang != other && !missing.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "missing-ui-string",
                        format!("themes/{theme}/i18n/{lang}.yaml"),
                        format!(
                            "UI strings for `{lang}` lack keys that `{other}` has: {}",
                            missing.join(", ")
                        ),
                    )
                    .with_hint(format!("add them with their `{lang}` text")),
                );
            }
        }
    }
}

/// A warning for each language whose UI strings the built-in theme does
/// not have and which are still mostly its English ones (the copy `init`
/// writes to translate).
pub fn untranslated(theme: &str, all: &BTreeMap<String, Strings>) -> Vec<Diagnostic> {
    let built_in = |lang: &str| super::builtin(&format!("i18n/{lang}.yaml"));
    let foreign: Vec<(&String, &Strings)> = all.iter().filter(|(lang, _)| built_in(lang).is_none()).collect();
    if foreign.is_empty() {
        return Vec::new();
    }
    // The built-in English strings, in key order.
    let Some(english) = super::builtin_table("i18n/en.yaml") else {
        return Vec::new();
    };
    let in_english = |k: &str| {
        english
            .binary_search_by(|(key, _)| (*key).cmp(k))
            .ok()
            .map(|i| english[i].1)
    };
    let mut out = Vec::new();
    for (lang, strings) in foreign {
        let same = strings
            .iter()
            .filter(|(k, v)| k.as_str() != "locale" && in_english(k) == Some(v.as_str()))
            .count();
        if same * 2 > strings.len() {
            let message = format!(
                "the UI strings for `{lang}` are still English: {same} of {} are the English ones",
                strings.len()
            );
            out.push(
                Diagnostic::warning(
                    "untranslated-ui-strings",
                    format!("themes/{theme}/i18n/{lang}.yaml"),
                    message,
                )
                .with_hint("translate the values (keep the keys): readers of this language see them on every page"),
            );
        }
    }
    out
}

/// `iso` (`2022-09-30`) in words, as the UI strings `date_long` (`{day}
/// {month} {year}`) and `months` (twelve names, comma-separated) write it:
/// "30 september 2022". As written when it is no date or the theme has no
/// such strings.
pub fn long_date(strings: Option<&Strings>, iso: &str) -> String {
    let text = |key: &str| strings.and_then(|s| s.get(key)).map(String::as_str);
    date_in_words(text("date_long"), text("months"), iso)
}

/// [`long_date`] with the two UI strings as they are found (in a
/// template's `t`, for the `long_date` filter).
pub fn date_in_words(pattern: Option<&str>, months: Option<&str>, iso: &str) -> String {
    let words = || {
        let (pattern, months) = (pattern?, months?);
        let (year, rest) = iso.split_once('-')?;
        let (month, day) = rest.split_once('-')?;
        let (month, day): (usize, u8) = (month.parse().ok()?, day.parse().ok()?);
        let name = nth_of(months, month.checked_sub(1)?)?.trim();
        Some(fill(pattern, &[("{day}", &day), ("{month}", &name), ("{year}", &year)]))
    };
    words().unwrap_or_else(|| iso.to_string())
}

/// `pattern` with each placeholder of `values` (`{day}`) written as its
/// value, in one pass; any other `{` is kept as written. A page fills
/// thousands of these (dates, "4 of 30 done"): nothing is allocated but
/// the result.
pub fn fill(pattern: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(i) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match values.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, value)) => {
                write!(out, "{value}").expect("writing to a string cannot fail");
                rest = &rest[name.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `n`th (from 0) of the comma-separated `list`, by bytes: found for
/// every date a page shows.
fn nth_of(list: &str, n: usize) -> Option<&str> {
    let ends = memchr::memchr_iter(b',', list.as_bytes()).chain([list.len()]);
    let mut start = 0;
    for (i, end) in ends.enumerate() {
        if i == n {
            return Some(&list[start..end]);
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn dates_in_words() {
        let strings = |pattern: &str, months: &str| {
            Strings::from([
                ("date_long".to_string(), pattern.to_string()),
                ("months".to_string(), months.to_string()),
            ])
        };
        let sv = strings(
            "{day} {month} {year}",
            "januari, februari, mars, april, maj, juni, juli, augusti, september, oktober, november, december",
        );
        let en = strings(
            "{day} {month} {year}",
            "January,February,March,April,May,June,July,August,September,October,November,December",
        );
        // Another order, and a brace that is no placeholder, kept as written.
        let us = strings(
            "{month} {day}, {year} {x}",
            "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
        );
        let cases = [
            (Some(&us), "2022-09-05", "Sep 5, 2022 {x}"),
            (Some(&us), "2022-00-05", "2022-00-05"),
            (Some(&sv), "2022-09-30", "30 september 2022"),
            (Some(&sv), "2026-01-05", "5 januari 2026"),
            (Some(&en), "2022-12-31", "31 December 2022"),
            (Some(&en), "2022-13-01", "2022-13-01"),
            (Some(&en), "30 Sep", "30 Sep"),
            (None, "2022-09-30", "2022-09-30"),
        ];
        for (strings, iso, want) in cases {
            assert_eq!(long_date(strings, iso), want, "{iso}");
        }
        for (list, n, want) in [
            ("a,b,,c", 0, Some("a")),
            ("a,b,,c", 2, Some("")),
            ("a,b,,c", 3, Some("c")),
        ] {
            assert_eq!(nth_of(list, n), want);
        }
        for (list, n) in [("a,b", 2), ("", 1)] {
            assert_eq!(nth_of(list, n), None);
        }
    }

    fn file(text: &'static str) -> ThemeFile {
        ThemeFile {
            display: "themes/t/i18n/x.yaml".into(),
            bytes: Cow::Borrowed(text.as_bytes()),
        }
    }

    #[test]
    fn the_built_in_languages_have_the_same_keys() {
        let keys = |lang: &str| -> Vec<String> {
            let (_, bytes) = super::super::embedded_files()
                .iter()
                .find(|(p, _)| *p == format!("i18n/{lang}.yaml"))
                .unwrap();
            let map: Strings = serde_yaml::from_slice(bytes).unwrap();
            map.into_keys().collect()
        };
        assert!(keys("sv").len() > 10);
        assert_eq!(keys("sv"), keys("en"));
    }

    /// The built-in files' table, parsed when the binary was built, is what
    /// parsing them now gives, and they are clean: loading skips both for them.
    #[test]
    fn the_built_in_strings_are_parsed_when_the_binary_is_built() {
        for lang in ["sv", "en"] {
            let rel = format!("i18n/{lang}.yaml");
            let bytes = super::super::builtin(&rel).unwrap();
            let parsed: Strings = serde_yaml::from_slice(bytes).unwrap();
            let table = super::super::builtin_strings(&rel, bytes).unwrap();
            assert_eq!(to_strings(table), parsed, "{rel}");
            assert!(
                table.windows(2).all(|w| w[0].0 < w[1].0),
                "{rel}: in key order, to be searched"
            );
            let src = SourceFile::new(rel.clone(), std::str::from_utf8(bytes).unwrap());
            assert!(crate::sources::unusual_in_yaml_file(&src).is_empty(), "{rel}");
            // A theme's own copy that differs by one byte is parsed itself.
            let mut changed = bytes.to_vec();
            changed.extend(b"extra: Extra\n");
            assert!(super::super::builtin_strings(&rel, &changed).is_none());
            let own = ThemeFile {
                display: format!("themes/t/{rel}"),
                bytes: Cow::Owned(changed),
            };
            let mut diags = Vec::new();
            let loaded = load("t", &BTreeMap::from([(lang.to_string(), &own)]), &[lang], &mut diags);
            assert_eq!(loaded[lang]["extra"], "Extra");
            assert_eq!(loaded[lang].len(), parsed.len() + 1);
        }
    }

    #[test]
    fn missing_keys_and_languages_are_errors() {
        let (sv, en) = (file("a: A\nb: B\n"), file("a: A\n"));
        let files = BTreeMap::from([("sv".to_string(), &sv), ("en".to_string(), &en)]);
        let mut diags = Vec::new();
        load("t", &files, &["sv", "en", "de"], &mut diags);
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.file.as_str())).collect();
        assert_eq!(
            codes,
            [
                ("missing-ui-strings", "themes/t/i18n/de.yaml"),
                ("missing-ui-string", "themes/t/i18n/en.yaml")
            ]
        );
        assert!(diags[1].message.ends_with(": b"), "{}", diags[1].message);
    }

    #[test]
    fn a_nested_map_is_an_error() {
        let sv = file("a:\n  b: c\n");
        let files = BTreeMap::from([("sv".to_string(), &sv)]);
        let mut diags = Vec::new();
        load("t", &files, &["sv"], &mut diags);
        assert_eq!(diags[0].code, "invalid-ui-strings");
        assert_eq!(diags[0].line, 2);
    }
}
