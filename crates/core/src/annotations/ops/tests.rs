//! Unit tests of the annotation edits, against stores built by hand.

use super::*;
use crate::annotations::model::MeetingKey;
use jiff::civil::date;

const TEXT: &str = "Xi met Tokayev in Astana. They discussed trade and transit.";

fn now() -> Timestamp {
    Timestamp::UNIX_EPOCH
}

fn tag(id: &str, name: &str, parent: Option<&str>) -> Tag {
    Tag {
        id: id.into(),
        name: name.into(),
        colour: "#aabbcc".into(),
        description: String::new(),
        parent: parent.map(Into::into),
    }
}

/// Tags a (top), b under a, c under b; one highlight "Tokayev" tagged a and b.
fn store() -> Store {
    let mut s = Store {
        tags: vec![
            tag("a", "Trade", None),
            tag("b", "Transit", Some("a")),
            tag("c", "Rail", Some("b")),
        ],
        ..Store::default()
    };
    add_highlight(
        &mut s,
        "r.txt",
        TEXT,
        7..14,
        vec!["a".into(), "b".into()],
        "",
        now(),
    );
    s
}

fn only_highlight(s: &Store) -> &crate::annotations::Highlight {
    &s.articles["r.txt"].highlights[0]
}

#[test]
fn tagging_the_same_range_adds_to_its_highlight() {
    let mut s = store();
    let id = tag_range(
        &mut s,
        "r.txt",
        TEXT,
        7..14,
        &TagChoice::Existing("c".into()),
        now(),
    )
    .expect("a passage");
    assert_eq!(id.tag, "c");
    assert_eq!(id.highlight, only_highlight(&s).id);
    assert_eq!(s.articles["r.txt"].highlights.len(), 1);
    assert_eq!(only_highlight(&s).tags, ["a", "b", "c"]);
    let new = tag_range(
        &mut s,
        "r.txt",
        TEXT,
        0..2,
        &TagChoice::New("Leaders".into()),
        now(),
    )
    .expect("a passage")
    .tag;
    assert_eq!(s.tag(&new).map(|t| t.name.as_str()), Some("Leaders"));
    let hs = &s.articles["r.txt"].highlights;
    assert_eq!(hs.len(), 2);
    assert_eq!(hs[0].anchor.quote, "Xi");
}

#[test]
fn untagging_the_last_tag_removes_the_highlight() {
    let mut s = store();
    let id = only_highlight(&s).id.clone();
    untag_highlight(&mut s, "r.txt", &id, "a");
    assert_eq!(only_highlight(&s).tags, ["b"]);
    untag_highlight(&mut s, "r.txt", &id, "b");
    assert!(s.articles["r.txt"].highlights.is_empty());
}

#[test]
fn notes_and_reattach_touch_one_highlight() {
    let mut s = store();
    let id = only_highlight(&s).id.clone();
    let later = Timestamp::from_second(100).unwrap_or(now());
    set_highlight_note(&mut s, "r.txt", &id, "key line", later);
    assert_eq!(only_highlight(&s).note, "key line");
    assert_eq!(only_highlight(&s).modified, later);
    reattach(&mut s, "r.txt", &id, TEXT, 18..24, later).expect("a passage");
    assert_eq!(only_highlight(&s).anchor.quote, "Astana");
    remove_highlight(&mut s, "r.txt", &id);
    assert!(s.articles["r.txt"].highlights.is_empty());
    set_article_note(&mut s, "r.txt", "whole report");
    assert_eq!(s.articles["r.txt"].note, "whole report");
}

#[test]
fn cycles_are_refused() {
    let s = store();
    assert!(would_cycle(&s.tags, "a", Some("c")), "a → c → b → a");
    assert!(would_cycle(&s.tags, "a", Some("a")));
    assert!(!would_cycle(&s.tags, "c", Some("a")));
    assert!(!would_cycle(&s.tags, "a", None));
    let mut s = store();
    assert!(!set_parent(&mut s, "a", Some("c")));
    assert_eq!(s.tag("a").and_then(|t| t.parent.clone()), None);
    assert!(!set_parent(&mut s, "a", Some("nope")), "unknown parent");
    assert!(set_parent(&mut s, "c", Some("a")));
    let depth = |id: &str| {
        s.tag_tree()
            .iter()
            .find(|(t, _)| t.id == id)
            .map(|(_, d)| *d)
    };
    assert_eq!(depth(&s.tags[2].id), Some(1));
    assert_eq!(depth(&s.tags[1].id), Some(1));
}

