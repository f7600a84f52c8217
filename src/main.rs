use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match tact::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    if !matches!(cli.command, tact::cli::Command::Check(_)) {
        quiet_on_closed_pipe();
    }
    tact::cli::run(cli).into()
}

/// `tact rules | head`: a reader that stops early ends the process quietly, as it does `cat` or `ls`. Rust ignores
/// SIGPIPE, so every `println!` would panic on the closed pipe instead. `check` handles a closed pipe itself and
/// keeps its exit status.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called before any thread starts; SIG_DFL is a valid action for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
