//! The value parsers skip tokens their [`StartGate`] turns away. A gate
//! may only ever save time: on every text the project has (both stories,
//! every conformance case, every rule example, 300 generated articles)
//! and on those texts reshuffled, each parser must find exactly what it
//! finds when it tries every token.
//!
//! [`StartGate`]: claimcheck::text::StartGate

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use claimcheck::text::dates::DateLexicon;
use claimcheck::text::money::MoneyLexicon;
use claimcheck::text::numbers::NumberLexicon;
use claimcheck::text::ordinals::OrdinalLexicon;
use claimcheck::text::Tokenized;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every text the project has, as strings.
fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for story in ["niger", "quake"] {
        let mut paths: Vec<_> = fs::read_dir(root().join("fixtures").join(story))
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| fs::read_to_string(p).expect("fixture is UTF-8")));
    }
    let mut data: Vec<_> = fs::read_dir(root().join("tests/conformance"))
        .expect("conformance folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    data.sort();
    for p in data {
        for line in fs::read_to_string(&p).expect("conformance file").lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("conformance line is JSON");
            if let Some(text) = case["text"].as_str() {
                out.push(text.to_string());
            }
        }
    }
    for name in ["frames", "measures", "people", "sites"] {
        let file = fs::read_to_string(root().join("rules").join(format!("{name}.toml"))).expect("rule file");
        let table: toml::Table = file.parse().expect("rule file is TOML");
        for ex in table.get("example").and_then(|e| e.as_array()).into_iter().flatten() {
            if let Some(text) = ex.get("text").and_then(|t| t.as_str()) {
                out.push(text.to_string());
            }
        }
    }
    corpus::generate(300, 11, &root().join("rules"), |_, text| out.push(text.to_string()));
    out
}

/// A text's words in another order (a fixed permutation), so expressions
/// meet neighbours they never had in the original.
fn reshuffled(text: &str, seed: usize) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    for i in 0..n {
        let j = (i * 7919 + seed * 104_729) % n.max(1);
        words.swap(i, j);
    }
    words.join(" ")
}

#[test]
fn gates_change_no_parser_result() {
    let numbers = NumberLexicon::builtin();
    let dates = DateLexicon::builtin();
    let money = MoneyLexicon::builtin();
    let ordinals = OrdinalLexicon::builtin();
    let (numbers_all, dates_all, money_all, ordinals_all) =
        (numbers.ungated(), dates.ungated(), money.ungated(), ordinals.ungated());
    let published = NaiveDate::from_ymd_opt(2024, 6, 1);
    let texts = texts();
    assert!(texts.len() > 1000, "expected the conformance cases among the texts, got {}", texts.len());
    let (mut checked, mut found) = (0usize, 0usize);
    for (k, original) in texts.iter().enumerate() {
        for text in [original.clone(), reshuffled(original, k)] {
            let t = Tokenized::new(&text, 0);
            let all = 0..t.len();
            let n = numbers.find_all(&t, all.clone());
            assert_eq!(n, numbers_all.find_all(&t, all.clone()), "numbers differ in {text:?}");
            let d = dates.find_all(&t, published);
            assert_eq!(d, dates_all.find_all(&t, published), "dates differ in {text:?}");
            let m = money.find_all(&numbers, &t, all.clone());
            assert_eq!(m, money_all.find_all(&numbers_all, &t, all.clone()), "money differs in {text:?}");
            let o = ordinals.find_all(&numbers, &t, all.clone());
            assert_eq!(o, ordinals_all.find_all(&numbers_all, &t, all), "ordinals differ in {text:?}");
            checked += t.len();
            found += n.len() + d.len() + m.len() + o.len();
        }
    }
    // The comparison means something only if the parsers found plenty.
    assert!(found > 10_000, "only {found} expressions found in {checked} tokens");
}

#[test]
fn a_gate_turns_away_words_no_rule_mentions() {
    let numbers = NumberLexicon::builtin();
    let dates = DateLexicon::builtin();
    let t = Tokenized::new("قال الوزير 12 ثلاثة يناير", 0);
    assert!(!numbers.starts(&t, 0), "قال is in no numbers rule");
    assert!(!dates.starts(&t, 1), "الوزير is in no dates rule");
    assert!(numbers.starts(&t, 2) && dates.starts(&t, 2), "digits always pass");
    assert!(numbers.starts(&t, 3), "ثلاثة is a number word");
    assert!(dates.starts(&t, 4), "يناير is a month");
    assert!(numbers.ungated().starts(&t, 0), "an open gate admits everything");
}
