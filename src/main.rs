//! The `claimcheck` command line: parses flags, runs the library, prints a
//! report, and maps the outcome to an exit status. Nothing else lives here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use claimcheck::check::Severity;
use claimcheck::report::{human, json};
use claimcheck::rules::RuleSource;
use claimcheck::{Engine, Run};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Find where news sources disagree: conflicting counts, amounts, dates and places, quoted from each source."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct Common {
    /// Article files and folders (folders are searched for *.md and *.txt).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// A folder of rule files that replace the built-in files of the same name.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Subcommand)]
enum Command {
    /// Extract, link and check claims across sources; report conflicts.
    Check(Common),
    /// List the claims extracted from each source.
    Claims(Common),
    /// List every number, money amount and date found, before subjects are assigned.
    Mentions(Common),
    /// Show, for each claim of a finding, which words decided its subject,
    /// value and time, and the comparison that made it a finding.
    Explain {
        /// The finding id, as printed by `check` (e.g. F3).
        finding: String,
        #[command(flatten)]
        common: Common,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Subcommand)]
enum RulesAction {
    /// Load and validate every rule file; report the first error with its file and line.
    Check {
        /// A folder of rule files that replace the built-in files of the same name.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Run the [[example]] sentences of the rule files and report which fail.
    Test {
        /// A folder of rule files that replace the built-in files of the same name.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
}

/// Exit statuses CI can rely on.
#[derive(Clone, Copy)]
enum Status {
    /// No error-level finding.
    Clean = 0,
    /// At least one error-level finding.
    Findings = 1,
    /// Usage, rule or input error.
    Trouble = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(c) => run(&c, Mode::Check),
        Command::Claims(c) => run(&c, Mode::Claims),
        Command::Mentions(c) => run(&c, Mode::Mentions),
        Command::Explain { finding, common } => explain(&finding, &common),
        Command::Rules { action: RulesAction::Check { rules } } => rules_check(&rules),
        Command::Rules { action: RulesAction::Test { rules } } => rules_test(&rules),
    };
    ExitCode::from(status as u8)
}

#[derive(PartialEq, Eq)]
enum Mode {
    Check,
    Claims,
    Mentions,
}

fn run(c: &Common, mode: Mode) -> Status {
    let Some(engine) = load(&c.rules) else { return Status::Trouble };
    let run = engine.run_paths(&c.paths);
    let color = match c.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal(),
    };
    let text = match (c.format, &mode) {
        (Format::Json, Mode::Check) => pretty(&json::check(&run)),
        (Format::Json, Mode::Claims) => pretty(&json::claims_doc(&run)),
        (Format::Json, Mode::Mentions) => pretty(&json::mentions_doc(&run)),
        (Format::Human, Mode::Check) => human::check(&run, color),
        (Format::Human, Mode::Claims) => human::claims(&run),
        (Format::Human, Mode::Mentions) => human::mentions(&run),
    };
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if c.format == Format::Json || mode != Mode::Check {
        for e in &run.input_errors {
            eprintln!("claimcheck: {e}");
        }
    }
    status_of(&run, &mode)
}

fn load(rules: &[PathBuf]) -> Option<Engine> {
    match Engine::load(&RuleSource::with_overrides(rules)) {
        Ok(e) => Some(e),
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            None
        }
    }
}

fn explain(id: &str, c: &Common) -> Status {
    let Some(engine) = load(&c.rules) else { return Status::Trouble };
    let run = engine.run_paths(&c.paths);
    let Some(f) = run.findings.iter().find(|f| f.id.eq_ignore_ascii_case(id)) else {
        let ids: Vec<&str> = run.findings.iter().map(|f| f.id.as_str()).collect();
        eprintln!("claimcheck: no finding {id} in this run; findings are {}", ids.join(", "));
        return Status::Trouble;
    };
    let text = match c.format {
        Format::Json => {
            let doc = json::check(&run);
            let finding =
                doc["findings"].as_array().and_then(|fs| fs.iter().find(|x| x["id"] == f.id.as_str())).cloned();
            let ids: Vec<String> = f.claims.iter().map(|&c| run.claim_id(c)).collect();
            let claims: Vec<serde_json::Value> = doc["claims"]
                .as_array()
                .map(|cs| cs.iter().filter(|x| ids.iter().any(|i| x["id"] == i.as_str())).cloned().collect())
                .unwrap_or_default();
            pretty(&serde_json::json!({"version": json::VERSION, "finding": finding, "claims": claims}))
        }
        Format::Human => human::explain(&run, f),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    Status::Clean
}

fn rules_check(rules: &[PathBuf]) -> Status {
    match load(rules) {
        Some(_) => {
            println!("rules OK");
            Status::Clean
        }
        None => Status::Trouble,
    }
}

fn rules_test(rules: &[PathBuf]) -> Status {
    let Some(engine) = load(rules) else { return Status::Trouble };
    let outcomes = match claimcheck::examples::run_all(&engine, &RuleSource::with_overrides(rules)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            return Status::Trouble;
        }
    };
    let mut failed = 0;
    for o in &outcomes {
        match &o.failure {
            None => println!("ok    {}:{}  {}", o.file, o.line, o.text),
            Some(why) => {
                failed += 1;
                println!("FAIL  {}:{}  {}\n      {why}", o.file, o.line, o.text);
            }
        }
    }
    println!("examples: {} passed, {failed} failed", outcomes.len() - failed);
    if failed > 0 {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn status_of(run: &Run, mode: &Mode) -> Status {
    if run.fatal_input_errors().next().is_some() || run.sources.is_empty() {
        return Status::Trouble;
    }
    if *mode == Mode::Check && run.worst() == Some(Severity::Error) {
        return Status::Findings;
    }
    Status::Clean
}
