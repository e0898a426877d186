//! Turning a file's bytes into normalised article text.
//!
//! UTF-8 (with or without a BOM) is read as is; UTF-16 LE/BE needs its BOM; anything
//! else that is not valid UTF-8 is read as Windows-1252, the usual encoding of old
//! Western news archives, and the caller is told so. Line ends become `\n`. Files that
//! are not text (NUL bytes), empty, or too big are refused with a reason.
//!
//! Offsets stored anywhere in dossier count chars of the text this module returns.

use std::fmt;

/// Files above this size are skipped: no news report is 20 MB of text.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// How the bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8, so read as Windows-1252: worth a warning.
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Why a file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum SkipReason {
    /// It holds NUL bytes and has no UTF-16 byte-order mark.
    Binary,
    /// No text at all, or only white space.
    Empty,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// The operating system refused to read it.
    Unreadable {
        error: String,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Binary => write!(f, "binary file (contains NUL bytes), not text"),
            SkipReason::Empty => write!(f, "empty file (no text)"),
            SkipReason::TooLarge { bytes, limit } => write!(
                f,
                "too large ({:.1} MB; the limit is {:.0} MB)",
                *bytes as f64 / 1_048_576.0,
                *limit as f64 / 1_048_576.0
            ),
            SkipReason::Unreadable { error } => write!(f, "cannot be read: {error}"),
        }
    }
}

/// Text ready for dossier: BOM gone, line ends `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Decode and normalise one file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, SkipReason> {
    let (raw, encoding) = decode_as_stored(bytes)?;
    // The mark the bytes began with; normalising drops one more written inside.
    let text = normalise_line_ends(raw.strip_prefix('\u{FEFF}').unwrap_or(&raw));
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(Decoded { text, encoding })
}

/// One file's characters as stored: a byte order mark kept as U+FEFF, line ends as they
/// are. [`normalise_line_ends`] of it is the text dossier shows.
pub fn decode_as_stored(bytes: &[u8]) -> Result<(String, Encoding), SkipReason> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let (raw, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        decode_utf8_or_1252(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Be)
    } else {
        decode_utf8_or_1252(bytes)?
    };
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    Ok((if bom { format!("\u{FEFF}{raw}") } else { raw }, encoding))
}

fn decode_utf8_or_1252(bytes: &[u8]) -> Result<(String, Encoding), SkipReason> {
    if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

/// CRLF and lone CR become LF; a BOM left inside (U+FEFF at the start) goes.
pub fn normalise_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf_is_normalised() {
        let d = decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody\rmore\n").unwrap();
        assert_eq!(d.text, "Title\n\nBody\nmore\n");
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn utf16_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Astana — Xi\r\n".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Astana — Xi\n");
        assert_eq!(decode(&le).unwrap().encoding, Encoding::Utf16Le);
        assert_eq!(decode(&be).unwrap().text, "Astana — Xi\n");
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let d = decode(b"Caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "Café “quoted”");
        assert_eq!(d.encoding, Encoding::Windows1252);
    }

    #[test]
    fn refuses_binary_empty_and_oversize() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(SkipReason::Binary));
        assert_eq!(decode(b""), Err(SkipReason::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(SkipReason::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(SkipReason::Empty));
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        assert!(matches!(decode(&big), Err(SkipReason::TooLarge { .. })));
    }
}
