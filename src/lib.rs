//! claimcheck: find where news sources disagree.
//!
//! The pipeline, one module per stage: [`sources`] reads files and front
//! matter; [`text`] normalises, tokenises and parses numbers, money and
//! dates; [`extract`] turns values into typed claims with subjects;
//! [`graph`] links claims about the same subject across sources; [`check`]
//! finds conflicts, corroborations and single-source subjects; [`report`]
//! renders findings. [`rules`] loads the data every stage is driven by.
//! [`archive`] keeps extracted articles and their story index in SQLite,
//! so that a corpus of years is extracted once and a check reads only the
//! stories its drafts fall in.
//!
//! ```no_run
//! use claimcheck::{Engine, rules::RuleSource};
//! let engine = Engine::load(&RuleSource::builtin()).expect("built-in rules are valid");
//! let run = engine.run_paths(&["fixtures/niger".into()]);
//! for f in &run.findings {
//!     println!("{} {}", f.severity.as_str(), f.message);
//! }
//! ```

pub mod archive;
pub mod check;
pub mod config;
pub mod dataset;
pub mod examples;
pub mod extract;
pub mod graph;
pub mod lsp;
pub mod report;
pub mod review;
pub mod rules;
pub mod sources;
pub mod span;
pub mod stories;
pub mod text;
pub mod value;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use check::{CheckRules, Finding, Severity};
use extract::{Claim, DocExtraction, Extractor, Mention};
use graph::{ClaimGraph, Subject};
use rules::{RuleError, RuleSource};
use sources::{InputError, Source};
use stories::Stories;

/// Compiled rules for every stage.
pub struct Engine {
    pub extractor: Extractor,
    pub stories: stories::Rules,
    pub check: CheckRules,
}

/// Everything one run found.
pub struct Run {
    pub sources: Vec<Source>,
    /// Files that could not be read, and problems with files that were.
    pub input_errors: Vec<InputError>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// The stories the sources were grouped into, and their origins.
    pub stories: Stories,
    pub subjects: Vec<Subject>,
    pub graph: ClaimGraph,
    /// Findings to report.
    pub findings: Vec<Finding>,
    /// Findings silenced by an inline suppression.
    pub suppressed: Vec<Finding>,
    /// The suppression that silenced each of `suppressed`, index for
    /// index; [`Run::silenced`] pairs them.
    pub suppressed_by: Vec<review::Suppression>,
    /// Findings dropped because a baseline lists them.
    pub baselined: Vec<Finding>,
    /// Suppressions that are malformed or silence nothing.
    pub suppression_problems: Vec<review::SuppressionProblem>,
}

impl Engine {
    /// Loads and validates every rule file.
    pub fn load(rules: &RuleSource) -> Result<Engine, RuleError> {
        rules.validate_overrides()?;
        let extractor = Extractor::load(rules)?;
        let stories = stories::Rules::load_with(rules, extractor.gazetteer.frequencies())?;
        Ok(Engine { extractor, stories, check: CheckRules::load(rules)? })
    }

    /// Reads files and folders, then checks what could be read.
    pub fn run_paths(&self, inputs: &[PathBuf]) -> Run {
        self.run_against(inputs, &[])
    }

    /// Checks drafts against a reference corpus: only findings that involve
    /// a draft are reported, with the draft's side first.
    pub fn run_against(&self, drafts: &[PathBuf], corpus: &[PathBuf]) -> Run {
        self.run_with(drafts, corpus, RunOptions::default())
    }

    /// [`run_against`](Self::run_against), keeping what `options` asks for.
    ///
    /// Files are read and extracted in parallel, one at a time per core,
    /// and each file's text is dropped as soon as it is extracted: a run
    /// keeps its claims and the sentences they quote ([`Source::compact`]),
    /// not whole articles, so memory grows with claims, not with the
    /// corpus. Results are assembled in input order, so ids and output do
    /// not depend on scheduling.
    ///
    /// With a corpus, the corpus is grouped into stories on its own and
    /// each draft is placed in them (as an archive's drafts are, and an
    /// editor's): what was published does not regroup around a draft.
    /// Only the corpus stories a draft falls in are checked.
    pub fn run_with(&self, drafts: &[PathBuf], corpus: &[PathBuf], options: RunOptions) -> Run {
        let (parts, errors) = self.read(drafts, corpus, &options);
        if corpus.is_empty() {
            return self.finish(parts, errors, None);
        }
        let (drafted, published) = parts.split_reference();
        let identities: Vec<String> = published.sources.iter().map(identity).collect();
        let index =
            stories::StoryIndex::new(&self.stories, &articles(&published.sources, &published.profiles, &identities));
        let keep = self.stories_of_drafts(&index, &drafted);
        let members = published.select(&index.members(&keep));
        self.finish_placed(drafted, members, &index, &keep, errors)
    }

    /// The corpus stories (ascending) the drafts would join.
    fn stories_of_drafts(&self, index: &stories::StoryIndex, drafted: &Parts) -> Vec<usize> {
        self.stories_of(index, &drafted.sources, &drafted.profiles)
    }

