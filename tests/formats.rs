//! Issue #4: one finding model in every format, the CI gate, baselines,
//! inline suppressions, drafts against a corpus, and configuration.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/niger")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const CORPUS: &str = "---\noutlet: وكالة أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n";
const AGREES: &str = "---\noutlet: جريدة ب\npublished: 2023-05-03\n---\nتنشر فرنسا أكثر من 2900 جندي في مالي.\n";
const CONTRADICTS: &str = "---\noutlet: مسودة\npublished: 2023-05-03\n---\nتنشر فرنسا 300 جندي في مالي.\n";

#[test]
fn sarif_from_the_niger_fixtures_validates_against_the_schema() {
    let out = bin().arg("check").arg(fixtures()).args(["--format", "sarif"]).output().unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0-rtm.5.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors:\n{}", errors.join("\n"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 3);
    let first = &results[0];
    assert!(first["partialFingerprints"]["claimcheckFinding/v1"].as_str().unwrap().len() == 16);
    assert!(!first["relatedLocations"].as_array().unwrap().is_empty(), "other sources are related locations");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["id"] == "head-count-mismatch" && r["help"]["text"].as_str().unwrap().contains("Example")));
}

#[test]
fn against_reports_only_draft_findings_with_the_draft_first() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write(&corpus, "a.md", CORPUS);
    write(&corpus, "c.md", AGREES);
    write(&corpus, "b.md", CONTRADICTS.replace("مسودة", "أرشيف").as_str());
    let draft = write(dir.path(), "draft.md", CONTRADICTS);
    let out =
        bin().args(["check"]).arg(&draft).arg("--against").arg(&corpus).args(["--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    // corpus a.md vs corpus b.md also conflict, but involve no draft.
    assert_eq!(results.len(), 1, "{results:?}");
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.ends_with("draft.md"), "primary location is the draft: {uri}");
    let related = results[0]["relatedLocations"].as_array().unwrap();
    assert!(related
        .iter()
        .any(|r| r["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().ends_with("a.md")));
}

#[test]
fn exit_codes_for_every_fail_on_level() {
    // Niger has errors, warnings and an info finding.
    let code = |level: &str| {
        bin()
            .arg("check")
            .arg(fixtures())
            .args(["--format", "line", "--fail-on", level])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error"), Some(1));
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("info"), Some(1));
    assert_eq!(code("never"), Some(0));
    // Only an info finding: fails at info, passes at warning and error.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "---\npublished: 2024-05-01\n---\nقال وزير الخارجية كورت كامبل إن المحادثات مستمرة.\n");
    write(dir.path(), "b.md", "---\npublished: 2024-05-01\n---\nقال وزير الخارجية كيرت كامبل إن المحادثات مستمرة.\n");
    let code = |level: &str| {
        bin()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "line", "--fail-on", level])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error"), Some(0));
    assert_eq!(code("warning"), Some(0));
    assert_eq!(code("info"), Some(1));
}

#[test]
fn a_named_input_that_is_gone_fails_the_gate_and_the_rest_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.md", CORPUS);
    let b = write(dir.path(), "b.md", CONTRADICTS);
    let out =
        bin().arg("check").arg(&a).arg(&b).arg(dir.path().join("gone.md")).args(["--format", "line"]).output().unwrap();
    // A gate must not pass a run that skipped a draft it was given, even
    // when the drafts it did read are clean: exit 2, whatever was found.
    assert_eq!(out.status.code(), Some(2), "a named draft was not checked");
    assert!(stdout(&out).contains("head-count-mismatch"), "the good files were checked");
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone.md"));
}

#[test]
fn one_run_writes_several_formats() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let json = dir.path().join("out.json");
    let out = bin()
        .arg("check")
        .arg(fixtures())
        .args(["--color", "never", "--output"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("--output")
        .arg(format!("json={}", json.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("head-count-mismatch"), "human on stdout");
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), j["findings"].as_array().unwrap().len());
    let bad = bin().arg("check").arg(fixtures()).args(["--output", "xml=x"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn baseline_round_trip_survives_edits_and_catches_new_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "corpus.md", CORPUS);
    let draft = write(dir.path(), "draft.md", CONTRADICTS);
    let base = dir.path().join("baseline.json");
    let out = bin().arg("baseline").arg(dir.path()).arg("-o").arg(&base).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let check =
        || bin().arg("check").arg(dir.path()).arg("--baseline").arg(&base).args(["--format", "line"]).output().unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0), "baselined: {}", stdout(&out));
    // An unrelated paragraph above the claim moves its line; still baselined.
    let moved = CONTRADICTS.replace("---\nتنشر", "---\nفقرة لا علاقة لها بالموضوع عن الطقس.\n\nتنشر");
    std::fs::write(&draft, moved.as_str()).unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0), "still baselined after an edit: {}", stdout(&out));
    // A new contradiction appears.
    std::fs::write(&draft, format!("{moved}وقتل 40 شخصا في تونس.\n")).unwrap();
    // Another report on the same story (the draft's words, with a toll).
    write(
        dir.path(),
        "corpus2.md",
        "---\npublished: 2023-05-03\n---\nتنشر فرنسا 300 جندي في مالي.\nقتل 400 شخص في تونس.\n",
    );
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("killed"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("personnel"), "{}", stdout(&out));
}

