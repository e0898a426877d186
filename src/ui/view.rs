//! What the analyst is looking at, apart from the data: the filter and what it shows,
//! the chosen event (kept as the event itself, so it survives filtering and
//! corrections), the open report, its selection and mark, and each panel's own state.
//! Nothing here is saved in the sidecar.

use super::{reader, reports_panel, tags_panel, timeline_panel};
use crate::filter::{self, Filtered, Query};
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

#[derive(Default)]
pub struct View {
    pub query: Query,
    pub filtered: Filtered,
    /// The reports the filter selects (article indices), for the reports list.
    pub reports: Vec<usize>,
    /// Meetings per month under the filter without its dates, for the date strip.
    pub months: Vec<(jiff::civil::Date, usize)>,
    /// What the filter runs against, kept up to date with the workspace.
    pub index: filter::Index,
    cache_key: Option<(u64, Query)>,
    /// Bumped each time `filtered` is recomputed.
    pub filter_generation: usize,
    /// The chosen event, and where it is in `filtered.rows` now.
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
    /// A char range to scroll the reader to once, without marking it (a find match).
    pub scroll_to: Option<Range<usize>>,
    /// The reader's current text selection (chars).
    pub selection: Option<Range<usize>>,
    /// Tag ids on keys 1–9, each keeping its key (see [`remember_tag`]).
    pub recent_tags: Vec<String>,
    /// Tag ids in the order they were last applied this session, most recent last.
    pub tag_uses: Vec<String>,
    /// The highlight chosen in the right panel's list (its details are shown).
    pub active_highlight: Option<String>,
    /// A highlight whose anchor is being re-attached to the next selection.
    pub reattach: Option<String>,
    pub show_shortcuts: bool,
    pub show_corrections: bool,
    pub focus_filter: bool,
    pub left: LeftTab,
    /// The side panels' widths as last drawn (left, right), in points.
    pub panel_widths: Option<(f32, f32)>,
    /// The widths the analyst gave the side panels (by dragging), kept through zooms.
    pub chosen_widths: Option<(f32, f32)>,
    pub timeline: timeline_panel::State,
    pub report_list: reports_panel::State,
    pub reader: reader::State,
    pub tags: tags_panel::State,
}

impl View {
    /// A fresh view for a newly opened corpus, keeping the analyst's recent tags.
    pub fn fresh(recent_tags: Vec<String>) -> View {
        View {
            recent_tags,
            ..View::default()
        }
    }

    /// Recompute the filtered timeline if the query or the data changed.
    pub fn refresh(&mut self, ws: &Workspace) {
        let key = (ws.version(), self.query.clone());
        if self.cache_key.as_ref() == Some(&key) {
            return;
        }
        self.filtered = filter::apply_with(&mut self.index, ws, &self.query);
        self.reports = filter::reports(&mut self.index, ws, &self.query);
        let undated = Query {
            from: None,
            to: None,
            ..self.query.clone()
        };
        self.months = if undated == self.query {
            filter::months(&self.filtered.rows)
        } else {
            filter::months(&filter::apply_with(&mut self.index, ws, &undated).rows)
        };
        self.filter_generation += 1;
        self.cache_key = Some(key);
        self.locate_selected();
        if self.selected_row.is_none() && self.selected.is_some() {
            self.follow_open_report(ws);
        }
    }

    /// Open report `a` in the first event that holds it (or alone, in the Reports list,
    /// when it tells of no meeting the filter shows).
    pub fn reopen(&mut self, ws: &Workspace, a: usize) {
        let path = &ws.corpus().articles[a].path;
        match self.row_with_report(path, |_| true) {
            Some((row, nth)) => self.open_row(ws, row, nth),
            None => {
                self.open_article(a);
                self.left = LeftTab::Reports;
            }
        }
    }

    /// The chosen event changed its key (a correction of its date or people): choose
    /// the event that now holds the open report, so the place in the list is kept.
    fn follow_open_report(&mut self, ws: &Workspace) {
        let Some(a) = self.article.filter(|a| *a < ws.corpus().articles.len()) else {
            return;
        };
        let path = &ws.corpus().articles[a].path;
        // The meeting shown (its sentence marked) if there is one, else any of the report's.
        let marked = |index: usize| {
            let evidence = ws.meetings()[a].get(index).map(|m| &m.evidence);
            self.mark.is_none() || evidence == self.mark.as_ref()
        };
        let found = self
            .row_with_report(path, marked)
            .or_else(|| self.row_with_report(path, |_| true));
        if let Some((i, _)) = found {
            self.select_row(i);
        }
    }

    /// The first row (and the report's place in it) whose event is told by report `path`
    /// through one of its meetings that `meeting` accepts (by index in the report).
    fn row_with_report(
        &self,
        path: &str,
        meeting: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        self.filtered.rows.iter().enumerate().find_map(|(i, r)| {
            let reports = &r.event.reports;
            let nth = reports
                .iter()
                .position(|x| x.article == path && meeting(x.index))?;
            Some((i, nth))
        })
    }

    /// Find the chosen event's row again (it may have moved or been filtered out).
    fn locate_selected(&mut self) {
        self.selected_row = self
            .selected
            .as_ref()
            .and_then(|k| self.filtered.rows.iter().position(|r| r.event.key == *k));
    }

    /// Choose row `i` of the timeline (by its event) without opening anything.
    pub fn select_row(&mut self, i: usize) {
        if let Some(row) = self.filtered.rows.get(i) {
            self.selected = Some(row.event.key.clone());
            self.selected_row = Some(i);
        }
    }

    /// Choose the event at row `i` and open its report `nth` at the meeting's evidence.
    pub fn open_row(&mut self, ws: &Workspace, i: usize, nth: usize) {
        let Some(report) = self
            .filtered
            .rows
            .get(i)
            .and_then(|row| row.event.reports.get(nth).cloned())
        else {
            return;
        };
        self.select_row(i);
        if let Some(a) = ws.article_index(&report.article) {
            self.open_article(a);
            self.mark = ws.meetings()[a]
                .get(report.index)
                .map(|m| m.evidence.clone());
            self.scroll_to_mark = self.mark.is_some();
        }
    }

    /// Show article `a` in the reader; what belonged to another article is let go.
    pub fn open_article(&mut self, a: usize) {
        if self.article != Some(a) {
            self.active_highlight = None;
            self.selection = None;
            self.reattach = None;
            self.reader.leave_article();
            self.tags.leave_article();
        }
        self.article = Some(a);
        self.mark = None;
    }
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
