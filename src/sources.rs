//! Sources: finding input files, reading them, and their front matter.
//!
//! Owns everything that touches the file system for articles: expanding
//! folders (recursively, articles and `*.jsonl`/`*.jsonl.gz` feeds, in
//! sorted order, leaving out hidden, ignored and excluded files as git
//! does, through the `ignore` crate), reading and decompressing bytes,
//! decoding a file in a legacy single-byte encoding (chardetng guesses it,
//! encoding_rs decodes it; [`Source::file_offset`] maps back to its
//! bytes), parsing YAML front matter and feed records, and reading
//! `published` dates. The original text is kept whole; the body offset
//! says where the article text starts, so every later span is a byte range
//! into the file as it is on disk (into its decoding, for a decoded file).
//! A bad file is an [`InputError`] for that file only; the others are
//! still read; a path the user named that cannot be used is an error a
//! gate fails on ([`InputError::is_named_failure`]).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::span::{LineIndex, Span};

/// Article metadata from front matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
    pub url: Option<String>,
}

/// One article as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable within a run: `s1`, `s2`, … in input order.
    pub id: String,
    /// The path as given (or as found under a given folder).
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// Byte offset where the body starts (after front matter).
    pub body_start: usize,
    pub meta: Meta,
    pub lines: LineIndex,
    /// Problems that did not stop the file from being checked.
    pub warnings: Vec<InputError>,
    /// Part of the reference corpus (`--against`), not a draft being checked.
    pub reference: bool,
    /// For a record of a JSON Lines feed: its 1-based line in the file.
    /// Spans are then byte ranges into the record's text.
    pub record: Option<usize>,
    /// After [`Source::compact`]: the pieces of the text that were kept
    /// (`text` is then empty).
    excerpts: Option<Excerpts>,
    /// For a file that was not UTF-8: the encoding it was decoded from.
    /// Spans are then byte offsets into the decoded text;
    /// [`Source::file_offset`] gives the file's.
    pub decoded: Option<Decoded>,
}

/// Pieces of a file's text kept after extraction, with the line and
/// column each starts at: enough to quote claims and locate them without
/// holding whole articles in memory.
#[derive(Debug, Clone, Default)]
struct Excerpts {
    /// Sorted by start, not overlapping.
    pieces: Vec<Piece>,
    /// Length of the whole text.
    len: usize,
}

#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    line: u32,
    col: u32,
    text: Box<str>,
}

/// A piece of an article's text kept for quoting: its byte offset, the
/// line and column it starts at, and its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    pub start: usize,
    pub line: u32,
    pub col: u32,
    pub text: String,
}

impl From<Excerpt> for Piece {
    fn from(e: Excerpt) -> Piece {
        Piece { start: e.start, line: e.line, col: e.col, text: e.text.into() }
    }
}

impl Excerpts {
    fn piece(&self, offset: usize) -> Option<&Piece> {
        let k = self.pieces.partition_point(|p| p.start + p.text.len() < offset);
        self.pieces.get(k).filter(|p| p.start <= offset && offset <= p.start + p.text.len())
    }

    fn slice(&self, span: Span) -> &str {
        match self.piece(span.start) {
            Some(p) => p.text.get(span.start - p.start..span.end.saturating_sub(p.start)).unwrap_or(""),
            None => "",
        }
    }

    fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        let p = self.piece(offset)?;
        let (mut line, mut col) = (p.line as usize, p.col as usize);
        for c in p.text.get(..offset - p.start)?.chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        Some((line, col))
    }
}

impl Source {
    /// Builds a source from text already in memory (tests, editors, feeds).
    pub fn from_text(
        id: impl Into<String>,
        path: impl Into<PathBuf>,
        text: impl Into<String>,
    ) -> (Source, Vec<InputError>) {
        let path = path.into();
        let text = text.into();
        let (meta, body_start, problems) = parse_front_matter(&path, &text);
        let lines = LineIndex::new(&text);
        let source = Source {
            id: id.into(),
            path,
            text,
            body_start,
            meta,
            lines,
            warnings: problems.clone(),
            reference: false,
            record: None,
            excerpts: None,
            decoded: None,
        };
        (source, problems)
    }

    /// A record of a feed: its text, metadata and line in the file.
    pub fn from_record(
        id: impl Into<String>,
        path: impl Into<PathBuf>,
        line: usize,
        text: String,
        meta: Meta,
    ) -> Source {
        let lines = LineIndex::new(&text);
        Source {
            id: id.into(),
            path: path.into(),
            text,
            body_start: 0,
            meta,
            lines,
            warnings: Vec::new(),
            reference: false,
            record: Some(line),
            excerpts: None,
            decoded: None,
        }
    }

    /// The file, and for a feed record its line: `feed.jsonl:12`.
    pub fn name(&self) -> String {
        match self.record {
            Some(l) => format!("{}:{l}", self.display_path()),
            None => self.display_path(),
        }
    }

    /// Line and column in the file for a reader or an editor: for a feed
    /// record, its line (its text has no place of its own in the file).
    pub fn file_position(&self, offset: usize) -> (usize, usize) {
        match self.record {
            Some(l) => (l, 1),
            None => self.line_col(offset),
        }
    }

    /// The file's text read again from disk, decoded as it was the first time.
    fn read_again(&self) -> Option<String> {
        match &self.decoded {
            None => std::fs::read_to_string(&self.path).ok(),
            Some(d) => {
                let bytes = std::fs::read(&self.path).ok()?;
                let encoding = encoding_rs::Encoding::for_label(d.encoding.as_bytes())?;
                Some(encoding.decode_without_bom_handling(&bytes).0.into_owned())
            }
        }
    }

