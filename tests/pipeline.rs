//! The pipeline's contract: output shape, transforms before extractors,
//! text replacement with re-anchoring, metadata for later plugins, and
//! input order under parallelism.

mod common;

use common::*;
use gleaner_corpus::{Entry, SourceDoc};
use gleaner_host::RunOptions;

#[test]
fn output_lines_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let rewriter = load(&compile_c(dir.path(), "rewriter", "rw", &[]));
    let mut warned = SourceDoc { warnings: vec!["invalid UTF-8 replaced at byte 3".into()], ..match doc("w", "text") {
        Entry::Doc(d) => d,
        _ => unreachable!(),
    } };
    warned.source = "in.jsonl:2".into();
    let entries = vec![
        doc("plain", "no anchor word; oil"),
        Entry::Doc(warned),
        Entry::Bad { id: "bad".into(), source: "in.jsonl:3".into(), message: "malformed JSON".into() },
        Entry::Error { source: "missing.jsonl".into(), message: "no such file".into() },
    ];
    // The extractor is given first but runs after the transform; output keys follow the order given.
    let (raw, summary) = run_raw(&[load(&terms()), rewriter], &["terms.terms=oil"], entries, RunOptions::default());
    let lines = parse_lines(&raw);
    assert_eq!(lines.len(), 3, "one line per document and per bad record, none for reader errors");
    // Keys in the documented order; plugins in the order given.
    let first = std::str::from_utf8(&raw).unwrap().lines().next().unwrap();
    assert!(
        first.starts_with(r#"{"id":"plain","source":"test:plain","text":">> no anchor word; oil","extractions":{"terms":[{"start":19,"end":22,"kind":"term","term":"oil"}],"rewriter":[{"#),
        "{first}"
    );
    assert!(first.ends_with(r#"]},"errors":[]}"#), "{first}");
    assert_eq!(lines[0]["text"], ">> no anchor word; oil");
    assert_eq!(records(&lines[0], "terms")[0]["start"], 19, "extractors see the transformed text");
    // The transform emitted nothing for "w": it is left out of extractions.
    assert!(lines[1]["extractions"].get("rewriter").is_none() && lines[1]["extractions"].get("terms").is_some());
    assert_eq!(lines[1]["warnings"][0], "invalid UTF-8 replaced at byte 3");
    assert!(lines[0].get("warnings").is_none(), "warnings only when there are some");
    assert_eq!(lines[2]["id"], "bad");
    assert_eq!(errors(&lines[2]), ["reader: malformed JSON"]);
    assert_eq!((summary.lines, summary.bad_records, summary.reader_errors), (3, 1, 1));
}

#[test]
fn transform_records_follow_the_text_when_a_later_transform_rewrites_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = load(&compile_c(dir.path(), "rewriter", "first", &["-DREWRITER_ID=\"first\"", "-DPREFIX=\"AAAA \""]));
    let second = load(&compile_c(dir.path(), "rewriter", "second", &["-DREWRITER_ID=\"second\"", "-DPREFIX=\"B \""]));
    let (lines, _) = run(&[first, second], &[], vec![doc("d", "one anchor two")], RunOptions::default());
    let line = &lines[0];
    let text = line["text"].as_str().unwrap();
    assert_eq!(text, "B AAAA one anchor two");
    assert!(errors(line).is_empty(), "{:?}", errors(line));
    for plugin in ["first", "second"] {
        let r = &records(line, plugin)[0];
        let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], "anchor", "{plugin}'s record points at its word in the final text");
    }
}

#[test]
fn re_anchoring_prefers_the_occurrence_with_the_same_surroundings() {
    // The first transform marks the FIRST "anchor"; the second deletes a
    // long run before it, so the record's old relative position now points
    // near the SECOND "anchor". The words around the span decide.
    let dir = tempfile::tempdir().unwrap();
    let first = load(&compile_c(dir.path(), "rewriter", "marker", &["-DREWRITER_ID=\"marker\""]));
    let cut = load(&compile_c(dir.path(), "rewriter", "cut", &["-DREWRITER_ID=\"cut\"", "-DDELETE_WORD=\"junk \""]));
    let text = format!("{}x anchor one. y anchor two.", "junk ".repeat(12));
    let (lines, _) = run(&[first, cut], &[], vec![doc("d", &text)], RunOptions::default());
    let text = lines[0]["text"].as_str().unwrap();
    assert_eq!(text, ">> x anchor one. y anchor two.");
    let r = &records(&lines[0], "marker")[0];
    let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
    assert_eq!((start, &text[start..end]), (5, "anchor"), "the first anchor, as marked");
}

