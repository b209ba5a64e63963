//! Write gleaner plugins in safe Rust.
//!
//! A plugin is a type that implements [`Plugin`] (its id, version and
//! settings, and how to build it from a [`Config`]) and one of
//! [`Extractor`] (emits records over a document's text) or [`Transform`]
//! (rewrites the text). [`export_plugin!`] exports it through the C ABI of
//! `gleaner_plugin.h`, converting every call and catching every panic at
//! the boundary: a panicking plugin yields an error on that document, never
//! an abort.
//!
//! ```
//! use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Setting, Value};
//!
//! /// Finds every occurrence of one word.
//! pub struct Finder { word: String }
//!
//! impl Plugin for Finder {
//!     const ID: &'static str = "finder";
//!     const VERSION: &'static str = "0.1.0";
//!     const DESCRIPTION: &'static str = "Finds one word.";
//!     const SETTINGS: &'static [Setting] = &[Setting::string("word", "gleaner", "the word to find")];
//!     fn new(config: &Config) -> Result<Self, Error> {
//!         Ok(Finder { word: config.string("word")?.to_owned() })
//!     }
//! }
//!
//! impl Extractor for Finder {
//!     fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
//!         for (start, m) in doc.text().match_indices(self.word.as_str()) {
//!             out.emit(start, start + m.len(), "word", &[("length", Value::Int(m.len() as i64))]);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! gleaner_sdk::export_plugin!(extractor Finder);
//!
//! let records = gleaner_sdk::testing::extract::<Finder>(&[], &gleaner_sdk::testing::Doc::text("a gleaner, gleaner")).unwrap();
//! assert_eq!(records.len(), 2);
//! assert_eq!(records[1].start, 11);
//! ```

mod config;
mod document;
mod export;
mod output;
mod panic;
pub mod testing;

pub use config::{Config, Setting, SettingType};
pub use document::Document;
pub use gleaner_abi as abi;
pub use output::{Output, Value};

/// The error type plugins return: any error, or a message (`"...".into()`).
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What every plugin declares: who it is, its settings, and how to build it.
pub trait Plugin: Sized + 'static {
    /// The plugin's id: `[a-z0-9_-]+`; the key of its records in the output.
    const ID: &'static str;
    /// The plugin's own version.
    const VERSION: &'static str;
    /// One line saying what it does.
    const DESCRIPTION: &'static str;
    /// The settings users may give with `--set ID.name=value`.
    const SETTINGS: &'static [Setting] = &[];

    /// Builds an instance. The host builds one per worker thread, so
    /// expensive shared data (dictionaries, automata) belongs in a
    /// `std::sync::OnceLock` static, built once.
    fn new(config: &Config) -> Result<Self, Error>;
}

/// A plugin that emits records (spans of the text with fields).
pub trait Extractor: Plugin {
    /// Emits this document's records into `out`. An `Err` puts its message
    /// in the document's errors; records already emitted are kept.
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error>;
}

/// A plugin that rewrites the document's text (and may emit records, whose
/// spans refer to the text it returns).
pub trait Transform: Plugin {
    /// Returns the new text, or `None` to keep the text as it is.
    fn transform(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<Option<String>, Error>;
}

#[doc(hidden)]
pub mod __private {
    pub use crate::export::{extractor_descriptor, transform_descriptor};
}
