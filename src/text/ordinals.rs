//! Ordinal expressions: `الأول`, `الحادي عشر`, `الخامس والعشرون`,
//! `المئة`, and relative ones such as `التالي` or `قبل الأخير`.
//!
//! Owns reading a run of tokens into an [`OrdinalMatch`]. The ordinal words
//! and relative phrases come from `rules/ordinals.toml`; the cardinal words
//! that ordinals share (`العشرون`, `المئة`, `الأحد عشر`) come from the
//! [`NumberLexicon`], so both files stay the single place for their words.
//! It never fails on text and does not decide what an ordinal ranks; the
//! number parser, in turn, never reads an ordinal as a quantity.

// `RuleError` (owned by `rules`) is large; the loader API returns it as is.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::lexicon::{PhraseMatcher, StartGate, WordMap};
use super::normalize::normalize_str;
use super::numbers::{NumberLexicon, NumberWord};
use super::token::{TokenKind, Tokenized};
use crate::rules::{RuleError, RuleFile, RuleSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalsFile {
    #[serde(default)]
    word: Vec<WordEntry>,
    #[serde(default)]
    relative: Vec<RelativeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordEntry {
    value: Spanned<i64>,
    #[serde(default)]
    forms: Vec<Spanned<String>>,
    #[serde(default)]
    definite_forms: Vec<Spanned<String>>,
    #[serde(default)]
    compound_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeEntry {
    to: Spanned<String>,
    offset: Spanned<i64>,
    forms: Vec<Spanned<String>>,
}

/// Where a relative ordinal counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeTo {
    /// The current item: `التالي` is current + 1.
    Current,
    /// The end of a list: `الأخير` is end + 0, `قبل الأخير` end − 1.
    End,
}

/// The value of an ordinal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ordinal {
    /// A position counted from the start: `الحادي عشر` = 11.
    Position(f64),
    /// A position relative to the current item or the end.
    Relative { to: RelativeTo, offset: i64 },
}

/// An ordinal found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct OrdinalMatch {
    pub tokens: Range<usize>,
    pub value: Ordinal,
}

#[derive(Debug, Clone, Copy)]
struct OrdinalWord {
    value: f64,
    definite_only: bool,
    compound_only: bool,
}

/// The ordinal words and relative phrases of `rules/ordinals.toml`.
#[derive(Debug, Clone)]
pub struct OrdinalLexicon {
    /// Where a match can start (built from this file's words).
    start: StartGate,
    words: WordMap<Vec<OrdinalWord>>,
    relative: PhraseMatcher<(RelativeTo, i64)>,
}

/// One word of an ordinal, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// An ordinal word proper (`ثالث`); `compound_only` for `حادي`.
    Ordinal { value: f64, compound_only: bool },
    /// A cardinal word with the article (`العشرون`, `الواحد`).
    Cardinal(NumberWord),
}

impl OrdinalLexicon {
    /// Parses and validates an ordinals rule file; errors point into the file.
    pub fn from_file(file: &RuleFile) -> Result<Self, RuleError> {
        let raw: OrdinalsFile = file.parse()?;
        let mut words: WordMap<Vec<OrdinalWord>> = WordMap::new();
        let word = |s: &Spanned<String>| -> Result<String, RuleError> {
            let n = normalize_str(s.get_ref());
            if n.is_empty() || n.contains(' ') {
                return Err(RuleError::at(file, s.span(), format!("`{}` must be one word", s.get_ref())));
            }
            if n.starts_with("ال") {
                return Err(RuleError::at(
                    file,
                    s.span(),
                    format!("write `{}` without the article; it is read with or without it", s.get_ref()),
                ));
            }
            Ok(n)
        };
        for e in &raw.word {
            let v = *e.value.get_ref();
            if !(1..=10).contains(&v) {
                return Err(RuleError::at(file, e.value.span(), "an ordinal word must have a value from 1 to 10"));
            }
            if e.forms.is_empty() && e.definite_forms.is_empty() {
                return Err(RuleError::at(file, e.value.span(), "an ordinal word needs `forms` or `definite_forms`"));
            }
            for (list, definite_only) in [(&e.forms, false), (&e.definite_forms, true)] {
                for f in list {
                    words.entry(&word(f)?).push(OrdinalWord {
                        value: v as f64,
                        definite_only,
                        compound_only: e.compound_only,
                    });
                }
            }
        }
        let mut relative = PhraseMatcher::new();
        for e in &raw.relative {
            let to = match e.to.get_ref().as_str() {
                "current" => RelativeTo::Current,
                "end" => RelativeTo::End,
                other => {
                    return Err(RuleError::at(
                        file,
                        e.to.span(),
                        format!("unknown `to = \"{other}\"`; expected \"current\" or \"end\""),
                    ))
                }
            };
            if e.forms.is_empty() {
                return Err(RuleError::at(file, e.to.span(), "a relative ordinal needs `forms`"));
            }
            for f in &e.forms {
                let n = normalize_str(f.get_ref());
                if n.is_empty() {
                    return Err(RuleError::at(file, f.span(), "empty phrase"));
                }
                relative.insert(&n, (to, *e.offset.get_ref()));
            }
        }
        let start = StartGate::new(file.strings()?.iter().map(String::as_str));
        Ok(OrdinalLexicon { start, words, relative })
    }

