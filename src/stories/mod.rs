//! Stories: which articles of a run cover the same story, and which of
//! them are copies of one text.
//!
//! Owns grouping articles into stories (classic news clustering: tf·idf
//! vectors of light-stemmed content words, title and named entities
//! weighted apart, compared with each story's centroid within a date
//! window, candidates found through an inverted index so that no article is
//! compared with every other) and, inside a story, grouping articles into
//! origins (near-identical passages: one agency text republished). It reads
//! the profiles `extract` recorded; it does not read text, and it does not
//! decide what a claim is about: `graph` links claims only within a story.

pub mod origins;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::extract::DocProfile;
use crate::rules::{RuleError, RuleSource};
use crate::text::lexicon::KeyMap;

/// Compiled `stories.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryRules {
    pub threshold: f64,
    pub window_days: i64,
    pub decay_per_day: f64,
    pub title_weight: f64,
    pub entity_weight: f64,
    pub top_terms: usize,
    pub max_candidates: usize,
    pub max_df_share: f64,
    pub min_docs_for_df_cut: usize,
    /// Articles of two outlets that state at least this many of the same
    /// distinctive figures ([`DocProfile::figures`]), at least
    /// `figure_share` of each one's, with a cosine of `figure_min_cosine`
    /// or more, join their stories. 0 turns it off.
    #[serde(default)]
    pub figure_min_shared: usize,
    #[serde(default)]
    pub figure_share: f64,
    #[serde(default)]
    pub figure_min_cosine: f64,
    /// Stories that name one rare town join when every pair of their
    /// articles has at least this cosine (see `join_by_towns`). 0 turns it
    /// off.
    #[serde(default)]
    pub town_join_cosine: f64,
}

#[derive(Debug, Clone, Deserialize)]
struct StoriesFile {
    stories: StoryRules,
    events: EventRules,
    origins: origins::OriginRules,
    // Read by `extract::ProfileRules`.
    #[allow(dead_code)]
    stop_words: toml::Value,
}

/// How `graph` tells events of one story apart (see `graph::EventTest`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRules {
    pub rare_share: f64,
    pub min_shared_rare_terms: usize,
    pub min_clause_overlap: f64,
    pub max_days_apart: i64,
    /// Two figures of one origin (copies of one agency text, or one
    /// outlet's articles) for overlapping times whose clauses share at
    /// least this share of their terms (Jaccard) are one statement copied.
    /// Above 1 turns it off.
    #[serde(default = "no_copies")]
    pub copy_overlap: f64,
}

fn no_copies() -> f64 {
    2.0
}

/// Rules for both groupings.
#[derive(Debug, Clone)]
pub struct Rules {
    pub stories: StoryRules,
    pub events: EventRules,
    pub origins: origins::OriginRules,
    pub frequencies: std::sync::Arc<Frequencies>,
}

pub use crate::text::terms::Frequencies;

impl Rules {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        let frequencies = std::sync::Arc::new(Frequencies::parse(&src.file("df.tsv")?)?);
        Self::load_with(src, frequencies)
    }

    /// Loads `stories.toml` with frequencies already read (the extractor's,
    /// so `df.tsv` is parsed once a run).
    pub fn load_with(src: &RuleSource, frequencies: std::sync::Arc<Frequencies>) -> Result<Self, RuleError> {
        let file = src.file("stories.toml")?;
        let f: StoriesFile = file.parse()?;
        let bad = |key: &str, what: &str| RuleError::at(&file, file.setting(key), format!("stories.toml: {what}"));
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if !unit(f.stories.threshold) {
            return Err(bad("threshold", "[stories] threshold must be between 0 and 1"));
        }
        if !unit(f.stories.town_join_cosine) {
            return Err(bad("town_join_cosine", "[stories] town_join_cosine must be between 0 and 1"));
        }
        if f.events.copy_overlap.is_nan() || f.events.copy_overlap < f.events.min_clause_overlap {
            return Err(bad("copy_overlap", "[events] copy_overlap must be at least min_clause_overlap"));
        }
        if !unit(f.origins.containment) {
            return Err(bad("containment", "[origins] containment must be between 0 and 1"));
        }
        if f.stories.top_terms == 0 {
            return Err(bad("top_terms", "[stories] top_terms must be at least 1"));
        }
        if f.origins.shingle_words == 0 {
            return Err(bad("shingle_words", "[origins] shingle_words must be at least 1"));
        }
        Ok(Rules { stories: f.stories, events: f.events, origins: f.origins, frequencies })
    }
}

/// What grouping needs to know of one article.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    pub profile: &'a DocProfile,
    pub published: Option<NaiveDate>,
    pub outlet: Option<&'a str>,
    pub title: Option<&'a str>,
    /// Names the article across runs (its URL, else its path and record):
    /// a story's id is derived from its first article's.
    pub identity: &'a str,
}

/// One story: articles about one thing, published close together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable across runs over the same articles: derived from the
    /// identity of the story's first article.
    pub id: String,
    /// The first article's title, else its most distinctive words.
    pub label: String,
    /// Source indices, in input order.
    pub sources: Vec<usize>,
    /// The heaviest terms of the centroid, as written (for explanations).
    pub terms: Vec<String>,
}

/// A run's stories and origins.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// Source index → story index.
    pub story_of: Vec<usize>,
    /// Source index → origin id (the smallest source index sharing the
    /// origin): outlets that republish one text, or one outlet's articles.
    pub origin_of: Vec<usize>,
    /// Source index → the places the article names, as town keys
    /// ([`DocProfile::locatives`]), for `graph`: a toll with no place in an
    /// article that names its story's town is that town's.
    pub locatives: Vec<Vec<u64>>,
}

impl Stories {
    /// Every source in one story of its own; origins as sources (what a run
    /// of one article, or a caller that skips grouping, gets).
    pub fn singletons(n: usize) -> Self {
        Stories {
            stories: (0..n)
                .map(|i| Story { id: format!("st-{i}"), label: String::new(), sources: vec![i], terms: Vec::new() })
                .collect(),
            story_of: (0..n).collect(),
            origin_of: (0..n).collect(),
            locatives: vec![Vec::new(); n],
        }
    }

