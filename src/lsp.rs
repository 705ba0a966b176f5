//! The language server: claimcheck's findings as diagnostics in an editor.
//!
//! Owns everything LSP (only this module knows the protocol): the
//! handshake and position encoding, keeping open documents, publishing a
//! document's findings against the corpus named in `claimcheck.toml` with
//! related information pointing at the other source's words, and hover on
//! a claim. The corpus is read, extracted and indexed by subject once; a
//! change re-extracts only the edited document and checks only the subjects
//! open documents speak of, with aliases resolved against the whole corpus.
//!
//! The transport is `lsp-server`'s: `Message::read` and `Message::write`
//! on stdin and stdout, and its handshake and shutdown. Its own stdio
//! transport ends at the first frame it cannot read, so a reader thread
//! here calls `Message::read` itself: a frame it cannot read (or one over
//! 64 MiB, which the crate would allocate whole) is logged to stderr and
//! skipped, and reading resumes at the next `Content-Length` header. A
//! message it cannot use is logged and skipped too: the server keeps
//! running. The end of input ends the server. Exit status: 0 after
//! `shutdown` then `exit`; 1 after any other end (`exit` without
//! `shutdown`, input closed, a protocol violation), as the protocol asks;
//! 2 when the server cannot start (configuration, rules).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_server::{Connection, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as NotificationKind,
};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover, HoverContents, HoverProviderCapability, Location,
    MarkupContent, MarkupKind, NumberOrString, Position, PositionEncodingKind, PublishDiagnosticsParams, Range,
    ServerCapabilities, TextDocumentContentChangeEvent, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde_json::Value;

use crate::check::Severity;
use crate::config::Config;
use crate::extract::Claim;
use crate::graph::{AliasStats, Renames};
use crate::rules::RuleSource;
use crate::sources::{self, Source};
use crate::Engine;

/// How positions count characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The first encoding the client offers that we speak; UTF-16 when it
    /// offers none (the protocol's default).
    fn negotiate(offered: Option<&Vec<PositionEncodingKind>>) -> Encoding {
        for k in offered.into_iter().flatten() {
            match k.as_str() {
                "utf-8" => return Encoding::Utf8,
                "utf-16" => return Encoding::Utf16,
                "utf-32" => return Encoding::Utf32,
                _ => {}
            }
        }
        Encoding::Utf16
    }

    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// A byte offset as an LSP position.
pub fn position(text: &str, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = before.matches('\n').count() as u32;
    let character = before[line_start..].chars().map(|c| enc.width(c)).sum();
    Position { line, character }
}

/// An LSP position as a byte offset (clamped to the line's end).
pub fn offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if c == '\n' || units >= pos.character {
            return line_start + i;
        }
        units += enc.width(c);
    }
    text.len()
}

/// `changes` applied to `text` in order: a change with a range replaces
/// that range (its positions in `enc`), one without replaces the whole text.
fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
    for change in changes {
        match change.range {
            Some(range) => {
                let start = offset(text, range.start, enc);
                // A range that ends before it starts replaces nothing.
                let end = offset(text, range.end, enc).max(start);
                text.replace_range(start..end, &change.text);
            }
            None => *text = change.text,
        }
    }
}

fn file_uri(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    Uri::from_str(&format!("file://{}", sources::uri_path_text(&abs.to_string_lossy()))).ok()
}

fn uri_path(uri: &Uri) -> PathBuf {
    let s = uri.as_str();
    let raw = s.strip_prefix("file://").unwrap_or(s);
    PathBuf::from(percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned())
}

/// Related locations shown with one diagnostic, one a source.
const MAX_RELATED: usize = 20;

/// The server's state: the corpus (extracted once) and open documents.
struct State {
    engine: Engine,
    enc: Encoding,
    /// Corpus first, then open documents.
    sources: Vec<Source>,
    /// Claims per source, extracted once per text.
    claims: Vec<Vec<Claim>>,
    /// Each source's profile, for grouping into stories.
    profiles: Vec<crate::extract::DocProfile>,
    uris: Vec<Option<Uri>>,
    open: BTreeMap<String, usize>,
    /// The version the client gave each open document's text; a closed
    /// document has none.
    versions: BTreeMap<String, i32>,
    /// The corpus's stories, grouped once: a change places the open
    /// documents in them instead of grouping everything again.
    stories: crate::stories::StoryIndex,
    /// How many sources are the corpus (the rest are documents opened).
    corpus_len: usize,
    /// What the corpus alone says about aliases, and the renames it implies.
    corpus_aliases: AliasStats,
    corpus_renames: Renames,
    /// When the corpus is an archive: read story by story, as open
    /// documents fall in them (the corpus in `sources` is what was read).
    archive: Option<ArchiveCorpus>,
}

/// An archive the corpus is read from as open documents need its stories.
impl ArchiveCorpus {
    /// An archive opened, nothing of it read yet.
    fn new(archive: crate::archive::Archive) -> Result<ArchiveCorpus, crate::archive::ArchiveError> {
        let articles = archive.info()?.articles;
        Ok(ArchiveCorpus { archive, articles, seen: Default::default(), positions: Vec::new(), generation: 0 })
    }
}

struct ArchiveCorpus {
    archive: crate::archive::Archive,
    /// How many articles the archive holds.
    articles: usize,
    /// What was read of the archive's story index so far.
    seen: crate::archive::IndexCache,
    /// The archive position of each corpus source in `State::sources`.
    positions: Vec<usize>,
    /// The archive's generation `positions` are of.
    generation: u64,
}

