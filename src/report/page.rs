//! The fact-checker's report as data, shared by the HTML and Markdown
//! renderers.
//!
//! Owns what a report says and in which order: the summary and sources,
//! the subjects in conflict (in finding order, errors first), the events of
//! the story, then corroborated, consistent and single-source subjects;
//! per subject, its claims by publication date and outlet, each quote cut
//! at the claim's byte span, and its charts. Text stays raw here; the
//! templates escape it. Ordering is deterministic and nothing depends on
//! the clock.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::chart::{self, Chart, Extent, Item, RowInput};
use crate::check::Finding;
use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::graph::{Status, Subject};
use crate::span::Span;
use crate::Run;

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// BCP 47 tag of the sources' language (`ar`), else `en`.
    pub lang: String,
    /// `rtl` or `ltr`, from `lang`.
    pub dir: &'static str,
    pub version: &'static str,
    /// Only findings that involve a draft are reported (`--against`).
    pub against: bool,
    pub summary: super::Summary,
    pub sources: Vec<SourceRow>,
    /// Stories with subjects in conflict, the worst first: what a
    /// fact-checker reads first on a day of news.
    pub stories: Vec<StoryView>,
    pub conflicts: Vec<SubjectView>,
    pub story: Vec<Chart>,
    pub others: Vec<Group>,
    pub input_errors: Vec<String>,
    pub suppression_problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub id: String,
    pub outlet: String,
    pub published: Option<String>,
    pub title: Option<String>,
    /// Only `http`/`https` addresses, so a link can never run script.
    pub url: Option<String>,
    pub file: String,
    pub reference: bool,
    pub claims: usize,
}

/// A story with conflicts: its label, who told it, and its subjects in
/// conflict (indices into `Page::conflicts`).
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub id: String,
    pub label: String,
    pub outlets: String,
    pub articles: usize,
    pub origins: usize,
    pub errors: usize,
    pub warnings: usize,
    pub corroborated: usize,
    pub conflicts: Vec<usize>,
    pub sources: Vec<SourceRow>,
}

/// A titled list of subjects of one status.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub title: &'static str,
    pub blurb: &'static str,
    pub subjects: Vec<SubjectView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub anchor: String,
    pub key: String,
    pub label: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub sources: usize,
    pub findings: Vec<FindingView>,
    pub rows: Vec<ClaimRow>,
    pub charts: Vec<Chart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub id: String,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub explanation: String,
    pub sides: Vec<SideView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SideView {
    pub n: usize,
    pub value: String,
    pub outlets: String,
    pub claims: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimRow {
    pub id: String,
    pub source: String,
    pub outlet: String,
    pub published: Option<String>,
    /// `file:line:column`.
    pub location: String,
    /// The sentence, cut at the claim's span.
    pub before: String,
    pub words: String,
    pub after: String,
    pub value: String,
    /// When the value holds, for counts and money.
    pub time: Option<String>,
    /// The words that gave the time, or why there are none.
    pub time_note: Option<String>,
    /// Side in the subject's first finding that names the claim; 0 for none.
    pub side: usize,
}

const RTL: &[&str] = &["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"];

/// The sources' language: the most common `lang` of their front matter,
/// else Arabic when most letters of the texts are Arabic, else English.
fn language(run: &Run) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in &run.sources {
        if let Some(l) = s.meta.lang.as_deref() {
            let clean: String = l.trim().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(35).collect();
            if !clean.is_empty() {
                *counts.entry(clean.to_ascii_lowercase()).or_default() += 1;
            }
        }
    }
    if let Some((l, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        return l.clone();
    }
    let (mut arabic, mut latin) = (0usize, 0usize);
    for s in &run.sources {
        for c in s.body().chars().take(20_000) {
            if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
                arabic += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    if arabic > latin {
        "ar".into()
    } else {
        "en".into()
    }
}

fn direction(lang: &str) -> &'static str {
    let primary = lang.split('-').next().unwrap_or("");
    if RTL.contains(&primary) {
        "rtl"
    } else {
        "ltr"
    }
}

fn safe_url(url: Option<&str>) -> Option<String> {
    let u = url?.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| u.to_string())
}

impl Page {
    pub fn of(run: &Run) -> Page {
        let lang = language(run);
        let dir = direction(&lang);
        let sources: Vec<SourceRow> = run
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceRow {
                id: s.id.clone(),
                outlet: s.label(),
                published: s.meta.published.map(|d| d.to_string()),
                title: s.meta.title.clone(),
                url: safe_url(s.meta.url.as_deref()),
                file: s.name(),
                reference: s.reference,
                claims: run.claims.iter().filter(|c| c.source == i).count(),
            })
            .collect();
        // Subjects in conflict, in the order of their first finding.
        let mut conflict_order: Vec<usize> = Vec::new();
        for f in &run.findings {
            if run.subjects.get(f.subject).is_some_and(|s| s.status == Status::Conflict)
                && !conflict_order.contains(&f.subject)
            {
                conflict_order.push(f.subject);
            }
        }
        // A conflict whose findings were all suppressed or baselined.
        for (i, s) in run.subjects.iter().enumerate() {
            if s.status == Status::Conflict && !conflict_order.contains(&i) {
                conflict_order.push(i);
            }
        }
        let mut n_chart = 0;
        let mut view = |i: usize| subject_view(run, i, &mut n_chart);
        let conflicts: Vec<SubjectView> = conflict_order.iter().map(|&i| view(i)).collect();
        let mut others = Vec::new();
        for (status, id, title, blurb) in [
            (Status::Corroborated, "corroborated", "Corroborated", "Several sources agree."),
            (
                Status::Consistent,
                "consistent",
                "Consistent",
                "Several sources, no conflict, but no two give the same value.",
            ),
            (
                Status::SingleSource,
                "single-source",
                "Single source",
                "Only one source says this: worth a second source.",
            ),
        ] {
            let subjects: Vec<SubjectView> =
                (0..run.subjects.len()).filter(|&i| run.subjects[i].status == status).map(&mut view).collect();
            if !subjects.is_empty() {
                others.push(Group { id, title, blurb, subjects });
            }
        }
        let story = story_charts(run);
        let stories = story_views(run, &conflict_order, &sources);
        Page {
            lang,
            dir,
            version: env!("CARGO_PKG_VERSION"),
            against: run.sources.iter().any(|s| s.reference),
            summary: super::Summary::of(run),
            sources,
            stories,
            conflicts,
            story,
            others,
            input_errors: run.input_errors.iter().map(|e| e.to_string()).collect(),
            suppression_problems: run
                .suppression_problems
                .iter()
                .map(|p| {
                    let name = run.sources.get(p.source).map(|s| s.name()).unwrap_or_default();
                    format!("{name}:{}: {}", p.line, p.message)
                })
                .collect(),
        }
    }
}

