//! Files: walking folders in a stable order, dispatching each file to its
//! reader, and reading the one-document formats (`.txt`, `.html`).

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use crate::compress::{self, Codec, Stream};
use crate::jsonl::JsonlReader;
use crate::text::{decode_utf8, replace_nul};
use crate::warc::WarcReader;
use crate::{charset, too_big_message, Entry, Format, ReaderOptions, SourceDoc};

/// The format of one file (a folder is not a file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Jsonl,
    Warc,
    Text,
    Html,
}

impl FileKind {
    /// The kind of file a format names (`None` for folders).
    pub(crate) fn from_format(format: Format) -> Option<FileKind> {
        match format {
            Format::Dir => None,
            Format::Jsonl => Some(FileKind::Jsonl),
            Format::Warc => Some(FileKind::Warc),
            Format::Text => Some(FileKind::Text),
            Format::Html => Some(FileKind::Html),
        }
    }
}

/// A file to read.
pub(crate) struct InputFile {
    pub(crate) path: PathBuf,
    /// The path as shown in entries' `source`.
    pub(crate) source: String,
    /// The id of its document, for one-document files.
    pub(crate) id: String,
    pub(crate) kind: FileKind,
    pub(crate) codec: Codec,
}

/// `name` (already without its compression extension) without the
/// extension of its format: `a.html` → `a`, but `notes.2024` read as text
/// keeps its name.
pub(crate) fn strip_extension(name: &str, kind: FileKind) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _))
            if !stem.is_empty()
                && Format::from_extension(name).and_then(FileKind::from_format) == Some(kind) =>
        {
            stem
        }
        _ => name,
    }
}

/// Opens a file and returns the reader of its entries.
pub(crate) fn open(
    file: InputFile,
    options: &Arc<ReaderOptions>,
    progress: &Arc<AtomicU64>,
) -> Box<dyn Iterator<Item = Entry> + Send> {
    let pipelined = matches!(file.kind, FileKind::Jsonl | FileKind::Warc);
    match compress::open_file(
        &file.path,
        file.codec,
        options.max_decompressed_bytes,
        progress,
        pipelined,
    ) {
        Ok(stream) => reader_for(file.kind, stream, file.source, file.id, options),
        Err(err) => Box::new(std::iter::once(Entry::Error {
            source: file.source,
            message: format!("cannot read: {err}"),
        })),
    }
}

/// The reader of the entries of `stream`, a file of this kind.
pub(crate) fn reader_for(
    kind: FileKind,
    stream: Stream,
    source: String,
    id: String,
    options: &Arc<ReaderOptions>,
) -> Box<dyn Iterator<Item = Entry> + Send> {
    match kind {
        FileKind::Jsonl => Box::new(JsonlReader::new(stream, source, Arc::clone(options))),
        FileKind::Warc => Box::new(WarcReader::new(stream, source, Arc::clone(options))),
        FileKind::Text | FileKind::Html => Box::new(std::iter::once(read_document(
            kind, stream, source, id, options,
        ))),
    }
}

/// Reads a one-document file, holding at most `max_doc_bytes` of it.
fn read_document(
    kind: FileKind,
    mut stream: Stream,
    source: String,
    id: String,
    options: &ReaderOptions,
) -> Entry {
    let mut bytes = Vec::new();
    let limit = options.max_doc_bytes as u64;
    let read = (&mut stream.reader).take(limit + 1).read_to_end(&mut bytes);
    if let Err(err) = read {
        return Entry::Error {
            message: stream.describe_error(&err),
            source,
        };
    }
    if bytes.len() as u64 > limit {
        // Count the rest without keeping it, to say how big it is.
        let rest = io::copy(&mut stream.reader, &mut io::sink()).unwrap_or(0);
        return Entry::Bad {
            id,
            source,
            message: too_big_message(bytes.len() as u64 + rest, options.max_doc_bytes),
        };
    }
    let mut warnings = Vec::new();
    let (text, content_type) = match kind {
        FileKind::Html => (
            charset::decode_html(&bytes, None, options.strict_utf8, &mut warnings),
            "text/html",
        ),
        _ => (
            decode_text(bytes, options.strict_utf8, &mut warnings),
            "text/plain",
        ),
    };
    match text {
        Ok(text) => Entry::Doc(SourceDoc {
            id,
            source,
            text: replace_nul(text, &mut warnings),
            content_type: content_type.to_owned(),
            date: None,
            url: None,
            meta: Vec::new(),
            warnings,
        }),
        Err(message) => Entry::Bad {
            id,
            source,
            message,
        },
    }
}

