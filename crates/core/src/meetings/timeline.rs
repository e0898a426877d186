//! The timeline: meetings from all reports clustered into events and sorted by date.
//!
//! Two reports tell of the same event when the same people meet on the same date in the
//! same way. "The same way" compares kinds by channel: a phone call, a video call, a
//! letter and a summit each stand alone, while talks, a meeting and a state visit are
//! one in-person encounter that agencies word differently. Undated meetings are never
//! merged (nothing says they are the same day) and sort after the dated ones.
//!
//! The timeline is incremental: [`Timeline::set_article`] replaces one article's
//! meetings and touches only the events they belong to. It shares what it holds: each
//! report's meetings with the workspace (one `Arc` of them), each path among the
//! references to it, and each event with the views that list it.

use super::{Kind, Meeting, Name, orient};
use jiff::civil::Date;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rayon::slice::ParallelSliceMut;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One meeting of one report: the article's path and the meeting's index in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingRef {
    pub article: Arc<str>,
    pub index: usize,
}

/// What identifies an event. Orders dated events by date, then undated ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKey {
    Dated {
        date: Date,
        channel: Channel,
        /// Sorted, each once; shared by the copies of the key.
        people: Arc<[Name]>,
    },
    /// An undated meeting is its own event.
    Undated(MeetingRef),
}

/// Kinds that may describe the same encounter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    InPerson,
    Phone,
    Video,
    Letter,
    Summit,
    Other,
}

impl Channel {
    pub fn of(kind: Kind) -> Channel {
        match kind {
            Kind::Talks | Kind::Meeting | Kind::StateVisit => Channel::InPerson,
            Kind::PhoneCall => Channel::Phone,
            Kind::VideoCall => Channel::Video,
            Kind::Letter => Channel::Letter,
            Kind::Summit => Channel::Summit,
            Kind::Other => Channel::Other,
        }
    }
}

/// A meeting as the corpus knows it, with every report that tells of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub key: EventKey,
    /// Sorted by article path.
    pub reports: Vec<MeetingRef>,
}

#[derive(Debug, Default, Clone)]
pub struct Timeline {
    meetings: foldhash::HashMap<Arc<str>, Arc<[Meeting]>>,
    events: BTreeMap<EventKey, Arc<Event>>,
    /// How many meetings each country takes part in, for the focal country.
    countries: foldhash::HashMap<String, usize>,
    /// How many times each named person takes part, and each country with a named
    /// person: the filter's choices.
    people: foldhash::HashMap<String, usize>,
    named_countries: foldhash::HashMap<String, usize>,
}

/// The key of meeting `m` (reported by `r`); its names are the meeting's own, shared.
fn key_of(m: &Meeting, r: &MeetingRef) -> EventKey {
    match m.date {
        Some(date) => {
            let mut people: Vec<Name> = m.participants().map(|p| p.name.clone()).collect();
            people.sort_unstable();
            people.dedup();
            EventKey::Dated {
                date,
                channel: Channel::of(m.kind),
                people: people.into(),
            }
        }
        None => EventKey::Undated(r.clone()),
    }
}

impl Timeline {
    /// A timeline of all `articles`' meetings.
    pub fn build<I>(articles: I) -> Timeline
    where
        I: IntoIterator<Item = (Arc<str>, Arc<[Meeting]>)>,
    {
        // In bulk: every (event, report) pair made and sorted in parallel, then grouped,
        // instead of one insertion into the events' map per meeting.
        let mut t = Timeline::default();
        let articles: Vec<(Arc<str>, Arc<[Meeting]>)> = (articles.into_iter())
            .filter(|(_, meetings)| !meetings.is_empty())
            .collect();
        let mut pairs: Vec<(EventKey, MeetingRef)> = (articles.par_iter())
            .flat_map_iter(|(path, meetings)| {
                meetings.iter().enumerate().map(|(index, m)| {
                    let r = MeetingRef {
                        article: path.clone(),
                        index,
                    };
                    (key_of(m, &r), r)
                })
            })
            .collect();
        rayon::join(
            || pairs.par_sort_unstable(),
            || {
                for m in articles.iter().flat_map(|(_, meetings)| meetings.iter()) {
                    t.count_countries(m, true);
                }
            },
        );
        t.meetings = articles.into_iter().collect();
        let mut grouped: Vec<(EventKey, Vec<MeetingRef>)> = Vec::new();
        for (key, r) in pairs {
            match grouped.last_mut() {
                Some((last, refs)) if *last == key => refs.push(r),
                _ => grouped.push((key, vec![r])),
            }
        }
        t.events = (grouped.into_iter())
            .map(|(key, reports)| (key.clone(), Arc::new(Event { key, reports })))
            .collect();
        t
    }