    /// The part of an archive's story index that decides which stories
    /// `drafts` (with their profiles) fall in ([`archive::Archive::index_for`]).
    pub fn archive_index(
        &self,
        archive: &archive::Archive,
        drafts: &[Source],
        profiles: &[extract::DocProfile],
        seen: &mut archive::IndexCache,
    ) -> Result<stories::StoryIndex, archive::ArchiveError> {
        let identities: Vec<String> = drafts.iter().map(identity).collect();
        archive.index_for(&self.stories, &articles(drafts, profiles, &identities), seen)
    }

    /// The corpus stories of `index` (ascending) that `drafts`, with their
    /// profiles, would join: what a check against an archive reads.
    pub fn stories_of(
        &self,
        index: &stories::StoryIndex,
        drafts: &[Source],
        profiles: &[extract::DocProfile],
    ) -> Vec<usize> {
        let identities: Vec<String> = drafts.iter().map(identity).collect();
        let mut keep: Vec<usize> =
            index.choose(&self.stories, &articles(drafts, profiles, &identities)).into_iter().flatten().collect();
        keep.sort_unstable();
        keep.dedup();
        keep
    }

    /// Places the drafts in the corpus stories `keep`, whose articles
    /// `members` holds (in [`stories::StoryIndex::members`] order), and
    /// checks them: drafts are numbered first, as in any run.
    fn finish_placed(
        &self,
        drafted: Parts,
        members: Parts,
        index: &stories::StoryIndex,
        keep: &[usize],
        errors: Vec<InputError>,
    ) -> Run {
        let narrowed = index.narrowed(keep);
        let unnamed = vec![String::new(); members.sources.len()];
        let corpus = articles(&members.sources, &members.profiles, &unnamed);
        let identities: Vec<String> = drafted.sources.iter().map(identity).collect();
        let new = articles(&drafted.sources, &drafted.profiles, &identities);
        let placed = narrowed.place(&self.stories, &corpus, &new);
        // Placement numbers the corpus first; the run numbers drafts first.
        let (n_corpus, n_drafts) = (members.sources.len(), drafted.sources.len());
        let to_run: Vec<usize> = (0..n_corpus).map(|i| n_drafts + i).chain(0..n_drafts).collect();
        let stories = placed.reindexed(&to_run);
        let mut parts = drafted;
        parts.append(members);
        for (i, s) in parts.sources.iter_mut().enumerate() {
            s.id = format!("s{}", i + 1);
        }
        self.finish(parts, errors, Some(stories))
    }

    /// Reads and extracts drafts and corpus, numbered in input order.
    fn read(&self, drafts: &[PathBuf], corpus: &[PathBuf], options: &RunOptions) -> (Parts, Vec<InputError>) {
        let mut errors = Vec::new();
        let mut jobs: Vec<(PathBuf, bool)> = Vec::new();
        for (inputs, reference) in [(drafts, false), (corpus, true)] {
            let (paths, errs) = sources::collect_paths(inputs, &options.walk);
            errors.extend(errs);
            jobs.extend(paths.into_iter().map(|p| (p, reference)));
        }
        // Subjects and labels, shared as soon as each source is extracted:
        // every extracted source is held until all are read.
        let shared: std::sync::Mutex<HashSet<std::sync::Arc<str>>> = Default::default();
        let extract = |mut s: Source, reference: bool| {
            s.reference = reference;
            let mut x = self.extract_one(&s, options);
            if let Ok(mut shared) = shared.lock() {
                for c in &mut x.doc.claims {
                    share(&mut shared, &mut c.subject);
                    share(&mut shared, &mut c.subject_label);
                }
            }
            x.source = Some(s);
            x.compact();
            x
        };
        let read: Vec<(Vec<Extracted>, Vec<InputError>)> = jobs
            .par_iter()
            .map(|(path, reference)| {
                if !sources::is_feed(path) {
                    let (read, errs) = sources::read_sources(path, &mut 0);
                    return (read.into_iter().map(|s| extract(s, *reference)).collect(), errs);
                }
                // A feed is split by record, not read on one core: one
                // day's feed is thousands of articles in a single file.
                // The indexed collect keeps the records in line order.
                let (text, mut errs) = sources::read_feed_text(path);
                let lines: Vec<(usize, &str)> = sources::feed_lines(&text).collect();
                let records: Vec<Result<Extracted, sources::RecordProblem>> = lines
                    .par_iter()
                    .map(|&(line, record)| sources::read_record(path, line, record).map(|s| extract(s, *reference)))
                    .collect();
                let mut docs = Vec::with_capacity(records.len());
                let mut tally = sources::FeedTally::default();
                for (r, (line, _)) in records.into_iter().zip(&lines) {
                    match r {
                        Ok(x) => docs.push(x),
                        Err(problem) => tally.add(*line, problem),
                    }
                }
                errs.extend(tally.into_errors(path));
                (docs, errs)
            })
            .collect();
        let mut parts = Parts::default();
        let mut read_paths: HashSet<&PathBuf> = HashSet::new();
        // Ids as `sources::read_sources` numbers them: an article takes one
        // even when it cannot be read; a feed, one per record.
        let mut next = 0;
        for ((path, reference), (docs, errs)) in jobs.iter().zip(read) {
            // A file given both as draft and as corpus is a draft.
            if *reference && read_paths.contains(path) {
                continue;
            }
            let feed = sources::is_feed(path);
            if !feed {
                next += 1;
            }
            errors.extend(errs);
            for mut x in docs {
                if let Some(s) = &mut x.source {
                    if feed {
                        next += 1;
                    }
                    s.id = format!("s{next}");
                    errors.extend(s.warnings.iter().cloned());
                }
                read_paths.insert(path);
                parts.push(x);
            }
        }
        parts.shrink_to_fit();
        (parts, errors)
    }

