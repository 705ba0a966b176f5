//! Content terms: light stems of the words that say what a text is about.
//!
//! Owns reducing a normalised word to a light stem (proclitics and common
//! inflectional suffixes off, so الانفجار and انفجارات meet), telling
//! content words from function words (a stop list from the rule files), and
//! hashing word shingles for near-duplicate detection, and how common a
//! stem is in a reference corpus (`rules/df.tsv`). It knows nothing of
//! stories or claims: `extract` records the terms of each document and of
//! each claim's clause, `stories` compares them.

use super::lexicon::{word_key, KeyMap};
use super::token::{TokenKind, Tokenized};
use crate::rules::{RuleError, RuleFile};

/// Prefixes taken off a word, longest first: conjunction, preposition and
/// article together before each alone. Only one is taken.
const PREFIXES: &[&str] = &["وبال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل"];

/// Suffixes taken off after the prefix: plural and feminine endings, the
/// nisba, pronoun suffixes and accusative alif. Only one is taken.
const SUFFIXES: &[&str] =
    &["يات", "ات", "ون", "ين", "ان", "تين", "تان", "يه", "يا", "هما", "هم", "ها", "نا", "ه", "ي", "ا"];

/// A stem keeps at least this many letters; shorter words keep their form.
const MIN_STEM_CHARS: usize = 3;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The light stem of a normalised word: one proclitic group and one
/// suffix off, each only when at least three letters remain. Latin words
/// (already lower-cased by normalisation) lose a plural `s`.
pub fn light_stem(word: &str) -> &str {
    if word.is_ascii() {
        return match word.strip_suffix('s') {
            Some(rest) if rest.len() >= 3 && !rest.ends_with('s') => rest,
            _ => word,
        };
    }
    let mut w = word;
    // و, ف, ب, ل alone are taken only off a longer word: وزير keeps its و
    // as long as what remains would be too short, and short words are
    // usually whole.
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            let min = if chars(p) == 1 { MIN_STEM_CHARS + 1 } else { MIN_STEM_CHARS };
            if chars(rest) >= min {
                w = rest;
                break;
            }
        }
    }
    for s in SUFFIXES {
        if let Some(rest) = w.strip_suffix(s) {
            if chars(rest) >= MIN_STEM_CHARS {
                w = rest;
                break;
            }
        }
    }
    w
}

/// Function words, compared with a word as written and without a leading
/// conjunction.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    keys: super::lexicon::KeySet,
}

impl StopWords {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let keys = words.into_iter().map(|w| word_key(&super::normalize::normalize_str(w))).collect();
        StopWords { keys }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.contains_keyed(word, word_key(word))
    }

    /// [`contains`](Self::contains) for a word whose key is known.
    fn contains_keyed(&self, word: &str, key: u64) -> bool {
        if self.keys.contains(&key) {
            return true;
        }
        match word.strip_prefix(['و', 'ف']) {
            Some(rest) if !rest.is_empty() => self.keys.contains(&word_key(rest)),
            _ => false,
        }
    }
}

/// The stem key of token `i` when it is a content word: letters, at least
/// three of them, not a stop word.
pub fn content_key(t: &Tokenized, i: usize, stop: &StopWords) -> Option<u64> {
    if t.kind(i) != Some(TokenKind::Word) {
        return None;
    }
    let w = t.text(i);
    if chars(w) < MIN_STEM_CHARS {
        return None;
    }
    // The word's key was computed with its readings; hash only what is new.
    let key = t.word_key_at(i).unwrap_or_else(|| word_key(w));
    if stop.contains_keyed(w, key) {
        return None;
    }
    let stem = light_stem(w);
    let stem_key = if stem.len() == w.len() { key } else { word_key(stem) };
    if stop.contains_keyed(stem, stem_key) {
        return None;
    }
    Some(stem_key)
}

/// Hashes of every run of `k` consecutive words (digits count as words, so
/// a figure is part of a passage), keeping about one in `keep_one_in` by
/// hash value: the same passage keeps the same shingles in every copy of
/// it, so containment between two texts is estimated from the samples.
pub fn shingles(t: &Tokenized, k: usize, keep_one_in: u64) -> Vec<u64> {
    let words: Vec<u64> = (0..t.len())
        .filter(|&i| matches!(t.kind(i), Some(TokenKind::Word | TokenKind::Number)))
        .map(|i| t.word_key_at(i).unwrap_or_else(|| word_key(t.text(i))))
        .collect();
    if words.len() < k || k == 0 {
        return Vec::new();
    }
    let keep = keep_one_in.max(1);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| w.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &x| (h ^ x).wrapping_mul(0x100_0000_01b3)))
        .filter(|h| h % keep == 0)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Document frequencies of stems in a reference corpus (`rules/df.tsv`):
