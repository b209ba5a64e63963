//! Finding plugins: the search path, candidate files, and turning each
//! `--plugin` argument (a path or an id) into a loaded [`Plugin`].
//!
//! Folders are searched in this order: each entry of `GLEANER_PLUGIN_PATH`
//! (colon-separated), then `<exe dir>/plugins`, `<exe dir>` and
//! `<exe dir>/deps` (where `cargo test` puts dev-dependency plugins).
//! Candidate files are named `libgleaner_plugin_*.so` (`.dylib` on macOS).
//! The first plugin found with an id wins.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::loader::{LoadError, Plugin};

/// The file extension of shared libraries on this platform.
pub const LIBRARY_EXTENSION: &str = if cfg!(target_os = "macos") { "dylib" } else { "so" };
/// The file-name prefix of plugin libraries.
pub const LIBRARY_PREFIX: &str = "libgleaner_plugin_";
/// The environment variable listing extra plugin folders.
pub const PLUGIN_PATH_VAR: &str = "GLEANER_PLUGIN_PATH";
/// The plugins `gleaner run` uses when no `--plugin` is given, in run order.
pub const STANDARD_PLUGINS: [&str; 4] = ["boilerplate", "numbers", "quotes", "geopolitics"];

/// The folders plugins are searched in, in order.
#[derive(Clone, Debug)]
pub struct SearchPath {
    dirs: Vec<PathBuf>,
}

impl SearchPath {
    /// `GLEANER_PLUGIN_PATH`, then the folders next to the running executable.
    pub fn from_env() -> SearchPath {
        let mut dirs: Vec<PathBuf> = std::env::var_os(PLUGIN_PATH_VAR)
            .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect())
            .unwrap_or_default();
        if let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
            dirs.push(exe_dir.join("plugins"));
            dirs.push(exe_dir.clone());
            dirs.push(exe_dir.join("deps"));
        }
        SearchPath { dirs }
    }

    /// Exactly these folders.
    pub fn new(dirs: Vec<PathBuf>) -> SearchPath {
        SearchPath { dirs }
    }

    /// The folders, in search order.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Every candidate plugin file, in search order (sorted by name within
    /// a folder), each file once even if reached through several folders.
    pub fn candidates(&self) -> Vec<PathBuf> {
        let mut seen = FileSet::default();
        let mut found = Vec::new();
        for dir in &self.dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_plugin_file_name(p) && p.is_file())
                .collect();
            files.sort();
            found.extend(files.into_iter().filter(|p| seen.insert(p)));
        }
        found
    }

    /// Loads every candidate, with its load result (for `gleaner plugins`).
    pub fn load_all(&self) -> Vec<(PathBuf, Result<Arc<Plugin>, LoadError>)> {
        self.candidates().into_iter().map(|p| (p.clone(), Plugin::load(&p).map(Arc::new))).collect()
    }

    /// Finds and loads the plugin with this id. Tries the file named after
    /// the id first, then every other candidate.
    pub fn find(&self, id: &str) -> Result<Arc<Plugin>, String> {
        let expected = format!("{LIBRARY_PREFIX}{}.{LIBRARY_EXTENSION}", id.replace('-', "_"));
        let candidates = self.candidates();
        let (named, others): (Vec<&PathBuf>, Vec<&PathBuf>) =
            candidates.iter().partition(|p| p.file_name().is_some_and(|n| n == expected.as_str()));
        let mut failures = Vec::new();
        let mut ids = Vec::new();
        for path in named.into_iter().chain(others) {
            match Plugin::load(path) {
                Ok(plugin) if plugin.id() == id => return Ok(Arc::new(plugin)),
                Ok(plugin) => ids.push(plugin.id().to_owned()),
                Err(e) => failures.push(e.to_string()),
            }
        }
        let mut message = format!("no plugin with id '{id}' found in {}", self.describe());
        if !ids.is_empty() {
            ids.sort();
            ids.dedup();
            message.push_str(&format!("; found: {}", ids.join(", ")));
        }
        for failure in failures {
            message.push_str(&format!("\n  ({failure})"));
        }
        Err(message)
    }

    /// The folders as a readable list, for error messages.
    pub fn describe(&self) -> String {
        let dirs: Vec<String> = self.dirs.iter().map(|d| d.display().to_string()).collect();
        format!("[{}] (set {PLUGIN_PATH_VAR} to add folders)", dirs.join(", "))
    }
}

