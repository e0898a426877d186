//! dossier's side of the comparison with other tools (#15), in one run: the time to read
//! the bytes of every report in FOLDER, to open it as the app does the first time (every
//! report read and extracted), and to reopen it (metadata and meetings from the cache),
//! each with its ratio to reading the bytes.
//! `cargo run --release --example open_timing -- FOLDER`; compare with
//! `scripts/peer_taguette.py FOLDER N` (Taguette importing the same reports).

use dossier::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every report file under `dir` (`.txt`), for reading their bytes.
fn reports(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            reports(&path, out);
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
}

/// The best of three runs of `f`, not counting the time to drop what it returns (the
/// app frees a corpus it replaces on another thread).
fn best<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let made = f();
            let took = t.elapsed();
            drop(made);
            took
        })
        .min()
        .unwrap_or_default()
}

fn open(folder: &Path) -> Workspace {
    Workspace::open(folder).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    })
}

fn main() {
    let Some(folder) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: open_timing FOLDER");
        std::process::exit(2);
    };
    dossier::memory::limit_arenas();
    let mut files = Vec::new();
    reports(&folder, &mut files);
    let mut bytes = 0;
    let read = best(|| {
        bytes = files
            .iter()
            .map(|f| std::fs::read(f).map_or(0, |b| b.len()))
            .sum()
    });
    println!(
        "{} reports, {:.1} MB",
        files.len(),
        bytes as f64 / 1_048_576.0
    );
    println!("reading their bytes: {read:.2?}");
    let cache = tempfile::tempdir().expect("a temporary cache folder");
    // SAFETY: set before any other thread reads the environment.
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", "") };
    let first = best(|| open(&folder));
    let ratio = |d: Duration| d.as_secs_f64() / read.as_secs_f64();
    println!(
        "dossier, first open (every report read and extracted): {first:.2?}, {:.1}x reading",
        ratio(first)
    );
    // SAFETY: as above; the workspaces opened so far are gone, their threads idle.
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", cache.path()) };
    drop(open(&folder)); // writes the cache
    let again = best(|| open(&folder));
    println!(
        "dossier, reopening (from its cache): {again:.2?}, {:.1}x reading",
        ratio(again)
    );
}
