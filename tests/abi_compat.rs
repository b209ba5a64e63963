//! ABI v1 compatibility: a plugin built against the frozen v1.0 header
//! (`tests/abi-v1.0/`, kept forever) must load and run with the current
//! host; the host accepts other minors of major 1 (ignoring descriptor
//! fields it does not know) and refuses another major naming both
//! versions; the current header must keep every v1.0 declaration
//! (`tests/abi-v1.0/layout_check.c`, checked here to fail on real breaks);
//! and the Rust mirror the host reads plugins with must put every v1.0
//! field where the frozen header does.
//!
//! The load-time checks of broken descriptors (magic, size, functions, id)
//! are in `tests/loading.rs` with `tests/c/fixture.c`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use gleaner_abi::{GLEANER_ABI_MAJOR, GLEANER_ABI_MINOR};
use gleaner_host::RunOptions;
use serde_json::json;

/// The frozen copy of the v1.0 header.
fn frozen_dir() -> PathBuf {
    repo().join("tests/abi-v1.0")
}

fn compiler() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".to_owned())
}

/// Compiles `tests/abi-v1.0/plugin.c` against the FROZEN header (unlike
/// `common::compile_c`, which builds `tests/c/` against the current one).
fn compile_v1_0_plugin(dir: &Path, name: &str, defines: &[&str]) -> PathBuf {
    let out = dir.join(format!("lib{name}.{}", gleaner_host::discovery::LIBRARY_EXTENSION));
    let status = Command::new(compiler())
        .args(["-shared", "-fPIC", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-I"])
        .arg(frozen_dir())
        .args(defines)
        .arg("-o")
        .arg(&out)
        .arg(frozen_dir().join("plugin.c"))
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C compiler {}: {e}", compiler()));
    assert!(status.success(), "compiling tests/abi-v1.0/plugin.c with {defines:?} failed");
    out
}

/// Compiles `layout_check.c` with `current` as the current header.
fn layout_check(current: &Path) -> Output {
    Command::new(compiler())
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .arg(format!("-DCURRENT_HEADER=\"{}\"", current.display()))
        .arg(frozen_dir().join("layout_check.c"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run the C compiler {}: {e}", compiler()))
}

/// 64-bit FNV-1a: enough to notice any edit of the frozen header.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn the_frozen_header_is_the_v1_0_header_unchanged() {
    let bytes = std::fs::read(frozen_dir().join("gleaner_plugin.h")).unwrap();
    assert_eq!(
        (bytes.len(), fnv1a(&bytes)),
        (13_898, 0x34b1_b66d_d278_96b6),
        "tests/abi-v1.0/gleaner_plugin.h is the v1.0 header as released and must never change; \
         new declarations go into crates/abi/include/gleaner_plugin.h"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("#define GLEANER_ABI_MAJOR 1u\n#define GLEANER_ABI_MINOR 0u\n"));
}

#[test]
fn the_current_header_keeps_every_v1_0_declaration() {
    let output = layout_check(&repo().join("crates/abi/include/gleaner_plugin.h"));
    assert!(
        output.status.success(),
        "crates/abi/include/gleaner_plugin.h broke the v1.0 ABI:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The Rust mirror speaks the same version as the header.
    let header = gleaner_abi::HEADER;
    assert!(header.contains(&format!("#define GLEANER_ABI_MAJOR {GLEANER_ABI_MAJOR}u\n")));
    assert!(header.contains(&format!("#define GLEANER_ABI_MINOR {GLEANER_ABI_MINOR}u\n")));
}

/// The check itself: a legal minor addition passes; moved fields, a shrunk
/// array element or a changed constant fail with a message saying which.
#[test]
fn the_layout_check_accepts_a_minor_addition_and_catches_breaks() {
    let frozen = std::fs::read_to_string(frozen_dir().join("gleaner_plugin.h")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let edit = |name: &str, edits: &[(&str, &str)]| {
        let mut text = frozen.clone();
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} is not in the v1.0 header");
            text = text.replacen(from, to, 1);
        }
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        layout_check(&path)
    };
    let v1_1 = edit(
        "v1_1.h",
        &[
            ("#define GLEANER_ABI_MINOR 0u", "#define GLEANER_ABI_MINOR 1u"),
            ("    size_t n_meta;\n} gleaner_document;", "    size_t n_meta;\n    gleaner_str language; /* 1.1 */\n} gleaner_document;"),
            ("sizeof(gleaner_document) == 104", "sizeof(gleaner_document) == 120"),
            ("#define GLEANER_FLAG_THREAD_SAFE ((uint64_t)1u << 0)", "#define GLEANER_FLAG_THREAD_SAFE ((uint64_t)1u << 0)\n#define GLEANER_FLAG_LATER ((uint64_t)1u << 1)"),
        ],
    );
    assert!(v1_1.status.success(), "a minor addition must pass: {}", String::from_utf8_lossy(&v1_1.stderr));

    // (file name, edits of the v1.0 header, what the failing check must say)
    type Break<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let breaks: [Break; 4] = [
        (
            "swapped.h",
            &[("    size_t start;                /* byte offset into the text, inclusive */\n    size_t end;                  /* byte offset into the text, exclusive */",
               "    size_t end;\n    size_t start;")],
            "gleaner_record.start moved",
        ),
        ("narrowed.h", &[("    uint32_t type;             /* GLEANER_TYPE_* */", "    uint16_t type; uint16_t pad;")], "gleaner_setting_spec.type changed size"),
        ("constant.h", &[("#define GLEANER_STOP 1", "#define GLEANER_STOP 2")], "GLEANER_STOP"),
        ("inserted.h", &[("    gleaner_str url;          /* source URL, or empty */", "    gleaner_str lang;\n    gleaner_str url;")], "gleaner_document.url moved"),
    ];
    for (name, edits, expected) in breaks {
        let output = edit(name, edits);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name}: the break was not caught");
        assert!(stderr.contains(expected), "{name}: expected {expected:?} in\n{stderr}");
    }
}

#[test]
fn a_v1_0_plugin_loads_and_runs_with_the_current_host() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = load(&compile_v1_0_plugin(dir.path(), "abi_v1_0", &[]));
    assert_eq!((plugin.id(), plugin.abi_version()), ("abi_v1_0", (1, 0)));
    let declared: Vec<String> = plugin.settings().iter().map(|s| format!("{} {} {}", s.name, s.ty, s.default)).collect();
    assert_eq!(declared, ["label string none", "word string gleaner", "limit int 10", "ratio float 0.5", "strict bool false"]);
    // Once the host speaks 1.1 or later, this is the older-minor check: the
    // same 1.0 plugin must still load and run unchanged.

    let mut with_date = doc("a", "a gleaner, gleaner and gleaner");
    if let gleaner_corpus::Entry::Doc(d) = &mut with_date {
        d.date = Some("2024-05-06".into());
        d.meta.push(("title".into(), "T".into()));
    }
    let docs = vec![with_date, doc("b", "FAIL here"), doc("c", "no word")];
    let sets = ["abi_v1_0.label=été", "abi_v1_0.limit=2", "abi_v1_0.ratio=0.25", "abi_v1_0.strict=true"];
    let (lines, summary) = run(&[plugin], &sets, docs, RunOptions { jobs: 2, ..RunOptions::default() });
    assert_eq!(summary.lines, 3);
    let a = records(&lines[0], "abi_v1_0");
    assert_eq!(
        a[0],
        json!({"start": 0, "end": 30, "kind": "doc", "id": "a", "date": "2024-05-06", "meta": 1,
               "host_minor": GLEANER_ABI_MINOR, "label": "été", "limit": 2, "ratio": 0.25, "strict": true})
    );
    let words: Vec<(u64, u64)> = a[1..].iter().map(|r| (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap())).collect();
    assert_eq!(words, [(2, 9), (11, 18)], "limit=2 stops after two words");
    assert_eq!(errors(&lines[1]), ["abi_v1_0: asked to fail"]);
    assert_eq!(records(&lines[2], "abi_v1_0")[0]["date"], serde_json::Value::Null);
}

#[test]
fn a_newer_minor_with_a_larger_descriptor_loads_and_its_extra_fields_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let newer = format!("-DV10_MINOR={}", GLEANER_ABI_MINOR + 1);
    let plugin = load(&compile_v1_0_plugin(dir.path(), "abi_newer", &["-DV10_EXTENDED", &newer]));
    assert_eq!(plugin.abi_version(), (GLEANER_ABI_MAJOR, GLEANER_ABI_MINOR + 1));
    let (lines, _) = run(&[plugin], &["abi_v1_0.word=x"], vec![doc("a", "x y x")], RunOptions::default());
    let found = records(&lines[0], "abi_v1_0");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(errors(&lines[0]).is_empty());
}