    /// Checks sources already in memory (`Source::reference` marks corpus).
    pub fn run_sources(&self, sources: Vec<Source>, input_errors: Vec<InputError>) -> Run {
        let extracted: Vec<Extracted> =
            sources.par_iter().map(|s| self.extract_one(s, &RunOptions::default())).collect();
        let mut parts = Parts::default();
        for (s, mut x) in sources.into_iter().zip(extracted) {
            x.source = Some(s);
            parts.push(x);
        }
        self.finish(parts, input_errors, None)
    }

    /// Extraction and suppressions of one source, numbered as source 0.
    fn extract_one(&self, s: &Source, options: &RunOptions) -> Extracted {
        let mut doc = self.extractor.extract(s, 0);
        if !options.mentions {
            doc.mentions = Vec::new();
        }
        if !options.evidence {
            // One shared empty list: no allocation a claim.
            let none: std::sync::Arc<[extract::Evidence]> = std::sync::Arc::from([]);
            doc.claims.iter_mut().for_each(|c| c.evidence = none.clone());
        }
        let (sups, problems) = review::suppressions(0, s);
        Extracted { source: None, doc, sups, problems }
    }

    /// Groups (unless `stories` were placed already), links and checks.
    fn finish(&self, parts: Parts, input_errors: Vec<InputError>, stories: Option<Stories>) -> Run {
        let Parts { sources, mentions, mut claims, sups, problems: mut suppression_problems, profiles } = parts;
        let stories = stories.unwrap_or_else(|| self.group_stories(&sources, &profiles));
        drop(profiles);
        assign_stories(&mut claims, &stories);
        let Checked { claims, subjects, graph, mut findings } = self.check_claims(&sources, claims, &stories);
        let (silenced, unused) = review::apply_suppressions(&mut findings, &sups, &sources, &claims);
        let (suppressed, suppressed_by) = silenced.into_iter().unzip();
        suppression_problems.extend(unused);
        renumber(&mut findings);
        Run {
            sources,
            input_errors,
            mentions,
            claims,
            stories,
            subjects,
            graph,
            findings,
            suppressed,
            suppressed_by,
            baselined: Vec::new(),
            suppression_problems,
        }
    }

    /// Links claims already extracted (each with its source's index) and
    /// checks them: the part of a run after extraction, which an editor
    /// repeats on every change while reusing the corpus's claims.
    pub fn check_claims(&self, sources: &[Source], mut claims: Vec<Claim>, stories: &Stories) -> Checked {
        graph::resolve_aliases(&mut claims);
        self.check_resolved(sources, claims, stories)
    }

    /// Groups sources into stories from the profiles extraction recorded
    /// (`profiles[i]` is source `i`'s).
    pub fn group_stories(&self, sources: &[Source], profiles: &[extract::DocProfile]) -> Stories {
        let identities: Vec<String> = sources.iter().map(identity).collect();
        stories::group(&self.stories, &articles(sources, profiles, &identities))
    }

    /// Groups a corpus once and keeps its stories for placing drafts in
    /// them ([`place_stories`](Self::place_stories)): what an editor does
    /// on every change, without grouping the corpus again.
    pub fn index_stories(&self, corpus: &[Source], profiles: &[extract::DocProfile]) -> stories::StoryIndex {
        let identities: Vec<String> = corpus.iter().map(identity).collect();
        stories::StoryIndex::new(&self.stories, &articles(corpus, profiles, &identities))
    }

    /// The stories of `sources` (the indexed corpus first, then drafts):
    /// each draft placed in the corpus's stories.
    pub fn place_stories(
        &self,
        index: &stories::StoryIndex,
        corpus_len: usize,
        sources: &[Source],
        profiles: &[extract::DocProfile],
    ) -> Stories {
        // Runs on every change in an editor: only the drafts' identities
        // (a new story's id) are made; the corpus's are never read here.
        let split = corpus_len.min(sources.len()).min(profiles.len());
        let unnamed = vec![String::new(); split];
        let corpus = articles(&sources[..split], &profiles[..split], &unnamed);
        let identities: Vec<String> = sources[split..].iter().map(identity).collect();
        let drafts = articles(&sources[split..], &profiles[split..], &identities);
        index.place(&self.stories, &corpus, &drafts)
    }

