//! Folders and one-document files: order, ids, compression, charsets.

mod common;

use common::{docs, gzip, read, write, zstd};
use gleaner_corpus::{Entry, Format, ReaderOptions};

#[test]
fn folder_order_ids_and_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    write(&root, "b.txt", b"Bee.");
    write(&root, "a.html", b"<p>A</p>");
    write(&root, "2024/jan/story.html.gz", &gzip(b"<p>zipped</p>"));
    write(&root, "2024/feb.txt.zst", &zstd(b"February."));
    write(&root, "notes.md", b"skipped: not a known kind");
    write(&root, ".hidden/secret.txt", b"skipped: hidden");
    write(&root, "c.htm", b"<p>C</p>");
    let docs = docs(read(&[&root], ReaderOptions::default()));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["2024/feb", "2024/jan/story", "a", "b", "c"]);
    let kinds: Vec<&str> = docs.iter().map(|d| d.content_type.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "text/plain",
            "text/html",
            "text/html",
            "text/plain",
            "text/html"
        ]
    );
    assert_eq!(docs[0].text, "February.");
    assert_eq!(docs[1].text, "<p>zipped</p>");
    assert_eq!(docs[2].source, root.join("a.html").display().to_string());
}

#[test]
fn folder_of_jsonl_shards_and_format_override() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("shards");
    write(
        &root,
        "part-2.jsonl.zst",
        &zstd(b"{\"id\":\"two\",\"text\":\"2\"}\n"),
    );
    write(
        &root,
        "part-1.jsonl.gz",
        &gzip(b"{\"id\":\"one\",\"text\":\"1\"}\n"),
    );
    // By default a folder holds documents: the shards are not read.
    assert!(read(&[&root], ReaderOptions::default()).is_empty());
    let jsonl = ReaderOptions {
        format: Some(Format::Jsonl),
        ..ReaderOptions::default()
    };
    let ids: Vec<String> = docs(read(&[&root], jsonl))
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, ["one", "two"]);

    // --format html reads every file of a folder as HTML, whatever its name.
    let html_dir = dir.path().join("raw");
    write(&html_dir, "article-1", b"<p>one</p>");
    write(&html_dir, "article-2.dat", b"<p>two</p>");
    let options = ReaderOptions {
        format: Some(Format::Html),
        ..ReaderOptions::default()
    };
    let docs = docs(read(&[&html_dir], options));
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["article-1", "article-2.dat"]
    );
    assert!(docs.iter().all(|d| d.content_type == "text/html"));
}

#[test]
fn single_files_given_directly() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "report.2024.txt", b"Annual report.");
    let html = write(dir.path(), "page.xhtml.gz", &gzip(b"<p>x</p>"));
    let docs = docs(read(&[&text, &html], ReaderOptions::default()));
    assert_eq!(
        (docs[0].id.as_str(), docs[0].content_type.as_str()),
        ("report.2024", "text/plain")
    );
    assert_eq!(
        (docs[1].id.as_str(), docs[1].content_type.as_str()),
        ("page", "text/html")
    );
    assert_eq!(docs[1].text, "<p>x</p>");
}

#[test]
fn unknown_extension_without_format_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "data.csv", b"a,b");
    let entries = read(&[&path], ReaderOptions::default());
    assert!(
        matches!(&entries[..], [Entry::Error { message, .. }] if message.contains("--format")),
        "{entries:?}"
    );
    let options = ReaderOptions {
        format: Some(Format::Dir),
        ..ReaderOptions::default()
    };
    let entries = read(&[&path], options);
    assert!(
        matches!(&entries[..], [Entry::Error { message, .. }] if message.contains("needs a folder"))
    );
}

#[test]
fn html_charsets_in_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("html");
    write(
        &root,
        "1252.html",
        b"<html><head><meta charset=windows-1252></head><p>\x93Caf\xe9\x94</p></html>",
    );
    // "東京" in Shift_JIS, declared with http-equiv.
    write(&root, "sjis.html", b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><p>\x93\x8c\x8b\x9e</p>");
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in "<p>Ωmega</p>".encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    write(&root, "utf16.html", &utf16);
    write(&root, "undeclared.html", b"<p>na\xefve</p>");
    write(
        &root,
        "utf8bom.html",
        b"\xEF\xBB\xBF<p>\xc3\xa9t\xc3\xa9</p>",
    );
    let docs = docs(read(&[&root], ReaderOptions::default()));
    let text = |id: &str| docs.iter().find(|d| d.id == id).unwrap().text.clone();
    assert!(text("1252").contains("<p>\u{201c}Café\u{201d}</p>"));
    assert!(text("sjis").contains("<p>東京</p>"));
    assert_eq!(text("utf16"), "<p>Ωmega</p>");
    assert_eq!(text("undeclared"), "<p>naïve</p>");
    assert_eq!(text("utf8bom"), "<p>été</p>");
    assert!(docs.iter().all(|d| d.warnings.is_empty()));
}

