//! gleaner's `geopolitics` plugin: states, organisations and office holders
//! normalised to codes, and CAMEO-coded events between them, from a single
//! article, GDELT-style, without a parser.
//!
//! For each document it emits:
//! - `actor` records: `code` (ISO 3166-1 alpha-3 for states, a short code
//!   for organisations: `EU`, `NATO`, `UN`, `UNSC`, `OPEC`, ...; `WST` for
//!   "the West" as PETRARCH and GDELT code it, from "Western" before a common
//!   noun: "Western sanctions", not "Western Cambodia"), `role`
//!   (`country`, `capital`, `city`, `leader`, `government`, `organization`,
//!   `demonym`) and `name` (canonical English name). Office holders are
//!   coded by the office they held at the article's date (the document's
//!   date; today when unknown).
//! - `event` records over the sentence: `source`, `target` (actor codes),
//!   `cameo` (CAMEO code), `root` (its two-digit root), `label` (the code's
//!   name), `quad` (GDELT quad class 1–4), `goldstein` (GDELT Goldstein
//!   score) and `trigger` (the words that signal it).
//! - one `summary` record over `0..0`: `actors` ("CHN:5,RUS:4": codes by
//!   mention count, most first), `dyads` ("CHN>RUS:2,EU>CHN:1": ordered
//!   pairs by event count), `n_actors` and `n_events`.
//!
//! How events are found, without a parser: per sentence, a trigger (a verb
//! or an event noun of `data/triggers.tsv`, with its inflections) gets a
//! source (the nearest actor before it in the clause, outside prepositional
//! phrases) and a target (the nearest actor after it, skipping places after
//! "in"/"at", reporters such as ", officials said", and agents after "by");
//! passive verbs swap them; event nouns take possessives ("Moscow's attack
//! on Kyiv"), "from"/"by" phrases and the subject of light verbs ("launched
//! an invasion of"). Coordinated actors give one event per pair; a
//! coordinated subject of a joint event without object ("A and B met") gives
//! both directions. Negated triggers ("refused to condemn") give no event;
//! a trigger governed by an appeal, intent, demand, rejection or threat
//! ("threatened to attack") is coded as the governing one. In a sentence
//! that names one state only, agent nouns ("police", "rebels") stand for
//! that state, so domestic events are coded (EGY→EGY). Anaphors ("it" as a
//! subject, "the country", "the government", bare "officials") stand for the
//! subject before them in the sentence, else for the subject of the latest
//! sentence that named one. Killings are assaults (CAMEO 18) unless the
//! clause speaks of combat, the killers are military forces or the victims
//! are armed (fight, 19); "will"/"plans to" before a sanction, coercion or
//! attack make it a threat (13); "agreed to lift", "pledged to expel" are
//! coded as the act.
//!
//! Actors are dropped where their name means something else: companies
//! ("Credit Suisse", "Swiss Re"), and, in sports reports (recognised by their
//! vocabulary), national teams and clubs ("England beat Wales", "Roma
//! defender") — places ("in Rome") and nationalities ("Russian Dmitriy
//! Bogdanov") stay.
//!
//! Organisation of the crate:
//! - [`text`]: tokenizer and sentence splitter;
//! - [`date`]: dates of articles and of terms of office;
//! - [`gazetteer`]: the compiled tables, searched at word starts;
//! - [`trie`]: the byte trie of the gazetteer's aliases;
//! - [`hash`]: FNV-1a for the tables of words, bitmap filters of words, word lists searched through sets;
//! - [`actors`]: mentions and their disambiguation;
//! - [`events`]: triggers, negation, passive voice, coordination;
//! - [`cameo`]: CAMEO codes with quad class and Goldstein score.
//!
//! Per document the text is tokenized once; the alias search visits the
//! tokens' word starts (a bitmap of the aliases' first words and a hash map
//! to their trie nodes spare most trie walks), bitmaps rule most words out
//! before the lookups of family names, trigger forms and agent nouns, and a
//! text without actors (two news texts in five) skips the sentence split
//! and the event pass. Every shortcut gives the same records as the plain
//! search it replaces.
//!
//! Data (in `data/`, compiled in; see `data/README.md`): the Open Event
//! Data Alliance's country, leader and organisation tables and the CAMEO
//! code table (MIT, © 2014 Open Event Data Alliance; Goldstein scores and
//! quad classes from GDELT's lookups), event triggers chosen from
//! PETRARCH-2's CAMEO verb dictionary (MIT, Open Event Data Alliance), and
//! hand-written additions (office holders since 2015, seats of government,
//! organisations).
//!
//! Setting `gazetteer`: the path of a TSV file that extends the built-in
//! gazetteer, one alias per line: `alias<TAB>code<TAB>role<TAB>name`, with
//! optional `<TAB>start<TAB>end` ISO dates for office holders; role `block`
//! hides a phrase ("South China Sea").

