//! The WARC reader (WARC/1.0 and 1.1; plain, per-record gzip, whole-file
//! gzip, or zstd: the decompression happens below, in `compress`).
//!
//! Records that become documents:
//! - `response` records holding an HTTP response with status 2xx (not 204)
//!   and an HTML payload (`text/html` or `application/xhtml+xml`, or no
//!   Content-Type and a body that starts like HTML): `text/html`, decoded
//!   with the HTTP charset (see `charset`);
//! - `resource` records of `text/html` or `text/plain`;
//! - `conversion` records of `text/plain` (Common Crawl's WET files).
//!
//! Other records (warcinfo, request, metadata, revisit, images, redirects,
//! error pages, and resources about the crawl itself, with a `metadata:`
//! or `dns:` target URI) are skipped. A record is held in memory only up to
//! `max_doc_bytes` + 1 MiB; a larger one is skipped unread (an
//! [`Entry::Bad`] if it could have been a document). A document's id is
//! its `WARC-Record-ID` without angle brackets (`urn:uuid:...`), else
//! `<file>#<n>`; its source is `<file>#<n>`, `n` counting every record
//! from 1; its url the `WARC-Target-URI` (wget's `<...>` removed), its
//! date the `WARC-Date`.
//!
//! Damage:
//! - a record cut by the end of the input, or a read error (a clipped gzip
//!   member), is an [`Entry::Error`] naming the record, and ends the file;
//!   except that after a corrupt gzip member followed by other members
//!   (one member per record, as crawlers write), reading resumes at the
//!   next member;
//! - a `Content-Length` a few bytes short (the next record starts within
//!   64 bytes) is repaired: the document is kept, with a warning;
//! - any other lying `Content-Length` (no record separator where it says
//!   the record ends) is an [`Entry::Error`] for that record; reading then
//!   resynchronises on the next `WARC/1.` version line, looked for first
//!   inside the record's own bytes (the length was too long), then after
//!   them (it was too short);
//! - bytes that are not a record between records are skipped with an
//!   [`Entry::Error`].

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use crate::charset::{content_type_charset, decode_as, decode_html};
use crate::compress::{is_resumable, read_buffered, Codec, Stream};
use crate::http::{decode_chunked, decode_content, parse_response};
use crate::lines::{read_line_limited, LineRead};
use crate::text::replace_nul;
use crate::{too_big_message, Entry, ReaderOptions, SourceDoc};

/// The longest WARC header line kept.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header bytes of one record.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// How far past a record the reader looks for the next one.
const LOOK_AHEAD: usize = 64;
/// Room for the HTTP headers on top of `max_doc_bytes` in a record block.
const HTTP_HEADER_SLACK: usize = 1 << 20;

/// Reads the entries of one WARC stream.
pub(crate) struct WarcReader {
    input: Input,
    /// The input's name as shown in `source`.
    name: String,
    options: Arc<ReaderOptions>,
    /// Records seen so far (the number of the current one).
    record: u64,
    /// Set after a damaged record: skip to the next version line.
    resync: bool,
    done: bool,
    /// An entry to yield after the one just yielded.
    queued: Option<Entry>,
    line: Vec<u8>,
}

/// The header fields of one record that the reader uses.
#[derive(Default)]
struct Header {
    warc_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
    content_length: Option<u64>,
}

/// What went wrong in a record.
enum Damage {
    /// A read error of the stream (a clipped gzip member): ends the file.
    Read(io::Error),
    /// The input ends inside the record: ends the file.
    Truncated(String),
    /// The record is malformed: skip to the next version line.
    Invalid(String),
}

impl WarcReader {
    pub(crate) fn new(stream: Stream, name: String, options: Arc<ReaderOptions>) -> Self {
        WarcReader {
            input: Input {
                stream,
                pushback: Vec::new(),
                position: 0,
            },
            name,
            options,
            record: 0,
            resync: false,
            done: false,
            queued: None,
            line: Vec::new(),
        }
    }

    fn record_source(&self) -> String {
        format!("{}#{}", self.name, self.record)
    }

