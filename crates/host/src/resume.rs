//! Resumable output (`gleaner run --resume -o FILE`): a run killed at any
//! moment (SIGKILL included) and started again completes FILE with no
//! duplicate and no missing document.
//!
//! The output goes to `FILE.partial`, appended in input order and synced
//! to disk every few seconds; at the end it is synced and renamed to FILE.
//! On restart:
//! 1. the complete lines of `FILE.partial` are kept (a line is complete
//!    when it ends with a newline and parses as an output line; the rest,
//!    a line cut by the kill, is truncated away);
//! 2. since there is exactly one line per document and per unreadable
//!    record (`Entry::Doc` and `Entry::Bad`), in input order, the kept
//!    lines are the first N of them: [`skip_done`] reads past N such
//!    entries of the input, checking each one's id against its line (a
//!    different input is refused, naming the first difference);
//! 3. the run goes on from there, appending.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gleaner_corpus::Entry;
use serde::de::IgnoredAny;
use serde::Deserialize;

/// How often the partial file is synced to disk (on a flush).
const SYNC_EVERY: Duration = Duration::from_secs(5);

/// The output file of a resumable run: `FILE.partial`, renamed to FILE by
/// [`ResumableFile::commit`].
pub struct ResumableFile {
    final_path: PathBuf,
    partial_path: PathBuf,
    writer: BufWriter<File>,
    last_sync: Instant,
}

/// What an earlier, interrupted run left in `FILE.partial`.
#[derive(Clone, Debug, Default)]
pub struct Done {
    /// The ids of its complete lines, in order.
    pub ids: Vec<String>,
    /// How many of them carry an error.
    pub lines_with_errors: u64,
    /// Bytes of a cut last line that were dropped.
    pub dropped_bytes: u64,
}

/// The leading fields of an output line.
#[derive(Deserialize)]
struct LineHead {
    id: String,
    errors: Vec<IgnoredAny>,
}

/// `FILE.partial`.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".partial");
    path.with_file_name(name)
}

impl ResumableFile {
    /// Opens `FILE.partial` (created if missing), keeps its complete lines
    /// and truncates the rest; returns the file, positioned at its end,
    /// and what it holds.
    pub fn open(path: &Path) -> io::Result<(ResumableFile, Done)> {
        if path.file_name().is_none() {
            return Err(io::Error::other(format!("{} is not a file name", path.display())));
        }
        let partial_path = partial_path(path);
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&partial_path)?;
        let mut done = Done::default();
        let mut kept = 0u64;
        let mut reader = BufReader::with_capacity(1 << 20, &mut file);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 || line.last() != Some(&b'\n') {
                break;
            }
            let Ok(head) = serde_json::from_slice::<LineHead>(&line) else { break };
            done.ids.push(head.id);
            done.lines_with_errors += u64::from(!head.errors.is_empty());
            kept += n as u64;
        }
        drop(reader);
        let length = file.metadata()?.len();
        done.dropped_bytes = length - kept;
        if length != kept {
            file.set_len(kept)?;
            file.sync_all()?;
        }
        file.seek(SeekFrom::Start(kept))?;
        let output = ResumableFile {
            final_path: path.to_path_buf(),
            partial_path,
            writer: BufWriter::with_capacity(1 << 20, file),
            last_sync: Instant::now(),
        };
        Ok((output, done))
    }

    /// The partial file's path.
    pub fn partial(&self) -> &Path {
        &self.partial_path
    }

    /// Flushes, syncs and renames `FILE.partial` to FILE.
    pub fn commit(self) -> io::Result<()> {
        let file = self.writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.partial_path, &self.final_path)?;
        // Make the rename itself durable.
        if let Some(dir) = self.final_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(dir) = File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for ResumableFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }
    /// The runner flushes between batches, so the file only ever holds
    /// whole lines plus at most one cut line; every few seconds the data
    /// is also synced to disk.
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()?;
        if self.last_sync.elapsed() >= SYNC_EVERY {
            self.writer.get_ref().sync_data()?;
            self.last_sync = Instant::now();
        }
        Ok(())
    }
}

