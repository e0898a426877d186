//! Highlights and tags that should not exist, found and cleaned up: highlights of
//! nothing (empty, white space only, no word at all), highlights that start or end inside
//! a word (made before selections snapped to words), two highlights of one passage, tags
//! with no name, and tags named alike under one parent (two writers creating the same
//! tag). `dossier check` lists them; `dossier
//! tidy` and the app's review list fix them through [`fix`].

use super::model::Store;
use super::ops;
use crate::text::{self, NotAPassage};
use std::collections::BTreeMap;
use std::ops::Range;

/// One thing to clean up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A highlight that shows nothing: it is removed.
    Blank {
        article: String,
        id: String,
        why: NotAPassage,
    },
    /// A highlight whose ends cut words: it is widened to whole words.
    PartWords {
        article: String,
        id: String,
        quote: String,
        whole: Range<usize>,
    },
    /// Two highlights of one passage: the later one's tags and note go to the first.
    SamePassage {
        article: String,
        keep: String,
        merge: String,
    },
    /// A tag whose name is empty or white space (a hand edit): it is named.
    BlankName { id: String, name: String },
    /// Tags with one name (ignoring case) and one parent: the later ones are merged into
    /// the first.
    SameName {
        name: String,
        keep: String,
        merge: Vec<String>,
    },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Blank { article, id, why } => {
                write!(f, "{article}: highlight {id} is blank ({why})")
            }
            Finding::PartWords {
                article, id, quote, ..
            } => write!(
                f,
                "{article}: highlight {id} cuts a word: {:?}",
                text::shorten(quote, 60)
            ),
            Finding::SamePassage {
                article,
                keep,
                merge,
            } => {
                write!(
                    f,
                    "{article}: highlights {keep} and {merge} mark the same passage"
                )
            }
            Finding::BlankName { id, name } => {
                write!(f, "tag {id} has no name (it will be called {name:?})")
            }
            Finding::SameName { name, merge, .. } => {
                let n = merge.len() + 1;
                write!(f, "{n} tags are named {name:?} under the same parent")
            }
        }
    }
}

/// What to clean up in `store`; `text_of` gives an article's text (when it is loaded) to
/// tell where a highlight cuts a word.
pub fn find<'t>(store: &Store, text_of: impl Fn(&str) -> Option<&'t str>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, notes) in &store.articles {
        for h in &notes.highlights {
            let quote = &h.anchor.quote;
            let (article, id) = (path.clone(), h.id.clone());
            let why = match text::passage(quote, 0..quote.chars().count()) {
                Err(why) => why,
                Ok(_) => {
                    out.extend(
                        part_words(text_of(path), h).map(|whole| Finding::PartWords {
                            article,
                            id,
                            quote: quote.clone(),
                            whole,
                        }),
                    );
                    continue;
                }
            };
            out.push(Finding::Blank { article, id, why });
        }
    }
    out.extend(same_passages(store));
    out.extend(blank_names(store));
    out.extend(same_names(store));
    out
}

fn same_passages(store: &Store) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, notes) in &store.articles {
        let mut seen: BTreeMap<(usize, usize), &str> = BTreeMap::new();
        for h in &notes.highlights {
            let at = (h.anchor.start, h.anchor.end);
            match seen.get(&at) {
                Some(first) => out.push(Finding::SamePassage {
                    article: path.clone(),
                    keep: (*first).to_owned(),
                    merge: h.id.clone(),
                }),
                None => {
                    seen.insert(at, &h.id);
                }
            }
        }
    }
    out
}

fn blank_names(store: &Store) -> Vec<Finding> {
    let mut n = 0;
    let mut out = Vec::new();
    for t in store.tags.iter().filter(|t| t.name.trim().is_empty()) {
        let name = loop {
            n += 1;
            let name = format!("untitled tag {n}");
            if store.tag_by_name(&name).is_none() {
                break name;
            }
        };
        out.push(Finding::BlankName {
            id: t.id.clone(),
            name,
        });
    }
    out
}

/// The whole-word range of a highlight that sits where it was made and cuts a word.
fn part_words(text: Option<&str>, h: &super::Highlight) -> Option<Range<usize>> {
    let text = text?;
    let at = h.anchor.start..h.anchor.end;
    let bytes = text::char_range_to_bytes(text, at.clone());
    if text.get(bytes)? != h.anchor.quote {
        return None; // moved: re-anchoring and review handle it
    }
    text::passage(text, at.clone()).ok().filter(|w| *w != at)
}

