//! Events: per sentence, a trigger word (a verb or an event noun from
//! `data/triggers.tsv`) with a source actor and a target actor found by
//! position, without a parser.
//!
//! - Active verbs: the source is the nearest actor before the trigger in its
//!   clause, the target the nearest actor after it (an actor after a
//!   locative preposition, "in Iraq", is skipped).
//! - Passive verbs ("was attacked by"): the actor before is the target, the
//!   actor after "by" the source.
//! - Event nouns ("Moscow's invasion of Ukraine", "talks with", "support
//!   from Beijing for Moscow"): the source is a possessive before the noun,
//!   an actor after "from", or the nearest actor before; the target is the
//!   actor after the noun's preposition.
//! - Coordinated actors ("the EU and the United States warned China") give
//!   one event per pair.
//! - A negated trigger ("did not condemn", "refused to condemn") gives no
//!   event, nor does a trigger governed by another one ("threatened to
//!   attack" is a threat, "agreed to meet" an intent).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::actors::Mention;
use crate::text::Token;

/// A coded event between two actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Byte offset of the start of the sentence.
    pub start: usize,
    /// Byte offset of the end of the sentence.
    pub end: usize,
    /// The acting actor (index in the gazetteer).
    pub source: u32,
    /// The actor acted upon (index in the gazetteer).
    pub target: u32,
    /// The CAMEO code.
    pub code: &'static str,
    /// Byte span of the trigger words.
    pub trigger: (usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pos {
    Verb,
    Noun,
    Adjective,
}

#[derive(Debug)]
struct TriggerDef {
    code: &'static str,
    pos: Pos,
    /// Words that must follow the first one ("for" in "call for").
    follow: Vec<&'static str>,
    /// Object words of which one must appear shortly after.
    objects: Vec<&'static str>,
}

/// A word form of a trigger: which trigger, and whether the form is a past participle.
#[derive(Clone, Copy, Debug)]
struct Form {
    def: usize,
    participle: bool,
}

struct Lexicon {
    defs: Vec<TriggerDef>,
    forms: HashMap<String, Vec<Form>>,
}

const TRIGGERS_TSV: &str = include_str!("../data/triggers.tsv");

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a one-syllable verb doubles its last consonant before -ed/-ing ("ban" → "banned").
fn doubles_final_consonant(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    n >= 3
        && n <= 4
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
        && b[..n - 2].iter().filter(|&&c| is_vowel(c)).count() == 0
}

/// The regular forms of a verb: base, third person, past (participle), gerund.
fn verb_forms(lemma: &str) -> Vec<(String, bool)> {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before_last_vowel = b.len() >= 2 && is_vowel(b[b.len() - 2]);
    let stem = &lemma[..lemma.len().saturating_sub(1)];
    let third = if lemma.ends_with('s') || lemma.ends_with('x') || lemma.ends_with("ch") || lemma.ends_with("sh") || lemma.ends_with('z') {
        format!("{lemma}es")
    } else if last == b'y' && !before_last_vowel {
        format!("{stem}ies")
    } else {
        format!("{lemma}s")
    };
    let double = doubles_final_consonant(lemma);
    let past = if last == b'e' {
        format!("{lemma}d")
    } else if last == b'y' && !before_last_vowel {
        format!("{stem}ied")
    } else if double {
        format!("{lemma}{}ed", last as char)
    } else {
        format!("{lemma}ed")
    };
    let gerund = if lemma.ends_with("ie") {
        format!("{}ying", &lemma[..lemma.len() - 2])
    } else if last == b'e' && !lemma.ends_with("ee") {
        format!("{stem}ing")
    } else if double {
        format!("{lemma}{}ing", last as char)
    } else {
        format!("{lemma}ing")
    };
    vec![(lemma.to_owned(), false), (third, false), (past, true), (gerund, false)]
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut defs = Vec::new();
        let mut forms: HashMap<String, Vec<Form>> = HashMap::new();
        for line in TRIGGERS_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let (Some(trigger), Some(code), Some(pos)) = (cols.first(), cols.get(1), cols.get(2)) else { continue };
            let mut words = trigger.split(' ');
            let Some(head) = words.next() else { continue };
            let pos_kind = match *pos {
                "n" => Pos::Noun,
                "a" => Pos::Adjective,
                _ => Pos::Verb,
            };
            let objects = cols.get(3).map(|s| s.split('|').filter(|w| !w.is_empty()).collect()).unwrap_or_default();
            let irregular: Vec<&str> = cols.get(4).map(|s| s.split('|').filter(|w| !w.is_empty()).collect()).unwrap_or_default();
            let def = defs.len();
            defs.push(TriggerDef { code, pos: pos_kind, follow: words.collect(), objects });
            let mut add = |form: String, participle: bool| forms.entry(form).or_default().push(Form { def, participle });
            match *pos {
                "v" => verb_forms(head).into_iter().for_each(|(f, p)| add(f, p)),
                "n" => {
                    add(head.to_owned(), false);
                    if !head.ends_with('s') {
                        add(format!("{head}s"), false);
                    }
                }
                _ if *pos != "f" => add(head.to_owned(), false),
                _ => {}
            }
            for f in irregular {
                add(f.to_owned(), f.ends_with("ed") || f.ends_with('n') || f.ends_with('t') || f.ends_with('d'));
            }
        }
        Lexicon { defs, forms }
    })
}

