//! Checking: conflicts, corroborations and single-source subjects.
//!
//! Owns the judgement of whether claims about one subject can all hold:
//! values are grouped into mutually consistent clusters, and two clusters
//! with claims from different sources conflict. When the conflicting claims
//! speak of different times the conflict is a warning that names both times.
//! Every finding carries its claims, the reason, and an explanation. Tolerances and
//! severities come from `check.toml`. It does not render anything.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::graph::{ClaimGraph, Edge, Status, Subject};
use crate::rules::{RuleError, RuleSource};
use crate::sources::Source;
use crate::stories::Stories;
use crate::value::{fmt_num, DateRange, Interval};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    time: TimeRules,
    severity: SeverityRules,
    money: MoneyRules,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeRules {
    implicit_window_days: i64,
    different_time_severity: Severity,
    relative_day_slack_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeverityRules {
    count: Severity,
    quantity: Severity,
    money: Severity,
    date: Severity,
    place: Severity,
    name_variant: Severity,
    changed_over_time: Severity,
    #[allow(dead_code)]
    single_source: Severity,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyRules {
    compare_across_currencies: bool,
}

/// Compiled `check.toml`.
#[derive(Debug, Clone)]
pub struct CheckRules {
    time: TimeRules,
    severity: SeverityRules,
    money: MoneyRules,
}

impl CheckRules {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        let f: CheckFile = src.file("check.toml")?.parse()?;
        Ok(CheckRules { time: f.time, severity: f.severity, money: f.money })
    }

    /// The severity a rule's findings get when their claims' times overlap
    /// (`[severity]` in check.toml; `claimcheck.toml` may change it).
    pub fn default_severity(&self, rule: RuleId) -> Severity {
        let s = &self.severity;
        match rule {
            RuleId::HeadCountMismatch => s.count,
            RuleId::QuantityMismatch => s.quantity,
            RuleId::MoneyMismatch => s.money,
            RuleId::EventDateMismatch => s.date,
            RuleId::SiteLocationMismatch => s.place,
            RuleId::NameVariant => s.name_variant,
            RuleId::FigureChangedOverTime => s.changed_over_time,
        }
    }
}

/// The rule a finding comes from; kebab-case names are what users write in
/// suppressions and what `--explain` documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    HeadCountMismatch,
    QuantityMismatch,
    MoneyMismatch,
    EventDateMismatch,
    SiteLocationMismatch,
    NameVariant,
    FigureChangedOverTime,
}

impl RuleId {
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleId::HeadCountMismatch => "head-count-mismatch",
            RuleId::QuantityMismatch => "quantity-mismatch",
            RuleId::MoneyMismatch => "money-mismatch",
            RuleId::EventDateMismatch => "event-date-mismatch",
            RuleId::SiteLocationMismatch => "site-location-mismatch",
            RuleId::NameVariant => "name-variant",
            RuleId::FigureChangedOverTime => "figure-changed-over-time",
        }
    }

    /// One-line description, for help and rule metadata.
    pub fn description(&self) -> &'static str {
        match self {
            RuleId::HeadCountMismatch => "Sources give head counts for one subject whose ranges cannot both hold.",
            RuleId::QuantityMismatch => {
                "Sources give one measured quantity (a length, a capacity, a share) values that cannot both hold."
            }
            RuleId::MoneyMismatch => "Sources give amounts for one subject whose ranges cannot both hold.",
            RuleId::EventDateMismatch => "Sources date one event to periods that cannot overlap.",
            RuleId::SiteLocationMismatch => "Sources place one named site in different places.",
            RuleId::NameVariant => "Sources spell one person's name differently.",
            RuleId::FigureChangedOverTime => "A running total (a toll) changed between reports of different days.",
        }
    }

    /// The rule's documentation, one line each: what it finds, why it
    /// matters, an example.
    pub fn help(&self) -> &'static str {
        match self {
            RuleId::HeadCountMismatch => concat!(
                "What it finds: two sources count the same people (same measure, actor and place) with ranges that share no number, at overlapping times.\n",
                "Why it matters: one of them is wrong, or they count different things; either way the story needs a check.\n",
                "Example: «100 جندي» vs «ما يقرب من 1000 جندي». Figures from different times are a warning; a rising toll on later days is figure-changed-over-time."
            ),
            RuleId::QuantityMismatch => concat!(
                "What it finds: two sources give the same property of the same thing (the length of a road, the capacity of a plant, an unemployment rate) values that share no point once converted to one unit (rules/units.toml).\n",
                "Why it matters: unit slips (كم/م، ميغاواط/غيغاواط) and misprinted decimals are common.\n",
                "Example: «يبلغ طول الطريق 120 كيلومترا» vs «طول الطريق 210 كيلومترات». A figure written with decimals holds within its last digit, so «5150 ميغاواط» and «5.15 غيغاواط» agree."
            ),
            RuleId::MoneyMismatch => concat!(
                "What it finds: two sources give amounts for the same thing (cost of a site, aid between the same parties) in one currency whose ranges share no value.\n",
                "Why it matters: an order-of-magnitude slip (مليون/مليار) is common.\n",
                "Example: «100 مليون دولار» vs «10 ملايين دولار». Amounts in different currencies are never converted or compared."
            ),
            RuleId::EventDateMismatch => concat!(
                "What it finds: two sources date the same event (frame, role and parties) to periods that cannot overlap at the precision each states.\n",
                "Why it matters: a wrong year or month changes the story's chronology.\n",
                "Example: an agreement signed «6 يوليو 2012» vs in force «منذ عام 2014»."
            ),
            RuleId::SiteLocationMismatch => concat!(
                "What it finds: two sources place one named site (a numbered base, an airport) in different places.\n",
                "Why it matters: sites are often confused with each other.\n",
                "Example: «القاعدة 101 في نيامي» vs «القاعدة 101 في أغاديز»."
            ),
            RuleId::NameVariant => concat!(
                "What it finds: one person's name spelled differently across sources (same consonant skeleton and surname).\n",
                "Why it matters: a house style should pick one spelling; it also shows the tool linked them.\n",
                "Example: «كورت كامبل» and «كيرت كامبل»."
            ),
            RuleId::FigureChangedOverTime => concat!(
                "What it finds: a running total (a death toll) that rose between reports of different days, or fell where the reports name no one incident that happens once in days (a quake), so the lower figure may be another incident's.\n",
                "Why it matters: it is not a conflict, but the newest figure should be used.\n",
                "Example: «قتل 120 شخصا» on day 1, «ارتفع عدد القتلى إلى 3400» on day 2."
            ),
        }
    }

    pub fn all() -> &'static [RuleId] {
        &[
            RuleId::HeadCountMismatch,
            RuleId::QuantityMismatch,
            RuleId::MoneyMismatch,
            RuleId::EventDateMismatch,
            RuleId::SiteLocationMismatch,
            RuleId::NameVariant,
            RuleId::FigureChangedOverTime,
        ]
    }

    /// The rule named `name` (kebab-case, as in suppressions).
    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::all().iter().copied().find(|r| r.as_str() == name)
    }
}

