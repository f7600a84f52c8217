//! Channels: where a draft is sent, and what a message owes there (greeting, closing, length, messaging policy).
//! Channels are data: `[[channel]]` tables in a rule pack (the built-in ones in `rules/common/channels.toml`), so a
//! team adds one without touching code.

use serde::Deserialize;

use super::lazy_regex::LazyRegex;
use super::loader::{parse_pack, table_spec, RuleError};
use crate::model::Role;

#[derive(Debug)]
pub struct Channel {
    pub id: String,
    /// How messages name it: "Messenger", "a public social reply".
    pub name: String,
    pub description: String,
    /// The roles whose message owes a greeting or an acknowledgement.
    pub greeting: Vec<Role>,
    /// The roles whose message owes a closing.
    pub closing: Vec<Role>,
    /// What a customer may receive in one message, in characters.
    pub max_chars: Option<usize>,
    /// What one link counts for against `max_chars` (X/Twitter counts every link as 23); `None`: its length.
    pub link_chars: Option<usize>,
    /// Whether the handles a reply starts with count against `max_chars` (X/Twitter does not count them).
    pub leading_handles_count: bool,
    /// Characters of one segment (SMS): a longer draft is sent, and billed, as several.
    pub segment_chars: Option<usize>,
    /// Messenger's 24-hour window and message tags apply.
    pub messaging_window: bool,
    /// A one-line message of at most this many words is a conversational turn ("oui bien sûr", "ok, one moment"):
    /// rules of written register (`formal = true`) leave it alone.
    pub casual_turn_words: Option<usize>,
    /// What else ends a message properly here (a hand-off to a private channel on a public one).
    pub endings: Vec<LazyRegex>,
    /// Where the channel was defined.
    pub origin: String,
}