/// Words that negate a following trigger.
fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not" | "never" | "no" | "refused" | "refuses" | "refuse" | "refusing" | "declined" | "declines" | "decline"
            | "declining" | "failed" | "fails" | "without" | "unwilling" | "nor" | "neither" | "cannot" | "avoided"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Forms of "be" that make a following participle passive.
fn is_be(w: &str) -> bool {
    matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get" | "gets")
}

/// Prepositions after which an actor is a place, not a target ("troops in Iraq").
fn is_locative(w: &str) -> bool {
    matches!(w, "in" | "at" | "near" | "inside" | "within" | "throughout" | "across" | "outside" | "around")
}

/// Prepositions that introduce the target of an event noun.
fn introduces_target(w: &str, code: &str) -> bool {
    matches!(w, "of" | "on" | "against" | "with" | "to" | "for" | "toward" | "towards" | "into" | "upon")
        || (w == "in" && (code.starts_with("19") || code.starts_with("18")))
}

/// Tokens that end a clause for the search of actors.
fn is_clause_break(w: &str) -> bool {
    matches!(w, ";" | "but" | "while" | "whereas" | "although" | "though" | "—" | "(" | ")")
}

/// Tokens that join coordinated actors ("the EU and the United States").
fn is_coordinator(w: &str) -> bool {
    matches!(w, "and" | "," | "&" | "the" | "The" | "as" | "well" | "both" | "Both" | "its" | "their")
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    /// Per token of the sentence (offset by `first`), the mention covering it.
    at: Vec<Option<usize>>,
    first: usize,
    last: usize,
}

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map(|t| t.text(self.text)).unwrap_or("")
    }

    fn mention_at(&self, i: usize) -> Option<usize> {
        if i < self.first || i >= self.last {
            return None;
        }
        self.at[i - self.first]
    }

    /// The clause around token `i`: the token range between clause breaks.
    fn clause(&self, i: usize) -> (usize, usize) {
        let mut l = i;
        while l > self.first && !is_clause_break(self.word(l - 1)) {
            l -= 1;
        }
        let mut r = i + 1;
        while r < self.last && !is_clause_break(self.word(r)) {
            r += 1;
        }
        (l, r)
    }

    /// The nearest mention ending before token `i`, not before `l`.
    fn nearest_before(&self, i: usize, l: usize) -> Option<usize> {
        (l..i).rev().find_map(|j| self.mention_at(j))
    }

    /// The nearest mention starting at or after token `i`, before `r`,
    /// skipping actors after a locative preposition when `skip_places`.
    fn nearest_after(&self, i: usize, r: usize, skip_places: bool) -> Option<usize> {
        let mut j = i;
        while j < r {
            if let Some(m) = self.mention_at(j) {
                let start = self.mentions[m].first;
                let mut k = start;
                while k > i && matches!(self.word(k - 1), "the" | "The") {
                    k -= 1;
                }
                let place = k > 0 && is_locative(self.word(k - 1));
                if !(skip_places && place) {
                    return Some(m);
                }
                j = self.mentions[m].last;
                continue;
            }
            j += 1;
        }
        None
    }

    /// The actors coordinated with mention `m` ("A, B and C"), including it,
    /// as distinct actor indices.
    fn group(&self, m: usize) -> Vec<u32> {
        let mut members = vec![m];
        // Leftwards and rightwards over coordinators only.
        for dir in [-1i64, 1] {
            let mut cur = m;
            loop {
                let (edge, step_ok) = if dir < 0 {
                    (self.mentions[cur].first, self.mentions[cur].first > self.first)
                } else {
                    (self.mentions[cur].last, self.mentions[cur].last < self.last)
                };
                if !step_ok {
                    break;
                }
                let mut j = edge as i64 + if dir < 0 { -1 } else { 0 };
                let mut saw_and = false;
                let mut found = None;
                while j >= self.first as i64 && (j as usize) < self.last {
                    let ju = j as usize;
                    if let Some(n) = self.mention_at(ju) {
                        found = Some(n);
                        break;
                    }
                    let w = self.word(ju);
                    if !is_coordinator(w) {
                        break;
                    }
                    saw_and |= matches!(w, "and" | "," | "&");
                    j += dir;
                }
                match found {
                    Some(n) if saw_and && n != cur => {
                        members.push(n);
                        cur = n;
                    }
                    _ => break,
                }
            }
        }
        let mut actors: Vec<u32> = members.iter().map(|&k| self.mentions[k].actor).collect();
        actors.sort_unstable();
        actors.dedup();
        actors
    }

    /// Whether mention `m` is written as a possessive ("Moscow's").
    fn possessive(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        let last_tok = self.tokens[mention.last - 1];
        let tail = &self.text[mention.end..last_tok.end];
        matches!(tail, "'s" | "’s" | "'" | "’") || matches!(self.word(mention.last), "'s" | "’s")
    }
}

