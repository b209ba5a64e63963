//! The gazetteer: every name that codes to a state or an organisation, in
//! one byte trie (see [`crate::trie`]) built once, searched at the word
//! starts of the tokens ([`Gazetteer::find`]). Before a walk in the trie, a
//! word goes through a bitmap of the aliases' first words (`WordFilter`)
//! and a hash map from those words to their trie nodes; family names of
//! office holders sit in a bitmap and a hash map too.
//!
//! Sources, all compiled in from `data/` (see `data/README.md` for their
//! origin and licences):
//! - `actors.tsv`: states and territories with their names, spelling
//!   variants, demonyms, capitals, cities and provinces (OEDA, MIT);
//! - `leaders.tsv`: heads of state and government and cabinet members with
//!   their terms (OEDA, MIT), up to about 2015;
//! - `leaders_recent.tsv`: office holders since then (hand-written);
//! - `igos.tsv`: names of international organisations (OEDA, MIT);
//! - `aliases.tsv`: hand-written names, seats of government, state media,
//!   organisations and "block" phrases ("South China Sea");
//! - `stop_aliases.txt`: table aliases left out (common words, US states).
//!
//! A user file in the format of `aliases.tsv` (plus optional start/end date
//! columns) extends it through the `gazetteer` setting.
//!
//! An alias may have several senses (a name that was a foreign minister, then
//! head of an organisation): [`Gazetteer::resolve`] picks the one in force
//! at the article's date.

use crate::date::Date;
use crate::hash::{FnvHashMap, FnvHashSet, WordFilter};
use crate::text::{char_at, is_word_char, word_end, Token};
use crate::trie::{NodeId, Trie};

/// What kind of name a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A state's name ("France").
    Country,
    /// A capital ("Paris").
    Capital,
    /// A city, province or region of a state ("Shanghai").
    City,
    /// A person holding (or having held) an office.
    Leader,
    /// A seat or organ of government used for the government ("the Kremlin").
    Government,
    /// An organisation ("NATO", or a state's news agency).
    Organization,
    /// A demonym or adjective ("Chinese").
    Demonym,
    /// Not an actor: a phrase that hides the names inside it ("South China Sea").
    Block,
}

impl Role {
    /// Parses a role name as written in the TSV files.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s.trim() {
            "country" => Role::Country,
            "capital" => Role::Capital,
            "city" => Role::City,
            "leader" => Role::Leader,
            "government" => Role::Government,
            "organization" | "organisation" => Role::Organization,
            "demonym" => Role::Demonym,
            "block" => Role::Block,
            _ => return None,
        })
    }

    /// The role's name in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Country => "country",
            Role::Capital => "capital",
            Role::City => "city",
            Role::Leader => "leader",
            Role::Government => "government",
            Role::Organization => "organization",
            Role::Demonym => "demonym",
            Role::Block => "block",
        }
    }
}

/// One meaning of an alias: an actor in a role, over a date range for office holders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sense {
    /// Index of the actor in [`Gazetteer::actor`].
    pub actor: u32,
    /// The role of the alias.
    pub role: Role,
    /// First day of the term (`None`: always).
    pub from: Option<Date>,
    /// Last day of the term (`None`: open).
    pub to: Option<Date>,
    /// Trust in the source: 0 user and hand-written, 1 heads of state and
    /// government, 2 cabinet-level entries.
    pub rank: u8,
}

impl Sense {
    fn covers(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A state or organisation: its code and canonical English name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// ISO 3166-1 alpha-3 code, or a short organisation code.
    pub code: String,
    /// Canonical English name.
    pub name: String,
    /// Whether the actor is a state or territory (else an organisation).
    pub is_state: bool,
}

/// A validated match of an alias in a text.
#[derive(Clone, Copy, Debug)]
pub struct Found<'g> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The alias's senses.
    pub senses: &'g [Sense],
}