/// Every finding rule as a Markdown table (name, default severity, what
/// it finds): the README's list of rules is this table, checked by a test.
pub fn rules_table(rules: &CheckRules) -> String {
    let mut out = String::from("| rule | default | what it finds |\n|---|---|---|\n");
    for &r in RuleId::all() {
        out.push_str(&format!("| `{}` | {} | {} |\n", r.as_str(), rules.default_severity(r).as_str(), r.description()));
    }
    out
}

/// One side of a conflict: claims that agree with each other.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub claims: Vec<usize>,
    /// The value all claims of the side share, in notation.
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub id: String,
    /// Stable across edits elsewhere in the files; see `review::fingerprint`.
    pub fingerprint: String,
    pub rule: RuleId,
    pub severity: Severity,
    /// Subject index.
    pub subject: usize,
    pub claims: Vec<usize>,
    pub sides: Vec<Side>,
    pub message: String,
    pub explanation: String,
}

/// A value that can be grouped: an interval on a common axis.
#[derive(Debug, Clone, Copy)]
enum Axis {
    Number(Interval),
    Days(i64, i64),
}

/// A value on its axis. Ends are compared closed: "أكثر من 197 مليون"
/// and "197 مليون" (or "تجاوزت 197 مليون") are one figure, one of them
/// hedged, not a conflict.
fn axis(v: &ClaimValue) -> Option<(Axis, Option<String>)> {
    let closed = |i: &Interval| Interval::new(i.lo, false, i.hi, false);
    match v {
        ClaimValue::Count(i) => Some((Axis::Number(closed(i)), None)),
        ClaimValue::Quantity { value, unit } => Some((Axis::Number(closed(value)), Some(unit.to_string()))),
        ClaimValue::Money(m) => Some((Axis::Number(closed(&m.amount)), Some(m.currency.clone()))),
        ClaimValue::Date(d) => Some((Axis::Days(day_number(d.start), day_number(d.end)), None)),
        _ => None,
    }
}

fn day_number(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    d.num_days_from_ce() as i64
}

impl Axis {
    fn lo(&self) -> f64 {
        match self {
            Axis::Number(i) => i.lo.unwrap_or(f64::NEG_INFINITY),
            Axis::Days(a, _) => *a as f64,
        }
    }

    fn intersect(&self, other: &Axis) -> Option<Axis> {
        match (self, other) {
            (Axis::Number(a), Axis::Number(b)) => {
                if !a.intersects(b) {
                    return None;
                }
                let (lo, lo_open) = match (a.lo, b.lo) {
                    (Some(x), Some(y)) if x > y => (Some(x), a.lo_open),
                    (Some(x), Some(y)) if y > x => (Some(y), b.lo_open),
                    (Some(x), Some(_)) => (Some(x), a.lo_open || b.lo_open),
                    (x, None) => (x, a.lo_open),
                    (None, y) => (y, b.lo_open),
                };
                let (hi, hi_open) = match (a.hi, b.hi) {
                    (Some(x), Some(y)) if x < y => (Some(x), a.hi_open),
                    (Some(x), Some(y)) if y < x => (Some(y), b.hi_open),
                    (Some(x), Some(_)) => (Some(x), a.hi_open || b.hi_open),
                    (x, None) => (x, a.hi_open),
                    (None, y) => (y, b.hi_open),
                };
                Some(Axis::Number(Interval::new(lo, lo_open, hi, hi_open)))
            }
            (Axis::Days(a0, a1), Axis::Days(b0, b1)) => {
                let (lo, hi) = (*a0.max(b0), *a1.min(b1));
                (lo <= hi).then_some(Axis::Days(lo, hi))
            }
            _ => None,
        }
    }
}

/// Groups a subject's comparable claims into clusters whose values share a
/// common point (greedy over values sorted by their low end).
fn clusters(claims: &[Claim], ids: &[usize]) -> Vec<Vec<usize>> {
    let mut items: Vec<(usize, Axis)> =
        ids.iter().filter_map(|&c| axis(&claims[c].value).map(|(a, _)| (c, a))).collect();
    items.sort_by(|a, b| a.1.lo().total_cmp(&b.1.lo()).then(a.0.cmp(&b.0)));
    let mut out: Vec<(Vec<usize>, Axis)> = Vec::new();
    for (c, a) in items {
        if let Some((group, common)) = out.last_mut() {
            if let Some(x) = common.intersect(&a) {
                group.push(c);
                *common = x;
                continue;
            }
        }
        out.push((vec![c], a));
    }
    out.into_iter().map(|(g, _)| g).collect()
}