    /// The same stories with source `i` numbered `to[i]` (a permutation):
    /// placement numbers a corpus first, a run its drafts first.
    pub fn reindexed(&self, to: &[usize]) -> Stories {
        let n = self.story_of.len();
        let map = |i: usize| to.get(i).copied().unwrap_or(i);
        let mut story_of = vec![0; n];
        let mut origin_of = vec![0; n];
        let mut locatives = vec![Vec::new(); n];
        for i in 0..n {
            let j = map(i);
            if j < n {
                story_of[j] = self.story_of[i];
                origin_of[j] = self.origin_of.get(i).copied().map_or(j, map);
                locatives[j] = self.locatives.get(i).cloned().unwrap_or_default();
            }
        }
        let stories = self
            .stories
            .iter()
            .map(|s| {
                let mut sources: Vec<usize> = s.sources.iter().map(|&i| map(i)).collect();
                sources.sort_unstable();
                Story { sources, ..s.clone() }
            })
            .collect();
        Stories { stories, story_of, origin_of, locatives }
    }

    /// The number of distinct origins among `sources`.
    pub fn origins_among(&self, sources: impl IntoIterator<Item = usize>) -> usize {
        let mut o: Vec<usize> = sources.into_iter().filter_map(|s| self.origin_of.get(s).copied()).collect();
        o.sort_unstable();
        o.dedup();
        o.len()
    }
}

/// Entity keys live beside term keys in one vector; this keeps them apart.
const ENTITY_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// A sparse unit vector: (key, weight), sorted by key.
type Vector = Vec<(u64, f64)>;

/// Terms of an article that index it for candidates (its heaviest).
const POSTING_TERMS: usize = 12;
/// Stories looked at per posting list: the most recent, as stories older
/// than the window cannot be joined anyway.
const POSTING_SCAN: usize = 400;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Open {
    centroid: KeyMap<f64>,
    norm2: f64,
    /// The story's first and last publication days (articles join in date
    /// order when a run is grouped, so only `latest` moves then; a draft
    /// placed later may fall between them).
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    members: Vec<usize>,
    /// The origin of each member (in `members`' order), once the corpus
    /// is grouped: an index cut down to a few stories keeps them.
    origins: Vec<usize>,
}

