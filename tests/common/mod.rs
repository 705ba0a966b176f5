//! What several test files share: the built-in engine, loaded once, and a
//! run of sentences as articles of different outlets published on one day.

use std::sync::OnceLock;

use claimcheck::rules::RuleSource;
use claimcheck::sources::Source;
use claimcheck::{Engine, Run};

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&RuleSource::builtin()).expect("built-in rules load"))
}

/// Each text an article of its own outlet (`outlet1`, `outlet2`, …),
/// published on `published` (YYYY-MM-DD).
pub fn run_published(docs: &[&str], published: &str) -> Run {
    let sources = docs
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let id = format!("s{}", i + 1);
            let front = format!("---\npublished: {published}\noutlet: outlet{}\n---\n", i + 1);
            Source::from_text(&id, format!("{id}.md"), format!("{front}{text}")).0
        })
        .collect();
    engine().run_sources(sources, vec![])
}
