#!/usr/bin/env python3
"""Writes COUNT drafts, each with one misspelling no other draft has, as JSON Lines (for compare.sh).

    python3 benches/gen_typos.py LANG COUNT [SEED] > typos-LANG.jsonl

The misspellings are made from the stems of the embedded Hunspell dictionary (dictionaries/en_US, dictionaries/fr),
six letters or more, by one slip as people make them: two neighbours swapped, a letter dropped, doubled or
replaced by a keyboard neighbour. Each is distinct and is not itself a stem of the dictionary, so every draft asks
for suggestions a process has not computed before: the worst case of a suggestion cache. Same arguments, same
bytes.
"""
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DIC = {"en": "dictionaries/en_US/en_US.dic", "fr": "dictionaries/fr/fr.dic"}
FRAME = {
    "en": "Hi Sam, thanks for your message. The {w} you asked about is on its way. Best regards, Tom",
    "fr": "Bonjour Sam, merci pour votre message. Le {w} dont vous parlez est en route. Bonne journée, Camille",
}
NEIGHBOURS = {a: b for a, b in zip("qwertyuiopasdfghjklzxcvbnm", "wertyuiopqsdfghjklazxcvbnmz")}


def slip(rng, word):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + NEIGHBOURS.get(word[i], word[i]) + word[i + 1:]


def main():
    lang, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    with open(os.path.join(ROOT, DIC[lang]), encoding="utf-8") as f:
        next(f)
        stems = sorted({line.split("/")[0].split("\t")[0].strip() for line in f})
    known = set(stems)
    words = [s for s in stems if len(s) >= 6 and s.isalpha() and s.islower()]
    seen = set()
    out = sys.stdout
    n = 0
    while n < count:
        typo = slip(rng, rng.choice(words))
        if typo in known or typo in seen:
            continue
        seen.add(typo)
        out.write(json.dumps({"id": f"{lang}-typo-{n:05d}", "lang": lang, "text": FRAME[lang].format(w=typo)},
                             ensure_ascii=False) + "\n")
        n += 1


main()
