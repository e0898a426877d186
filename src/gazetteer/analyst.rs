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
        let known = |data: &Data, country: &str| data.countries.iter().any(|c| c.name == country);
        let unknown = |what: &str, name: &str, country: &str| AnalystError {
            line: line_of(text, name),
            message: format!("{what} {name:?}: unknown country {country:?}"),
        };
        for p in extra.people {
            if !known(&data, &p.country) {
                return Err(unknown("person", &p.name, &p.country));
            }
            // The analyst's entry replaces a built-in one for the same person, known by
            // any of the same names.
            let names = |q: &PersonData| -> Vec<String> {
                std::iter::once(&q.name)
                    .chain(&q.variants)
                    .cloned()
                    .collect()
            };
            let theirs = names(&p);
            data.people
                .retain(|q| !names(q).iter().any(|n| theirs.contains(n)));
            data.people.push(p);
        }
        for place in extra.places {
            let Some(c) = data.countries.iter_mut().find(|c| c.name == place.country) else {
                return Err(unknown("place", &place.name, &place.country));
            };
            c.cities.push(CityData {
                name: place.name,
                aliases: place.aliases,
            });
        }
        let mut terms = Vec::new();
        for t in extra.terms {
            if !known(&data, &t.country) {
                return Err(unknown("term of", &t.person, &t.country));
            }
            if t.to.is_some_and(|to| to < t.from) {
                return Err(AnalystError {
                    line: line_of(text, &t.person),
                    message: format!("term of {:?} ends before it starts", t.person),
                });
            }
            terms.push(Term {
                person: t.person,
                country: t.country,
                office: t.office,
                from: t.from,
                to: t.to,
                acting: t.acting,
                source: t.source.unwrap_or_else(|| format!("the analyst's {FILE}")),
            });
        }
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
        let Ok(meta) = std::fs::metadata(&path) else {
            return Ok(None);
        };
        let shown = path.display();
        if meta.len() > MAX_BYTES {
            return Err(format!(
                "{shown}: larger than {} MB, not read",
                MAX_BYTES >> 20
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{shown}: {e}"))?;
        Gazetteer::with_analyst(&text)
            .map(Some)
            .map_err(|e| format!("{}: line {}: {}", shown, e.line, e.message))
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
