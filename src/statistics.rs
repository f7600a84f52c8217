//! `--statistics`: a run's own figures. Per rule, how often it fired; per category, the share of drafts it failed;
//! over conversations, what Messenger's responsiveness badge is judged on (the share of conversations answered and
//! the median time to the first response), overall and per page or brand.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::conversation::Conversation;
use crate::report::DraftReport;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Statistics {
    /// Diagnostics per rule, most frequent first.
    pub rules: Vec<RuleCount>,
    /// Drafts failed by each category (a diagnostic at or above the fail-on severity), most failing first.
    pub categories: Vec<CategoryShare>,
    /// `None` when the run read no conversation records.
    pub conversations: Option<Responsiveness>,
    /// The same figures per page or brand (a conversation record's `page`, `brand` or `page_id`), by name.
    pub pages: Vec<PageResponsiveness>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub severity: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryShare {
    pub category: String,
    pub drafts_failed: usize,
    /// Of every scored draft of the run, 0 to 1.
    pub share: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Responsiveness {
    pub conversations: usize,
    /// Conversations in which the customer wrote: the ones that can be answered.
    pub with_customer: usize,
    /// Of those, the ones with an outgoing message after the customer's first.
    pub answered: usize,
    /// `answered / with_customer`, 0 to 1; `None` without customer messages.
    pub answered_share: Option<f64>,
    /// Median time from the customer's first message to the first outgoing one after it, over answered
    /// conversations whose two times are known.
    pub median_first_response_seconds: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageResponsiveness {
    pub page: String,
    #[serde(flatten)]
    pub figures: Responsiveness,
}

impl Statistics {
    /// `conversations` are every conversation the run read, whether or not a report came of it (a customer who
    /// was never answered writes no draft).
    pub fn new(reports: &[DraftReport], conversations: &[Arc<Conversation>]) -> Statistics {
        let mut rules: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
        let mut drafts = 0;
        for report in reports {
            for d in &report.diagnostics {
                let entry = rules
                    .entry(&d.diagnostic.rule)
                    .or_insert((0, d.diagnostic.severity.as_str()));
                entry.0 += 1;
            }
            if report.score.is_none() {
                continue;
            }
            drafts += 1;
            let mut failing: Vec<&str> = report
                .diagnostics
                .iter()
                .filter(|d| report.fail_on.fails(d.diagnostic.severity))
                .map(|d| d.diagnostic.category.as_str())
                .collect();
            failing.sort_unstable();
            failing.dedup();
            for category in failing {
                *categories.entry(category).or_default() += 1;
            }
        }
        let mut rules: Vec<RuleCount> = rules
            .into_iter()
            .map(|(rule, (count, severity))| RuleCount {
                rule: rule.to_string(),
                severity: severity.to_string(),
                count,
            })
            .collect();
        rules.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        let mut categories: Vec<CategoryShare> = categories
            .into_iter()
            .map(|(category, failed)| CategoryShare {
                category: category.to_string(),
                drafts_failed: failed,
                share: ratio(failed, drafts).unwrap_or(0.0),
            })
            .collect();
        categories.sort_by(|a, b| {
            b.drafts_failed
                .cmp(&a.drafts_failed)
                .then_with(|| a.category.cmp(&b.category))
        });

        let facts: Vec<(Option<&str>, Facts)> = conversations
            .iter()
            .map(|c| (c.page.as_deref(), Facts::of(c)))
            .collect();
        let overall = (!facts.is_empty()).then(|| Responsiveness::of(facts.iter().map(|(_, f)| f)));
        let mut by_page: BTreeMap<&str, Vec<&Facts>> = BTreeMap::new();
        for (page, fact) in &facts {
            if let Some(page) = page {
                by_page.entry(page).or_default().push(fact);
            }
        }
        let pages = by_page
            .into_iter()
            .map(|(page, facts)| PageResponsiveness {
                page: page.to_string(),
                figures: Responsiveness::of(facts.into_iter()),
            })
            .collect();
        Statistics {
            rules,
            categories,
            conversations: overall,
            pages,
        }
    }
}

/// What one conversation says about responsiveness.
struct Facts {
    with_customer: bool,
    answered: bool,
    first_response: Option<i64>,
}

impl Facts {
    fn of(conversation: &Conversation) -> Facts {
        let messages = &conversation.messages;
        let Some(first) = messages.iter().position(|m| !m.speaker.is_outgoing()) else {
            return Facts {
                with_customer: false,
                answered: false,
                first_response: None,
            };
        };
        let reply = messages[first + 1..].iter().find(|m| m.speaker.is_outgoing());
        Facts {
            with_customer: true,
            answered: reply.is_some(),
            first_response: reply
                .and_then(|reply| Some(reply.time? - messages[first].time?))
                .filter(|seconds| *seconds >= 0),
        }
    }
}

impl Responsiveness {
    fn of<'f>(facts: impl Iterator<Item = &'f Facts>) -> Responsiveness {
        let mut figures = Responsiveness::default();
        let mut times = Vec::new();
        for fact in facts {
            figures.conversations += 1;
            figures.with_customer += usize::from(fact.with_customer);
            figures.answered += usize::from(fact.answered);
            times.extend(fact.first_response);
        }
        figures.answered_share = ratio(figures.answered, figures.with_customer);
        figures.median_first_response_seconds = median(&mut times);
        figures
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 0 {
        (values[middle - 1] + values[middle]) as f64 / 2.0
    } else {
        values[middle] as f64
    })
}

/// A duration as people read it: `45 s`, `3 min 12 s`, `2 h 05 min`, `3 d 4 h`.
pub fn human_duration(seconds: f64) -> String {
    let total = seconds.round() as i64;
    let (days, hours, minutes, secs) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60);
    if days > 0 {
        format!("{days} d {hours} h")
    } else if hours > 0 {
        format!("{hours} h {minutes:02} min")
    } else if minutes > 0 {
        format!("{minutes} min {secs:02} s")
    } else {
        format!("{secs} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{parse_rfc3339, Message, Speaker};

    fn conversation(page: Option<&str>, messages: &[(Speaker, &str)]) -> Arc<Conversation> {
        Arc::new(Conversation {
            id: None,
            page: page.map(str::to_string),
            messages: messages
                .iter()
                .map(|(speaker, time)| Message {
                    speaker: *speaker,
                    time: parse_rfc3339(time),
                    time_text: Some(time.to_string()),
                    text: String::new(),
                    tag: None,
                })
                .collect(),
        })
    }

    #[test]
    fn answered_share_and_median_first_response_per_page() {
        use Speaker::{Agent, Customer};
        let conversations = [
            // Answered after 2 minutes (the second customer message does not restart the clock).
            conversation(
                Some("shop"),
                &[
                    (Customer, "2026-03-01T09:00:00Z"),
                    (Customer, "2026-03-01T09:01:00Z"),
                    (Agent, "2026-03-01T09:02:00Z"),
                ],
            ),
            // Answered after 10 minutes.
            conversation(
                Some("shop"),
                &[(Customer, "2026-03-01T10:00:00Z"), (Agent, "2026-03-01T10:10:00Z")],
            ),
            // Never answered.
            conversation(Some("bank"), &[(Customer, "2026-03-01T11:00:00Z")]),
            // Started by the business: nothing to answer.
            conversation(None, &[(Agent, "2026-03-01T12:00:00Z")]),
        ];
        let statistics = Statistics::new(&[], &conversations);
        let overall = statistics.conversations.unwrap();
        assert_eq!(
            (overall.conversations, overall.with_customer, overall.answered),
            (4, 3, 2)
        );
        assert_eq!(overall.answered_share, Some(0.6667));
        assert_eq!(overall.median_first_response_seconds, Some(360.0));
        assert_eq!(statistics.pages.len(), 2);
        assert_eq!(statistics.pages[0].page, "bank");
        assert_eq!(statistics.pages[0].figures.answered_share, Some(0.0));
        assert_eq!(statistics.pages[1].figures.median_first_response_seconds, Some(360.0));
        assert_eq!(human_duration(360.0), "6 min 00 s");
        assert_eq!(human_duration(7_500.0), "2 h 05 min");
    }
}
