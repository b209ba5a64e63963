//! Word lists: reporting verbs (with their inflections), titles, role
//! nouns, pronouns and the small function words the attribution rules
//! need. Built once into a `OnceLock` static; a lookup packs the word,
//! lower-cased, into a `u128`, asks a small Bloom filter whether it may be
//! listed and only then probes an open-addressing table.

use std::sync::OnceLock;

/// A reporting verb that introduces speech ("said", "told", "wrote").
pub const SPEECH: u32 = 1 << 0;
/// A verb that frames a quoted fragment without being a speech verb
/// ("called", "praised", "described"): a cue for partial quotes only.
pub const FRAMING: u32 = 1 << 1;
/// The verb form ends in "-ing" ("saying", "adding").
pub const ING: u32 = 1 << 2;
/// A verb whose object is the addressee ("told", "asked").
pub const ADDRESSEE: u32 = 1 << 3;
/// A title before a name ("Mr.", "Senator", "President").
pub const TITLE: u32 = 1 << 4;
/// A noun that can head a speaker description ("spokesman", "officials").
pub const ROLE: u32 = 1 << 5;
/// A subject pronoun ("he", "they").
pub const PRONOUN: u32 = 1 << 6;
/// A determiner or quantifier that can open a noun phrase.
pub const DET: u32 = 1 << 7;
/// An adverb or auxiliary that may stand between a subject and its verb.
pub const ADVERB: u32 = 1 << 8;
/// A word that ends a noun phrase scan (conjunctions, relatives, copulas).
pub const STOP: u32 = 1 << 9;
/// A capitalised word that is not a name (sentence-initial function words).
pub const NOT_NAME: u32 = 1 << 10;
/// A day, month or other time word ("Tuesday", "yesterday").
pub const TIME: u32 = 1 << 11;
/// An abbreviation whose period does not end a sentence ("Mr", "Sen").
pub const ABBREV: u32 = 1 << 12;
/// A preposition that may link a role to its organisation ("for", "of").
pub const PREP: u32 = 1 << 13;
/// A pronoun for a woman ("she").
pub const FEMININE: u32 = 1 << 14;
/// A pronoun or title for a man ("he", "Mr.").
pub const MASCULINE: u32 = 1 << 15;
/// A plural pronoun ("they", "we").
pub const PLURAL: u32 = 1 << 16;
/// Verbs that frame indirect speech with a following clause ("said", "warned").
pub const CLAUSE: u32 = 1 << 17;
/// A speech verb that takes a reported clause without "that" ("said the
/// plan failed"); other clause verbs need "that" ("maintained that ...").
pub const BARE_CLAUSE: u32 = 1 << 19;
/// A word of a multi-word cue: "according" (to), "put"/"puts" (it).
pub const CUE_PART: u32 = 1 << 20;
/// The base form of a verb ("say", "call"): after a singular noun it is a
/// noun itself ("a phone call", "state news").
pub const BASE: u32 = 1 << 18;
/// An article or possessive determiner before a noun ("the", "his", "each").
pub const ARTICLE: u32 = 1 << 21;

/// Speech verbs: `base` or `base|past|ing|3sg|participle` where irregular.
const SPEECH_VERBS: &[&str] = &[
    "say|said|saying|says|said",
    "tell|told|telling|tells|told",
    "write|wrote|writing|writes|written",
    "add", "note", "warn", "insist", "explain", "continue", "ask", "tweet", "reply", "declare", "respond",
    "conclude", "state", "recall", "report", "argue", "admit|admitted|admitting|admits|admitted", "assure",
    "acknowledge", "remark", "claim", "announce", "predict", "suggest", "complain", "joke",
    "quip|quipped|quipping|quips|quipped", "shout", "yell", "chant", "urge", "charge", "answer", "observe",
    "contend", "caution", "stress", "emphasize", "emphasise", "maintain", "allege", "concede", "confirm", "deny",
    "boast", "vow", "promise", "mention", "opine", "testify", "muse", "scream", "counter", "retort", "whisper",
    "recount", "reason", "lament", "assert", "reiterate", "exclaim", "interject", "cry", "murmur", "mutter",
    "snap|snapped|snapping|snaps|snapped", "thunder", "remind", "advise", "affirm", "speculate", "posit",
    "proclaim", "inform", "blog", "post", "text", "email", "plead", "beg", "demand", "wonder", "agree",
    "object", "protest", "concur", "marvel", "grumble", "sigh", "laugh", "fume", "gush", "rave", "recite",
    "read|read|reading|reads|read", "quote|quoted|quoting|quotes|quoted",
    "estimate", "disclose", "reveal", "repeat", "describe", "elaborate", "clarify", "summarize", "pledge",
    "threaten", "accuse", "criticize", "criticise", "express", "react", "surmise", "scoff", "recommend",
    "lecture", "jeer", "interrupt", "chime", "declare", "acknowledge", "sing", "preach", "exult", "crow",
    "speak|spoke|speaking|speaks|spoken",
];

