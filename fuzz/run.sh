#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), two at a time, and prints libFuzzer's last stats line per
# target. Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/;
# each one found becomes a regression test in tests/bad_input.rs or tests/properties.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
targets=(read_input fix conversation rule_pack)
mkdir -p fuzz/logs
cargo +nightly fuzz build -O
bin="fuzz/target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"
run() {
    local target=$1
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    # The binaries built above run directly, so that editing the sources meanwhile rebuilds nothing. -timeout: an
    # input that takes more than 30 s (sanitizer build, a loaded machine) is a hang; -rss_limit_mb bounds memory.
    /usr/bin/time -f "$target: %U s user CPU, %M KB peak" \
        "$bin/$target" -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$seconds" -timeout=30 \
        -rss_limit_mb=2048 "fuzz/corpus/$target" >"fuzz/logs/$target.log" 2>&1 \
        || echo "$target: stopped (see fuzz/logs/$target.log)"
    grep -E "^#[0-9]+" "fuzz/logs/$target.log" | tail -1 | sed "s/^/$target: /" || true
    tail -1 "fuzz/logs/$target.log"
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" &
    if ((i + 1 < ${#targets[@]})); then run "${targets[i + 1]}" & fi
    wait
done
