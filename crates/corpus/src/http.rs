//! The HTTP responses inside WARC `response` records: status line and
//! headers, and undoing the chunked transfer encoding and the gzip, deflate
//! or zstd content encodings of the payload.
//!
//! Captures lie: Common Crawl, for one, stores payloads already decoded
//! but renames the headers (`X-Crawler-Content-Encoding`), and other
//! crawlers keep the header while storing decoded bytes. So an encoding is
//! undone only when the bytes look encoded; otherwise the body is used as
//! it is, with a warning.

use std::io::Read;

/// An HTTP response parsed from a WARC block.
pub(crate) struct Response<'a> {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: &'a [u8],
}

impl Response<'_> {
    /// The value of the first header of this name (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Parses the status line and headers of a response.
pub(crate) fn parse_response(block: &[u8]) -> Result<Response<'_>, String> {
    if !block.starts_with(b"HTTP/") {
        return Err("the record holds no HTTP response (no status line)".into());
    }
    let (head, body) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(at) => (&block[..at], &block[at + 4..]),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(at) => (&block[..at], &block[at + 2..]),
            None => (block, &block[block.len()..]),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("malformed HTTP status line {status_line:?}"))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous header.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// Undoes the chunked transfer encoding, keeping at most `limit + 1`
/// bytes (the caller reports documents over `limit`). A body that does not
/// start with a chunk is returned as it is; a broken or cut chunk stream
/// keeps what was decoded. Either case adds a warning.
pub(crate) fn decode_chunked(body: &[u8], limit: usize, warnings: &mut Vec<String>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut chunks = 0usize;
    while let Some(line_end) = memchr::memchr(b'\n', rest) {
        let size_line = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        rest = &rest[line_end + 1..];
        if size == 0 {
            return out;
        }
        let Some(chunk) = rest.get(..size) else { break };
        let room = (limit + 1).saturating_sub(out.len());
        out.extend_from_slice(&chunk[..size.min(room)]);
        if out.len() > limit {
            return out;
        }
        chunks += 1;
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
    if chunks == 0 {
        warnings.push(
            "declared chunked transfer encoding but the body is not chunked: used as it is".into(),
        );
        return body[..body.len().min(limit + 1)].to_vec();
    }
    warnings.push(format!(
        "chunked body broken or cut after {chunks} chunks: kept what was decoded"
    ));
    out
}

/// Undoes a `Content-Encoding`, keeping at most `limit + 1` bytes.
/// `Err(message)` for an encoding this reader cannot undo.
pub(crate) fn decode_content(
    body: Vec<u8>,
    encoding: &str,
    limit: usize,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    let encoding = encoding.trim().to_ascii_lowercase();
    let decoded = match encoding.as_str() {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            read_limited(flate2::read::MultiGzDecoder::new(&body[..]), limit)
        }
        "deflate"
            if body.first().is_some_and(|b| b & 0x0f == 8)
                && body.len() >= 2
                && u16::from_be_bytes([body[0], body[1]]) % 31 == 0 =>
        {
            read_limited(flate2::read::ZlibDecoder::new(&body[..]), limit)
        }
        "deflate" => read_limited(flate2::read::DeflateDecoder::new(&body[..]), limit),
        "zstd" if body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) => {
            match zstd::stream::read::Decoder::new(&body[..]) {
                Ok(decoder) => read_limited(decoder, limit),
                Err(err) => (Vec::new(), Some(err)),
            }
        }
        "gzip" | "x-gzip" | "zstd" => {
            warnings.push(format!(
                "declared Content-Encoding {encoding} but the body is not encoded: used as it is"
            ));
            return Ok(body);
        }
        _ => return Err(format!("unsupported HTTP Content-Encoding `{encoding}`")),
    };
    match decoded {
        (out, None) => Ok(out),
        (out, Some(err)) if out.is_empty() => Err(format!(
            "cannot undo HTTP Content-Encoding {encoding}: {err}"
        )),
        (out, Some(err)) => {
            warnings.push(format!(
                "{encoding} body cut or corrupt ({err}): kept what was decoded"
            ));
            Ok(out)
        }
    }
}

/// Reads at most `limit + 1` bytes, returning what was read before an
/// error together with the error.
fn read_limited(reader: impl Read, limit: usize) -> (Vec<u8>, Option<std::io::Error>) {
    let mut out = Vec::new();
    let result = reader.take(limit as u64 + 1).read_to_end(&mut out);
    (out, result.err())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn status_headers_and_body() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX-A: b\r\n\r\n<p>gone</p>";
        let response = parse_response(block).unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(response.body, b"<p>gone</p>");
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 OK\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_bodies() {
        let mut warnings = Vec::new();
        let body = b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
        assert_eq!(decode_chunked(body, 100, &mut warnings), b"Hello, world");
        assert!(warnings.is_empty());
        // Cut in the second chunk: the first is kept.
        assert_eq!(
            decode_chunked(b"5\r\nHello\r\n7\r\n, wo", 100, &mut warnings),
            b"Hello"
        );
        assert_eq!(warnings.len(), 1);
        // Not chunked at all.
        assert_eq!(decode_chunked(b"<html>", 100, &mut warnings), b"<html>");
        // The limit holds.
        assert_eq!(decode_chunked(body, 3, &mut Vec::new()).len(), 4);
    }

    #[test]
    fn content_encodings() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let gz = gz.finish().unwrap();
        let mut warnings = Vec::new();
        assert_eq!(
            decode_content(gz.clone(), "gzip", 100, &mut warnings).unwrap(),
            b"<p>zipped</p>"
        );
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(b"<p>deflated</p>").unwrap();
        assert_eq!(
            decode_content(zlib.finish().unwrap(), "deflate", 100, &mut warnings).unwrap(),
            b"<p>deflated</p>"
        );
        assert!(warnings.is_empty());
        // Declared but already decoded.
        assert_eq!(
            decode_content(b"<p>plain</p>".to_vec(), "gzip", 100, &mut warnings).unwrap(),
            b"<p>plain</p>"
        );
        assert_eq!(warnings.len(), 1);
        assert!(decode_content(b"x".to_vec(), "br", 100, &mut warnings).is_err());
        // Cut gzip keeps its decoded part.
        let mut big = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for n in 0..2000 {
            write!(big, "<p>paragraph {n}</p>").unwrap();
        }
        let big = big.finish().unwrap();
        let cut = decode_content(
            big[..big.len() - 30].to_vec(),
            "gzip",
            1 << 20,
            &mut warnings,
        )
        .unwrap();
        assert!(cut.starts_with(b"<p>paragraph 0</p>") && cut.len() > 1000);
    }
}
