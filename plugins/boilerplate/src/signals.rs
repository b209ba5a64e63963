//! Lexical signals shared by the HTML and plain-text modes: word and
//! stop-word counts, terminal punctuation, link-like tokens, the
//! boilerplate phrase lists, and the class/id vocabulary of page chrome.
//!
//! Everything here is generic: stop-word lists of the major European
//! languages, the phrases that web templates print around articles, and
//! the class/id names that templates give their navigation, share
//! widgets, comment sections and so on.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

/// Function words of English, German, French, Spanish, Italian,
/// Portuguese and Dutch. Running prose has many of them; menus, tags and
/// button labels have few. (jusText's key signal.)
const STOP_WORDS: &[&str] = &[
    // English
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on", "one", "only", "or",
    "other", "our", "out", "over", "said", "she", "so", "some", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "up", "was", "we", "were", "what", "when", "which",
    "while", "who", "will", "with", "would", "you", "your", "because", "being", "both", "each", "few", "many", "much",
    "own", "same", "should", "such", "under", "very", "where", "why", "him", "me", "us", "our", "may", "might",
    "must", "shall", "until", "against", "between", "during", "without", "within", "among", "however", "although",
    // German
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einer", "eines", "dem", "den", "des", "mit", "sich",
    "auf", "für", "von", "zu", "im", "auch", "es", "sie", "er", "wir", "ich", "aber", "wie", "bei", "nach", "noch",
    "wird", "werden", "hat", "haben", "sind", "war", "dass", "oder", "nur", "vor", "aus", "um", "so", "wenn",
    // French
    "le", "la", "les", "et", "est", "un", "une", "des", "du", "de", "que", "qui", "dans", "pour", "pas", "sur", "au",
    "aux", "par", "ce", "cette", "il", "elle", "ils", "nous", "vous", "ne", "se", "sont", "avec", "mais", "ou", "son",
    "sa", "ses", "leur", "été", "plus", "comme",
    // Spanish, Portuguese, Italian
    "el", "los", "las", "y", "es", "en", "del", "por", "con", "una", "su", "sus", "para", "como", "lo", "al", "se",
    "pero", "más", "este", "esta", "o", "os", "as", "e", "do", "da", "dos", "das", "em", "um", "uma", "não", "na",
    "no", "il", "di", "che", "è", "per", "non", "gli", "della", "delle", "nel", "sono", "anche", "ha",
    // Dutch
    "het", "een", "van", "en", "dat", "niet", "zijn", "op", "te", "voor", "met", "ook", "aan", "er", "maar", "om",
    "bij", "dan", "wordt", "werd", "naar",
];

/// Words are looked up by a key: their first `KEY_BYTES` bytes, lower
/// case, packed little-endian into a `u64`.
const KEY_BYTES: usize = 8;

/// The longest stop word, in bytes: a stop word is its whole key, and a
/// longer word is no stop word.
const MAX_STOP_WORD_BYTES: usize = KEY_BYTES;

const _: () = {
    let mut i = 0;
    while i < STOP_WORDS.len() {
        assert!(STOP_WORDS[i].len() <= MAX_STOP_WORD_BYTES, "a stop word is longer than MAX_STOP_WORD_BYTES");
        i += 1;
    }
};

/// A set of word keys: an open-addressed table with linear probing,
/// four times larger than the list (0 marks an empty slot; no key is 0,
/// as words are not empty). A lookup compares the few slots from the
/// key's home to the longest displacement, without branching on them:
/// whether a word is a stop word is a coin toss the CPU cannot predict.
struct WordSet {
    slots: Vec<u64>,
    shift: u32,
    /// The longest run of slots a key may be found in from its home.
    probes: usize,
}

impl WordSet {
    /// The set of the keys of `words` (lower case).
    fn new(words: &[&str]) -> WordSet {
        let bits = (words.len() * 4).next_power_of_two().trailing_zeros();
        let mut set = WordSet { slots: vec![0; 1 << bits], shift: 64 - bits, probes: 1 };
        let mask = set.slots.len() - 1;
        for word in words {
            let mut key = WordKey::default();
            word.bytes().for_each(|b| key.push_byte(b));
            let home = set.slot(key.key);
            let mut i = home;
            while set.slots[i] != 0 && set.slots[i] != key.key {
                i = (i + 1) & mask;
            }
            set.slots[i] = key.key;
            set.probes = set.probes.max(((i + set.slots.len() - home) & mask) + 1);
        }
        set
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn contains(&self, key: u64) -> bool {
        let (home, mask) = (self.slot(key), self.slots.len() - 1);
        (0..self.probes).fold(false, |found, k| found | (self.slots[(home + k) & mask] == key))
    }
}

fn stop_words() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(STOP_WORDS))
}

