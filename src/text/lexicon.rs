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

/// Every reading of a normalised word, the word itself first.
pub fn stems(word: &str) -> Vec<Stem<'_>> {
    let mut out = vec![Stem { stem: word, conj: false, prep: None, article: false }];
    let mut base: Vec<Stem<'_>> = vec![out[0]];
    if let Some(rest) = word.strip_prefix(['و', 'ف']) {
        if char_len(rest) >= MIN_STEM_CHARS {
            let s = Stem { stem: rest, conj: true, prep: None, article: false };
            out.push(s);
            base.push(s);
        }
    }
    for b in base {
        let mut chars = b.stem.chars();
        if let Some(p @ ('ب' | 'ل' | 'ك')) = chars.next() {
            let rest = chars.as_str();
            // ل + ال is written لل: the article keeps only its lam.
            if p == 'ل' && rest.starts_with('ل') && char_len(rest) > MIN_STEM_CHARS {
                out.push(Stem { stem: &rest['ل'.len_utf8()..], conj: b.conj, prep: Some(p), article: true });
            }
            if char_len(rest) >= MIN_STEM_CHARS {
                out.push(Stem { stem: rest, conj: b.conj, prep: Some(p), article: false });
            }
        }
    }
    let with_article: Vec<Stem<'_>> = out
        .iter()
        .filter_map(|s| {
            let rest = s.stem.strip_prefix("ال")?;
            (char_len(rest) >= MIN_STEM_CHARS).then_some(Stem { stem: rest, article: true, ..*s })
        })
        .collect();
    out.extend(with_article);
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
    by_first: HashMap<String, Vec<Entry<T>>>,
    /// Words of a phrase may be separated by these punctuation tokens
    /// (e.g. `/` in `يوليو/تموز` is not needed here, but `-` in `سي-17` is).
    max_words: usize,
}

impl<T> Default for PhraseMatcher<T> {
    fn default() -> Self {
        PhraseMatcher { by_first: HashMap::new(), max_words: 0 }
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
        let Some(kind) = t.kind(i) else { return out };
        if kind == TokenKind::Punct && t.text(i).is_empty() {
            return out;
        }
        let word = t.text(i);
        for s in stems(word) {
            // ل + ال is written لل (للمطالبة): that reading lost the
            // article's alif, so look it up with the article as well.
            let lam_article =
                (s.article && s.prep == Some('ل') && !word.contains("لال")).then(|| format!("ال{}", s.stem));
            let keys = std::iter::once(s.stem).chain(lam_article.as_deref());
            for e in keys.filter_map(|k| self.by_first.get(k)).flatten() {
                if let Some(end) = match_rest(t, i + 1, &e.rest) {
                    out.push(PhraseMatch {
                        value: &e.value,
                        tokens: i..end,
                        conj: s.conj,
                        prep: s.prep,
                        article: s.article,
                    });
                }
            }
        }
        out.sort_by_key(|m| std::cmp::Reverse(m.tokens.len()));
        out
    }

    /// The longest phrase starting at token `i`.
    pub fn longest_at<'a>(&'a self, t: &Tokenized, i: usize) -> Option<PhraseMatch<'a, T>> {
        self.all_at(t, i).into_iter().next()
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
        self.all_at(t, i).into_iter().find(|m| !m.conj && m.prep.is_none())
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
