//! Small widgets shared by the screens.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::style::{bold, colors};

/// A rounded label: a detected item (good), a violation (bad), an action, a tag. One widget,
/// so that a row of chips wraps like words.
pub fn chip_ui(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, color);
    let padding = egui::vec2(7.0, 2.0);
    let (rect, response) =
        ui.allocate_exact_size(galley.size() + 2.0 * padding, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().rect(
            rect,
            CornerRadius::same(10),
            color.gamma_multiply(0.14),
            Stroke::new(1.0, color.gamma_multiply(0.7)),
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
        ui.spacing_mut().interact_size.y = 18.0;
        ui.spacing_mut().item_spacing = egui::vec2(5.0, 4.0);
        add(ui)
    })
}

/// A labelled bar from 0 to 100 (anger, trust).
pub fn meter_ui(ui: &mut Ui, label: &str, value: i32, color: Color32) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).small());
        let width = (ui.available_width() - 36.0).max(40.0);
        let bar = egui::ProgressBar::new(value.clamp(0, 100) as f32 / 100.0)
            .fill(color)
            .desired_height(12.0)
            .desired_width(width);
        ui.add(bar);
        ui.label(RichText::new(format!("{value}")).small());
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
    ui.add(
        egui::Button::new(RichText::new(text).color(p.on_accent).family(bold()))
            .fill(p.accent)
            .min_size(egui::vec2(96.0, 32.0)),
    )
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
