//! The CI gate and the conventions users expect of a command-line tool,
//! each through the real binary: exit 2 whenever something named was not
//! checked or an output could not be written, findings located in the
//! draft, NO_COLOR and CLICOLOR_FORCE, folder walks that respect
//! .gitignore, .ignore, hidden files and --exclude, Arabic files in legacy
//! encodings, one column convention, and --quiet. (The language server's
//! conventions are in tests/lsp.rs.)

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    // The colour conventions are tested on purpose below; nothing else
    // may depend on the environment the tests run in.
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    c
}

fn niger() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/niger")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "---\noutlet: وكالة أ\npublished: 2023-05-02\n---\nنشرت فرنسا نحو 3000 جندي في مالي.\n";
const CONTRADICTS: &str = "---\noutlet: مسودة\npublished: 2023-05-03\n---\nتنشر فرنسا 300 جندي في مالي.\n";

/// An archive of one article and a folder of one draft that contradicts it.
fn archive_and_draft(dir: &Path) -> (PathBuf, PathBuf) {
    write(dir, "archive/a.md", ARTICLE);
    write(dir, "drafts/d.md", CONTRADICTS);
    (dir.join("archive"), dir.join("drafts"))
}

/// A draft path with a typo, and a draft folder with no article: nothing
/// was checked, whatever the archive holds.
#[test]
fn a_draft_path_with_a_typo_or_an_empty_draft_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, _) = archive_and_draft(dir.path());
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    for (draft, says) in [("drafst", "drafst: cannot read"), ("empty", "no article in this folder")] {
        let out = bin().arg("check").arg(dir.path().join(draft)).arg("--against").arg(&archive).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{draft}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{draft}: {}", stderr(&out));
    }
}

