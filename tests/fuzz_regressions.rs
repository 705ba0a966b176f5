//! Replays fuzz inputs through the same checks as the fuzz targets:
//! the seed corpus in `fuzz/corpus/` and every input that once crashed, in
//! `fuzz/regressions/` (a crash found by `cargo fuzz` is copied there and
//! stays a test forever).

use std::path::Path;

use claimcheck::rules::RuleSource;
use claimcheck::sources::{read_sources, Source};
use claimcheck::Engine;

fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&root) else { return out };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            for (name, bytes) in inputs(&format!("{dir}/{}", p.file_name().unwrap().to_string_lossy())) {
                out.push((name, bytes));
            }
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push((p.display().to_string(), bytes));
        }
    }
    out
}

#[test]
fn every_fuzz_input_runs_without_panic_and_keeps_spans_true() {
    let engine = Engine::load(&RuleSource::builtin()).unwrap();
    let all: Vec<_> = inputs("fuzz/corpus").into_iter().chain(inputs("fuzz/regressions")).collect();
    assert!(!all.is_empty(), "the seed corpus is in the repository");
    let dir = tempfile::tempdir().unwrap();
    for (name, data) in all {
        // The text target.
        let text = String::from_utf8_lossy(&data).into_owned();
        let (src, _) = Source::from_text("s1", "fuzz.md", text.clone());
        let run = engine.run_sources(vec![src], vec![]);
        for m in &run.mentions {
            assert_eq!(&text[m.span.start..m.span.end], m.text.as_str(), "{name}");
        }
        // The readers target.
        for file in ["article.md", "feed.jsonl"] {
            let path = dir.path().join(file);
            std::fs::write(&path, &data).unwrap();
            let mut next = 0;
            let (sources, _) = read_sources(&path, &mut next);
            for s in &sources {
                assert!(s.body_start <= s.text.len(), "{name}");
            }
        }
    }
}
