//! Behaviour of the quotes extractor on sentences written for these tests:
//! every quotation style, every attribution pattern, stray marks, quotes
//! split by their attribution or running over paragraphs, pronouns and
//! short names, indirect speech, a seed-like article, the real seed article
//! (when ../shared is present), arbitrary input, and working memory reused
//! from one document to the next.

use gleaner_plugin_quotes::{find_quotes, find_quotes_with, Kind, Quotes, Scratch};
use gleaner_sdk::testing::{extract, Doc};

/// One finding, as text: kind, span, speaker, speaker_name, cue.
#[derive(Debug, PartialEq)]
struct Found {
    kind: &'static str,
    span: String,
    speaker: Option<String>,
    name: Option<String>,
    cue: Option<String>,
}

fn found(text: &str) -> Vec<Found> {
    find_quotes(text)
        .into_iter()
        .map(|q| Found {
            kind: q.kind.as_str(),
            span: text[q.start..q.end].to_owned(),
            speaker: q.speaker.map(|(s, e)| text[s..e].to_owned()),
            name: q.speaker_name,
            cue: q.cue.map(|(s, e)| text[s..e].to_owned()),
        })
        .collect()
}

/// The findings of kind `kind`.
fn of_kind(text: &str, kind: Kind) -> Vec<Found> {
    found(text).into_iter().filter(|f| f.kind == kind.as_str()).collect()
}

/// The finding whose span contains `needle`.
fn with(text: &str, needle: &str) -> Found {
    found(text).into_iter().filter(|f| f.kind != "indirect").find(|f| f.span.contains(needle)).unwrap_or_else(|| panic!("no quote with {needle:?} in {:?}", found(text)))
}

fn speaker_of(text: &str, needle: &str) -> Option<String> {
    with(text, needle).speaker
}

// ---------------------------------------------------------------- styles

#[test]
fn straight_and_curly_double_quotes() {
    let text = "\"The vote is close,\" Maria Lopez said.\n\n\u{201C}We will win,\u{201D} Tom Baker said.";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].span, "\"The vote is close,\"");
    assert_eq!(all[0].speaker.as_deref(), Some("Maria Lopez"));
    assert_eq!(all[1].span, "\u{201C}We will win,\u{201D}");
    assert_eq!(all[1].speaker.as_deref(), Some("Tom Baker"));
}

#[test]
fn nyt_double_apostrophes_and_backticks() {
    let text = "''We are ready,'' said Mr. Hale.\n\n``It is late,'' she wrote.";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.iter().map(|f| f.span.as_str()).collect::<Vec<_>>(), ["''We are ready,''", "``It is late,''"]);
    assert_eq!(all[0].speaker.as_deref(), Some("Mr. Hale"));
    assert_eq!(all[1].speaker.as_deref(), Some("she"));
}

#[test]
fn guillemets_and_low_opening_marks() {
    let text = "\u{AB}Nous sommes pr\u{EA}ts\u{BB}, said the minister.\n\nThe envoy said \u{201E}the door is open\u{201C} to talks.";
    assert_eq!(with(text, "pr\u{EA}ts").span, "\u{AB}Nous sommes pr\u{EA}ts\u{BB}");
    assert_eq!(speaker_of(text, "pr\u{EA}ts").as_deref(), Some("the minister"));
    let low = with(text, "door");
    assert_eq!(low.span, "\u{201E}the door is open\u{201C}");
    assert_eq!(low.kind, "partial");
    assert_eq!(low.speaker.as_deref(), Some("The envoy"));
}

#[test]
fn single_quotes_in_a_headline() {
    let text = "Senator Wells on the budget: 'We Need a Deal Now'\n\nThe senator spoke on Monday. It's the party's plan, she said.";
    let headline = with(text, "Deal");
    assert_eq!(headline.span, "'We Need a Deal Now'");
    assert_eq!(headline.speaker.as_deref(), Some("Senator Wells"));
    // Apostrophes in the body are not quotation marks.
    assert!(found(text).iter().all(|f| f.kind == "indirect" || !f.span.contains("party")));
}

#[test]
fn three_apostrophes_close_a_single_and_a_double_quote() {
    let text = "''They say, 'It is over.''' Ms. Ray said.";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].span, "''They say, 'It is over.'''");
    assert_eq!(all[0].speaker.as_deref(), Some("Ms. Ray"));
}

