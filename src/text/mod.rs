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
pub mod token;

pub use lexicon::{stems, PhraseMatch, PhraseMatcher};
pub use normalize::{normalize_str, Normalized};
pub use token::{Sentence, Token, TokenKind, Tokenized};