    /// The entry reporting `damage`, which ends the file or starts a
    /// resynchronisation.
    fn report(&mut self, damage: Damage) -> Entry {
        let message = match damage {
            Damage::Read(err) => {
                let resumable = is_resumable(&err);
                let mut message = self.input.stream.describe_error(&err);
                if self.record > 0 {
                    message.push_str(" in this record");
                }
                if resumable {
                    message.push_str(": reading resumed at the next gzip member");
                    self.resync = true;
                } else {
                    self.done = true;
                }
                message
            }
            Damage::Truncated(message) => {
                self.done = true;
                message
            }
            Damage::Invalid(message) => {
                self.resync = true;
                message
            }
        };
        let source = if self.record == 0 {
            self.name.clone()
        } else {
            self.record_source()
        };
        Entry::Error { source, message }
    }

    /// Moves past the next version line: `Ok(None)` at the end of input,
    /// else whether bytes that are not a record stood before it (worth a
    /// report unless resynchronising, when that is expected).
    fn find_record_start(&mut self) -> Result<Option<bool>, Damage> {
        let mut skipped = false;
        loop {
            self.line.clear();
            let read = read_line_limited(&mut self.input, &mut self.line, MAX_HEADER_LINE)
                .map_err(Damage::Read)?;
            match read {
                LineRead::End if skipped && !self.resync => {
                    self.done = true;
                    return Err(Damage::Invalid(
                        "bytes that are not a WARC record before the end of the input".into(),
                    ));
                }
                LineRead::End => return Ok(None),
                LineRead::Line if self.line.starts_with(b"WARC/") => {
                    self.record += 1;
                    let report = skipped && !self.resync;
                    self.resync = false;
                    return Ok(Some(report));
                }
                LineRead::Line if self.line.iter().all(|b| matches!(b, b'\r' | b' ' | b'\t')) => {}
                LineRead::Line | LineRead::TooLong(_) => skipped = true,
            }
        }
    }

    /// Reads the header fields after the version line.
    fn read_header(&mut self) -> Result<Header, Damage> {
        let mut header = Header::default();
        let mut total = 0usize;
        loop {
            self.line.clear();
            let read = read_line_limited(&mut self.input, &mut self.line, MAX_HEADER_LINE)
                .map_err(Damage::Read)?;
            let line = self.line.strip_suffix(b"\r").unwrap_or(&self.line);
            match read {
                LineRead::End => {
                    return Err(Damage::Truncated(
                        "truncated record: the input ends in its header".into(),
                    ))
                }
                LineRead::TooLong(_) => {
                    return Err(Damage::Invalid("WARC header line too long".into()))
                }
                LineRead::Line if line.is_empty() => break,
                LineRead::Line => {}
            }
            total += line.len();
            if total > MAX_HEADER_BYTES {
                return Err(Damage::Invalid("WARC header too long".into()));
            }
            let line = String::from_utf8_lossy(line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-record-id" => header.record_id = Some(strip_angle_brackets(value).to_owned()),
                "warc-target-uri" => {
                    header.target_uri = Some(strip_angle_brackets(value).to_owned())
                }
                "warc-date" => header.date = Some(value.to_owned()),
                "content-type" => header.content_type = value.to_owned(),
                "content-length" => header.content_length = value.parse().ok(),
                _ => {}
            }
        }
        if header.content_length.is_none() {
            return Err(Damage::Invalid(
                "WARC record without a valid Content-Length".into(),
            ));
        }
        Ok(header)
    }

    /// Whether a record of this header can hold a document. Records about
    /// the crawl itself (wget stores its log and arguments as resources
    /// with `metadata://` URIs) are not documents.
    fn wanted(header: &Header) -> bool {
        let about_the_crawl = header
            .target_uri
            .as_deref()
            .is_some_and(|uri| uri.starts_with("metadata:") || uri.starts_with("dns:"));
        if about_the_crawl {
            return false;
        }
        let media = media_type(&header.content_type);
        match header.warc_type.as_str() {
            "response" => media == "application/http" || media.is_empty(),
            "resource" => matches!(
                media.as_str(),
                "text/html" | "text/plain" | "application/xhtml+xml"
            ),
            "conversion" => media == "text/plain" || media.is_empty(),
            _ => false,
        }
    }

