//! What the panels ask of the open folder, answered by the model and kept until what each
//! answer depends on changes: where a report's highlights sit now (its text and its
//! highlights), the highlights that need the analyst's eye (every report's), how many
//! highlights carry each tag (the annotations), and the countries and leaders the
//! timeline holds and each report's meetings as shown (the meetings). The app draws these; it does not work them out.

use super::Workspace;
use crate::annotations::anchor::{self, Anchor, Resolved, Status};
use crate::meetings::Meeting;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// An answer, with the version it was worked out from.
type Kept<T> = Mutex<Option<(u64, Arc<T>)>>;

/// Where each report's highlights are, per report path.
type Places = HashMap<String, (u64, Arc<[Resolved]>)>;

/// Reports' meetings as shown, per report index, with the meetings version.
type Shown = (u64, HashMap<usize, Arc<[Meeting]>>);

/// The answers already worked out, with the versions they were worked out from.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    places: Mutex<Places>,
    review: Mutex<Review>,
    tag_counts: Kept<HashMap<String, usize>>,
    facets: Kept<Facets>,
    shown: Mutex<Shown>,
}

/// The countries and leaders met in the timeline, for the filter's menus.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Facets {
    pub countries: BTreeSet<String>,
    pub leaders: BTreeSet<String>,
}

/// A highlight that needs the analyst's eye: its text changed under it (fuzzy) or is gone
/// (orphan).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub article: String,
    pub status: Status,
    pub range: Option<Range<usize>>,
    pub quote: String,
}

/// The review list, kept per report so an edit re-anchors one report only.
#[derive(Debug, Default)]
struct Review {
    checked: Option<u64>,
    per_article: HashMap<String, (u64, Vec<ReviewItem>)>,
    list: Arc<[ReviewItem]>,
}

/// A lock on a cache; a panic elsewhere while it was held leaves only a cache behind.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Workspace {
    /// Where each highlight of report `path` is now, in the order of its highlights
    /// (re-anchored when the report's text or highlights change, not on every call).
    pub fn places(&self, path: &str) -> Arc<[Resolved]> {
        let version = self.highlights_version(path);
        let mut places = lock(&self.answers.places);
        if let Some((v, p)) = places.get(path)
            && *v == version
        {
            return p.clone();
        }
        let p: Arc<[Resolved]> = self.resolve(path).into();
        places.insert(path.to_owned(), (version, p.clone()));
        p
    }

    fn resolve(&self, path: &str) -> Vec<Resolved> {
        let Some(notes) = self.store.articles.get(path) else {
            return Vec::new();
        };
        let text = self
            .article_index(path)
            .map(|i| self.corpus.articles[i].text.as_str());
        let anchors: Vec<&Anchor> = notes.highlights.iter().map(|h| &h.anchor).collect();
        anchor::resolve_highlights(text, &anchors)
    }

    /// The highlights whose text changed (fuzzy) or is gone (orphan), by report path.
    pub fn review_list(&self) -> Arc<[ReviewItem]> {
        let mut review = lock(&self.answers.review);
        if review.checked == Some(self.version) {
            return review.list.clone();
        }
        let review = &mut *review;
        review
            .per_article
            .retain(|path, _| self.store.articles.contains_key(path));
        let mut dirty = review.checked.is_none();
        for (path, notes) in &self.store.articles {
            let version = self.highlights_version(path);
            if review.per_article.get(path).map(|c| c.0) == Some(version) {
                continue;
            }
            let items = notes
                .highlights
                .iter()
                .zip(self.places(path).iter())
                .filter(|(_, r)| matches!(r.status, Status::Fuzzy | Status::Orphan))
                .map(|(h, r)| ReviewItem {
                    article: path.clone(),
                    status: r.status,
                    range: r.range.clone(),
                    quote: h.anchor.quote.clone(),
                })
                .collect();
            review.per_article.insert(path.clone(), (version, items));
            dirty = true;
        }
        if dirty {
            let mut list: Vec<ReviewItem> = review
                .per_article
                .values()
                .flat_map(|(_, items)| items.iter().cloned())
                .collect();
            list.sort_by(|a, b| a.article.cmp(&b.article));
            review.list = list.into();
        }
        review.checked = Some(self.version);
        review.list.clone()
    }

    /// How many highlights carry each tag (a tag no highlight carries is absent).
    pub fn tag_counts(&self) -> Arc<HashMap<String, usize>> {
        let mut cached = lock(&self.answers.tag_counts);
        if let Some((v, counts)) = &*cached
            && *v == self.version
        {
            return counts.clone();
        }
        let mut counts = HashMap::new();
        for h in self.store.articles.values().flat_map(|n| &n.highlights) {
            for t in &h.tags {
                *counts.entry(t.clone()).or_insert(0usize) += 1;
            }
        }
        let counts = Arc::new(counts);
        *cached = Some((self.version, counts.clone()));
        counts
    }

    /// The meetings of report `a` as shown ([`Workspace::meetings_as_shown`]), shared and
    /// kept until the meetings change (what the theme analysis ties passages to).
    pub fn shown_meetings(&self, a: usize) -> Arc<[Meeting]> {
        let mut shown = lock(&self.answers.shown);
        if shown.0 != self.meetings_version {
            *shown = (self.meetings_version, HashMap::new());
        }
        let meetings = shown.1.entry(a);
        meetings
            .or_insert_with(|| self.meetings_as_shown(a).into())
            .clone()
    }

    /// The countries and leaders taking part in the meetings found.
    pub fn facets(&self) -> Arc<Facets> {
        let mut cached = lock(&self.answers.facets);
        if let Some((v, facets)) = &*cached
            && *v == self.meetings_version
        {
            return facets.clone();
        }
        // The timeline counts them as meetings come and go.
        let facets = Arc::new(Facets {
            countries: self.timeline.named_countries().map(str::to_owned).collect(),
            leaders: self.timeline.people().map(str::to_owned).collect(),
        });
        *cached = Some((self.meetings_version, facets.clone()));
        facets
    }
}

