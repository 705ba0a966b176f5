//! Claims datasets: an archive's sources, claims and stories as Parquet.
//!
//! Owns the dataset's layout and its reading and writing: three tables,
//! `sources/` and `claims/` partitioned by publication month
//! (`month=2015-07/part-0.parquet`, the Hive layout that Spark, DuckDB,
//! DataFusion and Polars read), and `stories/`. Columns a query engine
//! can filter and group on (outlet, dates, kind, subject, value bounds,
//! story) sit beside one binary column that holds each record exactly
//! (postcard), so that `check --claims` gives the findings of checking the
//! texts without the texts: a source keeps the excerpts its claims quote.
//! It does not extract, group or check.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::parser::parse_message_type;

use crate::extract::{Claim, ClaimValue};
use crate::sources::{Excerpt, Meta};
use crate::stories::Story;

/// Why a dataset cannot be written or read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DatasetError {
    #[error("{}: {why}", path.display())]
    #[diagnostic(code(claimcheck::dataset))]
    At { path: PathBuf, why: String },
}

fn at(path: &Path, why: impl ToString) -> DatasetError {
    DatasetError::At { path: path.to_path_buf(), why: why.to_string() }
}

/// One source as a dataset keeps it.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// Its place in the archive's order: the source's index in a check.
    pub position: usize,
    pub key: String,
    pub identity: String,
    pub path: PathBuf,
    pub record: Option<usize>,
    pub meta: Meta,
    /// Its story (index into the stories table) and origin (a position).
    pub story: usize,
    pub story_id: String,
    pub origin: usize,
    pub locatives: Vec<u64>,
    /// The length of the whole text, and the pieces of it claims quote.
    pub len: usize,
    pub excerpts: Vec<Excerpt>,
}

/// A dataset read back.
#[derive(Debug, Default)]
pub struct Dataset {
    /// In position order.
    pub sources: Vec<SourceRow>,
    /// Each claim with its source's position, in the order written.
    pub claims: Vec<(usize, Claim)>,
    /// By index.
    pub stories: Vec<Story>,
}

const SOURCES: &str = "message source {
    required int64 position;
    required binary key (UTF8);
    required binary identity (UTF8);
    required binary path (UTF8);
    optional int64 record;
    optional binary outlet (UTF8);
    optional binary title (UTF8);
    optional binary published (UTF8);
    optional binary url (UTF8);
    optional binary lang (UTF8);
    required int64 story;
    required binary story_id (UTF8);
    required int64 origin;
    required int64 length;
    required binary excerpts;
    required binary locatives;
}";

const CLAIMS: &str = "message claim {
    required int64 position;
    required binary story_id (UTF8);
    optional binary published (UTF8);
    required binary kind (UTF8);
    required binary subject (UTF8);
    required binary label (UTF8);
    required binary normalized (UTF8);
    optional double lo;
    optional double hi;
    optional binary unit (UTF8);
    optional binary date_start (UTF8);
    optional binary date_end (UTF8);
    required int64 span_start;
    required int64 span_end;
    required binary claim;
}";

const STORIES: &str = "message story {
    required int64 idx;
    required binary id (UTF8);
    required binary label (UTF8);
    required binary terms (UTF8);
}";

/// A column of one row group, in schema order.
enum Column {
    Int(Vec<Option<i64>>),
    Double(Vec<Option<f64>>),
    Bytes(Vec<Option<Vec<u8>>>),
}

fn text(s: &str) -> Option<Vec<u8>> {
    Some(s.as_bytes().to_vec())
}

fn opt_text(s: Option<&str>) -> Option<Vec<u8>> {
    s.map(|x| x.as_bytes().to_vec())
}

/// A Parquet file being written, a row group per batch.
struct Table {
    path: PathBuf,
    writer: SerializedFileWriter<File>,
    rows: usize,
}