#[test]
fn single_quotes_nested_in_double_quotes_stay_inside() {
    let text = "\"He told me, 'Go home,' and left,\" Ann Ruiz said.";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].span, "\"He told me, 'Go home,' and left,\"");
}

// ------------------------------------------------------- stray marks

#[test]
fn a_stray_mark_early_does_not_swallow_the_document() {
    let text = "The 27\" screens were \"sold out.\n\nSales rose 5 percent, the company said.\n\n\"Demand is strong,\" chief executive Dana Cole said.";
    let q = with(text, "Demand");
    assert_eq!(q.span, "\"Demand is strong,\"");
    assert_eq!(q.speaker.as_deref(), Some("chief executive Dana Cole"));
    assert!(found(text).iter().all(|f| !f.span.contains("Sales") || f.kind == "indirect"));
}

#[test]
fn a_stray_mark_inside_a_one_paragraph_text_stays_local() {
    let text = "A sign read \"Vote. Then came the speech. \"We won,\" Lee said. \"Thank you.\"";
    let spans: Vec<String> = of_kind(text, Kind::Direct).into_iter().map(|f| f.span).collect();
    assert!(spans.contains(&"\"We won,\"".to_owned()), "{spans:?}");
    assert!(spans.contains(&"\"Thank you.\"".to_owned()), "{spans:?}");
}

// ------------------------------------------- split and multi-paragraph

#[test]
fn a_quote_split_by_its_attribution_gives_two_records_with_one_speaker() {
    let text = "\"We have the votes,\" he said. \"The bill will pass.\"";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].speaker, all[1].speaker);
    assert_eq!(all[1].speaker.as_deref(), Some("he"));
    let text = "\"This is the first part,\" said Rosa Diaz, a city council member, \"and this is the rest.\"";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[1].speaker.as_deref(), Some("Rosa Diaz"));
}

#[test]
fn a_quote_over_paragraphs_reopens_each_paragraph() {
    let text = "Mayor Ida Grant said: \"We start today.\n\n\"The work will take a year.\n\n\"Then the bridge reopens,\" she added.\n\nTraffic was light.";
    let all = of_kind(text, Kind::Direct);
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all[0].span, "\"We start today.");
    assert_eq!(all[1].span, "\"The work will take a year.");
    assert!(all[..2].iter().all(|f| f.speaker.as_deref() == Some("Mayor Ida Grant")));
    assert_eq!(all[2].speaker.as_deref(), Some("she"));
    assert_eq!(all[2].name.as_deref(), Some("Ida Grant"));
}

#[test]
fn a_quotation_paragraph_takes_the_speaker_of_the_previous_one() {
    let text = "\"We are done here,\" coach Sam Ortiz said after the game.\n\n\"Next season starts now.\"";
    assert_eq!(speaker_of(text, "Next season").as_deref(), Some("coach Sam Ortiz"));
}

// --------------------------------------------------- attribution patterns

#[test]
fn speaker_before_and_after_the_cue() {
    assert_eq!(speaker_of("\"It is over,\" Jane Park said.", "over").as_deref(), Some("Jane Park"));
    assert_eq!(speaker_of("\"It is over,\" said Jane Park, the party chair.", "over").as_deref(), Some("Jane Park"));
    assert_eq!(speaker_of("Jane Park said: \"It is over.\"", "over").as_deref(), Some("Jane Park"));
    assert_eq!(speaker_of("Jane Park said, \"It is over.\"", "over").as_deref(), Some("Jane Park"));
}

#[test]
fn told_added_noted_wrote_warned_insisted() {
    for cue in ["told reporters", "added", "noted", "wrote", "warned", "insisted", "tweeted", "explained"] {
        let text = format!("\"The deal is dead,\" Omar Haddad {cue}.");
        let q = with(&text, "deal");
        assert_eq!(q.speaker.as_deref(), Some("Omar Haddad"), "{cue}");
        assert_eq!(q.cue.as_deref(), cue.split(' ').next(), "{cue}");
    }
    let text = "Omar Haddad told The Daily Courier: \"The deal is dead.\"";
    assert_eq!(speaker_of(text, "deal").as_deref(), Some("Omar Haddad"));
}

