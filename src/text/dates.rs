//! Date expressions in Arabic news: month names of three naming systems,
//! day/month/year forms, parts of periods, and dates relative to the
//! article's publication date.
//!
//! Owns finding a date expression in tokens and turning it into a
//! [`DateRange`] at the precision it was stated (a year stays a year). Every
//! word it knows (month names, ordinal days, period parts, relative phrases,
//! prepositions, the resolution window) comes from `rules/dates.toml`; this
//! module holds only the grammar that combines them and the arithmetic of
//! each resolution kind. It never fails on text: what does not parse is not
//! a date. Hijri dates are converted to Gregorian with the Umm al-Qura
//! calendar of ICU4X (`icu_calendar`). It does not decide what a date is the
//! date *of*.

// `RuleError` is large (it carries the source for miette); the API fixes
// `Result<_, RuleError>` as the return type, so the size lint is accepted here.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use icu_calendar::cal::Hijri;
use icu_calendar::Date;
use serde::Deserialize;
use toml::Spanned;

use super::lexicon::{PhraseMatcher, StartGate};
use super::normalize::normalize_str;
use super::token::{TokenKind, Tokenized};
use crate::rules::{RuleError, RuleFile, RuleSource};
use crate::value::{last_day_of_month, DateRange, Precision};

/// Why a relative date has no value.
const NEEDS_PUBLICATION: &str = "relative date needs a publication date";
/// Why "the same year" has no value.
const NEEDS_EARLIER_YEAR: &str = "refers to a year stated earlier in the text, and none was found";

/// The preposition before a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateMarker {
    /// في، ب
    In,
    /// منذ
    Since,
    /// حتى، لغاية
    Until,
    /// قبل
    Before,
    /// بعد
    After,
    /// خلال
    During,
}

/// A date expression found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    /// The date expression, without a leading preposition.
    pub tokens: Range<usize>,
    /// `None` when it is relative and there is no publication date, or it
    /// refers to a year the text never stated.
    pub value: Option<DateRange>,
    /// It was resolved against the publication date (or needs one).
    pub relative: bool,
    /// Why `value` is `None`.
    pub unresolved: Option<String>,
    /// The preposition before it, if any.
    pub marker: Option<DateMarker>,
    /// The token of that preposition; `None` when it is a clitic on the
    /// expression's first word (بمارس) or there is no marker.
    pub marker_token: Option<usize>,
    /// A numeric date whose day and month could be read either way
    /// (3/4/2015): it was read in the order the text or its outlet uses
    /// ([`DateLexicon::find_all_in_order`]), day first by default.
    pub either_order: bool,
}

// ---------------------------------------------------------------------------
// Rule file schema

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Schema {
    years: YearsRule,
    window: WindowRule,
    words: WordsRule,
    suffix: SuffixRule,
    #[serde(rename = "month")]
    months: Vec<MonthRule>,
    hijri: HijriRule,
    #[serde(rename = "hijri_month", default)]
    hijri_months: Vec<HijriMonthRule>,
    #[serde(rename = "unit", default)]
    units: Vec<UnitRule>,
    #[serde(rename = "count", default)]
    counts: Vec<CountRule>,
    #[serde(rename = "decade", default)]
    decades: Vec<DecadeRule>,
    #[serde(rename = "weekday", default)]
    weekdays: Vec<WeekdayRule>,
    #[serde(rename = "ordinal_day", default)]
    ordinal_days: Vec<OrdinalRule>,
    #[serde(rename = "part", default)]
    parts: Vec<PartRule>,
    #[serde(rename = "marker", default)]
    markers: Vec<MarkerRule>,
    #[serde(rename = "relative", default)]
    relatives: Vec<RelativeRule>,
    #[serde(rename = "nth", default)]
    nths: Vec<NthRule>,
    #[serde(default)]
    context: ContextRule,
    /// `[[example]]` sentences, run by `examples.rs`.
    #[serde(rename = "example", default)]
    _examples: Vec<serde::de::IgnoredAny>,
}

