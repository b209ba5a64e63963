//! The byte-level layer: paragraphs, quotation marks paired per paragraph,
//! and a tokenizer that turns a paragraph into words, punctuation and
//! whole quotations (one token each), with sentence numbers.

use crate::lexicon::{Lexicon, ABBREV, CUE_PART, FRAMING, NOT_NAME, SPEECH, TITLE};

/// Byte ranges of the paragraphs of `text`, into `out` (`newlines` is
/// working memory). In hard-wrapped text (every line short, as in
/// newswire archives) blank or indented lines separate paragraphs and
/// single newlines are soft wraps; otherwise every newline does.
pub fn paragraphs(text: &str, newlines: &mut Vec<usize>, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    newlines.clear();
    newlines.extend(memchr::memchr_iter(b'\n', bytes));
    out.clear();
    let mut longest = 0;
    let mut prev = 0;
    for &nl in newlines.iter().chain(std::iter::once(&bytes.len())) {
        longest = longest.max(nl - prev);
        prev = nl + 1;
    }
    let hard_wrapped = newlines.len() >= 2 && (HARD_WRAP_WIDTH / 2..=HARD_WRAP_WIDTH).contains(&longest);
    let mut start = 0;
    for &nl in newlines.iter() {
        let breaks = !hard_wrapped || {
            let rest = &bytes[nl + 1..];
            let ws = rest.iter().take_while(|&&b| b == b' ' || b == b'\t' || b == b'\r').count();
            rest.get(ws) == Some(&b'\n') || ws >= 2 || rest.first() == Some(&b'\t')
        };
        if breaks {
            push_trimmed(text, start, nl, out);
            start = nl + 1;
        }
    }
    push_trimmed(text, start, text.len(), out);
}

/// Empties a working buffer and gives back its memory beyond `capacity`
/// entries.
pub(crate) fn release<T>(buffer: &mut Vec<T>, capacity: usize) {
    buffer.clear();
    buffer.shrink_to(capacity);
}

/// The longest line (bytes) of a text taken as hard-wrapped (and twice
/// the shortest longest line: a list of short lines is not wrapped).
const HARD_WRAP_WIDTH: usize = 100;

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let rest = slice.trim_start();
    let lead = slice.len() - rest.len();
    let trimmed = rest.trim_end();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// How a quotation mark may act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// One quotation mark in a paragraph.
#[derive(Clone, Copy, Debug)]
struct Mark {
    start: usize,
    end: usize,
    role: Role,
    double: bool,
    /// „ (closed by “ in German usage).
    low: bool,
}

