//! Property tests (proptest, 256 cases each, fixed seed): no panic on
//! any text, spans always slice the original, normalisation's offset map is
//! monotonic, and numbers round-trip in every written form.

use std::sync::OnceLock;

use claimcheck::rules::RuleSource;
use claimcheck::sources::Source;
use claimcheck::text::numbers::NumberLexicon;
use claimcheck::text::{Normalized, Tokenized};
use claimcheck::Engine;
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load(&RuleSource::builtin()).expect("built-in rules"))
}

fn numbers() -> &'static NumberLexicon {
    static N: OnceLock<NumberLexicon> = OnceLock::new();
    N.get_or_init(NumberLexicon::builtin)
}

/// Text made of what news contains and what breaks parsers: Arabic letters
/// and words, three digit systems, separators, marks, tatweel, bidi and
/// zero-width controls, punctuation, Latin, emoji and line breaks.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "نشرت",
        "فرنسا",
        " ",
        " ",
        "\n",
        "نحو",
        "أكثر من",
        "3000",
        "١٢٣",
        "۴۵۶",
        "جندي",
        "جنود",
        "في",
        "مالي",
        "،",
        ".",
        "يوليو",
        "تموز",
        "/",
        "2023",
        "الماضي",
        "عام",
        "منذ",
        "قتل",
        "شخصا",
        "مليون",
        "دولار",
        "القاعدة",
        "101",
        "\u{200F}",
        "\u{061C}",
        "\u{202B}",
        "\u{2069}",
        "\u{200D}",
        "ـــ",
        "\u{064B}",
        "\u{0651}",
        "٬",
        "٫",
        ",",
        "-",
        "سي-17",
        "---",
        "published: 2024-01-01",
        "😀",
        "x",
        "Q",
        "\r",
        "\t",
        "هـ",
        "1445",
        "رمضان",
        "بين",
        "و",
        "إلى",
        "<script>",
        "\"",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn any_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..80).prop_map(|v| v.into_iter().collect())
}

proptest! {
    // A fixed seed: CI runs the same 256 cases each time, so a red build
    // always means a change, never a dice roll. Set PROPTEST_RNG_SEED to
    // explore other cases locally.
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: std::env::var("PROPTEST_RNG_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .map(proptest::test_runner::RngSeed::Fixed)
            .unwrap_or(proptest::test_runner::RngSeed::Fixed(20261121)),
        .. ProptestConfig::default()
    })]

    #[test]
    fn no_panic_and_every_span_slices_the_original(text in prop_oneof![hostile_text(), any_unicode()]) {
        let (src, _) = Source::from_text("s1", "p.md", text.clone());
        let run = engine().run_sources(vec![src], vec![]);
        for c in &run.claims {
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            prop_assert!(c.span.start <= c.span.end && c.span.end <= text.len());
            prop_assert!(c.sentence.start <= c.span.start && c.span.end <= c.sentence.end);
        }
        for m in &run.mentions {
            prop_assert_eq!(&text[m.span.start..m.span.end], m.text.as_str());
        }
    }

    #[test]
    fn the_offset_map_is_monotonic_and_within_the_text(text in prop_oneof![hostile_text(), any_unicode()]) {
        let n = Normalized::new(&text);
        let mut last = 0;
        for i in 0..n.as_str().len() {
            let s = n.original_start(i).unwrap();
            prop_assert!(s >= last && s <= text.len());
            last = s;
        }
        let t = Tokenized::new(&text, 0);
        for tok in &t.tokens {
            prop_assert!(text.is_char_boundary(tok.span.start) && text.is_char_boundary(tok.span.end));
        }
    }

    #[test]
    fn digits_round_trip(n in 0u64..=1_000_000_000_000) {
        for form in [n.to_string(), grouped(n, ','), grouped(n, '٬'), arabic_indic(&n.to_string()), arabic_indic(&grouped(n, '٬'))] {
            prop_assert_eq!(parse(&form), Some(n as f64), "{}", form);
        }
    }

    #[test]
    fn words_round_trip(n in prop_oneof![0u64..=1000, 1000u64..=1_000_000, 1_000_000u64..=1_000_000_000_000]) {
        if let Some(w) = words(n) {
            prop_assert_eq!(parse(&w), Some(n as f64), "{}", w);
        }
    }
}

