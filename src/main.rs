//! The `rootline` binary: parse arguments, dispatch, report errors once.

use clap::Parser;
use std::process::ExitCode;

// Building a site allocates and frees many small strings on both cores;
// mimalloc spends less time on that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the same number in its v2 and v3 headers).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory for reuse instead of returning it to the OS. A build frees
/// and allocates a lot as it renders; handing pages back and faulting in fresh
/// zeroed ones again cost about 5,000 page faults and a tenth of the system time
/// at 10,000 incidents. Commands that end soon hold at most their peak anyway.
fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = rootline::cli::Cli::parse();
    // `serve` runs for hours: there, memory a change freed should go back to the OS.
    if !matches!(cli.command, rootline::cli::Command::Serve(_)) {
        keep_freed_memory();
    }
    match rootline::app::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
