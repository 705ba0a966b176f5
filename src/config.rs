//! Project configuration: `claimcheck.toml`.
//!
//! Owns finding the file (walking up from each input), reading it with
//! errors that point into it, and merging it with command-line flags into
//! the effective settings, remembering where each value came from so
//! `claimcheck config` can say so. Paths in the file are relative to the
//! file's folder. It does not run anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::{RuleId, Severity};
use crate::rules::{RuleError, RuleFile};

pub const FILE_NAME: &str = "claimcheck.toml";

/// What `--fail-on` compares against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    /// Does a finding of this severity fail the run?
    pub fn fails(&self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }
}

/// A rule's configured severity; `off` drops its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    check: CheckSection,
    #[serde(default)]
    severity: BTreeMap<toml::Spanned<String>, RuleLevel>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CheckSection {
    #[serde(default)]
    against: Vec<String>,
    /// An archive (`claimcheck archive add`) as the corpus: `against`
    /// with one archive, said plainly.
    archive: Option<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<FailOn>,
    baseline: Option<String>,
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    Flag,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::Flag => f.write_str("command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn default(value: T) -> Self {
        Setting { value, origin: Origin::Default }
    }
}

/// The effective configuration of a run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file found, if any.
    pub file: Option<PathBuf>,
    pub against: Setting<Vec<PathBuf>>,
    pub rules: Setting<Vec<PathBuf>>,
    /// Globs folder walks leave out (gitignore syntax, relative to each
    /// folder walked), besides hidden and ignored files.
    pub exclude: Setting<Vec<String>>,
    pub fail_on: Setting<FailOn>,
    pub baseline: Setting<Option<PathBuf>>,
    pub severity: BTreeMap<String, Setting<RuleLevel>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            against: Setting::default(Vec::new()),
            rules: Setting::default(Vec::new()),
            exclude: Setting::default(Vec::new()),
            fail_on: Setting::default(FailOn::Error),
            baseline: Setting::default(None),
            severity: BTreeMap::new(),
        }
    }
}

/// The nearest `claimcheck.toml` in `start`'s folder or above.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = if start.is_absolute() { start.to_path_buf() } else { std::env::current_dir().ok()?.join(start) };
    let mut dir = if abs.is_dir() { abs.as_path() } else { abs.parent()? };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

impl Config {
    /// Reads a config file; paths in it are made relative to its folder.
    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| RuleError::whole(path.display().to_string(), format!("cannot read config: {e}")))?;
        let file = RuleFile::new(path.display().to_string(), text);
        let raw: ConfigFile = file.parse()?;
        let base = path.parent().unwrap_or(Path::new("."));
        let origin = Origin::File(path.to_path_buf());
        let rel = |p: &String| {
            let p = PathBuf::from(p);
            if p.is_absolute() || base.as_os_str().is_empty() {
                p
            } else {
                base.join(p)
            }
        };
        let mut cfg = Config { file: Some(path.to_path_buf()), ..Config::default() };
        if !raw.check.against.is_empty() {
            cfg.against = Setting { value: raw.check.against.iter().map(rel).collect(), origin: origin.clone() };
        }
        if let Some(a) = &raw.check.archive {
            cfg.against.value.push(rel(a));
            cfg.against.origin = origin.clone();
        }
        if !raw.check.rules.is_empty() {
            cfg.rules = Setting { value: raw.check.rules.iter().map(rel).collect(), origin: origin.clone() };
        }
        if !raw.check.exclude.is_empty() {
            cfg.exclude = Setting { value: raw.check.exclude.clone(), origin: origin.clone() };
        }
        if let Some(f) = raw.check.fail_on {
            cfg.fail_on = Setting { value: f, origin: origin.clone() };
        }
        if let Some(b) = &raw.check.baseline {
            cfg.baseline = Setting { value: Some(rel(b)), origin: origin.clone() };
        }
        let known: Vec<&str> = RuleId::all().iter().map(|r| r.as_str()).collect();
        for (rule, level) in raw.severity {
            if !known.contains(&rule.get_ref().as_str()) {
                return Err(RuleError::at(
                    &file,
                    rule.span(),
                    format!("unknown rule `{}`; rules are {}", rule.get_ref(), known.join(", ")),
                ));
            }
            cfg.severity.insert(rule.into_inner(), Setting { value: level, origin: origin.clone() });
        }
        Ok(cfg)
    }

    /// Finds and loads the configuration for these inputs: the nearest
    /// file above the first input (or the current folder).
    pub fn for_inputs(inputs: &[PathBuf]) -> Result<Config, RuleError> {
        let start = inputs.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        match discover(&start) {
            Some(p) => Config::load(&p),
            None => Ok(Config::default()),
        }
    }

    /// The severity a finding of `rule` is reported at (`None`: dropped).
    pub fn level(&self, rule: RuleId, default: Severity) -> Option<Severity> {
        match self.severity.get(rule.as_str()).map(|s| s.value) {
            None => Some(default),
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Error) => Some(Severity::Error),
            Some(RuleLevel::Warning) => Some(Severity::Warning),
            Some(RuleLevel::Info) => Some(Severity::Info),
        }
    }
}

