//! Who a speaker mention refers to: pronouns to the most recent fitting
//! named speaker, short forms ("Trump", "Mr. Obama") to a full name seen
//! earlier in the document.

use std::collections::hash_map::{Entry, HashMap};
use std::ops::Range;

use crate::lexicon::{Lexicon, DET, FEMININE, MASCULINE, NOT_NAME, PLURAL, PRONOUN, ROLE, TITLE};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Unknown,
    Masculine,
    Feminine,
}

/// A full name seen in the document.
#[derive(Debug)]
struct Known<'t> {
    name: &'t str,
    /// The first and last words of `name`, split once when it is added.
    first: Option<&'t str>,
    last: Option<&'t str>,
    gender: Gender,
    speaker: bool,
}

impl<'t> Known<'t> {
    fn new(name: &'t str, gender: Gender, speaker: bool) -> Known<'t> {
        let mut parts = name.split_whitespace();
        let (first, last) = (parts.next(), parts.next_back());
        Known { name, first, last: last.or(first), gender, speaker }
    }
}

/// The names of one document, in the order they were seen.
#[derive(Default)]
pub struct Names<'t> {
    known: Vec<Known<'t>>,
    /// The names of `known`, for finding a name again (foldhash: short
    /// keys hashed once per name run, where SipHash showed in profiles).
    index: HashMap<&'t str, usize, foldhash::fast::RandomState>,
    /// Index into `known` of the named speakers, most recent last.
    speakers: Vec<usize>,
    /// A buffer for the words of a mention (reused from call to call).
    words: Vec<(&'t str, u32)>,
}

/// Fills `out` with the words of a mention and their lexicon flags.
fn words<'m>(mention: &'m str, out: &mut Vec<(&'m str, u32)>) {
    let lex = Lexicon::get();
    out.clear();
    out.extend(
        mention
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-'))
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| !w.is_empty())
            .map(|w| (w, lex.flags(w))),
    );
}

fn is_name_word(w: &str, flags: u32) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && flags & (NOT_NAME | TITLE | DET | PRONOUN) == 0
}

/// The last run of name words of a mention ("Chinese President Xi
/// Jinping" → "Xi", "Jinping"), as a range of `ws`, with the gender its
/// titles give.
fn name_run(ws: &[(&str, u32)]) -> (Range<usize>, Gender) {
    let mut run = 0..0;
    let mut gender = Gender::Unknown;
    for (k, &(w, f)) in ws.iter().enumerate() {
        if f & MASCULINE != 0 && f & TITLE != 0 {
            gender = Gender::Masculine;
        } else if f & FEMININE != 0 && f & TITLE != 0 {
            gender = Gender::Feminine;
        }
        if is_name_word(w, f) {
            // A name word after a break starts a new run.
            if run.end != k {
                run.start = k;
            }
            run.end = k + 1;
        }
    }
    (run, gender)
}

