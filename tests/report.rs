//! Issue #5: the fact-checker's report (HTML and Markdown), the claim graph
//! (DOT and JSON), escaping of source text, and the committed reports of
//! the Niger fixtures.
//!
//! Regenerate `reports/niger.html` and `reports/niger.md` with
//! `UPDATE_REPORTS=1 cargo test --test report`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    // Paths in reports are as given: run from the package root with
    // relative paths so the committed reports do not depend on a checkout.
    c.current_dir(root());
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn render(paths: &[&Path], format: &str) -> String {
    stdout(&bin().arg("report").args(paths).args(["--format", format]).output().unwrap())
}

fn niger_html() -> String {
    render(&[Path::new("fixtures/niger")], "html")
}

/// The `<article>` of the subject with this key.
fn article<'a>(html: &'a str, key: &str) -> &'a str {
    // HTML escaping writes `/` as `&#x2f;`.
    // Keys start with their story: `st-…:count/…`.
    let code = format!(":{}</code>", key.replace('/', "&#x2f;"));
    html.split("<article ")
        .skip(1)
        .map(|a| a.split("</article>").next().unwrap_or(a))
        .find(|a| a.contains(&code))
        .unwrap_or_else(|| panic!("no subject {key} in the report"))
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The three conflicts of the Niger story: subject key and the words of
/// each side, as highlighted in the quotes.
const CONFLICTS: &[(&str, &[&str])] = &[
    ("count/protesters/NE", &["<mark>المئات</mark>", "<mark>آلاف الأشخاص</mark>"]),
    ("date/agreement:military/start/NE+US", &["<mark>6 يوليو 2012</mark>", "<mark>عام 2014</mark>"]),
    ("count/personnel/US/NE", &["<mark>100 جندي</mark>", "<mark>ما يقرب من 1000 جندي</mark>"]),
];

