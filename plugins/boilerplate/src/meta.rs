//! Article metadata: publication dates (parsed to ISO 8601), datelines
//! ("ISLAMABAD, June 16 (Alliance News):"), bylines and titles.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// What the plugin found about the article besides its text. Spans are
/// byte ranges of the returned text; `None` when the item is not in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// The headline.
    pub title: Option<Item>,
    /// The byline's author(s), as written.
    pub author: Option<Item>,
    /// The publication date.
    pub date: Option<DateItem>,
    /// The dateline opening the article.
    pub dateline: Option<Dateline>,
}

/// A text item and where it is in the returned text.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The value.
    pub value: String,
    /// Its span in the returned text, if it is there.
    pub span: Option<Range<usize>>,
}

/// A publication date.
#[derive(Clone, Debug, PartialEq)]
pub struct DateItem {
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// The date as the page wrote it.
    pub raw: String,
    /// Where it came from (`meta`, `json-ld`, `time`, `text`, ...).
    pub source: &'static str,
    /// Its span in the returned text, if it is there.
    pub span: Option<Range<usize>>,
}

/// A dateline: place, date and agency as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The place ("ISLAMABAD").
    pub place: String,
    /// The date as written ("June 16"), if any.
    pub date: Option<String>,
    /// The agency ("Alliance News"), if any.
    pub agency: Option<String>,
    /// Its span in the returned text (`None` when it was removed).
    pub span: Option<Range<usize>>,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The month number of an English month name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "Mayor" is not May: the rest must spell the month out.
    const FULL: [&str; 12] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ];
    let ok = lower.len() == 3 || FULL[index].starts_with(&lower) || (index == 8 && lower == "sept");
    ok.then_some(index as u32 + 1)
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1900..=2100).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1])
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

const MONTH_PATTERN: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// Finds a full date (with a year) in `text`: ISO forms, "June 16, 2022",
/// "16 June 2022", "2022/06/16", "16.06.2022". Returns its byte range and
/// its ISO form.
pub fn find_date(text: &str) -> Option<(Range<usize>, String)> {
    // Every form has a year "19" or "20" followed by a digit (`\d` also
    // takes non-ASCII digits): most lines have none and skip the regex.
    // Candidates are found with memchr on the '1's and '2's.
    let bytes = text.as_bytes();
    let year_start = |i: usize| {
        let next = |k: usize| bytes.get(i + k).copied();
        next(1) == Some(if bytes[i] == b'1' { b'9' } else { b'0' }) && next(2).is_some_and(|b| b.is_ascii_digit() || !b.is_ascii())
    };
    if !memchr::memchr2_iter(b'1', b'2', bytes).any(year_start) {
        return None;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?x)
            \b(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})(?:\b|T)
            | \b(?P<mn2>{m})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b
            | \b(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn3>{m}),?\s+(?P<y3>(?:19|20)\d\d)\b
            | \b(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:19|20)\d\d)\b
            | \b(?P<y5>(?:19|20)\d\d)(?P<m5>[01]\d)(?P<d5>[0-3]\d)\b",
            m = MONTH_PATTERN
        ))
        .expect("static regex")
    });
    for caps in re.captures_iter(text) {
        let whole = caps.get(0)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month_name = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
        let parsed = if let Some(y) = num("y1") {
            iso(y, num("m1")?, num("d1")?)
        } else if let Some(y) = num("y2") {
            iso(y, month_name("mn2")?, num("d2")?)
        } else if let Some(y) = num("y3") {
            iso(y, month_name("mn3")?, num("d3")?)
        } else if let Some(y) = num("y4") {
            iso(y, num("m4")?, num("d4")?)
        } else if let Some(y) = num("y5") {
            iso(y, num("m5")?, num("d5")?)
        } else {
            None
        };
        if let Some(date) = parsed {
            let end = if text[whole.start()..whole.end()].ends_with('T') { whole.end() - 1 } else { whole.end() };
            return Some((whole.start()..end, date));
        }
    }
    None
}

/// Parses a date attribute or meta value ("2019-03-05T10:00:00Z",
/// "March 5, 2019", ...) to `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Option<String> {
    find_date(value).map(|(_, date)| date)
}

/// Finds a dateline at the start of `paragraph`: an upper-case place,
/// optionally a date, optionally an agency in parentheses, then a colon or
/// dash. Returns the dateline with its span relative to `paragraph`.
pub fn find_dateline(paragraph: &str) -> Option<Dateline> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(?P<place>\p{{Lu}}[\p{{Lu}}'’.\-]+(?:[ \-]\p{{Lu}}[\p{{Lu}}'’.\-]*){{0,3}}(?:,\s+\p{{Lu}}[\p{{L}}.]+(?:\s\p{{Lu}}[\p{{L}}.]+)?)?)(?:,\s*(?P<date>{m}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{m}(?:\s+\d{{4}})?))?\s*(?:\((?P<agency>[^()]{{2,40}})\)\s*(?:--|[:—–-])?|--|[:—–-])\s*",
            m = MONTH_PATTERN
        ))
        .expect("static regex")
    });
    // The place opens with two capitals (or a capital and ' . -): most
    // paragraphs fail on their first two ASCII characters, before the
    // captures search.
    let opens_place = |b: &u8, more: &[u8]| !b.is_ascii() || b.is_ascii_uppercase() || more.contains(b);
    match paragraph.as_bytes() {
        [first, second, ..] if opens_place(first, b"") && opens_place(second, b"'.-") => {}
        _ => return None,
    }
    let caps = re.captures(paragraph)?;
    let place = caps.name("place")?.as_str();
    let agency = caps.name("agency").map(|m| m.as_str().trim().to_owned());
    // An upper-case word opens many sentences ("NATO said"): the regex
    // requires a separator or an agency after it, and the place must
    // start with a word of at least three capitals.
    let first_word: String = place.chars().take_while(|c| c.is_alphabetic()).collect();
    if first_word.chars().count() < 3 || first_word.chars().any(char::is_lowercase) {
        return None;
    }
    let whole = caps.get(0)?;
    // Something must follow it.
    if whole.end() >= paragraph.len() {
        return None;
    }
    Some(Dateline {
        place: place.trim_end_matches([',', ' ']).to_owned(),
        date: caps.name("date").map(|m| m.as_str().to_owned()),
        agency,
        span: Some(0..whole.as_str().trim_end().len()),
    })
}

