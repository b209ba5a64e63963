//! Turning bytes into the UTF-8 text of a document: UTF-8 validation
//! (lossy or strict) and the NUL policy shared by every reader.

use std::borrow::Cow;

/// Decodes UTF-8 bytes. Invalid sequences are replaced by U+FFFD with a
/// warning, or, in strict mode, make the document bad: `Err(message)`.
pub(crate) fn decode_utf8(
    bytes: Vec<u8>,
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            if strict {
                Err(format!("invalid UTF-8 at byte {at} (strict UTF-8 mode)"))
            } else {
                warnings.push(format!(
                    "invalid UTF-8 replaced at byte {at} (lossy decoding)"
                ));
                Ok(String::from_utf8_lossy(err.as_bytes()).into_owned())
            }
        }
    }
}

/// Like [`decode_utf8`] for borrowed bytes: borrows when they are valid.
pub(crate) fn decode_utf8_borrowed<'a>(
    bytes: &'a [u8],
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(err) => {
            let at = err.valid_up_to();
            if strict {
                Err(format!("invalid UTF-8 at byte {at} (strict UTF-8 mode)"))
            } else {
                warnings.push(format!(
                    "invalid UTF-8 replaced at byte {at} (lossy decoding)"
                ));
                Ok(String::from_utf8_lossy(bytes))
            }
        }
    }
}

/// The NUL policy: a document's NUL characters are replaced by U+FFFD (as
/// HTML parsers do), with a warning. NULs are binary debris, not text;
/// replacing rather than deleting them keeps the words on both sides apart
/// and leaves a visible trace of where something was.
pub(crate) fn replace_nul(text: String, warnings: &mut Vec<String>) -> String {
    let count = memchr::memchr_iter(0, text.as_bytes()).count();
    if count == 0 {
        return text;
    }
    warnings.push(format!(
        "{count} NUL character{} replaced by U+FFFD",
        if count == 1 { "" } else { "s" }
    ));
    text.replace('\0', "\u{FFFD}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_and_strict_utf8() {
        let bytes = b"caf\xe9 ok".to_vec();
        let mut warnings = Vec::new();
        let text = decode_utf8(bytes.clone(), false, &mut warnings).unwrap();
        assert_eq!(text, "caf\u{FFFD} ok");
        assert_eq!(
            warnings,
            ["invalid UTF-8 replaced at byte 3 (lossy decoding)"]
        );
        let err = decode_utf8(bytes, true, &mut Vec::new()).unwrap_err();
        assert!(err.contains("byte 3"), "{err}");
    }

    #[test]
    fn nul_is_replaced_with_a_warning() {
        let mut warnings = Vec::new();
        assert_eq!(
            replace_nul("a\0b\0".into(), &mut warnings),
            "a\u{FFFD}b\u{FFFD}"
        );
        assert_eq!(warnings, ["2 NUL characters replaced by U+FFFD"]);
        let mut none = Vec::new();
        assert_eq!(replace_nul("clean".into(), &mut none), "clean");
        assert!(none.is_empty());
    }
}
