//! One batch of documents through every plugin: building the ABI's
//! document array, the host callbacks (`emit`, `replace_text`, `set_meta`,
//! `error`, `log`), checking each record against the text, re-anchoring
//! records when a later transform rewrites the text, and writing each
//! document's output line.
//!
//! Records are copied at `emit` time into a per-worker byte arena, already
//! serialised as the JSON body of the record (`"kind":..,"field":..`); only
//! the span stays numeric, so it can be checked (and moved) after the
//! plugin's call. Nothing is allocated per record once the arena has grown.

use std::ffi::c_void;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};

use gleaner_abi::*;
use gleaner_corpus::{Entry, SourceDoc};

use crate::instance::Instance;
use crate::isolate::{IsolateOptions, WorkerSlot};
use crate::json;
use crate::loader::{Plugin, PluginKind};
use crate::runner::{BatchTiming, LogLevel, RunObserver, StageTiming};
use crate::settings::ResolvedSettings;

/// What a batch produced: its output lines and its counts.
#[derive(Default)]
pub(crate) struct BatchOutput {
    /// JSON Lines, one per `Doc` and `Bad` entry, in input order.
    pub bytes: Vec<u8>,
    /// Reader errors (`source`, `message`), in input order.
    pub reader_errors: Vec<(String, String)>,
    pub stats: BatchStats,
}

/// Counts of one batch, summed into the run's summary.
#[derive(Default)]
pub(crate) struct BatchStats {
    pub lines: u64,
    pub bad_records: u64,
    pub text_bytes: u64,
    pub records: u64,
    pub lines_with_errors: u64,
    /// Documents with at least one error, per plugin (in plugin order).
    pub plugin_errors: Vec<u64>,
}

/// How the pipeline treats records and output.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PipelineOptions {
    pub max_records: usize,
    pub include_text: bool,
}

/// One plugin of the run, with its settings.
struct Stage {
    plugin: Arc<Plugin>,
    settings: ResolvedSettings,
    /// The one instance of a thread-safe plugin.
    shared: Option<Instance>,
    /// Held around lazy `create()` calls: the ABI promises a plugin that
    /// create() never runs concurrently with itself.
    creating: Mutex<()>,
}

/// A worker thread's instances and reusable buffers.
struct Worker {
    /// One slot per stage: not yet created, created, or failed to create.
    instances: Vec<Option<Result<Instance, String>>>,
    /// In isolation mode, one worker process slot per stage.
    processes: Vec<WorkerSlot>,
    scratch: Scratch,
}

/// A document going through the pipeline.
struct DocState {
    /// The reader's document; its `meta` grows with what plugins set.
    doc: SourceDoc,
    /// The date and url (moved out of `doc`), filled by `set_meta` when empty.
    date: String,
    url: String,
}

/// A record kept so far.
struct Record {
    doc: u32,
    stage: u32,
    /// 1-based number among this plugin's records for this document, for messages.
    number: u32,
    valid: bool,
    start: usize,
    end: usize,
    /// `"kind":..,"field":..` in the arena.
    body: Range<usize>,
}

/// An error on a document, from a plugin (or the host on its behalf).
struct DocError {
    doc: u32,
    stage: u32,
    message: String,
}

/// Per-document state of the current plugin call.
#[derive(Default)]
struct CallDoc {
    emitted: u32,
    accepted: usize,
    stopped: bool,
    /// Whether an extractor's replace_text() was already refused (reported once).
    replace_refused: bool,
    /// Whether the plugin produced any output (record, error, text, meta).
    touched: bool,
    new_text: Option<String>,
}

/// Buffers reused from batch to batch by one worker.
#[derive(Default)]
struct Scratch {
    records: Vec<Record>,
    arena: Vec<u8>,
    errors: Vec<DocError>,
    calls: Vec<CallDoc>,
    pending_meta: Vec<(u32, String, String)>,
    order: Vec<u32>,
}