    /// Replace the meetings of the article at `path` (empty to remove it).
    pub fn set_article(&mut self, path: &str, meetings: Arc<[Meeting]>) {
        let (article, old) = match self.meetings.remove_entry(path) {
            Some((article, old)) => (article, Some(old)),
            None => (Arc::from(path), None),
        };
        // A meeting the same as before, at the same place, leaves its event untouched
        // (views keep what they made of it): a reload of an edited report usually
        // finds the same meetings.
        let same = |index: usize| {
            let before = old.as_ref().and_then(|old| old.get(index));
            before.is_some_and(|m| meetings.get(index) == Some(m))
        };
        for (index, m) in old.iter().flat_map(|old| old.iter().enumerate()) {
            if same(index) {
                continue;
            }
            let r = MeetingRef {
                article: article.clone(),
                index,
            };
            let key = key_of(m, &r);
            if let Some(event) = self.events.get_mut(&key) {
                Arc::make_mut(event).reports.retain(|x| *x != r);
                if event.reports.is_empty() {
                    self.events.remove(&key);
                }
            }
            self.count_countries(m, false);
        }
        if meetings.is_empty() {
            return;
        }
        for (index, m) in meetings.iter().enumerate() {
            if same(index) {
                continue;
            }
            let r = MeetingRef {
                article: article.clone(),
                index,
            };
            let key = key_of(m, &r);
            let event = (self.events.entry(key.clone())).or_insert_with(|| {
                Arc::new(Event {
                    key,
                    reports: Vec::new(),
                })
            });
            let refs = &mut Arc::make_mut(event).reports;
            let at = refs.binary_search(&r).unwrap_or_else(|i| i);
            refs.insert(at, r);
            self.count_countries(m, true);
        }
        self.meetings.insert(article, meetings);
    }

    fn count_countries(&mut self, m: &Meeting, add: bool) {
        // Each country once (as `Meeting::countries`, without making the list).
        let countries = || m.participants().filter_map(|p| p.country.as_deref());
        for (i, c) in countries().enumerate() {
            if !countries().take(i).any(|earlier| earlier == c) {
                count(&mut self.countries, c, add);
            }
        }
        for p in m.participants().filter(|p| !p.name.is_empty()) {
            count(&mut self.people, &p.name, add);
            if let Some(c) = &p.country {
                count(&mut self.named_countries, c, add);
            }
        }
    }

