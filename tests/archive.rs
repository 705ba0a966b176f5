//! The archive (`claimcheck archive add`, `check --against ARCHIVE`),
//! through the real binary: an unchanged article is never extracted again,
//! a changed one replaces its claims, changed rules extract everything
//! again, a check against the archive finds what a check against the
//! folder finds, an add killed mid-write leaves the archive as it was, and
//! readers go on while a writer adds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    c
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Copies the articles of a fixture folder into `to`.
fn copy_fixture(name: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(root().join("fixtures").join(name)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

fn add(dir: &Path, archive: &str, paths: &[&str], extra: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(["archive", "add"])
        .args(paths)
        .args(["--archive", archive])
        .args(extra)
        .output()
        .unwrap()
}

fn info(dir: &Path, archive: &str) -> Value {
    let o = bin().current_dir(dir).args(["archive", "info", "--json", "--archive", archive]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// "N extracted, M unchanged" from an add's summary.
fn counts(o: &Output) -> (usize, usize) {
    let s = String::from_utf8_lossy(&o.stdout).into_owned();
    let num = |before: &str| -> usize {
        let end = s.find(before).unwrap_or_else(|| panic!("no «{before}» in {s}"));
        s[..end].trim_end().rsplit([' ', ',', ';', ':']).next().unwrap().parse().unwrap()
    };
    (num(" extracted"), num(" unchanged"))
}

/// What a finding says, wherever its sources are numbered: rule,
/// severity, message and every located quote.
fn findings(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let o = bin()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json", "--no-config", "--fail-on", "never"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let path_of = |id: &str| -> String {
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["path"].to_string())
            .unwrap_or_default()
    };
    let claim = |id: &str| -> String {
        let c = v["claims"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
        format!("{}@{}:{}", path_of(c["source"].as_str().unwrap()), c["span"]["start"], c["normalized"])
    };
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut claims: Vec<String> =
                f["claims"].as_array().into_iter().flatten().filter_map(|c| c.as_str()).map(claim).collect();
            claims.sort();
            format!("{} {} {} {:?}", f["rule"], f["severity"], f["message"], claims)
        })
        .collect()
}

#[test]
fn an_unchanged_article_is_not_extracted_again_and_a_changed_one_replaces_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("niger", &dir.path().join("corpus"));
    let o = add(dir.path(), "arc", &["corpus"], &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(counts(&o), (5, 0));
    let first = info(dir.path(), "arc");
    assert_eq!(first["articles"], 5);
    assert!(first["claims"].as_u64().unwrap() > 10, "{first}");

    let o = add(dir.path(), "arc", &["corpus"], &[]);
    assert_eq!(counts(&o), (0, 5), "{}", text(&o));
    assert_eq!(info(dir.path(), "arc")["claims"], first["claims"]);

    // One article loses its last paragraph: it alone is extracted again,
    // and its old claims are gone.
    let one = dir.path().join("corpus/000-aljazeera-withdrawal-complete.md");
    let body = std::fs::read_to_string(&one).unwrap();
    let cut = body.trim_end().rfind('\n').unwrap();
    std::fs::write(&one, &body[..cut]).unwrap();
    let o = add(dir.path(), "arc", &["corpus"], &[]);
    assert_eq!(counts(&o), (1, 4), "{}", text(&o));
    let after = info(dir.path(), "arc");
    assert_eq!(after["articles"], 5);
    // The same file named by another path is the same article.
    let absolute = dir.path().join("corpus");
    let o = add(dir.path(), "arc", &[absolute.to_str().unwrap()], &[]);
    assert_eq!(counts(&o), (0, 5), "{}", text(&o));
}

#[test]
fn changed_rules_extract_the_archive_again_and_a_stale_archive_is_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("niger", &dir.path().join("corpus"));
    copy_fixture("quake", &dir.path().join("more"));
    assert!(add(dir.path(), "arc", &["corpus"], &[]).status.success());
    // A rule file that differs by a comment is another rule set.
    let rules = dir.path().join("myrules");
    std::fs::create_dir(&rules).unwrap();
    let check = std::fs::read_to_string(root().join("rules/check.toml")).unwrap();
    std::fs::write(rules.join("check.toml"), format!("{check}\n# a newsroom's own tolerances\n")).unwrap();

    // Checked with other rules than it was extracted with: exit 2, and
    // the message says how to bring it up to date.
    std::fs::write(dir.path().join("draft.md"), "---\noutlet: x\npublished: 2023-08-01\n---\nنص.\n").unwrap();
    let o = bin()
        .current_dir(dir.path())
        .args(["check", "draft.md", "--against", "arc", "--no-config", "--rules", "myrules"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("other rules"), "{}", text(&o));

    // Adding under the new rules extracts the stored articles again, from
    // the archive's own copies, and the new ones.
    let o = add(dir.path(), "arc", &["more"], &["--rules", "myrules"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(counts(&o), (9, 0), "{}", text(&o));
    let o = add(dir.path(), "arc", &[], &["--rules", "myrules"]);
    assert_eq!(counts(&o), (0, 0), "{}", text(&o));
    assert_eq!(info(dir.path(), "arc")["articles"], 9);
    let o = bin()
        .current_dir(dir.path())
        .args(["check", "draft.md", "--against", "arc", "--no-config", "--rules", "myrules"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

/// Each article of a fixture as a draft against the others, as a folder
/// and as an archive: the same findings.
#[test]
fn a_check_against_the_archive_finds_what_a_check_against_the_folder_finds() {
    let mut compared = 0;
    for fixture in ["niger", "quake", "real/suruc-bombing", "real/expropriation-151", "real/isis-cells-431"] {
        let dir = tempfile::tempdir().unwrap();
        copy_fixture(fixture, &dir.path().join("all"));
        let mut names: Vec<PathBuf> =
            std::fs::read_dir(dir.path().join("all")).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        for draft in &names {
            let name = draft.file_name().unwrap().to_str().unwrap();
            let case = dir.path().join(name.trim_end_matches(".md"));
            std::fs::create_dir_all(case.join("corpus")).unwrap();
            for other in names.iter().filter(|n| *n != draft) {
                std::fs::copy(other, case.join("corpus").join(other.file_name().unwrap())).unwrap();
            }
            std::fs::copy(draft, case.join("draft.md")).unwrap();
            assert!(add(&case, "arc", &["corpus"], &[]).status.success());
            let folder = findings(&case, &["draft.md", "--against", "corpus"]);
            let archive = findings(&case, &["draft.md", "--against", "arc"]);
            assert_eq!(folder, archive, "{fixture}: {name}");
            compared += folder.len();
        }
    }
    eprintln!("{compared} findings compared");
    // Not a comparison of empty lists.
    assert!(compared >= 10, "only {compared} findings compared");
}

/// A feed of `n` records made of the fixtures' articles, each a little
/// different (so each is extracted), big enough that an add of it takes
/// a while.
fn big_feed(path: &Path, n: usize) {
    let mut bodies = Vec::new();
    for fixture in ["niger", "quake", "real/suruc-bombing", "real/expropriation-151"] {
        for e in std::fs::read_dir(root().join("fixtures").join(fixture)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                let t = std::fs::read_to_string(&p).unwrap();
                let body = t.splitn(3, "---\n").nth(2).unwrap_or(&t).to_string();
                bodies.push(body);
            }
        }
    }
    let mut out = String::new();
    for i in 0..n {
        let rec = serde_json::json!({
            "title": format!("مقال {i}"),
            "outlet": format!("outlet{}", i % 7),
            "published": "2015-07-22",
            "url": format!("http://example.org/{i}"),
            "text": format!("{}\nرقم {i}.", bodies[i % bodies.len()]),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn wal(dir: &Path) -> u64 {
    std::fs::metadata(dir.join("arc/claimcheck.sqlite-wal")).map(|m| m.len()).unwrap_or(0)
}

#[test]
fn an_add_killed_mid_write_leaves_the_archive_as_it_was_and_readers_go_on_during_a_write() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("niger", &dir.path().join("corpus"));
    assert!(add(dir.path(), "arc", &["corpus"], &[]).status.success());
    let before = info(dir.path(), "arc");
    std::fs::write(
        dir.path().join("draft.md"),
        "---\noutlet: مسودة\npublished: 2023-08-03\n---\nأعلن البنتاغون سحب 100 جندي من النيجر.\n",
    )
    .unwrap();
    let checked_before = findings(dir.path(), &["draft.md", "--against", "arc"]);
    big_feed(&dir.path().join("feed.jsonl"), 6000);

    let mut writer = bin()
        .current_dir(dir.path())
        .args(["archive", "add", "feed.jsonl", "--archive", "arc", "-q"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the writer has written pages of its transaction.
    let start_wal = wal(dir.path());
    let mut read_during = false;
    loop {
        if let Some(status) = writer.try_wait().unwrap() {
            panic!("the add ended ({status}) before it could be interrupted; make the feed bigger");
        }
        if wal(dir.path()) > start_wal + 64 * 1024 {
            // A reader while the writer holds its transaction: the archive
            // as it was, at once.
            if !read_during {
                assert_eq!(info(dir.path(), "arc")["articles"], before["articles"]);
                assert_eq!(findings(dir.path(), &["draft.md", "--against", "arc"]), checked_before);
                read_during = true;
                continue;
            }
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    writer.kill().unwrap();
    writer.wait().unwrap();

    let after = info(dir.path(), "arc");
    assert_eq!(after["articles"], before["articles"]);
    assert_eq!(after["claims"], before["claims"]);
    assert_eq!(findings(dir.path(), &["draft.md", "--against", "arc"]), checked_before);
    // And it takes the add again from the start.
    let o = add(dir.path(), "arc", &["corpus"], &[]);
    assert_eq!(counts(&o), (0, 5), "{}", text(&o));
}

/// Texts → archive → Parquet → `check --claims`: the findings of checking
/// the texts, with the same quotes in the same places, on every fixture
/// story and on all of them together.
#[test]
fn a_claims_dataset_checked_without_the_texts_finds_what_the_texts_give() {
    let dir = tempfile::tempdir().unwrap();
    let all = ["niger", "quake", "real/suruc-bombing", "real/expropriation-151", "real/isis-cells-431"];
    for fixture in all {
        copy_fixture(fixture, &dir.path().join("all").join(fixture.replace('/', "-")));
    }
    let mut compared = 0;
    let mut cases: Vec<String> = all.iter().map(|f| format!("all/{}", f.replace('/', "-"))).collect();
    cases.push("all".to_string());
    for (n, texts) in cases.iter().enumerate() {
        let (arc, ds) = (format!("arc{n}"), format!("ds{n}"));
        assert!(add(dir.path(), &arc, &[texts], &[]).status.success());
        let o = bin().current_dir(dir.path()).args(["archive", "export", &ds, "--archive", &arc]).output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
        for table in ["sources", "claims", "stories"] {
            assert!(dir.path().join(&ds).join(table).is_dir(), "{texts}: no {table}/");
        }
        let from_texts = findings(dir.path(), &[texts]);
        let from_claims = findings(dir.path(), &["--claims", &ds]);
        assert_eq!(from_texts, from_claims, "{texts}");
        compared += from_texts.len();
        // The human report quotes the same words without the texts.
        let human = |args: &[&str]| {
            let o = bin()
                .current_dir(dir.path())
                .arg("check")
                .args(args)
                .args(["--no-config", "--fail-on", "never", "--color", "never"])
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        };
        assert_eq!(human(&[texts]), human(&["--claims", &ds]), "{texts}");
    }
    eprintln!("{compared} findings compared");
    assert!(compared >= 10, "only {compared} findings compared");
    // Partitioned by publication month, the layout query engines read.
    assert!(
        dir.path().join("ds5/claims/month=2024-05").is_dir() || dir.path().join("ds5/claims/month=2024-04").is_dir()
    );
    // A folder that is no dataset is trouble, said plainly.
    let o = bin().current_dir(dir.path()).args(["check", "--claims", "all", "--no-config"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not a claims dataset"), "{}", text(&o));
    // Exporting over a dataset refuses rather than mixing two.
    let o = bin().current_dir(dir.path()).args(["archive", "export", "ds0", "--archive", "arc0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

/// What a CI job relies on: a path that cannot be added, an archive that
/// is not there, and an add with nothing to add are exit 2, said plainly.
#[test]
fn missing_paths_and_archives_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("niger", &dir.path().join("corpus"));
    // A typo among the paths: what could be read is added, and the gate fails.
    let o = add(dir.path(), "arc", &["corpus", "corpsu"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("corpsu"), "{}", text(&o));
    assert_eq!(info(dir.path(), "arc")["articles"], 5);
    // No archive where one is named.
    let o = bin().current_dir(dir.path()).args(["archive", "info", "--archive", "nowhere"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no claimcheck archive here"), "{}", text(&o));
    let o = bin().current_dir(dir.path()).args(["archive", "export", "out", "--archive", "nowhere"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    // An empty archive and nothing to add: nothing was archived.
    let o = add(dir.path(), "empty", &[], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
