//! Running the measurements: the input (held in memory or streamed), the
//! warm-up, the repeated runs of every configuration (interleaved, so a
//! machine that slows down affects them all alike), and the figures of
//! each run.
//!
//! Two kinds of run:
//! - **pipeline runs**, one per thread count from 1 to the maximum, with
//!   the runner's normal batches: wall-clock throughput, speed-up and peak
//!   memory;
//! - **profile runs**, on one thread with one document per batch and the
//!   host's per-call timing on ([`RunObserver::wants_timing`]): each
//!   plugin's time per document, its share, and latency percentiles.

use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use gleaner_corpus::{Entry, ReaderOptions};
use gleaner_host::{BatchTiming, PluginSet, ResolvedSettings, RunObserver, RunOptions, Runner, Summary};

use crate::usage;
use crate::report::{InputInfo, Machine, PluginInfo, Report, ScalingRow, StageRow};
use crate::stats::{percentile, Figure};

/// Where the documents come from on each run.
pub enum Input {
    /// Loaded once ([`load`]); every run gets a copy made before its clock
    /// starts, so reading and decompressing are not measured.
    Memory {
        /// The documents (and unreadable records), in input order.
        entries: Vec<Entry>,
        /// What was loaded, for the report.
        info: InputInfo,
    },
    /// Read from the files on every run, as `gleaner run` does: reading,
    /// decompressing and parsing are measured, and memory stays what a
    /// real run needs.
    Stream {
        /// Files and folders.
        paths: Vec<PathBuf>,
        /// Reader options.
        options: ReaderOptions,
        /// Stop after this many bytes of text (None: everything).
        limit_bytes: Option<u64>,
    },
}

/// How to measure.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The thread-scaling table goes from 1 to this many worker threads.
    pub max_threads: usize,
    /// Measured runs of each configuration; the median is quoted.
    pub repeat: usize,
    /// Unmeasured runs first (with `max_threads`), to warm caches and
    /// let plugins build their lazy tables.
    pub warmup: usize,
    /// As in [`RunOptions::max_records`].
    pub max_records: usize,
    /// Whether output lines carry the text (as `gleaner run` does by default).
    pub include_text: bool,
}

/// Reads `paths` into memory. With `limit_bytes`, keeps an evenly spread
/// sample of documents (every k-th, so every part of an input ordered by
/// source is represented) of about that many bytes of text.
pub fn load(paths: &[PathBuf], options: ReaderOptions, limit_bytes: Option<u64>) -> Result<Input, String> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for entry in gleaner_corpus::open(paths, options) {
        match entry {
            Entry::Error { source, message } => problems.push(format!("{source}: {message}")),
            other => entries.push(other),
        }
    }
    if !problems.is_empty() {
        let shown: Vec<&str> = problems.iter().take(5).map(String::as_str).collect();
        return Err(format!("could not read all of the input ({} problems): {}", problems.len(), shown.join("; ")));
    }
    let total = text_bytes(&entries);
    let mut sampled = None;
    if let Some(limit) = limit_bytes.filter(|&limit| limit < total && limit > 0) {
        let share = limit as f64 / total as f64;
        let mut credit = 0.0;
        entries.retain(|_| {
            credit += share;
            let keep = credit >= 1.0;
            if keep {
                credit -= 1.0;
            }
            keep
        });
        sampled = Some(share);
    }
    let info = InputInfo {
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        docs: entries.iter().filter(|e| matches!(e, Entry::Doc(_))).count() as u64,
        text_bytes: text_bytes(&entries),
        mode: "memory".into(),
        sampled,
    };
    if info.docs == 0 {
        return Err("the input has no documents".into());
    }
    Ok(Input::Memory { entries, info })
}

fn text_bytes(entries: &[Entry]) -> u64 {
    entries.iter().map(|e| if let Entry::Doc(d) = e { d.text.len() as u64 } else { 0 }).sum()
}

impl Input {
    /// The documents of one run, ready before its clock starts.
    fn documents(&self) -> Box<dyn Iterator<Item = Entry> + Send> {
        match self {
            Input::Memory { entries, .. } => Box::new(entries.clone().into_iter()),
            Input::Stream { paths, options, limit_bytes } => {
                let corpus = gleaner_corpus::open(paths, options.clone());
                let limit = limit_bytes.unwrap_or(u64::MAX);
                let mut seen = 0u64;
                Box::new(corpus.take_while(move |entry| {
                    let more = seen < limit;
                    if let Entry::Doc(d) = entry {
                        seen += d.text.len() as u64;
                    }
                    more
                }))
            }
        }
    }
}

/// What one run measured.
struct RunFigures {
    summary: Summary,
    /// CPU time of the whole process during the run (all threads).
    cpu_seconds: f64,
    base_rss: u64,
    peak_rss: u64,
}

