//! The `tact` command line: arguments, subcommands, exit status.

mod check;
mod commands;

pub use commands::{run_examples, run_rule, ExampleFailure};

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::LangChoice;
use crate::input::InputFormat;
use crate::model::{Author, FailOn, Role};
use crate::render::Format;

/// The exit status of every command: 0 passed, 1 some draft failed, 2 usage, configuration, rule-file or I/O error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "tact",
    version,
    about = "An etiquette linter for outgoing customer messages.",
    long_about = "tact checks drafts of customer messages (chat replies, e-mails, canned responses, bot messages) \
                  for greeting, sign-off, length, tone, spelling, grammar, forwarding, privacy, hand-off and \
                  template mistakes, in English and French, scores each draft 0-100 and points at the exact \
                  characters.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
// The command line is parsed once per process: `check`'s many flags cost nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Check drafts in files, directories or stdin (`-`).
    Check(CheckArgs),
    /// List the rules in force.
    Rules(RulesArgs),
    /// Show a rule's message, help and examples.
    Explain {
        /// A rule id such as `tone.sarcasm`.
        rule: String,
    },
    /// Run the examples embedded in rule files (the built-in packs, or the packs under DIR).
    Test { dir: Option<std::path::PathBuf> },
    /// Write a commented `tact.toml` in the current directory.
    Init {
        /// Overwrite an existing tact.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print the configuration in force for the current directory (or FILE), as TOML.
    PrintConfig {
        file: Option<std::path::PathBuf>,
        #[arg(long, value_name = "FILE")]
        config: Option<std::path::PathBuf>,
    },
    /// Print the JSON Schema of `check`'s JSON output (draft records, error records, the `--format json` document).
    Schema,
    /// Run the language server (Language Server Protocol) on stdin/stdout.
    Lsp,
    /// Run the Model Context Protocol server on stdin/stdout: tools to check, fix and explain drafts.
    Mcp {
        /// Use this configuration file (and the words files above its folder) instead of discovering one from
        /// the working directory, which MCP clients do not always set.
        #[arg(long, value_name = "FILE")]
        config: Option<std::path::PathBuf>,
    },
    /// Manage the accepted words of `.tact/words.txt`.
    Words {
        #[command(subcommand)]
        command: WordsCommand,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum WordsCommand {
    /// Add a word to the nearest `.tact/words.txt` (from the current directory upwards; created here when there is
    /// none), kept sorted and without duplicates.
    Add {
        word: String,
        /// Accept the word in this language only (`.tact/words.LANG.txt`).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads one draft (or JSON Lines) from stdin. Default: the current directory.
    pub paths: Vec<std::path::PathBuf>,
    /// Output format [default: pretty on a terminal, concise otherwise].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,
    /// The draft's position in its conversation [default: complete].
    #[arg(long, value_enum)]
    pub role: Option<Role>,
    #[arg(long, value_enum)]
    pub author: Option<Author>,
    /// Where the drafts are sent: messenger, chat, email, social, sms, or a channel of a rule pack [default: any].
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// The field (JSON, YAML) or column (CSV) that holds the draft's text.
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// Only these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub select: Option<Vec<String>>,
    /// Skip these rules or categories.
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub ignore: Vec<String>,
    /// Add these rules or categories to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub extend_select: Vec<String>,
    /// Use this configuration file instead of discovering one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// A draft fails on a diagnostic at or above this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// A draft scoring below this fails.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: Option<u8>,
    /// JSON output: write only these diagnostic fields (comma-separated; `rule` is always written), e.g.
    /// `rule,category,severity,message,draft` for a table.
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    pub fields: Option<Vec<String>>,
    /// Exit 0 even when drafts or records fail (usage, configuration and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The name stdin stands for: picks the input format and the configuration.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<std::path::PathBuf>,
    /// Apply safe fixes: to files in place, or print the fixed draft from stdin.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply unsafe fixes (spelling corrections, rewordings).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Report and fail only on findings not in this baseline file (JSON written by --update-baseline)
    /// [default: `baseline` in tact.toml].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,
    /// Write every finding of this run to the baseline (keeping the entries of files not checked) and exit 0.
    #[arg(long)]
    pub update_baseline: bool,
    /// Print the run's figures: diagnostics per rule, the share of drafts each category failed, and over
    /// conversations the share answered and the median first-response time, per page or brand.
    #[arg(long)]
    pub statistics: bool,
    /// Show each rule's help under its diagnostics.
    #[arg(long)]
    pub explain: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Threads [default: the number of cores].
    #[arg(short = 'j', long = "threads")]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

impl ValueEnum for FailOn {
    fn value_variants<'a>() -> &'a [Self] {
        &[FailOn::Error, FailOn::Warning, FailOn::Info, FailOn::Never]
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }))
    }
}

macro_rules! value_enum_from_keywords {
    ($($ty:ty),*) => {$(
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                <$ty>::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    )*};
}

value_enum_from_keywords!(Role, Author);

pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => commands::rules(args),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Test { dir } => commands::test(dir.as_deref()),
        Command::Init { force } => commands::init(force),
        Command::PrintConfig { file, config } => commands::print_config(file.as_deref(), config.as_deref()),
        Command::Schema => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(crate::render::json::SCHEMA.as_bytes()) {
                Ok(()) => ExitStatus::Success,
                Err(err) => {
                    eprintln!("error: cannot write output: {err}");
                    ExitStatus::Error
                }
            }
        }
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => ExitStatus::Success,
            Err(err) => {
                eprintln!("error: language server: {err}");
                ExitStatus::Error
            }
        },
        Command::Mcp { config } => match crate::mcp::run_stdio(config) {
            Ok(()) => ExitStatus::Success,
            Err(err) => {
                eprintln!("error: MCP server: {err}");
                ExitStatus::Error
            }
        },
        Command::Words { command } => match command {
            WordsCommand::Add { word, lang } => commands::words_add(&word, lang.as_deref()),
        },
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "tact", &mut std::io::stdout());
            ExitStatus::Success
        }
    }
}