    /// Everyone named in a meeting, each once, in no order.
    pub fn people(&self) -> impl Iterator<Item = &str> {
        self.people
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(p, _)| p.as_str())
    }

    /// The countries of everyone named in a meeting, each once, in no order.
    pub fn named_countries(&self) -> impl Iterator<Item = &str> {
        (self.named_countries.iter())
            .filter(|(_, n)| **n > 0)
            .map(|(c, _)| c.as_str())
    }

    /// The country present in most meetings.
    pub fn focal_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .filter(|(_, n)| **n > 0)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.as_str())
    }

    /// The meetings of one article, as extracted.
    pub fn article_meetings(&self, path: &str) -> &[Meeting] {
        self.meetings.get(path).map_or(&[], |m| m)
    }

    /// One meeting by reference.
    pub fn meeting(&self, r: &MeetingRef) -> Option<&Meeting> {
        self.meetings.get(&r.article)?.get(r.index)
    }

    /// Every event, dated ones by date first, then the undated (shared, not copied).
    pub fn events(&self) -> impl Iterator<Item = &Arc<Event>> + '_ {
        self.events.values()
    }

    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// An event's meeting as its first report tells it, the focal country leading; kinds
    /// merged to the most specific any report gives.
    pub fn summary(&self, event: &Event) -> Option<Meeting> {
        self.summary_for(event, self.focal_country())
    }

    /// As [`Timeline::summary`], with the focal country given (to summarise many events
    /// without working it out for each).
    pub fn summary_for(&self, event: &Event, focal: Option<&str>) -> Option<Meeting> {
        let first = self.meeting(event.reports.first()?)?;
        let mut m = first.clone();
        for other in event.reports[1..].iter().filter_map(|r| self.meeting(r)) {
            m.kind = m.kind.more_specific(other.kind);
            m.location = m.location.or_else(|| other.location.clone());
        }
        orient(&mut m, focal);
        Some(m)
    }
}

