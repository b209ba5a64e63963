//! `gleaner new-plugin NAME`: write a standalone plugin project (Rust with
//! `gleaner-sdk`, or C with the ABI header) with a working example, tests,
//! sample data and a README, ready for `cargo build --release` or `make`.
//!
//! The templates live in `templates/` and are compiled into the binary.
//! They use `{{key}}` placeholders and line-level conditional blocks
//! (`{{#extractor}}` ... `{{/extractor}}`, same for `transform`). The Rust
//! manifest is `Cargo.toml.in` so that Cargo never mistakes the template
//! for a package.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

#[derive(Args)]
#[command(after_help = "\
Examples:
  gleaner new-plugin hashtags                      a Rust extractor in ./hashtags
  gleaner new-plugin cleanup --kind transform      a Rust transform
  gleaner new-plugin dates --lang c --dir ~/src/dates

Then, in the new folder: cargo build --release (or make), and follow its README.md.")]
pub struct NewPluginArgs {
    /// The plugin's id and project name: lowercase letters, digits, '_' and '-', starting with a letter.
    name: String,
    /// The language of the project.
    #[arg(long, value_enum, default_value_t = Lang::Rust)]
    lang: Lang,
    /// An extractor emits records; a transform rewrites the text before the extractors.
    #[arg(long, value_enum, default_value_t = Kind::Extractor)]
    kind: Kind,
    /// Where to create the project (default: ./NAME); it must not exist yet.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The gleaner-sdk crate a Rust project depends on (default: the one in the source tree this gleaner was built from).
    #[arg(long, value_name = "DIR")]
    sdk_path: Option<PathBuf>,
}

/// The project's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// A Cargo project using gleaner-sdk.
    Rust,
    /// A Makefile project using gleaner_plugin.h.
    C,
}

/// The plugin's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Emits records over the text.
    Extractor,
    /// Rewrites the text.
    Transform,
}

/// Runs `gleaner new-plugin`.
pub fn main(args: NewPluginArgs) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from(&args.name));
    let sdk = args.sdk_path.clone().unwrap_or_else(default_sdk_path);
    match create(&args.name, args.lang, args.kind, &dir, &sdk) {
        Ok(files) => {
            print_next_steps(&args.name, args.lang, args.kind, &dir, &files);
            ExitCode::SUCCESS
        }
        Err(e) => crate::usage_error(e),
    }
}

/// `crates/sdk` of the source tree this binary was built from.
fn default_sdk_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/sdk")
}

/// Words Cargo or Rust refuse as a crate name.
const RESERVED: &[&str] = &[
    "abstract", "alloc", "as", "async", "await", "become", "box", "break", "const", "continue", "core", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match",
    "mod", "move", "mut", "override", "priv", "proc_macro", "pub", "ref", "return", "self", "static", "std", "struct",
    "super", "test", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while",
    "yield",
];

/// Checks a plugin name: a valid plugin id that is also a valid crate and C identifier stem.
fn check_name(name: &str) -> Result<(), String> {
    let rule = "use lowercase letters, digits, '_' and '-', starting with a letter, e.g. 'my_dates'";
    if name.is_empty() {
        return Err(format!("the plugin name is empty; {rule}"));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!("invalid plugin name {name:?}: it must start with a lowercase letter; {rule}"));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')) {
        return Err(format!("invalid plugin name {name:?}: {bad:?} is not allowed; {rule}"));
    }
    if name.len() > 64 {
        return Err(format!("invalid plugin name {name:?}: at most 64 characters"));
    }
    if RESERVED.contains(&lib_name(name).as_str()) {
        return Err(format!("invalid plugin name {name:?}: it is reserved by Rust or Cargo; pick another"));
    }
    Ok(())
}

/// The library name: the file is `lib<lib_name>.so`.
fn lib_name(name: &str) -> String {
    name.replace('-', "_")
}

