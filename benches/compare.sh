#!/usr/bin/env bash
# benches/compare.sh — tact against hunspell and proselint, by hand (never run by the tests or CI).
#
# Usage:   bash benches/compare.sh
# Needs:   a Rust toolchain, python3, hyperfine, GNU time (/usr/bin/time), hunspell with the en_US and fr_FR
#          dictionaries, proselint:
#              apt-get install -y hunspell hunspell-en-us hunspell-fr hyperfine time && pip install proselint
# Knobs (environment):
#   RUNS=20             hyperfine runs of every cold-start and latency figure (warm-up: 3 runs)
#   THROUGHPUT_RUNS=5   hyperfine runs (warm-up: 1) of each 10,000-draft throughput figure and of hunspell -a over
#                       the misspelling lists (one run takes seconds to tens of seconds)
#   STREAM_RUNS=3       runs of the 100,000-record stdin figure under /usr/bin/time -v
#   BREAKDOWN_RUNS=5    runs of the in-process cold-start breakdown (benches/cold_start.rs)
#   SKIP_STREAM=1       skip the 100,000-record figure; SKIP_DIVAN=1 skip the Rust benches
#   BENCH_DIR=...       where inputs and raw results go (default target/bench-compare)
#   TACT_BASELINE=path  an earlier tact binary, measured beside this one in (a), (b), (d), (i) and (j), so that a
#                       change is judged by ratios taken in one run (the machine may be shared)
#   TYPOS=10000         drafts per language in (j)
#   SKIP_NSPELL=1       skip nspell (otherwise installed with npm into BENCH_DIR/node when node and npm exist)
#
# What it does:
#   1. `cargo build --release` and `cargo bench --no-run`, copies the binaries into BENCH_DIR/bin (so that a
#      concurrent build cannot swap them mid-run) and records the commit; then writes its inputs into BENCH_DIR: draft-en.txt and draft-fr.txt (realistic
#      ~200-character support drafts, one typo each), drafts.jsonl (10,000 drafts from benches/gen_drafts.py,
#      seed 42, English and French), the same texts per language for hunspell, drafts-100k.jsonl.
#   2. Measures, with hyperfine (--warmup 3, medians reported):
#      (a) cold start, one English draft on stdin with every default rule:
#          `tact check - --format jsonl < draft-en.txt` vs `hunspell -d en_US -l` vs `proselint check`;
#      (b) the same for the French draft vs `hunspell -d fr_FR -l` (proselint is English-only: shown for reference);
#      (c) spelling only (`--select spelling`), both languages; plus where the cold start goes seen from outside
#          (`tact --version`, `tact rules`, `--ignore spelling`);
#      (d) throughput over the 10,000 drafts: `tact check drafts.jsonl --format jsonl > /dev/null` with -j 1 and
#          with every core, spelling only with -j 1, and hunspell -l over the same texts (each language with its
#          dictionary); drafts per second = 10,000 / median;
#      (e) 100,000 JSON Lines records piped on stdin (`--input-format jsonl`) under /usr/bin/time -v: wall time and
#          peak RSS (medians), with 10,000 records the same way to see whether memory grows with the input;
#      (f) suggestion latency per misspelled word: the Rust bench benches/spelling_latency.rs (divan: cold = first
#          call for a word, warm = cached; dictionary load; words checked per second) vs hunspell -a on the same
#          words (benches/data/misspelled-LANG.txt) minus hunspell's load time with an empty input;
#      (g) the in-process cold-start breakdown of benches/cold_start.rs (TACT_COLD_REPORT=1), medians;
#      (h) where a cold start's CPU time goes, sampled with perf (benches/profile_cold.sh), if perf is installed
#          (SKIP_PROFILE=1 skips it and its debug build);
#      (i) throughput over 10,000 English drafts (gen_drafts.py, English records only): tact with every rule vs
#          hunspell -l and nspell (benches/nspell-l.mjs, spelling only) over the same texts;
#      (j) 10,000 drafts each with a misspelling no other draft has (benches/gen_typos.py), English and French:
#          every suggestion is computed afresh; vs hunspell -l and nspell (which list the words, suggesting none).
#   3. Prints a Markdown report and writes it to benches/RESULTS.md (overwritten), with the machine (nproc, CPU
#      model), versions (tact and its commit, hunspell, proselint, hyperfine) and the date.
#
# Targets: (a) tact at most half of `hunspell -d en_US -l` on the same draft; (b) tact under `hunspell -d fr_FR -l`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-20}
THROUGHPUT_RUNS=${THROUGHPUT_RUNS:-5}
STREAM_RUNS=${STREAM_RUNS:-3}
BREAKDOWN_RUNS=${BREAKDOWN_RUNS:-5}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-compare}
TACT=$BENCH_DIR/bin/tact
NPROC=$(nproc)
mkdir -p "$BENCH_DIR/raw"
RAW=$BENCH_DIR/raw
ROWS=$BENCH_DIR/rows.tsv # section <TAB> label <TAB> command <TAB> hyperfine json | value
: >"$ROWS"

