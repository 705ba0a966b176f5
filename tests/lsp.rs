//! Drives `claimcheck lsp` as an editor does: initialize, open an Arabic
//! draft that contradicts the corpus, read the diagnostics (ranges in
//! UTF-16), hover, fix the number, and see the diagnostic go away; and as a
//! broken or departing editor does: frames the server cannot read, input
//! closed before or after `initialize`, `exit` with and without `shutdown`.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Client {
    child: Child,
    /// None once the client has closed the server's input.
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    /// What the server logs, whole once it has ended.
    stderr: Option<JoinHandle<String>>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        // The server writes whole frames: a client reads them with the crate.
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Ok(Some(msg)) = lsp_server::Message::read(&mut r) {
                if tx.send(serde_json::to_value(msg).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut log = String::new();
            let _ = stderr.read_to_string(&mut log);
            log
        });
        Client { child, stdin, rx, stderr: Some(stderr) }
    }

    /// A server in a workspace whose corpus contradicts [`DRAFT`], through
    /// `initialized`.
    fn initialized(ws: &Workspace) -> Client {
        let mut c = Client::start(&ws.root);
        c.initialize(ws);
        c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        c
    }

    fn initialize(&mut self, ws: &Workspace) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                         "params": {"processId": null, "rootUri": uri_of(&ws.root), "capabilities": {}}}));
        self.wait(|v| v["id"] == 1)
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        self.send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn send_raw(&mut self, body: &str) {
        self.send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the input is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// What a departing editor does: close the server's input.
    fn close_input(&mut self) {
        self.stdin = None;
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

    /// The next publishDiagnostics for `uri`.
    fn published(&self, uri: &str) -> Value {
        self.wait(|v| v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri)["params"].clone()
    }

    fn hover(&mut self, id: i32, uri: &str) -> Value {
        self.send_hover(id, uri);
        self.wait(|v| v["id"] == id)
    }

    fn send_hover(&mut self, id: i32, uri: &str) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                         "params": {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 12}}}));
    }

    fn shutdown_and_exit(&mut self) -> ExitStatus {
        self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
        self.wait(|v| v["id"] == 99);
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        self.ended()
    }

    /// The server's status once it has ended. A liveness check, not a
    /// timing test: it has 20 s, and ends in milliseconds when it works.
    fn ended(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server is still running 20 s later");
    }

    /// What the server logged; call once it has ended.
    fn log(&mut self) -> String {
        self.stderr.take().map(|h| h.join().unwrap()).unwrap_or_default()
    }
}

/// A test that fails leaves no server behind, even one that hangs.
impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder with a `claimcheck.toml` and a corpus of one article.
struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
    draft_uri: String,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("archive")).unwrap();
        let corpus = root.join("archive/a.md");
        std::fs::write(
            &corpus,
            "---\noutlet: وكالة أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n",
        )
        .unwrap();
        std::fs::write(root.join("claimcheck.toml"), "[check]\nagainst = [\"archive\"]\n").unwrap();
        let draft_uri = uri_of(&root.join("draft.md"));
        Workspace { _dir: dir, root, corpus, draft_uri }
    }
}

fn uri_of(p: &Path) -> String {
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
    let ws = Workspace::new();
    let draft_uri = ws.draft_uri.as_str();
    let mut c = Client::start(&ws.root);
    let init = c.initialize(&ws);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 2, "incremental");
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    // Malformed messages do not stop the server: bad params, bad JSON,
    // and a frame that is not a JSON-RPC message.
    c.send_raw("{\"jsonrpc\": \"2.0\", \"method\": \"textDocument/didOpen\", \"params\": {\"textDocument\": 7}}");
    c.send_raw("{this is not json");
    c.send_raw("[1, 2, 3]");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": draft_uri, "languageId": "markdown", "version": 1, "text": DRAFT}}}));
    let published = c.published(draft_uri);
    assert_eq!(published["version"], 1, "the diagnostics are for the text the editor opened");
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "head-count-mismatch");
    assert_eq!(d["severity"], 1);
    // "تنشر فرنسا " is 11 UTF-16 units; "300 جندي" is 8 more.
    assert_eq!(d["range"]["start"], json!({"line": 3, "character": 11}));
    assert_eq!(d["range"]["end"], json!({"line": 3, "character": 19}));
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri_of(&ws.corpus));
    assert_eq!(related["location"]["range"]["start"], json!({"line": 4, "character": 11}));
    assert!(related["message"].as_str().unwrap().contains("نحو 3000 جندي"));

    let hover = c.hover(2, draft_uri);
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("count/personnel/FR/ML") && text.contains("وكالة أ"), "{text}");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": draft_uri, "version": 2},
        "contentChanges": [{"text": DRAFT.replace("300", "3000")}]}}));
    let published = c.published(draft_uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]), "fixed");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
                  "params": {"textDocument": {"uri": draft_uri}}}));
    let published = c.published(draft_uri);
    assert_eq!(published.get("version"), None, "a closed document has no version");
    assert_eq!(published["diagnostics"], json!([]));

    assert!(c.shutdown_and_exit().success());
}

