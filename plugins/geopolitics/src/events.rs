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

use std::sync::OnceLock;

use crate::actors::Mention;
use crate::gazetteer::Role;
use crate::hash::{FnvHashMap, FnvHashSet, WordFilter};
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
    forms: FnvHashMap<String, Vec<Form>>,
    /// The same forms, to pass over most words before they are lower-cased and looked up.
    form_filter: WordFilter,
}

const TRIGGERS_TSV: &str = include_str!("../data/triggers.tsv");

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a one-syllable verb doubles its last consonant before -ed/-ing ("ban" → "banned").
fn doubles_final_consonant(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    (3..=4).contains(&n)
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
    let gerund = if let Some(stem_ie) = lemma.strip_suffix("ie") {
        format!("{stem_ie}ying")
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
        let mut forms: FnvHashMap<String, Vec<Form>> = FnvHashMap::default();
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
        let mut form_filter = WordFilter::new(forms.len());
        for form in forms.keys() {
            form_filter.insert(form.as_bytes());
        }
        Lexicon { defs, forms, form_filter }
    })
}

/// Words that negate a following trigger.
fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not" | "never" | "no" | "refused" | "refuses" | "refuse" | "refusing" | "declined" | "declines" | "decline"
            | "declining" | "failed" | "fails" | "without" | "unwilling" | "nor" | "neither" | "cannot" | "avoided"
            | "cancelled" | "canceled" | "cancel" | "postponed" | "postpone" | "scrapped" | "halted"
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

/// Words between a locative preposition and a place ("in the east of", "in southern").
fn is_place_modifier(w: &str) -> bool {
    matches!(
        w,
        "the" | "The" | "east" | "west" | "north" | "south" | "eastern" | "western" | "northern" | "southern"
            | "central" | "northeastern" | "northwestern" | "southeastern" | "southwestern" | "Eastern" | "Western"
            | "Northern" | "Southern" | "Central" | "neighbouring" | "neighboring" | "rebel-held" | "occupied"
    )
}

/// Verbs of saying that follow their subject in a reporting clause.
fn is_reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "reported" | "reports" | "announced" | "confirmed" | "stated" | "added"
            | "quoted" | "according"
    )
}

/// Verbs whose object is an event noun done by their subject ("launched an invasion", "held talks").
fn is_light_verb(w: &str) -> bool {
    matches!(
        w,
        "launched" | "launch" | "launches" | "launching" | "began" | "begin" | "begun" | "started" | "start"
            | "carried" | "conducted" | "conduct" | "conducting" | "staged" | "stage" | "waged" | "wage" | "wages" | "ordered"
            | "mounted" | "held" | "hold" | "holds" | "holding" | "made" | "make" | "paid"
            | "pay" | "continued" | "continue" | "stepped" | "opened" | "open" | "resumed" | "resume" | "renewed"
            | "offered" | "offer" | "offers" | "gave" | "give" | "extended" | "expressed" | "issued" | "imposed"
            | "impose" | "imposes" | "reimposed" | "tightened" | "tighten" | "announced" | "completed" | "undertook" | "pledged" | "sent" | "provided"
            | "provide" | "provides" | "providing" | "intensified" | "escalated" | "led" | "leads" | "joined"
    )
}

/// Words before a form that make it a verb rather than a noun ("to support", "will visit").
fn verb_context(w: &str) -> bool {
    matches!(
        w,
        "to" | "will" | "would" | "can" | "could" | "may" | "might" | "shall" | "should" | "must" | "did" | "does"
            | "do" | "not" | "also" | "then" | "and" | "never" | "jointly" | "strongly" | "firmly" | "further"
            | "publicly" | "openly" | "repeatedly" | "immediately" | "he" | "she" | "they" | "we" | "it" | "who"
            | "which" | "that" | "officially" | "already" | "still" | "again" | "fully" | "formally"
    )
}

/// Prepositions that introduce the target of an event noun.
fn introduces_target(w: &str, code: &str) -> bool {
    // "sanctions on Iran", not "sanctions and arms sales to Kyiv".
    if code.starts_with("16") {
        return matches!(w, "on" | "against" | "upon" | "toward" | "towards");
    }
    matches!(w, "of" | "on" | "against" | "with" | "to" | "for" | "toward" | "towards" | "into" | "upon" | "between")
        || (w == "in" && matches!(&code[..2], "14" | "15" | "18" | "19"))
        // "military exercises near Taiwan": a show of force aimed at the place.
        || (matches!(w, "near" | "off" | "around") && code.starts_with("15"))
}

/// Tokens that end a clause for the search of actors.
fn is_clause_break(w: &str) -> bool {
    matches!(w, ";" | ":" | "but" | "while" | "whereas" | "although" | "though" | "—" | "(" | ")")
}

