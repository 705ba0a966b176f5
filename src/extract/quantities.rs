//! What a figure measures when `measures.toml` does not list its noun:
//! units, property nouns and the open counted noun (`rules/units.toml`,
//! `rules/plurals.tsv`).
//!
//! Owns compiling units (spellings, dimension, factor to the dimension's
//! base), property nouns ("طول", "قدرة", "نسبة"), the words that never are
//! a counted noun, and the lemma of a counted noun (a broken plural folded
//! to its singular by the plurals lexicon, else the case ending, sound
//! plural and article taken off). It says what a unit or a noun is; it
//! does not decide whether a figure is a claim: that is `extract`'s.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use crate::rules::{RuleError, RuleFile, RuleSource};
use crate::text::normalize::normalize_str;
use crate::text::{stems, PhraseMatcher, TokenKind, Tokenized};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    dimension: Vec<DimensionRule>,
    unit: Vec<UnitRule>,
    property: Vec<PropertyRule>,
    open: OpenRule,
    #[serde(default)]
    rate: Vec<RateRule>,
    #[serde(default, rename = "example")]
    _example: Vec<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionRule {
    id: toml::Spanned<String>,
    base: String,
    #[serde(default)]
    of_topic: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRule {
    id: toml::Spanned<String>,
    dimension: toml::Spanned<String>,
    factor: toml::Spanned<f64>,
    words: toml::Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PropertyRule {
    id: toml::Spanned<String>,
    words: toml::Spanned<Vec<String>>,
    #[serde(default)]
    dimensions: Vec<toml::Spanned<String>>,
    #[serde(default)]
    series: bool,
    /// Words after the unit that name the property ("120 km long").
    #[serde(default)]
    after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateRule {
    id: toml::Spanned<String>,
    label: String,
    words: toml::Spanned<Vec<String>>,
    #[serde(default)]
    open_words: Vec<String>,
}

/// A period a figure is given for ("يوميا", "في العام"): a rate.
#[derive(Debug, Clone)]
pub struct Rate {
    pub id: Arc<str>,
    pub label: Arc<str>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenRule {
    never: Vec<String>,
    min_letters: usize,
    qualifiers: Vec<String>,
    qualifier_endings: Vec<String>,
    increments: Vec<String>,
    change_words: Vec<String>,
    money_properties: Vec<String>,
    verb_forms: Vec<[String; 2]>,
    #[serde(default)]
    tally_words: Vec<String>,
    #[serde(default)]
    price_words: Vec<String>,
    #[serde(default)]
    money_measures: Vec<String>,
    #[serde(default)]
    money_flows: Vec<String>,
}

/// One kind of quantity and the unit its values are given in.
#[derive(Debug, Clone)]
pub struct Dimension {
    pub id: Arc<str>,
    pub base: Arc<str>,
    /// "N UNIT من NOUN" names what is measured ("300 طن من المساعدات");
    /// for a duration or a length it says when or where ("خلال 24 ساعة من
    /// وقوعه").
    pub of_topic: bool,
}

/// A unit: its dimension (index into `dimensions`) and base units per unit.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: Arc<str>,
    pub dimension: usize,
    pub factor: f64,
}

/// A noun naming what a quantity measures, and the dimensions it can.
#[derive(Debug, Clone)]
pub struct Property {
    pub id: Arc<str>,
    /// Indexes into `dimensions`; empty: any.
    pub dimensions: Vec<usize>,
    /// A level of a series that moves from day to day (a rate): compared
    /// only on a stated day.
    pub series: bool,
}

/// Compiled `units.toml` and `plurals.tsv`.
#[derive(Debug, Clone, Default)]
pub struct QuantityRules {
    pub dimensions: Vec<Dimension>,
    pub units: Vec<Unit>,
    pub properties: Vec<Property>,
    unit_words: PhraseMatcher<usize>,
    property_words: PhraseMatcher<usize>,
    property_after: PhraseMatcher<usize>,
    never: std::collections::HashSet<String>,
    min_letters: usize,
    qualifiers: std::collections::HashSet<String>,
    qualifier_endings: Vec<String>,
    increments: std::collections::HashSet<String>,
    change_words: PhraseMatcher<()>,
    money_properties: PhraseMatcher<()>,
    money_measures: PhraseMatcher<()>,
    money_flows: PhraseMatcher<()>,
    tally_words: PhraseMatcher<()>,
    price_words: PhraseMatcher<()>,
    /// (prefix, suffix) pairs of present-tense verbs ("يعالجون").
    verb_forms: Vec<[String; 2]>,
    /// Plural (normalised) → singular (normalised).
    plurals: HashMap<String, String>,
    pub rates: Vec<Rate>,
    rate_words: PhraseMatcher<usize>,
    rate_open_words: PhraseMatcher<usize>,
}

impl QuantityRules {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        let mut rules = Self::from_file(&src.file("units.toml")?)?;
        rules.plurals = parse_plurals(&src.file("plurals.tsv")?)?;
        Ok(rules)
    }

    pub fn from_file(file: &RuleFile) -> Result<Self, RuleError> {
        let raw: UnitsFile = file.parse()?;
        let mut dimensions: Vec<Dimension> = Vec::new();
        for d in &raw.dimension {
            if dimensions.iter().any(|x| *x.id == **d.id.get_ref()) {
                return Err(RuleError::at(
                    file,
                    d.id.span(),
                    format!("dimension `{}` is defined twice", d.id.get_ref()),
                ));
            }
            dimensions.push(Dimension {
                id: d.id.get_ref().as_str().into(),
                base: d.base.as_str().into(),
                of_topic: d.of_topic,
            });
        }
        let dimension_of = |s: &toml::Spanned<String>| {
            dimensions
                .iter()
                .position(|d| *d.id == **s.get_ref())
                .ok_or_else(|| RuleError::at(file, s.span(), format!("no [[dimension]] is called `{}`", s.get_ref())))
        };
        let mut units = Vec::new();
        let mut unit_words = PhraseMatcher::new();
        for u in &raw.unit {
            if units.iter().any(|x: &Unit| *x.id == **u.id.get_ref()) {
                return Err(RuleError::at(file, u.id.span(), format!("unit `{}` is defined twice", u.id.get_ref())));
            }
            let factor = *u.factor.get_ref();
            if !(factor.is_finite() && factor > 0.0) {
                return Err(RuleError::at(file, u.factor.span(), "a unit's factor must be a positive number"));
            }
            if u.words.get_ref().is_empty() {
                return Err(RuleError::at(file, u.words.span(), format!("unit `{}` has no words", u.id.get_ref())));
            }
            let ui = units.len();
            units.push(Unit { id: u.id.get_ref().as_str().into(), dimension: dimension_of(&u.dimension)?, factor });
            for w in u.words.get_ref() {
                unit_words.insert(w, ui);
            }
        }
        let mut properties = Vec::new();
        let mut property_words = PhraseMatcher::new();
        let mut property_after = PhraseMatcher::new();
        for p in &raw.property {
            if p.words.get_ref().is_empty() {
                return Err(RuleError::at(file, p.words.span(), format!("property `{}` has no words", p.id.get_ref())));
            }
            let dims = p.dimensions.iter().map(&dimension_of).collect::<Result<Vec<_>, _>>()?;
            let pi = properties.len();
            properties.push(Property { id: p.id.get_ref().as_str().into(), dimensions: dims, series: p.series });
            for w in p.words.get_ref() {
                property_words.insert(w, pi);
            }
            for w in &p.after {
                property_after.insert(w, pi);
            }
        }
        let mut rates: Vec<Rate> = Vec::new();
        let mut rate_words = PhraseMatcher::new();
        let mut rate_open_words = PhraseMatcher::new();
        for r in &raw.rate {
            if rates.iter().any(|x| *x.id == **r.id.get_ref()) {
                return Err(RuleError::at(file, r.id.span(), format!("rate `{}` is defined twice", r.id.get_ref())));
            }
            if r.words.get_ref().is_empty() {
                return Err(RuleError::at(file, r.words.span(), format!("rate `{}` has no words", r.id.get_ref())));
            }
            let ri = rates.len();
            rates.push(Rate { id: r.id.get_ref().as_str().into(), label: r.label.as_str().into() });
            r.words.get_ref().iter().for_each(|w| rate_words.insert(w, ri));
            r.open_words.iter().for_each(|w| rate_open_words.insert(w, ri));
        }
        Ok(QuantityRules {
            rates,
            rate_words,
            rate_open_words,
            dimensions,
            units,
            properties,
            unit_words,
            property_words,
            property_after,
            never: raw.open.never.iter().map(|w| normalize_str(w)).collect(),
            min_letters: raw.open.min_letters,
            qualifiers: raw.open.qualifiers.iter().map(|w| normalize_str(w)).collect(),
            qualifier_endings: raw.open.qualifier_endings.iter().map(|w| normalize_str(w)).collect(),
            increments: raw.open.increments.iter().map(|w| normalize_str(w)).collect(),
            verb_forms: raw.open.verb_forms.iter().map(|[p, s]| [normalize_str(p), normalize_str(s)]).collect(),
            price_words: PhraseMatcher::of_words(&raw.open.price_words),
            tally_words: PhraseMatcher::of_words(&raw.open.tally_words),
            money_properties: PhraseMatcher::of_words(&raw.open.money_properties),
            money_measures: PhraseMatcher::of_words(&raw.open.money_measures),
            money_flows: PhraseMatcher::of_words(&raw.open.money_flows),
            change_words: PhraseMatcher::of_words(&raw.open.change_words),
            plurals: HashMap::new(),
        })
    }

    /// The period a figure ending at token `end` is given for ("49 سفينة
    /// يوميا", "3 ملايين يورو في العام"): a rate's words right after it, or
    /// after up to two more words of what it measures ("برميل نفط يوميا",
    /// "طن من النفايات يوميا"). An open word («في العام») counts only
    /// where the clause ends after it, so «في العام الماضي» stays a time.
    /// Returns the rate and its tokens.
    pub fn rate_after(&self, t: &Tokenized, end: usize) -> Option<(Range<usize>, &Rate)> {
        if self.rates.is_empty() {
            return None;
        }
        for at in end..end + 3 {
            // Only across words: not past punctuation or another figure.
            if at > end && t.kind(at - 1) != Some(TokenKind::Word) {
                break;
            }
            if let Some(m) = self.rate_words.longest_at(t, at) {
                return Some((m.tokens.clone(), &self.rates[*m.value]));
            }
            if let Some(m) = self.rate_open_words.longest_at(t, at) {
                let next = m.tokens.end;
                let ends = match t.kind(next) {
                    None | Some(TokenKind::Punct) => true,
                    Some(TokenKind::Word) => t.text(next).starts_with('و') && t.text(next).chars().count() > 3,
                    _ => false,
                };
                if ends {
                    return Some((m.tokens.clone(), &self.rates[*m.value]));
                }
            }
        }
        None
    }

    /// The unit whose spelling starts at token `i` (longest), with its tokens.
    pub fn unit_at(&self, t: &Tokenized, i: usize) -> Option<(Range<usize>, &Unit)> {
        if !matches!(t.kind(i), Some(TokenKind::Word | TokenKind::Punct)) {
            return None;
        }
        self.unit_words.longest_at(t, i).map(|m| (m.tokens.clone(), &self.units[*m.value]))
    }

    /// The property noun starting at token `i`, with its tokens.
    pub fn property_at(&self, t: &Tokenized, i: usize) -> Option<(Range<usize>, &Property)> {
        if t.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        self.property_words.longest_at(t, i).map(|m| (m.tokens.clone(), &self.properties[*m.value]))
    }

    /// The property named after a unit at token `i` ("long" in "120 km
    /// long"), with its tokens.
    pub fn property_after_at(&self, t: &Tokenized, i: usize) -> Option<(Range<usize>, &Property)> {
        if t.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        self.property_after.longest_at(t, i).map(|m| (m.tokens.clone(), &self.properties[*m.value]))
    }

    /// Whether a word (normalised, as written) can be a counted noun at
    /// all: none of its readings (with or without a proclitic, «بجروح»
    /// as جروح) nor its lemma is in [open] `never`, and it is long enough.
    pub fn may_be_counted(&self, word: &str) -> bool {
        let bare = strip_article(word);
        bare.chars().count() >= self.min_letters
            && bare.chars().all(char::is_alphabetic)
            && !self.is_verb_form(word)
            && !self.is_never(word)
    }

    /// A present-tense verb by its shape ([open] `verb_forms`: «يعالجون»).
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verb_forms.iter().any(|[p, s]| word.starts_with(p.as_str()) && word.ends_with(s.as_str()))
    }

    /// Whether a word after a counted noun makes it an increment ("11 جثة
    /// جديدة": new ones since the last report), which each report counts
    /// from its own last one.
    pub fn is_increment(&self, word: &str) -> bool {
        let bare = strip_article(word);
        self.increments.contains(word) || self.increments.contains(bare)
    }

    /// Whether token `i` is a word of change ("ارتفعت", "تراجع").
    /// The money property noun ("تكلفة", "قيمة") at token `i`, with its tokens.
    pub fn money_property_at(&self, t: &Tokenized, i: usize) -> Option<Range<usize>> {
        (t.kind(i) == Some(TokenKind::Word))
            .then(|| self.money_properties.longest_at(t, i).map(|m| m.tokens.clone()))?
    }

    /// Whether the money property at `prop` measures something named after
    /// it ("قيمة", "إجمالي") rather than naming the thing ("التعويضات").
    pub fn is_money_measure(&self, t: &Tokenized, prop: &Range<usize>) -> bool {
        self.money_measures.longest_at(t, prop.start).is_some_and(|m| m.tokens.end == prop.end)
    }

    /// Whether the money property at `prop` is a flow over a period
    /// ("مبيعات", "أرباح"): it names the thing, but not whose or when.
    pub fn is_money_flow(&self, t: &Tokenized, prop: &Range<usize>) -> bool {
        self.money_flows.longest_at(t, prop.start).is_some_and(|m| m.tokens.end == prop.end)
    }

    /// The lemma of the noun a money property ends with, read without the
    /// clitics it was matched with («بتعويض» → تعويض).
    pub fn money_property_noun(&self, t: &Tokenized, prop: &Range<usize>) -> Option<String> {
        let m = self.money_properties.longest_at(t, prop.start)?;
        let head = prop.end.checked_sub(1)?;
        if head > prop.start {
            return Some(self.lemma(t.text(head)));
        }
        let readings = stems(t.text(head));
        let bare = readings.iter().find(|s| s.conj == m.conj && s.prep == m.prep && s.article == m.article)?;
        Some(self.lemma(bare.stem))
    }

    /// Whether `word` is never counted ([open] never): a month, a unit, a
    /// word of amount between a property and its number ("قدره").
    pub fn is_never(&self, word: &str) -> bool {
        stems(word).iter().any(|s| self.never.contains(s.stem) || self.never.contains(&self.lemma(s.stem)))
    }

    /// Whether the money property at token `i` is a price ("سعر"): a level
    /// of a market that moves within the day.
    pub fn is_price_at(&self, t: &Tokenized, i: usize) -> bool {
        t.kind(i) == Some(TokenKind::Word) && self.price_words.longest_at(t, i).is_some()
    }

    /// Whether token `i` starts a word of a running tally ("منذ").
    pub fn is_tally_word(&self, t: &Tokenized, i: usize) -> bool {
        t.kind(i) == Some(TokenKind::Word) && self.tally_words.longest_at(t, i).is_some()
    }

    pub fn is_change_word(&self, t: &Tokenized, i: usize) -> bool {
        t.kind(i) == Some(TokenKind::Word) && self.change_words.longest_at(t, i).is_some()
    }

    /// The key of a word that qualifies a counted noun ("دوليا" → دولي), or
    /// `None` when it is no qualifier ([open] qualifiers, qualifier_endings).
    pub fn qualifier(&self, word: &str) -> Option<String> {
        let bare = strip_article(word);
        let bare = match bare.strip_suffix('ا') {
            Some(rest) if rest.chars().count() >= 3 => rest,
            _ => bare,
        };
        let listed = self.qualifiers.contains(word) || self.qualifiers.contains(bare);
        let nisba = bare.chars().count() >= 4 && self.qualifier_endings.iter().any(|e| bare.ends_with(e.as_str()));
        if !(listed || nisba) {
            return None;
        }
        // One key for its genders and numbers: دولي، دولية، دوليين; سابق،
        // سابقين.
        if nisba {
            let stem = ["يين", "يون", "يات", "يه", "ي"].iter().find_map(|e| bare.strip_suffix(e)).unwrap_or(bare);
            return Some(format!("{stem}ي"));
        }
        Some(self.lemma(bare))
    }

    /// The lemma of a counted noun (normalised), as a key: the article and
    /// the accusative alif off, a broken plural folded to its singular by
    /// the lexicon, a sound plural (ون، ين، ات) off, and the ta marbuta
    /// (ه after normalisation) off, so that سيارة and سيارات, اجتماع and
    /// اجتماعات, meet. It is a key, not a word to show.
    pub fn lemma(&self, word: &str) -> String {
        let bare = strip_article(word);
        // The accusative alif of tanween: "جنديا", "كيلومترا".
        let no_case = match bare.strip_suffix('ا') {
            Some(rest) if rest.chars().count() >= 3 && !rest.ends_with('ا') => rest,
            _ => bare,
        };
        let singular = self
            .plurals
            .get(bare)
            .or_else(|| self.plurals.get(no_case))
            .map(String::as_str)
            .or_else(|| {
                ["ون", "ين", "ات"]
                    .iter()
                    .find_map(|suffix| no_case.strip_suffix(suffix).filter(|rest| rest.chars().count() >= 3))
            })
            .unwrap_or(no_case);
        let singular = self.plurals.get(singular).map(String::as_str).unwrap_or(singular);
        match singular.strip_suffix('ه') {
            Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
            _ => singular.to_string(),
        }
    }
}

/// A word without its article (ال, or لل after ل), when at least three letters remain.
fn strip_article(word: &str) -> &str {
    match word.strip_prefix("ال").or_else(|| word.strip_prefix("لل")) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => word,
    }
}