impl State {
    fn load(root: Option<PathBuf>, enc: Encoding) -> Result<State, String> {
        let start = root.clone().unwrap_or_else(|| PathBuf::from("."));
        let config = Config::for_inputs(&[start]).map_err(|e| e.to_string())?;
        let rules = RuleSource::with_overrides(&config.rules.value);
        let engine = Engine::load(&rules).map_err(|e| e.to_string())?;
        if let [only] = config.against.value.as_slice() {
            if crate::archive::Archive::is_archive(only) {
                let mut state = State::new(engine, Vec::new(), enc);
                let opened = Engine::rules_hash(&rules).map_err(|e| e.to_string()).and_then(|hash| {
                    let archive = crate::archive::Archive::open(only).map_err(|e| e.to_string())?;
                    archive.check_rules(&hash).map_err(|e| e.to_string())?;
                    ArchiveCorpus::new(archive).map_err(|e| e.to_string())
                });
                match opened {
                    Ok(a) => {
                        eprintln!(
                            "claimcheck lsp: archive {} of {} articles opened; its stories are read as documents need them",
                            only.display(),
                            a.articles
                        );
                        state.archive = Some(a);
                    }
                    // The server still checks open documents among themselves.
                    Err(e) => eprintln!("claimcheck lsp: {e}; no corpus"),
                }
                return Ok(state);
            }
        }
        let mut corpus = Vec::new();
        let (paths, errors) =
            sources::collect_paths(&config.against.value, &sources::Walk { exclude: config.exclude.value.clone() });
        for e in errors {
            eprintln!("claimcheck lsp: {e}");
        }
        let mut next = 0;
        for path in paths {
            let (read, errs) = sources::read_sources(&path, &mut next);
            for e in errs {
                eprintln!("claimcheck lsp: {e}");
            }
            corpus.extend(read);
        }
        let state = State::new(engine, corpus, enc);
        eprintln!("claimcheck lsp: corpus of {} sources indexed", state.sources.len());
        Ok(state)
    }

    /// A server state over `corpus`: extracted and indexed here.
    fn new(engine: Engine, corpus: Vec<Source>, enc: Encoding) -> State {
        let mut state = State {
            engine,
            enc,
            sources: Vec::new(),
            claims: Vec::new(),
            uris: Vec::new(),
            open: BTreeMap::new(),
            versions: BTreeMap::new(),
            corpus_aliases: AliasStats::default(),
            corpus_renames: Renames::default(),
            profiles: Vec::new(),
            stories: crate::stories::StoryIndex::default(),
            corpus_len: 0,
            archive: None,
        };
        for mut s in corpus {
            s.reference = true;
            let uri = file_uri(&s.path);
            state.push(s, uri);
        }
        state.corpus_len = state.sources.len();
        state.stories = state.engine.index_stories(&state.sources, &state.profiles);
        for c in state.claims.iter().flatten() {
            state.corpus_aliases.add(c);
        }
        state.corpus_renames = state.corpus_aliases.renames();
        state
    }

    fn push(&mut self, s: Source, uri: Option<Uri>) -> usize {
        let i = self.sources.len();
        let x = self.engine.extractor.extract(&s, i);
        self.claims.push(x.claims);
        self.profiles.push(x.profile);
        self.sources.push(s);
        self.uris.push(uri);
        i
    }

    /// Opens or replaces a document, the client's `version` of it: only it
    /// is extracted again.
    fn set_document(&mut self, uri: &Uri, text: String, version: i32) -> usize {
        self.versions.insert(uri.as_str().to_string(), version);
        let path = uri_path(uri);
        let (mut src, _) = Source::from_text(format!("d{}", self.open.len() + 1), path, text);
        src.reference = false;
        let i = match self.open.get(uri.as_str()) {
            Some(&i) => {
                src.id = self.sources[i].id.clone();
                let x = self.engine.extractor.extract(&src, i);
                self.claims[i] = x.claims;
                self.profiles[i] = x.profile;
                self.sources[i] = src;
                i
            }
            None => {
                let i = self.push(src, Some(uri.clone()));
                self.open.insert(uri.as_str().to_string(), i);
                i
            }
        };
        self.read_archive_stories();
        self.open.get(uri.as_str()).copied().unwrap_or(i)
    }

    /// Reads from the archive the stories open documents fall in that are
    /// not read yet, and puts their articles before the documents, as the
    /// corpus: what a change costs grows with the stories it touches, not
    /// with the archive.
    fn read_archive_stories(&mut self) {
        let Some(mut ac) = self.archive.take() else { return };
        self.read_stories_of(&mut ac);
        self.archive = Some(ac);
    }

