//! The `rootline` binary: parse arguments, dispatch, report errors once.

use clap::Parser;
use std::process::ExitCode;

// Building a site allocates and frees many small strings on both cores;
// mimalloc spends less time on that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the same number in its v2 and v3
/// headers), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
// Its neighbour is named: if mimalloc ever renumbers its options, this stops the build.
const _: () = assert!(libmimalloc_sys::mi_option_use_numa_nodes == MI_OPTION_PURGE_DELAY + 1);

/// Tunes the allocator for a command that runs once and ends. Keeps freed memory
/// for reuse instead of returning it to the OS: a build frees and allocates a lot
/// as it renders, and handing pages back and faulting fresh zeroed ones in again
/// cost about 5,000 page faults and a tenth of the system time at 10,000
/// incidents. Uses ordinary pages, not 2 MB ones, which the kernel zeroes whole
/// on first touch: a further 0.3 s of system time at 10,000. Both measured by
/// alternating builds (docs/performance.md).
fn tune_allocator_for_batch() {
    // SAFETY: sets plain integer options; mimalloc reads options atomically.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 0);
    }
}

fn main() -> ExitCode {
    let cli = rootline::cli::Cli::parse();
    // `serve` runs for hours: there, memory a change freed should go back to the OS.
    if !matches!(cli.command, rootline::cli::Command::Serve(_)) {
        tune_allocator_for_batch();
    }
    match rootline::app::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