/// A commented starter file for `claimcheck init`.
pub const STARTER: &str = r#"# claimcheck configuration. Found by walking up from each checked file;
# command-line flags override it. Paths are relative to this file.

[check]
# The reference corpus: what was already published. Drafts given on the
# command line are checked against it (like --against).
# against = ["archive/"]
# Or an archive (`claimcheck archive add`): extracted once, and a check
# reads only the stories its drafts fall in; the language server too.
# archive = "claimcheck-archive"

# Folders of rule files that replace built-in files of the same name
# (like --rules).
# rules = ["rules-local/"]

# Globs that folder walks leave out (gitignore syntax, relative to each
# folder walked; like --exclude). Hidden files and what .gitignore and
# .ignore exclude are left out already.
# exclude = ["drafts/old/", "*.tmp.md"]

# Fail (exit 1) when a finding at or above this severity remains:
# error | warning | info | never (like --fail-on).
fail-on = "error"

# Findings already reviewed; only new ones are reported (like --baseline).
# Write it with: claimcheck baseline DRAFTS... -o claimcheck-baseline.json
# baseline = "claimcheck-baseline.json"

[severity]
# Per-rule severity: error | warning | info | off.
# name-variant = "info"
# head-count-mismatch = "error"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_file_is_valid() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, STARTER).unwrap();
        let cfg = Config::load(&p).unwrap();
        assert_eq!(cfg.fail_on.value, FailOn::Error);
        assert_eq!(cfg.fail_on.origin, Origin::File(p));
    }

    #[test]
    fn an_archive_is_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "[check]\narchive = \"claimcheck-archive\"\n").unwrap();
        let cfg = Config::load(&p).unwrap();
        assert_eq!(cfg.against.value, vec![dir.path().join("claimcheck-archive")]);
        assert_eq!(cfg.against.origin, Origin::File(p));
    }

    #[test]
    fn paths_are_relative_to_the_file_and_rules_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(
            &p,
            "[check]\nagainst = [\"archive\"]\nexclude = [\"old/\"]\n[severity]\nname-variant = \"off\"\n",
        )
        .unwrap();
        let cfg = Config::load(&p).unwrap();
        assert_eq!(cfg.against.value, vec![dir.path().join("archive")]);
        assert_eq!(cfg.exclude.value, ["old/"]);
        assert_eq!(cfg.level(RuleId::NameVariant, Severity::Info), None);
        std::fs::write(&p, "[severity]\nno-such-rule = \"off\"\n").unwrap();
        let err = Config::load(&p).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("unknown rule"));
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("x.md"), "").unwrap();
        assert_eq!(discover(&deep.join("x.md")), Some(dir.path().join(FILE_NAME)));
    }

    #[test]
    fn fail_on_levels() {
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(FailOn::Info.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
    }
}
