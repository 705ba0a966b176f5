//! The JSON contract (`--format json`), version 1.
//!
//! Owns the shape documented in the README and in
//! `schemas/claimcheck-json-1.schema.json`: sources, claims, subjects and
//! findings for `check`; claims alone for `claims`; stories for `stories`;
//! mentions for `mentions`. Each document is a typed struct that borrows
//! from the run, so the compiler checks the shape and serde writes it.
//! Fields may be added; existing ones keep their meaning.

use std::sync::Arc;

use serde::Serialize;

use crate::check::{Finding, RuleId, Severity};
use crate::extract::cues::Phase;
use crate::extract::{Claim, ClaimKind, ClaimValue, Evidence, Mention, MentionKind};
use crate::graph::Status;
use crate::sources::InputError;
use crate::span::Span;
use crate::value::{Interval, Precision};
use crate::Run;

pub const VERSION: u32 = 1;

/// The `check` document.
#[derive(Serialize)]
pub struct CheckDocument<'a> {
    version: u32,
    sources: Vec<SourceEntry<'a>>,
    stories: Vec<StoryEntry<'a>>,
    claims: Vec<ClaimEntry<'a>>,
    subjects: Vec<SubjectEntry<'a>>,
    findings: Vec<FindingEntry<'a>>,
    errors: Vec<InputErrorEntry>,
    suppression_problems: Vec<SuppressionProblemEntry<'a>>,
    summary: SummaryEntry,
}

/// The `claims`, `stories` and `mentions` documents: one list, with the
/// run's sources and input errors.
#[derive(Serialize)]
pub struct ListingDocument<'a, List> {
    version: u32,
    sources: Vec<SourceEntry<'a>>,
    #[serde(flatten)]
    list: List,
    errors: Vec<InputErrorEntry>,
}

#[derive(Serialize)]
pub struct ClaimList<'a> {
    claims: Vec<ClaimEntry<'a>>,
}

#[derive(Serialize)]
pub struct StoryList<'a> {
    stories: Vec<StoryEntry<'a>>,
}

#[derive(Serialize)]
pub struct MentionList<'a> {
    mentions: Vec<MentionEntry<'a>>,
}

pub type ClaimsDocument<'a> = ListingDocument<'a, ClaimList<'a>>;
pub type StoriesDocument<'a> = ListingDocument<'a, StoryList<'a>>;
pub type MentionsDocument<'a> = ListingDocument<'a, MentionList<'a>>;

fn listing<List>(run: &Run, list: List) -> ListingDocument<'_, List> {
    ListingDocument { version: VERSION, sources: sources(run), list, errors: errors(&run.input_errors) }
}

#[derive(Serialize)]
struct SourceEntry<'a> {
    id: &'a str,
    path: String,
    record: Option<usize>,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<String>,
    lang: Option<&'a str>,
    url: Option<&'a str>,
    /// A file that was not UTF-8: what it was decoded from (spans here
    /// count bytes of the decoded text; line and column are the file's).
    encoding: Option<&'static str>,
}

#[derive(Serialize)]
struct ClaimEntry<'a> {
    id: String,
    source: &'a str,
    kind: ClaimKind,
    /// The key of the subject the claim was linked into (story, shared
    /// key, event), else its own key.
    subject: &'a str,
    key: &'a str,
    subject_label: &'a str,
    value: TypedValue<'a>,
    normalized: String,
    time: Option<TimeEntry<'a>>,
    assumed_time: Option<String>,
    text: &'a str,
    span: Span,
    line: usize,
    column: usize,
    record: Option<usize>,
    sentence: &'a str,
    evidence: &'a [Evidence],
    story: Option<&'a str>,
    event: EventEntry<'a>,
}

/// A claim's value with its type as a tag.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum TypedValue<'a> {
    Interval { interval: &'a Interval },
    Quantity { interval: &'a Interval, unit: &'a str },
    Money { amount: &'a Interval, currency: &'a str },
    Date { start: String, end: String, precision: Precision },
    UnresolvedDate { reason: &'a str },
    Place { id: &'a str, country: Option<&'a str> },
    Role { title: &'a str, skeleton: &'a str },
}

/// A stated time scope.
#[derive(Serialize)]
struct TimeEntry<'a> {
    normalized: String,
    start: String,
    end: String,
    text: &'a str,
    span: Option<Span>,
}

/// What tied a claim to its event.
#[derive(Serialize)]
struct EventEntry<'a> {
    incidents: &'a [Arc<str>],
    from_lead: bool,
    lead_incident: Option<&'a str>,
    in_lead: bool,
    places: &'a [Arc<str>],
    phase: Phase,
    at_site: bool,
    action: Option<&'a str>,
    words: Vec<WordEntry<'a>>,
}

