//! Events within a story, on sentences of our own: each cue of
//! `rules/events.toml` (phase, action, named place, site, date reach) and
//! the co-stated rule of `check`. Every test has a control: the same pair
//! without the cue conflicts, so the test fails if the cue stops working
//! or if the pair stops being compared at all.

mod common;

use std::collections::BTreeSet;

use claimcheck::check::{RuleId, Severity};
use claimcheck::sources::Source;
use claimcheck::Run;

const PUB: &str = "2024-03-10";

fn run(docs: &[&str]) -> Run {
    common::run_published(docs, PUB)
}

/// Rules of the findings a reader is alerted to (errors and warnings: a
/// subject with an actor the text does not state is at most a warning).
fn conflicts(r: &Run) -> Vec<RuleId> {
    r.findings.iter().filter(|f| f.severity >= Severity::Warning).map(|f| f.rule).collect()
}

fn messages(r: &Run) -> Vec<&str> {
    r.findings.iter().map(|f| f.message.as_str()).collect()
}

/// The pair `control` conflicts; the pair `variant`, which differs by one
/// cue, does not.
fn cue_keeps_apart(control: &[&str], variant: &[&str]) {
    let c = run(control);
    assert_eq!(conflicts(&c), [RuleId::HeadCountMismatch], "control: {:?}", messages(&c));
    let v = run(variant);
    assert!(conflicts(&v).is_empty(), "variant: {:?}", messages(&v));
}

#[test]
fn fighters_who_fled_are_not_fighters_who_were_killed() {
    cue_keeps_apart(
        &[
            "وقالت المصادر إن أكثر من 200 مسلح من الجماعة لقوا مصرعهم في المعارك قرب مدينة الحديدة.",
            "وقالت المصادر إن 30 مسلحا من الجماعة لقوا مصرعهم في المعارك قرب مدينة الحديدة.",
        ],
        &[
            "وقالت المصادر إن أكثر من 200 مسلح من الجماعة لقوا مصرعهم في المعارك قرب مدينة الحديدة.",
            "وقالت المصادر إن 30 مسلحا من الجماعة فروا من المعارك قرب مدينة الحديدة.",
        ],
    );
}

#[test]
fn a_toll_recalled_from_before_is_not_the_toll_reported_now() {
    cue_keeps_apart(
        &[
            "قتل سبعة جنود في هجوم على نقطة تفتيش عسكرية في شمال سيناء.",
            "قتل أربعة جنود في هجوم على نقطة تفتيش عسكرية في شمال سيناء.",
        ],
        &[
            "قتل سبعة جنود في هجوم على نقطة تفتيش عسكرية في شمال سيناء.",
            "وكان أربعة جنود قد قتلوا في وقت سابق هذا الشهر في هجوم على نقطة تفتيش عسكرية في شمال سيناء.",
        ],
    );
}

#[test]
fn bombings_in_two_named_towns_are_two_events() {
    cue_keeps_apart(
        &[
            "قتل ثمانية أشخاص في انفجار سيارة ملغومة في بلدة الزويرات شمال البلاد.",
            "قتل 16 شخصا في انفجار سيارة ملغومة في بلدة الزويرات شمال البلاد.",
        ],
        &[
            "قتل ثمانية أشخاص في انفجار سيارة ملغومة في بلدة الزويرات شمال البلاد.",
            "قتل 16 شخصا في انفجار سيارة ملغومة في بلدة القصيبة شمال البلاد.",
        ],
    );
}

#[test]
fn one_town_spelled_two_ways_is_one_event() {
    let r = run(&[
        "قتل عشرة جنود في غارة على حاجز للجيش في ولاية لوغار جنوب العاصمة.",
        "قتل سبعة جنود في غارة على حاجز للجيش في ولاية لوجار جنوب العاصمة.",
    ]);
    assert_eq!(conflicts(&r), [RuleId::HeadCountMismatch], "{:?}", messages(&r));
}

#[test]
fn soldiers_at_a_base_are_not_the_soldiers_in_the_country() {
    cue_keeps_apart(
        &["ويتواجد 500 جندي أمريكي في العراق لتدريب القوات.", "ويتواجد 3500 جندي أمريكي في العراق لتدريب القوات."],
        &[
            "ويتواجد 500 جندي أمريكي في قاعدة الحبانية في العراق لتدريب القوات.",
            "ويتواجد 3500 جندي أمريكي في العراق لتدريب القوات.",
        ],
    );
}

