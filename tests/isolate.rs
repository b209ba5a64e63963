//! `gleaner run --isolate`: plugins in worker processes. A segfault, an
//! abort or a hang (past `--doc-timeout`) costs exactly the document it
//! happened on; every other document's line is byte for byte the line of
//! an in-process run.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

/// Writes `texts` as a JSONL corpus with ids `d0`, `d1`, ...
fn write_corpus(path: &Path, texts: &[String]) {
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        out.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn run_faulty(input: &Path, output: &Path, extra: &[&str]) -> Output {
    let faulty = faulty();
    let mut args = vec!["run", input.to_str().unwrap(), "--plugin", faulty.to_str().unwrap(), "-o", output.to_str().unwrap(), "-q"];
    args.extend_from_slice(extra);
    gleaner().args(&args).output().unwrap()
}

#[test]
fn crashes_and_hangs_cost_only_their_document() {
    let dir = tempfile::tempdir().unwrap();
    // 400 documents: 1% segfault, two abort, one hangs.
    let marker = |i: usize| match i {
        _ if i % 100 == 37 => Some("@SEGV"),
        150 | 333 => Some("@ABORT"),
        201 => Some("@HANG"),
        _ => None,
    };
    let texts: Vec<String> = (0..400)
        .map(|i| {
            let body = format!("Document {i}: prices of oil and gold rose {} per cent.", i % 17);
            match marker(i) {
                Some(m) => format!("{body} {m} and more"),
                None => body,
            }
        })
        .collect();
    let faulty_corpus = dir.path().join("faulty.jsonl");
    write_corpus(&faulty_corpus, &texts);
    let isolated_out = dir.path().join("isolated.jsonl");
    let output = run_faulty(&faulty_corpus, &isolated_out, &["--isolate", "--doc-timeout", "1", "-j", "2"]);
    assert_eq!(output.status.code(), Some(1), "crashed documents are errors: {}", String::from_utf8_lossy(&output.stderr));

    // The clean run: the same corpus in process, without the marker documents.
    let clean: Vec<(usize, String)> = texts.iter().cloned().enumerate().filter(|(i, _)| marker(*i).is_none()).collect();
    let clean_corpus = dir.path().join("clean.jsonl");
    let mut jsonl = String::new();
    for (i, text) in &clean {
        jsonl.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(&clean_corpus, jsonl).unwrap();
    let clean_out = dir.path().join("clean_out.jsonl");
    let output = run_faulty(&clean_corpus, &clean_out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));

    let isolated = std::fs::read_to_string(&isolated_out).unwrap();
    let clean_text = std::fs::read_to_string(&clean_out).unwrap();
    let mut clean_lines = clean_text.lines();
    let lines: Vec<&str> = isolated.lines().collect();
    assert_eq!(lines.len(), 400, "every document has its line");
    for (i, line) in lines.iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["id"], format!("d{i}"), "input order");
        let errs = errors(&value);
        match marker(i) {
            Some(m) => {
                assert_eq!(errs.len(), 1, "{errs:?}");
                let expected = match m {
                    "@SEGV" => "faulty: plugin faulty crashed (signal 11 SIGSEGV) on this document; worker restarted",
                    "@ABORT" => "faulty: plugin faulty crashed (signal 6 SIGABRT) on this document; worker restarted",
                    _ => "faulty: plugin faulty took longer than the --doc-timeout of 1 s on this document; its worker was killed and restarted",
                };
                assert_eq!(errs[0], expected);
                assert!(records(&value, "faulty").is_empty());
            }
            None => {
                // The clean run has the same documents, with their source line numbers shifted: compare all but "source".
                let clean_line: serde_json::Value = serde_json::from_str(clean_lines.next().unwrap()).unwrap();
                let strip = |mut v: serde_json::Value| {
                    v.as_object_mut().unwrap().remove("source");
                    v
                };
                assert_eq!(strip(value), strip(clean_line), "document d{i}");
            }
        }
    }
    assert!(clean_lines.next().is_none());
}

#[test]
fn isolated_output_is_byte_identical_to_in_process_without_faults() {
    let dir = tempfile::tempdir().unwrap();
    // Records, warnings-free texts with multibyte characters, and bad spans (checked by the host after the replay).
    let texts: Vec<String> = (0..60)
        .map(|i| match i % 10 {
            3 => format!("caf\u{e9} @BADSPAN {i}"),
            5 => format!("fails here @FAIL {i}"),
            7 => format!("panics @PANIC {i}"),
            _ => format!("Zürich – document {i} « quoted »"),
        })
        .collect();
    let corpus = dir.path().join("c.jsonl");
    write_corpus(&corpus, &texts);
    let (in_process, isolated) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    let a = run_faulty(&corpus, &in_process, &["--max-records", "3"]);
    let b = run_faulty(&corpus, &isolated, &["--isolate", "--max-records", "3"]);
    assert_eq!(a.status.code(), Some(1));
    assert_eq!(b.status.code(), Some(1));
    let (a, b) = (std::fs::read(&in_process).unwrap(), std::fs::read(&isolated).unwrap());
    assert_eq!(parse_lines(&a).len(), 60);
    assert!(a == b, "isolated output differs from in-process output");
}

#[test]
fn a_record_flood_is_capped_in_the_worker_too() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    write_corpus(&corpus, &["@FLOOD".to_owned(), "calm".to_owned()]);
    let out = dir.path().join("o.jsonl");
    let output = run_faulty(&corpus, &out, &["--isolate", "--max-records", "20"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = parse_lines(&std::fs::read(&out).unwrap());
    assert_eq!(records(&lines[0], "faulty").len(), 20);
    assert!(errors(&lines[0])[0].contains("more than 20 records"), "{:?}", errors(&lines[0]));
    assert_eq!(records(&lines[1], "faulty").len(), 1);
}

#[test]
fn the_worker_role_is_hidden_and_doc_timeout_needs_isolate() {
    let help = gleaner().arg("--help").output().unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("__worker"));
    let output = gleaner().args(["run", "-", "--plugin", "terms", "--doc-timeout", "1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--isolate"), "{}", String::from_utf8_lossy(&output.stderr));
}
