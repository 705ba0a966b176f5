//! Acceptance tests for the stories in `fixtures/`: `check --format json`
//! on each story, judged against its `expected.json` by byte-range overlap
//! as that file's `matching` describes. Niger (issue #2) is the story the
//! project started from; quake (issue #3) was written later, on another
//! subject, to show the rules generalise.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Run {
    dir: &'static str,
    code: Option<i32>,
    out: Value,
    /// source id → file name
    files: Vec<(String, String)>,
}

fn run(dir: &'static str) -> Run {
    let r = run_any(dir);
    assert!(r.code == Some(1), "error-level findings exit 1, got {:?}", r.code);
    r
}

/// Runs `check` on a folder whatever the findings (a real cluster may
/// have no error-level conflict).
fn run_any(dir: &'static str) -> Run {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(root)
        .args(["check", dir, "--format", "json"])
        .output()
        .expect("binary runs");
    assert!(matches!(output.status.code(), Some(0 | 1)), "checked: {:?}", output.status);
    let out: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let files = out["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
            (s["id"].as_str().unwrap().to_string(), name)
        })
        .collect();
    Run { dir, out, files, code: output.status.code() }
}

fn expected(dir: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(root.join(dir).join("expected.json")).unwrap()).unwrap()
}

impl Run {
    fn claims(&self) -> &Vec<Value> {
        self.out["claims"].as_array().unwrap()
    }

    fn findings(&self) -> &Vec<Value> {
        self.out["findings"].as_array().unwrap()
    }

    fn claim(&self, id: &str) -> &Value {
        self.claims().iter().find(|c| c["id"] == id).unwrap()
    }

    fn doc_of(&self, claim: &Value) -> &str {
        let sid = claim["source"].as_str().unwrap();
        &self.files.iter().find(|(id, _)| id == sid).unwrap().1
    }

    /// Does claim `id` overlap any occurrence of any quote in `quotes`?
    fn matches(&self, id: &str, quotes: &Value) -> bool {
        let c = self.claim(id);
        let doc = self.doc_of(c);
        let (s, e) = (c["span"]["start"].as_u64().unwrap() as usize, c["span"]["end"].as_u64().unwrap() as usize);
        quotes.as_array().unwrap().iter().any(|q| {
            q["doc"] == doc
                && occurrences(self.dir, doc, q["quote"].as_str().unwrap()).iter().any(|&(qs, qe)| s < qe && qs < e)
        })
    }

    /// Claims overlapping a quote.
    fn claims_at(&self, quote: &Value) -> Vec<String> {
        let one = Value::Array(vec![quote.clone()]);
        self.claims()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .filter(|id| self.matches(id, &one))
            .collect()
    }

    /// A finding joining a claim of side `a` with a claim of side `b`.
    fn joining<'a>(&'a self, a: &Value, b: &Value) -> Vec<&'a Value> {
        self.findings()
            .iter()
            .filter(|f| {
                let ids: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
                ids.iter().any(|x| self.matches(x, a)) && ids.iter().any(|y| self.matches(y, b))
            })
            .collect()
    }
}

fn occurrences(dir: &str, doc: &str, quote: &str) -> Vec<(usize, usize)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(doc)).unwrap();
    let found: Vec<(usize, usize)> = text.match_indices(quote).map(|(i, _)| (i, i + quote.len())).collect();
    assert!(!found.is_empty(), "quote «{quote}» not in {doc}");
    found
}

fn all_three_conflicts_are_found(dir: &'static str) {
    let r = run(dir);
    for c in expected(dir)["conflicts"].as_array().unwrap() {
        let found = r.joining(&c["a"], &c["b"]);
        assert!(!found.is_empty(), "conflict {} not found", c["id"]);
        if c["id"] == "us-troop-count" {
            let f = found[0];
            assert_eq!(f["severity"], "warning", "{f}");
            let msg = f["message"].as_str().unwrap();
            assert!(msg.contains("2013") && msg.contains("2024"), "names both times: {msg}");
        } else {
            assert!(found.iter().any(|f| f["severity"] == "error"), "conflict {} is an error", c["id"]);
        }
    }
}

fn no_finding_joins_a_pair_that_is_not_a_conflict(dir: &'static str) {
    let r = run(dir);
    for nc in expected(dir)["not_conflicts"].as_array().unwrap() {
        let found = r.joining(&nc["a"], &nc["b"]);
        assert!(found.is_empty(), "finding joins a non-conflict ({}): {:?}", nc["why"], found);
    }
}

