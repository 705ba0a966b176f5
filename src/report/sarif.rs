//! SARIF 2.1.0: one result per finding, the draft's words as the location
//! and every other source's words as related locations.
//!
//! Owns the SARIF log as typed structs borrowing from the run (only the
//! part of SARIF claimcheck writes). Findings an inline comment silenced
//! or a baseline lists are results too, marked with `suppressions` (code
//! scanning leaves them out); input problems are the invocation's
//! notifications. Columns count Unicode code points (`columnKind`), and
//! every region also carries its byte offset and length into the file as
//! on disk.

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::check::{CheckRules, Finding, RuleId, Severity};
use crate::review::Suppression;
use crate::rules::RuleSource;
use crate::sources::{InputError, Source};
use crate::span::Span;
use crate::Run;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole log.
#[derive(Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

/// How the run went: whether it checked what it was given, and the
/// problems with its inputs.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: Level,
    message: Text<'a>,
    locations: [Location<'a>; 1],
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

/// A rule's metadata.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
}

/// The level a rule reports at unless configured otherwise.
#[derive(Serialize)]
struct Configuration {
    level: Level,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

/// SARIF's message and snippet objects: plain text.
#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Text { text: text.into() }
    }
}

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Note,
}

impl From<Severity> for Level {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Note,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: Level,
    message: Text<'a>,
    locations: Vec<Location<'a>>,
    /// Findings only: every other claim of the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    related_locations: Option<Vec<Location<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_fingerprints: Option<PartialFingerprints<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
    /// Present only on a silenced or baselined finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[SarifSuppression<'a>; 1]>,
}

/// Why a finding is not reported.
#[derive(Serialize)]
struct SarifSuppression<'a> {
    kind: SuppressionKind,
    justification: &'a str,
    /// For an inline suppression: its comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum SuppressionKind {
    /// A comment in the file.
    InSource,
    /// Outside the file: the baseline.
    External,
}

/// Which of the run's lists a finding comes from.
#[derive(Clone, Copy)]
enum Listed<'a> {
    /// Reported: it counts for the exit status.
    Reported,
    /// Silenced by this inline suppression.
    Silenced(&'a Suppression),
    /// Listed in the baseline.
    Baselined,
}

#[derive(Serialize)]
struct PartialFingerprints<'a> {
    /// `review::fingerprint`: stable across edits elsewhere in the file.
    #[serde(rename = "claimcheckFinding/v1")]
    finding: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    /// What `claimcheck explain` takes; only reported findings have one
    /// (a silenced or baselined finding's id is another's).
    #[serde(skip_serializing_if = "Option::is_none")]
    finding_id: Option<&'a str>,
    subject: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    /// Related locations are numbered from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// Where words are in a file.
#[derive(Serialize)]
#[serde(untagged)]
enum Region<'a> {
    Text(TextRegion<'a>),
    Record(RecordRegion<'a>),
}

/// In an article: lines and columns, and the bytes in the file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TextRegion<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Text<'a>,
}

/// In a feed record: its line in the file; the record's text has no
/// columns of its own there, so the span inside it is a property.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordRegion<'a> {
    start_line: usize,
    snippet: Text<'a>,
    properties: RecordTextSpan,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordTextSpan {
    record_text_byte_offset: usize,
    record_text_byte_length: usize,
}

/// A file path as a SARIF artifact URI: relative paths stay relative
/// (resolved against the checkout by code-scanning tools).
fn uri(path: &Path) -> String {
    let p = path.display().to_string().replace('\\', "/");
    let encoded = crate::sources::uri_path_text(&p);
    if p.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn region(src: &Source, span: Span) -> Region<'_> {
    let snippet = Text::new(src.slice(span));
    if let Some(line) = src.record {
        return Region::Record(RecordRegion {
            start_line: line,
            snippet,
            properties: RecordTextSpan { record_text_byte_offset: span.start, record_text_byte_length: span.len() },
        });
    }
    let (start_line, start_column) = src.line_col(span.start);
    let (end_line, end_column) = src.line_col(span.end);
    let (start, end) = (src.file_offset(span.start), src.file_offset(span.end));
    Region::Text(TextRegion {
        start_line,
        start_column,
        end_line,
        end_column,
        byte_offset: start,
        byte_length: end.saturating_sub(start),
        snippet,
    })
}

fn physical(src: &Source, span: Span) -> PhysicalLocation<'_> {
    PhysicalLocation { artifact_location: ArtifactLocation { uri: uri(&src.path) }, region: Some(region(src, span)) }
}

/// Words of a source, with nothing to say about them.
fn span_location(src: &Source, span: Span) -> Location<'_> {
    Location { id: None, physical_location: physical(src, span), message: None }
}

/// A claim's words, with whose they are and what they say.
fn claim_location(run: &Run, ci: usize, id: Option<usize>) -> Location<'_> {
    let c = &run.claims[ci];
    let src = &run.sources[c.source];
    Location {
        id,
        physical_location: physical(src, c.span),
        message: Some(Text::new(format!("{}: {}", src.label(), c.value.normalized()))),
    }
}