    fn read_stories_of(&mut self, ac: &mut ArchiveCorpus) {
        let (drafts, profiles) = (&self.sources[self.corpus_len..], &self.profiles[self.corpus_len..]);
        // An add since the last change renumbers the archive: what was read
        // is read again.
        let generation = ac.archive.generation().unwrap_or(0);
        if ac.generation != generation {
            ac.generation = generation;
            ac.positions.clear();
        }
        let positions = &ac.positions;
        let engine = &self.engine;
        let seen = &mut ac.seen;
        let read_now = ac.archive.snapshot(|archive| {
            let index = engine.archive_index(archive, drafts, profiles, seen)?;
            let keep = engine.stories_of(&index, drafts, profiles);
            let members = index.members(&keep);
            if members == *positions {
                return Ok(None);
            }
            let known: BTreeMap<usize, usize> = positions.iter().enumerate().map(|(i, &p)| (p, i)).collect();
            let missing: Vec<usize> = members.iter().copied().filter(|p| !known.contains_key(p)).collect();
            let loaded = archive.load(&missing)?;
            Ok(Some((index, keep, members, missing, loaded)))
        });
        let (index, keep, members, missing, loaded) = match read_now {
            Ok(Some(x)) => x,
            Ok(None) => return,
            Err(e) => {
                eprintln!("claimcheck lsp: {e}");
                return;
            }
        };
        let read: BTreeMap<usize, usize> = ac.positions.iter().enumerate().map(|(i, &p)| (p, i)).collect();
        let mut fresh: BTreeMap<usize, crate::archive::StoredArticle> = missing.into_iter().zip(loaded).collect();
        // The corpus read before, by position, and the documents after it.
        let docs_from = self.corpus_len;
        let mut old_sources: Vec<Option<Source>> = self.sources.drain(..).map(Some).collect();
        let mut old_claims: Vec<Vec<Claim>> = std::mem::take(&mut self.claims);
        let mut old_profiles: Vec<crate::extract::DocProfile> = std::mem::take(&mut self.profiles);
        let old_uris: Vec<Option<Uri>> = std::mem::take(&mut self.uris);
        for &p in &members {
            let (src, claims, profile, uri) = match read.get(&p) {
                Some(&i) => (
                    old_sources[i].take().unwrap_or_else(|| Source::from_text("", "", "").0),
                    std::mem::take(&mut old_claims[i]),
                    std::mem::take(&mut old_profiles[i]),
                    old_uris[i].clone(),
                ),
                None => {
                    let Some(a) = fresh.remove(&p) else { continue };
                    let mut src = crate::archive::stored_source(&a.path, a.record, a.text, a.meta);
                    src.reference = true;
                    let uri = file_uri(&src.path);
                    (src, a.claims, a.profile, uri)
                }
            };
            self.put(src, claims, profile, uri);
        }
        let corpus_len = self.sources.len();
        for i in docs_from..old_sources.len() {
            let src = old_sources[i].take().unwrap_or_else(|| Source::from_text("", "", "").0);
            let (claims, profile) = (std::mem::take(&mut old_claims[i]), std::mem::take(&mut old_profiles[i]));
            self.put(src, claims, profile, old_uris[i].clone());
        }
        for i in self.open.values_mut() {
            *i = *i - docs_from + corpus_len;
        }
        for (n, s) in self.sources.iter_mut().enumerate().take(corpus_len) {
            s.id = format!("s{}", n + 1);
        }
        ac.positions = members;
        self.stories = index.narrowed(&keep);
        self.corpus_len = corpus_len;
        self.corpus_aliases = AliasStats::default();
        for c in self.claims[..corpus_len].iter().flatten() {
            self.corpus_aliases.add(c);
        }
        self.corpus_renames = self.corpus_aliases.renames();
    }

    /// Appends a source with claims already extracted (numbered here).
    fn put(&mut self, s: Source, mut claims: Vec<Claim>, profile: crate::extract::DocProfile, uri: Option<Uri>) {
        let i = self.sources.len();
        claims.iter_mut().for_each(|c| c.source = i);
        self.claims.push(claims);
        self.profiles.push(profile);
        self.sources.push(s);
        self.uris.push(uri);
    }

    /// The text of `uri` if it is open.
    fn open_text(&self, uri: &Uri) -> Option<&str> {
        self.versions.get(uri.as_str())?;
        Some(&self.sources.get(*self.open.get(uri.as_str())?)?.text)
    }

    fn close(&mut self, uri: &Uri) {
        self.versions.remove(uri.as_str());
        if let Some(&i) = self.open.get(uri.as_str()) {
            // Keep indices stable: the closed document no longer speaks.
            self.claims[i].clear();
            self.profiles[i] = Default::default();
            self.sources[i].reference = true;
        }
    }

    /// Open documents' claims checked against the corpus claims of their
    /// stories: what [`checked_fully`](Self::checked_fully) finds about
    /// open documents, without copying and checking the whole corpus.
    fn checked(&self) -> crate::Checked {
        let stories = self.engine.place_stories(&self.stories, self.corpus_len, &self.sources, &self.profiles);
        let docs: BTreeSet<usize> = self.open.values().copied().collect();
        let mut draft_aliases = AliasStats::default();
        for &d in &docs {
            self.claims[d].iter().for_each(|c| draft_aliases.add(c));
        }
        // A draft may link names the corpus alone does not (or unlink them).
        let renames = if draft_aliases == AliasStats::default() {
            Cow::Borrowed(&self.corpus_renames)
        } else {
            let mut all = self.corpus_aliases.clone();
            all.merge(&draft_aliases);
            Cow::Owned(all.renames())
        };
        // Findings are only made within a story: the drafts' stories are
        // all that need checking.
        let wanted: BTreeSet<usize> = docs.iter().filter_map(|&d| stories.story_of.get(d).copied()).collect();
        let mut claims = Vec::new();
        for (si, list) in self.claims.iter().enumerate() {
            if !stories.story_of.get(si).is_some_and(|s| wanted.contains(s)) {
                continue;
            }
            for c in list {
                let mut c = c.clone();
                if let Some(to) = renames.subject(&c.subject) {
                    c.subject = to.into();
                }
                claims.push(c);
            }
        }
        crate::assign_stories(&mut claims, &stories);
        self.engine.check_resolved(&self.sources, claims, &stories)
    }

    /// Every claim checked: what `claimcheck check` would find. The
    /// reference the tests hold [`checked`](Self::checked) to.
    #[cfg(test)]
    fn checked_fully(&self) -> crate::Checked {
        let mut claims: Vec<Claim> = self.claims.iter().flatten().cloned().collect();
        let stories = self.engine.group_stories(&self.sources, &self.profiles);
        crate::assign_stories(&mut claims, &stories);
        self.engine.check_claims(&self.sources, claims, &stories)
    }

