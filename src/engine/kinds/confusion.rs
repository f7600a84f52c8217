//! `confusion`: real-word errors, a correctly spelled word in the place of another ("your welcome", "turn of the
//! router", "notre service à bien reçu"). A rule lists contexts: a regex that finds the wrong word by its neighbours,
//! the word that belongs there, and why. Where a list of words would never end (every verb of the language), a
//! context names a word class or a word form, and the Hunspell dictionary of the draft's language decides: "log"
//! has the past participle "logged", "envoyé" is a form of the verb "envoyer", "premier" is not a verb because
//! "premiers" is a word. Patterns are gated by their needles like every rule regex, so a draft without "your" never
//! compiles the your/you're contexts, and the dictionary is only asked about words a pattern has already found.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::{compile, BuildError, KindDef, LazyRegex};
use crate::diagnostic::{Applicability, Fix};
use crate::document::Document;
use crate::engine::spec::{ConfusionSpec, FormsSpec, RuleSpec};
use crate::engine::{Check, Context, Finding};
use crate::model::Lang;
use crate::spell::Dictionary;

pub const KIND: KindDef = KindDef {
    name: "confusion",
    params: &["confusion"],
    build: |spec| Ok(Box::new(Confusion::build(spec)?)),
};

/// A word class a named group of a pattern must belong to, judged with the dictionary (French).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A past participle of a verb in -er or -ir: "envoyé", "validées", "fini" (the verb is in the dictionary).
    Participle,
    /// An infinitive that is not also a noun or an adjective: "vérifier", "faire", but not "premier", "dîner".
    Infinitive,
    /// The `vous` form of a verb in -er: "cliquez", "attendez" (not "chez": "ché" is no participle).
    VousForm,
    /// A plural whose singular is a word too: "tarifs", "comptes" (not "colis", "prix").
    Plural,
}

impl Class {
    fn parse(name: &str) -> Option<Class> {
        match name {
            "participle" => Some(Class::Participle),
            "infinitive" => Some(Class::Infinitive),
            "vous_form" => Some(Class::VousForm),
            "plural" => Some(Class::Plural),
            _ => None,
        }
    }

    /// A group name is one class or several joined by `_or_` (`participle_or_infinitive`).
    fn parse_any(name: &str) -> Option<Vec<Class>> {
        name.split("_or_").map(Class::parse).collect()
    }
}

/// Whether a group name marks the wrong word: `wrong`, `wrong2`... (one per alternative of the pattern).
fn is_wrong_group(name: &str) -> bool {
    name.strip_prefix("wrong")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// A form of the wrong word that belongs in its place, derived by rule and kept only if the dictionary knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// English past participle of a regular verb: log -> logged, update -> updated, apply -> applied.
    EnPastParticiple,
    /// French infinitive of a participle or a `vous` form: envoyé -> envoyer, vérifiez -> vérifier.
    FrInfinitive,
    /// French past participle of an infinitive: envoyer -> envoyé, finir -> fini.
    FrPastParticiple,
    /// French `vous` form: souhaiter -> souhaitez, souhaité -> souhaitez.
    FrVous,
    /// French plural of an adjective or participle: désolé -> désolés.
    FrPlural,
    /// French present of the verb a noun comes from: impact -> impacte (`n'impact` -> `n'impacte`).
    FrPresent,
}

impl Form {
    fn parse(name: &str) -> Option<Form> {
        match name {
            "en-past-participle" => Some(Form::EnPastParticiple),
            "fr-infinitive" => Some(Form::FrInfinitive),
            "fr-past-participle" => Some(Form::FrPastParticiple),
            "fr-vous-form" => Some(Form::FrVous),
            "fr-plural" => Some(Form::FrPlural),
            "fr-present" => Some(Form::FrPresent),
            _ => None,
        }
    }
}

enum Right {
    Word(String),
    Form(Form),
}

/// Which capture group is the wrong word and which must belong to a word class; read from the pattern's syntax the
/// first time it matches, so that loading the rules parses nothing.
#[derive(Debug, Default)]
struct Groups {
    /// The groups that may hold the wrong word, in order: the first one taking part in a match holds it (0, the
    /// whole match, when the pattern has none).
    wrong: Vec<usize>,
    classes: Vec<(usize, Vec<Class>)>,
}

