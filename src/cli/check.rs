//! `tact check`: gather inputs, resolve settings per file, check in parallel, render in input order.

use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{CheckArgs, ColorChoice, ExitStatus};
use crate::baseline::{Baseline, BaselineSummary, Occurrences, Tally};
use crate::config::{resolve, CliOverrides, ConfigCache, LangChoice, Options, Resolved};
use crate::input::{InputError, InputFormat, ParseOptions, SourceFile};
use crate::model::Lang;
use crate::pipeline::check_source;
use crate::render::{self, Format, RenderOptions, RuleDescriptor};
use crate::report::{DraftReport, Summary};

enum Input {
    Stdin,
    /// A file named on the command line, or (`discovered`) found by walking a folder.
    File {
        path: PathBuf,
        discovered: bool,
    },
}

type LoadedConfig = Result<Arc<(Options, PathBuf)>, String>;
/// A configuration file, the `[[overrides]]` that match, and the `.tact/words.txt` files in force.
type SettingsKey = (Option<PathBuf>, Vec<bool>, Vec<PathBuf>);

/// Settings per (configuration file, overrides that match), built once and shared.
struct SettingsCache {
    explicit: Option<Option<(Options, PathBuf)>>,
    discovery: ConfigCache,
    loaded: Mutex<HashMap<PathBuf, LoadedConfig>>,
    resolved: Mutex<HashMap<SettingsKey, Arc<Resolved>>>,
    cli: CliOverrides,
}

impl SettingsCache {
    fn config_for(&self, dir: &Path) -> Result<Option<Arc<(Options, PathBuf)>>, String> {
        if let Some(explicit) = &self.explicit {
            return Ok(explicit.clone().map(Arc::new));
        }
        let Some(path) = self.discovery.lookup(dir) else {
            return Ok(None);
        };
        let mut loaded = self
            .loaded
            .lock()
            .map_err(|_| "configuration cache poisoned".to_string())?;
        let entry = loaded
            .entry(path.clone())
            .or_insert_with(|| match Options::load(&path) {
                Ok((options, warnings)) => {
                    for warning in warnings {
                        eprintln!("warning: {warning}");
                    }
                    Ok(Arc::new((options, path.clone())))
                }
                Err(err) => Err(err.to_string()),
            });
        entry.clone().map(Some)
    }

    fn settings(&self, file: Option<&Path>, dir: &Path) -> Result<Arc<Resolved>, String> {
        let config = self.config_for(dir)?;
        let overrides: Vec<bool> = match (&config, file) {
            (Some(config), Some(file)) => {
                let base = config.1.parent().unwrap_or(Path::new("."));
                config
                    .0
                    .overrides
                    .iter()
                    .flatten()
                    .map(|o| o.matches(base, file).unwrap_or(false))
                    .collect()
            }
            _ => Vec::new(),
        };
        let word_files = crate::config::find_word_files(dir);
        let key = (config.as_ref().map(|c| c.1.clone()), overrides, word_files.clone());
        if let Some(hit) = self.resolved.lock().ok().and_then(|r| r.get(&key).cloned()) {
            return Ok(hit);
        }
        let resolved = Arc::new(resolve(config.as_deref(), file, &word_files, &self.cli)?);
        if let Ok(mut cache) = self.resolved.lock() {
            cache.insert(key, resolved.clone());
        }
        Ok(resolved)
    }
}

/// What checking one input gave.
#[derive(Default)]
struct Outcome {
    reports: Vec<DraftReport>,
    errors: Vec<InputError>,
    /// Configuration or rule errors: the run stops with exit 2.
    fatal: Option<String>,
    fixed_stdin: Option<String>,
    /// `--fix` could not write its result: `errors` says why, and the reports are those of the file as it is.
    write_failed: bool,
    /// A file found by a folder walk that holds no messages, by name.
    skipped: Option<String>,
    /// A file of records that holds none (an empty export), by name.
    empty: Option<String>,
    /// Every conversation read, for `--statistics`.
    conversations: Vec<Arc<crate::conversation::Conversation>>,
}

