//! Styled text from a document (runs of bold, italic, linked text) → one
//! line of Markdown that reads back as exactly the document's text, its
//! whitespace folded as the plain-text import folds it.

use super::escape;

/// How a run of text is set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    /// The link's target, if the run is linked.
    pub link: Option<String>,
}

/// A paragraph's text as runs of one style each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    spans: Vec<(Style, String)>,
}

/// What was left out of a paragraph's Markdown (its text never is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lost {
    /// Bold or italic that Markdown cannot say where it is.
    Emphasis,
    /// A link to something other than a web or mail address.
    Link,
}

/// Whitespace that folds to one space; no-break spaces are characters.
fn folds(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

impl Inline {
    pub fn push(&mut self, style: &Style, text: &str) {
        match self.spans.last_mut() {
            Some((last, t)) if last == style => t.push_str(text),
            _ => self.spans.push((style.clone(), text.to_string())),
        }
    }

    /// Another paragraph's text after this one's (a paragraph mark deleted
    /// in a tracked change joins two paragraphs).
    pub fn append(&mut self, other: Inline) {
        for (style, text) in other.spans {
            self.push(&style, &text);
        }
    }

    /// The runs with whitespace folded: one space between words, none at
    /// either end.
    fn folded(&self) -> Vec<(&Style, String)> {
        let mut out: Vec<(&Style, String)> = Vec::new();
        let mut space = false;
        for (style, text) in &self.spans {
            let mut run = String::new();
            for c in text.chars() {
                if folds(c) {
                    space = true;
                    continue;
                }
                let started = !run.is_empty() || out.iter().any(|(_, t)| !t.is_empty());
                if space && started {
                    run.push(' ');
                }
                space = false;
                run.push(c);
            }
            out.push((style, run));
        }
        out.retain(|(_, t)| !t.is_empty());
        out
    }

    /// The text, whitespace folded.
    pub fn plain(&self) -> String {
        self.folded().into_iter().map(|(_, t)| t).collect()
    }

    /// The text as Markdown, and what of its formatting had to be left out.
    /// A line that would not read back as the text is written without its
    /// emphasis.
    pub fn markdown(&self) -> (String, Option<Lost>) {
        let folded = self.folded();
        let plain: String = folded.iter().map(|(_, t)| t.as_str()).collect();
        let mut lost = None;
        let mut md = String::new();
        let mut i = 0;
        while i < folded.len() {
            let link = &folded[i].0.link;
            let end = i + folded[i..].iter().take_while(|(s, _)| &s.link == link).count();
            let inner = emphasised(&folded[i..end]);
            match link.as_deref().map(target) {
                Some(Some(url)) => md.push_str(&linked(&inner, &url)),
                Some(None) => {
                    lost = Some(Lost::Link);
                    md.push_str(&inner);
                }
                None => md.push_str(&inner),
            }
            i = end;
        }
        let md = escape::block_start(md);
        if escape::read_back(&md) == plain {
            return (md, lost);
        }
        (escape::block(&plain), Some(Lost::Emphasis))
    }
}

/// Runs as Markdown, each bold or italic one in its markers, with the
/// spaces at its ends outside them.
fn emphasised(runs: &[(&Style, String)]) -> String {
    let mut out = String::new();
    for (style, text) in runs {
        let marker = match (style.bold, style.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim_matches(' ');
        let lead = &text[..text.len() - text.trim_start_matches(' ').len()];
        let trail = &text[text.trim_end_matches(' ').len()..];
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(&escape::inline(core));
        out.push_str(marker);
        out.push_str(trail);
    }
    out
}

/// `[text](url)`, the spaces at the text's ends outside the brackets.
fn linked(inner: &str, url: &str) -> String {
    let core = inner.trim_matches(' ');
    let lead = &inner[..inner.len() - inner.trim_start_matches(' ').len()];
    let trail = &inner[inner.trim_end_matches(' ').len()..];
    let url = match url.contains(['(', ')', ' ']) {
        true => format!("<{url}>"),
        false => url.to_string(),
    };
    format!("{lead}[{core}]({url}){trail}")
}

/// A link target a plan may carry: a web or mail address, written so that
/// Markdown reads it whole.
fn target(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme = ["https://", "http://", "mailto:"].iter().any(|s| lower.starts_with(s));
    let clean = !url
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '\\' | '`'));
    (scheme && clean).then(|| url.replace(' ', "%20"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the runs and their styles, the Markdown reads back as
        /// the paragraph's text: nothing is lost or added but markup.
        #[test]
        fn markdown_reads_back_as_the_text(
            parts in proptest::collection::vec(
                ("[a-zA-Z0-9 .,:;!?&#*_<>()`~|\\+=\"'åö”–\t-]{0,12}", any::<bool>(), any::<bool>(), proptest::option::of("https://x\\.org/[a-z() ]{0,6}")),
                1..6,
            )
        ) {
            let inline = runs(&parts.iter().map(|(t, b, i, l)| (t.as_str(), *b, *i, l.as_deref())).collect::<Vec<_>>());
            let (md, _) = inline.markdown();
            prop_assert_eq!(escape::read_back(&md), inline.plain());
        }
    }

    fn runs(parts: &[(&str, bool, bool, Option<&str>)]) -> Inline {
        let mut inline = Inline::default();
        for (text, bold, italic, link) in parts {
            let style = Style {
                bold: *bold,
                italic: *italic,
                link: link.map(str::to_string),
            };
            inline.push(&style, text);
        }
        inline
    }

    #[test]
    fn runs_become_markdown_that_reads_back_as_the_text() {
        for (parts, md, lost) in [
            (
                vec![
                    ("Inledning med ", false, false, None),
                    ("fetstil", true, false, None),
                    (", ", false, false, None),
                ],
                "Inledning med **fetstil**,",
                None,
            ),
            (
                vec![(" kursiv ", false, true, None), ("och", false, false, None)],
                "*kursiv* och",
                None,
            ),
            (
                vec![
                    ("en ", false, false, None),
                    ("länk ", false, false, Some("https://example.org/a (b)")),
                ],
                "en [länk](<https://example.org/a%20(b)>)",
                None,
            ),
            (
                vec![("x", false, false, Some("javascript:alert(1)"))],
                "x",
                Some(Lost::Link),
            ),
            (
                vec![("a", false, false, None), ("\t \n b", true, true, None)],
                "a ***b***",
                None,
            ),
            (
                vec![("1. ", true, false, None), ("text", false, false, None)],
                "**1.** text",
                None,
            ),
            (
                vec![("a", false, false, None), ("\"b\"", true, false, None)],
                "a\"b\"",
                Some(Lost::Emphasis),
            ),
            (vec![("   ", true, false, None)], "", None),
        ] {
            let inline = runs(&parts);
            assert_eq!(inline.markdown(), (md.to_string(), lost), "{parts:?}");
        }
    }

    #[test]
    fn whitespace_folds_across_runs_but_no_break_spaces_stay() {
        let inline = runs(&[("  a \n", false, false, None), ("  b\u{a0}c ", true, false, None)]);
        assert_eq!(inline.plain(), "a b\u{a0}c");
    }
}
