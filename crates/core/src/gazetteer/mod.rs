//! The gazetteer: leaders, office titles, countries (with demonyms) and cities, kept as
//! data in `assets/gazetteer.ron` and compiled into one multi-pattern matcher.
//!
//! [`Gazetteer::scan`] finds every known name in a piece of text, whole words only,
//! longest first (`Xi'an` beats `Xi`), so callers work with entities rather than strings.

mod analyst;
pub use analyst::{AnalystError, FILE as ANALYST_FILE, NewPerson, with_person};

use crate::meetings::Name;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct Data {
    titles: Vec<String>,
    /// Short forms written for a title (`PM` for `Prime Minister`).
    #[serde(default)]
    title_abbreviations: Vec<(String, String)>,
    countries: Vec<CountryData>,
    people: Vec<PersonData>,
}

#[derive(Debug, Deserialize)]
struct CountryData {
    name: String,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    cities: Vec<CityData>,
    /// An international organisation (the UN, NATO, the IMF) rather than a state.
    #[serde(default)]
    organisation: bool,
}

#[derive(Debug, Deserialize)]
struct CityData {
    name: String,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PersonData {
    name: String,
    country: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    surnames: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
}

/// A country by index into [`Gazetteer::countries`].
pub type CountryId = usize;
/// A person by index into [`Gazetteer::people`].
pub type PersonId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub name: Name,
    /// Cities, capital first.
    pub cities: Vec<Name>,
    /// An international organisation, whose head acts for it ("UN Secretary-General").
    pub organisation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Name,
    pub country: CountryId,
    pub titles: Vec<String>,
}

/// What a matched span of text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    /// A full name (`Kassym-Jomart Tokayev`, `Tokaev` spelled in full).
    Person(PersonId),
    /// A family name alone (`Xi`, `Li`): one of these people.
    Surname(Vec<PersonId>),
    Country(CountryId),
    /// `Kazakh`, `Azerbaijani`.
    Demonym(CountryId),
    /// A city: its country and canonical name.
    City(CountryId, Name),
    /// An office (`President`, `Prime Minister`), as the canonical title.
    Title(String),
}

/// A match of an [`Entity`] in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub entity: Entity,
}

pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub people: Vec<Person>,
    matcher: AhoCorasick,
    entities: Vec<Entity>,
    /// Terms of office the analyst's `gazetteer.ron` adds; they win over the built-in ones.
    pub extra_terms: Vec<crate::terms::Term>,
    /// Phrasings of meetings the analyst's file adds, tried before the built-in ones.
    pub extra_triggers: Vec<(crate::meetings::Kind, regex::Regex)>,
}

/// Why the gazetteer file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer: {0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("gazetteer: {person} belongs to unknown country {country:?}")]
    UnknownCountry { person: String, country: String },
    #[error("gazetteer: cannot build the matcher: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::parse(include_str!("../../../../assets/gazetteer.ron"))
        .expect("assets/gazetteer.ron is valid (checked by a unit test)")
});

/// The spellings the matcher looks for, each with what it names, in the order added
/// (between equally long matches at one place, the first added wins).
#[derive(Default)]
struct Patterns {
    patterns: Vec<String>,
    entities: Vec<Entity>,
}

impl Patterns {
    fn add(&mut self, pattern: &str, entity: Entity) {
        let pattern = pattern.trim();
        if !pattern.is_empty() {
            self.patterns.push(pattern.to_owned());
            self.entities.push(entity);
        }
    }

    /// Countries by name, alias and demonym; their cities by name and alias.
    fn countries(&mut self, data: &Data) -> Vec<Country> {
        let mut countries = Vec::new();
        for (id, c) in data.countries.iter().enumerate() {
            self.add(&c.name, Entity::Country(id));
            for a in &c.aliases {
                self.add(a, Entity::Country(id));
            }
            for d in &c.demonyms {
                self.add(d, Entity::Demonym(id));
            }
            let cities: Vec<Name> = c.cities.iter().map(|x| Name::from(&x.name)).collect();
            for (city, name) in c.cities.iter().zip(&cities) {
                self.add(&city.name, Entity::City(id, name.clone()));
                for a in &city.aliases {
                    self.add(a, Entity::City(id, name.clone()));
                }
            }
            countries.push(Country {
                name: Name::from(&c.name),
                cities,
                organisation: c.organisation,
            });
        }
        countries
    }