#[derive(Serialize)]
struct WordEntry<'a> {
    text: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct StoryEntry<'a> {
    id: &'a str,
    label: &'a str,
    terms: &'a [String],
    sources: Vec<&'a str>,
    outlets: Vec<String>,
    origins: usize,
}

#[derive(Serialize)]
struct SubjectEntry<'a> {
    key: &'a str,
    label: &'a str,
    kind: ClaimKind,
    story: Option<&'a str>,
    claims: Vec<String>,
    status: Status,
    /// The claims whose values two or more independent origins state.
    agreeing: Vec<String>,
}

#[derive(Serialize)]
struct FindingEntry<'a> {
    id: &'a str,
    fingerprint: &'a str,
    rule: RuleId,
    severity: Severity,
    subject: &'a str,
    story: Option<&'a str>,
    claims: Vec<String>,
    sides: Vec<SideEntry<'a>>,
    message: &'a str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct SideEntry<'a> {
    claims: Vec<String>,
    value: &'a str,
}

#[derive(Serialize)]
struct InputErrorEntry {
    path: String,
    fatal: bool,
    message: String,
}

#[derive(Serialize)]
struct SuppressionProblemEntry<'a> {
    source: &'a str,
    line: usize,
    span: Span,
    message: &'a str,
}

/// The summary's counts, and the feed records skipped for empty text.
#[derive(Serialize)]
struct SummaryEntry {
    #[serde(flatten)]
    counts: super::Summary,
    skipped_records: usize,
}

#[derive(Serialize)]
struct MentionEntry<'a> {
    source: &'a str,
    kind: MentionKind,
    text: &'a str,
    span: Span,
    normalized: &'a str,
}

fn sources(run: &Run) -> Vec<SourceEntry<'_>> {
    run.sources
        .iter()
        .map(|s| SourceEntry {
            id: &s.id,
            path: s.display_path(),
            record: s.record,
            title: s.meta.title.as_deref(),
            outlet: s.meta.outlet.as_deref(),
            published: s.meta.published.map(|d| d.to_string()),
            lang: s.meta.lang.as_deref(),
            url: s.meta.url.as_deref(),
            encoding: s.decoded.as_ref().map(|d| d.encoding),
        })
        .collect()
}

fn typed_value(v: &ClaimValue) -> TypedValue<'_> {
    match v {
        ClaimValue::Count(i) => TypedValue::Interval { interval: i },
        ClaimValue::Quantity { value, unit } => TypedValue::Quantity { interval: value, unit },
        ClaimValue::Money(m) => TypedValue::Money { amount: &m.amount, currency: &m.currency },
        ClaimValue::Date(d) => {
            TypedValue::Date { start: d.start.to_string(), end: d.end.to_string(), precision: d.precision }
        }
        ClaimValue::UnresolvedDate(reason) => TypedValue::UnresolvedDate { reason },
        ClaimValue::Place { id, country } => TypedValue::Place { id, country: country.as_deref() },
        ClaimValue::Role { title, skeleton } => TypedValue::Role { title, skeleton },
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

/// A source's id, by its index in the run.
fn source_id(run: &Run, source: usize) -> &str {
    run.sources.get(source).map_or("", |s| s.id.as_str())
}

fn story_id(run: &Run, story: usize) -> Option<&str> {
    run.stories.stories.get(story).map(|s| s.id.as_str())
}

fn claim_ids(run: &Run, claims: &[usize]) -> Vec<String> {
    claims.iter().map(|&c| run.claim_id(c)).collect()
}

fn claim<'a>(run: &'a Run, i: usize, c: &'a Claim, subject: Option<&'a str>) -> ClaimEntry<'a> {
    let src = &run.sources[c.source];
    let (line, column) = src.file_position(c.span.start);
    let time = c.time.as_ref().filter(|t| !t.implicit).map(|t| TimeEntry {
        normalized: t.range.notation(),
        start: t.range.start.to_string(),
        end: t.range.end.to_string(),
        text: &t.text,
        span: t.span,
    });
    let cue = &c.cue;
    ClaimEntry {
        id: run.claim_id(i),
        source: &src.id,
        kind: c.kind,
        subject: subject.unwrap_or(&c.subject),
        key: &c.subject,
        subject_label: &c.subject_label,
        value: typed_value(&c.value),
        normalized: c.value.normalized(),
        time,
        assumed_time: c.time.as_ref().filter(|t| t.implicit).map(|t| t.range.notation()),
        text: src.slice(c.span),
        span: c.span,
        line,
        column,
        record: src.record,
        sentence: src.slice(c.sentence),
        evidence: &c.evidence,
        story: story_id(run, c.story),
        event: EventEntry {
            incidents: &cue.frames,
            from_lead: cue.from_lead,
            lead_incident: cue.lead_incident.as_deref(),
            in_lead: cue.in_lead,
            places: &cue.places,
            phase: cue.phase,
            at_site: cue.at_site,
            action: cue.action.as_deref(),
            words: cue.words.iter().map(|(text, span)| WordEntry { text, span: *span }).collect(),
        },
    }
}

