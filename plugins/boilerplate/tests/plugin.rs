//! The `boilerplate` transform through the plugin ABI: golden pages and
//! texts written for these tests, metadata records, settings, hostile
//! inputs, and the project's seed article when `../shared` is present.

use gleaner_plugin_boilerplate::Boilerplate;
use gleaner_sdk::testing::{transform, Doc, Record};
use proptest::prelude::*;

const PAGE: &str = r##"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rail strike halts trains across the north | The Example Post</title>
<meta property="og:title" content="Rail strike halts trains across the north">
<meta name="author" content="Tomas Berg">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rail strike halts trains across the north","datePublished":"2024-03-12T06:30:00+01:00"}</script>
<style>.x{color:red}</style></head>
<body>
<header class="site-header"><a href="/">The Example Post</a>
 <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/transport">Transport</a></div>
<div id="cookie-consent"><p>We use cookies to give you the best experience on our website. By continuing to use the site you agree.</p><button>Accept</button></div>
<main><article>
 <h1>Rail strike halts trains across the north</h1>
 <div class="byline">By Tomas Berg</div>
 <div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on Twitter</a><a href="#">Email</a></div>
 <div class="article-body">
  <p>TROMSØ, March 12 (Nordic Wire): Train drivers walked out at dawn on Tuesday, halting almost every service across the north of the country for the first time in a decade.</p>
  <p>The union said that the strike would last for two days unless the operator agreed to reopen talks on pay, and that further action had not been ruled out.</p>
  <figure><img src="a.jpg"><figcaption>A closed platform on Tuesday morning. Photo: Example Agency</figcaption></figure>
  <p>Stations were quiet.</p>
  <h2>Commuters stranded</h2>
  <p>Thousands of commuters who depend on the line were left looking for buses, and the regional council said it had added forty coaches to the morning routes.</p>
  <blockquote>We did not take this decision lightly, but our members have waited too long for an answer.</blockquote>
  <p>The operator said in a statement that it regretted the disruption and that it was ready to meet the union later in the week.</p>
  <div class="related-articles"><h3>Related</h3><ul>
   <li><a href="/a">Union votes for action over pay</a></li>
   <li><a href="/b">Operator posts record profit as fares rise again</a></li></ul></div>
  <p>Services are expected to return to normal on Thursday, the operator added.</p>
 </div>
 <div class="newsletter-signup"><h3>Sign up for our morning newsletter</h3><p>Get the day's news in your inbox every morning, free of charge.</p><input type="email"></div>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ol>
 <li><a href="/1">Storm warning issued for the west coast as winds pick up</a></li>
 <li><a href="/2">Council approves the budget for the new swimming hall</a></li></ol></aside>
<section class="comments"><h3>4 comments</h3>
 <div class="comment"><p>This is the third strike this year and nobody in government seems to care about the people who live up here and need the trains.</p></div>
 <form><p>Leave a Reply</p><textarea></textarea><button>Post comment</button></form></section>
<footer class="site-footer"><p>© 2024 The Example Post. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
<script>var tracking = "Train drivers walked out";</script>
</body></html>"##;

const ARTICLE_SENTENCES: &[&str] = &[
    "Train drivers walked out at dawn on Tuesday",
    "The union said that the strike would last for two days",
    "Stations were quiet.",
    "Commuters stranded",
    "Thousands of commuters who depend on the line",
    "We did not take this decision lightly",
    "The operator said in a statement",
    "Services are expected to return to normal on Thursday",
];

const CHROME: &[&str] = &[
    "Sport",
    "Transport",
    "We use cookies",
    "Accept",
    "Share on",
    "By Tomas Berg",
    "A closed platform",
    "Union votes for action",
    "morning newsletter",
    "inbox",
    "Most read",
    "Storm warning",
    "third strike this year",
    "Leave a Reply",
    "All rights reserved",
    "Privacy policy",
    "tracking",
    ".x{color",
];

fn record<'r>(records: &'r [Record], kind: &str) -> &'r Record {
    records.iter().find(|r| r.kind == kind).unwrap_or_else(|| panic!("no {kind} record in {records:?}"))
}

fn assert_spans_inside(text: &str, records: &[Record]) {
    for r in records {
        assert!(r.start <= r.end && r.end <= text.len(), "{r:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?} splits a character");
    }
}

