//! Where a meeting happened: a city the sentence names after "in" ("in Astana",
//! "in Xian" → Xi'an, "in Samarkand, Uzbekistan"), or "here", meaning the dateline's place.

use super::Name;
use crate::gazetteer::{Entity, Gazetteer};
use regex::Regex;
use std::sync::LazyLock;

/// The city `sentence` says the encounter took place in, if any.
pub fn in_sentence(sentence: &str, gaz: &Gazetteer, dateline: Option<&str>) -> Option<Name> {
    for f in gaz.scan(sentence) {
        let Entity::City(_, name) = f.entity else {
            continue;
        };
        let (before, after) = (&sentence[..f.range.start], &sentence[f.range.end..]);
        if opens_a_name(after) {
            continue;
        }
        if preceded_by_in(before) || after_a_venue(before) {
            return Some(name);
        }
    }
    if let Some(city) = unknown_city(sentence, gaz) {
        return Some(city);
    }
    if says_here(sentence) {
        return dateline.map(Name::from);
    }
    None
}

/// "here" as a place ("said here on Wednesday"), not "here is".
pub fn says_here(sentence: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\bhere\b(?:\s+(?:on|in|at|during|today|this|late|earlier|after|when|and|with|to|for|,|\.)|[,.;]|$)",
        )
        .expect("the here pattern is a valid regex")
    });
    RE.is_match(sentence)
}

/// Whether the sentence puts the encounter near a city rather than in it ("at his
/// residence outside Moscow"): then the dateline's city is not the place either.
pub fn near_a_city(sentence: &str, gaz: &Gazetteer) -> bool {
    gaz.scan(sentence).into_iter().any(|f| {
        matches!(f.entity, Entity::City(..)) && {
            let before = sentence[..f.range.start].trim_end();
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            matches!(word, "outside" | "near") || before.ends_with("outskirts of")
        }
    })
}

/// Words that make a city's name part of a venue's ("Hyderabad House" is in New Delhi).
const VENUE_WORDS: &[&str] = &[
    "House",
    "Palace",
    "Hall",
    "Hotel",
    "Airport",
    "Stadium",
    "Centre",
    "Center",
    "Residence",
    "Castle",
    "Tower",
    "Square",
    "Park",
    "Villa",
    "Lodge",
    "Manor",
    "Pavilion",
    "Gardens",
];

/// A city opening a venue's name ("Hyderabad House"): the venue may be elsewhere.
fn opens_a_name(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    VENUE_WORDS.contains(&word.as_str())
}

/// "at Seri Perdana, Putrajaya": the city after a named venue.
fn after_a_venue(before: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bat (?:the )?(?:[A-Z][\w'’\-]*\s+){0,4}[A-Z][\w'’\-]*,\s*$")
            .expect("the venue pattern is a valid regex")
    });
    RE.is_match(before)
}

fn preceded_by_in(before: &str) -> bool {
    let before = before.trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    matches!(word, "in" | "In" | "at" | "to")
}

/// "in Samarkand, Uzbekistan": a city the gazetteer lacks, named with its country.
fn unknown_city(sentence: &str, gaz: &Gazetteer) -> Option<Name> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bin ([A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+)?), ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
            .expect("the city-country pattern is a valid regex")
    });
    for c in RE.captures_iter(sentence) {
        let country = c.get(2)?.as_str();
        if gaz.country_named(country).is_some() {
            return Some(Name::from(c.get(1)?.as_str()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cities_and_here() {
        let g = Gazetteer::builtin();
        assert_eq!(
            in_sentence(
                "Xi met Tokayev, who began a state visit to China in Xian earlier",
                g,
                None
            ),
            Some("Xi'an".into())
        );
        assert_eq!(
            in_sentence(
                "talks ahead of the SCO summit in Astana.",
                g,
                Some("Beijing")
            ),
            Some("Astana".into())
        );
        assert_eq!(
            in_sentence("said Xi here on Wednesday.", g, Some("Astana")),
            Some("Astana".into())
        );
        assert_eq!(
            in_sentence("met in Zzyzxville, Kazakhstan on Monday", g, None),
            Some("Zzyzxville".into())
        );
        assert_eq!(
            in_sentence("Here is the news from Beijing", g, Some("Astana")),
            None
        );
    }
}
