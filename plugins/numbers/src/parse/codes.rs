//! Names and codes that are not numbers: "G7", "F-16", "Boeing 737", versions,
//! phone numbers, times, powers, slashes that are not fractions.

use super::*;

impl<'a> Parser<'a> {
    /// If the number at `i` is part of a name or code ("G7", "F-16",
    /// "COVID-19", "Boeing 737", "192.168.1.2", "10:30", "+1-222-2222"),
    /// the token after it.
    pub(super) fn code_at(&self, i: usize) -> Option<usize> {
        if matches!(self.punct_char(i), Some('-' | '+'))
            && self.digits(i + 1)
            && self.attached(i + 1)
        {
            return self.code_at(i + 1);
        }
        if !self.digits(i) {
            return None;
        }
        // A number split by a tokenizer around its point: "1 . 8500", "30 .
        // 84 %" (neither part is a number of its own).
        if self.spaced_point(i + 1) {
            return Some(self.run_end(i + 2));
        }
        if i >= 2 && self.digits(i - 2) && self.spaced_point(i - 1) {
            return Some(self.run_end(i));
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
            && self.padded_slash_day(i).is_none()
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
    pub(super) fn common_fraction(&self, i: usize) -> bool {
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
    pub(super) fn hyphen_fraction_range(&self, i: usize) -> bool {
        self.punct(i + 1, '-')
            && self.attached(i + 1)
            && self.attached(i + 2)
            && self.common_fraction(i + 2)
    }

    /// Whether token `k` is a point with spaces around it before digits,
    /// as a tokenizer leaves a decimal point: "1 . 8500".
    pub(super) fn spaced_point(&self, k: usize) -> bool {
        self.punct(k, '.')
            && self.tok(k).is_some_and(|t| t.space)
            && self.digits(k + 1)
            && !self.attached(k + 1)
    }

    /// The token after a run of glued digits, letters and joiners.
    pub(super) fn run_end(&self, i: usize) -> usize {
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
    pub(super) fn known_suffix(&self, i: usize) -> bool {
        let s = self.str(i);
        let Some(w) = self.word(i) else { return false };
        w.unit.is_some()
            || w.scale_abbr.is_some()
            || w.currency.is_some()
            || money::iso_code(s).is_some()
            || [
                "st", "nd", "rd", "th", "s", "rs", "yo", "MM", "M", "B", "K", "bn", "am", "pm",
                "pc", "p", "in", "h", "hrs", "m", "km", "C", "F",
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
}
