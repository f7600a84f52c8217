//! Which language a draft is written in: English or French (the languages tact checks), another language, or too
//! little text to tell.
//!
//! Two questions, two answers. [`detect`] tells English from French, per draft, from function words and French
//! diacritics: reliable on a greeting and one sentence, where n-gram models built for long texts guess. [`identify`]
//! also recognises drafts written in a language tact does not check, from lists of frequent words of each language
//! (`src/lang/words/*.txt`, data rather than code) plus the letters only some alphabets use (ñ, ß, ł, ş, ă…) and, for
//! other scripts, the script itself. A draft is called another language only when the evidence is clear: a false
//! "unsupported" silences every rule on a draft, so a few foreign words, names or brands inside an English or French
//! draft never make it "other".

use crate::model::Lang;

/// What [`identify`] makes of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    /// A language tact checks.
    Checked(Lang),
    /// Clearly another language, by its ISO 639-1 code (`"es"`, `"de"`, `"ru"`…); see [`language_name`].
    Other(&'static str),
    /// Nothing tells: a name, an emoji, a number, a placeholder, a word shared by many languages.
    Unknown,
}

impl Detected {
    /// The checked language, if that is what the draft is.
    pub fn checked(self) -> Option<Lang> {
        match self {
            Detected::Checked(lang) => Some(lang),
            _ => None,
        }
    }

    /// The ISO 639-1 code of a language tact does not check, if that is what the draft is.
    pub fn unchecked(self) -> Option<&'static str> {
        match self {
            Detected::Other(code) => Some(code),
            _ => None,
        }
    }

    /// The ISO 639-1 code of whatever language was recognised.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Detected::Checked(lang) => Some(lang.as_str()),
            Detected::Other(code) => Some(code),
            Detected::Unknown => None,
        }
    }
}

/// Tells whether a draft is English, French, clearly another language, or unknown. Works on raw text (handles,
/// hashtags, URLs, e-mail addresses and `{{placeholders}}` are skipped) as well as on masked text.
pub fn identify(text: &str) -> Detected {
    let evidence = Evidence::gather(text);
    if let Some(code) = evidence.other_language() {
        return Detected::Other(code);
    }
    match detect(text) {
        Some(lang) => Detected::Checked(lang),
        None => Detected::Unknown,
    }
}

/// The English name of a language [`identify`] can name, e.g. `"Spanish"` for `"es"`.
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .map(|l| (l.code, l.name))
        .chain(SCRIPTS.iter().map(|s| (s.code, s.name)))
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name)
}

/// The codes of every language [`identify`] can name, English and French first.
pub fn recognised_languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|l| l.code).chain(SCRIPTS.iter().map(|s| s.code))
}

// ---------------------------------------------------------------------------------------------------------------
// English or French: the vote used to pick the rules of a draft.

/// In the word table, besides the languages' bits: the words of the English/French vote (`src/lang/vote/*.txt`).
const VOTE_EN: u32 = 1 << 30;
const VOTE_FR: u32 = 1 << 31;

