//! Helpers shared by the behaviour tests.

use std::fs;
use std::path::Path;

/// A copy of `sample-corpus` in a temporary folder, for tests that write a sidecar.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for e in fs::read_dir(src).expect("sample-corpus is readable") {
        let e = e.expect("a directory entry");
        fs::copy(e.path(), dir.path().join(e.file_name())).expect("a sample copies");
    }
    dir
}