/// The key of a word being read a character at a time (the word
/// lower-cased by the caller), and the word's full length in bytes.
#[derive(Default)]
struct WordKey {
    key: u64,
    len: usize,
}

impl WordKey {
    fn push_byte(&mut self, b: u8) {
        if self.len < KEY_BYTES {
            self.key |= u64::from(b) << (8 * self.len);
        }
        self.len += 1;
    }

    fn push(&mut self, c: char) {
        c.encode_utf8(&mut [0; 4]).bytes().for_each(|b| self.push_byte(b));
    }

    /// Whether the word is a stop word (it is short enough to be stored whole, and found).
    fn is_stop_word(&self, stops: &WordSet) -> bool {
        self.len <= MAX_STOP_WORD_BYTES && stops.contains(self.key)
    }
}

/// Word-level statistics of a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextStats {
    /// Characters (code points), whitespace included.
    pub chars: usize,
    /// Words (runs of letters/digits); a CJK or Thai character counts as
    /// half a word, so that unspaced scripts get comparable counts.
    pub words: usize,
    /// Words found in the stop-word lists.
    pub stop_words: usize,
    /// Characters of unspaced scripts (CJK, Thai, ...).
    pub unspaced_chars: usize,
    /// Whether the text ends with sentence punctuation (. ! ? : ” " ' ) 。).
    pub terminal: bool,
}

impl TextStats {
    /// Stop words per word (0 for no words).
    pub fn stop_ratio(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stop_words as f32 / self.words as f32
        }
    }
    /// Whether the text is mostly in a script written without spaces,
    /// where stop-word ratios say nothing.
    pub fn unspaced(&self) -> bool {
        self.unspaced_chars * 3 > self.chars
    }
}

/// Whether `c` belongs to a script written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // CJK
        | 0xAC00..=0xD7AF)    // Hangul (spaced, but dense)
}

/// Computes [`TextStats`] in one pass, without allocating.
pub fn text_stats(text: &str) -> TextStats {
    let stops = stop_words();
    let mut stats = if text.is_ascii() { ascii_word_stats(text.as_bytes(), stops) } else { word_stats(text, stops) };
    let last_visible = text.trim_end().chars().next_back();
    stats.terminal = matches!(
        last_visible,
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»' | '。' | '！' | '？' | '…' | ':' | ';')
    );
    stats
}

/// The character and word counts of [`TextStats`], for any text: a word
/// is a run of letters and digits (and apostrophes inside it); a
/// character of an unspaced script ends a word and counts as half a word.
fn word_stats(text: &str, stops: &WordSet) -> TextStats {
    let mut stats = TextStats::default();
    let mut word = WordKey::default();
    let finish_word = |word: &mut WordKey, stats: &mut TextStats| {
        if word.len > 0 {
            stats.words += 1;
            stats.stop_words += usize::from(word.is_stop_word(stops));
            *word = WordKey::default();
        }
    };
    for c in text.chars() {
        stats.chars += 1;
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || (c == '\'' && word.len > 0) {
                word.push_byte((c as u8).to_ascii_lowercase());
            } else {
                finish_word(&mut word, &mut stats);
            }
        } else if is_unspaced(c) {
            stats.unspaced_chars += 1;
            finish_word(&mut word, &mut stats);
        } else if c.is_alphanumeric() {
            if c.is_uppercase() {
                c.to_lowercase().for_each(|l| word.push(l));
            } else {
                word.push(c);
            }
        } else {
            finish_word(&mut word, &mut stats);
        }
    }
    finish_word(&mut word, &mut stats);
    stats.words += stats.unspaced_chars / 2;
    stats
}

/// For each byte: 2 for ASCII letters and digits, which start or
/// continue a word, 1 for the apostrophe, which continues one, else 0.
const ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if (b as u8).is_ascii_alphanumeric() { 2 } else { (b == b'\'' as usize) as u8 };
        b += 1;
    }
    table
};

