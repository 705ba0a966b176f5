//! claimcheck: find where news sources disagree.
//!
//! The pipeline, one module per stage: [`sources`] reads files and front
//! matter; [`text`] normalises, tokenises and parses numbers, money and
//! dates; [`extract`] turns values into typed claims with subjects;
//! [`graph`] links claims about the same subject across sources; [`check`]
//! finds conflicts, corroborations and single-source subjects; [`report`]
//! renders findings. [`rules`] loads the data every stage is driven by.
//!
//! ```no_run
//! use claimcheck::{Engine, rules::RuleSource};
//! let engine = Engine::load(&RuleSource::builtin()).expect("built-in rules are valid");
//! let run = engine.run_paths(&["fixtures/niger".into()]);
//! for f in &run.findings {
//!     println!("{} {}", f.severity.as_str(), f.message);
//! }
//! ```

pub mod check;
pub mod examples;
pub mod extract;
pub mod graph;
pub mod report;
pub mod rules;
pub mod sources;
pub mod span;
pub mod text;
pub mod value;

use std::path::PathBuf;

use check::{CheckRules, Finding, Severity};
use extract::{Claim, Extractor, Mention};
use graph::{ClaimGraph, Subject};
use rules::{RuleError, RuleSource};
use sources::{InputError, Source};

/// Compiled rules for every stage.
pub struct Engine {
    pub extractor: Extractor,
    pub check: CheckRules,
}

/// Everything one run found.
pub struct Run {
    pub sources: Vec<Source>,
    /// Files that could not be read, and problems with files that were.
    pub input_errors: Vec<InputError>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    pub subjects: Vec<Subject>,
    pub graph: ClaimGraph,
    pub findings: Vec<Finding>,
}

impl Engine {
    /// Loads and validates every rule file.
    pub fn load(rules: &RuleSource) -> Result<Engine, RuleError> {
        rules.validate_overrides()?;
        Ok(Engine { extractor: Extractor::load(rules)?, check: CheckRules::load(rules)? })
    }

    /// Reads files and folders, then checks what could be read.
    pub fn run_paths(&self, inputs: &[PathBuf]) -> Run {
        let (paths, mut errors) = sources::collect_paths(inputs);
        let mut srcs = Vec::new();
        for path in paths {
            match sources::read_source(format!("s{}", srcs.len() + 1), &path) {
                Ok(s) => {
                    errors.extend(s.warnings.iter().cloned());
                    srcs.push(s);
                }
                Err(e) => errors.push(e),
            }
        }
        self.run_sources(srcs, errors)
    }

    /// Checks sources already in memory.
    pub fn run_sources(&self, sources: Vec<Source>, input_errors: Vec<InputError>) -> Run {
        let mut mentions = Vec::new();
        let mut claims = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let doc = self.extractor.extract(s, i);
            mentions.extend(doc.mentions);
            claims.extend(doc.claims);
        }
        graph::resolve_aliases(&mut claims);
        let (mut graph, mut subjects) = graph::build(sources.len(), &claims);
        let findings = check::check(&self.check, &sources, &claims, &mut subjects, &mut graph);
        Run { sources, input_errors, mentions, claims, subjects, graph, findings }
    }
}

impl Run {
    /// The highest severity among findings, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Claim id as shown in outputs.
    pub fn claim_id(&self, i: usize) -> String {
        format!("c{}", i + 1)
    }

    /// Input errors that stopped a file from being checked.
    pub fn fatal_input_errors(&self) -> impl Iterator<Item = &InputError> {
        self.input_errors.iter().filter(|e| e.is_fatal())
    }
}
