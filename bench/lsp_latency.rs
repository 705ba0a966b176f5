//! Measures the language server as an editor meets it: how long after a
//! change to a draft its diagnostics arrive.
//!
//! ```sh
//! bench/lsp.sh                      # 5,000-word draft against 10,000 articles
//! cargo run --release --example lsp_latency -- --corpus DIR --words 5000 --edits 30
//! ```
//!
//! It starts `claimcheck lsp` (the release binary beside this example, or
//! `--bin PATH`) in a workspace whose `claimcheck.toml` names the corpus,
//! opens a draft of generated articles (another seed, so it shares
//! subjects with the corpus without copying it) of at least `--words`
//! words, then changes one figure at a time, as typing does (a one-digit
//! incremental change), and times each change from sending `didChange` to
//! receiving `publishDiagnostics`.

#[path = "corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use claimcheck::lsp::{position, Encoding};
use serde_json::{json, Value};

/// Forwards the server's messages, read by the crate the server writes
/// them with; the server writes only whole frames, so an error is the end.
fn reader(stdout: impl Read, tx: mpsc::Sender<Value>) {
    let mut r = BufReader::new(stdout);
    while let Ok(Some(msg)) = lsp_server::Message::read(&mut r) {
        let Ok(v) = serde_json::to_value(msg) else { continue };
        if tx.send(v).is_err() {
            return;
        }
    }
}

fn send(stdin: &mut ChildStdin, v: &Value) {
    let body = v.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
    stdin.flush().expect("the server reads");
}

fn wait(rx: &mpsc::Receiver<Value>, pred: impl Fn(&Value) -> bool) -> Value {
    loop {
        let v = rx.recv_timeout(Duration::from_secs(600)).expect("the server answers within 10 minutes");
        if pred(&v) {
            return v;
        }
    }
}

/// Generated articles (seed 99) joined under one front matter until the
/// draft has `words` words.
fn draft(words: usize, rules: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut count = 0;
    corpus::generate(words / 100 + 10, 99, rules, |_, text| {
        if count >= words {
            return;
        }
        let body = if parts.is_empty() {
            text
        } else {
            // Drop later articles' front matter: one draft, one header.
            text.splitn(3, "---\n").nth(2).unwrap_or(text)
        };
        count += body.split_whitespace().count();
        parts.push(body.to_string());
    });
    parts.join("\n")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut corpus_dir = manifest.join("target/bench-corpus/10000");
    let mut words = 5000usize;
    let mut edits = 30usize;
    let mut draft_file: Option<PathBuf> = None;
    let exe = std::env::current_exe().expect("own path");
    let mut bin = exe.parent().and_then(Path::parent).map(|d| d.join("claimcheck")).unwrap_or_default();
    while let Some(a) = args.next() {
        let v = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--corpus" => corpus_dir = PathBuf::from(v),
            "--words" => words = v.parse().expect("--words N"),
            "--edits" => edits = v.parse().expect("--edits N"),
            "--bin" => bin = PathBuf::from(v),
            "--draft" => draft_file = Some(PathBuf::from(v)),
            _ => panic!("unknown option {a}; expected --corpus DIR --words N --edits N --bin PATH [--draft FILE]"),
        }
    }
    let corpus_dir = corpus_dir.canonicalize().expect("the corpus folder exists (bench/lsp.sh generates it)");
    // The server runs in its own workspace folder: a relative path to it
    // would no longer name it there.
    let bin = bin.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let work = std::env::temp_dir().join(format!("claimcheck-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a workspace folder");
    std::fs::write(
        work.join("claimcheck.toml"),
        format!("[check]\nagainst = [{:?}]\n", corpus_dir.display().to_string()),
    )
    .expect("write claimcheck.toml");
    // A draft of the caller's (an article of the archive's news), or one
    // generated of about `words` words.
    let mut text = match &draft_file {
        Some(f) => std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())),
        None => draft(words, &manifest.join("rules")),
    };
    let n_words = text.split_whitespace().count();

    let started = Instant::now();
    let mut child = Command::new(&bin)
        .arg("lsp")
        .current_dir(&work)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || reader(stdout, tx));
    let root = format!("file://{}", work.display());
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": root, "capabilities": {}}}),
    );
    wait(&rx, |v| v["id"] == 1);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = format!("{root}/draft.md");
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let first = wait(&rx, |v| v["method"] == "textDocument/publishDiagnostics");
    let ready = started.elapsed();
    let n_diag = first["params"]["diagnostics"].as_array().map_or(0, Vec::len);

    // Each edit changes the next figure of the draft by one digit.
    let figures: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| c.is_ascii_digit() && !text[..i].ends_with(|p: char| p.is_ascii_digit()))
        .map(|(i, _)| i)
        .collect();
    let mut times = Vec::new();
    let mut last_diag = n_diag;
    let mut last_bytes = first.to_string().len();
    for k in 0..edits {
        let Some(&at) = figures.get((k * 7919) % figures.len().max(1)) else { break };
        let d = text.as_bytes()[at];
        let to = (if d == b'9' { b'1' } else { d + 1 } as char).to_string();
        // Incremental sync, as an editor sends a keystroke: the digit's range.
        let range =
            json!({"start": position(&text, at, Encoding::Utf16), "end": position(&text, at + 1, Encoding::Utf16)});
        text.replace_range(at..at + 1, &to);
        let sent = Instant::now();
        send(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [{"range": range, "text": to}]}}),
        );
        let v = wait(&rx, |v| v["method"] == "textDocument/publishDiagnostics");
        times.push(sent.elapsed().as_secs_f64() * 1000.0);
        last_diag = v["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        last_bytes = v.to_string().len();
    }
    send(&mut stdin, &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    wait(&rx, |v| v["id"] == 2);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&work);

    times.sort_by(f64::total_cmp);
    println!("corpus: {} ; draft: {n_words} words, {} bytes", corpus_dir.display(), text.len());
    println!("server ready with first diagnostics after {:.1} s ({n_diag} diagnostics)", ready.as_secs_f64());
    if times.is_empty() {
        println!("no edits made: the draft has no figures");
        return;
    }
    println!(
        "change -> diagnostics over {} edits: min {:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms ({last_diag} diagnostics, {last_bytes} bytes of JSON, after the last)",
        times.len(),
        times[0],
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1],
    );
}