struct Cue {
    set: String,
    pattern: LazyRegex,
    right: Right,
    /// Lowercase word -> its form, from `forms`.
    forms: BTreeMap<String, String>,
    /// The forms themselves, lowercase: words already in the form a context asks for ("sent", "found").
    formed: Vec<String>,
    reason: String,
    applicability: Applicability,
    unless: Vec<LazyRegex>,
    groups: OnceLock<Groups>,
    needles: OnceLock<Needles>,
}

/// Strings a match of a context's pattern must contain (`engine::needles`): from the generated table for built-in
/// patterns, read from the pattern otherwise.
enum Needles {
    Table(crate::engine::needles::Builtin),
    Computed(Vec<Vec<String>>),
}

struct Confusion {
    cues: Vec<Cue>,
}

/// Group names in a pattern (`(?P<name>` or `(?<name>`), without parsing it.
fn group_names(pattern: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for (at, _) in pattern.match_indices("(?") {
        let rest = &pattern[at + 2..];
        let rest = rest.strip_prefix('P').unwrap_or(rest);
        let escaped = pattern[..at].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1;
        if let (false, Some(name)) = (escaped, rest.strip_prefix('<')) {
            if let Some(end) = name.find('>') {
                names.push(&name[..end]);
            }
        }
    }
    names
}

fn read_groups(pattern: &str) -> Groups {
    use regex_syntax::ast::{Ast, GroupKind};
    fn walk(ast: &Ast, out: &mut Vec<(u32, Option<String>)>) {
        match ast {
            Ast::Group(group) => {
                match &group.kind {
                    GroupKind::CaptureIndex(index) => out.push((*index, None)),
                    GroupKind::CaptureName { name, .. } => out.push((name.index, Some(name.name.clone()))),
                    GroupKind::NonCapturing(_) => {}
                }
                walk(&group.ast, out);
            }
            Ast::Repetition(repetition) => walk(&repetition.ast, out),
            Ast::Alternation(alternation) => alternation.asts.iter().for_each(|a| walk(a, out)),
            Ast::Concat(concat) => concat.asts.iter().for_each(|a| walk(a, out)),
            _ => {}
        }
    }
    let mut captures = Vec::new();
    if let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) {
        walk(&ast, &mut captures);
    }
    let index = |i: u32| usize::try_from(i).unwrap_or(0);
    let mut wrong: Vec<usize> = captures
        .iter()
        .filter(|(i, name)| name.as_deref().map_or(*i == 1, is_wrong_group))
        .map(|(i, _)| index(*i))
        .collect();
    wrong.sort_unstable();
    if wrong.is_empty() {
        wrong.push(0);
    }
    let classes = captures
        .iter()
        .filter_map(|(i, name)| Some((index(*i), Class::parse_any(name.as_deref()?)?)))
        .collect();
    Groups { wrong, classes }
}

