#!/usr/bin/env bash
# benches/warmup.sh — records per second over the first 100, 1,000 and 10,000 records of a process, by hand (never
# run by the tests or CI). A partition of a large history is a fresh process: what matters is how soon it reaches
# full speed.
#
# Usage:   bash benches/warmup.sh [TACT_BINARY...]
#          (default: target/release/tact; give two binaries to compare a change, e.g. before and after)
# Needs:   python3, GNU time (/usr/bin/time).
# Knobs:   RUNS=3 (the median is reported), BENCH_DIR=target/bench-warmup, THREADS (passed as -j when set).
#
# Input: examples/spark/generate_history.py 10000 --seed 42 (drafts, conversations, 1 % bad lines), the first N
# lines for each size, piped to `tact check - --input-format jsonl --format jsonl --exit-zero --no-config`.
# Reports wall and CPU (user + sys) seconds and records per second of wall time; when two binaries are given,
# checks that their outputs are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench-warmup}
mkdir -p "$BENCH_DIR"
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then binaries=(target/release/tact); fi
jobs=()
if [ -n "${THREADS:-}" ]; then jobs=(-j "$THREADS"); fi

python3 examples/spark/generate_history.py 10000 --seed 42 >"$BENCH_DIR/history.jsonl"
for n in 100 1000 10000; do head -n "$n" "$BENCH_DIR/history.jsonl" >"$BENCH_DIR/first-$n.jsonl"; done

printf '%-28s %7s %9s %9s %11s\n' binary records wall_s cpu_s records/s
for bin in "${binaries[@]}"; do
    name=$(basename "$(dirname "$bin")")/$(basename "$bin")
    for n in 100 1000 10000; do
        samples=()
        for _ in $(seq "$RUNS"); do
            /usr/bin/time -f '%e %U %S' -o "$BENCH_DIR/time" "$bin" check - --input-format jsonl --format jsonl \
                --exit-zero --no-config "${jobs[@]}" <"$BENCH_DIR/first-$n.jsonl" >"$BENCH_DIR/out-$(echo "$bin" | tr / _)-$n.jsonl"
            samples+=("$(cat "$BENCH_DIR/time")")
        done
        printf '%s\n' "${samples[@]}" | sort -n | awk -v n="$n" -v name="$name" -v runs="$RUNS" '
            NR == int((runs + 1) / 2) { printf "%-28s %7d %9.2f %9.2f %11.0f\n", name, n, $1, $2 + $3, n / ($1 > 0 ? $1 : 0.01) }'
    done
done

if [ ${#binaries[@]} -eq 2 ]; then
    for n in 100 1000 10000; do
        a="$BENCH_DIR/out-$(echo "${binaries[0]}" | tr / _)-$n.jsonl"
        b="$BENCH_DIR/out-$(echo "${binaries[1]}" | tr / _)-$n.jsonl"
        if cmp -s "$a" "$b"; then echo "first $n records: output byte-identical"; else echo "first $n records: OUTPUT DIFFERS"; fi
    done
fi
