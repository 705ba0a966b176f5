//! The JSON contract (`--format json`), version 1.
//!
//! Owns the shape documented in the README: sources, claims, subjects and
//! findings for `check`; claims alone for `claims`; mentions for
//! `mentions`. Fields may be added; existing ones keep their meaning.

use serde_json::{json, Value};

use crate::extract::{Claim, ClaimValue};
use crate::sources::InputError;
use crate::Run;

pub const VERSION: u32 = 1;

fn sources(run: &Run) -> Value {
    Value::Array(
        run.sources
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "path": s.display_path(),
                    "record": s.record,
                    "title": s.meta.title,
                    "outlet": s.meta.outlet,
                    "published": s.meta.published.map(|d| d.to_string()),
                    "lang": s.meta.lang,
                    "url": s.meta.url,
                    // A file that was not UTF-8: what it was decoded from
                    // (spans here count bytes of the decoded text; line
                    // and column are the file's).
                    "encoding": s.decoded.as_ref().map(|d| d.encoding),
                })
            })
            .collect(),
    )
}

fn typed_value(v: &ClaimValue) -> Value {
    let interval =
        |i: &crate::value::Interval| json!({"lo": i.lo, "hi": i.hi, "lo_open": i.lo_open, "hi_open": i.hi_open});
    match v {
        ClaimValue::Count(i) => json!({"type": "interval", "interval": interval(i)}),
        ClaimValue::Quantity { value, unit } => {
            json!({"type": "quantity", "interval": interval(value), "unit": unit})
        }
        ClaimValue::Money(m) => {
            json!({"type": "money", "amount": interval(&m.amount), "currency": m.currency})
        }
        ClaimValue::Date(d) => json!({
            "type": "date",
            "start": d.start.to_string(),
            "end": d.end.to_string(),
            "precision": d.precision,
        }),
        ClaimValue::UnresolvedDate(reason) => json!({"type": "unresolved-date", "reason": reason}),
        ClaimValue::Place { id, country } => json!({"type": "place", "id": id, "country": country}),
        ClaimValue::Role { title, skeleton } => json!({"type": "role", "title": title, "skeleton": skeleton}),
    }
}

/// Claim index → the key of its subject (story, shared key, event).
fn subject_keys(run: &Run) -> Vec<Option<&str>> {
    let mut out = vec![None; run.claims.len()];
    for s in &run.subjects {
        for &c in &s.claims {
            if let Some(slot) = out.get_mut(c) {
                *slot = Some(s.key.as_str());
            }
        }
    }
    out
}

fn claim(run: &Run, i: usize, c: &Claim, subject: Option<&str>) -> Value {
    let src = &run.sources[c.source];
    let (line, column) = src.file_position(c.span.start);
    let time = c.time.as_ref().filter(|t| !t.implicit).map(|t| {
        json!({"normalized": t.range.notation(), "start": t.range.start.to_string(), "end": t.range.end.to_string(),
               "text": t.text, "span": t.span})
    });
    let assumed = c.time.as_ref().filter(|t| t.implicit).map(|t| t.range.notation());
    json!({
        "id": run.claim_id(i),
        "source": src.id,
        "kind": c.kind.as_str(),
        "subject": subject.unwrap_or(&c.subject),
        "key": c.subject,
        "subject_label": &*c.subject_label,
        "value": typed_value(&c.value),
        "normalized": c.value.normalized(),
        "time": time,
        "assumed_time": assumed,
        "text": src.slice(c.span),
        "span": {"start": c.span.start, "end": c.span.end},
        "line": line,
        "column": column,
        "record": src.record,
        "sentence": src.slice(c.sentence),
        "evidence": &c.evidence[..],
        "story": run.stories.stories.get(c.story).map(|s| s.id.as_str()),
        "event": {
            "incidents": c.cue.frames.iter().map(|f| &**f).collect::<Vec<_>>(),
            "from_lead": c.cue.from_lead,
            "lead_incident": c.cue.lead_incident.as_deref(),
            "in_lead": c.cue.in_lead,
            "places": c.cue.places.iter().map(|p| &**p).collect::<Vec<_>>(),
            "phase": c.cue.phase.as_str(),
            "at_site": c.cue.at_site,
            "action": c.cue.action.as_deref(),
            "words": c.cue.words.iter().map(|(w, span)| json!({"text": w, "span": span})).collect::<Vec<_>>(),
        },
    })
}

