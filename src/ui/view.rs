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
    /// A char range to scroll the reader to once, without marking it (a find match).
    pub scroll_to: Option<Range<usize>>,
    /// The reader's current text selection (chars).
    pub selection: Option<Range<usize>>,
    /// Tag ids, most recently applied first (keys 1–9).
    pub recent_tags: Vec<String>,
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
        let key = (ws.version, self.query.clone());
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

    /// The chosen event changed its key (a correction of its date or people): choose
    /// the event that now holds the open report, so the place in the list is kept.
    fn follow_open_report(&mut self, ws: &Workspace) {
        let Some(a) = self.article.filter(|a| *a < ws.corpus.articles.len()) else {
            return;
        };
        let path = &ws.corpus.articles[a].path;
        // The meeting shown (its sentence marked) if there is one, else any of the report's.
        let marked = |index: usize| {
            let evidence = ws.meetings[a].get(index).map(|m| &m.evidence);
            self.mark.is_none() || evidence == self.mark.as_ref()
        };
        let rows = &self.filtered.rows;
        let holds = |strict: bool| {
            rows.iter().position(|r| {
                r.event
                    .reports
                    .iter()
                    .any(|x| x.article == *path && (!strict || marked(x.index)))
            })
        };
        if let Some(i) = holds(true).or_else(|| holds(false)) {
            self.select_row(i);
        }
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
            self.mark = ws.meetings[a].get(report.index).map(|m| m.evidence.clone());
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
