//! Benchmarks of every stage: value parsing per expression, extraction
//! throughput (MB/s), linking and checking as claims grow (1k → 1M), and a
//! run end to end. `cargo bench` runs them all (a few minutes);
//! `cargo bench -- parse` runs one group.
//!
//! Articles come from the corpus generator (`bench/corpus.rs`), made in
//! memory with a fixed seed, so nothing has to be generated first.

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use claimcheck::extract::{Binding, Claim, ClaimKind, ClaimValue, TimeScope};
use claimcheck::rules::RuleSource;
use claimcheck::sources::Source;
use claimcheck::span::Span;
use claimcheck::text::Tokenized;
use claimcheck::value::{DateRange, Interval, Money};
use claimcheck::Engine;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

fn engine() -> Engine {
    Engine::load(&RuleSource::builtin()).expect("built-in rules are valid")
}

fn articles(n: usize) -> Vec<Source> {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut out = Vec::new();
    corpus::generate(n, 7, &rules, |rel, text| {
        let (s, _) = Source::from_text(format!("s{}", out.len() + 1), rel, text);
        out.push(s);
    });
    out
}

/// One expression of each kind, each in a short sentence.
const NUMBERS: &[&str] = &[
    "نشرت فرنسا 3000 جندي.",
    "نشرت فرنسا نحو ثلاثة آلاف جندي.",
    "بلغ عددهم ١٬٥٠٠ جندي.",
    "أكثر من مئتين وخمسين ألفا.",
    "عشرات الآلاف من المحتجين.",
];
const DATES: &[&str] = &[
    "وقعت الاتفاقية في 6 يوليو 2012.",
    "وقعت الاتفاقية في ٦ تموز ٢٠١٢.",
    "وصل الوفد الشهر الماضي.",
    "في منتصف عام 2012.",
    "قال المتحدث يوم الجمعة إن المحادثات مستمرة.",
];
const MONEY: &[&str] = &[
    "بتكلفة تزيد عن 100 مليون دولار.",
    "قرض بقيمة 4.8 مليار دولار.",
    "منحة قدرها ٢٥٠ ألف يورو.",
    "نحو 3 ملايين جنيه مصري.",
];

fn parse(c: &mut Criterion) {
    let e = engine();
    let x = &e.extractor;
    let published = NaiveDate::from_ymd_opt(2024, 4, 20);
    let mut g = c.benchmark_group("parse");
    g.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    let toks = |xs: &[&str]| xs.iter().map(|s| Tokenized::new(s, 0)).collect::<Vec<_>>();
    let (nums, dates, money) = (toks(NUMBERS), toks(DATES), toks(MONEY));
    g.throughput(Throughput::Elements(nums.len() as u64));
    g.bench_function("numbers", |b| {
        b.iter(|| nums.iter().map(|t| x.numbers.find_all(t, 0..t.len()).len()).sum::<usize>())
    });
    g.throughput(Throughput::Elements(dates.len() as u64));
    g.bench_function("dates", |b| b.iter(|| dates.iter().map(|t| x.dates.find_all(t, published).len()).sum::<usize>()));
    g.throughput(Throughput::Elements(money.len() as u64));
    g.bench_function("money", |b| {
        b.iter(|| money.iter().map(|t| x.money.find_all(&x.numbers, t, 0..t.len()).len()).sum::<usize>())
    });
    g.throughput(Throughput::Elements(NUMBERS.len() as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| NUMBERS.iter().map(|s| Tokenized::new(black_box(s), 0).len()).sum::<usize>())
    });
    g.finish();
}

