//! Corpus readers for gleaner: they turn folders of text and HTML files,
//! JSON Lines files and WARC archives — plain, gzip or zstd, or on stdin —
//! into one stream of documents, in a stable order, with flat memory
//! whatever the corpus size.
//!
//! # Use
//!
//! ```no_run
//! use gleaner_corpus::{open, Entry, ReaderOptions};
//! let corpus = open(&["news.jsonl.zst".into()], ReaderOptions::default());
//! for entry in corpus {
//!     match entry {
//!         Entry::Doc(doc) => println!("{} {}", doc.id, doc.text.len()),
//!         Entry::Bad { source, message, .. } => eprintln!("{source}: {message}"),
//!         Entry::Error { source, message } => eprintln!("{source}: {message}"),
//!     }
//! }
//! ```
//!
//! # The entry model
//!
//! [`Corpus`] yields [`Entry`] values, in input order:
//! - [`Entry::Doc`]: a document, its text always valid UTF-8 (invalid bytes
//!   replaced, with a warning in [`SourceDoc::warnings`]).
//! - [`Entry::Bad`]: a record that exists but cannot be read (a malformed
//!   JSON line, an oversize document, invalid UTF-8 in strict mode). It has
//!   an id, so it still gets one output line, carrying the error.
//! - [`Entry::Error`]: a problem that is not a document: a missing file, a
//!   truncated gzip stream, a clipped WARC record, a decompression bomb cut
//!   off. Reported and counted as a failure; no output line. Reading goes
//!   on with what can still be read (the next file, or the next record).
//!
//! Messages never repeat the `source`: print them as `{source}: {message}`.
//!
//! # Readers
//!
//! Each input is read by its extension, after any `.gz`/`.gzip` or
//! `.zst`/`.zstd` suffix ([`ReaderOptions::format`] overrides it):
//! - `.jsonl`, `.ndjson`, `.jsonlines`: JSON Lines, one object per line
//!   (see [`ReaderOptions`] for the field names). Other string, number and
//!   boolean fields go to [`SourceDoc::meta`]. A `.json` file is usually
//!   one JSON document, not JSON Lines: it needs `--format jsonl`.
//! - `.warc`: WARC archives. `response` records with an HTML payload,
//!   `resource` records of text/html or text/plain, and `conversion`
//!   records of text/plain (WET files) become documents; the HTTP chunked
//!   transfer encoding and gzip/deflate/zstd content encodings are undone.
//!   A `.warc.gz` may be one gzip member per record or one for the whole
//!   file; a `.warc.zst` may start with a dictionary frame (the WARC zstd
//!   convention).
//! - `.txt`, `.text`: one plain-text document per file.
//! - `.html`, `.htm`, `.xhtml`: one HTML document per file.
//! - a folder: walked recursively in sorted order (by file name, bytewise),
//!   skipping hidden entries and symbolic links to folders. Its `.txt` and
//!   `.html` files (compressed or not) are read, other files skipped (a
//!   `manifest.jsonl` beside the pages is not a document). A file's id is
//!   its path relative to the folder without its extensions
//!   (`2024/jan/a.html.gz` → `2024/jan/a`). With a format given, every file
//!   is read as that format: `--format jsonl` reads a folder of JSONL
//!   shards, `--format warc` a folder of WARC files.
//! - `-`: stdin, JSON Lines unless a format is given; gzip and zstd are
//!   recognised by their magic bytes.
//!
//! HTML is decoded to UTF-8 from its charset: a byte order mark, then the
//! HTTP `Content-Type` charset (WARC), then a `<meta>` charset in the head
//! (first 16 KiB), else UTF-8 if it validates, else windows-1252 (see
//! `charset`; a UTF-8 declaration that the bytes contradict gives way to
//! the next one). Plain text is UTF-8, or UTF-16 after a byte order mark.
//! NUL characters are replaced by U+FFFD, with a warning.
//!
//! # Limits against hostile input
//!
//! - [`ReaderOptions::max_doc_bytes`]: a larger document becomes
//!   [`Entry::Bad`]; at most about that much is ever held (twice that plus
//!   1 MiB for a JSON line: a longer line is skipped to its end unstored;
//!   a larger WARC record is skipped unread).
//! - [`ReaderOptions::max_decompressed_bytes`]: a compressed file that
//!   expands past it stops with an [`Entry::Error`] (documents before the
//!   cap are kept).
//!
//! # Organisation
//!
//! `compress` opens inputs: decompression (on a thread of its own for
//! streams, ahead of the parser), the cap, progress counting, resuming
//! after a corrupt gzip member. `jsonl`, `warc` (with `http` for the HTTP
//! payloads) and `files` (folders and one-document files) parse; `lines`
//! reads lines with a length limit; `charset` decodes HTML; `text` holds
//! the UTF-8 and NUL policies shared by all readers.

mod charset;
mod compress;
mod files;
mod http;
mod jsonl;
mod lines;
mod text;
mod warc;

use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};

use compress::Codec;
use files::{FileKind, InputFile, Walk};

