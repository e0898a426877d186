//! The extractor's fingerprint: a hash of the core's sources and the knowledge files
//! (`assets/`), so the cache of extracted meetings kept between runs is thrown away
//! whenever what extracts them could have changed.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dirs = [here.join("src"), here.join("../../assets")];
    let mut all = Vec::new();
    for d in &dirs {
        println!("cargo:rerun-if-changed={}", d.display());
        files(d, &mut all);
    }
    all.sort();
    let mut h = DefaultHasher::new();
    for f in &all {
        h.write(
            f.strip_prefix(&here)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=DOSSIER_EXTRACTOR={:016x}", h.finish());
}
