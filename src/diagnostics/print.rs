//! Printers for diagnostics: rustc-style text, GitHub Actions commands, JSON.

use super::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How `check` reports its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Github,
    Json,
}

/// rustc-style report: the message, the source line(s) with the piece
/// underlined, and the hint. `color` adds ANSI styles for terminals.
pub fn human(diags: &[Diagnostic], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diags {
        let file = crate::fs_utils::printable(&d.file);
        out.push_str(&renderer.render(&report(d, &file)));
        out.push_str("\n\n");
    }
    out
}

fn level(d: &Diagnostic) -> Level<'static> {
    match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn report<'a>(d: &'a Diagnostic, file: &'a str) -> Vec<Group<'a>> {
    let title = level(d).primary_title(d.message.as_str()).id(d.code);
    let main = match (&d.snippet, d.line) {
        (Some(snip), line) if line > 0 => {
            // Show only the lines the problem is on (at most three), not the whole file.
            let text = &snip.text[..];
            let first = text[..snip.range.start].rfind('\n').map_or(0, |i| i + 1);
            let last_line_end = nth_line_end(text, snip.range.start, (d.end_line - d.line).min(2));
            let end = snip.range.end.min(last_line_end).max(snip.range.start);
            title.element(
                Snippet::source(&text[first..last_line_end])
                    .line_start(line)
                    .path(file)
                    .annotation(AnnotationKind::Primary.span(snip.range.start - first..end - first)),
            )
        }
        (_, 0) => title.element(Origin::path(file)),
        (_, line) => title.element(Origin::path(file).line(line).char_column(d.col)),
    };
    let mut groups = vec![main];
    if let Some(hint) = &d.hint {
        groups.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
    }
    groups
}

/// Byte offset of the end of the line `extra` lines after the one holding `from`.
fn nth_line_end(text: &str, from: usize, extra: usize) -> usize {
    let mut end = from;
    for i in 0..=extra {
        match text[end..].find('\n') {
            Some(j) => {
                end += j;
                if i < extra {
                    end += 1;
                }
            }
            None => return text.len(),
        }
    }
    let line = &text[..end];
    if line.ends_with('\r') { end - 1 } else { end }
}

/// GitHub Actions workflow commands, one per line.
pub fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        out.push_str("::");
        out.push_str(kind);
        out.push_str(" file=");
        out.push_str(&escape_property(&d.file));
        if d.line > 0 {
            out.push_str(&format!(
                ",line={},col={},endLine={},endColumn={}",
                d.line, d.col, d.end_line, d.end_col
            ));
        }
        out.push_str(",title=");
        out.push_str(&escape_property(d.code));
        out.push_str("::");
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        out.push_str(&escape_data(&message));
        out.push('\n');
    }
    out
}

/// Escaping of a workflow command's message, as the Actions runner expects.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A stable JSON array of `{severity, file, line, col, end_line, end_col, code, message, hint}`.
pub fn json(diags: &[Diagnostic]) -> String {
    let mut s = serde_json::to_string_pretty(diags).expect("diagnostics always serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    #[test]
    fn github_escapes_messages_and_properties() {
        let d = Diagnostic::error("c", "a:b,c.md", "50% done\r\nnext").with_pos(2, 3);
        assert_eq!(
            github(&[d]),
            "::error file=a%3Ab%2Cc.md,line=2,col=3,endLine=2,endColumn=3,title=c::50%25 done%0D%0Anext\n"
        );
    }

    #[test]
    fn human_shows_the_offending_line_only() {
        let src = SourceFile::new("content/x.md", "one\ntwo bad\nthree\n");
        let d = Diagnostic::error_at("bad-thing", &src, 8..11, "this is bad").with_hint("do better");
        let text = human(&[d], false);
        assert!(text.contains("content/x.md:2:5"), "{text}");
        assert!(text.contains("two bad"), "{text}");
        assert!(!text.contains("three"), "{text}");
        assert!(text.contains("help: do better"), "{text}");
    }

    #[test]
    fn json_has_stable_fields() {
        let d = Diagnostic::warning("w", "f", "m").with_pos(1, 2);
        let v: serde_json::Value = serde_json::from_str(&json(&[d])).unwrap();
        let keys: Vec<_> = v[0].as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "code", "col", "end_col", "end_line", "file", "hint", "line", "message", "severity"
            ]
        );
    }
}
