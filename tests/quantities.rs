//! Every figure a claim (issue 13, parts 1–3), on sentences of our own:
//! open counted nouns (broken plurals, "N من …", qualifiers), units of every
//! dimension with their conversions, property nouns and their topics, and
//! how such claims are compared across two sources of one story.

mod common;

use claimcheck::check::{RuleId, Severity};
use claimcheck::extract::{ClaimKind, ClaimValue};
use claimcheck::Run;

fn run(docs: &[&str]) -> Run {
    common::run_published(docs, "2015-07-23")
}

/// (subject key, normalised value) of the claims of `kind` in one sentence.
fn claims(text: &str, kind: ClaimKind) -> Vec<(String, String)> {
    let r = run(&[text]);
    r.claims.iter().filter(|c| c.kind == kind).map(|c| (c.subject.to_string(), c.value.normalized())).collect()
}

fn one(text: &str, kind: ClaimKind) -> (String, String) {
    let got = claims(text, kind);
    assert_eq!(got.len(), 1, "{text}: {got:?}");
    got.into_iter().next().unwrap_or_default()
}

fn alerts(r: &Run) -> Vec<RuleId> {
    r.findings.iter().filter(|f| f.severity >= Severity::Warning).map(|f| f.rule).collect()
}

// ------------------------------------------------------- open counted nouns

#[test]
fn a_noun_no_rule_lists_is_counted() {
    assert_eq!(one("وعبرت القناة 49 سفينة خلال يوم واحد.", ClaimKind::Count), ("count/n:سفين/?".into(), "49".into()));
    assert_eq!(one("وافتتح الوزير 12 مدرسة في المنطقة.", ClaimKind::Count).0, "count/n:مدرس/?");
}

#[test]
fn a_broken_plural_counts_what_its_singular_counts() {
    let singular = one("وعبرت القناة 12 سفينة.", ClaimKind::Count).0;
    assert_eq!(one("وعبرت القناة ثلاث سفن.", ClaimKind::Count).0, singular);
    assert_eq!(one("وافتتح الوزير 7 مصانع.", ClaimKind::Count).0, one("وافتتح الوزير 17 مصنعا.", ClaimKind::Count).0);
}

#[test]
fn a_sound_plural_and_its_singular_meet() {
    assert_eq!(
        one("وعقدت اللجنة 5 اجتماعات.", ClaimKind::Count).0,
        one("وعقدت اللجنة 11 اجتماعا.", ClaimKind::Count).0
    );
    assert_eq!(one("ووصلت 30 سيارة.", ClaimKind::Count).0, one("ووصلت ثلاث سيارات.", ClaimKind::Count).0);
}

#[test]
fn a_number_before_من_counts_part_of_a_group() {
    assert_eq!(one("وشارك سبعة من أعضاء اللجنة في الاجتماع.", ClaimKind::Count).0, "count/part:عضو/?");
    // A listed noun with the article after من is a part of that group: 32
    // of the injured (still in hospital) are not the injured.
    assert_eq!(one("وما زال 32 من الجرحى في المستشفى.", ClaimKind::Count).0, "count/part:injured/?");
    // Without the article, or after a vague number, it is the group itself.
    assert_eq!(one("وانتشر 300 من عناصر الجيش في المدينة.", ClaimKind::Count).0, "count/personnel/?/?");
    assert_eq!(one("وخرج آلاف من المتظاهرين في المدينة.", ClaimKind::Count).0, "count/protesters/?");
    // A verb says what happened to them: 12 fighters killed.
    assert!(one("وقتل 12 من المسلحين في الاشتباكات.", ClaimKind::Count).0.starts_with("count/killed:fighters/"));
}

#[test]
fn a_qualified_count_is_not_the_whole() {
    assert_eq!(one("وتقدم 35 برنامجا دوليا.", ClaimKind::Count).0, "count/n:برنامج+دولي/?");
    assert!(one("وتقدم 79 برنامجا في المملكة.", ClaimKind::Count).0.starts_with("count/n:برنامج/"));
}

#[test]
fn words_after_a_number_that_count_nothing_are_no_claim() {
    for text in [
        "وسيعقد الاجتماع في 15 رمضان المقبل.",
        "وتضاعف الإنتاج 3 مرات.",
        "ويبدأ الدوام الساعة 8 صباحا.",
        "وأصيب 5 بجروح طفيفة.",
        "وهو في الخمسين من عمره.",
    ] {
        let got = claims(text, ClaimKind::Count);
        assert!(got.iter().all(|(k, _)| !k.contains("/n:") && !k.contains("/part:")), "{text}: {got:?}");
    }
}

#[test]
fn a_killing_verb_makes_an_open_count_a_toll() {
    let (key, value) = one("وأسفر الانفجار عن مقتل 4 مهندسين في الموقع.", ClaimKind::Count);
    assert!(key.starts_with("count/killed:n:مهندس/"), "{key}");
    assert_eq!(value, "4");
}

// ------------------------------------------------------------------ units