#[test]
fn merging_moves_uses_and_children() {
    let mut s = store();
    merge_tags(&mut s, "b", "a");
    assert_eq!(only_highlight(&s).tags, ["a"], "a once, not twice");
    assert_eq!(
        s.tag("c").and_then(|t| t.parent.clone()).as_deref(),
        Some("a")
    );
    assert!(s.tag("b").is_none());
    let mut s = store();
    merge_tags(&mut s, "a", "b");
    assert_eq!(
        s.tag("b").and_then(|t| t.parent.clone()),
        None,
        "b was under a"
    );
    let before = store();
    let mut s = before.clone();
    merge_tags(&mut s, "a", "missing");
    assert_eq!(s, before, "merging into an unknown tag changes nothing");
}

#[test]
fn deleting_a_tag_moves_children_up_and_drops_empty_highlights() {
    let mut s = store();
    delete_tag(&mut s, "b");
    assert_eq!(
        s.tag("c").and_then(|t| t.parent.clone()).as_deref(),
        Some("a")
    );
    assert_eq!(only_highlight(&s).tags, ["a"]);
    delete_tag(&mut s, "a");
    assert!(s.articles["r.txt"].highlights.is_empty());
    assert_eq!(s.tags.len(), 1);
    assert_eq!(s.tag("c").and_then(|t| t.parent.clone()), None);
}

#[test]
fn renaming_and_recolouring_check_their_input() {
    let mut s = store();
    assert!(!rename_tag(&mut s, "a", "  "));
    assert!(rename_tag(&mut s, "a", " Commerce "));
    assert_eq!(s.tags[0].name, "Commerce");
    assert!(!recolour_tag(&mut s, "a", "red"));
    assert!(recolour_tag(&mut s, "a", "#FF0000"));
    assert_eq!(s.tags[0].colour, "#ff0000");
    describe_tag(&mut s, "a", "money");
    assert_eq!(s.tags[0].description, "money");
}

fn meeting() -> Meeting {
    Meeting {
        leader: Participant {
            name: "Xi Jinping".into(),
            country: Some("China".into()),
        },
        counterparts: vec![Participant {
            name: "Kassym-Jomart Tokayev".into(),
            country: Some("Kazakhstan".into()),
        }],
        kind: Kind::Talks,
        date: None,
        location: Some("Astana".into()),
        evidence: 0..25,
    }
}

fn key() -> MeetingKey {
    MeetingKey {
        people: vec!["Kassym-Jomart Tokayev".into(), "Xi Jinping".into()],
        nth: 0,
    }
}

#[test]
fn a_correction_keeps_only_what_changed() {
    let m = meeting();
    let mut form = MeetingForm::from_meeting(&m);
    assert_eq!(
        build_correction(&key(), &m, &form),
        Ok(MeetingCorrection::new(key()))
    );
    form.date = "2024-07-03".into();
    form.location = String::new();
    form.counterparts = "Kassym-Jomart Tokayev; Sadyr Japarov".into();
    let fix = build_correction(&key(), &m, &form).expect("valid form");
    assert_eq!(fix.date, Some(Some(date(2024, 7, 3))));
    assert_eq!(fix.location, Some(None));
    assert_eq!(fix.kind, None);
    let people = fix.counterparts.expect("counterparts changed");
    assert_eq!(
        people[0].country.as_deref(),
        Some("Kazakhstan"),
        "kept for an unchanged name"
    );
    assert_eq!(people[1].country, None);
    form.date = "3 July".into();
    assert_eq!(
        build_correction(&key(), &m, &form),
        Err("“3 July” is not a date (YYYY-MM-DD)".into())
    );
    let empty = MeetingForm {
        leader: "Xi".into(),
        ..MeetingForm::default()
    };
    assert!(build_correction(&key(), &m, &empty).is_err());
    let dismiss = MeetingForm {
        not_a_meeting: true,
        ..empty
    };
    assert!(build_correction(&key(), &m, &dismiss).is_ok_and(|f| f.not_a_meeting));
}

#[test]
fn an_empty_place_for_a_meeting_without_one_is_no_change() {
    let m = Meeting {
        location: None,
        ..meeting()
    };
    let mut form = MeetingForm::from_meeting(&m);
    form.location = "  ".into();
    form.kind = Some(Kind::PhoneCall);
    let fix = build_correction(&key(), &m, &form).expect("valid form");
    assert_eq!(fix.location, None, "place was not changed");
    assert_eq!(fix.kind, Some(Kind::PhoneCall));
}

