//! Feeds through the real binary: gzipped, damaged, with bad lines and
//! empty records, every `published` shape, in folders, and a real day.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn check_json(path: &Path) -> (Output, serde_json::Value) {
    let out = bin().arg("check").arg(path).args(["--format", "json", "--fail-on", "never"]).output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out, json)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

fn record(text: &str, published: &str) -> String {
    serde_json::json!({"text": text, "published": published, "outlet": "وكالة"}).to_string() + "\n"
}

/// Two outlets disagreeing: a finding proves the records were checked.
fn two_records() -> String {
    // One outlet's two articles are one origin, never a conflict: the
    // second record is another outlet's.
    record("نشرت فرنسا نحو 3000 جندي في مالي.", "2023-05-02")
        + &record("تنشر فرنسا 300 جندي في مالي.", "2023-05-03").replace("وكالة", "جريدة")
}

#[test]
fn a_gzipped_feed_is_checked_like_the_plain_one() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("day.jsonl");
    let gz = dir.path().join("day.jsonl.gz");
    std::fs::write(&plain, two_records()).unwrap();
    std::fs::write(&gz, gzip(two_records().as_bytes())).unwrap();
    let (out, j) = check_json(&gz);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(j["sources"].as_array().unwrap().len(), 2);
    assert_eq!(j["sources"][1]["record"], 2);
    assert_eq!(j["findings"].as_array().unwrap().len(), 1, "{j}");
    let (_, from_plain) = check_json(&plain);
    // Story ids name the file the story's first article came from.
    let without_story = |doc: &serde_json::Value| -> Vec<serde_json::Value> {
        let mut claims = doc["claims"].as_array().unwrap().clone();
        for c in &mut claims {
            let c = c.as_object_mut().unwrap();
            c.remove("story");
            c.remove("subject");
        }
        claims
    };
    assert_eq!(without_story(&j), without_story(&from_plain), "spans are the same byte ranges into each record");
}

#[test]
fn a_damaged_gzip_keeps_the_records_before_the_damage_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("cut.jsonl.gz");
    let many: String = (0..300).map(|i| record(&format!("قتل {i} شخصا في الهجوم."), "2023-05-02")).collect();
    let whole = gzip(many.as_bytes());
    std::fs::write(&gz, &whole[..whole.len() * 2 / 3]).unwrap();
    let (out, j) = check_json(&gz);
    let kept = j["sources"].as_array().unwrap().len();
    assert!(kept > 0 && kept < 300, "{kept}");
    let err = stderr(&out);
    assert!(err.contains(&format!("cut.jsonl.gz:{}: the gzip stream is damaged", kept + 1)), "{err}");
    assert_eq!(out.status.code(), Some(0), "the records read were checked: {err}");

    // Garbage with a .gz name: nothing could be checked.
    let junk = dir.path().join("junk.jsonl.gz");
    std::fs::write(&junk, b"not gzip at all").unwrap();
    let (out, _) = check_json(&junk);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("junk.jsonl.gz: cannot read: not a readable gzip stream"), "{}", stderr(&out));
}

