//! How the app asks the system allocator to hold memory, so that what it keeps resident
//! follows what it uses (glibc on Linux; elsewhere these do nothing).
//!
//! Opening a corpus reads and parses files on every core, and glibc gives each thread
//! its own arena: the short-lived buffers of loading, freed among the long-lived
//! reports and meetings, stay resident in each arena. Two arenas keep most of the
//! parallel speed (measured: reopening 100k reports 1.22 s with two, 1.11 s with one per
//! thread, 1.38 s with one) for 40 MB less at 100k reports; handing back whole free pages
//! after a large load or index build returns the rest of what loading left behind.

/// Limit the allocator's arenas. Call first thing in `main`, before any thread starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a tuning parameter; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Return the allocator's free pages to the system (after opening a corpus or building
/// an index, which free much of what they allocate along the way).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}
