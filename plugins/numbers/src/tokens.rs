//! The scanner: one pass over the bytes of a text, cutting it into digit
//! runs, words (looked up once in the lexicon) and punctuation, each with
//! its byte span and whether whitespace precedes it.
//!
//! URLs are skipped whole (their digits are not
//! numbers). Non-ASCII whitespace (no-break and thin spaces) counts as
//! whitespace; the currency signs, degree sign, vulgar fractions and
//! dashes that matter are single-character punctuation tokens; any other
//! run of letters is a word.

use crate::lexicon::{lookup_packed, WordId, MAX_WORD};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A run of ASCII digits.
    Digits,
    /// A run of letters; the id of its lexicon entry (`WordId::NONE` if unknown).
    Word(WordId),
    /// One punctuation or symbol character (dashes are normalised to `-`).
    Punct(char),
}

/// A token with its byte span.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Whether whitespace separates it from the previous token.
    pub space: bool,
    /// For words: the first letter is upper case.
    pub cap: bool,
    /// For words: every letter is upper case.
    pub upper: bool,
}

/// The non-ASCII characters that are whitespace to the scanner.
fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// The non-ASCII characters that are punctuation tokens; dashes and the
/// minus sign become `-`, the Greek mu the micro sign.
fn unicode_punct(c: char) -> Option<char> {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        // Micro: the micro sign and the Greek mu are both written ("µg", "μg").
        'µ' | 'μ' => Some('µ'),
        '¢' | '°' | '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛' | '⅜' | '⅝' | '⅞' | '⅕' | '″' | '′' | '“'
        | '”' | '‘' | '’' | '…' | '×' | '≥' | '≤' => Some(c),
        // Currency signs: the ones `money::sign_code` knows.
        _ => crate::money::sign_code(c).map(|_| c),
    }
}

/// Whether the whitespace-delimited chunk starting at `i` is a URL;
/// returns its end if so.
fn url_end(bytes: &[u8], i: usize) -> Option<usize> {
    let end = bytes[i..]
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .map_or(bytes.len(), |p| i + p);
    let chunk = &bytes[i..end];
    let lower_starts =
        |p: &[u8]| chunk.len() >= p.len() && chunk[..p.len()].eq_ignore_ascii_case(p);
    let is_url = lower_starts(b"http://")
        || lower_starts(b"https://")
        || lower_starts(b"www.")
        || memchr::memmem::find(chunk, b"://").is_some();
    is_url.then_some(end)
}

/// Cuts `text` into tokens, appending them to `out` (cleared first).
pub fn scan(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    let mut chunk_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            chunk_start = true;
            i += 1;
            continue;
        }
        if chunk_start && matches!(b, b'h' | b'H' | b'w' | b'W') {
            if let Some(end) = url_end(bytes, i) {
                i = end;
                continue;
            }
        }
        chunk_start = false;
        let start = i;
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Digits,
                start,
                end: i,
                space,
                cap: false,
                upper: false,
            });
        } else if b.is_ascii_alphabetic() {
            let mut upper = true;
            let mut ascii = true;
            let mut key: u128 = 0;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    upper &= c.is_ascii_uppercase();
                    key = (key << 8) | u128::from(c | 0x20);
                    i += 1;
                } else if c >= 0x80 {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    if ch.is_alphabetic() {
                        ascii = false;
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let id = if ascii && i - start <= MAX_WORD {
                lookup_packed(key)
            } else {
                WordId::NONE
            };
            out.push(Token {
                tok: Tok::Word(id),
                start,
                end: i,
                space,
                cap: b.is_ascii_uppercase(),
                upper,
            });
        } else if b < 0x80 {
            i += 1;
            out.push(Token {
                tok: Tok::Punct(b as char),
                start,
                end: i,
                space,
                cap: false,
                upper: false,
            });
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            i += ch.len_utf8();
            if is_unicode_space(ch) {
                space = true;
                chunk_start = true;
                continue;
            }
            if let Some(p) = unicode_punct(ch) {
                out.push(Token {
                    tok: Tok::Punct(p),
                    start,
                    end: i,
                    space,
                    cap: false,
                    upper: false,
                });
            } else {
                // Other scripts: one word token per run of such characters.
                while i < bytes.len() && bytes[i] >= 0x80 {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if is_unicode_space(c) || unicode_punct(c).is_some() {
                        break;
                    }
                    i += c.len_utf8();
                }
                out.push(Token {
                    tok: Tok::Word(WordId::NONE),
                    start,
                    end: i,
                    space,
                    cap: false,
                    upper: false,
                });
            }
        }
        space = false;
    }
}
