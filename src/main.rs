//! The `claimcheck` command line: parses flags, merges them with
//! `claimcheck.toml`, runs the library, writes reports, and maps the
//! outcome to an exit status. Nothing else lives here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimcheck::config::{Config, FailOn, Origin, Setting};
use claimcheck::report::{dot, html, human, json, lines, markdown, sarif};
use claimcheck::review::Baseline;
use claimcheck::rules::RuleSource;
use claimcheck::{Engine, Run, RunOptions};
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

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum Format {
    /// Diagnostics with the words of each source (default).
    Human,
    /// The JSON contract documented in the README.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// path:line:col: severity: message [rule]
    Line,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

/// What folder walks leave out.
#[derive(clap::Args)]
struct WalkArgs {
    /// Leave out of folder walks what matches this glob (gitignore syntax,
    /// relative to the folder; repeatable). Hidden files and what
    /// .gitignore and .ignore exclude are left out already; files named
    /// on the command line are always read.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

#[derive(clap::Args)]
struct Common {
    /// Article files and folders (folders are searched for *.md and *.txt).
    #[arg(required_unless_present = "claims")]
    paths: Vec<PathBuf>,
    /// Check a claims dataset (`claimcheck archive export`) instead of
    /// texts: its claims and stories as exported, none extracted again.
    #[arg(long, value_name = "DATASET", conflicts_with = "paths")]
    claims: Option<PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// A folder of rule files that replace the built-in files of the same name.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Ignore claimcheck.toml.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    walk: WalkArgs,
    /// Print only findings and problems: no corroborations, summary or
    /// confirmation lines.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// The reference corpus (already published): only findings that involve
    /// the drafts given as PATHS are reported.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    against: Vec<PathBuf>,
    /// Also write a report to a file, e.g. --output sarif=out.sarif (repeatable).
    #[arg(long = "output", value_name = "FORMAT=FILE")]
    outputs: Vec<String>,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Report only findings not listed in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum ReportFormat {
    /// One self-contained page with charts.
    Html,
    /// The same content as Markdown tables.
    Md,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Article files and folders (folders are searched for *.md and *.txt).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The reference corpus (already published): only findings that involve
    /// the drafts given as PATHS are reported.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    against: Vec<PathBuf>,
    /// Where to write the report (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The report's format (default: from the extension of --output, .html or .md).
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// A folder of rule files that replace the built-in files of the same name.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Ignore claimcheck.toml.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    walk: WalkArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum GraphFormat {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// Nodes and edges as JSON.
    Json,
}

#[derive(clap::Args)]
struct GraphArgs {
    /// Article files and folders (folders are searched for *.md and *.txt).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The reference corpus (already published).
    #[arg(long, value_name = "PATH", num_args = 1..)]
    against: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "dot")]
    format: GraphFormat,
    /// Where to write the graph (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// A folder of rule files that replace the built-in files of the same name.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Ignore claimcheck.toml.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    walk: WalkArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Extract, link and check claims across sources; report conflicts.
    Check(CheckArgs),
    /// Write the current findings to a baseline file; later runs with
    /// --baseline report only new ones.
    Baseline {
        #[command(flatten)]
        args: CheckArgs,
        /// Where to write it (default: the configured baseline, else claimcheck-baseline.json).
        #[arg(short = 'o', long = "write", value_name = "FILE")]
        write: Option<PathBuf>,
    },
    /// Write a fact-checker's report (HTML with charts, or Markdown): who said
    /// what and when, conflicts first.
    Report(ReportArgs),
    /// Print the claim graph (sources, claims, subjects and their links) as DOT or JSON.
    Graph(GraphArgs),
    /// List the claims extracted from each source.
    Claims(Common),
    /// List every number, money amount and date found, before subjects are assigned.
    Mentions(Common),
    /// List the stories the articles were grouped into: label, outlets,
    /// independent origins, and articles. Findings are only made within a story.
    Stories(Common),
    /// Show, for each claim of a finding, which words decided its subject,
    /// value and time, and the comparison that made it a finding.
    Explain {
        /// The finding id, as printed by `check` (e.g. F3).
        finding: String,
        #[command(flatten)]
        args: CheckArgs,
    },
    /// Serve diagnostics to an editor over the Language Server Protocol (stdio).
    Lsp,
    /// Write a commented starter claimcheck.toml in the current folder.
    Init,
    /// Print the effective configuration for these paths and where each value comes from.
    Config {
        /// Paths whose configuration to show (default: the current folder).
        paths: Vec<PathBuf>,
    },
    /// Print a finding rule's documentation: what it finds, why it
    /// matters, an example, its default severity and how to change or
    /// silence it. Without ID, list every rule.
    Rule {
        /// The rule, as printed with each finding (e.g. head-count-mismatch).
        id: Option<String>,
        /// Every rule as the Markdown table in the README.
        #[arg(long, conflicts_with = "id")]
        markdown: bool,
        /// A folder of rule files that replace the built-in files of the same name.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Keep articles extracted once, for checking drafts against years of
    /// them: `check --against ARCHIVE` reads only the stories a draft falls in.
    Archive {
        #[command(subcommand)]
        action: ArchiveAction,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum ExportFormat {
    /// Apache Parquet, one folder per table, partitioned by month.
    Parquet,
}

#[derive(Subcommand)]
enum ArchiveAction {
    /// Extract articles into the archive (created if missing): an article
    /// stored already with the same text is skipped, a changed one
    /// replaced. Without PATH, extracts again what the archive holds when
    /// the rules changed. One transaction: an interrupted add changes nothing.
    Add {
        /// Article files, folders and feeds.
        paths: Vec<PathBuf>,
        /// The archive folder.
        #[arg(long, value_name = "DIR", default_value = "claimcheck-archive")]
        archive: PathBuf,
        /// A folder of rule files that replace the built-in files of the same name.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[command(flatten)]
        walk: WalkArgs,
        /// Print nothing but problems.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Write the archive's sources, claims and stories as a Parquet dataset
    /// partitioned by publication month (for Spark, DuckDB, DataFusion,
    /// Polars); `check --claims OUT` checks it without the texts.
    Export {
        /// The folder to write (must not hold a dataset).
        out: PathBuf,
        /// The archive folder.
        #[arg(long, value_name = "DIR", default_value = "claimcheck-archive")]
        archive: PathBuf,
        /// The dataset's format.
        #[arg(long, value_enum, default_value = "parquet")]
        format: ExportFormat,
    },
    /// Print the archive's size: articles, claims, stories, bytes.
    Info {
        /// The archive folder.
        #[arg(long, value_name = "DIR", default_value = "claimcheck-archive")]
        archive: PathBuf,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
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
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    /// Nothing at or above --fail-on.
    Clean = 0,
    /// A finding at or above --fail-on (default: an error).
    Findings = 1,
    /// Usage, configuration or rule error, or nothing could be checked.
    Trouble = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(a) => check(&a),
        Command::Baseline { args, write } => baseline(&args, write),
        Command::Report(a) => report(&a),
        Command::Graph(a) => graph(&a),
        Command::Claims(c) => listing(&c, Listing::Claims),
        Command::Mentions(c) => listing(&c, Listing::Mentions),
        Command::Stories(c) => listing(&c, Listing::Stories),
        Command::Explain { finding, args } => explain(&finding, &args),
        Command::Lsp => match claimcheck::lsp::run_stdio() {
            Ok(claimcheck::lsp::Ended::Exit) => Status::Clean,
            // The protocol's status for any end but `shutdown` then `exit`.
            Ok(claimcheck::lsp::Ended::Abnormally(why)) => {
                eprintln!("claimcheck lsp: {why}");
                Status::Findings
            }
            Err(e) => {
                eprintln!("claimcheck lsp: {e}");
                Status::Trouble
            }
        },
        Command::Init => init(),
        Command::Config { paths } => show_config(&paths),
        Command::Rule { id, markdown, rules } => rule_doc(id.as_deref(), markdown, &rules),
        Command::Rules { action: RulesAction::Check { rules } } => rules_check(&rules),
        Command::Rules { action: RulesAction::Test { rules } } => rules_test(&rules),
        Command::Archive { action: ArchiveAction::Add { paths, archive, rules, walk, quiet } } => {
            archive_add(&paths, &archive, &rules, &walk, quiet)
        }
        Command::Archive { action: ArchiveAction::Info { archive, json } } => archive_info(&archive, json),
        Command::Archive { action: ArchiveAction::Export { out, archive, format: ExportFormat::Parquet } } => {
            archive_export(&archive, &out)
        }
    };
    ExitCode::from(status as u8)
}

fn report_error(e: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(e));
}

fn load(rules: &[PathBuf]) -> Option<Engine> {
    match Engine::load(&RuleSource::with_overrides(rules)) {
        Ok(e) => Some(e),
        Err(e) => {
            report_error(e);
            None
        }
    }
}

/// Configuration merged with flags.
struct Effective {
    config: Config,
}

fn effective(common: &Common, args: Option<&CheckArgs>) -> Option<Effective> {
    let against = args.map(|a| a.against.as_slice()).unwrap_or(&[]);
    let mut config = base_config(&common.paths, common.no_config, &common.rules, against, &common.walk)?;
    if let Some(a) = args {
        if let Some(f) = a.fail_on {
            let v = match f {
                FailOnArg::Error => FailOn::Error,
                FailOnArg::Warning => FailOn::Warning,
                FailOnArg::Info => FailOn::Info,
                FailOnArg::Never => FailOn::Never,
            };
            config.fail_on = Setting { value: v, origin: Origin::Flag };
        }
        if let Some(b) = &a.baseline {
            config.baseline = Setting { value: Some(b.clone()), origin: Origin::Flag };
        }
    }
    Some(Effective { config })
}

/// Configuration from claimcheck.toml with the flags every command shares.
fn base_config(
    paths: &[PathBuf],
    no_config: bool,
    rules: &[PathBuf],
    against: &[PathBuf],
    walk: &WalkArgs,
) -> Option<Config> {
    let mut config = if no_config {
        Config::default()
    } else {
        match Config::for_inputs(paths) {
            Ok(c) => c,
            Err(e) => {
                report_error(e);
                return None;
            }
        }
    };
    if !rules.is_empty() {
        let mut all = config.rules.value.clone();
        all.extend(rules.iter().cloned());
        config.rules = Setting { value: all, origin: Origin::Flag };
    }
    if !against.is_empty() {
        config.against = Setting { value: against.to_vec(), origin: Origin::Flag };
    }
    if !walk.exclude.is_empty() {
        let mut all = config.exclude.value.clone();
        all.extend(walk.exclude.iter().cloned());
        config.exclude = Setting { value: all, origin: Origin::Flag };
    }
    Some(config)
}

/// Runs the drafts against the configured corpus with configured severities
/// (no baseline: a report shows everything found).
/// What folder walks leave out: the configured globs and the flags'.
fn walk_of(config: &Config) -> claimcheck::sources::Walk {
    claimcheck::sources::Walk { exclude: config.exclude.value.clone() }
}

fn run_configured(paths: &[PathBuf], config: &Config) -> Option<Run> {
    let engine = load(&config.rules.value)?;
    let options = RunOptions { walk: walk_of(config), ..RunOptions::default() };
    let mut run = run_engine(&engine, paths, config, options).ok()?;
    run.relevel(|rule, sev| config.level(rule, sev));
    Some(run)
}

/// Checks a claims dataset; one that cannot be read is trouble.
fn run_dataset(engine: &Engine, dataset: &Path) -> Result<Run, Status> {
    engine.run_dataset(dataset).map_err(|e| {
        report_error(e);
        Status::Trouble
    })
}

/// Runs the drafts against the configured corpus: a folder of articles,
/// or an archive (`claimcheck archive add`), whose claims are not
/// extracted again and of which only the drafts' stories are read.
fn run_engine(engine: &Engine, paths: &[PathBuf], config: &Config, options: RunOptions) -> Result<Run, Status> {
    let against = &config.against.value;
    let archives: Vec<&PathBuf> = against.iter().filter(|p| claimcheck::archive::Archive::is_archive(p)).collect();
    let Some(&archive_path) = archives.first() else {
        return Ok(engine.run_with(paths, against, options));
    };
    if against.len() > 1 {
        eprintln!(
            "claimcheck: {} is an archive: check against one archive alone (add the other articles to it with `claimcheck archive add`)",
            archive_path.display()
        );
        return Err(Status::Trouble);
    }
    let hash = Engine::rules_hash(&RuleSource::with_overrides(&config.rules.value)).map_err(|e| {
        report_error(e);
        Status::Trouble
    })?;
    let archive = claimcheck::archive::Archive::open(archive_path).map_err(|e| {
        report_error(e);
        Status::Trouble
    })?;
    engine.run_against_archive(paths, &archive, &hash, options).map_err(|e| {
        report_error(e);
        Status::Trouble
    })
}

/// Writes output to a file, or to standard output when there is none.
fn emit(output: Option<&Path>, text: &str) -> Result<(), Status> {
    match output {
        Some(p) if p != Path::new("-") => std::fs::write(p, text).map_err(|e| {
            eprintln!("claimcheck: cannot write {}: {e}", p.display());
            Status::Trouble
        }),
        _ => to_stdout(|w| w.write_all(text.as_bytes())),
    }
}

/// Writes to standard output. A reader that closed the pipe (`| head`)
/// ends the output quietly; any other failure (a full disk, a closed
/// file) is trouble: a truncated report must not pass a gate.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Status> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("claimcheck: cannot write to standard output: {e}");
            Err(Status::Trouble)
        }
    }
}

/// The status of a command whose last step was writing its output.
fn status_of(written: Result<(), Status>) -> Status {
    written.err().unwrap_or(Status::Clean)
}

/// One line on standard output (`println!` panics when it cannot write).
fn say(line: &str) -> Status {
    status_of(to_stdout(|w| writeln!(w, "{line}")))
}

/// The status of a run that writes a document: trouble when an input could
/// not be read (the readable ones are still in the document).
fn document_status(run: &Run) -> Status {
    for e in &run.input_errors {
        eprintln!("claimcheck: {e}");
    }
    if let Some(why) = run.unchecked() {
        eprintln!("claimcheck: exit 2: {why}");
        return Status::Trouble;
    }
    if run.fatal_input_errors().next().is_some() {
        Status::Trouble
    } else {
        Status::Clean
    }
}

fn report(a: &ReportArgs) -> Status {
    let ext = a.output.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match (a.format, ext.as_deref()) {
        (Some(f), _) => f,
        (None, Some("html" | "htm")) => ReportFormat::Html,
        (None, Some("md" | "markdown")) => ReportFormat::Md,
        (None, _) => {
            eprintln!("claimcheck: say --format html or --format md, or give -o a .html or .md file");
            return Status::Trouble;
        }
    };
    let Some(config) = base_config(&a.paths, a.no_config, &a.rules, &a.against, &a.walk) else {
        return Status::Trouble;
    };
    let Some(run) = run_configured(&a.paths, &config) else { return Status::Trouble };
    let rendered = match format {
        ReportFormat::Html => html::render(&run),
        ReportFormat::Md => markdown::render(&run),
    };
    let text = match rendered {
        Ok(t) => t,
        Err(e) => {
            eprintln!("claimcheck: cannot render the report: {e}");
            return Status::Trouble;
        }
    };
    if let Err(s) = emit(a.output.as_deref(), &text) {
        return s;
    }
    document_status(&run)
}

fn graph(a: &GraphArgs) -> Status {
    let Some(config) = base_config(&a.paths, a.no_config, &a.rules, &a.against, &a.walk) else {
        return Status::Trouble;
    };
    let Some(run) = run_configured(&a.paths, &config) else { return Status::Trouble };
    let text = match a.format {
        GraphFormat::Dot => dot::dot(&run),
        GraphFormat::Json => pretty(&dot::document(&run)),
    };
    if let Err(s) = emit(a.output.as_deref(), &text) {
        return s;
    }
    document_status(&run)
}

/// `evidence`: keep what decided each claim (JSON output and `explain`
/// show it).
fn run_check(args: &CheckArgs, eff: &Effective, use_baseline: bool, evidence: bool) -> Result<Run, Status> {
    let engine = load(&eff.config.rules.value).ok_or(Status::Trouble)?;
    // A check reports claims and findings, not every number found.
    let options = RunOptions { mentions: false, evidence, walk: walk_of(&eff.config) };
    let mut run = match &args.common.claims {
        Some(dataset) => run_dataset(&engine, dataset)?,
        None => run_engine(&engine, &args.common.paths, &eff.config, options)?,
    };
    let cfg = &eff.config;
    run.relevel(|rule, sev| cfg.level(rule, sev));
    if use_baseline {
        if let Some(path) = &cfg.baseline.value {
            match Baseline::read(path) {
                Ok(b) => run.apply_baseline(&b),
                Err(e) => {
                    eprintln!("claimcheck: {e}; write one with `claimcheck baseline`");
                    return Err(Status::Trouble);
                }
            }
        }
    }
    Ok(run)
}

/// `--color auto` follows the conventions: NO_COLOR turns colour off,
/// CLICOLOR_FORCE on (NO_COLOR wins), CLICOLOR=0 off, else a terminal
/// that supports it.
fn color_of(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    }
}

