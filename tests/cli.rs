//! The `gleaner` binary: stdin to stdout, settings errors, the atomic
//! output file, exit statuses, and `gleaner plugins`.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Runs `gleaner` with `args`, feeding `stdin`.
fn gleaner_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = gleaner().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_owned();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn stdin_to_stdout_writes_one_line_per_input_line_in_order() {
    let mut input = String::new();
    for i in 0..500 {
        input.push_str(&format!("{{\"id\":\"n{i}\",\"text\":\"{} oil and gold\"}}\n", "word ".repeat(i % 40)));
    }
    input.push_str("{this line is broken\n");
    input.push_str("{\"id\":\"last\",\"text\":\"gold\"}\n");
    let output = gleaner_with_input(&["run", "-", "--plugin", "terms", "--set", "terms.terms=oil,gold", "-j", "2", "--quiet"], &input);
    assert_eq!(output.status.code(), Some(1), "the broken line is an error: {}", stderr(&output));
    let lines = parse_lines(&output.stdout);
    assert_eq!(lines.len(), 502);
    for (i, line) in lines.iter().take(500).enumerate() {
        assert_eq!(line["id"], format!("n{i}"));
        assert_eq!(records(line, "terms").len(), 2);
    }
    assert_eq!(lines[500]["errors"][0]["plugin"], "reader");
    assert_eq!(lines[501]["id"], "last");
}

#[test]
fn a_clean_run_exits_0_and_no_text_drops_the_text() {
    let output = gleaner_with_input(&["run", "-", "--plugin", "terms", "--no-text", "-q"], "{\"id\":\"a\",\"text\":\"x\"}\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = parse_lines(&output.stdout);
    assert!(lines[0].get("text").is_none());
    assert_eq!(lines[0]["extractions"]["terms"], serde_json::json!([]));
}

#[test]
fn settings_are_checked_before_the_run() {
    let cases: [(&[&str], &str); 5] = [
        (&["--set", "terms.colour=red"], "plugin 'terms' has no setting 'colour'; its settings: terms (string), ignore_case (bool)"),
        (&["--set", "terms.ignore_case=maybe"], "setting terms.ignore_case: expected true or false, got 'maybe'"),
        (&["--set", "numbers.x=1"], "no plugin 'numbers' in this run (plugins: terms)"),
        (&["--set", "terms=oil"], "expected PLUGIN.KEY=VALUE"),
        (&["--max-records", "many"], "invalid value 'many'"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["run", "-", "--plugin", "terms"];
        args.extend_from_slice(extra);
        let output = gleaner_with_input(&args, "{\"id\":\"a\",\"text\":\"x\"}\n");
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&output).contains(expected), "{extra:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{extra:?}: nothing ran");
    }
}

#[test]
fn a_config_file_sets_values_and_set_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("gleaner.toml");
    std::fs::write(&config, "[terms]\nterms = \"oil\"\nignore_case = true\n").unwrap();
    let config = config.to_str().unwrap();
    let input = "{\"id\":\"a\",\"text\":\"OIL and Gold\"}\n";
    let output = gleaner_with_input(&["run", "-", "--plugin", "terms", "--config", config, "-q"], input);
    let lines = parse_lines(&output.stdout);
    assert_eq!(records(&lines[0], "terms").len(), 1, "ignore_case from the file");
    let output = gleaner_with_input(&["run", "-", "--plugin", "terms", "--config", config, "--set", "terms.terms=gold", "-q"], input);
    let lines = parse_lines(&output.stdout);
    assert_eq!(records(&lines[0], "terms")[0]["term"], "gold", "--set wins over the file");

    std::fs::write(dir.path().join("bad.toml"), "[terms]\nignore_case = 3\n").unwrap();
    let bad = dir.path().join("bad.toml");
    let output = gleaner_with_input(&["run", "-", "--plugin", "terms", "--config", bad.to_str().unwrap()], input);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("expected true or false, got '3'"), "{}", stderr(&output));
}

#[test]
fn output_file_appears_only_when_complete() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let out = dir.path().join("out.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":\"also fine\"}\n").unwrap();
    let faulty = faulty();
    let status = gleaner()
        .args(["run", input.to_str().unwrap(), "--plugin", faulty.to_str().unwrap(), "-q", "-o", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(parse_lines(&std::fs::read(&out).unwrap()).len(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains(".tmp-")).collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

#[test]
fn a_killed_run_leaves_no_file_under_the_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let out = dir.path().join("out.jsonl");
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!("{{\"id\":\"{i}\",\"text\":\"document {i}\"}}\n"));
    }
    text.push_str("{\"id\":\"stuck\",\"text\":\"@HANG\"}\n");
    std::fs::write(&input, text).unwrap();
    let faulty = faulty();
    let mut child = gleaner()
        .args(["run", input.to_str().unwrap(), "--plugin", faulty.to_str().unwrap(), "-q", "-j", "1", "-o", out.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Wait until the run is under way: the temporary file exists.
    let started = Instant::now();
    let temp = loop {
        let found = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).find(|e| e.file_name().to_string_lossy().starts_with("out.jsonl.tmp-"));
        if let Some(found) = found {
            break found.path();
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the run never started");
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.exists(), "a killed run must not leave {}", out.display());
    assert!(temp.exists(), "the partial output stays under its temporary name");
}

#[test]
fn plugins_lists_and_inspects() {
    let output = gleaner().arg("plugins").output().unwrap();
    assert!(output.status.success());
    let listing = String::from_utf8_lossy(&output.stdout);
    let terms_line = listing.lines().find(|l| l.starts_with("terms ")).unwrap_or_else(|| panic!("terms not listed:\n{listing}"));
    assert!(terms_line.contains("extractor") && terms_line.contains("1.0") && terms_line.contains("libgleaner_plugin_terms"), "{terms_line}");

    let output = gleaner().args(["plugins", "inspect", "terms"]).output().unwrap();
    assert!(output.status.success());
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("ignore_case") && shown.contains("comma-separated terms"), "{shown}");
    let sha = shown.lines().find_map(|l| l.strip_prefix("sha256:")).map(str::trim).unwrap_or_default();
    assert_eq!(sha.len(), 64, "{shown}");

    let output = gleaner().args(["plugins", "inspect", "no-such-plugin"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_input_is_reported_and_the_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"text\":\"oil\"}\n").unwrap();
    let missing = dir.path().join("missing.jsonl");
    let output = gleaner()
        .args(["run", missing.to_str().unwrap(), input.to_str().unwrap(), "--plugin", "terms", "--set", "terms.terms=oil"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = parse_lines(&output.stdout);
    assert_eq!(lines.len(), 1, "no line for the missing file");
    assert_eq!(records(&lines[0], "terms").len(), 1);
    let err = stderr(&output);
    assert!(err.contains("missing.jsonl") && err.contains("1 reader errors"), "{err}");
}

#[test]
fn a_folder_of_shards_read_as_documents_warns_and_format_jsonl_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("part-1.jsonl"), "{\"id\":\"a\",\"text\":\"oil\"}\n{\"id\":\"b\",\"text\":\"gold\"}\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let args = ["run", folder, "--plugin", "terms", "--set", "terms.terms=oil,gold", "--quiet"];
    let output = gleaner_with_input(&args, "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(parse_lines(&output.stdout).is_empty());
    assert!(stderr(&output).contains("warning: no .txt or .html documents in the folder") && stderr(&output).contains("--format jsonl"), "{}", stderr(&output));

    let output = gleaner_with_input(&[&args[..], &["--format", "jsonl"]].concat(), "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(parse_lines(&output.stdout).len(), 2);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
}