/// The stories of the subjects in conflict, in the order of their first
/// conflict (findings come worst first).
fn story_views(run: &Run, conflict_order: &[usize], sources: &[SourceRow]) -> Vec<StoryView> {
    let mut order: Vec<usize> = Vec::new();
    for &s in conflict_order {
        let st = run.subjects[s].story;
        if !order.contains(&st) {
            order.push(st);
        }
    }
    order
        .into_iter()
        .filter_map(|st| {
            let story = run.stories.stories.get(st)?;
            let findings = || run.findings.iter().filter(|f| run.subjects[f.subject].story == st);
            Some(StoryView {
                id: story.id.clone(),
                label: story.label.clone(),
                outlets: super::json::outlets(run, &story.sources).join("، "),
                articles: story.sources.len(),
                origins: run.stories.origins_among(story.sources.iter().copied()),
                errors: findings().filter(|f| f.severity == crate::check::Severity::Error).count(),
                warnings: findings().filter(|f| f.severity == crate::check::Severity::Warning).count(),
                corroborated: run.subjects.iter().filter(|s| s.story == st && s.status == Status::Corroborated).count(),
                conflicts: conflict_order
                    .iter()
                    .enumerate()
                    .filter(|(_, &s)| run.subjects[s].story == st)
                    .map(|(i, _)| i)
                    .collect(),
                sources: story.sources.iter().filter_map(|&i| sources.get(i).cloned()).collect(),
            })
        })
        .collect()
}

fn finding_view(run: &Run, f: &Finding) -> FindingView {
    FindingView {
        id: f.id.clone(),
        rule: f.rule.as_str(),
        severity: f.severity.as_str(),
        message: f.message.clone(),
        explanation: f.explanation.clone(),
        sides: f
            .sides
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let mut outlets: Vec<String> = Vec::new();
                for &c in &s.claims {
                    if let Some(src) = run.claims.get(c).and_then(|c| run.sources.get(c.source)) {
                        let o = src.label();
                        if !outlets.contains(&o) {
                            outlets.push(o);
                        }
                    }
                }
                SideView {
                    n: n + 1,
                    value: s.value.clone(),
                    outlets: outlets.join("، "),
                    claims: s.claims.iter().map(|&c| run.claim_id(c)).collect(),
                }
            })
            .collect(),
    }
}