/// Extracts the author from a byline ("By Jane Doe and John Roe",
/// "Jane Doe, Reuters"): the names, without "By".
pub fn byline_author(byline: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?i:by|von|par|por|di)\s+(?P<names>\p{Lu}[\p{L}.'’\-]*(?:\s+(?:(?i:and|&)\s+)?\p{Lu}[\p{L}.'’\-]*){0,6})")
            .expect("static regex")
    });
    let text = byline.trim();
    // The pattern starts with "by", "von", "par", "por" or "di", whose
    // first letters have no case variants outside ASCII: most lines
    // fail on their first two bytes and skip the captures search.
    let opener = |b: u8, c: u8| match (b.to_ascii_lowercase(), c.to_ascii_lowercase()) {
        (b'b', b'y') | (b'v', b'o') | (b'p', b'a' | b'o') | (b'd', b'i') => true,
        (b'b' | b'v' | b'p' | b'd', c) => !c.is_ascii(),
        _ => false,
    };
    if text.len() > 120 || !matches!(text.as_bytes(), [b, c, ..] if opener(*b, *c)) {
        return None;
    }
    re.captures(text).and_then(|c| c.name("names")).map(|m| m.as_str().trim().to_owned())
}

/// Cleans a `<title>`: drops the site name after a separator (" | Site",
/// " - Site"), keeping the longest part.
pub fn clean_title(title: &str) -> String {
    let title = crate::signals::normalize_whitespace(title);
    let mut parts: Vec<&str> = vec![title.as_str()];
    // Each separator is a mark between spaces; a title without the mark
    // is not split by it (most titles have none of them).
    for (separator, mark) in [(" | ", '|'), (" - ", '-'), (" – ", '–'), (" — ", '—'), (" :: ", ':'), (" · ", '·'), (" » ", '»')] {
        if title.contains(mark) {
            parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
        }
    }
    if parts.len() < 2 {
        return title;
    }
    parts.into_iter().max_by_key(|p| p.chars().count()).unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_many_forms() {
        for (text, want) in [
            ("2019-03-05T10:00:00Z", "2019-03-05"),
            ("Published March 5, 2019 at 10:00", "2019-03-05"),
            ("5 March 2019", "2019-03-05"),
            ("Sept. 30, 2021", "2021-09-30"),
            ("on 2020/12/01", "2020-12-01"),
            ("16.06.2022", "2022-06-16"),
            ("20220616", "2022-06-16"),
        ] {
            assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("The Mayor 5, 2019"), None);
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn date_span() {
        let text = "Updated: June 16, 2022, 10:04 am";
        let (span, date) = find_date(text).unwrap();
        assert_eq!(&text[span], "June 16, 2022");
        assert_eq!(date, "2022-06-16");
    }

    #[test]
    fn datelines() {
        let d = find_dateline("OSLO, March 3 (Nordic Wire): The parliament voted on Tuesday.").unwrap();
        assert_eq!(d.place, "OSLO");
        assert_eq!(d.date.as_deref(), Some("March 3"));
        assert_eq!(d.agency.as_deref(), Some("Nordic Wire"));
        assert_eq!(&"OSLO, March 3 (Nordic Wire): The"[d.span.clone().unwrap()], "OSLO, March 3 (Nordic Wire):");
        let d = find_dateline("SAN JOSE, Costa Rica (Wire Service) — Rains flooded the capital.").unwrap();
        assert_eq!(d.place, "SAN JOSE, Costa Rica");
        assert_eq!(d.agency.as_deref(), Some("Wire Service"));
        let d = find_dateline("NAIROBI — The election commission said on Monday.").unwrap();
        assert_eq!(d.place, "NAIROBI");
        assert!(d.agency.is_none());
        assert!(find_dateline("NATO said on Monday that it would act.").is_none());
        assert!(find_dateline("The council met - briefly.").is_none());
    }

    #[test]
    fn bylines() {
        assert_eq!(byline_author("By Jane Doe and John Roe").as_deref(), Some("Jane Doe and John Roe"));
        assert_eq!(byline_author("BY MARIA LOPEZ").as_deref(), Some("MARIA LOPEZ"));
        assert_eq!(byline_author("Byzantine art is old"), None);
    }

    #[test]
    fn titles_lose_site_names() {
        assert_eq!(clean_title("Floods hit the coast | The Daily Example"), "Floods hit the coast");
        assert_eq!(clean_title("Plain title"), "Plain title");
    }
}
