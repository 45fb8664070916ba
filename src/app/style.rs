//! Fonts, colours and text sizes.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle, Visuals};

use super::settings::{Settings, ThemeChoice};

/// NanumSquare (OFL, see assets/fonts/OFL-NanumSquare.txt): full Hangul, small.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NanumSquareB.ttf");

/// The family of the bold face.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Korean first, egui's own fonts after it for symbols it lacks.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("nanum-r".into(), Arc::new(FontData::from_static(REGULAR)));
    fonts
        .font_data
        .insert("nanum-b".into(), Arc::new(FontData::from_static(BOLD)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "nanum-r".into());
    }
    let mut bold_list = vec!["nanum-b".to_owned()];
    bold_list.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.families.insert(bold(), bold_list);
    ctx.set_fonts(fonts);
}

/// Colours of the app, for both themes.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub accent: Color32,
    pub on_accent: Color32,
    pub good: Color32,
    pub bad: Color32,
    pub warn: Color32,
    pub complainant_bubble: Color32,
    pub trainee_bubble: Color32,
    pub card: Color32,
    pub muted: Color32,
    pub anger: Color32,
    pub trust: Color32,
    /// The focus ring.
    pub focus: Color32,
}

pub fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            accent: Color32::from_rgb(110, 160, 230),
            on_accent: Color32::from_rgb(10, 20, 35),
            good: Color32::from_rgb(110, 200, 120),
            bad: Color32::from_rgb(240, 110, 100),
            warn: Color32::from_rgb(240, 170, 80),
            complainant_bubble: Color32::from_rgb(58, 52, 48),
            trainee_bubble: Color32::from_rgb(36, 54, 84),
            card: Color32::from_rgb(38, 40, 44),
            muted: Color32::from_rgb(160, 160, 160),
            anger: Color32::from_rgb(230, 90, 80),
            trust: Color32::from_rgb(90, 170, 230),
            focus: Color32::from_rgb(255, 210, 60),
        }
    } else {
        Palette {
            accent: Color32::from_rgb(31, 58, 104),
            on_accent: Color32::WHITE,
            good: Color32::from_rgb(30, 120, 50),
            bad: Color32::from_rgb(190, 40, 40),
            warn: Color32::from_rgb(190, 110, 0),
            complainant_bubble: Color32::from_rgb(246, 240, 232),
            trainee_bubble: Color32::from_rgb(225, 236, 252),
            card: Color32::from_rgb(250, 250, 252),
            muted: Color32::from_rgb(100, 100, 110),
            anger: Color32::from_rgb(210, 60, 50),
            trust: Color32::from_rgb(40, 110, 190),
            focus: Color32::from_rgb(230, 120, 0),
        }
    }
}

/// Applies theme and text size.
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    let dark = settings.theme == ThemeChoice::Dark;
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let scale = settings.text_scale;
    let p = palette(dark);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(24.0 * scale, bold())),
            (TextStyle::Body, FontId::proportional(16.0 * scale)),
            (TextStyle::Button, FontId::proportional(15.0 * scale)),
            (TextStyle::Small, FontId::proportional(13.0 * scale)),
            (TextStyle::Monospace, FontId::monospace(14.0 * scale)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 28.0 * scale.max(1.0);
        // Radio and check boxes grow with the text.
        style.spacing.icon_width = 16.0 * scale;
        style.spacing.icon_width_inner = 9.0 * scale;
        style.spacing.icon_spacing = 6.0 * scale;
    });
    let mut visuals = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    visuals.selection.bg_fill = p.accent.gamma_multiply(0.6);
    visuals.hyperlink_color = p.accent;
    // A focused widget is drawn with the "active" look: a thick ring in a colour that stands
    // out from both the accent-filled buttons and the background, so keyboard users see it.
    visuals.widgets.active.bg_stroke = egui::Stroke::new(2.5, p.focus);
    visuals.widgets.active.expansion = 1.0;
    // The dot of a selected radio button is drawn in the foreground colour.
    visuals.widgets.inactive.fg_stroke.color = if dark {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(20)
    };
    ctx.set_visuals_of(
        if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        },
        visuals,
    );
}

/// A size relative to the body text, so titles follow the text-size setting (`1.0` is body).
pub fn rel(ui: &egui::Ui, factor: f32) -> f32 {
    ui.text_style_height(&TextStyle::Body) * factor
}

/// True when the current theme is dark.
pub fn is_dark(ui: &egui::Ui) -> bool {
    ui.visuals().dark_mode
}

pub fn colors(ui: &egui::Ui) -> Palette {
    palette(is_dark(ui))
}
