//! Load-time checks: each way a file can fail to be a usable plugin gets
//! its own clear error naming the file, before anything runs.

mod common;

use common::*;
use gleaner_host::{Plugin, PluginSet, RunOptions, SearchPath};

#[test]
fn a_text_file_is_not_a_shared_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("libgleaner_plugin_notes.so");
    std::fs::write(&path, "just some notes\n").unwrap();
    let message = load_error(&path);
    assert!(message.contains("not a shared library (it looks like text)"), "{message}");
    assert!(message.contains("libgleaner_plugin_notes.so"), "the message names the file: {message}");
}

#[test]
fn an_empty_file_and_a_missing_file_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.so");
    std::fs::write(&empty, b"").unwrap();
    assert!(load_error(&empty).contains("the file is empty"));
    assert!(load_error(&dir.path().join("absent.so")).contains("no such file"));
}

#[test]
fn a_library_without_the_entry_symbol_is_not_a_plugin() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "plain", &["-DFIXTURE_NO_ENTRY"]);
    let message = load_error(&path);
    assert!(message.contains("not a gleaner plugin: no symbol gleaner_plugin_entry_v1"), "{message}");
}

#[test]
fn a_wrong_magic_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "magic", &["-DFIXTURE_MAGIC=0x12345678u"]);
    let message = load_error(&path);
    assert!(message.contains("wrong magic number 0x12345678"), "{message}");
}

#[test]
fn another_abi_major_is_refused_saying_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "major", &["-DFIXTURE_MAJOR=2"]);
    let message = load_error(&path);
    assert!(message.contains("plugin speaks ABI 2.0, this gleaner speaks 1.0"), "{message}");
}

#[test]
fn a_newer_entry_symbol_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "v2", &["-DFIXTURE_ENTRY=gleaner_plugin_entry_v2"]);
    let message = load_error(&path);
    assert!(message.contains("gleaner_plugin_entry_v2") && message.contains("this gleaner speaks 1.0"), "{message}");
}

#[test]
fn a_descriptor_smaller_than_v1_0_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "short", &["-DFIXTURE_STRUCT_SIZE=64"]);
    let message = load_error(&path);
    assert!(message.contains("struct_size is 64 bytes, smaller than the ABI 1.0 descriptor (112 bytes)"), "{message}");
}

#[test]
fn a_missing_required_function_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "noprocess", &["-DFIXTURE_NO_PROCESS"]);
    let message = load_error(&path);
    assert!(message.contains("no process() function (required)"), "{message}");
}

#[test]
fn an_invalid_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "badid", &["-DFIXTURE_ID=\"Bad Id\""]);
    let message = load_error(&path);
    assert!(message.contains("invalid plugin id \"Bad Id\""), "{message}");
}

#[test]
fn an_unresolved_symbol_fails_at_load_not_at_the_first_call() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "undefined", &["-DFIXTURE_UNDEFINED_SYMBOL"]);
    let message = load_error(&path);
    assert!(message.contains("gleaner_fixture_function_that_does_not_exist"), "{message}");
}

#[test]
fn two_files_with_one_id_are_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let a = compile_c(dir.path(), "fixture", "dup_a", &["-DFIXTURE_ID=\"dup\""]);
    let b = compile_c(dir.path(), "fixture", "dup_b", &["-DFIXTURE_ID=\"dup\""]);
    let specs = [a.display().to_string(), b.display().to_string()];
    let message = PluginSet::resolve(&specs, &SearchPath::new(vec![])).unwrap_err();
    assert!(message.contains("two plugins have the id 'dup'"), "{message}");
    assert!(message.contains("libdup_a") && message.contains("libdup_b"), "names both files: {message}");
}

#[test]
fn the_same_file_given_twice_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = compile_c(dir.path(), "fixture", "once", &[]);
    let twice = dir.path().join(".").join("libonce.so");
    let specs = [path.display().to_string(), twice.display().to_string()];
    let set = PluginSet::resolve(&specs, &SearchPath::new(vec![])).unwrap();
    assert_eq!(set.ids(), ["fixture"]);
}

#[test]
fn a_valid_plugin_loads_with_its_description_and_hash() {
    let dir = tempfile::tempdir().unwrap();
    let a = load(&compile_c(dir.path(), "fixture", "valid_a", &[]));
    let b = load(&compile_c(dir.path(), "fixture", "valid_b", &["-DFIXTURE_ID=\"other\""]));
    assert_eq!((a.id(), a.version(), a.abi_version()), ("fixture", "0.0.1", (1, 0)));
    let (ha, hb) = (a.sha256().unwrap(), b.sha256().unwrap());
    assert!(ha.len() == 64 && ha.bytes().all(|c| c.is_ascii_hexdigit()), "{ha}");
    assert_ne!(ha, hb, "different files, different hashes");
}

#[test]
fn plugins_are_found_by_id_on_the_search_path() {
    let dir = tempfile::tempdir().unwrap();
    compile_c(dir.path(), "fixture", "gleaner_plugin_found", &["-DFIXTURE_ID=\"found\""]);
    let search = SearchPath::new(vec![dir.path().to_path_buf()]);
    assert_eq!(search.find("found").unwrap().id(), "found");
    let message = search.find("absent").unwrap_err();
    assert!(message.contains("no plugin with id 'absent'") && message.contains("found: found"), "{message}");
    let set = PluginSet::resolve(&["found".to_owned()], &search).unwrap();
    assert_eq!(set.ids(), ["found"]);
}

#[test]
fn missing_standard_plugins_say_how_to_build_them() {
    let dir = tempfile::tempdir().unwrap();
    let message = PluginSet::resolve(&[], &SearchPath::new(vec![dir.path().to_path_buf()])).unwrap_err();
    assert!(message.contains("'boilerplate'") && message.contains("cargo build --release --workspace"), "{message}");
}

#[test]
fn a_linked_in_plugin_passes_the_same_checks_and_gives_the_same_output() {
    let linked = std::sync::Arc::new(Plugin::from_entry(gleaner_plugin_terms::gleaner_plugin_entry_v1, "terms").unwrap());
    assert!(linked.path().is_none());
    let loaded = load(&terms());
    let docs = || vec![doc("a", "Oil rose; gold fell. Oil!"), doc("b", "no terms here")];
    let sets = ["terms.terms=oil,gold", "terms.ignore_case=true"];
    let (from_rlib, _) = run(&[linked], &sets, docs(), RunOptions::default());
    let (from_so, _) = run(&[loaded], &sets, docs(), RunOptions::default());
    assert_eq!(records(&from_rlib[0], "terms").len(), 3);
    assert_eq!(from_rlib, from_so);
}

#[test]
fn the_cli_exits_2_with_the_message_on_a_load_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("readme.so");
    std::fs::write(&path, "# not a plugin\n").unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"text\":\"x\"}\n").unwrap();
    let output = gleaner().arg("run").arg(&input).arg("--plugin").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("readme.so") && stderr.contains("it looks like text"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing ran");
}

#[test]
fn a_bare_file_name_means_the_file_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    compile_c(dir.path(), "fixture", "here", &["-DFIXTURE_ID=\"here\""]);
    let output = gleaner().args(["plugins", "inspect", "libhere.so"]).current_dir(dir.path()).output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(shown.starts_with("here 0.0.1"), "{shown}");
}
