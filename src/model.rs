//! The vocabulary shared by every part of tact: languages, roles, authors, categories, severities.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} `{}` (expected one of: {})",
                        stringify!($name).to_lowercase(),
                        s,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

keyword_enum!(
    /// A language tact has rules and a dictionary for.
    Lang { En => "en", Fr => "fr" }
);

keyword_enum!(
    /// A draft's position in its conversation: what it owes the customer in greeting and closing.
    Role { Complete => "complete", First => "first", Middle => "middle", Last => "last" }
);

keyword_enum!(
    /// Who writes the draft.
    Author { Agent => "agent", Bot => "bot" }
);

keyword_enum!(
    /// How much a diagnostic matters. Ordered: `Info < Warning < Error`.
    Severity { Info => "info", Warning => "warning", Error => "error" }
);

keyword_enum!(
    /// Every rule belongs to exactly one category; a rule id is `category.rule-name`.
    Category {
        Greeting => "greeting",
        SignOff => "sign-off",
        Length => "length",
        Tone => "tone",
        Spelling => "spelling",
        Grammar => "grammar",
        Forwarding => "forwarding",
        Privacy => "privacy",
        Handoff => "handoff",
        Placeholder => "placeholder",
        Policy => "policy",
        Frequency => "frequency",
        Responsiveness => "responsiveness",
        Context => "context",
        Lang => "lang",
    }
);

impl Role {
    pub fn needs_greeting(self) -> bool {
        matches!(self, Role::Complete | Role::First)
    }

    pub fn needs_closing(self) -> bool {
        matches!(self, Role::Complete | Role::Last)
    }
}

/// The threshold at which a diagnostic fails a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Info => true,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Error => severity >= Severity::Error,
        }
    }
}

impl FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "error" => Ok(FailOn::Error),
            "warning" => Ok(FailOn::Warning),
            "info" => Ok(FailOn::Info),
            "never" => Ok(FailOn::Never),
            _ => Err(format!(
                "unknown fail-on level `{s}` (expected one of: error, warning, info, never)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), *c);
        }
        assert!("signoff".parse::<Category>().is_err());
        assert_eq!("sign-off".parse::<Category>().unwrap(), Category::SignOff);
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
        assert!(FailOn::Info.fails(Severity::Info));
    }
}