/// Writes a report; the human one as it is rendered (it can be hundreds
/// of MB).
fn write_report(run: &Run, format: Format, color: bool, quiet: bool, w: &mut dyn Write) -> std::io::Result<()> {
    let text = match format {
        Format::Human => return human::write_check(run, color, quiet, w),
        Format::Json => return write_json(w, &json::check_document(run)),
        Format::Sarif => return write_json(w, &sarif::document(run)),
        Format::Line => lines::line(run),
        Format::Github => lines::github(run),
    };
    w.write_all(text.as_bytes())
}

/// A typed document written as pretty JSON as it is serialised: never
/// built whole in memory first (a day's JSON is hundreds of MB).
fn write_json(w: &mut dyn Write, doc: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, doc)?;
    w.write_all(b"\n")
}

fn parse_output(spec: &str) -> Option<(Format, PathBuf)> {
    let (f, path) = spec.split_once('=')?;
    let format = Format::from_str(f, true).ok()?;
    (!path.is_empty()).then(|| (format, PathBuf::from(path)))
}

fn check(args: &CheckArgs) -> Status {
    let Some(eff) = effective(&args.common, Some(args)) else { return Status::Trouble };
    let mut outputs = Vec::new();
    for spec in &args.outputs {
        match parse_output(spec) {
            Some(o) => outputs.push(o),
            None => {
                eprintln!("claimcheck: --output takes FORMAT=FILE with FORMAT one of human, json, sarif, line, github; got `{spec}`");
                return Status::Trouble;
            }
        }
    }
    let json = args.common.format == Format::Json || outputs.iter().any(|(f, _)| *f == Format::Json);
    let run = match run_check(args, &eff, true, json) {
        Ok(r) => r,
        Err(s) => return s,
    };
    let color = color_of(args.common.color);
    if let Err(s) = to_stdout(|w| write_report(&run, args.common.format, color, args.common.quiet, w)) {
        return s;
    }
    for (format, path) in outputs {
        let written = std::fs::File::create(&path).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            write_report(&run, format, false, false, &mut w)?;
            w.flush()
        });
        if let Err(e) = written {
            eprintln!("claimcheck: cannot write {}: {e}", path.display());
            return Status::Trouble;
        }
    }
    for e in &run.input_errors {
        eprintln!("claimcheck: {e}");
    }
    gate(&run, eff.config.fail_on.value)
}

