//! The numbers extractor on arbitrary bytes as a document's text.
#![no_main]
mod common;
use gleaner_plugin_numbers::Numbers;
use gleaner_sdk::testing::{extract, Doc};
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    common::check(extract::<Numbers>(&[], &Doc::text(&text).with_date("2024-03-01")), &text);
});
