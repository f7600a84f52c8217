#!/usr/bin/env python3
"""Regenerate the word lists that extend the embedded Hunspell dictionaries (accepted, never suggested):

  dictionaries/en_extra/scowl-70-american.txt  SCOWL size 70 (American, variant level 1) words en_US rejects
  dictionaries/en_extra/scowl-70-british.txt   SCOWL size 70 British (-ise) spellings en_US rejects
  dictionaries/fr_reforme/reforme-1990.txt     Grammalecte "Toutes variantes" forms "Classique" rejects

Usage:  python3 dictionaries/make_extra_lists.py [WORKDIR]

Needs (Debian bookworm): `apt-get update`, apt-get, dpkg-deb, hunspell 1.7 (`apt-get install hunspell`),
unmunch (`apt-get install hunspell-tools`), pip, and wordfreq 3.1.1 importable (`pip install wordfreq==3.1.1`).
WORKDIR (default: a temporary directory) receives the downloaded packages; every download is checked against the
sha256 pinned below. The script prints the count removed by every filter; dictionaries/*/SOURCE.md quote them.

English, for each of the two lists:
  1. SCOWL 2020.12.07 raw lists (Debian package `scowl`), categories `english` + `american` + `variant_1` (or
     `english` + `british` + `british_variant_1`), sub-categories words, upper, proper-names, abbreviations,
     contractions, sizes 10 to 70: SCOWL's own recipe for its en_US-large / en_GB-large dictionaries. Possessives
     ('s) are left out (tact strips them before the lookup), and so is anything that is not letters with inner
     apostrophes or hyphens.
  2. Only what the vendored en_US rejects (hunspell -w with dictionaries/en_US/en_US), and no hyphenated compound
     whose parts en_US all accepts (tact accepts those already).
  3. No codespell 2.4.3 misspelling (dictionary.txt and dictionary_rare.txt, the left-hand sides).
  4. No word one edit (insertion, deletion, substitution, swap of neighbours) away from a SCOWL word (any list up to
     size 80) that is at least 100 times more frequent (wordfreq 3.1.1 Zipf frequency, English, 2.0 apart): SCOWL's
     README warns that the large lists hold "uncommon, yet valid, words that might cause problems as they are likely
     to be misspellings of more common words (for example, 'ort' and 'calender')".
  The British list keeps only what is not in the American one.

French: every form of the Debian packages hunspell-fr-comprehensive and hunspell-fr-classical (Grammalecte v7.0,
"Toutes variantes" and "Classique"), expanded with unmunch; the forms only the comprehensive one has, that hunspell
with it accepts (unmunch over-generates with two-level affixes) and that the vendored v7.5 "Classique"
(dictionaries/fr/fr) rejects. Forms with an elided prefix (l', d', qu'...) are left out: tact strips the elision.
Left out too: the reform's inverted first person in è ("aimè-je"), which on its own would hide a wrong accent on a
past participle ("livrè" for "livré").
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
EN_DICT = os.path.join(HERE, "en_US", "en_US")
FR_DICT = os.path.join(HERE, "fr", "fr")

DEBS = {
    "scowl": ("scowl_2020.12.07-2_all.deb", "de692546df9b169f2cbdf4d8d88111a374733a9c382b820a6f943914ca705718"),
    "hunspell-fr-comprehensive": (
        "hunspell-fr-comprehensive_1%3a7.0-1_all.deb",
        "95492f44ddfef23a4cea1981aaa64610bee84ca3da8d5aa68552310873659d8d",
    ),
    "hunspell-fr-classical": (
        "hunspell-fr-classical_1%3a7.0-1_all.deb",
        "4dda94962c68d6a9276949b314f56a17f739da395f8f7978a49d1886d613526c",
    ),
}
CODESPELL = ("codespell-2.4.3-py3-none-any.whl", "af2505b335e8573dbd2d384d1c4ef498f4006f4ba2d6fceca01e55b91f52628a")
WORDFREQ_VERSION = "3.1.1"
SIZES = (10, 20, 35, 40, 50, 55, 60, 70)
SUBCATEGORIES = ("words", "upper", "proper-names", "abbreviations", "contractions")
# A word is left out when a neighbour one edit away is this much more frequent (Zipf: log10 of uses per billion).
ZIPF_GAP = 2.0
ENTRY = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fetch(work):
    for package, (name, digest) in DEBS.items():
        path = os.path.join(work, name)
        if not os.path.exists(path):
            subprocess.run(["apt-get", "download", package], cwd=work, check=True)
        if sha256(path) != digest:
            sys.exit(f"{name}: sha256 differs from the pinned one")
        subprocess.run(["dpkg-deb", "-x", path, os.path.join(work, package)], check=True)
    wheel = os.path.join(work, CODESPELL[0])
    if not os.path.exists(wheel):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", work, "codespell==2.4.3"], check=True
        )
    if sha256(wheel) != CODESPELL[1]:
        sys.exit(f"{CODESPELL[0]}: sha256 differs from the pinned one")


def codespell_misspellings(work):
    out = set()
    with zipfile.ZipFile(os.path.join(work, CODESPELL[0])) as z:
        for name in ("dictionary.txt", "dictionary_rare.txt"):
            for line in z.read(f"codespell_lib/data/{name}").decode("utf-8").splitlines():
                if "->" in line:
                    out.add(line.split("->", 1)[0].strip().lower())
    return out


def hunspell_rejected(dictionary, words):
    """The words hunspell rejects, each line checked whole (-w: no splitting at apostrophes or hyphens)."""
    out = subprocess.run(
        ["hunspell", "-d", dictionary, "-i", "utf-8", "-w"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.splitlines())


def hunspell_accepted(dictionary, words):
    return set(words) - hunspell_rejected(dictionary, words)


def scowl(work, categories, sizes=SIZES):
    folder = os.path.join(work, "scowl", "usr", "share", "dict", "scowl")
    words = set()
    for category in categories:
        for sub in SUBCATEGORIES:
            for size in sizes:
                path = os.path.join(folder, f"{category}-{sub}.{size}")
                if os.path.exists(path):
                    with open(path, encoding="utf-8") as f:
                        words.update(line.strip() for line in f)
    return {w for w in words if w and not w.endswith("'s")}


def one_edit(word, letters):
    out = set()
    for i in range(len(word) + 1):
        for c in letters:
            out.add(word[:i] + c + word[i:])
        if i < len(word):
            out.add(word[:i] + word[i + 1 :])
            for c in letters:
                out.add(word[:i] + c + word[i + 1 :])
        if i < len(word) - 1:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    out.discard(word)
    return out


def english(work, stats):
    from wordfreq import zipf_frequency

    folder = os.path.join(work, "scowl", "usr", "share", "dict", "scowl")
    vocabulary = set()
    for name in os.listdir(folder):
        if name.rsplit(".", 1)[-1] in {"10", "20", "35", "40", "50", "55", "60", "70", "80"}:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                vocabulary.update(line.strip().lower() for line in f if not line.strip().endswith("'s"))
    freq = {}

    def zipf(word):
        if word not in freq:
            freq[word] = zipf_frequency(word, "en")
        return freq[word]

    misspellings = codespell_misspellings(work)
    with open(EN_DICT + ".dic", encoding="utf-8") as f:
        en_us_stems = {line.split("/", 1)[0].strip() for line in f}
    letters = "abcdefghijklmnopqrstuvwxyz'-"
    lists = {}
    for name, categories in (
        ("american", ("english", "american", "variant_1")),
        ("british", ("english", "british", "british_variant_1")),
    ):
        words = scowl(work, categories)
        s = stats[name] = {"scowl size 70, no possessives": len(words)}
        words = {w for w in words if ENTRY.match(w)}
        s["letters, inner ' and - only"] = len(words)
        # hunspell's command line rejects "didn't" and "Baha'i", which en_US lists as stems: a word with an
        # apostrophe is checked against the stems (en_US derives no apostrophe word but possessives from them).
        plain = sorted(w for w in words if "'" not in w)
        words = hunspell_rejected(EN_DICT, plain) | {w for w in words if "'" in w and w not in en_us_stems}
        s["rejected by the vendored en_US"] = len(words)
        hyphenated = sorted(w for w in words if "-" in w)
        parts = sorted({p for w in hyphenated for p in w.split("-")})
        known_parts = hunspell_accepted(EN_DICT, parts)
        words -= {w for w in hyphenated if all(p in known_parts for p in w.split("-"))}
        s["not a compound of accepted words"] = len(words)
        dropped_codespell = {w for w in words if w.lower() in misspellings}
        words -= dropped_codespell
        s["not a codespell misspelling"] = len(words)
        s["codespell misspellings left out"] = sorted(dropped_codespell)
        masking = set()
        for w in words:
            lower = w.lower()
            own = zipf(lower)
            if any(n in vocabulary and zipf(n) >= own + ZIPF_GAP for n in one_edit(lower, letters)):
                masking.add(w)
        words -= masking
        s["not one edit from a 100x more frequent word"] = len(words)
        lists[name] = words
    lists["british"] -= lists["american"]
    stats["british"]["not in the American list"] = len(lists["british"])
    return lists


def unmunch_forms(work, package):
    base = os.path.join(work, package, "usr", "share", "hunspell", "fr")
    # Debian's .dic carries morphological fields (po:, is:, ...) after the stem; unmunch wants the stem/flags only.
    with open(base + ".dic", encoding="utf-8") as f:
        dic = [re.sub(r"[ \t]+[a-z][a-z]:.*", "", line.rstrip("\n")) for line in f]
    stems = os.path.join(work, package + ".stems.dic")
    with open(stems, "w", encoding="utf-8") as f:
        f.write("\n".join(dic) + "\n")
    out = subprocess.run(
        ["unmunch", stems, base + ".aff"], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    forms = set()
    for line in out.splitlines():
        form = line.split("/", 1)[0]
        # Elided forms (l'île, qu'il) and unmunch's leftovers of two-level affixes are not words to list.
        if form and "'" not in form and "|" not in form and ENTRY.match(form):
            forms.add(form)
    return forms


def french(work, stats):
    comprehensive = unmunch_forms(work, "hunspell-fr-comprehensive")
    classical = unmunch_forms(work, "hunspell-fr-classical")
    s = stats["reforme"] = {"forms of v7.0 Toutes variantes": len(comprehensive), "forms of v7.0 Classique": len(classical)}
    words = comprehensive - classical
    s["only in Toutes variantes"] = len(words)
    words &= hunspell_accepted(os.path.join(work, "hunspell-fr-comprehensive", "usr", "share", "hunspell", "fr"), sorted(words))
    s["accepted by hunspell with Toutes variantes"] = len(words)
    words &= hunspell_rejected(FR_DICT, sorted(words))
    s["rejected by the vendored v7.5 Classique"] = len(words)
    # The reform's "aimè-je" for "aimé-je": a verb form that only stands before "-je" (no stem of either dictionary
    # ends in è). Accepted on its own it would hide a wrong accent on a past participle ("livrè" for "livré").
    words = {w for w in words if not w.endswith("è")}
    s["not an è form of the inverted first person (aimè-je)"] = len(words)
    return words


def write(path, words):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(w + "\n" for w in sorted(words, key=lambda w: w.encode("utf-8"))))


def main():
    import wordfreq  # noqa: F401  (fails early when missing)
    from importlib import metadata

    if metadata.version("wordfreq") != WORDFREQ_VERSION:
        sys.exit(f"wordfreq {WORDFREQ_VERSION} expected")
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="tact-extra-")
    os.makedirs(work, exist_ok=True)
    fetch(work)
    stats = {}
    lists = english(work, stats)
    reforme = french(work, stats)
    os.makedirs(os.path.join(HERE, "en_extra"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "fr_reforme"), exist_ok=True)
    write(os.path.join(HERE, "en_extra", "scowl-70-american.txt"), lists["american"])
    write(os.path.join(HERE, "en_extra", "scowl-70-british.txt"), lists["british"])
    write(os.path.join(HERE, "fr_reforme", "reforme-1990.txt"), reforme)
    for name, s in stats.items():
        print(f"== {name}")
        for step, value in s.items():
            if isinstance(value, list):
                print(f"  {step}: {len(value)}: {' '.join(value)}")
            else:
                print(f"  {step}: {value}")


if __name__ == "__main__":
    main()
