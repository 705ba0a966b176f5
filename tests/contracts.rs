//! Issue #14: the machine-readable outputs hold to their published
//! contracts. SARIF validates against the SARIF 2.1.0 schema and carries
//! rule defaults, input problems and suppressed findings; JSON validates
//! against claimcheck's own schema (`schemas/claimcheck-json-1.schema.json`),
//! which is strict enough that a renamed or dropped field fails.
//!
//! Every test runs the real binary.

use std::path::{Path, PathBuf};
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

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const CORPUS: &str = "---\noutlet: وكالة أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n";
const CONTRADICTS: &str = "---\noutlet: مسودة\npublished: 2023-05-03\n---\nتنشر فرنسا 300 جندي في مالي.\n";
const REASON: &str = "confirmed with the ministry";

/// A folder with a contradiction the draft silences with a reason, an
/// article whose front matter is broken (checked without it), and a
/// binary file (skipped).
fn silenced_folder(dir: &Path) {
    write(dir, "corpus.md", CORPUS);
    let comment = format!("<!-- claimcheck: ignore[head-count-mismatch] reason=\"{REASON}\" -->");
    write(dir, "draft.md", CONTRADICTS.replace("---\nتنشر", &format!("---\n{comment}\nتنشر")));
    write(dir, "broken.md", "---\ntitle: [unclosed\n---\nخبر بلا أرقام.\n");
    write(dir, "image.md", b"\x89PNG\x00\x00\x00\rIHDR");
}

fn check_sarif(args: &[&std::ffi::OsStr]) -> (Option<i32>, Value) {
    let out = bin().arg("check").args(args).args(["--format", "sarif"]).output().unwrap();
    let sarif = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    assert_valid(&sarif_schema(), &sarif, "SARIF");
    (out.status.code(), sarif)
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().unwrap()
}

