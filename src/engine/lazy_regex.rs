//! Rule regexes, compiled the first time a draft needs them. A process that checks one English draft should not
//! pay for compiling the French packs, nor for rules whose language, role or author never comes up. Syntax is still
//! checked when the rule is loaded, and user packs are compiled in full at load so that every error names its file.

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use regex::{Captures, Match, Regex, RegexBuilder};

use crate::engine::needles;

const REGEX_SIZE_LIMIT: usize = 1 << 22;
const GATED_BEFORE_COMPILING: u32 = 256;

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
    static TRUSTED: Cell<bool> = const { Cell::new(false) };
    static SEEN: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `load` and returns every pattern it created a regex for, besides its result: for tests over all patterns.
pub fn collecting_patterns<T>(load: impl FnOnce() -> T) -> (T, Vec<String>) {
    let before = SEEN.with(|seen| seen.replace(Some(Vec::new())));
    let result = load();
    let seen = SEEN.with(|seen| seen.replace(before)).unwrap_or_default();
    (result, seen)
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
enum Needles {
    Table(&'static [&'static [&'static str]]),
    Computed(Vec<Vec<String>>),
}

impl Needles {
    fn all_present(&self, haystack: &str) -> bool {
        match self {
            Needles::Table(sets) => needles::all_present(sets, haystack),
            Needles::Computed(sets) => needles::all_present(sets, haystack),
        }
    }
}

#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
    /// From the generated table for built-in patterns; otherwise read from the syntax tree the first time a
    /// haystack is offered while the regex is not compiled yet.
    needles: OnceLock<Needles>,
    /// How many haystacks the needles have answered for.
    gated: AtomicU32,
}

impl LazyRegex {
    /// Checks the pattern's syntax (and compiles it, when loading eagerly); the error is the regex crate's message.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        let lazy = LazyRegex {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
            needles: OnceLock::new(),
            gated: AtomicU32::new(0),
        };
        SEEN.with(|seen| {
            if let Some(seen) = seen.borrow_mut().as_mut() {
                seen.push(pattern.to_string());
            }
        });
        if EAGER.with(Cell::get) {
            let regex = build(pattern).map_err(|e| e.to_string())?;
            let _ = lazy.compiled.set(regex);
        } else if TRUSTED.with(Cell::get) {
            if let Some(sets) = needles::builtin(pattern) {
                let _ = lazy.needles.set(Needles::Table(sets));
            }
        } else {
            regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .map_err(|e| e.to_string())?;
        }
        Ok(lazy)
    }

    /// A pattern of tact's own (tested to compile): nothing checked now, compiled on first use.
    pub fn builtin(pattern: &str) -> LazyRegex {
        let lazy = LazyRegex {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
            needles: OnceLock::new(),
            gated: AtomicU32::new(0),
        };
        if let Some(sets) = needles::builtin(pattern) {
            let _ = lazy.needles.set(Needles::Table(sets));
        }
        lazy
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex, compiling it now if need be.
    pub fn regex(&self) -> &Regex {
        // Built-in patterns are compiled by the test suite, and user patterns at load, so a failure here cannot
        // happen; should it, the rule matches nothing rather than stopping the run.
        self.compiled
            .get_or_init(|| build(&self.pattern).unwrap_or_else(|_| never_matching()))
    }

    /// The compiled regex when `haystack` may hold a match, `None` when it provably holds none: then nothing is
    /// compiled. Once compiled, the regex's own prefilters take over.
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if let Some(regex) = self.compiled.get() {
            return Some(regex);
        }
        // Past a few dozen haystacks, the compiled regex (with its own literal prefilters) is the cheaper test: a
        // long run compiles everything it uses, a single draft compiles only what its words call for.
        if self.gated.fetch_add(1, Ordering::Relaxed) >= GATED_BEFORE_COMPILING {
            return Some(self.regex());
        }
        let needles = self
            .needles
            .get_or_init(|| Needles::Computed(needles::extract(&without_needless_case_folding(&self.pattern))));
        if needles.all_present(haystack) {
            Some(self.regex())
        } else {
            None
        }
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack).is_some_and(|r| r.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.for_haystack(haystack).and_then(|r| r.find(haystack))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.for_haystack(haystack).and_then(|r| r.captures(haystack))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.for_haystack(haystack)
            .into_iter()
            .flat_map(move |r| r.find_iter(haystack))
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.for_haystack(haystack)
            .into_iter()
            .flat_map(move |r| r.captures_iter(haystack))
    }

    /// The number of groups, the whole match included, as `Regex::captures_len` says, without compiling.
    pub fn captures_len(&self) -> usize {
        if let Some(regex) = self.compiled.get() {
            return regex.captures_len();
        }
        regex_syntax::ast::parse::Parser::new()
            .parse(&self.pattern)
            .map(|ast| 1 + count_capture_groups(&ast))
            .unwrap_or_else(|_| self.regex().captures_len())
    }
}

fn count_capture_groups(ast: &regex_syntax::ast::Ast) -> usize {
    use regex_syntax::ast::{Ast, GroupKind};
    match ast {
        Ast::Group(group) => {
            let own = usize::from(!matches!(group.kind, GroupKind::NonCapturing(_)));
            own + count_capture_groups(&group.ast)
        }
        Ast::Repetition(repetition) => count_capture_groups(&repetition.ast),
        Ast::Alternation(alternation) => alternation.asts.iter().map(count_capture_groups).sum(),
        Ast::Concat(concat) => concat.asts.iter().map(count_capture_groups).sum(),
        _ => 0,
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
