//! Minimal, fast JSON writing into a reused byte buffer: strings with the
//! escapes JSON requires, integers and floats. The output is always valid
//! JSON; non-ASCII UTF-8 is written as it is.

/// For each byte: 0 = copy, b'u' = `\u00XX`, else the letter after `\`.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0x7f] = b'u';
    table
};

/// Whether any of the 8 bytes of `x` must be escaped (a control byte,
/// `"`, `\` or DEL). Exact as a yes/no answer (SWAR "has less than" and
/// "has zero" tests; bytes >= 0x80 never match).
#[inline]
fn any_escape(x: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |y: u64| y.wrapping_sub(LO) & !y & HI;
    let control = x.wrapping_sub(LO * 0x20) & !x & HI;
    (control | has_zero(x ^ (LO * b'"' as u64)) | has_zero(x ^ (LO * b'\\' as u64)) | has_zero(x ^ (LO * 0x7f))) != 0
}

/// Appends `s` as a JSON string, quotes included. Skips 8 bytes at a time
/// over runs that need no escape (most of any text).
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("an 8-byte slice"));
            if !any_escape(word) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        for (j, &b) in bytes[i..end].iter().enumerate() {
            let escape = ESCAPE[b as usize];
            if escape == 0 {
                continue;
            }
            let at = i + j;
            out.extend_from_slice(&bytes[copied..at]);
            copied = at + 1;
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
            } else {
                out.extend_from_slice(&[b'\\', escape]);
            }
        }
        i = end;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Appends an unsigned integer.
pub fn write_usize(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends a signed integer.
pub fn write_i64(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends a finite float (callers check finiteness; non-finite becomes `null`).
pub fn write_f64(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        out.extend_from_slice(ryu::Buffer::new().format_finite(x).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_round_trip_through_serde_json() {
        for s in ["", "plain", "quote \" and \\ back", "tab\tnew\nline\r", "\u{1}\u{1f}\u{7f}", "café — 日本 😀", "</script>"] {
            let written = string(s);
            let parsed: String = serde_json::from_str(&written).unwrap();
            assert_eq!(parsed, s, "{written}");
        }
        assert_eq!(string("a\"b"), r#""a\"b""#);
        assert_eq!(string("\u{1}"), r#""\u0001""#);
    }

    #[test]
    fn every_byte_pattern_matches_serde_json() {
        // Each interesting byte at each position of a 20-byte string, so the
        // 8-byte scan and its tail both meet it.
        let specials = ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "\u{e9}", "\u{1f600}", " ", "~"];
        for special in specials {
            for at in 0..20 {
                let s = format!("{}{special}{}", "a".repeat(at), "b".repeat(19 - at));
                let written = string(&s);
                assert_eq!(serde_json::from_str::<String>(&written).unwrap(), s, "{written}");
                if !matches!(special, "\u{7f}") {
                    assert_eq!(written, serde_json::to_string(&s).unwrap());
                }
            }
        }
    }

    #[test]
    fn numbers() {
        let mut out = Vec::new();
        write_usize(&mut out, 42);
        out.push(b' ');
        write_i64(&mut out, -7);
        out.push(b' ');
        write_f64(&mut out, 0.5);
        out.push(b' ');
        write_f64(&mut out, 1e300);
        out.push(b' ');
        write_f64(&mut out, f64::NAN);
        assert_eq!(String::from_utf8(out).unwrap(), "42 -7 0.5 1e300 null");
    }
}