    /// People by name and variants, then the surnames they share.
    fn people(&mut self, data: &Data) -> Result<Vec<Person>, GazetteerError> {
        let mut people = Vec::new();
        let mut surnames: Vec<(String, Vec<PersonId>)> = Vec::new();
        for (id, p) in data.people.iter().enumerate() {
            let country = data
                .countries
                .iter()
                .position(|c| c.name == p.country)
                .ok_or_else(|| GazetteerError::UnknownCountry {
                    person: p.name.clone(),
                    country: p.country.clone(),
                })?;
            self.add(&p.name, Entity::Person(id));
            for v in &p.variants {
                self.add(v, Entity::Person(id));
            }
            for s in &p.surnames {
                match surnames.iter_mut().find(|(name, _)| name == s) {
                    Some((_, ids)) => ids.push(id),
                    None => surnames.push((s.clone(), vec![id])),
                }
            }
            people.push(Person {
                name: Name::from(&p.name),
                country,
                titles: p.titles.clone(),
            });
        }
        for (s, ids) in surnames {
            self.add(&s, Entity::Surname(ids));
        }
        Ok(people)
    }

    /// Titles as written and in lower case, their abbreviations, and "counterpart".
    fn titles(&mut self, data: &Data) {
        for t in &data.titles {
            self.add(t, Entity::Title(t.clone()));
            // Agencies write "the president of Azerbaijan" as well as "President Aliyev".
            self.add(&t.to_lowercase(), Entity::Title(t.clone()));
        }
        for (short, t) in &data.title_abbreviations {
            self.add(short, Entity::Title(t.clone()));
        }
        // "his Kazakh counterpart Olzhas Bektenov" names a leader as a title would.
        self.add("counterpart", Entity::Title("counterpart".into()));
    }
}

impl Gazetteer {
    /// The gazetteer shipped in `assets/`.
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    /// Read a gazetteer from RON text.
    pub fn parse(ron_text: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_data(ron::from_str(ron_text)?)
    }

    /// The built-in gazetteer's data, to extend with the analyst's.
    fn builtin_data() -> Data {
        ron::from_str(include_str!("../../../../assets/gazetteer.ron"))
            .expect("assets/gazetteer.ron is valid (checked by a unit test)")
    }

    fn from_data(data: Data) -> Result<Gazetteer, GazetteerError> {
        let mut p = Patterns::default();
        let countries = p.countries(&data);
        let people = p.people(&data)?;
        p.titles(&data);
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&p.patterns)?;
        Ok(Gazetteer {
            countries,
            people,
            matcher,
            entities: p.entities,
            extra_terms: Vec::new(),
            extra_triggers: Vec::new(),
        })
    }

    /// Every term of office known, the analyst's first.
    pub fn terms(&self) -> impl Iterator<Item = &crate::terms::Term> {
        self.extra_terms.iter().chain(crate::terms::all())
    }

    /// Who held `office` of `country` on `day` (the analyst's terms first); in a
    /// party-based state, its leader stands for the head of state.
    pub fn holder_on(
        &self,
        country: &str,
        office: crate::terms::Office,
        day: jiff::civil::Date,
    ) -> Option<&crate::terms::Term> {
        use crate::terms::Office;
        let find = |o: Office| {
            self.terms()
                .find(|t| t.office == o && t.country == country && t.covers(day))
        };
        find(office).or_else(|| {
            (office == Office::HeadOfState)
                .then(|| find(Office::Leader))
                .flatten()
        })
    }

    /// Every known name in `text`, in order, whole words only.
    pub fn scan(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for m in self.matcher.find_iter(text) {
            if !is_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            out.push(Found {
                range: m.range(),
                entity: self.entities[m.pattern().as_usize()].clone(),
            });
        }
        out
    }

    /// The country called `name` (its canonical name or an alias), if known.
    pub fn country_named(&self, name: &str) -> Option<CountryId> {
        self.scan(name).into_iter().find_map(|f| match f.entity {
            Entity::Country(id) if f.range == (0..name.len()) => Some(id),
            _ => None,
        })
    }

    /// The city called `name` (its canonical name or an alias): its country and its
    /// canonical name.
    pub fn city_named(&self, name: &str) -> Option<(CountryId, Name)> {
        self.scan(name).into_iter().find_map(|f| match f.entity {
            Entity::City(c, canonical) if f.range == (0..name.len()) => Some((c, canonical)),
            _ => None,
        })
    }

    /// The person called `name` (their canonical name or a variant spelling).
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.scan(name).into_iter().find_map(|f| match f.entity {
            Entity::Person(id) if f.range == (0..name.len()) => Some(&self.people[id]),
            _ => None,
        })
    }

    /// The country of a person as an analyst types them: a known name ("Sadyr Japarov",
    /// "Japarov" when only one person has that name), else a country or demonym in it
    /// ("Kyrgyz President Sadyr Japarov").
    pub fn country_of_person(&self, typed: &str) -> Option<&Name> {
        let found = self.scan(typed);
        let person = found.iter().find_map(|f| match &f.entity {
            Entity::Person(id) => Some(self.people[*id].country),
            Entity::Surname(ids) if ids.len() == 1 => Some(self.people[ids[0]].country),
            _ => None,
        });
        let place = || {
            found.iter().find_map(|f| match f.entity {
                Entity::Country(id) | Entity::Demonym(id) => Some(id),
                _ => None,
            })
        };
        person.or_else(place).map(|id| self.country_name(id))
    }

    pub fn country_name(&self, id: CountryId) -> &Name {
        &self.countries[id].name
    }
}

