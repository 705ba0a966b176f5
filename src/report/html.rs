//! The HTML report: one self-contained page for a fact-checker.
//!
//! Owns rendering a [`Page`] with the `templates/report.html` template
//! (minijinja, compiled in with `include_str!`): styles inline, no script,
//! no network (a Content-Security-Policy forbids both), right-to-left when
//! the sources are, readable printed, charts as inline SVG. HTML
//! autoescaping is on, so every piece of source text is escaped; nothing
//! here marks text safe.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value};

use super::page::Page;
use crate::Run;

const TEMPLATE: &str = include_str!("../../templates/report.html");

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // A template error is a bug caught by the tests; the built-in template
    // always parses.
    if let Err(e) = env.add_template("report.html", TEMPLATE) {
        debug_assert!(false, "report.html: {e}");
    }
    env
}

/// Renders the report page; a template error (a bug) is returned as text.
pub fn render_page(page: &Page) -> Result<String, minijinja::Error> {
    let env = environment();
    let tmpl = env.get_template("report.html")?;
    let mut out = tmpl.render(minijinja::context! { page => Value::from(Serde(page)) })?;
    out.push('\n');
    Ok(out)
}

/// The HTML report of a run.
pub fn render(run: &Run) -> Result<String, minijinja::Error> {
    render_page(&Page::of(run))
}
