//! Helpers shared by the integration tests: where the plugin libraries
//! are, compiling the C fixtures of `tests/c/`, running documents through
//! the host library or the `gleaner` binary, and reading the output.
#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use gleaner_corpus::{Entry, SourceDoc};
use gleaner_host::discovery::LIBRARY_EXTENSION;
use gleaner_host::{Plugin, PluginSet, RunOptions, Runner, Silent, Summary, UserSettings};
use serde_json::Value;

/// `target/<profile>/deps`: where cargo puts the dev-dependency plugins'
/// shared libraries (and this test binary).
pub fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.parent().expect("the test binary's folder").to_path_buf()
}

/// The shared library of a plugin crate built as a dev-dependency, by its lib name.
pub fn library(lib_name: &str) -> PathBuf {
    let path = deps_dir().join(format!("lib{lib_name}.{LIBRARY_EXTENSION}"));
    assert!(path.exists(), "{} is missing: the plugin crates are dev-dependencies of the root package", path.display());
    path
}

/// The fault-injection plugin (tests/plugins/faulty).
pub fn faulty() -> PathBuf {
    library("gleaner_test_faulty")
}

/// The Rust terms plugin (plugins/terms).
pub fn terms() -> PathBuf {
    library("gleaner_plugin_terms")
}

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` next to the repository, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    dir.is_dir().then_some(dir)
}

/// Compiles `tests/c/<source>.c` into `<dir>/lib<name>.so` as a plugin
/// would be built: `-shared -fPIC -std=c11 -Wall -Werror -fvisibility=hidden`,
/// plus `defines` (`-D...`). Uses `$CC`, else `cc`.
pub fn compile_c(dir: &Path, source: &str, name: &str, defines: &[&str]) -> PathBuf {
    let out = dir.join(format!("lib{name}.{LIBRARY_EXTENSION}"));
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let status = Command::new(&compiler)
        .args(["-shared", "-fPIC", "-std=c11", "-O1", "-Wall", "-Werror", "-fvisibility=hidden", "-I"])
        .arg(repo().join("crates/abi/include"))
        .args(defines)
        .arg("-o")
        .arg(&out)
        .arg(repo().join(format!("tests/c/{source}.c")))
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C compiler {compiler}: {e}"));
    assert!(status.success(), "compiling tests/c/{source}.c with {defines:?} failed");
    out
}

/// Loads a plugin file, panicking with the load error if it fails.
pub fn load(path: &Path) -> Arc<Plugin> {
    Arc::new(Plugin::load(path).unwrap_or_else(|e| panic!("{e}")))
}

/// The error message of loading a file that must be refused.
pub fn load_error(path: &Path) -> String {
    match Plugin::load(path) {
        Ok(plugin) => panic!("{} loaded as plugin {}, but it should have been refused", path.display(), plugin.id()),
        Err(e) => e.to_string(),
    }
}

/// A plain-text document.
pub fn doc(id: &str, text: &str) -> Entry {
    Entry::Doc(SourceDoc {
        id: id.to_owned(),
        source: format!("test:{id}"),
        text: text.to_owned(),
        content_type: "text/plain".to_owned(),
        date: None,
        url: None,
        meta: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Runs `entries` through `plugins` (in order) with `--set`-style settings
/// and `jobs` workers; returns the parsed output lines and the summary.
pub fn run(plugins: &[Arc<Plugin>], sets: &[&str], entries: Vec<Entry>, options: RunOptions) -> (Vec<Value>, Summary) {
    let (out, summary) = run_raw(plugins, sets, entries, options);
    (parse_lines(&out), summary)
}

/// As [`run`], returning the output bytes as written.
pub fn run_raw(plugins: &[Arc<Plugin>], sets: &[&str], entries: Vec<Entry>, options: RunOptions) -> (Vec<u8>, Summary) {
    let mut set = PluginSet::default();
    for plugin in plugins {
        set.push(plugin.clone()).unwrap();
    }
    let mut user = UserSettings::new();
    for s in sets {
        user.add_set(s).unwrap();
    }
    let settings = user.resolve(&set).unwrap();
    let runner = Runner::new(&set, settings, options).unwrap();
    let mut out = Vec::new();
    let summary = runner.run(entries, &mut out, &Silent).unwrap();
    (out, summary)
}

/// Parses JSON Lines, checking each line is one JSON object.
pub fn parse_lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("bad output line {line:?}: {e}"));
            assert!(value.is_object(), "{line}");
            value
        })
        .collect()
}

/// The records of `plugin` in one output line.
pub fn records<'a>(line: &'a Value, plugin: &str) -> &'a Vec<Value> {
    line["extractions"][plugin].as_array().unwrap_or_else(|| panic!("no extractions[{plugin}] in {line}"))
}

/// The error messages of one output line.
pub fn errors(line: &Value) -> Vec<String> {
    line["errors"].as_array().expect("errors array").iter().map(|e| format!("{}: {}", e["plugin"].as_str().unwrap(), e["message"].as_str().unwrap())).collect()
}

/// The `gleaner` binary with `GLEANER_PLUGIN_PATH` pointing at the dev-dependency plugins.
pub fn gleaner() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    command.env("GLEANER_PLUGIN_PATH", deps_dir());
    command
}
