//! Write a synthetic corpus for scale tests and benchmarks:
//! `cargo run --release --example generate_corpus -- --out DIR --articles N [--seed S]`.
//! The reports go to `DIR/batch_NNN/`, the meetings they tell of to `DIR/truth.tsv`.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    articles: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match dossier::synthetic::generate(&args.out, args.articles, args.seed) {
        Ok(s) => {
            eprintln!(
                "wrote {} articles ({:.1} MB) telling of {} meetings to {}",
                s.articles,
                s.bytes as f64 / 1_048_576.0,
                s.meetings,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate_corpus: {}: {e}", args.out.display());
            ExitCode::from(2)
        }
    }
}
