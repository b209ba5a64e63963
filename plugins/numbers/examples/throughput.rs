//! Measures the extractor's speed on a JSON Lines corpus read from stdin
//! (one object per line with a "text" field), on one core:
//!
//! The machine may be shared: besides wall time it reports the time the
//! thread actually ran (Linux `/proc/thread-self/schedstat`), which is the
//! per-core figure.
//!
//! ```sh
//! zstd -dc ../shared/corpus/news.jsonl.zst | cargo run --release -p gleaner-plugin-numbers --example throughput
//! ```

use std::io::BufRead;
use std::time::Instant;

fn main() {
    let texts: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(&line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let (mut best_wall, mut best_cpu) = (f64::MAX, f64::MAX);
    let mut found = 0;
    for _ in 0..3 {
        let (start, cpu_start) = (Instant::now(), cpu_seconds());
        found = texts
            .iter()
            .map(|t| gleaner_plugin_numbers::find(t, Some("2020-01-01")).len())
            .sum();
        best_wall = best_wall.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {mb:.1} MB, {chars} chars, {found} expressions (best of 3)",
        texts.len()
    );
    println!(
        "wall: {best_wall:.3} s, {:.1} MB/s, {:.0} chars/s",
        mb / best_wall,
        chars as f64 / best_wall
    );
    if best_cpu < f64::MAX {
        println!(
            "cpu:  {best_cpu:.3} s, {:.1} MB/s, {:.0} chars/s",
            mb / best_cpu,
            chars as f64 / best_cpu
        );
    }
}

/// The time this thread has run on a CPU, in seconds (Linux only).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
