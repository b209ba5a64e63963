//! Actor mentions: gazetteer matches kept or dropped by their context, plus
//! office holders named by their family name alone.
//!
//! Disambiguation prefers precision: a name is dropped when its context says
//! it is something else — a person ("Michael Jordan", "Jordan said"), a US
//! state ("Georgia" next to Atlanta and a governor), a newspaper or
//! university ("Washington Post", "University of Texas"), a geographic
//! feature ("South China Sea", "Jordan River"), a bird ("roast turkey"), or a
//! demonym used for food, games, languages or an ethnic group ("Chinese
//! food", "in Russian", "ethnic Albanians"), a company ("Credit Suisse",
//! "Swiss Re", "China Mobile": companies are not actors), or, in a sports
//! report, a national team or a club ("England beat Wales", "Roma defender").

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::date::Date;
use crate::gazetteer::{Gazetteer, Role, Sense};
use crate::hash::WordList;
use crate::text::{tokenize, Token};

/// A mention of an actor in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Index of the actor in the gazetteer.
    pub actor: u32,
    /// The mention's role.
    pub role: Role,
    /// Index of the first token of the mention.
    pub first: usize,
    /// Index one past the last token of the mention.
    pub last: usize,
}

/// Capitalised words that often start a sentence or modify a name without being a first name.
static PLAIN_CAPITALISED: WordList = WordList::new(&[
    "The", "A", "An", "In", "On", "At", "For", "From", "To", "With", "By", "And", "But", "Or", "As", "While", "After",
    "Before", "Since", "Both", "Neighbouring", "Neighboring", "Unlike", "Like", "Meanwhile", "Also", "When", "Where",
    "If", "Although", "Though", "Despite", "Under", "Over", "Against", "Between", "Among", "During", "Including",
    "Even", "Only", "Then", "So", "Yet", "Now", "That", "This", "These", "Those", "It", "He", "She", "They", "We",
    "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East", "West", "Greater", "Mainland",
    "Communist", "Soviet", "Imperial", "Modern", "Neighbour", "Neighbor", "Ally", "Allies", "Landlocked", "Oil-rich",
    "President", "King", "Queen", "Prime", "Minister", "Premier", "Chancellor", "Gen", "General", "Secretary",
    "Foreign", "Defence", "Defense", "Envoy", "Ambassador", "Officials", "Official", "Via", "Of", "Did", "Does",
]);

/// Words before a family name that make it an office holder ("President Xi", "Mr Putin").
static TITLES: WordList = WordList::new(&[
    "President", "Premier", "Chancellor", "Minister", "Secretary", "King", "Queen", "Prince", "Emir", "Sheikh",
    "Ayatollah", "Mr", "Mrs", "Ms", "Dr", "Gen", "General", "Marshal", "Admiral", "Adm", "Sultan", "Leader",
    "President-elect", "Vice-President", "PM", "Shah", "Tsar", "Counsellor", "Spokesman", "Spokeswoman",
]);

/// Titles that anyone may bear: a family name after them is an office holder only if named in full before.
static HONORIFICS: WordList = WordList::new(&["Mr", "Mrs", "Ms", "Dr"]);

/// Aliases that are also common first names or family names.
static PERSON_LIKE: WordList = WordList::new(&[
    "JORDAN", "CHAD", "GEORGIA", "WASHINGTON", "INDIA", "ISRAEL", "KENYA", "PARIS", "SYDNEY", "FLORENCE",
    "HOUSTON", "DALLAS", "MADISON", "SAVANNAH", "LINCOLN", "KINGSTON", "SANTIAGO", "SOFIA", "VICTORIA",
]);

