//! Conformance of the date parser against the Arabic Duckling and
//! Recognizers-Text cases in `tests/conformance/` (see its README).
//!
//! In scope: calendar dates and date ranges at day, week, month or year
//! grain, including relative ones resolved against the case's reference
//! time (its date part stands for the publication date). Every case of the
//! in-scope files counts unless `tests/conformance/excluded-dates.toml`
//! lists it with a reason; out-of-scope files are listed there too.
//!
//! How a case passes:
//!
//! * Duckling (`duckling-time`): the whole text must be one date expression
//!   (its leading preposition may be outside the expression) and its value
//!   must equal Duckling's `value` + `grain` at the same precision. Grain
//!   `day` is one day (precision Day); `week` is the ISO week Monday..Sunday
//!   (precision Days); `month` and `year` are that month or year. An
//!   interval's `to` is exclusive: `from` 07-13 `to` 07-16 at grain day is
//!   the days 13..15 (precision Days); at grain month or year it is a span
//!   of months or years (precision Months, Years).
//! * Duckling negatives checked against Time: no date at all.
//! * Recognizers: every expected span is found, and nothing else. Our
//!   expression leaves out its leading preposition and keeps a leading يوم
//!   and a range's من/بين, so a span also matches when it starts at our
//!   preposition, after our يوم/من/بين (or من يوم), or after a proclitic (ب، ل، و) on
//!   our first word. Unless the case
//!   is `ignore_resolution` or an extractor case, the Timex must match:
//!   `2016-11-07` a day, `2016-11` a month, `2016` a year, `2016-W45` the
//!   ISO week (precision Days), `XXXX-WXX-5` a day on that weekday, and
//!   `(a,b,PnD)` a span of days from a to b (Recognizers writes the stated
//!   last day as `b`); with `PnM`/`PnY`, `b` is the first day after the
//!   span. `XXXX`/`XX` mean "not stated": those components are not
//!   compared (Recognizers gives both a past and a future resolution; the
//!   year we pick follows rules/dates.toml [window]).
//!
//! It prints the pass rate per file and mode and fails when a rate is below
//! its floor in `tests/conformance/floors-dates.toml` (a ratchet).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use claimcheck::text::dates::{DateLexicon, DateMatch};
use claimcheck::text::Tokenized;
use claimcheck::value::{DateRange, Precision};
use serde::Deserialize;
use serde_json::Value;

const IN_SCOPE: &[&str] =
    &["duckling-time.jsonl", "duckling-negative.jsonl", "recognizers-date.jsonl", "recognizers-daterange.jsonl"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Excluded {
    #[serde(rename = "file", default)]
    files: Vec<ExcludedFile>,
    #[serde(rename = "group", default)]
    groups: Vec<ExcludedGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExcludedFile {
    name: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExcludedGroup {
    category: String,
    reason: String,
    ids: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Floors {
    /// Percent per file (without `.jsonl`), plus `overall`.
    floor: BTreeMap<String, f64>,
}

fn load_excluded() -> Excluded {
    let text = std::fs::read_to_string(dir().join("excluded-dates.toml")).expect("excluded-dates.toml");
    toml::from_str(&text).expect("excluded-dates.toml parses")
}

fn load_floors() -> Floors {
    let text = std::fs::read_to_string(dir().join("floors-dates.toml")).expect("floors-dates.toml");
    toml::from_str(&text).expect("floors-dates.toml parses")
}

fn cases(file: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("json line")).collect()
}

fn ref_date(case: &Value) -> Option<NaiveDate> {
    let s = case["reference_time"].as_str()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

// ---------------------------------------------------------------------------
// What we found, as character spans

struct Found {
    m: DateMatch,
    /// Character range of the expression.
    start: usize,
    end: usize,
    /// Other acceptable starts (preposition, after يوم, after a clitic).
    alt_starts: Vec<usize>,
}

fn char_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

fn find(text: &str, published: Option<NaiveDate>) -> (Tokenized, Vec<Found>) {
    let t = Tokenized::new(text, 0);
    let matches = DateLexicon::builtin().find_all(&t, published);
    let found = matches
        .into_iter()
        .map(|m| {
            let span = t.span(m.tokens.start, m.tokens.end);
            let first = t.tokens[m.tokens.start].span;
            let mut alt_starts: Vec<usize> = (first.start + 1..first.end)
                .filter(|&b| text.is_char_boundary(b))
                .map(|b| char_at(text, b))
                .take(3)
                .collect();
            if let Some(k) = m.marker_token {
                alt_starts.push(char_at(text, t.tokens[k].span.start));
            }
            if matches!(t.text(m.tokens.start), "يوم" | "ليوم" | "من" | "بين") && m.tokens.len() > 1 {
                alt_starts.push(char_at(text, t.tokens[m.tokens.start + 1].span.start));
                // من يوم الجمعة: after both.
                if t.text(m.tokens.start + 1) == "يوم" && m.tokens.len() > 2 {
                    alt_starts.push(char_at(text, t.tokens[m.tokens.start + 2].span.start));
                }
            }
            Found { start: char_at(text, span.start), end: char_at(text, span.end), alt_starts, m }
        })
        .collect();
    (t, found)
}

// ---------------------------------------------------------------------------
// Expected values

/// What a value must be: inclusive range and precision; `None` components
/// of the start or end are not stated and not compared.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    start: Partial,
    end: Partial,
    precision: Precision,
    /// For `XXXX-WXX-d`: the weekday.
    weekday: Option<Weekday>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Partial {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
}

impl Partial {
    fn of(d: NaiveDate) -> Self {
        Partial { y: Some(d.year()), m: Some(d.month()), d: Some(d.day()) }
    }

    fn holds(&self, d: NaiveDate) -> bool {
        self.y.is_none_or(|y| y == d.year())
            && self.m.is_none_or(|m| m == d.month())
            && self.d.is_none_or(|x| x == d.day())
    }
}

fn want_holds(w: &Want, v: &DateRange) -> bool {
    w.precision == v.precision
        && w.start.holds(v.start)
        && w.end.holds(v.end)
        && w.weekday.is_none_or(|wd| v.start.weekday() == wd)
}

fn pred(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap_or(d)
}

fn duckling_date(v: &Value) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.as_str()?.get(..10)?, "%Y-%m-%d").ok()
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n)).unwrap_or(d)
}

