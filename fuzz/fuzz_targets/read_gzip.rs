//! The gzip layer (a `.warc.gz` or `.jsonl.gz`, chosen by the second byte), on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let name = if data.get(1).is_some_and(|b| b & 1 != 0) { "crawl.warc.gz" } else { "news.jsonl.gz" };
    common::read_as(name, data)
});