    /// A byte offset into the text as read, as a byte offset into the file
    /// on disk (they differ only for a file decoded from another encoding).
    pub fn file_offset(&self, offset: usize) -> usize {
        match &self.decoded {
            None => offset,
            Some(d) => {
                let (line, col) = self.line_col(offset);
                d.line_starts.get(line.saturating_sub(1)).map_or(offset, |start| start + col.saturating_sub(1))
            }
        }
    }

    /// The article text after front matter (empty once compacted).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    /// Drops the text but for the pieces covering `keep` (claims, their
    /// sentences, evidence): quotes and line/column of anything inside them
    /// stay exact. A feed record keeps its text (it cannot be re-read
    /// alone), as does a source already compacted.
    pub fn compact(&mut self, keep: impl IntoIterator<Item = Span>) {
        if self.record.is_some() || self.excerpts.is_some() {
            return;
        }
        let pieces = self.excerpts_for(keep).into_iter().map(Piece::from).collect();
        self.excerpts = Some(Excerpts { pieces, len: self.text.len() });
        self.text = String::new();
        self.lines = LineIndex::new("");
    }

    /// The pieces of the text that cover `keep`, merged where they touch,
    /// each with its line and column: what quoting and locating those
    /// spans needs. Empty once the text was dropped.
    pub fn excerpts_for(&self, keep: impl IntoIterator<Item = Span>) -> Vec<Excerpt> {
        let mut spans: Vec<Span> = keep.into_iter().filter(|s| s.end <= self.text.len()).collect();
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        merged
            .into_iter()
            .filter_map(|m| {
                let text = self.text.get(m.start..m.end)?;
                let (line, col) = self.line_col(m.start);
                Some(Excerpt { start: m.start, line: line as u32, col: col as u32, text: text.to_string() })
            })
            .collect()
    }

    /// A source of which only `excerpts` of its text are known (a claims
    /// dataset): quotes and places inside them are exact, as after
    /// [`compact`](Self::compact). `len` is the whole text's length.
    pub fn from_excerpts(
        id: impl Into<String>,
        path: impl Into<PathBuf>,
        record: Option<usize>,
        meta: Meta,
        len: usize,
        excerpts: Vec<Excerpt>,
    ) -> Source {
        Source {
            id: id.into(),
            path: path.into(),
            text: String::new(),
            body_start: 0,
            meta,
            lines: LineIndex::new(""),
            warnings: Vec::new(),
            reference: false,
            record,
            excerpts: Some(Excerpts { pieces: excerpts.into_iter().map(Piece::from).collect(), len }),
            decoded: None,
        }
    }

    /// True when [`compact`](Self::compact) dropped the text.
    pub fn is_compacted(&self) -> bool {
        self.excerpts.is_some()
    }

    /// The whole file: the text in memory, or read again from disk after
    /// [`compact`](Self::compact) (if the file changed since, the kept
    /// pieces at their offsets, blanks between).
    pub fn full_text(&self) -> std::borrow::Cow<'_, str> {
        match &self.excerpts {
            None => std::borrow::Cow::Borrowed(&self.text),
            Some(x) => {
                if let Some(text) = self.read_again().filter(|t| t.len() == x.len) {
                    return std::borrow::Cow::Owned(text);
                }
                // The file changed or went away: the kept pieces, in place.
                let mut text = " ".repeat(x.len);
                for p in &x.pieces {
                    text.replace_range(p.start..p.start + p.text.len(), &p.text);
                }
                std::borrow::Cow::Owned(text)
            }
        }
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// The original text of a span (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        match &self.excerpts {
            Some(x) => x.slice(span),
            None => self.text.get(span.start..span.end).unwrap_or(""),
        }
    }

    /// 1-based line and column of a byte offset (after
    /// [`compact`](Self::compact), of an offset inside a kept piece; else
    /// line 1, column 1).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        match &self.excerpts {
            Some(x) => x.line_col(offset).unwrap_or((1, 1)),
            None => self.lines.line_col(&self.text, offset),
        }
    }

    /// A short name for messages: the outlet, else the file name.
    pub fn label(&self) -> String {
        self.meta.outlet.clone().unwrap_or_else(|| {
            self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| self.display_path())
        })
    }
}

/// What went wrong with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// A path named on the command line or in `claimcheck.toml` that does
    /// not exist or cannot be opened (a typo in a CI gate: exit 2).
    Missing(String),
    /// A named folder with no article in it (exit 2).
    EmptyFolder,
    /// A file that is not UTF-8, decoded from the single-byte encoding
    /// its bytes point to; it is checked.
    Decoded { encoding: &'static str },
    /// A file or folder that cannot be read.
    Unreadable(String),
    /// Some bytes are not UTF-8: the offset of the first bad byte and how
    /// many there are. They are read as spaces and the file is checked.
    NotUtf8 { offset: usize, invalid: usize },
    /// The file holds NUL bytes: a binary file, skipped.
    Binary,
    /// UTF-16 text (a byte-order mark says which), skipped with a message
    /// saying to save it as UTF-8: its spans could not be the file's bytes.
    Utf16 { encoding: &'static str },
    /// Front matter that cannot be used; the body is still checked.
    FrontMatter { line: usize, message: String },
    /// A line of a JSON Lines feed that is not a usable record; the other
    /// lines are still read.
    Record { line: usize, message: String },
    /// A `published` value (front matter or feed record, at `line`) that is
    /// not a date, or only one with day and month swapped (`guessed`).
    Published { line: usize, field: String, value: String, guessed: Option<NaiveDate> },
    /// More unusable records in one feed than are worth listing: how many,
    /// the first few lines and the first error.
    Records { count: usize, lines: Vec<usize>, first_error: String },
    /// Records of a feed whose text is empty or blank, skipped: how many,
    /// and the first few lines.
    SkippedRecords { count: usize, lines: Vec<usize> },
    /// A gzipped feed whose stream breaks at `line`: the lines before it
    /// are read.
    DamagedGzip { line: usize, message: String },
}

/// An input problem tied to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    pub kind: InputErrorKind,
}

