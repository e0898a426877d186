//! Memory at each stage of opening a corpus (heap in use, counted by this probe's
//! allocator; resident and peak resident from the kernel), with the allocator set up as
//! the app sets it (`dossier::memory`), for BENCHMARKS.md:
//! `cargo run --release --example memory_probe -- FOLDER` (Linux: reads /proc/self/status).

use dossier::filter::{self, Query};
use dossier::workspace::Workspace;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Blocks allocated and not yet freed (each costs the allocator a header and rounding).
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        BLOCKS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `GlobalAlloc::realloc`, passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated and not freed, in MB.
fn live_mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1_048_576.0
}

/// A figure of /proc/self/status ("VmHWM:", the peak resident set, or "VmRSS:"), in MB.
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// One line of the report: the stage, how long it took, and memory against the text.
fn report(stage: &str, took: std::time::Duration, text_mb: f64) {
    let (live, rss, peak) = (live_mb(), status_mb("VmRSS:"), status_mb("VmHWM:"));
    println!(
        "{stage}: {took:.2?}; heap in use {live:.0} MB ({:.1}x the text) in {:.2}M blocks, resident {rss:.0} MB ({:.1}x), peak resident {peak:.0} MB ({:.1}x)",
        live / text_mb,
        BLOCKS.load(Ordering::Relaxed) as f64 / 1e6,
        rss / text_mb,
        peak / text_mb
    );
}

fn main() {
    let Some(folder) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: memory_probe FOLDER");
        std::process::exit(2);
    };
    dossier::memory::limit_arenas();
    let t = std::time::Instant::now();
    let ws = match Workspace::open(&folder) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    dossier::memory::give_back();
    let took = t.elapsed();
    let text: usize = ws.corpus().articles.iter().map(|a| a.text.len()).sum();
    let text_mb = text as f64 / 1_048_576.0;
    println!(
        "{} reports, {text_mb:.0} MB of text, {} meetings",
        ws.corpus().articles.len(),
        (0..ws.corpus().articles.len())
            .map(|a| ws.meetings()[a].len())
            .sum::<usize>()
    );
    report("workspace open", took, text_mb);
    let t = std::time::Instant::now();
    let mut index = filter::Index::build(&ws);
    dossier::memory::give_back();
    report("+ filter index", t.elapsed(), text_mb);
    let q = Query {
        text: "tok".into(),
        ..Query::default()
    };
    let t = std::time::Instant::now();
    let n = filter::apply_with(&mut index, &ws, &q).rows.len();
    dossier::memory::give_back();
    report(
        &format!("+ word index (first text query, {n} events match \"tok\")"),
        t.elapsed(),
        text_mb,
    );
}