/// Finds the events of one document.
pub fn extract(text: &str, tokens: &[Token], sentences: &[(usize, usize)], mentions: &[Mention]) -> Vec<Event> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut mi = 0;
    for &(first, last) in sentences {
        while mi < mentions.len() && mentions[mi].first < first {
            mi += 1;
        }
        let mut mj = mi;
        while mj < mentions.len() && mentions[mj].last <= last {
            mj += 1;
        }
        let sent_mentions = &mentions[mi..mj];
        if sent_mentions.len() < 2 || first >= last {
            continue;
        }
        let mut at = vec![None; last - first];
        for (k, m) in sent_mentions.iter().enumerate() {
            for slot in at[m.first - first..m.last - first].iter_mut() {
                *slot = Some(k);
            }
        }
        let s = Sentence { text, tokens, mentions: sent_mentions, at, first, last };
        let span = (tokens[first].start, tokens[last - 1].end);
        sentence_events(&s, lex, span, &mut out);
    }
    out
}

fn sentence_events(s: &Sentence<'_>, lex: &Lexicon, span: (usize, usize), out: &mut Vec<Event>) {
    let mut last_trigger: Option<usize> = None;
    let mut seen: Vec<(u32, u32, &'static str)> = Vec::new();
    let mut i = s.first;
    while i < s.last {
        if s.mention_at(i).is_some() || !s.tokens[i].is_word {
            i += 1;
            continue;
        }
        let lower = s.word(i).to_lowercase();
        let Some(forms) = lex.forms.get(lower.as_str()) else {
            i += 1;
            continue;
        };
        // The longest matching definition (its following words present).
        let matched = forms
            .iter()
            .filter(|f| lex.defs[f.def].follow.iter().enumerate().all(|(k, w)| s.word(i + 1 + k).eq_ignore_ascii_case(w)))
            .max_by_key(|f| lex.defs[f.def].follow.len());
        let Some(form) = matched else {
            i += 1;
            continue;
        };
        let def = &lex.defs[form.def];
        let end = i + 1 + def.follow.len();
        let (l, r) = s.clause(i);
        let has_object = def.objects.is_empty()
            || (end..(end + 6).min(r)).any(|k| def.objects.iter().any(|o| s.word(k).eq_ignore_ascii_case(o)));
        let negated = (i.saturating_sub(4).max(l)..i).any(|k| is_negator(&s.word(k).to_lowercase()));
        let governed = i > l && s.word(i - 1) == "to" && last_trigger.is_some_and(|t| t + 7 >= i && t >= l);
        if has_object && def.pos != Pos::Adjective {
            last_trigger = Some(i);
        }
        if !has_object || negated || governed {
            i = end;
            continue;
        }
        if def.pos == Pos::Adjective {
            last_trigger = Some(i);
        }
        let passive = def.pos == Pos::Verb
            && form.participle
            && (i.saturating_sub(3).max(l)..i).any(|k| is_be(&s.word(k).to_lowercase()))
            && !(i.saturating_sub(3).max(l)..i).any(|k| matches!(s.word(k), "has" | "have" | "had"));
        let (source, target) = if def.pos == Pos::Noun {
            noun_actors(s, i, end, l, r, def.code)
        } else if passive {
            let by = (end..(end + 4).min(r)).find(|&k| s.word(k) == "by");
            let source = by.and_then(|k| s.nearest_after(k + 1, (k + 4).min(r), false));
            (source, s.nearest_before(i, l))
        } else {
            (s.nearest_before(i, l), s.nearest_after(end, r, true))
        };
        if let (Some(src), Some(tgt)) = (source, target) {
            let trigger = (s.tokens[i].start, s.tokens[end - 1].end);
            for a in s.group(src) {
                for b in s.group(tgt) {
                    if a == b || seen.contains(&(a, b, def.code)) {
                        continue;
                    }
                    seen.push((a, b, def.code));
                    out.push(Event { start: span.0, end: span.1, source: a, target: b, code: def.code, trigger });
                }
            }
        }
        i = end;
    }
}

/// Source and target of an event noun at tokens `i..end` in the clause `l..r`.
fn noun_actors(s: &Sentence<'_>, i: usize, end: usize, l: usize, r: usize, code: &str) -> (Option<usize>, Option<usize>) {
    let mut source = None;
    let mut target = None;
    let mut k = end;
    while k < r.min(end + 6) {
        let w = s.word(k);
        if w == "from" {
            source = source.or_else(|| s.mention_at(k + 1).or_else(|| s.mention_at(k + 2).filter(|_| s.word(k + 1) == "the")));
        } else if introduces_target(w, code) && target.is_none() {
            target = s.mention_at(k + 1).or_else(|| s.mention_at(k + 2).filter(|_| matches!(s.word(k + 1), "the" | "its")));
        }
        k += 1;
    }
    let before = (i.saturating_sub(4).max(l)..i).rev().find_map(|j| s.mention_at(j).filter(|&m| s.possessive(m)));
    let source = source.or(before).or_else(|| s.nearest_before(i, l));
    (source, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verb_forms() {
        let forms = |l: &str| verb_forms(l).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(forms("attack"), ["attack", "attacks", "attacked", "attacking"]);
        assert_eq!(forms("criticize"), ["criticize", "criticizes", "criticized", "criticizing"]);
        assert_eq!(forms("ban"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("arrive"), ["arrive", "arrives", "arrived", "arriving"]);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visiting"]);
    }

    #[test]
    fn lexicon_reads_every_line() {
        let lex = lexicon();
        assert!(lex.defs.len() > 150);
        assert!(lex.forms.contains_key("condemned"));
        assert!(lex.forms.contains_key("fought"));
        assert!(!lex.forms.contains_key("back"), "forms-only verbs do not add their lemma");
    }
}