/// English or French, whichever the draft's words say; `None` when nothing tells (a name, an emoji, a placeholder).
/// Never answers another language: [`identify`] does that.
pub fn detect(text: &str) -> Option<Lang> {
    let (mut en, mut fr) = (0.0f32, 0.0f32);
    let mut word = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        if raw.is_empty() {
            continue;
        }
        word.clear();
        for c in raw.chars() {
            match c {
                '’' => word.push('\''),
                c => word.extend(c.to_lowercase()),
            }
        }
        let listed = languages_of(&word).unwrap_or(0);
        if listed & VOTE_EN != 0 {
            en += 1.0;
        }
        if listed & VOTE_FR != 0 {
            fr += 1.0;
        }
        // Elisions (j'ai, l'adresse, n'hésitez, qu'il) are French; contractions (don't, we're) English.
        if let Some((head, _)) = word.split_once('\'') {
            if head.len() <= 2 && languages_of(head).unwrap_or(0) & VOTE_FR != 0 {
                fr += 1.0;
            }
        }
        let accents = word.chars().filter(|c| "éèêëàâîïôûùüçœæ".contains(*c)).count();
        fr += 0.5 * accents.min(2) as f32;
    }
    if en == 0.0 && fr == 0.0 {
        None
    } else if fr > en {
        Some(Lang::Fr)
    } else {
        Some(Lang::En)
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Another language: word lists per language, letters per alphabet, scripts.

struct Language {
    code: &'static str,
    name: &'static str,
}

impl Language {
    const fn new(code: &'static str, name: &'static str) -> Language {
        Language { code, name }
    }
}

/// The languages told apart by their words. English and French come first, at the indices [`EN`] and [`FR`]; their
/// lists hold the words they share with the others, so that "me", "die" or "is" in an English draft is no evidence
/// for Spanish, German or Dutch alone. At most 30 entries (a word's languages are bits of a `u32`, with [`VOTE_EN`]
/// and [`VOTE_FR`]).
const LANGUAGES: &[Language] = &[
    Language::new("en", "English"),
    Language::new("fr", "French"),
    Language::new("es", "Spanish"),
    Language::new("de", "German"),
    Language::new("it", "Italian"),
    Language::new("pt", "Portuguese"),
    Language::new("nl", "Dutch"),
    Language::new("pl", "Polish"),
    Language::new("sv", "Swedish"),
    Language::new("da", "Danish"),
    Language::new("no", "Norwegian"),
    Language::new("tr", "Turkish"),
    Language::new("ro", "Romanian"),
    Language::new("fi", "Finnish"),
    Language::new("cs", "Czech"),
    Language::new("hu", "Hungarian"),
    Language::new("ca", "Catalan"),
];

const N: usize = LANGUAGES.len();
const EN: usize = 0;
const FR: usize = 1;
const ES: usize = 2;
const DE: usize = 3;
const IT: usize = 4;
const PT: usize = 5;
const NL: usize = 6;
const PL: usize = 7;
const SV: usize = 8;
const DA: usize = 9;
const NO: usize = 10;
const TR: usize = 11;
const RO: usize = 12;
const FI: usize = 13;
const CS: usize = 14;
const HU: usize = 15;
const CA: usize = 16;

const fn mask(langs: &[usize]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < langs.len() {
        mask |= 1 << langs[i];
        i += 1;
    }
    mask
}

/// The languages that write a letter (lower case). Letters every Latin alphabet has, and those of no language
/// listed, give nothing.
fn letter_languages(c: char) -> u32 {
    const MASKS: &[(&str, u32)] = &[
        ("ñ", mask(&[ES])),
        ("ß", mask(&[DE])),
        ("ä", mask(&[DE, SV, FI])),
        ("ö", mask(&[DE, SV, FI, TR, HU])),
        ("ü", mask(&[DE, TR, HU])),
        ("å", mask(&[SV, DA, NO])),
        ("æø", mask(&[DA, NO])),
        ("ãõ", mask(&[PT])),
        ("ç", mask(&[FR, PT, CA, TR])),
        ("ąęłśźżńć", mask(&[PL])),
        ("ğı", mask(&[TR])),
        // The cedilla forms are what many Romanian keyboards type instead of ș and ț.
        ("ş", mask(&[TR, RO])),
        ("șțţă", mask(&[RO])),
        ("â", mask(&[FR, PT, RO])),
        ("î", mask(&[FR, RO])),
        ("őű", mask(&[HU])),
        ("ěřůďťňčšžý", mask(&[CS])),
        ("é", mask(&[FR, ES, IT, PT, CA, CS, HU])),
        ("è", mask(&[FR, IT, CA])),
        ("ê", mask(&[FR, PT])),
        ("ô", mask(&[FR, PT])),
        ("ë", mask(&[FR, NL])),
        ("à", mask(&[FR, IT, CA, PT])),
        ("ìò", mask(&[IT, CA])),
        ("ù", mask(&[FR, IT])),
        ("í", mask(&[ES, PT, CA, CS, HU])),
        ("ó", mask(&[ES, PT, PL, CA, CS, HU])),
        ("úá", mask(&[ES, PT, CS, HU])),
        ("ï", mask(&[FR, NL, CA])),
        ("œûÿ", mask(&[FR])),
        ("·", mask(&[CA])),
    ];
    if c.is_ascii() {
        return 0;
    }
    MASKS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(0, |(_, mask)| *mask)
}

struct Script {
    code: &'static str,
    name: &'static str,
    ranges: &'static [(char, char)],
}

impl Script {
    const fn new(code: &'static str, name: &'static str, ranges: &'static [(char, char)]) -> Script {
        Script { code, name, ranges }
    }
}

/// Writing systems that name their language on their own. The entries without ranges are told by their letters
/// inside another script's range (see [`Evidence::script_language`]).
const SCRIPTS: &[Script] = &[
    Script::new("ru", "Russian", &[('\u{0400}', '\u{052F}')]),
    Script::new("uk", "Ukrainian", &[]),
    Script::new("sr", "Serbian", &[]),
    Script::new("el", "Greek", &[('\u{0370}', '\u{03FF}'), ('\u{1F00}', '\u{1FFF}')]),
    Script::new("he", "Hebrew", &[('\u{0590}', '\u{05FF}')]),
    Script::new("ar", "Arabic", &[('\u{0600}', '\u{06FF}'), ('\u{0750}', '\u{077F}')]),
    Script::new("fa", "Persian", &[]),
    Script::new("hi", "Hindi", &[('\u{0900}', '\u{097F}')]),
    Script::new("bn", "Bengali", &[('\u{0980}', '\u{09FF}')]),
    Script::new("ta", "Tamil", &[('\u{0B80}', '\u{0BFF}')]),
    Script::new("th", "Thai", &[('\u{0E00}', '\u{0E7F}')]),
    Script::new("ka", "Georgian", &[('\u{10A0}', '\u{10FF}')]),
    Script::new("hy", "Armenian", &[('\u{0530}', '\u{058F}')]),
    Script::new(
        "ko",
        "Korean",
        &[
            ('\u{AC00}', '\u{D7AF}'),
            ('\u{1100}', '\u{11FF}'),
            ('\u{3130}', '\u{318F}'),
        ],
    ),
    Script::new("ja", "Japanese", &[('\u{3040}', '\u{30FF}'), ('\u{31F0}', '\u{31FF}')]),
    Script::new("zh", "Chinese", &[('\u{4E00}', '\u{9FFF}'), ('\u{3400}', '\u{4DBF}')]),
];

fn script_of(c: char) -> Option<usize> {
    SCRIPTS
        .iter()
        .position(|s| s.ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)))
}

