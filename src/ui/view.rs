//! What the analyst is looking at, apart from the data: what is shared by the panels
//! ([`Focus`]), what the filter shows, and each panel's own state; and the one place
//! where navigation commands ([`Nav`]) change it. Nothing here is saved in the sidecar.

use super::commands::Nav;
use super::focus::{Focus, LeftTab};
use super::panels::{agreement, reader, reports, tags, themes, timeline};
use super::widgets::sizes::PanelWidths;
use crate::filter::Shown;
use crate::filter::shown::Refresh;
use crate::workspace::Workspace;
use std::time::Instant;

/// What the analyst is looking at: what is shared ([`Focus`]), what the filter shows,
/// and each panel's own state.
#[derive(Default)]
pub struct View {
    pub focus: Focus,
    /// What the filter shows, kept up to date with the workspace.
    pub shown: Shown,
    pub show_shortcuts: bool,
    pub show_corrections: bool,
    pub widths: PanelWidths,
    pub timeline: timeline::State,
    pub report_list: reports::State,
    pub reader: reader::State,
    pub tags: tags::State,
    pub themes: themes::State,
    pub agreement: agreement::State,
}

impl View {
    /// A fresh view for a newly opened corpus, keeping the analyst's recent tags.
    pub fn fresh(recent_tags: Vec<String>) -> View {
        let mut view = View::default();
        view.focus.recent_tags = recent_tags;
        view
    }

    /// Bring what the filter shows up to date with the query and the data at once, and
    /// sort the reports list as it asks.
    pub fn refresh(&mut self, ws: &Workspace) {
        self.refresh_until(ws, None);
    }

    /// Bring what the filter shows up to date, stage after stage until `deadline` (at
    /// least one stage): after a large change the work is spread over frames, the last
    /// answers shown meanwhile ([`View::is_refreshing`]).
    pub fn refresh_until(&mut self, ws: &Workspace, deadline: Option<Instant>) {
        if !self.focus.scroll_to_mark {
            self.focus.month_jump = false; // the jump's scroll is done
        }
        let builds = self.shown.index_builds();
        let (by, descending) = (self.report_list.sort, self.report_list.descending);
        let query = &self.focus.query;
        match (self.shown).refresh_until(ws, query, Some((by, descending)), deadline) {
            Refresh::Working => return,
            Refresh::Changed => {
                if self.shown.index_builds() != builds {
                    crate::memory::give_back();
                }
                self.locate_selected();
                if self.focus.selected_row.is_none() && self.focus.selected.is_some() {
                    self.follow_open_report(ws);
                }
            }
            Refresh::Unchanged => {}
        }
        self.shown.sort_reports(ws, by, descending);
    }

    /// Keep what the filter shows right for the data without working out new answers
    /// (a frame that put reloaded reports in place has spent its time).
    pub fn keep_up(&mut self, ws: &Workspace) {
        if !self.shown.follow_layout(ws) {
            self.refresh(ws);
        }
    }

    /// Whether what the filter shows is up to date with `ws` and the query.
    pub fn is_current(&self, ws: &Workspace) -> bool {
        self.shown.is_current(ws, &self.focus.query)
    }

    /// Whether the filter's answers are being worked out over frames.
    pub fn is_refreshing(&self) -> bool {
        self.shown.is_working()
    }

    /// Carry out a move of what is looked at.
    pub fn navigate(&mut self, ws: &Workspace, nav: Nav) {
        match nav {
            Nav::OpenReport { article, mark } => {
                self.open_article(article);
                self.report_list.scroll_to_current = true;
                self.focus.scroll_to_mark = mark.is_some();
                self.focus.mark = mark;
            }
            Nav::OpenEvent { row, report } => self.open_row(ws, row, report),
            Nav::JumpToMonth { row } => {
                self.open_row(ws, row, 0);
                self.focus.month_jump = true;
            }
            Nav::SetQuery(query) => self.focus.query = *query,
            Nav::ShowTab(tab) => {
                self.focus.left = tab;
                self.report_list.scroll_to_current = tab == LeftTab::Reports;
            }
            Nav::ChooseHighlight(h) => self.focus.active_highlight = h,
            Nav::Reattach(h) => self.focus.reattach = h,
            Nav::Scrolled => self.focus.scroll_to_mark = false,
            Nav::CorrectMeeting { article, index } => self.tags.correct(ws, article, index),
            Nav::AddMeeting { article, evidence } => self.tags.add_meeting(article, evidence),
            Nav::FocusFilter => self.timeline.focus_filter = true,
            Nav::OpenFind => self.reader.open_find(),
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
                self.focus.left = LeftTab::Reports;
            }
        }
    }

    /// The chosen event changed its key (a correction of its date or people): choose
    /// the event that now holds the open report, so the place in the list is kept.
    fn follow_open_report(&mut self, ws: &Workspace) {
        let Some(a) = self
            .focus
            .article
            .filter(|a| *a < ws.corpus().articles.len())
        else {
            return;
        };
        let path = &ws.corpus().articles[a].path;
        // The meeting shown (its sentence marked) if there is one, else any of the report's.
        let marked = |index: usize| {
            let evidence = ws.meetings()[a].get(index).map(|m| &m.evidence);
            self.focus.mark.is_none() || evidence == self.focus.mark.as_ref()
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
        self.shown
            .filtered
            .rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| {
                let reports = &r.event.reports;
                let nth = reports
                    .iter()
                    .position(|x| &*x.article == path && meeting(x.index))?;
                Some((i, nth))
            })
    }

    /// Find the chosen event's row again (it may have moved or been filtered out).
    fn locate_selected(&mut self) {
        let rows = &self.shown.filtered.rows;
        self.focus.selected_row = self
            .focus
            .selected
            .as_ref()
            .and_then(|k| rows.iter().position(|r| r.event.key == *k));
    }

    /// Choose row `i` of the timeline (by its event) without opening anything.
    pub fn select_row(&mut self, i: usize) {
        if let Some(row) = self.shown.filtered.rows.get(i) {
            self.focus.selected = Some(row.event.key.clone());
            self.focus.selected_row = Some(i);
        }
    }

    /// Choose the event at row `i` and open its report `nth` at the meeting's evidence.
    pub fn open_row(&mut self, ws: &Workspace, i: usize, nth: usize) {
        let Some(report) = self
            .shown
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
            self.focus.mark = ws.meetings()[a]
                .get(report.index)
                .map(|m| m.evidence.clone());
            self.focus.scroll_to_mark = self.focus.mark.is_some();
        }
    }

    /// Show article `a` in the reader; what belonged to another article is let go.
    pub fn open_article(&mut self, a: usize) {
        if self.focus.article != Some(a) {
            self.focus.active_highlight = None;
            self.focus.reattach = None;
            self.reader.leave_article();
            self.tags.leave_article();
        }
        self.focus.article = Some(a);
        self.focus.mark = None;
    }
}