/// One run of `runner` over the input, output discarded after it is
/// serialised (the JSON is written by the workers, so it is measured).
fn run_once(runner: &Runner, input: &Input, observer: &dyn RunObserver) -> Result<RunFigures, String> {
    let documents = input.documents();
    usage::reset_peak();
    let base_rss = usage::current_rss().unwrap_or(0);
    let cpu_before = usage::cpu_time();
    let summary = runner.run(documents, &mut io::sink(), observer).map_err(|e| format!("run failed: {e}"))?;
    let cpu_seconds = (usage::cpu_time().saturating_sub(cpu_before)).as_secs_f64();
    let peak_rss = usage::peak_rss().unwrap_or(0);
    Ok(RunFigures { summary, cpu_seconds, base_rss, peak_rss })
}

/// Collects the host's per-call timings of a profile run.
struct Profile {
    data: Mutex<ProfileData>,
}

#[derive(Default)]
struct ProfileData {
    /// Per plugin (in plugin-set order): each call's nanoseconds per
    /// document, and totals.
    stages: Vec<StageData>,
    /// Per batch: the whole pipeline, and what is not inside a plugin call.
    pipeline: StageData,
    host: StageData,
}

#[derive(Default, Clone)]
struct StageData {
    latencies: Vec<u64>,
    nanos: u64,
    docs: u64,
    bytes: u64,
    records: u64,
}

impl StageData {
    fn add(&mut self, docs: usize, bytes: u64, records: u64, nanos: u64) {
        if docs == 0 {
            return;
        }
        self.latencies.push(nanos / docs as u64);
        self.nanos += nanos;
        self.docs += docs as u64;
        self.bytes += bytes;
        self.records += records;
    }
}

impl Profile {
    fn new(plugins: usize) -> Profile {
        Profile { data: Mutex::new(ProfileData { stages: vec![StageData::default(); plugins], ..ProfileData::default() }) }
    }
}

impl RunObserver for Profile {
    fn wants_timing(&self) -> bool {
        true
    }

    fn batch_timed(&self, timing: &BatchTiming<'_>) {
        let mut data = self.data.lock().unwrap_or_else(PoisonError::into_inner);
        let mut in_plugins = 0;
        let mut records = 0;
        for stage in timing.stages {
            in_plugins += stage.nanos;
            records += stage.records;
            if let Some(slot) = data.stages.get_mut(stage.plugin) {
                slot.add(timing.docs, stage.text_bytes, stage.records, stage.nanos);
            }
        }
        data.pipeline.add(timing.docs, timing.text_bytes, records, timing.nanos);
        data.host.add(timing.docs, timing.text_bytes, 0, timing.nanos.saturating_sub(in_plugins));
    }
}

/// The figures of one stage in one profile run.
#[derive(Default, Clone, Copy)]
struct StageRun {
    docs_per_s: f64,
    mb_per_s: f64,
    records_per_doc: f64,
    share: f64,
    p50_us: f64,
    p95_us: f64,
    p99_us: f64,
    max_us: f64,
}

impl StageData {
    fn figures(&mut self, pipeline_nanos: u64) -> StageRun {
        self.latencies.sort_unstable();
        let seconds = self.nanos as f64 / 1e9;
        let us = |q: f64| percentile(&self.latencies, q) as f64 / 1e3;
        StageRun {
            docs_per_s: self.docs as f64 / seconds.max(1e-12),
            mb_per_s: self.bytes as f64 / 1e6 / seconds.max(1e-12),
            records_per_doc: self.records as f64 / (self.docs as f64).max(1.0),
            share: self.nanos as f64 / (pipeline_nanos as f64).max(1.0),
            p50_us: us(0.50),
            p95_us: us(0.95),
            p99_us: us(0.99),
            max_us: us(1.0),
        }
    }
}

