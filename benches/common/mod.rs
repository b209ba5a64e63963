//! What the criterion benches share: a fixed slice of the news corpus,
//! plugins loaded from their shared libraries, and one pipeline run.
//!
//! Each plugin crate's rlib exports the same `gleaner_plugin_entry_v1`
//! symbol, so a bench binary links at most one plugin statically (its own
//! file names it); everything else is loaded from the `.so` files cargo
//! builds next to the bench binary (the plugins are dev-dependencies).

#![allow(dead_code)] // each bench binary uses part of this module

use std::path::Path;
use std::sync::Arc;

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, BenchmarkGroup, Criterion, Throughput};
use gleaner_corpus::{Entry, ReaderOptions};
use gleaner_host::{Plugin, PluginSet, RunOptions, Runner, SearchPath, Silent, UserSettings};

/// The corpus the benches read a slice of (never copied into the repository).
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/news.jsonl.zst");

/// Bytes of text in the slice: an even sample (every k-th document) of the corpus.
pub const SLICE_BYTES: u64 = 1_000_000;

/// The slice of real text, or None (with a note) when the corpus is absent:
/// then the bench registers nothing.
pub fn news_slice() -> Option<Vec<Entry>> {
    if !Path::new(CORPUS).exists() {
        eprintln!("note: {CORPUS} is absent; no benchmark registered");
        return None;
    }
    match gleaner_bench::measure::load(&[CORPUS.into()], ReaderOptions::default(), Some(SLICE_BYTES)) {
        Ok(gleaner_bench::Input::Memory { entries, .. }) => Some(entries),
        Ok(gleaner_bench::Input::Stream { .. }) => None,
        Err(e) => {
            eprintln!("note: cannot read {CORPUS}: {e}; no benchmark registered");
            None
        }
    }
}

/// Bytes of document text in `entries`.
pub fn text_bytes(entries: &[Entry]) -> u64 {
    entries.iter().map(|e| if let Entry::Doc(d) = e { d.text.len() as u64 } else { 0 }).sum()
}

/// The plugin with this id, loaded from its shared library.
pub fn dynamic(id: &str) -> Arc<Plugin> {
    SearchPath::from_env().find(id).unwrap_or_else(|e| panic!("the {id} plugin's shared library: {e}"))
}

/// A runner for these plugins with their default settings.
pub fn runner(plugins: Vec<Arc<Plugin>>, jobs: usize) -> Runner {
    let mut set = PluginSet::default();
    for plugin in plugins {
        set.push(plugin).expect("distinct plugin ids");
    }
    let settings = UserSettings::new().resolve(&set).expect("default settings");
    Runner::new(&set, settings, RunOptions { jobs, ..RunOptions::default() }).expect("plugins accept their defaults")
}

/// Registers `name`: the whole pipeline of `runner` over a copy of
/// `entries` (the copy is made outside the measured time), output
/// serialised and discarded.
pub fn bench_run<M: criterion::measurement::Measurement>(group: &mut BenchmarkGroup<'_, M>, name: &str, runner: &Runner, entries: &[Entry]) {
    group.throughput(Throughput::Bytes(text_bytes(entries)));
    group.bench_function(name, |b| {
        b.iter_batched(
            || entries.to_vec(),
            |docs| runner.run(docs, &mut std::io::sink(), &Silent).expect("writing to a sink cannot fail"),
            BatchSize::LargeInput,
        )
    });
}

/// Short documents written here (not corpus text), for the per-call cost:
/// `count` documents of about 60 bytes each.
pub fn tiny_docs(count: usize) -> Vec<Entry> {
    (0..count)
        .map(|i| {
            Entry::Doc(gleaner_corpus::SourceDoc {
                id: format!("tiny-{i}"),
                source: format!("bench:{i}"),
                text: format!("Prices rose {i}% to $4.50 on Monday, the minister said."),
                content_type: "text/plain".into(),
                date: None,
                url: None,
                meta: Vec::new(),
                warnings: Vec::new(),
            })
        })
        .collect()
}

/// CPU time of the whole process (all threads), as a criterion measurement.
/// On a machine shared with other work, wall-clock time swings by ±10%
/// with the load, which hides a difference of a few percent; CPU time
/// swings much less. Values are nanoseconds, shown like wall time.
pub struct CpuTime;

/// Formats CPU nanoseconds the way wall-clock nanoseconds are formatted.
static NANOSECONDS: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        gleaner_bench::usage::cpu_time()
    }
    fn end(&self, started: Duration) -> Duration {
        gleaner_bench::usage::cpu_time().saturating_sub(started)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        NANOSECONDS.formatter()
    }
}

/// Criterion measuring CPU time (see [`CpuTime`]).
pub fn cpu_criterion() -> Criterion<CpuTime> {
    Criterion::default().with_measurement(CpuTime)
}

/// The benches of one standard plugin, linked statically through `entry`:
/// group `ID` (a slice of the news corpus) and group `ID/tiny-docs`
/// (very short documents, where the call itself weighs most), each with
/// the same plugin linked in (`static`) and loaded from its `.so`
/// (`dynamic`), one worker thread.
/// Measured in CPU time (see [`CpuTime`]).
pub fn plugin_benches(c: &mut Criterion<CpuTime>, id: &str, entry: extern "C" fn() -> *const gleaner_abi::gleaner_plugin_descriptor) {
    let linked = Arc::new(Plugin::from_entry(entry, id).expect("the linked-in plugin loads"));
    let loaded = dynamic(id);
    let (static_runner, dynamic_runner) = (runner(vec![linked], 1), runner(vec![loaded], 1));
    if let Some(slice) = news_slice() {
        let mut group = c.benchmark_group(id);
        group.sample_size(20);
        bench_run(&mut group, "static", &static_runner, &slice);
        bench_run(&mut group, "dynamic", &dynamic_runner, &slice);
        group.finish();
    }
    let tiny = tiny_docs(2000);
    let mut group = c.benchmark_group(format!("{id}/tiny-docs"));
    group.sample_size(20);
    bench_run(&mut group, "static", &static_runner, &tiny);
    bench_run(&mut group, "dynamic", &dynamic_runner, &tiny);
    group.finish();
}
