//! Plain-text mode: keep the article lines of scraped text, drop the
//! template lines around and inside it.
//!
//! Each non-empty line is a block. Lines are classified on their own
//! ([`crate::blocks::classify`], plus two plain-text rules: a line
//! without sentence punctuation is a label or a headline, so it waits for
//! its context; a line of link-like tokens is a link), the article is the
//! run of lines with the highest net value (the one-dimensional form of
//! the HTML container choice: Kadane's maximum-sum segment), and inside
//! that run short and borderline lines follow their neighbours.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::blocks::{classify, promote_runs, smooth, BlockClass, Features};
use crate::meta::{self, DateItem, Item, Metadata};
use crate::signals;
use crate::Options;

/// One non-empty input line.
struct Line<'a> {
    text: &'a str,
    /// Whether a blank line precedes it.
    after_blank: bool,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    // At most one line per '\n', plus the last: one allocation.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut blank = false;
    // Split at '\n' (memchr): the trim drops a '\r' before it.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        let line = text[start..end].trim();
        start = end + 1;
        if line.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line { text: line, after_blank: blank });
        blank = false;
    }
    out
}

fn line_features(text: &str) -> Features {
    // Visible characters are the characters of the whitespace-split words.
    let chars = if text.is_ascii() {
        // `char::is_whitespace` on ASCII: the space, and tab to carriage
        // return (counted in chunks that a byte can count, which vectorises).
        let blank = |b: &u8| u8::from(*b == b' ' || (b'\t'..=b'\r').contains(b));
        text.len() - text.as_bytes().chunks(255).map(|c| usize::from(c.iter().map(blank).sum::<u8>())).sum::<usize>()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    };
    Features::of(text, chars, signals::link_like_chars(text), false)
}

/// Words a headline does not end on: a first line ending in one is the
/// start of a hard-wrapped sentence ("The central bank entered the").
const DANGLING_WORDS: &[&str] = &["the", "a", "an", "of", "and", "or", "to", "for", "with", "from", "by", "that"];

/// Whether the first line reads as a headline: a few words, not a
/// sentence ending in a full stop or cut off after a function word, not a
/// template phrase.
fn looks_like_headline(line: &str, features: &Features) -> bool {
    let words = features.stats.words;
    let last_word = line.trim_end().rsplit(' ').next().unwrap_or("");
    (3..=30).contains(&words)
        && !line.ends_with('.')
        && !DANGLING_WORDS.iter().any(|w| last_word.eq_ignore_ascii_case(w))
        && !features.boilerplate
        && features.link_density < 0.2
        && line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '“' || c == '"')
}

/// Whether a line credits an embedded post: "— Ana Lima (@analima)
/// May 3, 2024" under a quoted tweet. Its handle reads as a link, but
/// the post it closes is part of the article.
fn is_post_attribution(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['—', '–', '-']) else { return false };
    let Some(at) = rest.find("(@") else { return false };
    let handle = &rest[at + 2..];
    let end = handle.find(')').unwrap_or(0);
    line.len() < 200 && end > 0 && handle[..end].chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A line as a hash map key, hashed on its length and its first and last
/// eight bytes only: lines that differ are told apart by those nearly
/// always, and equality still compares whole lines.
#[derive(PartialEq, Eq)]
struct LineKey<'a>(&'a str);

impl Hash for LineKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Up to eight bytes as a number.
        fn number(bytes: &[u8]) -> u64 {
            bytes.iter().rev().fold(0, |n, &b| n << 8 | u64::from(b))
        }
        let bytes = self.0.as_bytes();
        state.write_usize(bytes.len());
        state.write_u64(number(&bytes[..bytes.len().min(8)]));
        state.write_u64(number(&bytes[bytes.len().saturating_sub(8)..]));
    }
}

/// The hasher of [`LineKey`]s: FxHash's step (rotate, xor, multiply) per
/// number written, where SipHash would cost more than the lookup.
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Whether a line ends in an ellipsis: a teaser cut short.
fn truncated(line: &str) -> bool {
    line.ends_with("...") || line.ends_with('…')
}

/// The first line after the first that repeats the headline and is
/// followed within twelve lines by article-like text.
fn headline_repeat(lines: &[Line<'_>], classes: &[BlockClass], title: &str) -> Option<usize> {
    // Lines and title compare on their lower-cased letters and digits,
    // streamed rather than copied: most lines differ in the first few.
    // ASCII text (most lines) is compared byte by byte: its key is its
    // ASCII letters and digits in lower case, and an ASCII key equals
    // the title's key exactly when their bytes are equal.
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
    }
    fn ascii_key(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase())
    }
    let title: String = if title.is_ascii() { ascii_key(title).map(char::from).collect() } else { key(title).collect() };
    if title.len() < 10 {
        return None;
    }
    let repeats = |line: &str| if line.is_ascii() { ascii_key(line).eq(title.bytes()) } else { key(line).eq(title.chars()) };
    (1..lines.len()).find(|&i| repeats(lines[i].text) && classes[i + 1..lines.len().min(i + 7)].contains(&BlockClass::Good))
}