/// Words after a place name that make the phrase an institution, a company or a place, not the state.
static INSTITUTION_TAILS: WordList = WordList::new(&[
    "Post", "Times", "Herald", "Tribune", "Journal", "Today", "Airlines", "Airways", "University", "College",
    "Institute", "Museum", "Stock", "Exchange", "Club", "Cup", "Open", "Marathon", "Zoo", "Street", "Avenue", "Road",
    "Square", "Boulevard", "FC", "Symphony", "Orchestra", "Opera", "Ballet", "Philharmonic", "Festival", "Airport",
    "Station", "Sea", "Ocean", "River", "Valley", "Mountains", "Basin", "Plateau", "Peninsula", "Lake", "Motors",
    "Telecom", "Tech", "Bulldogs", "Huskies", "Nationals", "Commanders", "Wizards", "Capitals", "Redskins",
    "Agreement", "Accord", "Accords", "Club", "Masters", "Marathon", "Business", "School", "Observer", "Examiner",
    "Re", "Mobile", "Televisions", "Television", "Holdings", "Group", "Corp", "Corporation", "Inc", "Ltd", "Plc",
    "plc", "Insurance", "Petroleum", "Unicom", "Telecommunications", "Steel", "Bank", "Imperial", "Dominion",
    "Savings",
]);

/// Words before a place name that make the phrase a company's name ("Credit Suisse", "Air France").
static COMPANY_HEADS: WordList = WordList::new(&["Credit", "Air", "Banco", "Deutsche", "Royal", "Crédit", "Société", "Swiss"]);

/// Words that make a text a sports report (counted once each; see [`is_sports_report`]).
const SPORTS_CUES: &[&str] = &[
    "coach", "striker", "midfielder", "defender", "goalkeeper", "fly-half", "scrum", "wicket", "innings", "batsman",
    "bowler", "Six Nations", "World Cup", "Premiership", "Premier League", "semi-final", "quarter-final",
    "quarter-finals", "semi-finals", "penalty", "hat-trick", "kick-off", "try", "tries", "seeds", "top seed",
    "match", "tournament", "rugby", "football", "cricket", "tennis", "golf", "athletics", "medal", "Olympic",
    "championship", "Championships", "scored", "unbeaten", "fixture", "squad", "captain", "league", "League",
    "Test series", "second-half", "first-half", "half-time", "relegation", "Grand Slam", "sprint", "race",
    "champion", "season", "finals", "qualifier", "seed", "venue", "Indoor", "striker", "winger", "batting",
];

/// Whether `text` is a sports report: at least four distinct cues, whole
/// words, found in one pass of an Aho-Corasick automaton. In such a text a
/// state's name or demonym mostly stands for a national team ("England beat
/// Wales", "Italy's coach", "the Irish line").
fn is_sports_report(text: &str) -> bool {
    static CUES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    // A DFA without prefilter (the cues are short common words, "try",
    // "race", whose candidates a prefilter would mostly have to verify) nor
    // byte classes (one table lookup less per byte).
    let build = || {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .byte_classes(false)
            .build(SPORTS_CUES)
            .ok()
    };
    let Some(cues) = CUES.get_or_init(build) else {
        return false;
    };
    let bytes = text.as_bytes();
    let mut seen = [false; SPORTS_CUES.len()];
    let mut distinct = 0;
    for m in cues.find_iter(bytes) {
        let before = m.start().checked_sub(1).map(|k| bytes[k]);
        let after = bytes.get(m.end()).copied();
        let whole_word = !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric());
        let cue = m.pattern().as_usize();
        if whole_word && !seen[cue] {
            seen[cue] = true;
            distinct += 1;
            if distinct >= 4 {
                return true;
            }
        }
    }
    false
}

/// Institutions named "X of <place>" that are not the state ("Bank of England", "University of Texas").
static INSTITUTION_HEADS: WordList = WordList::new(&[
    "Bank", "University", "College", "Museum", "Institute", "Church", "School", "Academy", "Society", "Hospital",
    "Gulf", "Sea", "Archbishop", "Bishop", "Diocese", "Duke", "Duchess", "Earl", "Prince", "Princess", "Order",
    "Lake", "River", "Straits", "Strait", "Bay", "Port", "Mayor", "Tour", "Rose", "Battle", "Treaty", "Statue",
    "Association", "Corporation", "Company",
]);