/// The exit status of a checked run.
fn gate(run: &Run, fail_on: FailOn) -> Status {
    // Exit 2 when a draft or the corpus named was not checked; otherwise
    // the findings decide, and other input problems are listed.
    if let Some(why) = run.unchecked() {
        eprintln!("claimcheck: exit 2: {why}");
        return Status::Trouble;
    }
    let worst_problem = (!run.suppression_problems.is_empty()).then_some(claimcheck::check::Severity::Warning);
    let failing = run.findings.iter().map(|f| f.severity).chain(worst_problem).any(|s| fail_on.fails(s));
    if failing {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn baseline(args: &CheckArgs, write: Option<PathBuf>) -> Status {
    let Some(eff) = effective(&args.common, Some(args)) else { return Status::Trouble };
    let run = match run_check(args, &eff, false, false) {
        Ok(r) => r,
        Err(s) => return s,
    };
    let path = write
        .or_else(|| eff.config.baseline.value.clone())
        .unwrap_or_else(|| PathBuf::from("claimcheck-baseline.json"));
    let b = run.baseline();
    let text = pretty(&b);
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("claimcheck: cannot write {}: {e}", path.display());
        return Status::Trouble;
    }
    for e in &run.input_errors {
        eprintln!("claimcheck: {e}");
    }
    if let Some(why) = run.unchecked() {
        eprintln!("claimcheck: exit 2: {why}");
        return Status::Trouble;
    }
    if args.common.quiet {
        return Status::Clean;
    }
    say(&format!("wrote {} findings to {}", b.findings.len(), path.display()))
}

#[derive(PartialEq, Eq)]
enum Listing {
    Claims,
    Mentions,
    Stories,
}

fn listing(c: &Common, what: Listing) -> Status {
    let Some(eff) = effective(c, None) else { return Status::Trouble };
    let Some(engine) = load(&eff.config.rules.value) else { return Status::Trouble };
    let options = RunOptions { walk: walk_of(&eff.config), ..RunOptions::default() };
    let run = match &c.claims {
        Some(dataset) => match run_dataset(&engine, dataset) {
            Ok(r) => r,
            Err(s) => return s,
        },
        None => engine.run_with(&c.paths, &[], options),
    };
    let written = match (c.format, &what) {
        (Format::Json, Listing::Claims) => to_stdout(|w| write_json(w, &json::claims_document(&run))),
        (Format::Json, Listing::Mentions) => to_stdout(|w| write_json(w, &json::mentions_document(&run))),
        (Format::Json, Listing::Stories) => to_stdout(|w| write_json(w, &json::stories_document(&run))),
        (Format::Human, Listing::Stories) => to_stdout(|w| w.write_all(human::stories(&run).as_bytes())),
        (Format::Human, Listing::Claims) => to_stdout(|w| w.write_all(human::claims(&run).as_bytes())),
        (Format::Human, Listing::Mentions) => to_stdout(|w| w.write_all(human::mentions(&run).as_bytes())),
        (other, _) => {
            eprintln!("claimcheck: {other:?} output is for findings; claims and mentions are human or json");
            return Status::Trouble;
        }
    };
    if let Err(s) = written {
        return s;
    }
    document_status(&run)
}

fn explain(id: &str, args: &CheckArgs) -> Status {
    let Some(eff) = effective(&args.common, Some(args)) else { return Status::Trouble };
    let run = match run_check(args, &eff, true, true) {
        Ok(r) => r,
        Err(s) => return s,
    };
    let Some(f) = run.findings.iter().find(|f| f.id.eq_ignore_ascii_case(id)) else {
        let ids: Vec<&str> = run.findings.iter().map(|f| f.id.as_str()).collect();
        eprintln!("claimcheck: no finding {id} in this run; findings are {}", ids.join(", "));
        return Status::Trouble;
    };
    let written = match args.common.format {
        Format::Json => to_stdout(|w| write_json(w, &json::explain_document(&run, f))),
        _ => to_stdout(|w| w.write_all(human::explain(&run, f).as_bytes())),
    };
    status_of(written)
}

fn init() -> Status {
    let path = Path::new(claimcheck::config::FILE_NAME);
    if path.exists() {
        eprintln!("claimcheck: {} exists already; not overwritten", path.display());
        return Status::Trouble;
    }
    match std::fs::write(path, claimcheck::config::STARTER) {
        Ok(()) => say(&format!("wrote {}", path.display())),
        Err(e) => {
            eprintln!("claimcheck: cannot write {}: {e}", path.display());
            Status::Trouble
        }
    }
}

fn show_config(paths: &[PathBuf]) -> Status {
    let cfg = match Config::for_inputs(paths) {
        Ok(c) => c,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    let mut o: Vec<u8> = Vec::new();
    let list = |v: &[PathBuf]| v.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        o,
        "config file: {}",
        cfg.file.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "none".into())
    );
    let _ = writeln!(o, "against  = [{}]  ({})", list(&cfg.against.value), cfg.against.origin);
    let _ = writeln!(o, "rules    = [{}]  ({})", list(&cfg.rules.value), cfg.rules.origin);
    let _ = writeln!(o, "exclude  = [{}]  ({})", cfg.exclude.value.join(", "), cfg.exclude.origin);
    let _ = writeln!(o, "fail-on  = {}  ({})", cfg.fail_on.value.as_str(), cfg.fail_on.origin);
    let _ = writeln!(
        o,
        "baseline = {}  ({})",
        cfg.baseline.value.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "none".into()),
        cfg.baseline.origin
    );
    for rule in claimcheck::check::RuleId::all() {
        let _ = match cfg.severity.get(rule.as_str()) {
            Some(s) => writeln!(o, "severity.{} = {:?}  ({})", rule.as_str(), s.value, s.origin),
            None => writeln!(o, "severity.{} = default  (default)", rule.as_str()),
        };
    }
    status_of(to_stdout(|w| w.write_all(&o)))
}

