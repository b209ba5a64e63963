//! Hostile input through the whole `gleaner run` path, one test per kind:
//! an oversize document, a very long JSON line, deeply nested HTML through
//! the boilerplate plugin, a decompression bomb, invalid UTF-8 (lossy and
//! strict), NUL bytes, and a WARC record with a lying Content-Length. Each
//! time: a clear message naming the document, the run goes on, and the
//! exit status says whether something failed. (The readers' own unit
//! tests are in crates/corpus; these check the CLI flags and wiring.)

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

fn gleaner_run(inputs: &[&Path], extra: &[&str]) -> (Output, Vec<Value>) {
    let mut command = gleaner();
    command.arg("run").args(inputs).args(["--plugin", "terms", "--set", "terms.terms=oil", "-q"]).args(extra);
    let output = command.output().unwrap();
    assert!(output.status.code().is_some(), "gleaner died of a signal: {:?}\n{}", output.status, String::from_utf8_lossy(&output.stderr));
    let lines = parse_lines(&output.stdout);
    (output, lines)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ids(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["id"].as_str().unwrap()).collect()
}

#[test]
fn an_oversize_document_gets_an_error_line_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("c.jsonl");
    let big = "oil ".repeat(2000);
    std::fs::write(&input, format!("{{\"id\":\"a\",\"text\":\"oil\"}}\n{{\"id\":\"big\",\"text\":\"{big}\"}}\n{{\"id\":\"c\",\"text\":\"oil\"}}\n")).unwrap();
    let (output, lines) = gleaner_run(&[&input], &["--max-doc-bytes", "1000"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(ids(&lines), ["a", "big", "c"]);
    assert_eq!(errors(&lines[1]), ["reader: document is 7.8 KiB, over the 1000 bytes limit (--max-doc-bytes)"]);
    assert_eq!(records(&lines[2], "terms").len(), 1);
}

#[test]
fn a_very_long_json_line_is_skipped_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("c.jsonl");
    // 3 MB on one line: over twice --max-doc-bytes plus 1 MiB.
    let long = "x".repeat(3 << 20);
    std::fs::write(&input, format!("{{\"id\":\"a\",\"text\":\"oil\"}}\n{{\"id\":\"long\",\"text\":\"{long}\"}}\n{{\"id\":\"c\",\"text\":\"oil\"}}\n")).unwrap();
    let (output, lines) = gleaner_run(&[&input], &["--max-doc-bytes", "1000"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(lines.len(), 3);
    let errs = errors(&lines[1]);
    assert_eq!(lines[1]["source"], format!("{}:2", input.display()));
    assert!(errs[0].starts_with("reader: line is 3.0 MiB, over the") && errs[0].contains("limit for a JSON line"), "{errs:?}");
    assert_eq!(lines[2]["id"], "c");
}

#[test]
fn deeply_nested_html_through_boilerplate_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    let depth = 200_000;
    let html = format!(
        "<html><head><title>Deep</title></head><body>{}<p>Oil prices rose sharply on Monday after the announcement.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(&page, html).unwrap();
    let after = dir.path().join("after.txt");
    std::fs::write(&after, "oil after the deep page").unwrap();
    let output = gleaner().arg("run").args([&page, &after]).args(["--plugin", "boilerplate", "--plugin", "terms", "--set", "terms.terms=oil", "-q"]).output().unwrap();
    assert!(output.status.code().is_some(), "killed by a signal (stack overflow?): {:?} {}", output.status, stderr(&output));
    let lines = parse_lines(&output.stdout);
    assert_eq!(lines.len(), 2, "{}", stderr(&output));
    assert_eq!(lines[0]["id"], "deep");
    assert_eq!(records(&lines[1], "terms").len(), 1, "the run went on");
}

/// A gzip stream expanding `line` repeated `copies` times, tiny on disk:
/// one fixed-Huffman deflate block of the line's literals, then
/// back-references of 258 bytes at the line's distance.
fn gzip_bomb(line: &[u8], copies: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first.
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
            self.put(reversed, len);
        }
    }
    let distance = line.len();
    assert!((17..=24).contains(&distance), "distance code 8 covers 17..=24");
    let mut bits = Bits { out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255], acc: 0, n: 0 };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman codes
    for &b in line {
        if b < 144 {
            bits.code(0x30 + b as u64, 8);
        } else {
            bits.code(0x190 + (b as u64 - 144), 9);
        }
    }
    let total = line.len() * copies;
    let mut written = line.len();
    while written + 258 <= total {
        bits.code(0xc5, 8); // length code 285: 258 bytes
        bits.code(8, 5); // distance code 8: 17 + 3 extra bits
        bits.put((distance - 17) as u64, 3);
        written += 258;
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    let mut out = bits.out;
    out.extend_from_slice(&[0; 8]); // CRC and size: never reached past the cap
    out
}