fn claims(run: &Run) -> Vec<ClaimEntry<'_>> {
    let keys = subject_keys(run);
    run.claims.iter().zip(keys).enumerate().map(|(i, (c, key))| claim(run, i, c, key)).collect()
}

fn story_entries(run: &Run) -> Vec<StoryEntry<'_>> {
    run.stories
        .stories
        .iter()
        .map(|st| StoryEntry {
            id: &st.id,
            label: &st.label,
            terms: &st.terms,
            sources: st.sources.iter().map(|&s| source_id(run, s)).collect(),
            outlets: outlets(run, &st.sources),
            origins: run.stories.origins_among(st.sources.iter().copied()),
        })
        .collect()
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

fn errors(errs: &[InputError]) -> Vec<InputErrorEntry> {
    errs.iter()
        .map(|e| InputErrorEntry { path: e.path.display().to_string(), fatal: e.is_fatal(), message: e.to_string() })
        .collect()
}

/// The `check` document, typed: for writing it without building a
/// [`Value`] first.
pub fn check_document(run: &Run) -> CheckDocument<'_> {
    let subjects = run
        .subjects
        .iter()
        .map(|s| SubjectEntry {
            key: &s.key,
            label: &s.label,
            kind: s.kind,
            story: story_id(run, s.story),
            claims: claim_ids(run, &s.claims),
            status: s.status,
            agreeing: claim_ids(run, &s.agreeing),
        })
        .collect();
    let findings = run.findings.iter().map(|f| finding_entry(run, f)).collect();
    let suppression_problems = run.suppression_problems.iter().map(|p| SuppressionProblemEntry {
        source: source_id(run, p.source),
        line: p.line,
        span: p.span,
        message: &p.message,
    });
    CheckDocument {
        version: VERSION,
        sources: sources(run),
        stories: story_entries(run),
        claims: claims(run),
        subjects,
        findings,
        errors: errors(&run.input_errors),
        suppression_problems: suppression_problems.collect(),
        summary: SummaryEntry { counts: super::Summary::of(run), skipped_records: run.skipped_records() },
    }
}

fn finding_entry<'a>(run: &'a Run, f: &'a Finding) -> FindingEntry<'a> {
    let subject = &run.subjects[f.subject];
    FindingEntry {
        id: &f.id,
        fingerprint: &f.fingerprint,
        rule: f.rule,
        severity: f.severity,
        subject: &subject.key,
        story: story_id(run, subject.story),
        claims: claim_ids(run, &f.claims),
        sides: f.sides.iter().map(|s| SideEntry { claims: claim_ids(run, &s.claims), value: &s.value }).collect(),
        message: &f.message,
        explanation: &f.explanation,
    }
}

/// The `explain --format json` document: one finding and its claims.
#[derive(Serialize)]
pub struct ExplainDocument<'a> {
    version: u32,
    finding: FindingEntry<'a>,
    claims: Vec<ClaimEntry<'a>>,
}

/// The `explain` document of finding `f`.
pub fn explain_document<'a>(run: &'a Run, f: &'a Finding) -> ExplainDocument<'a> {
    let keys = subject_keys(run);
    // In the order of the run's claims, as the check document lists them.
    let mut ids = f.claims.clone();
    ids.sort_unstable();
    ids.dedup();
    let claims = ids.iter().filter_map(|&i| Some(claim(run, i, run.claims.get(i)?, keys.get(i).copied()?))).collect();
    ExplainDocument { version: VERSION, finding: finding_entry(run, f), claims }
}

/// The `claims` document, typed.
pub fn claims_document(run: &Run) -> ClaimsDocument<'_> {
    listing(run, ClaimList { claims: claims(run) })
}

/// The `stories` document, typed.
pub fn stories_document(run: &Run) -> StoriesDocument<'_> {
    listing(run, StoryList { stories: story_entries(run) })
}

/// The `mentions` document, typed.
pub fn mentions_document<'a>(run: &'a Run) -> MentionsDocument<'a> {
    let mention = |m: &'a Mention| MentionEntry {
        source: source_id(run, m.source),
        kind: m.kind,
        text: &m.text,
        span: m.span,
        normalized: &m.normalized,
    };
    listing(run, MentionList { mentions: run.mentions.iter().map(mention).collect() })
}