/// `claimcheck rule [ID]`: the documentation of the finding rules, from
/// the one place it is written (`RuleId::description` and `help`).
fn rule_doc(id: Option<&str>, markdown: bool, rules: &[PathBuf]) -> Status {
    use claimcheck::check::RuleId;
    let Some(engine) = load(rules) else { return Status::Trouble };
    let severity = |r: RuleId| engine.check.default_severity(r).as_str();
    let text = match id {
        None if markdown => claimcheck::check::rules_table(&engine.check),
        None => RuleId::all()
            .iter()
            .map(|&r| format!("{:<26} {:<8} {}\n", r.as_str(), severity(r), r.description()))
            .collect(),
        Some(name) => {
            let Some(r) = RuleId::from_name(name) else {
                let known: Vec<&str> = RuleId::all().iter().map(|r| r.as_str()).collect();
                eprintln!("claimcheck: no rule `{name}`; the rules are {}", known.join(", "));
                return Status::Trouble;
            };
            format!(
                "{} (default severity: {})\n{}\n\n{}\n\nIn claimcheck.toml, `[severity]` then `{} = \"warning\"` (error, warning, info or off) changes its severity.\nOne finding is silenced, with a reason, by a comment on the line before its claim:\n<!-- claimcheck: ignore[{}] reason=\"…\" -->\n",
                r.as_str(),
                severity(r),
                r.description(),
                r.help(),
                r.as_str(),
                r.as_str()
            )
        }
    };
    status_of(to_stdout(|w| w.write_all(text.as_bytes())))
}