/// The compiled gazetteer.
pub struct Gazetteer {
    /// The aliases (upper-cased keys); a key's index is its pattern number.
    aliases: Trie,
    /// The first words (runs of alphanumerics) of the aliases.
    first_words: WordFilter,
    /// The same first words (upper-cased): their nodes in `aliases`.
    first_word_nodes: FnvHashMap<Vec<u8>, NodeId>,
    /// Per pattern: the alias's senses.
    senses: Vec<Vec<Sense>>,
    /// Per pattern: the alias has at most three letters and must be written in capitals ("US", "WHO").
    capitals_only: Vec<bool>,
    actors: Vec<Actor>,
    /// Per actor code: its index in `actors`.
    actor_codes: FnvHashMap<String, u32>,
    /// Family names of office holders (upper-cased): the office holders' senses.
    surnames: FnvHashMap<Vec<u8>, Vec<Sense>>,
    /// The same family names.
    surname_filter: WordFilter,
}

/// The longest word looked up in a hash map of upper-cased words (longer
/// ones are walked in the trie; no family name is that long).
const MAX_KEY: usize = 64;

/// `word` with ASCII letters upper-cased, in `buf`; `None` if longer than [`MAX_KEY`].
fn upper_ascii_in<'b>(word: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    let upper = buf.get_mut(..word.len())?;
    upper.copy_from_slice(word);
    upper.make_ascii_uppercase();
    Some(upper)
}

const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
const LEADERS_TSV: &str = include_str!("../data/leaders.tsv");
const LEADERS_RECENT_TSV: &str = include_str!("../data/leaders_recent.tsv");
const IGOS_TSV: &str = include_str!("../data/igos.tsv");
const ALIASES_TSV: &str = include_str!("../data/aliases.tsv");
const STOP_ALIASES: &str = include_str!("../data/stop_aliases.txt");

/// Organisation codes of the CAMEO IGO blocks (longest prefix first).
const CAMEO_ORGS: &[(&str, &str)] = &[
    ("IGOUNOHLHWHO", "WHO"),
    ("IGOUNOREFHCR", "UNHCR"),
    ("IGOUNOIAE", "IAEA"),
    ("IGOUNOKID", "UNICEF"),
    ("IGOUNOWFP", "WFP"),
    ("IGOUNODEVWBK", "WB"),
    ("IGOUNOWBK", "WB"),
    ("IGOUNOJUDICJ", "ICJ"),
    ("IGOUNO", "UN"),
    ("IGOEUR", "EU"),
    ("IGOWSTNAT", "NATO"),
    ("IGOBUSOPC", "OPEC"),
    ("IGOSEAASN", "ASEAN"),
    ("IGOAFRAFU", "AU"),
    ("IGOAFROAU", "AU"),
    ("IGOMEAARL", "ARABLEAGUE"),
    ("IGOCOPITP", "INTERPOL"),
    ("IGOBUSIMF", "IMF"),
    ("IGOBUSWTO", "WTO"),
    ("IGOJUDICC", "ICC"),
    ("IGOOAS", "OAS"),
    ("IGOWAFWAS", "ECOWAS"),
    ("IGOMOSOIC", "OIC"),
    ("IGOCASCIS", "CIS"),
];

/// Three-letter organisation codes (every other three-letter upper-case code is a state's).
const NOT_STATES: &[&str] = &["WST", "WHO", "IMF", "ICC", "ICJ", "WFP", "OAS", "GCC", "SCO", "CIS", "OIC", "ECB", "HRW"];

/// States whose people put the family name first ("Xi Jinping" → "President Xi").
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "SGP", "KHM"];

/// Words that end a demonym's list of plain spellings in `actors.tsv` (heuristic: these endings are
/// adjectives or nouns for people, the rest are names of the state).
fn looks_like_demonym(alias: &str) -> bool {
    !alias.contains(' ')
        && ["AN", "ANS", "ESE", "ISH", "I", "IS", "ER", "ERS", "IC", "CH", "SS", "EK", "AK", "ZI", "OT", "OTS"]
            .iter()
            .any(|e| alias.ends_with(e))
}

