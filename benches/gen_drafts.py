#!/usr/bin/env python3
"""Deterministic generator of realistic customer-support drafts for tact's benchmarks.

Usage:
    python3 benches/gen_drafts.py COUNT [SEED] > drafts.jsonl

Writes COUNT JSON Lines records `{"id", "text"}` (about 60 % English, 40 % French; no `lang` field, so tact
detects the language as it would on a help-desk export). Drafts are assembled from varied templates: greetings,
one to four body sentences (orders, refunds, accounts, delivery, subscriptions, bugs), sign-offs and signatures,
with names, order numbers, carriers and dates filled in. Some drafts carry what tact is there to catch: typos
(common misspellings and keyboard slips), a missing greeting or sign-off, impatience, a password request, a broken
`{{first_name` placeholder, doubled words, shouting.

The same COUNT and SEED always give the same bytes (Python's `random.Random` with an integer seed is stable
across Python 3 versions for `random()`, `choice()` and `randrange()`).
"""

import json
import random
import sys

NAMES = ["Sarah", "Tom", "Priya", "Lucas", "Emma", "Mohammed", "Chloé", "Hugo", "Jade", "Liam", "Olivia",
         "Noah", "Inès", "Léa", "Karim", "Sofia", "Daniel", "Manon", "Julien", "Aisha", "Grace", "Yusuf"]
