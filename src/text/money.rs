//! Stub until the numbers branch lands.
use crate::rules::{RuleError, RuleFile};
use crate::text::numbers::{NumberLexicon, NumberMatch};
use crate::text::Tokenized;
use crate::value::Money;
use std::ops::Range;

pub struct MoneyLexicon;
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMatch {
    pub tokens: Range<usize>,
    pub number: NumberMatch,
    pub money: Money,
}
impl MoneyLexicon {
    pub fn from_file(_file: &RuleFile) -> Result<Self, RuleError> {
        Ok(MoneyLexicon)
    }
    pub fn builtin() -> Self {
        MoneyLexicon
    }
    pub fn parse_at(&self, _n: &NumberLexicon, _t: &Tokenized, _i: usize) -> Option<MoneyMatch> {
        None
    }
    pub fn find_all(
        &self,
        _n: &NumberLexicon,
        _t: &Tokenized,
        _r: Range<usize>,
    ) -> Vec<MoneyMatch> {
        Vec::new()
    }
}
