//! Rule regexes, compiled the first time a draft needs them. A process that checks one English draft should not
//! pay for compiling the French packs, nor for rules whose language, role or author never comes up. Syntax is still
//! checked when the rule is loaded, and user packs are compiled in full at load so that every error names its file.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::OnceLock;

use regex_automata::meta::{BuildError, Regex};
use regex_automata::util::captures::Captures;

use crate::engine::needles;

const REGEX_SIZE_LIMIT: usize = 1 << 22;
const GATED_BEFORE_COMPILING: u32 = 64;

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
    Table(needles::Builtin),
    Computed(Vec<Vec<String>>),
}

/// A match: byte offsets into the haystack it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    fn of(haystack: &'h str, found: regex_automata::Match) -> Found<'h> {
        Found {
            haystack,
            start: found.start(),
            end: found.end(),
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
pub struct Groups<'h> {
    haystack: &'h str,
    captures: Captures,
}

impl<'h> Groups<'h> {
    pub fn get(&self, group: usize) -> Option<Found<'h>> {
        self.captures.get_group(group).map(|span| Found {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }
}

/// A regex built in two tiers. The first searches of a pattern use a build without lazy DFA (an NFA searched by
/// backtracking or the Pike VM): half the compile time, and on a draft-sized haystack the search speed does not
/// matter. A pattern that keeps being used, or meets a large haystack, gets the full build the regex crate would
/// make. Both give the same matches.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    light: OnceLock<Regex>,
    full: OnceLock<Regex>,
    /// From the generated table for built-in patterns; otherwise read from the syntax tree the first time a
    /// haystack is offered while the regex is not compiled yet.
    needles: OnceLock<Needles>,
    /// How many haystacks the needles have answered for.
    gated: AtomicU32,
    /// How many haystacks the light build has searched.
    light_uses: AtomicU32,
}

/// Searches with the light build before the full one is made.
const LIGHT_USES: u32 = 64;
/// Light builds a process makes at most: past that many, it is checking a batch, every pattern will be used
/// often, and a light build would only be compiled on top of the full one.
const LIGHT_BUILDS: u32 = 96;
static LIGHT_BUILT: AtomicU32 = AtomicU32::new(0);
/// Set when the process is about to check many drafts (see [`expect_many_haystacks`]).
static BATCH: AtomicBool = AtomicBool::new(false);

/// Tells every regex that the process checks a batch (a JSON Lines stream, a large file of records, a folder):
/// each pattern a draft needs gets its full build at once. Without it, the first few dozen drafts are searched
/// with light builds, then every pattern in use is compiled a second time: a warm-up that a process checking one
/// partition of a large history pays again and again.
pub fn expect_many_haystacks() {
    BATCH.store(true, Ordering::Relaxed);
}
/// Haystacks longer than this go to the full build at once: the Pike VM is slow on long texts.
const LIGHT_MAX_HAYSTACK: usize = 8 * 1024;

impl LazyRegex {
    fn unbuilt(pattern: &str) -> LazyRegex {
        LazyRegex {
            pattern: pattern.to_string(),
            light: OnceLock::new(),
            full: OnceLock::new(),
            needles: OnceLock::new(),
            gated: AtomicU32::new(0),
            light_uses: AtomicU32::new(0),
        }
    }

