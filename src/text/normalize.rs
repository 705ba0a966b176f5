//! Normalisation for matching, with an offset map back to the original bytes.
//!
//! Owns the one place where Arabic text is folded: diacritics, tatweel and
//! invisible marks are dropped; alef, ya and ta-marbuta variants are unified;
//! Arabic-Indic and Persian digits become ASCII; Latin letters are lowercased.
//! It never changes what a user sees: every normalised byte remembers the
//! original byte range it came from, so spans always point into the file as
//! it is on disk. It does not tokenise or interpret anything.

use crate::span::Span;

/// Normalised text plus, for each of its bytes, the original byte range of
/// the character it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    /// Original start offset of the character each normalised byte belongs to.
    starts: Vec<u32>,
    /// Original end offset (exclusive); extended over dropped marks that
    /// follow the character, so a span never cuts a word's diacritics off.
    ends: Vec<u32>,
}

/// What normalisation does with one character.
enum Fold {
    Keep(char),
    Drop,
    /// A whitespace-like character, folded to one ASCII space.
    Space,
}

fn fold(c: char) -> Fold {
    match c {
        // Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        // Tatweel (kashida) stretches words and numbers alike.
        '\u{0640}' => Fold::Drop,
        // Bidi controls, zero-width characters, soft hyphen, BOM.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fold::Space,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Keep('ا'),
        'ى' | 'ی' => Fold::Keep('ي'),
        'ة' => Fold::Keep('ه'),
        'ک' => Fold::Keep('ك'),
        '٠'..='٩' => Fold::Keep(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::Keep(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        'A'..='Z' => Fold::Keep(c.to_ascii_lowercase()),
        _ => Fold::Keep(c),
    }
}

impl Normalized {
    /// Normalises `original`, recording where every output byte came from.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        let mut ends = Vec::with_capacity(original.len());
        for (offset, c) in original.char_indices() {
            let end = (offset + c.len_utf8()) as u32;
            match fold(c) {
                Fold::Keep(k) => push(&mut text, &mut starts, &mut ends, k, offset as u32, end),
                Fold::Space => push(&mut text, &mut starts, &mut ends, ' ', offset as u32, end),
                Fold::Drop => {
                    // A dropped mark belongs to the character before it, unless
                    // that was whitespace: then it is simply skipped.
                    if let Some(last) = text.chars().next_back() {
                        if !last.is_whitespace() {
                            let n = last.len_utf8();
                            let len = ends.len();
                            for e in &mut ends[len - n..] {
                                *e = end;
                            }
                        }
                    }
                }
            }
        }
        Normalized { text, starts, ends }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalised text to the original file.
    /// An empty range maps to an empty span at its position.
    pub fn to_original(&self, start: usize, end: usize) -> Span {
        if self.starts.is_empty() {
            return Span::new(0, 0);
        }
        let s = self.starts.get(start).copied().unwrap_or_else(|| self.ends[self.ends.len() - 1]);
        if end <= start {
            return Span::new(s as usize, s as usize);
        }
        let e = self.ends.get(end - 1).copied().unwrap_or(self.ends[self.ends.len() - 1]);
        Span::new(s as usize, e as usize)
    }

    /// Original offset of the normalised byte `i` (for monotonicity checks).
    pub fn original_start(&self, i: usize) -> Option<usize> {
        self.starts.get(i).map(|&s| s as usize)
    }
}

fn push(text: &mut String, starts: &mut Vec<u32>, ends: &mut Vec<u32>, c: char, start: u32, end: u32) {
    text.push(c);
    for _ in 0..c.len_utf8() {
        starts.push(start);
        ends.push(end);
    }
}

/// Normalises a short piece of rule or lexicon text the same way as sources.
pub fn normalize_str(s: &str) -> String {
    let n = Normalized::new(s);
    n.text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_alef_ya_ta_marbuta_and_digits() {
        assert_eq!(normalize_str("أإآ مستشفى مدرسة ١٢٣ ۴۵"), "ااا مستشفي مدرسه 123 45");
    }

    #[test]
    fn drops_diacritics_tatweel_and_invisible_marks() {
        assert_eq!(normalize_str("ضابطًا"), "ضابطا");
        assert_eq!(normalize_str("جـــنود"), "جنود");
        assert_eq!(normalize_str("1\u{200F}000"), "1000");
        assert_eq!(normalize_str("\u{202B}مئة\u{202C}"), "مئه");
    }

    #[test]
    fn spans_map_back_over_dropped_marks() {
        let src = "حوالي 20 ضابطًا.";
        let n = Normalized::new(src);
        let i = n.as_str().find("ضابطا").unwrap();
        let span = n.to_original(i, i + "ضابطا".len());
        assert_eq!(&src[span.start..span.end], "ضابطًا");
    }

    #[test]
    fn offsets_are_monotonic() {
        let src = "في ٦ يوليو ٢٠١٢ ـ تمّ\u{200F} التوقيع";
        let n = Normalized::new(src);
        let mut last = 0;
        for i in 0..n.as_str().len() {
            let s = n.original_start(i).unwrap();
            assert!(s >= last);
            last = s;
        }
    }
}