/// Duckling's `value` + `grain` (or interval) as a range.
fn duckling_want(e: &Value) -> Option<Want> {
    let whole = |w: Want| Some(w);
    match e["type"].as_str()? {
        "value" => {
            let d = duckling_date(&e["value"])?;
            let (end, precision) = match e["grain"].as_str()? {
                "day" => (d, Precision::Day),
                "week" => (d.checked_add_days(Days::new(6))?, Precision::Days),
                "month" => (pred(add_months(d, 1)), Precision::Month),
                "quarter" => (pred(add_months(d, 3)), Precision::Months),
                "year" => (pred(add_months(d, 12)), Precision::Year),
                _ => return None,
            };
            whole(Want { start: Partial::of(d), end: Partial::of(end), precision, weekday: None })
        }
        "interval" => {
            let from = duckling_date(&e["from"]["value"])?;
            let to = duckling_date(&e["to"]["value"])?;
            let precision = match e["from"]["grain"].as_str()? {
                "day" | "week" => Precision::Days,
                "month" | "quarter" => Precision::Months,
                "year" => Precision::Years,
                _ => return None,
            };
            whole(Want { start: Partial::of(from), end: Partial::of(pred(to)), precision, weekday: None })
        }
        _ => None,
    }
}

fn timex_part(s: &str) -> Option<Option<u32>> {
    if s.chars().all(|c| c == 'X') {
        Some(None)
    } else {
        s.parse().ok().map(Some)
    }
}

/// `2016-11-07`, `XXXX-10-02`, `2016-11`, `2016` as a partial date and its grain.
fn timex_date(s: &str) -> Option<(Partial, Precision)> {
    let parts: Vec<&str> = s.split('-').collect();
    let y = timex_part(parts.first()?)?.map(|y| y as i32);
    match parts.len() {
        1 if parts[0].len() == 4 => Some((Partial { y, m: None, d: None }, Precision::Year)),
        2 => Some((Partial { y, m: timex_part(parts[1])?, d: None }, Precision::Month)),
        3 => Some((Partial { y, m: timex_part(parts[1])?, d: timex_part(parts[2])? }, Precision::Day)),
        _ => None,
    }
}

fn full(p: Partial) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(p.y?, p.m?, p.d?)
}