fn extraction(c: &mut Criterion) {
    let e = engine();
    let docs = articles(200);
    let bytes: usize = docs.iter().map(|s| s.text.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("200 articles, one core", |b| {
        b.iter(|| docs.iter().enumerate().map(|(i, s)| e.extractor.extract(s, i).claims.len()).sum::<usize>())
    });
    g.bench_function("tokenize 200 articles", |b| {
        b.iter(|| docs.iter().map(|s| Tokenized::new(s.body(), s.body_start).len()).sum::<usize>())
    });
    g.finish();
}

/// `n` claims about `n / 5` subjects, five sources each, one in five
/// subjects with a conflicting value; counts, money and dates.
fn synthetic_claims(n: usize) -> (Vec<Source>, Vec<Claim>) {
    let n_sources = (n / 10).max(5);
    let sources: Vec<Source> = (0..n_sources)
        .map(|i| {
            let (mut s, _) = Source::from_text(format!("s{}", i + 1), format!("a/{i}.md"), "نص الخبر عن 1000 جندي.");
            s.meta.outlet = Some(format!("outlet {}", i % 16));
            s
        })
        .collect();
    let day = NaiveDate::from_ymd_opt(2024, 4, 20).expect("a date");
    let mut claims = Vec::with_capacity(n);
    for i in 0..n {
        let subject = i / 5;
        let conflicting = subject % 5 == 0 && i % 5 == 4;
        let (kind, key, value) = match subject % 3 {
            0 => (
                ClaimKind::Count,
                format!("count/personnel/US/X{subject}"),
                ClaimValue::Count(Interval::exact(if conflicting { 10_000.0 } else { 1000.0 })),
            ),
            1 => (
                ClaimKind::Money,
                format!("money/cost/site:base-{subject}"),
                ClaimValue::Money(Money {
                    amount: Interval::exact(if conflicting { 1e9 } else { 1e8 }),
                    currency: "USD".into(),
                }),
            ),
            _ => (
                ClaimKind::Date,
                format!("date/agreement:security/sign/X{subject}+US"),
                ClaimValue::Date(DateRange::day(if conflicting { day - chrono::Duration::days(800) } else { day })),
            ),
        };
        claims.push(Claim {
            source: (subject * 5 + i % 5) % n_sources,
            kind,
            subject: key.as_str().into(),
            subject_label: key.as_str().into(),
            value,
            time: (kind != ClaimKind::Date).then(|| TimeScope {
                range: DateRange::day(day),
                text: String::new(),
                span: None,
                implicit: true,
                written: false,
            }),
            span: Span::new(15, 19),
            sentence: Span::new(0, 40),
            evidence: std::sync::Arc::from([]),
            cumulative: false,
            same_event_within_days: None,
            cue: Default::default(),
            story: 0,
            relative_day: false,
            assumed: 0,
            binding: Binding::Key,
        });
    }
    (sources, claims)
}

fn checking(c: &mut Criterion) {
    let e = engine();
    let mut g = c.benchmark_group("link+check");
    g.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let (sources, claims) = synthetic_claims(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || claims.clone(),
                |cl| {
                    e.check_claims(&sources, cl, &claimcheck::stories::Stories::singletons(sources.len()))
                        .findings
                        .len()
                },
                BatchSize::LargeInput,
            )
        });
    }
    // One subject every claim is about: nothing quadratic within a subject.
    let (sources, mut claims) = synthetic_claims(100_000);
    for (i, c) in claims.iter_mut().enumerate() {
        c.kind = ClaimKind::Count;
        c.subject = "count/personnel/US/NE".into();
        c.value = ClaimValue::Count(Interval::exact(if i % 2 == 0 { 1000.0 } else { 10_000.0 }));
        c.time = Some(TimeScope {
            range: DateRange::day(NaiveDate::from_ymd_opt(2024, 4, 20).expect("a date")),
            text: String::new(),
            span: None,
            implicit: true,
            written: false,
        });
    }
    g.throughput(Throughput::Elements(claims.len() as u64));
    g.bench_function("one subject, 100000 claims", |b| {
        b.iter_batched(
            || claims.clone(),
            |cl| e.check_claims(&sources, cl, &claimcheck::stories::Stories::singletons(sources.len())).findings.len(),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let e = engine();
    let docs = articles(100);
    let bytes: usize = docs.iter().map(|s| s.text.len()).sum();
    let mut g = c.benchmark_group("end-to-end");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("100 articles in memory", |b| {
        b.iter_batched(|| docs.clone(), |d| e.run_sources(d, Vec::new()).findings.len(), BatchSize::LargeInput)
    });
    g.finish();
}

criterion_group!(benches, parse, extraction, checking, end_to_end);
criterion_main!(benches);
