//! Fuzzes the readers: front matter and JSON Lines feeds, from files.
#![no_main]

use claimcheck::sources::read_sources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("claimcheck-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["article.md", "feed.jsonl"] {
        let path = dir.join(name);
        if std::fs::write(&path, data).is_ok() {
            let mut next = 0;
            let (sources, _errors) = read_sources(&path, &mut next);
            for s in &sources {
                assert!(s.body_start <= s.text.len());
                let _ = s.body();
            }
        }
    }
});