#[cfg(test)]
mod facet_tests {
    use crate::workspace::test_support::{REPORT, added_call, samples};
    use std::collections::BTreeSet;

    /// The facets, kept as meetings come and go, are every named person and their
    /// countries, read from the meetings themselves.
    #[test]
    fn facets_are_the_people_named_in_the_meetings() {
        let (_dir, mut ws) = samples();
        let read = |ws: &crate::workspace::Workspace| {
            let (mut people, mut countries) = (BTreeSet::new(), BTreeSet::new());
            for m in ws.meetings().iter().flat_map(|m| m.iter()) {
                for p in m.participants().filter(|p| !p.name.is_empty()) {
                    people.insert(p.name.to_string());
                    countries.extend(p.country.as_deref().map(str::to_owned));
                }
            }
            (people, countries)
        };
        let facets = ws.facets();
        assert_eq!(
            (facets.leaders.clone(), facets.countries.clone()),
            read(&ws)
        );
        assert!(!facets.leaders.contains("Shavkat Mirziyoyev"));
        assert!(ws.edit(|s| {
            let notes = s.articles.entry(REPORT.into()).or_default();
            notes.added_meetings.push(added_call("call-1"));
        }));
        let facets = ws.facets();
        assert!(facets.leaders.contains("Shavkat Mirziyoyev"));
        assert_eq!(
            (facets.leaders.clone(), facets.countries.clone()),
            read(&ws)
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::annotations::Status;
    use crate::annotations::ops::TagChoice;
    use crate::workspace::Edit;
    use crate::workspace::test_support::{QUOTE, REPORT, now, range_of, samples};

    #[test]
    fn places_review_and_counts_follow_the_text_and_the_annotations() {
        let (dir, mut ws) = samples();
        let range = range_of(&ws, QUOTE);
        let edit = Edit::ApplyTag {
            article: REPORT.into(),
            range: range.clone(),
            tag: TagChoice::New("ties".into()),
        };
        let tag = ws.apply(edit, now()).expect("tagged").tag.expect("a tag");
        let placed = ws.places(REPORT);
        assert_eq!(placed.len(), 1);
        assert_eq!(
            (placed[0].status, placed[0].range.clone()),
            (Status::Exact, Some(range))
        );
        assert_eq!(ws.tag_counts().get(&tag), Some(&1));
        assert!(
            ws.review_list().is_empty(),
            "an exact highlight needs no review"
        );

        // Another program changes a word inside the passage: it is found, fuzzily.
        let file = dir.path().join(REPORT);
        let text = std::fs::read_to_string(&file).expect("the report");
        let edited = text.replace(QUOTE, "permanent comprehensive strategic allies");
        std::fs::write(&file, edited).expect("rewritten");
        ws.reload_paths(std::slice::from_ref(&file));
        assert_eq!(ws.places(REPORT)[0].status, Status::Fuzzy);
        let review = ws.review_list();
        assert_eq!(review.len(), 1);
        assert_eq!(
            (review[0].article.as_str(), review[0].quote.as_str()),
            (REPORT, QUOTE)
        );

        // The passage is gone: an orphan, still counted under its tag.
        let gone = text.replace(QUOTE, "");
        std::fs::write(&file, gone).expect("rewritten");
        ws.reload_paths(std::slice::from_ref(&file));
        assert_eq!(ws.places(REPORT)[0].status, Status::Orphan);
        assert_eq!(ws.review_list()[0].status, Status::Orphan);
        assert_eq!(ws.tag_counts().get(&tag), Some(&1));
    }

    #[test]
    fn facets_name_the_leaders_and_countries_of_the_samples() {
        let (_d, ws) = samples();
        let facets = ws.facets();
        // Read off the first sample report by hand; no sample tells of Putin.
        for leader in [
            "Xi Jinping",
            "Kassym-Jomart Tokayev",
            "Ilham Aliyev",
            "Luis Abinader",
        ] {
            assert!(facets.leaders.contains(leader), "{leader}: {facets:?}");
        }
        for country in ["China", "Kazakhstan", "Azerbaijan", "Dominican Republic"] {
            assert!(facets.countries.contains(country), "{country}: {facets:?}");
        }
        assert!(!facets.leaders.contains("Vladimir Putin"));
        assert!(!facets.countries.contains("Russia"));
    }
}
