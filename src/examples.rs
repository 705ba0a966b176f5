//! Rule examples: sentences in rule files with the extraction they expect.
//!
//! Owns running the `[[example]]` blocks of `measures.toml`, `units.toml`,
//! `frames.toml`, `sites.toml`, `people.toml` and `events.toml` through the
//! whole extractor, those of `dates.toml` through the date parser and those
//! of `numbers.toml` and `money.toml` through theirs, so a
//! fact-checker who adds an alias sees at once whether it does what they
//! meant. Run by `cargo test` and by `claimcheck rules test`. It does not
//! define what the examples mean beyond the fields below; an empty main
//! field (`measure = ""`) means "no claim of this kind".

use serde::Deserialize;

use crate::extract::{Claim, ClaimKind};
use crate::rules::{RuleError, RuleSource};
use crate::sources::Source;
use crate::span::LineIndex;
use crate::Engine;

/// The rule files that carry examples.
pub const FILES: &[&str] = &[
    "measures.toml",
    "units.toml",
    "frames.toml",
    "sites.toml",
    "people.toml",
    "events.toml",
    "dates.toml",
    "numbers.toml",
    "money.toml",
];

#[derive(Debug, Deserialize)]
struct ExamplesOnly {
    #[serde(default)]
    example: Vec<toml::Spanned<Example>>,
}

/// One example. Which fields apply depends on the file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// Publication date (YYYY-MM-DD) for relative dates.
    pub published: Option<String>,
    /// measures.toml, units.toml: the measure id of a count claim.
    pub measure: Option<String>,
    /// units.toml: the "dimension:property" of a quantity claim.
    pub quantity: Option<String>,
    /// units.toml: the quantity's normalised value, in base units.
    pub value: Option<String>,
    /// units.toml: the key of a money claim after `money/`
    /// ("amount/topic:تعويض"; `""` = none).
    pub money: Option<String>,
    /// frames.toml: the frame id of a date claim.
    pub frame: Option<String>,
    pub role: Option<String>,
    pub topic: Option<String>,
    /// Normalised date value. In dates.toml: the value of a date the
    /// parser finds in the text (`""` = it finds none).
    pub date: Option<String>,
    /// dates.toml: the words of that date expression, as written.
    pub quote: Option<String>,
    /// sites.toml: the site key of a place claim.
    pub site: Option<String>,
    /// people.toml: the name a role claim must quote.
    pub person: Option<String>,
    /// A country id that must be the actor.
    pub actor: Option<String>,
    /// A country or place id that must be the place (in events.toml, of
    /// the first count claim).
    pub place: Option<String>,
    /// events.toml: the phase of the first count claim (current,
    /// background, update).
    pub phase: Option<String>,
    /// events.toml: its action class.
    pub action: Option<String>,
    /// events.toml: the names its event places must include, as written
    /// (folded here); an empty list means none from a class noun.
    pub places: Option<Vec<String>>,
    /// events.toml: whether it is placed at a site.
    pub at_site: Option<bool>,
    /// events.toml: its numbered stage (`يوم:4`).
    pub stage: Option<String>,
}

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub file: String,
    pub line: usize,
    pub text: String,
    /// `None` when it passed; otherwise what went wrong.
    pub failure: Option<String>,
}

/// Runs every example of every rule file.
pub fn run_all(engine: &Engine, rules: &RuleSource) -> Result<Vec<Outcome>, RuleError> {
    let mut out = Vec::new();
    for name in FILES {
        let file = rules.file(name)?;
        let parsed: ExamplesOnly = file.parse()?;
        let lines = LineIndex::new(&file.text);
        for ex in parsed.example {
            let (line, _) = lines.line_col(&file.text, ex.span().start);
            let ex = ex.into_inner();
            let failure = judge(engine, name, &ex);
            out.push(Outcome { file: file.name.clone(), line, text: ex.text.clone(), failure });
        }
    }
    Ok(out)
}

fn claims_of(engine: &Engine, ex: &Example) -> (Source, Vec<Claim>) {
    let front = ex.published.as_ref().map(|p| format!("---\npublished: {p}\n---\n")).unwrap_or_default();
    let (src, _) = Source::from_text("s1", "example.md", format!("{front}{}", ex.text));
    let run = engine.run_sources(vec![src], Vec::new());
    let src = run.sources.into_iter().next().unwrap_or_else(|| Source::from_text("s1", "example.md", "").0);
    (src, run.claims)
}

