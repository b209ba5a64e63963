//! `gleaner new-plugin` end to end, as a user would go: scaffold a project
//! into a temporary folder, build it (`cargo build --release` offline, or
//! `make`), run its own tests, then run it through the `gleaner` binary on
//! its sample texts and score it on its sample gold file. The Rust and C
//! extractors must give the very same records; the transforms must rewrite
//! the text the same way.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;
use serde_json::Value;

/// Runs a command in `dir`, failing the test with its output if it fails.
fn run_in(dir: &Path, command: &mut Command, what: &str) -> String {
    let started = Instant::now();
    let output = command.current_dir(dir).stdin(Stdio::null()).output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{what} failed in {}:\n{stdout}\n{}", dir.display(), String::from_utf8_lossy(&output.stderr));
    eprintln!("{what}: {:.1} s", started.elapsed().as_secs_f64());
    stdout
}

/// `gleaner new-plugin NAME ARGS.. --dir ROOT/NAME`; returns the project folder.
fn scaffold(root: &Path, name: &str, args: &[&str]) -> PathBuf {
    let dir = root.join(name);
    let stdout = run_in(root, gleaner().args(["new-plugin", name]).args(args).arg("--dir").arg(&dir), &format!("new-plugin {name} {args:?}"));
    assert!(stdout.contains("Next:"), "{stdout}");
    dir
}

/// `cargo` as the test runner's own, offline, with the target folder in `target`.
fn cargo(target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.args(args).arg("--offline").arg("--quiet").env("CARGO_TARGET_DIR", target);
    // The outer cargo's jobserver file descriptors mean nothing here.
    for jobserver in ["CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS"] {
        command.env_remove(jobserver);
    }
    command
}

