//! Attribution within a paragraph: reporting cues, the noun phrase of the
//! speaker on either side of a cue, which quotation a cue belongs to, and
//! reported clauses (indirect speech). Works on the tokens of `scan`.

use crate::lexicon::*;
use crate::scan::{Quotation, Tok, Tokens};

/// The kind of a finding (the record kind of the output).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole quotation: the span is inside quotation marks.
    Direct,
    /// A quoted fragment inside reported speech.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

/// A speaker mention and the cue that ties it to speech (byte spans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker as written, when found.
    pub speaker: Option<(usize, usize)>,
    /// The reporting phrase.
    pub cue: (usize, usize),
    /// What a pronoun or relative speaker refers to, when found nearby
    /// ("Lynch" for "Lynch, who told Congress"; the subject of the
    /// sentence for `X scolded him: "...," she said`).
    pub refers: Option<(usize, usize)>,
}

/// A finding of one paragraph, before names are resolved.
#[derive(Clone, Copy, Debug)]
pub struct Finding {
    /// Byte span of the quotation (marks included) or reported clause.
    pub span: (usize, usize),
    /// Its kind.
    pub kind: Kind,
    /// Who said it, when known.
    pub attribution: Option<Attribution>,
}

/// A cue with its speaker, found in the text outside quotations: where it
/// stands (token index) and the attribution.
#[derive(Clone, Copy, Debug)]
struct Event {
    at: usize,
    attribution: Attribution,
    /// A speech verb ("said"), not a framing one ("attacked", "praised").
    speech: bool,
}

/// A buffer for the cues of a paragraph, reused from paragraph to
/// paragraph (see [`Paragraph::analyze`]).
#[derive(Default)]
pub struct Events(Vec<Event>);

impl Events {
    /// Empties the buffer, giving back memory beyond `capacity` entries.
    pub(crate) fn release(&mut self, capacity: usize) {
        crate::scan::release(&mut self.0, capacity);
    }
}

/// One paragraph's tokens and sentence bounds.
pub struct Paragraph<'a> {
    text: &'a str,
    toks: &'a [Tok],
    quotes: &'a [Quotation],
    /// First token of each sentence, and one past its last.
    sentences: &'a [(usize, usize)],
    /// Indices of the quotation tokens.
    quote_toks: &'a [usize],
    /// Indices of the words that may be cues.
    cue_toks: &'a [usize],
    /// A headline: title case, so verbs may be capitalised.
    headline: bool,
}

/// Inclusive token range.
type Range = (usize, usize);

/// The most tokens a speaker noun phrase spans (keeps every scan local,
/// whatever the input).
const MAX_PHRASE: usize = 16;

/// How far (tokens) a quotation looks ahead in its paragraph for an
/// attribution to borrow.
const MAX_LOOKAHEAD: usize = 200;

impl<'a> Paragraph<'a> {
    /// Wraps a paragraph tokenized by `scan::tokenize`.
    pub fn new(text: &'a str, tokens: &'a Tokens, quotes: &'a [Quotation], headline: bool) -> Paragraph<'a> {
        Paragraph { text, toks: &tokens.toks, quotes, sentences: &tokens.sentences, quote_toks: &tokens.quotes, cue_toks: &tokens.cues, headline }
    }

    fn word(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        self.text[t.start..t.end].trim_end_matches('.')
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word() && (t.end - t.start == w.len() || t.end - t.start == w.len() + 1)) && self.word(i).eq_ignore_ascii_case(w)
    }