/// [`word_stats`] for ASCII text (most lines): no decoding, a table
/// lookup per byte, and a stop-word key built for short words only.
fn ascii_word_stats(text: &[u8], stops: &WordSet) -> TextStats {
    let mut stats = TextStats { chars: text.len(), ..TextStats::default() };
    if let Some((words, stop_words)) = short_ascii_word_counts(text, stops) {
        (stats.words, stats.stop_words) = (words, stop_words);
        return stats;
    }
    let mut i = 0;
    loop {
        while i < text.len() && ASCII_WORD_BYTES[usize::from(text[i])] < 2 {
            i += 1;
        }
        if i == text.len() {
            return stats;
        }
        let start = i;
        while i < text.len() && ASCII_WORD_BYTES[usize::from(text[i])] > 0 {
            i += 1;
        }
        stats.words += 1;
        let len = i - start;
        if len <= MAX_STOP_WORD_BYTES {
            stats.stop_words += usize::from(stops.contains(ascii_key(text, start, len)));
        }
    }
}

/// The word and stop-word counts of [`ascii_word_stats`] for a text of
/// up to 64 bytes, from bit masks rather than a branch per byte: the
/// runs of word bytes (letters, digits, apostrophes) are the words when
/// each begins with a letter or digit. None for longer texts, and for
/// runs opening with an apostrophe (the word starts after it).
fn short_ascii_word_counts(text: &[u8], stops: &WordSet) -> Option<(usize, usize)> {
    if text.len() > 64 {
        return None;
    }
    let (mut word_bytes, mut alnum) = (0u64, 0u64);
    for (i, &b) in text.iter().enumerate() {
        let class = ASCII_WORD_BYTES[usize::from(b)];
        word_bytes |= u64::from(class > 0) << i;
        alnum |= u64::from(class == 2) << i;
    }
    let run_starts = word_bytes & !(word_bytes << 1);
    if run_starts & !alnum != 0 {
        return None;
    }
    // The last byte of each run.
    let run_ends = word_bytes & !(word_bytes >> 1);
    let (mut starts, mut stop_words) = (run_starts, 0);
    while starts != 0 {
        let start = starts.trailing_zeros() as usize;
        let len = (run_ends >> start).trailing_zeros() as usize + 1;
        if len <= MAX_STOP_WORD_BYTES {
            stop_words += usize::from(stops.contains(ascii_key(text, start, len)));
        }
        starts &= starts - 1;
    }
    Some((run_starts.count_ones() as usize, stop_words))
}

