//! What a rule reports: a span of the draft, a message, and optionally suggestions and a fix.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::model::{Category, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applying the fix cannot change what the draft means.
    Safe,
    /// The fix is probably right but a person should look (spelling corrections, rewording).
    Unsafe,
}

impl std::str::FromStr for Applicability {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "safe" => Ok(Applicability::Safe),
            "unsafe" => Ok(Applicability::Unsafe),
            _ => Err(format!("unknown applicability `{s}` (expected safe or unsafe)")),
        }
    }
}

/// Replace the bytes `start..end` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>, applicability: Applicability) -> Fix {
        Fix {
            applicability,
            edits: vec![Edit {
                start: range.start,
                end: range.end,
                replacement: replacement.into(),
            }],
        }
    }
}

/// One finding, with its span as UTF-8 byte offsets into the draft it was found in.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub weight: f32,
    pub message: String,
    pub help: Arc<str>,
    pub span: Range<usize>,
    pub suggestions: Vec<String>,
    pub fix: Option<Fix>,
}