/// Reads `plurals.tsv`: `plural<TAB>singular` lines, `#` comments.
fn parse_plurals(file: &RuleFile) -> Result<HashMap<String, String>, RuleError> {
    let mut out = HashMap::new();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        let Some((plural, singular)) = body.split_once('\t') else {
            return Err(RuleError::at(file, at..at + body.len(), "expected `plural<TAB>singular`"));
        };
        let (plural, singular) = (normalize_str(plural), normalize_str(singular));
        if plural.is_empty() || singular.is_empty() || plural.contains(' ') || singular.contains(' ') {
            return Err(RuleError::at(file, at..at + body.len(), "a plural and its singular are one word each"));
        }
        if plural != singular {
            out.insert(plural, singular);
        }
    }
    Ok(out)
}

/// How far an amount written with decimals or a scale word may be from
/// the figure it stands for, below and above, relative to it: half its
/// last written digit below, a whole digit above, since news rounds and
/// also cuts ("84 مليون" for 84.54 million, "375.5 مليون" for
/// 375,526,840). A whole amount written in full is exact.
pub fn amount_tolerance(t: &Tokenized, core: &Range<usize>, value: f64) -> (f64, f64) {
    let Some((written, scaled)) = written_digits(t, core) else {
        return compound_tolerance(t, core, value);
    };
    let whole_digits = if value.fract() == 0.0 { format!("{}", value.abs() as u64).len() } else { 0 };
    // Every written digit is a digit of the whole number: no decimals.
    if !scaled && whole_digits == significant(written, false) {
        return (0.0, 0.0);
    }
    let half = written_tolerance(t, core, value);
    // A single significant digit ("3 مليارات") is rounded, not cut: 3.9
    // billion would be "nearly 4".
    (half, if significant(written, true) >= 2 { 2.0 * half } else { half })
}