/// The Rust type of the example: the name in CamelCase, with `Plugin`
/// appended if it would clash with a name the template imports.
fn type_name(name: &str) -> String {
    let camel: String = name
        .split(['_', '-'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    const IMPORTED: &[&str] = &["Config", "Doc", "Document", "Error", "Extractor", "Output", "OwnedValue", "Plugin", "Setting", "Transform", "Value"];
    if IMPORTED.contains(&camel.as_str()) {
        camel + "Plugin"
    } else {
        camel
    }
}

/// Keeps the lines of the blocks of `kind`, drops the other kind's blocks,
/// then fills in the placeholders.
fn render(template: &str, kind: Kind, values: &[(&str, &str)]) -> String {
    let (keep, drop) = match kind {
        Kind::Extractor => ("extractor", "transform"),
        Kind::Transform => ("transform", "extractor"),
    };
    let mut out = String::with_capacity(template.len());
    let mut dropping = false;
    for line in template.split_inclusive('\n') {
        let marker = line.trim();
        if marker == format!("{{{{#{keep}}}}}") || marker == format!("{{{{/{keep}}}}}") {
            continue;
        }
        if marker == format!("{{{{#{drop}}}}}") {
            dropping = true;
            continue;
        }
        if marker == format!("{{{{/{drop}}}}}") {
            dropping = false;
            continue;
        }
        if !dropping {
            out.push_str(line);
        }
    }
    for (key, value) in values {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    out
}

/// A string as a TOML basic string's contents.
fn toml_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The files of a project: (relative path, contents).
fn project_files(name: &str, lang: Lang, kind: Kind, sdk: &Path) -> Vec<(&'static str, String)> {
    let lib = lib_name(name);
    let type_ = type_name(name);
    let gleaner = std::env::current_exe().map_or_else(|_| "gleaner".to_owned(), |p| p.display().to_string());
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/plugins.md").display().to_string();
    let sdk_path = toml_escape(&sdk.display().to_string());
    let abi_version = format!("{}.{}", gleaner_abi::GLEANER_ABI_MAJOR, gleaner_abi::GLEANER_ABI_MINOR);
    let (kind_name, example) = match kind {
        Kind::Extractor => ("extractor", "it finds years written as four digits"),
        Kind::Transform => ("transform", "it squeezes runs of whitespace"),
    };
    let check = match kind {
        Kind::Extractor => "eval --plugin ./$(LIB) --gold sample/gold.jsonl",
        Kind::Transform => "run --plugin ./$(LIB) sample/news/",
    };
    let description = format!("A gleaner {kind_name} plugin.");
    let values: [(&str, &str); 11] = [
        ("name", name),
        ("lib", &lib),
        ("type", &type_),
        ("gleaner", &gleaner),
        ("guide", &guide),
        ("sdk_path", &sdk_path),
        ("abi_version", &abi_version),
        ("kind", kind_name),
        ("example", example),
        ("check", check),
        ("description", &description),
    ];
    let fill = |template: &str| render(template, kind, &values);
    let mut files = match lang {
        Lang::Rust => vec![
            ("Cargo.toml", fill(include_str!("templates/rust/Cargo.toml.in"))),
            (
                "src/lib.rs",
                fill(match kind {
                    Kind::Extractor => include_str!("templates/rust/src/extractor.rs"),
                    Kind::Transform => include_str!("templates/rust/src/transform.rs"),
                }),
            ),
            ("README.md", fill(include_str!("templates/rust/README.md"))),
            (".gitignore", include_str!("templates/rust/gitignore").to_owned()),
        ],
        Lang::C => vec![
            ("Makefile", fill(include_str!("templates/c/Makefile"))),
            (
                "plugin.c",
                fill(match kind {
                    Kind::Extractor => include_str!("templates/c/extractor.c"),
                    Kind::Transform => include_str!("templates/c/transform.c"),
                }),
            ),
            ("gleaner_plugin.h", gleaner_abi::HEADER.to_owned()),
            ("README.md", fill(include_str!("templates/c/README.md"))),
            (".gitignore", include_str!("templates/c/gitignore").to_owned()),
        ],
    };
    files.extend([
        ("sample/news/elections.txt", include_str!("templates/sample/news/elections.txt").to_owned()),
        ("sample/news/markets.txt", include_str!("templates/sample/news/markets.txt").to_owned()),
        ("sample/news/science.txt", include_str!("templates/sample/news/science.txt").to_owned()),
    ]);
    if kind == Kind::Extractor {
        files.push(("sample/gold.jsonl", include_str!("templates/sample/gold.jsonl").to_owned()));
    }
    files
}

/// Creates the project in `dir` (which must not exist); returns the files written.
/// On failure nothing is left behind.
pub fn create(name: &str, lang: Lang, kind: Kind, dir: &Path, sdk: &Path) -> Result<Vec<PathBuf>, String> {
    check_name(name)?;
    let sdk = if lang == Lang::Rust { checked_sdk(sdk)? } else { sdk.to_path_buf() };
    if dir.exists() {
        return Err(format!("{} already exists; choose another name or --dir", dir.display()));
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::create_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write_all = || -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        for (relative, contents) in project_files(name, lang, kind, &sdk) {
            let path = dir.join(relative);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            written.push(PathBuf::from(relative));
        }
        Ok(written)
    };
    write_all().inspect_err(|_| {
        let _ = fs::remove_dir_all(dir);
    })
}

/// The SDK folder, absolute, checked to hold the gleaner-sdk crate.
fn checked_sdk(sdk: &Path) -> Result<PathBuf, String> {
    let manifest = sdk.join("Cargo.toml");
    let is_sdk = fs::read_to_string(&manifest).is_ok_and(|text| text.lines().any(|l| l.trim().replace(' ', "") == "name=\"gleaner-sdk\""));
    if !is_sdk {
        return Err(format!(
            "no gleaner-sdk crate at {} (this gleaner was built from a source tree that is not there any more?); \
             give the path of gleaner's crates/sdk with --sdk-path DIR",
            sdk.display()
        ));
    }
    fs::canonicalize(sdk).map_err(|e| format!("cannot resolve {}: {e}", sdk.display()))
}

fn print_next_steps(name: &str, lang: Lang, kind: Kind, dir: &Path, files: &[PathBuf]) {
    let kind_name = match kind {
        Kind::Extractor => "extractor",
        Kind::Transform => "transform",
    };
    let lang_name = match lang {
        Lang::Rust => "Rust",
        Lang::C => "C",
    };
    println!("Created the {lang_name} {kind_name} plugin '{name}' in {}:", dir.display());
    for file in files {
        println!("  {}", file.display());
    }
    let lib = lib_name(name);
    let (build, library, test) = match lang {
        Lang::Rust => ("cargo build --release", format!("./target/release/lib{lib}.so"), "cargo test"),
        Lang::C => ("make", format!("./lib{lib}.so"), "make check"),
    };
    println!("\nNext:");
    println!("  cd {}", dir.display());
    println!("  {build}");
    println!("  {test}");
    println!("  gleaner run --plugin {library} sample/news/");
    if kind == Kind::Extractor {
        println!("  gleaner eval --plugin {library} --gold sample/gold.jsonl");
    }
    println!("  gleaner bench --plugin {library} sample/news/");
    println!("\nREADME.md says more; the guide is {}", Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/plugins.md").display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_with_the_rule_in_the_message() {
        for good in ["years", "my_dates", "geo-2", "a"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for (bad, expected) in [
            ("", "empty"),
            ("2fast", "start with a lowercase letter"),
            ("MyPlugin", "start with a lowercase letter"),
            ("my plugin", "' ' is not allowed"),
            ("dates.v2", "'.' is not allowed"),
            ("test", "reserved"),
            ("proc-macro", "reserved"),
        ] {
            let message = check_name(bad).unwrap_err();
            assert!(message.contains(expected), "{bad}: {message}");
        }
    }

    #[test]
    fn type_names_are_camel_case_and_avoid_imported_names() {
        assert_eq!(type_name("my_dates"), "MyDates");
        assert_eq!(type_name("geo-2"), "Geo2");
        assert_eq!(type_name("plugin"), "PluginPlugin");
        assert_eq!(type_name("value"), "ValuePlugin");
    }

    #[test]
    fn render_keeps_one_kind_and_fills_every_placeholder() {
        let template = "a {{name}}\n{{#extractor}}\nonly extractors\n{{/extractor}}\n{{#transform}}\nonly transforms\n{{/transform}}\nend\n";
        assert_eq!(render(template, Kind::Extractor, &[("name", "x")]), "a x\nonly extractors\nend\n");
        assert_eq!(render(template, Kind::Transform, &[("name", "x")]), "a x\nonly transforms\nend\n");
        for lang in [Lang::Rust, Lang::C] {
            for kind in [Kind::Extractor, Kind::Transform] {
                for (path, contents) in project_files("my-plugin", lang, kind, Path::new("/sdk")) {
                    assert!(!contents.contains("{{"), "{lang:?} {kind:?} {path} keeps a placeholder");
                }
            }
        }
    }

    #[test]
    fn an_existing_folder_or_a_missing_sdk_is_refused_and_nothing_is_left() {
        let dir = std::env::temp_dir().join(format!("gleaner-new-plugin-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let message = create("years", Lang::C, Kind::Extractor, &dir, Path::new("/nowhere")).unwrap_err();
        assert!(message.contains("already exists"), "{message}");
        let target = dir.join("years");
        let message = create("years", Lang::Rust, Kind::Extractor, &target, Path::new("/nowhere")).unwrap_err();
        assert!(message.contains("no gleaner-sdk crate at /nowhere") && message.contains("--sdk-path"), "{message}");
        assert!(!target.exists());
        let written = create("years", Lang::C, Kind::Transform, &target, Path::new("/nowhere")).unwrap();
        assert!(written.contains(&PathBuf::from("gleaner_plugin.h")) && !written.contains(&PathBuf::from("sample/gold.jsonl")));
        assert_eq!(fs::read_to_string(target.join("gleaner_plugin.h")).unwrap(), gleaner_abi::HEADER);
        fs::remove_dir_all(&dir).unwrap();
    }
}
