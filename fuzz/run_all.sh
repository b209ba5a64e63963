#!/bin/sh
# Runs every fuzz target for SECONDS (default 300) one after the other, with
# the committed seeds, on a stable toolchain (RUSTC_BOOTSTRAP=1, no sanitizer).
# New inputs go to corpus/<target>/, crashes to artifacts/<target>/.
set -eu
cd "$(dirname "$0")"
seconds=${1:-300}
for target in $(cargo fuzz list); do
    mkdir -p "corpus/$target"
    echo "== $target ($seconds s)"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 || echo "!! $target failed"
done
