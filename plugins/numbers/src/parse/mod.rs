//! The parser: walks the tokens once, left to right; at each token that
//! can start an expression it tries, longest first, a date, a range, and a
//! measure (a number with its currency, unit or percent sign), emits the
//! first that matches and continues after it. Spans never overlap, but
//! for the amount a one-sided range bounds, given inside it.
//!
//! This module holds the driver and the token helpers; each kind of
//! expression has its own submodule: `codes` (what is not a number),
//! `numbers`, `measures`, `ranges`, `date_exprs`, and `words`
//! holds the word lists.

use std::cell::Cell;

use crate::dates::{self, Ymd};
use crate::decimal::{shift_point, DigitAcc, Rat};
use crate::lexicon::{
    info, info_in, lookup, Class, Family, NumWord, WordId, WordInfo, LEADS, NUMBERISH, STARTS,
};
use crate::money;
use crate::tokens::{Tok, Token};

mod codes;
mod date_exprs;
mod measures;
mod numbers;
mod ranges;
mod words;

pub(crate) use words::WORD_LISTS;
use words::*;

/// The kind of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain number.
    Cardinal,
    /// "69th", "second".
    Ordinal,
    /// "30 percent".
    Percent,
    /// "$147 billion".
    Money,
    /// A number with a unit, or an age.
    Quantity,
    /// An interval.
    Range,
    /// A date, year or decade.
    Date,
}

impl Kind {
    /// The name written in records.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cardinal => "cardinal",
            Kind::Ordinal => "ordinal",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Quantity => "quantity",
            Kind::Range => "range",
            Kind::Date => "date",
        }
    }
}

/// One expression found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Kind.
    pub kind: Kind,
    /// Canonical value (`None` for a relative date that cannot be resolved).
    pub value: Option<String>,
    /// Unit: "%", an ISO 4217 code, a short unit, or none.
    pub unit: Option<&'static str>,
}

/// A number as parsed, before its context is known.
#[derive(Clone, Copy, Debug)]
struct Num {
    /// First token.
    s: usize,
    /// Token after the last.
    e: usize,
    val: Rat,
    /// The value before a magnitude word ("1.5" of "1.5 million").
    base: Rat,
    /// Whether a magnitude word or abbreviation was applied.
    scaled: bool,
    ordinal: bool,
    /// Digits only, no separators, no sign: (number of digits).
    plain_digits: Option<usize>,
    /// The multiplier of the last word when it was a magnitude ("million"
    /// → 1000000), else 1: a trailing "and a half" counts in it.
    mult: i128,
}

impl Num {
    /// A number over tokens `s..e` with value `val` and no magnitude word,
    /// ordinal suffix or plain-digit form.
    fn unscaled(s: usize, e: usize, val: Rat) -> Num {
        Num {
            s,
            e,
            val,
            base: val,
            scaled: false,
            ordinal: false,
            plain_digits: None,
            mult: 1,
        }
    }
}

/// A number with its context: currency, unit, percent.
#[derive(Clone, Copy, Debug)]
struct Measure {
    s: usize,
    e: usize,
    kind: Kind,
    num: Num,
    unit: Option<&'static str>,
    /// The unit came before the number ("$5"), so a range's second number
    /// may omit it.
    unit_first: bool,
}

/// The outcome of trying to parse at a token.
enum Step {
    /// Emit this and continue at token `next`.
    Found(Found, usize),
    /// Nothing to emit; continue at token `next` (a code or a name).
    Skip(usize),
    /// Nothing here.
    No,
}

/// The parser over one document's tokens.
pub struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    doc_date: Option<Ymd>,
    /// The lexicon's entries ([`crate::lexicon::infos`]), fetched once.
    infos: &'static [WordInfo],
    /// The last number parsed: (token, money context, result). The date
    /// and measure rules both read the number at a token, one after the
    /// other; the second reads it from here.
    last_number: Cell<Option<(usize, bool, Option<Num>)>>,
}

