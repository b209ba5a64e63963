//! Ranges: "between 20 and 30", "20-30", "more than 100", "up to 50".

use super::*;

impl<'a> Parser<'a> {
    /// Ranges with a leading word: "between 20 and 30", "from 5 to 10",
    /// "more than 100", "up to 50", "at least 3", "< 30".
    pub(super) fn range(&self, i: usize) -> Option<(Found, usize)> {
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
        // "equal to 5000 or less": the "equal to" belongs to the bound.
        if self.is(i, "equal") && self.is(i + 1, "to") {
            let after = self.measure(i + 2).and_then(|m| self.range_after(m));
            if let Some((mut f, e)) = after {
                let one_sided = f
                    .value
                    .as_deref()
                    .is_some_and(|v| v.starts_with("(,") || v.ends_with(",)"));
                if one_sided {
                    f.start = self.toks[i].start;
                    return Some((f, e));
                }
            }
            // "equal to 5000 or more than 4500", "less than 30 or equal to
            // 50": one of two conditions, the single value `[5000,5000]`.
            let after_or = |k: usize| self.is(k, "or") && self.comparative(k + 1).is_some();
            let before_or = i >= 2
                && self.is(i - 1, "or")
                && (self.digits(i - 2) || self.card(i - 2).is_some());
            if let Some(m) = self.measure(i + 2) {
                if m.kind != Kind::Ordinal && (after_or(m.e) || before_or) {
                    let v = format!("[{0},{0}]", m.num.val);
                    return Some((self.found(i, m.e, Kind::Range, v, m.unit), m.e));
                }
            }
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
        let v = one_sided(bound, m);
        Some((self.found(i, end, Kind::Range, v, m.unit), end))
    }

    /// A comparative before a number: the bound it sets and where the number starts.
    pub(super) fn comparative(&self, i: usize) -> Option<(Bound, usize)> {
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
            // The end of a tag or ticker: "<TX> 350,000".
            if c == '>' && i > 0 && self.attached(i) && self.is_word(i - 1) {
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
    pub(super) fn range_after(&self, a: Measure) -> Option<(Found, usize)> {
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
                // Not "... or more than 4500", "... or above 90" (a second comparison).
                let mut end = k + 1;
                let than = self.is(end, "than");
                if than {
                    end += 1;
                }
                let comparison = than || self.is_any(k, &["above", "over", "below", "under"]);
                if comparison && self.number(end, false).is_some() {
                    return None;
                }
                let bound = if lower {
                    Bound::Lower(true)
                } else {
                    Bound::Upper(true)
                };
                let v = one_sided(bound, a);
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
            // Digits said one by one: "three-nought-four" is three numbers.
            let number_word = |k: usize| self.card(k).is_some_and(|c| c.class == Class::Unit);
            let glued_dash =
                |k: usize| self.punct(k, '-') && self.attached(k) && self.attached(k + 1);
            let chained = number_word(a.s)
                && a.e == a.s + 1
                && ((a.s >= 2 && glued_dash(a.s - 1) && number_word(a.s - 2))
                    || (number_word(sep + 1) && glued_dash(sep + 2) && number_word(sep + 3)));
            if chained {
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

    /// Whether a verb of change ("rose", "fell by", "up") or a stock
    /// ticker comes just before token `i`.
    pub(super) fn change_before(&self, i: usize) -> bool {
        // "NWA Inc <NWA> 3/8 to 66": a stock ticker, then its change and price.
        let ticker =
            i >= 2 && self.punct(i - 1, '>') && self.attached(i - 1) && self.is_word(i - 2);
        ticker || (i.saturating_sub(3)..i).any(|k| self.in_list(k, List::ChangeVerbs))
    }

    /// `[a,b]` for two measures, if they fit together (`a < b`, same kind
    /// and unit, the unit written once or twice).
    pub(super) fn closed_range(&self, s: usize, mut a: Measure, b: Measure) -> Option<Found> {
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
        let close = match brackets(a.kind, b.kind) {
            Brackets::BareNumbers => ')',
            Brackets::Amounts | Brackets::AsWritten => ']',
        };
        let v = format!("[{},{}{close}", a.num.val, b.num.val);
        Some(self.found(s, b.e, Kind::Range, v, unit))
    }

    /// The unit of a range of two measures, if they can form one.
    pub(super) fn compatible(&self, a: Measure, b: Measure) -> Option<Option<&'static str>> {
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
}

/// Which of the two gold conventions an interval's brackets follow; see
/// "Intervals" in the crate docs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Brackets {
    /// Bare numbers, as Recognizers-Text's number-range model: an interval
    /// between two numbers is closed below and open above (`[20,30)`).
    BareNumbers,
    /// Money and quantities, as Duckling: an interval between two amounts
    /// is closed (`[20,30]`), a one-sided bound is open (`(5,)` for "at
    /// least 5 kg").
    Amounts,
    /// Percentages (neither source has ranges of them): the bounds the
    /// words say.
    AsWritten,
}

/// The convention for a range whose ends are measures of kinds `a` and `b`.
fn brackets(a: Kind, b: Kind) -> Brackets {
    match (a, b) {
        (Kind::Money | Kind::Quantity, _) | (_, Kind::Money | Kind::Quantity) => Brackets::Amounts,
        (Kind::Percent, _) | (_, Kind::Percent) => Brackets::AsWritten,
        _ => Brackets::BareNumbers,
    }
}

/// The interval of a one-sided bound on `m`: `[5,)`, `(,7)`, ...
fn one_sided(bound: Bound, m: Measure) -> String {
    let open = brackets(m.kind, m.kind) == Brackets::Amounts;
    match bound {
        Bound::Lower(closed) => {
            format!("{}{},)", if closed && !open { '[' } else { '(' }, m.num.val)
        }
        Bound::Upper(closed) => {
            format!("(,{}{}", m.num.val, if closed && !open { ']' } else { ')' })
        }
    }
}
