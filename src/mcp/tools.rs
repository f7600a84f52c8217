//! The MCP tools, over the library entry points of `tact check` (`pipeline::check_source`, `fix_source`) and the
//! JSON renderer's serialization of a draft, so that a tool's diagnostics have exactly the fields of
//! `tact check --format json`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::config::{find_config, find_word_files, resolve, CliOverrides, Options, Resolved};
use crate::input::{InputFormat, ParseOptions, SourceFile};
use crate::model::{Author, Lang, Role};

/// The tools as `tools/list` describes them.
pub fn definitions() -> Value {
    let draft = json!({
        "text": {"type": "string", "description": "The draft, as it would be sent."},
        "lang": {"type": "string", "enum": ["auto", "en", "fr"], "description": "The draft's language [default: detected]."},
        "role": {"type": "string", "enum": ["complete", "first", "middle", "last"],
                 "description": "Its place in the conversation: complete (a standalone reply: greet and close), first (greet), middle, last (close) [default: complete]."},
        "author": {"type": "string", "enum": ["agent", "bot"], "description": "Who sends it [default: agent]."},
        "channel": {"type": "string", "description": "Where it is sent: messenger, chat, email, social, sms, or a channel of the team's rule packs [default: anywhere]."},
    });
    let mut fix = draft.clone();
    fix["unsafe"] =
        json!({"type": "boolean", "description": "Also apply unsafe fixes (spelling corrections) [default: false]."});
    json!([
        {
            "name": "check_draft",
            "title": "Check a customer-service draft",
            "description": "Checks a draft of a customer-service message (greeting, closing, length, tone, spelling, grammar, privacy, hand-off, placeholders) and returns its score (0-100), whether it passes, and each diagnostic with its rule, message, help, position in the text, suggestions and fix. The fields are those of `tact check --format json`.",
            "inputSchema": {"type": "object", "properties": draft, "required": ["text"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true, "openWorldHint": false},
        },
        {
            "name": "fix_draft",
            "title": "Apply tact's fixes to a draft",
            "description": "Applies the safe fixes (doubled words, spacing, txt-speak...) to a draft, and the unsafe ones (spelling corrections) when asked, and returns the fixed text with what remains to fix (diagnostics positioned in the fixed text).",
            "inputSchema": {"type": "object", "properties": fix, "required": ["text"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true, "openWorldHint": false},
        },
        {
            "name": "explain_rule",
            "title": "Explain a tact rule",
            "description": "What a rule checks and why it matters to customers, with examples: the text of `tact explain RULE`.",
            "inputSchema": {"type": "object", "properties": {"rule": {"type": "string", "description": "A rule id such as tone.sarcasm."}}, "required": ["rule"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true, "openWorldHint": false},
        },
        {
            "name": "list_rules",
            "title": "List tact's rules",
            "description": "The rules in force (built-in and the team's packs): id, category, severity, languages, roles and a one-line summary.",
            "inputSchema": {"type": "object", "properties": {"category": {"type": "string", "description": "Only the rules of this category (greeting, tone, spelling...)."}}, "additionalProperties": false},
            "annotations": {"readOnlyHint": true, "openWorldHint": false},
        },
    ])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftArgs {
    text: String,
    lang: Option<String>,
    role: Option<String>,
    author: Option<String>,
    channel: Option<String>,
    #[serde(rename = "unsafe", default)]
    unsafe_fixes: bool,
}

/// A file the settings were read from, with when it was last modified.
type Stamp = (PathBuf, Option<SystemTime>);

/// The settings of the working directory (or of `--config`), read again when `tact.toml` or a words file changes.
pub struct Tools {
    config: Option<PathBuf>,
    settings: Option<(Vec<Stamp>, Arc<Resolved>)>,
    /// `initialize` was answered and nothing is loaded yet.
    cold: bool,
}

fn stamp(path: &Path) -> Stamp {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    (path.to_path_buf(), modified)
}

impl Tools {
    pub fn new(config: Option<PathBuf>) -> Tools {
        Tools {
            config,
            settings: None,
            cold: false,
        }
    }

    pub fn initialized(&mut self) {
        self.cold = self.settings.is_none();
    }

    /// Loads the rules and starts loading the dictionaries, once, after `initialize`.
    pub fn warm_up_if_initialized(&mut self) {
        if std::mem::take(&mut self.cold) {
            crate::spell::prefetch(Lang::En);
            crate::spell::prefetch(Lang::Fr);
            // A broken configuration is reported by the first tool call that needs it.
            let _ = self.settings();
        }
    }

    /// The settings `tact check -` would use from the working directory (`tact check - --config FILE` with one).
    fn settings(&mut self) -> Result<Arc<Resolved>, String> {
        let (config, dir) = match &self.config {
            Some(path) => (
                Some(path.clone()),
                path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            ),
            None => {
                let cwd = std::path::absolute(".").unwrap_or_else(|_| PathBuf::from("."));
                (find_config(&cwd), cwd)
            }
        };
        let word_files = find_word_files(&dir);
        let stamps: Vec<Stamp> = config.iter().chain(&word_files).map(|p| stamp(p)).collect();
        if let Some((known, settings)) = &self.settings {
            if *known == stamps {
                return Ok(settings.clone());
            }
        }
        let loaded = match &config {
            Some(path) => Some((Options::load(path).map_err(|e| e.to_string())?.0, path.clone())),
            None => None,
        };
        let settings = Arc::new(resolve(loaded.as_ref(), None, &word_files, &CliOverrides::default())?);
        self.settings = Some((stamps, settings.clone()));
        Ok(settings)
    }

    /// Runs a tool. A mistake in the call itself (unknown tool, missing argument) is an `Err`, reported as a
    /// JSON-RPC error; a tool that cannot do its job reports it in its result (`isError`), as MCP asks.
    pub fn call(&mut self, name: &str, arguments: &Value) -> Result<Value, String> {
        let outcome = match name {
            "check_draft" | "fix_draft" => {
                let args: DraftArgs = serde_json::from_value(arguments.clone()).map_err(|e| format!("{name}: {e}"))?;
                if name == "check_draft" && args.unsafe_fixes {
                    return Err("check_draft: unknown field `unsafe`".to_string());
                }
                self.draft(name == "fix_draft", &args)
            }
            "explain_rule" => {
                let rule = arguments
                    .get("rule")
                    .and_then(Value::as_str)
                    .ok_or("explain_rule: missing `rule`")?;
                self.settings().and_then(|settings| {
                    crate::rule_docs::explain(&settings.rules, rule)
                        .ok_or_else(|| format!("no rule `{rule}` (list_rules lists them)"))
                        .and_then(|text| {
                            ordered(&Explained {
                                rule,
                                explanation: &text,
                            })
                        })
                })
            }
            "list_rules" => {
                let category = arguments.get("category").and_then(Value::as_str);
                self.settings().and_then(|settings| {
                    let rules: Vec<_> = crate::rule_docs::grouped(&settings.rules)
                        .into_iter()
                        .filter(|r| category.is_none_or(|c| r.category == c))
                        .collect();
                    ordered(&json!({ "rules": rules }))
                })
            }
            _ => return Err(format!("unknown tool `{name}`")),
        };
        Ok(match outcome {
            Ok((text, structured)) => json!({
                "content": [{"type": "text", "text": text}],
                "structuredContent": structured,
                "isError": false,
            }),
            Err(message) => json!({
                "content": [{"type": "text", "text": message}],
                "isError": true,
            }),
        })
    }

    fn draft(&mut self, fix: bool, args: &DraftArgs) -> Result<(String, Value), String> {
        let base = self.settings()?;
        let mut settings = (*base).clone();
        let draft = &mut settings.draft;
        match args.lang.as_deref() {
            None => {}
            Some("auto") => draft.lang = None,
            Some(lang) => draft.lang = Some(lang.parse::<Lang>()?),
        }
        if let Some(role) = &args.role {
            draft.role = role.parse::<Role>()?;
        }
        if let Some(author) = &args.author {
            draft.author = author.parse::<Author>()?;
        }
        if let Some(channel) = &args.channel {
            settings.rules.channel(channel)?;
            settings.draft.channel = Some(channel.clone());
        }
        let source = Arc::new(SourceFile::new("draft", args.text.clone()));
        let options = ParseOptions {
            format: InputFormat::Text,
            text_field: None,
            ..ParseOptions::default()
        };
        if !fix {
            let (reports, _) = crate::pipeline::check_source(&source, options, &settings);
            let report = reports.first().ok_or("the draft could not be checked")?;
            return ordered(&crate::render::draft_json(report, crate::render::json::Fields::ALL));
        }
        let fixed = crate::pipeline::fix_source(source, options, &settings, args.unsafe_fixes);
        let report = fixed.reports.first().ok_or("the draft could not be checked")?;
        let checked = crate::render::draft_json(report, crate::render::json::Fields::ALL);
        ordered(&FixedDraft {
            text: &fixed.source.text,
            changed: fixed.source.text != args.text,
            lang: checked.lang,
            score: checked.score,
            passed: checked.passed,
            remaining: checked.diagnostics,
        })
    }
}

#[derive(Serialize)]
struct Explained<'a> {
    rule: &'a str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct FixedDraft<'a> {
    text: &'a str,
    changed: bool,
    lang: &'a str,
    score: Option<u8>,
    passed: bool,
    /// Positioned in the fixed text.
    remaining: Vec<crate::render::DiagnosticJson<'a>>,
}

/// A result as text in its fields' own order (the order of `tact check --format json`), and as a JSON value.
fn ordered(result: &impl Serialize) -> Result<(String, Value), String> {
    let text = serde_json::to_string(result).map_err(|e| e.to_string())?;
    let value = serde_json::to_value(result).map_err(|e| e.to_string())?;
    Ok((text, value))
}