#[test]
fn golden_page_keeps_the_article_and_drops_the_chrome() {
    let (text, records) = transform::<Boilerplate>(&[], &Doc::html(PAGE)).unwrap();
    assert!(text.starts_with("Rail strike halts trains across the north\n\nTROMSØ, March 12 (Nordic Wire): Train drivers"), "{text}");
    for sentence in ARTICLE_SENTENCES {
        assert!(text.contains(sentence), "lost {sentence:?}:\n{text}");
    }
    for chrome in CHROME {
        assert!(!text.contains(chrome), "kept {chrome:?}:\n{text}");
    }
    // Reading order, paragraphs separated by blank lines.
    let positions: Vec<usize> = ARTICLE_SENTENCES.iter().map(|s| text.find(s).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(text.contains("quiet.\n\nCommuters stranded\n\nThousands"), "{text}");
    assert_eq!(text.matches("Rail strike halts trains").count(), 1, "headline once: {text}");
    assert_spans_inside(&text, &records);
}

#[test]
fn golden_page_metadata_records() {
    let (text, records) = transform::<Boilerplate>(&[], &Doc::html(PAGE)).unwrap();
    let title = record(&records, "title");
    assert_eq!(title.span(&text), "Rail strike halts trains across the north");
    let date = record(&records, "date");
    assert_eq!(date.str("value"), Some("2024-03-12"));
    assert_eq!((date.start, date.end), (0, 0), "the date is not in the text: zero-length record");
    let author = record(&records, "author");
    assert_eq!(author.str("value"), Some("Tomas Berg"));
    let dateline = record(&records, "dateline");
    assert_eq!(dateline.span(&text), "TROMSØ, March 12 (Nordic Wire):");
    assert_eq!(dateline.str("place"), Some("TROMSØ"));
    assert_eq!(dateline.str("date"), Some("March 12"));
    assert_eq!(dateline.str("agency"), Some("Nordic Wire"));
}

#[test]
fn settings_drop_title_and_dateline() {
    let settings = [("keep_title", "false"), ("keep_dateline", "false")];
    let (text, records) = transform::<Boilerplate>(&settings, &Doc::html(PAGE)).unwrap();
    assert!(text.starts_with("Train drivers walked out at dawn"), "{text}");
    let title = record(&records, "title");
    assert_eq!((title.start, title.end), (0, 0));
    assert_eq!(title.str("value"), Some("Rail strike halts trains across the north"));
    let dateline = record(&records, "dateline");
    assert_eq!((dateline.start, dateline.end), (0, 0));
    assert_eq!(dateline.str("place"), Some("TROMSØ"));
}

#[test]
fn favor_setting_is_checked_and_orders_output_size() {
    assert!(transform::<Boilerplate>(&[("favor", "greedy")], &Doc::html(PAGE)).is_err());
    let len = |favor: &str| transform::<Boilerplate>(&[("favor", favor)], &Doc::html(PAGE)).unwrap().0.len();
    assert!(len("precision") <= len("balanced") && len("balanced") <= len("recall"));
}

/// Plain text as a scraper stores it, ending with a comment form.
const SCRAPED: &str = "Harbour cranes idle as dock workers strike\n\n\
    PORTO, May 2 (Coast Wire): Dock workers stopped work on Thursday in a dispute over night shifts, leaving three container ships waiting outside the harbour.\n\n\
    The port authority said that perishable cargo would be unloaded by managers and that no food shortages were expected.\n\n\
    Talks resume on Monday.\n\n\
    A spokesman for the workers said they were ready to return as soon as the shift plan was withdrawn, but not before.\n\n\
    Please enter your comment!\n\
    Please enter your name here\n";

#[test]
fn scraped_text_loses_only_its_comment_form() {
    let (text, records) = transform::<Boilerplate>(&[], &Doc::text(SCRAPED)).unwrap();
    let input: Vec<&str> = SCRAPED.lines().filter(|l| !l.trim().is_empty()).collect();
    let output: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(output, input[..input.len() - 2], "{text}");
    assert_eq!(record(&records, "title").span(&text), "Harbour cranes idle as dock workers strike");
    let dateline = record(&records, "dateline");
    assert_eq!(dateline.span(&text), "PORTO, May 2 (Coast Wire):");
    assert_eq!(dateline.str("agency"), Some("Coast Wire"));
    assert_spans_inside(&text, &records);
}

#[test]
fn scraped_text_drops_each_kind_of_boilerplate() {
    let scraped = "Home > News > Science\n\
        Share on Facebook\nFollow us on Twitter\n\
        Astronomers find a second ring around the dwarf planet\n\
        Astronomers have found a second ring around a dwarf planet in the outer solar system, a discovery that surprised the team.\n\
        The ring lies far outside the distance at which the planet's gravity should pull loose material together into a moon.\n\
        Nobody expected it.\n\
        The team now plans to watch the ring during the next stellar occultation, which is due in the spring of next year.\n\
        Photo: Observatory press office\n\
        Read more: How rings form around small worlds\n\
        Related stories\nTelescope spots icy moon\nComet passes close to Earth\n\
        Sign up for our weekly science newsletter\n\
        Get the app for iPhone and Android\n\
        This site uses cookies. By continuing to browse you agree to our use of cookies.\n\
        Copyright 2024 Example Science Daily. All rights reserved.\n";
    let (text, _) = transform::<Boilerplate>(&[], &Doc::text(scraped)).unwrap();
    for kept in ["a second ring around a dwarf planet", "should pull loose material", "Nobody expected it.", "next stellar occultation"] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    for dropped in [
        "Home > News",
        "Share on",
        "Follow us",
        "Photo:",
        "Read more",
        "Related stories",
        "icy moon",
        "newsletter",
        "Get the app",
        "cookies",
        "All rights reserved",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?}:\n{text}");
    }
}

