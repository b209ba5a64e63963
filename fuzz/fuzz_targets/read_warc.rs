//! The corpus reader for `crawl.warc` files, on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_as("crawl.warc", data));