impl InputError {
    /// True when a path named on the command line or in the configuration
    /// could not be used: a gate must not pass such a run.
    pub fn is_named_failure(&self) -> bool {
        matches!(self.kind, InputErrorKind::Missing(_) | InputErrorKind::EmptyFolder)
    }

    /// True when the file could not be checked at all.
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self.kind,
            InputErrorKind::FrontMatter { .. }
                | InputErrorKind::NotUtf8 { .. }
                | InputErrorKind::Decoded { .. }
                | InputErrorKind::Record { .. }
                | InputErrorKind::Published { .. }
                | InputErrorKind::Records { .. }
                | InputErrorKind::SkippedRecords { .. }
                | InputErrorKind::DamagedGzip { .. }
        )
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.kind {
            InputErrorKind::Unreadable(e) | InputErrorKind::Missing(e) => write!(f, "{p}: cannot read: {e}"),
            InputErrorKind::Decoded { encoding } => write!(
                f,
                "{p}: not UTF-8; read as {encoding}, the encoding its bytes point to (save it as UTF-8 to be sure)"
            ),
            InputErrorKind::EmptyFolder => write!(
                f,
                "{p}: no article in this folder (*.md, *.markdown, *.txt, *.jsonl, *.jsonl.gz, not hidden, ignored or excluded)"
            ),
            InputErrorKind::NotUtf8 { offset, invalid } => write!(
                f,
                "{p}: not valid UTF-8: {invalid} invalid byte(s), the first at byte offset {offset}; they were read as spaces and the rest was checked"
            ),
            InputErrorKind::Binary => write!(f, "{p}: binary file (contains NUL bytes); skipped"),
            InputErrorKind::Utf16 { encoding } => {
                write!(f, "{p}: {encoding} text (it starts with a byte-order mark); save it as UTF-8 to check it; skipped")
            }
            InputErrorKind::FrontMatter { line, message } => {
                write!(f, "{p}:{line}: front matter: {message}; the article is checked without it")
            }
            InputErrorKind::Record { line, message } => {
                write!(f, "{p}:{line}: not a usable record: {message}; the other lines are read")
            }
            InputErrorKind::Published { line, field, value, guessed: None } => write!(
                f,
                "{p}:{line}: `{field}: {value}` is not a date (expected e.g. 2015-07-22, 2015-07-22T10:00:00Z or 22/07/2015); relative dates stay unresolved"
            ),
            InputErrorKind::Published { line, field, value, guessed: Some(date) } => write!(
                f,
                "{p}:{line}: `{field}: {value}` is read as {date}: day first is no date, so the order month/day was guessed"
            ),
            InputErrorKind::Records { count, lines, first_error } => write!(
                f,
                "{p}: {count} records could not be read (lines {}): first error: {first_error}; the other lines are read",
                line_list(lines, *count)
            ),
            InputErrorKind::SkippedRecords { count, lines } => write!(
                f,
                "{p}: {count} record(s) with empty text skipped (lines {}): not articles",
                line_list(lines, *count)
            ),
            InputErrorKind::DamagedGzip { line, message } => write!(
                f,
                "{p}:{line}: the gzip stream is damaged here ({message}); the {} line(s) before it were read, the rest is lost",
                line.saturating_sub(1)
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// `4, 9, 12, …`: the lines named, and an ellipsis when there are more.
fn line_list(lines: &[usize], count: usize) -> String {
    let mut list = lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
    if count > lines.len() {
        list.push_str(", …");
    }
    list
}

const EXTENSIONS: &[&str] = &["md", "txt", "markdown", "jsonl"];

/// Bytes a path keeps in a URI: RFC 3986's unreserved characters and the
/// separator; every other byte (Arabic letters, spaces) is percent-encoded.
const URI_PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// A path (with `/` separators) as the path of a URI.
pub fn uri_path_text(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_PATH).to_string()
}

/// How folders are walked: hidden files and folders, and what
/// `.gitignore` and `.ignore` files exclude, are left out (as in git and
/// ripgrep), and so is whatever matches an `exclude` glob (gitignore
/// syntax, relative to the folder walked). Files named on the command line
/// are always read.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub exclude: Vec<String>,
}

/// Expands files and folders into article paths: folders recursively, only
/// `*.md`, `*.markdown`, `*.txt`, `*.jsonl` and `*.jsonl.gz` (feeds), sorted; files given by name are taken
/// whatever their extension. A named path that does not exist, and a named
/// folder that holds no article, are errors; so is any file or folder
/// of a walk that cannot be read.
pub fn collect_paths(inputs: &[PathBuf], walk: &Walk) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    // The order inputs are given in does not change the output.
    let mut inputs = inputs.to_vec();
    inputs.sort();
    inputs.dedup();
    for input in &inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let before = files.len();
                walk_folder(input, walk, &mut files, &mut errors);
                if files.len() == before {
                    errors.push(InputError { path: input.clone(), kind: InputErrorKind::EmptyFolder });
                }
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => errors.push(InputError { path: input.clone(), kind: InputErrorKind::Missing(e.to_string()) }),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// Deep enough for any real archive.
const MAX_DEPTH: usize = 64;

fn is_article_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) || is_feed(path)
}

