//! Extraction: from a document's values and entities to typed claims.
//!
//! Owns deciding what a number counts, what an amount pays for, which event
//! a date belongs to, where a named site is and who a named person is —
//! each from the words of the clause, driven by the rule files — and
//! recording which words decided it. Extraction never fails on text: a value
//! whose subject cannot be told stays a mention and is never compared. It
//! does not compare claims across sources; see `graph` and `check`.

pub mod cues;
pub mod entities;
pub mod frames;
pub mod quantities;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::{RuleError, RuleSource};
use crate::sources::Source;
use crate::span::Span;
use crate::text::dates::{DateLexicon, DateMarker, DateMatch};
use crate::text::money::{MoneyLexicon, MoneyMatch};
use crate::text::numbers::{NumberLexicon, NumberMatch};
use crate::text::terms::{self, StopWords};
use crate::text::{TokenKind, Tokenized};
use crate::value::{DateRange, Interval, Money, Precision};
use entities::{ActorForm, Entity, EntityKind, Gazetteer};
use frames::{FrameSet, KeyPart};

/// Every compiled rule the extractor uses.
pub struct Extractor {
    pub numbers: NumberLexicon,
    pub money: MoneyLexicon,
    pub dates: DateLexicon,
    pub gazetteer: Gazetteer,
    pub frames: FrameSet,
    pub cues: cues::CueRules,
    pub profiles: ProfileRules,
    pub quantities: quantities::QuantityRules,
    pub ordinals: crate::text::ordinals::OrdinalLexicon,
}

/// What `extract` needs of `stories.toml`: the stop words and the shingle
/// size, to record each document's profile while its tokens are at hand.
#[derive(Debug, Clone, Default)]
pub struct ProfileRules {
    pub stop: StopWords,
    pub shingle_words: usize,
    pub keep_one_in: u64,
}

impl ProfileRules {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        #[derive(serde::Deserialize)]
        struct File {
            origins: Origins,
            stop_words: Stop,
        }
        #[derive(serde::Deserialize)]
        struct Origins {
            shingle_words: usize,
            keep_one_in: u64,
        }
        #[derive(serde::Deserialize)]
        struct Stop {
            words: Vec<String>,
        }
        // The other sections belong to `stories`; unknown keys are its to judge.
        let f: File = src.file("stories.toml")?.parse()?;
        Ok(ProfileRules {
            stop: StopWords::new(f.stop_words.words.iter().map(String::as_str)),
            shingle_words: f.origins.shingle_words,
            keep_one_in: f.origins.keep_one_in,
        })
    }
}

impl Extractor {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        Ok(Extractor {
            numbers: NumberLexicon::from_file(&src.file("numbers.toml")?)?,
            money: MoneyLexicon::from_file(&src.file("money.toml")?)?,
            dates: DateLexicon::from_file(&src.file("dates.toml")?)?,
            gazetteer: Gazetteer::load(src)?,
            frames: FrameSet::load(src)?,
            cues: cues::CueRules::load(src)?,
            profiles: ProfileRules::load(src)?,
            quantities: quantities::QuantityRules::load(src)?,
            ordinals: crate::text::ordinals::OrdinalLexicon::from_file(&src.file("ordinals.toml")?)?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Count,
    /// A measure with a unit (a length, a capacity, a duration, a share).
    Quantity,
    Money,
    Date,
    Place,
    Role,
}

impl ClaimKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimKind::Count => "count",
            ClaimKind::Quantity => "quantity",
            ClaimKind::Money => "money",
            ClaimKind::Date => "date",
            ClaimKind::Place => "place",
            ClaimKind::Role => "role",
        }
    }
}

/// A claim's typed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClaimValue {
    Count(Interval),
    /// A quantity in its dimension's base unit (`unit`), whatever unit the
    /// source wrote.
    Quantity {
        value: Interval,
        unit: Arc<str>,
    },
    Money(Money),
    Date(DateRange),
    /// A relative date with no publication date to resolve it against.
    UnresolvedDate(String),
    /// Where a site is: a place or country id.
    Place {
        id: String,
        country: Option<String>,
    },
    /// A person's title as written (normalised), and the consonant
    /// skeleton of the name (for linking spelling variants).
    Role {
        title: String,
        skeleton: String,
    },
}

impl ClaimValue {
    /// The normalised notation used in every output.
    pub fn normalized(&self) -> String {
        match self {
            ClaimValue::Count(i) => i.notation(),
            ClaimValue::Quantity { value, unit } => format!("{} {unit}", value.notation()),
            ClaimValue::Money(m) => m.notation(),
            ClaimValue::Date(d) => d.notation(),
            ClaimValue::UnresolvedDate(_) => "unresolved".to_string(),
            ClaimValue::Place { id, .. } => id.clone(),
            ClaimValue::Role { title, .. } => title.clone(),
        }
    }
}

/// When a count or money claim holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeScope {
    pub range: DateRange,
    /// The words that gave it; empty when implicit.
    pub text: String,
    pub span: Option<Span>,
    /// Not stated: taken from the publication date, or from the day the
    /// text says it was written (`written`).
    pub implicit: bool,
    /// An implicit time taken from the day the text says it was written
    /// («اليوم الاثنين»), not from the feed's date.
    pub written: bool,
}

impl TimeScope {
    /// Where an implicit time comes from, for people: the feed's date or
    /// the day the text says it was written.
    pub fn assumed_from(&self) -> &'static str {
        if self.written {
            "the day the article says it was written"
        } else {
            "the publication date"
        }
    }
}

/// Words that decided part of a claim, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What these words decided: one of [`DECIDED`].
    pub decided: &'static str,
    pub text: String,
    pub span: Option<Span>,
    pub note: String,
}

/// What a piece of [`Evidence`] can decide.
pub const DECIDED: &[&str] =
    &["measure", "actor", "place", "event", "role", "topic", "time", "hedge", "site", "title", "property"];

/// Evidence as an archive stores it: `decided` is read back into one of
/// [`DECIDED`] (a word no longer known reads as "other").
impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            decided: String,
            text: String,
            span: Option<Span>,
            note: String,
        }
        let e = Stored::deserialize(d)?;
        let decided = DECIDED.iter().find(|w| **w == e.decided).copied().unwrap_or("other");
        Ok(Evidence { decided, text: e.text, span: e.span, note: e.note })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Index of the source in the run.
    pub source: usize,
    pub kind: ClaimKind,
    pub subject: Arc<str>,
    /// Subject and label are shared among a run's claims that have them
    /// (see `Parts::push` in lib.rs).
    pub subject_label: Arc<str>,
    pub value: ClaimValue,
    pub time: Option<TimeScope>,
    pub span: Span,
    pub sentence: Span,
    /// Shared: an editor copies the claims it checks on every change.
    pub evidence: Arc<[Evidence]>,
    /// A running total (a death toll) that may rise between reports: later,
    /// higher figures are a change over time, not a conflict.
    pub cumulative: bool,
    /// For dates of events that recur (quakes, coups): dates further apart
    /// than this many days are different events.
    pub same_event_within_days: Option<u32>,
    /// What the claim's clause says of its event, for telling events of one
    /// story apart (see `graph`).
    pub cue: EventCue,
    /// The story of the claim's source, once stories are grouped (see
    /// `stories`); 0 until then.
    pub story: usize,
    /// A day named relative to publication (أمس، اليوم، الخميس): only as
    /// sure as the publication date, which a feed may give a day or two late.
    pub relative_day: bool,
    /// What must tie it to another claim of its key besides the key and
    /// the event cues (see `graph::EventTest`).
    pub binding: Binding,
    /// Key parts (bit i: the i-th `/`-separated part of `subject`) the text
    /// does not state but the article implies: a place that is the
    /// article's main country. Such a part does not split the claim from
    /// one that states it (see `graph`).
    #[serde(default)]
    pub assumed: u8,
}

/// The bit of `Claim::assumed` for the key part at `index`.
pub fn assumed_part(index: usize) -> u8 {
    if index < 8 {
        1 << index
    } else {
        0
    }
}

/// What ties a claim to another of its key, from least to most.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Binding {
    /// The key and the event cues (a listed measure; tolls have their own
    /// test through `cumulative`).
    #[default]
    Key,
    /// Also clauses that speak of one event: a figure whose noun no rule
    /// lists (an open counted noun, a quantity) says less of its event
    /// than a toll.
    ClauseWords,
    /// Also a stated day on both sides, one day: a level a series reached
    /// after a change ("ارتفعت الأسهم المتداولة … إلى 143 مليون سهم") is
    /// one session's, one tally's; without its day it is set against none.
    StatedDay,
}

/// The words around a claim that say which event it is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventCue {
    /// Incidents (frame ids of `frames.toml` marked `incident`) named in the
    /// clause; when it names none, those of the article's title and first
    /// sentence.
    pub frames: Vec<Arc<str>>,
    /// The frames come from the article's lead, not the clause.
    pub from_lead: bool,
    /// The one incident named, when it is of a kind that happens once in
    /// days at most in one place (a quake, `same_event_within_days` ≥ 1):
    /// every toll of the story that names it is of that incident.
    pub singular: Option<Arc<str>>,
    /// The clause names, written definite («الهجوم», «التفجير الانتحاري»),
    /// an incident that its article's lead (title, else first sentence)
    /// names: it speaks of the article's own event, as a reader takes "the
    /// attack" to be the headline's. Two such tolls of one story are of
    /// one event unless a cue parts them.
    pub lead_incident: Option<Arc<str>>,
    /// The claim is stated in its article's lead sentence (the first
    /// sentence of the body that is more than a dateline): news is written
    /// with the story's main facts first.
    pub in_lead: bool,
    /// Where the event happened, below a country: cities named as places
    /// in the claim's clause, named sites (by their city when known), and
    /// names after a class noun ("في بلدة مندلي"), folded
    /// ([`cues::CueRules::place_key`]).
    pub places: Vec<Arc<str>>,
    /// The places above that are towns the gazetteer does not know, by
    /// their folded name.
    pub towns: Vec<Arc<str>>,
    /// Reported now, recalled from before, or a revised toll
    /// (`events.toml` [phase]).
    pub phase: cues::Phase,
    /// The clause places its figure at a site: a named site of sites.toml,
    /// or a name after a site noun ("في قاعدة الحبانية").
    pub at_site: bool,
    /// What happened to those counted: the class of the action word
    /// nearest the figure in its clause (`events.toml` [[action]]).
    pub action: Option<Arc<str>>,
    /// The numbered stage of a longer event the clause speaks of ("في
    /// اليوم الرابع من الدورة" → `يوم:4`, `events.toml` [stages]).
    pub stage: Option<Arc<str>>,
    /// Content-term keys of the clause ([`terms::content_key`]), sorted.
    pub terms: Arc<[u64]>,
    /// Content-term keys of the claim's own words (its counted noun),
    /// sorted: what it counts, not which event.
    pub own_terms: Arc<[u64]>,
    /// Content-term keys of who said it (a speech verb to its «أن»:
    /// [`crate::extract::frames::FrameSet::attributions_in`]), sorted: a
    /// spokesman reports every incident of his region, so on other days
    /// his name says nothing of which event.
    #[serde(default)]
    pub said_by: Arc<[u64]>,
    /// The event words as written, for explanations.
    pub words: Vec<(String, Span)>,
}

/// What a document is about, for grouping documents into stories: counts
/// of its content terms (title and body apart), of the entities it names,
/// and hashes of its word shingles (for copies of one text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocProfile {
    /// (term key, count), sorted by key.
    pub body_terms: Vec<(u64, u32)>,
    pub title_terms: Vec<(u64, u32)>,
    /// (entity id key, count), sorted by key.
    pub entities: Vec<(u64, u32)>,
    /// Sorted, deduplicated.
    pub shingles: Vec<u64>,
    /// A surface form of each term seen at least twice (for story labels),
    /// by key; at most [`PROFILE_WORDS`].
    pub words: ProfileWords,
    /// Distinctive figures the article states in digits (whole, at least
    /// [`MIN_DISTINCT_FIGURE`], not round, not a year): «431», «375,526,840».
    /// Sorted, deduplicated.
    pub figures: Vec<u64>,
    /// Towns the gazetteer does not know, named after a class noun
    /// («في بلدة سروج»), by their [`town_term`] key. Sorted, deduplicated.
    pub towns: Vec<u64>,
    /// Every word after «في», folded and keyed as a town is: a town its
    /// story names after a class noun is named here even without one
    /// («في سوروتش»). Sorted, deduplicated.
    pub locatives: Vec<u64>,
}

/// Surface forms of terms by key, in one string: a profile keeps dozens
/// of short words for labels, and a string each cost more than the words
/// (about 2 KB an article, held until stories are grouped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileWords {
    keys: Vec<u64>,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    text: String,
}

impl ProfileWords {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn contains(&self, key: u64) -> bool {
        self.keys.contains(&key)
    }

    /// Adds a word for `key`; a word longer than the string can index is
    /// left out.
    pub fn push(&mut self, key: u64, word: &str) {
        let Ok(end) = u32::try_from(self.text.len() + word.len()) else { return };
        self.keys.push(key);
        self.text.push_str(word);
        self.ends.push(end);
    }

    pub fn iter(&self) -> impl Iterator<Item = (u64, &str)> + '_ {
        self.keys.iter().zip(&self.ends).enumerate().map(|(i, (&k, &end))| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            (k, self.text.get(start..end as usize).unwrap_or_default())
        })
    }

    /// The word kept for `key`.
    pub fn get(&self, key: u64) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, w)| w)
    }

    fn shrink_to_fit(&mut self) {
        self.keys.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.text.shrink_to_fit();
    }
}

/// How far before a date «منذ» opens a period it ends («منذ اندلاع جولة
/// العنف الجديدة في 20 يوليو»).
const SINCE_REACH: usize = 6;

/// The key of a town the gazetteer does not know, by its folded name
/// ([`cues::CueRules::place_key`]): one key in story profiles and in clause
/// terms, apart from any word's. `rules/df.tsv` counts them as
/// [`town_term`]s, so a region the gazetteer lacks is no rare term.
pub fn town_key(folded: &str) -> u64 {
    crate::text::lexicon::word_key(&town_term(folded))
}

/// How a town the gazetteer does not know is written in `rules/df.tsv`.
pub fn town_term(folded: &str) -> String {
    format!("place~{folded}")
}

/// The least figure that says which story an article is of: two articles
/// that both state 431 and 144 are of one.
pub const MIN_DISTINCT_FIGURE: u64 = 100;

/// Surface forms a profile keeps for labels.
pub const PROFILE_WORDS: usize = 48;

impl DocProfile {
    /// Gives back what the lists grew by and no longer use (blocks merged,
    /// filtered collections).
    fn shrink_to_fit(&mut self) {
        self.body_terms.shrink_to_fit();
        self.title_terms.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.shingles.shrink_to_fit();
        self.words.shrink_to_fit();
        self.figures.shrink_to_fit();
        self.towns.shrink_to_fit();
        self.locatives.shrink_to_fit();
    }

    fn merge(&mut self, other: DocProfile) {
        fn add(into: &mut Vec<(u64, u32)>, from: Vec<(u64, u32)>) {
            into.extend(from);
            into.sort_unstable_by_key(|x| x.0);
            into.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 += b.1;
                    true
                } else {
                    false
                }
            });
        }
        add(&mut self.body_terms, other.body_terms);
        add(&mut self.entities, other.entities);
        self.shingles.extend(other.shingles);
        self.towns.extend(other.towns);
        self.towns.sort_unstable();
        self.towns.dedup();
        self.locatives.extend(other.locatives);
        self.locatives.sort_unstable();
        self.locatives.dedup();
        self.shingles.sort_unstable();
        self.shingles.dedup();
        self.figures.extend(other.figures);
        self.figures.sort_unstable();
        self.figures.dedup();
        for (k, w) in other.words.iter() {
            if self.words.len() < PROFILE_WORDS && !self.words.contains(k) {
                self.words.push(k, w);
            }
        }
    }
}

fn counted(mut keys: Vec<u64>) -> Vec<(u64, u32)> {
    keys.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for k in keys {
        match out.last_mut() {
            Some((x, n)) if *x == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Number,
    Money,
    Date,
}

/// A value expression before any subject is assigned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    #[serde(skip)]
    pub source: usize,
    pub kind: MentionKind,
    pub text: String,
    pub span: Span,
    pub normalized: String,
}

/// What one document yields.
#[derive(Debug, Clone, Default)]
pub struct DocExtraction {
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    pub profile: DocProfile,
}

/// Per-document working state.
struct Doc<'a> {
    x: &'a Extractor,
    src: &'a Source,
    si: usize,
    t: Tokenized,
    /// Each token's content key ([`terms::content_key`]), computed once:
    /// the profile and every claim's event cue read them.
    content: Vec<Option<u64>>,
    clause: Vec<usize>,
    entities: Vec<Entity>,
    dates: Vec<DateMatch>,
    locus: Option<String>,
    /// Numeric dates that fit either way were read month first.
    month_first: bool,
    /// The day the text says it was written («اليوم الاثنين»), when that
    /// is before the feed's date (see [`written_on`]).
    written: Option<NaiveDate>,
    /// Groups whose people a count before has told the measure of, in text
    /// order (see [`Doc::members_counted_before`]).
    counted_groups: std::cell::RefCell<Vec<GroupCount>>,
}