/// What [`skip_done`] passed over.
#[derive(Clone, Debug, Default)]
pub struct Skipped {
    /// Documents and unreadable records that already had their line.
    pub lines: u64,
    /// Reader errors met on the way (reported again to `on_error`).
    pub reader_errors: u64,
}

/// Reads past the entries of `corpus` that already have a line in `done`,
/// checking that each has the id of its line. Reader errors met on the way
/// (which have no line) go to `on_error`. Fails, naming the first
/// difference, when the input is not the one the partial output was made
/// from.
pub fn skip_done(
    corpus: &mut impl Iterator<Item = Entry>,
    done: &Done,
    partial: &Path,
    mut on_error: impl FnMut(&str, &str),
) -> Result<Skipped, String> {
    let mut skipped = Skipped::default();
    for (n, expected) in done.ids.iter().enumerate() {
        let id = loop {
            match corpus.next() {
                Some(Entry::Doc(doc)) => break doc.id,
                Some(Entry::Bad { id, .. }) => break id,
                Some(Entry::Error { source, message }) => {
                    skipped.reader_errors += 1;
                    on_error(&source, &message);
                }
                None => {
                    return Err(format!(
                        "{} has {} lines but the input has only {n} documents: it was made from another input; \
                         remove it, or run without --resume",
                        partial.display(),
                        done.ids.len()
                    ))
                }
            }
        };
        if id != *expected {
            return Err(format!(
                "{} was made from another input: its line {} is document {expected:?}, but the input's document {} is {id:?}; \
                 remove it, or run without --resume",
                partial.display(),
                n + 1,
                n + 1
            ));
        }
        skipped.lines += 1;
    }
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(id: &str) -> Entry {
        Entry::Bad { id: id.into(), source: "s".into(), message: "m".into() }
    }

    #[test]
    fn a_cut_line_is_dropped_and_the_file_reopens_at_the_last_whole_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let cut = "{\"id\":\"c\",\"err";
        let whole = "{\"id\":\"a\",\"errors\":[]}\n{\"id\":\"b\",\"x\":1,\"errors\":[{\"plugin\":\"p\"}]}\n";
        std::fs::write(partial_path(&path), format!("{whole}{cut}")).unwrap();
        let (mut out, done) = ResumableFile::open(&path).unwrap();
        assert_eq!(done.ids, ["a", "b"]);
        assert_eq!(done.lines_with_errors, 1);
        assert_eq!(done.dropped_bytes, cut.len() as u64);
        out.write_all(b"{\"id\":\"c\",\"errors\":[]}\n").unwrap();
        out.commit().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(text.ends_with("{\"id\":\"c\",\"errors\":[]}\n"));
        assert!(!partial_path(&path).exists());
    }

    #[test]
    fn skipping_checks_ids_and_passes_reader_errors_on() {
        let done = Done { ids: vec!["a".into(), "b".into()], ..Done::default() };
        let error = Entry::Error { source: "f".into(), message: "truncated".into() };
        let mut corpus = vec![bad("a"), error, bad("b"), bad("c")].into_iter();
        let mut errors = Vec::new();
        let skipped = skip_done(&mut corpus, &done, Path::new("o.partial"), |s, m| errors.push(format!("{s}: {m}"))).unwrap();
        assert_eq!((skipped.lines, skipped.reader_errors), (2, 1));
        assert_eq!(errors, ["f: truncated"]);
        assert_eq!(corpus.next(), Some(bad("c")), "the run goes on after the done entries");

        let err = skip_done(&mut vec![bad("a"), bad("x")].into_iter(), &done, Path::new("o.partial"), |_, _| {}).unwrap_err();
        assert!(err.contains("its line 2 is document \"b\", but the input's document 2 is \"x\""), "{err}");
        let err = skip_done(&mut vec![bad("a")].into_iter(), &done, Path::new("o.partial"), |_, _| {}).unwrap_err();
        assert!(err.contains("has 2 lines but the input has only 1 documents"), "{err}");
    }
}
