//! The worker role of isolation mode (see [`crate::isolate`]): load one
//! plugin, create one instance, then answer each PROCESS request by
//! calling the plugin on each of its documents alone, recording every
//! callback it makes, in order, and sending that document's RESULT.
//!
//! The recording callbacks answer the plugin as the host would
//! (`GLEANER_STOP` for a record the host will refuse, for an extractor's
//! `replace_text`, past `max_records`), so the plugin behaves as it does in
//! process; the host then replays the recording through its own checks.
//!
//! The protocol uses the process's original stdin and stdout; before the
//! plugin is loaded, fd 0 is pointed at `/dev/null` and fd 1 at stderr, so
//! a plugin that prints cannot corrupt the frames.

use std::ffi::c_void;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::sync::Arc;

use gleaner_abi::*;

use crate::instance::Instance;
use crate::isolate::{read_frame, tag, view, write_frame, Frame, Reader};
use crate::loader::{Plugin, PluginKind};
use crate::pipeline::write_record_body;

/// Serves one host over this process's stdin and stdout until the host
/// closes stdin. Returns the process exit status (0 at a clean end).
pub fn serve() -> u8 {
    #[cfg(target_os = "linux")]
    // SAFETY: plain prctl; the worker must not outlive the host (a plugin
    // hanging in a worker of a killed host would otherwise stay forever).
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    }
    let (input, output) = match protocol_streams() {
        Ok(streams) => streams,
        Err(e) => {
            eprintln!("gleaner worker: cannot set up its pipes: {e}");
            return 2;
        }
    };
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut output = BufWriter::with_capacity(1 << 16, output);
    let instance = match read_frame(&mut input) {
        Ok(Some(frame)) => match start(&frame) {
            Ok(started) => {
                if write_frame(&mut output, &Frame::new(tag::READY)).is_err() {
                    return 2;
                }
                started
            }
            Err(message) => {
                let mut failed = Frame::new(tag::FAILED);
                failed.bytes(message.as_bytes());
                let _ = write_frame(&mut output, &failed);
                return 2;
            }
        },
        Ok(None) => return 0,
        Err(e) => {
            eprintln!("gleaner worker: cannot read the start request: {e}");
            return 2;
        }
    };
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(frame)) => frame,
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("gleaner worker: cannot read a request: {e}");
                return 2;
            }
        };
        if let Err(problem) = process(&instance, &frame, &mut output) {
            eprintln!("gleaner worker: {problem}");
            return 2;
        }
    }
}

/// The protocol's input and output: the original stdin and stdout, moved
/// to new descriptors; fd 0 becomes `/dev/null` and fd 1 a copy of stderr.
#[cfg(unix)]
fn protocol_streams() -> std::io::Result<(File, File)> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let devnull = File::open("/dev/null")?;
    // SAFETY: dup/dup2 on the standard descriptors; the new descriptors are
    // owned by the returned files.
    unsafe {
        let input = libc::dup(0);
        let output = libc::dup(1);
        if input < 0 || output < 0 || libc::dup2(devnull.as_raw_fd(), 0) < 0 || libc::dup2(2, 1) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok((File::from_raw_fd(input), File::from_raw_fd(output)))
    }
}

/// A created instance with what the recording callbacks need.
struct Started {
    plugin: Arc<Plugin>,
    instance: Instance,
    max_records: usize,
}

/// Handles the START request: checks the file is the one the host loaded,
/// loads it, creates the instance.
fn start(frame: &[u8]) -> Result<Started, String> {
    let mut r = Reader::new(frame);
    if r.u8()? != tag::START {
        return Err("the first request is not a start request".into());
    }
    let path = path_from_bytes(r.bytes()?);
    let sha256 = String::from_utf8_lossy(r.bytes()?).into_owned();
    crate::trust::set_allow_insecure(r.u8()? != 0);
    let max_records = r.usize()?;
    let mut settings = Vec::new();
    for _ in 0..r.usize()? {
        let key = String::from_utf8_lossy(r.bytes()?).into_owned();
        let value = String::from_utf8_lossy(r.bytes()?).into_owned();
        settings.push((key, value));
    }
    let plugin = Arc::new(Plugin::load(&path).map_err(|e| e.to_string())?);
    if plugin.sha256() != Some(sha256.as_str()) {
        return Err(format!("{} changed since the run started (its SHA-256 differs); refusing to load it", path.display()));
    }
    let instance = Instance::create(&plugin, &settings)?;
    Ok(Started { plugin, instance, max_records })
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).into()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    String::from_utf8_lossy(bytes).into_owned().into()
}

