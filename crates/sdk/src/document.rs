//! The document a plugin sees: borrowed views of the host's data.

use crate::abi::{gleaner_document, gleaner_kv, gleaner_str};

/// A document, borrowed from the host for the duration of one call.
#[derive(Clone, Copy)]
pub struct Document<'a> {
    raw: &'a gleaner_document,
}

/// # Safety
/// `s` must view valid UTF-8 that lives for `'a` (the host guarantees it
/// for document text; for other fields invalid UTF-8 reads as empty).
unsafe fn view<'a>(s: &gleaner_str) -> &'a str {
    std::str::from_utf8(s.as_bytes()).unwrap_or("")
}

impl<'a> Document<'a> {
    /// Wraps a raw document.
    ///
    /// # Safety
    /// Every view in `raw` must be valid for `'a`, as the ABI guarantees
    /// during a `process` call.
    pub unsafe fn from_raw(raw: &'a gleaner_document) -> Document<'a> {
        Document { raw }
    }

    /// The input's own id.
    pub fn id(&self) -> &'a str {
        unsafe { view(&self.raw.id) }
    }
    /// The text to process (valid UTF-8).
    pub fn text(&self) -> &'a str {
        unsafe { view(&self.raw.text) }
    }
    /// The content type: `text/plain`, `text/html`, ...
    pub fn content_type(&self) -> &'a str {
        unsafe { view(&self.raw.content_type) }
    }
    /// Whether the text is HTML.
    pub fn is_html(&self) -> bool {
        let ct = self.content_type();
        ct.starts_with("text/html") || ct.starts_with("application/xhtml")
    }
    /// The publication date (ISO 8601), when known.
    pub fn date(&self) -> Option<&'a str> {
        Some(unsafe { view(&self.raw.date) }).filter(|s| !s.is_empty())
    }
    /// The source URL, when known.
    pub fn url(&self) -> Option<&'a str> {
        Some(unsafe { view(&self.raw.url) }).filter(|s| !s.is_empty())
    }
    /// Other metadata pairs (title, what earlier transforms set, ...).
    pub fn meta(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let raw: &'a [gleaner_kv] = if self.raw.n_meta == 0 || self.raw.meta.is_null() {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(self.raw.meta, self.raw.n_meta) }
        };
        raw.iter().map(|kv| unsafe { (view(&kv.key), view(&kv.value)) })
    }
    /// The metadata value of `key` (the last one set), if any.
    pub fn meta_value(&self, key: &str) -> Option<&'a str> {
        self.meta().filter(|(k, _)| *k == key).last().map(|(_, v)| v)
    }
}
