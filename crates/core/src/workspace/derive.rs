//! The one pipeline from a report as read to what every view shows: **correct** the
//! metadata, **extract** the meetings from the corrected metadata (so "on Wednesday"
//! resolves against the analyst's date, "here" against the analyst's place), **correct**
//! the meetings; the views then **orient** them to the corpus's focal country
//! ([`Workspace::meetings_as_shown`](crate::workspace::Workspace::meetings_as_shown)).
//!
//! The app's [`Workspace`](crate::workspace::Workspace), the command line and the exports
//! all go through [`derive()`] (the workspace runs it), so they never disagree.
//!
//! Meeting keys ([`corrections::keys`]) are made of the participants' names, which the
//! extractor reads without the report's date or place; correcting those fields re-dates
//! and re-places meetings but leaves their keys, so corrections keyed before still find
//! their meeting.

use crate::annotations::corrections;
use crate::annotations::model::{ArticleNotes, MeetingKey};
use crate::corpus::{Article, Metadata};
use crate::gazetteer::Gazetteer;
use crate::meetings::{self, Meeting};

/// One article's metadata and meetings after the analyst's corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub meta: Metadata,
    /// In the text's order, sides as the text gives them (see [`crate::meetings::orient`]).
    pub meetings: Vec<Meeting>,
    /// For each of `meetings`, the key of the extracted meeting it comes from (`None` for
    /// one added by hand).
    pub keys: Vec<Option<MeetingKey>>,
}

/// Corrections applied to `article` (its `meta` taken as read from the text) and the
/// meetings extracted from the corrected metadata, corrected in turn.
pub fn derive(article: &Article, notes: Option<&ArticleNotes>, gaz: &Gazetteer) -> Derived {
    derive_from(&article.text, &article.meta, notes, gaz)
}

/// As [`derive()`], for a report's `text` whose metadata as read is `read`.
pub fn derive_from(
    text: &str,
    read: &crate::corpus::Metadata,
    notes: Option<&ArticleNotes>,
    gaz: &Gazetteer,
) -> Derived {
    let meta = corrected(read, notes);
    let extracted = meetings::extract_with(text, &meta, gaz);
    finish(meta, extracted, notes, gaz)
}

/// The metadata as read, `read`, with the analyst's corrections in `notes`.
pub fn corrected(read: &Metadata, notes: Option<&ArticleNotes>) -> Metadata {
    correct(read.clone(), notes)
}

/// As [`corrected`], in place of `meta`.
pub fn correct(mut meta: Metadata, notes: Option<&ArticleNotes>) -> Metadata {
    if let Some(n) = notes {
        corrections::apply_metadata(&mut meta, &n.metadata);
    }
    meta
}

/// What [`derive_from`] gives once the meetings are extracted (`extracted`, from a
/// report whose corrected metadata is `meta`): the meetings corrected.
pub fn finish(
    meta: Metadata,
    extracted: Vec<Meeting>,
    notes: Option<&ArticleNotes>,
    gaz: &Gazetteer,
) -> Derived {
    let (meetings, keys) = match notes {
        Some(n) => corrections::apply_meetings_keyed(extracted, n)
            .into_iter()
            .unzip(),
        None => {
            let keys = corrections::keys(&extracted)
                .into_iter()
                .map(Some)
                .collect();
            (extracted, keys)
        }
    };
    Derived {
        meta,
        meetings: filled(meetings, gaz),
        keys,
    }
}

/// As [`finish`], without working out the keys where `notes` neither correct nor add
/// meetings (`keys` is then empty): the workspace keeps keys only where they do
/// ([`corrects_meetings`]), and a hundred thousand reports' keys cost a tenth of a reopen.
pub(crate) fn finish_unkeyed(
    meta: Metadata,
    extracted: Vec<Meeting>,
    notes: Option<&ArticleNotes>,
    gaz: &Gazetteer,
) -> Derived {
    if corrects_meetings(notes) {
        return finish(meta, extracted, notes, gaz);
    }
    Derived {
        meta,
        meetings: filled(extracted, gaz),
        keys: Vec::new(),
    }
}

