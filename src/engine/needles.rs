//! Needles: strings of which any match of a regex must contain at least one, read from the regex's syntax tree.
//!
//! Compiling a large `(?i)` alternation costs milliseconds, and most drafts never contain the words such a rule looks
//! for. When none of a regex's needles occurs in a haystack, the regex provably cannot match there, so the rule
//! answers "no match" without compiling anything. Needles and haystacks are compared in a folded form (lowercase,
//! plus the few case-folding pairs lowercase misses); a class becomes a needle character only when every character
//! it holds folds to that same character, which keeps the test a necessary condition whatever the regex's flags.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Past this many alternatives, a needle set is not worth keeping (and cross products stop growing).
const MAX_NEEDLES: usize = 64;
/// Classes with more characters than this are never needle characters.
const MAX_CLASS_CHARS: u32 = 10;
/// The most needle sets kept for one regex (the most selective ones).
const MAX_SETS: usize = 4;

/// The needle sets of `pattern`, folded: every match contains a needle of each set. Empty when no useful necessary
/// condition can be read from the pattern.
pub fn extract(pattern: &str) -> Vec<Vec<String>> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
        return Vec::new();
    };
    let mut sets = analyse(&hir).required;
    sets.sort_by_key(|set| std::cmp::Reverse(quality(set)));
    sets.truncate(MAX_SETS);
    sets
}

/// A built-in pattern's needles: its row in the table a test generates (`needle_table_is_current`), read there
/// because reading them from the syntax tree at run time would cost about as much as the check.
#[derive(Clone, Copy, Debug)]
pub struct Builtin(usize);

/// The needles of a built-in pattern, when the table knows the pattern.
pub fn builtin(pattern: &str) -> Option<Builtin> {
    use crate::engine::needle_table::NEEDLES;
    NEEDLES
        .binary_search_by(|(key, _)| (*key).cmp(pattern))
        .ok()
        .map(Builtin)
}

impl Builtin {
    /// The needle sets, folded, boundary marks included.
    pub fn sets(self) -> &'static [&'static [&'static str]] {
        crate::engine::needle_table::NEEDLES[self.0].1
    }

    /// Whether `haystack` holds a needle of every set; the same answer as [`all_present`] over [`Builtin::sets`],
    /// read from one pass of a multi-pattern search that answers for every built-in pattern at once.
    pub fn all_present(self, haystack: &str) -> bool {
        // Building the automaton costs tens of milliseconds: a process checking a few drafts asks each pattern's
        // needles on their own, a batch pays for the automaton once.
        static ASKED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        const ASKED_BEFORE_INDEXING: u32 = 8_192;
        if ASKED.load(std::sync::atomic::Ordering::Relaxed) < ASKED_BEFORE_INDEXING {
            ASKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return all_present(self.sets(), haystack);
        }
        self.all_present_indexed(haystack)
    }

    /// [`Builtin::all_present`] answered by the automaton whatever the process has asked before.
    pub fn all_present_indexed(self, haystack: &str) -> bool {
        let index = Index::get();
        let row = &index.rows[self.0];
        if row.is_empty() {
            return true;
        }
        with_folded(haystack, |folded| {
            let present = folded.present(index);
            row.iter()
                .all(|set| set.iter().any(|&id| present[id as usize / 64] & (1 << (id % 64)) != 0))
        })
    }
}

/// The needles written with one string: each needle's id and the byte offsets of its boundary marks.
type Spellings = Vec<(u32, Vec<usize>)>;

/// Every needle of the built-in patterns in one Aho-Corasick automaton, built the first time a process asks.
struct Index {
    searcher: aho_corasick::AhoCorasick,
    /// For each needle without its boundary marks (a pattern of the searcher): the needles written so, by id, with
    /// the byte offsets of their marks.
    spellings: Vec<Spellings>,
    /// Needles of one character (",", "a" as a word), searched apart: in the automaton they would report a match
    /// at most positions of every haystack.
    singles: Vec<(char, Spellings)>,
    /// For each row of the table, its sets as needle ids.
    rows: Vec<Vec<Vec<u32>>>,
    needles: usize,
}