/// Verbs that frame a quoted fragment ("called him an 'old friend'").
const FRAMING_VERBS: &[&str] = &[
    "call", "praise", "dub|dubbed|dubbing|dubs|dubbed", "label|labeled|labeling|labels|labeled",
    "labelled", "labelling", "brand", "blast", "slam|slammed|slamming|slams|slammed", "tout", "mock", "hail",
    "decry", "denounce", "condemn", "welcome", "characterize", "characterise", "refer|referred|referring|refers|referred",
    "term", "promise", "vow", "pledge", "liken", "compare", "dismiss", "deride", "ridicule", "applaud",
    "celebrate", "cite", "lambaste", "question", "defend", "attack", "blame", "invoke", "insult",
];

/// Verbs that introduce a reported clause ("said that ...").
const CLAUSE_VERBS: &[&str] = &[
    "say", "said", "says", "tell", "told", "tells", "add", "added", "adds", "note", "noted", "notes", "write",
    "wrote", "writes", "warn", "warned", "warns", "insist", "insisted", "insists", "explain", "explained",
    "explains", "argue", "argued", "argues", "claim", "claimed", "claims", "announce", "announced",
    "announces", "predict", "predicted", "predicts", "suggest", "suggested", "suggests", "complain",
    "complained", "complains", "confirm", "confirmed", "confirms", "deny", "denied", "denies", "acknowledge",
    "acknowledged", "acknowledges", "admit", "admitted", "admits", "report", "reported", "reports", "state",
    "stated", "states", "declare", "declared", "declares", "contend", "contended", "contends", "assert",
    "asserted", "asserts", "maintain", "maintained", "maintains", "allege", "alleged", "alleges", "concede",
    "conceded", "concedes", "stress", "stressed", "stresses", "emphasize", "emphasized", "emphasizes",
    "reiterate", "reiterated", "reiterates", "recall", "recalled", "recalls", "reply", "replied", "replies",
    "respond", "responded", "responds", "tweet", "tweeted", "tweets", "assure", "assured", "assures",
    "caution", "cautioned", "cautions", "observe", "observed", "observes", "reveal", "revealed", "reveals",
    "disclose", "disclosed", "discloses", "vow", "vowed", "vows", "promise", "promised", "promises", "pledge",
    "pledged", "pledges", "boast", "boasted", "boasts", "estimate", "estimated", "estimates", "conclude",
    "concluded", "concludes", "remark", "remarked", "remarks", "mention", "mentioned", "mentions",
    "testify", "testified", "testifies", "speculate", "speculated", "speculates", "inform", "informed",
    "informs", "remind", "reminded", "reminds", "affirm", "affirmed", "affirms", "agree", "agreed", "agrees",
];

/// Clause verbs that need no "that" before their clause.
const BARE_CLAUSE_VERBS: &[&str] = &[
    "say", "said", "says", "tell", "told", "tells", "add", "added", "adds", "write", "wrote", "writes", "warn",
    "warned", "warns", "insist", "insisted", "insists", "argue", "argued", "argues", "claim", "claimed",
    "claims", "predict", "predicted", "predicts", "believe", "believes", "believed", "note", "noted", "notes",
    "explain", "explained", "explains", "acknowledge", "acknowledged", "acknowledges", "admit", "admitted",
    "admits", "suggest", "suggested", "suggests", "concede", "conceded", "concedes", "contend", "contended",
    "contends", "assert", "asserted", "asserts", "stress", "stressed", "stresses", "emphasize", "emphasized",
    "emphasizes", "reiterate", "reiterated", "reiterates", "recall", "recalled", "recalls", "tweet", "tweeted",
    "tweets", "announce", "announced", "announces", "confirm", "confirmed", "confirms", "report", "reported",
    "reports",
];

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor", "president",
    "vice", "prime", "minister", "secretary", "gen", "general", "lt", "col", "sgt", "capt", "prof",
    "professor", "sir", "lord", "lady", "rev", "judge", "justice", "mayor", "chancellor", "ambassador",
    "chairman", "chairwoman", "speaker", "king", "queen", "prince", "princess", "pope", "commissioner", "adm",
    "admiral", "coach", "pastor", "father", "bishop", "sheriff", "congressman", "congresswoman",
    "assemblyman", "assemblywoman", "councilman", "councilwoman", "president-elect", "premier", "foreign",
    "state", "deputy", "former", "chief", "sheikh", "ayatollah", "mullah", "rabbi", "cardinal", "gov.",
    "attorney", "candidate", "nominee", "leader", "mp", "dem", "gop", "democratic", "republican",
];