impl Channel {
    /// The profile of a draft whose channel nobody named: it may be sent anywhere, so it owes what the strictest
    /// common channel owes (a greeting and a closing, Messenger's length limit and policy).
    pub fn unspecified() -> &'static Channel {
        static UNSPECIFIED: std::sync::OnceLock<Channel> = std::sync::OnceLock::new();
        UNSPECIFIED.get_or_init(|| Channel {
            id: String::new(),
            name: "Messenger".into(),
            description: "No channel named: the reply may be sent anywhere.".into(),
            greeting: vec![Role::Complete, Role::First],
            closing: vec![Role::Complete, Role::Last],
            max_chars: Some(2000),
            link_chars: None,
            leading_handles_count: true,
            segment_chars: None,
            messaging_window: true,
            casual_turn_words: None,
            endings: Vec::new(),
            origin: String::new(),
        })
    }

    pub fn owes_greeting(&self, role: Role) -> bool {
        self.greeting.contains(&role)
    }

    pub fn owes_closing(&self, role: Role) -> bool {
        self.closing.contains(&role)
    }

    /// The draft's length as this channel counts it, in characters.
    pub fn length(&self, doc: &crate::document::Document<'_>) -> usize {
        use crate::document::MaskKind;
        let mut count = doc.text.chars().count();
        let mut leading = true;
        for mask in &doc.masks {
            // Only the first masks can be leading handles: once one is not, the text before the rest is not scanned.
            leading = leading
                && mask.kind == MaskKind::Handle
                && doc.text[..mask.range.start]
                    .split_whitespace()
                    .all(|w| w.starts_with('@'));
            let chars = doc.text[mask.range.clone()].chars().count();
            if leading && !self.leading_handles_count {
                let space = doc.text[mask.range.end..]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .count();
                count -= chars + space;
            } else if let (MaskKind::Url, Some(link)) = (mask.kind, self.link_chars) {
                count = count - chars + link;
            }
        }
        count
    }

    /// A one-line, one-sentence message short enough to be a conversational turn on this channel.
    pub fn is_casual_turn(&self, doc: &crate::document::Document<'_>) -> bool {
        self.casual_turn_words
            .is_some_and(|max| doc.sentences.len() == 1 && !doc.text.trim().contains('\n') && doc.words.len() <= max)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelSpec {
    id: String,
    name: Option<String>,
    description: Option<String>,
    #[serde(default)]
    greeting: Vec<String>,
    #[serde(default)]
    closing: Vec<String>,
    max_chars: Option<usize>,
    link_chars: Option<usize>,
    leading_handles_count: Option<bool>,
    segment_chars: Option<usize>,
    #[serde(default)]
    messaging_window: bool,
    casual_turn_words: Option<usize>,
    #[serde(default)]
    endings: Vec<String>,
}

#[derive(Deserialize)]
struct RawChannels {
    #[serde(default)]
    channel: Vec<toml::Spanned<toml::Table>>,
}

/// The `[[channel]]` tables of one pack.
pub fn load_channels(origin: &str, text: &str) -> Result<Vec<Channel>, RuleError> {
    if !text.contains("[[channel]]") {
        return Ok(Vec::new());
    }
    let raw: RawChannels = parse_pack(origin, text)?;
    let mut channels: Vec<Channel> = Vec::new();
    for table in raw.channel {
        let (at, spec): (usize, ChannelSpec) = table_spec(origin, text, "channel", table)?;
        let fail = |message: String| RuleError::at(origin, text, at, None, format!("channel `{}`: {message}", spec.id));
        if spec.id.is_empty()
            || !spec
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(fail("a channel id is lower-case letters, digits and dashes".into()));
        }
        if channels.iter().any(|c| c.id == spec.id) {
            return Err(fail("defined twice in this file".into()));
        }
        let roles = |list: &[String]| -> Result<Vec<Role>, RuleError> {
            list.iter().map(|r| r.parse::<Role>().map_err(&fail)).collect()
        };
        let endings = spec
            .endings
            .iter()
            .map(|p| LazyRegex::new(p).map_err(|e| fail(format!("invalid regex in `endings`: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        channels.push(Channel {
            greeting: roles(&spec.greeting)?,
            closing: roles(&spec.closing)?,
            description: spec.description.clone().unwrap_or_default(),
            name: spec.name.clone().unwrap_or_else(|| spec.id.clone()),
            max_chars: spec.max_chars,
            link_chars: spec.link_chars,
            leading_handles_count: spec.leading_handles_count.unwrap_or(true),
            segment_chars: spec.segment_chars,
            messaging_window: spec.messaging_window,
            casual_turn_words: spec.casual_turn_words,
            endings,
            origin: origin.to_string(),
            id: spec.id,
        });
    }
    Ok(channels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_load_from_pack_tables() {
        let pack = "[[channel]]\nid = \"kiosk\"\ngreeting = [\"complete\"]\nmax_chars = 120\nendings = ['(?i)bye']\n";
        let channels = load_channels("team/channels.toml", pack).unwrap();
        assert_eq!(channels.len(), 1);
        assert!(channels[0].owes_greeting(Role::Complete));
        assert!(!channels[0].owes_closing(Role::Complete));
        assert_eq!(channels[0].max_chars, Some(120));
    }

    #[test]
    fn bad_channels_name_the_file_and_line() {
        let err = load_channels("c.toml", "\n[[channel]]\nid = \"x\"\ngreeting = [\"boss\"]\n").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("c.toml", 2));
        assert!(err.message.contains("unknown role `boss`"), "{}", err.message);
        let err = load_channels("c.toml", "[[channel]]\nid = \"Messenger\"\n").unwrap_err();
        assert!(err.message.contains("lower-case"), "{}", err.message);
        let err = load_channels("c.toml", "[[channel]]\nid = \"x\"\nmax_char = 3\n").unwrap_err();
        assert!(err.message.contains("max_char"), "{}", err.message);
        let err = load_channels("c.toml", "[[channel]]\nid = \"x\"\nendings = ['(']\n").unwrap_err();
        assert!(err.message.contains("invalid regex"), "{}", err.message);
    }
}
