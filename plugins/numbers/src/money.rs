//! Currency names: ISO 4217 codes, currency signs, the letters written
//! before `$` ("US$", "HK$"), and the adjectives that pick a code for a
//! currency noun ("Hong Kong dollars", "Swiss francs").

use crate::lexicon::Family;

/// ISO 4217 codes recognised next to a number (upper case in the text).
/// Codes that are common English words in capitals (ALL, CUP, TOP) are
/// left out.
pub const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CAD", "AUD", "NZD", "CHF", "HKD", "SGD",
    "SEK", "NOK", "DKK", "RUB", "BRL", "MXN", "ZAR", "KRW", "TRY", "SAR", "AED", "QAR", "KWD",
    "EGP", "NGN", "KES", "PKR", "BDT", "IDR", "MYR", "THB", "PHP", "VND", "PLN", "CZK", "HUF",
    "ILS", "UAH", "ARS", "CLP", "COP", "PEN", "IRR", "IQD", "LBP", "JOD", "BHD", "OMR", "MAD",
    "TND", "DZD", "GHS", "ETB", "TZS", "UGX", "LKR", "NPR", "MNT", "KZT", "BGN", "RON", "ISK",
    "TWD", "BTC", "XAU", "XOF", "XAF", "VES", "ZMW", "AFN", "MMK", "SYP", "YER", "LYD", "SDG",
];

/// Codes also accepted in lower case (they are not English words).
const LOWER_OK: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "cad", "aud", "nzd", "chf", "hkd", "sgd",
    "btc",
];

/// The ISO code written as `word` (upper case, or a safe lower-case code).
/// "RMB" is given as CNY.
pub fn iso_code(word: &str) -> Option<&'static str> {
    if word.len() != 3 {
        return None;
    }
    let code = if word.bytes().all(|b| b.is_ascii_uppercase()) {
        ISO_CODES.iter().find(|c| **c == word)?
    } else {
        let lower = LOWER_OK.iter().find(|c| c.eq_ignore_ascii_case(word))?;
        ISO_CODES.iter().find(|c| c.eq_ignore_ascii_case(lower))?
    };
    Some(if *code == "RMB" { "CNY" } else { code })
}

/// Currency signs.
pub fn sign_code(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₩' => "KRW",
        '₽' => "RUB",
        '₺' => "TRY",
        '₴' => "UAH",
        '₦' => "NGN",
        '₱' => "PHP",
        '₿' => "BTC",
        '₡' => "CRC",
        '₭' => "LAK",
        '₪' => "ILS",
        '₫' => "VND",
        '₸' => "KZT",
        '₼' => "AZN",
        '₾' => "GEL",
        '৳' => "BDT",
        '฿' => "THB",
        '៛' => "KHR",
        '₮' => "MNT",
        '₲' => "PYG",
        '₵' => "GHS",
        '₯' => "GRD",
        '₤' => "ITL",
        '₧' => "ESP",
        '元' => "CNY",
        _ => return None,
    })
}

/// The letters written before `$` and the dollar they name.
pub fn dollar_prefix(word: &str) -> Option<&'static str> {
    const PREFIXES: &[(&str, &str)] = &[
        ("us", "USD"),
        ("u.s.", "USD"),
        ("c", "CAD"),
        ("ca", "CAD"),
        ("can", "CAD"),
        ("cad", "CAD"),
        ("a", "AUD"),
        ("au", "AUD"),
        ("aud", "AUD"),
        ("nz", "NZD"),
        ("hk", "HKD"),
        ("s", "SGD"),
        ("sg", "SGD"),
        ("r", "BRL"),
        ("nt", "TWD"),
        ("mx", "MXN"),
        ("z", "ZWL"),
    ];
    PREFIXES
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(word))
        .map(|(_, c)| *c)
}

