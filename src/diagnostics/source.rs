//! A source file's text with a line index, to turn byte offsets into line:col.

use crate::model::Pos;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user, relative to the site root.
    pub path: String,
    pub text: Arc<str>,
    /// Where each line starts: made when a position is first asked for
    /// (most files read, a theme's templates among them, never are).
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let ends = memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1);
            std::iter::once(0).chain(ends).collect()
        })
    }

    /// Line and column (1-based, column in characters) of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_starts().partition_point(|&s| s <= offset);
        let start = self.line_starts()[line - 1];
        // An offset on a line's ending (`\r\n` too) is just after its text.
        let offset = offset.min(self.line_range(line).end);
        let col = self.text[start..offset].chars().count() + 1;
        Pos { line, col }
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset of the end of the line `offset` is on (before its line ending).
    pub fn line_end(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text[offset..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| offset + i)
    }

    /// Byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        // The next line starts just after this one's `\n`.
        let end = self
            .line_starts()
            .get(line.max(1))
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end.max(start)].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// Byte offset of 1-based `line` and character column `col` (clamped to the line).
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let range = self.line_range(line);
        let text = &self.text[range.clone()];
        range.start
            + text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// A range made safe to slice with: inside the text, on character boundaries.
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let start = self.floor_char_boundary(range.start);
        let end = self.floor_char_boundary(range.end.max(start));
        start..end
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut i = offset.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = SourceFile::new("f", "ab\r\nåäö x\n\nend");
        let cases = [
            (0, (1, 1)),
            (1, (1, 2)),
            (2, (1, 3)), // on the `\r` of the `\r\n` ending: just after "ab"
            (3, (1, 3)), // on its `\n`: the same place
            (4, (2, 1)),
            (10, (2, 4)), // after "åäö" (6 bytes)
            (11, (2, 5)),
            (13, (3, 1)),
            (14, (4, 1)),
            (99, (4, 4)),
        ];
        for (offset, (line, col)) in cases {
            assert_eq!(src.pos(offset), Pos { line, col }, "offset {offset}");
        }
        assert_eq!(src.line_count(), 4);
        assert_eq!(&src.text[src.line_range(1)], "ab");
        assert_eq!(&src.text[src.line_range(2)], "åäö x");
        assert_eq!(&src.text[src.line_range(3)], "");
        for offset in [0, 1, 4, 10, 11, 14] {
            let pos = src.pos(offset);
            assert_eq!(src.offset(pos.line, pos.col), offset, "round trip of {offset}");
        }
        assert_eq!(src.offset(1, 99), 2, "columns past the end stop at the line end");
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let src = SourceFile::new("f", "å");
        assert_eq!(src.pos(1), Pos { line: 1, col: 1 });
        assert_eq!(src.clamp(1..5), 0..2);
    }
}