    /// Like [`check_claims`](Self::check_claims), for claims whose aliases
    /// were already resolved against a larger set ([`graph::AliasStats`]):
    /// an editor checks a draft's subjects alone, and resolving again within
    /// that subset could link names the whole corpus keeps apart.
    pub fn check_resolved(&self, sources: &[Source], claims: Vec<Claim>, stories: &Stories) -> Checked {
        let story_ids: Vec<String> = stories.stories.iter().map(|s| s.id.clone()).collect();
        let outlets: Vec<Option<&str>> = sources.iter().map(|s| s.meta.outlet.as_deref()).collect();
        let events = graph::EventTest {
            rules: &self.stories.events,
            frequencies: &self.stories.frequencies,
            origin_of: &stories.origin_of,
            outlet_of: &outlets,
        };
        let (mut graph, mut subjects) = graph::build(sources.len(), &claims, &story_ids, &stories.locatives, &events);
        let mut findings = check::check(&self.check, sources, &claims, stories, &mut subjects, &mut graph);
        review::only_drafts(&mut findings, sources, &claims);
        for f in &mut findings {
            f.fingerprint = review::fingerprint(f, &subjects[f.subject].key);
        }
        renumber(&mut findings);
        Checked { claims, subjects, graph, findings }
    }
}

/// What `claimcheck archive add` did.
#[derive(Debug, Default)]
pub struct ArchiveAdded {
    /// Articles extracted (new, changed, or extracted again under new rules).
    pub extracted: usize,
    /// Articles whose text was stored already under the same rules.
    pub unchanged: usize,
    /// The archive's articles and stories after the add.
    pub articles: usize,
    pub stories: usize,
    /// Files and records that could not be read.
    pub input_errors: Vec<InputError>,
}

/// How many articles are extracted at once before their claims are
/// written: memory holds one batch, not the archive.
const ARCHIVE_BATCH: usize = 512;

