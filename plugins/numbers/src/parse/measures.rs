//! Measures: a number with its currency ("$5m", "20 dollars"), percent sign,
//! unit ("10 km", "5 feet 2 inches") or age ("69-year-old").

use super::*;

impl<'a> Parser<'a> {
    /// A number with its currency, unit or percent sign, starting at `i`.
    pub(super) fn measure(&self, i: usize) -> Option<Measure> {
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
            let one = Num::unscaled(i, i + 1, Rat::ONE);
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
                // "a cup of tea", not "a cup final".
                if unit == "cup" && !self.is(end, "of") {
                    return None;
                }
                return Some(self.with_product(Measure {
                    s: i,
                    e: end,
                    kind: Kind::Quantity,
                    num: one,
                    unit: Some(unit),
                    unit_first: false,
                }));
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
            if !self.pound_is_weight(i, ce) && !self.year_marks(num, ce) {
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
            let m = self.composite(m).unwrap_or(m);
            return Some(self.with_product(m));
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
    pub(super) fn million_code_after(&self, e: usize) -> Option<(usize, &'static str)> {
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
    pub(super) fn subunit(
        &self,
        num: &mut Num,
        e: usize,
        code: Option<&'static str>,
    ) -> Option<usize> {
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
    pub(super) fn composite(&self, first: Measure) -> Option<Measure> {
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

    /// A weight or a cup of something takes the thing in its span, as
    /// Duckling's quantities do: "500 grams of flour", "3 cups of sugar".
    /// The thing is one word that ends the noun phrase (not "of fresh
    /// flour", "of the flour", "of them").
    pub(super) fn with_product(&self, m: Measure) -> Measure {
        let weighed = matches!(m.unit, Some("g" | "kg" | "mg" | "lb" | "oz" | "cup"));
        let k = m.e + 1;
        let noun = |w: &WordInfo| {
            w.card.is_none()
                && w.ord.is_none()
                && w.unit.is_none()
                && w.currency.is_none()
                && w.scale_abbr.is_none()
                && w.month == 0
                && w.weekday == 0
        };
        let product = weighed
            && self.is(m.e, "of")
            && self.tok(k).is_some_and(|t| !t.upper)
            && self.word(k).is_some_and(noun)
            && !self.in_list(k, List::Determiners)
            && !self.in_list(k, List::FunctionWords)
            && !self.open_word(k + 1);
        if product {
            Measure { e: k + 1, ..m }
        } else {
            m
        }
    }

    /// "1.5m barrels", "2m tonnes": a glued "m" before a unit word is
    /// millions (metres of barrels mean nothing), a quantity in that unit.
    pub(super) fn millions_before_unit(&self, m: Measure) -> Option<(Found, usize)> {
        if m.kind != Kind::Cardinal || !self.is(m.e, "m") || self.attached(m.e + 1) {
            return None;
        }
        let mut num = m.num;
        num.val = num.val.checked_mul(Rat::int(1_000_000))?;
        num.e = m.e + 1;
        num.scaled = true;
        num.mult = 1_000_000;
        let (end, unit) = self.unit_after(num.e, num)?;
        let f = self.found(m.s, end, Kind::Quantity, num.val.to_string(), Some(unit));
        Some((f, end))
    }

    /// "30 seconds" style: "second" after a number or "per" is time.
    pub(super) fn is_time_second(&self, n: Num) -> bool {
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
    pub(super) fn is_pronoun_one(&self, m: Measure) -> bool {
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
    pub(super) fn percent_after(&self, i: usize) -> Option<usize> {
        if self.punct(i, '%') {
            return Some(i + 1);
        }
        // "5pc" (British press): glued only, "5 pc" may be computers.
        if self.is(i, "pc") && self.attached(i) && self.digits(i - 1) {
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
    pub(super) fn currency_before(
        &self,
        i: usize,
    ) -> Option<(usize, Option<&'static str>, Option<i128>)> {
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
                // "RM 42", "ringgits 42", "Malaysian ringgit 42".
                let ringgit = |k: usize| {
                    self.word(k)
                        .is_some_and(|w| w.currency == Some(Family::Ringgit))
                };
                if w == "RM" || ringgit(i) {
                    return self.digits(i + 1).then_some((i + 1, Some("MYR"), None));
                }
                if self.is_any(i, &["malaysia", "malaysian"]) && ringgit(i + 1) {
                    return self.digits(i + 2).then_some((i + 2, Some("MYR"), None));
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
    pub(super) fn currency_after(&self, i: usize) -> Option<(usize, Option<&'static str>)> {
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
                // "$" after a number only counts when nothing numeric
                // follows ("10 $"), or the next number is written the same
                // way or in cents ("10 $ 30 $", "10 $ 30 cent").
                if c == '$' && (self.digits(e) || self.punct(e, '.')) {
                    let next_postfix = self.number(e, false).is_some_and(|n| {
                        self.punct(n.e, '$') || self.is_any(n.e, &["cent", "cents"])
                    });
                    if !next_postfix {
                        return None;
                    }
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
                // Egyptian pounds: "42 LE", "42 L.E", "42 le." (lower case
                // only closing the phrase).
                if w == "LE" || (w == "le" && self.ends(i + 1)) {
                    return Some((i + 1, Some("EGP")));
                }
                if w == "L"
                    && self.punct(i + 1, '.')
                    && self.str(i + 2) == "E"
                    && self.attached(i + 2)
                {
                    return Some((i + 3, Some("EGP")));
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

    /// Whether "marks" at `k` is the verb after a year ("2019 marks the
    /// anniversary"), not German marks.
    fn year_marks(&self, num: Num, k: usize) -> bool {
        self.word(k)
            .is_some_and(|w| w.currency == Some(Family::Mark))
            && num.plain_digits == Some(4)
            && (Rat::int(1900)..Rat::int(2100)).contains(&num.val)
    }

    /// Whether "pounds" after the number at `s..e` is a weight: "of" follows,
    /// or a weighing verb comes just before.
    pub(super) fn pound_is_weight(&self, s: usize, e: usize) -> bool {
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
    pub(super) fn unit_after(&self, i: usize, num: Num) -> Option<(usize, &'static str)> {
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
        // Inches with a spaced mark before a dimension: 10 " long.
        if !hyphen
            && (self.punct(j, '"') || self.punct(j, '″'))
            && !self.attached(j)
            && self.tok(j + 1).is_some_and(|t| t.space)
            && self.is_any(j + 1, &["long", "wide", "tall", "high", "deep", "thick"])
        {
            return Some((j + 1, "in"));
        }
        // Micrograms: "120 µg", "5μg".
        if self.punct(j, 'µ') && self.attached(j + 1) && self.is(j + 1, "g") {
            return Some((j + 2, "µg"));
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
        if self.is(j, "basis") && self.is_any(j + 1, &["point", "points"]) {
            return Some((j + 2, "bp"));
        }
        if self.is(j, "metric") && self.is_any(j + 1, &["ton", "tons", "tonne", "tonnes"]) {
            return Some((j + 2, "t"));
        }
        if self.is(j, "nautical") && self.is_any(j + 1, &["mile", "miles"]) {
            return Some((j + 2, "nmi"));
        }
        // "light years", "light-years".
        if self.is(j, "light") {
            let k = if self.punct(j + 1, '-') && self.attached(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if self.is_any(k, &["year", "years"]) {
                return Some((k + 1, "ly"));
            }
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
            let next_ok = self.ends(j + 1)
                || self.in_list(j + 1, List::AfterUnit)
                || self.digits(j + 1)
                || (self.punct(j + 1, '/') && self.time_unit(j + 2).is_some());
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
            if let Some(speed) = self.time_unit(k).and_then(|t| speed_unit(out, t)) {
                return Some((k + 1, speed));
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

    /// A temperature scale named without a number in a conversion:
    /// "convert 200 celsius into fahrenheit", "fahrenheit to celsius", "how
    /// much celsius": a quantity without a value (Recognizers-Text's
    /// convention).
    pub(super) fn scale_to_convert_to(&self, i: usize) -> Option<(Found, usize)> {
        // One field test first: most tokens are neither degrees nor a scale.
        let degrees = match self.word(i)?.unit?.out {
            "°" => true,
            "°C" | "°F" => false,
            _ => return None,
        };
        let k = if degrees { i + 1 } else { i };
        let unit = self.word(k)?.unit?.out;
        // Not a title: "Fahrenheit 451".
        let title = self.tok(k).is_some_and(|t| t.cap) && self.digits(k + 1);
        if !matches!(unit, "°C" | "°F") || title {
            return None;
        }
        let target = i > 0 && self.is_any(i - 1, &["to", "into", "much", "in"]);
        let source = self.is_any(k + 1, &["to", "into"]);
        if !(target || source) {
            return None;
        }
        let f = Found {
            start: self.toks[i].start,
            end: self.toks[k].end,
            kind: Kind::Quantity,
            value: None,
            unit: Some(unit),
        };
        Some((f, k + 1))
    }

    /// "percent of 10", "percents of twenty" closing a phrase, with no
    /// number before: the percentage written the other way round
    /// (Recognizers-Text's reading).
    pub(super) fn percent_of(&self, i: usize) -> Option<(Found, usize)> {
        if !self.is_any(i, &["percent", "percents"]) || !self.is(i + 1, "of") {
            return None;
        }
        if i > 0 && (self.digits(i - 1) || self.card(i - 1).is_some()) {
            return None;
        }
        let n = self.number(i + 2, false)?;
        if n.ordinal || !self.ends(n.e) || self.punct(n.e, '%') {
            return None;
        }
        let f = self.found(i, n.e, Kind::Percent, n.val.to_string(), Some("%"));
        Some((f, n.e))
    }

    /// The time unit a speed is written per ("h", "min", "s", "ms").
    fn time_unit(&self, k: usize) -> Option<&'static str> {
        Some(if self.is_any(k, &["h", "hr", "hrs", "hour"]) {
            "h"
        } else if self.is_any(k, &["min", "minute"]) {
            "min"
        } else if self.is_any(k, &["s", "sec", "second"]) {
            "s"
        } else if self.is_any(k, &["ms", "millisecond"]) {
            "ms"
        } else {
            return None;
        })
    }

    /// Whether a quotation is open before token `i` in its paragraph (an odd
    /// number of `"`, or an opening `“` or backquote): a quote mark after
    /// the number then closes it rather than meaning inches.
    pub(super) fn closes_quote(&self, i: usize) -> bool {
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
    pub(super) fn age_after(&self, i: usize) -> Option<(usize, &'static str)> {
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
}

/// A length per a time: "km" per "h" is "km/h", "mi" per "h" "mph" ("m"
/// per "h" is left out: "m/h" is also written for miles per hour).
fn speed_unit(length: &str, time: &str) -> Option<&'static str> {
    Some(match (length, time) {
        ("km", "h") => "km/h",
        ("km", "min") => "km/min",
        ("km", "s") => "km/s",
        ("km", "ms") => "km/ms",
        ("m", "min") => "m/min",
        ("m", "s") => "m/s",
        ("m", "ms") => "m/ms",
        ("cm", "s") => "cm/s",
        ("cm", "ms") => "cm/ms",
        ("mm", "s") => "mm/s",
        ("mi", "h") => "mph",
        ("mi", "s") => "mi/s",
        ("ft", "min") => "ft/min",
        ("ft", "s") => "ft/s",
        _ => return None,
    })
}