/// Tokens that join coordinated actors ("the EU and the United States").
fn is_coordinator(w: &str) -> bool {
    matches!(w, "and" | "," | "&" | "the" | "The" | "as" | "well" | "both" | "Both" | "its" | "their")
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The sentence's actor mentions, and agents ("police") standing for its only state.
    mentions: Vec<Mention>,
    /// Per mention: whether it is an agent noun rather than a name.
    agent: Vec<bool>,
    /// Whether every actor of the sentence is one and the same state.
    one_state: bool,
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

    /// The actor acting at token `i`: the nearest mention before it in the
    /// clause, preferring one that is not in a prepositional phrase ("the US
    /// commander in Iraq held talks" → US; "the UN sent staff to Bosnia to
    /// investigate" → UN). A relative
    /// pronoun met first ("the group that seized") makes its antecedent the
    /// subject: an actor right before it, else none.
    fn subject_before(&self, i: usize, l: usize) -> Option<usize> {
        let mut fallback = None;
        // "from London where he attended": a personal pronoun is the subject, not an actor in a phrase before it.
        let mut pronoun = false;
        let mut j = i;
        while j > l {
            j -= 1;
            if fallback.is_none() && matches!(self.word(j), "he" | "she" | "they" | "we" | "I" | "He" | "She" | "They" | "We") {
                pronoun = true;
            }
            if let Some(m) = self.mention_at(j) {
                if self.in_introductory_phrase(m, i) {
                    return None;
                }
                let first = self.mentions[m].first;
                let in_phrase = first > l && matches!(self.word(first - 1), "to" | "from" | "with" | "for" | "against" | "of" | "into");
                if !self.after_locative(m) && !in_phrase {
                    return Some(m);
                }
                if !pronoun {
                    fallback = fallback.or(Some(m));
                }
                j = self.mentions[m].first;
                continue;
            }
            if fallback.is_none() && matches!(self.word(j), "that" | "which" | "who") && j + 1 < i {
                let before = j.checked_sub(1).filter(|&k| k >= l);
                let antecedent = before.and_then(|k| self.mention_at(k).or_else(|| self.mention_at(k.saturating_sub(1)).filter(|_| self.word(k) == ",")));
                if antecedent.is_some() || before.is_some_and(|k| self.tokens[k].is_word && !is_reporting_verb(self.word(k))) {
                    return antecedent;
                }
            }
        }
        fallback
    }

    /// Whether mention `m` sits in an introductory phrase ("In the eyes of
    /// Chinese officials, European countries backed ..."): the sentence
    /// starts with a preposition, and a comma after `m` is followed by a
    /// word that is not an actor, before the trigger at `i`.
    fn in_introductory_phrase(&self, m: usize, i: usize) -> bool {
        let opens_with_preposition = matches!(
            self.word(self.first),
            "In" | "For" | "After" | "Before" | "During" | "Unlike" | "Like" | "With" | "Despite" | "Amid" | "Since" | "Under" | "To"
        );
        let mention = &self.mentions[m];
        opens_with_preposition
            && (mention.last..i).any(|k| self.word(k) == "," && self.mention_at(k + 1).is_none() && self.tokens.get(k + 1).is_some_and(|t| t.is_word))
            && !(self.first..mention.first).any(|k| self.word(k) == ",")
    }

    /// The subject of the clause `l..i`: its first actor that is not in a
    /// prepositional phrase, when it comes before any verb-like word.
    fn main_subject(&self, l: usize, i: usize) -> Option<usize> {
        let mut j = l;
        while j < i {
            if let Some(m) = self.mention_at(j) {
                let in_pp = j > l && is_preposition(self.word(j - 1));
                if !in_pp && !self.after_locative(m) {
                    return Some(m);
                }
                j = self.mentions[m].last;
                continue;
            }
            j += 1;
        }
        None
    }

    /// Whether mention `m` follows a locative preposition ("in Iraq", "in southern Lebanon").
    fn after_locative(&self, m: usize) -> bool {
        let mut k = self.mentions[m].first;
        while k > self.first && is_place_modifier(self.word(k - 1)) {
            k -= 1;
        }
        k > self.first && is_locative(self.word(k - 1))
    }

    /// The nearest mention starting at or after token `i`, before `r`,
    /// skipping actors after a locative preposition when `skip_places`.
    fn nearest_after(&self, i: usize, r: usize, skip_places: bool, code: &str) -> Option<usize> {
        self.nearest_after_ext(i, r, skip_places, true, code)
    }

    /// As [`Sentence::nearest_after`]; `skip_agents` also skips actors after
    /// "by" (the agent of a noun: "condemned allegations by Rwanda").
    fn nearest_after_ext(&self, i: usize, r: usize, skip_places: bool, skip_agents: bool, code: &str) -> Option<usize> {
        let mut j = i;
        while j < r {
            // ", and France showed ...": a new clause starts; its subject is no target.
            if self.word(j) == "," && matches!(self.word(j + 1), "and" | "but" | "while" | "whereas" | "although" | "though") {
                return None;
            }
            if let Some(m) = self.mention_at(j) {
                let start = self.mentions[m].first;
                let mut k = start;
                while k > i && is_place_modifier(self.word(k - 1)) {
                    k -= 1;
                }
                // "fired at Russia": "at" introduces the target of an attack.
                let at_target = self.word(k.saturating_sub(1)) == "at" && matches!(&code[..2], "18" | "19" | "20" | "13");
                let place = k > 0 && is_locative(self.word(k - 1)) && !at_target;
                let agent = skip_agents && self.word(k.saturating_sub(1)) == "by";
                if !(skip_places && place || agent || self.reports(m)) {
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
        // A list needs an "and" somewhere ("A, B and C"); commas alone join appositions.
        let mut joined_by_and = false;
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
                let mut saw_comma = false;
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
                    saw_and |= matches!(w, "and" | "&");
                    saw_comma |= w == ",";
                    j += dir;
                }
                match found {
                    Some(n) if (saw_and || saw_comma) && n != cur => {
                        joined_by_and |= saw_and;
                        members.push(n);
                        cur = n;
                    }
                    _ => break,
                }
            }
        }
        if !joined_by_and {
            members.truncate(1);
        }
        let mut actors: Vec<u32> = members.iter().map(|&k| self.mentions[k].actor).collect();
        actors.sort_unstable();
        actors.dedup();
        actors
    }

    /// Whether mention `m` is the subject of a reporting clause (", the White
    /// House announced", "a Jordanian official confirmed"): a reporter, not a target.
    fn reports(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        (mention.last..(mention.last + 4).min(self.last))
            .take_while(|&j| self.tokens[j].is_word)
            .any(|j| is_reporting_verb(self.word(j)))
    }

    /// Whether an event between mentions `a` and `b` of the same state may be
    /// a domestic one ("Insurgents shelled Aleppo", "Egyptian police fired on
    /// Egyptian demonstrators"): they are apart, and one is an agent noun
    /// standing for the state's people or institutions, or, in a sentence
    /// about that state alone, a demonym naming a group.
    fn may_be_domestic(&self, a: usize, b: usize) -> bool {
        let (ma, mb) = (&self.mentions[a], &self.mentions[b]);
        let apart = ma.last + 1 < mb.first || mb.last + 1 < ma.first;
        apart && (self.agent[a] || self.agent[b] || (self.one_state && (self.names_group(a) || self.names_group(b))))
    }

    /// Whether mention `m` is a demonym naming a group ("Egyptian police",
    /// "Palestinian armed groups"): an agent noun within two words after it.
    fn names_group(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        mention.role == Role::Demonym
            && (mention.last..(mention.last + 2).min(self.last)).any(|k| agents().words.contains(self.word(k).to_lowercase().as_str()))
    }

    /// "X said Y must ...": a demand by X on Y at the modal `must` (token `i`).
    fn must_demand(&self, i: usize, l: usize) -> Option<(usize, usize)> {
        let target = self.nearest_before(i, i.saturating_sub(4).max(l))?;
        let t_first = self.mentions[target].first;
        let verb = (l..t_first).rev().take(3).find(|&k| {
            matches!(self.word(k), "said" | "says" | "declared" | "reiterated" | "insisted" | "stressed" | "warned" | "that")
        })?;
        let verb = if self.word(verb) == "that" { (l..verb).rev().take(3).find(|&k| self.word(k) != "that")? } else { verb };
        let source = self.subject_before(verb, l)?;
        (source != target).then_some((source, target))
    }

    /// Whether mention `m` is written as a possessive ("Moscow's").
    fn possessive(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        let last_tok = self.tokens[mention.last - 1];
        let tail = &self.text[mention.end..last_tok.end];
        matches!(tail, "'s" | "’s" | "'" | "’") || matches!(self.word(mention.last), "'s" | "’s")
    }
}

