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
    ron::from_str::<TermsData>(include_str!("../assets/terms.ron"))
        .expect("assets/terms.ron is valid (checked by a test)")
        .terms
});

static OFFICES: LazyLock<OfficesData> = LazyLock::new(|| {
    ron::from_str(include_str!("../assets/offices.ron"))
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