impl<'a> Parser<'a> {
    /// A parser over `toks`, the tokens of `text`.
    pub fn new(text: &'a str, toks: &'a [Token], doc_date: Option<Ymd>) -> Parser<'a> {
        Parser {
            text,
            toks,
            doc_date,
            infos: crate::lexicon::infos(),
            last_number: Cell::new(None),
        }
    }

    // ------------------------------------------------------------------ token helpers

    #[inline]
    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }
    #[inline]
    fn str(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    #[inline]
    fn word(&self, i: usize) -> Option<&'static WordInfo> {
        match self.tok(i)?.tok {
            Tok::Word(id) => Some(info_in(self.infos, id)),
            _ => None,
        }
    }
    #[inline]
    fn is_word(&self, i: usize) -> bool {
        matches!(
            self.tok(i),
            Some(Token {
                tok: Tok::Word(_),
                ..
            })
        )
    }
    /// The bytes of a word known to the lexicon (`None` for other tokens).
    #[inline]
    fn known_word(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.toks.get(i)?;
        match t.tok {
            Tok::Word(id) if id != WordId::NONE => Some(&self.text.as_bytes()[t.start..t.end]),
            _ => None,
        }
    }
    /// Whether token `i` is a word the lexicon does not know (a noun,
    /// verb or adjective rather than a number, unit or function word).
    #[inline]
    fn open_word(&self, i: usize) -> bool {
        self.is_word(i) && self.known_word(i).is_none()
    }
    /// Whether token `i` is a word of `WORD_LISTS[list]` (a flag of its
    /// lexicon entry: no string comparison).
    #[inline]
    fn in_list(&self, i: usize, list: List) -> bool {
        self.word(i)
            .is_some_and(|w| w.lists & (1 << list as u16) != 0)
    }
    #[inline]
    fn is(&self, i: usize, w: &str) -> bool {
        debug_assert!(
            lookup(w.as_bytes()) != WordId::NONE,
            "{w:?} is not in the lexicon"
        );
        self.known_word(i)
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    }
    #[inline]
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        debug_assert!(
            ws.iter().all(|w| lookup(w.as_bytes()) != WordId::NONE),
            "{ws:?} not all in the lexicon"
        );
        self.known_word(i)
            .is_some_and(|b| ws.iter().any(|w| b.eq_ignore_ascii_case(w.as_bytes())))
    }
    #[inline]
    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.tok(i), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }
    #[inline]
    fn punct_char(&self, i: usize) -> Option<char> {
        match self.tok(i)?.tok {
            Tok::Punct(p) => Some(p),
            _ => None,
        }
    }
    #[inline]
    fn digits(&self, i: usize) -> bool {
        matches!(
            self.tok(i),
            Some(Token {
                tok: Tok::Digits,
                ..
            })
        )
    }
    /// Token `i` exists and touches the previous token (no whitespace).
    #[inline]
    fn attached(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space)
    }
    /// Token `i` is absent, or punctuation other than a dash or sign.
    fn ends(&self, i: usize) -> bool {
        match self.tok(i) {
            None => true,
            Some(t) => {
                matches!(t.tok, Tok::Punct(c) if !matches!(c, '-' | '$' | '€' | '£' | '%' | '/' | '°'))
            }
        }
    }
    #[inline]
    fn card(&self, i: usize) -> Option<NumWord> {
        self.word(i)?.card
    }
    #[inline]
    fn ord(&self, i: usize) -> Option<(NumWord, bool)> {
        self.word(i)?.ord
    }
    /// Skips approximators ("about", "some", "~") starting at `i`.
    fn skip_approx(&self, mut i: usize) -> usize {
        while self.in_list(i, List::Approx) || self.punct(i, '~') {
            i += 1;
        }
        i
    }

    /// Whether an expression may start at token `i` (cheap pre-check).
    fn may_start(&self, i: usize) -> bool {
        match self.toks[i].tok {
            Tok::Digits => true,
            Tok::Punct(c) => match c {
                '.' | '-' | '+' => self.digits(i + 1) && self.attached(i + 1),
                // "< 30", "<= -30", "≥ 5": the symbol, "=", a sign, the number.
                '>' | '<' | '≥' | '≤' => self.numberish_within(i + 1, 3),
                _ => money::sign_code(c).is_some() || vulgar(c).is_some(),
            },
            Tok::Word(_) => {
                let t = self.toks[i].traits;
                t & STARTS != 0
                    || ((t & LEADS != 0 || self.toks[i].upper) && self.numberish_within(i + 1, 5))
            }
        }
    }

    /// Whether one of the `n` tokens from `j` is a digit run, a number
    /// word, a currency sign or a weekday: the cheap test that lets a
    /// keyword ("between", "a", "next", "USD") start an expression.
    fn numberish_within(&self, j: usize, n: usize) -> bool {
        self.toks
            .get(j..(j + n).min(self.toks.len()))
            .is_some_and(|ts| {
                ts.iter().any(|t| match t.tok {
                    Tok::Digits => true,
                    Tok::Punct(c) => money::sign_code(c).is_some() || vulgar(c).is_some(),
                    Tok::Word(_) => t.traits & NUMBERISH != 0,
                })
            })
    }

    // ------------------------------------------------------------------ driver

    /// Every expression of the text, in order.
    pub fn run(&self, out: &mut Vec<Found>) {
        let mut i = 0;
        // The first token not yet covered by a record.
        let mut free = 0;
        while i < self.toks.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            match self.at(i) {
                Step::Found(mut f, next) => {
                    // An approximator before an interval of amounts is
                    // part of it: "around 10-20 dollars", "~2-7 g"
                    // (Duckling); not before bare numbers ("about 20~100",
                    // Recognizers-Text). Only intervals of amounts between
                    // two values are written `[a,b]`.
                    let closed = f
                        .value
                        .as_deref()
                        .is_some_and(|v| v.starts_with('[') && v.ends_with(']'));
                    if f.kind == Kind::Range && closed && f.start == self.toks[i].start {
                        let mut k = i;
                        while k > free
                            && (self.in_list(k - 1, List::Approx) || self.punct(k - 1, '~'))
                        {
                            k -= 1;
                        }
                        f.start = self.toks[k].start;
                    }
                    let bounded = (f.kind == Kind::Range).then(|| self.bounded_amount(&f, i, next));
                    out.push(f);
                    out.extend(bounded.flatten());
                    i = next.max(i + 1);
                    free = i;
                }
                Step::Skip(next) => i = next.max(i + 1),
                Step::No => i += 1,
            }
        }
    }

    /// The amount a one-sided range over tokens `i..next` bounds: "$5
    /// million" of "more than $5 million", "2 kg" of "2 kg or more". It is
    /// a record of its own, inside the range's span (see the crate docs).
    fn bounded_amount(&self, range: &Found, i: usize, next: usize) -> Option<Found> {
        let v = range.value.as_deref()?;
        if !(v.starts_with("(,") || v.ends_with(",)")) {
            return None;
        }
        (i..next).find_map(|k| {
            let m = self.measure(k)?;
            let amount = matches!(m.kind, Kind::Money | Kind::Quantity | Kind::Percent);
            (amount && m.e <= next)
                .then(|| self.found(m.s, m.e, m.kind, m.num.val.to_string(), m.unit))
        })
    }

    fn at(&self, i: usize) -> Step {
        if let Some((f, e)) = self.power(i) {
            return Step::Found(f, e);
        }
        if let Some(next) = self.code_at(i) {
            return Step::Skip(next);
        }
        if let Some((f, e)) = self.date(i) {
            return Step::Found(f, e);
        }
        if let Some((f, e)) = self.scale_to_convert_to(i) {
            return Step::Found(f, e);
        }
        if let Some((f, e)) = self.percent_of(i) {
            return Step::Found(f, e);
        }
        if let Some((f, e)) = self.range(i) {
            return Step::Found(f, e);
        }
        if self.card(i).is_some() {
            if let Some(end) = self.ambiguous_fraction(i) {
                return Step::Skip(end);
            }
        }
        let Some(m) = self.measure(i) else {
            return Step::No;
        };
        // Digits glued to letters that were not understood: "5m people", "1m is".
        if self.digits(m.e - 1) && self.attached(m.e) && self.is_word(m.e) {
            if let Some((f, e)) = self.millions_before_unit(m) {
                return Step::Found(f, e);
            }
            return Step::Skip(self.run_end(m.e - 1));
        }
        if let Some((f, e)) = self.range_after(m) {
            return Step::Found(f, e);
        }
        // A digits-dash-digits run that is not a range is a code or a score.
        if m.num.plain_digits.is_some()
            && self.punct(m.e, '-')
            && self.attached(m.e)
            && self.digits(m.e + 1)
            && self.attached(m.e + 1)
        {
            return Step::Skip(m.e + 2);
        }
        if m.kind == Kind::Cardinal {
            if let Some(f) = self.year(m) {
                return Step::Found(f, m.e);
            }
            if self.is_pronoun_one(m) {
                return Step::Skip(m.e);
            }
        }
        Step::Found(
            self.found(m.s, m.e, m.kind, m.num.val.to_string(), m.unit),
            m.e,
        )
    }

    fn found(
        &self,
        s: usize,
        e: usize,
        kind: Kind,
        value: String,
        unit: Option<&'static str>,
    ) -> Found {
        // Metric masses are given in grams, as Duckling does ("0.5 kg" →
        // 500 g, "2000 mg" → 2 g); see the crate docs.
        let (value, unit) = match unit {
            Some("kg") => (shift_point(&value, 3), Some("g")),
            Some("mg") => (shift_point(&value, -3), Some("g")),
            _ => (value, unit),
        };
        Found {
            start: self.toks[s].start,
            end: self.toks[e - 1].end,
            kind,
            value: Some(value),
            unit,
        }
    }
}

/// A word-number parse.
struct Spelled {
    e: usize,
    val: Rat,
    scaled: bool,
    ordinal: bool,
    /// The multiplier of the last magnitude word (1, 100, 1000, ...).
    last_mult: i128,
}

/// A one-sided bound; `true` when closed.
#[derive(Clone, Copy)]
enum Bound {
    Lower(bool),
    Upper(bool),
}

/// The value of a vulgar fraction character.
fn vulgar(c: char) -> Option<Rat> {
    let (n, d) = match c {
        '½' => (1, 2),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        '⅕' => (1, 5),
        _ => return None,
    };
    Rat::new(n, d)
}
