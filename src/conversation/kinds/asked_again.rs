//! `asked-again`: an outgoing message asks the customer for something they already gave earlier in the
//! conversation (an order number, an e-mail address, a photo...). A request is a `patterns` match (“could you send”,
//! “what is your”) followed in its sentence by an item's `nouns`; the item was given when one of its `given` regexes
//! matches an earlier customer message as written, or when that message holds one of its `masks` (an e-mail
//! address, a link, an order number). A sentence matching `exceptions` (asking to *confirm* what was given) is fine.

use crate::document::{find_masks, MaskKind};
use crate::engine::kinds::{compile, compile_all, require_patterns, BuildError, KindDef, LazyRegex};
use crate::engine::{Check, Context, Finding, Target};

use crate::conversation::Speaker;

pub const KIND: KindDef = KindDef {
    name: "asked-again",
    params: &["patterns", "exceptions", "item"],
    build: |spec| {
        let items = spec
            .item
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|item| {
                let nouns = item.nouns.iter().map(|p| compile(p)).collect::<Result<Vec<_>, _>>()?;
                if nouns.is_empty() {
                    return Err(BuildError::key("item", format!("item `{}` needs `nouns`", item.name)));
                }
                let masks = item.masks.iter().map(|m| mask_kind(m)).collect::<Result<Vec<_>, _>>()?;
                let given = item.given.iter().map(|p| compile(p)).collect::<Result<Vec<_>, _>>()?;
                if given.is_empty() && masks.is_empty() {
                    return Err(BuildError::key(
                        "item",
                        format!("item `{}` needs `given` patterns or `masks`", item.name),
                    ));
                }
                Ok(Item {
                    name: item.name.clone(),
                    nouns,
                    given,
                    masks,
                })
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        if items.is_empty() {
            return Err(BuildError::key(
                "item",
                "an asked-again rule needs at least one `[[rule.item]]`",
            ));
        }
        Ok(Box::new(AskedAgain {
            requests: require_patterns(spec)?,
            exceptions: compile_all(spec.exceptions.as_ref())?,
            items,
        }))
    },
};

fn mask_kind(name: &str) -> Result<MaskKind, BuildError> {
    match name {
        "email" => Ok(MaskKind::Email),
        "url" => Ok(MaskKind::Url),
        "reference" => Ok(MaskKind::Reference),
        "handle" => Ok(MaskKind::Handle),
        other => Err(BuildError::key(
            "item",
            format!("unknown mask `{other}` (expected email, url, reference or handle)"),
        )),
    }
}

struct Item {
    name: String,
    nouns: Vec<LazyRegex>,
    given: Vec<LazyRegex>,
    masks: Vec<MaskKind>,
}

struct AskedAgain {
    requests: Vec<LazyRegex>,
    exceptions: Vec<LazyRegex>,
    items: Vec<Item>,
}

impl AskedAgain {
    /// The 1-based number of the latest customer message before `before` that gave `item`.
    fn given_in(&self, item: &Item, messages: &[crate::conversation::Message]) -> Option<usize> {
        messages.iter().enumerate().rev().find_map(|(i, m)| {
            if m.speaker != Speaker::Customer {
                return None;
            }
            let by_pattern = item.given.iter().any(|p| p.is_match(&m.text));
            let by_mask = !item.masks.is_empty() && find_masks(&m.text).iter().any(|k| item.masks.contains(&k.kind));
            (by_pattern || by_mask).then_some(i + 1)
        })
    }
}

impl Check for AskedAgain {
    fn target(&self) -> Target {
        Target::Outgoing
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(view) = cx.conversation else { return };
        let before = view.before();
        if !before.iter().any(|m| m.speaker == Speaker::Customer) {
            return;
        }
        let masked = cx.doc.masked.as_str();
        let mut reported: Vec<&str> = Vec::new();
        for sentence in &cx.doc.sentences {
            let text = &masked[sentence.clone()];
            if self.exceptions.iter().any(|e| e.is_match(text)) {
                continue;
            }
            let Some(request) = self
                .requests
                .iter()
                .filter_map(|p| p.find(text))
                .min_by_key(|m| m.start())
            else {
                continue;
            };
            // Every item named after the request; of two names that overlap ("votre adresse" inside "votre
            // adresse mail"), the longer one is what is asked.
            let after = &text[request.start()..];
            let named: Vec<(usize, std::ops::Range<usize>)> = self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let m = item
                        .nouns
                        .iter()
                        .filter_map(|n| n.find(after))
                        .min_by_key(|m| m.start())?;
                    Some((i, m.range()))
                })
                .collect();
            for (i, range) in &named {
                let overlapped = named.iter().any(|(j, other)| {
                    j != i
                        && other.start < range.end
                        && range.start < other.end
                        && (other.len() > range.len() || (other.len() == range.len() && j < i))
                });
                let item = &self.items[*i];
                if overlapped || reported.contains(&item.name.as_str()) {
                    continue;
                }
                let Some(given) = self.given_in(item, before) else {
                    continue;
                };
                reported.push(&item.name);
                let start = sentence.start + request.start();
                let end = start + range.end;
                out.push(
                    Finding::at(start..end)
                        .var("item", item.name.clone())
                        .var("given", given.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conversation::kinds::testing::{agent, conversation, flagged_messages};

    const SPEC: &str = r#"
id = 'context.asked-again'
kind = 'asked-again'
message = 'm'
patterns = ['(?i)\b(?:could|can) you (?:please )?(?:send|give)(?: us| me)?\b', '(?i)\bwhat(?:\x27s| is) your\b', '(?i)\bpouvez-vous (?:me |nous )?(?:communiquer|donner)\b']
exceptions = ['(?i)\bconfirm', '(?i)\bconfirmer\b']
[[item]]
name = 'order number'
nouns = ['(?i)\border (?:number|#)', '(?i)\bnuméro de commande\b']
given = ['(?i)\b(?:order|commande)\b\D{0,20}\d{4,}']
[[item]]
name = 'e-mail address'
nouns = ['(?i)\be-?mail(?: address)?\b', '(?i)\b(?:votre )?adresse (?:e-?)?mail\b']
masks = ['email']
[[item]]
name = 'address'
nouns = ['(?i)\byour address\b', '(?i)\bvotre adresse\b']
given = ['(?i)\bmy address is\b']
"#;

    #[test]
    fn a_number_the_customer_already_gave() {
        let c = conversation(&[
            (
                "customer",
                "2026-03-01T09:00:00Z",
                "Hi, order 482913 never arrived.",
                None,
            ),
            agent("Sorry to hear that! Could you send me your order number?"),
            agent("What's your e-mail address?"),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![1]);
    }

    #[test]
    fn confirming_or_asking_first_is_fine() {
        let c = conversation(&[
            (
                "customer",
                "2026-03-01T09:00:00Z",
                "Hi, order 482913 never arrived. Mail me at ana@example.com",
                None,
            ),
            agent("Could you confirm your order number is 482913 and your email is right?"),
            ("customer", "2026-03-01T09:06:00Z", "Yes.", None),
            agent("Thanks! We'll e-mail you today."),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "My parcel never arrived.", None),
            agent("Sorry! Could you send me your order number?"),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }

    #[test]
    fn only_the_customer_gives_and_only_before_the_request() {
        let c = conversation(&[
            ("customer", "2026-03-01T09:00:00Z", "Hi, my parcel is late.", None),
            agent("Is it order 482913? What's your e-mail address?"),
            ("customer", "2026-03-01T09:06:00Z", "ana@example.com, and yes.", None),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }

    #[test]
    fn the_longer_name_wins_and_french_requests_count() {
        let c = conversation(&[
            (
                "customer",
                "2026-03-01T09:00:00Z",
                "Bonjour, mon adresse est ana@example.fr",
                None,
            ),
            agent("Bonjour, pouvez-vous me communiquer votre adresse mail ?"),
        ]);
        assert_eq!(flagged_messages(SPEC, &c), vec![1]);
        // Only the e-mail was given: asking for the postal address is a new question.
        let c = conversation(&[
            (
                "customer",
                "2026-03-01T09:00:00Z",
                "Bonjour, écrivez-moi à ana@example.fr",
                None,
            ),
            agent("Bonjour, pouvez-vous me communiquer votre adresse postale ?"),
        ]);
        assert!(flagged_messages(SPEC, &c).is_empty());
    }
}