/// Measures `plugins` (with `settings`, one list per plugin) over `input`
/// and returns the report. `progress` hears a line per run.
pub fn run(
    plugins: &PluginSet,
    settings: &[ResolvedSettings],
    input: &Input,
    options: &BenchOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, String> {
    let max_threads = options.max_threads.max(1);
    let repeat = options.repeat.max(1);
    let base = RunOptions { max_records: options.max_records, include_text: options.include_text, ..RunOptions::default() };
    // The first runner creates the first plugin instances: what a run pays once before reading.
    let started = Instant::now();
    let first = Runner::new(plugins, settings.to_vec(), RunOptions { jobs: 1, ..base.clone() })?;
    let startup_seconds = started.elapsed().as_secs_f64();
    let mut runners = vec![first];
    for jobs in 2..=max_threads {
        runners.push(Runner::new(plugins, settings.to_vec(), RunOptions { jobs, ..base.clone() })?);
    }
    let profiler = Runner::new(plugins, settings.to_vec(), RunOptions { jobs: 1, batch_docs: 1, ..base.clone() })?;
    let quiet = gleaner_host::Silent;
    let load_start = usage::load_average();

    for n in 0..options.warmup {
        let started = Instant::now();
        let figures = run_once(&runners[max_threads - 1], input, &quiet)?;
        progress(&format!(
            "warm-up {}/{}: {max_threads} threads, {:.2} s{}",
            n + 1,
            options.warmup,
            started.elapsed().as_secs_f64(),
            errors_note(&figures.summary)
        ));
    }

    let mut pipeline_runs: Vec<Vec<RunFigures>> = (0..max_threads).map(|_| Vec::new()).collect();
    let mut profile_runs: Vec<Vec<StageRun>> = Vec::new();
    let mut last_summary = Summary::default();
    for r in 0..repeat {
        for (t, runner) in runners.iter().enumerate() {
            let figures = run_once(runner, input, &quiet)?;
            progress(&format!(
                "run {}/{repeat}: {} thread{}, {:.2} s, {:.2} MB/s{}",
                r + 1,
                t + 1,
                if t == 0 { "" } else { "s" },
                figures.summary.elapsed.as_secs_f64(),
                figures.summary.megabytes_per_second(),
                errors_note(&figures.summary)
            ));
            pipeline_runs[t].push(figures);
        }
        let profile = Profile::new(plugins.plugins().len());
        let figures = run_once(&profiler, input, &profile)?;
        progress(&format!("run {}/{repeat}: profile (1 thread, 1 document per call), {:.2} s", r + 1, figures.summary.elapsed.as_secs_f64()));
        last_summary = figures.summary;
        let mut data = profile.data.into_inner().unwrap_or_else(PoisonError::into_inner);
        let total = data.pipeline.nanos;
        let mut rows: Vec<StageRun> = data.stages.iter_mut().map(|s| s.figures(total)).collect();
        rows.push(data.host.figures(total));
        rows.push(data.pipeline.figures(total));
        profile_runs.push(rows);
    }

    let scaling = scaling_rows(&pipeline_runs);
    let mut names: Vec<String> = plugins.ids().into_iter().map(str::to_owned).collect();
    names.push("host".into());
    names.push("pipeline".into());
    let stages = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let figure = |get: fn(&StageRun) -> f64| Figure::of(&profile_runs.iter().map(|run| get(&run[i])).collect::<Vec<_>>());
            StageRow {
                name,
                docs_per_s: figure(|s| s.docs_per_s),
                mb_per_s: figure(|s| s.mb_per_s),
                records_per_doc: figure(|s| s.records_per_doc),
                share: figure(|s| s.share),
                p50_us: figure(|s| s.p50_us),
                p95_us: figure(|s| s.p95_us),
                p99_us: figure(|s| s.p99_us),
                max_us: figure(|s| s.max_us),
            }
        })
        .collect();

    let input_info = match input {
        Input::Memory { info, .. } => info.clone(),
        Input::Stream { paths, limit_bytes, .. } => InputInfo {
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
            docs: last_summary.lines - last_summary.bad_records,
            text_bytes: last_summary.text_bytes,
            mode: if limit_bytes.is_some() { "stream, first part".into() } else { "stream".into() },
            sampled: None,
        },
    };
    Ok(Report {
        format: crate::report::FORMAT,
        gleaner_version: env!("CARGO_PKG_VERSION").into(),
        machine: Machine::current(),
        input: input_info,
        plugins: plugins
            .plugins()
            .iter()
            .map(|p| PluginInfo {
                id: p.id().into(),
                version: p.version().into(),
                kind: p.kind().to_string(),
                origin: p.origin().to_string(),
                sha256: p.sha256().map(str::to_owned),
            })
            .collect(),
        repeat,
        warmup: options.warmup,
        include_text: options.include_text,
        startup_seconds,
        peak_per_run: usage::reset_peak(),
        load_average: [load_start, usage::load_average()],
        scaling,
        stages,
        plugin_errors: last_summary.plugin_errors.clone(),
    })
}

/// " (N documents with errors)" when a run had document errors.
fn errors_note(summary: &Summary) -> String {
    if summary.lines_with_errors == 0 {
        String::new()
    } else {
        format!(" ({} documents with errors)", summary.lines_with_errors)
    }
}

/// The thread-scaling table from the pipeline runs (index = threads - 1).
fn scaling_rows(runs: &[Vec<RunFigures>]) -> Vec<ScalingRow> {
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let rows: Vec<ScalingRow> = runs
        .iter()
        .enumerate()
        .map(|(t, runs)| {
            let figure = |get: &dyn Fn(&RunFigures) -> f64| Figure::of(&runs.iter().map(get).collect::<Vec<_>>());
            ScalingRow {
                threads: t + 1,
                seconds: figure(&|r| r.summary.elapsed.as_secs_f64()),
                docs_per_s: figure(&|r| r.summary.docs_per_second()),
                mb_per_s: figure(&|r| r.summary.megabytes_per_second()),
                records_per_doc: figure(&|r| r.summary.records as f64 / (r.summary.lines as f64).max(1.0)),
                cpu_seconds: figure(&|r| r.cpu_seconds),
                mb_per_cpu_second: figure(&|r| mb(r.summary.text_bytes) / r.cpu_seconds.max(1e-9)),
                speedup: 0.0,
                base_rss_mb: figure(&|r| mb(r.base_rss)),
                peak_rss_mb: figure(&|r| mb(r.peak_rss)),
            }
        })
        .collect();
    let one = rows.first().map_or(0.0, |r| r.mb_per_s.median);
    rows.into_iter().map(|r| ScalingRow { speedup: r.mb_per_s.median / one.max(1e-12), ..r }).collect()
}
