#!/usr/bin/env python3
"""Writes the word lists of the spelling benchmarks into benches/data/ (run once; the lists are committed).

    python3 benches/gen_wordlists.py

- misspelled-LANG.txt: distinct misspellings of common support words (a swap of two neighbours, a dropped letter
  or a doubled one, as people mistype), one per line, each rejected by `hunspell -d en_US|fr_FR -l`; the Rust bench
  and compare.sh use the same words, so each word is a cold (uncached) suggestion exactly once.
- words-LANG.txt: the word tokens of 1,000 generated drafts of that language (gen_drafts.py), in order, for
  words-checked-per-second figures: the mix of known words, names and typos a real draft has.
"""
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = {
    "en": """order refund delivery address receive tomorrow account password subscription warehouse replacement
    package shipping payment invoice customer support message apologize unfortunately definitely separate business
    statement experience patience arrive available cancel cancellation request information confirmation
    schedule recommend necessary immediately appreciate question problem issue resolve understand product
    quantity discount voucher purchase return exchange tracking courier parcel carrier weekend morning afternoon
    evening response contact service quality update upgrade download install application browser settings
    profile notification reminder warranty repair damaged missing broken working technical department manager
    colleague escalate investigate investigation checked shipped delivered processed approved declined credit
    balance transaction receipt original different similar important possible probably actually already
    certainly completely especially finally usually recently currently generally personally honestly""",
    "fr": """commande remboursement livraison adresse demain compte abonnement entrepôt remplacement colis
    expédition paiement facture client message malheureusement vraiment séparément entreprise relevé expérience
    patience arriver disponible annuler annulation demande information confirmation rendez-vous recommander
    nécessaire immédiatement remercier question problème résoudre comprendre produit quantité réduction achat
    retour échange suivi transporteur semaine matin après-midi soirée réponse contacter service qualité mise
    télécharger installer application navigateur paramètres profil notification rappel garantie réparation
    endommagé manquant cassé fonctionne technique responsable collègue enquête vérifié expédié livré traité
    accepté refusé crédit solde transaction reçu original différent important possible probablement déjà
    certainement complètement surtout finalement habituellement récemment actuellement personnellement
    aujourd'hui désolé excuses attente délai rapidement bientôt""",
}


def variants(word):
    out = []
    for i in range(1, len(word) - 1):
        if word[i].isalpha() and word[i + 1].isalpha() and word[i] != word[i + 1]:
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        if word[i].isalpha():
            out.append(word[:i] + word[i + 1:])
            out.append(word[:i] + word[i] + word[i:])
    return out


def hunspell_rejects(words, dic):
    result = subprocess.run(["hunspell", "-d", dic, "-l"], input="\n".join(words) + "\n",
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def main():
    rng = random.Random(7)
    for lang, dic in (("en", "en_US"), ("fr", "fr_FR")):
        candidates = []
        for word in BASE[lang].split():
            vs = [v for v in variants(word) if "'" not in v and "-" not in v]
            rng.shuffle(vs)
            candidates.extend(vs[:3])
        seen, unique = set(), []
        for c in candidates:
            if c not in seen:
                seen.add(c)
                unique.append(c)
        rejected = hunspell_rejects(unique, dic)
        words = [w for w in unique if w in rejected]
        with open(os.path.join(HERE, "data", f"misspelled-{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(words) + "\n")
        drafts = subprocess.run([sys.executable, os.path.join(HERE, "gen_drafts.py"), "3000", "11"],
                                capture_output=True, text=True, check=True).stdout
        tokens = []
        for line in drafts.splitlines():
            record = json.loads(line)
            if record["id"].startswith(lang) and len(tokens) < 5000:
                tokens.extend(t for t in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", record["text"]))
        with open(os.path.join(HERE, "data", f"words-{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(tokens[:5000]) + "\n")
        print(f"{lang}: {len(words)} misspellings, {min(len(tokens), 5000)} draft tokens")


if __name__ == "__main__":
    main()
