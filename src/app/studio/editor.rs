//! The studio's text editor: a scenario's RON text with line numbers, syntax colouring (a
//! layouter for `TextEdit` over [`crate::authoring::highlight`]), find (Ctrl+F), and jumps to a
//! `LINE:COL` from the problems list, the outline or a cue's place.
//!
//! Lines never wrap, so each line number sits beside its line; the layout job is rebuilt only
//! when the text or the theme changes, and only the rows on screen are painted
//! (`benches/ui.rs` measures a frame with a 3,000-line file).

use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, RichText, Ui};

use crate::authoring::TokenKind;

use super::super::style::colors;

/// The editor's text and view state.
pub struct Editor {
    pub text: String,
    /// The text as of the last frame, to tell an edit from a jump.
    job: JobCache,
    /// Where to put the cursor and scroll to on the next frame: `(line, col)`, 1-based.
    jump: Option<(usize, usize)>,
    /// The selection to make on the next frame (a find match): char range.
    select: Option<(usize, usize)>,
    /// 1-based line and column of the cursor, as of the last frame.
    cursor: (usize, usize),
    cursor_char: Option<usize>,
    /// The galley of the last frame (for the row of a line and the gutter).
    galley: Option<Arc<Galley>>,
    pub find: Find,
}

/// The find bar.
#[derive(Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    /// Matches of the query (byte ranges), recounted when the query or the text changes.
    matches: Vec<(usize, usize)>,
    counted_for: (String, u64),
    /// The match shown (index into `matches`).
    current: Option<usize>,
    focus: bool,
}

/// The coloured layout of the text, rebuilt only when the text, the theme, the font or the
/// font atlas changes: a frame of a 3,000-line file then costs no layout and no hashing.
#[derive(Default)]
struct JobCache {
    text: String,
    dark: bool,
    size: f32,
    pixels_per_point: f32,
    galley: Option<Arc<Galley>>,
    /// The font atlas's fill when the galley was made: it only grows, unless the atlas was
    /// cleared (then the galley's glyphs point into the old atlas and it is made again).
    atlas_fill: f32,
    /// The pass the galley was last used in: after a pass without the editor the atlas may have
    /// been cleared and filled again, so the galley is made again.
    pass: u64,
    /// Bumped on every rebuild: tells a text change without comparing strings.
    generation: u64,
}

