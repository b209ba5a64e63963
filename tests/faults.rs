//! Misbehaving plugins: a panic, a failure, bad spans and a record flood
//! each become errors on that document only; the other documents and the
//! run go on.

mod common;

use common::*;
use gleaner_host::RunOptions;

fn faulty_run(texts: &[&str], options: RunOptions) -> (Vec<serde_json::Value>, gleaner_host::Summary) {
    let entries = texts.iter().enumerate().map(|(i, t)| doc(&format!("d{i}"), t)).collect();
    run(&[load(&faulty())], &[], entries, options)
}

#[test]
fn a_panic_is_an_error_on_that_document_only() {
    let (lines, summary) = faulty_run(&["before", "boom @PANIC here", "after"], RunOptions::default());
    assert_eq!(lines.len(), 3);
    let errs = errors(&lines[1]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("faulty: plugin panicked at "), "{errs:?}");
    assert!(errs[0].contains("/src/lib.rs:") && errs[0].ends_with(": marker @PANIC in document d1"), "{errs:?}");
    assert!(records(&lines[1], "faulty").is_empty());
    for ok in [&lines[0], &lines[2]] {
        assert!(errors(ok).is_empty());
        assert_eq!(records(ok, "faulty")[0]["kind"], "length");
    }
    assert_eq!(summary.lines_with_errors, 1);
    assert_eq!(summary.plugin_errors, vec![("faulty".to_owned(), 1)]);
}

#[test]
fn a_failed_document_keeps_its_line_and_the_others_are_fine() {
    let (lines, summary) = faulty_run(&["@FAIL please", "fine", "@FAIL again"], RunOptions::default());
    assert_eq!(lines.iter().map(|l| errors(l).len()).collect::<Vec<_>>(), [1, 0, 1]);
    assert!(errors(&lines[0])[0].contains("marker @FAIL in document d0"));
    assert_eq!(records(&lines[1], "faulty").len(), 1);
    assert!(summary.has_errors());
}

#[test]
fn bad_spans_become_errors_and_are_never_written() {
    let text = "caf\u{e9} @BADSPAN";
    let (lines, _) = faulty_run(&[text], RunOptions::default());
    let errs = errors(&lines[0]);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].contains(&format!("span 0..{} is outside the text ({} bytes)", text.len() + 10, text.len())), "{errs:?}");
    assert!(errs[1].contains("span 4..5 cuts through a UTF-8 character"), "{errs:?}");
    // Only the good record is kept, and every kept span is inside the text.
    let kept = records(&lines[0], "faulty");
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0]["start"].as_u64(), kept[0]["end"].as_u64()), (Some(0), Some(text.len() as u64)));
}

#[test]
fn a_record_flood_is_capped_with_one_error() {
    let options = RunOptions { max_records: 50, ..RunOptions::default() };
    let (lines, summary) = faulty_run(&["@FLOOD", "calm"], options);
    assert_eq!(records(&lines[0], "faulty").len(), 50);
    let errs = errors(&lines[0]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("more than 50 records"), "{errs:?}");
    assert_eq!(records(&lines[1], "faulty").len(), 1, "the next document is not affected");
    assert_eq!(summary.records, 51);
}

#[test]
fn a_batch_failure_marks_the_documents_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let failing = load(&compile_c(dir.path(), "fixture", "batchfail", &["-DFIXTURE_BATCH_FAILS"]));
    let entries = (0..3).map(|i| doc(&i.to_string(), "text")).collect();
    let options = RunOptions { batch_docs: 3, ..RunOptions::default() };
    let (lines, _) = run(&[failing], &[], entries, options);
    assert_eq!(records(&lines[0], "fixture").len(), 1);
    assert!(errors(&lines[0]).is_empty(), "the document with output keeps it, without an error");
    for line in &lines[1..] {
        let errs = errors(line);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("process() failed for the whole batch"), "{errs:?}");
    }
}

#[test]
fn a_plugin_that_refuses_to_start_fails_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "nostart", &["-DFIXTURE_CREATE_FAILS"]);
    let output = gleaner().args(["run", "-", "--plugin", path.to_str().unwrap()]).stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("plugin fixture could not start: the fixture refuses to start"), "{stderr}");
}

/// Collects plugin log lines.
#[derive(Default)]
struct Logs(std::sync::Mutex<Vec<String>>);

impl gleaner_host::RunObserver for Logs {
    fn plugin_log(&self, plugin: &str, level: gleaner_host::LogLevel, message: &str) {
        self.0.lock().unwrap().push(format!("{plugin} {level:?} {message}"));
    }
}

#[test]
fn malformed_records_become_errors_and_good_ones_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = load(&compile_c(dir.path(), "fixture", "badrecords", &["-DFIXTURE_BAD_RECORDS"]));
    let mut set = gleaner_host::PluginSet::default();
    set.push(plugin).unwrap();
    let runner = gleaner_host::Runner::new(&set, vec![vec![]], RunOptions { jobs: 1, ..RunOptions::default() }).unwrap();
    let logs = Logs::default();
    let mut out = Vec::new();
    runner.run(vec![doc("a", "text"), doc("b", "more")], &mut out, &logs).unwrap();
    let lines = parse_lines(&out);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let kept = records(line, "fixture");
        assert_eq!(kept.len(), 1, "only the good record: {kept:?}");
        assert_eq!((kept[0]["kind"].as_str(), kept[0]["a"].as_f64()), (Some("ok"), Some(0.25)));
        let errs = errors(line);
        let expected = [
            "record 1 has an empty kind",
            "record 2 (bad) uses the reserved field name 'start'",
            "record 3 (bad) has the field 'a' twice",
            "record 4 (bad) field 'a' is not a finite number",
            "record 5 (bad) bool field 'a' has the value 7",
            "record 6 (bad) field 'a' is not valid UTF-8",
        ];
        assert_eq!(errs.len(), expected.len(), "{errs:?}");
        for (err, want) in errs.iter().zip(expected) {
            assert!(err.contains(want), "{err:?} should say {want:?}");
        }
    }
    let logs = logs.0.into_inner().unwrap();
    assert!(logs.contains(&"fixture Warn fixture says hello".to_owned()), "{logs:?}");
    assert!(logs.iter().any(|l| l.starts_with("fixture Error emit() for document 2 of a batch of 2")), "{logs:?}");
}