AGENTS = ["Tom", "Joana Ferreira", "Marc", "Camille Martin", "Alex", "Nadia", "Pierre Dubois", "Rachel", "Sam"]
CARRIERS = ["DPD", "UPS", "DHL", "Colissimo", "Chronopost", "Royal Mail", "FedEx", "Mondial Relay"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
PRODUCTS_EN = ["headphones", "blender", "jacket", "phone case", "coffee machine", "backpack", "desk lamp", "order"]
PRODUCTS_FR = ["casque", "mixeur", "manteau", "coque", "machine à café", "sac à dos", "lampe de bureau", "colis"]

EN = {
    "greetings": [
        "Hi {name},", "Hello {name},", "Hey {name}!", "Good morning {name},", "Dear {name},", "Hi there,",
        "Hi {name}, thanks for reaching out!", "Hello {name}, thank you for your message.",
        "Hi {name}, sorry for the wait.", "Hi {{{{first_name}}}},", "",
    ],
    "bodies": [
        "I've checked your order #{order} and it left our warehouse on {day}.",
        "Your parcel is with {carrier} and should arrive by {day}.",
        "The refund of {amount} € was issued today; it usually takes 3 to 5 business days to show on your statement.",
        "I'm sorry the {product} arrived damaged, that's not the experience we want for you.",
        "I've sent a replacement {product} at no extra cost, and you don't need to return the old one.",
        "You can track the delivery here: https://track.example.com/{order}.",
        "I've reset the two-factor authentication on your account, so you can log in again now.",
        "Your subscription renews on the 14th; you can cancel it anytime from your account settings.",
        "Our team has found the bug that stopped the app from syncing and a fix ships this week.",
        "I've updated the delivery address on order #{order} as you asked.",
        "The discount code SPRING20 has expired, but I've applied a 15 % credit to your account instead.",
        "Could you send me a photo of the label so I can open a claim with {carrier}?",
        "As I already said, the {product} is out of stock until {day}.",
        "Please send us your password so we can check the account.",
        "We have forwarded your message to {carrier} so they can contact you directly.",
        "Unfortunately we can't change an order once it has shipped.",
        "PLEASE READ THE INSTRUCTIONS BEFORE CONTACTING US.",
        "I have have escalated this to our billing team.",
    ],
    "signoffs": [
        "Let me know if anything else comes up.\nBest regards,\n{agent}", "Have a great day!\n{agent}",
        "Is there anything else I can help with?", "Kind regards,\n{agent}", "Thanks again for your patience!",
        "Take care,\n{agent}", "Cheers,\n{agent}", "",
    ],
    "days": DAYS_EN, "products": PRODUCTS_EN,
    "typos": {"receive": "recieve", "address": "adress", "tomorrow": "tommorow", "definitely": "definately",
              "separate": "seperate", "unfortunately": "unfortunatly", "business": "buisness",
              "warehouse": "warehous", "delivery": "delivry", "replacement": "replacment",
              "account": "acount", "subscription": "subscribtion", "statement": "statment",
              "experience": "experiance", "patience": "patiance", "arrive": "arive"},
}

FR = {
    "greetings": [
        "Bonjour {name},", "Bonjour {name}, merci pour votre message.", "Bonsoir {name},", "Salut {name} !",
        "Madame, Monsieur,", "Bonjour,", "Bonjour {name}, désolé pour l'attente.", "Bonjour {{{{prenom}}}},", "",
    ],
    "bodies": [
        "J'ai vérifié votre commande n° {order} : elle a quitté notre entrepôt {day}.",
        "Votre colis est chez {carrier} et devrait arriver d'ici {day}.",
        "Le remboursement de {amount} € a été effectué aujourd'hui ; il apparaîtra sous 3 à 5 jours ouvrés.",
        "Je suis désolée que votre {product} soit arrivé abîmé.",
        "Je vous ai envoyé un nouveau {product} sans frais, inutile de nous renvoyer l'ancien.",
        "Vous pouvez suivre la livraison ici : https://suivi.example.fr/{order}.",
        "J'ai réinitialisé la double authentification de votre compte, vous pouvez vous reconnecter.",
        "Votre abonnement sera renouvelé le 14 ; vous pouvez le résilier à tout moment depuis votre espace client.",
        "Notre équipe a trouvé le problème de synchronisation et un correctif sera publié cette semaine.",
        "J'ai modifié l'adresse de livraison de la commande n° {order} comme demandé.",
        "Pourriez-vous m'envoyer une photo de l'étiquette pour que j'ouvre une réclamation auprès de {carrier} ?",
        "Comme je vous l'ai déjà dit, le {product} est en rupture de stock jusqu'à {day}.",
        "Merci de nous communiquer votre mot de passe pour vérifier le compte.",
        "Nous avons transmis votre message à {carrier} pour qu'ils vous contactent directement.",
        "Malheureusement, nous ne pouvons pas modifier une commande déjà expédiée.",
        "J'ai bien bien transmis votre demande au service facturation.",
    ],
    "signoffs": [
        "N'hésitez pas à revenir vers nous si besoin.\nBien cordialement,\n{agent}",
        "Belle journée à vous !\n{agent}", "Puis-je vous aider pour autre chose ?", "Cordialement,\n{agent}",
        "Merci pour votre patience !", "Bonne soirée,\n{agent}", "",
    ],
    "days": DAYS_FR, "products": PRODUCTS_FR,
    "typos": {"commande": "comande", "malheureusement": "malheureusment", "livraison": "livraisson",
              "remboursement": "remboursment", "entrepôt": "entrepot", "adresse": "addresse",
              "abonnement": "abonement", "réclamation": "reclamation", "aujourd'hui": "aujourdhui",
              "étiquette": "étiquete", "patience": "patiance", "moment": "momment", "problème": "probleme"},
}

KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def keyboard_slip(rng, word):
    """Swap two neighbours, drop a letter or double one: the typos people make."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def draft(rng, lang):
    t = EN if lang == "en" else FR
    fill = {
        "name": rng.choice(NAMES), "agent": rng.choice(AGENTS), "carrier": rng.choice(CARRIERS),
        "order": str(rng.randrange(10000, 99999)), "day": rng.choice(t["days"]),
        "product": rng.choice(t["products"]), "amount": f"{rng.randrange(5, 400)},{rng.randrange(0, 99):02d}",
    }
    parts = []
    greeting = rng.choice(t["greetings"]).format(**fill)
    if greeting:
        parts.append(greeting)
    body = " ".join(rng.choice(t["bodies"]) for _ in range(rng.randrange(1, 5))).format(**fill)
    parts.append(body)
    signoff = rng.choice(t["signoffs"]).format(**fill)
    if signoff:
        parts.append(signoff)
    text = ("\n" if rng.random() < 0.5 else " ").join(parts)
    # Typos: a known misspelling in about a third of the drafts, a keyboard slip in a fifth.
    if rng.random() < 0.35:
        candidates = [w for w in t["typos"] if w in text]
        if candidates:
            word = rng.choice(candidates)
            text = text.replace(word, t["typos"][word], 1)
    if rng.random() < 0.2:
        words = text.split(" ")
        i = rng.randrange(len(words))
        words[i] = keyboard_slip(rng, words[i])
        text = " ".join(words)
    if rng.random() < 0.03:
        text = text.replace("{{first_name}}", "{{first_name", 1).replace("{{prenom}}", "{{prenom", 1)
    return text


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    rng = random.Random(seed)
    out = sys.stdout
    for n in range(count):
        lang = "en" if rng.random() < 0.6 else "fr"
        record = {"id": f"{lang}-{n:06d}", "text": draft(rng, lang)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
