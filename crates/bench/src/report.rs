//! The report of a bench: its figures (written as JSON for tracking) and
//! the tables printed for people.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::stats::Figure;

/// The version of the JSON layout; a baseline of another version is refused.
pub const FORMAT: u32 = 1;

/// Everything one `gleaner bench` measured.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// [`FORMAT`].
    pub format: u32,
    /// The gleaner version that measured.
    pub gleaner_version: String,
    /// Where it was measured.
    pub machine: Machine,
    /// What it was measured on.
    pub input: InputInfo,
    /// The plugins, in the order given.
    pub plugins: Vec<PluginInfo>,
    /// Measured runs per configuration (figures are their medians).
    pub repeat: usize,
    /// Unmeasured runs before them.
    pub warmup: usize,
    /// Whether output lines carried the text.
    pub include_text: bool,
    /// Seconds to create the first instance of every plugin (once per process, before
    /// any document; not in the runs' times).
    pub startup_seconds: f64,
    /// Whether peak memory was measured per run (else it is the process's peak so far).
    pub peak_per_run: bool,
    /// The machine's one-minute load average when the bench started and ended.
    pub load_average: [Option<f64>; 2],
    /// The whole pipeline at 1..N threads, in normal batches.
    pub scaling: Vec<ScalingRow>,
    /// Per plugin (in plugin order), then `host` (what the host does
    /// outside plugin calls: record checks, JSON) and `pipeline` (all of it),
    /// from the one-thread, one-document-per-call profile runs.
    pub stages: Vec<StageRow>,
    /// Documents with an error, per plugin, in the last profile run.
    pub plugin_errors: Vec<(String, u64)>,
}

/// The machine a report was measured on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Machine {
    /// Cores available to the process.
    pub cores: usize,
    /// The CPU model, from /proc/cpuinfo where there is one.
    pub cpu: String,
    /// The operating system and architecture.
    pub os: String,
}

impl Machine {
    /// This machine.
    pub fn current() -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| info.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|m| m.trim().to_owned()))
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu,
            os: format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH),
        }
    }
}

/// The input of a bench.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InputInfo {
    /// Files and folders as given.
    pub paths: Vec<String>,
    /// Documents per run.
    pub docs: u64,
    /// Bytes of text per run.
    pub text_bytes: u64,
    /// `memory` (loaded once, not measured) or `stream` (read on every run).
    pub mode: String,
    /// When only a sample was kept: its share of the documents.
    pub sampled: Option<f64>,
}

/// A plugin of the bench.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PluginInfo {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// `extractor` or `transform`.
    pub kind: String,
    /// The file it was loaded from.
    pub origin: String,
    /// The file's SHA-256, to trace a figure to a build.
    pub sha256: Option<String>,
}

/// The whole pipeline at one thread count.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScalingRow {
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds per run.
    pub seconds: Figure,
    /// Documents per second.
    pub docs_per_s: Figure,
    /// Megabytes (10^6 bytes) of input text per second.
    pub mb_per_s: Figure,
    /// Records per document.
    pub records_per_doc: Figure,
    /// CPU seconds per run (all threads of the process: workers, reader, writer).
    pub cpu_seconds: Figure,
    /// MB of input text per CPU second: per-core speed, which other
    /// processes on the machine disturb much less than wall-clock speed.
    pub mb_per_cpu_second: Figure,
    /// Median MB/s over the median at one thread.
    pub speedup: f64,
    /// Resident memory before the run (MB; the input is in it when held in memory).
    pub base_rss_mb: Figure,
    /// Peak resident memory during the run (MB).
    pub peak_rss_mb: Figure,
}

/// One plugin (or the host's own work, or the pipeline) in the profile runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StageRow {
    /// The plugin id, `host` or `pipeline`.
    pub name: String,
    /// Documents per second of time spent in this stage (per core).
    pub docs_per_s: Figure,
    /// MB per second of the text this stage was given (after transforms).
    pub mb_per_s: Figure,
    /// Records kept per document.
    pub records_per_doc: Figure,
    /// Share of the pipeline's time (0 to 1).
    pub share: Figure,
    /// Per-document latency percentiles, microseconds.
    pub p50_us: Figure,
    /// 95th percentile.
    pub p95_us: Figure,
    /// 99th percentile.
    pub p99_us: Figure,
    /// The slowest document.
    pub max_us: Figure,
}

