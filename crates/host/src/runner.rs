//! The streaming, ordered, parallel runner.
//!
//! ```text
//! reader thread ──batches──▶ bounded channel ──▶ rayon pool (-j N): plugins + JSON
//!                                                   │ (seq, bytes)
//! caller's thread: dispatch ◀───────────────────────┘ reorder buffer ──▶ writer
//! ```
//!
//! The reader thread pulls entries from the corpus and cuts them into
//! batches (a number of documents or of bytes, whichever comes first). The
//! caller's thread hands batches to the pool, at most `in_flight` at a
//! time, and writes finished batches strictly in input order. Memory stays
//! flat: at most `in_flight` batches are being processed or waiting to be
//! written, plus the channel's few.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, select, unbounded};
use gleaner_corpus::Entry;

use crate::discovery::PluginSet;
use crate::pipeline::{BatchOutput, Pipeline, PipelineOptions};
use crate::settings::ResolvedSettings;

/// Severity of a plugin's log message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Something failed.
    Error,
    /// Something looks wrong.
    Warn,
    /// Information.
    Info,
    /// Details for debugging.
    Debug,
}

/// Hears what happens during a run (progress, reader errors, plugin logs).
/// Methods are called from several threads; all do nothing by default.
pub trait RunObserver: Sync {
    /// A batch of output lines was written (`lines` lines, `text_bytes` bytes of input text).
    fn batch_written(&self, _lines: u64, _text_bytes: u64) {}
    /// The reader could not read something (a file, a truncated archive); no line is written for it.
    fn reader_error(&self, _source: &str, _message: &str) {}
    /// A plugin logged a message.
    fn plugin_log(&self, _plugin: &str, _level: LogLevel, _message: &str) {}
    /// Whether to time every plugin call and report each batch to
    /// [`RunObserver::batch_timed`]. Asked once per batch; off by default,
    /// so a plain run reads no clock.
    fn wants_timing(&self) -> bool {
        false
    }
    /// A batch went through the pipeline (called on the worker that ran
    /// it, only when [`RunObserver::wants_timing`] says so).
    fn batch_timed(&self, _timing: &BatchTiming<'_>) {}
}

/// The time one plugin's `process()` call took over a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTiming {
    /// The plugin's index in the plugin set (the order given).
    pub plugin: usize,
    /// Bytes of text the plugin was given (after earlier transforms).
    pub text_bytes: u64,
    /// Records it emitted that were kept (valid spans).
    pub records: u64,
    /// Wall-clock nanoseconds of the call, the host callbacks included.
    pub nanos: u64,
}

/// The time one batch took through the pipeline, with each plugin's share.
#[derive(Clone, Copy, Debug)]
pub struct BatchTiming<'a> {
    /// Documents in the batch.
    pub docs: usize,
    /// Bytes of input text in the batch.
    pub text_bytes: u64,
    /// Wall-clock nanoseconds of the whole batch: plugin calls, record
    /// checks and writing the output lines.
    pub nanos: u64,
    /// One entry per plugin call, in run order (transforms first).
    pub stages: &'a [StageTiming],
}

/// An observer that ignores everything.
pub struct Silent;
impl RunObserver for Silent {}

