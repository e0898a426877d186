//! Conflicts a three-way merge recorded ([`super::merge`]): describing them in the
//! analyst's words, and settling one — keep our value (already in the store) or put theirs
//! in its place, read back from the RON the conflict kept.

use super::model::{Conflict, Highlight, Item, Store, Tag};
use serde::de::DeserializeOwned;

/// Which side's value a conflict is settled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Ours,
    Theirs,
}

/// Settle conflict `index` of `store`: keep our value (it is already in the store, except
/// for an item we deleted, which the merge kept: ours then deletes it) or put theirs in
/// its place. Returns an error naming the field if their value cannot be read.
pub fn resolve(store: &mut Store, index: usize, choice: Choice) -> Result<(), String> {
    let Some(c) = store.conflicts.get(index).cloned() else {
        return Err("no such conflict".into());
    };
    match choice {
        Choice::Theirs => put(store, &c.item, &c.field, c.theirs.as_deref())?,
        // We deleted the item and the merge kept their changed one: ours deletes it.
        Choice::Ours if c.field.is_empty() && c.ours.is_none() => put(store, &c.item, "", None)?,
        Choice::Ours => {}
    }
    store.conflicts.remove(index);
    store.normalise();
    Ok(())
}

fn parse<T: DeserializeOwned>(field: &str, ron: &str) -> Result<T, String> {
    ron::from_str(ron).map_err(|e| format!("the other value of {field:?} cannot be read: {e}"))
}

/// Set `field` of `item` (the whole item when `field` is empty; `None` removes it).
fn put(store: &mut Store, item: &Item, field: &str, value: Option<&str>) -> Result<(), String> {
    match item {
        Item::Tag(id) => put_tag(store, id, field, value),
        Item::Article(path) => {
            let a = store.articles.entry(path.clone()).or_default();
            let v = value.unwrap_or("\"\"");
            match field {
                "note" => a.note = parse(field, v)?,
                "title" => a.metadata.title = parse(field, v)?,
                "published" => a.metadata.published = parse(field, v)?,
                "source" => a.metadata.source = parse(field, v)?,
                "place" => a.metadata.place = parse(field, v)?,
                _ => return Err(format!("unknown field {field:?}")),
            }
            Ok(())
        }
        Item::Highlight { article, id } => {
            let list = &mut store
                .articles
                .entry(article.clone())
                .or_default()
                .highlights;
            put_in_list(
                list,
                |h| h.id == *id,
                field,
                value,
                |h: &mut Highlight, f, v| {
                    match f {
                        "anchor" => h.anchor = parse(f, v)?,
                        "note" => h.note = parse(f, v)?,
                        _ => return Err(format!("unknown field {f:?}")),
                    }
                    Ok(())
                },
            )
        }
        Item::Meeting { article, key } => {
            let list = &mut store.articles.entry(article.clone()).or_default().meetings;
            put_in_list(list, |c| c.key == *key, field, value, no_fields)
        }
        Item::AddedMeeting { article, id } => {
            let list = &mut store
                .articles
                .entry(article.clone())
                .or_default()
                .added_meetings;
            put_in_list(list, |a| a.id == *id, field, value, no_fields)
        }
    }
}

fn no_fields<T>(_: &mut T, f: &str, _: &str) -> Result<(), String> {
    Err(format!("unknown field {f:?}"))
}

fn put_tag(store: &mut Store, id: &str, field: &str, value: Option<&str>) -> Result<(), String> {
    if field.is_empty() && value.is_none() {
        // Their side deleted the tag: take it off every highlight, re-parent its children.
        let parent = store.tag(id).and_then(|t| t.parent.clone());
        store.tags.retain(|t| t.id != id);
        for t in &mut store.tags {
            if t.parent.as_deref() == Some(id) {
                t.parent = parent.clone();
            }
        }
        for h in store.articles.values_mut().flat_map(|a| &mut a.highlights) {
            h.tags.retain(|t| t != id);
        }
        return Ok(());
    }
    put_in_list(
        &mut store.tags,
        |t| t.id == id,
        field,
        value,
        |t: &mut Tag, f, v| {
            match f {
                "name" => t.name = parse(f, v)?,
                "colour" => t.colour = parse(f, v)?,
                "description" => t.description = parse(f, v)?,
                "parent" => t.parent = parse(f, v)?,
                _ => return Err(format!("unknown field {f:?}")),
            }
            Ok(())
        },
    )
}

/// Replace, remove or change one field of the item of `list` that `is` picks.
fn put_in_list<T: DeserializeOwned>(
    list: &mut Vec<T>,
    is: impl Fn(&T) -> bool,
    field: &str,
    value: Option<&str>,
    set: impl Fn(&mut T, &str, &str) -> Result<(), String>,
) -> Result<(), String> {
    let at = list.iter().position(&is);
    match (field.is_empty(), value, at) {
        (true, None, Some(i)) => {
            list.remove(i);
        }
        (true, None, None) => {}
        (true, Some(v), at) => {
            let item: T = parse("item", v)?;
            match at {
                Some(i) => list[i] = item,
                None => list.push(item),
            }
        }
        (false, Some(v), Some(i)) => set(&mut list[i], field, v)?,
        (false, _, _) => return Err(format!("the item of field {field:?} is gone")),
    }
    Ok(())
}

/// What a conflict is about, in the analyst's words ("Tag “trade”: name").
/// `title` gives a report's title from its path, where the corpus knows it.
pub fn describe(store: &Store, c: &Conflict, title: &dyn Fn(&str) -> Option<String>) -> String {
    let report = |path: &str| match title(path) {
        Some(t) => format!("“{}” ({path})", crate::text::shorten(&t, 50)),
        None => path.to_owned(),
    };
    let field = if c.field.is_empty() {
        "deleted on one side, changed on the other".to_owned()
    } else {
        c.field.clone()
    };
    let what = match &c.item {
        Item::Tag(id) => match store.tag(id) {
            Some(t) => format!("Tag “{}”", t.name),
            None => format!("Tag {id}"),
        },
        Item::Highlight { article, id } => {
            let quote = store
                .articles
                .get(article)
                .and_then(|a| a.highlights.iter().find(|h| h.id == *id))
                .map(|h| crate::text::shorten(&h.anchor.quote, 40));
            match quote {
                Some(q) => format!("Highlight “{q}” in {}", report(article)),
                None => format!("Highlight {id} in {}", report(article)),
            }
        }
        Item::Article(path) => format!("Report {}", report(path)),
        Item::Meeting { article, key } => {
            format!(
                "Meeting of {} in {}",
                key.people.join(", "),
                report(article)
            )
        }
        Item::AddedMeeting { article, .. } => {
            format!("Meeting added by hand in {}", report(article))
        }
    };
    format!("{what}: {field}")
}

/// One side's value of a conflict, for reading: text as written, other values as RON,
/// "(deleted)" for a side that removed the item.
pub fn show_value(value: Option<&str>) -> String {
    match value {
        None => "(deleted)".to_owned(),
        Some(v) => match ron::from_str::<String>(v) {
            Ok(s) if s.is_empty() => "(empty)".to_owned(),
            Ok(s) => s,
            Err(_) => v.to_owned(),
        },
    }
}