/// with them a run of five articles weighs its terms as a run of thousands
/// would, instead of by five articles' statistics.
#[derive(Debug, Clone, Default)]
pub struct Frequencies {
    pub articles: u32,
    /// Stem key ([`crate::text::lexicon::word_key`]) → articles it is in.
    pub df: KeyMap<u32>,
}

impl Frequencies {
    /// Whether a stem or town key is in at most `share` of the reference
    /// articles: a village, a name, the word for what happened there.
    pub fn rare(&self, key: u64, share: f64) -> bool {
        f64::from(self.df.get(&key).copied().unwrap_or(0)) <= share * f64::from(self.articles.max(1))
    }

    /// Reads `articles<TAB>N` and then `stem<TAB>count` lines; `#` starts a
    /// comment.
    pub fn parse(file: &RuleFile) -> Result<Self, RuleError> {
        let mut out = Frequencies::default();
        let mut offset = 0;
        for line in file.text.split_inclusive('\n') {
            let at = offset..offset + line.trim_end().len();
            offset += line.len();
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || RuleError::at(file, at.clone(), "expected `stem<TAB>count`");
            let (word, n) = line.split_once('\t').ok_or_else(bad)?;
            let n: u32 = n.trim().parse().map_err(|_| bad())?;
            if word == "articles" {
                out.articles = n;
            } else {
                out.df.insert(word_key(word), n);
            }
        }
        if out.articles == 0 && !out.df.is_empty() {
            return Err(RuleError::at(file, 0..0, "the first row must be `articles<TAB>N`"));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_str;

    fn stem(w: &str) -> String {
        light_stem(&normalize_str(w)).to_string()
    }

    #[test]
    fn inflections_of_one_word_meet() {
        assert_eq!(stem("الانفجار"), stem("انفجار"));
        assert_eq!(stem("والانفجار"), stem("انفجار"));
        assert_eq!(stem("انفجارات"), stem("انفجار"));
        assert_eq!(stem("المسلحين"), stem("مسلحون"));
        assert_eq!(stem("السعودية"), stem("سعودي"));
        assert_eq!(stem("للمطالبة"), stem("مطالبه"));
    }

    #[test]
    fn short_words_keep_their_form() {
        assert_eq!(stem("وزير"), "وزير");
        assert_eq!(stem("بين"), "بين");
        assert_eq!(stem("ولد"), "ولد");
    }

    #[test]
    fn latin_plurals_meet() {
        assert_eq!(light_stem("bombs"), "bomb");
        assert_eq!(light_stem("gas"), "gas");
        assert_eq!(light_stem("loss"), "loss");
    }

    #[test]
    fn stop_words_are_not_content() {
        let stop = StopWords::new(["في", "التي", "قال"]);
        let t = Tokenized::new("وقال الوزير في الرياض التي", 0);
        let keys: Vec<Option<u64>> = (0..t.len()).map(|i| content_key(&t, i, &stop)).collect();
        assert_eq!(keys[0], None, "وقال is قال with a conjunction");
        assert!(keys[1].is_some());
        assert_eq!(keys[2], None);
        assert!(keys[3].is_some());
        assert_eq!(keys[4], None);
    }

    #[test]
    fn a_copied_passage_shares_its_shingles() {
        let a = Tokenized::new("أعلنت وزارة الداخلية القبض على 431 شخصا في عملية أمنية واسعة شملت عدة مناطق", 0);
        let b = Tokenized::new(
            "وفي خبر آخر أعلنت وزارة الداخلية القبض على 431 شخصا في عملية أمنية واسعة شملت عدة مناطق اليوم",
            0,
        );
        let c = Tokenized::new("فاز الفريق الأول بالمباراة النهائية بعد أداء قوي في الشوط الثاني من اللقاء", 0);
        let (sa, sb, sc) = (shingles(&a, 4, 1), shingles(&b, 4, 1), shingles(&c, 4, 1));
        let shared = |x: &[u64], y: &[u64]| x.iter().filter(|h| y.binary_search(h).is_ok()).count();
        assert_eq!(shared(&sa, &sb), sa.len(), "every shingle of the passage is in its copy");
        assert_eq!(shared(&sa, &sc), 0);
    }
}
