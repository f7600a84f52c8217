#!/usr/bin/env bash
# benches/outputs.sh DIR — the JSON Lines output of `target/release/tact check` over the test corpora, the holdout,
# drafts made of the codespell sample's misspellings and, when present, ../shared/field; one file per input in DIR.
# Speed work compares two such folders (`diff -r`): a change meant only to be faster must leave them identical.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:?usage: benches/outputs.sh DIR}" && cd "$1" && pwd)
TACT=${TACT:-$ROOT/target/release/tact}
mkdir -p "$OUT"
# One draft per misspelling of the codespell sample, the word in the middle of a sentence.
mkdir -p "$OUT/codespell"
python3 - "$ROOT/tests/data/codespell-sample.tsv" >"$OUT/codespell/drafts.jsonl" <<'PY'
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    if line.startswith("#") or "\t" not in line:
        continue
    wrong = line.split("\t")[0]
    print(json.dumps({"id": f"cs-{n}", "lang": "en", "text": f"Hi Sam, we {wrong} the parcel today. Thanks, Tom"}))
PY
inputs=("$ROOT"/tests/corpus/*.jsonl "$ROOT"/tests/holdout/*.jsonl "$OUT/codespell/drafts.jsonl")
for f in "$ROOT"/../shared/field/messages-en.jsonl "$ROOT"/../shared/field/messages-fr.jsonl; do
    [ -f "$f" ] && inputs+=("$f")
done
for f in "${inputs[@]}"; do
    name=$(basename "$(dirname "$f")")-$(basename "$f" .jsonl)
    (cd "$(dirname "$f")" && "$TACT" check "$(basename "$f")" --input-format jsonl --format jsonl --no-config --exit-zero) >"$OUT/$name.out"
done
ls -l "$OUT" >&2
