//! Calendar dates as the article's date and the terms of office holders.

/// A calendar date, ordered (stored as `yyyymmdd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(u32);

impl Date {
    /// A date from its parts (not checked against the calendar beyond ranges).
    pub fn ymd(year: u32, month: u32, day: u32) -> Date {
        Date(year * 10_000 + month.clamp(1, 12) * 100 + day.clamp(1, 31))
    }

    /// Parses the start of an ISO 8601 date or timestamp ("2022-06-16",
    /// "2022-06-16T08:00:00Z", "20220616"); a bare year or year-month
    /// ("2022", "2022-06") means its first day.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        if !s.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // The digits among the first ten chars, without allocating.
        let mut digits = [0u8; 10];
        let mut n = 0;
        for c in s.chars().take(10).filter(char::is_ascii_digit) {
            digits[n] = c as u8 - b'0';
            n += 1;
        }
        let num = |r: std::ops::Range<usize>| digits[..n].get(r).map(|d| d.iter().fold(0, |v, &d| v * 10 + u32::from(d)));
        let year = num(0..4)?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let month = num(4..6).unwrap_or(1);
        let day = num(6..8).unwrap_or(1);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(Date::ymd(year, month, day))
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
        Date::ymd(year, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_timestamps() {
        assert_eq!(Date::parse("2022-06-16"), Some(Date::ymd(2022, 6, 16)));
        assert_eq!(Date::parse("2022-06-16T08:30:00Z"), Some(Date::ymd(2022, 6, 16)));
        assert_eq!(Date::parse("20080804"), Some(Date::ymd(2008, 8, 4)));
        assert_eq!(Date::parse("2015"), Some(Date::ymd(2015, 1, 1)));
        assert_eq!(Date::parse("June 2015"), None);
        assert_eq!(Date::parse(""), None);
    }

    #[test]
    fn epoch_days_convert_to_civil_dates() {
        assert_eq!(Date::from_days_since_epoch(0), Date::ymd(1970, 1, 1));
        assert_eq!(Date::from_days_since_epoch(19_159), Date::ymd(2022, 6, 16));
    }
}
