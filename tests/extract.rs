//! Extraction rule families on sentences written for these tests (not the
//! Niger fixtures): what a count counts and whose it is, what an amount
//! pays for, which event a date belongs to, where a numbered site is and who
//! a titled person is; then linking across sources.
//!
//! Each extraction test lists every claim a text must yield, as
//! (kind, subject, normalised value, quoted text); any other claim fails it.

use std::sync::OnceLock;

use claimcheck::check::{RuleId, Severity};
use claimcheck::extract::{Claim, MentionKind};
use claimcheck::graph::Status;
use claimcheck::rules::RuleSource;
use claimcheck::sources::Source;
use claimcheck::{Engine, Run};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&RuleSource::builtin()).expect("built-in rules load"))
}

fn source(id: &str, text: &str, published: Option<&str>) -> Source {
    let front = match published {
        Some(p) => format!("---\npublished: {p}\n---\n"),
        None => String::new(),
    };
    let (src, problems) = Source::from_text(id, format!("{id}.md"), format!("{front}{text}"));
    assert!(problems.is_empty(), "front matter problems: {problems:?}");
    src
}

fn run(docs: &[(&str, Option<&str>)]) -> Run {
    let sources = docs.iter().enumerate().map(|(i, (text, p))| source(&format!("s{}", i + 1), text, *p)).collect();
    engine().run_sources(sources, vec![])
}

/// (kind, subject, normalised value, quoted text) of a claim.
type Row = (String, String, String, String);

fn row(run: &Run, c: &Claim) -> Row {
    let quote = run.sources[c.source].slice(c.span).to_string();
    (c.kind.as_str().to_string(), c.subject.to_string(), c.value.normalized(), quote)
}

fn claims(text: &str, published: Option<&str>) -> Vec<Row> {
    let r = run(&[(text, published)]);
    r.claims.iter().map(|c| row(&r, c)).collect()
}

/// The text yields exactly these claims, in text order.
fn check(text: &str, published: Option<&str>, expected: &[(&str, &str, &str, &str)]) {
    let got = claims(text, published);
    let want: Vec<Row> =
        expected.iter().map(|(k, s, v, q)| (k.to_string(), s.to_string(), v.to_string(), q.to_string())).collect();
    assert_eq!(got, want, "\ntext: {text}");
}

/// The text yields no claim of this kind.
fn no_claim(text: &str, kind: &str) {
    for published in [None, Some("2024-05-10")] {
        let got = claims(text, published);
        assert!(got.iter().all(|(k, ..)| k != kind), "\ntext: {text}\nunexpected {kind} claim: {got:?}");
    }
}

/// The notes of evidence a claim of `kind` records for `decided`: (words, note).
fn evidence(text: &str, published: Option<&str>, kind: &str, decided: &str) -> Vec<(String, String)> {
    let r = run(&[(text, published)]);
    let c = r.claims.iter().find(|c| c.kind.as_str() == kind).unwrap_or_else(|| panic!("no {kind} claim in {text}"));
    c.evidence.iter().filter(|e| e.decided == decided).map(|e| (e.text.clone(), e.note.clone())).collect()
}

const PUB: Option<&str> = Some("2024-05-10");

// ---------------------------------------------------------------- counts

#[test]
fn count_of_soldiers_with_nationality_after_and_city_of_a_country() {
    check("يتمركز 200 جندي إيطالي في جيبوتي.", PUB, &[("count", "count/personnel/IT/DJ", "200", "200 جندي")]);
}

#[test]
fn count_of_trainers_accusative_adjectives_and_capital_as_place() {
    check("وصل 120 مدربا عسكريا روسيا إلى باماكو.", PUB, &[("count", "count/trainers/RU/ML", "120", "120 مدربا")]);
    check(
        "يخدم في الصومال نحو 300 مدرب عسكري تركي.",
        PUB,
        &[("count", "count/trainers/TR/SO", "[270,330]", "نحو 300 مدرب")],
    );
}

#[test]
fn count_actor_from_plural_and_broken_plural_adjectives() {
    check(
        "وصل ثلاثة مستشارين عسكريين أمريكيين إلى جيبوتي.",
        PUB,
        &[("count", "count/advisers/US/DJ", "3", "ثلاثة مستشارين")],
    );
    check("وصل ثمانية خبراء روس إلى بانغي.", PUB, &[("count", "count/advisers/RU/CF", "8", "ثمانية خبراء")]);
}

#[test]
fn count_actor_from_feminine_adjective_before_adad() {
    check(
        "وصلت إلى بولندا قوات بريطانية قوامها 900 جندي.",
        PUB,
        &[("count", "count/personnel/GB/PL", "900", "900 جندي")],
    );
    check("وصل إلى مقديشو 250 جنديا أوغنديا.", PUB, &[("count", "count/personnel/UG/SO", "250", "250 جنديا")]);
}

#[test]
fn count_actor_from_a_country_or_capital_subject() {
    check("تنشر الصين 400 جندي في جيبوتي.", PUB, &[("count", "count/personnel/CN/DJ", "400", "400 جندي")]);
    check("أرسلت أنقرة 500 جندي إلى الصومال.", PUB, &[("count", "count/personnel/TR/SO", "500", "500 جندي")]);
    check("أرسلت باريس 500 جندي إلى تشاد.", PUB, &[("count", "count/personnel/FR/TD", "500", "500 جندي")]);
}

#[test]
fn count_actor_from_an_organisation() {
    check(
        "تنشر الأمم المتحدة في مالي 13 ألف جندي.",
        PUB,
        &[("count", "count/personnel/UN/ML", "[12500,14000]", "13 ألف جندي")],
    );
}

#[test]
fn two_counts_in_one_sentence_keep_their_own_actors() {
    check(
        "يتمركز في جيبوتي 1500 جندي فرنسي و200 جندي إيطالي.",
        PUB,
        &[
            ("count", "count/personnel/FR/DJ", "1500", "1500 جندي"),
            ("count", "count/personnel/IT/DJ", "200", "200 جندي"),
        ],
    );
}

#[test]
fn speech_by_a_ministry_gives_the_actor_and_the_place_comes_after() {
    check(
        "قالت وزارة الدفاع البريطانية إن 900 جندي سينضمون إلى القوات في بولندا.",
        PUB,
        &[("count", "count/personnel/GB/PL", "900", "900 جندي")],
    );
}

#[test]
fn protesters_from_a_verb_with_a_generic_noun() {
    check(
        "تظاهر نحو خمسة آلاف شخص في تونس للمطالبة بالإفراج عن المعتقلين.",
        PUB,
        &[("count", "count/protesters/TN", "[4500,5500]", "نحو خمسة آلاف شخص")],
    );
    let ev = evidence("تظاهر نحو خمسة آلاف شخص في تونس.", PUB, "count", "measure");
    assert!(ev.iter().any(|(w, n)| w == "تظاهر" && n.contains("protesters")), "{ev:?}");
}

#[test]
fn protesters_from_going_down_into_the_streets() {
    check(
        "نزل آلاف المواطنين إلى شوارع الخرطوم احتجاجا على الانقلاب.",
        PUB,
        &[("count", "count/protesters/SD", "[1000,9999]", "آلاف المواطنين")],
    );
    check(
        "خرج الآلاف إلى شوارع تونس العاصمة في مظاهرات حاشدة.",
        PUB,
        &[("count", "count/protesters/TN", "[1000,9999]", "الآلاف")],
    );
}

#[test]
fn protesters_from_the_counted_noun_and_arrested_protesters_apart() {
    // Protesters counted by a verb of arrest are the arrested, not the crowd.
    check(
        "اعتقلت الشرطة التونسية 200 متظاهر في العاصمة تونس.",
        PUB,
        &[("count", "count/detainees:protesters/TN/TN", "200", "200 متظاهر")],
    );
    check(
        "شارك نحو ألفي متظاهر في مسيرة بتونس.",
        PUB,
        &[("count", "count/protesters/TN", "[1800,2200]", "نحو ألفي متظاهر")],
    );
}

#[test]
fn killed_from_a_verb_with_a_bare_or_generic_number() {
    check("قتل 50 شخصا في قصف على مدينة الفاشر.", PUB, &[("count", "count/killed/SD", "50", "50 شخصا")]);
    check("قتل العشرات في قصف على خان يونس.", PUB, &[("count", "count/killed/PS", "[10,99]", "العشرات")]);
}

#[test]
fn injured_displaced_and_refugees_from_their_nouns() {
    check(
        "نقل أكثر من 300 جريح إلى مستشفيات مراكش.",
        PUB,
        &[("count", "count/injured/MA", ">300", "أكثر من 300 جريح")],
    );
    check(
        "يقيم في مخيمات النازحين بدارفور نحو 500 ألف نازح.",
        PUB,
        &[("count", "count/displaced/SD", "[450000,550000]", "نحو 500 ألف نازح")],
    );
    check(
        "استقبلت تشاد أكثر من 600 ألف لاجئ سوداني منذ بداية الحرب.",
        PUB,
        &[("count", "count/refugees/TD", ">600000", "أكثر من 600 ألف لاجئ")],
    );
}

#[test]
fn displaced_from_a_verb_with_a_scaled_decimal() {
    check(
        "نزح نحو 1.5 مليون شخص من ولاية الجزيرة في السودان.",
        PUB,
        &[("count", "count/displaced/SD", "[1350000,1650000]", "نحو 1.5 مليون شخص")],
    );
}

#[test]
fn injured_in_a_province_named_with_bi() {
    check(
        "بلغ عدد الجرحى في غزة أكثر من 70 ألف جريح.",
        PUB,
        &[("count", "count/injured/PS", ">70000", "أكثر من 70 ألف جريح")],
    );
}

#[test]
fn coups_in_a_region_and_aircraft_not_their_model_number() {
    check(
        "شهدت منطقة الساحل ثمانية انقلابات منذ عام 2020.",
        PUB,
        &[("count", "count/coups/sahel", "8", "ثمانية انقلابات")],
    );
    check("اشترت رومانيا 32 طائرة إف-35.", PUB, &[("count", "count/aircraft/RO/?", "32", "32 طائرة")]);
}