/// How to run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Worker threads (0: one per available core).
    pub jobs: usize,
    /// At most this many records per document and plugin; past it, `emit` says stop and the document gets an error.
    pub max_records: usize,
    /// Whether output lines carry the `text` field.
    pub include_text: bool,
    /// A batch is cut after this many documents...
    pub batch_docs: usize,
    /// ...or this many bytes of text, whichever comes first.
    pub batch_bytes: usize,
    /// Run each plugin in worker processes (see [`crate::isolate`]); `None`: in process.
    pub isolate: Option<crate::IsolateOptions>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { jobs: 0, max_records: 100_000, include_text: true, batch_docs: 32, batch_bytes: 256 * 1024, isolate: None }
    }
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Output lines written (documents plus unreadable records).
    pub lines: u64,
    /// Records that could not be read (malformed line, oversize document); each has a line with an error.
    pub bad_records: u64,
    /// Problems that are not documents (missing file, truncated archive): no line, reported on stderr.
    pub reader_errors: u64,
    /// Output lines with at least one error.
    pub lines_with_errors: u64,
    /// Records written.
    pub records: u64,
    /// Bytes of input text processed.
    pub text_bytes: u64,
    /// Documents with at least one error, per plugin id, in plugin order.
    pub plugin_errors: Vec<(String, u64)>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Documents per second.
    pub fn docs_per_second(&self) -> f64 {
        self.lines as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
    /// Megabytes (10^6 bytes) of text per second.
    pub fn megabytes_per_second(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
    /// Whether anything went wrong (a document error or a reader error).
    pub fn has_errors(&self) -> bool {
        self.lines_with_errors > 0 || self.reader_errors > 0
    }

    fn add(&mut self, output: &BatchOutput) {
        let stats = &output.stats;
        self.lines += stats.lines;
        self.bad_records += stats.bad_records;
        self.reader_errors += output.reader_errors.len() as u64;
        self.lines_with_errors += stats.lines_with_errors;
        self.records += stats.records;
        self.text_bytes += stats.text_bytes;
        for (total, n) in self.plugin_errors.iter_mut().zip(&stats.plugin_errors) {
            total.1 += n;
        }
    }
}

/// Runs a set of plugins over corpora: one `Runner` per configuration,
/// reusable for several runs (instances are kept between runs).
pub struct Runner {
    pipeline: Arc<Pipeline>,
    pool: rayon::ThreadPool,
    options: RunOptions,
    plugin_ids: Vec<String>,
}

impl Runner {
    /// Prepares a run: starts the worker pool and creates one instance of
    /// each plugin (so a plugin that refuses its settings fails here).
    /// `settings` has one entry per plugin, as [`crate::UserSettings::resolve`] returns.
    pub fn new(plugins: &PluginSet, settings: Vec<ResolvedSettings>, options: RunOptions) -> Result<Runner, String> {
        let jobs = if options.jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { options.jobs };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("gleaner-worker-{i}"))
            .build()
            .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))?;
        let pipeline_options = PipelineOptions { max_records: options.max_records.max(1), include_text: options.include_text };
        let mut pipeline = Pipeline::new(plugins.plugins(), settings, jobs, pipeline_options)?;
        pipeline.isolation.clone_from(&options.isolate);
        let plugin_ids = plugins.ids().into_iter().map(str::to_owned).collect();
        Ok(Runner { pipeline: Arc::new(pipeline), pool, options: RunOptions { jobs, ..options }, plugin_ids })
    }

    /// The number of worker threads.
    pub fn jobs(&self) -> usize {
        self.options.jobs
    }

    /// Runs over `corpus`, writing one JSON line per document (and per
    /// unreadable record) to `out`, in input order. Returns the summary;
    /// fails only if writing fails.
    pub fn run<C>(&self, corpus: C, out: &mut dyn Write, observer: &dyn RunObserver) -> io::Result<Summary>
    where
        C: IntoIterator<Item = Entry>,
        C::IntoIter: Send,
    {
        let started = Instant::now();
        let mut summary = Summary { plugin_errors: self.plugin_ids.iter().map(|id| (id.clone(), 0)).collect(), ..Summary::default() };
        debug_assert_eq!(self.pipeline.plugin_count(), self.plugin_ids.len());
        let jobs = self.options.jobs;
        let in_flight_max = jobs * 4;
        let (batch_tx, batch_rx) = bounded::<Vec<Entry>>(jobs * 2);
        let (done_tx, done_rx) = unbounded::<(u64, BatchOutput)>();
        let corpus = corpus.into_iter();
        let (batch_docs, batch_bytes) = (self.options.batch_docs.max(1), self.options.batch_bytes.max(1));

        std::thread::scope(|threads| -> io::Result<()> {
            threads.spawn(move || read_batches(corpus, batch_tx, batch_docs, batch_bytes));
            let result = self.pool.in_place_scope(|scope| -> io::Result<()> {
                let mut next_seq = 0u64; // next batch to dispatch
                let mut next_write = 0u64; // next batch to write
                let mut reading = true;
                let mut waiting: BTreeMap<u64, BatchOutput> = BTreeMap::new();
                let mut write_failure = None;
                while reading || next_write < next_seq {
                    let can_dispatch = reading && next_seq - next_write < in_flight_max as u64;
                    let mut received = None;
                    if can_dispatch {
                        select! {
                            recv(batch_rx) -> batch => match batch {
                                Ok(batch) => {
                                    let seq = next_seq;
                                    next_seq += 1;
                                    let pipeline = &self.pipeline;
                                    let done_tx = done_tx.clone();
                                    scope.spawn(move |_| {
                                        let worker = rayon::current_thread_index().unwrap_or(0);
                                        let output = pipeline.process(batch, worker, observer);
                                        let _ = done_tx.send((seq, output));
                                    });
                                }
                                Err(_) => reading = false,
                            },
                            recv(done_rx) -> done => received = done.ok(),
                        }
                    } else {
                        received = done_rx.recv().ok();
                    }
                    let Some((seq, output)) = received else { continue };
                    waiting.insert(seq, output);
                    while let Some(output) = waiting.remove(&next_write) {
                        next_write += 1;
                        if write_failure.is_none() {
                            if let Err(e) = out.write_all(&output.bytes) {
                                write_failure = Some(e);
                                // Stop reading: drop the receiver so the reader ends.
                                reading = false;
                            }
                        }
                        for (source, message) in &output.reader_errors {
                            observer.reader_error(source, message);
                        }
                        summary.add(&output);
                        observer.batch_written(output.stats.lines, output.stats.text_bytes);
                    }
                    if done_rx.is_empty() {
                        if let Err(e) = out.flush() {
                            write_failure.get_or_insert(e);
                            reading = false;
                        }
                    }
                }
                drop(batch_rx);
                write_failure.map_or(Ok(()), Err)
            });
            result
        })?;
        out.flush()?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}

/// The reader thread: cuts the corpus into batches until it ends or the
/// receiver is gone.
fn read_batches(corpus: impl Iterator<Item = Entry>, tx: crossbeam_channel::Sender<Vec<Entry>>, max_docs: usize, max_bytes: usize) {
    let mut batch = Vec::with_capacity(max_docs);
    let mut bytes = 0;
    for entry in corpus {
        if let Entry::Doc(doc) = &entry {
            bytes += doc.text.len();
        }
        batch.push(entry);
        if batch.len() >= max_docs || bytes >= max_bytes {
            if tx.send(std::mem::replace(&mut batch, Vec::with_capacity(max_docs))).is_err() {
                return;
            }
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}
