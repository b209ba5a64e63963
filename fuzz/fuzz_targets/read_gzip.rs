//! The gzip layer (a `.warc.gz` or `.jsonl.gz`, chosen by bit 2 of the first byte), on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let name = if data.first().is_some_and(|b| b & 4 != 0) { "crawl.warc.gz" } else { "news.jsonl.gz" };
    common::read_as(name, data)
});
