//! Annotations: the analyst's codebook, highlights, notes and corrections, kept in a RON
//! sidecar beside the corpus ([`sidecar`]), anchored so they survive edits of the
//! articles ([`anchor`]), applied over what was read from the text ([`corrections`], in
//! the one pipeline [`derive`]), and merged three ways when two writers changed them
//! ([`merge`]).

pub mod anchor;
mod approx;
pub mod conflicts;
pub mod corrections;
pub mod merge;
pub mod model;
pub mod ops;
pub mod palette;
pub mod sidecar;
pub mod tidy;
pub mod unify;

pub use anchor::{Anchor, Resolved, Status};
pub use model::{ArticleNotes, Highlight, Store, Tag};

use crate::corpus::Corpus;
use jiff::Timestamp;
use std::ops::Range;

/// The id of the tag called `name` (any case), created if the codebook lacks it, with the
/// palette colour farthest from the codebook's colours ([`palette::next_colour`]).
pub fn ensure_tag(store: &mut Store, name: &str) -> String {
    if let Some(t) = store.tag_by_name(name) {
        return t.id.clone();
    }
    let id = model::new_id("t", |id| store.tag(id).is_some());
    let colours: Vec<&str> = store.tags.iter().map(|t| t.colour.as_str()).collect();
    let colour = palette::next_colour(&colours);
    store.tags.push(Tag {
        id: id.clone(),
        name: name.trim().to_owned(),
        colour,
        description: String::new(),
        parent: None,
    });
    id
}

/// Highlight char range `range` of `text` (article `path`) with `tags`; returns its id.
pub fn add_highlight(
    store: &mut Store,
    path: &str,
    text: &str,
    range: Range<usize>,
    tag_ids: Vec<String>,
    note: &str,
    now: Timestamp,
) -> String {
    let taken = |id: &str| {
        store
            .articles
            .values()
            .flat_map(|a| &a.highlights)
            .any(|h| h.id == id)
    };
    let id = model::new_id("h", taken);
    let notes = store.articles.entry(path.to_owned()).or_default();
    notes.highlights.push(Highlight {
        id: id.clone(),
        anchor: Anchor::new(text, range),
        tags: tag_ids,
        note: note.to_owned(),
        created: now,
        modified: now,
    });
    store.normalise();
    id
}

/// One highlight and where it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed<'a> {
    pub article: &'a str,
    pub highlight: &'a Highlight,
    pub resolved: Resolved,
}

/// Every highlight of `store` resolved against the articles of `corpus` (a highlight
/// whose article is gone is an orphan). Reads only: stored positions never change here.
pub fn place_all<'a>(store: &'a Store, corpus: &Corpus) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    for (path, notes) in &store.articles {
        let anchors: Vec<&Anchor> = notes.highlights.iter().map(|h| &h.anchor).collect();
        let text = corpus.article(path).map(|a| a.text.as_str());
        let resolved = anchor::resolve_highlights(text, &anchors);
        for (h, resolved) in notes.highlights.iter().zip(resolved) {
            out.push(Placed {
                article: path,
                highlight: h,
                resolved,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(id: &str, colour: &str) -> Tag {
        Tag {
            id: id.into(),
            name: id.into(),
            colour: colour.into(),
            description: String::new(),
            parent: None,
        }
    }

    #[test]
    fn a_new_tag_keeps_clear_of_colours_picked_by_hand_or_broken() {
        // The first palette colour was given away by hand; another entry is garbage.
        let mut store = Store {
            tags: vec![tag("a", "#F1CE63"), tag("b", "not a colour")],
            ..Store::default()
        };
        let id = ensure_tag(&mut store, "  economy ");
        let made = store.tag(&id).expect("the tag was created");
        assert_eq!(made.name, "economy");
        let gap = palette::distance(&made.colour, "#f1ce63").expect("both are colours");
        assert!(
            gap >= palette::MIN_DISTANCE,
            "{} is ΔE {gap} away",
            made.colour
        );
        assert_eq!(
            ensure_tag(&mut store, "ECONOMY"),
            id,
            "found again in any case"
        );
        assert_eq!(store.tags.len(), 3);
    }
}