    /// The quotation tokens among tokens `lo..hi`.
    fn quotes_within(&self, lo: usize, hi: usize) -> impl Iterator<Item = usize> + 'a {
        let from = self.quote_toks.partition_point(|&k| k < lo);
        self.quote_toks[from..].iter().copied().take_while(move |&k| k < hi)
    }

    fn bounds(&self, i: usize) -> (usize, usize) {
        self.sentences[self.toks[i].sent as usize]
    }

    fn byte_span(&self, r: Range) -> (usize, usize) {
        (self.toks[r.0].start, self.toks[r.1].end)
    }

    /// A capitalised word that can be part of a name.
    fn is_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is_word() && t.cap && t.flags & NOT_NAME == 0
    }

    /// A word that can head a speaker noun phrase by itself.
    fn is_head(&self, i: usize) -> bool {
        self.is_name(i) || self.toks[i].has(ROLE)
    }

    /// A lower-case adverb or auxiliary ("also", "has", "repeatedly").
    fn is_adverb(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is_word() && !t.cap && (t.flags & ADVERB != 0 || (t.end - t.start > 4 && t.flags & ROLE == 0 && self.text.as_bytes()[t.start..t.end].ends_with(b"ly")))
    }

    /// Whether token `i` is a reporting verb used as one: lower case, not
    /// a noun after a determiner, not an infinitive frame ("continue to
    /// support"), not a passive of an addressee verb ("was told").
    fn is_cue(&self, i: usize, mask: u32) -> bool {
        let t = &self.toks[i];
        if self.is_put_it(i) {
            return true;
        }
        // Headlines capitalise verbs; "Said Ms. Poynter, ..." opens a sentence.
        let capital_ok = || self.headline && i > 0 || self.is_said(i) && self.bounds(i).0 == i;
        if !t.is_word() || t.flags & mask == 0 || t.cap && !capital_ok() {
            return false;
        }
        if i > 0 && self.is_article(i - 1) {
            return false;
        }
        // "a phone call", "Chinese state media": a base form after a
        // singular noun is a noun (verbs there would need "-s").
        if t.flags & BASE != 0 && i > 0 {
            let p = &self.toks[i - 1];
            let w = self.word(i - 1);
            if p.is_word() && p.flags & (PRONOUN | ADVERB | STOP) == 0 && !w.ends_with('s') {
                return false;
            }
        }
        let be_before = || i > 0 && ["was", "were", "been", "being", "is", "are", "be"].iter().any(|w| self.word_is(i - 1, w));
        let say = || ["say", "says", "said"].iter().any(|w| self.word_is(i, w));
        if self.word_is(i + 1, "to") && (!say() || be_before()) {
            let after = self.toks.get(i + 2);
            if after.is_some_and(|a| a.is_word() && !a.cap && a.flags & (DET | PRONOUN) == 0) {
                return false;
            }
        }
        if t.flags & ADDRESSEE != 0 && be_before() {
            return false;
        }
        true
    }

    /// "said" or "says" in any case.
    fn is_said(&self, i: usize) -> bool {
        self.word_is(i, "said") || self.word_is(i, "says")
    }

    /// "put it" ("as X put it", "as X puts it"), a cue made of two words.
    fn is_put_it(&self, i: usize) -> bool {
        self.toks[i].has(CUE_PART) && !self.word_is(i, "according") && self.word_is(i + 1, "it")
    }

    /// An article or possessive before a noun ("the report", "his
    /// statement", "Clinton's remark").
    fn is_article(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if !t.is_word() {
            return false;
        }
        if t.flags & ARTICLE != 0 {
            return true;
        }
        // "A." reads as an initial, which the tokenizer gives no flags.
        let w = self.word(i);
        t.flags == 0 && w == "A" || w.ends_with("'s") || w.ends_with("\u{2019}s")
    }

    /// "according to" at `i`.
    fn is_according(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(CUE_PART)) && self.word_is(i, "according") && self.word_is(i + 1, "to")
    }

    /// The noun phrase that ends at token `j` (a pronoun, a name with its
    /// titles, or a description headed by a role noun), not reaching
    /// before `lo`.
    fn np_ending_at(&self, j: usize, lo: usize) -> Option<Range> {
        let t = &self.toks[j];
        if !t.is_word() {
            return None;
        }
        if t.flags & PRONOUN != 0 {
            return Some((j, j));
        }
        let mut head = j;
        // "the announcer said", "a longtime reader wrote": an article and a
        // lower-case noun with up to two modifiers.
        if !self.is_head(j) && !t.cap && t.flags & (STOP | SPEECH | FRAMING | ADVERB | TIME) == 0 {
            let article = (j.saturating_sub(3).max(lo)..j).rev().find(|&k| self.is_article(k));
            if let Some(a) = article {
                if (a + 1..j).all(|k| self.toks[k].is_word() && !self.toks[k].has(STOP | SPEECH)) {
                    return Some((a, j));
                }
            }
        }
        if !self.is_head(j) {
            // "a spokesman for the ministry": the head is before the preposition.
            let from = j.saturating_sub(5).max(lo);
            let linking = |p: usize| ["of", "for", "at"].iter().any(|w| self.word_is(p, w));
            head = (from..j).rev().find(|&p| linking(p) && p > lo && self.is_head(p - 1)).map(|p| p - 1)?;
            if (head + 1..=j).any(|k| !self.toks[k].is_word() || self.toks[k].has(STOP) && !self.toks[k].has(PREP | DET)) {
                return None;
            }
        }
        let role_head = self.toks[head].has(ROLE) && !self.is_name(head);
        let mut start = head;
        let mut modifiers = 0;
        let mut k = head;
        while k > lo && head - k < MAX_PHRASE {
            k -= 1;
            let t = &self.toks[k];
            if !t.is_word() {
                break;
            }
            if t.has(DET) && !t.has(PRONOUN) {
                start = k;
                break;
            }
            if self.is_name(k) || t.flags & (TITLE | ROLE) != 0 && !t.has(STOP) {
                start = k;
                continue;
            }
            // "Secretary of State", "director of the FBI", "Smith and Jones"
            if (t.has(PREP) || self.word_is(k, "and")) && k > lo && self.is_name(k - 1) && self.is_name(k + 1) {
                start = k;
                continue;
            }
            if t.cap || t.flags & (STOP | NOT_NAME | SPEECH | FRAMING | ADVERB) != 0 {
                break;
            }
            // "a senior administration official": modifiers of a role noun.
            if role_head && modifiers < 3 {
                modifiers += 1;
                start = k;
                continue;
            }
            break;
        }
        Some((start, j))
    }

    /// The subject of the verb at `v`: skips adverbs and auxiliaries, and an
    /// appositive ("Smith, the director of X, said").
    fn subject_before(&self, v: usize, lo: usize) -> Option<Range> {
        let mut j = v;
        loop {
            if j <= lo {
                return None;
            }
            j -= 1;
            // "Priebus later Thursday told"
            if !(self.is_adverb(j) || self.toks[j].has(TIME) && j > lo) {
                break;
            }
        }
        // "Rep. Hakeem Jeffries (D-N.Y.) reacted", "John Dickey, the chief
        // executive of Ora -- the company that ... -- told me"
        if self.toks[j].is(b')') {
            let open = (lo..j).rev().take(12).find(|&k| self.toks[k].is(b'('))?;
            j = open.checked_sub(1).filter(|&k| k >= lo)?;
        } else if self.toks[j].is(b'-') {
            let open = (lo..j).rev().take(40).find(|&k| self.toks[k].is(b'-'))?;
            j = open.checked_sub(1).filter(|&k| k >= lo)?;
            if self.toks[j].is(b'-') {
                j = j.checked_sub(1).filter(|&k| k >= lo)?;
            }
        }
        // "Lynch, who told Congress": the relative pronoun is the mention.
        if self.word_is(j, "who") {
            return Some((j, j));
        }
        if self.toks[j].is(b',') {
            let mut k = j;
            let mut comma = None;
            while k > lo && j - k < 30 {
                k -= 1;
                let t = &self.toks[k];
                if t.is(b',') {
                    comma = Some(k);
                    break;
                }
                if t.quote().is_some() || t.is(b';') || t.is(b':') {
                    break;
                }
            }
            let appositive = if j > lo { self.np_ending_at(j - 1, lo) } else { None };
            // "Sen. Richard J. Durbin (D-Ill.), noting ..., said"
            let before = comma.filter(|&c| c > lo).and_then(|c| {
                let end = if self.toks[c - 1].is(b')') { (lo..c - 1).rev().take(12).find(|&k| self.toks[k].is(b'('))?.checked_sub(1)? } else { c - 1 };
                (end >= lo).then(|| self.np_ending_at(end, lo)).flatten()
            });
            return match (before, appositive) {
                (Some(b), Some(a)) if !self.has_name(b) && self.has_name(a) => Some(a),
                (Some(b), _) => Some(b),
                (None, a) => a.filter(|a| comma.is_none_or(|c| a.0 == c + 1)),
            };
        }
        self.np_ending_at(j, lo)
    }

    fn has_name(&self, r: Range) -> bool {
        (r.0..=r.1).any(|k| self.is_name(k) && !self.toks[k].has(TITLE))
    }

    /// The noun phrase that starts at `i` ("Mr. Kamin", "a spokesman for
    /// the ministry", "he"), not reaching `hi`.
    fn np_from(&self, i: usize, hi: usize) -> Option<Range> {
        if i >= hi || !self.toks[i].is_word() {
            return None;
        }
        let t = &self.toks[i];
        if t.flags & PRONOUN != 0 {
            return Some((i, i));
        }
        let mut k = i;
        if t.has(DET) {
            k += 1;
        }
        let mut end = None;
        let mut role = false;
        while k < hi && k - i < MAX_PHRASE {
            let t = &self.toks[k];
            if !t.is_word() {
                break;
            }
            if self.is_name(k) || (t.flags & (ROLE | TITLE) != 0 && t.flags & STOP == 0) {
                role |= t.has(ROLE);
                end = Some(k);
                k += 1;
                continue;
            }
            // "Edward-Isaac Dovere and Gabriel Debenedetti"
            if end.is_some() && self.word_is(k, "and") && k + 1 < hi && self.is_name(k + 1) && !self.toks[k + 1].has(TITLE) {
                k += 1;
                continue;
            }
            // "a spokesman for the ministry", "director of the FBI"
            if end.is_some() && t.has(PREP) && !self.word_is(k, "to") && !self.word_is(k, "on") && !self.word_is(k, "in") {
                let mut m = k + 1;
                if m < hi && self.toks[m].has(DET) {
                    m += 1;
                }
                let pp_start = m;
                while m < hi && m - pp_start < 5 && self.toks[m].is_word() && !self.toks[m].has(STOP | SPEECH | FRAMING | ADVERB) {
                    m += 1;
                }
                if m > pp_start && (role || self.is_name(pp_start)) {
                    end = Some(m - 1);
                    k = m;
                    continue;
                }
                break;
            }
            // lower-case modifiers before a role noun: "a senior official"
            if !t.cap && t.flags & (STOP | SPEECH | FRAMING | ADVERB | NOT_NAME) == 0 {
                let lookahead = (k + 1..(k + 4).min(hi)).find(|&m| self.toks[m].has(ROLE));
                if let Some(m) = lookahead {
                    if (k..m).all(|x| self.toks[x].is_word() && !self.toks[x].has(STOP)) {
                        k = m;
                        continue;
                    }
                }
            }
            break;
        }
        end.map(|e| (i, e))
    }

    /// The speaker after an inverted cue (`said X`, `says a narrator`,
    /// `said master of ceremonies X`): a noun phrase, or the words up to the
    /// next punctuation when they hold a name or role, or open with a
    /// determiner.
    fn np_inverted(&self, k: usize, hi: usize) -> Option<Range> {
        if let Some(np) = self.np_from(k, hi) {
            return Some(np);
        }
        let mut end = None;
        let mut m = k;
        while m < hi && m - k < 8 {
            let t = &self.toks[m];
            let noun_use = m > k && self.toks[m - 1].has(DET);
            if !t.is_word() || t.has(ING) || (t.has(TIME) && m == k) || (t.has(SPEECH) && !noun_use) || (t.has(STOP) && !t.has(PREP | DET)) {
                break;
            }
            if self.is_head(m) {
                end = Some(m);
            }
            m += 1;
        }
        if end.is_none() && m >= k + 2 && self.toks[k].has(DET) && (m == hi || !self.toks[m].is_word()) {
            end = Some(m - 1);
        }
        end.map(|e| (k, e))
    }

    /// The subject of an "-ing" cue or a sentence-level cue: the first noun
    /// phrase of the sentence, after an introductory phrase ending in a comma.
    fn sentence_subject(&self, lo: usize, before: usize) -> Option<Range> {
        let mut start = (lo..before).find(|&k| self.toks[k].is_word())?;
        let t = &self.toks[start];
        // "Back in 1999, ...", "Speaking on Monday, ...": an introductory phrase.
        let participle = self.word(start).ends_with("ing") && self.toks.get(start + 1).is_some_and(|n| n.is_word() && !n.cap);
        if t.cap && (t.flags & (PREP | NOT_NAME) != 0 && !t.has(DET | PRONOUN) || participle) {
            start = (start..before.min(start + 25)).find(|&k| self.toks[k].is(b','))? + 1;
        }
        let np = self.np_from(start, before)?;
        let next = self.skip_parenthesis(np.1 + 1, before);
        (next < before && (self.toks[next].is_word() && !self.toks[next].cap || self.toks[next].is(b','))).then_some(np)
    }

    fn attribution(&self, speaker: Option<Range>, cue: Range) -> Attribution {
        let refers = speaker.and_then(|r| self.antecedent(r));
        Attribution { speaker: speaker.map(|r| self.byte_span(r)), cue: self.byte_span(cue), refers }
    }

    /// For a relative pronoun, the noun phrase before it; for a personal
    /// pronoun, a name that is the subject of its sentence before it.
    fn antecedent(&self, r: Range) -> Option<(usize, usize)> {
        if r.0 != r.1 || !self.toks[r.0].is_word() {
            return None;
        }
        let j = r.0;
        let (lo, _) = self.bounds(j);
        let np = if self.word_is(j, "who") {
            let end = if j > lo + 1 && self.toks[j - 1].is(b',') { j - 2 } else { j.checked_sub(1)? };
            (end >= lo).then(|| self.np_ending_at(end, lo)).flatten()
        } else if self.toks[j].has(PRONOUN) && !self.toks[j].has(PLURAL) && j > lo {
            self.sentence_subject(lo, j).filter(|&np| np.1 < j && self.has_name(np))
        } else {
            None
        };
        np.filter(|&np| self.has_name(np)).map(|np| self.byte_span(np))
    }

    /// "quoted Y as saying": the speaker is Y. `q` is the "quoted" token.
    fn quoted_as(&self, q: usize, hi: usize) -> Option<Attribution> {
        if !self.word_is(q, "quoted") {
            return None;
        }
        let np = self.np_from(q + 1, hi)?;
        self.word_is(np.1 + 1, "as").then(|| {
            let cue_end = if np.1 + 2 < hi && self.toks[np.1 + 2].has(SPEECH) { np.1 + 2 } else { np.1 + 1 };
            self.attribution(Some(np), (q, cue_end))
        })
    }

    /// The attribution after quotation token `qt`, in its sentence:
    /// `"...," X said`, `"...," said X`, `"...," X, a lawyer, told Y`,
    /// `"...," the campaign's top aide wrote`, `"...?" he wondered`.
    fn attribution_after(&self, qt: usize) -> Option<Attribution> {
        let (_, hi) = self.bounds(qt);
        let q = self.toks[qt].quote().map(|q| &self.quotes[q]);
        let inner = q.map_or("", |q| self.text[q.inner_start..q.inner_end].trim_end());
        // `"Why?" Clinton asked.`: a question or exclamation may end the
        // sentence and still take the attribution after it, when that is
        // all the next sentence says (not `"Why?" Critics say she ...`).
        if hi == qt + 1 && inner.ends_with(['?', '!']) && hi < self.toks.len() {
            if self.attribution_before(qt).is_some() {
                return None;
            }
            let next_end = self.bounds(hi).1;
            let found = self.attribution_within(qt, next_end, inner)?;
            let last = found.speaker.map_or(found.cue.1, |s| s.1.max(found.cue.1));
            let after = self.token_ending(last)? + 1;
            let rest_is_short = after >= next_end || !self.toks[after].is_word() || self.toks[after].has(PREP | TIME) && next_end - after <= 5;
            return rest_is_short.then_some(found);
        }
        self.attribution_within(qt, hi, inner)
    }

    /// The attribution after quotation token `qt` up to token `hi`.
    fn attribution_within(&self, qt: usize, hi: usize, inner: &str) -> Option<Attribution> {
        // `"..." ― Name`: a dash and a name closing the paragraph or sentence.
        if self.toks.get(qt + 1).is_some_and(|t| t.is(b'-')) {
            let end = self.toks.len();
            if let Some(np) = self.np_from(qt + 2, end).filter(|&np| self.has_name(np)) {
                if self.toks.get(np.1 + 1).is_none_or(|t| t.is(b',') || t.is(b'.') || t.is(b'(')) {
                    return Some(self.attribution(Some(np), (qt + 1, qt + 1)));
                }
            }
        }
        let mut j = qt + 1;
        if j < hi && (self.toks[j].is(b',') || self.toks[j].is(b'-')) {
            j += 1;
        }
        if j >= hi {
            return None;
        }
        if self.toks[j].has(ING) {
            return None;
        }
        if self.is_cue(j, SPEECH | FRAMING) {
            let mut k = j + 1;
            while k < hi && self.is_adverb(k) {
                k += 1;
            }
            return Some(self.attribution(self.np_inverted(k, hi), (j, j)));
        }
        if self.is_according(j) {
            return self.np_from(j + 2, hi).map(|np| self.attribution(Some(np), (j, j + 1)));
        }
        let open_ended = inner.ends_with([',', '?', '!', '-', '\u{2014}']);
        // `"This is fantastic!" beamed Donald Hartley`: an unknown past
        // tense verb, then a name.
        let t = &self.toks[j];
        if open_ended && t.is_word() && !t.cap && t.flags == 0 && self.word(j).ends_with("ed") {
            if let Some(np) = self.np_from(j + 1, hi).filter(|&np| self.has_name(np)) {
                return Some(self.attribution(Some(np), (j, j)));
            }
        }
        let np = match self.np_from(j, hi) {
            Some(np) => np,
            None => {
                // "the billionaire business mogul told": a determiner, a few words, a cue.
                if !self.toks[j].has(DET) {
                    return None;
                }
                let cue = (j + 2..hi.min(j + 6)).find(|&m| self.is_cue(m, SPEECH))?;
                if (j + 1..cue).any(|m| !self.toks[m].is_word() || self.toks[m].has(STOP)) {
                    return None;
                }
                return Some(self.attribution(Some((j, cue - 1)), (cue, cue)));
            }
        };
        let mut k = self.skip_parenthesis(np.1 + 1, hi);
        if k < hi && self.toks[k].is(b',') {
            // an appositive, closed by a comma or running up to the cue
            let close = (k + 1..hi.min(k + 30)).find(|&m| self.toks[m].is(b',') || self.toks[m].quote().is_some() || self.is_cue(m, SPEECH))?;
            k = if self.toks[close].is(b',') { close + 1 } else { close };
        }
        while k < hi && self.is_adverb(k) {
            k += 1;
        }
        if k >= hi {
            return None;
        }
        // "a Democratic staffer in the room wondered": a short phrase
        // between the speaker and the cue.
        if self.toks[k].has(PREP) {
            if let Some(cue) = (k + 1..hi.min(k + 6)).find(|&m| self.is_cue(m, SPEECH)) {
                if (k..cue).all(|m| self.toks[m].is_word() && !self.toks[m].has(SPEECH | FRAMING)) {
                    return Some(self.attribution(Some(np), (cue, cue)));
                }
            }
        }
        if self.is_cue(k, SPEECH | FRAMING) {
            if let Some(a) = self.quoted_as(k, hi).filter(|_| !self.is_adverb(k - 1)) {
                return Some(a);
            }
            return Some(self.attribution(Some(np), (k, k)));
        }
        // `"...," he surmised.`: after an open-ended quotation, any verb.
        let t = &self.toks[k];
        if open_ended && t.is_word() && !t.cap && !t.has(STOP | DET | PREP) {
            return Some(self.attribution(Some(np), (k, k)));
        }
        None
    }

    /// The index after a parenthesis opening at `k` ("(D-Nev.)"), or `k`.
    fn skip_parenthesis(&self, k: usize, hi: usize) -> usize {
        if k < hi && self.toks[k].is(b'(') {
            if let Some(close) = (k + 1..hi.min(k + 12)).find(|&m| self.toks[m].is(b')')) {
                return close + 1;
            }
        }
        k
    }

    /// The attribution of the nearest cue before token `qt` in its sentence.
    fn attribution_before(&self, qt: usize) -> Option<Attribution> {
        let (lo, hi) = self.bounds(qt);
        // Only the words listed as possible cues can be one.
        let (from, to) = (self.cue_toks.partition_point(|&k| k < lo), self.cue_toks.partition_point(|&k| k < qt));
        for &i in self.cue_toks[from..to].iter().rev() {
            if let Some(a) = self.cue_at(i, lo, hi) {
                return Some(a);
            }
        }
        // "... and then boomed, "..."": a past-tense verb just before the
        // comma or colon that opens the quotation.
        if qt >= lo + 3 && (self.toks[qt - 1].is(b',') || self.toks[qt - 1].is(b':')) {
            let v = qt - 2;
            let t = &self.toks[v];
            if t.is_word() && !t.cap && t.flags == 0 && self.word(v).ends_with("ed") {
                let before = (lo..v).rev().find(|&k| !self.is_adverb(k));
                let subject = self.subject_before(v, lo).or_else(|| before.filter(|&b| self.word_is(b, "and")).and_then(|_| self.sentence_subject(lo, v)));
                if let Some(s) = subject {
                    return Some(self.attribution(Some(s), (v, v)));
                }
            }
        }
        // "More from Jones: "..."", "Mr. Smith: "...""
        if qt >= lo + 2 && self.toks[qt - 1].is(b':') {
            // "... - Pew Research: "..."" names the source right before the
            // colon; otherwise the subject of the sentence speaks.
            let before = self.np_ending_at(qt - 2, lo).filter(|&np| self.has_name(np));
            let heading = before.filter(|np| np.0 == lo || self.toks[np.0 - 1].is(b'-'));
            let subject = self.sentence_subject(lo, qt - 1).filter(|&np| self.has_name(np) || np.0 == np.1 || self.toks[np.1].has(ROLE));
            if let Some(np) = heading.or(subject).or(before) {
                return Some(self.attribution(Some(np), (qt - 1, qt - 1)));
            }
        }
        None
    }

    /// The attribution of a cue at token `i` in sentence `lo..hi`, if it is one.
    fn cue_at(&self, i: usize, lo: usize, hi: usize) -> Option<Attribution> {
        if self.is_according(i) {
            return self.np_from(i + 2, hi).map(|np| self.attribution(Some(np), (i, i + 1)));
        }
        if !self.is_cue(i, SPEECH | FRAMING) {
            return None;
        }
        if let Some(a) = self.quoted_as(i, hi) {
            return Some(a);
        }
        let before = (lo..i).rev().find(|&k| !self.is_adverb(k));
        // "..., said Ohio State professor Paul Beck.": an inverted cue after a comma.
        if i > lo && self.toks[i - 1].is(b',') && !self.toks[i].has(ING) {
            if let Some(np) = self.np_from(i + 1, hi).filter(|&np| self.has_name(np)) {
                if self.toks.get(np.1 + 1).is_none_or(|t| !t.is_word()) {
                    return Some(self.attribution(Some(np), (i, i)));
                }
            }
        }
        let subject = self.subject_before(i, lo);
        if self.toks[i].has(ING) {
            // "Trump reportedly yelling", else "..., Nefzi said, adding",
            // else the subject of the sentence.
            if let Some(s) = subject.filter(|_| before.is_some_and(|b| self.toks[b].is_word())) {
                return Some(self.attribution(Some(s), (i, i)));
            }
            let earlier = (lo.max(i.saturating_sub(6))..i).rev().filter(|&k| !self.toks[k].has(ING)).find_map(|k| self.cue_at(k, lo, hi)).and_then(|a| a.speaker);
            let speaker = earlier.or_else(|| self.sentence_subject(lo, i).map(|r| self.byte_span(r)));
            return Some(Attribution { speaker, cue: self.byte_span((i, i)), refers: None });
        }
        if let Some(s) = subject {
            return Some(self.attribution(Some(s), (i, i)));
        }
        // "I laughed and said", "Ms. Sherry smiled and said": the subject of
        // the verb before "and", else of the sentence.
        if let Some(b) = before.filter(|&b| self.word_is(b, "and")) {
            // The nearest personal subject pronoun before "and" ("he brought
            // up the bombing and later said"), else the sentence's subject.
            let personal = (lo..b).rev().take(MAX_LOOKAHEAD).find(|&k| self.toks[k].has(PRONOUN) && !self.word_is(k, "it") && !self.word_is(k, "you"));
            let subject = personal.map(|k| (k, k)).or_else(|| self.sentence_subject(lo, i));
            return subject.map(|s| self.attribution(Some(s), (i, i)));
        }
        // "..., explained Rosenberg, "...": an inverted cue before the quotation.
        let np = self.np_from(i + 1, hi).filter(|&np| self.has_name(np))?;
        let next = self.toks.get(np.1 + 1)?;
        (next.is(b',') || next.is(b':') || next.quote().is_some()).then(|| self.attribution(Some(np), (i, i)))
    }

    /// Whether the quotation at token `qt` reads as a whole quotation
    /// rather than a fragment embedded in the sentence.
    fn is_whole(&self, qt: usize, q: &Quotation) -> bool {
        let (lo, _) = self.bounds(qt);
        let inner = self.text[q.inner_start..q.inner_end].trim();
        let upper = inner.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        let ends = inner.ends_with([',', '.', '?', '!', '\u{2026}', '-', '\u{2014}']);
        if qt == lo {
            return true;
        }
        let prev = &self.toks[qt - 1];
        if prev.is(b':') || (upper && ends) {
            return true;
        }
        // `"A," said X, a lawyer, "but b."`: continues a quotation of this sentence.
        if (prev.is(b',') || prev.is(b'-')) && self.quotes_within(lo, qt).next().is_some() {
            return true;
        }
        if prev.is(b',') && qt >= 2 {
            // `"A," he said, "b."`: continues a quotation after its attribution.
            let before = &self.toks[qt - 2];
            let cue_before = (lo..qt - 1).rev().take(4).any(|k| self.is_cue(k, SPEECH));
            return upper || cue_before || before.quote().is_some();
        }
        upper && self.is_cue(qt - 1, SPEECH)
    }

    /// Everything this paragraph says: its quotations (with kind and
    /// attribution) and reported clauses. `carry` is the attribution in
    /// force at the end of the previous paragraph; returns this one's.
    /// `events` is working memory.
    pub fn analyze(&self, carry: Option<Attribution>, events: &mut Events, out: &mut Vec<Finding>) -> Option<Attribution> {
        self.events(&mut events.0);
        let events = &events.0;
        let mut last: Option<Attribution> = None;
        // The last quotation with a speaker: its sentence and attribution.
        let mut previous: Option<(u32, Attribution)> = None;
        for &qt in self.quote_toks {
            let t = &self.toks[qt];
            let Some(qi) = t.quote() else { continue };
            let q = &self.quotes[qi];
            let whole = self.is_whole(qt, q);
            let own = self.attribution_after(qt).or_else(|| self.attribution_before(qt));
            // `"A," he said. "B."`: the quotation just before.
            let adjacent = previous.filter(|&(sent, _)| sent + 1 >= t.sent).map(|(_, a)| a);
            // A title-case name in running text (`on NBC's "Meet the Press."`,
            // `the show "The Apprentice,"`) is a title, whatever the sentence says.
            let in_running_text = qt > 0 && self.toks[qt - 1].is_word() && !self.is_cue(qt - 1, SPEECH | FRAMING);
            if (in_running_text || own.is_none() && adjacent.is_none()) && self.is_title(q) {
                continue;
            }
            let mut attribution = own;
            if attribution.is_none_or(|a| a.speaker.is_none()) {
                // Else the nearest attribution in the paragraph, else the
                // previous paragraph's when this one opens with the quotation.
                let inherited = adjacent.or_else(|| self.inherit(qt, events, previous.map(|(_, a)| a))).or(if qt == 0 { carry } else { None });
                attribution = match (attribution, inherited) {
                    (Some(own), Some(inh)) => Some(Attribution { cue: own.cue, ..inh }),
                    (own, inh) => inh.or(own),
                };
            }
            let kind = if whole { Kind::Direct } else { Kind::Partial };
            // A fragment without any attribution is a scare quote or a title.
            if kind == Kind::Partial && attribution.is_none() {
                continue;
            }
            out.push(Finding { span: (q.start, q.end), kind, attribution });
            if let Some(a) = attribution.filter(|a| a.speaker.is_some()) {
                previous = Some((t.sent, a));
                last = Some(a);
            }
        }
        self.indirect(events, out);
        if let Some(e) = events.last() {
            if self.quotes.is_empty() || self.toks.last().is_some_and(|t| t.quote().is_none()) || e.attribution.cue.0 > last.map_or(0, |a| a.cue.0) {
                last = Some(e.attribution);
            }
        }
        last
    }

    /// A short title-case quotation: the name of a work, a slogan or a
    /// nickname ("The Apprentice", "Tea Party"), not speech.
    fn is_title(&self, q: &Quotation) -> bool {
        let inner = self.text[q.inner_start..q.inner_end].trim().trim_end_matches([',', '.']);
        let words: Vec<&str> = inner.split_whitespace().collect();
        if words.is_empty() || words.len() > 8 || inner.contains(['.', '?', '!', ';']) {
            return false;
        }
        const MINOR: &[&str] = &["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "vs", "&"];
        words.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_none_or(|c| c.is_uppercase() || c.is_numeric()) || MINOR.contains(w)
        })
    }

    /// For a quotation without its own speaker: the nearest attribution
    /// before it in the paragraph (a cue in the text or the last quotation
    /// with a speaker), else the nearest after it.
    fn inherit(&self, qt: usize, events: &[Event], previous: Option<Attribution>) -> Option<Attribution> {
        // Speech verbs first; a framing verb ("called him a master") only
        // when no speech verb came before.
        let before_event = events.iter().rev().find(|e| e.at < qt && e.speech).or_else(|| events.iter().rev().find(|e| e.at < qt)).map(|e| e.attribution);
        let before = match (before_event, previous) {
            (Some(e), Some(q)) => Some(if e.cue.0 > q.cue.0 { e } else { q }),
            (e, q) => e.or(q),
        };
        if before.is_some() {
            return before;
        }
        // `"A." "B," he said.`: the next attribution in the paragraph.
        (qt + 1..self.toks.len().min(qt + 1 + MAX_LOOKAHEAD))
            .filter(|&k| self.toks[k].quote().is_some())
            .find_map(|k| self.attribution_after(k).filter(|a| a.speaker.is_some()))
            .or_else(|| events.iter().find(|e| e.at > qt && e.speech).map(|e| e.attribution))
    }

    /// Cues with a speaker in the text outside quotations, into `out`.
    fn events(&self, out: &mut Vec<Event>) {
        out.clear();
        for &i in self.cue_toks {
            let t = &self.toks[i];
            let (lo, _) = self.bounds(i);
            let capital_ok = self.word_is(i, "according") || self.headline || i == lo && self.is_said(i);
            if t.cap && !capital_ok {
                continue;
            }
            let (lo, hi) = self.bounds(i);
            if let Some(a) = self.cue_at(i, lo, hi).filter(|a| a.speaker.is_some()) {
                out.push(Event { at: i, attribution: a, speech: t.flags & SPEECH != 0 || !t.has(FRAMING) });
            }
        }
    }

    /// Reported clauses: `X said (that) CLAUSE`, `CLAUSE, X said`,
    /// `CLAUSE, said X`, `According to X, CLAUSE`, `CLAUSE, according to X`,
    /// in sentences without a whole quotation.
    fn indirect(&self, events: &[Event], out: &mut Vec<Finding>) {
        let mut done_sentence = usize::MAX;
        for e in events {
            let i = e.at;
            let (lo, hi) = self.bounds(i);
            // Sentences with a whole quotation, or that attribute the one
            // before them (`"Wow!" Lee said as he left.`), report no clause.
            let after_quote = lo > 0 && i < lo + 6 && self.toks[lo - 1].quote().is_some_and(|q| {
                let q = &self.quotes[q];
                self.text[q.inner_start..q.inner_end].trim_end().ends_with(['?', '!'])
            });
            if lo == done_sentence || after_quote || self.quotes_within(lo, hi).any(|k| self.toks[k].quote().is_some_and(|q| self.is_whole(k, &self.quotes[q]))) {
                continue;
            }
            let mut end = hi;
            while end > lo + 1 && matches!(self.toks[end - 1].kind, crate::scan::TokKind::Punct(_)) {
                end -= 1;
            }
            let according = self.is_according(i);
            let (speaker_start, cue_end) = {
                let sp = e.attribution.speaker.unwrap_or(e.attribution.cue);
                let s = self.token_at(sp.0).unwrap_or(i);
                let c = self.token_ending(e.attribution.cue.1).unwrap_or(i);
                (s.min(i), c)
            };
            let speaker_end = e.attribution.speaker.and_then(|sp| self.token_ending(sp.1)).unwrap_or(i);
            let first = speaker_start.min(i);
            let tail = cue_end.max(speaker_end) + 1;
            // What follows the cue is only an adverbial ("on Saturday", "in a statement").
            let adverbial = |from: usize, to: usize| {
                from >= to || (to - from <= 5 && self.toks[from].has(PREP | TIME) && (from..to).all(|k| self.toks[k].is_word()))
            };
            let mut clauses: [Option<Range>; 2] = [None, None];
            if first > lo + 2 && self.toks[first - 1].is(b',') {
                let comma = (tail..end.min(tail + 6)).find(|&k| self.toks[k].is(b','));
                match comma {
                    // `A, X said, B.`: the attribution splits the reported clause.
                    // (Not `A, said X, a lawyer.`: an appositive opens with a determiner.)
                    Some(c) if adverbial(tail, c) && c + 1 < end && !self.toks[c + 1].has(DET) => clauses = [Some((lo, first - 2)), Some((c + 1, end - 1))],
                    // `CLAUSE, X said.` / `CLAUSE, said X.` / `CLAUSE, according to X.`
                    _ if adverbial(tail, end) || self.toks[tail.min(end - 1)].is(b',') => clauses[0] = Some((lo, first - 2)),
                    _ if !according && self.toks[i].has(CLAUSE) && speaker_start < i => clauses[0] = self.clause_after(i, end),
                    _ => {}
                }
            } else if according && first == lo {
                // `According to X, CLAUSE.`
                let comma = (speaker_end + 1..end).find(|&k| self.toks[k].is(b','));
                clauses[0] = comma.map(|c| (c + 1, end - 1));
            } else if !according && self.toks[i].has(CLAUSE) && speaker_start < i {
                clauses[0] = self.clause_after(i, end);
            }
            // A clause has three tokens at least, unless an attribution split it.
            let split = clauses[1].is_some();
            for (s, t) in clauses.into_iter().flatten().filter(|&(s, t)| t >= s + 2 || split && t >= s) {
                out.push(Finding { span: self.byte_span((s, t)), kind: Kind::Indirect, attribution: Some(e.attribution) });
                done_sentence = lo;
            }
        }
    }

    /// The token starting at byte `pos`.
    fn token_at(&self, pos: usize) -> Option<usize> {
        let k = self.toks.partition_point(|t| t.start < pos);
        self.toks.get(k).filter(|t| t.start == pos).map(|_| k)
    }

    /// The token ending at byte `pos`.
    fn token_ending(&self, pos: usize) -> Option<usize> {
        let k = self.toks.partition_point(|t| t.end < pos);
        self.toks.get(k).filter(|t| t.end == pos).map(|_| k)
    }

    /// The reported clause after the cue at `v`: skips an addressee, a
    /// short adverbial and "that".
    fn clause_after(&self, v: usize, end: usize) -> Option<Range> {
        let mut k = v + 1;
        if self.toks[v].has(ADDRESSEE) {
            k = self.np_from(k, end).map_or(k, |np| np.1 + 1);
        }
        // "said in a statement that", "said Tuesday that", "said in a
        // phone call with his counterpart that"
        let reach = if k < end && self.toks[k].has(PREP | TIME) { 20 } else { 8 };
        let that = (k..end.min(k + reach)).find(|&m| self.word_is(m, "that")).filter(|&that| (k..that).all(|m| self.toks[m].is_word() && !self.toks[m].has(SPEECH)));
        match that {
            Some(that) => k = that + 1,
            // Only plain speech verbs take a clause without "that" ("said
            // the plan failed"); others take objects ("maintained her lead").
            None if !self.toks[v].has(BARE_CLAUSE) => return None,
            None => {}
        }
        while k < end && self.toks[k].has(TIME) {
            k += 1;
        }
        let t = self.toks.get(k)?;
        if !t.is_word() || k + 2 >= end {
            return None;
        }
        Some((k, end - 1))
    }
}