#[test]
fn adad_pattern_with_the_noun_before_the_number() {
    check(
        "وصل إلى جيبوتي جنود يابانيون بلغ عددهم 180 جنديا.",
        PUB,
        &[("count", "count/personnel/JP/DJ", "180", "180 جنديا")],
    );
    check(
        "تنشر روسيا في مالي مقاتلين يبلغ عددهم نحو 1500.",
        PUB,
        &[("count", "count/fighters/RU/ML", "[1350,1650]", "نحو 1500")],
    );
}

#[test]
fn adad_pattern_with_a_hedge_verb_and_a_vague_quantity() {
    check(
        "نشرت الولايات المتحدة قوات أمريكية يقدر عددها بنحو 2000 في بولندا.",
        PUB,
        &[("count", "count/personnel/US/PL", "[1800,2200]", "بنحو 2000")],
    );
    check(
        "شارك في المظاهرات بالخرطوم متظاهرون قدر عددهم بعشرات الآلاف.",
        PUB,
        &[("count", "count/protesters/SD", "[10000,99999]", "بعشرات الآلاف")],
    );
}

#[test]
fn hedges_become_intervals() {
    let cases = [
        ("قتل أكثر من 300 شخص في غزة.", ">300", "أكثر من 300 شخص"),
        ("قتل أقل من 20 شخصا في غزة.", "[0,20)", "أقل من 20 شخصا"),
        ("قتل ما لا يقل عن 40 شخصا في غزة.", ">=40", "ما لا يقل عن 40 شخصا"),
        ("قتل قرابة 100 شخص في غزة.", "[90,110]", "قرابة 100 شخص"),
        ("نزح ما يزيد على مليون شخص من غزة.", ">1000000", "ما يزيد على مليون شخص"),
    ];
    for (text, value, quote) in cases {
        let kind = if text.starts_with("نزح") { "count/displaced/PS" } else { "count/killed/PS" };
        check(text, PUB, &[("count", kind, value, quote)]);
    }
}

#[test]
fn vague_quantities_become_intervals() {
    check("تظاهر عشرات الآلاف في الخرطوم.", PUB, &[("count", "count/protesters/SD", "[10000,99999]", "عشرات الآلاف")]);
    check("تظاهر مئات الآلاف في تونس.", PUB, &[("count", "count/protesters/TN", "[100000,999999]", "مئات الآلاف")]);
    check("أصيب المئات في الزلزال الذي ضرب مراكش.", PUB, &[("count", "count/injured/MA", "[100,999]", "المئات")]);
}

#[test]
fn a_hedge_is_recorded_as_evidence() {
    let ev = evidence("قتل قرابة 100 شخص في الفاشر.", PUB, "count", "hedge");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert!(ev[0].0.contains("قرابة") && ev[0].1.contains("[90,110]"), "{ev:?}");
}

#[test]
fn durations_ages_and_years_are_not_counts() {
    for text in [
        "استمرت الاحتجاجات في تونس 10 أيام.",
        "بقي الجنود الفرنسيون في مالي تسع سنوات.",
        "قتل رجل يبلغ من العمر 45 عاما في الخرطوم.",
        "قتل شاب عمره 19 عاما في تونس.",
        "يبلغ الرئيس 86 عاما.",
        "ولد الرئيس عام 1958 في تونس.",
        "استمر الحصار 40 يوما.",
    ] {
        no_claim(text, "count");
    }
}

#[test]
fn magnitudes_and_distances_are_not_counts() {
    for text in [
        "وقع الزلزال بقوة 7.8 درجات على مقياس ريختر في تركيا.",
        "ضرب زلزال بقوة 6.8 درجة إقليم الحوز على بعد 70 كيلومترا من مراكش.",
        "تبعد القاعدة عن العاصمة 40 كيلومترا.",
    ] {
        no_claim(text, "count");
        no_claim(text, "quantity");
    }
}

#[test]
fn an_unlisted_noun_after_a_number_is_an_open_count() {
    // Buildings are listed in no rule: the noun the number counts is the measure.
    check(
        "تضرر في زلزال عام 2023 في تركيا أكثر من 50 ألف مبنى.",
        PUB,
        &[
            ("date", "date/disaster/struck/TR", "2023", "عام 2023"),
            ("count", "count/n:مبني/TR", ">50000", "أكثر من 50 ألف مبنى"),
        ],
    );
}

#[test]
fn a_hedge_after_an_open_counted_noun_hedges_the_number() {
    // «على الاقل» after the noun, as after a listed one: at least four
    // cars is no conflict with six.
    let got = claims("واحترقت أربع سيارات على الاقل في الحريق الذي شب في المستودع.", PUB);
    let counts: Vec<_> = got.iter().filter(|r| r.0 == "count").collect();
    assert_eq!(counts.len(), 1, "{got:?}");
    assert_eq!(counts[0].2, ">=4");
    assert_eq!(counts[0].3, "أربع سيارات على الاقل");
}

#[test]
fn site_numbers_and_model_names_are_not_counts() {
    for text in ["هبطت طائرة في القاعدة 17.", "هبطت طائرات إف-16 في القاعدة 17.", "تفقد الرئيس القاعدة 17 ثم غادر."]
    {
        no_claim(text, "count");
    }
    // The model number is not read as 16 more aircraft.
    check("تضم المجموعة 16 طائرة إف-16.", PUB, &[("count", "count/aircraft/?/?", "16", "16 طائرة")]);
}

#[test]
fn a_count_holds_at_its_stated_date_else_at_publication() {
    let r = run(&[("قتل 20 شخصا في الفاشر في مارس 2013.", PUB)]);
    let ts = r.claims[0].time.as_ref().expect("a time scope");
    assert_eq!((ts.range.notation(), ts.implicit, ts.text.as_str()), ("2013-03".to_string(), false, "مارس 2013"));
    let r = run(&[("قتل 50 شخصا في قصف على مدينة الفاشر.", PUB)]);
    let ts = r.claims[0].time.as_ref().expect("a time scope");
    assert_eq!((ts.range.notation(), ts.implicit), ("2024-05-10".to_string(), true));
    let r = run(&[("قتل 50 شخصا في قصف على مدينة الفاشر.", None)]);
    assert_eq!(r.claims[0].time, None);
}

#[test]
fn percentages_are_never_counts() {
    for text in [
        "قتل نحو 60 في المائة من المقاتلين في المعارك الأخيرة.",
        "أصيب 25 في المئة من الجرحى بحروق.",
        "نزح 35 بالمئة من السكان عن قراهم.",
        "قتل 12% من الجنود في الهجوم.",
        "قتل ٤٠٪ من المسلحين.",
        "اعتقل نحو 15 بالمائة من المتظاهرين.",
    ] {
        no_claim(text, "count");
    }
    // A number and the word for hundred without في / ب stay a count.
    check("قتل مائة شخص في الهجوم.", PUB, &[("count", "count/killed/?", "100", "مائة شخص")]);
    // The share is a quantity of its own, of the children.
    check(
        "قتل 30 شخصا بينهم 20 في المائة من الأطفال.",
        PUB,
        &[
            ("count", "count/killed/?", "30", "30 شخصا"),
            ("quantity", "quantity/share:of/طفل", "[19.5,20.5] %", "20 في المائة"),
        ],
    );
}

// ---------------------------------------------------------------- money

#[test]
fn aid_pledged_between_two_parties_in_euros() {
    check(
        "تعهد الاتحاد الأوروبي بتقديم مساعدات قدرها 50 مليون يورو للمغرب بعد الزلزال.",
        PUB,
        &[("money", "money/aid/EU+MA", "[49500000,50500000] EUR", "50 مليون يورو")],
    );
    check(
        "تعهدت اليابان بتقديم منحة قدرها 20 مليون دولار لجيبوتي.",
        PUB,
        &[("money", "money/aid/DJ+JP", "[19500000,20500000] USD", "20 مليون دولار")],
    );
}

#[test]
fn aid_in_gulf_currencies() {
    check(
        "قدمت السعودية منحة قدرها 5 مليارات ريال سعودي للسودان.",
        PUB,
        &[("money", "money/aid/SA+SD", "[4500000000,5500000000] SAR", "5 مليارات ريال سعودي")],
    );
    check(
        "تبرعت قطر بمبلغ 50 مليون ريال قطري لضحايا الزلزال في المغرب.",
        PUB,
        &[("money", "money/aid/MA+QA", "[49500000,50500000] QAR", "50 مليون ريال قطري")],
    );
}

#[test]
fn a_loan_from_a_lender_to_a_country() {
    check(
        "وافق صندوق النقد الدولي على قرض لمصر قدره 3 مليارات دولار.",
        PUB,
        &[("money", "money/loan/EG+IMF", "[2500000000,3500000000] USD", "3 مليارات دولار")],
    );
}

#[test]
fn cost_of_a_numbered_site() {
    check(
        "بلغت تكلفة تطوير القاعدة 17 نحو 40 مليون دولار.",
        PUB,
        &[("money", "money/cost/site:base-17", "[36000000,44000000] USD", "نحو 40 مليون دولار")],
    );
    check(
        "بلغت تكلفة بناء الميناء 7 أكثر من 500 مليون دولار.",
        PUB,
        &[("money", "money/cost/site:port-7", ">500000000 USD", "أكثر من 500 مليون دولار")],
    );
}

#[test]
fn cost_of_a_site_named_later_in_the_sentence() {
    check(
        "بلغت تكلفة القاعدة الجوية 17 نحو 40 مليون دولار وتقع القاعدة 17 قرب مصراتة.",
        PUB,
        &[
            ("money", "money/cost/site:base-17", "[36000000,44000000] USD", "نحو 40 مليون دولار"),
            ("place", "place/site:base-17", "misrata", "القاعدة 17 قرب مصراتة"),
        ],
    );
}

#[test]
fn damage_and_budget_in_one_country() {
    check(
        "قدرت الخسائر الناجمة عن الزلزال في تركيا بأكثر من 100 مليار دولار.",
        PUB,
        &[("money", "money/damage/TR", ">100000000000 USD", "بأكثر من 100 مليار دولار")],
    );
    check(
        "تبلغ ميزانية الدفاع الكويتية 2 مليار دينار كويتي.",
        PUB,
        &[("money", "money/budget/KW", "[1500000000,2500000000] KWD", "2 مليار دينار كويتي")],
    );
}

