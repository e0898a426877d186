//! What the analyst adds to a corpus: a codebook of tags, highlights with tags and notes,
//! notes on articles, and corrections to extracted metadata and meetings. This is the
//! sidecar's content; [`super::sidecar`] reads and writes it.
//!
//! Every collection is ordered so that the same content always serialises to the same
//! bytes: articles by path (a `BTreeMap`), highlights by start then id, tags as the
//! analyst arranged them.

use super::anchor::Anchor;
use crate::meetings::Kind;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The sidecar format this build reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub version: u32,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Keyed by article path relative to the corpus folder. A path given twice in the
    /// file is an error, not a silent overwrite.
    #[serde(default, deserialize_with = "unique_keys")]
    pub articles: BTreeMap<String, ArticleNotes>,
    /// Fields two merged versions changed differently, waiting for the analyst's choice
    /// (see [`super::merge`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A field that two versions of the sidecar changed differently. The store holds our
/// value; `theirs` is the other one, in RON, for the analyst to choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub item: Item,
    /// The field of the item; empty for the whole item (one side deleted it, the other
    /// changed it).
    #[serde(default)]
    pub field: String,
    /// Our value and theirs, in RON; `None` when that side deleted the item.
    #[serde(default)]
    pub ours: Option<String>,
    #[serde(default)]
    pub theirs: Option<String>,
}

/// What a conflict is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Item {
    /// A tag, by id.
    Tag(String),
    Highlight {
        article: String,
        id: String,
    },
    /// An article's note and details.
    Article(String),
    Meeting {
        article: String,
        key: MeetingKey,
    },
    AddedMeeting {
        article: String,
        id: String,
    },
}

/// A map read from the file, refusing a key that appears twice.
fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of article paths")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "the article {key:?} is listed twice (its highlights would be lost); merge the two entries by hand"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

impl Default for Store {
    fn default() -> Self {
        Store {
            version: VERSION,
            tags: Vec::new(),
            articles: BTreeMap::new(),
            conflicts: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub id: String,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The id of the parent tag, for a hierarchy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    pub id: String,
    pub anchor: Anchor,
    /// Tag ids.
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// Everything attached to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleNotes {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
    #[serde(default, skip_serializing_if = "MetadataCorrection::is_empty")]
    pub metadata: MetadataCorrection,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingCorrection>,
    /// Meetings the extractor missed, added by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_meetings: Vec<AddedMeeting>,
}

impl MetadataCorrection {
    pub fn is_empty(&self) -> bool {
        *self == MetadataCorrection::default()
    }
}

impl ArticleNotes {
    pub fn is_empty(&self) -> bool {
        self.note.is_empty()
            && self.highlights.is_empty()
            && self.metadata.is_empty()
            && self.meetings.is_empty()
            && self.added_meetings.is_empty()
    }

    /// Highlights by place, corrections and added meetings by key.
    pub fn normalise(&mut self) {
        self.highlights.sort_by(|x, y| {
            (x.anchor.start, x.anchor.end, &x.id).cmp(&(y.anchor.start, y.anchor.end, &y.id))
        });
        self.meetings.sort_by(|x, y| x.key.cmp(&y.key));
        self.added_meetings.sort_by(|x, y| x.id.cmp(&y.id));
    }
}

/// Hand corrections to an article's metadata; `None` keeps what was read from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataCorrection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `Some(None)` says "the report has no date", overriding a date read wrongly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Option<Date>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// Which extracted meeting a correction is for: its participants' names (as extracted,
/// sorted) and, when one article has several meetings of the same people, which of them
/// (counted from 0 in text order). Stable when the extractor re-runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingKey {
    pub people: Vec<String>,
    #[serde(default)]
    pub nth: usize,
}

/// A hand correction to one extracted meeting; `None` fields keep the extracted value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingCorrection {
    pub key: MeetingKey,
    #[serde(default)]
    pub not_a_meeting: bool,
    #[serde(default)]
    pub date: Option<Option<Date>>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub location: Option<Option<String>>,
    #[serde(default)]
    pub leader: Option<PersonFix>,
    #[serde(default)]
    pub counterparts: Option<Vec<PersonFix>>,
}

