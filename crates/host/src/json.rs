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

/// Appends `s` as a JSON string, quotes included.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[copied..i]);
        copied = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
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