const ROLES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "official", "officials", "aide",
    "aides", "source", "sources", "adviser", "advisers", "advisor", "advisors", "analyst", "analysts", "expert",
    "experts", "economist", "economists", "strategist", "strategists", "lawyer", "lawyers", "attorney",
    "attorneys", "police", "officer", "officers", "witness", "witnesses", "resident", "residents", "voter",
    "voters", "supporter", "supporters", "critic", "critics", "campaign", "statement", "report", "staffer",
    "staffers", "representative", "representatives", "executive", "executives", "leader", "leaders",
    "president", "minister", "ministry", "government", "agency", "broadcaster", "newspaper", "network",
    "committee", "member", "members", "candidate", "nominee", "chairman", "director", "secretary", "senator",
    "governor", "mayor", "professor", "researcher", "researchers", "scientist", "scientists", "historian",
    "author", "activist", "activists", "organizer", "organizers", "manager", "operative", "operatives",
    "consultant", "consultants", "pollster", "pollsters", "observer", "observers", "insider", "insiders",
    "donor", "donors", "delegate", "delegates", "protester", "protesters", "protestor", "protestors", "friend",
    "friends", "people", "person", "man", "woman", "men", "women", "someone", "group", "team", "office",
    "department", "administration", "court", "judge", "prosecutor", "prosecutors", "investigators",
    "authorities", "study", "poll", "survey", "memo", "letter", "release", "filing", "complaint", "lawsuit",
    "editorial", "article", "website", "ad", "video", "host", "anchor", "reporter", "reporters",
    "correspondent", "columnist", "writer", "editor", "publisher", "founder", "ceo", "owner", "fan", "fans",
    "student", "students", "worker", "workers", "employee", "employees", "mother", "son", "daughter", "wife",
    "husband", "brother", "sister", "lawmaker", "lawmakers", "legislator", "legislators", "republicans",
    "democrats", "conservatives", "liberals", "chief", "head", "counsel", "commentator", "commentators",
    "pundit", "pundits", "veteran", "veterans", "agent", "agents", "party", "parents", "father", "doctor",
    "doctors", "nurse", "union", "company", "firm", "bank", "ministers", "diplomat", "diplomats", "envoy",
    "presidents", "governors", "senators", "strategists", "surrogate", "surrogates", "allies", "ally",
    "aides", "adviser", "dean", "teacher", "teachers", "chair", "superintendent", "senior", "media", "paper",
    "magazine", "outlet", "site", "blog", "account", "tweet", "post", "message", "letter", "speech", "filmmaker",
    "actor", "actress", "singer", "comedian", "star", "player", "players", "official's", "rival", "opponent",
    "opponents", "challenger", "incumbent", "candidates", "nominees", "economists", "others", "chairmen",
    "commenter", "commenters", "narrator", "aide", "officer", "mogul", "billionaire", "businessman",
    "businesswoman", "chief", "strategist", "senior", "spokespersons",
];

const PRONOUNS: &[(&str, u32)] = &[
    ("he", MASCULINE),
    ("he's", MASCULINE),
    ("he'd", MASCULINE),
    ("she", FEMININE),
    ("she's", FEMININE),
    ("she'd", FEMININE),
    ("they", PLURAL),
    ("they've", PLURAL),
    ("they'd", PLURAL),
    ("we", PLURAL),
    ("we've", PLURAL),
    ("we'd", PLURAL),
    ("i", 0),
    ("i've", 0),
    ("i'd", 0),
    ("you", 0),
    ("it", 0),
];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "another", "one", "two", "three", "four", "five", "some", "several", "many", "most",
    "other", "both", "all", "his", "her", "their", "its", "our", "my", "these", "those", "each", "any", "no",
];

