//! The report's text in the reader: a read-only text field (so the selection can be
//! read as char offsets) painted with the analyst's highlights in their tag colours
//! (overlaps underlined), the marked evidence sentence, find matches, header lines
//! dimmed and space between paragraphs. The laid-out text is kept while what it is
//! drawn from stays the same: the article's text and highlights, the codebook, the mark,
//! the find matches, the theme, the size and the width; a note typed elsewhere does not
//! lay out a 1 MB report again. A finished selection snaps to whole words.

use crate::annotations::Status;
use crate::corpus::layout::TextLayout;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::colours;
use crate::workspace::Workspace;
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{FontId, Stroke};
use std::ops::Range;
use std::sync::Arc;

pub const DEFAULT_FONT: f32 = 15.0;
pub const MIN_FONT: f32 = 10.0;
pub const MAX_FONT: f32 = 28.0;

/// The id of the reader's text, for tests that set a selection.
pub fn text_id() -> egui::Id {
    egui::Id::unique("dossier-reader-text")
}

/// The text box's own state: its layout, the selection, find, and a scroll asked for.
#[derive(Default)]
pub struct State {
    pub cache: Cache,
    /// The text selected (chars of the open report).
    pub selection: Option<Range<usize>>,
    /// A char range to scroll to once, without marking it (a find match).
    pub scroll_to: Option<Range<usize>>,
    /// The selection the text box showed last frame (to see when it was cleared
    /// elsewhere: another report, a reload of this one).
    pub shown_selection: Option<Range<usize>>,
    pub find: Option<Find>,
}

/// What a layout was built from.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    article: usize,
    part: Range<usize>,
    text_version: u64,
    codebook_version: u64,
    mark: Option<Range<usize>>,
    finds: (u64, Option<usize>),
    dark: bool,
    font: u32,
    width: u32,
}

/// The last layout, and what it was built from.
#[derive(Default)]
pub struct Cache {
    galley: Option<(Key, Arc<egui::Galley>)>,
    /// The parts of the report shown, and which text they were cut from.
    parts: Option<(PartsOf, Vec<Range<usize>>)>,
    /// The part shown: (article, index).
    pub part: (usize, usize),
    /// Layouts built so far (tests check that caching holds).
    pub builds: u64,
}

/// The find bar's state: what is looked for and where it was found in this report.
#[derive(Debug, Default, Clone)]
pub struct Find {
    pub query: String,
    pub matches: Vec<Range<usize>>,
    pub current: usize,
    pub focus: bool,
    /// (article, query) the matches are for.
    found_for: Option<(usize, String)>,
    /// Bumped when the matches change.
    generation: u64,
}

impl Find {
    fn refresh(&mut self, text: &str, a: usize) {
        let key = (a, self.query.clone());
        if self.found_for.as_ref() != Some(&key) {
            self.matches = crate::text::find::find_all(text, &self.query);
            self.current = 0;
            self.found_for = Some(key);
            self.generation += 1;
        }
    }

    fn current_match(&self) -> Option<&Range<usize>> {
        self.matches.get(self.current)
    }
}