impl Scratch {
    fn clear(&mut self) {
        self.records.clear();
        self.arena.clear();
        self.errors.clear();
        self.calls.clear();
        self.pending_meta.clear();
        self.order.clear();
    }
}

/// An entry of a batch, in input order.
enum Item {
    Doc(usize),
    Bad { id: String, source: String, message: String },
    Error { source: String, message: String },
}

/// The plugins of a run with their instances, ready to process batches.
pub(crate) struct Pipeline {
    stages: Vec<Stage>,
    /// Stage indices in run order: transforms first (in the order given), then extractors.
    run_order: Vec<usize>,
    workers: Vec<Mutex<Worker>>,
    options: PipelineOptions,
    /// Run plugins in worker processes instead of calling them here.
    pub(crate) isolation: Option<IsolateOptions>,
}

impl Pipeline {
    /// Creates one instance of each plugin up front (so configuration
    /// errors fail before the run); the rest are created lazily, one per
    /// worker, unless the plugin is thread-safe.
    pub(crate) fn new(
        plugins: &[Arc<Plugin>],
        settings: Vec<ResolvedSettings>,
        workers: usize,
        options: PipelineOptions,
    ) -> Result<Pipeline, String> {
        if plugins.len() != settings.len() {
            return Err(format!("{} plugins but {} settings lists", plugins.len(), settings.len()));
        }
        let workers = workers.max(1);
        let mut first = Worker { instances: Vec::new(), processes: Vec::new(), scratch: Scratch::default() };
        let mut stages = Vec::new();
        for (plugin, settings) in plugins.iter().zip(settings) {
            let instance = Instance::create(plugin, &settings)?;
            let shared = if plugin.thread_safe() {
                first.instances.push(None);
                Some(instance)
            } else {
                first.instances.push(Some(Ok(instance)));
                None
            };
            stages.push(Stage { plugin: plugin.clone(), settings, shared, creating: Mutex::new(()) });
            first.processes.push(None);
        }
        let mut worker_slots = vec![Mutex::new(first)];
        worker_slots.extend((1..workers).map(|_| {
            Mutex::new(Worker {
                instances: stages.iter().map(|_| None).collect(),
                processes: stages.iter().map(|_| None).collect(),
                scratch: Scratch::default(),
            })
        }));
        let transforms = (0..stages.len()).filter(|&i| stages[i].plugin.kind() == PluginKind::Transform);
        let extractors = (0..stages.len()).filter(|&i| stages[i].plugin.kind() == PluginKind::Extractor);
        let run_order = transforms.chain(extractors).collect();
        Ok(Pipeline { stages, run_order, workers: worker_slots, options, isolation: None })
    }

    /// Number of plugins.
    pub(crate) fn plugin_count(&self) -> usize {
        self.stages.len()
    }

    /// Processes one batch on worker slot `worker` and writes its lines.
    pub(crate) fn process(&self, entries: Vec<Entry>, worker: usize, observer: &dyn RunObserver) -> BatchOutput {
        let started = observer.wants_timing().then(std::time::Instant::now);
        let mut timings = Vec::new();
        let slot = &self.workers[worker % self.workers.len()];
        let mut guard = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let state: &mut Worker = &mut guard;
        state.scratch.clear();

        let mut docs = Vec::new();
        let mut items = Vec::with_capacity(entries.len());
        for entry in entries {
            items.push(match entry {
                Entry::Doc(mut doc) => {
                    let (date, url) = (doc.date.take().unwrap_or_default(), doc.url.take().unwrap_or_default());
                    docs.push(DocState { date, url, doc });
                    Item::Doc(docs.len() - 1)
                }
                Entry::Bad { id, source, message } => Item::Bad { id, source, message },
                Entry::Error { source, message } => Item::Error { source, message },
            });
        }
        let mut output = BatchOutput::default();
        output.stats.text_bytes = docs.iter().map(|d| d.doc.text.len() as u64).sum();
        if !docs.is_empty() {
            for &stage in &self.run_order {
                let timing = self.run_stage(stage, state, &mut docs, observer, started.is_some());
                timings.extend(timing);
            }
        }
        self.write_lines(&items, &docs, &mut state.scratch, &mut output);
        if let Some(started) = started {
            let nanos = started.elapsed().as_nanos() as u64;
            observer.batch_timed(&BatchTiming { docs: docs.len(), text_bytes: output.stats.text_bytes, nanos, stages: &timings });
        }
        for item in items {
            if let Item::Error { source, message } = item {
                output.reader_errors.push((source, message));
            }
        }
        output
    }

