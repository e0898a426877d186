//! Applying the analyst's corrections over what dossier read from the text. Corrections
//! win everywhere: the command line, exports and the app all see corrected values.

use super::model::{AddedMeeting, ArticleNotes, MeetingKey, MetadataCorrection, PersonFix, Store};
use crate::corpus::{Corpus, Metadata};
use crate::meetings::{Meeting, Name, Participant};

/// `meta` with the corrected fields replaced.
pub fn apply_metadata(meta: &mut Metadata, fix: &MetadataCorrection) {
    if let Some(title) = &fix.title {
        meta.title = title.clone();
        meta.title_derived = false;
    }
    if let Some(published) = fix.published {
        meta.published = published;
    }
    if let Some(source) = &fix.source {
        meta.source = (!source.is_empty()).then(|| Name::from(source));
    }
    if let Some(place) = &fix.place {
        meta.place = (!place.is_empty()).then(|| Name::from(place));
    }
}

/// Every article's metadata with the store's corrections applied.
pub fn apply_to_corpus(corpus: &mut Corpus, store: &Store) {
    for a in &mut corpus.articles {
        if let Some(notes) = store.articles.get(&a.path) {
            apply_metadata(&mut a.meta, &notes.metadata);
        }
    }
}

/// The key that identifies each of an article's extracted meetings, in order.
pub fn keys(meetings: &[Meeting]) -> Vec<MeetingKey> {
    let mut out: Vec<MeetingKey> = Vec::with_capacity(meetings.len());
    for m in meetings {
        let people = people_of(m);
        let nth = out.iter().filter(|k| k.people == people).count();
        out.push(MeetingKey { people, nth });
    }
    out
}

/// The key of extracted meeting `i` alone (as [`keys`] gives it), without the others'.
pub fn key_at(meetings: &[Meeting], i: usize) -> Option<MeetingKey> {
    let people = people_of(meetings.get(i)?);
    let nth = meetings[..i]
        .iter()
        .filter(|m| people_of(m) == people)
        .count();
    Some(MeetingKey { people, nth })
}

/// A meeting's participants' names, sorted: what its key is made of.
fn people_of(m: &Meeting) -> Vec<String> {
    let mut people: Vec<String> = m.participants().map(|p| p.name.to_string()).collect();
    people.sort();
    people
}

fn person(p: &PersonFix) -> Participant {
    Participant {
        name: Name::from(p.name.as_str()),
        country: p.country.as_deref().map(Name::from),
    }
}

/// Corrections applied to an article's extracted meetings: corrected fields replaced,
/// "not a meeting" removed, meetings added by hand appended.
pub fn apply_meetings(extracted: Vec<Meeting>, notes: &ArticleNotes) -> Vec<Meeting> {
    apply_meetings_keyed(extracted, notes)
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

/// As [`apply_meetings`], with the key of the extracted meeting each result comes from
/// (`None` for a meeting added by hand), so a later correction can find it again.
pub fn apply_meetings_keyed(
    extracted: Vec<Meeting>,
    notes: &ArticleNotes,
) -> Vec<(Meeting, Option<MeetingKey>)> {
    let keys = keys(&extracted);
    let mut out = Vec::with_capacity(extracted.len());
    for (mut m, key) in extracted.into_iter().zip(keys) {
        if let Some(fix) = notes.meetings.iter().find(|c| c.key == key) {
            if fix.not_a_meeting {
                continue;
            }
            if let Some(date) = fix.date {
                m.date = date;
            }
            if let Some(kind) = fix.kind {
                m.kind = kind;
            }
            if let Some(location) = &fix.location {
                m.location = location.as_deref().map(Name::from);
            }
            if let Some(leader) = &fix.leader {
                m.leader = person(leader);
            }
            if let Some(counterparts) = &fix.counterparts {
                m.counterparts = counterparts.iter().map(person).collect();
            }
        }
        out.push((m, Some(key)));
    }
    out.extend(notes.added_meetings.iter().map(|a| (added(a), None)));
    out
}

fn added(a: &AddedMeeting) -> Meeting {
    Meeting {
        leader: person(&a.leader),
        counterparts: a.counterparts.iter().map(person).collect(),
        kind: a.kind,
        date: a.date,
        location: a.location.as_deref().map(Name::from),
        evidence: a.evidence.map_or(0..0, |(s, e)| s..e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::MeetingCorrection;
    use crate::meetings::Kind;
    use jiff::civil::date;

    fn meeting(a: &str, b: &str) -> Meeting {
        Meeting {
            leader: Participant {
                name: a.into(),
                country: None,
            },
            counterparts: vec![Participant {
                name: b.into(),
                country: None,
            }],
            kind: Kind::Meeting,
            date: None,
            location: None,
            evidence: 0..5,
        }
    }

    #[test]
    fn corrections_reattach_by_people_and_win() {
        let extracted = vec![
            meeting("Xi", "Tokayev"),
            meeting("Tokayev", "Xi"),
            meeting("Xi", "Putin"),
        ];
        let k = keys(&extracted);
        assert_eq!(k[0].nth, 0);
        assert_eq!(k[1].nth, 1, "the same people twice are told apart by order");
        let one_by_one: Vec<_> = (0..4).map(|i| key_at(&extracted, i)).collect();
        assert_eq!(
            one_by_one[..3],
            k.iter().cloned().map(Some).collect::<Vec<_>>()
        );
        assert_eq!(one_by_one[3], None, "no fourth meeting");
        let notes = ArticleNotes {
            meetings: vec![
                MeetingCorrection {
                    not_a_meeting: true,
                    ..MeetingCorrection::new(k[1].clone())
                },
                MeetingCorrection {
                    date: Some(Some(date(2024, 1, 5))),
                    kind: Some(Kind::Talks),
                    location: Some(Some("Moscow".into())),
                    ..MeetingCorrection::new(k[2].clone())
                },
            ],
            ..ArticleNotes::default()
        };
        let out = apply_meetings(extracted, &notes);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].date, Some(date(2024, 1, 5)));
        assert_eq!(out[1].kind, Kind::Talks);
        assert_eq!(out[1].location.as_deref(), Some("Moscow"));
    }
}