/// Handles a PROCESS request: decodes the documents (views into `frame`),
/// calls the plugin on each alone and writes its RESULT (the recorded
/// events) before the next.
fn process(started: &Started, frame: &[u8], output: &mut impl std::io::Write) -> Result<(), String> {
    let mut r = Reader::new(frame);
    if r.u8()? != tag::PROCESS {
        return Err("expected a process request".into());
    }
    let n_docs = r.usize()?;
    let mut kvs: Vec<Vec<gleaner_kv>> = Vec::with_capacity(n_docs);
    let mut docs: Vec<gleaner_document> = Vec::with_capacity(n_docs);
    for _ in 0..n_docs {
        let (id, text, content_type, date, url) = (view(r.bytes()?), view(r.bytes()?), view(r.bytes()?), view(r.bytes()?), view(r.bytes()?));
        let mut meta = Vec::new();
        for _ in 0..r.usize()? {
            meta.push(gleaner_kv { key: view(r.bytes()?), value: view(r.bytes()?) });
        }
        kvs.push(meta);
        docs.push(gleaner_document {
            struct_size: std::mem::size_of::<gleaner_document>() as u32,
            reserved: 0,
            id,
            text,
            content_type,
            date,
            url,
            meta: std::ptr::null(),
            n_meta: 0,
        });
    }
    for (doc, meta) in docs.iter_mut().zip(&kvs) {
        if !meta.is_empty() {
            doc.meta = meta.as_ptr();
            doc.n_meta = meta.len();
        }
    }
    let process = started.plugin.descriptor().process.ok_or("the plugin has no process()")?;
    for doc in &docs {
        let mut recorder = Recorder {
            events: Frame::default(),
            count: 0,
            kind: started.plugin.kind(),
            max_records: started.max_records,
            accepted: 0,
            stopped: false,
            scratch: Vec::new(),
        };
        let host = gleaner_host {
            struct_size: std::mem::size_of::<gleaner_host>() as u32,
            reserved: 0,
            ctx: &mut recorder as *mut Recorder as *mut c_void,
            emit: Some(record_emit),
            replace_text: Some(record_replace_text),
            set_meta: Some(record_set_meta),
            error: Some(record_error),
            log: Some(record_log),
        };
        // SAFETY: the loader checked the descriptor; `doc` (views into
        // `frame`), `kvs` and `recorder` outlive the call; the instance is
        // used by this one thread.
        let status = unsafe { process(started.instance.handle(), doc, 1, &host) };
        let mut answer = Frame::new(tag::RESULT);
        answer.i64(status as i64);
        answer.u64(recorder.count);
        answer.0.extend_from_slice(&recorder.events.0);
        write_frame(output, &answer).map_err(|e| format!("cannot answer: {e}"))?;
    }
    Ok(())
}

/// The state behind the recording callbacks' `ctx`.
struct Recorder {
    events: Frame,
    count: u64,
    kind: PluginKind,
    max_records: usize,
    /// Records accepted for the document, and whether emit() said stop for good.
    accepted: usize,
    stopped: bool,
    /// Where records are checked (as the host will) to answer the plugin.
    scratch: Vec<u8>,
}

impl Recorder {
    fn event(&mut self, tag: u8) {
        self.count += 1;
        self.events.u8(tag);
    }

    fn log(&mut self, level: u32, message: &str) {
        self.event(tag::LOG);
        self.events.u32(level);
        self.events.bytes(message.as_bytes());
    }

