//! Chart geometry for reports: where every mark, tick and label goes.
//!
//! Owns turning values into coordinates: numeric intervals on one axis
//! (logarithmic when they span more than an order of magnitude, open ends
//! fading to the axis end) and date ranges on a time axis at their stated
//! precision. A chart is plain data (numbers and strings); the HTML template
//! emits the SVG elements from it, so every piece of text goes through the
//! template's escaping. Nothing here writes markup or reads the run.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::value::{fmt_num, DateRange, Interval, Precision};

/// Total width of a chart, in SVG user units.
pub const WIDTH: f64 = 880.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 10.0;
const RIGHT_PAD: f64 = 24.0;
/// Narrowest bar drawn for a range, so a day is still visible.
const MIN_BAR: f64 = 3.0;

/// One chart, ready to draw.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique within a report; prefixes the ids of the chart's gradients.
    pub id: String,
    /// What the chart shows, as a sentence (the SVG `<title>`).
    pub title: String,
    /// `log`, `linear` or `time`.
    pub scale: &'static str,
    pub width: f64,
    pub height: f64,
    /// Right edge of the row labels (drawn anchored at their end).
    pub label_x: f64,
    /// Left edge of the values column, when there is one.
    pub value_x: Option<f64>,
    pub plot_x0: f64,
    pub plot_x1: f64,
    pub top: f64,
    pub axis_y: f64,
    pub ticks: Vec<Tick>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Centre line of the row.
    pub y: f64,
    pub label: String,
    /// Shown in the values column (a value's notation).
    pub value: String,
    pub marks: Vec<Mark>,
}

/// One claim's value on the axis.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    pub claim: String,
    pub source: String,
    /// A single number or day: drawn as a dot at `x`.
    pub point: bool,
    pub x: f64,
    pub width: f64,
    /// The range is open toward the axis start or end (no bound stated, or
    /// a bound the axis cannot show): drawn fading, with an arrow.
    pub open_lo: bool,
    pub open_hi: bool,
    /// Side of a conflict (1, 2, …), 0 when on no side; picks the colour.
    pub side: usize,
    /// Tooltip: who said what.
    pub title: String,
}

/// What a mark stands for, before layout.
#[derive(Debug, Clone)]
pub struct Item {
    pub claim: String,
    pub source: String,
    pub side: usize,
    pub title: String,
    pub extent: Extent,
}

#[derive(Debug, Clone)]
pub enum Extent {
    Number(Interval),
    Date(DateRange),
}

/// A row before layout: a label, an optional value, its items.
#[derive(Debug, Clone)]
pub struct RowInput {
    pub label: String,
    pub value: String,
    pub items: Vec<Item>,
}

/// Room for row labels and values.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub label: f64,
    pub value: f64,
}

/// Per-subject charts: outlet, then the value, then the plot.
pub const SUBJECT_COLUMNS: Columns = Columns { label: 150.0, value: 130.0 };
/// The story timeline: long event labels, no values column.
pub const STORY_COLUMNS: Columns = Columns { label: 350.0, value: 0.0 };

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    Linear {
        lo: f64,
        hi: f64,
    },
    Log {
        lo: f64,
        hi: f64,
    },
    /// Day numbers; `hi` is exclusive.
    Time {
        lo: f64,
        hi: f64,
    },
}

impl Scale {
    /// Position in `[0, 1]`, clamped.
    fn unit(&self, v: f64) -> f64 {
        let t = match *self {
            Scale::Linear { lo, hi } | Scale::Time { lo, hi } => (v - lo) / (hi - lo),
            Scale::Log { lo, hi } => {
                if v <= 0.0 {
                    0.0
                } else {
                    (v.log10() - lo.log10()) / (hi.log10() - lo.log10())
                }
            }
        };
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Scale::Linear { .. } => "linear",
            Scale::Log { .. } => "log",
            Scale::Time { .. } => "time",
        }
    }
}

fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}