pub fn run(mut args: CheckArgs) -> ExitStatus {
    crate::engine::registry::skip_examples();
    anstream::ColorChoice::write_global(match args.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    });
    if let Some(threads) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let explicit = match (&args.config, args.no_config) {
        (_, true) => Some(None),
        (Some(path), false) => match Options::load(path) {
            Ok((options, warnings)) => {
                for warning in warnings {
                    eprintln!("warning: {warning}");
                }
                Some(Some((options, path.clone())))
            }
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        },
        (None, false) => None,
    };
    // Never dropped: the process ends after this run, and freeing every rule and regex one by one at exit only
    // costs time (about 2 ms of a 15 ms check of one draft).
    let cache = std::mem::ManuallyDrop::new(SettingsCache {
        explicit,
        discovery: ConfigCache::default(),
        loaded: Mutex::default(),
        resolved: Mutex::default(),
        cli: CliOverrides {
            lang: args.lang,
            role: args.role,
            author: args.author,
            channel: args.channel.clone(),
            fail_on: args.fail_on,
            min_score: args.min_score,
            select: args.select.clone(),
            extend_select: args.extend_select.clone(),
            ignore: args.ignore.clone(),
        },
    });

    let baseline = match open_baseline(&args, &cache) {
        Ok(baseline) => baseline,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    let (inputs, mut walk_errors) = gather(&args.paths);
    if let [Input::Stdin] = inputs.as_slice() {
        if args.input_format == InputFormat::Auto && args.stdin_filename.is_none() && stdin_holds_json_lines(&args) {
            args.input_format = InputFormat::Jsonl;
        }
    }
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_is_terminal {
        Format::Pretty
    } else {
        Format::Concise
    });
    if let ([Input::Stdin], true) = (inputs.as_slice(), streams_stdin(&args, format)) {
        return stream_stdin_jsonl(&args, &cache, format, baseline.as_ref());
    }
    let fields = match fields(&args) {
        Ok(fields) => fields,
        Err(status) => return status,
    };
    crate::pipeline::expect_drafts(inputs.len());
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| check_input(input, &args, &cache))
        .collect();

    let mut reports = Vec::new();
    let mut errors: Vec<InputError> = std::mem::take(&mut walk_errors);
    let mut fixed_stdin = None;
    let mut write_errors = 0;
    let mut skipped = Vec::new();
    let mut empty = Vec::new();
    let mut conversations = Vec::new();
    for outcome in outcomes {
        skipped.extend(outcome.skipped);
        empty.extend(outcome.empty);
        if let Some(fatal) = outcome.fatal {
            eprintln!("error: {fatal}");
            return ExitStatus::Error;
        }
        // Record errors are placed among their own input's reports; after this input's predecessors.
        let preceding = reports.len();
        errors.extend(outcome.errors.into_iter().map(|mut error| {
            if let Some(record) = error.record.as_mut() {
                record.before += preceding;
            }
            error
        }));
        reports.extend(outcome.reports);
        write_errors += usize::from(outcome.write_failed);
        conversations.extend(outcome.conversations);
        if outcome.fixed_stdin.is_some() {
            fixed_stdin = outcome.fixed_stdin;
        }
    }
    report_errors(&errors, format);
    note_files(
        "skipped",
        &skipped,
        "that hold no messages (name a file to check it anyway)",
    );
    note_files("found no drafts in", &empty, "");
    if reports.is_empty() && errors.is_empty() {
        let what = if inputs.len() == skipped.len() {
            let extensions = InputFormat::EXTENSIONS.join(", .");
            format!("no file of messages found (tact reads .{extensions})")
        } else {
            "the inputs hold no drafts".to_string()
        };
        eprintln!("error: nothing was checked: {what}");
        return ExitStatus::Error;
    }

    let mut baseline_summary = None;
    if let Some(baseline) = &baseline {
        let mut tally = Tally::default();
        let mut occurrences = Occurrences::default();
        apply_baseline(
            baseline,
            &mut reports,
            &mut occurrences,
            &mut tally,
            args.update_baseline,
        );
        match close_baseline(baseline, tally, args.update_baseline, errors.len()) {
            Ok(summary) => baseline_summary = Some(summary),
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        }
    }

    let mut summary = Summary {
        write_errors,
        ..Summary::new(&reports, inputs.len(), errors.len() - write_errors)
    };
    summary.baseline = baseline_summary;
    if let Some(baseline) = summary.baseline.as_ref().filter(|_| !format.has_summary_line()) {
        eprintln!("tact: {}", baseline.describe());
    }
    let options = RenderOptions {
        show_help: args.explain,
        show_scores: reports.len() == 1,
        statistics: args
            .statistics
            .then(|| crate::statistics::Statistics::new(&reports, &conversations)),
        rules: rule_descriptors(&reports, &cache),
        fields,
    };
    let written = match fixed_stdin {
        // The fixed draft owns stdout; what remains to say goes to stderr.
        Some(fixed) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(fixed.as_bytes());
            let _ = stdout.flush();
            let mut stderr = anstream::stderr().lock();
            render::render(format, &reports, &errors, &summary, &options, &mut stderr)
        }
        None => {
            let mut stdout = anstream::stdout().lock();
            render::render(format, &reports, &errors, &summary, &options, &mut stdout).and_then(|_| stdout.flush())
        }
    };
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {err}");
            return ExitStatus::Error;
        }
    }
    let failed = reports.iter().any(|r| !r.passed) || errors.iter().any(InputError::is_record);
    exit_status(errors.iter().any(|e| !e.is_record()), failed, args.exit_zero)
}

