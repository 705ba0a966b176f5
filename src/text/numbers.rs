//! Number expressions: digits, Arabic number words, vague quantities and
//! hedges, read into intervals.
//!
//! Owns turning a run of tokens such as `نحو ثلاثة آلاف وخمسمائة`,
//! `4.8 مليار`, `عشرات الآلاف` or `20 ونيف` into a [`NumberMatch`] whose
//! value is an [`Interval`]. Every word it knows, every hedge and every
//! vague quantity comes from `rules/numbers.toml`; this module only knows
//! the grammar that combines them. It never fails on text: anything that is
//! not a number is simply not matched. It does not decide what is counted,
//! and it does not read ordinals, years or percentages as anything special.

// `RuleError` (owned by `rules`) is large; the loader API returns it as is.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::lexicon::{PhraseMatcher, StartGate, WordMap};
use super::normalize::normalize_str;
use super::token::{TokenKind, Tokenized};
use crate::rules::{RuleError, RuleFile, RuleSource};
use crate::value::Interval;

// ---------------------------------------------------------------------------
// Rule file schema
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    /// Run by `examples`, not read here.
    #[serde(rename = "example", default)]
    _examples: Vec<serde::de::IgnoredAny>,
    separators: SeparatorsEntry,
    #[serde(default)]
    unit: Vec<WordEntry>,
    #[serde(default)]
    teens: TeensEntry,
    #[serde(default)]
    teen: Vec<WordEntry>,
    #[serde(default)]
    ten: Vec<WordEntry>,
    #[serde(default)]
    hundred: Vec<WordEntry>,
    #[serde(default)]
    scale: Vec<ScaleEntry>,
    #[serde(default)]
    construct: ConstructEntry,
    #[serde(default)]
    compound: CompoundEntry,
    #[serde(default)]
    definite: DefiniteEntry,
    #[serde(default)]
    fraction: Vec<FractionEntry>,
    #[serde(default)]
    vague: Vec<VagueEntry>,
    #[serde(default)]
    suffix: Vec<SuffixEntry>,
    #[serde(default)]
    hedge: Vec<HedgeEntry>,
    #[serde(default)]
    not_numbers: NotNumbersEntry,
    #[serde(default)]
    negative: WordListEntry,
    #[serde(default)]
    range: Vec<RangeEntry>,
    #[serde(default)]
    decimal_point: WordListEntry,
    #[serde(default)]
    fraction_alone: FractionAloneEntry,
    #[serde(default)]
    ratio: RatioEntry,
    #[serde(default)]
    collective: Vec<CollectiveEntry>,
    #[serde(default)]
    percent: PercentEntry,
}

/// What makes a number a percentage: `في المائة`, `بالمئة`, `%`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PercentEntry {
    /// Phrases after the number.
    #[serde(default)]
    words: Vec<Spanned<String>>,
    /// Signs after the number, written against it or not.
    #[serde(default)]
    signs: Vec<Spanned<String>>,
}

/// Measure words before which a fraction may stand alone (`ربع كيلو`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FractionAloneEntry {
    #[serde(default)]
    before: Vec<Spanned<String>>,
}

/// The words of ratios: `واحد على ثلاثة`, `جزء من مئة`, `واحد من ألف`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatioEntry {
    #[serde(default)]
    over: Vec<Spanned<String>>,
    #[serde(default)]
    part: Vec<Spanned<String>>,
    #[serde(default)]
    parts: Vec<Spanned<String>>,
    #[serde(default)]
    of: Vec<Spanned<String>>,
    #[serde(default)]
    every: Vec<Spanned<String>>,
    #[serde(default)]
    cue: Vec<Spanned<String>>,
}