#[test]
fn an_archive_path_with_a_typo_or_a_missing_configured_corpus_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (_, drafts) = archive_and_draft(dir.path());
    // The draft alone has no finding: the run would pass without its corpus.
    let out = bin().arg("check").arg(&drafts).arg("--against").arg(dir.path().join("archvie")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("archvie"), "{}", stderr(&out));

    write(dir.path(), "claimcheck.toml", "[check]\nagainst = [\"missing/\"]\n");
    let out = bin().current_dir(dir.path()).args(["check", "drafts"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing"), "{}", stderr(&out));
    // The same configuration with the corpus in place: a finding, exit 1.
    write(dir.path(), "claimcheck.toml", "[check]\nagainst = [\"archive/\"]\n");
    let out = bin().current_dir(dir.path()).args(["check", "drafts"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn output_that_cannot_be_written_exits_2_with_a_message() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        let _ = writeln!(std::io::stderr(), "skipped: /dev/full is missing on this system");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (archive, drafts) = archive_and_draft(dir.path());
    for format in ["sarif", "json", "human", "line", "github"] {
        let out = bin()
            .arg("check")
            .arg(&drafts)
            .arg("--against")
            .arg(&archive)
            .args(["--format", format, "--fail-on", "never"])
            .stdout(std::fs::File::create(full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains("cannot write to standard output"), "{format}: {}", stderr(&out));
    }
    let out = bin().arg("claims").arg(&drafts).stdout(std::fs::File::create(full).unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A reader that stops early (`| head`) is not an error.
    let mut child = bin()
        .arg("check")
        .arg(niger())
        .args(["--fail-on", "never"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// Under `--against`, every format points at the draft; the archive's
/// words are related locations. The Niger warning on troop numbers has
/// its draft claim second in its side (after CNN's): it was located in
/// the archive.
#[test]
fn findings_against_an_archive_are_located_in_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("drafts/003-reuters.md");
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    std::fs::copy(niger().join("003-reuters-arabic-campbell-deal.md"), &draft).unwrap();
    let run = |format: &str| {
        let out = bin()
            .arg("check")
            .arg(draft.parent().unwrap())
            .arg("--against")
            .arg(niger())
            .args(["--format", format, "--fail-on", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let github = run("github");
    let annotations: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert!(annotations.len() >= 2, "{github}");
    for a in &annotations {
        assert!(a.contains("003-reuters.md,"), "an annotation outside the draft: {a}");
    }
    let line = run("line");
    for l in line.lines() {
        assert!(l.contains("003-reuters.md:"), "{l}");
    }
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let mut related_in_archive = 0;
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.ends_with("003-reuters.md"), "{uri}");
        related_in_archive += r["relatedLocations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().contains("fixtures/niger"))
            .count();
    }
    assert!(related_in_archive > 0, "the archive's words are related locations");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    for f in json["findings"].as_array().unwrap() {
        let first = f["sides"][0]["claims"][0].as_str().unwrap();
        let claim = json["claims"].as_array().unwrap().iter().find(|c| c["id"] == first).unwrap();
        let source = json["sources"].as_array().unwrap().iter().find(|s| s["id"] == claim["source"]).unwrap();
        assert!(source["path"].as_str().unwrap().ends_with("003-reuters.md"), "{f}");
    }
}

/// `--color auto` follows NO_COLOR and CLICOLOR_FORCE (NO_COLOR wins).
#[test]
fn no_color_and_clicolor_force_are_honoured() {
    let check = |env: &[(&str, &str)]| {
        let mut c = bin();
        c.arg("check").arg(niger()).args(["--fail-on", "never"]);
        for (k, v) in env {
            c.env(k, v);
        }
        stdout(&c.output().unwrap())
    };
    assert!(!check(&[]).contains('\x1b'), "a pipe gets no colour");
    assert!(check(&[("CLICOLOR_FORCE", "1")]).contains("\x1b["), "CLICOLOR_FORCE colours a pipe");
    assert!(!check(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'), "NO_COLOR wins");
    assert!(check(&[("NO_COLOR", "1")]).len() > 100);
}

/// On a terminal: colour by default, none with NO_COLOR. `script` (from
/// util-linux) gives the binary a terminal.
#[test]
fn no_color_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: `script` (util-linux) is missing, so there is no terminal to test on"
        );
        return;
    }
    let on_terminal = |no_color: bool| {
        let cmd = format!("{} check {} --fail-on never", env!("CARGO_BIN_EXE_claimcheck"), niger().display());
        let mut c = Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"]).env("TERM", "xterm-256color").env_remove("CLICOLOR_FORCE");
        c.env_remove("CLICOLOR").env_remove("CI");
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        stdout(&c.output().unwrap())
    };
    let plain = on_terminal(true);
    assert!(plain.contains("claims") || plain.contains("source"), "{plain}");
    assert!(!plain.contains("\x1b["), "NO_COLOR on a terminal: {plain}");
    assert!(on_terminal(false).contains("\x1b["), "a terminal gets colour by default");
}

#[test]
fn folder_walks_leave_out_hidden_ignored_and_excluded_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    write(&root, "kept.md", ARTICLE);
    write(&root, "node_modules/pkg/README.md", CONTRADICTS);
    write(&root, ".hidden/old.md", CONTRADICTS);
    write(&root, ".cache.md", CONTRADICTS);
    write(&root, "scratch/notes.md", CONTRADICTS);
    write(&root, "wire/copy.md", CONTRADICTS);
    write(&root, "drafts/second.md", ARTICLE);
    write(&root, ".gitignore", "node_modules/\n");
    write(&root, ".ignore", "scratch/\n");
    let paths = |extra: &[&str]| -> Vec<String> {
        let out = bin().arg("claims").arg(&root).args(["--format", "json"]).args(extra).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut p: Vec<String> = j["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["path"].as_str().unwrap().rsplit("news/").next().unwrap().to_string())
            .collect();
        p.sort();
        p
    };
    assert_eq!(paths(&[]), ["drafts/second.md", "kept.md", "wire/copy.md"]);
    assert_eq!(paths(&["--exclude", "wire/", "--exclude", "drafts/*.md"]), ["kept.md"]);
    // claimcheck.toml's exclude does what --exclude does; flags add to it.
    write(&root, "claimcheck.toml", "[check]\nexclude = [\"wire/\"]\n");
    assert_eq!(paths(&[]), ["drafts/second.md", "kept.md"]);
    assert_eq!(paths(&["--exclude", "drafts/"]), ["kept.md"]);
    assert_eq!(paths(&["--no-config"]), ["drafts/second.md", "kept.md", "wire/copy.md"]);
    std::fs::remove_file(root.join("claimcheck.toml")).unwrap();
    // A file named on the command line is read whatever the rules say.
    let out = bin().arg("claims").arg(root.join(".hidden/old.md")).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A folder whose every article is excluded holds no article: exit 2.
    let out = bin().arg("check").arg(&root).args(["--exclude", "*.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A glob that is not one is an error, not silence.
    let out = bin().arg("check").arg(&root).args(["--exclude", "a[b"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("a[b"), "{}", stderr(&out));
}

/// The Windows-1256 and ISO-8859-6 codes of a text in Arabic letters
/// (the test writes its own bytes; no encoder needed).
fn legacy_bytes(text: &str, encoding: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            c => {
                let u = c as u32;
                // Both place the Arabic letters ء..ي (U+0621..U+064A) on
                // their own tables; only the letters used below are listed.
                let table: &[(u32, u8, u8)] = &[
                    (0x0621, 0xC1, 0xC1),
                    (0x0627, 0xC7, 0xC7),
                    (0x0628, 0xC8, 0xC8),
                    (0x0629, 0xC9, 0xC9),
                    (0x062A, 0xCA, 0xCA),
                    (0x062C, 0xCC, 0xCC),
                    (0x062D, 0xCD, 0xCD),
                    (0x062F, 0xCF, 0xCF),
                    (0x0631, 0xD1, 0xD1),
                    (0x0633, 0xD3, 0xD3),
                    (0x0634, 0xD4, 0xD4),
                    (0x0641, 0xDD, 0xE1),
                    (0x0642, 0xDE, 0xE2),
                    (0x0644, 0xE1, 0xE4),
                    (0x0645, 0xE3, 0xE5),
                    (0x0646, 0xE4, 0xE6),
                    (0x0647, 0xE5, 0xE7),
                    (0x0648, 0xE6, 0xE8),
                    (0x064A, 0xED, 0xEA),
                ];
                let &(_, win, iso) = table.iter().find(|(cp, _, _)| *cp == u).unwrap_or_else(|| panic!("{c}"));
                if encoding == "windows-1256" {
                    win
                } else {
                    iso
                }
            }
        })
        .collect()
}

#[test]
fn arabic_in_windows_1256_or_iso_8859_6_is_decoded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let body = "---\npublished: 2023-05-03\n---\nنشرت فرنسا 300 جندي في مالي.\n";
    for encoding in ["windows-1256", "ISO-8859-6"] {
        let bytes = legacy_bytes(body, encoding);
        let legacy = dir.path().join(format!("{encoding}.md"));
        std::fs::write(&legacy, &bytes).unwrap();
        let other = write(dir.path(), "utf8.md", ARTICLE);
        let out = bin()
            .arg("check")
            .arg(&legacy)
            .arg(&other)
            .args(["--format", "sarif", "--fail-on", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains(&format!("read as {encoding}")), "{}", stderr(&out));
        let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let locations: Vec<&serde_json::Value> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["locations"].as_array().unwrap().iter().chain(r["relatedLocations"].as_array().unwrap()))
            .filter(|l| l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().contains(encoding))
            .collect();
        assert!(!locations.is_empty(), "the contradiction was found: {sarif}");
        let region = &locations[0]["physicalLocation"]["region"];
        // Byte offsets are the file's: one byte per letter here.
        let at = bytes.windows(3).position(|w| w == b"300").unwrap();
        assert_eq!(region["byteOffset"], at, "{region}");
        assert_eq!(region["startLine"], 4);
        assert_eq!(
            region["startColumn"],
            body.lines().nth(3).unwrap().split("300").next().unwrap().chars().count() + 1
        );
    }
}

/// UTF-16 with a byte-order mark is named as such, not "binary".
#[test]
fn utf16_text_is_named_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}---\npublished: 2023-05-03\n---\nنشرت فرنسا 300 جندي في مالي.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = dir.path().join("unicode.md");
    std::fs::write(&p, bytes).unwrap();
    let out = bin().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "nothing else was checked");
    assert!(stderr(&out).contains("UTF-16LE text") && stderr(&out).contains("save it as UTF-8"), "{}", stderr(&out));
}

/// Human output names the same line and column as every other format:
/// columns count characters, not bytes.
#[test]
fn every_format_counts_columns_in_characters() {
    let file = niger().join("003-reuters-arabic-campbell-deal.md");
    let run = |format: &str| {
        stdout(
            &bin()
                .arg("check")
                .arg(&file)
                .arg(niger())
                .args(["--format", format, "--color", "never"])
                .output()
                .unwrap(),
        )
    };
    let line = run("line");
    let first = line.lines().next().unwrap();
    let place = first.split(": ").next().unwrap();
    let place = &place[place.find("fixtures/").unwrap()..];
    assert!(run("human").contains(&format!("{place}]")), "human output names {place}");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let col = place.rsplit(':').next().unwrap();
    assert_eq!(region["startColumn"].to_string(), col);
}

#[test]
fn quiet_prints_only_findings() {
    let loud = stdout(&bin().arg("check").arg(niger()).args(["--fail-on", "never"]).output().unwrap());
    let quiet = stdout(&bin().arg("check").arg(niger()).args(["--fail-on", "never", "-q"]).output().unwrap());
    assert!(loud.contains("Corroborated"), "{loud}");
    assert!(!quiet.contains("Corroborated"), "{quiet}");
    assert!(quiet.contains("head-count-mismatch"), "{quiet}");
    assert!(quiet.len() < loud.len());
    let dir = tempfile::tempdir().unwrap();
    let out =
        bin().arg("baseline").arg(niger()).arg("-q").arg("--write").arg(dir.path().join("b.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
}

/// The package is not `claimcheck` (that name on crates.io is another
/// project's); the binary is. The README's install commands and CI recipe
/// name the package, and SARIF names its home.
#[test]
fn the_package_name_is_ours_and_the_readme_installs_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nname = \"claimcheck-news\"\n"), "the package name");
    assert!(env!("CARGO_BIN_EXE_claimcheck").ends_with("claimcheck"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let head: String = readme.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo install --locked --path ."), "install from a clone, on the first screen");
    assert!(head.contains("cargo install --locked --git"), "install from git, on the first screen");
    for l in readme.lines().filter(|l| l.contains("cargo install") && !l.contains("cargo-fuzz")) {
        assert!(l.contains("--path .") || l.contains("claimcheck-news"), "an install line that names no package: {l}");
        assert!(!l.trim_end().ends_with("claimcheck") && !l.contains("--locked claimcheck "), "{l}");
    }
    let out = bin().arg("check").arg(niger()).args(["--format", "sarif", "--fail-on", "never"]).output().unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = sarif["runs"][0]["tool"]["driver"]["informationUri"].as_str().unwrap();
    assert!(uri.ends_with("/claimcheck-news"), "{uri}");
}

/// `claimcheck rule ID` documents a rule from the one place it is
/// written; the README's list of rules is `claimcheck rule --markdown`.
#[test]
fn rule_documentation_comes_from_one_place_and_the_readme_carries_it() {
    let out = bin().args(["rule", "figure-changed-over-time"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = stdout(&out);
    for part in
        ["default severity: info", "What it finds:", "Why it matters:", "Example:", "ignore[figure-changed-over-time]"]
    {
        assert!(doc.contains(part), "{part}: {doc}");
    }
    let out = bin().args(["rule", "no-such-rule"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("head-count-mismatch"), "the known rules are listed");
    let table = stdout(&bin().args(["rule", "--markdown"]).output().unwrap());
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("<!-- rules: generated by `claimcheck rule --markdown` -->\n").expect("the marker");
    let section = &readme[start..];
    let section = &section[section.find('\n').unwrap() + 1..section.find("<!-- rules: end -->").unwrap()];
    assert_eq!(section, table, "regenerate the README's rules with `claimcheck rule --markdown`");
    // Every rule a finding can carry can be configured (the list of rules
    // once left this one out).
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claimcheck.toml", "[severity]\nfigure-changed-over-time = \"off\"\n");
    let out = bin().current_dir(dir.path()).args(["config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("severity.figure-changed-over-time"), "{}", stdout(&out));
}