impl Cue {
    fn build(spec: &ConfusionSpec, at: usize) -> Result<Cue, BuildError> {
        let context = |message: String| BuildError {
            message: format!("`confusion` entry {} (set `{}`): {message}", at + 1, spec.set),
            key: None,
            literal: Some(spec.pattern.clone()),
        };
        if spec.set.is_empty() || !spec.set.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err(context("`set` must be a name such as `your-youre`".into()));
        }
        if spec.reason.trim().is_empty() {
            return Err(context("`reason` must say what decides it".into()));
        }
        let right = match (&spec.right, &spec.form) {
            (Some(word), None) if !word.is_empty() => Right::Word(word.clone()),
            (None, Some(form)) => Right::Form(Form::parse(form).ok_or_else(|| {
                context(format!(
                    "unknown form `{form}` (expected en-past-participle, fr-infinitive, fr-past-participle, \
                     fr-vous-form, fr-plural or fr-present)"
                ))
            })?),
            _ => return Err(context("give either `right` (a word) or `form`".into())),
        };
        for name in group_names(&spec.pattern) {
            if !is_wrong_group(name) && Class::parse_any(name).is_none() {
                return Err(context(format!(
                    "unknown group `{name}` (expected `wrong` or a word class: participle, infinitive, vous_form, \
                     plural, or several joined by `_or_`)"
                )));
            }
        }
        let applicability = match spec.applicability.as_deref() {
            None => Applicability::Unsafe,
            Some(value) => value
                .parse()
                .map_err(|e: String| context(format!("applicability: {e}")))?,
        };
        let forms: BTreeMap<String, String> = match &spec.forms {
            None => BTreeMap::new(),
            Some(FormsSpec::Table(table)) => table.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect(),
            Some(FormsSpec::Pairs(pairs)) => pairs
                .split(',')
                .filter(|pair| !pair.trim().is_empty())
                .map(|pair| match pair.split_whitespace().collect::<Vec<_>>()[..] {
                    [word, form] => Ok((word.to_lowercase(), form.to_string())),
                    _ => Err(context(format!(
                        "`forms`: `{}` is not a pair `word form` (pairs are separated by commas)",
                        pair.trim()
                    ))),
                })
                .collect::<Result<_, _>>()?,
        };
        let formed = forms.values().map(|v| v.to_lowercase()).collect();
        Ok(Cue {
            set: spec.set.clone(),
            pattern: compile(&spec.pattern)?,
            right,
            forms,
            formed,
            reason: spec.reason.trim().to_string(),
            applicability,
            unless: spec.unless.iter().map(|u| compile(u)).collect::<Result<_, _>>()?,
            groups: OnceLock::new(),
            needles: OnceLock::new(),
        })
    }

    /// False when the draft provably holds no match: one needle test is cheaper than one regex search with Unicode
    /// word boundaries.
    fn may_match(&self, text: &str) -> bool {
        let pattern = self.pattern.as_str();
        let needles = self
            .needles
            .get_or_init(|| match crate::engine::needles::builtin(pattern) {
                Some(builtin) => Needles::Table(builtin),
                None => Needles::Computed(crate::engine::needles::extract(
                    &crate::engine::lazy_regex::without_needless_case_folding(pattern),
                )),
            });
        match needles {
            Needles::Table(builtin) => builtin.all_present(text),
            Needles::Computed(sets) => crate::engine::needles::all_present(sets, text),
        }
    }

    /// Whether `wrong` is settled as right before anything costly (the `unless` regexes, the dictionary): it is
    /// already the word or the form this context asks for.
    fn already_right(&self, wrong: &str) -> bool {
        let lower = wrong.to_lowercase();
        match &self.right {
            Right::Word(word) => word.to_lowercase() == lower,
            Right::Form(form) => match self.forms.get(&lower) {
                Some(known) => known.to_lowercase() == lower,
                None => {
                    self.formed.contains(&lower)
                        // A past form already (checked, updated), but not a verb in -eed (proceed).
                        || (*form == Form::EnPastParticiple && lower.ends_with("ed") && !lower.ends_with("eed"))
                }
            },
        }
    }

    /// The word that belongs in place of `wrong`, `None` when the dictionary cannot confirm one.
    fn replacement(&self, wrong: &str, lang: Lang) -> Option<String> {
        let lower = wrong.to_lowercase();
        let right = match &self.right {
            Right::Word(word) => word.clone(),
            Right::Form(form) => match self.forms.get(&lower) {
                Some(known) => known.clone(),
                None => derive(*form, &lower, lang)?,
            },
        };
        (right.to_lowercase() != lower).then_some(right)
    }
}

impl Confusion {
    fn build(spec: &RuleSpec) -> Result<Confusion, BuildError> {
        let entries = spec.confusion.as_ref().filter(|c| !c.is_empty()).ok_or_else(|| {
            BuildError::key(
                "confusion",
                "a confusion rule needs `[[rule.confusion]]` entries (set, pattern, right or form, reason)",
            )
        })?;
        let cues = entries
            .iter()
            .enumerate()
            .map(|(at, entry)| Cue::build(entry, at))
            .collect::<Result<_, _>>()?;
        Ok(Confusion { cues })
    }
}

