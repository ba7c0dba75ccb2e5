//! The `rootline` binary: parse arguments, dispatch, report errors once.

use clap::Parser;
use std::process::ExitCode;

// Building a site allocates and frees many small strings on both cores;
// mimalloc spends less time on that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
