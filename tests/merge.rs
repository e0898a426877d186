//! The three-way merge of sidecars (`annotations::merge`): hand cases with exact
//! expected stores — additions, deletions, conflicts and how they resolve, tags kept for
//! the highlights that use them, tag lists as sets, the identities — and a property test
//! over random bases and random edits on both sides.

use dossier::annotations::merge::{self, Choice, Report, ron_of};
use dossier::annotations::model::{Conflict, Item};
use dossier::annotations::sidecar;
use dossier::annotations::{Anchor, ArticleNotes, Highlight, Store, Tag};
use jiff::Timestamp;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const TEXT: &str =
    "Xi met Tokayev in Astana. The two sides agreed on trade and on new transport links.";

fn at() -> Timestamp {
    "2024-07-04T10:00:00Z".parse().unwrap()
}

fn later() -> Timestamp {
    "2024-07-05T09:30:00Z".parse().unwrap()
}

fn tag(id: &str, name: &str) -> Tag {
    Tag {
        id: id.into(),
        name: name.into(),
        colour: "#f4d03f".into(),
        description: String::new(),
        parent: None,
    }
}

/// A highlight of `quote` (which occurs once in [`TEXT`]).
fn hl(id: &str, quote: &str, tags: &[&str], note: &str) -> Highlight {
    let start = TEXT.find(quote).expect("the quote is in TEXT");
    Highlight {
        id: id.into(),
        anchor: Anchor::new(TEXT, start..start + quote.len()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        note: note.into(),
        created: at(),
        modified: at(),
    }
}

/// Normalised `tags` and `articles` (path, note, highlights).
fn store(tags: Vec<Tag>, articles: Vec<(&str, &str, Vec<Highlight>)>) -> Store {
    let mut s = Store {
        tags,
        ..Store::default()
    };
    for (path, note, highlights) in articles {
        s.articles.insert(
            path.into(),
            ArticleNotes {
                note: note.into(),
                highlights,
                ..ArticleNotes::default()
            },
        );
    }
    s.normalise();
    s
}

/// Two tags; article a.txt with h1 (tagged t1) and h2 (t1, t2).
fn base() -> Store {
    store(
        vec![tag("t1", "trade"), tag("t2", "transport")],
        vec![(
            "a.txt",
            "",
            vec![
                hl("h1", "Tokayev", &["t1"], "the counterpart"),
                hl("h2", "agreed on trade", &["t1", "t2"], ""),
            ],
        )],
    )
}

fn highlight_mut<'a>(s: &'a mut Store, id: &str) -> &'a mut Highlight {
    s.articles
        .values_mut()
        .flat_map(|a| a.highlights.iter_mut())
        .find(|h| h.id == id)
        .expect("the highlight exists")
}

fn remove_highlight(s: &mut Store, id: &str) {
    for a in s.articles.values_mut() {
        a.highlights.retain(|h| h.id != id);
    }
    s.normalise();
}

fn set_note(s: &mut Store, id: &str, note: &str) {
    let h = highlight_mut(s, id);
    h.note = note.into();
    h.modified = later();
}

fn h1_item() -> Item {
    Item::Highlight {
        article: "a.txt".into(),
        id: "h1".into(),
    }
}

#[test]
fn additions_on_both_sides_are_both_kept() {
    let b = base();
    let mut ours = b.clone();
    ours.articles
        .get_mut("a.txt")
        .unwrap()
        .highlights
        .push(hl("h3", "Astana", &["t2"], "ours"));
    ours.normalise();
    let mut theirs = b.clone();
    theirs.tags.push(tag("t3", "links"));
    theirs.articles.insert(
        "b.txt".into(),
        ArticleNotes {
            highlights: vec![hl("h4", "transport links", &["t3"], "theirs")],
            ..ArticleNotes::default()
        },
    );
    theirs.normalise();

    let (merged, report) = merge::merge(&b, &ours, &theirs);
    let expected = store(
        vec![
            tag("t1", "trade"),
            tag("t2", "transport"),
            tag("t3", "links"),
        ],
        vec![
            (
                "a.txt",
                "",
                vec![
                    hl("h1", "Tokayev", &["t1"], "the counterpart"),
                    hl("h3", "Astana", &["t2"], "ours"),
                    hl("h2", "agreed on trade", &["t1", "t2"], ""),
                ],
            ),
            (
                "b.txt",
                "",
                vec![hl("h4", "transport links", &["t3"], "theirs")],
            ),
        ],
    );
    assert_eq!(merged, expected);
    assert_eq!(
        report,
        Report {
            tags_added: 1,
            highlights_added: 1,
            ..Report::default()
        }
    );
    // And the other way round: the same content.
    assert_eq!(
        merge::merge(&b, &theirs, &ours).0.articles,
        expected.articles
    );
}

