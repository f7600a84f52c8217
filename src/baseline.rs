//! Baselines: the findings a library of drafts already had when it adopted tact, recorded so that a check reports
//! and fails only on new ones.
//!
//! A finding is known by a fingerprint, as SARIF's `partialFingerprints`: its rule, its file (relative to the
//! baseline's folder), its draft's id and the text it flags, plus an occurrence number for the same text flagged
//! twice. Never a line number: lines inserted above a finding leave it known. The fingerprint is the one SARIF
//! output carries under `tactFingerprint/v1` when the baseline sits in the working directory.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::report::{DraftReport, Located};

/// The baseline file's format; a file of another version is refused rather than misread.
const VERSION: u32 = 1;

/// 64-bit FNV-1a over the parts, each ended by a zero byte: tiny, and stable across Rust releases, unlike
/// `DefaultHasher`. Pinned by a test: a new value would turn every known finding into a new one.
pub fn fingerprint(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Counts the findings met so far by hash, so that the same text flagged again gets the next occurrence number.
#[derive(Debug, Default)]
pub struct Occurrences(HashMap<u64, usize>);

impl Occurrences {
    /// The fingerprint of a finding of `file` (as the baseline or SARIF names it) and draft `draft`, in input
    /// order: `hash:occurrence`.
    pub fn next(&mut self, rule: &str, file: &str, draft: Option<&str>, text: &str) -> String {
        let hash = fingerprint(&[rule, file, draft.unwrap_or(""), text]);
        let occurrence = self.0.entry(hash).or_default();
        *occurrence += 1;
        format!("{hash:016x}:{occurrence}")
    }
}

/// One known finding. Everything but the fingerprint is there for people reading the file (and its diffs).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    pub rule: String,
    pub text: String,
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// What a run did with the baseline, for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// The baseline file, as named on the command line or in the configuration.
    pub file: String,
    /// Findings of this run the baseline knows: not reported.
    pub known: usize,
    /// Findings of the checked files the baseline lists but this run no longer found (fixed, or their text
    /// edited); `--update-baseline` drops them.
    pub gone: usize,
    /// With `--update-baseline`: the findings the written file holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<usize>,
}

impl BaselineSummary {
    /// One line for people: what the baseline hid and what can go.
    pub fn describe(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match self.written {
            Some(written) => format!(
                "baseline {} written: {} ({} no longer found, dropped)",
                self.file,
                plural(written, "known finding"),
                self.gone
            ),
            None if self.gone > 0 => format!(
                "{} in baseline {} not shown; {} no longer found (run --update-baseline to drop them)",
                plural(self.known, "known finding"),
                self.file,
                self.gone
            ),
            None => format!(
                "{} in baseline {} not shown",
                plural(self.known, "known finding"),
                self.file
            ),
        }
    }
}

#[derive(Debug)]
pub struct Baseline {
    /// As named by the user, for messages.
    name: String,
    path: PathBuf,
    /// The folder file paths are taken relative to: the baseline's own.
    root: PathBuf,
    entries: Vec<Entry>,
    known: HashSet<String>,
}