#[test]
fn text_files_invalid_utf8_nul_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("t");
    write(&root, "bad.txt", b"ok \xff then");
    write(&root, "nul.txt", b"a\0b");
    write(&root, "big.txt.gz", &gzip(&vec![b'x'; 5000]));
    let options = || ReaderOptions {
        max_doc_bytes: 1000,
        ..ReaderOptions::default()
    };
    let entries = read(&[&root], options());
    assert!(
        matches!(&entries[0], Entry::Doc(d) if d.text == "ok \u{FFFD} then" && d.warnings == ["invalid UTF-8 replaced at byte 3 (lossy decoding)"]),
        "{:?}",
        entries[0]
    );
    assert!(
        matches!(&entries[1], Entry::Bad { id, message, .. } if id == "big" && message == "document is 4.9 KiB, over the 1000 bytes limit (--max-doc-bytes)"),
        "{:?}",
        entries[1]
    );
    assert!(
        matches!(&entries[2], Entry::Doc(d) if d.text == "a\u{FFFD}b" && d.warnings.len() == 1)
    );
    let strict = ReaderOptions {
        strict_utf8: true,
        ..options()
    };
    let entries = read(&[&root.join("bad.txt")], strict);
    assert!(
        matches!(&entries[..], [Entry::Bad { id, message, .. }] if id == "bad" && message.contains("strict"))
    );
}

#[test]
fn total_bytes_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("f");
    write(&root, "a.txt", b"12345");
    write(&root, "sub/b.html", b"123");
    write(&root, "ignored.bin", b"1234567890");
    let corpus = gleaner_corpus::open(&[root], ReaderOptions::default());
    assert_eq!(corpus.total_bytes(), Some(8));
    let progress = corpus.progress();
    assert_eq!(corpus.count(), 2);
    assert_eq!(progress.load(std::sync::atomic::Ordering::Relaxed), 8);
    assert_eq!(
        gleaner_corpus::open(&["-".into()], ReaderOptions::default()).total_bytes(),
        None
    );
}

#[test]
fn shared_html_pages_decode_cleanly() {
    let Some(shared) = common::shared() else {
        return;
    };
    let root = shared.join("corpus/html");
    if !root.is_dir() {
        return;
    }
    let docs = docs(read(&[&root], ReaderOptions::default()));
    assert_eq!(docs.len(), 249);
    assert!(docs.iter().any(|d| d.id.starts_with("newspaper/")));
    // Pages in Japanese, Chinese, Arabic and Thai decode to their scripts.
    let has = |range: std::ops::RangeInclusive<char>| {
        docs.iter()
            .filter(|d| d.text.chars().any(|c| range.contains(&c)))
            .count()
    };
    assert!(has('\u{3040}'..='\u{30FF}') >= 2, "kana");
    assert!(has('\u{0600}'..='\u{06FF}') >= 1, "arabic");
    assert!(has('\u{0E00}'..='\u{0E7F}') >= 1, "thai");
    let replaced: Vec<_> = docs
        .iter()
        .filter(|d| d.text.contains('\u{FFFD}'))
        .map(|d| (&d.id, &d.warnings))
        .collect();
    eprintln!("pages with replacement characters: {replaced:?}");
}

#[test]
fn shared_pages_read_alike_from_folder_and_warc() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (root, warc) = (
        shared.join("corpus/html"),
        shared.join("corpus/warc/dev-pages.warc.gz"),
    );
    if !root.is_dir() || !warc.exists() {
        return;
    }
    let mut from_files: Vec<String> = docs(read(&[&root], ReaderOptions::default()))
        .into_iter()
        .map(|d| d.text)
        .collect();
    let mut from_warc: Vec<String> = docs(read(&[&warc], ReaderOptions::default()))
        .into_iter()
        .map(|d| d.text)
        .collect();
    from_files.sort_unstable();
    from_warc.sort_unstable();
    let differing = from_files
        .iter()
        .zip(&from_warc)
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 0);
}
