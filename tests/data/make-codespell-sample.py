#!/usr/bin/env python3
"""Regenerate tests/data/codespell-sample.tsv and tests/data/correct-words-en.txt.

Evaluation data for tact's English spelling check (tests and benchmarks only,
never shipped in the binary or the crate).

Inputs:
  * codespell's dictionary.txt, from an installed `codespell` (pip install
    codespell); the version used is written into the output headers.
    Licence of that file: CC BY-SA 3.0 (derived from English Wikipedia's
    "Lists of common misspellings"), so both outputs are CC BY-SA 3.0 too.
  * the vendored Hunspell dictionary dictionaries/en_US/en_US.{aff,dic},
    queried through the `hunspell` CLI (apt-get install hunspell).

codespell-sample.tsv: SAMPLE_SIZE entries drawn with random.Random(SEED) from
the dictionary.txt entries where
  * the misspelling is a lowercase ASCII word (letters only, no apostrophe),
  * there is exactly one correction (no comma, so no reason field either),
  * the correction is a single lowercase ASCII word, and
  * hunspell accepts the correction with the vendored en_US dictionary.
Lines: misspelling<TAB>correction, sorted by misspelling. Misspellings that
the vendored en_US itself accepts (real-word errors such as "form" for
"from") are kept, as the brief asks, but listed in a header comment so a
dictionary-based checker's recall can be judged fairly.

correct-words-en.txt: SAMPLE_SIZE words drawn with random.Random(SEED + 1)
from the distinct corrections (every correction in dictionary.txt that is a
single lowercase ASCII word) that hunspell accepts and that are not
themselves a misspelling in dictionary.txt. Sorted, one per line.

Usage: python3 tests/data/make-codespell-sample.py [OUT_DIR]
OUT_DIR defaults to tests/data next to this script.
"""

import datetime
import os
import random
import re
import subprocess
import sys
from importlib import metadata, resources

SEED = 20261125
SAMPLE_SIZE = 2000
WORD = re.compile(r"^[a-z]+$")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DICT = os.path.join(ROOT, "dictionaries", "en_US", "en_US")


def hunspell_rejects(words):
    """Return the subset of words the vendored en_US dictionary rejects."""
    out = subprocess.run(
        ["hunspell", "-d", DICT, "-i", "utf-8", "-l"],
        input="\n".join(sorted(words)) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else HERE
    version = metadata.version("codespell")
    text = resources.files("codespell_lib").joinpath("data/dictionary.txt").read_text("utf-8")

    entries = {}  # misspelling -> single correction
    corrections = set()
    misspellings = set()
    for line in text.splitlines():
        if "->" not in line:
            continue
        wrong, right = line.split("->", 1)
        wrong = wrong.strip()
        misspellings.add(wrong)
        parts = [p.strip() for p in right.split(",")]
        for p in parts:
            if WORD.match(p):
                corrections.add(p)
        if "," in right:
            continue  # several corrections, or a reason: not exactly one
        right = right.strip()
        if WORD.match(wrong) and WORD.match(right) and wrong != right:
            entries[wrong] = right

    rejected = hunspell_rejects(set(entries.values()) | corrections | set(entries))
    eligible = sorted((w, c) for w, c in entries.items() if c not in rejected)
    sample = sorted(random.Random(SEED).sample(eligible, SAMPLE_SIZE))
    real_word = sorted(w for w, _ in sample if w not in rejected)

    good = sorted(c for c in corrections if c not in rejected and c not in misspellings)
    good_sample = sorted(random.Random(SEED + 1).sample(good, SAMPLE_SIZE))

    today = datetime.date.today().isoformat()
    common = [
        f"# source: codespell {version} (PyPI), codespell_lib/data/dictionary.txt",
        "# licence: CC BY-SA 3.0 (codespell's dictionaries are derived from English Wikipedia's",
        "#   'Lists of common misspellings'; codespell's code is GPL-2.0-only but the data is",
        "#   CC BY-SA 3.0: https://creativecommons.org/licenses/by-sa/3.0/). This file is an",
        "#   adaptation of it and is distributed under CC BY-SA 3.0 as well. Test data only:",
        "#   not compiled into tact and not part of the published crate.",
        f"# generated {today} by tests/data/make-codespell-sample.py, seed {SEED}, checked",
        "#   against dictionaries/en_US (npm dictionary-en 4.0.0, SCOWL 2020.12.07) with hunspell",
    ]
    with open(os.path.join(out_dir, "codespell-sample.tsv"), "w", encoding="utf-8") as f:
        f.write("# codespell-sample.tsv: misspelling<TAB>correction, %d entries of %d eligible\n"
                % (len(sample), len(eligible)))
        f.write("\n".join(common) + "\n")
        f.write("# filter: misspelling and correction both [a-z]+, exactly one correction,\n"
                "#   correction accepted by the vendored en_US\n")
        if real_word:
            f.write("# %d misspellings below are themselves accepted by the vendored en_US (real-word\n"
                    "#   errors a dictionary lookup cannot catch):\n" % len(real_word))
        else:
            f.write("# every misspelling below is rejected by the vendored en_US (no real-word errors)\n")
        for i in range(0, len(real_word), 12):
            f.write("#   " + " ".join(real_word[i:i + 12]) + "\n")
        for w, c in sample:
            f.write(f"{w}\t{c}\n")
    with open(os.path.join(out_dir, "correct-words-en.txt"), "w", encoding="utf-8") as f:
        f.write("# correct-words-en.txt: %d correct English words (for false-flag rates), of %d eligible\n"
                % (len(good_sample), len(good)))
        f.write("\n".join(common) + "\n")
        f.write("# filter: distinct corrections that are [a-z]+, accepted by the vendored en_US and\n"
                "#   not themselves a misspelling in dictionary.txt; seed %d\n" % (SEED + 1))
        f.write("\n".join(good_sample) + "\n")
    print(f"codespell {version}: {len(eligible)} eligible pairs, {len(sample)} sampled "
          f"({len(real_word)} real-word); {len(good)} correct words, {len(good_sample)} sampled")


if __name__ == "__main__":
    main()
