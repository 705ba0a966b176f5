//! Dates in every shape news writes them (issue 13, part 5): numeric dates
//! in each order, separator, digit system and calendar; relative days; bare
//! weekdays in past and future clauses; and a day/month in digits read as a
//! date, not a fraction, where a date fits. Sentences written for these
//! tests; each checks the normalised value and the words of the expression.

mod common;

use chrono::NaiveDate;
use claimcheck::text::dates::DateLexicon;
use claimcheck::text::Tokenized;

/// Wednesday 10 April 2024.
const PUB: &str = "2024-04-10";

/// Every date found: its words and value notation.
fn dates(text: &str, published: &str) -> Vec<(String, String)> {
    let t = Tokenized::new(text, 0);
    let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    DateLexicon::builtin()
        .find_all(&t, published)
        .iter()
        .map(|m| {
            let span = t.span(m.tokens.start, m.tokens.end);
            (text[span.start..span.end].to_string(), m.value.map_or("?".to_string(), |v| v.notation()))
        })
        .collect()
}

/// The text has exactly this one date.
fn check(text: &str, published: &str, words: &str, value: &str) {
    let got = dates(text, published);
    assert_eq!(got, vec![(words.to_string(), value.to_string())], "{text}");
}

fn none(text: &str, published: &str) {
    let got = dates(text, published);
    assert!(got.is_empty(), "{text}: expected no date, got {got:?}");
}

#[test]
fn numeric_day_month_year_with_each_separator() {
    check("صدر القرار في 7/10/2015.", PUB, "7/10/2015", "2015-10-07");
    check("صدر القرار في 7-10-2015.", PUB, "7-10-2015", "2015-10-07");
    check("صدر القرار في 7.10.2015.", PUB, "7.10.2015", "2015-10-07");
}

#[test]
fn numeric_year_first() {
    check("صدر القرار في 2015/10/7.", PUB, "2015/10/7", "2015-10-07");
    check("صدر القرار في 2015-10-07.", PUB, "2015-10-07", "2015-10-07");
}

#[test]
fn numeric_month_first_only_when_the_day_cannot_be_a_month() {
    check("وقع الاتفاق في 9/18/2015 في جنيف.", PUB, "9/18/2015", "2015-09-18");
    // Both fit: Arabic outlets write the day first.
    check("وقع الاتفاق في 9/10/2015 في جنيف.", PUB, "9/10/2015", "2015-10-09");
}

#[test]
fn era_marks_and_digit_systems() {
    check("صدر القرار في 7/10/2015م.", PUB, "7/10/2015م", "2015-10-07");
    check("صدر القرار في ٧/١٠/٢٠١٥م.", PUB, "٧/١٠/٢٠١٥م", "2015-10-07");
    check("صدر القرار في ۷/۱۰/۲۰۱۵.", PUB, "۷/۱۰/۲۰۱۵", "2015-10-07");
}

#[test]
fn numeric_hijri_dates_are_converted_with_umm_al_qura() {
    check("وصدر القرار بتاريخ 1436/10/7هـ", PUB, "1436/10/7هـ", "2015-07-23");
    check("وصدر القرار بتاريخ 7/10/1436هـ", PUB, "7/10/1436هـ", "2015-07-23");
    check("وصدر القرار بتاريخ 7-10-1436 هـ", PUB, "7-10-1436 هـ", "2015-07-23");
    check("وصدر القرار بتاريخ ١٤٣٦/١٠/٧هـ", PUB, "١٤٣٦/١٠/٧هـ", "2015-07-23");
    // A year in the Hijri range and below any Gregorian year of the news.
    check("وصدر القرار بتاريخ 7/10/1436", PUB, "7/10/1436", "2015-07-23");
}

#[test]
fn a_numeric_date_with_spaces_around_its_separators() {
    check("وصدر البيان بتاريخ 2 / 2 / 1436هـ", PUB, "2 / 2 / 1436هـ", "2014-11-24");
    check("وصدر البيان في 12 - 5 - 2015م", PUB, "12 - 5 - 2015م", "2015-05-12");
    // Two spaced parts stay a fraction or a score; so do mixed separators.
    none("وانتهت المباراة بنتيجة 2 / 1 للفريق الضيف.", PUB);
    none("وبلغت النسبة 2 / 5 - 2015 في التقرير.", PUB);
}