/// Usage, configuration and I/O errors exit 2; a record that could not be checked counts as a failed draft (exit
/// 1, or 0 under `--exit-zero`): one bad row in a million is the data's problem, not a broken tool.
fn exit_status(input_failed: bool, failed: bool, exit_zero: bool) -> ExitStatus {
    if input_failed {
        ExitStatus::Error
    } else if failed && !exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The baseline named by `--baseline`, else by `baseline` in the configuration of the working directory.
fn open_baseline(args: &CheckArgs, cache: &SettingsCache) -> Result<Option<Baseline>, String> {
    let path = match &args.baseline {
        Some(path) => Some(path.clone()),
        None => cache.config_for(Path::new("."))?.and_then(|config| {
            let (options, file) = &*config;
            options
                .baseline
                .as_ref()
                .map(|baseline| file.parent().unwrap_or(Path::new(".")).join(baseline))
        }),
    };
    match path {
        Some(path) => Baseline::load(&path, args.update_baseline).map(Some),
        None if args.update_baseline => Err(
            "--update-baseline needs a baseline file: --baseline FILE, or `baseline = \"FILE\"` in tact.toml".into(),
        ),
        None => Ok(None),
    }
}

/// Takes the baseline's findings out of the reports; when it is being rewritten, every finding is about to be
/// known, so none is reported.
fn apply_baseline(
    baseline: &Baseline,
    reports: &mut [DraftReport],
    occurrences: &mut Occurrences,
    tally: &mut Tally,
    update: bool,
) {
    baseline.apply(reports, occurrences, tally);
    if update {
        for report in reports {
            report.diagnostics.clear();
            report.rejudge();
        }
    }
}

/// Errors go to stderr, except the record errors that the output format carries in their place.
fn report_errors(errors: &[InputError], format: Format) {
    for error in errors {
        if !(error.is_record() && format.carries_record_errors()) {
            eprintln!("error: {error}");
        }
    }
}

/// Writes the baseline when asked (never after an input error: the unread file's findings would be forgotten) and
/// sums up what it did.
fn close_baseline(
    baseline: &Baseline,
    tally: Tally,
    update: bool,
    input_errors: usize,
) -> Result<BaselineSummary, String> {
    if !update {
        return Ok(baseline.summary(&tally));
    }
    if input_errors > 0 {
        return Err(format!(
            "baseline not written: {input_errors} input(s) could not be read, and their findings would be dropped"
        ));
    }
    baseline.update(tally)
}

fn fields(args: &CheckArgs) -> Result<render::json::Fields, ExitStatus> {
    match &args.fields {
        None => Ok(render::json::Fields::ALL),
        Some(names) => render::json::Fields::parse(names).map_err(|err| {
            eprintln!("error: {err}");
            ExitStatus::Error
        }),
    }
}

/// The rules the diagnostics name, as configured where they ran (SARIF describes them). Settings are visited in
/// key order so that two configurations giving a rule different severities always yield the same one.
fn rule_descriptors(reports: &[DraftReport], cache: &SettingsCache) -> Vec<RuleDescriptor> {
    let ids: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| &*d.diagnostic.rule)
        .collect();
    let mut settings: Vec<(SettingsKey, Arc<Resolved>)> = match cache.resolved.lock() {
        Ok(resolved) => resolved.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Err(_) => Vec::new(),
    };
    settings.sort_by(|a, b| a.0.cmp(&b.0));
    ids.into_iter()
        .filter_map(|id| {
            settings
                .iter()
                .flat_map(|(_, s)| &s.rules.rules)
                .find(|rule| &*rule.id == id)
                .map(RuleDescriptor::of)
        })
        .collect()
}