#[test]
fn one_article_giving_both_figures_says_they_are_different_things() {
    cue_keeps_apart(
        &["سلمت الولايات المتحدة ثماني طائرات إلى مصر.", "سلمت الولايات المتحدة أربع طائرات إلى مصر."],
        &[
            "سلمت الولايات المتحدة ثماني طائرات إلى مصر. وستسلم الولايات المتحدة أربع طائرات أخرى إلى مصر في الخريف.",
            "سلمت الولايات المتحدة أربع طائرات إلى مصر.",
        ],
    );
}

#[test]
fn a_toll_without_a_town_between_two_towns_is_set_against_neither() {
    // The control: the same toll with the town of the first is compared.
    let c = run(&[
        "قتل ثمانية أشخاص في انفجار سيارة ملغومة في بلدة الزويرات. وقتل 16 شخصا في انفجار سيارة ملغومة في بلدة القصيبة.",
        "قتل أكثر من 100 شخص في انفجار سيارة ملغومة في بلدة الزويرات.",
    ]);
    assert_eq!(conflicts(&c), [RuleId::HeadCountMismatch], "control: {:?}", messages(&c));
    let v = run(&[
        "قتل ثمانية أشخاص في انفجار سيارة ملغومة في بلدة الزويرات. وقتل 16 شخصا في انفجار سيارة ملغومة في بلدة القصيبة.",
        "قتل أكثر من 100 شخص في انفجار سيارة ملغومة.",
    ]);
    assert!(conflicts(&v).is_empty(), "variant: {:?}", messages(&v));
}

fn date_subjects(text: &str) -> Vec<String> {
    let r = run(&[text]);
    r.claims.iter().filter(|c| c.kind == claimcheck::extract::ClaimKind::Date).map(|c| c.subject.to_string()).collect()
}

#[test]
fn an_arrival_does_not_take_the_date_of_arrests_recalled_after_it() {
    let near = date_subjects("وصل الوزير الفرنسي إلى موسكو في 27 مايو.");
    assert!(near.iter().any(|s| s.starts_with("date/deployment")), "{near:?}");
    let far = date_subjects("وصل الوزير الفرنسي إلى موسكو لأول مرة منذ اعتقال عدد من المسؤولين في 27 مايو.");
    assert!(!far.iter().any(|s| s.starts_with("date/deployment")), "{far:?}");
}

#[test]
fn a_falling_toll_says_who_gave_which_figure() {
    let sources =
        [("قتل 900 شخص في الزلزال في تركيا.", "2023-02-06"), ("بلغ عدد قتلى الزلزال في تركيا 120 قتيلا.", "2023-02-09")]
            .iter()
            .enumerate()
            .map(|(i, (text, p))| {
                let id = format!("s{}", i + 1);
                Source::from_text(
                    &id,
                    format!("{id}.md"),
                    format!("---\npublished: {p}\noutlet: outlet{}\n---\n{text}", i + 1),
                )
                .0
            })
            .collect();
    let r = common::engine().run_sources(sources, vec![]);
    let m = messages(&r);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("outlet1 say 900") && m[0].contains("outlet2 say 120 later"), "{}", m[0]);
}

#[test]
fn a_clause_that_tells_of_another_operation_is_an_aside() {
    cue_keeps_apart(
        &[
            "واعتقلت قوات الأمن 13 عنصرا من الخلية في مداهمات بالعاصمة.",
            "واعتقلت قوات الأمن ثلاثة عناصر من الخلية في مداهمات بالعاصمة.",
        ],
        &[
            "واعتقلت قوات الأمن 13 عنصرا من الخلية في مداهمات بالعاصمة.",
            "وفي عملية أخرى منفصلة، اعتقلت قوات الأمن ثلاثة عناصر من الخلية في مداهمات بالعاصمة.",
        ],
    );
}

#[test]
fn fighters_to_take_part_are_not_fighters_trained() {
    cue_keeps_apart(
        &[
            "وقال المتحدث إن نحو 1800 مقاتل من العشائر تلقوا تدريبات في القاعدة.",
            "وقال المتحدث إن أكثر من ستة آلاف مقاتل من العشائر تلقوا تدريبات في القاعدة.",
        ],
        &[
            "وقال المتحدث إن نحو 1800 مقاتل من العشائر تلقوا تدريبات في القاعدة.",
            "وقال المتحدث إن أكثر من ستة آلاف مقاتل من العشائر سيشاركون في المعركة.",
        ],
    );
}