/// Find in the report: a field, "n of m", previous and next (Enter, Shift+Enter).
pub fn find_bar(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, popup_open: bool) {
    let ws = cx.ws;
    let mut close = false;
    let mut moved = false;
    // Escape closes Find wherever the focus is, unless it belongs to another field or
    // the tag popup (which Escape closes first).
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape)) && !popup_open;
    let focused = ui.ctx().memory(|m| m.focused());
    let other_field = ui.ctx().egui_wants_keyboard_input() && focused != Some(text_id());
    let Some(find) = &mut state.find else {
        return;
    };
    ui.horizontal(|ui| {
        let l = ui.label("Find");
        let r = ui
            .add(egui::TextEdit::singleline(&mut find.query).desired_width(220.0))
            .labelled_by(l.id);
        if std::mem::take(&mut find.focus) {
            r.request_focus();
        }
        find.refresh(&ws.corpus().articles[a].text, a);
        let n = find.matches.len();
        let (enter, shift) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.modifiers.shift));
        let submitted = r.lost_focus() && enter;
        if submitted {
            r.request_focus();
        }
        if find.query.is_empty() {
            ui.weak("type to find");
        } else if n == 0 {
            ui.colored_label(ui.visuals().warn_fg_color, "no match");
        } else {
            ui.label(format!("{} of {n}", find.current + 1));
        }
        let prev = ui
            .add_enabled(n > 0, egui::Button::new("Previous").small())
            .on_hover_text("Previous (Shift+Enter)");
        let next = ui
            .add_enabled(n > 0, egui::Button::new("Next").small())
            .on_hover_text("Next (Enter)");
        if n > 0 && (prev.clicked() || (submitted && shift)) {
            find.current = (find.current + n - 1) % n;
            moved = true;
        } else if n > 0 && (next.clicked() || submitted) {
            find.current = (find.current + 1) % n;
            moved = true;
        }
        if r.changed() && n > 0 {
            moved = true;
        }
        close = ui
            .small_button("×")
            .on_hover_text("Close (Escape)")
            .clicked()
            || (escape && (r.has_focus() || !other_field));
    });
    if close {
        state.find = None;
    } else if moved && let Some(m) = state.find.as_ref().and_then(Find::current_match) {
        state.scroll_to = Some(m.clone());
    }
}

pub fn show(
    ui: &mut egui::Ui,
    cx: &Cx,
    state: &mut State,
    (a, font): (usize, f32),
    out: &mut Vec<Command>,
) {
    let ws = cx.ws;
    forget_cleared_selection(ui.ctx(), state);
    let (_, i, n) = shown_part(&mut state.cache, ws, a);
    if n > 1 {
        part_bar(ui, state, a, i, n);
    }
    let scroll = egui::ScrollArea::vertical()
        .id_salt(("reader", a))
        .auto_shrink([false, false]);
    // The text box reaches into the frame's left margin, its own margin keeping the text
    // where it was: a drag begun just before the first letter then lands on the text
    // (egui gives a press to the nearest widget when none is under it, and the panel
    // divider would be nearer than the text).
    let mut rect = ui.available_rect_before_wrap();
    rect.min.x -= f32::from(REACH);
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
        scroll.show(ui, |ui| text_box(ui, cx, state, (a, font), out));
    });
}

/// A report longer than this many chars is laid out a part at a time: a laid-out char
/// costs a few hundred bytes, so a 4 MB report in one piece would take a gigabyte.
pub const PART_CHARS: usize = 100_000;

/// A report's text, as (article, the text's address, its length): a reload makes a new one.
type PartsOf = (usize, usize, usize);

/// The parts of report `a` (one for all but very long reports), kept while its text is.
fn parts_of<'c>(cache: &'c mut Cache, ws: &Workspace, a: usize) -> &'c [Range<usize>] {
    let text = &ws.corpus().articles[a].text;
    let key = (a, text.as_ptr() as usize, text.len());
    if cache.parts.as_ref().is_none_or(|(k, _)| *k != key) {
        cache.parts = Some((key, crate::text::parts(text, PART_CHARS)));
    }
    cache.parts.as_ref().map_or(&[], |(_, p)| p.as_slice())
}

/// The part of report `a` shown, as a char range, and its index among how many.
fn shown_part(cache: &mut Cache, ws: &Workspace, a: usize) -> (Range<usize>, usize, usize) {
    let wanted = if cache.part.0 == a { cache.part.1 } else { 0 };
    let parts = parts_of(cache, ws, a);
    let i = wanted.min(parts.len().saturating_sub(1));
    let range = parts.get(i).cloned().unwrap_or(0..0);
    let n = parts.len();
    cache.part = (a, i);
    (range, i, n)
}

