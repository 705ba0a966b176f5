//! Archive: articles extracted once, kept in SQLite.
//!
//! Owns the archive's storage: each article's text, metadata, claims and
//! story profile, keyed by what names the article (its URL, else its
//! canonical path and record) with a hash of its text, so that an
//! unchanged article is never extracted again and a changed one replaces
//! its claims; the hash of the rules and version it was extracted with;
//! and the story index of the whole archive in rows (each story with its
//! centroid, each term's postings and frequency) with each article's
//! place in it, so that a check reads only the rows its drafts' words
//! name and the stories they fall in. It does
//! not extract, group or check: the caller (`Engine` in `lib.rs`) does,
//! and hands this module what to keep.
//!
//! SQLite (through `rusqlite`, bundled) gives what a file format of our own
//! would have to earn: a write is one transaction (a crash during `add`
//! leaves the archive as it was), readers go on while one writer adds a
//! day (write-ahead log), and one file holds it all.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

use crate::extract::{Claim, DocProfile};
use crate::sources::Meta;
use crate::stories::{self, StoryIndex};
use crate::text::lexicon::KeyMap;

/// The database inside an archive folder.
pub const FILE_NAME: &str = "claimcheck.sqlite";

/// Bumped when what is stored changes shape: an archive of another
/// version is extracted again, never misread.
const FORMAT: &str = "claimcheck-archive-2";

/// What SQLite writes at the start of every database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// Why an archive cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ArchiveError {
    #[error("{}: no claimcheck archive here", path.display())]
    #[diagnostic(code(claimcheck::archive::missing), help("create one with `claimcheck archive add PATH... --archive {}`", path.display()))]
    Missing { path: PathBuf },
    #[error("{}: {source}", path.display())]
    #[diagnostic(code(claimcheck::archive::sqlite))]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{}: {why}", path.display())]
    #[diagnostic(code(claimcheck::archive::io))]
    Io { path: PathBuf, why: String },
    #[error("{}: extracted with other rules or another claimcheck version", path.display())]
    #[diagnostic(
        code(claimcheck::archive::stale),
        help("extract it again with `claimcheck archive add --archive {}` (its articles are in it; no path is needed)", path.display())
    )]
    Stale { path: PathBuf },
    #[error("{}: a stored article cannot be read ({why})", path.display())]
    #[diagnostic(code(claimcheck::archive::corrupt))]
    Corrupt { path: PathBuf, why: String },
}

/// One article as the archive keeps it.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// What names the article across runs (its URL, else its canonical
    /// path and record): the key an article is replaced by.
    pub key: String,
    /// What a run names it by (stories take their ids from it).
    pub identity: String,
    /// The path as it was given when the article was added.
    pub path: PathBuf,
    /// For a record of a feed, its line.
    pub record: Option<usize>,
    /// The file's text (decoded), or the record's.
    pub text: String,
    pub meta: Meta,
    pub claims: Vec<Claim>,
    pub profile: DocProfile,
}

/// An article's place in the archive's grouping order, with what the
/// stories stage needs of it.
#[derive(Debug, Clone)]
pub struct Profiled {
    pub key: String,
    pub identity: String,
    pub meta: Meta,
    pub profile: DocProfile,
}

/// Sizes, for `claimcheck archive info` and benchmarks.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Info {
    pub articles: usize,
    pub claims: usize,
    pub stories: usize,
    pub bytes: u64,
    pub rules_hash: Option<String>,
}

/// What [`Archive::index_for`] read, kept for the next call: an editor
/// places its drafts again on every change. Kept while the archive's
/// generation is the same; an add makes it read again.
#[derive(Debug, Default)]
pub struct IndexCache {
    /// The archive's generation the rest was read at.
    generation: Option<u64>,
    docs: Option<usize>,
    df: KeyMap<usize>,
    postings: KeyMap<Vec<stories::Posted>>,
    stories: HashMap<usize, stories::IndexedStory>,
}

/// An open archive.
pub struct Archive {
    conn: Connection,
    /// The database file.
    path: PathBuf,
}

impl Archive {
    /// Whether `path` is an archive: a folder holding [`FILE_NAME`], or a
    /// SQLite file.
    pub fn is_archive(path: &Path) -> bool {
        if path.is_dir() {
            return path.join(FILE_NAME).is_file();
        }
        let mut head = [0u8; 16];
        std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == SQLITE_HEADER
    }

    fn db_path(path: &Path) -> PathBuf {
        if path.is_dir() || !path.exists() && path.extension().is_none() {
            path.join(FILE_NAME)
        } else {
            path.to_path_buf()
        }
    }