#[test]
fn corrections_replace_and_restore() {
    let mut s = Store::default();
    let dismiss = MeetingCorrection {
        not_a_meeting: true,
        ..MeetingCorrection::new(key())
    };
    correct_meeting(&mut s, "r.txt", dismiss.clone());
    correct_meeting(&mut s, "r.txt", dismiss.clone());
    assert_eq!(s.articles["r.txt"].meetings, [dismiss]);
    correct_meeting(&mut s, "r.txt", MeetingCorrection::new(key()));
    assert!(
        s.articles["r.txt"].meetings.is_empty(),
        "a no-op correction is no correction"
    );
    correct_meeting(
        &mut s,
        "r.txt",
        MeetingCorrection {
            kind: Some(Kind::Letter),
            ..MeetingCorrection::new(key())
        },
    );
    restore_meeting(&mut s, "r.txt", &key());
    assert!(s.articles["r.txt"].meetings.is_empty());
}

#[test]
fn meetings_added_by_hand() {
    let form = MeetingForm {
        date: "2019-09-11".into(),
        kind: Some(Kind::PhoneCall),
        location: " ".into(),
        leader: "Xi Jinping".into(),
        counterparts: "Kassym-Jomart Tokayev;".into(),
        not_a_meeting: false,
    };
    let mut s = Store::default();
    let added = build_added(&form, Some(4..20), |id| added_id_taken(&s, id)).expect("valid");
    assert_eq!(added.date, Some(date(2019, 9, 11)));
    assert_eq!(added.location, None);
    assert_eq!(added.evidence, Some((4, 20)));
    assert_eq!(added.counterparts.len(), 1);
    let id = added.id.clone();
    add_meeting(&mut s, "r.txt", added);
    assert!(added_id_taken(&s, &id));
    remove_added_meeting(&mut s, "r.txt", &id);
    assert!(s.articles["r.txt"].added_meetings.is_empty());
    let no_one = MeetingForm {
        counterparts: String::new(),
        ..form
    };
    assert!(build_added(&no_one, None, |_| false).is_err());
}

#[test]
fn details_record_only_real_corrections() {
    let mut read = crate::corpus::metadata::extract("Xi meets Tokayev\n\nThe two met.");
    read.published = Some(date(2024, 7, 3));
    read.source = Some("Xinhua".into());
    read.place = None;
    let form = DetailsForm::from_meta(&read);
    assert_eq!(
        build_details(&read, &form),
        Ok(MetadataCorrection::default())
    );
    let form = DetailsForm {
        date: String::new(),
        place: "Astana".into(),
        title: " ".into(),
        ..form
    };
    let fix = build_details(&read, &form).expect("valid");
    assert_eq!(fix.published, Some(None), "clearing the date says: no date");
    assert_eq!(fix.place.as_deref(), Some("Astana"));
    assert_eq!(fix.title, None, "an empty title keeps the one read");
    assert_eq!(fix.source, None);
}

#[test]
fn blank_and_wordless_selections_are_refused_and_change_nothing() {
    let mut s = store();
    let before = s.clone();
    for sel in [3..3, 2..3] {
        let got = tag_range(
            &mut s,
            "r.txt",
            TEXT,
            sel.clone(),
            &TagChoice::New("X".into()),
            now(),
        );
        assert!(got.is_err(), "{sel:?} of {TEXT:?} is refused");
    }
    assert_eq!(s, before, "not even the new tag was made");
    // A selection ending mid-word is tagged as whole words.
    tag_range(
        &mut s,
        "r.txt",
        TEXT,
        0..1,
        &TagChoice::Existing("a".into()),
        now(),
    )
    .expect("a passage");
    assert!(
        s.articles["r.txt"]
            .highlights
            .iter()
            .any(|h| h.anchor.quote == "Xi")
    );
}

#[test]
fn the_effect_of_deleting_a_tag_is_what_deleting_does() {
    let mut s = store();
    add_highlight(&mut s, "r.txt", TEXT, 0..2, vec!["a".into()], "", now());
    add_highlight(&mut s, "r.txt", TEXT, 18..24, vec!["a".into()], "", now());
    // "a" alone on two highlights, beside "b" on the first one.
    assert_eq!(delete_tag_effect(&s, "a"), (2, 1));
    let before: usize = s.articles.values().map(|a| a.highlights.len()).sum();
    delete_tag(&mut s, "a");
    let after: usize = s.articles.values().map(|a| a.highlights.len()).sum();
    assert_eq!(before - after, 2, "the two with no other tag went");
    assert_eq!(
        only_highlight(&s).tags,
        ["b"],
        "the other kept its other tag"
    );
}
