//! The scanner: one pass over the bytes of a text, cutting it into digit
//! runs, words (looked up once in the lexicon) and punctuation, each with
//! its byte span and whether whitespace precedes it.
//!
//! URLs are skipped whole (their digits are not
//! numbers). Non-ASCII whitespace (no-break and thin spaces) counts as
//! whitespace; the currency signs, degree sign, vulgar fractions and
//! dashes that matter are single-character punctuation tokens; any other
//! run of letters is a word.

use crate::lexicon::{lookup_packed, pack, traits, WordId, MAX_WORD};

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
    /// For words: the lexicon's pre-check bits ([`crate::lexicon::traits`]),
    /// read by the parser at every token; 0 for other tokens.
    pub traits: u8,
}

impl Token {
    /// A token that is not a lexicon word: no case flags, no pre-check bits.
    fn plain(tok: Tok, start: usize, end: usize, space: bool) -> Token {
        Token { tok, start, end, space, cap: false, upper: false, traits: 0 }
    }
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
    // A chunk of letters only ("he", "with": nearly every chunk tested)
    // has no "://" and no "www.".
    let (letters_end, _) = ascii_letters(bytes, i);
    if bytes
        .get(letters_end)
        .is_none_or(|b| b.is_ascii_whitespace())
    {
        return None;
    }
    let end = bytes[i..]
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .map_or(bytes.len(), |p| i + p);
    let chunk = &bytes[i..end];
    let lower_starts =
        |p: &[u8]| chunk.len() >= p.len() && chunk[..p.len()].eq_ignore_ascii_case(p);
    // "://" anywhere: found from its colons (most chunks have none),
    // without building a substring searcher per chunk.
    let has_scheme = || memchr::memchr_iter(b':', chunk).any(|p| chunk[p + 1..].starts_with(b"//"));
    let is_url = lower_starts(b"http://")
        || lower_starts(b"https://")
        || lower_starts(b"www.")
        || has_scheme();
    is_url.then_some(end)
}

/// The packed form of the ASCII word `bytes[start..end]` (1 to
/// [`MAX_WORD`] letters), as [`crate::lexicon::pack`] gives it: one
/// 16-byte load when the text is long enough, rather than a shift per
/// letter.
fn pack_word(bytes: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    debug_assert!((1..=MAX_WORD).contains(&len));
    match bytes
        .get(start..start + 16)
        .and_then(|s| <[u8; 16]>::try_from(s).ok())
    {
        Some(window) => {
            let drop = 8 * (16 - len) as u32;
            // Letters are lower-cased by setting bit 0x20 of each byte.
            (u128::from_be_bytes(window) >> drop) | (LOWER_CASE_BITS >> drop)
        }
        None => pack(&bytes[start..end]).unwrap_or(0),
    }
}

/// Bit 0x20 of each of 16 bytes.
const LOWER_CASE_BITS: u128 = u128::MAX / 0xff * 0x20;

