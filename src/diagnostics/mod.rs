//! Problems found in content or themes, with the place they were found.
//!
//! A [`Diagnostic`] names a file, line and column, says what was expected and,
//! where it can, how to fix it. The printers in [`print`] turn a list of them
//! into text for people (rustc-style snippets), GitHub Actions or JSON.

mod print;
mod source;
pub mod yaml;

pub use print::{Format, github, human, json};
pub use source::SourceFile;

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Not a problem in itself: what could not be checked, and why (a note
    /// never fails a check, not even with `--deny-warnings`).
    Note,
}

/// The source text a diagnostic points into, kept for printing a snippet.
#[derive(Debug, Clone)]
pub struct Snippet {
    pub text: Arc<str>,
    /// Byte range of the offending piece within `text`.
    pub range: Range<usize>,
}

/// One problem, located in a file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when the problem concerns the whole file.
    pub col: usize,
    pub end_line: usize,
    pub end_col: usize,
    /// A stable identifier, e.g. `unknown-key` or `missing-translation`.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// A problem with a whole file (no line or column).
    pub fn new(severity: Severity, code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
            code,
            message: shorten_quoted(message.into()),
            hint: None,
            snippet: None,
        }
    }

    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    /// A problem at a byte range of a source file.
    pub fn at(
        severity: Severity,
        code: &'static str,
        src: &SourceFile,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let range = src.clamp(range);
        let start = src.pos(range.start);
        let end = src.pos(range.end);
        Diagnostic {
            severity,
            file: src.path.clone(),
            line: start.line,
            col: start.col,
            end_line: end.line,
            end_col: end.col,
            code,
            message: shorten_quoted(message.into()),
            hint: None,
            snippet: Some(Snippet {
                text: src.text.clone(),
                range,
            }),
        }
    }

    pub fn error_at(code: &'static str, src: &SourceFile, range: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, code, src, range, message)
    }

    /// A problem at a known line and column, without source text to show.
    pub fn with_pos(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self.end_line = line;
        self.end_col = col;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(shorten_quoted(hint.into()));
        self
    }

    /// A hint that names the candidate closest to `word`, if one is close
    /// enough to be what was meant ("did you mean `title`? Known keys: …"),
    /// followed by `then`; or `then` alone.
    pub fn did_you_mean<'a>(
        self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
        then: impl Into<String>,
    ) -> Self {
        let then = then.into();
        match suggest(word, candidates) {
            Some(near) => {
                let mut rest = then.chars();
                let then: String = rest
                    .next()
                    .map(|c| c.to_uppercase().chain(rest).collect())
                    .unwrap_or_default();
                self.with_hint(format!("did you mean `{near}`? {then}"))
            }
            None => self.with_hint(then),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// What could not be checked because of a problem reported elsewhere.
    pub fn not_checked(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, "not-checked", file, message)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:col: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, ": {sev}[{}]: {}", self.code, self.message)
    }
}

/// Give located diagnostics that have no source text a snippet, reading
/// each file once through `read` (which returns `None` when it cannot).
/// A diagnostic that marks a single point is widened to the rest of its line.
pub fn attach_snippets(diags: &mut [Diagnostic], mut read: impl FnMut(&str) -> Option<String>) {
    let mut sources: std::collections::HashMap<String, Option<SourceFile>> = std::collections::HashMap::new();
    for d in diags.iter_mut().filter(|d| d.snippet.is_none() && d.line > 0) {
        let src = sources
            .entry(d.file.clone())
            .or_insert_with(|| read(&d.file).map(|text| SourceFile::new(d.file.clone(), text)));
        let Some(src) = src else { continue };
        if d.line > src.line_count() {
            continue;
        }
        let start = src.offset(d.line, d.col);
        let end = if (d.end_line, d.end_col) > (d.line, d.col) {
            src.offset(d.end_line, d.end_col)
        } else {
            src.line_range(d.line).end
        };
        d.snippet = Some(Snippet {
            text: src.text.clone(),
            range: src.clamp(start..end.max(start)),
        });
    }
}

/// A quoted value (between backticks or double quotes) longer than this is
/// cut in messages: an input file may hold a value of megabytes, and a
/// message shows where it is, not all of it.
const QUOTED_MAX: usize = 80;

/// `text` with every quoted value longer than [`QUOTED_MAX`] characters
/// cut to its start and `…`.
pub fn shorten_quoted(text: String) -> String {
    if text.len() <= QUOTED_MAX {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(4 * QUOTED_MAX));
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find(quote) else { break };
        let value = &rest[..close];
        if value.chars().count() > QUOTED_MAX {
            out.extend(value.chars().take(QUOTED_MAX - 20));
            out.push('…');
        } else {
            out.push_str(value);
        }
        out.push(quote);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// What a diagnostic says and where, snippet and hint aside: two with the
/// same key say the same thing.
pub type Key<'a> = (&'a str, usize, usize, &'static str, &'a str);

impl Diagnostic {
    /// Its [`Key`], by which diagnostics are sorted and told apart.
    pub fn key(&self) -> Key<'_> {
        (&self.file, self.line, self.col, self.code, &self.message)
    }
}

/// Sort diagnostics into a stable order: by file, then position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.key().cmp(&b.key()));
}

/// [`sort`], and each thing said once.
pub fn sort_dedup(diags: &mut Vec<Diagnostic>) {
    sort(diags);
    diags.dedup_by(|a, b| a.key() == b.key());
}

/// Does any diagnostic in the list stop the build?
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// A YAML error message without its `" at line 2 column 8"` suffix
/// (diagnostics carry the position themselves).
pub fn strip_yaml_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    }
}

/// The smallest edit distance between `word` and a candidate, if it is close
/// enough to be a likely typo. Used for "did you mean" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            let len = c.chars().count();
            *d <= if len <= 3 { 1 } else { len / 3 + 1 }
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggest_finds_typos_but_not_unrelated_words() {
        let keys = ["title", "description", "draft"];
        let cases = [
            ("titel", Some("title")),
            ("Title", Some("title")),
            ("descripton", Some("description")),
            ("drfat", Some("draft")),
            ("author", None),
            ("x", None),
        ];
        for (word, want) in cases {
            assert_eq!(suggest(word, keys), want, "{word}");
        }
        let langs = ["sv", "en"];
        let cases = [("se", Some("sv")), ("EN", Some("en")), ("de", None), ("fi", None)];
        for (word, want) in cases {
            assert_eq!(suggest(word, langs), want, "{word}");
        }
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "A".repeat(100_000);
        let d = Diagnostic::error("x", "f", format!("value `{long}` and \"{long}\" are bad"))
            .with_hint(format!("not `{long}`"));
        assert!(d.message.len() < 200, "{}", d.message.len());
        assert!(
            d.message.starts_with("value `AAAA") && d.message.contains("A…` and \"A"),
            "{}",
            d.message
        );
        assert!(d.message.ends_with("…\" are bad"), "{}", d.message);
        assert!(d.hint.as_ref().unwrap().len() < 100);
        let short = "a `short` value and an unclosed ` quote that stays as it is, however long it may be".to_string();
        assert_eq!(shorten_quoted(short.clone()), short);
    }

    #[test]
    fn display_is_one_line_with_position() {
        let d = Diagnostic::error("bad", "content/x.md", "broken").with_pos(3, 7);
        assert_eq!(d.to_string(), "content/x.md:3:7: error[bad]: broken");
        let d = Diagnostic::warning("w", "content/site.yaml", "odd");
        assert_eq!(d.to_string(), "content/site.yaml: warning[w]: odd");
    }
}