#[test]
fn coordinated_verbs_take_the_subject_of_their_clause() {
    let q = with("Years ago, he met the Ohio State coach and later said, \"He is a genius.\"", "genius");
    assert_eq!(q.speaker.as_deref(), Some("he"));
    let q = with("Asked about it, Ms. Hale smiled and said, \"No.\"", "No");
    assert_eq!(q.speaker.as_deref(), Some("Ms. Hale"));
}

#[test]
fn according_to() {
    let q = with("According to the ministry, the talks were \"frank and useful.\"", "frank");
    assert_eq!(q.speaker.as_deref(), Some("the ministry"));
    assert_eq!(q.cue.as_deref(), Some("According to"));
    let q = with("The talks were \"frank and useful,\" according to Lin Wei.", "frank");
    assert_eq!(q.speaker.as_deref(), Some("Lin Wei"));
}

#[test]
fn quoted_as_saying() {
    let q = with("Li Ming was quoted as saying that talks were \"going well.\"", "going well");
    assert_eq!(q.speaker.as_deref(), Some("Li Ming"));
    // The source of the report is not the speaker.
    let q = with("The Daily Star quoted Li Ming as saying that talks were \"going well.\"", "going well");
    assert_eq!(q.speaker.as_deref(), Some("Li Ming"));
}

#[test]
fn in_a_statement_and_descriptions() {
    let q = with("In a statement, the Finance Ministry said: \"Rates will stay low.\"", "Rates");
    assert_eq!(q.speaker.as_deref(), Some("the Finance Ministry"));
    let q = with("\"Rates will stay low,\" a spokesman for the ministry said.", "Rates");
    assert_eq!(q.speaker.as_deref(), Some("a spokesman for the ministry"));
    let q = with("\"Rates will stay low,\" said a senior ministry official.", "Rates");
    assert_eq!(q.speaker.as_deref(), Some("a senior ministry official"));
    let q = with("Chinese President Xi Jinping said the two sides had \"a shared future.\"", "shared");
    assert_eq!(q.speaker.as_deref(), Some("Chinese President Xi Jinping"));
    let q = with("\"The talks were warm,\" the state broadcaster CCTV said.", "warm");
    assert_eq!(q.speaker.as_deref(), Some("the state broadcaster CCTV"));
    let q = with("\"We need rain,\" Farmer Joe Hill (R-Iowa) said.", "rain");
    assert_eq!(q.speaker.as_deref(), Some("Farmer Joe Hill"));
}

#[test]
fn question_marks_and_dashes_end_a_quotation_before_its_speaker() {
    assert_eq!(speaker_of("\"Why now?\" Rita Moss asked.", "Why").as_deref(), Some("Rita Moss"));
    // The next sentence is not an attribution when it says more.
    let text = "Lee Park replied: \"Why now?\" Critics say the timing was odd.";
    assert_eq!(speaker_of(text, "Why").as_deref(), Some("Lee Park"));
    assert_eq!(speaker_of("\"The best is yet to come.\" \u{2015} Paul Andrews", "best").as_deref(), Some("Paul Andrews"));
}

// --------------------------------------------- pronouns and short names

#[test]
fn pronouns_resolve_to_the_most_recent_fitting_named_speaker() {
    let text = "\"We will vote no,\" Senator Ruth Allen said.\n\n\"The bill is weak,\" Mr. Dean Fox said.\n\n\"It must change,\" she said.\n\n\"I agree,\" he said.";
    assert_eq!(with(text, "must change").name.as_deref(), Some("Ruth Allen"));
    assert_eq!(with(text, "I agree").name.as_deref(), Some("Dean Fox"));
}

#[test]
fn short_forms_resolve_to_full_names_seen_earlier() {
    let text = "Donald Trump spoke in Ohio on Monday.\n\n\"We will win big,\" Trump said.\n\n\"Believe me,\" Mr. Trump added.";
    assert_eq!(with(text, "win big").name.as_deref(), Some("Donald Trump"));
    assert_eq!(with(text, "Believe").name.as_deref(), Some("Donald Trump"));
    // A full name is not repeated as its own speaker_name.
    assert_eq!(with("\"Go,\" Ann Lee said.", "Go").name, None);
}

#[test]
fn a_relative_pronoun_names_its_antecedent() {
    let q = with("The plan came from Mayor Lina Ortiz, who told the council: \"We cannot wait.\"", "wait");
    assert_eq!(q.speaker.as_deref(), Some("who"));
    assert_eq!(q.name.as_deref(), Some("Lina Ortiz"));
}