impl Report {
    /// Reads a report written by [`Report::to_json`].
    pub fn from_json(text: &str) -> Result<Report, String> {
        let report: Report = serde_json::from_str(text).map_err(|e| format!("not a gleaner bench report: {e}"))?;
        if report.format != FORMAT {
            return Err(format!("report format {} (this gleaner reads format {FORMAT})", report.format));
        }
        Ok(report)
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Prints the tables.
    pub fn print(&self, out: &mut dyn Write) -> io::Result<()> {
        let plugins: Vec<String> = self.plugins.iter().map(|p| format!("{} {}", p.id, p.version)).collect();
        let sample = self.input.sampled.map_or(String::new(), |s| format!(", an even sample of {:.0}% of the documents", s * 100.0));
        writeln!(
            out,
            "Input: {} ({} documents, {:.1} MB of text, {}{sample})",
            self.input.paths.join(" "),
            self.input.docs,
            self.input.text_bytes as f64 / 1e6,
            if self.input.mode == "memory" { "held in memory, reading not measured" } else { "read on every run" },
        )?;
        writeln!(out, "Plugins: {} (start-up, once per process: {:.2} s)", plugins.join(", "), self.startup_seconds)?;
        writeln!(
            out,
            "Machine: {} cores, {} ({}); figures are the median of {} run{} after {} warm-up run{}",
            self.machine.cores,
            self.machine.cpu,
            self.machine.os,
            self.repeat,
            plural(self.repeat),
            self.warmup,
            plural(self.warmup)
        )?;
        let load = self.load_average.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
        if load > self.machine.cores as f64 * 0.75 {
            writeln!(
                out,
                "Warning: the machine was busy (load average up to {load:.1} on {} cores): wall-clock speeds and speed-ups are low; MB per CPU second holds better",
                self.machine.cores
            )?;
        }
        for (id, n) in self.plugin_errors.iter().filter(|(_, n)| *n > 0) {
            writeln!(out, "Warning: plugin {id} had errors on {n} documents (run `gleaner run` to see them)")?;
        }

        writeln!(out, "\nPer plugin (1 thread, 1 document per call; MB/s of the text each plugin is given, after transforms):")?;
        let mut table = Table::new(&["stage", "docs/s", "MB/s", "records/doc", "p50 µs", "p95 µs", "p99 µs", "max µs", "share"]);
        for s in &self.stages {
            table.row(vec![
                match s.name.as_str() {
                    "host" => "host (checks, JSON)".into(),
                    "pipeline" => "pipeline".into(),
                    id => id.into(),
                },
                format!("{:.0}", s.docs_per_s.median),
                format!("{:.2}", s.mb_per_s.median),
                if s.name == "host" { "".into() } else { format!("{:.2}", s.records_per_doc.median) },
                micros(s.p50_us.median),
                micros(s.p95_us.median),
                micros(s.p99_us.median),
                micros(s.max_us.median),
                format!("{:.1}%", s.share.median * 100.0),
            ]);
        }
        table.print(out)?;

        writeln!(out, "\nThread scaling (whole pipeline, normal batches; ± is half the range of the runs;")?;
        writeln!(out, "CPU efficiency: MB per CPU second against one thread, the speed-up per thread the cores would give if free):")?;
        let memory = if self.peak_per_run { "peak RSS MB" } else { "peak RSS MB (process)" };
        let mut table =
            Table::new(&["threads", "seconds", "docs/s", "MB/s", "±", "speed-up", "CPU s", "MB/CPU-s", "CPU efficiency", "RSS before MB", memory]);
        let one_cpu = self.scaling.first().map_or(0.0, |r| r.mb_per_cpu_second.median);
        for r in &self.scaling {
            table.row(vec![
                r.threads.to_string(),
                seconds(r.seconds.median),
                format!("{:.0}", r.docs_per_s.median),
                format!("{:.2}", r.mb_per_s.median),
                format!("{:.1}%", r.mb_per_s.noise() * 100.0),
                format!("{:.2}x", r.speedup),
                seconds(r.cpu_seconds.median),
                format!("{:.2}", r.mb_per_cpu_second.median),
                format!("{:.0}%", r.mb_per_cpu_second.median / one_cpu.max(1e-12) * 100.0),
                format!("{:.0}", r.base_rss_mb.median),
                format!("{:.0}", r.peak_rss_mb.max),
            ]);
        }
        table.print(out)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Seconds with three significant digits for short runs.
fn seconds(s: f64) -> String {
    if s >= 10.0 {
        format!("{s:.1}")
    } else if s >= 0.1 {
        format!("{s:.2}")
    } else {
        format!("{s:.4}")
    }
}

/// Microseconds with a precision that suits their size.
fn micros(us: f64) -> String {
    if us < 100.0 {
        format!("{us:.1}")
    } else {
        format!("{us:.0}")
    }
}

/// A plain-text table: the first column left-aligned, the others right-aligned.
pub(crate) struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Table {
        Table { rows: vec![header.iter().map(|h| h.to_string()).collect()] }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub(crate) fn print(&self, out: &mut dyn Write) -> io::Result<()> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> =
            (0..columns).map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                if c == 0 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                } else {
                    line.push_str("  ");
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns() {
        let mut table = Table::new(&["name", "value"]);
        table.row(vec!["a".into(), "1.5".into()]);
        table.row(vec!["longer".into(), "12.25".into()]);
        let mut out = Vec::new();
        table.print(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "name    value\na         1.5\nlonger  12.25\n");
    }
}
