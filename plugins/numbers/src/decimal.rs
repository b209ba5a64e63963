//! Exact values: a small rational type (`i128` numerator and denominator)
//! built from digit strings, and its canonical decimal form.
//!
//! Values are never floats: "1.1 million" is `11/10 × 10^6 = 1100000`
//! exactly. Fractions whose denominator has a prime factor other than 2
//! and 5 ("two thirds") have no finite decimal form; they are printed
//! rounded to 15 significant digits. Every operation is checked: an
//! overflow gives `None`, and the expression is then left out.

use std::cmp::Ordering;
use std::fmt::{self, Write};

/// A rational number `num / den` in lowest terms, `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rat {
    num: i128,
    den: i128,
}

/// The greatest common divisor of `|a|` and `|b|`, at least 1 (so that
/// dividing by it is always defined). Most values are small integers: a
/// divisor of 1 is answered without dividing, and values that fit in 64
/// bits are reduced with 64-bit divisions (an `i128` division is a call
/// into a slow software routine).
fn gcd(a: i128, b: i128) -> i128 {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 1 || b == 1 {
        return 1;
    }
    let g = match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => u128::from(euclid(a, b)),
        _ => euclid(a, b),
    };
    // Only |i128::MIN| does not fit back; it has no use as a divisor here.
    i128::try_from(g).unwrap_or(1).max(1)
}

