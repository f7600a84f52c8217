// benches/nspell-l.mjs LANG < TEXT — nspell's answer to `hunspell -l`: prints the words of TEXT that the en or fr
// dictionary (npm dictionary-en, dictionary-fr) does not know, one a line. Used by compare.sh as a peer.
import { readFileSync } from "node:fs";
import nspell from "nspell";

const lang = process.argv[2] === "fr" ? "fr" : "en";
const dictionary = (await import(lang === "fr" ? "dictionary-fr" : "dictionary-en")).default;
const spell = nspell(dictionary);
const text = readFileSync(0, "utf8");
const out = [];
for (const [word] of text.matchAll(/\p{L}[\p{L}\p{M}'’-]*/gu)) {
    if (!spell.correct(word.replace(/’/g, "'"))) out.push(word);
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
