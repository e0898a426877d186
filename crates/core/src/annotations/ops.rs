//! The edits an analyst makes to the annotations, as plain functions over a [`Store`]:
//! tagging a passage, re-attaching a highlight, editing notes, reshaping the codebook
//! (rename, recolour, nest, merge, delete), and correcting, dismissing, restoring and
//! adding meetings. The app's command layer and the command line call these; none of
//! them knows about undo or saving (the workspace wraps them).

use super::model::{
    AddedMeeting, MeetingCorrection, MeetingKey, MetadataCorrection, PersonFix, Store, Tag,
};
use super::{Anchor, add_highlight, ensure_tag};
use crate::corpus::Metadata;
use crate::meetings::{Kind, Meeting, Participant};
use crate::text::{NotAPassage, passage};
use jiff::Timestamp;
use jiff::civil::Date;
use std::ops::Range;

/// The tag to apply: one in the codebook, or a new one made on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagChoice {
    Existing(String),
    New(String),
}

/// Tag char range `sel` of article `path` (text `text`), snapped to whole words: onto the
/// highlight with that exact range if there is one, else as a new highlight. Returns the
/// tag's id; a selection that is empty, blank or holds no word is refused (and nothing
/// changes, not even the codebook).
pub fn tag_range(
    s: &mut Store,
    path: &str,
    text: &str,
    sel: Range<usize>,
    choice: &TagChoice,
    now: Timestamp,
) -> Result<Tagged, NotAPassage> {
    let sel = passage(text, sel)?;
    let tag = match choice {
        TagChoice::Existing(id) => id.clone(),
        TagChoice::New(name) => ensure_tag(s, name),
    };
    let existing = s.articles.get_mut(path).and_then(|n| {
        n.highlights
            .iter_mut()
            .find(|h| h.anchor.start == sel.start && h.anchor.end == sel.end)
    });
    let highlight = match existing {
        Some(h) => {
            if !h.tags.contains(&tag) {
                h.tags.push(tag.clone());
                h.modified = now;
            }
            h.id.clone()
        }
        None => add_highlight(s, path, text, sel, vec![tag.clone()], "", now),
    };
    Ok(Tagged { tag, highlight })
}

/// What tagging a passage did: the tag (made if it was new) and the highlight that
/// carries it (made if the passage had none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub tag: String,
    pub highlight: String,
}

fn highlight_mut<'a>(s: &'a mut Store, path: &str, id: &str) -> Option<&'a mut super::Highlight> {
    s.articles
        .get_mut(path)
        .and_then(|n| n.highlights.iter_mut().find(|h| h.id == id))
}

/// Anchor highlight `id` of `path` to char range `sel` of `text` instead (snapped to
/// whole words; refused like [`tag_range`]).
pub fn reattach(
    s: &mut Store,
    path: &str,
    id: &str,
    text: &str,
    sel: Range<usize>,
    now: Timestamp,
) -> Result<(), NotAPassage> {
    let sel = passage(text, sel)?;
    if let Some(h) = highlight_mut(s, path, id) {
        h.anchor = Anchor::new(text, sel);
        h.modified = now;
    }
    Ok(())
}

/// Take tag `tag` off highlight `id`; a highlight left with no tag goes too.
pub fn untag_highlight(s: &mut Store, path: &str, id: &str, tag: &str) {
    if let Some(n) = s.articles.get_mut(path) {
        for h in n.highlights.iter_mut().filter(|h| h.id == id) {
            h.tags.retain(|x| x != tag);
        }
        n.highlights.retain(|h| !h.tags.is_empty());
    }
}

pub fn remove_highlight(s: &mut Store, path: &str, id: &str) {
    if let Some(n) = s.articles.get_mut(path) {
        n.highlights.retain(|h| h.id != id);
    }
}

pub fn set_highlight_note(s: &mut Store, path: &str, id: &str, note: &str, now: Timestamp) {
    if let Some(h) = highlight_mut(s, path, id)
        && h.note != note
    {
        h.note = note.to_owned();
        h.modified = now;
    }
}

pub fn set_article_note(s: &mut Store, path: &str, note: &str) {
    s.articles.entry(path.to_owned()).or_default().note = note.to_owned();
}

fn tag_mut<'a>(s: &'a mut Store, id: &str) -> Option<&'a mut Tag> {
    s.tags.iter_mut().find(|t| t.id == id)
}

/// Rename tag `id`; an empty name is refused (returns false).
pub fn rename_tag(s: &mut Store, id: &str, name: &str) -> bool {
    let name = name.trim();
    match tag_mut(s, id) {
        Some(t) if !name.is_empty() => {
            t.name = name.to_owned();
            true
        }
        _ => false,
    }
}

pub fn describe_tag(s: &mut Store, id: &str, description: &str) {
    if let Some(t) = tag_mut(s, id) {
        t.description = description.to_owned();
    }
}

/// Recolour tag `id`; a colour that is not `#rrggbb` is refused (returns false).
pub fn recolour_tag(s: &mut Store, id: &str, colour: &str) -> bool {
    match tag_mut(s, id) {
        Some(t) if super::model::is_hex_colour(colour) => {
            t.colour = colour.to_ascii_lowercase();
            true
        }
        _ => false,
    }
}