/// A quotation found in a paragraph: `start..end` includes the marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Start of the opening mark.
    pub start: usize,
    /// End of the closing mark (or of the paragraph when unclosed).
    pub end: usize,
    /// Start of the quoted text.
    pub inner_start: usize,
    /// End of the quoted text.
    pub inner_end: usize,
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2018}' | '\u{2019}' | '\u{00AB}' | '\u{00BB}' | '`')
}

fn opens_before(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/' | ':') || is_mark_char(c)
}

fn closes_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\u{2014}' | '\u{2013}' | '-' | '/' | '\u{2026}') || is_mark_char(c)
}

/// The role a mark takes from what stands around it.
fn flank(text: &str, start: usize, end: usize, declared: Role) -> Role {
    let before = char_before(text, start);
    let after = char_at(text, end);
    let left = after.is_some_and(|c| !c.is_whitespace()) && before.is_none_or(opens_before);
    let right = before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(closes_after);
    match declared {
        Role::Either => match (left, right) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        },
        // A curly opener glued to the end of a word is a typo for a closer.
        Role::Open if right && !left => Role::Close,
        Role::Close if left && !right => Role::Open,
        r => r,
    }
}

/// The quotation marks of a whole text, found once and sliced per
/// paragraph. Candidate bytes are found with `memchr`; apostrophes inside
/// words are dropped on the way.
#[derive(Default)]
pub struct Marks {
    marks: Vec<Mark>,
    /// Offsets of the bytes that may start a mark (working memory).
    candidates: Vec<usize>,
}

impl Marks {
    /// Empties the buffers, giving back memory beyond `capacity` marks.
    pub(crate) fn release(&mut self, capacity: usize) {
        release(&mut self.marks, capacity);
        release(&mut self.candidates, capacity);
    }

    /// Finds the marks of `text`.
    pub fn new(text: &str) -> Marks {
        let mut marks = Marks::default();
        marks.find(text);
        marks
    }

    /// Finds the marks of `text` in place of those found before, reusing
    /// the buffers.
    pub fn find(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let Marks { marks, candidates } = self;
        candidates.clear();
        candidates.extend(memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes));
        if memchr::memchr2(0xC2, b'`', bytes).is_some() {
            candidates.extend(memchr::memchr2_iter(0xC2, b'`', bytes));
            candidates.sort_unstable();
        }
        marks.clear();
        let mut next_free = 0;
        for &i in candidates.iter() {
            if i < next_free {
                continue;
            }
            // Three apostrophes are a single and a double mark: a closing run
            // (`''We are told, 'X is so.'''`) closes the single one first;
            // an opening run opens the double one first.
            let triple = bytes.get(i..i + 3) == Some(b"'''".as_slice());
            let closing_single = triple && char_before(text, i).is_some_and(|c| !c.is_whitespace());
            let (len, role, double, low) = match bytes[i] {
                b'"' => (1, Role::Either, true, false),
                b'\'' if closing_single => (1, Role::Either, false, false),
                b'\'' if bytes.get(i + 1) == Some(&b'\'') => (2, Role::Either, true, false),
                b'`' if bytes.get(i + 1) == Some(&b'`') => (2, Role::Open, true, false),
                b'\'' => (1, Role::Either, false, false),
                0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                    Some(0x9C) | Some(0x9F) => (3, Role::Open, true, false),
                    Some(0x9D) => (3, Role::Close, true, false),
                    Some(0x9E) => (3, Role::Open, true, true),
                    Some(0x98) | Some(0xB9) => (3, Role::Open, false, false),
                    Some(0x99) | Some(0xBA) => (3, Role::Close, false, false),
                    _ => continue,
                },
                0xC2 => match bytes.get(i + 1) {
                    Some(0xAB) => (2, Role::Open, true, false),
                    Some(0xBB) => (2, Role::Close, true, false),
                    _ => continue,
                },
                _ => continue,
            };
            let end = i + len;
            next_free = end;
            // An apostrophe inside a word ("don't", "Clinton’s") is no mark.
            if !double && char_before(text, i).is_some_and(char::is_alphanumeric) && char_at(text, end).is_some_and(char::is_alphanumeric) {
                continue;
            }
            marks.push(Mark { start: i, end, role: flank(text, i, end, role), double, low });
        }
    }

    /// The marks inside `start..end`.
    fn within(&self, start: usize, end: usize) -> &[Mark] {
        let from = self.marks.partition_point(|m| m.start < start);
        let to = self.marks.partition_point(|m| m.end <= end);
        &self.marks[from..to.max(from)]
    }

    /// Whether `start..end` has a double quotation mark.
    pub fn has_double(&self, start: usize, end: usize) -> bool {
        self.within(start, end).iter().any(|m| m.double)
    }

    /// Whether the paragraph `start..end` opens with a double mark.
    fn opens(&self, start: usize, end: usize) -> bool {
        self.within(start, end).first().is_some_and(|m| m.start == start && m.double && m.role != Role::Close)
    }
}

/// Pairs the marks of one kind; returns the pairs and the mark left open.
fn pair(marks: &[Mark], double: bool) -> (Vec<(Mark, Mark)>, Option<Mark>) {
    let mut pairs = Vec::new();
    let mut open: Option<Mark> = None;
    for &m in marks.iter().filter(|m| m.double == double) {
        match (m.role, open) {
            (Role::Open, Some(o)) if o.low && !m.low => {
                pairs.push((o, m));
                open = None;
            }
            // Two openers in a row: the first was a stray mark.
            (Role::Open, _) => open = Some(m),
            (Role::Close, Some(o)) | (Role::Either, Some(o)) => {
                pairs.push((o, m));
                open = None;
            }
            (Role::Either, None) => open = Some(m),
            // A closer with nothing open: a stray mark (inches, a typo).
            (Role::Close, None) => {}
        }
    }
    (pairs, open)
}