/// Whether `make` is installed.
fn have_make() -> bool {
    Command::new("make").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `make TARGET` in `dir`, with `$CC` if set and gleaner as this test's binary.
/// Without `make`, builds with the Makefile's own compile command instead.
fn make(dir: &Path, target: &str) -> String {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    if !have_make() {
        assert_eq!(target, "", "make {target} needs make");
        eprintln!("make is not installed: building with the Makefile's compile command");
        let lib = format!("lib{}.so", dir.file_name().unwrap().to_string_lossy());
        let flags = ["-std=c11", "-Wall", "-Wextra", "-fPIC", "-fvisibility=hidden", "-O2", "-g", "-shared", "-o", &lib, "plugin.c"];
        return run_in(dir, Command::new(cc).args(flags), "cc (the Makefile's command)");
    }
    let mut command = Command::new("make");
    command.arg(format!("CC={cc}")).arg(format!("GLEANER={}", env!("CARGO_BIN_EXE_gleaner")));
    if !target.is_empty() {
        command.arg(target);
    }
    run_in(dir, &mut command, &format!("make {target} in {}", dir.display()))
}

/// `gleaner run --plugin LIB [ARGS] DIR/sample/news/`, parsed.
fn gleaner_run(dir: &Path, library: &Path, args: &[&str]) -> Vec<Value> {
    let stdout = run_in(dir, gleaner().arg("run").arg("--plugin").arg(library).args(args).arg("sample/news/").arg("--quiet"), "gleaner run");
    parse_lines(stdout.as_bytes())
}

/// (document id, span text, value) of every record of `plugin`.
fn years(lines: &[Value], plugin: &str) -> Vec<(String, String, i64)> {
    let mut found = Vec::new();
    for line in lines {
        assert!(errors(line).is_empty(), "{line}");
        let text = line["text"].as_str().unwrap();
        for r in records(line, plugin) {
            let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            assert_eq!(r["kind"], "year");
            found.push((line["id"].as_str().unwrap().to_owned(), text[start..end].to_owned(), r["value"].as_i64().unwrap()));
        }
    }
    found
}

/// The sample texts after the transform, by document id.
fn texts(lines: &[Value]) -> Vec<(String, String)> {
    lines.iter().map(|l| (l["id"].as_str().unwrap().to_owned(), l["text"].as_str().unwrap().to_owned())).collect()
}

fn expected_years() -> Vec<(String, String, i64)> {
    [
        ("elections", 1996),
        ("elections", 1971),
        ("elections", 2030),
        ("markets", 2024),
        ("markets", 2012),
        ("markets", 1988),
        ("science", 1950),
        ("science", 1931),
        ("science", 1975),
    ]
    .iter()
    .map(|(id, year)| (id.to_string(), year.to_string(), *year))
    .collect()
}

/// `gleaner eval` on the project's sample gold: 8 gold years, 9 found ("Room 1950" is the false positive).
fn check_eval(dir: &Path, library: &Path) {
    let stdout = run_in(dir, gleaner().arg("eval").arg("--plugin").arg(library).args(["--gold", "sample/gold.jsonl"]), "gleaner eval");
    assert!(stdout.contains("8 gold records, 9 predicted"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("year ")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(row.contains(" 0.889  1.000  0.941 ") && row.contains("1.000 (8/8)"), "{row}");
    assert!(stdout.contains("science: Room [1950] of the old observatory"), "{stdout}");
}

#[test]
fn rust_and_c_projects_build_and_run_through_gleaner() {
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let target = root.path().join("cargo-target");

    // Rust extractor: build, its own unit tests, run, inspect, eval.
    let rust = scaffold(root.path(), "years", &[]);
    run_in(&rust, &mut cargo(&target, &["build", "--release"]), "cargo build --release (years)");
    let tests = run_in(&rust, &mut cargo(&target, &["test"]), "cargo test (years)");
    assert!(tests.contains("3 passed"), "the template's unit tests ran: {tests}");
    let rust_library = target.join("release/libyears.so");
    let from_rust = years(&gleaner_run(&rust, &rust_library, &[]), "years");
    assert_eq!(from_rust, expected_years());
    let narrowed = years(&gleaner_run(&rust, &rust_library, &["--set", "years.min_year=2000"]), "years");
    assert_eq!(narrowed.iter().map(|(_, _, y)| *y).collect::<Vec<_>>(), [2030, 2024, 2012]);
    let inspect = run_in(&rust, gleaner().args(["plugins", "inspect"]).arg(&rust_library), "gleaner plugins inspect");
    assert!(inspect.contains("min_year") && inspect.contains("\"1900\"") && inspect.contains("the smallest year reported"), "{inspect}");
    check_eval(&rust, &rust_library);

    // C extractor: make, run: the same records as the Rust one; make check runs eval.
    let c = scaffold(root.path(), "cyears", &["--lang", "c"]);
    make(&c, "");
    let c_library = c.join("libcyears.so");
    assert_eq!(years(&gleaner_run(&c, &c_library, &[]), "cyears"), from_rust);
    check_eval(&c, &c_library);
    if have_make() {
        let check = make(&c, "check");
        assert!(check.contains("8 gold records, 9 predicted"), "make check runs gleaner eval: {check}");
    }

    // Transforms: the Rust one (its unit tests too) and the C one squeeze the same way.
    let rust_t = scaffold(root.path(), "squeeze", &["--kind", "transform"]);
    run_in(&rust_t, &mut cargo(&target, &["build", "--release"]), "cargo build --release (squeeze)");
    let tests = run_in(&rust_t, &mut cargo(&target, &["test"]), "cargo test (squeeze)");
    assert!(tests.contains("3 passed"), "{tests}");
    let c_t = scaffold(root.path(), "csqueeze", &["--lang", "c", "--kind", "transform"]);
    make(&c_t, "");
    for setting in ["true", "false"] {
        let from_rust = texts(&gleaner_run(&rust_t, &target.join("release/libsqueeze.so"), &["--set", &format!("squeeze.keep_paragraphs={setting}")]));
        let from_c = texts(&gleaner_run(&c_t, &c_t.join("libcsqueeze.so"), &["--set", &format!("csqueeze.keep_paragraphs={setting}")]));
        assert_eq!(from_rust, from_c);
        assert!(from_rust.iter().all(|(_, text)| !text.contains('\n') && !text.contains("  ")), "{from_rust:?}");
    }
    eprintln!("scaffold test: {:.1} s in all", started.elapsed().as_secs_f64());
}

#[test]
fn new_plugin_refuses_bad_names_and_existing_folders() {
    let root = tempfile::tempdir().unwrap();
    let output = gleaner().args(["new-plugin", "My Plugin"]).current_dir(root.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid plugin name \"My Plugin\"") && stderr.contains("lowercase letters"), "{stderr}");

    std::fs::create_dir(root.path().join("taken")).unwrap();
    let output = gleaner().args(["new-plugin", "taken"]).current_dir(root.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("taken already exists"), "{stderr}");
    assert_eq!(std::fs::read_dir(root.path().join("taken")).unwrap().count(), 0, "the existing folder is untouched");
}
