//! The parser: walks the tokens once, left to right; at each token that
//! can start an expression it tries, longest first, a date, a range, and a
//! measure (a number with its currency, unit or percent sign), emits the
//! first that matches and continues after it. Spans never overlap.

use crate::dates::{self, Ymd};
use crate::decimal::{DigitAcc, Rat};
use crate::lexicon::{info, lookup, Class, Family, NumWord, WordId, WordInfo};
use crate::money;
use crate::tokens::{Tok, Token};

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
}

/// Currency nouns that "a" can count: "a dollar".
const ARTICLE_CURRENCIES: &[&str] = &[
    "dollar", "euro", "pound", "penny", "rupee", "yuan", "yen", "buck", "cent",
];

/// Units that "a" can count: "a mile", "a litre".
const ARTICLE_UNITS: &[&str] = &[
    "mile",
    "kilometre",
    "kilometer",
    "metre",
    "meter",
    "litre",
    "liter",
    "ml",
    "gallon",
    "tonne",
    "ton",
    "kilogram",
    "kilo",
    "lb",
    "ounce",
    "barrel",
    "hectare",
    "acre",
    "kilowatt",
    "megawatt",
];

const APPROX: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "circa",
];

/// Words that may follow a one-letter unit ("5 m from", "2 t of").
const AFTER_UNIT: &[&str] = &[
    "tall", "high", "long", "deep", "wide", "thick", "away", "above", "below", "from", "of", "and",
    "or", "in", "to", "per", "is", "was", "are", "were", "on", "at", "by", "for", "with", "into",
    "across", "behind", "ahead", "x", "off", "up", "down", "under", "over", "but", "the", "a",
];

/// Words before a four-digit number that make it a year ("in 2019").
const BEFORE_YEAR: &[&str] = &[
    "its",
    "his",
    "her",
    "their",
    "our",
    "whose",
    "in",
    "since",
    "of",
    "by",
    "until",
    "till",
    "from",
    "to",
    "before",
    "after",
    "during",
    "year",
    "early",
    "late",
    "mid",
    "between",
    "and",
    "around",
    "circa",
    "fiscal",
    "fy",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "through",
    "throughout",
    "for",
    "the",
    "season",
    "census",
    "election",
    "elections",
    "olympics",
    "cup",
    "class",
    "born",
    "founded",
    "established",
    "est",
    "built",
    "than",
    "at",
    "on",
    "or",
    "as",
    "last",
    "this",
    "next",
];

/// Words after a four-digit number that make it a year ("2019 was").
const AFTER_YEAR: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "of",
    "as",
    "when",
    "after",
    "before",
    "but",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "that",
    "which",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "compared",
    "than",
    "while",
    "until",
    "through",
    "election",
    "elections",
    "season",
    "census",
    "olympics",
    "world",
    "budget",
    "levels",
    "level",
    "figures",
    "edition",
    "report",
    "survey",
    "due",
    "will",
    "would",
    "could",
    "should",
    "saw",
    "there",
    "alone",
    "onwards",
    "onward",
];

/// Every other word the parser compares tokens with; the lexicon holds
/// them all, so a word outside the lexicon is rejected without a string
/// comparison.
pub(crate) const PARSER_WORDS: &[&str] = &[
    "A",
    "B",
    "BST",
    "C",
    "CET",
    "Can",
    "E",
    "EST",
    "ET",
    "F",
    "G",
    "GBX",
    "GMT",
    "INR",
    "K",
    "M",
    "MM",
    "MUSD",
    "MW",
    "MYR",
    "Mm",
    "R",
    "RM",
    "S",
    "T",
    "USD",
    "USX",
    "UTC",
    "additional",
    "age",
    "aged",
    "ago",
    "am",
    "b",
    "baby",
    "bad",
    "big",
    "bigger",
    "bn",
    "brazilian",
    "c",
    "can",
    "cardinal",
    "cattle",
    "celsius",
    "centavos",
    "centigrade",
    "centimes",
    "cents",
    "children",
    "cm",
    "coming",
    "cubic",
    "date",
    "day",
    "days",
    "deg",
    "degree",
    "degrees",
    "doz",
    "dozen",
    "dozens",
    "dozs",
    "dutch",
    "dz",
    "dzs",
    "e",
    "egyptian",
    "end",
    "equal",
    "exceed",
    "exceeded",
    "exceeding",
    "exceeds",
    "excess",
    "extra",
    "f",
    "fahrenheit",
    "farenheit",
    "fewer",
    "finnish",
    "fish",
    "ft",
    "good",
    "greater",
    "h",
    "half",
    "halves",
    "heavier",
    "heavy",
    "higher",
    "hour",
    "hours",
    "hr",
    "hrs",
    "hungarian",
    "indonesian",
    "israeli",
    "jan",
    "k",
    "kWh",
    "km",
    "kopeks",
    "kuwaiti",
    "l",
    "larger",
    "least",
    "less",
    "lighter",
    "little",
    "lose",
    "loses",
    "losing",
    "lower",
    "m",
    "mM",
    "mar",
    "maximum",
    "may",
    "men",
    "metric",
    "mi",
    "million",
    "minimum",
    "minus",
    "mm",
    "money",
    "month",
    "months",
    "more",
    "most",
    "mph",
    "nd",
    "negative",
    "new",
    "nigerian",
    "not",
    "old",
    "one",
    "only",
    "ordinal",
    "other",
    "p",
    "paise",
    "pct",
    "pence",
    "people",
    "percent",
    "percentage",
    "personnel",
    "pm",
    "point",
    "points",
    "police",
    "polish",
    "post",
    "pounds",
    "pp",
    "pre",
    "quantity",
    "quarter",
    "quarters",
    "r",
    "range",
    "rd",
    "right",
    "ringgit",
    "rm",
    "rs",
    "russian",
    "s",
    "second",
    "sen",
    "sens",
    "shed",
    "sheep",
    "smaller",
    "spanish",
    "split",
    "sq",
    "square",
    "st",
    "staff",
    "sun",
    "t",
    "th",
    "thai",
    "thru",
    "thurs",
    "today",
    "tomorrow",
    "tonnes",
    "tons",
    "top",
    "tues",
    "u",
    "ukrainian",
    "upwards",
    "ur",
    "us",
    "vietnamese",
    "week",
    "weeks",
    "weigh",
    "women",
    "wrong",
    "yd",
    "years",
    "yesterday",
    "yo",
    "yr",
    "yrs",
    "zero",
];

/// The parser's word lists, as bit positions in [`WordInfo::lists`]
/// (the order of [`WORD_LISTS`]).
#[derive(Clone, Copy)]
enum List {
    ArticleCurrencies = 1,
    ArticleUnits,
    Approx,
    CodeNouns,
    AfterUnit,
    BeforeYear,
    AfterYear,
    ChangeVerbs,
    Determiners,
}

/// All the word lists of the parser (for the lexicon).
pub(crate) const WORD_LISTS: &[&[&str]] = &[
    PARSER_WORDS,
    ARTICLE_CURRENCIES,
    ARTICLE_UNITS,
    APPROX,
    CODE_NOUNS,
    AFTER_UNIT,
    BEFORE_YEAR,
    AFTER_YEAR,
    CHANGE_VERBS,
    DETERMINERS,
];

/// Words before "one" that make it a pronoun ("the one", "no one").
const DETERMINERS: &[&str] = &[
    "the", "this", "that", "no", "any", "every", "each", "which", "such", "someone", "another",
    "my", "your", "his", "her", "our", "their", "its", "a", "an",
];

/// Verbs of change: "X to Y" after them is a change, not a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "increased",
    "increase",
    "increases",
    "increasing",
    "decreased",
    "decrease",
    "decreases",
    "declined",
    "decline",
    "declines",
    "climbed",
    "climb",
    "climbs",
    "dropped",
    "drop",
    "drops",
    "gained",
    "gain",
    "gains",
    "lost",
    "jumped",
    "jump",
    "jumps",
    "slipped",
    "eased",
    "added",
    "grew",
    "grow",
    "grows",
    "growing",
    "cut",
    "cuts",
    "raised",
    "raise",
    "raises",
    "lowered",
    "reduced",
    "reduce",
    "up",
    "down",
    "slid",
    "slumped",
    "surged",
    "soared",
    "plunged",
    "tumbled",
    "widened",
    "narrowed",
    "shrank",
    "expanded",
    "improved",
    "boosted",
    "revised",
    "lifted",
    "doubled",
    "tripled",
    "changed",
    "moved",
    "went",
    "advanced",
    "retreated",
    "rallied",
    "sank",
    "dipped",
    "edged",
    "swelled",
    "hiked",
];

/// Capitalised words after which a number is a name or code ("Article 5",
/// "Boeing 737").
const CODE_NOUNS: &[&str] = &[
    "article",
    "section",
    "chapter",
    "flight",
    "route",
    "highway",
    "interstate",
    "resolution",
    "amendment",
    "phase",
    "stage",
    "level",
    "category",
    "grade",
    "class",
    "type",
    "model",
    "version",
    "windows",
    "iphone",
    "boeing",
    "airbus",
    "formula",
    "apollo",
    "room",
    "gate",
    "terminal",
    "platform",
    "exit",
    "bill",
    "proposition",
    "title",
    "rule",
    "paragraph",
    "clause",
    "series",
    "block",
    "unit",
    "building",
    "pier",
    "line",
    "channel",
    "track",
    "episode",
    "season",
    "no",
    "number",
    "galaxy",
    "pixel",
    "playstation",
    "xbox",
    "covid",
    "sars",
    "tu",
    "su",
    "mig",
    "ps",
    "cat",
    "vol",
    "volume",
    "issue",
    "page",
    "pages",
    "fig",
    "figure",
    "table",
    "act",
    "part",
    "psalm",
    "ward",
    "district",
    "precinct",
    "lot",
    "suite",
    "radio",
    "apartment",
    "apt",
    "box",
    "studio",
    "ch",
    "art",
    "sec",
];