#[test]
fn a_bare_pound_is_egyptian_and_a_qualified_one_is_sterling() {
    check(
        "بلغت ميزانية الجيش المصري 50 مليار جنيه.",
        PUB,
        &[("money", "money/budget/EG", "[49500000000,50500000000] EGP", "50 مليار جنيه")],
    );
    let got = claims("تعهدت بريطانيا بتقديم مساعدات قدرها 20 مليون جنيه إسترليني إلى السودان.", PUB);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].2.as_str(), got[0].3.as_str()), ("[19500000,20500000] GBP", "20 مليون جنيه إسترليني"));
}

#[test]
fn bare_dirhams_and_amounts_with_no_measure_word_are_not_money_claims() {
    no_claim("رصدت الحكومة ميزانية قدرها 120 مليار درهم لإعادة الإعمار.", "money");
    no_claim("خصصت الحكومة 500 مليون دولار لدعم الفلاحين.", "money");
}

// ---------------------------------------------------------------- dates

#[test]
fn agreement_signed_with_topic_and_participants() {
    check(
        "وقعت إثيوبيا وجيبوتي اتفاقا تجاريا في 12 يناير 2018.",
        PUB,
        &[("date", "date/agreement:trade/start/DJ+ET", "2018-01-12", "12 يناير 2018")],
    );
    check(
        "وقعت جيبوتي والصين اتفاقية لتطوير ميناء دوراليه في مارس 2017.",
        PUB,
        &[("date", "date/agreement:unspecified/start/CN+DJ", "2017-03", "مارس 2017")],
    );
}

#[test]
fn agreement_ended_military_and_peace() {
    check(
        "أعلن المجلس العسكري في بوركينا فاسو في يناير 2023 إنهاء الاتفاق العسكري مع فرنسا.",
        PUB,
        &[("date", "date/agreement:military/end/BF+FR", "2023-01", "يناير 2023")],
    );
    check(
        "ألغت مالي في أغسطس 2023 اتفاق السلام الموقع في الجزائر.",
        PUB,
        &[("date", "date/agreement:peace/end/DZ+ML", "2023-08", "أغسطس 2023")],
    );
}

#[test]
fn since_gives_the_start_of_an_agreement() {
    check(
        "تعمل الصين في جيبوتي بموجب اتفاقية عسكرية منذ عام 2016.",
        PUB,
        &[("date", "date/agreement:military/start/CN+DJ", "2016", "عام 2016")],
    );
    let ev = evidence("تعمل الصين في جيبوتي بموجب اتفاقية عسكرية منذ عام 2016.", PUB, "date", "role");
    assert!(ev.iter().any(|(w, n)| w == "منذ" && n.contains("since")), "{ev:?}");
}

#[test]
fn ties_established_normalised_strengthened_and_severed() {
    check(
        "تعود العلاقات الدبلوماسية بين المغرب وإسرائيل إلى عام 2000.",
        PUB,
        &[("date", "date/ties:diplomatic/start/IL+MA", "2000", "عام 2000")],
    );
    check(
        "عززت تركيا والصومال تعاونهما العسكري في فبراير 2024.",
        PUB,
        &[("date", "date/ties:military/strengthened/SO+TR", "2024-02", "فبراير 2024")],
    );
    check(
        "قطعت الجزائر علاقاتها الدبلوماسية مع المغرب في أغسطس 2021.",
        PUB,
        &[("date", "date/ties:diplomatic/severed/DZ+MA", "2021-08", "أغسطس 2021")],
    );
}

#[test]
fn coup_place_from_the_sentence() {
    check(
        "وقع الانقلاب في الغابون في 30 أغسطس 2023.",
        PUB,
        &[("date", "date/coup/occurred/GA", "2023-08-30", "30 أغسطس 2023")],
    );
    check(
        "استولى الجيش على السلطة في غينيا في 5 سبتمبر 2021.",
        PUB,
        &[("date", "date/coup/occurred/GN", "2021-09-05", "5 سبتمبر 2021")],
    );
}

#[test]
fn withdrawal_began_and_completed_by_a_nationality() {
    check(
        "بدأت القوات الفرنسية الانسحاب من تشاد في ديسمبر 2024.",
        PUB,
        &[("date", "date/withdrawal/start/FR/TD", "2024-12", "ديسمبر 2024")],
    );
    check(
        "أتمت القوات الفرنسية انسحابها من بوركينا فاسو في فبراير 2023.",
        PUB,
        &[("date", "date/withdrawal/complete/FR/BF", "2023-02", "فبراير 2023")],
    );
    check(
        "غادر آخر جندي فرنسي مالي في 15 أغسطس 2022.",
        PUB,
        &[("date", "date/withdrawal/complete/FR/ML", "2022-08-15", "15 أغسطس 2022")],
    );
}

#[test]
fn withdrawal_demanded_and_deadline() {
    check(
        "طالبت مالي برحيل قوات الأمم المتحدة في يونيو 2023.",
        PUB,
        &[("date", "date/withdrawal/demanded/UN/ML", "2023-06", "يونيو 2023")],
    );
    check(
        "يجب أن تغادر القوات الفرنسية السنغال بحلول يوليو 2025.",
        PUB,
        &[("date", "date/withdrawal/deadline/FR/SN", "2025-07", "يوليو 2025")],
    );
}

#[test]
fn deployment_occurred_and_embassy_opened() {
    check(
        "وصلت القوات الكينية إلى الصومال في أكتوبر 2011.",
        PUB,
        &[("date", "date/deployment/occurred/KE/SO", "2011-10", "أكتوبر 2011")],
    );
    check("افتتحت تركيا سفارة في مقديشو عام 2011.", PUB, &[("date", "date/embassy/opened/SO+TR", "2011", "عام 2011")]);
}

#[test]
fn visit_protest_election_and_initiative() {
    check(
        "زار الرئيس الفرنسي جيبوتي في فبراير 2024.",
        PUB,
        &[("date", "date/visit/occurred/FR/DJ", "2024-02", "فبراير 2024")],
    );
    check(
        "انطلقت الاحتجاجات في الخرطوم في ديسمبر 2018.",
        PUB,
        &[("date", "date/protest/occurred/SD", "2018-12", "ديسمبر 2018")],
    );
    check(
        "جرت الانتخابات الرئاسية في السنغال في 24 مارس 2024.",
        PUB,
        &[("date", "date/election/occurred/SN", "2024-03-24", "24 مارس 2024")],
    );
    check(
        "أطلقت الحكومة المغربية برنامجا لإعادة الإعمار في أكتوبر 2023.",
        PUB,
        &[("date", "date/initiative/launched/MA", "2023-10", "أكتوبر 2023")],
    );
}

#[test]
fn a_count_and_a_date_in_one_sentence() {
    check(
        "تظاهر الآلاف في تونس في 25 يوليو 2021.",
        PUB,
        &[
            ("count", "count/protesters/TN", "[1000,9999]", "الآلاف"),
            ("date", "date/protest/occurred/TN", "2021-07-25", "25 يوليو 2021"),
        ],
    );
}

#[test]
fn construction_keyed_by_its_site() {
    check(
        "بدأت الصين بناء الميناء 7 في جيبوتي عام 2015.",
        PUB,
        &[
            ("place", "place/site:port-7", "DJ", "الميناء 7 في جيبوتي"),
            ("date", "date/construction/start/site:port-7", "2015", "عام 2015"),
        ],
    );
    check(
        "اكتمل بناء الميناء 7 في مايو 2017.",
        PUB,
        &[("date", "date/construction/complete/site:port-7", "2017-05", "مايو 2017")],
    );
}

#[test]
fn the_date_of_a_report_is_not_an_event_date() {
    for text in [
        "قال وزير الخارجية الجيبوتي يوم الأربعاء إن المحادثات مع إثيوبيا مستمرة.",
        "أكدت وزارة الدفاع التركية يوم الثلاثاء أن قواتها وصلت إلى الصومال.",
        "قال المتحدث باسم الحكومة السودانية في 3 مارس 2024 إن الهدنة انتهت.",
        "ذكرت وكالة الأنباء الرسمية الأسبوع الماضي أن الانتخابات ستجرى في موعدها.",
    ] {
        no_claim(text, "date");
    }
}

#[test]
fn a_date_after_the_complementizer_belongs_to_the_reported_event() {
    check(
        "قال المتحدث يوم الاثنين إن الاتفاق التجاري وقع في مارس 2020.",
        PUB,
        &[("date", "date/agreement:trade/start/?", "2020-03", "مارس 2020")],
    );
}

#[test]
fn relative_dates_resolve_against_the_publication_date() {
    check(
        "وقعت تركيا والصومال الشهر الماضي اتفاقية دفاعية.",
        PUB,
        &[("date", "date/agreement:military/start/SO+TR", "2024-04", "الشهر الماضي")],
    );
    check(
        "جرت الانتخابات البلدية في تونس يوم الأحد الماضي.",
        PUB,
        &[("date", "date/election/occurred/TN", "2024-05-05", "يوم الأحد الماضي")],
    );
    check(
        "أعلنت فرنسا أمس بدء سحب قواتها من النيجر.",
        PUB,
        &[("date", "date/withdrawal/start/FR/NE", "2024-05-09", "أمس")],
    );
    check(
        "وقع الانقلاب في الغابون في أغسطس الماضي.",
        PUB,
        &[("date", "date/coup/occurred/GA", "2023-08", "أغسطس الماضي")],
    );
}

#[test]
fn relative_dates_stay_unresolved_without_a_publication_date() {
    check(
        "وقعت تركيا والصومال الشهر الماضي اتفاقية دفاعية.",
        None,
        &[("date", "date/agreement:military/start/SO+TR", "unresolved", "الشهر الماضي")],
    );
    check(
        "جرت الانتخابات البلدية في تونس يوم الأحد الماضي.",
        None,
        &[("date", "date/election/occurred/TN", "unresolved", "يوم الأحد الماضي")],
    );
    let ev = evidence("وقع الانقلاب في الغابون في أغسطس الماضي.", None, "date", "time");
    assert!(ev.iter().any(|(_, n)| n.contains("no publication date")), "{ev:?}");
}

/// The subject keys of every claim in the text.
fn claim_keys(text: &str, published: Option<&str>) -> Vec<String> {
    claims(text, published).into_iter().map(|(_, k, ..)| k).collect()
}