/// Chooses the axis for numeric values: logarithmic when the finite
/// bounds are positive and span more than a factor of ten.
fn number_scale(intervals: &[Interval]) -> Option<Scale> {
    let bounds: Vec<f64> = intervals.iter().flat_map(|i| [i.lo, i.hi]).flatten().filter(|x| x.is_finite()).collect();
    let min = bounds.iter().copied().fold(f64::INFINITY, f64::min);
    let max = bounds.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() || !max.is_finite() {
        return None;
    }
    let open_hi = intervals.iter().any(|i| i.hi.is_none());
    let positive: Vec<f64> = bounds.iter().copied().filter(|&x| x > 0.0).collect();
    let pmin = positive.iter().copied().fold(f64::INFINITY, f64::min);
    if pmin.is_finite() && max / pmin > 10.0 {
        let bottom = pmin.log10().floor().clamp(-300.0, 300.0);
        let top = if open_hi { max.log10().floor() + 1.0 } else { max.log10().ceil() };
        let top = top.clamp(bottom + 1.0, 300.0);
        return Some(Scale::Log { lo: 10f64.powf(bottom), hi: 10f64.powf(top) });
    }
    let lo = if min >= 0.0 { 0.0 } else { min - nice_step((max - min).max(1.0) / 5.0) };
    let mut hi = if max > 0.0 { max * 1.15 } else { 1.0 };
    if open_hi {
        hi = hi.max(max * 1.4);
    }
    let step = nice_step((hi - lo) / 5.0);
    hi = (hi / step).ceil() * step;
    Some(Scale::Linear { lo, hi })
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|&s| s >= raw).unwrap_or(10.0 * p)
}

/// Short axis labels: 1000, 10k, 2.5M, 1B.
fn short_num(x: f64) -> String {
    let a = x.abs();
    let (v, unit) = if a >= 1e9 {
        (x / 1e9, "B")
    } else if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e4 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    format!("{}{unit}", fmt_num((v * 100.0).round() / 100.0))
}

fn number_ticks(scale: Scale) -> Vec<(f64, String)> {
    match scale {
        Scale::Log { lo, hi } => {
            let exp = |v: f64| if v.is_finite() && v > 0.0 { v.log10().round().clamp(-300.0, 300.0) as i32 } else { 0 };
            let (a, b) = (exp(lo), exp(hi));
            // At most a dozen labelled decades.
            let step = usize::try_from((b - a) / 12 + 1).unwrap_or(1).max(1);
            (a..=b).step_by(step).map(|e| 10f64.powi(e)).map(|v| (v, short_num(v))).collect()
        }
        Scale::Linear { lo, hi } => {
            let step = nice_step((hi - lo) / 5.0);
            let mut v = (lo / step).ceil() * step;
            let mut out = Vec::new();
            while v <= hi + step * 1e-9 && out.len() < 20 {
                out.push((v, short_num(v)));
                v += step;
            }
            out
        }
        Scale::Time { .. } => Vec::new(),
    }
}

fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

fn from_day(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

fn time_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let (Some(start), Some(end)) = (from_day(lo.ceil() as i64), from_day(hi.floor() as i64)) else {
        return Vec::new();
    };
    let span = hi - lo;
    let mut out = Vec::new();
    if span > 365.0 * 3.0 {
        let years = f64::from(end.year() - start.year());
        let step = [1, 2, 5, 10, 20, 50, 100].into_iter().find(|s| years / f64::from(*s) <= 10.0).unwrap_or(100);
        let first = start.year() + (step - start.year().rem_euclid(step)) % step;
        let mut y = first;
        while y <= end.year() {
            if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1).filter(|d| *d >= start) {
                out.push((day(d), format!("{y:04}")));
            }
            y += step;
        }
    } else if span > 80.0 {
        let months = span / 30.4;
        let step = [1u32, 2, 3, 6, 12].into_iter().find(|s| months / f64::from(*s) <= 10.0).unwrap_or(12);
        let (mut y, mut m) = (start.year(), start.month());
        for _ in 0..200 {
            if (m - 1) % step == 0 {
                if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1).filter(|d| *d >= start && *d <= end) {
                    out.push((day(d), d.format("%Y-%m").to_string()));
                }
            }
            if m == 12 {
                y += 1;
                m = 1;
            } else {
                m += 1;
            }
            if NaiveDate::from_ymd_opt(y, m, 1).is_none_or(|d| d > end) {
                break;
            }
        }
    } else {
        let step = [1i64, 2, 7, 14, 28].into_iter().find(|s| span / *s as f64 <= 8.0).unwrap_or(28);
        let mut n = lo.ceil() as i64;
        while (n as f64) <= hi && out.len() < 20 {
            if let Some(d) = from_day(n) {
                out.push((n as f64, d.format("%Y-%m-%d").to_string()));
            }
            n += step;
        }
    }
    out
}

