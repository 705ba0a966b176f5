//! Fuzzes the text layer and extraction: any bytes, read as a file would
//! be (invalid UTF-8 becomes spaces), through the whole pipeline.
#![no_main]

use std::sync::OnceLock;

use claimcheck::rules::RuleSource;
use claimcheck::sources::Source;
use claimcheck::Engine;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load(&RuleSource::builtin()).expect("built-in rules"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let (src, _) = Source::from_text("s1", "fuzz.md", text.clone());
    let run = engine().run_sources(vec![src], vec![]);
    for m in &run.mentions {
        assert_eq!(&text[m.span.start..m.span.end], m.text.as_str());
    }
});