/// "Part 3 of 42" with buttons to the parts before and after, for a very long report.
fn part_bar(ui: &mut egui::Ui, state: &mut State, a: usize, i: usize, n: usize) {
    ui.horizontal(|ui| {
        let go = |state: &mut State, to: usize| {
            state.cache.part = (a, to);
            state.selection = None;
        };
        if ui
            .add_enabled(i > 0, egui::Button::new("‹ Previous part"))
            .clicked()
        {
            go(state, i - 1);
        }
        ui.label(format!("Part {} of {n}", i + 1))
            .on_hover_text("This report is very long: it is shown a part at a time.");
        if ui
            .add_enabled(i + 1 < n, egui::Button::new("Next part ›"))
            .clicked()
        {
            go(state, i + 1);
        }
    });
}

/// How far the text box reaches left of the reader's frame margin, in points.
pub const REACH: i8 = 13;

fn text_box(
    ui: &mut egui::Ui,
    cx: &Cx,
    state: &mut State,
    (a, font): (usize, f32),
    commands: &mut Vec<Command>,
) {
    let ws = cx.ws;
    let article = &ws.corpus().articles[a];
    let (part, _, _) = shown_part(&mut state.cache, ws, a);
    {
        let mut text: &str =
            &article.text[crate::text::char_range_to_bytes(&article.text, part.clone())];
        let out = {
            let (mark, find, cache) = (&cx.focus.mark, &state.find, &mut state.cache);
            let look = Look {
                mark: mark.as_ref(),
                find: find.as_ref(),
                font,
            };
            let mut layouter = |ui: &egui::Ui, _: &dyn egui::TextBuffer, width: f32| {
                galley_for(ui, ws, (a, &part), &look, width, cache)
            };
            egui::TextEdit::multiline(&mut text)
                .id(text_id())
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE.inner_margin(egui::Margin {
                    left: REACH,
                    ..egui::Margin::ZERO
                }))
                .layouter(&mut layouter)
                .show(ui)
        };
        out.response
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));
        track_selection(ui, state, &article.text, &out, &part);
        state.shown_selection.clone_from(&state.selection);
        let marked = cx.focus.scroll_to_mark.then(|| cx.focus.mark.clone());
        let target = state.scroll_to.take().or_else(|| marked.flatten());
        if let Some(range) = target {
            if !(part.contains(&range.start) || part.is_empty() && range.start == part.start) {
                // In another part: show that one, and scroll there next frame.
                let parts = parts_of(&mut state.cache, ws, a);
                if let Some(i) = parts.iter().position(|p| p.contains(&range.start)) {
                    state.cache.part = (a, i);
                    state.scroll_to = Some(range);
                    ui.ctx().request_repaint();
                }
                return;
            }
            let cursor = CCursor::new(range.start - part.start);
            let rect = out
                .galley
                .pos_from_cursor(cursor)
                .translate(out.galley_pos.to_vec2());
            ui.scroll_to_rect(rect, Some(egui::Align::Center));
            if cx.focus.scroll_to_mark {
                commands.push(Command::Nav(Nav::Scrolled));
            }
        }
    }
}

/// A selection cleared elsewhere (another report opened, this one reloaded after an
/// edit on disk) is cleared in the text box too: its old char range would otherwise
/// come back next frame and tag whatever text now sits there.
fn forget_cleared_selection(ctx: &egui::Context, state: &mut State) {
    if state.selection.is_none()
        && state.shown_selection.take().is_some()
        && let Some(mut state) = egui::TextEdit::load_state(ctx, text_id())
    {
        state.cursor.set_char_range(None);
        state.store(ctx, text_id());
    }
}