/// The quotations of paragraph `text[start..end]`. `next` is the next
/// paragraph (for quotes that run on); `singles` pairs single marks too
/// (only where the paragraph has no double marks).
pub fn quotations(text: &str, marks: &Marks, start: usize, end: usize, next: Option<(usize, usize)>, singles: bool) -> Vec<Quotation> {
    let all = marks.within(start, end);
    let has_double = all.iter().any(|m| m.double);
    let (pairs, open) = pair(all, has_double || !singles);
    let mut out: Vec<Quotation> = pairs
        .into_iter()
        .filter(|(o, c)| c.start > o.end)
        .map(|(o, c)| Quotation { start: o.start, end: c.end, inner_start: o.end, inner_end: c.start })
        .collect();
    if let Some(o) = open.filter(|o| o.end < end) {
        let continues = next.is_some_and(|(ns, ne)| marks.opens(ns, ne));
        let before = text[start..o.start].trim_end();
        // An opener left unclosed runs to the end of the paragraph when the
        // next paragraph reopens the quote, or when it opens the paragraph
        // or follows a colon (a closing mark lost); elsewhere it is a stray.
        if continues || before.is_empty() || before.ends_with(':') {
            out.push(Quotation { start: o.start, end, inner_start: o.end, inner_end: end });
        }
    }
    out.sort_by_key(|q| q.start);
    out
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// A word (letters, digits, inner apostrophes, hyphens and periods).
    Word,
    /// One punctuation character: `,` `.` `?` `!` `;` `:` `(` `)`, `-` for
    /// any dash, `~` for anything else.
    Punct(u8),
    /// A whole quotation: index into the paragraph's quotations.
    Quote(usize),
}

/// A token of a paragraph.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Byte start.
    pub start: usize,
    /// Byte end (a word's abbreviation period included).
    pub end: usize,
    /// What it is.
    pub kind: TokKind,
    /// Lexicon flags (words only).
    pub flags: u32,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Index of its sentence in the paragraph.
    pub sent: u32,
}

impl Tok {
    /// Whether this is the punctuation `c`.
    pub fn is(&self, c: u8) -> bool {
        matches!(self.kind, TokKind::Punct(p) if p == c)
    }
    /// Whether this is a word.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word)
    }
    /// Whether this is a word with any of `flags`.
    pub fn has(&self, flags: u32) -> bool {
        self.is_word() && self.flags & flags != 0
    }
    /// The quotation index, if this token is one.
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            TokKind::Quote(q) => Some(q),
            _ => None,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// What a byte starts, for the tokenizer: a table read instead of char
/// decoding and Unicode tests for the ASCII bytes that make most text.
#[derive(Clone, Copy)]
enum ByteClass {
    /// ASCII white space (what `char::is_whitespace` accepts): skipped.
    Space,
    /// An ASCII letter or digit: starts a word.
    Word,
    /// Any other ASCII character: a punctuation token.
    Punct,
    /// The first byte of a multi-byte character (decoded and tested).
    NonAscii,
}

/// How many of the 8 bytes packed in `chunk` (little-endian), from the
/// first, are ASCII letters or digits: byte-wise range tests done on all
/// eight at once, so that a word costs no branch per letter.
fn ascii_word_prefix(chunk: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Each byte's low 7 bits: adding a constant below 0x80 cannot carry
    // into the next byte, and the high bit then tells `byte >= bound`.
    let low = chunk & !HIGH;
    let at_least = |x: u64, bound: u8| (x + ONES * (0x80 - bound as u64)) & HIGH;
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let word = (digit | letter) & !chunk & HIGH;
    ((!word & HIGH).trailing_zeros() / 8) as usize
}

/// Whether byte `b` is an ASCII letter or digit.
fn is_ascii_word(b: u8) -> bool {
    matches!(BYTE_CLASS[b as usize], ByteClass::Word)
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => ByteClass::Space,
            x if x.is_ascii_alphanumeric() => ByteClass::Word,
            _ => ByteClass::Punct,
        };
        b += 1;
    }
    table
};

/// The code of a punctuation token (see [`TokKind::Punct`]).
fn punct_code(c: char) -> u8 {
    match c {
        ',' | '.' | '?' | '!' | ';' | ':' | '(' | ')' => c as u8,
        '-' | '\u{2014}' | '\u{2013}' | '\u{2015}' => b'-',
        '\u{2026}' => b'.',
        _ => b'~',
    }
}

/// A tokenized paragraph. The buffers keep their capacity from one
/// paragraph to the next.
#[derive(Default)]
pub struct Tokens {
    /// The tokens, numbered by sentence.
    pub toks: Vec<Tok>,
    /// First token of each sentence, and one past its last.
    pub sentences: Vec<(usize, usize)>,
    /// Byte spans of the runs of two or more capitalised name words
    /// (candidate full names).
    pub names: Vec<(usize, usize)>,
    /// Indices of the quotation tokens.
    pub quotes: Vec<usize>,
    /// Indices of the words that may be cues (speech or framing verbs,
    /// "according", "put").
    pub cues: Vec<usize>,
    /// The last token ends with `.` `?` `!`: the next one may open a sentence.
    after_end: bool,
    /// The run of name words being read.
    run: NameRun,
}