for tool in hyperfine hunspell proselint python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (see the header)" >&2; exit 2; }
done

echo "== building (cargo build --release, and the Rust benches)" >&2
cargo build --release --quiet
# Others may rebuild target/ while this runs: every binary measured is copied first, and the commit recorded now.
mkdir -p "$BENCH_DIR/bin"
cp target/release/tact "$TACT"
BASELINE=
if [ -n "${TACT_BASELINE:-}" ]; then
    cp "$TACT_BASELINE" "$BENCH_DIR/bin/tact-baseline"
    BASELINE=$BENCH_DIR/bin/tact-baseline
fi
NSPELL=
if [ -z "${SKIP_NSPELL:-}" ] && command -v node >/dev/null && command -v npm >/dev/null; then
    mkdir -p "$BENCH_DIR/node"
    if [ ! -d "$BENCH_DIR/node/node_modules/dictionary-fr" ]; then
        (cd "$BENCH_DIR/node" && npm install --silent --no-audit --no-fund nspell dictionary-en dictionary-fr >&2)
    fi
    cp benches/nspell-l.mjs "$BENCH_DIR/node/"
    NSPELL="node $BENCH_DIR/node/nspell-l.mjs"
fi
BENCH_BINS=$(cargo bench --quiet --no-run --message-format=json --bench spelling_latency --bench cold_start |
    python3 -c 'import json, sys
for m in map(json.loads, sys.stdin):
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "bench" in m["target"]["kind"]:
        print(m["target"]["name"], m["executable"])')
cp "$(awk '$1 == "spelling_latency" {print $2}' <<<"$BENCH_BINS")" "$BENCH_DIR/bin/spelling_latency"
cp "$(awk '$1 == "cold_start" {print $2}' <<<"$BENCH_BINS")" "$BENCH_DIR/bin/cold_start"
if command -v perf >/dev/null && [ -z "${SKIP_PROFILE:-}" ]; then
    CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --quiet --target-dir target/profiling
    cp target/profiling/release/tact "$BENCH_DIR/bin/tact-debug"
fi
TACT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- src rules dictionaries Cargo.toml 2>/dev/null ||
    TACT_COMMIT="$TACT_COMMIT + uncommitted changes to $(git diff --name-only HEAD -- src rules dictionaries | tr '\n' ' ')"
export TACT_COMMIT

echo "== writing inputs to $BENCH_DIR" >&2
# Two realistic drafts of about 200 characters, each with one typo.
printf '%s\n' "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our warehouse yesterday." \
    "You should recieve it by Friday. Let me know if anything else comes up." "Best regards," "Tom" \
    >"$BENCH_DIR/draft-en.txt"
printf '%s\n' "Bonjour Sarah, merci pour votre message ! J'ai vérifié votre commande n° 48213 : elle a quitté notre" \
    "entrepôt hier. Vous devriez la recevoir vendredi, malheureusment pas avant." "Bonne journée," "Camille" \
    >"$BENCH_DIR/draft-fr.txt"
python3 benches/gen_drafts.py 10000 42 >"$BENCH_DIR/drafts.jsonl"
python3 benches/gen_drafts.py 100000 43 >"$BENCH_DIR/drafts-100k.jsonl"
python3 - "$BENCH_DIR" <<'EOF'
import json, sys
d = sys.argv[1]
with open(f"{d}/drafts.jsonl", encoding="utf-8") as f, open(f"{d}/drafts-en.txt", "w", encoding="utf-8") as en, \
        open(f"{d}/drafts-fr.txt", "w", encoding="utf-8") as fr:
    for line in f:
        r = json.loads(line)
        (en if r["id"].startswith("en") else fr).write(r["text"] + "\n\n")
EOF
head -n 10000 "$BENCH_DIR/drafts-100k.jsonl" >"$BENCH_DIR/drafts-10k-stdin.jsonl"
python3 benches/gen_drafts.py 17000 7 | grep '"id": "en-' | head -n 10000 >"$BENCH_DIR/drafts-en-10k.jsonl" || true
TYPOS=${TYPOS:-10000}
python3 benches/gen_typos.py en "$TYPOS" >"$BENCH_DIR/typos-en.jsonl"
python3 benches/gen_typos.py fr "$TYPOS" >"$BENCH_DIR/typos-fr.jsonl"
for name in drafts-en-10k typos-en typos-fr; do
    python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["text"] + "\n")' "$BENCH_DIR/$name.jsonl" >"$BENCH_DIR/$name.txt"
