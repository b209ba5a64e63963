//! Decoding HTML to UTF-8 from its charset.
//!
//! The order: a byte order mark; then the HTTP `Content-Type` charset (from
//! a WARC record); then a `<meta charset>` or `<meta http-equiv
//! content="...; charset=...">` (or an XML declaration) in the head, looked
//! for in the first [`META_SCAN_BYTES`] bytes and not past `</head>`; else
//! UTF-8 if the bytes are valid UTF-8 (or nearly: a few stray bytes among
//! many valid multi-byte characters, decoded with a warning); else
//! windows-1252.
//!
//! A declaration of UTF-8 is trusted only if the bytes are valid UTF-8
//! (pages mislabelled as UTF-8 are common, and WARC writers often add a
//! blanket `charset=utf-8`): when they are not, the next declaration is
//! tried, and if none names another charset the page is decoded as lossy
//! UTF-8 with a warning. A `<meta>` declaring UTF-16 means UTF-8 (the bytes
//! being read as ASCII prove it is not UTF-16), as in the HTML standard.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::text::decode_utf8;

/// How far into a page `<meta>` charset declarations are looked for.
const META_SCAN_BYTES: usize = 16 * 1024;

/// Decodes an HTML page. `http_charset` is the charset label of the HTTP
/// `Content-Type` header, if any. Replacements are warnings, or in strict
/// mode an `Err(message)`.
pub(crate) fn decode_html(
    bytes: &[u8],
    http_charset: Option<&str>,
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom..], strict, warnings);
    }
    let from_http = http_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let from_meta = meta_charset(bytes).map(|encoding| {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            UTF_8
        } else if encoding == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            encoding
        }
    });
    let mut utf8_declared = false;
    for declared in [from_http, from_meta].into_iter().flatten() {
        if declared == UTF_8 {
            if std::str::from_utf8(bytes).is_ok() {
                return decode_as(UTF_8, bytes, strict, warnings);
            }
            utf8_declared = true;
        } else {
            return decode_as(declared, bytes, strict, warnings);
        }
    }
    if utf8_declared || mostly_utf8(bytes) {
        decode_as(UTF_8, bytes, strict, warnings)
    } else {
        decode_as(WINDOWS_1252, bytes, strict, warnings)
    }
}

/// Whether undeclared bytes are UTF-8: valid, or with invalid sequences
/// rare among valid multi-byte characters (a stray byte in a UTF-8 page, a
/// character cut at the end). Text in a legacy 8-bit charset almost never
/// forms valid multi-byte UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte >= 4 * invalid
}

/// Decodes `bytes` (without a BOM) from `encoding`, warning about (or in
/// strict mode refusing) replaced sequences.
pub(crate) fn decode_as(
    encoding: &'static Encoding,
    bytes: &[u8],
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    if encoding == UTF_8 {
        return decode_utf8(bytes.to_vec(), strict, warnings);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let name = encoding.name();
        if strict {
            return Err(format!("bytes invalid in {name} (strict UTF-8 mode)"));
        }
        warnings.push(format!("bytes invalid in {name} replaced (lossy decoding)"));
    }
    Ok(text.into_owned())
}

/// The charset of a `Content-Type` header value: `text/html;
/// charset="utf-8"` → `utf-8`.
pub(crate) fn content_type_charset(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|label| !label.is_empty())
    })
}

/// The encoding declared by a `<meta>` tag or XML declaration in the head.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    if head.starts_with(b"<?xml") {
        let end = memchr::memchr(b'>', head).unwrap_or(head.len());
        if let Some(encoding) = attribute_label(&head[..end], b"encoding") {
            return Some(encoding);
        }
    }
    let finder = memchr::memmem::Finder::new(b"<meta");
    let lower = head.to_ascii_lowercase();
    let end_of_head = memchr::memmem::find(&lower, b"</head").unwrap_or(lower.len());
    let lower = &lower[..end_of_head];
    for start in finder.find_iter(lower) {
        let tag = &lower[start..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        if let Some(encoding) = attribute_label(tag, b"charset") {
            return Some(encoding);
        }
    }
    None
}