impl Engine {
    /// The hash an archive records of the rules (and version) its claims
    /// were extracted with.
    pub fn rules_hash(rules: &RuleSource) -> Result<String, RuleError> {
        let files = rules::BUILTIN
            .iter()
            .map(|(name, _)| rules.file(name).map(|f| (name.to_string(), f.text)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(archive::rules_hash(&files))
    }

    /// Extracts the articles under `inputs` into `archive`, in one
    /// transaction: an article whose text is stored already is skipped; a
    /// changed one replaces its claims. When the archive was extracted
    /// with other rules, every stored article is extracted again from its
    /// stored text first. The story index of the whole archive is then
    /// built again.
    pub fn archive_add(
        &self,
        archive: &mut archive::Archive,
        inputs: &[PathBuf],
        walk: &sources::Walk,
        rules_hash: &str,
    ) -> Result<ArchiveAdded, archive::ArchiveError> {
        let stale = archive.rules_hash()?.is_some_and(|h| h != rules_hash);
        let mut stored = if stale { HashMap::new() } else { archive.hashes()? };
        let again = if stale { archive.texts()? } else { Vec::new() };
        let mut out = ArchiveAdded::default();
        let w = archive.writer()?;
        // (key, text hash, source): each article's text is hashed once, and
        // moved, not copied, into what is stored.
        let extract_batch = |batch: &mut Vec<(String, Vec<u8>, Source)>, out: &mut ArchiveAdded| {
            let done: Vec<(archive::StoredArticle, Vec<u8>)> = batch
                .par_drain(..)
                .map(|(key, hash, s)| {
                    let doc = self.extractor.extract(&s, 0);
                    let identity = identity(&s);
                    let stored = archive::StoredArticle {
                        key,
                        identity,
                        path: s.path,
                        record: s.record,
                        text: s.text,
                        meta: s.meta,
                        claims: doc.claims,
                        profile: doc.profile,
                    };
                    (stored, hash)
                })
                .collect();
            out.extracted += done.len();
            done.iter().try_for_each(|(a, hash)| w.put(a, hash))
        };
        let mut batch: Vec<(String, Vec<u8>, Source)> = Vec::new();
        for a in again {
            let hash = archive::text_hash(&a.text);
            let s = archive::stored_source(&a.path, a.record, a.text, a.meta);
            batch.push((a.key, hash, s));
            if batch.len() >= ARCHIVE_BATCH {
                extract_batch(&mut batch, &mut out)?;
            }
        }
        let (paths, errors) = sources::collect_paths(inputs, walk);
        out.input_errors.extend(errors);
        for path in &paths {
            let (read, errors) = sources::read_sources(path, &mut 0);
            out.input_errors.extend(errors);
            for s in read {
                out.input_errors.extend(s.warnings.iter().cloned());
                let key = archive_key(&s);
                let hash = archive::text_hash(&s.text);
                if stored.get(&key).is_some_and(|h| *h == hash) {
                    out.unchanged += 1;
                    continue;
                }
                // A feed that repeats an article stores it once.
                stored.insert(key.clone(), hash.clone());
                batch.push((key, hash, s));
                if batch.len() >= ARCHIVE_BATCH {
                    extract_batch(&mut batch, &mut out)?;
                }
            }
        }
        extract_batch(&mut batch, &mut out)?;
        // The story index of the whole archive, in the order a folder of
        // its articles would be read.
        let profiled = w.profiles()?;
        let identities: Vec<&str> = profiled.iter().map(|p| p.identity.as_str()).collect();
        let articles: Vec<stories::Article<'_>> = profiled
            .iter()
            .zip(&identities)
            .map(|(p, id)| stories::Article {
                profile: &p.profile,
                published: p.meta.published,
                outlet: p.meta.outlet.as_deref(),
                title: p.meta.title.as_deref(),
                identity: id,
            })
            .collect();
        let index = stories::StoryIndex::new(&self.stories, &articles);
        let order: Vec<String> = profiled.iter().map(|p| p.key.clone()).collect();
        w.set_story_index(&index, &order)?;
        w.set_rules_hash(rules_hash)?;
        w.commit()?;
        out.articles = order.len();
        out.stories = index.stories().stories.len();
        Ok(out)
    }

    /// Checks drafts against an archive: only the archived stories the
    /// drafts fall in are read, and their claims are not extracted again.
    /// The drafts are placed in the archive's stories as the language
    /// server places them ([`stories::StoryIndex::place`]).
    pub fn run_against_archive(
        &self,
        drafts: &[PathBuf],
        archive: &archive::Archive,
        rules_hash: &str,
        options: RunOptions,
    ) -> Result<Run, archive::ArchiveError> {
        archive.check_rules(rules_hash)?;
        let (drafted, errors) = self.read(drafts, &[], &options);
        // The index and the articles it names, from one snapshot.
        let (index, keep, stored) = archive.snapshot(|archive| {
            let index = self.archive_index(archive, &drafted.sources, &drafted.profiles, &mut Default::default())?;
            let keep = self.stories_of_drafts(&index, &drafted);
            let stored = archive.load(&index.members(&keep))?;
            Ok((index, keep, stored))
        })?;
        let mut members = Parts::default();
        for a in stored {
            let mut s = archive::stored_source(&a.path, a.record, a.text, a.meta);
            s.reference = true;
            let mut doc = DocExtraction { mentions: Vec::new(), claims: a.claims, profile: a.profile };
            if !options.evidence {
                let none: std::sync::Arc<[extract::Evidence]> = std::sync::Arc::from([]);
                doc.claims.iter_mut().for_each(|c| c.evidence = none.clone());
            }
            let (sups, problems) = review::suppressions(0, &s);
            let mut x = Extracted { source: Some(s), doc, sups, problems };
            x.compact();
            members.push(x);
        }
        Ok(self.finish_placed(drafted, members, &index, &keep, errors))
    }
}

/// What `claimcheck archive export` wrote.
#[derive(Debug, Default)]
pub struct Exported {
    pub sources: usize,
    pub claims: usize,
    pub stories: usize,
}

/// Writes an archive's sources, claims and stories as a Parquet dataset
/// in `dir` ([`dataset`]): what an engine beyond one machine reads, and
/// what `check --claims` checks without the texts.
pub fn export_dataset(archive: &archive::Archive, dir: &std::path::Path) -> Result<Exported, dataset::DatasetError> {
    let failed =
        |e: archive::ArchiveError| dataset::DatasetError::At { path: archive.path().to_path_buf(), why: e.to_string() };
    let indexed = archive.stories().map_err(failed)?;
    // Each position's story and origin.
    let mut place: HashMap<usize, (usize, usize)> = HashMap::new();
    for (s, x) in indexed.iter().enumerate() {
        for (member, origin) in x.members() {
            place.insert(member, (s, origin));
        }
    }
    let mut positions: Vec<usize> = place.keys().copied().collect();
    positions.sort_unstable();
    let mut writer = dataset::Writer::create(dir)?;
    for chunk in positions.chunks(ARCHIVE_BATCH) {
        let mut batch = Vec::with_capacity(chunk.len());
        for (&position, a) in chunk.iter().zip(archive.load(chunk).map_err(failed)?) {
            let src = archive::stored_source(&a.path, a.record, a.text, a.meta.clone());
            let (story, origin) = place.get(&position).copied().unwrap_or((0, position));
            let row = dataset::SourceRow {
                position,
                key: a.key,
                identity: a.identity,
                path: a.path,
                record: a.record,
                meta: src.meta.clone(),
                story,
                story_id: indexed.get(story).map(|x| x.story().id.clone()).unwrap_or_default(),
                origin,
                locatives: a.profile.locatives.clone(),
                len: src.text.len(),
                excerpts: src.excerpts_for(quoted_spans(&a.claims)),
            };
            batch.push((row, a.claims));
        }
        writer.add(&batch)?;
    }
    let out = Exported { sources: writer.source_rows, claims: writer.claim_rows, stories: indexed.len() };
    let stories: Vec<stories::Story> = indexed.iter().map(|x| x.story().clone()).collect();
    writer.finish(&stories)?;
    Ok(out)
}

impl Engine {
    /// Checks a claims dataset ([`export_dataset`]) without the texts:
    /// its claims, stories and origins as they were exported, every
    /// source a draft. The findings are those of checking the texts.
    pub fn run_dataset(&self, dir: &std::path::Path) -> Result<Run, dataset::DatasetError> {
        let data = dataset::read(dir)?;
        let index_of: HashMap<usize, usize> = data.sources.iter().enumerate().map(|(i, s)| (s.position, i)).collect();
        let mut parts = Parts::default();
        let n = data.sources.len();
        let mut stories = Stories {
            stories: data.stories,
            story_of: Vec::with_capacity(n),
            origin_of: Vec::with_capacity(n),
            locatives: Vec::with_capacity(n),
        };
        for (i, row) in data.sources.into_iter().enumerate() {
            let s = Source::from_excerpts(format!("s{}", i + 1), row.path, row.record, row.meta, row.len, row.excerpts);
            parts.sources.push(s);
            parts.profiles.push(extract::DocProfile::default());
            if let Some(story) = stories.stories.get_mut(row.story) {
                story.sources.push(i);
            }
            stories.story_of.push(row.story);
            stories.origin_of.push(index_of.get(&row.origin).copied().unwrap_or(i));
            stories.locatives.push(row.locatives);
        }
        for (position, mut c) in data.claims {
            let Some(&i) = index_of.get(&position) else { continue };
            c.source = i;
            parts.claims.push(c);
        }
        Ok(self.finish(parts, Vec::new(), Some(stories)))
    }
}

/// What names an article in an archive: its URL, else its canonical path
/// (and record), so one file added from two folders is one article.
fn archive_key(s: &Source) -> String {
    match &s.meta.url {
        Some(u) if !u.trim().is_empty() => u.trim().to_string(),
        _ => {
            let path = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
            match s.record {
                Some(line) => format!("{}#{line}", path.display()),
                None => path.display().to_string(),
            }
        }
    }
}

/// What a run keeps besides sources, claims and findings.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Keep every number, amount and date found, claim or not (what
    /// `claimcheck mentions` lists); checking does not need them.
    pub mentions: bool,
    /// Keep each claim's evidence (the words that decided its measure,
    /// actor, place, time): the JSON output and `explain` show it; checking
    /// and the other formats do not, and on a large corpus it is a quarter
    /// of the memory.
    pub evidence: bool,
    /// What folder walks leave out.
    pub walk: sources::Walk,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { mentions: true, evidence: true, walk: sources::Walk::default() }
    }
}