#[test]
fn a_newer_major_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let major = GLEANER_ABI_MAJOR + 1;
    let path = compile_v1_0_plugin(dir.path(), "abi_major", &[&format!("-DV10_MAJOR={major}"), "-DV10_EXTENDED"]);
    let message = load_error(&path);
    let expected = format!("plugin speaks ABI {major}.0, this gleaner speaks {GLEANER_ABI_MAJOR}.{GLEANER_ABI_MINOR}");
    assert!(message.contains(&expected) && message.contains("libabi_major"), "{message}");
}

/// The size of a field, from a projection closure.
fn field_size<T, F>(_: fn(&T) -> &F) -> usize {
    std::mem::size_of::<F>()
}

/// (struct, field as named in C, offset and size in the Rust mirror).
macro_rules! mirror_fields {
    ($($ty:ident { $($field:ident $(as $c:literal)?),+ })+) => {
        vec![$($((
            stringify!($ty),
            mirror_fields!(@c $field $($c)?),
            std::mem::offset_of!(gleaner_abi::$ty, $field),
            field_size::<gleaner_abi::$ty, _>(|s| &s.$field),
        )),+),+]
    };
    (@c $field:ident $c:literal) => { $c };
    (@c $field:ident) => { stringify!($field) };
}

/// The host reads plugins through the Rust mirror (`gleaner-abi`), not the
/// header: every v1.0 field must sit where the frozen header puts it.
#[test]
fn the_rust_mirror_matches_the_v1_0_layout_field_by_field() {
    let fields = mirror_fields! {
        gleaner_str { ptr, len }
        gleaner_kv { key, value }
        gleaner_value { type_ as "type", reserved, str, int_value, float_value }
        gleaner_field { key, value }
        gleaner_record { start, end, kind, fields, n_fields }
        gleaner_document { struct_size, reserved, id, text, content_type, date, url, meta, n_meta }
        gleaner_host { struct_size, reserved, ctx, emit, replace_text, set_meta, error, log }
        gleaner_setting_spec { name, type_ as "type", reserved, default_value, description }
        gleaner_create_args { struct_size, host_abi_minor, settings, n_settings, ctx, error }
        gleaner_plugin_descriptor {
            magic, abi_major, abi_minor, struct_size, kind, flags, id, version, description,
            settings, n_settings, create, destroy, process
        }
    };
    // A C program that prints the frozen header's layout, line by line.
    let mut program = String::from("#include <stdio.h>\n#include \"gleaner_plugin.h\"\nint main(void) {\n");
    for (ty, field, _, _) in &fields {
        program.push_str(&format!("    printf(\"{ty}.{field} %zu %zu\\n\", offsetof({ty}, {field}), sizeof((({ty} *)0)->{field}));\n"));
    }
    program.push_str("    return 0;\n}\n");
    let dir = tempfile::tempdir().unwrap();
    let (source, binary) = (dir.path().join("layout.c"), dir.path().join("layout"));
    std::fs::write(&source, program).unwrap();
    let status = Command::new(compiler()).args(["-std=c11", "-Wall", "-Werror", "-I"]).arg(frozen_dir()).arg("-o").arg(&binary).arg(&source).status().unwrap();
    assert!(status.success(), "compiling the layout printer failed");
    let output = Command::new(&binary).output().unwrap();
    let c_layout = String::from_utf8(output.stdout).unwrap();
    let rust_layout: String = fields.iter().map(|(ty, field, offset, size)| format!("{ty}.{field} {offset} {size}\n")).collect();
    assert_eq!(rust_layout, c_layout, "crates/abi/src/lib.rs (left) no longer matches the v1.0 header (right)");
    // The same fields as layout_check.c checks, so neither list misses one.
    let check = std::fs::read_to_string(frozen_dir().join("layout_check.c")).unwrap();
    let checked: Vec<String> = check
        .lines()
        .filter_map(|l| l.strip_prefix("SAME_FIELD(")?.strip_suffix(");"))
        .map(|pair| pair.replace(", ", "."))
        .collect();
    let listed: Vec<String> = fields.iter().map(|(ty, field, _, _)| format!("{ty}.{field}")).collect();
    assert_eq!(listed, checked);
}
