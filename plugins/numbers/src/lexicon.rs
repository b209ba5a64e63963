//! The word lexicon, built once: number words (cardinal and ordinal),
//! magnitude abbreviations, months, weekdays, currency nouns and units.
//! The scanner looks every word up once (packed into an integer, in an
//! open-addressing table); the parser then works with [`WordInfo`]s.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Index of a word's entry; `WordId::NONE` for words not in the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordId(pub u16);

impl WordId {
    /// An unknown word.
    pub const NONE: WordId = WordId(0);
}

/// How a number word combines with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// 0–9.
    Unit,
    /// 10–19.
    Teen,
    /// 20, 30, ... 90.
    Ten,
    /// "hundred".
    Hundred,
    /// "thousand", "million", "lakh", "crore", ...
    Scale,
}

/// A number word: its value and class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumWord {
    /// Value (of the cardinal, or of the ordinal: "fifth" → 5).
    pub value: i128,
    /// Class.
    pub class: Class,
}

/// Families of currency nouns; an adjective before one may name the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Dollar,
    Euro,
    Pound,
    Pence,
    Cent,
    Yen,
    Yuan,
    Rupee,
    Peso,
    Franc,
    Mark,
    Dinar,
    Riyal,
    Rial,
    Krona,
    Krone,
    Lira,
    Shilling,
    Ringgit,
    /// A noun that names its currency alone (code given).
    Code(&'static str),
}

/// A quantity unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The short unit written in records ("km", "kg", "bbl").
    pub out: &'static str,
    /// The abbreviation is also a common word or letter ("m", "t", "g",
    /// "l", "in"): it counts only when attached to the digits.
    pub attached_only: bool,
}

/// Everything the lexicon knows about one word.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordInfo {
    /// As a cardinal number word.
    pub card: Option<NumWord>,
    /// As an ordinal ("fifth"); `plural` for fraction denominators ("fifths").
    pub ord: Option<(NumWord, bool)>,
    /// Month 1–12.
    pub month: u8,
    /// Weekday 1 (Monday) – 7.
    pub weekday: u8,
    /// As a currency noun.
    pub currency: Option<Family>,
    /// As a magnitude abbreviation ("bn", "k").
    pub scale_abbr: Option<i128>,
    /// As a unit.
    pub unit: Option<Unit>,
    /// A word that counts or measures without being a number: "half",
    /// "dozen", "month" (lets a keyword before it start an expression).
    pub counts: bool,
    /// Bit `n` set: the word is in the parser's word list `n`
    /// (`parse::WORD_LISTS`).
    pub lists: u16,
    /// "today" 0, "yesterday" -1, "tomorrow" 1.
    pub day_offset: Option<i8>,
    /// A word that may start an expression on its own ("between", "more",
    /// "Rs", "USD", "today", "a", ...).
    pub keyword: bool,
}

/// The word may start an expression on its own: a number word, a month,
/// a weekday, "today", a degree unit.
pub const STARTS: u8 = 1;
/// The word may start an expression when a number follows soon: a
/// keyword ("between", "USD") or a currency noun.
pub const LEADS: u8 = 2;
/// The word tells that an expression is near: a number word, a weekday,
/// "today", a currency noun, a unit, a counting word ("dozen").
pub const NUMBERISH: u8 = 4;

/// The parser's cheap pre-checks ([`STARTS`], [`LEADS`], [`NUMBERISH`])
/// for one entry.
fn traits_of(w: &WordInfo) -> u8 {
    let mut t = 0;
    if w.card.is_some()
        || w.ord.is_some()
        || w.month != 0
        || w.weekday != 0
        || w.day_offset.is_some()
        || w.unit.is_some_and(|u| u.out.starts_with('°'))
    {
        t |= STARTS;
    }
    if w.keyword || w.currency.is_some() {
        t |= LEADS;
    }
    if w.card.is_some()
        || w.ord.is_some()
        || w.weekday != 0
        || w.day_offset.is_some()
        || w.currency.is_some()
        || w.unit.is_some()
        || w.counts
    {
        t |= NUMBERISH;
    }
    t
}

