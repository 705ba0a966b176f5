//! Phrase lookup over tokens, aware of Arabic proclitics.
//!
//! Owns matching lexicon phrases (one or more words, written in rule files)
//! against token sequences. The first word of a phrase may carry a
//! conjunction (و ف), a preposition (ب ل ك) and the article (ال); later words
//! may carry the article. Entries are normalised with the same folding as
//! sources, so a rule author writes `أمريكي` and matches `الأمريكيين` only
//! through the inflections the rule file lists. It does not know what any
//! entry means.

use std::collections::HashMap;
use std::ops::Range;

use super::normalize::normalize_str;
use super::token::{TokenKind, Tokenized};

/// One way of reading a word: the part after any proclitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stem<'a> {
    pub stem: &'a str,
    /// A conjunction (و/ف) was stripped.
    pub conj: bool,
    /// A preposition (ب/ل/ك) was stripped.
    pub prep: Option<char>,
    /// The article (ال) was stripped.
    pub article: bool,
}

const MIN_STEM_CHARS: usize = 2;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `char_len(s) >= n`, without counting past `n`.
fn at_least_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// FxHash (as in rustc): lexicon keys are short trusted strings, and the
/// default SipHash was a visible share of every lookup.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by lexicon words.
pub type FxHashMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// At most this many readings: the word and one conjunction (2 bases);
/// per base ل+ال and one preposition (4 more); each of those 6 with the
/// article stripped.
const MAX_STEMS: usize = 12;

const NO_STEM: Stem<'static> = Stem { stem: "", conj: false, prep: None, article: false };

/// The readings of a word, kept inline: computing them allocates nothing
/// (lexicon lookups call this for every token and every lexicon).
#[derive(Debug, Clone, Copy)]
pub struct Stems<'a> {
    items: [Stem<'a>; MAX_STEMS],
    len: usize,
}

impl<'a> Stems<'a> {
    fn push(&mut self, s: Stem<'a>) {
        self.items[self.len] = s;
        self.len += 1;
    }
}

impl<'a> std::ops::Deref for Stems<'a> {
    type Target = [Stem<'a>];
    fn deref(&self) -> &[Stem<'a>] {
        &self.items[..self.len]
    }
}

impl<'a> IntoIterator for Stems<'a> {
    type Item = Stem<'a>;
    type IntoIter = std::iter::Take<std::array::IntoIter<Stem<'a>, MAX_STEMS>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

/// Every reading of a normalised word, the word itself first.
pub fn stems(word: &str) -> Stems<'_> {
    let mut out = Stems { items: [NO_STEM; MAX_STEMS], len: 0 };
    out.push(Stem { stem: word, conj: false, prep: None, article: false });
    if let Some(rest) = word.strip_prefix(['و', 'ف']) {
        if at_least_chars(rest, MIN_STEM_CHARS) {
            out.push(Stem { stem: rest, conj: true, prep: None, article: false });
        }
    }
    // The bases are the word and its reading without a conjunction.
    let bases = out.len;
    for k in 0..bases {
        let b = out.items[k];
        let mut chars = b.stem.chars();
        if let Some(p @ ('ب' | 'ل' | 'ك')) = chars.next() {
            let rest = chars.as_str();
            // ل + ال is written لل: the article keeps only its lam.
            if p == 'ل' && rest.starts_with('ل') && at_least_chars(rest, MIN_STEM_CHARS + 1) {
                out.push(Stem { stem: &rest['ل'.len_utf8()..], conj: b.conj, prep: Some(p), article: true });
            }
            if at_least_chars(rest, MIN_STEM_CHARS) {
                out.push(Stem { stem: rest, conj: b.conj, prep: Some(p), article: false });
            }
        }
    }
    let before = out.len;
    for k in 0..before {
        let s = out.items[k];
        if let Some(rest) = s.stem.strip_prefix("ال") {
            if at_least_chars(rest, MIN_STEM_CHARS) {
                out.push(Stem { stem: rest, article: true, ..s });
            }
        }
    }
    out
}

/// Pronoun suffixes of two letters or more, and the alif of accusative
/// tanween (اتفاقا, عسكريا). Single-letter pronouns (ـه, ـي) are left
/// alone: after ة→ه folding, stripping ـه would turn قاعده into قاعد.
const PRONOUN_SUFFIXES: &[&str] = &["هما", "هم", "ها", "هن", "كم", "نا", "ا"];

/// The word without a pronoun suffix, when what remains is long enough.
pub fn suffix_readings(word: &str) -> Vec<&str> {
    PRONOUN_SUFFIXES.iter().filter_map(|s| word.strip_suffix(s)).filter(|rest| char_len(rest) >= 3).collect()
}

/// A phrase found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseMatch<'a, T> {
    pub value: &'a T,
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// How the first word was read.
    pub conj: bool,
    pub prep: Option<char>,
    pub article: bool,
}