    /// Runs one plugin over the batch's documents; when `timed`, returns
    /// how long its call took.
    fn run_stage(
        &self,
        index: usize,
        state: &mut Worker,
        docs: &mut [DocState],
        observer: &dyn RunObserver,
        timed: bool,
    ) -> Option<StageTiming> {
        let Worker { instances, processes, scratch } = state;
        let stage = &self.stages[index];
        let handle = match (&self.isolation, &stage.shared) {
            // The worker process holds the instance.
            (Some(_), _) => Ok(std::ptr::null_mut()),
            (None, Some(shared)) => Ok(shared.handle()),
            (None, None) => instances[index]
                .get_or_insert_with(|| {
                    let _one_at_a_time = stage.creating.lock().unwrap_or_else(PoisonError::into_inner);
                    Instance::create(&stage.plugin, &stage.settings)
                })
                .as_ref()
                .map(Instance::handle)
                .map_err(Clone::clone),
        };
        let handle = match handle {
            Ok(handle) => handle,
            Err(message) => {
                for doc in 0..docs.len() {
                    scratch.errors.push(DocError { doc: doc as u32, stage: index as u32, message: message.clone() });
                }
                return None;
            }
        };

        // The ABI view of the documents: valid while `docs` is not mutated,
        // which holds until the call returns (changes are applied after).
        let mut kvs: Vec<gleaner_kv> = Vec::new();
        let mut meta_ranges = Vec::with_capacity(docs.len());
        for d in docs.iter() {
            let begin = kvs.len();
            kvs.extend(d.doc.meta.iter().map(|(k, v)| gleaner_kv { key: gleaner_str::from_str(k), value: gleaner_str::from_str(v) }));
            meta_ranges.push(begin..kvs.len());
        }
        let raw_docs: Vec<gleaner_document> = docs
            .iter()
            .zip(&meta_ranges)
            .map(|(d, meta)| gleaner_document {
                struct_size: std::mem::size_of::<gleaner_document>() as u32,
                reserved: 0,
                id: gleaner_str::from_str(&d.doc.id),
                text: gleaner_str::from_str(&d.doc.text),
                content_type: gleaner_str::from_str(&d.doc.content_type),
                date: gleaner_str::from_str(&d.date),
                url: gleaner_str::from_str(&d.url),
                meta: if meta.is_empty() { std::ptr::null() } else { kvs[meta.start..].as_ptr() },
                n_meta: meta.len(),
            })
            .collect();

        scratch.calls.clear();
        scratch.calls.resize_with(docs.len(), CallDoc::default);
        let first_record = scratch.records.len();
        let mut ctx = CallCtx {
            stage: index as u32,
            plugin: &stage.plugin,
            max_records: self.options.max_records,
            calls: &mut scratch.calls,
            records: &mut scratch.records,
            arena: &mut scratch.arena,
            errors: &mut scratch.errors,
            pending_meta: &mut scratch.pending_meta,
            observer,
        };
        let host = gleaner_host {
            struct_size: std::mem::size_of::<gleaner_host>() as u32,
            reserved: 0,
            ctx: &mut ctx as *mut CallCtx as *mut c_void,
            emit: Some(host_emit),
            replace_text: Some(host_replace_text),
            set_meta: Some(host_set_meta),
            error: Some(host_error),
            log: Some(host_log),
        };
        let process = stage.plugin.descriptor().process.expect("the loader checked that process() exists");
        let call_started = timed.then(std::time::Instant::now);
        // SAFETY: the loader checked the descriptor; `raw_docs`, `kvs`,
        // `docs` and `ctx` outlive the call, and `handle` was made by this
        // plugin's create() and is used by one thread at a time (or the
        // plugin is thread-safe).
        let status = match &self.isolation {
            // SAFETY: as above; the callbacks are replayed in this thread.
            Some(isolation) => unsafe {
                isolation.process(&mut processes[index], &stage.plugin, &stage.settings, self.options.max_records, &raw_docs, &host)
            },
            None => unsafe { process(handle, raw_docs.as_ptr(), raw_docs.len(), &host) },
        };
        let call_nanos = call_started.map(|started| started.elapsed().as_nanos() as u64);
        drop(raw_docs);
        drop(kvs);

        if status < 0 {
            for (doc, call) in scratch.calls.iter().enumerate() {
                if !call.touched {
                    scratch.errors.push(DocError {
                        doc: doc as u32,
                        stage: index as u32,
                        message: format!("process() failed for the whole batch (status {status})"),
                    });
                }
            }
        }
        let text_bytes = if timed { docs.iter().map(|d| d.doc.text.len() as u64).sum() } else { 0 };
        self.apply_changes(index, first_record, scratch, docs);
        check_spans(&mut scratch.records[first_record..], &mut scratch.errors, docs);
        call_nanos.map(|nanos| StageTiming {
            plugin: index,
            text_bytes,
            records: scratch.records[first_record..].iter().filter(|r| r.valid).count() as u64,
            nanos,
        })
    }

