//! Settings: text size, theme, renderer, the station (practice, shared folder), the LRS, scenario
//! folders.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::Action;
use super::settings::{MAX_SCALE, MIN_SCALE, RendererChoice, Settings, ThemeChoice};
use super::style::colors;
use super::widgets::{primary_button, section_ui};

pub struct SettingsView {
    draft: Settings,
    /// The station's practice as chosen here, and the choices (id, title).
    practice: Option<String>,
    practice_was: Option<String>,
    practices: Vec<(String, String)>,
    station_folder: String,
    new_folder: String,
    folder_error: Option<String>,
    /// Why the LRS fields cannot be saved.
    lrs_error: Option<String>,
    /// What the background sender is doing, as it was when settings opened.
    lrs_status: Option<String>,
}

impl SettingsView {
    pub fn new(
        current: &Settings,
        practice: Option<String>,
        practices: Vec<(String, String)>,
    ) -> SettingsView {
        SettingsView {
            draft: current.clone(),
            practice_was: practice.clone(),
            practice,
            practices,
            station_folder: current
                .station_folder
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            new_folder: String::new(),
            folder_error: None,
            lrs_error: None,
            lrs_status: None,
        }
    }

    /// Shows what the background sender is doing under the LRS fields.
    pub fn with_lrs_status(mut self, status: Option<String>) -> SettingsView {
        self.lrs_status = status;
        self
    }

    /// The LRS address typed in: blank (nothing sent) or an http(s) address.
    fn lrs_ok(&self) -> Result<(), String> {
        let e = self.draft.xapi.endpoint.trim();
        if e.is_empty() || e.starts_with("http://") || e.starts_with("https://") {
            Ok(())
        } else {
            Err(format!(
                "LRS 주소는 http:// 또는 https://로 시작해야 합니다 (지금: {e}). 보내지 않으려면 비워 두십시오."
            ))
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

    /// The station folder typed in: none when blank, an error when it is not a folder.
    fn station_folder(&self) -> Result<Option<PathBuf>, String> {
        let text = self.station_folder.trim().trim_matches('"');
        if text.is_empty() {
            return Ok(None);
        }
        let path = PathBuf::from(text);
        if path.is_dir() {
            Ok(Some(path))
        } else {
            Err(format!("서 공유 폴더를 찾을 수 없습니다: {text}"))
        }
    }

    /// The actions of the frame: closing settings, and a new practice to save after them.
    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut practice_changed = false;
        let mut out: Vec<Action> = self
            .ui_inner(ui, &mut practice_changed)
            .into_iter()
            .collect();
        if practice_changed {
            out.push(Action::SetPractice(self.practice.clone()));
        }
        out
    }

    fn ui_inner(&mut self, ui: &mut Ui, practice_changed: &mut bool) -> Option<Action> {
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
                    self.lrs_error = self.lrs_ok().err();
                    match self.station_folder() {
                        Ok(_) if self.lrs_error.is_some() => {}
                        Ok(folder) => {
                            let mut draft = self.draft.clone();
                            draft.station_folder = folder;
                            action = Some(Action::CloseSettings(Some(draft)));
                            if self.practice != self.practice_was {
                                *practice_changed = true;
                            }
                        }
                        Err(e) => self.folder_error = Some(e),
                    }
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
                section_ui(ui, "우리 서 시책 (교관)");
                ui.label(
                    RichText::new("서에서 하나의 공감 시책을 정해 엄격히 지킵니다. 고른 시책은 브리핑에 나오고, 연습 중에 지켰는지 보이며, 지키지 않으면 A 등급을 받을 수 없습니다. 서 공유 폴더가 있으면 그곳의 station.ron에 저장되어 모든 PC가 함께 씁니다.")
                        .small()
                        .color(colors(ui).muted),
                );
                let current = self
                    .practice
                    .as_ref()
                    .and_then(|id| self.practices.iter().find(|(p, _)| p == id))
                    .map_or("시책 없음", |(_, t)| t.as_str())
                    .to_owned();
                egui::ComboBox::from_label("시책")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.practice, None, "시책 없음");
                        for (id, title) in &self.practices {
                            ui.selectable_value(&mut self.practice, Some(id.clone()), title);
                        }
                    });
                ui.horizontal(|ui| {
                    let label = ui.label("서 공유 폴더");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.station_folder)
                            .hint_text("예: \\\\서버\\교육\\민원훈련 (비우면 이 PC만)")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                });
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
                self.lrs_ui(ui);
            });
        });
        action
    }

    /// The LRS that finished sessions are sent to (xAPI), and what the sender is doing.
    fn lrs_ui(&mut self, ui: &mut Ui) {
        section_ui(ui, "기관 기록 저장소 (LRS, xAPI)");
        ui.label(
            RichText::new("주소를 적으면 끝난 상담마다 xAPI 문장을 기록 폴더의 outbox에 넣고 뒤에서 보냅니다. 인터넷이 끊겨도 outbox에 남았다가 연결되면 보냅니다. 비워 두면 보내지 않습니다.")
                .small()
                .color(colors(ui).muted),
        );
        let x = &mut self.draft.xapi;
        egui::Grid::new("lrs-settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("LRS 주소");
                ui.add(
                    egui::TextEdit::singleline(&mut x.endpoint)
                        .hint_text("예: https://lrs.example.go.kr/xAPI/ (비우면 보내지 않음)")
                        .desired_width(360.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("LRS 키");
                ui.add(egui::TextEdit::singleline(&mut x.key).desired_width(240.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("LRS 비밀번호");
                ui.add(
                    egui::TextEdit::singleline(&mut x.secret)
                        .password(true)
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("기관 주소 (homePage)");
                ui.add(
                    egui::TextEdit::singleline(&mut x.home_page)
                        .hint_text("예: https://songpa.smpa.go.kr")
                        .desired_width(360.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("통과 점수");
                ui.add(
                    egui::DragValue::new(&mut x.pass_mark)
                        .range(0..=100)
                        .suffix("점"),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
        if let Some(s) = &self.lrs_status {
            ui.label(RichText::new(s).small().color(colors(ui).muted));
        }
        if let Some(e) = &self.lrs_error {
            ui.label(RichText::new(e).color(colors(ui).bad));
        }
    }
}
