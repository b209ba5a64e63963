//! The `gleaner` command line: argument parsing and wiring only; the work
//! is done by `gleaner-host` (loading and running plugins) and
//! `gleaner-corpus` (reading inputs).
//!
//! One module per subcommand: `run.rs` (`gleaner run`, with `resume.rs`
//! for `--resume`), `plugins.rs` (`gleaner plugins`, `gleaner plugins
//! inspect`), `bench.rs` (`gleaner bench`, over `gleaner-bench`), `eval.rs`
//! (`gleaner eval`), `new_plugin.rs` (`gleaner new-plugin`, with its
//! `templates/`). Loading plugins with their settings is shared by all
//! of them ([`load_plugins`]).
//!
//! Exit status: 0 when all went well, 1 when a document or the reader had
//! an error (the run still completes), 2 for usage, configuration or
//! plugin-loading errors (nothing was run).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod eval;
mod new_plugin;
mod plugins;
mod resume;
mod run;

/// Exit status for a run that completed with document or reader errors.
const EXIT_RUN_ERRORS: u8 = 1;
/// Exit status for usage, configuration or load errors (nothing ran).
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "gleaner",
    version,
    about = "Pull facts out of news articles at corpus scale, with extractor plugins.",
    after_help = "\
Examples:
  gleaner run news.jsonl.zst -o facts.jsonl        standard plugins over a corpus
  gleaner run pages/ --plugin terms --set terms.terms=oil,gold
  cat news.jsonl | gleaner run - > facts.jsonl     stdin to stdout, one line per line
  gleaner plugins                                   list the plugins gleaner finds
  gleaner plugins inspect numbers                   a plugin's settings
  gleaner new-plugin mine                           start a plugin of your own (docs/plugins.md)
  gleaner eval --plugin ./libmine.so --gold gold.jsonl   score a plugin against a gold file

Run `gleaner run --help` for all options."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run plugins over corpora and write one JSON line per document.
    Run(run::RunArgs),
    /// List the plugins gleaner finds, or inspect one.
    Plugins(plugins::PluginsArgs),
    /// Measure plugins: speed per plugin, latency, thread scaling, memory; compare with a baseline.
    Bench(bench::BenchArgs),
    /// Score a plugin's records against a gold file: P/R/F1 per kind and the worst misses.
    Eval(eval::EvalArgs),
    /// Create a new plugin project (Rust or C) with an example, tests and sample data.
    NewPlugin(new_plugin::NewPluginArgs),
    /// The worker role of `gleaner run --isolate` (started by gleaner itself; speaks frames on stdin/stdout).
    #[command(name = gleaner_host::isolate::WORKER_ARG, hide = true)]
    Worker,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::main(args),
        Command::Plugins(args) => plugins::main(args),
        Command::Bench(args) => bench::main(args),
        Command::Eval(args) => eval::main(args),
        Command::NewPlugin(args) => new_plugin::main(args),
        Command::Worker => ExitCode::from(gleaner_host::worker::serve()),
    }
}

/// The plugin settings options of `run`, `bench` and `eval`.
#[derive(clap::Args)]
struct SettingsArgs {
    /// Set a plugin setting (repeatable); see `gleaner plugins inspect ID`.
    #[arg(long = "set", value_name = "PLUGIN.KEY=VALUE")]
    sets: Vec<String>,
    /// Read settings from a TOML file with one table per plugin id (`--set` wins over it).
    #[arg(long, value_name = "FILE.toml")]
    config: Option<std::path::PathBuf>,
}

/// The plugins named by `--plugin` (the standard set when none) and their
/// settings from `--config` and `--set`, all checked before anything runs.
fn load_plugins(
    specs: &[String],
    options: &SettingsArgs,
) -> Result<(gleaner_host::PluginSet, Vec<gleaner_host::ResolvedSettings>), String> {
    let plugins = gleaner_host::PluginSet::resolve(specs, &gleaner_host::SearchPath::from_env())?;
    let mut user = gleaner_host::UserSettings::new();
    if let Some(config) = &options.config {
        user.add_config_file(config)?;
    }
    for set in &options.sets {
        user.add_set(set)?;
    }
    let settings = user.resolve(&plugins)?;
    Ok((plugins, settings))
}

/// Prints a usage/configuration error and returns exit status 2.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("gleaner: error: {message}");
    ExitCode::from(EXIT_USAGE)
}
