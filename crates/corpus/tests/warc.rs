//! The WARC reader: record selection, HTTP decoding, compression, damage.

mod common;

use common::{docs, gzip, read, write, zstd};
use gleaner_corpus::{Entry, ReaderOptions};

/// One WARC record with its separator.
fn record(warc_type: &str, number: u32, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012}>\r\n\
         WARC-Date: 2024-05-0{number}T10:00:00Z\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

const RESPONSE: &str = "Content-Type: application/http; msgtype=response\r\n";

/// The records of a small crawl: two documents among other records.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", 1, "Content-Type: application/warc-fields\r\n", b"software: hand\r\n"),
        record("request", 2, "WARC-Target-URI: http://example.org/a\r\nContent-Type: application/http; msgtype=request\r\n", b"GET /a HTTP/1.1\r\n\r\n"),
        record(
            "response",
            3,
            &format!("WARC-Target-URI: http://example.org/a\r\n{RESPONSE}"),
            &http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", "<html><p>Zürich news</p></html>".as_bytes()),
        ),
        record(
            "response",
            4,
            &format!("WARC-Target-URI: http://example.org/logo.png\r\n{RESPONSE}"),
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0"),
        ),
        record(
            "response",
            5,
            &format!("WARC-Target-URI: http://example.org/gone\r\n{RESPONSE}"),
            &http("404 Not Found", "Content-Type: text/html\r\n", b"<p>not here</p>"),
        ),
        record("metadata", 6, "Content-Type: application/warc-fields\r\n", b"via: x\r\n"),
        record("resource", 7, "WARC-Target-URI: <file:///notes.txt>\r\nContent-Type: text/plain\r\n", b"Plain notes."),
    ]
}

fn check_crawl(entries: Vec<gleaner_corpus::Entry>, shown: &str) {
    let docs = docs(entries);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(docs[0].id, "urn:uuid:00000000-0000-0000-0000-000000000003");
    assert_eq!(docs[0].source, format!("{shown}#3"));
    assert_eq!(docs[0].text, "<html><p>Zürich news</p></html>");
    assert_eq!(docs[0].content_type, "text/html");
    assert_eq!(docs[0].url.as_deref(), Some("http://example.org/a"));
    assert_eq!(docs[0].date.as_deref(), Some("2024-05-03T10:00:00Z"));
    assert_eq!(docs[1].source, format!("{shown}#7"));
    assert_eq!(docs[1].text, "Plain notes.");
    assert_eq!(docs[1].content_type, "text/plain");
    assert_eq!(docs[1].url.as_deref(), Some("file:///notes.txt"));
}

#[test]
fn plain_warc_keeps_html_responses_and_text_resources() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crawl.warc", &crawl().concat());
    check_crawl(
        read(&[&path], ReaderOptions::default()),
        &path.display().to_string(),
    );
}

#[test]
fn gzip_per_record_whole_file_and_zstd() {
    let dir = tempfile::tempdir().unwrap();
    let per_record: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    for (name, data) in [
        ("per-record.warc.gz", per_record),
        ("whole.warc.gz", gzip(&crawl().concat())),
        ("crawl.warc.zst", zstd(&crawl().concat())),
    ] {
        let path = write(dir.path(), name, &data);
        check_crawl(
            read(&[&path], ReaderOptions::default()),
            &path.display().to_string(),
        );
    }
}

