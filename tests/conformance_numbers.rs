//! Conformance of the number, ordinal and money parsers with the Arabic test
//! cases of Duckling and Microsoft Recognizers-Text (`tests/conformance/`,
//! see its README for the data format and where every file came from).
//!
//! Run with `cargo test --test conformance_numbers -- --nocapture` to see
//! the pass rate of every file and kind, and every failing case.
//!
//! What counts as a pass:
//!
//! * **Duckling** (`match: "full"`): the whole text must come back as exactly
//!   one expression covering every token, with the expected value.
//! * **Recognizers** model cases: every expected result must be found with
//!   the same span (UTF-16 offsets, which equal code points here) and, unless
//!   the case has `ignore_resolution`, the same value. Extra results are not
//!   checked (upstream does not check them either), except that an empty
//!   expected list means nothing at all may be extracted. Ordinal cases run
//!   with `SuppressExtendedTypes` drop relative ordinals (`التالي`,
//!   `الأخير`) before comparing, which is what that option means upstream.
//! * **Numbers** are compared on the number as stated, without a hedge
//!   around it: Recognizers reads `أكثر من نصف` as the number `نصف`.
//! * **Vague quantities**: where a suite collapses a vague quantity to one
//!   number (e.g. `مئات` → 100), our interval containing that number counts
//!   as a pass. We keep the interval on purpose; see `rules/numbers.toml`.
//! * **Money units**: Duckling's units are its own, not ISO codes. `$` is
//!   "some dollar" and `£` "some pound", so any currency of that family
//!   passes (our rules read a bare `دولار` as USD and a bare `جنيه` as EGP).
//!   Duckling's `cent` is a hundredth of a dollar: `10 سنت` passes as
//!   0.1 USD, which is how we store sub-units. Open and closed interval
//!   ends are not distinguished (Duckling has no such notion); a `to`-only
//!   interval passes with a lower end of 0 or none.
//!
//! Cases the test does not count are listed with a reason each in
//! `tests/conformance/excluded-numbers.toml`; whole files out of scope are
//! listed there too. The test fails when a rate falls below its floor in
//! `tests/conformance/floors-numbers.toml` (a ratchet: raise the floors when
//! the parsers get better; the test prints a note when a rate exceeds its
//! floor by more than one point).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use claimcheck::text::money::{MoneyLexicon, MoneyMatch};
use claimcheck::text::numbers::{NumberLexicon, NumberMatch};
use claimcheck::text::ordinals::{Ordinal, OrdinalLexicon, OrdinalMatch, RelativeTo};
use claimcheck::text::Tokenized;
use claimcheck::value::Interval;
use serde::Deserialize;
use serde_json::Value;

/// The files this test reads, with the kind each one counts towards.
const FILES: &[(&str, Kind)] = &[
    ("duckling-number", Kind::Number),
    ("recognizers-number", Kind::Number),
    ("duckling-ordinal", Kind::Ordinal),
    ("recognizers-ordinal", Kind::Ordinal),
    ("duckling-money", Kind::Money),
    ("recognizers-currency", Kind::Money),
];

/// Files of the number side that the exclusions file must list as out of scope.
const OUT_OF_SCOPE_FILES: &[&str] = &["recognizers-numberrange", "recognizers-percent"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Number,
    Ordinal,
    Money,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Ordinal => "ordinal",
            Kind::Money => "money",
        }
    }
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    source: String,
    text: String,
    expected: Value,
    #[serde(default)]
    options: Option<String>,
    #[serde(default)]
    not_supported: Option<String>,
    #[serde(default)]
    not_supported_by_design: Option<String>,
    #[serde(default)]
    ignore_resolution: bool,
}

