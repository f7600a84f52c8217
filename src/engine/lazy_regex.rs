//! Rule regexes, compiled the first time a draft needs them. A process that checks one English draft should not
//! pay for compiling the French packs, nor for rules whose language, role or author never comes up. Syntax is still
//! checked when the rule is loaded, and user packs are compiled in full at load so that every error names its file.

use std::cell::Cell;
use std::ops::Deref;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

const REGEX_SIZE_LIMIT: usize = 1 << 22;

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
    static TRUSTED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `load` without even a syntax check: for the built-in packs, whose every regex the test suite compiles.
pub fn trusting<T>(load: impl FnOnce() -> T) -> T {
    let before = TRUSTED.with(|trusted| trusted.replace(true));
    let result = load();
    TRUSTED.with(|trusted| trusted.set(before));
    result
}

/// Runs `load` with every regex compiled at once: for rule files a user wrote, whose errors must surface now.
pub fn compiling_eagerly<T>(load: impl FnOnce() -> T) -> T {
    let before = EAGER.with(|eager| eager.replace(true));
    let result = load();
    EAGER.with(|eager| eager.set(before));
    result
}

#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Checks the pattern's syntax (and compiles it, when loading eagerly); the error is the regex crate's message.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        let lazy = LazyRegex {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
        };
        if EAGER.with(Cell::get) {
            let regex = build(pattern).map_err(|e| e.to_string())?;
            let _ = lazy.compiled.set(regex);
        } else if !TRUSTED.with(Cell::get) {
            regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .map_err(|e| e.to_string())?;
        }
        Ok(lazy)
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // Built-in patterns are compiled by the test suite, and user patterns at load, so a failure here cannot
        // happen; should it, the rule matches nothing rather than stopping the run.
        self.compiled
            .get_or_init(|| build(&self.pattern).unwrap_or_else(|_| never_matching()))
    }
}

fn never_matching() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern compiles"))
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&without_needless_case_folding(pattern))
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// Under `(?i)`, the regex parser case-folds every class, and folding a large Unicode class (`\p{L}`, `[^.!?\n]`)
/// costs milliseconds each time it appears. Classes that case folding cannot change (letter, number, mark,
/// punctuation and symbol categories; negated classes without letters) are wrapped in `(?-i:...)`: same matches,
/// a fraction of the compile time.
pub fn without_needless_case_folding(pattern: &str) -> String {
    if !pattern.contains("(?i") {
        return pattern.to_string();
    }
    const CLOSED: &[&str] = &[
        r"\p{L}",
        r"\P{L}",
        r"\p{N}",
        r"\P{N}",
        r"\p{M}",
        r"\p{P}",
        r"\p{S}",
        r"\p{Extended_Pictographic}",
        r"\p{Emoji}",
        r"\p{Letter}",
    ];
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 30)].iter().collect();
        if !in_class {
            if let Some(class) = CLOSED.iter().find(|c| rest.starts_with(**c)) {
                out.push_str("(?-i:");
                out.push_str(class);
                out.push(')');
                i += class.chars().count();
                continue;
            }
            if chars[i] == '[' && chars.get(i + 1) == Some(&'^') {
                if let Some(end) = class_end(&chars, i) {
                    let class: String = chars[i..=end].iter().collect();
                    if !class.chars().any(|c| c.is_alphabetic()) || class == r"[^\S\n]" {
                        out.push_str("(?-i:");
                        out.push_str(&class);
                        out.push(')');
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        match chars[i] {
            '\\' => {
                out.push('\\');
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 2;
                continue;
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ => {}
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The index of the `]` closing the class opened at `start`, for simple classes (no nesting).
fn class_end(chars: &[char], start: usize) -> Option<usize> {
    let mut j = start + 2;
    if chars.get(j) == Some(&']') {
        j += 1;
    }
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '[' => return None,
            ']' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_the_matches() {
        let cases = [
            (
                r"(?i)\bhi\p{L}+[^.!?\n]{0,5}x",
                &["Hi there x", "HIÉ ab X", "hi. x"][..],
            ),
            (
                r"(?i)[^\S\n]+Bonjour\P{L}",
                &["  bonjour!", "\tBONJOUR ", "bonjourx"][..],
            ),
            (r"(?i)[^a-z]x", &["Ax", "1x", "ax"][..]),
        ];
        for (pattern, texts) in cases {
            let plain = Regex::new(pattern).unwrap();
            let wrapped = Regex::new(&without_needless_case_folding(pattern)).unwrap();
            for text in texts {
                assert_eq!(
                    plain.find(text).map(|m| m.range()),
                    wrapped.find(text).map(|m| m.range()),
                    "{pattern} on {text}"
                );
            }
        }
        assert_eq!(without_needless_case_folding(r"(?i)[^a-z]"), r"(?i)[^a-z]");
        assert_eq!(without_needless_case_folding(r"[^.]\p{L}"), r"[^.]\p{L}");
    }

    #[test]
    fn syntax_errors_are_caught_without_compiling() {
        assert!(LazyRegex::new("(unclosed").is_err());
        let lazy = LazyRegex::new(r"\bok\b").unwrap();
        assert!(lazy.compiled.get().is_none());
        assert!(lazy.is_match("it is ok"));
        assert!(compiling_eagerly(|| LazyRegex::new(r"\p{NoSuchClass}")).is_err());
    }
}
