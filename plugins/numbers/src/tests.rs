//! Unit tests per category, false positives, year filling, the ABI path,
//! and a property test over arbitrary text. Every sentence here is written
//! for the tests.

use crate::{find, Found, Numbers};
use gleaner_sdk::testing::{extract, Doc};

/// (span, kind, value, unit) of every record.
fn records(text: &str, date: Option<&str>) -> Vec<(String, &'static str, String, String)> {
    find(text, date)
        .into_iter()
        .map(|f: Found| {
            (
                text[f.start..f.end].to_string(),
                f.kind.name(),
                f.value.unwrap_or_default(),
                f.unit.unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The single record of `text`: (span, kind, value, unit). The amount a
/// one-sided range bounds, given inside it, is not counted (see
/// `the_amount_a_bound_bounds_is_a_record_too`).
fn one(text: &str) -> (String, &'static str, String, String) {
    let found = find(text, None);
    let inside_range = |f: &Found| {
        found
            .iter()
            .any(|r| r.kind == crate::Kind::Range && r != f && r.start <= f.start && f.end <= r.end)
    };
    let r: Vec<_> = records(text, None)
        .into_iter()
        .zip(&found)
        .filter(|(_, f)| !inside_range(f))
        .map(|(r, _)| r)
        .collect();
    assert_eq!(r.len(), 1, "expected one record in {text:?}, got {r:?}");
    r.into_iter().next().unwrap()
}

fn check(text: &str, span: &str, kind: &str, value: &str, unit: &str) {
    let (s, k, v, u) = one(text);
    assert_eq!(
        (s.as_str(), k, v.as_str(), u.as_str()),
        (span, kind, value, unit),
        "in {text:?}"
    );
}

#[test]
fn cardinals() {
    check(
        "They counted 1,000 ballots.",
        "1,000",
        "cardinal",
        "1000",
        "",
    );
    check(
        "They counted 1\u{a0}000 ballots.",
        "1\u{a0}000",
        "cardinal",
        "1000",
        "",
    );
    check(
        "A population of 1 234 567 people.",
        "1 234 567",
        "cardinal",
        "1234567",
        "",
    );
    check(
        "The index lost 3.25 points.",
        "3.25",
        "cardinal",
        "3.25",
        "",
    );
    check("It stood at -12 overnight.", "-12", "cardinal", "-12", "");
    check("About 1/2 of the votes.", "1/2", "cardinal", "0.5", "");
    check("Roughly ½ of them left.", "½", "cardinal", "0.5", "");
    check(
        "Nearly three-quarters of voters agreed.",
        "three-quarters",
        "cardinal",
        "0.75",
        "",
    );
    check(
        "It has two hundred and five members.",
        "two hundred and five",
        "cardinal",
        "205",
        "",
    );
    check(
        "Some 1.5 million people fled.",
        "1.5 million",
        "cardinal",
        "1500000",
        "",
    );
    check("A dozen ships sailed.", "A dozen", "cardinal", "12", "");
    check(
        "Twenty-one trillion three hundred.",
        "Twenty-one trillion three hundred",
        "cardinal",
        "21000000000300",
        "",
    );
    check(
        "The club has 100k followers.",
        "100k",
        "cardinal",
        "100000",
        "",
    );
    check(
        "They raised 13 lakh in a week.",
        "13 lakh",
        "cardinal",
        "1300000",
        "",
    );
    check(
        "It had 3 crore subscribers.",
        "3 crore",
        "cardinal",
        "30000000",
        "",
    );
    check(
        "Two thirds of the members voted.",
        "Two thirds",
        "cardinal",
        "0.666666666666667",
        "",
    );
    check(
        "It grew to 1.1 million.",
        "1.1 million",
        "cardinal",
        "1100000",
        "",
    );
}

#[test]
fn digits_after_magnitude_words() {
    check(
        "They counted 2 thousand 4 hundred and 7 votes.",
        "2 thousand 4 hundred and 7",
        "cardinal",
        "2407",
        "",
    );
    // "and 0" adds nothing: two numbers.
    let r = records("We saw 3 hundred and 0 came back.", None);
    let spans: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert!(!spans.contains(&"3 hundred and 0"), "{r:?}");
    // A second number as big is not a part of the first.
    check(
        "Between 3 million and 4 million fans.",
        "Between 3 million and 4 million",
        "range",
        "[3000000,4000000)",
        "",
    );
    let r = records("It took one thousand and two thousand days.", None);
    assert_eq!(r.len(), 2, "{r:?}");
}

#[test]
fn more_than_half() {
    check(
        "More than half the staff quit.",
        "More than half",
        "range",
        "(0.5,)",
        "",
    );
    check(
        "Less than half voted.",
        "Less than half",
        "range",
        "(,0.5)",
        "",
    );
    check(
        "More than half people agreed.",
        "More than half",
        "range",
        "(0.5,)",
        "",
    );
    let r = records("In the second half the team scored 2 goals.", None);
    assert!(r.iter().all(|x| x.2 != "0.5"), "{r:?}");
}

#[test]
fn powers_with_a_caret() {
    check("A dose of 10^6 cells.", "10^6", "cardinal", "1000000", "");
    check(
        "The factor is 2.5^-1 here.",
        "2.5^-1",
        "cardinal",
        "0.4",
        "",
    );
    check("It is -2^2.", "-2^2", "cardinal", "-4", "");
    // Too large to be exact: no record rather than a wrong one.
    assert!(records("It is 99^99.", None).iter().all(|r| r.0 != "99"));
}

#[test]
fn spelled_fractions() {
    check(
        "five and three fifths",
        "five and three fifths",
        "cardinal",
        "5.6",
        "",
    );
    check(
        "It gained six and twenty-five hundredths.",
        "six and twenty-five hundredths",
        "cardinal",
        "6.25",
        "",
    );
    check(
        "Only three twenty-fifths of the seats changed.",
        "three twenty-fifths",
        "cardinal",
        "0.12",
        "",
    );
    // Read two ways: left out whole, not read in pieces.
    for text in [
        "The share is forty sixths.",
        "It was three hundred and twenty-five thousandths.",
        "It was one hundred one thousand sevenths.",
    ] {
        let r = records(text, None);
        assert!(r.is_empty(), "{text:?}: {r:?}");
    }
    check(
        "It was twenty-five hundred fifths.",
        "twenty-five hundred fifths",
        "cardinal",
        "500",
        "",
    );
    // "thirty seconds" is a time span, not a fraction.
    check(
        "They waited thirty seconds.",
        "thirty",
        "cardinal",
        "30",
        "",
    );
}

#[test]
fn ordinals() {
    check("She finished 1st in the race.", "1st", "ordinal", "1", "");
    check("It was the second attempt.", "second", "ordinal", "2", "");
    check(
        "He celebrated his 69th birthday.",
        "69th",
        "ordinal",
        "69",
        "",
    );
    check(
        "The twenty-first meeting began.",
        "twenty-first",
        "ordinal",
        "21",
        "",
    );
    // "second" as a unit of time is not an ordinal.
    assert!(records("The clip lasts 30 second intervals.", None)
        .iter()
        .all(|r| r.1 != "ordinal"));
    // A wrong suffix is not an ordinal.
    assert!(records("Code 2th was invalid.", None)
        .iter()
        .all(|r| r.1 != "ordinal"));
}

#[test]
fn percentages() {
    check("Sales rose 30 percent.", "30 percent", "percent", "30", "%");
    check("Sales rose 30%.", "30%", "percent", "30", "%");
    check(
        "Sales rose 30 per cent.",
        "30 per cent",
        "percent",
        "30",
        "%",
    );
    check(
        "Turnout fell 2.5 percentage points.",
        "2.5 percentage points",
        "percent",
        "2.5",
        "pp",
    );
    check("Prices rose 5pc last year.", "5pc", "percent", "5", "%");
    check(
        "The bank cut rates by 25 basis points.",
        "25 basis points",
        "quantity",
        "25",
        "bp",
    );
    check(
        "The bank held a 13.1 pct stake.",
        "13.1 pct",
        "percent",
        "13.1",
        "%",
    );
}

#[test]
fn money() {
    check(
        "Exports reached $147 billion.",
        "$147 billion",
        "money",
        "147000000000",
        "USD",
    );
    check("It costs US$5 a month.", "US$5", "money", "5", "USD");
    check(
        "A deal worth €3.2bn was signed.",
        "€3.2bn",
        "money",
        "3200000000",
        "EUR",
    );
    check(
        "The club paid £40m for him.",
        "£40m",
        "money",
        "40000000",
        "GBP",
    );
    check(
        "The state set aside Rs 500 crore.",
        "Rs 500 crore",
        "money",
        "5000000000",
        "INR",
    );
    check(
        "Output was worth 7.5 billion yuan.",
        "7.5 billion yuan",
        "money",
        "7500000000",
        "CNY",
    );
    check(
        "He paid 20 dollars for it.",
        "20 dollars",
        "money",
        "20",
        "USD",
    );
    check(
        "She found five pounds in the street.",
        "five pounds",
        "money",
        "5",
        "GBP",
    );
    check(
        "Shares cost HK$12.50 each.",
        "HK$12.50",
        "money",
        "12.5",
        "HKD",
    );
    check(
        "They sold it for 420 million Swiss francs.",
        "420 million Swiss francs",
        "money",
        "420000000",
        "CHF",
    );
    check(
        "The fine was 2 mln dlrs.",
        "2 mln dlrs",
        "money",
        "2000000",
        "USD",
    );
    // Crowns of an unnamed country: the currency is not known.
    check(
        "A loss of 875 mln crowns.",
        "875 mln crowns",
        "money",
        "875000000",
        "",
    );
    check(
        "It cost 15 dollars and 50 cents.",
        "15 dollars and 50 cents",
        "money",
        "15.5",
        "USD",
    );
    // Francs of an unnamed country: the currency is not known.
    check(
        "A bid of 300 francs a share.",
        "300 francs",
        "money",
        "300",
        "",
    );
}

#[test]
fn quantities() {
    check("The road is 10 km long.", "10 km", "quantity", "10", "km");
    check(
        "They shipped 3.5 tonnes of rice.",
        "3.5 tonnes",
        "quantity",
        "3.5",
        "t",
    );
    check(
        "Output rose by 100,000 barrels a day.",
        "100,000 barrels",
        "quantity",
        "100000",
        "bbl",
    );
    check(
        "Temperatures hit 25°C on Friday."
            .split(" on")
            .next()
            .unwrap(),
        "25°C",
        "quantity",
        "25",
        "°C",
    );
    check(
        "The wind reached 60 mph.",
        "60 mph",
        "quantity",
        "60",
        "mph",
    );
    check(
        "A 69-year-old man was arrested.",
        "69-year-old",
        "quantity",
        "69",
        "year",
    );
    check("He died aged 69.", "aged 69", "quantity", "69", "year");
    check(
        "The farm covers 200 hectares.",
        "200 hectares",
        "quantity",
        "200",
        "ha",
    );
    check(
        "She is 5 feet 2 inches tall.",
        "5 feet 2 inches",
        "quantity",
        "62",
        "in",
    );
    check(
        "Water froze at 2 degrees below zero.",
        "2 degrees below zero",
        "quantity",
        "-2",
        "°",
    );
    // A glued "m" before a word is ambiguous (metres or millions): left out.
    assert!(records("About 5m people watched.", None).is_empty());
    check(
        "Each tablet holds 400 µg.",
        "400 µg",
        "quantity",
        "400",
        "µg",
    );
    check("Each tablet holds 25μg.", "25μg", "quantity", "25", "µg");
    // Before a unit it can only be millions.
    check(
        "Exports reached 2.5m tonnes.",
        "2.5m tonnes",
        "quantity",
        "2500000",
        "t",
    );
}

#[test]
fn comparisons_with_symbols_and_equal_to() {
    check(
        "Readings <= -40 were discarded.",
        "<= -40",
        "range",
        "(,-40]",
        "",
    );
    check("Only bids >= -5 count.", ">= -5", "range", "[-5,)", "");
    // The end of a ticker is not "greater than".
    check("Texaco Inc <TX> 350 wells.", "350", "cardinal", "350", "");
    check(
        "A payout equal to 300 or more is taxed.",
        "equal to 300 or more",
        "range",
        "[300,)",
        "",
    );
    check(
        "Loans equal to or less than 900 are exempt.",
        "equal to or less than 900",
        "range",
        "(,900]",
        "",
    );
    // "equal to" before a plain amount is not a bound.
    check("A sum equal to 40 was paid.", "40", "cardinal", "40", "");
}

#[test]
fn ranges() {
    check(
        "Between 20 and 30 people came.",
        "Between 20 and 30",
        "range",
        "[20,30)",
        "",
    );
    check("Expect 20-30 cars.", "20-30", "range", "[20,30)", "");
    check(
        "Prices rose 20 to 30 percent last year."
            .replace("rose", "were")
            .as_str(),
        "20 to 30 percent",
        "range",
        "[20,30]",
        "%",
    );
    check(
        "It can carry up to 50 passengers.",
        "up to 50",
        "range",
        "(,50]",
        "",
    );
    check(
        "More than 100 people were hurt.",
        "More than 100",
        "range",
        "(100,)",
        "",
    );
    check("At least 3 ships sank.", "At least 3", "range", "[3,)", "");
    check(
        "It may cost $5 to $10 million.",
        "$5 to $10 million",
        "range",
        "[5000000,10000000]",
        "USD",
    );
    // A change is not an interval: two values.
    let r = records("Unemployment rose 32,000 to 1.41 million.", None);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|x| x.1 == "cardinal"));
    // A score is neither a range nor two numbers.
    assert!(records("They won 3-1 at home.", None).is_empty());
}

#[test]
fn interval_brackets_follow_what_is_counted() {
    // Bare numbers (Recognizers-Text): between two numbers is [a,b); the
    // bounds of comparatives are as the words say; no approximator.
    check(
        "Teams of 4 through 9 players.",
        "4 through 9",
        "range",
        "[4,9)",
        "",
    );
    check(
        "It holds from 12 to 40 seats.",
        "from 12 to 40",
        "range",
        "[12,40)",
        "",
    );
    check("Roughly 15~25 hens.", "15~25", "range", "[15,25)", "");
    check(
        "No fewer than 8 boats.",
        "No fewer than 8",
        "range",
        "[8,)",
        "",
    );
    check("At most 90 guests.", "At most 90", "range", "(,90]", "");
    check("Bring 6 or more.", "6 or more", "range", "[6,)", "");
    // Money and quantities (Duckling): between two amounts is closed, a
    // one-sided bound is open.
    check(
        "Tickets cost 15-25 euros.",
        "15-25 euros",
        "range",
        "[15,25]",
        "EUR",
    );
    check(
        "A fee of at least $3 applies.",
        "at least $3",
        "range",
        "(3,)",
        "USD",
    );
    check(
        "Carry at most 8 litres each.",
        "at most 8 litres",
        "range",
        "(,8)",
        "l",
    );
    check(
        "Pay no more than 40 pounds.",
        "no more than 40 pounds",
        "range",
        "(,40)",
        "GBP",
    );
    check(
        "It takes 12 litres or more.",
        "12 litres or more",
        "range",
        "(12,)",
        "l",
    );
    // Percentages: as written.
    check(
        "A cut of at least 5% is due.",
        "at least 5%",
        "range",
        "[5,)",
        "%",
    );
    check("Rates of 2-3% are usual.", "2-3%", "range", "[2,3]", "%");
}

#[test]
fn proportions_with_out_of() {
    check(
        "Four out of five dentists agree.",
        "Four out of five",
        "cardinal",
        "0.8",
        "",
    );
    check(
        "Only 3 out of every 12 passed.",
        "3 out of every 12",
        "cardinal",
        "0.25",
        "",
    );
    // Not when the second number is an amount, or smaller than the first.
    let r = records("He ran 2 out of 5 km.", None);
    assert!(r.iter().any(|x| x.0 == "5 km"), "{r:?}");
    assert_eq!(records("They won 7 out of 3.", None).len(), 2);
}

#[test]
fn digits_said_one_by_one_are_separate_numbers() {
    let r = records("The code was five-nought-two.", None);
    let values: Vec<&str> = r.iter().map(|x| x.2.as_str()).collect();
    assert_eq!(values, ["5", "0", "2"], "{r:?}");
    // Two words are still a range.
    check("Wait two-three days.", "two-three", "range", "[2,3)", "");
}

#[test]
fn the_amount_a_bound_bounds_is_a_record_too() {
    let r = records("Sales topped more than $5 million.", None);
    assert_eq!(
        r,
        [
            (
                "more than $5 million".into(),
                "range",
                "(5000000,)".into(),
                "USD".into()
            ),
            ("$5 million".into(), "money", "5000000".into(), "USD".into()),
        ]
    );
    let r = records("Pack 3 litres or more.", None);
    assert_eq!(
        r[1],
        ("3 litres".into(), "quantity", "3".into(), "l".into()),
        "{r:?}"
    );
    let r = records("Up to 40 percent were lost.", None);
    assert_eq!(
        r[1],
        ("40 percent".into(), "percent", "40".into(), "%".into()),
        "{r:?}"
    );
    // Not for bare numbers, nor between two amounts.
    assert_eq!(records("More than 100 came.", None).len(), 1);
    assert_eq!(records("It costs $5-10 each.", None).len(), 1);
}

#[test]
fn scales_named_in_a_conversion_have_no_value() {
    let r = records("Turn 350 fahrenheit into celsius, please.", None);
    assert_eq!(
        r,
        [
            (
                "350 fahrenheit".into(),
                "quantity",
                "350".into(),
                "°F".into()
            ),
            ("celsius".into(), "quantity", "".into(), "°C".into()),
        ]
    );
    check(
        "How much fahrenheit is it?",
        "fahrenheit",
        "quantity",
        "",
        "°F",
    );
    check(
        "Go from degrees celsius to kelvin.",
        "degrees celsius",
        "quantity",
        "",
        "°C",
    );
    // Not outside a conversion, nor in a title.
    assert!(records("The Celsius scale is metric.", None).is_empty());
    assert!(records("He read Fahrenheit 451 to them.", None)
        .iter()
        .all(|x| x.3 != "°F"));
}

#[test]
fn speeds_are_a_length_per_a_time() {
    check(
        "Winds of 40 metres per minute.",
        "40 metres per minute",
        "quantity",
        "40",
        "m/min",
    );
    check("A 3 cm/ms pulse.", "3 cm/ms", "quantity", "3", "cm/ms");
    check("It moved at 12m/s.", "12m/s", "quantity", "12", "m/s");
    check(
        "It flew at 300 km/h.",
        "300 km/h",
        "quantity",
        "300",
        "km/h",
    );
    // A volume per day is a volume: the rate is not in the span.
    check(
        "Output of 500 barrels per day.",
        "500 barrels",
        "quantity",
        "500",
        "bbl",
    );
}

#[test]
fn percent_of_a_number_closing_the_phrase() {
    check(
        "Give it percent of 15.",
        "percent of 15",
        "percent",
        "15",
        "%",
    );
    check(
        "Try percents of eight",
        "percents of eight",
        "percent",
        "8",
        "%",
    );
    // Not after a number, nor before a noun.
    let r = records("Take 5 percent of 20.", None);
    assert_eq!(
        r[0],
        ("5 percent".into(), "percent", "5".into(), "%".into()),
        "{r:?}"
    );
    assert!(records("The percent of 30 pupils rose.", None)
        .iter()
        .all(|x| x.1 != "percent"));
}

#[test]
fn dollar_sign_after_the_amount() {
    let r = records("Tips: 10 $ 30 $ each.", None);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0], ("10 $".into(), "money", "10".into(), "USD".into()));
    check(
        "It is 4 $ 25 cents.",
        "4 $ 25 cents",
        "money",
        "4.25",
        "USD",
    );
    // A "$" before a number stays its prefix.
    let r = records("Up 10 $ 30 million.", None);
    assert_eq!(
        r[1],
        (
            "$ 30 million".into(),
            "money",
            "30000000".into(),
            "USD".into()
        )
    );
}