/// The code of a currency noun without an adjective (`None` where the
/// noun names many currencies: pesos, francs, dinars, ...).
pub fn default_code(f: Family) -> Option<&'static str> {
    match f {
        Family::Dollar => Some("USD"),
        Family::Euro => Some("EUR"),
        Family::Pound => Some("GBP"),
        Family::Pence => Some("GBX"),
        Family::Cent => Some("USX"),
        Family::Yen => Some("JPY"),
        Family::Yuan => Some("CNY"),
        Family::Rupee => Some("INR"),
        Family::Lira => Some("TRY"),
        Family::Ringgit => Some("MYR"),
        Family::Riyal => Some("SAR"),
        Family::Krona => Some("SEK"),
        Family::Code(c) => Some(c),
        Family::Peso
        | Family::Franc
        | Family::Mark
        | Family::Dinar
        | Family::Rial
        | Family::Krone
        | Family::Shilling => None,
    }
}

/// The code named by an adjective (one or two words, lower case, joined
/// by a space) before a currency noun.
pub fn adjective_code(adj: &str, f: Family) -> Option<&'static str> {
    use Family::*;
    const TABLE: &[(&str, Family, &str)] = &[
        ("us", Dollar, "USD"),
        ("u.s.", Dollar, "USD"),
        ("american", Dollar, "USD"),
        ("canadian", Dollar, "CAD"),
        ("australian", Dollar, "AUD"),
        ("new zealand", Dollar, "NZD"),
        ("hong kong", Dollar, "HKD"),
        ("singapore", Dollar, "SGD"),
        ("taiwan", Dollar, "TWD"),
        ("taiwanese", Dollar, "TWD"),
        ("new taiwan", Dollar, "TWD"),
        ("zimbabwe", Dollar, "ZWL"),
        ("zimbabwean", Dollar, "ZWL"),
        ("jamaican", Dollar, "JMD"),
        ("british", Pound, "GBP"),
        ("egyptian", Pound, "EGP"),
        ("lebanese", Pound, "LBP"),
        ("syrian", Pound, "SYP"),
        ("sudanese", Pound, "SDG"),
        ("mexican", Peso, "MXN"),
        ("philippine", Peso, "PHP"),
        ("argentine", Peso, "ARS"),
        ("argentinian", Peso, "ARS"),
        ("chilean", Peso, "CLP"),
        ("colombian", Peso, "COP"),
        ("cuban", Peso, "CUP"),
        ("indian", Rupee, "INR"),
        ("pakistani", Rupee, "PKR"),
        ("sri lankan", Rupee, "LKR"),
        ("nepalese", Rupee, "NPR"),
        ("kuwaiti", Dinar, "KWD"),
        ("iraqi", Dinar, "IQD"),
        ("jordanian", Dinar, "JOD"),
        ("bahraini", Dinar, "BHD"),
        ("libyan", Dinar, "LYD"),
        ("algerian", Dinar, "DZD"),
        ("tunisian", Dinar, "TND"),
        ("serbian", Dinar, "RSD"),
        ("saudi", Riyal, "SAR"),
        ("qatari", Riyal, "QAR"),
        ("iranian", Rial, "IRR"),
        ("omani", Rial, "OMR"),
        ("yemeni", Rial, "YER"),
        ("swedish", Krona, "SEK"),
        ("icelandic", Krona, "ISK"),
        ("danish", Krone, "DKK"),
        ("norwegian", Krone, "NOK"),
        ("turkish", Lira, "TRY"),
        ("swiss", Franc, "CHF"),
        ("french", Franc, "FRF"),
        ("belgian", Franc, "BEF"),
        ("german", Mark, "DEM"),
        ("west german", Mark, "DEM"),
        ("deutsche", Mark, "DEM"),
        ("finnish", Mark, "FIM"),
        ("cfa", Franc, "XOF"),
        ("chinese", Yuan, "CNY"),
        ("japanese", Yen, "JPY"),
        ("kenyan", Shilling, "KES"),
        ("ugandan", Shilling, "UGX"),
        ("tanzanian", Shilling, "TZS"),
        ("malaysian", Ringgit, "MYR"),
        ("malaysia", Ringgit, "MYR"),
    ];
    TABLE
        .iter()
        .find(|(a, fam, _)| *fam == f && *a == adj)
        .map(|(_, _, c)| *c)
}