fn walk_folder(dir: &Path, walk: &Walk, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    // .gitignore counts in a folder that is not a git checkout too: an
    // archive copied out of a repository keeps its exclusions.
    builder.require_git(false).follow_links(true).max_depth(Some(MAX_DEPTH));
    if !walk.exclude.is_empty() {
        let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
        for glob in &walk.exclude {
            if let Err(e) = overrides.add(&format!("!{glob}")) {
                errors.push(InputError {
                    path: dir.to_path_buf(),
                    kind: InputErrorKind::Missing(format!("--exclude {glob}: {e}")),
                });
                return;
            }
        }
        match overrides.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => {
                errors.push(InputError { path: dir.to_path_buf(), kind: InputErrorKind::Missing(e.to_string()) });
                return;
            }
        }
    }
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                if is_file && is_article_name(e.path()) {
                    files.push(e.into_path());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
}

/// A walk's error as an input error on the path it concerns.
fn walk_error(dir: &Path, e: ignore::Error) -> InputError {
    let mut path = dir.to_path_buf();
    let mut e = e;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = p;
                e = *err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => e = *err,
            ignore::Error::Loop { child, .. } => {
                return InputError {
                    path: child,
                    kind: InputErrorKind::Unreadable(
                        "a symbolic link leads back to a folder already read; skipped".into(),
                    ),
                }
            }
            ignore::Error::Io(io) => {
                let dangling = io.kind() == std::io::ErrorKind::NotFound
                    && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                let why = if dangling { "a symbolic link to nothing".to_string() } else { io.to_string() };
                return InputError { path, kind: InputErrorKind::Unreadable(why) };
            }
            other => return InputError { path, kind: InputErrorKind::Unreadable(other.to_string()) },
        }
    }
}

/// Reads one article. Front-matter problems are warnings on the source;
/// unreadable and binary files are errors. A file that is not UTF-8 is
/// decoded from the single-byte encoding its bytes point to (Windows-1256
/// and ISO-8859-6 Arabic, and the like), with a warning naming it; a
/// UTF-8 file with a few damaged bytes keeps the rest, the bad bytes read
/// as spaces.
pub fn read_source(id: impl Into<String>, path: &Path) -> Result<Source, InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError { path: path.to_path_buf(), kind: InputErrorKind::Unreadable(e.to_string()) })?;
    if bytes.contains(&0) {
        // UTF-16 (what Windows editors call "Unicode") is full of NUL bytes
        // but is text: say so, rather than "binary".
        let kind = match encoding_rs::Encoding::for_bom(&bytes) {
            Some((e, _)) if e != encoding_rs::UTF_8 => InputErrorKind::Utf16 { encoding: e.name() },
            _ => InputErrorKind::Binary,
        };
        return Err(InputError { path: path.to_path_buf(), kind });
    }
    let (offset, bytes) = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Source::from_text(id, path, text).0),
        Err(e) => (e.utf8_error().valid_up_to(), e.into_bytes()),
    };
    if let Some(encoding) = legacy_encoding(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        let (mut src, _) = Source::from_text(id, path, text.into_owned());
        src.decoded = Some(Decoded::new(encoding, &bytes));
        src.warnings
            .push(InputError { path: path.to_path_buf(), kind: InputErrorKind::Decoded { encoding: encoding.name() } });
        return Ok(src);
    }
    // Invalid bytes become spaces, one for one, so every span still points
    // at the same bytes of the file; the rest is checked.
    let (text, invalid) = spaces_for_invalid(&bytes);
    let warning = InputError { path: path.to_path_buf(), kind: InputErrorKind::NotUtf8 { offset, invalid } };
    let (mut src, _) = Source::from_text(id, path, text);
    src.warnings.push(warning);
    Ok(src)
}

/// The single-byte encoding a file that is not UTF-8 is written in, when
/// its bytes say so: more bytes that are not UTF-8 than characters that
/// are (a UTF-8 file with a few damaged bytes is still UTF-8), and a
/// guess by `chardetng` that is a single-byte encoding (so each byte is
/// one character and columns stay the file's).
fn legacy_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    if bad <= good {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    guess.is_single_byte().then_some(guess)
}

/// How a file decoded from a single-byte encoding maps back to its bytes:
/// each character was one byte.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub encoding: &'static str,
    /// Byte offset in the file of each line's start (lines split at
    /// `\n`, which every such encoding writes as one byte).
    line_starts: Vec<usize>,
}

impl Decoded {
    fn new(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Decoded {
        let mut line_starts = vec![0];
        line_starts.extend(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        Decoded { encoding: encoding.name(), line_starts }
    }
}

fn spaces_for_invalid(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut invalid = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let n = e.error_len().unwrap_or(bad.len()).max(1).min(bad.len());
                out.extend(std::iter::repeat_n(' ', n));
                invalid += n;
                rest = &bad[n..];
            }
        }
    }
    (out, invalid)
}

/// A JSON Lines feed, plain or gzipped: one source per record.
pub fn is_feed(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl") || is_gzip_feed(path)
}

/// A gzipped JSON Lines feed (`*.jsonl.gz`), as crawls are stored.
fn is_gzip_feed(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".jsonl.gz"))
}

/// Reads every source a path holds: one article, or for a feed one per
/// record. `next_id` numbers them.
pub fn read_sources(path: &Path, next_id: &mut usize) -> (Vec<Source>, Vec<InputError>) {
    if !is_feed(path) {
        *next_id += 1;
        return match read_source(format!("s{next_id}"), path) {
            Ok(s) => (vec![s], Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        };
    }
    let (text, mut errors) = read_feed_text(path);
    let mut out = Vec::new();
    let mut tally = FeedTally::default();
    for (line, record) in feed_lines(&text) {
        match read_record(path, line, record) {
            Ok(mut s) => {
                *next_id += 1;
                s.id = format!("s{next_id}");
                out.push(s);
            }
            Err(problem) => tally.add(line, problem),
        }
    }
    errors.extend(tally.into_errors(path));
    (out, errors)
}

/// Why a line of a feed is not a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    /// Its text is empty or only blanks: a crawl that failed, not an article.
    EmptyText,
    /// Not JSON, not an object, or no text field.
    Unusable(String),
}