impl Case {
    /// Skipped by the .NET harness, the only one that runs Arabic.
    fn never_run_upstream(&self) -> bool {
        let has = |s: &Option<String>| s.as_deref().is_some_and(|s| s.split(',').any(|p| p.trim() == "dotnet"));
        has(&self.not_supported) || has(&self.not_supported_by_design)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exclusions {
    #[serde(default)]
    file: Vec<FileExclusion>,
    /// Case id → reason.
    #[serde(default)]
    cases: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExclusion {
    name: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Floors {
    files: BTreeMap<String, f64>,
    kinds: BTreeMap<String, f64>,
}

/// The reason prefix for cases the .NET harness skips.
const NEVER_RUN: &str = "never run upstream";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn read_cases(name: &str) -> Vec<Case> {
    let path = dir().join(format!("{name}.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1)))
        .collect()
}

fn read_toml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Parsers {
    numbers: NumberLexicon,
    ordinals: OrdinalLexicon,
    money: MoneyLexicon,
}

/// Is `x` close enough to `want` (values are decimal strings upstream)?
fn close(x: f64, want: f64) -> bool {
    (x - want).abs() <= 1e-9 * want.abs().max(1.0)
}

fn contains(v: &Interval, x: f64) -> bool {
    let above = match v.lo {
        Some(lo) => x > lo || (!v.lo_open && close(x, lo)),
        None => true,
    };
    let below = match v.hi {
        Some(hi) => x < hi || (!v.hi_open && close(x, hi)),
        None => true,
    };
    above && below
}

/// A number match has value `x`: its stated number, or, for a vague
/// quantity, an interval containing `x`.
fn number_is(m: &NumberMatch, x: f64) -> bool {
    match m.stated {
        Some(s) => close(s, x),
        None => m.vague.is_some() && contains(&m.value, x),
    }
}

/// `v` as a number: JSON numbers, or decimal strings like `"1E-12"`.
fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Code-point offsets of tokens `r` in the original text.
fn char_span(text: &str, t: &Tokenized, r: std::ops::Range<usize>) -> (usize, usize) {
    let s = t.span(r.start, r.end);
    (text[..s.start].chars().count(), text[..s.end].chars().count())
}

/// Expected start and end (exclusive) of a Recognizers result.
fn expected_span(e: &Value) -> Option<(usize, usize)> {
    let start = e.get("start")?.as_i64()?;
    let end = e.get("end")?.as_i64()?;
    (start >= 0).then_some((start as usize, end as usize + 1))
}

type Outcome = Result<(), String>;

fn check_duckling_number(p: &Parsers, c: &Case) -> Outcome {
    let want = c.expected.get("value").and_then(as_f64).ok_or("no expected value")?;
    let t = Tokenized::new(&c.text, 0);
    let found = p.numbers.find_all(&t, 0..t.len());
    match found.as_slice() {
        [m] if m.tokens == (0..t.len()) && (close_point(&m.value, want) || number_is(m, want)) => Ok(()),
        _ => Err(format!("got {}", describe_numbers(&c.text, &t, &found))),
    }
}

fn close_point(v: &Interval, want: f64) -> bool {
    v.point().is_some_and(|x| close(x, want))
}

fn describe_numbers(text: &str, t: &Tokenized, found: &[NumberMatch]) -> String {
    let all: Vec<String> = found
        .iter()
        .map(|m| {
            let (s, e) = char_span(text, t, m.core.clone());
            format!("{}@{s}..{e}", m.value.notation())
        })
        .collect();
    format!("[{}]", all.join(", "))
}

fn check_recognizers_number(p: &Parsers, c: &Case) -> Outcome {
    let t = Tokenized::new(&c.text, 0);
    let found = p.numbers.find_all(&t, 0..t.len());
    let expected = c.expected.as_array().ok_or("expected is not a list")?;
    if expected.is_empty() {
        return if found.is_empty() {
            Ok(())
        } else {
            Err(format!("expected nothing, got {}", describe_numbers(&c.text, &t, &found)))
        };
    }
    for e in expected {
        let span = expected_span(e).ok_or("no span")?;
        let want = e.pointer("/resolution/value").and_then(as_f64);
        let ok = found.iter().any(|m| {
            char_span(&c.text, &t, m.core.clone()) == span
                && (c.ignore_resolution || want.is_some_and(|w| number_is(m, w)))
        });
        if !ok {
            let text = e.get("text").and_then(Value::as_str).unwrap_or("");
            return Err(format!(
                "missing {text:?}@{}..{} = {:?}; got {}",
                span.0,
                span.1,
                want,
                describe_numbers(&c.text, &t, &found)
            ));
        }
    }
    Ok(())
}

fn describe_ordinals(text: &str, t: &Tokenized, found: &[OrdinalMatch]) -> String {
    let all: Vec<String> = found
        .iter()
        .map(|m| {
            let (s, e) = char_span(text, t, m.tokens.clone());
            format!("{:?}@{s}..{e}", m.value)
        })
        .collect();
    format!("[{}]", all.join(", "))
}

fn check_duckling_ordinal(p: &Parsers, c: &Case) -> Outcome {
    let want = c.expected.get("value").and_then(as_f64).ok_or("no expected value")?;
    let t = Tokenized::new(&c.text, 0);
    let found = p.ordinals.find_all(&p.numbers, &t, 0..t.len());
    match found.as_slice() {
        [m] if m.tokens == (0..t.len()) && matches!(m.value, Ordinal::Position(x) if close(x, want)) => Ok(()),
        _ => Err(format!("got {}", describe_ordinals(&c.text, &t, &found))),
    }
}

fn check_recognizers_ordinal(p: &Parsers, c: &Case) -> Outcome {
    let t = Tokenized::new(&c.text, 0);
    let mut found = p.ordinals.find_all(&p.numbers, &t, 0..t.len());
    if c.options.as_deref() == Some("SuppressExtendedTypes") {
        found.retain(|m| matches!(m.value, Ordinal::Position(_)));
    }
    let expected = c.expected.as_array().ok_or("expected is not a list")?;
    if expected.is_empty() {
        return if found.is_empty() {
            Ok(())
        } else {
            Err(format!("expected nothing, got {}", describe_ordinals(&c.text, &t, &found)))
        };
    }
    for e in expected {
        let span = expected_span(e).ok_or("no span")?;
        let kind = e.get("type").and_then(Value::as_str).unwrap_or("");
        let offset = e.pointer("/resolution/offset").and_then(as_f64);
        let relative_to = e.pointer("/resolution/relativeTo").and_then(Value::as_str);
        let value_ok = |v: &Ordinal| match (kind, v) {
            ("ordinal", Ordinal::Position(x)) => c.ignore_resolution || offset.is_some_and(|o| close(*x, o)),
            ("ordinal.relative", Ordinal::Relative { to, offset: off }) => {
                let to = match to {
                    RelativeTo::Current => "current",
                    RelativeTo::End => "end",
                };
                c.ignore_resolution || (relative_to == Some(to) && offset.is_some_and(|o| close(*off as f64, o)))
            }
            _ => false,
        };
        let ok = found.iter().any(|m| char_span(&c.text, &t, m.tokens.clone()) == span && value_ok(&m.value));
        if !ok {
            let text = e.get("text").and_then(Value::as_str).unwrap_or("");
            return Err(format!(
                "missing {kind} {text:?}@{}..{} {}; got {}",
                span.0,
                span.1,
                e.get("resolution").map(Value::to_string).unwrap_or_default(),
                describe_ordinals(&c.text, &t, &found)
            ));
        }
    }
    Ok(())
}

/// Dollar and pound currencies: what Duckling's ambiguous `$` and `£` may be.
const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "SGD"];
const POUNDS: &[&str] = &["GBP", "EGP", "SDG", "SSP", "LBP", "SYP"];

/// Does one Duckling money end (`{"value":…,"unit":…}`) match amount `x`
/// in currency `code`?
fn duckling_money_is(end: &Value, x: Option<f64>, code: &str) -> bool {
    let (Some(want), Some(unit), Some(x)) =
        (end.get("value").and_then(as_f64), end.get("unit").and_then(Value::as_str), x)
    else {
        return false;
    };
    match unit {
        "$" => DOLLARS.contains(&code) && close(x, want),
        "£" => POUNDS.contains(&code) && close(x, want),
        "cent" => DOLLARS.contains(&code) && close(x, want / 100.0),
        iso => code == iso && close(x, want),
    }
}

fn describe_money(text: &str, t: &Tokenized, found: &[MoneyMatch]) -> String {
    let all: Vec<String> = found
        .iter()
        .map(|m| {
            let (s, e) = char_span(text, t, m.tokens.clone());
            format!("{}@{s}..{e}", m.money.notation())
        })
        .collect();
    format!("[{}]", all.join(", "))
}

fn check_duckling_money(p: &Parsers, c: &Case) -> Outcome {
    let t = Tokenized::new(&c.text, 0);
    let found = p.money.find_all(&p.numbers, &t, 0..t.len());
    let got = || format!("got {}", describe_money(&c.text, &t, &found));
    let [m] = found.as_slice() else { return Err(got()) };
    if m.tokens != (0..t.len()) {
        return Err(got());
    }
    let a = &m.money.amount;
    let code = m.money.currency.as_str();
    let ok = match c.expected.get("type").and_then(Value::as_str) {
        Some("value") => duckling_money_is(&c.expected, a.point(), code),
        Some("interval") => {
            let from = c.expected.get("from");
            let to = c.expected.get("to");
            let lo_ok = match from {
                Some(f) => duckling_money_is(f, a.lo, code),
                None => a.lo.is_none_or(|l| l == 0.0),
            };
            let hi_ok = match to {
                Some(e) => duckling_money_is(e, a.hi, code),
                None => a.hi.is_none(),
            };
            lo_ok && hi_ok
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(got())
    }
}

/// Recognizers unit names to ISO codes, for results without `isoCurrency`.
fn recognizers_unit(name: &str) -> Option<&'static str> {
    match name {
        "Euro" => Some("EUR"),
        "Egyptian pound" => Some("EGP"),
        "British pound" | "Pound sterling" => Some("GBP"),
        "United States dollar" => Some("USD"),
        _ => None,
    }
}

fn check_recognizers_currency(p: &Parsers, c: &Case) -> Outcome {
    let t = Tokenized::new(&c.text, 0);
    let found = p.money.find_all(&p.numbers, &t, 0..t.len());
    let expected = c.expected.as_array().ok_or("expected is not a list")?;
    if expected.is_empty() && !found.is_empty() {
        return Err(format!("expected nothing, got {}", describe_money(&c.text, &t, &found)));
    }
    for e in expected {
        let span = expected_span(e).ok_or("no span")?;
        let want = e.pointer("/resolution/value").and_then(as_f64);
        let iso = e
            .pointer("/resolution/isoCurrency")
            .and_then(Value::as_str)
            .or_else(|| e.pointer("/resolution/unit").and_then(Value::as_str).and_then(recognizers_unit));
        let ok = found.iter().any(|m| {
            char_span(&c.text, &t, m.tokens.clone()) == span
                && (c.ignore_resolution
                    || (want.is_some_and(|w| close_point(&m.money.amount, w))
                        && iso == Some(m.money.currency.as_str())))
        });
        if !ok {
            let text = e.get("text").and_then(Value::as_str).unwrap_or("");
            return Err(format!(
                "missing {text:?}@{}..{} {}; got {}",
                span.0,
                span.1,
                e.get("resolution").map(Value::to_string).unwrap_or_default(),
                describe_money(&c.text, &t, &found)
            ));
        }
    }
    Ok(())
}

fn check(p: &Parsers, kind: Kind, c: &Case) -> Outcome {
    match (kind, c.source.as_str()) {
        (Kind::Number, "duckling") => check_duckling_number(p, c),
        (Kind::Number, _) => check_recognizers_number(p, c),
        (Kind::Ordinal, "duckling") => check_duckling_ordinal(p, c),
        (Kind::Ordinal, _) => check_recognizers_ordinal(p, c),
        (Kind::Money, "duckling") => check_duckling_money(p, c),
        (Kind::Money, _) => check_recognizers_currency(p, c),
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    passed: usize,
    total: usize,
}

impl Tally {
    fn rate(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.passed as f64 / self.total as f64
        }
    }
}

#[test]
fn number_ordinal_and_money_suites_meet_their_floors() {
    let p = Parsers {
        numbers: NumberLexicon::builtin(),
        ordinals: OrdinalLexicon::builtin(),
        money: MoneyLexicon::builtin(),
    };
    let exclusions: Exclusions = read_toml("excluded-numbers.toml");
    let floors: Floors = read_toml("floors-numbers.toml");

    // The exclusions file must stay true to the data.
    for f in OUT_OF_SCOPE_FILES {
        let listed = exclusions.file.iter().find(|x| x.name == *f);
        assert!(listed.is_some_and(|x| !x.reason.trim().is_empty()), "{f} must be listed with a reason");
    }
    let mut known_ids = HashSet::new();
    let mut by_file: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<Kind, Tally> = BTreeMap::new();
    let mut excluded_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for &(file, kind) in FILES {
        assert!(!exclusions.file.iter().any(|x| x.name == file), "{file} is both checked and excluded");
        for c in read_cases(file) {
            known_ids.insert(c.id.clone());
            let reason = exclusions.cases.get(&c.id);
            // Cases the .NET harness skips must be listed, and only those
            // may carry the "never run upstream" reason.
            let never_run = reason.is_some_and(|r| r.starts_with(NEVER_RUN));
            assert_eq!(
                never_run,
                c.never_run_upstream(),
                "{}: the exclusions file and the dotnet flags disagree",
                c.id
            );
            if let Some(r) = reason {
                assert!(!r.trim().is_empty(), "{}: an exclusion needs a reason", c.id);
                let category = r.split(':').next().unwrap_or(r).trim().to_string();
                *excluded_counts.entry(category).or_default() += 1;
                continue;
            }
            let outcome = check(&p, kind, &c);
            let tf = by_file.entry(file).or_default();
            let tk = by_kind.entry(kind).or_default();
            tf.total += 1;
            tk.total += 1;
            match outcome {
                Ok(()) => {
                    tf.passed += 1;
                    tk.passed += 1;
                }
                Err(why) => failures.push(format!("{} {:?}: {why}", c.id, c.text)),
            }
        }
    }
    for id in exclusions.cases.keys() {
        assert!(known_ids.contains(id), "excluded case {id} is not in any checked file");
    }

    println!("failing cases ({}):", failures.len());
    for f in &failures {
        println!("  {f}");
    }
    println!("excluded cases by reason:");
    for (reason, n) in &excluded_counts {
        println!("  {n:4}  {reason}");
    }
    for f in &exclusions.file {
        println!("  file  {} (out of scope: {})", f.name, f.reason);
    }

    let mut below = Vec::new();
    let mut report = |label: &str, t: Tally, floor: Option<&f64>| {
        let rate = t.rate();
        let floor_text = floor.map(|f| format!("{f:.1}")).unwrap_or_else(|| "none".into());
        println!("{label:<24} {:>4}/{:<4} {rate:6.2}%  (floor {floor_text})", t.passed, t.total);
        match floor {
            None => below.push(format!("{label}: no floor recorded")),
            Some(&f) if rate + 1e-9 < f => below.push(format!("{label}: {rate:.2}% is below the floor {f}")),
            Some(&f) if rate > f + 1.0 => {
                println!("  note: {label} passes {rate:.2}%, more than a point above its floor {f}; raise the floor")
            }
            Some(_) => {}
        }
    };
    println!("pass rates:");
    for (file, t) in &by_file {
        report(file, *t, floors.files.get(*file));
    }
    for (kind, t) in &by_kind {
        report(kind.name(), *t, floors.kinds.get(kind.name()));
    }
    assert!(below.is_empty(), "conformance below the floors:\n{}", below.join("\n"));
}