/// Whether `notes` correct or add meetings, so the meetings' keys are needed to apply them.
pub(crate) fn corrects_meetings(notes: Option<&ArticleNotes>) -> bool {
    notes.is_some_and(|n| !n.meetings.is_empty() || !n.added_meetings.is_empty())
}

/// `meetings` with every participant's country filled in where the gazetteer knows it.
fn filled(mut meetings: Vec<Meeting>, gaz: &Gazetteer) -> Vec<Meeting> {
    for m in &mut meetings {
        fill_countries(m, gaz);
    }
    meetings
}

/// People typed by the analyst (added meetings, corrected names) come without a country:
/// take it from the gazetteer, so filters, columns and orientation see them.
fn fill_countries(m: &mut Meeting, gaz: &Gazetteer) {
    for p in std::iter::once(&mut m.leader).chain(m.counterparts.iter_mut()) {
        if p.country.is_none() {
            p.country = gaz.country_of_person(&p.name).cloned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::{MeetingCorrection, MetadataCorrection};
    use jiff::civil::date;

    /// A report without a date whose call is told by weekday (in our own words).
    const UNDATED: &str = "Xi and Tokayev talk by phone\n\nChinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Wednesday.\nThe two leaders discussed trade.\n";

    fn article(text: &str) -> Article {
        Article::from_bytes("a.txt", text.as_bytes()).expect("a text fixture")
    }

    fn redated(published: jiff::civil::Date) -> ArticleNotes {
        ArticleNotes {
            metadata: MetadataCorrection {
                published: Some(Some(published)),
                ..MetadataCorrection::default()
            },
            ..ArticleNotes::default()
        }
    }

    #[test]
    fn a_weekday_resolves_against_the_corrected_date() {
        let a = article(UNDATED);
        assert_eq!(a.meta.published, None);
        let plain = derive(&a, None, Gazetteer::builtin());
        assert_eq!(plain.meetings.len(), 1);
        assert_eq!(plain.meetings[0].date, None, "no report date, no day");
        // 2021-06-04 was a Friday; the Wednesday on or before it is 2021-06-02.
        let notes = redated(date(2021, 6, 4));
        let fixed = derive(&a, Some(&notes), Gazetteer::builtin());
        assert_eq!(fixed.meta.published, Some(date(2021, 6, 4)));
        assert_eq!(fixed.meetings[0].date, Some(date(2021, 6, 2)));
        assert_eq!(fixed.keys, plain.keys, "re-dating keeps the key");
    }

    #[test]
    fn a_correction_keyed_before_redating_still_applies() {
        let a = article(UNDATED);
        let key = derive(&a, None, Gazetteer::builtin()).keys[0]
            .clone()
            .expect("an extracted meeting has a key");
        assert_eq!(
            key.people,
            ["Kassym-Jomart Tokayev", "Xi Jinping"],
            "keys are the sorted names"
        );
        let mut notes = redated(date(2021, 6, 4));
        notes.meetings.push(MeetingCorrection {
            location: Some(Some("Beijing".into())),
            ..MeetingCorrection::new(key.clone())
        });
        let fixed = derive(&a, Some(&notes), Gazetteer::builtin());
        assert_eq!(fixed.meetings[0].location.as_deref(), Some("Beijing"));
        assert_eq!(fixed.meetings[0].date, Some(date(2021, 6, 2)));
        assert_eq!(fixed.keys, [Some(key)]);
    }

    #[test]
    fn without_meeting_corrections_the_keys_are_left_out_and_nothing_else_changes() {
        let a = article(UNDATED);
        let gaz = Gazetteer::builtin();
        let finish_both = |notes: Option<&ArticleNotes>| {
            let meta = corrected(&a.meta, notes);
            let extracted = meetings::extract_with(&a.text, &meta, gaz);
            let all = finish(meta.clone(), extracted.clone(), notes, gaz);
            (all, finish_unkeyed(meta, extracted, notes, gaz))
        };
        let notes = redated(date(2021, 6, 4));
        for notes in [None, Some(&notes)] {
            let (all, lean) = finish_both(notes);
            assert_eq!((&lean.meta, &lean.meetings), (&all.meta, &all.meetings));
            assert_eq!(all.keys.len(), 1);
            assert!(lean.keys.is_empty());
        }
        // Once a meeting is corrected its key is needed, and given.
        let mut notes = redated(date(2021, 6, 4));
        let key = finish_both(None).0.keys[0].clone().expect("a key");
        notes.meetings.push(MeetingCorrection {
            location: Some(Some("Astana".into())),
            ..MeetingCorrection::new(key)
        });
        let (all, lean) = finish_both(Some(&notes));
        assert_eq!(lean, all);
        assert_eq!(lean.meetings[0].location.as_deref(), Some("Astana"));
    }

    #[test]
    fn a_meeting_date_correction_beats_the_redating() {
        let a = article(UNDATED);
        let key = corrections::keys(&meetings::extract(&a, Gazetteer::builtin()))[0].clone();
        let mut notes = redated(date(2021, 6, 4));
        notes.meetings.push(MeetingCorrection {
            date: Some(Some(date(2021, 5, 30))),
            ..MeetingCorrection::new(key)
        });
        let fixed = derive(&a, Some(&notes), Gazetteer::builtin());
        assert_eq!(fixed.meetings[0].date, Some(date(2021, 5, 30)));
    }

    #[test]
    fn a_meeting_added_by_hand_gets_countries_and_is_oriented_like_the_rest() {
        use crate::annotations::model::{AddedMeeting, PersonFix};
        let a = article(UNDATED);
        let typed = |name: &str| PersonFix {
            name: name.into(),
            country: None,
        };
        let notes = ArticleNotes {
            added_meetings: vec![AddedMeeting {
                id: "m1".into(),
                leader: typed("Sadyr Japarov"),
                counterparts: vec![typed("Xi Jinping"), typed("Kazakh Foreign Minister")],
                kind: meetings::Kind::Talks,
                date: None,
                location: None,
                evidence: None,
            }],
            ..ArticleNotes::default()
        };
        let fixed = derive(&a, Some(&notes), Gazetteer::builtin());
        let added = fixed.meetings.last().expect("the added meeting");
        assert_eq!(added.leader.country.as_deref(), Some("Kyrgyzstan"));
        let countries: Vec<Option<&str>> = added
            .counterparts
            .iter()
            .map(|p| p.country.as_deref())
            .collect();
        assert_eq!(countries, [Some("China"), Some("Kazakhstan")]);
        let mut oriented = added.clone();
        meetings::orient(&mut oriented, Some("China"));
        assert_eq!(oriented.leader.name, "Xi Jinping");
    }

    #[test]
    fn orientation_puts_the_focal_country_first() {
        // Tokayev is named first; China is in both articles' meetings, Kazakhstan in one.
        let first = article(
            "Tokayev calls Xi\n\nKazakh President Kassym-Jomart Tokayev held a phone call with Chinese President Xi Jinping on Monday.\n",
        );
        let second = article(
            "Xi meets Aliyev\n\nChinese President Xi Jinping held talks with Azerbaijani President Ilham Aliyev on Monday.\n",
        );
        let all: Vec<Vec<Meeting>> = [first, second]
            .iter()
            .map(|a| derive(a, None, Gazetteer::builtin()).meetings)
            .collect();
        assert_eq!(all[0][0].leader.name, "Kassym-Jomart Tokayev");
        let focal = meetings::focal_country(all.iter().flatten());
        assert_eq!(focal.as_deref(), Some("China"));
        let mut oriented = all[0][0].clone();
        meetings::orient(&mut oriented, focal.as_deref());
        assert_eq!(oriented.leader.name, "Xi Jinping");
        assert_eq!(oriented.counterparts[0].name, "Kassym-Jomart Tokayev");
    }
}
