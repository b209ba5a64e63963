//! Isolation mode (`gleaner run --isolate`): each plugin runs in worker
//! processes, so a plugin that crashes (segfault, abort, a panic that
//! escapes) or hangs costs one document, not the run.
//!
//! A worker is this program started again in its worker role (the CLI's
//! hidden `gleaner __worker`, served by [`crate::worker::serve`]); it loads
//! one plugin, creates one instance, and answers requests over its stdin
//! and stdout with length-prefixed frames (`Frame`):
//!
//! ```text
//! host ── Start{plugin file, sha256, settings, max_records} ──▶ worker
//!      ◀──────────────── Ready | Failed{message} ───────────────
//!      ── Process{documents} ──▶  worker calls process() on each document
//!      ◀── Result{status, events} ──  alone, recording every callback (emit,
//!      ◀── Result ... (one per document)  replace_text, set_meta, error, log)
//! ```
//!
//! The host replays the recorded callbacks into the very host callbacks an
//! in-process call would get, so records are checked, re-anchored and
//! written by the same code, and the output is the same byte for byte.
//! A batch goes to the worker in one request, but the plugin is called on
//! one document at a time and each document's result comes back on its
//! own: when a worker dies (or exceeds the per-document time limit and is
//! killed), the document it was working on is the first without a result;
//! it gets an error, and the documents after it go to a new worker.
//!
//! One worker process per plugin and per rayon worker thread, started on
//! first use.

use std::ffi::{c_char, OsString};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use gleaner_abi::*;

use crate::loader::Plugin;
use crate::settings::ResolvedSettings;

/// How to start worker processes, and the per-document time limit.
#[derive(Clone, Debug)]
pub struct IsolateOptions {
    /// The program to start as a worker (the `gleaner` binary).
    pub program: PathBuf,
    /// Its arguments (`["__worker"]` for `gleaner`).
    pub args: Vec<OsString>,
    /// A document that takes longer kills its worker and gets an error.
    pub doc_timeout: Option<Duration>,
    /// Whether workers may load plugins from insecure places (see [`crate::trust`]).
    pub allow_insecure_plugins: bool,
}

impl IsolateOptions {
    /// Workers started as `<this executable> __worker`.
    pub fn current_exe(doc_timeout: Option<Duration>, allow_insecure_plugins: bool) -> io::Result<IsolateOptions> {
        Ok(IsolateOptions {
            program: std::env::current_exe()?,
            args: vec![WORKER_ARG.into()],
            doc_timeout,
            allow_insecure_plugins,
        })
    }
}

/// The argument that starts `gleaner` in its worker role.
pub const WORKER_ARG: &str = "__worker";

/// How long a worker may take to load its plugin and create its instance
/// (a busy machine can make this slow; it is not a document's time).
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// The largest frame either side accepts (a document plus its records).
const MAX_FRAME: usize = 1 << 31;

/// Message tags.
pub(crate) mod tag {
    pub const START: u8 = 1;
    pub const PROCESS: u8 = 2;
    pub const READY: u8 = 10;
    pub const FAILED: u8 = 11;
    pub const RESULT: u8 = 12;
    // Events inside a RESULT.
    pub const EMIT: u8 = 1;
    pub const EMIT_NULL: u8 = 2;
    pub const REPLACE_TEXT: u8 = 3;
    pub const SET_META: u8 = 4;
    pub const ERROR: u8 = 5;
    pub const LOG: u8 = 6;
}

/// A frame being encoded: little-endian integers, byte strings as a u64
/// length then the bytes.
#[derive(Default)]
pub(crate) struct Frame(pub Vec<u8>);

impl Frame {
    pub fn new(tag: u8) -> Frame {
        Frame(vec![tag])
    }
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    pub fn bytes(&mut self, v: &[u8]) {
        self.u64(v.len() as u64);
        self.0.extend_from_slice(v);
    }
    /// # Safety
    /// `s` must be a valid view for the duration of the call.
    pub unsafe fn str(&mut self, s: gleaner_str) {
        self.bytes(s.as_bytes());
    }
}

/// Reads a frame's fields in order; every read checks the bounds.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.buf.len() < n {
            return Err("truncated frame".into());
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }
    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "bad u32")?))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| "bad u64")?))
    }
    pub fn usize(&mut self) -> Result<usize, String> {
        usize::try_from(self.u64()?).map_err(|_| "number too large".into())
    }
    pub fn i64(&mut self) -> Result<i64, String> {
        Ok(self.u64()? as i64)
    }
    pub fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_bits(self.u64()?))
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.usize()?;
        self.take(n)
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// A view of decoded bytes, for the ABI.
pub(crate) fn view(bytes: &[u8]) -> gleaner_str {
    gleaner_str { ptr: bytes.as_ptr() as *const c_char, len: bytes.len() }
}

