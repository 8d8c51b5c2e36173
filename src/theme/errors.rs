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
    let hint = "see themes/README.md for the variables and functions a template can use";
    match report.and_then(|r| sources.get(r.filename()).map(|s| (r, s))) {
        Some((r, src)) => Diagnostic::error_at("template-error", src, r.span().range.clone(), message).with_hint(hint),
        None => {
            let file = report.map_or("themes", |r| r.filename());
            Diagnostic::error("template-error", file, message).with_hint(hint)
        }
    }
}
