//! A deterministic corpus of Arabic news articles for benchmarks: the
//! generator behind `examples/gen_corpus` (bench/gen_corpus.rs) and the
//! in-memory articles of `benches/pipeline.rs`.
//!
//! Articles are composed from templates and lexicons: several kinds of
//! story (troop deployments, protests, security agreements, bases and what
//! they cost, trainers, refugees), told by several outlets each with YAML
//! front matter, with spelling variants (أمريكي/أميركي, يوليو/تموز),
//! Arabic-Indic and ASCII digits, hedges (نحو، حوالي، قرابة), vague
//! quantities (مئات، آلاف) and relative dates (أمس، الشهر الماضي، يوم
//! الجمعة). Countries, their adjectives and cities come from the rule files
//! (`rules/actors.toml`, `rules/places.toml`), so every name is one the
//! tool knows.
//!
//! Some story instances get a PLANTED conflict: one outlet reports a value
//! that cannot hold with the others'. Every date expression written is a
//! planted date. Both are recorded in `manifest.json` beside the articles:
//! `{"seed", "articles", "bytes", "conflicts": [{"story", "kind",
//! "subject_hint", "value", "planted_value", "files", "planted_file"}],
//! "dates": [{"file", "start", "end", "text", "value"}]}` where a date's
//! `value` is ISO at its precision (`2012-07-06`, `2024-03`, `2013`) and
//! `start`/`end` are byte offsets into the file.
//!
//! Nothing here is random beyond the seed: the same seed gives the same
//! bytes. The PRNG is SplitMix64 (no dependency).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// SplitMix64: tiny, fast, good enough for picking templates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone)]
struct Country {
    id: String,
    name: String,
    adjective: String,
    capital: Option<String>,
}

#[derive(Clone)]
struct City {
    name: String,
    country: String,
}

struct Lexicon {
    /// Countries that send troops (names and adjectives known to the rules).
    senders: Vec<Country>,
    /// Countries troops are sent to.
    hosts: Vec<Country>,
    cities: Vec<City>,
}

const SENDERS: &[&str] = &["US", "FR", "TR", "RU", "DE", "GB", "IT", "CN", "AE", "EG", "SA", "QA", "ES", "IN", "PK"];
const HOSTS: &[&str] = &[
    "NE", "ML", "SO", "IQ", "SY", "LY", "SD", "TD", "BF", "PL", "YE", "LB", "DJ", "NG", "CF", "MZ", "ET", "KE", "JO",
    "AF", "TN", "DZ", "MA", "ER", "SS", "RO", "LT", "EE",
];

fn load_lexicon(rules: &Path) -> Lexicon {
    let table = |name: &str| -> toml::Value {
        let text = std::fs::read_to_string(rules.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        toml::Value::Table(toml::from_str(&text).unwrap_or_else(|e: toml::de::Error| panic!("{name}: {}", e.message())))
    };
    let (actors, places) = (table("actors.toml"), table("places.toml"));
    let first = |v: &toml::Value, k: &str| {
        v.get(k).and_then(|a| a.as_array()).and_then(|a| a.first()).and_then(|s| s.as_str()).map(str::to_string)
    };
    let mut by_id: BTreeMap<String, Country> = BTreeMap::new();
    for c in actors.get("country").and_then(|c| c.as_array()).into_iter().flatten() {
        let (Some(id), Some(name), Some(adjective)) =
            (c.get("id").and_then(|i| i.as_str()), first(c, "ar"), first(c, "adjective"))
        else {
            continue;
        };
        by_id.insert(id.to_string(), Country { id: id.to_string(), name, adjective, capital: first(c, "capital") });
    }
    let pick = |ids: &[&str]| ids.iter().filter_map(|i| by_id.get(*i).cloned()).collect::<Vec<_>>();
    let hosts = pick(HOSTS);
    let mut cities = Vec::new();
    for p in places.get("place").and_then(|c| c.as_array()).into_iter().flatten() {
        let (Some(name), Some(country)) = (first(p, "ar"), p.get("country").and_then(|c| c.as_str())) else {
            continue;
        };
        if hosts.iter().any(|h| h.id == country) && !name.contains(' ') {
            cities.push(City { name, country: country.to_string() });
        }
    }
    Lexicon { senders: pick(SENDERS), hosts, cities }
}

const OUTLETS: &[(&str, &str)] = &[
    ("الجزيرة", "aljazeera"),
    ("رويترز", "reuters"),
    ("سكاي نيوز عربية", "skynews"),
    ("العربية", "alarabiya"),
    ("بي بي سي عربي", "bbc"),
    ("فرانس 24", "france24"),
    ("الشرق الأوسط", "aawsat"),
    ("اليوم السابع", "youm7"),
    ("هسبريس", "hespress"),
    ("الخليج", "alkhaleej"),
    ("النهار", "annahar"),
    ("الأهرام", "ahram"),
    ("سي إن إن بالعربية", "cnn"),
    ("القدس العربي", "alquds"),
    ("الشروق", "shorouk"),
    ("عنب بلدي", "enabbaladi"),
];

/// Month names by dialect: Egyptian/Gulf, Levantine.
const MONTHS_EG: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const MONTHS_LEV: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الأربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعة", Weekday::Fri),
    ("السبت", Weekday::Sat),
    ("الأحد", Weekday::Sun),
];