type Names = Vec<Spanned<String>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearsRule {
    min: Spanned<i32>,
    max: Spanned<i32>,
    bare_min: Spanned<i32>,
    bare_max: Spanned<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowRule {
    future_months: Spanned<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsRule {
    year: Names,
    month: Names,
    day: Names,
    of: Names,
    #[serde(default)]
    era: Names,
    #[serde(default)]
    hijri_era: Names,
    #[serde(default)]
    weekday_link: Names,
    #[serde(default)]
    equivalent: Names,
    #[serde(default)]
    time_of_day: Names,
    #[serde(default)]
    event: Names,
    #[serde(default)]
    first_of: Names,
    #[serde(default)]
    range_from: Names,
    #[serde(default)]
    range_to: Names,
    #[serde(default)]
    range_and: Names,
    #[serde(default)]
    ago: Names,
    #[serde(default)]
    about: Names,
    #[serde(default)]
    century: Names,
    #[serde(default)]
    this: Names,
    #[serde(rename = "in", default)]
    in_words: Names,
    #[serde(default)]
    after_year: Names,
}

/// Which weekday of a month: ثالث ثلاثاء من أيلول، الجمعة الأخيرة من رمضان.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NthRule {
    /// 1-5, or -1 for the last.
    n: Spanned<i8>,
    /// Before the weekday, without the article: ثالث ثلاثاء، آخر جمعة.
    before: Names,
    /// After the weekday, with the article: الأربعاء الثانية، الاثنين الأخير.
    after: Names,
}

/// Verbs and words of the clause around a date (see `[context]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextRule {
    #[serde(default)]
    past: Names,
    #[serde(default)]
    present: Names,
    #[serde(default)]
    future: Names,
    #[serde(default)]
    date_nouns: Names,
    #[serde(default)]
    prepositions: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuffixRule {
    past: Names,
    current: Names,
    next: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthRule {
    number: Spanned<u32>,
    #[serde(default)]
    egyptian: Names,
    #[serde(default)]
    levantine: Names,
    #[serde(default)]
    maghrebi: Names,
    #[serde(default)]
    moroccan: Names,
    #[serde(default)]
    english: Names,
    #[serde(default)]
    ambiguous: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HijriRule {
    min_year: Spanned<i32>,
    max_year: Spanned<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HijriMonthRule {
    number: Spanned<u32>,
    names: Names,
    #[serde(default)]
    ambiguous: bool,
}

/// A unit of "N units ago".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRule {
    unit: Unit,
    one: Names,
    two: Names,
    many: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountRule {
    value: Spanned<u32>,
    names: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecadeRule {
    start: Spanned<i32>,
    names: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekdayRule {
    day: Spanned<u32>,
    names: Names,
    #[serde(default)]
    ambiguous: Names,
    /// Without the article, read only before a week: أحد الأسبوع الماضي.
    #[serde(default)]
    construct: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalRule {
    day: Spanned<u32>,
    names: Names,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartRule {
    names: Names,
    #[serde(default)]
    days: Option<Spanned<Vec<u32>>>,
    #[serde(default)]
    months: Option<Spanned<Vec<u32>>>,
    #[serde(default)]
    weekdays: Option<Spanned<Vec<u32>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerRule {
    marker: DateMarker,
    words: Names,
    #[serde(default)]
    bare_year: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeRule {
    resolve: RelKind,
    words: Names,
    /// Only as the last end of a range (اليوم حتى الغد): alone the word
    /// is something else (الغد "the future", a newspaper's name).
    #[serde(default)]
    range_end: bool,
}

/// How a relative phrase is resolved; the rules file documents each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RelKind {
    Today,
    Yesterday,
    DayBeforeYesterday,
    Tomorrow,
    DayAfterTomorrow,
    DaysAgo,
    LastWeek,
    ThisWeek,
    NextWeek,
    LastMonth,
    ThisMonth,
    NextMonth,
    EarlierThisMonth,
    LaterThisMonth,
    EarlyThisMonth,
    LaterThisWeek,
    EarlyThisWeek,
    LaterThisYear,
    LastYear,
    ThisYear,
    NextYear,
    EarlierThisYear,
    SameYear,
    LastDecade,
    LastTwoDecades,
    ThisDecade,
    NextDecade,
}

impl RelKind {
    fn core(self) -> Core {
        match self {
            RelKind::Today => Core::DayOffset(0),
            RelKind::Yesterday => Core::DayOffset(-1),
            RelKind::DayBeforeYesterday => Core::DayOffset(-2),
            RelKind::Tomorrow => Core::DayOffset(1),
            RelKind::DayAfterTomorrow => Core::DayOffset(2),
            RelKind::LastMonth => Core::MonthOffset(-1),
            RelKind::ThisMonth => Core::MonthOffset(0),
            RelKind::NextMonth => Core::MonthOffset(1),
            RelKind::LastYear => Core::Year(YearSpec::Offset(-1)),
            RelKind::ThisYear => Core::Year(YearSpec::Offset(0)),
            RelKind::NextYear => Core::Year(YearSpec::Offset(1)),
            RelKind::SameYear => Core::Year(YearSpec::Same),
            RelKind::DaysAgo
            | RelKind::LastWeek
            | RelKind::ThisWeek
            | RelKind::NextWeek
            | RelKind::EarlierThisMonth
            | RelKind::LaterThisMonth
            | RelKind::EarlyThisMonth
            | RelKind::LaterThisWeek
            | RelKind::EarlyThisWeek
            | RelKind::LaterThisYear
            | RelKind::EarlierThisYear
            | RelKind::LastDecade
            | RelKind::LastTwoDecades
            | RelKind::ThisDecade
            | RelKind::NextDecade => Core::Span(self),
        }
    }

    /// A single day: may follow يوم or a time of day.
    fn is_day(self) -> bool {
        matches!(
            self,
            RelKind::Today
                | RelKind::Yesterday
                | RelKind::DayBeforeYesterday
                | RelKind::Tomorrow
                | RelKind::DayAfterTomorrow
        )
    }

    /// A year, as in ديسمبر من العام الماضي.
    fn year_spec(self) -> Option<YearSpec> {
        match self.core() {
            Core::Year(spec) => Some(spec),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Compiled lexicon

#[derive(Debug, Clone, Copy)]
struct MonthWord {
    month: u32,
    ambiguous: bool,
}

#[derive(Debug, Clone, Copy)]
struct HijriMonthWord {
    month: u32,
    ambiguous: bool,
}

#[derive(Debug, Clone, Copy)]
struct WeekdayWord {
    day: Weekday,
    ambiguous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    /// Days of a month; 31 means the last day.
    days: Option<(u32, u32)>,
    /// Months of a year.
    months: Option<(u32, u32)>,
    /// Days of a week, 1 = Monday.
    weekdays: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct MarkerWord {
    marker: DateMarker,
    bare_year: bool,
}

#[derive(Debug, Clone, Copy)]
struct RelWord {
    kind: RelKind,
    /// This entry is the phrase with its leading ال removed, so that a
    /// clitic-merged article (للعام الماضي) still matches; it only counts
    /// when the token really carried the article.
    needs_article: bool,
    /// Only as the last end of a range.
    range_end: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Past,
    Current,
    Next,
    /// On or after publication: a bare weekday in a future clause.
    Ahead,
}

#[derive(Debug, Clone, Copy)]
struct YearBounds {
    min: i32,
    max: i32,
    bare_min: i32,
    bare_max: i32,
}

/// The date rules, compiled for lookup.
#[derive(Debug, Clone)]
pub struct DateLexicon {
    /// Where a match can start (built from this file's words).
    start: StartGate,
    months: PhraseMatcher<MonthWord>,
    hijri_months: PhraseMatcher<HijriMonthWord>,
    hijri_years: (i32, i32),
    units: PhraseMatcher<(Unit, u32)>,
    counts: PhraseMatcher<u32>,
    decades: PhraseMatcher<i32>,
    first_of: PhraseMatcher<()>,
    range_from: PhraseMatcher<()>,
    range_to: PhraseMatcher<()>,
    range_and: PhraseMatcher<()>,
    ago: PhraseMatcher<()>,
    about: PhraseMatcher<()>,
    century: PhraseMatcher<()>,
    this: PhraseMatcher<()>,
    weekdays: PhraseMatcher<WeekdayWord>,
    weekdays_construct: PhraseMatcher<Weekday>,
    nth_before: PhraseMatcher<i8>,
    nth_after: PhraseMatcher<i8>,
    ordinals: PhraseMatcher<u32>,
    parts: PhraseMatcher<Part>,
    markers: PhraseMatcher<MarkerWord>,
    relatives: PhraseMatcher<RelWord>,
    suffixes: PhraseMatcher<Dir>,
    year_words: PhraseMatcher<()>,
    month_words: PhraseMatcher<()>,
    day_words: PhraseMatcher<()>,
    of_words: PhraseMatcher<()>,
    era: PhraseMatcher<()>,
    hijri_era: PhraseMatcher<()>,
    weekday_link: PhraseMatcher<()>,
    equivalent: PhraseMatcher<()>,
    time_of_day: PhraseMatcher<()>,
    event_words: PhraseMatcher<()>,
    /// Verbs of `[context]`; the value says whether the form is future.
    verbs: PhraseMatcher<bool>,
    future_words: PhraseMatcher<()>,
    date_nouns: PhraseMatcher<()>,
    verb_links: PhraseMatcher<()>,
    in_words: PhraseMatcher<()>,
    after_year: PhraseMatcher<()>,
    years: YearBounds,
    future_months: u32,
}

/// Builds one lexicon from the rule file, checking names as it goes.
struct Builder<'f> {
    file: &'f RuleFile,
}

impl Builder<'_> {
    fn err(&self, span: Range<usize>, msg: impl Into<String>) -> RuleError {
        RuleError::at(self.file, span, msg)
    }

    /// The normalised form of a name; empty names are an error.
    fn name(&self, n: &Spanned<String>) -> Result<String, RuleError> {
        let norm = normalize_str(n.get_ref()).split_whitespace().collect::<Vec<_>>().join(" ");
        if norm.is_empty() {
            return Err(self.err(n.span(), "empty name"));
        }
        Ok(norm)
    }

    fn words(&self, names: &Names) -> Result<PhraseMatcher<()>, RuleError> {
        let mut m = PhraseMatcher::new();
        for n in names {
            m.insert(&self.name(n)?, ());
        }
        Ok(m)
    }

    fn range(&self, v: &Spanned<u32>, lo: u32, hi: u32, what: &str) -> Result<u32, RuleError> {
        let x = *v.get_ref();
        if x < lo || x > hi {
            return Err(self.err(v.span(), format!("{what} must be {lo} to {hi}, not {x}")));
        }
        Ok(x)
    }

    fn pair(&self, v: &Spanned<Vec<u32>>, hi: u32, what: &str) -> Result<(u32, u32), RuleError> {
        match v.get_ref().as_slice() {
            &[a, b] if 1 <= a && a <= b && b <= hi => Ok((a, b)),
            _ => Err(self.err(v.span(), format!("{what} must be [first, last] with 1 <= first <= last <= {hi}"))),
        }
    }
}

impl DateLexicon {
    /// Parses and validates a dates rule file; errors point into the file.
    pub fn from_file(file: &RuleFile) -> Result<Self, RuleError> {
        let s: Schema = file.parse()?;
        let b = Builder { file };

        let y = &s.years;
        let bounds = YearBounds {
            min: *y.min.get_ref(),
            max: *y.max.get_ref(),
            bare_min: *y.bare_min.get_ref(),
            bare_max: *y.bare_max.get_ref(),
        };
        for v in [&y.min, &y.max, &y.bare_min, &y.bare_max] {
            if !(1000..=9999).contains(v.get_ref()) {
                return Err(b.err(v.span(), "years are four-digit numbers (1000 to 9999)"));
            }
        }
        if !(bounds.min <= bounds.bare_min && bounds.bare_min <= bounds.bare_max && bounds.bare_max <= bounds.max) {
            return Err(b.err(y.bare_min.span(), "need min <= bare_min <= bare_max <= max"));
        }
        let future_months = b.range(&s.window.future_months, 0, 11, "future_months")?;

        let mut months = PhraseMatcher::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut numbers_seen = [false; 13];
        for m in &s.months {
            let number = b.range(&m.number, 1, 12, "month number")?;
            let slot = &mut numbers_seen[number as usize];
            if *slot {
                return Err(b.err(m.number.span(), format!("month {number} is listed twice")));
            }
            *slot = true;
            let mut own = Vec::new();
            for n in m.egyptian.iter().chain(&m.levantine).chain(&m.maghrebi).chain(&m.moroccan).chain(&m.english) {
                let norm = b.name(n)?;
                match seen.get(&norm) {
                    Some(&other) if other != number => {
                        return Err(b.err(n.span(), format!("this name is already month {other}")));
                    }
                    _ => {}
                }
                seen.insert(norm.clone(), number);
                own.push(norm);
            }
            let mut ambiguous = Vec::new();
            for n in &m.ambiguous {
                let norm = b.name(n)?;
                if !own.contains(&norm) {
                    return Err(b.err(n.span(), "an ambiguous name must also be listed as a name of this month"));
                }
                ambiguous.push(norm);
            }
            own.sort();
            own.dedup();
            for norm in own {
                let word = MonthWord { month: number, ambiguous: ambiguous.contains(&norm) };
                months.insert(&norm, word);
            }
        }

        let mut hijri_months = PhraseMatcher::new();
        for h in &s.hijri_months {
            let number = b.range(&h.number, 1, 12, "Hijri month number")?;
            for n in &h.names {
                hijri_months.insert(&b.name(n)?, HijriMonthWord { month: number, ambiguous: h.ambiguous });
            }
        }
        let hijri_years = (*s.hijri.min_year.get_ref(), *s.hijri.max_year.get_ref());
        if !(1..=hijri_years.1).contains(&hijri_years.0) || hijri_years.1 > 9999 {
            return Err(b.err(s.hijri.min_year.span(), "need 1 <= min_year <= max_year <= 9999"));
        }

        let mut units = PhraseMatcher::new();
        for u in &s.units {
            for (names, n) in [(&u.one, 1), (&u.two, 2), (&u.many, 0)] {
                for name in names {
                    units.insert(&b.name(name)?, (u.unit, n));
                }
            }
        }
        let mut counts = PhraseMatcher::new();
        for c in &s.counts {
            let v = b.range(&c.value, 1, 100, "count")?;
            for n in &c.names {
                counts.insert(&b.name(n)?, v);
            }
        }
        let mut decades = PhraseMatcher::new();
        for d in &s.decades {
            let start = *d.start.get_ref();
            if start % 10 != 0 || !(bounds.min..=bounds.max).contains(&start) {
                return Err(b.err(d.start.span(), "a decade starts at a year ending in 0, within [years]"));
            }
            for n in &d.names {
                decades.insert(&b.name(n)?, start);
            }
        }

        let mut weekdays = PhraseMatcher::new();
        let mut weekdays_construct = PhraseMatcher::new();
        for w in &s.weekdays {
            let n = b.range(&w.day, 1, 7, "weekday (1 = Monday)")?;
            let day = Weekday::try_from((n - 1) as u8).unwrap_or(Weekday::Mon);
            let names: Vec<String> = w.names.iter().map(|n| b.name(n)).collect::<Result<_, _>>()?;
            for a in &w.ambiguous {
                if !names.contains(&b.name(a)?) {
                    return Err(b.err(a.span(), "an ambiguous name must also be listed in names"));
                }
            }
            let ambiguous: Vec<String> = w.ambiguous.iter().map(|n| b.name(n)).collect::<Result<_, _>>()?;
            for n in names {
                let word = WeekdayWord { day, ambiguous: ambiguous.contains(&n) };
                weekdays.insert(&n, word);
            }
            for n in &w.construct {
                weekdays_construct.insert(&b.name(n)?, day);
            }
        }

        let mut ordinals = PhraseMatcher::new();
        for o in &s.ordinal_days {
            let day = b.range(&o.day, 1, 31, "ordinal day")?;
            for n in &o.names {
                ordinals.insert(&b.name(n)?, day);
            }
        }

        let mut parts = PhraseMatcher::new();
        for p in &s.parts {
            let days = p.days.as_ref().map(|d| b.pair(d, 31, "days")).transpose()?;
            let months_of = p.months.as_ref().map(|d| b.pair(d, 12, "months")).transpose()?;
            let weekdays_of = p.weekdays.as_ref().map(|d| b.pair(d, 7, "weekdays")).transpose()?;
            if days.is_none() && months_of.is_none() {
                let at = p.names.first().map(|n| n.span()).unwrap_or(0..0);
                return Err(b.err(at, "a part needs `days`, `months` or both"));
            }
            for n in &p.names {
                parts.insert(&b.name(n)?, Part { days, months: months_of, weekdays: weekdays_of });
            }
        }

        let mut markers = PhraseMatcher::new();
        for m in &s.markers {
            for n in &m.words {
                markers.insert(&b.name(n)?, MarkerWord { marker: m.marker, bare_year: m.bare_year });
            }
        }

        let mut relatives = PhraseMatcher::new();
        for r in &s.relatives {
            for n in &r.words {
                let norm = b.name(n)?;
                let range_end = r.range_end;
                relatives.insert(&norm, RelWord { kind: r.resolve, needs_article: false, range_end });
                if let Some(rest) = norm.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
                    relatives.insert(rest, RelWord { kind: r.resolve, needs_article: true, range_end });
                }
            }
        }

        let mut suffixes = PhraseMatcher::new();
        for (names, dir) in
            [(&s.suffix.past, Dir::Past), (&s.suffix.current, Dir::Current), (&s.suffix.next, Dir::Next)]
        {
            for n in names {
                suffixes.insert(&b.name(n)?, dir);
            }
        }

        let (mut nth_before, mut nth_after) = (PhraseMatcher::new(), PhraseMatcher::new());
        for r in &s.nths {
            let n = *r.n.get_ref();
            if !(n == -1 || (1..=5).contains(&n)) {
                return Err(b.err(r.n.span(), "n is 1 to 5, or -1 for the last"));
            }
            for w in &r.before {
                nth_before.insert(&b.name(w)?, n);
            }
            for w in &r.after {
                nth_after.insert(&b.name(w)?, n);
            }
        }

        let mut verbs = PhraseMatcher::new();
        for n in &s.context.past {
            for form in past_forms(&b.name(n)?) {
                verbs.insert(&form, false);
            }
        }
        for n in &s.context.present {
            let norm = b.name(n)?;
            // English verbs are listed in the forms news writes them.
            if norm.is_ascii() {
                verbs.insert(&norm, false);
                continue;
            }
            let forms = present_forms(&norm)
                .ok_or_else(|| b.err(n.span(), "a present verb is written in the third person, starting with ي"))?;
            for (form, future) in forms {
                verbs.insert(&form, future);
            }
        }

        let w = &s.words;
        Ok(DateLexicon {
            start: StartGate::new(file.strings()?.iter().map(String::as_str)),
            months,
            hijri_months,
            hijri_years,
            units,
            counts,
            decades,
            first_of: b.words(&w.first_of)?,
            range_from: b.words(&w.range_from)?,
            range_to: b.words(&w.range_to)?,
            range_and: b.words(&w.range_and)?,
            ago: b.words(&w.ago)?,
            about: b.words(&w.about)?,
            century: b.words(&w.century)?,
            this: b.words(&w.this)?,
            weekdays,
            weekdays_construct,
            nth_before,
            nth_after,
            ordinals,
            parts,
            markers,
            relatives,
            suffixes,
            year_words: b.words(&w.year)?,
            month_words: b.words(&w.month)?,
            day_words: b.words(&w.day)?,
            of_words: b.words(&w.of)?,
            era: b.words(&w.era)?,
            hijri_era: b.words(&w.hijri_era)?,
            weekday_link: b.words(&w.weekday_link)?,
            equivalent: b.words(&w.equivalent)?,
            time_of_day: b.words(&w.time_of_day)?,
            event_words: b.words(&w.event)?,
            verbs,
            future_words: b.words(&s.context.future)?,
            date_nouns: b.words(&s.context.date_nouns)?,
            verb_links: b.words(&s.context.prepositions)?,
            in_words: b.words(&w.in_words)?,
            after_year: b.words(&w.after_year)?,
            years: bounds,
            future_months,
        })
    }

    /// The compiled-in `rules/dates.toml`.
    pub fn builtin() -> Self {
        let file = RuleSource::builtin().file("dates.toml").expect("built-in dates.toml exists");
        DateLexicon::from_file(&file).expect("built-in dates.toml is valid (tested)")
    }

    /// The date expression starting at token `i` (longest), resolving
    /// relative forms against `published`.
    pub fn parse_at(&self, t: &Tokenized, i: usize, published: Option<NaiveDate>) -> Option<DateMatch> {
        let p = self.parse(t, i)?;
        if p.named_event {
            return None;
        }
        Some(self.build(t, i, &p, &Ctx { published, same_year: None, month_first: false, hijri_text: false }).0)
    }

    /// This lexicon with its [`StartGate`] open: every token is tried.
    /// Slower and otherwise identical; tests compare the two.
    pub fn ungated(&self) -> Self {
        Self { start: StartGate::open(), ..self.clone() }
    }

    /// Can a date start at token `i`? See [`StartGate`].
    pub fn starts(&self, t: &Tokenized, i: usize) -> bool {
        self.start.admits(t, i)
    }

    /// All date expressions of a document, left to right, non-overlapping.
    /// "The same year" (من العام نفسه، ذلك العام) resolves to the last year
    /// stated before it.
    pub fn find_all(&self, t: &Tokenized, published: Option<NaiveDate>) -> Vec<DateMatch> {
        self.find_all_in_order(t, published, false)
    }

    /// [`find_all`](Self::find_all), reading a numeric day and month that
    /// fit either way (3/4/2015) month first when `month_first`: the
    /// order another date of the text shows ([`Self::month_first_in`]) or
    /// its outlet uses.
    pub fn find_all_in_order(&self, t: &Tokenized, published: Option<NaiveDate>, month_first: bool) -> Vec<DateMatch> {
        let mut out = Vec::new();
        let hijri_text = (0..t.len())
            .any(|j| t.kind(j) == Some(TokenKind::Number) && Self::word(&self.hijri_era, t, j + 1, false).is_some());
        let mut cx = Ctx { published, same_year: None, month_first, hijri_text };
        let mut i = 0;
        while i < t.len() {
            if !self.start.admits(t, i) {
                i += 1;
                continue;
            }
            match self.parse(t, i) {
                Some(p) => {
                    if !p.named_event {
                        let (m, year) = self.build(t, i, &p, &cx);
                        if year.is_some() {
                            cx.same_year = year;
                        }
                        out.push(m);
                    }
                    i = p.end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Grammar

/// Which year a month or day belongs to, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    Explicit(i32),
    /// Publication year plus this.
    Offset(i32),
    /// The last year stated earlier in the document.
    Same,
    /// No year written.
    Unstated,
    /// A two-digit year (22/4/24): the year of that ending nearest before
    /// publication (at most a year after it).
    TwoDigit(i32),
}

/// What an expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Core {
    Day {
        day: u32,
        month: u32,
        dir: Option<Dir>,
        year: YearSpec,
    },
    Month {
        month: u32,
        dir: Option<Dir>,
        year: YearSpec,
    },
    Year(YearSpec),
    /// Publication month plus this.
    MonthOffset(i32),
    /// Publication day plus this.
    DayOffset(i64),
    /// A span of days around the publication date.
    Span(RelKind),
    Weekday {
        day: Weekday,
        dir: Option<Dir>,
    },
    /// A Hijri date, month or year; converted with Umm al-Qura.
    Hijri {
        day: Option<u32>,
        month: Option<u32>,
        year: HijriYear,
    },
    /// A day of the month `k` months after publication's: 20 من الشهر المقبل.
    DayOfMonthOffset {
        day: u32,
        k: i32,
    },
    /// N units before publication: قبل 3 أيام، منذ عامين.
    Ago {
        n: u32,
        unit: Unit,
        about: bool,
    },
    /// A named decade: السبعينيات.
    Decade(i32),
    /// A weekday of the week `week` weeks after publication's: الجمعة من الأسبوع المقبل.
    WeekdayOfWeek {
        day: Weekday,
        week: i64,
    },
    /// The `n`th (-1: last) `day` of a month: ثالث ثلاثاء من أيلول 2014.
    NthWeekday {
        n: i8,
        day: Weekday,
        month: MonthRef,
    },
}

/// A month as an `NthWeekday` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthRef {
    Named {
        month: u32,
        dir: Option<Dir>,
        year: YearSpec,
    },
    /// Publication month plus this.
    Offset(i32),
}

/// The year of a Hijri date, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HijriYear {
    Hijri(i32),
    /// A Gregorian year after a Hijri month (رمضان 2019): the month that starts in it.
    Gregorian(i32),
    Unstated,
}

impl Core {
    /// What a range end is: 1 a day, 2 a month, 3 a year, 0 none.
    fn kind(&self) -> u8 {
        match self {
            Core::Day { .. }
            | Core::DayOffset(_)
            | Core::Weekday { .. }
            | Core::WeekdayOfWeek { .. }
            | Core::NthWeekday { .. }
            | Core::DayOfMonthOffset { .. } => 1,
            Core::Month { .. } | Core::MonthOffset(_) => 2,
            Core::Year(_) => 3,
            _ => 0,
        }
    }

    /// The part of a period that applies to this core, if any.
    fn accepts(&self, part: &Part) -> bool {
        match self {
            Core::Month { .. } | Core::MonthOffset(_) => part.days.is_some(),
            Core::Span(RelKind::LastWeek | RelKind::ThisWeek | RelKind::NextWeek) => part.weekdays.is_some(),
            Core::Year(_) => part.months.is_some(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Parsed {
    /// One past the last token.
    end: usize,
    core: Core,
    part: Option<Part>,
    /// A preposition clitic on the first word.
    prep: Option<char>,
    /// A month without a year right after an event word (ثورة 25 يناير): a name, not a date.
    named_event: bool,
    /// The first end of a range (من 15 إلى 20 مارس); `core` is the last.
    from: Option<Core>,
    /// A numeric day and month that could be read either way (3/4).
    either_order: bool,
}

impl Parsed {
    fn new(end: usize, core: Core, prep: Option<char>) -> Self {
        Parsed { end, core, part: None, prep, named_event: false, from: None, either_order: false }
    }
}

/// A month name with what follows it.
#[derive(Debug, Clone, Copy)]
struct MonthParse {
    month: u32,
    dir: Option<Dir>,
    year: YearSpec,
    end: usize,
    prep: Option<char>,
}

/// Keeps the candidate that reaches furthest; the first wins a tie.
fn longest(cands: impl IntoIterator<Item = Option<Parsed>>) -> Option<Parsed> {
    let mut best: Option<Parsed> = None;
    for p in cands.into_iter().flatten() {
        if best.is_none_or(|b| p.end > b.end) {
            best = Some(p);
        }
    }
    best
}

/// Digits only, as a number.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A past verb (normalised) as written in news: وقع، وقعت، وقعوا، وقعا;
/// one ending in ي (جرى) also drops it: جرت، جروا.
fn past_forms(v: &str) -> Vec<String> {
    // English verbs are listed in the forms news writes them.
    if v.is_ascii() {
        return vec![v.to_string()];
    }
    let mut out = vec![v.to_string(), format!("{v}ت"), format!("{v}وا"), format!("{v}ا")];
    if let Some(stem) = v.strip_suffix('ي').filter(|s| s.chars().count() >= 2) {
        out.extend([format!("{stem}ت"), format!("{stem}وا")]);
    }
    out
}

/// A present verb (normalised, starting with ي) with each person prefix,
/// and with the future prefix س (true).
fn present_forms(v: &str) -> Option<Vec<(String, bool)>> {
    let stem = v.strip_prefix('ي').filter(|s| s.chars().count() >= 2)?;
    let mut out = Vec::new();
    for p in ["ي", "ت", "ن", "ا"] {
        out.push((format!("{p}{stem}"), false));
        out.push((format!("س{p}{stem}"), true));
    }
    Some(out)
}

fn max_day(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateLexicon {
    /// End of a word of `m` at `j`; `clitics` allows و ف ب ل ك and ال on it.
    fn word(m: &PhraseMatcher<()>, t: &Tokenized, j: usize, clitics: bool) -> Option<usize> {
        let pm = if clitics { m.longest_at(t, j) } else { m.bare_at(t, j) };
        pm.map(|p| p.tokens.end)
    }

    /// Whether a word for today (`resolve = "today"`: اليوم) is at token
    /// `k`.
    pub fn today_at(&self, t: &Tokenized, k: usize) -> bool {
        self.relative_at(t, k).is_some_and(|(kind, ..)| kind == RelKind::Today)
    }

    /// Whether a `since` marker word (منذ) starts at token `k`.
    pub fn since_at(&self, t: &Tokenized, k: usize) -> bool {
        self.markers.all_at(t, k).iter().any(|m| m.value.marker == DateMarker::Since)
    }

    fn marker_before(&self, t: &Tokenized, i: usize) -> Option<(MarkerWord, usize)> {
        (i.saturating_sub(2)..i).find_map(|k| {
            let m = self.markers.all_at(t, k).into_iter().find(|m| m.tokens.end == i)?;
            Some((*m.value, k))
        })
    }

    fn event_before(&self, t: &Tokenized, i: usize) -> bool {
        (i.saturating_sub(2)..i).any(|k| self.event_words.all_at(t, k).iter().any(|m| m.tokens.end == i))
    }

    fn relative_at(&self, t: &Tokenized, j: usize) -> Option<(RelKind, usize, Option<char>)> {
        self.relative_or_end_at(t, j, false)
    }

    /// Like `relative_at`; `range_end` also admits words that are relative
    /// only as the last end of a range.
    fn relative_or_end_at(&self, t: &Tokenized, j: usize, range_end: bool) -> Option<(RelKind, usize, Option<char>)> {
        let m = self
            .relatives
            .all_at(t, j)
            .into_iter()
            .find(|m| (!m.value.needs_article || m.article) && (range_end || !m.value.range_end))?;
        Some((m.value.kind, m.tokens.end, m.prep))
    }

    fn suffix_at(&self, t: &Tokenized, j: usize) -> Option<(Dir, usize)> {
        self.suffixes.bare_at(t, j).map(|m| (*m.value, m.tokens.end))
    }

    /// A month name (never with the article) at `j`.
    fn month_name_at(&self, t: &Tokenized, j: usize) -> Option<(MonthWord, usize, Option<char>)> {
        let m = self.months.all_at(t, j).into_iter().find(|m| !m.article)?;
        Some((*m.value, m.tokens.end, m.prep))
    }

    /// A year number at `j` within `[lo, hi]`: its value, end, and whether
    /// the Gregorian era letter is attached (2012م). A Hijri year is none.
    fn year_at(&self, t: &Tokenized, j: usize, lo: i32, hi: i32) -> Option<(i32, usize, bool)> {
        if t.kind(j) != Some(TokenKind::Number) || t.text(j).len() != 4 {
            return None;
        }
        let y = digits(t.text(j))? as i32;
        if y < lo || y > hi || Self::word(&self.hijri_era, t, j + 1, false).is_some() || self.before_equivalent(t, j, y)
        {
            return None;
        }
        let attached = t.tokens.get(j + 1).is_some_and(|tok| !tok.space_before);
        match Self::word(&self.era, t, j + 1, false) {
            Some(e) if attached => Some((y, e, true)),
            // "50كم", "2000كلم", "30ملم": a unit written against the digits
            // makes a measure; only an era mark may be written against a year.
            _ if attached && t.kind(j + 1) == Some(TokenKind::Word) => None,
            _ => Some((y, j + 1, false)),
        }
    }

    /// A day number 1-31 at `j`.
    fn day_number_at(&self, t: &Tokenized, j: usize) -> Option<u32> {
        if t.kind(j) != Some(TokenKind::Number) || t.text(j).len() > 2 {
            return None;
        }
        digits(t.text(j)).filter(|d| (1..=31).contains(d))
    }

    /// The tokens of a verb of `[context]` starting at `j` («opened»,
    /// «took place», «وصل»).
    pub fn context_verb_at(&self, t: &Tokenized, j: usize) -> Option<Range<usize>> {
        self.verbs.all_at(t, j).into_iter().find(|m| m.prep.is_none() && !m.article).map(|m| m.tokens)
    }

    /// A verb of `[context]` at `j` (one word, و/ف allowed): whether it
    /// is future (سيعقد، or سوف/لن right before it).
    fn verb_at(&self, t: &Tokenized, j: usize) -> Option<bool> {
        let m = self.verbs.all_at(t, j).into_iter().find(|m| m.prep.is_none() && !m.article)?;
        let particle = j > 0 && self.future_words.all_at(t, j - 1).iter().any(|f| f.tokens.end == j);
        Some(*m.value || particle)
    }

    /// A verb of `[context]` right before `i`, or before it and at most two
    /// words (its subject): عقد اليوم، عقد المجلس اجتماعه اليوم.
    fn verb_with_subject_before(&self, t: &Tokenized, i: usize) -> bool {
        (i.saturating_sub(3)..i)
            .any(|k| self.verb_at(t, k).is_some() && (k + 1..i).all(|j| t.kind(j) == Some(TokenKind::Word)))
    }

    /// Does the clause before `i` speak of the future? The nearest verb of
    /// `[context]` or future word (سوف، من المقرر) within a few words and
    /// the sentence decides; with none, it is the past (news reports it).
    fn future_before(&self, t: &Tokenized, i: usize) -> bool {
        let sentence = t.sentence_of(i);
        let mut k = i;
        while k > i.saturating_sub(8) {
            k -= 1;
            if t.sentence_of(k) != sentence || matches!(t.text(k), "." | "!" | "?" | "؟" | "؛" | ":") {
                return false;
            }
            if let Some(future) = self.verb_at(t, k) {
                // من المقرر أن يصل: a future word before the verb and أن.
                return future
                    || (k.saturating_sub(4)..k)
                        .any(|j| self.future_words.all_at(t, j).iter().any(|m| m.tokens.end + 1 >= k));
            }
            if self.future_words.all_at(t, k).iter().any(|m| m.tokens.end <= i) {
                return true;
            }
        }
        false
    }

    /// Does what comes before a numeric day/month with no year (or a
    /// two-digit year) at `i` make it a date? A date noun, يوم, a weekday,
    /// a time of day or الموافق right before it; a verb of `[context]` right
    /// before it; or such a verb, at most two words (its subject), and a
    /// preposition of `[context]` before it (وقع الهجوم في 22/04).
    fn numeric_context(&self, t: &Tokenized, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else { return false };
        let ends_here = |m: &PhraseMatcher<()>, k: usize| m.all_at(t, k).iter().any(|x| x.tokens.end == i);
        let noun = (i.saturating_sub(2)..i).any(|k| {
            [&self.date_nouns, &self.day_words, &self.time_of_day, &self.equivalent].iter().any(|m| ends_here(m, k))
                || self.weekdays.all_at(t, k).iter().any(|x| x.tokens.end == i)
        });
        if noun || self.verb_at(t, prev).is_some() {
            return true;
        }
        (i.saturating_sub(2)..i).any(|k| {
            self.verb_links.all_at(t, k).iter().any(|m| m.tokens.end == i) && self.verb_with_subject_before(t, k)
        })
    }

    /// A month context after a numeric day/month ending at `end`, as a
    /// direction of its month and where it ends: 22/04 الماضي، 22/04 من
    /// الشهر الجاري.
    fn month_context_after(&self, t: &Tokenized, end: usize) -> Option<(Dir, usize)> {
        if let Some(found) = self.suffix_at(t, end) {
            return Some(found);
        }
        let k = Self::word(&self.of_words, t, end, false).unwrap_or(end);
        match self.relative_at(t, k) {
            Some((kind, e, _)) => match kind.core() {
                Core::MonthOffset(-1) => Some((Dir::Past, e)),
                Core::MonthOffset(0) => Some((Dir::Current, e)),
                Core::MonthOffset(1) => Some((Dir::Next, e)),
                _ => None,
            },
            None => None,
        }
    }

    /// The longest date expression starting at `i`.
    fn parse(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let marker = self.marker_before(t, i).map(|(m, _)| m);
        let ctx = marker.is_some();
        let bare = marker.is_some_and(|m| m.bare_year);
        let p = longest([
            self.relative(t, i),
            self.part(t, i),
            self.time_of_day(t, i),
            self.day_word(t, i),
            self.weekday(t, i, ctx),
            self.target(t, i, ctx, bare),
            self.range(t, i, bare),
            self.this_weekday(t, i),
            self.weekday_of_week(t, i),
            self.nth_weekday(t, i),
            self.ago(t, i),
            self.decade(t, i),
        ])?;
        let mut p = self.dual(t, p);
        // A weekday with no past/next word in a future clause (سيزور القاهرة
        // الخميس) is the next one on or after publication.
        if let Core::Weekday { day, dir: None } = p.core {
            if p.from.is_none() && self.future_before(t, i) {
                p.core = Core::Weekday { day, dir: Some(Dir::Ahead) };
            }
        }
        let yearless = matches!(
            p.core,
            Core::Day { dir: None, year: YearSpec::Unstated, .. }
                | Core::Month { dir: None, year: YearSpec::Unstated, .. }
        );
        Some(Parsed { named_event: yearless && marker.is_none() && p.part.is_none() && self.event_before(t, i), ..p })
    }

    /// A relative week: its offset from publication's week.
    fn week_offset(kind: RelKind) -> Option<i64> {
        match kind {
            RelKind::LastWeek => Some(-1),
            RelKind::ThisWeek => Some(0),
            RelKind::NextWeek => Some(1),
            _ => None,
        }
    }

    fn relative(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let (kind, end, prep) = self.relative_at(t, i)?;
        // الأسبوع المقبل يوم الجمعة: a weekday of that week.
        if let Some(week) = Self::week_offset(kind) {
            let k = self.plain_day_word(t, end).unwrap_or(end);
            // الأسبوع المقبل بين الأربعاء والجمعة: days of that week.
            if let Some(r) = self.range(t, end, false) {
                if let (Some(Core::Weekday { day: a, dir: None }), Core::Weekday { day: b, dir: None }) =
                    (r.from, r.core)
                {
                    let from = Some(Core::WeekdayOfWeek { day: a, week });
                    return Some(Parsed {
                        from,
                        prep,
                        ..Parsed::new(r.end, Core::WeekdayOfWeek { day: b, week }, prep)
                    });
                }
            }
            if let Some(w) = self.weekdays.bare_at(t, k) {
                let day = w.value.day;
                return Some(Parsed::new(w.tokens.end, Core::WeekdayOfWeek { day, week }, prep));
            }
        }
        if kind != RelKind::Today {
            return Some(Parsed::new(end, kind.core(), prep));
        }
        // "اليوم" alone is too often "nowadays" (العالم اليوم) or a noun
        // (اليوم الوطني، اليوم الأول); it is today before a weekday (اليوم
        // الخميس) or right after a verb of [context] (عقد اليوم، سأعود اليوم),
        // and after صباح/مساء (see `time_of_day`).
        // The weekday decides which day: a record's date is often when it
        // was crawled, days after print (اليوم الاثنين in a record of
        // Saturday is the Monday before).
        if let Some(w) = self.weekdays.bare_at(t, end) {
            return Some(Parsed::new(w.tokens.end, Core::Weekday { day: w.value.day, dir: Some(Dir::Current) }, prep));
        }
        let noun_after = t.kind(end) == Some(TokenKind::Word) && t.text(end).starts_with("ال");
        (prep.is_none() && !noun_after && self.verb_with_subject_before(t, i))
            .then(|| Parsed::new(end, Core::DayOffset(0), prep))
    }

    /// مطلع/منتصف/أواخر ... + a month or a year.
    fn part(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let pm = self.parts.all_at(t, i).into_iter().find(|m| !m.article)?;
        let part = *pm.value;
        let mut k = pm.tokens.end;
        if let Some(e) = Self::word(&self.of_words, t, k, false) {
            k = e;
        }
        let rel = self.relative_at(t, k).map(|(kind, end, _)| Parsed::new(end, kind.core(), None));
        let p = longest([rel, self.target(t, k, true, true)])?;
        if !p.core.accepts(&part) {
            return None;
        }
        if let Core::Month { month, dir, year } = p.core {
            if self.first_of.all_at(t, i).iter().any(|m| m.tokens.end == pm.tokens.end && !m.article) {
                return Some(Parsed { core: Core::Day { day: 1, month, dir, year }, prep: pm.prep, ..p });
            }
        }
        Some(Parsed { part: Some(part), prep: pm.prep, ..p })
    }

    /// صباح/مساء + a weekday, a date, or أمس/اليوم.
    fn time_of_day(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let k = Self::word(&self.time_of_day, t, i, true)?;
        let rel = self
            .relative_at(t, k)
            .filter(|(kind, ..)| kind.is_day())
            .map(|(kind, end, _)| Parsed::new(end, kind.core(), None));
        let p = longest([self.weekday(t, k, true), rel, self.day(t, k), self.numeric(t, k, true)])?;
        Some(Parsed { prep: None, ..p })
    }

    /// يوم + a weekday, a date, or أمس.
    fn day_word(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let k = Self::word(&self.day_words, t, i, true)?;
        let rel = self
            .relative_at(t, k)
            .filter(|(kind, ..)| kind.is_day() && *kind != RelKind::Today)
            .map(|(kind, end, _)| Parsed::new(end, kind.core(), None));
        let p = longest([self.weekday(t, k, true), rel, self.day(t, k), self.numeric(t, k, true)])?;
        Some(Parsed { prep: None, ..p })
    }

    /// A weekday without the article before a relative week: أحد الأسبوع
    /// الماضي، جمعة الأسبوع المقبل.
    fn weekday_of_week(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let m = self.weekdays_construct.all_at(t, i).into_iter().find(|m| !m.article)?;
        let (kind, end, _) = self.relative_at(t, m.tokens.end)?;
        let week = Self::week_offset(kind)?;
        Some(Parsed::new(end, Core::WeekdayOfWeek { day: *m.value, week }, m.prep))
    }

    /// The nth weekday of a month: ثالث ثلاثاء في أيلول 2014، أول يوم جمعة من
    /// يوليو، آخر اثنين من الشهر القادم، الأربعاء الثانية من شهر أكتوبر.
    /// (الثلاثاء الثالث من سبتمبر is Tuesday 3 September: an ordinal that is
    /// also a day is read as the day.)
    fn nth_weekday(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let (n, day, k, prep) = if let Some(m) = self.nth_before.all_at(t, i).into_iter().find(|m| !m.article) {
            let k = self.plain_day_word(t, m.tokens.end).unwrap_or(m.tokens.end);
            let w = self.weekdays_construct.all_at(t, k).into_iter().find(|w| !w.article && w.prep.is_none())?;
            (*m.value, *w.value, w.tokens.end, m.prep)
        } else {
            let w = self.weekdays.longest_at(t, i)?;
            let m = self.nth_after.all_at(t, w.tokens.end).into_iter().find(|m| m.prep.is_none())?;
            (*m.value, w.value.day, m.tokens.end, w.prep)
        };
        let k =
            Self::word(&self.of_words, t, k, false).or_else(|| Self::word(&self.in_words, t, k, false)).unwrap_or(k);
        let rel = self.relative_at(t, k).and_then(|(kind, end, _)| match kind.core() {
            Core::MonthOffset(off) => Some((MonthRef::Offset(off), end)),
            _ => None,
        });
        let named = self.target(t, k, true, true).and_then(|p| match p.core {
            Core::Month { month, dir, year } if p.part.is_none() && p.from.is_none() => {
                Some((MonthRef::Named { month, dir, year }, p.end))
            }
            _ => None,
        });
        let (month, end) = match (rel, named) {
            (Some(a), Some(b)) => {
                if b.1 > a.1 {
                    b
                } else {
                    a
                }
            }
            (a, b) => a.or(b)?,
        };
        Some(Parsed::new(end, Core::NthWeekday { n, day, month }, prep))
    }

    /// هذا + a weekday: هذا الاثنين، هذا يوم الجمعة (this week's, as a bare
    /// weekday: on or before publication, or after it in a future clause).
    fn this_weekday(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let k = Self::word(&self.this, t, i, true)?;
        let p = longest([self.day_word(t, k), self.weekday(t, k, true)])?;
        matches!(p.core, Core::Weekday { dir: None, .. }).then_some(p)
    }

    /// A weekday, optionally followed by a date (which wins) or past/next.
    fn weekday(&self, t: &Tokenized, i: usize, ctx: bool) -> Option<Parsed> {
        let m = self.weekdays.longest_at(t, i)?;
        let w = *m.value;
        let k = m.tokens.end;
        let link = match t.text(k) {
            "،" | "," => Some(k + 1),
            _ => Self::word(&self.weekday_link, t, k, false),
        };
        let day_or_hijri = |j: usize| {
            let hijri_day = self.hijri(t, j, true).filter(|p| matches!(p.core, Core::Hijri { day: Some(_), .. }));
            longest([self.day(t, j), self.numeric(t, j, true), hijri_day])
        };
        if let Some(p) = day_or_hijri(k).or_else(|| link.and_then(day_or_hijri)) {
            return Some(Parsed { prep: m.prep, ..p });
        }
        let k1 = Self::word(&self.of_words, t, k, false).unwrap_or(k);
        if let Some((kind, end, _)) = self.relative_at(t, k1) {
            if let Some(week) = Self::week_offset(kind) {
                return Some(Parsed::new(end, Core::WeekdayOfWeek { day: w.day, week }, m.prep));
            }
        }
        if let Some((dir, end)) = self.suffix_at(t, k).filter(|(d, _)| *d != Dir::Current) {
            return Some(Parsed::new(end, Core::Weekday { day: w.day, dir: Some(dir) }, m.prep));
        }
        // «وقع الاثنين», «أعلن الأحد»: right after a verb of [context] an
        // ambiguous name is the day, not "the two" or "the one".
        let after_verb = i > 0 && m.prep.is_none() && self.verb_at(t, i - 1).is_some();
        (!w.ambiguous || ctx || after_verb || m.prep == Some('ب'))
            .then(|| Parsed::new(k, Core::Weekday { day: w.day, dir: None }, m.prep))
    }

    /// A calendar date, month or year (no relative phrase at the start).
    fn target(&self, t: &Tokenized, i: usize, ctx: bool, bare_year: bool) -> Option<Parsed> {
        if let Some(h) = self.hijri(t, i, ctx) {
            return Some(h);
        }
        if self.hijri_months.longest_at(t, i).is_some() {
            return None;
        }
        let month_word = Self::word(&self.month_words, t, i, true).and_then(|k| {
            let mp = self.month(t, k, true)?;
            Some(Parsed::new(mp.end, Core::Month { month: mp.month, dir: mp.dir, year: mp.year }, None))
        });
        let this_month = Self::word(&self.this, t, i, false).and_then(|k| {
            let k = Self::word(&self.month_words, t, k, false).unwrap_or(k);
            let mp = self.month(t, k, true).filter(|mp| mp.dir.is_none() && mp.year == YearSpec::Unstated)?;
            Some(Parsed::new(mp.end, Core::Month { month: mp.month, dir: Some(Dir::Current), year: mp.year }, None))
        });
        let month = self
            .month(t, i, ctx)
            .map(|mp| Parsed::new(mp.end, Core::Month { month: mp.month, dir: mp.dir, year: mp.year }, mp.prep));
        let y = self.years;
        let year_word = Self::word(&self.year_words, t, i, true)
            .and_then(|k| self.year_at(t, k, y.min, y.max))
            .map(|(year, end, _)| Parsed::new(end, Core::Year(YearSpec::Explicit(year)), None));
        let year = self.year_at(t, i, y.min, y.max).and_then(|(year, end, era)| {
            // "1000م" may be 1,000 metres: the era letter makes a year of a
            // number outside the bare range only in date context (a
            // preposition, الموافق); see [words] era.
            let plausible = (y.bare_min..=y.bare_max).contains(&year);
            let ok = (era && (ctx || plausible)) || (bare_year && plausible);
            ok.then(|| Parsed::new(end, Core::Year(YearSpec::Explicit(year)), None))
        });
        longest([
            self.numeric(t, i, false),
            self.day(t, i),
            self.month_day(t, i),
            month_word,
            this_month,
            month,
            year_word,
            year,
            self.hijri_year(t, i),
        ])
    }

    /// A day (number or ordinal + من) and a month: 15 مارس، الأول من أكتوبر.
    fn day(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let (day, k, prep) = match self.day_number_at(t, i) {
            // 28-نوفمبر، 2. أكتوبر: a separator attached to the day number.
            Some(d)
                if matches!(t.text(i + 1), "-" | "." | "/") && t.tokens.get(i + 1).is_some_and(|x| !x.space_before) =>
            {
                (d, i + 2, None)
            }
            Some(d) => (d, i + 1, None),
            None => {
                let m = self.ordinals.longest_at(t, i)?;
                (*m.value, Self::word(&self.of_words, t, m.tokens.end, false)?, m.prep)
            }
        };
        let k1 =
            Self::word(&self.of_words, t, k, false).or_else(|| Self::word(&self.in_words, t, k, false)).unwrap_or(k);
        if let Some((kind, end, _)) = self.relative_at(t, k1) {
            if let Core::MonthOffset(off) = kind.core() {
                return Some(Parsed::new(end, Core::DayOfMonthOffset { day, k: off }, prep));
            }
        }
        let k = Self::word(&self.month_words, t, k, true).unwrap_or(k);
        let mp = self.month(t, k, true)?;
        let impossible = match mp.year {
            YearSpec::Explicit(y) => NaiveDate::from_ymd_opt(y, mp.month, day).is_none(),
            _ => day > max_day(mp.month),
        };
        if impossible {
            return None;
        }
        Some(Parsed::new(mp.end, Core::Day { day, month: mp.month, dir: mp.dir, year: mp.year }, prep))
    }

    /// English writes the month first: «July 22, 2015», «July 22». An
    /// English name that is also a word («March», «May») needs its capital.
    fn month_day(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let (w, k, prep) = self.month_name_at(t, i)?;
        let capital = t.tokens.get(i).is_some_and(|tok| tok.capital);
        if !t.text(i).is_ascii() || prep.is_some() || (w.ambiguous && !capital) {
            return None;
        }
        let day = self.day_number_at(t, k)?;
        let mut end = k + 1;
        let mut year = YearSpec::Unstated;
        let at_year = if t.text(end) == "," { end + 1 } else { end };
        if let Some((y, e, _)) = self.year_at(t, at_year, self.years.bare_min, self.years.bare_max) {
            year = YearSpec::Explicit(y);
            end = e;
        }
        let impossible = match year {
            YearSpec::Explicit(y) => NaiveDate::from_ymd_opt(y, w.month, day).is_none(),
            _ => day > max_day(w.month),
        };
        if impossible {
            return None;
        }
        Some(Parsed::new(end, Core::Day { day, month: w.month, dir: None, year }, None))
    }

    /// A month name, its slash or bracket pair, and a year or relative word
    /// after it. An ambiguous name needs `ctx` or something after it.
    fn month(&self, t: &Tokenized, j: usize, ctx: bool) -> Option<MonthParse> {
        // The second half of a pair (تموز in يوليو/تموز) is read with the first.
        if j >= 2
            && matches!(t.text(j - 1), "/" | "(")
            && (j.saturating_sub(4)..j - 1).any(|s| self.month_name_at(t, s).is_some_and(|(_, e, _)| e == j - 1))
        {
            return None;
        }
        let (w, mut k, prep) = self.month_name_at(t, j)?;
        // A clitic ب is date context only for a name that is no ordinary
        // word: "باب" is a door (ب + آب), "بمارس" needs a year after it.
        let mut ctx = ctx || (prep == Some('ب') && !w.ambiguous);
        let mut ambiguous = w.ambiguous;
        match t.text(k) {
            "/" => {
                if let Some((w2, e, _)) = self.month_name_at(t, k + 1) {
                    if w2.month != w.month {
                        return None;
                    }
                    ambiguous = false;
                    k = e;
                }
            }
            "(" => {
                if let Some((w2, e, _)) = self.month_name_at(t, k + 1) {
                    if t.text(e) == ")" {
                        if w2.month != w.month {
                            return None;
                        }
                        ambiguous = false;
                        k = e + 1;
                    }
                }
            }
            _ => {}
        }
        let mut dir = None;
        let mut year = YearSpec::Unstated;
        if let Some((d, e)) = self.suffix_at(t, k) {
            dir = Some(d);
            k = e;
            ctx = true;
        } else if let Some((spec, e)) = self.year_after(t, k) {
            year = spec;
            k = e;
            ctx = true;
        }
        if ambiguous && !ctx {
            return None;
        }
        Some(MonthParse { month: w.month, dir, year, end: k, prep })
    }

    /// The year after a month: 2024، عام 2024، من العام 2024، من العام الماضي، من العام نفسه.
    fn year_after(&self, t: &Tokenized, k: usize) -> Option<(YearSpec, usize)> {
        let k1 = Self::word(&self.of_words, t, k, false).unwrap_or(k);
        if let Some((kind, end, _)) = self.relative_at(t, k1) {
            if let Some(spec) = kind.year_spec() {
                return Some((spec, end));
            }
        }
        let k2 = Self::word(&self.year_words, t, k1, true).unwrap_or(k1);
        if let Some((y, end, _)) = self.year_at(t, k2, self.years.min, self.years.max) {
            return Some((YearSpec::Explicit(y), end));
        }
        // أكتوبر في سنة 2014: في only before a year word.
        if let Some(k1) = Self::word(&self.in_words, t, k, false) {
            let k2 = Self::word(&self.year_words, t, k1, true)?;
            let (y, end, _) = self.year_at(t, k2, self.years.min, self.years.max)?;
            return Some((YearSpec::Explicit(y), end));
        }
        // يناير، 2001: a comma, then a year that ends the clause.
        if matches!(t.text(k), "," | "،") {
            let (y, end, _) = self.year_at(t, k + 1, self.years.min, self.years.max)?;
            let closes = end >= t.len()
                || t.kind(end) == Some(TokenKind::Punct)
                || Self::word(&self.after_year, t, end, false).is_some();
            return closes.then_some((YearSpec::Explicit(y), end));
        }
        None
    }

    /// A Hijri year number at `j` followed by the Hijri era mark (1445هـ,
    /// 1445 هـ): the year and the end of the mark.
    fn hijri_year_number_at(&self, t: &Tokenized, j: usize) -> Option<(i32, usize)> {
        if t.kind(j) != Some(TokenKind::Number) {
            return None;
        }
        // Any year with the era mark is Hijri; outside [hijri] it stays unresolved.
        let y = digits(t.text(j))? as i32;
        if let Some(end) = Self::word(&self.hijri_era, t, j + 1, false) {
            return (y > 0).then_some((y, end));
        }
        self.before_equivalent(t, j, y).then_some((y, j + 1))
    }

    /// Whether a bare year `y` is Hijri by its context: the text marks
    /// Hijri years elsewhere, and `y` is in `[hijri] min_year` up to the
    /// Hijri year after publication (1352 is then 1933, not the Middle
    /// Ages).
    fn hijri_in_context(&self, y: i32, cx: &Ctx) -> bool {
        let Some(p) = cx.published.filter(|_| cx.hijri_text) else { return false };
        let Some((now, _)) = iso_to_hijri(p) else { return false };
        y >= self.hijri_years.0 && y <= now + 1
    }

    /// «العام 1435/1436»: a year in the Hijri range, before any year a
    /// Gregorian date in the news has (`[years] bare_min`), written with the
    /// year after it (or before it) across a slash: a Saudi fiscal or
    /// academic year, Hijri without a mark. `end` is one past the year.
    fn hijri_pair(&self, t: &Tokenized, end: usize, y: i32) -> bool {
        let (lo, hi) = self.hijri_years;
        if !(lo..=hi).contains(&y) || y >= self.years.bare_min {
            return false;
        }
        let year = |k: usize, v: i32| {
            t.kind(k) == Some(TokenKind::Number)
                && t.text(k).len() == 4
                && digits(t.text(k)).is_some_and(|g| g as i32 == v)
        };
        (t.text(end) == "/" && year(end + 1, y + 1)) || (end >= 3 && t.text(end - 2) == "/" && year(end - 3, y - 1))
    }

    /// "1436 الموافق 2015": a year `y` at `j` in the Hijri range, followed
    /// by an equivalent word and a larger year, is the Hijri one (`dual`
    /// then joins the pair).
    fn before_equivalent(&self, t: &Tokenized, j: usize, y: i32) -> bool {
        let (lo, hi) = self.hijri_years;
        (lo..=hi).contains(&y)
            && Self::word(&self.equivalent, t, j + 1, false).is_some_and(|k| {
                t.kind(k) == Some(TokenKind::Number)
                    && t.text(k).len() == 4
                    && digits(t.text(k)).is_some_and(|g| g as i32 > y && g as i32 <= self.years.max)
            })
    }

    /// A Hijri year alone: 1445هـ، عام 1445 هـ.
    fn hijri_year(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let k = Self::word(&self.year_words, t, i, true).unwrap_or(i);
        let (y, end) = self.hijri_year_number_at(t, k)?;
        Some(Parsed::new(end, Core::Hijri { day: None, month: None, year: HijriYear::Hijri(y) }, None))
    }

    /// A Hijri day or month: 15 رمضان 1445هـ، الخامس عشر من شعبان، محرم 1446 هـ،
    /// رمضان 2019، في رمضان. A name that is also an ordinary word (صفر، رجب،
    /// رمضان) needs a preposition, شهر or a year.
    fn hijri(&self, t: &Tokenized, i: usize, ctx: bool) -> Option<Parsed> {
        let (day, k, prep) = match self.day_number_at(t, i) {
            Some(d) => (Some(d), i + 1, None),
            None => match self.ordinals.longest_at(t, i) {
                Some(m) => (Some(*m.value), Self::word(&self.of_words, t, m.tokens.end, false)?, m.prep),
                None => (None, i, None),
            },
        };
        let (k, month_word) = match Self::word(&self.month_words, t, k, true) {
            Some(e) => (e, true),
            None => (k, false),
        };
        let hm = self.hijri_months.all_at(t, k).into_iter().find(|m| !m.article)?;
        let w = *hm.value;
        let prep = if day.is_some() || month_word { prep } else { hm.prep };
        let mut end = hm.tokens.end;
        let mut year = HijriYear::Unstated;
        let k1 = Self::word(&self.of_words, t, end, false).unwrap_or(end);
        let k2 = Self::word(&self.year_words, t, k1, true).unwrap_or(k1);
        if let Some((y, e)) = self.hijri_year_number_at(t, k2) {
            year = HijriYear::Hijri(y);
            end = e;
        } else if t.kind(k2) == Some(TokenKind::Number) && t.text(k2).len() == 4 {
            let y = digits(t.text(k2))? as i32;
            let (lo, hi) = self.hijri_years;
            if (lo..=hi).contains(&y) {
                year = HijriYear::Hijri(y);
                end = k2 + 1;
            } else if (self.years.bare_min..=self.years.bare_max).contains(&y) {
                year = HijriYear::Gregorian(y);
                end = k2 + 1;
            }
        }
        let stated = year != HijriYear::Unstated;
        let ok = ctx || month_word || stated || (day.is_some() && !w.ambiguous);
        if !ok {
            return None;
        }
        if let Some(d) = day {
            if d > 30 {
                return None;
            }
        }
        Some(Parsed::new(end, Core::Hijri { day, month: Some(w.month), year }, prep))
    }

    /// A Hijri date next to its Gregorian equivalent (1445هـ الموافق 15 مارس
    /// 2024م، 15 مارس 2024 (5 رمضان 1445هـ)) is one expression; its value is
    /// the Gregorian date, which is preferred even when the two disagree.
    fn dual(&self, t: &Tokenized, p: Parsed) -> Parsed {
        let is_hijri = |c: &Core| matches!(c, Core::Hijri { .. });
        let k = p.end;
        let paren = t.text(k) == "(";
        let link = match t.text(k) {
            "/" | "(" | "-" | "،" | "," => Some(k + 1),
            _ => Self::word(&self.weekday_link, t, k, false),
        };
        let Some(mut l) = link else { return p };
        if t.text(l) == "ل" {
            l += 1;
        }
        let Some(q) = self.target(t, l, true, true) else { return p };
        if is_hijri(&p.core) == is_hijri(&q.core) || p.from.is_some() || q.from.is_some() {
            return p;
        }
        // A comma or a dash only joins a Hijri date to a Gregorian one when
        // the Hijri side carries its era mark or a month.
        let mut end = q.end;
        if paren && t.text(end) == ")" {
            end += 1;
        }
        if is_hijri(&p.core) {
            Parsed { end, core: q.core, part: q.part, ..p }
        } else {
            Parsed { end, ..p }
        }
    }

    /// A range: من 15 إلى 20 مارس، بين 2012 و2014، من مايو إلى سبتمبر، 13-15 تموز.
    /// `من`/`بين` belong to the expression. Both ends are of one kind (days,
    /// months or years); a bare first day takes the month of the last.
    fn range(&self, t: &Tokenized, i: usize, bare_marker: bool) -> Option<Parsed> {
        let (k, opened) = match Self::word(&self.range_from, t, i, true) {
            Some(e) => (e, true),
            None => (i, false),
        };
        let first_prep = if opened { self.range_from.longest_at(t, i).and_then(|m| m.prep) } else { None };
        // The first end: a date, a bare day number or a bare ordinal day.
        let mut firsts: Vec<(Option<Core>, Option<u32>, usize)> = Vec::new();
        for a in [self.end_point(t, k), self.target(t, k, true, true)].into_iter().flatten() {
            if a.part.is_none() && a.from.is_none() {
                firsts.push((Some(a.core), None, a.end));
            }
        }
        if let Some(d) = self.day_number_at(t, k) {
            firsts.push((None, Some(d), k + 1));
        }
        if let Some(m) = self.ordinals.longest_at(t, k).filter(|m| !opened || m.prep.is_none()) {
            firsts.push((None, Some(*m.value), m.tokens.end));
        }
        for (a, bare_day, a_end) in firsts {
            let b_start = if t.text(a_end) == "-" {
                a_end + 1
            } else if let Some(e) = Self::word(&self.range_to, t, a_end, true) {
                e
            } else if opened && Self::word(&self.range_and, t, a_end, false).is_some() {
                a_end + 1
            } else if opened && t.kind(a_end) == Some(TokenKind::Word) && t.text(a_end).starts_with('و') {
                a_end
            } else {
                continue;
            };
            let Some(b) = longest([self.end_point(t, b_start), self.target(t, b_start, true, true)]) else { continue };
            if b.part.is_some() || b.from.is_some() {
                continue;
            }
            let from = match (a, bare_day, b.core) {
                (None, Some(d), Core::Day { day, month, dir, year }) if d < day => {
                    Core::Day { day: d, month, dir, year }
                }
                (None, Some(d), Core::DayOfMonthOffset { day, k }) if d < day => Core::DayOfMonthOffset { day: d, k },
                (Some(a), _, b) if a.kind() != 0 && a.kind() != 3 && a.kind() == b.kind() => a,
                (Some(a @ Core::Year(YearSpec::Explicit(ya))), _, Core::Year(YearSpec::Explicit(yb))) if ya < yb => {
                    // Two bare numbers are a year range only where a count is unlikely.
                    let bare = |j: usize| t.kind(j) == Some(TokenKind::Number);
                    let after = t.text(b.end);
                    let ends_clause = b.end >= t.len()
                        || t.kind(b.end) == Some(TokenKind::Punct)
                        || after.starts_with('و')
                        || after.starts_with('ف')
                        || after.starts_with("ال");
                    let joined = t.text(a_end) == "-"
                        && [a_end, b_start].iter().all(|&j| t.tokens.get(j).is_some_and(|x| !x.space_before));
                    if bare(k) && bare(b_start) && !(ends_clause && (opened || bare_marker || joined)) {
                        continue;
                    }
                    a
                }
                _ => continue,
            };
            return Some(Parsed { from: Some(from), prep: first_prep, ..b });
        }
        None
    }

    /// A range end that is not a calendar date: a weekday or a relative day
    /// (اليوم حتى الأحد المقبل، الجمعة حتى الأحد).
    fn end_point(&self, t: &Tokenized, k: usize) -> Option<Parsed> {
        // يوم with or without a clitic (ليوم الجمعة), never اليوم.
        let day_word = self.day_words.all_at(t, k).into_iter().find(|m| !m.article).map(|m| m.tokens.end);
        let k = day_word.unwrap_or(k);
        let rel = self
            .relative_or_end_at(t, k, true)
            .filter(|(kind, ..)| kind.is_day())
            .map(|(kind, end, _)| Parsed::new(end, kind.core(), None));
        longest([self.weekday(t, k, true), rel])
    }

    /// The end of يوم at `k`, written without any clitic or article.
    fn plain_day_word(&self, t: &Tokenized, k: usize) -> Option<usize> {
        let m = self.day_words.all_at(t, k).into_iter().find(|m| !m.article && !m.conj && m.prep.is_none())?;
        Some(m.tokens.end)
    }

    /// A count at `j`: digits or a number word; its value and end.
    fn count_at(&self, t: &Tokenized, j: usize) -> Option<(u32, usize)> {
        if t.kind(j) == Some(TokenKind::Number) {
            return digits(t.text(j)).filter(|n| (1..=999).contains(n)).map(|n| (n, j + 1));
        }
        self.counts.bare_at(t, j).map(|m| (*m.value, m.tokens.end))
    }

    /// N units ago: قبل 3 أيام، منذ عامين، قبل أسبوع، منذ ما يقرب من عقد.
    /// Not when the unit begins a date (قبل عام 2012، منذ شهر مارس) or is
    /// counted from an event (قبل يومين من الانتخابات).
    fn ago(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let am = self.ago.longest_at(t, i)?;
        let mut k = am.tokens.end;
        let about = match Self::word(&self.about, t, k, false) {
            Some(e) => {
                k = e;
                true
            }
            None => false,
        };
        let unit_at = |j: usize| self.units.all_at(t, j).into_iter().find(|m| !m.article && m.prep.is_none());
        let (n, unit_start, unit, end) = match self.count_at(t, k) {
            Some((n, e)) => {
                let u = unit_at(e)?;
                (n, e, u.value.0, u.tokens.end)
            }
            None => {
                let u = unit_at(k)?;
                if u.conj || u.value.1 == 0 {
                    return None;
                }
                (u.value.1, k, u.value.0, u.tokens.end)
            }
        };
        // منذ عقد من الزمن: "of time" is part of it.
        let mut end = end;
        if let Some(e) = Self::word(&self.of_words, t, end, false) {
            if t.text(e) != "الزمن" {
                return None;
            }
            end = e + 1;
        }
        // قبل يوم الانتخابات، منذ عقد الاجتماع: a noun in construct or a verb, not a count.
        if t.kind(end) == Some(TokenKind::Word) && t.text(end).starts_with("ال") && end == unit_start + 1 {
            return None;
        }
        let longer = [self.target(t, unit_start, true, true), self.day_word(t, unit_start)];
        if longer.iter().flatten().any(|p| p.end > unit_start + 1) {
            return None;
        }
        Some(Parsed::new(end, Core::Ago { n, unit, about }, am.prep))
    }

    /// A named decade, optionally of a century: السبعينيات، ثمانينيات القرن الماضي.
    /// Not an age: في العشرينيات من عمرها.
    fn decade(&self, t: &Tokenized, i: usize) -> Option<Parsed> {
        let m = self.decades.longest_at(t, i)?;
        let mut end = m.tokens.end;
        let k = Self::word(&self.of_words, t, end, false).unwrap_or(end);
        if t.text(k).starts_with("عمر") {
            return None;
        }
        if let Some(e) = Self::word(&self.century, t, k, false) {
            end = e;
        }
        Some(Parsed::new(end, Core::Decade(*m.value), m.prep))
    }

    /// 16/3/2024, 2024-03-16, 2024/3/16, 16.3.2024, 7/10/2015م, 2 / 2 / 1436هـ, and in
    /// date context (`ctx`, or see [`numeric_context`](Self::numeric_context))
    /// 22/04، 4/22، 22-4، 22/4/24. Day/month unless only month/day fits
    /// (4/22، 9-18-2015).
    fn numeric(&self, t: &Tokenized, i: usize, ctx: bool) -> Option<Parsed> {
        let joined = |k: usize| t.tokens.get(k).is_some_and(|tok| !tok.space_before);
        let is_sep = |k: usize| matches!(t.text(k), "/" | "-");
        let num = |k: usize| t.kind(k) == Some(TokenKind::Number);
        let dots = t.text(i).matches('.').count();
        let (parts, end): (Vec<&str>, usize) = if num(i) && (dots == 1 || dots == 2) {
            (t.text(i).split('.').collect(), i + 1)
        } else if num(i)
            && is_sep(i + 1)
            && num(i + 2)
            && t.text(i + 3) == t.text(i + 1)
            && num(i + 4)
            && t.text(i + 4).chars().filter(char::is_ascii_digit).count() == 4
            && !(i + 1..i + 5).all(joined)
        {
            // "2 / 2 / 1436هـ": spaced, but three parts and a four-digit
            // year are a date, never a fraction.
            (vec![t.text(i), t.text(i + 2), t.text(i + 4)], i + 5)
        } else if num(i) && is_sep(i + 1) && num(i + 2) && (i + 1..i + 3).all(joined) {
            if t.text(i + 3) == t.text(i + 1) && num(i + 4) && (i + 3..i + 5).all(joined) {
                (vec![t.text(i), t.text(i + 2), t.text(i + 4)], i + 5)
            } else {
                (vec![t.text(i), t.text(i + 2)], i + 3)
            }
        } else {
            return None;
        };
        // Not part of a longer chain of numbers (a phone or reference number).
        if (joined(end) && is_sep(end)) || (i > 0 && joined(i) && is_sep(i - 1)) {
            return None;
        }
        // A day and a month in either order, day first when both fit.
        let day_month = |a: u32, b: u32| -> Option<(u32, u32)> {
            let fits = |d: u32, m: u32| NaiveDate::from_ymd_opt(2000, m, d).is_some();
            if fits(a, b) {
                Some((a, b))
            } else if fits(b, a) {
                Some((b, a))
            } else {
                None
            }
        };
        // Both fit as a month, and they differ: 3/4 is the 3rd of April or
        // the 4th of March.
        let either = |d: u32, m: u32| d != m && d <= 12 && m <= 12;
        let short = |p: &&str| p.len() <= 2;
        let (y, m, d) = match parts.as_slice() {
            [a, b, c] if a.len() == 4 && short(b) && short(c) => (*a, *b, *c),
            [a, b, c] if c.len() == 4 && short(a) && short(b) => {
                let (d, m) = day_month(digits(a)?, digits(b)?)?;
                let y = digits(c)? as i32;
                let mut p = self.numeric_full(t, end, y, m, d)?;
                p.either_order = matches!(p.core, Core::Day { .. }) && either(d, m);
                return Some(p);
            }
            [a, b, c] if short(a) && short(b) && c.len() == 2 && dots == 0 => {
                if !(ctx || self.numeric_context(t, i)) {
                    return None;
                }
                let (d, m) = day_month(digits(a)?, digits(b)?)?;
                let year = YearSpec::TwoDigit(digits(c)? as i32);
                let mut p = Parsed::new(end, Core::Day { day: d, month: m, dir: None, year }, None);
                p.either_order = either(d, m);
                return Some(p);
            }
            [a, b] if short(a) && short(b) => {
                let after = self.month_context_after(t, end);
                if !(ctx || after.is_some() || self.numeric_context(t, i)) {
                    return None;
                }
                // 4.22 is also a decimal: a word after it (a unit) makes it one.
                let word_after = t.kind(end) == Some(TokenKind::Word)
                    && self.suffix_at(t, end).is_none()
                    && !t.text(end).starts_with('و');
                if dots == 1 && word_after {
                    return None;
                }
                let (d, m) = day_month(digits(a)?, digits(b)?)?;
                let (dir, end) = match after {
                    Some((dir, e)) => (Some(dir), e),
                    None => (None, end),
                };
                let mut p = Parsed::new(end, Core::Day { day: d, month: m, dir, year: YearSpec::Unstated }, None);
                p.either_order = either(d, m);
                return Some(p);
            }
            _ => return None,
        };
        self.numeric_full(t, end, digits(y)? as i32, digits(m)?, digits(d)?)
    }

    /// A numeric date with a four-digit year, ending at `end` (before any era mark).
    fn numeric_full(&self, t: &Tokenized, end: usize, y: i32, m: u32, d: u32) -> Option<Parsed> {
        // "9-9-1429هـ": with the Hijri era mark it is a Hijri date; so is
        // one whose year is in the Hijri range and before any year a
        // numeric Gregorian date in the news has ("5/9/1436").
        let era = Self::word(&self.hijri_era, t, end, false);
        let (hlo, hhi) = self.hijri_years;
        if era.is_some() || ((hlo..=hhi).contains(&y) && y < self.years.bare_min) {
            if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
                return None;
            }
            let year = HijriYear::Hijri(y);
            return Some(Parsed::new(era.unwrap_or(end), Core::Hijri { day: Some(d), month: Some(m), year }, None));
        }
        if y < self.years.min || y > self.years.max {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, d)?;
        // 7/10/2015م: the Gregorian era letter written against the year.
        let end = match Self::word(&self.era, t, end, false) {
            Some(e) if t.tokens.get(end).is_some_and(|x| !x.space_before) => e,
            _ => end,
        };
        Some(Parsed::new(end, Core::Day { day: d, month: m, dir: None, year: YearSpec::Explicit(y) }, None))
    }
}

// ---------------------------------------------------------------------------
// Resolution

struct Ctx {
    published: Option<NaiveDate>,
    same_year: Option<i32>,
    /// Read a numeric day and month that fit either way month first.
    month_first: bool,
    /// The text marks a year Hijri somewhere («1436هـ»): a year written
    /// without a mark that only the Hijri calendar makes recent is Hijri.
    hijri_text: bool,
}

/// A resolved value and the year it states (for "the same year" later).
type Resolved = Result<(DateRange, Option<i32>), String>;

impl DateLexicon {
    /// Whether a bare whole number would read as a year: Gregorian within
    /// [years] bare_min..bare_max, or Hijri within [hijri] min/max_year.
    pub fn reads_as_year(&self, v: u64) -> bool {
        let Ok(v) = i32::try_from(v) else { return false };
        (self.years.bare_min..=self.years.bare_max).contains(&v)
            || (self.hijri_years.0..=self.hijri_years.1).contains(&v)
    }

    /// The order a text's own numeric dates show: `Some(true)` when one
    /// reads only month first (9/18/2015), `Some(false)` only day first
    /// (18/9/2015), `None` when none tells or they disagree.
    pub fn month_first_in(&self, t: &Tokenized) -> Option<bool> {
        let joined = |k: usize| t.tokens.get(k).is_some_and(|tok| !tok.space_before);
        let (mut day_first, mut month_first) = (false, false);
        for i in 0..t.len().saturating_sub(2) {
            if t.kind(i) != Some(TokenKind::Number) || !matches!(t.text(i + 1), "/" | "-") || !joined(i + 1) {
                continue;
            }
            if t.kind(i + 2) != Some(TokenKind::Number) || !joined(i + 2) {
                continue;
            }
            // With a year after it: a date, not a score or a fraction.
            let year = t.text(i + 3) == t.text(i + 1) && t.kind(i + 4) == Some(TokenKind::Number);
            if !year {
                continue;
            }
            match (digits(t.text(i)), digits(t.text(i + 2))) {
                (Some(a), Some(b)) if a <= 12 && (13..=31).contains(&b) => month_first = true,
                (Some(a), Some(b)) if b <= 12 && (13..=31).contains(&a) => day_first = true,
                _ => {}
            }
        }
        match (day_first, month_first) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        }
    }

    fn build(&self, t: &Tokenized, i: usize, p: &Parsed, cx: &Ctx) -> (DateMatch, Option<i32>) {
        let mut relative = false;
        let swapped;
        let p = match p.core {
            Core::Day { day, month, dir, year } if p.either_order && cx.month_first => {
                swapped = Parsed { core: Core::Day { day: month, month: day, dir, year }, ..*p };
                &swapped
            }
            // «عام ١٣٥٢» in a text that writes «1352 هـ» elsewhere: a year
            // no later than next Hijri year, read in the Hijri calendar.
            Core::Year(YearSpec::Explicit(y))
                if p.from.is_none()
                    && p.part.is_none()
                    && (self.hijri_in_context(y, cx) || self.hijri_pair(t, p.end, y)) =>
            {
                swapped = Parsed { core: Core::Hijri { day: None, month: None, year: HijriYear::Hijri(y) }, ..*p };
                &swapped
            }
            _ => p,
        };
        let resolved = self.resolve(&p.core, cx, &mut relative).and_then(|(range, year)| match &p.part {
            Some(part) => {
                apply_part(range, part).map(|r| (r, year)).ok_or_else(|| "no such part of this period".to_string())
            }
            None => Ok((range, year)),
        });
        let resolved = match (&p.from, resolved) {
            (Some(from), Ok((b, year))) => self.resolve_range(from, b, cx, &mut relative).map(|r| (r, year)),
            (_, r) => r,
        };
        let (marker, marker_token) = match self.marker_before(t, i) {
            Some((m, k)) => (Some(m.marker), Some(k)),
            None if p.prep == Some('ب') => (Some(DateMarker::In), None),
            None => (None, None),
        };
        let (value, unresolved, year) = match resolved {
            Ok((range, year)) => (Some(range), None, year),
            Err(why) => (None, Some(why), None),
        };
        let either_order = p.either_order;
        (DateMatch { tokens: i..p.end, value, relative, unresolved, marker, marker_token, either_order }, year)
    }

    /// The year of a month, and whether the text stated it.
    fn year_of(
        &self,
        month: u32,
        dir: Option<Dir>,
        spec: YearSpec,
        cx: &Ctx,
        relative: &mut bool,
    ) -> Result<(i32, bool), String> {
        if let Some(d) = dir {
            *relative = true;
            let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
            let (py, pm) = (p.year(), p.month());
            let y = match d {
                Dir::Past if month < pm => py,
                Dir::Past => py - 1,
                Dir::Current => py,
                Dir::Next if month > pm => py,
                Dir::Next => py + 1,
                Dir::Ahead if month >= pm => py,
                Dir::Ahead => py + 1,
            };
            return Ok((y, true));
        }
        match spec {
            YearSpec::Explicit(y) => Ok((y, true)),
            YearSpec::Offset(k) => {
                *relative = true;
                Ok((cx.published.ok_or(NEEDS_PUBLICATION)?.year() + k, true))
            }
            YearSpec::Same => Ok((cx.same_year.ok_or(NEEDS_EARLIER_YEAR)?, true)),
            YearSpec::TwoDigit(yy) => {
                *relative = true;
                let py = cx.published.ok_or(NEEDS_PUBLICATION)?.year();
                let y = py - py.rem_euclid(100) + yy;
                Ok((if y > py + 1 { y - 100 } else { y }, true))
            }
            YearSpec::Unstated => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let ahead = month as i32 - p.month() as i32;
                Ok((if ahead > self.future_months as i32 { p.year() - 1 } else { p.year() }, false))
            }
        }
    }

    /// A range from `from` to the resolved last end `b`. A first end without
    /// a year takes the last end's year (the year before when its month is later).
    fn resolve_range(&self, from: &Core, b: DateRange, cx: &Ctx, relative: &mut bool) -> Result<DateRange, String> {
        let year_for =
            |month: u32| YearSpec::Explicit(if month > b.start.month() { b.start.year() - 1 } else { b.start.year() });
        let from = match *from {
            Core::Day { day, month, dir: None, year: YearSpec::Unstated } => {
                Core::Day { day, month, dir: None, year: year_for(month) }
            }
            Core::Month { month, dir: None, year: YearSpec::Unstated } => {
                Core::Month { month, dir: None, year: year_for(month) }
            }
            c => c,
        };
        let (a, _) = self.resolve(&from, cx, relative)?;
        let precision = match (a.precision, b.precision) {
            (Precision::Day, Precision::Day) => Precision::Days,
            (Precision::Month, Precision::Month) => Precision::Months,
            (Precision::Year, Precision::Year) => Precision::Years,
            _ => return Err("the two ends of the range differ in precision".into()),
        };
        if a.start > b.end {
            return Err("the range ends before it starts".into());
        }
        Ok(DateRange::span(a.start, b.end, precision))
    }

    fn resolve_hijri(
        &self,
        day: Option<u32>,
        month: Option<u32>,
        year: HijriYear,
        cx: &Ctx,
        relative: &mut bool,
    ) -> Resolved {
        const NO_DATE: &str = "no such Hijri date";
        let m = month.unwrap_or(1);
        let hy = match year {
            HijriYear::Hijri(y) => y,
            HijriYear::Gregorian(gy) => {
                let jan1 = NaiveDate::from_ymd_opt(gy, 1, 1).ok_or(NO_DATE)?;
                let (h0, _) = iso_to_hijri(jan1).ok_or(NO_DATE)?;
                (h0..=h0 + 1)
                    .find(|&h| hijri_to_iso(h, m, 1).is_some_and(|d| d.year() == gy))
                    .ok_or("this Hijri month does not start in that year")?
            }
            HijriYear::Unstated => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let (h, _) = iso_to_hijri(p).ok_or(NO_DATE)?;
                let start = hijri_to_iso(h, m, 1).ok_or(NO_DATE)?;
                if (start - p).num_days() > i64::from(self.future_months) * 30 {
                    h - 1
                } else {
                    h
                }
            }
        };
        let (lo, hi) = self.hijri_years;
        if !(lo..=hi).contains(&hy) {
            return Err(format!("Hijri year {hy} is outside [hijri] min_year..max_year"));
        }
        let range = match (day, month) {
            (Some(d), Some(m)) => DateRange::day(hijri_to_iso(hy, m, d).ok_or(NO_DATE)?),
            (_, Some(m)) => {
                let a = hijri_to_iso(hy, m, 1).ok_or(NO_DATE)?;
                let len = hijri_month_len(hy, m).ok_or(NO_DATE)?;
                DateRange::span(a, shift(a, i64::from(len) - 1).ok_or(NO_DATE)?, Precision::Days)
            }
            (_, None) => {
                let a = hijri_to_iso(hy, 1, 1).ok_or(NO_DATE)?;
                let b = hijri_to_iso(hy + 1, 1, 1).and_then(|d| d.pred_opt()).ok_or(NO_DATE)?;
                DateRange::span(a, b, Precision::Days)
            }
        };
        Ok((range, None))
    }

    fn resolve(&self, core: &Core, cx: &Ctx, relative: &mut bool) -> Resolved {
        let stated = |y: i32, s: bool| s.then_some(y);
        match *core {
            Core::Day { day, month, dir, year } => {
                let (y, s) = self.year_of(month, dir, year, cx, relative)?;
                let d = NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| format!("{y} has no such day"))?;
                Ok((DateRange::day(d), stated(y, s)))
            }
            Core::Month { month, dir, year } => {
                let (y, s) = self.year_of(month, dir, year, cx, relative)?;
                Ok((DateRange::month(y, month).ok_or("no such month")?, stated(y, s)))
            }
            Core::Year(spec) => {
                let (y, _) = self.year_of(1, None, spec, cx, relative)?;
                Ok((DateRange::year(y).ok_or("no such year")?, Some(y)))
            }
            Core::MonthOffset(k) => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let n = p.year() * 12 + p.month0() as i32 + k;
                Ok((DateRange::month(n.div_euclid(12), n.rem_euclid(12) as u32 + 1).ok_or("no such month")?, None))
            }
            Core::DayOffset(k) => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                Ok((DateRange::day(shift(p, k).ok_or("date out of range")?), None))
            }
            Core::Weekday { day, dir } => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let back = (p.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
                let offset = match dir {
                    None | Some(Dir::Current) => -(back as i64),
                    Some(Dir::Past) => -(if back == 0 { 7 } else { back as i64 }),
                    Some(Dir::Ahead) => ((7 - back) % 7) as i64,
                    Some(Dir::Next) => {
                        let fwd = (7 - back) % 7;
                        if fwd == 0 {
                            7
                        } else {
                            fwd as i64
                        }
                    }
                };
                Ok((DateRange::day(shift(p, offset).ok_or("date out of range")?), None))
            }
            Core::Hijri { day, month, year } => self.resolve_hijri(day, month, year, cx, relative),
            Core::DayOfMonthOffset { day, k } => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let n = p.year() * 12 + p.month0() as i32 + k;
                let d = NaiveDate::from_ymd_opt(n.div_euclid(12), n.rem_euclid(12) as u32 + 1, day)
                    .ok_or("that month has no such day")?;
                Ok((DateRange::day(d), None))
            }
            Core::Ago { n, unit, about } => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                const RANGE: &str = "date out of range";
                let range = match unit {
                    Unit::Day | Unit::Week => {
                        let per = if unit == Unit::Day { 1 } else { 7 };
                        let d = shift(p, -(i64::from(n) * per)).ok_or(RANGE)?;
                        if about {
                            let w = if unit == Unit::Day { 1 } else { 3 };
                            DateRange::span(shift(d, -w).ok_or(RANGE)?, shift(d, w).ok_or(RANGE)?, Precision::Days)
                        } else {
                            DateRange::day(d)
                        }
                    }
                    Unit::Month => {
                        let d = p.checked_sub_months(Months::new(n)).ok_or(RANGE)?;
                        let m = DateRange::month(d.year(), d.month()).ok_or(RANGE)?;
                        if about {
                            let a = d.checked_sub_months(Months::new(1)).ok_or(RANGE)?;
                            let b = d.checked_add_months(Months::new(1)).ok_or(RANGE)?;
                            let (a, b) = (DateRange::month(a.year(), a.month()), DateRange::month(b.year(), b.month()));
                            DateRange::span(a.ok_or(RANGE)?.start, b.ok_or(RANGE)?.end, Precision::Months)
                        } else {
                            m
                        }
                    }
                    Unit::Year | Unit::Decade => {
                        let per = if unit == Unit::Year { 1 } else { 10 };
                        let y = p.year() - (n as i32) * per;
                        if about {
                            let (a, b) = (DateRange::year(y - 1).ok_or(RANGE)?, DateRange::year(y + 1).ok_or(RANGE)?);
                            DateRange::span(a.start, b.end, Precision::Years)
                        } else {
                            DateRange::year(y).ok_or(RANGE)?
                        }
                    }
                };
                Ok((range, None))
            }
            Core::Decade(start) => Ok((years_span(start, start + 9).ok_or("no such decade")?, None)),
            Core::NthWeekday { n, day, month } => {
                let core = match month {
                    MonthRef::Named { month, dir, year } => Core::Month { month, dir, year },
                    MonthRef::Offset(k) => Core::MonthOffset(k),
                };
                let (m, year) = self.resolve(&core, cx, relative)?;
                const NONE: &str = "that month has no such weekday";
                let d = if n > 0 {
                    let ahead = (7 + day.num_days_from_monday() - m.start.weekday().num_days_from_monday()) % 7;
                    shift(m.start, i64::from(ahead) + 7 * (i64::from(n) - 1)).ok_or(NONE)?
                } else {
                    let back = (7 + m.end.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
                    shift(m.end, -i64::from(back)).ok_or(NONE)?
                };
                if d.month() != m.start.month() {
                    return Err(NONE.into());
                }
                Ok((DateRange::day(d), year))
            }
            Core::WeekdayOfWeek { day, week } => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let offset =
                    -(p.weekday().num_days_from_monday() as i64) + 7 * week + day.num_days_from_monday() as i64;
                Ok((DateRange::day(shift(p, offset).ok_or("date out of range")?), None))
            }
            Core::Span(
                kind @ (RelKind::LastDecade | RelKind::LastTwoDecades | RelKind::ThisDecade | RelKind::NextDecade),
            ) => {
                *relative = true;
                let y = cx.published.ok_or(NEEDS_PUBLICATION)?.year();
                let (a, b) = match kind {
                    RelKind::LastDecade => (y - 10, y - 1),
                    RelKind::LastTwoDecades => (y - 20, y - 1),
                    RelKind::NextDecade => (y + 1, y + 10),
                    _ => (y - y.rem_euclid(10), y - y.rem_euclid(10) + 9),
                };
                Ok((years_span(a, b).ok_or("date out of range")?, None))
            }
            Core::Span(kind) => {
                *relative = true;
                let p = cx.published.ok_or(NEEDS_PUBLICATION)?;
                let monday = -(p.weekday().num_days_from_monday() as i64);
                let (a, b) = match kind {
                    RelKind::DaysAgo => (shift(p, -10), shift(p, -1)),
                    RelKind::LastWeek => (shift(p, monday - 7), shift(p, -1)),
                    RelKind::ThisWeek => (shift(p, monday), shift(p, monday + 6)),
                    RelKind::NextWeek => (shift(p, monday + 7), shift(p, monday + 13)),
                    RelKind::EarlierThisMonth => (p.with_day(1), Some(p)),
                    RelKind::EarlierThisYear => (NaiveDate::from_ymd_opt(p.year(), 1, 1), Some(p)),
                    RelKind::LaterThisMonth => (Some(p), last_day_of_month(p.year(), p.month())),
                    RelKind::EarlyThisMonth => (p.with_day(1), p.with_day(10)),
                    RelKind::LaterThisWeek => (Some(p), shift(p, monday + 6)),
                    RelKind::EarlyThisWeek => (shift(p, monday), shift(p, monday + 2)),
                    RelKind::LaterThisYear => (Some(p), NaiveDate::from_ymd_opt(p.year(), 12, 31)),
                    _ => (None, None),
                };
                match (a, b) {
                    (Some(a), Some(b)) => Ok((DateRange::span(a, b, Precision::Days), None)),
                    _ => Err("date out of range".to_string()),
                }
            }
        }
    }
}

/// Years `a` to `b` (inclusive), precision Years.
fn years_span(a: i32, b: i32) -> Option<DateRange> {
    Some(DateRange::span(DateRange::year(a)?.start, DateRange::year(b)?.end, Precision::Years))
}

/// The Umm al-Qura calendar (see rules/dates.toml [hijri] for the choice).
fn umm_al_qura() -> Hijri<icu_calendar::cal::hijri::UmmAlQura> {
    Hijri::new_umm_al_qura()
}

/// A Hijri (Umm al-Qura) date as a Gregorian one.
fn hijri_to_iso(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    let h = Date::try_new_hijri_with_calendar(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, umm_al_qura()).ok()?;
    let iso = h.to_iso();
    NaiveDate::from_ymd_opt(iso.extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

/// Days in a Hijri (Umm al-Qura) month.
fn hijri_month_len(y: i32, m: u32) -> Option<u32> {
    let h = Date::try_new_hijri_with_calendar(y, u8::try_from(m).ok()?, 1, umm_al_qura()).ok()?;
    Some(u32::from(h.days_in_month()))
}

/// The Hijri (Umm al-Qura) year and month of a Gregorian date.
fn iso_to_hijri(d: NaiveDate) -> Option<(i32, u32)> {
    let iso = Date::try_new_iso(d.year(), u8::try_from(d.month()).ok()?, u8::try_from(d.day()).ok()?).ok()?;
    let h = iso.to_calendar(umm_al_qura());
    Some((h.extended_year(), u32::from(h.month().ordinal)))
}

fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The part of a month (days) or of a year (months).
fn apply_part(range: DateRange, part: &Part) -> Option<DateRange> {
    let y = range.start.year();
    match range.precision {
        Precision::Month => {
            let (a, b) = part.days?;
            let m = range.start.month();
            let last = last_day_of_month(y, m)?.day();
            let start = NaiveDate::from_ymd_opt(y, m, a.min(last))?;
            let end = NaiveDate::from_ymd_opt(y, m, b.min(last))?;
            Some(DateRange::span(start, end, Precision::Days))
        }
        // Only weeks accept a part with `weekdays`; their range starts on a Monday.
        Precision::Days => {
            let (a, b) = part.weekdays?;
            let monday = range.start;
            Some(DateRange::span(shift(monday, i64::from(a) - 1)?, shift(monday, i64::from(b) - 1)?, Precision::Days))
        }
        Precision::Year => {
            let (a, b) = part.months?;
            Some(DateRange::span(NaiveDate::from_ymd_opt(y, a, 1)?, last_day_of_month(y, b)?, Precision::Months))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Wednesday; most tests resolve against it.
    const PUB: &str = "2024-04-10";

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn all(input: &str, published: &str) -> Vec<DateMatch> {
        let t = Tokenized::new(input, 0);
        DateLexicon::builtin().find_all(&t, date(published))
    }

    /// Every date found in `input`, as notations joined by "; " ("?" when
    /// unresolved). `published` is `YYYY-MM-DD`, or "" for none.
    fn check(input: &str, published: &str, expected: &str) {
        let got: Vec<String> =
            all(input, published).iter().map(|m| m.value.map_or("?".into(), |v| v.notation())).collect();
        assert_eq!(got.join("; "), expected, "input: {input} (published {published:?})");
    }

    /// The only date in `input`.
    fn one(input: &str, published: &str) -> DateMatch {
        let mut found = all(input, published);
        assert_eq!(found.len(), 1, "input: {input}: {found:?}");
        found.remove(0)
    }

    // --- month systems -----------------------------------------------------

    #[test]
    fn egyptian_gulf_names() {
        check("وقعت المواجهة في 6 يوليو 2012 قرب الحدود", PUB, "2012-07-06");
        check("افتتح المصنع في 2 إبريل 2020", PUB, "2020-04-02");
        check("وصلت البعثة يوم 14 فبراير 2019", PUB, "2019-02-14");
        check("انتهت الجولة في 28 ديسمبر 2022", PUB, "2022-12-28");
    }

    #[test]
    fn egyptian_spelling_variants() {
        check("صدر القرار في 3 يونيه 2019", PUB, "2019-06-03");
        check("جرى التصويت في 9 يوليه 2015", PUB, "2015-07-09");
        check("استمر حتى 30 اغسطس 2021", PUB, "2021-08-30");
        check("ووقع العقد في 11 أغسطس 2021", PUB, "2021-08-11");
    }

    #[test]
    fn levantine_names_including_two_word_months() {
        check("اجتمع المجلس في كانون الثاني 2023", PUB, "2023-01");
        check("بدأت الاحتجاجات في 17 تشرين الأول 2019", PUB, "2019-10-17");
        check("أقر القانون في تشرين الثاني 2018", PUB, "2018-11");
        check("انتهت الهدنة في 31 كانون الأول 2020", PUB, "2020-12-31");
        check("في حزيران 2014 سقطت المدينة", PUB, "2014-06");
        check("في 11 أيلول 2001 تغير العالم", PUB, "2001-09-11");
    }

    #[test]
    fn maghrebi_names() {
        check("رحل الرئيس في 14 جانفي 2011", PUB, "2011-01-14");
        check("أعلن الحزب في فيفري 2019 عن مرشحه", PUB, "2019-02");
        check("الانتخابات في أفريل 2023", PUB, "2023-04");
        check("في 25 جويلية 2021 علق البرلمان", PUB, "2021-07-25");
        check("عطلة أوت 2020 كانت قصيرة", PUB, "2020-08");
    }

    #[test]
    fn moroccan_names() {
        check("صدر الظهير في يوليوز 2022", PUB, "2022-07");
        check("ضرب الزلزال في 8 شتنبر 2023", PUB, "2023-09-08");
        check("في غشت 2017 أعلنت الحكومة", PUB, "2017-08");
        check("في نونبر 2015 ثم في دجنبر 2016", PUB, "2015-11; 2016-12");
    }

    #[test]
    fn slash_pairs_in_either_order() {
        check("في يوليو/تموز 2013 أطيح بالرئيس", PUB, "2013-07");
        check("في تموز/يوليو 2013 أطيح بالرئيس", PUB, "2013-07");
        check("أعلن في 19 أيار/مايو 2024", PUB, "2024-05-19");
        check("منذ تشرين الأول/أكتوبر 2023", PUB, "2023-10");
        check("وصل في أيار (مايو) 2021", PUB, "2021-05");
    }

    #[test]
    fn a_pair_whose_months_disagree_is_not_a_date() {
        check("في يوليو/أغسطس 2013 تغير كل شيء", PUB, "");
        check("في 5 حزيران/يوليو 2012", PUB, "");
    }

    // --- forms ---------------------------------------------------------------

    #[test]
    fn day_month_without_a_year_takes_the_publication_year() {
        check("تبدأ الدورة في 15 سبتمبر", PUB, "2024-09-15");
        check("وصل الوفد في 2 أبريل", PUB, "2024-04-02");
    }

    #[test]
    fn a_month_too_far_ahead_is_last_year() {
        // Published in April: October is 6 months ahead (this year), November 7 (last year).
        check("في أكتوبر", PUB, "2024-10");
        check("في نوفمبر", PUB, "2023-11");
        check("قتل في 20 ديسمبر", PUB, "2023-12-20");
    }

    #[test]
    fn month_and_year() {
        check("ارتفعت الأسعار في يناير 2013", PUB, "2013-01");
        check("خلال شهر مارس 2024", PUB, "2024-03");
        check("في مارس من عام 2024", PUB, "2024-03");
        check("في أبريل عام 2018", PUB, "2018-04");
    }

    #[test]
    fn a_year_needs_context_and_stays_a_year() {
        check("في عام 2012 انسحبت القوات", PUB, "2012");
        check("سنة 2012 كانت صعبة", PUB, "2012");
        check("العام 2012 شهد تحولا", PUB, "2012");
        check("في 2012 انسحبت القوات", PUB, "2012");
        check("منذ 2018 لم يتغير شيء", PUB, "2018");
        check("تأسست 2012م على يد", PUB, "2012");
        let m = one("في عام 2012", PUB);
        let v = m.value.expect("resolved");
        assert_eq!(v.precision, Precision::Year);
        assert_eq!((v.start, v.end), (date("2012-01-01").unwrap(), date("2012-12-31").unwrap()));
    }

    #[test]
    fn a_bare_number_is_not_a_year() {
        check("بلغ عدد الجنود 2012 جنديا", PUB, "");
        check("شارك حتى 2000 شخص", PUB, "");
        check("سار بعد 2000 كيلومتر", PUB, "");
        check("ارتفاع 2012 مترا", PUB, "");
    }

    #[test]
    fn ordinal_days() {
        check("في الأول من أكتوبر 2023", PUB, "2023-10-01");
        check("في الخامس عشر من سبتمبر 2020", PUB, "2020-09-15");
        check("الحادي والعشرين من مارس 2019", PUB, "2019-03-21");
        check("في الثلاثين من شهر يونيو 2018", PUB, "2018-06-30");
        check("في الأول من أكتوبر", PUB, "2024-10-01");
    }

    #[test]
    fn numeric_dates() {
        check("بتاريخ 16/3/2024 صدر البيان", PUB, "2024-03-16");
        check("بتاريخ 2024-03-16 صدر البيان", PUB, "2024-03-16");
        check("بتاريخ 2024/3/16", PUB, "2024-03-16");
        check("بتاريخ 16.3.2024", PUB, "2024-03-16");
    }

    #[test]
    fn numbers_that_are_not_numeric_dates() {
        check("الرقم 12/34/2020 غير صالح", PUB, "");
        check("اتصل على 16/3/2024/7", PUB, "");
        check("نحو 3/4 السكان", PUB, "");
        check("بتاريخ 31/2/2024", PUB, "");
        check("بلغ 1.100.000 دولار", PUB, "");
    }

    #[test]
    fn arabic_indic_and_persian_digits() {
        check("في ١٥ مارس ٢٠٢٤", PUB, "2024-03-15");
        check("بتاريخ ١٦/٣/٢٠٢٤", PUB, "2024-03-16");
        check("منذ عام ۲۰۱۸", PUB, "2018");
    }

    // --- parts of periods --------------------------------------------------

    #[test]
    fn parts_of_a_year() {
        check("في منتصف عام 2012", PUB, "2012-05/2012-08");
        check("مطلع 2024", PUB, "2024-01/2024-04");
        check("حتى أواخر العام 2019", PUB, "2019-09/2019-12");
        check("منذ بداية سنة 2020", PUB, "2020-01/2020-04");
        let v = one("في منتصف عام 2012", PUB).value.unwrap();
        assert_eq!(v.precision, Precision::Months);
    }

    #[test]
    fn parts_of_a_month() {
        check("أوائل شهر مارس/آذار 2024", PUB, "2024-03-01/2024-03-10");
        check("في منتصف أبريل 2023", PUB, "2023-04-11/2023-04-20");
        check("في أواخر فبراير 2023", PUB, "2023-02-21/2023-02-28");
        check("حتى نهاية شهر فبراير 2024", PUB, "2024-02-21/2024-02-29");
        check("أوائل شهر مارس/آذار", PUB, "2024-03-01/2024-03-10");
    }

    #[test]
    fn parts_of_relative_periods() {
        check("في أواخر الشهر الماضي", PUB, "2024-03-21/2024-03-31");
        check("منذ مطلع العام الجاري", PUB, "2024-01/2024-04");
        check("بحلول منتصف العام المقبل", PUB, "2025-05/2025-08");
    }

    #[test]
    fn halves_and_quarters() {
        check("في النصف الأول من عام 2023", PUB, "2023-01/2023-06");
        check("خلال الربع الأخير من 2022", PUB, "2022-10/2022-12");
    }

    #[test]
    fn a_part_without_a_period_is_not_a_date() {
        check("عند منتصف الليل", PUB, "");
        check("في نهاية الأسبوع", PUB, "");
        check("في نهاية المطاف", PUB, "");
    }

    // --- relative dates ----------------------------------------------------

    #[test]
    fn yesterday_and_the_day_before() {
        check("قال الوزير أمس إن", PUB, "2024-04-09");
        check("وقع الانفجار البارحة", PUB, "2024-04-09");
        check("مساء أمس", PUB, "2024-04-09");
        check("يوم أمس", PUB, "2024-04-09");
        check("أول أمس", PUB, "2024-04-08");
        check("أول من أمس", PUB, "2024-04-08");
    }

    #[test]
    fn today_only_with_a_time_of_day() {
        check("صباح اليوم", PUB, "2024-04-10");
        check("العالم اليوم مختلف", PUB, "");
    }

    #[test]
    fn last_this_and_next_month() {
        check("الشهر الماضي", PUB, "2024-03");
        check("الشهر المقبل", PUB, "2024-05");
        check("خلال الشهر القادم", PUB, "2024-05");
        check("الشهر الماضي", "2024-01-15", "2023-12");
    }

    #[test]
    fn last_this_and_next_year() {
        check("العام الماضي", PUB, "2023");
        check("السنة الماضية", PUB, "2023");
        check("العام المقبل", PUB, "2025");
        check("هذا العام", PUB, "2024");
        check("العام الجاري", PUB, "2024");
        check("العام الحالي", PUB, "2024");
        check("للعام الماضي", PUB, "2023");
    }

    #[test]
    fn earlier_this_year() {
        let m = one("أعلن في وقت سابق من هذا العام", PUB);
        assert_eq!(m.value.unwrap().notation(), "2024-01-01/2024-04-10");
        assert_eq!(m.marker, Some(DateMarker::In));
    }

    #[test]
    fn weeks() {
        // Wednesday 10 April: the week began Monday 8 April.
        check("الأسبوع الماضي", PUB, "2024-04-01/2024-04-09");
        check("هذا الأسبوع", PUB, "2024-04-08/2024-04-14");
        check("الأسبوع المقبل", PUB, "2024-04-15/2024-04-21");
    }

    #[test]
    fn days_ago() {
        check("منذ أيام", PUB, "2024-03-31/2024-04-09");
        check("قبل أيام قليلة", PUB, "2024-03-31/2024-04-09");
        let m = one("وصل قبل أيام", PUB);
        assert_eq!(m.marker, None, "قبل is part of 'days ago', not a marker");
    }

    #[test]
    fn named_month_past_is_strictly_before_the_publication_month() {
        check("يوليو الماضي", PUB, "2023-07");
        check("مارس الماضي", PUB, "2024-03");
        check("أبريل الماضي", PUB, "2023-04");
        check("كانون الثاني المنصرم", PUB, "2024-01");
    }

    #[test]
    fn named_month_current_and_next() {
        check("سبتمبر الجاري", "2024-09-05", "2024-09");
        check("أبريل الحالي", PUB, "2024-04");
        check("مارس المقبل", PUB, "2025-03");
        check("مايو القادم", PUB, "2024-05");
    }

    #[test]
    fn day_of_a_relative_month() {
        check("في 15 سبتمبر الجاري", "2024-09-20", "2024-09-15");
        check("في 20 يوليو الماضي", PUB, "2023-07-20");
    }

    #[test]
    fn month_of_a_relative_year() {
        check("في ديسمبر من العام الماضي", PUB, "2023-12");
        check("مارس من العام المقبل", PUB, "2025-03");
        check("في يناير من هذا العام", PUB, "2024-01");
    }

    #[test]
    fn weekdays_on_or_before_publication() {
        check("وقال يوم الجمعة", PUB, "2024-04-05");
        check("وقال الوزير الجمعة إن", PUB, "2024-04-05");
        check("مساء الجمعة", PUB, "2024-04-05");
        check("صباح الأربعاء", PUB, "2024-04-10");
    }

    #[test]
    fn weekdays_past_and_next() {
        check("الأربعاء الماضي", PUB, "2024-04-03");
        check("الجمعة المقبلة", PUB, "2024-04-12");
        check("الأربعاء المقبل", PUB, "2024-04-17");
    }

    #[test]
    fn a_weekday_followed_by_a_date_is_that_date() {
        check("الجمعة 15 مارس 2024", PUB, "2024-03-15");
        check("يوم الخميس 6 يونيو 2019", PUB, "2019-06-06");
        check("الخميس الموافق 14 شباط 2019", PUB, "2019-02-14");
        check("وصل الأربعاء، 13 آذار 2019", PUB, "2019-03-13");
    }

    #[test]
    fn the_same_year_resolves_to_the_last_stated_year() {
        check("وقع في 6 يوليو 2012، ثم في سبتمبر من العام نفسه", PUB, "2012-07-06; 2012-09");
        check("في عام 2015 تأسس الحزب، وفي ذلك العام فاز", PUB, "2015; 2015");
        check("في عام 2016. وفي منتصف العام نفسه", PUB, "2016; 2016-05/2016-08");
        check("العام الماضي ثم في مارس من نفس العام", PUB, "2023; 2023-03");
    }

    #[test]
    fn the_same_year_with_nothing_before_it_is_unresolved() {
        let m = one("وفي ذلك العام", PUB);
        assert_eq!(m.value, None);
        assert!(!m.relative);
        assert!(m.unresolved.unwrap().contains("stated earlier"));
    }

    #[test]
    fn relative_dates_without_a_publication_date() {
        for input in ["أمس", "الشهر الماضي", "يوليو الماضي", "في 15 سبتمبر", "يوم الجمعة", "منذ أيام", "العام المقبل"]
        {
            let m = one(input, "");
            assert_eq!(m.value, None, "{input}");
            assert!(m.relative, "{input}");
            assert_eq!(m.unresolved.as_deref(), Some("relative date needs a publication date"), "{input}");
        }
        let m = one("في 6 يوليو 2012", "");
        assert_eq!(m.value.map(|v| v.notation()).as_deref(), Some("2012-07-06"));
        assert!(!m.relative);
        assert_eq!(m.unresolved, None);
    }

    #[test]
    fn relative_flag_marks_resolved_relative_dates() {
        assert!(one("يوليو الماضي", PUB).relative);
        assert!(one("في 15 سبتمبر", PUB).relative);
        assert!(!one("في سبتمبر 2020", PUB).relative);
    }

    // --- markers and clitics -----------------------------------------------

    #[test]
    fn markers_are_recorded_and_left_out_of_the_expression() {
        let cases = [
            ("في 6 يوليو 2012", DateMarker::In),
            ("منذ 2018", DateMarker::Since),
            ("حتى 15 مارس 2024", DateMarker::Until),
            ("لغاية 15 مارس 2024", DateMarker::Until),
            ("قبل 15 مارس 2024", DateMarker::Before),
            ("بعد 15 مارس 2024", DateMarker::After),
            ("خلال عام 2020", DateMarker::During),
        ];
        for (input, marker) in cases {
            let m = one(input, PUB);
            assert_eq!(m.marker, Some(marker), "{input}");
            assert_eq!(m.marker_token, Some(0), "{input}");
            assert_eq!(m.tokens.start, 1, "{input}");
        }
    }

    #[test]
    fn words_between_marker_and_date_belong_to_the_expression() {
        let t = Tokenized::new("وقع ذلك في عام 2012", 0);
        let m = DateLexicon::builtin().parse_at(&t, 3, Some(date(PUB).unwrap())).unwrap();
        assert_eq!(m.tokens, 3..5);
        assert_eq!(m.marker_token, Some(2));
        let m = one("منذ يوم الجمعة", PUB);
        assert_eq!((m.tokens.clone(), m.marker), (1..3, Some(DateMarker::Since)));
        let m = one("في شهر مارس 2024", PUB);
        assert_eq!(m.tokens, 1..4);
    }

    #[test]
    fn clitic_prepositions() {
        let m = one("وفي 2012 انسحبت", PUB);
        assert_eq!(
            (m.marker, m.marker_token, m.value.unwrap().notation()),
            (Some(DateMarker::In), Some(0), "2012".into())
        );
        let m = one("و في 2012", PUB);
        assert_eq!((m.marker, m.marker_token), (Some(DateMarker::In), Some(1)));
        let m = one("بـ15 مارس 2024", PUB);
        assert_eq!((m.marker, m.marker_token, m.tokens.clone()), (Some(DateMarker::In), Some(0), 1..4));
        let m = one("بمارس 2024", PUB);
        assert_eq!((m.marker, m.marker_token), (Some(DateMarker::In), None));
        let m = one("ومنذ مطلع 2024", PUB);
        assert_eq!(m.marker, Some(DateMarker::Since));
        let m = one("وبعد الخامس عشر من سبتمبر 2020", PUB);
        assert_eq!((m.marker, m.value.unwrap().notation()), (Some(DateMarker::After), "2020-09-15".into()));
    }

    #[test]
    fn parse_at_starts_at_the_expression_not_the_marker() {
        let lex = DateLexicon::builtin();
        let t = Tokenized::new("في 6 يوليو 2012", 0);
        assert_eq!(lex.parse_at(&t, 0, None), None);
        let m = lex.parse_at(&t, 1, None).unwrap();
        assert_eq!(m.tokens, 1..4);
        assert_eq!(lex.parse_at(&t, 99, None), None);
    }

    #[test]
    fn several_dates_left_to_right() {
        check("في 6 يوليو 2012 ثم 15 سبتمبر 2013 وأمس", PUB, "2012-07-06; 2013-09-15; 2024-04-09");
        check("بين 6 يوليو 2012 و15 سبتمبر 2013 وأمس", PUB, "2012-07-06/2013-09-15; 2024-04-09");
    }

    // --- homographs ---------------------------------------------------------

    #[test]
    fn a_door_is_not_august() {
        // باب = ب + آب after folding; only with a day or year is it a month.
        let lex = DateLexicon::builtin();
        for text in ["عبرت القوافل من معبر باب السلامة", "أغلق باب المفاوضات", "فتح الباب أمام الحوار"]
        {
            let t = Tokenized::new(text, 0);
            assert!(lex.find_all(&t, None).is_empty(), "{text}");
        }
        let t = Tokenized::new("وصل الوفد بآب 2024", 0);
        assert_eq!(lex.find_all(&t, None).len(), 1);
    }

    #[test]
    fn homographs_outside_date_context_are_not_dates() {
        let sentences = [
            "مارس الجيش ضغوطا كبيرة على المعارضة",
            "الرجل الذي مارس السياسة عقودا",
            "مارس حقه في التصويت",
            "قال إن أب الضحية وصل إلى المستشفى",
            "كان آب العائلة غائبا",
            "تحدث الأب عن ابنه",
            "أب لثلاثة أطفال",
            "انتهت المباراة بنتيجة صفر مقابل هدفين",
            "التقى رجب طيب أردوغان بالوزير",
            "قال رمضان إن الاتفاق قريب",
            "أعلنت شركة نيسان عن طراز جديد",
            "قاد سيارة نيسان بيضاء",
            "اشتعل الكانون في الغرفة",
            "جلسوا حول كانون النار",
            "قالت ماي إن الحكومة ستصمد",
            "صرح جوان بأن الفريق جاهز",
            "أكد شباط أن الحزب سيشارك",
            "بين الاثنين خلاف قديم",
            "لا إله إلا الواحد الأحد",
            "الأول من نوعه في المنطقة",
            "في المنتصف تماما",
            "أحيا أنصار ثورة 25 يناير الذكرى",
            "خاض الجيش حرب أكتوبر",
            "اجتمعت قوى 14 آذار",
            "وقد مارس الضغط على الوزراء",
            "مارس اللاعب الرياضة منذ صغره",
            "اشترى سيارة نيسان مستعملة",
            "قالت الصحيفة إن ماي التقت الوزير",
            "وصف جوان الوضع بأنه صعب",
            "وضعت الأم الكانون في المطبخ",
            "قتل أب وابنه في القصف",
            "أب وأم وثلاثة أطفال بين الضحايا",
            "اتفق الاثنين على التعاون",
            "حضر أحد الوزراء الاجتماع",
            "سجل الفريق صفر نقاط",
            "عقد الاجتماع في القاهرة",
            "قبل يوم الانتخابات",
            "قال رمضان إن الحكومة مستعدة",
            "التقى شباط بأنصاره",
            "الأب الروحي للحركة",
        ];
        for s in sentences {
            check(s, PUB, "");
        }
    }

    #[test]
    fn the_same_words_in_date_context_are_dates() {
        let cases = [
            ("في مارس 2024 انتهت المفاوضات", "2024-03"),
            ("منذ مارس الماضي", "2024-03"),
            ("في 3 آب 2020", "2020-08-03"),
            ("منذ آب الماضي", "2023-08"),
            ("أب/أغسطس 2019", "2019-08"),
            ("شهر نيسان 2023", "2023-04"),
            ("في نيسان/أبريل", "2024-04"),
            ("في 15 ماي 2019", "2019-05-15"),
            ("خلال جوان 2021", "2021-06"),
            ("مطلع شباط", "2024-02-01/2024-02-10"),
            ("يوم الاثنين", "2024-04-08"),
            ("الأحد الماضي", "2024-04-07"),
            ("مارس المقبل", "2025-03"),
            ("ثورة 25 يناير 2011", "2011-01-25"),
            ("مارس 2020", "2020-03"),
            ("الأول من مارس", "2024-03-01"),
            ("خلال شهر نيسان", "2024-04"),
            ("في ماي الماضي", "2023-05"),
            ("منذ جوان 2019", "2019-06"),
            ("في 5 شباط 2021", "2021-02-05"),
            ("في شهر رمضان 1445 هـ", "2024-03-11/2024-04-09"),
            ("خلال شهر صفر 1446 هـ", "2024-08-05/2024-09-03"),
            ("في 15 رجب 1445 هـ", "2024-01-27"),
            ("منذ محرم 1446 هـ", "2024-07-07/2024-08-04"),
            ("يوم الأحد", "2024-04-07"),
            ("الاثنين المقبل", "2024-04-15"),
        ];
        for (s, expected) in cases {
            check(s, PUB, expected);
        }
    }

    // --- Hijri ------------------------------------------------------------------

    #[test]
    fn hijri_days_convert_with_umm_al_qura() {
        // 1 Ramadan 1445 was 11 March 2024 (Umm al-Qura).
        check("في 15 رمضان 1445هـ أعلنت الوزارة", PUB, "2024-03-25");
        check("وصل الوفد في 1 رمضان 1445 هـ", PUB, "2024-03-11");
        check("صدر المرسوم في الخامس عشر من شعبان 1445هـ", PUB, "2024-02-25");
        check("توفي في 10 ذو الحجة 1444 هـ", PUB, "2023-06-28");
        check("في ١٥ رمضان ١٤٤٥هـ", PUB, "2024-03-25");
    }

    #[test]
    fn hijri_months_and_years_give_their_gregorian_days() {
        check("تبدأ السنة الدراسية في محرم 1446 هـ", PUB, "2024-07-07/2024-08-04");
        check("خلال شهر رمضان 1445هـ", PUB, "2024-03-11/2024-04-09");
        check("صدر النظام عام 1445 هـ", PUB, "2023-07-19/2024-07-06");
        check("في 1445هـ تغير كل شيء", PUB, "2023-07-19/2024-07-06");
        let v = one("محرم 1446 هـ", PUB).value.unwrap();
        assert_eq!(v.precision, Precision::Days);
    }

    #[test]
    fn a_hijri_month_with_a_gregorian_year_is_the_one_starting_that_year() {
        check("تراجعت المبيعات في رمضان 2019", PUB, "2019-05-06/2019-06-03");
    }

    #[test]
    fn a_hijri_month_alone_is_in_the_publication_hijri_year() {
        // Published 10 April 2024 = 1 Shawwal 1445.
        check("ارتفعت الأسعار في رمضان", PUB, "2024-03-11/2024-04-09");
        check("خلال شهر صفر", PUB, "2023-08-17/2023-09-15");
        assert!(one("في رمضان", PUB).relative);
        check("في 3 شوال", PUB, "2024-04-12");
    }

    #[test]
    fn dual_dates_give_the_gregorian_date() {
        check("1445هـ الموافق 15 مارس 2024م", PUB, "2024-03-15");
        check("الجمعة 5 رمضان 1445هـ الموافق 15 مارس 2024م", PUB, "2024-03-15");
        check("في 15 مارس 2024 (5 رمضان 1445هـ)", PUB, "2024-03-15");
        check("في 15 مارس 2024م الموافق 5 رمضان 1445هـ", PUB, "2024-03-15");
        // Disagreeing sides: the Gregorian date wins.
        check("في 20 رمضان 1445هـ الموافق 15 مارس 2024م", PUB, "2024-03-15");
        assert_eq!(one("1445هـ الموافق 15 مارس 2024م", PUB).tokens, 0..7);
    }

    #[test]
    fn hijri_homographs_need_date_context() {
        let sentences = [
            "قال رمضان إن الاتفاق قريب",
            "صرح رمضان عبد الله للصحفيين",
            "تولى رجب منصب المدير العام",
            "التقى رجب طيب أردوغان بالوزير",
            "قال شعبان إن الفريق مستعد",
            "هذا الأمر محرم شرعا",
            "سافرت مع محرم من أقاربها",
            "حصل الطالب على صفر في الامتحان",
            "فاز الفريق 3 صفر على منافسه",
            "انتهت المباراة بنتيجة صفر مقابل هدفين",
            "انخفضت الحرارة إلى ما دون الصفر",
            "أزهرت الحدائق مع قدوم الربيع",
        ];
        for s in sentences {
            check(s, PUB, "");
        }
    }

    #[test]
    fn hijri_years_outside_the_table_are_not_converted() {
        let m = one("عام 1700 هـ", PUB);
        assert_eq!(m.value, None);
        assert!(m.unresolved.unwrap().contains("min_year"));
    }

    // --- ranges ---------------------------------------------------------------

    #[test]
    fn ranges_of_days_months_and_years() {
        check("قتل العشرات بين 2012 و2014", PUB, "2012/2014");
        check("في الفترة من 2012 إلى 2014", PUB, "2012/2014");
        check("النطاق 2014-2018.", PUB, "2014/2018");
        check("استمرت الاحتجاجات من مايو إلى سبتمبر 2020", PUB, "2020-05/2020-09");
        check("من مايو إلى سبتمبر", PUB, "2024-05/2024-09");
        check("تعقد الدورة من 15 إلى 20 مارس", PUB, "2024-03-15/2024-03-20");
        check("بين 13 و15 تموز 2019", PUB, "2019-07-13/2019-07-15");
        check("من 13 تموز الى 15 تموز 2019", PUB, "2019-07-13/2019-07-15");
        check("من 1-8 أيلول 2019", PUB, "2019-09-01/2019-09-08");
        check("بين الخامس عشر والتاسع عشر من نوفمبر 2021", PUB, "2021-11-15/2021-11-19");
        check("من ديسمبر 2022 إلى فبراير 2023", PUB, "2022-12/2023-02");
        check("من نوفمبر إلى فبراير 2023", PUB, "2022-11/2023-02");
        let v = one("بين 2012 و2014", PUB).value.unwrap();
        assert_eq!(
            (v.precision, v.start, v.end),
            (Precision::Years, date("2012-01-01").unwrap(), date("2014-12-31").unwrap())
        );
        assert_eq!(one("تعقد الدورة من 15 إلى 20 مارس", PUB).value.unwrap().precision, Precision::Days);
        assert_eq!(one("من مايو إلى سبتمبر", PUB).value.unwrap().precision, Precision::Months);
    }

    #[test]
    fn counts_are_not_year_ranges() {
        check("قتل بين 1900 و2000 جندي", PUB, "");
        check("يتراوح العدد من 1950 إلى 2000 شخص", PUB, "");
        check("بلغت الخسائر 2010-2015 دولارا", PUB, "");
    }

    #[test]
    fn ranges_of_relative_days_and_weekdays() {
        check("من أمس حتى الأحد المقبل", PUB, "2024-04-09/2024-04-14");
        check("الأسبوع المقبل يوم الجمعة", PUB, "2024-04-19");
        check("يوم الجمعة من الأسبوع الماضي", PUB, "2024-04-05");
        check("من 4 إلى 22 من الشهر الماضي", PUB, "2024-03-04/2024-03-22");
        check("في 20 من الشهر المقبل", PUB, "2024-05-20");
    }

    // --- ago, decades ---------------------------------------------------------

    #[test]
    fn n_units_ago() {
        check("وقع الهجوم قبل 3 أيام", PUB, "2024-04-07");
        check("وصل قبل يومين", PUB, "2024-04-08");
        check("غادر قبل أسبوع", PUB, "2024-04-03");
        check("قبل أسبوعين فقط", PUB, "2024-03-27");
        check("اعتقل قبل شهرين", PUB, "2024-02");
        check("يعيش هنا منذ عامين", PUB, "2022");
        check("منذ ثلاث سنوات", PUB, "2021");
        check("قبل 5 سنوات", PUB, "2019");
        check("منذ عقد", PUB, "2014");
        check("منذ عقد من الزمن", PUB, "2014");
        let m = one("وقع الهجوم قبل 3 أيام", PUB);
        assert_eq!((m.marker, m.tokens.clone()), (None, 2..5));
        assert!(m.relative);
    }

    #[test]
    fn about_widens_an_ago_to_a_span() {
        check("منذ ما يقرب من عقد", PUB, "2013/2015");
        check("قبل نحو عامين", PUB, "2021/2023");
        check("قبل حوالي 3 أشهر", PUB, "2023-12/2024-02");
        assert_eq!(one("منذ ما يقرب من عقد", PUB).value.unwrap().precision, Precision::Years);
    }

    #[test]
    fn an_ago_word_before_a_date_or_an_event_is_not_a_count() {
        check("قبل عام 2012", PUB, "2012");
        check("منذ شهر مارس الماضي", PUB, "2024-03");
        check("قبل يومين من الانتخابات", PUB, "");
        check("قبل يوم الانتخابات", PUB, "");
        check("منذ عقد الاجتماع لم يتغير شيء", PUB, "");
        check("أمضى عقدين في السجن", PUB, "");
    }

    #[test]
    fn decades() {
        check("في السبعينيات", PUB, "1970/1979");
        check("منذ ثمانينيات القرن الماضي", PUB, "1980/1989");
        check("خلال التسعينات", PUB, "1990/1999");
        check("شهد العقد الماضي تحولات", PUB, "2014/2023");
        check("خلال العقدين الماضيين", PUB, "2004/2023");
        check("في العقد المقبل", PUB, "2025/2034");
        check("امرأة في العشرينيات من عمرها", PUB, "");
    }

    #[test]
    fn first_of_a_month_and_day_after_tomorrow() {
        check("في أول شباط 2020", PUB, "2020-02-01");
        check("أول يناير", PUB, "2024-01-01");
        check("مطلع 2024", PUB, "2024-01/2024-04");
        check("بعد غد", PUB, "2024-04-12");
        check("قبل يوم أمس", PUB, "2024-04-08");
    }

    #[test]
    fn parts_of_weeks() {
        check("مطلع الأسبوع المقبل", PUB, "2024-04-15/2024-04-17");
        check("أواخر الأسبوع الماضي", PUB, "2024-04-04/2024-04-07");
    }

    #[test]
    fn moroccan_names_in_every_form() {
        let cases = [
            ("في 3 يوليوز 2022", "2022-07-03"),
            ("منذ غشت الماضي", "2023-08"),
            ("في شتنبر 2023", "2023-09"),
            ("أواخر نونبر 2021", "2021-11-21/2021-11-30"),
            ("في الخامس عشر من دجنبر 2020", "2020-12-15"),
            ("بين 5 و10 غشت 2019", "2019-08-05/2019-08-10"),
            ("من يوليوز إلى شتنبر 2018", "2018-07/2018-09"),
            ("شهر دجنبر", "2023-12"),
            ("بشتنبر 2016", "2016-09"),
            ("يوليوز/تموز 2015", "2015-07"),
        ];
        for (s, expected) in cases {
            check(s, PUB, expected);
        }
    }

    // --- robustness -------------------------------------------------------------

    #[test]
    fn no_panic_on_odd_input() {
        let lex = DateLexicon::builtin();
        let inputs = [
            "",
            "/",
            "في",
            "2024-",
            "-/-/",
            "منتصف",
            "يوم",
            "99999999999999 مارس",
            "31 فبراير 2023",
            "29 فبراير 2023",
            "29 فبراير",
            "الجمعة الماضية",
            "مساء",
            "من",
            "9999-99-99",
            "0/0/0000",
            "يناير 9999",
            "الشهر الماضي",
        ];
        for pubs in [None, date("0001-01-01"), date(PUB), NaiveDate::from_ymd_opt(262_000, 12, 31)] {
            for input in inputs {
                let t = Tokenized::new(input, 0);
                for i in 0..=t.len() + 1 {
                    let _ = lex.parse_at(&t, i, pubs);
                }
                let _ = lex.find_all(&t, pubs);
            }
        }
        check("29 فبراير", "2023-03-01", "?");
        check("29 فبراير 2023", PUB, "2023-02");
    }

    // --- rule file ----------------------------------------------------------------

    fn builtin_text() -> String {
        RuleSource::builtin().file("dates.toml").unwrap().text
    }

    /// Loads the built-in file with `from` replaced by `to`; the error and
    /// the 1-based line where `to` starts.
    fn broken(from: &str, to: &str) -> (RuleError, usize) {
        let text = builtin_text();
        let at = text.find(from).expect("fragment exists");
        let line = text[..at].lines().count() + usize::from(text[..at].ends_with('\n'));
        let text = text.replacen(from, to, 1);
        let err = DateLexicon::from_file(&RuleFile::new("rules/dates.toml", text)).unwrap_err();
        (err, line)
    }

    #[test]
    fn builtin_rules_load() {
        let file = RuleSource::builtin().file("dates.toml").unwrap();
        assert!(DateLexicon::from_file(&file).is_ok());
    }

    #[test]
    fn month_number_13_points_at_its_line() {
        let (err, line) = broken("number = 3\n", "number = 13\n");
        assert_eq!(err.file, "rules/dates.toml");
        assert_eq!(err.line, line);
        assert!(err.message.contains("1 to 12"), "{}", err.message);
    }

    #[test]
    fn unknown_field_points_at_its_line() {
        let (err, line) = broken("number = 5\n", "number = 5\ncolour = \"red\"\n");
        assert_eq!(err.file, "rules/dates.toml");
        assert_eq!(err.line, line + 1);
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn a_name_in_two_months_is_an_error() {
        let (err, line) = broken("moroccan = [\"شتنبر\"]", "moroccan = [\"مارس\"]");
        assert_eq!(err.line, line);
        assert!(err.message.contains("month 3"), "{}", err.message);
    }

    #[test]
    fn other_semantic_errors() {
        let (err, _) = broken("ambiguous = [\"مارس\", \"March\"]", "ambiguous = [\"يناير\"]");
        assert!(err.message.contains("ambiguous"), "{}", err.message);
        let (err, _) = broken("days = [11, 20]", "days = [20, 11]");
        assert!(err.message.contains("first"), "{}", err.message);
        let (err, _) = broken("resolve = \"yesterday\"", "resolve = \"someday\"");
        assert!(err.message.contains("unknown variant"), "{}", err.message);
        let (err, _) = broken("future_months = 6", "future_months = 12");
        assert!(err.message.contains("future_months"), "{}", err.message);
    }
}