    /// Opens the archive at `path` (a folder or its database), creating it
    /// when it does not exist.
    pub fn create(path: &Path) -> Result<Archive, ArchiveError> {
        let db = Archive::db_path(path);
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| ArchiveError::Io { path: dir.to_path_buf(), why: e.to_string() })?;
        }
        let conn = Connection::open(&db).map_err(|source| ArchiveError::Sqlite { path: db.clone(), source })?;
        let archive = Archive { conn, path: db };
        archive.prepare()?;
        Ok(archive)
    }

    /// Opens an existing archive.
    pub fn open(path: &Path) -> Result<Archive, ArchiveError> {
        if !Archive::is_archive(path) {
            return Err(ArchiveError::Missing { path: path.to_path_buf() });
        }
        let db = Archive::db_path(path);
        let conn = Connection::open_with_flags(
            &db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| ArchiveError::Sqlite { path: db.clone(), source })?;
        let archive = Archive { conn, path: db };
        archive.prepare()?;
        Ok(archive)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What a user names the archive by: its folder, or the database file
    /// when it was named as a file of another name.
    fn folder(&self) -> PathBuf {
        match (self.path.file_name(), self.path.parent()) {
            (Some(name), Some(dir)) if name == FILE_NAME && !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => self.path.clone(),
        }
    }

    fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T, ArchiveError> {
        r.map_err(|source| ArchiveError::Sqlite { path: self.path.clone(), source })
    }

    /// The one blob column `stmt` selects for `key`, if there is a row.
    fn blob_at(&self, stmt: &mut rusqlite::CachedStatement<'_>, key: i64) -> Result<Option<Vec<u8>>, ArchiveError> {
        self.sql(stmt.query_row(params![key], |r| r.get::<_, Vec<u8>>(0)).optional())
    }

    fn prepare(&self) -> Result<(), ArchiveError> {
        // A reader never waits for a writer (write-ahead log); a second
        // writer waits for the first instead of failing at once.
        self.sql(self.conn.busy_timeout(std::time::Duration::from_secs(60)))?;
        self.sql(self.conn.pragma_update(None, "journal_mode", "WAL"))?;
        self.sql(self.conn.pragma_update(None, "synchronous", "NORMAL"))?;
        self.sql(self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS articles (
                 key TEXT PRIMARY KEY,
                 identity TEXT NOT NULL,
                 path TEXT NOT NULL,
                 record INTEGER,
                 hash BLOB NOT NULL,
                 published TEXT,
                 meta BLOB NOT NULL,
                 text BLOB NOT NULL,
                 claims BLOB NOT NULL,
                 claim_count INTEGER NOT NULL,
                 profile BLOB NOT NULL,
                 position INTEGER
             );
             CREATE INDEX IF NOT EXISTS articles_position ON articles(position);
             CREATE TABLE IF NOT EXISTS stories (idx INTEGER PRIMARY KEY, story BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS postings (term INTEGER PRIMARY KEY, stories BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS df (term INTEGER PRIMARY KEY, count INTEGER NOT NULL);",
        ))
    }

    /// The hash of the rules and version the archive's claims were
    /// extracted with.
    pub fn rules_hash(&self) -> Result<Option<String>, ArchiveError> {
        let r =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'rules'", [], |r| r.get::<_, String>(0)).optional();
        self.sql(r)
    }

    /// Fails with [`ArchiveError::Stale`] unless the archive was extracted
    /// with `rules_hash`.
    pub fn check_rules(&self, rules_hash: &str) -> Result<(), ArchiveError> {
        match self.rules_hash()? {
            Some(h) if h == rules_hash => Ok(()),
            None if self.info()?.articles == 0 => Ok(()),
            _ => Err(ArchiveError::Stale { path: self.folder() }),
        }
    }

    /// Each stored article's key and text hash.
    pub fn hashes(&self) -> Result<HashMap<String, Vec<u8>>, ArchiveError> {
        let mut stmt = self.sql(self.conn.prepare("SELECT key, hash FROM articles"))?;
        let rows = self.sql(stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))))?;
        rows.map(|r| self.sql(r)).collect()
    }

    /// Starts the one transaction an `add` writes in: nothing it does is
    /// seen by readers, or kept after a crash, until [`Writer::commit`].
    pub fn writer(&mut self) -> Result<Writer<'_>, ArchiveError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|source| ArchiveError::Sqlite { path: path.clone(), source })?;
        Ok(Writer { tx, path })
    }

    /// Sizes of the archive.
    pub fn info(&self) -> Result<Info, ArchiveError> {
        let (articles, claims) =
            self.sql(self.conn.query_row("SELECT COUNT(*), COALESCE(SUM(claim_count), 0) FROM articles", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            }))?;
        let stories =
            self.sql(self.conn.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get::<_, i64>(0)))? as usize;
        let bytes = [self.path.clone(), wal_path(&self.path)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        Ok(Info {
            articles: articles as usize,
            claims: claims as usize,
            stories,
            bytes,
            rules_hash: self.rules_hash()?,
        })
    }

    /// Which add the archive's story index and positions are from.
    pub fn generation(&self) -> Result<u64, ArchiveError> {
        let g = self.sql(
            self.conn
                .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get::<_, String>(0))
                .optional(),
        )?;
        Ok(g.and_then(|g| g.parse().ok()).unwrap_or(0))
    }

    /// Runs `read` on one snapshot of the archive: an add that commits
    /// meanwhile is not seen half, between reading the index and reading
    /// the articles it names.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Archive) -> Result<T, ArchiveError>) -> Result<T, ArchiveError> {
        self.sql(self.conn.execute_batch("BEGIN DEFERRED"))?;
        let out = read(self);
        // A read transaction: ending it cannot lose anything.
        let _ = self.conn.execute_batch("COMMIT");
        out
    }

    /// How many articles the story index was built from.
    fn indexed_docs(&self) -> Result<usize, ArchiveError> {
        let docs = self.sql(
            self.conn.query_row("SELECT value FROM meta WHERE key = 'docs'", [], |r| r.get::<_, String>(0)).optional(),
        )?;
        Ok(docs.and_then(|d| d.parse().ok()).unwrap_or(0))
    }

    /// The part of the archive's story index that decides which stories
    /// `drafts` fall in: their terms' frequencies, their heaviest terms'
    /// postings and the stories those name. What it reads grows with the
    /// drafts, not with the archive. `seen` keeps what was read before (an
    /// editor asks again on every change).
    pub fn index_for(
        &self,
        rules: &stories::Rules,
        drafts: &[stories::Article<'_>],
        seen: &mut IndexCache,
    ) -> Result<StoryIndex, ArchiveError> {
        let generation = self.generation()?;
        if seen.generation != Some(generation) {
            *seen = IndexCache { generation: Some(generation), ..IndexCache::default() };
        }
        let docs = match seen.docs {
            Some(d) => d,
            None => *seen.docs.insert(self.indexed_docs()?),
        };
        let mut read_df = self.sql(self.conn.prepare_cached("SELECT count FROM df WHERE term = ?1"))?;
        let mut df: KeyMap<usize> = KeyMap::default();
        for term in stories::terms_of(drafts) {
            let n = match seen.df.get(&term) {
                Some(&n) => n,
                None => {
                    let n = self.sql(read_df.query_row(params![term as i64], |r| r.get::<_, i64>(0)).optional())?;
                    // A term the archive never saw is kept as 0: asked once.
                    *seen.df.entry(term).or_insert(n.unwrap_or(0) as usize)
                }
            };
            if n > 0 {
                df.insert(term, n);
            }
        }
        let heavy = stories::heaviest_terms(rules, drafts, &df, docs);
        let mut read_postings = self.sql(self.conn.prepare_cached("SELECT stories FROM postings WHERE term = ?1"))?;
        let mut postings: KeyMap<Vec<stories::Posted>> = KeyMap::default();
        for term in heavy {
            let list = match seen.postings.entry(term) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let blob = self.blob_at(&mut read_postings, term as i64)?;
                    e.insert(match blob {
                        Some(b) => decode(&self.path, &b)?,
                        None => Vec::new(),
                    })
                }
            };
            if !list.is_empty() {
                postings.insert(term, list.clone());
            }
        }
        // Only the stories the drafts are scored against are read.
        let wanted = stories::candidates_of(rules, drafts, &df, docs, &postings);
        let mut read_story = self.sql(self.conn.prepare_cached("SELECT story FROM stories WHERE idx = ?1"))?;
        let mut found = Vec::with_capacity(wanted.len());
        for s in wanted {
            let story = match seen.stories.entry(s) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let blob = self.blob_at(&mut read_story, s as i64)?;
                    // A story the postings name but the rows lack: an
                    // archive written by another version; skipped.
                    let Some(blob) = blob else { continue };
                    e.insert(decode::<stories::IndexedStory>(&self.path, &blob)?)
                }
            };
            found.push((s, story.clone()));
        }
        Ok(StoryIndex::from_parts(docs, found, postings, df))
    }

    /// Every story of the index, by index.
    pub fn stories(&self) -> Result<Vec<stories::IndexedStory>, ArchiveError> {
        let mut stmt = self.sql(self.conn.prepare("SELECT story FROM stories ORDER BY idx"))?;
        let rows = self.sql(stmt.query_map([], |r| r.get::<_, Vec<u8>>(0)))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(decode(&self.path, &self.sql(row)?)?);
        }
        Ok(out)
    }

    /// The articles at `positions` of the grouping order, in that order.
    pub fn load(&self, positions: &[usize]) -> Result<Vec<StoredArticle>, ArchiveError> {
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT key, identity, path, record, meta, text, claims, profile FROM articles WHERE position = ?1",
        ))?;
        let mut out = Vec::with_capacity(positions.len());
        for &p in positions {
            let row = self.sql(
                stmt.query_row(params![p as i64], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Vec<u8>>(4)?,
                        r.get::<_, Vec<u8>>(5)?,
                        r.get::<_, Vec<u8>>(6)?,
                        r.get::<_, Vec<u8>>(7)?,
                    ))
                })
                .optional(),
            )?;
            let Some((key, identity, path, record, meta, text, claims, profile)) = row else {
                return Err(ArchiveError::Corrupt {
                    path: self.path.clone(),
                    why: format!("the story index names article {p}, which is not stored"),
                });
            };
            out.push(StoredArticle {
                key,
                identity,
                path: PathBuf::from(path),
                record: record.map(|r| r as usize),
                text: String::from_utf8(inflate(&self.path, &text)?)
                    .map_err(|e| ArchiveError::Corrupt { path: self.path.clone(), why: e.to_string() })?,
                meta: decode(&self.path, &meta)?,
                claims: decode(&self.path, &claims)?,
                profile: decode(&self.path, &profile)?,
            });
        }
        Ok(out)
    }

    /// Every stored article's text and where it came from, for extracting
    /// them again under new rules.
    pub fn texts(&self) -> Result<Vec<StoredText>, ArchiveError> {
        let mut stmt =
            self.sql(self.conn.prepare("SELECT key, path, record, text, meta FROM articles ORDER BY key"))?;
        let rows = self.sql(stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
            ))
        }))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, path, record, text, meta) = self.sql(row)?;
            let text = String::from_utf8(inflate(&self.path, &text)?)
                .map_err(|e| ArchiveError::Corrupt { path: self.path.clone(), why: e.to_string() })?;
            out.push(StoredText {
                key,
                path: PathBuf::from(path),
                record: record.map(|r| r as usize),
                text,
                meta: decode(&self.path, &meta)?,
            });
        }
        Ok(out)
    }
}

