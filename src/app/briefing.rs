//! The briefing: where, who, and what to achieve, before the role-play starts.

use egui::{RichText, Ui};

use super::Action;
use super::settings::Mode;
use super::style::{bold, colors};
use super::widgets::{card, chip_row_ui, chip_ui, primary_button, section_ui};
use crate::library::Entry;
use crate::practice::Practice;

/// What 일일열사 is, for the briefing and the library.
pub const OUTREACH_NOTE: &str = "일일열사(하루 열 명): 지구대 경찰관이 하루 열 명의 주민을 직접 찾아가 치안 걱정을 듣고, 요청을 카드에 받아 지구대 장부에 남겨 순찰에 반영하는 구로경찰서의 활동입니다. 화난 민원인이 아니라 경계하거나 지친 주민을 만납니다.";

pub fn ui(ui: &mut Ui, entry: &Entry, mode: Mode, practice: Option<&Practice>) -> Option<Action> {
    let s = &entry.scenario;
    let mut action = None;
    // Enter starts, Esc goes back: nothing on this screen takes typed text. Enter on the
    // focused back button is that button's.
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        action = Some(Action::BackToLibrary);
    }
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.is_none());
    let mut back_focused = false;
    egui::Panel::bottom("briefing-buttons").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let back = ui.button("← 시나리오 목록").on_hover_text("Esc");
            back_focused = back.has_focus();
            if back.clicked() {
                action = Some(Action::BackToLibrary);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if primary_button(ui, "응대 시작 ▶")
                    .on_hover_text("Enter")
                    .clicked()
                    || (enter && !back_focused && action.is_none())
                {
                    action = Some(Action::Start);
                }
                ui.label(
                    RichText::new(format!("{} 모드로 진행합니다", mode.label()))
                        .color(colors(ui).muted),
                );
            });
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("briefing-scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(&s.title);
            chip_row_ui(ui, |ui| {
                let p = colors(ui);
                chip_ui(ui, s.difficulty.label(), p.accent);
                chip_ui(ui, s.channel.label(), p.muted);
                for t in &s.tags {
                    chip_ui(ui, t, p.muted);
                }
            });
            ui.label(&s.summary);
            if s.checklist == "outreach" {
                ui.label(RichText::new(OUTREACH_NOTE).small().color(colors(ui).muted));
            }
            if let Some(pr) = practice.filter(|pr| pr.applies(s)) {
                ui.add_space(6.0);
                card(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(format!("우리 서 시책 — {}", pr.title)).family(bold()).color(colors(ui).accent));
                    ui.label(&pr.description);
                    ui.label(RichText::new("엄격히 채점합니다: 지키지 않으면 A 등급을 받을 수 없습니다.").small().color(colors(ui).muted));
                });
            }
            ui.add_space(8.0);
            section_ui(ui, "상황");
            ui.label(&s.setting);
            ui.add_space(8.0);
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                section_ui(ui, "민원인");
                let p = &s.persona;
                let age = p.age.map(|a| format!(", {a}세")).unwrap_or_default();
                ui.label(RichText::new(format!("{}{age} — {}", p.name, p.role)).family(bold()));
                ui.label(&p.description);
                if !p.wants.is_empty() {
                    ui.add_space(4.0);
                    ui.label(RichText::new(format!("이 사람이 듣고 싶은 것: {}", p.wants)).color(colors(ui).accent));
                }
            });
            ui.add_space(8.0);
            if !s.goals.is_empty() {
                section_ui(ui, "이번 훈련의 목표");
                for g in &s.goals {
                    ui.label(format!("· {g}"));
                }
            }
            ui.add_space(8.0);
            section_ui(ui, "기억할 것");
            ui.label("· 먼저 일어나 인사하고(90도 인사), 자리를 권하십시오. 버튼으로 동작을 보일 수 있습니다.");
            ui.label("· 끝까지 듣고, 감정을 먼저 알아준 뒤 절차를 설명하십시오. 결과는 약속하지 않습니다.");
            ui.label("· 욕설이 계속되면: 정중한 중단 요청 → 녹음 고지 → 법적 경고 → 종료·인계, 이 순서를 지킵니다.");
            ui.label(format!("· 응답은 {}번까지입니다. 마치면 '상담 종료'를 누르십시오 (끝내기 전에 한 번 더 묻습니다).", s.max_turns));
            if mode == Mode::Assessment {
                ui.label("· 평가 모드: 대화가 끝날 때까지 단계·기분·힌트·판정을 보여 주지 않습니다.");
            }
        });
    });
    action
}
