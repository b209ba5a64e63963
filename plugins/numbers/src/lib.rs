//! gleaner's `numbers` plugin (being written).

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin};

/// The `numbers` extractor.
pub struct Placeholder;

impl Plugin for Placeholder {
    const ID: &'static str = "numbers";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "(being written)";
    fn new(_: &Config) -> Result<Self, Error> {
        Ok(Placeholder)
    }
}

impl Extractor for Placeholder {
    fn extract(&mut self, _doc: &Document<'_>, _out: &mut Output<'_>) -> Result<(), Error> {
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Placeholder);
