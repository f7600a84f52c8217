//! The rules in force: built-in packs, user packs replacing rules by id, configured severities and parameters,
//! and the selection of rules by id or category.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use super::loader::{build_rule, langs_overlap, load_pack, RuleError};
use super::Rule;
use crate::model::{Category, Severity};

#[derive(Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Built-in channels, then those of user packs (a user channel with a built-in id replaces it).
    pub channels: Vec<super::Channel>,
    /// Categories the packs declare, built-in packs first (one with the id of an earlier one replaces it).
    pub categories: Vec<super::CategoryDef>,
}

/// A pack's text without its `[[rule.example]]` tables: each runs from its header to the next table header,
/// multi-line strings followed so that a line of an example's text never ends it early.
fn without_examples(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_example = false;
    let mut open_string: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if open_string.is_none() && line.starts_with('[') {
            in_example = line.trim_end().starts_with("[[rule.example]]");
        }
        for quotes in ["\"\"\"", "'''"] {
            if open_string.is_none_or(|open| open == quotes) && line.matches(quotes).count() % 2 == 1 {
                open_string = if open_string.is_some() { None } else { Some(quotes) };
            }
        }
        if !in_example {
            out.push_str(line);
        }
    }
    out
}

/// Whether the built-in rules are loaded with their examples (`tact test`, `tact explain` show them).
static EXAMPLES_NEEDED: AtomicBool = AtomicBool::new(true);

/// For the rest of the process, built-in rules are loaded without their `[[rule.example]]` tables: `tact check`
/// never reads them, and they are a third of the TOML to parse at start-up.
pub fn skip_examples() {
    EXAMPLES_NEEDED.store(false, Ordering::Relaxed);
}