    /// Reads one record (after its version line); `None` when it yields no
    /// entry.
    fn read_record(&mut self) -> Result<Option<Entry>, Damage> {
        let header = self.read_header()?;
        let length = header.content_length.unwrap_or(0);
        let block_limit = self.options.max_doc_bytes.saturating_add(HTTP_HEADER_SLACK) as u64;
        if length > block_limit {
            // Too big to hold: skip it unread.
            let skipped = io::copy(&mut (&mut self.input).take(length), &mut io::sink())
                .map_err(Damage::Read)?;
            if skipped < length {
                return Err(self.truncated(length, skipped, None));
            }
            self.check_separator(None)?;
            if !Self::wanted(&header) {
                return Ok(None);
            }
            return Ok(Some(Entry::Bad {
                id: header.record_id.unwrap_or_else(|| self.record_source()),
                source: self.record_source(),
                message: too_big_message(length, self.options.max_doc_bytes),
            }));
        }
        let mut block = Vec::new();
        (&mut self.input)
            .take(length)
            .read_to_end(&mut block)
            .map_err(Damage::Read)?;
        if (block.len() as u64) < length {
            return Err(self.truncated(length, block.len() as u64, Some(&block)));
        }
        let repaired = self.check_separator(Some(&mut block))?;
        if !Self::wanted(&header) {
            return Ok(None);
        }
        Ok(self.document(header, block, repaired.into_iter().collect()))
    }

    /// The damage of a record cut short: the input ended after `got` of its
    /// `length` bytes. If the bytes read hold the next record, the length
    /// lied instead: step back to that record.
    fn truncated(&mut self, length: u64, got: u64, block: Option<&[u8]>) -> Damage {
        if self.step_back_to_next_record(block) {
            return Damage::Invalid(LYING_LENGTH.into());
        }
        let what = match self.input.stream.codec {
            Codec::Plain => "input",
            Codec::Gzip => "gzip stream",
            Codec::Zstd => "zstd stream",
        };
        Damage::Truncated(format!(
            "truncated record: Content-Length is {length} bytes but the {what} ends after {got}"
        ))
    }

    /// Checks that the record ends where its Content-Length says: line
    /// breaks, then the next version line or the end of input. A length a
    /// few bytes short (the next record starts within [`LOOK_AHEAD`] bytes)
    /// is repaired by extending `block`: `Ok(Some(warning))`. Otherwise the
    /// length lies: an error, after stepping back into `block` if the next
    /// record is in it.
    fn check_separator(&mut self, block: Option<&mut Vec<u8>>) -> Result<Option<String>, Damage> {
        let ahead = self.input.peek(LOOK_AHEAD).map_err(Damage::Read)?;
        let next = ahead.trim_ascii_start();
        if next.starts_with(b"WARC/") || (next.is_empty() && ahead.len() < LOOK_AHEAD) {
            return Ok(None);
        }
        let next_record = memchr::memmem::find(ahead, b"\nWARC/1.");
        match (block, next_record) {
            (Some(block), Some(at)) => {
                let mut extra = ahead[..at].to_vec();
                while extra.last().is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                    extra.pop();
                }
                self.input.consume(at);
                block.extend_from_slice(&extra);
                Ok(Some(format!(
                    "WARC Content-Length is {} bytes short of the record: extended to the next record",
                    extra.len()
                )))
            }
            (block, _) => {
                self.step_back_to_next_record(block.map(|block| &block[..]));
                Err(Damage::Invalid(LYING_LENGTH.into()))
            }
        }
    }

    /// If `block` holds a version line, puts the bytes from it back into
    /// the input, so that reading resumes there.
    fn step_back_to_next_record(&mut self, block: Option<&[u8]>) -> bool {
        let Some(block) = block else { return false };
        match memchr::memmem::find(block, b"\nWARC/1.") {
            Some(at) => {
                self.input.unread(&block[at + 1..]);
                true
            }
            None => false,
        }
    }

    /// Makes the document of a wanted record, if it holds one.
    fn document(&self, header: Header, block: Vec<u8>, mut warnings: Vec<String>) -> Option<Entry> {
        let source = self.record_source();
        let id = header.record_id.clone().unwrap_or_else(|| source.clone());
        let max = self.options.max_doc_bytes;
        let strict = self.options.strict_utf8;
        let bad = |message: String| {
            Some(Entry::Bad {
                id: id.clone(),
                source: source.clone(),
                message,
            })
        };
        let (payload, media, charset) = if header.warc_type == "response" {
            let Ok(response) = parse_response(&block) else {
                // Not HTTP (e.g. a DNS record): nothing to read.
                return None;
            };
            if !(200..300).contains(&response.status) || response.status == 204 {
                return None;
            }
            let content_type = response.header("content-type").unwrap_or_default();
            let is_html = match media_type(content_type).as_str() {
                "text/html" | "application/xhtml+xml" => true,
                "" => looks_like_html(response.body),
                _ => false,
            };
            if !is_html {
                return None;
            }
            let charset = content_type_charset(content_type).map(str::to_owned);
            let chunked = response
                .header("transfer-encoding")
                .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
            let mut body = if chunked {
                decode_chunked(response.body, max, &mut warnings)
            } else {
                response.body.to_vec()
            };
            if let Some(encoding) = response.header("content-encoding") {
                body = match decode_content(body, encoding, max, &mut warnings) {
                    Ok(body) => body,
                    Err(message) => return bad(message),
                };
            }
            (body, "text/html", charset)
        } else {
            let media = match media_type(&header.content_type).as_str() {
                "text/html" | "application/xhtml+xml" => "text/html",
                _ => "text/plain",
            };
            let charset = content_type_charset(&header.content_type).map(str::to_owned);
            (block, media, charset)
        };
        if payload.len() > max {
            return bad(too_big_message(payload.len() as u64, max));
        }
        let text = if media == "text/html" {
            decode_html(&payload, charset.as_deref(), strict, &mut warnings)
        } else {
            let encoding = charset
                .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()))
                .unwrap_or(encoding_rs::UTF_8);
            decode_as(encoding, &payload, strict, &mut warnings)
        };
        let text = match text {
            Ok(text) => replace_nul(text, &mut warnings),
            Err(message) => return bad(message),
        };
        Some(Entry::Doc(SourceDoc {
            id,
            source,
            text,
            content_type: media.to_owned(),
            date: header.date,
            url: header.target_uri,
            meta: Vec::new(),
            warnings,
        }))
    }
}

