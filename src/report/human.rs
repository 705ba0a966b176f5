//! Human output: one miette diagnostic per finding, with a labelled span in
//! each source, then corroborations and a summary.

use std::collections::BTreeMap;
use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use crate::check::{Finding, Severity};
use crate::extract::Claim;
use crate::graph::Status;
use crate::Run;

/// The words of one source that a finding points at.
#[derive(Debug)]
struct SourceDiag {
    message: String,
    severity: miette::Severity,
    src: Quote,
    labels: Vec<LabeledSpan>,
}

/// A source shown only from its claims' sentences, not the whole line
/// (a feed record or a paragraph is often one line of a thousand words).
/// Line and column stay those of the whole file.
#[derive(Debug)]
struct Quote {
    name: String,
    text: String,
    window: std::ops::Range<usize>,
}

impl SourceCode for Quote {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        let w = &self.window;
        // Without context lines miette asks where a label is (the header's
        // line and column): that is the label's own place in the file.
        if (before == 0 && after == 0)
            || start < w.start
            || end > w.end
            || !self.text.is_char_boundary(w.start)
            || !self.text.is_char_boundary(w.end)
        {
            let inner = self.text.as_str().read_span(span, before, after)?;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line(),
                char_column(&self.text, inner.span().offset()),
                inner.line_count(),
            )));
        }
        let head = &self.text[..w.start];
        let line = head.bytes().filter(|&b| b == b'\n').count();
        let column = char_column(&self.text, w.start);
        let data = &self.text.as_bytes()[w.clone()];
        let lines = data.iter().filter(|&&b| b == b'\n').count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (w.start, w.len()).into(),
            line,
            column,
            lines,
        )))
    }
}

/// The 0-based column of a byte offset, in characters: every format
/// counts columns the same way (miette would count bytes).
fn char_column(text: &str, offset: usize) -> usize {
    let head = text.get(..offset).unwrap_or(text);
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    head[line_start..].chars().count()
}

impl fmt::Display for SourceDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceDiag {}

impl Diagnostic for SourceDiag {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[derive(Debug)]
struct FindingDiag {
    code: String,
    help: String,
    main: SourceDiag,
    related: Vec<SourceDiag>,
}

impl fmt::Display for FindingDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.main.message)
    }
}

impl std::error::Error for FindingDiag {}

impl Diagnostic for FindingDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.main.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.main.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.main.labels()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn claim_label(run: &Run, c: &Claim) -> String {
    let mut s = c.value.normalized();
    if let Some(t) = c.time.as_ref().filter(|t| !t.implicit) {
        s.push_str(&format!(" (as of {})", t.range.notation()));
    }
    format!("{}: {s}", run.sources[c.source].label())
}

fn finding_diag(run: &Run, f: &Finding) -> FindingDiag {
    // Claims grouped by source, in the order the sides list them.
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut order = Vec::new();
    for side in &f.sides {
        for &c in &side.claims {
            let s = run.claims[c].source;
            if !by_source.contains_key(&s) {
                order.push(s);
            }
            by_source.entry(s).or_default().push(c);
        }
    }
    let severity = miette_severity(f.severity);
    let diag_for = |s: usize, message: String| {
        let src = &run.sources[s];
        let claims = &by_source[&s];
        let labels = claims
            .iter()
            .map(|&c| LabeledSpan::new_with_span(Some(claim_label(run, &run.claims[c])), run.claims[c].span))
            .collect();
        // The sentences of the claims, from the first to the last.
        let start = claims.iter().map(|&c| run.claims[c].sentence.start.min(run.claims[c].span.start)).min();
        let end = claims.iter().map(|&c| run.claims[c].sentence.end.max(run.claims[c].span.end)).max();
        let window = start.unwrap_or(0)..end.unwrap_or(0);
        SourceDiag {
            message,
            severity,
            src: Quote { name: src.name(), text: src.full_text().into_owned(), window },
            labels,
        }
    };
    let main = diag_for(order[0], f.message.clone());
    // The other sources are context for the finding, not findings of
    // their own: shown as advice, never as another error.
    let related = order[1..]
        .iter()
        .map(|&s| {
            let mut d = diag_for(s, format!("context: {} ({})", run.sources[s].label(), run.sources[s].name()));
            d.severity = miette::Severity::Advice;
            d
        })
        .collect();
    FindingDiag { code: format!("{} {}", f.id, f.rule.as_str()), help: f.explanation.clone(), main, related }
}