#[test]
fn ringgits_before_the_amount() {
    check(
        "Pay ringgits 300 now.",
        "ringgits 300",
        "money",
        "300",
        "MYR",
    );
    check(
        "Pay Malaysian ringgit 5 million.",
        "Malaysian ringgit 5 million",
        "money",
        "5000000",
        "MYR",
    );
    assert!(records("The Malaysian ringgit fell.", None).is_empty());
}

#[test]
fn more_units() {
    check(
        "A zone of 200 nautical miles.",
        "200 nautical miles",
        "quantity",
        "200",
        "nmi",
    );
    check(
        "A star 4.2 light-years away.",
        "4.2 light-years",
        "quantity",
        "4.2",
        "ly",
    );
    check("A 60 watts bulb.", "60 watts", "quantity", "60", "W");
    check(
        "Chips of 7 nanometres.",
        "7 nanometres",
        "quantity",
        "7",
        "nm",
    );
    check(
        "A yield of 15 kilotons.",
        "15 kilotons",
        "quantity",
        "15",
        "kt",
    );
    check("It runs at 2.4 GHz.", "2.4 GHz", "quantity", "2.4", "GHz");
    check("Buy 5 light bulbs.", "5", "cardinal", "5", "");
}

#[test]
fn oil_and_grain_units() {
    check(
        "Output is 1.2 mln bpd.",
        "1.2 mln bpd",
        "quantity",
        "1200000",
        "bbl/d",
    );
    check(
        "A crop of 6.9 billion bushels.",
        "6.9 billion bushels",
        "quantity",
        "6900000000",
        "bu",
    );
}

