//! Filtering the timeline: a [`Query`] (text, countries, leaders, kinds, tags, a
//! date range) turned into the events to show, with counts of matching meetings and
//! articles. Pure: the app caches the result and recomputes it only when the query or
//! the workspace's version changes.

use crate::meetings::timeline::{Event, EventKey};
use crate::meetings::{Kind, Meeting};
use crate::workspace::Workspace;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use jiff::civil::Date;
use std::collections::{BTreeSet, HashSet};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Fuzzy over people, countries, places and kinds; every word over titles and text.
    pub text: String,
    pub countries: BTreeSet<String>,
    pub leaders: BTreeSet<String>,
    pub kinds: BTreeSet<Kind>,
    /// Tag ids: an event matches if one of its reports has a highlight with the tag.
    pub tags: BTreeSet<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

/// One event as the timeline shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub event: Event,
    /// The meeting as its reports tell it, the focal country leading.
    pub summary: Meeting,
}

impl EventRow {
    pub fn date(&self) -> Option<Date> {
        match self.event.key {
            EventKey::Dated { date, .. } => Some(date),
            EventKey::Undated(_) => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtered {
    pub rows: Vec<EventRow>,
    /// Meetings (one per report) behind the rows.
    pub meetings: usize,
    /// Distinct articles behind the rows.
    pub articles: usize,
}

/// The events of `ws` that match `q`, in timeline order.
pub fn apply(ws: &Workspace, q: &Query) -> Filtered {
    let matcher = SkimMatcherV2::default().ignore_case();
    let needle = q.text.trim();
    let words: Vec<String> = needle
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let tagged: Option<HashSet<&str>> = (!q.tags.is_empty()).then(|| {
        ws.store
            .articles
            .iter()
            .filter(|(_, n)| {
                n.highlights
                    .iter()
                    .any(|h| h.tags.iter().any(|t| q.tags.contains(t)))
            })
            .map(|(p, _)| p.as_str())
            .collect()
    });

    let mut out = Filtered::default();
    let mut articles: HashSet<String> = HashSet::new();
    for event in ws.timeline.events() {
        let Some(summary) = ws.timeline.summary(&event) else {
            continue;
        };
        let date = match event.key {
            EventKey::Dated { date, .. } => Some(date),
            EventKey::Undated(_) => None,
        };
        if (q.from.is_some() || q.to.is_some())
            && !date.is_some_and(|d| q.from.is_none_or(|f| d >= f) && q.to.is_none_or(|t| d <= t))
        {
            continue;
        }
        if !q.kinds.is_empty() && !q.kinds.contains(&summary.kind) {
            continue;
        }
        if !q.countries.is_empty()
            && !summary
                .participants()
                .any(|p| p.country.as_ref().is_some_and(|c| q.countries.contains(c)))
        {
            continue;
        }
        if !q.leaders.is_empty() && !summary.participants().any(|p| q.leaders.contains(&p.name)) {
            continue;
        }
        if let Some(tagged) = &tagged
            && !event
                .reports
                .iter()
                .any(|r| tagged.contains(r.article.as_str()))
        {
            continue;
        }
        if !needle.is_empty() && !text_matches(ws, &event, &summary, &matcher, needle, &words) {
            continue;
        }
        out.meetings += event.reports.len();
        articles.extend(event.reports.iter().map(|r| r.article.clone()));
        out.rows.push(EventRow { event, summary });
    }
    out.articles = articles.len();
    out
}

fn text_matches(
    ws: &Workspace,
    event: &Event,
    m: &Meeting,
    matcher: &SkimMatcherV2,
    needle: &str,
    words: &[String],
) -> bool {
    let mut fields: Vec<&str> = Vec::new();
    for p in m.participants() {
        fields.push(&p.name);
        if let Some(c) = &p.country {
            fields.push(c);
        }
    }
    if let Some(l) = &m.location {
        fields.push(l);
    }
    fields.push(m.kind.label());
    let articles: Vec<&crate::corpus::Article> = event
        .reports
        .iter()
        .filter_map(|r| ws.article_index(&r.article).map(|i| &ws.corpus.articles[i]))
        .collect();
    // Names and places are short: fuzzy matching forgives a misspelling ("Tokaev").
    if fields
        .iter()
        .any(|f| matcher.fuzzy_match(f, needle).is_some())
    {
        return true;
    }
    // Titles and text are long, where a fuzzy subsequence matches almost anything:
    // there every word must occur.
    articles.iter().any(|a| {
        let title = a.meta.title.to_lowercase();
        let text = a.text.to_lowercase();
        words
            .iter()
            .all(|w| title.contains(w.as_str()) || text.contains(w.as_str()))
    })
}

/// Meetings per month across the corpus, for the density strip: (first day of month, count).
pub fn density(ws: &Workspace) -> Vec<(Date, usize)> {
    let mut counts: std::collections::BTreeMap<Date, usize> = std::collections::BTreeMap::new();
    for event in ws.timeline.events() {
        if let EventKey::Dated { date, .. } = event.key
            && let Ok(month) = Date::new(date.year(), date.month(), 1)
        {
            *counts.entry(month).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}
