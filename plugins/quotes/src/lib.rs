//! gleaner's `quotes` plugin: quotations in English news and who said
//! them, without a parser.
//!
//! For every document it emits records of kind `direct` (a quotation in
//! marks; the span includes the marks), `partial` (a quoted fragment inside
//! reported speech: the fragment with its marks) and `indirect` (a reported
//! clause without marks), each with the `speaker` as written and its byte
//! offsets (`speaker_start`, `speaker_end`; null when unknown),
//! `speaker_name` (the full name, when the mention is a pronoun, a relative
//! "who" or a short form of a name seen earlier) and the `cue` ("said",
//! "according to", ":"). `../shared/eval/OUTPUT.md` is the contract.
//! [`find_quotes`] gives the same results to Rust callers.
//!
//! How it works, one paragraph at a time, in one pass over the text:
//! - [`scan`] splits the text into paragraphs (blank or indented lines in
//!   hard-wrapped text, every newline otherwise), finds every quotation mark
//!   once with `memchr` (straight and curly double quotes, `''` and
//!   ``` `` ```, « », „ “, and single quotes in headlines and single-quote
//!   texts), pairs them inside each paragraph from how each mark is flanked,
//!   so that a stray mark never runs past its paragraph, and lets a quote
//!   left open run on when the next paragraph reopens it. It tokenizes the
//!   paragraph with each quotation as one token (looking every word up in
//!   the lexicon and noting runs of capitalised name words on the way) and
//!   numbers the sentences from punctuation.
//! - [`attrib`] decides for each quotation whether it is whole (`direct`)
//!   or a fragment of a sentence (`partial`; title-case names of shows and
//!   books are dropped), and finds its attribution in its sentence: a cue
//!   from the lexicon of reporting verbs next to it (`"...," X said`,
//!   `"...," said X`, `X told Y: "..."`, `according to X`, `X was quoted as
//!   saying`, `X quoted Y as saying` (speaker Y), `"..." ― X`, `X, a
//!   lawyer, said`), with the speaker noun phrase found from capitalisation,
//!   titles and role nouns ("Chinese President Xi Jinping", "a spokesman for
//!   the ministry"). A quotation without one takes the attribution of the
//!   quotation just before (`"A," he said. "B."`), else the nearest in its
//!   paragraph, else the previous paragraph's when it opens the paragraph.
//!   Sentences with a clear speech verb and no whole quotation give reported
//!   clauses (`X said that ...`, `..., X said`, `A, X said, B`).
//! - [`names`] resolves pronouns to the most recent fitting named speaker
//!   and short forms to full names seen earlier in the document.
//!
//! Word lists live in [`lexicon`], built once into a `OnceLock` static.

pub mod attrib;
pub mod lexicon;
pub mod names;
pub mod scan;

use attrib::{Events, Finding, Paragraph};
use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Value};
use names::Names;
use scan::Tokens;

pub use attrib::Kind;

impl Kind {
    /// The record kind: `direct`, `partial` or `indirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Indirect => "indirect",
        }
    }
}

/// A quotation or reported clause with its speaker (byte offsets into the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Start of the span.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// Direct, partial or indirect.
    pub kind: Kind,
    /// The speaker mention as written.
    pub speaker: Option<(usize, usize)>,
    /// The full name the mention refers to, when it is a pronoun or short form.
    pub speaker_name: Option<String>,
    /// The reporting phrase.
    pub cue: Option<(usize, usize)>,
}

/// Finds the quotations and reported speech of `text`, in text order.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    find_quotes_with(text, &mut Scratch::default())
}

/// Working memory of [`find_quotes_with`]: buffers that keep their
/// capacity from one paragraph and one document to the next, so that a
/// thread allocates them once rather than for every document (a huge
/// document's excess is given back after it).
#[derive(Default)]
pub struct Scratch {
    newlines: Vec<usize>,
    paragraphs: Vec<(usize, usize)>,
    marks: scan::Marks,
    tokens: Tokens,
    /// Runs of name words not yet given to the document's `Names`: they
    /// are only needed before a speaker is resolved.
    pending_names: Vec<(usize, usize)>,
    findings: Vec<Finding>,
    events: Events,
}

impl Scratch {
    /// Entries each buffer keeps from one document to the next: one huge
    /// document must not hold its memory for the rest of a run.
    const KEEP: usize = 1 << 16;

    /// Empties the buffers, giving back a huge document's excess.
    fn release(&mut self) {
        scan::release(&mut self.newlines, Self::KEEP);
        scan::release(&mut self.paragraphs, Self::KEEP);
        scan::release(&mut self.pending_names, Self::KEEP);
        scan::release(&mut self.findings, Self::KEEP);
        self.marks.release(Self::KEEP);
        self.tokens.release(Self::KEEP);
        self.events.release(Self::KEEP);
    }
}