/// A match must not be part of a longer word: `Xi` is not in `Xiamen`, `Han` not in `Hanoi`.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: char| c.is_alphanumeric() || c == '-';
    !before.is_some_and(joins) && !after.is_some_and(joins)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"(
        titles: ["President", "Vice President"],
        countries: [
            (name: "China", aliases: ["PRC"], demonyms: ["Chinese"], cities: [
                (name: "Beijing", aliases: []), (name: "Xi'an", aliases: ["Xian"]),
            ]),
            (name: "Kazakhstan", aliases: [], demonyms: ["Kazakh"], cities: [(name: "Astana", aliases: [])]),
        ],
        people: [
            (name: "Xi Jinping", country: "China", variants: [], surnames: ["Xi"], titles: ["President"]),
            (name: "Kassym-Jomart Tokayev", country: "Kazakhstan", variants: ["Kassym-Jomart Tokaev"],
             surnames: ["Tokayev", "Tokaev"], titles: ["President"]),
        ],
    )"#;

    fn names(g: &Gazetteer, text: &str) -> Vec<(String, Entity)> {
        g.scan(text)
            .into_iter()
            .map(|f| (text[f.range].to_owned(), f.entity))
            .collect()
    }

    #[test]
    fn finds_whole_names_longest_first() {
        let g = Gazetteer::parse(SMALL).unwrap();
        assert_eq!(
            names(
                &g,
                "Chinese President Xi Jinping met Tokaev in Xian; Xi's Xiamen"
            ),
            [
                ("Chinese".into(), Entity::Demonym(0)),
                ("President".into(), Entity::Title("President".into())),
                ("Xi Jinping".into(), Entity::Person(0)),
                ("Tokaev".into(), Entity::Surname(vec![1])),
                ("Xian".into(), Entity::City(0, "Xi'an".into())),
                ("Xi".into(), Entity::Surname(vec![0])),
            ]
        );
        assert_eq!(
            names(&g, "the vice president of Kazakhstan"),
            [
                (
                    "vice president".into(),
                    Entity::Title("Vice President".into())
                ),
                ("Kazakhstan".into(), Entity::Country(1)),
            ]
        );
    }

    #[test]
    fn rejects_a_person_of_an_unknown_country() {
        let bad = SMALL.replace("country: \"China\"", "country: \"Cathay\"");
        assert!(matches!(
            Gazetteer::parse(&bad),
            Err(GazetteerError::UnknownCountry { .. })
        ));
    }

    #[test]
    fn the_shipped_gazetteer_loads_and_knows_the_sample_leaders() {
        let g = Gazetteer::builtin();
        for name in [
            "Xi Jinping",
            "Kassym-Jomart Tokayev",
            "Ilham Aliyev",
            "Luis Abinader",
            "Sadyr Japarov",
            "Han Zheng",
            "Emomali Rahmon",
        ] {
            assert!(
                g.people.iter().any(|p| p.name == name),
                "{name} is missing from the gazetteer"
            );
        }
        for variant in [
            "Tokaev",
            "Berdymukhamedov",
            "Mirziyoev",
            "Rakhmon",
            "Lukashenka",
        ] {
            assert!(
                g.scan(variant)
                    .iter()
                    .any(|f| matches!(f.entity, Entity::Surname(_) | Entity::Person(_))),
                "{variant} is not recognised"
            );
        }
        assert!(g.country_named("Dominican Republic").is_some());
        assert_eq!(
            names(g, "Xian")[0].1,
            Entity::City(g.country_named("China").unwrap(), "Xi'an".into())
        );
    }
}