    /// Applies the text replacements and metadata of the call that just
    /// ended; re-anchors earlier plugins' records on rewritten texts.
    fn apply_changes(&self, stage: usize, first_record: usize, scratch: &mut Scratch, docs: &mut [DocState]) {
        for (doc, call) in scratch.calls.iter_mut().enumerate() {
            let Some(new_text) = call.new_text.take() else { continue };
            let old_text = std::mem::replace(&mut docs[doc].doc.text, new_text);
            let rewriter = self.stages[stage].plugin.id();
            reanchor(&mut scratch.records[..first_record], &mut scratch.errors, doc as u32, &old_text, &docs[doc].doc.text, rewriter);
        }
        for (doc, key, value) in scratch.pending_meta.drain(..) {
            let d = &mut docs[doc as usize];
            match key.as_str() {
                "date" if d.date.is_empty() => d.date = value,
                "url" if d.url.is_empty() => d.url = value,
                "date" | "url" => {}
                _ => d.doc.meta.push((key, value)),
            }
        }
    }

    /// Writes one line per `Doc` and `Bad` item into the batch output.
    fn write_lines(&self, items: &[Item], docs: &[DocState], scratch: &mut Scratch, output: &mut BatchOutput) {
        let Scratch { records, arena, errors, order, .. } = scratch;
        order.extend((0..records.len() as u32).filter(|&i| records[i as usize].valid));
        // Stable: each plugin's records stay in the order it emitted them.
        order.sort_by_key(|&i| (records[i as usize].doc, records[i as usize].stage));
        errors.sort_by_key(|e| e.doc);
        let stats = &mut output.stats;
        stats.plugin_errors = vec![0; self.stages.len()];
        stats.records = order.len() as u64;
        let out = &mut output.bytes;
        let text_bytes = if self.options.include_text { stats.text_bytes as usize } else { 0 };
        out.reserve(text_bytes + text_bytes / 8 + arena.len() + order.len() * 24 + items.len() * 96);
        let (mut next_record, mut next_error) = (0, 0);
        for item in items {
            match item {
                Item::Doc(doc) => {
                    let d = &docs[*doc];
                    let doc = *doc as u32;
                    write_head(out, &d.doc.id, &d.doc.source, self.options.include_text.then_some(d.doc.text.as_str()));
                    out.extend_from_slice(b",\"extractions\":{");
                    let mut first_plugin = true;
                    for (index, stage) in self.stages.iter().enumerate() {
                        let begin = next_record;
                        while next_record < order.len() && {
                            let r = &records[order[next_record] as usize];
                            r.doc == doc && r.stage == index as u32
                        } {
                            next_record += 1;
                        }
                        if begin == next_record && stage.plugin.kind() == PluginKind::Transform {
                            continue;
                        }
                        if !first_plugin {
                            out.push(b',');
                        }
                        first_plugin = false;
                        json::write_str(out, stage.plugin.id());
                        out.extend_from_slice(b":[");
                        for (n, &r) in order[begin..next_record].iter().enumerate() {
                            let r = &records[r as usize];
                            if n > 0 {
                                out.push(b',');
                            }
                            out.extend_from_slice(b"{\"start\":");
                            json::write_usize(out, r.start);
                            out.extend_from_slice(b",\"end\":");
                            json::write_usize(out, r.end);
                            out.push(b',');
                            out.extend_from_slice(&arena[r.body.clone()]);
                            out.push(b'}');
                        }
                        out.push(b']');
                    }
                    out.extend_from_slice(b"},\"errors\":[");
                    let begin = next_error;
                    while next_error < errors.len() && errors[next_error].doc == doc {
                        next_error += 1;
                    }
                    let mut seen_stage = vec![false; self.stages.len()];
                    for (n, e) in errors[begin..next_error].iter().enumerate() {
                        if n > 0 {
                            out.push(b',');
                        }
                        write_error(out, self.stages[e.stage as usize].plugin.id(), &e.message);
                        if !std::mem::replace(&mut seen_stage[e.stage as usize], true) {
                            stats.plugin_errors[e.stage as usize] += 1;
                        }
                    }
                    out.push(b']');
                    if begin < next_error {
                        stats.lines_with_errors += 1;
                    }
                    if !d.doc.warnings.is_empty() {
                        out.extend_from_slice(b",\"warnings\":[");
                        for (n, w) in d.doc.warnings.iter().enumerate() {
                            if n > 0 {
                                out.push(b',');
                            }
                            json::write_str(out, w);
                        }
                        out.push(b']');
                    }
                    out.extend_from_slice(b"}\n");
                    stats.lines += 1;
                }
                Item::Bad { id, source, message } => {
                    write_head(out, id, source, self.options.include_text.then_some(""));
                    out.extend_from_slice(b",\"extractions\":{},\"errors\":[");
                    write_error(out, "reader", message);
                    out.extend_from_slice(b"]}\n");
                    stats.lines += 1;
                    stats.bad_records += 1;
                    stats.lines_with_errors += 1;
                }
                Item::Error { .. } => {}
            }
        }
    }
}