/// Renders a diagnostic; colour only when asked.
pub fn render(diag: &dyn Diagnostic, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_context_lines(1);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = diag.to_string();
    }
    out
}

/// Findings rendered at a time: in parallel within a batch, written in
/// order, so a corpus's report (hundreds of MB of quotes) is never held
/// whole. Each rendering copies the text of every source it quotes, so a
/// batch costs memory; on the 100k-article corpus 64 kept the report at
/// 35 s and 1.3 GB peak, 512 at 35 s and 1.7 GB, 16 at 44 s and 1.1 GB
/// (one large finding leaves the other core idle).
const RENDER_BATCH: usize = 64;

/// Writes the human report for `check` to `w` as it is rendered.
///
/// It opens with what the run covered (articles, stories, subjects in
/// conflict by severity), then gives the findings story by story, the
/// story with the worst finding first, each under a line naming the story.
/// `quiet`: the findings and suppression problems only, without the
/// overview, the corroborations and the summary.
pub fn write_check(run: &Run, color: bool, quiet: bool, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    if !quiet {
        w.write_all(overview(run).as_bytes())?;
    }
    // Stories in the order of their first finding (findings are sorted
    // worst first), each story's findings together.
    let story_of = |f: &Finding| run.subjects[f.subject].story;
    let mut stories: Vec<usize> = Vec::new();
    for f in &run.findings {
        if !stories.contains(&story_of(f)) {
            stories.push(story_of(f));
        }
    }
    for st in stories {
        let findings: Vec<&Finding> = run.findings.iter().filter(|f| story_of(f) == st).collect();
        w.write_all(story_heading(run, st, findings.len()).as_bytes())?;
        for batch in findings.chunks(RENDER_BATCH) {
            let rendered: Vec<String> = batch.par_iter().map(|f| render(&finding_diag(run, f), color)).collect();
            for r in rendered {
                w.write_all(r.as_bytes())?;
                w.write_all(b"\n")?;
            }
        }
    }
    let mut out = String::new();
    let corroborated: Vec<_> = run.subjects.iter().filter(|s| s.status == Status::Corroborated).collect();
    if !corroborated.is_empty() && !quiet {
        out.push_str("Corroborated (several sources agree):\n");
        for s in corroborated {
            out.push_str(&corroboration_line(run, s));
        }
        out.push('\n');
    }
    for p in &run.suppression_problems {
        let src = &run.sources[p.source];
        out.push_str(&format!("warning: {}:{}: {}\n", src.display_path(), p.line, p.message));
    }
    if !quiet {
        out.push_str(&super::Summary::of(run).line());
        out.push('\n');
    }
    w.write_all(out.as_bytes())
}