fn corroborations_share_one_subject_with_no_finding_between_them(dir: &'static str) {
    let r = run(dir);
    for c in expected(dir)["corroborations"].as_array().unwrap() {
        let mut keys = BTreeSet::new();
        let mut ids = Vec::new();
        for q in c["claims"].as_array().unwrap() {
            let at = r.claims_at(q);
            assert!(!at.is_empty(), "{}: no claim at «{}» in {}", c["id"], q["quote"], q["doc"]);
            let subj: BTreeSet<String> =
                at.iter().map(|id| r.claim(id)["subject"].as_str().unwrap().to_string()).collect();
            keys = if keys.is_empty() { subj } else { keys.intersection(&subj).cloned().collect() };
            assert!(!keys.is_empty(), "{}: claims at «{}» do not share a subject with the others", c["id"], q["quote"]);
            ids.push(Value::Array(vec![q.clone()]));
        }
        // No finding puts two of these claims on opposite sides.
        let group: BTreeSet<String> = ids.iter().flat_map(|q| r.claims_at(&q.as_array().unwrap()[0])).collect();
        for f in r.findings() {
            let sides: Vec<BTreeSet<String>> = f["sides"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["claims"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect())
                .collect();
            let touched = sides.iter().filter(|s| s.iter().any(|x| group.contains(x))).count();
            assert!(
                f["rule"] == "name-variant" || touched < 2,
                "{}: finding {} sets corroborating claims against each other",
                c["id"],
                f["id"]
            );
        }
    }
}

fn numbers_inside_site_names_are_never_quantities(dir: &'static str) {
    let r = run(dir);
    for q in expected(dir)["no_quantity_claims"].as_array().unwrap() {
        for id in r.claims_at(q) {
            let kind = r.claim(&id)["kind"].as_str().unwrap().to_string();
            assert!(kind != "count" && kind != "money", "«{}» gave a {kind} claim", q["quote"]);
        }
    }
}

fn relative_dates_resolve_against_publication(dir: &'static str) {
    let r = run(dir);
    for q in expected(dir)["relative_dates"].as_array().unwrap() {
        let at: Vec<String> = r
            .claims_at(q)
            .into_iter()
            .filter(|id| r.claim(id)["kind"] == "date")
            .map(|id| r.claim(&id)["normalized"].as_str().unwrap().to_string())
            .collect();
        assert!(at.iter().any(|n| n == q["resolves_to"].as_str().unwrap()), "«{}» resolved to {:?}", q["quote"], at);
    }
}

fn every_error_is_one_expected_json_lists(dir: &'static str) {
    let r = run(dir);
    let exp = expected(dir);
    let listed: Vec<(&Value, &Value)> = exp["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .chain(exp["tolerated"].as_array().unwrap())
        .map(|c| (&c["a"], &c["b"]))
        .collect();
    for f in r.findings().iter().filter(|f| f["severity"] == "error") {
        let ids: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        let ok = listed.iter().any(|(a, b)| ids.iter().any(|x| r.matches(x, a)) && ids.iter().any(|y| r.matches(y, b)));
        assert!(ok, "unlisted error finding: {}", f["message"]);
    }
}

fn spans_slice_the_file_to_the_claim_text(dir: &'static str) {
    let r = run(dir);
    for c in r.claims() {
        let doc = r.doc_of(c);
        let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(doc)).unwrap();
        let (s, e) = (c["span"]["start"].as_u64().unwrap() as usize, c["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&text[s..e]).unwrap(), c["text"].as_str().unwrap());
    }
}

macro_rules! story {
    ($name:ident, $dir:literal) => {
        mod $name {
            #[test]
            fn all_conflicts_are_found() {
                super::all_three_conflicts_are_found($dir)
            }
            #[test]
            fn no_finding_joins_a_pair_that_is_not_a_conflict() {
                super::no_finding_joins_a_pair_that_is_not_a_conflict($dir)
            }
            #[test]
            fn corroborations_share_one_subject_with_no_finding_between_them() {
                super::corroborations_share_one_subject_with_no_finding_between_them($dir)
            }
            #[test]
            fn numbers_inside_site_names_are_never_quantities() {
                super::numbers_inside_site_names_are_never_quantities($dir)
            }
            #[test]
            fn relative_dates_resolve_against_publication() {
                super::relative_dates_resolve_against_publication($dir)
            }
            #[test]
            fn every_error_is_one_expected_json_lists() {
                super::every_error_is_one_expected_json_lists($dir)
            }
            #[test]
            fn spans_slice_the_file_to_the_claim_text() {
                super::spans_slice_the_file_to_the_claim_text($dir)
            }
        }
    };
}

story!(niger, "fixtures/niger");
story!(quake, "fixtures/quake");

/// Share of a story's corroborations whose claims all exist and share one
/// subject with no finding between them.
fn corroborations_linked(r: &Run, dir: &str) -> (usize, usize) {
    let exp = expected(dir);
    let list = exp["corroborations"].as_array().unwrap();
    let linked = list
        .iter()
        .filter(|c| {
            let mut keys: Option<BTreeSet<String>> = None;
            for q in c["claims"].as_array().unwrap() {
                let subj: BTreeSet<String> =
                    r.claims_at(q).iter().map(|id| r.claim(id)["subject"].as_str().unwrap().to_string()).collect();
                keys = Some(match keys {
                    None => subj,
                    Some(k) => k.intersection(&subj).cloned().collect(),
                });
            }
            keys.is_some_and(|k| !k.is_empty())
        })
        .count();
    (linked, list.len())
}

/// A real cluster (fixtures/real, stories of the dev corpus): every
/// conflict found, no `not_conflicts` pair joined, most corroborations
/// linked.
fn real_cluster(dir: &'static str) {
    let r = run_any(dir);
    let exp = expected(dir);
    for c in exp["conflicts"].as_array().unwrap() {
        assert!(!r.joining(&c["a"], &c["b"]).is_empty(), "{dir}: conflict {} not found", c["id"]);
    }
    for nc in exp["not_conflicts"].as_array().unwrap() {
        let found = r.joining(&nc["a"], &nc["b"]);
        assert!(found.is_empty(), "{dir}: finding joins a non-conflict ({}): {:?}", nc["why"], found);
    }
    let (linked, all) = corroborations_linked(&r, dir);
    eprintln!("{dir}: {linked} of {all} corroborations linked");
    assert!(linked * 10 >= all * 7, "{dir}: only {linked} of {all} corroborations linked");
}

#[test]
fn real_suruc_bombing() {
    real_cluster("fixtures/real/suruc-bombing")
}

#[test]
#[ignore = "measured gap of issue 12: 0 of 5 linked; the two press-conference reports now link group for group (190, 144), but the ministry statement gives each group in a sentence of its own, tied to the conference's list only by discourse (see README, Where and when a figure is)"]
fn real_isis_cells() {
    real_cluster("fixtures/real/isis-cells-431")
}

/// «الخلية التي تقف خلف الحادث المعلن عنهم بالبيان الصادر بتاريخ 2 / 2 /
/// 1436هـ»: the date of the statement, not of the attack beside it, makes
/// no date claim; the attacks' own dates in the same statement do.
#[test]
fn a_statement_s_date_is_no_date_of_the_incident_beside_it() {
    let r = run_any("fixtures/real/isis-cells-431");
    let quote = |q: &str| serde_json::json!({"doc": "000-alyaum-interior-ministry-statement.md", "quote": q});
    let dates = |q: &str| r.claims_at(&quote(q)).into_iter().filter(|id| r.claim(id)["kind"] == "date").count();
    assert_eq!(dates("2 / 2 / 1436هـ"), 0);
    assert_eq!(dates("11 / 8 / 1436هـ"), 1);
}

#[test]
fn real_expropriation() {
    real_cluster("fixtures/real/expropriation-151")
}

/// Niger, quake and a whole real day in one run: the fixtures' findings
/// are unchanged and no finding joins claims of two stories. Skips when
/// the dev corpus is not beside the checkout.
#[test]
fn fixtures_mixed_into_a_real_day_keep_their_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let day = root.join("../shared/corpora/saudinewsnet-dev/2015-07-22.jsonl.gz");
    if !day.exists() {
        let _ = writeln!(std::io::stderr(), "skipped: {} is missing", day.display());
        return;
    }
    let check = |paths: &[&Path]| -> Value {
        let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .current_dir(root)
            .arg("check")
            .args(paths)
            .args(["--format", "json", "--fail-on", "never"])
            .output()
            .expect("binary runs");
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    };
    let messages =
        |doc: &Value, dir: &str| -> BTreeSet<String> {
            let in_dir: BTreeSet<&str> = doc["sources"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["path"].as_str().unwrap().contains(dir))
                .map(|s| s["id"].as_str().unwrap())
                .collect();
            let claims = doc["claims"].as_array().unwrap();
            doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| {
                    f["claims"].as_array().unwrap().iter().all(|id| {
                        claims.iter().any(|c| c["id"] == *id && in_dir.contains(c["source"].as_str().unwrap()))
                    })
                })
                .map(|f| format!("{} {}", f["rule"], f["message"]))
                .collect()
        };
    let (niger, quake) = (Path::new("fixtures/niger"), Path::new("fixtures/quake"));
    let mixed = check(&[niger, quake, &day]);
    assert_eq!(messages(&mixed, "fixtures/niger"), messages(&check(&[niger]), "fixtures/niger"));
    assert_eq!(messages(&mixed, "fixtures/quake"), messages(&check(&[quake]), "fixtures/quake"));
    let claims = mixed["claims"].as_array().unwrap();
    for f in mixed["findings"].as_array().unwrap() {
        let stories: BTreeSet<&str> = f["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| claims.iter().find(|c| c["id"] == *id).unwrap()["story"].as_str().unwrap())
            .collect();
        assert_eq!(stories.len(), 1, "finding {} joins stories {stories:?}", f["id"]);
    }
}
