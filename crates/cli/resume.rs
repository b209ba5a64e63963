//! `gleaner run --resume -o FILE`: before the run, keep what an interrupted
//! run left in `FILE.partial` and read past those documents of the input
//! (checking their ids); after it, count them in the summary. The file
//! format and the checks are in `gleaner_host::resume`.

use std::path::Path;

use gleaner_host::resume::{partial_path, skip_done, ResumableFile};
use gleaner_host::{RunObserver, Summary};

/// The output of a resumed run and what the earlier runs did.
pub struct Resumed {
    /// `FILE.partial`, open at its end.
    pub file: ResumableFile,
    /// Of them, lines with an error.
    pub lines_with_errors: u64,
    /// Reader errors met again while reading past the done documents.
    pub reader_errors: u64,
}

impl Resumed {
    /// Counts the earlier runs' lines in `summary` (so the exit status
    /// says whether anything in the whole file failed).
    pub fn add_to(&self, mut summary: Summary) -> Summary {
        summary.lines_with_errors += self.lines_with_errors;
        summary.reader_errors += self.reader_errors;
        summary
    }
}

/// Opens `FILE.partial` and reads past the documents it already has.
/// `Ok(None)`: FILE exists without a partial file, nothing to resume.
pub fn prepare(path: &Path, corpus: &mut impl Iterator<Item = gleaner_corpus::Entry>, observer: &dyn RunObserver) -> Result<Option<Resumed>, String> {
    let partial = partial_path(path);
    if path.exists() && !partial.exists() {
        return Ok(None);
    }
    let (file, done) = ResumableFile::open(path).map_err(|e| format!("cannot open {}: {e}", partial.display()))?;
    if done.dropped_bytes > 0 {
        eprintln!("gleaner: resume: dropped a cut last line ({} bytes) from {}", done.dropped_bytes, partial.display());
    }
    let skipped = skip_done(corpus, &done, &partial, |source, message| observer.reader_error(source, message))?;
    if skipped.lines > 0 {
        eprintln!("gleaner: resume: {} documents already done in {}; going on from there", skipped.lines, partial.display());
    }
    Ok(Some(Resumed { file, lines_with_errors: done.lines_with_errors, reader_errors: skipped.reader_errors }))
}