/// Writes one frame: its length (u32, little-endian), then its bytes.
pub(crate) fn write_frame(out: &mut impl Write, frame: &Frame) -> io::Result<()> {
    let len = u32::try_from(frame.0.len()).ok().filter(|&n| (n as usize) < MAX_FRAME).ok_or_else(|| io::Error::other("frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&frame.0)?;
    out.flush()
}

/// Reads one frame; `Ok(None)` at a clean end of stream.
pub(crate) fn read_frame(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len == 0 || len >= MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("bad frame length {len}")));
    }
    let mut frame = vec![0u8; len];
    input.read_exact(&mut frame)?;
    Ok(Some(frame))
}

/// A running worker process for one plugin.
pub(crate) struct WorkerProcess {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    /// Frames read from the worker's stdout by a reader thread (so the
    /// host can wait with a time limit); an error or `None` ends it.
    frames: Receiver<io::Result<Option<Vec<u8>>>>,
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Why a request to a worker got no answer.
enum Failure {
    /// The worker ended (crashed, or exited) before answering.
    Died(String),
    /// The time limit passed; the worker was killed.
    TimedOut(Duration),
    /// The worker answered something else than expected, or could not start.
    Broken(String),
}

impl WorkerProcess {
    /// Starts a worker and has it load and create `plugin`.
    fn start(options: &IsolateOptions, plugin: &Plugin, settings: &ResolvedSettings, max_records: usize) -> Result<WorkerProcess, Failure> {
        let Some(path) = plugin.path() else {
            return Err(Failure::Broken(format!(
                "plugin {} is linked into this program, not loaded from a file: it cannot run in a worker process",
                plugin.id()
            )));
        };
        let mut child = Command::new(&options.program)
            .args(&options.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| Failure::Broken(format!("cannot start a worker process ({}): {e}", options.program.display())))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(Failure::Broken("worker process without pipes".into()));
        };
        let (tx, frames) = crossbeam_channel::bounded(1);
        std::thread::Builder::new()
            .name(format!("gleaner-isolate-{}", plugin.id()))
            .spawn(move || {
                let mut stdout = BufReader::with_capacity(1 << 16, stdout);
                loop {
                    let frame = read_frame(&mut stdout);
                    let end = !matches!(frame, Ok(Some(_)));
                    if tx.send(frame).is_err() || end {
                        return;
                    }
                }
            })
            .map_err(|e| Failure::Broken(format!("cannot start a thread: {e}")))?;
        let mut worker = WorkerProcess { child, stdin: BufWriter::with_capacity(1 << 16, stdin), frames };

        let mut start = Frame::new(tag::START);
        start.bytes(path_bytes(path).as_ref());
        start.bytes(plugin.sha256().unwrap_or("").as_bytes());
        start.u8(options.allow_insecure_plugins as u8);
        start.u64(max_records as u64);
        start.u64(settings.len() as u64);
        for (key, value) in settings {
            start.bytes(key.as_bytes());
            start.bytes(value.as_bytes());
        }
        let answer = worker.request(&start, Some(START_TIMEOUT))?;
        let mut reader = Reader::new(&answer);
        match reader.u8() {
            Ok(tag::READY) => Ok(worker),
            Ok(tag::FAILED) => {
                let message = reader.bytes().map(String::from_utf8_lossy).unwrap_or_default().into_owned();
                Err(Failure::Broken(message))
            }
            _ => Err(Failure::Broken("the worker process answered its start with an unknown message".into())),
        }
    }

    /// Sends one frame and waits for the answer.
    fn request(&mut self, frame: &Frame, timeout: Option<Duration>) -> Result<Vec<u8>, Failure> {
        self.send(frame)?;
        self.receive(timeout)
    }

    /// Sends one frame.
    fn send(&mut self, frame: &Frame) -> Result<(), Failure> {
        if write_frame(&mut self.stdin, frame).is_err() {
            // The worker is gone (EPIPE); its exit status says why.
            return Err(Failure::Died(self.exit_reason()));
        }
        Ok(())
    }

    /// Waits for the next frame, at most `timeout` (then kills the worker).
    fn receive(&mut self, timeout: Option<Duration>) -> Result<Vec<u8>, Failure> {
        let answer = match timeout {
            Some(limit) => match self.frames.recv_timeout(limit) {
                Ok(answer) => answer,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    return Err(Failure::TimedOut(limit));
                }
                Err(RecvTimeoutError::Disconnected) => Ok(None),
            },
            None => self.frames.recv().unwrap_or(Ok(None)),
        };
        match answer {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) | Err(_) => Err(Failure::Died(self.exit_reason())),
        }
    }

    /// Waits for the worker to end and says how it ended.
    fn exit_reason(&mut self) -> String {
        match self.child.wait() {
            Ok(status) => describe_exit(status),
            Err(e) => format!("ended (cannot tell how: {e})"),
        }
    }
}