/// Keep the selection when focus moves to a button (to tag it); a click in the text that
/// selects nothing clears it. Once the mouse is let go, the selection snaps to words.
fn track_selection(
    ui: &egui::Ui,
    state: &mut State,
    text: &str,
    out: &egui::text_edit::TextEditOutput,
    part: &Range<usize>,
) {
    let before = state.selection.clone();
    let Some(range) = out.cursor_range else {
        return;
    };
    let r = range.as_sorted_char_range();
    // The text box holds one part: its offsets count from the part's start.
    let sel = part.start + r.start.0..part.start + r.end.0;
    let released = !ui.input(|i| i.pointer.any_down());
    if !sel.is_empty() {
        let snapped = if released {
            crate::text::snap_to_words(text, sel.clone())
        } else {
            sel.clone()
        };
        if snapped != sel {
            let mut state = out.state.clone();
            let local = |c: usize| CCursor::new(c.clamp(part.start, part.end) - part.start);
            state.cursor.set_char_range(Some(CCursorRange::two(
                local(snapped.start),
                local(snapped.end),
            )));
            state.store(ui.ctx(), text_id());
        }
        state.selection = Some(snapped);
    } else if out.response.response.clicked() || out.response.response.drag_started() {
        state.selection = None;
    }
    if state.selection != before {
        // The bar above the text shows what can be done with the selection.
        ui.ctx().request_repaint();
    }
}

/// What the reader shows over the text, apart from the data.
struct Look<'a> {
    mark: Option<&'a Range<usize>>,
    find: Option<&'a Find>,
    font: f32,
}

/// The laid-out report, built again only when what it shows changed.
fn galley_for(
    ui: &egui::Ui,
    ws: &Workspace,
    (a, part): (usize, &Range<usize>),
    look: &Look,
    width: f32,
    cache: &mut Cache,
) -> Arc<egui::Galley> {
    let article = &ws.corpus().articles[a];
    let (find, font) = (look.find, look.font);
    let key = Key {
        article: a,
        part: part.clone(),
        text_version: ws.highlights_version(&article.path),
        codebook_version: ws.codebook_version(),
        mark: look.mark.cloned(),
        finds: find.map_or((0, None), |f| (f.generation, Some(f.current))),
        dark: ui.visuals().dark_mode,
        font: font.to_bits(),
        width: width.to_bits(),
    };
    if let Some((k, g)) = &cache.galley
        && *k == key
    {
        return g.clone();
    }
    cache.builds += 1;
    // Everything painted, in the part's own char offsets.
    let within = |r: &Range<usize>| {
        let (start, end) = (r.start.max(part.start), r.end.min(part.end));
        (start < end).then(|| start - part.start..end - part.start)
    };
    let spans: Vec<Span> = highlight_spans(ws, &article.path)
        .into_iter()
        .filter_map(|s| {
            Some(Span {
                range: within(&s.range)?,
                ..s
            })
        })
        .collect();
    let whole = crate::corpus::layout::text_layout(&article.text, &article.meta);
    let shape = TextLayout {
        dimmed: whole.dimmed.iter().filter_map(within).collect(),
        paragraph_starts: (whole.paragraph_starts.iter())
            .filter(|s| part.contains(s))
            .map(|s| s - part.start)
            .collect(),
    };
    let mark = look.mark.and_then(within);
    let finds: Vec<Range<usize>> = find.map_or(Vec::new(), |f| {
        f.matches.iter().filter_map(within).collect()
    });
    let current = find.and_then(Find::current_match).and_then(within);
    let paint = Paint {
        spans: &spans,
        mark: mark.as_ref(),
        finds: &finds,
        current: current.as_ref(),
        shape: &shape,
        font,
    };
    let text = &article.text[crate::text::char_range_to_bytes(&article.text, part.clone())];
    let mut job = layout(text, &paint, ui);
    job.wrap.max_width = width;
    let galley = ui.painter().layout_job(job);
    let galley = space_paragraphs(galley, &shape.paragraph_starts, font * 0.6);
    cache.galley = Some((key, galley.clone()));
    galley
}

/// `galley` with `gap` points of space above each row that starts a paragraph.
fn space_paragraphs(galley: Arc<egui::Galley>, starts: &[usize], gap: f32) -> Arc<egui::Galley> {
    if starts.is_empty() {
        return galley;
    }
    let mut g = (*galley).clone();
    let mut offset = 0.0;
    let mut chars = 0;
    let mut next = starts.iter().peekable();
    for (i, row) in g.rows.iter_mut().enumerate() {
        while next.peek().is_some_and(|s| **s < chars) {
            next.next();
        }
        if i > 0 && next.peek() == Some(&&chars) {
            offset += gap;
        }
        row.pos.y += offset;
        chars += row.char_count_including_newline().0;
    }
    g.rect.max.y += offset;
    g.mesh_bounds.max.y += offset;
    Arc::new(g)
}

