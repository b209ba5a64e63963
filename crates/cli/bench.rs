//! `gleaner bench`: measure plugins over an input and print per-plugin
//! figures and the thread-scaling table; optionally write them as JSON
//! and compare with an earlier JSON. The measuring is done by
//! `gleaner-bench`; this module is argument wiring.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gleaner_bench::{baseline, measure, BenchOptions, Input, Report};
use gleaner_corpus::ReaderOptions;

#[derive(Args)]
#[command(after_help = "\
Runs the pipeline with 1 to N worker threads and, on one thread with one document per call, times
every plugin call, so it can say what each plugin costs per document. The input is loaded into
memory once (reading and decompressing are not measured) unless --stream is given. Each
configuration runs --repeat times after --warmup runs; the median is quoted. Peak memory is
measured per run (the peak resident size is reset before each run).

Examples:
  gleaner bench news.jsonl.zst                      the standard plugins, 1..cores threads
  gleaner bench news.jsonl.zst --plugin numbers -j 1 --repeat 5
  gleaner bench news.jsonl.zst --json now.json --baseline before.json
  gleaner bench big.jsonl.zst --limit-mb 20         an even sample of about 20 MB of text
  gleaner bench news.jsonl.zst --stream -j 2        reading included, memory as a real run

Exit status: 0 done; 1 --fail-on-slowdown and a figure got worse beyond the noise;
2 bad arguments, settings, plugins or input.")]
pub struct BenchArgs {
    /// Input files or folders, as for `gleaner run`.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// A plugin to measure: a file path or the id of a found plugin (repeatable; default: the standard plugins).
    #[arg(short, long = "plugin", value_name = "PATH|ID")]
    plugins: Vec<String>,
    /// The scaling table goes from 1 to N worker threads (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Measured runs of each configuration (the median is quoted).
    #[arg(long, value_name = "N", default_value_t = 3)]
    repeat: usize,
    /// Unmeasured runs before measuring.
    #[arg(long, value_name = "N", default_value_t = 1)]
    warmup: usize,
    /// Use an even sample of about this many MB of text (every k-th document).
    #[arg(long, value_name = "MB")]
    limit_mb: Option<f64>,
    /// Read the input on every run, as `gleaner run` does (reading and decompressing are measured;
    /// with --limit-mb, the first MB of the input).
    #[arg(long)]
    stream: bool,
    /// Write the figures to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Compare with a JSON written earlier by --json and print the ratio of every figure.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --baseline: exit with status 1 when a figure got worse beyond the noise.
    #[arg(long, requires = "baseline")]
    fail_on_slowdown: bool,
    #[command(flatten)]
    settings: crate::SettingsArgs,
    /// Leave the `text` field out of the output lines (as `gleaner run --no-text`).
    #[arg(long)]
    no_text: bool,
    /// At most N records per document and plugin.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    max_records: usize,
}

/// Runs `gleaner bench`.
pub fn main(args: BenchArgs) -> ExitCode {
    let (plugins, settings) = match crate::load_plugins(&args.plugins, &args.settings) {
        Ok(loaded) => loaded,
        Err(e) => return crate::usage_error(e),
    };
    // Read the baseline first: a wrong file should fail before minutes of measuring.
    let old = match &args.baseline {
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|text| Report::from_json(&text)) {
            Ok(report) => Some(report),
            Err(e) => return crate::usage_error(format!("baseline {}: {e}", path.display())),
        },
        None => None,
    };
    let limit_bytes = match args.limit_mb {
        Some(mb) if !(mb > 0.0 && mb.is_finite()) => return crate::usage_error(format!("--limit-mb must be a positive number, got {mb}")),
        limit => limit.map(|mb| (mb * 1e6) as u64),
    };

    let input = if args.stream {
        Input::Stream { paths: args.inputs.clone(), options: ReaderOptions::default(), limit_bytes }
    } else {
        eprintln!("gleaner bench: loading {} ...", args.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" "));
        match measure::load(&args.inputs, ReaderOptions::default(), limit_bytes) {
            Ok(input) => input,
            Err(e) => return crate::usage_error(e),
        }
    };
    let options = BenchOptions {
        max_threads: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
        repeat: args.repeat.max(1),
        warmup: args.warmup,
        max_records: args.max_records,
        include_text: !args.no_text,
    };
    let report = match measure::run(&plugins, &settings, &input, &options, &mut |line| eprintln!("gleaner bench: {line}")) {
        Ok(report) => report,
        Err(e) => return crate::usage_error(e),
    };
    drop(input);

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut printed = report.print(&mut out);
    if let Some(path) = &args.json {
        if let Err(e) = std::fs::write(path, report.to_json() + "\n") {
            return crate::usage_error(format!("cannot write {}: {e}", path.display()));
        }
    }
    let mut worse = false;
    if let (Some(old), Some(path)) = (&old, &args.baseline) {
        let compared = baseline::compare(old, &report);
        worse = compared.iter().any(|c| c.verdict == baseline::Verdict::Worse);
        printed = printed.and_then(|()| {
            writeln!(
                out,
                "\nCompared with {} (ratio now/baseline; a change counts beyond {}x the noise of the repeats, at least {:.0}%):",
                path.display(),
                baseline::NOISE_FACTOR,
                baseline::MIN_CHANGE * 100.0
            )?;
            for warning in baseline::mismatches(old, &report) {
                writeln!(out, "Warning: {warning}")?;
            }
            baseline::print(&compared, &mut out)
        });
    }
    if let Err(e) = printed.and_then(|()| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("gleaner: error: writing the report failed: {e}");
        }
        return ExitCode::from(crate::EXIT_RUN_ERRORS);
    }
    if worse && args.fail_on_slowdown {
        ExitCode::from(crate::EXIT_RUN_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}
