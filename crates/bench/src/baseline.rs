//! Comparing a report with an earlier one (`--baseline`): the ratio of
//! every figure, and a verdict that only calls a change a slowdown when it
//! is larger than the noise both runs measured.

use std::io::{self, Write};

use crate::report::{Report, Table};
use crate::stats::Figure;

/// A change is only significant beyond this many times the noise of the
/// repeats (half their range over the median, the larger of the two reports)...
pub const NOISE_FACTOR: f64 = 3.0;
/// ...and beyond this relative change, whatever the noise.
pub const MIN_CHANGE: f64 = 0.02;

/// What a change means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within the noise.
    Same,
    /// Significantly better.
    Better,
    /// Significantly worse: a slowdown (or more memory).
    Worse,
    /// A count that changed (records per document): not good or bad in itself.
    Changed,
}

/// One figure in both reports.
#[derive(Clone, Debug)]
pub struct Compared {
    /// What it is, e.g. `numbers p95 µs`.
    pub name: String,
    /// The baseline's median.
    pub old: f64,
    /// This report's median.
    pub new: f64,
    /// new / old.
    pub ratio: f64,
    /// The change that counts as significant (relative).
    pub threshold: f64,
    /// What the change means.
    pub verdict: Verdict,
}

/// Which way is better for a figure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
    Neither,
}

/// Compares every figure present in both reports (threads by count,
/// stages by name).
pub fn compare(old: &Report, new: &Report) -> Vec<Compared> {
    let mut out = Vec::new();
    for row in &new.scaling {
        let Some(base) = old.scaling.iter().find(|r| r.threads == row.threads) else { continue };
        let label = format!("pipeline, {} thread{}", row.threads, if row.threads == 1 { "" } else { "s" });
        push(&mut out, format!("{label}: MB/s"), &base.mb_per_s, &row.mb_per_s, Better::Higher);
        push(&mut out, format!("{label}: MB/CPU-s"), &base.mb_per_cpu_second, &row.mb_per_cpu_second, Better::Higher);
        push(&mut out, format!("{label}: peak RSS MB"), &base.peak_rss_mb, &row.peak_rss_mb, Better::Lower);
    }
    for row in &new.stages {
        let Some(base) = old.stages.iter().find(|s| s.name == row.name) else { continue };
        let name = &row.name;
        push(&mut out, format!("{name}: MB/s"), &base.mb_per_s, &row.mb_per_s, Better::Higher);
        push(&mut out, format!("{name}: p50 µs"), &base.p50_us, &row.p50_us, Better::Lower);
        push(&mut out, format!("{name}: p95 µs"), &base.p95_us, &row.p95_us, Better::Lower);
        push(&mut out, format!("{name}: p99 µs"), &base.p99_us, &row.p99_us, Better::Lower);
        if name != "host" {
            push(&mut out, format!("{name}: records/doc"), &base.records_per_doc, &row.records_per_doc, Better::Neither);
        }
    }
    out
}

fn push(out: &mut Vec<Compared>, name: String, old: &Figure, new: &Figure, better: Better) {
    if old.n == 0 || new.n == 0 || old.median == 0.0 {
        return;
    }
    let ratio = new.median / old.median;
    let threshold = (NOISE_FACTOR * old.noise().max(new.noise())).max(MIN_CHANGE);
    let change = ratio - 1.0;
    let verdict = if change.abs() <= threshold {
        Verdict::Same
    } else {
        match better {
            Better::Neither => Verdict::Changed,
            Better::Higher if change > 0.0 => Verdict::Better,
            Better::Lower if change < 0.0 => Verdict::Better,
            _ => Verdict::Worse,
        }
    };
    out.push(Compared { name, old: old.median, new: new.median, ratio, threshold, verdict });
}

/// Warnings about comparing unlike reports (other input, machine or plugins).
pub fn mismatches(old: &Report, new: &Report) -> Vec<String> {
    let mut warnings = Vec::new();
    if (old.input.docs, old.input.text_bytes) != (new.input.docs, new.input.text_bytes) {
        warnings.push(format!(
            "the input differs: {} documents / {} bytes then, {} / {} now",
            old.input.docs, old.input.text_bytes, new.input.docs, new.input.text_bytes
        ));
    }
    if old.input.mode != new.input.mode {
        warnings.push(format!("the input was {} then, {} now", old.input.mode, new.input.mode));
    }
    if (old.machine.cores, &old.machine.cpu) != (new.machine.cores, &new.machine.cpu) {
        warnings.push(format!(
            "the machine differs: {} cores, {} then; {} cores, {} now",
            old.machine.cores, old.machine.cpu, new.machine.cores, new.machine.cpu
        ));
    }
    let ids = |r: &Report| r.plugins.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    if ids(old) != ids(new) {
        warnings.push(format!("the plugins differ: {} then, {} now", ids(old).join(","), ids(new).join(",")));
    }
    warnings
}

/// Prints the comparison table.
pub fn print(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new(&["figure", "baseline", "now", "ratio", "noise limit", ""]);
    for c in compared {
        table.row(vec![
            c.name.clone(),
            format!("{:.2}", c.old),
            format!("{:.2}", c.new),
            format!("{:.3}", c.ratio),
            format!("±{:.0}%", c.threshold * 100.0),
            match c.verdict {
                Verdict::Same => "",
                Verdict::Better => "better",
                Verdict::Worse => "WORSE",
                Verdict::Changed => "changed",
            }
            .into(),
        ]);
    }
    table.print(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(values: &[f64]) -> Figure {
        Figure::of(values)
    }

    #[test]
    fn slowdown_within_noise_is_not_flagged() {
        let mut out = Vec::new();
        // Noise ±10% in the repeats: a 20% drop is within 3x the noise.
        push(&mut out, "x".into(), &figure(&[90.0, 100.0, 110.0]), &figure(&[80.0, 80.0, 80.0]), Better::Higher);
        assert_eq!(out[0].verdict, Verdict::Same);
        assert!((out[0].ratio - 0.8).abs() < 1e-12);
    }

    #[test]
    fn slowdown_beyond_noise_is_flagged_both_ways() {
        let mut out = Vec::new();
        push(&mut out, "speed".into(), &figure(&[100.0, 101.0, 99.0]), &figure(&[80.0, 81.0, 79.0]), Better::Higher);
        push(&mut out, "latency".into(), &figure(&[10.0, 10.1, 9.9]), &figure(&[12.0, 12.1, 11.9]), Better::Lower);
        push(&mut out, "latency".into(), &figure(&[10.0, 10.1, 9.9]), &figure(&[8.0, 8.1, 7.9]), Better::Lower);
        push(&mut out, "records".into(), &figure(&[3.0]), &figure(&[4.0]), Better::Neither);
        let verdicts: Vec<Verdict> = out.iter().map(|c| c.verdict).collect();
        assert_eq!(verdicts, [Verdict::Worse, Verdict::Worse, Verdict::Better, Verdict::Changed]);
    }

    #[test]
    fn tiny_changes_without_noise_stay_the_same() {
        let mut out = Vec::new();
        push(&mut out, "x".into(), &figure(&[100.0]), &figure(&[99.0]), Better::Higher);
        assert_eq!(out[0].verdict, Verdict::Same);
        assert_eq!(out[0].threshold, MIN_CHANGE);
    }
}