/// "crashed (signal 11 SIGSEGV)", "exited with status 3".
fn describe_exit(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("crashed (signal {signal}{})", signal_name(signal).map(|n| format!(" {n}")).unwrap_or_default());
        }
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "ended".into(),
    }
}

/// The name of the signals a crashing plugin usually dies of.
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        _ => return None,
    })
}

#[cfg(unix)]
fn path_bytes(path: &std::path::Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().into()
}

#[cfg(not(unix))]
fn path_bytes(path: &std::path::Path) -> std::borrow::Cow<'_, [u8]> {
    path.to_string_lossy().into_owned().into_bytes().into()
}

/// One plugin's worker slot on one rayon thread: empty until first use,
/// and again after a crash.
pub(crate) type WorkerSlot = Option<WorkerProcess>;

impl IsolateOptions {
    /// Runs `plugin` over `docs` in the worker of `slot` (started if
    /// needed), one document at a time, replaying each document's recorded
    /// callbacks into `host`. A document whose worker crashes or times out
    /// gets an error through `host.error`. Returns the status for the
    /// whole call: failures are already reported per document, so it is
    /// always `GLEANER_OK`.
    ///
    /// # Safety
    /// `docs` must be valid documents and `host` a valid host table (with
    /// every callback present) for the duration of the call.
    pub(crate) unsafe fn process(
        &self,
        slot: &mut WorkerSlot,
        plugin: &Plugin,
        settings: &ResolvedSettings,
        max_records: usize,
        docs: &[gleaner_document],
        host: &gleaner_host,
    ) -> i32 {
        // The documents from `next` on are sent in one request; the worker
        // answers one RESULT per document, in order. When it fails, the
        // document it was on gets the error, and the rest go to a new worker.
        let mut next = 0;
        while next < docs.len() {
            let worker = match slot {
                Some(worker) => worker,
                None => match WorkerProcess::start(self, plugin, settings, max_records) {
                    Ok(worker) => slot.insert(worker),
                    Err(failure) => {
                        let message = match failure {
                            Failure::Broken(message) => format!("plugin {} cannot run in a worker process: {message}", plugin.id()),
                            Failure::Died(how) => format!("the worker process of plugin {} {how} while starting", plugin.id()),
                            Failure::TimedOut(limit) => {
                                format!("the worker process of plugin {} took longer than {} to start; killed", plugin.id(), seconds(limit))
                            }
                        };
                        report_error(host, next, &message);
                        next += 1;
                        continue;
                    }
                },
            };
            let mut request = Frame::new(tag::PROCESS);
            request.u64((docs.len() - next) as u64);
            for doc in &docs[next..] {
                encode_document(&mut request, doc);
            }
            let mut result = worker.send(&request);
            while result.is_ok() && next < docs.len() {
                result = worker.receive(self.doc_timeout).and_then(|answer| {
                    replay(&answer, next, host).map_err(|problem| Failure::Broken(format!("the worker process sent a bad answer ({problem})")))
                });
                if result.is_ok() {
                    next += 1;
                }
            }
            if let Err(failure) = result {
                *slot = None;
                let message = match failure {
                    Failure::Died(how) => format!("plugin {} {how} on this document; worker restarted", plugin.id()),
                    Failure::TimedOut(limit) => format!(
                        "plugin {} took longer than the --doc-timeout of {} on this document; its worker was killed and restarted",
                        plugin.id(),
                        seconds(limit)
                    ),
                    Failure::Broken(message) => format!("plugin {}: {message}; worker restarted", plugin.id()),
                };
                report_error(host, next, &message);
                next += 1;
            }
        }
        GLEANER_OK
    }
}

fn seconds(limit: Duration) -> String {
    format!("{} s", limit.as_secs_f64())
}

/// Reports an error on document `doc` through the host callbacks.
///
/// # Safety
/// `host` must be a valid host table.
unsafe fn report_error(host: &gleaner_host, doc: usize, message: &str) {
    if let Some(error) = host.error {
        error(host.ctx, doc, gleaner_str::from_str(message));
    }
}

/// Encodes a document for a PROCESS request.
///
/// # Safety
/// `doc` must be a valid document.
pub(crate) unsafe fn encode_document(frame: &mut Frame, doc: &gleaner_document) {
    frame.str(doc.id);
    frame.str(doc.text);
    frame.str(doc.content_type);
    frame.str(doc.date);
    frame.str(doc.url);
    let meta = if doc.n_meta == 0 || doc.meta.is_null() { &[][..] } else { std::slice::from_raw_parts(doc.meta, doc.n_meta) };
    frame.u64(meta.len() as u64);
    for kv in meta {
        frame.str(kv.key);
        frame.str(kv.value);
    }
}