/// `word` in lower case: `word` itself if it is ASCII without capitals,
/// else written into `buf`.
fn lowercase<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    buf
}

const AGENTS_TXT: &str = include_str!("../data/agents.txt");

/// The agent nouns, and a filter over them.
struct Agents {
    words: FnvHashSet<&'static str>,
    filter: WordFilter,
}

fn agents() -> &'static Agents {
    static AGENTS: OnceLock<Agents> = OnceLock::new();
    AGENTS.get_or_init(|| {
        let words: FnvHashSet<&'static str> = AGENTS_TXT.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(str::trim).collect();
        let mut filter = WordFilter::new(words.len());
        for w in &words {
            filter.insert(w.as_bytes());
        }
        Agents { words, filter }
    })
}

/// The mentions of a sentence plus its agent nouns: when the sentence names
/// one state only, an agent noun ("rebels", "police") with no actor just
/// before it stands for an actor of that state.
fn with_agents(text: &str, tokens: &[Token], (first, last): (usize, usize), mentions: &[Mention], is_state: &dyn Fn(u32) -> bool) -> (Vec<Mention>, Vec<bool>, bool) {
    let mut states = mentions.iter().map(|m| m.actor).filter(|&a| is_state(a));
    let sole = states.next().filter(|&a| states.all(|b| b == a));
    let one_state = sole.is_some() && mentions.iter().all(|m| is_state(m.actor));
    let mut parts: Vec<(Mention, bool)> = mentions.iter().map(|m| (*m, false)).collect();
    if let Some(state) = sole {
        let agent_words = agents();
        let mut lower = String::new();
        for j in first..last {
            let t = tokens[j];
            if !t.is_word {
                continue;
            }
            let word = t.text(text);
            // (An ASCII word the filter rejects, lower-cased, is no agent noun.)
            let filtered_out = word.is_ascii() && !agent_words.filter.may_contain(word.as_bytes());
            if filtered_out || !agent_words.words.contains(lowercase(word, &mut lower)) || mentions.iter().any(|m| m.first <= j && j < m.last) {
                continue;
            }
            // An actor within the three words before, with only words between, anchors the noun.
            let anchored = mentions.iter().any(|m| m.last <= j && m.last + 3 >= j && (m.last..j).all(|k| tokens[k].is_word));
            if !anchored {
                let m = Mention { start: t.start, end: t.end, actor: state, role: Role::Demonym, first: j, last: j + 1 };
                parts.push((m, true));
            }
        }
        parts.sort_by_key(|(m, _)| m.first);
    }
    let (mentions, agent) = parts.into_iter().unzip();
    (mentions, agent, one_state)
}