/// Nest tag `id` under `parent` (or at the top); refused (false) if it would make a cycle.
pub fn set_parent(s: &mut Store, id: &str, parent: Option<&str>) -> bool {
    if would_cycle(&s.tags, id, parent) || parent.is_some_and(|p| s.tag(p).is_none()) {
        return false;
    }
    match tag_mut(s, id) {
        Some(t) => {
            t.parent = parent.map(str::to_owned);
            true
        }
        None => false,
    }
}

/// Whether making `parent` the parent of `id` would make a tag its own ancestor.
pub fn would_cycle(tags: &[Tag], id: &str, parent: Option<&str>) -> bool {
    let mut p = parent.map(str::to_owned);
    let mut steps = 0;
    while let Some(x) = p {
        if x == id || steps > tags.len() {
            return true;
        }
        steps += 1;
        p = tags
            .iter()
            .find(|t| t.id == x)
            .and_then(|t| t.parent.clone());
    }
    false
}

/// Every use of tag `from` becomes `to`; `from` is removed, its children move to `to`.
pub fn merge_tags(s: &mut Store, from: &str, to: &str) {
    if from == to || s.tag(to).is_none() {
        return;
    }
    for h in s
        .articles
        .values_mut()
        .flat_map(|a| a.highlights.iter_mut())
    {
        if let Some(i) = h.tags.iter().position(|t| t == from) {
            h.tags.remove(i);
            if !h.tags.iter().any(|t| t == to) {
                h.tags.push(to.to_owned());
            }
        }
    }
    for t in &mut s.tags {
        if t.parent.as_deref() == Some(from) {
            t.parent = Some(to.to_owned());
        }
    }
    s.tags.retain(|t| t.id != from);
    // `to` may have been nested under `from`.
    if let Some(t) = tag_mut(s, to)
        && t.parent.as_deref() == Some(to)
    {
        t.parent = None;
    }
}

/// Remove tag `id`; highlights left with no tag are removed too; its children move up.
/// What deleting tag `id` would do: (highlights removed with it, having no other tag;
/// highlights that keep their other tags).
pub fn delete_tag_effect(s: &Store, id: &str) -> (usize, usize) {
    let using = s
        .articles
        .values()
        .flat_map(|a| &a.highlights)
        .filter(|h| h.tags.iter().any(|t| t == id));
    using.fold((0, 0), |(alone, shared), h| {
        if h.tags.len() == 1 {
            (alone + 1, shared)
        } else {
            (alone, shared + 1)
        }
    })
}

pub fn delete_tag(s: &mut Store, id: &str) {
    let parent = s.tag(id).and_then(|t| t.parent.clone());
    for a in s.articles.values_mut() {
        for h in &mut a.highlights {
            h.tags.retain(|t| t != id);
        }
        a.highlights.retain(|h| !h.tags.is_empty());
    }
    for t in &mut s.tags {
        if t.parent.as_deref() == Some(id) {
            t.parent = parent.clone();
        }
    }
    s.tags.retain(|t| t.id != id);
}

/// A meeting as the analyst types it in a form: text fields, parsed by [`build_correction`] and [`build_added`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingForm {
    pub date: String,
    pub kind: Option<Kind>,
    pub location: String,
    pub leader: String,
    /// Names separated by `;`.
    pub counterparts: String,
    pub not_a_meeting: bool,
}

impl MeetingForm {
    pub fn from_meeting(m: &Meeting) -> Self {
        MeetingForm {
            date: m.date.map(|d| d.to_string()).unwrap_or_default(),
            kind: Some(m.kind),
            location: m.location.as_deref().unwrap_or_default().to_owned(),
            leader: m.leader.name.to_string(),
            counterparts: names(&m.counterparts).join("; "),
            not_a_meeting: false,
        }
    }
}

fn names(people: &[Participant]) -> Vec<&str> {
    people.iter().map(|p| p.name.as_str()).collect()
}

/// `text` as a date, or none when empty; an error names what was typed.
pub fn parse_date(text: &str) -> Result<Option<Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<Date>()
        .map(Some)
        .map_err(|_| format!("“{t}” is not a date (YYYY-MM-DD)"))
}

/// A person as typed; the country is kept from `like` when the name is unchanged.
fn person(name: &str, like: Option<&Participant>) -> PersonFix {
    PersonFix {
        name: name.trim().to_owned(),
        country: like
            .filter(|p| p.name == name.trim())
            .and_then(|p| p.country.as_deref().map(str::to_owned)),
    }
}

fn counterparts(form: &MeetingForm, shown: &[Participant]) -> Vec<PersonFix> {
    form.counterparts
        .split(';')
        .filter(|n| !n.trim().is_empty())
        .map(|n| person(n, shown.iter().find(|c| c.name == n.trim())))
        .collect()
}