impl RuleSet {
    /// The packs embedded in the binary.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        let examples = EXAMPLES_NEEDED.load(Ordering::Relaxed);
        for (path, text) in super::builtin_packs() {
            let text = if examples {
                Cow::Borrowed(*text)
            } else {
                Cow::Owned(without_examples(text))
            };
            let pack = super::lazy_regex::trusting(|| load_pack(path, &text))?;
            set.extend_channels(super::load_channels(path, &text)?);
            set.extend_categories(super::load_categories(path, &text)?);
            for rule in pack {
                if let Some(clash) = set
                    .rules
                    .iter()
                    .find(|r| r.id == rule.id && langs_overlap(&r.langs, &rule.langs))
                {
                    return Err(RuleError {
                        file: path.to_string(),
                        line: 1,
                        column: 1,
                        rule: Some(rule.id.to_string()),
                        message: format!("already defined in {}", clash.origin),
                    });
                }
                set.rules.push(rule);
            }
        }
        set.settle().map_err(|message| RuleError {
            file: "rules".to_string(),
            line: 1,
            column: 1,
            rule: None,
            message,
        })?;
        Ok(set)
    }

    /// Adds a user pack: its rules, channels and categories.
    pub fn add_pack(&mut self, pack: super::Pack) {
        self.extend(pack.rules);
        self.extend_channels(pack.channels);
        self.extend_categories(pack.categories);
    }

    /// Adds declared categories; one with the id of an existing one replaces it.
    pub fn extend_categories(&mut self, categories: Vec<super::CategoryDef>) {
        for category in categories {
            self.categories.retain(|c| c.id != category.id);
            self.categories.push(category);
        }
    }

    /// The declaration of a category, `None` for a built-in one.
    pub fn category(&self, id: Category) -> Option<&super::CategoryDef> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Once every pack is in and every rule configured: each rule takes its category's weight and opt-in flag, and
    /// a rule whose category no pack declares is refused.
    pub fn settle(&mut self) -> Result<(), String> {
        for rule in &mut self.rules {
            if rule.category.is_builtin() {
                continue;
            }
            let Some(category) = self.categories.iter().find(|c| c.id == rule.category) else {
                return Err(format!(
                    "{}: rule `{}`: category `{}` is not declared; add `[[category]] id = \"{}\"` to a rule pack",
                    rule.origin, rule.id, rule.category, rule.category
                ));
            };
            rule.opt_in = category.opt_in;
            rule.category_weight = category.weight;
        }
        Ok(())
    }

    /// Every category id the set knows: the built-in ones, then the declared ones.
    pub fn category_ids(&self) -> Vec<&'static str> {
        Category::ALL
            .iter()
            .chain(self.categories.iter().map(|c| &c.id))
            .map(|c| c.as_str())
            .collect()
    }

    /// Adds a user pack; a rule with the id of an existing one replaces every rule of that id.
    pub fn extend(&mut self, pack: Vec<Rule>) {
        let ids: Vec<_> = pack.iter().map(|r| r.id.clone()).collect();
        self.rules.retain(|r| !ids.contains(&r.id));
        self.rules.extend(pack);
    }

    /// Adds channels; one with the id of an existing channel replaces it.
    pub fn extend_channels(&mut self, channels: Vec<super::Channel>) {
        for channel in channels {
            self.channels.retain(|c| c.id != channel.id);
            self.channels.push(channel);
        }
    }

    /// The channel named `id`, or an error listing those there are.
    pub fn channel(&self, id: &str) -> Result<&super::Channel, String> {
        self.channels.iter().find(|c| c.id == id).ok_or_else(|| {
            let known: Vec<&str> = self.channels.iter().map(|c| c.id.as_str()).collect();
            format!("unknown channel `{id}` (expected one of: {})", known.join(", "))
        })
    }

    /// The first of `names` (rule ids or categories, as a selector takes them) that names nothing, as an error
    /// with the nearest rule id.
    pub fn unknown_names(&self, names: &[String]) -> Option<String> {
        names.iter().find_map(|name| match Selector::parse(name) {
            Err(err) => Some(err),
            Ok(Selector::Rule(id)) => self.unknown_rule(&id),
            Ok(Selector::Category(category)) if !category.is_builtin() => self.unknown_category(category.as_str()),
            Ok(_) => None,
        })
    }

    /// "unknown rule", with the nearest known id when one is close; `None` when the rule exists.
    pub fn unknown_rule(&self, id: &str) -> Option<String> {
        if self.contains_id(id) {
            return None;
        }
        let hint = did_you_mean(id, self.rules.iter().map(|r| &*r.id))
            .map_or_else(String::new, |near| format!("; did you mean `{near}`?"));
        Some(format!("unknown rule `{id}`{hint} (see `tact rules`)"))
    }

    /// "unknown category", listing the known ones and naming the nearest; `None` when the category exists.
    pub fn unknown_category(&self, name: &str) -> Option<String> {
        let known = self.category_ids();
        if known.contains(&name) {
            return None;
        }
        let hint = did_you_mean(name, known.iter().copied())
            .map_or_else(String::new, |near| format!("; did you mean `{near}`?"));
        Some(format!(
            "unknown category `{name}` (expected one of: {}){hint}",
            known.join(", ")
        ))
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.rules.iter().any(|r| &*r.id == id)
    }

    /// Applies `[rules."ID"]` from the configuration: `severity` (`off` removes the rule) and any parameter of the
    /// rule's kind, which rebuilds the rule with the merged table.
    pub fn configure(&mut self, id: &str, settings: &toml::Table) -> Result<(), String> {
        if !self.contains_id(id) {
            return Err(format!("no rule `{id}` to configure (see `tact rules`)"));
        }
        let mut severity = None;
        let mut params = toml::Table::new();
        for (key, value) in settings {
            if key == "severity" {
                let text = value.as_str().ok_or("`severity` must be a string")?;
                severity = Some(text.to_string());
            } else {
                params.insert(key.clone(), value.clone());
            }
        }
        if severity.as_deref() == Some("off") {
            self.rules.retain(|r| &*r.id != id);
            return Ok(());
        }
        let severity: Option<Severity> = severity.map(|s| s.parse()).transpose()?;
        for rule in self.rules.iter_mut().filter(|r| &*r.id == id) {
            if !params.is_empty() {
                let mut table = rule.table.clone();
                for (key, value) in &params {
                    if matches!(key.as_str(), "id" | "kind" | "category" | "example") {
                        return Err(format!(
                            "`{key}` of rule `{id}` cannot be configured; write a rule pack instead"
                        ));
                    }
                    table.insert(key.clone(), value.clone());
                }
                *rule = super::lazy_regex::compiling_eagerly(|| build_rule(&rule.origin.clone(), table))
                    .map_err(|e| e.message)?;
            }
            if let Some(severity) = severity {
                rule.severity = severity;
            }
        }
        Ok(())
    }
}

/// The closest known name to a mistyped one, when it is close enough to be what was meant.
pub fn did_you_mean<'a>(unknown: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|name| (strsim::normalized_damerau_levenshtein(unknown, name), name))
        .filter(|(similarity, _)| *similarity >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// A `--select` / `--ignore` entry: a rule id, a category, or `ALL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    All,
    Category(Category),
    Rule(String),
}

impl Selector {
    /// A selector as written; a category that is not built in is checked against the rule set by
    /// [`Selection::check_against`], once the packs that may declare it are loaded.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        let category = text.split_once('.').map_or(text, |(category, _)| category);
        let Some(parsed) = Category::named(category) else {
            let hint = did_you_mean(category, Category::ALL.iter().map(|c| c.as_str()))
                .map_or_else(String::new, |near| format!("; did you mean `{near}`?"));
            return Err(format!(
                "unknown category `{category}` (expected one of: {}, or one a rule pack declares){hint}",
                Category::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            ));
        };
        if text.contains('.') {
            Ok(Selector::Rule(text.to_string()))
        } else {
            Ok(Selector::Category(parsed))
        }
    }

    fn category(&self) -> Option<Category> {
        match self {
            Selector::All => None,
            Selector::Category(c) => Some(*c),
            Selector::Rule(id) => id.split_once('.').and_then(|(c, _)| Category::named(c)),
        }
    }

    /// How precisely this selector names `rule`: an id beats a category, which beats `ALL`.
    fn specificity(&self, rule: &Rule) -> Option<u8> {
        match self {
            Selector::All => Some(0),
            Selector::Category(c) if *c == rule.category => Some(1),
            Selector::Rule(id) if **id == *rule.id => Some(2),
            _ => None,
        }
    }
}