/// The subject of a sentence: its first actor that is not the object of a
/// preposition ("In Paris, France said ..." → France), states first.
fn sentence_subject(tokens: &[Token], text: &str, first: usize, mentions: &[Mention], is_state: &dyn Fn(u32) -> bool) -> Option<u32> {
    let free = |m: &&Mention| m.first == first || !is_preposition(tokens[m.first - 1].text(text));
    let mut candidates = mentions.iter().filter(free);
    candidates.clone().find(|m| is_state(m.actor)).or_else(|| candidates.next()).map(|m| m.actor)
}

/// Definite descriptions that refer back to a state ("the country said").
fn is_state_description(w: &str) -> bool {
    matches!(w, "country" | "government" | "kingdom" | "regime" | "administration" | "republic" | "authorities" | "officials" | "leadership")
}

/// The mentions of a sentence plus its anaphors as mentions of their antecedent, so that
/// "it", "the country" or "the government" can be the source or target of an
/// event: "France accused Rwanda ... but said it would mend ties with Kigali"
/// (it → France). The antecedent of a subject pronoun is the sentence's own
/// subject before it, else `previous` (the subject of the latest sentence
/// naming an actor); a description ("the country", "the government", bare
/// "officials") takes a state only. "It" counts only as a subject (at the
/// start of a clause, after "said"/"that"/"and"), not as an expletive ("it
/// is", "it seems").
fn with_anaphora(
    text: &str,
    tokens: &[Token],
    (first, last): (usize, usize),
    mentions: &[Mention],
    previous: Option<u32>,
    is_state: &dyn Fn(u32) -> bool,
) -> Vec<Mention> {
    // Words of this sentence only: an anaphor never reaches into the next one.
    let word = |k: usize| if k < last { tokens.get(k).map_or("", |t| t.text(text)) } else { "" };
    let covered = |k: usize, ms: &[Mention]| ms.iter().any(|m| m.first <= k && k < m.last);
    let mut added = Vec::new();
    for j in first..last {
        let w = word(j);
        if !matches!(w, "it" | "It" | "the" | "The" | "officials") {
            continue;
        }
        let before = if j > first { word(j - 1) } else { "" };
        let clause_start = j == first
            || matches!(before, "," | ";" | "that" | "and" | "but" | "said" | "says" | "added" | "saying" | "while" | "as" | "because" | "“" | "\"");
        let (span, wants_state) = if w == "it" || w == "It" {
            let expletive = matches!(word(j + 1), "is" | "was" | "'s" | "’s" | "seems" | "seemed" | "appears" | "appeared" | "remains" | "remained" | "will" | "would" | "has" | "had" | "may" | "might" | "could" | "be")
                && matches!(word(j + 2), "be" | "been" | "clear" | "likely" | "unclear" | "possible" | "not" | "too" | "time" | "important" | "necessary" | "that" | "to" | "a" | "the" | "hard" | "difficult" | "unlikely");
            if !clause_start || expletive {
                continue;
            }
            ((j, j + 1), false)
        } else if matches!(w, "the" | "The") && is_state_description(word(j + 1)) && !covered(j + 1, mentions) && word(j + 2) != "of" {
            ((j, j + 2), true)
        } else if w == "officials" && !(j > first && covered(j - 1, mentions)) && !matches!(before, "of" | "the" | "The") && word(j + 1) != "from" {
            ((j, j + 1), true)
        } else {
            continue;
        };
        if covered(span.0, mentions) {
            continue;
        }
        // The antecedent: the sentence's subject before the anaphor, else the previous one.
        let own = mentions.iter().filter(|m| m.last <= span.0 && (m.first == first || !is_preposition(word(m.first - 1)))).map(|m| m.actor).find(|&a| !wants_state || is_state(a));
        let Some(actor) = own.or(previous).filter(|&a| !wants_state || is_state(a)) else { continue };
        let role = if wants_state { Role::Government } else { Role::Country };
        added.push(Mention { start: tokens[span.0].start, end: tokens[span.1 - 1].end, actor, role, first: span.0, last: span.1 });
    }
    added.extend_from_slice(mentions);
    added.sort_by_key(|m| m.first);
    added
}