done
: >"$BENCH_DIR/empty.txt"
tail -n +41 benches/data/misspelled-en.txt >"$BENCH_DIR/misspelled-en.txt" # the words suggest_cold uses
tail -n +41 benches/data/misspelled-fr.txt >"$BENCH_DIR/misspelled-fr.txt"
wc -c "$BENCH_DIR/draft-en.txt" "$BENCH_DIR/draft-fr.txt" >&2

# hf SECTION NAME LABEL RUNS WARMUP COMMAND: one hyperfine figure (exit codes ignored: tact exits 1 on a failing
# draft, proselint on a finding), its JSON kept in raw/NAME.json.
hf() {
    local section=$1 name=$2 label=$3 runs=$4 warmup=$5 cmd=$6
    echo "== [$section] $label" >&2
    hyperfine --ignore-failure --style basic --warmup "$warmup" --runs "$runs" \
        --export-json "$RAW/$name.json" "$cmd" >&2
    printf '%s\t%s\t%s\t%s\n' "$section" "$label" "$cmd" "$RAW/$name.json" >>"$ROWS"
}
B=$BENCH_DIR
# opt VALUE COMMAND...: runs COMMAND only when VALUE is set (a baseline binary, nspell).
opt() { [ -n "$1" ] || return 0; shift; "$@"; }

# (a) English cold start.
hf a tact-en "tact, all default rules" "$RUNS" 3 "$TACT check - --format jsonl < $B/draft-en.txt"
opt "$BASELINE" hf a tact-baseline-en "tact baseline, all default rules" "$RUNS" 3 \
    "$BASELINE check - --format jsonl < $B/draft-en.txt"
hf a hunspell-en "hunspell -d en_US -l" "$RUNS" 3 "hunspell -d en_US -l < $B/draft-en.txt"
hf a proselint-en "proselint" "$RUNS" 3 "proselint check < $B/draft-en.txt"
# (b) French cold start.
hf b tact-fr "tact, all default rules" "$RUNS" 3 "$TACT check - --format jsonl < $B/draft-fr.txt"
opt "$BASELINE" hf b tact-baseline-fr "tact baseline, all default rules" "$RUNS" 3 \
    "$BASELINE check - --format jsonl < $B/draft-fr.txt"
hf b hunspell-fr "hunspell -d fr_FR -l" "$RUNS" 3 "hunspell -d fr_FR -l < $B/draft-fr.txt"
hf b proselint-fr "proselint (English-only; reference)" "$RUNS" 3 "proselint check < $B/draft-fr.txt"
# (c) Spelling only, and the cold start seen from outside.
hf c tact-spell-en "tact --select spelling, English" "$RUNS" 3 \
    "$TACT check - --format jsonl --select spelling < $B/draft-en.txt"
hf c tact-spell-fr "tact --select spelling, French" "$RUNS" 3 \
    "$TACT check - --format jsonl --select spelling < $B/draft-fr.txt"
hf c tact-version "process floor: tact --version" "$RUNS" 3 "$TACT --version"
hf c tact-rules "every rule loaded (regexes compile on first use): tact rules" "$RUNS" 3 "$TACT rules > /dev/null"
hf c tact-nospell-en "tact --ignore spelling, English (no dictionary)" "$RUNS" 3 \
    "$TACT check - --format jsonl --ignore spelling < $B/draft-en.txt"
hf c tact-nospell-fr "tact --ignore spelling, French (no dictionary)" "$RUNS" 3 \
    "$TACT check - --format jsonl --ignore spelling < $B/draft-fr.txt"
