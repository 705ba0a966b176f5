//! claimcheck: find where news sources disagree.
//!
//! The pipeline, one module per stage: [`sources`] reads files and front
//! matter; [`text`] normalises, tokenises and parses numbers, money and
//! dates; [`extract`] turns values into typed claims with subjects;
//! [`graph`] links claims about the same subject across sources; [`check`]
//! finds conflicts, corroborations and single-source subjects; [`report`]
//! renders findings. [`rules`] loads the data every stage is driven by.

pub mod rules;
pub mod span;
pub mod text;
pub mod value;
