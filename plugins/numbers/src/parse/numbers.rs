//! Numbers: digits with separators, decimals, signs, fractions and
//! magnitudes, and numbers in words ("two hundred and five", "a dozen").

use super::*;

impl<'a> Parser<'a> {
    /// A number starting at `i`: digits (with separators, decimals, sign,
    /// fraction, magnitude) or words.
    pub(super) fn number(&self, i: usize, money_ctx: bool) -> Option<Num> {
        if let Some((at, ctx, n)) = self.last_number.get() {
            if at == i && ctx == money_ctx {
                return n;
            }
        }
        let n = self.parse_number(i, money_ctx);
        self.last_number.set(Some((i, money_ctx, n)));
        n
    }

    /// [`Parser::number`], without the memo of the last one.
    fn parse_number(&self, i: usize, money_ctx: bool) -> Option<Num> {
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
            let n = self.digit_number(j, money_ctx)?;
            // "$ 2 . 50": the rest of the number was split off by a tokenizer.
            if self.spaced_point(n.e) && self.digits(n.e - 1) {
                return None;
            }
            n
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
            // "two out of five hundred", "3 out of 4", "one out of every
            // five": a proportion.
            if self.is(n.e, "out") && self.is(n.e + 1, "of") && n.val.is_int() && !n.scaled {
                let k = if self.is(n.e + 2, "every") {
                    n.e + 3
                } else {
                    n.e + 2
                };
                if let Some(d) = self.number(k, false) {
                    let measured = self.percent_after(d.e).is_some()
                        || self
                            .word(d.e)
                            .is_some_and(|w| w.unit.is_some() || w.currency.is_some());
                    if d.val.is_int()
                        && !d.ordinal
                        && n.val <= d.val
                        && !d.val.is_zero()
                        && !measured
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
    pub(super) fn extend_number(&self, n: &mut Num) -> Option<()> {
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
    pub(super) fn literal(&self, i: usize) -> Option<(usize, Rat, Option<usize>)> {
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

    pub(super) fn digit_number(&self, i: usize, money_ctx: bool) -> Option<Num> {
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

    /// A power written with a caret: "10^6", "2.5^-1", "-1.1^+23" (the
    /// sign applies after the power, as in arithmetic: "-2^2" → -4).
    pub(super) fn power(&self, i: usize) -> Option<(Found, usize)> {
        let caret_near = (i + 1..(i + 5).min(self.toks.len())).any(|k| self.punct(k, '^'));
        if !caret_near {
            return None;
        }
        let n = self.number(i, false).filter(|n| !n.ordinal && !n.scaled)?;
        if !(self.punct(n.e, '^') && self.attached(n.e)) {
            return None;
        }
        let mut k = n.e + 1;
        let neg_exp = self.punct(k, '-');
        if (neg_exp || self.punct(k, '+')) && self.attached(k) {
            k += 1;
        }
        if !(self.digits(k) && self.attached(k) && self.str(k).len() <= 2) {
            return None;
        }
        let end = k + 1;
        if self.attached(end) && !self.ends(end) {
            return None;
        }
        let exp: i32 = self.str(k).parse().ok()?;
        let exp = if neg_exp { -exp } else { exp };
        let negative = n.val < Rat::ZERO;
        let magnitude = if negative {
            n.val.checked_neg()?
        } else {
            n.val
        };
        let mut v = magnitude.checked_pow(exp)?;
        if negative {
            v = v.checked_neg()?;
        }
        Some((self.found(i, end, Kind::Cardinal, v.to_string(), None), end))
    }

    /// A number in words, starting at `i`.
    pub(super) fn word_number(&self, i: usize) -> Option<Num> {
        // Vulgar fraction sign alone: "½".
        if let Some(f) = self.punct_char(i).and_then(vulgar) {
            return Some(Num::unscaled(i, i + 1, f));
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
                return Some(Num::unscaled(i, j, f));
            }
            if unit_at(k + 1)
                || (self.punct(k + 1, '-')
                    && self.attached(k + 1)
                    && self.attached(k + 2)
                    && unit_at(k + 2))
            {
                return Some(Num::unscaled(i, k + 1, f));
            }
            if self.is_any(j, &["dozen"]) {
                let v = f.checked_mul(Rat::int(12))?;
                return Some(Num::unscaled(i, j + 1, v));
            }
            // "a half", "a quarter of", "half of", "more than half the
            // country", "less than half voted" (not "the second half the
            // team ...", "more than half-time", "more than half an hour").
            let half = self.is(k, "half");
            let half_of = self.is(k + 1, "of")
                || (k > 0
                    && self.is(k - 1, "than")
                    && !self.punct(k + 1, '-')
                    && !self.is_any(k + 1, &["a", "an"]));
            if (article && ((half && self.ends(k + 1)) || self.is(k + 1, "of")))
                || (!article && half && half_of)
            {
                return Some(Num::unscaled(i, k + 1, f));
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
                    return Some(Num::unscaled(i, i + 2, v));
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
            if (den.1 || is_one) && quarter_ok && self.fraction_reads_two_ways(n.s, n.e, den.0) {
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

    /// Whether spelled numerator words `s..e` before a denominator `den`
    /// read two ways: "thirty fifths" (30/5 or 1/35?), "two hundred and
    /// fifty-four hundredths" (254/100 or 200.54?), "one hundred one
    /// thousand fifths" (101000/5 or 100/1005?).
    fn fraction_reads_two_ways(&self, s: usize, e: usize, den: i128) -> bool {
        let last = self.card(e - 1).map(|c| c.class);
        let big = (s..e).any(|k| {
            self.card(k)
                .is_some_and(|c| matches!(c.class, Class::Hundred | Class::Scale))
        });
        (last == Some(Class::Ten) && den < 10) || last == Some(Class::Scale) || (big && den >= 100)
    }

    /// The end of a spelled fraction at `i` that reads two ways (see
    /// [`Self::fraction_reads_two_ways`]): the whole phrase is left out,
    /// not read in pieces.
    pub(super) fn ambiguous_fraction(&self, i: usize) -> Option<usize> {
        let sp = self.combine(i, None)?;
        if sp.ordinal {
            return None;
        }
        let ((den, plural), end) = self.denominator(sp.e)?;
        ((plural || sp.val == Rat::ONE)
            && !self.is_any(end - 1, &["quarter", "quarters"])
            && self.fraction_reads_two_ways(i, sp.e, den))
        .then_some(end)
    }

    /// A fraction denominator at `i`: (denominator, plural) and the end.
    pub(super) fn denominator(&self, i: usize) -> Option<((i128, bool), usize)> {
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
        // Plural compound: "twenty-fifths", "thirty seconds".
        let ten = self.card(i).filter(|c| c.class == Class::Ten)?;
        let k = if self.punct(i + 1, '-') && self.attached(i + 1) && self.attached(i + 2) {
            i + 2
        } else {
            i + 1
        };
        // Not "thirty seconds" (a time) nor "twenty firsts".
        match self.ord(k) {
            Some((u, true)) if u.class == Class::Unit && u.value > 2 => {
                Some(((ten.value + u.value, true), k + 1))
            }
            _ => None,
        }
    }

    /// After "and": "a half", "a quarter", "one fourth", "three fifths".
    pub(super) fn and_fraction(&self, i: usize) -> Option<(Rat, usize)> {
        let (numer, j) = if self.is_any(i, &["a", "an"]) {
            (1, i + 1)
        } else {
            let c = self
                .card(i)
                .filter(|c| matches!(c.class, Class::Unit | Class::Teen | Class::Ten))?;
            // "fifty-four hundredths".
            let unit_after_dash = (c.class == Class::Ten
                && self.punct(i + 1, '-')
                && self.attached(i + 1)
                && self.attached(i + 2))
            .then(|| self.card(i + 2))
            .flatten()
            .filter(|u| u.class == Class::Unit && u.value > 0);
            match unit_after_dash {
                Some(u) => (c.value + u.value, i + 3),
                None => (c.value, i + 1),
            }
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
    pub(super) fn combine(&self, i: usize, init: Option<Rat>) -> Option<Spelled> {
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
                    // Not "and 0": a zero adds nothing, so it is a number of its own.
                    || (self.digits(k + 1)
                        && !self.attached(k + 2)
                        && self.str(k + 1).bytes().any(|b| b != b'0'))
                    || self.ord(k + 1).is_some_and(|(o, p)| {
                        !p && matches!(o.class, Class::Unit | Class::Teen | Class::Ten)
                    });
                // Not "and a half", "and three fifths" (handled as fractions).
                let frac_follows = self.card(k + 1).is_some() && self.denominator(k + 2).is_some();
                // Not "1 million and 2 million": a second number as big.
                let as_big = self
                    .card(k + 2)
                    .is_some_and(|c| c.class == Class::Scale && c.value >= last_scale);
                if next_ok && !frac_follows && !as_big {
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
}