# (d) Throughput over 10,000 drafts.
hf d tact-j1 "tact -j 1" "$THROUGHPUT_RUNS" 1 "$TACT check $B/drafts.jsonl --format jsonl -j 1 > /dev/null"
hf d tact-jn "tact -j $NPROC (all cores)" "$THROUGHPUT_RUNS" 1 \
    "$TACT check $B/drafts.jsonl --format jsonl -j $NPROC > /dev/null"
hf d tact-spell-j1 "tact --select spelling -j 1" "$THROUGHPUT_RUNS" 1 \
    "$TACT check $B/drafts.jsonl --format jsonl --select spelling -j 1 > /dev/null"
hf d tact-nospell-j1 "tact --ignore spelling -j 1" "$THROUGHPUT_RUNS" 1 \
    "$TACT check $B/drafts.jsonl --format jsonl --ignore spelling -j 1 > /dev/null"
opt "$BASELINE" hf d tact-baseline-jn "tact baseline -j $NPROC" "$THROUGHPUT_RUNS" 1 \
    "$BASELINE check $B/drafts.jsonl --format jsonl -j $NPROC > /dev/null"
opt "$NSPELL" hf d nspell-10k "nspell (en on the English texts, fr on the French)" "$THROUGHPUT_RUNS" 1 \
    "$NSPELL en < $B/drafts-en.txt > /dev/null; $NSPELL fr < $B/drafts-fr.txt > /dev/null"
hf d hunspell-10k "hunspell -l (en_US on the English texts, fr_FR on the French)" "$RUNS" 3 \
    "hunspell -d en_US -l < $B/drafts-en.txt > /dev/null; hunspell -d fr_FR -l < $B/drafts-fr.txt > /dev/null"

# (i) 10,000 English drafts.
hf i tact-en10k-j1 "tact -j 1" "$THROUGHPUT_RUNS" 1 "$TACT check $B/drafts-en-10k.jsonl --format jsonl -j 1 > /dev/null"
hf i tact-en10k-jn "tact -j $NPROC" "$THROUGHPUT_RUNS" 1 \
    "$TACT check $B/drafts-en-10k.jsonl --format jsonl -j $NPROC > /dev/null"
opt "$BASELINE" hf i tact-baseline-en10k-jn "tact baseline -j $NPROC" "$THROUGHPUT_RUNS" 1 \
    "$BASELINE check $B/drafts-en-10k.jsonl --format jsonl -j $NPROC > /dev/null"
hf i hunspell-en10k "hunspell -d en_US -l" "$THROUGHPUT_RUNS" 1 "hunspell -d en_US -l < $B/drafts-en-10k.txt > /dev/null"
opt "$NSPELL" hf i nspell-en10k "nspell (en)" "$THROUGHPUT_RUNS" 1 "$NSPELL en < $B/drafts-en-10k.txt > /dev/null"

# (j) 10,000 never-seen misspellings per language.
for lang in en fr; do
    dict=$([ "$lang" = en ] && echo en_US || echo fr_FR)
    hf j "tact-typos-$lang" "$lang: tact -j $NPROC" "$THROUGHPUT_RUNS" 1 \
        "$TACT check $B/typos-$lang.jsonl --format jsonl -j $NPROC > /dev/null"
    opt "$BASELINE" hf j "tact-baseline-typos-$lang" "$lang: tact baseline -j $NPROC" "$THROUGHPUT_RUNS" 1 \
        "$BASELINE check $B/typos-$lang.jsonl --format jsonl -j $NPROC > /dev/null"
    hf j "hunspell-typos-$lang" "$lang: hunspell -d $dict -l" "$THROUGHPUT_RUNS" 1 \
        "hunspell -d $dict -l < $B/typos-$lang.txt > /dev/null"
    opt "$NSPELL" hf j "nspell-typos-$lang" "$lang: nspell ($lang)" "$THROUGHPUT_RUNS" 1 \
        "$NSPELL $lang < $B/typos-$lang.txt > /dev/null"
done