/// What one source yields, before it is numbered in the run.
struct Extracted {
    source: Option<Source>,
    doc: DocExtraction,
    sups: Vec<review::Suppression>,
    problems: Vec<review::SuppressionProblem>,
}

/// The spans of text claims quote or locate: the claim, its sentence, its
/// evidence and its time.
fn quoted_spans(claims: &[Claim]) -> impl Iterator<Item = span::Span> + '_ {
    claims.iter().flat_map(|c| {
        let evidence = c.evidence.iter().filter_map(|e| e.span);
        let time = c.time.as_ref().and_then(|t| t.span);
        [c.span, c.sentence].into_iter().chain(evidence).chain(time)
    })
}

impl Extracted {
    /// Drops the source's text but for what claims, mentions and
    /// suppressions quote or locate.
    fn compact(&mut self) {
        let Some(s) = &mut self.source else { return };
        let claims = quoted_spans(&self.doc.claims);
        let mentions = self.doc.mentions.iter().map(|m| m.span);
        let sups = self.sups.iter().map(|x| x.span).chain(self.problems.iter().map(|p| p.span));
        s.compact(claims.chain(mentions).chain(sups));
    }
}

/// Points `s` at the copy of its text in `shared`, adding it if new: a
/// large corpus repeats a few thousand subjects over hundreds of
/// thousands of claims.
fn share(shared: &mut HashSet<std::sync::Arc<str>>, s: &mut std::sync::Arc<str>) {
    if s.is_empty() {
        return;
    }
    match shared.get(s) {
        Some(one) => *s = one.clone(),
        None => {
            shared.insert(s.clone());
        }
    }
}

/// What names an article across runs: its URL, else its path (and record).
/// Sources as the stories stage sees them.
fn articles<'a>(
    sources: &'a [Source],
    profiles: &'a [extract::DocProfile],
    identities: &'a [String],
) -> Vec<stories::Article<'a>> {
    sources
        .iter()
        .zip(profiles)
        .zip(identities)
        .map(|((s, p), id)| stories::Article {
            profile: p,
            published: s.meta.published,
            outlet: s.meta.outlet.as_deref(),
            title: s.meta.title.as_deref(),
            identity: id,
        })
        .collect()
}

fn identity(s: &Source) -> String {
    match (&s.meta.url, s.record) {
        (Some(u), _) if !u.trim().is_empty() => u.trim().to_string(),
        (_, Some(line)) => format!("{}#{line}", s.path.display()),
        _ => s.path.display().to_string(),
    }
}