/// Whether the match from `start` to `end` stays in the sentence of `wrong`: a context is read within its sentence
/// (a line break ends one), though a pattern may begin with the punctuation that closes the sentence before.
fn within_sentence(doc: &Document<'_>, start: usize, end: usize, wrong: &Range<usize>) -> bool {
    let sentence = doc.sentence_at(wrong.start);
    if sentence.is_empty() || wrong.end > sentence.end || end > sentence.end {
        return false;
    }
    start >= sentence.start
        || !doc.masked[start..sentence.start]
            .chars()
            .any(|c| c.is_alphanumeric() || c == '_')
}

fn in_class(class: Class, word: &str, dict: &Dictionary) -> bool {
    let word = word.to_lowercase();
    let known = |w: &str| dict.check(w);
    match class {
        Class::Participle => PARTICIPLE_ENDINGS.iter().any(|(ending, infinitive)| {
            word.strip_suffix(ending)
                .filter(|stem| stem.chars().count() >= 2)
                .is_some_and(|stem| known(&word) && known(&format!("{stem}{infinitive}")))
        }),
        Class::Infinitive => {
            word.chars().count() >= 4
                && ["er", "ir", "re", "oir"].iter().any(|e| word.ends_with(e))
                && known(&word)
                && !known(&format!("{word}s"))
        }
        Class::VousForm => word
            .strip_suffix("ez")
            .filter(|stem| stem.chars().count() >= 2)
            .is_some_and(|stem| known(&word) && known(&format!("{stem}er")) && known(&format!("{stem}é"))),
        Class::Plural => word
            .strip_suffix(['s', 'x'])
            .filter(|stem| stem.chars().count() >= 2)
            .is_some_and(|stem| known(&word) && known(stem)),
    }
}

/// Endings of French past participles and of the infinitive they come from.
const PARTICIPLE_ENDINGS: &[(&str, &str)] = &[
    ("ées", "er"),
    ("és", "er"),
    ("ée", "er"),
    ("é", "er"),
    ("ies", "ir"),
    ("is", "ir"),
    ("ie", "ir"),
    ("i", "ir"),
];

/// The dictionary is asked only once a rule needs it: a draft whose contexts are settled without it does not wait
/// for the dictionary to load.
fn derive(form: Form, word: &str, lang: Lang) -> Option<String> {
    let known = |w: &str| crate::spell::dictionary(lang).is_some_and(|dict| dict.check(w));
    let stem_of = |ending: &str| word.strip_suffix(ending).filter(|s| s.chars().count() >= 2);
    match form {
        Form::EnPastParticiple => {
            let chars: Vec<char> = word.chars().collect();
            let vowel = |c: char| "aeiou".contains(c);
            let mut candidates = Vec::new();
            if let Some(stem) = word.strip_suffix('e') {
                candidates.push(format!("{stem}ed"));
            }
            if let [.., before, 'y'] = chars.as_slice() {
                if !vowel(*before) {
                    candidates.push(format!("{}ied", &word[..word.len() - 1]));
                }
            }
            // One consonant after one vowel doubles: log -> logged, ship -> shipped, cancel -> cancelled.
            if let [.., a, b, c] = chars.as_slice() {
                if !vowel(*a) && vowel(*b) && !vowel(*c) && !"wxy".contains(*c) {
                    candidates.push(format!("{word}{c}ed"));
                }
            }
            candidates.push(format!("{word}ed"));
            known(word).then(|| candidates.into_iter().find(|c| known(c))).flatten()
        }
        Form::FrInfinitive => PARTICIPLE_ENDINGS
            .iter()
            .chain(&[("ez", "er")])
            .find_map(|(ending, infinitive)| {
                let stem = stem_of(ending)?;
                let target = format!("{stem}{infinitive}");
                let participle = if *infinitive == "er" {
                    format!("{stem}é")
                } else {
                    format!("{stem}i")
                };
                (known(word) && known(&target) && known(&participle)).then_some(target)
            }),
        Form::FrPastParticiple => [("er", "é"), ("ir", "i")].iter().find_map(|(ending, participle)| {
            let stem = stem_of(ending)?;
            let target = format!("{stem}{participle}");
            (known(word) && known(&target) && !known(&format!("{word}s"))).then_some(target)
        }),
        Form::FrVous => ["er", "ée", "é"].iter().find_map(|ending| {
            let stem = stem_of(ending)?;
            let target = format!("{stem}ez");
            (known(word) && known(&target) && known(&format!("{stem}er"))).then_some(target)
        }),
        Form::FrPlural => {
            let target = format!("{word}s");
            (!word.ends_with(['s', 'x', 'z']) && known(word) && known(&target)).then_some(target)
        }
        Form::FrPresent => {
            let target = format!("{word}e");
            (word.chars().count() >= 3
                && known(word)
                && known(&format!("{word}s"))
                && known(&format!("{word}er"))
                && known(&target))
            .then_some(target)
        }
    }
}

