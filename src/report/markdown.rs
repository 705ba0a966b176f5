//! The Markdown report: the HTML report's content as tables, for a newsroom
//! wiki or a pull-request comment.
//!
//! Owns rendering a [`Page`] with `templates/report.md` (minijinja). Every
//! value from a source is escaped for Markdown by the formatter — HTML
//! characters become entities, and Markdown punctuation (`|`, `*`, `_`,
//! `` ` ``, `[`, `]`, `\`) is backslash-escaped, newlines become spaces —
//! so text can neither break a table nor inject markup. Charts are left to
//! the HTML report.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value};

use super::page::Page;
use crate::Run;

const TEMPLATE: &str = include_str!("../../templates/report.md");

/// Escapes text for a Markdown table cell or paragraph.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_formatter(|out, state, value| {
        if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Custom(_)) {
            return minijinja::escape_formatter(out, &mut *state, value);
        }
        let text = if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() };
        out.write_str(&escape(&text)).map_err(minijinja::Error::from)
    });
    if let Err(e) = env.add_template("report.md", TEMPLATE) {
        debug_assert!(false, "report.md: {e}");
    }
    env
}

/// Renders the report page as Markdown.
pub fn render_page(page: &Page) -> Result<String, minijinja::Error> {
    let env = environment();
    let tmpl = env.get_template("report.md")?;
    let raw = tmpl.render(minijinja::context! { page => Value::from(Serde(page)) })?;
    // One blank line between blocks, whatever the template's loops leave.
    let mut out = String::with_capacity(raw.len() + 1);
    let mut blank = 0;
    for line in raw.trim_end().lines() {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    Ok(out)
}

/// The Markdown report of a run.
pub fn render(run: &Run) -> Result<String, minijinja::Error> {
    render_page(&Page::of(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_table_breakers_are_escaped() {
        assert_eq!(escape("a|b <script>"), "a\\|b &lt;script&gt;");
        assert_eq!(escape("\"><img onerror=x>"), "&quot;&gt;&lt;img onerror=x&gt;");
        assert_eq!(escape("**x**\n_y_"), "\\*\\*x\\*\\* \\_y\\_");
    }
}
