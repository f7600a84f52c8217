#!/usr/bin/env bash
# benches/profile_cold.sh — where one cold `tact check -` spends its time, by sampling it with perf.
#
# Usage:   bash benches/profile_cold.sh [DRAFT_FILE] [-- extra tact check arguments]
#          (default draft: target/bench-compare/draft-en.txt from compare.sh, else a built-in English draft)
# Needs:   perf (linux-perf); without it, use valgrind --tool=callgrind on the same binary.
# Knobs:   PROFILE_RUNS=10 processes sampled (samples are pooled), PROFILE_FREQ=20000 samples per second,
#          TACT_BIN=path to use a release build with debug symbols made beforehand instead of building one.
#
# Builds a release binary with debug symbols in target/profiling (CARGO_PROFILE_RELEASE_DEBUG=true, so the main
# target/release is untouched), records each run with DWARF call graphs, and attributes every sample to one bucket
# by looking at its whole stack: dictionary load, regex compilation (split by who asked: rule loading, a rule's
# lazy first use, the document model's masks and lexicons, language detection), TOML parsing, suggestions,
# running the rules, freeing memory at exit, and the rest (process start, reading stdin, output). Prints a
# Markdown table of milliseconds per run (samples / runs / frequency) and shares.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
command -v perf >/dev/null || { echo "profile_cold.sh: perf is not installed" >&2; exit 2; }
RUNS=${PROFILE_RUNS:-10}
FREQ=${PROFILE_FREQ:-20000}
DRAFT=${1:-$ROOT/target/bench-compare/draft-en.txt}
shift || true
[ "${1:-}" = "--" ] && shift
EXTRA=("$@")
WORK=$ROOT/target/profiling/cold
mkdir -p "$WORK"
if [ ! -f "$DRAFT" ]; then
    DRAFT=$WORK/draft-en.txt
    printf '%s\n' "Hi Sarah, thanks for reaching out! I've checked your order #48213 and it left our warehouse yesterday." \
        "You should recieve it by Friday. Let me know if anything else comes up." "Best regards," "Tom" >"$DRAFT"
fi
if [ -n "${TACT_BIN:-}" ]; then
    BIN=$TACT_BIN # a release build with debug symbols made beforehand (compare.sh does)
else
    echo "== building target/profiling/release/tact with debug symbols" >&2
    CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --quiet --target-dir "$ROOT/target/profiling"
    BIN=$ROOT/target/profiling/release/tact
fi
: >"$WORK/stacks.txt"
for ((i = 1; i <= RUNS; i++)); do
    perf record -q -F "$FREQ" --call-graph dwarf,32768 -o "$WORK/perf.data" \
        "$BIN" check - --format jsonl "${EXTRA[@]}" <"$DRAFT" >/dev/null 2>&1 || true
    perf script -i "$WORK/perf.data" -F comm,tid,ip,sym 2>/dev/null >>"$WORK/stacks.txt"
done
python3 - "$WORK/stacks.txt" "$RUNS" "$FREQ" "$DRAFT" "${EXTRA[*]:-}" <<'EOF'
import sys
path, runs, freq, draft, extra = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
BUCKETS = [
    ("freeing memory at exit (drop of settings, rules, regex caches)", lambda s: "drop_in_place<tact::cli::check::SettingsCache" in s or "drop_in_place<tact::config::Resolved" in s),
    ("dictionary load (spellbook Dictionary::new)", lambda s: "spellbook::Dictionary" in s and "::new" in s),
    ("suggestions for misspelled words (spellbook suggest + ranking)", lambda s: "tact::spell::suggest::suggestions" in s),
    ("regex compilation: rule files, at load (RuleSet::builtin)", lambda s: "regex_automata::meta::regex::Builder::build" in s and "RuleSet::builtin" in s),
    ("regex compilation: rules, lazily at first use", lambda s: "regex_automata::meta::regex::Builder::build" in s and "Rule::run" in s),
    ("regex compilation: document model (masks, greeting/sign-off lexicons)", lambda s: "regex_automata::meta::regex::Builder::build" in s and "tact::document::" in s),
    ("regex compilation: language detection", lambda s: "regex_automata::meta::regex::Builder::build" in s and "tact::lang::" in s),
    ("regex compilation: elsewhere", lambda s: "regex_automata::meta::regex::Builder::build" in s),
    ("TOML parsing of rule packs", lambda s: "toml::de" in s or "toml_edit::" in s or "toml_parser" in s),
    ("rule loading, other (validation, building checks)", lambda s: "RuleSet::builtin" in s),
    ("running the rules (matching, spelling checks)", lambda s: "tact::engine::Rule::run" in s or "tact::lint::" in s),
    ("rendering output", lambda s: "tact::render" in s),
    ("process start, stdin, argument parsing, rest", lambda s: True),
]
counts = [0] * len(BUCKETS)
total = 0
stack = []
def flush():
    global total
    if not stack:
        return
    joined = "\n".join(stack)
    for i, (_, test) in enumerate(BUCKETS):
        if test(joined):
            counts[i] += 1
            break
    total += 1
# perf script: one block per sample (a header line, then one line per frame), blocks separated by blank lines.
for line in open(path, encoding="utf-8", errors="replace"):
    if line.strip():
        stack.append(line.strip())
    else:
        flush(); stack.clear()
flush()
per_run = lambda n: n / runs / freq * 1000
print(f"Cold `tact check - --format jsonl {extra}` on {draft}: {runs} runs sampled at {freq} Hz, "
      f"{total} samples, {per_run(total):.1f} ms of CPU per run (all threads).\n")
print("| where | ms per run | share |")
print("|---|---:|---:|")
for (name, _), n in sorted(zip(BUCKETS, counts), key=lambda x: -x[1]):
    if n:
        print(f"| {name} | {per_run(n):.1f} | {100 * n / total:.0f} % |")
EOF