/// The encoding named after `name` in `tag` (lower-cased for `<meta>`):
/// `charset="utf-8"`, `charset=utf-8`, or inside `content="text/html;
/// charset=utf-8"`.
fn attribute_label(tag: &[u8], name: &[u8]) -> Option<&'static Encoding> {
    for at in memchr::memmem::find_iter(tag, name) {
        let rest = tag[at + name.len()..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let label_end = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
            .unwrap_or(rest.len());
        if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
            return Some(encoding);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], http: Option<&str>) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let text = decode_html(bytes, http, false, &mut warnings).unwrap();
        (text, warnings)
    }

    #[test]
    fn windows_1252_page_with_meta_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93quoted\x94</body></html>";
        let (text, warnings) = decode(page, None);
        assert!(text.contains("caf\u{e9} \u{201c}quoted\u{201d}"), "{text}");
        assert!(warnings.is_empty());
    }

    #[test]
    fn http_equiv_content_type() {
        let page = b"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-2\"></HEAD>\xb1</HTML>";
        let (text, _) = decode(page, None);
        assert!(text.contains('\u{105}'), "{text}"); // ą
    }

    #[test]
    fn shift_jis_page() {
        // "日本" in Shift_JIS.
        let page = b"<html><head><meta http-equiv=\"content-type\" content=\"text/html;charset=Shift_JIS\"></head><body>\x93\xfa\x96\x7b</body></html>";
        let (text, warnings) = decode(page, None);
        assert!(text.contains("日本"), "{text}");
        assert!(warnings.is_empty());
    }

    #[test]
    fn byte_order_mark_wins() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "<p>é</p>".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, _) = decode(&page, Some("iso-8859-1"));
        assert_eq!(text, "<p>é</p>");
        let (text, _) = decode(b"\xEF\xBB\xBF<p>\xc3\xa9</p>", Some("windows-1252"));
        assert_eq!(text, "<p>é</p>");
    }

    #[test]
    fn http_charset_beats_meta() {
        let page = b"<meta charset=utf-8><p>\xe9</p>";
        let (text, _) = decode(page, Some("iso-8859-1"));
        assert_eq!(text, "<meta charset=utf-8><p>é</p>");
    }

    #[test]
    fn a_false_utf8_declaration_gives_way_to_meta() {
        // The WARC writer claims UTF-8, the page says (truly) Shift_JIS.
        let page = b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>";
        let (text, _) = decode(page, Some("utf-8"));
        assert!(text.contains("日本"), "{text}");
    }

    #[test]
    fn undeclared_invalid_utf8_is_windows_1252_and_declared_utf8_stays_lossy() {
        let (text, _) = decode(b"<p>na\xefve</p>", None);
        assert_eq!(text, "<p>na\u{ef}ve</p>");
        let (text, warnings) = decode(b"<meta charset=utf-8><p>na\xefve</p>", None);
        assert_eq!(text, "<meta charset=utf-8><p>na\u{FFFD}ve</p>");
        assert_eq!(warnings.len(), 1);
        let mut strict = Vec::new();
        assert!(decode_html(b"<meta charset=utf-8>\xef", None, true, &mut strict).is_err());
    }

    #[test]
    fn nearly_valid_utf8_without_declaration_stays_utf8() {
        // Four accented letters in UTF-8, then a stray windows-1252 byte.
        let mut page = "<p>été à Zürich ".as_bytes().to_vec();
        page.extend_from_slice(b"\x96 x</p>");
        let (text, warnings) = decode(&page, None);
        assert_eq!(text, "<p>été à Zürich \u{FFFD} x</p>");
        assert_eq!(warnings.len(), 1);
        // A page cut in the middle of its last character.
        let cut = "<p>Ελλάδα</p>é".as_bytes();
        let (text, _) = decode(&cut[..cut.len() - 1], None);
        assert!(text.starts_with("<p>Ελλάδα</p>"), "{text}");
    }

    #[test]
    fn valid_utf8_without_declaration() {
        let (text, warnings) = decode("<p>Zürich</p>".as_bytes(), None);
        assert_eq!(text, "<p>Zürich</p>");
        assert!(warnings.is_empty());
    }

    #[test]
    fn content_type_header_charset() {
        assert_eq!(
            content_type_charset("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(
            content_type_charset("text/html;charset=iso-8859-1; x=y"),
            Some("iso-8859-1")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
