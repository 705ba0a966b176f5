//! Event frames, measures and clauses, compiled from `frames.toml` and
//! `measures.toml`.
//!
//! Owns the lookup structures that say which event a date belongs to
//! (frame triggers, role words, topics), what a number counts (measure
//! nouns and verbs) or what an amount pays for (money measures), and where a
//! clause ends. It does not build claims; see `extract::claims`.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use crate::rules::{RuleError, RuleFile, RuleSource};
use crate::text::{PhraseMatcher, TokenKind, Tokenized};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FramesFile {
    topic_window: usize,
    frame: Vec<FrameRule>,
    clause: ClauseRule,
    #[serde(default, rename = "example")]
    _examples: Vec<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameRule {
    id: toml::Spanned<String>,
    label: String,
    triggers: Vec<String>,
    keyed_by: Vec<toml::Spanned<String>>,
    #[serde(default)]
    topics: Vec<TopicRule>,
    #[serde(default)]
    roles: Vec<RoleRule>,
    default_role: Option<toml::Spanned<String>>,
    since: Option<toml::Spanned<String>>,
    same_event_within_days: Option<u32>,
    #[serde(default)]
    incident: bool,
    #[serde(default)]
    needs_named: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicRule {
    id: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRule {
    id: String,
    label: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClauseRule {
    breaks: Vec<String>,
    #[serde(default)]
    consequences: Vec<String>,
    speech_verbs: Vec<String>,
    #[serde(default = "default_complementizers")]
    complementizers: Vec<String>,
    #[serde(default)]
    announce_verbs: Vec<String>,
}

fn default_complementizers() -> Vec<String> {
    ["إن", "أن", "إنه", "أنه", "إنها", "أنها", "إنهم", "أنهم"].iter().map(|s| s.to_string()).collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasuresFile {
    measure: Vec<MeasureRule>,
    #[serde(default)]
    money: Vec<MoneyMeasureRule>,
    #[serde(default)]
    numbered_names: Vec<String>,
    #[serde(default)]
    modifiers_before_noun: Vec<String>,
    #[serde(default)]
    still_words: Vec<String>,
    #[serde(default)]
    share_words: Vec<String>,
    #[serde(default)]
    part_words: Vec<String>,
    #[serde(default)]
    manner_words: Vec<String>,
    #[serde(default)]
    with_dead: Option<WithDeadRule>,
    #[serde(default)]
    members: Option<MembersRule>,
    #[serde(default, rename = "example")]
    _examples: Vec<toml::Value>,
}

/// `[with_dead]` of measures.toml: a count of cases «of whom» some died.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WithDeadRule {
    /// The measures it applies to (their ids).
    of: Vec<String>,
    of_whom: Vec<String>,
    dead: Vec<String>,
    id: String,
    label: String,
}

/// `[members]` of measures.toml: a group's members counted with a generic
/// noun are what the article counted of that group before.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MembersRule {
    verbs: Vec<String>,
    groups: Vec<GroupNounRule>,
    within_sentences: usize,
}

/// A group noun in its forms: `one` names a group, `many` groups that
/// people counted are divided into.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupNounRule {
    one: Vec<String>,
    many: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureRule {
    id: String,
    label: String,
    nouns: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    generic: bool,
    keyed_by: Vec<toml::Spanned<String>>,
    /// Measures whose counts this measure's verbs turn into this one
    /// ("قتل 14 جنديا": personnel → killed).
    #[serde(default)]
    refines: Vec<toml::Spanned<String>>,
    /// A running total that rises between reports (a death toll).
    #[serde(default)]
    cumulative: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyMeasureRule {
    id: String,
    label: String,
    words: Vec<String>,
    keyed_by: Option<toml::Spanned<String>>,
    #[serde(default)]
    generic: bool,
}

/// What an amount of money is, and what keys its subject.
#[derive(Debug, Clone)]
pub struct MoneyMeasure {
    pub id: String,
    pub label: String,
    /// Keyed by where it happened (damage) rather than by the parties.
    pub by_place: bool,
    /// Keyed by the named site it pays for (a base's cost), when one is named.
    pub by_site: bool,
    /// Says only that money moves (تخصيص): used when no specific word is near.
    pub generic: bool,
}

/// What identifies a subject besides its frame or measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPart {
    Participants,
    Place,
    Actor,
    Site,
}

fn key_part(file: &RuleFile, s: &toml::Spanned<String>, allowed: &[KeyPart]) -> Result<KeyPart, RuleError> {
    let part = match s.get_ref().as_str() {
        "participants" => KeyPart::Participants,
        "place" => KeyPart::Place,
        "actor" => KeyPart::Actor,
        "site" => KeyPart::Site,
        other => {
            return Err(RuleError::at(
                file,
                s.span(),
                format!("unknown key part `{other}`; expected participants, place, actor or site"),
            ))
        }
    };
    if !allowed.contains(&part) {
        return Err(RuleError::at(file, s.span(), format!("`{}` cannot key this kind of subject", s.get_ref())));
    }
    Ok(part)
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Frame {
    pub id: String,
    pub label: String,
    pub keyed_by: Vec<KeyPart>,
    pub roles: Vec<Role>,
    pub default_role: Option<usize>,
    pub since: Option<usize>,
    pub topics: Vec<String>,
    /// Dates further apart than this are different events (recurring frames).
    pub same_event_within_days: Option<u32>,
    /// An occurrence that figures are counted in (an attack, a quake): two
    /// counts whose clauses name different incidents are different events.
    pub incident: bool,
    /// The trigger is an ordinary word (استخدام، وصل، بناء): its date is a
    /// claim only when a participant, actor, place or site is named.
    pub needs_named: bool,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub label: String,
    pub generic: bool,
    pub keyed_by: Vec<KeyPart>,
    /// Indices of the measures this one refines.
    pub refines: Vec<usize>,
    /// A running total: later higher figures are a change, not a conflict.
    pub cumulative: bool,
}

/// A verb cue: one or two words ("نزل … شوارع").
#[derive(Debug, Clone)]
struct VerbCue {
    measure: usize,
    second: Option<PhraseMatcher<()>>,
}

pub struct FrameSet {
    pub frames: Vec<Frame>,
    triggers: PhraseMatcher<usize>,
    /// Role words: (frame, role, the second word of a gapped cue such as
    /// "دخل … حيز التنفيذ").
    roles: PhraseMatcher<(usize, usize, Option<PhraseMatcher<()>>)>,
    topics: Vec<PhraseMatcher<usize>>,
    topic_window: usize,
    breaks: PhraseMatcher<()>,
    /// Breaks that open a clause telling what the clause before caused.
    consequences: PhraseMatcher<()>,
    speech: PhraseMatcher<()>,
    announce: PhraseMatcher<()>,
    complementizers: PhraseMatcher<()>,
    pub measures: Vec<Measure>,
    measure_nouns: PhraseMatcher<usize>,
    measure_verbs: PhraseMatcher<VerbCue>,
    pub money_measures: Vec<MoneyMeasure>,
    money_words: PhraseMatcher<usize>,
    numbered_names: PhraseMatcher<()>,
    /// English words that stand between a figure and what it counts
    /// («5,000 new jobs»).
    modifiers_before_noun: PhraseMatcher<()>,
    still_words: PhraseMatcher<()>,
    share_words: PhraseMatcher<()>,
    part_words: PhraseMatcher<()>,
    /// `[members]`: verbs of comprising, group nouns (group, plural form).
    member_verbs: PhraseMatcher<()>,
    group_nouns: PhraseMatcher<(usize, bool)>,
    /// How many sentences back a group's count may stand.
    pub members_within: usize,
    manner_words: PhraseMatcher<()>,
    of_whom: PhraseMatcher<()>,
    dead_words: PhraseMatcher<()>,
    /// The measures a count of cases with the dead can be read for, and
    /// the measure id and label it is read as instead.
    pub with_dead: Option<(Vec<String>, Arc<str>, Arc<str>)>,
}

/// How many tokens after the counted noun a verb of making up may come
/// (two adjectives and a comma).
const SHARE_VERB_WINDOW: usize = 4;

/// How many words after a verb of making up its percentage may come
/// («تمثل ما نسبته 31 %»).
const SHARE_PERCENT_WINDOW: usize = 5;

/// «المائة», «المئة» of «في المائة» (per cent), as the tokeniser folds them.
fn is_hundred(word: &str) -> bool {
    matches!(word, "المائة" | "المئة" | "المائه" | "المئه")
}

/// How far apart the two words of a two-word verb cue may be.
const VERB_CUE_GAP: usize = 4;
/// How far apart the two parts of a role cue may be: the event's whole
/// name can stand between them ("دخل اتفاق وقف إطلاق النار في غزة حيز التنفيذ").
const ROLE_CUE_GAP: usize = 8;

impl FrameSet {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        let file = src.file("frames.toml")?;
        let raw: FramesFile = file.parse()?;
        let mut frames = Vec::new();
        let mut triggers = PhraseMatcher::new();
        let mut roles = PhraseMatcher::new();
        let mut topics = Vec::new();
        for (fi, f) in raw.frame.iter().enumerate() {
            if raw.frame[..fi].iter().any(|g| g.id.get_ref() == f.id.get_ref()) {
                return Err(RuleError::at(&file, f.id.span(), format!("frame `{}` is defined twice", f.id.get_ref())));
            }
            let allowed = [KeyPart::Participants, KeyPart::Place, KeyPart::Actor, KeyPart::Site];
            let keyed_by = f.keyed_by.iter().map(|k| key_part(&file, k, &allowed)).collect::<Result<Vec<_>, _>>()?;
            for w in &f.triggers {
                triggers.insert(w, fi);
            }
            for (ri, r) in f.roles.iter().enumerate() {
                for w in &r.words {
                    let mut parts = w.split('…').map(str::trim).filter(|p| !p.is_empty());
                    let Some(first) = parts.next() else { continue };
                    let second = parts.next().map(|p| {
                        let mut pm = PhraseMatcher::new();
                        pm.insert(p, ());
                        pm
                    });
                    roles.insert(first, (fi, ri, second));
                }
            }
            let find_role = |s: &Option<toml::Spanned<String>>| -> Result<Option<usize>, RuleError> {
                match s {
                    None => Ok(None),
                    Some(s) => f.roles.iter().position(|r| &r.id == s.get_ref()).map(Some).ok_or_else(|| {
                        RuleError::at(
                            &file,
                            s.span(),
                            format!("frame `{}` has no role `{}`", f.id.get_ref(), s.get_ref()),
                        )
                    }),
                }
            };
            let default_role = find_role(&f.default_role)?;
            let since = find_role(&f.since)?;
            let mut tm = PhraseMatcher::new();
            for (ti, t) in f.topics.iter().enumerate() {
                for w in &t.words {
                    tm.insert(w, ti);
                }
            }
            topics.push(tm);
            frames.push(Frame {
                id: f.id.get_ref().clone(),
                label: f.label.clone(),
                keyed_by,
                roles: f.roles.iter().map(|r| Role { id: r.id.clone(), label: r.label.clone() }).collect(),
                default_role,
                since,
                topics: f.topics.iter().map(|t| t.id.clone()).collect(),
                same_event_within_days: f.same_event_within_days,
                incident: f.incident,
                needs_named: f.needs_named,
            });
        }
        let matcher = |words: &[String]| {
            let mut m = PhraseMatcher::new();
            for w in words {
                m.insert(w, ());
            }
            m
        };

        let mfile = src.file("measures.toml")?;
        let mraw: MeasuresFile = mfile.parse()?;
        let mut measures = Vec::new();
        let mut measure_nouns = PhraseMatcher::new();
        let mut measure_verbs = PhraseMatcher::new();
        for (mi, m) in mraw.measure.iter().enumerate() {
            let keyed_by = m
                .keyed_by
                .iter()
                .map(|k| key_part(&mfile, k, &[KeyPart::Actor, KeyPart::Place]))
                .collect::<Result<Vec<_>, _>>()?;
            for n in &m.nouns {
                measure_nouns.insert(n, mi);
            }
            for v in &m.verbs {
                let mut parts = v.split('…').map(str::trim).filter(|p| !p.is_empty());
                let Some(first) = parts.next() else { continue };
                let second = parts.next().map(|s| {
                    let mut pm = PhraseMatcher::new();
                    pm.insert(s, ());
                    pm
                });
                measure_verbs.insert(first, VerbCue { measure: mi, second });
            }
            measures.push(Measure {
                id: m.id.clone(),
                label: m.label.clone(),
                generic: m.generic,
                keyed_by,
                refines: vec![],
                cumulative: m.cumulative,
            });
        }
        for (mi, m) in mraw.measure.iter().enumerate() {
            for r in &m.refines {
                let Some(ri) = mraw.measure.iter().position(|x| &x.id == r.get_ref()) else {
                    return Err(RuleError::at(&mfile, r.span(), format!("unknown measure `{}`", r.get_ref())));
                };
                measures[mi].refines.push(ri);
            }
        }
        let mut money_words = PhraseMatcher::new();
        let mut money_measures = Vec::new();
        for (i, m) in mraw.money.iter().enumerate() {
            for w in &m.words {
                money_words.insert(w, i);
            }
            let part = match &m.keyed_by {
                None => KeyPart::Participants,
                Some(k) => key_part(&mfile, k, &[KeyPart::Participants, KeyPart::Place, KeyPart::Site])?,
            };
            money_measures.push(MoneyMeasure {
                id: m.id.clone(),
                label: m.label.clone(),
                by_place: part == KeyPart::Place,
                by_site: part == KeyPart::Site,
                generic: m.generic,
            });
        }

        let mut group_nouns = PhraseMatcher::new();
        for (gi, g) in mraw.members.iter().flat_map(|m| &m.groups).enumerate() {
            for w in &g.one {
                group_nouns.insert(w, (gi, false));
            }
            for w in &g.many {
                group_nouns.insert(w, (gi, true));
            }
        }

        Ok(FrameSet {
            frames,
            triggers,
            roles,
            topics,
            topic_window: raw.topic_window,
            breaks: matcher(&raw.clause.breaks.iter().chain(&raw.clause.consequences).cloned().collect::<Vec<_>>()),
            consequences: matcher(&raw.clause.consequences),
            speech: matcher(&raw.clause.speech_verbs),
            announce: matcher(&raw.clause.announce_verbs),
            complementizers: matcher(&raw.clause.complementizers),
            measures,
            measure_nouns,
            measure_verbs,
            money_measures,
            money_words,
            numbered_names: matcher(&mraw.numbered_names),
            modifiers_before_noun: matcher(&mraw.modifiers_before_noun),
            still_words: matcher(&mraw.still_words),
            share_words: matcher(&mraw.share_words),
            part_words: matcher(&mraw.part_words),
            member_verbs: matcher(mraw.members.as_ref().map_or(&[][..], |m| &m.verbs)),
            group_nouns,
            members_within: mraw.members.as_ref().map_or(0, |m| m.within_sentences),
            manner_words: matcher(&mraw.manner_words),
            of_whom: matcher(mraw.with_dead.as_ref().map_or(&[][..], |w| &w.of_whom)),
            dead_words: matcher(mraw.with_dead.as_ref().map_or(&[][..], |w| &w.dead)),
            with_dead: mraw
                .with_dead
                .as_ref()
                .map(|w| (w.of.clone(), Arc::from(w.id.as_str()), Arc::from(w.label.as_str()))),
        })
    }

    /// Past the English modifiers between a figure and its noun, from token
    /// `i`: «5,000 new jobs», «12 Afghan soldiers». A listed modifier, or a
    /// word with a capital (a nationality, a name) before a word without
    /// one, so a headline in title case («Kills 12 People In Baghdad») is
    /// read as it stands; at most `MAX_MODIFIERS`, and never past a listed
    /// counted noun.
    pub fn past_modifiers(&self, t: &Tokenized, i: usize) -> usize {
        const MAX_MODIFIERS: usize = 2;
        // English words on both sides: a Latin name in Arabic text («50
        // Cent», «Surface 3 Pro وAsus») is passed over to no Arabic word.
        let english =
            |k: usize| t.kind(k) == Some(TokenKind::Word) && t.text(k).bytes().all(|b| b.is_ascii_alphabetic());
        let capital = |k: usize| t.tokens.get(k).is_some_and(|tok| tok.capital);
        let mut k = i;
        while k < i + MAX_MODIFIERS
            && english(k)
            && english(k + 1)
            && self.measure_noun_at(t, k).is_none()
            && (self.modifiers_before_noun.longest_at(t, k).is_some_and(|m| m.tokens.end == k + 1)
                || capital(k) && !capital(k + 1))
        {
            k += 1;
        }
        k
    }

    /// Whether a verb of remaining starts at token `i` («تتلقى العلاج»,
    /// «ما زالوا»): the count before it is of those still in that state.
    /// A word of inclusion right before the figure at token `i` («تتضمن
    /// 20 طفلا», «بينهم 5 أطفال», with a quote or bracket between): the
    /// figure is a part of a group counted before. Its tokens.
    pub fn part_word_before(&self, t: &Tokenized, i: usize) -> Option<Range<usize>> {
        let mut k = i;
        // Past one opening quote or bracket.
        if k > 0 && t.kind(k - 1) == Some(TokenKind::Punct) && matches!(t.text(k - 1), "\"" | "«" | "(" | "“") {
            k -= 1;
        }
        // The longest listed phrase that ends right before `k`.
        (k.saturating_sub(3)..k)
            .find_map(|s| self.part_words.longest_at(t, s).filter(|m| m.tokens.end == k).map(|m| m.tokens.clone()))
    }

    /// A verb of comprising (`measures.toml` [members]) that ends at most
    /// `window` tokens before token `i`, within `from..`: «تضم المجموعة
    /// الأولى 97 شخصا». Its tokens.
    pub fn member_verb_before(&self, t: &Tokenized, from: usize, i: usize, window: usize) -> Option<Range<usize>> {
        (from.max(i.saturating_sub(window))..i)
            .rev()
            .find_map(|s| self.member_verbs.longest_at(t, s).filter(|m| m.tokens.end <= i).map(|m| m.tokens.clone()))
    }

    /// The group nouns named in `r`: (group, whether the plural form).
    pub fn groups_in(&self, t: &Tokenized, r: Range<usize>) -> Vec<(usize, bool)> {
        let mut out = Vec::new();
        let mut k = r.start;
        while k < r.end {
            match self.group_nouns.longest_at(t, k).filter(|m| m.tokens.end <= r.end) {
                Some(m) => {
                    out.push(*m.value);
                    k = m.tokens.end;
                }
                None => k += 1,
            }
        }
        out
    }

    /// «بجروح», «بحالات اختناق» at `i`: how casualties were hurt
    /// (`measures.toml` manner_words).
    pub fn manner_at(&self, t: &Tokenized, i: usize) -> bool {
        self.manner_words.longest_at(t, i).is_some()
    }

    pub fn still_at(&self, t: &Tokenized, i: usize) -> Option<Range<usize>> {
        self.still_words.longest_at(t, i).map(|m| m.tokens.clone())
    }

    /// «11 مليون وحدة (مقلدة) تشكل ما نسبته 31% من إجمالي …»: after the
    /// counted noun (past an adjective or two and a comma, before any other
    /// figure), a verb of making up (`measures.toml` share_words) and,
    /// within a few words, a percentage: the figure is that share of a
    /// whole. The words that said so.
    pub fn share_after(&self, t: &Tokenized, noun_end: usize) -> Option<Range<usize>> {
        let end = (noun_end + SHARE_VERB_WINDOW).min(t.len());
        let (start, m) = (noun_end..end)
            .take_while(|&k| t.kind(k) == Some(TokenKind::Word) || matches!(t.text(k), "،" | ","))
            .find_map(|k| self.share_words.longest_at(t, k).map(|m| (k, m)))?;
        let end = (m.tokens.end + SHARE_PERCENT_WINDOW).min(t.len());
        (m.tokens.end..end)
            .find(|&k| matches!(t.text(k), "%" | "٪") || (k > 0 && t.text(k - 1) == "في" && is_hundred(t.text(k))))
            .map(|k| start..k + 1)
    }

    /// «(50) حالة سجلت منهم (9) حالات وفيات»: within `window` words after
    /// token `from`, «منهم» or «منها», then a figure, then a word of death
    /// right after it. The words that said so.
    pub fn of_whom_dead_after(&self, t: &Tokenized, from: usize, window: usize) -> Option<Range<usize>> {
        let end = (from + window).min(t.len());
        (from..end).find_map(|k| {
            let m = self.of_whom.longest_at(t, k)?;
            let figure =
                (m.tokens.end..(m.tokens.end + 3).min(t.len())).find(|&j| t.kind(j) == Some(TokenKind::Number))?;
            let after_figure = (figure + 1..(figure + 4).min(t.len())).find(|&j| t.kind(j) == Some(TokenKind::Word))?;
            let dead =
                (after_figure..(after_figure + 2).min(t.len())).find_map(|j| self.dead_words.longest_at(t, j))?;
            Some(k..dead.tokens.end)
        })
    }

    /// Whether a noun that takes numbered names (شارع، المادة، القرار)
    /// ends right before token `i`: "شارع 15" names a street.
    pub fn names_by_number_before(&self, t: &Tokenized, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|k| {
            t.kind(k) == Some(TokenKind::Word)
                && self.numbered_names.longest_at(t, k).is_some_and(|m| m.tokens.end == i)
        })
    }

    /// Clause index of every token: a new clause starts at each sentence
    /// and at each break word.
    pub fn clauses(&self, t: &Tokenized) -> Vec<usize> {
        let mut ids = vec![0; t.len()];
        let mut clause = 0;
        for (si, s) in t.sentences.iter().enumerate() {
            if si > 0 {
                clause += 1;
            }
            let mut i = s.first;
            while i < s.end {
                if i > s.first {
                    if let Some(m) =
                        self.breaks.bare_at(t, i).or_else(|| self.breaks.longest_at(t, i).filter(|m| m.conj))
                    {
                        clause += 1;
                        for k in m.tokens.clone() {
                            if k < s.end {
                                ids[k] = clause;
                            }
                        }
                        i = m.tokens.end;
                        continue;
                    }
                }
                ids[i] = clause;
                i += 1;
            }
        }
        ids
    }

    /// Does the clause starting at token `i` open with a consequence word
    /// («مما أودى بحياة 32 شخصا» after «ضرب مدينة سوروج»)? Its figures are
    /// of the event the clause before tells.
    pub fn opens_consequence(&self, t: &Tokenized, i: usize) -> bool {
        self.consequences.bare_at(t, i).is_some() || self.consequences.longest_at(t, i).is_some_and(|m| m.conj)
    }

    /// Frame triggers in `range`: (token range, frame index).
    pub fn triggers_in(&self, t: &Tokenized, range: Range<usize>) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if let Some(m) = self.triggers.longest_at_inflected(t, i) {
                out.push((m.tokens.clone(), *m.value));
                i = m.tokens.end;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether the trigger at `at` is written definite («الهجوم»,
    /// «بالتفجير», "the attack"): it names an incident the reader already
    /// knows, where «هجوم آخر» or "an attack" brings in a new one.
    pub fn definite_trigger_at(&self, t: &Tokenized, at: usize) -> bool {
        let english_the = at > 0 && t.text(at - 1).eq_ignore_ascii_case("the");
        // «الهجوم», «والتفجير», «بالانفجار», «للهجوم»: a reading with the article.
        english_the || crate::text::lexicon::stems(t.text(at)).iter().any(|s| s.article)
    }

    /// Role words of frame `fi` in `range`: (token range, role index).
    pub fn roles_in(&self, t: &Tokenized, range: Range<usize>, fi: usize) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for i in range.clone() {
            for m in self.roles.all_at(t, i) {
                if m.value.0 != fi {
                    continue;
                }
                match &m.value.2 {
                    None => out.push((m.tokens.clone(), m.value.1)),
                    Some(second) => {
                        let end = (m.tokens.end + ROLE_CUE_GAP).min(range.end);
                        if let Some(s) = (m.tokens.end..end).find_map(|j| second.longest_at(t, j)) {
                            out.push((m.tokens.start..s.tokens.end, m.value.1));
                        }
                    }
                }
            }
        }
        out
    }

    /// The first topic word of frame `fi` within the window after a trigger.
    pub fn topic_after(
        &self,
        t: &Tokenized,
        trigger_end: usize,
        limit: usize,
        fi: usize,
    ) -> Option<(Range<usize>, usize)> {
        let end = (trigger_end + self.topic_window).min(limit);
        (trigger_end..end)
            .find_map(|i| self.topics[fi].longest_at_inflected(t, i).map(|m| (m.tokens.clone(), *m.value)))
    }

    /// Is the date at `date_start` the date of a report rather than of an
    /// event: a speech verb precedes it in its clause with no
    /// complementizer (إن, أن) in between?
    pub fn is_report_date(&self, t: &Tokenized, clause_start: usize, date_start: usize) -> Option<Range<usize>> {
        let mut speech = None;
        for i in clause_start..date_start {
            if let Some(m) = self.speech.longest_at(t, i) {
                speech = Some(m.tokens.clone());
            } else if self.complementizers.bare_at(t, i).is_some() {
                speech = None;
            }
        }
        speech
    }

    /// Who said it, in `clause`: each speech verb to the complementizer
    /// after it («وأوضح المتحدث الرسمي لهيئة الهلال الأحمر عبدالله
    /// المريبض لـ"عين اليوم" أن …»). A spokesman speaks of every incident
    /// of his region: his words tell which event a figure is of no more
    /// than the outlet's name does.
    pub fn attributions_in(&self, t: &Tokenized, clause: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = clause.start;
        while i < clause.end {
            let Some(m) = self.speech.longest_at(t, i) else {
                i += 1;
                continue;
            };
            let from = m.tokens.start;
            match (m.tokens.end..clause.end).find(|&k| self.complementizers.bare_at(t, k).is_some()) {
                Some(that) => {
                    out.push(from..that + 1);
                    i = that + 1;
                }
                None => i = m.tokens.end,
            }
        }
        out
    }

    /// After an announcing verb before the date (in its clause), the first
    /// complementizer after the date: what follows it is reported, and the
    /// date is the report's, not the reported event's.
    pub fn reported_from(&self, t: &Tokenized, clause: &Range<usize>, date: &Range<usize>) -> Option<usize> {
        let verb_before = (clause.start..date.start)
            .any(|i| self.announce.bare_at(t, i).is_some() || self.announce.longest_at(t, i).is_some_and(|m| m.conj));
        if !verb_before {
            return None;
        }
        (date.end..clause.end)
            .find(|&i| self.complementizers.longest_at(t, i).is_some_and(|m| m.tokens.len() == 1 && !m.article))
    }

    /// The measure whose noun stands at `i`.
    pub fn measure_noun_at(&self, t: &Tokenized, i: usize) -> Option<(Range<usize>, usize)> {
        if t.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        self.measure_nouns.longest_at(t, i).map(|m| (m.tokens.clone(), *m.value))
    }

    /// Whether a verb cue of a measure, read with «و» before it, starts at
    /// token `i` («وجرح», «وإصابة»).
    pub fn verb_cue_after_wa_at(&self, t: &Tokenized, i: usize) -> bool {
        self.measure_verbs.all_at(t, i).iter().any(|m| m.conj)
    }

    /// The verb cue for a measure in `range` nearest to `at`: the measure
    /// and the cue's tokens.
    pub fn measure_verb_in(
        &self,
        t: &Tokenized,
        range: Range<usize>,
        at: &Range<usize>,
    ) -> Option<(Range<usize>, usize)> {
        let mut best: Option<(usize, Range<usize>, usize)> = None;
        for (r, mi) in self.verb_cues_in(t, range) {
            let d = if r.end <= at.start { at.start - r.end } else { r.start.saturating_sub(at.end) };
            if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                best = Some((d, r, mi));
            }
        }
        best.map(|(_, r, mi)| (r, mi))
    }

    /// Every verb cue in `range`, in text order: its tokens (through the
    /// second word of a two-word cue, «لقي … حتفه») and its measure.
    fn verb_cues_in<'a>(
        &'a self,
        t: &'a Tokenized,
        range: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        range.clone().flat_map(move |i| {
            let end_of_range = range.end;
            self.measure_verbs.all_at(t, i).into_iter().filter_map(move |m| {
                let cue = match &m.value.second {
                    None => Some(m.tokens.clone()),
                    Some(second) => {
                        let end = (m.tokens.end + VERB_CUE_GAP).min(end_of_range);
                        (m.tokens.end..end)
                            .find_map(|j| second.longest_at_inflected(t, j))
                            .map(|s| m.tokens.start..s.tokens.end)
                    }
                };
                cue.map(|r| (r, m.value.measure))
            })
        })
    }

    /// The verb cue in `range` of a measure that refines measure `target`
    /// (a verb of killing near a count of soldiers) nearest to the figure
    /// at `at`, one before it first when two are as near, leaving out cues
    /// `skip` says belong to another figure: in «مقتل ضابط وثلاثة جنود
    /// وإصابة ثلاثة أفراد» the second three are the injured.
    pub fn refining_verb_in(
        &self,
        t: &Tokenized,
        range: Range<usize>,
        target: usize,
        at: &Range<usize>,
        skip: impl Fn(&Range<usize>) -> bool,
    ) -> Option<(Range<usize>, usize)> {
        let mut best: Option<((usize, bool), Range<usize>, usize)> = None;
        for (r, mi) in self.verb_cues_in(t, range) {
            if !self.measures[mi].refines.contains(&target) || skip(&r) {
                continue;
            }
            let after = r.start >= at.end;
            let d = if after { r.start - at.end } else { at.start.saturating_sub(r.end) };
            if best.as_ref().is_none_or(|(bd, _, _)| (d, after) < *bd) {
                best = Some(((d, after), r, mi));
            }
        }
        best.map(|(_, r, mi)| (r, mi))
    }

    /// Money measure words in `range`: (token range, money measure index).
    pub fn money_words_in(&self, t: &Tokenized, range: Range<usize>) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for i in range {
            if let Some(m) = self.money_words.longest_at(t, i) {
                out.push((m.tokens.clone(), *m.value));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> FrameSet {
        FrameSet::load(&RuleSource::builtin()).expect("built-in frames load")
    }

    #[test]
    fn clauses_break_at_subordinators_not_commas() {
        let t = Tokenized::new("وقعت الدولتان اتفاقا، في مارس، بعد أن انسحبت القوات. ثم عادت", 0);
        let ids = set().clauses(&t);
        let ba = (0..t.len()).find(|&i| t.text(i) == "بعد").unwrap();
        assert_eq!(ids[0], ids[ba - 1]);
        assert_ne!(ids[0], ids[ba]);
        assert_ne!(ids[ba], ids[t.len() - 1]);
    }

    #[test]
    fn speech_verbs_date_the_report_until_a_complementizer() {
        let f = set();
        let t = Tokenized::new("قال الوزير يوم الاثنين إن الاتفاق وقع في مارس", 0);
        assert!(f.is_report_date(&t, 0, 2).is_some());
        assert!(f.is_report_date(&t, 0, 8).is_none());
    }

    #[test]
    fn two_word_verb_cues_allow_a_gap() {
        let f = set();
        let t = Tokenized::new("ونزل الآلاف إلى شوارع المدينة", 0);
        let (_, mi) = f.measure_verb_in(&t, 0..t.len(), &(2..3)).unwrap();
        assert_eq!(f.measures[mi].id, "protesters");
    }

    #[test]
    fn triggers_match_with_pronoun_suffixes() {
        let f = set();
        let t = Tokenized::new("عززت الدولتان علاقاتهما", 0);
        let found = f.triggers_in(&t, 0..t.len());
        assert_eq!(found.len(), 1);
        assert_eq!(f.frames[found[0].1].id, "ties");
    }

    #[test]
    fn unknown_key_part_points_at_the_line() {
        let file = RuleFile::new(
            "rules/frames.toml",
            "topic_window = 4\n[[frame]]\nid = \"x\"\nlabel = \"x\"\ntriggers = []\nkeyed_by = [\"colour\"]\n[clause]\nbreaks = []\nspeech_verbs = []\n",
        );
        let raw: FramesFile = file.parse().unwrap();
        let err = key_part(&file, &raw.frame[0].keyed_by[0], &[KeyPart::Place]).unwrap_err();
        assert_eq!(err.line, 6);
        assert!(err.message.contains("colour"));
    }
}
