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
    /// [`word_key`] of `stem`, computed with the reading so that every
    /// lexicon asked about this word reuses it.
    pub key: u64,
    /// ل + ال is written لل (للمطالبة): that reading lost the article's
    /// alif, so lexicons also look it up as ال + stem; this is that key.
    pub lam_key: Option<u64>,
}

const KEY_MUL: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash fed one byte at a time, so the key of ال + stem can be built
/// from its pieces without allocating the joined word.
fn key_feed(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(KEY_MUL);
    }
    h
}

/// SplitMix64's finaliser: spreads the hash over all 64 bits, since the
/// maps below take their bucket from the low bits and their filter from
/// the high ones.
fn key_finish(h: u64) -> u64 {
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The lookup key of a normalised word in every [`WordMap`].
pub fn word_key(word: &str) -> u64 {
    key_finish(key_feed(0, word.as_bytes()))
}

/// The key of ال + `stem`.
fn article_key(stem: &str) -> u64 {
    key_finish(key_feed(key_feed(0, "ال".as_bytes()), stem.as_bytes()))
}

/// Hashes a [`word_key`] by returning it: it is already a good hash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; fold anything else in anyway.
        self.0 = key_feed(self.0, bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by [`word_key`]s (or other 64-bit hashes), hashed by
/// [`KeyHasher`]: no second hash of a key that is one already.
pub type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// A set of [`word_key`]s, hashed by [`KeyHasher`].
pub type KeySet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// Words by key; words whose keys collide share a bucket.
type KeyedBuckets<V> = HashMap<u64, Vec<(Box<str>, V)>, std::hash::BuildHasherDefault<KeyHasher>>;

/// Bits in a [`WordMap`]'s filter.
const FILTER_BITS: usize = 4096;

/// A map from normalised words to values, looked up by [`word_key`].
///
/// Most tokens of a text are in no lexicon, and every parser asks several
/// lexicons about every token, so a miss must be cheap: a 4,096-bit filter
/// (two bits a word) turns most misses away before the hash map is probed,
/// and the key is computed once per reading when the text is tokenised.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: KeyedBuckets<V>,
    filter: Box<[u64; FILTER_BITS / 64]>,
    len: usize,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap { map: HashMap::default(), filter: Box::new([0; FILTER_BITS / 64]), len: 0 }
    }
}

fn filter_bits(key: u64) -> [usize; 2] {
    [(key >> 52) as usize, ((key >> 40) & 0xfff) as usize]
}

impl<V> WordMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of `word`, inserted with `V::default()` when absent.
    pub fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        let key = word_key(word);
        for b in filter_bits(key) {
            self.filter[b / 64] |= 1 << (b % 64);
        }
        let bucket = self.map.entry(key).or_default();
        let at = match bucket.iter().position(|(w, _)| &**w == word) {
            Some(at) => at,
            None => {
                bucket.push((word.into(), V::default()));
                self.len += 1;
                bucket.len() - 1
            }
        };
        &mut bucket[at].1
    }

    /// Sets the value of `word`, replacing any earlier one.
    pub fn insert(&mut self, word: &str, value: V)
    where
        V: Default,
    {
        *self.entry(word) = value;
    }

    /// Might a word with this key be here? `false` is certain.
    #[inline]
    pub fn may_contain(&self, key: u64) -> bool {
        let [a, b] = filter_bits(key);
        self.filter[a / 64] & (1 << (a % 64)) != 0 && self.filter[b / 64] & (1 << (b % 64)) != 0
    }

    /// The value of `word`, whose [`word_key`] is `key`.
    #[inline]
    pub fn get_keyed(&self, key: u64, word: &str) -> Option<&V> {
        self.get_keyed_by(key, |w| w == word)
    }

    /// The value of the word whose key is `key` and which `is_word` accepts
    /// (for a word known only in pieces).
    #[inline]
    pub fn get_keyed_by(&self, key: u64, is_word: impl Fn(&str) -> bool) -> Option<&V> {
        if !self.may_contain(key) {
            return None;
        }
        self.map.get(&key)?.iter().find(|(w, _)| is_word(w)).map(|(_, v)| v)
    }

    /// The value of `word`.
    pub fn get(&self, word: &str) -> Option<&V> {
        self.get_keyed(word_key(word), word)
    }

    /// The value of a reading of a token.
    #[inline]
    pub fn get_stem(&self, s: &Stem<'_>) -> Option<&V> {
        self.get_keyed(s.key, s.stem)
    }
}