/// One document read from the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDoc {
    /// The input's own id: the JSONL id field, the WARC-Record-ID, or a
    /// file's path relative to the input folder without its extensions.
    pub id: String,
    /// Where it came from: `news.jsonl.zst:42` (line), `pages/a.html`,
    /// `crawl.warc.gz#17` (record number).
    pub source: String,
    /// The text, UTF-8 (HTML decoded from its charset).
    pub text: String,
    /// `text/plain` or `text/html` (a JSONL `content_type` field may give
    /// another).
    pub content_type: String,
    /// The publication or capture date, as the input gives it.
    pub date: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// Other metadata, e.g. `("title", ..)` from JSONL.
    pub meta: Vec<(String, String)>,
    /// What was repaired while reading, e.g. "invalid UTF-8 replaced at
    /// byte 1043 (lossy decoding)".
    pub warnings: Vec<String>,
}

/// What the corpus yields: a document, a record that could not be read, or
/// an error that is not a document. See the crate docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A document.
    Doc(SourceDoc),
    /// A record that exists but could not be read (malformed JSON line,
    /// oversize document, non-UTF-8 in strict mode): it still gets ONE
    /// output line carrying this error. `id` is the record's id if known,
    /// else its `source`.
    Bad {
        /// The record's id, or its source when it has none.
        id: String,
        /// Where it is, as in [`SourceDoc::source`].
        source: String,
        /// What is wrong, without the source.
        message: String,
    },
    /// A problem that is not a document (missing/unreadable file, truncated
    /// gzip, truncated WARC tail, decompression bomb cut off): reported,
    /// counted as a failure, no output line.
    Error {
        /// The file, or the file and record (`crawl.warc.gz#17`).
        source: String,
        /// What is wrong, without the source.
        message: String,
    },
}

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A folder of documents (walked recursively).
    Dir,
    /// JSON Lines.
    Jsonl,
    /// WARC archives.
    Warc,
    /// One plain-text document per file.
    Text,
    /// One HTML document per file.
    Html,
}

impl Format {
    /// The format a file name's extension names, after any compression
    /// extension has been removed.
    fn from_extension(name: &str) -> Option<Format> {
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "jsonlines" => Some(Format::Jsonl),
            "warc" => Some(Format::Warc),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        match name.to_ascii_lowercase().as_str() {
            "dir" => Ok(Format::Dir),
            "jsonl" => Ok(Format::Jsonl),
            "warc" => Ok(Format::Warc),
            "text" => Ok(Format::Text),
            "html" => Ok(Format::Html),
            _ => Err(UnknownFormat(name.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Dir => "dir",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
            Format::Text => "text",
            Format::Html => "html",
        })
    }
}

/// The error of parsing an unknown [`Format`] name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown input format `{}`: expected one of dir, jsonl, warc, text, html",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

/// How to read the inputs.
#[derive(Clone, Debug)]
pub struct ReaderOptions {
    /// The format of every input; `None` tells it by extension (folders are
    /// walked for `.txt` and `.html` files, stdin is JSON Lines). With a
    /// folder, `Text`, `Html`, `Jsonl` or `Warc` reads every (non-hidden)
    /// file in it as that format.
    pub format: Option<Format>,
    /// JSONL: the field holding the id (default `id`); a line without one
    /// (or with an empty one) gets `<file>:<line>`.
    pub id_field: String,
    /// JSONL: the field holding plain text (default `text`).
    pub text_field: String,
    /// JSONL: the field holding HTML, used when the text field is absent
    /// (default `html`).
    pub html_field: String,
    /// JSONL: the field holding the date (default `date`).
    pub date_field: String,
    /// JSONL: the field holding the URL (default `url`).
    pub url_field: String,
    /// The largest document, in bytes (default 64 MiB).
    pub max_doc_bytes: usize,
    /// The most bytes a compressed file may expand to (default 64 GiB).
    pub max_decompressed_bytes: u64,
    /// Make invalid UTF-8 an [`Entry::Bad`] instead of replacing it.
    pub strict_utf8: bool,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            format: None,
            id_field: "id".into(),
            text_field: "text".into(),
            html_field: "html".into(),
            date_field: "date".into(),
            url_field: "url".into(),
            max_doc_bytes: 64 << 20,
            max_decompressed_bytes: 64 << 30,
            strict_utf8: false,
        }
    }
}

/// Opens the inputs (files, folders, or `-` for stdin) as one stream of
/// entries. Nothing is read until the first call to `next`; a missing
/// input is an [`Entry::Error`] in its turn.
pub fn open(inputs: &[PathBuf], options: ReaderOptions) -> Corpus {
    Corpus {
        inputs: inputs.iter().cloned().collect(),
        all_inputs: inputs.to_vec(),
        options: Arc::new(options),
        progress: Arc::new(AtomicU64::new(0)),
        total_bytes: OnceLock::new(),
        walk: None,
        current: None,
    }
}