#[test]
fn each_dimension_converts_to_its_base_unit() {
    for (text, key, value) in [
        ("ويبلغ طول الطريق الجديد 120 كيلومترا.", "quantity/length:length/طريق", "120000"),
        ("وتبلغ مساحة المشروع 40 هكتارا.", "quantity/area:area/مشروع", "400000"),
        ("وتبلغ سعة الخزان 500 متر مكعب.", "quantity/volume:capacity/خزان", "500"),
        ("ويبلغ وزن الشحنة 20 طنا.", "quantity/mass:weight/شحن", "20000"),
        ("وتبلغ قدرة المحطة 300 ميغاواط.", "quantity/power:capacity/محط", "300000000"),
        ("وتبلغ سرعة القطار 300 كيلومتر في الساعة.", "quantity/speed:speed/قطار", "300"),
        ("واستمرت مدة الرحلة 3 أيام.", "quantity/duration:duration/رحل", "72"),
        ("وبلغت درجة الحرارة في الرياض 48 درجة مئوية.", "quantity/temperature:temperature/?", "48"),
        ("وبلغ إنتاج المصنع 300 طن.", "quantity/mass:output/مصنع", "300000"),
    ] {
        let got = claims(text, ClaimKind::Quantity);
        if key.ends_with("/?") {
            // A property with no topic is no claim.
            assert!(got.is_empty(), "{text}: {got:?}");
            continue;
        }
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, key, "{text}");
        assert!(holds(&got[0].1, value.parse().unwrap_or(f64::NAN)), "{text}: {} does not hold {value}", got[0].1);
    }
}

/// Whether a normalised value ("5", "[4.5,5.5]") holds `x`.
fn holds(notation: &str, x: f64) -> bool {
    let number = notation.split_whitespace().next().unwrap_or_default();
    let inner = number.trim_start_matches('[').trim_end_matches(']');
    let mut ends = inner.split(',').map(|v| v.parse::<f64>().unwrap_or(f64::NAN));
    let lo = ends.next().unwrap_or(f64::NAN);
    let hi = ends.next().unwrap_or(lo);
    lo - 1e-9 <= x && x <= hi + 1e-9
}

#[test]
fn a_unit_and_from_name_what_is_measured() {
    let (key, value) = one("ونقلت الطائرات 300 طن من المساعدات إلى المدينة.", ClaimKind::Quantity);
    assert_eq!(key, "quantity/mass:of/مساعد");
    assert!(holds(&value, 300_000.0) && !holds(&value, 301_000.0), "{value}");
    // "من" after a duration says when, not what.
    assert!(claims("ووصلت الفرق خلال 24 ساعة من وقوع الحادث.", ClaimKind::Quantity).is_empty());
}

#[test]
fn the_unit_of_a_quantity_is_in_its_value() {
    let r = run(&["وتبلغ قدرة المحطة 5.15 غيغاواط."]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Quantity).expect("a quantity");
    match &c.value {
        ClaimValue::Quantity { unit, .. } => assert_eq!(&**unit, "W"),
        v => panic!("not a quantity: {v:?}"),
    }
}

#[test]
fn a_rounded_figure_agrees_with_the_exact_one() {
    let r = run(&[
        "ضبطت السلطات في البحرين شحنة متفجرات في البحر تبين احتواؤها على 43.8 كيلوجراما من مادة سي فور.",
        "ضبطت السلطات في البحرين شحنة متفجرات في البحر تبين احتواؤها على 44 كيلوجراما من مادة سي فور.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    let r = run(&[
        "ضبطت السلطات في البحرين شحنة متفجرات في البحر تبين احتواؤها على 43.8 كيلوجراما من مادة سي فور.",
        "ضبطت السلطات في البحرين شحنة متفجرات في البحر تبين احتواؤها على 48 كيلوجراما من مادة سي فور.",
    ]);
    assert_eq!(alerts(&r), [RuleId::QuantityMismatch], "{:?}", r.findings);
}

