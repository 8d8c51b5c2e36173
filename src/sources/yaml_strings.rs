//! Strings in YAML files: how the commands that write content quote one
//! ([`quoted`]), and the rule against unusual characters, applied to every
//! string of a YAML file once its escapes are read (`"\u0007"` looks clean
//! as text).

use super::unusual_character;
use crate::diagnostics::{Diagnostic, SourceFile};

/// `text` as a double-quoted YAML string: `"` and `\` escaped, and any
/// control character (a JSON string is a YAML one). The one way `init`,
/// `new` and `follow-up pin` write a string a person gave.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// Every unusual character of the YAML file `src`, written as it is or as
/// an escape. Only a file with a `\` can hold an escape, so only such a
/// file is read a second time, as a document.
pub fn unusual_in_yaml_file(src: &SourceFile) -> Vec<Diagnostic> {
    let written = super::unusual_characters(src);
    if !written.is_empty() || !src.text.contains('\\') {
        return written;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(&src.text) {
        Ok(value) => unusual_in_yaml(src, 0..src.text.len(), &value),
        Err(_) => Vec::new(), // reported where the file is read
    }
}

/// Every string of a YAML document (`value`, parsed from `within` of `src`:
/// a whole file, or a plan's front matter) that holds an unusual character
/// once its escapes are read (`"\u0007"`, `"\x1b"`, `"\u202e"`): one error
/// per string, at the key it is under. The raw text may look clean.
fn unusual_in_yaml(src: &SourceFile, within: std::ops::Range<usize>, value: &serde_yaml::Value) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk_yaml(value, &mut Vec::new(), &mut found);
    found
        .into_iter()
        .map(|(path, c)| {
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            let at = (1..=keys.len())
                .rev()
                .find_map(|n| crate::diagnostics::yaml::key(src, within.clone(), &keys[..n]))
                .unwrap_or(within.start..within.start);
            let what = unusual_character(c).unwrap_or_default();
            let key = keys.join(".");
            Diagnostic::error_at(
                "unusual-character",
                src,
                at,
                format!("`{key}` holds {what} (U+{:04X})", c as u32),
            )
            .with_hint("remove the escape that makes it (such as `\\u0007` in double quotes)")
        })
        .collect()
}

/// The key path of every string under `value` with an unusual character.
fn walk_yaml(value: &serde_yaml::Value, path: &mut Vec<String>, found: &mut Vec<(Vec<String>, char)>) {
    use serde_yaml::Value;
    let unusual = |text: &str| text.chars().find(|&c| unusual_character(c).is_some());
    match value {
        Value::String(text) => found.extend(unusual(text).map(|c| (path.clone(), c))),
        Value::Sequence(items) => items.iter().for_each(|item| walk_yaml(item, path, found)),
        Value::Mapping(map) => {
            for (key, item) in map {
                let name = match key {
                    Value::String(k) => k.clone(),
                    other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
                };
                if let Some(c) = unusual(&name) {
                    found.push((path.clone(), c));
                }
                path.push(name);
                walk_yaml(item, path, found);
                path.pop();
            }
        }
        Value::Tagged(tagged) => walk_yaml(&tagged.value, path, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn a_quoted_string_reads_back_as_it_was_given() {
        let table = [
            "Plantera träd",
            "Kommun: \"Norr\"",
            r"C:\mappar\plan",
            "en\\\"blandning",
            "rad ett\nrad två\ttab",
            "# inte en kommentar",
            "- inte en lista",
            "",
        ];
        for text in table {
            let yaml = format!("text: {}\n", quoted(text));
            let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(value["text"].as_str(), Some(text), "{yaml}");
        }
    }
}