/// A stored article's text and where it came from.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub key: String,
    pub path: PathBuf,
    pub record: Option<usize>,
    pub text: String,
    pub meta: Meta,
}

/// A stored article's text as a source again: a feed record with the
/// metadata it was stored with, a file by its front matter.
pub fn stored_source(path: &Path, record: Option<usize>, text: String, meta: Meta) -> crate::sources::Source {
    match record {
        Some(line) => crate::sources::Source::from_record("", path, line, text, meta),
        None => crate::sources::Source::from_text("", path, text).0,
    }
}

/// The write-ahead log beside a database.
fn wal_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// One `add`'s writes, in one transaction.
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    path: PathBuf,
}

impl Writer<'_> {
    fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T, ArchiveError> {
        r.map_err(|source| ArchiveError::Sqlite { path: self.path.clone(), source })
    }

    /// Stores an article, replacing what was stored under its key.
    pub fn put(&self, a: &StoredArticle, hash: &[u8]) -> Result<(), ArchiveError> {
        let mut stmt = self.sql(self.tx.prepare_cached(
            "INSERT OR REPLACE INTO articles
                 (key, identity, path, record, hash, published, meta, text, claims, claim_count, profile, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL)",
        ))?;
        let published = a.meta.published.map(|d| d.to_string());
        self.sql(stmt.execute(params![
            a.key,
            a.identity,
            a.path.to_string_lossy(),
            a.record.map(|r| r as i64),
            hash,
            published,
            encode(&self.path, &a.meta)?,
            deflate(&self.path, a.text.as_bytes())?,
            encode(&self.path, &a.claims)?,
            a.claims.len() as i64,
            encode(&self.path, &a.profile)?,
        ]))?;
        Ok(())
    }

    /// Records the rules and version the archive is extracted with.
    pub fn set_rules_hash(&self, hash: &str) -> Result<(), ArchiveError> {
        self.sql(self.tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('rules', ?1)", params![hash]))?;
        Ok(())
    }

    /// Every stored article with its profile, in the grouping order
    /// (path, then record): the order a folder of them is read in.
    pub fn profiles(&self) -> Result<Vec<Profiled>, ArchiveError> {
        let mut stmt =
            self.sql(self.tx.prepare("SELECT key, identity, meta, profile FROM articles ORDER BY path, record, key"))?;
        let rows = self.sql(stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, Vec<u8>>(3)?))
        }))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, identity, meta, profile) = self.sql(row)?;
            out.push(Profiled {
                key,
                identity,
                meta: decode(&self.path, &meta)?,
                profile: decode(&self.path, &profile)?,
            });
        }
        Ok(out)
    }

    /// Stores the story index of every article, `order[i]` being the key
    /// of the article at position `i`.
    pub fn set_story_index(&self, index: &StoryIndex, order: &[String]) -> Result<(), ArchiveError> {
        self.sql(self.tx.execute("UPDATE articles SET position = NULL", []))?;
        let mut stmt = self.sql(self.tx.prepare_cached("UPDATE articles SET position = ?1 WHERE key = ?2"))?;
        for (i, key) in order.iter().enumerate() {
            self.sql(stmt.execute(params![i as i64, key]))?;
        }
        self.sql(self.tx.execute_batch("DELETE FROM stories; DELETE FROM postings; DELETE FROM df;"))?;
        let parts = index.parts();
        let mut put_story = self.sql(self.tx.prepare_cached("INSERT INTO stories (idx, story) VALUES (?1, ?2)"))?;
        for (i, s) in parts.stories.iter().enumerate() {
            self.sql(put_story.execute(params![i as i64, encode(&self.path, s)?]))?;
        }
        let mut put_postings =
            self.sql(self.tx.prepare_cached("INSERT INTO postings (term, stories) VALUES (?1, ?2)"))?;
        for (term, list) in &parts.postings {
            self.sql(put_postings.execute(params![*term as i64, encode(&self.path, list)?]))?;
        }
        let mut put_df = self.sql(self.tx.prepare_cached("INSERT INTO df (term, count) VALUES (?1, ?2)"))?;
        for (term, n) in parts.df {
            self.sql(put_df.execute(params![*term as i64, *n as i64]))?;
        }
        self.sql(
            self.tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('docs', ?1)",
                params![parts.docs.to_string()],
            ),
        )?;
        // Positions and story numbers change with every add: a reader that
        // kept some tells by the generation that they are stale.
        self.sql(self.tx.execute(
            "INSERT OR REPLACE INTO meta (key, value)
             VALUES ('generation', CAST(COALESCE((SELECT value FROM meta WHERE key = 'generation'), 0) + 1 AS TEXT))",
            [],
        ))?;
        Ok(())
    }

    /// Makes every write of this `add` visible at once.
    pub fn commit(self) -> Result<(), ArchiveError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|source| ArchiveError::Sqlite { path, source })
    }
}

