//! Review: which findings a run reports, and how they are recognised again.
//!
//! Owns what sits between checking and reporting in a newsroom's workflow:
//! keeping only findings that involve a draft when a reference corpus is
//! given (`--against`), putting the draft's side first, giving every
//! finding a fingerprint that survives edits elsewhere in a file, inline
//! suppressions (`<!-- claimcheck: ignore[RULE] reason="…" -->` on the line
//! before a claim), and baselines of findings already reviewed. It does
//! not find anything and does not render anything.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::{Finding, RuleId};
use crate::extract::Claim;
use crate::sources::Source;
use crate::span::Span;

/// FNV-1a, 64 bits: small, stable across platforms and releases, enough to
/// tell findings apart (fingerprints are not a security boundary).
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// A finding's fingerprint: its rule and its subject (story, key, event) —
/// never line numbers, offsets or quotes, so it survives edits elsewhere in
/// the file and sources joining a side.
pub fn fingerprint(f: &Finding, subject_key: &str) -> String {
    // One finding a subject: its rule and subject name it. Quotes are left
    // out, so that a source joining a side (another outlet repeating a
    // figure) does not make a reviewed finding new again.
    fnv1a(&[f.rule.as_str(), subject_key])
}

/// Keeps findings that involve at least one draft (a source that is not
/// part of the reference corpus), with the draft's side first and the
/// draft's claims first within it: every format locates a finding at its
/// first claim, and under `--against` that is always the draft's words.
pub fn only_drafts(findings: &mut Vec<Finding>, sources: &[Source], claims: &[Claim]) {
    if !sources.iter().any(|s| s.reference) {
        return;
    }
    let is_draft = |c: &usize| !sources[claims[*c].source].reference;
    findings.retain(|f| f.claims.iter().any(is_draft));
    for f in findings.iter_mut() {
        if let Some(k) = f.sides.iter().position(|s| s.claims.iter().any(is_draft)) {
            f.sides[..=k].rotate_right(1);
            // A stable sort: drafts first, each group in its old order.
            f.sides[0].claims.sort_by_key(|c| !is_draft(c));
        }
    }
}

/// An inline suppression found in a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub source: usize,
    /// 1-based line of the comment; it covers claims on the next line.
    pub line: usize,
    pub span: Span,
    /// Rules it silences; `*` silences all.
    pub rules: Vec<String>,
    pub reason: Option<String>,
}

/// A suppression that is wrong or does nothing: reported as a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressionProblem {
    #[serde(skip)]
    pub source: usize,
    pub line: usize,
    pub span: Span,
    pub message: String,
}

const MARKER: &str = "<!-- claimcheck:";

/// Finds `<!-- claimcheck: ignore[RULE,…] reason="…" -->` comments.
pub fn suppressions(si: usize, src: &Source) -> (Vec<Suppression>, Vec<SuppressionProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let text = &src.text;
    let mut from = 0;
    while let Some(k) = text[from..].find(MARKER) {
        let start = from + k;
        let Some(close) = text[start..].find("-->") else { break };
        let end = start + close + 3;
        from = end;
        let body = text[start + MARKER.len()..start + close].trim();
        let (line, _) = src.line_col(start);
        let span = Span::new(start, end);
        let problem = |message: String| SuppressionProblem { source: si, line, span, message };
        let Some(rest) = body.strip_prefix("ignore[") else {
            problems.push(problem(format!("unknown claimcheck comment `{body}`; expected ignore[RULE] reason=\"…\"")));
            continue;
        };
        let Some(close_bracket) = rest.find(']') else {
            problems.push(problem("ignore[ without a closing ]".into()));
            continue;
        };
        let rules: Vec<String> =
            rest[..close_bracket].split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let known: Vec<&str> = RuleId::all().iter().map(|r| r.as_str()).collect();
        if let Some(bad) = rules.iter().find(|r| r.as_str() != "*" && !known.contains(&r.as_str())) {
            problems.push(problem(format!("unknown rule `{bad}` in suppression; rules are {}", known.join(", "))));
            continue;
        }
        let after = rest[close_bracket + 1..].trim();
        let reason = after
            .strip_prefix("reason=")
            .map(|r| r.trim().trim_matches('"').trim().to_string())
            .filter(|r| !r.is_empty());
        if reason.is_none() {
            problems.push(problem(
                "a suppression needs a reason: ignore[RULE] reason=\"…\"; this one is not applied".into(),
            ));
            continue;
        }
        found.push(Suppression { source: si, line, span, rules, reason });
    }
    (found, problems)
}

/// Removes findings silenced by a suppression on the line before one of
/// their claims (in a draft when there is a corpus). Returns the silenced
/// findings, each with the suppression that silenced it (SARIF reports
/// its reason), and a problem for each suppression that silenced nothing.
pub fn apply_suppressions(
    findings: &mut Vec<Finding>,
    sups: &[Suppression],
    sources: &[Source],
    claims: &[Claim],
) -> (Vec<(Finding, Suppression)>, Vec<SuppressionProblem>) {
    let mut used = vec![false; sups.len()];
    let mut silenced = Vec::new();
    findings.retain(|f| {
        let hit = f.claims.iter().find_map(|&c| {
            let claim = &claims[c];
            let (line, _) = sources[claim.source].line_col(claim.span.start);
            sups.iter().position(|s| {
                s.source == claim.source
                    && s.line + 1 == line
                    && s.rules.iter().any(|r| r == "*" || r == f.rule.as_str())
            })
        });
        match hit {
            Some(k) => {
                used[k] = true;
                silenced.push((f.clone(), sups[k].clone()));
                false
            }
            None => true,
        }
    });
    let unused = sups
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(s, _)| SuppressionProblem {
            source: s.source,
            line: s.line,
            span: s.span,
            message: format!("this suppression of {} silences no finding", s.rules.join(", ")),
        })
        .collect();
    (silenced, unused)
}

/// A baseline: findings already reviewed, by fingerprint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub subject: String,
    pub message: String,
}

/// Why a baseline file cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct BaselineError {
    pub path: String,
    pub message: String,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError { path: path.display().to_string(), message };
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read baseline: {e}")))?;
        serde_json::from_str(&text).map_err(|e| err(format!("not a claimcheck baseline: {e}")))
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.findings.iter().any(|f| f.fingerprint == fingerprint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::from_text("s1", "a.md", text).0
    }

    #[test]
    fn fnv_is_stable() {
        // Pinned: a change here would invalidate every baseline on disk.
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab"]), fnv1a(&["a", "b"]));
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
    }

    #[test]
    fn suppressions_need_a_known_rule_and_a_reason() {
        let s = src(concat!(
            "<!-- claimcheck: ignore[head-count-mismatch] reason=\"figure confirmed by phone\" -->\n",
            "سطر\n",
            "<!-- claimcheck: ignore[head-count-mismatch] -->\n",
            "<!-- claimcheck: ignore[no-such-rule] reason=\"x\" -->\n",
            "<!-- claimcheck: frobnicate -->\n",
        ));
        let (found, problems) = suppressions(0, &s);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].reason.as_deref(), Some("figure confirmed by phone"));
        assert_eq!(problems.len(), 3);
        assert!(problems[0].message.contains("needs a reason"));
        assert!(problems[1].message.contains("unknown rule"));
        assert_eq!(problems[2].line, 5);
    }
}
