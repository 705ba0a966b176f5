//! Tokens and sentences over normalised text, each carrying its original span.
//!
//! Owns splitting a document body into words, digit runs and punctuation,
//! and grouping tokens into sentences. A digit run keeps separators that sit
//! directly between digits (`1,000`, `4.8`, `١٬٥٠٠`) so the number parser can
//! decide what they mean from context. It does not interpret any token.

use super::lexicon::{stems, Stem};
use super::normalize::Normalized;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (Arabic, Latin, any alphabet).
    Word,
    /// Digits, possibly with inner separators: `1,000`, `4.8`, `1،100`.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range into the normalised text.
    pub norm_start: usize,
    pub norm_end: usize,
    /// Byte range into the original file.
    pub span: Span,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
    /// Written with a capital letter first (normalising folds case): an
    /// English number word in a name («the Seven Wonders»).
    pub capital: bool,
    /// Written in capitals only, two letters or more («US», «CAR»): an
    /// acronym, not the word it spells in lower case («us», «car»).
    pub all_caps: bool,
}

/// A sentence: a run of tokens and the original bytes it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    pub span: Span,
}

/// A document body, normalised and tokenised.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    pub norm: Normalized,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Byte offset of the body inside the file (after front matter).
    pub base: usize,
    /// Every token's readings ([`stems`]), computed once: each lexicon
    /// looks every token up, and they all need the same readings.
    readings: Vec<Reading>,
    /// Token `i`'s readings are `readings[reading_at[i]..reading_at[i + 1]]`.
    reading_at: Vec<u32>,
}

/// A reading of a token as a suffix of its text (proclitics are prefixes).
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Bytes stripped from the start of the token's text.
    skip: u8,
    conj: bool,
    prep: Option<char>,
    article: bool,
    key: u64,
    lam_key: Option<u64>,
}

/// The longest sentence, in tokens; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 400;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Separators that may sit between two digits inside one number token.
fn is_inner_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '،' | '٫' | '٬' | '\'')
}

fn is_word_char(c: char) -> bool {
    match c {
        // Fast paths: ASCII, and the Arabic letters hamza … ya (no digits,
        // marks or tatweel in these ranges).
        '\0'..='\x7f' => c.is_ascii_alphabetic(),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic(),
    }
}

fn is_sentence_end(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…")
}

