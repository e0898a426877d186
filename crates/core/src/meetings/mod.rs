//! Meetings between leaders, as reports tell them: who met whom, how, when and where,
//! with the sentence that says so.
//!
//! [`extract`] reads one article by rules over its sentences ([`extract`] module), with
//! the [`Gazetteer`](crate::gazetteer::Gazetteer) for names. Meetings come out with their
//! two sides in the order the text gives; [`orient`] then puts the corpus's focal country
//! (the one present in most meetings) on the `leader` side. [`timeline`] clusters the
//! meetings of all reports into events.

pub mod describe;
mod extract;
mod mentions;
mod name;
mod place;
pub mod timeline;
mod triggers;
mod when;

pub use extract::{explain, extract, extract_with};
pub use name::Name;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// How the leaders met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PhoneCall,
    VideoCall,
    Talks,
    Meeting,
    StateVisit,
    Summit,
    Letter,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::PhoneCall,
        Kind::VideoCall,
        Kind::Talks,
        Kind::Meeting,
        Kind::StateVisit,
        Kind::Summit,
        Kind::Letter,
        Kind::Other,
    ];

    /// The name used on the command line and in files (`phone_call`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PhoneCall => "phone_call",
            Kind::VideoCall => "video_call",
            Kind::Talks => "talks",
            Kind::Meeting => "meeting",
            Kind::StateVisit => "state_visit",
            Kind::Summit => "summit",
            Kind::Letter => "letter",
            Kind::Other => "other",
        }
    }

    /// A human label (`phone call`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::PhoneCall => "phone call",
            Kind::VideoCall => "video call",
            Kind::Talks => "talks",
            Kind::Meeting => "meeting",
            Kind::StateVisit => "state visit",
            Kind::Summit => "summit",
            Kind::Letter => "letter",
            Kind::Other => "other",
        }
    }

    /// Of two words for the same encounter, the one that says more: a call or a letter
    /// beats talks, talks beat a state visit, which beats a plain meeting.
    pub fn more_specific(self, other: Kind) -> Kind {
        let rank = |k: Kind| match k {
            Kind::PhoneCall | Kind::VideoCall | Kind::Letter => 6,
            Kind::Summit => 5,
            Kind::Talks => 4,
            Kind::StateVisit => 3,
            Kind::Meeting => 2,
            Kind::Other => 1,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }

    /// Encounters at a distance have no place.
    pub fn is_remote(self) -> bool {
        matches!(self, Kind::PhoneCall | Kind::VideoCall | Kind::Letter)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A participant: a name as dossier writes it, and a country when known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Participant {
    /// Empty when the report names only the office ("the Kazakh president" on a day no
    /// term of office says who held it).
    pub name: Name,
    pub country: Option<Name>,
}

impl Participant {
    /// The name as shown, or what is known of someone the report does not name.
    pub fn label(&self) -> String {
        match (self.name.is_empty(), &self.country) {
            (false, _) => self.name.to_string(),
            (true, Some(c)) => format!("name not given ({c})"),
            (true, None) => "name not given".to_owned(),
        }
    }
}

/// One meeting reported by one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub leader: Participant,
    /// One for a bilateral encounter; several for a summit.
    pub counterparts: Vec<Participant>,
    pub kind: Kind,
    pub date: Option<Date>,
    /// A city, when the report says where.
    pub location: Option<Name>,
    /// Char range of the sentence that reports it.
    pub evidence: Range<usize>,
}

impl Meeting {
    /// Everyone who took part, leader first.
    pub fn participants(&self) -> impl Iterator<Item = &Participant> {
        std::iter::once(&self.leader).chain(&self.counterparts)
    }

    /// The countries taking part, each once, sorted.
    pub fn countries(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = self
            .participants()
            .filter_map(|p| p.country.as_deref())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    }
}

/// The country present in most meetings (ties: the name first in alphabetical order).
pub fn focal_country<'a>(meetings: impl IntoIterator<Item = &'a Meeting>) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in meetings {
        for c in m.countries() {
            *counts.entry(c).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_owned())
}

/// Put the participant from `focal` on the leader side, if one is among the counterparts
/// and the leader is not from it.
pub fn orient(meeting: &mut Meeting, focal: Option<&str>) {
    let Some(focal) = focal else { return };
    if meeting.leader.country.as_deref() == Some(focal) {
        return;
    }
    if let Some(i) = meeting
        .counterparts
        .iter()
        .position(|p| p.country.as_deref() == Some(focal))
    {
        std::mem::swap(&mut meeting.leader, &mut meeting.counterparts[i]);
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_unnamed_side_is_shown_by_what_is_known() {
        let p = |name: &str, country: Option<&str>| Participant {
            name: name.into(),
            country: country.map(Into::into),
        };
        assert_eq!(p("Xi Jinping", Some("China")).label(), "Xi Jinping");
        assert_eq!(
            p("", Some("Kazakhstan")).label(),
            "name not given (Kazakhstan)"
        );
        assert_eq!(p("", None).label(), "name not given");
    }
    use super::*;

    fn p(name: &str, country: &str) -> Participant {
        Participant {
            name: name.into(),
            country: Some(country.into()),
        }
    }

    fn m(a: Participant, b: Participant) -> Meeting {
        Meeting {
            leader: a,
            counterparts: vec![b],
            kind: Kind::Talks,
            date: None,
            location: None,
            evidence: 0..1,
        }
    }

    #[test]
    fn the_focal_country_leads() {
        let ms = vec![
            m(p("Tokayev", "Kazakhstan"), p("Xi", "China")),
            m(p("Xi", "China"), p("Aliyev", "Azerbaijan")),
            m(p("Putin", "Russia"), p("Lukashenko", "Belarus")),
        ];
        let focal = focal_country(&ms);
        assert_eq!(focal.as_deref(), Some("China"));
        let mut first = ms[0].clone();
        orient(&mut first, focal.as_deref());
        assert_eq!(first.leader.name, "Xi");
        assert_eq!(first.counterparts[0].name, "Tokayev");
        let mut third = ms[2].clone();
        orient(&mut third, focal.as_deref());
        assert_eq!(third, ms[2], "neither side is focal: text order stays");
    }

    #[test]
    fn kinds_have_stable_names() {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names.join(" "),
            "phone_call video_call talks meeting state_visit summit letter other"
        );
    }
}