#[test]
fn more_currency_names() {
    check(
        "Losses of 287 mln bolivars.",
        "287 mln bolivars",
        "money",
        "287000000",
        "VES",
    );
    check("A meal costs 40 soles.", "40 soles", "money", "40", "PEN");
    check(
        "It cost 9,000 kyats.",
        "9,000 kyats",
        "money",
        "9000",
        "MMK",
    );
}

#[test]
fn numbers_split_around_their_point_are_left_out() {
    // Text tokenized word by word ("1 . 85") gives no wrong values.
    assert!(records("The dollar ended at 1 . 8500 marks , up 0 . 95 .", None).is_empty());
    assert!(records("It costs $ 2 . 50 each .", None).is_empty());
    // A full stop, then a number: both are read.
    assert_eq!(records("It ended in 1987. 8500 came.", None).len(), 2);
}

#[test]
fn marks_are_money_but_not_after_a_year() {
    check("It paid 12 marks a share.", "12 marks", "money", "12", "");
    check(
        "They lent 90 mln West German marks.",
        "90 mln West German marks",
        "money",
        "90000000",
        "DEM",
    );
    check(
        "The year 1989 marks a turning point.",
        "1989",
        "date",
        "1989",
        "",
    );
    check(
        "The index passed the 3,000 mark.",
        "3,000",
        "cardinal",
        "3000",
        "",
    );
}