fn same_names(store: &Store) -> Vec<Finding> {
    let mut groups: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    for t in &store.tags {
        let key = t.name.trim().to_lowercase();
        match groups.iter_mut().find(|g| g.0 == key && g.1 == t.parent) {
            Some(g) => g.2.push(t.id.clone()),
            None => groups.push((key, t.parent.clone(), vec![t.id.clone()])),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.2.len() > 1)
        .map(|(_, _, mut ids)| {
            let keep = ids.remove(0);
            let name = store.tag(&keep).map(|t| t.name.clone()).unwrap_or_default();
            Finding::SameName {
                name,
                keep,
                merge: ids,
            }
        })
        .collect()
}

/// Clean up what `findings` name: blank highlights removed, cut words widened (in
/// `text_of`'s text), same-named tags merged. Returns how many findings were fixed.
pub fn fix<'t>(
    store: &mut Store,
    findings: &[Finding],
    text_of: impl Fn(&str) -> Option<&'t str>,
) -> usize {
    let mut fixed = 0;
    for f in findings {
        match f {
            Finding::Blank { article, id, .. } => ops::remove_highlight(store, article, id),
            Finding::PartWords {
                article, id, whole, ..
            } => {
                let Some(text) = text_of(article) else {
                    continue;
                };
                let now = jiff::Timestamp::now();
                if ops::reattach(store, article, id, text, whole.clone(), now).is_err() {
                    continue;
                }
            }
            Finding::SamePassage {
                article,
                keep,
                merge,
            } => merge_highlights(store, article, keep, merge),
            Finding::BlankName { id, name } => {
                ops::rename_tag(store, id, name);
            }
            Finding::SameName { keep, merge, .. } => {
                for from in merge {
                    ops::merge_tags(store, from, keep);
                }
            }
        }
        fixed += 1;
    }
    store.normalise();
    fixed
}

/// Fold highlight `merge` of `article` into `keep`: its tags (those `keep` lacks) and
/// its note (after `keep`'s), then remove it.
fn merge_highlights(store: &mut Store, article: &str, keep: &str, merge: &str) {
    let Some(notes) = store.articles.get_mut(article) else {
        return;
    };
    let Some(gone) = notes.highlights.iter().position(|h| h.id == merge) else {
        return;
    };
    let gone = notes.highlights.remove(gone);
    if let Some(h) = notes.highlights.iter_mut().find(|h| h.id == keep) {
        for t in gone.tags {
            if !h.tags.contains(&t) {
                h.tags.push(t);
            }
        }
        if !gone.note.trim().is_empty() && gone.note != h.note {
            h.note = [h.note.trim(), gone.note.trim()]
                .iter()
                .filter(|n| !n.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Tag, add_highlight};

    const TEXT: &str = "China is ready to work with Kazakhstan.\n\nXi said so.";

    fn tag(id: &str, name: &str, parent: Option<&str>) -> Tag {
        Tag {
            id: id.into(),
            name: name.into(),
            colour: "#4e79a7".into(),
            description: String::new(),
            parent: parent.map(Into::into),
        }
    }

    #[test]
    fn blank_cut_and_twin_tags_are_found_and_fixed() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let mut s = Store {
            tags: vec![
                tag("t1", "Trade", None),
                tag("t2", "trade ", None),
                tag("t3", "Trade", Some("t1")),
            ],
            ..Store::default()
        };
        let t = |id: &str| vec![id.to_owned()];
        let blank = add_highlight(&mut s, "a.txt", TEXT, 39..41, t("t1"), "", now);
        let cut = add_highlight(&mut s, "a.txt", TEXT, 0..7, t("t2"), "", now);
        let fine = add_highlight(&mut s, "a.txt", TEXT, 41..43, t("t3"), "", now);
        let text_of = |_: &str| Some(TEXT);
        let found = find(&s, text_of);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.contains(&Finding::Blank {
            article: "a.txt".into(),
            id: blank.clone(),
            why: NotAPassage::WhiteSpace
        }));
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::PartWords { id, whole, .. }
            if *id == cut && *whole == (0..8)))
        );
        // "Trade" and "trade " at the top are twins; "Trade" under Trade is not.
        assert!(found.contains(&Finding::SameName {
            name: "Trade".into(),
            keep: "t1".into(),
            merge: vec!["t2".into()]
        }));
        assert_eq!(fix(&mut s, &found, text_of), 3);
        let hs = &s.articles["a.txt"].highlights;
        let ids: Vec<&str> = hs.iter().map(|h| h.id.as_str()).collect();
        assert!(!ids.contains(&blank.as_str()) && ids.contains(&fine.as_str()));
        let widened = hs.iter().find(|h| h.id == cut).expect("kept");
        assert_eq!(widened.anchor.quote, "China is");
        assert_eq!(
            widened.tags,
            ["t1"],
            "the twin's highlights move to the tag kept"
        );
        assert_eq!(s.tags.len(), 2);
        assert!(find(&s, text_of).is_empty(), "nothing left to tidy");
    }

    #[test]
    fn one_passage_marked_twice_becomes_one_highlight_and_a_nameless_tag_is_named() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let mut s = Store {
            tags: vec![tag("t1", "Trade", None), tag("t2", "  ", None)],
            ..Store::default()
        };
        let t = |id: &str| vec![id.to_owned()];
        let first = add_highlight(&mut s, "a.txt", TEXT, 0..5, t("t1"), "one", now);
        let second = add_highlight(&mut s, "a.txt", TEXT, 0..5, t("t2"), "two", now);
        let found = find(&s, |_: &str| Some(TEXT));
        assert_eq!(found.len(), 2, "{found:?}");
        fix(&mut s, &found, |_: &str| Some(TEXT));
        let hs = &s.articles["a.txt"].highlights;
        assert_eq!(hs.len(), 1);
        let kept = if hs[0].id == first {
            &hs[0]
        } else {
            panic!("{second} kept")
        };
        assert_eq!(kept.tags, ["t1", "t2"]);
        assert_eq!(kept.note, "one\n\ntwo");
        assert_eq!(s.tag("t2").map(|t| t.name.as_str()), Some("untitled tag 1"));
    }
}