impl Tokens {
    /// Empties the buffers, giving back memory beyond `capacity` entries each.
    pub(crate) fn release(&mut self, capacity: usize) {
        release(&mut self.toks, capacity);
        release(&mut self.sentences, capacity);
        release(&mut self.names, capacity);
        release(&mut self.quotes, capacity);
        release(&mut self.cues, capacity);
    }

    /// Appends a token and numbers it: a sentence ends after `.` `?` `!`
    /// (or a quotation ending in one, `ends`) that is followed by a
    /// capitalised word, a quotation, `(` or a dash.
    fn push(&mut self, mut tok: Tok, ends: bool) {
        let starts = |tok: &Tok| match tok.kind {
            TokKind::Word => tok.cap,
            TokKind::Quote(_) => true,
            TokKind::Punct(p) => p == b'(' || p == b'-',
        };
        let k = self.toks.len();
        if k == 0 || self.after_end && starts(&tok) {
            // The end is set when the next sentence opens, or by `finish`.
            self.sentences.push((k, k));
        }
        tok.sent = (self.sentences.len() - 1) as u32;
        self.after_end = ends;
        self.toks.push(tok);
    }

    /// Sets the end of every sentence once all tokens are in.
    fn finish(&mut self) {
        self.close_run();
        let mut end = self.toks.len();
        for sentence in self.sentences.iter_mut().rev() {
            sentence.1 = end;
            end = sentence.0;
        }
    }

    /// Appends a punctuation token `c` at `start..end`.
    fn push_punct(&mut self, start: usize, end: usize, c: char) {
        let p = punct_code(c);
        self.push(Tok { start, end, kind: TokKind::Punct(p), flags: 0, cap: false, sent: 0 }, matches!(p, b'.' | b'?' | b'!'));
        self.close_run();
    }

    /// Appends a word token, which continues or ends a run of name words.
    fn push_word(&mut self, start: usize, end: usize, flags: u32, cap: bool) {
        if flags & (SPEECH | FRAMING | CUE_PART) != 0 {
            self.cues.push(self.toks.len());
        }
        self.push(Tok { start, end, kind: TokKind::Word, flags, cap, sent: 0 }, false);
        if cap && flags & (NOT_NAME | TITLE) == 0 {
            self.run.extend(start, end);
        } else {
            self.close_run();
        }
    }

    /// Ends the run of name words, keeping it when it has two words or more.
    fn close_run(&mut self) {
        if self.run.words >= 2 {
            self.names.push((self.run.start, self.run.end));
        }
        self.run.words = 0;
    }
}

/// A run of consecutive name words being read by the tokenizer.
#[derive(Default)]
struct NameRun {
    start: usize,
    end: usize,
    words: usize,
}

impl NameRun {
    fn extend(&mut self, start: usize, end: usize) {
        if self.words == 0 {
            self.start = start;
        }
        self.end = end;
        self.words += 1;
    }
}

/// Tokenizes paragraph `text[start..end]` into `out`, replacing each
/// quotation by a single token, numbers the sentences and notes the runs
/// of name words, the quotations and the possible cues.
pub fn tokenize(text: &str, start: usize, end: usize, quotes: &[Quotation], out: &mut Tokens) {
    out.toks.clear();
    out.sentences.clear();
    out.names.clear();
    out.quotes.clear();
    out.cues.clear();
    out.after_end = false;
    out.run.words = 0;
    let lex = Lexicon::get();
    let mut i = start;
    let mut next_quote = 0;
    while i < end {
        if let Some(q) = quotes.get(next_quote).filter(|q| q.start <= i) {
            let ends = text[q.inner_start..q.inner_end].trim_end().ends_with(['.', '?', '!', '\u{2026}']);
            out.quotes.push(out.toks.len());
            out.push(Tok { start: q.start, end: q.end, kind: TokKind::Quote(next_quote), flags: 0, cap: false, sent: 0 }, ends);
            out.close_run();
            i = q.end.max(i + 1);
            next_quote += 1;
            continue;
        }
        let limit = quotes.get(next_quote).map_or(end, |q| q.start);
        tokenize_stretch(text, i, limit, lex, out);
        i = limit;
    }
    out.finish();
}