#[test]
fn a_deletion_on_one_side_is_taken() {
    let b = base();
    let mut ours = b.clone();
    remove_highlight(&mut ours, "h1");
    let mut theirs = b.clone();
    remove_highlight(&mut theirs, "h2");

    let only_h2 = store(
        b.tags.clone(),
        vec![(
            "a.txt",
            "",
            vec![hl("h2", "agreed on trade", &["t1", "t2"], "")],
        )],
    );
    assert_eq!(merge::merge(&b, &ours, &b).0, only_h2);
    assert_eq!(merge::merge(&b, &b, &ours).0, only_h2);
    let (merged, report) = merge::merge(&b, &ours, &theirs);
    // Both highlights gone; the article entry, now empty, with them.
    assert_eq!(merged, store(b.tags.clone(), vec![]));
    assert_eq!(report.highlights_removed, 1);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict_keeping_ours() {
    let b = base();
    let mut ours = b.clone();
    set_note(&mut ours, "h1", "ours");
    let mut theirs = b.clone();
    set_note(&mut theirs, "h1", "theirs");

    let (merged, report) = merge::merge(&b, &ours, &theirs);
    let mut expected = ours.clone();
    expected.conflicts = vec![Conflict {
        item: h1_item(),
        field: "note".into(),
        ours: Some(ron_of(&"ours")),
        theirs: Some(ron_of(&"theirs")),
    }];
    assert_eq!(merged, expected);
    assert_eq!(report.conflicts, 1);

    let mut took_theirs = merged.clone();
    merge::resolve(&mut took_theirs, 0, Choice::Theirs).unwrap();
    assert_eq!(took_theirs, theirs, "their note, no conflict left");
    let mut kept_ours = merged.clone();
    merge::resolve(&mut kept_ours, 0, Choice::Ours).unwrap();
    assert_eq!(kept_ours, ours);
    assert!(merge::resolve(&mut kept_ours, 0, Choice::Ours).is_err());

    // The same change on both sides, or changes to different fields: no conflict.
    assert_eq!(
        merge::merge(&b, &ours, &ours.clone()),
        (ours.clone(), Report::default())
    );
    let mut retagged = b.clone();
    highlight_mut(&mut retagged, "h1").tags.push("t2".into());
    let (merged, _) = merge::merge(&b, &ours, &retagged);
    let mut expected = ours.clone();
    highlight_mut(&mut expected, "h1").tags.push("t2".into());
    assert_eq!(merged, expected);
}

#[test]
fn deleted_on_one_side_and_changed_on_the_other_is_kept_as_a_conflict() {
    let b = base();
    let mut deleted = b.clone();
    remove_highlight(&mut deleted, "h1");
    let mut changed = b.clone();
    set_note(&mut changed, "h1", "still relevant");
    let h1_changed = ron_of(highlight_mut(&mut changed.clone(), "h1"));

    // We deleted it, they changed it: theirs is kept.
    let (merged, report) = merge::merge(&b, &deleted, &changed);
    let mut expected = changed.clone();
    expected.conflicts = vec![Conflict {
        item: h1_item(),
        field: String::new(),
        ours: None,
        theirs: Some(h1_changed.clone()),
    }];
    assert_eq!(merged, expected);
    assert_eq!(report.conflicts, 1);
    let mut took_theirs = merged.clone();
    merge::resolve(&mut took_theirs, 0, Choice::Theirs).unwrap();
    assert_eq!(took_theirs, changed);
    let mut kept_ours = merged.clone();
    merge::resolve(&mut kept_ours, 0, Choice::Ours).unwrap();
    assert_eq!(kept_ours, deleted, "choosing our side deletes it");

    // We changed it, they deleted it: ours is kept.
    let (merged, _) = merge::merge(&b, &changed, &deleted);
    let mut expected = changed.clone();
    expected.conflicts = vec![Conflict {
        item: h1_item(),
        field: String::new(),
        ours: Some(h1_changed),
        theirs: None,
    }];
    assert_eq!(merged, expected);
    let mut took_theirs = merged.clone();
    merge::resolve(&mut took_theirs, 0, Choice::Theirs).unwrap();
    assert_eq!(took_theirs, deleted, "choosing their side deletes it");
    let mut kept_ours = merged.clone();
    merge::resolve(&mut kept_ours, 0, Choice::Ours).unwrap();
    assert_eq!(kept_ours, changed);
}

#[test]
fn a_tag_deleted_on_one_side_but_used_by_the_other_is_kept_as_a_conflict() {
    let b = base();
    // They delete t2, taking it off h2 as the app does.
    let mut theirs = b.clone();
    theirs.tags.retain(|t| t.id != "t2");
    highlight_mut(&mut theirs, "h2").tags.retain(|t| t != "t2");
    // We tag a new highlight with it.
    let mut ours = b.clone();
    ours.articles.get_mut("a.txt").unwrap().highlights.push(hl(
        "h3",
        "transport links",
        &["t2"],
        "",
    ));
    ours.normalise();

    let (merged, report) = merge::merge(&b, &ours, &theirs);
    let mut expected = store(
        b.tags.clone(),
        vec![(
            "a.txt",
            "",
            vec![
                hl("h1", "Tokayev", &["t1"], "the counterpart"),
                hl("h2", "agreed on trade", &["t1"], ""),
                hl("h3", "transport links", &["t2"], ""),
            ],
        )],
    );
    expected.conflicts = vec![Conflict {
        item: Item::Tag("t2".into()),
        field: String::new(),
        ours: Some(ron_of(&tag("t2", "transport"))),
        theirs: None,
    }];
    assert_eq!(merged, expected);
    assert_eq!(report.conflicts, 1);
    // Their side of it: the tag goes, and off every highlight.
    let mut took_theirs = merged.clone();
    merge::resolve(&mut took_theirs, 0, Choice::Theirs).unwrap();
    assert!(took_theirs.tag("t2").is_none());
    assert_eq!(took_theirs.tag_uses("t2"), 0);
}

#[test]
fn the_tag_lists_of_a_highlight_merge_as_sets() {
    let b = base();
    // h2 is tagged t1, t2. We take t1 off and add t3; they add t4.
    let mut ours = b.clone();
    ours.tags.push(tag("t3", "ours"));
    highlight_mut(&mut ours, "h2").tags = vec!["t2".into(), "t3".into()];
    let mut theirs = b.clone();
    theirs.tags.push(tag("t4", "theirs"));
    highlight_mut(&mut theirs, "h2").tags = vec!["t1".into(), "t2".into(), "t4".into()];

    let (mut merged, report) = merge::merge(&b, &ours, &theirs);
    let tags: BTreeSet<&str> = highlight_mut(&mut merged, "h2")
        .tags
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(tags, BTreeSet::from(["t2", "t3", "t4"]));
    assert_eq!(
        highlight_mut(&mut merged, "h2").tags.len(),
        3,
        "no duplicates"
    );
    let ids: Vec<&str> = merged.tags.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4"]);
    assert!(merged.conflicts.is_empty());
    assert_eq!(report.conflicts, 0);
}

/// One store with a bit of every kind of change from [`base`].
fn edited() -> Store {
    let mut x = base();
    remove_highlight(&mut x, "h1");
    set_note(&mut x, "h2", "changed");
    x.tags.push(tag("t3", "new"));
    x.tags[0].name = "Trade".into();
    x.articles.insert(
        "b.txt".into(),
        ArticleNotes {
            note: "a report note".into(),
            highlights: vec![hl("h5", "new transport", &["t3"], "")],
            ..ArticleNotes::default()
        },
    );
    x.normalise();
    x
}

#[test]
fn merging_with_an_unchanged_side_gives_the_changed_side() {
    let b = base();
    let x = edited();
    assert_eq!(merge::merge(&b, &x, &b).0, x, "merge(b, x, b) == x");
    assert_eq!(merge::merge(&b, &b, &x).0, x, "merge(b, b, y) == y");
    assert_eq!(
        merge::merge(&b, &x, &x),
        (x.clone(), Report::default()),
        "merge(b, x, x) == x"
    );
    // Not normalised on the way in, normalised on the way out.
    let mut unsorted = x.clone();
    unsorted
        .articles
        .get_mut("b.txt")
        .unwrap()
        .highlights
        .insert(0, hl("h6", "Astana", &["t3"], ""));
    unsorted
        .articles
        .get_mut("b.txt")
        .unwrap()
        .highlights
        .reverse();
    let mut normalised = unsorted.clone();
    normalised.normalise();
    assert_ne!(unsorted, normalised);
    assert_eq!(merge::merge(&b, &unsorted, &b).0, normalised);
    assert_eq!(merge::merge(&b, &b, &unsorted).0, normalised);
}

// ---- Property test: random bases, random edits on each side. ----

const PATHS: [&str; 3] = ["a.txt", "b.txt", "c.txt"];

/// Notes from a small set (so both sides often make the same change) or any text.
fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["", "a", "b", "c"]).prop_map(String::from),
        1 => "[a-z\"\\\\'\n é]{0,8}",
        1 => "\\PC{0,10}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["trade", "energy", "visit", "Trade", "SCO"]).prop_map(String::from)
}