/// The value of the one number expression covering all of `text`.
fn parse(text: &str) -> Option<f64> {
    let t = Tokenized::new(text, 0);
    let found = numbers().find_all(&t, 0..t.len());
    match found.as_slice() {
        [one] if one.tokens == (0..t.len()) => one.stated.or(one.value.point()),
        _ => None,
    }
}

fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn arabic_indic(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(0x0660 + c as u32 - '0' as u32).unwrap() } else { c })
        .collect()
}

const UNITS: [&str; 11] = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"];
const TENS: [&str; 10] = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"];
const HUNDREDS: [&str; 10] =
    ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"];

fn below_100(n: u64) -> String {
    match n {
        0 => String::new(),
        1..=10 => UNITS[n as usize].to_string(),
        11 => "أحد عشر".into(),
        12 => "اثنا عشر".into(),
        13..=19 => format!("{} عشر", UNITS[(n - 10) as usize]),
        _ if n % 10 == 0 => TENS[(n / 10) as usize].to_string(),
        _ => format!("{} و{}", UNITS[(n % 10) as usize], TENS[(n / 10) as usize]),
    }
}

fn below_1000(n: u64) -> String {
    let (h, r) = (n / 100, n % 100);
    match (h, r) {
        (0, _) => below_100(r),
        (_, 0) => HUNDREDS[h as usize].to_string(),
        _ => format!("{} و{}", HUNDREDS[h as usize], below_100(r)),
    }
}

/// A scale word counted by `c` (1..=999), in the form Arabic uses after
/// that count: ألف، ألفان، ثلاثة آلاف، أحد عشر ألفا، مئة ألف. `None` for
/// counts whose form is disputed among writers (101, 102 … of a scale).
fn scaled(c: u64, one: &str, two: &str, plural: &str) -> Option<String> {
    let r = c % 100;
    Some(match c {
        1 => one.to_string(),
        2 => two.to_string(),
        3..=10 => format!("{} {plural}", below_100(c)),
        11..=99 => format!("{} {one}ا", below_100(c)),
        _ if r == 0 => format!("{} {one}", below_1000(c)),
        _ if (3..=10).contains(&r) => format!("{} {plural}", below_1000(c)),
        _ if r >= 11 => format!("{} {one}ا", below_1000(c)),
        _ => return None,
    })
}

/// Masculine cardinal words for `n`, joined with و. `None` where the form
/// is disputed (see `scaled`).
fn words(n: u64) -> Option<String> {
    if n == 0 {
        return Some("صفر".into());
    }
    let scales = [
        (1_000_000_000, "مليار", "ملياران", "مليارات"),
        (1_000_000, "مليون", "مليونان", "ملايين"),
        (1000, "ألف", "ألفان", "آلاف"),
    ];
    let mut parts = Vec::new();
    let mut rest = n;
    if rest >= 1_000_000_000_000 {
        parts.push("ألف مليار".to_string());
        rest -= 1_000_000_000_000;
    }
    for (size, one, two, plural) in scales {
        let c = rest / size;
        rest %= size;
        if c > 0 {
            parts.push(scaled(c, one, two, plural)?);
        }
    }
    if rest > 0 {
        parts.push(below_1000(rest));
    }
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(" و");
        }
        out.push_str(p);
    }
    Some(out)
}

#[test]
fn the_word_generator_writes_what_we_expect() {
    assert_eq!(words(21).unwrap(), "واحد وعشرون");
    assert_eq!(words(3500).unwrap(), "ثلاثة آلاف وخمسمئة");
    assert_eq!(words(45_000).unwrap(), "خمسة وأربعون ألفا");
    assert_eq!(words(2_000_000).unwrap(), "مليونان");
}