pub mod actors;
pub mod cameo;
pub mod date;
pub mod events;
pub mod gazetteer;
pub mod hash;
pub mod text;
pub mod trie;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use gleaner_sdk::{Config, Document, Error, Extractor, Output, Plugin, Setting, Value};

use crate::date::Date;
use crate::gazetteer::Gazetteer;
use crate::hash::FnvHashMap;

/// The `geopolitics` extractor.
pub struct Geopolitics {
    gazetteer: Arc<Gazetteer>,
}

/// The built-in gazetteer, or the built-in one extended with the user file
/// at `path`; built once per process and file content, shared by all instances.
fn gazetteer_for(path: &str) -> Result<Arc<Gazetteer>, Error> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Gazetteer>>>> = OnceLock::new();
    let user = if path.is_empty() {
        String::new()
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("gazetteer '{path}': {e}"))?
    };
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().map_err(|_| "the gazetteer cache is poisoned")?;
    if let Some(g) = cache.get(&user) {
        return Ok(Arc::clone(g));
    }
    let g = Arc::new(Gazetteer::new((!path.is_empty()).then_some(user.as_str())).map_err(|e| format!("gazetteer '{path}': {e}"))?);
    cache.insert(user, Arc::clone(&g));
    Ok(g)
}

impl Plugin for Geopolitics {
    const ID: &'static str = "geopolitics";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str =
        "States, organisations and office holders as ISO/organisation codes, and CAMEO-coded events between them.";
    const SETTINGS: &'static [Setting] = &[Setting::string(
        "gazetteer",
        "",
        "path of a TSV file extending the gazetteer: alias, code, role, name[, start, end] per line",
    )];

    fn new(config: &Config) -> Result<Self, Error> {
        Ok(Geopolitics { gazetteer: gazetteer_for(config.string("gazetteer")?)? })
    }
}

/// Formats counts as "KEY:n,KEY:n", largest first (ties by key).
fn format_counts<K: Ord + std::fmt::Display>(counts: FnvHashMap<K, usize>) -> String {
    let mut v: Vec<(K, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.iter().map(|(k, n)| format!("{k}:{n}")).collect::<Vec<_>>().join(",")
}

impl Extractor for Geopolitics {
    fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        let text = doc.text();
        let date = doc.date().and_then(Date::parse).or_else(|| doc.meta_value("date").and_then(Date::parse)).unwrap_or_else(Date::today);
        let gaz = &*self.gazetteer;
        let tokens = text::tokenize(text);
        let mentions = actors::Tagger::new(gaz, date).tag(text, &tokens);
        // Events are between actors: a text without any (two news texts in five) needs no sentences.
        let events = if mentions.is_empty() {
            Vec::new()
        } else {
            let sentences = text::sentences(text, &tokens);
            events::extract(text, &tokens, &sentences, &mentions, &|a| gaz.actor(a).is_state)
        };

        let mut actor_counts: FnvHashMap<&str, usize> = FnvHashMap::default();
        for m in &mentions {
            let a = gaz.actor(m.actor);
            *actor_counts.entry(a.code.as_str()).or_default() += 1;
            let fields = [
                ("code", Value::Str(&a.code)),
                ("role", Value::Str(m.role.as_str())),
                ("name", Value::Str(&a.name)),
            ];
            if !out.emit(m.start, m.end, "actor", &fields) {
                return Ok(());
            }
        }
        let mut dyads: FnvHashMap<String, usize> = FnvHashMap::default();
        for e in &events {
            let (src, tgt) = (gaz.actor(e.source), gaz.actor(e.target));
            *dyads.entry(format!("{}>{}", src.code, tgt.code)).or_default() += 1;
            let info = cameo::lookup(e.code);
            let fields = [
                ("source", Value::Str(&src.code)),
                ("target", Value::Str(&tgt.code)),
                ("cameo", Value::Str(e.code)),
                ("root", Value::Str(&e.code[..2])),
                ("label", info.map_or(Value::Null, |c| Value::Str(&c.name))),
                ("quad", info.map_or(Value::Null, |c| Value::Int(c.quad))),
                ("goldstein", info.map_or(Value::Null, |c| Value::Float(c.goldstein))),
                ("trigger", Value::Str(&text[e.trigger.0..e.trigger.1])),
            ];
            if !out.emit(e.start, e.end, "event", &fields) {
                return Ok(());
            }
        }
        let (n_actors, n_events) = (mentions.len(), events.len());
        let (actors_field, dyads_field) = (format_counts(actor_counts), format_counts(dyads));
        out.emit(
            0,
            0,
            "summary",
            &[
                ("actors", Value::Str(&actors_field)),
                ("dyads", Value::Str(&dyads_field)),
                ("n_actors", Value::from(n_actors)),
                ("n_events", Value::from(n_events)),
            ],
        );
        Ok(())
    }
}

gleaner_sdk::export_plugin!(extractor Geopolitics);