#[test]
fn at_least_after_the_counted_noun_hedges_the_number() {
    let r = run(&["قتل 20 شخصا على الأقل في تبادل لإطلاق النار في حفل زفاف."]);
    let c = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Count).expect("a count");
    assert_eq!(c.value.normalized(), ">=20");
    assert_eq!(r.sources[0].slice(c.span), "20 شخصا على الأقل");
    let r = run(&["قتل عشرة جنود أفغان على الأقل في غارة."]);
    let c = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Count).expect("a count");
    assert_eq!(c.value.normalized(), ">=10");
}

#[test]
fn a_town_near_the_border_with_a_country_is_not_in_that_country() {
    let r = run(&["قتل 27 شخصا قرب الحدود مع سوريا في انفجار في بلدة سروج بتركيا."]);
    let c = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Count).expect("a count");
    assert!(c.subject.ends_with("/TR"), "{}", c.subject);
    let r = run(&["قتل 27 شخصا في انفجار في سوريا."]);
    let c = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Count).expect("a count");
    assert!(c.subject.ends_with("/SY"), "{}", c.subject);
}

#[test]
fn a_total_over_two_attacks_is_not_one_attack_s_figure() {
    cue_keeps_apart(
        &[
            "وأصيب ثلاثة من عناصر الشرطة في هجوم بقنبلة في ولاية هكاري.",
            "وأصيب تسعة من عناصر الشرطة في هجوم بقنبلة في ولاية هكاري.",
        ],
        &[
            "وأصيب ثلاثة من عناصر الشرطة في هجوم بقنبلة في ولاية هكاري.",
            "وأسفر هجومان على الشرطة في كل من ولاية هكاري وولاية ديار بكر عن إصابة تسعة من عناصر الشرطة.",
        ],
    );
}

#[test]
fn figures_of_two_numbered_stages_are_two_events() {
    cue_keeps_apart(
        &[
            "وأحرز لاعبو المنتخب السعودي 8 لاعبين متأهلين في دورة الألعاب العالمية في لوس أنجلوس.",
            "وأحرز لاعبو المنتخب السعودي 15 لاعبا متأهلا في دورة الألعاب العالمية في لوس أنجلوس.",
        ],
        &[
            "وأحرز لاعبو المنتخب السعودي 8 لاعبين متأهلين في اليوم الرابع من دورة الألعاب العالمية في لوس أنجلوس.",
            "وأحرز لاعبو المنتخب السعودي 15 لاعبا متأهلا في اليوم الخامس من دورة الألعاب العالمية في لوس أنجلوس.",
        ],
    );
}

/// Articles with a title each (the lead that names the story's event), of
/// different outlets, published on one day.
fn run_titled(docs: &[(&str, &str)]) -> Run {
    run_fronted(
        docs.iter()
            .enumerate()
            .map(|(i, (title, text))| (format!("title: {title}\npublished: {PUB}\noutlet: outlet{}", i + 1), *text)),
    )
}

/// Articles, each with the lines of its front matter, in one run.
fn run_fronted<'a>(docs: impl Iterator<Item = (String, &'a str)>) -> Run {
    let sources = docs
        .enumerate()
        .map(|(i, (front, text))| {
            let id = format!("s{}", i + 1);
            Source::from_text(&id, format!("{id}.md"), format!("---\n{front}\n---\n{text}")).0
        })
        .collect();
    common::engine().run_sources(sources, vec![])
}

#[test]
fn the_attack_of_the_headline_is_one_event_in_every_report_of_it() {
    // Two outlets, two wordings, no rare word shared by the toll clauses:
    // "the attack" and "the bombing" of headlines about one attack.
    let (first, second) = (
        "تحديد هوية مشتبه به في الهجوم الانتحاري على المركز الثقافي",
        "الشرطة تحدد هوية منفذ الهجوم الانتحاري على المركز الثقافي",
    );
    let control = run_titled(&[
        (first, "وأوضح المتحدث أن حصيلة الهجوم ارتفعت إلى 32 قتيلا."),
        (second, "وقال مسؤول إن التفجير أسفر عن سقوط 30 قتيلا."),
    ]);
    assert_eq!(conflicts(&control), [RuleId::HeadCountMismatch], "{:?}", messages(&control));
    // "A bombing" brings in another one: not the headline's.
    let other = run_titled(&[
        (first, "وأوضح المتحدث أن حصيلة الهجوم ارتفعت إلى 32 قتيلا."),
        (second, "وقال مسؤول إن تفجيرا أسفر عن سقوط 30 قتيلا."),
    ]);
    assert!(conflicts(&other).is_empty(), "{:?}", messages(&other));
}