impl Table {
    fn create(path: PathBuf, schema: &str) -> Result<Table, DatasetError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| at(dir, e))?;
        }
        let schema = Arc::new(parse_message_type(schema).map_err(|e| at(&path, e))?);
        let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
        let file = File::create(&path).map_err(|e| at(&path, e))?;
        let writer = SerializedFileWriter::new(file, schema, props).map_err(|e| at(&path, e))?;
        Ok(Table { path, writer, rows: 0 })
    }

    fn write(&mut self, columns: Vec<Column>) -> Result<(), DatasetError> {
        let path = self.path.clone();
        let err = |e: parquet::errors::ParquetError| at(&path, e);
        let mut group = self.writer.next_row_group().map_err(err)?;
        let mut columns = columns.into_iter();
        while let Some(mut writer) = group.next_column().map_err(err)? {
            let Some(column) = columns.next() else {
                return Err(at(&path, "fewer columns than the schema"));
            };
            // Definition levels say which rows of an optional column have
            // a value; a required column has none.
            fn levels<T>(values: &[Option<T>], optional: bool) -> Option<Vec<i16>> {
                optional.then(|| values.iter().map(|v| i16::from(v.is_some())).collect())
            }
            match column {
                Column::Int(v) => {
                    let w = writer.typed::<Int64Type>();
                    let defs = levels(&v, w.get_descriptor().max_def_level() > 0);
                    let vals: Vec<i64> = v.into_iter().flatten().collect();
                    w.write_batch(&vals, defs.as_deref(), None)
                }
                Column::Double(v) => {
                    let w = writer.typed::<DoubleType>();
                    let defs = levels(&v, w.get_descriptor().max_def_level() > 0);
                    let vals: Vec<f64> = v.into_iter().flatten().collect();
                    w.write_batch(&vals, defs.as_deref(), None)
                }
                Column::Bytes(v) => {
                    let w = writer.typed::<ByteArrayType>();
                    let defs = levels(&v, w.get_descriptor().max_def_level() > 0);
                    let vals: Vec<ByteArray> = v.into_iter().flatten().map(ByteArray::from).collect();
                    w.write_batch(&vals, defs.as_deref(), None)
                }
            }
            .map_err(err)?;
            writer.close().map_err(err)?;
        }
        group.close().map_err(err)?;
        Ok(())
    }

    fn close(self) -> Result<(), DatasetError> {
        let path = self.path.clone();
        self.writer.close().map(|_| ()).map_err(|e| at(&path, e))
    }
}

/// Writes a dataset in batches: sources and claims to the partition of
/// their source's publication month, stories at the end.
pub struct Writer {
    dir: PathBuf,
    sources: BTreeMap<String, Table>,
    claims: BTreeMap<String, Table>,
    /// Rows written, for the summary.
    pub source_rows: usize,
    pub claim_rows: usize,
}

/// A source's partition: its publication month, or `undated`.
fn month(meta: &Meta) -> String {
    meta.published.map(|d| d.format("%Y-%m").to_string()).unwrap_or_else(|| "undated".to_string())
}

fn postcard_bytes<T: serde::Serialize + ?Sized>(path: &Path, v: &T) -> Result<Vec<u8>, DatasetError> {
    postcard::to_stdvec(v).map_err(|e| at(path, e))
}