/// Euclid's algorithm on unsigned integers of either width.
fn euclid<T>(mut a: T, mut b: T) -> T
where
    T: Copy + PartialEq + Default + std::ops::Rem<Output = T>,
{
    while b != T::default() {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// `a / g`, without the division when `g` is 1 (the common case).
fn div_by(a: i128, g: i128) -> i128 {
    if g == 1 {
        a
    } else {
        a / g
    }
}

impl Rat {
    /// Zero.
    pub const ZERO: Rat = Rat { num: 0, den: 1 };
    /// One.
    pub const ONE: Rat = Rat { num: 1, den: 1 };

    /// `num / den`, reduced; `None` if `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Rat> {
        if den == 0 {
            return None;
        }
        if den == 1 {
            return Some(Rat { num, den });
        }
        let g = gcd(num, den);
        let (num, den) = (div_by(num, g), div_by(den, g));
        Some(if den < 0 {
            Rat {
                num: num.checked_neg()?,
                den: den.checked_neg()?,
            }
        } else {
            Rat { num, den }
        })
    }

    /// An integer.
    pub fn int(n: i128) -> Rat {
        Rat { num: n, den: 1 }
    }

    /// `10^exp`.
    pub fn pow10(exp: u32) -> Option<Rat> {
        Some(Rat::int(10i128.checked_pow(exp)?))
    }

    /// Parses digits with an optional single `.` (ASCII digits only, no
    /// sign, no separators): "1234", "3.25", ".5".
    pub fn from_digits(s: &str) -> Option<Rat> {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let mut num: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            num = num.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        Rat::new(num, 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?)
    }

    /// Sum.
    pub fn checked_add(self, o: Rat) -> Option<Rat> {
        let g = gcd(self.den, o.den);
        let den = div_by(self.den, g).checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(div_by(o.den, g))?
            .checked_add(o.num.checked_mul(div_by(self.den, g))?)?;
        Rat::new(num, den)
    }

    /// Product.
    pub fn checked_mul(self, o: Rat) -> Option<Rat> {
        let g1 = gcd(self.num, o.den);
        let g2 = gcd(o.num, self.den);
        Rat::new(
            div_by(self.num, g1).checked_mul(div_by(o.num, g2))?,
            div_by(self.den, g2).checked_mul(div_by(o.den, g1))?,
        )
    }

    /// Quotient; `None` when dividing by zero.
    pub fn checked_div(self, o: Rat) -> Option<Rat> {
        self.checked_mul(Rat::new(o.den, o.num)?)
    }

    /// Integer power ("2.5^-1" → 0.4); `None` on overflow or 0^-n.
    pub fn checked_pow(self, exp: i32) -> Option<Rat> {
        let mut out = Rat::ONE;
        for _ in 0..exp.unsigned_abs() {
            out = out.checked_mul(self)?;
        }
        if exp < 0 {
            Rat::ONE.checked_div(out)
        } else {
            Some(out)
        }
    }

    /// Negation.
    pub fn checked_neg(self) -> Option<Rat> {
        Some(Rat {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    /// Whether this is a whole number.
    pub fn is_int(self) -> bool {
        self.den == 1
    }

    /// The value as an integer, if whole.
    pub fn as_int(self) -> Option<i128> {
        self.is_int().then_some(self.num)
    }

    /// Whether this is zero.
    pub fn is_zero(self) -> bool {
        self.num == 0
    }
}

/// Builds a decimal from digit groups without allocating: "1", "234",
/// then fraction digits "5" → 1234.5.
#[derive(Clone, Copy, Debug, Default)]
pub struct DigitAcc {
    num: i128,
    frac_digits: u32,
    /// Integer digits pushed.
    pub int_digits: usize,
}

impl DigitAcc {
    /// Appends integer digits (ASCII digits only); `None` on overflow.
    pub fn int(&mut self, digits: &str) -> Option<()> {
        self.push(digits)?;
        self.int_digits += digits.len();
        Some(())
    }

    /// Appends digits after the decimal point; `None` on overflow.
    pub fn frac(&mut self, digits: &str) -> Option<()> {
        self.push(digits)?;
        self.frac_digits = self
            .frac_digits
            .checked_add(u32::try_from(digits.len()).ok()?)?;
        Some(())
    }

    fn push(&mut self, digits: &str) -> Option<()> {
        for b in digits.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            self.num = self
                .num
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        Some(())
    }

    /// The value.
    pub fn value(&self) -> Option<Rat> {
        Rat::new(self.num, 10i128.checked_pow(self.frac_digits)?)
    }
}

impl PartialOrd for Rat {
    fn partial_cmp(&self, o: &Rat) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Rat {
    fn cmp(&self, o: &Rat) -> Ordering {
        // Compare num1*den2 with num2*den1; fall back to floats on overflow
        // (only reachable with astronomically large values).
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => {
                let a = self.num as f64 / self.den as f64;
                let b = o.num as f64 / o.den as f64;
                a.partial_cmp(&b).unwrap_or(Ordering::Equal)
            }
        }
    }
}

/// Significant digits printed for values without a finite decimal form.
const ROUNDED_DIGITS: usize = 15;

impl fmt::Display for Rat {
    /// The canonical decimal: no exponent, no separators, no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            // Whole numbers, nearly every value: the integer alone.
            if self.num < 0 {
                f.write_str("-")?;
            }
            return write_u128(f, self.num.unsigned_abs());
        }
        let num = self.num.unsigned_abs();
        let den = self.den.unsigned_abs();
        let mut int = num / den;
        let mut rem = num % den;
        // Long division: exact when the expansion ends, else rounded to
        // ROUNDED_DIGITS significant digits (half up).
        let mut digits: Vec<u8> = Vec::new();
        let mut significant = if int == 0 {
            0
        } else {
            int.ilog10() as usize + 1
        };
        while rem != 0 && digits.len() < 60 {
            let Some(r10) = rem.checked_mul(10) else {
                break;
            };
            let d = (r10 / den) as u8;
            rem = r10 % den;
            digits.push(d);
            if significant > 0 || d != 0 {
                significant += 1;
            }
            if significant >= ROUNDED_DIGITS && rem != 0 {
                let round_up = rem.checked_mul(10).is_some_and(|r| r / den >= 5);
                if round_up {
                    let mut carry = true;
                    for d in digits.iter_mut().rev() {
                        if *d == 9 {
                            *d = 0;
                        } else {
                            *d += 1;
                            carry = false;
                            break;
                        }
                    }
                    if carry {
                        int += 1;
                    }
                }
                break;
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if self.num < 0 && (int != 0 || !digits.is_empty()) {
            f.write_str("-")?;
        }
        write_u128(f, int)?;
        if !digits.is_empty() {
            f.write_str(".")?;
            for d in digits {
                f.write_char(char::from(b'0' + d))?;
            }
        }
        Ok(())
    }
}

/// Writes `n` in decimal into a stack buffer, then to `f` in one call
/// (cheaper than the formatting machinery for the one integer of nearly
/// every value), with 64-bit divisions while the value allows.
fn write_u128(f: &mut fmt::Formatter<'_>, mut n: u128) -> fmt::Result {
    // u128::MAX has 39 digits.
    let mut buf = [0u8; 39];
    let mut at = buf.len();
    while n > u128::from(u64::MAX) {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut small = n as u64;
    loop {
        at -= 1;
        buf[at] = b'0' + (small % 10) as u8;
        small /= 10;
        if small == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    f.write_str(std::str::from_utf8(&buf[at..]).map_err(|_| fmt::Error)?)
}
/// `value` with every canonical decimal in it multiplied by 10^`places`
/// (`places` may be negative): "0.5" → "500" for 3, `"[100,2000]"` →
/// `"[0.1,2]"` for -3. Works on the printed form, so it stays exact.
pub fn shift_point(value: &str, places: i32) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    let mut rest = value;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        let (num, tail) = rest.split_at(n);
        if num.bytes().any(|b| b.is_ascii_digit()) {
            shift_one(num, places, &mut out);
        } else {
            out.push_str(num);
        }
        let m = tail.chars().next().map_or(0, char::len_utf8);
        out.push_str(&tail[..m]);
        rest = &tail[m..];
    }
    out
}

/// One canonical decimal ("-12.5") shifted by `places`, appended to `out`.
fn shift_one(num: &str, places: i32, out: &mut String) {
    let (neg, num) = num.strip_prefix('-').map_or((false, num), |n| (true, n));
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    // Position of the point in `digits`, after the shift.
    let point = int.len() as i64 + i64::from(places);
    let at = |k: i64| -> u8 {
        usize::try_from(k)
            .ok()
            .and_then(|k| digits.get(k).copied())
            .unwrap_or(b'0')
    };
    let first = (0..point).find(|&k| at(k) != b'0').unwrap_or(point);
    let last = (point..digits.len() as i64)
        .rev()
        .find(|&k| at(k) != b'0')
        .map_or(point, |k| k + 1);
    let mut s = String::new();
    if first == point {
        s.push('0');
    }
    s.extend((first..point).map(|k| char::from(at(k))));
    if last > point {
        s.push('.');
        s.extend((point..last).map(|k| char::from(at(k))));
    }
    if neg && s != "0" {
        out.push('-');
    }
    out.push_str(&s);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Rat {
        Rat::from_digits(s).unwrap()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(
            d("1.1")
                .checked_mul(Rat::pow10(6).unwrap())
                .unwrap()
                .to_string(),
            "1100000"
        );
        assert_eq!(
            d("147")
                .checked_mul(Rat::pow10(9).unwrap())
                .unwrap()
                .to_string(),
            "147000000000"
        );
        assert_eq!(d("0.500").to_string(), "0.5");
        assert_eq!(d(".23456000").to_string(), "0.23456");
        assert_eq!(d("3.25").checked_neg().unwrap().to_string(), "-3.25");
        assert_eq!(Rat::new(2, 3).unwrap().to_string(), "0.666666666666667");
        assert_eq!(Rat::new(-4, 5).unwrap().to_string(), "-0.8");
        assert_eq!(Rat::new(311, 3).unwrap().to_string(), "103.666666666667");
        // Reduced to lowest terms with the sign on the numerator, also
        // beyond 64 bits.
        assert_eq!(Rat::new(6, -4).unwrap(), Rat::new(-3, 2).unwrap());
        let big = 3 * 10i128.pow(30);
        assert_eq!(
            Rat::new(big, 2 * 10i128.pow(30)).unwrap(),
            Rat::new(3, 2).unwrap()
        );
        assert_eq!(Rat::int(-big).to_string(), format!("-3{}", "0".repeat(30)));
        for n in [
            0,
            7,
            10,
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            10i128.pow(20),
            i128::MAX,
        ] {
            assert_eq!(Rat::int(n).to_string(), n.to_string());
        }
        assert_eq!(
            Rat::int(i128::MIN + 1).to_string(),
            (i128::MIN + 1).to_string()
        );
        // Rounding that carries into the integer part.
        assert_eq!(
            Rat::new(999_999_999_999_999_999, 1_000_000_000_000_000_001)
                .unwrap()
                .to_string(),
            "1"
        );
        // A denominator near the limit of i128 does not overflow.
        assert_eq!(
            Rat::from_digits(".00000000000000000000000000000000000001")
                .unwrap()
                .to_string(),
            "0.00000000000000000000000000000000000001"
        );
    }

    #[test]
    fn shifting_the_point() {
        assert_eq!(shift_point("0.5", 3), "500");
        assert_eq!(shift_point("0.002", 3), "2");
        assert_eq!(shift_point("2000", -3), "2");
        assert_eq!(shift_point("1.25", -3), "0.00125");
        assert_eq!(shift_point("-3.5", 1), "-35");
        assert_eq!(shift_point("0", 3), "0");
        assert_eq!(shift_point("120", 0), "120");
        assert_eq!(shift_point("[1.5,2)", 3), "[1500,2000)");
        assert_eq!(shift_point("(,0.25]", -2), "(,0.0025]");
        assert_eq!(shift_point("(40,)", 3), "(40000,)");
    }

    #[test]
    fn overflow_is_none() {
        let big = Rat::int(i128::MAX / 2);
        assert!(big.checked_mul(Rat::int(4)).is_none());
        assert!(Rat::from_digits("123456789012345678901234567890123456789012").is_none());
        // The one value whose magnitude does not fit is reduced without panicking.
        assert!(Rat::new(i128::MIN, 3).is_some());
    }
}