impl Baseline {
    /// Reads a baseline; with `missing_ok` (when it is about to be written), a missing file is an empty baseline.
    pub fn load(path: &Path, missing_ok: bool) -> Result<Baseline, String> {
        let name = path.display().to_string();
        let entries = match std::fs::read_to_string(path) {
            Ok(text) => {
                let file: BaselineFile =
                    serde_json::from_str(&text).map_err(|e| format!("{name}: not a tact baseline: {e}"))?;
                if file.version != VERSION {
                    return Err(format!(
                        "{name}: baseline version {} is not supported (expected {VERSION}); write it again with --update-baseline",
                        file.version
                    ));
                }
                file.findings
            }
            Err(err) if missing_ok && err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "{name}: no such baseline (write it with `tact check --baseline {name} --update-baseline`)"
                ))
            }
            Err(err) => return Err(format!("{name}: {err}")),
        };
        let absolute = normalize(&std::path::absolute(path).map_err(|e| format!("{name}: {e}"))?);
        let root = absolute.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let known = entries.iter().map(|e| e.fingerprint.clone()).collect();
        Ok(Baseline {
            name,
            path: path.to_path_buf(),
            root,
            entries,
            known,
        })
    }

    /// A source path as the baseline names it: relative to the baseline's folder with forward slashes, or as
    /// given when it lies outside (and for stdin, `-`).
    pub fn file_name(&self, source: &str) -> String {
        if source == "-" {
            return source.to_string();
        }
        let absolute = std::path::absolute(source).map(|p| normalize(&p));
        let relative = absolute
            .as_ref()
            .ok()
            .and_then(|p| p.strip_prefix(&self.root).ok())
            .unwrap_or(Path::new(source));
        relative.to_string_lossy().replace('\\', "/")
    }

    /// Takes the known findings out of `reports` (in input order, `occurrences` carried from earlier reports of
    /// the run), scoring and judging each draft again on what remains, as an inline suppression would. Returns
    /// every finding the reports had, known or new, for `--update-baseline`.
    pub fn apply(&self, reports: &mut [DraftReport], occurrences: &mut Occurrences, tally: &mut Tally) {
        // Drafts of one file come together: its name is worked out once (it asks for the working directory).
        let mut named: Option<(String, String)> = None;
        for report in reports {
            let file = match &named {
                Some((source, file)) if *source == report.source.path => file.clone(),
                _ => {
                    let file = self.file_name(&report.source.path);
                    named = Some((report.source.path.clone(), file.clone()));
                    file
                }
            };
            let draft = crate::render::draft_name(report);
            let mut keep = Vec::with_capacity(report.diagnostics.len());
            for located in std::mem::take(&mut report.diagnostics) {
                let entry = self.entry(&file, draft.as_deref(), &located, occurrences);
                if self.known.contains(&entry.fingerprint) {
                    tally.known += 1;
                } else {
                    keep.push(located);
                }
                tally.found.push(entry);
            }
            tally.files.insert(file);
            report.diagnostics = keep;
            report.rejudge();
        }
    }

    fn entry(&self, file: &str, draft: Option<&str>, located: &Located, occurrences: &mut Occurrences) -> Entry {
        let rule = &*located.diagnostic.rule;
        Entry {
            fingerprint: occurrences.next(rule, file, draft, &located.text),
            file: file.to_string(),
            draft: draft.map(str::to_string),
            rule: rule.to_string(),
            text: located.text.clone(),
        }
    }

    /// The summary of a run: what was hidden and what the checked files no longer have.
    pub fn summary(&self, tally: &Tally) -> BaselineSummary {
        let found: HashSet<&str> = tally.found.iter().map(|e| e.fingerprint.as_str()).collect();
        let gone = self
            .entries
            .iter()
            .filter(|e| tally.files.contains(&e.file) && !found.contains(e.fingerprint.as_str()))
            .count();
        BaselineSummary {
            file: self.name.clone(),
            known: tally.known,
            gone,
            written: None,
        }
    }

    /// Writes the baseline again: every finding of this run, plus the entries of files this run did not check
    /// (checking one folder must not forget the others). Sorted, so that its diffs are readable.
    pub fn update(&self, tally: Tally) -> Result<BaselineSummary, String> {
        let mut summary = self.summary(&tally);
        let mut entries: BTreeSet<Entry> = self
            .entries
            .iter()
            .filter(|e| !tally.files.contains(&e.file))
            .cloned()
            .collect();
        entries.extend(tally.found);
        let file = BaselineFile {
            version: VERSION,
            findings: entries.into_iter().collect(),
        };
        summary.written = Some(file.findings.len());
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| format!("{}: {e}", self.name))?;
        text.push('\n');
        crate::fix::write_atomically(&self.path, text.as_bytes()).map_err(|e| format!("{}: {e}", self.name))?;
        Ok(summary)
    }
}

/// Findings met over a run.
#[derive(Debug, Default)]
pub struct Tally {
    /// Every finding, known or new.
    pub found: Vec<Entry>,
    /// How many of them the baseline knew.
    pub known: usize,
    /// The files checked, as the baseline names them.
    pub files: HashSet<String>,
}

/// `a/./b/../c` -> `a/c`, without touching the file system (the file may not exist yet, links are not followed).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_pinned_and_count_occurrences() {
        // Pinned: a new value would turn every known finding into a new one (and reopen SARIF alerts).
        assert_eq!(fingerprint(&["a", "b"]), 0xab40_d782_0d40_8076);
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        let mut seen = Occurrences::default();
        let first = seen.next("tone.x", "m/a.txt", None, "as I said");
        let second = seen.next("tone.x", "m/a.txt", None, "as I said");
        assert_eq!(first.split_once(':').map(|p| p.0), second.split_once(':').map(|p| p.0));
        assert!(first.ends_with(":1") && second.ends_with(":2"), "{first} {second}");
        assert_ne!(seen.next("tone.x", "m/a.txt", Some("id-1"), "as I said"), first);
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let dir = tempfile::tempdir().unwrap();
        let baseline = Baseline::load(&dir.path().join("tact-baseline.json"), true).unwrap();
        let inside = dir.path().join("macros").join("refund.txt");
        assert_eq!(baseline.file_name(&inside.display().to_string()), "macros/refund.txt");
        let roundabout = dir.path().join("macros").join("..").join("macros").join("refund.txt");
        assert_eq!(
            baseline.file_name(&roundabout.display().to_string()),
            "macros/refund.txt"
        );
        assert_eq!(baseline.file_name("-"), "-");
    }

    #[test]
    fn missing_and_malformed_baselines_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        let err = Baseline::load(&path, false).unwrap_err();
        assert!(err.contains("--update-baseline"), "{err}");
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        assert!(Baseline::load(&path, false).unwrap_err().contains("version 9"));
        std::fs::write(&path, "[]").unwrap();
        assert!(Baseline::load(&path, false)
            .unwrap_err()
            .contains("not a tact baseline"));
    }
}