fn script_index(code: &str) -> usize {
    SCRIPTS.iter().position(|s| s.code == code).unwrap_or(0)
}

mod words_codegen;

/// The languages that list a word (lower case), as a mask of indices into [`LANGUAGES`]: a binary search in a table
/// generated from `src/lang/words/*.txt` (see the test `word_table_is_current`), so nothing is built at run time.
fn languages_of(word: &str) -> Option<u32> {
    let table = words_codegen::WORDS;
    table
        .binary_search_by(|(listed, _)| (*listed).cmp(word))
        .ok()
        .map(|i| table[i].1)
}

/// A draft needs at least this much evidence for another language (two words of it, or one and two of its letters)…
const MIN_OTHER: f32 = 2.0;
/// …and this many times the evidence for English or French.
const OTHER_OVER_CHECKED: f32 = 2.0;
/// The words of a draft [`identify`] weighs at most.
const MAX_WORDS: usize = 200;
/// Languages whose small words are mostly shared.
const NORDIC: [usize; 3] = [SV, DA, NO];

struct Evidence {
    scores: [f32; N],
    /// Letters of each script in `SCRIPTS`, and Latin letters.
    scripts: [u32; SCRIPTS.len()],
    latin: u32,
    /// Letters only Ukrainian, Serbian or Persian use among the Cyrillic and Arabic ones.
    marks: Marks,
}

#[derive(Default)]
struct Marks {
    ukrainian: bool,
    serbian: bool,
    persian: bool,
}