#[derive(Debug, Clone)]
struct Entry<T> {
    rest: Vec<String>,
    value: T,
}

/// A lexicon of phrases keyed by their first word.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    by_first: FxHashMap<String, Vec<Entry<T>>>,
    /// Words of a phrase may be separated by these punctuation tokens
    /// (e.g. `/` in `يوليو/تموز` is not needed here, but `-` in `سي-17` is).
    max_words: usize,
}

impl<T> Default for PhraseMatcher<T> {
    fn default() -> Self {
        PhraseMatcher { by_first: FxHashMap::default(), max_words: 0 }
    }
}

impl<T> PhraseMatcher<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a phrase (normalised here). Empty phrases are ignored.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let norm = normalize_str(phrase);
        let mut words = norm.split(' ').filter(|w| !w.is_empty()).map(str::to_string);
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        self.max_words = self.max_words.max(rest.len() + 1);
        self.by_first.entry(first).or_default().push(Entry { rest, value });
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// All phrases starting at token `i`, longest first.
    pub fn all_at<'a>(&'a self, t: &Tokenized, i: usize) -> Vec<PhraseMatch<'a, T>> {
        let mut out = Vec::new();
        self.each_at(t, i, |m| out.push(m));
        // Stable: among phrases of one length, the order they were found.
        out.sort_by_key(|m| std::cmp::Reverse(m.tokens.len()));
        out
    }

    /// Calls `found` with every phrase starting at token `i`, in the order
    /// readings and entries are tried.
    fn each_at<'a>(&'a self, t: &Tokenized, i: usize, mut found: impl FnMut(PhraseMatch<'a, T>)) {
        let Some(kind) = t.kind(i) else { return };
        if kind == TokenKind::Punct && t.text(i).is_empty() {
            return;
        }
        let word = t.text(i);
        for s in t.stems(i) {
            // ل + ال is written لل (للمطالبة): that reading lost the
            // article's alif, so look it up with the article as well.
            let lam_article =
                (s.article && s.prep == Some('ل') && !word.contains("لال")).then(|| format!("ال{}", s.stem));
            let keys = std::iter::once(s.stem).chain(lam_article.as_deref());
            for e in keys.filter_map(|k| self.by_first.get(k)).flatten() {
                if let Some(end) = match_rest(t, i + 1, &e.rest) {
                    found(PhraseMatch {
                        value: &e.value,
                        tokens: i..end,
                        conj: s.conj,
                        prep: s.prep,
                        article: s.article,
                    });
                }
            }
        }
    }

    /// The first phrase of [`all_at`](Self::all_at)'s order that `keep`
    /// accepts, without building the list.
    fn first_at<'a>(
        &'a self,
        t: &Tokenized,
        i: usize,
        keep: impl Fn(&PhraseMatch<'a, T>) -> bool,
    ) -> Option<PhraseMatch<'a, T>> {
        let mut best: Option<PhraseMatch<'a, T>> = None;
        self.each_at(t, i, |m| {
            if keep(&m) && best.as_ref().is_none_or(|b| m.tokens.len() > b.tokens.len()) {
                best = Some(m);
            }
        });
        best
    }

    /// The longest phrase starting at token `i`.
    pub fn longest_at<'a>(&'a self, t: &Tokenized, i: usize) -> Option<PhraseMatch<'a, T>> {
        self.first_at(t, i, |_| true)
    }

    /// Like [`longest_at`](Self::longest_at), but a one-word entry also
    /// matches the word with a pronoun suffix (علاقاتهما, قواتها, عددهم).
    pub fn longest_at_inflected<'a>(&'a self, t: &Tokenized, i: usize) -> Option<PhraseMatch<'a, T>> {
        if let Some(m) = self.longest_at(t, i) {
            return Some(m);
        }
        if t.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        // Before a suffix ة is written ت (سفارتها): read it back as ة (ه).
        let mut bases: Vec<String> = Vec::new();
        for base in suffix_readings(t.text(i)) {
            bases.push(base.to_string());
            if let Some(stem) = base.strip_suffix('ت') {
                bases.push(format!("{stem}ه"));
            }
        }
        for base in &bases {
            for s in stems(base) {
                let Some(entries) = self.by_first.get(s.stem) else {
                    continue;
                };
                if let Some(e) = entries.iter().find(|e| e.rest.is_empty()) {
                    return Some(PhraseMatch {
                        value: &e.value,
                        tokens: i..i + 1,
                        conj: s.conj,
                        prep: s.prep,
                        article: s.article,
                    });
                }
            }
        }
        None
    }

    /// The longest phrase starting at `i` whose first word has no proclitic.
    pub fn bare_at<'a>(&'a self, t: &Tokenized, i: usize) -> Option<PhraseMatch<'a, T>> {
        self.first_at(t, i, |m| !m.conj && m.prep.is_none())
    }

    /// Scans tokens `range` left to right, returning non-overlapping longest matches.
    pub fn find_all<'a>(&'a self, t: &Tokenized, range: Range<usize>) -> Vec<PhraseMatch<'a, T>> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end.min(t.len()) {
            match self.longest_at(t, i) {
                Some(m) if m.tokens.end <= range.end => {
                    i = m.tokens.end;
                    out.push(m);
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// Matches later phrase words: exact, or with the article.
fn match_rest(t: &Tokenized, mut i: usize, rest: &[String]) -> Option<usize> {
    for w in rest {
        let text = t.text(i);
        if text.is_empty() {
            return None;
        }
        let ok = text == w
            || text.strip_prefix("ال").is_some_and(|r| r == w)
            || w.strip_prefix("ال").is_some_and(|r| r == text);
        if !ok {
            return None;
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> PhraseMatcher<&'static str> {
        let mut m = PhraseMatcher::new();
        m.insert("الولايات المتحدة", "US");
        m.insert("ألف", "1000");
        m.insert("قاعدة", "base");
        m.insert("ما يقرب من", "about");
        m
    }

    #[test]
    fn strips_conjunction_preposition_and_article() {
        let readings: Vec<&str> = stems("بالقاعده").iter().map(|s| s.stem).collect();
        assert!(readings.contains(&"قاعده"));
        let readings: Vec<&str> = stems("للقوات").iter().map(|s| s.stem).collect();
        assert!(readings.contains(&"قوات"));
        let readings: Vec<&str> = stems("والالاف").iter().map(|s| s.stem).collect();
        assert!(readings.contains(&"الاف"));
    }

    #[test]
    fn matches_phrases_with_clitics_on_the_first_word() {
        let m = matcher();
        let t = Tokenized::new("وصلت والولايات المتحدة بالقاعدة لألف جندي وما يقرب من", 0);
        let found: Vec<&str> = m.find_all(&t, 0..t.len()).iter().map(|p| *p.value).collect();
        assert_eq!(found, ["US", "base", "1000", "about"]);
    }

    #[test]
    fn short_words_are_not_stripped_to_nothing() {
        let m = matcher();
        let t = Tokenized::new("بل", 0);
        assert!(m.longest_at(&t, 0).is_none());
        assert!(stems("ول").iter().all(|s| !s.stem.is_empty()));
    }

    #[test]
    fn inflected_lookup_strips_pronoun_suffixes() {
        let mut m = PhraseMatcher::new();
        m.insert("علاقات", "ties");
        m.insert("قاعدة", "base");
        let t = Tokenized::new("علاقاتهما وبعلاقاتها قاعده", 0);
        assert!(m.longest_at(&t, 0).is_none());
        assert_eq!(m.longest_at_inflected(&t, 0).map(|p| *p.value), Some("ties"));
        assert_eq!(m.longest_at_inflected(&t, 1).map(|p| *p.value), Some("ties"));
        assert_eq!(suffix_readings("قاعده"), Vec::<&str>::new());
        let mut m = PhraseMatcher::new();
        m.insert("سفارة", "embassy");
        let t = Tokenized::new("سفارتها", 0);
        assert_eq!(m.longest_at_inflected(&t, 0).map(|p| *p.value), Some("embassy"));
    }

    #[test]
    fn bare_match_refuses_clitics() {
        let m = matcher();
        let t = Tokenized::new("بقاعدة", 0);
        assert!(m.longest_at(&t, 0).is_some());
        assert!(m.bare_at(&t, 0).is_none());
    }
}