/// The id of the editor's `TextEdit` (tests and the focus use it).
pub fn editor_id() -> egui::Id {
    egui::Id::unique("minwon-studio-editor")
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        Editor {
            text: text.to_owned(),
            job: JobCache::default(),
            jump: None,
            select: None,
            cursor: (1, 1),
            cursor_char: None,
            galley: None,
            find: Find::default(),
        }
    }

    /// Puts the cursor at `line:col` (1-based, col in characters) and scrolls there on the next
    /// frame.
    pub fn jump_to(&mut self, line: usize, col: usize) {
        self.jump = Some((line.max(1), col.max(1)));
    }

    /// The cursor's 1-based line and column, as of the last frame (or the pending jump).
    pub fn cursor(&self) -> (usize, usize) {
        self.jump.unwrap_or(self.cursor)
    }

    /// Opens the find bar with the focus on its field.
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus = true;
    }

    /// Shows the next match of the find query after the cursor (wrapping around); false when
    /// there is none.
    pub fn find_next(&mut self) -> bool {
        self.count_matches();
        if self.find.matches.is_empty() {
            self.find.current = None;
            return false;
        }
        let next = match self.find.current {
            Some(i) => (i + 1) % self.find.matches.len(),
            None => {
                let at = self.cursor_char.map_or(0, |c| byte_of_char(&self.text, c));
                self.find
                    .matches
                    .iter()
                    .position(|&(s, _)| s >= at)
                    .unwrap_or(0)
            }
        };
        self.find.current = Some(next);
        let (s, e) = self.find.matches[next];
        let (line, col) = crate::library::load::line_col(&self.text, s);
        self.jump = Some((line, col));
        self.select = Some((
            self.text[..s].chars().count(),
            self.text[..e].chars().count(),
        ));
        true
    }

    /// How many times the find query occurs.
    pub fn match_count(&mut self) -> usize {
        self.count_matches();
        self.find.matches.len()
    }

    fn count_matches(&mut self) {
        let key = (self.find.query.clone(), self.job.generation);
        if self.find.counted_for == key && key.1 != 0 {
            return;
        }
        self.find.matches = if self.find.query.is_empty() {
            Vec::new()
        } else {
            self.text
                .match_indices(self.find.query.as_str())
                .map(|(i, m)| (i, i + m.len()))
                .collect()
        };
        if self.find.counted_for.0 != key.0 {
            self.find.current = None;
        }
        self.find.counted_for = key;
    }

    /// The find bar (when open) and the editor. Returns true when the text was edited.
    pub fn ui(&mut self, ui: &mut Ui) -> bool {
        let ctrl_f = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F));
        if ctrl_f {
            self.open_find();
        }
        if self.find.open {
            self.find_bar_ui(ui);
        }
        self.text_ui(ui)
    }

    fn find_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("찾기");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.find.query)
                    .id(egui::Id::unique("minwon-studio-find"))
                    .hint_text("찾을 말")
                    .desired_width(200.0),
            );
            let field = field.labelled_by(label.id);
            if std::mem::take(&mut self.find.focus) {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let count = self.match_count();
            if enter {
                // The Enter is the find bar's: the editor, which gets the focus for the
                // selection, must not also type it over the match.
                ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
            }
            if ui.button("다음 ▼").clicked() || enter {
                self.find_next();
            }
            let shown = match (self.find.current, count) {
                (_, 0) if !self.find.query.is_empty() => "없음".to_owned(),
                (Some(i), n) => format!("{}/{n}", i + 1),
                (None, n) => format!("{n}곳"),
            };
            ui.label(RichText::new(shown).color(colors(ui).muted));
            if ui.small_button("닫기").clicked()
                || (field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)))
            {
                self.find.open = false;
            }
        });
    }

    fn text_ui(&mut self, ui: &mut Ui) -> bool {
        let font = FontId::monospace(ui.text_style_height(&egui::TextStyle::Monospace));
        let dark = super::super::style::is_dark(ui);
        let id = editor_id();
        // A jump: the cursor goes to its place and the view scrolls so that it is a few lines
        // from the top.
        let mut scroll_to = None;
        if let Some((line, col)) = self.jump.take() {
            let char_index = char_of_line_col(&self.text, line, col);
            let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            let range = match self.select.take() {
                Some((s, e)) => CCursorRange::two(CCursor::new(s), CCursor::new(e)),
                None => CCursorRange::one(CCursor::new(char_index)),
            };
            state.cursor.set_char_range(Some(range));
            egui::TextEdit::store_state(ui.ctx(), id, state);
            ui.memory_mut(|m| m.request_focus(id));
            let row_height = ui.fonts_mut(|f| f.row_height(&font));
            let y = match &self.galley {
                Some(g) => g.pos_from_cursor(CCursor::new(char_index)).min.y,
                None => (line - 1) as f32 * row_height,
            };
            scroll_to = Some((y - 3.0 * row_height).max(0.0));
            self.cursor = (line, col);
            self.cursor_char = Some(char_index);
        }
        let digits = self.text.lines().count().max(1).to_string().len().max(3);
        let char_width = ui.fonts_mut(|f| f.glyph_width(&font, '0'));
        let gutter = char_width * digits as f32 + 12.0;
        let cache = &mut self.job;
        let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, _wrap: f32| {
            let text = buf.as_str();
            let ppp = ui.pixels_per_point();
            let pass = ui.ctx().cumulative_pass_nr();
            let fill = ui.fonts_mut(|f| f.font_atlas_fill_ratio());
            let fresh = cache.galley.is_some()
                && cache.text == text
                && cache.dark == dark
                && cache.size == font.size
                && cache.pixels_per_point == ppp
                && fill >= cache.atlas_fill
                && pass <= cache.pass + 1;
            if !fresh {
                if cache.text != text || cache.galley.is_none() {
                    cache.text = text.to_owned();
                    cache.generation += 1;
                }
                cache.dark = dark;
                cache.size = font.size;
                cache.pixels_per_point = ppp;
                let job = highlight_job(text, &font, dark);
                cache.galley = Some(ui.fonts_mut(|f| f.layout_job(job)));
                cache.atlas_fill = ui.fonts_mut(|f| f.font_atlas_fill_ratio());
            }
            cache.pass = pass;
            cache.galley.clone().expect("made above")
        };
        let mut area = egui::ScrollArea::both()
            .id_salt("studio-editor-scroll")
            .auto_shrink([false, false]);
        if let Some(y) = scroll_to {
            area = area.vertical_scroll_offset(y);
        }
        let mut changed = false;
        area.show(ui, |ui| {
            ui.horizontal_top(|ui| {
                let gutter_left = ui.cursor().min.x;
                ui.add_space(gutter);
                let output = egui::TextEdit::multiline(&mut self.text)
                    .id(id)
                    .font(font.clone())
                    .code_editor()
                    .lock_focus(true)
                    .desired_width(f32::INFINITY)
                    .desired_rows(30)
                    .layouter(&mut layouter)
                    .show(ui);
                changed = output.response.changed();
                output.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "시나리오 본문")
                });
                if let Some(range) = output.cursor_range {
                    let index = range.primary.index.0;
                    if self.cursor_char != Some(index) || changed {
                        self.cursor_char = Some(index);
                        self.cursor = line_col_of_char(&self.text, index);
                    }
                }
                paint_gutter(
                    ui,
                    &output.galley,
                    output.galley_pos,
                    gutter_left,
                    gutter,
                    &font,
                );
                self.galley = Some(output.galley);
            });
        });
        changed
    }

    /// Bumped whenever the text the editor lays out changed (a cheap "text changed" check).
    pub fn generation(&self) -> u64 {
        self.job.generation
    }
}

