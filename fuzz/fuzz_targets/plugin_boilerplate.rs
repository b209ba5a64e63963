//! The boilerplate transform on arbitrary bytes, as HTML or as plain text
//! (the first byte's low bit); its records are checked against the text it outputs.
#![no_main]
mod common;
use gleaner_plugin_boilerplate::Boilerplate;
use gleaner_sdk::testing::{transform, Doc};
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let input = common::text(rest);
    let doc = if flags & 1 != 0 { Doc::html(&input) } else { Doc::text(&input) };
    match transform::<Boilerplate>(&[], &doc) {
        Ok((text, records)) => common::check(Ok(records), &text),
        Err(message) => common::check(Err(message), ""),
    }
});
