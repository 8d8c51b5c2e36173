//! A focus area's bullet list → its actions: each top-level item's first
//! paragraph is the action's text, ending in an optional `{#id}`; anything
//! nested under it is the action's details.

use super::Spanned;
use crate::content::html::{self, HtmlOptions};
use crate::content::slug::{is_valid_id, slugify};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Action, InlineHtml};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

pub(super) fn parse_actions(
    src: &SourceFile,
    area_id: &str,
    list: &[Spanned],
    opts: &HtmlOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Action> {
    let items = super::blocks(&list[1..list.len() - 1]);
    let mut actions = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let inner = &item[1..item.len() - 1];
        let (text_events, details) = split_item(inner);
        let n = i + 1;
        let range = item[0].1.clone();
        let (text_events, id) = explicit_id(src, text_events, diags);
        let text = html::plain_text(text_events.iter());
        if text.is_empty() {
            let bullet = range.start..range.start + 1;
            diags.push(
                Diagnostic::error_at(
                    "empty-action",
                    src,
                    bullet,
                    format!("action {n} of `{area_id}` has no text"),
                )
                .with_hint("write the action after the bullet, or remove the empty bullet"),
            );
        }
        actions.push(Action {
            n,
            anchor: id.map_or_else(|| compact_str::format_compact!("{area_id}-{n}"), Into::into),
            text_html: InlineHtml::of(&text, html::render(text_events.into_iter(), opts)),
            text,
            details_html: html::render(details.iter().map(|(e, _)| e.clone()), opts),
            pos: src.pos(range.start),
        });
    }
    actions
}

/// The action's text without a trailing `{#id}`, and the id. An id that is
/// not valid is reported (and the action keeps its positional anchor).
fn explicit_id<'a>(
    src: &SourceFile,
    text: &[Spanned<'a>],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Event<'a>>, Option<String>) {
    let mut events: Vec<Event<'a>> = text.iter().map(|(e, _)| e.clone()).collect();
    // The trailing run of plain text, which the parser may have split in pieces.
    let run = events.iter().rev().take_while(|e| matches!(e, Event::Text(_))).count();
    if run == 0 {
        return (events, None);
    }
    let start = events.len() - run;
    let joined: String = events[start..]
        .iter()
        .map(|e| match e {
            Event::Text(t) => t.as_ref(),
            _ => "",
        })
        .collect();
    let Some((before, written)) = split_id_suffix(&joined) else {
        return (events, None);
    };
    let kept = before.trim_end().to_string();
    events.truncate(start);
    if !kept.is_empty() {
        events.push(Event::Text(CowStr::from(kept)));
    }
    if is_valid_id(written) {
        return (events, Some(written.to_string()));
    }
    let at = id_range(src, text, written);
    let fixed = slugify(written);
    diags.push(
        Diagnostic::error_at(
            "invalid-id",
            src,
            at,
            format!("action id `{written}` is not a valid id"),
        )
        .with_hint(format!(
            "ids use lowercase a–z, digits and single dashes, e.g. `{{#{}}}`",
            if fixed.is_empty() { "action-name" } else { &fixed }
        )),
    );
    (events, None)
}

/// `"Arbeta med Scaleup {#scaleup}"` → `("Arbeta med Scaleup ", "scaleup")`.
fn split_id_suffix(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    let id = &inner[open + 2..];
    (!id.contains(['{', '}'])).then_some((&trimmed[..open], id.trim()))
}

/// Where `{#written}` is in the source, for the error's underline.
fn id_range(src: &SourceFile, text: &[Spanned], written: &str) -> Range<usize> {
    let span = text.first().map_or(0, |(_, r)| r.start)..text.last().map_or(0, |(_, r)| r.end);
    let needle = format!("{{#{written}}}");
    match src.text.get(span.clone()).and_then(|t| t.rfind(&needle)) {
        Some(i) => span.start + i..span.start + i + needle.len(),
        None => span,
    }
}

/// An item's first paragraph (its inline events) and the rest (its details).
fn split_item<'e, 'a>(inner: &'e [Spanned<'a>]) -> (&'e [Spanned<'a>], &'e [Spanned<'a>]) {
    if let Some((Event::Start(Tag::Paragraph), _)) = inner.first() {
        let end = inner
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
            .unwrap_or(inner.len() - 1);
        return (&inner[1..end], &inner[(end + 1).min(inner.len())..]);
    }
    let end = inner.iter().position(|(e, _)| is_block_start(e)).unwrap_or(inner.len());
    (&inner[..end], &inner[end..])
}

fn is_block_start(e: &Event) -> bool {
    match e {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::Rule | Event::DisplayMath(_) | Event::Html(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_id_is_the_last_thing_in_the_text() {
        let cases = [
            (
                "Arbeta med Scaleup {#scaleup}",
                Some(("Arbeta med Scaleup ", "scaleup")),
            ),
            ("Text {#a-1}  ", Some(("Text ", "a-1"))),
            ("{#only}", Some(("", "only"))),
            ("Text {# spaced }", Some(("Text ", "spaced"))),
            ("Text {#Bad Id}", Some(("Text ", "Bad Id"))),
            ("Text {#a} and more", None),
            ("Text {a}", None),
            ("Text", None),
            ("Text {#a{b}", None),
        ];
        for (text, want) in cases {
            assert_eq!(super::split_id_suffix(text), want, "{text}");
        }
    }
}
