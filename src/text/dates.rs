//! Stub until the dates branch lands.
use crate::rules::{RuleError, RuleFile};
use crate::text::Tokenized;
use crate::value::DateRange;
use chrono::NaiveDate;

pub struct DateLexicon;
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    pub tokens: std::ops::Range<usize>,
    pub value: Option<DateRange>,
    pub relative: bool,
    pub unresolved: Option<String>,
    pub marker: Option<DateMarker>,
    pub marker_token: Option<usize>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateMarker {
    In,
    Since,
    Until,
    Before,
    After,
    During,
}
impl DateLexicon {
    pub fn from_file(_file: &RuleFile) -> Result<Self, RuleError> {
        Ok(DateLexicon)
    }
    pub fn builtin() -> Self {
        DateLexicon
    }
    pub fn parse_at(&self, _t: &Tokenized, _i: usize, _p: Option<NaiveDate>) -> Option<DateMatch> {
        None
    }
    pub fn find_all(&self, _t: &Tokenized, _p: Option<NaiveDate>) -> Vec<DateMatch> {
        Vec::new()
    }
}