/// A hash of an article's text, to tell a changed article from an
/// unchanged one.
pub fn text_hash(text: &str) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes()).to_vec()
}

/// A hash of the rule files' names and texts and of this version: claims
/// extracted under another are extracted again.
pub fn rules_hash(files: &[(String, String)]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(FORMAT.as_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in files {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn encode<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<Vec<u8>, ArchiveError> {
    let bytes = postcard::to_stdvec(value)
        .map_err(|e| ArchiveError::Corrupt { path: path.to_path_buf(), why: e.to_string() })?;
    deflate(path, &bytes)
}

fn decode<T: DeserializeOwned>(path: &Path, blob: &[u8]) -> Result<T, ArchiveError> {
    let bytes = inflate(path, blob)?;
    postcard::from_bytes(&bytes).map_err(|e| ArchiveError::Corrupt { path: path.to_path_buf(), why: e.to_string() })
}

fn deflate(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, ArchiveError> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(bytes)
        .and_then(|_| z.finish())
        .map_err(|e| ArchiveError::Io { path: path.to_path_buf(), why: e.to_string() })
}

fn inflate(path: &Path, blob: &[u8]) -> Result<Vec<u8>, ArchiveError> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(blob)
        .read_to_end(&mut out)
        .map_err(|e| ArchiveError::Corrupt { path: path.to_path_buf(), why: e.to_string() })?;
    Ok(out)
}
