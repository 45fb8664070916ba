//! The start screen: who is training, and in which mode.

use egui::{RichText, Ui};

use super::Action;
use super::settings::Mode;
use super::style::{bold, colors};
use super::widgets::{card, primary_button};

pub struct StartScreen {
    name: String,
    mode: Mode,
    /// The name field still has to take the focus (on arrival).
    focus_name: bool,
}

/// The id of the name field.
pub fn name_id() -> egui::Id {
    egui::Id::unique("minwon-trainee-name")
}

impl StartScreen {
    pub fn new(name: &str, mode: Mode) -> StartScreen {
        StartScreen {
            name: name.to_owned(),
            mode,
            focus_name: true,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("start-scroll").show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height().min(600.0) * 0.08);
                    ui.label(RichText::new("민원 응대 롤플레이 훈련").family(bold()).size(super::style::rel(ui, 1.9)).color(colors(ui).accent));
                    ui.label("경청하고 공감하는 응대를, 몸에 밸 때까지 연습합니다.");
                    ui.add_space(16.0);
                });
                let width = ui.available_width().min(520.0);
                ui.horizontal(|ui| {
                    ui.add_space((ui.available_width() - width).max(0.0) / 2.0);
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        card(ui, |ui| {
                            ui.set_width(width - 24.0);
                            let label = ui.label("이름 또는 교번");
                            let edit = ui.add(
                                egui::TextEdit::singleline(&mut self.name)
                                    .id(name_id())
                                    .hint_text("예: 홍길동, 12345")
                                    .char_limit(40)
                                    .desired_width(f32::INFINITY),
                            );
                            let edit = edit.labelled_by(label.id);
                            if std::mem::take(&mut self.focus_name) {
                                edit.request_focus();
                            }
                            ui.label(RichText::new("비밀번호는 없습니다. 이 이름은 화면 위쪽과 점수표에 보입니다.").small().color(colors(ui).muted));
                            ui.add_space(10.0);
                            ui.label("훈련 방식");
                            ui.radio_value(&mut self.mode, Mode::Practice, "연습 — 응답마다 잘한 점·고칠 점과 민원인의 기분, 힌트를 보여 줍니다");
                            ui.radio_value(&mut self.mode, Mode::Assessment, "평가 — 끝날 때까지 아무것도 보여 주지 않고 점수표만 보여 줍니다");
                            ui.add_space(12.0);
                            let ready = !self.name.trim().is_empty();
                            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                            ui.add_enabled_ui(ready, |ui| {
                                if primary_button(ui, "훈련 시작").clicked() || (enter && ready) {
                                    action = Some(Action::Begin {
                                        trainee: self.name.trim().to_owned(),
                                        mode: self.mode,
                                    });
                                }
                            });
                            ui.add_space(6.0);
                            ui.add_enabled_ui(ready, |ui| {
                                if ui
                                    .button("교관 모드 — 시나리오 쓰기·시험")
                                    .on_hover_text("시나리오를 편집하고, 어느 단계에서든 시험해 보고, 문장 판정을 확인합니다")
                                    .clicked()
                                {
                                    action = Some(Action::BeginInstructor {
                                        name: self.name.trim().to_owned(),
                                    });
                                }
                            });
                            if !ready {
                                ui.label(RichText::new("이름이나 교번을 적으면 시작할 수 있습니다.").small().color(colors(ui).muted));
                            }
                        });
                    });
                });
            });
        });
        action
    }
}
