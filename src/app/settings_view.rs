//! Settings: text size, theme, renderer, scenario folders.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::Action;
use super::settings::{MAX_SCALE, MIN_SCALE, RendererChoice, Settings, ThemeChoice};
use super::style::colors;
use super::widgets::{primary_button, section_ui};

pub struct SettingsView {
    draft: Settings,
    new_folder: String,
    folder_error: Option<String>,
}

impl SettingsView {
    pub fn new(current: &Settings) -> SettingsView {
        SettingsView {
            draft: current.clone(),
            new_folder: String::new(),
            folder_error: None,
        }
    }

    fn add_folder(&mut self) {
        let text = self.new_folder.trim().trim_matches('"');
        if text.is_empty() {
            return;
        }
        let path = PathBuf::from(text);
        if !path.is_dir() {
            self.folder_error = Some(format!("폴더를 찾을 수 없습니다: {text}"));
            return;
        }
        if !self.draft.scenario_folders.contains(&path) {
            self.draft.scenario_folders.push(path);
        }
        self.new_folder.clear();
        self.folder_error = None;
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            action = Some(Action::CloseSettings(None));
        }
        egui::Panel::bottom("settings-buttons").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("취소").on_hover_text("Esc").clicked() {
                    action = Some(Action::CloseSettings(None));
                }
                if primary_button(ui, "저장").clicked() {
                    action = Some(Action::CloseSettings(Some(self.draft.clone())));
                }
            });
            ui.add_space(6.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("settings-scroll").auto_shrink([false, false]).show(ui, |ui| {
                ui.heading("설정");
                section_ui(ui, "글자 크기");
                ui.add(
                    egui::Slider::new(&mut self.draft.text_scale, MIN_SCALE..=MAX_SCALE)
                        .step_by(0.1)
                        .custom_formatter(|v, _| format!("{v:.1}배"))
                        .custom_parser(|t| t.trim().trim_end_matches('배').trim().parse().ok()),
                );
                // A preview at the chosen size, before it is saved.
                let scale = self.draft.text_scale;
                super::widgets::card(ui, |ui| {
                    ui.set_width(ui.available_width().min(520.0));
                    ui.label(RichText::new("미리 보기").small().color(colors(ui).muted));
                    ui.label(
                        RichText::new("억울하신 마음 충분히 이해합니다.")
                            .size(16.0 * scale),
                    );
                    ui.label(
                        RichText::new("제목과 본문이 이 크기로 바뀝니다. 저장하면 적용됩니다.")
                            .size(13.0 * scale),
                    );
                });
                section_ui(ui, "화면 색");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.draft.theme, ThemeChoice::Light, "밝게");
                    ui.radio_value(&mut self.draft.theme, ThemeChoice::Dark, "어둡게");
                });
                section_ui(ui, "그리기 방식 (다음 실행부터)");
                for r in [RendererChoice::Auto, RendererChoice::Wgpu, RendererChoice::Glow] {
                    ui.radio_value(&mut self.draft.renderer, r, r.label());
                }
                ui.label(
                    RichText::new("화면이 안 뜨거나 깨지면 다른 방식을 고르십시오. 그래픽 드라이버가 없는 PC에서는 wgpu가 잘 됩니다.")
                        .small()
                        .color(colors(ui).muted),
                );
                section_ui(ui, "시나리오 폴더");
                ui.label(
                    RichText::new("내장 시나리오에 더해 이 폴더들의 .ron 파일을 읽습니다 (예: 공유 폴더).")
                        .small()
                        .color(colors(ui).muted),
                );
                let mut remove = None;
                for (i, f) in self.draft.scenario_folders.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(f.display().to_string());
                        if ui.small_button(format!("빼기 {}", i + 1)).clicked() {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    self.draft.scenario_folders.remove(i);
                }
                ui.horizontal(|ui| {
                    let label = ui.label("폴더 경로");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.new_folder)
                                .hint_text("예: D:\\훈련\\시나리오")
                                .desired_width(320.0),
                        )
                        .labelled_by(label.id);
                    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("폴더 추가").clicked() || enter {
                        self.add_folder();
                    }
                });
                if let Some(e) = &self.folder_error {
                    ui.label(RichText::new(e).color(colors(ui).bad));
                }
            });
        });
        action
    }
}