/// An amount written in parts with scale words ("375 مليونا و526 ألف
/// ريال") is written to its smallest part: it holds from half of that part
/// below to a whole part above (375,526,840 is "375 مليونا و526 ألفا").
fn compound_tolerance(t: &Tokenized, core: &Range<usize>, value: f64) -> (f64, f64) {
    let parts = core.clone().filter(|&k| t.kind(k) == Some(TokenKind::Number)).count();
    let worded = core.clone().any(|k| t.kind(k) == Some(TokenKind::Word));
    if parts < 2 || !worded || value.fract() != 0.0 || value <= 0.0 {
        return (0.0, 0.0);
    }
    let mut unit = 1.0;
    while (value / (unit * 10.0)).fract() == 0.0 && unit < value {
        unit *= 10.0;
    }
    if unit < 10.0 {
        return (0.0, 0.0);
    }
    (0.5 * unit / value, unit / value)
}

/// The one digit token of a figure's core, and whether a scale word
/// ("مليون") multiplies it.
fn written_digits<'t>(t: &'t Tokenized, core: &Range<usize>) -> Option<(&'t str, bool)> {
    let digits: Vec<&str> = core.clone().filter(|&k| t.kind(k) == Some(TokenKind::Number)).map(|k| t.text(k)).collect();
    let [written] = digits[..] else { return None };
    let scaled = core.clone().any(|k| t.kind(k) == Some(TokenKind::Word));
    Some((written, scaled))
}