/// The effective time of a count or money claim: its stated time, or the
/// window before its article's publication.
fn effective_time(c: &Claim, window_days: i64) -> Option<DateRange> {
    let ts = c.time.as_ref()?;
    if ts.implicit {
        Some(crate::extract::implicit_window(ts.range.start, window_days))
    } else {
        Some(ts.range)
    }
}

fn time_label(c: &Claim) -> String {
    match &c.time {
        Some(ts) if ts.written => format!("{} ({})", ts.range.notation(), ts.assumed_from()),
        Some(ts) if ts.implicit => format!("{} (publication date)", ts.range.notation()),
        Some(ts) => ts.range.notation(),
        None => "no stated time".into(),
    }
}

/// Checks every subject, adding findings, statuses and agree/conflict edges.
///
/// A subject in conflict gives one finding, whatever the number of its
/// sources: its sides are the groups of claims whose values agree, each
/// with every source that states it. A subject is corroborated when
/// claims from two independent origins (`stories.origin_of`: not copies of
/// one text, not one outlet's) agree on it.
pub fn check(
    rules: &CheckRules,
    sources: &[Source],
    claims: &[Claim],
    stories: &Stories,
    subjects: &mut [Subject],
    graph: &mut ClaimGraph,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let costated = CoStated::new(claims, subjects);
    for (si, subject) in subjects.iter_mut().enumerate() {
        let origins = stories.origins_among(subject.claims.iter().map(|&c| claims[c].source));
        let compare = |subject: &Subject, a: &[usize], b: &[usize]| {
            conflict(rules, &costated, &stories.origin_of, sources, claims, si, subject, a, b)
        };
        let mut conflicted = false;
        // Corroborated: two origins state one value (a group of agreeing
        // claims), not merely two origins speak of the subject (a tally
        // of 465 deaths and a misread 581, never compared, are not).
        let mut agreed = false;
        let mut agreeing_claims: Vec<usize> = Vec::new();
        let agreeing = |g: &[usize]| stories.origins_among(g.iter().map(|&c| claims[c].source)) > 1;
        match subject.kind {
            ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money | ClaimKind::Date => {
                // Money in different currencies is never compared.
                let mut by_currency: std::collections::BTreeMap<Option<String>, Vec<usize>> = Default::default();
                for &c in &subject.claims {
                    if let Some((_, cur)) = axis(&claims[c].value) {
                        let key = if rules.money.compare_across_currencies { None } else { cur };
                        by_currency.entry(key).or_default().push(c);
                    }
                }
                for ids in by_currency.values() {
                    let groups = clusters(claims, ids);
                    for g in &groups {
                        agree_edges(claims, g, graph);
                        if agreeing(g) {
                            agreed = true;
                            agreeing_claims.extend(g);
                        }
                    }
                    let mut pairs = Vec::new();
                    for b in 0..groups.len().min(MAX_SIDES) {
                        for a in 0..b {
                            if let Some(f) = compare(subject, &groups[a], &groups[b]) {
                                if f.rule != RuleId::FigureChangedOverTime {
                                    conflict_edges(claims, &groups[a], &groups[b], graph);
                                    conflicted = true;
                                }
                                pairs.push((a, b, f));
                            }
                        }
                    }
                    findings.extend(one_finding(sources, claims, subject, &groups, pairs));
                }
            }
            ClaimKind::Place => {
                let groups = place_groups(claims, &subject.claims);
                for g in &groups {
                    agree_edges(claims, g, graph);
                    if agreeing(g) {
                        agreed = true;
                        agreeing_claims.extend(g);
                    }
                }
                let mut pairs = Vec::new();
                for b in 0..groups.len().min(MAX_SIDES) {
                    for a in 0..b {
                        if let Some(f) = compare(subject, &groups[a], &groups[b]) {
                            conflict_edges(claims, &groups[a], &groups[b], graph);
                            conflicted = true;
                            pairs.push((a, b, f));
                        }
                    }
                }
                findings.extend(one_finding(sources, claims, subject, &groups, pairs));
            }
            ClaimKind::Role => {
                agree_edges(claims, &subject.claims, graph);
                agreed = origins > 1;
                if agreed {
                    agreeing_claims.extend(&subject.claims);
                }
                if let Some(f) = name_variant(rules, sources, claims, si, subject) {
                    findings.push(f);
                }
            }
        }
        agreeing_claims.sort_unstable();
        subject.agreeing = agreeing_claims;
        subject.status = if conflicted {
            Status::Conflict
        } else if agreed {
            Status::Corroborated
        } else if origins > 1 {
            Status::Consistent
        } else {
            Status::SingleSource
        };
    }
    // Errors first, then warnings, then the rest; subject order within.
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.subject.cmp(&b.subject)));
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
    }
    findings
}

/// The figures of each measure in each story by source, so that
/// `conflict` can ask whether a source of a pair states both values, in
/// any of the measure's events.
struct CoStated {
    /// (story, kind and measure) → source → claims with a comparable value.
    by_source: std::collections::HashMap<(usize, String), std::collections::HashMap<usize, Vec<usize>>>,
}

impl CoStated {
    fn new(claims: &[Claim], subjects: &[Subject]) -> Self {
        let mut by_source: std::collections::HashMap<(usize, String), std::collections::HashMap<usize, Vec<usize>>> =
            Default::default();
        for s in subjects {
            if !matches!(s.kind, ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money | ClaimKind::Date) {
                continue;
            }
            for &c in &s.claims {
                let key = (s.story, measure_of(&claims[c]).to_string());
                by_source.entry(key).or_default().entry(claims[c].source).or_default().push(c);
            }
        }
        CoStated { by_source }
    }