/// Count `key` once more (or once less) in `counts`.
fn count(counts: &mut foldhash::HashMap<String, usize>, key: &str, add: bool) {
    match counts.get_mut(key) {
        Some(n) if add => *n += 1,
        Some(n) => *n = n.saturating_sub(1),
        None if add => _ = counts.insert(key.to_owned(), 1),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::Participant;
    use jiff::civil::date;

    fn names(p: &[Participant]) -> Vec<&str> {
        p.iter().map(|x| x.name.as_str()).collect()
    }

    fn person(name: &str, country: &str) -> Participant {
        Participant {
            name: name.into(),
            country: Some(country.into()),
        }
    }

    fn report(path: &str, meetings: Vec<Meeting>) -> (Arc<str>, Arc<[Meeting]>) {
        (path.into(), meetings.into())
    }

    fn call(a: &str, b: &str, d: Option<Date>, kind: Kind) -> Meeting {
        Meeting {
            leader: person(a, "China"),
            counterparts: vec![person(b, "Kazakhstan")],
            kind,
            date: d,
            location: None,
            evidence: 0..10,
        }
    }

    #[test]
    fn same_people_day_and_channel_make_one_event() {
        let d = Some(date(2021, 6, 2));
        let t = Timeline::build([
            report(
                "a.txt",
                vec![
                    call("Xi", "Tokayev", d, Kind::PhoneCall),
                    call("Xi", "Aliyev", d, Kind::PhoneCall),
                ],
            ),
            report("b.txt", vec![call("Tokayev", "Xi", d, Kind::PhoneCall)]),
            report("c.txt", vec![call("Xi", "Tokayev", None, Kind::PhoneCall)]),
            report(
                "d.txt",
                vec![call(
                    "Xi",
                    "Tokayev",
                    Some(date(2021, 6, 1)),
                    Kind::PhoneCall,
                )],
            ),
            report("e.txt", vec![call("Xi", "Tokayev", d, Kind::Talks)]),
        ]);
        let events: Vec<&Arc<Event>> = t.events().collect();
        let shape: Vec<(Option<Date>, Vec<&str>)> = events
            .iter()
            .map(|e| {
                let date = match &e.key {
                    EventKey::Dated { date, .. } => Some(*date),
                    EventKey::Undated(_) => None,
                };
                (date, e.reports.iter().map(|r| &*r.article).collect())
            })
            .collect();
        assert_eq!(
            shape,
            [
                (Some(date(2021, 6, 1)), vec!["d.txt"]),
                (d, vec!["e.txt"]),
                (d, vec!["a.txt"]),
                (d, vec!["a.txt", "b.txt"]),
                (None, vec!["c.txt"]),
            ]
        );
    }

    #[test]
    fn replacing_one_article_updates_only_its_events() {
        let d = Some(date(2021, 6, 2));
        let mut t = Timeline::build([
            report("a.txt", vec![call("Xi", "Tokayev", d, Kind::PhoneCall)]),
            report("b.txt", vec![call("Xi", "Tokayev", d, Kind::PhoneCall)]),
        ]);
        assert_eq!(t.event_count(), 1);
        t.set_article("b.txt", vec![call("Xi", "Japarov", d, Kind::Talks)].into());
        assert_eq!(t.event_count(), 2);
        t.set_article("a.txt", Arc::from([]));
        assert_eq!(t.event_count(), 1);
        assert!(t.article_meetings("a.txt").is_empty());
        let only = t.events().next().unwrap();
        assert_eq!(names(&t.summary(only).unwrap().counterparts), ["Japarov"]);
    }

    #[test]
    fn a_report_read_again_with_the_same_meetings_leaves_their_events_as_they_were() {
        let d = Some(date(2021, 6, 2));
        let mut t = Timeline::default();
        let tokayev = call("Xi", "Tokayev", d, Kind::PhoneCall);
        t.set_article("a.txt", Arc::from([tokayev.clone()]));
        let aliyev = call("Xi", "Aliyev", d, Kind::Talks);
        t.set_article("b.txt", Arc::from([tokayev, aliyev]));
        let before: Vec<Arc<Event>> = t.events().cloned().collect();
        let people = |t: &Timeline| {
            let mut p: Vec<String> = t.people().map(str::to_owned).collect();
            p.sort_unstable();
            p
        };
        let people_before = people(&t);
        // The same meetings: every event is the very same.
        let same: Vec<Meeting> = t.article_meetings("b.txt").to_vec();
        t.set_article("b.txt", same.into());
        let after: Vec<Arc<Event>> = t.events().cloned().collect();
        assert!(before.iter().zip(&after).all(|(x, y)| Arc::ptr_eq(x, y)));
        assert_eq!(after.len(), before.len());
        assert_eq!(people(&t), people_before, "the same people");
        // Its second meeting moves in the text: that event alone is made again.
        let mut moved = t.article_meetings("b.txt").to_vec();
        moved[1].evidence = 20..30;
        t.set_article("b.txt", moved.into());
        let again: Vec<Arc<Event>> = t.events().cloned().collect();
        let remade: Vec<bool> = (before.iter().zip(&again))
            .map(|(x, y)| !Arc::ptr_eq(x, y))
            .collect();
        assert_eq!(remade.iter().filter(|r| **r).count(), 1);
        assert_eq!(again, before, "the same events, one of them anew");
    }

    /// Built in bulk, the timeline is the one made by adding each report in turn,
    /// whatever order the reports come in.
    #[test]
    fn built_at_once_or_report_by_report_the_timeline_is_the_same() {
        let d = Some(date(2021, 6, 2));
        let reports = vec![
            report("c.txt", vec![call("Xi", "Tokayev", d, Kind::PhoneCall)]),
            report(
                "a.txt",
                vec![
                    call("Xi", "Tokayev", d, Kind::PhoneCall),
                    call("Xi", "Aliyev", None, Kind::Talks),
                    call("Xi", "Tokayev", d, Kind::PhoneCall),
                ],
            ),
            report("b.txt", vec![]),
            report("d.txt", vec![call("Tokayev", "Xi", d, Kind::PhoneCall)]),
        ];
        let bulk = Timeline::build(reports.clone());
        let mut one_by_one = Timeline::default();
        for (path, meetings) in reports {
            one_by_one.set_article(&path, meetings);
        }
        assert_eq!(
            bulk.events().collect::<Vec<_>>(),
            one_by_one.events().collect::<Vec<_>>()
        );
        assert_eq!(bulk.focal_country(), one_by_one.focal_country());
        assert_eq!(
            bulk.article_meetings("a.txt"),
            one_by_one.article_meetings("a.txt")
        );
        assert_eq!(
            bulk.event_count(),
            2,
            "the call of a, c and d; a's undated talks"
        );
    }
}