/// Finds the events of one document; `is_state` tells states from organisations.
pub fn extract(text: &str, tokens: &[Token], sentences: &[(usize, usize)], mentions: &[Mention], is_state: &dyn Fn(u32) -> bool) -> Vec<Event> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut mi = 0;
    // The state (or organisation) that was the subject of the latest sentence naming one.
    let mut subject: Option<u32> = None;
    for &(first, last) in sentences {
        while mi < mentions.len() && mentions[mi].first < first {
            mi += 1;
        }
        let mut mj = mi;
        while mj < mentions.len() && mentions[mj].last <= last {
            mj += 1;
        }
        if mj == mi || first >= last {
            continue;
        }
        let previous_subject = subject;
        subject = sentence_subject(tokens, text, first, &mentions[mi..mj], is_state).or(previous_subject);
        let named = with_anaphora(text, tokens, (first, last), &mentions[mi..mj], previous_subject, is_state);
        let (sent_mentions, agent, one_state) = with_agents(text, tokens, (first, last), &named, is_state);
        if sent_mentions.len() < 2 {
            continue;
        }
        let mut at = vec![None; last - first];
        for (k, m) in sent_mentions.iter().enumerate() {
            for slot in at[m.first - first..m.last - first].iter_mut() {
                *slot = Some(k);
            }
        }
        let s = Sentence { text, tokens, mentions: sent_mentions, agent, one_state, at, first, last };
        let span = (tokens[first].start, tokens[last - 1].end);
        sentence_events(&s, lex, span, &mut out);
    }
    out
}