fn indic(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap_or(c) } else { c })
        .collect()
}

/// A number as news writes it: ASCII, Arabic-Indic, with or without a
/// thousands separator, sometimes in words.
fn number(rng: &mut Rng, n: u64) -> String {
    let words = match n {
        1000 => Some("ألف"),
        3000 => Some("ثلاثة آلاف"),
        100 => Some("مئة"),
        _ => None,
    };
    if let (Some(w), true) = (words, rng.chance(25)) {
        return w.to_string();
    }
    let plain = n.to_string();
    let grouped = if n >= 10_000 {
        let mut s = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i) % 3 == 0 {
                s.push(',');
            }
            s.push(c);
        }
        s
    } else {
        plain.clone()
    };
    match rng.below(4) {
        0 => indic(&plain),
        1 => indic(&grouped).replace(',', "٬"),
        _ => grouped,
    }
}

/// Hedges that keep the stated number inside the interval ("about").
const ABOUT: &[&str] = &["", "", "نحو ", "حوالي ", "قرابة ", "ما يقرب من ", "زهاء "];

/// A date written into an article, with what it means.
struct Written {
    text: String,
    value: String,
}

fn absolute_day(rng: &mut Rng, d: NaiveDate) -> Written {
    let m = d.month0() as usize;
    let month = match rng.below(4) {
        0 => MONTHS_LEV[m].to_string(),
        1 => format!("{}/{}", MONTHS_EG[m], MONTHS_LEV[m]),
        _ => MONTHS_EG[m].to_string(),
    };
    let (day, year) = (d.day().to_string(), d.year().to_string());
    let text = if rng.chance(30) {
        format!("{} {month} {}", indic(&day), indic(&year))
    } else {
        format!("{day} {month} {year}")
    };
    Written { text, value: d.format("%Y-%m-%d").to_string() }
}

fn month_year(rng: &mut Rng, y: i32, m0: usize) -> Written {
    let month = if rng.chance(30) { MONTHS_LEV[m0] } else { MONTHS_EG[m0] };
    let year = if rng.chance(30) { indic(&y.to_string()) } else { y.to_string() };
    Written { text: format!("{month} {year}"), value: format!("{y}-{:02}", m0 + 1) }
}

fn year(rng: &mut Rng, y: i32) -> Written {
    let digits = if rng.chance(30) { indic(&y.to_string()) } else { y.to_string() };
    Written { text: format!("عام {digits}"), value: y.to_string() }
}