/// Side of each claim in the first finding that names it.
fn sides(findings: &[&Finding]) -> BTreeMap<usize, usize> {
    let mut out = BTreeMap::new();
    for f in findings {
        for (n, s) in f.sides.iter().enumerate() {
            for &c in &s.claims {
                out.entry(c).or_insert(n + 1);
            }
        }
    }
    out
}

fn time_of(c: &Claim) -> Option<(String, String)> {
    if !matches!(c.kind, ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money) {
        return None;
    }
    let t = c.time.as_ref()?;
    Some(if t.implicit {
        (t.range.notation(), format!("{}; no time stated", t.assumed_from()))
    } else {
        (t.range.notation(), format!("«{}»", t.text))
    })
}

fn claim_row(run: &Run, i: usize, side: usize) -> Option<ClaimRow> {
    let c = run.claims.get(i)?;
    let src = run.sources.get(c.source)?;
    let (line, col) = src.file_position(c.span.start);
    // Cut the sentence at the claim's byte span; never search the text.
    let (before, words, after) = if c.sentence.contains(&c.span) {
        (
            src.slice(Span::new(c.sentence.start, c.span.start)),
            src.slice(c.span),
            src.slice(Span::new(c.span.end, c.sentence.end)),
        )
    } else {
        ("", src.slice(c.span), "")
    };
    Some(ClaimRow {
        id: run.claim_id(i),
        source: src.id.clone(),
        outlet: src.label(),
        published: src.meta.published.map(|d| d.to_string()),
        location: format!("{}:{line}:{col}", src.name()),
        before: before.trim_start().to_string(),
        words: words.to_string(),
        after: after.trim_end().to_string(),
        value: c.value.normalized(),
        time: time_of(c).map(|t| t.0),
        time_note: time_of(c).map(|t| t.1),
        side,
    })
}

fn published(run: &Run, c: usize) -> Option<NaiveDate> {
    run.claims.get(c).and_then(|c| run.sources.get(c.source)).and_then(|s| s.meta.published)
}

fn subject_view(run: &Run, i: usize, n_chart: &mut usize) -> SubjectView {
    let s = &run.subjects[i];
    let findings: Vec<&Finding> = run.findings.iter().filter(|f| f.subject == i).collect();
    let side = sides(&findings);
    let mut ids = s.claims.clone();
    // By publication date (undated last), then outlet, then claim order.
    ids.sort_by_key(|&c| {
        let p = published(run, c);
        let outlet = run.claims.get(c).and_then(|c| run.sources.get(c.source)).map(|s| s.label()).unwrap_or_default();
        (p.is_none(), p, outlet, c)
    });
    let rows: Vec<ClaimRow> =
        ids.iter().filter_map(|&c| claim_row(run, c, side.get(&c).copied().unwrap_or(0))).collect();
    let charts = subject_charts(run, s, &ids, &side, n_chart);
    SubjectView {
        anchor: format!("subject-{}", i + 1),
        key: s.key.clone(),
        label: s.label.clone(),
        kind: s.kind.as_str(),
        status: s.status.as_str(),
        sources: s.sources(&run.claims).len(),
        findings: findings.iter().map(|f| finding_view(run, f)).collect(),
        rows,
        charts,
    }
}

fn item(run: &Run, c: usize, side: usize, extent: Extent) -> Item {
    let claim = &run.claims[c];
    let src = &run.sources[claim.source];
    Item {
        claim: run.claim_id(c),
        source: src.id.clone(),
        side,
        title: format!("{}: «{}» = {}", src.label(), src.slice(claim.span), claim.value.normalized()),
        extent,
    }
}