/// Title-cases an upper-case table name ("UNITED ARAB EMIRATES" → "United Arab Emirates").
fn title_case(s: &str) -> String {
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "the" | "and" | "de" | "du" | "da") {
                return lower;
            }
            let mut cs = lower.chars();
            cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Upper-cases an alias for the trie (ASCII only: the search folds ASCII case).
fn key(alias: &str) -> String {
    let t = alias.trim();
    let t = t.strip_prefix("THE ").or_else(|| t.strip_prefix("the ")).or_else(|| t.strip_prefix("The ")).unwrap_or(t);
    t.to_ascii_uppercase()
}

#[derive(Default)]
struct Builder {
    map: FnvHashMap<String, Vec<Sense>>,
    actors: Vec<Actor>,
    index: FnvHashMap<String, u32>,
    surnames: FnvHashMap<String, Vec<Sense>>,
    stop: FnvHashSet<String>,
}

impl Builder {
    fn actor(&mut self, code: &str, name: &str) -> u32 {
        if let Some(&i) = self.index.get(code) {
            return i;
        }
        let i = self.actors.len() as u32;
        let is_state = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && !NOT_STATES.contains(&code);
        self.actors.push(Actor { code: code.to_owned(), name: name.to_owned(), is_state });
        self.index.insert(code.to_owned(), i);
        i
    }

    fn add(&mut self, alias: &str, sense: Sense) {
        let k = key(alias);
        let letters = k.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || self.stop.contains(&k) || k.contains(['(', ')', ',', '/', '[', ']']) {
            return;
        }
        // Spelling variants: hyphen and space are interchangeable in compound names.
        if k.contains('-') && sense.role != Role::Leader {
            self.push(k.replace('-', " "), sense);
        }
        self.push(k, sense);
    }

    fn push(&mut self, k: String, sense: Sense) {
        let v = self.map.entry(k).or_default();
        if !v.contains(&sense) {
            v.push(sense);
        }
    }

    fn add_surname(&mut self, code: &str, full_name: &str, sense: Sense) {
        let words: Vec<&str> = full_name.split_whitespace().collect();
        if words.len() < 2 {
            return;
        }
        let family_first = FAMILY_NAME_FIRST.contains(&code);
        let surname = if family_first { words[0] } else { words[words.len() - 1] };
        let s = surname.trim_end_matches('.').to_ascii_uppercase();
        if s.chars().filter(|c| c.is_alphabetic()).count() < 3 || matches!(s.as_str(), "JR" | "SR" | "III" | "II") {
            return;
        }
        let v = self.surnames.entry(s).or_default();
        if !v.contains(&sense) {
            v.push(sense);
        }
    }