impl Tokenized {
    /// Tokenises `body`, whose first byte sits at `base` in the original file.
    pub fn new(body: &str, base: usize) -> Self {
        let norm = Normalized::new(body);
        let text = norm.as_str();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        let mut space_before = true;
        let mut newline_before = true;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                space_before = true;
                if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                    newline_before = true;
                }
                i += 1;
                continue;
            }
            let kind;
            let mut j = i + 1;
            if is_digit(c) {
                kind = TokenKind::Number;
                while j < chars.len() {
                    let d = chars[j].1;
                    if is_digit(d) {
                        j += 1;
                    } else if is_inner_separator(d) && j + 1 < chars.len() && is_digit(chars[j + 1].1) {
                        j += 2;
                    } else {
                        break;
                    }
                }
            } else if is_word_char(c) {
                kind = TokenKind::Word;
                while j < chars.len() && is_word_char(chars[j].1) {
                    j += 1;
                }
            } else {
                kind = TokenKind::Punct;
            }
            let end = chars.get(j).map(|&(o, _)| o).unwrap_or(text.len());
            let local = norm.to_original(start, end);
            let original = body.get(local.start..local.end).unwrap_or_default();
            let capital = original.chars().next().is_some_and(char::is_uppercase);
            // Only a word that starts with a capital can be all capitals.
            let all_caps = capital
                && original.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            tokens.push(Token {
                kind,
                norm_start: start,
                norm_end: end,
                span: Span::new(local.start + base, local.end + base),
                space_before,
                newline_before,
                capital,
                all_caps,
            });
            space_before = false;
            newline_before = false;
            i = j;
        }
        let mut t =
            Tokenized { norm, tokens, sentences: Vec::new(), base, readings: Vec::new(), reading_at: Vec::new() };
        t.sentences = t.split_sentences();
        let mut readings = Vec::with_capacity(t.tokens.len() * 2);
        let mut reading_at = Vec::with_capacity(t.tokens.len() + 1);
        for i in 0..t.tokens.len() {
            reading_at.push(readings.len() as u32);
            let word = t.text(i);
            readings.extend(stems(word).iter().map(|s| Reading {
                skip: (word.len() - s.stem.len()) as u8,
                conj: s.conj,
                prep: s.prep,
                article: s.article,
                key: s.key,
                lam_key: s.lam_key,
            }));
        }
        reading_at.push(readings.len() as u32);
        t.readings = readings;
        t.reading_at = reading_at;
        t
    }

    /// The readings of token `i` (as [`stems`] gives them; none past the end).
    pub fn stems(&self, i: usize) -> impl Iterator<Item = Stem<'_>> + '_ {
        let word = self.text(i);
        self.readings_of(i).iter().map(move |r| Stem {
            stem: &word[r.skip as usize..],
            conj: r.conj,
            prep: r.prep,
            article: r.article,
            key: r.key,
            lam_key: r.lam_key,
        })
    }

    /// The [`word_key`](super::lexicon::word_key)s of token `i`'s readings
    /// and of their ل + ال forms: enough to rule a token out of a lexicon
    /// without looking at its text.
    #[inline]
    pub fn reading_keys(&self, i: usize) -> impl Iterator<Item = (u64, Option<u64>)> + '_ {
        self.readings_of(i).iter().map(|r| (r.key, r.lam_key))
    }

    /// The [`word_key`](super::lexicon::word_key) of token `i`'s whole
    /// text, computed once with its readings (the first reading is the
    /// word itself).
    pub fn word_key_at(&self, i: usize) -> Option<u64> {
        self.readings_of(i).first().filter(|r| r.skip == 0).map(|r| r.key)
    }

    /// Token `i`'s readings (none past the end).
    fn readings_of(&self, i: usize) -> &[Reading] {
        match (self.reading_at.get(i), self.reading_at.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.readings[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Normalised text of token `i` (empty past the end).
    pub fn text(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(t) => &self.norm.as_str()[t.norm_start..t.norm_end],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Original span covering tokens `first..end` (end exclusive).
    pub fn span(&self, first: usize, end: usize) -> Span {
        match (self.tokens.get(first), end.checked_sub(1).and_then(|l| self.tokens.get(l))) {
            (Some(a), Some(b)) if end > first => a.span.join(b.span),
            (Some(a), _) => Span::new(a.span.start, a.span.start),
            _ => Span::new(self.base, self.base),
        }
    }

    /// Is token `i` the first word of its sentence (punctuation such as
    /// quote marks before it aside)?
    pub fn starts_sentence(&self, i: usize) -> bool {
        let Some(s) = self.sentence_of(i).and_then(|k| self.sentences.get(k)) else { return false };
        (s.first..i).all(|k| self.kind(k) == Some(TokenKind::Punct))
    }

    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.end <= i);
        (k < self.sentences.len() && self.sentences[k].first <= i).then_some(k)
    }

    fn split_sentences(&self) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut first = 0;
        for i in 0..self.tokens.len() {
            if i > first && self.tokens[i].newline_before {
                out.push(self.sentence(first, i));
                first = i;
            }
            // A run with no stop at all (a dump on one line) is cut, at a
            // comma when there is one near the limit: every later step works
            // within a sentence, so this bounds it.
            if i >= first + MAX_SENTENCE_TOKENS {
                let cut = (first + MAX_SENTENCE_TOKENS / 2..i)
                    .rev()
                    .find(|&k| self.tokens[k].kind == TokenKind::Punct)
                    .map(|k| k + 1)
                    .unwrap_or(i);
                out.push(self.sentence(first, cut));
                first = cut;
            }
            if self.tokens[i].kind == TokenKind::Punct && is_sentence_end(self.text(i)) && !self.abbreviation_stop(i) {
                out.push(self.sentence(first, i + 1));
                first = i + 1;
            }
        }
        if first < self.tokens.len() {
            out.push(self.sentence(first, self.tokens.len()));
        }
        out
    }

    /// A stop after a one-letter word inside a line is an abbreviation's
    /// («م. عبداللطيف» the engineer, «د. أحمد», "U.S. forces"), not a
    /// sentence's end; after a figure it is a year's mark («2015م.»).
    fn abbreviation_stop(&self, i: usize) -> bool {
        let letter = |k: usize| self.tokens[k].kind == TokenKind::Word && self.text(k).chars().count() == 1;
        self.text(i) == "."
            && i >= 1
            && letter(i - 1)
            && (i < 2 || self.tokens[i - 2].kind != TokenKind::Number)
            && !self.tokens[i - 1].newline_before
            && self.tokens.get(i + 1).is_some_and(|n| !n.newline_before && n.kind == TokenKind::Word)
    }

    fn sentence(&self, first: usize, end: usize) -> Sentence {
        Sentence { first, end, span: self.span(first, end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Tokenized) -> Vec<&str> {
        (0..t.len()).map(|i| t.text(i)).collect()
    }

    #[test]
    fn digits_keep_inner_separators_only() {
        let t = Tokenized::new("بلغ 1,500 جندي، و١٬٢٠٠ آخرون. 3، 4", 0);
        assert_eq!(texts(&t), ["بلغ", "1,500", "جندي", "،", "و", "1٬200", "اخرون", ".", "3", "،", "4"]);
        assert_eq!(t.kind(1), Some(TokenKind::Number));
    }

    #[test]
    fn spans_point_into_the_original_with_a_base() {
        let body = "نحو ٢٠ ضابطًا";
        let t = Tokenized::new(body, 100);
        let s = t.tokens[2].span;
        assert_eq!(&body[s.start - 100..s.end - 100], "ضابطًا");
        let all = t.span(0, 3);
        assert_eq!(&body[all.start - 100..all.end - 100], body);
    }

    #[test]
    fn sentences_split_on_stops_and_line_breaks_not_decimals() {
        let t = Tokenized::new("أنفق 4.8 مليار. ثم غادر\nسطر آخر", 0);
        assert_eq!(t.sentences.len(), 3);
        assert_eq!(t.text(t.sentences[0].end - 1), ".");
        assert_eq!(t.sentence_of(1), Some(0));
        assert_eq!(t.sentence_of(t.len() - 1), Some(2));
    }

    #[test]
    fn a_one_letter_abbreviation_does_not_end_a_sentence() {
        let t = Tokenized::new("وافق الوزير م. عبداللطيف على القرار. ثم غادر", 0);
        assert_eq!(t.sentences.len(), 2);
        // A year's mark after a figure still ends one.
        let t = Tokenized::new("افتتح عام 2015 م. ثم أغلق", 0);
        assert_eq!(t.sentences.len(), 2);
        // «د.» (doctor) before a name.
        let t = Tokenized::new("قال د. أحمد إن الوضع هادئ.", 0);
        assert_eq!(t.sentences.len(), 1);
    }

    #[test]
    fn runs_without_stops_are_cut_into_bounded_sentences() {
        let body = "كلمة، ".repeat(1000);
        let t = Tokenized::new(&body, 0);
        assert!(t.sentences.len() >= 2000 / MAX_SENTENCE_TOKENS);
        assert!(t.sentences.iter().all(|s| s.end - s.first <= MAX_SENTENCE_TOKENS));
        // Cut after a comma, so no word is split from its comma.
        assert!(t.sentences.iter().all(|s| t.text(s.end - 1) == "،"));
    }

    #[test]
    fn invisible_marks_do_not_split_numbers() {
        let t = Tokenized::new("1\u{200F}000 جندي", 0);
        assert_eq!(texts(&t), ["1000", "جندي"]);
    }

    #[test]
    fn hyphenated_names_keep_joins_visible() {
        let t = Tokenized::new("طائرة سي-17", 0);
        assert_eq!(texts(&t), ["طائره", "سي", "-", "17"]);
        assert!(!t.tokens[3].space_before);
    }
}
