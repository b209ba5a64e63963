//! Summaries of measurements: a figure over repeated runs, and
//! percentiles of per-document latencies.

use serde::{Deserialize, Serialize};

/// A figure measured once per repeated run: its median and range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The median over the runs (the figure quoted).
    pub median: f64,
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// How many runs measured it.
    pub n: usize,
}

impl Figure {
    /// The figure of these values (all zero when there are none).
    pub fn of(values: &[f64]) -> Figure {
        if values.is_empty() {
            return Figure::default();
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mid = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 };
        Figure { median, min: sorted[0], max: sorted[sorted.len() - 1], n: sorted.len() }
    }

    /// The noise of the repeats: half their range relative to the median
    /// (0 with fewer than two runs or a zero median).
    pub fn noise(&self) -> f64 {
        if self.n < 2 || self.median == 0.0 {
            0.0
        } else {
            (self.max - self.min) / 2.0 / self.median.abs()
        }
    }
}

/// The nearest-rank percentile `q` (0 to 1) of `sorted` (ascending); 0
/// for no values.
pub fn percentile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let odd = Figure::of(&[3.0, 1.0, 2.0]);
        assert_eq!((odd.median, odd.min, odd.max, odd.n), (2.0, 1.0, 3.0, 3));
        assert_eq!(Figure::of(&[4.0, 1.0, 2.0, 3.0]).median, 2.5);
        assert_eq!(Figure::of(&[]), Figure::default());
    }

    #[test]
    fn noise_is_half_the_range_over_the_median() {
        let f = Figure::of(&[9.0, 10.0, 11.0]);
        assert!((f.noise() - 0.1).abs() < 1e-12);
        assert_eq!(Figure::of(&[5.0]).noise(), 0.0);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&values, 0.5), 50);
        assert_eq!(percentile(&values, 0.95), 95);
        assert_eq!(percentile(&values, 0.99), 99);
        assert_eq!(percentile(&values, 1.0), 100);
        assert_eq!(percentile(&[7], 0.99), 7);
        assert_eq!(percentile(&[], 0.5), 0);
    }
}