#[test]
fn a_day_and_month_after_a_verb_of_occurring_is_a_date() {
    check("وقع الهجوم في 22/04 قرب الحدود.", PUB, "22/04", "2024-04-22");
    check("وقع الهجوم في 4/22 قرب الحدود.", PUB, "4/22", "2024-04-22");
    check("وقعت الاشتباكات في 22-4 قرب الحدود.", PUB, "22-4", "2024-04-22");
    check("سأعود 22/04", PUB, "22/04", "2024-04-22");
    // In an article of January, April is last year's (rules/dates.toml [window]).
    check("اندلع الحريق في 22/04 في المصنع.", "2024-12-30", "22/04", "2024-04-22");
}

#[test]
fn a_day_and_month_after_a_date_noun_or_before_a_month_word_is_a_date() {
    check("صدر البيان بتاريخ 22/04 عن الوزارة.", PUB, "22/04", "2024-04-22");
    check("جرت الانتخابات يوم 3/4.", PUB, "يوم 3/4", "2024-04-03");
    check("انفجرت سيارة مساء الأحد 7/4.", PUB, "مساء الأحد 7/4", "2024-04-07");
    check("سجلت الإصابة 3/4 من الشهر الجاري.", PUB, "3/4 من الشهر الجاري", "2024-04-03");
}

#[test]
fn a_day_and_month_without_context_stays_a_number() {
    none("أنجز الفريق 22/04 من المهام.", PUB);
    none("ارتفعت النسبة إلى 3/4 من السكان.", PUB);
    none("انتهت المباراة بنتيجة 2-1.", PUB);
    none("وصل عدد القتلى في 3.5 ساعات إلى عشرة.", PUB);
}

#[test]
fn two_digit_years_in_context() {
    check("عقد المجلس جلسته يوم 22/4/24.", PUB, "يوم 22/4/24", "2024-04-22");
    check("وقعت الحادثة في 18-9-15 ليلا.", PUB, "18-9-15", "2015-09-18");
    check("وقعت الحادثة في 18-9-99 ليلا.", PUB, "18-9-99", "1999-09-18");
    none("رقم الملف 18-9-15 في الأرشيف.", PUB);
}

#[test]
fn relative_days() {
    check("وصل الوفد أمس.", PUB, "أمس", "2024-04-09");
    check("وصل الوفد أمس الأول.", PUB, "أمس الأول", "2024-04-08");
    check("وصل الوفد أول أمس.", PUB, "أول أمس", "2024-04-08");
    check("يصل الوفد غدا.", PUB, "غدا", "2024-04-11");
    check("يصل الوفد بعد غد.", PUB, "بعد غد", "2024-04-12");
}

#[test]
fn today_is_read_before_a_weekday_or_after_a_verb() {
    check("أعلنت الوزارة اليوم الأربعاء حصيلة جديدة.", PUB, "اليوم الأربعاء", "2024-04-10");
    check("عقد المجلس اليوم جلسة طارئة.", PUB, "اليوم", "2024-04-10");
    check("سأعود اليوم", PUB, "اليوم", "2024-04-10");
    none("يواجه العالم اليوم أزمة غذاء.", PUB);
    none("احتفلت البلاد اليوم الوطني.", PUB);
}

#[test]
fn today_with_another_weekday_is_that_weekday_before_a_late_feed_date() {
    // A feed dated Saturday 13 April (its crawl date) quoting a statement
    // of "today, Monday": the Monday before.
    check("قالت الوزارة في بيان اليوم الاثنين إن الحصيلة ارتفعت.", "2024-04-13", "اليوم الاثنين", "2024-04-08");
    check("أعلنت الوزارة اليوم الأربعاء حصيلة جديدة.", "2024-04-11", "اليوم الأربعاء", "2024-04-10");
}

#[test]
fn a_bare_weekday_in_a_past_clause_is_the_latest_on_or_before_publication() {
    check("زار الرئيس القاهرة يوم الخميس.", PUB, "يوم الخميس", "2024-04-04");
    check("التقى الوزير نظيره الأربعاء.", PUB, "الأربعاء", "2024-04-10");
    check("وصل الوفد الثلاثاء.", PUB, "الثلاثاء", "2024-04-09");
}

#[test]
fn a_bare_weekday_in_a_future_clause_is_the_next_on_or_after_publication() {
    check("سيزور الرئيس القاهرة يوم الخميس.", PUB, "يوم الخميس", "2024-04-11");
    check("ستعقد القمة الثلاثاء في الرياض.", PUB, "الثلاثاء", "2024-04-16");
    check("سوف يصل الوفد يوم الأحد.", PUB, "يوم الأحد", "2024-04-14");
    check("ومن المقرر أن يصل الوفد يوم الأحد.", PUB, "يوم الأحد", "2024-04-14");
    check("سأعود يوم الأربعاء", PUB, "يوم الأربعاء", "2024-04-10");
    // المقبل / الماضي say it themselves.
    check("ستعقد القمة الخميس المقبل.", PUB, "الخميس المقبل", "2024-04-11");
    check("زار الرئيس القاهرة الخميس الماضي.", PUB, "الخميس الماضي", "2024-04-04");
}