/// A corroborated subject in one line: the values two or more origins
/// state, and who states them; then any value one origin alone gives
/// («431 (alyaum)»), so that a list of one outlet's figures is not read as
/// agreed by all.
fn corroboration_line(run: &Run, s: &crate::graph::Subject) -> String {
    let mut values: Vec<String> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    for &c in &s.agreeing {
        let v = run.claims[c].value.normalized();
        if !values.contains(&v) {
            values.push(v);
        }
        let o = run.sources[run.claims[c].source].label();
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    let mut alone: Vec<(String, Vec<String>)> = Vec::new();
    for &c in s.claims.iter().filter(|c| s.agreeing.binary_search(c).is_err()) {
        let v = run.claims[c].value.normalized();
        if values.contains(&v) {
            continue;
        }
        let o = run.sources[run.claims[c].source].label();
        match alone.iter_mut().find(|(w, _)| *w == v) {
            Some((_, os)) if !os.contains(&o) => os.push(o),
            Some(_) => {}
            None => alone.push((v, vec![o])),
        }
    }
    let mut line = format!("  ✓ {}: {} — {}", s.label, values.join(", "), outlets.join(", "));
    if !alone.is_empty() {
        let each: Vec<String> = alone.iter().map(|(v, os)| format!("{v} ({})", os.join(", "))).collect();
        line.push_str(&format!("; from one origin only: {}", each.join(", ")));
    }
    line.push('\n');
    line
}

/// The first lines of a `check` report: what was read and what was found.
fn overview(run: &Run) -> String {
    let st = &run.stories.stories;
    let shared = st.iter().filter(|s| s.sources.len() > 1).count();
    let count = |sev: Severity| run.findings.iter().filter(|f| f.severity == sev).count();
    let in_conflict = run.subjects.iter().filter(|s| s.status == Status::Conflict).count();
    let with_findings: std::collections::BTreeSet<usize> =
        run.findings.iter().map(|f| run.subjects[f.subject].story).collect();
    format!(
        "{} in {} ({} told by several articles); {} in conflict. Findings in {}: {}, {}, {}.\n\n",
        plural(run.sources.len(), "article"),
        plural(st.len(), "story"),
        shared,
        plural(in_conflict, "subject"),
        plural(with_findings.len(), "story"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "note"),
    )
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "story") => format!("{n} stories"),
        _ => format!("{n} {word}s"),
    }
}

/// The line above a story's findings: its id, label, outlets and origins.
fn story_heading(run: &Run, story: usize, findings: usize) -> String {
    let Some(s) = run.stories.stories.get(story) else { return String::new() };
    let outlets = super::json::outlets(run, &s.sources);
    let label: String = s.label.chars().take(90).collect();
    format!(
        "── story {} «{}»: {} from {} ({}); {}\n\n",
        s.id,
        label,
        plural(s.sources.len(), "article"),
        outlets.join(", "),
        plural(run.stories.origins_among(s.sources.iter().copied()), "independent origin"),
        plural(findings, "finding"),
    )
}

/// Human listing of claims, grouped by source.
pub fn claims(run: &Run) -> String {
    let mut out = String::new();
    for (si, s) in run.sources.iter().enumerate() {
        out.push_str(&format!("{} ({})\n", s.name(), s.label()));
        for (i, c) in run.claims.iter().enumerate().filter(|(_, c)| c.source == si) {
            let (line, col) = s.line_col(c.span.start);
            out.push_str(&format!(
                "  {} {}:{} {:<5} {} = {}  «{}»\n",
                run.claim_id(i),
                line,
                col,
                c.kind.as_str(),
                c.subject,
                c.value.normalized(),
                s.slice(c.span)
            ));
        }
    }
    out
}

/// Human listing of stories: each with its label, outlets and origins,
/// then its articles.
pub fn stories(run: &Run) -> String {
    let mut out = String::new();
    let st = &run.stories;
    let shared = st.stories.iter().filter(|s| s.sources.len() > 1).count();
    out.push_str(&format!(
        "{} articles in {} stories ({} told by more than one article)\n",
        run.sources.len(),
        st.stories.len(),
        shared
    ));
    let mut order: Vec<usize> = (0..st.stories.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(st.stories[i].sources.len()), i));
    for i in order {
        let s = &st.stories[i];
        let outlets = super::json::outlets(run, &s.sources);
        out.push_str(&format!(
            "\n{} «{}»: {} articles, {} outlets, {} origins\n",
            s.id,
            s.label,
            s.sources.len(),
            outlets.len(),
            st.origins_among(s.sources.iter().copied())
        ));
        if !s.terms.is_empty() {
            out.push_str(&format!("  terms: {}\n", s.terms.join(" · ")));
        }
        for &si in &s.sources {
            let src = &run.sources[si];
            let date = src.meta.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
            let title = src.meta.title.as_deref().unwrap_or("");
            out.push_str(&format!("  {} {} {} {}\n", src.id, date, src.label(), title.trim()));
        }
    }
    out
}

