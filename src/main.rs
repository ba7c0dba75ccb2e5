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

/// Tunes memory for a command that runs once and ends. Keeps freed memory for
/// reuse instead of returning it to the OS: a build frees and allocates a lot
/// as it renders, and handing pages back and faulting fresh zeroed ones in again
/// cost about 5,000 page faults and a tenth of the system time at 10,000
/// incidents. Uses ordinary pages, not 2 MB ones, which the kernel zeroes whole
/// on first touch. mimalloc reserves its first arena, and asks for huge pages
/// on it, before `main` runs, so its option covers only later arenas; the
/// process-wide switch covers the first one too (6.57 s to 6.38 s and 18 MB
/// less peak memory at 10,000). Measured by alternating builds
/// (docs/performance.md).
fn tune_memory_for_batch() {
    // SAFETY: sets plain integer options; mimalloc reads options atomically.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 0);
    }
    // SAFETY: integer arguments only; it sets this process's "no transparent
    // huge pages" flag, which the kernel reads on each later page fault.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    let cli = rootline::cli::Cli::parse();
    // `serve` runs for hours: there, memory a change freed should go back to the OS.
    if !matches!(cli.command, rootline::cli::Command::Serve(_)) {
        tune_memory_for_batch();
    }
    match rootline::app::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