#[test]
fn a_past_verb_nearer_than_a_future_one_decides() {
    check("سيزور الرئيس القاهرة بعد أن التقى نظيره الخميس.", PUB, "الخميس", "2024-04-04");
}

#[test]
fn no_panic_on_odd_numeric_shapes() {
    for text in
        ["في 0/0", "في 99/99/99", "وقع في 31/2", "وقع في 1/1/", "وقع في /1/1", "وقع 12345/1/1", "يوم 4.", "يوم .4"]
    {
        let _ = dates(text, PUB);
    }
    none("وقع الهجوم في 31/02.", PUB);
}

/// Through the whole extractor: where a date fits, the date reading wins
/// over the fraction the number parser would read (22/04 is not 5.5).
#[test]
fn the_date_reading_wins_over_a_fraction_in_mentions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.md");
    let text = "---\npublished: 2024-04-10\n---\nوقع الهجوم في 22/04 قرب الحدود. وأنجز الفريق 3/4 من المهام.\n";
    std::fs::write(&path, text).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .arg("mentions")
        .arg(&path)
        .output()
        .expect("run claimcheck");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Date «22/04» = 2024-04-22"), "{stdout}");
    assert!(!stdout.contains("Number «22/04»"), "{stdout}");
    assert!(stdout.contains("Number «3/4» = 0.75"), "{stdout}");
}

#[test]
fn later_and_early_in_this_period() {
    check("تعقد القمة في وقت لاحق من هذا الشهر.", PUB, "وقت لاحق من هذا الشهر", "2024-04-10/2024-04-30");
    check("وصل الوفد في وقت مبكر من هذا الشهر.", PUB, "وقت مبكر من هذا الشهر", "2024-04-01/2024-04-10");
    check("يصدر القرار في وقت لاحق من هذا العام.", PUB, "وقت لاحق من هذا العام", "2024-04-10/2024-12-31");
}

#[test]
fn ranges_of_relative_days_and_weekdays() {
    check("يبقى المعبر مغلقا اليوم حتى الغد.", PUB, "اليوم حتى الغد", "2024-04-10/2024-04-11");
    // الغد alone is "the future", not tomorrow.
    none("يبني الشباب الغد.", PUB);
    check("أغلقت المدارس من يوم الأحد حتى الثلاثاء.", PUB, "من يوم الأحد حتى الثلاثاء", "2024-04-07/2024-04-09");
}

#[test]
fn this_weekday() {
    check("سأعود هذا الخميس", PUB, "هذا الخميس", "2024-04-11");
    check("وصل الوفد هذا الثلاثاء.", PUB, "هذا الثلاثاء", "2024-04-09");
}

#[test]
fn weekdays_of_a_relative_week() {
    // Wednesday 10 April 2024: last week is 1-7 April.
    check("وصل الوفد أحد الأسبوع الماضي.", PUB, "أحد الأسبوع الماضي", "2024-04-07");
    check(
        "تعقد الجلسات الأسبوع المقبل بين الأربعاء والجمعة.",
        PUB,
        "الأسبوع المقبل بين الأربعاء والجمعة",
        "2024-04-17/2024-04-19",
    );
    // أحد alone is "one of".
    none("قال أحد المسؤولين إن الوضع هادئ.", PUB);
}

#[test]
fn the_nth_weekday_of_a_month() {
    check("سأعود أول يوم جمعة من يوليو", PUB, "أول يوم جمعة من يوليو", "2024-07-05");
    check("عقدت الجلسة ثالث ثلاثاء في أيلول 2014.", PUB, "ثالث ثلاثاء في أيلول 2014", "2014-09-16");
    check("عقدت الجلسة الاثنين الأخير من شهر آذار 2013.", PUB, "الاثنين الأخير من شهر آذار 2013", "2013-03-25");
    check("تعقد الجلسة آخر خميس من الشهر المقبل.", PUB, "آخر خميس من الشهر المقبل", "2024-05-30");
    // An ordinal that is also a day: Tuesday 3 September.
    check("عقدت الجلسة الثلاثاء الثالث من سبتمبر 2019.", PUB, "الثلاثاء الثالث من سبتمبر 2019", "2019-09-03");
}