#[test]
fn niger_report_shows_each_conflict_with_both_quotes_sources_and_charts() {
    let html = niger_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "Arabic sources make a right-to-left page");
    // Self-contained: no script, nothing fetched.
    for banned in ["<script", "<link", " src=", "@import", "url(http"] {
        assert!(!html.contains(banned), "the page must not contain {banned}");
    }
    assert!(html.contains("default-src 'none'"), "a CSP forbids network and scripts");
    assert!(html.contains("@media print"), "print styles");
    // Summary: every source with its outlet and publication date.
    let summary =
        &html[html.find(r#"<section id="summary">"#).unwrap()..html.find(r#"<section id="conflicts">"#).unwrap()];
    for (outlet, date) in [
        ("الجزيرة نت", "2024-09-16"),
        ("نجوم مصرية", "2024-04-21"),
        ("CNN بالعربية", "2024-06-08"),
        ("رويترز", "2024-04-20"),
        ("CNN بالعربية", "2024-05-03"),
    ] {
        let row = format!("<bdi>{outlet}</bdi></td>\n<td class=\"date\" dir=\"ltr\"><time>{date}</time>");
        assert!(summary.contains(&row), "source {outlet} of {date} in the summary");
    }
    for n in [
        "<b>5</b> sources",
        "<b>66</b> claims",
        "<b>42</b> subjects",
        "<b>3</b> in conflict",
        "<b>9</b> corroborated",
        "<b>30</b> single-source",
    ] {
        assert!(summary.contains(n), "summary count {n}");
    }
    // Conflicts come before the other subjects, errors first.
    let conflicts = html.find(r#"<section id="conflicts">"#).unwrap();
    let corroborated = html.find(r#"<section id="corroborated">"#).unwrap();
    let single = html.find(r#"<section id="single-source">"#).unwrap();
    assert!(conflicts < corroborated && corroborated < single);
    let section = &html[conflicts..corroborated];
    assert_eq!(count(section, "<article "), 3, "three subjects in conflict");
    let first_warning = section.find("finding sev-warning").unwrap();
    let last_error = section.rfind("finding sev-error").unwrap();
    assert!(last_error < first_warning, "errors before warnings");
    for (key, words) in CONFLICTS {
        let a = article(section, key);
        for w in *words {
            assert!(a.contains(w), "{key}: quote with {w}");
        }
        assert!(a.contains("class=\"why\""), "{key}: the reason is given");
    }
    // One chart per numeric conflict, one mark per claim, labelled by outlet.
    for (key, claims, sources) in [("count/protesters/NE", 2, 2), ("count/personnel/US/NE", 5, 4)] {
        let a = article(section, key);
        assert_eq!(count(a, "<svg "), 1, "{key}: one chart");
        assert_eq!(count(a, "<g class=\"mark "), claims, "{key}: one mark per claim");
        let mut srcs: Vec<&str> = a.split("data-source=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        srcs.sort();
        srcs.dedup();
        assert_eq!(srcs.len(), sources, "{key}: every source has a mark");
    }
    // 100 against about 1000 is shown on a logarithmic axis.
    assert!(article(section, "count/personnel/US/NE").contains("scale-log"));
    // The whole story on one timeline.
    assert!(html.contains(r#"id="story""#));
}

#[test]
fn markdown_report_has_the_same_conflicts_as_tables() {
    let md = render(&[Path::new("fixtures/niger")], "md");
    let conflicts = &md[md.find("## Conflicts").unwrap()..md.find("## Corroborated").unwrap()];
    assert_eq!(count(conflicts, "\n### "), 3);
    // «حوالي 20 ضابطًا» left at a base is the base's, not a figure of the
    // troops in the country (rules/events.toml, site_nouns).
    for words in ["**المئات**", "**آلاف الأشخاص**", "**6 يوليو 2012**", "**عام 2014**", "**ما يقرب من 1000 جندي**"]
    {
        assert!(conflicts.contains(words), "{words}");
    }
    assert!(md.contains("| s4 | رويترز | 2024-04-20 |"));
    assert!(md.contains("## Single source (30)"));
}

const HOSTILE: &str = "---\ntitle: \"<script>alert(1)</script>\"\noutlet: '\"><img src=x onerror=alert(1)>'\npublished: 2023-05-02\nlang: ar\n---\nقال مصدر <script>alert(2)</script> و\"><img src=x onerror=alert(3)> إن فرنسا تنشر 300 جندي في مالي.\n";
const OTHER: &str = "---\noutlet: وكالة ب\npublished: 2023-05-03\nlang: ar\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n";

fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), HOSTILE).unwrap();
    std::fs::write(dir.path().join("b.md"), OTHER).unwrap();
    dir
}

#[test]
fn markup_in_articles_is_text_in_every_output() {
    let dir = hostile_corpus();
    let html = render(&[dir.path()], "html");
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no image element");
    assert!(html.contains("&lt;script&gt;alert(1)"), "the title is shown as text");
    assert!(html.contains("&lt;script&gt;alert(2)"), "the quote is shown as text");
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the outlet is shown as text");
    assert!(html.contains("<mark>300 جندي</mark>"), "the claim is still highlighted");
    let md = render(&[dir.path()], "md");
    assert!(!md.contains("<script") && !md.contains("<img"));
    assert!(md.contains("&lt;script&gt;alert(2)"));

    let dot = stdout(&bin().arg("graph").arg(dir.path()).output().unwrap());
    assert!(dot.contains(r#"label="\"><img src=x onerror=alert(1)>\n2023-05-02""#), "{dot}");
    if let Some(svg) = graphviz(&dot) {
        assert!(!svg.contains("<img"), "Graphviz escapes the label");
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&bin().arg("graph").arg(dir.path()).args(["--format", "json"]).output().unwrap()))
            .unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(|n| n["outlet"] == "\"><img src=x onerror=alert(1)>"));
    assert!(nodes.iter().any(|n| n["title"] == "<script>alert(1)</script>"));
    assert!(json["edges"].as_array().unwrap().iter().any(|e| e["type"] == "conflicts-with"));
}

/// Renders DOT with Graphviz when it is installed; `None` (and a message)
/// when it is not.
fn graphviz(dot: &str) -> Option<String> {
    use std::io::Write;
    let child =
        Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let Ok(mut child) = child else {
        let _ = writeln!(std::io::stderr(), "skipped: Graphviz `dot` is not on PATH");
        return None;
    };
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dot rejected the graph: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn graph_dot_is_accepted_by_graphviz() {
    let dot = stdout(&bin().args(["graph", "fixtures/niger", "--format", "dot"]).output().unwrap());
    assert!(dot.starts_with("digraph claims {"));
    assert!(count(&dot, "label=\"conflicts-with\"") >= 3, "conflicting claims are linked");
    let Some(svg) = graphviz(&dot) else { return };
    assert!(svg.contains("<svg") && svg.contains("رويترز"));
}

#[test]
fn graph_json_lists_sources_claims_and_subjects() {
    let out = stdout(&bin().args(["graph", "fixtures/niger", "--format", "json"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    let of = |t: &str| nodes.iter().filter(|n| n["type"] == t).count();
    assert_eq!((of("source"), of("claim"), of("subject")), (5, 66, 42));
    let edges = v["edges"].as_array().unwrap();
    assert_eq!(edges.iter().filter(|e| e["type"] == "stated-in").count(), 66);
    assert!(edges.iter().any(|e| e["type"] == "agrees-with"));
}

#[test]
fn report_format_comes_from_the_extension_or_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    let out = bin().arg("report").arg("fixtures/niger").arg("-o").arg(&md).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# claimcheck report"));
    let out = bin().arg("report").arg("fixtures/niger").arg("-o").arg(dir.path().join("r.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown extension needs --format");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
}

#[test]
fn against_a_corpus_reports_only_draft_conflicts() {
    let dir = hostile_corpus();
    let html = stdout(
        &bin()
            .arg("report")
            .arg(dir.path().join("a.md"))
            .arg("--against")
            .arg(dir.path().join("b.md"))
            .args(["--format", "html"])
            .output()
            .unwrap(),
    );
    assert!(html.contains("drafts checked against a reference corpus"));
    assert!(html.contains(r#"<span class="ref">corpus</span>"#));
    assert_eq!(count(&html[html.find(r#"<section id="conflicts">"#).unwrap()..], "sev-error\""), 1);
}

/// The committed reports match what the tool writes today.
#[test]
fn committed_niger_reports_are_current() {
    let update = std::env::var_os("UPDATE_REPORTS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, format) in [("reports/niger.html", "html"), ("reports/niger.md", "md")] {
        let fresh = render(&[Path::new("fixtures/niger")], format);
        // Twice the same: no clock, no hash order.
        assert_eq!(fresh, render(&[Path::new("fixtures/niger")], format), "{file} is not deterministic");
        let path = root().join(file);
        if update {
            std::fs::create_dir_all(root().join("reports")).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            stale.push(file);
        }
    }
    assert!(stale.is_empty(), "{stale:?} are stale; regenerate with `UPDATE_REPORTS=1 cargo test --test report`");
}

#[test]
fn a_left_to_right_story_without_claims_still_renders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("en.md"), "---\noutlet: Wire\nlang: en\n---\nNothing to count here.\n").unwrap();
    let html = render(&[dir.path()], "html");
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(html.contains("No two sources disagree."));
    assert!(!html.contains("<svg "), "no values, no charts");
    let md = render(&[dir.path()], "md");
    assert!(md.contains("| s1 | Wire | — |"), "{md}");
}

/// A feed record or a paragraph is often one line of many sentences: the
/// human output quotes the claim's sentence, not the whole line, and still
/// names the claim's own line and column.
#[test]
fn human_output_quotes_the_sentence_not_the_whole_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = "---\noutlet: a\npublished: 2024-03-10\n---\nافتتح الوزير معرضا للكتاب في العاصمة. قتل 120 شخصا في الزلزال الذي ضرب ولاية ملاطية في تركيا. وتستمر الأمطار في الهطول على المدن الساحلية.\n";
    let b = "---\noutlet: b\npublished: 2024-03-10\n---\nقتل أكثر من 900 شخص في الزلزال الذي ضرب ولاية ملاطية في تركيا. وأعلنت الحكومة الحداد ثلاثة أيام.\n";
    std::fs::write(dir.path().join("a.md"), a).unwrap();
    std::fs::write(dir.path().join("b.md"), b).unwrap();
    let out =
        stdout(&bin().args(["check", "--color", "never", "--fail-on", "never"]).arg(dir.path()).output().unwrap());
    assert!(out.contains("head-count-mismatch"), "{out}");
    assert!(out.contains("قتل 120 شخصا في الزلزال"), "{out}");
    assert!(!out.contains("معرضا للكتاب"), "the sentence before is not quoted: {out}");
    assert!(!out.contains("الحداد ثلاثة أيام"), "the sentence after is not quoted: {out}");
    // Columns count characters, as in every other format.
    let col = a.lines().nth(4).unwrap().split("120").next().unwrap().chars().count() + 1;
    assert!(out.contains(&format!("a.md:5:{col}]")), "the header names the claim's place: {out}");
}