/// The time axis for date ranges, padded; `since` cuts it to start there.
fn time_scale(ranges: &[DateRange], since: Option<NaiveDate>) -> Option<Scale> {
    let lo = ranges.iter().map(|r| day(r.start)).fold(f64::INFINITY, f64::min);
    let hi = ranges.iter().map(|r| day(r.end) + 1.0).fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let pad = ((hi - lo) * 0.04).max(15.0);
    let lo = match since {
        Some(s) => day(s),
        None => lo - pad,
    };
    let hi = hi + pad;
    (hi > lo).then_some(Scale::Time { lo, hi })
}

/// Lays out rows of items on one axis. Returns `None` when nothing can be
/// placed (no finite value, no resolved date).
pub fn layout(id: &str, title: &str, rows: &[RowInput], columns: Columns, since: Option<NaiveDate>) -> Option<Chart> {
    let intervals: Vec<Interval> = rows
        .iter()
        .flat_map(|r| &r.items)
        .filter_map(|i| match &i.extent {
            Extent::Number(n) => Some(*n),
            Extent::Date(_) => None,
        })
        .collect();
    let dates: Vec<DateRange> = rows
        .iter()
        .flat_map(|r| &r.items)
        .filter_map(|i| match &i.extent {
            Extent::Date(d) => Some(*d),
            Extent::Number(_) => None,
        })
        .collect();
    let scale = if !dates.is_empty() { time_scale(&dates, since)? } else { number_scale(&intervals)? };
    let label_x = columns.label;
    let value_x = (columns.value > 0.0).then_some(label_x + 10.0);
    let plot_x0 = label_x + columns.value + 20.0;
    let plot_x1 = WIDTH - RIGHT_PAD;
    let px = |t: f64| round1(plot_x0 + t * (plot_x1 - plot_x0));
    let mut out_rows = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let y = round1(TOP + ROW_H * (i as f64 + 0.5));
        let mut marks = Vec::new();
        for item in &r.items {
            let m = place(scale, item, &px);
            marks.extend(m);
        }
        out_rows.push(Row { y, label: r.label.clone(), value: r.value.clone(), marks });
    }
    let axis_y = round1(TOP + ROW_H * rows.len() as f64 + 4.0);
    let ticks = match scale {
        Scale::Time { lo, hi } => time_ticks(lo, hi),
        s => number_ticks(s),
    };
    let ticks = ticks.into_iter().map(|(v, label)| Tick { x: px(scale.unit(v)), label }).collect();
    let scale_note = match scale {
        Scale::Log { .. } => " (logarithmic scale)",
        _ => "",
    };
    Some(Chart {
        id: id.to_string(),
        title: format!("{title}{scale_note}"),
        scale: scale.name(),
        width: WIDTH,
        height: round1(axis_y + 24.0),
        label_x,
        value_x,
        plot_x0,
        plot_x1,
        top: TOP,
        axis_y,
        ticks,
        rows: out_rows,
    })
}