/// The corpus: an iterator over the [`Entry`]s of all inputs, in order.
pub struct Corpus {
    inputs: VecDeque<PathBuf>,
    all_inputs: Vec<PathBuf>,
    options: Arc<ReaderOptions>,
    progress: Arc<AtomicU64>,
    total_bytes: OnceLock<Option<u64>>,
    /// The folder being walked, if any.
    walk: Option<Walk>,
    /// The reader of the file being read.
    current: Option<Box<dyn Iterator<Item = Entry> + Send>>,
}

impl Corpus {
    /// The sum of the input files' sizes on disk (compressed), for an ETA;
    /// `None` when reading stdin. Walks the input folders on first call.
    pub fn total_bytes(&self) -> Option<u64> {
        *self.total_bytes.get_or_init(|| {
            let mut total = 0u64;
            for input in &self.all_inputs {
                if is_stdin(input) {
                    return None;
                }
                let Ok(metadata) = std::fs::metadata(input) else {
                    continue;
                };
                if metadata.is_dir() {
                    let walk = Walk::new(input.clone(), self.file_kind_override());
                    total += walk
                        .filter_map(Result::ok)
                        .filter_map(|file| std::fs::metadata(&file.path).ok())
                        .map(|metadata| metadata.len())
                        .sum::<u64>();
                } else {
                    total += metadata.len();
                }
            }
            Some(total)
        })
    }

    /// The input bytes (on disk, compressed) consumed so far; shared, so it
    /// can be read from another thread while the corpus is being read.
    pub fn progress(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.progress)
    }

    fn file_kind_override(&self) -> Option<FileKind> {
        self.options.format.and_then(FileKind::from_format)
    }

    /// Starts reading the next input; returns an entry if that fails.
    fn start_input(&mut self, input: PathBuf) -> Option<Entry> {
        let options = &self.options;
        if is_stdin(&input) {
            let kind = match options.format {
                None => FileKind::Jsonl,
                Some(Format::Dir) => {
                    return Some(error("<stdin>", "--format dir needs a folder, not stdin"))
                }
                Some(format) => FileKind::from_format(format)?,
            };
            match compress::open_stdin(options.max_decompressed_bytes, &self.progress) {
                Ok(stream) => {
                    self.current = Some(files::reader_for(
                        kind,
                        stream,
                        "<stdin>".into(),
                        "stdin".into(),
                        options,
                    ))
                }
                Err(err) => return Some(error("<stdin>", format!("cannot read: {err}"))),
            }
            return None;
        }
        let shown = input.display().to_string();
        let metadata = match std::fs::metadata(&input) {
            Ok(metadata) => metadata,
            Err(err) => return Some(error(&shown, format!("cannot read: {err}"))),
        };
        if metadata.is_dir() {
            self.walk = Some(Walk::new(input, self.file_kind_override()));
            return None;
        }
        let file_name = input
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (codec, name) = Codec::from_file_name(&file_name);
        let kind = match options.format {
            Some(Format::Dir) => {
                return Some(error(&shown, "--format dir needs a folder, not a file"))
            }
            Some(format) => FileKind::from_format(format),
            None => Format::from_extension(name).and_then(FileKind::from_format),
        };
        let Some(kind) = kind else {
            return Some(error(
                &shown,
                "cannot tell the format from the extension (expected .jsonl, .warc, .txt or .html, \
                 optionally with .gz or .zst): give --format",
            ));
        };
        let id = files::strip_extension(name, kind).to_owned();
        self.current = Some(self.open_file(InputFile {
            path: input,
            source: shown,
            id,
            kind,
            codec,
        }));
        None
    }

    fn open_file(&self, file: InputFile) -> Box<dyn Iterator<Item = Entry> + Send> {
        files::open(file, &self.options, &self.progress)
    }
}

impl Iterator for Corpus {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(entry) = current.next() {
                    return Some(entry);
                }
                self.current = None;
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(file)) => self.current = Some(self.open_file(file)),
                    Some(Err(entry)) => return Some(entry),
                    None => self.walk = None,
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if let Some(entry) = self.start_input(input) {
                return Some(entry);
            }
        }
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn error(source: &str, message: impl Into<String>) -> Entry {
    Entry::Error {
        source: source.to_owned(),
        message: message.into(),
    }
}

/// A byte count for people: "512 bytes", "1.5 KiB", "64 MiB".
pub(crate) fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The message of a document over `max_doc_bytes`.
pub(crate) fn too_big_message(size: u64, max_doc_bytes: usize) -> String {
    format!(
        "document is {}, over the {} limit (--max-doc-bytes)",
        human_bytes(size),
        human_bytes(max_doc_bytes as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Corpus>();
    }

    #[test]
    fn format_names() {
        assert_eq!("jsonl".parse::<Format>(), Ok(Format::Jsonl));
        assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
        let err = "csv".parse::<Format>().unwrap_err().to_string();
        assert!(
            err.contains("`csv`") && err.contains("dir, jsonl, warc, text, html"),
            "{err}"
        );
    }

    #[test]
    fn byte_counts_for_people() {
        assert_eq!(human_bytes(10), "10 bytes");
        assert_eq!(human_bytes(64 << 20), "64 MiB");
        assert_eq!(human_bytes(80_000_000), "76.3 MiB");
    }
}