fn sentence_events(s: &Sentence<'_>, lex: &Lexicon, span: (usize, usize), out: &mut Vec<Event>) {
    let mut last_trigger: Option<(usize, &'static str)> = None;
    let mut seen: Vec<(u32, u32, &'static str)> = Vec::new();
    let mut lower_buf = String::new();
    let mut i = s.first;
    while i < s.last {
        if s.mention_at(i).is_some() || !s.tokens[i].is_word {
            i += 1;
            continue;
        }
        let word = s.word(i);
        // (An ASCII word the filter rejects, lower-cased, is no trigger form.)
        if word.is_ascii() && !word.eq_ignore_ascii_case("must") && !lex.form_filter.may_contain(word.as_bytes()) {
            i += 1;
            continue;
        }
        let lower = lowercase(word, &mut lower_buf);
        if lower == "must" {
            let (l, _) = s.clause(i);
            if let Some((src, tgt)) = s.must_demand(i, l) {
                let trigger = (s.tokens[i].start, s.tokens[i].end);
                for a in s.group(src) {
                    for b in s.group(tgt).into_iter().filter(|&b| b != a) {
                        if !seen.contains(&(a, b, "100")) {
                            seen.push((a, b, "100"));
                            out.push(Event { start: span.0, end: span.1, source: a, target: b, code: "100", trigger });
                        }
                    }
                }
            }
            i += 1;
            continue;
        }
        let Some(forms) = lex.forms.get(lower) else {
            i += 1;
            continue;
        };
        // The longest matching definition (its following words present); a
        // form that is both a verb and a noun is read by its left context.
        let after_possessive = i > s.first && s.mention_at(i - 1).is_some_and(|m| s.possessive(m));
        // "by criticizing": a gerund after "by" is a verb (the means of the main clause's subject).
        let means = i > s.first && s.word(i - 1) == "by" && lower.ends_with("ing");
        let nominal_context = i > s.first && !means && (after_possessive || is_determiner_or_preposition(s.word(i - 1)));
        let as_verb = i > s.first && !after_possessive && (verb_context(s.word(i - 1)) || s.mention_at(i - 1).is_some_and(|m| s.mentions[m].role != Role::Demonym));
        let (l, r) = s.clause(i);
        // Whether the object words a definition needs appear shortly after it.
        let objects_present = |def: &TriggerDef| {
            let end = i + 1 + def.follow.len();
            def.objects.is_empty() || (end..(end + 8).min(r)).any(|k| def.objects.iter().any(|o| s.word(k).eq_ignore_ascii_case(o)))
        };
        // The definition whose words follow, its objects present (specific
        // ones first: "expelled diplomats"), longest, of the part of speech
        // the left context suggests.
        let matched = forms
            .iter()
            .filter(|f| lex.defs[f.def].follow.iter().enumerate().all(|(k, w)| s.word(i + 1 + k).eq_ignore_ascii_case(w)))
            .filter(|f| objects_present(&lex.defs[f.def]))
            .max_by_key(|f| {
                let d = &lex.defs[f.def];
                (d.follow.len(), !d.objects.is_empty(), (d.pos == Pos::Noun) != as_verb)
            });
        let Some(form) = matched else {
            i += 1;
            continue;
        };
        let def = &lex.defs[form.def];
        let end = i + 1 + def.follow.len();
        // "fighting against extradition", "battle for survival": a figurative fight with no actor as object.
        let figurative = def.code == "190"
            && matches!(s.word(end), "against" | "for")
            && (end + 1..(end + 4).min(s.last)).all(|k| s.mention_at(k).is_none());
        if figurative {
            i = end;
            continue;
        }
        // "Moscow's help", "bans on travel to": a verb form used as a noun;
        // "war crimes", "attack helicopters": an event noun modifying another.
        let modifier = def.pos != Pos::Verb && is_compound_head(s.word(end));
        if (def.pos == Pos::Verb && nominal_context && !form.participle) || modifier {
            i = end;
            continue;
        }
        let negated = (i.saturating_sub(4).max(l)..i).any(|k| is_negator(&s.word(k).to_lowercase()));
        // "a day before Sarkozy heads to Beijing", "unless Baghdad accepts": not (yet) an event.
        let hypothetical = (l..i).rev().take_while(|&k| s.word(k) != ",").any(|k| matches!(s.word(k), "before" | "unless" | "if" | "until" | "whether"));
        // Governed by an earlier trigger: "agreed to meet", "threatened to
        // attack", "promised to continue military aid".
        // A commitment to yield, investigate, sanction or coerce ("agreed to
        // lift the sanctions", "pledged to expel") is coded as that act.
        let committed = last_trigger.is_some_and(|(t, code)| code.starts_with("03") && t + 4 >= i && !matches!(s.word(t), "willing" | "ready"))
            && i > l
            && s.word(i - 1) == "to"
            && matches!(&def.code[..2], "08" | "09" | "16" | "17");
        let governed = !committed
            && last_trigger.is_some_and(|(t, code)| {
                t >= l && ((i > l && s.word(i - 1) == "to" && t + 10 >= i) || (t + 6 >= i && is_governing(code)))
            });
        let prev = if i > l { s.word(i - 1) } else { "" };
        // "the alleged bombers", "into alleged crimes": a participle used as an adjective.
        let adjectival = form.participle
            && def.pos == Pos::Verb
            && (is_determiner_or_preposition(prev) || (i > l && lex.forms.contains_key(prev.to_lowercase().as_str())))
            && s.tokens.get(end).is_some_and(|t| t.is_word && s.word(end).chars().next().is_some_and(char::is_lowercase));
        if def.pos != Pos::Adjective && !adjectival && !governed {
            last_trigger = Some((i, def.code));
        }
        // "would not provide support", "declined to meet": a refusal to cooperate is a rejection.
        let refused = negated
            && matches!(&def.code[..2], "03" | "04" | "05" | "06" | "07" | "08")
            && (i.saturating_sub(4).max(l)..i).any(|k| is_refusal(&s.word(k).to_lowercase()));
        if (negated && !refused) || governed || adjectival || hypothetical {
            i = end;
            continue;
        }
        if def.pos == Pos::Adjective {
            last_trigger = Some((i, def.code));
        }
        // "will visit", "would support": an intent; "will attack": a threat.
        // "plans to impose", "wants to attack": an intent, as after "will".
        let planned = prev == "to" && i >= l + 2 && is_plan_verb(s.word(i - 2));
        let code = if def.pos == Pos::Verb && planned && def.code.starts_with("07") {
            // "wants to help": an intent to give aid ("will supply arms" is coded as aid).
            "033"
        } else if def.pos == Pos::Verb && (planned || matches!(prev, "will" | "would" | "shall" | "'ll")) {
            intent_code(def.code)
        } else {
            def.code
        };
        let code = if refused { reject_code(def.code) } else { violence_code(s, i, end, l, r, code) };
        // The agent's "by", not a means ("helped Russia by criticizing") nor after an object.
        let by = (end..(end + 3).min(r))
            .find(|&k| s.word(k) == "by")
            .filter(|&k| !s.word(k + 1).ends_with("ing") && (end..k).all(|j| s.mention_at(j).is_none()));
        let passive = def.pos == Pos::Verb
            && form.participle
            // "X was attacked by", "the embassy attacked by": a participle with its agent.
            && (by.is_some_and(|k| k <= end + 1)
                || ((i.saturating_sub(3).max(l)..i).any(|k| is_be(&s.word(k).to_lowercase()))
                    && !(i.saturating_sub(3).max(l)..i).any(|k| matches!(s.word(k), "has" | "have" | "had"))));
        let (source, target) = if def.pos == Pos::Noun {
            noun_actors(s, i, end, l, r, code)
        } else if passive {
            let source = by.and_then(|k| s.nearest_after_ext(k + 1, (k + 4).min(r), false, false, code));
            (source, s.nearest_before(i, l))
        } else {
            // ", accusing it of ...", "by criticizing ...": the main clause's subject acts.
            let participial = s.word(i).ends_with("ing") && i > l && matches!(s.word(i - 1), "," | "by" | "while" | "after" | "before");
            let subject = if participial { s.main_subject(l, i) } else { s.subject_before(i, l) };
            // A pronoun object ("accusing it of ...") hides the target: no coreference here.
            let pronoun_object = matches!(s.word(end), "it" | "them" | "him" | "her" | "itself" | "themselves" | "us" | "me");
            let target = if pronoun_object { None } else { s.nearest_after(end, r, !code.starts_with("04"), code) };
            // "bombers killed 23 people in Tel Aviv": an attack with no named
            // target is against the state where it happens, if another.
            let violent = matches!(&code[..2], "18" | "19" | "20");
            let target = target.or_else(|| {
                let place = s.nearest_after(end, r, false, code).filter(|_| violent && !pronoun_object)?;
                let in_place = s.after_locative(place) && {
                    let mut k = s.mentions[place].first;
                    while k > s.first && is_place_modifier(s.word(k - 1)) {
                        k -= 1;
                    }
                    matches!(s.word(k.saturating_sub(1)), "in" | "inside")
                };
                (in_place && subject.map(|m| s.mentions[m].actor) != Some(s.mentions[place].actor)).then_some(place)
            });
            (subject, target)
        };
        let source_group = source.map(|m| s.group(m)).unwrap_or_default();
        // "Israel and Lebanon renewed negotiations on ...", "Egypt and Israel met in Cairo": a joint event.
        let joint = is_mutual(code)
            && source_group.len() > 1
            && (def.pos == Pos::Noun || target.is_some_and(|t| s.after_locative(t) && source_group.contains(&s.mentions[t].actor)));
        let target = if joint { None } else { target };
        let trigger = (s.tokens[i].start, s.tokens[end - 1].end);
        let domestic = match (source, target) {
            (Some(a), Some(b)) => s.may_be_domestic(a, b),
            _ => false,
        };
        let mut emit = |a: u32, b: u32| {
            if (a != b || domestic || (s.one_state && matches!(&code[..2], "14" | "17"))) && !seen.contains(&(a, b, code)) {
                seen.push((a, b, code));
                out.push(Event { start: span.0, end: span.1, source: a, target: b, code, trigger });
            }
        };
        match (source, target) {
            (Some(src), Some(tgt)) => {
                for a in s.group(src) {
                    for b in s.group(tgt) {
                        emit(a, b);
                    }
                }
            }
            // "Algerian landowners began a hunger strike", "Nigerian authorities
            // jailed 52 members": in a sentence about one state, a protest or a
            // coercion without a named target is domestic.
            (Some(src), None) if s.one_state && matches!(&code[..2], "14" | "17") => {
                let a = s.mentions[src].actor;
                emit(a, a);
            }
            // "Brazil and the United States agreed": each with each other.
            (Some(src), None) if is_mutual(code) => {
                let members = s.group(src);
                for &a in &members {
                    for &b in members.iter().filter(|&&b| b != a) {
                        emit(a, b);
                    }
                }
            }
            _ => {}
        }
        i = end;
    }
}

/// Words that make a killing part of an armed fight between forces.
fn is_combat_word(w: &str) -> bool {
    matches!(
        w,
        "clash" | "clashes" | "clashed" | "fighting" | "gunbattle" | "gunbattles" | "firefight" | "firefights" | "battle"
            | "battles" | "combat" | "shelling" | "airstrike" | "airstrikes" | "artillery" | "offensive" | "skirmish"
            | "skirmishes" | "crossfire" | "ambush" | "attack" | "attacks" | "strike" | "strikes" | "raid" | "raids"
    )
}

/// Nouns for military forces and weapons: when they do the killing, it is fighting.
fn is_military_agent(w: &str) -> bool {
    matches!(
        w,
        "forces" | "troops" | "army" | "military" | "aircraft" | "warplanes" | "jets" | "gunships" | "helicopters"
            | "drones" | "drone" | "tanks" | "navy" | "artillery" | "soldiers" | "marines"
    )
}

/// Nouns for armed forces: killing them is fighting, not assault.
fn is_combatant(w: &str) -> bool {
    matches!(
        w,
        "soldier" | "soldiers" | "troops" | "troopers" | "servicemen" | "fighters" | "militants" | "rebels" | "insurgents"
            | "gunmen" | "militiamen" | "guerrillas" | "jihadists" | "combatants" | "marines" | "paratroopers"
    )
}

/// Tells assault (CAMEO 18: one-sided violence against people) from fight
/// (19: armed clashes between forces) for a violent trigger at tokens
/// `i..end` in the clause `l..r`. A killing ("1823") is a fight when the
/// clause speaks of combat ("in a gunbattle", "in an attack"), the killers
/// are military forces ("troops", "aircraft") or the victims are armed
/// ("killed three soldiers"); a bombing or attack qualified as "suicide",
/// "car" or "roadside" is a non-military bombing (183).
fn violence_code(s: &Sentence<'_>, i: usize, end: usize, l: usize, r: usize, code: &'static str) -> &'static str {
    let lower = |k: usize| s.word(k).to_ascii_lowercase();
    if code == "1823" && (l..r).any(|k| matches!(lower(k).as_str(), "suicide" | "roadside" | "bomber" | "bombers" | "car-bomb")) {
        return "183";
    }
    if code == "1823" {
        let combat = (l..r).any(|k| is_combat_word(&lower(k))) || (l..i).any(|k| is_military_agent(&lower(k)));
        // The victims: the object after the verb, or the subject of a passive ("soldiers were killed").
        let passive = (i.saturating_sub(4).max(l)..i).any(|k| is_be(&lower(k)));
        let victims = (end..(end + 5).min(r)).any(|k| is_combatant(&lower(k))) || (passive && (i.saturating_sub(4).max(l)..i).any(|k| is_combatant(&lower(k))));
        return if combat || victims { "190" } else { code };
    }
    let bombing = matches!(&code[..2], "19") && matches!(s.word(i).to_ascii_lowercase().as_str(), "bombing" | "bombings" | "attack" | "attacks" | "blast" | "explosion");
    if bombing && (i.saturating_sub(2).max(l)..i).any(|k| matches!(lower(k).as_str(), "suicide" | "car" | "roadside" | "truck")) {
        return "183";
    }
    code
}

/// Whether a trigger with this code governs the event words right after it
/// (an appeal, intent, demand, rejection or threat is about them, not them).
fn is_governing(code: &str) -> bool {
    matches!(&code[..2], "02" | "03" | "10" | "12" | "13")
}

/// Nouns that an event noun modifies without naming an event ("war crimes", "attack helicopters").
fn is_compound_head(w: &str) -> bool {
    matches!(
        w,
        "crimes" | "crime" | "criminal" | "criminals" | "veteran" | "veterans" | "memorial" | "games" | "correspondent"
            | "reporter" | "helicopter" | "helicopters" | "aircraft" | "dog" | "dogs" | "zone" | "footing" | "chest"
            | "room" | "rhetoric" | "movie" | "film" | "novel" | "game"
    )
}

/// Negators that make a cooperative trigger a rejection ("did not support",
/// "declined to meet"); cancelling, postponing or failing do not.
fn is_refusal(w: &str) -> bool {
    matches!(w, "not" | "never" | "declined" | "declines" | "decline" | "declining" | "unwilling") || w.ends_with("n't") || w.ends_with("n’t")
}

/// The CAMEO rejection of a cooperative event of code `code` (03–08).
fn reject_code(code: &str) -> &'static str {
    match &code[..2] {
        "04" => "125",
        "06" => "121",
        "07" => "122",
        "08" => "124",
        _ => "120",
    }
}

