//! FNV-1a, the hash of the plugin's lookup tables of words; [`WordFilter`],
//! a bitmap that rules most words out before a costlier lookup; and
//! [`WordList`], a constant list of words searched through a hash set.
//!
//! The tables are looked up once or more per token with short keys, where
//! the standard library's SipHash costs more than the rest of the lookup.
//! Their keys come from the plugin's data (a text's words are looked up,
//! never inserted; the summary counts are keyed by actor codes), so a hash
//! without flooding resistance is safe here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a's 64-bit offset basis.
const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const PRIME: u64 = 0x0100_0000_01b3;

/// One FNV-1a step: `hash` extended with `byte`.
fn step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(PRIME)
}

/// The FNV-1a hash of `bytes` with ASCII letters upper-cased.
pub fn upper_ascii(bytes: &[u8]) -> u64 {
    bytes.iter().fold(OFFSET, |h, &b| step(h, b.to_ascii_uppercase()))
}

/// A [`Hasher`] computing FNV-1a.
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(OFFSET)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| step(h, b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` hashed with FNV-1a.
pub type FnvHashMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv1a>>;
/// A `HashSet` hashed with FNV-1a.
pub type FnvHashSet<K> = HashSet<K, BuildHasherDefault<Fnv1a>>;

/// A set of words that may answer "yes" for a word it lacks: a bitmap
/// indexed by a hash of the upper-cased word, small enough to stay in cache,
/// checked before a costlier lookup (a walk in a trie, a hash map probe). A
/// word whose bit is clear is not in the set; a set bit may be another word's.
pub struct WordFilter {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    bits_log2: u32,
}

impl WordFilter {
    /// An empty filter for about `words` words: sixteen bits or more per word.
    pub fn new(words: usize) -> WordFilter {
        let bits_log2 = (words.max(64) * 16).next_power_of_two().trailing_zeros();
        WordFilter { bits: vec![0; (1 << bits_log2) / 64], bits_log2 }
    }

    /// The word's bit: the top bits of its FNV-1a hash, ASCII letters upper-cased.
    fn bit(&self, word: &[u8]) -> usize {
        (upper_ascii(word) >> (64 - self.bits_log2)) as usize
    }

    /// Adds `word` (ASCII case ignored).
    pub fn insert(&mut self, word: &[u8]) {
        let bit = self.bit(word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `word` (ASCII case ignored) may be in the set.
    pub fn may_contain(&self, word: &[u8]) -> bool {
        let bit = self.bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A constant list of words, searched through a hash set built at first
/// use (a search of the list would compare the word with every entry).
pub struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FnvHashSet<&'static str>>,
}

impl WordList {
    /// The list of `words`.
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList { words, set: OnceLock::new() }
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv1a_values_and_case_folding() {
        let mut h = Fnv1a::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(upper_ascii(b"Chad"), upper_ascii(b"CHAD"));
        assert_ne!(upper_ascii(b"Chad"), upper_ascii(b"Chat"));
    }

    #[test]
    fn word_filters_hold_their_words_folding_ascii_case() {
        let mut filter = WordFilter::new(2);
        filter.insert(b"police");
        assert!(filter.may_contain(b"Police"));
        assert!(filter.may_contain(b"POLICE"));
        // A filter may err for a word it lacks, but not for most of them.
        let absent = ["army", "troops", "rebels", "court", "senate", "regime", "cabinet", "navy"];
        assert!(absent.iter().filter(|w| filter.may_contain(w.as_bytes())).count() < 4);
    }

    #[test]
    fn word_lists_hold_their_words_only() {
        static LIST: WordList = WordList::new(&["Mr", "Mrs"]);
        assert!(LIST.contains("Mrs"));
        assert!(!LIST.contains("Ms"));
        assert!(!LIST.contains("mr"));
    }
}
