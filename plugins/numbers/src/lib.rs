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
//!   matches and moves past it, so spans never overlap, except that the
//!   amount a one-sided range bounds is also a record of its own, inside
//!   the range ("more than $5 million" → a range and "$5 million").
//! - [`decimal`]: exact rational values built from digit strings (no
//!   floats); [`money`]: currency codes and names; [`dates`]: calendar
//!   arithmetic and year filling.
//!
//! # Conventions
//! - **Numbers** include separators ("1,000", "12,34,567", "1 000" with a
//!   no-break space), fractions ("3/4", "2 1/4", "11-1/2" as in bond and
//!   share prices, "½", "three-quarters"), words of any size ("two hundred
//!   and five", "a dozen", "three crore twelve lakh") and magnitudes
//!   ("1.5 million", "100k", "€3.2bn", "2 mln"), proportions ("two out
//!   of five", "3 out of every 4" → `0.75`, as Recognizers-Text reads
//!   them) and powers with a caret
//!   ("10^6", "2.5^-1" → `0.4`; exponents of one or two digits). Only common fractions are
//!   read from slashes (denominators 2–6, 8, 10, 12, 16, 32, 64, 100, 1000):
//!   "24/7" and "9/11" are not numbers.
//! - **Values are exact**: built from the digits as rationals, never
//!   through floats ("1.1 million" → `1100000`); only fractions without a
//!   finite decimal form are rounded, to 15 significant digits ("two
//!   thirds" → `0.666666666666667`).
//! - **Spans** cover the currency and unit ("$5 million", "10 km",
//!   "69-year-old", "aged 69"), range words ("between 20 and 30", "more
//!   than 100"), but not approximators ("about", "some") except before a
//!   range between two amounts ("around 10-20 dollars").
//! - **Ranges** are intervals; their brackets follow the convention of the
//!   source that annotates that kind of range (see below). Bare numbers:
//!   "between 20 and 30", "20-30", "from 20 to 30" → `[20,30)`; "more than
//!   100", "over 100" → `(100,)`; "at least 3", "3 or more" → `[3,)`; "less
//!   than 5", "under 5" → `(,5)`; "up to 50", "at most 50", "no more than
//!   50" → `(,50]`. Money and quantities: "10-20 dollars" → `[10,20]`, "at
//!   least $3" → `(3,)`, "at most 8 kg" → `(,8)`. Percentages: as the
//!   words say ("2-3%" → `[2,3]`, "at least 5%" → `[5,)`). A magnitude written once
//!   applies to both ends ("5 to 10 million" → `[5000000,10000000]`). After
//!   a verb of change ("rose 32,000 to 1.41 million", "fell from 5% to 4%")
//!   "to" joins two values, not an interval: they are two records.
//! - **Percentages**: "30%", "30 percent", "30 per cent", "5pc", "30
//!   percentage points" (`pp`); "percent of 10" closing a phrase with no
//!   number before is `10` (Recognizers-Text's reading).
//! - **Money**: `$` is USD unless a prefix says otherwise ("C$", "HK$",
//!   "A$"); "pounds" is GBP unless the context is a weight (then a quantity
//!   in `lb`); cents after an amount are added ("15 dollars and 50 cents" →
//!   `15.5`); "cents" and "pence" alone keep their written value with the
//!   subunit codes `USX` and `GBX`; pesos, francs, dinars and other currency
//!   names shared by several countries have unit null unless an adjective
//!   names the country ("Swiss francs" → CHF). Reuters abbreviations ("2 mln
//!   dlrs", "39 cts", "stg", "481p") are read, and so are "42 LE" (EGP),
//!   "ringgits 42" and "10 $ 30 $" (a sign after each amount). A rate's
//!   "a" is not an amount ("94 cents a pound": one record).
//! - **Quantities**: lengths written in several units are one value in the
//!   smallest ("5 feet 2 inches" → `62` `in`); metric masses are in grams
//!   and weights take the thing weighed (see below); temperatures are `°C`, `°F`,
//!   or `°` when the scale is not written; a scale named without a number
//!   in a conversion ("convert 200 celsius into fahrenheit", "how much
//!   celsius") is a quantity without a value (Recognizers-Text); speeds are
//!   a length per a time ("km/h", "m/s", "cm/ms"); ages are quantities in
//!   `year`, `month`, `week` or `day`.
//! - **Dates**: years are dates ("in 2019", "2019 was"); a four-digit number
//!   from 1900 to 2099 is a year unless a plural noun follows ("2000
//!   workers"); decades are `199X`; spans of days or years are ISO intervals
//!   ("April 1-15" → `XXXX-04-01/XXXX-04-15`, "2002-2006" → `2002/2006`);
//!   weekdays are `XXXX-WXX-5` (ISO week date, week unknown), with the
//!   date restated in brackets ("Friday (Dec. 12)" → `XXXX-12-12`) or the
//!   month around them ("the second Monday of next month"); "on the
//!   21st", "on twenty-first" and "by/until/since/for/on the 21st" or "the
//!   21" closing a phrase are `XXXX-XX-21`; "on 4/22", and "22/04" with a
//!   zero-padded part anywhere, are a month and day when only one order
//!   fits ("on 4/5" is not read as a date); "11/12,2016" has its year; a
//!   year in words after a day is read ("July 4, nineteen eighty-six").
//!   "Today", "yesterday", "tomorrow", "three days ago", "in two weeks" are
//!   resolved from the document date and have no value without one; "two
//!   days later", "a year earlier", "the next day", "the following week"
//!   count from a moment of the story and never have a value. A month and
//!   day without a year take the year that puts them between nine months
//!   before and three months after the document date (see [`dates`]), or
//!   `XXXX`.
//! - **Not numbers** (no record): names and codes ("G7", "COVID-19",
//!   "F-16", "Boeing 737", "Article 5", "Radio 2", "5G"), phone numbers, IP
//!   addresses and version strings ("192.168.1.2"), times ("10:30",
//!   "11pm"), digits inside URLs and HTML character references, sports
//!   scores ("3-1"), digits glued to letters that say nothing ("5m people":
//!   metres or millions?; before a unit it can only be millions: "1.5m
//!   barrels" → `1500000` `bbl`), and spelled fractions that read two ways
//!   ("thirty fifths", "one hundred one thousand fifths"), which are left
//!   out whole rather than read in pieces. "one" as a pronoun ("the one",
//!   "no one") is not a number either.
//!
//! # Where Recognizers-Text and Duckling disagree
//! The two sources of the evaluation gold annotate different things, so
//! where the text itself shows which kind of expression it is, the
//! convention of the source that annotates that kind is kept; otherwise
//! one convention is kept for both:
//! - **intervals** (the kind shows: does the range count money or a
//!   quantity?): ranges of bare numbers are Recognizers-Text's number
//!   ranges, where an interval between two numbers is closed below and
//!   open above (`[20,30)`) and a comparative's bound is as the words say
//!   ("at least 5" → `[5,)`); ranges of money and quantities are
//!   Duckling's, whose intervals carry no inclusiveness: between two
//!   amounts is closed (`[10,20]`) and a one-sided bound is open ("at least
//!   $1.42" → `(1.42,)`, "no more than 6 gallons" → `(,6)`). Users who need
//!   the inclusiveness of a one-sided bound on an amount can read it from
//!   the span's words;
//! - **the thing measured** (the unit shows: only Duckling annotates
//!   weights and cups with what they measure): "500 grams of flour", "3
//!   cups of sugar", "6 lbs of meat" include it (one word that ends the
//!   noun phrase: not "of the flour", "of ground beef"); lengths, areas,
//!   volumes and other units do not ("10 miles" of "10 miles of cable",
//!   Recognizers-Text);
//! - **metric masses** (not inferable: the more common convention of the
//!   dev gold, Duckling's) are given in grams ("0.5 kg" → `500` `g`, "2000
//!   milligrams" → `2` `g`; tonnes and micrograms stay as written); other
//!   values stay in the unit written, and lengths written in several
//!   units are given in the smallest (Duckling; Recognizers-Text uses the
//!   first);
//! - **a comparative before an amount** (not inferable): the range
//!   includes it, as Duckling annotates it ("more than 10 miles" → `(10,)`
//!   `mi`), and the amount it bounds is also given alone, as
//!   Recognizers-Text's currency, dimension and percent models annotate it
//!   ("10 miles" → `10` `mi`): two records, the amount's inside the range's
//!   span. Users counting amounts get every amount written; users who want
//!   one record per expression drop records inside a range's span.

//! # Speed
//! One pass to tokenize, one walk to parse, no regular expressions, no
//! allocation per token beyond the token vector (reused across documents
//! by the plugin instance). The scanner finds the end of a word eight
//! bytes at a time, packs it into an integer with one load, and tests it
//! against a 2 KiB bit filter before the word table; each word token
//! carries the lexicon's pre-check bits, so the parser's test at every
//! token does not go back to the lexicon. The parser remembers the last
//! number it read (the date and measure rules read the same one), and
//! exact arithmetic avoids 128-bit division for whole values.
//! `examples/throughput.rs` measures it on a corpus; on the project's
//! news corpus it runs at about 75 MB of text per second of CPU time on
//! one core (without the host's share of writing the records).

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
