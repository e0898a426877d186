//! Peak memory at each stage of opening a corpus, for BENCHMARKS.md:
//! `cargo run --release --example memory_probe -- FOLDER` (Linux: reads /proc/self/status).

use dossier::filter::{self, Query};
use dossier::workspace::Workspace;
use std::path::PathBuf;

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let Some(folder) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: memory_probe FOLDER");
        std::process::exit(2);
    };
    println!("start: {:.0} MB", peak_mb());
    let t = std::time::Instant::now();
    let ws = match Workspace::open(&folder) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let text: usize = ws.corpus().articles.iter().map(|a| a.text.len()).sum();
    println!("corpus text: {:.0} MB", text as f64 / 1_048_576.0);
    println!(
        "workspace open: {:?}, peak {:.0} MB",
        t.elapsed(),
        peak_mb()
    );
    let t = std::time::Instant::now();
    let mut index = filter::Index::build(&ws);
    println!("filter index: {:?}, peak {:.0} MB", t.elapsed(), peak_mb());
    let q = Query {
        text: "tok".into(),
        ..Query::default()
    };
    let t = std::time::Instant::now();
    let n = filter::apply_with(&mut index, &ws, &q).rows.len();
    println!(
        "first text query, building the word index ({n} events match \"tok\"): {:?}, peak {:.0} MB",
        t.elapsed(),
        peak_mb()
    );
}
