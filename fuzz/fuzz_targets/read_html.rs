//! The corpus reader for `page.html` files, on arbitrary bytes.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_as("page.html", data));