fn rule_descriptor(r: RuleId, default: Option<Severity>) -> ReportingDescriptor {
    ReportingDescriptor {
        id: r.as_str(),
        name: r.as_str(),
        short_description: Text::new(r.description()),
        full_description: Text::new(r.description()),
        // One line each of what it finds, why it matters, an example: in
        // Markdown a single line break would join them into one paragraph.
        help: Help { text: r.help(), markdown: Some(r.help().replace('\n', "\n\n")) },
        default_configuration: default.map(|s| Configuration { level: s.into() }),
    }
}

/// The rule under which suppression problems are reported.
const SUPPRESSION_RULE: &str = "suppression";

fn suppression_descriptor() -> ReportingDescriptor {
    const WHAT: &str = "An inline suppression is malformed or silences nothing.";
    ReportingDescriptor {
        id: SUPPRESSION_RULE,
        name: SUPPRESSION_RULE,
        short_description: Text::new(WHAT),
        full_description: Text::new(WHAT),
        help: Help {
            text: "Write <!-- claimcheck: ignore[RULE] reason=\"…\" --> on the line before the claim, or remove it.",
            markdown: None,
        },
        default_configuration: Some(Configuration { level: Level::Warning }),
    }
}

fn finding_result<'a>(run: &'a Run, rules: &[RuleId], f: &'a Finding, listed: Listed<'a>) -> SarifResult<'a> {
    let ordered: Vec<usize> = f.sides.iter().flat_map(|s| s.claims.iter().copied()).collect();
    let (primary, related) = match ordered.split_first() {
        Some((first, rest)) => (vec![claim_location(run, *first, None)], rest),
        None => (Vec::new(), &[][..]),
    };
    SarifResult {
        rule_id: f.rule.as_str(),
        rule_index: rules.iter().position(|r| *r == f.rule),
        level: f.severity.into(),
        message: Text::new(format!("{} — {}", f.message, f.explanation)),
        locations: primary,
        related_locations: Some(
            related.iter().enumerate().map(|(k, &c)| claim_location(run, c, Some(k + 1))).collect(),
        ),
        partial_fingerprints: Some(PartialFingerprints { finding: &f.fingerprint }),
        properties: Some(ResultProperties {
            finding_id: matches!(listed, Listed::Reported).then_some(f.id.as_str()),
            subject: &run.subjects[f.subject].key,
        }),
        suppressions: suppression(run, listed).map(|s| [s]),
    }
}

fn suppression<'a>(run: &'a Run, listed: Listed<'a>) -> Option<SarifSuppression<'a>> {
    match listed {
        Listed::Reported => None,
        Listed::Silenced(by) => Some(SarifSuppression {
            kind: SuppressionKind::InSource,
            // Suppressions without a reason are not applied.
            justification: by.reason.as_deref().unwrap_or_default(),
            location: run.sources.get(by.source).map(|src| span_location(src, by.span)),
        }),
        Listed::Baselined => Some(SarifSuppression {
            kind: SuppressionKind::External,
            justification: "listed in the baseline",
            location: None,
        }),
    }
}

fn suppression_problem_results(run: &Run, rule_index: usize) -> impl Iterator<Item = SarifResult<'_>> {
    run.suppression_problems.iter().map(move |p| SarifResult {
        rule_id: SUPPRESSION_RULE,
        rule_index: Some(rule_index),
        level: Level::Warning,
        message: Text::new(p.message.as_str()),
        locations: vec![span_location(&run.sources[p.source], p.span)],
        related_locations: None,
        partial_fingerprints: None,
        properties: None,
        suppressions: None,
    })
}

/// A problem with an input, located at its file (the message names the
/// line when there is one).
fn notification(e: &InputError) -> Notification<'_> {
    Notification {
        level: if e.is_fatal() { Level::Error } else { Level::Warning },
        message: Text::new(e.to_string()),
        locations: [Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(&e.path) },
                region: None,
            },
            message: None,
        }],
    }
}

/// The run as one invocation. It did not succeed when a gate must not pass
/// it (`Run::unchecked`: the exit status is 2); a file it could not read
/// among others it did is an error-level notification, as the exit status
/// leaves such files to the findings.
fn invocation(run: &Run) -> Invocation<'_> {
    Invocation {
        execution_successful: run.unchecked().is_none(),
        tool_execution_notifications: run.input_errors.iter().map(notification).collect(),
    }
}

/// The whole SARIF log, typed: for writing it without building a
/// [`Value`] first.
pub fn document(run: &Run) -> Log<'_> {
    // Every rule has a descriptor, so `ruleIndex` is a rule's place here.
    let reported = RuleId::all();
    let result = |f, listed| finding_result(run, reported, f, listed);
    let findings = run.findings.iter().map(|f| result(f, Listed::Reported));
    // The suppression rule's descriptor follows the rules'.
    let problems = suppression_problem_results(run, reported.len());
    let silenced = run.silenced().map(|(f, by)| result(f, Listed::Silenced(by)));
    let baselined = run.baselined.iter().map(|f| result(f, Listed::Baselined));
    let results = findings.chain(problems).chain(silenced).chain(baselined).collect();
    // What each rule reports at before claimcheck.toml re-levels it.
    let defaults = CheckRules::load(&RuleSource::builtin()).ok();
    let rules = reported
        .iter()
        .map(|r| rule_descriptor(*r, defaults.as_ref().map(|d| d.default_severity(*r))))
        .chain([suppression_descriptor()])
        .collect();
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "claimcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_HOMEPAGE"),
                    rules,
                },
            },
            invocations: [invocation(run)],
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}
