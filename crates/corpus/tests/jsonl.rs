//! The JSON Lines reader, plain and compressed, with hostile lines.

mod common;

use common::{docs, gzip, read, write, zstd};
use gleaner_corpus::{Entry, ReaderOptions};

const THREE_LINES: &str = concat!(
    r#"{"id": "a1", "title": "First", "date": "2024-03-01", "url": "https://example.org/a1", "text": "Prices rose 3%.\nThen fell."}"#,
    "\n",
    r#"{"id": 7, "source": "wire", "text": "Second story.", "tags": ["x"], "score": 0.5}"#,
    "\n\n",
    r#"{"id": "", "html": "<p>Third</p>"}"#,
    "\n",
);

#[test]
fn plain_jsonl_fields_meta_and_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "news.jsonl", THREE_LINES.as_bytes());
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs.len(), 3);
    let shown = path.display().to_string();

    assert_eq!(docs[0].id, "a1");
    assert_eq!(docs[0].source, format!("{shown}:1"));
    assert_eq!(docs[0].text, "Prices rose 3%.\nThen fell.");
    assert_eq!(docs[0].content_type, "text/plain");
    assert_eq!(docs[0].date.as_deref(), Some("2024-03-01"));
    assert_eq!(docs[0].url.as_deref(), Some("https://example.org/a1"));
    assert_eq!(docs[0].meta, [("title".to_owned(), "First".to_owned())]);

    assert_eq!(docs[1].id, "7");
    assert_eq!(
        docs[1].meta,
        [
            ("source".into(), "wire".into()),
            ("score".into(), "0.5".into())
        ]
    );

    // Blank line 3 skipped; line 4 has an empty id and carries HTML.
    assert_eq!(docs[2].id, format!("{shown}:4"));
    assert_eq!(docs[2].source, format!("{shown}:4"));
    assert_eq!(docs[2].content_type, "text/html");
    assert_eq!(docs[2].text, "<p>Third</p>");
}

#[test]
fn configurable_field_names_and_content_type() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"doc_id": "x", "body": "<b>hi</b>", "content_type": "text/html", "published": "2020", "link": "u"}"#;
    let path = write(dir.path(), "a.ndjson", line.as_bytes());
    let options = ReaderOptions {
        id_field: "doc_id".into(),
        text_field: "body".into(),
        date_field: "published".into(),
        url_field: "link".into(),
        ..ReaderOptions::default()
    };
    let docs = docs(read(&[&path], options));
    assert_eq!(docs[0].id, "x");
    assert_eq!(docs[0].text, "<b>hi</b>");
    assert_eq!(docs[0].content_type, "text/html");
    assert_eq!(docs[0].date.as_deref(), Some("2020"));
    assert_eq!(docs[0].url.as_deref(), Some("u"));
    assert!(docs[0].meta.is_empty());
}

#[test]
fn gzip_and_zstd_read_like_plain() {
    let dir = tempfile::tempdir().unwrap();
    let plain = docs(read(
        &[&write(dir.path(), "n.jsonl", THREE_LINES.as_bytes())],
        ReaderOptions::default(),
    ));
    for (name, data) in [
        ("n.jsonl.gz", gzip(THREE_LINES.as_bytes())),
        ("n.jsonl.zst", zstd(THREE_LINES.as_bytes())),
    ] {
        let path = write(dir.path(), name, &data);
        let got = docs(read(&[&path], ReaderOptions::default()));
        assert_eq!(got.len(), 3, "{name}");
        for (a, b) in plain.iter().zip(&got) {
            assert_eq!(
                (&a.text, &a.meta, &a.date),
                (&b.text, &b.meta, &b.date),
                "{name}"
            );
        }
        assert_eq!((&got[0].id[..], &got[1].id[..]), ("a1", "7"));
        assert!(got[0].source.ends_with(&format!("{name}:1")));
    }
}

#[test]
fn multi_member_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = gzip(b"{\"id\":\"1\",\"text\":\"one\"}\n");
    data.extend(gzip(b"{\"id\":\"2\",\"text\":\"two\"}\n"));
    let path = write(dir.path(), "m.jsonl.gz", &data);
    let ids: Vec<String> = docs(read(&[&path], ReaderOptions::default()))
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, ["1", "2"]);
}

