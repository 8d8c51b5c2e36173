//! Focus-area ids: the slug of a heading, and what makes an id valid.

/// A URL-safe id for a heading: lowercase ASCII letters and digits, with
/// Swedish and other common Latin letters folded (å/ä→a, ö→o, é→e …) and
/// every other run of characters turned into a single `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            pending_dash = true;
            continue;
        }
        if pending_dash && !out.is_empty() {
            out.push('-');
        }
        pending_dash = false;
        out.push_str(folded);
    }
    out
}

/// The ASCII spelling of a lowercase character, or `""` for a separator.
pub(crate) fn fold(c: char) -> &'static str {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_lowercase() {
        let i = (c as u8 - b'a') as usize;
        return &ASCII[i..i + 1];
    }
    if c.is_ascii_digit() {
        let i = 26 + (c as u8 - b'0') as usize;
        return &ASCII[i..i + 1];
    }
    match c {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => "o",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ç' => "c",
        'ñ' => "n",
        'æ' => "ae",
        'ß' => "ss",
        _ => "",
    }
}

/// Is `id` usable as a focus-area id: non-empty, lowercase ASCII letters,
/// digits and single inner dashes?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Innovation och FoU", "innovation-och-fou"),
            (
                "Säkerhet – IT och kvalitetssäker transport",
                "sakerhet-it-och-kvalitetssaker-transport",
            ),
            ("Öresundsregionen", "oresundsregionen"),
            ("Kompetens: Yrkesutbildning", "kompetens-yrkesutbildning"),
            ("Agenda 2030", "agenda-2030"),
            ("  Trailing & leading!  ", "trailing-leading"),
            ("Linnéuniversitetet", "linneuniversitetet"),
            (
                "Tillgång till effekt och lägre elpriser",
                "tillgang-till-effekt-och-lagre-elpriser",
            ),
            ("!!!", ""),
        ];
        for (text, want) in cases {
            assert_eq!(slugify(text), want, "{text}");
        }
    }

    #[test]
    fn valid_ids() {
        for id in ["innovation", "agenda-2030", "a", "2022"] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in ["", "Innovation", "a b", "-a", "a-", "a--b", "å", "a_b", "a.b"] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn every_slug_is_a_valid_id_or_empty() {
        for text in ["Hello, World", "x—y", "ÅÄÖ åäö", "1 2 3", "--a--"] {
            let s = slugify(text);
            assert!(s.is_empty() || is_valid_id(&s), "{text} -> {s}");
        }
    }
}