/// A Recognizers Timex as a range, per the mapping in the module doc.
fn timex_want(timex: &str) -> Option<Want> {
    if let Some(inner) = timex.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        let v: Vec<&str> = inner.split(',').collect();
        let [a, b, dur] = v.as_slice() else { return None };
        let (a, _) = timex_date(a)?;
        let (b, _) = timex_date(b)?;
        let unit = dur.chars().last()?;
        let (end, precision) = match unit {
            'D' | 'W' => (b, Precision::Days),
            'M' | 'Y' => {
                let end = match full(b) {
                    Some(d) => Partial::of(pred(d)),
                    None => Partial { y: None, m: None, d: None },
                };
                (end, if unit == 'M' { Precision::Months } else { Precision::Years })
            }
            _ => return None,
        };
        return Some(Want { start: a, end, precision, weekday: None });
    }
    if let Some(rest) = timex.strip_prefix("XXXX-WXX-") {
        let n: u8 = rest.parse().ok()?;
        let wd = Weekday::try_from(n.checked_sub(1)?).ok()?;
        let any = Partial { y: None, m: None, d: None };
        return Some(Want { start: any, end: any, precision: Precision::Day, weekday: Some(wd) });
    }
    if let Some((y, w)) = timex.split_once("-W") {
        let (y, w): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
        let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
        let sunday = monday.checked_add_days(Days::new(6))?;
        return Some(Want {
            start: Partial::of(monday),
            end: Partial::of(sunday),
            precision: Precision::Days,
            weekday: None,
        });
    }
    let (p, precision) = timex_date(timex)?;
    let end = match (precision, p.y, p.m) {
        (Precision::Day, ..) => p,
        (Precision::Month, Some(y), Some(m)) => Partial::of(pred(add_months(NaiveDate::from_ymd_opt(y, m, 1)?, 1))),
        (Precision::Month, _, m) => Partial { y: p.y, m, d: None },
        (Precision::Year, Some(y), _) => Partial::of(NaiveDate::from_ymd_opt(y, 12, 31)?),
        _ => return None,
    };
    let start = match precision {
        Precision::Day => p,
        _ => Partial { d: p.d.or(Some(1)), m: p.m.or(Some(1)), ..p },
    };
    Some(Want { start, end, precision, weekday: None })
}

// ---------------------------------------------------------------------------
// Judging one case