#[test]
fn a_tally_of_the_year_is_not_the_toll_of_the_headline_incident() {
    let title = "انهيارات أرضية تسفر عن سقوط 28 قتيلا";
    let day = "وارتفعت حصيلة ضحايا الانهيارات الأرضية إلى 28 قتيلا.";
    let control =
        run_titled(&[(title, day), (title, "وتسبب الانهيار في مقتل قرابة 9000 شخص وزاد من خطر الانهيارات الأرضية.")]);
    assert_eq!(conflicts(&control), [RuleId::HeadCountMismatch], "{:?}", messages(&control));
    let year = run_titled(&[
        (title, day),
        (title, "وتسبب الانهيار في مقتل قرابة 9000 شخص هذا العام وزاد من خطر الانهيارات الأرضية."),
    ]);
    assert!(conflicts(&year).is_empty(), "{:?}", messages(&year));
}

/// The country part of each count claim's subject key.
fn count_places(r: &Run) -> Vec<String> {
    r.claims
        .iter()
        .filter(|c| c.kind == claimcheck::extract::ClaimKind::Count)
        .map(|c| c.subject.rsplit('/').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_town_named_with_its_country_adjective_is_in_that_country() {
    let r = run(&["قتل 30 شخصا في مدينة سوروتش التركية قرب الحدود السورية."]);
    assert_eq!(count_places(&r), ["TR"]);
    let r = run(&["قتل 30 شخصا في مدينة القامشلي السورية قرب الحدود التركية."]);
    assert_eq!(count_places(&r), ["SY"]);
}

#[test]
fn land_named_by_its_country_adjective_is_in_that_country() {
    let r = run(&["واستهدفت طائرات تركية ثلاثة مواقع للتنظيم داخل الأراضي السورية."]);
    assert_eq!(count_places(&r), ["SY"]);
    let r = run(&["قتل ستة أشخاص في هجوم على فندق بالعاصمة الصومالية."]);
    assert_eq!(count_places(&r), ["SO"]);
    // Land a shell came from is not where five were hurt; a nationality
    // of people is no place at all.
    let r = run(&["أصيب خمسة أشخاص في جازان بسقوط مقذوفات من داخل الأراضي اليمنية."]);
    assert_eq!(count_places(&r), ["SA"]);
    let r = run(&["اعتقل الجيش في بيروت 23 شخصا من التابعية السورية."]);
    assert_eq!(count_places(&r), ["LB"]);
}

#[test]
fn a_toll_with_no_country_joins_the_country_of_its_town() {
    let r = run(&[
        "وأسفر التفجير في بلدة سروج التركية عن مقتل 32 شخصا.",
        "وقتل 20 شخصا في هجوم على مدينة الحسكة في سوريا.",
        "وقال المسؤول إن 30 شخصا قتلوا في بلدة سروج.",
    ]);
    let keys: Vec<&str> = r.subjects.iter().filter(|s| s.claims.len() > 1).map(|s| s.key.as_str()).collect();
    assert!(keys.iter().any(|k| k.ends_with("killed/TR")), "{keys:?}");
    assert_eq!(conflicts(&r), [RuleId::HeadCountMismatch], "{:?}", messages(&r));
}

#[test]
fn amounts_in_two_leads_are_the_story_s_main_fact() {
    // News states its main facts first: a total in each article's first
    // sentence is the story's, however differently the clauses read.
    let title = "الحكومة تقر خطة لتطوير المنطقة";
    let first = "وافق مجلس الوزراء في السعودية في جلسته الأسبوعية برئاسة خادم الحرمين على خطة شاملة لتطوير المنطقة وتحسين الخدمات والطرق بتكلفة للمشروع بلغت 90 مليون ريال وفق بيان رسمي صدر عقب الجلسة.";
    let lead =
        run_titled(&[(title, first), (title, "أقرت الحكومة في السعودية الخطة، إذ بلغت تكلفة المشروع 95 مليون ريال.")]);
    assert_eq!(conflicts(&lead), [RuleId::MoneyMismatch], "{:?}", messages(&lead));
    // The same clause after a lead of its own: nothing ties it to the first.
    let later = run_titled(&[
        (title, first),
        (
            title,
            "قال وزير المالية في السعودية إن الحكومة تولي الخدمات أهمية كبيرة في خطتها. وأقرت الحكومة الخطة، إذ بلغت تكلفة المشروع 95 مليون ريال.",
        ),
    ]);
    assert!(conflicts(&later).is_empty(), "{:?}", messages(&later));
    // A lead's figure for a stated day against one with no time: not the
    // same fact for that reason alone.
    let dated = run_titled(&[
        (title, first),
        (title, "أقرت الحكومة في السعودية الخطة، إذ بلغت تكلفة المشروع يوم الأحد الماضي 95 مليون ريال."),
    ]);
    assert!(conflicts(&dated).is_empty(), "{:?}", messages(&dated));
}

#[test]
fn a_tally_since_a_day_is_not_one_attack_s_toll() {
    // PUB is 10 March: «since 20 February» is a tally of two weeks and
    // more, three soldiers are one ambush's.
    cue_keeps_apart(
        &[
            "وقتل 11 جنديا على الأقل في هجوم على قافلة عسكرية في شمال سيناء.",
            "وقتل ثلاثة جنود في هجوم على قافلة عسكرية في شمال سيناء.",
        ],
        &[
            "ومنذ اندلاع موجة العنف في 20 فبراير، قتل 11 جنديا على الأقل في هجمات على قوافل عسكرية في شمال سيناء.",
            "وقتل ثلاثة جنود في هجوم على قافلة عسكرية في شمال سيناء.",
        ],
    );
}

#[test]
fn a_figure_dated_years_back_is_not_today_s() {
    cue_keeps_apart(
        &[
            "وانتشلت فرق الإنقاذ 15 جثة من النهر بعد غرق المركب في محافظة المنيا.",
            "وانتشلت فرق الإنقاذ 24 جثة من النهر بعد غرق المركب في محافظة المنيا.",
        ],
        &[
            "وانتشلت فرق الإنقاذ 15 جثة من النهر بعد غرق المركب في محافظة المنيا.",
            "وفي 11 أكتوبر 2021 انتشلت فرق الإنقاذ 24 جثة من النهر بعد غرق المركب في محافظة المنيا.",
        ],
    );
}

#[test]
fn a_count_over_several_counted_incidents_is_their_total() {
    cue_keeps_apart(
        &["وأصيب 13 شخصا في حادث مروري على طريق الباحة أمس.", "وأصيب 9 أشخاص في حادث مروري على طريق الباحة أمس."],
        &[
            "وأصيب 13 شخصا في خمسة حوادث مرورية على طريق الباحة أمس.",
            "وأصيب 9 أشخاص في حادث مروري على طريق الباحة أمس.",
        ],
    );
}

#[test]
fn tallies_of_two_periods_are_two_tallies() {
    cue_keeps_apart(
        &[
            "وضبطت الجمارك خلال الربع الأول من عام 2023 نحو 18 مليون وحدة مقلدة.",
            "وضبطت الجمارك خلال الربع الأول من عام 2023 نحو 45 مليون وحدة مقلدة.",
        ],
        &[
            "وضبطت الجمارك خلال الربع الأول من عام 2023 نحو 18 مليون وحدة مقلدة.",
            "وضبطت الجمارك خلال الربع الثاني من عام 2023 نحو 45 مليون وحدة مقلدة.",
        ],
    );
}

#[test]
fn the_counted_noun_alone_does_not_make_two_figures_one_event() {
    // An unlisted noun is the figure's measure: two ceremonies that each
    // honoured some top students share it and nothing else of note.
    cue_keeps_apart(
        &[
            "وكرمت جائزة كتنة للتفوق العلمي مساء أمس 33 متفوقا ومتفوقة من مختلف المراحل.",
            "وكرمت جائزة كتنة للتفوق العلمي مساء أمس 55 متفوقا ومتفوقة من مختلف المراحل.",
        ],
        &[
            "وكرمت جائزة كتنة للتفوق العلمي مساء أمس 33 متفوقا ومتفوقة من مختلف المراحل.",
            "وتوجت جائزة الحارثي في حفلها السنوي 55 متفوقا ومتفوقة بحضور المحافظ.",
        ],
    );
}

#[test]
fn a_toll_with_no_place_is_the_toll_of_the_one_town_the_story_names() {
    // Two reports name the town (spelled two ways); a third speaks only
    // of "the injured", and names the town elsewhere: in a story of one
    // small town, they are its.
    let claimed = "وتبنى تنظيم متطرف الهجوم الانتحاري على المركز الثقافي للشباب قرب الحدود الجنوبية.";
    let injured = "وقال نائب رئيس الوزراء إن 32 من الجرحى الذين بلغ عددهم نحو مئة ما زالوا في المستشفيات.";
    let keys = |a: &str, b: &str, third_names: &str| {
        let first = format!("قتل 27 شخصا وأصيب نحو مئة في انفجار انتحاري {a}. {claimed}");
        let second = format!("وأسفر الانفجار الانتحاري {b} عن مقتل 27 شخصا وإصابة نحو مئة. {claimed}");
        let third = format!("{claimed} {third_names} {injured}");
        let r = run(&[&first, &second, &third]);
        let keys: Vec<String> = r
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| r.sources[c.source].slice(c.span) == "نحو مئة")
            .map(|(i, _)| r.subjects.iter().find(|s| s.claims.contains(&i)).unwrap().key.clone())
            .collect();
        assert_eq!(keys.len(), 3, "{keys:?}");
        let story = |k: &str| k.split(':').next().unwrap_or_default().to_string();
        assert_eq!(story(&keys[2]), story(&keys[0]), "one story: {keys:?}");
        keys
    };
    let (a, b) = ("في بلدة كرتسان الحدودية", "في بلدة كيرتسان الحدودية");
    let named = keys(a, b, "وشيع سكان بلدة كرتسان ضحاياهم.");
    assert!(named.iter().all(|k| *k == named[0]), "{named:?}");
    // The third article does not name the town: its toll may be of
    // another incident the story tells of.
    let elsewhere = keys(a, b, "وشيع سكان المدينة ضحاياهم.");
    assert_ne!(elsewhere[2], elsewhere[0], "{elsewhere:?}");
    // No town at all: nothing makes the third toll theirs.
    let unnamed = keys("قرب الحدود", "قرب الحدود", "وشيع السكان ضحاياهم.");
    assert_ne!(unnamed[2], unnamed[0], "{unnamed:?}");
}

#[test]
fn a_toll_in_a_clause_of_consequence_is_of_the_event_before_it() {
    // «…، مما أسفر عن مقتل 14 شخصا»: the clause that tells the toll says
    // nothing of the event; the clause before it does. Read together, the
    // two reports of one shooting disagree on both figures; with the
    // shooting placed in another province, they are two events.
    let other = "قتل 17 شخصا وأصيب تسعة آخرون حين فتح مسلحون النار على حفل زفاف في قرية نائية بإقليم قندوز.";
    let one =
        run(&["فتح مسلحون النار على حفل زفاف في قرية نائية بإقليم قندوز، مما أسفر عن مقتل 14 شخصا وإصابة ستة.", other]);
    assert_eq!(conflicts(&one), [RuleId::HeadCountMismatch, RuleId::HeadCountMismatch], "{:?}", messages(&one));
    let two =
        run(&["فتح مسلحون النار على حفل زفاف في قرية نائية بإقليم بغلان، مما أسفر عن مقتل 14 شخصا وإصابة ستة.", other]);
    assert!(conflicts(&two).is_empty(), "{:?}", messages(&two));
}

/// Articles `(outlet, published, text)` in one run.
fn run_dated(docs: &[(&str, &str, &str)]) -> Run {
    run_fronted(
        docs.iter().map(|(outlet, published, text)| (format!("published: {published}\noutlet: {outlet}"), *text)),
    )
}

#[test]
fn copies_of_one_agency_text_state_one_figure() {
    // A tally since a day («منذ … وصل … إلى») is compared only on a day the
    // text states, and this one states none; but two outlets printing one
    // agency text on one day print one statement. Printed two days apart,
    // the copies may be of two releases, and stay apart.
    let agency = "أعلنت الهيئة العامة للسياحة أن برنامج الإيواء الريفي الذي أطلقته قبل عامين حقق نتائج فاقت التوقعات في المناطق الجبلية. \
                  ومنذ أن بدأ البرنامج نشاطه في صيف 2013 وصل عدد المنازل المشاركة إلى نحو 300 منزل في 14 محافظة. \
                  وأوضحت الهيئة في بيانها أن البرنامج يهدف إلى تنويع مصادر الدخل لسكان القرى وتشجيع السياحة الداخلية خلال الإجازات. \
                  وأضافت أن المرحلة المقبلة ستشمل تدريب الأسر على معايير الضيافة والسلامة.";
    let subjects = |second_day: &str| {
        let r = run_dated(&[("a", "2024-03-10", agency), ("b", second_day, agency)]);
        let of = |i: usize| r.subjects.iter().find(|s| s.claims.contains(&i)).map(|s| s.key.clone());
        let keys: BTreeSet<Option<String>> = r
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| r.sources[c.source].slice(c.span) == "14 محافظة")
            .map(|(i, _)| of(i))
            .collect();
        assert_eq!(r.stories.stories.len(), 1, "one story");
        keys.len()
    };
    assert_eq!(subjects("2024-03-10"), 1);
    assert_eq!(subjects("2024-03-12"), 2);
}