#[test]
fn malformed_line_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let data = "{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\" \"text\":\"b\"}\n[1]\n{\"id\":\"4\",\"text\":\"d\"}\n{\"id\":\"5\",\"text\":3}\n";
    let path = write(dir.path(), "bad.jsonl", data.as_bytes());
    let shown = path.display().to_string();
    let entries = read(&[&path], ReaderOptions::default());
    assert_eq!(entries.len(), 5);
    assert!(matches!(&entries[0], Entry::Doc(d) if d.id == "1"));
    match &entries[1] {
        Entry::Bad {
            id,
            source,
            message,
        } => {
            assert_eq!(source, &format!("{shown}:2"));
            assert_eq!(id, source);
            assert_eq!(message, "invalid JSON: expected `,` or `}` at column 11");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&entries[2], Entry::Bad { message, .. } if message.contains("a JSON object")));
    assert!(
        matches!(&entries[3], Entry::Doc(d) if d.id == "4" && d.source == format!("{shown}:4"))
    );
    // Valid JSON but a non-string text: bad, under its own id.
    assert!(
        matches!(&entries[4], Entry::Bad { id, message, .. } if id == "5" && message.contains("`text` is not a string"))
    );
}

#[test]
fn missing_text_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "t.jsonl",
        b"{\"id\":\"q\",\"title\":\"no body\"}\n",
    );
    let entries = read(&[&path], ReaderOptions::default());
    assert!(
        matches!(&entries[..], [Entry::Bad { id, message, .. }] if id == "q" && message.contains("`text` or `html`"))
    );
}

#[test]
fn oversize_document_and_overlong_line() {
    let dir = tempfile::tempdir().unwrap();
    let options = || ReaderOptions {
        max_doc_bytes: 1000,
        ..ReaderOptions::default()
    };
    // A document over the limit but whose line fits the line limit.
    let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "x".repeat(1500));
    // A line far over the line limit (2 * 1000 + 1 MiB).
    let huge = format!("{{\"id\":\"huge\",\"text\":\"{}\"}}\n", "y".repeat(3 << 20));
    let data = format!("{big}{huge}{{\"id\":\"after\",\"text\":\"ok\"}}\n");
    let path = write(dir.path(), "long.jsonl", data.as_bytes());
    let shown = path.display().to_string();
    let entries = read(&[&path], options());
    assert_eq!(entries.len(), 3);
    assert!(
        matches!(&entries[0], Entry::Bad { id, message, .. } if id == "big" && message == "document is 1.5 KiB, over the 1000 bytes limit (--max-doc-bytes)"),
        "{:?}",
        entries[0]
    );
    match &entries[1] {
        Entry::Bad { id, message, .. } => {
            assert_eq!(id, &format!("{shown}:2"));
            assert!(
                message.starts_with("line is 3.0 MiB, over the"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&entries[2], Entry::Doc(d) if d.id == "after" && d.source == format!("{shown}:3"))
    );
}

#[test]
fn invalid_utf8_lossy_and_strict() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "u.jsonl",
        b"{\"id\":\"u\",\"text\":\"caf\xe9\"}\n",
    );
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs[0].text, "caf\u{FFFD}");
    assert_eq!(
        docs[0].warnings,
        ["invalid UTF-8 replaced at byte 21 (lossy decoding)"]
    );
    let strict = ReaderOptions {
        strict_utf8: true,
        ..ReaderOptions::default()
    };
    let entries = read(&[&path], strict);
    assert!(
        matches!(&entries[..], [Entry::Bad { message, .. }] if message.contains("invalid UTF-8 at byte 21"))
    );
}

#[test]
fn nul_characters_are_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "z.jsonl",
        b"{\"id\":\"z\",\"text\":\"a\\u0000b\"}\n",
    );
    let docs = docs(read(&[&path], ReaderOptions::default()));
    assert_eq!(docs[0].text, "a\u{FFFD}b");
    assert_eq!(docs[0].warnings, ["1 NUL character replaced by U+FFFD"]);
}

#[test]
fn crlf_bom_and_no_final_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "w.jsonl",
        b"\xEF\xBB\xBF{\"id\":\"1\",\"text\":\"a\"}\r\n{\"id\":\"2\",\"text\":\"b\"}",
    );
    let ids: Vec<String> = docs(read(&[&path], ReaderOptions::default()))
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, ["1", "2"]);
}

fn lines(count: usize) -> String {
    (1..=count)
        .map(|n| format!("{{\"id\":\"d{n}\",\"text\":\"document number {n} with some words\"}}\n"))
        .collect()
}