/// A highlight's place and tags: (start, length, tag indices, note).
type HighlightSpec = (usize, usize, Vec<usize>, String);

fn highlight_spec() -> impl Strategy<Value = HighlightSpec> {
    (
        0..90usize,
        1..12usize,
        prop::collection::vec(any::<usize>(), 0..3),
        note(),
    )
}

fn tag_ids(s: &Store) -> Vec<String> {
    s.tags.iter().map(|t| t.id.clone()).collect()
}

/// A highlight from `spec`, its tag indices taken from `tag_ids` (none if there are none).
fn new_highlight(id: &str, spec: &HighlightSpec, tag_ids: &[String], when: Timestamp) -> Highlight {
    let (start, len, tags, note) = spec;
    let n = TEXT.chars().count();
    let start = start % n;
    let end = (start + len).min(n);
    let mut picked: Vec<String> = Vec::new();
    for i in tags {
        if let Some(t) = tag_ids.get(i % tag_ids.len().max(1))
            && !picked.contains(t)
        {
            picked.push(t.clone());
        }
    }
    Highlight {
        id: id.into(),
        anchor: Anchor::new(TEXT, start..end),
        tags: picked,
        note: note.clone(),
        created: when,
        modified: when,
    }
}

fn base_store() -> impl Strategy<Value = Store> {
    let article = (note(), prop::collection::vec(highlight_spec(), 0..4));
    (
        prop::collection::vec(name(), 0..4),
        prop::collection::vec(article, PATHS.len()),
    )
        .prop_map(|(names, articles)| {
            let mut s = Store::default();
            for (i, n) in names.iter().enumerate() {
                s.tags.push(tag(&format!("t{i}"), n));
            }
            let ids = tag_ids(&s);
            for (a, (note, specs)) in articles.into_iter().enumerate() {
                let highlights = specs
                    .iter()
                    .enumerate()
                    .map(|(i, spec)| new_highlight(&format!("h{a}{i}"), spec, &ids, at()))
                    .collect();
                s.articles.insert(
                    PATHS[a].into(),
                    ArticleNotes {
                        note,
                        highlights,
                        ..ArticleNotes::default()
                    },
                );
            }
            s.normalise();
            s
        })
}