#[test]
fn items_of_a_copied_list_join_the_same_items_of_each_copy() {
    // Each item of a list is its own subject; two outlets printing one
    // agency text print the same list, item for item. Printed two days
    // apart (two releases), no item joins.
    let agency = "أعلنت المصلحة العامة للجمارك أن إجمالي الحاويات الواردة خلال الشهر بلغ 103 آلاف حاوية. \
                  ومنها 48 ألف حاوية عبر جمرك ميناء جدة الإسلامي و44 ألف حاوية عبر جمرك ميناء الدمام و11 ألف حاوية عبر جمرك ميناء ينبع. \
                  وأوضحت المصلحة أن الإجراءات الجديدة خفضت زمن الفسح في المنافذ البحرية إلى أقل من يومين.";
    let subjects = |second_day: &str| {
        let r = run_dated(&[("a", "2024-03-10", agency), ("b", second_day, agency)]);
        assert_eq!(r.stories.stories.len(), 1, "one story");
        let items = ["48 ألف حاوية", "44 ألف حاوية", "11 ألف حاوية"];
        let keys: BTreeSet<(usize, String)> = r
            .claims
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let item = items.iter().position(|q| r.sources[c.source].slice(c.span) == *q)?;
                Some((item, r.subjects.iter().find(|s| s.claims.contains(&i))?.key.clone()))
            })
            .collect();
        keys
    };
    let same_day = subjects("2024-03-10");
    assert_eq!(same_day.len(), 3, "one subject an item: {same_day:?}");
    assert_eq!(same_day.iter().map(|(_, k)| k).collect::<BTreeSet<_>>().len(), 3, "{same_day:?}");
    assert_eq!(subjects("2024-03-12").len(), 6);
}

