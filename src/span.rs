//! Byte spans into original files, and line/column lookup.
//!
//! Owns the one coordinate system every stage shares: byte ranges into the
//! file as it is on disk. It does not know about normalisation; see
//! `text::normalize` for the map from normalised text back to these spans.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end: end.max(start) }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// Line starts of a text, for 1-based line and column (in characters).
///
/// Columns count characters from the line start; on a one-line dump that
/// would cost the line's length per lookup, so the index also records the
/// number of characters before every checkpoint (one per
/// `CHECKPOINT_BYTES`), and a lookup counts from the nearest one.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset on a character boundary, characters before it).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT_BYTES;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= next {
                checkpoints.push((i, chars));
                next = i + CHECKPOINT_BYTES;
            }
        }
        LineIndex { starts, checkpoints }
    }

    /// Characters before byte `offset` (clamped to a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let k = self.checkpoints.partition_point(|&(b, _)| b <= offset).saturating_sub(1);
        let (b, n) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        n + text.get(b..offset).map(|s| s.chars().count()).unwrap_or(0)
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = self.chars_before(text, offset).saturating_sub(self.chars_before(text, start));
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "سطر\nفي 2012";
        let idx = LineIndex::new(text);
        let off = text.find("2012").unwrap();
        assert_eq!(idx.line_col(text, off), (2, 4));
        assert_eq!(idx.line_col(text, 0), (1, 1));
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        let text = "جندي ".repeat(5000) + "\nسطر ثان";
        let idx = LineIndex::new(&text);
        for offset in [0, 10, 4095, 4096, 4097, 20000, text.len() - 3] {
            let offset = (0..=offset).rev().find(|&o| text.is_char_boundary(o)).unwrap();
            let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let want = text[line_start..offset].chars().count() + 1;
            assert_eq!(idx.line_col(&text, offset).1, want, "offset {offset}");
        }
    }

    #[test]
    fn join_and_overlap() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(&b));
        assert_eq!(a.join(b), Span::new(2, 9));
        assert!(!Span::new(0, 2).overlaps(&Span::new(2, 3)));
    }
}
