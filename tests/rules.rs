//! Rule files: every built-in file loads, every `[[example]]` holds, and a
//! malformed override is refused with the file, line and reason.

use std::path::Path;
use std::process::Command;

use claimcheck::rules::RuleSource;
use claimcheck::Engine;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

#[test]
fn every_rule_example_holds() {
    let rules = RuleSource::builtin();
    let engine = Engine::load(&rules).expect("built-in rules load");
    let outcomes = claimcheck::examples::run_all(&engine, &rules).expect("examples parse");
    assert!(outcomes.len() >= 30, "rule files carry examples");
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref().map(|f| format!("{}:{} {} — {f}", o.file, o.line, o.text)))
        .collect();
    assert!(failed.is_empty(), "failing rule examples:\n{}", failed.join("\n"));
}

fn override_dir(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/niger")
}

#[test]
fn a_malformed_rule_file_names_file_line_and_reason() {
    let mut text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/check.toml")).unwrap();
    text = text.replace("implicit_window_days = 30", "implicit_window_days = \"thirty\"");
    let line = text.lines().position(|l| l.contains("\"thirty\"")).unwrap() + 1;
    let dir = override_dir("check.toml", &text);
    let out = bin().arg("check").arg(fixtures()).arg("--rules").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("check.toml"), "{err}");
    assert!(err.contains(&format!("check.toml:{line}:")), "names line {line}: {err}");
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn a_semantic_error_points_at_the_value() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/frames.toml"))
        .unwrap()
        .replacen("keyed_by = [\"participants\"]", "keyed_by = [\"colour\"]", 1);
    let line = text.lines().position(|l| l.contains("\"colour\"")).unwrap() + 1;
    let dir = override_dir("frames.toml", &text);
    let out = bin().args(["rules", "check", "--rules"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("frames.toml:{line}:")) && err.contains("colour"), "{err}");
}

#[test]
fn an_unknown_rule_file_is_refused() {
    let dir = override_dir("measure.toml", "");
    let out = bin().args(["rules", "check", "--rules"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule file"));
}

#[test]
fn an_override_changes_behaviour() {
    // With no protest verbs or nouns, the protest counts disappear.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/measures.toml")).unwrap();
    let start = text.find("id = \"protesters\"").unwrap();
    let end = start + text[start..].find("[[measure]]").unwrap();
    let cut = format!(
        "{}id = \"protesters\"\nlabel = \"protesters\"\nnouns = [\"متظاهرجديد\"]\nkeyed_by = [\"place\"]\n\n{}",
        &text[..start],
        &text[end..]
    );
    let dir = override_dir("measures.toml", &cut);
    let out =
        bin().arg("claims").arg(fixtures()).args(["--format", "json", "--rules"]).arg(dir.path()).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let protest = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["subject"].as_str().unwrap().starts_with("count/protesters"));
    assert!(!protest);
}

#[test]
fn rules_test_command_reports_a_closing_count() {
    let out = bin().args(["rules", "test"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().last().unwrap().ends_with("0 failed"), "{text}");
}

#[test]
fn a_story_setting_out_of_range_points_at_its_line() {
    // A copy must share more of its clause than any two reports of one
    // event need to.
    for (from, to, key) in [
        ("town_join_cosine = 0.25", "town_join_cosine = 1.5", "town_join_cosine"),
        ("copy_overlap = 0.8", "copy_overlap = 0.3", "copy_overlap"),
    ] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/stories.toml"))
            .unwrap()
            .replacen(from, to, 1);
        let line = text.lines().position(|l| l.starts_with(key)).unwrap() + 1;
        let dir = override_dir("stories.toml", &text);
        let out = bin().args(["rules", "check", "--rules"]).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("stories.toml:{line}:")) && err.contains(key), "{err}");
    }
}