    /// Whether a source of the pair states a value of side `a` and another
    /// value of side `b`, each under a key that fits that side's (an
    /// unknown part fits any). Only the pair's own sources are asked: one
    /// that states a side here and the other elsewhere. Each asks only its
    /// own claims of the measure, so a story with thousands of figures of
    /// one measure costs no more than its sources' own.
    fn states_both(&self, claims: &[Claim], a: &[usize], b: &[usize]) -> bool {
        let Some(&first) = a.first() else { return false };
        let Some(of_measure) = self.by_source.get(&(claims[first].story, measure_of(&claims[first]).to_string()))
        else {
            return false;
        };
        // A value of a side is one every claim of the side admits: 14 fits
        // "at least 10" but not the side "at least 10, exactly 10".
        let common = |side: &[usize]| -> Option<(Axis, Option<String>)> {
            let mut it = side.iter().filter_map(|&c| axis(&claims[c].value));
            let (mut acc, cur) = it.next()?;
            for (v, _) in it {
                acc = acc.intersect(&v)?;
            }
            Some((acc, cur))
        };
        let (Some(ca), Some(cb)) = (common(a), common(b)) else { return false };
        let fits = |c: usize, side: &[usize], (v, cur): &(Axis, Option<String>)| {
            axis(&claims[c].value).is_some_and(|(w, cur2)| cur2 == *cur && w.intersect(v).is_some())
                && side.iter().any(|&s| keys_fit(claims[c].kind, &claims[c].subject, &claims[s].subject))
        };
        let sources: BTreeSet<usize> = a.iter().chain(b).map(|&c| claims[c].source).collect();
        sources.into_iter().any(|s| {
            let Some(own) = of_measure.get(&s) else { return false };
            let (in_a, in_b) = (|c: usize| fits(c, a, &ca), |c: usize| fits(c, b, &cb));
            // A claim whose value fits both sides says nothing of either.
            own.iter().any(|&c| in_a(c) && !in_b(c)) && own.iter().any(|&c| in_b(c) && !in_a(c))
        })
    }
}

/// A claim key's kind and measure ("count/killed:personnel"), or for a
/// date its frame and role: the part `graph` groups by exactly.
fn measure_of(c: &Claim) -> &str {
    crate::graph::key_prefix(c.kind, &c.subject)
}

/// Keys under which one article's two figures speak of one measure: for a
/// count or an amount, the same place (the actor is often told from a
/// nearby word and differs for no reason: "Obama told his Egyptian
/// counterpart"); for a date, every part. An unknown part (`?`) fits any.
fn keys_fit(kind: ClaimKind, x: &str, y: &str) -> bool {
    if matches!(kind, ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money) {
        fn last(k: &str) -> &str {
            k.rsplit('/').next().unwrap_or(k)
        }
        return crate::graph::keys_fit(last(x), last(y));
    }
    x.split('/').count() == y.split('/').count() && crate::graph::keys_fit(x, y)
}

/// How a message says that the sides speak of different times.
const DIFFERENT_TIMES: &str = " (but they speak of different times";

/// Value groups of one subject compared at most: a subject with more is
/// not one thing, and pairs grow with the square of the groups.
const MAX_SIDES: usize = 12;

/// The one finding of a subject from the pairs of its value groups that
/// disagree: the worst pair decides rule, severity and explanation; the
/// sides are every group in such a pair, in value order. When no pair
/// conflicts but some changed over time, the same for those.
fn one_finding(
    sources: &[Source],
    claims: &[Claim],
    subject: &Subject,
    groups: &[Vec<usize>],
    pairs: Vec<(usize, usize, Finding)>,
) -> Option<Finding> {
    let conflicting = pairs.iter().any(|(_, _, f)| f.rule != RuleId::FigureChangedOverTime);
    let kept: Vec<(usize, usize, Finding)> =
        pairs.into_iter().filter(|(_, _, f)| (f.rule != RuleId::FigureChangedOverTime) == conflicting).collect();
    let worst = kept.iter().enumerate().max_by(|(i, x), (j, y)| x.2.severity.cmp(&y.2.severity).then(j.cmp(i)))?.0;
    let mut involved: Vec<usize> = kept.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
    involved.sort_unstable();
    involved.dedup();
    let (_, _, base) = &kept[worst];
    let mut f = base.clone();
    if involved.len() > 2 {
        let sides: Vec<Side> = involved
            .iter()
            .map(|&g| Side { claims: groups[g].clone(), value: side_value(claims, &groups[g]) })
            .collect();
        let said: Vec<String> =
            sides.iter().map(|s| format!("{} say {}", who(sources, claims, &s.claims), s.value)).collect();
        f.message = format!("{}: {}", subject.label, said.join("; "));
        if !base.sides.is_empty() && base.message.contains(DIFFERENT_TIMES) {
            let times: Vec<String> = sides.iter().map(|s| time_span(claims, &s.claims)).collect();
            f.message.push_str(&format!("{DIFFERENT_TIMES}: {})", times.join(" vs ")));
        }
        f.explanation = format!(
            "{} groups of sources give values that cannot all hold. Of the pairs, the one that decides the severity: {}",
            sides.len(),
            base.explanation
        );
        let mut all: Vec<usize> = sides.iter().flat_map(|s| s.claims.iter().copied()).collect();
        all.sort_unstable();
        f.claims = all;
        f.sides = sides;
    }
    Some(f)
}

fn agree_edges(claims: &[Claim], group: &[usize], graph: &mut ClaimGraph) {
    // A chain through the group, across sources only: linear, not quadratic.
    let mut prev: Option<usize> = None;
    for &c in group {
        if let Some(p) = prev {
            if claims[p].source != claims[c].source {
                graph.add_edge(p, c, Edge::AgreesWith);
            }
        }
        prev = Some(c);
    }
}