/// Nouns after a demonym that make it a cuisine, a game, a language or an ancestry, not the state.
static NON_STATE_HEADS: WordList = WordList::new(&[
    "food", "cuisine", "restaurant", "restaurants", "dish", "dishes", "cooking", "roulette", "cheese", "fries",
    "toast", "dressing", "pastry", "pastries", "language", "languages", "speakers", "speaking", "medicine",
    "checkers", "chess", "tea", "lantern", "lanterns", "whispers", "salad", "breakfast", "horn", "bulldog",
    "shepherd", "poodle", "wine", "wines", "descent", "ancestry", "heritage", "origin", "literature", "poetry",
    "novel", "novels", "novelist", "writer", "writers", "music", "art", "painting", "opera", "ballet", "dance",
    "dances", "dancers", "characters", "alphabet", "grammar", "class", "classes", "lessons", "teacher", "teachers",
    "speaker", "dialect", "dialects", "translation", "subtitles", "cinema", "film", "films", "movie", "movies",
    "New", "Open", "Grand", "League", "Cup", "Revolution", "Empire", "Orthodox", "cabbage", "dumplings", "noodles",
]);

/// Verbs after a bare name that make it the subject of a sentence about a person ("Jordan scored").
static PERSON_VERBS: WordList = WordList::new(&[
    "said", "says", "told", "added", "scored", "wrote", "tweeted", "posted", "laughed", "smiled", "sang", "played",
    "joked", "recalled", "explained", "admitted", "insisted", "replied",
]);

/// Words that signal the US state of Georgia in a document.
const US_GEORGIA_CUES: &[&str] = &[
    "Atlanta", "Savannah", "governor", "Governor", "Republican", "Democrat", "county", "County", "primary",
    "runoff", "Senate race", "Peach State", "Kemp", "Raffensperger", "Warnock", "Ossoff", "Augusta", "Macon",
];
/// Words that signal the country Georgia in a document.
const GEO_GEORGIA_CUES: &[&str] = &[
    "Tbilisi", "Georgian", "Caucasus", "Abkhazia", "Ossetia", "Saakashvili", "Ivanishvili", "Kobakhidze",
    "Zourabichvili", "Batumi", "Kutaisi", "Soviet", "Kremlin",
];
/// Words that signal the Republic of the Congo (Brazzaville) in a document.
const COG_CUES: &[&str] = &["Brazzaville", "Sassou", "Pointe-Noire"];
/// Words that signal the Democratic Republic of the Congo in a document.
const COD_CUES: &[&str] = &["Kinshasa", "DRC", "Kabila", "Tshisekedi", "Goma", "Kivu", "Ituri", "Lubumbashi", "M23"];
/// Words that signal the country Jordan in a document.
const JOR_CUES: &[&str] = &["Amman", "Jordanian", "Hashemite", "King Abdullah", "Aqaba"];
/// Words that signal the country Chad in a document.
const TCD_CUES: &[&str] = &["N'Djamena", "Ndjamena", "Chadian", "Deby", "Déby", "Sahel"];

fn has_any(text: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some())
}

/// Month names and abbreviations that follow a dateline's place.
static MONTHS: WordList = WordList::new(&[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January", "February",
    "March", "April", "June", "July", "August", "September", "October", "November", "December",
]);

/// Whether `rest` starts with a month name (after `", "`).
fn starts_with_month(rest: &str) -> bool {
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    MONTHS.contains(&rest[..end])
}

/// The byte ranges of datelines' places: a paragraph that opens with a
/// place in capitals ("ISLAMABAD", "NEW YORK", "KYIV, Ukraine") followed by
/// a date, an agency in parentheses or a dash says where the story was
/// filed; the place there is not a party to what the article reports.
fn dateline_places(text: &str) -> Vec<(usize, usize)> {
    let mut places = Vec::new();
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    for start in starts {
        let line = &text[start..];
        // Most lines start with no capital: no place (the full test below says the same).
        if line.as_bytes().first().is_none_or(|&b| b.is_ascii() && !b.is_ascii_uppercase() && !matches!(b, b' ' | b'.' | b'-' | b'\'')) {
            continue;
        }
        let caps = line
            .char_indices()
            .find(|(_, c)| !(c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'')))
            .map_or(line.len(), |(i, _)| i);
        let place = line[..caps].trim_end();
        if place.chars().filter(|c| c.is_uppercase()).count() < 3 || place.split(' ').count() > 4 {
            continue;
        }
        // After the place: an optional ", Region", then ", Month", " (" or a dash.
        let mut rest = &line[place.len()..];
        if let Some(after) = rest.strip_prefix(", ") {
            if !starts_with_month(after) {
                let region_end = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
                rest = &after[region_end..];
            }
        }
        let dated = rest.strip_prefix(", ").is_some_and(starts_with_month);
        let dashed = ["-", "\u{2013}", "\u{2014}"].iter().any(|d| rest.trim_start().starts_with(d));
        if dated || dashed || rest.starts_with(" (") {
            places.push((start, start + place.len()));
        }
    }
    places
}