/// The value of a line for the article-run search: article-like lines
/// add their length, others subtract a share of theirs plus a constant
/// (a menu of one-word lines costs per line), and a line that opens
/// comments or related stories costs as much as a few paragraphs, so
/// the run stops there unless much more article text follows.
fn value(class: BlockClass, chars: usize, section_break: bool) -> f64 {
    let chars = chars as f64;
    if section_break {
        return -400.0;
    }
    match class {
        BlockClass::Good => chars,
        BlockClass::NearGood => 0.5 * chars,
        BlockClass::Short => -0.2 * chars - 5.0,
        BlockClass::Bad => -0.6 * chars - 10.0,
    }
}

/// The maximum-sum run of `values` (Kadane), as a half-open range.
fn best_run(values: &[f64]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = 0;
    for (i, v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, s, e)| s..e)
}

/// A comment thread is prose too, and a long one outweighs the cost of
/// the line that opens it: when the run holds two or more comment
/// headers ("jdoe wrote:"), it ends at the section break before the
/// first of them ("Comments from our readers"), or at that header.
fn cut_comment_thread(lines: &[Line<'_>], features: &[Features], run: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let header = |i: &usize| signals::is_comment_header(lines[*i].text, &features[*i].stats);
    let mut headers = run.clone().skip(1).filter(header);
    let (Some(first), Some(_)) = (headers.next(), headers.next()) else { return run };
    let opener = (run.start + 1..first).rev().find(|&i| signals::is_section_break(lines[i].text, &features[i].stats));
    run.start..opener.unwrap_or(first)
}

/// Cleans scraped plain text.
pub fn extract(text: &str, options: &Options) -> (String, Metadata) {
    let lines = lines(text);
    let features: Vec<Features> = lines.iter().map(|l| line_features(l.text)).collect();
    let mut classes: Vec<BlockClass> = features
        .iter()
        .zip(&lines)
        .map(|(f, l)| {
            if is_post_attribution(l.text) {
                return BlockClass::NearGood;
            }
            let class = classify(f, options.favor);
            // A line that does not end like a sentence is a label, a
            // headline or a menu entry unless its neighbours say otherwise.
            if class.kept() && !f.stats.unspaced() && f.chars < 160 && (!f.stats.terminal || truncated(l.text)) {
                BlockClass::Short
            } else {
                class
            }
        })
        .collect();

    let title_line = features.first().is_some_and(|f| looks_like_headline(lines[0].text, f));
    let title = title_line.then(|| meta::clean_title(lines[0].text));
    let body_start = usize::from(title_line);
    // A short line seen twice is template (menus and headlines repeat);
    // a long one is the article printed twice: keep its first copy.
    // Each line: where its first copy is; each first copy: how many
    // copies there are.
    let mut first_copies: HashMap<LineKey<'_>, usize, BuildHasherDefault<LineHasher>> =
        HashMap::with_capacity_and_hasher(lines.len(), BuildHasherDefault::default());
    let firsts: Vec<usize> = lines.iter().enumerate().map(|(i, line)| *first_copies.entry(LineKey(line.text)).or_insert(i)).collect();
    let mut copies = vec![0; lines.len()];
    for &first in &firsts {
        copies[first] += 1;
    }
    for (i, &first) in firsts.iter().enumerate() {
        if copies[first] > 1 && (features[i].chars < 100 || first != i) {
            classes[i] = BlockClass::Bad;
        }
    }
    // The headline printed again above the article (the page's <h1>
    // after its <title>) marks where the article starts.
    let search_start = title.as_deref().and_then(|t| headline_repeat(&lines, &classes, t)).map_or(body_start, |h| h + 1);
    promote_runs(&mut classes, &features);
    let values: Vec<f64> = (search_start..lines.len())
        .map(|i| value(classes[i], features[i].chars, signals::is_section_break(lines[i].text, &features[i].stats)))
        .collect();
    let run = best_run(&values).map(|r| r.start + search_start..r.end + search_start).map(|r| cut_comment_thread(&lines, &features, r));
    let mut keep = vec![false; lines.len()];
    if let Some(run) = &run {
        let groups: Vec<usize> = run.clone().collect();
        smooth(&mut classes[run.clone()], &features[run.clone()], &groups, options.favor);
        for i in run.clone() {
            keep[i] = classes[i].kept();
        }
    }
    if !keep.iter().any(|k| *k) {
        // Nothing reads as an article: keep every line that is not a
        // template phrase rather than returning nothing.
        for (i, f) in features.iter().enumerate().skip(body_start) {
            keep[i] = !f.boilerplate;
        }
    }

    let mut metadata = Metadata::default();
    // The output is at most the input plus a line break per line.
    let mut out = String::with_capacity(text.len() + lines.len());
    if let Some(title) = &title {
        // The headline without the site name that page titles carry.
        let span = options.keep_title.then(|| {
            out.push_str(title);
            0..title.len()
        });
        metadata.title = Some(Item { value: title.clone(), span });
    }
    let mut first_body = true;
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        if !keep[i] || title.as_deref().is_some_and(|t| t == line.text) {
            continue;
        }
        let mut part = line.text;
        if !out.is_empty() {
            out.push_str(if line.after_blank || first_body { "\n\n" } else { "\n" });
        }
        if first_body {
            if let Some(mut dateline) = meta::find_dateline(part) {
                let end = dateline.span.as_ref().map_or(0, |s| s.end);
                if options.keep_dateline {
                    dateline.span = Some(out.len()..out.len() + end);
                } else {
                    part = part[end..].trim_start();
                    dateline.span = None;
                }
                metadata.dateline = Some(dateline);
            }
            first_body = false;
        }
        out.push_str(part);
    }

    // Byline and publication date: near the top (before the article run,
    // or in its first lines), a line that is mostly a date or says it is one.
    let top = run.as_ref().map_or(lines.len().min(10), |r| (r.start + 3).min(lines.len()));
    for line in &lines[..top] {
        if metadata.author.is_none() {
            if let Some(author) = meta::byline_author(line.text) {
                let span = out.find(line.text).map(|s| s + 3..s + 3 + author.len()).filter(|r| out.get(r.clone()) == Some(author.as_str()));
                metadata.author = Some(Item { value: author, span });
            }
        }
        if metadata.date.is_none() {
            if let Some((range, iso)) = meta::find_date(line.text) {
                let lower = line.text.to_ascii_lowercase();
                let announced = ["published", "posted", "updated", "date"].iter().any(|k| lower.contains(k));
                if announced || range.len() * 5 >= line.text.len() * 2 {
                    let raw = line.text[range.clone()].to_owned();
                    let span = out.find(line.text).map(|s| s + range.start..s + range.end);
                    metadata.date = Some(DateItem { iso, raw, source: "text", span });
                }
            }
        }
    }
    (out, metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Lake levels fall to a record low in dry summer\n\n\
        GENEVA, Aug 4 (Alpine Wire): The level of the lake fell to its lowest point since records began, the water authority said on Friday.\n\n\
        Boats have been moved to deeper moorings, and the ferry company has cut its timetable by a third until the rains return.\n\n\
        Farmers said that irrigation had been restricted for two weeks.\n\n\
        Officials expect the level to rise again in the autumn, when the snow on the mountains begins to fall again.\n\n\
        \n\nPlease enter your comment!\nPlease enter your name here\n";

    #[test]
    fn a_hard_wrapped_first_line_is_not_a_headline() {
        let wrapped = "The central bank entered the\nbond market to add reserves, a spokesman said.\n\
            Rates were steady at the time of the operation.\n";
        let (text, meta) = extract(wrapped, &Options::default());
        assert!(meta.title.is_none(), "{:?}", meta.title);
        assert!(text.starts_with("The central bank entered the\nbond market"), "{text}");
    }

    #[test]
    fn comment_form_is_dropped_and_every_sentence_kept() {
        let (text, meta) = extract(ARTICLE, &Options::default());
        let kept: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let input: Vec<&str> = ARTICLE.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(kept, input[..input.len() - 2], "{text}");
        assert_eq!(meta.title.as_ref().unwrap().span, Some(0..46));
        let dateline = meta.dateline.unwrap();
        assert_eq!(dateline.place, "GENEVA");
        assert_eq!(dateline.agency.as_deref(), Some("Alpine Wire"));
        assert_eq!(&text[dateline.span.unwrap()], "GENEVA, Aug 4 (Alpine Wire):");
    }

    #[test]
    fn chrome_lines_are_dropped() {
        let scraped = "Home\nNews\nSport\nWeather\nShare on Facebook\nShare on Twitter\n\
            By Maria Costa\nPublished: 12 May 2021\n\
            The new bridge opened to traffic on Wednesday, two years later than planned and well over its budget.\n\
            Engineers said that the delays were caused by problems with the foundations on the northern bank.\n\
            It cost more.\n\
            The city council will now debate how the old bridge should be used, and whether it should close.\n\
            Related articles\nCouncil approves new budget\nMayor opens library\n\
            We use cookies to give you the best experience on our website.\n\
            © 2021 City Daily. All rights reserved.\n";
        let (text, meta) = extract(scraped, &Options::default());
        assert!(text.contains("The new bridge opened"));
        assert!(text.contains("It cost more."), "{text}");
        assert!(text.contains("whether it should close."));
        for dropped in ["Home", "Share on", "Related", "Council approves", "cookies", "All rights"] {
            assert!(!text.contains(dropped), "kept {dropped:?}: {text}");
        }
        assert_eq!(meta.date.map(|d| d.iso), Some("2021-05-12".to_owned()));
        assert_eq!(meta.author.map(|a| a.value), Some("Maria Costa".to_owned()));
    }

    #[test]
    fn lines_are_trimmed_and_remember_blank_lines_before_them() {
        let got: Vec<(&str, bool)> = lines(" a \r\n\r\nb\n  \nc\r\nd").iter().map(|l| (l.text, l.after_blank)).collect();
        assert_eq!(got, [("a", false), ("b", true), ("c", true), ("d", false)]);
        assert!(lines("").is_empty() && lines("\n \n").is_empty());
    }

    #[test]
    fn visible_and_link_characters_are_those_of_the_words() {
        for line in [
            "See www.example.com/news or mail desk@example.org today.",
            "tab\tvertical\u{b}tab, no\u{a0}break space, and ideographic\u{3000}space: “done”…",
            "Read https://example.net/a.html, then http://x.example.com",
        ] {
            let words = line.split_whitespace();
            let chars: usize = words.clone().map(|w| w.chars().count()).sum();
            let links: usize = words.filter(|w| signals::is_link_like(w)).map(|w| w.chars().count()).sum();
            let f = line_features(line);
            assert_eq!(f.chars, chars, "{line}");
            assert!((f.link_density - links as f32 / chars as f32).abs() < 1e-6, "{line}");
        }
    }

    #[test]
    fn best_run_finds_the_dense_middle() {
        assert_eq!(best_run(&[-5.0, 3.0, 4.0, -1.0, 5.0, -20.0, 2.0]), Some(1..5));
        assert_eq!(best_run(&[-1.0, -2.0]), None);
    }

    #[test]
    fn embedded_post_credits_stay_with_the_article() {
        let scraped = "Home\nNews\n\
            The storm closed the coastal road on Monday night, and crews were still clearing fallen trees on Tuesday morning.\n\
            Residents posted pictures of the damage as the wind dropped and the rain eased over the town.\n\
            The pier is gone. Just gone. pic.example.com/abc123\n\
            — Lena Park (@lenapark) March 4, 2024\n\
            The council said that the road would reopen by the weekend if the weather allowed the work to continue.\n\
            Related articles\nCouncil approves new budget\n";
        let (text, _) = extract(scraped, &Options::default());
        assert!(text.contains("— Lena Park (@lenapark) March 4, 2024"), "{text}");
        assert!(text.contains("reopen by the weekend"), "{text}");
        assert!(!text.contains("Council approves"), "{text}");
        assert!(is_post_attribution("– Someone (@some_one) 2 May 2020"));
        assert!(!is_post_attribution("Follow us (@example) on every network"));
    }

    #[test]
    fn a_comment_thread_after_the_article_is_cut() {
        let comment = "I have lived by this river for forty years and I have never seen the water this low, which worries me a great deal.";
        let scraped = format!(
            "The river fell to its lowest level in a century on Sunday, the water agency said, and barges were told to carry half loads.\n\
             Shippers said that the restrictions would raise the price of grain and coal along the whole length of the river.\n\
             The agency expects the level to recover only after heavy rain in the mountains, which is not forecast this month.\n\
             Comments from our readers\n\
             On May 3, 2024, at 10:07 PM, riverwatcher wrote:\n{comment}\n\
             On May 3, 2024, at 11:15 PM, bargeman_joe wrote:\n{comment} I agree with every word.\n\
             On May 4, 2024, at 8:02 AM, grainbuyer wrote:\n{comment} Prices are already up.\n"
        );
        let (text, _) = extract(&scraped, &Options::default());
        assert!(text.contains("not forecast this month."), "{text}");
        assert!(!text.contains("forty years"), "{text}");
        assert!(!text.contains("wrote:"), "{text}");
    }
}
