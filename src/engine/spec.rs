//! The TOML shape of a rule, before it is validated and compiled.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Keys every rule may carry, whatever its kind.
pub const COMMON_KEYS: &[&str] = &[
    "id",
    "category",
    "kind",
    "severity",
    "lang",
    "roles",
    "authors",
    "channels",
    "owed",
    "formal",
    "message",
    "help",
    "weight",
    "example",
    "translations",
];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub category: Option<String>,
    pub kind: String,
    pub severity: Option<String>,
    pub lang: Option<Vec<String>>,
    pub roles: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
    pub channels: Option<Vec<String>>,
    pub owed: Option<String>,
    pub formal: Option<bool>,
    pub message: String,
    pub help: Option<String>,
    pub weight: Option<f32>,
    #[serde(default)]
    pub example: Vec<ExampleSpec>,
    /// `[rule.translations.fr]`: the message and help in another language, for drafts in it.
    pub translations: Option<BTreeMap<String, TranslationSpec>>,

    // Parameters; which ones a rule may set depends on its kind.
    pub patterns: Option<Vec<String>>,
    /// Literal words or phrases, matched whole and in any case (a list a team fills in: competitor names).
    pub terms: Option<Vec<String>>,
    pub exceptions: Option<Vec<String>>,
    pub unless: Option<Vec<String>>,
    pub group: Option<usize>,
    pub raw: Option<bool>,
    pub region: Option<String>,
    pub replacement: Option<String>,
    pub applicability: Option<String>,
    pub swap: Option<BTreeMap<String, String>>,
    pub case_sensitive: Option<bool>,
    pub position: Option<String>,
    pub within: Option<usize>,
    pub within_words: Option<usize>,
    pub min_sentences: Option<usize>,
    pub metric: Option<String>,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub groups: Option<Vec<GroupSpec>>,
    pub ignore_acronyms: Option<usize>,
    pub minutes: Option<f64>,
    pub hours: Option<f64>,
    pub days: Option<f64>,
    pub count: Option<usize>,
    pub tags: Option<Vec<String>>,
    pub promotional: Option<Vec<String>>,
    pub confusion: Option<Vec<ConfusionSpec>>,
    pub item: Option<Vec<ItemSpec>>,
    pub similarity: Option<f64>,
    pub min_words: Option<usize>,
    pub stopwords: Option<String>,
    pub generic: Option<Vec<String>>,
}

/// One thing an `asked-again` rule knows the customer can give (an order number, an e-mail address...): how an
/// outgoing message names it, and how a customer message shows it was given.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// What the diagnostic calls it, in the rule's language (`{item}`).
    pub name: String,
    /// Regexes over the outgoing message that name the item after a request.
    pub nouns: Vec<String>,
    /// Regexes over a customer message (as written, nothing masked) that show the item given.
    #[serde(default)]
    pub given: Vec<String>,
    /// Mask kinds whose presence in a customer message shows the item given: `email`, `url`, `reference`.
    #[serde(default)]
    pub masks: Vec<String>,
}

/// One context of a `confusion` rule: where a word of a confusion set is the wrong one, and what belongs there.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfusionSpec {
    /// The confusion set the context decides (`your-youre`), for messages and `tact explain`.
    pub set: String,
    /// Finds the wrong word by its neighbours: the group named `wrong`, else group 1.
    pub pattern: String,
    /// The word that belongs there; or `form`, a form of the wrong word confirmed by the dictionary.
    pub right: Option<String>,
    pub form: Option<String>,
    /// Forms the rules of `form` cannot derive: a table (`{ send = "sent" }`) or, for long lists, a string of pairs
    /// (`"send sent, take taken"`), much cheaper to parse; a word mapped to itself is never flagged.
    pub forms: Option<FormsSpec>,
    /// What decides it, in the rule's language: shown in every diagnostic.
    pub reason: String,
    pub applicability: Option<String>,
    /// Phrases in which the word is right: a match covering the wrong word cancels the finding.
    #[serde(default)]
    pub unless: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum FormsSpec {
    Table(BTreeMap<String, String>),
    Pairs(String),
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationSpec {
    pub message: String,
    pub help: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The draft; for a conversation example, `messages` instead.
    #[serde(default)]
    pub text: String,
    pub expect: usize,
    pub messages: Option<Vec<MessageSpec>>,
    /// Which message of `messages` is checked, 1-based (default: the last).
    pub message: Option<usize>,
    pub role: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    pub channel: Option<String>,
    /// Parameters the example is run with, merged over the rule's (a rule whose list a team fills in).
    pub with: Option<toml::Table>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    pub patterns: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageSpec {
    pub role: String,
    pub time: Option<String>,
    pub text: String,
    pub tag: Option<String>,
}
