//! Typed values that claims carry: quantities as intervals, dates as ranges
//! at a precision, money as an interval with an ISO currency.
//!
//! Owns comparison (can two values both hold?) and the normalised notation
//! used in every output. It does not parse text; see `text::numbers`,
//! `text::money` and `text::dates`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A set of real numbers between two bounds; `None` is unbounded.
/// Exact numbers are degenerate closed intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Interval {
    pub fn exact(x: f64) -> Self {
        Interval { lo: Some(x), hi: Some(x), lo_open: false, hi_open: false }
    }

    /// An exact value widened by `below` and `above`, relative to it (the
    /// precision a figure was written with); any other interval as it is.
    pub fn widened(self, below: f64, above: f64) -> Self {
        match (self.lo, self.hi) {
            (Some(lo), Some(hi)) if lo == hi && (below > 0.0 || above > 0.0) => {
                Interval::closed(lo * (1.0 - below), hi * (1.0 + above))
            }
            _ => self,
        }
    }

    pub fn closed(lo: f64, hi: f64) -> Self {
        Interval { lo: Some(lo.min(hi)), hi: Some(lo.max(hi)), lo_open: false, hi_open: false }
    }

    /// Any bounds, open or closed; `None` is unbounded.
    pub fn new(lo: Option<f64>, lo_open: bool, hi: Option<f64>, hi_open: bool) -> Self {
        Interval { lo, hi, lo_open: lo_open && lo.is_some(), hi_open: hi_open && hi.is_some() }
    }

    pub fn is_exact(&self) -> bool {
        self.lo.is_some() && self.lo == self.hi
    }

    /// The single number when exact.
    pub fn point(&self) -> Option<f64> {
        if self.is_exact() {
            self.lo
        } else {
            None
        }
    }

    /// Multiplies both bounds by a positive factor (scale words: مليون).
    pub fn scaled(&self, k: f64) -> Self {
        Interval { lo: self.lo.map(|x| x * k), hi: self.hi.map(|x| x * k), ..*self }
    }

    /// True when some number lies in both.
    pub fn intersects(&self, other: &Interval) -> bool {
        fn below(hi: Option<f64>, hi_open: bool, lo: Option<f64>, lo_open: bool) -> bool {
            // Is the upper end `hi` strictly left of the lower end `lo`?
            match (hi, lo) {
                (Some(h), Some(l)) => h < l || (h == l && (hi_open || lo_open)),
                _ => false,
            }
        }
        !below(self.hi, self.hi_open, other.lo, other.lo_open) && !below(other.hi, other.hi_open, self.lo, self.lo_open)
    }

    /// Ratio between the nearest ends of two disjoint intervals (≥ 1), used
    /// to say how far apart two figures are. `None` when they intersect or
    /// an end is unbounded or zero.
    pub fn gap_ratio(&self, other: &Interval) -> Option<f64> {
        if self.intersects(other) {
            return None;
        }
        let (low, high) = if self.hi.zip(other.lo).is_some_and(|(h, l)| h <= l) {
            (self.hi?, other.lo?)
        } else {
            (other.hi?, self.lo?)
        };
        (low > 0.0).then(|| high / low)
    }

    /// Compact notation: `100`, `[900,1100]`, `>1000`, `>=1000`, `<50`, `(1000,1200]`.
    pub fn notation(&self) -> String {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) if l == h => fmt_num(l),
            (Some(l), Some(h)) => format!(
                "{}{},{}{}",
                if self.lo_open { '(' } else { '[' },
                fmt_num(l),
                fmt_num(h),
                if self.hi_open { ')' } else { ']' }
            ),
            (Some(l), None) => format!("{}{}", if self.lo_open { ">" } else { ">=" }, fmt_num(l)),
            (None, Some(h)) => format!("{}{}", if self.hi_open { "<" } else { "<=" }, fmt_num(h)),
            (None, None) => "any".to_string(),
        }
    }
}

/// Formats a number without a trailing `.0`; large round numbers stay plain.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    /// A span of days (a week, "days ago", a part of a month).
    Days,
    Month,
    /// A span of months (a part of a year, a season).
    Months,
    Year,
    /// A span of years (a decade, a range of years).
    Years,
}

/// An inclusive range of days with the precision it was stated at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
    pub precision: Precision,
}

impl DateRange {
    pub fn day(d: NaiveDate) -> Self {
        DateRange { start: d, end: d, precision: Precision::Day }
    }

    /// A whole month; `None` for an impossible month.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = last_day_of_month(year, month)?;
        Some(DateRange { start, end, precision: Precision::Month })
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(DateRange {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        })
    }

    pub fn span(start: NaiveDate, end: NaiveDate, precision: Precision) -> Self {
        DateRange { start: start.min(end), end: start.max(end), precision }
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn contains(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// ISO 8601 at the stated precision: `2012-07-06`, `2024-03`, `2013`;
    /// spans as ISO intervals `2012-05-01/2012-08-31`.
    pub fn notation(&self) -> String {
        match self.precision {
            Precision::Day => self.start.format("%Y-%m-%d").to_string(),
            Precision::Month => self.start.format("%Y-%m").to_string(),
            Precision::Year => format!("{:04}", self.start.year()),
            Precision::Months => {
                format!("{}/{}", self.start.format("%Y-%m"), self.end.format("%Y-%m"))
            }
            Precision::Years => format!("{:04}/{:04}", self.start.year(), self.end.year()),
            Precision::Days => {
                format!("{}/{}", self.start.format("%Y-%m-%d"), self.end.format("%Y-%m-%d"))
            }
        }
    }
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// An amount of money in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: Interval,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

impl Money {
    pub fn notation(&self) -> String {
        format!("{} {}", self.amount.notation(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_intersect_at_closed_ends_only() {
        assert!(Interval::closed(900.0, 1100.0).intersects(&Interval::new(Some(1000.0), true, None, false)));
        assert!(!Interval::exact(100.0).intersects(&Interval::closed(900.0, 1100.0)));
        assert!(!Interval::new(Some(1000.0), true, None, false).intersects(&Interval::exact(1000.0)));
        assert!(Interval::closed(100.0, 999.0).intersects(&Interval::exact(999.0)));
    }

    #[test]
    fn notation_is_compact() {
        assert_eq!(Interval::exact(100.0).notation(), "100");
        assert_eq!(Interval::closed(900.0, 1100.0).notation(), "[900,1100]");
        assert_eq!(Interval::new(Some(1000.0), true, None, false).notation(), ">1000");
        assert_eq!(Interval::exact(4.8e9).notation(), "4800000000");
        assert_eq!(Interval::exact(1.5).notation(), "1.5");
    }

    #[test]
    fn gap_ratio_measures_orders_of_magnitude() {
        let r = Interval::exact(100.0).gap_ratio(&Interval::closed(900.0, 1100.0));
        assert_eq!(r, Some(9.0));
    }

    #[test]
    fn date_notation_follows_precision() {
        let d = NaiveDate::from_ymd_opt(2012, 7, 6).unwrap();
        assert_eq!(DateRange::day(d).notation(), "2012-07-06");
        assert_eq!(DateRange::month(2024, 3).unwrap().notation(), "2024-03");
        assert_eq!(DateRange::year(2013).unwrap().notation(), "2013");
        assert!(DateRange::year(2012).unwrap().overlaps(&DateRange::day(d)));
        assert!(!DateRange::year(2014).unwrap().overlaps(&DateRange::day(d)));
        assert_eq!(DateRange::month(2024, 2).unwrap().end.day(), 29);
    }
}
