//! The news sources dossier knows by name, read from `assets/sources.ron`.
//!
//! Used to tell a source (`China Daily`, `KAZINFORM`, `/TASS/`) from other short text in
//! a report's header, and to write each source one way whatever its spelling.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct Source {
    name: String,
    aliases: Vec<String>,
}

static SOURCES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let list: Vec<Source> = ron::from_str(include_str!("../../../../assets/sources.ron"))
        .expect("assets/sources.ron is valid (checked by a unit test)");
    let mut map = HashMap::new();
    for source in list {
        for alias in &source.aliases {
            map.insert(key(alias), source.name.clone());
        }
        map.insert(key(&source.name), source.name);
    }
    map
});

fn key(name: &str) -> String {
    name.trim()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The canonical name of a known source, matched case-insensitively.
pub fn canonical(name: &str) -> Option<&'static str> {
    SOURCES.get(&key(name)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asset_parses_and_maps_aliases() {
        assert_eq!(canonical("XINHUA"), Some("Xinhua"));
        assert_eq!(canonical("chinadaily.com.cn"), Some("China Daily"));
        assert_eq!(canonical(" China   Daily "), Some("China Daily"));
        assert_eq!(canonical("People’s Daily"), Some("People's Daily"));
        assert_eq!(canonical("KAZINFORM"), Some("Kazinform"));
        assert_eq!(canonical("Li Yibo"), None);
    }
}
