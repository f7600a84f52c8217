//! `substitution`: a word or phrase with a preferred replacement ("pls" -> "please"), fixed in place.

use std::collections::HashMap;

use crate::engine::kinds::LazyRegex;

use super::{applicability, compile, compile_all, excepted, is_word_char, BuildError, KindDef};
use crate::diagnostic::{Applicability, Fix};
use crate::engine::spec::RuleSpec;
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "substitution",
    params: &["swap", "exceptions", "case_sensitive", "applicability"],
    build: |spec| Ok(Box::new(Substitution::build(spec)?)),
};

struct Substitution {
    /// `None`: an empty `swap`, a rule waiting for a team's list (a vocabulary's rejected terms).
    finder: Option<LazyRegex>,
    replacements: HashMap<String, String>,
    case_sensitive: bool,
    exceptions: Vec<LazyRegex>,
    applicability: Applicability,
}

impl Substitution {
    fn build(spec: &RuleSpec) -> Result<Substitution, BuildError> {
        let swap = spec.swap.as_ref().ok_or_else(|| {
            BuildError::key(
                "swap",
                "a substitution rule needs a `swap` table of phrase = \"replacement\"",
            )
        })?;
        let case_sensitive = spec.case_sensitive.unwrap_or(false);
        let mut keys: Vec<&String> = swap.keys().filter(|k| !k.trim().is_empty()).collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let alternation = keys
            .iter()
            .map(|k| regex::escape(k.trim()))
            .collect::<Vec<_>>()
            .join("|");
        let flags = if case_sensitive { "" } else { "(?i)" };
        let finder = if keys.is_empty() {
            None
        } else {
            Some(compile(&format!("{flags}(?:{alternation})"))?)
        };
        let replacements = swap
            .iter()
            .map(|(k, v)| {
                (
                    if case_sensitive {
                        k.trim().to_string()
                    } else {
                        k.trim().to_lowercase()
                    },
                    v.clone(),
                )
            })
            .collect();
        Ok(Substitution {
            finder,
            replacements,
            case_sensitive,
            exceptions: compile_all(spec.exceptions.as_ref())?,
            applicability: applicability(spec, Applicability::Safe)?,
        })
    }
}

/// "Pls" -> "Please": an initial capital carries over to the replacement.
fn match_case(found: &str, replacement: &str) -> String {
    let starts_upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

impl Check for Substitution {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = doc.masked.as_str();
        let Some(finder) = &self.finder else {
            return;
        };
        for m in finder.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let joined = |c: Option<char>| c.is_some_and(|c| is_word_char(c) || c == '\'' || c == '’' || c == '-');
            if joined(before) || joined(after) {
                continue;
            }
            if excepted(doc, &self.exceptions, m.start()) {
                continue;
            }
            let key = if self.case_sensitive {
                m.as_str().to_string()
            } else {
                m.as_str().to_lowercase()
            };
            let Some(replacement) = self.replacements.get(&key) else {
                continue;
            };
            let replacement = match_case(m.as_str(), replacement);
            // "Github -> GitHub" matched in any case: the right spelling itself is not flagged.
            if m.as_str() == replacement {
                continue;
            }
            let fix = Fix::replace(m.range(), replacement.clone(), self.applicability);
            out.push(
                Finding::at(m.range())
                    .var("replacement", replacement.clone())
                    .with_fix(Some(fix)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::kinds::testing::{findings_for, flagged};
    use crate::model::{Lang, Role};

    const TXT: &str = r#"
        id = "grammar.txt-speak"
        kind = "substitution"
        message = "m"
        case_sensitive = true
        swap = { "u" = "you", "pls" = "please", "Pls" = "Please", "thx" = "thanks", "bcp" = "beaucoup", "dsl" = "désolé" }
    "#;

    #[test]
    fn whole_words_only_with_fixes() {
        let text = "Pls check ur inbox, u will see it. thx";
        assert_eq!(flagged(TXT, text, Lang::En), vec!["Pls", "u", "thx"]);
        let findings = findings_for(TXT, text, Lang::En, Role::Complete);
        assert_eq!(findings[0].fix.as_ref().unwrap().edits[0].replacement, "Please");
    }

    #[test]
    fn words_that_merely_contain_a_key_are_fine() {
        assert!(flagged(TXT, "A U-turn, you, thxx, umbrella, l'u", Lang::En).is_empty());
        assert_eq!(
            flagged(TXT, "Merci bcp, dsl pour le retard.", Lang::Fr),
            vec!["bcp", "dsl"]
        );
    }

    #[test]
    fn an_empty_swap_waits_for_a_list_and_a_casing_fix_leaves_the_right_casing() {
        let empty = "id = 'spelling.x'\nkind = 'substitution'\nmessage = 'm'\nswap = {}";
        assert!(flagged(empty, "Send an e-mail.", Lang::En).is_empty());
        let casing = "id = 'spelling.x'\nkind = 'substitution'\nmessage = 'm'\nswap = { Github = 'GitHub' }";
        assert_eq!(
            flagged(casing, "On GitHub, github and Github.", Lang::En),
            vec!["github", "Github"]
        );
    }

    #[test]
    fn case_insensitive_keeps_the_capital() {
        let spec = r#"
            id = "tone.x"
            kind = "substitution"
            message = "m"
            swap = { "no problem" = "happy to help" }
        "#;
        let findings = findings_for(spec, "No problem, done.", Lang::En, Role::Complete);
        assert_eq!(findings[0].fix.as_ref().unwrap().edits[0].replacement, "Happy to help");
    }
}
