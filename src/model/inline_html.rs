//! An action's or a heading's HTML, held only where it is not its plain text.

/// The HTML of a line of inline Markdown whose plain text is kept beside
/// it, held only where the two differ. Most actions and headings are words
/// without markup, whose HTML is their text: an archive of 1,000 plans in
/// two languages held 10 MB of such second copies.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InlineHtml(Option<Box<str>>);

impl InlineHtml {
    /// `html`, made from the Markdown whose plain text is `text`.
    pub fn of(text: &str, html: String) -> InlineHtml {
        InlineHtml((html != text).then(|| html.into_boxed_str()))
    }

    /// The HTML, given the plain text it was made beside.
    pub(super) fn or<'a>(&'a self, text: &'a str) -> &'a str {
        self.0.as_deref().unwrap_or(text)
    }
}

#[cfg(test)]
mod tests {
    use super::InlineHtml;

    #[test]
    fn the_html_is_held_only_where_it_is_not_the_text() {
        let cases = [
            ("Plain words", "Plain words", false),
            ("A & B", "A &amp; B", true),
            ("First action", "First <strong>action</strong>", true),
            ("", "", false),
        ];
        for (text, html, held) in cases {
            let inline = InlineHtml::of(text, html.to_string());
            assert_eq!(inline.0.is_some(), held, "{text:?}");
            assert_eq!(inline.or(text), html, "{text:?}");
        }
    }
}