/// The key of the ASCII word `text[start..start + len]` (letters,
/// digits and apostrophes; `len` > 0): its first [`KEY_BYTES`] bytes.
fn ascii_key(text: &[u8], start: usize, len: usize) -> u64 {
    // The eight bytes from the word's start (zero-padded at the end of
    // the text), cut to the word.
    let mut bytes = [0; KEY_BYTES];
    match text.get(start..start + KEY_BYTES) {
        Some(eight) => bytes.copy_from_slice(eight),
        None => bytes[..text.len() - start].copy_from_slice(&text[start..]),
    }
    let mask = u64::MAX >> (64 - 8 * len.min(KEY_BYTES));
    // ASCII letters, digits and the apostrophe are lower case with bit 5
    // set (digits and the apostrophe have it already).
    (u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020) & mask
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn normalize_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Boilerplate phrases: a block or line that *is* one of these (or starts
/// with one and is short) is template text, not article text. Lower case;
/// matched on lower-cased text.
const BOILERPLATE_PHRASES: &[&str] = &[
    // comment forms
    "please enter your comment", "please enter your name", "leave a reply", "leave a comment", "post a comment",
    "add a comment", "add comment", "write a comment", "join the conversation", "join the discussion",
    "comments are closed", "be the first to comment", "save my name, email", "your email address will not be published",
    "required fields are marked", "you must be logged in", "log in to comment", "sign in to comment", "view comments",
    "show comments", "load comments", "commenting policy", "comment policy", "notify me of", "cancel reply",
    "post comment", "submit comment",
    // share / follow
    "share this", "share on", "share via", "share the article", "share article", "share story", "share page", "tweet this", "follow us", "follow me",
    "like us on facebook", "find us on", "connect with us", "click to share", "click to email", "click to print",
    "email this", "print this", "sharing is caring",
    // read more / related
    "read more", "read next", "read also", "also read", "see also", "see more", "more stories", "more from",
    "related articles", "related stories", "related posts", "related content", "related:", "recommended for you", "you may also like",
    "you might also like", "most popular", "most read", "trending now", "don't miss", "further reading", "more on this",
    "previous article", "next article", "previous post", "next post", "continue reading", "keep reading",
    "back to top", "skip to content", "skip to main content", "jump to",
    // cookies / consent / privacy
    "we use cookies", "this site uses cookies", "this website uses cookies", "uses cookies", "use of cookies",
    "cookie policy", "cookie settings", "accept cookies", "accept all", "manage cookies", "privacy policy",
    "terms of use", "terms of service", "terms and conditions", "by continuing to use", "by using this site",
    // newsletters / subscriptions / accounts / apps
    "sign up for", "sign up to", "subscribe to", "subscribe now", "subscribe today", "newsletter", "get the app",
    "download the app", "download our app", "already a subscriber", "already have an account", "create an account",
    "create a free account", "log in", "sign in", "register now", "your inbox", "enter your email", "email address",
    "get our", "unlock this", "to continue reading", "subscribers only", "for subscribers",
    "by signing up", "thanks for signing up", "thank you for signing up", "be the first to know",
    // copyright and legal
    "all rights reserved", "copyright ©", "copyright (c)", "©", "(c) copyright", "reproduction in whole or in part",
    "may not be published, broadcast, rewritten", "this material may not be",
    // media credits and misc chrome
    "photo credit", "image credit", "photo:", "photograph:", "image:", "(photo", "getty images", "file photo",
    "advertisement", "sponsored content", "paid content", "report this ad", "story continues below",
    "article continues below", "scroll to continue", "click here", "tap here", "watch:", "listen to this article",
    "audio is not supported", "your browser does not support", "enable javascript", "javascript is disabled",
    "posted in", "filed under", "tags:", "tagged:", "topics:", "categories:",
];

/// Matches [`BOILERPLATE_PHRASES`] (case-insensitively, leftmost-longest).
fn phrase_matcher() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(BOILERPLATE_PHRASES)
            .expect("static phrase list builds")
    })
}

/// Number of boilerplate phrases found in `text`.
/// A match counts only at a word start, so that "log in" is not found in
/// "catalog in".
fn phrase_matches(text: &str) -> impl Iterator<Item = aho_corasick::Match> + '_ {
    let bytes = text.as_bytes();
    phrase_matcher().find_iter(text).filter(move |m| m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric())
}

/// Whether `text` is a whole line of template text: a counter ("12
/// comments"), or a short line that starts with a boilerplate phrase or
/// is made of them for a third of its length or more, or a longer line
/// (up to 40 words) with two phrases or too few function words to be prose.
pub fn is_boilerplate_line(text: &str, stats: &TextStats) -> bool {
    static COUNTER: OnceLock<Regex> = OnceLock::new();
    let counter = COUNTER.get_or_init(|| {
        Regex::new(
            r"(?i)^\W*\d[\d,.]*\s*[kmb]?\s+(likes?|shares?|comments?|replies|retweets|views|followers|reads?|min(ute)?s? read)\W*$",
        )
        .expect("static regex")
    });
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        Regex::new(r"(?i)\((image|photo|picture|pic|credit|source)s?:[^)]*\)\W*$").expect("static regex")
    });
    if stats.words > 40 {
        return false;
    }
    // The regexes run only where their cheap preconditions hold: the
    // counter starts with a digit, the credit needs "(", ":" and ")".
    let counter_match = || may_start_with_digit(text) && counter.is_match(text);
    let has = |byte| memchr::memchr(byte, text.as_bytes()).is_some();
    let credit_match = || has(b'(') && has(b':') && has(b')') && credit.is_match(text);
    if counter_match() || credit_match() || is_widget_label(text) || is_breadcrumb(text) {
        return true;
    }
    let lead = text.len() - text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©').len();
    let (mut count, mut covered, mut at_start) = (0, 0, false);
    for m in phrase_matches(text) {
        count += 1;
        covered += m.len();
        at_start |= m.start() <= lead;
    }
    if count == 0 {
        return false;
    }
    if at_start && stats.words <= 20 {
        true
    } else if stats.words <= 12 {
        covered * 3 >= text.len()
    } else {
        count >= 2 || stats.stop_ratio() < 0.25
    }
}