/// The part of `mention` from the first to the last of `run` (words of `mention`).
fn span<'m>(mention: &'m str, run: &[(&'m str, u32)]) -> Option<&'m str> {
    let (first, last) = (run.first()?.0, run.last()?.0);
    let start = first.as_ptr() as usize - mention.as_ptr() as usize;
    let end = last.as_ptr() as usize - mention.as_ptr() as usize + last.len();
    Some(&mention[start..end])
}

impl<'t> Names<'t> {
    /// Notes a run of capitalised words seen in the text (a candidate
    /// full name for later short forms).
    pub fn observe(&mut self, name: &'t str) {
        if name.contains(char::is_whitespace) {
            if let Entry::Vacant(slot) = self.index.entry(name) {
                slot.insert(self.known.len());
                self.known.push(Known::new(name, Gender::Unknown, false));
            }
        }
    }

    fn add(&mut self, name: &'t str, gender: Gender, speaker: bool) -> usize {
        self.known.push(Known::new(name, gender, speaker));
        self.index.insert(name, self.known.len() - 1);
        self.known.len() - 1
    }

    /// The full name a speaker mention refers to, when it is a pronoun or a
    /// short form of a name seen earlier; records named speakers.
    pub fn resolve(&mut self, mention: &'t str) -> Option<String> {
        let mut ws = std::mem::take(&mut self.words);
        words(mention, &mut ws);
        let found = self.resolve_words(mention, &ws);
        self.words = ws;
        found
    }

    /// `resolve` once the mention is split into words.
    fn resolve_words(&mut self, mention: &'t str, ws: &[(&'t str, u32)]) -> Option<String> {
        if let [(w, f)] = ws {
            if f & PRONOUN != 0 {
                return self.resolve_pronoun(w, *f);
            }
        }
        let (run, gender) = name_run(ws);
        let run = &ws[run];
        match run.len() {
            0 => None,
            1 => {
                let short = run[0].0;
                let found = self.known.iter().rposition(|k| k.last == Some(short) || (k.speaker && k.first == Some(short)));
                match found {
                    Some(i) => {
                        self.mark_speaker(i, gender);
                        Some(self.known[i].name).filter(|&full| full != short).map(str::to_owned)
                    }
                    None if ws.iter().any(|&(w, f)| w == short && f & ROLE != 0) => None,
                    None => {
                        let i = self.add(short, gender, true);
                        self.speakers.push(i);
                        None
                    }
                }
            }
            _ => {
                let full = span(mention, run)?;
                let i = match self.index.get(full) {
                    Some(&i) => i,
                    None => self.add(full, gender, true),
                };
                self.mark_speaker(i, gender);
                None
            }
        }
    }

    /// The full name of a mention that names someone: a short form's full
    /// name, else the mention's own name words ("Sen. Claire McCaskill" →
    /// "Claire McCaskill").
    pub fn name_of(&mut self, mention: &'t str) -> Option<String> {
        let mut ws = std::mem::take(&mut self.words);
        words(mention, &mut ws);
        let found = self.resolve_words(mention, &ws).or_else(|| span(mention, &ws[name_run(&ws).0]).map(str::to_owned));
        self.words = ws;
        found
    }

    fn mark_speaker(&mut self, i: usize, gender: Gender) {
        let k = &mut self.known[i];
        k.speaker = true;
        if gender != Gender::Unknown {
            k.gender = gender;
        }
        self.speakers.retain(|&s| s != i);
        self.speakers.push(i);
    }

    fn resolve_pronoun(&mut self, word: &str, flags: u32) -> Option<String> {
        if flags & PLURAL != 0 || word.eq_ignore_ascii_case("it") || word.eq_ignore_ascii_case("you") {
            return None;
        }
        let want = if flags & MASCULINE != 0 {
            Gender::Masculine
        } else if flags & FEMININE != 0 {
            Gender::Feminine
        } else {
            Gender::Unknown
        };
        let &i = self.speakers.iter().rev().find(|&&i| {
            let g = self.known[i].gender;
            want == Gender::Unknown || g == Gender::Unknown || g == want
        })?;
        if want != Gender::Unknown && self.known[i].gender == Gender::Unknown {
            self.known[i].gender = want;
        }
        Some(self.known[i].name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_and_short_forms_resolve() {
        let mut names = Names::default();
        names.observe("Donald Trump");
        assert_eq!(names.resolve("Chinese President Xi Jinping"), None);
        assert_eq!(names.resolve("he").as_deref(), Some("Xi Jinping"));
        assert_eq!(names.resolve("Mr. Trump").as_deref(), Some("Donald Trump"));
        assert_eq!(names.resolve("he").as_deref(), Some("Donald Trump"));
        assert_eq!(names.resolve("Ms. Clinton"), None);
        assert_eq!(names.resolve("she").as_deref(), Some("Clinton"));
        assert_eq!(names.resolve("he").as_deref(), Some("Donald Trump"));
        assert_eq!(names.resolve("they"), None);
    }
}