#[test]
fn more_currency_signs() {
    check(
        "A room is ฿1,200 a night.",
        "฿1,200",
        "money",
        "1200",
        "THB",
    );
    check("Fares rose to 450 ₸.", "450 ₸", "money", "450", "KZT");
    check("It sold for ₵ 80.", "₵ 80", "money", "80", "GHS");
}

#[test]
fn egyptian_pounds_by_their_abbreviation() {
    check("A ticket is 35 LE.", "35 LE", "money", "35", "EGP");
    check(
        "A ticket is 35 L.E at the gate.",
        "35 L.E",
        "money",
        "35",
        "EGP",
    );
    check("A ticket is 35 le.", "35 le", "money", "35", "EGP");
}

#[test]
fn equal_to_as_one_of_two_conditions() {
    let r = records("Scores equal to 70 or above 90 pass.", None);
    assert_eq!(
        r[0],
        ("equal to 70".into(), "range", "[70,70]".into(), "".into()),
        "{r:?}"
    );
    let r = records("Sizes under 4 or equal to 9 fit.", None);
    assert_eq!(
        r[1],
        ("equal to 9".into(), "range", "[9,9]".into(), "".into()),
        "{r:?}"
    );
}

#[test]
fn weights_and_cups_take_the_thing_measured() {
    check(
        "She bought 750 grams of cherries.",
        "750 grams of cherries",
        "quantity",
        "750",
        "g",
    );
    check(
        "Add 2 cups of rice.",
        "2 cups of rice",
        "quantity",
        "2",
        "cup",
    );
    check(
        "They seized 40 lbs of cocaine.",
        "40 lbs of cocaine",
        "quantity",
        "40",
        "lb",
    );
    check(
        "Use 3 oz of butter, softened.",
        "3 oz of butter",
        "quantity",
        "3",
        "oz",
    );
    check(
        "Between 200 and 300 g of oats.",
        "Between 200 and 300 g of oats",
        "range",
        "[200,300]",
        "g",
    );
    check(
        "Less than four pounds of pork.",
        "Less than four pounds of pork",
        "range",
        "(,4)",
        "lb",
    );
    check(
        "Stir in a cup of milk.",
        "a cup of milk",
        "quantity",
        "1",
        "cup",
    );
    check(
        "He sold an ounce of gold.",
        "an ounce of gold",
        "quantity",
        "1",
        "oz",
    );
    assert!(records("They reached a cup final.", None).is_empty());
    // Not a pronoun, an article, a longer noun phrase, or another unit.
    check(
        "He ate 300 grams of them.",
        "300 grams",
        "quantity",
        "300",
        "g",
    );
    check("Take 5 g of the powder.", "5 g", "quantity", "5", "g");
    check("Buy 2 lbs of ground beef.", "2 lbs", "quantity", "2", "lb");
    check("It runs 20 km of track.", "20 km", "quantity", "20", "km");
}

