//! The WARC reader (being written: this first version reports WARC inputs
//! as not yet readable).

use std::sync::Arc;

use crate::compress::Stream;
use crate::{Entry, ReaderOptions};

/// Reads the documents of one WARC stream.
pub(crate) struct WarcReader {
    source: Option<String>,
}

impl WarcReader {
    pub(crate) fn new(_stream: Stream, source: String, _options: Arc<ReaderOptions>) -> Self {
        WarcReader { source: Some(source) }
    }
}

impl Iterator for WarcReader {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        self.source.take().map(|source| Entry::Error {
            source,
            message: "WARC reading is not implemented yet".into(),
        })
    }
}