#[test]
fn the_same_items_of_two_outlets_lists_are_one_subject_when_the_other_items_agree() {
    // Two outlets, each in its own words, list the units of one decision:
    // item for item the same figures, so each item is one subject
    // (corroborated). One differing item with the other agreeing is a
    // disagreement on that item; lists that differ in every item count
    // different things in one order, and no item is set against another.
    let a = "وأقرت لجنة التخطيط الإسرائيلية خطة لبناء 886 وحدة استيطانية جديدة في مستوطنات الضفة الغربية، إضافة إلى المصادقة بأثر رجعي على 179 وحدة استيطانية بنيت بشكل عشوائي.";
    let b = |first: &str, second: &str| {
        format!("وصادقت لجنة التخطيط الإسرائيلية على خطة لبناء {first} وحدة استيطانية جديدة في مستوطنات الضفة الغربية، إضافة إلى المصادقة بأثر رجعي على {second} وحدة استيطانية بنيت بشكل عشوائي.")
    };
    let same = b("886", "179");
    let r = run_dated(&[("a", PUB, a), ("b", PUB, &same)]);
    assert_eq!(r.stories.stories.len(), 1, "one story");
    let subjects: BTreeSet<&str> = r.subjects.iter().filter(|s| s.claims.len() == 2).map(|s| &*s.key).collect();
    assert_eq!(
        subjects.len(),
        2,
        "each item one subject of both: {:?}",
        r.subjects.iter().map(|s| (&s.key, &s.claims)).collect::<Vec<_>>()
    );
    let one_differs = b("886", "197");
    let r = run_dated(&[("a", PUB, a), ("b", PUB, &one_differs)]);
    assert_eq!(conflicts(&r), [RuleId::HeadCountMismatch], "{:?}", messages(&r));
    assert!(messages(&r)[0].contains("179") && messages(&r)[0].contains("197"), "{:?}", messages(&r));
    let both_differ = b("1200", "450");
    let r = run_dated(&[("a", PUB, a), ("b", PUB, &both_differ)]);
    assert!(conflicts(&r).is_empty(), "{:?}", messages(&r));
}