/// Whether a file name looks like a plugin library.
fn is_plugin_file_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.starts_with(LIBRARY_PREFIX) && n.strip_suffix(LIBRARY_EXTENSION).is_some_and(|stem| stem.ends_with('.'))
    })
}

/// Whether a `--plugin` argument is a path rather than an id.
pub fn is_path_spec(spec: &str) -> bool {
    spec.contains('/') || spec.ends_with(".so") || spec.ends_with(".dylib")
}

/// The identity of a file: device and inode where available (so hard
/// links count as one file, as they do for the dynamic loader), else its
/// canonical path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            return FileId::Inode(meta.dev(), meta.ino());
        }
    }
    FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// A set of files by identity.
#[derive(Default)]
struct FileSet(Vec<FileId>);

impl FileSet {
    /// Adds a file; false if it was already there.
    fn insert(&mut self, path: &Path) -> bool {
        let id = file_id(path);
        if self.0.contains(&id) {
            return false;
        }
        self.0.push(id);
        true
    }
}

/// The plugins of one run, in the order given, with unique ids.
#[derive(Clone, Debug, Default)]
pub struct PluginSet {
    plugins: Vec<Arc<Plugin>>,
}

impl PluginSet {
    /// Resolves `--plugin` arguments (paths or ids) in order; with none,
    /// the standard plugins. The same file given twice is loaded once; two
    /// files with the same id are an error naming both.
    pub fn resolve(specs: &[String], search: &SearchPath) -> Result<PluginSet, String> {
        let standard: Vec<String>;
        let specs = if specs.is_empty() {
            standard = STANDARD_PLUGINS.iter().map(|s| s.to_string()).collect();
            &standard
        } else {
            specs
        };
        let mut files = FileSet::default();
        let mut set = PluginSet::default();
        for spec in specs {
            let plugin = if is_path_spec(spec) {
                let path = Path::new(spec);
                if !files.insert(path) {
                    continue;
                }
                Arc::new(Plugin::load(path).map_err(|e| e.to_string())?)
            } else {
                if set.get(spec).is_some() {
                    continue;
                }
                let plugin = search.find(spec).map_err(|e| {
                    if STANDARD_PLUGINS.contains(&spec.as_str()) {
                        format!("{e}\nthe standard plugins are built with `cargo build --release --workspace` (they land next to the gleaner binary, in target/release)")
                    } else {
                        e
                    }
                })?;
                if let Some(path) = plugin.path() {
                    if !files.insert(path) {
                        continue;
                    }
                }
                plugin
            };
            set.push(plugin)?;
        }
        Ok(set)
    }

    /// Adds a plugin; refuses a second plugin with the same id.
    pub fn push(&mut self, plugin: Arc<Plugin>) -> Result<(), String> {
        if let Some(other) = self.get(plugin.id()) {
            return Err(format!(
                "two plugins have the id '{}': {} and {}; give only one of them",
                plugin.id(),
                other.origin(),
                plugin.origin()
            ));
        }
        self.plugins.push(plugin);
        Ok(())
    }

    /// The plugin with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Plugin>> {
        self.plugins.iter().find(|p| p.id() == id)
    }

    /// The plugins, in the order given.
    pub fn plugins(&self) -> &[Arc<Plugin>] {
        &self.plugins
    }

    /// The ids, in the order given.
    pub fn ids(&self) -> Vec<&str> {
        self.plugins.iter().map(|p| p.id()).collect()
    }
}
