//! What this process uses: CPU time (`getrusage`, all threads) and
//! resident memory, read from `/proc/self/status` (Linux).
//!
//! CPU time is what makes figures comparable on a busy machine: wall-clock
//! speed drops when other processes take the cores, CPU time per megabyte
//! much less. The memory peak (`VmHWM`) only ever grows, so to measure the peak of
//! one run the bench resets it first by writing `5` to
//! `/proc/self/clear_refs` (Linux 4.0 and later). Where that is not
//! possible the peak is the process's peak so far, and the report says so.

/// CPU time (user + system) used by all threads of this process so far.
pub fn cpu_time() -> std::time::Duration {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return std::time::Duration::ZERO;
        }
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    std::time::Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

/// The load average over the last minute (None where `/proc/loadavg` is missing).
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

/// Resets the peak resident size to the current one; false if this
/// system cannot (then [`peak_rss`] keeps the process-wide peak).
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The peak resident size in bytes since the process started or the last
/// [`reset_peak`]; None where `/proc` is not available.
pub fn peak_rss() -> Option<u64> {
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

/// The current resident size in bytes; None where `/proc` is not available.
pub fn current_rss() -> Option<u64> {
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

/// A `Key:   1234 kB` line of `/proc/self/status`, in KiB.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_grows_with_work() {
        let before = cpu_time();
        let mut x = 0u64;
        let started = std::time::Instant::now();
        while started.elapsed().as_millis() < 50 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let used = cpu_time() - before;
        assert!(used.as_millis() >= 20, "50 ms of spinning used {used:?} of CPU");
    }

    #[test]
    fn peak_follows_a_large_allocation_and_resets() {
        let (Some(before), true) = (current_rss(), reset_peak()) else {
            eprintln!("no /proc/self/status or clear_refs here; skipped");
            return;
        };
        let block = vec![1u8; 64 << 20];
        std::hint::black_box(&block);
        let peak = peak_rss().unwrap_or(0);
        assert!(peak >= before + (60 << 20), "peak {peak} should be 64 MiB above {before}");
        drop(block);
        assert!(reset_peak());
        let after = peak_rss().unwrap_or(u64::MAX);
        assert!(after < peak - (32 << 20), "after the reset the peak {after} should drop below {peak}");
    }
}
