//! Drives `claimcheck lsp` as an editor does: initialize, open an Arabic
//! draft that contradicts the corpus, read the diagnostics (ranges in
//! UTF-16), hover, fix the number, and see the diagnostic go away.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
}

fn reader(stdout: ChildStdout, tx: mpsc::Sender<Value>) {
    let mut r = BufReader::new(stdout);
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || reader(stdout, tx));
        Client { child, stdin, rx }
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next message satisfying `pred` (others are skipped).
    fn wait(&self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let v = self.rx.recv_timeout(Duration::from_secs(60)).expect("the server answers");
            if pred(&v) {
                return v;
            }
        }
    }

    fn diagnostics_for(&self, uri: &str) -> Vec<Value> {
        let n = self.wait(|v| v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri);
        n["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn uri_of(p: &std::path::Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

const DRAFT: &str = "---\npublished: 2023-05-03\n---\nتنشر فرنسا 300 جندي في مالي.\n";

#[test]
fn an_editor_sees_a_contradiction_and_its_source_then_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("archive")).unwrap();
    let corpus = root.join("archive/a.md");
    std::fs::write(&corpus, "---\noutlet: وكالة أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n")
        .unwrap();
    std::fs::write(root.join("claimcheck.toml"), "[check]\nagainst = [\"archive\"]\n").unwrap();
    let draft_uri = uri_of(&root.join("draft.md"));

    let mut c = Client::start(&root);
    c.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": null, "rootUri": uri_of(&root), "capabilities": {}}}));
    let init = c.wait(|v| v["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    // Malformed messages do not stop the server: bad params, bad JSON,
    // and a frame that is not a JSON-RPC message.
    c.send_raw("{\"jsonrpc\": \"2.0\", \"method\": \"textDocument/didOpen\", \"params\": {\"textDocument\": 7}}");
    c.send_raw("{this is not json");
    c.send_raw("[1, 2, 3]");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": draft_uri, "languageId": "markdown", "version": 1, "text": DRAFT}}}));
    let diags = c.diagnostics_for(&draft_uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "head-count-mismatch");
    assert_eq!(d["severity"], 1);
    // "تنشر فرنسا " is 11 UTF-16 units; "300 جندي" is 8 more.
    assert_eq!(d["range"]["start"], json!({"line": 3, "character": 11}));
    assert_eq!(d["range"]["end"], json!({"line": 3, "character": 19}));
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri_of(&corpus));
    assert_eq!(related["location"]["range"]["start"], json!({"line": 4, "character": 11}));
    assert!(related["message"].as_str().unwrap().contains("نحو 3000 جندي"));

    c.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": draft_uri}, "position": {"line": 3, "character": 12}}}));
    let hover = c.wait(|v| v["id"] == 2);
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("count/personnel/FR/ML") && text.contains("وكالة أ"), "{text}");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": draft_uri, "version": 2},
        "contentChanges": [{"text": DRAFT.replace("300", "3000")}]}}));
    assert!(c.diagnostics_for(&draft_uri).is_empty(), "fixed");

    c.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    c.wait(|v| v["id"] == 3);
    c.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = c.child.wait().unwrap();
    assert!(status.success());
}