/// The values of every date mention in the text, a claim or not.
fn date_mentions(text: &str, published: Option<&str>) -> Vec<String> {
    let r = run(&[(text, published)]);
    r.mentions.iter().filter(|m| m.kind == MentionKind::Date).map(|m| m.normalized.clone()).collect()
}

/// The values of every date claim in the text.
fn date_values(text: &str, published: Option<&str>) -> Vec<String> {
    claims(text, published).into_iter().filter(|(k, ..)| k == "date").map(|(_, _, v, _)| v).collect()
}

#[test]
fn yesterday_with_a_weekday_takes_the_weekday() {
    // Published (crawled) Saturday 2024-05-11: yesterday Thursday is the 9th.
    let sat = Some("2024-05-11");
    assert_eq!(date_values("وقع انفجار في بغداد أمس الخميس.", sat), ["2024-05-09"]);
    assert_eq!(date_values("وقع انفجار في بغداد أمس الأول الأربعاء.", sat), ["2024-05-08"]);
    assert_eq!(date_values("وقع انفجار في بغداد مساء أمس الخميس.", sat), ["2024-05-09"]);
    // The weekday agrees with publication − 1: nothing changes.
    assert_eq!(date_values("وقع انفجار في بغداد أمس الجمعة.", sat), ["2024-05-10"]);
    // Without a weekday yesterday stays publication − 1.
    assert_eq!(date_values("وقع انفجار في بغداد أمس.", sat), ["2024-05-10"]);
}

#[test]
fn a_relative_day_with_the_date_written_out_takes_the_date() {
    // Crawled Saturday 2024-05-11, printed two days before: «غدا» is the
    // print's tomorrow, and the date written out says which day.
    let sat = Some("2024-05-11");
    assert_eq!(date_values("ويفتتح الأمير غدا الخميس 9 مايو 2024 مؤتمر الطاقة في الرياض.", sat), ["2024-05-09"]);
    assert_eq!(
        date_values("وافتتح الأمير أمس الأربعاء 1 / 11 / 1445هـ الموافق 8 / 5 / 2024م مؤتمر الطاقة في الرياض.", sat),
        ["2024-05-08"]
    );
    // A date far from the relative day is another expression.
    assert_eq!(date_values("وافتتح الأمير أمس مؤتمرا عقد أول مرة في 8 مايو 2020 في الرياض.", sat).len(), 2);
}

#[test]
fn a_unit_written_against_a_number_is_not_a_year() {
    for text in [
        "وقع انفجار على بعد 1500م من الحدود.",
        "وقع انفجار على بعد 1200كم من العاصمة.",
        "وقع انفجار في 1800كلم من الأنابيب.",
        "هطلت أمطار بلغت 1950ملم ثم وقع انفجار.",
    ] {
        assert!(date_values(text, PUB).is_empty(), "{text}: {:?}", claims(text, PUB));
    }
    // The era letter after a year in date context is still a year.
    assert_eq!(date_values("وقع الانفجار عام 2012م في بغداد.", PUB), ["2012"]);
    assert_eq!(date_values("وقع الانفجار في 2012م في بغداد.", PUB), ["2012"]);
}

#[test]
fn hijri_years_are_converted_not_read_as_gregorian() {
    // 9 Ramadan 1429 (Umm al-Qura) is 9 September 2008.
    assert_eq!(date_values("وقعت الاتفاقية بتاريخ 9-9-1429هـ في الرياض.", PUB), ["2008-09-09"]);
    assert_eq!(date_values("وقعت الاتفاقية بتاريخ 9/9/1429 في الرياض.", PUB), ["2008-09-09"]);
    // The first member of a الموافق pair is Hijri; the Gregorian side wins.
    assert_eq!(date_values("وقعت الاتفاقية عام 1436 الموافق 2015 في الرياض.", PUB), ["2015"]);
    assert_eq!(date_values("وقعت الاتفاقية في 1436 الموافق 2015 في الرياض.", PUB), ["2015"]);
    let h = date_values("وقعت الاتفاقية عام 1436 هـ في الرياض.", PUB);
    assert_eq!(h, ["2014-10-25/2015-10-13"]);
    // A Gregorian numeric date stays Gregorian.
    assert_eq!(date_values("وقعت الاتفاقية بتاريخ 9-9-2008 في الرياض.", PUB), ["2008-09-09"]);
}

// ---------------------------------------------------------------- sites and places

#[test]
fn a_numbered_site_ignores_its_qualifiers() {
    check(
        "تقع القاعدة الجوية 17 قرب مدينة مصراتة.",
        PUB,
        &[("place", "place/site:base-17", "misrata", "القاعدة الجوية 17 قرب مدينة مصراتة")],
    );
    check(
        "تتمركز القوات في القاعدة 17 في مصراتة.",
        PUB,
        &[("place", "place/site:base-17", "misrata", "القاعدة 17 في مصراتة")],
    );
    check(
        "تقع القاعدة البحرية 3 في جيبوتي.",
        PUB,
        &[("place", "place/site:base-3", "DJ", "القاعدة البحرية 3 في جيبوتي")],
    );
}

#[test]
fn a_place_then_naming_words_then_a_site() {
    check(
        "هبطت الطائرات في مصراتة فيما يعرف بالقاعدة 17.",
        PUB,
        &[("place", "place/site:base-17", "misrata", "مصراتة فيما يعرف بالقاعدة 17")],
    );
}

#[test]
fn ports_and_camps_are_sites_too() {
    check("يقع الميناء 7 في مدينة عدن.", PUB, &[("place", "place/site:port-7", "aden", "الميناء 7 في مدينة عدن")]);
    check("يقع المعسكر 9 قرب مدينة غاو.", PUB, &[("place", "place/site:camp-9", "gao", "المعسكر 9 قرب مدينة غاو")]);
}

#[test]
fn a_numbered_site_with_no_place_makes_no_place_claim() {
    no_claim("هبطت طائرة في القاعدة 17.", "place");
    no_claim("تفقد الرئيس القاعدة 17 ثم غادر القاعدة بعد ساعة.", "place");
}

#[test]
fn al_qaeda_is_not_a_base() {
    for text in [
        "أعلن تنظيم القاعدة مسؤوليته عن الهجوم في مالي.",
        "قال زعيم القاعدة في اليمن إن التنظيم سيواصل القتال.",
        "قتل عناصر القاعدة 12 جنديا في هجوم شمال مالي.",
    ] {
        no_claim(text, "place");
        let r = run(&[(text, PUB)]);
        assert!(r.claims.iter().all(|c| !c.subject.contains("site:")), "{text}");
    }
}

#[test]
fn a_database_is_not_a_site() {
    let text = "أنشأت الوزارة قاعدة بيانات تضم 3000 اسم في تونس.";
    no_claim(text, "place");
    let r = run(&[(text, PUB)]);
    assert!(r.claims.iter().all(|c| !c.subject.contains("site:")), "{:?}", r.claims);
}

#[test]
fn a_currency_name_makes_no_country_an_actor() {
    // "الأمريكي" is part of the currency's name: no US actor.
    check("قتل 12 جنديا بعد ارتفاع الدولار الأمريكي.", PUB, &[("count", "count/killed:personnel/?/?", "12", "12 جنديا")]);
    check(
        "قتل 12 جنديا بعد هبوط الريال السعودي في الأسواق.",
        PUB,
        &[("count", "count/killed:personnel/?/?", "12", "12 جنديا")],
    );
    // The nationality of the soldiers still is one.
    check(
        "قتل 12 جنديا أمريكيا بعد ارتفاع الدولار.",
        PUB,
        &[("count", "count/killed:personnel/US/?", "12", "12 جنديا")],
    );
}

#[test]
fn an_outlet_name_is_not_a_place() {
    for text in [
        "قال مسؤول لـ\"الرياض\" إن 7 أشخاص قتلوا.",
        "قال مسؤول لـ«الرياض» إن 7 أشخاص قتلوا.",
        "ذكرت صحيفة الرياض أن 7 أشخاص قتلوا.",
        "نقلت قناة \"الجزيرة\" أن 7 أشخاص قتلوا.",
    ] {
        check(text, PUB, &[("count", "count/killed/?", "7", "7 أشخاص")]);
    }
    // The city itself is still a place.
    check("قتل 7 أشخاص في الرياض.", PUB, &[("count", "count/killed/SA", "7", "7 أشخاص")]);
}

// ---------------------------------------------------------------- people

#[test]
fn title_and_name_make_a_role_claim_keyed_by_folded_spelling() {
    check(
        "استقبل الرئيس التونسي قيس سعيد وفدا أوروبيا.",
        PUB,
        &[("role", "person/قيس سعيد", "الرئيس التونسي", "الرئيس التونسي قيس سعيد")],
    );
    check(
        "قالت وزيرة الخارجية الألمانية أنالينا بيربوك إن برلين ستقدم المساعدات.",
        PUB,
        &[("role", "person/انالينا بيربوك", "وزيره الخارجيه الالمانيه", "وزيرة الخارجية الألمانية أنالينا بيربوك")],
    );
}

#[test]
fn a_military_title_before_a_compound_name() {
    check(
        "قال الجنرال عبد الفتاح البرهان إن الجيش لن يتفاوض.",
        PUB,
        &[("role", "person/عبد فتاح برهان", "الجنرال", "الجنرال عبد الفتاح البرهان")],
    );
}

#[test]
fn a_spokesman_title_with_its_modifiers() {
    let got = claims("قال المتحدث باسم الخارجية الأمريكية ماثيو ميلر إن واشنطن تدعم الاتفاق.", PUB);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "المتحدث باسم الخارجيه الامريكيه");
    assert_eq!(got[0].3, "المتحدث باسم الخارجية الأمريكية ماثيو ميلر");
}

fn person_key(text: &str) -> String {
    let got = claims(text, PUB);
    let roles: Vec<&Row> = got.iter().filter(|r| r.0 == "role").collect();
    assert_eq!(roles.len(), 1, "{text}: {got:?}");
    roles[0].1.clone()
}

#[test]
fn jim_and_ghain_spellings_get_one_key() {
    let a = person_key("التقى الرئيس الجيبوتي إسماعيل عمر جيله بالسفير الصيني.");
    let b = person_key("أعلن الرئيس الجيبوتي إسماعيل عمر غيله عن الاتفاق.");
    assert_eq!(a, "person/اسماعيل عمر جيله");
    assert_eq!(a, b);
}