/// Whether a line opens a section that follows the article: comments
/// ("12 Comments", "Leave a Reply", "X wrote:", "3 weeks ago"), related
/// or popular stories, author boxes, privacy overlays. Only short lines
/// qualify: up to 12 words, 20 for a comment's header ("Report this
/// comment On May 3, 2024, at 10:07 PM, jdoe wrote:").
pub fn is_section_break(line: &str, stats: &TextStats) -> bool {
    // The section openers, and the comment header as two more
    // alternatives: one search for lines where both apply.
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?xi)
            ^\W*(\d+\s+)?(comments?|responses?|replies|reactions|discussion|conversation|comentar(ios?)?|kommentare?|commentaires?|commenti|reacties|comentários?)\b\W*(\(\d+\))?\W*$
            | \b(\d+|an?)\s+(second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b
            | ^\W*reply\W*$
            | \b(leave|post|add|write)\s+a\s+(reply|comment|response)\b
            | \bjoin\s+the\s+(conversation|discussion)\b
            | \b(comments|discussion)\s+(from|by)\s+our\b
            | ^\W*(related|recommended|popular|trending|latest|top|more)\s+(articles|stories|posts|content|coverage|news|reads|videos)\b
            | \byou\s+(may|might)\s+(also\s+)?(like|enjoy)\b
            | ^\W*more\s+(from|on|in)\b
            | ^\W*more\s+(\w+\s+){{0,2}}(stories|articles|news|posts|reads)\W*$
            | ^\W*most\s+(read|popular|viewed|shared|commented|emailed)\b
            | ^\W*(what|where)\s+to\s+read\s+next\b
            | ^\W*about\s+the\s+authors?\W*$
            | ^\W*(privacy|cookie)\s+(overview|settings|preferences)\b
            | ^\W*(recommended|trending|related)(\s+for\s+you)?\W*$
            | {COMMENT_HEADER}"
        ))
        .expect("static regex")
    });
    if stats.words <= 12 {
        re.is_match(line)
    } else {
        is_comment_header(line, stats)
    }
}

/// The pattern of [`is_comment_header`] (case-insensitive).
const COMMENT_HEADER: &str = r"\breport\s+(this\s+)?comment\b|\bwrote:\s*$";

/// Where the first word character (`\w`) of `text` may be: the first
/// ASCII letter, digit or `_`, or the first non-ASCII character if it
/// comes before (it may or may not be one). None if there is none.
fn first_word_char(text: &str) -> Option<usize> {
    text.bytes().position(|b| b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii())
}

/// Whether the first word character of `text` may be a digit, as the
/// counter pattern (`^\W*\d`) needs.
fn may_start_with_digit(text: &str) -> bool {
    first_word_char(text).is_some_and(|i| text.as_bytes()[i].is_ascii_digit() || !text.as_bytes()[i].is_ascii())
}

/// Whether a line heads one comment of a thread ("jdoe wrote:", "Report
/// this comment On May 3, 2024, at 10:07 PM, jdoe wrote:"). It carries a
/// name, a date and a time, so it may run to 20 words.
pub fn is_comment_header(line: &str, stats: &TextStats) -> bool {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    let header = HEADER.get_or_init(|| Regex::new(&format!("(?i){COMMENT_HEADER}")).expect("static regex"));
    stats.words <= 20 && header.is_match(line)
}

/// Whether a line is a navigation crumb trail: three or more short
/// parts joined by `>`, `›`, `»`, `/` or `|` ("Home > News > Science").
fn is_breadcrumb(text: &str) -> bool {
    const SEPARATORS: [char; 5] = ['>', '›', '»', '/', '|'];
    // Three parts need two separators: most lines have none.
    let two_separators = if text.is_ascii() {
        memchr::memchr3_iter(b'>', b'/', b'|', text.as_bytes()).nth(1).is_some()
    } else {
        text.matches(SEPARATORS).nth(1).is_some()
    };
    if !two_separators {
        return false;
    }
    let mut parts = 0;
    for part in text.split(SEPARATORS).map(str::trim) {
        if part.is_empty() || part.split_whitespace().nth(4).is_some() {
            return false;
        }
        parts += 1;
    }
    parts >= 3
}