/// The correction `form` describes for the extracted meeting `key`, now shown as `shown`:
/// only the fields that differ from what is shown are set.
pub fn build_correction(
    key: &MeetingKey,
    shown: &Meeting,
    form: &MeetingForm,
) -> Result<MeetingCorrection, String> {
    let date = parse_date(&form.date)?;
    let others = counterparts(form, &shown.counterparts);
    if !form.not_a_meeting && (form.leader.trim().is_empty() || others.is_empty()) {
        return Err("a meeting needs a leader and at least one counterpart".into());
    }
    let location = Some(form.location.trim()).filter(|l| !l.is_empty());
    Ok(MeetingCorrection {
        key: key.clone(),
        not_a_meeting: form.not_a_meeting,
        date: (date != shown.date).then_some(date),
        kind: form.kind.filter(|k| *k != shown.kind),
        // An empty field for a meeting with no place is no change.
        location: (location != shown.location.as_deref()).then(|| location.map(str::to_owned)),
        leader: (form.leader.trim() != shown.leader.name)
            .then(|| person(&form.leader, Some(&shown.leader))),
        counterparts: others
            .iter()
            .map(|c| c.name.as_str())
            .ne(names(&shown.counterparts))
            .then_some(others),
    })
}

/// A meeting added by hand from `form`, reported by char range `evidence` if any.
pub fn build_added(
    form: &MeetingForm,
    evidence: Option<Range<usize>>,
    taken: impl Fn(&str) -> bool,
) -> Result<AddedMeeting, String> {
    let date = parse_date(&form.date)?;
    let others = counterparts(form, &[]);
    if form.leader.trim().is_empty() || others.is_empty() {
        return Err("a meeting needs a leader and at least one counterpart".into());
    }
    let location = form.location.trim();
    Ok(AddedMeeting {
        id: super::model::new_id("m", taken),
        leader: person(&form.leader, None),
        counterparts: others,
        kind: form.kind.unwrap_or(Kind::Meeting),
        date,
        location: (!location.is_empty()).then(|| location.to_owned()),
        evidence: evidence.filter(|r| !r.is_empty()).map(|r| (r.start, r.end)),
    })
}

/// Whether any article already has an added meeting with id `id`.
pub fn added_id_taken(s: &Store, id: &str) -> bool {
    s.articles
        .values()
        .flat_map(|a| &a.added_meetings)
        .any(|m| m.id == id)
}

/// Put correction `fix` in place of any earlier one for the same meeting. A correction
/// that changes nothing removes the earlier one (the meeting is as extracted again).
pub fn correct_meeting(s: &mut Store, path: &str, fix: MeetingCorrection) {
    let notes = s.articles.entry(path.to_owned()).or_default();
    notes.meetings.retain(|c| c.key != fix.key);
    if fix != MeetingCorrection::new(fix.key.clone()) {
        notes.meetings.push(fix);
    }
}

/// Drop the correction of meeting `key`: it shows as extracted again (a dismissed
/// meeting comes back).
pub fn restore_meeting(s: &mut Store, path: &str, key: &MeetingKey) {
    if let Some(n) = s.articles.get_mut(path) {
        n.meetings.retain(|c| c.key != *key);
    }
}

pub fn add_meeting(s: &mut Store, path: &str, meeting: AddedMeeting) {
    let notes = s.articles.entry(path.to_owned()).or_default();
    notes.added_meetings.retain(|m| m.id != meeting.id);
    notes.added_meetings.push(meeting);
}

pub fn remove_added_meeting(s: &mut Store, path: &str, id: &str) {
    if let Some(n) = s.articles.get_mut(path) {
        n.added_meetings.retain(|m| m.id != id);
    }
}

/// An article's details as the analyst types them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsForm {
    pub title: String,
    pub date: String,
    pub source: String,
    pub place: String,
}

impl DetailsForm {
    pub fn from_meta(m: &Metadata) -> Self {
        DetailsForm {
            title: m.title.clone(),
            date: m.published.map(|d| d.to_string()).unwrap_or_default(),
            source: m.source.as_deref().unwrap_or_default().to_owned(),
            place: m.place.as_deref().unwrap_or_default().to_owned(),
        }
    }
}

/// The metadata correction `form` describes over `read` (what the text gives): a field
/// equal to what was read is not a correction.
pub fn build_details(read: &Metadata, form: &DetailsForm) -> Result<MetadataCorrection, String> {
    let published = parse_date(&form.date)?;
    let text = |s: &str| s.trim().to_owned();
    let differs = |typed: &str, read: Option<&str>| {
        Some(typed) != read && !(typed.is_empty() && read.is_none())
    };
    let (title, source, place) = (text(&form.title), text(&form.source), text(&form.place));
    Ok(MetadataCorrection {
        title: (title != read.title && !title.is_empty()).then_some(title),
        published: (published != read.published).then_some(published),
        source: differs(&source, read.source.as_deref()).then_some(source),
        place: differs(&place, read.place.as_deref()).then_some(place),
    })
}

pub fn correct_details(s: &mut Store, path: &str, fix: MetadataCorrection) {
    s.articles.entry(path.to_owned()).or_default().metadata = fix;
}

#[cfg(test)]
mod tests;
