//! Event cues of a clause, compiled from `events.toml`: whether a figure is
//! recalled or revised, what happened to the people it counts, the small
//! places it names, and which words stand between a date and an event.
//!
//! Owns the lookups only. `extract` records the cues on each claim
//! ([`super::EventCue`]) and `graph` uses them to keep events apart; every
//! cue here can only ever split two claims, never join them.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::entities::{ActorForm, Entity, EntityKind, Skeleton};
use crate::rules::{RuleError, RuleFile, RuleSource};
use crate::text::terms::StopWords;
use crate::text::{normalize_str, PhraseMatcher, TokenKind, Tokenized};

/// When a figure stands in the news: what the article reports now, what it
/// recalls from before, a toll it marks as revised, another event it
/// tells of aside, or a total over several incidents or places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    #[default]
    Current,
    Background,
    Update,
    Aside,
    Total,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Current => "current",
            Phase::Background => "background",
            Phase::Update => "update",
            Phase::Aside => "aside",
            Phase::Total => "total",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    phase: PhaseRule,
    action: Vec<ActionRule>,
    places: PlaceRule,
    dates: DateRule,
    #[serde(default)]
    stages: StageRule,
    #[serde(default, rename = "example")]
    _examples: Vec<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageRule {
    nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhaseRule {
    background: Vec<String>,
    update: Vec<String>,
    #[serde(default)]
    aside: Vec<String>,
    #[serde(default)]
    total: Vec<String>,
    #[serde(default)]
    counted_incidents: Vec<String>,
    #[serde(default)]
    same_day: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionRule {
    id: toml::Spanned<String>,
    words: toml::Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceRule {
    class_nouns: Vec<String>,
    fold: FoldRule,
    #[serde(default)]
    site_nouns: Vec<String>,
    #[serde(default)]
    border_words: Vec<String>,
    #[serde(default)]
    territory_words: Vec<String>,
    #[serde(default)]
    within_words: Vec<String>,
    not_names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FoldRule {
    drop: Vec<String>,
    classes: Vec<Vec<String>>,
    #[serde(default)]
    digraphs: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateRule {
    near_words: toml::Spanned<usize>,
    event_words: Vec<String>,
    #[serde(default)]
    cause_words: Vec<String>,
    #[serde(default)]
    document_words: Vec<String>,
    #[serde(default)]
    date_openers: Vec<String>,
}

/// Compiled `events.toml`.
#[derive(Debug, Clone, Default)]
pub struct CueRules {
    phases: PhraseMatcher<Phase>,
    /// Plural incident nouns that, counted («في سبعة حوادث»), make a total.
    counted_incidents: PhraseMatcher<()>,
    same_day: PhraseMatcher<()>,
    actions: PhraseMatcher<usize>,
    /// Action class ids, by index.
    pub action_ids: Vec<Arc<str>>,
    /// Class nouns, each marked whether it is a site's.
    class_nouns: PhraseMatcher<bool>,
    not_names: StopWords,
    fold: Skeleton,
    border_words: PhraseMatcher<()>,
    territory_words: PhraseMatcher<()>,
    within_words: PhraseMatcher<()>,
    /// How far an ordinary event word reaches to take a date.
    pub near_words: usize,
    event_words: PhraseMatcher<()>,
    cause_words: PhraseMatcher<()>,
    document_words: PhraseMatcher<()>,
    date_openers: PhraseMatcher<()>,
    /// Nouns a stage of a longer event is numbered by ("اليوم الرابع من
    /// الدورة", "الجولة الثالثة"), with their key.
    stage_nouns: PhraseMatcher<String>,
}

impl CueRules {
    pub fn load(src: &RuleSource) -> Result<Self, RuleError> {
        Self::from_file(&src.file("events.toml")?)
    }

    pub fn from_file(file: &RuleFile) -> Result<Self, RuleError> {
        let raw: EventsFile = file.parse()?;
        let mut phases = PhraseMatcher::new();
        for w in &raw.phase.background {
            phases.insert(w, Phase::Background);
        }
        for w in &raw.phase.update {
            phases.insert(w, Phase::Update);
        }
        for w in &raw.phase.aside {
            phases.insert(w, Phase::Aside);
        }
        for w in &raw.phase.total {
            phases.insert(w, Phase::Total);
        }
        let mut counted_incidents = PhraseMatcher::new();
        for w in &raw.phase.counted_incidents {
            counted_incidents.insert(w, ());
        }
        let mut same_day = PhraseMatcher::new();
        for w in &raw.phase.same_day {
            same_day.insert(w, ());
        }
        let mut actions = PhraseMatcher::new();
        let mut action_ids: Vec<Arc<str>> = Vec::new();
        for (ai, a) in raw.action.iter().enumerate() {
            if action_ids.iter().any(|x| **x == **a.id.get_ref()) {
                return Err(RuleError::at(file, a.id.span(), format!("action `{}` is defined twice", a.id.get_ref())));
            }
            if a.words.get_ref().is_empty() {
                return Err(RuleError::at(file, a.words.span(), format!("action `{}` has no words", a.id.get_ref())));
            }
            for w in a.words.get_ref() {
                actions.insert(w, ai);
            }
            action_ids.push(a.id.get_ref().as_str().into());
        }
        let mut class_nouns = PhraseMatcher::new();
        for w in &raw.places.class_nouns {
            class_nouns.insert(w, raw.places.site_nouns.contains(w));
        }
        for w in raw.places.site_nouns.iter().filter(|w| !raw.places.class_nouns.contains(w)) {
            class_nouns.insert(w, true);
        }
        let mut border_words = PhraseMatcher::new();
        for w in &raw.places.border_words {
            border_words.insert(w, ());
        }
        let territory_words = PhraseMatcher::of_words(&raw.places.territory_words);
        let within_words = PhraseMatcher::of_words(&raw.places.within_words);
        let mut event_words = PhraseMatcher::new();
        for w in &raw.dates.event_words {
            event_words.insert(w, ());
        }
        if *raw.dates.near_words.get_ref() == 0 {
            return Err(RuleError::at(file, raw.dates.near_words.span(), "near_words must be at least 1"));
        }
        Ok(CueRules {
            phases,
            counted_incidents,
            same_day,
            actions,
            action_ids,
            class_nouns,
            not_names: StopWords::new(raw.places.not_names.iter().map(String::as_str)),
            fold: Skeleton::new(&raw.places.fold.drop, &raw.places.fold.classes, &raw.places.fold.digraphs, 0),
            border_words,
            territory_words,
            within_words,
            near_words: *raw.dates.near_words.get_ref(),
            event_words,
            cause_words: PhraseMatcher::of_words(&raw.dates.cause_words),
            document_words: PhraseMatcher::of_words(&raw.dates.document_words),
            date_openers: PhraseMatcher::of_words(&raw.dates.date_openers),
            stage_nouns: {
                let mut m = PhraseMatcher::new();
                for w in &raw.stages.nouns {
                    m.insert(w, normalize_str(w).trim_start_matches("ال").to_string());
                }
                m
            },
        })
    }

    /// The phase of a clause: the first marker in it not followed by a
    /// word of the same day decides.
    pub fn phase_in(&self, t: &Tokenized, clause: Range<usize>) -> Phase {
        self.phases
            .find_all(t, clause)
            .into_iter()
            .find(|m| self.same_day.longest_at(t, m.tokens.end).is_none())
            .map(|m| *m.value)
            .unwrap_or_default()
    }

    /// Where in `clause` a plural incident noun of `[phase]
    /// counted_incidents` starts: after a number it makes the clause a total
    /// («أصيب 13 في سبعة حوادث مرورية»); the caller knows numbers.
    pub fn counted_incidents_in(&self, t: &Tokenized, clause: Range<usize>) -> Vec<usize> {
        self.counted_incidents.find_all(t, clause).into_iter().map(|m| m.tokens.start).collect()
    }

    /// The stage nouns of `[stages]` in `range` ("اليوم" of "في اليوم
    /// الرابع"): their tokens and their key.
    pub fn stage_nouns_in<'a>(&'a self, t: &Tokenized, range: Range<usize>) -> Vec<(Range<usize>, &'a str)> {
        self.stage_nouns.find_all(t, range).into_iter().map(|m| (m.tokens.clone(), m.value.as_str())).collect()
    }

    /// The action class of the action word nearest `at` in `clause` (before
    /// it on a tie), with the word's tokens.
    pub fn action_near(&self, t: &Tokenized, clause: Range<usize>, at: &Range<usize>) -> Option<(usize, Range<usize>)> {
        self.actions
            .find_all(t, clause)
            .into_iter()
            .filter(|m| m.tokens.end <= at.start || m.tokens.start >= at.end)
            .min_by_key(|m| {
                let d = if m.tokens.end <= at.start { at.start - m.tokens.end } else { m.tokens.start - at.end };
                (d, m.tokens.start > at.start)
            })
            .map(|m| (*m.value, m.tokens))
    }

    /// Names that follow a class noun after في or بـ in `clause`, folded
    /// ([`CueRules::place_key`]), each with its token and whether the class noun is
    /// a site's. A function word (`stop`) is no name: "في قاعدة في الشمال".
    pub fn named_places(&self, t: &Tokenized, clause: Range<usize>, stop: &StopWords) -> Vec<(String, usize, bool)> {
        self.names_after_class_nouns(t, clause, stop, true)
    }

    /// Every name after a class noun in `range`, located or not ("مدينة
    /// سروج" in "سكان مدينة سروج"): what a text names, for its profile.
    pub fn place_names(&self, t: &Tokenized, range: Range<usize>, stop: &StopWords) -> Vec<(String, usize)> {
        self.names_after_class_nouns(t, range, stop, false).into_iter().map(|(n, k, _)| (n, k)).collect()
    }

    fn names_after_class_nouns(
        &self,
        t: &Tokenized,
        clause: Range<usize>,
        stop: &StopWords,
        located_only: bool,
    ) -> Vec<(String, usize, bool)> {
        let mut out = Vec::new();
        for m in self.class_nouns.find_all(t, clause.clone()) {
            let located = !located_only
                || m.prep == Some('ب')
                || (m.prep.is_none()
                    && m.tokens.start > clause.start
                    && matches!(t.text(m.tokens.start - 1), "في" | "وفي" | "ففي"));
            let name = m.tokens.end;
            // A name follows the class noun in construct ("مدينة سروج");
            // after the definite noun comes an adjective ("القاعدة الجوية").
            if m.article || t.text(m.tokens.start).starts_with("ال") {
                continue;
            }
            if !located || name >= clause.end || t.kind(name) != Some(TokenKind::Word) {
                continue;
            }
            let word = t.text(name);
            if self.not_names.contains(word) || stop.contains(word) || self.class_nouns.longest_at(t, name).is_some() {
                continue;
            }
            // An indefinite adjective ("في منطقة ساحلية"), not a name.
            if !word.starts_with("ال") && (word.ends_with("يه") || word.ends_with("ية")) {
                continue;
            }
            out.push((self.place_key(word), name, *m.value));
        }
        out
    }

    /// A place name as it is compared: its skeleton ([places] fold), so
    /// that spellings of one name meet (لوجار، لوغار; سروج، سروتش).
    pub fn place_key(&self, word: &str) -> String {
        self.fold.of(&normalize_str(word))
    }

    /// Whether a border word stands one or two tokens before token `i`
    /// ("الحدود مع سوريا", "الحدود السورية"): what follows is a reference.
    pub fn after_border(&self, t: &Tokenized, i: usize) -> bool {
        (i.saturating_sub(2)..i).any(|k| self.border_words.longest_at(t, k).is_some_and(|m| m.tokens.end <= i))
    }

    /// Whether a word of a country's land, itself after a word of being
    /// in it, stands right before token `i` ("داخل الأراضي السورية", "في
    /// المدن اليمنية", "بالأراضي التركية"): the nationality adjective at `i`
    /// then names where, as the country's name would. Land something came
    /// from or went to («من داخل الأراضي اليمنية», «إلى الأراضي الليبية»)
    /// is not where it happened.
    pub fn after_territory(&self, t: &Tokenized, i: usize) -> bool {
        let Some(land) = (i > 0).then(|| self.territory_words.longest_at(t, i - 1)).flatten() else {
            return false;
        };
        if land.tokens.end != i {
            return false;
        }
        let at = land.tokens.start;
        land.prep == Some('ب')
            || (at > 0 && self.within_words.longest_at(t, at - 1).is_some_and(|m| m.tokens.end == at && !m.conj))
                && (at < 2 || t.text(at - 2) != "من")
    }

    /// Nationality adjectives after a word of land in it
    /// ([`after_territory`](Self::after_territory)) made the country's
    /// name, where: «داخل الأراضي السورية» places what happened in Syria
    /// for every place chooser, as «داخل سوريا» would.
    pub fn lands_named(&self, t: &Tokenized, mut entities: Vec<Entity>) -> Vec<Entity> {
        for e in &mut entities {
            if let EntityKind::Country { form: form @ ActorForm::Adjective, .. } = &mut e.kind {
                if self.after_territory(t, e.tokens.start) {
                    *form = ActorForm::Name;
                    e.locative = true;
                }
            }
        }
        entities
    }

    /// Whether the date starting at token `i` is a document's («البيان
    /// الصادر بتاريخ …», «القرار المؤرخ في …»): it dates the paper, not a
    /// figure near it.
    pub fn dates_a_document(&self, t: &Tokenized, i: usize) -> bool {
        let mut at = i;
        while let Some(m) = (at > 0).then(|| self.opener_ending_at(t, at)).flatten() {
            at = m;
        }
        (at.saturating_sub(3)..at).any(|k| self.document_words.longest_at(t, k).is_some_and(|m| m.tokens.end == at))
    }

    /// The start of a date opener («بتاريخ», «في») that ends at `end`.
    fn opener_ending_at(&self, t: &Tokenized, end: usize) -> Option<usize> {
        (end.saturating_sub(2)..end).find(|&k| self.date_openers.longest_at(t, k).is_some_and(|m| m.tokens.end == end))
    }

    /// Whether an event word of its own stands in `between`: a date beyond
    /// it is that event's.
    pub fn event_word_in(&self, t: &Tokenized, between: Range<usize>) -> bool {
        self.named_event_in(t, between.clone()) || !self.actions.find_all(t, between).is_empty()
    }

    /// Whether a word naming an event of its own (`event_words`: «حادث»,
    /// «تقام») stands in `between`; actions («قتل», «أصيب») are not
    /// counted, as they tell of the figure's own event as often.
    /// One the clause gives as the figure's cause («إثر حادث سير») is the
    /// figure's own.
    pub fn named_event_in(&self, t: &Tokenized, between: Range<usize>) -> bool {
        let start = between.start;
        self.event_words.find_all(t, between).iter().any(|m| {
            let at = m.tokens.start;
            !(at > start && self.cause_words.longest_at(t, at - 1).is_some_and(|c| c.tokens.end == at))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> CueRules {
        CueRules::load(&RuleSource::builtin()).expect("built-in events.toml")
    }

    fn tokens(s: &str) -> Tokenized {
        Tokenized::new(s, 0)
    }

    #[test]
    fn spellings_of_one_place_fold_together() {
        let r = rules();
        let place_fold = |w: &str| r.place_key(w);
        assert_eq!(place_fold("لوجار"), place_fold("لوغار"));
        assert_eq!(place_fold("باراكي"), place_fold("بركي"));
        assert_eq!(place_fold("المخازن"), place_fold("مخازن"));
        assert_eq!(place_fold("سروتش"), place_fold("سروج"));
        assert_ne!(place_fold("مندلي"), place_fold("بلد"));
    }

    #[test]
    fn a_recalled_figure_is_background_and_a_new_toll_an_update() {
        let r = rules();
        let t = tokens("وكان 14 شخصا قد لقوا حتفهم في وقت سابق هذا الأسبوع");
        assert_eq!(r.phase_in(&t, 0..t.len()), Phase::Background);
        let t = tokens("قتل 80 مقاتلا بحسب حصيلة جديدة للمرصد");
        assert_eq!(r.phase_in(&t, 0..t.len()), Phase::Update);
        let t = tokens("قتل 80 مقاتلا في المعارك أمس");
        assert_eq!(r.phase_in(&t, 0..t.len()), Phase::Current);
        let t = tokens("وذكرت الصحيفة في وقت سابق الجمعة أن 1000 جندي سيغادرون");
        assert_eq!(r.phase_in(&t, 0..t.len()), Phase::Current);
    }

    #[test]
    fn the_nearest_action_word_decides() {
        let r = rules();
        let t = tokens("وقتل خمسة عناصر واختطف المسلحون 16 مقاتلا");
        let at = (0..t.len()).find(|&i| t.text(i) == "16").expect("number");
        let (a, _) = r.action_near(&t, 0..t.len(), &(at..at + 1)).expect("an action");
        assert_eq!(&*r.action_ids[a], "captured");
        let t = tokens("وصل 200 مقاتل إلى الجبهة");
        let (a, _) = r.action_near(&t, 0..t.len(), &(1..2)).expect("an action");
        assert_eq!(&*r.action_ids[a], "arrived");
    }

    #[test]
    fn a_class_noun_names_a_place_only_where_something_happened() {
        let r = rules();
        let names = |s: &str| {
            let t = tokens(s);
            r.named_places(&t, 0..t.len(), &StopWords::new(["في"])).into_iter().map(|(n, _, _)| n).collect::<Vec<_>>()
        };
        assert_eq!(names("انفجرت سيارة في بلدة مندلي"), [r.place_key("مندلي")]);
        assert_eq!(names("قتل جنود بإقليم لوغار"), [r.place_key("لوغار")]);
        assert!(names("على بعد 130 كيلومترا من محافظة الأحساء").is_empty());
        assert!(names("في منطقة نائية شمال البلاد").is_empty());
        assert!(names("في مدينة ساحلية").is_empty());
        assert!(names("وتتمركز في قاعدة في الشمال").is_empty());
        assert!(names("في القاعدة الجوية").is_empty());
    }

    #[test]
    fn a_country_after_a_border_word_is_a_reference() {
        let r = rules();
        let t = tokens("انفجار في بلدة سروج قرب الحدود مع سوريا");
        let syria = (0..t.len()).find(|&i| t.text(i) == "سوريا").expect("word");
        assert!(r.after_border(&t, syria));
        let t = tokens("انفجار في سوريا");
        assert!(!r.after_border(&t, 2));
    }

    #[test]
    fn a_nationality_after_a_word_of_land_is_a_place() {
        let r = rules();
        let t = tokens("استهدفت الطائرات ثلاثة مواقع داخل الأراضي السورية");
        let syrian = (0..t.len()).find(|&i| t.text(i) == "السوريه").expect("word");
        assert!(r.after_territory(&t, syrian));
        let t = tokens("انتشرت القوات في المدن اليمنية");
        assert!(r.after_territory(&t, t.len() - 1));
        let t = tokens("قتل ستة في هجوم بالعاصمة الصومالية");
        assert!(r.after_territory(&t, t.len() - 1));
        // A nationality of people, or of a government, is no place.
        let t = tokens("23 شخصا من التابعية السورية");
        assert!(!r.after_territory(&t, t.len() - 1));
        let t = tokens("أعلنت الحكومة السورية");
        assert!(!r.after_territory(&t, t.len() - 1));
        // Land a shell came from, or people headed to, is not the place.
        let t = tokens("سقوط مقذوفات من داخل الأراضي اليمنية");
        assert!(!r.after_territory(&t, t.len() - 1));
        let t = tokens("في طريقهم إلى الأراضي الليبية");
        assert!(!r.after_territory(&t, t.len() - 1));
    }

    #[test]
    fn another_event_is_named_unless_it_is_the_cause() {
        let r = rules();
        let t = tokens("ضبط 97 موقوفاً لعلاقتهم بالخلية التي تقف خلف الحادث المعلن عنه");
        assert!(r.named_event_in(&t, 1..t.len()));
        let t = tokens("وأصيب 41 شخصا بإصابات متفرقة إثر حادث سير حافلة");
        assert!(!r.named_event_in(&t, 1..t.len()));
        let t = tokens("وأصيب 41 شخصا في مدينة الرياض");
        assert!(!r.named_event_in(&t, 1..t.len()));
    }

    #[test]
    fn a_date_a_paper_was_issued_on_dates_the_paper() {
        let r = rules();
        let at = |t: &Tokenized| (0..t.len()).find(|&i| t.kind(i) == Some(TokenKind::Number)).expect("a number");
        let t = tokens("خلف الحادث المعلن عنهم بالبيان الصادر بتاريخ 2 / 2 / 1436هـ");
        assert!(r.dates_a_document(&t, at(&t)));
        let t = tokens("بموجب القرار المؤرخ في 5 مايو");
        assert!(r.dates_a_document(&t, at(&t)));
        let t = tokens("قتل خمسة أشخاص في هجوم وقع في 5 مايو");
        assert!(!r.dates_a_document(&t, at(&t)));
    }

    #[test]
    fn a_country_a_bus_came_from_is_a_reference() {
        let r = rules();
        let t = tokens("حادث سير لحافلة قادمة من عمان على طريق خريص");
        let oman = (0..t.len()).find(|&i| t.text(i) == "عمان").expect("word");
        assert!(r.after_border(&t, oman));
        let t = tokens("وصل الوفد العائد من الكويت");
        let kuwait = (0..t.len()).find(|&i| t.text(i) == "الكويت").expect("word");
        assert!(r.after_border(&t, kuwait));
        // Without the word of coming, the country is where it happened.
        let t = tokens("حادث سير لحافلة في عمان");
        assert!(!r.after_border(&t, 4));
    }

    #[test]
    fn a_date_beyond_another_event_word_is_not_taken() {
        let r = rules();
        let t = tokens("غادرت البعثة إلى المعسكر الذي ينتهي يوم الثامن");
        assert!(r.event_word_in(&t, 1..t.len()));
        let t = tokens("وستجرى الانتخابات في 26 فبراير");
        assert!(!r.event_word_in(&t, 1..t.len()));
    }

    #[test]
    fn a_class_without_words_is_an_error_pointing_at_it() {
        let text = include_str!("../../rules/events.toml").replace(
            "id = \"fled\"\nwords = [\"فر\", \"فروا\", \"فرار\", \"هرب\", \"هربوا\", \"هروب\", \"نزح\", \"نزحوا\", \"نزوح\", \"fled\"]",
            "id = \"fled\"\nwords = []",
        );
        let err = CueRules::from_file(&RuleFile::new("events.toml", text)).expect_err("empty words");
        assert!(err.to_string().contains("has no words"), "{err}");
        assert!(err.line > 1, "points into the file: line {}", err.line);
    }
}