/// The date mentions of one article of `outlet`: (words, value).
fn dates_in_outlet(outlet: &str, text: &str) -> Vec<(String, String)> {
    use claimcheck::rules::RuleSource;
    use claimcheck::sources::Source;
    let engine = claimcheck::Engine::load(&RuleSource::builtin()).expect("built-in rules load");
    let front = format!("---\npublished: {PUB}\noutlet: {outlet}\nlang: en\n---\n");
    let (src, _) = Source::from_text("s1", "s1.md".to_string(), format!("{front}{text}"));
    let r = engine.run_sources(vec![src], vec![]);
    r.mentions
        .iter()
        .filter(|m| matches!(m.kind, claimcheck::extract::MentionKind::Date))
        .map(|m| (m.text.clone(), m.normalized.clone()))
        .collect()
}

#[test]
fn a_day_and_month_that_fit_either_way_are_read_in_the_text_s_or_the_outlet_s_order() {
    let text = "The talks began on 3/4/2015 in Geneva.";
    // Day first by default (the Arabic and British press).
    assert_eq!(dates_in_outlet("outlet1", text), [("3/4/2015".to_string(), "2015-04-03".to_string())]);
    // An outlet that writes month first.
    assert_eq!(dates_in_outlet("apnews", text), [("3/4/2015".to_string(), "2015-03-04".to_string())]);
    // Another date of the text that only fits month first decides, whatever
    // the outlet.
    let both = "The talks began on 3/4/2015 in Geneva and ended on 9/18/2015.";
    assert_eq!(dates_in_outlet("outlet1", both)[0].1, "2015-03-04");
    // And one that only fits day first keeps an American outlet's day first.
    let uk = "The talks began on 3/4/2015 in Geneva and ended on 18/9/2015.";
    assert_eq!(dates_in_outlet("apnews", uk)[0].1, "2015-04-03");
}

/// «العام 1435/1436»: a Hijri year pair (a Saudi fiscal or academic year)
/// is Hijri with no mark; a Gregorian pair and a Hijri-range year alone
/// in a text with no mark are not converted.
#[test]
fn a_year_paired_with_the_next_across_a_slash_is_hijri() {
    check("اعتمدت المشاريع في موازنة العام 1435/1436.", "2015-07-27", "العام 1435", "2013-11-04/2014-10-24");
    check("وفي العام 2014/2015 استلمت المؤسسة المشاريع.", "2015-07-27", "العام 2014", "2014");
    check("وقال إن المؤسسة استلمت عام 1436 المشاريع.", "2015-07-27", "عام 1436", "1436");
}

/// English names of months, weekdays and relative days, the month first
/// or the day first (issue 13, part 7).
#[test]
fn english_months_weekdays_and_relative_days() {
    // Wednesday 10 April 2024.
    check("The quake struck on July 22, 2015.", PUB, "July 22, 2015", "2015-07-22");
    check("The quake struck on 22 July 2015.", PUB, "22 July 2015", "2015-07-22");
    check("The talks began in March 2014.", PUB, "March 2014", "2014-03");
    check("The plant opened in 2012.", PUB, "2012", "2012");
    check("The minister arrived yesterday.", PUB, "yesterday", "2024-04-09");
    check("The attack happened on Monday.", PUB, "Monday", "2024-04-08");
    check("The deal was signed last month.", PUB, "last month", "2024-03");
    check("Prices rose earlier this year.", PUB, "earlier this year", "2024-01-01/2024-04-10");
    // «March» and «May» are also a verb and a modal.
    none("Thousands march through the city.", PUB);
    none("Officials may 5 times review it.", PUB);
    check("The talks resume on May 5.", PUB, "May 5", "2024-05-05");
}

/// An English date takes the verb of its clause as its event, and the
/// verb's subject as what it is about: two reports of one opening on
/// different days conflict (a warning: such events may recur); an opening
/// and a signing do not.
#[test]
fn an_english_date_is_the_event_of_its_clause_s_verb() {
    let run = |a: &str, b: &str| {
        let r = common::run_published(&[a, b], "2015-07-23");
        r.findings.iter().filter(|f| f.severity >= claimcheck::check::Severity::Warning).count()
    };
    assert_eq!(
        run(
            "The minister opened the King Fahd Hospital in Jeddah on July 22, 2015.",
            "The minister opened the King Fahd Hospital in Jeddah on 20 July 2015."
        ),
        1
    );
    assert_eq!(
        run(
            "The minister opened the King Fahd Hospital in Jeddah on July 22, 2015.",
            "The minister signed the hospital contract in Jeddah on 20 July 2015."
        ),
        0
    );
}