    fn range(&self, si: usize, span: crate::span::Span) -> Range {
        let text = &self.sources[si].text;
        Range { start: position(text, span.start, self.enc), end: position(text, span.end, self.enc) }
    }

    fn diagnostics(&self, doc: usize) -> Vec<Diagnostic> {
        self.diagnostics_of(doc, &self.checked())
    }

    fn diagnostics_of(&self, doc: usize, checked: &crate::Checked) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for f in &checked.findings {
            let claims: Vec<&Claim> =
                f.sides.iter().flat_map(|s| s.claims.iter().map(|&c| &checked.claims[c])).collect();
            let Some(primary) = claims.iter().find(|c| c.source == doc) else { continue };
            // One claim a source, at most MAX_RELATED: an archive may hold
            // thousands of claims on one subject, and an editor lists them all.
            let mut seen = BTreeSet::from([doc]);
            let others: Vec<&&Claim> = claims.iter().filter(|c| !std::ptr::eq(**c, *primary)).collect();
            let shown: Vec<&&Claim> =
                others.iter().copied().filter(|c| seen.insert(c.source)).take(MAX_RELATED).collect();
            let hidden_sources =
                claims.iter().map(|c| c.source).collect::<BTreeSet<_>>().len().saturating_sub(1 + shown.len());
            let related: Vec<DiagnosticRelatedInformation> = shown
                .into_iter()
                .filter_map(|c| {
                    let uri = self.uris.get(c.source)?.clone()?;
                    let src = &self.sources[c.source];
                    Some(DiagnosticRelatedInformation {
                        location: Location { uri, range: self.range(c.source, c.span) },
                        message: format!("{}: {} «{}»", src.label(), c.value.normalized(), src.slice(c.span)),
                    })
                })
                .collect();
            out.push(Diagnostic {
                range: self.range(doc, primary.span),
                severity: Some(match f.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(f.rule.as_str().to_string())),
                source: Some("claimcheck".into()),
                message: if hidden_sources > 0 {
                    format!(
                        "{}\n{}\n({hidden_sources} more sources not listed here; `claimcheck explain` lists them all)",
                        f.message, f.explanation
                    )
                } else {
                    format!("{}\n{}", f.message, f.explanation)
                },
                related_information: Some(related),
                ..Diagnostic::default()
            });
        }
        out
    }

    fn hover(&self, uri: &Uri, pos: Position) -> Option<Hover> {
        let &doc = self.open.get(uri.as_str())?;
        let at = offset(&self.sources[doc].text, pos, self.enc);
        let checked = self.checked();
        let claim = checked.claims.iter().find(|c| c.source == doc && c.span.start <= at && at < c.span.end)?;
        let mut text = format!(
            "**{}** — {}\n\nvalue: `{}`\n\nsubject: `{}`",
            claim.kind.as_str(),
            claim.subject_label,
            claim.value.normalized(),
            claim.subject
        );
        let others: Vec<String> = checked
            .claims
            .iter()
            .filter(|c| c.subject == claim.subject && c.source != doc)
            .map(|c| {
                let src = &self.sources[c.source];
                format!("- {}: `{}` «{}»", src.label(), c.value.normalized(), src.slice(c.span))
            })
            .collect();
        if !others.is_empty() {
            text.push_str("\n\nother sources:\n");
            text.push_str(&others.join("\n"));
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
            range: Some(self.range(doc, claim.span)),
        })
    }
}

fn publish(conn: &Connection, state: &State, uri: &Uri, doc: Option<usize>) {
    let diagnostics = doc.map(|d| state.diagnostics(d)).unwrap_or_default();
    let version = state.versions.get(uri.as_str()).copied();
    let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version };
    let _ =
        conn.sender.send(Message::Notification(Notification::new("textDocument/publishDiagnostics".into(), params)));
}

fn text_document_uri(params: &Value) -> Option<Uri> {
    Uri::from_str(params.get("textDocument")?.get("uri")?.as_str()?).ok()
}

/// How a session with a client ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown` then `exit`: the one clean end.
    Exit,
    /// Any other end, and why: `exit` without `shutdown`, the client's
    /// input closed, a protocol violation.
    Abnormally(String),
}

const CLIENT_GONE: &str = "the client closed its input without shutdown";

impl From<ProtocolError> for Ended {
    fn from(e: ProtocolError) -> Ended {
        if e.channel_is_disconnected() {
            Ended::Abnormally(CLIENT_GONE.into())
        } else {
            Ended::Abnormally(e.to_string())
        }
    }
}

/// Runs the server on a connection until the session ends. `Err` when the
/// server cannot start (configuration, rules).
pub fn serve(conn: &Connection) -> Result<Ended, String> {
    let (id, params) = match conn.initialize_start() {
        Ok(start) => start,
        Err(e) => return Ok(e.into()),
    };
    let init: lsp_types::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let enc = Encoding::negotiate(init.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref()));
    #[allow(deprecated)]
    let root = init
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| uri_path(&f.uri))
        .or_else(|| init.root_uri.as_ref().map(uri_path));
    let caps = ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = lsp_types::InitializeResult {
        capabilities: caps,
        server_info: Some(lsp_types::ServerInfo {
            name: "claimcheck".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).unwrap_or_default();
    if let Err(e) = conn.initialize_finish(id, result) {
        return Ok(e.into());
    }
    let mut state = State::load(root, enc)?;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => match conn.handle_shutdown(&req) {
                Ok(true) => return Ok(Ended::Exit),
                Ok(false) => handle_request(conn, &state, req),
                Err(e) => return Ok(e.into()),
            },
            Message::Notification(n) if n.method == "exit" => {
                return Ok(Ended::Abnormally("exit without shutdown".into()));
            }
            Message::Notification(n) => handle_notification(conn, &mut state, n),
            Message::Response(_) => {}
        }
    }
    Ok(Ended::Abnormally(CLIENT_GONE.into()))
}

