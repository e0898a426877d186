//! Terms of office: who held which office of which country or organisation, from when to
//! when (`assets/terms.ron`, built by `tools/terms/build_terms.py` from public data and our
//! own corrections, every term naming its source), and which office a title names
//! (`assets/offices.ron`). The meetings engine asks the gazetteer (which adds the
//! analyst's terms) who held an office on a report's date ("the Kazakh president" in 2017
//! is Nazarbayev, in 2022 Tokayev); `dossier gazetteer` lists what is known.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// An office a term is held in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Office {
    HeadOfState,
    HeadOfGovernment,
    ForeignMinister,
    /// The effective leader of a party-based state where the dataset names no office.
    Leader,
    /// The head of an international organisation (UN Secretary-General, NATO…).
    HeadOfOrganisation,
}

impl Office {
    pub fn as_str(self) -> &'static str {
        match self {
            Office::HeadOfState => "head-of-state",
            Office::HeadOfGovernment => "head-of-government",
            Office::ForeignMinister => "foreign-minister",
            Office::Leader => "leader",
            Office::HeadOfOrganisation => "head-of-organisation",
        }
    }
}

/// One person's time in one office.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Term {
    pub person: String,
    pub country: String,
    pub office: Office,
    pub from: Date,
    /// The day the successor took over; `None` while in office.
    pub to: Option<Date>,
    pub acting: bool,
    pub source: String,
}

impl Term {
    /// In office on `day` (the handover day belongs to the successor).
    pub fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }
}

#[derive(Debug, Deserialize)]
struct TermsData {
    terms: Vec<Term>,
}

#[derive(Debug, Deserialize)]
struct OfficesData {
    titles: Vec<(String, Office)>,
}

static TERMS: LazyLock<Vec<Term>> = LazyLock::new(|| {
    ron::from_str::<TermsData>(include_str!("../../../assets/terms.ron"))
        .expect("assets/terms.ron is valid (checked by a test)")
        .terms
});

static OFFICES: LazyLock<OfficesData> = LazyLock::new(|| {
    ron::from_str(include_str!("../../../assets/offices.ron"))
        .expect("assets/offices.ron is valid (checked by a test)")
});

/// Every built-in term, by country, office and start.
pub fn all() -> &'static [Term] {
    &TERMS
}

