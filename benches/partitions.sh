#!/usr/bin/env bash
# benches/partitions.sh — what one tact process per partition costs, by partition size, by hand (never run by the
# tests or CI): the history is cut into partitions of N lines, each piped through its own process, one after the
# other, as an engine's executors would (each process uses every core).
#
# Usage:   bash benches/partitions.sh HISTORY.jsonl [SIZE...]     (default sizes: 1000 10000 50000)
# Env:     TACT=target/release/tact, BENCH_DIR=target/bench-partitions
# Needs:   GNU time (/usr/bin/time), split.
#
# Reports per size: partitions, total wall and CPU (user + sys) seconds, records per second of wall time and per
# CPU-second, and checks that the output has one object per draft or error as one process over the whole file has.
set -euo pipefail
cd "$(dirname "$0")/.."

history=$1
shift
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000 50000); fi
TACT=${TACT:-target/release/tact}
BENCH_DIR=${BENCH_DIR:-target/bench-partitions}
mkdir -p "$BENCH_DIR"
records=$(wc -l <"$history")

printf '%9s %10s %8s %8s %10s %12s %9s\n' size partitions wall_s cpu_s records/s records/cpu_s objects
for size in "${sizes[@]}"; do
    rm -rf "$BENCH_DIR/parts" && mkdir -p "$BENCH_DIR/parts"
    split -l "$size" -d -a 6 "$history" "$BENCH_DIR/parts/p"
    : >"$BENCH_DIR/out-$size.jsonl"
    wall=0 cpu=0 count=0
    for part in "$BENCH_DIR"/parts/p*; do
        /usr/bin/time -f '%e %U %S' -o "$BENCH_DIR/time" "$TACT" check - --input-format jsonl --format jsonl \
            --exit-zero --no-config <"$part" >>"$BENCH_DIR/out-$size.jsonl"
        read -r w u s <"$BENCH_DIR/time"
        wall=$(echo "$wall + $w" | bc)
        cpu=$(echo "$cpu + $u + $s" | bc)
        count=$((count + 1))
    done
    objects=$(wc -l <"$BENCH_DIR/out-$size.jsonl")
    printf '%9d %10d %8.1f %8.1f %10.0f %12.0f %9d\n' "$size" "$count" "$wall" "$cpu" \
        "$(echo "$records / $wall" | bc -l)" "$(echo "$records / $cpu" | bc -l)" "$objects"
done