fn place(scale: Scale, item: &Item, px: &dyn Fn(f64) -> f64) -> Option<Mark> {
    let mark = |point: bool, x0: f64, x1: f64, open_lo: bool, open_hi: bool| {
        let (x0, x1) = (px(x0), px(x1));
        let width = round1((x1 - x0).max(if point { 0.0 } else { MIN_BAR }));
        Mark {
            claim: item.claim.clone(),
            source: item.source.clone(),
            point,
            x: if point { x0 } else { x0.min(round1(x1 - width)).max(0.0) },
            width,
            open_lo,
            open_hi,
            side: item.side,
            title: item.title.clone(),
        }
    };
    match (&item.extent, scale) {
        (Extent::Number(i), Scale::Linear { lo, hi } | Scale::Log { lo, hi }) => {
            if let Some(p) = i.point() {
                return Some(mark(true, scale.unit(p), scale.unit(p), false, false));
            }
            let a = i.lo.filter(|v| v.is_finite());
            let b = i.hi.filter(|v| v.is_finite());
            let open_lo = a.is_none_or(|v| v < lo || (matches!(scale, Scale::Log { .. }) && v <= 0.0));
            let open_hi = b.is_none_or(|v| v > hi);
            Some(mark(false, a.map_or(0.0, |v| scale.unit(v)), b.map_or(1.0, |v| scale.unit(v)), open_lo, open_hi))
        }
        (Extent::Date(d), Scale::Time { lo, hi }) => {
            let (s, e) = (day(d.start), day(d.end) + 1.0);
            if e < lo || s > hi {
                return None;
            }
            if d.precision == Precision::Day {
                let c = scale.unit(s + 0.5);
                return Some(mark(true, c, c, false, false));
            }
            Some(mark(false, scale.unit(s), scale.unit(e), s < lo, e > hi))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(i: Interval) -> Item {
        Item { claim: "c".into(), source: "s".into(), side: 0, title: String::new(), extent: Extent::Number(i) }
    }

    fn row(i: Interval) -> RowInput {
        RowInput { label: "x".into(), value: i.notation(), items: vec![item(i)] }
    }

    #[test]
    fn a_hundred_against_about_a_thousand_is_logarithmic() {
        let rows = [row(Interval::exact(100.0)), row(Interval::closed(900.0, 1100.0))];
        let c = layout("t", "t", &rows, SUBJECT_COLUMNS, None).unwrap();
        assert_eq!(c.scale, "log");
        let a = &c.rows[0].marks[0];
        let b = &c.rows[1].marks[0];
        assert!(a.point && !b.point);
        // 100 sits a decade left of 1000 on a 100..10000 axis: a third of the way.
        assert!(b.x - a.x > (c.plot_x1 - c.plot_x0) * 0.4, "{} vs {}", a.x, b.x);
        assert!(c.ticks.iter().any(|t| t.label == "1000"));
    }

    #[test]
    fn close_values_are_linear_and_open_ends_reach_the_axis_end() {
        let rows = [row(Interval::new(Some(1000.0), true, None, false)), row(Interval::closed(900.0, 1100.0))];
        let c = layout("t", "t", &rows, SUBJECT_COLUMNS, None).unwrap();
        assert_eq!(c.scale, "linear");
        let open = &c.rows[0].marks[0];
        assert!(open.open_hi && !open.open_lo);
        assert!((open.x + open.width - c.plot_x1).abs() < 0.2);
    }

    #[test]
    fn dates_keep_their_precision() {
        let d = NaiveDate::from_ymd_opt(2012, 7, 6).unwrap();
        let rows = [
            RowInput {
                label: "a".into(),
                value: String::new(),
                items: vec![Item { extent: Extent::Date(DateRange::day(d)), ..item(Interval::exact(1.0)) }],
            },
            RowInput {
                label: "b".into(),
                value: String::new(),
                items: vec![Item {
                    extent: Extent::Date(DateRange::year(2014).unwrap()),
                    ..item(Interval::exact(1.0))
                }],
            },
        ];
        let c = layout("t", "t", &rows, SUBJECT_COLUMNS, None).unwrap();
        assert_eq!(c.scale, "time");
        assert!(c.rows[0].marks[0].point);
        let year = &c.rows[1].marks[0];
        assert!(!year.point && year.width > 50.0);
        assert!(c.ticks.iter().any(|t| t.label.starts_with("2013")));
    }

    #[test]
    fn nothing_to_draw_is_no_chart() {
        assert!(layout("t", "t", &[], SUBJECT_COLUMNS, None).is_none());
        let unbounded = [row(Interval::new(None, false, None, false))];
        assert!(layout("t", "t", &unbounded, SUBJECT_COLUMNS, None).is_none());
    }

    #[test]
    fn huge_and_tiny_values_do_not_panic() {
        for v in [f64::MAX, f64::MIN_POSITIVE, -5.0, 0.0, 1e300] {
            let rows = [row(Interval::exact(v)), row(Interval::closed(0.0, 1.0))];
            let _ = layout("t", "t", &rows, SUBJECT_COLUMNS, None);
        }
        let far = DateRange::year(1).unwrap();
        let near = DateRange::year(9999).unwrap();
        let rows: Vec<RowInput> = [far, near]
            .into_iter()
            .map(|d| RowInput {
                label: "x".into(),
                value: String::new(),
                items: vec![Item { extent: Extent::Date(d), ..item(Interval::exact(1.0)) }],
            })
            .collect();
        assert!(layout("t", "t", &rows, STORY_COLUMNS, None).is_some());
    }
}
