//! Where output goes: an output file written under a temporary name and
//! renamed into place when complete, so a killed run never leaves a
//! half-written file under the final name.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written as `<name>.tmp-<pid>`, renamed to `<name>` by
/// [`AtomicFile::commit`]. Dropped without a commit, it removes the temporary file.
pub struct AtomicFile {
    final_path: PathBuf,
    temp_path: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file next to `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let mut name = path.file_name().ok_or_else(|| io::Error::other(format!("{} is not a file name", path.display())))?.to_owned();
        name.push(format!(".tmp-{}", std::process::id()));
        let temp_path = path.with_file_name(name);
        let file = File::create(&temp_path)?;
        Ok(AtomicFile { final_path: path.to_path_buf(), temp_path, writer: Some(BufWriter::with_capacity(1 << 20, file)) })
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self.writer.take().ok_or_else(|| io::Error::other("output file already closed"))?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.temp_path, &self.final_path)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.as_mut().ok_or_else(|| io::Error::other("output file closed"))?.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.as_mut().ok_or_else(|| io::Error::other("output file closed"))?.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        // Flushing to the temporary file is enough; the rename publishes it.
        match self.writer.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temp_path);
        }
    }
}