#[test]
fn metric_masses_are_in_grams() {
    check(
        "The parcel weighs 1.5 kg.",
        "1.5 kg",
        "quantity",
        "1500",
        "g",
    );
    check(
        "Take 250 milligrams daily.",
        "250 milligrams",
        "quantity",
        "0.25",
        "g",
    );
    check("A 2-kilogram bag.", "2-kilogram", "quantity", "2000", "g");
    check(
        "It weighs 3 to 4 kg.",
        "3 to 4 kg",
        "range",
        "[3000,4000]",
        "g",
    );
    // Other masses stay as written.
    check("A 5 tonne load.", "5 tonne", "quantity", "5", "t");
    check(
        "Dose: 120 micrograms.",
        "120 micrograms",
        "quantity",
        "120",
        "µg",
    );
}

#[test]
fn spans_and_readings_in_context() {
    check(
        "Expect around 10-20 dollars.",
        "around 10-20 dollars",
        "range",
        "[10,20]",
        "USD",
    );
    check("The screen is 13\" wide.", "13\"", "quantity", "13", "in");
    check("A rod 30 \" long.", "30 \"", "quantity", "30", "in");
    check("He said \"7\" long ago.", "7", "cardinal", "7", "");
    check("Pay within five (5) days.", "five (5)", "cardinal", "5", "");
    // A rate: "a pound" is not an amount.
    check(
        "Cocoa fell to 94 cents a pound.",
        "94 cents",
        "money",
        "94",
        "USX",
    );
    // Quarters as periods are not fractions.
    check(
        "Growth slowed for two quarters.",
        "two",
        "cardinal",
        "2",
        "",
    );
    check(
        "They built it in 2002-2006.",
        "2002-2006",
        "date",
        "2002/2006",
        "",
    );
    check(
        "Sales will be a third higher.",
        "a third",
        "cardinal",
        "0.333333333333333",
        "",
    );
    assert!(records("São Paulo is written S&#227;o Paulo.", None).is_empty());
    // Slashes that are not common fractions, and closing quotes.
    assert!(records("Open 24/7 since 9/11.", None).is_empty());
    check(
        "The 2005/06 season ended.",
        "2005/06",
        "date",
        "2005/2006",
        "",
    );
    check(
        "He said \"it will rise toward 13,000\".",
        "13,000",
        "cardinal",
        "13000",
        "",
    );
    // Thirty fifths: 30/5 or 1/35? Left out.
    assert!(records("It came to thirty fifths.", None)
        .iter()
        .all(|r| r.1 != "cardinal" || r.2 != "6"));
}

