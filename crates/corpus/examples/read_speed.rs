//! Reads corpora and reports the reader's speed, with nothing else in the
//! way: `cargo run --release -p gleaner-corpus --example read_speed -- FILE...`

use std::path::PathBuf;
use std::time::Instant;

use gleaner_corpus::{open, Entry, ReaderOptions};

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if inputs.is_empty() {
        eprintln!("usage: read_speed FILE_OR_FOLDER...");
        std::process::exit(2);
    }
    let start = Instant::now();
    let corpus = open(&inputs, ReaderOptions::default());
    let on_disk = corpus.total_bytes();
    let (mut docs, mut bad, mut errors, mut text_bytes) = (0u64, 0u64, 0u64, 0u64);
    for entry in corpus {
        match entry {
            Entry::Doc(doc) => {
                docs += 1;
                text_bytes += doc.text.len() as u64;
            }
            Entry::Bad {
                source, message, ..
            } => {
                bad += 1;
                eprintln!("bad: {source}: {message}");
            }
            Entry::Error { source, message } => {
                errors += 1;
                eprintln!("error: {source}: {message}");
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents ({bad} bad, {errors} errors) in {seconds:.3} s: {:.0} docs/s, {:.1} MB/s of text{}",
        docs as f64 / seconds,
        text_bytes as f64 / seconds / 1e6,
        on_disk.map_or(String::new(), |bytes| format!(", {:.1} MB/s on disk", bytes as f64 / seconds / 1e6)),
    );
}
