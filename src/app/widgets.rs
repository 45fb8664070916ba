//! Small widgets shared by the screens.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::style::{bold, colors};

/// A rounded label: a detected item (good), a violation (bad), an action, a tag. One widget,
/// so that a row of chips wraps like words; a chip longer than the row wraps inside itself.
pub fn chip_ui(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    chip_with(ui, text, color, egui::Sense::hover())
}

/// A chip that can be clicked (a tag that filters).
pub fn chip_button(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    let r = chip_with(ui, text, color, egui::Sense::click());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, text));
    r.on_hover_cursor(egui::CursorIcon::PointingHand)
}

fn chip_with(ui: &mut Ui, text: &str, color: Color32, sense: egui::Sense) -> egui::Response {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let padding = egui::vec2(7.0, 2.0);
    let wrap = (ui.max_rect().width() - 2.0 * padding.x).max(40.0);
    let galley = ui.painter().layout(text.to_owned(), font, color, wrap);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * padding, sense);
    if ui.is_rect_visible(rect) {
        let focused = response.has_focus() || response.hovered() && sense.senses_click();
        ui.painter().rect(
            rect,
            CornerRadius::same(10),
            color.gamma_multiply(if focused { 0.28 } else { 0.14 }),
            Stroke::new(if focused { 2.0 } else { 1.0 }, color.gamma_multiply(0.7)),
            egui::StrokeKind::Inside,
        );
        ui.painter().galley(rect.min + padding, galley, color);
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}

/// A row of chips that wraps, with tight lines.
pub fn chip_row_ui<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> egui::InnerResponse<R> {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().interact_size.y = ui.text_style_height(&egui::TextStyle::Small) + 4.0;
        ui.spacing_mut().item_spacing = egui::vec2(5.0, 4.0);
        add(ui)
    })
}

/// A bar from 0 to 1; nothing is filled at 0 (egui's progress bar draws a dot there).
pub fn bar_ui(ui: &mut Ui, value: f32, width: f32, height: f32, color: Color32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let radius = CornerRadius::same((height / 2.0).min(8.0) as u8);
        ui.painter()
            .rect_filled(rect, radius, ui.visuals().extreme_bg_color);
        let v = value.clamp(0.0, 1.0);
        if v > 0.0 {
            let mut fill = rect;
            fill.set_width((rect.width() * v).max(height.min(rect.width())));
            ui.painter().rect_filled(fill, radius, color);
        }
        ui.painter().rect_stroke(
            rect,
            radius,
            ui.visuals().widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    response
}

/// A labelled bar from 0 to 100 (anger, trust), with the change of the last answer.
pub fn meter_ui(ui: &mut Ui, label: &str, value: i32, change: Option<i32>, color: Color32) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).small());
        let change_text = match change {
            Some(d) if d > 0 => format!("▲{d}"),
            Some(d) if d < 0 => format!("▼{}", -d),
            _ => String::new(),
        };
        let small = ui.text_style_height(&egui::TextStyle::Small);
        let width = (ui.available_width() - small * 4.5).max(40.0);
        bar_ui(
            ui,
            value.clamp(0, 100) as f32 / 100.0,
            width,
            small * 0.8,
            color,
        );
        ui.label(RichText::new(format!("{value}")).small());
        if !change_text.is_empty() {
            ui.label(RichText::new(change_text).small().color(colors(ui).muted))
                .on_hover_text("마지막 응답으로 바뀐 만큼");
        }
    });
}

/// A card: a framed block with a subtle background.
pub fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> egui::InnerResponse<R> {
    let p = colors(ui);
    Frame::new()
        .fill(p.card)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(12))
        .show(ui, add)
}

/// A bold heading of a section.
pub fn section_ui(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(
        RichText::new(text)
            .family(bold())
            .size(ui.text_style_height(&egui::TextStyle::Body) * 1.05),
    );
}

/// A primary button, in the accent colour.
pub fn primary_button(ui: &mut Ui, text: &str) -> egui::Response {
    let p = colors(ui);
    let r = ui.add(
        egui::Button::new(RichText::new(text).color(p.on_accent).family(bold()))
            .fill(p.accent)
            .min_size(egui::vec2(96.0, 32.0)),
    );
    focus_ring(ui, &r);
    r
}

/// A ring around a focused widget, in a colour that stands out from the accent fill and the
/// background alike, so a keyboard user sees where Enter goes.
pub fn focus_ring(ui: &Ui, r: &egui::Response) {
    if r.has_focus() {
        ui.painter().rect_stroke(
            r.rect.expand(3.0),
            CornerRadius::same(6),
            Stroke::new(2.5, colors(ui).focus),
            egui::StrokeKind::Outside,
        );
    }
}

/// Seconds as `m:ss`.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn clock_formats_minutes() {
        assert_eq!(super::clock(0.0), "0:00");
        assert_eq!(super::clock(75.9), "1:15");
        assert_eq!(super::clock(-3.0), "0:00");
    }
}
