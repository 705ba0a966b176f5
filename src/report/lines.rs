//! One line per finding: `path:line:col: severity: message [rule]` for
//! editors' quickfix lists and grep, and GitHub Actions workflow commands.
//! The location is the first claim of the first side (the draft's words
//! when checking against a corpus).

use crate::check::{Finding, Severity};
use crate::Run;

fn primary(run: &Run, f: &Finding) -> Option<(String, usize, usize, usize, usize)> {
    let c = f.sides.iter().flat_map(|s| s.claims.iter()).next()?;
    let claim = &run.claims[*c];
    let src = &run.sources[claim.source];
    let (l, col) = src.file_position(claim.span.start);
    let (el, ec) = src.file_position(claim.span.end);
    Some((src.display_path(), l, col, el, ec))
}

/// Flattens a message to one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `path:line:col: severity: message [rule]`
pub fn line(run: &Run) -> String {
    let mut out = String::new();
    for f in &run.findings {
        if let Some((path, l, c, _, _)) = primary(run, f) {
            out.push_str(&format!(
                "{path}:{l}:{c}: {}: {} [{}]\n",
                f.severity.as_str(),
                one_line(&f.message),
                f.rule.as_str()
            ));
        }
    }
    for p in &run.suppression_problems {
        let src = &run.sources[p.source];
        let (l, c) = src.line_col(p.span.start);
        out.push_str(&format!("{}:{l}:{c}: warning: {} [suppression]\n", src.display_path(), one_line(&p.message)));
    }
    out
}

/// Escaping for workflow command data and properties.
fn esc_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn esc_prop(s: &str) -> String {
    esc_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations: `::error file=…,line=…,col=…::message`.
pub fn github(run: &Run) -> String {
    let mut out = String::new();
    for f in &run.findings {
        let Some((path, l, c, el, ec)) = primary(run, f) else { continue };
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{kind} file={},line={l},col={c},endLine={el},endColumn={ec},title={}::{}\n",
            esc_prop(&path),
            esc_prop(&format!("{} {}", f.id, f.rule.as_str())),
            esc_data(&format!("{}\n{}", f.message, f.explanation))
        ));
    }
    for p in &run.suppression_problems {
        let src = &run.sources[p.source];
        let (l, c) = src.line_col(p.span.start);
        out.push_str(&format!(
            "::warning file={},line={l},col={c},title=suppression::{}\n",
            esc_prop(&src.display_path()),
            esc_data(&p.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(esc_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(esc_prop("x:y,z"), "x%3Ay%2Cz");
        assert_eq!(one_line("a\n  b"), "a b");
    }
}
