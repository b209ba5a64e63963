//! What every target checks. Corpus targets write the input to a file
//! named for its format (the readers' only entry point is a path) and read
//! every entry back; plugin targets run a plugin through the SDK's testing
//! harness (the same C ABI calls the host makes) on the bytes as text.
#![allow(dead_code)] // each target uses one half

use std::path::PathBuf;

use gleaner_corpus::{Entry, ReaderOptions};
use gleaner_sdk::testing::Record;

/// A per-process scratch file in a RAM folder when there is one.
fn scratch(name: &str) -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("gleaner-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

/// Reads `data` as a file called `name` (its extension picks the reader).
/// The first byte chooses options: bit 0 strict UTF-8, bit 1 small limits
/// (so the size checks are reached too). Checks what every entry promises.
pub fn read_as(name: &str, data: &[u8]) {
    let Some((&flags, data)) = data.split_first() else { return };
    let path = scratch(name);
    std::fs::write(&path, data).expect("write the scratch file");
    let mut options = ReaderOptions { strict_utf8: flags & 1 != 0, ..ReaderOptions::default() };
    if flags & 2 != 0 {
        options.max_doc_bytes = 300;
        options.max_decompressed_bytes = 4000;
    } else {
        options.max_decompressed_bytes = 64 << 20;
    }
    for entry in gleaner_corpus::open(&[path], options.clone()) {
        match entry {
            Entry::Doc(doc) => {
                assert!(!doc.text.contains('\0'), "NUL left in a document's text");
                assert!(!doc.source.is_empty(), "a document without a source");
                assert!(doc.text.len() <= options.max_doc_bytes.saturating_mul(4).max(1 << 16), "document over the size limit");
            }
            Entry::Bad { source, message, .. } | Entry::Error { source, message } => {
                assert!(!source.is_empty() && !message.is_empty(), "an error without a source or message");
            }
        }
    }
}

/// The bytes as text: valid UTF-8 kept as is, else decoded lossily.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Checks a plugin's result: a panic (which the SDK turns into an error)
/// is a bug; every span is inside `text` and on character boundaries.
pub fn check(result: Result<Vec<Record>, String>, text: &str) {
    let records = match result {
        Ok(records) => records,
        Err(message) if message.contains("plugin panicked") => panic!("{message}"),
        Err(_) => return,
    };
    for r in &records {
        assert!(r.start <= r.end && r.end <= text.len(), "span {}..{} outside a text of {} bytes ({})", r.start, r.end, text.len(), r.kind);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "span {}..{} cuts a character ({})", r.start, r.end, r.kind);
        assert!(!r.kind.is_empty(), "a record without a kind");
    }
}