/// One edit of a store, as the app makes them; indices pick among what is there then.
#[derive(Debug, Clone)]
enum Edit {
    AddHighlight(usize, HighlightSpec),
    /// A highlight whose id the other side may use too (in another report, or the same).
    AddHighlightSharedId(usize, HighlightSpec, usize),
    DeleteHighlight(usize),
    HighlightNote(usize, String),
    AddTag(String),
    RenameTag(usize, String),
    DeleteTag(usize),
    ArticleNote(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..PATHS.len(), highlight_spec()).prop_map(|(a, s)| Edit::AddHighlight(a, s)),
        (0..PATHS.len(), highlight_spec(), 0..3usize)
            .prop_map(|(a, s, k)| Edit::AddHighlightSharedId(a, s, k)),
        any::<usize>().prop_map(Edit::DeleteHighlight),
        (any::<usize>(), note()).prop_map(|(i, n)| Edit::HighlightNote(i, n)),
        name().prop_map(Edit::AddTag),
        (any::<usize>(), name()).prop_map(|(i, n)| Edit::RenameTag(i, n)),
        any::<usize>().prop_map(Edit::DeleteTag),
        (0..PATHS.len(), note()).prop_map(|(a, n)| Edit::ArticleNote(a, n)),
    ]
}

type Key = (String, String);

