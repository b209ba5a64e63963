//! The gleaner host: loads extractor plugins over the C ABI of
//! `gleaner_plugin.h` and runs them in parallel over corpora, writing one
//! JSON line per document (see `../shared/eval/OUTPUT.md`).
//!
//! Modules, in the order a run uses them:
//! - [`loader`]: `dlopen` a plugin file (or take a linked-in entry
//!   function), call `gleaner_plugin_entry_v1`, check the descriptor (magic,
//!   ABI major, struct size, functions, id, settings). Never unloads.
//! - [`discovery`]: the plugin search path (`GLEANER_PLUGIN_PATH`, then the
//!   folders next to the executable), `--plugin` arguments as paths or ids,
//!   the standard plugin set, duplicate detection ([`PluginSet`]).
//! - [`settings`]: `--set plugin.key=value` and `--config FILE.toml`, checked
//!   against each plugin's declared settings before the run.
//! - `instance` (private): `create()`/`destroy()` of plugin instances.
//! - `pipeline` (private): one batch through every plugin: the host
//!   callbacks, record checks, re-anchoring after text rewrites, and
//!   serialising each document's JSON line in the worker.
//! - [`runner`]: the streaming runner: reader thread, bounded channel,
//!   rayon pool, reorder buffer, [`Summary`].
//! - [`output`]: the output file written under a temporary name and renamed.
//! - [`isolate`] and [`worker`]: isolation mode, each plugin in worker
//!   processes, so a crash or a hang costs one document.
//! - [`resume`]: `--resume`, an output file that survives a killed run.
//! - [`trust`]: refusing plugin files other users could have changed.
//!
//! ```no_run
//! use gleaner_host::{PluginSet, RunOptions, Runner, SearchPath, Silent, UserSettings};
//! let plugins = PluginSet::resolve(&["terms".to_owned()], &SearchPath::from_env()).unwrap();
//! let mut user = UserSettings::new();
//! user.add_set("terms.terms=oil,gold").unwrap();
//! let settings = user.resolve(&plugins).unwrap();
//! let runner = Runner::new(&plugins, settings, RunOptions::default()).unwrap();
//! let corpus = gleaner_corpus::open(&["news.jsonl".into()], Default::default());
//! let summary = runner.run(corpus, &mut std::io::stdout(), &Silent).unwrap();
//! eprintln!("{} documents, {} records", summary.lines, summary.records);
//! ```

pub mod discovery;
pub mod eval;
mod instance;
pub mod isolate;
mod json;
pub mod loader;
pub mod output;
mod pipeline;
pub mod resume;
pub mod runner;
pub mod settings;
pub mod trust;
pub mod worker;

pub use discovery::{PluginSet, SearchPath};
pub use loader::{LoadError, Origin, Plugin, PluginKind, SettingSpec, SettingType};
pub use isolate::IsolateOptions;
pub use output::AtomicFile;
pub use runner::{BatchTiming, LogLevel, RunObserver, RunOptions, Runner, Silent, StageTiming, Summary};
pub use settings::{ResolvedSettings, UserSettings};