/// Whether a line is the label of a share button or a widget, alone
/// ("Share", "Tweet", "Email", "Print", "Advert", "Comments"): the words
/// trafilatura drops as whole lines, and a few more.
fn is_widget_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "share", "shares", "tweet", "email", "e-mail", "mail", "print", "facebook", "twitter", "linkedin", "pinterest",
        "reddit", "whatsapp", "instagram", "flipboard", "pocket", "xing", "telegram", "advert", "advertisement", "ad",
        "comments", "comment", "subscribe", "menu", "search", "close", "next", "previous", "prev", "back", "top",
        "home", "login", "register", "more", "save", "copy link", "copied",
    ];
    let label = text.trim_matches(|c: char| !c.is_alphanumeric());
    label.len() <= 12 && LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
}

/// Whether a word looks like a link, an e-mail address or a handle.
pub fn is_link_like(word: &str) -> bool {
    // Every test below needs '@', '.', ':' or "http": skip plain words fast.
    let bytes = word.as_bytes();
    if memchr::memchr3(b'@', b'.', b':', bytes).is_none() && !bytes.windows(4).any(|w| w == b"http") {
        return false;
    }
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '/');
    w.starts_with("http")
        || w.starts_with("www.")
        || (w.contains('@') && w.len() > 1)
        || w.as_bytes().windows(3).any(|s| s == b"://")
        || [".com", ".org", ".net", ".html", ".php", ".co.uk"].iter().any(|tld| w.ends_with(tld))
}

/// The characters (code points) of the link-like words of `text`: of
/// its whitespace-separated words that [`is_link_like`] accepts. Only
/// the words around an '@', '.', ':' or "http" can be, so only those
/// are looked at.
pub fn link_like_chars(text: &str) -> usize {
    static HTTP: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let http = HTTP.get_or_init(|| memchr::memmem::Finder::new("http"));
    let bytes = text.as_bytes();
    let ascii = text.is_ascii();
    let link_chars = |word: &str| if is_link_like(word) { word.chars().count() } else { 0 };
    let mut chars = 0;
    // The positions come in order: skip those inside the last word seen.
    let mut seen_end = 0;
    for at in memchr::memchr3_iter(b'@', b'.', b':', bytes) {
        if at >= seen_end {
            let word = word_around(text, ascii, at);
            seen_end = word.end;
            chars += link_chars(&text[word]);
        }
    }
    seen_end = 0;
    for at in http.find_iter(bytes) {
        if at >= seen_end {
            let word = word_around(text, ascii, at);
            seen_end = word.end;
            // A word with '@', '.' or ':' was counted above.
            let word = &text[word];
            if memchr::memchr3(b'@', b'.', b':', word.as_bytes()).is_none() {
                chars += link_chars(word);
            }
        }
    }
    chars
}

/// The whitespace-separated word of `text` holding the byte at `at` (an
/// ASCII character other than whitespace); `ascii` tells whether `text`
/// is ASCII, where whitespace is found byte by byte.
fn word_around(text: &str, ascii: bool, at: usize) -> std::ops::Range<usize> {
    if ascii {
        // `char::is_whitespace` on ASCII: the space, and tab to carriage return.
        let blank = |b: &u8| *b == b' ' || (b'\t'..=b'\r').contains(b);
        let bytes = text.as_bytes();
        let start = bytes[..at].iter().rposition(blank).map_or(0, |i| i + 1);
        let end = bytes[at..].iter().position(blank).map_or(text.len(), |i| at + i);
        return start..end;
    }
    let start = text[..at].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    start..end
}

/// What an element's class, id and role names say about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameHint {
    /// Names of page chrome (navigation, share, comments, ...).
    pub chrome: bool,
    /// Names of article content (article body, story, entry content, ...).
    pub content: bool,
}