    /// Checks the pattern's syntax (and compiles it, when loading eagerly); the error is the regex crate's message.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        SEEN.with(|seen| {
            if let Some(seen) = seen.borrow_mut().as_mut() {
                seen.push(pattern.to_string());
            }
        });
        if TRUSTED.with(Cell::get) && !EAGER.with(Cell::get) {
            return Ok(LazyRegex::builtin(pattern));
        }
        let lazy = LazyRegex::unbuilt(pattern);
        if EAGER.with(Cell::get) {
            let regex = build(pattern, Tier::Full)?;
            let _ = lazy.full.set(regex);
        } else {
            regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .map_err(|e| e.to_string())?;
        }
        Ok(lazy)
    }

    /// A pattern of tact's own (tested to compile): nothing checked now, compiled on first use.
    pub fn builtin(pattern: &str) -> LazyRegex {
        let lazy = LazyRegex::unbuilt(pattern);
        if let Some(builtin) = needles::builtin(pattern) {
            let _ = lazy.needles.set(Needles::Table(builtin));
        }
        lazy
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    fn tier(&self, tier: Tier) -> &Regex {
        let cell = match tier {
            Tier::Light => &self.light,
            Tier::Full => &self.full,
        };
        // Built-in patterns are compiled by the test suite, and user patterns at load, so a failure here cannot
        // happen; should it, the rule matches nothing rather than stopping the run.
        cell.get_or_init(|| build(&self.pattern, tier).unwrap_or_else(|_| never_matching()))
    }

    /// The build to search `haystack` with, `None` when the haystack provably holds no match: then nothing is
    /// compiled.
    fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        // A built-in pattern asks its needles every time: one multi-pattern pass over the haystack answers for all
        // of them, and most patterns then never run.
        if let Some(Needles::Table(builtin)) = self.needles.get() {
            if !builtin.all_present(haystack) {
                return None;
            }
        }
        if let Some(regex) = self.full.get() {
            return Some(regex);
        }
        if haystack.len() > LIGHT_MAX_HAYSTACK || self.light_uses.load(Ordering::Relaxed) >= LIGHT_USES {
            return Some(self.tier(Tier::Full));
        }
        if self.light.get().is_none() {
            // A user's pattern asks needles read from its syntax tree, each a search of its own: past a few dozen
            // haystacks, compiling is cheaper than asking them. A batch keeps asking until a haystack holds them: a
            // pattern no record calls for is never compiled.
            let asked = self.gated.fetch_add(1, Ordering::Relaxed);
            if asked < GATED_BEFORE_COMPILING || BATCH.load(Ordering::Relaxed) {
                let needles = self
                    .needles
                    .get_or_init(|| Needles::Computed(needles::extract(&without_needless_case_folding(&self.pattern))));
                if let Needles::Computed(sets) = needles {
                    if !needles::all_present(sets, haystack) {
                        return None;
                    }
                }
            }
        }
        if self.light.get().is_none()
            && (BATCH.load(Ordering::Relaxed) || LIGHT_BUILT.fetch_add(1, Ordering::Relaxed) >= LIGHT_BUILDS)
        {
            return Some(self.tier(Tier::Full));
        }
        self.light_uses.fetch_add(1, Ordering::Relaxed);
        Some(self.tier(Tier::Light))
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack).is_some_and(|r| r.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Found<'h>> {
        let regex = self.for_haystack(haystack)?;
        regex.find(haystack).map(|m| Found::of(haystack, m))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Found<'h>> + use<'r, 'h> {
        self.for_haystack(haystack)
            .into_iter()
            .flat_map(move |regex| regex.find_iter(haystack).map(move |m| Found::of(haystack, m)))
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Groups<'h>> + use<'r, 'h> {
        self.for_haystack(haystack).into_iter().flat_map(move |regex| {
            regex
                .captures_iter(haystack)
                .map(move |captures| Groups { haystack, captures })
        })
    }

    /// The number of groups, the whole match included, without compiling.
    pub fn captures_len(&self) -> usize {
        if let Some(regex) = self.full.get().or(self.light.get()) {
            return regex.captures_len();
        }
        regex_syntax::ast::parse::Parser::new()
            .parse(&self.pattern)
            .map(|ast| 1 + count_capture_groups(&ast))
            .unwrap_or_else(|_| self.tier(Tier::Light).captures_len())
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

#[derive(Clone, Copy)]
enum Tier {
    Light,
    Full,
}

fn never_matching() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern compiles"))
}

/// The full tier is what `regex::Regex` builds; the light one leaves out the lazy DFA, the one-pass DFA and the
/// literal prefilter, whose construction is most of the compile time of a large alternation.
fn build(pattern: &str, tier: Tier) -> Result<Regex, String> {
    let config = Regex::config().nfa_size_limit(Some(REGEX_SIZE_LIMIT));
    let config = match tier {
        Tier::Full => config.hybrid_cache_capacity(2 * (1 << 20)),
        Tier::Light => config.hybrid(false).dfa(false).onepass(false).auto_prefilter(false),
    };
    Regex::builder()
        .configure(config)
        .build(&without_needless_case_folding(pattern))
        .map_err(|err| describe(&err))
}

/// The message the regex crate would give: the syntax error with its caret, or the size limit.
fn describe(err: &BuildError) -> String {
    if let Some(syntax) = err.syntax_error() {
        syntax.to_string()
    } else if let Some(limit) = err.size_limit() {
        format!("compiled regex exceeds size limit of {limit} bytes")
    } else {
        err.to_string()
    }
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
    fn both_tiers_find_the_same_matches() {
        let patterns = [
            r"(?i)\b(?:send|pass)(?:ed|ing)?\b[^.!?\n]{0,30}?\b(?:to|with)\b",
            r"(?:^|[^\p{L}])(\p{Lu}{3,})\b",
            r"\{\{\s*[^{}\s][^{}\n]*\}\}",
        ];
        let long = "I will SEND it with care, {{ name }}. ".repeat(400);
        let texts = [
            "I passed it to them. Sending it with love.",
            "NO WAY, {{x}} and {{ y }}",
            long.as_str(),
        ];
        for pattern in patterns {
            let light = build(pattern, Tier::Light).unwrap();
            let full = build(pattern, Tier::Full).unwrap();
            for text in texts {
                let spans = |r: &Regex| {
                    r.captures_iter(text)
                        .map(|c| (c.get_group(0), c.get_group(1)))
                        .collect::<Vec<_>>()
                };
                assert_eq!(spans(&light), spans(&full), "{pattern}");
            }
        }
        let lazy = LazyRegex::builtin(patterns[0]);
        let short: Vec<_> = lazy.find_iter(texts[0]).map(|m| m.as_str()).collect();
        assert_eq!(short, ["passed it to", "Sending it with"]);
        // Other tests of this process may already have made a batch's worth of light builds: then the full build.
        let batch = LIGHT_BUILT.load(Ordering::Relaxed) > LIGHT_BUILDS;
        assert!(batch || (lazy.light.get().is_some() && lazy.full.get().is_none()));
        assert_eq!(lazy.find_iter(&long).count(), 400);
        assert!(lazy.full.get().is_some(), "a long haystack goes to the full build");
    }

    #[test]
    fn syntax_errors_are_caught_without_compiling() {
        assert!(LazyRegex::new("(unclosed").is_err());
        let lazy = LazyRegex::new(r"\bok\b").unwrap();
        assert!(lazy.light.get().is_none() && lazy.full.get().is_none());
        assert!(lazy.is_match("it is ok"));
        assert!(compiling_eagerly(|| LazyRegex::new(r"\p{NoSuchClass}")).is_err());
    }
}