/// Decodes a plain-text file: UTF-8, or UTF-16 when it starts with a UTF-16
/// byte order mark.
fn decode_text(bytes: Vec<u8>, strict: bool, warnings: &mut Vec<String>) -> Result<String, String> {
    match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            charset::decode_as(encoding, &bytes[bom..], strict, warnings)
        }
        Some((_, bom)) => decode_utf8(bytes[bom..].to_vec(), strict, warnings),
        None => decode_utf8(bytes, strict, warnings),
    }
}

/// A recursive, sorted walk over a folder, yielding the files to read.
pub(crate) struct Walk {
    root: PathBuf,
    /// Read every file as this kind instead of by extension.
    kind_override: Option<FileKind>,
    /// Paths still to visit, the next one last.
    pending: Vec<PathBuf>,
    started: bool,
}

impl Walk {
    pub(crate) fn new(root: PathBuf, kind_override: Option<FileKind>) -> Self {
        Walk {
            pending: Vec::new(),
            root,
            kind_override,
            started: false,
        }
    }

    /// Pushes a folder's visible entries, sorted by name.
    fn expand(&mut self, dir: &Path) -> io::Result<()> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort_unstable();
        self.pending.extend(entries.into_iter().rev());
        Ok(())
    }

    fn classify(&self, path: &Path) -> Option<InputFile> {
        let file_name = path.file_name()?.to_string_lossy();
        let (codec, name) = Codec::from_file_name(&file_name);
        let kind = match self.kind_override {
            Some(kind) => kind,
            // Without a format, a folder is a folder of documents: JSON Lines
            // or WARC files beside them are often metadata (a manifest).
            None => match Format::from_extension(name)? {
                Format::Text => FileKind::Text,
                Format::Html => FileKind::Html,
                _ => return None,
            },
        };
        let relative = path.strip_prefix(&self.root).ok()?;
        let parent: Vec<String> = relative
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let mut id = parent.join("/");
        if !id.is_empty() {
            id.push('/');
        }
        id.push_str(strip_extension(name, kind));
        Some(InputFile {
            source: path.display().to_string(),
            path: path.to_path_buf(),
            id,
            kind,
            codec,
        })
    }
}

impl Iterator for Walk {
    /// A file to read, or an unreadable folder.
    type Item = Result<InputFile, Entry>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            let root = self.root.clone();
            if let Err(err) = self.expand(&root) {
                return Some(Err(folder_error(&root, &err)));
            }
        }
        while let Some(path) = self.pending.pop() {
            let Ok(link) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if link.is_dir() {
                if let Err(err) = self.expand(&path) {
                    return Some(Err(folder_error(&path, &err)));
                }
            } else if link.is_symlink() && path.is_dir() {
                // Links to folders are not followed: they can make cycles.
                continue;
            } else if let Some(file) = self.classify(&path) {
                return Some(Ok(file));
            }
        }
        None
    }
}

fn folder_error(path: &Path, err: &io::Error) -> Entry {
    Entry::Error {
        source: path.display().to_string(),
        message: format!("cannot read folder: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_stripped_only_when_they_name_the_kind() {
        assert_eq!(strip_extension("a.html", FileKind::Html), "a");
        assert_eq!(strip_extension("a.b.txt", FileKind::Text), "a.b");
        assert_eq!(strip_extension("notes.2024", FileKind::Text), "notes.2024");
        assert_eq!(strip_extension(".txt", FileKind::Text), ".txt");
    }
}
