//! Stub until the numbers branch lands.
use crate::rules::{RuleError, RuleFile};
use crate::text::Tokenized;
use crate::value::Interval;
use std::ops::Range;

pub struct NumberLexicon;
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    pub tokens: Range<usize>,
    pub core: Range<usize>,
    pub value: Interval,
    pub stated: Option<f64>,
    pub hedge: Option<String>,
    pub vague: Option<String>,
}
impl NumberLexicon {
    pub fn from_file(_file: &RuleFile) -> Result<Self, RuleError> {
        Ok(NumberLexicon)
    }
    pub fn builtin() -> Self {
        NumberLexicon
    }
    pub fn parse_at(&self, t: &Tokenized, i: usize) -> Option<NumberMatch> {
        let v: f64 = t.text(i).replace(',', "").parse().ok()?;
        Some(NumberMatch {
            tokens: i..i + 1,
            core: i..i + 1,
            value: Interval::exact(v),
            stated: Some(v),
            hedge: None,
            vague: None,
        })
    }
    pub fn find_all(&self, t: &Tokenized, range: Range<usize>) -> Vec<NumberMatch> {
        range.filter_map(|i| self.parse_at(t, i)).collect()
    }
}