impl Index {
    fn get() -> &'static Index {
        static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        INDEX.get_or_init(Index::build)
    }

    fn build() -> Index {
        use std::collections::HashMap;
        let mut ids: HashMap<&'static str, u32> = HashMap::new();
        let mut plains: HashMap<String, usize> = HashMap::new();
        let mut spellings: Vec<Spellings> = Vec::new();
        let mut rows = Vec::new();
        for (_, sets) in crate::engine::needle_table::NEEDLES {
            let mut row = Vec::new();
            for set in *sets {
                let mut ids_of_set = Vec::new();
                for needle in *set {
                    let next = ids.len() as u32;
                    let id = *ids.entry(needle).or_insert_with(|| {
                        let (plain, marks) = without_marks(needle);
                        let slot = *plains.entry(plain).or_insert_with(|| {
                            spellings.push(Vec::new());
                            spellings.len() - 1
                        });
                        spellings[slot].push((next, marks));
                        next
                    });
                    ids_of_set.push(id);
                }
                row.push(ids_of_set);
            }
            rows.push(row);
        }
        let mut patterns: Vec<(String, Spellings)> = Vec::new();
        let mut singles = Vec::new();
        let mut plains: Vec<(String, usize)> = plains.into_iter().collect();
        plains.sort_by_key(|(_, slot)| *slot);
        for (plain, slot) in plains {
            let written = std::mem::take(&mut spellings[slot]);
            let mut chars = plain.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => singles.push((c, written)),
                _ => patterns.push((plain, written)),
            }
        }
        let searcher = aho_corasick::AhoCorasick::new(patterns.iter().map(|(plain, _)| plain.as_str()))
            .unwrap_or_else(|_| unreachable!("a few thousand short needles fit the automaton's limits"));
        Index {
            searcher,
            spellings: patterns.into_iter().map(|(_, written)| written).collect(),
            singles,
            rows,
            needles: ids.len(),
        }
    }
}

/// A needle without its boundary marks, and the byte offsets where they stood.
fn without_marks(needle: &str) -> (String, Vec<usize>) {
    let mut plain = String::with_capacity(needle.len());
    let mut marks = Vec::new();
    for c in needle.chars() {
        if c == BOUNDARY {
            marks.push(plain.len());
        } else {
            plain.push(c);
        }
    }
    (plain, marks)
}

/// Whether `haystack` holds a needle of every set (as returned by [`extract`]).
pub fn all_present<S: AsRef<str>, N: AsRef<[S]>>(sets: &[N], haystack: &str) -> bool {
    if sets.is_empty() {
        return true;
    }
    with_folded(haystack, |last| {
        sets.iter().all(|set| {
            set.as_ref()
                .iter()
                .any(|needle| last.may_hold(needle.as_ref()) && occurs(&last.folded, needle.as_ref()))
        })
    })
}

/// Runs `f` on `haystack` folded. Rules ask about the same few haystacks (the draft, its masked text) one after
/// another: the last few are kept folded, with what the index found in them.
fn with_folded<T>(haystack: &str, f: impl FnOnce(&mut Folded) -> T) -> T {
    const KEPT: usize = 4;
    thread_local! {
        static KEPT_FOLDED: std::cell::RefCell<(Vec<Folded>, usize)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
    }
    KEPT_FOLDED.with(|kept| {
        let mut kept = kept.borrow_mut();
        let (folded, next) = &mut *kept;
        let slot = match folded.iter().position(|f| f.original == haystack) {
            Some(slot) => slot,
            None => {
                if folded.len() < KEPT {
                    folded.push(Folded::default());
                }
                let slot = *next % folded.len();
                *next = (slot + 1) % KEPT;
                folded[slot].refill(haystack);
                slot
            }
        };
        f(&mut folded[slot])
    })
}

/// A haystack folded, with the bytes and byte pairs it holds: most needles are ruled out by a pair they lack
/// before any search.
#[derive(Default)]
struct Folded {
    original: String,
    folded: String,
    bytes: [u64; 4],
    pairs: Vec<u64>,
    /// The built-in needles found in `folded`, a bit per needle id; filled the first time the index is asked.
    present: Vec<u64>,
    present_filled: bool,
}

const PAIR_BITS: usize = 4096;

fn pair_slot(a: u8, b: u8) -> usize {
    (usize::from(a).wrapping_mul(0x9E37) ^ usize::from(b).wrapping_mul(0x85EB)) % PAIR_BITS
}