/// Up to this many unusable records are reported one by one; more are
/// summed up, so a broken feed does not bury the report in one error a line.
const RECORDS_LISTED: usize = 3;
/// How many line numbers a summed-up problem names.
const LINES_NAMED: usize = 5;

/// The lines of one feed that gave no source, reported once per file.
#[derive(Debug, Default)]
pub struct FeedTally {
    unusable: Vec<(usize, String)>,
    empty: Vec<usize>,
}

impl FeedTally {
    pub fn add(&mut self, line: usize, problem: RecordProblem) {
        match problem {
            RecordProblem::EmptyText => self.empty.push(line),
            RecordProblem::Unusable(message) => self.unusable.push((line, message)),
        }
    }

    /// The problems to report: a few unusable records one by one, else one
    /// count with the first lines and error; skipped records as one count.
    pub fn into_errors(self, path: &Path) -> Vec<InputError> {
        let error = |kind| InputError { path: path.to_path_buf(), kind };
        let mut errors = Vec::new();
        if self.unusable.len() <= RECORDS_LISTED {
            errors.extend(
                self.unusable.into_iter().map(|(line, message)| error(InputErrorKind::Record { line, message })),
            );
        } else {
            let count = self.unusable.len();
            let lines = self.unusable.iter().take(LINES_NAMED).map(|(l, _)| *l).collect();
            let first_error = self.unusable.into_iter().next().map(|(_, m)| m).unwrap_or_default();
            errors.push(error(InputErrorKind::Records { count, lines, first_error }));
        }
        if !self.empty.is_empty() {
            let count = self.empty.len();
            let lines = self.empty.into_iter().take(LINES_NAMED).collect();
            errors.push(error(InputErrorKind::SkippedRecords { count, lines }));
        }
        errors
    }
}

/// The whole text of a feed, decompressed for `*.jsonl.gz`, with what went
/// wrong reading it: a file that cannot be read gives no text, bytes that
/// are not UTF-8 are spaces, and a damaged gzip stream gives the complete
/// lines before the damage.
pub fn read_feed_text(path: &Path) -> (String, Vec<InputError>) {
    let unreadable =
        |message: String| InputError { path: path.to_path_buf(), kind: InputErrorKind::Unreadable(message) };
    let mut bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (String::new(), vec![unreadable(e.to_string())]),
    };
    let mut errors = Vec::new();
    if is_gzip_feed(path) {
        match gunzip(&bytes) {
            Ok(plain) => bytes = plain,
            Err((plain, e)) if plain.is_empty() => {
                return (String::new(), vec![unreadable(format!("not a readable gzip stream: {e}"))]);
            }
            Err((mut plain, e)) => {
                // The line the damage cut cannot be trusted: keep whole lines.
                plain.truncate(plain.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1));
                let line = 1 + plain.iter().filter(|&&b| b == b'\n').count();
                errors.push(InputError {
                    path: path.to_path_buf(),
                    kind: InputErrorKind::DamagedGzip { line, message: e.to_string() },
                });
                bytes = plain;
            }
        }
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (t, invalid) = spaces_for_invalid(e.as_bytes());
            let kind = InputErrorKind::NotUtf8 { offset: e.utf8_error().valid_up_to(), invalid };
            errors.push(InputError { path: path.to_path_buf(), kind });
            t
        }
    };
    (text, errors)
}

/// Decompresses every gzip member (crawlers append members to a day's
/// file); on an error, also what was decompressed before it.
fn gunzip(compressed: &[u8]) -> Result<Vec<u8>, (Vec<u8>, std::io::Error)> {
    use std::io::Read;
    let mut plain = Vec::new();
    match flate2::read::MultiGzDecoder::new(compressed).read_to_end(&mut plain) {
        Ok(_) => Ok(plain),
        Err(e) => Err((plain, e)),
    }
}

/// The lines of a feed that hold something, with their 1-based numbers.
pub fn feed_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty())
}

/// One line of a feed as a source (its id is left for the caller to give,
/// in input order), or why it is not one.
pub fn read_record(path: &Path, line: usize, record_text: &str) -> Result<Source, RecordProblem> {
    let (body, mut meta, published) = record(record_text)?;
    let mut source_warnings = Vec::new();
    if let Some((field, value)) = published {
        let (date, warning) = published_date(path, line, field, &value);
        meta.published = date;
        source_warnings.extend(warning);
    }
    let mut source = Source::from_record("", path, line, body, meta);
    source.warnings = source_warnings;
    Ok(source)
}