fn conflict_edges(claims: &[Claim], a: &[usize], b: &[usize], graph: &mut ClaimGraph) {
    // Each source's first claim on one side is linked to the first claim of
    // another source on the other side: every source of the conflict is on
    // an edge, and the edges are linear in the sources. (An edge per pair
    // of sources was quadratic: two sides of a subject told by thousands
    // of articles made millions of edges.)
    let firsts = |g: &[usize]| {
        let mut seen = BTreeSet::new();
        g.iter().copied().filter(|&c| seen.insert(claims[c].source)).collect::<Vec<_>>()
    };
    let (fa, fb) = (firsts(a), firsts(b));
    let other = |x: usize, side: &[usize]| side.iter().copied().find(|&y| claims[y].source != claims[x].source);
    for &x in &fa {
        if let Some(y) = other(x, &fb) {
            graph.add_edge(x, y, Edge::ConflictsWith);
        }
    }
    for &y in &fb {
        if let Some(x) = other(y, &fa) {
            // Already linked from x's side.
            if other(x, &fb) != Some(y) {
                graph.add_edge(x, y, Edge::ConflictsWith);
            }
        }
    }
}

/// Groups place claims by the place they name; a country and a city in it
/// agree.
fn place_groups(claims: &[Claim], ids: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(Vec<usize>, String, Option<String>)> = Vec::new();
    for &c in ids {
        let ClaimValue::Place { id, country } = &claims[c].value else {
            continue;
        };
        let fits = |gid: &str, gcountry: &Option<String>| {
            gid == id || (country.as_deref() == Some(gid)) || (gcountry.as_deref() == Some(id.as_str()))
        };
        match groups.iter_mut().find(|(_, gid, gc)| fits(gid, gc)) {
            Some(g) => g.0.push(c),
            None => groups.push((vec![c], id.clone(), country.clone())),
        }
    }
    groups.into_iter().map(|(g, _, _)| g).collect()
}

