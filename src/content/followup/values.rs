//! A follow-up entry's values as an action owner writes them, read without
//! giving up at the first mistake: each value that cannot be read is said
//! in plain words ("a whole number from 0 to 100, without %"), never in the
//! words of the parser's types.

use serde_yaml::Value;

/// A text value: strings, and numbers or booleans as written.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What is wrong with a `progress:` value, as (what it is, a hint); or the number.
pub fn progress(v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n.as_i64().ok_or_else(|| match n.as_f64() {
            Some(f) => format!("write a whole number, e.g. `progress: {}`", f.round()),
            None => "write a whole number from 0 to 100".into(),
        }),
        Value::String(s) => {
            let number = s.trim().trim_end_matches('%').trim();
            match number.parse::<i64>() {
                Ok(n) if s.contains('%') => Err(format!("write it without %: `progress: {n}`")),
                _ => Err("write a whole number from 0 to 100, e.g. `progress: 40`".into()),
            }
        }
        _ => Err("write a whole number from 0 to 100, e.g. `progress: 40`".into()),
    }
}

/// A value as the editor wrote it, for a message: "`40%`", "a list".
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) => format!("`{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a set of `key: value` lines".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

/// What a key's value is to be, in words.
pub fn expected(key: &str) -> &'static str {
    match key {
        "progress" => "a whole number from 0 to 100, without %",
        "partners" => {
            "a list, e.g. `[Polisen, Länsstyrelsen]`; a partner may be named per language: `{sv: Polisen, en: the Swedish Police Authority}`"
        }
        "lead" => "a name, or one per language (`sv: …` and `en: …` indented under `lead:`)",
        "note" => "one line per language, e.g. `sv: …` and `en: …` indented under `note:`",
        "updated" | "due" => "a date, YYYY-MM-DD",
        "status" => "a status word",
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn progress_is_a_whole_number_and_the_mistakes_say_how_to_write_it() {
        assert_eq!(progress(&yaml("40")), Ok(40));
        assert_eq!(progress(&yaml("40%")), Err("write it without %: `progress: 40`".into()));
        assert_eq!(
            progress(&yaml("\"40 %\"")),
            Err("write it without %: `progress: 40`".into())
        );
        assert_eq!(
            progress(&yaml("40.6")),
            Err("write a whole number, e.g. `progress: 41`".into())
        );
        assert!(progress(&yaml("mycket")).unwrap_err().contains("from 0 to 100"));
        assert!(progress(&yaml("[1]")).is_err());
    }

    #[test]
    fn values_are_described_as_written_never_by_type_name() {
        assert_eq!(describe(&yaml("40%")), "`40%`");
        assert_eq!(describe(&yaml("[a, b]")), "a list");
        assert_eq!(describe(&yaml("{a: b}")), "a set of `key: value` lines");
        assert_eq!(describe(&yaml("~")), "empty");
        assert_eq!(text(&yaml("2022")), Some("2022".into()));
        assert_eq!(text(&yaml("[a]")), None);
    }
}