impl Writer {
    /// Starts a dataset in `dir`, which must not hold one already.
    pub fn create(dir: &Path) -> Result<Writer, DatasetError> {
        for table in ["sources", "claims", "stories"] {
            if dir.join(table).exists() {
                return Err(at(dir, format!("holds a dataset already ({table}/); write to a new folder")));
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| at(dir, e))?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            sources: BTreeMap::new(),
            claims: BTreeMap::new(),
            source_rows: 0,
            claim_rows: 0,
        })
    }

    fn table<'a>(
        tables: &'a mut BTreeMap<String, Table>,
        dir: &Path,
        name: &str,
        schema: &str,
        month: &str,
    ) -> Result<&'a mut Table, DatasetError> {
        if !tables.contains_key(month) {
            let path = dir.join(name).join(format!("month={month}")).join("part-0.parquet");
            tables.insert(month.to_string(), Table::create(path, schema)?);
        }
        tables.get_mut(month).ok_or_else(|| at(dir, "a partition went missing"))
    }

    /// Writes a batch of sources with their claims.
    pub fn add(&mut self, batch: &[(SourceRow, Vec<Claim>)]) -> Result<(), DatasetError> {
        let mut by_month: BTreeMap<String, Vec<&(SourceRow, Vec<Claim>)>> = BTreeMap::new();
        for item in batch {
            by_month.entry(month(&item.0.meta)).or_default().push(item);
        }
        for (m, items) in by_month {
            let t = Writer::table(&mut self.sources, &self.dir, "sources", SOURCES, &m)?;
            let path = t.path.clone();
            let src: Vec<&SourceRow> = items.iter().map(|(s, _)| s).collect();
            let ints = |f: &dyn Fn(&SourceRow) -> Option<i64>| Column::Int(src.iter().map(|s| f(s)).collect());
            let strs = |f: &dyn Fn(&SourceRow) -> Option<Vec<u8>>| Column::Bytes(src.iter().map(|s| f(s)).collect());
            let mut excerpts = Vec::new();
            let mut locatives = Vec::new();
            for s in &src {
                excerpts.push(Some(postcard_bytes(&path, &s.excerpts)?));
                locatives.push(Some(postcard_bytes(&path, &s.locatives)?));
            }
            let columns = vec![
                ints(&|s| Some(s.position as i64)),
                strs(&|s| text(&s.key)),
                strs(&|s| text(&s.identity)),
                strs(&|s| text(&s.path.to_string_lossy())),
                ints(&|s| s.record.map(|r| r as i64)),
                strs(&|s| opt_text(s.meta.outlet.as_deref())),
                strs(&|s| opt_text(s.meta.title.as_deref())),
                strs(&|s| s.meta.published.map(|d| d.to_string().into_bytes())),
                strs(&|s| opt_text(s.meta.url.as_deref())),
                strs(&|s| opt_text(s.meta.lang.as_deref())),
                ints(&|s| Some(s.story as i64)),
                strs(&|s| text(&s.story_id)),
                ints(&|s| Some(s.origin as i64)),
                ints(&|s| Some(s.len as i64)),
                Column::Bytes(excerpts),
                Column::Bytes(locatives),
            ];
            t.write(columns)?;
            t.rows += src.len();
            self.source_rows += src.len();

            let claims: Vec<(&SourceRow, &Claim)> =
                items.iter().flat_map(|(s, cs)| cs.iter().map(move |c| (s, c))).collect();
            if claims.is_empty() {
                continue;
            }
            let t = Writer::table(&mut self.claims, &self.dir, "claims", CLAIMS, &m)?;
            let path = t.path.clone();
            let bounds = |c: &Claim| match &c.value {
                ClaimValue::Count(i) => (i.lo, i.hi, None),
                ClaimValue::Quantity { value, unit } => (value.lo, value.hi, Some(unit.to_string())),
                ClaimValue::Money(m) => (m.amount.lo, m.amount.hi, Some(m.currency.clone())),
                _ => (None, None, None),
            };
            let dates = |c: &Claim| match &c.value {
                ClaimValue::Date(d) => (Some(d.start.to_string()), Some(d.end.to_string())),
                _ => (None, None),
            };
            let mut exact = Vec::with_capacity(claims.len());
            for (_, c) in &claims {
                exact.push(Some(postcard_bytes(&path, c)?));
            }
            let columns = vec![
                Column::Int(claims.iter().map(|(s, _)| Some(s.position as i64)).collect()),
                Column::Bytes(claims.iter().map(|(s, _)| text(&s.story_id)).collect()),
                Column::Bytes(
                    claims.iter().map(|(s, _)| s.meta.published.map(|d| d.to_string().into_bytes())).collect(),
                ),
                Column::Bytes(claims.iter().map(|(_, c)| text(c.kind.as_str())).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| text(&c.subject)).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| text(&c.subject_label)).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| text(&c.value.normalized())).collect()),
                Column::Double(claims.iter().map(|(_, c)| bounds(c).0).collect()),
                Column::Double(claims.iter().map(|(_, c)| bounds(c).1).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| bounds(c).2.map(String::into_bytes)).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| dates(c).0.map(String::into_bytes)).collect()),
                Column::Bytes(claims.iter().map(|(_, c)| dates(c).1.map(String::into_bytes)).collect()),
                Column::Int(claims.iter().map(|(_, c)| Some(c.span.start as i64)).collect()),
                Column::Int(claims.iter().map(|(_, c)| Some(c.span.end as i64)).collect()),
                Column::Bytes(exact),
            ];
            t.write(columns)?;
            t.rows += claims.len();
            self.claim_rows += claims.len();
        }
        Ok(())
    }

    /// Writes the stories and closes every file.
    pub fn finish(self, stories: &[Story]) -> Result<(), DatasetError> {
        let mut t = Table::create(self.dir.join("stories").join("part-0.parquet"), STORIES)?;
        let terms: Vec<Option<Vec<u8>>> = stories.iter().map(|s| serde_json::to_vec(&s.terms).ok()).collect();
        t.write(vec![
            Column::Int((0..stories.len()).map(|i| Some(i as i64)).collect()),
            Column::Bytes(stories.iter().map(|s| text(&s.id)).collect()),
            Column::Bytes(stories.iter().map(|s| text(&s.label)).collect()),
            Column::Bytes(terms),
        ])?;
        t.close()?;
        for table in self.sources.into_values().chain(self.claims.into_values()) {
            table.close()?;
        }
        Ok(())
    }
}