// ------------------------------------------------------- indirect speech

#[test]
fn indirect_speech_after_and_before_the_cue() {
    let text = "Finance Minister Karl Berg said that the budget would be balanced next year.";
    let all = of_kind(text, Kind::Indirect);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].span, "the budget would be balanced next year");
    assert_eq!(all[0].speaker.as_deref(), Some("Finance Minister Karl Berg"));
    let text = "The budget would be balanced next year, Karl Berg said on Tuesday.";
    let all = of_kind(text, Kind::Indirect);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].span, "The budget would be balanced next year");
    // Not every "said" reports speech.
    assert!(of_kind("The so-called plan failed.", Kind::Indirect).is_empty());
    // An attribution inside the clause splits it in two.
    let text = "The plan, an aide said on Monday, is to cut taxes in the spring.";
    let spans: Vec<String> = of_kind(text, Kind::Indirect).into_iter().map(|f| f.span).collect();
    assert_eq!(spans, ["The plan", "is to cut taxes in the spring"]);
    // A verb that also takes objects needs "that" to report a clause.
    assert!(of_kind("The senator maintained her lead in the polls.", Kind::Indirect).is_empty());
    assert_eq!(of_kind("The senator maintained that the polls were wrong.", Kind::Indirect).len(), 1);
}

#[test]
fn titles_of_works_are_not_quotations() {
    let text = "\"We won,\" he said on NBC's \"Meet the Press.\" She starred in \"The Long Road Home,\" a film.";
    let spans: Vec<String> = found(text).into_iter().map(|f| f.span).collect();
    assert_eq!(spans, ["\"We won,\""]);
}

// ---------------------------------------------------------- seed article

const SEED_LIKE: &str = "Beijing backs Moscow on \u{201C}core interests\u{201D}: Chinese leader

SHANGHAI, May 3 (Example Wire): Chinese President Xi Jinping said in a phone call with his Russian counterpart Vladimir Putin that Beijing would continue to support Moscow on the issue of \u{201C}sovereignty and security.\u{201D}

The state broadcaster CCTV quoted Xi Jinping as saying that the two countries shared \u{201C}deep mutual trust.\u{201D}

According to CCTV, Xi Jinping praised the \u{201C}steady pace of development\u{201D} in trade between the two countries this year.

He added that China is ready to \u{201C}strengthen ties, dialogue and co-ordination\u{201D} with Russia at the United Nations.

Xi Jinping called Putin an \u{201C}old friend\u{201D} and invited him to visit Beijing in the autumn.
";

#[test]
fn seed_like_article() {
    let q = with(SEED_LIKE, "sovereignty and security");
    assert_eq!(q.kind, "partial");
    assert_eq!(q.speaker.as_deref(), Some("Chinese President Xi Jinping"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(speaker_of(SEED_LIKE, "deep mutual trust").as_deref(), Some("Xi Jinping"));
    assert_eq!(speaker_of(SEED_LIKE, "steady pace").as_deref(), Some("Xi Jinping"));
    let q = with(SEED_LIKE, "strengthen ties");
    assert_eq!(q.kind, "partial");
    assert_eq!(q.speaker.as_deref(), Some("He"));
    assert_eq!(q.name.as_deref(), Some("Xi Jinping"));
    let q = with(SEED_LIKE, "old friend");
    assert_eq!(q.speaker.as_deref(), Some("Xi Jinping"));
    assert_eq!(q.cue.as_deref(), Some("called"));
    let indirect = of_kind(SEED_LIKE, Kind::Indirect);
    assert!(indirect.iter().any(|f| f.span.starts_with("Beijing would continue") && f.speaker.as_deref() == Some("Chinese President Xi Jinping")), "{indirect:?}");
}

#[test]
fn real_seed_article_when_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seed");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: {} not found; skipping the real seed article", dir.display());
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "txt")) {
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        let all = found(&text);
        let has = |needle: &str| all.iter().find(|f| f.kind != "indirect" && f.span.contains(needle));
        for needle in ["sovereignty and security", "good pace of development"] {
            let Some(q) = has(needle) else { panic!("{needle:?} not found: {all:?}") };
            let who = q.name.as_deref().or(q.speaker.as_deref()).unwrap_or("");
            assert!(who.ends_with("Xi Jinping"), "{needle:?} attributed to {who:?}");
        }
        assert!(has("strengthen ties, dialogue and co-ordination").is_some());
        checked += 1;
    }
    assert!(checked > 0, "no seed text in {}", dir.display());
}