#[test]
fn truncated_gzip_keeps_the_documents_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let full = gzip(lines(5000).as_bytes());
    let path = write(dir.path(), "cut.jsonl.gz", &full[..full.len() / 2]);
    let shown = path.display().to_string();
    let entries = read(&[&path], ReaderOptions::default());
    let (last, docs) = entries.split_last().unwrap();
    assert!(docs.len() > 100 && docs.len() < 5000, "{}", docs.len());
    for (n, entry) in docs.iter().enumerate() {
        assert!(
            matches!(entry, Entry::Doc(d) if d.id == format!("d{}", n + 1)),
            "{entry:?}"
        );
    }
    match last {
        Entry::Error { source, message } => {
            assert_eq!(source, &shown);
            assert!(message.starts_with("truncated gzip stream"), "{message}");
            assert!(
                message.ends_with(&format!("after line {}", docs.len())),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_zstd_keeps_the_documents_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let full = zstd(lines(5000).as_bytes());
    // zstd emits nothing of a block until it is whole: cut in the last one.
    let path = write(dir.path(), "cut.jsonl.zst", &full[..full.len() - 20]);
    let entries = read(&[&path], ReaderOptions::default());
    let (last, docs) = entries.split_last().unwrap();
    assert!(
        docs.len() > 100 && docs.len() < 5000,
        "{} {last:?}",
        docs.len()
    );
    assert!(docs.iter().all(|entry| matches!(entry, Entry::Doc(_))));
    assert!(
        matches!(last, Entry::Error { message, .. } if message.starts_with("truncated zstd stream")),
        "{last:?}"
    );
}

#[test]
fn decompression_bomb_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    // One short document, then 10 MB of blank lines.
    let mut data = b"{\"id\":\"first\",\"text\":\"kept\"}\n".to_vec();
    data.resize(10_000_000, b'\n');
    for (name, compressed) in [
        ("bomb.jsonl.gz", gzip(&data)),
        ("bomb.jsonl.zst", zstd(&data)),
    ] {
        assert!(compressed.len() < 100_000);
        let path = write(dir.path(), name, &compressed);
        let options = ReaderOptions {
            max_decompressed_bytes: 1_000_000,
            ..ReaderOptions::default()
        };
        let entries = read(&[&path], options);
        assert_eq!(entries.len(), 2, "{name}");
        assert!(matches!(&entries[0], Entry::Doc(d) if d.text == "kept"));
        assert!(
            matches!(&entries[1], Entry::Error { message, .. } if message.contains("exceeds the 976.6 KiB limit (--max-decompressed-bytes)")),
            "{:?}",
            entries[1]
        );
    }
}

#[test]
fn missing_file_is_an_error_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "g.jsonl", b"{\"id\":\"g\",\"text\":\"t\"}\n");
    let missing = dir.path().join("missing.jsonl");
    let entries = read(&[&missing, &good], ReaderOptions::default());
    assert!(
        matches!(&entries[0], Entry::Error { source, message } if source.ends_with("missing.jsonl") && message.starts_with("cannot read"))
    );
    assert!(matches!(&entries[1], Entry::Doc(d) if d.id == "g"));
}

#[test]
fn progress_and_total_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let data = zstd(lines(2000).as_bytes());
    let path = write(dir.path(), "p.jsonl.zst", &data);
    let corpus = gleaner_corpus::open(&[path], ReaderOptions::default());
    assert_eq!(corpus.total_bytes(), Some(data.len() as u64));
    let progress = corpus.progress();
    assert_eq!(corpus.count(), 2000);
    assert_eq!(
        progress.load(std::sync::atomic::Ordering::Relaxed),
        data.len() as u64
    );
}

#[test]
fn shared_news_corpus_reads_whole_and_in_order() {
    let Some(shared) = common::shared() else {
        return;
    };
    let path = shared.join("corpus/news.jsonl.zst");
    if !path.exists() {
        eprintln!("note: {} is absent; test skipped", path.display());
        return;
    }
    let mut count = 0usize;
    let mut previous: Option<(String, String)> = None;
    for entry in gleaner_corpus::open(&[path], ReaderOptions::default()) {
        let Entry::Doc(doc) = entry else {
            panic!("{entry:?}")
        };
        count += 1;
        assert!(doc.source.ends_with(&format!(":{count}")));
        assert!(!doc.text.is_empty());
        let source = doc
            .meta
            .iter()
            .find(|(key, _)| key == "source")
            .map(|(_, v)| v.clone())
            .unwrap();
        // The file is ordered by source, then id.
        if let Some((prev_source, prev_id)) = &previous {
            if *prev_source == source {
                assert!(*prev_id < doc.id, "{prev_id} then {}", doc.id);
            }
        }
        if count == 1 {
            assert_eq!(doc.id, "reuters21578-00001");
            assert_eq!(doc.date.as_deref(), Some("1987-02-26"));
        }
        previous = Some((source, doc.id));
    }
    assert_eq!(count, 21_736);
}

#[test]
fn corrupt_gzip_checksum_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = gzip(lines(50).as_bytes());
    let crc_at = data.len() - 8;
    data[crc_at] ^= 0xFF;
    let path = write(dir.path(), "crc.jsonl.gz", &data);
    let entries = read(&[&path], ReaderOptions::default());
    let (last, _) = entries.split_last().unwrap();
    assert!(
        matches!(last, Entry::Error { message, .. } if message.starts_with("corrupt gzip stream (")),
        "{last:?}"
    );
}