/// JSON Lines on stdin are read, checked and printed a batch at a time, so that a stream of any length runs in
/// constant memory; the formats that need every draft before they can write (json, sarif, junit, checkstyle),
/// `--fix` and `--statistics` read the whole input instead.
fn streams_stdin(args: &CheckArgs, format: Format) -> bool {
    let jsonl = match args.input_format {
        InputFormat::Jsonl => true,
        InputFormat::Auto => args
            .stdin_filename
            .as_ref()
            .is_some_and(|name| InputFormat::for_path(&name.display().to_string()) == InputFormat::Jsonl),
        _ => false,
    };
    jsonl && format.streams() && !args.fix && !args.statistics
}

/// One line on stderr for files that were read but gave nothing to check, naming the first few.
fn note_files(what: &str, files: &[String], why: &str) {
    const NAMED: usize = 5;
    if files.is_empty() {
        return;
    }
    let names = files[..files.len().min(NAMED)].join(", ");
    let more = match files.len().saturating_sub(NAMED) {
        0 => String::new(),
        more => format!(" and {more} more"),
    };
    let count = if files.len() == 1 {
        "1 file".to_string()
    } else {
        format!("{} files", files.len())
    };
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" {why}")
    };
    eprintln!("note: {what} {count}{why}: {names}{more}");
}

/// Whether piped stdin is JSON Lines: its first line is a JSON object with a text or a conversation, as agents and
/// scripts send records. Peeks at the buffered input without consuming it.
fn stdin_holds_json_lines(args: &CheckArgs) -> bool {
    use std::io::BufRead;
    let mut stdin = std::io::stdin().lock();
    let Ok(peek) = stdin.fill_buf() else {
        return false;
    };
    let start = peek.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(peek.len());
    let rest = &peek[start..];
    if !rest.starts_with(b"{") {
        return false;
    }
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    let keys: Vec<&str> = match args.text_field.as_deref() {
        Some(field) => vec![field, "messages"],
        None => crate::input::TEXT_FIELDS.iter().copied().chain(["messages"]).collect(),
    };
    match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line) {
        Ok(record) => keys.iter().any(|k| record.contains_key(*k)),
        // A first line longer than the buffer: its opening is enough to tell.
        Err(_) if line.len() == rest.len() => {
            let opening = String::from_utf8_lossy(line);
            keys.iter()
                .any(|k| opening.contains(&format!("\"{k}\":")) || opening.contains(&format!("\"{k}\" :")))
        }
        Err(_) => false,
    }
}