const MIN_STEM_CHARS: usize = 2;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `char_len(s) >= n`, without counting past `n`.
fn at_least_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// At most this many readings: the word and one conjunction (2 bases);
/// per base ل+ال and one preposition (4 more); each of those 6 with the
/// article stripped.
const MAX_STEMS: usize = 12;

const NO_STEM: Stem<'static> = Stem { stem: "", conj: false, prep: None, article: false, key: 0, lam_key: None };

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
    out.push(Stem { stem: word, ..NO_STEM });
    if let Some(rest) = word.strip_prefix(['و', 'ف']) {
        if at_least_chars(rest, MIN_STEM_CHARS) {
            out.push(Stem { stem: rest, conj: true, ..NO_STEM });
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
                out.push(Stem {
                    stem: &rest['ل'.len_utf8()..], conj: b.conj, prep: Some(p), article: true, ..NO_STEM
                });
            }
            if at_least_chars(rest, MIN_STEM_CHARS) {
                out.push(Stem { stem: rest, conj: b.conj, prep: Some(p), ..NO_STEM });
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
    let lam_article_lost = !word.contains("لال");
    for s in &mut out.items[..out.len] {
        s.key = word_key(s.stem);
        if lam_article_lost && s.article && s.prep == Some('ل') {
            s.lam_key = Some(article_key(s.stem));
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

/// Where a value expression may start: at a digit, at punctuation, or at
/// a word some reading of which (see [`stems`]) is written in the rule
/// files that drive the parser.
///
/// Parsers know words only through their rule files, so a match can start
/// nowhere else; the gate lets `find_all` skip the other tokens (most of a
/// text) with one filter probe per reading instead of a dozen lexicon
/// lookups. It errs only towards admitting: words inside phrases and ids
/// are admitted as well. `tests/gates.rs` checks, on every text the project
/// has, that each parser finds the same with its gate open.
#[derive(Debug, Clone, Default)]
pub struct StartGate {
    words: WordMap<()>,
    /// Admits every token (see [`StartGate::open`]).
    open: bool,
}

impl StartGate {
    /// The gate of parsers driven by `strings` (from [`crate::rules::RuleFile::strings`]).
    pub fn new<'a>(strings: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = WordMap::new();
        for s in strings {
            for w in normalize_str(s).split(' ').filter(|w| !w.is_empty()) {
                words.insert(w, ());
                // ل + ال is written لل: the reading of للمطالبة is مطالبة.
                if let Some(rest) = w.strip_prefix("ال").filter(|r| at_least_chars(r, MIN_STEM_CHARS)) {
                    words.insert(rest, ());
                }
            }
        }
        StartGate { words, open: false }
    }

    /// A gate that admits every token: what parsers did before gates, kept
    /// so tests can check that a gate changes no result.
    pub fn open() -> Self {
        StartGate { words: WordMap::new(), open: true }
    }

    /// Can a value expression start at token `i`?
    #[inline]
    pub fn admits(&self, t: &Tokenized, i: usize) -> bool {
        match t.kind(i) {
            Some(_) if self.open => true,
            Some(TokenKind::Word) => {
                t.reading_keys(i).any(|(k, _)| self.words.may_contain(k))
                    && t.stems(i).any(|s| self.words.get_stem(&s).is_some())
            }
            // Signs are also read in code (a minus before digits), not
            // only from rule files: every sign may start a value.
            Some(TokenKind::Number | TokenKind::Punct) => true,
            None => false,
        }
    }
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
    /// The text's article is not part of the phrase as written in the
    /// rules (read off to match, as «السورية» matches «سورية»); false
    /// for a phrase written with it («لليونان» matching «اليونان»).
    pub article_added: bool,
}

#[derive(Debug, Clone)]
struct Entry<T> {
    rest: Vec<String>,
    value: T,
}

/// The entries of one first word (a newtype so [`WordMap`] can default it
/// without `T: Default`).
#[derive(Debug, Clone)]
struct Entries<T>(Vec<Entry<T>>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

/// A lexicon of phrases keyed by their first word.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    by_first: WordMap<Entries<T>>,
    /// Words of a phrase may be separated by these punctuation tokens
    /// (e.g. `/` in `يوليو/تموز` is not needed here, but `-` in `سي-17` is).
    max_words: usize,
}

impl<T> Default for PhraseMatcher<T> {
    fn default() -> Self {
        PhraseMatcher { by_first: WordMap::default(), max_words: 0 }
    }
}

impl PhraseMatcher<()> {
    /// A matcher of phrases that all mean one thing (a word list of a rule
    /// file).
    pub fn of_words<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut m = PhraseMatcher::new();
        for w in words {
            m.insert(w.as_ref(), ());
        }
        m
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
        self.by_first.entry(&first).0.push(Entry { rest, value });
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
        // Most tokens are in no lexicon: rule them out by key alone.
        let may = |k: u64| self.by_first.may_contain(k);
        if !t.reading_keys(i).any(|(k, lam)| may(k) || lam.is_some_and(may)) {
            return;
        }
        for s in t.stems(i) {
            let own = self.by_first.get_stem(&s).map(|e| &e.0[..]).unwrap_or_default();
            let lam = s
                .lam_key
                .and_then(|key| self.by_first.get_keyed_by(key, |w| w.strip_prefix("ال") == Some(s.stem)))
                .map(|e| &e.0[..])
                .unwrap_or_default();
            let tagged = own.iter().map(|e| (e, s.article)).chain(lam.iter().map(|e| (e, false)));
            for (e, article_added) in tagged {
                if let Some(end) = match_rest(t, i + 1, &e.rest) {
                    found(PhraseMatch {
                        value: &e.value,
                        tokens: i..end,
                        conj: s.conj,
                        prep: s.prep,
                        article: s.article,
                        article_added,
                    });
                }
            }
        }
    }

    /// The first phrase of [`all_at`](Self::all_at)'s order that `keep`
    /// accepts, without building the list.
    pub fn first_at<'a>(
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
                let Some(entries) = self.by_first.get_stem(&s) else {
                    continue;
                };
                if let Some(e) = entries.0.iter().find(|e| e.rest.is_empty()) {
                    return Some(PhraseMatch {
                        value: &e.value,
                        tokens: i..i + 1,
                        conj: s.conj,
                        prep: s.prep,
                        article: s.article,
                        article_added: s.article,
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
    fn word_maps_find_words_by_reading_and_only_those() {
        let mut m = WordMap::new();
        m.insert("قاعده", 1);
        m.insert("مطالبه", 2);
        *m.entry("قاعده") += 10;
        assert_eq!(m.len(), 2);
        assert_eq!(m.get("قاعده"), Some(&11));
        assert_eq!(m.get("قاعد"), None);
        let readings = stems("بالقاعده");
        let hit: Vec<_> = readings.iter().filter_map(|s| m.get_stem(s)).collect();
        assert_eq!(hit, [&11]);
        // A key that matches but a word that does not is a miss.
        assert_eq!(m.get_keyed(word_key("قاعده"), "قاعدة"), None);
        // للمطالبه reads as مطالبه with ل and the article.
        assert!(stems("للمطالبه").iter().any(|s| s.article && m.get_stem(s) == Some(&2)));
    }

    #[test]
    fn lam_article_readings_carry_the_key_with_the_article() {
        let s = stems("للمطالبه");
        let r = s.iter().find(|s| s.stem == "مطالبه" && s.article).expect("the لل reading");
        assert_eq!(r.lam_key, Some(word_key("المطالبه")));
        // Written out (لالمطالبه), nothing was lost.
        assert!(stems("لالمطالبه").iter().all(|s| s.lam_key.is_none()));
        let mut m = PhraseMatcher::new();
        m.insert("المطالبة بالانسحاب", "demand");
        let t = Tokenized::new("للمطالبة بالانسحاب", 0);
        assert_eq!(m.longest_at(&t, 0).map(|p| *p.value), Some("demand"));
    }

    #[test]
    fn bare_match_refuses_clitics() {
        let m = matcher();
        let t = Tokenized::new("بقاعدة", 0);
        assert!(m.longest_at(&t, 0).is_some());
        assert!(m.bare_at(&t, 0).is_none());
    }
}