/// A relative date and its value against the publication date.
fn relative(rng: &mut Rng, published: NaiveDate) -> Written {
    match rng.below(4) {
        0 => Written { text: "أمس".into(), value: (published - Duration::days(1)).format("%Y-%m-%d").to_string() },
        1 => {
            let (name, wd) = *rng.pick(&WEEKDAYS);
            let back = (published.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            let d = published - Duration::days(back as i64);
            Written { text: format!("يوم {name}"), value: d.format("%Y-%m-%d").to_string() }
        }
        2 => {
            let first = published.with_day(1).unwrap_or(published);
            let prev = first - Duration::days(1);
            Written { text: "الشهر الماضي".into(), value: prev.format("%Y-%m").to_string() }
        }
        _ => Written { text: "العام الماضي".into(), value: (published.year() - 1).to_string() },
    }
}

/// A day a few days before publication, said relatively: أمس, or its
/// weekday (which resolves to the latest such day on or before publication).
fn relative_to(rng: &mut Rng, day: NaiveDate, published: NaiveDate) -> Written {
    let value = day.format("%Y-%m-%d").to_string();
    if published - day == Duration::days(1) && rng.chance(50) {
        return Written { text: "أمس".into(), value };
    }
    let name = WEEKDAYS.iter().find(|(_, w)| *w == day.weekday()).map_or("الجمعة", |(n, _)| *n);
    Written { text: format!("يوم {name}"), value }
}

/// One sentence of an article and the dates it holds: `{D}` marks where
/// each date of `dates` goes.
struct Sentence {
    template: String,
    dates: Vec<Written>,
}

impl Sentence {
    fn plain(s: impl Into<String>) -> Sentence {
        Sentence { template: s.into(), dates: Vec::new() }
    }
    fn dated(s: impl Into<String>, d: Written) -> Sentence {
        Sentence { template: s.into(), dates: vec![d] }
    }
}

/// The kinds of story.
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
enum Kind {
    Deployment,
    Protest,
    Agreement,
    Base,
    Trainers,
    Refugees,
}

const KINDS: &[Kind] = &[Kind::Deployment, Kind::Protest, Kind::Agreement, Kind::Base, Kind::Trainers, Kind::Refugees];

/// What one story instance is about, shared by all its articles.
struct Story {
    id: usize,
    kind: Kind,
    sender: Country,
    host: Country,
    city: Option<City>,
    other_city: Option<City>,
    /// The true figure (troops, protesters' order, base number, amount…).
    value: u64,
    /// A second figure (base number for bases).
    extra: u64,
    event_date: NaiveDate,
    published: NaiveDate,
    /// Index of the article that carries the planted conflict, if any.
    planted: Option<usize>,
    articles: usize,
}

struct Conflict {
    story: usize,
    kind: &'static str,
    subject_hint: String,
    value: String,
    planted_value: String,
    files: Vec<String>,
    planted_file: String,
}

const VAGUE: &[(&str, u64)] = &[("المئات", 100), ("الآلاف", 1000), ("عشرات الآلاف", 10_000)];

/// The sentences that carry a story's claim, as one outlet tells it.
fn story_sentences(
    rng: &mut Rng,
    s: &Story,
    published: NaiveDate,
    planted: bool,
    conflicts: &mut Vec<(String, String, String)>,
) -> Vec<Sentence> {
    let a = &s.sender;
    let h = &s.host;
    let adj =
        if a.adjective == "أمريكي" && rng.chance(40) { "أميركي".to_string() } else { a.adjective.clone() };
    let mut out = Vec::new();
    match s.kind {
        Kind::Deployment => {
            let v = if planted { s.value * 10 } else { s.value };
            let n = number(rng, v);
            let hedge = rng.pick(ABOUT);
            if planted {
                conflicts.push((format!("count/personnel/{}/{}", a.id, h.id), s.value.to_string(), v.to_string()));
            }
            out.push(Sentence::plain(match rng.below(3) {
                0 => format!("وكان هناك {hedge}{n} جندي {adj} في {}، بحسب مسؤولين.", h.name),
                1 => format!("تنشر {} {hedge}{n} جندي في {} في إطار مهمة لمكافحة الإرهاب.", a.name, h.name),
                _ => format!("وقال مسؤول إن {hedge}{n} جندي {adj} موجودون حاليا في {}.", h.name),
            }));
        }
        Kind::Protest => {
            let k = if planted { (s.value as usize + 1) % VAGUE.len() } else { s.value as usize };
            let (words, _) = VAGUE[k];
            if planted {
                conflicts.push((format!("count/protesters/{}", h.id), VAGUE[s.value as usize].0.into(), words.into()));
            }
            let city = s.city.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| h.name.clone());
            out.push(Sentence::plain(format!(
                "وخرج {words} إلى شوارع {city} للمطالبة برحيل القوات ال{}ة من البلاد.",
                a.adjective
            )));
        }
        Kind::Agreement => {
            let d = if planted {
                s.event_date.with_year(s.event_date.year() - 2).unwrap_or(s.event_date)
            } else {
                s.event_date
            };
            if planted {
                conflicts.push((
                    format!("date/agreement/sign/{}+{}", a.id, h.id),
                    s.event_date.format("%Y-%m-%d").to_string(),
                    d.format("%Y-%m-%d").to_string(),
                ));
            }
            let w = if rng.chance(70) { absolute_day(rng, d) } else { month_year(rng, d.year(), d.month0() as usize) };
            out.push(Sentence::dated(format!("ووقعت {} و{} اتفاقية أمنية في {{D}}.", a.name, h.name), w));
        }
        Kind::Base => {
            let site = s.extra;
            let (city, wrong) = match (&s.city, &s.other_city) {
                (Some(c), Some(o)) => (c.name.clone(), o.name.clone()),
                _ => (h.name.clone(), h.name.clone()),
            };
            let place = if planted && rng.chance(50) { wrong.clone() } else { city.clone() };
            let amount = if planted && place == city { s.value * 10 } else { s.value };
            if planted {
                if place != city {
                    conflicts.push((format!("place/site:base-{site}"), city.clone(), place.clone()));
                } else {
                    conflicts.push((
                        format!("money/cost/site:base-{site}"),
                        format!("{} USD", s.value * 1_000_000),
                        format!("{} USD", amount * 1_000_000),
                    ));
                }
            }
            out.push(Sentence::plain(format!("وتقع القاعدة {} في {place}.", number(rng, site))));
            let hedge = rng.pick(&["", "نحو ", "حوالي "]);
            out.push(Sentence::plain(format!(
                "ويعمل الجيش ال{adj} من القاعدة الجوية {site} التي بنيت بتكلفة {hedge}{} مليون دولار.",
                number(rng, amount)
            )));
        }
        Kind::Trainers => {
            let v = if planted { s.value * 5 } else { s.value };
            if planted {
                conflicts.push((format!("count/trainers/{}/{}", a.id, h.id), s.value.to_string(), v.to_string()));
            }
            let w = relative_to(rng, s.event_date, published);
            out.push(Sentence::dated(
                format!("ووصل {}{} مدربا عسكريا {adj}ا إلى {} {{D}}.", rng.pick(ABOUT), number(rng, v), h.name),
                w,
            ));
        }
        Kind::Refugees => {
            let v = if planted { s.value * 4 } else { s.value };
            if planted {
                conflicts.push((format!("count/refugees/{}", h.id), format!("{}000", s.value), format!("{v}000")));
            }
            let w = year(rng, s.event_date.year());
            out.push(Sentence::dated(
                format!(
                    "واستقبلت {} {}{} ألف لاجئ منذ {{D}}، بحسب الأمم المتحدة.",
                    h.name,
                    rng.pick(ABOUT),
                    number(rng, v)
                ),
                w,
            ));
        }
    }
    out
}