#[test]
fn inline_suppression_needs_a_reason_and_must_silence_something() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "corpus.md", CORPUS);
    let draft = dir.path().join("draft.md");
    let with = |comment: &str| {
        std::fs::write(&draft, CONTRADICTS.replace("---\nتنشر", &format!("---\n{comment}\nتنشر"))).unwrap();
        bin().arg("check").arg(dir.path()).args(["--format", "line"]).output().unwrap()
    };
    let ok = with("<!-- claimcheck: ignore[head-count-mismatch] reason=\"confirmed with the ministry\" -->");
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let no_reason = with("<!-- claimcheck: ignore[head-count-mismatch] -->");
    assert_eq!(no_reason.status.code(), Some(1));
    assert!(stdout(&no_reason).contains("needs a reason"));
    let wrong_rule = with("<!-- claimcheck: ignore[money-mismatch] reason=\"x\" -->");
    assert!(stdout(&wrong_rule).contains("silences no finding"), "{}", stdout(&wrong_rule));
    assert!(stdout(&wrong_rule).contains("head-count-mismatch"));
}

#[test]
fn config_is_found_walking_up_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::create_dir_all(&archive).unwrap();
    write(&archive, "a.md", CORPUS);
    write(&drafts, "d.md", CONTRADICTS);
    write(dir.path(), "claimcheck.toml", "[check]\nagainst = [\"archive\"]\nfail-on = \"never\"\n");
    let out = bin().arg("check").arg(drafts.join("d.md")).args(["--format", "line"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "fail-on never from the file");
    assert!(stdout(&out).contains("head-count-mismatch"), "the archive was the corpus");
    let out =
        bin().arg("check").arg(drafts.join("d.md")).args(["--format", "line", "--fail-on", "error"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the flag wins");
    let shown = bin().arg("config").arg(drafts.join("d.md")).output().unwrap();
    let text = stdout(&shown);
    assert!(text.contains("fail-on  = never") && text.contains("claimcheck.toml"), "{text}");
    // A bad config is a usage error pointing into the file.
    write(dir.path(), "claimcheck.toml", "[check]\nfail-on = \"sometimes\"\n");
    let out = bin().arg("check").arg(drafts.join("d.md")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claimcheck.toml:2:"));
}

#[test]
fn init_writes_a_starter_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = bin().arg("init").current_dir(dir.path()).output().unwrap();
    assert_eq!(first.status.code(), Some(0));
    assert!(dir.path().join("claimcheck.toml").is_file());
    let again = bin().arg("init").current_dir(dir.path()).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn a_news_please_feed_with_a_malformed_line_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("crawl.jsonl");
    let rec = |text: &str, date: &str, domain: &str| {
        serde_json::json!({"title": "t", "maintext": text, "date_publish": date, "source_domain": domain,
                           "url": format!("https://{domain}/a"), "language": "ar"})
        .to_string()
    };
    let lines = [
        rec("نشرت فرنسا نحو 3000 جندي في مالي.", "2023-05-02 08:00:00", "a.example"),
        "{\"title\": \"broken\", \"maintext\": ".to_string(),
        rec("تنشر فرنسا 300 جندي في مالي.", "2023-05-03 09:30:00", "b.example"),
    ];
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let out = bin().arg("check").arg(&feed).args(["--format", "json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sources = j["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2, "two good records");
    assert_eq!(sources[1]["record"], 3);
    assert_eq!(sources[0]["outlet"], "a.example");
    let findings = j["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "the records were checked against each other");
    let claim = j["claims"].as_array().unwrap().iter().find(|c| c["source"] == sources[1]["id"]).unwrap();
    assert_eq!(claim["line"], 3, "located by the record's line");
    let err = j["errors"].as_array().unwrap();
    assert!(err[0]["message"].as_str().unwrap().contains("crawl.jsonl:2"), "{err:?}");
    let line = bin().arg("check").arg(&feed).args(["--format", "line"]).output().unwrap();
    assert!(stdout(&line).contains("crawl.jsonl:3:1:"), "{}", stdout(&line));
}

#[test]
fn the_human_report_streams_the_same_to_a_file_and_to_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let human = dir.path().join("out.txt");
    let out = bin()
        .arg("check")
        .arg(fixtures())
        .args(["--color", "never", "--output"])
        .arg(format!("human={}", human.display()))
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&human).unwrap(), stdout(&out), "file and stdout differ");
    // A reader that stops early (`| head -1`) ends the listing, not the
    // run: the exit status still says what was found.
    let mut child = bin()
        .arg("check")
        .arg(fixtures())
        .args(["--color", "never"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait_with_output().unwrap();
    assert_eq!(status.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&status.stderr).contains("panicked"));
}