/// Class/id tokens of page chrome. Matched against whole tokens (names
/// are split at `-`, `_`, spaces and camelCase), so `commentary` is not
/// `comment`, and `header` inside `article-header` still counts.
const CHROME_TOKENS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "megamenu", "footer", "sidebar", "aside", "comment",
    "comments", "disqus", "respond", "share", "shares", "sharing", "sharebar", "social", "socials", "sociable",
    "related", "relatedposts", "recommended", "recommendations", "recirc", "popular", "trending", "mostread",
    "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "banner",
    "breadcrumb", "breadcrumbs", "crumbs", "promo", "promotion", "advert", "advertisement", "ad", "ads", "adsense",
    "adslot", "dfp", "sponsor", "sponsored", "outbrain", "taboola", "toolbar", "pagination",
    "pager", "tagcloud", "tags", "login", "modal", "popup", "overlay", "skip", "masthead", "topbar", "byline",
    "author", "dateline", "timestamp", "paywall", "teaser", "teasers", "rail", "tools", "follow", "print",
    "rating", "feedback", "contact", "copyright", "legal", "caption", "credit", "credits", "disclaimer",
    "newsletters", "signin", "promos", "sponsors", "partner", "partners", "cta", "carousel", "slider", "ticker",
];

/// Whole class names of elements hidden from every reader. Tokens
/// alone would also catch responsive variants (`hidden-xs`,
/// `hidden-md-up`, `ssr-variant hidden-1abc`), which hide a copy of the
/// content at some screen sizes only: one of the copies is the article.
const HIDDEN_CLASSES: &[&str] = &["hidden", "is-hidden", "hide", "d-none", "invisible", "visually-hidden", "sr-only", "screen-reader-text"];

/// Class/id tokens of article content.
const CONTENT_TOKENS: &[&str] = &[
    "article", "articlebody", "story", "storybody", "entry", "post", "postbody", "content", "main", "body", "text",
    "blog", "hentry", "prose", "richtext", "markdown", "instapaper", "paragraph", "paragraphs", "news",
];

/// What a class/id token says about its element.
#[derive(Clone, Copy)]
enum NameToken {
    Chrome,
    Content,
}

/// [`CHROME_TOKENS`] and [`CONTENT_TOKENS`] in one map (a token in both
/// lists is chrome), built once: pages have thousands of class tokens.
fn name_tokens() -> &'static HashMap<&'static str, NameToken> {
    static MAP: OnceLock<HashMap<&'static str, NameToken>> = OnceLock::new();
    MAP.get_or_init(|| {
        let content = CONTENT_TOKENS.iter().map(|&t| (t, NameToken::Content));
        let chrome = CHROME_TOKENS.iter().map(|&t| (t, NameToken::Chrome));
        content.chain(chrome).collect()
    })
}

