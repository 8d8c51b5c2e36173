//! A plan from a word processor's document (`.docx` from Word, LibreOffice
//! or pandoc; `.odt`): its paragraphs, each a title, heading, list item or
//! body text by its style, → the plan's [`Outline`]. What a plan file has
//! no place for (tables, images, text boxes, footnotes) is said, with where
//! it is, and left out; tracked changes are taken as accepted and comments
//! left out, and a note says how many.

mod docx;
mod odt;
mod outline;
mod xml;

use super::Outline;
use super::inline::Inline;
use crate::diagnostics::Diagnostic;
use crate::package::{self, Package};
use std::path::Path;

/// What a paragraph is, by its style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Title,
    /// A heading of level 1, 2, …
    Heading(u8),
    /// A bulleted or numbered list's item, at any level.
    Item,
    Body,
}

/// A paragraph of the document with text in it.
#[derive(Debug, Clone)]
pub struct Para {
    pub kind: Kind,
    pub text: Inline,
    /// Its text without formatting, folded once (the outline reads it often).
    pub plain: String,
    /// Its place among the document's paragraphs (and tables), from 1.
    pub number: usize,
}

/// Something a plan file has no place for, and where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// "a table", "an image", "a text box", "a footnote".
    pub what: &'static str,
    pub number: usize,
    /// Where to find it: its first words (or its paragraph's) in quotes,
    /// or the words before it.
    pub words: String,
}

/// A document as its reader found it.
#[derive(Debug, Default)]
pub struct Document {
    pub paras: Vec<Para>,
    pub unplaced: Vec<Unplaced>,
    /// Insertions and deletions taken as accepted.
    pub tracked: usize,
    pub comments: usize,
    /// The title in the document's properties, if it has one.
    pub title: Option<String>,
}

impl Document {
    /// Add a paragraph of `kind` (an empty one is not counted), and what
    /// was found in it that has no place in a plan.
    pub fn paragraph(&mut self, kind: Kind, text: Inline, unplaced: Vec<&'static str>) {
        let plain = text.plain();
        let number = self.next_number();
        let words = match plain.is_empty() {
            true => match self.paras.last() {
                Some(p) => format!("after “{}”", last_words(&p.plain)),
                None => "at the start".into(),
            },
            false => format!("“{}”", first_words(&plain)),
        };
        for what in unplaced {
            self.unplaced.push(Unplaced {
                what,
                number,
                words: words.clone(),
            });
        }
        if !plain.is_empty() {
            self.paras.push(Para {
                kind,
                text,
                plain,
                number,
            });
        }
    }

    /// Something with no place in a plan that takes a paragraph's place
    /// (a table), with its text.
    pub fn block(&mut self, what: &'static str, text: &str) {
        let number = self.next_number();
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.unplaced.push(Unplaced {
            what,
            number,
            words: format!("“{}”", first_words(&folded)),
        });
    }

    fn next_number(&self) -> usize {
        let last = self.paras.last().map_or(0, |p| p.number);
        let unplaced = self.unplaced.last().map_or(0, |u| u.number);
        last.max(unplaced) + 1
    }
}

/// The first few words of a text, to find it by in the document.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    match words.len() > 6 {
        true => format!("{} …", words[..6].join(" ")),
        false => text.to_string(),
    }
}

fn last_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    match words.len() > 4 {
        true => format!("… {}", words[words.len() - 4..].join(" ")),
        false => text.to_string(),
    }
}