/// The run's stories: id, label, distinctive terms, sources, and how many
/// independent origins those sources have.
pub fn stories(run: &Run) -> Value {
    Value::Array(
        run.stories
            .stories
            .iter()
            .map(|st| {
                json!({
                    "id": st.id,
                    "label": st.label,
                    "terms": st.terms,
                    "sources": st.sources.iter().map(|&s| run.sources[s].id.as_str()).collect::<Vec<_>>(),
                    "outlets": outlets(run, &st.sources),
                    "origins": run.stories.origins_among(st.sources.iter().copied()),
                })
            })
            .collect(),
    )
}

/// The distinct outlets of some sources, in order of first appearance.
pub fn outlets(run: &Run, sources: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &s in sources {
        let l = run.sources[s].label();
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

fn errors(errs: &[InputError]) -> Value {
    Value::Array(
        errs.iter()
            .map(|e| json!({"path": e.path.display().to_string(), "fatal": e.is_fatal(), "message": e.to_string()}))
            .collect(),
    )
}

fn claims(run: &Run) -> Value {
    let keys = subject_keys(run);
    Value::Array(run.claims.iter().enumerate().map(|(i, c)| claim(run, i, c, keys[i])).collect())
}

/// The `check` document.
pub fn check(run: &Run) -> Value {
    let subjects: Vec<Value> = run
        .subjects
        .iter()
        .map(|s| {
            json!({
                "key": s.key,
                "label": s.label,
                "kind": s.kind.as_str(),
                "story": run.stories.stories.get(s.story).map(|st| st.id.as_str()),
                "claims": s.claims.iter().map(|&c| run.claim_id(c)).collect::<Vec<_>>(),
                "status": s.status.as_str(),
            })
        })
        .collect();
    let findings: Vec<Value> = run
        .findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "fingerprint": f.fingerprint,
                "rule": f.rule.as_str(),
                "severity": f.severity.as_str(),
                "subject": run.subjects[f.subject].key,
                "story": run.stories.stories.get(run.subjects[f.subject].story).map(|st| st.id.as_str()),
                "claims": f.claims.iter().map(|&c| run.claim_id(c)).collect::<Vec<_>>(),
                "sides": f.sides.iter().map(|s| json!({
                    "claims": s.claims.iter().map(|&c| run.claim_id(c)).collect::<Vec<_>>(),
                    "value": s.value,
                })).collect::<Vec<_>>(),
                "message": f.message,
                "explanation": f.explanation,
            })
        })
        .collect();
    json!({
        "version": VERSION,
        "sources": sources(run),
        "stories": stories(run),
        "claims": claims(run),
        "subjects": subjects,
        "findings": findings,
        "errors": errors(&run.input_errors),
        "suppression_problems": run.suppression_problems.iter().map(|p| json!({
            "source": run.sources[p.source].id, "line": p.line, "span": p.span, "message": p.message,
        })).collect::<Vec<_>>(),
        "summary": summary(run),
    })
}

/// The summary's counts, and the feed records skipped for empty text.
fn summary(run: &Run) -> Value {
    let mut summary = serde_json::to_value(super::Summary::of(run)).unwrap_or_else(|_| json!({}));
    if let Some(counts) = summary.as_object_mut() {
        counts.insert("skipped_records".into(), run.skipped_records().into());
    }
    summary
}

/// The `claims` document.
pub fn claims_doc(run: &Run) -> Value {
    json!({"version": VERSION, "sources": sources(run), "claims": claims(run), "errors": errors(&run.input_errors)})
}

/// The `stories` document.
pub fn stories_doc(run: &Run) -> Value {
    json!({"version": VERSION, "sources": sources(run), "stories": stories(run), "errors": errors(&run.input_errors)})
}

/// The `mentions` document.
pub fn mentions_doc(run: &Run) -> Value {
    let mentions: Vec<Value> = run
        .mentions
        .iter()
        .map(|m| {
            json!({
                "source": run.sources[m.source].id,
                "kind": m.kind,
                "text": m.text,
                "span": {"start": m.span.start, "end": m.span.end},
                "normalized": m.normalized,
            })
        })
        .collect();
    json!({"version": VERSION, "sources": sources(run), "mentions": mentions, "errors": errors(&run.input_errors)})
}