/// Every claim takes its source's story.
pub fn assign_stories(claims: &mut [Claim], stories: &Stories) {
    for c in claims {
        c.story = stories.story_of.get(c.source).copied().unwrap_or(0);
    }
}

/// Extracted sources, numbered in input order.
#[derive(Default)]
struct Parts {
    sources: Vec<Source>,
    /// Each source's profile, for grouping into stories.
    profiles: Vec<extract::DocProfile>,
    mentions: Vec<Mention>,
    claims: Vec<Claim>,
    sups: Vec<review::Suppression>,
    problems: Vec<review::SuppressionProblem>,
}

impl Parts {
    /// Gives back what the lists grew by doubling and will not use: every
    /// later stage (stories, the graph) runs while the claims are held, and
    /// a list of 72,000 claims had room for 131,000 (26 MB at 10k
    /// articles).
    fn shrink_to_fit(&mut self) {
        self.sources.shrink_to_fit();
        self.profiles.shrink_to_fit();
        self.mentions.shrink_to_fit();
        self.claims.shrink_to_fit();
        self.sups.shrink_to_fit();
        self.problems.shrink_to_fit();
    }

    /// Drafts and corpus apart, each renumbered from 0.
    fn split_reference(self) -> (Parts, Parts) {
        let (corpus, drafts): (Vec<usize>, Vec<usize>) =
            (0..self.sources.len()).partition(|&i| self.sources[i].reference);
        let mut parts = self.split(&[&drafts, &corpus]).into_iter();
        let drafted = parts.next().unwrap_or_default();
        (drafted, parts.next().unwrap_or_default())
    }

    /// The sources at `picked` (each once), renumbered in that order.
    fn select(self, picked: &[usize]) -> Parts {
        self.split(&[picked]).pop().unwrap_or_default()
    }

    /// One `Parts` per group of source indices, each renumbered in its
    /// group's order; sources in no group are dropped. Moves, never copies:
    /// a corpus can be most of a run's memory.
    fn split(self, groups: &[&[usize]]) -> Vec<Parts> {
        // Source index → (group, index in it).
        // An index out of range, or given before, is skipped.
        let mut place = vec![None; self.sources.len()];
        let mut sizes = vec![0; groups.len()];
        for (g, picked) in groups.iter().enumerate() {
            for &i in picked.iter() {
                if let Some(slot) = place.get_mut(i).filter(|x| x.is_none()) {
                    *slot = Some((g, sizes[g]));
                    sizes[g] += 1;
                }
            }
        }
        let mut out: Vec<Parts> = groups.iter().map(|_| Parts::default()).collect();
        let mut sources: Vec<Vec<Option<(Source, extract::DocProfile)>>> =
            sizes.iter().map(|&n| (0..n).map(|_| None).collect()).collect();
        for (i, (s, p)) in self.sources.into_iter().zip(self.profiles).enumerate() {
            if let Some((g, n)) = place[i] {
                sources[g][n] = Some((s, p));
            }
        }
        for (g, list) in sources.into_iter().enumerate() {
            for (s, p) in list.into_iter().flatten() {
                out[g].sources.push(s);
                out[g].profiles.push(p);
            }
        }
        let at = |i: usize| place.get(i).copied().flatten();
        let groups = out.len();
        for (part, items) in out.iter_mut().zip(routed(self.mentions, at, groups)) {
            part.mentions = items;
        }
        for (part, items) in out.iter_mut().zip(routed(self.claims, at, groups)) {
            part.claims = items;
        }
        for (part, items) in out.iter_mut().zip(routed(self.sups, at, groups)) {
            part.sups = items;
        }
        for (part, items) in out.iter_mut().zip(routed(self.problems, at, groups)) {
            part.problems = items;
        }
        // Claims and the rest follow their sources' order.
        for part in &mut out {
            part.mentions.sort_by_key(|m| m.source);
            part.claims.sort_by_key(|c| c.source);
            part.sups.sort_by_key(|x| x.source);
            part.problems.sort_by_key(|p| p.source);
        }
        out
    }

    /// `other`'s sources after this one's.
    fn append(&mut self, other: Parts) {
        let base = self.sources.len();
        self.sources.extend(other.sources);
        self.profiles.extend(other.profiles);
        let shift = |s: usize| Some(s + base);
        moved(&mut self.mentions, other.mentions, shift);
        moved(&mut self.claims, other.claims, shift);
        moved(&mut self.sups, other.sups, shift);
        moved(&mut self.problems, other.problems, shift);
    }

    fn push(&mut self, x: Extracted) {
        let i = self.sources.len();
        let Extracted { source, doc, sups, problems } = x;
        let Some(source) = source else { return };
        self.sources.push(source);
        self.profiles.push(doc.profile);
        moved(&mut self.mentions, doc.mentions, |_| Some(i));
        moved(&mut self.claims, doc.claims, |_| Some(i));
        moved(&mut self.sups, sups, |_| Some(i));
        moved(&mut self.problems, problems, |_| Some(i));
    }
}