/// A highlight as painted: its char range in the current text and its colours.
pub struct Span {
    pub range: Range<usize>,
    pub colours: Vec<String>,
    pub status: Status,
}

/// The highlights of `path` where they are now (the model's answer); orphans are not
/// painted.
pub fn highlight_spans(ws: &Workspace, path: &str) -> Vec<Span> {
    let store = ws.store();
    let Some(notes) = store.articles.get(path) else {
        return Vec::new();
    };
    notes
        .highlights
        .iter()
        .zip(ws.places(path).iter())
        .filter_map(|(h, r)| {
            let colours = h
                .tags
                .iter()
                .filter_map(|t| store.tag(t).map(|t| t.colour.clone()))
                .collect();
            r.range.clone().map(|range| Span {
                range,
                colours,
                status: r.status,
            })
        })
        .collect()
}

/// Everything painted over the text.
struct Paint<'a> {
    spans: &'a [Span],
    mark: Option<&'a Range<usize>>,
    finds: &'a [Range<usize>],
    current: Option<&'a Range<usize>>,
    shape: &'a TextLayout,
    font: f32,
}

fn covers(r: &Range<usize>, start: usize, end: usize) -> bool {
    r.start <= start && end <= r.end
}

/// The report as a layout job, cut wherever what is painted changes.
fn layout(text: &str, paint: &Paint, ui: &egui::Ui) -> LayoutJob {
    let mut cuts: Vec<usize> = vec![0, text.chars().count()];
    let ranges = paint
        .spans
        .iter()
        .map(|s| &s.range)
        .chain(paint.mark)
        .chain(paint.finds)
        .chain(&paint.shape.dimmed);
    for r in ranges {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        if start >= end || end >= bytes.len() {
            continue;
        }
        let format = format_for(paint, start, end, ui);
        job.append(&text[bytes[start]..bytes[end]], 0.0, format);
    }
    job
}

fn format_for(paint: &Paint, start: usize, end: usize, ui: &egui::Ui) -> TextFormat {
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let dimmed = paint.shape.dimmed.iter().any(|r| covers(r, start, end));
    let mut format = TextFormat {
        font_id: FontId::proportional(if dimmed {
            paint.font * 0.87
        } else {
            paint.font
        }),
        color: if dimmed {
            visuals.weak_text_color()
        } else {
            visuals.text_color()
        },
        ..TextFormat::default()
    };
    let covering: Vec<&Span> = paint
        .spans
        .iter()
        .filter(|s| covers(&s.range, start, end))
        .collect();
    if let Some(top) = covering.last() {
        let hex = top.colours.first().map_or("#f4d03f", String::as_str);
        format.background = colours::tag_fill(hex, dark);
        format.color = colours::highlight_text(dark);
        if covering.len() > 1 || top.colours.len() > 1 {
            let second = covering
                .iter()
                .rev()
                .nth(1)
                .and_then(|s| s.colours.first())
                .or(top.colours.get(1))
                .map_or("#888888", String::as_str);
            format.underline = Stroke::new(2.5, colours::tag_strong(second));
        }
        if top.status == Status::Fuzzy {
            format.italics = true;
        }
    }
    if let Some(m) = paint.mark
        && covers(m, start, end)
    {
        format.underline = Stroke::new(2.0, visuals.selection.stroke.color);
        if covering.is_empty() {
            format.background = visuals.selection.bg_fill.gamma_multiply(0.35);
        }
    }
    if paint.finds.iter().any(|r| covers(r, start, end)) {
        let current = paint.current.is_some_and(|r| covers(r, start, end));
        format.background = colours::find_fill(current, dark);
        format.color = if dark {
            egui::Color32::WHITE
        } else {
            egui::Color32::BLACK
        };
    }
    format
}