/// The message of a record whose Content-Length lies.
const LYING_LENGTH: &str = "Content-Length does not match the record (no record separator where it says the record ends): record skipped";

impl Iterator for WarcReader {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if let Some(entry) = self.queued.take() {
            return Some(entry);
        }
        while !self.done {
            let garbage_before = match self.find_record_start() {
                Ok(Some(garbage_before)) => garbage_before,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(damage) => return Some(self.report(damage)),
            };
            let entry = match self.read_record() {
                Ok(entry) => entry,
                Err(damage) => Some(self.report(damage)),
            };
            if garbage_before {
                self.queued = entry;
                return Some(Entry::Error {
                    source: self.record_source(),
                    message:
                        "bytes that are not a WARC record stand before this record: skipped them"
                            .into(),
                });
            }
            if entry.is_some() {
                return entry;
            }
        }
        None
    }
}

/// The media type of a Content-Type value, lower-cased, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// `<http://example.com/>` → `http://example.com/` (wget writes them so).
fn strip_angle_brackets(value: &str) -> &str {
    value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value)
}

/// Whether an untyped body starts like an HTML page.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(body)
        .trim_ascii_start();
    let head = start[..start.len().min(64)].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<!--",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|tag| head.starts_with(tag))
}

/// The decompressed stream with a pushback buffer, so the reader can look
/// ahead past a record and step back into a block to resynchronise.
struct Input {
    stream: Stream,
    /// Bytes to read before the stream's, from `position` on.
    pushback: Vec<u8>,
    position: usize,
}

impl Input {
    /// At least `n` bytes ahead, unless the input ends sooner.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.pushback.len() - self.position < n {
            self.pushback.drain(..self.position);
            self.position = 0;
            while self.pushback.len() < n {
                let available = self.stream.reader.fill_buf()?;
                if available.is_empty() {
                    break;
                }
                let taken = available.len().min(n - self.pushback.len());
                self.pushback.extend_from_slice(&available[..taken]);
                self.stream.reader.consume(taken);
            }
        }
        Ok(&self.pushback[self.position..])
    }

    /// Puts bytes back in front of the input.
    fn unread(&mut self, bytes: &[u8]) {
        self.pushback.drain(..self.position);
        self.position = 0;
        self.pushback.splice(0..0, bytes.iter().copied());
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl BufRead for Input {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.position < self.pushback.len() {
            Ok(&self.pushback[self.position..])
        } else {
            self.stream.reader.fill_buf()
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.position < self.pushback.len() {
            self.position += amount;
            if self.position >= self.pushback.len() {
                self.pushback.clear();
                self.pushback.shrink_to(LOOK_AHEAD);
                self.position = 0;
            }
        } else {
            self.stream.reader.consume(amount);
        }
    }
}