#[test]
fn input_closed_before_initialize_ends_the_server() {
    let ws = Workspace::new();
    let mut c = Client::start(&ws.root);
    c.close_input();
    assert!(!c.ended().success(), "an abnormal end");
}

#[test]
fn input_closed_after_initialize_ends_the_server() {
    let ws = Workspace::new();
    // Between `initialize` and `initialized`, and after both.
    let mut c = Client::start(&ws.root);
    c.initialize(&ws);
    c.close_input();
    assert!(!c.ended().success(), "an abnormal end");

    let mut c = Client::initialized(&ws);
    c.hover(2, &ws.draft_uri);
    c.close_input();
    assert!(!c.ended().success(), "an abnormal end");
}

#[test]
fn each_frame_the_server_cannot_read_is_skipped_and_later_requests_are_answered() {
    let ws = Workspace::new();
    let lost = r#"{"jsonrpc": "2.0", "id": 77, "method": "shutdown"}"#;
    let bad = [
        ("a length that is not a number", format!("Content-Length: abc\r\n\r\n{lost}")),
        ("a length over the cap", format!("Content-Length: 67108865\r\n\r\n{lost}")),
        ("a length past any integer", format!("Content-Length: 99999999999999999999999\r\n\r\n{lost}")),
        ("no length", format!("Content-Type: application/vscode-jsonrpc\r\n\r\n{lost}")),
        ("a body that is not JSON", "Content-Length: 17\r\n\r\n{this is not json".into()),
        ("JSON that is not JSON-RPC", "Content-Length: 9\r\n\r\n[1, 2, 3]".into()),
    ];
    for (what, frame) in bad {
        let mut c = Client::initialized(&ws);
        c.send_bytes(frame.as_bytes());
        c.send_hover(2, &ws.draft_uri);
        // Answered in order: had the frame's shutdown been read, its
        // answer would come first.
        let answer = c.wait(|v| v.get("id").is_some());
        assert_eq!(answer["id"], 2, "{what}: {answer}");
        c.hover(3, &ws.draft_uri);
        assert_eq!(c.shutdown_and_exit().code(), Some(0), "{what}");
        let log = c.log();
        assert!(log.contains("skipped"), "{what}: the server says what it skipped: {log}");
    }
}

#[test]
fn header_names_are_read_without_case() {
    let ws = Workspace::new();
    let mut c = Client::initialized(&ws);
    let hover = json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover",
                       "params": {"textDocument": {"uri": ws.draft_uri}, "position": {"line": 0, "character": 0}}})
    .to_string();
    c.send_bytes(format!("content-length: {}\r\n\r\n{hover}", hover.len()).as_bytes());
    assert!(c.wait(|v| v.get("id").is_some())["id"] == 5, "the lower-case frame is answered");
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

#[test]
fn shutdown_then_exit_ends_with_status_0_and_exit_alone_with_1() {
    let ws = Workspace::new();
    assert_eq!(Client::initialized(&ws).shutdown_and_exit().code(), Some(0));

    let mut c = Client::initialized(&ws);
    c.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(c.ended().code(), Some(1));

    let mut c = Client::start(&ws.root);
    c.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(c.ended().code(), Some(1), "exit before initialize");
}

#[test]
fn an_incremental_change_changes_the_diagnostics_as_a_full_change_does() {
    let ws = Workspace::new();
    let uri = ws.draft_uri.as_str();
    let mut c = Client::initialized(&ws);
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT.replace("300", "3000")}}}));
    assert_eq!(c.published(uri)["diagnostics"], json!([]), "agrees with the corpus");

    // 3000 becomes 300 by two ranged changes, the second applied to the
    // first's result: "تنشر فرنسا " is 11 UTF-16 units.
    let range =
        |from: u32, to: u32| json!({"start": {"line": 3, "character": from}, "end": {"line": 3, "character": to}});
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": range(11, 15), "text": "30"}, {"range": range(13, 13), "text": "0"}]}}));
    let incremental = c.published(uri);
    assert_eq!(incremental["version"], 2);
    assert_eq!(incremental["diagnostics"].as_array().unwrap().len(), 1, "{incremental}");

    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": DRAFT}]}}));
    let full = c.published(uri);
    assert_eq!(full["version"], 3);
    assert_eq!(incremental["diagnostics"], full["diagnostics"]);
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}
