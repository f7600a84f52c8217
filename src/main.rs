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
    tact::cli::run(cli).into()
}