/// What belongs to one source of a run, by its index.
trait OfSource {
    fn source_mut(&mut self) -> &mut usize;
}

impl OfSource for Mention {
    fn source_mut(&mut self) -> &mut usize {
        &mut self.source
    }
}

impl OfSource for Claim {
    fn source_mut(&mut self) -> &mut usize {
        &mut self.source
    }
}

impl OfSource for review::Suppression {
    fn source_mut(&mut self) -> &mut usize {
        &mut self.source
    }
}

impl OfSource for review::SuppressionProblem {
    fn source_mut(&mut self) -> &mut usize {
        &mut self.source
    }
}

/// Appends `items` with their sources renumbered by `to`; an item whose
/// source `to` drops is dropped.
fn moved<T: OfSource>(into: &mut Vec<T>, items: Vec<T>, to: impl Fn(usize) -> Option<usize>) {
    into.extend(items.into_iter().filter_map(|mut x| {
        let s = x.source_mut();
        *s = to(*s)?;
        Some(x)
    }));
}

/// `items` dealt into `groups` lists by `at` (source → group and its
/// index there); an item whose source is in no group is dropped.
fn routed<T: OfSource>(items: Vec<T>, at: impl Fn(usize) -> Option<(usize, usize)>, groups: usize) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = (0..groups).map(|_| Vec::new()).collect();
    for mut x in items {
        if let Some((g, n)) = at(*x.source_mut()) {
            *x.source_mut() = n;
            out[g].push(x);
        }
    }
    out
}

/// Linked and checked claims.
pub struct Checked {
    pub claims: Vec<Claim>,
    pub subjects: Vec<Subject>,
    pub graph: ClaimGraph,
    pub findings: Vec<Finding>,
}

fn renumber(findings: &mut [Finding]) {
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
    }
}

impl Run {
    /// Re-levels findings by rule (per-rule severity from configuration);
    /// `None` drops the finding.
    pub fn relevel(&mut self, level: impl Fn(check::RuleId, Severity) -> Option<Severity>) {
        let findings = std::mem::take(&mut self.findings);
        self.findings = findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = level(f.rule, f.severity)?;
                Some(f)
            })
            .collect();
        self.findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.subject.cmp(&b.subject)));
        renumber(&mut self.findings);
        // Silenced findings are still reported (SARIF lists them as
        // suppressed): at the configured level, and not at all when their
        // rule is off.
        let silenced = std::mem::take(&mut self.suppressed).into_iter().zip(std::mem::take(&mut self.suppressed_by));
        (self.suppressed, self.suppressed_by) = silenced
            .filter_map(|(mut f, by)| {
                f.severity = level(f.rule, f.severity)?;
                Some((f, by))
            })
            .unzip();
    }

    /// Drops findings a baseline lists (they were reviewed already).
    pub fn apply_baseline(&mut self, baseline: &review::Baseline) {
        let (old, new): (Vec<Finding>, Vec<Finding>) =
            std::mem::take(&mut self.findings).into_iter().partition(|f| baseline.contains(&f.fingerprint));
        self.findings = new;
        self.baselined = old;
        renumber(&mut self.findings);
    }

    /// The baseline that would accept every current finding.
    pub fn baseline(&self) -> review::Baseline {
        review::Baseline {
            version: 1,
            findings: self
                .findings
                .iter()
                .map(|f| review::BaselineEntry {
                    fingerprint: f.fingerprint.clone(),
                    rule: f.rule.as_str().to_string(),
                    subject: self.subjects[f.subject].key.clone(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }

    /// Each finding an inline suppression silenced, with that suppression
    /// (where its comment is, and its reason).
    pub fn silenced(&self) -> impl Iterator<Item = (&Finding, &review::Suppression)> {
        self.suppressed.iter().zip(&self.suppressed_by)
    }

    /// The highest severity among findings, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Claim id as shown in outputs.
    pub fn claim_id(&self, i: usize) -> String {
        format!("c{}", i + 1)
    }

    /// Feed records skipped because their text was empty (reported once
    /// per feed among the input errors).
    pub fn skipped_records(&self) -> usize {
        self.input_errors
            .iter()
            .map(|e| match e.kind {
                sources::InputErrorKind::SkippedRecords { count, .. } => count,
                _ => 0,
            })
            .sum()
    }

    /// Why a gate must not pass this run whatever it found: no draft could
    /// be read, or a path named on the command line or in the configuration
    /// (a draft, a folder of drafts, the corpus) could not be used.
    pub fn unchecked(&self) -> Option<String> {
        if let Some(e) = self.input_errors.iter().find(|e| e.is_named_failure()) {
            return Some(format!("{} was named but could not be used", e.path.display()));
        }
        (!self.sources.iter().any(|s| !s.reference)).then(|| "no draft could be read".to_string())
    }

    /// Input errors that stopped a file from being checked.
    pub fn fatal_input_errors(&self) -> impl Iterator<Item = &InputError> {
        self.input_errors.iter().filter(|e| e.is_fatal())
    }
}
