//! The vocabulary shared by every part of tact: languages, roles, authors, categories, severities.

use std::fmt;
use std::str::FromStr;
use std::sync::RwLock;

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

/// A keyword enum open to names declared at run time: the built-in variants, then `Declared`.
macro_rules! open_keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
            Declared(DeclaredCategory),
        }

        impl $name {
            /// The built-in values.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ $name::Declared(d) => d.as_str() }
            }

            /// The built-in value named `text`.
            pub fn builtin(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// A built-in value, or a declared one already met; anything else is refused with the built-in list.
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $name::builtin(s)
                    .or_else(|| DeclaredCategory::lookup(s).map($name::Declared))
                    .ok_or_else(|| format!(
                        "unknown {} `{}` (expected one of: {}, or one a rule pack declares)",
                        stringify!($name).to_lowercase(),
                        s,
                        [$($text),+].join(", ")
                    ))
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

open_keyword_enum!(
    /// Every rule belongs to exactly one category; a rule id is `category.rule-name`. The built-in ones are listed
    /// here; a rule pack may declare its own (`[[category]]`), which become [`Category::Declared`].
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

/// A category a rule pack declares, interned for the life of the process: categories stay `Copy` and compare as
/// cheaply as the built-in ones. Whether a rule set really declares it is checked when the set is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclaredCategory(u32);

/// Interned names, leaked once each: a process meets a handful of them.
static DECLARED_NAMES: RwLock<Vec<&'static str>> = RwLock::new(Vec::new());

impl DeclaredCategory {
    /// The category named `id`, interning it on first sight; `None` unless `id` is a kebab-case name that is not
    /// a built-in category.
    pub fn intern(id: &str) -> Option<DeclaredCategory> {
        if !is_category_id(id) || Category::builtin(id).is_some() {
            return None;
        }
        if let Some(found) = DeclaredCategory::lookup(id) {
            return Some(found);
        }
        let mut names = DECLARED_NAMES.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Another thread may have interned it between the lookup and the write lock.
        if let Some(index) = names.iter().position(|n| *n == id) {
            return Some(DeclaredCategory(index as u32));
        }
        names.push(Box::leak(id.to_string().into_boxed_str()));
        Some(DeclaredCategory((names.len() - 1) as u32))
    }

    pub fn lookup(id: &str) -> Option<DeclaredCategory> {
        let names = DECLARED_NAMES.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        names
            .iter()
            .position(|n| *n == id)
            .map(|index| DeclaredCategory(index as u32))
    }

    pub fn as_str(self) -> &'static str {
        let names = DECLARED_NAMES.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        names.get(self.0 as usize).copied().unwrap_or("")
    }
}

/// Lower-case letters, digits and dashes, starting with a letter: what a category id (and a rule id's first part)
/// may be.
pub fn is_category_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Category {
    /// The category named `id`: a built-in one, or one a pack declares (interned, see [`DeclaredCategory`]).
    pub fn named(id: &str) -> Option<Category> {
        Category::builtin(id).or_else(|| DeclaredCategory::intern(id).map(Category::Declared))
    }

    pub fn is_builtin(self) -> bool {
        !matches!(self, Category::Declared(_))
    }
}

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
