//! Issue #14: the machine-readable outputs hold to their published
//! contracts. SARIF validates against the SARIF 2.1.0 schema and carries
//! rule defaults, input problems and suppressed findings; JSON validates
//! against claimcheck's own schema (`schemas/claimcheck-json-1.schema.json`),
//! which is strict enough that a renamed or dropped field fails.
//!
//! Every test runs the real binary.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs claimcheck and parses what it printed.
fn output_of(args: &[&std::ffi::OsStr]) -> Value {
    let out = bin().args(args).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn schema(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

/// The schema's errors for `doc`, one a line, with where they are.
fn violations(schema: &Value, doc: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

fn assert_valid(schema: &Value, doc: &Value, what: &str) {
    let errors = violations(schema, doc);
    assert!(errors.is_empty(), "{what}: schema errors:\n{}", errors.join("\n"));
}

fn sarif_schema() -> Value {
    schema("tests/schemas/sarif-2.1.0-rtm.5.json")
}

/// Every result's `ruleIndex` names the descriptor of its `ruleId`, and
/// every rule says the level it reports at by default. The Quake fixtures
/// have a toll that rose between reports (figure-changed-over-time).
#[test]
fn sarif_rules_carry_their_default_level_and_every_result_points_at_its_rule() {
    let sarif = output_of(&["check".as_ref(), root().join("fixtures/quake").as_os_str(), "--format=sarif".as_ref()]);
    assert_valid(&sarif_schema(), &sarif, "quake SARIF");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let level = |id: &str| rules.iter().find(|r| r["id"] == id).map(|r| r["defaultConfiguration"]["level"].clone());
    assert_eq!(level("head-count-mismatch"), Some("error".into()));
    assert_eq!(level("name-variant"), Some("note".into()));
    assert_eq!(level("figure-changed-over-time"), Some("note".into()));
    assert_eq!(level("suppression"), Some("warning".into()));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "figure-changed-over-time"), "the fixture has a rising toll");
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "{r}");
    }
}