#[test]
fn truncated_last_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = crawl().concat();
    data.truncate(data.len() - 8);
    let path = write(dir.path(), "cut.warc", &data);
    let entries = read(&[&path], ReaderOptions::default());
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(matches!(&entries[0], Entry::Doc(d) if d.source.ends_with("#3")));
    match &entries[1] {
        Entry::Error { source, message } => {
            assert_eq!(source, &format!("{}#7", path.display()));
            assert_eq!(
                message,
                "truncated record: Content-Length is 12 bytes but the input ends after 8"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn clipped_gzip_member() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let mut data: Vec<u8> = records[..4].iter().flat_map(|r| gzip(r)).collect();
    let fifth = gzip(&records[4]);
    data.extend_from_slice(&fifth[..fifth.len() / 2]);
    let path = write(dir.path(), "clipped.warc.gz", &data);
    let entries = read(&[&path], ReaderOptions::default());
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(matches!(&entries[0], Entry::Doc(d) if d.source.ends_with("#3")));
    assert!(
        matches!(&entries[1], Entry::Error { source, message } if source.ends_with("clipped.warc.gz#5") && message.starts_with("truncated gzip stream")),
        "{:?}",
        entries[1]
    );
}

fn lying(block: &[u8], claimed: usize) -> Vec<u8> {
    let honest = record("resource", 8, "Content-Type: text/plain\r\n", block);
    let text = String::from_utf8(honest).unwrap();
    text.replace(
        &format!("Content-Length: {}", block.len()),
        &format!("Content-Length: {claimed}"),
    )
    .into_bytes()
}

#[test]
fn lying_content_length_too_short_and_too_long() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let long_text =
        "A text much longer than its claimed length, so long that the next record is far away."
            .repeat(3);
    for (case, liar) in [
        ("short", lying(long_text.as_bytes(), 5)),
        ("long", lying(b"Short.", 200)),
    ] {
        let data = [records[2].clone(), liar, records[6].clone()].concat();
        let path = write(dir.path(), &format!("{case}.warc"), &data);
        let entries = read(&[&path], ReaderOptions::default());
        assert_eq!(entries.len(), 3, "{case}: {entries:?}");
        assert!(
            matches!(&entries[0], Entry::Doc(d) if d.source.ends_with("#1")),
            "{case}"
        );
        assert!(
            matches!(&entries[1], Entry::Error { source, message } if source.ends_with("#2") && message.starts_with("Content-Length does not match")),
            "{case}: {:?}",
            entries[1]
        );
        // Resynchronised on the next record.
        assert!(
            matches!(&entries[2], Entry::Doc(d) if d.source.ends_with("#3") && d.text == "Plain notes."),
            "{case}: {:?}",
            entries[2]
        );
    }
}

#[test]
fn content_length_a_few_bytes_short_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let data = [
        lying(b"Seven words and then two more.", 20),
        crawl()[6].clone(),
    ]
    .concat();
    let path = write(dir.path(), "short.warc", &data);
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Seven words and then two more.");
    assert_eq!(
        docs[0].warnings,
        ["WARC Content-Length is 10 bytes short of the record: extended to the next record"]
    );
    assert_eq!(docs[1].text, "Plain notes.");
}

#[test]
fn chunked_gzip_payload_and_http_charset() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html><p>Caf\xe9 cr\xe8me</p></html>";
    let zipped = gzip(page);
    let mut chunked = Vec::new();
    for part in zipped.chunks(10) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let headers = "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
    let data = record("response", 1, RESPONSE, &http("200 OK", headers, &chunked));
    let path = write(dir.path(), "chunked.warc", &data);
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs[0].text, "<html><p>Café crème</p></html>");
    assert!(docs[0].warnings.is_empty(), "{:?}", docs[0].warnings);
}

#[test]
fn oversize_response_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!("<html>{}</html>", "x".repeat(5000));
    let data = [
        record(
            "response",
            1,
            RESPONSE,
            &http("200 OK", "Content-Type: text/html\r\n", body.as_bytes()),
        ),
        crawl()[6].clone(),
    ]
    .concat();
    let path = write(dir.path(), "big.warc", &data);
    let options = ReaderOptions {
        max_doc_bytes: 1000,
        ..ReaderOptions::default()
    };
    let entries = read(&[&path], options);
    assert!(
        matches!(&entries[0], Entry::Bad { id, message, .. } if id.ends_with("000000000001") && message.contains("over the 1000 bytes limit")),
        "{:?}",
        entries[0]
    );
    assert!(matches!(&entries[1], Entry::Doc(d) if d.text == "Plain notes."));
}

#[test]
fn not_a_warc_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "wrong.warc",
        b"<html>this is no archive</html>\n",
    );
    let entries = read(&[&path], ReaderOptions::default());
    assert!(
        matches!(&entries[..], [Entry::Error { message, .. }] if message.contains("not a WARC record")),
        "{entries:?}"
    );
}

fn shared_warc(name: &str) -> Option<std::path::PathBuf> {
    let path = common::shared()?.join("corpus/warc").join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("note: {} is absent; test skipped", path.display());
        None
    }
}

#[test]
fn shared_dev_pages() {
    let Some(path) = shared_warc("dev-pages.warc.gz") else {
        return;
    };
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs.len(), 249);
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert!(docs.iter().all(|d| d.content_type == "text/html"
        && d.url.is_some()
        && d.id.starts_with("urn:uuid:")));
    // Records 2..=250 (record 1 is the warcinfo).
    assert!(docs[0].source.ends_with("#2") && docs[248].source.ends_with("#250"));
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 249);
}

#[test]
fn shared_common_crawl_sample() {
    let Some(path) = shared_warc("commoncrawl-sample.warc.gz") else {
        return;
    };
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs.len(), 16);
    // Its pages include windows-1251 and gb2312 ones: decoded, not mojibake.
    assert!(docs.iter().any(|d| d
        .text
        .chars()
        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))));
    assert!(docs.iter().any(|d| d
        .text
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))));
}