fn uri_of(location: &Value) -> &str {
    location["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap()
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

/// A silenced finding is a result marked suppressed in source, with the
/// reason and the comment; input problems are notifications. The gate
/// still passes (code scanning leaves suppressed results out).
#[test]
fn sarif_carries_silenced_findings_and_input_problems_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    silenced_folder(dir.path());
    let (code, sarif) = check_sarif(&[dir.path().as_os_str()]);
    assert_eq!(code, Some(0), "a silenced finding does not fail the gate: {sarif}");
    let silenced: Vec<&Value> = results(&sarif).iter().filter(|r| r["suppressions"].is_array()).collect();
    assert_eq!(silenced.len(), 1, "{sarif}");
    let r = silenced[0];
    assert_eq!(r["ruleId"], "head-count-mismatch");
    assert!(uri_of(&r["locations"][0]).ends_with("draft.md"));
    assert!(r["properties"].get("findingId").is_none(), "a silenced finding has no id to explain: {r}");
    let suppression = &r["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["justification"], REASON);
    assert!(uri_of(&suppression["location"]).ends_with("draft.md"));
    assert_eq!(suppression["location"]["physicalLocation"]["region"]["startLine"], 5, "the comment's line");

    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true, "the drafts were checked: {invocation}");
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let note = |file: &str| {
        notes.iter().find(|n| uri_of(&n["locations"][0]).ends_with(file)).unwrap_or_else(|| panic!("{file}: {notes:?}"))
    };
    assert_eq!(note("image.md")["level"], "error", "a skipped file");
    assert!(note("image.md")["message"]["text"].as_str().unwrap().contains("binary"));
    assert_eq!(note("broken.md")["level"], "warning", "checked without its front matter");
    assert!(note("broken.md")["message"]["text"].as_str().unwrap().contains("front matter"));

    // The other formats keep not showing it.
    for format in ["line", "github", "human"] {
        let out = bin().arg("check").arg(dir.path()).args(["--format", format, "--color", "never"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("head-count-mismatch"), "{format}: {text}");
    }
}

/// Silenced findings take the configured level, and a rule turned off
/// silences nothing to report.
#[test]
fn silenced_findings_follow_the_configured_severity() {
    let dir = tempfile::tempdir().unwrap();
    silenced_folder(dir.path());
    let silenced_levels = |config: &str| {
        write(dir.path(), "claimcheck.toml", config);
        let (_, sarif) = check_sarif(&[dir.path().as_os_str()]);
        results(&sarif).iter().filter(|r| r["suppressions"].is_array()).map(|r| r["level"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(silenced_levels("[severity]\nhead-count-mismatch = \"warning\"\n"), vec![Value::from("warning")]);
    assert_eq!(silenced_levels("[severity]\nhead-count-mismatch = \"off\"\n"), Vec::<Value>::new());
}

/// A baselined finding is a result suppressed externally; a named input
/// that is gone makes the invocation unsuccessful (the gate exits 2).
#[test]
fn sarif_marks_baselined_findings_and_an_unchecked_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "corpus.md", CORPUS);
    write(dir.path(), "draft.md", CONTRADICTS);
    let base = dir.path().join("baseline.json");
    let out = bin().arg("baseline").arg(dir.path()).arg("-o").arg(&base).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let (code, sarif) = check_sarif(&[dir.path().as_os_str(), "--baseline".as_ref(), base.as_os_str()]);
    assert_eq!(code, Some(0), "{sarif}");
    let r = &results(&sarif)[0];
    assert_eq!(r["suppressions"], serde_json::json!([{"kind": "external", "justification": "listed in the baseline"}]));
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], true);

    let gone = dir.path().join("gone.md");
    let (code, sarif) = check_sarif(&[dir.path().as_os_str(), gone.as_os_str()]);
    assert_eq!(code, Some(2));
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{invocation}");
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(uri_of(&note["locations"][0]).ends_with("gone.md"));
    assert!(results(&sarif).iter().any(|r| r["ruleId"] == "head-count-mismatch"), "the rest was still checked");
}

/// A change to a document, as a test makes one.
type Change = Box<dyn Fn(&mut Value)>;

fn json_schema() -> Value {
    schema("schemas/claimcheck-json-1.schema.json")
}

/// The schema is itself a valid draft 2020-12 schema.
#[test]
fn the_json_schema_is_a_draft_2020_12_schema() {
    let schema = json_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let meta = jsonschema::meta::validate(&schema);
    assert!(meta.is_ok(), "{meta:?}");
}

/// The schema's rules are the rules SARIF describes: a new rule cannot be
/// left out of either.
#[test]
fn the_json_schema_names_every_rule() {
    let sarif = output_of(&["check".as_ref(), root().join("fixtures/niger").as_os_str(), "--format=sarif".as_ref()]);
    let mut described: Vec<&Value> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .filter(|id| *id != "suppression")
        .collect();
    let schema = json_schema();
    let mut listed: Vec<&Value> =
        schema["$defs"]["finding"]["properties"]["rule"]["enum"].as_array().unwrap().iter().collect();
    described.sort_by_key(|v| v.to_string());
    listed.sort_by_key(|v| v.to_string());
    assert_eq!(described, listed);
}

/// Every JSON document claimcheck prints for the Niger fixtures holds to
/// the schema.
#[test]
fn json_of_the_niger_fixtures_validates_against_the_schema() {
    let schema = json_schema();
    let niger = root().join("fixtures/niger");
    for command in ["check", "claims", "stories", "mentions"] {
        let doc = output_of(&[command.as_ref(), niger.as_os_str(), "--format=json".as_ref()]);
        assert_valid(&schema, &doc, command);
    }
    let explain = output_of(&["explain".as_ref(), "F1".as_ref(), niger.as_os_str(), "--format=json".as_ref()]);
    assert!(explain["finding"].is_object(), "{explain}");
    assert_valid(&schema, &explain, "explain");
}

/// What only some inputs have: input errors, feed records, a file decoded
/// from another encoding, silenced findings and suppression problems.
#[test]
fn json_with_input_errors_feed_records_and_a_decoded_file_validates() {
    let dir = tempfile::tempdir().unwrap();
    silenced_folder(dir.path());
    write(dir.path(), "unused.md", format!("<!-- claimcheck: ignore[money-mismatch] reason=\"x\" -->\n{CONTRADICTS}"));
    let (legacy, _, _) = encoding_rs::WINDOWS_1256.encode(CONTRADICTS);
    write(dir.path(), "legacy.md", legacy);
    let record = |text: &str, domain: &str| {
        serde_json::json!({"title": "t", "maintext": text, "date_publish": "2023-05-03 09:30:00",
                           "source_domain": domain, "url": format!("https://{domain}/a"), "language": "ar"})
        .to_string()
    };
    let feed = [record("تنشر فرنسا 300 جندي في مالي.", "a.example"), "{\"title\": ".into(), record("", "b.example")];
    write(dir.path(), "crawl.jsonl", feed.join("\n") + "\n");
    let schema = json_schema();
    let check = output_of(&["check".as_ref(), dir.path().as_os_str(), "--format=json".as_ref()]);
    assert_valid(&schema, &check, "check");
    let sources = check["sources"].as_array().unwrap();
    assert!(sources.iter().any(|s| s["record"] == 1), "a feed record: {sources:?}");
    assert!(sources.iter().any(|s| s["encoding"].is_string()), "a decoded file: {sources:?}");
    assert!(check["errors"].as_array().unwrap().len() >= 4, "{}", check["errors"]);
    assert!(!check["suppression_problems"].as_array().unwrap().is_empty());
    assert_eq!(check["summary"]["suppressed"], 1);
    assert_eq!(check["summary"]["skipped_records"], 1);
    for command in ["claims", "stories", "mentions"] {
        let doc = output_of(&[command.as_ref(), dir.path().as_os_str(), "--format=json".as_ref()]);
        assert_valid(&schema, &doc, command);
    }
}

/// The schema is strict: a renamed, dropped, added or mistyped field in
/// any part of the document fails it, at the place it happened.
#[test]
fn the_json_schema_rejects_a_renamed_or_missing_field() {
    let schema = json_schema();
    let niger = root().join("fixtures/niger");
    let check = output_of(&["check".as_ref(), niger.as_os_str(), "--format=json".as_ref()]);
    assert_valid(&schema, &check, "check");
    let rename = |pointer: &str, from: &'static str, to: &'static str| {
        let pointer = pointer.to_string();
        let change: Change = Box::new(move |doc: &mut Value| {
            let object = doc.pointer_mut(&pointer).and_then(Value::as_object_mut).unwrap();
            let v = object.remove(from).unwrap();
            object.insert(to.into(), v);
        });
        change
    };
    let count = check["claims"].as_array().unwrap().iter().position(|c| c["value"]["type"] == "interval").unwrap();
    let count_value = format!("/claims/{count}/value");
    let broken: Vec<(&str, Change)> = vec![
        ("/claims/0", rename("/claims/0", "subject_label", "subjectLabel")),
        ("/claims/0/event", rename("/claims/0/event", "in_lead", "inLead")),
        (&count_value, rename(&count_value, "interval", "range")),
        ("/sources/0", rename("/sources/0", "outlet", "publisher")),
        ("/findings/0", rename("/findings/0", "fingerprint", "hash")),
        ("/summary", rename("/summary", "single_source", "singleSource")),
        ("/findings/0", Box::new(|d| _ = d["findings"][0].as_object_mut().unwrap().remove("explanation"))),
        ("/findings/0/severity", Box::new(|d| d["findings"][0]["severity"] = "fatal".into())),
        ("/subjects/0/claims/0", Box::new(|d| d["subjects"][0]["claims"][0] = 1.into())),
        ("", Box::new(|d| d["generated_by"] = "someone".into())),
    ];
    for (place, change) in broken {
        let mut doc = check.clone();
        change(&mut doc);
        let errors = violations(&schema, &doc);
        assert!(!errors.is_empty(), "a change at {place:?} passed the schema");
        assert!(errors.iter().any(|e| e.ends_with(&format!(" at {place}"))), "{place}: {errors:?}");
    }
}
