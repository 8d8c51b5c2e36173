//! Tera errors → diagnostics that point at the template's file:line:col.

use crate::diagnostics::{Diagnostic, SourceFile};
use std::collections::HashMap;
use std::error::Error as _;

/// Convert a Tera error; `sources` maps template names to their text.
pub fn template_error(e: &tera::Error, sources: &HashMap<String, SourceFile>) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => e.to_string(),
    };
    let mut cause = e.source();
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    let readme = "see themes/README.md for the variables and functions a template can use";
    let (message, hint) = match undefined(&message) {
        Some(name) => (name.message(), name.hint(readme)),
        None => (message, readme.to_string()),
    };
    match report.and_then(|r| sources.get(r.filename()).map(|s| (r, s))) {
        Some((r, src)) => Diagnostic::error_at("template-error", src, r.span().range.clone(), message).with_hint(hint),
        None => {
            let file = report.map_or("themes", |r| r.filename());
            Diagnostic::error("template-error", file, message).with_hint(hint)
        }
    }
}

/// A name a template used that is not defined, as Tera says it: "Field
/// `titel` is not defined. Available fields: actions, …, title, …".
#[derive(Debug, PartialEq)]
struct Undefined<'a> {
    /// "Field `titel` is not defined"
    said: &'a str,
    name: &'a str,
    /// "fields" or "variables"
    kind: &'a str,
    available: Vec<&'a str>,
}

/// As many names as a hint lists; more are only in the README.
const LISTED: usize = 12;

impl Undefined<'_> {
    fn message(&self) -> String {
        self.said.to_string()
    }

    /// The nearest name, and the names when they are few.
    fn hint(&self, readme: &str) -> String {
        let near = crate::diagnostics::suggest(self.name, self.available.iter().copied());
        let mut hint = near.map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
        if self.available.len() <= LISTED {
            hint.push_str(&format!("available {}: {}; ", self.kind, self.available.join(", ")));
        }
        hint.push_str(readme);
        hint
    }
}

/// `message` read as an undefined name, if it is one.
fn undefined(message: &str) -> Option<Undefined<'_>> {
    let (said, rest) = message.split_once(". Available ")?;
    let (kind, list) = rest.split_once(": ")?;
    let name = said.split('`').nth(1)?;
    said.ends_with("is not defined").then_some(())?;
    let list = list.split_once(": ").map_or(list, |(l, _)| l);
    Some(Undefined {
        said,
        name,
        kind,
        available: list.split(',').map(str::trim).filter(|n| !n.is_empty()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undefined_name_gets_the_nearest_one_not_a_hundred() {
        let many: Vec<String> = (0..100).map(|i| format!("key_{i}")).collect();
        let long = format!(
            "Field `feed_titel` is not defined. Available fields: {}, feed_title",
            many.join(", ")
        );
        let u = undefined(&long).unwrap();
        assert_eq!((u.name, u.kind, u.available.len()), ("feed_titel", "fields", 101));
        let hint = u.hint("see the README");
        assert_eq!(hint, "did you mean `feed_title`? see the README");
        assert_eq!(u.message(), "Field `feed_titel` is not defined");
        let few = undefined("Variable `plna` is not defined. Available variables: area, lang, plan, site, t").unwrap();
        assert_eq!(
            few.hint("r"),
            "did you mean `plan`? available variables: area, lang, plan, site, t; r"
        );
        assert_eq!(undefined("Filter `upper2` is unknown"), None);
    }
}