fn is_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Finds the actor mentions in a text.
pub struct Tagger<'g> {
    gaz: &'g Gazetteer,
    date: Date,
    cod: Option<u32>,
    cog: Option<u32>,
}

impl<'g> Tagger<'g> {
    /// A tagger over `gaz` for articles dated `date`.
    pub fn new(gaz: &'g Gazetteer, date: Date) -> Tagger<'g> {
        Tagger { gaz, date, cod: gaz.actor_index("COD"), cog: gaz.actor_index("COG") }
    }

    /// The actor mentions of `text`, in text order.
    pub fn tag(&self, text: &str, tokens: &[Token]) -> Vec<Mention> {
        let word = |i: usize| tokens.get(i).map(|t| t.text(text)).unwrap_or("");
        // Whether the text is a sports report, decided at the first mention that needs it.
        let sports_report = std::cell::OnceCell::new();
        let sports = || *sports_report.get_or_init(|| is_sports_report(text));
        let datelines = dateline_places(text);
        let mut out = Vec::new();
        for f in self.gaz.find(text, tokens) {
            if datelines.iter().any(|&(start, end)| f.start >= start && f.end <= end) {
                continue;
            }
            let first = tokens.partition_point(|t| t.end <= f.start);
            let last = tokens.partition_point(|t| t.start < f.end);
            if first >= last {
                continue;
            }
            let Some(sense) = Gazetteer::resolve(f.senses, self.date) else { continue };
            if sense.role == Role::Block {
                continue;
            }
            let alias = text[f.start..f.end].to_ascii_uppercase();
            let prev = if first > 0 { word(first - 1) } else { "" };
            let prev2 = if first > 1 { word(first - 2) } else { "" };
            let next = word(last);
            let mut actor = sense.actor;
            // Inside an institution's name.
            let place = matches!(sense.role, Role::Country | Role::Capital | Role::City);
            if place && prev == "of" && INSTITUTION_HEADS.contains(prev2) {
                continue;
            }
            if (place || sense.role == Role::Demonym) && (INSTITUTION_TAILS.contains(next) || COMPANY_HEADS.contains(prev)) {
                continue;
            }
            // "New Holland", "New England": a namesake place (known "New X" names match whole).
            if place && prev == "New" {
                continue;
            }
            // "Latin American", "Inter-American": the Americas, not the United States.
            if alias == "AMERICAN"
                && (matches!(prev, "Latin" | "Central" | "South" | "North" | "Native" | "African" | "Pan" | "Great")
                    || text[..f.start].ends_with("Inter-")
                    || text[..f.start].ends_with("Pan-"))
            {
                continue;
            }
            // A sportsman who shares an office holder's name ("Shane Jones"): a
            // leader in a sports report needs a title before the name.
            let office_title = TITLES.contains(prev) && !HONORIFICS.contains(prev);
            if sense.role == Role::Leader && !office_title && sports() {
                continue;
            }
            // In a sports report a state, city or demonym is a team ("Wales
            // beat Italy", "Roma defender", "the Irish line") unless it is a
            // place ("in Rome", "travel to England", "of Spain") or a
            // person's nationality ("Russian Dmitriy Bogdanov").
            // (Whether the text is a sports report is asked last: the scan of the text is the costly part.)
            if matches!(sense.role, Role::Country | Role::Capital | Role::City | Role::Demonym) {
                let mut k = first;
                while k > 0 && matches!(word(k - 1), "the" | "The") {
                    k -= 1;
                }
                let before = if k > 0 { word(k - 1) } else { "" };
                // "of" names a player's country ("Reina of Spain"), not a club's city ("of the Roma side").
                let of_country = before == "of" && matches!(sense.role, Role::Country);
                // "in Erfurt and Stuttgart": coordinated with a place just kept.
                let coordinated = matches!(before, "and" | "," | "or") && out.last().is_some_and(|m: &Mention| m.last + 1 == k);
                let is_place = of_country
                    || coordinated
                    || matches!(before, "in" | "to" | "at" | "from" | "In" | "across" | "around" | "near" | "outside");
                // "Russian Dmitriy Bogdanov", "Welsh winger Shane Williams".
                let names_person = |w: &str| is_capitalised(w) && !PLAIN_CAPITALISED.contains(w);
                let next2 = word(last + 1);
                // The tables give some demonyms the country role ("Welsh"): known by their endings.
                let mention_text = &text[f.start..f.end];
                let demonym = sense.role == Role::Demonym
                    || ["ish", "sh", "ese", "ian", "ch", "ic", "i"].iter().any(|e| mention_text.ends_with(e));
                let is_nationality = demonym
                    && (names_person(next) || (next.chars().all(char::is_lowercase) && names_person(next2)));
                if !(is_place || is_nationality) && sports() {
                    continue;
                }
            }
            // A demonym for a cuisine, a game, a language, an ancestry.
            if sense.role == Role::Demonym {
                // "ethnic Albanians in Serbia": an ethnic group, not the state.
                if NON_STATE_HEADS.contains(next) || prev.eq_ignore_ascii_case("ethnic") {
                    continue;
                }
                let ends_phrase = next.is_empty() || matches!(next, "." | "," | ";" | ":" | ")" | "and" | "or");
                if ends_phrase && matches!(prev, "in" | "into" | "speak" | "speaks" | "spoke" | "speaking" | "from") {
                    continue;
                }
            }
            if PERSON_LIKE.contains(&alias) && self.person_context(text, tokens, first, last) {
                continue;
            }
            match alias.as_str() {
                "GEORGIA" => {
                    let us_state = matches!(next, "State" | "Tech" | "Republicans" | "Democrats" | "Gov" | "Governor")
                        || (prev == "," && first > 1 && word(first - 2) == "Atlanta")
                        || (prev == "of" && prev2.eq_ignore_ascii_case("state"))
                        || (has_any(text, US_GEORGIA_CUES) && !has_any(text, GEO_GEORGIA_CUES));
                    if us_state {
                        continue;
                    }
                }
                "WASHINGTON"
                    if matches!(next, "state" | "State" | "University") || (prev == "of" && prev2.eq_ignore_ascii_case("state")) =>
                {
                    continue;
                }
                "JORDAN" | "CHAD" => {
                    let cues = if alias == "JORDAN" { JOR_CUES } else { TCD_CUES };
                    if PERSON_VERBS.contains(next) && !has_any(text, cues) {
                        continue;
                    }
                }
                "TURKEY" => {
                    let bird = matches!(prev, "a" | "roast" | "wild" | "Thanksgiving" | "stuffed" | "smoked")
                        || matches!(
                            next,
                            "dinner" | "sandwich" | "sandwiches" | "breast" | "legs" | "meat" | "farm" | "farms"
                                | "farmers" | "hunt" | "hunting" | "trot" | "bacon" | "Day" | "day" | "vultures"
                        );
                    if bird {
                        continue;
                    }
                }
                "CONGO" => {
                    let (cog, cod) = (has_any(text, COG_CUES), has_any(text, COD_CUES));
                    actor = match (cog, cod, self.cog, self.cod) {
                        (true, false, Some(c), _) => c,
                        (_, _, _, Some(d)) => d,
                        _ => actor,
                    };
                }
                // "Western sanctions" is the West; "Western Cambodia", "Western Union" are not.
                "WESTERN" if is_capitalised(next) => continue,
                "NIGER" if prev == "River" => continue,
                _ => {}
            }
            out.push(Mention { start: f.start, end: f.end, actor, role: sense.role, first, last });
        }
        self.add_family_names(text, tokens, &mut out);
        out
    }

    /// Whether a person-like name is a person here: a capitalised word
    /// (a first name) before it, or a capitalised word (a family name) after it.
    fn person_context(&self, text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
        let capital_word = |i: usize| {
            tokens.get(i).is_some_and(|t| {
                let w = t.text(text);
                t.is_word && is_capitalised(w) && !PLAIN_CAPITALISED.contains(w.trim_end_matches('.'))
            })
        };
        let before = first > 0 && capital_word(first - 1) && tokens[first - 1].text(text).chars().count() > 1;
        // A capitalised word after the name, on the same line, that is not itself a place or actor name.
        let after = capital_word(last) && {
            let t = tokens[last];
            let word = t.text(text);
            self.gaz.find(word, &tokenize(word)).is_empty() && !text[tokens[last - 1].end..t.start].contains('\n')
        };
        before || after
    }

    /// Adds office holders named by their family name alone, after a title
    /// ("President Xi") or after their full name earlier in the text.
    fn add_family_names(&self, text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
        let mut covered = vec![false; tokens.len()];
        for m in out.iter() {
            covered[m.first..m.last].iter_mut().for_each(|c| *c = true);
        }
        let mut added = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            // (A word and its bare form start alike, unless the word is "'s" alone.)
            if !t.is_word || !is_capitalised(t.text(text)) || covered[i] {
                continue;
            }
            let w = t.text(text);
            let bare = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
            if bare.len() < 3 {
                continue;
            }
            let Some(senses) = self.gaz.surname(bare) else { continue };
            if TITLES.contains(bare) || PLAIN_CAPITALISED.contains(bare) {
                continue;
            }
            let mut j = i;
            while j > 0 && tokens[j - 1].text(text) == "." {
                j -= 1;
            }
            // "President Xi", "the Bush administration"; an honorific alone
            // ("Mr Kim") does not make an office holder.
            let titled = (j > 0 && TITLES.contains(tokens[j - 1].text(text)) && !HONORIFICS.contains(tokens[j - 1].text(text)))
                || tokens.get(i + 1).is_some_and(|n| matches!(n.text(text), "administration" | "government" | "regime" | "cabinet"));
            let earlier = out
                .iter()
                .chain(added.iter())
                .filter(|m| m.role == Role::Leader && m.end <= t.start && senses.iter().any(|s| s.actor == m.actor))
                .filter(|m| text[m.start..m.end].split_whitespace().any(|p| p.eq_ignore_ascii_case(bare)))
                .max_by_key(|m| m.start)
                .map(|m| m.actor);
            // "President George W Bush": a capitalised word after it makes the name a first name.
            let first_name = tokens.get(i + 1).is_some_and(|n| n.is_word && is_capitalised(n.text(text)) && !text[t.end..n.start].contains('\n'));
            if (!titled && earlier.is_none()) || first_name {
                continue;
            }
            let Some(sense) = self.pick_family_name(senses, earlier) else { continue };
            added.push(Mention {
                start: t.start,
                end: t.start + bare.len(),
                actor: sense.actor,
                role: Role::Leader,
                first: i,
                last: i + 1,
            });
        }
        out.extend(added);
        out.sort_by_key(|m| m.start);
    }

    /// The office holder a family name refers to at the article's date: the
    /// one named earlier in the text, else the only state or organisation
    /// among the office holders of that name in office at the date.
    fn pick_family_name(&self, senses: &[Sense], named: Option<u32>) -> Option<Sense> {
        if let Some(actor) = named {
            return senses.iter().find(|s| s.actor == actor).copied();
        }
        let in_office: Vec<&Sense> = senses.iter().filter(|s| s.from.is_none_or(|f| f <= self.date) && s.to.is_none_or(|t| self.date <= t)).collect();
        let best_rank = in_office.iter().map(|s| s.rank).min()?;
        let best: Vec<&&Sense> = in_office.iter().filter(|s| s.rank == best_rank).collect();
        let actor = best.first()?.actor;
        best.iter().all(|s| s.actor == actor).then(|| **best[0])
    }
}