    /// Reads a file in the format of `aliases.tsv`: alias, code, role, name[, start, end].
    fn add_alias_file(&mut self, tsv: &str, rank: u8) -> Result<(), String> {
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(format!("line {}: expected alias<TAB>code<TAB>role[<TAB>name[<TAB>start<TAB>end]]", n + 1));
            }
            let role = Role::parse(cols[2]).ok_or_else(|| format!("line {}: unknown role '{}'", n + 1, cols[2]))?;
            let code = cols[1].trim();
            let name = cols.get(3).map(|s| s.trim()).filter(|s| !s.is_empty()).unwrap_or(code);
            let from = cols.get(4).and_then(|s| Date::parse(s));
            let to = cols.get(5).and_then(|s| Date::parse(s));
            let actor = self.actor(code, name);
            self.add(cols[0], Sense { actor, role, from, to, rank });
        }
        Ok(())
    }

    fn add_countries(&mut self) {
        for line in ACTORS_TSV.lines().skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            let (Some(iso3), Some(name)) = (c.get(2).filter(|s| s.len() == 3), c.get(4).filter(|s| !s.is_empty())) else {
                continue;
            };
            let actor = self.actor(iso3, &title_case(name));
            let sense = |role| Sense { actor, role, from: None, to: None, rank: 1 };
            self.add(name, sense(Role::Country));
            let nationality: Vec<&str> = c.get(5).map(|s| s.split('|').collect()).unwrap_or_default();
            for (i, alias) in nationality.iter().enumerate() {
                let role = if i == 0 || looks_like_demonym(alias) { Role::Demonym } else { Role::Country };
                self.add(alias, sense(role));
                // The plural of a demonym for people ("Liberians", "Israelis").
                if role == Role::Demonym && (alias.ends_with("AN") || alias.ends_with('I')) {
                    self.add(&format!("{alias}S"), sense(role));
                }
            }
            let capitals: Vec<&str> = c.get(6).map(|s| s.split('|').collect()).unwrap_or_default();
            for alias in &capitals {
                self.add(alias, sense(Role::Capital));
            }
            for alias in c.get(7).map(|s| s.split('|')).into_iter().flatten() {
                if alias == *name || nationality.contains(&alias) || capitals.contains(&alias) {
                    continue;
                }
                if alias.ends_with(" STATE") || alias.ends_with(" RIVER") || alias.ends_with(" MOUNTAINS") {
                    continue;
                }
                self.add(alias, sense(Role::City));
            }
        }
    }

    fn add_leaders(&mut self) {
        for line in LEADERS_TSV.lines().skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            let (Some(country), Some(name)) = (c.first(), c.get(1)) else { continue };
            let Some(&actor) = self.index.get(*country) else { continue };
            let source = c.get(7).copied().unwrap_or("");
            let rank = if source == "countryinfo-government" { 2 } else { 1 };
            let from = c.get(5).and_then(|s| Date::parse(s));
            let to = c.get(6).and_then(|s| Date::parse(s));
            let words = name.split_whitespace().count();
            // Bodies ("AFGHAN NATIONAL ARMY", "FEDERAL RESERVE") are organs of the state or other organisations.
            let state_organ = c.get(4).is_some_and(|code| ["GOV", "MIL", "JUD", "LEG", "COP", "SPY"].iter().any(|s| code.get(3..6) == Some(*s)));
            let role = match (words > 1 && is_body(name), state_organ) {
                (true, true) => Role::Government,
                (true, false) => Role::Organization,
                _ => Role::Leader,
            };
            let sense = Sense { actor, role, from, to, rank };
            // One-word names are too often ordinary words; keep only long ones from the heads' list.
            if words > 1 || (rank == 1 && name.len() >= 6 && source == "countryinfo-leaders") {
                self.add(name, sense);
            }
            for alt in c.get(2).map(|s| s.split('|')).into_iter().flatten() {
                if alt.split_whitespace().count() > 1 {
                    self.add(alt, sense);
                }
            }
            if role == Role::Leader {
                self.add_surname(country, name, sense);
            }
        }
        for line in LEADERS_RECENT_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            let (Some(code), Some(name)) = (c.first(), c.get(1)) else { continue };
            let actor = match self.index.get(*code) {
                Some(&a) => a,
                None => self.actor(code, code),
            };
            let from = c.get(4).and_then(|s| Date::parse(s));
            let to = c.get(5).and_then(|s| Date::parse(s));
            let sense = Sense { actor, role: Role::Leader, from, to, rank: 0 };
            self.add(name, sense);
            for alt in c.get(2).map(|s| s.split('|')).into_iter().flatten().filter(|s| !s.is_empty()) {
                self.add(alt, sense);
            }
            self.add_surname(code, name, sense);
        }
    }

    fn add_igos(&mut self) {
        for line in IGOS_TSV.lines().skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            let (Some(phrase), Some(cameo)) = (c.first(), c.get(2)) else { continue };
            let Some(&(_, code)) = CAMEO_ORGS.iter().find(|(prefix, _)| cameo.starts_with(prefix)) else { continue };
            let Some(&actor) = self.index.get(code) else { continue };
            let from = c.get(3).and_then(|s| Date::parse(s));
            let to = c.get(4).and_then(|s| Date::parse(s));
            // Dated entries are people holding an organisation's office, often national
            // ministers chairing it in turn: their state's entry (rank 1) comes first.
            let (role, rank) = if from.is_some() { (Role::Leader, 2) } else { (Role::Organization, 1) };
            let sense = Sense { actor, role, from, to, rank };
            self.add(phrase, sense);
            for syn in c.get(1).map(|s| s.split('|')).into_iter().flatten() {
                self.add(syn, sense);
            }
        }
    }

    fn build(self) -> Gazetteer {
        let mut patterns: Vec<String> = Vec::with_capacity(self.map.len());
        let mut senses = Vec::with_capacity(self.map.len());
        let mut capitals_only = Vec::with_capacity(self.map.len());
        let mut entries: Vec<(String, Vec<Sense>)> = self.map.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, mut s) in entries {
            s.sort_by_key(|x| x.rank);
            capitals_only.push(k.chars().filter(|c| c.is_alphabetic()).count() <= 3);
            patterns.push(k);
            senses.push(s);
        }
        let aliases = Trie::new(&patterns);
        let mut first_words = WordFilter::new(patterns.len());
        let mut first_word_nodes = FnvHashMap::default();
        for k in &patterns {
            let word = &k.as_bytes()[..word_end(k, 0)];
            first_words.insert(word);
            if let Some(node) = aliases.node(word) {
                first_word_nodes.insert(word.to_vec(), node);
            }
        }
        debug_assert!(self.surnames.keys().all(|k| k.len() <= MAX_KEY));
        let mut surname_filter = WordFilter::new(self.surnames.len());
        for k in self.surnames.keys() {
            surname_filter.insert(k.as_bytes());
        }
        let surnames = self.surnames.into_iter().map(|(k, v)| (k.into_bytes(), v)).collect();
        Gazetteer {
            aliases,
            first_words,
            first_word_nodes,
            senses,
            capitals_only,
            actors: self.actors,
            actor_codes: self.index,
            surnames,
            surname_filter,
        }
    }
}