#[test]
fn dates() {
    check(
        "Talks resumed on February 24.",
        "February 24",
        "date",
        "XXXX-02-24",
        "",
    );
    check(
        "The law passed on 24 Feb 2022.",
        "24 Feb 2022",
        "date",
        "2022-02-24",
        "",
    );
    check("They met on June 16.", "June 16", "date", "XXXX-06-16", "");
    check("Trade grew in 2019.", "2019", "date", "2019", "");
    check("The band formed in the 1990s.", "1990s", "date", "199X", "");
    check(
        "The report is due in March 2021.",
        "March 2021",
        "date",
        "2021-03",
        "",
    );
    check(
        "It was signed on Monday, January 12th, 2016.",
        "Monday, January 12th, 2016",
        "date",
        "2016-01-12",
        "",
    );
    check(
        "The deadline is 2015-08-12.",
        "2015-08-12",
        "date",
        "2015-08-12",
        "",
    );
    check(
        "Shipments for April 1-15 were sold.",
        "April 1-15",
        "date",
        "XXXX-04-01/XXXX-04-15",
        "",
    );
    // A four-digit count before a plural noun is not a year.
    check(
        "Some 2000 workers went on strike.",
        "2000",
        "cardinal",
        "2000",
        "",
    );
    check("About 2000 people marched.", "2000", "cardinal", "2000", "");
}

#[test]
fn days_by_their_ordinal_after_a_preposition() {
    check(
        "Bids are due by the 15th.",
        "the 15th",
        "date",
        "XXXX-XX-15",
        "",
    );
    check(
        "The vote was set for the 21st, officials said.",
        "the 21st",
        "date",
        "XXXX-XX-21",
        "",
    );
    // A spelled ordinal after "for the" is mostly a quarter or a round.
    check(
        "Profit was lower for the fourth.",
        "fourth",
        "ordinal",
        "4",
        "",
    );
    // A compound ordinal after "on" closing the phrase.
    check(
        "We meet on twenty-third.",
        "twenty-third",
        "date",
        "XXXX-XX-23",
        "",
    );
    // Without the suffix too, when the day closes the phrase.
    check("We fly home on the 9.", "the 9", "date", "XXXX-XX-09", "");
    check("He stays until the 30!", "the 30", "date", "XXXX-XX-30", "");
    // Not a day: a noun follows.
    check("He won for the 3rd time.", "3rd", "ordinal", "3", "");
    check("Seats for the 12 finalists.", "12", "cardinal", "12", "");
    assert!(records("Wait for the 45.", None)
        .iter()
        .all(|r| r.1 != "date"));
}

