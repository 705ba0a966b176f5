//! Reports: every output format is a renderer of the same run.
//!
//! Owns turning claims, subjects and findings into text: human diagnostics
//! (miette) and the JSON contract. Only this module knows about output
//! formats; nothing here changes what was found.

pub mod human;
pub mod json;

use serde::Serialize;

use crate::check::Severity;
use crate::graph::Status;
use crate::Run;

/// Counts shown at the end of every report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub subjects: usize,
    pub conflicts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub corroborated: usize,
    pub single_source: usize,
    pub input_errors: usize,
}

impl Summary {
    pub fn of(run: &Run) -> Summary {
        let count = |s: Severity| run.findings.iter().filter(|f| f.severity == s).count();
        let status = |st: Status| run.subjects.iter().filter(|s| s.status == st).count();
        Summary {
            sources: run.sources.len(),
            claims: run.claims.len(),
            subjects: run.subjects.len(),
            conflicts: status(Status::Conflict),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            corroborated: status(Status::Corroborated),
            single_source: status(Status::SingleSource),
            input_errors: run.input_errors.len(),
        }
    }

    pub fn line(&self) -> String {
        format!(
            "{} sources, {} claims, {} subjects: {} in conflict ({} errors, {} warnings), {} corroborated, {} single-source{}",
            self.sources,
            self.claims,
            self.subjects,
            self.conflicts,
            self.errors,
            self.warnings,
            self.corroborated,
            self.single_source,
            if self.input_errors > 0 { format!("; {} input problems", self.input_errors) } else { String::new() }
        )
    }
}