fn rules_check(rules: &[PathBuf]) -> Status {
    match load(rules) {
        Some(_) => say("rules OK"),
        None => Status::Trouble,
    }
}

fn rules_test(rules: &[PathBuf]) -> Status {
    let Some(engine) = load(rules) else { return Status::Trouble };
    let outcomes = match claimcheck::examples::run_all(&engine, &RuleSource::with_overrides(rules)) {
        Ok(o) => o,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    let mut out: Vec<u8> = Vec::new();
    let mut failed = 0;
    for o in &outcomes {
        match &o.failure {
            None => {
                let _ = writeln!(out, "ok    {}:{}  {}", o.file, o.line, o.text);
            }
            Some(why) => {
                failed += 1;
                let _ = writeln!(out, "FAIL  {}:{}  {}\n      {why}", o.file, o.line, o.text);
            }
        }
    }
    let _ = writeln!(out, "examples: {} passed, {failed} failed", outcomes.len() - failed);
    if let Err(s) = to_stdout(|w| w.write_all(&out)) {
        return s;
    }
    if failed > 0 {
        Status::Findings
    } else {
        Status::Clean
    }
}

/// A typed document as pretty JSON text. Serialising these documents does
/// not fail (every map key is a string); were it to, the text says why.
fn pretty(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn archive_add(paths: &[PathBuf], dir: &Path, rules: &[PathBuf], walk: &WalkArgs, quiet: bool) -> Status {
    let source = RuleSource::with_overrides(rules);
    let Some(engine) = load(rules) else { return Status::Trouble };
    let hash = match Engine::rules_hash(&source) {
        Ok(h) => h,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    let mut archive = match claimcheck::archive::Archive::create(dir) {
        Ok(a) => a,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    let walk = claimcheck::sources::Walk { exclude: walk.exclude.clone() };
    let added = match engine.archive_add(&mut archive, paths, &walk, &hash) {
        Ok(a) => a,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    for e in &added.input_errors {
        eprintln!("claimcheck: {e}");
    }
    let status = if quiet {
        Status::Clean
    } else {
        say(&format!(
            "{}: {} extracted, {} unchanged; {} articles in {} stories",
            dir.display(),
            added.extracted,
            added.unchanged,
            added.articles,
            added.stories
        ))
    };
    // A path that could not be used is trouble, as in `check`: the
    // archive holds what could be read.
    if added.input_errors.iter().any(|e| e.is_named_failure() || e.is_fatal()) {
        return Status::Trouble;
    }
    if paths.is_empty() && added.extracted == 0 && added.articles == 0 {
        eprintln!("claimcheck: exit 2: nothing to add, and the archive is empty");
        return Status::Trouble;
    }
    status
}

fn archive_info(dir: &Path, json: bool) -> Status {
    let info = match claimcheck::archive::Archive::open(dir).and_then(|a| a.info()) {
        Ok(i) => i,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    if json {
        return say(&pretty(&info));
    }
    say(&format!(
        "{}: {} articles, {} claims, {} stories, {} bytes; rules {}",
        dir.display(),
        info.articles,
        info.claims,
        info.stories,
        info.bytes,
        info.rules_hash.as_deref().map(|h| &h[..h.len().min(12)]).unwrap_or("none")
    ))
}

fn archive_export(dir: &Path, out: &Path) -> Status {
    let archive = match claimcheck::archive::Archive::open(dir) {
        Ok(a) => a,
        Err(e) => {
            report_error(e);
            return Status::Trouble;
        }
    };
    match claimcheck::export_dataset(&archive, out) {
        Ok(x) => say(&format!(
            "{}: {} sources, {} claims, {} stories (Parquet, by publication month)",
            out.display(),
            x.sources,
            x.claims,
            x.stories
        )),
        Err(e) => {
            report_error(e);
            Status::Trouble
        }
    }
}
