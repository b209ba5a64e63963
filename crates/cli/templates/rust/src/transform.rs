//! `{{name}}`: a gleaner transform plugin.
//!
//! A transform rewrites a document's text before every extractor runs
//! (extractors then see, and their offsets refer to, the new text). The
//! example squeezes whitespace: inside a paragraph every run of
//! whitespace (line breaks included) becomes one space; paragraphs,
//! separated by blank lines, stay separated by exactly one blank line (or,
//! with `keep_paragraphs = false`, are joined with a space). Replace
//! `transform` with your own logic; `cargo test` runs the tests at the
//! bottom through the same C ABI gleaner uses.

use gleaner_sdk::{Config, Document, Error, Output, Plugin, Setting, Transform};

/// One instance per gleaner worker thread: per-instance state lives here;
/// large read-only data belongs in a `std::sync::OnceLock` static.
pub struct {{type}} {
    keep_paragraphs: bool,
}

impl Plugin for {{type}} {
    const ID: &'static str = "{{name}}";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "Squeezes runs of whitespace (an example transform to replace).";
    // Users set this with `--set {{name}}.keep_paragraphs=false` or in a
    // `[{{name}}]` table of a `--config` TOML file.
    const SETTINGS: &'static [Setting] =
        &[Setting::bool("keep_paragraphs", true, "keep blank lines between paragraphs (else join everything with spaces)")];

    fn new(config: &Config) -> Result<Self, Error> {
        Ok(Self { keep_paragraphs: config.bool("keep_paragraphs")? })
    }
}

impl Transform for {{type}} {
    fn transform(&mut self, doc: &Document<'_>, _out: &mut Output<'_>) -> Result<Option<String>, Error> {
        let text = doc.text();
        let mut squeezed = String::with_capacity(text.len());
        // The line breaks in the run of whitespace before the next character, if in a run.
        let mut pending: Option<usize> = None;
        for c in text.chars() {
            if c.is_whitespace() {
                *pending.get_or_insert(0) += usize::from(c == '\n');
                continue;
            }
            // Whitespace at the start and at the end is dropped.
            if let (Some(newlines), false) = (pending.take(), squeezed.is_empty()) {
                squeezed.push_str(if newlines >= 2 && self.keep_paragraphs { "\n\n" } else { " " });
            }
            squeezed.push(c);
        }
        // `None` keeps the text as it is (and costs nothing).
        Ok((squeezed != text).then_some(squeezed))
    }
}

// Exports the one symbol gleaner looks for, `gleaner_plugin_entry_v1`.
gleaner_sdk::export_plugin!(transform {{type}});

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_sdk::testing::{transform, Doc};

    #[test]
    fn squeezes_spaces_and_keeps_paragraphs() {
        let (text, records) = transform::<{{type}}>(&[], &Doc::text("  A  b\t c \n\n\n\nNext   one.\n")).unwrap();
        assert_eq!(text, "A b c\n\nNext one.");
        assert!(records.is_empty());
    }

    #[test]
    fn joins_paragraphs_when_asked() {
        let (text, _) = transform::<{{type}}>(&[("keep_paragraphs", "false")], &Doc::text("One.\n\nTwo.")).unwrap();
        assert_eq!(text, "One. Two.");
    }

    #[test]
    fn clean_text_is_kept() {
        let (text, _) = transform::<{{type}}>(&[], &Doc::text("Already clean.")).unwrap();
        assert_eq!(text, "Already clean.");
    }
}