/// How stdin is named in output (`--stdin-filename`, or `-`) and the folder its configuration is found from.
fn stdin_name_and_dir(args: &CheckArgs) -> (String, PathBuf) {
    let name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let dir = args
        .stdin_filename
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    (name, dir)
}

/// Records per batch: enough to keep every core busy, few enough to bound memory.
const STREAM_BATCH: usize = 1024;

fn stream_stdin_jsonl(
    args: &CheckArgs,
    cache: &SettingsCache,
    format: Format,
    baseline: Option<&Baseline>,
) -> ExitStatus {
    let (name, dir) = stdin_name_and_dir(args);
    let settings = match cache.settings(args.stdin_filename.as_deref(), &dir) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitStatus::Error;
        }
    };
    let linter = crate::lint::Linter {
        rules: &settings.rules,
        selection: &settings.selection,
        words: &settings.words,
    };
    let record_options = crate::input::RecordOptions {
        text_field: args.text_field.as_deref(),
    };
    let fields = match fields(args) {
        Ok(fields) => fields,
        Err(status) => return status,
    };
    let options = RenderOptions {
        show_help: args.explain,
        show_scores: false,
        statistics: None,
        rules: Vec::new(),
        fields,
    };
    let mut out = anstream::stdout().lock();
    let mut reader = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let mut summary = Summary {
        files: 1,
        ..Summary::default()
    };
    let (mut total_score, mut offset, mut line, mut any_failed) = (0u64, 0usize, 0usize, false);
    let (mut occurrences, mut tally) = (Occurrences::default(), Tally::default());
    let mut input_failed = false;
    let mut done = false;
    while !done {
        // A line is its text, or the error that kept it from being read, with its offset and line in the stream.
        let mut batch: Vec<(Result<String, InputError>, usize, usize)> = Vec::with_capacity(STREAM_BATCH);
        while batch.len() < STREAM_BATCH {
            let mut bytes = Vec::new();
            let read = match read_record_line(&mut reader, &mut bytes) {
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(read) if bytes.len() > crate::input::MAX_FILE_BYTES => {
                    eprintln!(
                        "error: {name}:{}: record is larger than {} MiB; not checked",
                        line + 1,
                        crate::input::MAX_FILE_BYTES >> 20
                    );
                    summary.input_errors += 1;
                    offset += read;
                    line += 1;
                    continue;
                }
                Ok(read) => read,
                Err(err) => {
                    eprintln!("error: {name}: {err}");
                    summary.input_errors += 1;
                    input_failed = true;
                    done = true;
                    break;
                }
            };
            match String::from_utf8(bytes) {
                Ok(text) => batch.push((Ok(text), offset, line)),
                Err(err) => {
                    let at = err.utf8_error().valid_up_to();
                    let valid = String::from_utf8_lossy(&err.as_bytes()[..at]).into_owned();
                    let source = SourceFile::window(name.clone(), valid, offset, line);
                    let error = InputError::record(
                        &source,
                        at,
                        crate::input::RecordErrorKind::InvalidUtf8,
                        Some((line + 1).to_string()),
                        false,
                        format!("invalid UTF-8 at byte {}; record not checked", offset + at),
                    );
                    batch.push((Err(error), offset, line));
                }
            }
            offset += read;
            line += 1;
        }
        crate::pipeline::expect_drafts(batch.len());
        let results: Vec<(Vec<DraftReport>, Vec<InputError>)> = batch
            .into_par_iter()
            .map(|(text, offset, line)| {
                let text = match text {
                    Ok(text) => text,
                    Err(error) => return (Vec::new(), vec![error]),
                };
                let source = Arc::new(SourceFile::window(name.clone(), text, offset, line));
                let mut parsed = crate::input::Parsed::default();
                crate::input::parse_jsonl_line(&source, &source.text, 0, record_options, &mut parsed);
                crate::pipeline::check_drafts(&linter, &source, parsed.drafts, parsed.errors, &settings)
            })
            .collect();
        for (mut reports, errors) in results {
            if let Some(baseline) = baseline {
                apply_baseline(
                    baseline,
                    &mut reports,
                    &mut occurrences,
                    &mut tally,
                    args.update_baseline,
                );
            }
            report_errors(&errors, format);
            for error in &errors {
                summary.input_errors += 1;
                any_failed |= error.is_record();
                input_failed |= !error.is_record();
            }
            for report in &reports {
                summary.add(report, &mut total_score);
                any_failed |= !report.passed;
            }
            if let Err(err) = render::render_batch(format, &reports, &errors, &options, &mut out) {
                return write_failed(err);
            }
        }
    }
    summary.finish(total_score);
    if let Some(baseline) = baseline {
        match close_baseline(baseline, tally, args.update_baseline, summary.input_errors) {
            Ok(done) => summary.baseline = Some(done),
            Err(err) => {
                eprintln!("error: {err}");
                return ExitStatus::Error;
            }
        }
        if let Some(baseline) = summary.baseline.as_ref().filter(|_| !format.has_summary_line()) {
            eprintln!("tact: {}", baseline.describe());
        }
    }
    if let Err(err) = render::render_summary(format, &summary, &mut out).and_then(|_| out.flush()) {
        return write_failed(err);
    }
    exit_status(input_failed, any_failed, args.exit_zero)
}