/// Line numbers beside the rows on screen: a row that starts a line gets its number.
fn paint_gutter(ui: &Ui, galley: &Galley, pos: egui::Pos2, left: f32, width: f32, font: &FontId) {
    let clip = ui.clip_rect();
    let painter = ui.painter();
    let muted = colors(ui).muted;
    let mut line = 1usize;
    let mut starts_line = true;
    for row in &galley.rows {
        let top = pos.y + row.min_y();
        let bottom = pos.y + row.max_y();
        if starts_line && bottom >= clip.min.y && top <= clip.max.y {
            painter.text(
                egui::pos2(left + width - 8.0, top),
                egui::Align2::RIGHT_TOP,
                line.to_string(),
                font.clone(),
                muted,
            );
        }
        if row.ends_with_newline {
            line += 1;
            starts_line = true;
        } else {
            starts_line = false;
        }
        if top > clip.max.y {
            break;
        }
    }
}

/// The colours of RON tokens.
fn token_color(kind: TokenKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (TokenKind::Comment, false) => Color32::from_rgb(0x6a, 0x73, 0x7d),
        (TokenKind::Comment, true) => Color32::from_rgb(0x8b, 0x94, 0x9e),
        (TokenKind::Str, false) => Color32::from_rgb(0x0a, 0x6e, 0x31),
        (TokenKind::Str, true) => Color32::from_rgb(0x7e, 0xe7, 0x87),
        (TokenKind::Number, false) => Color32::from_rgb(0x95, 0x38, 0x00),
        (TokenKind::Number, true) => Color32::from_rgb(0xff, 0xa6, 0x57),
        (TokenKind::Field, false) => Color32::from_rgb(0x05, 0x50, 0xae),
        (TokenKind::Field, true) => Color32::from_rgb(0x79, 0xc0, 0xff),
        (TokenKind::Ident, false) => Color32::from_rgb(0x82, 0x50, 0xdf),
        (TokenKind::Ident, true) => Color32::from_rgb(0xd2, 0xa8, 0xff),
        (TokenKind::Punct, false) => Color32::from_rgb(0x24, 0x29, 0x2f),
        (TokenKind::Punct, true) => Color32::from_rgb(0xc9, 0xd1, 0xd9),
    }
}

/// The layout job of a RON text: each token in its colour, whitespace in the plain colour, no
/// wrapping.
pub fn highlight_job(text: &str, font: &FontId, dark: bool) -> LayoutJob {
    let plain = token_color(TokenKind::Punct, dark);
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..Default::default()
    };
    job.wrap.max_width = f32::INFINITY;
    let format = |color| TextFormat::simple(font.clone(), color);
    let mut at = 0;
    for t in crate::authoring::highlight(text) {
        if t.range.start > at {
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: at.into()..t.range.start.into(),
                format: format(plain),
            });
        }
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: t.range.start.into()..t.range.end.into(),
            format: format(token_color(t.kind, dark)),
        });
        at = t.range.end;
    }
    if at < text.len() || text.is_empty() {
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: at.into()..text.len().into(),
            format: format(plain),
        });
    }
    job
}

/// The char index of `line:col` (1-based; col in characters), clamped to the text.
pub fn char_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut chars = 0;
    for (i, l) in text.split('\n').enumerate() {
        let len = l.chars().count();
        if i + 1 == line {
            return chars + (col - 1).min(len);
        }
        chars += len + 1;
    }
    text.chars().count()
}

/// The 1-based line and column of a char index.
pub fn line_col_of_char(text: &str, index: usize) -> (usize, usize) {
    let byte = byte_of_char(text, index);
    crate::library::load::line_col(text, byte)
}

fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_and_char_index_go_both_ways() {
        let t = "가나\n다라마\n\nx";
        assert_eq!(char_of_line_col(t, 2, 2), 4);
        assert_eq!(line_col_of_char(t, 4), (2, 2));
        assert_eq!(char_of_line_col(t, 4, 1), 8);
        assert_eq!(line_col_of_char(t, 8), (4, 1));
        // Past the end of a line or the text: clamped.
        assert_eq!(char_of_line_col(t, 1, 99), 2);
        assert_eq!(char_of_line_col(t, 99, 1), t.chars().count());
    }

    #[test]
    fn the_colouring_covers_every_byte_once() {
        let t = "Scenario(\n  id: \"a\", // 주석\n  n: 3,\n)";
        let job = highlight_job(t, &FontId::monospace(14.0), false);
        let mut at = 0;
        for s in &job.sections {
            assert_eq!(s.byte_range.start.0, at);
            at = s.byte_range.end.0;
        }
        assert_eq!(at, t.len());
        let string = job
            .sections
            .iter()
            .find(|s| &t[s.byte_range.start.0..s.byte_range.end.0] == "\"a\"")
            .expect("the string is a section");
        assert_eq!(string.format.color, token_color(TokenKind::Str, false));
    }
}