/// Digits written, leading zeros off (and trailing zeros too when
/// `trim_trailing`: "50" has one significant digit before a scale word).
fn significant(written: &str, trim_trailing: bool) -> usize {
    let d: String = written.chars().filter(char::is_ascii_digit).collect();
    let d = d.trim_start_matches('0');
    if trim_trailing {
        d.trim_end_matches('0').len()
    } else {
        d.len()
    }
}

/// How precisely a measured figure was written, as a relative half-width:
/// it holds within half its last written digit ("5.15 غيغاواط" within
/// 0.005, "2.3 مليون" within 0.05 million, "44 كيلوجراما" within 0.5).
pub fn written_tolerance(t: &Tokenized, core: &Range<usize>, value: f64) -> f64 {
    let Some((written, _)) = written_digits(t, core) else { return 0.0 };
    let sig = significant(written, false);
    if value == 0.0 || sig == 0 {
        return 0.0;
    }
    // The unit of the last written digit: 84.540 million has five
    // significant digits, its last one is a thousand.
    let magnitude = value.abs().log10().floor() as i32;
    let unit = 10f64.powi(magnitude - sig as i32 + 1);
    0.5 * unit / value.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> QuantityRules {
        QuantityRules::load(&RuleSource::builtin()).expect("built-in units")
    }

    #[test]
    fn lemmas_fold_case_endings_and_sound_plurals() {
        let r = rules();
        assert_eq!(r.lemma("سفينه"), "سفين");
        assert_eq!(r.lemma("مهندسين"), "مهندس");
        assert_eq!(r.lemma("مهندسا"), "مهندس");
        assert_eq!(r.lemma("السيارات"), r.lemma("سياره"));
        assert_eq!(r.lemma("اجتماعات"), r.lemma("اجتماع"));
        assert_eq!(r.lemma("سفن"), r.lemma("سفينه"));
        assert_eq!(r.lemma("اطنان"), r.lemma("طن"));
    }

    #[test]
    fn months_numbers_and_short_words_are_never_counted() {
        let r = rules();
        assert!(!r.may_be_counted("يوليو"));
        assert!(!r.may_be_counted("مليون"));
        assert!(!r.may_be_counted("اب"));
        assert!(!r.may_be_counted("بجروح"), "a proclitic reading in never");
        assert!(!r.may_be_counted("ضعفا"), "a lemma in never");
        assert!(!r.may_be_counted("يعالجون"), "a present-tense verb");
        assert!(r.may_be_counted("سفينه"));
        assert!(r.may_be_counted("المدارس"));
    }

    /// A units.toml with one dimension and one unit, and its [open] table.
    fn file(unit: &str) -> RuleFile {
        let text = format!(
            "property = []\n[[dimension]]\nid = \"length\"\nbase = \"m\"\n{unit}\n[open]\nnever = []\nmin_letters = 3\nqualifiers = []\nqualifier_endings = []\nincrements = []\nchange_words = []\nmoney_properties = []\nverb_forms = []\n"
        );
        RuleFile::new("units.toml", text)
    }

    #[test]
    fn a_bad_factor_points_into_the_file() {
        let f = file("[[unit]]\nid = \"km\"\ndimension = \"length\"\nfactor = -1\nwords = [\"كم\"]");
        let err = QuantityRules::from_file(&f).expect_err("negative factor");
        assert!(err.message.contains("positive"), "{}", err.message);
        assert_eq!(err.line, 8);
    }

    #[test]
    fn an_unknown_dimension_is_named() {
        let f = file("[[unit]]\nid = \"kg\"\ndimension = \"mass\"\nfactor = 1\nwords = [\"كغ\"]");
        let err = QuantityRules::from_file(&f).expect_err("unknown dimension");
        assert!(err.message.contains("mass"), "{}", err.message);
        assert_eq!(err.line, 7);
    }

    #[test]
    fn the_built_in_rules_compile() {
        let f = file("[[unit]]\nid = \"km\"\ndimension = \"length\"\nfactor = 1000\nwords = [\"كم\"]");
        assert_eq!(QuantityRules::from_file(&f).expect("valid").units.len(), 1);
    }

    #[test]
    fn a_figure_keeps_the_precision_it_was_written_with() {
        let t = Tokenized::new("5.15 غيغاواط و5150 ميغاواط", 0);
        assert!((written_tolerance(&t, &(0..1), 5.15) - 0.005 / 5.15).abs() < 1e-12);
        let whole = (0..t.len()).find(|&k| t.text(k) == "5150").expect("5150 token");
        assert!((written_tolerance(&t, &(whole..whole + 1), 5150.0) - 0.5 / 5150.0).abs() < 1e-12);
    }
}