/// Reads one line of a JSON Lines stream, keeping at most one byte over the size limit in memory: the rest of an
/// oversized line is read and dropped. Returns the bytes the line took in the stream.
fn read_record_line(reader: &mut impl std::io::BufRead, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::{BufRead, Read};
    let limit = crate::input::MAX_FILE_BYTES as u64 + 1;
    let mut read = reader.by_ref().take(limit).read_until(b'\n', bytes)?;
    if bytes.len() as u64 == limit && bytes.last() != Some(&b'\n') {
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let more = reader.by_ref().take(1 << 20).read_until(b'\n', &mut sink)?;
            read += more;
            if more == 0 || sink.last() == Some(&b'\n') {
                break;
            }
        }
    }
    Ok(read)
}

fn write_failed(err: std::io::Error) -> ExitStatus {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        return ExitStatus::Success;
    }
    eprintln!("error: cannot write output: {err}");
    ExitStatus::Error
}

fn gather(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .hidden(true)
                .git_ignore(true)
                .require_git(false)
                .build()
                .filter_map(|entry| match entry {
                    Ok(entry) => Some(entry),
                    Err(err) => {
                        errors.push(InputError::file(&path.display().to_string(), err.to_string()));
                        None
                    }
                })
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| InputFormat::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                })
                .filter(|p| p.file_name().is_none_or(|n| n != "tact.toml"))
                .collect();
            found.sort();
            inputs.extend(found.into_iter().map(|path| Input::File { path, discovered: true }));
        } else if path.exists() {
            inputs.push(Input::File {
                path: path.clone(),
                discovered: false,
            });
        } else {
            errors.push(InputError::file(
                &path.display().to_string(),
                "no such file or directory".to_string(),
            ));
        }
    }
    (inputs, errors)
}