// ------------------------------------------------------------- plugin ABI

#[test]
fn records_through_the_plugin_abi_carry_the_fields() {
    let text = "\"It is late,\" he said. Ann Lee said: \"Go.\"";
    let records = extract::<Quotes>(&[], &Doc::text(text)).expect("extract");
    assert_eq!(records.len(), 2);
    let r = &records[1];
    assert_eq!(r.kind, "direct");
    assert_eq!(r.span(text), "\"Go.\"");
    assert_eq!(r.str("speaker"), Some("Ann Lee"));
    assert_eq!(r.str("cue"), Some("said"));
    let start = r.get("speaker_start").cloned();
    assert_eq!(start, Some(gleaner_sdk::testing::OwnedValue::Int(text.find("Ann").unwrap() as i64)));
    assert!(records[0].get("speaker_name").is_none());
}

// ----------------------------------------------------------- any input

#[test]
fn long_adversarial_paragraphs_stay_fast() {
    // One paragraph of names, cues and unattributed quotations, 200 KB.
    let unit = "Ann Lee Bob Roe Cal Moe said \"Yes\" \"No\" he told Dee Fox, who said, ";
    let text = unit.repeat(200_000 / unit.len());
    let started = std::time::Instant::now();
    let found = find_quotes(&text);
    assert!(!found.is_empty());
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn reused_scratch_gives_what_a_fresh_one_gives() {
    // The plugin keeps one Scratch for all its documents: nothing may leak
    // from one document into the next (an open name run, a sentence end,
    // the marks or cues of a longer document).
    let docs = [
        "\"We will win,\" said Mr. John Smith, the mayor. He added that the plan failed.",
        "Short Title Here\n\nAccording to Jane Doe, the deal is off. \u{201C}No comment.\u{201D}",
        "Ann Lee Bob",
        "Prices rose 3.5 pct. \"It is over,\" he said.",
        "",
        "Officials said. \u{201C}Quote one.\u{201D} \u{201C}Quote two,\u{201D} she told reporters.",
    ];
    let mut scratch = Scratch::default();
    for text in docs.iter().chain(docs.iter().rev()) {
        assert_eq!(find_quotes_with(text, &mut scratch), find_quotes(text), "{text:?}");
    }
}

mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reused_scratch_changes_nothing(texts in proptest::collection::vec("[a-zA-Z .,:;!?\"'\u{201C}\u{201D}\u{2019}()\n]{0,200}", 1..6)) {
            let mut scratch = Scratch::default();
            for text in &texts {
                prop_assert_eq!(find_quotes_with(text, &mut scratch), find_quotes(text));
            }
        }

        #[test]
        fn spans_are_in_range_and_on_char_boundaries(text in "[a-zA-Z .,:;!?\"'\u{201C}\u{201D}\u{2018}\u{2019}\u{AB}\u{BB}\u{201E}`\u{2014}\u{2015}()\n\u{E9}\u{4E2D}]{0,300}") {
            for q in find_quotes(&text) {
                prop_assert!(q.start < q.end && q.end <= text.len());
                prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
                for (s, e) in q.speaker.into_iter().chain(q.cue) {
                    prop_assert!(s < e && e <= text.len());
                    prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                }
            }
        }

        #[test]
        fn news_like_words_never_panic(words in proptest::collection::vec(prop_oneof![
            Just("said"), Just("\""), Just("\u{201C}"), Just("\u{201D}"), Just("Mr."), Just("he"), Just(","), Just("."),
            Just("according"), Just("to"), Just("who"), Just("told"), Just("Smith"), Just("the"), Just("spokesman"),
            Just("quoted"), Just("as"), Just("saying"), Just("\n\n"), Just("''"), Just("("), Just(")"), Just(":"), Just("\u{2015}"),
        ], 0..60)) {
            let text = words.join(" ");
            for q in find_quotes(&text) {
                prop_assert!(q.start < q.end && q.end <= text.len());
            }
        }
    }
}
