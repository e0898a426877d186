//! What a three-way merge by ids cannot see on its own, put right after it: the same tag
//! created on both sides (two ids, one name and parent) becomes one tag, and a highlight
//! id that both sides used in different reports gets a fresh id on their side, so the
//! merged file is always one dossier reads.

use super::model::{self, Store};
use super::ops;
use std::collections::{BTreeMap, BTreeSet};

/// Tags named alike (ignoring case and outer spaces) under one parent that were created
/// on both sides (new since `base`, one only in `ours`, one only in `theirs`), merged
/// into ours. Returns how many of their tags were folded into ours.
pub fn twin_tags(out: &mut Store, base: &Store, ours: &Store, theirs: &Store) -> usize {
    let new_in = |s: &Store, other: &Store, id: &str| {
        s.tag(id).is_some() && other.tag(id).is_none() && base.tag(id).is_none()
    };
    let mut groups: BTreeMap<(String, Option<String>), Vec<String>> = BTreeMap::new();
    for t in &out.tags {
        let key = (t.name.trim().to_lowercase(), t.parent.clone());
        groups.entry(key).or_default().push(t.id.clone());
    }
    let mut folded = 0;
    for ids in groups.into_values() {
        let Some(keep) = ids.iter().find(|id| new_in(ours, theirs, id)) else {
            continue;
        };
        for from in ids.iter().filter(|id| new_in(theirs, ours, id)) {
            ops::merge_tags(out, from, keep);
            folded += 1;
        }
    }
    folded
}

/// A highlight id found in more than one report: every copy but the one `ours` has
/// there (or the first) gets a fresh id. Returns how many ids were changed.
pub fn clashing_highlight_ids(out: &mut Store, ours: &Store) -> usize {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, a) in &out.articles {
        for h in &a.highlights {
            seen.entry(h.id.clone()).or_default().push(path.clone());
        }
    }
    let mut taken: BTreeSet<String> = seen.keys().cloned().collect();
    let mut changed = 0;
    for (id, paths) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        let ours_has = |p: &String| {
            ours.articles
                .get(p)
                .is_some_and(|a| a.highlights.iter().any(|h| h.id == id))
        };
        let keep = paths
            .iter()
            .find(|p| ours_has(p))
            .unwrap_or(&paths[0])
            .clone();
        for path in paths.iter().filter(|p| **p != keep) {
            let fresh = model::new_id("h", |c| taken.contains(c));
            taken.insert(fresh.clone());
            if let Some(h) = out
                .articles
                .get_mut(path)
                .and_then(|a| a.highlights.iter_mut().find(|h| h.id == id))
            {
                h.id = fresh;
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Tag, add_highlight};

    fn tag(id: &str, name: &str) -> Tag {
        Tag {
            id: id.into(),
            name: name.into(),
            colour: "#4e79a7".into(),
            description: String::new(),
            parent: None,
        }
    }

    #[test]
    fn a_tag_made_on_both_sides_becomes_one_and_keeps_every_highlight() {
        let base = Store::default();
        let theirs = Store {
            tags: vec![tag("t-theirs", "energy ")],
            ..Store::default()
        };
        let mut out = Store {
            tags: vec![tag("t-ours", "Energy"), tag("t-theirs", "energy ")],
            ..Store::default()
        };
        let ours = Store {
            tags: vec![tag("t-ours", "Energy")],
            ..Store::default()
        };
        let now = jiff::Timestamp::UNIX_EPOCH;
        let text = "Oil and gas.";
        add_highlight(
            &mut out,
            "a.txt",
            text,
            0..3,
            vec!["t-theirs".into()],
            "",
            now,
        );
        add_highlight(
            &mut out,
            "a.txt",
            text,
            8..11,
            vec!["t-ours".into()],
            "",
            now,
        );
        assert_eq!(twin_tags(&mut out, &base, &ours, &theirs), 1);
        assert_eq!(out.tags, [tag("t-ours", "Energy")]);
        let tags: Vec<&[String]> = out.articles["a.txt"]
            .highlights
            .iter()
            .map(|h| h.tags.as_slice())
            .collect();
        assert_eq!(tags, [["t-ours"], ["t-ours"]]);
    }

    #[test]
    fn one_highlight_id_in_two_reports_is_split() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let mut out = Store::default();
        let id = add_highlight(&mut out, "a.txt", "Oil.", 0..3, vec!["t".into()], "", now);
        let other = add_highlight(&mut out, "b.txt", "Gas.", 0..3, vec!["t".into()], "", now);
        let mut ours = out.clone();
        ours.articles.remove("b.txt");
        out.articles.get_mut("b.txt").expect("b").highlights[0].id = id.clone();
        assert_ne!(other, id);
        assert_eq!(clashing_highlight_ids(&mut out, &ours), 1);
        assert_eq!(
            out.articles["a.txt"].highlights[0].id, id,
            "ours keeps its id"
        );
        assert_ne!(out.articles["b.txt"].highlights[0].id, id);
    }
}