impl Open {
    /// Stretches the story's span of days to cover `earliest`..`latest`.
    fn widen(&mut self, earliest: Option<NaiveDate>, latest: Option<NaiveDate>) {
        self.latest = self.latest.max(latest);
        self.earliest = match (self.earliest, earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Days from `date` to the story's span (0 inside it); `None` when
    /// either is undated.
    fn gap(&self, date: Option<NaiveDate>) -> Option<i64> {
        gap_days(self.earliest, self.latest, date)
    }
}

/// A vector's heaviest terms: the ones that index its story.
fn heaviest(v: &Vector) -> Vec<u64> {
    let mut terms: Vec<&(u64, f64)> = v.iter().collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.into_iter().take(POSTING_TERMS).map(|(k, _)| *k).collect()
}

/// The story an article of `date` and vector `v` joins in the centroid
/// pass: among the stories that share its heaviest terms and are within
/// the window, the one whose centroid is most alike (less the decay of
/// the days between), if it reaches the threshold.
fn best_story(
    r: &StoryRules,
    open: &[Open],
    postings: &KeyMap<Vec<usize>>,
    date: Option<NaiveDate>,
    v: &Vector,
) -> Option<(usize, f64)> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for k in heaviest(v) {
        if let Some(list) = postings.get(&k) {
            for &s in scanned(list) {
                *shared.entry(s).or_default() += 1;
            }
        }
    }
    let gap = |s: &Open| s.gap(date);
    ranked(r, shared, |s| open.get(s).map(gap))
        .into_iter()
        .map(|s| {
            let decay = r.decay_per_day * gap(&open[s]).unwrap_or(0) as f64;
            (s, open[s].cosine(v) - decay)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .filter(|(_, score)| *score >= r.threshold)
}

/// The stories an article is scored against: of those sharing its
/// heaviest terms (`shared`: story → how many), the ones within the
/// window (`gap`: its days from the story, `None` when either is undated;
/// an unknown story is `None` here), the most shared first, at most
/// `max_candidates`.
fn ranked(r: &StoryRules, shared: HashMap<usize, usize>, gap: impl Fn(usize) -> Option<Option<i64>>) -> Vec<usize> {
    let mut candidates: Vec<(usize, usize)> =
        shared.into_iter().filter(|(s, _)| gap(*s).is_some_and(|g| g.is_none_or(|g| g <= r.window_days))).collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(r.max_candidates);
    candidates.into_iter().map(|(s, _)| s).collect()
}

/// Article `i` joins story `s`: its centroid, latest date, members and
/// the postings of the article's heaviest terms.
fn join(open: &mut [Open], postings: &mut KeyMap<Vec<usize>>, s: usize, i: usize, date: Option<NaiveDate>, v: &Vector) {
    let story = &mut open[s];
    story.add(v);
    story.widen(date, date);
    story.members.push(i);
    for k in heaviest(v) {
        let list = postings.entry(k).or_default();
        if list.last() != Some(&s) {
            list.push(s);
        }
    }
}

/// A corpus's stories kept for placing more articles into them: an
/// editor's open drafts, against a corpus grouped once instead of on
/// every keystroke. A new article joins the story the centroid pass
/// would give it, or starts its own; it does not join stories by towns
/// or figures, nor bring two corpus stories together, as a whole run
/// might.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoryIndex {
    stories: Stories,
    open: Vec<Open>,
    postings: KeyMap<Vec<usize>>,
    /// The corpus's document frequencies, all its articles at once (not
    /// window by window, as a run weighs them): a draft's words weigh as
    /// they do among the corpus's.
    df: KeyMap<usize>,
    /// How many articles the corpus has (a [`narrowed`](Self::narrowed)
    /// index keeps the whole corpus's count, so words weigh the same).
    docs: usize,
}

impl StoryIndex {
    /// Groups `corpus` and indexes its stories.
    pub fn new(rules: &Rules, corpus: &[Article<'_>]) -> StoryIndex {
        let (stories, vectors) = group_vectors(rules, corpus);
        let mut open = vec![Open::default(); stories.stories.len()];
        let mut postings = KeyMap::default();
        for (i, v) in vectors.iter().enumerate() {
            if let Some(&s) = stories.story_of.get(i) {
                join(&mut open, &mut postings, s, i, corpus[i].published, v);
            }
        }
        for o in &mut open {
            o.origins = o.members.iter().map(|&m| stories.origin_of.get(m).copied().unwrap_or(m)).collect();
        }
        let mut df = KeyMap::default();
        for a in corpus {
            add_df(&mut df, &term_keys(a));
        }
        StoryIndex { stories, open, postings, df, docs: corpus.len() }
    }

    /// What an archive stores of the index: each story with its centroid,
    /// the postings and the document frequencies. [`from_parts`](Self::from_parts)
    /// builds an index back from any part of them.
    pub fn parts(&self) -> IndexParts<'_> {
        IndexParts {
            docs: self.docs,
            stories: self
                .stories
                .stories
                .iter()
                .zip(&self.open)
                .map(|(story, open)| IndexedStory { story: story.clone(), open: open.clone() })
                .collect(),
            postings: self
                .postings
                .iter()
                .map(|(&k, list)| {
                    let posted = scanned(list)
                        .iter()
                        .map(|&st| {
                            let o = self.open.get(st);
                            Posted { story: st, earliest: o.and_then(|o| o.earliest), latest: o.and_then(|o| o.latest) }
                        })
                        .collect();
                    (k, posted)
                })
                .collect(),
            df: &self.df,
        }
    }

    /// An index of some of a corpus's stories (`stories`, by their index
    /// in the whole), with the postings (story indices of the whole) and
    /// document frequencies read for them, of a corpus of `docs`
    /// articles. For articles whose terms' frequencies, heaviest terms'
    /// postings and candidate stories are all given
    /// ([`heaviest_terms`]), it chooses and places as the whole index.
    pub fn from_parts(
        docs: usize,
        mut stories: Vec<(usize, IndexedStory)>,
        postings: KeyMap<Vec<Posted>>,
        df: KeyMap<usize>,
    ) -> StoryIndex {
        // Ascending, so ties between stories break as in the whole index.
        stories.sort_by_key(|(i, _)| *i);
        stories.dedup_by_key(|(i, _)| *i);
        let at: HashMap<usize, usize> = stories.iter().enumerate().map(|(n, (i, _))| (*i, n)).collect();
        let postings = postings
            .into_iter()
            .filter_map(|(k, list)| {
                let kept: Vec<usize> = list.iter().filter_map(|p| at.get(&p.story).copied()).collect();
                (!kept.is_empty()).then_some((k, kept))
            })
            .collect();
        let (story_list, open) = stories.into_iter().map(|(_, x)| (x.story, x.open)).unzip();
        StoryIndex { stories: Stories { stories: story_list, ..Stories::default() }, open, postings, df, docs }
    }

    /// The corpus's stories with `new` articles placed in them; the new
    /// articles are numbered after the corpus's.
    pub fn place(&self, rules: &Rules, corpus: &[Article<'_>], new: &[Article<'_>]) -> Stories {
        let mut out = self.stories.clone();
        out.locatives = corpus.iter().map(|a| a.profile.locatives.clone()).collect();
        let vectors = self.weigh_new(rules, new);
        let article = |m: usize| if m < corpus.len() { &corpus[m] } else { &new[m - corpus.len()] };
        // Stories the new articles start, which later new articles may
        // join (a day of drafts about one new event is one story): their
        // centroids and postings, and their index in `out`.
        let mut fresh: Vec<Open> = Vec::new();
        let mut fresh_postings: KeyMap<Vec<usize>> = KeyMap::default();
        let mut fresh_at: Vec<usize> = Vec::new();
        let mut story_of_new = vec![0; new.len()];
        // In publication order, as a run groups; undated last.
        let mut order: Vec<usize> = (0..new.len()).collect();
        order.sort_by_key(|&k| (new[k].published.is_none(), new[k].published, k));
        for &k in &order {
            let (a, v) = (&new[k], &vectors[k]);
            let in_corpus = best_story(&rules.stories, &self.open, &self.postings, a.published, v);
            let in_fresh = best_story(&rules.stories, &fresh, &fresh_postings, a.published, v);
            story_of_new[k] = match (in_corpus, in_fresh) {
                (Some((s, x)), Some((_, y))) if x >= y => s,
                (Some((s, _)), None) => s,
                (_, Some((f, _))) => {
                    join(&mut fresh, &mut fresh_postings, f, k, a.published, v);
                    fresh_at[f]
                }
                (None, None) => {
                    fresh.push(Open::default());
                    join(&mut fresh, &mut fresh_postings, fresh_at.len(), k, a.published, v);
                    // Labelled from the article itself (indices into `new`).
                    let mut alone = story(&fresh[fresh_at.len()], vec![k], new);
                    alone.sources.clear();
                    out.stories.push(alone);
                    fresh_at.push(out.stories.len() - 1);
                    out.stories.len() - 1
                }
            };
        }
        for (k, (a, s)) in new.iter().zip(story_of_new).enumerate() {
            let i = corpus.len() + k;
            let origin = out.stories[s]
                .sources
                .iter()
                .find(|&&m| origins::same_origin(&rules.origins, article(m), a))
                .map_or(i, |&m| out.origin_of[m]);
            out.stories[s].sources.push(i);
            out.story_of.push(s);
            out.origin_of.push(origin);
            out.locatives.push(a.profile.locatives.clone());
        }
        out
    }
}

impl StoryIndex {
    /// The new articles' vectors, their words weighed by the corpus's
    /// frequencies and their own, without copying the corpus's.
    fn weigh_new(&self, rules: &Rules, new: &[Article<'_>]) -> Vec<Vector> {
        weigh_new(rules, &self.df, self.docs, new)
    }

    /// The corpus story each new article would join (`None`: a story of
    /// its own), as [`place`](Self::place) decides it.
    pub fn choose(&self, rules: &Rules, new: &[Article<'_>]) -> Vec<Option<usize>> {
        let vectors = self.weigh_new(rules, new);
        new.iter()
            .zip(&vectors)
            .map(|(a, v)| best_story(&rules.stories, &self.open, &self.postings, a.published, v).map(|(s, _)| s))
            .collect()
    }

    /// How many corpus articles the index was built from.
    pub fn corpus_len(&self) -> usize {
        self.docs
    }

    /// The corpus's stories.
    pub fn stories(&self) -> &Stories {
        &self.stories
    }

    /// The articles of the stories `keep` (old indices), in the order
    /// [`narrowed`](Self::narrowed) numbers them.
    pub fn members(&self, keep: &[usize]) -> Vec<usize> {
        let mut seen = std::collections::HashSet::new();
        keep.iter()
            .filter_map(|&s| self.stories.stories.get(s))
            .flat_map(|st| st.sources.iter().copied())
            .filter(|m| seen.insert(*m))
            .collect()
    }

    /// The index cut down to the stories `keep` (ascending story indices),
    /// their articles renumbered in the order of `members` (each kept
    /// story's sources, as old indices, concatenated in `keep`'s order):
    /// what a check against an archive reads, the stories its drafts fall
    /// in. For articles whose [`choose`](Self::choose) is among `keep`, it
    /// places them as the whole index does: a story's score does not
    /// depend on the others, and the corpus's frequencies and size are
    /// kept.
    pub fn narrowed(&self, keep: &[usize]) -> StoryIndex {
        let mut renumber: HashMap<usize, usize> = HashMap::new();
        let mut new_story: HashMap<usize, usize> = HashMap::new();
        for (n, &s) in keep.iter().enumerate() {
            new_story.insert(s, n);
            for &m in self.stories.stories.get(s).map(|x| x.sources.as_slice()).unwrap_or(&[]) {
                let next = renumber.len();
                renumber.entry(m).or_insert(next);
            }
        }
        let len = renumber.len();
        // Each member's story and origin, from the kept stories themselves
        // (an index read in part from an archive has nothing else).
        let mut story_of = vec![0; len];
        let mut origin_of: Vec<usize> = (0..len).collect();
        for (n, &s) in keep.iter().enumerate() {
            let Some(o) = self.open.get(s) else { continue };
            for (k, m) in o.members.iter().enumerate() {
                if let Some(&i) = renumber.get(m) {
                    story_of[i] = n;
                    if let Some(origin) = o.origins.get(k).and_then(|x| renumber.get(x)) {
                        origin_of[i] = *origin;
                    }
                }
            }
        }
        let stories = Stories {
            stories: keep
                .iter()
                .filter_map(|&s| self.stories.stories.get(s))
                .map(|st| Story { sources: st.sources.iter().map(|m| renumber[m]).collect(), ..st.clone() })
                .collect(),
            story_of,
            origin_of,
            // Filled from the corpus's profiles when drafts are placed.
            locatives: vec![Vec::new(); len],
        };
        let open = keep
            .iter()
            .filter_map(|&s| self.open.get(s))
            .map(|o| Open {
                members: o.members.iter().filter_map(|m| renumber.get(m).copied()).collect(),
                origins: o.origins.iter().filter_map(|m| renumber.get(m).copied()).collect(),
                ..o.clone()
            })
            .collect();
        let postings = self
            .postings
            .iter()
            .filter_map(|(&k, list)| {
                let kept: Vec<usize> = list.iter().filter_map(|s| new_story.get(s).copied()).collect();
                (!kept.is_empty()).then_some((k, kept))
            })
            .collect();
        StoryIndex { stories, open, postings, df: self.df.clone(), docs: self.docs }
    }
}

/// Days from `date` to the span `earliest`..`latest` (0 inside it);
/// `None` when either is undated.
fn gap_days(earliest: Option<NaiveDate>, latest: Option<NaiveDate>, date: Option<NaiveDate>) -> Option<i64> {
    let (d, first, last) = (date?, earliest?, latest?);
    Some(if d < first { (first - d).num_days() } else { (d - last).num_days().max(0) })
}

/// A story in a term's postings, with its span of days: enough to tell
/// whether it is a candidate without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Posted {
    pub story: usize,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
}

/// The stories `articles` would be scored against (ascending), from the
/// postings of their heaviest terms ([`heaviest_terms`], with `df` and
/// `docs` as there): what an index read in part must hold.
pub fn candidates_of(
    rules: &Rules,
    articles: &[Article<'_>],
    df: &KeyMap<usize>,
    docs: usize,
    postings: &KeyMap<Vec<Posted>>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (a, v) in articles.iter().zip(weigh_new(rules, df, docs, articles)) {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut spans: HashMap<usize, (Option<NaiveDate>, Option<NaiveDate>)> = HashMap::new();
        for k in heaviest(&v) {
            for p in postings.get(&k).map(|l| scanned(l.as_slice())).unwrap_or(&[]) {
                *shared.entry(p.story).or_default() += 1;
                spans.insert(p.story, (p.earliest, p.latest));
            }
        }
        out.extend(ranked(&rules.stories, shared, |s| spans.get(&s).map(|&(e, l)| gap_days(e, l, a.published))));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A story of an index with its centroid: what an archive keeps a row of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedStory {
    story: Story,
    open: Open,
}

impl IndexedStory {
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// Each member (an article's index in the corpus) with its origin.
    pub fn members(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.open.members.iter().zip(&self.open.origins).map(|(&m, &o)| (m, o))
    }
}

/// What an index is made of, for storing it in parts.
pub struct IndexParts<'a> {
    pub docs: usize,
    pub stories: Vec<IndexedStory>,
    /// Each term's scanned postings ([`scanned`]) with their spans.
    pub postings: KeyMap<Vec<Posted>>,
    pub df: &'a KeyMap<usize>,
}

/// Every term key of `articles`' vectors: the document frequencies an
/// index read in part needs for them.
pub fn terms_of(articles: &[Article<'_>]) -> Vec<u64> {
    let mut keys: Vec<u64> = articles.iter().flat_map(term_keys).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The terms whose postings decide which stories `articles` may join,
/// their words weighed by `df` (the corpus's, for at least
/// [`terms_of`] them) in a corpus of `docs` articles.
pub fn heaviest_terms(rules: &Rules, articles: &[Article<'_>], df: &KeyMap<usize>, docs: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = weigh_new(rules, df, docs, articles).iter().flat_map(heaviest).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// New articles' vectors, their words weighed by a corpus's frequencies
/// (`df`, of `docs` articles) and their own.
fn weigh_new(rules: &Rules, corpus_df: &KeyMap<usize>, docs: usize, new: &[Article<'_>]) -> Vec<Vector> {
    let tfs: Vec<KeyMap<f64>> = new.iter().map(|a| term_counts(&rules.stories, a)).collect();
    let mut own = KeyMap::default();
    new.iter().for_each(|a| add_df(&mut own, &term_keys(a)));
    let df = |k: u64| match (corpus_df.get(&k), own.get(&k)) {
        (None, None) => None,
        (a, b) => Some(a.copied().unwrap_or(0) + b.copied().unwrap_or(0)),
    };
    let docs = docs + new.len();
    tfs.iter().map(|tf| weigh(&rules.stories, &rules.frequencies, tf, &df, docs)).collect()
}

/// The stories a term's postings can make candidates: the most recent
/// few hundred, as [`best_story`] scans them.
pub fn scanned<T>(list: &[T]) -> &[T] {
    &list[list.len().saturating_sub(POSTING_SCAN)..]
}

impl Open {
    fn add(&mut self, v: &Vector) {
        for &(k, w) in v {
            let c = self.centroid.entry(k).or_insert(0.0);
            self.norm2 += (*c + w).powi(2) - c.powi(2);
            *c += w;
        }
    }

    fn cosine(&self, v: &Vector) -> f64 {
        if self.norm2 <= 0.0 {
            return 0.0;
        }
        let dot: f64 = v.iter().filter_map(|(k, w)| self.centroid.get(k).map(|c| c * w)).sum();
        dot / self.norm2.sqrt()
    }
}

/// Groups articles into stories and origins.
pub fn group(rules: &Rules, articles: &[Article<'_>]) -> Stories {
    group_vectors(rules, articles).0
}

/// [`group`], with the articles' vectors it weighed.
fn group_vectors(rules: &Rules, articles: &[Article<'_>]) -> (Stories, Vec<Vector>) {
    let r = &rules.stories;
    let vectors = vectors(r, &rules.frequencies, articles);
    // Publication order; undated articles last, in input order.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].published.is_none(), articles[i].published, i));
    let mut open: Vec<Open> = Vec::new();
    let mut postings: KeyMap<Vec<usize>> = KeyMap::default();
    let mut story_of = vec![0; articles.len()];
    for &i in &order {
        let v = &vectors[i];
        let date = articles[i].published;
        let s = best_story(r, &open, &postings, date, v).map(|(s, _)| s).unwrap_or_else(|| {
            open.push(Open::default());
            open.len() - 1
        });
        join(&mut open, &mut postings, s, i, date, v);
        story_of[i] = s;
    }
    join_by_towns(rules, articles, &vectors, &mut open, &mut story_of);
    join_by_figures(r, articles, &vectors, &mut open, &mut story_of);
    // Number stories by their first source in input order, so ids and
    // output follow the input, not the date sort.
    let mut by_first: Vec<usize> = (0..open.len()).filter(|&s| !open[s].members.is_empty()).collect();
    by_first.sort_by_key(|&s| open[s].members.iter().min().copied().unwrap_or(usize::MAX));
    let mut renumber = vec![0; open.len()];
    for (new, &old) in by_first.iter().enumerate() {
        renumber[old] = new;
    }
    let mut stories: Vec<Story> = by_first
        .iter()
        .map(|&s| {
            let mut sources = open[s].members.clone();
            sources.sort_unstable();
            story(&open[s], sources, articles)
        })
        .collect();
    for s in &mut story_of {
        *s = renumber[*s];
    }
    disambiguate_ids(&mut stories);
    let origin_of = origins::group(&rules.origins, articles, &story_of);
    let locatives = articles.iter().map(|a| a.profile.locatives.clone()).collect();
    (Stories { stories, story_of, origin_of, locatives }, vectors)
}

/// A story no larger than this squared is checked pair by pair when two
/// are joined; larger joins are refused.
const MAX_JOIN_CHECK: usize = 4096;

/// A town named by more stories than this is a region's name, not one
/// incident's town: no join is tried through it (it also bounds the pairs).
const MAX_STORIES_PER_TOWN: usize = 24;

/// Joins two stories that name the same rare town the gazetteer does not
/// know («سروج», «سوروتش»: one folded name) when every article of one has
/// a cosine of at least `town_join_cosine` with every article of the
/// other (complete linkage; articles further apart than the window need
/// not pair). Reports of one bombing that each tell a different part of
/// it (the toll, the bomber, the funeral) say less in common than the
/// centroid pass asks, but they name its town. Stories are tried town by
/// town, so an archive that names no rare town costs nothing here.
fn join_by_towns(
    rules: &Rules,
    articles: &[Article<'_>],
    vectors: &[Vector],
    open: &mut [Open],
    story_of: &mut [usize],
) {
    let r = &rules.stories;
    if r.town_join_cosine <= 0.0 {
        return;
    }
    let rare = |k: &u64| rules.frequencies.rare(*k, rules.events.rare_share);
    // Towns named after a class noun somewhere in the run («في بلدة
    // سروج»); an article names one also by the bare name after «في».
    let mut by_town: std::collections::BTreeMap<u64, Vec<usize>> =
        articles.iter().flat_map(|a| a.profile.towns.iter().copied().filter(rare)).map(|k| (k, Vec::new())).collect();
    for (i, a) in articles.iter().enumerate() {
        for k in &a.profile.locatives {
            if let Some(list) = by_town.get_mut(k) {
                if !list.contains(&story_of[i]) {
                    list.push(story_of[i]);
                }
            }
        }
    }
    let alike = |x: usize, y: usize| {
        let gap = match (articles[x].published, articles[y].published) {
            (Some(a), Some(b)) => (a - b).num_days().abs(),
            _ => 0,
        };
        gap > r.window_days || dot(&vectors[x], &vectors[y]) - r.decay_per_day * gap as f64 >= r.town_join_cosine
    };
    // Stories joined before are followed to the one they went into.
    let mut parent: Vec<usize> = (0..open.len()).collect();
    for stories in by_town.into_values().filter(|s| s.len() > 1 && s.len() <= MAX_STORIES_PER_TOWN) {
        for (n, &first) in stories.iter().enumerate() {
            for &second in &stories[n + 1..] {
                let (ga, gb) = (root(&mut parent, first), root(&mut parent, second));
                if ga == gb || open[ga].members.len() * open[gb].members.len() > MAX_JOIN_CHECK {
                    continue;
                }
                if !open[ga].members.iter().all(|&x| open[gb].members.iter().all(|&y| alike(x, y))) {
                    continue;
                }
                let (into, from) = (ga.min(gb), ga.max(gb));
                parent[from] = into;
                absorb(open, story_of, vectors, into, from);
            }
        }
    }
}

/// A figure stated by more articles than this says nothing of a story (a
/// phone number in every column's footer); it also bounds the pairs.
const MAX_ARTICLES_PER_FIGURE: usize = 24;

/// Joins the stories of two articles of different outlets that state the
/// same distinctive figures («431 … 144»): rewrites of one statement share
/// its numbers more than its words. Empty stories are left in `open`.
fn join_by_figures(
    r: &StoryRules,
    articles: &[Article<'_>],
    vectors: &[Vector],
    open: &mut [Open],
    story_of: &mut [usize],
) {
    if r.figure_min_shared == 0 {
        return;
    }
    let mut by_figure: KeyMap<Vec<usize>> = KeyMap::default();
    for (i, a) in articles.iter().enumerate() {
        for &f in &a.profile.figures {
            by_figure.entry(f).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in by_figure.values().filter(|l| l.len() <= MAX_ARTICLES_PER_FIGURE) {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = shared
        .into_iter()
        .filter(|&((a, b), n)| {
            let (x, y) = (&articles[a], &articles[b]);
            let more = x.profile.figures.len().max(y.profile.figures.len());
            let outlets_differ = match (x.outlet, y.outlet) {
                (Some(p), Some(q)) => !p.eq_ignore_ascii_case(q),
                _ => true,
            };
            let near = match (x.published, y.published) {
                (Some(p), Some(q)) => (p - q).num_days().abs() <= r.window_days,
                _ => true,
            };
            n >= r.figure_min_shared
                && n as f64 >= r.figure_share * more as f64
                && outlets_differ
                && near
                && dot(&vectors[a], &vectors[b]) >= r.figure_min_cosine
        })
        .map(|(p, _)| p)
        .collect();
    pairs.sort_unstable();
    let mut parent: Vec<usize> = (0..open.len()).collect();
    for (a, b) in pairs {
        let (x, y) = (root(&mut parent, story_of[a]), root(&mut parent, story_of[b]));
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
    }
    for s in 0..open.len() {
        let into = root(&mut parent, s);
        if into == s {
            continue;
        }
        absorb(open, story_of, vectors, into, s);
    }
}

/// The story `s` belongs to after the joins recorded in `parent`.
fn root(parent: &mut [usize], mut s: usize) -> usize {
    while parent[s] != s {
        parent[s] = parent[parent[s]];
        s = parent[s];
    }
    s
}

/// Moves story `from`'s articles into story `into` (leaving `from` empty).
fn absorb(open: &mut [Open], story_of: &mut [usize], vectors: &[Vector], into: usize, from: usize) {
    let members = std::mem::take(&mut open[from].members);
    for &m in &members {
        story_of[m] = into;
        open[into].add(&vectors[m]);
    }
    let (earliest, latest) = (open[from].earliest, open[from].latest);
    open[into].widen(earliest, latest);
    open[into].members.extend(members);
}

/// The dot product of two sorted sparse unit vectors: their cosine.
fn dot(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Counts an article's terms in the document frequencies.
fn add_df(df: &mut KeyMap<usize>, keys: &[u64]) {
    for k in keys {
        *df.entry(*k).or_default() += 1;
    }
}

/// Takes an article's terms out of the document frequencies.
fn remove_df(df: &mut KeyMap<usize>, keys: &[u64]) {
    for k in keys {
        if let Some(n) = df.get_mut(k) {
            *n -= 1;
            if *n == 0 {
                df.remove(k);
            }
        }
    }
}

/// The keys of an article's term counts ([`term_counts`]), sorted, from
/// its profile: a run's window of document frequencies adds and removes
/// each article's terms without holding every article's counts.
fn term_keys(a: &Article<'_>) -> Vec<u64> {
    let p = &a.profile;
    let mut keys: Vec<u64> = p
        .body_terms
        .iter()
        .chain(&p.title_terms)
        .map(|&(k, _)| k)
        .chain(p.entities.iter().map(|&(k, _)| k ^ ENTITY_SALT))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// An article's weighted term counts: body terms, title terms (times
/// `title_weight`) and entities (times `entity_weight`, keyed apart).
fn term_counts(r: &StoryRules, a: &Article<'_>) -> KeyMap<f64> {
    let mut tf: KeyMap<f64> = KeyMap::default();
    for &(k, n) in &a.profile.body_terms {
        *tf.entry(k).or_default() += f64::from(n);
    }
    for &(k, n) in &a.profile.title_terms {
        *tf.entry(k).or_default() += r.title_weight * f64::from(n);
    }
    for &(k, n) in &a.profile.entities {
        *tf.entry(k ^ ENTITY_SALT).or_default() += r.entity_weight * f64::from(n);
    }
    tf
}

/// Term counts as a unit tf·idf vector of the `top_terms` heaviest, with
/// `df` over `docs` articles added to the reference corpus's frequencies.
fn weigh(
    r: &StoryRules,
    reference: &Frequencies,
    tf: &KeyMap<f64>,
    df: &dyn Fn(u64) -> Option<usize>,
    docs: usize,
) -> Vector {
    let n = docs + reference.articles as usize;
    let cut = (n >= r.min_docs_for_df_cut).then(|| (r.max_df_share * n as f64).ceil() as usize);
    let mut v: Vector = tf
        .iter()
        .filter_map(|(&k, &f)| {
            // A weight of 0 in the rules turns a part off.
            if f <= 0.0 {
                return None;
            }
            let d = df(k).unwrap_or(1) + reference.df.get(&k).copied().unwrap_or(0) as usize;
            if cut.is_some_and(|c| d > c) {
                return None;
            }
            let idf = ((n as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0;
            Some((k, (1.0 + f.ln()) * idf))
        })
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(r.top_terms);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    v.sort_by_key(|x| x.0);
    v
}

/// The tf·idf vector of every article, cut to its heaviest terms and
/// scaled to unit length. Document frequencies are the reference corpus's
/// plus those of the run's articles within `window_days` of the article
/// (all of them for an undated one): an archive of years, or fixtures run
/// with a real day, weighs an article's words as its own weeks do.
fn vectors(r: &StoryRules, reference: &Frequencies, articles: &[Article<'_>]) -> Vec<Vector> {
    // Each article's counts are made when it is weighed and dropped after:
    // held for every article at once they were the largest thing in a
    // run's memory (41 MB of 180 at 10k articles).
    let weigh = |a: &Article<'_>, df: &KeyMap<usize>, docs: usize| {
        weigh(r, reference, &term_counts(r, a), &|k| df.get(&k).copied(), docs)
    };
    let mut out: Vec<Vector> = vec![Vec::new(); articles.len()];
    // Undated articles count in every window, and are weighed against all.
    let undated: Vec<usize> = (0..articles.len()).filter(|&i| articles[i].published.is_none()).collect();
    let mut dated: Vec<(NaiveDate, usize)> =
        articles.iter().enumerate().filter_map(|(i, a)| a.published.map(|d| (d, i))).collect();
    dated.sort_unstable();
    if !undated.is_empty() {
        let mut all = KeyMap::default();
        for a in articles {
            add_df(&mut all, &term_keys(a));
        }
        for &i in &undated {
            out[i] = weigh(&articles[i], &all, articles.len());
        }
    }
    let mut df: KeyMap<usize> = KeyMap::default();
    for &i in &undated {
        add_df(&mut df, &term_keys(&articles[i]));
    }
    let window = chrono::Duration::days(r.window_days.max(0));
    let (mut lo, mut hi) = (0, 0);
    for k in 0..dated.len() {
        let (day, i) = dated[k];
        while hi < dated.len() && dated[hi].0 <= day + window {
            add_df(&mut df, &term_keys(&articles[dated[hi].1]));
            hi += 1;
        }
        while dated[lo].0 < day - window {
            remove_df(&mut df, &term_keys(&articles[dated[lo].1]));
            lo += 1;
        }
        out[i] = weigh(&articles[i], &df, hi - lo + undated.len());
    }
    out
}

fn story(open: &Open, sources: Vec<usize>, articles: &[Article<'_>]) -> Story {
    let first = sources.first().copied().unwrap_or(0);
    let identity = articles.get(first).map(|a| a.identity).unwrap_or_default();
    // The centroid's heaviest terms that some member wrote down.
    let mut weights: Vec<(u64, f64)> = open.centroid.iter().map(|(k, w)| (*k, *w)).collect();
    weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut terms = Vec::new();
    for (k, _) in weights {
        if terms.len() == 6 {
            break;
        }
        let word = sources.iter().find_map(|&s| articles[s].profile.words.get(k).map(str::to_string));
        if let Some(w) = word {
            terms.push(w);
        }
    }
    let title = sources.iter().find_map(|&s| articles[s].title.filter(|t| !t.trim().is_empty()));
    let label = match title {
        Some(t) => t.trim().to_string(),
        None => terms.iter().take(4).cloned().collect::<Vec<_>>().join(" "),
    };
    Story { id: format!("st-{:08x}", fnv32(identity)), label, sources, terms }
}

/// Two stories whose first articles share an identity (one file given
/// twice) would share an id: later ones get a suffix.
fn disambiguate_ids(stories: &mut [Story]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in stories {
        let n = seen.entry(s.id.clone()).or_default();
        if *n > 0 {
            s.id = format!("{}-{n}", s.id);
        }
        *n += 1;
    }
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn profile(words: &[(&str, u32)]) -> DocProfile {
        let mut body: Vec<(u64, u32)> = words.iter().map(|(w, n)| (crate::text::lexicon::word_key(w), *n)).collect();
        body.sort_unstable();
        DocProfile { body_terms: body, ..Default::default() }
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2015, 7, d)
    }

    fn rules() -> Rules {
        Rules::load(&RuleSource::builtin()).expect("built-in stories.toml loads")
    }

    fn run(docs: &[(DocProfile, Option<NaiveDate>)]) -> Stories {
        let ids: Vec<String> = (0..docs.len()).map(|i| format!("doc{i}")).collect();
        let arts: Vec<Article<'_>> = docs
            .iter()
            .zip(&ids)
            .map(|((p, d), id)| Article { profile: p, published: *d, outlet: None, title: None, identity: id })
            .collect();
        group(&rules(), &arts)
    }

    #[test]
    fn articles_on_one_story_group_and_another_story_stays_apart() {
        let bomb = [("تفجير", 3), ("سوروج", 4), ("انتحاري", 2), ("قتلى", 2), ("الأكراد", 1)];
        let bomb2 = [("تفجير", 2), ("سوروج", 3), ("انتحاري", 1), ("ضحايا", 2), ("تركيا", 1)];
        let debt = [("اليونان", 4), ("الديون", 3), ("الدائنين", 2), ("منطقة", 1), ("اليورو", 3)];
        let s = run(&[(profile(&bomb), day(22)), (profile(&debt), day(22)), (profile(&bomb2), day(23))]);
        assert_eq!(s.stories.len(), 2);
        assert_eq!(s.story_of[0], s.story_of[2]);
        assert_ne!(s.story_of[0], s.story_of[1]);
    }

    #[test]
    fn the_date_window_splits_one_subject_months_apart() {
        let a = [("تفجير", 3), ("سوروج", 4), ("انتحاري", 2)];
        let window = rules().stories.window_days;
        let later = day(1).map(|d| d + chrono::Duration::days(window + 1));
        let s = run(&[(profile(&a), day(1)), (profile(&a), later)]);
        assert_ne!(s.story_of[0], s.story_of[1], "a day beyond the window is another story");
        let s = run(&[(profile(&a), day(1)), (profile(&a), day(2))]);
        assert_eq!(s.story_of[0], s.story_of[1]);
    }

    #[test]
    fn ids_are_stable_and_numbered_in_input_order() {
        let a = [("تفجير", 3), ("سوروج", 4)];
        let b = [("اليونان", 4), ("الديون", 3)];
        let s1 = run(&[(profile(&b), day(23)), (profile(&a), day(22))]);
        let s2 = run(&[(profile(&b), day(23)), (profile(&a), day(22))]);
        assert_eq!(s1.stories, s2.stories);
        assert_eq!(s1.story_of, vec![0, 1], "story 0 holds the first input, though it was published later");
    }

    fn run_outlets(docs: &[(DocProfile, &str)]) -> Stories {
        let ids: Vec<String> = (0..docs.len()).map(|i| format!("doc{i}")).collect();
        let arts: Vec<Article<'_>> = docs
            .iter()
            .zip(&ids)
            .map(|((p, o), id)| Article { profile: p, published: day(22), outlet: Some(o), title: None, identity: id })
            .collect();
        group(&rules(), &arts)
    }

    #[test]
    fn two_outlets_stating_the_same_distinctive_figures_are_one_story() {
        // Two angles on one statement: a little in common, below the
        // threshold, and the same figures.
        let with = |words: &[(&str, u32)], figures: &[u64]| DocProfile { figures: figures.to_vec(), ..profile(words) };
        let statement = [("الداخلية", 3), ("خلايا", 3), ("موقوفا", 2), ("المخطط", 2), ("التنظيم", 2), ("الإرهابي", 1)];
        let conference = [("المؤتمر", 3), ("المتحدث", 3), ("تويتر", 2), ("التنظيم", 2), ("المناصحة", 2), ("خلايا", 1)];
        let alone = run_outlets(&[(profile(&statement), "okaz"), (profile(&conference), "sabq")]);
        assert_ne!(alone.story_of[0], alone.story_of[1], "the words alone keep them apart");
        let figures = [431, 144, 97];
        let joined =
            run_outlets(&[(with(&statement, &figures), "okaz"), (with(&conference, &[431, 144, 2153]), "sabq")]);
        assert_eq!(joined.story_of[0], joined.story_of[1]);
        assert_eq!(joined.stories.len(), 1);
        // Not one outlet's two articles (a column's footer), not two
        // figures among many (a table of prices), not with nothing else
        // in common.
        let one_outlet = run_outlets(&[(with(&statement, &figures), "okaz"), (with(&conference, &figures), "okaz")]);
        assert_ne!(one_outlet.story_of[0], one_outlet.story_of[1]);
        let table: Vec<u64> = (0..12).map(|k| 101 + 2 * k).chain([431, 144]).collect();
        let among_many = run_outlets(&[(with(&statement, &figures), "okaz"), (with(&conference, &table), "sabq")]);
        assert_ne!(among_many.story_of[0], among_many.story_of[1]);
        let unrelated = [("الأسهم", 3), ("المؤشر", 3), ("السيولة", 2)];
        let nothing = run_outlets(&[(with(&statement, &figures), "okaz"), (with(&unrelated, &figures), "sabq")]);
        assert_ne!(nothing.story_of[0], nothing.story_of[1]);
    }

    #[test]
    fn words_weigh_what_they_weigh_in_the_article_s_own_weeks() {
        // Two reports of a quake, and a hundred articles that use its words
        // every day: within the window they make those words common and the
        // two reports apart; a year later they say nothing of its weeks.
        let a = [("زلزال", 3), ("تركيا", 2), ("سوريا", 2), ("انهيار", 3), ("مبنى", 2)];
        let b = [("زلزال", 3), ("تركيا", 2), ("سوريا", 2), ("إغاثة", 3), ("مستشفى", 2)];
        let crowd = |offset: i64| -> Vec<(DocProfile, Option<NaiveDate>)> {
            (0..400)
                .map(|k| {
                    let own = format!("كلمة{k}");
                    let words = [("زلزال", 1), ("تركيا", 2), ("سوريا", 2), (own.as_str(), 4)];
                    (profile(&words), day(1).map(|d| d + chrono::Duration::days(offset)))
                })
                .collect()
        };
        let with = |offset: i64| {
            let mut docs = vec![(profile(&a), day(1)), (profile(&b), day(2))];
            docs.extend(crowd(offset));
            run(&docs)
        };
        let near = with(3);
        assert_ne!(near.story_of[0], near.story_of[1], "the crowd's weeks: the shared words are common");
        let far = with(400);
        assert_eq!(far.story_of[0], far.story_of[1], "a year later the crowd weighs nothing here");
    }

    #[test]
    fn reports_naming_one_rare_town_join_when_every_pair_is_alike() {
        // Two reports of one bombing that tell different parts of it
        // (cosine 1/3: alike, but less than the centroid pass asks): one
        // story when both name the town, two when they name none.
        let town = crate::extract::town_key("سرج");
        let with_town = |words: &[(&str, u32)], named: bool| {
            let mut p = profile(words);
            if named {
                p.towns = vec![town];
                p.locatives = vec![town];
            }
            p
        };
        let toll = [("كلمةالف", 1), ("كلمةباء", 1), ("كلمةتاء", 1)];
        let bomber = [("كلمةالف", 1), ("كلمةثاء", 1), ("كلمةجيم", 1)];
        let named = run(&[(with_town(&toll, true), day(22)), (with_town(&bomber, true), day(23))]);
        assert_eq!(named.story_of[0], named.story_of[1]);
        let unnamed = run(&[(with_town(&toll, false), day(22)), (with_town(&bomber, false), day(23))]);
        assert_ne!(unnamed.story_of[0], unnamed.story_of[1]);
        // The second names it bare («في سوروتش»), the first after a class
        // noun: one story.
        let mut bare = with_town(&bomber, false);
        bare.locatives = vec![town];
        let one_bare = run(&[(with_town(&toll, true), day(22)), (bare.clone(), day(23))]);
        assert_eq!(one_bare.story_of[0], one_bare.story_of[1]);
        // Named bare by both, after a class noun by neither: no town.
        let mut bare_too = with_town(&toll, false);
        bare_too.locatives = vec![town];
        let none = run(&[(bare_too, day(22)), (bare, day(23))]);
        assert_ne!(none.story_of[0], none.story_of[1]);
    }

    #[test]
    fn an_article_sharing_nothing_is_a_story_of_its_own() {
        let s = run(&[(profile(&[("تفجير", 1)]), day(1)), (DocProfile::default(), day(1))]);
        assert_eq!(s.stories.len(), 2);
    }
}