fn handle_request(conn: &Connection, state: &State, req: Request) {
    let resp = match req.method.as_str() {
        "textDocument/hover" => {
            let pos = req.params.get("position").and_then(|p| serde_json::from_value::<Position>(p.clone()).ok());
            match (text_document_uri(&req.params), pos) {
                (Some(uri), Some(pos)) => Response::new_ok(req.id, state.hover(&uri, pos)),
                _ => Response::new_err(
                    req.id,
                    lsp_server::ErrorCode::InvalidParams as i32,
                    "hover needs textDocument.uri and position".into(),
                ),
            }
        }
        other => {
            Response::new_err(req.id, lsp_server::ErrorCode::MethodNotFound as i32, format!("unsupported: {other}"))
        }
    };
    let _ = conn.sender.send(Message::Response(resp));
}

fn handle_notification(conn: &Connection, state: &mut State, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Some(DidOpenTextDocumentParams { text_document: doc }) = params::<DidOpenTextDocument>(n) else {
                return;
            };
            let i = state.set_document(&doc.uri, doc.text, doc.version);
            publish(conn, state, &doc.uri, Some(i));
        }
        DidChangeTextDocument::METHOD => {
            let Some(DidChangeTextDocumentParams { text_document: doc, content_changes }) =
                params::<DidChangeTextDocument>(n)
            else {
                return;
            };
            let Some(text) = state.open_text(&doc.uri) else {
                eprintln!("claimcheck lsp: didChange for {}, which is not open; skipped", doc.uri.as_str());
                return;
            };
            let mut text = text.to_string();
            apply_changes(&mut text, content_changes, state.enc);
            let i = state.set_document(&doc.uri, text, doc.version);
            publish(conn, state, &doc.uri, Some(i));
        }
        DidCloseTextDocument::METHOD => {
            let Some(DidCloseTextDocumentParams { text_document: doc }) = params::<DidCloseTextDocument>(n) else {
                return;
            };
            state.close(&doc.uri);
            publish(conn, state, &doc.uri, None);
        }
        _ => {}
    }
}

/// A notification's params as `N`'s, by the crate; logged and None when
/// they are not.
fn params<N: NotificationKind>(n: Notification) -> Option<N::Params> {
    match n.extract(N::METHOD) {
        Ok(params) => Some(params),
        Err(e) => {
            eprintln!("claimcheck lsp: {}; skipped", e.to_string().replace('\n', " "));
            None
        }
    }
}

/// `claimcheck lsp`: serve over standard input and output until the
/// client ends the session.
///
/// How the session ended once the writer has written everything: the
/// binary exits 0 for [`Ended::Exit`] and 1 for any other end, the
/// protocol's status for `exit` without `shutdown`. `Err` when the server
/// cannot start (configuration, rules).
pub fn run_stdio() -> Result<Ended, String> {
    // The server's ends of two channels are its `Connection`; the reader and
    // writer threads own the other ends, so when the reader drops its sender
    // at end of input the server's receiver disconnects and the server ends.
    let (server, client) = Connection::memory();
    let Connection { sender: to_server, receiver: from_server } = client;
    std::thread::spawn(move || {
        for read in Messages::new(std::io::stdin().lock()) {
            match read {
                Ok(msg) => {
                    if to_server.send(msg).is_err() {
                        break;
                    }
                }
                Err(problem) => eprintln!("claimcheck lsp: {problem}; skipped"),
            }
        }
    });
    let writer = std::thread::spawn(move || {
        let mut out = std::io::stdout().lock();
        for msg in from_server {
            if msg.write(&mut out).is_err() {
                break;
            }
        }
    });
    let ended = serve(&server);
    // The writer ends once it has written all the server sent.
    drop(server);
    let _ = writer.join();
    // The reader may be blocked on stdin; it ends with the process.
    ended
}

/// The largest frame body read: no editor sends a larger document, and
/// `Message::read` allocates the length a frame declares before reading it.
const MAX_FRAME: u64 = 64 << 20;

/// The largest header block read: LSP defines two short headers.
const MAX_HEADER_BLOCK: usize = 8 << 10;

/// The header that starts a frame, where reading resumes after a frame
/// that was skipped. Compared without case, as `Message::read` does.
const CONTENT_LENGTH: &[u8] = b"content-length";

/// The messages a client sends, read from its byte stream by
/// `lsp_server::Message::read`. A frame that cannot be read (a bad header,
/// a body that is not a JSON-RPC message, a length over [`MAX_FRAME`])
/// comes out as `Err` with the reason, and reading resumes at the next
/// `Content-Length` header. The messages end with the input.
struct Messages<R> {
    input: R,
    /// Bytes of the next frame already taken from `input`.
    head: Vec<u8>,
    /// The last frame was skipped: find the next one before reading.
    resume: bool,
}

impl<R: BufRead> Messages<R> {
    fn new(input: R) -> Messages<R> {
        Messages { input, head: Vec::new(), resume: false }
    }
}

impl<R: BufRead> Iterator for Messages<R> {
    type Item = Result<Message, String>;

