//! Memory settings for commands that run once and end (`check`, `build`, ...).
//!
//! Measured on the project VM, where the first touch of a page is expensive
//! (docs/performance.md). Takes effect only with mimalloc as the global
//! allocator, as in the `rootline` binary; harmless otherwise.

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
/// less peak memory at 10,000). Measured by alternating builds.
pub fn tune_for_batch() {
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