impl MeetingCorrection {
    /// A correction for the meeting `key` that changes nothing yet.
    pub fn new(key: MeetingKey) -> Self {
        MeetingCorrection {
            key,
            not_a_meeting: false,
            date: None,
            kind: None,
            location: None,
            leader: None,
            counterparts: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFix {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
}

/// A meeting added by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedMeeting {
    pub id: String,
    pub leader: PersonFix,
    pub counterparts: Vec<PersonFix>,
    pub kind: Kind,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub location: Option<String>,
    /// Char range of the passage that reports it, if the analyst selected one.
    #[serde(default)]
    pub evidence: Option<(usize, usize)>,
}

impl Store {
    pub fn tag_by_name(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }

    pub fn tag(&self, id: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.id == id)
    }

    /// Tag `id` named by its path from the root, `Parent / Child` (how tags are matched
    /// across two analysts' files, whose ids differ).
    pub fn tag_path(&self, id: &str) -> Option<String> {
        let mut names = vec![self.tag(id)?.name.clone()];
        let mut parent = self.tag(id)?.parent.clone();
        while let Some(p) = parent.filter(|_| names.len() <= self.tags.len()) {
            let Some(t) = self.tag(&p) else { break };
            names.push(t.name.clone());
            parent = t.parent.clone();
        }
        names.reverse();
        Some(names.join(" / "))
    }

    /// The codebook as a tree: each tag followed by its sub-tags (depth first, siblings in
    /// codebook order), with its depth. A tag whose parent is missing, or which sits on a
    /// loop of parents (a hand-edited file), is listed as a top-level tag.
    pub fn tag_tree(&self) -> Vec<(&Tag, usize)> {
        let index: HashMap<&str, usize> = (self.tags.iter().enumerate())
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let parent_of =
            |i: usize| (self.tags[i].parent.as_deref()).and_then(|p| index.get(p).copied());
        // On a loop when walking up comes back to the tag itself.
        let on_loop = |i: usize| {
            let mut at = parent_of(i);
            for _ in 0..self.tags.len() {
                match at {
                    Some(p) if p == i => return true,
                    Some(p) => at = parent_of(p),
                    None => return false,
                }
            }
            false
        };
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.tags.len()];
        let mut roots = Vec::new();
        for i in 0..self.tags.len() {
            match parent_of(i).filter(|_| !on_loop(i)) {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let mut out = Vec::with_capacity(self.tags.len());
        let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            out.push((&self.tags[i], depth));
            stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
        }
        out
    }

    /// Put every collection in its canonical order and drop empty article entries.
    pub fn normalise(&mut self) {
        self.articles.retain(|_, a| !a.is_empty());
        self.articles.values_mut().for_each(ArticleNotes::normalise);
        self.normalise_conflicts();
    }

    /// [`Store::normalise`] for one article's notes only.
    pub fn normalise_article(&mut self, path: &str) {
        if let Some(a) = self.articles.get_mut(path) {
            a.normalise();
            if a.is_empty() {
                self.articles.remove(path);
            }
        }
    }

    /// The conflicts in their canonical order, each once.
    pub fn normalise_conflicts(&mut self) {
        self.conflicts
            .sort_by(|x, y| (&x.item, &x.field).cmp(&(&y.item, &y.field)));
        self.conflicts.dedup();
    }

    /// How many highlights carry tag `id`.
    pub fn tag_uses(&self, id: &str) -> usize {
        self.articles
            .values()
            .flat_map(|a| &a.highlights)
            .filter(|h| h.tags.iter().any(|t| t == id))
            .count()
    }
}

/// A new id: `prefix`, a base-36 number from the clock and three random base-36 digits
/// (so two analysts, or two processes, making an item in the same microsecond still get
/// different ids, which the three-way merge relies on), unique in `taken`.
pub fn new_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    use std::hash::{BuildHasher, Hasher};
    let now = Timestamp::now().as_nanosecond().unsigned_abs();
    let mut n = now / 1000;
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(now);
    h.write_u32(std::process::id());
    let salt = base36(u128::from(h.finish() % 46_656 + 46_656)); // "1" + three digits
    loop {
        let id = format!("{prefix}{}{}", base36(n), &salt[1..]);
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

fn base36(mut n: u128) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether `s` is a `#rrggbb` colour.
pub fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_short() {
        let a = new_id("h", |_| false);
        let b = new_id("h", |id| id == a);
        assert_ne!(a, b);
        assert!(a.starts_with('h') && a.len() < 16, "{a}");
    }

    fn tag(id: &str, parent: Option<&str>) -> Tag {
        Tag {
            id: id.to_owned(),
            name: id.to_uppercase(),
            colour: "#000000".to_owned(),
            description: String::new(),
            parent: parent.map(str::to_owned),
        }
    }

    #[test]
    fn the_tag_tree_puts_sub_tags_under_their_parent_whatever_the_codebook_order() {
        // b is made before its parent a; c's parent is missing; d and e are each
        // other's parent (a loop); f sits under e.
        let store = Store {
            tags: vec![
                tag("b", Some("a")),
                tag("c", Some("gone")),
                tag("a", None),
                tag("d", Some("e")),
                tag("e", Some("d")),
                tag("f", Some("e")),
                tag("g", Some("b")),
            ],
            ..Store::default()
        };
        let tree: Vec<(&str, usize)> = (store.tag_tree().into_iter())
            .map(|(t, depth)| (t.id.as_str(), depth))
            .collect();
        assert_eq!(
            tree,
            [
                ("c", 0),
                ("a", 0),
                ("b", 1),
                ("g", 2),
                ("d", 0),
                ("e", 0),
                ("f", 1)
            ]
        );
    }
}