/// Whether a name in the leaders table names a body rather than a person ("AFGHAN NATIONAL ARMY").
fn is_body(name: &str) -> bool {
    const BODY_WORDS: &[&str] = &[
        "ARMY", "FORCES", "FORCE", "POLICE", "MINISTRY", "GOVERNMENT", "COUNCIL", "PARLIAMENT", "NAVY", "GUARD",
        "CABINET", "OFFICE", "AGENCY", "SERVICE", "COURT", "COMMAND", "TROOPS", "MILITARY", "ASSEMBLY", "RESERVE",
        "DEPARTMENT", "BUREAU", "BOARD", "ADMINISTRATION", "COMMISSION", "CONGRESS", "SENATE", "TREASURY", "BANK",
        "INTELLIGENCE", "PARTY", "FRONT", "MOVEMENT", "COMMITTEE", "AUTHORITY", "DUMA", "KNESSET",
    ];
    name.split_whitespace().any(|w| BODY_WORDS.contains(&w))
}

/// Function words that may stay lower-case inside a name ("Bosnia and Herzegovina", "al-Qaeda").
fn is_name_particle(w: &str) -> bool {
    // of the and de du da al el bin ibn van von der den la le y e d des di do
    // dos on in for state ul ad as, matched byte by byte (a decision tree,
    // not one string comparison per particle).
    matches!(
        *w.as_bytes(),
        [b'y' | b'e' | b'd']
            | [b'o', b'f' | b'n']
            | [b'd', b'e' | b'u' | b'a' | b'i' | b'o']
            | [b'a', b'l' | b'd' | b's']
            | [b'e', b'l']
            | [b'l', b'a' | b'e']
            | [b'i', b'n']
            | [b'u', b'l']
            | [b't', b'h', b'e']
            | [b'a', b'n', b'd']
            | [b'b', b'i', b'n']
            | [b'i', b'b', b'n']
            | [b'v', b'a' | b'o', b'n']
            | [b'd', b'e', b'r' | b'n' | b's']
            | [b'd', b'o', b's']
            | [b'f', b'o', b'r']
            | [b's', b't', b'a', b't', b'e']
    )
}