impl Folded {
    fn refill(&mut self, haystack: &str) {
        self.original.clear();
        self.original.push_str(haystack);
        self.folded.clear();
        self.folded.extend(haystack.chars().map(fold));
        self.bytes = [0; 4];
        self.present_filled = false;
        self.pairs.clear();
        self.pairs.resize(PAIR_BITS / 64, 0);
        let bytes = self.folded.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            self.bytes[usize::from(b / 64)] |= 1 << (b % 64);
            if let Some(&next) = bytes.get(i + 1) {
                let slot = pair_slot(b, next);
                self.pairs[slot / 64] |= 1 << (slot % 64);
            }
        }
    }

    /// The bits of the built-in needles that occur, each boundary mark where a word boundary may be (as [`occurs`]
    /// says, but for every needle in one pass).
    fn present(&mut self, index: &Index) -> &[u64] {
        if !self.present_filled {
            self.present.clear();
            self.present.resize(index.needles.div_ceil(64), 0);
            let folded = self.folded.as_str();
            let present = &mut self.present;
            let mut mark_found = |start: usize, written: &[(u32, Vec<usize>)]| {
                for (id, marks) in written {
                    let (word, bit) = (*id as usize / 64, 1u64 << (id % 64));
                    if present[word] & bit != 0 {
                        continue;
                    }
                    let bounded = marks.iter().all(|mark| {
                        let at = start + mark;
                        boundary_possible(folded[..at].chars().next_back(), folded[at..].chars().next())
                    });
                    if bounded {
                        present[word] |= bit;
                    }
                }
            };
            for found in index.searcher.find_overlapping_iter(folded) {
                mark_found(found.start(), &index.spellings[found.pattern().as_usize()]);
            }
            for (c, written) in &index.singles {
                if c.is_ascii() && self.bytes[usize::from(*c as u8 / 64)] & (1 << (*c as u8 % 64)) == 0 {
                    continue;
                }
                if written.iter().all(|(_, marks)| marks.is_empty()) {
                    if folded.contains(*c) {
                        mark_found(0, written);
                    }
                    continue;
                }
                for (start, _) in folded.match_indices(*c) {
                    mark_found(start, written);
                }
            }
            self.present_filled = true;
        }
        &self.present
    }

    /// False only when `needle` (boundary marks aside) cannot occur: one of its bytes or byte pairs is missing.
    fn may_hold(&self, needle: &str) -> bool {
        let mut previous: Option<u8> = None;
        for b in needle.bytes().filter(|b| *b != BOUNDARY as u8) {
            if self.bytes[usize::from(b / 64)] & (1 << (b % 64)) == 0 {
                return false;
            }
            if let Some(a) = previous {
                let slot = pair_slot(a, b);
                if self.pairs[slot / 64] & (1 << (slot % 64)) == 0 {
                    return false;
                }
            }
            previous = Some(b);
        }
        true
    }
}

/// Stands in a needle for a word boundary (`\b` and its variants): "id" as a word is not "id" in "Friday".
const BOUNDARY: char = '\u{1}';

fn is_word_boundary(look: Look) -> bool {
    !matches!(
        look,
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
    )
}

/// Whether `needle` (possibly with boundary marks) occurs in `folded`, every boundary mark where a word boundary
/// may be. Only a sure word character on both sides, or a sure non-word character on both sides, rules one out, so
/// the answer errs towards "present".
fn occurs(folded: &str, needle: &str) -> bool {
    if !needle.contains(BOUNDARY) {
        return folded.contains(needle);
    }
    let plain: String = needle.chars().filter(|c| *c != BOUNDARY).collect();
    // Byte offsets within `plain` where a boundary must be possible.
    let mut marks: Vec<usize> = Vec::new();
    let mut offset = 0;
    for c in needle.chars() {
        if c == BOUNDARY {
            marks.push(offset);
        } else {
            offset += c.len_utf8();
        }
    }
    folded.match_indices(plain.as_str()).any(|(start, _)| {
        marks.iter().all(|mark| {
            let at = start + mark;
            let before = folded[..at].chars().next_back();
            let after = folded[at..].chars().next();
            boundary_possible(before, after)
        })
    })
}

fn boundary_possible(before: Option<char>, after: Option<char>) -> bool {
    let surely_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let surely_not_word = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
    !(surely_word(before) && surely_word(after) || surely_not_word(before) && surely_not_word(after))
}