#[test]
fn a_decompression_bomb_is_cut_off_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.jsonl.gz");
    let line = b"{\"id\":\"r\",\"text\":\"oil\"}\n"; // 23 bytes
    let data = gzip_bomb(line, 2_000_000); // 46 MB expanded
    assert!(data.len() < 400_000, "{} bytes on disk", data.len());
    std::fs::write(&bomb, &data).unwrap();
    let after = dir.path().join("after.txt");
    std::fs::write(&after, "oil after the bomb").unwrap();
    let (output, lines) = gleaner_run(&[&bomb, &after], &["--max-decompressed-bytes", "100000", "--no-text"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&format!("{}: decompressed data exceeds the 97.7 KiB limit (--max-decompressed-bytes)", bomb.display())), "{message}");
    let read = lines.iter().filter(|l| l["id"] == "r").count();
    assert!((4000..=100_000 / 23).contains(&read), "documents before the cap are kept: {read}");
    assert_eq!(lines.last().unwrap()["id"], "after", "the run went on with the next input");
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning_or_refused_in_strict_mode() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), "oil is fine").unwrap();
    std::fs::write(pages.join("b.txt"), b"oil \xff\xfe broken").unwrap();
    std::fs::write(pages.join("c.txt"), "oil again").unwrap();

    let (output, lines) = gleaner_run(&[&pages], &[]);
    assert_eq!(output.status.code(), Some(0), "a repaired document is a warning: {}", stderr(&output));
    assert_eq!(ids(&lines), ["a", "b", "c"]);
    assert_eq!(lines[1]["warnings"], serde_json::json!(["invalid UTF-8 replaced at byte 4 (lossy decoding)"]));
    assert_eq!(lines[1]["text"], "oil \u{fffd}\u{fffd} broken");
    assert_eq!(records(&lines[1], "terms").len(), 1);

    let (output, lines) = gleaner_run(&[&pages], &["--strict-utf8"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(ids(&lines), ["a", "b", "c"]);
    assert_eq!(errors(&lines[1]), ["reader: invalid UTF-8 at byte 4 (strict UTF-8 mode)"]);
    assert_eq!(records(&lines[2], "terms").len(), 1);
}

#[test]
fn nul_bytes_are_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("nul.txt");
    std::fs::write(&text, b"oil \0and\0 gold").unwrap();
    let jsonl = dir.path().join("nul.jsonl");
    std::fs::write(&jsonl, "{\"id\":\"j\",\"text\":\"oil \\u0000x\"}\n").unwrap();
    let (output, lines) = gleaner_run(&[&text, &jsonl], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let text = line["text"].as_str().unwrap();
        assert!(!text.contains('\0') && text.contains('\u{fffd}'), "{line}");
        let warnings = line["warnings"].as_array().unwrap_or_else(|| panic!("no warning in {line}"));
        assert!(warnings[0].as_str().unwrap().contains("NUL"), "{line}");
        assert_eq!(records(line, "terms").len(), 1);
    }
}

fn warc_record(number: u32, body: &str, lie: i64) -> Vec<u8> {
    let length = (body.len() as i64 + lie) as usize;
    format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012}>\r\n\
         WARC-Target-URI: http://example.org/{number}\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n\r\n{body}\r\n\r\n"
    )
    .into_bytes()
}

#[test]
fn a_warc_record_with_a_lying_content_length_is_reported_and_the_next_records_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc");
    let mut data = warc_record(1, "oil in the first record", 0);
    data.extend(warc_record(2, "the second record claims far more bytes than it has", 400));
    data.extend(warc_record(3, "oil in the third record", 0));
    data.extend(warc_record(4, "oil in the fourth record", 0));
    std::fs::write(&warc, data).unwrap();
    let (output, lines) = gleaner_run(&[&warc], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(&format!("{}#2", warc.display())) && message.to_lowercase().contains("content-length"), "{message}");
    let texts: Vec<&str> = lines.iter().map(|l| l["text"].as_str().unwrap()).collect();
    assert_eq!(texts.first(), Some(&"oil in the first record"));
    assert_eq!(texts.last(), Some(&"oil in the fourth record"), "reading went on after the lying record");
}