#[test]
fn shared_edge_cases() {
    let Some(clipped) = shared_warc("edge-cases/clipped.warc.gz") else {
        return;
    };
    let entries = read(&[&clipped], ReaderOptions::default());
    assert!(
        matches!(entries.last(), Some(Entry::Error { source, .. }) if source.ends_with("clipped.warc.gz#1")),
        "{entries:?}"
    );

    // Its response (record 3) holds 2 bytes more than its Content-Length
    // says (the gzip trailer of the payload): repaired, with a warning.
    let Some(truncated) = shared_warc("edge-cases/example-trunc.warc") else {
        return;
    };
    let docs_trunc = docs(read(&[&truncated], ReaderOptions::default()));
    assert_eq!(docs_trunc.len(), 1);
    assert!(docs_trunc[0].source.ends_with("#3") && docs_trunc[0].text.contains("</html>"));
    assert!(
        docs_trunc[0].warnings[0].contains("2 bytes short"),
        "{:?}",
        docs_trunc[0].warnings
    );

    let Some(chunked) = shared_warc("edge-cases/example-iana.org-chunked.warc") else {
        return;
    };
    let docs_chunked = docs(read(&[&chunked], ReaderOptions::default()));
    assert_eq!(docs_chunked.len(), 1);
    let text = &docs_chunked[0].text;
    assert!(
        text.starts_with("<!doctype html>") && text.trim_end().ends_with("</html>"),
        "{}",
        &text[text.len().saturating_sub(100)..]
    );
    assert!(
        !text.contains("\r\n1c37") && docs_chunked[0].warnings.is_empty(),
        "{:?}",
        docs_chunked[0].warnings
    );

    let Some(wget) = shared_warc("edge-cases/example-wget-bad-target-uri.warc.gz") else {
        return;
    };
    let entries = read(&[&wget], ReaderOptions::default());
    // One page; wget's log and arguments (metadata:// resources) are not documents.
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        matches!(&entries[0], Entry::Doc(d) if d.content_type == "text/html" && d.url.as_deref() == Some("http://example.com/"))
    );
}

#[test]
fn corrupt_gzip_member_loses_only_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut members: Vec<Vec<u8>> = crawl().iter().map(|record| gzip(record)).collect();
    // Break the checksum of record 3 (a document) and the deflate data of
    // record 5.
    let crc_at = members[2].len() - 8;
    members[2][crc_at] ^= 0xFF;
    let middle = members[4].len() / 2;
    members[4][middle..middle + 8].fill(0xFF);
    let path = write(dir.path(), "bad-member.warc.gz", &members.concat());
    let entries = read(&[&path], ReaderOptions::default());
    let errors: Vec<&String> = entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Error { source, message } => {
                assert!(
                    message.contains("corrupt gzip stream")
                        && message.ends_with("resumed at the next gzip member"),
                    "{message}"
                );
                Some(source)
            }
            _ => None,
        })
        .collect();
    assert_eq!(errors.len(), 2, "{entries:?}");
    assert!(
        errors[0].ends_with("#3") && errors[1].ends_with("#5"),
        "{errors:?}"
    );
    // The resource of record 7 is still read.
    assert!(
        matches!(entries.last(), Some(Entry::Doc(d)) if d.source.ends_with("#7") && d.text == "Plain notes."),
        "{entries:?}"
    );
}

#[test]
fn wet_conversions_untyped_html_and_xhtml() {
    let dir = tempfile::tempdir().unwrap();
    let data = [
        // A WET record (Common Crawl's extracted text), declared in latin-1.
        record(
            "conversion",
            1,
            "WARC-Target-URI: http://example.org/x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n",
            b"Extracted text, caf\xe9.",
        ),
        // An HTTP response without Content-Type whose body is HTML.
        record("response", 2, RESPONSE, &http("200 OK", "Server: x\r\n", b"  <!DOCTYPE html><p>untyped</p>")),
        // ...and one whose body is not.
        record("response", 3, RESPONSE, &http("200 OK", "", b"%PDF-1.4")),
        record(
            "response",
            4,
            RESPONSE,
            &http("200 OK", "Content-Type: application/xhtml+xml\r\n", b"<html xmlns=\"x\"><p>xhtml</p></html>"),
        ),
        // A redirect and an empty 204 are not documents.
        record("response", 5, RESPONSE, &http("301 Moved", "Content-Type: text/html\r\n", b"<a>moved</a>")),
        record("response", 6, RESPONSE, &http("204 No Content", "Content-Type: text/html\r\n", b"")),
    ]
    .concat();
    let path = write(dir.path(), "mixed.warc", &data);
    let docs = docs(read(&[&path], ReaderOptions::default()));
    let summary: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.content_type.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("text/plain", "Extracted text, café."),
            ("text/html", "  <!DOCTYPE html><p>untyped</p>"),
            ("text/html", "<html xmlns=\"x\"><p>xhtml</p></html>"),
        ]
    );
}