# (e) 100,000 records on stdin.
stream() { # NAME FILE RECORDS RUNS
    local name=$1 file=$2 records=$3 runs=$4 i
    for ((i = 1; i <= runs; i++)); do
        echo "== [e] $records records on stdin, run $i/$runs" >&2
        /usr/bin/time -v -o "$RAW/$name-$i.time" \
            "$TACT" check - --input-format jsonl --format jsonl <"$file" >"$RAW/$name-$i.out" || true
        printf '%s\t%s\t%s\t%s\n' e "$name" "$records" "$RAW/$name-$i.time" >>"$ROWS"
    done
}
if [ -z "${SKIP_STREAM:-}" ]; then
    stream stdin-10k "$B/drafts-10k-stdin.jsonl" 10000 1
    stream stdin-100k "$B/drafts-100k.jsonl" 100000 "$STREAM_RUNS"
fi

# (f) Suggestion latency: hunspell -a, one word and the whole list, minus its load time with an empty input.
for spec in en:en_US:recieve fr:fr_FR:comande; do
    IFS=: read -r lang dict word <<<"$spec"
    hf f "hunspell-a-empty-$lang" "hunspell -d $dict -a, empty input (load time)" "$RUNS" 3 \
        "hunspell -d $dict -a < $B/empty.txt > /dev/null"
    hf f "hunspell-a-one-$lang" "hunspell -d $dict -a, one word ($word)" "$RUNS" 3 \
        "echo $word | hunspell -d $dict -a > /dev/null"
    hf f "hunspell-a-list-$lang" "hunspell -d $dict -a, $(wc -l <"$B/misspelled-$lang.txt") misspellings" \
        "$THROUGHPUT_RUNS" 1 "hunspell -d $dict -a < $B/misspelled-$lang.txt > /dev/null"
    hf f "hunspell-l-empty-$lang" "hunspell -d $dict -l, empty input (load time)" "$RUNS" 3 \
        "hunspell -d $dict -l < $B/empty.txt > /dev/null"
    hf f "hunspell-l-words-$lang" "hunspell -d $dict -l, 5,000 draft words" "$RUNS" 3 \
        "hunspell -d $dict -l < benches/data/words-$lang.txt > /dev/null"
done
if [ -z "${SKIP_DIVAN:-}" ]; then
    echo "== [f] cargo bench --bench spelling_latency" >&2
    "$BENCH_DIR/bin/spelling_latency" --bench >"$RAW/spelling_latency.txt" 2>"$RAW/spelling_latency.err"
    cat "$RAW/spelling_latency.txt" >&2
    # (g) In-process cold-start breakdown.
    for ((i = 1; i <= BREAKDOWN_RUNS; i++)); do
        echo "== [g] in-process cold-start breakdown, run $i/$BREAKDOWN_RUNS" >&2
        TACT_COLD_REPORT=1 "$BENCH_DIR/bin/cold_start" --bench >"$RAW/cold_start-$i.tsv" 2>/dev/null
    done
fi

# (h) Sampled profile of the cold starts (perf), if perf is there.
rm -f "$RAW"/profile-*.md
if [ -x "$BENCH_DIR/bin/tact-debug" ]; then
    for lang in en fr; do
        echo "== [h] perf profile of the cold start, $lang" >&2
        TACT_BIN=$BENCH_DIR/bin/tact-debug bash benches/profile_cold.sh "$B/draft-$lang.txt" >"$RAW/profile-$lang.md" || true
    done
fi

# Versions and machine.
export TYPOS NPROC RUNS THROUGHPUT_RUNS STREAM_RUNS BREAKDOWN_RUNS ROWS RAW BENCH_DIR
export CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
export TACT_VERSION=$("$TACT" --version 2>&1 | head -n1)
export TACT_BASELINE_NAME=${TACT_BASELINE:-}
export NSPELL_VERSION=$([ -n "$NSPELL" ] && node -p 'require(process.argv[1] + "/node_modules/nspell/package.json").version' "$BENCH_DIR/node" 2>/dev/null || echo '')
export HUNSPELL_VERSION=$(hunspell -v 2>&1 | head -n1)
export PROSELINT_VERSION=$(proselint version 2>&1 | head -n1)
export HYPERFINE_VERSION=$(hyperfine --version)
export RUSTC_VERSION=$(rustc --version)
export KERNEL=$(uname -sr)
export DATE=$(date -u '+%Y-%m-%d %H:%M UTC')

python3 benches/report.py >"$BENCH_DIR/RESULTS.md"
cp "$BENCH_DIR/RESULTS.md" benches/RESULTS.md
cat benches/RESULTS.md