/// `{"id":..,"source":..[,"text":..]`
fn write_head(out: &mut Vec<u8>, id: &str, source: &str, text: Option<&str>) {
    out.extend_from_slice(b"{\"id\":");
    json::write_str(out, id);
    out.extend_from_slice(b",\"source\":");
    json::write_str(out, source);
    if let Some(text) = text {
        out.extend_from_slice(b",\"text\":");
        json::write_str(out, text);
    }
}

/// `{"plugin":..,"message":..}`
fn write_error(out: &mut Vec<u8>, plugin: &str, message: &str) {
    out.extend_from_slice(b"{\"plugin\":");
    json::write_str(out, plugin);
    out.extend_from_slice(b",\"message\":");
    json::write_str(out, message);
    out.push(b'}');
}

/// Checks the spans of the records a plugin just emitted against each
/// document's text as it stands after that plugin.
fn check_spans(records: &mut [Record], errors: &mut Vec<DocError>, docs: &[DocState]) {
    for r in records.iter_mut() {
        let text = &docs[r.doc as usize].doc.text;
        let problem = if r.start > r.end {
            "starts after it ends".to_owned()
        } else if r.end > text.len() {
            format!("is outside the text ({} bytes)", text.len())
        } else if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            "cuts through a UTF-8 character".to_owned()
        } else {
            continue;
        };
        r.valid = false;
        errors.push(DocError { doc: r.doc, stage: r.stage, message: format!("record {} span {}..{} {problem}; dropped", r.number, r.start, r.end) });
    }
}