/// The Parquet files of one table, partitions in order.
fn files(dir: &Path, table: &str) -> Result<Vec<PathBuf>, DatasetError> {
    let root = dir.join(table);
    if !root.is_dir() {
        return Err(at(
            dir,
            format!("no {table}/ here: not a claims dataset (write one with `claimcheck archive export`)"),
        ));
    }
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| at(&d, e))? {
            let p = e.map_err(|e| at(&d, e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "parquet") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The rows of a Parquet file, each as its columns by name.
fn rows(path: &Path) -> Result<Vec<BTreeMap<String, Field>>, DatasetError> {
    let file = File::open(path).map_err(|e| at(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(|e| at(path, e))?;
    let iter = reader.get_row_iter(None).map_err(|e| at(path, e))?;
    let mut out = Vec::new();
    for row in iter {
        let row = row.map_err(|e| at(path, e))?;
        out.push(row.into_columns().into_iter().collect());
    }
    Ok(out)
}

fn long(path: &Path, row: &BTreeMap<String, Field>, name: &str) -> Result<Option<i64>, DatasetError> {
    match row.get(name) {
        Some(Field::Long(v)) => Ok(Some(*v)),
        Some(Field::Null) | None => Ok(None),
        Some(other) => Err(at(path, format!("column {name}: {other:?} is not a whole number"))),
    }
}

fn string(path: &Path, row: &BTreeMap<String, Field>, name: &str) -> Result<Option<String>, DatasetError> {
    match row.get(name) {
        Some(Field::Str(v)) => Ok(Some(v.clone())),
        Some(Field::Null) | None => Ok(None),
        Some(other) => Err(at(path, format!("column {name}: {other:?} is not text"))),
    }
}

fn bytes(path: &Path, row: &BTreeMap<String, Field>, name: &str) -> Result<Vec<u8>, DatasetError> {
    match row.get(name) {
        Some(Field::Bytes(v)) => Ok(v.data().to_vec()),
        other => Err(at(path, format!("column {name}: {other:?} is not bytes"))),
    }
}

fn required<T>(path: &Path, name: &str, v: Option<T>) -> Result<T, DatasetError> {
    v.ok_or_else(|| at(path, format!("column {name} is empty")))
}

/// Reads a dataset written by [`Writer`].
pub fn read(dir: &Path) -> Result<Dataset, DatasetError> {
    let mut out = Dataset::default();
    for path in files(dir, "stories")? {
        for row in rows(&path)? {
            let idx = required(&path, "idx", long(&path, &row, "idx")?)? as usize;
            let terms: Vec<String> =
                string(&path, &row, "terms")?.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
            let story = Story {
                id: required(&path, "id", string(&path, &row, "id")?)?,
                label: string(&path, &row, "label")?.unwrap_or_default(),
                sources: Vec::new(),
                terms,
            };
            if out.stories.len() <= idx {
                out.stories.resize(
                    idx + 1,
                    Story { id: String::new(), label: String::new(), sources: Vec::new(), terms: Vec::new() },
                );
            }
            out.stories[idx] = story;
        }
    }
    for path in files(dir, "sources")? {
        for row in rows(&path)? {
            let published = string(&path, &row, "published")?.and_then(|d| d.parse().ok());
            let meta = Meta {
                title: string(&path, &row, "title")?,
                outlet: string(&path, &row, "outlet")?,
                published,
                lang: string(&path, &row, "lang")?,
                url: string(&path, &row, "url")?,
            };
            let excerpts: Vec<Excerpt> =
                postcard::from_bytes(&bytes(&path, &row, "excerpts")?).map_err(|e| at(&path, e))?;
            let locatives: Vec<u64> =
                postcard::from_bytes(&bytes(&path, &row, "locatives")?).map_err(|e| at(&path, e))?;
            out.sources.push(SourceRow {
                position: required(&path, "position", long(&path, &row, "position")?)? as usize,
                key: string(&path, &row, "key")?.unwrap_or_default(),
                identity: string(&path, &row, "identity")?.unwrap_or_default(),
                path: PathBuf::from(string(&path, &row, "path")?.unwrap_or_default()),
                record: long(&path, &row, "record")?.map(|r| r as usize),
                meta,
                story: required(&path, "story", long(&path, &row, "story")?)? as usize,
                story_id: string(&path, &row, "story_id")?.unwrap_or_default(),
                origin: required(&path, "origin", long(&path, &row, "origin")?)? as usize,
                locatives,
                len: required(&path, "length", long(&path, &row, "length")?)? as usize,
                excerpts,
            });
        }
    }
    out.sources.sort_by_key(|s| s.position);
    // Claims files may be absent where a month has none.
    let claim_files = if dir.join("claims").is_dir() { files(dir, "claims")? } else { Vec::new() };
    for path in claim_files {
        for row in rows(&path)? {
            let position = required(&path, "position", long(&path, &row, "position")?)? as usize;
            let claim: Claim = postcard::from_bytes(&bytes(&path, &row, "claim")?).map_err(|e| at(&path, e))?;
            out.claims.push((position, claim));
        }
    }
    // Claims in their sources' order, each source's in the order written.
    out.claims.sort_by_key(|(p, _)| *p);
    Ok(out)
}