#[test]
fn a_place_the_article_only_implies_does_not_split_a_figure_from_the_stated_one() {
    // The first report never says where the network was caught; its
    // article is mostly about Syria, so its figure is assumed to be
    // Syria's. The second states Kuwait. An assumed place fits a stated
    // one, as an unknown does: one subject, and a disagreement when the
    // figures differ. Two stated places stay apart.
    const TITLE: &str = "كشف شبكة إرهابية لتمويل داعش";
    let first = |n: &str| {
        format!(
            "يتوسع تنظيم داعش في سوريا منذ عامين. وتقول مصادر في دمشق إن التنظيم يجند عناصر من دول الخليج. \
             وكشفت الأجهزة الأمنية شبكة إرهابية تضم {n} متهمين بتمويل التنظيم. وتواصل القوات السورية عملياتها في ريف حلب."
        )
    };
    let second = |n: &str, place: &str| {
        format!(
            "وكشفت الأجهزة الأمنية في {place} شبكة إرهابية تضم {n} متهمين بتمويل تنظيم داعش. \
             وقالت المصادر إن الشبكة كانت تجند عناصر من دول الخليج لصالح التنظيم وتحول الأموال إليه."
        )
    };
    let subjects = |r: &Run| -> BTreeSet<String> {
        r.subjects.iter().filter(|s| s.key.contains("متهم")).map(|s| s.key.clone()).collect()
    };
    let r = run_titled(&[(TITLE, &first("خمسة")), (TITLE, &second("خمسة", "الكويت"))]);
    assert_eq!(r.stories.stories.len(), 1, "one story");
    assert_eq!(subjects(&r).len(), 1, "{:?}", subjects(&r));
    let r = run_titled(&[(TITLE, &first("خمسة")), (TITLE, &second("سبعة", "الكويت"))]);
    assert_eq!(conflicts(&r).len(), 1, "{:?}", messages(&r));
    // Stated on both sides, two countries: two subjects.
    let r = run_titled(&[(TITLE, &second("خمسة", "العراق")), (TITLE, &second("سبعة", "الكويت"))]);
    assert_eq!(subjects(&r).len(), 2, "{:?}", subjects(&r));
}