    fn next(&mut self) -> Option<Self::Item> {
        // An input that fails to read ends the messages as its end does.
        if std::mem::take(&mut self.resume) && !skip_to_next_frame(&mut self.input, &mut self.head).ok()? {
            return None;
        }
        let problem = match read_header_block(&mut self.input, &mut self.head).ok()? {
            HeaderBlock::TooLong => format!("a header block over {MAX_HEADER_BLOCK} bytes"),
            HeaderBlock::Read => match declared_length(&self.head) {
                Some(n) if n > MAX_FRAME => format!("a frame of {n} bytes, over the {MAX_FRAME}-byte cap"),
                _ => {
                    let head = std::io::Cursor::new(std::mem::take(&mut self.head));
                    match Message::read(&mut head.chain(&mut self.input)) {
                        Ok(msg) => return msg.map(Ok),
                        // The crate quotes the whole body: keep the log short.
                        Err(e) if e.kind() == ErrorKind::InvalidData => e.to_string().chars().take(200).collect(),
                        // The input failed, or ended inside a frame.
                        Err(_) => return None,
                    }
                }
            },
        };
        self.head.clear();
        self.resume = true;
        Some(Err(problem))
    }
}

/// Whether a header block was read whole or ran over [`MAX_HEADER_BLOCK`].
#[derive(Debug, PartialEq)]
enum HeaderBlock {
    Read,
    TooLong,
}

/// Reads into `head`, which may hold its start already, a frame's header
/// block: up to its empty line, the first line `Message::read` will reject,
/// or the end of input. The frame's length can then be checked against
/// [`MAX_FRAME`] before the crate reads the block again from `head`.
fn read_header_block(input: &mut impl BufRead, head: &mut Vec<u8>) -> std::io::Result<HeaderBlock> {
    let mut line_start = 0;
    loop {
        let room = MAX_HEADER_BLOCK.saturating_sub(head.len()) as u64;
        let read = input.by_ref().take(room).read_until(b'\n', head)?;
        let line = &head[line_start..];
        if head.len() >= MAX_HEADER_BLOCK && !line.ends_with(b"\n") {
            return Ok(HeaderBlock::TooLong);
        }
        if read == 0 || line == b"\r\n" || !line.ends_with(b"\r\n") {
            return Ok(HeaderBlock::Read);
        }
        line_start = head.len();
    }
}

/// The length a header block declares (the last, as the crate takes it).
fn declared_length(head: &[u8]) -> Option<u64> {
    head.rsplit(|&b| b == b'\n').find_map(|line| {
        let (name, value) = std::str::from_utf8(line).ok()?.split_once(':')?;
        name.trim().as_bytes().eq_ignore_ascii_case(CONTENT_LENGTH).then(|| value.trim().parse().ok())?
    })
}