    /// The compiled-in `rules/ordinals.toml`.
    pub fn builtin() -> Self {
        let file = RuleSource::builtin().file("ordinals.toml").expect("built-in ordinals.toml exists");
        Self::from_file(&file).expect("built-in ordinals.toml is valid")
    }

    /// This lexicon with its [`StartGate`] open: every token is tried.
    /// Slower and otherwise identical; tests compare the two.
    pub fn ungated(&self) -> Self {
        Self { start: StartGate::open(), ..self.clone() }
    }

    /// Can an ordinal start at token `i`? Its words come from this file
    /// and the numbers file. See [`StartGate`].
    pub fn starts(&self, numbers: &NumberLexicon, t: &Tokenized, i: usize) -> bool {
        self.start.admits(t, i) || numbers.starts(t, i)
    }

    /// All ordinals in a token range, left to right, non-overlapping.
    pub fn find_all(&self, numbers: &NumberLexicon, t: &Tokenized, range: Range<usize>) -> Vec<OrdinalMatch> {
        super::scan(t, range, |i| self.starts(numbers, t, i), |i| self.parse_at(numbers, t, i), |m| m.tokens.end)
    }

    /// The ordinal starting at token `i`, longest match; a relative phrase
    /// wins over a plain ordinal of the same length or shorter.
    pub fn parse_at(&self, numbers: &NumberLexicon, t: &Tokenized, i: usize) -> Option<OrdinalMatch> {
        let relative = self.relative.all_at(t, i).into_iter().next().map(|m| OrdinalMatch {
            tokens: m.tokens.clone(),
            value: Ordinal::Relative { to: m.value.0, offset: m.value.1 },
        });
        let plain = self.position_at(numbers, t, i);
        match (relative, plain) {
            (Some(r), Some(p)) if p.tokens.end > r.tokens.end => Some(p),
            (Some(r), _) => Some(r),
            (None, p) => p,
        }
    }

    /// The readings of word token `i`; the first word may carry clitics,
    /// later ones (`first == false`) only the article.
    fn parts(&self, numbers: &NumberLexicon, t: &Tokenized, i: usize, first: bool) -> Vec<(Part, bool)> {
        if t.kind(i) != Some(TokenKind::Word) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for s in t.stems(i) {
            if !first && (s.conj || s.prep.is_some()) {
                continue;
            }
            for w in self.words.get_stem(&s).into_iter().flatten() {
                if w.definite_only && !s.article {
                    continue;
                }
                out.push((Part::Ordinal { value: w.value, compound_only: w.compound_only }, s.article));
            }
            if s.article {
                for w in numbers.number_word(s.stem) {
                    out.push((Part::Cardinal(w), true));
                }
            }
        }
        out
    }