/// Splits a class/id value into lower-case tokens and classifies them.
pub fn name_hint(names: &str) -> NameHint {
    let hidden = names.split_whitespace().any(|name| HIDDEN_CLASSES.iter().any(|h| name.eq_ignore_ascii_case(h)));
    let mut hint = NameHint { chrome: hidden, content: false };
    let tokens = name_tokens();
    let mut token = String::new();
    let check = |token: &mut String, hint: &mut NameHint| {
        if !token.is_empty() {
            match tokens.get(token.as_str()) {
                Some(NameToken::Chrome) => hint.chrome = true,
                Some(NameToken::Content) => hint.content = true,
                None => {}
            }
            token.clear();
        }
    };
    let mut previous_lower = false;
    for c in names.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && previous_lower {
                check(&mut token, &mut hint);
            }
            previous_lower = c.is_ascii_lowercase();
            token.push(c.to_ascii_lowercase());
        } else {
            previous_lower = false;
            check(&mut token, &mut hint);
        }
    }
    check(&mut token, &mut hint);
    hint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ascii_word_counts_agree_with_the_general_count() {
        let stops = stop_words();
        let mut texts = vec![
            String::new(),
            "The end of the story is not in the book.".to_owned(),
            "'tis the season, isn't it? ''quoted'' don't".to_owned(),
            "a'b 'a b' ' '' x''y".to_owned(),
            "tab\tand\nnew line, 3.5 per cent; U.S.-made goods".to_owned(),
        ];
        // Every length around the 64-byte limit, with a word across it.
        let long = "and the of in to for with from that this on by was it as at be ";
        texts.extend((60..70).map(|n| long.repeat(2)[..n].to_owned()));
        for text in &texts {
            let general = word_stats(text, stops);
            let fast = ascii_word_stats(text.as_bytes(), stops);
            assert_eq!((fast.words, fast.stop_words), (general.words, general.stop_words), "{text:?}");
        }
        assert!(short_ascii_word_counts("the cat".as_bytes(), stops).is_some());
        assert!(short_ascii_word_counts("'tis".as_bytes(), stops).is_none());
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_counts_agree_with_the_general_count(text in "[a-zA-Z0-9' .,\t-]{0,80}") {
            let stops = stop_words();
            let general = word_stats(&text, stops);
            let fast = ascii_word_stats(text.as_bytes(), stops);
            proptest::prop_assert_eq!((fast.words, fast.stop_words), (general.words, general.stop_words));
        }
    }

    #[test]
    fn stop_ratio_separates_prose_from_menus() {
        let prose = text_stats("The minister said that the plan would be put to a vote in the spring.");
        let menu = text_stats("Home World Business Markets Tech Sport Culture");
        assert!(prose.stop_ratio() > 0.4, "{prose:?}");
        assert!(menu.stop_ratio() < 0.1, "{menu:?}");
        assert!(prose.terminal && !menu.terminal);
    }

    #[test]
    fn unspaced_scripts_count_words_from_characters() {
        let stats = text_stats("北京时间周三，两国领导人通电话。");
        assert!(stats.unspaced());
        assert!(stats.words >= 6);
        assert!(stats.terminal);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_one() {
        let stops = stop_words();
        for text in [
            "The minister's plan, said O'Neil, won't pass the vote.",
            "'quoted' words, ''doubled'' marks and trailing' ones'",
            "THE HEADLINE IN CAPITALS AND THE DATE 2024-05-03",
            "Although, BECAUSE and Between: eight-byte words; although2",
            "x",
            "",
        ] {
            assert_eq!(ascii_word_stats(text.as_bytes(), stops), word_stats(text, stops), "{text}");
        }
        assert_eq!(text_stats("Although the BECAUSE it's").stop_words, 3);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(normalize_whitespace("  a \n\t b  c "), "a b c");
    }

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Please enter your comment!",
            "Share this article",
            "Read more",
            "© 2024 Example Media. All rights reserved.",
            "We use cookies to improve your experience.",
            "Sign up for our daily newsletter",
            "Thanks for signing up!",
            "By signing up, you agree to receive our messages.",
            "Photo: Jane Doe/Getty Images",
            "Home > World > Europe",
            "12 comments",
            "3.4K shares",
        ] {
            assert!(is_boilerplate_line(line, &text_stats(line)), "{line}");
        }
        for line in [
            "The council will read more than 400 submissions before it votes.",
            "He declined to comment.",
            "Prices rose 3 percent in May, the statistics office said.",
        ] {
            assert!(!is_boilerplate_line(line, &text_stats(line)), "{line}");
        }
    }

    #[test]
    fn section_breaks() {
        for line in ["On December 23, 2024, at 10:07 PM, a_reader_from_town wrote:", "12 Comments", "Leave a Reply", "Reply", "jdoe • 3 weeks ago", "Related articles", "You may also like", "Most read", "About the author"] {
            assert!(is_section_break(line, &text_stats(line)), "{line}");
        }
        for line in ["The letter the minister wrote to the farmers' union on Monday was read aloud in parliament by the opposition leader.", "He did not reply to requests for comment.", "Comments made by the minister angered farmers."] {
            assert!(!is_section_break(line, &text_stats(line)), "{line}");
        }
    }

    #[test]
    fn link_like_tokens() {
        assert!(is_link_like("https://example.org/x"));
        assert!(is_link_like("www.example.com"));
        assert!(is_link_like("@handle"));
        assert!(!is_link_like("minister"));
    }

    #[test]
    fn class_names_are_split_into_tokens() {
        assert!(name_hint("site-nav main-menu").chrome);
        assert!(name_hint("shareButtons").chrome);
        assert!(name_hint("article__body").content);
        assert!(!name_hint("commentary").chrome);
        assert!(!name_hint("adventure").chrome);
        let both = name_hint("post-content comments");
        assert!(both.chrome && both.content);
    }

    #[test]
    fn hidden_classes_are_chrome_but_responsive_variants_are_not() {
        assert!(name_hint("note hidden").chrome);
        assert!(name_hint("visually-hidden").chrome);
        assert!(!name_hint("ssr-variant hidden-12t0irv").chrome);
        assert!(!name_hint("col hidden-xs hidden-sm").chrome);
        assert!(name_hint("site-nav hidden-xs").chrome);
    }
}