/// A noun naming a fixed count: `دزينة` = 12.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectiveEntry {
    value: Spanned<f64>,
    #[serde(default)]
    singular: Vec<Spanned<String>>,
    #[serde(default)]
    dual: Vec<Spanned<String>>,
    #[serde(default)]
    plural: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeEntry {
    #[serde(default)]
    before: Vec<Spanned<String>>,
    between: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
struct RangeForm {
    /// Normalised phrases, as their words.
    before: Vec<Vec<String>>,
    between: Vec<String>,
}

/// A list of single words with one meaning, such as `[negative]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordListEntry {
    #[serde(default)]
    words: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeparatorsEntry {
    #[serde(default)]
    thousands: Vec<Spanned<String>>,
    #[serde(default)]
    decimal: Vec<Spanned<String>>,
    #[serde(default)]
    ambiguous: Vec<Spanned<String>>,
    /// Letters written for a decimal point between the fraction and the
    /// whole number, in that order (`2ر3` = 3.2).
    #[serde(default)]
    reversed_decimal: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordEntry {
    value: Spanned<f64>,
    forms: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    standalone: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FractionEntry {
    value: Spanned<f64>,
    forms: Vec<Spanned<String>>,
    /// Two of it, a number by itself: "ثلثان", "ثلثا".
    #[serde(default)]
    dual: Vec<Spanned<String>>,
    /// After a number 3-10: "ثلاثة أرباع" = 0.75.
    #[serde(default)]
    plural: Vec<Spanned<String>>,
    /// Also read alone before a definite noun or a measure word.
    #[serde(default)]
    alone: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeensEntry {
    #[serde(default)]
    suffix: Vec<Spanned<String>>,
}

/// How the parts of one number are joined: `و` or `and` between words
/// («خمسمائة وعشرون», «five hundred and twenty»), and a mark written
/// between a ten and a unit with no space («forty-nine»).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompoundEntry {
    #[serde(default)]
    joiners: Vec<Spanned<String>>,
    #[serde(default)]
    ten_unit: Vec<Spanned<String>>,
    #[serde(default)]
    vague_of: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleEntry {
    value: Spanned<f64>,
    id: String,
    #[serde(default)]
    singular: Vec<Spanned<String>>,
    #[serde(default)]
    dual: Vec<Spanned<String>>,
    #[serde(default)]
    plural: Vec<Spanned<String>>,
    #[serde(default)]
    ambiguous: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConstructEntry {
    #[serde(default)]
    not_before: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefiniteEntry {
    #[serde(default)]
    ok_after: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    id: String,
    forms: Vec<Spanned<String>>,
    lo: Spanned<f64>,
    hi: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuffixEntry {
    id: String,
    forms: Vec<Spanned<String>>,
    lo: Spanned<String>,
    hi: Spanned<String>,
    #[serde(default)]
    lo_open: bool,
    #[serde(default)]
    hi_open: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgeEntry {
    id: Spanned<String>,
    lo: Spanned<String>,
    hi: Spanned<String>,
    #[serde(default)]
    lo_open: bool,
    #[serde(default)]
    hi_open: bool,
    #[serde(default)]
    before: Vec<Spanned<String>>,
    #[serde(default)]
    after: Vec<Spanned<String>>,
    #[serde(default)]
    fillers: Vec<Spanned<String>>,
    #[serde(default)]
    direct: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotNumbersEntry {
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
}

// ---------------------------------------------------------------------------
// Compiled lexicon
// ---------------------------------------------------------------------------

/// A bound formula on the stated number `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Formula {
    /// A constant, e.g. `0`.
    Const(f64),
    /// `k·x`; plain `x` is `Times(1.0)`.
    Times(f64),
    /// `x` plus the place value of its first digit: 20 → 30, 300 → 400.
    PlusPlace,
    /// No bound.
    Inf,
}

impl Formula {
    fn parse(s: &str) -> Option<Formula> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        match s.as_str() {
            "inf" => return Some(Formula::Inf),
            "x" => return Some(Formula::Times(1.0)),
            "x+place" => return Some(Formula::PlusPlace),
            _ => {}
        }
        if let Some(k) = s.strip_suffix('x') {
            let k = k.strip_suffix('*').unwrap_or(k);
            return k.parse::<f64>().ok().filter(|k| k.is_finite() && *k >= 0.0).map(Formula::Times);
        }
        s.parse::<f64>().ok().filter(|c| c.is_finite()).map(Formula::Const)
    }

    fn eval(self, x: Option<f64>) -> Option<f64> {
        match self {
            Formula::Const(c) => Some(c),
            Formula::Times(k) => x.map(|x| tidy(k * x)),
            Formula::PlusPlace => x.map(|x| tidy(x + place(x))),
            Formula::Inf => None,
        }
    }
}

/// The place value of the first digit of `x` (1 for numbers below 10).
fn place(x: f64) -> f64 {
    if !x.is_finite() || x < 10.0 {
        return 1.0;
    }
    10f64.powi(x.log10().floor() as i32)
}

/// Rounds away binary noise (`4.8 × 1e9`, `0.9 × 1000`) to 15 significant digits.
fn tidy(x: f64) -> f64 {
    // A whole number under 10^15 already has at most 15 significant
    // digits: the round trip below would give it back unchanged (and it
    // is most numbers, so the text formatting is skipped for them).
    if !x.is_finite() || x == 0.0 || (x.fract() == 0.0 && x.abs() < 1e15) {
        return x;
    }
    format!("{x:.14e}").parse::<f64>().unwrap_or(x)
}

#[derive(Debug, Clone, Copy)]
struct Bound {
    formula: Formula,
    open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScaleForm {
    Singular,
    Dual,
    Plural,
    /// `ألفا`: singular with tanween, or the construct dual.
    Ambiguous,
}

#[derive(Debug, Clone, Copy)]
enum Sense {
    Unit {
        value: f64,
        standalone: bool,
    },
    /// 11-19 as one word: the Egyptian `حداشر`, `تلتاشر`.
    Teen(f64),
    Ten(f64),
    /// `standalone = false`: only inside a compound (`متين وعشرة`).
    Hundred {
        value: f64,
        standalone: bool,
    },
    Scale {
        index: usize,
        form: ScaleForm,
    },
    Fraction(f64),
    /// Two parts: "ثلثان" = 2/3.
    FractionDual(f64),
    /// The plural denominator after a numerator: "أرباع" in "ثلاثة أرباع".
    FractionPlural(f64),
    /// A noun naming a count: "دزينة" = 12 (`value` is one of it).
    Collective {
        value: f64,
        form: ScaleForm,
    },
}

#[derive(Debug, Clone)]
struct Scale {
    value: f64,
    id: String,
}

#[derive(Debug, Clone)]
struct Hedge {
    id: String,
    lo: Bound,
    hi: Bound,
    fillers: Vec<String>,
    direct: bool,
}

#[derive(Debug, Clone)]
struct Vague {
    id: String,
    lo: f64,
    hi: f64,
}

#[derive(Debug, Clone)]
struct Suffix {
    id: String,
    lo: Bound,
    hi: Bound,
}

#[derive(Debug, Clone, Default)]
struct Separators {
    thousands: Vec<char>,
    decimal: Vec<char>,
    ambiguous: Vec<char>,
    /// Normalised letters (`ر`) of a decimal point written after the
    /// fraction.
    reversed_decimal: Vec<String>,
}

/// The number words, hedges and vague quantities of `rules/numbers.toml`,
/// compiled for lookup.
#[derive(Debug, Clone)]
pub struct NumberLexicon {
    /// Where a match can start (built from this file's words).
    start: StartGate,
    words: WordMap<Vec<Sense>>,
    teen_suffix: Vec<String>,
    /// Words between the parts of one number, standing alone.
    joiners: Vec<String>,
    /// Marks between a ten and a unit, joined to both («forty-nine»).
    ten_unit: Vec<String>,
    /// Words between a vague number and the plural scale it multiplies
    /// («tens of thousands»).
    vague_of: Vec<String>,
    scales: Vec<Scale>,
    not_construct_before: Vec<String>,
    definite_ok: Vec<String>,
    vague: Vec<Vague>,
    vague_words: PhraseMatcher<usize>,
    suffixes: Vec<Suffix>,
    suffix_words: PhraseMatcher<usize>,
    hedges: Vec<Hedge>,
    hedge_before: PhraseMatcher<usize>,
    hedge_after: PhraseMatcher<usize>,
    not_numbers: PhraseMatcher<()>,
    separators: Separators,
    negative: Vec<String>,
    decimal_words: Vec<String>,
    ranges: Vec<RangeForm>,
    /// Fraction words read alone before a definite noun (`نصف السكان`).
    alone_fractions: WordMap<f64>,
    fraction_alone_before: Vec<String>,
    ratio: RatioWords,
    percent_words: PhraseMatcher<()>,
    percent_signs: Vec<String>,
}

/// The words of `[ratio]`, normalised.
#[derive(Debug, Clone, Default)]
struct RatioWords {
    over: Vec<String>,
    part: Vec<String>,
    parts: Vec<String>,
    of: Vec<String>,
    every: Vec<String>,
    cue: Vec<String>,
}

/// A single cardinal word as [`NumberLexicon::number_word`] reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// 0-10, or a teen written as one word (`حداشر` = 11).
    Unit(f64),
    /// 20, 30, ... 90.
    Ten(f64),
    /// 100, 200, ... 900.
    Hundred(f64),
    /// 1000, 1e6, ...; a dual (`ألفان`) is twice its scale.
    Scale(f64),
}

/// Two numbers stated as a range ("10-20", "من 10 إلى 20").
#[derive(Debug, Clone, PartialEq)]
pub struct NumberRange {
    pub tokens: Range<usize>,
    pub lo: f64,
    pub hi: f64,
}

/// A number expression found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// All tokens covered, hedge included.
    pub tokens: Range<usize>,
    /// Tokens of the number itself (no hedge).
    pub core: Range<usize>,
    /// Final value after hedging and vagueness.
    pub value: Interval,
    /// The number as written; `None` for a pure vague word like مئات.
    pub stated: Option<f64>,
    /// Hedge id from the rules, e.g. `about`, `more-than`.
    pub hedge: Option<String>,
    /// Vague quantity id, e.g. `hundreds`, `tens-of-thousands`, `odd`.
    pub vague: Option<String>,
    /// A percentage (`70 في المائة`, `40%`): a share, never a count. The
    /// percent words are in `tokens`, not in `core`.
    pub percent: bool,
}

/// A hedge phrase found before a number, for callers (money) that need to
/// put something between the hedge and the number (`نحو $20`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HedgePhrase {
    pub tokens: Range<usize>,
    pub id: String,
    index: usize,
}

/// Collects rule errors while compiling, so the first one is reported.
struct Compiler<'a> {
    file: &'a RuleFile,
}

impl Compiler<'_> {
    fn err<T>(&self, span: Range<usize>, msg: impl Into<String>) -> Result<T, RuleError> {
        Err(RuleError::at(self.file, span, msg))
    }

    /// A normalised single word; errors on empty or multi-word forms.
    fn word(&self, s: &Spanned<String>) -> Result<String, RuleError> {
        let n = normalize_str(s.get_ref());
        if n.is_empty() {
            return self.err(s.span(), "empty form");
        }
        if n.contains(' ') {
            return self.err(s.span(), format!("`{}` must be a single word", s.get_ref()));
        }
        Ok(n)
    }

    fn phrase(&self, s: &Spanned<String>) -> Result<String, RuleError> {
        let n = normalize_str(s.get_ref());
        if n.is_empty() {
            return self.err(s.span(), "empty phrase");
        }
        Ok(n)
    }

    fn formula(&self, s: &Spanned<String>, open: bool, is_lo: bool) -> Result<Bound, RuleError> {
        let Some(formula) = Formula::parse(s.get_ref()) else {
            return self.err(
                s.span(),
                format!(
                    "unknown formula `{}`; expected x, a multiple like 0.9x, x+place, a constant like 0, or inf",
                    s.get_ref()
                ),
            );
        };
        if is_lo && formula == Formula::Inf {
            return self.err(s.span(), "a lower bound cannot be inf");
        }
        Ok(Bound { formula, open })
    }

    fn separator(&self, s: &Spanned<String>) -> Result<char, RuleError> {
        let mut chars = s.get_ref().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_alphanumeric() && !c.is_whitespace() => Ok(c),
            _ => self.err(s.span(), "a separator must be one punctuation character"),
        }
    }
}

fn in_range(v: &Spanned<f64>, lo: f64, hi: f64) -> bool {
    let x = *v.get_ref();
    x.is_finite() && x >= lo && x <= hi
}

impl NumberLexicon {
    /// Parses and validates a numbers rule file; errors point into the file.
    pub fn from_file(file: &RuleFile) -> Result<Self, RuleError> {
        let raw: NumbersFile = file.parse()?;
        let c = Compiler { file };
        let mut words: WordMap<Vec<Sense>> = WordMap::new();
        let mut add = |w: String, s: Sense| words.entry(&w).push(s);

        for e in &raw.unit {
            if !in_range(&e.value, 0.0, 10.0) || e.value.get_ref().fract() != 0.0 {
                return c.err(e.value.span(), "a unit must be a whole number from 0 to 10");
            }
            for f in &e.forms {
                add(c.word(f)?, Sense::Unit { value: *e.value.get_ref(), standalone: e.standalone });
            }
        }
        for e in &raw.teen {
            let v = *e.value.get_ref();
            if !in_range(&e.value, 11.0, 19.0) || v.fract() != 0.0 {
                return c.err(e.value.span(), "a teen must be a whole number from 11 to 19");
            }
            for f in &e.forms {
                add(c.word(f)?, Sense::Teen(v));
            }
        }
        for e in &raw.ten {
            let v = *e.value.get_ref();
            if !in_range(&e.value, 20.0, 90.0) || v % 10.0 != 0.0 {
                return c.err(e.value.span(), "a ten must be 20, 30, ... 90");
            }
            for f in &e.forms {
                add(c.word(f)?, Sense::Ten(v));
            }
        }
        for e in &raw.hundred {
            let v = *e.value.get_ref();
            if !in_range(&e.value, 100.0, 900.0) || v % 100.0 != 0.0 {
                return c.err(e.value.span(), "a hundred must be 100, 200, ... 900");
            }
            for f in &e.forms {
                add(c.word(f)?, Sense::Hundred { value: v, standalone: e.standalone });
            }
        }
        let mut scales = Vec::new();
        for e in &raw.scale {
            let v = *e.value.get_ref();
            if !in_range(&e.value, 1000.0, 1e15) {
                return c.err(e.value.span(), "a scale must be at least 1000");
            }
            let index = scales.len();
            scales.push(Scale { value: v, id: e.id.clone() });
            for (forms, form) in [
                (&e.singular, ScaleForm::Singular),
                (&e.dual, ScaleForm::Dual),
                (&e.plural, ScaleForm::Plural),
                (&e.ambiguous, ScaleForm::Ambiguous),
            ] {
                for f in forms {
                    add(c.word(f)?, Sense::Scale { index, form });
                }
            }
        }
        for e in &raw.fraction {
            if !in_range(&e.value, 0.0, 1.0) || *e.value.get_ref() == 0.0 || *e.value.get_ref() == 1.0 {
                return c.err(e.value.span(), "a fraction must lie strictly between 0 and 1");
            }
            for f in &e.forms {
                add(c.word(f)?, Sense::Fraction(*e.value.get_ref()));
            }
            for f in &e.dual {
                add(c.word(f)?, Sense::FractionDual(*e.value.get_ref()));
            }
            for f in &e.plural {
                add(c.word(f)?, Sense::FractionPlural(*e.value.get_ref()));
            }
        }
        for e in &raw.collective {
            let v = *e.value.get_ref();
            if !in_range(&e.value, 2.0, 1000.0) || v.fract() != 0.0 {
                return c.err(e.value.span(), "a collective must be a whole number from 2 to 1000");
            }
            for (forms, form) in
                [(&e.singular, ScaleForm::Singular), (&e.dual, ScaleForm::Dual), (&e.plural, ScaleForm::Plural)]
            {
                for f in forms {
                    add(c.word(f)?, Sense::Collective { value: v, form });
                }
            }
        }
        let mut alone_fractions = WordMap::new();
        for e in raw.fraction.iter().filter(|e| e.alone) {
            for f in &e.forms {
                alone_fractions.insert(&c.word(f)?, *e.value.get_ref());
            }
        }
        let words_of = |l: &[Spanned<String>]| l.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>();
        let fraction_alone_before = words_of(&raw.fraction_alone.before)?;
        let ratio = RatioWords {
            over: words_of(&raw.ratio.over)?,
            part: words_of(&raw.ratio.part)?,
            parts: words_of(&raw.ratio.parts)?,
            of: words_of(&raw.ratio.of)?,
            every: words_of(&raw.ratio.every)?,
            cue: words_of(&raw.ratio.cue)?,
        };
        let teen_suffix = raw.teens.suffix.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let joiners = raw.compound.joiners.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let ten_unit = raw.compound.ten_unit.iter().map(|f| c.phrase(f)).collect::<Result<Vec<_>, _>>()?;
        let vague_of = raw.compound.vague_of.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let not_construct_before = raw.construct.not_before.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let definite_ok = raw.definite.ok_after.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let negative = raw.negative.words.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let decimal_words = raw.decimal_point.words.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
        let mut ranges = Vec::new();
        for r in &raw.range {
            if r.between.is_empty() {
                return c.err(0..0, "a [[range]] needs `between` words");
            }
            let before = r
                .before
                .iter()
                .map(|f| Ok(c.phrase(f)?.split(' ').map(str::to_string).collect()))
                .collect::<Result<Vec<_>, _>>()?;
            let mut between = Vec::new();
            for f in &r.between {
                let n = normalize_str(f.get_ref());
                if n.is_empty() || n.contains(' ') {
                    return c.err(f.span(), "a `between` entry must be one word or sign");
                }
                between.push(n);
            }
            ranges.push(RangeForm { before, between });
        }

        let mut vague = Vec::new();
        let mut vague_words = PhraseMatcher::new();
        for e in &raw.vague {
            let (lo, hi) = (*e.lo.get_ref(), *e.hi.get_ref());
            if !(lo.is_finite() && lo >= 0.0) {
                return c.err(e.lo.span(), "lo must be a number of at least 0");
            }
            if !hi.is_finite() || lo > hi {
                return c.err(e.lo.span(), format!("lo ({lo}) is greater than hi ({hi})"));
            }
            for f in &e.forms {
                vague_words.insert(&c.phrase(f)?, vague.len());
            }
            vague.push(Vague { id: e.id.clone(), lo, hi });
        }

        let mut suffixes = Vec::new();
        let mut suffix_words = PhraseMatcher::new();
        for e in &raw.suffix {
            let lo = c.formula(&e.lo, e.lo_open, true)?;
            let hi = c.formula(&e.hi, e.hi_open, false)?;
            for f in &e.forms {
                suffix_words.insert(&c.word(f)?, suffixes.len());
            }
            suffixes.push(Suffix { id: e.id.clone(), lo, hi });
        }

        let mut hedges = Vec::new();
        let mut hedge_before = PhraseMatcher::new();
        let mut hedge_after = PhraseMatcher::new();
        for e in &raw.hedge {
            let lo = c.formula(&e.lo, e.lo_open, true)?;
            let hi = c.formula(&e.hi, e.hi_open, false)?;
            if e.before.is_empty() && e.after.is_empty() {
                return c.err(e.id.span(), "a hedge needs `before` or `after` phrases");
            }
            let index = hedges.len();
            for f in &e.before {
                hedge_before.insert(&c.phrase(f)?, index);
            }
            for f in &e.after {
                hedge_after.insert(&c.phrase(f)?, index);
            }
            let fillers = e.fillers.iter().map(|f| c.word(f)).collect::<Result<Vec<_>, _>>()?;
            hedges.push(Hedge { id: e.id.get_ref().clone(), lo, hi, fillers, direct: e.direct });
        }

        let mut not_numbers = PhraseMatcher::new();
        for f in &raw.not_numbers.phrases {
            not_numbers.insert(&c.phrase(f)?, ());
        }
        let mut percent_words = PhraseMatcher::new();
        for f in &raw.percent.words {
            percent_words.insert(&c.phrase(f)?, ());
        }
        let percent_signs = raw.percent.signs.iter().map(|s| c.phrase(s)).collect::<Result<Vec<_>, _>>()?;

        let mut separators = Separators::default();
        for (list, out) in [
            (&raw.separators.thousands, &mut separators.thousands),
            (&raw.separators.decimal, &mut separators.decimal),
            (&raw.separators.ambiguous, &mut separators.ambiguous),
        ] {
            for s in list {
                out.push(c.separator(s)?);
            }
        }
        for s in &raw.separators.reversed_decimal {
            let letter = c.phrase(s)?;
            if letter.chars().count() != 1 || !letter.chars().all(char::is_alphabetic) {
                return c.err(s.span(), "a reversed decimal point must be one letter");
            }
            separators.reversed_decimal.push(letter);
        }
        let all = [&raw.separators.thousands, &raw.separators.decimal, &raw.separators.ambiguous];
        let mut seen = Vec::new();
        for s in all.iter().flat_map(|l| l.iter()) {
            let ch = c.separator(s)?;
            if seen.contains(&ch) {
                return c.err(s.span(), format!("separator `{ch}` is listed twice"));
            }
            seen.push(ch);
        }

        Ok(NumberLexicon {
            start: StartGate::new(file.strings()?.iter().map(String::as_str)),
            words,
            teen_suffix,
            joiners,
            ten_unit,
            vague_of,
            scales,
            not_construct_before,
            definite_ok,
            vague,
            vague_words,
            suffixes,
            suffix_words,
            hedges,
            hedge_before,
            hedge_after,
            not_numbers,
            separators,
            negative,
            decimal_words,
            ranges,
            alone_fractions,
            fraction_alone_before,
            ratio,
            percent_words,
            percent_signs,
        })
    }

    /// What a bare, normalised number word is (`عشرين` → ten 20, `مئة` →
    /// hundred 100, `ألف` → scale 1000), for parsers that build on the
    /// cardinal words, such as the ordinals (`الواحد والعشرون`). Words that
    /// are numbers only inside a compound (`أحد`, `اثنا`) are included.
    pub fn number_word(&self, stem: &str) -> Vec<NumberWord> {
        let Some(senses) = self.words.get(stem) else {
            return Vec::new();
        };
        senses
            .iter()
            .filter_map(|s| match *s {
                Sense::Unit { value, .. } => Some(NumberWord::Unit(value)),
                Sense::Teen(v) => Some(NumberWord::Unit(v)),
                Sense::Ten(v) => Some(NumberWord::Ten(v)),
                Sense::Hundred { value, .. } => Some(NumberWord::Hundred(value)),
                Sense::Scale { index, form: ScaleForm::Singular | ScaleForm::Ambiguous } => {
                    self.scales.get(index).map(|s| NumberWord::Scale(s.value))
                }
                Sense::Scale { index, form: ScaleForm::Dual } => {
                    self.scales.get(index).map(|s| NumberWord::Scale(2.0 * s.value))
                }
                Sense::Scale { form: ScaleForm::Plural, .. }
                | Sense::Fraction(_)
                | Sense::FractionDual(_)
                | Sense::FractionPlural(_)
                | Sense::Collective { .. } => None,
            })
            .collect()
    }

    /// Is `word` (normalised, bare) one of the words that turn a unit 1-9
    /// into a teen (`عشر`, `عشرة`)?
    pub fn is_teen_suffix(&self, word: &str) -> bool {
        self.teen_suffix.iter().any(|w| w == word)
    }

    /// The compiled-in `rules/numbers.toml`.
    pub fn builtin() -> Self {
        let file = RuleSource::builtin().file("numbers.toml").expect("built-in numbers.toml exists");
        Self::from_file(&file).expect("built-in numbers.toml is valid")
    }

    /// The number expression starting at token `i`, longest match; a hedge,
    /// if any, comes first.
    ///
    /// Digits written directly against a following word (`١٨٠ميلي`,
    /// `20دولار`, `1M`) are not read: such a token is a code or a unit we
    /// do not know. See [`Self::parse_at_before_unit`] for callers that
    /// know the unit.
    pub fn parse_at(&self, t: &Tokenized, i: usize) -> Option<NumberMatch> {
        self.parse_at_mode(t, i, false)
    }

    /// Like [`Self::parse_at`], but digits may be written against the word
    /// that follows (`20دولار`, `43c`): for the money parser, which reads
    /// that word as a currency.
    pub fn parse_at_before_unit(&self, t: &Tokenized, i: usize) -> Option<NumberMatch> {
        self.parse_at_mode(t, i, true)
    }

    fn parse_at_mode(&self, t: &Tokenized, i: usize, glued_ok: bool) -> Option<NumberMatch> {
        if i >= t.len() {
            return None;
        }
        if let Some(m) = self.hedged_at(t, i, glued_ok) {
            return Some(self.with_percent(t, m));
        }
        let core = self.core_at(t, i, glued_ok)?;
        let mut m = self.with_percent(t, core.into_match());
        // A hedge that follows the number: "300 تقريبا".
        if let Some(h) = self.hedge_after_at(t, m.tokens.end) {
            m = self.with_hedge(&h, m);
        }
        Some(m)
    }

    /// This lexicon with its [`StartGate`] open: every token is tried.
    /// Slower and otherwise identical; tests compare the two.
    pub fn ungated(&self) -> Self {
        Self { start: StartGate::open(), ..self.clone() }
    }

    /// Can a number start at token `i`? See [`StartGate`].
    pub fn starts(&self, t: &Tokenized, i: usize) -> bool {
        self.start.admits(t, i)
    }

    /// All number expressions in a token range, left to right, non-overlapping.
    pub fn find_all(&self, t: &Tokenized, range: Range<usize>) -> Vec<NumberMatch> {
        super::scan(t, range, |i| self.starts(t, i), |i| self.parse_at(t, i), |m| m.tokens.end)
    }

    /// A hedge phrase (`نحو`, `أكثر من`) starting at token `i`, if any.
    /// Hedges that must be directly followed by a number are not returned.
    pub fn hedge_at(&self, t: &Tokenized, i: usize) -> Option<HedgePhrase> {
        self.hedge_before.all_at(t, i).into_iter().find_map(|h| {
            let hedge = self.hedges.get(*h.value)?;
            (!hedge.direct && !h.article).then(|| HedgePhrase {
                tokens: h.tokens.clone(),
                id: hedge.id.clone(),
                index: *h.value,
            })
        })
    }

    /// A hedge phrase that follows a number (`تقريبا`) starting at token `i`.
    pub fn hedge_after_at(&self, t: &Tokenized, i: usize) -> Option<HedgePhrase> {
        self.hedge_after.all_at(t, i).into_iter().find_map(|h| {
            let hedge = self.hedges.get(*h.value)?;
            (!h.article && h.prep.is_none()).then(|| HedgePhrase {
                tokens: h.tokens.clone(),
                id: hedge.id.clone(),
                index: *h.value,
            })
        })
    }

    /// Applies a hedge found by [`Self::hedge_at`] or
    /// [`Self::hedge_after_at`] to an unhedged number; its tokens grow to
    /// cover the hedge.
    pub fn with_hedge(&self, hedge: &HedgePhrase, m: NumberMatch) -> NumberMatch {
        let mut m = self.apply_hedge(hedge.index, m);
        m.tokens.start = m.tokens.start.min(hedge.tokens.start);
        m.tokens.end = m.tokens.end.max(hedge.tokens.end);
        m
    }

    fn hedged_at(&self, t: &Tokenized, i: usize, glued_ok: bool) -> Option<NumberMatch> {
        for h in self.hedge_before.all_at(t, i) {
            let Some(hedge) = self.hedges.get(*h.value) else {
                continue;
            };
            if h.article {
                continue;
            }
            if hedge.direct && h.prep.is_some() {
                continue;
            }
            let mut k = h.tokens.end;
            if !hedge.direct && hedge.fillers.iter().any(|f| f == t.text(k)) {
                k += 1;
            }
            let Some(core) = self.core_at(t, k, glued_ok) else {
                continue;
            };
            if hedge.direct && core.stated.is_none() {
                continue;
            }
            let mut m = self.apply_hedge(*h.value, core.into_match());
            m.tokens.start = i;
            return Some(m);
        }
        None
    }

    /// "70 في المائة", "40%": the percent words after a number join it
    /// and make it a percentage, so "المائة" is not read as 100 on its own.
    fn with_percent(&self, t: &Tokenized, mut m: NumberMatch) -> NumberMatch {
        let k = m.tokens.end;
        let end = if self.percent_signs.iter().any(|s| s == t.text(k)) {
            Some(k + 1)
        } else {
            self.percent_words.all_at(t, k).into_iter().filter(|p| !p.conj).map(|p| p.tokens.end).max()
        };
        if let Some(end) = end {
            m.tokens.end = end;
            m.percent = true;
        }
        m
    }

    /// The match with its stated number replaced by `x` and its hedge, if
    /// any, applied again: "أكثر من ثلاثة دولار و42 سنتا" restates 3 as 3.42.
    pub fn restate(&self, m: &NumberMatch, x: f64) -> NumberMatch {
        let mut out = m.clone();
        out.value = Interval::exact(x);
        out.stated = Some(x);
        out.vague = None;
        out.hedge = None;
        match m.hedge.as_deref().and_then(|id| self.hedges.iter().position(|h| h.id == id)) {
            Some(index) => self.apply_hedge(index, out),
            None => out,
        }
    }

    /// A range of two numbers starting at token `i`: "10-20", "من 10 إلى
    /// 20", "من عشرة لعشرين", "ما بين عشرة وعشرين" (the `[[range]]`
    /// entries of `rules/numbers.toml`). The number parser itself never
    /// reads a range as one value; callers that know what a range measures
    /// (money) ask for it.
    pub fn range_at(&self, t: &Tokenized, i: usize) -> Option<NumberRange> {
        // Forms share their first numbers: read each start once.
        let mut firsts: Vec<(usize, Option<Core>)> = Vec::new();
        for r in &self.ranges {
            let mut k = i;
            if !r.before.is_empty() {
                let opener = r.before.iter().find_map(|words| {
                    let ok = words.iter().enumerate().all(|(n, w)| t.text(i + n) == w);
                    ok.then_some(words.len())
                });
                let Some(m) = opener else { continue };
                k += m;
            }
            let a = match firsts.iter().find(|(at, _)| *at == k) {
                Some((_, a)) => a.clone(),
                None => {
                    let a = self.exact_at(t, k, true);
                    firsts.push((k, a.clone()));
                    a
                }
            };
            let a = a?;
            if a.start != k {
                continue;
            }
            let mut j = a.end;
            // The word between: a token ("إلى", "-"), or a clitic on the
            // second number ("لعشرين", "وعشرين").
            let second = if r.between.iter().any(|w| w == t.text(j)) {
                j += 1;
                self.exact_at(t, j, true)
            } else {
                let text = t.text(j);
                let clitic = text.chars().next().map(|c| &text[..c.len_utf8()]).unwrap_or_default();
                if t.kind(j) == Some(TokenKind::Word)
                    && r.between.iter().any(|w| w == clitic)
                    && text.chars().count() > 2
                {
                    self.exact_at(t, j, false)
                } else {
                    None
                }
            };
            let Some(b) = second else { continue };
            let (Some(mut lo), Some(hi)) = (a.stated, b.stated) else { continue };
            // "10-20 مليون": a scale after the second number scales both.
            if let Some(bt) = self.term_at(t, b.start, Clitics::Any, true) {
                if let Some(scale) = bt.scale.filter(|_| bt.end == b.end && a.end == a.start + 1 && lo < bt.base) {
                    lo = tidy(lo * scale);
                }
            }
            if lo >= hi {
                continue;
            }
            return Some(NumberRange { tokens: i..b.end, lo, hi });
        }
        None
    }

    fn apply_hedge(&self, index: usize, mut m: NumberMatch) -> NumberMatch {
        let Some(h) = self.hedges.get(index) else {
            return m;
        };
        let (lo, hi) = (h.lo.formula.eval(m.value.lo), h.hi.formula.eval(m.value.hi));
        m.value = match (lo, hi) {
            // A multiple of a negative number swaps the ends: "نحو -5".
            (Some(l), Some(r)) if l > r => Interval::new(Some(r), h.hi.open, Some(l), h.lo.open),
            _ => Interval::new(lo, h.lo.open, hi, h.hi.open),
        };
        m.hedge = Some(h.id.clone());
        m
    }

    /// Is token `i` inside a phrase the rules say is not a number?
    fn excluded(&self, t: &Tokenized, i: usize) -> bool {
        (i.saturating_sub(4)..=i).any(|j| self.not_numbers.all_at(t, j).iter().any(|m| m.tokens.contains(&i)))
    }

    /// The number itself (no leading hedge) at token `i`.
    fn core_at(&self, t: &Tokenized, i: usize, glued_ok: bool) -> Option<Core> {
        if i >= t.len() {
            return None;
        }
        // "١مليون": a word written against the digits before it belongs to them.
        let after_digits = i > 0
            && t.kind(i) == Some(TokenKind::Word)
            && t.kind(i - 1) == Some(TokenKind::Number)
            && t.tokens.get(i).is_some_and(|tok| !tok.space_before);
        if after_digits {
            return None;
        }
        let core = self.signed_core_at(t, i)?;
        // «the Seven Wonders», «the Three Stooges»: an English number word
        // written with a capital inside a sentence, before a capitalised
        // word, is part of a name.
        let capital = |k: usize| t.kind(k) == Some(TokenKind::Word) && t.tokens.get(k).is_some_and(|tok| tok.capital);
        if capital(i) && !t.starts_sentence(i) && capital(core.end) {
            return None;
        }
        // Checked after the core (both only refuse, and most tokens start
        // no number): the exclusion list costs five lookups.
        if self.excluded(t, i) {
            return None;
        }
        // "١٨٠ميلي", "١مليون", "1M": digits written against a word.
        // The "e" of an exponent ("1e10") inside the number is no word.
        let glued = (core.start..core.end).any(|k| {
            t.kind(k) == Some(TokenKind::Number)
                && t.kind(k + 1) == Some(TokenKind::Word)
                && t.tokens.get(k + 1).is_some_and(|tok| !tok.space_before)
                && !(k + 1 < core.end && is_exponent_mark(t.text(k + 1)))
                && !(k + 1 < core.end && reversed_decimal(t, k, &self.separators).is_some())
        });
        if glued && !glued_ok {
            return None;
        }
        Some(core)
    }

    /// A number with its sign: "-5", "سالب واحد", "ناقص 3".
    fn signed_core_at(&self, t: &Tokenized, i: usize) -> Option<Core> {
        let minus_sign = t.kind(i) == Some(TokenKind::Punct)
            && matches!(t.text(i), "-" | "\u{2212}")
            && t.kind(i + 1) == Some(TokenKind::Number)
            && t.tokens.get(i + 1).is_some_and(|tok| !tok.space_before)
            && minus_stands_alone(t, i);
        if minus_sign || Self::bare_in(t, i, &self.negative) {
            let mut core = self.unsigned_core_at(t, i + 1, minus_sign, true)?;
            let neg = |x: Option<f64>| x.map(|x| if x == 0.0 { 0.0 } else { -x });
            let v = core.value;
            core.value = Interval::new(neg(v.hi), v.hi_open, neg(v.lo), v.lo_open);
            core.stated = neg(core.stated);
            core.start = i;
            return Some(core);
        }
        self.unsigned_core_at(t, i, false, false)
    }

    /// The number at `i` without its sign; `signed`: a sign was read before.
    fn unsigned_core_at(&self, t: &Tokenized, i: usize, after_minus: bool, signed: bool) -> Option<Core> {
        if !after_minus {
            if let Some(c) = self.lone_part_at(t, i).or_else(|| self.lone_fraction_at(t, i)) {
                return Some(c);
            }
        }
        let mut core = match self.exact_at(t, i, after_minus) {
            Some(c) => c,
            None if after_minus => return None,
            None => return self.vague_at(t, i),
        };
        // "1 فاصلة 5", "واحد فاصلة واحد": a decimal point written as a word.
        if core.vague.is_none() && Self::bare_in(t, core.end, &self.decimal_words) {
            if let (Some(x), Some(frac)) = (core.stated, self.fraction_digits_at(t, core.end + 1)) {
                if x.fract() == 0.0 && x >= 0.0 {
                    let (value, end) = frac;
                    let x = tidy(x + value);
                    core.value = Interval::exact(x);
                    core.stated = Some(x);
                    core.end = end;
                }
            }
        }
        // "واحد على ثلاثة", "جزء من مئة": one number over another.
        if let Some(r) = self.ratio_after(t, &core, signed) {
            core = r;
        }
        // "20 ونيف": a suffix joined by و widens the number.
        let end = core.end;
        let suffix = if t.text(end) == "و" {
            self.suffix_words.all_at(t, end + 1).into_iter().find(|m| !m.conj && m.prep.is_none() && !m.article)
        } else {
            self.suffix_words.all_at(t, end).into_iter().find(|m| m.conj && m.prep.is_none() && !m.article)
        };
        if let Some(s) = suffix.and_then(|m| Some((m.tokens.end, self.suffixes.get(*m.value)?))) {
            let (end, suffix) = s;
            let x = core.value.lo;
            core.value =
                Interval::new(suffix.lo.formula.eval(x), suffix.lo.open, suffix.hi.formula.eval(x), suffix.hi.open);
            core.vague = Some(suffix.id.clone());
            core.end = end;
        }
        Some(core)
    }

    fn vague_at(&self, t: &Tokenized, i: usize) -> Option<Core> {
        let m = self.vague_words.longest_at(t, i)?;
        let v = self.vague.get(*m.value)?;
        // "عشرات الآلاف", «tens of thousands»: a vague word before a plural
        // scale composes.
        let next = m.tokens.end;
        let next =
            if Self::bare_in(t, next, &self.vague_of) && self.scale_plural_at(t, next + 1) { next + 1 } else { next };
        for s in t.stems(next) {
            if s.conj || s.prep.is_some() {
                continue;
            }
            let Some(senses) = self.words.get_stem(&s) else {
                continue;
            };
            for sense in senses {
                if let Sense::Scale { index, form: ScaleForm::Plural } = *sense {
                    let Some(scale) = self.scales.get(index) else {
                        continue;
                    };
                    let lo = tidy(v.lo * scale.value);
                    let hi = tidy((v.hi + 1.0) * scale.value - 1.0);
                    return Some(Core {
                        start: i,
                        end: next + 1,
                        value: Interval::closed(lo, hi),
                        stated: None,
                        vague: Some(format!("{}-of-{}", v.id, scale.id)),
                    });
                }
            }
        }
        Some(Core { start: i, end: next, value: Interval::closed(v.lo, v.hi), stated: None, vague: Some(v.id.clone()) })
    }

    /// Is token `i` a plural scale word («الآلاف», «thousands»)?
    fn scale_plural_at(&self, t: &Tokenized, i: usize) -> bool {
        self.senses(t, i, Clitics::Any).iter().any(|s| matches!(s, Sense::Scale { form: ScaleForm::Plural, .. }))
    }

    /// Senses of word token `i` under the clitics allowed.
    fn senses(&self, t: &Tokenized, i: usize, allow: Clitics) -> Vec<Sense> {
        if t.kind(i) != Some(TokenKind::Word) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for s in t.stems(i) {
            // A clitic before a two-letter number word is too often part of
            // another word: "لست" (I am not), "الست" (the lady).
            let clitic = s.conj || s.prep.is_some() || s.article;
            if clitic && s.stem.chars().count() < 3 {
                continue;
            }
            let ok = match allow {
                Clitics::Any => true,
                Clitics::Bare => !s.conj && s.prep.is_none() && !s.article,
                Clitics::Conj => s.conj && s.prep.is_none() && !s.article,
                Clitics::ConjArticle => s.conj && s.prep.is_none() && s.article,
            };
            if ok {
                if let Some(v) = self.words.get_stem(&s) {
                    out.extend(v.iter().copied());
                }
            }
        }
        out
    }

    /// A scale after a multiplier at token `i`, with any larger scales after
    /// it multiplied in (`ألف مليون` = 1e9); returns the scale and the end.
    fn scale_chain(&self, t: &Tokenized, i: usize, plural_ok: bool) -> Option<(f64, usize)> {
        let s = self.scale_after(t, i, plural_ok)?;
        match self.larger_scales(t, i + 1, s) {
            Some((more, end)) => Some((tidy(s * more), end)),
            None => Some((s, i + 1)),
        }
    }

    /// Scales at `i` and on, each larger than the one before (`last` first):
    /// their product and the end.
    fn larger_scales(&self, t: &Tokenized, i: usize, last: f64) -> Option<(f64, usize)> {
        let (mut product, mut last, mut k) = (1.0, last, i);
        while let Some(s) = self.scale_after(t, k, true).filter(|s| *s > last) {
            product *= s;
            last = s;
            k += 1;
        }
        (k > i).then_some((product, k))
    }

    /// A collective noun (`دزينة`, plural `دزينات` if `plural_ok`) at token
    /// `i`, bare: its count and the end.
    fn collective_after(&self, t: &Tokenized, i: usize, plural_ok: bool) -> Option<(f64, usize)> {
        self.senses(t, i, Clitics::Bare).into_iter().find_map(|s| match s {
            Sense::Collective { value, form: ScaleForm::Singular } => Some((value, i + 1)),
            Sense::Collective { value, form: ScaleForm::Plural } if plural_ok => Some((value, i + 1)),
            _ => None,
        })
    }

    /// A scale word (not dual) at token `i`, bare: the scale after a multiplier.
    fn scale_after(&self, t: &Tokenized, i: usize, plural_ok: bool) -> Option<f64> {
        self.senses(t, i, Clitics::Bare).into_iter().find_map(|s| match s {
            Sense::Scale { index, form: ScaleForm::Singular | ScaleForm::Ambiguous } => {
                self.scales.get(index).map(|s| s.value)
            }
            Sense::Scale { index, form: ScaleForm::Plural } if plural_ok => self.scales.get(index).map(|s| s.value),
            _ => None,
        })
    }

    /// The part after a spoken decimal point: digits ("5" → 0.5, "25" →
    /// 0.25) or number words read as digits ("خمسة وعشرون" → 0.25). Returns
    /// the fraction and the end token.
    fn fraction_digits_at(&self, t: &Tokenized, k: usize) -> Option<(f64, usize)> {
        if t.kind(k) == Some(TokenKind::Number) {
            let d = t.text(k);
            if !d.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            return format!("0.{d}").parse::<f64>().ok().map(|v| (v, k + 1));
        }
        let c = self.exact_at(t, k, false)?;
        let y = c.stated?;
        if y.fract() != 0.0 || y < 0.0 || c.start != k {
            return None;
        }
        let digits = format!("{}", y as u64);
        format!("0.{digits}").parse::<f64>().ok().map(|v| (v, c.end))
    }

    /// Is token `i` a bare word from `list`?
    fn bare_in(t: &Tokenized, i: usize, list: &[String]) -> bool {
        t.kind(i) == Some(TokenKind::Word) && list.iter().any(|w| w == t.text(i))
    }

    /// A unit 1-9 after a `ten_unit` mark at `k`, the mark joined to the
    /// words on both sides: the «-nine» of «forty-nine».
    fn unit_joined_after(&self, t: &Tokenized, k: usize) -> Option<f64> {
        let mark = t.kind(k) == Some(TokenKind::Punct) && self.ten_unit.iter().any(|m| m == t.text(k));
        if !(mark && joined(t, k) && joined(t, k + 1)) {
            return None;
        }
        self.senses(t, k + 1, Clitics::Bare).into_iter().find_map(|s| match s {
            Sense::Unit { value, standalone: true } if (1.0..=9.0).contains(&value) => Some(value),
            _ => None,
        })
    }

    /// One term: words or digits not joined by و, e.g. `ثلاثة آلاف`,
    /// `خمسمائة`, `ثلاث مئة`, `أحد عشر ألفا`, `4.8 مليار`, `نصف مليون`.
    /// `after_minus`: the token before is a minus sign the caller has read.
    fn term_at(&self, t: &Tokenized, p: usize, allow: Clitics, after_minus: bool) -> Option<Term> {
        // ".77", "٫٧٧": a leading decimal point is part of the number.
        if t.kind(p) == Some(TokenKind::Punct)
            && allow == Clitics::Any
            && t.kind(p + 1) == Some(TokenKind::Number)
            && digit_context(t, p + 1) == DigitContext::LeadingPoint
        {
            return self.term_at(t, p + 1, allow, false);
        }
        if t.kind(p) == Some(TokenKind::Number) {
            if matches!(allow, Clitics::Conj | Clitics::ConjArticle) {
                return None;
            }
            let context = match digit_context(t, p) {
                DigitContext::Skip if after_minus => DigitContext::Plain,
                // The whole part of «2ر3» is read with its fraction, from
                // the fraction.
                _ if p >= 2 && reversed_decimal(t, p - 2, &self.separators).is_some() => DigitContext::Skip,
                c => c,
            };
            let v = match context {
                DigitContext::Skip => return None,
                DigitContext::LeadingPoint => {
                    let digits = t.text(p);
                    if !digits.chars().all(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    return format!("0.{digits}").parse::<f64>().ok().map(|v| Term {
                        end: p + 1,
                        bound: false,
                        base: v,
                        scale: None,
                        class: Class::Digits,
                    });
                }
                DigitContext::Plain => {
                    let digits =
                        |base: f64, end: usize| Term { end, bound: false, base, scale: None, class: Class::Digits };
                    // "10^3", "١,١^٢٣", "1e10": a power or an exponent.
                    if let Some((v, end)) = power_at(t, p, &self.separators) {
                        return Some(digits(v, end));
                    }
                    // "٣/٤", "11/10": a fraction written with a slash.
                    if let Some((v, end)) = slash_fraction(t, p) {
                        return Some(digits(v, end));
                    }
                    // "١ ٤/٥" = 1.8: a whole number and a proper fraction.
                    if let Some((v, end)) = mixed_fraction(t, p) {
                        return Some(digits(v, end));
                    }
                    // "١ ٢٣٤ ٥٦٧": digits grouped by spaces; «2ر3»: a
                    // decimal written fraction first.
                    let (grouped, last) = match space_grouped(t, p).or_else(|| reversed_decimal(t, p, &self.separators))
                    {
                        Some((v, last)) => (Some(v), last),
                        None => (None, p),
                    };
                    let scale = self.scale_chain(t, last + 1, true);
                    let v = match grouped {
                        Some(v) => v,
                        None => parse_digits(t.text(p), scale.is_some(), &self.separators)?,
                    };
                    if let Some((s, end)) = scale {
                        return Some(Term { end, bound: false, base: v, scale: Some(s), class: Class::Digits });
                    }
                    // "٣ دزينات" = 36.
                    if let Some((c, end)) =
                        self.collective_after(t, last + 1, true).filter(|_| v.fract() == 0.0 && v >= 1.0)
                    {
                        return Some(Term { end, bound: false, base: v * c, scale: None, class: Class::Dozen });
                    }
                    if grouped.is_some() {
                        return Some(digits(v, last + 1));
                    }
                    v
                }
            };
            // "3 مئة": a digit 1-9 before the word for a hundred multiplies it.
            let hundred_next = self
                .senses(t, p + 1, Clitics::Bare)
                .iter()
                .any(|s| matches!(s, Sense::Hundred { value, .. } if *value == 100.0));
            if hundred_next && v.fract() == 0.0 && (1.0..=9.0).contains(&v) && t.text(p).len() == 1 {
                let end = p + 2;
                let scale = self.scale_after(t, end, false);
                return Some(Term {
                    end: if scale.is_some() { end + 1 } else { end },
                    bound: false,
                    base: v * 100.0,
                    scale,
                    class: Class::Hundred,
                });
            }
            return Some(Term { end: p + 1, bound: false, base: v, scale: None, class: Class::Digits });
        }
        let mut best: Option<Term> = None;
        for sense in self.senses(t, p, allow) {
            let term = match sense {
                Sense::Unit { value, standalone } => {
                    let small = (1.0..=9.0).contains(&value);
                    let per = self.senses(t, p + 1, Clitics::Bare).into_iter().find_map(|s| match s {
                        Sense::FractionPlural(v) => Some(v),
                        _ => None,
                    });
                    if small && Self::bare_in(t, p + 1, &self.teen_suffix) {
                        Some(Term { end: p + 2, bound: false, base: value + 10.0, scale: None, class: Class::Teen })
                    } else if let Some(v) = per.filter(|_| (2.0..=10.0).contains(&value) && standalone) {
                        // "ثلاثة أرباع" = 0.75, "خمسة أثمان" = 0.625.
                        Some(Term { end: p + 2, bound: false, base: tidy(value * v), scale: None, class: Class::Parts })
                    } else if (1.0..=9.0).contains(&value)
                        && self
                            .senses(t, p + 1, Clitics::Bare)
                            .iter()
                            .any(|s| matches!(s, Sense::Hundred { value, .. } if *value == 100.0))
                    {
                        Some(Term { end: p + 2, bound: false, base: value * 100.0, scale: None, class: Class::Hundred })
                    } else {
                        // Ten behaves like a teen: "عشرة وعشرون" is two numbers.
                        let class = if value == 10.0 { Class::Teen } else { Class::Unit };
                        Some(Term { end: p + 1, bound: !standalone, base: value, scale: None, class })
                    }
                }
                Sense::Ten(v) => Some(match self.unit_joined_after(t, p + 1) {
                    // «forty-nine»: a ten and a unit written as one word.
                    Some(u) => Term { end: p + 3, bound: false, base: v + u, scale: None, class: Class::Ten },
                    None => Term { end: p + 1, bound: false, base: v, scale: None, class: Class::Ten },
                }),
                Sense::Teen(v) => Some(Term { end: p + 1, bound: false, base: v, scale: None, class: Class::Teen }),
                Sense::Hundred { value, standalone } => {
                    Some(Term { end: p + 1, bound: !standalone, base: value, scale: None, class: Class::Hundred })
                }
                Sense::FractionDual(v) => {
                    Some(Term { end: p + 1, bound: false, base: tidy(2.0 * v), scale: None, class: Class::Parts })
                }
                Sense::FractionPlural(_) => None,
                Sense::Fraction(v) => match self.scale_after(t, p + 1, false) {
                    Some(s) => Some(Term { end: p + 2, bound: false, base: v, scale: Some(s), class: Class::Fraction }),
                    None => match self.collective_after(t, p + 1, false) {
                        // "نصف دزينة" = 6.
                        Some((c, end)) => {
                            Some(Term { end, bound: false, base: tidy(v * c), scale: None, class: Class::Dozen })
                        }
                        // A fraction alone only after و: "مليار ونصف".
                        None if allow != Clitics::Any => {
                            Some(Term { end: p + 1, bound: false, base: v, scale: None, class: Class::Fraction })
                        }
                        None => None,
                    },
                },
                Sense::Collective { value, form } => match form {
                    ScaleForm::Singular => {
                        Some(Term { end: p + 1, bound: false, base: value, scale: None, class: Class::Dozen })
                    }
                    ScaleForm::Dual => {
                        Some(Term { end: p + 1, bound: false, base: 2.0 * value, scale: None, class: Class::Dozen })
                    }
                    ScaleForm::Plural | ScaleForm::Ambiguous => None,
                },
                Sense::Scale { index, form } => {
                    let value = self.scales.get(index).map(|s| s.value);
                    match form {
                        ScaleForm::Singular => value.map(|s| Term {
                            end: p + 1,
                            bound: false,
                            base: 1.0,
                            scale: Some(s),
                            class: Class::Scale,
                        }),
                        ScaleForm::Dual => value.map(|s| Term {
                            end: p + 1,
                            bound: false,
                            base: 2.0,
                            scale: Some(s),
                            class: Class::Scale,
                        }),
                        ScaleForm::Ambiguous => {
                            let base = if self.construct_follows(t, p + 1) { 2.0 } else { 1.0 };
                            value.map(|s| Term { end: p + 1, bound: false, base, scale: Some(s), class: Class::Scale })
                        }
                        ScaleForm::Plural => None,
                    }
                }
            };
            // A word term may take a scale after it: "ثلاثة آلاف", "مئة ألف",
            // "مئة آلاف"; a scale may take a larger one: "ألف مليون"; and a
            // whole number may count dozens: "ثلاث دزينات".
            let term = term.map(|mut term| {
                if matches!(term.class, Class::Fraction | Class::Dozen) {
                    return term;
                }
                let whole = term.base.fract() == 0.0;
                match term.scale {
                    None => {
                        if let Some((s, end)) = self.scale_chain(t, term.end, whole && term.base >= 3.0) {
                            term.scale = Some(s);
                            term.end = end;
                        } else if let Some((c, end)) =
                            self.collective_after(t, term.end, true).filter(|_| whole && term.class != Class::Parts)
                        {
                            term.base *= c;
                            term.class = Class::Dozen;
                            term.end = end;
                        }
                    }
                    Some(s) => {
                        if let Some((more, end)) = self.larger_scales(t, term.end, s) {
                            term.scale = Some(tidy(s * more));
                            term.end = end;
                        }
                    }
                }
                term
            });
            if let Some(term) = term {
                if best.as_ref().is_none_or(|b| term.end > b.end) {
                    best = Some(term);
                }
            }
        }
        best
    }

    /// After an ambiguous `ألفا`: does an indefinite noun follow, making it
    /// the construct dual (`ألفا جندي` = 2000)?
    fn construct_follows(&self, t: &Tokenized, i: usize) -> bool {
        if t.kind(i) != Some(TokenKind::Word) || t.tokens.get(i).is_some_and(|tok| !tok.space_before) {
            return false;
        }
        let w = t.text(i);
        !w.starts_with("ال")
            && !self.not_construct_before.iter().any(|n| n == w)
            && self.senses(t, i, Clitics::Any).is_empty()
            && self.vague_words.longest_at(t, i).is_none()
            && self.hedge_after.longest_at(t, i).is_none()
    }

    /// Digits or number words, combined with و: `ثلاثة آلاف وخمسمائة`.
    fn exact_at(&self, t: &Tokenized, i: usize, after_minus: bool) -> Option<Core> {
        let first = self.term_at(t, i, Clitics::Any, after_minus)?;
        let mut acc = Acc::default();
        if !acc.add(&first) {
            return None;
        }
        let mut end = first.end;
        while !acc.done {
            let next = if Self::bare_in(t, end, &self.joiners) {
                self.term_at(t, end + 1, Clitics::Bare, false)
            } else if acc.terms == 1 && first.class == Class::Hundred && first.scale.is_none() {
                // "خمسمية خمسة وعشرين", "متين واحد وعشرين": spoken Arabic
                // joins the hundreds to what follows without و.
                self.term_at(t, end, Clitics::Conj, false).filter(|n| !n.bound).or_else(|| {
                    self.term_at(t, end, Clitics::Bare, false).filter(|n| {
                        matches!(n.class, Class::Unit | Class::Teen | Class::Ten) && n.scale.is_none() && !n.bound
                    })
                })
            } else if acc.last_scale.is_some() && acc.classes.is_empty() {
                // "٤ آلاف ٣ مئة", "ألفين ثلاثمئة": a hundred after a scale
                // may also come without و.
                self.term_at(t, end, Clitics::Conj, false).or_else(|| {
                    self.term_at(t, end, Clitics::Bare, false)
                        .filter(|n| n.class == Class::Hundred && n.scale.is_none() && !n.bound)
                })
            } else if acc.terms == 1 && first.class == Class::Unit && t.text(i).starts_with("ال") {
                // «الأربعة والعشرون فريقا»: a definite compound takes the
                // article on its tens too.
                self.term_at(t, end, Clitics::Conj, false).or_else(|| {
                    self.term_at(t, end, Clitics::ConjArticle, false)
                        .filter(|n| n.class == Class::Ten && n.scale.is_none() && !n.bound)
                })
            } else {
                self.term_at(t, end, Clitics::Conj, false)
            };
            let Some(next) = next else { break };
            if next.bound
                || first.bound && first.class != Class::Hundred && acc.terms == 1 && next.class != Class::Ten
                || !acc.add(&next)
            {
                break;
            }
            end = next.end;
            // "مليون ونصف المليون": the fraction may repeat its scale.
            if acc.done && next.class == Class::Fraction && next.scale.is_none() {
                let repeats = self.senses(t, end, Clitics::Any).iter().any(|s| match *s {
                    Sense::Scale { index, form: ScaleForm::Singular } => {
                        self.scales.get(index).map(|s| s.value) == acc.last_scale
                    }
                    _ => false,
                });
                if repeats && t.text(end).starts_with("ال") {
                    end += 1;
                }
            }
        }
        if first.bound && acc.terms < 2 {
            return None;
        }
        // A lone word for 1-10 before a definite noun is another word:
        // "تسع القاعدة" (it holds the base), "خمس الفطيرة" (a fifth).
        if acc.terms == 1
            && first.end == i + 1
            && matches!(first.class, Class::Unit | Class::Teen)
            && t.kind(end) == Some(TokenKind::Word)
            && t.text(end).starts_with("ال")
            && !self.definite_ok.iter().any(|w| w == t.text(end))
            && self.senses(t, end, Clitics::Any).is_empty()
        {
            return None;
        }
        let mut x = tidy(acc.total + acc.group);
        // "عشرون أخماس" = 4, "ثلاثة وعشرون خمسا" = 4.6: a whole number
        // counting parts (see [[fraction]] in rules/numbers.toml).
        let counted = [Class::Fraction, Class::Parts, Class::Dozen];
        if x.fract() == 0.0 && x >= 2.0 && !acc.classes.iter().any(|c| counted.contains(c)) {
            let senses = self.senses(t, end, Clitics::Bare);
            let plural = senses.iter().find_map(|s| match s {
                Sense::FractionPlural(v) => Some(*v),
                _ => None,
            });
            let singular = || {
                let words = !acc.classes.is_empty() && !acc.classes.contains(&Class::Digits);
                if !(words && acc.last_scale.is_none() && (11.0..=99.0).contains(&x)) {
                    return None;
                }
                // Not the start of another number: "... خمس عشرة".
                if self.exact_at(t, end, false).is_some_and(|c| c.end > end + 1) {
                    return None;
                }
                // The accusative tanween "خمسا" is the same word.
                let word = t.text(end);
                let bare = [Some(word), word.strip_suffix('ا')];
                bare.into_iter().flatten().filter_map(|w| self.words.get(w)).flatten().find_map(|s| match s {
                    Sense::Fraction(v) => Some(*v),
                    _ => None,
                })
            };
            if let Some(v) = plural.or_else(singular) {
                x = tidy(x * v);
                end += 1;
            }
        }
        Some(Core { start: i, end, value: Interval::exact(x), stated: Some(x), vague: None })
    }

    /// A fraction word alone (`نصف السكان`, `ربع كيلو`): only the words
    /// with `alone = true`, without the article, before a definite noun
    /// or a `[fraction_alone]` measure word.
    fn lone_fraction_at(&self, t: &Tokenized, i: usize) -> Option<Core> {
        if t.kind(i) != Some(TokenKind::Word) || t.kind(i + 1) != Some(TokenKind::Word) {
            return None;
        }
        let v = t.stems(i).find_map(|s| {
            let clitic = s.conj || s.prep.is_some();
            if s.article || clitic && s.stem.chars().count() < 3 {
                return None;
            }
            self.alone_fractions.get_stem(&s).copied()
        })?;
        let next = t.text(i + 1);
        let measure = self.fraction_alone_before.iter().any(|w| w == next);
        // A word that is also a cardinal (خمس, سبع, عشر) counts a plural:
        // "خمس السنوات الماضية" is five years, not a fifth.
        let cardinal = self.senses(t, i, Clitics::Any).iter().any(|s| matches!(s, Sense::Unit { .. }));
        let sound_plural = ["ات", "ين", "ون"].iter().any(|e| next.ends_with(e));
        let definite = next.starts_with("ال")
            && !self.definite_ok.iter().any(|w| w == next)
            && self.senses(t, i + 1, Clitics::Any).is_empty()
            && self.vague_words.longest_at(t, i + 1).is_none()
            && !(cardinal && sound_plural);
        (measure || definite).then(|| Core {
            start: i,
            end: i + 1,
            value: Interval::exact(v),
            stated: Some(v),
            vague: None,
        })
    }

    /// The denominator of a ratio at token `k`: a number whose first word
    /// is bare. With `part_form`, only a definite noun, punctuation, the
    /// end or the word for parts may follow it (`جزء من 300 مليون دولار`
    /// is "part of").
    fn ratio_denominator(&self, t: &Tokenized, k: usize, part_form: bool) -> Option<(f64, usize)> {
        let bare_start = t.kind(k) == Some(TokenKind::Number) || !self.senses(t, k, Clitics::Bare).is_empty();
        if !bare_start {
            return None;
        }
        let c = self.exact_at(t, k, false)?;
        let y = c.stated.filter(|y| y.is_finite() && *y > 0.0 && c.start == k && c.vague.is_none())?;
        if part_form {
            let e = c.end;
            let ok = e >= t.len()
                || t.kind(e) == Some(TokenKind::Punct)
                || self.is_part_word(t, e)
                || t.kind(e) == Some(TokenKind::Word)
                    && t.text(e).starts_with("ال")
                    && self.senses(t, e, Clitics::Any).is_empty();
            if !ok {
                return None;
            }
        }
        Some((y, c.end))
    }

    /// Token `i` is the word for part or parts, also with the accusative
    /// tanween (`جزءا`).
    fn is_part_word(&self, t: &Tokenized, i: usize) -> bool {
        let w = t.text(i);
        t.kind(i) == Some(TokenKind::Word)
            && [Some(w), w.strip_suffix('ا')]
                .into_iter()
                .flatten()
                .any(|w| self.ratio.part.iter().chain(&self.ratio.parts).any(|p| p == w))
    }

    /// "جزء من مئة" = 0.01: a lone part of a number.
    fn lone_part_at(&self, t: &Tokenized, i: usize) -> Option<Core> {
        if !(Self::bare_in(t, i, &self.ratio.part) && Self::bare_in(t, i + 1, &self.ratio.of)) {
            return None;
        }
        let (y, end) = self.ratio_denominator(t, i + 2, true)?;
        let x = tidy(1.0 / y);
        Some(Core { start: i, end, value: Interval::exact(x), stated: Some(x), vague: None })
    }

    /// A ratio after the number `core` (see `[ratio]` in
    /// rules/numbers.toml): "واحد على ثلاثة", "ثلاثة أجزاء من عشرة",
    /// "واحد من ألف". `signed`: a sign stands before the number.
    fn ratio_after(&self, t: &Tokenized, core: &Core, signed: bool) -> Option<Core> {
        let x = core.stated.filter(|x| x.is_finite() && *x >= 0.0 && core.vague.is_none())?;
        let j = core.end;
        let (y, end) = if Self::bare_in(t, j, &self.ratio.over) {
            let (y, end) = self.ratio_denominator(t, j + 1, false)?;
            // "الكسر ٧ على ٣", "بنسبة 3 على 1": a word naming the ratio.
            let cued = (core.start.saturating_sub(3)..core.start)
                .any(|k| t.stems(k).any(|s| self.ratio.cue.iter().any(|c| c == s.stem)));
            if !(x < y || signed || cued) {
                return None;
            }
            (y, end)
        } else if (Self::bare_in(t, j, &self.ratio.part) || Self::bare_in(t, j, &self.ratio.parts))
            && Self::bare_in(t, j + 1, &self.ratio.of)
        {
            self.ratio_denominator(t, j + 2, true)?
        } else if x == 1.0 && core.end == core.start + 1 && Self::bare_in(t, j, &self.ratio.of) {
            if Self::bare_in(t, j + 1, &self.ratio.every) {
                self.ratio_denominator(t, j + 2, false).filter(|(y, _)| *y >= 2.0)?
            } else {
                let (y, end) = self.ratio_denominator(t, j + 1, false)?;
                let round = y >= 100.0 && (10f64.powi(y.log10().round() as i32) - y).abs() < 1e-6 * y;
                if !round {
                    return None;
                }
                (y, end)
            }
        } else {
            return None;
        };
        let v = tidy(x / y);
        Some(Core { start: core.start, end, value: Interval::exact(v), stated: Some(v), vague: None })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clitics {
    /// Any proclitics: the first word of a number (`والآلاف`, `لألف`).
    Any,
    /// None: a word after a separate `و` or inside a term.
    Bare,
    /// Exactly the conjunction و/ف: the next part of a compound.
    Conj,
    /// The conjunction and the article: the tens of a definite compound
    /// (`الأربعة والعشرون`).
    ConjArticle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Unit,
    Teen,
    Ten,
    Hundred,
    Digits,
    Fraction,
    /// Parts of a whole: `ثلاثة أرباع`, `ثلثان`; may stand first.
    Parts,
    /// A scale word alone or as a dual: `ألف`, `مليونان`.
    Scale,
    /// Dozens: `دزينة`, `ثلاث دزينات`, `نصف دزينة`.
    Dozen,
}

#[derive(Debug, Clone)]
struct Term {
    end: usize,
    /// A unit that is a number only before و and a ten: "إحدى وثلاثين".
    bound: bool,
    base: f64,
    scale: Option<f64>,
    class: Class,
}

/// Accumulates the terms of a compound number, refusing combinations that
/// are two numbers rather than one (`بين عشرين وثلاثين`, `20 و30`).
#[derive(Debug, Default)]
struct Acc {
    total: f64,
    /// The part below the last scale, still unscaled.
    group: f64,
    classes: Vec<Class>,
    last_scale: Option<f64>,
    terms: usize,
    done: bool,
}

impl Acc {
    fn compatible(&self, c: Class) -> bool {
        let has = |x: &[Class]| self.classes.iter().any(|k| x.contains(k));
        match c {
            Class::Hundred => self.classes.is_empty(),
            Class::Unit | Class::Teen => {
                !has(&[Class::Unit, Class::Teen, Class::Ten, Class::Digits, Class::Fraction, Class::Dozen])
            }
            Class::Ten => !has(&[Class::Ten, Class::Teen, Class::Digits, Class::Fraction, Class::Dozen]),
            // Digits after a hundred: "٣ مئة و ٢١" (checked below 100 in `add`);
            // dozens too: "ثلاثمئة ودزينتان".
            Class::Digits | Class::Dozen => self.classes.is_empty() || self.classes == [Class::Hundred],
            Class::Scale | Class::Fraction | Class::Parts => self.classes.is_empty(),
        }
    }

    fn add(&mut self, term: &Term) -> bool {
        let first = self.terms == 0;
        match term.scale {
            Some(s) => {
                if self.last_scale.is_some_and(|l| s >= l) || !self.compatible(term.class) {
                    return false;
                }
                // Digits never join a preceding group: "20 و3 آلاف" is two numbers.
                if term.class == Class::Digits && !self.classes.is_empty() {
                    return false;
                }
                self.total += (self.group + term.base) * s;
                self.group = 0.0;
                self.classes.clear();
                self.last_scale = Some(s);
            }
            None if matches!(term.class, Class::Fraction | Class::Parts) => {
                // Parts count in ones even after a scale: "مليون وثلاثة أخماس".
                if term.class == Class::Parts && !self.classes.contains(&Class::Digits) {
                    self.group += term.base;
                    self.classes.push(Class::Parts);
                    self.terms += 1;
                    self.done = true;
                    return true;
                }
                // "دزينة ونصف" is not 12.5: leave it to the dozen alone.
                if first || self.classes.contains(&Class::Digits) || self.classes.contains(&Class::Dozen) {
                    return false;
                }
                match self.last_scale {
                    Some(s) if self.classes.is_empty() => self.total += term.base * s,
                    Some(_) => return false,
                    None => self.group += term.base,
                }
                self.done = true;
            }
            None => {
                if !self.compatible(term.class) {
                    return false;
                }
                if self.last_scale.is_some_and(|l| self.group + term.base >= l) {
                    return false;
                }
                // Unscaled digits after words or digits are a second number,
                // except below a hundred after one: "٣ مئة و ٢١" = 321.
                let after_hundred = self.classes == [Class::Hundred] && term.base < 100.0;
                if term.class == Class::Digits && !first && self.last_scale.is_none() && !after_hundred {
                    return false;
                }
                self.group += term.base;
                self.classes.push(term.class);
            }
        }
        self.terms += 1;
        true
    }
}

#[derive(Debug, Clone)]
struct Core {
    start: usize,
    end: usize,
    value: Interval,
    stated: Option<f64>,
    vague: Option<String>,
}

impl Core {
    fn into_match(self) -> NumberMatch {
        NumberMatch {
            tokens: self.start..self.end,
            core: self.start..self.end,
            value: self.value,
            stated: self.stated,
            hedge: None,
            vague: self.vague,
            percent: false,
        }
    }
}

/// How the token before a digit run bears on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DigitContext {
    Plain,
    /// Not a quantity here: part of a name (`سي-17`), a negative number
    /// (`-5`; a count is never negative, and a minus would upset hedges),
    /// or an end of a range (`10-20`), which this parser does not read.
    Skip,
    /// `.25` or `٫25` standing alone: 0.25.
    LeadingPoint,
}

fn digit_context(t: &Tokenized, p: usize) -> DigitContext {
    if is_name_number(t, p) {
        return DigitContext::Skip;
    }
    let joined = |i: usize| t.tokens.get(i).is_some_and(|tok| !tok.space_before);
    let dash = |i: usize| matches!(t.text(i), "-" | "\u{2013}");
    // A range "10-20" is not read here: either end alone would be wrong.
    if dash(p + 1) && joined(p + 1) && joined(p + 2) && t.kind(p + 2) == Some(TokenKind::Number) {
        return DigitContext::Skip;
    }
    // «الساعة 9:34», a score 3:1: a clock time or a ratio, no quantity on
    // either side of the colon.
    let colon = |i: usize| matches!(t.text(i), ":" | "\u{FF1A}");
    if colon(p + 1) && joined(p + 1) && joined(p + 2) && t.kind(p + 2) == Some(TokenKind::Number) {
        return DigitContext::Skip;
    }
    if p >= 2 && colon(p - 1) && joined(p) && joined(p - 1) && t.kind(p - 2) == Some(TokenKind::Number) {
        return DigitContext::Skip;
    }
    if p == 0 || !joined(p) {
        return DigitContext::Plain;
    }
    if p >= 2 && dash(p - 1) && joined(p - 1) && t.kind(p - 2) == Some(TokenKind::Number) {
        return DigitContext::Skip;
    }
    // The punctuation before the digits stands apart from what precedes it.
    let alone = p == 1 || !joined(p - 1);
    match t.text(p - 1) {
        "-" | "\u{2212}" if alone => DigitContext::Skip,
        "." | "٫" if alone => DigitContext::LeadingPoint,
        "." | "٫" => DigitContext::Skip,
        _ => DigitContext::Plain,
    }
}

/// `2ر3` = 3.2: the wire text of some agencies prints the Arabic decimal
/// sign as ر, with the fraction before it (`[separators] reversed_decimal`
/// in rules/numbers.toml). Plain digits on both sides, all three tokens
/// joined, and no further ر or digits joined on either end. Returns the
/// value and the last token.
fn reversed_decimal(t: &Tokenized, p: usize, seps: &Separators) -> Option<(f64, usize)> {
    if seps.reversed_decimal.is_empty() {
        return None;
    }
    let joined = |i: usize| t.tokens.get(i).is_some_and(|tok| !tok.space_before);
    let plain = |i: usize| t.kind(i) == Some(TokenKind::Number) && t.text(i).chars().all(|c| c.is_ascii_digit());
    let point =
        |i: usize| t.kind(i) == Some(TokenKind::Word) && seps.reversed_decimal.iter().any(|r| r.as_str() == t.text(i));
    if !(plain(p) && point(p + 1) && joined(p + 1) && plain(p + 2) && joined(p + 2)) {
        return None;
    }
    let glued_on = |i: usize| t.tokens.get(i).is_some() && joined(i) && t.kind(i) != Some(TokenKind::Punct);
    if glued_on(p + 3) || (p > 0 && joined(p) && t.kind(p - 1) != Some(TokenKind::Punct)) {
        return None;
    }
    let v = format!("{}.{}", t.text(p + 2), t.text(p)).parse::<f64>().ok()?;
    Some((v, p + 2))
}

/// `a/b` written without spaces, as one number: `٣/٤` = 0.75,
/// `11/10` = 1.1. Not when another slash follows or precedes (a date such
/// as `5/17/2018`), and never with a zero denominator.
fn slash_fraction(t: &Tokenized, p: usize) -> Option<(f64, usize)> {
    let joined = |i: usize| t.tokens.get(i).is_some_and(|tok| !tok.space_before);
    let slash = |i: usize| t.text(i) == "/" && t.kind(i) == Some(TokenKind::Punct);
    let plain = |i: usize| t.kind(i) == Some(TokenKind::Number) && t.text(i).chars().all(|c| c.is_ascii_digit());
    if !(slash(p + 1) && joined(p + 1) && joined(p + 2) && plain(p) && plain(p + 2)) {
        return None;
    }
    if (slash(p + 3) && joined(p + 3)) || (p > 0 && slash(p - 1) && joined(p)) {
        return None;
    }
    let a: f64 = t.text(p).parse().ok()?;
    let b: f64 = t.text(p + 2).parse().ok()?;
    (b != 0.0).then(|| (tidy(a / b), p + 3))
}

/// The `e` of an exponent: `1e10`.
fn is_exponent_mark(s: &str) -> bool {
    matches!(s, "e" | "E")
}

fn is_minus(s: &str) -> bool {
    matches!(s, "-" | "\u{2212}")
}

/// Token `i` is written against the one before it.
fn joined(t: &Tokenized, i: usize) -> bool {
    t.tokens.get(i).is_some_and(|tok| !tok.space_before)
}

/// Plain digits, no separators.
fn plain_digits(t: &Tokenized, i: usize) -> bool {
    t.kind(i) == Some(TokenKind::Number) && t.text(i).chars().all(|c| c.is_ascii_digit())
}

/// A power or an exponent written with digits and no spaces, starting at
/// the digits at `p`: `10^3`, `١,١^٢٣`, `٢,٥^-١`, `1e10`, `١٢,٣٢e+١٤`.
/// A sign may stand on either side of the caret (right-to-left display
/// moves it), and two minus signs cancel. Returns the value and the end.
fn power_at(t: &Tokenized, p: usize, seps: &Separators) -> Option<(f64, usize)> {
    let mut k = p + 1;
    let marked = t.kind(k) == Some(TokenKind::Word) && is_exponent_mark(t.text(k));
    if !(joined(t, k) && (marked || t.kind(k) == Some(TokenKind::Punct))) {
        return None;
    }
    let base = parse_digits(t.text(p), false, seps)?;
    if marked {
        k += 1;
        let mut negative = false;
        if t.kind(k) == Some(TokenKind::Punct) && joined(t, k) && (is_minus(t.text(k)) || t.text(k) == "+") {
            negative = t.text(k) != "+";
            k += 1;
        }
        if !(plain_digits(t, k) && joined(t, k) && t.text(k).len() <= 3) {
            return None;
        }
        let e: i32 = t.text(k).parse().ok()?;
        let v = base * 10f64.powi(if negative { -e } else { e });
        return (v.is_finite() && v != 0.0).then(|| (tidy(v), k + 1));
    }
    let (mut caret, mut minus) = (false, 0);
    while t.kind(k) == Some(TokenKind::Punct) && joined(t, k) && k - p <= 4 {
        match t.text(k) {
            "^" if !caret => caret = true,
            s if is_minus(s) => minus += 1,
            "+" => {}
            _ => return None,
        }
        k += 1;
    }
    if !(caret && joined(t, k) && t.kind(k) == Some(TokenKind::Number)) {
        return None;
    }
    let e = parse_digits(t.text(k), false, seps)?;
    let v = base.powf(if minus % 2 == 1 { -e } else { e });
    (v.is_finite() && v != 0.0).then(|| (tidy(v), k + 1))
}

/// A mixed number: a whole number of 1-3 digits, one space and a proper
/// slash fraction, `١ ٤/٥` = 1.8.
fn mixed_fraction(t: &Tokenized, p: usize) -> Option<(f64, usize)> {
    let q = p + 1;
    let spaced = t.tokens.get(q).is_some_and(|tok| tok.space_before && !tok.newline_before);
    if !(plain_digits(t, p) && t.text(p).len() <= 3 && spaced && plain_digits(t, q)) {
        return None;
    }
    let (f, end) = slash_fraction(t, q)?;
    let whole: f64 = t.text(p).parse().ok()?;
    (f > 0.0 && f < 1.0).then(|| (tidy(whole + f), end))
}

/// Digits grouped by single spaces, `١ ٢٣٤ ٥٦٧` = 1234567; see
/// `[separators]` in rules/numbers.toml for when groups are one number.
/// Returns the value and the token of the last group.
fn space_grouped(t: &Tokenized, p: usize) -> Option<(f64, usize)> {
    let first = t.text(p);
    if !plain_digits(t, p) || first.len() > 3 || first.starts_with('0') {
        return None;
    }
    if p > 0 && (t.kind(p - 1) == Some(TokenKind::Number) || t.text(p - 1) == "+") {
        return None;
    }
    let one_space = |i: usize| match (t.tokens.get(i - 1), t.tokens.get(i)) {
        (Some(a), Some(b)) => {
            let gap = &t.norm.as_str()[a.norm_end..b.norm_start];
            matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
        }
        _ => false,
    };
    let mut digits = first.to_string();
    let mut k = p + 1;
    while plain_digits(t, k) && t.text(k).len() == 3 && one_space(k) {
        digits.push_str(t.text(k));
        k += 1;
    }
    if k == p + 1 {
        return None;
    }
    // More digits after the groups (a phone number "12 345 6789", a list),
    // or a slash on the last group: not one number.
    if t.kind(k) == Some(TokenKind::Number) || (t.text(k) == "/" && joined(t, k)) {
        return None;
    }
    digits.parse::<f64>().ok().map(|v| (v, k - 1))
}

/// A minus sign at `i` that is not the dash of a range or a name
/// (`10-20`, `سي-17`): it starts the text or follows a space.
fn minus_stands_alone(t: &Tokenized, i: usize) -> bool {
    i == 0 || t.tokens.get(i).is_some_and(|tok| tok.space_before)
}

/// A number that is part of a name: `سي-17`, `MQ-9`, `F-16`, `F16`.
fn is_name_number(t: &Tokenized, p: usize) -> bool {
    let joined = |i: usize| t.tokens.get(i).is_some_and(|tok| !tok.space_before);
    if p == 0 || !joined(p) {
        return false;
    }
    if t.text(p - 1) == "-" {
        return p >= 2 && joined(p - 1) && t.kind(p - 2) == Some(TokenKind::Word);
    }
    t.kind(p - 1) == Some(TokenKind::Word) && t.text(p - 1).chars().all(|c| c.is_ascii_alphabetic())
}

/// Reads a digit token with its separators; see `[separators]` in
/// `rules/numbers.toml` for what each separator means. `None` when the
/// separators fit no rule (`12.5.2020`).
fn parse_digits(s: &str, scale_follows: bool, seps: &Separators) -> Option<f64> {
    #[derive(Clone, Copy, PartialEq)]
    enum Sep {
        Thousands,
        Decimal,
        Ambiguous(char),
    }
    let mut groups: Vec<String> = vec![String::new()];
    let mut kinds: Vec<Sep> = Vec::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            groups.last_mut()?.push(c);
        } else if seps.thousands.contains(&c) {
            kinds.push(Sep::Thousands);
            groups.push(String::new());
        } else if seps.decimal.contains(&c) {
            kinds.push(Sep::Decimal);
            groups.push(String::new());
        } else if seps.ambiguous.contains(&c) {
            kinds.push(Sep::Ambiguous(c));
            groups.push(String::new());
        } else {
            return None;
        }
    }
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    // Resolve the ambiguous separators.
    let mut distinct: Vec<char> = Vec::new();
    for k in &kinds {
        if let Sep::Ambiguous(c) = k {
            if !distinct.contains(c) {
                distinct.push(*c);
            }
        }
    }
    let has_decimal = kinds.contains(&Sep::Decimal);
    let resolved: Vec<Sep> = match distinct.len() {
        0 => kinds.clone(),
        1 => {
            let n = kinds.iter().filter(|k| matches!(k, Sep::Ambiguous(_))).count();
            let pos = kinds.iter().position(|k| matches!(k, Sep::Ambiguous(_)))?;
            let thousands = if n >= 2 || has_decimal {
                true
            } else {
                groups.get(pos + 1).is_some_and(|g| g.len() == 3)
                    && !scale_follows
                    && groups.first().is_some_and(|g| g != "0")
            };
            kinds
                .iter()
                .map(|k| match k {
                    Sep::Ambiguous(_) if thousands => Sep::Thousands,
                    Sep::Ambiguous(_) => Sep::Decimal,
                    k => *k,
                })
                .collect()
        }
        2 => {
            let last = *kinds.last()?;
            if has_decimal || kinds.iter().filter(|k| **k == last).count() != 1 {
                return None;
            }
            kinds.iter().map(|k| if *k == last { Sep::Decimal } else { Sep::Thousands }).collect()
        }
        _ => return None,
    };
    // Validate: thousands groups of three, one decimal point, at the end.
    let decimal_at = resolved.iter().position(|k| *k == Sep::Decimal);
    if resolved.iter().filter(|k| **k == Sep::Decimal).count() > 1 {
        return None;
    }
    let mut int = String::new();
    let mut frac = String::new();
    for (gi, g) in groups.iter().enumerate() {
        match gi.checked_sub(1).map(|k| resolved.get(k).copied()) {
            None => int.push_str(g),
            Some(Some(Sep::Thousands)) => {
                if g.len() != 3 || decimal_at.is_some_and(|d| d < gi - 1) || groups.first().is_some_and(|f| f.len() > 3)
                {
                    return None;
                }
                int.push_str(g);
            }
            Some(Some(Sep::Decimal)) => frac.push_str(g),
            _ => return None,
        }
    }
    let text = if frac.is_empty() { int } else { format!("{int}.{frac}") };
    text.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> NumberLexicon {
        NumberLexicon::builtin()
    }

    /// Notations of every number found in `input`, left to right.
    fn notations(input: &str) -> Vec<String> {
        let t = Tokenized::new(input, 0);
        lexicon().find_all(&t, 0..t.len()).iter().map(|m| m.value.notation()).collect()
    }

    /// The first number in `input` has value `expected` (compact notation,
    /// or `none` when nothing should be read).
    fn check(input: &str, expected: &str) {
        let found = notations(input);
        let got = found.first().map(String::as_str).unwrap_or("none");
        assert_eq!(got, expected, "input: {input}; all: {found:?}");
    }

    /// Every number in `input`.
    fn check_all(input: &str, expected: &[&str]) {
        assert_eq!(notations(input), expected, "input: {input}");
    }

    /// The first match in `input` with its hedge and vague ids.
    fn first(input: &str) -> NumberMatch {
        let t = Tokenized::new(input, 0);
        match lexicon().find_all(&t, 0..t.len()).into_iter().next() {
            Some(m) => m,
            None => panic!("no number in {input}"),
        }
    }

    #[test]
    fn plain_digits_ascii_and_arabic_indic() {
        check("قتل 17 شخصا", "17");
        check("أصيب ٢٥ جنديا", "25");
        check("نشر ۴۵ مراقبا", "45");
    }

    #[test]
    fn thousands_separators_followed_by_three_digits() {
        check("وصل 1,500 متطوع", "1500");
        check("وصل 1،100 متطوع", "1100");
        check("وصل 1.100 متطوع", "1100");
        check("بلغ العدد ١٬٢٠٠ لاجئ", "1200");
        check("بلغ العدد 2,350,000 نسمة", "2350000");
    }

    #[test]
    fn decimal_separators() {
        check("ارتفع بنسبة 2.5 نقطة", "2.5");
        check("ارتفع ١٫٥ نقطة", "1.5");
        check("نما 0.500 نقطة", "0.5");
        check("بلغ 1.250,5 وحدة", "1250.5");
    }

    #[test]
    fn a_scale_word_makes_the_separator_decimal() {
        check("أنفقت 4.8 مليار", "4800000000");
        check("رصدت 1,5 مليار", "1500000000");
        check("رصدت 1,500 مليون", "1500000");
    }

    #[test]
    fn malformed_separators_are_not_numbers() {
        check("في 12.5.2020 وقع", "none");
        check("الرقم 1,50,000 خطأ", "none");
    }

    #[test]
    fn digits_with_scale_words() {
        check("يعيش 110 ملايين نسمة", "110000000");
        check("نزح 1.5 مليون شخص", "1500000");
        check("نشر 3 آلاف جندي", "3000");
        check("حضر 25 ألف متظاهر", "25000");
        check("حضر 25 ألفا", "25000");
    }

    #[test]
    fn units_in_both_genders_and_cases() {
        check("ثلاثة جنود", "3");
        check("ثلاث قواعد", "3");
        check("ثماني طائرات", "8");
        check("عشر سنوات", "10");
        check("اثنان من الجرحى", "2");
        check("رأيت اثنين منهم", "2");
        check("جندي واحد فقط", "1");
    }

    #[test]
    fn teens_both_genders() {
        check("أحد عشر لاعبا", "11");
        check("إحدى عشرة سيارة", "11");
        check("اثنا عشر شهرا", "12");
        check("اثنتي عشرة مرة", "12");
        check("ثلاثة عشر جنديا", "13");
        check("تسع عشرة طائرة", "19");
    }

    #[test]
    fn tens_nominative_and_accusative() {
        check("عشرون طالبا", "20");
        check("قتل عشرين مدنيا", "20");
        check("تسعون دقيقة", "90");
    }

    #[test]
    fn compounds_joined_by_wa() {
        check("خمسة وعشرون جنديا", "25");
        check("إحدى وثلاثين", "31");
        check("أحد وعشرون", "21");
        check("اثنان وتسعون", "92");
        check("ثلاثمائة وخمسة وستون يوما", "365");
        check("ثلاثة آلاف وخمسمائة", "3500");
        check("ألف وتسعمائة وخمسون", "1950");
        check("مليون ومئتا ألف", "1200000");
        check("ثلاثة آلاف و 500 جندي", "3500");
    }

    #[test]
    fn a_definite_compound_takes_the_article_on_its_tens() {
        check("خلال الأربعة والعشرين ساعة الماضية", "24");
        check("الثلاثة والأربعون لاعبا", "43");
        // Only tens: «الأربعة والفريق» is four and a team.
        check("جاء الأربعة والفريق الأول", "4");
    }

    #[test]
    fn a_scale_after_a_compound_scales_all_of_it() {
        check("خمسة وعشرون ألفا", "25000");
        check("ثلاثمائة وخمسون ألف لاجئ", "350000");
        check("أحد عشر ألفا", "11000");
    }

    #[test]
    fn two_numbers_joined_by_wa_stay_two() {
        check_all("بين عشرين وثلاثين", &["20", "30"]);
        check_all("بين 20 و30 قتيلا", &["20", "30"]);
        check_all("خمسة وخمسة", &["5", "5"]);
    }

    #[test]
    fn hundreds_as_one_word_both_spellings() {
        check("مئة جندي", "100");
        check("مائة جندي", "100");
        check("ثلاثمئة جندي", "300");
        check("ثلاثمائة جندي", "300");
        check("ثمانمائة", "800");
    }

    #[test]
    fn hundreds_as_two_words_multiply() {
        check("ثلاث مئة جندي", "300");
        check("تسع مائة", "900");
        check("ثلاث مئة ألف", "300000");
    }

    #[test]
    fn duals_and_construct_duals_of_hundred() {
        check("مئتان", "200");
        check("قتل مئتين", "200");
        check("مئتا جندي", "200");
        check("نحو مائتي مقاتل", "[180,220]");
    }

    #[test]
    fn duals_of_scales() {
        check("ألفان", "2000");
        check("نشر ألفين", "2000");
        check("بتكلفة ألفي", "2000");
        check("مليونان", "2000000");
        check("مليونين", "2000000");
        check("ملياران", "2000000000");
    }

    #[test]
    fn alfan_with_tanween_is_a_thousand_unless_a_noun_follows() {
        check("بلغ عددهم ألفًا", "1000");
        check("ألفًا من الجنود", "1000");
        check("خمسون ألفًا", "50000");
        check("ألفا جندي", "2000");
    }

    #[test]
    fn scale_words_alone_and_with_the_article() {
        check("ألف جندي", "1000");
        check("تجاوز الألف", "1000");
        check("مليون لاجئ", "1000000");
    }

    #[test]
    fn plural_scales_after_units() {
        check("ثلاثة آلاف", "3000");
        check("عشرة آلاف", "10000");
        check("خمسة ملايين", "5000000");
        check("سبعة مليارات", "7000000000");
    }

    #[test]
    fn fractions_before_a_scale_and_after_wa() {
        check("نصف مليون", "500000");
        check("ربع مليار", "250000000");
        check("مليار ونصف", "1500000000");
        check("مليونان ونصف", "2500000");
        check("ثلاثة آلاف ونصف", "3500");
    }

    #[test]
    fn fractions_alone_only_before_a_definite_noun_or_a_measure() {
        check("قتل نصف الجنود", "0.5");
        check("يعيش ثلث السكان في المدن", "0.333333");
        check("وأكثر من ربع الموازنة", ">0.25");
        check("انتظرنا ربع ساعة", "0.25");
        check("اشترى نصف لتر", "0.5");
        // Quarter-final, semi-final, radius: words, not shares.
        check("الدور ربع النهائي", "none");
        check("مباراة نصف النهائي", "none");
        check("تقرير نصف سنوي", "none");
        check("ربع نهائي الكأس", "none");
        // With the article it is a noun of its own ("the first quarter").
        check("في الربع الأول", "none");
        // "ثمن" is also "price", "تسع" also "holds".
        check("ارتفع ثمن الخبز", "none");
        check("ثمن كيلو اللحم", "none");
        check("تسع القاعدة 500 جندي", "500");
    }

    #[test]
    fn a_fraction_that_is_also_a_cardinal_counts_a_plural() {
        check("أكل خمس الكعكة", "0.2");
        check("خلال عشر السنوات الماضية", "none");
        check("خمس الدقائق", "0.2");
        check("خمس ساعات", "5");
    }

    #[test]
    fn clitics_on_number_words() {
        check("لألف سبب", "1000");
        check("وثلاثة جنود", "3");
        check("بعشرين صاروخا", "20");
        check("والآلاف", "[1000,9999]");
        check("بالمئات", "[100,999]");
    }

    #[test]
    fn two_letter_number_words_take_no_clitics() {
        check("لست متأكدا", "none");
        check("الست", "none");
        check("ست دول", "6");
    }

    #[test]
    fn vague_quantities_are_intervals() {
        check("بضعة جنود", "[3,9]");
        check("بضع ساعات", "[3,9]");
        check("عشرات القتلى", "[10,99]");
        check("مئات الجرحى", "[100,999]");
        check("المئات", "[100,999]");
        check("آلاف المتظاهرين", "[1000,9999]");
        check("ملايين الدولارات", "[1000000,9999999]");
        assert_eq!(first("مئات").vague.as_deref(), Some("hundreds"));
        assert_eq!(first("مئات").stated, None);
    }

    #[test]
    fn vague_quantities_compose_with_a_plural_scale() {
        check("عشرات الآلاف", "[10000,99999]");
        check("مئات الآلاف من اللاجئين", "[100000,999999]");
        check("بضعة آلاف", "[3000,9999]");
        check("عشرات الملايين", "[10000000,99999999]");
        assert_eq!(first("عشرات الآلاف").vague.as_deref(), Some("tens-of-thousands"));
    }

    #[test]
    fn odd_after_a_number() {
        check("20 ونيف", "(20,30)");
        check("عشرون ونيف", "(20,30)");
        check("مئة ونيف", "(100,200)");
        let m = first("ألف ونيفا");
        assert_eq!(m.value.notation(), "(1000,2000)");
        assert_eq!(m.vague.as_deref(), Some("odd"));
        assert_eq!(m.stated, Some(1000.0));
    }

    #[test]
    fn hedge_about() {
        for h in ["حوالي", "نحو", "قرابة", "زهاء", "ما يقرب من", "ما يقارب"] {
            check(&format!("{h} 300 جندي"), "[270,330]");
        }
        check("300 جندي تقريبا", "300");
        check("300 تقريبا", "[270,330]");
        check("وبنحو 300", "[270,330]");
        let m = first("قرابة ألفين");
        assert_eq!((m.hedge.as_deref(), m.stated), (Some("about"), Some(2000.0)));
        assert_eq!(m.tokens, 0..2);
        assert_eq!(m.core, 1..2);
    }

    #[test]
    fn hedge_more_than() {
        for h in
            ["أكثر من", "ما يزيد عن", "ما يزيد على", "تزيد عن", "تزيد على", "يزيد عن", "تتجاوز", "يتجاوز", "يربو على"]
        {
            check(&format!("{h} 500 شخص"), ">500");
        }
        check("قوات تتجاوز عددها الألف", ">1000");
        check("وأكثر من عشرين", ">20");
    }

    #[test]
    fn hedge_at_least_and_slightly_more() {
        check("ما لا يقل عن 40 قتيلا", ">=40");
        check("ما يزيد قليلا عن 100", "(100,120]");
        assert_eq!(first("ما يزيد قليلا عن 100").hedge.as_deref(), Some("slightly-more"));
    }

    #[test]
    fn hedge_less_than_and_up_to() {
        check("أقل من 50", "[0,50)");
        check("دون 18 عاما", "[0,18)");
        check("ما يصل إلى 200", "[0,200]");
        check("حتى 200 شخص", "[0,200]");
        assert_eq!(first("حتى 200").hedge.as_deref(), Some("up-to"));
    }

    #[test]
    fn direct_hedges_need_a_number_right_after() {
        check("دون أن يصاب 3 أشخاص", "3");
        check("حتى عشرات", "[10,99]");
        assert_eq!(first("حتى عشرات").hedge, None);
        assert_eq!(first("بدون 5").hedge, None);
    }

    #[test]
    fn hedges_apply_to_vague_quantities() {
        check("أكثر من عشرات الآلاف", ">10000");
        check("نحو مئات", "[90,1098.9]");
        check("أكثر من مئات", ">100");
    }

    #[test]
    fn percent_words_join_the_number_before_them() {
        let m = first("قتل نحو 60 في المائة من المقاتلين");
        assert!(m.percent);
        assert_eq!(m.value.notation(), "[54,66]");
        check_all("بلغت 45 بالمئة و٣٠٪ و12 %", &["45", "30", "12"]);
        assert!(first("بلغت 45 بالمئة").percent && first("و٣٠٪ فقط").percent);
        // "المائة" alone after في is not a second number.
        check_all("ارتفع 8 في المئة من", &["8"]);
        assert!(!first("قتل مائة شخص").percent);
        assert!(!first("قتل 30 شخصا في المائة").percent);
    }

    #[test]
    fn numbers_inside_names_are_skipped() {
        check("طائرة سي-17 هبطت", "none");
        check("طائرات MQ-9 المسيرة", "none");
        check("مقاتلات F-16 و F16", "none");
        check_all("وصلت 3 طائرات سي-17", &["3"]);
        check("بين 5 - 7 جنود", "5");
    }

    #[test]
    fn ordinals_and_ordinary_words_are_not_numbers() {
        check("للمرة الأولى", "none");
        check("الجولة الثانية", "none");
        check("الطابق الثالث", "none");
        check("أحد الجنود", "none");
        check("وصلوا في آن واحد", "none");
        check("يوم الاثنين", "none");
        check("كتب تقريرا", "none");
    }

    #[test]
    fn find_all_reads_left_to_right_without_overlap() {
        check_all("قتل 12 وأصيب نحو 40 ونزح مئات", &["12", "[36,44]", "[100,999]"]);
        let t = Tokenized::new("نحو 300 جندي", 0);
        assert!(lexicon().find_all(&t, 1..t.len()).first().is_some_and(|m| m.hedge.is_none()));
        assert!(lexicon().find_all(&t, 0..1).is_empty());
    }

    #[test]
    fn parse_at_never_panics_on_odd_input() {
        for s in ["", "و", "و و و", "- - 5", "نحو", "ما يزيد", "ألف و", "٫", "1٫", "99999999999999999999999 مليار"]
        {
            let t = Tokenized::new(s, 0);
            for i in 0..=t.len() + 1 {
                let _ = lexicon().parse_at(&t, i);
            }
        }
    }

    #[test]
    fn invisible_marks_and_tatweel_do_not_break_numbers() {
        check("ثلاثـــة آلاف", "3000");
        check("1\u{200F}500 جندي", "1500");
    }

    /// The built-in rule text with `from` replaced by `to`.
    fn edited_rules(from: &str, to: &str) -> RuleFile {
        let file = RuleSource::builtin().file("numbers.toml").expect("built-in");
        assert!(file.text.contains(from), "built-in rules changed: {from}");
        RuleFile::new("rules/numbers.toml", file.text.replacen(from, to, 1))
    }

    fn line_of(file: &RuleFile, needle: &str) -> usize {
        let at = file.text.find(needle).expect("needle in file");
        file.text[..at].matches('\n').count() + 1
    }

    #[test]
    fn a_hedge_with_an_unknown_formula_names_file_and_line() {
        let file = edited_rules("lo = \"0.9x\"", "lo = \"0.9y\"");
        let err = NumberLexicon::from_file(&file).expect_err("bad formula");
        assert_eq!(err.file, "rules/numbers.toml");
        assert_eq!(err.line, line_of(&file, "lo = \"0.9y\""));
        assert!(err.message.contains("unknown formula"), "{}", err.message);
    }

    #[test]
    fn a_vague_entry_with_lo_above_hi_names_file_and_line() {
        let file = edited_rules("lo = 100\nhi = 999", "lo = 1000\nhi = 999");
        let err = NumberLexicon::from_file(&file).expect_err("lo > hi");
        assert_eq!(err.line, line_of(&file, "lo = 1000\nhi = 999"));
        assert!(err.message.contains("greater than"), "{}", err.message);
        assert!(err.to_string().starts_with("rules/numbers.toml:"));
    }

    #[test]
    fn schema_and_value_errors_point_into_the_file() {
        let file = edited_rules("value = 20\n", "value = 25\n");
        let err = NumberLexicon::from_file(&file).expect_err("bad ten");
        assert_eq!(err.line, line_of(&file, "value = 25\n"));
        let file = edited_rules("[[hedge]]\nid = \"about\"", "[[hedge]]\ncolour = 1\nid = \"about\"");
        let err = NumberLexicon::from_file(&file).expect_err("unknown field");
        assert_eq!(err.line, line_of(&file, "colour = 1"));
        let file = edited_rules("hi = \"inf\"", "hi = \"infinity\"");
        assert!(NumberLexicon::from_file(&file).is_err());
    }

    #[test]
    fn a_fraction_may_repeat_its_scale() {
        check("نحو مليون ونصف المليون نازح", "[1350000,1650000]");
    }

    #[test]
    fn a_lone_unit_before_a_definite_noun_is_another_word() {
        check("تسع القاعدة 500 جندي", "500");
        // Before a definite singular, خمس is the fraction "a fifth".
        check("أكل خمس الفطيرة", "0.2");
        check("من ثلاثة إلى خمسة", "3");
        check("ثلاثة الاف", "3000");
    }

    #[test]
    fn ten_does_not_join_a_ten() {
        check_all("ما بين عشرة وعشرين", &["10", "20"]);
        check("مئة وعشرة", "110");
    }

    #[test]
    fn digits_before_the_word_for_hundred() {
        check("3 مئة جندي", "300");
        check("4 آلاف و3 مئة", "4300");
    }

    #[test]
    fn negatives_ranges_and_leading_points() {
        check("-5 درجات", "-5");
        check("سجلت الحرارة سالب 3 درجات", "-3");
        check("ناقص خمسة وعشرون", "-25");
        check("نحو -5 درجات", "[-5.5,-4.5]");
        check("بين 10-20 قتيلا", "none");
        check("نسبة .25 فقط", "0.25");
        check("رقم ١٢٣٤٥٦٧٨٩١٠١٢٣١", "123456789101231");
    }

    #[test]
    fn fractions_with_a_numerator_and_duals() {
        check("ثلاثة أرباع السكان", "0.75");
        check("كتبت ثلاث ارباع الصفحة", "0.75");
        check("خمسة أثمان", "0.625");
        check("عشرون وثلاثة أخماس", "20.6");
        check("مئة وثلاثة ارباع متر", "100.75");
        check("ثلثا السكان", "0.666667");
        check("ثلثان", "0.666667");
        // A unit and a fraction word that is also a unit stay the unit.
        check("ثلاثة آلاف وخمس", "3005");
        check("خمس ملايين", "5000000");
    }

    #[test]
    fn egyptian_numbers() {
        check("حداشر", "11");
        check("تمنتاشر سنة", "18");
        check("تلاتة و تلاتين", "33");
        check("تلتمية وخمسين", "350");
        check("خمسمية خمسة و عشرين", "525");
        check("متين واحد وعشرين", "221");
        check("اتنين مليون", "2000000");
        // Alone, متين is the adjective "solid".
        check("اقتصاد متين", "none");
    }

    #[test]
    fn slash_fractions_but_not_dates() {
        check("٣/٤ الكأس", "0.75");
        check("١١/١٠", "1.1");
        check_all("في ٥/١٧/٢٠١٨", &["5", "17", "2018"]);
        check("-١٢/١٠", "-1.2");
    }

    #[test]
    fn spoken_decimal_point() {
        check("1 فاصلة 5", "1.5");
        check("واحد فاصلة واحد", "1.1");
        check("ثلاثة فاصلة خمسة وعشرون", "3.25");
    }

    #[test]
    fn a_leading_point_belongs_to_the_number() {
        let m = first(".77");
        assert_eq!((m.core.clone(), m.value.notation()), (0..2, "0.77".to_string()));
        check("٫٧٧", "0.77");
    }

    #[test]
    fn negative_digits_and_words() {
        check("-1200000", "-1200000");
        check("-١٬٢٠٠٬٠٠٠٫٠٠", "-1200000");
        check("سالب واحد", "-1");
        assert_eq!(first("الإجابة سالب واحد").core, 1..3);
        // A dash between numbers or in a name is not a sign.
        check_all("بين 10-20 قتيلا", &[]);
        check("طائرة سي-17", "none");
    }

    #[test]
    fn digits_written_against_a_word_are_not_numbers() {
        check("أريد ١٨٠ميلي لتر", "none");
        check("١مليون ليست رقم", "none");
        check("1M", "none");
        check("صفر هو٠", "0");
        check("بـ1,5 مليار", "1500000000");
    }

    #[test]
    fn digits_after_a_hundred() {
        check("٣ مئة و ٢١", "321");
        check_all("بين مئة و 200", &["100", "200"]);
    }

    #[test]
    fn bidi_and_zero_width_marks_inside_digits() {
        check("25799\u{202a},\u{202a}52", "25799.52");
        check("1\u{061C}500 جندي", "1500");
        check("١\u{200F}٢٠٠ لاجئ", "1200");
        check("12\u{200B}000", "12000");
    }

    #[test]
    fn construct_duals_and_tanween() {
        check("مئتا ألف", "200000");
        check("ألفي جندي", "2000");
        check("ألفًا", "1000");
        check("مئتي", "200");
    }

    #[test]
    fn separators_by_context() {
        check("1،100 جندي", "1100");
        check("1.100 جندي", "1100");
        check("1,5 مليار", "1500000000");
        check("26،013,94", "26013.94");
    }

    #[test]
    fn a_clock_time_is_no_quantity() {
        check_all("وصلت الفرق عند الساعة 9:34 وتبين أنه حادث", &[]);
        check_all("في تمام الساعة ٥:٢٠ من عصر اليوم", &[]);
        // A colon that ends a phrase before a number is no clock.
        check_all("وقال: 300 جندي", &["300"]);
        check_all("العدد : 12", &["12"]);
    }

    #[test]
    fn a_decimal_point_written_after_the_fraction() {
        // The wire's «ر» for the decimal sign, the fraction first.
        check("بلغت الخسائر 2ر3 مليار دولار", "3200000000");
        check("وباع 5ر47 مليون هاتف", "47500000");
        check("نحو 61ر1 مليار", "[1449000000,1771000000]");
        // Only between plain digits joined to it, and nothing more joined.
        check_all("صفحة 2 ر 3", &["2", "3"]);
        // A chain is no decimal (its last digits read alone, as before).
        check_all("الرمز 1ر2ر3 هنا", &["3"]);
        check_all("3 رجال", &["3"]);
    }

    #[test]
    fn ratios_over_a_number() {
        check("واحد على ثلاثة", "0.333333");
        check("نسبة ١ على ٢٠ فقط", "0.05");
        check("اثنان على خمسة", "0.4");
        check("ثلاثة على مئة وعشرين", "0.025");
        // A sign makes even a larger numerator a value.
        check("الناتج سالب ثلاثة على اثنين", "-1.5");
        // Scores and "around the clock" are two numbers.
        check_all("فاز الفريق 3 على 1", &["3", "1"]);
        check_all("الخدمة متاحة 24 على 24", &["24", "24"]);
        check_all("في المباراة 3 مقابل 1", &["3", "1"]);
        // The denominator must be a bare number.
        check_all("واحد على الأقل", &[">=1"]);
        check_all("واحد على الثلاثة", &["1", "3"]);
        check("الكسر الصحيح ٧ على ٣", "2.333333");
        check("بنسبة 3 على 1", "3");
        // The known cost: a count right before على and a larger number.
        check_all("حصل 3 على 5 ميداليات", &["0.6"]);
    }

    #[test]
    fn ratios_of_parts() {
        check("ثلاثة أجزاء من عشرة", "0.3");
        check("جزء من ألف", "0.001");
        check("واحد جزء من مليون.", "0.000001");
        check("جزء من عشرين جزءا", "0.05");
        check("جزء من مئة الملف", "0.01");
        // "part of" a counted amount is no ratio.
        check_all("خصص جزء من 300 مليون دولار", &["300000000"]);
        check_all("ثلاثة أجزاء من 500 متر", &["3", "500"]);
        check_all("انسحب جزء من ثلاثة آلاف جندي", &["3000"]);
    }

    #[test]
    fn one_of_a_round_number_or_of_every() {
        check("احتمال واحد من مليون", "0.000001");
        check("واحدة من ألف", "0.001");
        check("واحد من كل خمسة أطفال", "0.2");
        // One of three students: two counts, not a ratio.
        check_all("واحد من ثلاثة طلاب", &["1", "3"]);
        check_all("قتل واحد من عشرين مسلحا", &["1", "20"]);
        check_all("ثلاثة من مئة", &["3", "100"]);
    }

    #[test]
    fn dozens() {
        check("اشترى دزينة بيض", "12");
        check("دزينتان", "24");
        check("أربع دزينات من الأقلام", "48");
        check("5 دزينات", "60");
        check("نصف دزينة", "6");
        check("عشرون دزينة", "240");
        check("مئتان ودزينة", "212");
        check("دستة بيض", "12");
        // A dozen and a half is not 12.5; a plural alone is not read.
        check_all("دزينة ونصف", &["12"]);
        check_all("دزينات من البيض", &[]);
    }

    #[test]
    fn powers_and_exponents() {
        check("10^3", "1000");
        check("2^-1", "0.5");
        check("١,١^٢", "1.21");
        check("2-^1", "0.5");
        check("1e10", "10000000000");
        check("٣e٢", "300");
        check("1.5e-3", "0.0015");
        check("-1,5e+3", "-1500");
        // Spaced or unfinished notation is not a power.
        check_all("10 ^ 3", &["10", "3"]);
        check_all("الطراز 3e جديد", &[]);
        check_all("10-20", &[]);
    }

    #[test]
    fn digits_grouped_by_spaces() {
        check("١ ٢٣٤ ٥٦٧", "1234567");
        check("شارك 12 500 شخص", "12500");
        check("الطريق 1 200 كيلومتر", "1200");
        check("1 200 مليون", "1200000000");
        // A date, phone numbers and lists stay apart.
        check_all("2024 10 15", &["2024", "10", "15"]);
        check_all("050 123 4567", &["50", "123", "4567"]);
        check_all("اتصل على 12 345 6789", &["12", "345", "6789"]);
        check_all("+966 555 123", &["966", "555", "123"]);
        check_all("الأرقام 1 2 3", &["1", "2", "3"]);
        check_all("عام 2023 300 حالة", &["2023", "300"]);
        check_all("1\n200", &["1", "200"]);
        check_all("1  200", &["1", "200"]);
        check_all("١ ، ٢٣٤ ، ٥٦٧", &["1", "234", "567"]);
    }

    #[test]
    fn mixed_numbers() {
        check("١ ٤/٥", "1.8");
        check("-2 1/2 درجة", "-2.5");
        check_all("3 5/4", &["3", "1.25"]);
        check_all("في 3 5/17/2018", &["3", "5", "17", "2018"]);
    }

    #[test]
    fn a_hundred_after_a_scale_without_wa() {
        check("٤ آلاف ٣ مئة و ٢١", "4321");
        check("ألفين ثلاثمئة", "2300");
        check_all("ألف 300", &["1000", "300"]);
    }

    #[test]
    fn larger_scales_multiply_and_plurals_after_larger_numbers() {
        check("ألف مليون", "1000000000");
        check("عشرة آلاف مليون دولار", "10000000000");
        check("مئة ألف تريليون", "100000000000000000");
        check("مائة آلاف", "100000");
        check_all("مليون ألف", &["1000000", "1000"]);
    }

    #[test]
    fn whole_numbers_counting_parts() {
        check("عشرون أخماس", "4");
        check("واحد وعشرون اخماس", "4.2");
        check("ثلاثة وعشرون خمس", "4.6");
        check("ثلاثة وعشرون خمسا", "4.6");
        // Below eleven the singular is the cardinal; a teen is one number.
        check_all("عشرة خمس", &["10", "5"]);
        check_all("ثلاثة وعشرون خمس عشرة", &["23", "15"]);
        check("ثلاثة آلاف وخمس", "3005");
    }

    #[test]
    fn builtin_rules_load() {
        let _ = lexicon();
    }
}
