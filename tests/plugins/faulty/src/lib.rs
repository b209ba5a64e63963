//! `faulty`: a fault-injection plugin for gleaner's own tests. It behaves
//! well on ordinary text and misbehaves on documents containing a marker:
//!
//! | marker | behaviour |
//! |---|---|
//! | `@PANIC` | panics (the SDK must turn it into a document error) |
//! | `@FAIL` | returns an error |
//! | `@BADSPAN` | emits a span past the end of the text, and one inside a UTF-8 character |
//! | `@FLOOD` | emits records until the host says stop |
//! | `@SEGV` | dereferences a null pointer (crashes the process) |
//! | `@ABORT` | aborts the process |
//! | `@HANG` | sleeps for an hour |
//!
//! Otherwise it emits one `length` record over the whole text.

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Value};

/// The fault-injection extractor.
pub struct Faulty;

impl Plugin for Faulty {
    const ID: &'static str = "faulty";
    const VERSION: &'static str = "0.0.0";
    const DESCRIPTION: &'static str = "Misbehaves on marker words (gleaner's fault-injection tests).";
    fn new(_: &Config) -> Result<Self, Error> {
        Ok(Faulty)
    }
}

impl Extractor for Faulty {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let text = doc.text();
        if text.contains("@PANIC") {
            panic!("marker @PANIC in document {}", doc.id());
        }
        if text.contains("@FAIL") {
            return Err(format!("marker @FAIL in document {}", doc.id()).into());
        }
        if text.contains("@BADSPAN") {
            out.emit(0, text.len() + 10, "bad", &[]);
            if let Some((i, c)) = text.char_indices().find(|(_, c)| c.len_utf8() > 1) {
                out.emit(i + 1, i + c.len_utf8(), "bad", &[]);
            }
        }
        if text.contains("@FLOOD") {
            while out.emit(0, 0, "flood", &[]) {}
            return Ok(());
        }
        if text.contains("@SEGV") {
            // SAFETY: none; crashing is the point of this marker.
            unsafe { std::ptr::null_mut::<u8>().write_volatile(1) };
        }
        if text.contains("@ABORT") {
            std::process::abort();
        }
        if text.contains("@HANG") {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
        out.emit(0, text.len(), "length", &[("bytes", Value::from(text.len()))]);
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Faulty);