/// Verbs of planning or wanting that make the verb after "to" an intent ("plans to impose").
fn is_plan_verb(w: &str) -> bool {
    matches!(
        w,
        "plans" | "plan" | "planned" | "planning" | "wants" | "want" | "wanted" | "intends" | "intend" | "intended"
            | "aims" | "aim" | "seeks" | "seek" | "prepares" | "prepared" | "preparing"
    )
}

/// The CAMEO code of the intent to do an event of code `code`: for a
/// cooperative one an intent to cooperate ("will support" → 032), for a
/// sanction, a coercion or violence a threat ("will attack" → 138); other
/// codes stay ("will meet" is coded as a meeting).
fn intent_code(code: &'static str) -> &'static str {
    match &code[..2] {
        "05" => "032",
        "06" => "031",
        "08" => "035",
        "16" => "131",
        "17" => "137",
        "18" | "19" | "20" => "138",
        _ => code,
    }
}

fn is_determiner_or_preposition(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "for" | "in" | "on" | "into" | "against" | "over" | "his" | "her" | "its" | "their"
            | "with" | "by" | "from" | "under" | "these" | "those" | "this" | "two" | "three" | "several" | "many"
    )
}

/// Codes of events that actors do together ("A and B met"): a coordinated
/// subject without an object gives the event in both directions.
fn is_mutual(code: &str) -> bool {
    matches!(code, "030" | "036" | "040" | "046" | "050" | "057" | "061" | "064" | "190")
}