/// A group a count spoke of: the measure its people were counted by, and
/// where.
#[derive(Debug, Clone)]
struct GroupCount {
    group: usize,
    measure: usize,
    sentence: usize,
    at: Range<usize>,
}

impl Extractor {
    /// Extracts mentions and claims from one source.
    pub fn extract(&self, src: &Source, si: usize) -> DocExtraction {
        // The title says what the article is about: its terms weigh in the
        // story profile, and the events it names are the lead's.
        let title = src.meta.title.as_deref().map(|t| Tokenized::new(t, 0));
        let title_frames: Vec<Arc<str>> = title.as_ref().map(|t| self.frames_in(t, 0..t.len())).unwrap_or_default();
        // A huge body (a dump on one line) is read in blocks cut at a line
        // or sentence end, so memory stays bounded by the block, not the file.
        let body = src.body();
        let mut out = if body.len() <= MAX_BLOCK_BYTES {
            self.extract_block(src, si, body, src.body_start, &title_frames)
        } else {
            let mut out = DocExtraction::default();
            let mut start = 0;
            while start < body.len() {
                let end = block_end(body, start, MAX_BLOCK_BYTES);
                let part = self.extract_block(src, si, &body[start..end], src.body_start + start, &title_frames);
                out.mentions.extend(part.mentions);
                out.claims.extend(part.claims);
                out.profile.merge(part.profile);
                start = end;
            }
            out
        };
        if let Some(t) = &title {
            let stop = &self.profiles.stop;
            out.profile.title_terms = counted((0..t.len()).filter_map(|i| terms::content_key(t, i, stop)).collect());
        }
        // Every article's profile is held until the stories are grouped.
        out.profile.shrink_to_fit();
        out
    }

    /// The distinct incident frames whose triggers stand in `range`.
    fn frames_in(&self, t: &Tokenized, range: Range<usize>) -> Vec<Arc<str>> {
        let mut ids: Vec<Arc<str>> = Vec::new();
        for (_, fi) in self.frames.triggers_in(t, range) {
            if !self.frames.frames[fi].incident {
                continue;
            }
            let id: &str = &self.frames.frames[fi].id;
            if !ids.iter().any(|x| &**x == id) {
                ids.push(id.into());
            }
        }
        ids
    }

    /// «بإجمالي تعويض قدره 164 مليونا و781 ألفا»: an article that states its
    /// amounts in one currency drops the currency word in a list of them. A
    /// figure of a thousand or more, written as an amount, right after a
    /// money property (and a word of amount such as «قدره») and before no
    /// word, is an amount in that currency.
    fn amounts_in_the_article_currency(
        &self,
        t: &Tokenized,
        mut moneys: Vec<MoneyMatch>,
        numbers: Vec<NumberMatch>,
    ) -> (Vec<MoneyMatch>, Vec<NumberMatch>) {
        let currencies: BTreeSet<&str> = moneys.iter().map(|m| m.money.currency.as_str()).collect();
        let currency = match currencies.iter().next() {
            Some(c) if currencies.len() == 1 && moneys.len() >= MIN_AMOUNTS_FOR_CURRENCY => c.to_string(),
            _ => return (moneys, numbers),
        };
        let mut rest = Vec::new();
        for n in numbers {
            // Written as an amount is: with a scale word («164 مليونا و781
            // ألفا») or grouped digits («29,176,352»), not a bare «2015»
            // (the year of «ميزانية 2015»); no word after it (a currency
            // the rules lack: «10 تريليونات وون»).
            let grouped = n.core.clone().any(|k| t.text(k).contains([',', '.', '٬', '٫']));
            let as_amount = n.core.len() > 1 || grouped;
            let implied = !n.percent
                && n.vague.is_none()
                && n.value.lo.is_some_and(|v| v >= MIN_IMPLIED_AMOUNT)
                && as_amount
                && t.kind(n.tokens.end) != Some(TokenKind::Word)
                && self.after_money_property(t, n.tokens.start);
            if implied {
                let money = Money { amount: n.value, currency: currency.clone() };
                moneys.push(MoneyMatch { tokens: n.tokens.clone(), money, number: n });
            } else {
                rest.push(n);
            }
        }
        moneys.sort_by_key(|m| m.tokens.start);
        (moneys, rest)
    }

    /// Whether a money property (not a price) ends right before token `i`,
    /// or before words of amount («قدره», «بلغت») or a bracket there.
    fn after_money_property(&self, t: &Tokenized, i: usize) -> bool {
        let q = &self.quantities;
        let mut end = i;
        while end > 0
            && i - end < 2
            && (q.is_never(t.text(end - 1)) || matches!(t.text(end - 1), "(" | ":"))
            && t.kind(end - 1) != Some(TokenKind::Number)
        {
            end -= 1;
        }
        (end.saturating_sub(3)..end)
            .any(|k| q.money_property_at(t, k).is_some_and(|r| r.end == end) && !q.is_price_at(t, k))
    }

    /// An ordinal that is a position, never a count: one opening with an
    /// ordinal word («المرتبة الثالثة عشرة»: not the ten of «عشرة»), or a
    /// ten with the article right after a definite singular noun («الذكرى
    /// الخمسين», «الدورة العشرين»). A cardinal opening («الأحد عشر لاعبا»,
    /// the eleven players) or a ten after a plural («السنوات العشرين») is
    /// a count.
    fn is_position(&self, t: &Tokenized, o: &crate::text::ordinals::OrdinalMatch) -> bool {
        let first = o.tokens.start;
        if !is_figure_word(&self.numbers, t, first) {
            return true;
        }
        let after_singular = first >= 1
            && t.kind(first - 1) == Some(TokenKind::Word)
            && t.stems(first - 1).any(|s| s.article && (s.stem.ends_with('ه') || s.stem.ends_with('ي')));
        o.tokens.len() == 1 && after_singular
    }

    fn extract_block(
        &self,
        src: &Source,
        si: usize,
        body: &str,
        base: usize,
        title_frames: &[Arc<str>],
    ) -> DocExtraction {
        let t = Tokenized::new(body, base);
        let published = src.meta.published;
        let outlet = src.meta.outlet.as_deref();
        // 3/4/2015: the order another date of the text shows, else the
        // outlet's, else day first (the Arabic and British press).
        let month_first = self.dates.month_first_in(&t).unwrap_or_else(|| self.gazetteer.writes_month_first(outlet));
        let dates = merge_apposed_dates(self.dates.find_all_in_order(&t, published, month_first), published);
        let entities = self.gazetteer.drop_outlets(&t, self.gazetteer.scan(&t), outlet);
        let entities = self.gazetteer.add_home_country(&t, entities, outlet);
        let entities = self.cues.lands_named(&t, entities);
        let entities = self.gazetteer.family_names(&t, entities);
        let clause = self.frames.clauses(&t);
        let mut taken = vec![false; t.len()];
        for d in &dates {
            mark(&mut taken, d.tokens.clone());
        }
        for e in &entities {
            if let EntityKind::Site { anaphoric: false, .. } = e.kind {
                mark(&mut taken, e.tokens.clone());
            }
        }
        for o in self.ordinals.find_all(&self.numbers, &t, 0..t.len()) {
            if self.is_position(&t, &o) {
                mark(&mut taken, o.tokens.clone());
            }
        }
        let moneys: Vec<MoneyMatch> = self
            .money
            .find_all(&self.numbers, &t, 0..t.len())
            .into_iter()
            .filter(|m| !any(&taken, m.tokens.clone()))
            .collect();
        for m in &moneys {
            mark(&mut taken, m.tokens.clone());
        }
        let numbers: Vec<NumberMatch> = bracketed_repeats_as_one(
            &t,
            self.numbers.find_all(&t, 0..t.len()).into_iter().filter(|n| !any(&taken, n.core.clone())).collect(),
        );
        let numbers = bracketed_scales_as_one(&t, &self.numbers, numbers);
        let numbers = ranges_as_one(&t, &self.numbers, numbers, |k| self.quantities.is_change_word(&t, k));
        let (moneys, numbers) = self.amounts_in_the_article_currency(&t, moneys, numbers);
        let locus = doc_locus(&entities);
        let written = written_on(&self.dates, &t, &dates, published);
        let content = (0..t.len()).map(|i| terms::content_key(&t, i, &self.profiles.stop)).collect();
        let doc = Doc {
            x: self,
            src,
            si,
            t,
            content,
            clause,
            entities,
            dates,
            locus,
            month_first,
            written,
            counted_groups: Default::default(),
        };

        let mut out = DocExtraction::default();
        for d in &doc.dates {
            out.mentions.push(doc.mention(MentionKind::Date, d.tokens.clone(), date_notation(d)));
        }
        for m in &moneys {
            out.mentions.push(doc.mention(MentionKind::Money, m.tokens.clone(), m.money.notation()));
        }
        for n in &numbers {
            let notation = if n.percent { format!("{}%", n.value.notation()) } else { n.value.notation() };
            out.mentions.push(doc.mention(MentionKind::Number, n.tokens.clone(), notation));
        }
        out.mentions.sort_by_key(|m| (m.span.start, m.span.end));

        out.claims.extend(numbers.iter().filter_map(|n| doc.count_claim(n)));
        out.claims.extend(moneys.iter().filter_map(|m| doc.money_claim(m)));
        out.claims.extend(doc.dates.iter().filter_map(|d| doc.date_claim(d)));
        out.claims.extend(doc.place_claims());
        out.claims.extend(doc.role_claims());
        out.claims = out.claims.into_iter().map(Doc::within_sentence).collect();
        out.claims.sort_by_key(|c| (c.span.start, c.span.end, c.kind));
        // The lead: the title's events, else the first sentence's (only
        // the first block has the article's first sentence).
        let lead: Vec<Arc<str>> = if !title_frames.is_empty() || base != src.body_start {
            title_frames.to_vec()
        } else {
            let first = doc.t.sentences.first().map(|s| s.first..s.end).unwrap_or(0..0);
            self.frames_in(&doc.t, first)
        };
        // The lead sentence: the first of the body with more than a
        // dateline's words («عين اليوم – الرياض», "RIYADH (Reuters) -").
        let lead_sentence = (base == src.body_start)
            .then(|| {
                doc.t.sentences.iter().find(|s| {
                    (s.first..s.end).filter(|&k| doc.t.kind(k) == Some(TokenKind::Word)).count() >= LEAD_MIN_WORDS
                })
            })
            .flatten()
            .map(|s| doc.span(s.first..s.end));
        for c in &mut out.claims {
            c.cue = doc.cue(c.span, &lead);
            c.cue.in_lead = lead_sentence.is_some_and(|l| l.start <= c.span.start && c.span.end <= l.end);
        }
        out.profile = doc.profile();
        out.profile.figures =
            distinct_figures(&doc.t, &self.dates, numbers.iter().chain(moneys.iter().map(|m| &m.number)));
        out
    }
}

