//! Where a key is written in a YAML file (`site.yaml`, front matter, a
//! follow-up file), so that a problem with its value is reported at its
//! line: one locator for every YAML file the project reads. It reads block
//! mappings by their indentation, as the files are written; a key in a flow
//! mapping (`sv: { name: … }`) is found as far as its line.

use super::SourceFile;
use std::ops::Range;

/// Where to look for a key.
#[derive(Debug, Clone, Copy)]
pub struct Find<'a> {
    /// The key and the keys above it: `["innovation-1", "note", "sv"]`.
    pub path: &'a [&'a str],
    /// Which occurrence of the last key (0 for the first; 1 to point at a
    /// key given twice).
    pub nth: usize,
}

/// The range of the key at `path` in the part `within` of `src` (the
/// whole file, or the front matter of a plan).
pub fn key(src: &SourceFile, within: Range<usize>, path: &[&str]) -> Option<Range<usize>> {
    find(src, within, Find { path, nth: 0 })
}

/// The range of a key as [`Find`] describes it.
pub fn find(src: &SourceFile, within: Range<usize>, find: Find) -> Option<Range<usize>> {
    let (first, last) = (src.pos(within.start).line, src.pos(within.end).line);
    let mut depth = 0;
    // The parent key's indentation, and its children's (set by the first child).
    let mut indent: Option<usize> = None;
    let mut child: Option<usize> = None;
    let mut seen = 0;
    for line in first..=last.min(src.line_count()) {
        let range = src.line_range(line);
        if range.start < within.start || range.end > within.end {
            continue;
        }
        let text = &src.text[range.clone()];
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let this_indent = text.len() - trimmed.len();
        if indent.is_some_and(|i| this_indent <= i) {
            return None; // left the block of the parent key without finding the child
        }
        if *child.get_or_insert(this_indent) != this_indent {
            continue; // deeper: a key of a child, not of this level
        }
        let written = trimmed.split_once(':').map(|(k, _)| k.trim().trim_matches(['"', '\'']));
        if written != Some(find.path[depth]) {
            continue;
        }
        let start = range.start + this_indent + usize::from(trimmed.starts_with(['"', '\'']));
        if depth + 1 < find.path.len() {
            depth += 1;
            indent = Some(this_indent);
            child = None;
        } else if seen == find.nth {
            return Some(start..start + find.path[depth].len());
        } else {
            seen += 1;
        }
    }
    None
}

/// From a key's range to the value after its colon (to the end of the line).
pub fn value(src: &SourceFile, key: Range<usize>) -> Range<usize> {
    let end = src.line_end(key.start);
    let text = &src.text[key.end.min(end)..end];
    match text.find(':') {
        Some(i) => {
            let value = &text[i + 1..];
            let start = key.end + i + 1 + (value.len() - value.trim_start().len());
            start..end.max(start)
        }
        None => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_by_their_path_and_occurrence() {
        let text = "# settings\nbase_url: x\nlanguages:\n  sv: { name: S }\n  en:\n    name: E\n\"quoted\": 1\ninnovation-1:\n  note:\n    sv: Hej\ninnovation-2:\n  sv: no\nbase_url: again\n";
        let src = SourceFile::new("f", text);
        let all = 0..text.len();
        let at = |path: &[&str], nth: usize| {
            find(&src, all.clone(), Find { path, nth }).map(|r| (src.pos(r.start).line, &text[r]))
        };
        assert_eq!(at(&["base_url"], 0), Some((2, "base_url")));
        assert_eq!(at(&["base_url"], 1), Some((13, "base_url")), "the second occurrence");
        assert_eq!(at(&["languages", "sv"], 0), Some((4, "sv")));
        assert_eq!(at(&["languages", "en", "name"], 0), Some((6, "name")));
        assert_eq!(at(&["quoted"], 0), Some((7, "quoted")));
        assert_eq!(at(&["innovation-1", "note", "sv"], 0), Some((10, "sv")));
        assert_eq!(at(&["innovation-1", "sv"], 0), None, "not a key of that entry");
        assert_eq!(at(&["nothing"], 0), None);
        let front = text.find("languages").unwrap()..text.find("\"quoted").unwrap();
        assert_eq!(key(&src, front, &["base_url"]), None, "only within the part given");
        let key_range = key(&src, all, &["innovation-1", "note", "sv"]).unwrap();
        assert_eq!(&text[value(&src, key_range)], "Hej");
    }
}