/// The end of the run of ASCII letters starting at `i`, and whether one
/// of them is lower case. Eight bytes at a time: the loop rarely turns,
/// so its exit is not a mispredicted branch at the end of every word.
fn ascii_letters(bytes: &[u8], mut i: usize) -> (usize, bool) {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const CASE: u64 = u64::from_ne_bytes([0x20; 8]);
    let mut lower = false;
    while let Some(window) = bytes
        .get(i..i + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
    {
        let x = u64::from_le_bytes(window);
        // Per byte, on 7 bits so that no sum carries into the next byte:
        // z = the byte lower-cased; letters are 'a'..='z' and below 0x80.
        let z = (x | CASE) & LOW7;
        let at_least_a = z + u64::from_ne_bytes([0x80 - b'a'; 8]);
        let past_z = z + u64::from_ne_bytes([0x80 - b'z' - 1; 8]);
        let letters = at_least_a & !past_z & !x & HIGH;
        let not_letters = !letters & HIGH;
        // The bytes before the first non-letter (all 8 if none).
        let n = (not_letters.trailing_zeros() / 8) as usize;
        let in_word = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        lower |= x & CASE & in_word != 0;
        i += n;
        if n < 8 {
            return (i, lower);
        }
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        lower |= bytes[i] & 0x20 != 0;
        i += 1;
    }
    (i, lower)
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
            out.push(Token::plain(Tok::Digits, start, i, space));
        } else if b.is_ascii_alphabetic() {
            // ASCII letters first (nearly every word), then letters of
            // other scripts if the word goes on with one.
            let (end, mut lower) = ascii_letters(bytes, i);
            i = end;
            let mut ascii = true;
            while i < bytes.len() && bytes[i] >= 0x80 {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if !ch.is_alphabetic() {
                    break;
                }
                ascii = false;
                i += ch.len_utf8();
                let (end, more_lower) = ascii_letters(bytes, i);
                i = end;
                lower |= more_lower;
            }
            let upper = b.is_ascii_uppercase() && !lower;
            let id = if ascii && i - start <= MAX_WORD {
                lookup_packed(pack_word(bytes, start, i))
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
                traits: traits(id),
            });
        } else if b < 0x80 {
            i += 1;
            out.push(Token::plain(Tok::Punct(b as char), start, i, space));
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            i += ch.len_utf8();
            if is_unicode_space(ch) {
                space = true;
                chunk_start = true;
                continue;
            }
            if let Some(p) = unicode_punct(ch) {
                out.push(Token::plain(Tok::Punct(p), start, i, space));
            } else {
                // Other scripts: one word token per run of such characters.
                while i < bytes.len() && bytes[i] >= 0x80 {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if is_unicode_space(c) || unicode_punct(c).is_some() {
                        break;
                    }
                    i += c.len_utf8();
                }
                out.push(Token::plain(Tok::Word(WordId::NONE), start, i, space));
            }
        }
        space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, WordId, bool, bool)> {
        let mut toks = Vec::new();
        scan(text, &mut toks);
        toks.iter()
            .filter_map(|t| match t.tok {
                Tok::Word(id) => Some((&text[t.start..t.end], id, t.cap, t.upper)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_are_packed_as_the_lexicon_packs_them() {
        // Long enough for the 16-byte window, then words near the end of
        // the text, where it is not.
        let text = "Seventeen MILLION dollars in twenty-five Days, sixteen abcdefghijklmnop x";
        for (w, id, _, _) in words(text) {
            let want = if w.len() <= MAX_WORD {
                crate::lexicon::lookup(w.as_bytes())
            } else {
                WordId::NONE
            };
            assert_eq!(id, want, "{w}");
            if w.len() <= MAX_WORD {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                assert_eq!(
                    Some(pack_word(text.as_bytes(), start, start + w.len())),
                    pack(w.as_bytes()),
                    "{w}"
                );
            }
        }
        assert_ne!(words("million")[0].1, WordId::NONE);
        assert_eq!(words("millionaire")[0].1, WordId::NONE);
    }

    #[test]
    fn letter_runs_match_a_byte_loop() {
        // Every byte next to the letter ranges, at every offset and
        // length around the 8-byte step.
        let edges = [
            b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', b' ', b'9', 0xc3, 0xa9,
        ];
        for len in 0..20 {
            for &edge in &edges {
                for at in 0..=len {
                    let mut bytes: Vec<u8> = (0..len).map(|k| b"aBcDeFgHiJ"[k % 10]).collect();
                    bytes.insert(at, edge);
                    for start in 0..bytes.len() {
                        let mut end = start;
                        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                            end += 1;
                        }
                        let lower = bytes[start..end].iter().any(u8::is_ascii_lowercase);
                        assert_eq!(
                            ascii_letters(&bytes, start),
                            (end, lower),
                            "{bytes:?} {start}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn case_flags_and_other_scripts() {
        let got: Vec<_> = words("NATO McDonald CAFÉ Café naïve")
            .into_iter()
            .map(|(w, _, cap, upper)| (w, cap, upper))
            .collect();
        assert_eq!(
            got,
            [
                ("NATO", true, true),
                ("McDonald", true, false),
                ("CAFÉ", true, true),
                ("Café", true, false),
                ("naïve", false, false),
            ]
        );
    }

    #[test]
    fn urls_are_skipped() {
        let mut toks = Vec::new();
        scan(
            "see http://x.org/5 and WWW.a.com/7 or hxxp://b/9 with 3",
            &mut toks,
        );
        assert_eq!(toks.iter().filter(|t| t.tok == Tok::Digits).count(), 1);
    }
}