impl<'a> Parser<'a> {
    /// A parser over `toks`, the tokens of `text`.
    pub fn new(text: &'a str, toks: &'a [Token], doc_date: Option<Ymd>) -> Parser<'a> {
        Parser {
            text,
            toks,
            doc_date,
        }
    }

    // ------------------------------------------------------------------ token helpers

    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }
    fn str(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn word(&self, i: usize) -> Option<&'static WordInfo> {
        match self.tok(i)?.tok {
            Tok::Word(id) => Some(info(id)),
            _ => None,
        }
    }
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
    fn known_word(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.toks.get(i)?;
        match t.tok {
            Tok::Word(id) if id != WordId::NONE => Some(&self.text.as_bytes()[t.start..t.end]),
            _ => None,
        }
    }
    /// Whether token `i` is a word of `WORD_LISTS[list]` (a flag of its
    /// lexicon entry: no string comparison).
    fn in_list(&self, i: usize, list: List) -> bool {
        self.word(i)
            .is_some_and(|w| w.lists & (1 << list as u16) != 0)
    }
    fn is(&self, i: usize, w: &str) -> bool {
        debug_assert!(
            lookup(w.as_bytes()) != WordId::NONE,
            "{w:?} is not in the lexicon"
        );
        self.known_word(i)
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    }
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        debug_assert!(
            ws.iter().all(|w| lookup(w.as_bytes()) != WordId::NONE),
            "{ws:?} not all in the lexicon"
        );
        self.known_word(i)
            .is_some_and(|b| ws.iter().any(|w| b.eq_ignore_ascii_case(w.as_bytes())))
    }
    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.tok(i), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }
    fn punct_char(&self, i: usize) -> Option<char> {
        match self.tok(i)?.tok {
            Tok::Punct(p) => Some(p),
            _ => None,
        }
    }
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
    fn card(&self, i: usize) -> Option<NumWord> {
        self.word(i)?.card
    }
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
                '>' | '<' | '≥' | '≤' => self.numberish_within(i + 1, 2),
                _ => money::sign_code(c).is_some() || vulgar(c).is_some(),
            },
            Tok::Word(id) => {
                let w = info(id);
                if w.card.is_some()
                    || w.ord.is_some()
                    || w.month != 0
                    || w.weekday != 0
                    || w.day_offset.is_some()
                {
                    return true;
                }
                (w.keyword || w.currency.is_some() || self.toks[i].upper)
                    && self.numberish_within(i + 1, 5)
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
                    Tok::Word(id) => {
                        let w = info(id);
                        w.card.is_some()
                            || w.ord.is_some()
                            || w.weekday != 0
                            || w.day_offset.is_some()
                            || w.currency.is_some()
                            || w.unit.is_some()
                            || w.counts
                    }
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
                    // An approximator before an interval is part of it: "around 10-20 dollars", "~2-7 g".
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
                    out.push(f);
                    i = next.max(i + 1);
                    free = i;
                }
                Step::Skip(next) => i = next.max(i + 1),
                Step::No => i += 1,
            }
        }
    }

    fn at(&self, i: usize) -> Step {
        if let Some(next) = self.code_at(i) {
            return Step::Skip(next);
        }
        if let Some((f, e)) = self.date(i) {
            return Step::Found(f, e);
        }
        if let Some((f, e)) = self.range(i) {
            return Step::Found(f, e);
        }
        let Some(m) = self.measure(i) else {
            return Step::No;
        };
        // Digits glued to letters that were not understood: "5m people", "1m is".
        if self.digits(m.e - 1) && self.attached(m.e) && self.is_word(m.e) {
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
        Found {
            start: self.toks[s].start,
            end: self.toks[e - 1].end,
            kind,
            value: Some(value),
            unit,
        }
    }

    // ------------------------------------------------------------------ names and codes

    /// If the number at `i` is part of a name or code ("G7", "F-16",
    /// "COVID-19", "Boeing 737", "192.168.1.2", "10:30", "+1-222-2222"),
    /// the token after it.
    fn code_at(&self, i: usize) -> Option<usize> {
        if matches!(self.punct_char(i), Some('-' | '+'))
            && self.digits(i + 1)
            && self.attached(i + 1)
        {
            return self.code_at(i + 1);
        }
        if !self.digits(i) {
            return None;
        }
        // HTML character references and hash numbers: "&#227;", "#3".
        if i > 0 && self.punct(i - 1, '#') && self.attached(i) {
            return Some(if self.punct(i + 1, ';') { i + 2 } else { i + 1 });
        }
        // Digits glued to letters before them: "G7", "A320" (but "Rs20", "USD115" are money).
        if self.attached(i) && i > 0 && self.is_word(i - 1) {
            let w = self.str(i - 1);
            if money::iso_code(w).is_none()
                && !w.eq_ignore_ascii_case("rs")
                && !w.eq_ignore_ascii_case("rm")
                && !w.starts_with('M')
            {
                return Some(self.run_end(i));
            }
        }
        // Word-dash-digits: "F-16", "COVID-19".
        if self.attached(i)
            && i >= 2
            && self.punct(i - 1, '-')
            && self.attached(i - 1)
            && self.is_word(i - 2)
        {
            let w = self.str(i - 2);
            if ![
                "mid", "pre", "post", "early", "late", "end", "by", "since", "circa", "over",
                "under", "top", "and", "to",
            ]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(w))
                && self.card(i - 2).is_none()
            {
                return Some(self.run_end(i));
            }
        }
        // "Boeing 737", "Article 5" (but "Act 1902" has a year).
        let year_like = self.str(i).len() == 4 && self.str(i).starts_with(['1', '2']);
        if i >= 1
            && !year_like
            && !self.attached(i)
            && self.tok(i - 1).is_some_and(|t| t.cap)
            && self.in_list(i - 1, List::CodeNouns)
        {
            return Some(self.run_end(i));
        }
        if i >= 2
            && self.punct(i - 1, '.')
            && self.is(i - 2, "no")
            && self.tok(i - 2).is_some_and(|t| t.cap)
        {
            return Some(self.run_end(i));
        }
        // Times: "10:30", "11pm", "5 p.m.".
        if self.punct(i + 1, ':')
            && self.attached(i + 1)
            && self.digits(i + 2)
            && self.attached(i + 2)
        {
            let mut j = i + 3;
            while self.punct(j, ':')
                && self.attached(j)
                && self.digits(j + 1)
                && self.attached(j + 1)
            {
                j += 2;
            }
            if self.is_any(j, &["am", "pm"]) {
                j += 1;
            }
            return Some(j);
        }
        if self.is_any(
            i + 1,
            &[
                "am", "pm", "GMT", "UTC", "EST", "ET", "BST", "CET", "hrs", "h", "GMT",
            ],
        ) || (self.is_any(i + 1, &["a", "p"]) && self.punct(i + 2, '.') && self.is(i + 3, "m"))
        {
            return Some(i + 2);
        }
        // Powers ("2.5^-1") and comma groups that are not thousands ("5,00", "1,3").
        let mut j = i + 1;
        while self.attached(j)
            && matches!(self.punct_char(j), Some('.' | ','))
            && self.digits(j + 1)
            && self.attached(j + 1)
        {
            if self.punct(j, ',')
                && self.str(j + 1).len() != 3
                && !(self.str(j + 1).len() == 2 && self.punct(j + 2, ','))
            {
                return Some(self.run_end(i).max(j + 2));
            }
            j += 2;
        }
        if self.punct(j, '^') && self.attached(j) {
            let mut k = j + 1;
            if matches!(self.punct_char(k), Some('+' | '-')) {
                k += 1;
            }
            return Some(if self.digits(k) { k + 1 } else { k });
        }
        // Dotted or dashed runs of three or more groups that are not dates:
        // versions, IP addresses, phone numbers.
        // A separator used twice makes a code ("1.2.3", "555-123-4567");
        // "0.3-0.5" is a range of decimals.
        let mut groups = 1;
        let (mut dashes, mut slashes, mut dots_in_part, mut many_dots) = (0, 0, 0, false);
        let mut j = i + 1;
        while self.attached(j) && self.digits(j + 1) && self.attached(j + 1) {
            match self.punct_char(j) {
                Some('.') => {
                    dots_in_part += 1;
                    many_dots |= dots_in_part >= 2;
                }
                Some('-') => {
                    dashes += 1;
                    dots_in_part = 0;
                }
                Some('/') => {
                    slashes += 1;
                    dots_in_part = 0;
                }
                _ => break,
            }
            groups += 1;
            j += 2;
        }
        let fraction_run =
            self.hyphen_fraction_range(i) || (self.punct(i + 1, '/') && slashes == 1);
        if (many_dots || dashes >= 2 || slashes >= 2)
            && self.numeric_date(i).is_none()
            && !fraction_run
        {
            return Some(j);
        }
        if i >= 1 && self.punct(i - 1, '+') && self.attached(i) && groups >= 2 {
            return Some(j);
        }
        // Slashes that are not common fractions: "9/11", "24/7", "4/22".
        if self.punct(i + 1, '/')
            && self.attached(i + 1)
            && self.digits(i + 2)
            && self.attached(i + 2)
            && self.fiscal_year(i).is_none()
            && self.numeric_date(i).is_none()
        {
            let common = self.common_fraction(i);
            // "2 1/4", "11-1/2": the fraction of a mixed number.
            let mixed = i > 0
                && ((self.digits(i - 1) && !self.attached(i))
                    || (self.punct(i - 1, '-')
                        && self.attached(i)
                        && self.digits(i.saturating_sub(2))));
            if !common && !mixed {
                return Some(j.max(i + 3));
            }
        }
        // Digits glued to unknown letters after them: "5G", "737MAX", "3D".
        if self.attached(i + 1) && self.is_word(i + 1) && !self.known_suffix(i + 1) {
            return Some(self.run_end(i));
        }
        None
    }

    /// Whether tokens `i..i+3` are a glued common fraction: "1/2", "3/16".
    fn common_fraction(&self, i: usize) -> bool {
        if !(self.digits(i)
            && self.punct(i + 1, '/')
            && self.attached(i + 1)
            && self.digits(i + 2)
            && self.attached(i + 2))
        {
            return false;
        }
        let (a, b) = (
            self.str(i).parse::<u32>().unwrap_or(0),
            self.str(i + 2).parse::<u32>().unwrap_or(0),
        );
        [2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100, 1000].contains(&b) && a >= 1 && a < b
    }

    /// Whether a hyphenated mixed fraction starts at `i`: "33-1/4".
    fn hyphen_fraction_range(&self, i: usize) -> bool {
        self.punct(i + 1, '-')
            && self.attached(i + 1)
            && self.attached(i + 2)
            && self.common_fraction(i + 2)
    }

    /// The token after a run of glued digits, letters and joiners.
    fn run_end(&self, i: usize) -> usize {
        let mut j = i + 1;
        while self.attached(j)
            && (self.digits(j)
                || self.is_word(j)
                || matches!(self.punct_char(j), Some('-' | '.' | '/'))
                    && (self.digits(j + 1) || self.is_word(j + 1))
                    && self.attached(j + 1))
        {
            j += 1;
        }
        j
    }

    /// Whether the letters glued after digits at `i` mean something.
    fn known_suffix(&self, i: usize) -> bool {
        let s = self.str(i);
        let Some(w) = self.word(i) else { return false };
        w.unit.is_some()
            || w.scale_abbr.is_some()
            || w.currency.is_some()
            || money::iso_code(s).is_some()
            || [
                "st", "nd", "rd", "th", "s", "rs", "yo", "MM", "M", "B", "K", "bn", "am", "pm",
                "p", "in", "in", "h", "hrs", "m", "km", "C", "F",
            ]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(s))
            || w.month != 0
            || ((s == "e" || s == "E")
                && (self.digits(i + 1) || matches!(self.punct_char(i + 1), Some('+' | '-')))
                && self.attached(i + 1))
            || s == "RM"
            || (s.len() > 1 && s.starts_with('M') && money::iso_code(&s[1..]).is_some())
    }

    // ------------------------------------------------------------------ numbers

    /// A number starting at `i`: digits (with separators, decimals, sign,
    /// fraction, magnitude) or words.
    fn number(&self, i: usize, money_ctx: bool) -> Option<Num> {
        let (mut neg, mut j) = (false, i);
        if (self.punct(i, '-') || self.punct(i, '+'))
            && self.attached(i + 1)
            && (self.digits(i + 1) || self.punct(i + 1, '.'))
        {
            let prev_num =
                i > 0 && (self.digits(i - 1) || (self.is_word(i - 1) && !self.toks[i].space));
            if prev_num {
                return None;
            }
            neg = self.punct(i, '-');
            j = i + 1;
        } else if self.is_any(i, &["minus", "negative"]) {
            neg = true;
            j = i + 1;
        }
        let mut n = if self.digits(j)
            || (self.punct(j, '.') && self.digits(j + 1) && self.attached(j + 1))
        {
            self.digit_number(j, money_ctx)?
        } else {
            self.word_number(j)?
        };
        if !n.ordinal {
            self.extend_number(&mut n)?;
            // "one over three", "1 over 20", "2000 over 3" (before a pause only).
            if self.is(n.e, "over") && n.val.is_int() && !n.scaled {
                if let Some(d) = self.number(n.e + 1, false) {
                    if d.val.is_int()
                        && !d.val.is_zero()
                        && !d.ordinal
                        && d.plain_digits != Some(4)
                        && self.ends(d.e)
                        && d.val > Rat::ONE
                    {
                        n.val = n.val.checked_div(d.val)?;
                        n.base = n.val;
                        n.e = d.e;
                        n.plain_digits = None;
                    }
                }
            }
        }
        if neg {
            if n.ordinal {
                return None;
            }
            n.val = n.val.checked_neg()?;
            n.base = n.base.checked_neg()?;
            n.plain_digits = None;
        }
        n.s = i;
        Some(n)
    }

    /// Trailing parts of a number: "and a half" ("one million and a
    /// half"), "point" decimals ("two hundred point zero three", "1 point 1").
    fn extend_number(&self, n: &mut Num) -> Option<()> {
        if self.is(n.e, "and") && (n.val.is_int()) {
            if let Some((f, end)) = self.and_fraction(n.e + 1) {
                let (f, end) = match self.card(end).filter(|c| c.class == Class::Scale) {
                    Some(c) => (f.checked_mul(Rat::int(c.value))?, end + 1),
                    None => (f.checked_mul(Rat::int(n.mult))?, end),
                };
                n.val = n.val.checked_add(f)?;
                n.e = end;
                n.base = n.val;
                n.plain_digits = None;
                return Some(());
            }
        }
        if self.is(n.e, "point") && n.val.is_int() && !n.scaled {
            let mut j = n.e + 1;
            let mut s = String::new();
            while let Some(c) = self.card(j).filter(|c| c.class == Class::Unit) {
                s.push(char::from(b'0' + c.value as u8));
                j += 1;
            }
            if s.is_empty() && self.digits(j) && !self.attached(j) && !self.attached(j + 1) {
                s.push_str(self.str(j));
                j += 1;
            }
            if !s.is_empty() {
                let frac = Rat::from_digits(&format!(".{s}"))?;
                n.val = if n.val < Rat::ZERO {
                    n.val.checked_add(frac.checked_neg()?)?
                } else {
                    n.val.checked_add(frac)?
                };
                n.e = j;
                n.base = n.val;
                n.plain_digits = None;
            }
        }
        Some(())
    }

    /// Digits with separators: "1,234,567.89", "1 234", "12,34,567", ".5".
    fn literal(&self, i: usize) -> Option<(usize, Rat, Option<usize>)> {
        let mut acc = DigitAcc::default();
        let mut j = i;
        let mut plain = true;
        if self.punct(i, '.') {
            if i > 0 && self.attached(i) && (self.digits(i - 1) || self.is_word(i - 1)) {
                return None;
            }
            acc.frac(self.str(i + 1))?;
            return Some((i + 2, acc.value()?, None));
        }
        let first = self.str(i);
        acc.int(first)?;
        j += 1;
        // Comma groups (Western threes, or Indian twos ending in a three).
        loop {
            if self.punct(j, ',') && self.attached(j) && self.digits(j + 1) && self.attached(j + 1)
            {
                let g = self.str(j + 1);
                let next_comma = self.punct(j + 2, ',')
                    && self.attached(j + 2)
                    && self.digits(j + 3)
                    && self.attached(j + 3);
                if g.len() == 3 || (g.len() == 2 && next_comma) {
                    acc.int(g)?;
                    j += 2;
                    plain = false;
                    continue;
                }
            }
            break;
        }
        // Space or thin-space groups of three: "1 234 567", "1\u{a0}000".
        if plain && first.len() <= 3 {
            let mut k = j;
            while self.digits(k)
                && self.str(k).len() == 3
                && self
                    .tok(k)
                    .is_some_and(|t| self.text[self.toks[k - 1].end..t.start].chars().count() == 1)
                && !(self.punct(k + 1, '/') && self.attached(k + 1))
            {
                k += 1;
            }
            let thin = self
                .tok(j)
                .is_some_and(|t| !self.text[self.toks[j - 1].end..t.start].starts_with(' '));
            let after_dash = i > 0 && self.punct(i - 1, '-') && self.attached(i);
            let more_digits = self.digits(k) && !self.attached(k);
            if k > j && !more_digits && (thin || k - j >= 2) && !after_dash {
                for g in j..k {
                    acc.int(self.str(g))?;
                }
                j = k;
                plain = false;
            }
        }
        let int_digits = acc.int_digits;
        if self.punct(j, '.') && self.attached(j) && self.digits(j + 1) && self.attached(j + 1) {
            acc.frac(self.str(j + 1))?;
            j += 2;
            plain = false;
        }
        Some((j, acc.value()?, plain.then_some(int_digits)))
    }

    fn digit_number(&self, i: usize, money_ctx: bool) -> Option<Num> {
        let (mut j, mut val, plain) = self.literal(i)?;
        let mut n = Num {
            s: i,
            e: j,
            val,
            base: val,
            scaled: false,
            ordinal: false,
            plain_digits: plain,
            mult: 1,
        };
        // Ordinal suffix: "1st", "69th".
        if plain.is_some() && self.attached(j) && self.is_any(j, &["st", "nd", "rd", "th"]) {
            let v = val.as_int()?;
            let want = match (v % 10, v % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            if !self.str(j).eq_ignore_ascii_case(want) {
                return None;
            }
            n.e = j + 1;
            n.ordinal = true;
            n.plain_digits = None;
            return Some(n);
        }
        // Mixed fractions with a hyphen: "11-1/2", "6-3/16" (bond and share prices).
        if plain.is_some() && self.punct(j, '-') && self.attached(j) && self.common_fraction(j + 1)
        {
            let a = Rat::from_digits(self.str(j + 1))?;
            let b = Rat::from_digits(self.str(j + 3))?;
            n.val = val.checked_add(a.checked_div(b)?)?;
            n.base = n.val;
            n.e = j + 4;
            n.plain_digits = None;
            return Some(n);
        }
        // Fractions: "3/4", "2 1/4", "10 1/2", "-4/5"; and "2½".
        if plain.is_some()
            && self.punct(j, '/')
            && self.attached(j)
            && self.digits(j + 1)
            && self.attached(j + 1)
            && !(self.punct(j + 2, '/') && self.attached(j + 2))
        {
            let den = Rat::from_digits(self.str(j + 1))?;
            if den.is_zero() {
                return None;
            }
            n.val = val.checked_div(den)?;
            n.base = n.val;
            n.e = j + 2;
            n.plain_digits = None;
            return Some(n);
        }
        if plain.is_some()
            && self.digits(j)
            && !self.attached(j)
            && self.punct(j + 1, '/')
            && self.attached(j + 1)
            && self.digits(j + 2)
            && self.attached(j + 2)
        {
            let a = Rat::from_digits(self.str(j))?;
            let b = Rat::from_digits(self.str(j + 2))?;
            if !b.is_zero() && a < b {
                n.val = val.checked_add(a.checked_div(b)?)?;
                n.base = n.val;
                n.e = j + 3;
                n.plain_digits = None;
                return Some(n);
            }
        }
        if let Some(f) = self.punct_char(j).and_then(vulgar) {
            if self.attached(j) {
                n.val = val.checked_add(f)?;
                n.base = n.val;
                n.e = j + 1;
                n.plain_digits = None;
                return Some(n);
            }
        }
        // Scientific notation: "1e10", "1.3e6", "12.32e+14".
        if self.attached(j) && self.is_word(j) {
            let w = self.str(j);
            let (exp_str, next) = if w.eq_ignore_ascii_case("e")
                && matches!(self.punct_char(j + 1), Some('+' | '-'))
                && self.attached(j + 1)
                && self.digits(j + 2)
                && self.attached(j + 2)
            {
                (Some((self.punct(j + 1, '-'), self.str(j + 2))), j + 3)
            } else if (w == "e" || w == "E") && self.digits(j + 1) && self.attached(j + 1) {
                (Some((false, self.str(j + 1))), j + 2)
            } else {
                (None, j)
            };
            if let Some((negexp, digits)) = exp_str {
                let exp: u32 = digits.parse().ok().filter(|e| *e <= 30)?;
                let p = Rat::pow10(exp)?;
                n.val = if negexp {
                    val.checked_div(p)?
                } else {
                    val.checked_mul(p)?
                };
                n.base = n.val;
                n.e = next;
                n.plain_digits = None;
                return Some(n);
            }
        }
        // Magnitude: words ("1.5 million", "322 hundred", "13 lakh", "3 dozen")
        // and abbreviations ("100k", "$5m", "€3.2bn", "10M").
        if let Some(w) = self.word(j) {
            let s = self.str(j);
            let abbr = w.scale_abbr.filter(|_| {
                let glued = self.attached(j);
                match s {
                    "m" => glued && (money_ctx || self.currency_after(j + 1).is_some()),
                    // Spaced only at the end of a clause: "1,674,200.5 M.", "2.33 k".
                    "M" | "MM" | "K" | "B" | "k" => glued || self.ends(j + 1),
                    "b" => glued,
                    "mm" | "Mm" | "mM" => false,
                    _ => true,
                }
            });
            if let Some(scale) = abbr {
                val = val.checked_mul(Rat::int(scale))?;
                n.val = val;
                n.scaled = true;
                n.e = j + 1;
                n.plain_digits = None;
                return Some(n);
            }
            if w.card
                .is_some_and(|c| matches!(c.class, Class::Hundred | Class::Scale))
                || self.is_any(j, &["dozen", "dozens", "dz", "dzs", "doz", "dozs"])
            {
                if let Some(sp) = self.combine(j, Some(val)) {
                    j = sp.e;
                    n.val = sp.val;
                    n.mult = sp.last_mult;
                    n.scaled = true;
                    n.e = j;
                    n.plain_digits = None;
                    return Some(n);
                }
            }
        }
        Some(n)
    }

    /// A number in words, starting at `i`.
    fn word_number(&self, i: usize) -> Option<Num> {
        // Vulgar fraction sign alone: "½".
        if let Some(f) = self.punct_char(i).and_then(vulgar) {
            return Some(Num {
                s: i,
                e: i + 1,
                val: f,
                base: f,
                scaled: false,
                ordinal: false,
                plain_digits: None,
                mult: 1,
            });
        }
        let article = self.is_any(i, &["a", "an"]);
        // Fractions led by "half" / "quarter": "half a million", "a quarter million", "half a dozen".
        let k = if article { i + 1 } else { i };
        let frac_word = if self.is(k, "half") {
            Some(Rat::new(1, 2)?)
        } else if self.is(k, "quarter") {
            Some(Rat::new(1, 4)?)
        } else {
            None
        };
        if let Some(f) = frac_word {
            let mut j = k + 1;
            if self.is_any(j, &["a", "an"]) {
                j += 1;
            }
            if let Some(c) = self.card(j).filter(|c| c.class == Class::Scale) {
                let v = f.checked_mul(Rat::int(c.value))?;
                return Some(Num {
                    s: i,
                    e: j + 1,
                    val: v,
                    base: f,
                    scaled: true,
                    ordinal: false,
                    plain_digits: None,
                    mult: 1,
                });
            }
            // "half a gallon", "half-litre", "a quarter mile".
            let unit_at = |x: usize| {
                self.word(x)
                    .is_some_and(|w| w.unit.is_some_and(|u| !u.attached_only))
                    && !self.is_any(x, &["degree", "degrees", "deg"])
            };
            if unit_at(j) && j > k + 1 {
                return Some(Num {
                    s: i,
                    e: j,
                    val: f,
                    base: f,
                    scaled: false,
                    ordinal: false,
                    plain_digits: None,
                    mult: 1,
                });
            }
            if unit_at(k + 1)
                || (self.punct(k + 1, '-')
                    && self.attached(k + 1)
                    && self.attached(k + 2)
                    && unit_at(k + 2))
            {
                return Some(Num {
                    s: i,
                    e: k + 1,
                    val: f,
                    base: f,
                    scaled: false,
                    ordinal: false,
                    plain_digits: None,
                    mult: 1,
                });
            }
            if self.is_any(j, &["dozen"]) {
                let v = f.checked_mul(Rat::int(12))?;
                return Some(Num {
                    s: i,
                    e: j + 1,
                    val: v,
                    base: v,
                    scaled: false,
                    ordinal: false,
                    plain_digits: None,
                    mult: 1,
                });
            }
            // "a half", "a quarter of", "half of".
            let half = self.is(k, "half");
            if (article && ((half && self.ends(k + 1)) || self.is(k + 1, "of")))
                || (!article && half && self.is(k + 1, "of"))
            {
                return Some(Num {
                    s: i,
                    e: k + 1,
                    val: f,
                    base: f,
                    scaled: false,
                    ordinal: false,
                    plain_digits: None,
                    mult: 1,
                });
            }
            return None;
        }
        // "a fifth", "a third of": fractions with the article.
        if article {
            if let Some((ow, false)) = self.ord(i + 1) {
                const COMPARATIVES: &[&str] = &[
                    "higher", "more", "less", "lower", "larger", "smaller", "bigger", "fewer",
                    "greater",
                ];
                if ow.value > 2
                    && (self.ends(i + 2)
                        || self.is(i + 2, "of")
                        || self.is_any(i + 2, COMPARATIVES))
                {
                    let v = Rat::new(1, ow.value)?;
                    return Some(Num {
                        s: i,
                        e: i + 2,
                        val: v,
                        base: v,
                        scaled: false,
                        ordinal: false,
                        plain_digits: None,
                        mult: 1,
                    });
                }
                return None;
            }
        }
        let sp = self.combine(i, None)?;
        // "four million": the value before the magnitude is 4.
        let base = if sp.last_mult >= 1000 {
            sp.val.checked_div(Rat::int(sp.last_mult))?
        } else {
            sp.val
        };
        let mut n = Num {
            s: i,
            e: sp.e,
            val: sp.val,
            base,
            scaled: sp.scaled,
            ordinal: sp.ordinal,
            plain_digits: None,
            mult: sp.last_mult,
        };
        if n.ordinal {
            return Some(n);
        }
        // "two mln", "five bn".
        if let Some(scale) = self
            .word(n.e)
            .and_then(|w| w.scale_abbr)
            .filter(|_| self.str(n.e).len() >= 2 && !self.is(n.e, "mm"))
        {
            n.val = n.val.checked_mul(Rat::int(scale))?;
            n.e += 1;
            n.scaled = true;
            n.mult = scale;
            return Some(n);
        }
        // Numerator and denominator: "two thirds", "one eighth", "one twenty-fifth".
        if let Some((den, end)) = self.denominator(n.e) {
            let is_one = sp.val == Rat::ONE;
            // "two quarters" are usually periods: quarters are fractions
            // only as "three quarters" or before "of" or a magnitude.
            let quarter_ok = !self.is_any(end - 1, &["quarter", "quarters"])
                || sp.val == Rat::int(3)
                || self.is(end, "of")
                || self.card(end).is_some_and(|c| c.class == Class::Scale);
            // "thirty fifths" (30/5 or 1/35?), "two hundred and fifty-four
            // hundredths" (254/100 or 200.54?): ambiguous, left out.
            let ends_in_ten = self.card(n.e - 1).is_some_and(|c| c.class == Class::Ten);
            let big = (n.s..n.e).any(|k| {
                self.card(k)
                    .is_some_and(|c| matches!(c.class, Class::Hundred | Class::Scale))
            });
            if (den.1 || is_one)
                && quarter_ok
                && ((ends_in_ten && den.0 < 10) || (big && den.0 >= 100))
            {
                return None;
            }
            if (den.1 || is_one) && quarter_ok {
                n.val = sp.val.checked_div(Rat::int(den.0))?;
                n.e = end;
                n.base = n.val;
                // "three quarters billion", "two thirds of a million".
                let mut j = end;
                if self.is(j, "of") && self.is_any(j + 1, &["a", "an"]) {
                    j += 2;
                }
                if let Some(c) = self.card(j).filter(|c| c.class == Class::Scale) {
                    n.val = n.val.checked_mul(Rat::int(c.value))?;
                    n.e = j + 1;
                    n.scaled = true;
                }
                return Some(n);
            }
        }
        Some(n)
    }

    /// A fraction denominator at `i`: (denominator, plural) and the end.
    fn denominator(&self, i: usize) -> Option<((i128, bool), usize)> {
        let i = if self.punct(i, '-') { i + 1 } else { i };
        if self.is(i, "half") {
            return Some(((2, false), i + 1));
        }
        if self.is(i, "halves") {
            return Some(((2, true), i + 1));
        }
        if self.is(i, "quarter") {
            return Some(((4, false), i + 1));
        }
        if self.is(i, "quarters") {
            return Some(((4, true), i + 1));
        }
        if let Some((ow, plural)) = self.ord(i) {
            if ow.value > 2 {
                return Some(((ow.value, plural), i + 1));
            }
            return None;
        }
        // Compound: "twenty-fifth", "twenty firsts".
        let sp = self.combine(i, None)?;
        if sp.ordinal {
            let plural = self.str(sp.e - 1).ends_with('s');
            return Some(((sp.val.as_int()?, plural), sp.e));
        }
        None
    }

    /// After "and": "a half", "a quarter", "one fourth", "three fifths".
    fn and_fraction(&self, i: usize) -> Option<(Rat, usize)> {
        let (numer, j) = if self.is_any(i, &["a", "an"]) {
            (1, i + 1)
        } else {
            let c = self
                .card(i)
                .filter(|c| matches!(c.class, Class::Unit | Class::Teen | Class::Ten))?;
            (c.value, i + 1)
        };
        let ((den, plural), end) = self.denominator(j)?;
        if numer != 1 && !plural {
            return None;
        }
        Some((Rat::new(numer, den)?, end))
    }

    /// Combines number words (and digits after a magnitude word) into one
    /// value: "two hundred and five", "twenty-one trillion three hundred",
    /// "4 thousand 3 hundred and 21", "three crore twelve lakh". With
    /// `init`, a digit value already read stands first ("1.5" million).
    fn combine(&self, i: usize, init: Option<Rat>) -> Option<Spelled> {
        let mut total = Rat::ZERO;
        let mut cur: Rat = init.unwrap_or(Rat::ZERO);
        let mut last: Option<Class> = init.map(|_| Class::Unit);
        let mut last_scale: i128 = i128::MAX;
        let mut last_mult: i128 = 1;
        let mut j = i;
        let mut end = i;
        let mut any = init.is_some();
        let mut scaled = false;
        let mut ordinal = false;
        let mut a_article = false;
        if init.is_none()
            && self.is_any(j, &["a", "an"])
            && (self
                .card(j + 1)
                .is_some_and(|c| matches!(c.class, Class::Hundred | Class::Scale))
                || self.is(j + 1, "dozen"))
        {
            cur = Rat::ONE;
            last = Some(Class::Unit);
            a_article = true;
            any = true;
            j += 1;
        }
        loop {
            // Connectors between words: "-" (twenty-one), "and" (hundred and five).
            let mut k = j;
            if any && self.punct(k, '-') && self.tok(k + 1).is_some() {
                let spaced_ok = self.tok(k).is_some_and(|t| t.space)
                    == self.tok(k + 1).is_some_and(|t| t.space);
                if spaced_ok && last == Some(Class::Ten) {
                    k += 1;
                } else {
                    break;
                }
            } else if any
                && self.is(k, "and")
                && matches!(last, Some(Class::Hundred | Class::Scale))
            {
                let next_ok = self
                    .card(k + 1)
                    .is_some_and(|c| matches!(c.class, Class::Unit | Class::Teen | Class::Ten))
                    || (self.digits(k + 1) && !self.attached(k + 2))
                    || self.ord(k + 1).is_some_and(|(o, p)| {
                        !p && matches!(o.class, Class::Unit | Class::Teen | Class::Ten)
                    });
                // Not "and a half", "and three fifths" (handled as fractions).
                let frac_follows = self.card(k + 1).is_some() && self.denominator(k + 2).is_some();
                if next_ok && !frac_follows {
                    k += 1;
                } else {
                    break;
                }
            }
            let word = self
                .card(k)
                .map(|c| (c, false))
                .or_else(|| self.ord(k).filter(|(_, p)| !p).map(|(o, _)| (o, true)));
            if let Some((w, is_ord)) = word {
                let cur_int = cur.as_int().unwrap_or(-1);
                let ok = match w.class {
                    Class::Unit => match last {
                        None => true,
                        Some(Class::Ten) => cur_int % 10 == 0,
                        Some(Class::Hundred | Class::Scale) => cur_int % 100 == 0,
                        _ => false,
                    },
                    Class::Teen | Class::Ten => match last {
                        None => true,
                        Some(Class::Hundred | Class::Scale) => cur_int % 100 == 0,
                        _ => false,
                    },
                    Class::Hundred => {
                        matches!(last, Some(Class::Unit | Class::Teen | Class::Ten))
                            && cur_int >= 1
                            && (cur_int < 100 || (init.is_some() && j == i))
                            || (last.is_none() && is_ord)
                    }
                    Class::Scale => {
                        (w.value < last_scale) && (!cur.is_zero() || (last.is_none() && is_ord))
                    }
                };
                // "$280 million first ...": no ordinal right after digits or a magnitude.
                let ord_ok =
                    !is_ord || (init.is_none() && (k > j || !matches!(last, Some(Class::Scale))));
                if !ok || !ord_ok {
                    break;
                }
                // Number words that are also other words: "one" alone is
                // fine, but a lone "second" needs to be an ordinal.
                match w.class {
                    Class::Unit | Class::Teen | Class::Ten => {
                        cur = cur.checked_add(Rat::int(w.value))?;
                        last_mult = 1;
                    }
                    Class::Hundred => {
                        if cur.is_zero() {
                            cur = Rat::ONE;
                        }
                        cur = cur.checked_mul(Rat::int(100))?;
                        last_mult = 100;
                    }
                    Class::Scale => {
                        if cur.is_zero() {
                            cur = Rat::ONE;
                        }
                        total = total.checked_add(cur.checked_mul(Rat::int(w.value))?)?;
                        cur = Rat::ZERO;
                        last_scale = w.value;
                        last_mult = w.value;
                        scaled = true;
                    }
                }
                last = Some(w.class);
                any = true;
                j = k + 1;
                end = j;
                if is_ord {
                    ordinal = true;
                    break;
                }
                continue;
            }
            // Digits after a magnitude word: "4 thousand 3 hundred and 21".
            if any
                && matches!(last, Some(Class::Hundred | Class::Scale))
                && self.digits(k)
                && !self.attached(k)
                && !self.attached(k + 1)
            {
                if let Some(v) = Rat::from_digits(self.str(k)) {
                    let limit = if last == Some(Class::Hundred) {
                        100
                    } else {
                        last_scale
                    };
                    if v < Rat::int(limit.min(1000)) && cur.is_zero()
                        || (last == Some(Class::Hundred) && v < Rat::int(100))
                    {
                        cur = cur.checked_add(v)?;
                        last = Some(Class::Unit);
                        j = k + 1;
                        end = j;
                        continue;
                    }
                }
            }
            // "dozen": "two dozen", "3 dozens", "a dozen".
            if any && self.is_any(k, &["dozen", "dozens", "dz", "dzs", "doz", "dozs"]) && k == j {
                cur = if cur.is_zero() {
                    Rat::int(12)
                } else {
                    cur.checked_mul(Rat::int(12))?
                };
                j = k + 1;
                end = j;
                last = Some(Class::Scale);
                last_scale = 12;
                continue;
            }
            break;
        }
        if !any || end == i || (a_article && end == i + 1) {
            return None;
        }
        let val = total.checked_add(cur)?;
        Some(Spelled {
            e: end,
            val,
            scaled,
            ordinal,
            last_mult,
        })
    }

    // ------------------------------------------------------------------ measures

    /// A number with its currency, unit or percent sign, starting at `i`.
    fn measure(&self, i: usize) -> Option<Measure> {
        // Currency before the number: "$", "US$", "€", "Rs.", "USD", "C$", "MUSD".
        if let Some((j, code, mult)) = self.currency_before(i) {
            let j = self.skip_approx(j);
            let mut num = self.number(j, true)?;
            if num.ordinal {
                return None;
            }
            if let Some(m) = mult {
                num.val = num.val.checked_mul(Rat::int(m))?;
                num.scaled = true;
            }
            num.s = i;
            let ne = num.e;
            let e = self.subunit(&mut num, ne, code).unwrap_or(ne);
            return Some(Measure {
                s: i,
                e,
                kind: Kind::Money,
                num,
                unit: code,
                unit_first: true,
            });
        }
        if self.is(i, "aged") {
            let num = self.number(i + 1, false)?;
            if num.ordinal || !num.val.is_int() {
                return None;
            }
            return Some(Measure {
                s: i,
                e: num.e,
                kind: Kind::Quantity,
                num,
                unit: Some("year"),
                unit_first: true,
            });
        }
        // "a dollar", "a mile", "an ml" (not the rate of "94 cents a pound").
        let after_amount = i > 0
            && (self.digits(i - 1)
                || self.word(i - 1).is_some_and(|w| {
                    w.currency.is_some()
                        || w.unit.is_some()
                        || w.scale_abbr.is_some()
                        || w.card.is_some()
                }));
        if self.is_any(i, &["a", "an"]) && after_amount {
            return None;
        }
        if self.is_any(i, &["a", "an"]) {
            let w = self.word(i + 1)?;
            let one = Num {
                s: i,
                e: i + 1,
                val: Rat::ONE,
                base: Rat::ONE,
                scaled: false,
                ordinal: false,
                plain_digits: None,
                mult: 1,
            };
            if let Some(f) = w
                .currency
                .filter(|_| self.in_list(i + 1, List::ArticleCurrencies))
            {
                if !self.pound_is_weight(i, i + 1) {
                    return Some(Measure {
                        s: i,
                        e: i + 2,
                        kind: Kind::Money,
                        num: one,
                        unit: money::default_code(f),
                        unit_first: false,
                    });
                }
            }
            if self.in_list(i + 1, List::ArticleUnits) {
                let (end, unit) = self.unit_after(i + 1, one)?;
                return Some(Measure {
                    s: i,
                    e: end,
                    kind: Kind::Quantity,
                    num: one,
                    unit: Some(unit),
                    unit_first: false,
                });
            }
            if !self.is_any(i + 1, &["half", "quarter"])
                && self.card(i + 1).is_none()
                && self.ord(i + 1).is_none()
                && !self.is(i + 1, "dozen")
            {
                return None;
            }
        }
        let mut num = self.number(i, false)?;
        let e = num.e;
        if num.ordinal {
            if self.is_time_second(num) {
                return None;
            }
            // "First Boston", "Fifth Avenue": a capitalised ordinal word
            // before a capitalised word is part of a name.
            let name = !self.digits(num.s)
                && self.tok(num.s).is_some_and(|t| t.cap)
                && self
                    .tok(e)
                    .is_some_and(|t| t.cap && matches!(t.tok, Tok::Word(_)));
            if name {
                return None;
            }
            return Some(Measure {
                s: i,
                e,
                kind: Kind::Ordinal,
                num,
                unit: None,
                unit_first: false,
            });
        }
        if let Some(end) = self.percent_after(e) {
            let unit = if self.is_any(end - 1, &["point", "points"]) {
                "pp"
            } else {
                "%"
            };
            return Some(Measure {
                s: i,
                e: end,
                kind: Kind::Percent,
                num,
                unit: Some(unit),
                unit_first: false,
            });
        }
        // "30 MUSD", "75 USD million": millions of a currency.
        if let Some((end, code)) = self.million_code_after(e) {
            num.val = num.val.checked_mul(Rat::int(1_000_000))?;
            num.scaled = true;
            return Some(Measure {
                s: i,
                e: end,
                kind: Kind::Money,
                num,
                unit: Some(code),
                unit_first: false,
            });
        }
        // "one-yen bid", "a 10-dollar bill".
        let hyphen = self.punct(e, '-')
            && self.attached(e)
            && self.attached(e + 1)
            && self.word(e + 1).is_some_and(|w| w.currency.is_some());
        let ce = if hyphen { e + 1 } else { e };
        if let Some((end, code)) = self.currency_after(ce) {
            if !self.pound_is_weight(i, ce) {
                let end = self.subunit(&mut num, end, code).unwrap_or(end);
                return Some(Measure {
                    s: i,
                    e: end,
                    kind: Kind::Money,
                    num,
                    unit: code,
                    unit_first: false,
                });
            }
        }
        if let Some((mut end, unit)) = self.unit_after(e, num) {
            if unit.starts_with('°') && self.is(end, "below") && self.is(end + 1, "zero") {
                num.val = num.val.checked_neg()?;
                end += 2;
            }
            let m = Measure {
                s: i,
                e: end,
                kind: Kind::Quantity,
                num,
                unit: Some(unit),
                unit_first: false,
            };
            return Some(self.composite(m).unwrap_or(m));
        }
        // "five (5) days", "45 (forty-five)": a number restated in brackets.
        let e = if self.punct(e, '(')
            && self
                .number(e + 1, false)
                .is_some_and(|n| n.val == num.val && self.punct(n.e, ')'))
        {
            self.number(e + 1, false).map_or(e, |n| n.e + 1)
        } else {
            e
        };
        Some(Measure {
            s: i,
            e,
            kind: Kind::Cardinal,
            num,
            unit: None,
            unit_first: false,
        })
    }

    /// "30 MUSD", "48.5 MGBP", "75 USD million": (end, code).
    fn million_code_after(&self, e: usize) -> Option<(usize, &'static str)> {
        let w = self.str(e);
        if !self.is_word(e) {
            return None;
        }
        if w.len() == 4 && w.starts_with('M') && w[1..].bytes().all(|b| b.is_ascii_uppercase()) {
            return money::iso_code(&w[1..]).map(|c| (e + 1, c));
        }
        let code = money::iso_code(w)?;
        self.is(e + 1, "million").then_some((e + 2, code))
    }

    /// Cents after an amount: "$20 and 43c", "15 dollars 50", "20 dollars 43
    /// cents", "3 GBP 1 pence". Adds them to `num`; returns the new end.
    fn subunit(&self, num: &mut Num, e: usize, code: Option<&'static str>) -> Option<usize> {
        if matches!(code, Some("GBX" | "USX")) || !num.val.is_int() || num.scaled {
            return None;
        }
        let k = if self.is(e, "and") { e + 1 } else { e };
        let (cents, after) = if self.digits(k) && self.str(k).len() <= 2 && !self.attached(k) {
            (Rat::from_digits(self.str(k))?, k + 1)
        } else {
            let sp = self.combine(k, None)?;
            if sp.ordinal || sp.scaled {
                return None;
            }
            (sp.val, sp.e)
        };
        if cents >= Rat::int(100) || cents.is_zero() {
            return None;
        }
        let sub_word = self.is_any(
            after,
            &[
                "cent", "cents", "sen", "sens", "pence", "penny", "kopeks", "paise", "centavos",
                "centimes",
            ],
        ) || (self.is_any(after, &["c", "p"]) && self.attached(after))
            || (self.punct(after, '¢') && self.attached(after));
        let end = if sub_word {
            after + 1
        } else if self.ends(after) && !self.punct(after, '%') {
            after
        } else {
            return None;
        };
        num.val = num.val.checked_add(cents.checked_div(Rat::int(100))?)?;
        num.base = num.val;
        Some(end)
    }

    /// Lengths written in two or three units: "5 feet 2 inches", "7 feet,
    /// 10 inches", "2 km and 1 metre" → one value in the smallest unit.
    fn composite(&self, first: Measure) -> Option<Measure> {
        fn factor(unit: &str) -> Option<(u8, i128)> {
            Some(match unit {
                "mi" => (0, 63360),
                "yd" => (0, 36),
                "ft" => (0, 12),
                "in" => (0, 1),
                "km" => (1, 1_000_000),
                "m" => (1, 1000),
                "cm" => (1, 10),
                "mm" => (1, 1),
                _ => return None,
            })
        }
        let (system, mut f_prev) = factor(first.unit?)?;
        let mut parts = vec![(first.num.val, f_prev, first.unit?)];
        let mut e = first.e;
        loop {
            let mut k = e;
            if self.punct(k, ',') {
                k += 1;
            }
            if self.is(k, "and") {
                k += 1;
            }
            let Some(n) = self.number(k, false).filter(|n| !n.ordinal && !n.scaled) else {
                break;
            };
            let inches = (self.is(n.e, "in") && (self.ends(n.e + 1) || self.attached(n.e)))
                || (self.digits(n.e - 1) && self.punct(n.e, '"') && self.attached(n.e));
            let (end, unit) = if inches {
                (n.e + 1, "in")
            } else {
                match self.unit_after(n.e, n) {
                    Some(r) => r,
                    None => break,
                }
            };
            let Some((sys, f)) = factor(unit) else { break };
            if sys != system || f >= f_prev {
                break;
            }
            parts.push((n.val, f, unit));
            f_prev = f;
            e = end;
        }
        if parts.len() < 2 {
            return None;
        }
        let (_, smallest, unit) = *parts.last()?;
        let mut total = Rat::ZERO;
        for (v, f, _) in &parts {
            total = total.checked_add(v.checked_mul(Rat::int(f / smallest))?)?;
        }
        let num = Num {
            val: total,
            base: total,
            scaled: false,
            ..first.num
        };
        Some(Measure {
            e,
            num,
            unit: Some(unit),
            ..first
        })
    }

    /// "30 seconds" style: "second" after a number or "per" is time.
    fn is_time_second(&self, n: Num) -> bool {
        if !self.is(n.e - 1, "second") || n.e - n.s != 1 {
            return false;
        }
        let i = n.s;
        i > 0
            && (self.digits(i - 1)
                || self.card(i - 1).is_some()
                || (self.is_any(i - 1, &["per", "every", "split", "a"]) && !self.is_word(i + 1)))
    }

    /// "one" as a pronoun: "the one", "no one", "one another", "this one".
    fn is_pronoun_one(&self, m: Measure) -> bool {
        if m.e - m.s != 1 || !self.is(m.s, "one") {
            return false;
        }
        let i = m.s;
        // "the one", "no one", "a new one", "the existing one".
        (i > 0 && self.in_list(i - 1, List::Determiners))
            || (i > 1
                && self.in_list(i - 2, List::Determiners)
                && self.is_word(i - 1)
                && self.card(i - 1).is_none()
                && !self.tok(i - 1).is_some_and(|t| t.cap))
            || self.is(i + 1, "another")
            || (i > 1 && self.punct(i - 1, '-') && self.attached(i) && self.is(i - 2, "no"))
    }

    /// The end of a percent sign or word after a number at `i`.
    fn percent_after(&self, i: usize) -> Option<usize> {
        if self.punct(i, '%') {
            return Some(i + 1);
        }
        if self.is_any(i, &["percent", "pct", "percentage"]) {
            if self.is(i, "percentage") && self.is_any(i + 1, &["point", "points"]) {
                return Some(i + 2);
            }
            return Some(i + 1);
        }
        if self.is(i, "per") && self.is(i + 1, "cent") {
            return Some(i + 2);
        }
        None
    }

    /// A currency written before a number at `i`: (number start, code, multiplier).
    #[allow(clippy::type_complexity)]
    fn currency_before(&self, i: usize) -> Option<(usize, Option<&'static str>, Option<i128>)> {
        let t = self.tok(i)?;
        match t.tok {
            Tok::Punct(c) => {
                let code = money::sign_code(c)?;
                // "€ur"
                let j = if c == '€' && self.is(i + 1, "ur") && self.attached(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                Some((j, Some(code), None))
            }
            Tok::Word(_) => {
                let w = self.str(i);
                // "US$", "HK$", "C $", "cad$".
                if self.punct(i + 1, '$') {
                    if let Some(code) = money::dollar_prefix(w) {
                        let spaced_ok = self.attached(i + 1)
                            || !matches!(w, "a" | "A" | "s" | "S" | "r" | "R" | "can" | "Can");
                        if spaced_ok {
                            return Some((i + 2, Some(code), None));
                        }
                    }
                }
                if self.is(i, "u")
                    && self.punct(i + 1, '.')
                    && self.is(i + 2, "s")
                    && self.punct(i + 3, '.')
                    && self.punct(i + 4, '$')
                {
                    return Some((i + 5, Some("USD"), None));
                }
                // "Rs 500", "Rs. 20", "Rs20".
                if w.eq_ignore_ascii_case("rs") || w == "INR" {
                    let j = if self.punct(i + 1, '.') { i + 2 } else { i + 1 };
                    return (self.digits(j) || self.card(j).is_some()).then_some((
                        j,
                        Some("INR"),
                        None,
                    ));
                }
                if w == "RM" || w.eq_ignore_ascii_case("ringgit") {
                    return self.digits(i + 1).then_some((i + 1, Some("MYR"), None));
                }
                if let Some(code) = money::iso_code(w) {
                    return (self.digits(i + 1) || self.card(i + 1).is_some()).then_some((
                        i + 1,
                        Some(code),
                        None,
                    ));
                }
                // "MUSD 60", "MAUD 60": millions of a currency.
                if w.len() == 4 && w.starts_with('M') {
                    if let Some(code) = money::iso_code(&w[1..]) {
                        return self
                            .digits(i + 1)
                            .then_some((i + 1, Some(code), Some(1_000_000)));
                    }
                }
                None
            }
            Tok::Digits => None,
        }
    }

    /// A currency written after a number: (end, code).
    fn currency_after(&self, i: usize) -> Option<(usize, Option<&'static str>)> {
        let t = self.tok(i)?;
        match t.tok {
            Tok::Punct(c) => {
                if c == '¢' {
                    return Some((i + 1, Some("USX")));
                }
                let code = money::sign_code(c)?;
                // "20 €ur"
                let e = if c == '€' && self.is(i + 1, "ur") && self.attached(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                // "$" after a number only counts when nothing numeric follows ("10 $").
                if c == '$' && (self.digits(e) || self.punct(e, '.')) {
                    return None;
                }
                Some((e, Some(code)))
            }
            Tok::Word(id) => {
                let w = self.str(i);
                if let Some(code) = money::iso_code(w) {
                    // "75 USD million" is read by `million_code_after`.
                    if self.card(i + 1).is_some_and(|c| c.class == Class::Scale) {
                        return None;
                    }
                    return Some((i + 1, Some(code)));
                }
                if w.eq_ignore_ascii_case("rs") && self.attached(i) {
                    return Some((i + 1, Some("INR")));
                }
                if w == "RM" {
                    return Some((i + 1, Some("MYR")));
                }
                // "481p", "8.1p": pence.
                if w == "p" && self.attached(i) && self.digits(i - 1) {
                    return Some((i + 1, Some("GBX")));
                }
                // Adjective(s) + currency noun: "Hong Kong dollars", "us dollar", "malaysian ringgit".
                let info_i = info(id);
                if let Some(f) = info_i.currency {
                    return Some((i + 1, money::default_code(f)));
                }
                for len in [2usize, 1] {
                    let noun = i + len;
                    let Some(f) = self.word(noun).and_then(|w| w.currency) else {
                        continue;
                    };
                    let adj: String = (i..noun)
                        .map(|k| self.str(k).to_ascii_lowercase())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let adj = if adj == "u s" { "us".to_string() } else { adj };
                    if let Some(code) = money::adjective_code(&adj, f) {
                        return Some((noun + 1, Some(code)));
                    }
                }
                // "finnish markka", "dutch guilders", "spanish pesetas": adjective + self-coded noun.
                if let Some(Family::Code(code)) = self.word(i + 1).and_then(|w| w.currency) {
                    if self.tok(i).is_some_and(|t| t.cap || t.upper)
                        || [
                            "finnish",
                            "dutch",
                            "spanish",
                            "kuwaiti",
                            "egyptian",
                            "south african",
                            "israeli",
                            "russian",
                            "thai",
                            "nigerian",
                            "polish",
                            "hungarian",
                            "indonesian",
                            "vietnamese",
                            "ukrainian",
                            "brazilian",
                        ]
                        .contains(&w.to_ascii_lowercase().as_str())
                    {
                        return Some((i + 2, Some(code)));
                    }
                }
                None
            }
            Tok::Digits => None,
        }
    }

    /// Whether "pounds" after the number at `s..e` is a weight: "of" follows,
    /// or a weighing verb comes just before.
    fn pound_is_weight(&self, s: usize, e: usize) -> bool {
        if !self.is_any(e, &["pound", "pounds"]) {
            return false;
        }
        if self.is(e + 1, "of") || self.is_any(e + 1, &["heavier", "lighter", "heavy"]) {
            return true;
        }
        (s.saturating_sub(4)..s).any(|k| {
            let w = self.str(k).to_ascii_lowercase();
            w.starts_with("weigh")
                || [
                    "lost", "lose", "loses", "losing", "gained", "gain", "gains", "drop",
                    "dropped", "shed", "baby", "fish",
                ]
                .contains(&w.as_str())
        })
    }

    /// A unit after a number at `i`: (end, unit). Covers "km", "3-inch",
    /// "square metres", "°C", "degrees Fahrenheit", "km/h", ages.
    fn unit_after(&self, i: usize, num: Num) -> Option<(usize, &'static str)> {
        // Ages: "69-year-old", "10 years old", "95 years of age", "87 yo".
        if let Some(r) = self.age_after(i) {
            return Some(r);
        }
        let hyphen = self.punct(i, '-') && self.attached(i) && self.attached(i + 1);
        let j = if hyphen { i + 1 } else { i };
        // Inches: "4in" (glued only: "in" is a preposition).
        if !hyphen && self.is(j, "in") && self.attached(j) && self.digits(j - 1) {
            return Some((j + 1, "in"));
        }
        // Inches: 5", 5'', 5″ (glued; not the end of a quotation).
        if !hyphen && self.attached(j) && self.digits(j - 1) && !self.closes_quote(num.s) {
            if self.punct(j, '"') || self.punct(j, '″') {
                return Some((j + 1, "in"));
            }
            if self.punct(j, '\'') && self.punct(j + 1, '\'') && self.attached(j + 1) {
                return Some((j + 2, "in"));
            }
        }
        // Temperatures and degrees.
        if self.punct(j, '°') {
            let k = j + 1;
            if self.is_any(k, &["c", "celsius"]) {
                return Some((k + 1, "°C"));
            }
            if self.is_any(k, &["f", "fahrenheit"]) {
                return Some((k + 1, "°F"));
            }
            return Some((k, "°"));
        }
        if self.is_any(j, &["degree", "degrees", "deg"]) {
            let mut k = j + 1;
            if self.is(j, "deg") && self.punct(k, '.') {
                k += 1;
            }
            if self.is_any(k, &["c", "celsius", "centigrade"]) {
                return Some((k + 1, "°C"));
            }
            if self.is_any(k, &["f", "fahrenheit", "farenheit"]) {
                return Some((k + 1, "°F"));
            }
            return Some((k, "°"));
        }
        // Area and volume: "square metres", "sq km", "cubic feet".
        if self.is_any(j, &["square", "sq"]) {
            let k = if self.punct(j + 1, '.') { j + 2 } else { j + 1 };
            let u = self.word(k)?.unit?;
            let out = match u.out {
                "km" => "km2",
                "m" => "m2",
                "mi" => "mi2",
                "ft" => "ft2",
                "yd" => "yd2",
                "cm" => "cm2",
                _ => return None,
            };
            return Some((k + 1, out));
        }
        if self.is(j, "cubic") {
            let u = self.word(j + 1)?.unit?;
            let out = match u.out {
                "m" => "m3",
                "ft" => "ft3",
                "km" => "km3",
                "cm" => "cm3",
                _ => return None,
            };
            return Some((j + 2, out));
        }
        if self.is(j, "metric") && self.is_any(j + 1, &["ton", "tons", "tonne", "tonnes"]) {
            return Some((j + 2, "t"));
        }
        let u = self.word(j)?.unit?;
        let s = self.str(j);
        // Letters glued to digits after the unit: "24703m212", "scp-173m".
        if self.attached(j + 1)
            && self.digits(j + 1)
            && !(self.str(j + 1) == "2" || self.str(j + 1) == "3")
        {
            return None;
        }
        if u.attached_only {
            // "5m people", "100m sprint", "1 m x": a one-letter unit counts
            // only before punctuation or a word that can follow a length.
            let next_ok =
                self.ends(j + 1) || self.in_list(j + 1, List::AfterUnit) || self.digits(j + 1);
            if !next_ok || num.scaled {
                return None;
            }

            if s == "l" && self.is(j + 1, "of") {
                return None;
            }
        }
        // Uppercase-only abbreviations stay units only in the right case ("MW", "kWh").
        if s == "M" || s == "K" || s == "T" || s == "G" {
            return None;
        }
        let mut end = j + 1;
        let mut out = u.out;
        // "km2", "m2" as separate tokens.
        if (out == "km" || out == "m")
            && self.digits(end)
            && self.attached(end)
            && self.str(end) == "2"
            && !self.digits(end + 1)
        {
            out = if out == "km" { "km2" } else { "m2" };
            end += 1;
        }
        // Speeds: "km/h", "km/hr", "kilometres per hour", "m/s".
        let per = ((self.punct(end, '/') && self.attached(end))
            || self.is(end, "per")
            || (self.is(end, "an") && self.is(end + 1, "hour")))
        .then_some(end + 1);
        if let Some(k) = per {
            let hour = self.is_any(k, &["h", "hr", "hour", "hrs"]);
            let second = self.is_any(k, &["s", "sec", "second"]);
            match (out, hour, second) {
                ("km", true, _) => return Some((k + 1, "km/h")),
                ("mi", true, _) => return Some((k + 1, "mph")),
                ("m", _, true) => return Some((k + 1, "m/s")),
                ("km", _, true) => return Some((k + 1, "km/s")),
                _ => {}
            }
        }
        // Energy: "kilowatt hours", "megawatt-hours".
        if matches!(out, "kW" | "MW" | "GW") {
            let k = if self.punct(end, '-') && self.attached(end) {
                end + 1
            } else {
                end
            };
            if self.is_any(k, &["hour", "hours"]) {
                let energy = match out {
                    "kW" => "kWh",
                    "MW" => "MWh",
                    _ => "GWh",
                };
                return Some((k + 1, energy));
            }
        }
        Some((end, out))
    }

    /// Whether a quotation is open before token `i` in its paragraph (an odd
    /// number of `"`, or an opening `“` or backquote): a quote mark after
    /// the number then closes it rather than meaning inches.
    fn closes_quote(&self, i: usize) -> bool {
        let mut straight = 0;
        let mut k = i;
        while k > 0 && i - k < 400 {
            // A paragraph starts after a blank or indented line.
            let gap = &self.text[self.toks[k - 1].end..self.toks[k].start];
            if gap.find('\n').is_some_and(|p| gap.len() > p + 1) {
                break;
            }
            k -= 1;
            match self.punct_char(k) {
                Some('"') => straight += 1,
                Some('“' | '`') => return true,
                Some('”') => return false,
                _ => {}
            }
        }
        straight % 2 == 1
    }

    /// "-year-old", "years old", "years of age", "yo"; "months old", ...
    fn age_after(&self, i: usize) -> Option<(usize, &'static str)> {
        let hyphen = self.punct(i, '-') && self.attached(i);
        let j = if hyphen { i + 1 } else { i };
        let unit = if self.is_any(j, &["year", "years", "yr", "yrs"]) {
            "year"
        } else if self.is_any(j, &["month", "months"]) {
            "month"
        } else if self.is_any(j, &["week", "weeks"]) {
            "week"
        } else if self.is_any(j, &["day", "days"]) {
            "day"
        } else if self.is(j, "yo") && !hyphen {
            return Some((j + 1, "year"));
        } else {
            return None;
        };
        let k = j + 1;
        if self.punct(k, '-') && self.attached(k) && self.is(k + 1, "old") {
            return Some((k + 2, unit));
        }
        if self.is(k, "old") && !hyphen {
            return Some((k + 1, unit));
        }
        if !hyphen && self.is(k, "of") && self.is(k + 1, "age") {
            return Some((k + 2, unit));
        }
        None
    }

    // ------------------------------------------------------------------ ranges

    /// Ranges with a leading word: "between 20 and 30", "from 5 to 10",
    /// "more than 100", "up to 50", "at least 3", "< 30".
    fn range(&self, i: usize) -> Option<(Found, usize)> {
        if self.is(i, "between") {
            let a = self.measure(self.skip_approx(i + 1))?;
            if !self.is(a.e, "and") {
                return None;
            }
            let b = self.measure(self.skip_approx(a.e + 1))?;
            return self.closed_range(i, a, b).map(|f| (f, b.e));
        }
        if self.is(i, "from") {
            // "rose from 5% to 7%" is a change, not an interval.
            if self.change_before(i) {
                return None;
            }
            let a = self.measure(self.skip_approx(i + 1))?;
            let sep = a.e;
            if !(self.is_any(sep, &["to", "through", "and"]) || self.punct(sep, '-')) {
                return None;
            }
            let b = self.measure(self.skip_approx(sep + 1))?;
            return self.closed_range(i, a, b).map(|f| (f, b.e));
        }
        let (bound, j) = self.comparative(i)?;
        let m = self.measure(self.skip_approx(j))?;
        if matches!(m.kind, Kind::Ordinal) {
            return None;
        }
        // "more than 10 and less than 40", "at least 100, at most 300": both sides.
        if self.is(m.e, "and") || self.punct(m.e, ',') {
            if let Some((b2, j2)) = self.comparative(m.e + 1) {
                if let Some(m2) = self.measure(j2) {
                    let (lo, hi) = match (bound, b2) {
                        (Bound::Lower(c1), Bound::Upper(c2)) => (Some((m, c1)), Some((m2, c2))),
                        (Bound::Upper(c1), Bound::Lower(c2)) => (Some((m2, c2)), Some((m, c1))),
                        _ => (None, None),
                    };
                    if let (Some((lo, lc)), Some((hi, hc))) = (lo, hi) {
                        if lo.num.val < hi.num.val && self.compatible(lo, hi).is_some() {
                            let unit = self.compatible(lo, hi)?;
                            let v = format!(
                                "{}{},{}{}",
                                if lc { '[' } else { '(' },
                                lo.num.val,
                                hi.num.val,
                                if hc { ']' } else { ')' }
                            );
                            return Some((self.found(i, m2.e, Kind::Range, v, unit), m2.e));
                        }
                    }
                }
            }
        }
        // "less than 5000 or equal", "more than 5000 or equal to".
        let (bound, end) = if self.is(m.e, "or")
            && self.is(m.e + 1, "equal")
            && self.number(m.e + 3, false).is_none()
        {
            let end = if self.is(m.e + 2, "to") {
                m.e + 3
            } else {
                m.e + 2
            };
            (
                match bound {
                    Bound::Lower(_) => Bound::Lower(true),
                    Bound::Upper(_) => Bound::Upper(true),
                },
                end,
            )
        } else {
            (bound, m.e)
        };
        let v = match bound {
            Bound::Lower(closed) => format!("{}{},)", if closed { '[' } else { '(' }, m.num.val),
            Bound::Upper(closed) => format!("(,{}{}", m.num.val, if closed { ']' } else { ')' }),
        };
        Some((self.found(i, end, Kind::Range, v, m.unit), end))
    }

    /// A comparative before a number: the bound it sets and where the number starts.
    fn comparative(&self, i: usize) -> Option<(Bound, usize)> {
        use Bound::*;
        let two = |a: &str, b: &str| self.is(i, a) && self.is(i + 1, b);
        let three =
            |a: &str, b: &str, c: &str| self.is(i, a) && self.is(i + 1, b) && self.is(i + 2, c);
        // "or equal to" after a strict comparative closes it.
        let or_equal = |j: usize| -> Option<usize> {
            (self.is(j, "or") && self.is(j + 1, "equal") && self.is(j + 2, "to")).then_some(j + 3)
        };
        if let Some(c) = self.punct_char(i) {
            if i > 0 && self.punct(i - 1, '=') && self.attached(i) {
                return None;
            }
            return match c {
                '>' if self.punct(i + 1, '=') => Some((Lower(true), i + 2)),
                '<' if self.punct(i + 1, '=') => Some((Upper(true), i + 2)),
                '>' if !self.punct(i + 1, '<')
                    && !self.punct(i + 1, '>')
                    && (i == 0 || !self.punct(i - 1, '<')) =>
                {
                    Some((Lower(false), i + 1))
                }
                '<' if !self.punct(i + 1, '>') && !self.punct(i + 1, '<') => {
                    Some((Upper(false), i + 1))
                }
                '≥' => Some((Lower(true), i + 1)),
                '≤' => Some((Upper(true), i + 1)),
                _ => None,
            };
        }
        if self.is_any(i, &["more", "greater", "higher", "larger"]) && self.is(i + 1, "than") {
            return Some(or_equal(i + 2).map_or((Lower(false), i + 2), |j| (Lower(true), j)));
        }
        if self.is_any(i, &["less", "fewer", "lower", "smaller"]) && self.is(i + 1, "than") {
            return Some(or_equal(i + 2).map_or((Upper(false), i + 2), |j| (Upper(true), j)));
        }
        if self.is_any(i, &["higher", "greater", "more"])
            && self.is(i + 1, "or")
            && self.is(i + 2, "equal")
            && self.is_any(i + 3, &["than", "to"])
        {
            return Some((Lower(true), i + 4));
        }
        if self.is_any(i, &["lower", "less"])
            && self.is(i + 1, "or")
            && self.is(i + 2, "equal")
            && self.is_any(i + 3, &["than", "to"])
        {
            return Some((Upper(true), i + 4));
        }
        if three("equal", "to", "or")
            && self.is_any(i + 3, &["more", "greater", "higher"])
            && self.is(i + 4, "than")
        {
            return Some((Lower(true), i + 5));
        }
        if three("equal", "to", "or")
            && self.is_any(i + 3, &["less", "fewer", "lower"])
            && self.is(i + 4, "than")
        {
            return Some((Upper(true), i + 5));
        }
        if two("at", "least") {
            return Some(or_equal(i + 2).map_or((Lower(true), i + 2), |j| (Lower(true), j)));
        }
        if two("at", "most") || two("up", "to") {
            return Some((Upper(true), i + 2));
        }
        if (self.is_any(i, &["no", "not"]))
            && self.is_any(i + 1, &["more", "greater", "higher"])
            && self.is(i + 2, "than")
        {
            return Some((Upper(true), i + 3));
        }
        if (self.is_any(i, &["no", "not"]))
            && self.is_any(i + 1, &["less", "fewer", "lower"])
            && self.is(i + 2, "than")
        {
            return Some((Lower(true), i + 3));
        }
        if three("in", "excess", "of") {
            return Some((Lower(false), i + 3));
        }
        if two("upwards", "of") {
            return Some((Lower(false), i + 2));
        }
        if self.is_any(
            i,
            &[
                "over",
                "above",
                "exceeding",
                "exceed",
                "exceeds",
                "exceeded",
            ],
        ) {
            return Some((Lower(false), i + 1));
        }
        if self.is_any(i, &["under", "below"]) {
            return Some((Upper(false), i + 1));
        }
        if (two("a", "minimum") || two("a", "maximum")) && self.is(i + 2, "of") {
            return Some((
                if self.is(i + 1, "minimum") {
                    Lower(true)
                } else {
                    Upper(true)
                },
                i + 3,
            ));
        }
        None
    }

    /// Ranges that start with their first number: "20-30", "20 to 30
    /// percent", "$5-10 billion", "500 or more".
    fn range_after(&self, a: Measure) -> Option<(Found, usize)> {
        if matches!(a.kind, Kind::Ordinal) {
            return None;
        }
        // "500 or more", "30 or less", "200 or greater".
        if self.is(a.e, "or") || self.is(a.e, "and") {
            let k = a.e + 1;
            let bound = if self.is_any(k, &["more", "greater", "higher", "above", "over"]) {
                Some(true)
            } else if self.is_any(k, &["less", "fewer", "lower", "below", "under"]) {
                Some(false)
            } else {
                None
            };
            if let Some(lower) = bound {
                // Not "... or more than 4500" (a second comparison).
                let mut end = k + 1;
                if self.is(end, "than") {
                    if self.number(end + 1, false).is_some() {
                        return None;
                    }
                    end += 1;
                }
                let v = if lower {
                    format!("[{},)", a.num.val)
                } else {
                    format!("(,{}]", a.num.val)
                };
                return Some((self.found(a.s, end, Kind::Range, v, a.unit), end));
            }
        }
        let sep = a.e;
        let dash = self.punct(sep, '-') || (self.punct(sep, '~'));
        let word = self.is_any(sep, &["to", "through", "thru"]);
        if !dash && !word {
            return None;
        }
        if dash {
            // "10-20", "100 - 1000", "2 -7": both sides glued or both spaced, or "-" glued to the second only.
            let before = self.tok(sep).is_some_and(|t| t.space);
            let after = self.tok(sep + 1).is_some_and(|t| t.space);
            if !before && after {
                return None;
            }
            // Phone numbers: "555-1234".
            if let (Some(3), true) = (
                a.num.plain_digits,
                self.digits(sep + 1)
                    && self.str(sep + 1).len() == 4
                    && !self.str(sep + 1).ends_with("00"),
            ) {
                return None;
            }
        }
        // "rose 32,000 to 1.41 million": a change and a level, not an interval.
        if word && self.change_before(a.s) {
            return None;
        }
        let j = self.skip_approx(sep + 1);
        let b = self.measure(j)?;
        // "grew 16% to 250,000": a unit written after the first number only
        // must be written after the second too.
        if word && !a.unit_first && a.unit.is_some() && b.kind == Kind::Cardinal {
            return None;
        }
        let f = self.closed_range(a.s, a, b)?;
        Some((f, b.e))
    }

    /// Whether a verb of change ("rose", "fell by", "up") comes just before
    /// token `i`.
    fn change_before(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|k| self.in_list(k, List::ChangeVerbs))
    }

    /// `[a,b]` for two measures, if they fit together (`a < b`, same kind
    /// and unit, the unit written once or twice).
    fn closed_range(&self, s: usize, mut a: Measure, b: Measure) -> Option<Found> {
        if matches!(a.kind, Kind::Ordinal) || matches!(b.kind, Kind::Ordinal) {
            return None;
        }
        // "5 to 10 million": the magnitude applies to both.
        if !a.num.scaled && b.num.scaled && a.num.val < b.num.base.max(Rat::int(1000)) {
            let scale = b.num.val.checked_div(b.num.base)?;
            a.num.val = a.num.val.checked_mul(scale)?;
        }
        if a.num.val >= b.num.val {
            return None;
        }
        let unit = self.compatible(a, b)?;
        // "2002-2006", "from 2001 to 2010": a span of years.
        let year = |m: &Measure| {
            m.kind == Kind::Cardinal
                && m.num.plain_digits == Some(4)
                && m.num.val >= Rat::int(1900)
                && m.num.val < Rat::int(2100)
        };
        if year(&a) && year(&b) {
            return Some(self.found(
                s,
                b.e,
                Kind::Date,
                format!("{}/{}", a.num.val, b.num.val),
                None,
            ));
        }
        let v = format!("[{},{}]", a.num.val, b.num.val);
        Some(self.found(s, b.e, Kind::Range, v, unit))
    }

    /// The unit of a range of two measures, if they can form one.
    fn compatible(&self, a: Measure, b: Measure) -> Option<Option<&'static str>> {
        match (a.kind, b.kind) {
            (Kind::Cardinal, k) if k != Kind::Date => Some(b.unit),
            (k1, Kind::Cardinal)
                if a.unit_first
                    || k1 == Kind::Quantity
                    || k1 == Kind::Money
                    || k1 == Kind::Percent =>
            {
                Some(a.unit)
            }
            (k1, k2) if k1 == k2 && a.unit == b.unit => Some(a.unit),
            _ => None,
        }
    }

    // ------------------------------------------------------------------ dates and years

    /// Dates: "February 24", "24 Feb 2022", "June 2022", "Monday, January
    /// 12th, 2016", "02/22/2016", "2015-08-12", "the 1990s", weekdays and
    /// "today".
    fn date(&self, i: usize) -> Option<(Found, usize)> {
        // "next Friday", "this week Friday", "last week on Sunday".
        if self.is_any(i, &["next", "last", "this", "coming"]) {
            let mut j = i + 1;
            if self.is(j, "week") {
                j += 1;
                if self.is(j, "on") {
                    j += 1;
                }
            }
            if self.word(j).is_some_and(|w| w.weekday != 0) {
                let (f, e) = self.weekday_date(j)?;
                return Some((
                    Found {
                        start: self.toks[i].start,
                        ..f
                    },
                    e,
                ));
            }
            return None;
        }
        if self.word(i).is_some_and(|w| w.weekday != 0) {
            return self.weekday_date(i);
        }
        if let Some(off) = self.word(i).and_then(|w| w.day_offset) {
            let off = i64::from(off);
            // "the day before yesterday", "the day after tomorrow".
            let (s, off) = if i >= 3
                && self.is(i - 3, "the")
                && self.is(i - 2, "day")
                && self.is_any(i - 1, &["before", "after"])
            {
                (i - 3, off + if self.is(i - 1, "before") { -1 } else { 1 })
            } else {
                (i, off)
            };
            let v = self.doc_date.map(|d| dates::shift(d, off).to_string());
            return Some((
                Found {
                    start: self.toks[s].start,
                    end: self.toks[i].end,
                    kind: Kind::Date,
                    value: v,
                    unit: None,
                },
                i + 1,
            ));
        }
        if let Some(r) = self.relative_date(i) {
            return Some(r);
        }
        // "on the 21st", "on 22nd": a day of the month by its ordinal.
        if self.is(i, "on") {
            let j = if self.is(i + 1, "the") { i + 1 } else { i };
            let k = j + 1;
            let ordinal_day = (self.digits(k)
                && self.is_any(k + 1, &["st", "nd", "rd", "th"])
                && self.attached(k + 1))
                || (j > i
                    && self.ord(k).is_some()
                    && self
                        .word(k + 1)
                        .is_none_or(|w| w.month == 0 && w.unit.is_none())
                    && !self.is_word(k + 1));
            if ordinal_day && self.word(k + 2).is_none_or(|w| w.month == 0) && !self.is(k + 2, "of")
            {
                if let Some((d, e)) = self.day(k) {
                    let start = if j > i { j } else { k };
                    return Some((
                        self.found(start, e, Kind::Date, format!("XXXX-XX-{d:02}"), None),
                        e,
                    ));
                }
            }
            return None;
        }
        // "in three weeks", "in 10 days": from the document date.
        if self.is(i, "in") {
            return self.future_date(i);
        }
        // "first Sunday", "third Tuesday" (of a month).
        if let Some((ow, false)) = self.ord(i) {
            if ow.value <= 5 && self.word(i + 1).is_some_and(|w| w.weekday != 0) {
                let wd = self.word(i + 1)?.weekday;
                return Some((
                    self.found(i, i + 2, Kind::Date, format!("XXXX-WXX-{wd}"), None),
                    i + 2,
                ));
            }
        }
        self.date_core(i)
    }

    /// A weekday at `i`, alone or heading a date ("Monday, January 12",
    /// "Friday the 22nd"), with "this week" / "of next week" after it.
    fn weekday_date(&self, i: usize) -> Option<(Found, usize)> {
        let wd = self.word(i)?.weekday;
        let s = self.str(i);
        let full = s.len() > 4 || s.eq_ignore_ascii_case("tues") || s.eq_ignore_ascii_case("thurs");
        let mut j = i + 1;
        if self.punct(j, ',') || (self.punct(j, '.') && !full) {
            j += 1;
        }
        if let Some((f, e)) = self.date_core(j) {
            return Some((
                Found {
                    start: self.toks[i].start,
                    ..f
                },
                e,
            ));
        }
        // "Friday the 22nd", "Saturday the second".
        if self.is(j, "the") {
            if let Some((d, e)) = self.day(j + 1) {
                let v = format!("XXXX-XX-{d:02}");
                return Some((self.found(i, e, Kind::Date, v, None), e));
            }
        }
        if !(full || (self.toks[i].cap && (self.punct(i + 1, '.') || self.punct(i + 1, ',')))) {
            return None;
        }
        let mut e = i + 1;
        if self.is_any(e, &["this", "next", "last"]) && self.is(e + 1, "week") {
            e += 2;
        } else if self.is(e, "of")
            && self.is_any(e + 1, &["this", "next", "last"])
            && self.is(e + 2, "week")
        {
            e += 3;
        }
        let v = format!("XXXX-WXX-{wd}");
        Some((self.found(i, e, Kind::Date, v, None), e))
    }

    /// "in three weeks", "in 10 days": a date after the document date.
    fn future_date(&self, i: usize) -> Option<(Found, usize)> {
        let n = self
            .number(i + 1, false)
            .filter(|n| !n.ordinal && n.val.is_int())?;
        let k = i64::try_from(n.val.as_int()?)
            .ok()
            .filter(|v| *v < 10_000)?;
        let days = if self.is_any(n.e, &["day", "days"]) {
            k
        } else if self.is_any(n.e, &["week", "weeks"]) {
            7 * k
        } else {
            return None;
        };
        let value = self.doc_date.map(|d| dates::shift(d, days).to_string());
        Some((
            Found {
                start: self.toks[i].start,
                end: self.toks[n.e].end,
                kind: Kind::Date,
                value,
                unit: None,
            },
            n.e + 1,
        ))
    }

    /// "two years ago", "3 days ago", "a month ago", "1 month 21 days ago",
    /// "two days after today", "three weeks from tomorrow": resolved from
    /// the document date (days and weeks exactly; months to the month,
    /// years to the year), without a value when it is unknown.
    fn relative_date(&self, i: usize) -> Option<(Found, usize)> {
        let mut j = i;
        let (mut days, mut months, mut years) = (0i64, 0i64, 0i64);
        let mut parts = 0;
        loop {
            let (n, e) = if self.is_any(j, &["a", "an"]) {
                (1i64, j + 1)
            } else {
                let n = self
                    .number(j, false)
                    .filter(|n| !n.ordinal && n.val.is_int())?;
                (
                    i64::try_from(n.val.as_int()?)
                        .ok()
                        .filter(|v| *v < 10_000)?,
                    n.e,
                )
            };
            if self.is_any(e, &["day", "days"]) {
                days += n;
            } else if self.is_any(e, &["week", "weeks"]) {
                days += 7 * n;
            } else if self.is_any(e, &["month", "months"]) {
                months += n;
            } else if self.is_any(e, &["year", "years"]) {
                years += n;
            } else {
                break;
            }
            parts += 1;
            j = e + 1;
            if !(self.digits(j) || self.card(j).is_some()) {
                break;
            }
        }
        if parts == 0 {
            return None;
        }
        let (sign, base, end) = if self.is(j, "ago") {
            (-1, 0, j + 1)
        } else if self.is_any(j, &["after", "from", "before"])
            && self.is_any(j + 1, &["today", "tomorrow", "yesterday"])
        {
            let base = self
                .word(j + 1)
                .and_then(|w| w.day_offset)
                .map_or(0, i64::from);
            (if self.is(j, "before") { -1 } else { 1 }, base, j + 2)
        } else {
            return None;
        };
        let value = self.doc_date.and_then(|d| {
            let d = dates::shift(d, base);
            match (days != 0, months != 0 || years != 0) {
                (true, false) => Some(dates::shift(d, sign * days).to_string()),
                (false, true) => {
                    let total =
                        i64::from(d.y) * 12 + i64::from(d.m) - 1 + sign * (years * 12 + months);
                    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
                    Some(if months == 0 {
                        format!("{y:04}")
                    } else {
                        format!("{y:04}-{m:02}")
                    })
                }
                _ => None,
            }
        });
        Some((
            Found {
                start: self.toks[i].start,
                end: self.toks[end - 1].end,
                kind: Kind::Date,
                value,
                unit: None,
            },
            end,
        ))
    }

    fn date_core(&self, i: usize) -> Option<(Found, usize)> {
        // Month first: "February 24", "Feb. 24, 2022", "June 2022", "may the eleventh".
        if let Some(m) = self.word(i).map(|w| w.month).filter(|m| *m != 0) {
            let s = self.str(i);
            let is_may_like = s.eq_ignore_ascii_case("may")
                || s.eq_ignore_ascii_case("mar")
                || s.eq_ignore_ascii_case("jan")
                || s.eq_ignore_ascii_case("sun");
            let mut j = i + 1;
            if self.punct(j, '.') && (s.len() <= 4 || self.digits(j + 1)) {
                j += 1;
            }
            if self.punct(j, '-') && self.attached(j) {
                j += 1;
            }
            if self.punct(j, ',') && self.digits(j + 1) && self.str(j + 1).len() <= 2 {
                j += 1;
            }
            if self.is(j, "the") {
                j += 1;
            }
            if let Some((day, e)) = self.day(j) {
                // "may 2 people": a spelled day number must not run into a quantity.
                if !(is_may_like
                    && !self.toks[i].cap
                    && self.is_word(e)
                    && !self.ends(e)
                    && self.year_at(e).is_none()
                    && s.eq_ignore_ascii_case("may")
                    && self.digits(j)
                    && !self.ends(e))
                {
                    // "April 1-15": a span of days.
                    if self.punct(e, '-') && self.attached(e) && self.attached(e + 1) {
                        if let Some((day2, e2)) = self.day(e + 1).filter(|(d2, _)| *d2 > day) {
                            if self.digits(e + 1) {
                                let (year, end) = self.year_after_day(e2);
                                let a = self.date_found(i, end, year, m, day);
                                let b = self.date_found(i, end, year, m, day2);
                                let v = format!(
                                    "{}/{}",
                                    a.value.unwrap_or_default(),
                                    b.value.unwrap_or_default()
                                );
                                return Some((
                                    Found {
                                        value: Some(v),
                                        ..a
                                    },
                                    end,
                                ));
                            }
                        }
                    }
                    let (year, end) = self.year_after_day(e);
                    return Some((self.date_found(i, end, year, m, day), end));
                }
            }
            // "June 2022", "March of 2021".
            let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
            if let Some(y) = self.year_at(k) {
                if !is_may_like || self.toks[i].cap {
                    let f = self.found(i, k + 1, Kind::Date, format!("{y:04}-{m:02}"), None);
                    return Some((f, k + 1));
                }
            }
            return None;
        }
        // Day first: "24 Feb 2022", "4th of March", "15 june 2016", "22april", "tenth of september".
        if let Some((day, e)) = self.day(i) {
            let mut j = e;
            if self.is(j, "of") {
                j += 1;
            }
            // "the 20th of next month", "31st of this month".
            let ordinal_day = !self.digits(e - 1) || self.is_any(e - 1, &["st", "nd", "rd", "th"]);
            if j > e
                && ordinal_day
                && self.is_any(j, &["this", "next", "last"])
                && self.is(j + 1, "month")
            {
                let shift = if self.is(j, "next") {
                    1
                } else if self.is(j, "last") {
                    -1
                } else {
                    0
                };
                let v = match self.doc_date {
                    Some(d) => {
                        let total = i64::from(d.y) * 12 + i64::from(d.m) - 1 + shift;
                        format!(
                            "{:04}-{:02}-{day:02}",
                            total.div_euclid(12),
                            total.rem_euclid(12) + 1
                        )
                    }
                    None => format!("XXXX-XX-{day:02}"),
                };
                return Some((self.found(i, j + 2, Kind::Date, v, None), j + 2));
            }
            if let Some(m) = self.word(j).map(|w| w.month).filter(|m| *m != 0) {
                let ms = self.str(j);
                if ms.eq_ignore_ascii_case("may") && !self.toks[j].cap && !self.digits(j + 1)
                    || ms.eq_ignore_ascii_case("sun")
                {
                    return None;
                }
                let mut k = j + 1;
                if self.punct(k, '.') && ms.len() <= 4 {
                    k += 1;
                }
                let (year, end) = self.year_after_day(k);
                let end = if year.is_none() && k > j + 1 && !self.ends(k) {
                    j + 1
                } else {
                    end
                };
                return Some((self.date_found(i, end, year, m, day), end));
            }
            // "16. nov. 2016"
            if self.punct(e, '.')
                && self.word(e + 1).is_some_and(|w| w.month != 0)
                && self.digits(i)
            {
                let m = self.word(e + 1)?.month;
                let mut k = e + 2;
                if self.punct(k, '.') {
                    k += 1;
                }
                let (year, end) = self.year_after_day(k);
                return Some((self.date_found(i, end, year, m, day), end));
            }
        }
        // Numeric dates.
        if let Some((a, b, e)) = self.fiscal_year(i) {
            return Some((self.found(i, e, Kind::Date, format!("{a}/{b}"), None), e));
        }
        if self.digits(i) {
            if let Some((y, m, d, e)) = self.numeric_date(i) {
                let v = format!("{y:04}-{m:02}-{d:02}");
                return Some((self.found(i, e, Kind::Date, v, None), e));
            }
            // Decades: "1990s", "the 1980s".
            let s = self.str(i);
            if s.len() == 4 && s.ends_with('0') && self.is(i + 1, "s") && self.attached(i + 1) {
                let y: u32 = s.parse().ok()?;
                if (1000..2100).contains(&y) {
                    let v = format!("{}X", &s[..3]);
                    return Some((self.found(i, i + 2, Kind::Date, v, None), i + 2));
                }
            }
        }
        None
    }

    /// A fiscal or season year at `i`: "2005/06", "2010-11", "1999/2000"
    /// → (first year, second year, end).
    fn fiscal_year(&self, i: usize) -> Option<(u32, u32, usize)> {
        if !matches!(self.punct_char(i + 1), Some('/' | '-'))
            || !self.attached(i + 1)
            || !self.digits(i + 2)
            || !self.attached(i + 2)
        {
            return None;
        }
        let (a, b) = (self.str(i), self.str(i + 2));
        if a.len() != 4
            || !(b.len() == 2 || b.len() == 4)
            || self.attached(i + 3) && self.digits(i + 4)
        {
            return None;
        }
        let y: u32 = a.parse().ok()?;
        let next: u32 = b.parse().ok()?;
        let ok = (1800..2100).contains(&y)
            && if b.len() == 2 {
                next == (y + 1) % 100
            } else {
                next == y + 1
            };
        ok.then_some((y, y + 1, i + 3))
    }

    /// A day of the month at `i`: "24", "24th", "twenty-first", "the 21st".
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        if self.digits(i) {
            let s = self.str(i);
            if s.len() > 2 {
                return None;
            }
            let d: u8 = s.parse().ok()?;
            if !(1..=31).contains(&d) {
                return None;
            }
            let mut e = i + 1;
            if self.attached(e) && self.is_any(e, &["st", "nd", "rd", "th"]) {
                e += 1;
            }
            // Not the start of a bigger number: "June 16,000".
            if (self.punct(e, ',') && self.str(e + 1).len() == 3
                || self.punct(e, '.')
                || self.punct(e, ':'))
                && self.attached(e)
                && self.digits(e + 1)
                && self.attached(e + 1)
            {
                return None;
            }
            if self.is_word(e) && self.attached(e) && self.word(e).is_some_and(|w| w.month == 0) {
                return None;
            }
            return Some((d, e));
        }
        let sp = self.combine(i, None)?;
        let v = sp.val.as_int()?;
        if !(1..=31).contains(&v) || sp.scaled {
            return None;
        }
        Some((v as u8, sp.e))
    }

    /// A four-digit year at `i`.
    fn year_at(&self, i: usize) -> Option<u16> {
        if !self.digits(i) {
            return None;
        }
        let s = self.str(i);
        if s.len() != 4
            || (self.punct(i + 1, ',') && self.attached(i + 1) && self.digits(i + 2))
            || (self.is_word(i + 1) && self.attached(i + 1))
        {
            return None;
        }
        let y: u16 = s.parse().ok()?;
        (1000..=2999).contains(&y).then_some(y)
    }

    /// An optional ", 2016" / " 2016" / " of 2020" after a day.
    fn year_after_day(&self, e: usize) -> (Option<u16>, usize) {
        let mut k = e;
        if self.punct(k, ',') {
            k += 1;
        }
        if self.is(k, "of") {
            k += 1;
        }
        match self.year_at(k) {
            Some(y) => (Some(y), k + 1),
            None => (None, e),
        }
    }

    fn date_found(&self, s: usize, e: usize, year: Option<u16>, m: u8, d: u8) -> Found {
        let v = match year {
            Some(y) => format!("{y:04}-{m:02}-{d:02}"),
            None => match self.doc_date {
                Some(doc) => format!("{:04}-{m:02}-{d:02}", dates::nearest_year(doc, m, d)),
                None => format!("XXXX-{m:02}-{d:02}"),
            },
        };
        self.found(s, e, Kind::Date, v, None)
    }

    /// "02/22/2016", "21/04/16", "2015-08-12", "13.5.2015", "9-18-15": (y, m, d, end).
    fn numeric_date(&self, i: usize) -> Option<(u16, u8, u8, usize)> {
        let sep = self.punct_char(i + 1)?;
        if !matches!(sep, '/' | '-' | '.')
            || !self.attached(i + 1)
            || !self.digits(i + 2)
            || !self.attached(i + 2)
            || !self.punct(i + 3, sep)
            || !self.attached(i + 3)
            || !self.digits(i + 4)
            || !self.attached(i + 4)
        {
            return None;
        }
        if self.attached(i + 5)
            && (self.digits(i + 6) && matches!(self.punct_char(i + 5), Some('.' | '/' | '-')))
        {
            return None;
        }
        let (a, b, c) = (self.str(i), self.str(i + 2), self.str(i + 4));
        let p = |s: &str| s.parse::<u16>().ok();
        let (y, m, d) = if a.len() == 4 {
            (p(a)?, p(b)?, p(c)?)
        } else if c.len() == 4 || (c.len() == 2 && sep != '.') {
            let y = if c.len() == 2 { 2000 + p(c)? } else { p(c)? };
            let (x, z) = (p(a)?, p(b)?);
            if sep == '.' || x > 12 {
                (y, z, x)
            } else {
                (y, x, z)
            }
        } else {
            return None;
        };
        if !(1..=12).contains(&m)
            || !(1..=31).contains(&d)
            || !(1000..=2999).contains(&y)
            || b.len() > 2
            || (a.len() != 4 && a.len() > 2)
        {
            return None;
        }
        Some((y, m as u8, d as u8, i + 5))
    }

    /// A bare four-digit number read as a year when its neighbours say so.
    fn year(&self, m: Measure) -> Option<Found> {
        if m.num.plain_digits != Some(4) || m.e - m.s != 1 {
            return None;
        }
        let y = m.num.val.as_int()?;
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let i = m.s;
        let prev_ok = i > 0
            && (self.in_list(i - 1, List::BeforeYear)
                || self.punct(i - 1, '(')
                || self.punct(i - 1, '-')
                || self.punct(i - 1, '\'')
                || self.punct(i - 1, ','));
        let next_ok = self.tok(m.e).is_none()
            || matches!(self.tok(m.e).map(|t| t.tok), Some(Tok::Punct(c)) if c != '%' && c != '-')
            || self.in_list(m.e, List::AfterYear)
            || self
                .tok(m.e)
                .is_some_and(|t| t.cap && matches!(t.tok, Tok::Word(_)));
        // News writes counts of a thousand or more with a comma ("2,000
        // people"), so 1900–2099 without one is a year unless a plural
        // noun follows ("2000 people", but "1986 sales" after "its").
        let plural_next = self.is_word(m.e)
            && !self.tok(m.e).is_some_and(|t| t.cap)
            && (self.str(m.e).ends_with('s')
                || self.is_any(
                    m.e,
                    &[
                        "people",
                        "children",
                        "men",
                        "women",
                        "staff",
                        "police",
                        "personnel",
                        "cattle",
                        "sheep",
                        "more",
                        "new",
                        "other",
                        "extra",
                        "additional",
                    ],
                ))
            && !self.in_list(m.e, List::AfterYear);
        let modern = (1900..=2099).contains(&y) && !plural_next;
        let next_ok = next_ok && y >= 1800;
        if !(prev_ok || next_ok || modern) || (i > 0 && self.punct(i - 1, '#')) {
            return None;
        }
        Some(self.found(m.s, m.e, Kind::Date, y.to_string(), None))
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
