//! `gleaner run --resume -o FILE`: a run killed with SIGKILL at random
//! moments and resumed each time ends with the very bytes of an
//! uninterrupted run; a partial file from another input is refused.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::*;

/// A corpus big enough that a debug-build run with `terms` takes about a second.
fn write_corpus(path: &Path, docs: usize) {
    let mut out = String::new();
    for i in 0..docs {
        let words = "the price of oil and gold rose while silver fell; ".repeat(5 + i % 30);
        out.push_str(&serde_json::json!({"id": format!("n{i}"), "text": format!("{i}: {words}")}).to_string());
        out.push('\n');
        if i % 997 == 500 {
            out.push_str("{not json at all\n"); // unreadable records have lines too
        }
    }
    std::fs::write(path, out).unwrap();
}

fn run_command(input: &Path, output: &Path, resume: bool) -> Command {
    let mut command = gleaner();
    command.args(["run", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "-q", "-j", "2", "--plugin", "terms"]);
    command.args(["--set", "terms.terms=oil,gold,silver"]);
    if resume {
        command.arg("--resume");
    }
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    command
}

/// A small random number generator (xorshift), seeded from the clock and printed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn ten_kills_and_resumes_end_identical_to_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    write_corpus(&input, 2500);

    let reference = dir.path().join("reference.jsonl");
    let started = Instant::now();
    let status = run_command(&input, &reference, false).status().unwrap();
    let full = started.elapsed();
    assert_eq!(status.code(), Some(1), "the broken lines are errors");
    let expected = std::fs::read(&reference).unwrap();

    let output = dir.path().join("resumed.jsonl");
    let partial = dir.path().join("resumed.jsonl.partial");
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("seed {seed}, an uninterrupted run takes {full:?}");
    let mut rng = Rng(seed);
    let mut kills = 0;
    let mut sizes = Vec::new();
    while kills < 10 {
        let mut child = run_command(&input, &output, true).spawn().unwrap();
        // A random moment within the time a whole run takes (some runs finish first).
        let wait = Duration::from_millis(rng.next() % (full.as_millis() as u64).max(1));
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        sizes.push(std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0));
        if output.exists() {
            // It finished before the kill: start over for another kill.
            assert_eq!(std::fs::read(&output).unwrap(), expected, "a run that finished (status {status:?})");
            std::fs::remove_file(&output).unwrap();
            continue;
        }
        kills += 1;
    }
    println!("partial file sizes after each kill: {sizes:?}");
    let last = run_command(&input, &output, true).output().unwrap();
    assert_eq!(last.status.code(), Some(1), "{}", String::from_utf8_lossy(&last.stderr));
    assert!(!partial.exists(), "the partial file was renamed");
    let got = std::fs::read(&output).unwrap();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "the resumed output differs from the uninterrupted run");

    // Run again: the output is complete, nothing to do.
    let again = run_command(&input, &output, true).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stderr).contains("the run is complete"));
}

#[test]
fn a_partial_file_from_another_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.jsonl");
    std::fs::write(&input, "{\"id\":\"a1\",\"text\":\"oil\"}\n{\"id\":\"a2\",\"text\":\"gold\"}\n").unwrap();
    let output = dir.path().join("out.jsonl");
    std::fs::write(dir.path().join("out.jsonl.partial"), "{\"id\":\"a1\",\"errors\":[]}\n{\"id\":\"zz\",\"errors\":[]}\n").unwrap();
    let result = run_command(&input, &output, true).output().unwrap();
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("out.jsonl.partial was made from another input: its line 2 is document \"zz\", but the input's document 2 is \"a2\""), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn resume_needs_an_output_file() {
    let output = gleaner().args(["run", "-", "--plugin", "terms", "--resume"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--output"), "{}", String::from_utf8_lossy(&output.stderr));
}
