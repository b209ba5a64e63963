//! `gleaner run`: resolve plugins and settings (all checked before reading
//! any input), open the corpus, run, print the summary.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use gleaner_corpus::{Format, ReaderOptions};
use gleaner_host::{AtomicFile, IsolateOptions, LogLevel, PluginSet, RunObserver, RunOptions, Runner, Summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Args)]
#[command(after_help = "\
Output: one JSON line per input document, in input order:
  {\"id\":..,\"source\":..,\"text\":..,\"extractions\":{\"PLUGIN\":[{\"start\":..,\"end\":..,\"kind\":..,...}]},\"errors\":[..]}
Offsets are bytes into \"text\" (the text after transforms such as boilerplate).

Examples:
  gleaner run news.jsonl.zst -o facts.jsonl
      the standard plugins (boilerplate, numbers, quotes, geopolitics)
  gleaner run news.jsonl --plugin terms --set terms.terms=oil,gold --set terms.ignore_case=true
  gleaner run crawl.warc.gz pages/ --plugin boilerplate --plugin quotes -j 4 -o quotes.jsonl
  gleaner run articles.jsonl --text-field body --id-field uuid --no-text
  cat part-0001.jsonl | gleaner run - -q           stdin to stdout (Spark, Hadoop Streaming)
  gleaner run corpus/ --config gleaner.toml        settings in a file: [numbers] then key = value

Exit status: 0 all well; 1 some document or input had an error (see \"errors\" and stderr);
2 bad arguments, settings or plugins (nothing was run).")]
pub struct RunArgs {
    /// Input files or folders: .jsonl[.gz|.zst], .warc[.gz], .html, .txt, folders of these; `-` reads JSON Lines from stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// A plugin to run: a file path or the id of a found plugin (repeatable; default: the standard plugins).
    #[arg(short, long = "plugin", value_name = "PATH|ID")]
    plugins: Vec<String>,
    /// Write to FILE (created complete, atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    settings: crate::SettingsArgs,
    /// Leave the `text` field out of the output.
    #[arg(long)]
    no_text: bool,
    /// Input format, instead of guessing from each file's extension.
    #[arg(long, value_name = "dir|jsonl|warc|text|html")]
    format: Option<Format>,
    /// JSON Lines: the field holding the document id [default: id].
    #[arg(long, value_name = "FIELD")]
    id_field: Option<String>,
    /// JSON Lines: the field holding plain text [default: text].
    #[arg(long, value_name = "FIELD")]
    text_field: Option<String>,
    /// JSON Lines: the field holding HTML, used when there is no text field [default: html].
    #[arg(long, value_name = "FIELD")]
    html_field: Option<String>,
    /// JSON Lines: the field holding the publication date [default: date].
    #[arg(long, value_name = "FIELD")]
    date_field: Option<String>,
    /// JSON Lines: the field holding the URL [default: url].
    #[arg(long, value_name = "FIELD")]
    url_field: Option<String>,
    /// A larger document is not processed: its line carries an error [default: 64 MiB].
    #[arg(long, value_name = "BYTES")]
    max_doc_bytes: Option<usize>,
    /// A document that is not valid UTF-8 is not processed (its line carries an error) instead of being repaired with a warning.
    #[arg(long)]
    strict_utf8: bool,
    /// A compressed input that expands past this many bytes is cut off there, with an error [default: 64 GiB].
    #[arg(long, value_name = "BYTES")]
    max_decompressed_bytes: Option<u64>,
    /// Run each plugin in worker processes: a plugin that crashes or hangs costs that document, not the run (slower).
    #[arg(long)]
    isolate: bool,
    /// With --isolate: a plugin taking longer than this on one document is killed, and the document gets an error.
    #[arg(long, value_name = "SECS", requires = "isolate")]
    doc_timeout: Option<f64>,
    /// Go on with an interrupted run: keep the documents already in FILE.partial, do the rest (needs -o FILE).
    #[arg(long, requires = "output")]
    resume: bool,
    /// Load plugin files even if other users could have changed them (file or folder writable by group or others).
    #[arg(long)]
    allow_insecure_plugins: bool,
    /// At most N records per document and plugin; the rest are dropped with an error.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    max_records: usize,
    /// No progress bar and no summary (errors are still printed).
    #[arg(short, long)]
    quiet: bool,
    /// Say more: plugin files and hashes before the run, plugin info logs.
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

/// Runs `gleaner run`.
pub fn main(args: RunArgs) -> ExitCode {
    gleaner_host::trust::set_allow_insecure(args.allow_insecure_plugins);
    let (plugins, settings) = match crate::load_plugins(&args.plugins, &args.settings) {
        Ok(loaded) => loaded,
        Err(e) => return crate::usage_error(e),
    };
    let isolate = match isolate_options(&args) {
        Ok(isolate) => isolate,
        Err(e) => return crate::usage_error(e),
    };
    let options =
        RunOptions { jobs: args.jobs.unwrap_or(0), max_records: args.max_records, include_text: !args.no_text, isolate, ..RunOptions::default() };
    let runner = match Runner::new(&plugins, settings, options) {
        Ok(runner) => runner,
        Err(e) => return crate::usage_error(e),
    };
    if args.verbose > 0 {
        describe_plugins(&plugins);
    }

    let mut corpus = gleaner_corpus::open(&args.inputs, reader_options(&args));
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let observer = CliObserver::new(show_progress, corpus.total_bytes(), corpus.progress(), args.verbose);

    let mut resumed = None;
    if let (true, Some(path)) = (args.resume, &args.output) {
        match crate::resume::prepare(path, &mut corpus, &observer) {
            Ok(Some(prepared)) => resumed = Some(prepared),
            Ok(None) => {
                eprintln!("gleaner: {} exists and there is no partial file: the run is complete (remove it to run again)", path.display());
                return ExitCode::SUCCESS;
            }
            Err(e) => return crate::usage_error(e),
        }
    }
    let result = match &args.output {
        Some(_) if resumed.is_some() => {
            let crate::resume::Resumed { file, .. } = resumed.as_mut().expect("checked");
            runner.run(corpus, file, &observer)
        }
        Some(path) => match AtomicFile::create(path) {
            Ok(mut file) => runner.run(corpus, &mut file, &observer).and_then(|summary| file.commit().map(|()| summary)),
            Err(e) => return crate::usage_error(format!("cannot create {}: {e}", path.display())),
        },
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
            runner.run(corpus, &mut out, &observer)
        }
    };
    let result = match resumed {
        Some(resumed) => result.and_then(|summary| {
            let summary = resumed.add_to(summary);
            resumed.file.commit().map(|()| summary)
        }),
        None => result,
    };
    observer.finish();
    let summary = match result {
        Ok(summary) => summary,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::from(crate::EXIT_RUN_ERRORS),
        Err(e) => {
            eprintln!("gleaner: error: writing the output failed: {e}");
            return ExitCode::from(crate::EXIT_RUN_ERRORS);
        }
    };
    if summary.lines == 0 && args.format.is_none() {
        warn_if_folders_held_no_documents(&args.inputs);
    }
    if !args.quiet {
        print_summary(&summary, &plugins, runner.jobs());
        if let Some(path) = &args.output {
            eprintln!("gleaner: wrote {}", path.display());
        }
    }
    if summary.has_errors() {
        ExitCode::from(crate::EXIT_RUN_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// A folder is read as one document per `.txt`/`.html` file; a folder of
/// JSON Lines or WARC files reads as empty unless a format is given. Says
/// so, since a run over nothing is almost always a mistake.
fn warn_if_folders_held_no_documents(inputs: &[PathBuf]) {
    for folder in inputs.iter().filter(|p| p.is_dir()) {
        eprintln!(
            "gleaner: warning: no .txt or .html documents in the folder {}; \
             for a folder of JSON Lines or WARC files, add --format jsonl or --format warc",
            folder.display()
        );
    }
}

/// How to run plugins in worker processes, with `--isolate`.
fn isolate_options(args: &RunArgs) -> Result<Option<IsolateOptions>, String> {
    if !args.isolate {
        return Ok(None);
    }
    let doc_timeout = match args.doc_timeout {
        Some(secs) => Some(Duration::try_from_secs_f64(secs).ok().filter(|d| !d.is_zero()).ok_or_else(|| {
            format!("--doc-timeout {secs}: expected a positive number of seconds")
        })?),
        None => None,
    };
    IsolateOptions::current_exe(doc_timeout, args.allow_insecure_plugins)
        .map(Some)
        .map_err(|e| format!("--isolate: cannot find the gleaner executable to start workers: {e}"))
}

/// The reader's options: its defaults, with the fields the user named.
fn reader_options(args: &RunArgs) -> ReaderOptions {
    let mut options = ReaderOptions { format: args.format, ..ReaderOptions::default() };
    options.strict_utf8 |= args.strict_utf8;
    if let Some(max) = args.max_doc_bytes {
        options.max_doc_bytes = max;
    }
    if let Some(max) = args.max_decompressed_bytes {
        options.max_decompressed_bytes = max;
    }
    for (given, field) in [
        (&args.id_field, &mut options.id_field),
        (&args.text_field, &mut options.text_field),
        (&args.html_field, &mut options.html_field),
        (&args.date_field, &mut options.date_field),
        (&args.url_field, &mut options.url_field),
    ] {
        if let Some(given) = given {
            field.clone_from(given);
        }
    }
    options
}

/// Each plugin's file and hash, so a result can be traced to the exact build.
fn describe_plugins(plugins: &PluginSet) {
    for plugin in plugins.plugins() {
        let (major, minor) = plugin.abi_version();
        eprintln!(
            "gleaner: plugin {} {} ({}, ABI {major}.{minor}) {} sha256 {}",
            plugin.id(),
            plugin.version(),
            plugin.kind(),
            plugin.origin(),
            plugin.sha256().unwrap_or("-")
        );
    }
}

fn print_summary(summary: &Summary, plugins: &PluginSet, jobs: usize) {
    eprintln!(
        "gleaner: {} documents, {:.1} MB of text in {:.2} s ({:.0} docs/s, {:.2} MB/s, {jobs} worker{})",
        summary.lines,
        summary.text_bytes as f64 / 1e6,
        summary.elapsed.as_secs_f64(),
        summary.docs_per_second(),
        summary.megabytes_per_second(),
        if jobs == 1 { "" } else { "s" }
    );
    eprintln!(
        "gleaner: {} records; {} documents with errors; {} unreadable records; {} reader errors",
        summary.records, summary.lines_with_errors, summary.bad_records, summary.reader_errors
    );
    let failing: Vec<String> = summary.plugin_errors.iter().filter(|(_, n)| *n > 0).map(|(id, n)| format!("{id} {n}")).collect();
    if !failing.is_empty() {
        eprintln!("gleaner: documents with errors by plugin: {}", failing.join(", "));
    }
    describe_plugins(plugins);
}

/// Progress bar, reader errors and plugin logs on stderr.
struct CliObserver {
    bar: Option<ProgressBar>,
    read_bytes: Arc<AtomicU64>,
    lines: AtomicU64,
    text_bytes: AtomicU64,
    verbose: u8,
    logs: AtomicU64,
}

/// At most this many plugin log lines are printed; the rest are counted.
const MAX_LOG_LINES: u64 = 200;

impl CliObserver {
    fn new(show: bool, total_bytes: Option<u64>, read_bytes: Arc<AtomicU64>, verbose: u8) -> CliObserver {
        let bar = show.then(|| {
            let bar = match total_bytes {
                Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(
                    ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} read, ETA {eta}, {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                    ProgressStyle::with_template("{spinner} {elapsed_precise} {bytes} read, {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        CliObserver { bar, read_bytes, lines: AtomicU64::new(0), text_bytes: AtomicU64::new(0), verbose, logs: AtomicU64::new(0) }
    }

    /// Prints a line without breaking the progress bar.
    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => {
                let _ = writeln!(io::stderr().lock(), "{line}");
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let logs = self.logs.load(Ordering::Relaxed);
        if logs > MAX_LOG_LINES {
            eprintln!("gleaner: {} more plugin log lines were not shown", logs - MAX_LOG_LINES);
        }
    }
}

impl RunObserver for CliObserver {
    fn batch_written(&self, lines: u64, text_bytes: u64) {
        let total = self.lines.fetch_add(lines, Ordering::Relaxed) + lines;
        let text = self.text_bytes.fetch_add(text_bytes, Ordering::Relaxed) + text_bytes;
        if let Some(bar) = &self.bar {
            bar.set_position(self.read_bytes.load(Ordering::Relaxed));
            let seconds = bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{total} docs, {:.1} MB/s of text", text as f64 / 1e6 / seconds));
        }
    }

    fn reader_error(&self, source: &str, message: &str) {
        self.say(&format!("gleaner: input error: {source}: {message}"));
    }

    fn plugin_log(&self, plugin: &str, level: LogLevel, message: &str) {
        let shown = match level {
            LogLevel::Error | LogLevel::Warn => true,
            LogLevel::Info => self.verbose >= 1,
            LogLevel::Debug => self.verbose >= 2,
        };
        if shown && self.logs.fetch_add(1, Ordering::Relaxed) < MAX_LOG_LINES {
            let level = format!("{level:?}").to_lowercase();
            self.say(&format!("gleaner: plugin {plugin}: {level}: {message}"));
        }
    }
}
