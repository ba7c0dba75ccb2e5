//! The `rootline` binary: parse arguments, dispatch, report errors once.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rootline::cli::Cli::parse();
    match rootline::app::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