/// A number that depends only on two countries (FNV-1a).
fn pair_hash(a: &Country, b: &Country) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in a.id.bytes().chain([b'/']).chain(b.id.bytes()) {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Sentences with no claim: background, quotes, numbers that count nothing
/// the rules know, and dated events of the past.
fn filler(rng: &mut Rng, s: &Story, published: NaiveDate, lex: &Lexicon) -> Sentence {
    let a = &s.sender;
    let h = &s.host;
    let other = rng.pick(&lex.hosts).clone();
    let capital = h.capital.clone().unwrap_or_else(|| h.name.clone());
    match rng.below(16) {
        0 => Sentence::plain(format!(
            "وقال مصدر مطلع، طالبا عدم الكشف عن هويته، إن المحادثات بين {} و{} ستستمر خلال الأيام المقبلة.",
            a.name, h.name
        )),
        1 => Sentence::plain(
            "وأضاف المصدر أن العلاقات الدبلوماسية والاقتصادية بين البلدين ستظل قائمة رغم هذه الخطوة التي وصفها بأنها مؤقتة.",
        ),
        2 => Sentence::plain(format!(
            "وأثارت التطورات الأخيرة في {} مخاوف متزايدة بشأن تراجع الاستقرار في المنطقة وتزايد نفوذ الجماعات المسلحة.",
            other.name
        )),
        3 => Sentence::plain(format!("وشهدت المنطقة {} انقلابات خلال {} سنوات.", rng.pick(&["سبعة", "ثمانية", "خمسة", "٧", "8"]), rng.pick(&["ثلاث", "أربع", "خمس"]))),
        4 => Sentence::plain(format!(
            "وأكدت وزارة الخارجية في {capital} في بيان أنها تتابع الوضع عن كثب، وأنها على اتصال دائم مع شركائها الإقليميين والدوليين."
        )),
        5 => Sentence::plain(format!(
            "ويرى محللون أن قرار {} يعكس تحولا في أولويات السياسة الخارجية، في ظل تنافس دولي متزايد على النفوذ في القارة.",
            h.name
        )),
        6 => Sentence::dated(format!("وفي {{D}}، زار وفد من {} العاصمة {capital} لبحث التعاون العسكري.", a.name), {
            // One visit per pair of countries, however many stories tell of
            // it: background that agrees, not noise that conflicts.
            let d = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap_or(s.event_date)
                + Duration::days((pair_hash(a, h) % 700) as i64);
            if rng.chance(50) {
                absolute_day(rng, d)
            } else {
                month_year(rng, d.year(), d.month0() as usize)
            }
        }),
        7 => Sentence::dated(format!("وأعلن المتحدث باسم الحكومة {{D}} أن الحوار مع {} ما زال مفتوحا.", a.name), relative(rng, published)),
        8 => Sentence::plain(format!(
            "واستغرقت الرحلة {} ساعات، وفق ما أفاد به شهود عيان تحدثوا إلى وسائل إعلام محلية.",
            rng.pick(&["أربع", "ست", "١٠", "12"])
        )),
        9 => Sentence::plain(format!(
            "ودعت منظمات حقوقية إلى احترام حقوق المدنيين وضمان وصول المساعدات الإنسانية إلى المناطق المتضررة في {}.",
            h.name
        )),
        10 => Sentence::dated(format!("وكانت {} قد أعلنت في {{D}} عن خطة لإعادة تنظيم قواتها في الخارج.", a.name), {
            let y = 2010 + (pair_hash(h, a) % 8) as i32;
            year(rng, y)
        }),
        11 => Sentence::plain(format!(
            "ولم يصدر أي تعليق رسمي من {} حتى الآن، فيما رفض متحدث باسم السفارة الإدلاء بتصريحات إضافية.",
            a.name
        )),
        12 => Sentence::plain(format!(
            "وبلغ عمر الرئيس {} عاما عند توليه السلطة، وهو يواجه ضغوطا داخلية متزايدة بسبب الأوضاع الاقتصادية.",
            {
                let age = 50 + rng.below(30) as u64;
                number(rng, age)
            }
        )),
        13 => Sentence::plain(format!(
            "وقالت الحكومة في {capital} إن {} من أصل {} بندا في الاتفاق قد تم تنفيذها بالفعل.",
            {
                let done = 5 + rng.below(10) as u64;
                number(rng, done)
            },
            {
                let all = 20 + rng.below(10) as u64;
                number(rng, all)
            }
        )),
        14 => Sentence::plain(
            "وتعد هذه الخطوة الأحدث في سلسلة من القرارات التي أعادت رسم خريطة التحالفات في المنطقة خلال السنوات الأخيرة.",
        ),
        _ => Sentence::plain(format!(
            "ويقول دبلوماسيون إن {} تسعى إلى تعزيز حضورها الاقتصادي في {} عبر مشروعات في قطاعي الطاقة والبنية التحتية.",
            a.name, other.name
        )),
    }
}

/// Renders one article; returns its text and its dates with byte offsets.
fn article(
    rng: &mut Rng,
    s: &Story,
    outlet: &str,
    published: NaiveDate,
    claim: Vec<Sentence>,
    lex: &Lexicon,
) -> (String, Vec<(usize, usize, String, String)>) {
    let mut text = String::new();
    let _ = writeln!(text, "---");
    let title = match s.kind {
        Kind::Deployment => format!("قوات {} في {}", s.sender.name, s.host.name),
        Kind::Protest => format!("احتجاجات في {}", s.host.name),
        Kind::Agreement => format!("اتفاقية أمنية بين {} و{}", s.sender.name, s.host.name),
        Kind::Base => format!("قاعدة عسكرية في {}", s.host.name),
        Kind::Trainers => format!("مدربون عسكريون في {}", s.host.name),
        Kind::Refugees => format!("لاجئون في {}", s.host.name),
    };
    let _ = writeln!(text, "title: {title}");
    let _ = writeln!(text, "outlet: {outlet}");
    let _ = writeln!(text, "published: {}", published.format("%Y-%m-%d"));
    let _ = writeln!(text, "lang: ar");
    let _ = writeln!(text, "---");
    let mut dates = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut claim = claim.into_iter();
    // The lede carries the story's claim; later paragraphs may repeat context.
    if let Some(c) = claim.next() {
        sentences.push(c);
    }
    let target = 4800 + rng.below(600);
    let mut body_len = 0;
    let mut paragraphs: Vec<Vec<Sentence>> = vec![sentences];
    while body_len < target {
        let mut p = Vec::new();
        for _ in 0..(2 + rng.below(3)) {
            let f = filler(rng, s, published, lex);
            body_len += f.template.len() + 1;
            p.push(f);
        }
        if let Some(c) = claim.next() {
            p.insert(rng.below(p.len() + 1), c);
        }
        paragraphs.push(p);
    }
    for p in paragraphs {
        let mut line = String::new();
        for sentence in p {
            if !line.is_empty() {
                line.push(' ');
            }
            let mut parts = sentence.template.split("{D}");
            line.push_str(parts.next().unwrap_or(""));
            for (d, rest) in sentence.dates.into_iter().zip(parts) {
                let start = text.len() + line.len();
                line.push_str(&d.text);
                dates.push((start, start + d.text.len(), d.text, d.value));
                line.push_str(rest);
            }
        }
        text.push_str(&line);
        text.push('\n');
    }
    (text, dates)
}

/// What a generated corpus planted.
pub struct Generated {
    pub articles: usize,
    pub bytes: usize,
    /// The manifest: seed, counts, planted conflicts and dates.
    pub manifest: serde_json::Value,
}

/// Generates `n` articles from `seed`, handing each (relative path, text)
/// to `sink` as it is made: nothing is kept but the manifest.
pub fn generate(n: usize, seed: u64, rules: &Path, mut sink: impl FnMut(&str, &str)) -> Generated {
    let lex = load_lexicon(rules);
    let mut rng = Rng(seed);
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut all_dates = Vec::new();
    let mut written = 0usize;
    let mut bytes = 0usize;
    let mut story_id = 0usize;
    let base_day = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a date");
    while written < n {
        story_id += 1;
        let kind = *rng.pick(KINDS);
        let sender = rng.pick(&lex.senders).clone();
        let mut host = rng.pick(&lex.hosts).clone();
        while host.id == sender.id {
            host = rng.pick(&lex.hosts).clone();
        }
        // The facts of a story depend only on its kind and countries: every
        // story told of them agrees, but for the planted conflicts.
        // Refugees and protests are counted in the host country, whoever
        // sends troops.
        let of = match kind {
            Kind::Refugees | Kind::Protest => &host,
            _ => &sender,
        };
        let mut facts = Rng(pair_hash(of, &host) ^ (kind as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let cities: Vec<&City> = lex.cities.iter().filter(|c| c.country == host.id).collect();
        let city = (!cities.is_empty()).then(|| (*facts.pick(&cities)).clone());
        let other_city = lex.cities.iter().filter(|c| c.country != host.id).nth(facts.below(50)).cloned();
        let value = match kind {
            Kind::Deployment => *facts.pick(&[300, 450, 600, 800, 1000, 1100, 1500, 2000, 2500, 3000, 5000]),
            Kind::Protest => facts.below(VAGUE.len()) as u64,
            Kind::Base => *facts.pick(&[20, 35, 50, 80, 100, 110, 150, 250]),
            Kind::Trainers => *facts.pick(&[12, 20, 30, 40, 60, 75, 120, 200]),
            Kind::Refugees => *facts.pick(&[15, 40, 90, 120, 250, 650]),
            Kind::Agreement => 0,
        };
        let extra = 100 + facts.below(400) as u64;
        let event_date = base_day + Duration::days(facts.below(6 * 365) as i64);
        let published = event_date + Duration::days(1 + rng.below(3) as i64);
        let articles = (3 + rng.below(6)).min(n - written);
        let planted = (articles >= 2 && rng.chance(20)).then(|| rng.below(articles));
        let story = Story {
            id: story_id,
            kind,
            sender,
            host,
            city,
            other_city,
            value,
            extra,
            event_date,
            published,
            planted,
            articles,
        };
        let mut outlets: Vec<usize> = (0..OUTLETS.len()).collect();
        let mut files = Vec::new();
        let mut planted_conflict = None;
        for k in 0..story.articles {
            let j = k + rng.below(outlets.len() - k);
            outlets.swap(k, j);
            let (outlet, slug) = OUTLETS[outlets[k]];
            let is_planted = story.planted == Some(k);
            let mut found = Vec::new();
            let day = story.published + Duration::days(rng.below(3) as i64);
            let claim = story_sentences(&mut rng, &story, day, is_planted, &mut found);
            if let Some((hint, v, pv)) = found.pop() {
                planted_conflict = Some((hint, v, pv, k));
            }
            let (text, dates) = article(&mut rng, &story, outlet, day, claim, &lex);
            let rel = format!("{:03}/{:06}-{:05}-{slug}.md", written / 1000, written, story.id);
            sink(&rel, &text);
            bytes += text.len();
            for (start, end, t, value) in dates {
                all_dates.push(serde_json::json!({"file": rel, "start": start, "end": end, "text": t, "value": value}));
            }
            files.push(rel);
            written += 1;
        }
        if let Some((hint, v, pv, k)) = planted_conflict {
            let kind = match story.kind {
                Kind::Deployment | Kind::Trainers | Kind::Refugees | Kind::Protest => "count",
                Kind::Agreement => "date",
                Kind::Base if hint.starts_with("place/") => "place",
                Kind::Base => "money",
            };
            conflicts.push(Conflict {
                story: story.id,
                kind,
                subject_hint: hint,
                value: v,
                planted_value: pv,
                planted_file: files[k].clone(),
                files,
            });
        }
    }
    let manifest = serde_json::json!({
        "seed": seed,
        "articles": written,
        "bytes": bytes,
        "stories": story_id,
        "conflicts": conflicts.iter().map(|c| serde_json::json!({
            "story": c.story, "kind": c.kind, "subject_hint": c.subject_hint, "value": c.value,
            "planted_value": c.planted_value, "files": c.files, "planted_file": c.planted_file,
        })).collect::<Vec<_>>(),
        "dates": all_dates,
    });
    Generated { articles: written, bytes, manifest }
}
