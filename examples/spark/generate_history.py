#!/usr/bin/env python3
"""Writes a synthetic support history as JSON Lines: draft records, conversation records and, on purpose, bad lines
(invalid JSON, records without text, fields of the wrong type), to try a pipeline on without real messages.

    python3 examples/spark/generate_history.py 200000 > history.jsonl
    python3 examples/spark/generate_history.py 5000 --bad-every 50 --seed 7 > small.jsonl

Every sentence is made up from the lists below; the mistakes (typos, txt-speak, a missing greeting, a late reply)
are the kinds tact reports, so the output has something to count.
"""

import argparse
import json
import random
from datetime import datetime, timedelta, timezone

GREETINGS_EN = ["Hi {name},", "Hello {name},", "Thanks for waiting, {name}!", "Hi there,", ""]
BODIES_EN = [
    "Your parcel left our warehouse this morning and should arrive on {day}.",
    "I have refunded the order to your card; it takes three to five days to show.",
    "The replacement is on its way, and the tracking link is in your inbox.",
    "Your parcel wil arive on {day}, sorry for the wait.",
    "I checked with the team and the discount now shows on your account.",
    "pls send us a photo of the label so we can sort this out.",
    "As I already said, the order was shipped on {day}.",
    "We could not find an order under that e-mail address; could you check the number?",
]
CLOSINGS_EN = ["Have a nice day!", "Anything else I can help with?", "Kind regards,\nMia", ""]
GREETINGS_FR = ["Bonjour {name},", "Bonjour,", "Merci pour votre message {name} !", ""]
BODIES_FR = [
    "Votre colis est parti ce matin et arrivera {day_fr}.",
    "Le remboursement a été fait sur votre carte, comptez trois à cinq jours.",
    "Votre comande est bien partie, désolé pour l'attente.",
    "Nous avons envoyer le bon d'échange par e-mail.",
    "Le code promo est maintenant actif sur votre compte.",
]
CLOSINGS_FR = ["Bonne journée !", "Je reste à votre disposition.", "Cordialement,\nLéa", ""]
QUESTIONS = ["Where is my parcel?", "Can I change the address?", "Hi, my code does not work", "Any news?"]
NAMES = ["Sam", "Dana", "Ravi", "Chloé", "Ines", "Tom", "Ada", "Noé"]
DAYS = ["Monday", "Tuesday", "Thursday", "Friday"]
DAYS_FR = ["lundi", "mardi", "jeudi", "vendredi"]
PAGES = ["north-shop", "south-shop", "bank-help"]
BAD_LINES = [
    lambda i: '{"id": "bad-%d", "text": "unterminated' % i,
    lambda i: json.dumps({"id": "bad-%d" % i, "body": None}),
    lambda i: json.dumps({"id": "bad-%d" % i, "text": "Hi there.", "lang": 7}),
    lambda i: json.dumps(["not", "a", "record", i]),
]


def draft(rng, lang):
    name = rng.choice(NAMES)
    if lang == "en":
        parts = [rng.choice(GREETINGS_EN), rng.choice(BODIES_EN), rng.choice(CLOSINGS_EN)]
    else:
        parts = [rng.choice(GREETINGS_FR), rng.choice(BODIES_FR), rng.choice(CLOSINGS_FR)]
    text = " ".join(p for p in parts if p)
    return text.format(name=name, day=rng.choice(DAYS), day_fr=rng.choice(DAYS_FR))


def conversation(rng, index, start):
    lang = "en" if rng.random() < 0.7 else "fr"
    messages, time = [], start
    for turn in range(rng.randint(1, 3)):
        messages.append({"role": "customer", "time": time.isoformat().replace("+00:00", "Z"),
                         "text": rng.choice(QUESTIONS)})
        if turn > 0 and rng.random() < 0.15:
            break  # never answered
        time += timedelta(seconds=rng.choice([40, 180, 600, 1500, 5400]))
        messages.append({"role": "agent", "time": time.isoformat().replace("+00:00", "Z"), "text": draft(rng, lang)})
        time += timedelta(minutes=rng.randint(2, 30))
    return {"id": "conv-%d" % index, "page": rng.choice(PAGES), "lang": lang, "messages": messages}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=int)
    parser.add_argument("--bad-every", type=int, default=100, help="one bad line in this many (0: none)")
    parser.add_argument("--conversation-every", type=int, default=10, help="one conversation in this many records")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    lines = []
    for i in range(1, args.records + 1):
        if args.bad_every and i % args.bad_every == 0:
            lines.append(BAD_LINES[(i // args.bad_every) % len(BAD_LINES)](i))
        elif args.conversation_every and i % args.conversation_every == 0:
            lines.append(json.dumps(conversation(rng, i, start + timedelta(minutes=7 * i)), ensure_ascii=False))
        else:
            record = {"text": draft(rng, "en" if rng.random() < 0.6 else "fr")}
            if i % 3:  # a third of the records have no id: tact gives them their line number
                record = {"id": "d-%d" % i, **record}
            # Some exports escape every non-ASCII character: draft positions do not move.
            lines.append(json.dumps(record, ensure_ascii=bool(i % 2)))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