/// `Ok(())` or why it failed.
fn judge(file: &str, case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().unwrap_or("");
    let published = ref_date(case);
    let (t, found) = find(text, published);
    let show = |f: &[Found]| {
        f.iter()
            .map(|x| {
                let v = x.m.value.map_or("?".to_string(), |v| v.notation());
                format!("«{}» {v}", text.chars().skip(x.start).take(x.end - x.start).collect::<String>())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if file == "duckling-negative.jsonl" {
        return if found.is_empty() { Ok(()) } else { Err(format!("found {}", show(&found))) };
    }
    if file == "duckling-time.jsonl" {
        let want = duckling_want(&case["expected"]).ok_or("no mapping for this expectation")?;
        let [f] = found.as_slice() else { return Err(format!("want one date, found [{}]", show(&found))) };
        let first = f.m.marker_token.unwrap_or(f.m.tokens.start).min(f.m.tokens.start);
        if first != 0 || f.m.tokens.end != t.len() {
            return Err(format!("not a full match: [{}]", show(&found)));
        }
        let v = f.m.value.ok_or_else(|| format!("unresolved: {:?}", f.m.unresolved))?;
        return if want_holds(&want, &v) { Ok(()) } else { Err(format!("got {}, want {want:?}", v.notation())) };
    }
    // Recognizers.
    let expected = case["expected"].as_array().cloned().unwrap_or_default();
    let check_value = case["mode"] == "parser" && !case["ignore_resolution"].as_bool().unwrap_or(false);
    let mut used: HashSet<usize> = HashSet::new();
    for e in &expected {
        let s = e["start"].as_u64().unwrap_or(0) as usize;
        let end = e["end"].as_u64().unwrap_or(0) as usize + 1;
        let k = found
            .iter()
            .enumerate()
            .find(|(k, f)| !used.contains(k) && f.end == end && (f.start == s || f.alt_starts.contains(&s)))
            .map(|(k, _)| k)
            .ok_or_else(|| {
                format!("span «{}» not found; found [{}]", e["text"].as_str().unwrap_or(""), show(&found))
            })?;
        used.insert(k);
        if check_value {
            let timex = e["value"]["Timex"].as_str().unwrap_or("");
            let want = timex_want(timex).ok_or_else(|| format!("no mapping for Timex {timex}"))?;
            let v = found[k].m.value.ok_or_else(|| format!("unresolved: {:?}", found[k].m.unresolved))?;
            if !want_holds(&want, &v) {
                return Err(format!("got {}, want Timex {timex}", v.notation()));
            }
        }
    }
    if used.len() != found.len() {
        return Err(format!("extra dates: [{}]", show(&found)));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The test

#[test]
fn dates_conform_to_duckling_and_recognizers() {
    let excluded = load_excluded();
    let floors = load_floors();
    let mut reason: HashMap<&str, &str> = HashMap::new();
    for g in &excluded.groups {
        assert!(!g.reason.trim().is_empty() && !g.category.trim().is_empty(), "every group has a reason");
        for id in &g.ids {
            assert!(reason.insert(id, &g.category).is_none(), "{id} is excluded twice");
        }
    }
    for f in &excluded.files {
        assert!(dir().join(&f.name).exists(), "excluded file {} exists", f.name);
        assert!(!IN_SCOPE.contains(&f.name.as_str()), "{} is both in scope and excluded", f.name);
        assert!(!f.reason.trim().is_empty());
    }

    let mut seen: HashSet<String> = HashSet::new();
    let mut rows: Vec<(String, usize, usize)> = Vec::new();
    let mut per_file: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
    for file in IN_SCOPE {
        let mut by_mode: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for case in cases(file) {
            let id = case["id"].as_str().unwrap_or("").to_string();
            seen.insert(id.clone());
            if let Some(cat) = reason.get(id.as_str()) {
                *by_category.entry(cat).or_default() += 1;
                continue;
            }
            let not_supported = format!(
                "{} {}",
                case["not_supported"].as_str().unwrap_or(""),
                case["not_supported_by_design"].as_str().unwrap_or("")
            );
            if not_supported.contains("dotnet") {
                *by_category.entry("not_supported: dotnet").or_default() += 1;
                continue;
            }
            let mode = case["mode"].as_str().unwrap_or("corpus").to_string();
            let r = judge(file, &case);
            let slot = by_mode.entry(mode).or_default();
            slot.1 += 1;
            match r {
                Ok(()) => slot.0 += 1,
                Err(why) => failures.push(format!("{id}: {} — {why}", case["text"].as_str().unwrap_or(""))),
            }
        }
        let name = file.trim_end_matches(".jsonl").to_string();
        let mut total = (0, 0);
        for (mode, (p, n)) in by_mode {
            rows.push((format!("{name} [{mode}]"), p, n));
            total = (total.0 + p, total.1 + n);
        }
        per_file.insert(name, total);
    }
    for id in reason.keys() {
        assert!(seen.contains(*id), "excluded id {id} is not an in-scope case");
    }

    let pct = |p: usize, n: usize| if n == 0 { 100.0 } else { 100.0 * p as f64 / n as f64 };
    println!("\nDate conformance (in-scope cases):");
    for (name, p, n) in &rows {
        println!("  {name:<40} {p:>4}/{n:<4} {:>6.1}%", pct(*p, *n));
    }
    let overall = per_file.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    for (name, (p, n)) in &per_file {
        println!("  {name:<40} {p:>4}/{n:<4} {:>6.1}%  (file)", pct(*p, *n));
    }
    println!("  {:<40} {:>4}/{:<4} {:>6.1}%", "overall", overall.0, overall.1, pct(overall.0, overall.1));
    println!("Excluded: {by_category:?}");
    println!("Failures ({}):", failures.len());
    for f in &failures {
        println!("  {f}");
    }

    let mut below = Vec::new();
    let mut rates: Vec<(String, f64)> = per_file.iter().map(|(k, (p, n))| (k.clone(), pct(*p, *n))).collect();
    rates.push(("overall".into(), pct(overall.0, overall.1)));
    for (name, rate) in rates {
        let floor = *floors.floor.get(&name).unwrap_or_else(|| panic!("floors-dates.toml has no floor for {name}"));
        if rate + 1e-9 < floor {
            below.push(format!("{name}: {rate:.1}% < floor {floor:.1}%"));
        } else if rate > floor + 1.0 {
            println!("hint: {name} is at {rate:.1}%, more than a point above its floor {floor:.1}%: raise the floor");
        }
    }
    assert!(below.is_empty(), "below floor:\n{}", below.join("\n"));
}
