//! The zstd layer (a `.warc.zst` or `.jsonl.zst`, chosen by bit 2 of the first byte), on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let name = if data.first().is_some_and(|b| b & 4 != 0) { "crawl.warc.zst" } else { "news.jsonl.zst" };
    common::read_as(name, data)
});