fn subject_charts(
    run: &Run,
    s: &Subject,
    ids: &[usize],
    side: &BTreeMap<usize, usize>,
    n_chart: &mut usize,
) -> Vec<Chart> {
    let side_of = |c: usize| side.get(&c).copied().unwrap_or(0);
    let row = |c: usize, extent: Extent| RowInput {
        label: run.sources[run.claims[c].source].label(),
        value: run.claims[c].value.normalized(),
        items: vec![item(run, c, side_of(c), extent)],
    };
    let mut next_id = || {
        *n_chart += 1;
        format!("chart-{n_chart}")
    };
    let mut charts = Vec::new();
    match s.kind {
        ClaimKind::Count => {
            let rows: Vec<RowInput> = ids
                .iter()
                .filter_map(|&c| match &run.claims[c].value {
                    ClaimValue::Count(i) => Some(row(c, Extent::Number(*i))),
                    _ => None,
                })
                .collect();
            let title = format!("{}: each source's figure", s.label);
            charts.extend(chart::layout(&next_id(), &title, &rows, chart::SUBJECT_COLUMNS, None));
        }
        ClaimKind::Quantity => {
            let rows: Vec<RowInput> = ids
                .iter()
                .filter_map(|&c| match &run.claims[c].value {
                    ClaimValue::Quantity { value, .. } => Some(row(c, Extent::Number(*value))),
                    _ => None,
                })
                .collect();
            let unit = ids.iter().find_map(|&c| match &run.claims[c].value {
                ClaimValue::Quantity { unit, .. } => Some(unit.to_string()),
                _ => None,
            });
            let title = format!("{}: each source's value in {}", s.label, unit.unwrap_or_default());
            charts.extend(chart::layout(&next_id(), &title, &rows, chart::SUBJECT_COLUMNS, None));
        }
        ClaimKind::Money => {
            // Amounts are never converted: one axis per currency.
            let mut by_currency: BTreeMap<&str, Vec<RowInput>> = BTreeMap::new();
            for &c in ids {
                if let ClaimValue::Money(m) = &run.claims[c].value {
                    by_currency.entry(m.currency.as_str()).or_default().push(row(c, Extent::Number(m.amount)));
                }
            }
            for (cur, rows) in by_currency {
                let title = format!("{}: each source's amount in {cur}", s.label);
                charts.extend(chart::layout(&next_id(), &title, &rows, chart::SUBJECT_COLUMNS, None));
            }
        }
        ClaimKind::Date => {
            let rows: Vec<RowInput> = ids
                .iter()
                .filter_map(|&c| match &run.claims[c].value {
                    ClaimValue::Date(d) => Some(row(c, Extent::Date(*d))),
                    _ => None,
                })
                .collect();
            let title = format!("{}: each source's date, at its precision", s.label);
            charts.extend(chart::layout(&next_id(), &title, &rows, chart::SUBJECT_COLUMNS, None));
        }
        ClaimKind::Place | ClaimKind::Role => {}
    }
    charts
}

/// At most `n` characters, with an ellipsis when cut.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The story's events: every dated subject on one timeline, and when that
/// spans more than ten years, a second one from the year before the first
/// publication.
fn story_charts(run: &Run) -> Vec<Chart> {
    let mut rows: Vec<(NaiveDate, RowInput)> = Vec::new();
    for (si, s) in run.subjects.iter().enumerate() {
        if s.kind != ClaimKind::Date {
            continue;
        }
        let findings: Vec<&Finding> = run.findings.iter().filter(|f| f.subject == si).collect();
        let side = sides(&findings);
        let items: Vec<Item> = s
            .claims
            .iter()
            .filter_map(|&c| match &run.claims[c].value {
                ClaimValue::Date(d) => Some(item(run, c, side.get(&c).copied().unwrap_or(0), Extent::Date(*d))),
                _ => None,
            })
            .collect();
        let first = s
            .claims
            .iter()
            .filter_map(|&c| match &run.claims[c].value {
                ClaimValue::Date(d) => Some(d.start),
                _ => None,
            })
            .min();
        if let Some(first) = first {
            rows.push((first, RowInput { label: shorten(&s.label, 52), value: String::new(), items }));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.label.cmp(&b.1.label)));
    let all: Vec<RowInput> = rows.iter().map(|(_, r)| r.clone()).collect();
    let mut out = Vec::new();
    let Some(whole) =
        chart::layout("story", "The story's events, as each source dates them", &all, chart::STORY_COLUMNS, None)
    else {
        return out;
    };
    let first = rows.first().map(|r| r.0);
    let last = rows.iter().flat_map(|(_, r)| &r.items).filter_map(|i| match i.extent {
        Extent::Date(d) => Some(d.end),
        Extent::Number(_) => None,
    });
    let last = last.max();
    out.push(whole);
    let first_pub = run.sources.iter().filter_map(|s| s.meta.published).min();
    if let (Some(first), Some(last), Some(pubd)) = (first, last, first_pub) {
        if (last - first).num_days() > 3653 {
            if let Some(since) = NaiveDate::from_ymd_opt(pubd.year() - 1, 1, 1) {
                let recent: Vec<RowInput> = rows
                    .iter()
                    .filter(|(_, r)| r.items.iter().any(|i| matches!(i.extent, Extent::Date(d) if d.end >= since)))
                    .map(|(_, r)| r.clone())
                    .collect();
                let title = format!("The story's events since {}", since.year());
                out.extend(chart::layout("story-recent", &title, &recent, chart::STORY_COLUMNS, Some(since)));
            }
        }
    }
    out
}