struct Lexicon {
    /// One bit per [`filter_bit`] value, set for the words of the table:
    /// most words of a text are not in the lexicon, and this small bit
    /// set (it stays in the first-level cache) turns them away before the
    /// table, which does not.
    filter: Vec<u64>,
    /// Open-addressing table of packed words (see [`pack`]); 0 = empty.
    keys: Vec<u128>,
    ids: Vec<WordId>,
    mask: usize,
    infos: Vec<WordInfo>,
    /// [`traits_of`] each entry of `infos`: one byte per word, so the
    /// parser's test at every token stays in the cache.
    traits: Vec<u8>,
}

/// A word of up to 16 ASCII letters, lower-cased and packed into an
/// integer: one comparison instead of a string comparison.
pub fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut k: u128 = 0;
    for &b in word {
        k = (k << 8) | u128::from(b | 0x20);
    }
    Some(k)
}

/// The hash of a packed word.
fn hash(key: u128) -> u64 {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The first slot to probe for a word of hash `h`.
fn slot(h: u64, mask: usize) -> usize {
    (h >> 40) as usize & mask
}

/// Bits in [`Lexicon::filter`] (a power of two): 2 KiB.
const FILTER_BITS: usize = 1 << 14;

/// The bit of [`Lexicon::filter`] for a word of hash `h`.
fn filter_bit(h: u64) -> usize {
    (h >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

const UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORD_UNITS: [&str; 10] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const ORD_TEENS: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORD_TENS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];
const SCALES: &[(&str, u32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
    ("lakh", 5),
    ("lakhs", 5),
    ("lac", 5),
    ("lacs", 5),
    ("lkh", 5),
    ("crore", 7),
    ("crores", 7),
    ("krore", 7),
    ("krores", 7),
    ("thousands", 3),
    ("millions", 6),
    ("billions", 9),
    ("trillions", 12),
];
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];
const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 1),
    ("mon", 1),
    ("tuesday", 2),
    ("tue", 2),
    ("tues", 2),
    ("wednesday", 3),
    ("wed", 3),
    ("thursday", 4),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("friday", 5),
    ("fri", 5),
    ("saturday", 6),
    ("sat", 6),
    ("sunday", 7),
    ("sun", 7),
];
const CURRENCY_NOUNS: &[(&str, Family)] = &[
    ("dollar", Family::Dollar),
    ("dollars", Family::Dollar),
    ("dlr", Family::Dollar),
    ("dlrs", Family::Dollar),
    ("stg", Family::Code("GBP")),
    ("buck", Family::Code("USD")),
    ("bucks", Family::Code("USD")),
    ("euro", Family::Euro),
    ("euros", Family::Euro),
    ("pound", Family::Pound),
    ("pounds", Family::Pound),
    ("sterling", Family::Code("GBP")),
    ("quid", Family::Code("GBP")),
    ("pence", Family::Pence),
    ("penny", Family::Pence),
    ("pennies", Family::Cent),
    ("cent", Family::Cent),
    ("cents", Family::Cent),
    ("cts", Family::Cent),
    ("yen", Family::Yen),
    ("yuan", Family::Yuan),
    ("renminbi", Family::Code("CNY")),
    ("rmb", Family::Code("CNY")),
    ("kuai", Family::Code("CNY")),
    ("rupee", Family::Rupee),
    ("rupees", Family::Rupee),
    ("rupiah", Family::Code("IDR")),
    ("ruble", Family::Code("RUB")),
    ("rubles", Family::Code("RUB")),
    ("rouble", Family::Code("RUB")),
    ("roubles", Family::Code("RUB")),
    ("peso", Family::Peso),
    ("pesos", Family::Peso),
    ("franc", Family::Franc),
    ("francs", Family::Franc),
    // Plural only: "passed the 1,000 mark" is a level.
    ("marks", Family::Mark),
    ("dinar", Family::Dinar),
    ("dinars", Family::Dinar),
    ("riyal", Family::Riyal),
    ("riyals", Family::Riyal),
    ("rial", Family::Rial),
    ("rials", Family::Rial),
    ("krona", Family::Krona),
    ("kronor", Family::Krona),
    ("krone", Family::Krone),
    ("kroner", Family::Krone),
    ("lira", Family::Lira),
    ("liras", Family::Lira),
    ("lire", Family::Code("ITL")),
    ("shilling", Family::Shilling),
    ("shillings", Family::Shilling),
    ("ringgit", Family::Ringgit),
    ("ringgits", Family::Ringgit),
    ("rand", Family::Code("ZAR")),
    ("naira", Family::Code("NGN")),
    ("dirham", Family::Code("AED")),
    ("dirhams", Family::Code("AED")),
    ("baht", Family::Code("THB")),
    ("dong", Family::Code("VND")),
    ("hryvnia", Family::Code("UAH")),
    ("hryvnias", Family::Code("UAH")),
    ("hryvnas", Family::Code("UAH")),
    ("zloty", Family::Code("PLN")),
    ("zlotys", Family::Code("PLN")),
    ("zlotys", Family::Code("PLN")),
    ("forint", Family::Code("HUF")),
    ("forints", Family::Code("HUF")),
    ("shekel", Family::Code("ILS")),
    ("shekels", Family::Code("ILS")),
    ("taka", Family::Code("BDT")),
    ("cedi", Family::Code("GHS")),
    ("cedis", Family::Code("GHS")),
    ("tugrik", Family::Code("MNT")),
    ("tugriks", Family::Code("MNT")),
    ("tenge", Family::Code("KZT")),
    ("reais", Family::Code("BRL")),
    ("bitcoin", Family::Code("BTC")),
    ("bitcoins", Family::Code("BTC")),
    ("satoshi", Family::Code("SAT")),
    ("satoshis", Family::Code("SAT")),
    ("guilder", Family::Code("NLG")),
    ("guilders", Family::Code("NLG")),
    ("markka", Family::Code("FIM")),
    ("peseta", Family::Code("ESP")),
    ("pesetas", Family::Code("ESP")),
    ("escudo", Family::Code("PTE")),
    ("escudos", Family::Code("PTE")),
    ("drachma", Family::Code("GRD")),
    ("drachmas", Family::Code("GRD")),
    ("punt", Family::Code("IEP")),
    ("punts", Family::Code("IEP")),
    ("ecu", Family::Code("XEU")),
    ("ecus", Family::Code("XEU")),
    ("crown", Family::Krone),
    ("crowns", Family::Krone),
    ("deutschemark", Family::Code("DEM")),
    ("deutschemarks", Family::Code("DEM")),
    ("egyptianpound", Family::Code("EGP")),
    ("bolivar", Family::Code("VES")),
    ("bolivars", Family::Code("VES")),
    ("bolivares", Family::Code("VES")),
    ("kuna", Family::Code("HRK")),
    ("kunas", Family::Code("HRK")),
    ("lari", Family::Code("GEL")),
    ("laris", Family::Code("GEL")),
    ("birr", Family::Code("ETB")),
    ("quetzal", Family::Code("GTQ")),
    ("quetzales", Family::Code("GTQ")),
    ("quetzals", Family::Code("GTQ")),
    ("lempira", Family::Code("HNL")),
    ("lempiras", Family::Code("HNL")),
    ("guarani", Family::Code("PYG")),
    ("guaranis", Family::Code("PYG")),
    ("kyat", Family::Code("MMK")),
    ("kyats", Family::Code("MMK")),
    ("rufiyaa", Family::Code("MVR")),
    ("metical", Family::Code("MZN")),
    ("meticais", Family::Code("MZN")),
    ("dalasi", Family::Code("GMD")),
    ("ariary", Family::Code("MGA")),
    ("somoni", Family::Code("TJS")),
    ("leva", Family::Code("BGN")),
    ("lek", Family::Code("ALL")),
    ("riel", Family::Code("KHR")),
    ("riels", Family::Code("KHR")),
    ("soles", Family::Code("PEN")),
    ("geneh", Family::Code("EGP")),
];
const SCALE_ABBRS: &[(&str, u32)] = &[
    ("k", 3),
    ("m", 6),
    ("mm", 6),
    ("mn", 6),
    ("mln", 6),
    ("b", 9),
    ("bn", 9),
    ("bln", 9),
    ("tn", 12),
    ("trn", 12),
];
const UNIT_WORDS: &[(&str, &str, bool)] = &[
    ("km", "km", false),
    ("kms", "km", false),
    ("kilometre", "km", false),
    ("kilometres", "km", false),
    ("kilometer", "km", false),
    ("kilometers", "km", false),
    ("m", "m", true),
    ("metre", "m", false),
    ("metres", "m", false),
    ("meter", "m", false),
    ("meters", "m", false),
    ("cm", "cm", false),
    ("centimetre", "cm", false),
    ("centimetres", "cm", false),
    ("centimeter", "cm", false),
    ("centimeters", "cm", false),
    ("mm", "mm", false),
    ("millimetre", "mm", false),
    ("millimetres", "mm", false),
    ("millimeter", "mm", false),
    ("millimeters", "mm", false),
    ("dm", "dm", false),
    ("mile", "mi", false),
    ("miles", "mi", false),
    ("mi", "mi", false),
    ("ft", "ft", false),
    ("foot", "ft", false),
    ("feet", "ft", false),
    ("inch", "in", false),
    ("inches", "in", false),
    ("yard", "yd", false),
    ("yards", "yd", false),
    ("yd", "yd", false),
    ("yds", "yd", false),
    ("hectare", "ha", false),
    ("hectares", "ha", false),
    ("ha", "ha", true),
    ("acre", "acre", false),
    ("acres", "acre", false),
    ("km2", "km2", false),
    ("m2", "m2", false),
    ("m3", "m3", false),
    ("litre", "l", false),
    ("litres", "l", false),
    ("liter", "l", false),
    ("liters", "l", false),
    ("l", "l", true),
    ("ml", "ml", false),
    ("mls", "ml", false),
    ("millilitre", "ml", false),
    ("millilitres", "ml", false),
    ("milliliter", "ml", false),
    ("milliliters", "ml", false),
    ("hectolitre", "hl", false),
    ("hectolitres", "hl", false),
    ("hectoliter", "hl", false),
    ("hectoliters", "hl", false),
    ("gallon", "gal", false),
    ("gallons", "gal", false),
    ("gal", "gal", false),
    ("gals", "gal", false),
    ("barrel", "bbl", false),
    ("barrels", "bbl", false),
    ("bbl", "bbl", false),
    ("bpd", "bbl/d", false),
    ("bushel", "bu", false),
    ("bushels", "bu", false),
    ("cup", "cup", false),
    ("cups", "cup", false),
    ("teaspoon", "tsp", false),
    ("teaspoons", "tsp", false),
    ("tsp", "tsp", false),
    ("tablespoon", "tbsp", false),
    ("tablespoons", "tbsp", false),
    ("tbsp", "tbsp", false),
    ("pint", "pt", false),
    ("pints", "pt", false),
    ("kg", "kg", false),
    ("kgs", "kg", false),
    ("kilogram", "kg", false),
    ("kilograms", "kg", false),
    ("kilogramme", "kg", false),
    ("kilogrammes", "kg", false),
    ("kilo", "kg", false),
    ("kilos", "kg", false),
    ("g", "g", true),
    ("gs", "g", false),
    ("gram", "g", false),
    ("grams", "g", false),
    ("gramme", "g", false),
    ("grammes", "g", false),
    ("mg", "mg", false),
    ("milligram", "mg", false),
    ("milligrams", "mg", false),
    ("microgram", "µg", false),
    ("micrograms", "µg", false),
    ("microgramme", "µg", false),
    ("microgrammes", "µg", false),
    ("mcg", "µg", false),
    ("tonne", "t", false),
    ("tonnes", "t", false),
    ("ton", "t", false),
    ("tons", "t", false),
    ("t", "t", true),
    ("lb", "lb", false),
    ("lbs", "lb", false),
    ("ounce", "oz", false),
    ("ounces", "oz", false),
    ("oz", "oz", false),
    ("pound", "lb", false),
    ("pounds", "lb", false),
    ("carat", "ct", false),
    ("carats", "ct", false),
    ("mph", "mph", false),
    ("kph", "km/h", false),
    ("kmph", "km/h", false),
    ("kmh", "km/h", false),
    ("knot", "kn", false),
    ("knots", "kn", false),
    ("kwh", "kWh", false),
    ("mwh", "MWh", false),
    ("gwh", "GWh", false),
    ("twh", "TWh", false),
    ("kw", "kW", false),
    ("mw", "MW", false),
    ("gw", "GW", false),
    ("kilowatt", "kW", false),
    ("kilowatts", "kW", false),
    ("megawatt", "MW", false),
    ("megawatts", "MW", false),
    ("gigawatt", "GW", false),
    ("gigawatts", "GW", false),
    ("joule", "J", false),
    ("joules", "J", false),
    ("calorie", "cal", false),
    ("calories", "cal", false),
    ("kcal", "kcal", false),
    ("btu", "BTU", false),
    ("bp", "bp", false),
    ("bps", "bp", false),
    ("bit", "bit", false),
    ("bits", "bit", false),
    ("kb", "kB", false),
    ("mb", "MB", false),
    ("gb", "GB", false),
    ("tb", "TB", false),
    ("megabyte", "MB", false),
    ("megabytes", "MB", false),
    ("gigabyte", "GB", false),
    ("gigabytes", "GB", false),
    ("terabyte", "TB", false),
    ("terabytes", "TB", false),
    ("kilobyte", "kB", false),
    ("kilobytes", "kB", false),
    ("petabyte", "PB", false),
    ("petabytes", "PB", false),
    ("watt", "W", false),
    ("watts", "W", false),
    ("volt", "V", false),
    ("volts", "V", false),
    ("kilovolt", "kV", false),
    ("kilovolts", "kV", false),
    ("hertz", "Hz", false),
    ("kilohertz", "kHz", false),
    ("khz", "kHz", false),
    ("megahertz", "MHz", false),
    ("mhz", "MHz", false),
    ("gigahertz", "GHz", false),
    ("ghz", "GHz", false),
    ("decibel", "dB", false),
    ("decibels", "dB", false),
    ("horsepower", "hp", false),
    ("quart", "qt", false),
    ("quarts", "qt", false),
    ("cc", "cm3", false),
    ("micron", "µm", false),
    ("microns", "µm", false),
    ("micrometre", "µm", false),
    ("micrometres", "µm", false),
    ("micrometer", "µm", false),
    ("micrometers", "µm", false),
    ("nanometre", "nm", false),
    ("nanometres", "nm", false),
    ("nanometer", "nm", false),
    ("nanometers", "nm", false),
    ("kiloton", "kt", false),
    ("kilotons", "kt", false),
    ("megaton", "Mt", false),
    ("megatons", "Mt", false),
    ("degree", "°", false),
    ("degrees", "°", false),
    ("deg", "°", false),
    ("radian", "rad", false),
    ("radians", "rad", false),
    ("rad", "rad", false),
    ("celsius", "°C", false),
    ("centigrade", "°C", false),
    ("fahrenheit", "°F", false),
    ("farenheit", "°F", false),
];