fn describe(src: &Source, claims: &[&Claim]) -> String {
    if claims.is_empty() {
        return "none".into();
    }
    claims
        .iter()
        .map(|c| format!("{} = {} «{}»", c.subject, c.value.normalized(), src.slice(c.span)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A dates.toml example: a date the parser finds, with its value (and words).
fn judge_date(engine: &Engine, ex: &Example) -> Option<String> {
    let Some(want) = &ex.date else { return Some("the example names no `date` to expect".into()) };
    let published = match ex.published.as_deref().map(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d")) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => return Some(format!("published: {e}")),
        None => None,
    };
    let t = crate::text::Tokenized::new(&ex.text, 0);
    let found: Vec<(String, String)> = engine
        .extractor
        .dates
        .find_all(&t, published)
        .iter()
        .map(|m| {
            let span = t.span(m.tokens.start, m.tokens.end);
            let words = ex.text.get(span.start..span.end).unwrap_or("").to_string();
            (words, m.value.map_or_else(|| "?".into(), |v| v.notation()))
        })
        .collect();
    judge_found(&found, want, ex.quote.as_deref(), "date")
}

/// Whether `found` (words, value) holds the expected value (and words);
/// an empty `want` expects nothing.
fn judge_found(found: &[(String, String)], want: &str, quote: Option<&str>, what: &str) -> Option<String> {
    let describe = || {
        if found.is_empty() {
            return "none".to_string();
        }
        found.iter().map(|(w, v)| format!("«{w}» = {v}")).collect::<Vec<_>>().join("; ")
    };
    if want.is_empty() {
        return (!found.is_empty()).then(|| format!("expected no {what}, got {}", describe()));
    }
    let ok = found.iter().any(|(w, v)| v == want && quote.is_none_or(|q| q == w));
    (!ok).then(|| format!("expected a {what} = {want}, got {}", describe()))
}

/// A numbers.toml or money.toml example: a value the parser finds (its
/// notation: "1500", "[100,999]", "40%", "2300000000 USD"), with its words
/// when `quote` is given; an empty `value` means none.
fn judge_value(engine: &Engine, file: &str, ex: &Example) -> Option<String> {
    let Some(want) = &ex.value else { return Some("the example names no `value` to expect".into()) };
    let t = crate::text::Tokenized::new(&ex.text, 0);
    let x = &engine.extractor;
    let words = |r: std::ops::Range<usize>| {
        let span = t.span(r.start, r.end);
        ex.text.get(span.start..span.end).unwrap_or("").to_string()
    };
    let found: Vec<(String, String)> = if file == "money.toml" {
        x.money
            .find_all(&x.numbers, &t, 0..t.len())
            .into_iter()
            .map(|m| (words(m.tokens), m.money.notation()))
            .collect()
    } else {
        x.numbers
            .find_all(&t, 0..t.len())
            .into_iter()
            .map(|n| {
                let v = if n.percent { format!("{}%", n.value.notation()) } else { n.value.notation() };
                (words(n.tokens), v)
            })
            .collect()
    };
    judge_found(&found, want, ex.quote.as_deref(), "value")
}

/// `None` when the example holds.
fn judge(engine: &Engine, file: &str, ex: &Example) -> Option<String> {
    if file == "dates.toml" {
        return judge_date(engine, ex);
    }
    if file == "numbers.toml" || file == "money.toml" {
        return judge_value(engine, file, ex);
    }
    let (src, claims) = claims_of(engine, ex);
    if file == "events.toml" {
        return judge_cue(&engine.extractor.cues, &src, &claims, ex);
    }
    let of_kind = |k: ClaimKind| claims.iter().filter(|c| c.kind == k).collect::<Vec<_>>();
    let part = |c: &Claim, i: usize| c.subject.split('/').nth(i).map(str::to_string).unwrap_or_default();
    let (kind, main) = match file {
        "measures.toml" => (ClaimKind::Count, ex.measure.clone()),
        "units.toml" if ex.quantity.is_some() => (ClaimKind::Quantity, ex.quantity.clone()),
        "units.toml" if ex.money.is_some() => (ClaimKind::Money, ex.money.clone()),
        "units.toml" => (ClaimKind::Count, ex.measure.clone()),
        "frames.toml" => (ClaimKind::Date, ex.frame.clone()),
        "sites.toml" => (ClaimKind::Place, ex.site.clone()),
        "people.toml" => (ClaimKind::Role, ex.person.clone()),
        _ => return Some(format!("{file} carries no examples")),
    };
    let Some(main) = main else { return Some("the example names nothing to expect".into()) };
    let found = of_kind(kind);
    if main.is_empty() {
        return (!found.is_empty())
            .then(|| format!("expected no {} claim, got {}", kind.as_str(), describe(&src, &found)));
    }
    let ok = |c: &&Claim| -> bool {
        match kind {
            ClaimKind::Count => {
                part(c, 1) == main
                    && ex.actor.as_ref().is_none_or(|a| part(c, 2) == *a)
                    && ex.place.as_ref().is_none_or(|p| c.subject.ends_with(&format!("/{p}")))
            }
            ClaimKind::Date => {
                let frame_topic = part(c, 1);
                let (frame, topic) = frame_topic.split_once(':').unwrap_or((frame_topic.as_str(), ""));
                frame == main
                    && ex.topic.as_ref().is_none_or(|t| topic == t)
                    && ex.role.as_ref().is_none_or(|r| part(c, 2) == *r)
                    && ex.date.as_ref().is_none_or(|d| c.value.normalized() == *d)
                    && ex.place.as_ref().is_none_or(|p| c.subject.ends_with(&format!("/{p}")))
                    && ex.actor.as_ref().is_none_or(|a| c.subject.split('/').any(|s| s.split('+').any(|x| x == a)))
            }
            ClaimKind::Place => {
                *c.subject == *format!("place/site:{main}")
                    && ex.place.as_ref().is_none_or(|p| c.value.normalized() == *p)
            }
            ClaimKind::Role => src.slice(c.span).contains(main.as_str()),
            ClaimKind::Quantity => part(c, 1) == main && ex.value.as_ref().is_none_or(|v| c.value.normalized() == *v),
            ClaimKind::Money => c.subject.strip_prefix("money/") == Some(main.as_str()),
        }
    };
    if found.iter().any(ok) {
        None
    } else {
        Some(format!("expected a {} claim matching the example, got {}", kind.as_str(), describe(&src, &found)))
    }
}

/// An events.toml example: the cue of the first count claim.
fn judge_cue(cues: &crate::extract::cues::CueRules, src: &Source, claims: &[Claim], ex: &Example) -> Option<String> {
    let Some(c) = claims.iter().find(|c| c.kind == ClaimKind::Count) else {
        return Some(format!("expected a count claim, got {}", describe(src, &claims.iter().collect::<Vec<_>>())));
    };
    let cue = &c.cue;
    let mut wrong = Vec::new();
    if let Some(p) = &ex.phase {
        if cue.phase.as_str() != p {
            wrong.push(format!("phase {} (expected {p})", cue.phase.as_str()));
        }
    }
    if let Some(a) = &ex.action {
        if cue.action.as_deref() != Some(a.as_str()) {
            wrong.push(format!("action {:?} (expected {a})", cue.action.as_deref()));
        }
    }
    if let Some(names) = &ex.places {
        let folded: Vec<String> = names.iter().map(|n| cues.place_key(n)).collect();
        let from_nouns: Vec<&str> = cue.places.iter().map(|p| &**p).filter(|p| !p.is_ascii()).collect();
        let ok = if folded.is_empty() {
            from_nouns.is_empty()
        } else {
            folded.iter().all(|f| from_nouns.contains(&f.as_str()))
        };
        if !ok {
            wrong.push(format!("places {:?} (expected {:?})", cue.places, folded));
        }
    }
    if let Some(s) = &ex.stage {
        if cue.stage.as_deref() != Some(s.as_str()) {
            wrong.push(format!("stage {:?} (expected {s})", cue.stage.as_deref()));
        }
    }
    if let Some(s) = ex.at_site {
        if cue.at_site != s {
            wrong.push(format!("at_site {} (expected {s})", cue.at_site));
        }
    }
    if let Some(p) = &ex.place {
        if c.subject.rsplit('/').next() != Some(p.as_str()) {
            wrong.push(format!("place of {} (expected {p})", c.subject));
        }
    }
    (!wrong.is_empty()).then(|| format!("«{}»: {}", src.slice(c.span), wrong.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_expectation_fails_when_a_claim_appears() {
        let engine = Engine::load(&RuleSource::builtin()).expect("built-in rules");
        let ex =
            Example {
                text: "وصل 300 جندي فرنسي إلى تشاد.".into(), measure: Some(String::new()), ..Default::default()
            };
        assert!(judge(&engine, "measures.toml", &ex).is_some());
        let ex = Example { measure: Some("personnel".into()), actor: Some("FR".into()), ..ex };
        assert_eq!(judge(&engine, "measures.toml", &ex), None);
        let ex = Example { actor: Some("DE".into()), ..ex };
        assert!(judge(&engine, "measures.toml", &ex).is_some());
    }
}