/// Bytes of surrounding text used to tell apart occurrences of a span when re-anchoring.
const ANCHOR_CONTEXT: usize = 24;

/// Moves the records of document `doc` from `old` to `new` text (rewritten
/// by plugin `rewriter`). Each span goes to an occurrence of its string in
/// the new text: preferably one with the same text around it (before and
/// after, then after only, then before only), the one nearest to its
/// relative position among equals. A span whose string is gone is dropped
/// with an error.
fn reanchor(records: &mut [Record], errors: &mut Vec<DocError>, doc: u32, old: &str, new: &str, rewriter: &str) {
    let mut needle = String::new();
    for r in records.iter_mut().filter(|r| r.doc == doc && r.valid) {
        let expected = if old.is_empty() { 0 } else { (r.start as u128 * new.len() as u128 / old.len() as u128) as usize };
        let Some(span) = old.get(r.start..r.end) else { continue };
        if span.is_empty() {
            let at = floor_char_boundary(new, expected.min(new.len()));
            (r.start, r.end) = (at, at);
            continue;
        }
        let before = &old[floor_char_boundary(old, r.start.saturating_sub(ANCHOR_CONTEXT))..r.start];
        let after = &old[r.end..ceil_char_boundary(old, (r.end + ANCHOR_CONTEXT).min(old.len()))];
        let mut found = None;
        let attempts = [(before, after), ("", after), (before, ""), ("", "")];
        for (i, &(before, after)) in attempts.iter().enumerate() {
            if attempts[..i].contains(&(before, after)) {
                continue; // the same needle (no text on that side)
            }
            needle.clear();
            needle.push_str(before);
            needle.push_str(span);
            needle.push_str(after);
            found = memchr::memmem::find_iter(new.as_bytes(), needle.as_bytes())
                .map(|p| p + before.len())
                .min_by_key(|p| p.abs_diff(expected));
            if found.is_some() {
                break;
            }
        }
        match found {
            Some(at) => (r.start, r.end) = (at, at + span.len()),
            None => {
                r.valid = false;
                errors.push(DocError {
                    doc,
                    stage: r.stage,
                    message: format!(
                        "record {} span {}..{} is no longer in the text after plugin {rewriter} rewrote it; dropped",
                        r.number, r.start, r.end
                    ),
                });
            }
        }
    }
}

/// The largest char boundary of `s` at or before `i` (`i <= s.len()`).
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or after `i` (`i <= s.len()`).
fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The state behind the `ctx` pointer of `gleaner_host` during one call.
struct CallCtx<'a> {
    stage: u32,
    plugin: &'a Plugin,
    max_records: usize,
    calls: &'a mut [CallDoc],
    records: &'a mut Vec<Record>,
    arena: &'a mut Vec<u8>,
    errors: &'a mut Vec<DocError>,
    pending_meta: &'a mut Vec<(u32, String, String)>,
    observer: &'a dyn RunObserver,
}

