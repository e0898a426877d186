//! The analyst's own gazetteer: `gazetteer.ron` beside the corpus adds or corrects people,
//! places, terms of office and phrasings of meetings without a rebuild. Its entries win
//! over the built-in ones (a person known by one of the same names replaces the built-in
//! entry). A bad entry
//! is an error naming the file's line; the built-in gazetteer is then used alone.
//!
//! ```ron
//! (
//!     people: [(name: "John Dramani Mahama", country: "Ghana", surnames: ["Mahama"], titles: ["President"])],
//!     places: [(name: "Kumasi", country: "Ghana")],
//!     terms: [(person: "John Dramani Mahama", country: "Ghana", office: head_of_state, from: "2025-01-07")],
//!     triggers: [(kind: meeting, pattern: r"\bbreakfasted with\b")],
//! )
//! ```

use super::{CityData, Data, Gazetteer, PersonData};
use crate::meetings::Kind;
use crate::terms::{Office, Term};
use jiff::civil::Date;
use serde::Deserialize;
use std::path::Path;

/// The file's name in the corpus folder.
pub const FILE: &str = "gazetteer.ron";

/// The largest analyst's file read (a gazetteer of every leader is far smaller).
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Why the analyst's file cannot be used: its line (from 1) and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{FILE} line {line}: {message}")]
pub struct AnalystError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AnalystData {
    people: Vec<PersonData>,
    places: Vec<Place>,
    terms: Vec<AnalystTerm>,
    triggers: Vec<Phrasing>,
}