/// The replacement written like the word it replaces: a capital carries over ("Its" -> "It's"), capitals stay
/// capitals, and the draft's own apostrophe is used.
fn written_like(wrong: &str, right: &str, text: &str) -> String {
    let mut letters = wrong.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let all_upper =
        first_upper && wrong.chars().filter(|c| c.is_alphabetic()).count() > 1 && letters.all(char::is_uppercase);
    let mut out = if all_upper {
        right.to_uppercase()
    } else if first_upper {
        let mut chars = right.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        right.to_string()
    };
    let curly = wrong.contains('’') || (text.contains('’') && !text.contains('\''));
    if curly {
        out = out.replace('\'', "’");
    }
    out
}

impl Check for Confusion {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = doc.masked.as_str();
        let mut flagged: Vec<Range<usize>> = Vec::new();
        for cue in &self.cues {
            // Most drafts hold none of a context's words: its needles say so faster than any regex search.
            if !cue.may_match(text) {
                continue;
            }
            for found in cue.pattern.captures_iter(text) {
                let groups = cue.groups.get_or_init(|| read_groups(cue.pattern.as_str()));
                let wrong = groups.wrong.iter().find_map(|g| found.get(*g));
                let (Some(whole), Some(wrong)) = (found.get(0), wrong) else {
                    continue;
                };
                let span = wrong.range();
                if span.is_empty()
                    || doc.is_masked(&span)
                    || flagged.iter().any(|f| f.start < span.end && span.start < f.end)
                    || !within_sentence(doc, whole.start(), whole.end(), &span)
                {
                    continue;
                }
                let written = &doc.text[span.clone()];
                if cue.already_right(written) {
                    continue;
                }
                if !cue.unless.is_empty() {
                    let sentence = doc.sentence_at(span.start);
                    let haystack = &text[sentence.clone()];
                    let covered = cue.unless.iter().any(|u| {
                        u.find_iter(haystack)
                            .any(|m| m.start() + sentence.start < span.end && span.start < m.end() + sentence.start)
                    });
                    if covered {
                        continue;
                    }
                }
                if !groups.classes.is_empty() {
                    let Some(dict) = crate::spell::dictionary(cx.lang) else {
                        continue;
                    };
                    let fits = groups.classes.iter().all(|(index, classes)| {
                        found
                            .get(*index)
                            .is_none_or(|word| classes.iter().any(|c| in_class(*c, word.as_str(), dict)))
                    });
                    if !fits {
                        continue;
                    }
                }
                let Some(right) = cue.replacement(written, cx.lang) else {
                    continue;
                };
                let right = written_like(written, &right, doc.text);
                let fix = Fix::replace(span.clone(), right.clone(), cue.applicability);
                let mut finding = Finding::at(span.clone())
                    .var("replacement", right.clone())
                    .var("reason", cue.reason.clone())
                    .var("set", cue.set.clone())
                    .with_fix(Some(fix));
                finding.suggestions = vec![right];
                out.push(finding);
                flagged.push(span);
            }
        }
        out.sort_by_key(|f| f.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kinds::testing::{findings_for, flagged, spec};
    use crate::model::Role;

    const EN: &str = r#"
        id = "grammar.confused-word"
        kind = "confusion"
        message = "{match} -> {replacement}: {reason}"

        [[confusion]]
        set = "your-youre"
        pattern = '(?i)\b(your)\s+(?:very\s+|most\s+)?welcome(?:\s*[,.!]|\s*$)'
        right = "you're"
        reason = "“you're” is “you are”"
        applicability = "safe"

        [[confusion]]
        set = "of-off"
        pattern = '(?i)\b(?:turn|switch|log)(?:ed|ing|s)?\s+(of)\b'
        right = "off"
        reason = "the particle is “off”"
        unless = ['(?i)\b(?:the|a)\s+(?:turn|log)\s+of\b']

        [[confusion]]
        set = "have-participle"
        pattern = '''(?i)\b(?:I|we)(?:['’]ve|\s+have)\s+(\p{L}+)\s+(?:the|your|this|it)\b'''
        form = "en-past-participle"
        forms = "send sent, put put, found found"
        reason = "after “have” the verb is a past participle"
        unless = ['(?i)\bhave\s+(?:time|access|room)\b']
    "#;

    const FR: &str = r#"
        id = "grammar.verb-form"
        kind = "confusion"
        message = "{match} -> {replacement}"

        [[confusion]]
        set = "infinitive-participle"
        pattern = '(?i)\b(?:pour|pouvez|devez|vais)\s+(?:(?:le|la|les|vous|nous)\s+)?(\p{L}+(?:é|ée|és|ées|ez))\b'
        form = "fr-infinitive"
        reason = "après une préposition ou un verbe modal, l'infinitif"

        [[confusion]]
        set = "a-à"
        pattern = '(?i)\b(à)\s+(?:bien\s+)?(?:été|reçu|(?P<participle>\p{L}+))\b'
        right = "a"
        reason = "« a » est le verbe avoir"
        unless = ['(?i)\btout à fait\b']

        [[confusion]]
        set = "nous-agreement"
        pattern = '(?i)\bnous\s+sommes\s+(?:vraiment\s+)?(\p{Ll}+(?:é|ée|i|t|ble))\b'
        form = "fr-plural"
        reason = "accord avec « nous »"
        unless = ['(?i)\bnous\s+sommes\s+(?:lundi|mardi|mi|fin)\b']

        [[confusion]]
        set = "noun-as-verb"
        pattern = '''(?i)\b(?:ne\s+|n['’])(\p{Ll}+)\b'''
        form = "fr-present"
        forms = { transfert = "transfère" }
        reason = "après « ne », un verbe"
    "#;

    #[test]
    fn english_contexts_flag_the_wrong_word_exactly() {
        let text = "Your welcome! Please turn of the router. I've log the issue.";
        assert_eq!(flagged(EN, text, Lang::En), vec!["Your", "of", "log"]);
        let findings = findings_for(EN, text, Lang::En, Role::Complete);
        let replacements: Vec<_> = findings
            .iter()
            .map(|f| f.fix.as_ref().unwrap().edits[0].replacement.clone())
            .collect();
        assert_eq!(replacements, ["You're", "off", "logged"]);
        assert_eq!(findings[0].fix.as_ref().unwrap().applicability, Applicability::Safe);
        assert_eq!(findings[2].fix.as_ref().unwrap().applicability, Applicability::Unsafe);
        assert_eq!(findings[0].suggestions, ["You're"]);
    }

    #[test]
    fn english_near_misses_stay_quiet() {
        for text in [
            "You're welcome! Please turn off the router.",
            "Your welcome pack is in the post.",
            "The log of your session is attached, the turn of the year is busy.",
            "I've put the order on hold and we have found the parcel.",
            "I've sent the label, we've updated your address.",
            "We have access to it.",
            "I have time this afternoon.",
        ] {
            assert!(flagged(EN, text, Lang::En).is_empty(), "{text}");
        }
    }

    #[test]
    fn irregular_forms_and_curly_apostrophes() {
        let findings = findings_for(EN, "We’ve check the account. I have send it.", Lang::En, Role::Complete);
        let replacements: Vec<_> = findings.iter().map(|f| f.suggestions[0].as_str()).collect();
        assert_eq!(replacements, ["checked", "sent"]);
        let findings = findings_for(EN, "your welcome, it’s done", Lang::En, Role::Complete);
        assert_eq!(findings[0].suggestions, ["you’re"]);
    }

    #[test]
    fn masked_text_and_other_sentences_are_left_alone() {
        assert!(flagged(EN, "> your welcome\nThanks!", Lang::En).is_empty());
        assert!(flagged(EN, "See https://example.com/turn-of-the-tide now.", Lang::En).is_empty());
        // A line break ends the context: "have" and "update" are in different sentences.
        assert!(flagged(EN, "Here is what we have\nupdate the app first.", Lang::En).is_empty());
    }

    #[test]
    fn french_verb_forms_from_the_dictionary() {
        let text = "Pour envoyé le colis, vous pouvez vérifiez l'adresse. Notre service à bien reçu votre demande.";
        assert_eq!(flagged(FR, text, Lang::Fr), vec!["envoyé", "vérifiez", "à"]);
        let findings = findings_for(FR, text, Lang::Fr, Role::Complete);
        let replacements: Vec<_> = findings.iter().map(|f| f.suggestions[0].as_str()).collect();
        assert_eq!(replacements, ["envoyer", "vérifier", "a"]);
    }

    #[test]
    fn french_near_misses_stay_quiet() {
        for text in [
            "Pour envoyer le colis, vous pouvez vérifier l'adresse.",
            "Le dépôt est à côté de la gare, c'est tout à fait normal.",
            "Nous sommes lundi, nous sommes mi-mars.",
            "Il ne faut pas s'inquiéter, ça ne part pas.",
            "Pour le café, merci.",
        ] {
            assert!(flagged(FR, text, Lang::Fr).is_empty(), "{text}");
        }
    }

    #[test]
    fn french_agreement_and_nouns_used_as_verbs() {
        let text = "Nous sommes vraiment désolé. Cette mise à jour n'impact pas vos données et ne transfert rien.";
        assert_eq!(flagged(FR, text, Lang::Fr), vec!["désolé", "impact", "transfert"]);
        let findings = findings_for(FR, text, Lang::Fr, Role::Complete);
        let replacements: Vec<_> = findings.iter().map(|f| f.suggestions[0].as_str()).collect();
        assert_eq!(replacements, ["désolés", "impacte", "transfère"]);
    }

    #[test]
    fn bad_entries_are_refused_with_their_set() {
        let build = |toml_text: &str| {
            let spec = spec(toml_text);
            Confusion::build(&spec).err().map(|e| e.message).unwrap_or_default()
        };
        let base = "id = 'grammar.x'\nkind = 'confusion'\nmessage = 'm'\n[[confusion]]\nset = 'a-b'\nreason = 'r'\n";
        assert!(build(&format!("{base}pattern = '(a)'\n")).contains("either `right`"));
        assert!(build(&format!("{base}pattern = '(a)'\nform = 'en-plural'\n")).contains("unknown form"));
        assert!(build(&format!("{base}pattern = '(?P<noun>a)'\nright = 'b'\n")).contains("unknown group `noun`"));
        assert!(build(&format!("{base}pattern = '(a)'\nright = 'b'\n")).is_empty());
        assert!(build(&format!(
            "{base}pattern = '(a)'\nform = 'fr-plural'\nforms = 'a b, c'\n"
        ))
        .contains("`c` is not a pair"));
        assert!(build("id = 'grammar.x'\nkind = 'confusion'\nmessage = 'm'\n").contains("[[rule.confusion]]"));
    }

    #[test]
    fn group_names_are_read_without_parsing() {
        assert_eq!(
            group_names(r"(?P<wrong>a)\s+(?<participle>b)\(?<x>"),
            vec!["wrong", "participle"]
        );
        let groups = read_groups(r"(?i)(?:x)(a)(?P<participle_or_infinitive>c)|(?P<wrong>b)|(?P<wrong2>d)");
        assert_eq!(groups.wrong, vec![1, 3, 4]);
        assert_eq!(groups.classes, vec![(2, vec![Class::Participle, Class::Infinitive])]);
        assert_eq!(read_groups(r"x(?P<wrong>y)(z)").wrong, vec![1]);
        assert_eq!(read_groups(r"xy").wrong, vec![0]);
        assert!(Class::parse_any("participle_or_noun").is_none());
    }
}