/// The field a record's `published` came from, and its value.
type PublishedField = (&'static str, String);

/// Fields that may hold a record's text, in the order they are tried.
const TEXT_FIELDS: &[&str] = &["text", "maintext", "body", "content"];

/// One feed record: our field names (`text`, `published`, `outlet`) or the
/// ones news crawlers emit (news-please: `maintext`, `date_publish`,
/// `source_domain`, `language`).
/// The metadata is without `published`: its field and value come apart, for
/// [`published_date`] to read and warn about.
fn record(line: &str) -> Result<(String, Meta, Option<PublishedField>), RecordProblem> {
    let unusable = |m: String| RecordProblem::Unusable(m);
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| unusable(format!("invalid JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| unusable("a record is a JSON object".into()))?;
    let field = |names: &[&str]| {
        names.iter().find_map(|n| obj.get(*n).and_then(|x| x.as_str()).map(str::to_string).filter(|s| !s.is_empty()))
    };
    let Some(body) = TEXT_FIELDS.iter().find_map(|n| obj.get(*n)?.as_str().filter(|t| !t.trim().is_empty())) else {
        // A text field that is there but blank is a failed crawl; no text
        // field at all is a record of another shape.
        return Err(if TEXT_FIELDS.iter().any(|n| obj.get(*n).is_some_and(|x| x.is_string())) {
            RecordProblem::EmptyText
        } else {
            unusable("no text: expected `text` or `maintext`".into())
        });
    };
    let published = ["published", "date_publish", "date"]
        .into_iter()
        .find_map(|n| Some((n, obj.get(n)?.as_str().filter(|v| !v.trim().is_empty())?.to_string())));
    let meta = Meta {
        title: field(&["title"]),
        outlet: field(&["outlet", "source_domain", "source"]),
        published: None,
        lang: field(&["lang", "language"]),
        url: field(&["url"]),
    };
    Ok((body.to_string(), meta, published))
}

#[derive(Debug, Deserialize, Default)]
struct RawMeta {
    title: Option<serde_norway::Value>,
    outlet: Option<serde_norway::Value>,
    published: Option<serde_norway::Value>,
    lang: Option<serde_norway::Value>,
    url: Option<serde_norway::Value>,
}

fn scalar(v: Option<serde_norway::Value>) -> Option<String> {
    match v? {
        serde_norway::Value::String(s) => Some(s),
        serde_norway::Value::Number(n) => Some(n.to_string()),
        serde_norway::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Splits YAML front matter off the text: `---` on the first line, closed
/// by a `---` or `...` line. Returns the metadata, the body offset, and any
/// problems (the body is still usable).
fn parse_front_matter(path: &Path, text: &str) -> (Meta, usize, Vec<InputError>) {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        return (Meta::default(), 0, Vec::new());
    }
    let yaml_start = bom + first_line_end;
    let mut offset = yaml_start;
    let mut close = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let problem = |line: usize, message: String| InputError {
        path: path.to_path_buf(),
        kind: InputErrorKind::FrontMatter { line, message },
    };
    let Some((yaml_end, body_start)) = close else {
        return (Meta::default(), 0, vec![problem(1, "opening `---` is never closed".into())]);
    };
    let yaml = &text[yaml_start..yaml_end];
    let first_yaml_line = 1 + text[..yaml_start].matches('\n').count();
    let raw: RawMeta = if yaml.trim().is_empty() {
        RawMeta::default()
    } else {
        match serde_norway::from_str::<RawMeta>(yaml) {
            Ok(r) => r,
            Err(e) => {
                let line = e.location().map(|l| first_yaml_line + l.line() - 1).unwrap_or(first_yaml_line);
                return (Meta::default(), body_start, vec![problem(line, format!("invalid YAML: {e}"))]);
            }
        }
    };
    let mut problems = Vec::new();
    let published = match scalar(raw.published) {
        None => None,
        Some(value) => {
            let line = yaml
                .lines()
                .position(|l| l.trim_start().starts_with("published"))
                .map(|i| first_yaml_line + i)
                .unwrap_or(first_yaml_line);
            let (date, warning) = published_date(path, line, "published", &value);
            problems.extend(warning);
            date
        }
    };
    let meta = Meta {
        title: scalar(raw.title),
        outlet: scalar(raw.outlet),
        published,
        lang: scalar(raw.lang),
        url: scalar(raw.url),
    };
    (meta, body_start, problems)
}

/// A publication date as read, and whether its day/month order was guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: NaiveDate,
    /// `a/b/YYYY` is read day first; only when that is no date but month
    /// first is, the order was guessed.
    pub order_guessed: bool,
}

/// Reads a publication date in the shapes outlets and crawlers write:
/// `YYYY-MM-DD`, `YYYY/MM/DD`, `DD/MM/YYYY`, `DD-MM-YYYY`, RFC 3339
/// (`2015-07-22T10:00:00+03:00`: the date where it was published), or
/// any of these followed by a time (`T10:00`, ` 10:00:00`, `.000Z`, …).
pub fn read_published(value: &str) -> Option<Published> {
    let value = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(Published { date: t.date_naive(), order_guessed: false });
    }
    let (date, time) = match value.find(['T', ' ']) {
        Some(i) => (&value[..i], Some(value[i + 1..].trim_start())),
        None => (value, None),
    };
    // What follows a date must be a time: `2024-06-0812` is no date.
    if let Some(time) = time {
        let b = time.as_bytes();
        let hh_mm = b.len() >= 4 && b[0].is_ascii_digit() && (b[1] == b':' || (b[1].is_ascii_digit() && b[2] == b':'));
        if !hh_mm {
            return None;
        }
    }
    let sep = if date.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    if let (Some(y), Some(m), Some(d)) = (number(a, 4..=4), number(b, 1..=2), number(c, 1..=2)) {
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        return Some(Published { date, order_guessed: false });
    }
    let (d, m, y) = (number(a, 1..=2)?, number(b, 1..=2)?, number(c, 4..=4)?);
    match NaiveDate::from_ymd_opt(y as i32, m, d) {
        Some(date) => Some(Published { date, order_guessed: false }),
        None => NaiveDate::from_ymd_opt(y as i32, d, m).map(|date| Published { date, order_guessed: true }),
    }
}

/// [`read_published`], for callers that do not warn.
pub fn parse_published(value: &str) -> Option<NaiveDate> {
    read_published(value).map(|p| p.date)
}

/// The date a `published` value gives the metadata, with a warning when it
/// cannot be read (relative dates then stay unresolved) or its day/month
/// order was guessed: front matter and feeds alike.
fn published_date(path: &Path, line: usize, field: &str, value: &str) -> (Option<NaiveDate>, Option<InputError>) {
    let read = read_published(value);
    let warning = match read {
        Some(Published { order_guessed: false, .. }) => None,
        _ => Some(InputError {
            path: path.to_path_buf(),
            kind: InputErrorKind::Published {
                line,
                field: field.to_string(),
                value: value.to_string(),
                guessed: read.map(|p| p.date),
            },
        }),
    };
    (read.map(|p| p.date), warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Meta, usize, Vec<InputError>) {
        parse_front_matter(Path::new("a.md"), text)
    }

    #[test]
    fn reads_front_matter_and_keeps_body_offset() {
        let text = "---\ntitle: عنوان\noutlet: وكالة\npublished: 2024-04-21\nlang: ar\n---\nنص الخبر";
        let (meta, start, problems) = parse(text);
        assert!(problems.is_empty());
        assert_eq!(meta.outlet.as_deref(), Some("وكالة"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2024, 4, 21));
        assert_eq!(&text[start..], "نص الخبر");
    }

    #[test]
    fn no_front_matter_means_body_from_zero() {
        let (meta, start, problems) = parse("نص بلا رأس\n---\n");
        assert_eq!((meta, start, problems.len()), (Meta::default(), 0, 0));
    }

    #[test]
    fn bad_date_is_a_warning_with_its_line() {
        let (meta, _, problems) = parse("---\noutlet: x\npublished: last Tuesday\n---\nنص");
        assert_eq!(meta.published, None);
        assert_eq!(meta.outlet.as_deref(), Some("x"));
        assert!(matches!(problems[0].kind, InputErrorKind::Published { line: 3, .. }), "{:?}", problems);
        assert!(problems[0].to_string().contains("a.md:3: `published: last Tuesday` is not a date"), "{}", problems[0]);
    }

    #[test]
    fn bad_yaml_and_unclosed_front_matter_are_reported() {
        let (_, _, p) = parse("---\ntitle: [unclosed\n---\nنص");
        assert_eq!(p.len(), 1);
        let (_, start, p) = parse("---\ntitle: x\nنص بلا نهاية");
        assert_eq!((start, p.len()), (0, 1));
    }

    #[test]
    fn feed_records_in_both_vocabularies_and_bad_lines_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feed.jsonl");
        std::fs::write(
            &p,
            concat!(
                "{\"title\": \"أ\", \"maintext\": \"نص أول\", \"date_publish\": \"2024-04-21 10:00:00\", \"source_domain\": \"example.com\", \"language\": \"ar\"}\n",
                "{not json\n",
                "\n",
                "{\"text\": \"نص ثان\", \"published\": \"2024-04-22\", \"outlet\": \"وكالة\"}\n",
                "{\"title\": \"no text\"}\n",
            ),
        )
        .unwrap();
        let mut n = 0;
        let (srcs, errs) = read_sources(&p, &mut n);
        assert_eq!(srcs.len(), 2);
        assert_eq!(srcs[0].meta.published, NaiveDate::from_ymd_opt(2024, 4, 21));
        assert_eq!(srcs[0].meta.outlet.as_deref(), Some("example.com"));
        assert_eq!(srcs[1].record, Some(4));
        assert_eq!(srcs[1].name(), format!("{}:4", p.display()));
        assert_eq!(errs.len(), 2);
        assert!(matches!(errs[0].kind, InputErrorKind::Record { line: 2, .. }));
        assert!(matches!(errs[1].kind, InputErrorKind::Record { line: 5, .. }));
    }

    #[test]
    fn published_in_the_shapes_outlets_and_crawlers_write() {
        let day = |y, m, d| Some(Published { date: NaiveDate::from_ymd_opt(y, m, d).unwrap(), order_guessed: false });
        for value in [
            "2015-07-22",
            "2015-07-22T10:00:00Z",
            "2015-07-22 10:00:00",
            "2015/07/22",
            "22/07/2015",
            "22-07-2015",
            "22/7/2015",
            "2015-07-22T10:00:00.000Z",
            "2015-07-22T10:00:00+0300",
            " 2015-07-22 ",
        ] {
            assert_eq!(read_published(value), day(2015, 7, 22), "{value}");
        }
        // RFC 3339 gives the date where it was published, not in UTC.
        assert_eq!(read_published("2015-07-22T01:30:00+03:00"), day(2015, 7, 22));
        assert_eq!(read_published("2015-07-21T23:30:00-02:00"), day(2015, 7, 21));
        // Day first; month first only when day first is no date.
        assert_eq!(read_published("03/04/2015"), day(2015, 4, 3));
        let guessed = read_published("07/22/2015").unwrap();
        assert_eq!((guessed.date, guessed.order_guessed), (NaiveDate::from_ymd_opt(2015, 7, 22).unwrap(), true));
        for value in
            ["22/22/2015", "2015-13-08", "2015-06-0812", "last Tuesday", "2015-07", "22/07/15", "", "١٥/٠٧/٢٠١٥"]
        {
            assert_eq!(read_published(value), None, "{value}");
        }
    }

    #[test]
    fn a_feed_warns_of_a_published_it_cannot_read_or_had_to_guess() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feed.jsonl");
        let lines = [r#"{"text": "نص", "date_publish": "yesterday"}"#, r#"{"text": "نص", "published": "07/22/2015"}"#];
        std::fs::write(&p, lines.join("\n")).unwrap();
        let (srcs, _) = read_sources(&p, &mut 0);
        assert_eq!(srcs[0].meta.published, None);
        assert_eq!(srcs[1].meta.published, NaiveDate::from_ymd_opt(2015, 7, 22));
        let w0 = srcs[0].warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(w0.len() == 1 && w0[0].contains("feed.jsonl:1: `date_publish: yesterday` is not a date"), "{w0:?}");
        let w1 = srcs[1].warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(
            w1.len() == 1 && w1[0].contains("feed.jsonl:2: `published: 07/22/2015` is read as 2015-07-22"),
            "{w1:?}"
        );
        assert!(w1[0].contains("guessed"), "{w1:?}");
    }

    #[test]
    fn published_accepts_datetimes() {
        assert_eq!(parse_published("2024-06-08T10:00:00Z"), NaiveDate::from_ymd_opt(2024, 6, 8));
        assert_eq!(parse_published("2024-13-08"), None);
        assert_eq!(parse_published("2024-06-0812"), None);
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    fn feed_of(n: usize) -> String {
        (1..=n).map(|i| format!("{{\"text\": \"نص رقم {i}\", \"published\": \"2015-07-22\"}}\n")).collect()
    }

    #[test]
    fn gzipped_feed_reads_like_the_plain_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("day.jsonl.gz");
        std::fs::write(&p, gzip(feed_of(3).as_bytes())).unwrap();
        let (srcs, errs) = read_sources(&p, &mut 0);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            srcs.iter().map(|s| (s.id.as_str(), s.record, s.text.as_str())).collect::<Vec<_>>(),
            [("s1", Some(1), "نص رقم 1"), ("s2", Some(2), "نص رقم 2"), ("s3", Some(3), "نص رقم 3")]
        );
    }

    #[test]
    fn truncated_gzip_keeps_whole_lines_before_the_damage() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("day.jsonl.gz");
        let whole = gzip(feed_of(400).as_bytes());
        std::fs::write(&p, &whole[..whole.len() / 2]).unwrap();
        let (srcs, errs) = read_sources(&p, &mut 0);
        assert!(!srcs.is_empty() && srcs.len() < 400, "{}", srcs.len());
        assert_eq!(errs.len(), 1, "{errs:?}");
        let InputErrorKind::DamagedGzip { line, .. } = &errs[0].kind else { panic!("{errs:?}") };
        assert_eq!(*line, srcs.len() + 1, "the line reached is the first not read");
        assert!(!errs[0].is_fatal());
        assert!(errs[0].to_string().contains("day.jsonl.gz:"), "{}", errs[0]);
        // Every kept record is whole: the cut line is not read as a shorter article.
        assert!(srcs.iter().enumerate().all(|(i, s)| s.text == format!("نص رقم {}", i + 1)));
    }

    #[test]
    fn a_gz_that_is_not_gzip_cannot_be_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("day.jsonl.gz");
        std::fs::write(&p, feed_of(2)).unwrap();
        let (srcs, errs) = read_sources(&p, &mut 0);
        assert!(srcs.is_empty());
        assert!(errs.len() == 1 && errs[0].is_fatal(), "{errs:?}");
        assert!(errs[0].to_string().contains("gzip"), "{}", errs[0]);
    }

    #[test]
    fn folders_pick_up_gzipped_feeds() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.jsonl.gz", "b.jsonl", "c.gz", "d.md"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let (paths, _) = collect_paths(&[dir.path().to_path_buf()], &Walk::default());
        let names: Vec<_> = paths.iter().filter_map(|p| p.file_name()?.to_str()).collect();
        assert_eq!(names, ["a.jsonl.gz", "b.jsonl", "d.md"]);
    }

    #[test]
    fn many_unusable_records_are_one_error_with_a_count_and_a_few_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feed.jsonl");
        let mut lines: Vec<String> = (0..40).map(|i| format!("{{broken {i}")).collect();
        lines.insert(2, "{\"text\": \"نص سليم\"}".into());
        std::fs::write(&p, lines.join("\n")).unwrap();
        let (srcs, errs) = read_sources(&p, &mut 0);
        assert_eq!(srcs.len(), 1);
        assert_eq!(errs.len(), 1, "{errs:?}");
        let InputErrorKind::Records { count, lines, first_error } = &errs[0].kind else { panic!("{errs:?}") };
        assert_eq!((*count, lines.as_slice()), (40, &[1, 2, 4, 5, 6][..]));
        assert!(first_error.starts_with("invalid JSON"), "{first_error}");
        let message = errs[0].to_string();
        assert!(
            message.contains("40 records could not be read (lines 1, 2, 4, 5, 6, …): first error: invalid JSON"),
            "{message}"
        );
    }

    #[test]
    fn blank_text_is_skipped_and_counted_but_a_missing_text_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feed.jsonl");
        let lines = [
            r#"{"text": " ", "title": "crawl failed"}"#,
            r#"{"text": "نص"}"#,
            r#"{"text": "", "maintext": "\u00a0\n"}"#,
            r#"{"title": "no text field"}"#,
            r#"{"text": "", "maintext": "نص آخر"}"#,
        ];
        std::fs::write(&p, lines.join("\n")).unwrap();
        let (srcs, errs) = read_sources(&p, &mut 0);
        assert_eq!(
            srcs.iter().map(|s| (s.id.as_str(), s.text.as_str())).collect::<Vec<_>>(),
            [("s1", "نص"), ("s2", "نص آخر")]
        );
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(matches!(errs[0].kind, InputErrorKind::Record { line: 4, .. }), "{errs:?}");
        assert_eq!(errs[1].kind, InputErrorKind::SkippedRecords { count: 2, lines: vec![1, 3] });
        assert!(!errs[1].is_fatal());
        assert!(errs[1].to_string().contains("2 record(s) with empty text skipped (lines 1, 3)"), "{}", errs[1]);
    }
}
