//! Measuring gleaner plugins and pipelines, for `gleaner bench`: how fast
//! each plugin is, where the pipeline's time goes, how it scales with
//! threads, how much memory it needs, and whether a change made it slower.
//!
//! Modules, in the order a bench uses them:
//! - [`measure`]: the input (held in memory, or streamed as `gleaner run`
//!   reads it), warm-up, repeated runs of every thread count, and profile
//!   runs with the host's per-call timing (`RunObserver::wants_timing`).
//! - [`usage`]: CPU time and peak resident memory per run (`VmHWM`, reset
//!   between runs), and the machine's load.
//! - [`stats`]: a figure over repeated runs (median, range, noise) and
//!   latency percentiles.
//! - [`report`]: the [`Report`] with its JSON form and printed tables.
//! - [`baseline`]: comparing with an earlier report, flagging changes
//!   beyond the measured noise.
//!
//! ```no_run
//! use gleaner_bench::{measure, BenchOptions};
//! use gleaner_host::{PluginSet, SearchPath, UserSettings};
//! let plugins = PluginSet::resolve(&[], &SearchPath::from_env()).unwrap();
//! let settings = UserSettings::new().resolve(&plugins).unwrap();
//! let input = measure::load(&["news.jsonl.zst".into()], Default::default(), None).unwrap();
//! let options = BenchOptions { max_threads: 2, repeat: 3, warmup: 1, max_records: 100_000, include_text: true };
//! let report = measure::run(&plugins, &settings, &input, &options, &mut |line| eprintln!("{line}")).unwrap();
//! report.print(&mut std::io::stdout()).unwrap();
//! ```

pub mod baseline;
pub mod measure;
pub mod report;
pub mod stats;
pub mod usage;

pub use measure::{BenchOptions, Input};
pub use report::Report;
pub use stats::Figure;