fn side_value(claims: &[Claim], group: &[usize]) -> String {
    let mut seen = Vec::new();
    for &c in group {
        let v = claims[c].value.normalized();
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.join(", ")
}

fn who(sources: &[Source], claims: &[Claim], group: &[usize]) -> String {
    let mut names: Vec<String> = Vec::new();
    for &c in group {
        let l = sources.get(claims[c].source).map(|s| s.label()).unwrap_or_default();
        if !names.contains(&l) {
            names.push(l);
        }
    }
    names.join(", ")
}

#[allow(clippy::too_many_arguments)]
fn conflict(
    rules: &CheckRules,
    costated: &CoStated,
    origins: &[usize],
    sources: &[Source],
    claims: &[Claim],
    si: usize,
    subject: &Subject,
    a: &[usize],
    b: &[usize],
) -> Option<Finding> {
    // Only sources disagreeing with each other count. The pairs are walked
    // lazily, first found first: two sides of a large subject have
    // |a|·|b| of them, and the answer is usually among the first.
    // Two origins, not two articles: one outlet's articles, or outlets
    // printing one agency text, disagreeing is a text at odds with itself.
    // The same digits a thousand or a million times apart («(375,526,840)
    // مليون ريال» in one copy of an agency text, «(375,526,840) ريالًا» in
    // another) are one figure with a unit slipped: copies of one text
    // disagree there, so each source stands alone.
    let slip = digit_slip(claims, a, b);
    let origin = |c: usize| {
        if slip.is_some() {
            return claims[c].source;
        }
        origins.get(claims[c].source).copied().unwrap_or(claims[c].source)
    };
    // An origin that states both values (a total and its parts, an old
    // toll and the new one) disagrees with neither: only origins on one
    // side alone are set against each other.
    let on = |g: &[usize]| g.iter().map(|&c| origin(c)).collect::<BTreeSet<usize>>();
    let (in_a, in_b) = (on(a), on(b));
    let only_a: Vec<usize> = a.iter().copied().filter(|&x| !in_b.contains(&origin(x))).collect();
    let only_b: Vec<usize> = b.iter().copied().filter(|&y| !in_a.contains(&origin(y))).collect();
    let cross = || {
        only_a.iter().flat_map(|&x| only_b.iter().map(move |&y| (x, y))).filter(move |&(x, y)| origin(x) != origin(y))
    };
    cross().next()?;
    // One article that gives both figures (8 aircraft delivered, 4 more to
    // come; 7 abducted with their commander, 8 in all) says they are
    // figures of different things, whichever event each was put in.
    if costated.states_both(claims, a, b) {
        return None;
    }
    // A day named relative to publication is as sure as the publication
    // date, which may be a day or two late: dates that differ by no more
    // than that, where one side is relative, do not conflict.
    if subject.kind == ClaimKind::Date {
        let slack = rules.time.relative_day_slack_days;
        let firm = |x: usize, y: usize| {
            let (p, q) = match (&claims[x].value, &claims[y].value) {
                (ClaimValue::Date(p), ClaimValue::Date(q)) => (p, q),
                _ => return true,
            };
            let gap = gap((p.start, p.end), (q.start, q.end)).unwrap_or(0);
            !(claims[x].relative_day || claims[y].relative_day) || gap > slack
        };
        if !cross().any(|(x, y)| firm(x, y)) {
            return None;
        }
    }
    // Events that recur (quakes, coups): dates further apart than the
    // frame's window are different events, not one event misdated.
    if let Some(window) = a.iter().chain(b).filter_map(|&c| claims[c].same_event_within_days).min() {
        if days_apart(claims, a, b).is_some_and(|gap| gap > i64::from(window)) {
            return None;
        }
    }
    // A running total on days far apart belongs to different events (a
    // 1999 quake's toll against this one's).
    if a.iter().chain(b).all(|&c| claims[c].cumulative)
        && time_gap(claims, a, b).is_some_and(|gap| gap > rules.time.implicit_window_days)
    {
        return None;
    }
    let (rule, base_severity) = match subject.kind {
        ClaimKind::Count => (RuleId::HeadCountMismatch, rules.severity.count),
        ClaimKind::Quantity => (RuleId::QuantityMismatch, rules.severity.quantity),
        ClaimKind::Money => (RuleId::MoneyMismatch, rules.severity.money),
        ClaimKind::Date => (RuleId::EventDateMismatch, rules.severity.date),
        ClaimKind::Place => (RuleId::SiteLocationMismatch, rules.severity.place),
        ClaimKind::Role => return None,
    };
    let timed = matches!(subject.kind, ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money);
    // A running total reported on different days: a rise is news, not a
    // conflict. Times are compared at the day they state (or were
    // published), not widened.
    if a.iter().chain(b).all(|&c| claims[c].cumulative) {
        let day = |c: usize| claims[c].time.as_ref().map(|t| t.range);
        let same_day = cross().any(|(x, y)| match (day(x), day(y)) {
            (Some(p), Some(q)) => p.overlaps(&q),
            _ => true,
        });
        if !same_day {
            return Some(changed_over_time(rules, sources, claims, si, subject, a, b, rule));
        }
    }
    let w = rules.time.implicit_window_days;
    let same_time = |x: usize, y: usize| match (effective_time(&claims[x], w), effective_time(&claims[y], w)) {
        (Some(p), Some(q)) => p.overlaps(&q),
        _ => true,
    };
    let same_time_pair = if timed { cross().find(|&(x, y)| same_time(x, y)) } else { cross().next() };
    let mut severity = if same_time_pair.is_some() { base_severity } else { rules.time.different_time_severity };
    // A subject with a part we could not tell (`?`) may join different
    // things: never more than a warning.
    let unsure = subject.key.split(['/', '+']).any(|p| p == "?");
    if unsure {
        severity = severity.min(Severity::Warning);
    }
    // An event told only by the verb opening the clause and its noun (no
    // frame of frames.toml) may recur: "ships crossed the canal" on the 6th
    // and on the 9th. Never more than a warning.
    let open_event = subject.kind == ClaimKind::Date
        && a.iter().chain(b).any(|&c| claims[c].binding != crate::extract::Binding::Key);
    if open_event {
        severity = severity.min(Severity::Warning);
    }
    let (va, vb) = (side_value(claims, a), side_value(claims, b));
    let (wa, wb) = (who(sources, claims, a), who(sources, claims, b));
    let mut message = format!("{}: {wa} say {va}; {wb} say {vb}", subject.label);
    let mut explanation = match subject.kind {
        ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money => {
            let ratio = number_gap(claims, a, b);
            format!(
                "The values {va} and {vb} have no number in common{}. Hedges and vague words were already widened into ranges (see rules/numbers.toml), so this is not rounding.",
                ratio.filter(|r| *r >= 1.5).map(|r| format!("; the nearest ends differ {}-fold", fmt_num((r * 10.0).round() / 10.0))).unwrap_or_default()
            )
        }
        ClaimKind::Date => format!(
            "The dates {va} and {vb} cannot overlap at the precision each source states them; both are dates of the same event ({}).",
            subject.label
        ),
        ClaimKind::Place => format!("The site is placed at {va} and at {vb}, which are different places."),
        ClaimKind::Role => String::new(),
    };
    match slip {
        Some(Slip::Scale(factor)) => explanation.push_str(&format!(
            " The figures differ by a factor of {}: the same digits with a unit word slipped (ألف، مليون، مليار), which copies of one text can disagree on, so each copy counts on its own here.",
            fmt_num(factor)
        )),
        Some(Slip::Groups(x, y)) => explanation.push_str(&format!(
            " {} and {} are the same groups of digits in reverse order: a number typed right to left, which copies of one text can disagree on, so each copy counts on its own here.",
            fmt_num(x),
            fmt_num(y)
        )),
        None => {}
    }
    if open_event {
        explanation.push_str(
            " The event is told only by the verb that opens each clause and the noun after it, not by a frame of rules/frames.toml; such an event may recur: at most a warning.",
        );
    }
    if unsure {
        explanation.push_str(
            " Part of this subject (an actor, place or party) could not be told from the text, so the claims may be about different things: at most a warning.",
        );
    }
    if let (true, Some((x, y))) = (timed, same_time_pair) {
        explanation.push_str(&format!(
            " They speak of overlapping times ({} and {}), so both cannot be true.",
            time_label(&claims[x]),
            time_label(&claims[y])
        ));
    }
    if timed && same_time_pair.is_none() {
        let ta = time_span(claims, a);
        let tb = time_span(claims, b);
        message.push_str(&format!("{DIFFERENT_TIMES}: {ta} vs {tb})"));
        explanation.push_str(&format!(
            " The claims speak of different times ({ta} vs {tb}); both may be true, so this is a {} rather than an error.",
            severity.as_str()
        ));
    }
    let mut all: Vec<usize> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    Some(Finding {
        id: String::new(),
        fingerprint: String::new(),
        rule,
        severity,
        subject: si,
        claims: all,
        sides: vec![Side { claims: a.to_vec(), value: va }, Side { claims: b.to_vec(), value: vb }],
        message,
        explanation,
    })
}

/// A cumulative figure that differs between days: `a` holds the lower
/// values (clusters are sorted by value). Rising with time is information;
/// falling or crossing is a warning when both sides name one incident that
/// happens once in days, information otherwise.
#[allow(clippy::too_many_arguments)]
fn changed_over_time(
    rules: &CheckRules,
    sources: &[Source],
    claims: &[Claim],
    si: usize,
    subject: &Subject,
    a: &[usize],
    b: &[usize],
    mismatch: RuleId,
) -> Finding {
    let latest = |g: &[usize]| g.iter().filter_map(|&c| claims[c].time.as_ref().map(|t| t.range.end)).max();
    let earliest = |g: &[usize]| g.iter().filter_map(|&c| claims[c].time.as_ref().map(|t| t.range.start)).min();
    let rising = matches!((latest(a), earliest(b)), (Some(x), Some(y)) if x <= y);
    let (va, vb) = (side_value(claims, a), side_value(claims, b));
    let (ta, tb) = (time_span(claims, a), time_span(claims, b));
    let (wa, wb) = (who(sources, claims, a), who(sources, claims, b));
    // A toll that falls is at odds with itself only when both reports
    // name one incident of a kind that happens once in days (a quake:
    // `cue.singular`). Tolls of incidents that recur daily (clashes,
    // bombings), or of none named, fall from one day to the next because
    // they are of another incident: every such warning read on the dev
    // days (6 of 6) was two incidents.
    let singular = |g: &[usize]| g.iter().filter_map(|&c| claims[c].cue.singular.clone()).collect::<BTreeSet<_>>();
    let one_incident = !singular(a).is_disjoint(&singular(b));
    let (rule, severity, message, explanation) = if rising {
        (
            RuleId::FigureChangedOverTime,
            rules.severity.changed_over_time,
            format!("{}: rose from {va} ({ta}, {wa}) to {vb} ({tb}, {wb})", subject.label),
            format!(
                "This is a running total reported on different days ({ta} vs {tb}); the later figure is higher, so it is shown as a change over time, not a conflict."
            ),
        )
    } else if !one_incident {
        (
            RuleId::FigureChangedOverTime,
            rules.severity.changed_over_time,
            format!("{}: fell from {vb} ({tb}, {wb}) to {va} ({ta}, {wa})", subject.label),
            format!(
                "A later report ({ta}) gives a lower figure than an earlier one ({tb}). The reports name no one incident that happens once in days (a quake), so the lower figure is more often of another incident of the same kind (the next day's clashes, another bombing) than a toll revised down: shown as a change over time, not a conflict."
            ),
        )
    } else {
        (
            mismatch,
            rules.time.different_time_severity,
            format!("{}: {wb} say {vb} ({tb}) but {wa} say {va} later ({ta})", subject.label),
            format!(
                "This is a running total, which should not fall: the later report ({ta}) gives a lower figure than the earlier one ({tb}). The days differ, so it is a warning rather than an error."
            ),
        )
    };
    let mut all: Vec<usize> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    Finding {
        id: String::new(),
        fingerprint: String::new(),
        rule,
        severity,
        subject: si,
        claims: all,
        sides: vec![Side { claims: a.to_vec(), value: va }, Side { claims: b.to_vec(), value: vb }],
        message,
        explanation,
    }
}

/// Days between the nearest ends of two sides' date values (0 when they
/// touch or overlap).
fn days_apart(claims: &[Claim], a: &[usize], b: &[usize]) -> Option<i64> {
    let range = |g: &[usize]| {
        let rs: Vec<DateRange> = g
            .iter()
            .filter_map(|&c| match &claims[c].value {
                ClaimValue::Date(d) => Some(*d),
                _ => None,
            })
            .collect();
        Some((rs.iter().map(|r| r.start).min()?, rs.iter().map(|r| r.end).max()?))
    };
    gap(range(a)?, range(b)?)
}

/// Days between the nearest ends of two sides' time scopes.
fn time_gap(claims: &[Claim], a: &[usize], b: &[usize]) -> Option<i64> {
    let range = |g: &[usize]| {
        let rs: Vec<DateRange> = g.iter().filter_map(|&c| claims[c].time.as_ref().map(|t| t.range)).collect();
        Some((rs.iter().map(|r| r.start).min()?, rs.iter().map(|r| r.end).max()?))
    };
    gap(range(a)?, range(b)?)
}

fn gap(a: (chrono::NaiveDate, chrono::NaiveDate), b: (chrono::NaiveDate, chrono::NaiveDate)) -> Option<i64> {
    if a.1 < b.0 {
        Some((b.0 - a.1).num_days() - 1)
    } else if b.1 < a.0 {
        Some((a.0 - b.1).num_days() - 1)
    } else {
        Some(0)
    }
}

/// The times one side speaks of: one label, or the earliest and latest.
fn time_span(claims: &[Claim], side: &[usize]) -> String {
    let mut times: Vec<(&DateRange, String)> =
        side.iter().filter_map(|&c| claims[c].time.as_ref().map(|t| (&t.range, time_label(&claims[c])))).collect();
    times.sort_by_key(|(r, _)| (r.start, r.end));
    times.dedup_by(|a, b| a.1 == b.1);
    match times.as_slice() {
        [] => "no stated time".into(),
        [one] => one.1.clone(),
        [first, .., last] => format!("{} … {}", first.1, last.1),
    }
}

/// Ratios between the sides' figures that are a unit word apart (ألف،
/// مليون، مليار), within this share.
const SLIP_TOLERANCE: f64 = 0.01;

/// How the digits of one side's figure slipped into the other's.
#[derive(Debug, Clone, Copy)]
enum Slip {
    /// A unit word slipped: one figure is the other times this power of a
    /// thousand (10³, 10⁶, 10⁹).
    Scale(f64),
    /// The same groups of three digits in reverse order («54,886» and
    /// «886,054»): a number typed right to left.
    Groups(f64, f64),
}

/// The figure of a count, quantity or amount.
fn figure(v: &ClaimValue) -> Option<Interval> {
    match v {
        ClaimValue::Count(i) => Some(*i),
        ClaimValue::Quantity { value, .. } => Some(*value),
        ClaimValue::Money(m) => Some(m.amount),
        _ => None,
    }
}

/// The groups of three digits of a whole number, lowest first.
fn digit_groups(x: f64) -> Vec<u64> {
    let mut n = x as u64;
    let mut out = Vec::new();
    while n > 0 {
        out.push(n % 1000);
        n /= 1000;
    }
    out
}

/// A slip of the digits between a figure of one side and one of the
/// other, when there is one.
fn digit_slip(claims: &[Claim], a: &[usize], b: &[usize]) -> Option<Slip> {
    let mid = |c: usize| {
        let i = figure(&claims[c].value)?;
        // A unit word slips, not a decimal point: «2,804.130» against
        // 2,804,130 is a misread separator, which this does not judge.
        Some((i.lo?, i.hi?))
            .filter(|(lo, _)| *lo >= 1.0)
            .map(|(lo, hi)| (lo + hi) / 2.0)
            .filter(|m| (m - m.round()).abs() <= m * 1e-9)
    };
    // Each value once, in the order first seen (the first pair found is
    // the same): sides of a large subject repeat a few values thousands of
    // times, and the pairs were the run's costliest loop.
    fn distinct(g: &[usize], value: impl Fn(usize) -> Option<f64>) -> Vec<f64> {
        let mut seen = HashSet::new();
        g.iter().filter_map(|&c| value(c)).filter(|m| seen.insert(m.to_bits())).collect()
    }
    let (xa, xb) = (distinct(a, mid), distinct(b, mid));
    let pairs = || xa.iter().flat_map(|&x| xb.iter().map(move |&y| (x, y)));
    let scale = pairs()
        .map(|(x, y)| x.max(y) / x.min(y))
        .find_map(|r| [1e3, 1e6, 1e9].into_iter().find(|f| (r / f - 1.0).abs() <= SLIP_TOLERANCE))
        .map(Slip::Scale);
    // Only stated whole figures: a range's middle has no digits to swap.
    let exact = |c: usize| figure(&claims[c].value)?.point();
    let whole = |c: usize| exact(c).filter(|x| *x >= 1000.0 && x.fract() == 0.0);
    let (wa, wb) = (distinct(a, whole), distinct(b, whole));
    scale.or_else(|| {
        wa.iter().flat_map(|&x| wb.iter().map(move |&y| (x, y))).find_map(|(x, y)| {
            let mut gx = digit_groups(x);
            gx.reverse();
            (x != y && gx == digit_groups(y)).then_some(Slip::Groups(x, y))
        })
    })
}

fn number_gap(claims: &[Claim], a: &[usize], b: &[usize]) -> Option<f64> {
    let get = |g: &[usize]| g.iter().filter_map(|&c| figure(&claims[c].value)).collect::<Vec<_>>();
    // Sides of a large subject repeat a few values many times: the minimum
    // over distinct values is the minimum over all pairs.
    let distinct = |mut v: Vec<Interval>| {
        let key = |i: &Interval| (i.lo.map(f64::to_bits), i.lo_open, i.hi.map(f64::to_bits), i.hi_open);
        v.sort_by_key(key);
        v.dedup_by_key(|i| key(i));
        v
    };
    let (xa, xb) = (distinct(get(a)), distinct(get(b)));
    xa.iter().flat_map(|x| xb.iter().filter_map(move |y| x.gap_ratio(y))).min_by(|p, q| p.total_cmp(q))
}

fn name_variant(
    rules: &CheckRules,
    sources: &[Source],
    claims: &[Claim],
    si: usize,
    subject: &Subject,
) -> Option<Finding> {
    // Full names only: a surname alone is a short form, not a spelling.
    let full_words = subject.key.trim_start_matches("person/").split(' ').count();
    // Spellings that differ only in how hamza, alif maqsura, ta marbuta
    // or diacritics are written (أوباما, اوباما; الدخيّل, الدخيل) are one:
    // every outlet writes them its own way, and a reader learns nothing.
    let mut spellings: Vec<(String, Vec<usize>)> = Vec::new();
    for &c in &subject.claims {
        let name = claims[c].subject_label.to_string();
        if name.split_whitespace().count() != full_words {
            continue;
        }
        let folded = crate::text::normalize::normalize_str(&name);
        match spellings.iter_mut().find(|(n, _)| crate::text::normalize::normalize_str(n) == folded) {
            Some(s) => s.1.push(c),
            None => spellings.push((name, vec![c])),
        }
    }
    let spelled_by: BTreeSet<usize> =
        spellings.iter().flat_map(|(_, ids)| ids.iter().map(|&c| claims[c].source)).collect();
    if spellings.len() < 2 || spelled_by.len() < 2 {
        return None;
    }
    let listed: Vec<String> = spellings.iter().map(|(n, ids)| format!("{n} ({})", who(sources, claims, ids))).collect();
    Some(Finding {
        id: String::new(),
        fingerprint: String::new(),
        rule: RuleId::NameVariant,
        severity: rules.severity.name_variant,
        subject: si,
        claims: subject.claims.clone(),
        sides: spellings.iter().map(|(n, ids)| Side { claims: ids.clone(), value: n.clone() }).collect(),
        message: format!("one person, spelled {}", listed.join(" and ")),
        explanation: format!(
            "The names share the consonant skeleton `{}` (long vowels dropped, ج/غ/ق and other transliteration letters folded; see rules/people.toml), so they are linked as one person.",
            subject.key.trim_start_matches("person/")
        ),
    })
}