/// Lowercase, plus the simple case-folding pairs whose lowercase differs (`ſ` and `s`, `ς` and `σ`…).
pub fn fold(c: char) -> char {
    match c {
        'ſ' => 's',
        'ς' => 'σ',
        'ϐ' => 'β',
        'ϑ' => 'θ',
        'ϕ' => 'φ',
        'ϖ' => 'π',
        'ϰ' => 'κ',
        'ϱ' => 'ρ',
        'ϵ' => 'ε',
        'ẛ' => 'ṡ',
        '\u{345}' | 'ι' => 'ι',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

#[derive(Default)]
struct Analysis {
    /// Every string the node can match, folded, when that set is finite and small.
    exact: Option<Vec<String>>,
    /// Sets of non-empty strings: every match contains a string of each set.
    required: Vec<Vec<String>>,
}

impl Analysis {
    fn exact(strings: Vec<String>) -> Analysis {
        let required = if usable(&strings) {
            vec![strings.clone()]
        } else {
            Vec::new()
        };
        Analysis {
            exact: Some(strings),
            required,
        }
    }
}

fn usable(strings: &[String]) -> bool {
    !strings.is_empty() && strings.len() <= MAX_NEEDLES && strings.iter().all(|s| s.chars().any(|c| c != BOUNDARY))
}

/// Longer shortest needles first, then smaller sets: the rarer the strings, the more drafts the set rules out.
fn quality(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set
        .iter()
        .map(|s| s.chars().filter(|c| *c != BOUNDARY).count())
        .min()
        .unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

fn best(sets: &[Vec<String>]) -> Option<&Vec<String>> {
    sets.iter().max_by(|a, b| quality(a).cmp(&quality(b)))
}

fn add_set(sets: &mut Vec<Vec<String>>, set: Vec<String>) {
    if usable(&set) && !sets.contains(&set) {
        sets.push(set);
    }
}

fn union(into: &mut Vec<String>, strings: &[String]) {
    for s in strings {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}

/// A set too large to check is narrowed to the distinct prefixes of its needles, the longest prefixes that fit:
/// a text holding "regards" holds "rega".
fn shortened(set: Vec<String>) -> Option<Vec<String>> {
    if set.len() <= MAX_NEEDLES {
        return Some(set);
    }
    (3..=8).rev().find_map(|length| {
        let mut prefixes: Vec<String> = Vec::new();
        for needle in &set {
            union(&mut prefixes, &[needle.chars().take(length).collect()]);
            if prefixes.len() > MAX_NEEDLES {
                return None;
            }
        }
        Some(prefixes)
    })
}

fn product(left: &[String], right: &[String]) -> Option<Vec<String>> {
    if left.len().saturating_mul(right.len()) > MAX_NEEDLES {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            let joined = format!("{l}{r}");
            if !out.contains(&joined) {
                out.push(joined);
            }
        }
    }
    Some(out)
}

fn analyse(hir: &Hir) -> Analysis {
    match hir.kind() {
        HirKind::Look(look) if is_word_boundary(*look) => Analysis::exact(vec![BOUNDARY.to_string()]),
        HirKind::Empty | HirKind::Look(_) => Analysis::exact(vec![String::new()]),
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => Analysis::exact(vec![text.chars().map(fold).collect()]),
            Err(_) => Analysis::default(),
        },
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size == 0 || size > MAX_CLASS_CHARS {
                return Analysis::default();
            }
            let mut folded: Vec<String> = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    union(&mut folded, &[fold(c).to_string()]);
                }
            }
            Analysis::exact(folded)
        }
        HirKind::Class(Class::Bytes(_)) => Analysis::default(),
        HirKind::Capture(capture) => analyse(&capture.sub),
        HirKind::Repetition(repetition) => {
            let inner = analyse(&repetition.sub);
            if repetition.min == 0 {
                // `x?` over a few strings is still a few strings: "forward(?:ed|ing)?" is three words.
                return match (&inner.exact, repetition.max) {
                    (Some(strings), Some(1)) if strings.len() < MAX_NEEDLES => {
                        let mut exact = vec![String::new()];
                        union(&mut exact, strings);
                        Analysis::exact(exact)
                    }
                    _ => Analysis::default(),
                };
            }
            let exact = match (&inner.exact, repetition.max) {
                (Some(strings), Some(max)) if max == repetition.min && max <= 3 => {
                    let mut acc = Some(vec![String::new()]);
                    for _ in 0..max {
                        acc = acc.and_then(|acc| product(&acc, strings));
                    }
                    acc
                }
                _ => None,
            };
            match exact {
                Some(exact) => Analysis::exact(exact),
                None => Analysis {
                    exact: None,
                    required: inner.required,
                },
            }
        }
        HirKind::Concat(subs) => concat(subs),
        HirKind::Alternation(subs) => {
            let mut exact: Option<Vec<String>> = Some(Vec::new());
            let mut either: Option<Vec<String>> = Some(Vec::new());
            for part in subs.iter().map(analyse) {
                exact = match (exact, &part.exact) {
                    (Some(mut acc), Some(strings)) => {
                        union(&mut acc, strings);
                        (acc.len() <= MAX_NEEDLES).then_some(acc)
                    }
                    _ => None,
                };
                either = match (either, best(&part.required)) {
                    (Some(mut acc), Some(set)) => {
                        union(&mut acc, set);
                        Some(acc)
                    }
                    _ => None,
                };
            }
            let either = either.and_then(shortened);
            match exact {
                Some(exact) => Analysis::exact(exact),
                None => Analysis {
                    exact: None,
                    required: either.into_iter().filter(|set| usable(set)).collect(),
                },
            }
        }
    }
}