fn check_input(input: &Input, args: &CheckArgs, cache: &SettingsCache) -> Outcome {
    let (source, file, dir) = match input {
        Input::Stdin => {
            let (name, dir) = stdin_name_and_dir(args);
            let source = crate::input::read_bounded(std::io::stdin().lock(), &name)
                .and_then(|bytes| SourceFile::from_bytes(name, bytes));
            (source, args.stdin_filename.clone(), dir)
        }
        Input::File { path, .. } => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            (SourceFile::read(path), Some(path.clone()), dir)
        }
    };
    let source = match source {
        Ok(source) => Arc::new(source),
        Err(err) => {
            return Outcome {
                errors: vec![err],
                ..Outcome::default()
            }
        }
    };
    prefetch_dictionary(&source.text, args);
    let settings = match cache.settings(file.as_deref(), &dir) {
        Ok(settings) => settings,
        Err(err) => {
            return Outcome {
                fatal: Some(err),
                ..Outcome::default()
            }
        }
    };
    let discovered = matches!(input, Input::File { discovered: true, .. });
    let parsed = crate::input::parse(
        &source,
        ParseOptions {
            discovered,
            ..parse_options(args)
        },
    );
    if parsed.foreign {
        return Outcome {
            skipped: Some(source.path.clone()),
            ..Outcome::default()
        };
    }
    if args.fix {
        return fix_input(input, source, args, &settings);
    }
    let (reports, errors, conversations) = crate::pipeline::check_parsed(&source, parsed, &settings);
    Outcome {
        empty: (reports.is_empty() && errors.is_empty()).then(|| source.path.clone()),
        reports,
        errors,
        conversations,
        ..Outcome::default()
    }
}

/// The dictionary the text will most likely need starts loading while the settings are read and the other rules
/// run, unless the command line leaves spelling out.
fn prefetch_dictionary(text: &str, args: &CheckArgs) {
    let named = |selectors: &[String]| selectors.iter().any(|s| s == "spelling" || s.starts_with("spelling."));
    let deselected = named(&args.ignore)
        || args
            .select
            .as_ref()
            .is_some_and(|s| !named(s) && !named(&args.extend_select));
    if deselected {
        return;
    }
    let lang = match args.lang {
        Some(LangChoice::En) => Some(Lang::En),
        Some(LangChoice::Fr) => Some(Lang::Fr),
        _ => {
            // The opening of a large file is enough to tell its language.
            crate::lang::detect(&text[..crate::document::floor_char_boundary(text, 4096)])
        }
    };
    if let Some(lang) = lang {
        crate::spell::prefetch(lang);
    }
}

fn parse_options(args: &CheckArgs) -> ParseOptions<'_> {
    ParseOptions {
        format: args.input_format,
        text_field: args.text_field.as_deref(),
        discovered: false,
    }
}

fn fix_input(input: &Input, source: Arc<SourceFile>, args: &CheckArgs, settings: &Resolved) -> Outcome {
    let original = source.clone();
    let fixed = crate::pipeline::fix_source(source, parse_options(args), settings, args.unsafe_fixes);
    let (current, reports, errors) = (fixed.source, fixed.reports, fixed.errors);
    match input {
        Input::Stdin => Outcome {
            reports,
            errors,
            fixed_stdin: Some(current.text.clone()),
            ..Outcome::default()
        },
        Input::File { path, .. } => {
            if current.text == original.text {
                return Outcome {
                    reports,
                    errors,
                    ..Outcome::default()
                };
            }
            let failure = match std::fs::read(path) {
                Ok(now) if now == original.encode(&original.text) => {
                    crate::fix::write_fixed(path, &original.encode(&current.text))
                        .err()
                        .map(|err| err.to_string())
                }
                Ok(_) => Some("the file changed on disk while it was being checked; not fixed".to_string()),
                Err(err) => Some(format!("cannot read the file again before writing the fix: {err}")),
            };
            match failure {
                None => Outcome {
                    reports,
                    errors,
                    ..Outcome::default()
                },
                // What is reported is what is on disk: the drafts as they were, not the fixes that were not written.
                Some(message) => {
                    let (reports, mut on_disk_errors) = check_source(&original, parse_options(args), settings);
                    on_disk_errors.push(InputError::file(&original.path, message));
                    Outcome {
                        reports,
                        errors: on_disk_errors,
                        write_failed: true,
                        ..Outcome::default()
                    }
                }
            }
        }
    }
}
