//! The corpus reader for `news.jsonl` files, on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_as("news.jsonl", data));
