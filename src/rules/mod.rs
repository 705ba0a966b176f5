//! Rule files: loading, validation, and errors that point into the file.
//!
//! Owns reading the TOML files in `rules/` (compiled into the binary) and
//! any override folder given with `--rules DIR`, where a file replaces the
//! built-in file of the same name. Each stage defines the schema of its own
//! rule file and compiles it into a lookup structure; this module only
//! supplies the source text, the parser and the error type. A bad rule file
//! is never skipped: loading fails with the file, line and reason.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::DeserializeOwned;

/// The built-in rule files, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("numbers.toml", include_str!("../../rules/numbers.toml")),
    ("ordinals.toml", include_str!("../../rules/ordinals.toml")),
    ("money.toml", include_str!("../../rules/money.toml")),
    ("dates.toml", include_str!("../../rules/dates.toml")),
    ("actors.toml", include_str!("../../rules/actors.toml")),
    ("countries.toml", include_str!("../../rules/countries.toml")),
    ("places.toml", include_str!("../../rules/places.toml")),
    ("sites.toml", include_str!("../../rules/sites.toml")),
    ("people.toml", include_str!("../../rules/people.toml")),
    ("measures.toml", include_str!("../../rules/measures.toml")),
    ("frames.toml", include_str!("../../rules/frames.toml")),
    ("events.toml", include_str!("../../rules/events.toml")),
    ("check.toml", include_str!("../../rules/check.toml")),
    ("stories.toml", include_str!("../../rules/stories.toml")),
    ("df.tsv", include_str!("../../rules/df.tsv")),
    ("units.toml", include_str!("../../rules/units.toml")),
    ("plurals.tsv", include_str!("../../rules/plurals.tsv")),
];

/// One rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// Shown in errors: `rules/numbers.toml` for built-ins, the path otherwise.
    pub name: String,
    pub text: String,
}

impl RuleFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        RuleFile { name: name.into(), text: text.into() }
    }

    /// The bytes of the first line that sets `key` (`key = …`), for an
    /// error about a value that parsed but is out of range; `0..0` when no
    /// line does.
    pub fn setting(&self, key: &str) -> Range<usize> {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            if line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
                return offset..offset + line.trim_end().len();
            }
            offset += line.len();
        }
        0..0
    }

    /// Parses the whole file into `T`; syntax and schema errors point at the
    /// offending bytes.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, RuleError> {
        toml::from_str(&self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            RuleError::at(self, span, e.message().to_string())
        })
    }

    /// Every string the file writes, outside its `[[example]]` sentences:
    /// the words a parser driven by this file can know. Keys are not
    /// included; ids and notes are, which only makes the set larger.
    pub fn strings(&self) -> Result<Vec<String>, RuleError> {
        fn walk(v: &toml::Value, out: &mut Vec<String>) {
            match v {
                toml::Value::String(s) => out.push(s.clone()),
                toml::Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
                toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let table: toml::Table = self.parse()?;
        let mut out = Vec::new();
        for (key, v) in &table {
            if key != "example" {
                walk(v, &mut out);
            }
        }
        Ok(out)
    }
}

/// A rule file that cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Boxed: errors travel through every loader's `Result`.
    context: Box<(NamedSource<String>, Option<SourceSpan>)>,
}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("claimcheck::rules"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.context.0)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.context.1?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_with_span(Some(self.message.clone()), span))))
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl RuleError {
    /// An error about bytes `span` of `file`.
    pub fn at(file: &RuleFile, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = span.start.min(file.text.len());
        let end = span.end.clamp(start, file.text.len());
        let idx = crate::span::LineIndex::new(&file.text);
        let (line, column) = idx.line_col(&file.text, start);
        RuleError {
            file: file.name.clone(),
            line,
            column,
            message: message.into(),
            context: Box::new((
                NamedSource::new(file.name.clone(), file.text.clone()),
                Some((start, end - start).into()),
            )),
        }
    }

    /// An error about a whole file (unreadable, missing).
    pub fn whole(name: impl Into<String>, message: impl Into<String>) -> Self {
        let name = name.into();
        RuleError {
            file: name.clone(),
            line: 0,
            column: 0,
            message: message.into(),
            context: Box::new((NamedSource::new(name, String::new()), None)),
        }
    }
}

/// Where rule files come from: built-ins, optionally overridden per file.
#[derive(Debug, Clone, Default)]
pub struct RuleSource {
    overrides: Vec<PathBuf>,
}

impl RuleSource {
    pub fn builtin() -> Self {
        RuleSource::default()
    }

    /// Rule files in `dirs` replace built-in files of the same name; later
    /// folders win.
    pub fn with_overrides(dirs: &[PathBuf]) -> Self {
        RuleSource { overrides: dirs.to_vec() }
    }

    /// The text of rule file `name` (e.g. `numbers.toml`).
    pub fn file(&self, name: &str) -> Result<RuleFile, RuleError> {
        for dir in self.overrides.iter().rev() {
            let path = dir.join(name);
            if path.is_file() {
                return read_file(&path);
            }
        }
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| RuleFile::new(format!("rules/{n}"), *text))
            .ok_or_else(|| RuleError::whole(format!("rules/{name}"), "no such built-in rule file"))
    }

    /// Checks that override folders exist and hold only known rule files.
    pub fn validate_overrides(&self) -> Result<(), RuleError> {
        for dir in &self.overrides {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| RuleError::whole(dir.display().to_string(), format!("cannot read rule folder: {e}")))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    if !BUILTIN.iter().any(|(n, _)| *n == name) {
                        let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                        return Err(RuleError::whole(
                            path.display().to_string(),
                            format!("unknown rule file; expected one of: {}", known.join(", ")),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

fn read_file(path: &Path) -> Result<RuleFile, RuleError> {
    std::fs::read_to_string(path)
        .map(|text| RuleFile::new(path.display().to_string(), text))
        .map_err(|e| RuleError::whole(path.display().to_string(), format!("cannot read rule file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Demo {
        name: String,
        count: u32,
    }

    #[test]
    fn schema_errors_name_file_line_and_reason() {
        let f = RuleFile::new("rules/demo.toml", "name = \"x\"\n\ncount = \"many\"\n");
        let err = f.parse::<Demo>().unwrap_err();
        assert_eq!(err.file, "rules/demo.toml");
        assert_eq!(err.line, 3);
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert!(err.to_string().starts_with("rules/demo.toml:3:"));
    }

    #[test]
    fn unknown_fields_are_rejected_where_they_stand() {
        let f = RuleFile::new("x.toml", "name = \"x\"\ncount = 1\ncolour = 2\n");
        let err = f.parse::<Demo>().unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown field"));
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let f = RuleFile::new("x.toml", "name = \"x\"\ncount = \n");
        let err = f.parse::<Demo>().unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn every_builtin_file_is_reachable() {
        let src = RuleSource::builtin();
        for (name, _) in BUILTIN {
            assert!(src.file(name).is_ok(), "{name}");
        }
        assert!(src.file("nope.toml").is_err());
    }
}
