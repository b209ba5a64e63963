//! Calendar arithmetic for dates: reading the document's date, shifting a
//! date by days, and choosing the year of a date written without one.
//!
//! **Year filling.** A date without a year ("December 30") is placed in
//! the twelve months that run from about nine months before the
//! document's date to three months after it (news reports the recent past
//! more often than it announces): "December 30" in an article of
//! 5 January 2023 is 2022-12-30; "January 3" in an article of 28 December
//! 2022 is 2023-01-03; "June 16" in that article is 2022-06-16. Without a
//! document date the year is `XXXX`.

use std::fmt;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u8,
    /// Day 1–31.
    pub d: u8,
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Reads the date at the start of an ISO 8601 string ("2022-06-16",
/// "2022-06-16T10:00:00Z").
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u8 = s.get(5..7)?.parse().ok()?;
    let d: u8 = s.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Ymd { y, m, d })
}

/// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm).
fn days_from_civil(date: Ymd) -> i64 {
    let y = i64::from(date.y) - i64::from(date.m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(date.m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(date.d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    Ymd {
        y: (y + i64::from(m <= 2)) as i32,
        m,
        d,
    }
}

/// `date` moved by `days`.
pub fn shift(date: Ymd, days: i64) -> Ymd {
    civil_from_days(days_from_civil(date) + days)
}

/// Days before the document date that a date without a year may lie.
const PAST_DAYS: i64 = 273;

/// The year for month `m`, day `d` near `doc` (see the module docs).
pub fn nearest_year(doc: Ymd, m: u8, d: u8) -> i32 {
    let here = days_from_civil(doc);
    [doc.y - 1, doc.y, doc.y + 1]
        .into_iter()
        .find(|&y| {
            let delta = days_from_civil(Ymd { y, m, d }) - here;
            (-PAST_DAYS..365 - PAST_DAYS).contains(&delta)
        })
        .unwrap_or(doc.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_year_crosses_new_year() {
        let jan = Ymd {
            y: 2023,
            m: 1,
            d: 5,
        };
        assert_eq!(nearest_year(jan, 12, 30), 2022);
        assert_eq!(nearest_year(jan, 2, 24), 2023);
        let dec = Ymd {
            y: 2022,
            m: 12,
            d: 28,
        };
        assert_eq!(nearest_year(dec, 1, 3), 2023);
        assert_eq!(nearest_year(dec, 6, 16), 2022);
        assert_eq!(nearest_year(dec, 3, 1), 2023);
    }

    #[test]
    fn shifting_and_parsing() {
        let d = parse_iso("2024-03-01T08:00:00Z").unwrap();
        assert_eq!(shift(d, -1).to_string(), "2024-02-29");
        assert_eq!(
            shift(
                Ymd {
                    y: 2022,
                    m: 12,
                    d: 31
                },
                1
            )
            .to_string(),
            "2023-01-01"
        );
        assert!(parse_iso("yesterday").is_none());
    }
}
