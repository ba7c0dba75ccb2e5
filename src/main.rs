//! The `rootline` binary: parse arguments, dispatch, report errors once.

use std::process::ExitCode;

// Building a site allocates and frees many small strings on both cores;
// mimalloc spends less time on that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = rootline::cli::parse();
    // `serve` runs for hours: there, memory a change freed should go back to the OS.
    if !matches!(cli.command, rootline::cli::Command::Serve(_)) {
        rootline::memory::tune_for_batch();
    }
    match rootline::app::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