/// Tokenizes `text[start..end]`, a stretch without quotations, into words
/// and punctuation (see [`tokenize`]).
fn tokenize_stretch(text: &str, start: usize, end: usize, lex: &Lexicon, out: &mut Tokens) {
    let bytes = &text.as_bytes()[..end];
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        let (c, clen) = match BYTE_CLASS[b as usize] {
            ByteClass::Space => {
                i += 1;
                continue;
            }
            ByteClass::Word => (b as char, 1),
            ByteClass::Punct => {
                out.push_punct(i, i + 1, b as char);
                i += 1;
                continue;
            }
            ByteClass::NonAscii => {
                let c = char_at(text, i).unwrap_or(' ');
                let clen = c.len_utf8();
                if c.is_whitespace() {
                    i += clen;
                    continue;
                }
                if !is_word_char(c) {
                    out.push_punct(i, i + clen, c);
                    i += clen;
                    continue;
                }
                (c, clen)
            }
        };
        // A word: letters and digits, joined by inner ' ’ - . & when a
        // letter or digit follows.
        let w_start = i;
        let word_at = |k: usize| bytes.get(k).is_some_and(|&b| is_ascii_word(b) || b >= 0x80 && char_at(text, k).is_some_and(is_word_char));
        let mut j = i + clen;
        loop {
            // Letters and digits eight at a time (one at a time near the end).
            while let Some(chunk) = bytes.get(j..).and_then(<[u8]>::first_chunk::<8>) {
                let n = ascii_word_prefix(u64::from_le_bytes(*chunk));
                j += n;
                if n < 8 {
                    break;
                }
            }
            let Some(&b) = bytes.get(j) else { break };
            if is_ascii_word(b) {
                j += 1;
                continue;
            }
            let c = if b < 0x80 { b as char } else { char_at(text, j).unwrap_or(' ') };
            let joins = matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&') && word_at(j + c.len_utf8());
            if !joins && (b < 0x80 || !is_word_char(c)) {
                break;
            }
            j += c.len_utf8();
        }
        let cap = c.is_uppercase();
        let period = bytes.get(j) == Some(&b'.');
        let initial = j == w_start + 1 && cap && period;
        // An initial ("A.", "I.") is part of a name, never the word it
        // spells; no listed word opens with a digit (a lexicon test checks).
        let flags = if initial || c.is_ascii_digit() { 0 } else { lex.flags_at(text, w_start, j) };
        let mut w_end = j;
        // The period of an abbreviation or initial belongs to the word.
        if period && (initial || flags & ABBREV != 0 || text[w_start..j].contains('.')) {
            w_end = j + 1;
        }
        out.push_word(w_start, w_end, flags, cap);
        i = w_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_lines_join_into_paragraphs() {
        let text = "Title\n\nOne line of a newswire story that was wrapped at a fixed\nwidth.\n  Two.";
        let (mut newlines, mut out) = (Vec::new(), Vec::new());
        paragraphs(text, &mut newlines, &mut out);
        let paras: Vec<&str> = out.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(paras, ["Title", "One line of a newswire story that was wrapped at a fixed\nwidth.", "Two."]);
        let text = "A.\nB.\nC.";
        paragraphs(text, &mut newlines, &mut out);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn word_prefix_of_eight_bytes_matches_the_byte_test() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"Ab3zZ09a";
                chunk[at] = b;
                let expected = chunk.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                assert_eq!(ascii_word_prefix(u64::from_le_bytes(chunk)), expected, "{chunk:?}");
            }
        }
    }

    #[test]
    fn pairs_straight_and_curly_marks() {
        let text = "He said \"yes\" and \u{201C}no\u{201D} and ''maybe''.";
        let qs = quotations(text, &Marks::new(text), 0, text.len(), None, false);
        let spans: Vec<&str> = qs.iter().map(|q| &text[q.start..q.end]).collect();
        assert_eq!(spans, ["\"yes\"", "\u{201C}no\u{201D}", "''maybe''"]);
    }

    #[test]
    fn a_closer_with_nothing_open_is_skipped() {
        let text = "The 5\" screen, he said, \"is great.\"";
        let qs = quotations(text, &Marks::new(text), 0, text.len(), None, false);
        assert_eq!(qs.len(), 1);
        assert_eq!(&text[qs[0].start..qs[0].end], "\"is great.\"");
    }
}
