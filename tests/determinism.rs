//! Issue #7: the same inputs give byte-identical JSON, SARIF and reports,
//! whatever order the files are given in, however many threads run, and
//! whatever hash seeds the process draws (each run is a new process).

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&std::ffi::OsStr], threads: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("binary runs");
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn output_does_not_depend_on_file_order_threads_or_hash_seeds() {
    let mut forward = files("fixtures/niger");
    forward.extend(files("fixtures/quake"));
    let mut backward = forward.clone();
    backward.reverse();
    for format in ["json", "sarif", "line"] {
        let args = |fs: &[PathBuf]| {
            let mut a: Vec<std::ffi::OsString> = vec!["check".into(), "--format".into(), format.into()];
            a.extend(fs.iter().map(|p| p.as_os_str().to_owned()));
            a
        };
        let a = args(&forward);
        let b = args(&backward);
        let one = run(&a.iter().map(|s| s.as_os_str()).collect::<Vec<_>>(), "1");
        let two = run(&b.iter().map(|s| s.as_os_str()).collect::<Vec<_>>(), "2");
        assert!(!one.is_empty());
        assert!(one == two, "{format} differs between runs");
    }
    let dir = tempfile::tempdir().unwrap();
    let (h1, h2) = (dir.path().join("a.html"), dir.path().join("b.html"));
    for (fs, out, threads) in [(&forward, &h1, "1"), (&backward, &h2, "2")] {
        let mut a: Vec<std::ffi::OsString> = vec!["report".into(), "-o".into(), out.as_os_str().to_owned()];
        a.extend(fs.iter().map(|p| p.as_os_str().to_owned()));
        run(&a.iter().map(|s| s.as_os_str()).collect::<Vec<_>>(), threads);
    }
    assert!(std::fs::read(&h1).unwrap() == std::fs::read(&h2).unwrap(), "HTML report differs");
}

/// What a run keeps (mentions, evidence) changes what it can show, never
/// what it finds.
#[test]
fn keeping_less_finds_the_same() {
    use claimcheck::rules::RuleSource;
    use claimcheck::{Engine, RunOptions};
    let engine = Engine::load(&RuleSource::builtin()).unwrap();
    let mut paths = files("fixtures/niger");
    paths.extend(files("fixtures/quake"));
    let full = engine.run_with(&paths, &[], RunOptions::default());
    let lean = engine.run_with(&paths, &[], RunOptions { mentions: false, evidence: false, ..RunOptions::default() });
    assert!(full.claims.iter().any(|c| !c.evidence.is_empty()), "the full run keeps evidence");
    assert!(lean.claims.iter().all(|c| c.evidence.is_empty()), "the lean run keeps none");
    assert!(lean.mentions.is_empty() && !full.mentions.is_empty());
    let seen = |r: &claimcheck::Run| -> Vec<(String, String, String)> {
        r.findings.iter().map(|f| (f.id.clone(), f.fingerprint.clone(), f.message.clone())).collect()
    };
    assert!(!full.findings.is_empty());
    assert_eq!(seen(&full), seen(&lean));
}
