//! Writes a deterministic corpus of Arabic news articles for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --seed 7 --out target/bench-corpus/10k
//! ```
//!
//! Articles go to `OUT/NNN/…md` (1,000 a folder) and what was planted to
//! `OUT/manifest.json`; see `bench/corpus.rs` for what is generated.

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 1000usize;
    let mut seed = 7u64;
    let mut out = PathBuf::from("target/bench-corpus/1k");
    let mut rules = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
    while let Some(a) = args.next() {
        let v = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--articles" => n = v.parse().expect("--articles N"),
            "--seed" => seed = v.parse().expect("--seed N"),
            "--out" => out = PathBuf::from(v),
            "--rules" => rules = PathBuf::from(v),
            _ => panic!("unknown option {a}; expected --articles N --seed N --out DIR [--rules DIR]"),
        }
    }
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("clear the output folder");
    }
    let g = corpus::generate(n, seed, &rules, |rel, text| {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the output folder");
        }
        std::fs::write(&path, text).expect("write an article");
    });
    let manifest = serde_json::to_string(&g.manifest).expect("manifest serialises");
    std::fs::write(out.join("manifest.json"), manifest).expect("write the manifest");
    eprintln!(
        "wrote {} articles ({:.1} MB, {} planted conflicts, {} planted dates) to {}",
        g.articles,
        g.bytes as f64 / 1e6,
        g.manifest["conflicts"].as_array().map_or(0, Vec::len),
        g.manifest["dates"].as_array().map_or(0, Vec::len),
        out.display()
    );
}