#[test]
fn nth_weekday_of_a_month() {
    check(
        "Meet on the second Monday of next month.",
        "the second Monday of next month",
        "date",
        "XXXX-WXX-1",
        "",
    );
    check(
        "Vote the first Tuesday in November.",
        "the first Tuesday in November",
        "date",
        "XXXX-WXX-2",
        "",
    );
    check(
        "Every third Friday it rains.",
        "third Friday",
        "date",
        "XXXX-WXX-5",
        "",
    );
}

#[test]
fn weekday_with_its_date_in_brackets() {
    check(
        "Come on Tuesday (March 3) at noon.",
        "Tuesday (March 3)",
        "date",
        "XXXX-03-03",
        "",
    );
    check(
        "See you this sunday(oct-4).",
        "this sunday(oct-4)",
        "date",
        "XXXX-10-04",
        "",
    );
}

#[test]
fn month_and_day_with_a_slash_after_on() {
    check("The vote is on 4/22.", "4/22", "date", "XXXX-04-22", "");
    check(
        "It opens on 22/4, then closes.",
        "22/4",
        "date",
        "XXXX-04-22",
        "",
    );
    // Either order is possible: no reading.
    assert!(records("It opens on 4/5.", None)
        .iter()
        .all(|r| r.1 != "date"));
    assert!(records("Staff are on 24/7 call.", None)
        .iter()
        .all(|r| r.1 != "date"));
    // A zero-padded part makes a date without "on".
    check(
        "Filed 19/03 by the clerk.",
        "19/03",
        "date",
        "XXXX-03-19",
        "",
    );
    check(
        "Due 09/30 at the latest.",
        "09/30",
        "date",
        "XXXX-09-30",
        "",
    );
    assert!(records("Filed 03/04 by the clerk.", None)
        .iter()
        .all(|r| r.1 != "date"));
    // A year after a comma.
    check(
        "Signed 10/27,2015 in Ohio.",
        "10/27,2015",
        "date",
        "2015-10-27",
        "",
    );
}

#[test]
fn years_in_words_after_a_day() {
    check(
        "The treaty dates from July 4, nineteen eighty-six.",
        "July 4, nineteen eighty-six",
        "date",
        "1986-07-04",
        "",
    );
    check(
        "It opened on March the third nineteen oh five.",
        "March the third nineteen oh five",
        "date",
        "1905-03-03",
        "",
    );
    check(
        "The fifth of May, two thousand and two.",
        "fifth of May, two thousand and two",
        "date",
        "2002-05-05",
        "",
    );
    // A count after the date is not its year.
    let r = records("On May 5, two thousand people marched.", None);
    assert_eq!(r[0].0, "May 5", "{r:?}");
    assert!(r.iter().all(|x| x.2 != "2000-05-05"), "{r:?}");
}

#[test]
fn year_filling_from_the_document_date() {
    let r = records(
        "The ceasefire began on December 30 and talks resume on January 9.",
        Some("2023-01-05"),
    );
    let values: Vec<&str> = r.iter().map(|x| x.2.as_str()).collect();
    assert_eq!(values, ["2022-12-30", "2023-01-09"]);
    let r = records(
        "He left yesterday and returns two days after tomorrow.",
        Some("2024-03-01"),
    );
    let values: Vec<&str> = r.iter().map(|x| x.2.as_str()).collect();
    assert_eq!(values, ["2024-02-29", "2024-03-04"]);
    let r = records("The plant closed three years ago.", Some("2024-03-01"));
    assert_eq!(r[0].2, "2021");
    // Without a document date, a relative date has no value.
    assert_eq!(records("He left yesterday.", None)[0].2, "");
    // Counted from a moment of the story: a date, never a value.
    let r = records(
        "The dam broke; two days later the town flooded.",
        Some("2024-03-01"),
    );
    assert_eq!(
        r,
        [(
            "two days later".to_string(),
            "date",
            String::new(),
            String::new()
        )]
    );
    let r = records("A year earlier the mine had closed.", None);
    assert_eq!(
        r,
        [(
            "A year earlier".to_string(),
            "date",
            String::new(),
            String::new()
        )]
    );
    let r = records("She resigned the following week.", Some("2024-03-01"));
    assert_eq!(
        r,
        [(
            "the following week".to_string(),
            "date",
            String::new(),
            String::new()
        )]
    );
}

#[test]
fn names_codes_and_other_non_numbers() {
    for text in [
        "The G7 met in Rome.",
        "COVID-19 spread fast.",
        "A Boeing 737 landed.",
        "Two F-16 jets flew over.",
        "Under Article 5 of the treaty.",
        "Call +1-222-555-0199 today",
        "See https://example.com/2019/05/report-30 for details",
        "Update to version 1.2.3 now.",
        "The router is at 192.168.1.2 now.",
        "Phones with 5G are sold out.",
        "The meeting starts at 10:30.",
        "No one came.",
        "This is the one.",
    ] {
        let r = records(text, None);
        assert!(
            r.iter()
                .all(|x| !x.0.chars().any(|c| c.is_ascii_digit()) && x.0 != "one"),
            "{text:?}: {r:?}"
        );
    }
}