#[test]
fn a_record_whose_text_disappears_is_dropped_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let first = load(&compile_c(dir.path(), "rewriter", "keeps", &["-DREWRITER_ID=\"keeps\""]));
    let eraser = load(&compile_c(dir.path(), "rewriter", "eraser", &["-DREWRITER_ID=\"eraser\"", "-DDELETE_ANCHOR"]));
    let (lines, _) = run(&[first, eraser], &[], vec![doc("d", "an anchor here")], RunOptions::default());
    assert_eq!(lines[0]["text"], ">> an  here");
    assert!(lines[0]["extractions"].get("keeps").is_none(), "its only record was dropped");
    let errs = errors(&lines[0]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("keeps: record 1") && errs[0].contains("after plugin eraser rewrote it"), "{errs:?}");
}

#[test]
fn metadata_set_by_a_transform_reaches_later_plugins() {
    let dir = tempfile::tempdir().unwrap();
    let setter = load(&compile_c(dir.path(), "rewriter", "setter", &["-DREWRITER_ID=\"setter\""]));
    let echo = load(&compile_c(dir.path(), "rewriter", "echo", &["-DREWRITER_ID=\"echo\"", "-DREWRITER_KIND=1", "-DECHO_META"]));
    let mut dated = match doc("dated", "x") {
        Entry::Doc(d) => d,
        _ => unreachable!(),
    };
    dated.date = Some("1999-12-31".into());
    let (lines, _) = run(&[setter, echo], &[], vec![doc("undated", "x"), Entry::Doc(dated)], RunOptions::default());
    let meta = &records(&lines[0], "echo")[0];
    assert_eq!(meta["date"], "2001-02-03", "set_meta(date) fills an empty date");
    assert_eq!(meta["seen_by_setter"], "yes", "other keys are appended to meta");
    let meta = &records(&lines[1], "echo")[0];
    assert_eq!(meta["date"], "1999-12-31", "set_meta(date) does not overwrite the reader's date");
}

#[test]
fn an_extractor_may_not_replace_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let rogue = load(&compile_c(dir.path(), "rewriter", "rogue", &["-DREWRITER_ID=\"rogue\"", "-DREWRITER_KIND=1"]));
    let (lines, _) = run(&[rogue], &[], vec![doc("d", "keep this")], RunOptions::default());
    assert_eq!(lines[0]["text"], "keep this");
    let errs = errors(&lines[0]);
    assert!(errs.iter().any(|e| e.contains("replace_text() called by an extractor")), "{errs:?}");
}

#[test]
fn parallel_output_is_in_input_order_with_one_line_per_document() {
    let n = 3000;
    // Uneven sizes so batches finish out of order.
    let texts: Vec<String> = (0..n).map(|i| format!("doc {i} {}", "x".repeat((i * 7919) % 3000))).collect();
    let entries = texts.iter().enumerate().map(|(i, t)| doc(&format!("id{i}"), t)).collect();
    let options = RunOptions { jobs: 4, batch_docs: 7, ..RunOptions::default() };
    let (lines, summary) = run(&[load(&faulty())], &[], entries, options);
    assert_eq!(lines.len(), n);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("id{i}"));
        let recs = records(line, "faulty");
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0]["bytes"].as_u64(), Some(texts[i].len() as u64));
    }
    assert_eq!(summary.records, n as u64);
    assert!(!summary.has_errors());
}

#[test]
fn one_instance_per_worker_unless_the_plugin_is_thread_safe() {
    let dir = tempfile::tempdir().unwrap();
    for (name, defines, thread_safe) in [
        ("per_worker", &["-DFIXTURE_COUNT_INSTANCES"][..], false),
        ("shared", &["-DFIXTURE_COUNT_INSTANCES", "-DFIXTURE_FLAGS=1"][..], true),
    ] {
        let plugin = load(&compile_c(dir.path(), "fixture", name, defines));
        assert_eq!(plugin.thread_safe(), thread_safe);
        let entries = (0..2000).map(|i| doc(&i.to_string(), &"y".repeat(i % 500))).collect();
        let options = RunOptions { jobs: 4, batch_docs: 4, ..RunOptions::default() };
        let (lines, summary) = run(&[plugin], &[], entries, options);
        // The fixture reports an instance called by two threads at once, or overlapping create() calls.
        let errs: Vec<String> = lines.iter().flat_map(errors).collect();
        assert!(errs.is_empty() && !summary.has_errors(), "{name}: {:?}", &errs[..errs.len().min(3)]);
        let mut instances: Vec<i64> = lines.iter().map(|l| records(l, "fixture")[0]["instance"].as_i64().unwrap()).collect();
        instances.sort();
        instances.dedup();
        if thread_safe {
            assert_eq!(instances, [1], "{name}: one shared instance");
        } else {
            assert!(instances.iter().all(|n| (1..=4).contains(n)), "{name}: at most one instance per worker: {instances:?}");
        }
    }
}