    /// A position ordinal at `i`: `الأول`, `الحادي عشر`, `الخامس والعشرون`.
    fn position_at(&self, numbers: &NumberLexicon, t: &Tokenized, i: usize) -> Option<OrdinalMatch> {
        let mut best: Option<(usize, f64)> = None;
        for (part, _) in self.parts(numbers, t, i, true) {
            let Some((end, value)) = self.compound_from(numbers, t, i, part) else {
                continue;
            };
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, value));
            }
        }
        best.map(|(end, value)| OrdinalMatch { tokens: i..end, value: Ordinal::Position(value) })
    }

    /// Extends a first part at `i` through a teen suffix and parts joined by
    /// و; `None` when the result is not an ordinal.
    fn compound_from(&self, numbers: &NumberLexicon, t: &Tokenized, i: usize, first: Part) -> Option<(usize, f64)> {
        let unit_value = |p: Part| match p {
            Part::Ordinal { value, .. } | Part::Cardinal(NumberWord::Unit(value)) => Some(value),
            _ => None,
        };
        let mut end = i + 1;
        let mut total;
        // What the last part was: 0 = unit or teen, 1 = ten, 2 = hundred or scale.
        let mut last_rank;
        let mut compound = false;
        match first {
            Part::Cardinal(NumberWord::Ten(v)) => {
                total = v;
                last_rank = 1;
            }
            Part::Cardinal(NumberWord::Hundred(v) | NumberWord::Scale(v)) => {
                total = v;
                last_rank = 2;
            }
            p => {
                let v = unit_value(p)?;
                total = v;
                last_rank = 0;
                if (1.0..=9.0).contains(&v)
                    && t.kind(end) == Some(TokenKind::Word)
                    && numbers.is_teen_suffix(t.text(end))
                {
                    total += 10.0;
                    end += 1;
                    compound = true;
                }
            }
        }
        // Later parts: "و" + a definite part, or a definite part with و attached.
        loop {
            let (k, joined) = if t.text(end) == "و" { (end + 1, true) } else { (end, false) };
            let mut next = None;
            for s in t.stems(k) {
                if s.prep.is_some() || !s.article || s.conj == joined || t.kind(k) != Some(TokenKind::Word) {
                    continue;
                }
                let part = self
                    .words
                    .get_stem(&s)
                    .and_then(|w| w.first())
                    .map(|w| Part::Ordinal { value: w.value, compound_only: w.compound_only })
                    .or_else(|| numbers.number_word(s.stem).first().copied().map(Part::Cardinal));
                if part.is_some() {
                    next = part;
                    break;
                }
            }
            let Some(part) = next else { break };
            let (value, rank, teen_ok) = match part {
                Part::Cardinal(NumberWord::Ten(v)) => (v, 1, false),
                Part::Cardinal(NumberWord::Hundred(_) | NumberWord::Scale(_)) => break,
                p => match unit_value(p) {
                    Some(v) => (v, 0, true),
                    None => break,
                },
            };
            // Units come after hundreds, tens after units or hundreds.
            let fits = match rank {
                0 => last_rank == 2,
                _ => last_rank == 0 && total % 100.0 < 10.0 || last_rank == 2,
            };
            if !fits {
                break;
            }
            total += value;
            end = k + 1;
            last_rank = rank;
            compound = true;
            if teen_ok && t.kind(end) == Some(TokenKind::Word) && numbers.is_teen_suffix(t.text(end)) {
                total += 10.0;
                end += 1;
            }
        }
        match first {
            Part::Ordinal { compound_only: true, .. } if !compound => return None,
            // "الثلاثة" is "the three", not "the third".
            Part::Cardinal(NumberWord::Unit(_)) if !compound => return None,
            _ => {}
        }
        Some((end, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(input: &str) -> Vec<Ordinal> {
        let t = Tokenized::new(input, 0);
        OrdinalLexicon::builtin()
            .find_all(&NumberLexicon::builtin(), &t, 0..t.len())
            .into_iter()
            .map(|m| m.value)
            .collect()
    }

    fn position(input: &str) -> Option<f64> {
        found(input).into_iter().find_map(|o| match o {
            Ordinal::Position(x) => Some(x),
            _ => None,
        })
    }

    #[test]
    fn builtin_rules_load() {
        let _ = OrdinalLexicon::builtin();
    }

    #[test]
    fn first_to_tenth_with_and_without_the_article() {
        assert_eq!(position("للمرة الأولى"), Some(1.0));
        assert_eq!(position("أول زيارة"), Some(1.0));
        assert_eq!(position("الجولة الثانية"), Some(2.0));
        assert_eq!(position("ثالث أكبر"), Some(3.0));
        assert_eq!(position("اليوم العاشر"), Some(10.0));
    }

    #[test]
    fn a_bare_second_of_time_is_not_an_ordinal() {
        assert_eq!(found("خلال 30 ثانية"), []);
        assert_eq!(position("الساعة الثانية"), Some(2.0));
    }

    #[test]
    fn teens_with_ordinal_or_cardinal_units() {
        assert_eq!(position("الطابق الحادي عشر"), Some(11.0));
        assert_eq!(position("الدورة الحادية عشرة"), Some(11.0));
        assert_eq!(position("الثالثة عشرة"), Some(13.0));
        assert_eq!(position("الأحد عشر"), Some(11.0));
        assert_eq!(position("الاثنى عشر"), Some(12.0));
    }

    #[test]
    fn compounds_with_tens_and_hundreds() {
        assert_eq!(position("الذكرى الحادية والعشرين"), Some(21.0));
        assert_eq!(position("الخامس و العشرون"), Some(25.0));
        assert_eq!(position("الواحد والثلاثون"), Some(31.0));
        assert_eq!(position("المئة والخامسة والعشرون"), Some(125.0));
        assert_eq!(position("العشرون"), Some(20.0));
        assert_eq!(position("التسعين"), Some(90.0));
    }

    #[test]
    fn definite_cardinal_units_alone_are_not_ordinals() {
        assert_eq!(found("الكتب الثلاثة"), []);
        assert_eq!(found("حادي"), []);
        assert_eq!(found("أحد عشر لاعبا"), []);
    }

    #[test]
    fn relative_ordinals() {
        assert_eq!(found("الصفحة التالية"), [Ordinal::Relative { to: RelativeTo::Current, offset: 1 }]);
        assert_eq!(found("قبل الأخير"), [Ordinal::Relative { to: RelativeTo::End, offset: -1 }]);
        assert_eq!(found("الثانية إلى الأخيرة"), [Ordinal::Relative { to: RelativeTo::End, offset: -1 }]);
        assert_eq!(found("الجملة الأخيرة"), [Ordinal::Relative { to: RelativeTo::End, offset: 0 }]);
    }

    #[test]
    fn bad_rules_point_at_the_line() {
        let file = RuleFile::new(
            "rules/ordinals.toml",
            "[[word]]\nvalue = 1\nforms = [\"أول\"]\n\n[[word]]\nvalue = 11\nforms = [\"x\"]\n",
        );
        let err = OrdinalLexicon::from_file(&file).expect_err("bad value");
        assert_eq!((err.file.as_str(), err.line), ("rules/ordinals.toml", 6));
        let file = RuleFile::new("o.toml", "[[relative]]\nto = \"start\"\noffset = 1\nforms = [\"التالي\"]\n");
        let err = OrdinalLexicon::from_file(&file).expect_err("bad to");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("current"), "{}", err.message);
        let file = RuleFile::new("o.toml", "[[word]]\nvalue = 1\nforms = [\"الأول\"]\n");
        let err = OrdinalLexicon::from_file(&file).expect_err("article");
        assert_eq!(err.line, 3);
        let file = RuleFile::new("o.toml", "[[word]]\nvalue = 1\ncolour = 2\nforms = [\"أول\"]\n");
        assert_eq!(OrdinalLexicon::from_file(&file).expect_err("unknown field").line, 3);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let numbers = NumberLexicon::builtin();
        let o = OrdinalLexicon::builtin();
        for s in ["", "و", "الحادي و", "الأول و و", "عشر", "قبل"] {
            let t = Tokenized::new(s, 0);
            for i in 0..=t.len() + 1 {
                let _ = o.parse_at(&numbers, &t, i);
            }
        }
    }
}
