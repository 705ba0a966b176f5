//! Writes the document frequencies of content stems over a corpus: the
//! shipped frequency list (`rules/df.tsv`) that weighs story terms the same
//! way in a run of five articles as in a run of thousands.
//!
//! ```sh
//! zcat ../shared/corpora/saudinewsnet-dev/*.jsonl.gz > /tmp/dev.jsonl
//! cargo run --release --example gen_df -- /tmp/dev.jsonl > rules/df.tsv
//! ```
//!
//! Stems are those of `claimcheck::text::terms` (light stems of
//! normalised words that are not stop words); a stem counts once per
//! article, title included. Towns named by a class noun that the gazetteer
//! does not know count as `place~FOLDED` (`extract::town_term`), so that a
//! region's name is no rare term of its region's news. Stems in fewer than `MIN_DF` articles are left
//! out (the loader treats a missing stem as rare).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use claimcheck::extract::cues::CueRules;
use claimcheck::extract::{town_term, ProfileRules};
use claimcheck::rules::RuleSource;
use claimcheck::text::terms::{content_key, light_stem};
use claimcheck::text::Tokenized;

const MIN_DF: usize = 5;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let rules = ProfileRules::load(&RuleSource::builtin()).expect("built-in stories.toml loads");
    let cues = CueRules::load(&RuleSource::builtin()).expect("built-in events.toml loads");
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut docs = 0usize;
    for p in &paths {
        let (sources, errors) = claimcheck::sources::read_sources(p, &mut 0);
        for e in errors {
            eprintln!("{e}");
        }
        for s in sources {
            docs += 1;
            let mut seen: HashSet<String> = HashSet::new();
            let title = s.meta.title.clone().unwrap_or_default();
            for text in [title.as_str(), s.body()] {
                let t = Tokenized::new(text, 0);
                for i in 0..t.len() {
                    if content_key(&t, i, &rules.stop).is_some() {
                        seen.insert(light_stem(t.text(i)).to_string());
                    }
                }
                for (name, _) in cues.place_names(&t, 0..t.len(), &rules.stop) {
                    seen.insert(town_term(&name));
                }
            }
            for w in seen {
                *df.entry(w).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<(String, usize)> = df.into_iter().filter(|(_, n)| *n >= MIN_DF).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("# Document frequencies of content stems, written by bench/gen_df.rs.");
    println!("# Source: SaudiNewsNet (Alhagri 2015, CC BY-NC-SA 4.0), the dev days of shared/corpora; counts only.");
    println!("# First row: the number of articles counted. Then: stem<TAB>articles.");
    println!("articles\t{docs}");
    for (w, n) in rows {
        println!("{w}\t{n}");
    }
}