#[test]
fn a_preposition_with_the_article_is_not_a_counted_noun() {
    let got = claims("وتقام البطولة العربية 13 للكرة الطائرة في المغرب.", ClaimKind::Count);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn where_and_when_are_not_quantities() {
    for text in
        ["وقع الحادث على بعد 50 كيلومترا من العاصمة.", "وتستمر الهدنة لمدة 3 أيام.", "وارتفع المؤشر بنسبة 2 في المائة."]
    {
        assert!(claims(text, ClaimKind::Quantity).is_empty(), "{text}");
    }
}

#[test]
fn a_share_needs_what_it_is_a_share_of() {
    assert_eq!(one("وبلغت نسبة البطالة 11.6 في المائة.", ClaimKind::Quantity).0, "quantity/share:rate/بطال");
}

// ------------------------------------------------- comparing across sources

#[test]
fn one_value_in_two_units_agrees_and_two_values_conflict() {
    let agree = run(&[
        "أعلنت الشركة تشغيل محطة الكهرباء الجديدة في ينبع، وتبلغ قدرة المحطة 5150 ميغاواط.",
        "أعلنت الشركة تشغيل محطة الكهرباء الجديدة في ينبع، وتبلغ قدرة المحطة 5.15 غيغاواط.",
    ]);
    assert!(alerts(&agree).is_empty(), "{:?}", agree.findings);
    let conflict = run(&[
        "أعلنت الشركة تشغيل محطة الكهرباء الجديدة في ينبع، وتبلغ قدرة المحطة 5150 ميغاواط.",
        "أعلنت الشركة تشغيل محطة الكهرباء الجديدة في ينبع، وتبلغ قدرة المحطة 3.2 غيغاواط.",
    ]);
    assert_eq!(alerts(&conflict), [RuleId::QuantityMismatch], "{:?}", conflict.findings);
}

#[test]
fn open_counts_of_one_event_conflict_and_of_two_days_do_not() {
    let control = run(&[
        "عبرت قناة السويس الجديدة 49 سفينة في أول أيام تشغيلها بحسب هيئة القناة.",
        "عبرت قناة السويس الجديدة 56 سفينة في أول أيام تشغيلها بحسب هيئة القناة.",
    ]);
    assert_eq!(alerts(&control), [RuleId::HeadCountMismatch], "{:?}", control.findings);
    let days = run(&[
        "عبرت قناة السويس الجديدة 49 سفينة يوم 6 أغسطس 2015 بحسب هيئة القناة.",
        "عبرت قناة السويس الجديدة 56 سفينة يوم 9 أغسطس 2015 بحسب هيئة القناة.",
    ]);
    // No count conflict; the crossing's dates, an open event that may
    // recur, are at most a warning.
    assert!(!alerts(&days).contains(&RuleId::HeadCountMismatch), "{:?}", days.findings);
    assert!(days.findings.iter().all(|f| f.severity <= Severity::Warning), "{:?}", days.findings);
}

#[test]
fn sentences_and_acquittals_of_one_trial_are_different_groups() {
    let control = run(&[
        "وأصدرت المحكمة حكما بالإعدام على 9 مسؤولين سابقين في النظام بعد محاكمة استمرت عاما.",
        "وأصدرت المحكمة حكما بالإعدام على 7 مسؤولين سابقين في النظام بعد محاكمة استمرت عاما.",
    ]);
    assert_eq!(alerts(&control), [RuleId::HeadCountMismatch], "{:?}", control.findings);
    let variant = run(&[
        "وأصدرت المحكمة حكما بالإعدام على 9 مسؤولين سابقين في النظام بعد محاكمة استمرت عاما.",
        "وأصدرت المحكمة حكما بالسجن المؤبد على 7 مسؤولين سابقين في النظام بعد محاكمة استمرت عاما.",
    ]);
    assert!(alerts(&variant).is_empty(), "{:?}", variant.findings);
}

#[test]
fn new_ones_since_the_last_report_are_no_claim() {
    let got = claims("وارتفع عدد الضحايا إلى 29 بعد انتشال 11 جثة جديدة.", ClaimKind::Count);
    assert!(got.iter().all(|(k, _)| !k.contains("جث")), "{got:?}");
    assert_eq!(one("وانتشلت فرق الإنقاذ 11 جثة من النهر.", ClaimKind::Count).0, "count/n:جث/?");
}

#[test]
fn a_level_reached_after_a_change_is_compared_only_on_its_day() {
    // Two sessions of one market, in one story: no day stated, no finding.
    let r = run(&[
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وارتفعت الأسهم المتداولة في السوق إلى 143 مليون سهم.",
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وتراجعت الأسهم المتداولة في السوق إلى 265 مليون سهم.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    // The same figures without a change word are one fact and conflict.
    let r = run(&[
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغ عدد الأسهم المتداولة في السوق 143 مليون سهم.",
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغ عدد الأسهم المتداولة في السوق 265 مليون سهم.",
    ]);
    assert_eq!(alerts(&r), [RuleId::HeadCountMismatch], "{:?}", r.findings);
    // Stated for one day, levels are compared.
    let r = run(&[
        "أغلق مؤشر سوق الأسهم السعودية يوم 22 يوليو 2015 على انخفاض طفيف، وارتفعت الأسهم المتداولة في السوق إلى 143 مليون سهم يوم 22 يوليو 2015.",
        "أغلق مؤشر سوق الأسهم السعودية يوم 22 يوليو 2015 على انخفاض طفيف، وتراجعت الأسهم المتداولة في السوق إلى 265 مليون سهم يوم 22 يوليو 2015.",
    ]);
    assert_eq!(alerts(&r), [RuleId::HeadCountMismatch], "{:?}", r.findings);
}

#[test]
fn a_rate_is_a_level_of_its_day() {
    let r = run(&[
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغ معدل التدوير للأسهم الحرة 0.76 في المائة.",
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغ معدل التدوير للأسهم الحرة 1.4 في المائة.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    let r = run(&[
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغت حصة التدوير للأسهم الحرة 0.76 في المائة.",
        "أغلق مؤشر سوق الأسهم السعودية على انخفاض طفيف، وبلغت حصة التدوير للأسهم الحرة 1.4 في المائة.",
    ]);
    assert_eq!(alerts(&r), [RuleId::QuantityMismatch], "{:?}", r.findings);
}

#[test]
fn a_verb_of_lasting_names_what_lasts() {
    let got = claims("وتستغرق الرحلة 18 ساعة بدلا من 22 ساعة.", ClaimKind::Quantity);
    assert_eq!(got.first().map(|(k, _)| k.as_str()), Some("quantity/duration:duration/رحل"), "{got:?}");
}

#[test]
fn an_accusative_one_inside_a_compound_number_is_one_figure() {
    let (key, value) = one("وبلغ عدد من ألقي القبض عليه (431) أربعمائة وواحداً وثلاثين موقوفاً.", ClaimKind::Count);
    assert_eq!((key.as_str(), value.as_str()), ("count/detainees/?/?", "431"));
}

#[test]
fn a_verb_with_a_figure_right_after_it_belongs_to_that_figure() {
    let got = claims("وبدأت القوات عملية شملت 13 ولاية اعتقل فيها نحو 300 مشتبه.", ClaimKind::Count);
    let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["count/n:ولاي/?", "count/detainees:n:مشتب/?"]);
    // With no figure after it, the verb still says what the count is.
    let (key, _) = one("وكان 12 مهندسا قتلوا في الهجوم.", ClaimKind::Count);
    assert_eq!(key, "count/killed:n:مهندس/?");
}

#[test]
fn a_topic_with_a_pronoun_identifies_nothing() {
    // Brent lost 13% of its value, WTI 18% of its value: not one subject.
    assert!(claims("وخسر برنت نحو 13 بالمئة من قيمته في يوليو.", ClaimKind::Quantity).is_empty());
    let (key, _) = one("وتشكل الدول الأعضاء 40 في المائة من سكان العالم.", ClaimKind::Quantity);
    assert_eq!(key, "quantity/share:of/سكان");
}

#[test]
fn a_present_tense_verb_after_a_number_leaves_it_to_its_event_word() {
    let (key, value) = one("وأسفر الانفجار عن إصابة نحو 100 يعالجون في مستشفيات محلية.", ClaimKind::Count);
    assert_eq!((key.as_str(), value.as_str()), ("count/injured/?", "[90,110]"));
}

#[test]
fn a_number_belongs_to_the_noun_it_counts_not_the_next_event_word() {
    let r = run(&["وأسفر الهجوم عن مقتل 12 وإصابة 40."]);
    let got: Vec<(String, String)> = r.claims.iter().map(|c| (c.subject.to_string(), c.value.normalized())).collect();
    assert_eq!(
        got,
        vec![("count/killed/?".to_string(), "12".to_string()), ("count/injured/?".to_string(), "40".to_string())]
    );
}

#[test]
fn a_number_in_brackets_counts_the_noun_after_the_bracket() {
    assert_eq!(
        one("ووافق الوزير على نزع ملكية (151) عقارا.", ClaimKind::Count),
        ("count/n:عقار/?".into(), "151".into())
    );
}

#[test]
fn an_amount_with_no_party_is_the_amount_of_its_property_noun() {
    let r = run(&["وتبلغ تكلفة الجسر 2.3 مليار دولار."]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    assert_eq!(&*c.subject, "money/cost/topic:جسر");
    // Written to one decimal, it holds what rounds or cuts to it; a whole
    // amount written in full is exact.
    assert_eq!(c.value.normalized(), "[2250000000,2400000000] USD");
    let exact = run(&["وتبلغ تكلفة الجسر 2,300,000,000 دولار."]);
    assert_eq!(
        exact.claims.iter().find(|c| c.kind == ClaimKind::Money).map(|c| c.value.normalized()).as_deref(),
        Some("2300000000 USD")
    );
    // A verb of allocating is no property: whose money it is stays unknown.
    assert!(run(&["خصصت الحكومة 500 مليون دولار لدعم الفلاحين."]).claims.iter().all(|c| c.kind != ClaimKind::Money));
}

// ------------------------------------------------------ dates of open events

#[test]
fn a_date_no_frame_takes_dates_the_verb_opening_its_clause() {
    let got = claims("وصدر القرار بتاريخ 1436/10/7هـ.", ClaimKind::Date);
    assert_eq!(got, vec![("date/v:صدر:قرار/on".to_string(), "2015-07-23".to_string())]);
    // Forms of one verb meet.
    let one = claims("وسلمت الشركة الموقع في 12 مايو 2015.", ClaimKind::Date);
    let other = claims("سلموا الشركة الموقع في 12 مايو 2015.", ClaimKind::Date);
    assert_eq!(one.first().map(|c| &c.0), other.first().map(|c| &c.0), "{one:?} {other:?}");
    assert!(!one.is_empty());
}

#[test]
fn an_open_event_needs_what_it_is_about_and_a_near_date() {
    for text in [
        // The verb's noun is a number: nothing named.
        "وصدر 15 قرارا في 12 مايو 2015.",
        // Too far from the verb, past another event word.
        "وصدر القرار بعد اجتماع طويل ناقش فيه الأعضاء مقتل ثلاثة جنود في 12 مايو 2015.",
        // A date of a period (منذ) is no event's.
        "ويشن الجيش منذ عام 2013 عمليات واسعة.",
    ] {
        let got = claims(text, ClaimKind::Date);
        assert!(got.iter().all(|(k, _)| !k.contains("/v:")), "{text}: {got:?}");
    }
}

#[test]
fn two_dates_of_one_open_event_are_at_most_a_warning() {
    let r = run(&[
        "تسلمت الشركة الموقع في 12 مايو 2015 وفق بيان المجموعة السعودية للمقاولات.",
        "تسلمت الشركة الموقع في 19 مايو 2015 وفق بيان المجموعة السعودية للمقاولات.",
    ]);
    assert_eq!(alerts(&r), [RuleId::EventDateMismatch], "{:?}", r.findings);
    assert!(r.findings.iter().all(|f| f.severity <= Severity::Warning), "{:?}", r.findings);
}

#[test]
fn a_riyal_is_the_currency_of_the_article_s_country() {
    let saudi = run(&["أعلنت أمانة الرياض في السعودية أن تكلفة المشروع بلغت 375 مليون ريال."]);
    let c = saudi.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    assert!(c.value.normalized().ends_with(" SAR"), "{}", c.value.normalized());
    // An article whose country uses no riyal: which riyal is unknown, no claim.
    let egypt = run(&["أعلنت الحكومة في مصر أن تكلفة المشروع بلغت 375 مليون ريال."]);
    assert!(egypt.claims.iter().all(|c| c.kind != ClaimKind::Money), "{:?}", egypt.claims);
}

#[test]
fn more_than_a_figure_and_the_figure_agree() {
    let r = run(&[
        "أبرمت أمانة العاصمة المقدسة ثلاثة مشروعات لتعبيد مخططات المنح بمكة المكرمة بقيمة تجاوزت 197 مليون دولار.",
        "أبرمت أمانة العاصمة المقدسة ثلاثة مشروعات لتعبيد مخططات المنح بمكة المكرمة بقيمة أكثر من 197 مليون دولار.",
        "أبرمت أمانة العاصمة المقدسة ثلاثة مشروعات لتعبيد مخططات المنح بمكة المكرمة بقيمة 197.3 مليون دولار.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    let r = run(&[
        "أبرمت أمانة العاصمة المقدسة ثلاثة مشروعات لتعبيد مخططات المنح بمكة المكرمة بقيمة 197 مليون دولار.",
        "أبرمت أمانة العاصمة المقدسة ثلاثة مشروعات لتعبيد مخططات المنح بمكة المكرمة بقيمة 179 مليون دولار.",
    ]);
    assert_eq!(alerts(&r), [RuleId::MoneyMismatch], "{:?}", r.findings);
}

#[test]
fn a_tally_since_a_day_is_compared_only_on_its_day() {
    let r = run(&[
        "وأعلن رئيس الوزراء التركي توقيف 297 شخصا في عمليات أمنية متزامنة ضد تنظيم داعش في 16 ولاية تركية.",
        "وقالت السلطات التركية إن قوات الأمن أوقفت منذ أمس الجمعة 320 شخصا من تنظيم داعش في عمليات أمنية متزامنة في 22 ولاية تركية.",
    ]);
    assert!(!r.findings.iter().any(|f| f.message.contains("ولاي")), "{:?}", r.findings);
    // Without "since", the two counts of provinces in one operation conflict.
    let r = run(&[
        "وأعلن رئيس الوزراء التركي توقيف 297 شخصا في عمليات أمنية متزامنة ضد تنظيم داعش في 16 ولاية تركية.",
        "وقالت السلطات التركية إن قوات الأمن أوقفت 320 شخصا من تنظيم داعش في عمليات أمنية متزامنة في 22 ولاية تركية.",
    ]);
    assert!(r.findings.iter().any(|f| f.message.contains("ولاي")), "{:?}", r.findings);
}

#[test]
fn an_amount_with_only_a_property_noun_is_a_claim_and_a_price_is_not() {
    let r = run(&[
        "ووافقت وزارة النقل في السعودية على نزع ملكية أراض، حيث بلغ إجمالي التعويضات لأصحاب الأراضي (48,230,115) ريالا.",
    ]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    assert!(c.subject.starts_with("money/amount/topic:"), "{}", c.subject);
    assert_eq!(c.value.normalized(), "48230115 SAR");
    // A price is a moment of a market: no claim.
    let r = run(&["وبلغ سعر الذهب في السوق الفورية 1104.50 دولار للأوقية أمس."]);
    assert!(r.claims.iter().all(|c| c.kind != ClaimKind::Money), "{:?}", r.claims);
}

// ---------------------------------------------------------------- English

#[test]
fn english_units_properties_and_topics() {
    for (text, key) in [
        ("The new road is 120 kilometres long.", "quantity/length:length/road"),
        ("The length of the canal is 72 km.", "quantity/length:length/canal"),
        ("The plant has a capacity of 5.15 gigawatts.", "quantity/power:capacity/plant"),
        ("The unemployment rate rose to 11.6 percent.", "quantity/share:rate/unemployment"),
        ("Aircraft delivered 300 tonnes of aid to the city.", "quantity/mass:of/aid"),
        ("The journey lasted 18 hours.", "quantity/duration:duration/journey"),
    ] {
        assert_eq!(one(text, ClaimKind::Quantity).0, key, "{text}");
    }
    let r = run(&["The bridge cost $2.3 billion."]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    assert_eq!(&*c.subject, "money/amount/topic:bridge");
    assert_eq!(c.value.normalized(), "[2250000000,2400000000] USD");
}

#[test]
fn english_counts_by_their_nouns_and_verbs() {
    assert_eq!(one("49 ships crossed the canal on Thursday.", ClaimKind::Count).0, "count/n:ship/?");
    let r = run(&["At least 12 people were killed and 40 injured in the blast."]);
    let keys: Vec<&str> = r.claims.iter().map(|c| &*c.subject).collect();
    assert_eq!(keys, ["count/killed/?", "count/injured/?"]);
}

#[test]
fn english_number_words_count_as_digits_do() {
    for (text, key, value) in [
        ("Forty-nine ships crossed the canal on Thursday.", "count/n:ship/?", "49"),
        ("Seven soldiers were killed in the attack.", "count/killed:personnel/?/?", "7"),
        ("Two hundred and fifty people were killed in the quake.", "count/killed/?", "250"),
        ("Police said twenty-one thousand people were injured.", "count/injured/?", "21000"),
    ] {
        let got = claims(text, ClaimKind::Count);
        assert!(got.iter().any(|(k, v)| k == key && v == value), "{text}: {got:?}");
    }
    // A name with a number word in it counts nothing.
    assert!(claims("Tourists still visit the Seven Wonders of the world.", ClaimKind::Count).is_empty());
    assert!(claims("No one was hurt in the blast.", ClaimKind::Count).is_empty());
}

#[test]
fn english_modifiers_between_a_figure_and_its_noun_are_passed_over() {
    assert_eq!(one("The ministry said 5,000 new jobs would be created.", ClaimKind::Count).0, "count/n:job/?");
    assert_eq!(one("The city opened two new schools this year.", ClaimKind::Count).0, "count/n:school/?");
    // The nationality passed over is whose soldiers they are.
    assert_eq!(one("Gunmen killed 12 Afghan soldiers on Monday.", ClaimKind::Count).0, "count/killed:personnel/AF/?");
    // A headline in title case is read as it stands: «People» is the noun.
    assert_eq!(one("Car Bomb Kills 12 People In Baghdad", ClaimKind::Count).0, "count/killed/IQ");
    // A Latin name in Arabic text passes over to no Arabic word.
    let got = claims("وغنى مغني الراب 50 Cent مقطوعة جديدة.", ClaimKind::Count);
    assert!(got.iter().all(|(k, _)| k.is_ascii()), "{got:?}");
    let got = claims("وأطلقت الشركة جهاز One وXbox في السوق.", ClaimKind::Count);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_verb_joined_by_wa_after_a_figure_tells_the_next_figure() {
    for text in ["قتل 12 وجرح 40 في الانفجار.", "وأسفر الانفجار عن مقتل 12 وإصابة 40 آخرين."]
    {
        let keys: Vec<(String, String)> = claims(text, ClaimKind::Count);
        assert_eq!(
            keys,
            [("count/killed/?".to_string(), "12".to_string()), ("count/injured/?".to_string(), "40".to_string())],
            "{text}"
        );
    }
}

#[test]
fn an_acronym_of_the_rules_is_a_name_only_in_capitals() {
    // «CAR» (Central African Republic) is no «car bomb»; «US» no «us».
    assert_eq!(one("A car bomb killed 12 people in Baghdad.", ClaimKind::Count).0, "count/killed/IQ");
    assert_eq!(one("Police told us that 12 people were killed.", ClaimKind::Count).0, "count/killed/?");
    assert_eq!(one("Fighting in the CAR killed 12 people.", ClaimKind::Count).0, "count/killed/CF");
    assert_eq!(one("A US drone strike killed 12 people.", ClaimKind::Count).0, "count/killed/US");
}

#[test]
fn an_english_count_word_says_what_the_figure_after_it_counts() {
    assert_eq!(one("The death toll rose to 20 on Friday.", ClaimKind::Count), ("count/killed/?".into(), "20".into()));
    assert_eq!(one("The number of the injured reached 45.", ClaimKind::Count).0, "count/injured/?");
    // «death» alone counts nothing: a death penalty is no toll.
    assert!(claims("He received the death penalty in the case.", ClaimKind::Count).is_empty());
}

#[test]
fn a_bare_english_figure_takes_the_verb_of_its_clause() {
    for (text, key, value) in [
        ("Police said 35 were wounded.", "count/injured/?", "35"),
        ("The blast killed 12 on Monday.", "count/killed/?", "12"),
        ("The blast killed 12 and wounded 40.", "count/injured/?", "40"),
        ("The blast killed 12 and wounded 40.", "count/killed/?", "12"),
    ] {
        let got = claims(text, ClaimKind::Count);
        assert!(got.iter().any(|(k, v)| k == key && v == value), "{text}: {got:?}");
    }
}

#[test]
fn a_number_before_of_the_counts_part_of_a_group() {
    assert_eq!(one("Twelve of the wounded were in critical condition.", ClaimKind::Count).0, "count/part:injured/?");
    // Without «the», or with a vague number, it is the group.
    assert_eq!(one("Thousands of protesters gathered in the square.", ClaimKind::Count).0, "count/protesters/?");
    // «tens of thousands» multiplies, as «عشرات الآلاف» does.
    assert_eq!(one("Tens of thousands of protesters gathered in the square.", ClaimKind::Count).1, "[10000,99999]");
}

#[test]
fn english_hedges_widen_a_figure_and_keep_it_from_a_false_conflict() {
    assert_eq!(one("About 300 families fled the town.", ClaimKind::Count).1, "[270,330]");
    assert_eq!(one("At least 15 people were killed in the blast.", ClaimKind::Count).1, ">=15");
    let r = run(&[
        "A car bomb killed more than 100 people in the market on Monday.",
        "A car bomb killed 120 people in the market on Monday.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    let r = run(&[
        "A car bomb killed at least 20 people in the market on Monday.",
        "A car bomb killed 12 people in the market on Monday.",
    ]);
    assert_eq!(alerts(&r), [RuleId::HeadCountMismatch]);
}

#[test]
fn an_amount_in_an_english_currency_word_is_money_not_a_count() {
    let r = run(&["The bridge will cost 2 billion dollars."]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    assert_eq!(c.value.normalized(), "[1500000000,2500000000] USD");
    assert!(r.claims.iter().all(|c| !c.subject.contains("dollar")), "{:?}", r.claims);
    let r = run(&["The cost of the new stadium is 50 million euros."]);
    assert!(r.claims.iter().any(|c| c.kind == ClaimKind::Money && c.value.normalized().ends_with("EUR")));
    // «pounds» alone may be a weight.
    let r = run(&["The cost of the bridge is 300 pounds."]);
    assert!(r.claims.iter().all(|c| c.kind != ClaimKind::Money), "{:?}", r.claims);
}

#[test]
fn one_quantity_in_english_and_in_arabic_units_agrees_across_units() {
    let a = one("The plant has a capacity of 5150 megawatts.", ClaimKind::Quantity).1;
    let b = one("The plant has a capacity of 5.15 gigawatts.", ClaimKind::Quantity).1;
    assert!(a.contains("5150") && a.ends_with(" W") && b.starts_with("[5145000000"), "{a} {b}");
}

#[test]
fn an_amount_written_in_parts_holds_to_its_smallest_part() {
    let r = run(&["وبلغ إجمالي التعويضات لأصحاب الأراضي في السعودية 48 مليونا و231 ألف ريال."]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Money).expect("a money claim");
    // 48,231,115 riyals is written to the thousand: it is held.
    assert_eq!(c.value.normalized(), "[48230500,48232000] SAR");
}

#[test]
fn model_years_purpose_verbs_and_one_after_its_noun_count_nothing() {
    for text in [
        "وستكون جائزة المركز الأول سيارة رياضية موديل 2015 فضلا عن جوائز أخرى.",
        "واختيرت بكين لتنظيم دورة الألعاب الأولمبية الشتوية 2022 لتصبح أول مدينة تستضيفها.",
        "وتبين وفاة أربعة أشخاص وحالة واحدة نقلت إلى مستشفى الملك فهد.",
    ] {
        let got = claims(text, ClaimKind::Count);
        assert!(got.iter().all(|(k, _)| !k.contains("/n:")), "{text}: {got:?}");
    }
}

// ------------------------------------------------------- what an amount is of

#[test]
fn one_total_worded_four_ways_is_of_one_topic() {
    // A relative adjective («تعويضية») is read as its noun; a property that
    // names the thing («التعويضات», «تعويضات») is its own topic when no
    // genitive follows it (a «لـ» phrase, or «قدرها»).
    let keys: Vec<String> = [
        "وبلغت القيمة التعويضية للمزارعين في الأردن 12 مليون دينار.",
        "وبلغ إجمالي التعويضات للمزارعين في الأردن 12 مليون دينار.",
        "وصرفت الوزارة في الأردن للمزارعين تعويضات قدرها 12 مليون دينار.",
        "وأكد المسؤول أن الحكومة في الأردن أقرت المشروع بقيمة تعويضية قدرها 12 مليون دينار.",
    ]
    .iter()
    .map(|text| one(text, ClaimKind::Money).0)
    .collect();
    assert!(keys.iter().all(|k| k == "money/amount/topic:تعويض"), "{keys:?}");
}

#[test]
fn a_flow_with_no_owner_or_period_is_no_claim() {
    // One film's takings of one weekend, one company's profit of one
    // quarter: «إيرادات» and «أرباح» say neither whose nor when.
    for text in [
        "وحل الفيلم الكوميدي في المركز الثالث محققا إيرادات قدرها 9.3 مليون دولار.",
        "وحققت الشركة في الأردن أرباحا بلغت 40 مليون دينار.",
    ] {
        assert!(claims(text, ClaimKind::Money).is_empty(), "{text}");
    }
}

/// Three outlets printing one agency text; `third` is how the third
/// prints the total.
fn one_agency_text(third: &str) -> Run {
    let text = |total: &str| {
        format!(
            "وافق وزير الشؤون البلدية في السعودية على إنشاء حدائق عامة جديدة في عدد من المدن والمحافظات، \
             حيث بلغ إجمالي التكلفة للمشاريع {total}، وشمل القرار أيضا البدء في تصميم ممرات للمشاة \
             وملاعب للأطفال في الأحياء السكنية، ودعا الوزير الأمانات إلى سرعة التنفيذ وفق الجدول الزمني المعتمد."
        )
    };
    let (a, b, c) = (text("(48,250,600) ريال"), text("(48,250,600) ريال"), text(third));
    run(&[&a, &b, &c])
}

#[test]
fn a_unit_word_slipped_into_one_copy_of_an_agency_text_is_a_conflict() {
    // The same digits a million times apart: copies of one text disagree.
    let r = one_agency_text("(48,250,600) مليون ريال");
    assert_eq!(alerts(&r), [RuleId::MoneyMismatch], "{:?}", r.findings);
    assert!(r.findings[0].explanation.contains("factor of 1000000"), "{}", r.findings[0].explanation);
    // Other digits in one copy of the text: one origin, which states both
    // (a total and a part, an old figure and a new), disagrees with neither.
    let r = one_agency_text("(58,250,600) ريال");
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
}

#[test]
fn a_figure_after_a_money_property_is_in_the_article_s_currency() {
    // The article states its amounts in riyals, then drops the word.
    let text = "وبلغت تكلفة المشروع الأول في السعودية 40 مليون ريال، وتكلفة المشروع الثاني 25 مليون ريال. \
                وفي جدة تمت الموافقة على صرف تعويض للمتضررين بمبلغ تعويض قدره 12 مليونا و500 ألف.";
    let amounts: Vec<String> = claims(text, ClaimKind::Money).into_iter().map(|(_, v)| v).collect();
    assert!(amounts.iter().any(|v| v.starts_with("[12450000,") && v.ends_with(" SAR")), "{amounts:?}");
    // Not when the article gives two currencies, not for a year after a
    // property («ميزانية 2015»), not before a word (a currency the rules
    // lack), not with one stated amount only: only the stated amounts.
    for (text, stated) in [
        ("وبلغت تكلفة المشروع في السعودية 40 مليون ريال و3 ملايين دولار. وبمبلغ تعويض قدره 12 مليونا و500 ألف.", 2),
        ("وبلغت تكلفة المشروع في السعودية 40 مليون ريال و25 مليون ريال، وخفضت الشركة ميزانية 2015.", 2),
        ("وبلغت تكلفة المشروع في السعودية 40 مليون ريال و25 مليون ريال، والصفقة بقيمة 10 تريليونات وون.", 2),
        ("وبلغت تكلفة المشروع في السعودية 40 مليون ريال. وبمبلغ تعويض قدره 12 مليونا و500 ألف.", 1),
    ] {
        let amounts = claims(text, ClaimKind::Money);
        assert_eq!(amounts.len(), stated, "{text}: {amounts:?}");
    }
}

#[test]
fn a_verb_before_another_figure_is_not_the_later_figure_s() {
    // «توفي منهم 120 وتعافى 347»: the 347 recovered are not deaths.
    let r = run(&["وأعلنت الوزارة أن إجمالي الإصابات بلغ 475 حالة منذ بداية العام، توفي منهم 120 وتعافى 347."]);
    let killed: Vec<String> =
        r.claims.iter().filter(|c| c.subject.starts_with("count/killed")).map(|c| c.value.normalized()).collect();
    assert!(!killed.contains(&"347".to_string()), "{killed:?}");
}

#[test]
fn two_origins_corroborate_only_when_they_agree() {
    use claimcheck::graph::Status;
    let status = |docs: &[&str]| {
        let r = run(docs);
        r.subjects.iter().find(|s| s.key.contains("killed")).map(|s| s.status)
    };
    let (a, b) = (
        "وقالت الشرطة إن 14 شخصا قتلوا في الانفجار الذي وقع في سوق المدينة.",
        "وأعلنت السلطات مقتل 14 شخصا في الانفجار الذي وقع في سوق المدينة.",
    );
    assert_eq!(status(&[a, b]), Some(Status::Corroborated));
    // A toll that rose between two days: two values, neither confirmed by
    // a second origin.
    let later = "وارتفعت حصيلة الانفجار الذي وقع في سوق المدينة يوم الأربعاء 22 يوليو 2015 إلى 19 قتيلا.";
    let earlier = "وقالت الشرطة إن 14 شخصا قتلوا يوم الاثنين 20 يوليو 2015 في الانفجار الذي وقع في سوق المدينة.";
    assert_eq!(status(&[earlier, later]), Some(Status::Consistent));
}

#[test]
fn cases_of_whom_some_died_count_the_dead_too() {
    let keys = |text: &str| -> Vec<String> { claims(text, ClaimKind::Count).into_iter().map(|(k, _)| k).collect() };
    let with_dead = keys("وأعلنت مديرية الصحة أن عدد المصابين في حريق المصنع بلغ 35 حالة، سجلت منها 4 حالات وفاة.");
    assert!(with_dead.iter().any(|k| k.starts_with("count/casualties/")), "{with_dead:?}");
    assert!(!with_dead.iter().any(|k| k.starts_with("count/injured/")), "{with_dead:?}");
    // Without the dead among them, the injured.
    let injured = keys("وأعلنت مديرية الصحة أن عدد المصابين في حريق المصنع بلغ 35 حالة.");
    assert!(injured.iter().any(|k| k.starts_with("count/injured/")), "{injured:?}");
    // So «35 cases, 4 of them dead» is not set against «31 injured».
    let r = run(&[
        "وأعلنت مديرية الصحة أن عدد المصابين في حريق المصنع بلغ 35 حالة، سجلت منها 4 حالات وفاة.",
        "وأصيب 31 شخصا في حريق المصنع بحسب الدفاع المدني.",
    ]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
}

#[test]
fn those_still_in_hospital_are_a_part_of_the_injured() {
    let keys = |text: &str| -> Vec<String> { claims(text, ClaimKind::Count).into_iter().map(|(k, _)| k).collect() };
    assert!(
        keys("وقال المتحدث إن 12 مصابا يتلقون العلاج في مستشفى المدينة.")
            .iter()
            .any(|k| k.starts_with("count/part:injured/")),
        "{:?}",
        keys("وقال المتحدث إن 12 مصابا يتلقون العلاج في مستشفى المدينة.")
    );
    let r = run(&["وأصيب 60 شخصا في حريق المصنع.", "وقال المتحدث إن 12 مصابا يتلقون العلاج بعد حريق المصنع."]);
    assert!(alerts(&r).is_empty(), "{:?}", r.findings);
    // The verb after a group inside another figure's phrase is that
    // figure's: the 100 are all the injured.
    let nested = keys("وقال الوزير إن 32 من الجرحى الذين بلغ عددهم نحو مئة ما زالوا في المستشفيات.");
    assert!(nested.iter().any(|k| k.starts_with("count/injured/")), "{nested:?}");
}

#[test]
fn a_side_of_a_pair_of_dimensions_counts_nothing() {
    // «1920×1080»: a screen's resolution, not 1080 of anything.
    assert!(claims("وتعرض الشاشة الصور بدقة 1920×1080 بكسل.", ClaimKind::Count).is_empty());
    assert!(claims("وتبلغ مساحة القاعة 40 x 25 مترا مربعا.", ClaimKind::Count).is_empty());
    // The noun alone is counted.
    assert_eq!(claims("وتعرض الشاشة الصور بدقة 1080 بكسل.", ClaimKind::Count).len(), 1);
}

#[test]
fn a_minute_of_a_half_counts_nothing() {
    // «في الدقيقتين 12 من الشوط الأول و71 من الشوط الثاني»: goal minutes.
    assert!(
        claims("وأحرز المهاجم هدفيه في الدقيقتين 12 من الشوط الأول و71 من الشوط الثاني.", ClaimKind::Count).is_empty()
    );
}

#[test]
fn a_figure_in_brackets_or_quotes_then_a_scale_word_is_one_figure() {
    // «(45) ألف» is 45,000, not a thousand; a hedge before the bracket holds.
    let got = claims("وتلقت البلدية أكثر من (38) ألف شكوى منذ إطلاق الخدمة.", ClaimKind::Count);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, ">38000");
    let got = claims("وضبطت الجمارك حوالي “7” ملايين قرص مخدر في الربع الأول.", ClaimKind::Count);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "[6300000,7700000]");
}
