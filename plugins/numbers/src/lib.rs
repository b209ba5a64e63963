//! gleaner's `numbers` plugin: finds every number-like expression in
//! English news text and gives its value in a form a program can use.
//!
//! Each record has `kind` (`cardinal`, `ordinal`, `percent`, `money`,
//! `quantity`, `range`, `date`), `value` (a canonical decimal such as
//! `"147000000000"`, an interval such as `"[20,30]"` or `"(100,)"`, or an
//! ISO 8601 date such as `"2022-06-16"` / `"XXXX-02-24"`) and `unit` (`"%"`,
//! `"pp"` for percentage points, an ISO 4217 code, a short unit like `"km"`,
//! `"t"`, `"°C"`, `"bbl"`, or `"year"` for ages; null when none or unknown).
//!
//! # Organisation
//! - [`tokens`]: one pass over the bytes cuts the text into digit runs,
//!   words (each looked up once in the [`lexicon`], built once in a
//!   `OnceLock`) and punctuation.
//! - [`parse`]: one left-to-right walk over the tokens; at each token that
//!   can start an expression it tries a date, a range, then a measure (a
//!   number with its currency, unit or percent sign), keeps the first that
//!   matches and moves past it, so spans never overlap.
//! - [`decimal`]: exact rational values built from digit strings (no
//!   floats); [`money`]: currency codes and names; [`dates`]: calendar
//!   arithmetic and year filling.
//!
//! # Conventions
//! - **Spans** cover the currency and unit ("$5 million", "10 km",
//!   "69-year-old", "aged 69"), range words ("between 20 and 30", "more
//!   than 100"), but not approximators ("about", "some").
//! - **Ranges** are intervals: "between 20 and 30", "20-30", "from 20 to
//!   30" → `[20,30]`; "more than 100", "over 100" → `(100,)`; "at least 3",
//!   "3 or more" → `[3,)`; "less than 5", "under 5" → `(,5)`; "up to 50",
//!   "at most 50", "no more than 50" → `(,50]`. A magnitude written once
//!   applies to both ends ("5 to 10 million" → `[5000000,10000000]`).
//! - **Money**: `$` is USD unless a prefix says otherwise ("C$", "HK$",
//!   "A$"); "pounds" is GBP unless the context is a weight (then a quantity
//!   in `lb`); "cents" and "pence" keep their written value with the
//!   subunit codes `USX` and `GBX`; pesos, francs, dinars and other
//!   currency names shared by several countries have unit null unless an
//!   adjective names the country.
//! - **Dates**: years are dates when their neighbours say so ("in 2019",
//!   "2019 was"), plain numbers otherwise ("2000 people"); decades are
//!   `199X`; weekdays are `XXXX-WXX-5` (ISO week date, week unknown);
//!   "today", "yesterday" and "tomorrow" are resolved from the document
//!   date, and have no value without one. A month and day without a year
//!   take the year that puts them closest to the document date (see
//!   [`dates`]), or `XXXX`.
//! - **Not numbers** (no record): names and codes ("G7", "COVID-19",
//!   "F-16", "Boeing 737", "Article 5", "5G"), phone numbers, IP addresses
//!   and version strings ("192.168.1.2"), times ("10:30", "11pm"), digits
//!   inside URLs, and sports scores ("3-1"). "one" as a pronoun ("the one",
//!   "no one") is not a number either.

pub mod dates;
pub mod decimal;
pub mod lexicon;
pub mod money;
pub mod parse;
pub mod tokens;

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Value};

pub use parse::{Found, Kind};

/// The `numbers` extractor.
pub struct Numbers {
    tokens: Vec<tokens::Token>,
    found: Vec<Found>,
}

/// Finds the number-like expressions of `text`; `doc_date` (ISO 8601) is
/// used to fill in years and resolve "today".
pub fn find(text: &str, doc_date: Option<&str>) -> Vec<Found> {
    let mut toks = Vec::new();
    let mut out = Vec::new();
    find_into(text, doc_date, &mut toks, &mut out);
    out
}

fn find_into(
    text: &str,
    doc_date: Option<&str>,
    toks: &mut Vec<tokens::Token>,
    out: &mut Vec<Found>,
) {
    out.clear();
    tokens::scan(text, toks);
    let date = doc_date.and_then(dates::parse_iso);
    parse::Parser::new(text, toks, date).run(out);
}

impl Plugin for Numbers {
    const ID: &'static str = "numbers";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str =
        "Numbers, money, percentages, quantities, ranges and dates in English text, with normalised values.";
    fn new(_: &Config) -> Result<Self, Error> {
        Ok(Numbers {
            tokens: Vec::new(),
            found: Vec::new(),
        })
    }
}

impl Extractor for Numbers {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let date = doc.date().or_else(|| doc.meta_value("date"));
        find_into(doc.text(), date, &mut self.tokens, &mut self.found);
        for f in &self.found {
            let fields = [
                ("value", Value::from(f.value.as_deref())),
                ("unit", Value::from(f.unit)),
            ];
            if !out.emit(f.start, f.end, f.kind.name(), &fields) {
                break;
            }
        }
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Numbers);

#[cfg(test)]
mod tests;