#[test]
fn long_vowel_and_hamza_spellings_get_one_key() {
    let a = person_key("قال الرئيس رجب طيب أردوغان إن تركيا سترسل المساعدات.");
    let b = person_key("قال الرئيس رجب طيب إردوغان إن تركيا سترسل المساعدات.");
    assert_eq!(a, b);
    let c = person_key("قال الرئيس السنغالي باسيرو ديوماي فاي إن الحكومة ستراجع العقود.");
    let d = person_key("قال الرئيس السنغالي باسيرو ديوماى فاى إن الحكومة ستراجع العقود.");
    assert_eq!(c, d);
    let e = person_key("قال رئيس الوزراء المغربي عزيز أخنوش إن الحكومة ستعيد بناء المنازل.");
    let f = person_key("قال رئيس الحكومة المغربية عزيز اخنوش إن الحكومة ستعيد بناء المنازل.");
    assert_eq!(e, "person/عزيز اخنوش");
    assert_eq!(e, f);
}

#[test]
fn different_people_with_similar_names_get_different_keys() {
    let pairs = [
        ("قال رئيس الوزراء عبد الله حمدوك إن الحكومة مستعدة.", "قال رئيس الوزراء عبد الله حمدان إن الحكومة مستعدة."),
        ("التقى الرئيس محمد بازوم بالوزير.", "التقى الرئيس محمد باسم بالوزير."),
        ("التقى الرئيس محمد بازوم بالوزير.", "التقى الرئيس محمد بخاري بالوزير."),
        (
            "قال الرئيس السنغالي باسيرو ديوماي فاي إن الحكومة ستراجع العقود.",
            "قال الرئيس السنغالي بشير جوماي فاي إن الحكومة ستراجع العقود.",
        ),
    ];
    for (a, b) in pairs {
        assert_ne!(person_key(a), person_key(b), "\n{a}\n{b}");
    }
}

#[test]
fn vowel_variants_link_only_across_a_corpus_with_the_same_surname() {
    let r = run(&[
        ("قال وزير الخارجية ماركو روبيو إن المحادثات مستمرة.", PUB),
        ("قال وزير الخارجية ماركوا روبيو إن المحادثات مستمرة.", PUB),
        ("قال وزير الخارجية محمد حسن إن المحادثات مستمرة.", PUB),
        ("قال وزير الخارجية محمد حسين إن المحادثات مستمرة.", PUB),
    ]);
    let keys: Vec<&str> = r.claims.iter().map(|c| &*c.subject).collect();
    assert_eq!(keys[0], keys[1], "one person spelled two ways");
    assert_ne!(keys[2], keys[3], "two people whose surnames differ in a vowel");
}

#[test]
fn names_stop_before_counterparts_and_prepositions() {
    no_claim("التقى وزير الخارجية نظيره في تونس.", "role");
    no_claim("التقى وزير الخارجية بالوفد في تونس.", "role");
    let got = claims("التقى وزير الخارجية التركي هاكان فيدان نظيره الجيبوتي.", PUB);
    assert_eq!(got[0].3, "وزير الخارجية التركي هاكان فيدان");
    let got = claims("قال قائد قوات الدعم السريع محمد حمدان دقلو إن قواته انسحبت.", PUB);
    assert_eq!(got[0].1, "person/محمد حمدان دقلو");
}

#[test]
fn a_title_of_a_body_or_a_place_is_not_a_person_named_after_it() {
    no_claim("وقال مدير جامعة الملك عبدالعزيز إن الدراسة تبدأ الأحد.", "role");
    no_claim("وأوضح المتحدث الرسمي للدفاع المدني بمنطقة مكة المكرمة أن الحريق أخمد.", "role");
    // A name after the title is still a person.
    let got = claims("وقال مدير الجامعة سعد الحربي إن الدراسة تبدأ الأحد.", PUB);
    assert!(got.iter().any(|(k, s, ..)| k == "role" && s == "person/سعد حربي"), "{got:?}");
}

#[test]
fn a_rank_before_a_plural_with_a_pronoun_is_the_team_not_a_general() {
    // «الفريق أول» is a rank and also "the team (held its) first".
    no_claim("وأجرى الفريق أول تدريباته في المعسكر بقيادة المدرب.", "role");
    let got = claims("وقال الفريق أول ركن عبدالرحمن البنيان إن القوات جاهزة.", PUB);
    assert_eq!(got[0].1, "person/عبدالرحمن بنيان", "«ركن» belongs to the rank");
}

#[test]
fn a_portfolio_after_a_title_is_skipped_like_a_body() {
    no_claim("وأكد عز الدين الأصبحي، وزير حقوق الإنسان، أن المجلس رحب بالفكرة.", "role");
    let got = claims("وبحث وزير حقوق الإنسان عز الدين الأصبحي عودة السفراء.", PUB);
    assert_eq!(got[0].1, "person/عز دين اسبحي");
}

#[test]
fn a_title_alone_is_not_a_person() {
    no_claim("قال الرئيس إن الحكومة ستعيد بناء المنازل.", "role");
    no_claim("قال المتحدث باسم الجيش إن القوات تقدمت.", "role");
}

// ---------------------------------------------------------------- across sources

/// A subject key without its story: what the claims are about.
fn what(key: &str) -> &str {
    key.split_once(':').map_or(key, |(_, k)| k)
}

fn findings(run: &Run) -> Vec<(RuleId, Severity)> {
    run.findings.iter().map(|f| (f.rule, f.severity)).collect()
}

#[test]
fn two_sources_with_different_troop_counts_conflict() {
    let r = run(&[
        ("تنشر فرنسا نحو 1500 جندي فرنسي في تشاد.", Some("2024-02-10")),
        ("يتمركز في تشاد 1000 جندي فرنسي.", Some("2024-02-12")),
    ]);
    assert_eq!(findings(&r), [(RuleId::HeadCountMismatch, Severity::Error)], "{:?}", r.claims);
    let f = &r.findings[0];
    assert_eq!(what(&r.subjects[f.subject].key), "count/personnel/FR/TD");
    let sources: Vec<usize> = f.claims.iter().map(|&c| r.claims[c].source).collect();
    assert!(sources.contains(&0) && sources.contains(&1), "{sources:?}");
    assert_eq!(r.subjects[f.subject].status, Status::Conflict);
}

