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
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `c` may join two word characters into one token ("U.S", "Jong-un", "don't").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token { start: i, end: i + c.len_utf8(), is_word: false });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
            } else if is_joiner(d) {
                // A joiner stays inside the word only when a word character follows it.
                let after = j + d.len_utf8();
                match text[after..].chars().next() {
                    Some(e) if is_word_char(e) => {
                        chars.next();
                        end = after;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // Keep the final dot of an initialism ("U.S.") in the token.
        let word = &text[i..end];
        if word.len() >= 3 && word.as_bytes()[1] == b'.' && text[end..].starts_with('.') {
            chars.next();
            end += 1;
        }
        tokens.push(Token { start: i, end, is_word: true });
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
            if matches!(s, "." | "!" | "?" | "…") {
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
        } else if t.text(text).ends_with('.') && t.text(text).len() > 2 {
            // "U.S." at the end of a sentence: the dot belongs to the word, the
            // sentence ends if a capitalised word follows after a line break.
            if let Some(n) = tokens.get(i + 1) {
                if text[t.end..n.start].contains('\n') {
                    boundary_after = Some(i + 1);
                }
            }
        }
        if boundary_after.is_none() {
            if let Some(n) = tokens.get(i + 1) {
                if text[t.end..n.start].matches('\n').count() >= 2 {
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