/// Which rules run. The most specific selector wins; on a tie, `ignore` wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// `None`: every rule.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    /// Ignored whatever else selects them: `ignore` of a matching `[[overrides]]` entry, like ruff's
    /// per-file-ignores.
    pub forced_ignore: Vec<Selector>,
}

impl Selection {
    pub fn enabled(&self, rule: &Rule) -> bool {
        if self.forced_ignore.iter().any(|s| s.specificity(rule).is_some()) {
            return false;
        }
        let best = |list: &[Selector]| list.iter().filter_map(|s| s.specificity(rule)).max();
        let selected = match &self.select {
            // An opt-in rule is never among the defaults: only a selector naming it (or `ALL`) turns it on.
            None if rule.opt_in => None,
            None => Some(0),
            Some(list) => best(list),
        }
        .max(best(&self.extend_select));
        match (selected, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }
}

impl Selection {
    /// Refuses a selector naming a category that no pack of `rules` declares (a typo would otherwise select
    /// nothing, silently).
    pub fn check_against(&self, rules: &RuleSet) -> Result<(), String> {
        let lists = [
            self.select.as_deref().unwrap_or_default(),
            &self.extend_select,
            &self.ignore,
            &self.forced_ignore,
        ];
        for selector in lists.into_iter().flatten() {
            let Some(category) = selector.category() else {
                continue;
            };
            if !category.is_builtin() && rules.category(category).is_none() {
                return Err(format!(
                    "unknown category `{category}` (expected one of: {})",
                    rules.category_ids().join(", ")
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt_in_set() -> RuleSet {
        let pack = "[[category]]\nid = 'house'\nopt_in = true\n\
                    [[rule]]\nid = 'house.x'\nkind = 'pattern'\nmessage = 'm'\npatterns = ['x']\n\
                    [[rule]]\nid = 'tone.y'\nkind = 'pattern'\nmessage = 'm'\npatterns = ['y']\n";
        let mut set = RuleSet::default();
        set.add_pack(super::super::Pack::load("house.toml", pack).expect("pack loads"));
        set.settle().expect("settles");
        set
    }

    fn enabled(set: &RuleSet, selection: &Selection) -> Vec<String> {
        set.rules
            .iter()
            .filter(|r| selection.enabled(r))
            .map(|r| r.id.to_string())
            .collect()
    }

    #[test]
    fn opt_in_rules_run_only_when_named() {
        let set = opt_in_set();
        let parse = |s: &str| Selector::parse(s).expect("selector parses");
        assert_eq!(enabled(&set, &Selection::default()), vec!["tone.y"]);
        let named = |list: &[&str]| Selection {
            extend_select: list.iter().map(|s| parse(s)).collect(),
            ..Selection::default()
        };
        assert_eq!(enabled(&set, &named(&["house"])), vec!["house.x", "tone.y"]);
        assert_eq!(enabled(&set, &named(&["house.x"])), vec!["house.x", "tone.y"]);
        let all = Selection {
            select: Some(vec![parse("ALL")]),
            ..Selection::default()
        };
        assert_eq!(enabled(&set, &all), vec!["house.x", "tone.y"]);
        assert!(named(&["house"]).check_against(&set).is_ok());
        let err = named(&["hous"]).check_against(&set).unwrap_err();
        assert!(
            err.contains("unknown category `hous`") && err.contains("house"),
            "{err}"
        );
        assert!(Selector::parse("Tone").is_err());
    }

    #[test]
    fn a_rule_of_an_undeclared_category_is_refused() {
        let pack = "[[rule]]\nid = 'legal.x'\nkind = 'pattern'\nmessage = 'm'\npatterns = ['x']\n";
        let mut set = RuleSet::default();
        set.add_pack(super::super::Pack::load("legal.toml", pack).expect("pack loads"));
        let err = set.settle().unwrap_err();
        assert!(
            err.starts_with("legal.toml: rule `legal.x`: category `legal` is not declared"),
            "{err}"
        );
    }

    #[test]
    fn examples_are_cut_at_the_next_table_only() {
        let text = "[[rule]]\nid = 'a'\n[[rule.example]]\ntext = '''\n[not a header]\nstill text'''\nexpect = 1\n[[rule]]\nid = 'b'\n";
        assert_eq!(without_examples(text), "[[rule]]\nid = 'a'\n[[rule]]\nid = 'b'\n");
    }

    #[test]
    fn builtin_packs_load_the_same_rules_without_examples() {
        for (path, text) in crate::engine::builtin_packs() {
            let full = load_pack(path, text).expect("pack loads");
            let lean = load_pack(path, &without_examples(text)).expect("pack loads without examples");
            let describe = |rules: &[super::super::Rule]| {
                rules
                    .iter()
                    .map(|r| {
                        let mut table = r.table.clone();
                        table.remove("example");
                        (r.id.to_string(), format!("{:?}", r.langs), table)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(describe(&full), describe(&lean), "{path}");
            assert!(lean.iter().all(|r| r.examples.is_empty()), "{path}");
        }
    }
}