const ARTICLES: &[&str] = &["a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "another", "every", "each"];

const ADVERBS: &[&str] = &[
    "also", "later", "then", "recently", "previously", "once", "repeatedly", "often", "has", "have", "had",
    "was", "were", "is", "are", "would", "will", "could", "might", "may", "did", "does", "do", "not", "never",
    "already", "simply", "again", "further", "earlier", "ultimately", "finally", "reportedly", "allegedly",
    "publicly", "privately", "just", "even", "still", "first", "last", "now", "always", "frequently",
    "shall", "should", "can", "must", "been", "being", "be", "quickly", "subsequently", "only",
];

const STOPS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "but", "and", "or", "if",
    "as", "after", "before", "than", "to", "so", "since", "although", "though", "until", "unless", "whether",
    "what", "why", "how", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "not",
    "with", "by", "on", "in", "at", "from", "into", "about", "over", "under", "like", "yet", "nor", "it",
    "this", "there", "here", "said", "says", "say", "did", "do", "does", "would", "will", "could", "should",
    "also", "even", "just", "only", "then", "now", "for", "of", "up", "out", "off", "against", "during",
    "without", "within", "through", "between", "among", "upon", "per", "via", "amid",
];

const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "in", "on", "at", "for", "with", "as", "if", "when", "while",
    "after", "before", "since", "because", "although", "though", "yet", "this", "that", "these", "those",
    "it", "there", "here", "what", "who", "why", "how", "where", "then", "now", "still", "also", "even",
    "just", "only", "asked", "according", "meanwhile", "however", "moreover", "indeed", "instead", "yes",
    "no", "not", "some", "many", "most", "all", "both", "each", "every", "other", "another", "one", "last",
    "next", "first", "later", "earlier", "to", "of", "by", "from", "my", "our", "your", "his", "her",
    "their", "its", "we", "i", "you", "he", "she", "they", "said", "says", "that's", "it's", "let", "do",
    "did", "does", "is", "was", "are", "were", "would", "can", "could", "should", "might",
    "thank", "thanks", "please", "well", "oh", "ok", "okay", "sure", "like", "unlike", "despite", "during",
    "over", "under", "until", "about", "read", "click", "watch", "see", "photo", "video", "update", "note",
    "editor's", "related", "advertisement", "more", "less", "again", "why", "whether", "ever", "never", "once", "soon", "back", "during", "until",
    "instead", "perhaps", "maybe", "finally", "still", "so", "thus", "then", "there", "here", "amid",
];

const TIMES: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "yesterday", "today",
    "tonight", "tomorrow", "morning", "evening", "afternoon", "night", "week", "weekend", "month", "year",
    "earlier", "later", "recently", "christmas", "easter", "thanksgiving", "minutes", "hours", "days",
    "weeks", "months", "years", "moments", "seconds", "decades",
];

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "rev", "st",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "adm", "ft", "mt", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m", "e.g",
    "i.e", "etc", "approx", "dept", "est", "fig", "gov't", "mass", "calif", "fla", "ill", "pa", "va", "n.y",
    "wash", "tex", "ariz", "ga", "mich", "minn", "ohio", "wis", "del", "conn", "tenn", "ky", "la", "md",
    "mo", "nev", "okla", "ore", "colo", "ala", "ark", "kan", "neb", "miss",
];

const PREPOSITIONS: &[&str] = &["for", "of", "at", "with", "from", "in", "to", "on"];

/// Word flags by lower-cased spelling: an open-addressing table keyed by
/// the word packed into a `u128` (every listed word has at most 16 bytes).
pub struct Lexicon {
    /// Fixed-size arrays indexed by masked slot numbers: no bounds checks
    /// in the probe loop.
    keys: Box<[u128; SLOTS]>,
    flags: Box<[u32; SLOTS]>,
    /// A Bloom filter with one hash: bit `h` is set when a listed word
    /// hashes to `h`. Most words of a text are not listed, and this map
    /// (8 KB, sparse enough to reject all but ~2% of them) tells so
    /// before the table (128 KB) is touched.
    seen: Box<[u64; FILTER_BITS / 64]>,
}

/// Slots of the table (a power of two, well above the number of words).
const SLOTS: usize = 8192;

/// Bits of the filter (a power of two, some 50 per listed word).
const FILTER_BITS: usize = 1 << 16;