#[test]
fn html_sniffed_in_plain_text() {
    let (text, _) = transform::<Boilerplate>(&[], &Doc::text(PAGE)).unwrap();
    assert!(text.contains("Train drivers walked out") && !text.contains("<p>"), "{text}");
}

#[test]
fn hundred_thousand_nested_divs_do_not_overflow() {
    let page = format!(
        "<html><body>{}<p>The innermost paragraph is still found and kept as the article text of this page.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let (text, _) = transform::<Boilerplate>(&[], &Doc::html(&page)).unwrap();
    assert!(text.contains("innermost paragraph"), "{text}");
}

#[test]
fn pages_without_body_or_article_give_clean_results() {
    for page in ["", "<html>", "<title>Only a title here</title>", "<p>Short.</p>", "<html><body></body></html>", "\u{0}\u{1}<<<>>>&&&;"] {
        let (text, records) = transform::<Boilerplate>(&[], &Doc::html(page)).unwrap();
        assert_spans_inside(&text, &records);
    }
    let (text, _) = transform::<Boilerplate>(&[], &Doc::html("<p>Short.</p>")).unwrap();
    assert_eq!(text, "Short.");
}

#[test]
fn a_large_page_is_handled() {
    let paragraph = "<p>The committee heard evidence from farmers, traders and officials about the state of the harbour and the roads that lead to it.</p>";
    let page = format!("<html><body><nav><a href='/'>Home</a></nav><article>{}</article></body></html>", paragraph.repeat(12_000));
    assert!(page.len() > 1_500_000);
    let (text, _) = transform::<Boilerplate>(&[], &Doc::html(&page)).unwrap();
    assert_eq!(text.matches("The committee heard evidence").count(), 12_000);
    assert!(!text.contains("Home"));
}

#[test]
fn seed_article_loses_exactly_its_comment_form() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seed");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found, seed test skipped", dir.display());
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Ok(seed) = std::fs::read_to_string(&path) else { continue };
        let (text, _) = transform::<Boilerplate>(&[], &Doc::text(&seed)).unwrap();
        let input: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let output: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let dropped: Vec<&str> = input.iter().copied().filter(|l| !output.contains(l)).collect();
        assert_eq!(dropped, ["Please enter your comment!", "Please enter your name here"], "{}", path.display());
        assert_eq!(output.len(), input.len() - 2);
        checked += 1;
    }
    eprintln!("checked {checked} seed article(s)");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_valid_output(bytes in proptest::collection::vec(any::<u8>(), 0..2000), html in any::<bool>()) {
        let input = String::from_utf8_lossy(&bytes).into_owned();
        let doc = if html { Doc::html(&input) } else { Doc::text(&input) };
        let (text, records) = transform::<Boilerplate>(&[], &doc).unwrap();
        assert_spans_inside(&text, &records);
    }

    #[test]
    fn tag_soup_gives_valid_output(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<a href=x>"), Just("</a>"),
            Just("<li>"), Just("<table><tr><td>"), Just("<script>"), Just("</script>"), Just("<!--"), Just("-->"),
            Just("The minister said that the plan would go ahead. "), Just("Share"), Just("&amp; &nbsp; &#x41;"),
            Just("PARIS (Wire) — "), Just("<h1>Title of it all</h1>"), Just("<br>"), Just("\n\n"), Just("é漢字"),
        ],
        0..200,
    ), html in any::<bool>()) {
        let input: String = parts.concat();
        let doc = if html { Doc::html(&input) } else { Doc::text(&input) };
        let (text, records) = transform::<Boilerplate>(&[], &doc).unwrap();
        assert_spans_inside(&text, &records);
    }
}