impl Evidence {
    fn gather(text: &str) -> Evidence {
        let mut evidence = Evidence {
            scores: [0.0; N],
            scripts: [0; SCRIPTS.len()],
            latin: 0,
            marks: Marks::default(),
        };
        let mut word = String::new();
        let mut spanish_marks = 0;
        let mut sentence_start = true;
        // Two hundred words tell a language as well as a whole wall of text, at a bounded cost.
        for chunk in text.split_whitespace().take(MAX_WORDS) {
            let starts_sentence = std::mem::replace(&mut sentence_start, chunk.ends_with(['.', '!', '?', '…', ':']));
            if skipped(chunk) {
                // A leading @handle does not start the sentence.
                sentence_start = starts_sentence;
                continue;
            }
            spanish_marks += chunk.chars().filter(|c| matches!(c, '¿' | '¡')).count();
            let words = chunk.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’' || c == '·'));
            for (i, raw) in words.enumerate() {
                let raw = raw.trim_matches(|c| c == '\'' || c == '’' || c == '·');
                if raw.is_empty() {
                    continue;
                }
                // A capitalised word inside a sentence is often a name (Casa del Libro, Hauptstraße, Müller): it
                // counts half; a capital letter alone there is an initial or an abbreviation (D. S., "plan B"), not
                // the Czech "s" or the Polish "w". A sentence's first word is the chunk's first piece, or its second
                // after "¡" or "(".
                let inside_sentence = !(starts_sentence && i <= 1);
                let mut letters = raw.chars();
                let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
                let weight = match (inside_sentence, initial, is_capitalised(raw)) {
                    (true, true, _) => continue,
                    (true, _, true) => 0.5,
                    _ => 1.0,
                };
                word.clear();
                for c in raw.chars() {
                    match c {
                        '’' => word.push('\''),
                        // Lower-casing the Turkish dotted capital gives "i" plus a combining dot.
                        'İ' => word.push('i'),
                        c => word.extend(c.to_lowercase()),
                    }
                }
                evidence.word(&word, weight);
            }
        }
        evidence.scores[ES] += spanish_marks.min(2) as f32;
        evidence
    }

    fn word(&mut self, word: &str, weight: f32) {
        let mut letters = [0.0f32; N];
        for c in word.chars() {
            if c.is_ascii() {
                self.latin += u32::from(c.is_ascii_alphabetic());
            } else if let Some(script) = script_of(c) {
                self.scripts[script] += 1;
                self.marks.ukrainian |= "іїєґ".contains(c);
                self.marks.serbian |= "ђћџљњј".contains(c);
                self.marks.persian |= "پچژگکی".contains(c);
            } else {
                self.latin += u32::from(c.is_alphabetic());
                spread(&mut letters, letter_languages(c), 1.0);
            }
        }
        for (score, letter) in self.scores.iter_mut().zip(letters) {
            *score += weight * letter.min(1.0);
        }
        if let Some(languages) = languages_of(word) {
            spread(&mut self.scores, languages, weight);
        } else if let Some(apostrophe) = word.find('\'') {
            let (head, tail) = word.split_at(apostrophe + 1);
            if let Some(languages) = languages_of(head) {
                // Elided articles and pronouns: l'adresse, dell'ordine, c'è; the word after them is looked up alone.
                spread(&mut self.scores, languages, weight);
                if let Some(languages) = languages_of(tail) {
                    spread(&mut self.scores, languages, weight);
                }
            } else if ["s", "t", "d", "m", "ll", "re", "ve"].contains(&tail) {
                // English contractions and possessives: what's, customer's, they'd.
                self.scores[EN] += weight;
            }
        }
    }

    /// The other language the evidence clearly points to, if any.
    fn other_language(&self) -> Option<&'static str> {
        if let Some(code) = self.script_language() {
            return Some(code);
        }
        // Danish, Norwegian and Swedish share most of their small words, which split their evidence three ways:
        // whether a draft is one of them is told by the three together, which one it is comes second.
        let told = |i: usize| {
            let group = if NORDIC.contains(&i) {
                NORDIC.iter().map(|&j| self.scores[j]).sum()
            } else {
                self.scores[i]
            };
            (group, self.scores[i])
        };
        let best = (FR + 1..N).max_by(|&a, &b| {
            let ((group_a, own_a), (group_b, own_b)) = (told(a), told(b));
            group_a
                .total_cmp(&group_b)
                .then(own_a.total_cmp(&own_b))
                .then(b.cmp(&a))
        })?;
        let evidence = told(best).0;
        let checked = self.scores[EN].max(self.scores[FR]);
        (evidence >= MIN_OTHER && evidence > OTHER_OVER_CHECKED * checked).then_some(LANGUAGES[best].code)
    }

    /// The language of a script other than Latin, when most letters are written in it.
    fn script_language(&self) -> Option<&'static str> {
        let count = |code: &str| self.scripts[script_index(code)];
        // Japanese mixes kana with Chinese characters.
        let (cjk, kana) = (count("zh") + count("ja"), count("ja"));
        let (script, letters) = self
            .scripts
            .iter()
            .enumerate()
            .filter(|(i, _)| !["zh", "ja"].contains(&SCRIPTS[*i].code))
            .map(|(i, n)| (SCRIPTS[i].code, *n))
            .chain([(if kana > 0 { "ja" } else { "zh" }, cjk)])
            .max_by_key(|(_, n)| *n)?;
        // An ideograph or a Hangul syllable carries about a word; a letter of an alphabet much less.
        let needed = if ["ja", "zh", "ko"].contains(&script) { 2 } else { 4 };
        if letters < needed || letters <= self.latin {
            return None;
        }
        Some(match script {
            "ru" if self.marks.ukrainian => "uk",
            "ru" if self.marks.serbian => "sr",
            "ar" if self.marks.persian => "fa",
            code => code,
        })
    }
}

