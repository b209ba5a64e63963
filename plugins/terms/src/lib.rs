//! `terms`: the example extractor. Finds whole-word occurrences of a
//! configured list of terms and emits one `term` record for each.
//!
//! It is small on purpose: it shows a settings declaration, a per-instance
//! state built from the configuration, and emitting records. The same
//! plugin is written in C in `tests/c/terms.c`; the tests check that both
//! give identical output through the host.

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Setting, Value};

/// Finds configured terms as whole words.
pub struct Terms {
    terms: Vec<String>,
    ignore_case: bool,
}

impl Plugin for Terms {
    const ID: &'static str = "terms";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "Finds whole-word occurrences of a list of terms (an example plugin).";
    const SETTINGS: &'static [Setting] = &[
        Setting::string("terms", "", "comma-separated terms to find, e.g. 'oil,gold,wheat'"),
        Setting::bool("ignore_case", false, "match ASCII letters regardless of case"),
    ];

    fn new(config: &Config) -> Result<Self, Error> {
        let terms: Vec<String> =
            config.string("terms")?.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        Ok(Terms { terms, ignore_case: config.bool("ignore_case")? })
    }
}

/// Whether the byte at `i` (if any) continues a word.
fn is_word_byte(bytes: &[u8], i: Option<usize>) -> bool {
    i.and_then(|i| bytes.get(i)).is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
}

impl Extractor for Terms {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let bytes = doc.text().as_bytes();
        for start in 0..bytes.len() {
            if is_word_byte(bytes, start.checked_sub(1)) {
                continue;
            }
            for term in &self.terms {
                let end = start + term.len();
                let Some(candidate) = bytes.get(start..end) else { continue };
                let same = if self.ignore_case {
                    candidate.eq_ignore_ascii_case(term.as_bytes())
                } else {
                    candidate == term.as_bytes()
                };
                if same && !is_word_byte(bytes, Some(end)) && !out.emit(start, end, "term", &[("term", Value::Str(term))]) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Terms);

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_sdk::testing::{extract, Doc};

    #[test]
    fn finds_whole_words_only() {
        let text = "Oil rose; oilfields and gold fell. OIL.";
        let records = extract::<Terms>(&[("terms", "oil, gold")], &Doc::text(text)).unwrap();
        let spans: Vec<&str> = records.iter().map(|r| r.span(text)).collect();
        assert_eq!(spans, ["gold"]);
        let records = extract::<Terms>(&[("terms", "oil,gold"), ("ignore_case", "true")], &Doc::text(text)).unwrap();
        let spans: Vec<&str> = records.iter().map(|r| r.span(text)).collect();
        assert_eq!(spans, ["Oil", "gold", "OIL"]);
        assert_eq!(records[0].str("term"), Some("oil"));
    }

    #[test]
    fn no_terms_no_records() {
        assert!(extract::<Terms>(&[], &Doc::text("anything")).unwrap().is_empty());
    }
}