impl CallCtx<'_> {
    fn error(&mut self, doc: usize, message: String) {
        self.errors.push(DocError { doc: doc as u32, stage: self.stage, message });
    }

    /// The call state of `doc`, or None (logged) if the index is out of the batch.
    fn call(&mut self, doc: usize, function: &str) -> Option<&mut CallDoc> {
        if doc >= self.calls.len() {
            let message = format!("{function}() for document {doc} of a batch of {}; ignored", self.calls.len());
            self.observer.plugin_log(self.plugin.id(), LogLevel::Error, &message);
            return None;
        }
        let call = &mut self.calls[doc];
        call.touched = true;
        Some(call)
    }

    /// # Safety
    /// `record` must be null or point to a valid record for the call.
    unsafe fn emit(&mut self, doc: usize, record: *const gleaner_record) -> i32 {
        let max_records = self.max_records;
        let Some(call) = self.call(doc, "emit") else { return GLEANER_STOP };
        if call.stopped {
            return GLEANER_STOP;
        }
        call.emitted += 1;
        let number = call.emitted;
        if call.accepted >= max_records {
            call.stopped = true;
            self.error(doc, format!("more than {max_records} records for this document; the rest were dropped (see --max-records)"));
            return GLEANER_STOP;
        }
        if record.is_null() {
            self.error(doc, format!("record {number} is a null pointer; dropped"));
            return GLEANER_STOP;
        }
        let record = &*record;
        let body_start = self.arena.len();
        match write_record_body(self.arena, record) {
            Ok(()) => {
                self.calls[doc].accepted += 1;
                self.records.push(Record {
                    doc: doc as u32,
                    stage: self.stage,
                    number,
                    valid: true,
                    start: record.start,
                    end: record.end,
                    body: body_start..self.arena.len(),
                });
                GLEANER_OK
            }
            Err(problem) => {
                self.arena.truncate(body_start);
                self.error(doc, format!("record {number} {problem}; dropped"));
                GLEANER_STOP
            }
        }
    }

    fn replace_text(&mut self, doc: usize, text: gleaner_str) -> i32 {
        let kind = self.plugin.kind();
        let Some(call) = self.call(doc, "replace_text") else { return GLEANER_STOP };
        if kind != PluginKind::Transform {
            let first = !std::mem::replace(&mut call.replace_refused, true);
            if first {
                self.error(doc, "replace_text() called by an extractor (only transforms may rewrite the text); ignored".into());
            }
            return GLEANER_STOP;
        }
        // SAFETY: the plugin passes a valid view for the duration of the call.
        match std::str::from_utf8(unsafe { text.as_bytes() }) {
            Ok(text) => {
                let slot = call.new_text.get_or_insert_with(String::new);
                slot.clear();
                slot.push_str(text);
                GLEANER_OK
            }
            Err(e) => {
                self.error(doc, format!("replace_text() with invalid UTF-8 ({e}); text kept"));
                GLEANER_STOP
            }
        }
    }

    fn set_meta(&mut self, doc: usize, key: gleaner_str, value: gleaner_str) -> i32 {
        if self.call(doc, "set_meta").is_none() {
            return GLEANER_STOP;
        }
        // SAFETY: valid views for the duration of the call.
        let (key, value) = unsafe { (std::str::from_utf8(key.as_bytes()), std::str::from_utf8(value.as_bytes())) };
        match (key, value) {
            (Ok(key), Ok(value)) if !key.is_empty() => {
                self.pending_meta.push((doc as u32, key.to_owned(), value.to_owned()));
                GLEANER_OK
            }
            (Ok(""), _) => {
                self.error(doc, "set_meta() with an empty key; ignored".into());
                GLEANER_STOP
            }
            _ => {
                self.error(doc, "set_meta() with a key or value that is not valid UTF-8; ignored".into());
                GLEANER_STOP
            }
        }
    }

    fn doc_error(&mut self, doc: usize, message: gleaner_str) {
        if self.call(doc, "error").is_some() {
            // SAFETY: a valid view for the duration of the call.
            let message = String::from_utf8_lossy(unsafe { message.as_bytes() }).into_owned();
            self.error(doc, message);
        }
    }

    fn log(&mut self, level: u32, message: gleaner_str) {
        let level = match level {
            GLEANER_LOG_ERROR => LogLevel::Error,
            GLEANER_LOG_WARN => LogLevel::Warn,
            GLEANER_LOG_INFO => LogLevel::Info,
            _ => LogLevel::Debug,
        };
        // SAFETY: a valid view for the duration of the call.
        let message = String::from_utf8_lossy(unsafe { message.as_bytes() });
        self.observer.plugin_log(self.plugin.id(), level, &message);
    }
}

