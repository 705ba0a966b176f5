//! The command line: exit statuses CI relies on, input errors that lose
//! nothing, and human output that quotes each source.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/niger")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn human_output_quotes_each_source_and_exits_1_on_errors() {
    let out = bin().arg("check").arg(fixtures()).args(["--color", "never"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("head-count-mismatch") && text.contains("event-date-mismatch"));
    // Both sides of the protest conflict are shown with their words.
    assert!(text.contains("ونزل المئات إلى شوارع"), "quotes Reuters");
    assert!(text.contains("آلاف الأشخاص تظاهروا"), "quotes the other outlet");
    assert!(text.contains("5 sources"), "summary line");
}

#[test]
fn agreeing_sources_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "---\noutlet: أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n");
    write(dir.path(), "b.md", "---\noutlet: ب\npublished: 2023-05-03\n---\nتنشر فرنسا أكثر من 2900 جندي في مالي.\n");
    let out = bin().arg("check").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let j = json(&out);
    let subject = j["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"].as_str().unwrap().ends_with(":count/personnel/FR/ML"))
        .unwrap();
    assert_eq!(subject["status"], "corroborated");
}

/// A corroboration names what two origins state, not every figure one of
/// them gives on the subject.
#[test]
fn a_corroboration_says_which_value_two_origins_state() {
    let dir = tempfile::tempdir().unwrap();
    let a = "---\noutlet: first\npublished: 2024-03-10\n---\nأعلنت وزارة الداخلية أن الجهات الأمنية ألقت القبض على 431 موقوفا في المملكة.\n\nوتم ضبط 97 موقوفا لعلاقتهم بالخلية.\n";
    let b = "---\noutlet: second\npublished: 2024-03-10\n---\nوقال المتحدث الأمني إن عدد الموقوفين في قضية الخلية بلغ 97 شخصا.\n";
    write(dir.path(), "a.md", a);
    write(dir.path(), "b.md", b);
    let out = bin().arg("check").arg(dir.path()).args(["--color", "never", "--no-config"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(": 97 — first, second; from one origin only: 431 (first)"), "{text}");
    let out = bin().arg("check").arg(dir.path()).args(["--format", "json", "--no-config"]).output().unwrap();
    let j = json(&out);
    let subject = j["subjects"].as_array().unwrap().iter().find(|s| s["status"] == "corroborated").expect("one");
    let value_of = |id: &serde_json::Value| {
        j["claims"].as_array().unwrap().iter().find(|c| c["id"] == *id).map(|c| c["normalized"].clone())
    };
    let agreed: Vec<_> = subject["agreeing"].as_array().unwrap().iter().filter_map(value_of).collect();
    assert_eq!(agreed, ["97", "97"]);
    assert_eq!(subject["claims"].as_array().unwrap().len(), 3);
}
#[test]
fn an_unreadable_input_among_good_ones_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", "---\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n");
    let bad = dir.path().join("missing.md");
    let binary = dir.path().join("blob.md");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 \xd9\x86\xd8\xad\xd9\x88 3000 \xd8\xac\xd9\x86\xd8\xaf\xd9\x8a").unwrap();
    let out =
        bin().arg("claims").arg(&good).arg(&bad).arg(&binary).arg(&latin1).args(["--format", "json"]).output().unwrap();
    // A path named that does not exist fails the run (exit 2), and
    // everything that could be read is still listed, every problem too.
    assert_eq!(out.status.code(), Some(2));
    let j = json(&out);
    assert_eq!(j["sources"].as_array().unwrap().len(), 2, "good.md and the valid parts of latin1.txt");
    assert!(!j["claims"].as_array().unwrap().is_empty(), "the good file was checked");
    let errs = String::from_utf8_lossy(&out.stderr);
    assert!(errs.contains("missing.md") && errs.contains("cannot read"), "{errs}");
    assert!(errs.contains("blob.md") && errs.contains("binary"), "{errs}");
    assert!(errs.contains("latin1.txt") && errs.contains("byte offset 3") && errs.contains("read as spaces"), "{errs}");
    // Nothing readable at all: exit 2.
    let none = bin().arg("claims").arg(&bad).arg(&binary).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn bad_front_matter_is_reported_and_the_body_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "a.md", "---\noutlet: x\npublished: yesterday\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n");
    let out = bin().arg("claims").arg(&f).args(["--format", "json"]).output().unwrap();
    let j = json(&out);
    assert_eq!(j["claims"].as_array().unwrap().len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.md:3: `published: yesterday` is not a date"));
}

#[test]
fn relative_dates_without_publication_stay_unresolved_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "a.md", "وأعلن الجيش الشهر الماضي إلغاء الاتفاق العسكري مع فرنسا.\n");
    let out = bin().arg("claims").arg(&f).args(["--format", "json"]).output().unwrap();
    let j = json(&out);
    let c = &j["claims"].as_array().unwrap().iter().find(|c| c["kind"] == "date").expect("a date claim")["value"];
    assert_eq!(c["type"], "unresolved-date");
    assert!(c["reason"].as_str().unwrap().contains("publication date"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(bin().arg("check").output().unwrap().status.code(), Some(2));
    assert_eq!(bin().arg("frobnicate").output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["check", "--format", "xml", "x"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn mentions_list_values_before_subjects() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "a.md",
        "---\npublished: 2024-04-21\n---\nوصل ١٢٠٠ زائر في يوليو الماضي، بتكلفة 4.8 مليار دولار، وبقي نحو عشرين.\n",
    );
    let out = bin().arg("mentions").arg(&f).args(["--format", "json"]).output().unwrap();
    let j = json(&out);
    let got: Vec<(String, String)> = j["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["kind"].as_str().unwrap().to_string(), m["normalized"].as_str().unwrap().to_string()))
        .collect();
    let want = [("number", "1200"), ("date", "2023-07"), ("money", "4800000000 USD"), ("number", "[18,22]")];
    for (k, v) in want {
        assert!(got.iter().any(|(a, b)| a == k && b == v), "missing {k} {v} in {got:?}");
    }
}

#[test]
fn explain_shows_the_deciding_words_of_each_claim() {
    let out = bin().arg("explain").arg("F1").arg(fixtures()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for part in ["side 1", "side 2", "measure", "place", "time", "why:"] {
        assert!(text.contains(part), "missing {part}: {text}");
    }
    // The story and the event words that tied each claim to its subject.
    assert!(text.contains("story: st-"), "the story is named: {text}");
    let events = text.lines().filter(|l| l.trim_start().starts_with("event ")).count();
    let claims = text.lines().filter(|l| l.trim_start().starts_with("sentence ")).count();
    assert!(events > 0 && events == claims, "one event line per claim: {text}");
    assert!(text.contains("phase current"), "{text}");
    let missing = bin().arg("explain").arg("F999").arg(fixtures()).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no finding F999"));
}
