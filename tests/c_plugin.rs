//! The C version of the terms plugin (tests/c/terms.c) gives exactly the
//! output of the Rust one through the host: the C header and the Rust ABI
//! mirror agree, and a plugin needs nothing but the header.

mod common;

use common::*;
use gleaner_host::RunOptions;

#[test]
fn c_and_rust_terms_plugins_give_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let c_terms = load(&compile_c(dir.path(), "terms", "gleaner_plugin_terms_c", &[]));
    let rust_terms = load(&terms());
    assert_eq!(c_terms.id(), rust_terms.id());
    let names: Vec<_> = c_terms.settings().iter().map(|s| (s.name.clone(), s.ty, s.default.clone())).collect();
    let rust_names: Vec<_> = rust_terms.settings().iter().map(|s| (s.name.clone(), s.ty, s.default.clone())).collect();
    assert_eq!(names, rust_names, "same settings");

    let texts = [
        "Oil rose; oilfields and gold fell. OIL.",
        "gold-oil, gold/oil (oil) \"gold\" oil\ngold",
        "caf\u{e9}oil d\u{e9}j\u{e0} oil \u{65e5}oil oil\u{65e5} gold",
        "",
        "no terms at all",
        "Gold Oil GOLD oIl",
    ];
    for sets in [&["terms.terms= oil , gold,,"][..], &["terms.terms=oil,gold", "terms.ignore_case=true"], &[]] {
        let docs = || texts.iter().enumerate().map(|(i, t)| doc(&i.to_string(), t)).collect();
        let (from_c, _) = run_raw(std::slice::from_ref(&c_terms), sets, docs(), RunOptions::default());
        let (from_rust, _) = run_raw(std::slice::from_ref(&rust_terms), sets, docs(), RunOptions::default());
        assert_eq!(String::from_utf8(from_c).unwrap(), String::from_utf8(from_rust.clone()).unwrap(), "settings {sets:?}");
        if !sets.is_empty() {
            assert!(parse_lines(&from_rust).iter().map(|l| records(l, "terms").len()).sum::<usize>() > 5, "the comparison covers matches");
        }
    }
}