/// Whether `path` names a word processor's document (by its extension).
pub fn is_document(path: &Path) -> bool {
    matches!(
        extension(path).as_str(),
        "docx" | "docm" | "odt" | "dotx" | "dotm" | "doc"
    )
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Read the document at `path` (`file` names it in messages) → the plan's
/// outline, and what the editor should look at.
pub fn read(path: &Path, file: &str) -> Result<(Outline, Vec<Diagnostic>), Diagnostic> {
    let ext = extension(path);
    let bytes = match ext.as_str() {
        "docm" | "dotm" | "doc" => Vec::new(),
        _ => package::read_file(path, "plan document").map_err(|e| refused(file, e))?,
    };
    from_bytes(file, &ext, bytes)
}

/// A document of type `ext` (its file's extension) → the plan's outline.
fn from_bytes(file: &str, ext: &str, bytes: Vec<u8>) -> Result<(Outline, Vec<Diagnostic>), Diagnostic> {
    let doc = match ext {
        "docm" | "dotm" => Err("it is a macro-enabled document, which is never opened".into()),
        "doc" => Err("it is in Word's old binary format".into()),
        _ => Package::open(bytes, "document").and_then(|pkg| match ext {
            "odt" => odt::read(pkg),
            _ => docx::read(pkg),
        }),
    };
    outline::outline(file, doc.map_err(|e| refused(file, e))?)
}

fn refused(file: &str, reason: String) -> Diagnostic {
    Diagnostic::error(
        "unreadable-document",
        file,
        format!("`{file}` cannot be imported: {reason}"),
    )
    .with_hint("save it as a Word document (.docx) or an OpenDocument text (.odt) and import that")
}

/// A style `id` and those it is based on (`parent` of each), nearest first;
/// at most 16, so that a loop of styles ends. Both formats base styles so.
fn style_chain<'s, D>(
    defs: &'s std::collections::HashMap<String, D>,
    id: Option<&'s str>,
    parent: fn(&D) -> Option<&str>,
) -> impl Iterator<Item = &'s D> {
    let mut next = id;
    std::iter::from_fn(move || {
        let def = defs.get(next?)?;
        next = parent(def);
        Some(def)
    })
    .take(16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/word").join(name)).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// A document cut short or with bytes changed is refused or read,
        /// never a panic.
        #[test]
        fn damaged_documents_never_panic(
            odt in any::<bool>(),
            cut in 0.0f64..1.0,
            flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
        ) {
            let (name, ext) = if odt { ("features.lo.odt", "odt") } else { ("features.lo.docx", "docx") };
            let mut bytes = fixture(name);
            for (at, byte) in flips {
                let last = bytes.len() - 1;
                bytes[((at * last as f64) as usize).min(last)] ^= byte;
            }
            bytes.truncate(((cut * 1.2).min(1.0) * bytes.len() as f64) as usize);
            let _ = from_bytes("plan", ext, bytes);
        }
    }

    #[test]
    fn every_fixture_reads_and_a_damaged_one_is_refused_in_words() {
        for (name, ext) in [
            ("features.lo.docx", "docx"),
            ("features.lo.odt", "odt"),
            ("plan-2022.pandoc.docx", "docx"),
        ] {
            assert!(from_bytes(name, ext, fixture(name)).is_ok(), "{name}");
        }
        let mut cut = fixture("features.lo.docx");
        cut.truncate(cut.len() / 2);
        let err = from_bytes("plan.docx", "docx", cut).unwrap_err();
        assert_eq!(err.code, "unreadable-document");
        assert!(err.message.contains("is not a document"), "{}", err.message);
    }

    #[test]
    fn a_style_chain_is_nearest_first_and_a_loop_of_styles_ends() {
        let defs: std::collections::HashMap<String, (u8, Option<&str>)> = [
            ("Rubrik1".to_string(), (1, Some("Rubrik"))),
            ("Rubrik".to_string(), (2, Some("Normal"))),
            ("Normal".to_string(), (3, None)),
            ("A".to_string(), (4, Some("B"))),
            ("B".to_string(), (5, Some("A"))),
        ]
        .into();
        let walk = |id| style_chain(&defs, Some(id), |d| d.1).map(|d| d.0).collect::<Vec<_>>();
        assert_eq!(walk("Rubrik1"), [1, 2, 3]);
        assert_eq!(walk("Saknas"), Vec::<u8>::new());
        assert_eq!(walk("A").len(), 16);
        assert_eq!(style_chain(&defs, None, |d| d.1).count(), 0);
    }
}