/// Runs of adjacent exact parts are joined (`s`,`e`,`n`,`d` → `send`); every part's sets and every run's strings
/// are required of the whole concatenation.
fn concat(subs: &[Hir]) -> Analysis {
    let mut required: Vec<Vec<String>> = Vec::new();
    let mut whole: Option<Vec<String>> = Some(vec![String::new()]);
    let mut run: Option<Vec<String>> = None;
    for sub in subs {
        let part = analyse(sub);
        for set in part.required {
            add_set(&mut required, set);
        }
        whole = match (whole, &part.exact) {
            (Some(acc), Some(strings)) => product(&acc, strings),
            _ => None,
        };
        match &part.exact {
            Some(strings) => {
                run = match run.take() {
                    Some(acc) => match product(&acc, strings) {
                        Some(joined) => Some(joined),
                        None => {
                            add_set(&mut required, acc);
                            Some(strings.clone())
                        }
                    },
                    None => Some(strings.clone()),
                };
            }
            None => {
                if let Some(acc) = run.take() {
                    add_set(&mut required, acc);
                }
            }
        }
    }
    if let Some(acc) = run.take() {
        add_set(&mut required, acc);
    }
    match whole {
        Some(exact) => Analysis::exact(exact),
        None => {
            // A set implied by another (every needle of the other contains one of its needles) says less: it goes,
            // and of two sets that imply each other the first stays.
            let implies = |a: &Vec<String>, b: &Vec<String>| a.iter().all(|n| b.iter().any(|m| n.contains(m.as_str())));
            let kept: Vec<Vec<String>> = required
                .iter()
                .enumerate()
                .filter(|(i, set)| {
                    !required
                        .iter()
                        .enumerate()
                        .any(|(j, other)| j != *i && implies(other, set) && (j < *i || !implies(set, other)))
                })
                .map(|(_, set)| set.clone())
                .collect();
            Analysis {
                exact: None,
                required: kept,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every regex pattern of the built-in packs and of the document model, as the code creates them.
    fn builtin_patterns() -> std::collections::BTreeSet<String> {
        use crate::engine::lazy_regex::collecting_patterns;
        let mut patterns = std::collections::BTreeSet::new();
        for (path, text) in crate::engine::builtin_packs() {
            let (loaded, seen) = collecting_patterns(|| crate::engine::load_pack(path, text));
            assert!(loaded.is_ok(), "{path} loads");
            patterns.extend(seen);
        }
        patterns.extend(crate::document::builtin_patterns().into_iter().map(str::to_string));
        patterns
    }

    #[test]
    fn needle_table_is_current() {
        let mut generated = String::from(
            "// Generated by `cargo test needle_table_is_current`; do not edit by hand.\n#[rustfmt::skip]\npub static NEEDLES: &[(&str, &[&[&str]])] = &[\n",
        );
        for pattern in builtin_patterns() {
            let sets = extract(&crate::engine::lazy_regex::without_needless_case_folding(&pattern));
            let sets: Vec<String> = sets
                .iter()
                .map(|set| {
                    format!(
                        "&[{}]",
                        set.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
                    )
                })
                .collect();
            generated.push_str(&format!("    ({pattern:?}, &[{}]),\n", sets.join(", ")));
        }
        generated.push_str("];\n");
        let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/needle_table.rs");
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current != generated {
            std::fs::write(&target, &generated).unwrap();
            panic!("src/engine/needle_table.rs was stale and has been regenerated; rebuild and run the tests again");
        }
    }

    /// The best set, boundary marks shown as `|`.
    fn needles(pattern: &str) -> Option<Vec<String>> {
        let best = extract(pattern).into_iter().next()?;
        Some(best.iter().map(|n| n.replace(BOUNDARY, "|")).collect())
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn words_bounded_by_b_match_only_as_words() {
        let sets = extract(r"(?i)\b(?:id|log)\b");
        assert!(!all_present(&sets, "It ships on Friday from our catalogue."));
        assert!(all_present(&sets, "Send us your ID, please."));
        assert!(all_present(&sets, "the log."));
        assert!(all_present(&sets, "id"));
        // Not a sure word or non-word character: a boundary may be there.
        assert!(all_present(&sets, "\u{300}id"));
    }

    #[test]
    fn words_under_case_folding_become_needles() {
        assert_eq!(needles(r"(?i)\bsend\b"), Some(strings(&["|send|"])));
        assert_eq!(
            needles(r"(?i)\b(?:forward|pass)(?:ed|ing)?\s+\w+"),
            Some(strings(&[
                "|forward",
                "|forwarded",
                "|forwarding",
                "|pass",
                "|passed",
                "|passing"
            ]))
        );
        assert_eq!(
            needles(r"(?i)comme je vous l['’]ai déjà dit"),
            Some(vec![
                "comme je vous l'ai déjà dit".to_string(),
                "comme je vous l’ai déjà dit".to_string()
            ])
        );
    }

    #[test]
    fn the_rarest_word_of_a_sequence_is_kept() {
        let found = needles(r"(?i)\bthe\b[^.]{0,40}\bpassword\b").unwrap();
        assert_eq!(found, strings(&["|password|"]));
    }

    #[test]
    fn no_needles_when_a_branch_has_none() {
        assert_eq!(needles(r"(?i)\bsend\b|\w+"), None);
        assert_eq!(needles(r"(?i)\bsend\b|\w+ly"), Some(strings(&["|send|", "ly"])));
        assert_eq!(needles(r"(?i)(?:send)?\w+"), None);
        assert_eq!(needles(r"[a-z]+"), None);
        assert_eq!(needles(r"(?i)\bhi\b"), Some(strings(&["|hi|"])));
    }

    #[test]
    fn every_required_part_is_a_set_of_its_own() {
        let sets = extract(r"(?i)\b(?:send|give)\b[^.]{0,40}\b(?:to|with)\b[^.]{0,20}(?:carrier|courier)");
        assert_eq!(sets.len(), 3);
        assert_eq!(sets[0], strings(&["carrier", "courier"]));
        assert!(all_present(&sets, "I will send your number to the courier."));
        assert!(!all_present(
            &sets,
            "I will send it to you, not the courier."[..30].as_ref()
        ));
        assert!(!all_present(&sets, "The courier will give you a call."));
    }

    #[test]
    fn the_test_is_a_necessary_condition() {
        let cases = [
            (r"(?i)\bsend\b", &["SEND it", "ſend it", "Send", "sends"][..]),
            (r"(?i)straße", &["STRASSE", "Straße", "STRAẞE"][..]),
            (
                r"(?i)\b(?:l['’]adresse|vos coordonnées)\b",
                &["L’ADRESSE", "VOS COORDONNÉES"][..],
            ),
            (r"(?i)σοφός", &["ΣΟΦΌΣ", "σοφός", "ΣΟΦΌς"][..]),
        ];
        for (pattern, texts) in cases {
            let regex = regex::Regex::new(pattern).unwrap();
            let found = extract(pattern);
            assert!(!found.is_empty(), "{pattern} has needles");
            for text in texts {
                if regex.is_match(text) {
                    assert!(
                        all_present(&found, text),
                        "{pattern} matches {text} but its needles {found:?} miss it"
                    );
                }
            }
        }
    }
}
