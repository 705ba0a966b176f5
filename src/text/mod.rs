//! The text layer: normalisation, tokens, lexicon lookup, and value parsers
//! for numbers, money and dates.
//!
//! Owns turning a document body into tokens with original spans and finding
//! value expressions among them. It never assigns a subject to a value and
//! never fails: text that does not parse is simply not a value.

pub mod dates;
pub mod lexicon;
pub mod money;
pub mod normalize;
pub mod numbers;
pub mod ordinals;
pub mod terms;
pub mod token;

pub use lexicon::{stems, PhraseMatch, PhraseMatcher, StartGate};
pub use normalize::{normalize_str, Normalized};
pub use token::{Sentence, Token, TokenKind, Tokenized};

/// Scans tokens `range` left to right, keeping the longest match at each
/// position and resuming after it: what every value parser's `find_all`
/// does. `parse` tries token `i` where `starts` admits it (a
/// [`StartGate`]); `end` says where a match stops.
pub fn scan<M>(
    t: &Tokenized,
    range: std::ops::Range<usize>,
    starts: impl Fn(usize) -> bool,
    mut parse: impl FnMut(usize) -> Option<M>,
    end: impl Fn(&M) -> usize,
) -> Vec<M> {
    let mut out = Vec::new();
    let stop = range.end.min(t.len());
    let mut i = range.start;
    while i < stop {
        if !starts(i) {
            i += 1;
            continue;
        }
        match parse(i) {
            Some(m) if end(&m) <= stop && end(&m) > i => {
                i = end(&m);
                out.push(m);
            }
            _ => i += 1,
        }
    }
    out
}