/// The distinctive figures among `numbers` (see [`DocProfile::figures`]):
/// written in digits alone, whole, at least [`MIN_DISTINCT_FIGURE`], not a
/// multiple of ten, not a Gregorian or Hijri year.
fn distinct_figures<'n>(
    t: &Tokenized,
    dates: &DateLexicon,
    numbers: impl Iterator<Item = &'n NumberMatch>,
) -> Vec<u64> {
    // The digits as written, group separators dropped («375,526,840»; the
    // 431 of «(431) أربعمائة وواحداً وثلاثين»); not a decimal.
    let written = |n: &NumberMatch| -> Option<u64> {
        let k = n.tokens.clone().find(|&k| t.kind(k) == Some(TokenKind::Number))?;
        let text = t.text(k);
        if text.contains(['.', '٫']) {
            return None;
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut out: Vec<u64> = numbers
        .filter_map(written)
        .filter(|v| *v >= MIN_DISTINCT_FIGURE && v % 10 != 0 && !dates.reads_as_year(*v))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Words after a count in which «منهم … وفيات» says it counts the dead too.
const WITH_DEAD_WINDOW: usize = 6;

/// Amounts in one currency an article must state before a bare figure
/// after a money property is read in it.
const MIN_AMOUNTS_FOR_CURRENCY: usize = 2;

/// The least bare figure read as an amount: «قدره 3» is rarely money.
const MIN_IMPLIED_AMOUNT: f64 = 1000.0;

/// Words a sentence needs to be an article's lead rather than its
/// dateline.
const LEAD_MIN_WORDS: usize = 6;

/// The largest block of a body read at once (see `Extractor::extract`).
const MAX_BLOCK_BYTES: usize = 1 << 20;

/// Where a block starting at `start` ends: at most `max` bytes on, after
/// the last line break, else sentence stop, else space, else a character
/// boundary.
fn block_end(body: &str, start: usize, max: usize) -> usize {
    let hard = (start + max).min(body.len());
    if hard == body.len() {
        return hard;
    }
    let mut hard = hard;
    while !body.is_char_boundary(hard) {
        hard -= 1;
    }
    let window = &body[start..hard];
    let cut = window
        .rfind('\n')
        .or_else(|| window.rfind(['.', '!', '?', '؟']))
        .or_else(|| window.rfind(' '))
        .map(|i| start + i + 1)
        .filter(|&c| c > start + max / 2);
    match cut {
        Some(c) if body.is_char_boundary(c) => c,
        _ => hard.max(start + 1),
    }
}

/// "صباح اليوم الخميس", "أمس الأربعاء": a date followed at once by another
/// naming the same day is one expression, with the first one's marker.
fn merge_apposed_dates(dates: Vec<DateMatch>, published: Option<NaiveDate>) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::with_capacity(dates.len());
    for d in dates {
        if let Some(prev) = out.last_mut() {
            let same = match (&prev.value, &d.value) {
                (Some(a), Some(b)) => a.contains(b) || b.contains(a),
                // Both relative with nothing to resolve them against.
                (None, None) => prev.relative && d.relative,
                _ => false,
            };
            // "اليوم الخميس" in an article dated Friday: a weekday in
            // apposition to a relative day names that day.
            let weekday_apposition = prev.relative && d.relative && d.tokens.len() == 1;
            // "يوم غد الخميس 14/10/1436هـ الموافق 30/7/2015م": a relative
            // day in apposition to a date written out names that date,
            // whatever day the feed's date makes of the relative word.
            let written_out = prev.relative
                && !d.relative
                && matches!((prev.value, d.value), (Some(a), Some(b))
                    if a.start == a.end && b.start == b.end && (a.start - b.start).num_days().abs() <= APPOSED_DAYS);
            let same = same || weekday_apposition || written_out;
            if same && prev.tokens.end == d.tokens.start && d.marker.is_none() {
                prev.tokens.end = d.tokens.end;
                if written_out {
                    prev.value = d.value;
                    prev.relative = false;
                    continue;
                }
                if let (Some(a), Some(b)) = (prev.value, d.value) {
                    // Keep the more precise of the two.
                    if a.contains(&b) && !weekday_apposition {
                        prev.value = Some(b);
                    }
                    if weekday_apposition {
                        if let Some(v) = weekday_decides(a, b, published) {
                            prev.value = Some(v);
                        }
                    }
                }
                continue;
            }
        }
        out.push(d);
    }
    out
}

/// How far a relative day and the date written out after it may be apart
/// and still name one day: a feed's date may be a few days after print.
const APPOSED_DAYS: i64 = 7;

/// "أمس الخميس", "أمس الأول الأربعاء": feeds carry the crawl date, often a
/// day or two after print, so the weekday decides: the latest such weekday
/// on or before the day the relative word names (print is never after
/// publication). "اليوم الاثنين" in a record dated Saturday is Monday too:
/// the record's date is when it was crawled. Days after publication
/// ("غدا الجمعة") keep their reading.
fn weekday_decides(rel: DateRange, weekday: DateRange, published: Option<NaiveDate>) -> Option<DateRange> {
    use chrono::Datelike;
    let p = published?;
    if rel.start != rel.end || weekday.start != weekday.end || rel.start > p {
        return None;
    }
    let from = rel.start.weekday().num_days_from_monday();
    let want = weekday.start.weekday().num_days_from_monday();
    let back = (from + 7 - want) % 7;
    Some(DateRange::day(rel.start - Duration::days(i64::from(back))))
}

fn mark(taken: &mut [bool], r: Range<usize>) {
    for i in r {
        if let Some(x) = taken.get_mut(i) {
            *x = true;
        }
    }
}

fn any(taken: &[bool], r: Range<usize>) -> bool {
    r.into_iter().any(|i| taken.get(i).copied().unwrap_or(false))
}

fn date_notation(d: &DateMatch) -> String {
    match &d.value {
        Some(v) => v.notation(),
        None => "unresolved".to_string(),
    }
}

/// A bare figure of four digits between 1800 and 2100, hedged by nothing:
/// a year, not a count.
fn year_like(t: &Tokenized, n: &NumberMatch) -> bool {
    let four_digits = n.core.len() == 1
        && t.kind(n.core.start) == Some(TokenKind::Number)
        && t.text(n.core.start).chars().count() == 4;
    four_digits
        && n.hedge.is_none()
        && n.vague.is_none()
        && n.value.lo == n.value.hi
        && n.value.lo.is_some_and(|v| (1800.0..=2100.0).contains(&v) && v.fract() == 0.0)
}

/// Token `k` is digits or a cardinal word (numbers.toml), some reading of it.
fn is_figure_word(numbers: &NumberLexicon, t: &Tokenized, k: usize) -> bool {
    t.kind(k) == Some(TokenKind::Number) || t.stems(k).any(|s| !numbers.number_word(s.stem).is_empty())
}

/// «(12) اثني عشر شخصا»: a number in brackets followed by the same
/// number in words is one figure, written twice so it cannot be misread.
/// The figure keeps the words' match (the counted noun follows them) and
/// starts at the opening bracket.
fn bracketed_repeats_as_one(t: &Tokenized, numbers: Vec<NumberMatch>) -> Vec<NumberMatch> {
    let mut out: Vec<NumberMatch> = Vec::with_capacity(numbers.len());
    for n in numbers {
        if let Some(prev) = out.last() {
            let open = prev.tokens.start.checked_sub(1).filter(|&k| t.text(k) == "(");
            let close = prev.tokens.end;
            let repeated = open.is_some()
                && t.text(close) == ")"
                && n.tokens.start == close + 1
                && prev.hedge.is_none()
                && n.value == prev.value;
            if let (true, Some(open)) = (repeated, open) {
                let mut one = n;
                one.tokens.start = open;
                out.pop();
                out.push(one);
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// «(45) ألف بلاغ», «“11” مليون وحدة», «"26.7" مليون»: a figure in brackets or quotes, then
/// a scale word outside them, is one figure (45,000), as money reads it;
/// alone the scale word would be a thousand.
fn bracketed_scales_as_one(t: &Tokenized, lexicon: &NumberLexicon, numbers: Vec<NumberMatch>) -> Vec<NumberMatch> {
    let mut out: Vec<NumberMatch> = Vec::with_capacity(numbers.len());
    for n in numbers {
        if let Some(prev) = out.last() {
            let close = prev.tokens.end;
            // The scale word: «ألف», «مليون», or the plural a figure of 3 to 10
            // takes («“7” ملايين»), which alone reads as vague thousands.
            let scales = [1e3, 1e6, 1e9];
            let scale = match (n.stated, n.value.lo, n.value.hi) {
                (Some(x), _, _) if n.vague.is_none() && scales.contains(&x) => Some(x),
                (None, Some(lo), Some(hi)) if n.vague.is_some() && scales.contains(&lo) && hi == lo * 10.0 - 1.0 => {
                    Some(lo)
                }
                _ => None,
            }
            .filter(|_| n.core.len() == 1 && t.kind(n.core.start) == Some(TokenKind::Word) && n.hedge.is_none());
            // Decimals too: «"26.7" مليون مصل» is 26.7 million.
            let whole = prev.stated.filter(|x| *x > 0.0);
            if let (true, true, Some(x), Some(s)) =
                (matches!(t.text(close), ")" | "»" | "\"" | "”"), n.tokens.start == close + 1, whole, scale)
            {
                let mut one = lexicon.restate(prev, x * s);
                one.tokens.end = n.tokens.end;
                one.core.end = n.core.end;
                // «أكثر من (45) ألف»: a hedge before the bracket is the figure's.
                let open = prev.tokens.start.checked_sub(1).filter(|&k| matches!(t.text(k), "(" | "«" | "\"" | "“"));
                if let (None, Some(open)) = (prev.hedge.as_ref(), open) {
                    let hedge = (open.saturating_sub(4)..open)
                        .filter_map(|k| lexicon.hedge_at(t, k))
                        .find(|h| h.tokens.end == open);
                    if let Some(h) = hedge {
                        one = lexicon.with_hedge(&h, one);
                        one.tokens.start = h.tokens.start;
                    }
                }
                out.pop();
                out.push(one);
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// The day an article says it was written: «اليوم الاثنين» (today, a
/// weekday) resolved to a day up to a week before the feed's date. Feeds
/// often carry the crawl date, days after print; a figure the text gives
/// no time is of the day it was written.
fn written_on(
    lexicon: &DateLexicon,
    t: &Tokenized,
    dates: &[DateMatch],
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let p = published?;
    dates.iter().find_map(|d| {
        let v = d.value?;
        let today = d.tokens.clone().any(|k| lexicon.today_at(t, k));
        let day = v.precision == Precision::Day && v.start == v.end;
        (today && day && d.tokens.len() > 1 && v.start < p && (p - v.start).num_days() <= WRITTEN_WITHIN_DAYS)
            .then_some(v.start)
    })
}

/// How far before the feed's date an article's own «today» is believed.
const WRITTEN_WITHIN_DAYS: i64 = 7;

/// Two figures stated as a range («بين 20 و30», «من 10 إلى 20», «3 أو 4»,
/// `[[range]]` in numbers.toml) are one figure, the interval between them:
/// either end alone would be a figure the text never states. Not after a
/// change word (`is_change`): «ارتفعت من 31 إلى 32» is a rise to 32.
fn ranges_as_one(
    t: &Tokenized,
    lexicon: &NumberLexicon,
    numbers: Vec<NumberMatch>,
    is_change: impl Fn(usize) -> bool,
) -> Vec<NumberMatch> {
    let mut out: Vec<NumberMatch> = Vec::with_capacity(numbers.len());
    let mut it = numbers.into_iter().peekable();
    while let Some(n) = it.next() {
        let Some(next) = it.peek() else {
            out.push(n);
            break;
        };
        // The range may open with a word or two before the first figure.
        let found = (n.tokens.start.saturating_sub(2)..=n.tokens.start)
            .filter_map(|k| lexicon.range_at(t, k))
            .find(|r| r.tokens.end == next.core.end && r.tokens.start <= n.core.start);
        let changed = |r: &crate::text::numbers::NumberRange| {
            (r.tokens.start.saturating_sub(CHANGE_WINDOW)..r.tokens.start).any(&is_change)
        };
        match found {
            Some(r) if n.hedge.is_none() && n.vague.is_none() && !n.percent && !changed(&r) => {
                let mut one = n;
                one.value = Interval::closed(r.lo, r.hi);
                one.stated = None;
                one.vague = Some("range".into());
                one.tokens = r.tokens.start.min(one.tokens.start)..r.tokens.end.max(next.tokens.end);
                one.core.end = next.core.end;
                one.percent = next.percent;
                it.next();
                out.push(one);
            }
            _ => out.push(n),
        }
    }
    out
}

/// The country an article is mostly about: the one most often named as a
/// place (في النيجر, إلى النيجر), then most often named at all.
fn doc_locus(entities: &[Entity]) -> Option<String> {
    let mut score: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in entities {
        let (Some(c), is_place) = (e.country(), matches!(e.kind, EntityKind::Place { .. })) else {
            continue;
        };
        let s = score.entry(c.to_string()).or_default();
        if e.locative || is_place {
            s.0 += 1;
        }
        if !matches!(e.kind, EntityKind::Country { form: ActorForm::Adjective, .. }) {
            s.1 += 1;
        }
    }
    score.into_iter().filter(|(_, (loc, _))| *loc > 0).max_by_key(|(_, s)| *s).map(|(c, _)| c)
}

/// How a side of a subject key reads when it could not be told.
const UNKNOWN: &str = "?";

impl Doc<'_> {
    /// The event cue of a claim at `span`: the events, places and content
    /// terms of its clause.
    fn cue(&self, span: Span, lead: &[Arc<str>]) -> EventCue {
        let t = &self.t;
        let at = t.tokens.partition_point(|k| k.span.end <= span.start).min(t.len().saturating_sub(1));
        if t.is_empty() {
            return EventCue::default();
        }
        let mut clause = self.clause_range(at);
        // «ضرب مدينة سوروج، مما أودى بحياة 32 شخصا»: a toll in a clause of
        // consequence is of the event the clause before it tells. (A break
        // never opens a sentence, so that clause is in the same one.)
        if clause.start > 0 && self.x.frames.opens_consequence(t, clause.start) {
            clause = self.clause_range(clause.start - 1).start..clause.end;
        }
        let mut frames: Vec<Arc<str>> = Vec::new();
        let mut words = Vec::new();
        // The incident word nearest the figure: (distance, definite, frame).
        let mut nearest: Option<(usize, bool, &str)> = None;
        for (r, fi) in self.x.frames.triggers_in(t, clause.clone()) {
            if !self.x.frames.frames[fi].incident {
                continue;
            }
            let id: &str = &self.x.frames.frames[fi].id;
            let distance = r.start.abs_diff(at);
            if nearest.is_none_or(|(d, _, _)| distance < d) {
                nearest = Some((distance, self.x.frames.definite_trigger_at(t, r.start), id));
            }
            if !frames.iter().any(|x| &**x == id) {
                frames.push(id.into());
            }
            words.push((self.text(r.clone()), self.span(r)));
        }
        // "مقتل 9000 في زلزالين … الانهيارات الأرضية": only the incident
        // the figure is told of, written definite, can be the lead's.
        let lead_incident = nearest
            .filter(|(_, definite, _)| *definite)
            .and_then(|(_, _, id)| lead.iter().find(|l| ***l == *id).cloned());
        let from_lead = frames.is_empty() && !lead.is_empty();
        if frames.is_empty() {
            frames = lead.to_vec();
        }
        let singular = match frames.as_slice() {
            [one] => self
                .x
                .frames
                .frames
                .iter()
                .find(|f| *f.id == **one)
                .filter(|f| f.same_event_within_days.is_some_and(|d| d >= 1))
                .map(|_| one.clone()),
            _ => None,
        };
        // Where the event happened: cities (and sites, by their city) named
        // as places in the clause. A region or a country says too little to
        // tell two events apart, and a place outside the clause (where a
        // statement was made) is not the event's.
        let mut places: Vec<Arc<str>> = Vec::new();
        for e in self.entities_in(clause.clone()) {
            let id = match &e.kind {
                EntityKind::Place { id, country: Some(_) } if e.locative => id.as_str(),
                EntityKind::Site { key, anaphoric: false, .. } => match key.rsplit_once('@') {
                    Some((_, city)) => city,
                    None => key.as_str(),
                },
                _ => continue,
            };
            if !places.iter().any(|x| &**x == id) {
                places.push(id.into());
            }
        }
        let cues = &self.x.cues;
        let mut at_site =
            self.entities_in(clause.clone()).any(|e| matches!(e.kind, EntityKind::Site { anaphoric: false, .. }));
        // Towns the gazetteer does not know, by their folded name: rare
        // terms of the clause however each report spells them (سروج،
        // سوروج، سوروتش), keyed as the story profile keys them.
        let mut town_keys: Vec<u64> = Vec::new();
        let mut towns: Vec<Arc<str>> = Vec::new();
        for (name, k, site) in cues.named_places(t, clause.clone(), &self.x.profiles.stop) {
            at_site |= site;
            // A name the gazetteer knows goes by its id, as it does elsewhere.
            let known = self.entities_in(k..clause.end).find_map(|e| match &e.kind {
                EntityKind::Place { id, .. } if e.tokens.start == k => Some(id.as_str()),
                _ => None,
            });
            if known.is_none() {
                town_keys.push(town_key(&name));
                towns.push(name.as_str().into());
            }
            let id = known.unwrap_or(&name);
            if !places.iter().any(|x| **x == *id) {
                places.push(id.into());
            }
        }
        let mut phase = cues.phase_in(t, clause.clone());
        // «في سبعة حوادث مرورية», «في 3 هجمات»: a figure of several
        // incidents, counted, is their total.
        let counted = |k: usize| {
            (k.saturating_sub(3).max(clause.start)..k)
                .any(|j| self.x.numbers.parse_at(t, j).is_some_and(|m| m.tokens.end == k))
        };
        if phase == cues::Phase::Current && cues.counted_incidents_in(t, clause.clone()).into_iter().any(counted) {
            phase = cues::Phase::Total;
        }
        let claim_tokens = at..t.tokens.partition_point(|k| k.span.start < span.end).max(at + 1);
        let action = cues.action_near(t, clause.clone(), &claim_tokens).map(|(a, r)| {
            words.push((self.text(r.clone()), self.span(r)));
            cues.action_ids[a].clone()
        });
        // A numbered stage: a stage noun and an ordinal right after it.
        let stage = cues.stage_nouns_in(t, clause.clone()).into_iter().find_map(|(r, noun)| {
            match self.x.ordinals.parse_at(&self.x.numbers, t, r.end)?.value {
                crate::text::ordinals::Ordinal::Position(v) => {
                    words.push((self.text(r.start..r.end + 1), self.span(r.start..r.end + 1)));
                    Some(Arc::<str>::from(format!("{noun}:{v}")))
                }
                _ => None,
            }
        });
        let content = |i: usize| self.content.get(i).copied().flatten();
        let mut own: Vec<u64> = claim_tokens.clone().filter_map(content).collect();
        own.sort_unstable();
        own.dedup();
        let mut said_by: Vec<u64> =
            self.x.frames.attributions_in(t, clause.clone()).into_iter().flat_map(|r| r.filter_map(content)).collect();
        said_by.sort_unstable();
        said_by.dedup();
        let mut keys: Vec<u64> = clause.filter_map(content).collect();
        keys.extend(town_keys);
        keys.sort_unstable();
        keys.dedup();
        EventCue {
            frames,
            from_lead,
            singular,
            lead_incident,
            in_lead: false,
            places,
            towns,
            at_site,
            phase,
            action,
            stage,
            terms: keys.into(),
            own_terms: own.into(),
            said_by: said_by.into(),
            words,
        }
    }

    /// The block's profile for story grouping (titles are added by
    /// `Extractor::extract`).
    fn profile(&self) -> DocProfile {
        let t = &self.t;
        let mut body = Vec::new();
        let mut words = ProfileWords::default();
        let mut seen: crate::text::lexicon::KeyMap<u32> = Default::default();
        for i in 0..t.len() {
            let Some(k) = self.content.get(i).copied().flatten() else { continue };
            body.push(k);
            let n = seen.entry(k).or_default();
            *n += 1;
            if *n == 2 && words.len() < PROFILE_WORDS {
                words.push(k, t.text(i));
            }
        }
        let mut towns: Vec<u64> = self
            .x
            .cues
            .place_names(t, 0..t.len(), &self.x.profiles.stop)
            .into_iter()
            .filter(|(_, k)| !self.entities_in(*k..t.len()).any(|e| e.tokens.start == *k))
            .map(|(name, _)| town_key(&name))
            .collect();
        towns.sort_unstable();
        towns.dedup();
        let mut locatives: Vec<u64> = (1..t.len())
            .filter(|&i| matches!(t.text(i - 1), "في" | "وفي") && t.kind(i) == Some(TokenKind::Word))
            .map(|i| town_key(&self.x.cues.place_key(t.text(i))))
            .chain(towns.iter().copied())
            .collect();
        locatives.sort_unstable();
        locatives.dedup();
        let entities = self
            .entities
            .iter()
            .filter_map(|e| match &e.kind {
                EntityKind::Country { id, .. } | EntityKind::Organisation { id } | EntityKind::Place { id, .. } => {
                    Some(crate::text::lexicon::word_key(id))
                }
                EntityKind::Site { key, anaphoric: false, .. } => Some(crate::text::lexicon::word_key(key)),
                // By skeleton: spellings of one name (كورت/كيرت كامبل) are one entity.
                EntityKind::Person { skeleton, .. } => Some(crate::text::lexicon::word_key(skeleton)),
                _ => None,
            })
            // A town too small for the gazetteer, named by a class noun
            // ("في بلدة سروج"), by its folded name: سروج and سوروتش meet. A
            // name the gazetteer knows is counted above, by its id.
            .chain(towns.iter().copied())
            .collect();
        let p = &self.x.profiles;
        DocProfile {
            body_terms: counted(body),
            title_terms: Vec::new(),
            entities: counted(entities),
            shingles: terms::shingles(t, p.shingle_words, p.keep_one_in),
            words,
            figures: Vec::new(),
            towns,
            locatives,
        }
    }

    fn span(&self, r: Range<usize>) -> Span {
        self.t.span(r.start, r.end)
    }

    fn text(&self, r: Range<usize>) -> String {
        self.src.slice(self.span(r)).to_string()
    }

    fn mention(&self, kind: MentionKind, r: Range<usize>, normalized: String) -> Mention {
        Mention { source: self.si, kind, text: self.text(r.clone()), span: self.span(r), normalized }
    }

    fn evidence(&self, decided: &'static str, r: Range<usize>, note: impl Into<String>) -> Evidence {
        Evidence { decided, text: self.text(r.clone()), span: Some(self.span(r)), note: note.into() }
    }

    /// Evidence decided by no words of the text (a default, the article's
    /// main country).
    fn implied(decided: &'static str, note: String) -> Evidence {
        Evidence { decided, text: String::new(), span: None, note }
    }

    /// Why a claim is placed where it is: the place's words, or the
    /// article's main country when the sentence names none.
    fn place_evidence(&self, place: &str, words: Option<Range<usize>>) -> Evidence {
        match words {
            Some(r) => self.evidence("place", r, format!("→ {}", self.label(place))),
            None => Self::implied(
                "place",
                format!("no place in the sentence; the article's main country, {}", self.label(place)),
            ),
        }
    }

    fn sentence_range(&self, i: usize) -> Range<usize> {
        match self.t.sentence_of(i) {
            Some(k) => self.t.sentences[k].first..self.t.sentences[k].end,
            None => i..i + 1,
        }
    }

    fn clause_range(&self, i: usize) -> Range<usize> {
        let c = self.clause.get(i).copied().unwrap_or(0);
        // Clause ids rise through the text: a binary search finds its ends.
        let start = self.clause.partition_point(|&x| x < c);
        let end = self.clause.partition_point(|&x| x <= c);
        if start <= i && i < end {
            start..end
        } else {
            i..i + 1
        }
    }

    /// Entities within `r`; they are sorted by position, so this is a
    /// binary search, not a scan of the document.
    fn entities_in(&self, r: Range<usize>) -> impl Iterator<Item = &Entity> + '_ {
        let from = self.entities.partition_point(|e| e.tokens.start < r.start);
        self.entities[from..].iter().take_while(move |e| e.tokens.start < r.end).filter(move |e| e.tokens.end <= r.end)
    }

    fn label(&self, id: &str) -> String {
        if id == UNKNOWN {
            return "unknown".to_string();
        }
        if let Some(site) = id.strip_prefix("site:") {
            return self.x.gazetteer.site_label(site);
        }
        self.x.gazetteer.label_of(id)
    }

    /// An actor (country or organisation, not a place) for a count: the
    /// nationality after the counted noun, an adjective right before the
    /// hedge, else the nearest non-locative actor in the clause, then the
    /// sentence, before the number.
    fn count_actor(&self, noun: &Range<usize>, number: &Range<usize>) -> Option<(String, Range<usize>)> {
        let clause = self.clause_range(number.start);
        let actor_id = |e: &Entity| match &e.kind {
            EntityKind::Country { id, .. } if !e.locative => Some(id.clone()),
            EntityKind::Organisation { id } if !e.locative => Some(id.clone()),
            _ => None,
        };
        // Between the figure and its noun, in English: «12 Afghan soldiers».
        let between = number.end..noun.start.max(number.end);
        if let Some(e) = self.entities_in(between).find(|e| matches!(e.kind, EntityKind::Country { .. }) && !e.locative)
        {
            return actor_id(e).map(|a| (a, e.tokens.clone()));
        }
        // After the noun: "جندي أمريكي", "مدربون عسكريون روس", and the
        // accusative "مدربا تركيا" that reads like the name تركيا; but not a
        // place ("إلى الصومال").
        let after = noun.end..(noun.end + 3).min(clause.end);
        if let Some(e) = self.entities_in(after).find(|e| matches!(e.kind, EntityKind::Country { .. }) && !e.locative) {
            return actor_id(e).map(|a| (a, e.tokens.clone()));
        }
        // Right before: "قوات أميركية تتجاوز عددها الألف".
        let before = number.start.saturating_sub(2).max(clause.start)..number.start;
        if let Some(e) =
            self.entities_in(before).find(|e| matches!(e.kind, EntityKind::Country { form: ActorForm::Adjective, .. }))
        {
            return actor_id(e).map(|a| (a, e.tokens.clone()));
        }
        let sentence = self.sentence_range(number.start);
        for r in [clause.start..number.start, sentence.start..number.start] {
            if let Some(e) = self.entities_in(r).filter(|e| actor_id(e).is_some()).last() {
                return actor_id(e).map(|a| (a, e.tokens.clone()));
            }
        }
        None
    }

    /// Where a count happens, at country level: the first place or country
    /// named after the value in its sentence (not the actor's own), else the
    /// nearest place named as a place before it, else a country named in the
    /// sentence that is not the actor, else a region, else the article's
    /// main country.
    fn place_of(&self, at: &Range<usize>, actor: Option<&str>) -> Option<(String, Option<Range<usize>>)> {
        let sentence = self.sentence_range(at.start);
        let clause = self.clause_range(at.start);
        let country = |e: &Entity| -> Option<String> {
            match &e.kind {
                EntityKind::Place { country: Some(c), .. } => Some(c.clone()),
                EntityKind::Country { id, form } if *form != ActorForm::Adjective => Some(id.clone()),
                _ => None,
            }
        };
        let found = |e: &Entity| country(e).map(|c| (c, Some(e.tokens.clone())));
        let t = &self.t;
        // "قرب الحدود مع سوريا": a neighbour named as a reference.
        let country = |e: &Entity| if self.x.cues.after_border(t, e.tokens.start) { None } else { country(e) };
        let found = |e: &Entity| if self.x.cues.after_border(t, e.tokens.start) { None } else { found(e) };
        // "في البلدين": every country the sentence names.
        if (at.end..(at.end + 3).min(sentence.end)).any(|k| is_both_countries(t.text(k))) {
            let all: BTreeSet<String> = self
                .entities_in(sentence.clone())
                .filter(|e| !matches!(e.kind, EntityKind::Country { form: ActorForm::Adjective, .. }))
                .filter_map(country)
                .collect();
            if all.len() > 1 {
                return Some((all.into_iter().collect::<Vec<_>>().join("+"), None));
            }
        }
        let after_place = |e: &&Entity| {
            matches!(e.kind, EntityKind::Place { country: Some(_), .. })
                || (e.locative && country(e).is_some())
                || (matches!(e.kind, EntityKind::Country { form: ActorForm::Name | ActorForm::Capital, .. })
                    && country(e).as_deref() != actor)
        };
        let before_place =
            |e: &&Entity| (e.locative || matches!(e.kind, EntityKind::Place { .. })) && country(e).is_some();
        let named_in = |r: Range<usize>| self.town_of_country(r);
        // Its own clause first, then the sentence.
        for r in [clause.clone(), sentence.clone()] {
            if let Some(e) = self.entities_in(at.end..r.end).find(after_place) {
                return found(e);
            }
            if let Some(p) = named_in(at.end..r.end) {
                return Some(p);
            }
            if let Some(e) = self.entities_in(r.start..at.start).filter(before_place).last() {
                return found(e);
            }
            if let Some(p) = named_in(r.start..at.start) {
                return Some(p);
            }
        }
        if let Some(e) = self.entities_in(sentence.clone()).find(|e| {
            matches!(e.kind, EntityKind::Country { form: ActorForm::Name | ActorForm::Capital, .. })
                && country(e).as_deref() != actor
        }) {
            return found(e);
        }
        if let Some(e) =
            self.entities_in(sentence.clone()).find(|e| matches!(e.kind, EntityKind::Place { country: None, .. }))
        {
            if let EntityKind::Place { id, .. } = &e.kind {
                return Some((id.clone(), Some(e.tokens.clone())));
            }
        }
        self.locus.clone().map(|l| (l, None))
    }

    /// The date a count or amount speaks of: the nearest dated expression in
    /// its clause, else its sentence (before first); else the publication
    /// date, marked implicit.
    fn time_scope(&self, at: &Range<usize>) -> Option<TimeScope> {
        let clause = self.clause_range(at.start);
        let sentence = self.sentence_range(at.start);
        let dated = |r: &Range<usize>| {
            let from = self.dates.partition_point(|d| d.tokens.start < r.start);
            self.dates[from..]
                .iter()
                .take_while(|d| d.tokens.start < r.end)
                .filter(|d| d.value.is_some() && d.tokens.start >= r.start && d.tokens.end <= r.end)
                .filter(|d| d.tokens.end <= at.start || d.tokens.start >= at.end)
                .filter(|d| !self.x.cues.dates_a_document(&self.t, d.tokens.start))
                .min_by_key(|d| {
                    let before = d.tokens.end <= at.start;
                    let dist = if before { at.start - d.tokens.end } else { d.tokens.start - at.end };
                    (!before, dist)
                })
        };
        // Beyond its clause, a date after the figure across a word naming
        // another event is that event's: «ضبط 97 موقوفاً لعلاقتهم بالخلية
        // التي تقف خلف الحادث المعلن عنهم بتاريخ …».
        let found = dated(&clause).or_else(|| {
            dated(&sentence)
                .filter(|d| d.tokens.start < at.start || !self.x.cues.named_event_in(&self.t, at.end..d.tokens.start))
        });
        if let Some(d) = found {
            let mut range = d.value?;
            // «منذ 20 يوليو، قتل 13 جنديا», «منذ اندلاع جولة العنف في 20
            // يوليو»: a figure since a day is a tally from that day to the
            // report's.
            let since = d.marker == Some(DateMarker::Since)
                || (matches!(d.marker, None | Some(DateMarker::In))
                    && (d.tokens.start.saturating_sub(SINCE_REACH).max(clause.start)..d.tokens.start)
                        .any(|k| self.x.dates.since_at(&self.t, k)));
            if let (true, Some(p)) = (since, self.src.meta.published) {
                if p > range.end {
                    range = DateRange { start: range.start, end: p, precision: range.precision.max(Precision::Days) };
                }
            }
            return Some(TimeScope {
                range,
                text: self.text(d.tokens.clone()),
                span: Some(self.span(d.tokens.clone())),
                implicit: false,
                written: false,
            });
        }
        // The day the text says it was written, else the feed's date.
        let p = self.written.or(self.src.meta.published)?;
        Some(TimeScope {
            range: DateRange::day(p),
            text: String::new(),
            span: None,
            implicit: true,
            written: self.written.is_some(),
        })
    }

    fn count_claim(&self, n: &NumberMatch) -> Option<Claim> {
        // «1024×768 بوصة»: one side of a pair of dimensions (a screen's
        // resolution, a room's size), never a count of what follows.
        if self.in_dimension_pair(&n.core) {
            return None;
        }
        // A unit after the number, or a percentage: a quantity, never a
        // count ("120 كيلومترا", "11.6 في المائة").
        if n.percent {
            return self.quantity_claim(n, None);
        }
        if let Some(unit) = self.x.quantities.unit_at(&self.t, self.after_number(n)) {
            return self.quantity_claim(n, Some(unit));
        }
        // A fraction alone ("أكثر من نصف القوات") is a share, not a head
        // count.
        if n.value.hi.is_some_and(|h| h < 1.0)
            || n.value.lo.is_some_and(|l| l < 1.0) && n.stated.is_some_and(|s| s < 1.0)
        {
            return None;
        }
        let f = &self.x.frames;
        let t = &self.t;
        let clause = self.clause_range(n.core.start);
        let mut evidence = Vec::new();
        // The counted noun: right after, or after "من" ("آلاف من المتظاهرين").
        let mut after = self.after_number(n);
        // "32 من الجرحى", "20 من المصابين الذين بلغ عددهم نحو 60": a figure
        // before "من" and a noun with the article is a part of a group
        // already counted, not the group (a vague "آلاف من المتظاهرين" is
        // the group).
        after = f.past_modifiers(t, after);
        let mut part_of_group = false;
        if t.text(after) == "من" && f.measure_noun_at(t, after + 1).is_some() {
            after += 1;
            part_of_group = n.vague.is_none() && t.stems(after).any(|s| s.article);
        } else if t.text(after) == "of" {
            // English: «seven of the soldiers» is a part, «thousands of
            // protesters» the group.
            let the = t.text(after + 1) == "the";
            let noun_at = after + 1 + usize::from(the);
            if f.measure_noun_at(t, noun_at).is_some() {
                after = noun_at;
                part_of_group = n.vague.is_none() && the;
            }
        }
        // The counted noun is in the number's sentence: a word on the next
        // line is not what it counts.
        let sentence_end = self.sentence_range(n.core.start).end;
        let mut noun = f.measure_noun_at(t, after).filter(|(r, _)| r.end <= sentence_end);
        // "عدد القتلى … 50", "حصيلة القتلى ارتفعت إلى …": the noun after عدد
        // (it also says what a generic "640 شخصا" counts).
        if noun.as_ref().is_none_or(|(_, mi)| f.measures[*mi].generic) {
            let generic = noun.take();
            // Words, not punctuation: «أعداد الموقوفين المتورطين في هذه
            // الجريمة، بلغ (97) شخصا». The count word tells the first figure
            // after it, not one after another figure («عدد المصابين (50)
            // حالة سجلت منهم (9) حالات وفيات»).
            noun = (clause.start..n.tokens.start)
                .rev()
                .take_while(|&k| t.kind(k) != Some(TokenKind::Number))
                .filter(|&k| t.kind(k) != Some(TokenKind::Punct))
                .take(COUNT_NOUN_LOOKBACK)
                // «إعداد» (preparing) reads as «أعداد» once hamza is folded.
                .find(|&k| {
                    (is_count_word(t.text(k)) && !self.src.slice(self.span(k..k + 1)).contains('إ'))
                        || is_english_count_word(t.text(k))
                })
                .and_then(|k| {
                    f.measure_noun_at(t, k + 1).or_else(|| {
                        // «the number of (the) dead», «the death toll».
                        let of = usize::from(t.text(k + 1) == "of");
                        let the = usize::from(of == 1 && t.text(k + 2) == "the");
                        let after_of = f.measure_noun_at(t, k + 1 + of + the).filter(|_| of == 1);
                        after_of.or_else(|| {
                            k.checked_sub(1).and_then(|p| f.measure_noun_at(t, p)).filter(|(r, _)| r.end == k + 1)
                        })
                    })
                })
                .filter(|(r, mi)| r.end <= n.tokens.start && !f.measures[*mi].generic)
                .or(generic);
        }
        // "قوات أميركية تتجاوز عددها الألف": with عددها/عددهم right before
        // the number, the head noun stands first among the words before it.
        if noun.is_none() {
            let window = n.tokens.start.saturating_sub(4).max(clause.start)..n.tokens.end;
            if window.clone().any(|k| is_count_word(t.text(k))) {
                noun = (window.start..n.tokens.start).find_map(|k| f.measure_noun_at(t, k));
            }
        }
        // "شارع 15", "القرار 2216", "الرحلة 370": a whole number right after
        // a noun that takes numbered names, with no counted noun after it,
        // is a name, never a count.
        if noun.is_none()
            && n.hedge.is_none()
            && n.vague.is_none()
            && n.value.lo == n.value.hi
            && n.value.lo.is_some_and(|v| v.fract() == 0.0)
            && f.names_by_number_before(t, n.tokens.start)
        {
            return None;
        }
        // A noun no rule lists: the number's own noun (the tamyiz), or the
        // noun after "من" (a part of a group), is what it counts.
        // After "من", a verb of the clause that says what is counted
        // ("قتل 12 من …") keeps deciding, as before open nouns.
        // «إصابة (2) بحروق», «أصيب 40 بجروح»: after a figure a verb of
        // casualties tells, a word of how they were hurt is not what is
        // counted (`measures.toml` manner_words).
        let manner = noun.is_none() && f.manner_at(t, after) && {
            let near = n.tokens.start.saturating_sub(VERB_WINDOW).max(clause.start)..n.tokens.start;
            f.measure_verb_in(t, near, &n.tokens).is_some_and(|(_, mi)| f.measures[mi].cumulative)
        };
        if noun.is_none() && !manner {
            if let Some(open) = self.open_noun(n, sentence_end) {
                let near = n.tokens.start.saturating_sub(VERB_WINDOW).max(clause.start)
                    ..(n.tokens.end + VERB_WINDOW + 1).min(clause.end);
                let verb_says = open.partitive
                    && f.measure_verb_in(t, near, &n.tokens).is_some_and(|(_, mi)| !f.measures[mi].generic);
                if !verb_says {
                    return self.open_count_claim(n, open);
                }
            }
        }
        let mut measure = noun.as_ref().map(|(_, mi)| *mi);
        if let Some((r, mi)) = &noun {
            evidence.push(self.evidence("measure", r.clone(), format!("counted noun → {}", f.measures[*mi].label)));
        }
        // A generic noun or no noun: a verb in the clause may say what is counted.
        // "مقتل 12 وإصابة 40": an event word right after the number is the
        // next figure's; the number's own is before it.
        let next_is_verb = f.measure_verb_in(t, after..after + 1, &n.tokens).is_some();
        let needs_verb = match measure {
            Some(mi) => f.measures[mi].generic,
            // "وإصابة نحو 100 يعالجون": a present-tense verb is no noun.
            None => {
                manner
                    || t.kind(after) != Some(TokenKind::Word)
                    || is_function_word(t.text(after))
                    // «killed 12 on Monday», «35 were wounded»: English
                    // function words follow a bare figure.
                    || (t.text(after).is_ascii() && self.x.profiles.stop.contains(t.text(after)))
                    || next_is_verb
                    || self.x.quantities.is_verb_form(t.text(after))
            }
        };
        // A bare number that heads a list item («4 - اختطف فنجان», «1984 -
        // وفاة الممثل») or reads as a year («حادثة 1984 … اختطاف طائرة»)
        // counts nothing a verb near it could say.
        if measure.is_none() && (self.heads_list_item(n) || year_like(t, n)) {
            return None;
        }
        if needs_verb {
            // Not a verb before another figure: in «توفي منهم 465 وشفي 581»
            // the deaths are the 465's.
            let start =
                self.after_last_figure(n.tokens.start.saturating_sub(VERB_WINDOW).max(clause.start)..n.tokens.start);
            let near = start..(n.tokens.end + VERB_WINDOW + 1).min(clause.end);
            let before = f.measure_verb_in(t, start..n.tokens.start, &n.tokens).filter(|_| next_is_verb);
            match before.or_else(|| f.measure_verb_in(t, near, &n.tokens)) {
                Some((r, mi)) if !f.measures[mi].generic => {
                    evidence.push(self.evidence("measure", r, format!("verb → {}", f.measures[mi].label)));
                    measure = Some(mi);
                }
                // «تضم المجموعة الثانية 190 شخصا»: a group's members are
                // what the article counted of that group before.
                _ if measure.is_some() => {
                    let (r, before) = self.members_counted_before(n, &clause)?;
                    let m = &f.measures[before.measure];
                    let note = format!(
                        "members of a group whose people were counted before as {} («{}»)",
                        m.label,
                        self.text(before.at.clone())
                    );
                    evidence.push(self.evidence("measure", r, note));
                    measure = Some(before.measure);
                }
                _ => return None,
            }
        }
        let mi = measure?;
        let m = &f.measures[mi];
        let noun_range = noun.map(|(r, _)| r).unwrap_or(n.core.clone());
        let mut id = m.id.clone();
        let mut label = m.label.clone();
        let mut keyed_by = m.keyed_by.clone();
        let mut cumulative = m.cumulative;
        // "قتل 14 جنديا": soldiers counted by a verb of killing are the
        // killed, not the deployed. The subject keeps both.
        let mut counted_as = mi;
        if !needs_verb {
            // The nearest verb, not one with a figure of its own after it; a
            // verb before a list («قتل خمسة ضباط و3 جنود») is every item's.
            let near = n.tokens.start.saturating_sub(CASUALTY_WINDOW).max(clause.start)
                ..(n.tokens.end + CASUALTY_WINDOW).min(clause.end);
            if let Some((r, ci)) =
                f.refining_verb_in(t, near, mi, &n.tokens, |r| self.figure_after(r, &n.tokens, &clause))
            {
                let c = &f.measures[ci];
                evidence.push(self.evidence("measure", r, format!("verb → {} ({})", c.label, m.label)));
                id = format!("{}:{}", c.id, m.id);
                cumulative = c.cumulative;
                label = format!("{} ({})", c.label, m.label);
                counted_as = ci;
                for k in &c.keyed_by {
                    if !keyed_by.contains(k) {
                        keyed_by.push(*k);
                    }
                }
            }
        }
        // A part of a group, unless a verb says what happened to it ("قتل 12
        // من المسلحين" is 12 fighters killed).
        // «حصيلة القتلى تتضمن 20 طفلا», «بينهم 5 أطفال»: after a word of
        // inclusion a figure is a part of a group counted before, whatever
        // verb the clause has.
        let included = f.part_word_before(t, n.tokens.start).filter(|_| n.vague.is_none());
        if let Some(r) = included {
            evidence.push(self.evidence("measure", r, "a part of a group already counted"));
            if !id.starts_with("part:") {
                id = format!("part:{id}");
                label = format!("some of the {label}");
            }
        } else if part_of_group && counted_as == mi {
            evidence.push(self.evidence("measure", after - 1..after, "a part of a group already counted"));
            id = format!("part:{id}");
            label = format!("some of the {label}");
        } else if let Some(r) = self.coordinated_noun_before(n, mi) {
            // «قتل ضابط و3 جنود»: an officer and 3 soldiers are 4; the
            // figure is the rest of a group the noun before it begins.
            evidence.push(self.evidence("measure", r, "joined by «و» to one more of its kind: a part of the group"));
            id = format!("part:{id}");
            label = format!("some of the {label}");
        }
        let noun_end = noun_range.end.max(n.tokens.end);
        // «(50) حالة سجلت منهم (9) حالات وفيات»: cases of whom some died
        // count the dead too, not the injured.
        let with_dead = f.with_dead.as_ref().filter(|(of, _, _)| of.contains(&id));
        if let Some((_, dead_id, dead_label)) = with_dead {
            if let Some(r) = f.of_whom_dead_after(t, noun_end, WITH_DEAD_WINDOW) {
                evidence.push(self.evidence("measure", r, format!("of whom some died → {dead_label}")));
                id = dead_id.to_string();
                label = dead_label.to_string();
            }
        }
        // «39 إصابة تتلقى العلاج»: those still in hospital are a part of the
        // injured, not the injured. Not a figure after another in its clause:
        // in «32 من الجرحى الذين بلغ عددهم نحو مائة ما زالوا» the verb is the
        // 32's, and the 100 are all the injured.
        let first_in_clause = self.after_last_figure(clause.start..n.tokens.start) == clause.start;
        if cumulative && first_in_clause && !id.starts_with("part:") {
            // After the noun, or after a verbal noun standing for it («39
            // إصابة تتلقى»).
            if let Some(r) = (noun_end..noun_end + 2).find_map(|k| f.still_at(t, k)) {
                evidence.push(self.evidence("measure", r, "those still so: a part of the whole"));
                id = format!("part:{id}");
                label = format!("some of the {label}");
            }
        }
        if !id.starts_with("part:") {
            if let Some(r) = f.share_after(t, noun_end) {
                evidence.push(self.evidence("measure", r, "a share of a whole: a part"));
                id = format!("part:{id}");
                label = format!("some of the {label}");
            }
        }
        let mut parts = vec![format!("count/{id}")];
        let mut actor = None;
        if keyed_by.contains(&KeyPart::Actor) {
            match self.count_actor(&noun_range, &n.tokens) {
                Some((a, r)) => {
                    evidence.push(self.evidence("actor", r, format!("→ {}", self.label(&a))));
                    label.push_str(&format!(", {}", self.label(&a)));
                    parts.push(a.clone());
                    actor = Some(a);
                }
                None => parts.push(UNKNOWN.into()),
            }
        }
        let mut assumed = 0;
        if keyed_by.contains(&KeyPart::Place) {
            match self.place_of(&n.tokens, actor.as_deref()) {
                Some((p, r)) => {
                    // "count/{id}" is two parts of the key.
                    if r.is_none() {
                        assumed |= assumed_part(parts.len() + 1);
                    }
                    evidence.push(self.place_evidence(&p, r));
                    label.push_str(&format!(", in {}", self.label(&p)));
                    parts.push(p);
                }
                None => parts.push(UNKNOWN.into()),
            }
        }
        let hedged = self.hedge_after_noun(n, noun_range.end, &mut evidence);
        let n = hedged.as_ref().unwrap_or(n);
        let value = self.rounded(n, &mut evidence);
        let time = self.time_scope(&n.tokens);
        self.time_evidence(&time, &mut evidence);
        let span_tokens = n.tokens.start..noun_range.end.max(n.tokens.end);
        if !id.starts_with("part:") {
            self.note_groups(n, &clause, counted_as);
        }
        Some(Claim {
            cumulative,
            assumed,
            time,
            ..self.claim(
                ClaimKind::Count,
                parts.join("/"),
                label,
                ClaimValue::Count(value),
                span_tokens,
                n.tokens.start,
                evidence,
            )
        })
    }

    /// The noun a number counts when no rule lists it: right after the
    /// number, or after "من" following it (a part of a group: "سبعة من
    /// رجال الإطفاء"), in the number's sentence, a word that can be counted
    /// (`units.toml` [open]).
    fn open_noun(&self, n: &NumberMatch, sentence_end: usize) -> Option<OpenNoun> {
        let t = &self.t;
        let q = &self.x.quantities;
        let mut at = self.x.frames.past_modifiers(t, self.after_number(n));
        let partitive = t.text(at) == "من";
        if partitive {
            at += 1;
        }
        if at >= sentence_end || t.kind(at) != Some(TokenKind::Word) {
            return None;
        }
        let word = t.text(at);
        if is_function_word(word) || self.x.profiles.stop.contains(word) || !q.may_be_counted(word) {
            return None;
        }
        // One and two follow their noun in Arabic ("حالة واحدة"): what
        // comes after the word is never what it counts. English puts them
        // first («two new schools»).
        let in_words = n.core.clone().all(|k| t.kind(k) == Some(TokenKind::Word) && !t.text(k).is_ascii());
        if in_words && n.stated.is_some_and(|v| v == 1.0 || v == 2.0) && !partitive {
            return None;
        }
        // A number written in English words counts an English word («One
        // وXbox» in Arabic text is a name and a conjunction).
        let in_english = n.core.clone().all(|k| t.kind(k) == Some(TokenKind::Word) && t.text(k).is_ascii());
        if in_english && !word.is_ascii() {
            return None;
        }
        // Things are counted in whole numbers ("4.0" is a version), and
        // the noun a figure counts is indefinite: after a figure (not a
        // vague word like "آلاف الأطنان", not "من"), a word with the
        // article is an adjective or another phrase ("الساعات الـ72
        // الأولى").
        if n.stated.is_some_and(|v| v.fract() != 0.0)
            || (!partitive && n.vague.is_none() && word.starts_with("ال") && !word.is_ascii())
            // A preposition or «و» with the article ("للكرة", "بالمدينة",
            // «والتبليغ») starts another phrase, never the counted noun.
            || crate::text::stems(word).iter().any(|s| s.article && (s.prep.is_some() || s.conj))
            // «خمس وأربع», «عشر وعشرين»: another number, not a noun.
            || self.x.numbers.parse_at(t, at).is_some_and(|m| m.tokens.start == at)
            // «قتل 12 وجرح 40», «مقتل 12 وإصابة 40»: a verb of a measure
            // joined by «و» tells the next figure, not what this one counts.
            || self.x.frames.verb_cue_after_wa_at(t, at)
        {
            return None;
        }
        // A unit after "من" ("من الكيلومترات") or a name ("من السعودية") is
        // not a group the number is part of.
        if self.entities_in(at..at + 1).next().is_some() || q.unit_at(t, at).is_some() {
            return None;
        }
        let mut lemma = if word.is_ascii() { terms::light_stem(word).to_string() } else { q.lemma(word) };
        // A word that qualifies the noun makes a narrower count (a part is
        // not the whole): "35 برنامجا دوليا" is not "79 برنامجا". A
        // nationality or a place after the noun is its actor or place.
        let next = at + 1;
        if next < sentence_end
            && t.kind(next) == Some(TokenKind::Word)
            && self.entities_in(next..next + 1).next().is_none()
        {
            // New ones since the last report: each report counts from its own.
            if q.is_increment(t.text(next)) {
                return None;
            }
            // «سفينة يوميا»: a word of a period makes a rate, not a kind of ship.
            let rate = q.rate_after(t, next).is_some_and(|(r, _)| r.start == next);
            if let Some(k) = q.qualifier(t.text(next)).filter(|_| !rate) {
                lemma = format!("{lemma}+{k}");
            }
        }
        Some(OpenNoun { tokens: at..at + 1, lemma, partitive })
    }

    /// A count of an open noun: its measure is the noun's lemma (`n:…`, or
    /// `part:…` for a part of a group); a verb of killing, wounding or
    /// arrest near it makes it that toll's, as for listed nouns. It joins
    /// another only when their clauses speak of one event.
    /// "قتل 20 شخصا على الأقل", "عشرة جنود أفغان على الأقل", "ثلاثة منازل على
    /// الاقل": a hedge after the counted noun (and a word that qualifies it)
    /// hedges an unhedged number. Records the number's hedge evidence
    /// either way; returns the hedged number when there is one.
    fn hedge_after_noun(&self, n: &NumberMatch, noun_end: usize, evidence: &mut Vec<Evidence>) -> Option<NumberMatch> {
        let t = &self.t;
        let after_noun = if n.hedge.is_none() {
            (noun_end..noun_end + 2)
                .take_while(|&k| k == noun_end || t.kind(k - 1) == Some(TokenKind::Word))
                .find_map(|k| self.x.numbers.hedge_after_at(t, k))
        } else {
            None
        };
        let Some(h) = after_noun else {
            self.hedge_evidence(n, true, evidence);
            return None;
        };
        let hedged = self.x.numbers.with_hedge(&h, n.clone());
        evidence.push(self.evidence("hedge", h.tokens.clone(), format!("{} → {}", h.id, hedged.value.notation())));
        // The hedge after the noun was recorded with its own words.
        self.hedge_evidence(&hedged, false, evidence);
        Some(hedged)
    }

    /// A count written with a scale word keeps the precision it was
    /// written with, as an amount does («18 ألف طلقة» for 18,360 rounds
    /// to the thousand); a count written in full digits is exact.
    fn rounded(&self, n: &NumberMatch, evidence: &mut Vec<Evidence>) -> Interval {
        let (below, above) = quantities::amount_tolerance(&self.t, &n.core, n.stated.unwrap_or(0.0));
        let value = n.value.widened(below, above);
        if value != n.value {
            evidence.push(self.evidence(
                "hedge",
                n.core.clone(),
                format!("written to its last digit → {}", value.notation()),
            ));
        }
        value
    }

    fn open_count_claim(&self, n: &NumberMatch, open: OpenNoun) -> Option<Claim> {
        let f = &self.x.frames;
        let t = &self.t;
        let clause = self.clause_range(n.core.start);
        // After «من», or after a word of inclusion («بينهم 5 أطفال»): a part.
        let included = f.part_word_before(t, n.tokens.start).filter(|_| n.vague.is_none());
        let share = f.share_after(t, open.tokens.end);
        let part = open.partitive || included.is_some() || share.is_some();
        let stem = if part { "part" } else { "n" };
        let mut id = format!("{stem}:{}", open.lemma);
        let mut label = format!("{} «{}»", if part { "some of" } else { "count of" }, self.text(open.tokens.clone()));
        let mut evidence = vec![self.evidence("measure", open.tokens.clone(), format!("counted noun → {id}"))];
        if let Some(r) = included {
            evidence.push(self.evidence("measure", r, "a part of a group already counted"));
        }
        if let Some(r) = share {
            evidence.push(self.evidence("measure", r, "a share of a whole: a part"));
        }
        let mut cumulative = false;
        if let Some(people) = f.measures.iter().position(|m| &*m.id == "people") {
            // A verb is the nearest figure's: not one before another figure
            // («قتل 5 وأصيب 12»), nor one with a figure right after it: in
            // «شملت 13 ولاية اعتقل فيها نحو 300» the arrests are the 300's.
            let from = self
                .after_last_figure(n.tokens.start.saturating_sub(CASUALTY_WINDOW).max(clause.start)..n.tokens.start);
            let to = (n.tokens.end + CASUALTY_WINDOW).min(clause.end);
            let verb = f.refining_verb_in(t, from..to, people, &n.tokens, |r| self.figure_after(r, &n.tokens, &clause));
            if let Some((r, ci)) = verb {
                let c = &f.measures[ci];
                if !part {
                    self.note_groups(n, &clause, ci);
                }
                evidence.push(self.evidence("measure", r, format!("verb → {} ({id})", c.label)));
                id = format!("{}:{id}", c.id);
                label = format!("{} ({label})", c.label);
                cumulative = c.cumulative;
            }
        }
        let mut assumed = 0;
        let place = match self.place_of(&n.tokens, None) {
            Some((p, r)) => {
                // The place is the third part of "count/{id}/{place}".
                if r.is_none() {
                    assumed = assumed_part(2);
                }
                evidence.push(self.place_evidence(&p, r));
                label.push_str(&format!(", in {}", self.label(&p)));
                p
            }
            None => UNKNOWN.into(),
        };
        let hedged = self.hedge_after_noun(n, open.tokens.end, &mut evidence);
        let n = hedged.as_ref().unwrap_or(n);
        let value = self.rounded(n, &mut evidence);
        let time = self.time_scope(&n.tokens);
        self.time_evidence(&time, &mut evidence);
        let binding = self.binding_of(n, &mut evidence);
        Some(Claim {
            cumulative,
            binding,
            assumed,
            time,
            ..self.claim(
                ClaimKind::Count,
                format!("count/{id}/{place}"),
                label,
                ClaimValue::Count(value),
                n.tokens.start..open.tokens.end.max(n.tokens.end),
                n.tokens.start,
                evidence,
            )
        })
    }

    /// A quantity: a number with a unit (or a percentage) whose clause says
    /// what it measures: a property noun before it whose dimensions allow
    /// the unit's ("طول الطريق"), with the noun after it as topic, or "من"
    /// and a noun after the unit ("300 طن من المساعدات"). Anything else
    /// ("على بعد 50 كيلومترا", "خلال 24 ساعة") says when or where, and is
    /// no claim.
    fn quantity_claim(&self, n: &NumberMatch, unit: Option<(Range<usize>, &quantities::Unit)>) -> Option<Claim> {
        let q = &self.x.quantities;
        let t = &self.t;
        let clause = self.clause_range(n.core.start);
        let (dimension, factor, unit_end) = match &unit {
            Some((r, u)) => (u.dimension, u.factor, r.end),
            None => (q.dimensions.iter().position(|d| &*d.id == "share")?, 1.0, n.tokens.end),
        };
        let dim = &q.dimensions[dimension];
        let mut evidence = Vec::new();
        if let Some((r, u)) = &unit {
            evidence.push(self.evidence(
                "unit",
                r.clone(),
                format!("{} ({}, ×{} {})", u.id, dim.id, u.factor, dim.base),
            ));
        }
        // The property noun: within a few words before the number, in its
        // clause, with no other figure between.
        let back = n.tokens.start.saturating_sub(PROPERTY_WINDOW).max(clause.start);
        let property =
            (back..n.tokens.start).rev().take_while(|&k| t.kind(k) != Some(TokenKind::Number)).find_map(|k| {
                q.property_at(t, k).filter(|(r, p)| {
                    r.end <= n.tokens.start && (p.dimensions.is_empty() || p.dimensions.contains(&dimension))
                })
            });
        let topic_word = |k: usize| self.topic_word(k, &clause);
        let after_unit = q.property_after_at(t, unit_end).filter(|(_, p)| p.dimensions.contains(&dimension));
        let (prop_id, topic) = match (&property, &after_unit) {
            (Some((r, p)), _) => {
                evidence.push(self.evidence("property", r.clone(), format!("→ {}", p.id)));
                (p.id.to_string(), self.topic_of(r, n.tokens.start, &clause))
            }
            (None, Some((r, p))) => {
                evidence.push(self.evidence("property", r.clone(), format!("→ {}", p.id)));
                let before = n.tokens.start..n.tokens.start;
                (p.id.to_string(), self.topic_of(&before, n.tokens.start, &clause))
            }
            (None, None) if dim.of_topic && matches!(t.text(unit_end), "من" | "of") => {
                ("of".to_string(), topic_word(unit_end + 1).map(|w| (w, unit_end + 1)))
            }
            (None, None) => return None,
        };
        // A property with nothing it is of ("بنسبة 5%", "لمدة 3 أيام") is a
        // change or a span of time, not a measure of a thing.
        let (topic_key, topic_at) = topic?;
        evidence.push(self.evidence("topic", topic_at..topic_at + 1, format!("→ {topic_key}")));
        self.hedge_evidence(n, true, &mut evidence);
        let tolerance = quantities::written_tolerance(t, &n.core, n.stated.unwrap_or(0.0));
        let value = n.value.widened(tolerance, tolerance);
        let scale = |x: Option<f64>| x.map(|v| v * factor);
        let value = Interval::new(scale(value.lo), value.lo_open, scale(value.hi), value.hi_open);
        let time = self.time_scope(&n.tokens);
        self.time_evidence(&time, &mut evidence);
        let binding = if property.as_ref().is_some_and(|(_, p)| p.series) {
            Binding::StatedDay
        } else {
            self.binding_of(n, &mut evidence)
        };
        let what = if prop_id == "of" { dim.id.to_string() } else { prop_id.clone() };
        let label = format!("{what} of «{}» ({})", self.text(topic_at..topic_at + 1), dim.id);
        Some(Claim {
            binding,
            time,
            ..self.claim(
                ClaimKind::Quantity,
                format!("quantity/{}:{prop_id}/{topic_key}", dim.id),
                label,
                ClaimValue::Quantity { value, unit: dim.base.clone() },
                n.tokens.start..unit_end.max(n.tokens.end),
                n.tokens.start,
                evidence,
            )
        })
    }

    /// An open figure's binding: a level reached after a change word
    /// ("ارتفع … إلى N", `units.toml` [open] change_words) needs its day.
    fn binding_of(&self, n: &NumberMatch, evidence: &mut Vec<Evidence>) -> Binding {
        let t = &self.t;
        let clause = self.clause_range(n.core.start);
        let back = n.tokens.start.saturating_sub(CHANGE_WINDOW).max(clause.start);
        let to = (back..n.tokens.start).rev().find(|&k| matches!(t.text(k), "الي" | "الى" | "لي"));
        let change = to.and_then(|k| {
            (k.saturating_sub(CHANGE_WINDOW).max(clause.start)..k).find(|&j| self.x.quantities.is_change_word(t, j))
        });
        // "أوقفت منذ أمس الجمعة 320 شخصا في 22 ولاية": a tally since a day
        // is a running total at the time of the report.
        let sentence = self.sentence_range(n.core.start);
        let tally = (sentence.start..n.tokens.start).find(|&j| self.x.quantities.is_tally_word(t, j));
        match change.or(tally) {
            Some(j) => {
                evidence.push(self.evidence(
                    "binding",
                    j..j + 1,
                    "a level reached after a change, or a tally since a day: compared only on its stated day",
                ));
                Binding::StatedDay
            }
            None => Binding::ClauseWords,
        }
    }

    /// The words of a figure's hedge (when `with_hedge`) and vague
    /// quantity, and what each made of it.
    fn hedge_evidence(&self, n: &NumberMatch, with_hedge: bool, evidence: &mut Vec<Evidence>) {
        if let Some(h) = n.hedge.as_ref().filter(|_| with_hedge) {
            evidence.push(self.evidence(
                "hedge",
                n.tokens.start..n.core.start.max(n.tokens.start + 1),
                format!("{h} → {}", n.value.notation()),
            ));
        }
        if let Some(v) = &n.vague {
            evidence.push(self.evidence(
                "hedge",
                n.core.clone(),
                format!("vague quantity {v} → {}", n.value.notation()),
            ));
        }
    }

    fn time_evidence(&self, time: &Option<TimeScope>, evidence: &mut Vec<Evidence>) {
        if let Some(TimeScope { span: Some(span), text, range, .. }) = time {
            evidence.push(Evidence {
                decided: "time",
                text: text.clone(),
                span: Some(*span),
                note: format!("→ {}", range.notation()),
            });
        }
    }

    /// The first token after a number, past the closing bracket of a
    /// number written in brackets ("(151) عقارا").
    fn after_number(&self, n: &NumberMatch) -> usize {
        let t = &self.t;
        let end = n.tokens.end;
        let opened = n.tokens.start > 0 && t.text(n.tokens.start - 1) == "(";
        if opened && t.text(end) == ")" {
            end + 1
        } else {
            end
        }
    }

    /// A claim of this document with the defaults every stage sets later
    /// (story, cue) or only some claims change (a running total, a
    /// relative day, a binding beyond the key, a time scope).
    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        kind: ClaimKind,
        subject: impl Into<Arc<str>>,
        label: impl Into<Arc<str>>,
        value: ClaimValue,
        tokens: Range<usize>,
        sentence_at: usize,
        evidence: Vec<Evidence>,
    ) -> Claim {
        let mut subject: Arc<str> = subject.into();
        let mut label: Arc<str> = label.into();
        let mut evidence = evidence;
        // A figure for each day or year is a rate, never the total it is
        // a rate of: its measure says so ("count/ships@day/…").
        if matches!(kind, ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money) {
            if let Some((r, rate)) = self.x.quantities.rate_after(&self.t, tokens.end) {
                let mut parts: Vec<&str> = subject.splitn(3, '/').collect();
                let measure = parts.get(1).map(|m| format!("{m}@{}", rate.id)).unwrap_or_default();
                if parts.len() > 1 {
                    parts[1] = &measure;
                }
                subject = parts.join("/").into();
                label = format!("{label} ({})", rate.label).into();
                evidence.push(self.evidence("measure", r, format!("a rate: {}", rate.label)));
            }
        }
        Claim {
            source: self.si,
            cumulative: false,
            same_event_within_days: None,
            cue: EventCue::default(),
            story: 0,
            relative_day: false,
            binding: Binding::Key,
            assumed: 0,
            kind,
            subject,
            subject_label: label,
            value,
            time: None,
            span: self.span(tokens),
            sentence: self.sentence_span(sentence_at),
            evidence: evidence.into(),
        }
    }

    fn sentence_span(&self, i: usize) -> Span {
        self.t.sentence_of(i).map(|k| self.t.sentences[k].span).unwrap_or_else(|| self.t.span(i, i + 1))
    }

    /// Every claim's words lie inside its sentence (an expression may run
    /// across a line break: the sentence then covers both lines).
    fn within_sentence(mut c: Claim) -> Claim {
        c.sentence = c.sentence.join(c.span);
        c
    }

    fn money_claim(&self, m: &MoneyMatch) -> Option<Claim> {
        // "375 مليون ريال": a name several currencies share is the one of
        // the article's main country, when it uses one (money.toml
        // [[family]]); otherwise we cannot tell which, and it is no claim.
        let resolved;
        let m = if m.money.currency.starts_with('?') {
            let country = self.locus.as_deref()?;
            let code = self.x.money.resolve_family(&m.money.currency, country)?;
            let mut r = m.clone();
            r.money.currency = code.to_string();
            resolved = r;
            &resolved
        } else {
            m
        };
        let f = &self.x.frames;
        let clause = self.clause_range(m.tokens.start);
        let sentence = self.sentence_range(m.tokens.start);
        // The nearest specific money word (مساعدات, قرض) wins; a generic one
        // (تخصيص "allocation") only when no specific one is in the clause.
        let words = f.money_words_in(&self.t, clause.clone());
        let Some((wr, wi)) =
            words.into_iter().min_by_key(|(r, wi)| (f.money_measures[*wi].generic, distance(r, &m.tokens)))
        else {
            // No money word of measures.toml: a property noun before the
            // amount ("إجمالي التعويضات لملاك العقارات (375,526,840) ريالا")
            // still says what it is the amount of.
            return self.money_of_property(m, &clause, "amount", "amount", Vec::new());
        };
        let mm = &f.money_measures[wi];
        let (mid, mlabel) = (&mm.id, &mm.label);
        let mut evidence = vec![self.evidence("measure", wr.clone(), format!("→ {mlabel}"))];
        let mut assumed = 0;
        // What it pays for: a named site in the clause, else the sentence,
        // else the countries of the clause.
        let site = |r: Range<usize>| {
            self.entities_in(r)
                .filter_map(|e| match &e.kind {
                    EntityKind::Site { key, .. } => Some((key.clone(), e.tokens.clone())),
                    _ => None,
                })
                .min_by_key(|(_, r)| distance(r, &m.tokens))
        };
        let (target, target_label) = if let Some((key, r)) =
            mm.by_site.then(|| site(clause.clone()).or_else(|| site(sentence.clone()))).flatten()
        {
            evidence.push(self.evidence("site", r, format!("→ {}", self.x.gazetteer.site_label(&key))));
            (format!("site:{key}"), self.x.gazetteer.site_label(&key))
        } else if mm.by_place {
            match self.place_of(&m.tokens, None) {
                Some((p, r)) => {
                    match r {
                        Some(r) => evidence.push(self.evidence("place", r, format!("→ {}", self.label(&p)))),
                        None => assumed = assumed_part(2),
                    }
                    (p.clone(), format!("in {}", self.label(&p)))
                }
                None => (UNKNOWN.to_string(), "unknown place".to_string()),
            }
        } else {
            let before = evidence.len();
            let actors = self.participants(&clause, Some(&m.tokens), false, &mut evidence);
            // Nobody the text names: the article's main country.
            if evidence[before..].iter().all(|e| e.span.is_none()) {
                assumed = assumed_part(2);
            }
            if actors.contains(UNKNOWN) {
                // Nobody named: a property noun before the amount says what
                // it is the amount of ("تكلفة الجسر": the bridge's cost), else
                // we cannot tell whose money it is.
                return self.money_of_property(m, &clause, mid, mlabel, evidence);
            }
            let label = actors.iter().map(|a| self.label(a)).collect::<Vec<_>>().join(", ");
            (actors.into_iter().collect::<Vec<_>>().join("+"), label)
        };
        Some(Claim { assumed, ..self.money_of(m, mid, mlabel, target, target_label, evidence) })
    }

    /// A word that can say what a property is of: a content word, not a
    /// function or stop word, that could be counted; its lemma.
    fn topic_word(&self, k: usize, clause: &Range<usize>) -> Option<String> {
        let (t, q) = (&self.t, &self.x.quantities);
        let w = t.text(k);
        // «من قيمته», «حصتها»: a noun with a pronoun points back to what
        // the clause named (Brent, WTI); alone it identifies nothing. Read
        // as written: normalised, ة and ه are one letter.
        let pronoun = k < clause.end && {
            let raw = self.src.slice(t.tokens[k].span);
            ["ته", "تها", "تهم", "تهما"].iter().any(|end| raw.ends_with(end))
        };
        (k < clause.end
            && !pronoun
            && t.kind(k) == Some(TokenKind::Word)
            && !is_function_word(w)
            && !self.x.profiles.stop.contains(w)
            && q.may_be_counted(w))
        .then(|| if w.is_ascii() { terms::light_stem(w).to_string() } else { q.lemma(w) })
    }

    /// What the property at `prop` is of, before the figure at `limit`:
    /// in Arabic the noun right after it ("طول الطريق"); in English the
    /// first content word after "of" ("the length of the canal"), else the
    /// nearest content word before it ("the unemployment rate", "the plant
    /// has a capacity of", "the road is 120 km long").
    fn topic_of(&self, prop: &Range<usize>, limit: usize, clause: &Range<usize>) -> Option<(String, usize)> {
        let t = &self.t;
        let english = prop.is_empty() || t.text(prop.start).is_ascii();
        if !english {
            return (prop.end < limit).then(|| self.topic_word(prop.end, clause)).flatten().map(|w| (w, prop.end));
        }
        if t.text(prop.end) == "of" {
            if let Some(found) = (prop.end + 1..limit).find_map(|k| self.topic_word(k, clause).map(|w| (w, k))) {
                return Some(found);
            }
        }
        (clause.start..prop.start).rev().find_map(|k| self.topic_word(k, clause).map(|w| (w, k)))
    }

    /// An amount whose clause names no party: the property noun before it
    /// and the noun after that («تكلفة الجسر», «إجمالي التعويضات لملاك»)
    /// say what it is the amount of; without one it is no claim.
    fn money_of_property(
        &self,
        m: &MoneyMatch,
        clause: &Range<usize>,
        mid: &str,
        mlabel: &str,
        mut evidence: Vec<Evidence>,
    ) -> Option<Claim> {
        let back = m.tokens.start.saturating_sub(PROPERTY_WINDOW).max(clause.start);
        let prop = (back..m.tokens.start).rev().find_map(|k| self.x.quantities.money_property_at(&self.t, k))?;
        // A price ("سعر الذهب … 1104.50 دولار") moves by the minute: two
        // quotes of one day are two moments, not a claim to compare.
        if self.x.quantities.is_price_at(&self.t, prop.start) {
            return None;
        }
        let (topic, k) = self.money_topic(&prop, m.tokens.start, clause)?;
        evidence.push(self.evidence("property", prop.clone(), format!("→ {mlabel}")));
        evidence.push(self.evidence("topic", k..k + 1, format!("→ {topic}")));
        Some(self.money_of(m, mid, mlabel, format!("topic:{topic}"), format!("«{}»", self.text(k..k + 1)), evidence))
    }

    /// The start of `r` after its last figure in digits (`r.start` when it
    /// has none): a verb before another figure is that figure's.
    /// «ضابط و3 جنود», «ضابط وثلاثة جنود»: the noun of measure `mi` right
    /// before the «و» that opens the figure `n`, when it has no figure of
    /// its own («5 ضباط و3 جنود» are two counts, a list).
    /// Notes the groups a count of people by `measure` speaks of, for the
    /// members counted after it (`measures.toml` [members]): each group its
    /// clause names before it when it is itself a count of members («تضم
    /// المجموعة الأولى 97 شخصا تم إيقافهم»), else the groups named after it
    /// in the plural, which its people are divided into («القبض على 431
    /// متورطا ضمن ثلاث مجموعات»).
    fn note_groups(&self, n: &NumberMatch, clause: &Range<usize>, measure: usize) {
        let (f, t) = (&self.x.frames, &self.t);
        if f.members_within == 0 || f.measures[measure].generic {
            return;
        }
        let Some(sentence) = t.sentence_of(n.tokens.start) else { return };
        let groups = if f.member_verb_before(t, clause.start, n.tokens.start, VERB_WINDOW).is_some() {
            f.groups_in(t, clause.start..n.tokens.start)
        } else {
            f.groups_in(t, n.tokens.end..clause.end).into_iter().filter(|&(_, many)| many).collect()
        };
        let mut counted = self.counted_groups.borrow_mut();
        for (group, _) in groups {
            counted.push(GroupCount { group, measure, sentence, at: n.tokens.clone() });
        }
    }

    /// A count of a group's members by a generic noun («تضم المجموعة
    /// الثانية 190 شخصا»: a verb of comprising before the figure, the group
    /// named in its clause) whose group a count a few sentences before
    /// spoke of: the verb's tokens and that count. Without one the members
    /// are no claim («الفرقة التي تضم 14 عضوا»).
    fn members_counted_before(&self, n: &NumberMatch, clause: &Range<usize>) -> Option<(Range<usize>, GroupCount)> {
        let (f, t) = (&self.x.frames, &self.t);
        let verb = f.member_verb_before(t, clause.start, n.tokens.start, VERB_WINDOW)?;
        let groups = f.groups_in(t, clause.start..n.tokens.start);
        let sentence = t.sentence_of(n.tokens.start)?;
        let counted = self.counted_groups.borrow();
        let before = counted.iter().rev().find(|g| {
            g.at.end <= n.tokens.start
                && sentence - g.sentence <= f.members_within
                && groups.iter().any(|&(group, _)| group == g.group)
        })?;
        Some((verb, before.clone()))
    }

    fn coordinated_noun_before(&self, n: &NumberMatch, mi: usize) -> Option<Range<usize>> {
        let t = &self.t;
        let k = n.tokens.start;
        let end = if k >= 1 && t.text(k - 1) == "و" {
            k - 1
        } else if t.kind(k) == Some(TokenKind::Word) && t.text(k).starts_with('و') && t.stems(k).any(|s| s.conj) {
            k
        } else {
            return None;
        };
        let (r, m) = (end.saturating_sub(2)..end)
            .find_map(|s| self.x.frames.measure_noun_at(t, s).filter(|(r, _)| r.end == end))?;
        let figure_before = r.start >= 1 && is_figure_word(&self.x.numbers, t, r.start - 1);
        (m == mi && !figure_before && !self.x.frames.measures[m].generic).then_some(r)
    }

    fn after_last_figure(&self, r: Range<usize>) -> usize {
        r.clone().rev().find(|&k| self.t.kind(k) == Some(TokenKind::Number)).map_or(r.start, |k| k + 1)
    }

    /// Whether token `k` is a figure in digits or words outside a date.
    fn figure_token(&self, k: usize) -> bool {
        let at = self.dates.partition_point(|d| d.tokens.start <= k);
        let in_date = at > 0 && self.dates[at - 1].tokens.end > k;
        !in_date && is_figure_word(&self.x.numbers, &self.t, k)
    }

    /// Whether the verb cue `r`, after the figure at `figure`, is another
    /// figure's: one nearer to it than to this one («شملت 13 ولاية اعتقل
    /// فيها نحو 300»: the arrests are the 300's), or one right between two
    /// («قتل 5 وأصيب 12»: the verb before a figure is its own). «سبعة جنود
    /// قتلوا وأصيب خمسة»: the seven were killed.
    fn figure_after(&self, r: &Range<usize>, figure: &Range<usize>, clause: &Range<usize>) -> bool {
        // A verb after its subject agrees with it in number: «ثمانية أفراد
        // من القبيلة قتلوا وجرح 18 آخرون», the eight were killed.
        if r.start < figure.end || self.t.text(r.start).ends_with("وا") {
            return false;
        }
        let window = r.end..(r.end + VERB_WINDOW).min(clause.end);
        // A figure in digits after the verb takes it («اعتقل فيها نحو 300»).
        if window.clone().any(|k| self.t.kind(k) == Some(TokenKind::Number)) {
            return true;
        }
        let before = r.start - figure.end;
        let after = window.into_iter().find(|&k| self.figure_token(k) && !self.one_of(k)).map(|k| k - r.end);
        after.is_some_and(|after| after < before || (after == 0 && before == 0))
    }

    /// Whether the figure `n` opens its sentence and a dash, bracket or
    /// point follows it: a list item's number.
    fn heads_list_item(&self, n: &NumberMatch) -> bool {
        let sentences = &self.t.sentences;
        let opens = sentences
            .get(sentences.partition_point(|s| s.first < n.tokens.start))
            .is_some_and(|s| s.first == n.tokens.start);
        let first = opens || n.tokens.start.checked_sub(1).is_some_and(|k| matches!(self.t.text(k), "-" | "–" | ":"));
        first && matches!(self.t.text(n.tokens.end), "-" | "–" | ")" | ".")
    }

    /// «أحد»/«إحدى» not followed by «عشر»: "one of", not a figure («في أحد
    /// فنادق المدينة»).
    fn one_of(&self, k: usize) -> bool {
        matches!(self.t.text(k), "احد" | "احدي" | "باحد" | "باحدي" | "لاحد" | "لاحدي")
            && !self.t.text(k + 1).starts_with("عشر")
    }

    /// Whether the figure at `core` is one side of «N×M» (or «N x M»).
    fn in_dimension_pair(&self, core: &Range<usize>) -> bool {
        let t = &self.t;
        let times = |k: usize| matches!(t.text(k), "×" | "x" | "X");
        let number = |k: usize| t.kind(k) == Some(TokenKind::Number);
        (core.start >= 2 && times(core.start - 1) && number(core.start - 2))
            || (times(core.end) && number(core.end + 1))
    }

    /// What an amount after the property `prop` is of. Outlets word one
    /// total three ways («بقيمة تعويضية», «بقيمة تعويض», «إجمالي التعويضات
    /// لملاك العقارات»): a relative adjective is read as its noun, and a
    /// property that names the thing («التعويضات», not «قيمة») is its own
    /// topic when the word after it is no genitive (a «لـ» phrase, or a
    /// word of amount such as «قدره»).
    fn money_topic(&self, prop: &Range<usize>, limit: usize, clause: &Range<usize>) -> Option<(String, usize)> {
        let (t, q) = (&self.t, &self.x.quantities);
        let next = prop.end;
        let thing = !q.is_money_measure(t, prop) && !q.is_money_flow(t, prop) && !t.text(prop.end - 1).is_ascii();
        let no_genitive = next < limit
            && t.kind(next) == Some(TokenKind::Word)
            && (q.is_never(t.text(next)) || crate::text::stems(t.text(next)).iter().any(|s| s.prep == Some('ل')));
        if thing && (next >= limit || no_genitive) {
            let head = prop.end - 1;
            return q.money_property_noun(t, prop).map(|w| (w, head));
        }
        let (word, k) = self.topic_of(prop, limit, clause)?;
        // «تعويضية» (compensatory) → تعويض: the adjective's noun.
        let written = t.text(k);
        let word = match word.strip_suffix('ي') {
            Some(noun) if (written.ends_with("يه") || written.ends_with("ية")) && noun.chars().count() >= 3 => {
                noun.to_string()
            }
            _ => word,
        };
        Some((word, k))
    }

    fn money_of(
        &self,
        m: &MoneyMatch,
        mid: &str,
        mlabel: &str,
        target: String,
        target_label: String,
        evidence: Vec<Evidence>,
    ) -> Claim {
        let time = self.time_scope(&m.tokens);
        let mut money = m.money.clone();
        let (below, above) = quantities::amount_tolerance(&self.t, &m.number.core, m.number.stated.unwrap_or(0.0));
        money.amount = money.amount.widened(below, above);
        Claim {
            time,
            ..self.claim(
                ClaimKind::Money,
                format!("money/{mid}/{target}"),
                format!("{mlabel} of {target_label}"),
                ClaimValue::Money(money),
                m.tokens.clone(),
                m.tokens.start,
                evidence,
            )
        }
    }

    /// Countries named in a clause (any form), else in its sentence. For an
    /// event between parties (`bilateral`), one named country is joined by
    /// the article's main country ("an agreement with Washington").
    fn participants(
        &self,
        clause: &Range<usize>,
        except: Option<&Range<usize>>,
        bilateral: bool,
        evidence: &mut Vec<Evidence>,
    ) -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        let sentence = self.sentence_range(clause.start);
        for r in [clause.clone(), sentence] {
            for e in self.entities_in(r) {
                if except.is_some_and(|x| e.tokens.start < x.end && x.start < e.tokens.end) {
                    continue;
                }
                let id = match &e.kind {
                    EntityKind::Country { id, .. } => id.clone(),
                    EntityKind::Organisation { id } => id.clone(),
                    EntityKind::Place { country: Some(c), .. } => c.clone(),
                    _ => continue,
                };
                if set.insert(id.clone()) {
                    evidence.push(self.evidence("actor", e.tokens.clone(), format!("→ {}", self.label(&id))));
                }
            }
            if !set.is_empty() {
                break;
            }
        }
        if set.len() == 1 && bilateral {
            if let Some(l) = &self.locus {
                if set.insert(l.clone()) {
                    evidence.push(Self::implied(
                        "actor",
                        format!("one party named; the other is the article's main country, {}", self.label(l)),
                    ));
                }
            }
        }
        if set.is_empty() {
            match &self.locus {
                Some(l) => {
                    set.insert(l.clone());
                    evidence.push(Self::implied(
                        "actor",
                        format!("no party named; the article's main country, {}", self.label(l)),
                    ));
                }
                None => {
                    set.insert(UNKNOWN.to_string());
                }
            }
        }
        set
    }

    fn date_claim(&self, d: &DateMatch) -> Option<Claim> {
        let f = &self.x.frames;
        let t = &self.t;
        let clause = self.clause_range(d.tokens.start);
        let mut evidence = Vec::new();
        if let Some(r) = f.is_report_date(t, clause.start, d.tokens.start) {
            let _ = r;
            return None;
        }
        // «الحادث المعلن عنهم بالبيان الصادر بتاريخ 2/2/1436هـ»: the date of a
        // paper (`events.toml` document_words), not of the event beside it.
        if self.x.cues.dates_a_document(t, d.tokens.start) {
            return None;
        }
        // The event: among frame triggers in the date's clause, one whose
        // role is stated wins over one that only has a default role; then
        // the nearest. A frame with neither is skipped.
        // "أعلنت الوكالة مساء الثلاثاء أن الزلزال …": the date is the
        // announcement's; the event after أن is not dated by it.
        let reported = f.reported_from(t, &clause, &d.tokens).unwrap_or(usize::MAX);
        let triggers: Vec<(Range<usize>, usize)> = f
            .triggers_in(t, clause.clone())
            .into_iter()
            .filter(|(r, _)| r.end <= d.tokens.start || r.start >= d.tokens.end)
            .filter(|(r, _)| r.start < reported)
            .collect();
        // "حتى صباح اليوم" bounds a state ("a toll as of this morning"): it is
        // not the date an event happened.
        let until_word =
            d.marker_token.map(|k| t.text(k)).is_some_and(|w| matches!(w, "حتي" | "لغايه" | "لحين" | "وحتي"));
        if d.marker == Some(DateMarker::Until) && until_word {
            return None;
        }
        let since = d.marker == Some(DateMarker::Since);
        // A date belongs to the event word next to it: an ordinary word
        // (needs_named) reaches `near_words`, and no trigger takes a date
        // across an action or event word of `events.toml` ("وصل إلى روسيا …
        // منذ إلقاء القبض … في 27 مايو" dates the arrests). Another frame's
        // trigger is no bar: "وافقت … المنبثقة عن الانقلاب … على تعزيز
        // التعاون" names the coup in passing.
        let reaches = |tr: &Range<usize>, fi: usize| {
            let between = if tr.end <= d.tokens.start { tr.end..d.tokens.start } else { d.tokens.end..tr.start };
            (!f.frames[fi].needs_named || between.len() <= self.x.cues.near_words)
                && !self.x.cues.event_word_in(t, between)
        };
        let candidates = triggers.into_iter().filter(|(tr, fi)| reaches(tr, *fi)).filter_map(|(tr, fi)| {
            let frame = &f.frames[fi];
            // "أول سفينة منذ مارس": a date after منذ bounds a period; it is
            // the event's date only for a frame whose `since` says which.
            if since && frame.since.is_none() {
                return None;
            }
            let stated = f.roles_in(t, clause.clone(), fi).into_iter().min_by_key(|(r, _)| distance(r, &d.tokens));
            let role = match (since && frame.since.is_some(), stated) {
                (true, _) => RoleChoice::Since(frame.since?),
                (false, Some((r, ri))) => RoleChoice::Stated(r, ri),
                (false, None) => RoleChoice::Default(frame.default_role?),
            };
            Some((tr, fi, role))
        });
        let Some((tr, fi, role)) = candidates.min_by_key(|(tr, _, role)| {
            (matches!(role, RoleChoice::Default(_)), distance(tr, &d.tokens), tr.start > d.tokens.start)
        }) else {
            return if matches!(d.marker, None | Some(DateMarker::In)) {
                self.open_date_claim(d, &clause)
            } else {
                None
            };
        };
        let frame = &f.frames[fi];
        evidence.push(self.evidence("event", tr.clone(), format!("→ {}", frame.label)));
        let ri = match role {
            RoleChoice::Since(ri) => {
                if let Some(mt) = d.marker_token {
                    evidence.push(self.evidence("role", mt..mt + 1, format!("since → {}", frame.roles[ri].label)));
                }
                ri
            }
            RoleChoice::Stated(r, ri) => {
                evidence.push(self.evidence("role", r, format!("→ {}", frame.roles[ri].label)));
                ri
            }
            RoleChoice::Default(ri) => ri,
        };
        let mut key = format!("date/{}", frame.id);
        let mut label = frame.label.clone();
        if !frame.topics.is_empty() {
            let topic = f.topic_after(t, tr.end, clause.end, fi);
            match topic {
                Some((r, ti)) => {
                    evidence.push(self.evidence("topic", r, format!("→ {}", frame.topics[ti])));
                    key.push(':');
                    key.push_str(&frame.topics[ti]);
                    label = format!("{} {label}", frame.topics[ti]);
                }
                None => key.push_str(":unspecified"),
            }
        }
        key.push('/');
        key.push_str(&frame.roles[ri].id);
        label = format!("{label} {}", frame.roles[ri].label);
        let event_place = if frame.keyed_by.contains(&KeyPart::Place) { self.event_place(&clause, &tr) } else { None };
        // Whether the text names what the event is about (not a default).
        let mut named = false;
        for part in &frame.keyed_by {
            let value = match part {
                KeyPart::Participants => {
                    let before = evidence.len();
                    let set = self.participants(&clause, None, true, &mut evidence);
                    // A party the text names, not the article's main country.
                    named |= evidence[before..].iter().any(|e| e.span.is_some());
                    let l = set.iter().map(|a| self.label(a)).collect::<Vec<_>>().join(" – ");
                    label.push_str(&format!(", {l}"));
                    set.into_iter().collect::<Vec<_>>().join("+")
                }
                KeyPart::Actor => match self.event_actor(&clause, &tr, event_place.as_ref().map(|(p, _)| p.as_str())) {
                    Some((a, r)) => {
                        named = true;
                        evidence.push(self.evidence("actor", r, format!("→ {}", self.label(&a))));
                        label.push_str(&format!(", by {}", self.label(&a)));
                        a
                    }
                    None => UNKNOWN.into(),
                },
                KeyPart::Place => match event_place.clone() {
                    Some((p, r)) => {
                        named |= r.is_some();
                        evidence.push(self.place_evidence(&p, r));
                        label.push_str(&format!(", in {}", self.label(&p)));
                        p
                    }
                    None => UNKNOWN.into(),
                },
                KeyPart::Site => {
                    let sentence = self.sentence_range(d.tokens.start);
                    let site = self
                        .entities_in(sentence)
                        .filter_map(|e| match &e.kind {
                            EntityKind::Site { key, .. } => Some((key.clone(), e.tokens.clone())),
                            _ => None,
                        })
                        .min_by_key(|(_, r)| distance(r, &tr));
                    match site {
                        Some((k, r)) => {
                            named = true;
                            evidence.push(self.evidence("site", r, format!("→ {}", self.x.gazetteer.site_label(&k))));
                            label.push_str(&format!(", {}", self.x.gazetteer.site_label(&k)));
                            format!("site:{k}")
                        }
                        None => UNKNOWN.into(),
                    }
                }
            };
            key.push('/');
            key.push_str(&value);
        }
        // "باستخدام الكرة", "وصل إلى": an ordinary word with nothing named
        // is no identified event, and a date of it is no claim.
        if frame.needs_named && !named {
            return None;
        }
        let value = self.date_value(d, &mut evidence);
        Some(Claim {
            same_event_within_days: frame.same_event_within_days,
            relative_day: d.relative && d.value.is_some_and(|v| v.start == v.end),
            ..self.claim(ClaimKind::Date, key, label, value, d.tokens.clone(), d.tokens.start, evidence)
        })
    }

    /// A date no frame of `frames.toml` takes: the event is the verb that
    /// opens its clause ("وصدر القرار بتاريخ 1436/10/7هـ": the decision was
    /// issued), by stem, when the date stands within `near_words` of it with
    /// no other event word between, and the verb names what it is about
    /// (the noun after it: the decision). Such a date joins another only
    /// when their clauses speak of one event.
    fn open_date_claim(&self, d: &DateMatch, clause: &Range<usize>) -> Option<Claim> {
        let t = &self.t;
        let q = &self.x.quantities;
        let stop = &self.x.profiles.stop;
        let verb = (clause.start..d.tokens.start).find(|&k| t.kind(k) == Some(TokenKind::Word))?;
        if t.text(verb).is_ascii() {
            return self.open_english_date_claim(d, clause);
        }
        let plain = |k: usize| {
            let w = t.text(k);
            t.kind(k) == Some(TokenKind::Word)
                && !is_function_word(w)
                && !stop.contains(w)
                && !w.starts_with("ال")
                && self.entities_in(k..k + 1).next().is_none()
                && q.may_be_counted(w)
        };
        let topic = verb + 1;
        let reach = topic + 1..d.tokens.start;
        if !plain(verb)
            || topic >= d.tokens.start
            || reach.len() > self.x.cues.near_words
            || self.x.cues.event_word_in(t, reach)
            || self.x.numbers.parse_at(t, topic).is_some()
        {
            return None;
        }
        let w = t.text(topic);
        if t.kind(topic) != Some(TokenKind::Word) || is_function_word(w) || stop.contains(w) {
            return None;
        }
        // The verb without its conjunction and a subject suffix: وافقت and
        // وافقوا meet as وافق (a light stem would take و off وافق too).
        let long = |r: &&str| r.chars().count() >= 3;
        let v = t.text(verb);
        let v = v.strip_prefix(['و', 'ف']).filter(long).unwrap_or(v);
        let verb_stem = ["وا", "ون", "ت", "ا"].iter().find_map(|sfx| v.strip_suffix(sfx).filter(long)).unwrap_or(v);
        let label = format!("«{} {}»", t.text(verb), w);
        let how = format!("→ the verb opening the clause, {verb_stem}");
        Some(self.verb_date_claim(d, (verb..verb + 1, how), topic, &q.lemma(w), verb_stem, label))
    }

    /// A date claim whose event is a verb of its clause and what it is
    /// about (`open_date_claim`, `open_english_date_claim`).
    fn verb_date_claim(
        &self,
        d: &DateMatch,
        (verb, how): (Range<usize>, String),
        topic: usize,
        topic_key: &str,
        verb_stem: &str,
        label: String,
    ) -> Claim {
        let mut evidence =
            vec![self.evidence("event", verb, how), self.evidence("topic", topic..topic + 1, format!("→ {topic_key}"))];
        let value = self.date_value(d, &mut evidence);
        Claim {
            relative_day: d.relative && d.value.is_some_and(|v| v.start == v.end),
            binding: Binding::ClauseWords,
            ..self.claim(
                ClaimKind::Date,
                format!("date/v:{verb_stem}:{topic_key}/on"),
                label,
                value,
                d.tokens.clone(),
                d.tokens.start,
                evidence,
            )
        }
    }

    /// English puts the subject before the verb: «The minister opened
    /// the hospital on Wednesday». The event is the verb of `[context]` in
    /// `rules/dates.toml` nearest before the date, within `near_words` of it
    /// (stop words aside) with no other event word between, and what it is about is its
    /// subject (the word before it, past «the»), else its object.
    fn open_english_date_claim(&self, d: &DateMatch, clause: &Range<usize>) -> Option<Claim> {
        let t = &self.t;
        let stop = &self.x.profiles.stop;
        let verb = (clause.start..d.tokens.start)
            .rev()
            .find_map(|k| self.x.dates.context_verb_at(t, k).filter(|r| r.end <= d.tokens.start))?;
        let reach = verb.end..d.tokens.start;
        // Articles and prepositions («the», «in», «on») are not counted in
        // the reach: English writes more of them than Arabic.
        let words = reach.clone().filter(|&k| !stop.contains(t.text(k))).count();
        if words > self.x.cues.near_words || self.x.cues.event_word_in(t, reach.clone()) {
            return None;
        }
        let plain = |k: usize| {
            let w = t.text(k);
            t.kind(k) == Some(TokenKind::Word)
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && !stop.contains(w)
                && self.entities_in(k..k + 1).next().is_none()
                && self.x.numbers.parse_at(t, k).is_none()
        };
        let subject = (verb.start.saturating_sub(2).max(clause.start)..verb.start).rev().find(|&k| plain(k));
        let topic = subject.or_else(|| reach.clone().find(|&k| plain(k)))?;
        let stem = |w: &str| {
            let w = w.strip_suffix("ed").filter(|r| r.len() >= 3).unwrap_or(w);
            terms::light_stem(w).to_string()
        };
        let verb_words: Vec<&str> = verb.clone().map(|k| t.text(k)).collect();
        let verb_stem = stem(&verb_words.join("_"));
        let label = format!("«{} {}»", t.text(topic), verb_words.join(" "));
        let how = format!("→ the verb of the date's clause, {verb_stem}");
        Some(self.verb_date_claim(d, (verb, how), topic, &stem(t.text(topic)), &verb_stem, label))
    }

    /// A date's value, or why it has none; a relative date says what it
    /// was resolved against.
    fn date_value(&self, d: &DateMatch, evidence: &mut Vec<Evidence>) -> ClaimValue {
        if d.either_order {
            let how = match &d.value {
                Some(v) => format!(
                    "day and month could be read either way; read as {} ({})",
                    v.notation(),
                    if self.month_first { "month first: the text's other dates or its outlet" } else { "day first" }
                ),
                None => "day and month could be read either way".to_string(),
            };
            evidence.push(self.evidence("time", d.tokens.clone(), how));
        }
        if d.relative {
            let note = match (self.src.meta.published, &d.value) {
                (Some(p), Some(v)) => format!("relative date resolved against publication date {p} → {}", v.notation()),
                _ => "relative date; no publication date to resolve it against".to_string(),
            };
            evidence.push(self.evidence("time", d.tokens.clone(), note));
        }
        match (&d.value, &d.unresolved) {
            (Some(v), _) => ClaimValue::Date(*v),
            (None, reason) => ClaimValue::UnresolvedDate(
                reason.clone().unwrap_or_else(|| "relative date needs a publication date".into()),
            ),
        }
    }

    /// Whose action an event is: a nationality or non-locative country
    /// nearest the trigger in its clause, then in its sentence.
    fn event_actor(
        &self,
        clause: &Range<usize>,
        trigger: &Range<usize>,
        place: Option<&str>,
    ) -> Option<(String, Range<usize>)> {
        let actor = |e: &Entity| match &e.kind {
            EntityKind::Country { id, .. } if !e.locative && Some(id.as_str()) != place => Some(id.clone()),
            EntityKind::Organisation { id } if !e.locative => Some(id.clone()),
            _ => None,
        };
        // The doer usually comes before a nominal event ("قام مسؤولون
        // أمريكيون بزيارة") and after a verb ("زار الوزير الروسي"): nearest
        // before in the clause, else nearest after; then the sentence.
        let sentence = self.sentence_range(trigger.start);
        for r in [clause.clone(), sentence] {
            let before = self.entities_in(r.start..trigger.start).filter(|e| actor(e).is_some()).last();
            if let Some(e) = before.or_else(|| self.entities_in(trigger.end..r.end).find(|e| actor(e).is_some())) {
                return actor(e).map(|a| (a, e.tokens.clone()));
            }
        }
        None
    }

    /// Where an event happens: a named site in the clause (most specific),
    /// else the country of a place in the clause, then the sentence, else a
    /// country named in the clause, else the article's main country, else a
    /// region.
    /// "في مدينة سوروتش التركية": a town too small for the gazetteer,
    /// named after a class noun, and the country adjective agreeing with
    /// it: that country, and the words that say so.
    fn town_of_country(&self, r: Range<usize>) -> Option<(String, Option<Range<usize>>)> {
        let stop = &self.x.profiles.stop;
        let mut towns = self.x.cues.named_places(&self.t, r, stop).into_iter();
        towns.find_map(|(_, k, _)| {
            let e = self.entities_in(k + 1..k + 2).find(|e| e.tokens.start == k + 1)?;
            match &e.kind {
                EntityKind::Country { id, form: ActorForm::Adjective } => Some((id.clone(), Some(k..e.tokens.end))),
                _ => None,
            }
        })
    }

    fn event_place(&self, clause: &Range<usize>, trigger: &Range<usize>) -> Option<(String, Option<Range<usize>>)> {
        if let Some((key, r)) = self
            .entities_in(clause.clone())
            .filter_map(|e| match &e.kind {
                EntityKind::Site { key, anaphoric: false, .. } => Some((key.clone(), e.tokens.clone())),
                _ => None,
            })
            .min_by_key(|(_, r)| distance(r, trigger))
        {
            return Some((format!("site:{key}"), Some(r)));
        }
        let country = |e: &Entity| -> Option<String> {
            // «قرب الحدود السورية»: a neighbour named as a reference, as
            // for counts (`place_of`).
            if self.x.cues.after_border(&self.t, e.tokens.start) {
                return None;
            }
            match &e.kind {
                EntityKind::Place { country: Some(c), .. } => Some(c.clone()),
                EntityKind::Country { id, form } if e.locative && *form != ActorForm::Adjective => Some(id.clone()),
                _ => None,
            }
        };
        let sentence = self.sentence_range(trigger.start);
        for r in [clause.clone(), sentence.clone()] {
            if let Some(e) = self
                .entities_in(r.clone())
                .filter(|e| country(e).is_some())
                .min_by_key(|e| distance(&e.tokens, trigger))
            {
                return country(e).map(|c| (c, Some(e.tokens.clone())));
            }
            if let Some(p) = self.town_of_country(r) {
                return Some(p);
            }
        }
        if let Some(e) = self.entities_in(clause.clone()).find(|e| {
            matches!(e.kind, EntityKind::Country { form: ActorForm::Name, .. })
                && !self.x.cues.after_border(&self.t, e.tokens.start)
        }) {
            return e.country().map(|c| (c.to_string(), Some(e.tokens.clone())));
        }
        if let Some(l) = &self.locus {
            return Some((l.clone(), None));
        }
        self.entities_in(sentence).find_map(|e| match &e.kind {
            EntityKind::Place { id, country: None } => Some((id.clone(), Some(e.tokens.clone()))),
            _ => None,
        })
    }

    /// "القاعدة 101 في نيامي", "في نيامي فيما يعرف بالقاعدة 101": where a
    /// numbered site is.
    fn place_claims(&self) -> Vec<Claim> {
        let g = &self.x.gazetteer;
        let mut out = Vec::new();
        for (k, e) in self.entities.iter().enumerate() {
            let EntityKind::Site { key, anaphoric: false, .. } = &e.kind else {
                continue;
            };
            if key.contains('@') {
                continue;
            }
            let place_of = |p: &Entity| match &p.kind {
                EntityKind::Place { id, country } => Some((id.clone(), country.clone())),
                EntityKind::Country { id, form: ActorForm::Capital, .. } => Some((
                    g.country(id).and_then(|c| c.capital_id.clone()).unwrap_or_else(|| id.clone()),
                    Some(id.clone()),
                )),
                EntityKind::Country { id, form: ActorForm::Name, .. } => Some((id.clone(), Some(id.clone()))),
                _ => None,
            };
            let mut found = None;
            if let Some(next) = self.entities.get(k + 1) {
                if let Some(p) = place_of(next) {
                    if self.only_location_words(e.tokens.end..next.tokens.start) {
                        found = Some((next, p));
                    }
                }
            }
            if found.is_none() && k > 0 {
                let prev = &self.entities[k - 1];
                if let Some(p) = place_of(prev) {
                    if self.naming_words_between(prev.tokens.end..e.tokens.start) {
                        found = Some((prev, p));
                    }
                }
            }
            let Some((pe, (id, country))) = found else {
                continue;
            };
            let tokens = e.tokens.start.min(pe.tokens.start)..e.tokens.end.max(pe.tokens.end);
            let site_label = g.site_label(key);
            out.push(Claim {
                source: self.si,
                cumulative: false,
                same_event_within_days: None,
                cue: EventCue::default(),
                story: 0,
                relative_day: false,
                binding: Binding::Key,
                assumed: 0,
                kind: ClaimKind::Place,
                subject: format!("place/site:{key}").into(),
                subject_label: format!("location of {site_label}").into(),
                value: ClaimValue::Place { id: id.clone(), country },
                time: None,
                span: self.span(tokens),
                sentence: self.sentence_span(e.tokens.start),
                evidence: Arc::from([
                    self.evidence("site", e.tokens.clone(), format!("→ {site_label}")),
                    self.evidence("place", pe.tokens.clone(), format!("→ {}", self.place_label(&id))),
                ]),
            });
        }
        out
    }

    fn place_label(&self, id: &str) -> String {
        self.x.gazetteer.label_of(id)
    }

    fn only_location_words(&self, r: Range<usize>) -> bool {
        self.x.gazetteer.is_location_words(&self.t, r)
    }

    fn naming_words_between(&self, r: Range<usize>) -> bool {
        self.x.gazetteer.is_naming_words(&self.t, r)
    }

    /// "نائب وزير الخارجية الأميركي كورت كامبل": who this person is called.
    fn role_claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for e in &self.entities {
            let EntityKind::Person { folded, skeleton, title } = &e.kind else {
                continue;
            };
            // The title as written, without a leading preposition (بالرئيس).
            let title_text = (title.start..e.tokens.start)
                .map(|i| {
                    let w = self.t.text(i);
                    if i == title.start {
                        crate::text::stems(w)
                            .into_iter()
                            .find(|s| s.prep.is_some() && !s.article)
                            .map(|s| s.stem.to_string())
                            .unwrap_or_else(|| w.to_string())
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let name = self.text(e.tokens.clone());
            out.push(Claim {
                source: self.si,
                cumulative: false,
                same_event_within_days: None,
                cue: EventCue::default(),
                story: 0,
                relative_day: false,
                binding: Binding::Key,
                assumed: 0,
                kind: ClaimKind::Role,
                subject: format!("person/{folded}").into(),
                subject_label: name.as_str().into(),
                value: ClaimValue::Role { title: title_text, skeleton: skeleton.clone() },
                time: None,
                span: self.span(title.start..e.tokens.end),
                sentence: self.sentence_span(e.tokens.start),
                evidence: Arc::from([
                    self.evidence("title", title.start..e.tokens.start, "title and its modifiers"),
                    self.evidence(
                        "name",
                        e.tokens.clone(),
                        format!("spelling {folded}; consonant skeleton {skeleton}"),
                    ),
                ]),
            });
        }
        out
    }
}

/// How a date claim's role was decided.
enum RoleChoice {
    /// منذ before the date gives the frame's `since` role.
    Since(usize),
    /// A role word in the clause.
    Stated(Range<usize>, usize),
    /// The frame's default role.
    Default(usize),
}

/// Tokens between two ranges (0 when they touch or overlap).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// "البلدين", "الدولتين", "البلدان": the countries just named, together.
fn is_both_countries(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    matches!(w, "البلدين" | "البلدان" | "الدولتين" | "الدولتان" | "بالبلدين" | "بالدولتين")
}

/// How far back a count looks for "عدد X" / "حصيلة X".
const COUNT_NOUN_LOOKBACK: usize = 8;
/// How near a verb must stand to a count with no counted noun to say what
/// it counts ("آلاف الأشخاص تظاهروا", "ونزل المئات").
const VERB_WINDOW: usize = 4;
/// How far before a number a property noun may stand ("يبلغ طول الطريق
/// الجديد 120 كيلومترا": five words).
const PROPERTY_WINDOW: usize = 6;

/// How far before a figure "إلى" may stand, and a change word before it.
const CHANGE_WINDOW: usize = 8;

/// The noun an open count counts.
struct OpenNoun {
    tokens: Range<usize>,
    lemma: String,
    /// After "من": a part of a group, not the group.
    partitive: bool,
}

/// How near a verb of killing, wounding or arrest must stand to a count.
const CASUALTY_WINDOW: usize = 6;

/// عدد / حصيلة, their suffixed forms ("عددهم", "حصيلة") and the plural
/// أعداد ("أعداد الموقوفين"), with or without the article.
fn is_count_word(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    let w = w.strip_prefix("ال").unwrap_or(w);
    let plural = w.strip_prefix("اعداد").is_some_and(|rest| matches!(rest, "" | "ه" | "ها" | "هم"));
    w.starts_with("عدد") || plural || w.starts_with("حصيله") || w.starts_with("حصيلت")
}

/// English words that say a figure counts what they name: «the number of
/// dead», «the death toll», «the tally of injured».
fn is_english_count_word(w: &str) -> bool {
    matches!(w, "number" | "toll" | "tally")
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "في" | "من"
            | "الي"
            | "علي"
            | "عن"
            | "مع"
            | "الى"
            | "حتي"
            | "منذ"
            | "خلال"
            | "بين"
            | "قد"
            | "ان"
            | "او"
            | "ثم"
            | "لا"
            | "لم"
    )
}

/// The implicit time window of a claim without a stated time.
pub fn implicit_window(published: NaiveDate, days: i64) -> DateRange {
    DateRange::span(published - Duration::days(days), published, Precision::Days)
}

#[cfg(test)]
mod tests {
    use super::ProfileWords;

    #[test]
    fn profile_words_give_back_each_word_by_its_key() {
        let mut w = ProfileWords::default();
        assert!(w.is_empty() && w.get(1).is_none());
        w.push(7, "سروج");
        w.push(3, "الحدود");
        w.push(9, "");
        assert_eq!(w.len(), 3);
        assert_eq!(w.get(3), Some("الحدود"));
        assert_eq!(w.get(7), Some("سروج"));
        assert_eq!(w.get(9), Some(""));
        assert!(w.contains(9) && !w.contains(4));
        assert_eq!(w.iter().collect::<Vec<_>>(), [(7, "سروج"), (3, "الحدود"), (9, "")]);
    }
}