/// (article, id) of every highlight, in store order.
fn highlight_keys(s: &Store) -> Vec<Key> {
    s.articles
        .iter()
        .flat_map(|(p, a)| a.highlights.iter().map(|h| (p.clone(), h.id.clone())))
        .collect()
}

fn highlights_by_key(s: &Store) -> std::collections::BTreeMap<Key, &Highlight> {
    s.articles
        .iter()
        .flat_map(|(p, a)| {
            a.highlights
                .iter()
                .map(move |h| ((p.clone(), h.id.clone()), h))
        })
        .collect()
}

/// `base` with `edits` applied; new ids start with `side`, so the two sides never clash.
fn apply(base: &Store, edits: &[Edit], side: &str) -> Store {
    let mut s = base.clone();
    for (n, e) in edits.iter().enumerate() {
        match e {
            Edit::AddHighlight(a, spec) => {
                let h = new_highlight(&format!("{side}h{n}"), spec, &tag_ids(&s), later());
                s.articles
                    .entry(PATHS[*a].into())
                    .or_default()
                    .highlights
                    .push(h);
            }
            Edit::AddHighlightSharedId(a, spec, k) => {
                let id = format!("shared{k}");
                if !highlight_keys(&s).iter().any(|(_, x)| *x == id) {
                    let h = new_highlight(&id, spec, &tag_ids(&s), later());
                    s.articles
                        .entry(PATHS[*a].into())
                        .or_default()
                        .highlights
                        .push(h);
                }
            }
            Edit::DeleteHighlight(i) => {
                let keys = highlight_keys(&s);
                if let Some((path, id)) = keys.get(i % keys.len().max(1)) {
                    let a = s.articles.get_mut(path).unwrap();
                    a.highlights.retain(|h| h.id != *id);
                }
            }
            Edit::HighlightNote(i, note) => {
                let keys = highlight_keys(&s);
                if let Some((_, id)) = keys.get(i % keys.len().max(1)) {
                    set_note(&mut s, id, note);
                }
            }
            Edit::AddTag(name) => s.tags.push(tag(&format!("{side}t{n}"), name)),
            Edit::RenameTag(i, name) => {
                let len = s.tags.len();
                if len > 0 {
                    s.tags[i % len].name = name.clone();
                }
            }
            Edit::DeleteTag(i) => {
                // As the app does: off every highlight; one left with no tag goes too.
                let len = s.tags.len();
                if len > 0 {
                    let id = s.tags.remove(i % len).id;
                    for a in s.articles.values_mut() {
                        a.highlights.retain_mut(|h| {
                            let had = h.tags.len();
                            h.tags.retain(|t| *t != id);
                            !(had > 0 && h.tags.is_empty())
                        });
                    }
                }
            }
            Edit::ArticleNote(a, note) => {
                s.articles.entry(PATHS[*a].into()).or_default().note = note.clone();
            }
        }
        s.normalise();
    }
    s
}

fn has_conflict(m: &Store, item: &Item, field: &str) -> bool {
    m.conflicts
        .iter()
        .any(|c| c.item == *item && c.field == field)
}