/// Discards input up to and including the next `Content-Length` (in any
/// case), which is left in `head` to start the next header block. Streams:
/// a skipped body is never held whole. False at the end of input.
fn skip_to_next_frame(input: &mut impl BufRead, head: &mut Vec<u8>) -> std::io::Result<bool> {
    head.clear();
    loop {
        let buf = match input.fill_buf() {
            Ok([]) => return Ok(false),
            Ok(buf) => buf,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut used = buf.len();
        for (i, &b) in buf.iter().enumerate() {
            if b.eq_ignore_ascii_case(&CONTENT_LENGTH[head.len()]) {
                head.push(b);
            } else {
                // No 'c' past the first letter: a mismatch can only restart
                // the match at this byte.
                head.clear();
                if b.eq_ignore_ascii_case(&CONTENT_LENGTH[0]) {
                    head.push(b);
                }
            }
            if head.len() == CONTENT_LENGTH.len() {
                used = i + 1;
                break;
            }
        }
        input.consume(used);
        if head.len() == CONTENT_LENGTH.len() {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_in_the_negotiated_encoding() {
        let text = "سطر\nفي 2012 😀x";
        let at = text.find('x').unwrap();
        assert_eq!(position(text, at, Encoding::Utf16), Position { line: 1, character: 10 });
        assert_eq!(position(text, at, Encoding::Utf32), Position { line: 1, character: 9 });
        assert_eq!(position(text, at, Encoding::Utf8), Position { line: 1, character: 14 });
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(offset(text, position(text, at, enc), enc), at);
        }
    }

    /// A fixture story's articles, sorted.
    fn fixture_files(story: &str) -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(story);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        files
    }

    /// Each fixture in turn as the open draft, the rest as the corpus.
    fn each_story_draft(story: &str, mut test: impl FnMut(&mut State, usize, &Uri)) {
        let files = fixture_files(story);
        for draft in &files {
            let mut next = 0;
            let corpus: Vec<Source> =
                files.iter().filter(|p| *p != draft).flat_map(|p| sources::read_sources(p, &mut next).0).collect();
            let engine = Engine::load(&RuleSource::builtin()).unwrap();
            let mut state = State::new(engine, corpus, Encoding::Utf16);
            let uri = file_uri(&draft.with_file_name("draft.md")).unwrap();
            let doc = state.set_document(&uri, std::fs::read_to_string(draft).unwrap(), 1);
            test(&mut state, doc, &uri);
        }
    }

    #[test]
    fn checking_a_drafts_subjects_finds_what_checking_everything_finds() {
        let (mut compared, mut renames_changed) = (0, 0);
        for story in ["niger", "quake"] {
            each_story_draft(story, |state, doc, uri| {
                let fast = state.diagnostics_of(doc, &state.checked());
                assert_eq!(fast, state.diagnostics_of(doc, &state.checked_fully()), "{story}, {uri:?}");
                compared += fast.len();
                // A second full name with a corpus surname unlinks that
                // surname alone: the renames differ from the corpus's.
                let text = format!("{}\n\nوقال جون كامبل إن 40 جنديا وصلوا.\n", state.sources[doc].text);
                let doc = state.set_document(uri, text, 2);
                let mut all = state.corpus_aliases.clone();
                state.claims[doc].iter().for_each(|c| all.add(c));
                renames_changed += usize::from(all.renames() != state.corpus_renames);
                let fast = state.diagnostics_of(doc, &state.checked());
                assert_eq!(fast, state.diagnostics_of(doc, &state.checked_fully()), "{story}, {uri:?}, edited");
            });
        }
        assert!(compared > 5, "the stories should give drafts findings, got {compared}");
        assert!(renames_changed > 0, "no edit took the path where a draft changes the corpus's aliases");
    }

    /// Each fixture in turn as the open draft, the rest as the corpus: read
    /// from an archive, story by story, the corpus gives the diagnostics
    /// of the files.
    #[test]
    fn a_corpus_read_from_an_archive_gives_the_diagnostics_of_its_files() {
        let mut compared = 0;
        for story in ["niger", "quake"] {
            let files = fixture_files(story);
            for draft in &files {
                let corpus: Vec<PathBuf> = files.iter().filter(|p| *p != draft).cloned().collect();
                let tmp = tempfile::tempdir().unwrap();
                let engine = Engine::load(&RuleSource::builtin()).unwrap();
                let hash = Engine::rules_hash(&RuleSource::builtin()).unwrap();
                let mut archive = crate::archive::Archive::create(tmp.path()).unwrap();
                engine.archive_add(&mut archive, &corpus, &sources::Walk::default(), &hash).unwrap();
                let mut from_archive = State::new(engine, Vec::new(), Encoding::Utf16);
                from_archive.archive = Some(ArchiveCorpus::new(archive).unwrap());

                let mut next = 0;
                let read: Vec<Source> = corpus.iter().flat_map(|p| sources::read_sources(p, &mut next).0).collect();
                let mut from_files = State::new(Engine::load(&RuleSource::builtin()).unwrap(), read, Encoding::Utf16);

                let uri = file_uri(&draft.with_file_name("draft.md")).unwrap();
                let text = std::fs::read_to_string(draft).unwrap();
                let a = from_archive.set_document(&uri, text.clone(), 1);
                let f = from_files.set_document(&uri, text.clone(), 1);
                let got = from_archive.diagnostics(a);
                assert_eq!(got, from_files.diagnostics(f), "{story}: {}", draft.display());
                compared += got.len();
                // Only the draft's stories were read.
                assert!(from_archive.corpus_len <= corpus.len());
                // An edit that keeps the draft in its story reads nothing.
                let read_before = from_archive.corpus_len;
                let a = from_archive.set_document(&uri, format!("{text}\n"), 2);
                assert_eq!(from_archive.corpus_len, read_before);
                let f = from_files.set_document(&uri, format!("{text}\n"), 2);
                assert_eq!(from_archive.diagnostics(a), from_files.diagnostics(f));
            }
        }
        assert!(compared > 5, "the stories should give drafts findings, got {compared}");
    }

    /// An add while the server runs renumbers the archive: the server
    /// reads it again rather than the articles its old numbers now name.
    #[test]
    fn an_add_while_the_server_runs_is_read_again() {
        let (niger, quake) = (fixture_files("niger"), fixture_files("quake"));
        let (draft, niger_corpus) = (&niger[0], &niger[1..]);
        let tmp = tempfile::tempdir().unwrap();
        let hash = Engine::rules_hash(&RuleSource::builtin()).unwrap();
        let engine = Engine::load(&RuleSource::builtin()).unwrap();
        let mut archive = crate::archive::Archive::create(tmp.path()).unwrap();
        // First the quake and all but the first of Niger's other articles:
        // the draft reads its story.
        let first: Vec<PathBuf> = niger_corpus[1..].iter().chain(&quake).cloned().collect();
        engine.archive_add(&mut archive, &first, &sources::Walk::default(), &hash).unwrap();
        let mut server = State::new(engine, Vec::new(), Encoding::Utf16);
        server.archive = Some(ArchiveCorpus::new(archive).unwrap());
        let uri = file_uri(&draft.with_file_name("draft.md")).unwrap();
        let text = std::fs::read_to_string(draft).unwrap();
        server.set_document(&uri, text.clone(), 1);
        assert!(server.corpus_len > 0, "the draft should have read its story");
        // Then the remaining article is added by another process: it sorts
        // before the others, so every stored position moves.
        let adder = Engine::load(&RuleSource::builtin()).unwrap();
        let mut other = crate::archive::Archive::open(tmp.path()).unwrap();
        adder.archive_add(&mut other, &niger_corpus[..1], &sources::Walk::default(), &hash).unwrap();
        let d = server.set_document(&uri, format!("{text}\n"), 2);
        let got = server.diagnostics(d);

        let mut next = 0;
        let read: Vec<Source> =
            niger_corpus.iter().chain(&quake).flat_map(|p| sources::read_sources(p, &mut next).0).collect();
        let mut from_files = State::new(Engine::load(&RuleSource::builtin()).unwrap(), read, Encoding::Utf16);
        let f = from_files.set_document(&uri, format!("{text}\n"), 1);
        assert_eq!(got, from_files.diagnostics(f));
        assert!(!got.is_empty(), "the Niger draft should have findings against Niger's articles");
    }

    #[test]
    fn related_locations_are_one_a_source_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let corpus: Vec<Source> = (0..25)
            .map(|k| {
                let text = format!(
                    "---\npublished: 2024-05-0{}\n---\nينتشر في النيجر نحو 100 جندي أمريكي، وفق مسؤولين. ويبلغ عدد الجنود الأمريكيين 100 جندي.\n",
                    1 + k % 9
                );
                Source::from_text(format!("s{k}"), dir.path().join(format!("{k:02}.md")), text).0
            })
            .collect();
        let engine = Engine::load(&RuleSource::builtin()).unwrap();
        let mut state = State::new(engine, corpus, Encoding::Utf16);
        let uri = file_uri(&dir.path().join("draft.md")).unwrap();
        let doc =
            state.set_document(&uri, "---\npublished: 2024-05-10\n---\nينتشر في النيجر 1000 جندي أمريكي.\n".into(), 1);
        let diags = state.diagnostics(doc);
        let d = diags.iter().find(|d| d.message.contains("1000") || d.message.contains("1,000")).expect("a conflict");
        let related = d.related_information.as_ref().unwrap();
        assert_eq!(related.len(), MAX_RELATED);
        let uris: BTreeSet<&str> = related.iter().map(|r| r.location.uri.as_str()).collect();
        assert_eq!(uris.len(), MAX_RELATED, "one location a source");
        assert!(d.message.contains("5 more sources"), "{}", d.message);
    }

    #[test]
    fn uris_round_trip_paths_with_arabic_and_spaces() {
        let p = PathBuf::from("/tmp/مسودة خبر.md");
        let uri = file_uri(&p).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/"));
        assert_eq!(uri_path(&uri), p);
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// What [`Messages`] makes of `input`: a method or id for each message,
    /// "skipped" for each frame it skips.
    fn read_all(input: &[u8]) -> Vec<String> {
        Messages::new(input)
            .map(|read| match read {
                Ok(Message::Request(r)) => format!("{} {}", r.method, r.id),
                Ok(Message::Notification(n)) => n.method,
                Ok(Message::Response(r)) => format!("response {}", r.id),
                Err(_) => "skipped".into(),
            })
            .collect()
    }

    #[test]
    fn frames_that_cannot_be_read_are_skipped_and_reading_resumes_at_the_next() {
        let hover = r#"{"jsonrpc":"2.0","id":1,"method":"hover"}"#;
        let bad = [
            "Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"lost\"}".to_string(),
            format!("Content-Length: {}\r\n\r\n{{}}", MAX_FRAME + 1),
            "Content-Length: 99999999999999999999999\r\n\r\n{}".into(),
            frame("{not json"),
            frame("[1, 2, 3]"),
            "Content-Type: x\r\n\r\n{}".into(),
            "garbage\n".into(),
            format!("X-Long: {}\r\n", "x".repeat(MAX_HEADER_BLOCK)),
        ];
        for bad in bad {
            let input = format!("{}{bad}{}{}", frame(hover), frame(hover), frame(r#"{"method":"exit"}"#));
            assert_eq!(read_all(input.as_bytes()), ["hover 1", "skipped", "hover 1", "exit"], "{bad:?}");
        }
    }

    #[test]
    fn header_names_are_read_without_case() {
        let input = "content-length: 17\r\n\r\n{\"method\":\"exit\"}CONTENT-LENGTH: 17\r\n\r\n{\"method\":\"exit\"}";
        assert_eq!(read_all(input.as_bytes()), ["exit", "exit"]);
    }

    #[test]
    fn reading_resumes_at_a_header_split_across_buffers() {
        let input = format!("Content-Length: x\r\n\r\n{}{}", "y".repeat(5), frame(r#"{"method":"exit"}"#));
        // Buffers of every small size split the next header anywhere.
        for capacity in 1..20 {
            let messages = Messages::new(std::io::BufReader::with_capacity(capacity, input.as_bytes()));
            let read: Vec<bool> = messages.map(|m| m.is_ok()).collect();
            assert_eq!(read, [false, true], "buffer of {capacity}");
        }
    }

    #[test]
    fn an_input_that_ends_inside_a_frame_ends_the_messages() {
        assert_eq!(read_all(b""), Vec::<String>::new());
        assert_eq!(read_all(b"Content-Length: 40\r\n\r\n{\"method\""), Vec::<String>::new());
        assert_eq!(read_all(b"Content-Len"), ["skipped"]);
    }

    #[test]
    fn changes_apply_in_order_with_ranges_in_the_negotiated_encoding() {
        let change = |range: Option<((u32, u32), (u32, u32))>, text: &str| TextDocumentContentChangeEvent {
            range: range.map(|((l0, c0), (l1, c1))| Range {
                start: Position { line: l0, character: c0 },
                end: Position { line: l1, character: c1 },
            }),
            range_length: None,
            text: text.into(),
        };
        let mut text = String::from("---\n😀 تنشر فرنسا 3000 جندي.\n");
        // "😀 تنشر فرنسا " is 14 UTF-16 units; the second change sees the first.
        let changes = vec![change(Some(((1, 14), (1, 18))), "30"), change(Some(((1, 16), (1, 16))), "0")];
        apply_changes(&mut text, changes, Encoding::Utf16);
        assert_eq!(text, "---\n😀 تنشر فرنسا 300 جندي.\n");
        // A range past the end is clamped; one that ends before it starts inserts.
        apply_changes(&mut text, vec![change(Some(((9, 0), (9, 5))), "!")], Encoding::Utf16);
        apply_changes(&mut text, vec![change(Some(((0, 3), (0, 1))), "x")], Encoding::Utf16);
        assert_eq!(text, "---x\n😀 تنشر فرنسا 300 جندي.\n!");
        apply_changes(&mut text, vec![change(Some(((0, 0), (0, 0))), "a"), change(None, "whole")], Encoding::Utf8);
        assert_eq!(text, "whole");
    }

    #[test]
    fn utf16_is_the_default() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&vec![PositionEncodingKind::UTF8])), Encoding::Utf8);
    }
}
