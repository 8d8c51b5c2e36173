//! Text → Markdown that reads back as the same text: every character that
//! Markdown (as the site parses it) would take for markup is escaped.

/// Escape characters that Markdown would read as markup inside a line.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let markup = matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|' | '~')
            || (c == '&' && entity_at(&text[i..]));
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `s` starts with what HTML would read as a character reference
/// (`&amp;`, `&#38;`): only then is an `&` markup.
fn entity_at(s: &str) -> bool {
    let rest = &s[1..];
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// Escape a paragraph of plain text, markers that would start a list or
/// heading included.
pub fn block(text: &str) -> String {
    block_start(inline(text))
}

/// Escape what would start a list, a heading's underline or a numbered
/// list at the start of a line of Markdown that is escaped otherwise.
pub fn block_start(md: String) -> String {
    if md.starts_with(['-', '+', '=']) {
        return format!("\\{md}");
    }
    match md.split_once(['.', ')']) {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            let marker = &md[n.len()..n.len() + 1];
            format!("{n}\\{marker}{rest}")
        }
        _ => md,
    }
}

/// The text a line of Markdown reads as (no smart punctuation: the plan
/// file keeps the characters written): to check an escape.
pub fn read_back(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let opts = crate::content::markdown_options() - pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION;
    let mut out = String::new();
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_is_escaped_and_plain_text_is_not() {
        for (text, md) in [
            ("a_b <c>", "a\\_b \\<c\\>"),
            ("Forskning & utveckling", "Forskning & utveckling"),
            ("&amp; and &#38;", "\\&amp; and \\&\\#38;"),
            ("~~struck~~", "\\~\\~struck\\~\\~"),
            ("1. Not a list", "1\\. Not a list"),
            ("- not an item", "\\- not an item"),
            ("”Citat” – ’så’", "”Citat” – ’så’"),
        ] {
            assert_eq!(block(text), md, "{text}");
        }
    }

    proptest! {
        /// Whatever the text, its escaped Markdown reads back as the text.
        #[test]
        fn escaped_text_reads_back_as_itself(text in "[a-zA-Z0-9 .,:;!?&#*_<>\\[\\]()`~|\\\\+=\"'åäö”–-]{1,40}") {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assume!(!text.is_empty());
            prop_assert_eq!(read_back(&block(&text)), text);
        }
    }
}