/// Checks a record's kind and fields and appends its JSON body
/// (`"kind":"..","key":value,..`) to `out`; on failure says what is wrong
/// (the caller truncates `out`).
///
/// # Safety
/// `record` must be valid for the duration of the call that emitted it.
pub(crate) unsafe fn write_record_body(out: &mut Vec<u8>, record: &gleaner_record) -> Result<(), String> {
    let kind = std::str::from_utf8(record.kind.as_bytes()).map_err(|_| "has a kind that is not valid UTF-8".to_owned())?;
    if kind.is_empty() {
        return Err("has an empty kind".into());
    }
    out.extend_from_slice(b"\"kind\":");
    json::write_str(out, kind);
    if record.n_fields == 0 {
        return Ok(());
    }
    if record.fields.is_null() {
        return Err(format!("({kind}) has {} fields but a null fields pointer", record.n_fields));
    }
    let fields = std::slice::from_raw_parts(record.fields, record.n_fields);
    for (i, field) in fields.iter().enumerate() {
        let key_bytes = field.key.as_bytes();
        let key = std::str::from_utf8(key_bytes).map_err(|_| format!("({kind}) field #{} has a key that is not valid UTF-8", i + 1))?;
        if key.is_empty() {
            return Err(format!("({kind}) field #{} has an empty key", i + 1));
        }
        if matches!(key, "start" | "end" | "kind") {
            return Err(format!("({kind}) uses the reserved field name '{key}'"));
        }
        if fields[..i].iter().any(|f| f.key.as_bytes() == key_bytes) {
            return Err(format!("({kind}) has the field '{key}' twice"));
        }
        out.push(b',');
        json::write_str(out, key);
        out.push(b':');
        let value = &field.value;
        match value.type_ {
            GLEANER_TYPE_STRING => {
                let s = std::str::from_utf8(value.str.as_bytes())
                    .map_err(|_| format!("({kind}) field '{key}' is not valid UTF-8"))?;
                json::write_str(out, s);
            }
            GLEANER_TYPE_INT => json::write_i64(out, value.int_value),
            GLEANER_TYPE_FLOAT if value.float_value.is_finite() => json::write_f64(out, value.float_value),
            GLEANER_TYPE_FLOAT => return Err(format!("({kind}) field '{key}' is not a finite number ({})", value.float_value)),
            GLEANER_TYPE_BOOL if value.int_value == 0 || value.int_value == 1 => {
                out.extend_from_slice(if value.int_value == 1 { b"true" } else { b"false" })
            }
            GLEANER_TYPE_BOOL => return Err(format!("({kind}) bool field '{key}' has the value {}", value.int_value)),
            GLEANER_TYPE_NULL => out.extend_from_slice(b"null"),
            other => return Err(format!("({kind}) field '{key}' has unknown type {other}")),
        }
    }
    Ok(())
}

/// Runs a callback body, turning a (host bug) panic into `fallback`
/// instead of unwinding into the plugin.
fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

unsafe extern "C" fn host_emit(ctx: *mut c_void, doc: usize, record: *const gleaner_record) -> i32 {
    // SAFETY: ctx is the CallCtx of the running call (see run_stage).
    guard(GLEANER_STOP, || unsafe { (*(ctx as *mut CallCtx)).emit(doc, record) })
}

unsafe extern "C" fn host_replace_text(ctx: *mut c_void, doc: usize, text: gleaner_str) -> i32 {
    // SAFETY: as in host_emit.
    guard(GLEANER_STOP, || unsafe { (*(ctx as *mut CallCtx)).replace_text(doc, text) })
}

unsafe extern "C" fn host_set_meta(ctx: *mut c_void, doc: usize, key: gleaner_str, value: gleaner_str) -> i32 {
    // SAFETY: as in host_emit.
    guard(GLEANER_STOP, || unsafe { (*(ctx as *mut CallCtx)).set_meta(doc, key, value) })
}

unsafe extern "C" fn host_error(ctx: *mut c_void, doc: usize, message: gleaner_str) {
    // SAFETY: as in host_emit.
    guard((), || unsafe { (*(ctx as *mut CallCtx)).doc_error(doc, message) })
}

unsafe extern "C" fn host_log(ctx: *mut c_void, level: u32, message: gleaner_str) {
    // SAFETY: as in host_emit.
    guard((), || unsafe { (*(ctx as *mut CallCtx)).log(level, message) })
}