#[test]
fn seed_expressions() {
    let text = "On June 16 officials said trade reached 147 billion last year, up 30 percent from 2019. \
                The talks of February 24 were the second round; the leader turned 69 on his 69th birthday.";
    let r = records(text, None);
    let get = |span: &str| {
        r.iter()
            .find(|x| x.0 == span)
            .map(|x| (x.1, x.2.as_str()))
            .unwrap_or(("", ""))
    };
    assert_eq!(get("June 16"), ("date", "XXXX-06-16"));
    assert_eq!(get("147 billion"), ("cardinal", "147000000000"));
    assert_eq!(get("30 percent"), ("percent", "30"));
    assert_eq!(get("2019"), ("date", "2019"));
    assert_eq!(get("February 24"), ("date", "XXXX-02-24"));
    assert_eq!(get("second"), ("ordinal", "2"));
    assert_eq!(get("69th"), ("ordinal", "69"));
}

#[test]
fn through_the_plugin_abi() {
    let doc = Doc::text("Exports reached $147 billion on June 16.").with_date("2022-07-01");
    let recs = extract::<Numbers>(&[], &doc).unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].kind, "money");
    assert_eq!(recs[0].str("value"), Some("147000000000"));
    assert_eq!(recs[0].str("unit"), Some("USD"));
    assert_eq!(recs[1].str("value"), Some("2022-06-16"));
}

/// Whether `v` is a canonical decimal: "-3.25", "0.5", "147000000000".
fn is_decimal(v: &str) -> bool {
    let v = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !frac.ends_with('0')
        && (frac.is_empty() || !v.ends_with('.'))
}

/// Whether `v` is an interval of decimals: "[20,30]", "(100,)", "(,5]".
fn is_interval(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 3 || !matches!(b[0], b'[' | b'(') || !matches!(b[b.len() - 1], b']' | b')') {
        return false;
    }
    let Some((lo, hi)) = v[1..v.len() - 1].split_once(',') else {
        return false;
    };
    (lo.is_empty() || is_decimal(lo))
        && (hi.is_empty() || is_decimal(hi))
        && !(lo.is_empty() && hi.is_empty())
}

/// Whether `v` is an ISO 8601 date, month, year, decade, week day or
/// interval of dates, with `X` for unknown digits.
fn is_iso_date(v: &str) -> bool {
    if let Some((a, b)) = v.split_once('/') {
        return is_iso_date(a) && is_iso_date(b);
    }
    let year = |y: &str| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit() || c == b'X');
    let two = |m: &str| m.len() == 2 && m.bytes().all(|c| c.is_ascii_digit() || c == b'X');
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        [y] => year(y),
        [y, m] => year(y) && two(m),
        [y, w, d] if w.starts_with('W') => year(y) && two(&w[1..]) && d.len() == 1,
        [y, m, d] => year(y) && two(m) && two(d),
        _ => false,
    }
}

mod property {
    use super::*;
    use proptest::prelude::*;

    /// Text made of number-ish pieces, words and odd characters.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[0-9]{1,7}",
            "[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,3})?",
            Just("$".to_string()),
            Just("€".to_string()),
            Just("%".to_string()),
            Just("½".to_string()),
            Just("-".to_string()),
            Just("/".to_string()),
            Just(".".to_string()),
            Just(",".to_string()),
            Just("°C".to_string()),
            prop::sample::select(vec![
                "million", "bn", "m", "k", "between", "and", "more", "than", "up", "to", "percent",
                "a", "half", "dozen", "twenty", "one", "first", "hundred", "June", "Monday", "ago",
                "days", "km", "year", "old", "dollars", "US", "Rs", "over", "the", "G", "COVID",
                "more", "than", "at", "least", "to", "celsius", "kg", "of", "rice", "é", "日本",
                "\u{a0}", "\u{202f}", "\n",
            ])
            .prop_map(str::to_string),
            "\\PC{0,3}",
        ];
        prop::collection::vec((piece, prop::sample::select(vec!["", " ", "  "])), 0..24)
            .prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn spans_are_in_the_text_and_values_parse(text in texty(), dated in any::<bool>()) {
            let date = dated.then_some("2021-06-30");
            let found = find(&text, date);
            let mut last: Option<&Found> = None;
            for f in &found {
                prop_assert!(f.start < f.end && f.end <= text.len());
                prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                // Spans do not overlap, but for the amount a range bounds, inside it.
                let inside_range = last.is_some_and(|r| {
                    r.kind == crate::Kind::Range && r.start <= f.start && f.end <= r.end
                });
                prop_assert!(
                    last.is_none_or(|r| f.start >= r.end) || inside_range,
                    "overlapping spans"
                );
                last = Some(f);
                match (&f.value, f.kind) {
                    (Some(v), crate::Kind::Date) => prop_assert!(is_iso_date(v), "date value {v:?}"),
                    (Some(v), crate::Kind::Range) => prop_assert!(is_interval(v), "range value {v:?}"),
                    (Some(v), _) => prop_assert!(is_decimal(v), "value {v:?}"),
                    (None, crate::Kind::Quantity) => {
                        prop_assert!(matches!(f.unit, Some("°C" | "°F")), "no value")
                    }
                    (None, kind) => prop_assert!(kind == crate::Kind::Date && date.is_none(), "no value"),
                }
            }
        }
    }
}