#[test]
fn many_bad_lines_are_reported_once_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("bad.jsonl");
    let mut text = two_records();
    for i in 0..37 {
        text.push_str(if i % 2 == 0 { "{broken\n" } else { "[1, 2]\n" });
    }
    std::fs::write(&feed, text).unwrap();
    let (out, j) = check_json(&feed);
    assert_eq!(j["sources"].as_array().unwrap().len(), 2);
    let errors = j["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.contains("37 records could not be read (lines 3, 4, 5, 6, 7, …): first error: invalid JSON"),
        "{message}"
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

#[test]
fn records_with_empty_text_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("crawl.jsonl");
    let text = record(" ", "2023-05-02") + &two_records() + &record("", "2023-05-02") + &record("\u{a0}\n", "x");
    std::fs::write(&feed, text).unwrap();
    let (out, j) = check_json(&feed);
    let ids: Vec<_> = j["sources"].as_array().unwrap().iter().map(|s| (s["id"].clone(), s["record"].clone())).collect();
    assert_eq!(ids, [("s1".into(), 2.into()), ("s2".into(), 3.into())], "skipped records take no id");
    assert_eq!(j["summary"]["skipped_records"], 3);
    assert_eq!(j["summary"]["sources"], 2);
    assert!(
        stderr(&out).contains("crawl.jsonl: 3 record(s) with empty text skipped (lines 1, 4, 5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_published_shape_dates_the_record_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("dates.jsonl");
    // A relative date resolves against `published`: the claim's date says it was read.
    let shapes = [
        "2023-05-02",
        "2023-05-02T10:00:00Z",
        "2023-05-02T10:00:00+03:00",
        "2023-05-02 10:00:00",
        "2023/05/02",
        "02/05/2023",
        "02-05-2023",
    ];
    let text: String = shapes.iter().map(|p| record("قتل 5 أشخاص أمس في الهجوم.", p)).collect();
    std::fs::write(&feed, text + &record("قتل 5 أشخاص أمس.", "soon") + &record("قتل 5 أشخاص أمس.", "05/13/2023"))
        .unwrap();
    let (out, j) = check_json(&feed);
    let sources = j["sources"].as_array().unwrap();
    for (s, shape) in sources.iter().zip(shapes) {
        assert_eq!(s["published"], "2023-05-02", "{shape}: {s}");
    }
    assert_eq!(sources[7]["published"], serde_json::Value::Null);
    assert_eq!(sources[8]["published"], "2023-05-13");
    let err = stderr(&out);
    assert!(err.contains("dates.jsonl:8: `published: soon` is not a date"), "{err}");
    assert!(err.contains("dates.jsonl:9: `published: 05/13/2023` is read as 2023-05-13"), "{err}");
}

#[test]
fn a_folder_holding_a_gzipped_feed_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    std::fs::write(dir.path().join("news/day.jsonl.gz"), gzip(two_records().as_bytes())).unwrap();
    std::fs::write(dir.path().join("news/other.gz"), gzip(b"not a feed")).unwrap();
    let (out, j) = check_json(dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<_> =
        j["sources"].as_array().unwrap().iter().map(|s| s["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with("day.jsonl.gz")), "{names:?}");
}

#[test]
fn feeds_with_no_usable_record_checked_nothing_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    let broken = dir.path().join("broken.jsonl.gz");
    std::fs::write(&empty, record(" ", "2023-05-02") + &record("", "2023-05-02")).unwrap();
    std::fs::write(&broken, gzip(b"{broken\n[]\n")).unwrap();
    let out = bin().arg("check").arg(&empty).arg(&broken).args(["--fail-on", "never"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("empty.jsonl: 2 record(s) with empty text skipped"), "{err}");
    assert!(err.contains("broken.jsonl.gz:1: not a usable record"), "{err}");
    // Beside a usable feed, the same files are warnings and the run checks.
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, two_records()).unwrap();
    let out = bin().arg("check").arg(&empty).arg(&good).args(["--fail-on", "never"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_real_day_accounts_for_every_line() {
    let day: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/saudinewsnet-dev/2015-07-22.jsonl.gz");
    if !day.exists() {
        let _ = writeln!(std::io::stderr(), "skipped: {} is not there", day.display());
        return;
    }
    let mut lines = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(&day).unwrap()),
        &mut lines,
    )
    .unwrap();
    let line_count = lines.lines().count();
    let (_, j) = check_json(&day);
    let sources = j["summary"]["sources"].as_u64().unwrap() as usize;
    let skipped = j["summary"]["skipped_records"].as_u64().unwrap() as usize;
    assert!(sources > 0);
    assert_eq!(sources + skipped, line_count, "{:?}", j["errors"]);
}