    /// Whether `doc` is the call's one document (index 0); logs it if not
    /// (the host cannot map another index to a document).
    fn known(&mut self, doc: usize, function: &str) -> bool {
        if doc == 0 {
            return true;
        }
        let message = format!("{function}() for document {doc} of a batch of 1; ignored");
        self.log(GLEANER_LOG_ERROR, &message);
        false
    }

    /// # Safety
    /// `record` must be null or valid for the call.
    unsafe fn emit(&mut self, doc: usize, record: *const gleaner_record) -> i32 {
        if !self.known(doc, "emit") || self.stopped {
            return GLEANER_STOP;
        }
        if record.is_null() {
            self.event(tag::EMIT_NULL);
            return GLEANER_STOP;
        }
        let record = &*record;
        self.event(tag::EMIT);
        self.events.u64(record.start as u64);
        self.events.u64(record.end as u64);
        self.events.str(record.kind);
        let fields_null = record.n_fields > 0 && record.fields.is_null();
        let fields = if record.n_fields == 0 || fields_null { &[][..] } else { std::slice::from_raw_parts(record.fields, record.n_fields) };
        self.events.u64(record.n_fields as u64);
        self.events.u8(fields_null as u8);
        for field in fields {
            self.events.str(field.key);
            self.events.u32(field.value.type_);
            self.events.i64(field.value.int_value);
            self.events.f64(field.value.float_value);
            let str = if field.value.type_ == GLEANER_TYPE_STRING { field.value.str } else { gleaner_str::EMPTY };
            self.events.str(str);
        }
        if self.accepted >= self.max_records {
            self.stopped = true;
            return GLEANER_STOP;
        }
        self.scratch.clear();
        match write_record_body(&mut self.scratch, record) {
            Ok(()) => {
                self.accepted += 1;
                GLEANER_OK
            }
            Err(_) => GLEANER_STOP,
        }
    }
}

unsafe extern "C" fn record_emit(ctx: *mut c_void, doc: usize, record: *const gleaner_record) -> i32 {
    // SAFETY: ctx is the Recorder of the running call.
    let recorder = &mut *(ctx as *mut Recorder);
    recorder.emit(doc, record)
}

unsafe extern "C" fn record_replace_text(ctx: *mut c_void, doc: usize, text: gleaner_str) -> i32 {
    // SAFETY: as in record_emit; `text` is valid for the call.
    let recorder = &mut *(ctx as *mut Recorder);
    if !recorder.known(doc, "replace_text") {
        return GLEANER_STOP;
    }
    recorder.event(tag::REPLACE_TEXT);
    recorder.events.str(text);
    let usable = recorder.kind == PluginKind::Transform && std::str::from_utf8(text.as_bytes()).is_ok();
    if usable {
        GLEANER_OK
    } else {
        GLEANER_STOP
    }
}

unsafe extern "C" fn record_set_meta(ctx: *mut c_void, doc: usize, key: gleaner_str, value: gleaner_str) -> i32 {
    // SAFETY: as in record_emit.
    let recorder = &mut *(ctx as *mut Recorder);
    if !recorder.known(doc, "set_meta") {
        return GLEANER_STOP;
    }
    recorder.event(tag::SET_META);
    recorder.events.str(key);
    recorder.events.str(value);
    let usable = key.len > 0 && std::str::from_utf8(key.as_bytes()).is_ok() && std::str::from_utf8(value.as_bytes()).is_ok();
    if usable {
        GLEANER_OK
    } else {
        GLEANER_STOP
    }
}

unsafe extern "C" fn record_error(ctx: *mut c_void, doc: usize, message: gleaner_str) {
    // SAFETY: as in record_emit.
    let recorder = &mut *(ctx as *mut Recorder);
    if recorder.known(doc, "error") {
        recorder.event(tag::ERROR);
        recorder.events.str(message);
    }
}

unsafe extern "C" fn record_log(ctx: *mut c_void, level: u32, message: gleaner_str) {
    // SAFETY: as in record_emit.
    let recorder = &mut *(ctx as *mut Recorder);
    recorder.event(tag::LOG);
    recorder.events.u32(level);
    recorder.events.str(message);
}