/// [`find_quotes`] with buffers reused across calls.
pub fn find_quotes_with(text: &str, scratch: &mut Scratch) -> Vec<Quote> {
    let found = find_in(text, scratch);
    scratch.release();
    found
}

/// The work of [`find_quotes_with`].
fn find_in(text: &str, scratch: &mut Scratch) -> Vec<Quote> {
    let Scratch { newlines, paragraphs, marks, tokens, pending_names, findings, events } = scratch;
    scan::paragraphs(text, newlines, paragraphs);
    marks.find(text);
    let doc_singles = !marks.has_double(0, text.len());
    let mut names = Names::default();
    pending_names.clear();
    let mut out = Vec::new();
    let mut carry = None;
    for (n, &(start, end)) in paragraphs.iter().enumerate() {
        let headline = n == 0 && paragraphs.len() > 1 && is_headline(&text[start..end]);
        let singles = (doc_singles || headline) && !marks.has_double(start, end);
        let quotes = scan::quotations(text, marks, start, end, paragraphs.get(n + 1).copied(), singles);
        scan::tokenize(text, start, end, &quotes, tokens);
        pending_names.extend_from_slice(&tokens.names);
        // Without a quotation or a cue word a paragraph says nothing (and
        // leaves no attribution to carry over).
        if quotes.is_empty() && tokens.cues.is_empty() {
            carry = None;
            continue;
        }
        findings.clear();
        let paragraph = Paragraph::new(text, tokens, &quotes, headline);
        let starts_with_quote = tokens.toks.first().is_some_and(|t| t.quote().is_some());
        carry = paragraph.analyze(if starts_with_quote { carry } else { None }, events, findings);
        findings.sort_by_key(|f| f.span.0);
        for f in findings.iter() {
            let speaker = f.attribution.and_then(|a| a.speaker);
            let refers = f.attribution.and_then(|a| a.refers);
            if speaker.is_some() || refers.is_some() {
                for (s, e) in pending_names.drain(..) {
                    names.observe(&text[s..e]);
                }
            }
            let speaker_name = match refers {
                Some((s, e)) => names.name_of(&text[s..e]),
                None => speaker.and_then(|(s, e)| names.resolve(&text[s..e])),
            };
            out.push(Quote {
                start: f.span.0,
                end: f.span.1,
                kind: f.kind,
                speaker,
                speaker_name,
                cue: f.attribution.map(|a| a.cue),
            });
        }
    }
    out
}

/// A title-case first line: short, most words capitalised.
fn is_headline(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    // Words that open with a letter, and how many of those are capitalised.
    let (mut all, mut capitalised) = (0, 0);
    let mut word_start = true;
    for c in line.chars() {
        if c.is_whitespace() {
            word_start = true;
            continue;
        }
        if word_start && c.is_alphabetic() {
            all += 1;
            capitalised += c.is_uppercase() as usize;
        }
        word_start = false;
    }
    all >= 2 && capitalised * 5 >= all * 3
}

/// The `quotes` extractor (with its working memory).
pub struct Quotes {
    scratch: Scratch,
}

impl Plugin for Quotes {
    const ID: &'static str = "quotes";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "Direct, partial and indirect quotations with their speakers (English news).";
    fn new(_: &Config) -> Result<Self, Error> {
        Ok(Quotes { scratch: Scratch::default() })
    }
}

impl Extractor for Quotes {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let text = doc.text();
        for q in find_quotes_with(text, &mut self.scratch) {
            let (speaker, speaker_start, speaker_end) = match q.speaker {
                Some((s, e)) => (Value::Str(&text[s..e]), Value::Int(s as i64), Value::Int(e as i64)),
                None => (Value::Null, Value::Null, Value::Null),
            };
            let cue = ("cue", q.cue.map_or(Value::Null, |(s, e)| Value::Str(&text[s..e])));
            // `speaker_name`, when known, goes between `speaker_end` and `cue`.
            let mut fields = [("speaker", speaker), ("speaker_start", speaker_start), ("speaker_end", speaker_end), cue, cue];
            let n = match &q.speaker_name {
                Some(name) => {
                    fields[3] = ("speaker_name", Value::Str(name));
                    5
                }
                None => 4,
            };
            if !out.emit(q.start, q.end, q.kind.as_str(), &fields[..n]) {
                break;
            }
        }
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Quotes);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_document_gives_its_memory_back() {
        let mut scratch = Scratch::default();
        let text = "word ".repeat(2 * Scratch::KEEP);
        find_quotes_with(&text, &mut scratch);
        assert!(scratch.tokens.toks.capacity() <= Scratch::KEEP);
        // And the buffers still work.
        let text = "\"Yes,\" she said.";
        assert_eq!(find_quotes_with(text, &mut scratch), find_quotes(text));
    }
}