/// Words that may start an expression without being number words.
const KEYWORDS: &[&str] = &[
    "between",
    "from",
    "more",
    "less",
    "fewer",
    "over",
    "under",
    "above",
    "below",
    "up",
    "at",
    "no",
    "not",
    "greater",
    "higher",
    "larger",
    "lower",
    "smaller",
    "exceeding",
    "exceed",
    "exceeds",
    "exceeded",
    "aged",
    "minus",
    "negative",
    "a",
    "an",
    "half",
    "quarter",
    "quarters",
    "rs",
    "us",
    "hk",
    "nz",
    "c",
    "can",
    "au",
    "nt",
    "cad",
    "s",
    "r",
    "sen",
    "percent",
    "percents",
    "malaysia",
    "malaysian",
    "equal",
    "in",
    "upwards",
    "minimum",
    "maximum",
    "next",
    "this",
    "last",
    "coming",
    "rm",
    "on",
    "oh",
    "following",
    "previous",
];

/// Sets a word's cardinal reading.
fn cardinal(value: i128, class: Class) -> impl Fn(&mut WordInfo) {
    move |e| e.card = Some(NumWord { value, class })
}

fn build() -> Lexicon {
    let mut map: HashMap<&'static str, WordInfo> = HashMap::new();
    let mut set = |w: &'static str, f: &dyn Fn(&mut WordInfo)| f(map.entry(w).or_default());
    for (i, w) in UNITS.iter().enumerate() {
        set(w, &cardinal(i as i128, Class::Unit));
    }
    for (i, w) in TEENS.iter().enumerate() {
        set(w, &cardinal(10 + i as i128, Class::Teen));
    }
    for (i, w) in TENS.iter().enumerate() {
        set(w, &cardinal(20 + 10 * i as i128, Class::Ten));
    }
    set("nought", &cardinal(0, Class::Unit));
    set("naught", &cardinal(0, Class::Unit));
    set("hundred", &cardinal(100, Class::Hundred));
    set("hundreds", &cardinal(100, Class::Hundred));
    for &(w, exp) in SCALES {
        set(w, &cardinal(10i128.pow(exp), Class::Scale));
    }
    set("cr", &cardinal(10_000_000, Class::Scale));
    let plural = |w: &str| -> String {
        if w.ends_with('y') {
            format!("{}ies", w.strip_suffix('y').unwrap_or(w))
        } else {
            format!("{w}s")
        }
    };
    let mut ords: Vec<(String, NumWord)> = Vec::new();
    for (i, w) in ORD_UNITS.iter().enumerate() {
        ords.push((
            w.to_string(),
            NumWord {
                value: i as i128,
                class: Class::Unit,
            },
        ));
    }
    for (i, w) in ORD_TEENS.iter().enumerate() {
        ords.push((
            w.to_string(),
            NumWord {
                value: 10 + i as i128,
                class: Class::Teen,
            },
        ));
    }
    for (i, w) in ORD_TENS.iter().enumerate() {
        ords.push((
            w.to_string(),
            NumWord {
                value: 20 + 10 * i as i128,
                class: Class::Ten,
            },
        ));
    }
    ords.push((
        "hundredth".into(),
        NumWord {
            value: 100,
            class: Class::Hundred,
        },
    ));
    for (w, exp) in [
        ("thousandth", 3),
        ("millionth", 6),
        ("billionth", 9),
        ("trillionth", 12),
    ] {
        ords.push((
            w.into(),
            NumWord {
                value: 10i128.pow(exp),
                class: Class::Scale,
            },
        ));
    }
    for (w, nw) in ords {
        let pl = plural(&w);
        let w: &'static str = Box::leak(w.into_boxed_str());
        let pl: &'static str = Box::leak(pl.into_boxed_str());
        set(w, &|e| e.ord = Some((nw, false)));
        if nw.value > 2 {
            set(pl, &|e| e.ord = Some((nw, true)));
        }
    }
    // Tens and units written as one word: "twentyfive", "thirtyfirst".
    for (t, tw) in TENS.iter().enumerate() {
        for u in 1..10 {
            let value = 20 + 10 * t as i128 + u as i128;
            let card: &'static str = Box::leak(format!("{tw}{}", UNITS[u]).into_boxed_str());
            let ord: &'static str = Box::leak(format!("{tw}{}", ORD_UNITS[u]).into_boxed_str());
            set(card, &cardinal(value, Class::Teen));
            set(ord, &|e| {
                e.ord = Some((
                    NumWord {
                        value,
                        class: Class::Teen,
                    },
                    false,
                ))
            });
        }
    }
    for &(w, m) in MONTHS {
        set(w, &|e| e.month = m);
    }
    for &(w, d) in WEEKDAYS {
        set(w, &|e| e.weekday = d);
    }
    for &(w, f) in CURRENCY_NOUNS {
        set(w, &|e| e.currency = Some(f));
    }
    for &(w, exp) in SCALE_ABBRS {
        set(w, &|e| e.scale_abbr = Some(10i128.pow(exp)));
    }
    for &(w, out, attached_only) in UNIT_WORDS {
        set(w, &|e| e.unit = Some(Unit { out, attached_only }));
    }
    for w in [
        "half", "quarter", "quarters", "dozen", "dozens", "day", "days", "week", "weeks", "month",
        "months", "year", "years",
    ] {
        set(w, &|e| e.counts = true);
    }
    for (w, off) in [
        ("today", 0),
        ("yesterday", -1),
        ("tomorrow", 1),
        ("tmrw", 1),
        ("tmr", 1),
    ] {
        set(w, &|e| e.day_offset = Some(off));
    }
    for (n, list) in crate::parse::WORD_LISTS.iter().enumerate() {
        for w in *list {
            let lower: &'static str = Box::leak(w.to_ascii_lowercase().into_boxed_str());
            set(lower, &|e| e.lists |= 1 << n);
        }
    }
    for w in KEYWORDS {
        set(w, &|e| e.keyword = true);
    }
    for w in crate::money::ISO_CODES {
        let lower: &'static str = Box::leak(w.to_ascii_lowercase().into_boxed_str());
        set(lower, &|e| e.keyword = true);
    }
    let size = (map.len() * 4).next_power_of_two();
    let mask = size - 1;
    let mut keys = vec![0u128; size];
    let mut ids = vec![WordId::NONE; size];
    let mut infos = vec![WordInfo::default()];
    let mut filter = vec![0u64; FILTER_BITS / 64];
    for (w, info) in map {
        let Some(key) = pack(w.as_bytes()) else {
            continue;
        };
        let bit = filter_bit(hash(key));
        filter[bit / 64] |= 1 << (bit % 64);
        let mut h = slot(hash(key), mask);
        while keys[h] != 0 {
            h = (h + 1) & mask;
        }
        keys[h] = key;
        ids[h] = WordId(infos.len() as u16);
        infos.push(info);
    }
    let traits = infos.iter().map(traits_of).collect();
    Lexicon {
        filter,
        keys,
        ids,
        mask,
        infos,
        traits,
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

/// The longest word in the lexicon; longer words are not looked up.
pub const MAX_WORD: usize = 16;

/// The id of an ASCII word (any case).
pub fn lookup(word: &[u8]) -> WordId {
    pack(word).map_or(WordId::NONE, lookup_packed)
}

/// The id of a word already packed as [`pack`] does (the scanner packs
/// while it reads the letters).
#[inline]
pub fn lookup_packed(key: u128) -> WordId {
    let lex = lexicon();
    let hash = hash(key);
    let bit = filter_bit(hash);
    if lex.filter[bit / 64] & (1 << (bit % 64)) == 0 {
        return WordId::NONE;
    }
    let mut h = slot(hash, lex.mask);
    loop {
        let k = lex.keys[h];
        if k == key {
            return lex.ids[h];
        }
        if k == 0 {
            return WordId::NONE;
        }
        h = (h + 1) & lex.mask;
    }
}

/// The parser's pre-checks for a word id: [`STARTS`], [`LEADS`] and
/// [`NUMBERISH`] bits.
#[inline]
pub fn traits(id: WordId) -> u8 {
    lexicon()
        .traits
        .get(usize::from(id.0))
        .copied()
        .unwrap_or(0)
}

/// The entry of a word id.
pub fn info(id: WordId) -> &'static WordInfo {
    info_in(infos(), id)
}

/// Every entry, indexed by word id (entry 0 is the unknown word's): for
/// callers that look many words up, to fetch the table once.
pub fn infos() -> &'static [WordInfo] {
    &lexicon().infos
}

/// The entry of a word id in `infos` (from [`infos`]).
#[inline]
pub fn info_in(infos: &'static [WordInfo], id: WordId) -> &'static WordInfo {
    infos.get(usize::from(id.0)).unwrap_or(&infos[0])
}