#[derive(Debug, Deserialize)]
struct Place {
    name: String,
    country: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct AnalystTerm {
    person: String,
    country: String,
    office: Office,
    from: Date,
    #[serde(default)]
    to: Option<Date>,
    #[serde(default)]
    acting: bool,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Phrasing {
    kind: Kind,
    pattern: String,
}

impl Gazetteer {
    /// The built-in gazetteer extended by the analyst's file `text`.
    pub fn with_analyst(text: &str) -> Result<Gazetteer, AnalystError> {
        // `to: "2029-01-07"` as well as `to: Some("2029-01-07")`.
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let extra: AnalystData = options.from_str(text).map_err(|e| AnalystError {
            line: e.span.start.line,
            message: e.code.to_string(),
        })?;
        let mut data = Gazetteer::builtin_data();
        add_people(&mut data, extra.people, text)?;
        add_places(&mut data, extra.places, text)?;
        let terms = terms(&data, extra.terms, text)?;
        let mut triggers = Vec::new();
        for p in extra.triggers {
            let re = regex::Regex::new(&p.pattern).map_err(|e| AnalystError {
                line: line_of(text, &p.pattern),
                message: format!("pattern {:?} is not a regular expression: {e}", p.pattern),
            })?;
            triggers.push((p.kind, re));
        }
        let mut gaz = Gazetteer::from_data(data).map_err(|e| AnalystError {
            line: 1,
            message: e.to_string(),
        })?;
        gaz.extra_terms = terms;
        gaz.extra_triggers = triggers;
        Ok(gaz)
    }

    /// The gazetteer for the corpus in `folder`: the built-in one extended by the
    /// analyst's file when there is one (`Ok(None)`: there is none).
    pub fn for_folder(folder: &Path) -> Result<Option<Gazetteer>, String> {
        let path = folder.join(FILE);
        let shown = path.display();
        // Only a regular file, and a bounded one (never a FIFO that would hang the read).
        let bytes = match crate::fsio::read_regular(&path, MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(crate::fsio::ReadError::NotFound) => return Ok(None),
            Err(e) => return Err(format!("{shown}: {e}")),
        };
        let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
        Gazetteer::with_analyst(&text)
            .map(Some)
            .map_err(|e| format!("{}: line {}: {}", shown, e.line, e.message))
    }
}

/// A person the analyst adds from the app ("Add to gazetteer…"), with the office they
/// held when the dates are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub name: String,
    pub country: String,
    pub office: Option<Office>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// The analyst's file with `person` added: `existing` (the file's text, if there is one)
/// keeps every line it had, comments too; the person goes into its `people` list and, with
/// an office and a start, a term into `terms`. Refused, with the reason, when the result
/// would not be a valid file (an unknown country, say).
pub fn with_person(existing: Option<&str>, person: &NewPerson) -> Result<String, AnalystError> {
    let quote = |s: &str| ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
    let (name, country) = (quote(person.name.trim()), quote(person.country.trim()));
    let surname = person
        .name
        .split_whitespace()
        .last()
        .filter(|w| w.chars().count() >= 4)
        .map_or(String::new(), |w| format!(", surnames: [{}]", quote(w)));
    let mut text = match existing {
        Some(t) if !t.trim().is_empty() => t.to_owned(),
        _ => "// Your additions to dossier's gazetteer (see the README).\n(\n)\n".to_owned(),
    };
    insert_entry(
        &mut text,
        "people",
        &format!("(name: {name}, country: {country}{surname})"),
    );
    if let (Some(office), Some(from)) = (person.office, person.from) {
        let office = ron::to_string(&office).unwrap_or_default();
        let to = person
            .to
            .map_or(String::new(), |d| format!(", to: \"{d}\""));
        let term = format!(
            "(person: {name}, country: {country}, office: {office}, from: \"{from}\"{to}, source: \"added in dossier\")"
        );
        insert_entry(&mut text, "terms", &term);
    }
    Gazetteer::with_analyst(&text)?;
    Ok(text)
}

/// Put `entry` first in the list `key` of the file's top-level tuple, making the list
/// when the file has none.
fn insert_entry(text: &mut String, key: &str, entry: &str) {
    let list = regex::Regex::new(&format!(r"\b{key}\s*:\s*\["))
        .ok()
        .and_then(|re| re.find(text).map(|m| m.end()));
    match list {
        Some(at) => text.insert_str(at, &format!("\n        {entry},")),
        None => {
            // After the opening bracket of the file's tuple (past any leading comments).
            let open = text
                .lines()
                .scan(0usize, |pos, l| {
                    let start = *pos;
                    *pos += l.len() + 1;
                    Some((start, l))
                })
                .find(|(_, l)| l.trim_start().starts_with('('))
                .map_or(0, |(start, l)| start + l.find('(').unwrap_or(0) + 1);
            text.insert_str(open, &format!("\n    {key}: [\n        {entry},\n    ],"));
        }
    }
}

/// The line (from 1) where the string `needle` is written in `text` (quoted, as RON
/// writes it, else anywhere), or 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(&format!("\"{needle}\""))
        .map(|at| at + 1)
        .or_else(|| text.find(needle))
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

/// Whether the gazetteer knows `country`.
fn known(data: &Data, country: &str) -> bool {
    data.countries.iter().any(|c| c.name == country)
}

/// `what name` names a country the gazetteer does not know (at its line of `text`).
fn unknown(text: &str, what: &str, name: &str, country: &str) -> AnalystError {
    AnalystError {
        line: line_of(text, name),
        message: format!("{what} {name:?}: unknown country {country:?}"),
    }
}

/// The analyst's people; an entry replaces a built-in one for the same person, known by
/// any of the same names.
fn add_people(data: &mut Data, people: Vec<PersonData>, text: &str) -> Result<(), AnalystError> {
    let names = |q: &PersonData| -> Vec<String> {
        std::iter::once(&q.name)
            .chain(&q.variants)
            .cloned()
            .collect()
    };
    for p in people {
        if !known(data, &p.country) {
            return Err(unknown(text, "person", &p.name, &p.country));
        }
        let theirs = names(&p);
        data.people
            .retain(|q| !names(q).iter().any(|n| theirs.contains(n)));
        data.people.push(p);
    }
    Ok(())
}

/// The analyst's places, each a city of its country.
fn add_places(data: &mut Data, places: Vec<Place>, text: &str) -> Result<(), AnalystError> {
    for place in places {
        let Some(c) = data.countries.iter_mut().find(|c| c.name == place.country) else {
            return Err(unknown(text, "place", &place.name, &place.country));
        };
        c.cities.push(CityData {
            name: place.name,
            aliases: place.aliases,
        });
    }
    Ok(())
}

/// The analyst's terms of office, checked.
fn terms(data: &Data, terms: Vec<AnalystTerm>, text: &str) -> Result<Vec<Term>, AnalystError> {
    let mut out = Vec::new();
    for t in terms {
        if !known(data, &t.country) {
            return Err(unknown(text, "term of", &t.person, &t.country));
        }
        if t.to.is_some_and(|to| to < t.from) {
            return Err(AnalystError {
                line: line_of(text, &t.person),
                message: format!("term of {:?} ends before it starts", t.person),
            });
        }
        out.push(Term {
            person: t.person,
            country: t.country,
            office: t.office,
            from: t.from,
            to: t.to,
            acting: t.acting,
            source: t.source.unwrap_or_else(|| format!("the analyst's {FILE}")),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entity;

    #[test]
    fn the_analysts_entries_extend_the_builtin_ones() {
        let text = r#"(
    people: [(name: "Zorigtbaatar Enkhjin", country: "Mongolia", surnames: ["Enkhjin"], titles: ["Ambassador"])],
    places: [(name: "Darkhan", country: "Mongolia")],
    terms: [(person: "Zorigtbaatar Enkhjin", country: "Mongolia", office: foreign_minister, from: "2024-07-10")],
    triggers: [(kind: meeting, pattern: r"\bbreakfasted with\b")],
)"#;
        let g = Gazetteer::with_analyst(text).expect("a valid file");
        let found: Vec<Entity> = g
            .scan("Enkhjin went to Darkhan")
            .into_iter()
            .map(|f| f.entity)
            .collect();
        assert!(matches!(found[0], Entity::Surname(_)), "{found:?}");
        assert!(
            matches!(&found[1], Entity::City(_, n) if n == "Darkhan"),
            "{found:?}"
        );
        let day = jiff::civil::date(2025, 1, 1);
        let holder = g.holder_on("Mongolia", Office::ForeignMinister, day);
        assert_eq!(
            holder.map(|t| t.person.as_str()),
            Some("Zorigtbaatar Enkhjin")
        );
        assert_eq!(g.extra_triggers.len(), 1);
        // The built-in knowledge is still there.
        assert!(g.person_named("Xi Jinping").is_some());
    }

    #[test]
    fn a_person_added_from_the_app_keeps_what_the_file_had() {
        let mahama = NewPerson {
            name: "Kwame Boateng".into(),
            country: "Ghana".into(),
            office: Some(Office::ForeignMinister),
            from: Some(jiff::civil::date(2025, 1, 20)),
            to: None,
        };
        // A new file.
        let made = with_person(None, &mahama).expect("valid");
        let g = Gazetteer::with_analyst(&made).expect("the file it made is valid");
        let day = jiff::civil::date(2025, 6, 1);
        assert_eq!(
            g.holder_on("Ghana", Office::ForeignMinister, day)
                .map(|t| t.person.as_str()),
            Some("Kwame Boateng")
        );
        // An existing file keeps its comments and entries.
        let existing = "// my notes\n(\n    places: [(name: \"Kumasi\", country: \"Ghana\")],\n    people: [\n        (name: \"Ama Serwaa\", country: \"Ghana\"),\n    ],\n)\n";
        let grown = with_person(Some(existing), &mahama).expect("valid");
        assert!(grown.starts_with("// my notes"), "{grown}");
        assert!(
            grown.contains("Ama Serwaa") && grown.contains("Kumasi"),
            "{grown}"
        );
        let g = Gazetteer::with_analyst(&grown).expect("still valid");
        assert!(g.person_named("Kwame Boateng").is_some());
        assert!(g.person_named("Ama Serwaa").is_some());
        // An unknown country is refused, nothing is made.
        let nowhere = NewPerson {
            country: "Wakanda".into(),
            ..mahama
        };
        assert!(with_person(Some(existing), &nowhere).is_err());
    }

    #[test]
    fn a_bad_entry_names_its_line() {
        let text = "(\n    people: [\n        (name: \"A B\", country: \"Atlantis\"),\n    ],\n)";
        let e = Gazetteer::with_analyst(text).err().expect("refused");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("Atlantis"), "{}", e.message);
        let syntax = "(\n    people: [\n        (name: \"A B\" country: \"Mongolia\"),\n    ],\n)";
        assert_eq!(
            Gazetteer::with_analyst(syntax).err().map(|e| e.line),
            Some(3)
        );
        let pattern = "(\n  triggers: [\n    (kind: meeting, pattern: \"(unclosed\"),\n  ],\n)";
        assert_eq!(
            Gazetteer::with_analyst(pattern).err().map(|e| e.line),
            Some(3)
        );
    }
}