/// The time a count speaks of: beyond its clause, a date after it across
/// a word naming another event is that event's, unless the clause gives
/// that event as the figure's cause.
#[test]
fn a_date_of_another_event_later_in_the_sentence_is_not_the_count_s() {
    let time_of = |text: &str| {
        let r = run(&[text]);
        let c = r.claims.iter().find(|c| c.kind == claimcheck::extract::ClaimKind::Count).expect("a count");
        c.time.as_ref().map(|t| t.text.clone()).unwrap_or_default()
    };
    let other =
        "وتم ضبط 97 موقوفاً في الرياض، لعلاقتهم بأعضاء الخلية التي تقف خلف الحادث المعلن عنهم بتاريخ 2 / 2 / 1436هـ.";
    assert_eq!(time_of(other), "");
    let announced =
        "وتضم المجموعة 40 شخصا تم إيقافهم لارتباطهم بالخلية التي سبق الإعلان عنها في الثاني من شهر صفر الماضي.";
    assert_eq!(time_of(announced), "");
    let cause = "وأصيب 41 شخصا في الرياض، وصفت بعضها بالحرجة إثر حادث سير حافلة فجر أمس.";
    assert_eq!(time_of(cause), "فجر أمس");
    let plain = "وأصيب 41 شخصا في الرياض، وصفت بعضها بالحرجة فجر أمس.";
    assert_eq!(time_of(plain), "فجر أمس");
}

/// A spokesman reports every crash of his region: a report that shares
/// only his name and title with one of days before is another incident,
/// and is not set against a third report joined to that one by its
/// village (the same day, his name still ties two reports of his one
/// statement: only reports more than a day apart leave it out).
#[test]
fn a_spokesman_shared_by_reports_days_apart_does_not_make_one_event() {
    let spokesman = "وأوضح المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة الرياض عبدالله المريبض أن";
    // One story: each article ends with the same background.
    let background = "وتباشر فرق الهلال الأحمر السعودي بمنطقة الرياض حوادث الطرق السريعة في المحافظات المجاورة للعاصمة على مدار الساعة.";
    let first = format!("{spokesman} حادث انقلاب وقع قرب قرية الحوميات وأسفر عن إصابة أربعة أشخاص. {background}");
    let village = format!("أصيب تسعة أشخاص في حادث انقلاب قرب قرية الحوميات. {background}");
    let other = format!("{spokesman} حادث تصادم وقع على طريق سريع وأسفر عن إصابة ثلاثة أشخاص. {background}");
    let apart = run_dated(&[("a", "2024-03-06", &first), ("b", "2024-03-10", &other), ("c", "2024-03-10", &village)]);
    assert_eq!(apart.stories.stories.len(), 1, "one story");
    assert!(conflicts(&apart).is_empty(), "{:?}", messages(&apart));
    // The village still ties its two reports into one event.
    let subject_of = |quote: &str| {
        let i = apart.claims.iter().position(|c| apart.sources[c.source].slice(c.span) == quote).expect(quote);
        apart.subjects.iter().find(|s| s.claims.contains(&i)).map(|s| s.key.clone())
    };
    assert_eq!(subject_of("أربعة أشخاص"), subject_of("تسعة أشخاص"));
    assert_ne!(subject_of("أربعة أشخاص"), subject_of("ثلاثة أشخاص"));
}