/// The office a title names ("Premier" → head of government), if it names one.
pub fn office_of_title(title: &str) -> Option<Office> {
    OFFICES
        .titles
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(title))
        .map(|(_, o)| *o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_data_loads_and_every_title_names_an_office() {
        assert!(all().len() > 500);
        for (title, _) in &OFFICES.titles {
            assert!(office_of_title(title).is_some());
        }
    }

    #[test]
    fn who_held_an_office_depends_on_the_day() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        let name = |c, o, d| gaz.holder_on(c, o, d).map(|t| t.person.as_str());
        let hos = Office::HeadOfState;
        assert_eq!(
            name("Kazakhstan", hos, date(2017, 6, 8)),
            Some("Nursultan Nazarbayev")
        );
        assert_eq!(
            name("Kazakhstan", hos, date(2022, 9, 14)),
            Some("Kassym-Jomart Tokayev")
        );
        // The handover day belongs to the successor.
        assert_eq!(
            name("Kazakhstan", hos, date(2019, 3, 20)),
            Some("Kassym-Jomart Tokayev")
        );
        let hog = Office::HeadOfGovernment;
        assert_eq!(name("China", hog, date(2019, 5, 1)), Some("Li Keqiang"));
        assert_eq!(name("China", hog, date(2024, 5, 1)), Some("Li Qiang"));
        assert_eq!(
            name(
                "United Nations",
                Office::HeadOfOrganisation,
                date(2023, 1, 1)
            ),
            Some("Antonio Guterres")
        );
    }

    /// Facts every source merged by tools/terms/build_terms.py should give, checked against
    /// what is commonly known: a ceremonial head of state Wikidata adds to REIGN, a foreign
    /// minister whose family name another Senegalese leader shares, a father and son who
    /// must not be taken for each other, a contested presidency left to its holder.
    #[test]
    fn the_merged_sources_name_the_right_people() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        let name = |c, o, d| gaz.holder_on(c, o, d).map(|t| t.person.as_str());
        let (hos, hog, fm) = (
            Office::HeadOfState,
            Office::HeadOfGovernment,
            Office::ForeignMinister,
        );
        assert_eq!(
            name("Austria", hos, date(2022, 6, 1)),
            Some("Alexander Van der Bellen")
        );
        assert_eq!(
            name("Austria", hog, date(2022, 6, 1)),
            Some("Karl Nehammer")
        );
        assert_eq!(
            name("Senegal", fm, date(2022, 6, 1)),
            Some("Aïssata Tall Sall")
        );
        assert_eq!(
            name("Democratic Republic of the Congo", hos, date(2000, 6, 1)),
            Some("Laurent Kabila")
        );
        assert_eq!(
            name("Democratic Republic of the Congo", hos, date(2010, 6, 1)),
            Some("Joseph Kabila")
        );
        assert_eq!(
            name("Venezuela", hos, date(2020, 6, 1)),
            Some("Nicolas Maduro")
        );
        // Wikidata gives Naruhito's start as a year; the day comes from another source.
        assert_ne!(name("Japan", hos, date(2019, 3, 1)), Some("Naruhito"));
        assert_eq!(name("Japan", hos, date(2020, 3, 1)), Some("Naruhito"));
        assert_eq!(
            name("Taiwan", hog, date(2021, 6, 1)),
            Some("Su Tseng-chang")
        );
    }

    /// A family name several office holders share ("Berdimuhamedov", "Aliyev", "Li") names
    /// one of them on any day: no two of them hold the same office of one country at once.
    #[test]
    fn a_shared_family_name_names_one_holder_on_any_day() {
        use crate::gazetteer::{Entity, Gazetteer};
        let gaz = Gazetteer::builtin();
        let mut shared: Vec<Vec<&str>> = Vec::new();
        for p in &gaz.people {
            let surname = p.name.split_whitespace().last().unwrap_or("");
            for f in gaz.scan(surname) {
                if let Entity::Surname(ids) = f.entity
                    && ids.len() > 1
                {
                    shared.push(ids.iter().map(|i| gaz.people[*i].name.as_str()).collect());
                }
            }
        }
        assert!(!shared.is_empty());
        for year in 2000..=2026 {
            for month in [1, 7] {
                let day = date(year, month, 1);
                for names in &shared {
                    let holding: Vec<&Term> = all()
                        .iter()
                        .filter(|t| names.contains(&t.person.as_str()) && t.covers(day))
                        .collect();
                    for (i, a) in holding.iter().enumerate() {
                        for b in &holding[i + 1..] {
                            assert!(
                                a.person == b.person
                                    || a.office != b.office
                                    || a.country != b.country,
                                "{} and {} both {} of {} on {day}",
                                a.person,
                                b.person,
                                a.office.as_str(),
                                a.country
                            );
                        }
                    }
                }
            }
        }
    }

    /// Our own lines (every term not from a public dataset) name people as the gazetteer
    /// spells them, so a title resolved by date is the person the rest of dossier knows.
    #[test]
    fn corrected_terms_name_gazetteer_people() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        const DATASETS: [&str; 4] = [
            "REIGN leaderlist",
            "Wikidata via every-politician-scrapers",
            "Wikipedia: List of current foreign ministers, via",
            "Wikipedia and Wikidata via open-data-archive",
        ];
        let ours = |t: &&Term| !DATASETS.iter().any(|d| t.source.starts_with(d));
        for t in all().iter().filter(ours) {
            assert!(
                gaz.person_named(&t.person).is_some(),
                "{} is not in the gazetteer",
                t.person
            );
            assert!(
                gaz.country_named(&t.country).is_some(),
                "{} is not in the gazetteer",
                t.country
            );
        }
    }

    /// How many states have a known holder of each office on days across the period: REIGN
    /// covers every state's effective leader to March 2021, Wikidata every head of state
    /// and government and Wikipedia every foreign minister to late 2022, our lines and a
    /// 2026 snapshot the countries most reported on since. The floors are what the data
    /// gives, so that a rebuild losing coverage fails.
    #[test]
    fn states_have_known_office_holders_on_any_day() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        let states: Vec<&str> = gaz
            .countries
            .iter()
            .filter(|c| !c.organisation)
            .map(|c| c.name.as_str())
            .collect();
        let share = |day: Date, offices: &[Office]| {
            let known = states
                .iter()
                .filter(|c| {
                    all()
                        .iter()
                        .any(|t| t.country == **c && offices.contains(&t.office) && t.covers(day))
                })
                .count();
            known as f64 / states.len() as f64
        };
        let head = [Office::HeadOfState, Office::Leader];
        let any = [
            Office::HeadOfState,
            Office::Leader,
            Office::HeadOfGovernment,
        ];
        // (day, any head, head of state, foreign minister)
        for (day, any_floor, hos_floor, fm_floor) in [
            (date(2005, 1, 1), 0.9, 0.7, 0.0),
            (date(2015, 1, 1), 0.95, 0.75, 0.09),
            (date(2020, 6, 1), 0.97, 0.95, 0.4),
            (date(2022, 6, 1), 0.97, 0.9, 0.9),
            (date(2024, 6, 1), 0.2, 0.2, 0.0),
        ] {
            let (a, h, f) = (
                share(day, &any),
                share(day, &head),
                share(day, &[Office::ForeignMinister]),
            );
            println!(
                "{day}: of {} states, a head {:.0}%, head of state {:.0}%, foreign minister {:.0}%",
                states.len(),
                a * 100.0,
                h * 100.0,
                f * 100.0
            );
            assert!(a >= any_floor && h >= hos_floor && f >= fm_floor, "{day}");
        }
    }

    /// No two holders of one office overlap by more than the handover day, and no term ends
    /// before it starts.
    #[test]
    fn terms_of_one_office_follow_each_other() {
        let mut by_office: std::collections::BTreeMap<(&str, &str), Vec<&Term>> =
            Default::default();
        for t in all() {
            if let Some(to) = t.to {
                assert!(t.from <= to, "{t:?} ends before it starts");
            }
            by_office
                .entry((&t.country, t.office.as_str()))
                .or_default()
                .push(t);
        }
        for ((country, office), mut terms) in by_office {
            terms.sort_by_key(|t| t.from);
            for w in terms.windows(2) {
                let (a, b) = (w[0], w[1]);
                let end = a.to.unwrap_or(Date::MAX);
                assert!(
                    end <= b.from.tomorrow().unwrap_or(Date::MAX),
                    "{country} {office}: {} (to {:?}) overlaps {} (from {})",
                    a.person,
                    a.to,
                    b.person,
                    b.from
                );
            }
        }
    }
}
