//! Tokens and sentences: a fast, allocation-light pass over the text.
//!
//! A token is a run of word characters (letters, digits, and the apostrophes,
//! hyphens and dots that sit inside words such as "U.S.", "Kim Jong-un",
//! "don't"), or a single punctuation character. Offsets are byte offsets
//! into the original text and always fall on char boundaries.

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Whether the token is made of word characters (else punctuation).
    pub is_word: bool,
    /// Whether the word holds joiners ("Jong-un", "U.S."); else it is one
    /// run of alphanumeric chars.
    pub joined: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The char at byte `i` of `text` (a char boundary) and its length in
/// bytes; ASCII without decoding.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes()[i] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => text[i..].chars().next().map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// Whether `c` is a word character: alphanumeric (ASCII without table lookups).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Per byte: whether it is an ASCII letter or digit.
static ASCII_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the run of word characters that starts at byte `start`.
#[inline(always)]
pub(crate) fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        i = ascii_word_end(bytes, i);
        match bytes.get(i) {
            Some(b) if !b.is_ascii() => match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The end of the run of ASCII letters and digits at byte `i`, looked at
/// eight bytes at a time: a branch per byte would be mispredicted at the
/// end of every word.
#[inline(always)]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8).and_then(|c| <&[u8; 8]>::try_from(c).ok()) {
        let stops = chunk.iter().enumerate().fold(0u32, |m, (k, &b)| m | u32::from(!ASCII_WORD_BYTE[usize::from(b)]) << k);
        if stops != 0 {
            return i + stops.trailing_zeros() as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| ASCII_WORD_BYTE[usize::from(b)]) {
        i += 1;
    }
    i
}

/// Whether `c` may join two word characters into one token ("U.S", "Jong-un", "don't").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one token per five bytes of news text: room for a few more, so
    // that the vector is seldom grown (and copied).
    let mut tokens = Vec::with_capacity(text.len() / 4 + 8);
    let mut i = 0;
    while i < text.len() {
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token { start: i, end: i + len, is_word: false, joined: false });
            i += len;
            continue;
        }
        // Word characters, and joiners between word characters.
        let first_run_end = word_end(text, i);
        let mut end = first_run_end;
        while end < text.len() {
            let (joiner, joiner_len) = char_at(text, end);
            let after = end + joiner_len;
            if !is_joiner(joiner) || after >= text.len() || !is_word_char(char_at(text, after).0) {
                break;
            }
            end = word_end(text, after);
        }
        // Keep the final dot of an initialism ("U.S.") in the token.
        let word = &text[i..end];
        if word.len() >= 3 && word.as_bytes()[1] == b'.' && text[end..].starts_with('.') {
            end += 1;
        }
        tokens.push(Token { start: i, end, is_word: true, joined: end != first_run_end });
        i = end;
    }
    tokens
}

/// Words that end with a dot without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "st",
    "jr", "sr", "no", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "pres", "sec", "dept", "approx", "fig", "mt", "ft",
];

/// Splits the tokens into sentences: returns half-open ranges of token indices.
///
/// A sentence ends at `.`, `!` or `?` (after any closing quotes or brackets)
/// when the next token starts with an upper-case letter, a digit or a
/// quote, and the word before the dot is not a known abbreviation or a
/// single initial. A blank line always ends a sentence.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let mut boundary_after = None;
        if !t.is_word {
            let s = t.text(text);
            // (The first byte first: "…" starts with 0xE2.)
            if matches!(text.as_bytes()[t.start], b'.' | b'!' | b'?' | 0xE2) && matches!(s, "." | "!" | "?" | "…") {
                let mut j = i + 1;
                while j < tokens.len() && matches!(tokens[j].text(text), "\"" | "”" | "’" | "'" | ")" | "]") {
                    j += 1;
                }
                let next_starts = tokens.get(j).is_none_or(|n| {
                    n.text(text).chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'(".contains(c))
                });
                let prev_is_abbrev = s == "."
                    && i > 0
                    && tokens[i - 1].end == t.start
                    && tokens[i - 1].is_word
                    && {
                        let w = tokens[i - 1].text(text);
                        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
                            || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                    };
                if next_starts && !prev_is_abbrev {
                    boundary_after = Some(j);
                }
            }
        } else if text.as_bytes()[t.end - 1] == b'.' && t.end - t.start > 2 {
            // "U.S." at the end of a sentence: the dot belongs to the word, the
            // sentence ends if a capitalised word follows after a line break.
            if let Some(n) = tokens.get(i + 1) {
                if text.as_bytes()[t.end..n.start].contains(&b'\n') {
                    boundary_after = Some(i + 1);
                }
            }
        }
        if boundary_after.is_none() {
            if let Some(n) = tokens.get(i + 1) {
                let gap = &text.as_bytes()[t.end..n.start];
                if gap.len() >= 2 && gap.iter().filter(|&&b| b == b'\n').count() >= 2 {
                    boundary_after = Some(i + 1);
                }
            }
        }
        if let Some(j) = boundary_after {
            out.push((begin, j));
            begin = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if begin < tokens.len() {
        out.push((begin, tokens.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokens_keep_initialisms_and_hyphenated_names() {
        assert_eq!(words("The U.S. and Kim Jong-un's aides."), ["The", "U.S.", "and", "Kim", "Jong-un's", "aides", "."]);
        assert_eq!(words("“Peace,” he said"), ["“", "Peace", ",", "”", "he", "said"]);
    }

    #[test]
    fn sentences_split_on_final_punctuation_not_abbreviations() {
        let text = "Mr. Smith went to Paris. He met Gen. Jones! Then \"they\" left.\n\nNext one";
        let toks = tokenize(text);
        let s: Vec<&str> = sentences(text, &toks).iter().map(|&(a, b)| &text[toks[a].start..toks[b - 1].end]).collect();
        assert_eq!(s, ["Mr. Smith went to Paris.", "He met Gen. Jones!", "Then \"they\" left.", "Next one"]);
    }
}
