//! `{{name}}`: a gleaner extractor plugin.
//!
//! The example finds years written as four digits (1900 to 2099 by
//! default; see the settings) that are not part of a longer number or word,
//! and emits one `year` record per year, with the year as its `value`.
//! Replace it with your own logic: `Plugin` says who the plugin is and
//! which settings it takes, `Extractor::extract` emits the records of one
//! document. `cargo test` runs the tests at the bottom through the same C
//! ABI gleaner uses.

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Setting, Value};

/// One instance per gleaner worker thread: per-instance state lives here;
/// large read-only data (word lists, automata) belongs in a
/// `std::sync::OnceLock` static, built once and shared.
pub struct {{type}} {
    min_year: i64,
    max_year: i64,
}

impl Plugin for {{type}} {
    const ID: &'static str = "{{name}}";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "Finds years written as four digits (an example to replace).";
    // Users set these with `--set {{name}}.min_year=1950` or in a
    // `[{{name}}]` table of a `--config` TOML file; gleaner checks the
    // types before the run and passes the defaults for the rest.
    const SETTINGS: &'static [Setting] = &[
        Setting::int("min_year", "1900", "the smallest year reported"),
        Setting::int("max_year", "2099", "the largest year reported"),
    ];

    fn new(config: &Config) -> Result<Self, Error> {
        let (min_year, max_year) = (config.int("min_year")?, config.int("max_year")?);
        if min_year > max_year {
            return Err(format!("min_year ({min_year}) is larger than max_year ({max_year})").into());
        }
        Ok(Self { min_year, max_year })
    }
}

/// Whether a byte glues onto a number (so `A1990` or `1990b` are not years).
fn glues(byte: Option<&u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

impl Extractor for {{type}} {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // Offsets are bytes into the text; `start..i` is on character
            // boundaries because ASCII digits are one byte each.
            if i - start != 4 || glues(start.checked_sub(1).and_then(|p| bytes.get(p))) || glues(bytes.get(i)) {
                continue;
            }
            let year: i64 = text[start..i].parse()?;
            if (self.min_year..=self.max_year).contains(&year) {
                // `emit` returns false when gleaner takes no more records
                // for this document (a limit was reached): stop early.
                if !out.emit(start, i, "year", &[("value", Value::Int(year))]) {
                    break;
                }
            }
        }
        Ok(())
    }
}

// Exports the one symbol gleaner looks for, `gleaner_plugin_entry_v1`.
gleaner_sdk::export_plugin!(extractor {{type}});

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_sdk::testing::{extract, Doc, OwnedValue};

    #[test]
    fn finds_four_digit_years_only() {
        let text = "In 1999, 12000 people came; A1990 is a code; again in 2023.";
        let records = extract::<{{type}}>(&[], &Doc::text(text)).unwrap();
        let spans: Vec<&str> = records.iter().map(|r| r.span(text)).collect();
        assert_eq!(spans, ["1999", "2023"]);
        assert_eq!(records[0].kind, "year");
        assert_eq!(records[0].get("value"), Some(&OwnedValue::Int(1999)));
    }

    #[test]
    fn settings_narrow_the_range() {
        let text = "From 1999 to 2023.";
        let records = extract::<{{type}}>(&[("min_year", "2000")], &Doc::text(text)).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].span(text), "2023");
    }

    #[test]
    fn inconsistent_settings_are_refused() {
        let error = extract::<{{type}}>(&[("min_year", "2100")], &Doc::text("")).unwrap_err();
        assert!(error.contains("min_year (2100) is larger than max_year (2099)"), "{error}");
    }
}