#[test]
fn two_sources_whose_ranges_overlap_corroborate() {
    let r = run(&[
        ("تنشر فرنسا نحو 1500 جندي فرنسي في تشاد.", Some("2024-02-10")),
        ("يتمركز في تشاد أكثر من 1400 جندي فرنسي.", Some("2024-02-12")),
    ]);
    assert!(r.findings.is_empty(), "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    assert_eq!(r.subjects.len(), 1);
    assert_eq!(r.subjects[0].status, Status::Corroborated);
}

#[test]
fn counts_of_different_actors_are_not_compared() {
    let r = run(&[
        ("تنشر فرنسا نحو 1500 جندي فرنسي في جيبوتي.", Some("2024-02-10")),
        ("تنشر الولايات المتحدة 4000 جندي أمريكي في جيبوتي.", Some("2024-02-12")),
    ]);
    assert!(r.findings.is_empty(), "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    let keys: Vec<&str> = r.subjects.iter().map(|s| what(&s.key)).collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.contains(&"count/personnel/FR/DJ") && keys.contains(&"count/personnel/US/DJ"), "{keys:?}");
}

#[test]
fn counts_from_different_years_conflict_only_as_a_warning() {
    let r = run(&[
        ("كانت فرنسا تنشر 4500 جندي فرنسي في مالي عام 2013.", Some("2024-02-10")),
        ("تنشر فرنسا 1000 جندي فرنسي في مالي.", Some("2024-02-12")),
    ]);
    let counts: Vec<_> = r.findings.iter().filter(|f| f.rule == RuleId::HeadCountMismatch).collect();
    assert_eq!(counts.len(), 1, "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    assert_eq!(counts[0].severity, Severity::Warning);
    assert_eq!(what(&r.subjects[counts[0].subject].key), "count/personnel/FR/ML");
}

#[test]
fn two_sources_dating_one_coup_differently_conflict() {
    let r = run(&[
        ("وقع الانقلاب في الغابون في 30 أغسطس 2023.", Some("2023-09-01")),
        ("وقع الانقلاب في الغابون في 30 يوليو 2023.", Some("2023-09-02")),
    ]);
    assert_eq!(findings(&r), [(RuleId::EventDateMismatch, Severity::Error)]);
    assert_eq!(what(&r.subjects[r.findings[0].subject].key), "date/coup/occurred/GA");
}

#[test]
fn a_month_and_a_day_inside_it_agree() {
    let r = run(&[
        ("وقع الانقلاب في الغابون في 30 أغسطس 2023.", Some("2023-09-01")),
        ("وقع الانقلاب في الغابون في أغسطس 2023.", Some("2023-09-02")),
    ]);
    assert!(r.findings.is_empty());
    assert_eq!(r.subjects[0].status, Status::Corroborated);
}

#[test]
fn two_sources_placing_one_site_in_different_cities_conflict() {
    let r = run(&[("تقع القاعدة الجوية 17 قرب مدينة مصراتة.", PUB), ("تقع القاعدة 17 في مدينة عدن.", PUB)]);
    assert_eq!(findings(&r), [(RuleId::SiteLocationMismatch, Severity::Error)]);
    assert_eq!(what(&r.subjects[r.findings[0].subject].key), "place/site:base-17");
}

#[test]
fn spelling_variants_of_one_name_across_sources_are_noted() {
    let r = run(&[
        ("التقى الرئيس الجيبوتي إسماعيل عمر جيله بالسفير الصيني.", PUB),
        ("أعلن الرئيس الجيبوتي إسماعيل عمر غيله عن الاتفاق.", PUB),
    ]);
    assert_eq!(findings(&r), [(RuleId::NameVariant, Severity::Info)]);
    // Hamza, alif maqsura and diacritics written two ways: one spelling.
    let r = run(&[
        ("التقى الرئيس الجيبوتي إسماعيل عمر جيله بالسفير الصيني.", PUB),
        ("أعلن الرئيس الجيبوتي اسماعيل عمر جيلّه عن الاتفاق.", PUB),
    ]);
    assert!(findings(&r).is_empty(), "{:?}", r.findings);
}

#[test]
fn amounts_in_different_currencies_are_not_compared() {
    let r = run(&[
        ("تعهد الاتحاد الأوروبي بتقديم مساعدات قدرها 50 مليون يورو للمغرب.", PUB),
        ("تعهد الاتحاد الأوروبي بتقديم مساعدات قدرها 90 مليون دولار للمغرب.", PUB),
    ]);
    assert!(r.findings.is_empty(), "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
}

#[test]
fn a_rising_toll_on_later_days_is_a_change_over_time() {
    let r = run(&[
        ("قتل 120 شخصا في الزلزال الذي ضرب ولاية كهرمان مرعش في تركيا.", Some("2023-02-06")),
        ("ارتفع عدد قتلى الزلزال في تركيا إلى 3400 حتى الآن.", Some("2023-02-07")),
    ]);
    assert_eq!(findings(&r), [(RuleId::FigureChangedOverTime, Severity::Info)], "{:?}", r.findings);
    assert!(r.findings[0].message.contains("rose from 120"), "{}", r.findings[0].message);
    assert_ne!(r.subjects[r.findings[0].subject].status, claimcheck::graph::Status::Conflict);
}

#[test]
fn different_tolls_on_the_same_day_conflict() {
    let r = run(&[
        ("قتل 120 شخصا في الزلزال في تركيا.", Some("2023-02-06")),
        ("قتل أكثر من 900 شخص في الزلزال في تركيا.", Some("2023-02-06")),
    ]);
    assert_eq!(findings(&r), [(RuleId::HeadCountMismatch, Severity::Error)]);
}

/// A toll that does not say of which event it is (no incident, no shared
/// rare word) is not linked to another: a story recalls other events.
#[test]
fn tolls_whose_clauses_name_no_common_event_are_not_linked() {
    let r = run(&[
        ("قتل 120 شخصا في الزلزال الذي ضرب ولاية كهرمان مرعش في تركيا.", Some("2023-02-06")),
        ("قتل 35 شخصا في تركيا الأسبوع الماضي في هجوم على حافلة.", Some("2023-02-06")),
    ]);
    assert!(r.findings.is_empty(), "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
}

/// Two reports of one bombing in a village too small for the gazetteer:
/// its name, shared by both clauses, ties the tolls.
#[test]
fn a_rare_word_shared_by_two_clauses_ties_two_tolls_of_one_event() {
    let r = run(&[
        ("قتل 12 شخصا في تفجير سيارة مفخخة في قرية الزويرات شمال البلاد.", Some("2023-02-06")),
        ("أسفر تفجير الزويرات عن مقتل 30 شخصا.", Some("2023-02-06")),
    ]);
    assert_eq!(findings(&r), [(RuleId::HeadCountMismatch, Severity::Error)], "{:?}", r.claims);
}

/// Clashes and bombings recur daily: a lower toll on a later day is more
/// often the next day's fight than the first one's toll revised down.
#[test]
fn a_lower_toll_of_daily_clashes_on_a_later_day_is_a_change_not_a_conflict() {
    let r = run(&[
        ("أدت الاشتباكات في مديرية صرواح بمأرب إلى مقتل 25 مسلحا.", Some("2023-02-06")),
        ("أسفرت الاشتباكات في مديرية صرواح بمأرب عن مقتل 14 مسلحا.", Some("2023-02-08")),
    ]);
    assert_eq!(findings(&r), [(RuleId::FigureChangedOverTime, Severity::Info)], "{:?}", r.findings);
    assert!(r.findings[0].message.contains("fell from 25"), "{}", r.findings[0].message);
    assert_ne!(r.subjects[r.findings[0].subject].status, claimcheck::graph::Status::Conflict);
    // Control: on one day the same two tolls do conflict (a warning: the
    // fighters' side is not told).
    let r = run(&[
        ("أدت الاشتباكات في مديرية صرواح بمأرب إلى مقتل 25 مسلحا.", Some("2023-02-06")),
        ("أسفرت الاشتباكات في مديرية صرواح بمأرب عن مقتل 14 مسلحا.", Some("2023-02-06")),
    ]);
    assert_eq!(findings(&r), [(RuleId::HeadCountMismatch, Severity::Warning)], "{:?}", r.findings);
}

/// A quake happens once in days: both reports name it, so its toll
/// falling three days later is at odds with itself.
#[test]
fn a_toll_that_falls_later_is_a_warning() {
    let r = run(&[
        ("قتل 900 شخص في الزلزال في تركيا.", Some("2023-02-06")),
        ("بلغ عدد قتلى الزلزال في تركيا 120 قتيلا.", Some("2023-02-09")),
    ]);
    assert_eq!(findings(&r), [(RuleId::HeadCountMismatch, Severity::Warning)]);
}

#[test]
fn quakes_years_apart_are_two_events_but_days_apart_one() {
    let r = run(&[
        ("ضرب زلزال عنيف غرب تركيا في 17 أغسطس 1999.", Some("2024-11-18")),
        ("ضرب زلزال عنيف غرب تركيا في 18 نوفمبر 2024.", Some("2024-11-18")),
    ]);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let r = run(&[
        ("ضرب زلزال عنيف غرب تركيا في 16 نوفمبر 2024.", Some("2024-11-18")),
        ("ضرب زلزال عنيف غرب تركيا في 18 نوفمبر 2024.", Some("2024-11-18")),
    ]);
    assert_eq!(findings(&r), [(RuleId::EventDateMismatch, Severity::Error)]);
}

#[test]
fn a_named_crossing_placed_in_two_provinces_conflicts() {
    let r = run(&[("عبرت القوافل معبر باب الهوى في ريف إدلب.", PUB), ("عبرت القوافل معبر باب الهوى في ريف حلب.", PUB)]);
    assert_eq!(findings(&r), [(RuleId::SiteLocationMismatch, Severity::Error)]);
}

#[test]
fn a_toll_in_both_countries_is_keyed_by_both() {
    check(
        "ضرب الزلزال تركيا وسوريا وارتفع عدد القتلى إلى 5000 قتيل في البلدين.",
        PUB,
        &[("count", "count/killed/SY+TR", "5000", "5000 قتيل")],
    );
}

#[test]
fn a_date_as_of_which_a_toll_stands_is_no_event_date() {
    no_claim("ارتفع عدد القتلى جراء الزلزال إلى 300 حتى صباح اليوم الخميس.", "date");
}

#[test]
fn specific_money_words_beat_allocation() {
    check(
        "أعلنت قطر تخصيص 20 مليون دولار لإغاثة المتضررين في ليبيا.",
        PUB,
        &[("money", "money/aid/LY+QA", "[19500000,20500000] USD", "20 مليون دولار")],
    );
    check(
        "أعلنت الحكومة المغربية تخصيص 2 مليار درهم مغربي لإعادة الإعمار.",
        PUB,
        &[("money", "money/allocation/MA", "[1500000000,2500000000] MAD", "2 مليار درهم مغربي")],
    );
}

#[test]
fn jim_and_ghain_transliterations_link_across_sources() {
    let r = run(&[
        ("قال الجنرال مايكل لانجلي إن القوات جاهزة.", PUB),
        ("قال الجنرال مايكل لانغلي إن القوات جاهزة.", PUB),
        ("قال الجنرال مايكل لانسلي إن القوات جاهزة.", PUB),
    ]);
    let keys: Vec<&str> = r.claims.iter().map(|c| &*c.subject).collect();
    assert_eq!(keys[0], keys[1], "لانجلي and لانغلي are one person");
    assert_ne!(keys[0], keys[2], "لانسلي is another");
    assert!(r.findings.iter().any(|f| f.rule == RuleId::NameVariant), "the two spellings are reported");
}

#[test]
fn a_noun_on_the_next_line_is_not_what_a_number_counts() {
    no_claim("وصل العدد إلى 3000\nجندي واحد في الصورة", "count");
}

/// Today a bare number after a noun is a count only with a counted noun or
/// a verb that says what it counts, so these hold even without the rule
/// (`numbered_names` in measures.toml); they guard the day a number with
/// any noun after it becomes a claim (open counted nouns).
#[test]
fn a_number_after_a_noun_that_takes_numbered_names_is_a_name() {
    no_claim("أغلقت الشرطة شارع 15 أمام السيارات.", "count");
    no_claim("وينص القرار 2216 على انسحاب المسلحين من المدن.", "count");
    no_claim("واختفت الرحلة 370 فوق المحيط الهندي.", "count");
    // A counted noun after the number makes it a count again.
    let c = claims("انتشر في الطريق 300 جندي فرنسي في مالي.", Some("2024-02-10"));
    assert!(c.iter().any(|r| r.0 == "count" && r.3.contains("300 جندي")), "{c:?}");
    // A cost of a road stays a cost: the amount is money, not a bare number.
    let c = claims("وتبلغ تكلفة الطريق 3 مليارات ريال.", Some("2024-02-10"));
    assert!(c.iter().all(|r| r.0 != "count"), "{c:?}");
}

/// «(12) اثني عشر»: a figure in brackets repeated in words is one figure,
/// and it counts the noun after the words, with the verbal noun before it.
#[test]
fn a_bracketed_number_repeated_in_words_is_one_figure() {
    check(
        "وأسفر الانفجار عن مقتل (12) اثني عشر شخصا وإصابة (40) آخرين.",
        PUB,
        &[("count", "count/killed/?", "12", "(12) اثني عشر شخصا"), ("count", "count/injured/?", "40", "40) آخرين")],
    );
    // Different numbers in brackets and words stay two.
    let got = claims("أصيب (5) من الجنود وقتل ثلاثة جنود.", PUB);
    assert_eq!(got.iter().filter(|r| r.0 == "count").count(), 2, "{got:?}");
}

/// The subject keys of the claims of one article of `outlet`.
fn keys_in_outlet(outlet: &str, text: &str) -> Vec<String> {
    let front = format!("---\npublished: 2015-07-25\noutlet: {outlet}\n---\n");
    let (src, _) = Source::from_text("s1", "s1.md".to_string(), format!("{front}{text}"));
    engine().run_sources(vec![src], vec![]).claims.iter().map(|c| c.subject.to_string()).collect()
}

#[test]
fn the_kingdom_in_a_saudi_paper_is_saudi_arabia() {
    let text = "وافتتح الوزير 12 مدرسة في عدد من مناطق المملكة.";
    assert_eq!(keys_in_outlet("okaz", text), ["count/n:مدرس/SA"]);
    // An outlet of no known country: the kingdom is not told.
    assert_eq!(keys_in_outlet("outlet1", text), ["count/n:مدرس/?"]);
    // An article that names another kingdom: «المملكة» could be either.
    let uk = "وافتتح الوزير 12 مدرسة في عدد من مناطق المملكة، بدعم من المملكة المتحدة.";
    assert!(!keys_in_outlet("okaz", uk).iter().any(|k| k.ends_with("/SA")), "{:?}", keys_in_outlet("okaz", uk));
}

#[test]
fn a_date_read_in_one_of_two_orders_says_so() {
    let text = "ووقع البلدان اتفاقية التعاون الدفاعي بين السعودية وفرنسا في 3/4/2015 في باريس.";
    let front = "---\npublished: 2015-07-25\noutlet: okaz\n---\n";
    let (src, _) = Source::from_text("s1", "s1.md".to_string(), format!("{front}{text}"));
    let r = engine().run_sources(vec![src], vec![]);
    let date = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Date).expect("a date claim");
    assert_eq!(date.value.normalized(), "2015-04-03");
    assert!(
        date.evidence.iter().any(|e| e.note.contains("either way") && e.note.contains("day first")),
        "{:?}",
        date.evidence
    );
    // 25/4/2015 fits one way only: nothing to say.
    let (src, _) = Source::from_text("s1", "s1.md".to_string(), format!("{front}{}", text.replace("3/4", "25/4")));
    let r = engine().run_sources(vec![src], vec![]);
    assert!(r.claims.iter().flat_map(|c| c.evidence.iter()).all(|e| !e.note.contains("either way")));
}

#[test]
fn two_figures_stated_as_a_range_are_one_figure() {
    // Either end alone is a figure the text never states.
    for (text, value, quote) in [
        ("وقال شاهد إن ما بين 20 و30 شخصا قتلوا في الانفجار.", "[20,30]", "ما بين 20 و30 شخصا"),
        ("وقتل 3 أو 4 أشخاص في الانفجار.", "[3,4]", "3 أو 4 أشخاص"),
    ] {
        let got = claims(text, PUB);
        let counts: Vec<_> = got.iter().filter(|r| r.0 == "count").collect();
        assert_eq!(counts.len(), 1, "{text}: {got:?}");
        assert_eq!((counts[0].2.as_str(), counts[0].3.as_str()), (value, quote), "{text}");
    }
    // A rise from one figure to another is no range: the toll is 32.
    let got = claims("وارتفعت حصيلة القتلى في الانفجار من 31 إلى 32 قتيلا.", PUB);
    assert!(got.iter().any(|r| r.0 == "count" && r.2 == "32"), "{got:?}");
    assert!(!got.iter().any(|r| r.2 == "[31,32]"), "{got:?}");
}

#[test]
fn a_figure_with_no_time_is_of_the_day_the_article_says_it_was_written() {
    // The feed says 25 July; the text says «today, Monday»: 20 July.
    let r = run(&[(
        "قالت الوزارة اليوم الاثنين إن الانفجار أسفر عن مقتل 27 شخصا. وقال شاهد إن الكثيرين قتلوا وإن 50 شخصا أصيبوا.",
        Some("2015-07-25"),
    )]);
    let injured = r.claims.iter().find(|c| r.sources[c.source].slice(c.span).contains("50")).expect("a claim of 50");
    let time = injured.time.as_ref().expect("a time");
    assert!(time.implicit);
    assert_eq!(time.range.start.to_string(), "2015-07-20");
    // Without the text's «today», the feed's date.
    let r = run(&[("وقال شاهد إن الكثيرين قتلوا وإن 50 شخصا أصيبوا.", Some("2015-07-25"))]);
    let injured = r.claims.iter().find(|c| r.sources[c.source].slice(c.span).contains("50")).expect("a claim of 50");
    assert_eq!(injured.time.as_ref().expect("a time").range.start.to_string(), "2015-07-25");
}

#[test]
fn the_noun_after_adad_says_what_a_generic_count_counts() {
    let keys = |text: &str| claim_keys(text, PUB);
    // Plural «أعداد», a comma and a bracket between: still the detainees.
    let k = keys("وأوضح المتحدث أن أعداد الموقوفين المتورطين في هذه الجريمة الإرهابية، بلغ (35) شخصا.");
    assert!(k.iter().any(|k| k.starts_with("count/detainees")), "{k:?}");
    // «إعداد» (preparing) is not «أعداد» (numbers), though hamza folds.
    let k = keys("وأكمل المركز إعداد الموقوفين المفرج عنهم وتأهيل 35 شخصا.");
    assert!(!k.iter().any(|k| k.starts_with("count/detainees")), "{k:?}");
    // An adjective «الإعدادية» (preparatory) is no count word either.
    let k = keys("وانتقل طلاب المرحلة الإعدادية الموقوفين سابقا إلى 35 شخصا.");
    assert!(!k.iter().any(|k| k.starts_with("count/detainees")), "{k:?}");
}

#[test]
fn how_casualties_were_hurt_is_not_what_is_counted() {
    let keys = |text: &str| claim_keys(text, PUB);
    // «بحروق», «بجروح»: the figure counts the injured.
    let k = keys("ونتج عن الحريق إصابة (15) شخصا بحالات اختناق، وإصابة (2) بحروق بسيطة.");
    assert_eq!(k.iter().filter(|k| k.starts_with("count/injured/")).count(), 2, "{k:?}");
    let k = keys("وقتل 18 شخصا وأصيب العشرات بجروح في سقوط صاروخ على حي شعبي.");
    assert!(k.iter().any(|k| k.starts_with("count/injured/")), "{k:?}");
    // A noun after the figure is still what it counts.
    let k = keys("وأصيب 3 بنات في الحادث.");
    assert!(k.iter().any(|k| k.starts_with("count/injured:n:")), "{k:?}");
    // An infection is no injury: «بفيروس» is not a manner of being hurt.
    let k = keys("وأعلنت الوزارة تسجيل إصابة واحدة بفيروس كورونا.");
    assert!(!k.iter().any(|k| k.starts_with("count/injured/")), "{k:?}");
}

#[test]
fn words_that_follow_a_figure_without_being_counted() {
    let keys = |text: &str| claim_keys(text, PUB);
    for (text, not) in [
        ("وصدر القرار رقم 59 وتاريخ 12/5/1436هـ بالموافقة.", "n:"),
        ("ويزور المعرض المئات يومياً من مختلف المناطق.", "n:يومي"),
        ("وحلت الجامعة في المركز 99 عالميا في التصنيف.", "n:عالمي"),
        ("وتبلغ قيمة المنحة 500 بمقدار ثابت لكل طالب.", "n:"),
    ] {
        let k = keys(text);
        assert!(!k.iter().any(|k| k.contains(not)), "{text}: {k:?}");
    }
    // A noun after the figure is still counted.
    assert!(keys("وزار المعرض 500 طالب.").iter().any(|k| k.starts_with("count/n:طالب")));
}

#[test]
fn a_bare_year_in_a_text_that_writes_hijri_years_is_hijri() {
    let dates = |text: &str| date_mentions(text, Some("2015-07-31"));
    // «عام ١٣٩٦» beside «1352 هـ»: 1396 AH is 1976.
    let v = dates("وتضم الصور مناسبات من عام 1352 هـ وحتى عام ١٣٩٦ في أبها.");
    assert!(v.iter().any(|d| d.starts_with("1976")), "{v:?}");
    // With no Hijri year marked anywhere, a bare year is Gregorian.
    let v = dates("وتضم الصور مناسبات من عام ١٣٩٦ في أبها.");
    assert!(v.iter().any(|d| d == "1396"), "{v:?}");
    // A year after next Hijri year cannot be Hijri: 1450 stays 1450.
    let v = dates("وتضم الصور مناسبات من عام 1352 هـ ووثيقة من عام 1450 في أبها.");
    assert!(v.iter().any(|d| d == "1450"), "{v:?}");
}

#[test]
fn an_event_near_the_border_of_a_country_is_not_in_that_country() {
    // The date of an attack in «مدينة سوروتش التركية قرب الحدود السورية»
    // is Turkey's, as the toll of the same sentence is.
    let keys: Vec<String> = claims(
        "ندد الرئيس بالهجوم الانتحاري الذي أوقع أمس 30 قتيلا في مدينة سوروتش التركية قرب الحدود السورية.",
        Some("2015-07-22"),
    )
    .into_iter()
    .filter(|(k, ..)| k == "date")
    .map(|(_, s, ..)| s)
    .collect();
    assert_eq!(keys, ["date/attack/occurred/TR"]);
}

#[test]
fn an_ambiguous_weekday_right_after_a_verb_of_occurring_is_the_day() {
    let dates = |text: &str| date_mentions(text, Some("2015-07-22"));
    // «وقع الاثنين»: Monday 20 July.
    assert_eq!(dates("ردا على هجوم انتحاري وقع الاثنين في مدينة سوروتش."), ["2015-07-20"]);
    // After another verb, «الاثنين» is "the two".
    assert!(dates("وقال إن المسلحين قتلوا الاثنين قرب الحدود.").is_empty());
}

/// «ضابط و3 جنود»: an officer and three soldiers are four. The figure is
/// the rest of a group the noun before «و» begins: a part, never set
/// against a report of the whole («أربعة عسكريين بينهم ضابط»).
#[test]
fn a_figure_joined_to_one_more_of_its_kind_is_a_part_of_the_group() {
    let keys = |text: &str| claim_keys(text, Some("2023-03-01"));
    assert_eq!(keys("قتل ضابط و3 جنود في انفجار عبوة ناسفة في رفح."), ["count/part:killed:personnel/?/PS"]);
    assert_eq!(keys("قتل ضابط وثلاثة جنود في انفجار عبوة ناسفة في رفح."), ["count/part:killed:personnel/?/PS"]);
    // Controls: a figure of its own before the noun makes a list of two
    // counts; a noun of another measure («جندي و4 مدنيين») is another group.
    assert_eq!(
        keys("قتل خمسة ضباط و3 جنود في انفجار عبوة ناسفة في رفح."),
        ["count/killed:personnel/?/PS", "count/killed:personnel/?/PS"]
    );
    assert_eq!(keys("أصيب جندي و4 مدنيين في انفجار عبوة ناسفة في رفح."), ["count/injured/PS"]);
    // The two reports of one bombing no longer conflict.
    let r = run(&[
        ("قتل ضابط و3 جنود في انفجار عبوة ناسفة في رفح.", Some("2023-03-01")),
        ("قتل أربعة عسكريين بينهم ضابط في انفجار عبوة ناسفة في رفح.", Some("2023-03-01")),
    ]);
    assert!(findings(&r).is_empty(), "{:?}", r.findings);
}

/// «"26.7" مليون»: a decimal in quotes before a scale word is one figure,
/// as an integer in brackets is («(45) ألف»).
#[test]
fn a_quoted_decimal_before_a_scale_word_is_one_figure() {
    let values: Vec<String> = claims("وبلغ عدد الركاب \"26.7\" مليون راكب هذا العام.", Some("2023-03-01"))
        .into_iter()
        .map(|(_, _, v, _)| v)
        .collect();
    // One figure, written to the hundred thousand.
    assert_eq!(values, ["[26650000,26800000]"]);
    let values: Vec<String> =
        claims("وضبطت الجمارك “9.4” مليون حبة مخدرة.", Some("2023-03-01")).into_iter().map(|(_, _, v, _)| v).collect();
    assert_eq!(values, ["[9350000,9500000]"]);
}

/// Copies of one text that print a figure's groups of digits in reverse
/// order («54,886» and «886,054»: typed right to left) disagree: each copy
/// counts on its own, as with a unit word slipped.
#[test]
fn copies_with_a_figures_digit_groups_reversed_disagree() {
    let text = |n: &str| {
        format!("تصدر البنك الأهلي قائمة البنوك الأكثر متابعة على مواقع التواصل، حيث بلغ عدد المتابعين لحسابه 606,724 متابعا، وبعدد {n} معجبا على فيسبوك.")
    };
    let (a, b) = (text("54,886"), text("886,054"));
    let r = run(&[(&a, Some("2023-03-01")), (&b, Some("2023-03-01"))]);
    assert_eq!(findings(&r).len(), 1, "{:?}", r.findings);
    assert!(r.findings[0].explanation.contains("reverse order"), "{}", r.findings[0].explanation);
    // Control: copies that differ in another way are one text at odds
    // with itself, not two sources.
    let (a, b) = (text("54,886"), text("54,887"));
    let r = run(&[(&a, Some("2023-03-01")), (&b, Some("2023-03-01"))]);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

/// An ordinal is a position, never a count: «المرتبة الثالثة عشرة» is not
/// ten of anything, «الذكرى الخمسين» not fifty. A cardinal that opens the
/// same shape («اللاعبون الأحد عشر», the eleven players) and a ten after
/// a plural («السنوات العشرين») still count.
#[test]
fn an_ordinal_is_no_count() {
    let numbers = |text: &str| -> Vec<String> {
        let r = run(&[(text, Some("2023-03-01"))]);
        r.mentions.iter().filter(|m| m.kind == MentionKind::Number).map(|m| m.normalized.clone()).collect()
    };
    assert!(numbers("صدر قرار بترقية المهندس سعد إلى المرتبة الثالثة عشرة بأمانة المنطقة.").is_empty());
    assert!(numbers("وشارك الوفد في احتفالات المالديف بالذكرى الخمسين لاستقلالها.").is_empty());
    assert!(numbers("وشارك الوفد في الدورة العشرين للمهرجان.").is_empty());
    assert_eq!(numbers("وشارك اللاعبون الأحد عشر في التدريب."), ["11"]);
    assert_eq!(numbers("وتغيرت المدينة خلال السنوات العشرين الماضية."), ["20"]);
}

/// A count written with a scale word keeps the precision it was written
/// with, as an amount does: «18 ألف» is 18,360 rounded to the thousand
/// (half a thousand below, a whole one above, since news also cuts); a
/// count in full digits is exact, and a figure outside the rounding still
/// disagrees.
#[test]
fn a_count_with_a_scale_word_holds_to_its_last_written_digit() {
    let values =
        |text: &str| -> Vec<String> { claims(text, Some("2023-03-01")).into_iter().map(|(_, _, v, _)| v).collect() };
    assert_eq!(values("ونشرت الحكومة 18 ألف جندي على الحدود."), ["[17500,19000]"]);
    assert_eq!(values("ونشرت الحكومة 3 آلاف جندي على الحدود."), ["[2500,3500]"]);
    assert_eq!(values("ونشرت الحكومة 18000 جندي على الحدود."), ["18000"]);
    assert_eq!(values("ونشرت الحكومة 18360 جنديا على الحدود."), ["18360"]);
    let pair = |a: &str, b: &str| run(&[(a, Some("2023-03-01")), (b, Some("2023-03-01"))]);
    let r = pair("ونشرت الحكومة 18 ألف جندي على حدود مالي.", "ونشرت الحكومة 18360 جنديا على حدود مالي.");
    assert!(findings(&r).is_empty(), "{:?}", r.findings);
    let r = pair("ونشرت الحكومة 3 آلاف جندي على حدود مالي.", "ونشرت الحكومة 5000 جندي على حدود مالي.");
    assert_eq!(findings(&r).len(), 1, "{:?}", r.findings);
    let r = pair("ونشرت الحكومة 18000 جندي على حدود مالي.", "ونشرت الحكومة 18360 جنديا على حدود مالي.");
    assert_eq!(findings(&r).len(), 1, "{:?}", r.findings);
}

/// «تشكل ما نسبته 31% من إجمالي …» after a count makes it a share of a
/// whole, a part, never set against the whole; the verb without a
/// percentage says what the figure stands for and leaves it a count.
#[test]
fn a_count_that_makes_up_a_percentage_of_a_whole_is_a_part() {
    let keys =
        |text: &str| -> Vec<String> { claims(text, Some("2023-03-01")).into_iter().map(|(_, k, _, _)| k).collect() };
    assert_eq!(
        keys("وبلغت المضبوطات المخالفة للمواصفات 11 مليون وحدة تشكل ما نسبته 31% من إجمالي المضبوطات."),
        ["count/part:وحد/?"]
    );
    assert_eq!(keys("وبلغ عدد المصانع 1539 مصنعا تمثل 23.5 في المائة من إجمالي المصانع."), ["count/part:مصنع/?"]);
    assert_eq!(keys("وسجلت الشرطة 527 بلاغا، تمثل 41 % من إجمالي البلاغات."), ["count/part:بلاغ/?"]);
    assert_eq!(keys("وشارك في البطولة 600 رام يمثلون 100 دولة."), ["count/n:رام/?", "count/n:دول/?"]);
    let pair = |b: &str| {
        run(&[
            ("وضبطت الجمارك في الربع الثاني 34 مليون وحدة مقلدة ومغشوشة.", Some("2023-03-01")),
            (b, Some("2023-03-01")),
        ])
    };
    let share = pair("وضبطت الجمارك في الربع الثاني 11 مليون وحدة مقلدة تشكل ما نسبته 31% من إجمالي المضبوطات.");
    assert!(findings(&share).is_empty(), "{:?}", share.findings);
    let whole = pair("وضبطت الجمارك في الربع الثاني 11 مليون وحدة مقلدة ومغشوشة.");
    assert_eq!(findings(&whole).len(), 1, "{:?}", whole.findings);
}

/// Each figure takes the verb of killing or wounding nearest it: one after
/// the figure that a figure of its own follows is that figure's, unless it
/// agrees in number with the subject before it; «مقتل وإصابة» is one
/// figure of both.
#[test]
fn each_figure_takes_its_own_verb_of_killing_or_wounding() {
    let keys = |text: &str| claim_keys(text, Some("2023-03-01"));
    assert_eq!(
        keys("أسفر الانفجار عن مقتل ضابط وثلاثة جنود وإصابة ثلاثة أفراد آخرين في رفح."),
        ["count/part:killed:personnel/?/PS", "count/injured:personnel/?/PS"]
    );
    assert_eq!(
        keys("وقالت إن ثمانية أفراد من القبيلة قتلوا وجرح 18 آخرون في رفح."),
        ["count/killed:personnel/?/PS", "count/injured/PS"]
    );
    assert_eq!(keys("توفيت طفلة وأصيب 8 جنود في حادث في رفح."), ["count/injured:personnel/?/PS"]);
    assert_eq!(keys("وأفادت مصادر بمقتل وإصابة 60 عنصرا في رفح."), ["count/casualties:personnel/?/PS"]);
    // Controls: a verb before a list is every item's; «في أحد» is no figure.
    assert_eq!(
        keys("قتل خمسة ضباط و3 جنود في انفجار عبوة ناسفة في رفح."),
        ["count/killed:personnel/?/PS", "count/killed:personnel/?/PS"]
    );
    assert_eq!(keys("وكان أربعة جنود لقوا حتفهم في أحد شوارع رفح."), ["count/killed:personnel/?/PS"]);
}

/// A bare number that heads a list item, or reads as a year, counts
/// nothing a verb near it could say; a bare toll still does.
#[test]
fn a_list_number_or_a_year_near_a_verb_is_no_count() {
    let keys = |text: &str| claim_keys(text, Some("2023-03-01"));
    assert!(keys("1984 - اغتيال رئيس الوزراء في رفح.").is_empty());
    assert!(keys("4 - اختطف مسلحون رجلا في رفح.").is_empty());
    assert!(!keys("ولد 1875 وتوفي 1954 في رفح.").iter().any(|k| k.contains("killed")));
    assert_eq!(keys("وأسفر الهجوم عن مقتل 25 في رفح."), ["count/killed/PS"]);
}

/// The noun a figure counts follows it bare: «و» with the article starts
/// another phrase, and «و» with a number word another number.
#[test]
fn a_word_joined_by_wa_after_a_figure_is_not_what_it_counts() {
    let keys = |text: &str| claim_keys(text, Some("2023-03-01"));
    assert!(keys("وبلغ الرقم الموحد 19988 والتسجيل مستمر حتى الخميس.").is_empty());
    assert!(keys("ويتراوح الحضور بين أربعة وخمسة في كل جلسة.").is_empty());
    // «و» that is the noun's own first letter: a count.
    assert_eq!(keys("وأعلنت الوزارة توفير 5000 وظيفة في القطاع الخاص."), ["count/n:وظيف/?"]);
}
