//! Reports: every output format is a renderer of the same run.
//!
//! Owns turning claims, subjects and findings into text: human diagnostics
//! (miette), the JSON contract, SARIF and line formats, the fact-checker's
//! report (HTML with SVG charts, Markdown) and the claim graph (DOT, JSON). Only this module knows about output
//! formats; nothing here changes what was found.

pub mod chart;
pub mod dot;
pub mod html;
pub mod human;
pub mod json;
pub mod lines;
pub mod markdown;
pub mod page;
pub mod sarif;

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
    pub suppressed: usize,
    pub baselined: usize,
    pub suppression_problems: usize,
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
            suppressed: run.suppressed.len(),
            baselined: run.baselined.len(),
            suppression_problems: run.suppression_problems.len(),
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
            [
                (self.input_errors, "input problems"),
                (self.suppressed, "suppressed"),
                (self.baselined, "in the baseline"),
                (self.suppression_problems, "suppression problems"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("; {n} {what}"))
            .collect::<String>()
        )
    }
}