/// Packs a word, lower-cased, into a `u128`; `None` when it cannot be in
/// the lexicon (longer than 16 bytes, or non-ASCII other than ’).
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() <= 16 && bytes.is_ascii() {
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf.make_ascii_lowercase();
        return Some(u128::from_le_bytes(buf));
    }
    let mut key = 0u128;
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let mut b = bytes[i];
        if b >= 0x80 {
            // A curly apostrophe reads as a straight one ("editor’s").
            if bytes[i..].starts_with("\u{2019}".as_bytes()) {
                b = b'\'';
                i += 2;
            } else {
                return None;
            }
        }
        if n == 16 {
            return None;
        }
        key |= (b.to_ascii_lowercase() as u128) << (8 * n);
        n += 1;
        i += 1;
    }
    Some(key)
}

/// Lower-cases the ASCII bytes packed in `x` (16 bytes at once).
fn lowercase_ascii(x: u128) -> u128 {
    const ONES: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    let ge_a = x + ONES * (0x80 - b'A' as u128);
    let gt_z = x + ONES * (0x80 - b'Z' as u128 - 1);
    let upper = ge_a & !gt_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// `PREFIX_MASK[n]` keeps the first `n` bytes of a little-endian `u128`
/// (a table read instead of a variable 128-bit shift).
static PREFIX_MASK: [u128; 17] = {
    let mut masks = [u128::MAX; 17];
    let mut n = 0;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The hash of a key: its top bits give the filter bit and the home slot.
#[inline]
fn hash(key: u128) -> u64 {
    let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn filter_bit(hash: u64) -> usize {
    (hash >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

#[inline]
fn slot(hash: u64) -> usize {
    (hash >> (64 - SLOTS.trailing_zeros())) as usize
}

impl Lexicon {
    /// The shared lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut lex = Lexicon { keys: Box::new([0; SLOTS]), flags: Box::new([0; SLOTS]), seen: Box::new([0; FILTER_BITS / 64]) };
        for entry in SPEECH_VERBS {
            for (form, extra) in inflections(entry) {
                lex.add(&form, SPEECH | extra);
            }
        }
        for entry in FRAMING_VERBS {
            for (form, extra) in inflections(entry) {
                lex.add(&form, FRAMING | extra);
            }
        }
        for w in ["tell", "told", "tells", "telling", "ask", "asked", "asks", "asking", "assure", "assured", "remind", "reminded", "inform", "informed"] {
            lex.add(w, ADDRESSEE);
        }
        for w in CLAUSE_VERBS {
            lex.add(w, CLAUSE);
        }
        for w in BARE_CLAUSE_VERBS {
            lex.add(w, BARE_CLAUSE);
        }
        for w in ["according", "put", "puts"] {
            lex.add(w, CUE_PART);
        }
        for w in TITLES {
            lex.add(w, TITLE);
        }
        for w in ["mr", "sir", "lord", "king", "prince", "father", "congressman", "assemblyman", "councilman", "chairman"] {
            lex.add(w, MASCULINE);
        }
        for w in ["mrs", "ms", "miss", "lady", "queen", "princess", "congresswoman", "assemblywoman", "councilwoman", "chairwoman"] {
            lex.add(w, FEMININE);
        }
        for w in ROLES {
            lex.add(w, ROLE);
        }
        for (w, extra) in PRONOUNS {
            lex.add(w, PRONOUN | extra);
        }
        for w in DETERMINERS {
            lex.add(w, DET);
        }
        for w in ARTICLES {
            lex.add(w, ARTICLE);
        }
        for w in ADVERBS {
            lex.add(w, ADVERB);
        }
        for w in STOPS {
            lex.add(w, STOP);
        }
        for w in NOT_NAMES {
            lex.add(w, NOT_NAME);
        }
        for w in TIMES {
            lex.add(w, TIME | NOT_NAME);
        }
        for w in ABBREVIATIONS {
            lex.add(w, ABBREV);
        }
        for w in PREPOSITIONS {
            lex.add(w, PREP);
        }
        lex
    }

    fn add(&mut self, word: &str, flags: u32) {
        // Every listed word packs (a test checks it); the empty key marks a free slot.
        let Some(key) = pack(word).filter(|&k| k != 0) else { return };
        let hash = hash(key);
        let bit = filter_bit(hash);
        self.seen[bit / 64] |= 1 << (bit % 64);
        let mut i = slot(hash);
        while self.keys[i] != 0 && self.keys[i] != key {
            i = (i + 1) & (SLOTS - 1);
        }
        self.keys[i] = key;
        self.flags[i] |= flags;
    }

    /// The flags of `word` (any case); 0 for unknown words.
    pub fn flags(&self, word: &str) -> u32 {
        pack(word).map_or(0, |key| self.lookup(key))
    }

    /// The flags of the word `text[start..end]`, reading the 16 bytes at
    /// `start` at once when the text is long enough (the tokenizer's fast
    /// path); the same as `flags(&text[start..end])`.
    #[inline]
    pub fn flags_at(&self, text: &str, start: usize, end: usize) -> u32 {
        let bytes = text.as_bytes();
        let len = end - start;
        match bytes.get(start..start + 16) {
            Some(window) if len <= 16 => {
                let mut raw = [0u8; 16];
                raw.copy_from_slice(window);
                let word = u128::from_le_bytes(raw) & PREFIX_MASK[len];
                if word & 0x8080_8080_8080_8080_8080_8080_8080_8080 != 0 {
                    return self.flags(&text[start..end]);
                }
                self.lookup(lowercase_ascii(word))
            }
            _ => self.flags(&text[start..end]),
        }
    }

    #[inline]
    fn lookup(&self, key: u128) -> u32 {
        let hash = hash(key);
        let bit = filter_bit(hash);
        if self.seen[bit / 64] & (1 << (bit % 64)) == 0 {
            return 0;
        }
        let mut i = slot(hash);
        loop {
            match self.keys[i] {
                0 => return 0,
                k if k == key => return self.flags[i],
                _ => i = (i + 1) & (SLOTS - 1),
            }
        }
    }
}

/// The forms of a verb entry with their extra flags: `base` expands by
/// the regular rules, `base|past|ing|3sg|participle` lists them.
fn inflections(entry: &str) -> Vec<(String, u32)> {
    let parts: Vec<&str> = entry.split('|').collect();
    if parts.len() == 5 {
        return vec![
            (parts[0].to_owned(), BASE),
            (parts[1].to_owned(), 0),
            (parts[2].to_owned(), ING),
            (parts[3].to_owned(), 0),
            (parts[4].to_owned(), 0),
        ];
    }
    let base = parts[0];
    let (past, ing, third) = if let Some(stem) = base.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        (format!("{stem}ied"), format!("{base}ing"), format!("{stem}ies"))
    } else if let Some(stem) = base.strip_suffix('e') {
        (format!("{base}d"), format!("{stem}ing"), format!("{base}s"))
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        (format!("{base}ed"), format!("{base}ing"), format!("{base}es"))
    } else {
        (format!("{base}ed"), format!("{base}ing"), format!("{base}s"))
    };
    vec![(base.to_owned(), BASE), (past, 0), (ing, ING), (third, 0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_inflected() {
        let lex = Lexicon::get();
        for w in ["said", "Says", "replied", "noted", "writing", "wrote", "admitted", "insists", "emphasizes"] {
            assert_ne!(lex.flags(w) & SPEECH, 0, "{w}");
        }
        assert_ne!(lex.flags("adding") & ING, 0);
        assert_ne!(lex.flags("called") & FRAMING, 0);
        assert_eq!(lex.flags("table"), 0);
        assert_ne!(lex.flags("editor\u{2019}s") & NOT_NAME, 0);
        let text = "Officials SAID on Tuesday that the spokesman's aide-de-camp wrote";
        let mut start = 0;
        for word in text.split(' ') {
            assert_eq!(lex.flags_at(text, start, start + word.len()), lex.flags(word), "{word}");
            start += word.len() + 1;
        }
    }

    #[test]
    fn every_listed_word_fits_the_table() {
        let lists: [&[&str]; 10] = [TITLES, ROLES, DETERMINERS, ARTICLES, ADVERBS, STOPS, NOT_NAMES, TIMES, ABBREVIATIONS, CLAUSE_VERBS];
        for w in lists.iter().flat_map(|l| l.iter()) {
            assert!(pack(w).is_some(), "{w}");
        }
        for entry in SPEECH_VERBS.iter().chain(FRAMING_VERBS) {
            for (form, _) in inflections(entry) {
                assert!(pack(&form).is_some(), "{form}");
            }
        }
    }

    #[test]
    fn no_listed_word_opens_with_a_digit() {
        // The tokenizer gives words that open with a digit no flags without a lookup.
        let lex = Lexicon::get();
        assert!(lex.keys.iter().filter(|&&k| k != 0).count() > 1000);
        for &key in lex.keys.iter().filter(|&&k| k != 0) {
            assert!(!(key as u8).is_ascii_digit(), "{:?}", key.to_le_bytes());
        }
    }
}