/// Tags created on both sides under one name and parent: theirs → ours.
fn folded_tags(b: &Store, o: &Store, t: &Store, m: &Store) -> BTreeMap<String, String> {
    let new_in = |s: &Store, other: &Store, id: &str| {
        s.tag(id).is_some() && other.tag(id).is_none() && b.tag(id).is_none()
    };
    let key = |x: &Tag| (x.name.trim().to_lowercase(), x.parent.clone());
    let mut fold = BTreeMap::new();
    for theirs in t.tags.iter().filter(|x| new_in(t, o, &x.id)) {
        // Only where the merge kept theirs (not deleted) beside one of ours named alike.
        let twin = m
            .tags
            .iter()
            .chain(o.tags.iter())
            .find(|x| new_in(o, t, &x.id) && key(x) == key(theirs) && m.tag(&x.id).is_some());
        if let Some(ours) = twin {
            fold.insert(theirs.id.clone(), ours.id.clone());
        }
    }
    fold
}

/// The promises of the merge, for `merged` = merge(b, o, t).
fn check_merge(b: &Store, o: &Store, t: &Store, m: &Store) -> Result<(), TestCaseError> {
    let (hb, ho, ht, hm) = (
        highlights_by_key(b),
        highlights_by_key(o),
        highlights_by_key(t),
        highlights_by_key(m),
    );
    // Tags both sides created under one name: theirs folded into ours.
    let fold = folded_tags(b, o, t, m);
    // Added on either side: present, as that side made it (with a folded tag as the one
    // it was folded into, and a fresh id if the other side used its id in another report).
    for (side, other) in [(&ho, &ht), (&ht, &ho)] {
        for (k, h) in side.iter().filter(|(k, _)| !hb.contains_key(*k)) {
            if other.contains_key(k) {
                continue; // one id added on both sides in one report: merged by fields
            }
            let tags = |x: &Highlight| -> BTreeSet<String> {
                x.tags
                    .iter()
                    .map(|t| fold.get(t).unwrap_or(t).clone())
                    .collect()
            };
            let same =
                |x: &&Highlight| x.anchor == h.anchor && x.note == h.note && tags(x) == tags(h);
            let found = match hm.get(k) {
                Some(x) => same(x),
                None => {
                    let moved = other.keys().any(|(_, id)| *id == k.1);
                    moved
                        && m.articles[&k.0]
                            .highlights
                            .iter()
                            .any(|x| same(&x) && x.id != k.1)
                }
            };
            prop_assert!(found, "added highlight {:?} as made: {:?}", k, hm.get(k));
        }
    }
    // No tag made on both sides is left twice.
    for (from, to) in &fold {
        prop_assert!(
            m.tag(from).is_none() && m.tag(to).is_some(),
            "{} -> {}",
            from,
            to
        );
    }
    for (k, base_h) in &hb {
        let item = Item::Highlight {
            article: k.0.clone(),
            id: k.1.clone(),
        };
        let (ours, theirs) = (ho.get(k), ht.get(k));
        for (one, other) in [(ours, theirs), (theirs, ours)] {
            // Deleted on one side, untouched on the other: gone.
            if one.is_none() && other == Some(base_h) {
                prop_assert!(!hm.contains_key(k), "deleted highlight {:?} is back", k);
            }
            // A note changed on one side only (the other kept it, or deleted the
            // highlight): that note.
            if let Some(one) = one
                && one.note != base_h.note
                && other.is_none_or(|x| x.note == base_h.note)
            {
                let merged = hm.get(k).map(|h| h.note.as_str());
                prop_assert_eq!(merged, Some(one.note.as_str()), "note of {:?}", k);
            }
            // Deleted on one side, changed on the other: kept, as a conflict.
            if one.is_none()
                && let Some(other) = other
                && other != base_h
            {
                prop_assert_eq!(hm.get(k), Some(other), "changed highlight {:?}", k);
                prop_assert!(has_conflict(m, &item, ""), "no conflict for {:?}", k);
            }
        }
        // Unchanged on both sides: never lost.
        if ours == Some(base_h) && theirs == Some(base_h) {
            prop_assert_eq!(hm.get(k), Some(base_h), "unchanged highlight {:?}", k);
        }
        // The note changed on both sides differently: a conflict.
        if let (Some(o), Some(t)) = (ours, theirs)
            && o.note != base_h.note
            && t.note != base_h.note
            && o.note != t.note
        {
            prop_assert!(has_conflict(m, &item, "note"), "no conflict for {:?}", k);
        }
    }

    // Article notes.
    let note = |s: &Store, p: &str| s.articles.get(p).map_or(String::new(), |a| a.note.clone());
    for p in PATHS {
        let (nb, no, nt, nm) = (note(b, p), note(o, p), note(t, p), note(m, p));
        if no != nb && nt == nb {
            prop_assert_eq!(&nm, &no, "note of {}", p);
        }
        if nt != nb && no == nb {
            prop_assert_eq!(&nm, &nt, "note of {}", p);
        }
        if no != nb && nt != nb && no != nt {
            prop_assert!(has_conflict(m, &Item::Article(p.into()), "note"), "{}", p);
        }
    }

    // Tags.
    for side in [o, t] {
        for x in side.tags.iter().filter(|x| b.tag(&x.id).is_none()) {
            if !fold.contains_key(&x.id) {
                prop_assert_eq!(m.tag(&x.id), Some(x), "added tag {}", x.id);
            }
        }
    }
    let used: BTreeSet<&str> = hm
        .values()
        .flat_map(|h| h.tags.iter().map(String::as_str))
        .collect();
    for base_t in &b.tags {
        let item = Item::Tag(base_t.id.clone());
        let (ours, theirs) = (o.tag(&base_t.id), t.tag(&base_t.id));
        for (one, other) in [(ours, theirs), (theirs, ours)] {
            if let Some(one) = one
                && one.name != base_t.name
                && other.is_none_or(|x| x.name == base_t.name)
            {
                let merged = m.tag(&base_t.id).map(|x| x.name.as_str());
                prop_assert_eq!(merged, Some(one.name.as_str()), "name of {}", base_t.id);
            }
            if one.is_none()
                && let Some(other) = other
                && other != base_t
            {
                prop_assert!(has_conflict(m, &item, ""), "tag {}", base_t.id);
            }
            if one.is_none() && other == Some(base_t) {
                if used.contains(base_t.id.as_str()) {
                    prop_assert!(has_conflict(m, &item, ""), "tag {}", base_t.id);
                } else {
                    prop_assert!(m.tag(&base_t.id).is_none(), "tag {} is back", base_t.id);
                }
            }
        }
        if let (Some(o), Some(t)) = (ours, theirs)
            && o.name != base_t.name
            && t.name != base_t.name
            && o.name != t.name
        {
            prop_assert!(has_conflict(m, &item, "name"), "tag {}", base_t.id);
        }
    }
    // Every tag a highlight carries exists.
    for id in &used {
        prop_assert!(m.tag(id).is_some(), "tag {} is used but gone", id);
    }

    // The result saves and reads back as it is.
    let text = sidecar::encode(m).expect("the merge encodes");
    let back = sidecar::parse(Path::new("annotations.ron"), text.as_bytes());
    prop_assert_eq!(back.as_ref().ok(), Some(m), "{:?}", back.as_ref().err());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_edits_on_both_sides_merge_as_promised(
        b in base_store(),
        our_edits in prop::collection::vec(edit(), 0..8),
        their_edits in prop::collection::vec(edit(), 0..8),
    ) {
        let ours = apply(&b, &our_edits, "o");
        let theirs = apply(&b, &their_edits, "x");
        let (merged, _) = merge::merge(&b, &ours, &theirs);
        check_merge(&b, &ours, &theirs, &merged)?;
        // The merge is symmetric in content, up to which side's value a conflict keeps.
        let (swapped, _) = merge::merge(&b, &theirs, &ours);
        check_merge(&b, &theirs, &ours, &swapped)?;
        // With one side unchanged, or both the same, the merge is the changed side.
        prop_assert_eq!(&merge::merge(&b, &ours, &b).0, &ours);
        prop_assert_eq!(&merge::merge(&b, &b, &theirs).0, &theirs);
        prop_assert_eq!(&merge::merge(&b, &ours, &ours).0, &ours);
    }
}