/// Whether the text of a match is written as a name: every word capitalised
/// (particles aside), and short aliases entirely in capitals.
fn written_as_name(s: &str, capitals_only: bool) -> bool {
    if capitals_only {
        return s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    }
    let mut any_upper = false;
    for w in s.split([' ', '-', '\u{2011}']).filter(|w| !w.is_empty()) {
        let w = w.trim_start_matches(['\'', '’']);
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else { continue };
        if first.is_uppercase() {
            any_upper = true;
        } else if !is_name_particle(w.split(['\'', '’']).next().unwrap_or(w)) {
            return false;
        }
    }
    any_upper
}

fn char_after(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

impl Gazetteer {
    /// The built-in gazetteer, extended with a user file (alias, code, role,
    /// name, start, end; tab-separated) when `user` is given.
    pub fn new(user: Option<&str>) -> Result<Gazetteer, String> {
        let stop = STOP_ALIASES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(key).collect();
        let mut b = Builder { stop, ..Builder::default() };
        b.add_alias_file(ALIASES_TSV, 0).map_err(|e| format!("aliases.tsv: {e}"))?;
        b.add_countries();
        b.add_leaders();
        b.add_igos();
        if let Some(user) = user {
            b.add_alias_file(user, 0).map_err(|e| format!("user gazetteer: {e}"))?;
        }
        Ok(b.build())
    }

    /// The actor at `index`.
    pub fn actor(&self, index: u32) -> &Actor {
        &self.actors[index as usize]
    }

    /// The index of the actor with `code`, if the gazetteer knows it.
    pub fn actor_index(&self, code: &str) -> Option<u32> {
        self.actor_codes.get(code).copied()
    }

    /// The leaders whose family name is `word` (ASCII case ignored), if any.
    pub fn surname(&self, word: &str) -> Option<&[Sense]> {
        if !self.surname_filter.may_contain(word.as_bytes()) {
            return None;
        }
        let mut buf = [0; MAX_KEY];
        self.surnames.get(upper_ascii_in(word.as_bytes(), &mut buf)?).map(Vec::as_slice)
    }

    /// Finds the aliases written in `text` (split into `tokens` by
    /// [`crate::text::tokenize`]): at word starts, whole words, written as
    /// names, non-overlapping (leftmost first, then the longest).
    ///
    /// A word starts at an alphanumeric char after a char that is not one
    /// (a word token's start, or a start after a joiner inside it: "Jong-un"
    /// has two), or at an apostrophe after such a char.
    pub fn find<'g>(&'g self, text: &str, tokens: &[Token]) -> Vec<Found<'g>> {
        let mut out: Vec<Found<'g>> = Vec::new();
        // Matches do not overlap: no search starts before the end of the last one.
        let mut resume = 0;
        for t in tokens {
            if t.end <= resume {
                continue;
            }
            if !t.is_word {
                let apostrophe = text.as_bytes()[t.start] == b'\'';
                if apostrophe && t.start >= resume && !text[..t.start].chars().next_back().is_some_and(is_word_char) {
                    if let Some(found) = self.alias_at(text, t.start, t.start) {
                        resume = found.end;
                        out.push(found);
                    }
                }
                continue;
            }
            // The runs of word characters of the token, between its joiners.
            let mut s = t.start;
            while s < t.end {
                let run_end = if t.joined { word_end(text, s) } else { t.end };
                if s >= resume {
                    if let Some(found) = self.name_at(text, s, run_end) {
                        resume = found.end;
                        out.push(found);
                    }
                }
                s = run_end + text[run_end..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    /// The alias written as a name at the word `s..run_end` (a run of
    /// alphanumeric chars at a word start), if any.
    fn name_at<'g>(&'g self, text: &str, s: usize, run_end: usize) -> Option<Found<'g>> {
        // A word in lower case starts no name unless it is a particle
        // ("al-Qaeda"): a name's first word is written as a name (see
        // [`written_as_name`]), and a match ends where a word ends.
        let (first, _) = char_at(text, s);
        // (Particles have five letters at most.)
        if first.is_alphabetic() && !first.is_uppercase() && (run_end - s > 5 || !is_name_particle(&text[s..run_end])) {
            return None;
        }
        self.alias_at(text, s, run_end)
    }

    /// The longest alias that starts at byte `s` (a word start whose run of
    /// alphanumeric chars ends at `run_end`), if it is a whole word written
    /// as a name.
    fn alias_at<'g>(&'g self, text: &str, s: usize, run_end: usize) -> Option<Found<'g>> {
        // A whole-word match's first word is the text's first word: the match
        // ends where a word ends, and its bytes are the text's (ASCII case
        // aside). (A longest match that ends inside the word is no whole word,
        // and no shorter match is tried.)
        let first_word = &text.as_bytes()[s..run_end];
        if !self.first_words.may_contain(first_word) {
            return None;
        }
        let node = self.first_word_node(first_word)?;
        let (len, p) = self.aliases.longest_from(node, &text.as_bytes()[run_end..])?;
        let e = run_end + len;
        let whole_word = text.is_char_boundary(e) && !char_after(text, e).is_some_and(char::is_alphanumeric);
        (whole_word && written_as_name(&text[s..e], self.capitals_only[p])).then(|| Found { start: s, end: e, senses: &self.senses[p] })
    }

    /// The trie node of the aliases' first word `word` (ASCII case ignored),
    /// by a hash lookup rather than a walk in the trie.
    fn first_word_node(&self, word: &[u8]) -> Option<NodeId> {
        let mut buf = [0; MAX_KEY];
        match upper_ascii_in(word, &mut buf) {
            Some(upper) => self.first_word_nodes.get(upper).copied(),
            None => self.aliases.node(word),
        }
    }

    /// Picks the sense in force on `date`: among the senses whose term covers
    /// it, the most trusted (then the latest to start); else the most recent
    /// past office (a former office holder); else the earliest future one.
    pub fn resolve(senses: &[Sense], date: Date) -> Option<Sense> {
        let covering = senses.iter().filter(|s| s.covers(date));
        if let Some(best) = covering.min_by_key(|s| (s.rank, std::cmp::Reverse(s.from))) {
            return Some(*best);
        }
        let past = senses.iter().filter(|s| s.to.is_some_and(|t| t < date)).max_by_key(|s| (s.to, std::cmp::Reverse(s.rank)));
        past.or_else(|| senses.iter().min_by_key(|s| (s.from, s.rank))).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_capitalised_and_short_ones_in_capitals() {
        assert!(written_as_name("Bosnia and Herzegovina", false));
        assert!(written_as_name("al-Qaeda", false));
        assert!(!written_as_name("turkey", false));
        assert!(written_as_name("US", true));
        assert!(!written_as_name("us", true));
        assert!(!written_as_name("Who", true));
    }

    #[test]
    fn name_particles_are_the_listed_words() {
        const PARTICLES: &[&str] = &[
            "of", "the", "and", "de", "du", "da", "al", "el", "bin", "ibn", "van", "von", "der", "den", "la", "le", "y",
            "e", "d", "des", "di", "do", "dos", "on", "in", "for", "state", "ul", "ad", "as",
        ];
        let letters: Vec<char> = ('a'..='z').collect();
        let mut words: Vec<String> = letters.iter().map(|c| c.to_string()).collect();
        for _ in 0..2 {
            let longer: Vec<String> = words.iter().flat_map(|w| letters.iter().map(move |c| format!("{w}{c}"))).collect();
            words.extend(longer.into_iter().filter(|w| w.len() == 2 || w.len() == 3));
        }
        words.extend(["state", "states", "stat", "The", "OF", ""].map(String::from));
        for w in &words {
            assert_eq!(is_name_particle(w), PARTICLES.contains(&w.as_str()), "{w}");
        }
    }

    #[test]
    fn table_names_are_title_cased() {
        assert_eq!(title_case("UNITED STATES OF AMERICA"), "United States of America");
    }
}
