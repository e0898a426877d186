//! What the analyst is looking at, shared by the panels: the filter, the chosen event
//! (kept as the event itself, so it survives filtering and corrections), the open report
//! and its mark, the chosen highlight, the recent tags. Panels read it through a [`Cx`]
//! and change it only by sending [`super::commands::Nav`] commands. Nothing here is
//! saved in the sidecar.

use crate::filter::{Query, Shown};
use crate::meetings::timeline::EventKey;
use crate::workspace::Workspace;
use std::ops::Range;

/// Which list the left panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeftTab {
    #[default]
    Meetings,
    Reports,
}

/// What is looked at, apart from each panel's own state.
#[derive(Debug, Default)]
pub struct Focus {
    pub query: Query,
    /// The chosen event, and where it is in the shown rows now.
    pub selected: Option<EventKey>,
    pub selected_row: Option<usize>,
    /// Index into the corpus's articles.
    pub article: Option<usize>,
    /// A char range to mark and scroll to in the reader (a meeting's evidence).
    pub mark: Option<Range<usize>>,
    pub scroll_to_mark: bool,
    /// The timeline's next scroll to the chosen event puts it at the top (a month jump
    /// from the sticky month heading).
    pub month_jump: bool,
    /// Tag ids on keys 1–9, each keeping its key (see [`remember_tag`]).
    pub recent_tags: Vec<String>,
    /// Tag ids in the order they were last applied this session, most recent last.
    pub tag_uses: Vec<String>,
    /// The highlight chosen in the right panel's list (its details are shown).
    pub active_highlight: Option<String>,
    /// A highlight whose anchor is being re-attached to the next selection.
    pub reattach: Option<String>,
    pub left: LeftTab,
}

/// What a panel reads: the open folder, what is looked at, what the filter shows, and
/// the reader's selection. Read-only: a panel changes things by sending commands.
pub struct Cx<'a> {
    pub ws: &'a Workspace,
    pub focus: &'a Focus,
    pub shown: &'a Shown,
    /// The text selected in the reader (chars of the open report).
    pub selection: Option<Range<usize>>,
}

/// How many tags keys 1–9 hold.
pub const RECENT_TAGS: usize = 9;

/// Put tag `tag` on a key: a tag already there keeps its key (so the keys can be
/// learnt); a new one takes the next free key, or, when all nine are taken, the key of
/// the tag applied longest ago. `uses` records the order of use.
pub fn remember_tag(keys: &mut Vec<String>, uses: &mut Vec<String>, tag: String) {
    uses.retain(|t| *t != tag);
    uses.push(tag.clone());
    if keys.contains(&tag) {
        return;
    }
    if keys.len() < RECENT_TAGS {
        keys.push(tag);
        return;
    }
    let age = |t: &String| uses.iter().position(|u| u == t);
    // Never used this session counts as oldest; among those, the last key.
    let oldest = (0..keys.len())
        .rev()
        .min_by_key(|&i| age(&keys[i]).map_or(0, |p| p + 1))
        .unwrap_or(RECENT_TAGS - 1);
    keys[oldest] = tag;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_tags_keep_their_keys() {
        let (mut keys, mut uses) = (Vec::new(), Vec::new());
        for t in ["a", "b", "c"] {
            remember_tag(&mut keys, &mut uses, t.into());
        }
        remember_tag(&mut keys, &mut uses, "a".into());
        assert_eq!(keys, ["a", "b", "c"], "using a tag again does not renumber");
        for t in ["d", "e", "f", "g", "h", "i"] {
            remember_tag(&mut keys, &mut uses, t.into());
        }
        assert_eq!(keys.len(), 9);
        remember_tag(&mut keys, &mut uses, "c".into());
        // All keys taken: "j" replaces "b", applied longest ago; the rest stay put.
        remember_tag(&mut keys, &mut uses, "j".into());
        assert_eq!(keys, ["a", "j", "c", "d", "e", "f", "g", "h", "i"]);
    }
}
