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
pub mod config;
pub mod examples;
pub mod extract;
pub mod graph;
pub mod lsp;
pub mod report;
pub mod review;
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
    /// Findings to report.
    pub findings: Vec<Finding>,
    /// Findings silenced by an inline suppression.
    pub suppressed: Vec<Finding>,
    /// Findings dropped because a baseline lists them.
    pub baselined: Vec<Finding>,
    /// Suppressions that are malformed or silence nothing.
    pub suppression_problems: Vec<review::SuppressionProblem>,
}

impl Engine {
    /// Loads and validates every rule file.
    pub fn load(rules: &RuleSource) -> Result<Engine, RuleError> {
        rules.validate_overrides()?;
        Ok(Engine { extractor: Extractor::load(rules)?, check: CheckRules::load(rules)? })
    }

    /// Reads files and folders, then checks what could be read.
    pub fn run_paths(&self, inputs: &[PathBuf]) -> Run {
        self.run_against(inputs, &[])
    }

    /// Checks drafts against a reference corpus: only findings that involve
    /// a draft are reported, with the draft's side first.
    pub fn run_against(&self, drafts: &[PathBuf], corpus: &[PathBuf]) -> Run {
        let mut srcs = Vec::new();
        let mut errors = Vec::new();
        for (inputs, reference) in [(drafts, false), (corpus, true)] {
            let (paths, errs) = sources::collect_paths(inputs);
            errors.extend(errs);
            for path in paths {
                // A file given both as draft and as corpus is a draft.
                if reference && srcs.iter().any(|s: &Source| s.path == path) {
                    continue;
                }
                let mut next = srcs.len();
                let (read, errs) = sources::read_sources(&path, &mut next);
                errors.extend(errs);
                for mut s in read {
                    s.reference = reference;
                    errors.extend(s.warnings.iter().cloned());
                    srcs.push(s);
                }
            }
        }
        self.run_sources(srcs, errors)
    }

    /// Checks sources already in memory (`Source::reference` marks corpus).
    pub fn run_sources(&self, sources: Vec<Source>, input_errors: Vec<InputError>) -> Run {
        let mut mentions = Vec::new();
        let mut claims = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let doc = self.extractor.extract(s, i);
            mentions.extend(doc.mentions);
            claims.extend(doc.claims);
        }
        let Checked { claims, subjects, graph, mut findings } = self.check_claims(&sources, claims);
        let mut sups = Vec::new();
        let mut suppression_problems = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let (found, problems) = review::suppressions(i, s);
            sups.extend(found);
            suppression_problems.extend(problems);
        }
        let (suppressed, unused) = review::apply_suppressions(&mut findings, &sups, &sources, &claims);
        suppression_problems.extend(unused);
        renumber(&mut findings);
        Run {
            sources,
            input_errors,
            mentions,
            claims,
            subjects,
            graph,
            findings,
            suppressed,
            baselined: Vec::new(),
            suppression_problems,
        }
    }

    /// Links claims already extracted (each with its source's index) and
    /// checks them: the part of a run after extraction, which an editor
    /// repeats on every change while reusing the corpus's claims.
    pub fn check_claims(&self, sources: &[Source], mut claims: Vec<Claim>) -> Checked {
        graph::resolve_aliases(&mut claims);
        let (mut graph, mut subjects) = graph::build(sources.len(), &claims);
        let mut findings = check::check(&self.check, sources, &claims, &mut subjects, &mut graph);
        review::only_drafts(&mut findings, sources, &claims);
        for f in &mut findings {
            f.fingerprint = review::fingerprint(f, &subjects[f.subject].key, sources, &claims);
        }
        renumber(&mut findings);
        Checked { claims, subjects, graph, findings }
    }
}

/// Linked and checked claims.
pub struct Checked {
    pub claims: Vec<Claim>,
    pub subjects: Vec<Subject>,
    pub graph: ClaimGraph,
    pub findings: Vec<Finding>,
}

fn renumber(findings: &mut [Finding]) {
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
    }
}

impl Run {
    /// Re-levels findings by rule (per-rule severity from configuration);
    /// `None` drops the finding.
    pub fn relevel(&mut self, level: impl Fn(check::RuleId, Severity) -> Option<Severity>) {
        let findings = std::mem::take(&mut self.findings);
        self.findings = findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = level(f.rule, f.severity)?;
                Some(f)
            })
            .collect();
        self.findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.subject.cmp(&b.subject)));
        renumber(&mut self.findings);
    }

    /// Drops findings a baseline lists (they were reviewed already).
    pub fn apply_baseline(&mut self, baseline: &review::Baseline) {
        let (old, new): (Vec<Finding>, Vec<Finding>) =
            std::mem::take(&mut self.findings).into_iter().partition(|f| baseline.contains(&f.fingerprint));
        self.findings = new;
        self.baselined = old;
        renumber(&mut self.findings);
    }

    /// The baseline that would accept every current finding.
    pub fn baseline(&self) -> review::Baseline {
        review::Baseline {
            version: 1,
            findings: self
                .findings
                .iter()
                .map(|f| review::BaselineEntry {
                    fingerprint: f.fingerprint.clone(),
                    rule: f.rule.as_str().to_string(),
                    subject: self.subjects[f.subject].key.clone(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }

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
