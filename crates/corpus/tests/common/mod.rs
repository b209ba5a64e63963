//! Helpers shared by the reader tests.
#![allow(dead_code)] // each test file uses a part of them

use std::io::Write;
use std::path::{Path, PathBuf};

use gleaner_corpus::{open, Entry, ReaderOptions, SourceDoc};

/// Reads all entries of the inputs.
pub fn read(inputs: &[&Path], options: ReaderOptions) -> Vec<Entry> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|path| path.to_path_buf()).collect();
    open(&inputs, options).collect()
}

/// The documents among the entries, failing on any other entry.
pub fn docs(entries: Vec<Entry>) -> Vec<SourceDoc> {
    entries
        .into_iter()
        .map(|entry| match entry {
            Entry::Doc(doc) => doc,
            other => panic!("expected a document, got {other:?}"),
        })
        .collect()
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

pub fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

pub fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, data).unwrap();
    path
}

/// `/work/shared` (the repository's `../shared`), if present.
pub fn shared() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.ancestors().nth(2)?.parent()?.join("shared");
    if shared.is_dir() {
        Some(shared)
    } else {
        eprintln!("note: {} is absent; test skipped", shared.display());
        None
    }
}
