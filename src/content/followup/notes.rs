//! The notes of a follow-up entry: Markdown per language, rendered for
//! each language's pages; a language without a note of its own shows the
//! note in the default language (else the first written), marked as being
//! in that language, rendered for its own pages so that its links work.

use super::entry::Entry;
use crate::content::html;
use crate::diagnostics::{Diagnostic, SourceFile, yaml};
use crate::model::{LangCode, LangMap, SourceLink};
use pulldown_cmark::Parser;
use std::collections::BTreeMap;
use std::ops::Range;

/// An entry's notes, ready for every language's pages.
#[derive(Default)]
pub(super) struct Notes {
    /// The note's HTML per language of the site that has one to show.
    pub html: LangMap<Box<str>>,
    /// For a language that shows another's note: that language.
    pub from: LangMap<LangCode>,
    /// The links in the notes, by the language of the page they are on.
    pub links: Vec<(String, SourceLink)>,
}

impl Entry<'_> {
    /// The notes as HTML for every language, and the links written in them.
    pub(super) fn notes(&self, notes: &BTreeMap<String, String>, diags: &mut Vec<Diagnostic>) -> Notes {
        let mut out = Notes::default();
        let mut written = Vec::new();
        for (lang, text) in notes {
            let key = yaml::key(self.src, self.block.clone(), &[self.anchor, "note", lang])
                .unwrap_or_else(|| self.at("note"));
            if self.config.language(lang).is_none() {
                let codes = self.config.language_codes();
                let message = format!(
                    "the note of `{}` is in `{lang}`, which is not a language of this site",
                    self.anchor
                );
                let then = format!("the site's languages are {}", codes.join(", "));
                let d = Diagnostic::error_at("unknown-language", self.src, key, message);
                diags.push(d.did_you_mean(lang, codes, then));
                continue;
            }
            self.render_note(lang, text, key.clone(), &mut out, Some(&mut *diags));
            written.push((lang, text, key));
        }
        let default = &self.config.default_language;
        let source = (written.iter().find(|w| w.0 == default)).or(written.first());
        if let Some((from, text, key)) = source {
            for lang in self.config.language_codes() {
                if !out.html.contains_key(lang) {
                    self.render_note(lang, text, key.clone(), &mut out, None);
                    out.from.insert(lang, LangCode::new(from));
                }
            }
        }
        out
    }

    /// `text` rendered for the pages of `lang`, into `out`; a note nested too
    /// deeply is said in `diags` when given (once, for the note as written).
    fn render_note(
        &self,
        lang: &str,
        text: &str,
        key: Range<usize>,
        out: &mut Notes,
        diags: Option<&mut Vec<Diagnostic>>,
    ) {
        let opts = self.html.for_language(lang);
        let markdown: Vec<_> = Parser::new_ext(text, crate::content::body::markdown_options())
            .into_offset_iter()
            .collect();
        // The links as written, from the same reading (a second parse of
        // every note was a tenth of reading a year's reports).
        if self.html.record_links {
            let links = links_in_note(self.src, key.start, markdown.iter().map(|(e, _)| e), &opts.folder);
            out.links.extend(links.into_iter().map(|l| (lang.to_string(), l)));
        }
        let (markdown, too_deep) = html::cap_nesting(markdown);
        if let (Some(_), Some(diags)) = (too_deep, diags) {
            let message = format!(
                "the note of `{}` nests block quotes or lists more than {} levels deep",
                self.anchor,
                html::MAX_NESTING
            );
            diags.push(
                Diagnostic::error_at("nested-too-deeply", self.src, key.clone(), message)
                    .with_hint("a note needs a few levels at most: remove the extra `>` or list markers"),
            );
        }
        let rendered = html::render(markdown.into_iter().map(|(e, _)| e), &opts);
        // Kept for the whole build, in every report that carries it: no spare room.
        out.html.insert(lang, rendered.into_boxed_str());
    }
}

/// The links written in a note (whose key starts at `from` in the file;
/// `events`: the note read as Markdown), each at the first place after the
/// key where its address is written.
fn links_in_note<'e>(
    src: &SourceFile,
    from: usize,
    events: impl Iterator<Item = &'e pulldown_cmark::Event<'e>>,
    folder: &str,
) -> Vec<SourceLink> {
    use pulldown_cmark::{Event, Tag};
    let mut links = Vec::new();
    let mut search_from = from;
    for event in events {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) = event else {
            continue;
        };
        let at = src.text[search_from..]
            .find(dest_url.as_ref())
            .map_or(from, |i| search_from + i);
        search_from = at;
        links.push(SourceLink {
            href: html::site_link(dest_url.clone(), folder).to_string(),
            written: dest_url.to_string(),
            pos: src.pos(at),
            end: src.pos(at + dest_url.len()),
        });
    }
    links
}
