//! SARIF 2.1.0: one result per finding, the draft's words as the location
//! and every other source's words as related locations.
//!
//! Columns count Unicode code points (`columnKind`), and every region also
//! carries its byte offset and length into the file as on disk.

use serde_json::{json, Value};

use crate::check::{Finding, RuleId, Severity};
use crate::extract::Claim;
use crate::sources::Source;
use crate::Run;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a SARIF artifact URI: relative paths stay relative
/// (resolved against the checkout by code-scanning tools).
fn uri(src: &Source) -> String {
    let p = src.display_path().replace('\\', "/");
    if p.starts_with('/') {
        format!("file://{}", p.split('/').map(percent).collect::<Vec<_>>().join("/"))
    } else {
        p.split('/').map(percent).collect::<Vec<_>>().join("/")
    }
}

fn percent(seg: &str) -> String {
    let mut out = String::new();
    for b in seg.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(src: &Source, c: &Claim) -> Value {
    if let Some(line) = src.record {
        // A feed record: its line in the file; the span is inside its text.
        return json!({
            "startLine": line,
            "snippet": {"text": src.slice(c.span)},
            "properties": {"recordTextByteOffset": c.span.start, "recordTextByteLength": c.span.len()},
        });
    }
    let (sl, sc) = src.line_col(c.span.start);
    let (el, ec) = src.line_col(c.span.end);
    let (start, end) = (src.file_offset(c.span.start), src.file_offset(c.span.end));
    json!({
        "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
        "byteOffset": start, "byteLength": end - start,
        "snippet": {"text": src.slice(c.span)},
    })
}

fn location(run: &Run, ci: usize, id: Option<usize>) -> Value {
    let c = &run.claims[ci];
    let src = &run.sources[c.source];
    let mut loc = json!({
        "physicalLocation": {"artifactLocation": {"uri": uri(src)}, "region": region(src, c)},
        "message": {"text": format!("{}: {}", src.label(), c.value.normalized())},
    });
    if let Some(id) = id {
        loc["id"] = json!(id);
    }
    loc
}

fn rule_meta(r: RuleId) -> Value {
    json!({
        "id": r.as_str(),
        "name": r.as_str(),
        "shortDescription": {"text": r.description()},
        "fullDescription": {"text": r.description()},
        "help": {"text": r.help(), "markdown": r.help()},
    })
}

fn result(run: &Run, f: &Finding) -> Value {
    let ordered: Vec<usize> = f.sides.iter().flat_map(|s| s.claims.iter().copied()).collect();
    let primary = ordered.first().copied();
    let related: Vec<Value> = ordered.iter().skip(1).enumerate().map(|(k, &c)| location(run, c, Some(k + 1))).collect();
    let rule_index = RuleId::all().iter().position(|r| *r == f.rule).unwrap_or(0);
    json!({
        "ruleId": f.rule.as_str(),
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": format!("{} — {}", f.message, f.explanation)},
        "locations": primary.map(|c| vec![location(run, c, None)]).unwrap_or_default(),
        "relatedLocations": related,
        "partialFingerprints": {"claimcheckFinding/v1": f.fingerprint},
        "properties": {"findingId": f.id, "subject": run.subjects[f.subject].key},
    })
}

/// The whole SARIF log.
pub fn log(run: &Run) -> Value {
    let mut results: Vec<Value> = run.findings.iter().map(|f| result(run, f)).collect();
    for p in &run.suppression_problems {
        let src = &run.sources[p.source];
        let (sl, sc) = src.line_col(p.span.start);
        let (el, ec) = src.line_col(p.span.end);
        results.push(json!({
            "ruleId": "suppression",
            "level": "warning",
            "message": {"text": p.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(src)},
                "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                           "byteOffset": p.span.start, "byteLength": p.span.len()}}}],
        }));
    }
    let mut rules: Vec<Value> = RuleId::all().iter().map(|r| rule_meta(*r)).collect();
    rules.push(json!({
        "id": "suppression",
        "name": "suppression",
        "shortDescription": {"text": "An inline suppression is malformed or silences nothing."},
        "fullDescription": {"text": "An inline suppression is malformed or silences nothing."},
        "help": {"text": "Write <!-- claimcheck: ignore[RULE] reason=\"…\" --> on the line before the claim, or remove it."},
    }));
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
