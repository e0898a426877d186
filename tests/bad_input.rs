//! A folder of bad files is reported file by file, and the good files still load.

use dossier::corpus::{self, Encoding, Problem, SkipReason};
use std::fs;

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn every_bad_kind_is_reported_with_its_reason_and_good_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(
        root.join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    fs::write(root.join("empty.txt"), b"").unwrap();
    fs::write(root.join("blank.md"), b"  \r\n\n").unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"Caf\xe9 talks\n\nBEIJING -- Xi met Tokayev \x93here\x94.",
    )
    .unwrap();
    fs::write(
        root.join("sub/utf16le.txt"),
        utf16(
            "Xi meets Japarov\r\n\r\nASTANA, July 3 (Xinhua) -- Talks.",
            true,
        ),
    )
    .unwrap();
    fs::write(
        root.join("sub/utf16be.txt"),
        utf16("Xi meets Rahmon\n\nDUSHANBE -- Talks.", false),
    )
    .unwrap();
    fs::write(
        root.join("crlf.txt"),
        b"Xi meets Aliyev\r\n\r\nBAKU, June 2 (Xinhua) -- Talks\rheld.\r\n",
    )
    .unwrap();
    let big = fs::File::create(root.join("huge.txt")).unwrap();
    big.set_len(21 * 1024 * 1024).unwrap();
    fs::write(root.join("good.txt"), "Good title\n\nBEIJING: Body.").unwrap();

    let c = corpus::load(root).unwrap();
    let loaded: Vec<_> = c.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        loaded,
        [
            "crlf.txt",
            "good.txt",
            "latin1.txt",
            "sub/utf16be.txt",
            "sub/utf16le.txt"
        ]
    );
    let problems: Vec<_> = c
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            ("binary.txt", Problem::Skipped(SkipReason::Binary)),
            ("blank.md", Problem::Skipped(SkipReason::Empty)),
            ("empty.txt", Problem::Skipped(SkipReason::Empty)),
            (
                "huge.txt",
                Problem::Skipped(SkipReason::TooLarge {
                    bytes: 21 * 1024 * 1024,
                    limit: 20 * 1024 * 1024
                })
            ),
            ("latin1.txt", Problem::Redecoded(Encoding::Windows1252)),
        ]
    );
    let text = |p: &str| c.article(p).unwrap().text.as_str();
    assert_eq!(
        text("latin1.txt"),
        "Café talks\n\nBEIJING -- Xi met Tokayev “here”."
    );
    assert_eq!(
        text("crlf.txt"),
        "Xi meets Aliyev\n\nBAKU, June 2 (Xinhua) -- Talks\nheld.\n"
    );
    assert_eq!(
        c.article("crlf.txt").unwrap().meta.place.as_deref(),
        Some("Baku")
    );
    assert_eq!(
        text("sub/utf16le.txt"),
        "Xi meets Japarov\n\nASTANA, July 3 (Xinhua) -- Talks."
    );
    assert_eq!(
        c.article("sub/utf16le.txt").unwrap().encoding,
        Encoding::Utf16Le
    );
    assert_eq!(
        c.article("sub/utf16be.txt").unwrap().meta.title,
        "Xi meets Rahmon"
    );
    let reasons: Vec<String> = c.problems.iter().map(|p| p.problem.to_string()).collect();
    assert_eq!(
        reasons[0],
        "skipped: binary file (contains NUL bytes), not text"
    );
    assert_eq!(
        reasons[3],
        "skipped: too large (21.0 MB; the limit is 20 MB)"
    );
    assert!(reasons[4].contains("Windows-1252"));
}

#[test]
fn a_missing_folder_or_a_file_given_as_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let err = corpus::load(&missing).unwrap_err().to_string();
    assert!(err.starts_with(&missing.display().to_string()), "{err}");
    let file = dir.path().join("a.txt");
    fs::write(&file, "x").unwrap();
    let err = corpus::load(&file).unwrap_err().to_string();
    assert_eq!(err, format!("{}: not a folder", file.display()));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_skipped_with_the_reason() {
    // A link to a file that is gone cannot be read, even by root.
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("link.txt")).unwrap();
    fs::write(dir.path().join("ok.txt"), "Title\n\nBEIJING: Body.").unwrap();
    let c = corpus::load(dir.path()).unwrap();
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.problems.len(), 1);
    assert_eq!(c.problems[0].path, "link.txt");
    let Problem::Skipped(SkipReason::Unreadable { error }) = &c.problems[0].problem else {
        panic!("expected an unreadable file, got {:?}", c.problems[0]);
    };
    assert!(error.contains("No such file"), "{error}");
}