/// Source and target of an event noun at tokens `i..end` in the clause `l..r`:
/// the source is an actor after "from" or "by", a possessive before the
/// noun, or the subject of a light verb ("Russia launched an invasion");
/// the target is the actor after the noun's preposition.
fn noun_actors(s: &Sentence<'_>, i: usize, end: usize, l: usize, r: usize, code: &str) -> (Option<usize>, Option<usize>) {
    // The first actor within three words after token k, with no other preposition between.
    let actor_after = |k: usize| {
        (k + 1..(k + 4).min(r))
            .take_while(|&j| s.mention_at(j).is_some() || (s.tokens[j].is_word && !is_preposition(s.word(j)) && !matches!(s.word(j), "that" | "which" | "who" | "and" | "or") && !s.word(j).starts_with(char::is_uppercase)))
            .find_map(|j| s.mention_at(j))
    };
    let mut source = None;
    let mut target = None;
    for k in end..r.min(end + 6) {
        let w = s.word(k);
        // "the withdrawal of its troops from Azerbaijan": "from" names what is left, the target.
        if w == "from" && code.starts_with("087") {
            target = target.or_else(|| actor_after(k));
        } else if matches!(w, "from" | "by") {
            source = source.or_else(|| actor_after(k));
        } else if target.is_none() && introduces_target(w, code) {
            target = actor_after(k);
        }
    }
    let possessor = (i.saturating_sub(4).max(l)..i).rev().find_map(|j| s.mention_at(j).filter(|&m| s.possessive(m)));
    // "US mediation", "Israeli troop pullback": an actor modifying the noun.
    let modifier = (i.saturating_sub(2).max(l)..i).rev().find_map(|j| s.mention_at(j)).filter(|&m| (s.mentions[m].last..i).all(|k| s.tokens[k].is_word && s.mention_at(k).is_none() && !is_preposition(s.word(k)) && !is_determiner_or_preposition(s.word(k))));
    let subject = || {
        let verb = (i.saturating_sub(4).max(l)..i).rev().find(|&j| is_light_verb(s.word(j)))?;
        s.subject_before(verb, l)
    };
    // "X said in a telephone conversation with", "X told Y during a visit": the subject took part.
    let took_part = code.starts_with("04") && i > l && matches!(s.word(i.saturating_sub(2)), "in" | "during" | "at" | "after");
    let source = source.or(possessor).or(modifier).or_else(subject);
    if source.is_none() && took_part {
        let participant = s.main_subject(l, i).or_else(|| s.subject_before(i, l));
        let object = s.nearest_before(i, l).filter(|&m| Some(m) != participant && s.mentions[m].actor != participant.map_or(u32::MAX, |p| s.mentions[p].actor));
        return (participant, target.or(object));
    }
    (source, target)
}

fn is_preposition(w: &str) -> bool {
    matches!(w, "of" | "on" | "against" | "with" | "to" | "for" | "in" | "at" | "from" | "by" | "into" | "over" | "between")
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