/// Human listing of mentions.
pub fn mentions(run: &Run) -> String {
    let mut out = String::new();
    for (si, s) in run.sources.iter().enumerate() {
        out.push_str(&format!("{}\n", s.name()));
        for m in run.mentions.iter().filter(|m| m.source == si) {
            let (line, col) = s.line_col(m.span.start);
            out.push_str(&format!("  {line}:{col} {:?} «{}» = {}\n", m.kind, m.text, m.normalized));
        }
    }
    out
}

/// `claimcheck explain`: for each claim of a finding, which words decided
/// what, then the comparison that made it a finding.
/// What tied a claim to its event: the incidents its clause (or its
/// article's lead) names, the places below the country, the phase and the
/// action, with the words that said so.
fn event_line(src: &crate::sources::Source, claim: &Claim) -> String {
    let cue = &claim.cue;
    let mut parts = Vec::new();
    if !cue.frames.is_empty() {
        let from = if cue.from_lead { " (from the article's lead)" } else { "" };
        parts.push(format!("incident {}{from}", cue.frames.iter().map(|f| &**f).collect::<Vec<_>>().join(", ")));
    }
    if !cue.places.is_empty() {
        parts.push(format!("places {}", cue.places.iter().map(|p| &**p).collect::<Vec<_>>().join(", ")));
    }
    if let Some(l) = &cue.lead_incident {
        parts.push(format!("the lead's {l}"));
    }
    if cue.in_lead {
        parts.push("in the lead sentence".to_string());
    }
    if cue.at_site {
        parts.push("at a site".to_string());
    }
    parts.push(format!("phase {}", cue.phase.as_str()));
    if let Some(a) = &cue.action {
        parts.push(format!("action {a}"));
    }
    let words: Vec<String> = cue
        .words
        .iter()
        .map(|(w, span)| {
            let (l, c) = src.line_col(span.start);
            format!("«{w}» ({l}:{c})")
        })
        .collect();
    let words = if words.is_empty() { String::new() } else { format!("; words {}", words.join(" ")) };
    format!("    event    {}{words}\n", parts.join("; "))
}

pub fn explain(run: &Run, f: &Finding) -> String {
    let mut out = format!("{} {} [{}]\n  {}\n", f.id, f.severity.as_str(), f.rule.as_str(), f.message);
    let subject = &run.subjects[f.subject];
    out.push_str(&format!("  subject: {} ({})\n\n", subject.label, subject.key));
    for (k, side) in f.sides.iter().enumerate() {
        out.push_str(&format!("side {}: {}\n", k + 1, side.value));
        for &c in &side.claims {
            let claim = &run.claims[c];
            let src = &run.sources[claim.source];
            let (line, col) = src.file_position(claim.span.start);
            out.push_str(&format!(
                "  {} {} — {}:{}:{}\n    «{}» = {}\n",
                run.claim_id(c),
                src.label(),
                src.name(),
                line,
                col,
                src.slice(claim.span),
                claim.value.normalized()
            ));
            for e in claim.evidence.iter() {
                let (l, c) = e.span.map(|s| src.line_col(s.start)).unwrap_or((0, 0));
                let at = if e.span.is_some() { format!(" ({l}:{c})") } else { String::new() };
                let words = if e.text.is_empty() { String::new() } else { format!("«{}»{at} ", e.text) };
                out.push_str(&format!("    {:<8} {}{}\n", e.decided, words, e.note));
            }
            if let Some(t) = &claim.time {
                if t.implicit {
                    out.push_str(&format!(
                        "    time     no stated time; {} {}\n",
                        t.assumed_from(),
                        t.range.notation()
                    ));
                }
            }
            out.push_str(&event_line(src, claim));
            out.push_str(&format!("    sentence «{}»\n", src.slice(claim.sentence).trim()));
        }
        out.push('\n');
    }
    let story = run.stories.stories.get(subject.story);
    if let Some(st) = story {
        out.push_str(&format!(
            "story: {} «{}», {} articles; claims are compared only within it, and within one event\n",
            st.id,
            st.label,
            st.sources.len()
        ));
    }
    out.push_str(&format!("why: {}\n", f.explanation));
    out
}