/// Replays a RESULT answer for the document at `index` of the batch into
/// the host callbacks: the very calls the plugin made in the worker, in
/// order. A status below zero with nothing reported for the document
/// becomes an error on it.
///
/// # Safety
/// `host` must be a valid host table with every callback present.
unsafe fn replay(answer: &[u8], index: usize, host: &gleaner_host) -> Result<(), String> {
    let mut r = Reader::new(answer);
    if r.u8()? != tag::RESULT {
        return Err("not a result".into());
    }
    let status = r.i64()?;
    let events = r.usize()?;
    let mut touched = false;
    let mut fields: Vec<gleaner_field> = Vec::new();
    let ctx = host.ctx;
    for _ in 0..events {
        let event = r.u8()?;
        // Every event but LOG is about document 0 of the one-document request.
        match event {
            tag::EMIT => {
                let (start, end) = (r.usize()?, r.usize()?);
                let kind = view(r.bytes()?);
                fields.clear();
                let n_fields = r.usize()?;
                let fields_null = r.u8()? != 0;
                for _ in 0..if fields_null { 0 } else { n_fields } {
                    let key = view(r.bytes()?);
                    let type_ = r.u32()?;
                    let int_value = r.i64()?;
                    let float_value = r.f64()?;
                    let str = view(r.bytes()?);
                    fields.push(gleaner_field { key, value: gleaner_value { type_, reserved: 0, str, int_value, float_value } });
                }
                let record = if fields_null {
                    // Replays a plugin's null fields pointer, for the host to refuse.
                    gleaner_record { start, end, kind, fields: std::ptr::null(), n_fields }
                } else {
                    gleaner_record { start, end, kind, fields: fields.as_ptr(), n_fields: fields.len() }
                };
                if let Some(emit) = host.emit {
                    emit(ctx, index, &record);
                }
                touched = true;
            }
            tag::EMIT_NULL => {
                if let Some(emit) = host.emit {
                    emit(ctx, index, std::ptr::null());
                }
                touched = true;
            }
            tag::REPLACE_TEXT => {
                let text = view(r.bytes()?);
                if let Some(replace_text) = host.replace_text {
                    replace_text(ctx, index, text);
                }
                touched = true;
            }
            tag::SET_META => {
                let (key, value) = (view(r.bytes()?), view(r.bytes()?));
                if let Some(set_meta) = host.set_meta {
                    set_meta(ctx, index, key, value);
                }
                touched = true;
            }
            tag::ERROR => {
                let message = view(r.bytes()?);
                if let Some(error) = host.error {
                    error(ctx, index, message);
                }
                touched = true;
            }
            tag::LOG => {
                let level = r.u32()?;
                let message = view(r.bytes()?);
                if let Some(log) = host.log {
                    log(ctx, level, message);
                }
            }
            other => return Err(format!("unknown event {other}")),
        }
    }
    if !r.is_empty() {
        return Err("trailing bytes".into());
    }
    if status < 0 && !touched {
        report_error(host, index, &format!("process() failed for this document (status {status})"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_truncation_is_an_error() {
        let mut frame = Frame::new(tag::PROCESS);
        frame.u64(7);
        frame.bytes(b"caf\xc3\xa9");
        frame.f64(-0.5);
        let mut wire = Vec::new();
        write_frame(&mut wire, &frame).unwrap();
        let mut input = &wire[..];
        let back = read_frame(&mut input).unwrap().unwrap();
        assert!(read_frame(&mut input).unwrap().is_none(), "clean end of stream");
        let mut r = Reader::new(&back);
        assert_eq!((r.u8(), r.u64(), r.bytes(), r.f64()), (Ok(tag::PROCESS), Ok(7), Ok(&b"caf\xc3\xa9"[..]), Ok(-0.5)));
        assert!(r.is_empty());
        assert_eq!(Reader::new(&back[..5]).bytes(), Err("truncated frame".to_owned()));
        let mut cut = &wire[..wire.len() - 1];
        assert!(read_frame(&mut cut).is_err(), "a frame cut short is an error, not an end");
    }

    #[cfg(unix)]
    #[test]
    fn exit_statuses_are_named() {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(describe_exit(ExitStatus::from_raw(11)), "crashed (signal 11 SIGSEGV)");
        assert_eq!(describe_exit(ExitStatus::from_raw(6)), "crashed (signal 6 SIGABRT)");
        assert_eq!(describe_exit(ExitStatus::from_raw(3 << 8)), "exited with status 3");
    }
}