/// Adds `weight` shared out among the languages of `languages` (the vote's bits aside).
fn spread(scores: &mut [f32; N], languages: u32, weight: f32) {
    let languages = languages & ((1 << N) - 1);
    let count = languages.count_ones();
    if count == 0 {
        return;
    }
    let share = weight / count as f32;
    for (i, score) in scores.iter_mut().enumerate() {
        if languages & (1 << i) != 0 {
            *score += share;
        }
    }
}

/// An upper-case letter followed by lower-case ones (not ALL CAPS, not one letter).
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Whitespace-separated chunks that are no words of any language: @handles, #hashtags, URLs, e-mail addresses,
/// domain names, template placeholders.
fn skipped(chunk: &str) -> bool {
    let chunk = chunk.trim_start_matches(|c: char| "([\"'«“".contains(c));
    if chunk.starts_with(['@', '#']) || chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    if chunk.contains('@') || chunk.contains("{{") || chunk.contains("}}") || chunk.contains("{%") {
        return true;
    }
    // example.com, amazon.es/help: a dot between two letters.
    let bytes = chunk.as_bytes();
    bytes
        .windows(3)
        .any(|w| w[1] == b'.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_drafts() {
        assert_eq!(detect("Hi Tom, your parcel left today."), Some(Lang::En));
        assert_eq!(detect("Bonjour Tom, votre colis est parti."), Some(Lang::Fr));
        assert_eq!(detect("Merci !"), Some(Lang::Fr));
        assert_eq!(detect("Thanks!"), Some(Lang::En));
        assert_eq!(detect("J’ai vérifié : c’est réglé."), Some(Lang::Fr));
        assert_eq!(detect("Hello Marie, je regarde ça tout de suite."), Some(Lang::Fr));
        assert_eq!(detect("No worries at all!"), Some(Lang::En));
        assert_eq!(detect("Pas de souci !"), Some(Lang::Fr));
    }

    /// `detect` as it was written before the word table: linear look-ups in the vote's lists.
    fn detect_reference(text: &str) -> Option<Lang> {
        let (english, french) = (word_list("vote/en"), word_list("vote/fr"));
        let (mut en, mut fr) = (0.0f32, 0.0f32);
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            if raw.is_empty() {
                continue;
            }
            let word = raw.to_lowercase().replace('’', "'");
            en += f32::from(u8::from(english.contains(&word)));
            fr += f32::from(u8::from(french.contains(&word)));
            if let Some((head, _)) = word.split_once('\'') {
                if french.iter().any(|w| w == head) && head.len() <= 2 {
                    fr += 1.0;
                }
            }
            let accents = word.chars().filter(|c| "éèêëàâîïôûùüçœæ".contains(*c)).count();
            fr += 0.5 * accents.min(2) as f32;
        }
        if en == 0.0 && fr == 0.0 {
            None
        } else if fr > en {
            Some(Lang::Fr)
        } else {
            Some(Lang::En)
        }
    }

    #[test]
    fn detect_answers_as_before_the_word_table() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let set = std::fs::read_to_string(root.join("tests/lang/short-messages.jsonl")).unwrap();
        let corpus = std::fs::read_to_string(root.join("tests/corpus/en.jsonl")).unwrap()
            + &std::fs::read_to_string(root.join("tests/corpus/fr.jsonl")).unwrap();
        let mut n = 0;
        for line in set.lines().chain(corpus.lines()).filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = record["text"].as_str().unwrap();
            assert_eq!(detect(text), detect_reference(text), "{text}");
            n += 1;
        }
        assert!(n > 1000);
    }

    #[test]
    fn nothing_to_tell() {
        assert_eq!(detect("🙂"), None);
        assert_eq!(detect("____ ____"), None);
        assert_eq!(detect(""), None);
        for text in [
            "🙂",
            "____ ____",
            "",
            "42",
            "#A-1234",
            "@maria_g",
            "https://example.com/es/ayuda",
            "Ok",
        ] {
            assert_eq!(identify(text), Detected::Unknown, "{text}");
        }
    }

    #[test]
    fn other_languages() {
        let cases = [
            ("Hola, gracias por escribirnos. Su pedido ya está en camino.", "es"),
            ("¿Me puedes dar el número de pedido?", "es"),
            ("Vielen Dank für Ihre Geduld, wir melden uns bald.", "de"),
            ("Grazie mille, il tuo ordine è stato spedito oggi.", "it"),
            ("Obrigado pelo contato, o seu pedido já foi enviado.", "pt"),
            ("Bedankt voor je bericht, we kijken het meteen na.", "nl"),
            ("Dziękujemy za cierpliwość, paczka jest już w drodze.", "pl"),
            ("Tack för ditt meddelande, vi hör av oss snart.", "sv"),
            ("Tak for din besked, vi vender tilbage hurtigst muligt.", "da"),
            ("Siparişiniz bugün kargoya verildi, teşekkür ederiz.", "tr"),
            ("Vă mulțumim, comanda a fost expediată astăzi.", "ro"),
            ("Спасибо за обращение, ваш заказ уже в пути.", "ru"),
            ("Дякуємо, ваше замовлення вже в дорозі.", "uk"),
            ("ご注文ありがとうございます。", "ja"),
            ("感谢您的耐心等待。", "zh"),
            ("주문해 주셔서 감사합니다.", "ko"),
            ("Ευχαριστούμε για την υπομονή σας.", "el"),
            ("MUCHAS GRACIAS POR SU PACIENCIA", "es"),
            ("TEŞEKKÜRLER, SİPARİŞİNİZ YOLDA", "tr"),
        ];
        for (text, code) in cases {
            assert_eq!(identify(text), Detected::Other(code), "{text}");
            assert_eq!(identify(text).code(), Some(code));
        }
    }

    #[test]
    fn english_and_french_with_foreign_words_stay_checked() {
        let english = [
            "Thanks!",
            "Merci for your patience, we really appreciate it!",
            "Gracias, Maria! We'll sort this out for you right away.",
            "Ciao for now, and thanks again for your order.",
            "Hello Señora Martínez, your booking in Barcelona is confirmed.",
            "Hi Jürgen, your Bosch dishwasher part is on backorder.",
            "Enjoy your new Fjällräven backpack!",
            "Your order from El Corte Inglés has been dispatched.",
            "@maria_lopez Hi Maria, please DM us https://example.es/ayuda/pedidos",
            "WHERE IS MY ORDER???",
            "Hi {{nombre}}, your order {{pedido}} is ready.",
            "Hi Dolores, gracias for the photos! We'll send a new one.",
            "Deliver to Hauptstraße 5, 10115 Berlin, bei Müller.",
            "Danke schön, Herr Schmidt, for the quick reply.",
            "Thanks Łukasz, your refund is on its way.",
            "Hi Şebnem, we've sent the İstanbul voucher to your email.",
            "Your order of Sauerkraut, Bratwurst und Brezeln is on its way!",
            "Hi, wie geht's? Just kidding, how can we help you today?",
            "The Sagrada Família tour starts at 10:00 at Carrer de Mallorca 401.",
        ];
        for text in english {
            assert_eq!(identify(text), Detected::Checked(Lang::En), "{text}");
        }
        let french = [
            "Merci beaucoup !",
            "Merci",
            "Nous ne livrons pas le week-end.",
            "Check ton email, on t'a envoyé le lien.",
            "Bonjour Señor García, votre commande de Barcelone est bien arrivée.",
            "Grazie ! Merci à vous, bonne journée.",
            "JE VEUX ÊTRE REMBOURSÉ",
            "bonsoir, ici Julie du service client. que puis je faire pour vous ?",
            "Vous trouverez le menu : antipasti, risotto ai funghi, panna cotta.",
            "Un grand merci à Giovanni e Francesca pour leur aide !",
            "Votre séjour à l'Hotel Vier Jahreszeiten Kempinski est confirmé.",
            "C'est noté, buen viaje !",
        ];
        for text in french {
            assert_eq!(identify(text), Detected::Checked(Lang::Fr), "{text}");
        }
    }

    #[test]
    fn initials_and_contractions_are_no_foreign_words() {
        // The Czech "s", the Polish "w" and "z" are one letter long, like initials and the tail of "it's".
        for text in [
            "It's S from billing, see K.",
            "@support what's the ETA on order Z W 12?",
            "Plan B or plan C, it's up to you.",
        ] {
            assert!(
                !matches!(identify(text), Detected::Other(_)),
                "{text}: {:?}",
                identify(text)
            );
        }
    }

    #[test]
    fn a_few_foreign_words_are_not_enough() {
        for text in ["Gracias!", "Danke schön", "Ciao!", "Obrigado", "Tack!", "Hola Juan"] {
            assert_ne!(
                identify(text).code().filter(|c| !["en", "fr"].contains(c)),
                Some("es"),
                "{text}"
            );
            assert!(
                !matches!(identify(text), Detected::Other(_)),
                "{text}: {:?}",
                identify(text)
            );
        }
    }

    #[test]
    fn other_scripts_inside_english_stay_english() {
        assert_eq!(
            identify("Your 抹茶ラテ set (matcha latte) ships on Monday, thanks!"),
            Detected::Checked(Lang::En)
        );
        assert_eq!(
            identify("Thanks Дмитрий, your refund is on its way."),
            Detected::Checked(Lang::En)
        );
    }

    #[test]
    fn names_and_codes() {
        assert_eq!(language_name("es"), Some("Spanish"));
        assert_eq!(language_name("uk"), Some("Ukrainian"));
        assert_eq!(language_name("xx"), None);
        assert_eq!(recognised_languages().take(2).collect::<Vec<_>>(), ["en", "fr"]);
        for code in recognised_languages() {
            assert_eq!(code.len(), 2, "{code} is an ISO 639-1 code");
        }
        assert_eq!(LANGUAGES.len(), N);
        for (i, code) in [
            (EN, "en"),
            (FR, "fr"),
            (ES, "es"),
            (DE, "de"),
            (CA, "ca"),
            (HU, "hu"),
            (NO, "no"),
        ] {
            assert_eq!(LANGUAGES[i].code, code);
        }
    }

    /// The words of `src/lang/NAME.txt` (`#` starts a comment line).
    fn word_list(name: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/lang/{name}.txt"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(str::to_string)
            .collect()
    }

    /// Regenerates `src/lang/words_codegen.rs` from the word lists and fails when it was stale.
    #[test]
    fn word_table_is_current() {
        let mut table = std::collections::BTreeMap::<String, u32>::new();
        for (i, language) in LANGUAGES.iter().enumerate() {
            for word in word_list(&format!("words/{}", language.code)) {
                *table.entry(word).or_default() |= 1 << i;
            }
        }
        for (vote, bit) in [("vote/en", VOTE_EN), ("vote/fr", VOTE_FR)] {
            for word in word_list(vote) {
                *table.entry(word).or_default() |= bit;
            }
        }
        let mut generated = String::from(
            "// Generated by `cargo test --lib lang::tests::word_table_is_current` from src/lang/words/*.txt (bit i: \
             LANGUAGES[i] in src/lang.rs) and src/lang/vote/*.txt (bits 30, 31); do not edit by hand.\n#[rustfmt::skip]\npub static WORDS: &[(&str, u32)] = &[\n",
        );
        for (word, languages) in &table {
            generated.push_str(&format!("    ({word:?}, {languages:#x}),\n"));
        }
        generated.push_str("];\n");
        let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang/words_codegen.rs");
        if std::fs::read_to_string(&target).unwrap_or_default() != generated {
            std::fs::write(&target, generated).unwrap();
            panic!("src/lang/words_codegen.rs was stale and has been regenerated; run the tests again");
        }
    }

    #[test]
    fn word_lists_are_lower_case_and_all_listed() {
        for language in LANGUAGES {
            for word in word_list(&format!("words/{}", language.code)) {
                assert_eq!(word, word.to_lowercase(), "{} in {}", word, language.code);
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang/words");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let code = name.trim_end_matches(".txt");
            assert!(
                LANGUAGES.iter().any(|l| l.code == code),
                "{name} is in no entry of LANGUAGES"
            );
        }
    }
}
