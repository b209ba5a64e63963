//! Dates and years: "February 24", "24 Feb 2022", "2019", "the 1990s",
//! weekdays, "three days ago".

use super::*;

impl<'a> Parser<'a> {
    /// Dates: "February 24", "24 Feb 2022", "June 2022", "Monday, January
    /// 12th, 2016", "02/22/2016", "2015-08-12", "the 1990s", weekdays and
    /// "today".
    pub(super) fn date(&self, i: usize) -> Option<(Found, usize)> {
        // "the next day", "the following year": counted from a moment of the
        // story, a date without a value.
        if i > 0
            && self.is(i - 1, "the")
            && self.is_any(i, &["next", "following", "previous"])
            && self.is_any(i + 1, &["day", "week", "month", "year"])
        {
            return Some((self.found_no_value(i - 1, i + 2), i + 2));
        }
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
            // "on twenty-second?": a compound ordinal day closing the phrase.
            if self.card(i + 1).is_some_and(|c| c.class == Class::Ten) {
                if let Some(sp) = self.combine(i + 1, None) {
                    let day = sp.val.as_int().filter(|d| (21..=31).contains(d));
                    if let (true, Some(d)) = (sp.ordinal && self.ends(sp.e), day) {
                        let v = format!("XXXX-XX-{d:02}");
                        return Some((self.found(i + 1, sp.e, Kind::Date, v, None), sp.e));
                    }
                }
            }
            return self.slash_day(i + 1);
        }
        // "by the 15th", "until the 30th", "scheduled for the 21st", "back
        // for the 27.": after a preposition of time, "the" and a day (with
        // or without its suffix) closing the phrase.
        if self.digits(i)
            && i >= 2
            && self.is(i - 1, "the")
            && self.is_any(
                i - 2,
                &[
                    "by", "until", "till", "since", "before", "after", "for", "from", "on",
                ],
            )
        {
            if let Some((d, e)) = self.day(i) {
                if self.ends(e) && !self.is(e, "of") {
                    let v = format!("XXXX-XX-{d:02}");
                    return Some((self.found(i - 1, e, Kind::Date, v, None), e));
                }
            }
        }
        if let Some(r) = self.padded_slash_day(i) {
            return Some(r);
        }
        // "in three weeks", "in 10 days": from the document date.
        if self.is(i, "in") {
            return self.future_date(i);
        }
        // "first Sunday", "the third Tuesday of this month", "the last
        // Friday in March".
        if let Some((ow, false)) = self.ord(i) {
            if ow.value <= 5 && self.word(i + 1).is_some_and(|w| w.weekday != 0) {
                let wd = self.word(i + 1)?.weekday;
                let s = if i > 0 && self.is(i - 1, "the") {
                    i - 1
                } else {
                    i
                };
                let mut e = i + 2;
                if self.is_any(e, &["of", "in"]) {
                    if self.is_any(e + 1, &["this", "next", "last", "the", "every"])
                        && self.is(e + 2, "month")
                    {
                        e += 3;
                    } else if self.word(e + 1).is_some_and(|w| w.month != 0) {
                        e += 2;
                    }
                }
                return Some((
                    self.found(s, e, Kind::Date, format!("XXXX-WXX-{wd}"), None),
                    e,
                ));
            }
        }
        self.date_core(i)
    }

    /// A weekday at `i`, alone or heading a date ("Monday, January 12",
    /// "Friday the 22nd"), with "this week" / "of next week" after it.
    pub(super) fn weekday_date(&self, i: usize) -> Option<(Found, usize)> {
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
        // "Friday (June 15)": the date restated in brackets.
        if self.punct(i + 1, '(') {
            if let Some((f, e)) = self.date_core(i + 2).filter(|&(_, e)| self.punct(e, ')')) {
                let f = Found {
                    start: self.toks[i].start,
                    end: self.toks[e].end,
                    ..f
                };
                return Some((f, e + 1));
            }
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
    pub(super) fn future_date(&self, i: usize) -> Option<(Found, usize)> {
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
    /// years to the year), without a value when it is unknown. "Two days
    /// later" and "a year earlier" are dates without a value.
    pub(super) fn relative_date(&self, i: usize) -> Option<(Found, usize)> {
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
        // "two days later", "a week earlier": counted from a moment of the
        // story, not from the document date, so never given a value.
        if self.is_any(j, &["later", "earlier"]) {
            return Some((self.found_no_value(i, j + 1), j + 1));
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
                value,
                ..self.found_no_value(i, end)
            },
            end,
        ))
    }

    /// A date record over tokens `s..e` whose value is not known.
    fn found_no_value(&self, s: usize, e: usize) -> Found {
        Found {
            start: self.toks[s].start,
            end: self.toks[e - 1].end,
            kind: Kind::Date,
            value: None,
            unit: None,
        }
    }

    pub(super) fn date_core(&self, i: usize) -> Option<(Found, usize)> {
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

    /// "22/04", "05/11": a zero-padded day or month is a date wherever it
    /// is written (when one order fits).
    pub(super) fn padded_slash_day(&self, i: usize) -> Option<(Found, usize)> {
        let padded = |t: usize| self.str(t).len() == 2 && self.str(t).starts_with('0');
        if self.digits(i) && self.punct(i + 1, '/') && (padded(i) || padded(i + 2)) {
            return self.slash_day(i);
        }
        None
    }

    /// "on 4/22", "on 22/4", "22/04": a month and day with a slash, read
    /// only after "on" or with a zero-padded part, and only when one order
    /// is possible ("on 4/5" could be April 5 or 4 May: no record; "24/7"
    /// is the idiom, not July 24).
    fn slash_day(&self, k: usize) -> Option<(Found, usize)> {
        let short = |t: usize| self.digits(t) && self.str(t).len() <= 2;
        if !(short(k)
            && self.punct(k + 1, '/')
            && self.attached(k + 1)
            && short(k + 2)
            && self.attached(k + 2))
            || (self.attached(k + 3) && !self.ends(k + 3))
            || self.punct(k + 3, '/')
        {
            return None;
        }
        let a: u8 = self.str(k).parse().ok()?;
        let b: u8 = self.str(k + 2).parse().ok()?;
        if (a, b) == (24, 7) {
            return None;
        }
        let fits = |m: u8, d: u8| {
            (1..=12).contains(&m)
                && d >= 1
                && d <= match m {
                    2 => 29,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                }
        };
        let (m, d) = match (fits(a, b), fits(b, a)) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return None,
        };
        Some((self.date_found(k, k + 3, None, m, d), k + 3))
    }

    /// A fiscal or season year at `i`: "2005/06", "2010-11", "1999/2000"
    /// → (first year, second year, end).
    pub(super) fn fiscal_year(&self, i: usize) -> Option<(u32, u32, usize)> {
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
    pub(super) fn day(&self, i: usize) -> Option<(u8, usize)> {
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
    pub(super) fn year_at(&self, i: usize) -> Option<u16> {
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
    pub(super) fn year_after_day(&self, e: usize) -> (Option<u16>, usize) {
        let mut k = e;
        if self.punct(k, ',') {
            k += 1;
        }
        if self.is(k, "of") {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return (Some(y), k + 1);
        }
        // A word after it would make it a count ("May 5, two thousand
        // people"): a spelled year must close the phrase.
        match self.spelled_year(k).filter(|&(_, end)| self.ends(end)) {
            Some((y, end)) => (Some(y), end),
            None => (None, e),
        }
    }

    /// A year in words after a day: "nineteen seventy-eight", "nineteen
    /// oh one", "nineteen hundred", "twenty twenty", "two thousand and
    /// five" → (year, end). Read only after a day, where a year is expected.
    pub(super) fn spelled_year(&self, k: usize) -> Option<(u16, usize)> {
        let card = self.card(k)?;
        // "two thousand", "two thousand and five".
        if card.value == 2 && self.card(k + 1).is_some_and(|c| c.value == 1000) {
            let mut end = k + 2;
            let mut year = 2000;
            let j = if self.is(end, "and") { end + 1 } else { end };
            if let Some((y, e)) = self.two_digit_words(j) {
                year += y;
                end = e;
            } else if let Some(u) = self
                .card(j)
                .filter(|c| c.class == Class::Unit && c.value > 0)
            {
                year += u16::try_from(u.value).ok()?;
                end = j + 1;
            }
            return Some((year, end));
        }
        // Century then two digits: "nineteen seventy-eight", "twenty ten".
        let century_ok =
            matches!(card.class, Class::Teen) || (card.class == Class::Ten && card.value == 20);
        if !century_ok {
            return None;
        }
        let century = u16::try_from(card.value).ok()? * 100;
        if self.card(k + 1).is_some_and(|c| c.class == Class::Hundred) {
            return Some((century, k + 2));
        }
        let (y, end) = self.two_digit_words(k + 1)?;
        Some((century + y, end))
    }

    /// The two digits of a spelled year at `k`: "seventy-eight", "twelve",
    /// "ninety", "oh one", "zero five" → (value, end).
    fn two_digit_words(&self, k: usize) -> Option<(u16, usize)> {
        let small = |i: usize| {
            self.card(i)
                .filter(|c| c.class == Class::Unit && c.value > 0)
        };
        if self.is(k, "oh")
            || self
                .card(k)
                .is_some_and(|c| c.class == Class::Unit && c.value == 0)
        {
            let u = small(k + 1)?;
            return Some((u16::try_from(u.value).ok()?, k + 2));
        }
        let c = self.card(k)?;
        let v = u16::try_from(c.value).ok()?;
        match c.class {
            Class::Teen => Some((v, k + 1)),
            Class::Ten => {
                if let Some(u) = small(k + 1) {
                    return Some((v + u16::try_from(u.value).ok()?, k + 2));
                }
                if self.punct(k + 1, '-') && self.attached(k + 1) && self.attached(k + 2) {
                    if let Some(u) = small(k + 2) {
                        return Some((v + u16::try_from(u.value).ok()?, k + 3));
                    }
                }
                Some((v, k + 1))
            }
            _ => None,
        }
    }

    pub(super) fn date_found(&self, s: usize, e: usize, year: Option<u16>, m: u8, d: u8) -> Found {
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
    pub(super) fn numeric_date(&self, i: usize) -> Option<(u16, u8, u8, usize)> {
        let sep = self.punct_char(i + 1)?;
        if !matches!(sep, '/' | '-' | '.')
            || !self.attached(i + 1)
            || !self.digits(i + 2)
            || !self.attached(i + 2)
            || !self.attached(i + 3)
            || !self.digits(i + 4)
            || !self.attached(i + 4)
        {
            return None;
        }
        // "11/12,2016": a comma before a four-digit year.
        let comma_year = sep == '/' && self.punct(i + 3, ',') && self.str(i + 4).len() == 4;
        if !self.punct(i + 3, sep) && !comma_year {
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
    pub(super) fn year(&self, m: Measure) -> Option<Found> {
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
