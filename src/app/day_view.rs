//! A 일일열사 day: ten short resident conversations in a row. Before each, who is next; after
//! each, the card the resident filled in and the ledger entry the trainee writes from it, scored
//! against what the resident asked; at the end, "오늘 만난 주민 n/10", the day's ledger and a CSV
//! export.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::Action;
use super::roleplay::Roleplay;
use super::settings::Mode;
use super::style::{bold, colors};
use super::widgets::{card, primary_button, section_ui};
use crate::model::{RequestKind, TimeBand};
use crate::outreach::{Card, Day, LedgerEntry};

/// What the day's screen shows now.
pub enum Phase {
    /// Who the next resident is.
    Next,
    /// The conversation with a resident.
    Visit(Box<Roleplay>),
    /// The resident's card and the ledger form, as the trainee fills it in.
    Ledger(Box<LedgerEntry>),
    /// The marks of the entry just written.
    Marked,
    /// The end of the day.
    Summary,
}

/// The entry as submitted: the form's texts without the spaces typed around them.
fn trimmed(form: &LedgerEntry) -> LedgerEntry {
    LedgerEntry {
        place: form.place.trim().to_owned(),
        content: form.content.trim().to_owned(),
        plan: form.plan.trim().to_owned(),
        ..form.clone()
    }
}

/// What the day's screen asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum DayAction {
    /// Meet the next resident.
    Meet,
    /// Write this entry in the ledger for the visit just finished.
    Submit(LedgerEntry),
    /// On to the next resident (or the summary when the day is done).
    Next,
    /// End the day now, with the residents met so far.
    EndDay,
    /// Write the day's ledger as CSV.
    Export,
}

pub struct DayView {
    pub day: Day,
    pub phase: Phase,
    pub mode: Mode,
    /// Where the last export went, or why it failed.
    pub exported: Option<Result<PathBuf, String>>,
}

impl DayView {
    pub fn new(day: Day, mode: Mode) -> DayView {
        DayView {
            day,
            phase: Phase::Next,
            mode,
            exported: None,
        }
    }

    /// The conversation on screen.
    pub fn roleplay(&self) -> Option<&Roleplay> {
        match &self.phase {
            Phase::Visit(r) => Some(r),
            _ => None,
        }
    }

    pub fn roleplay_mut(&mut self) -> Option<&mut Roleplay> {
        match &mut self.phase {
            Phase::Visit(r) => Some(r),
            _ => None,
        }
    }

    /// Starts the conversation with the next resident.
    pub fn meet(&mut self) -> Result<(), String> {
        self.day.start_next().map_err(|e| e.to_string())?;
        let session = self.day.take_current().ok_or("방문을 시작할 수 없습니다")?;
        let practice = self.day.practice().cloned();
        self.phase = Phase::Visit(Box::new(
            Roleplay::new(session, self.mode)
                .with_practice(practice)
                .with_finish_label("카드 받기"),
        ));
        Ok(())
    }

    /// Ends the conversation on screen and shows the card and the ledger form.
    pub fn end_visit(&mut self) -> Result<(), String> {
        let Phase::Visit(mut roleplay) = std::mem::replace(&mut self.phase, Phase::Next) else {
            return Ok(());
        };
        roleplay.finish();
        if let Err(session) = self.day.restore_current(roleplay.into_session()) {
            // Cannot happen: the session came from this day. Keep it on screen rather than lose it.
            self.phase = Phase::Visit(Box::new(Roleplay::new(*session, self.mode)));
            return Err("이 방문을 장부로 넘길 수 없습니다".into());
        }
        self.phase = Phase::Ledger(Box::default());
        Ok(())
    }

    pub fn submit(&mut self, entry: LedgerEntry) -> Result<(), String> {
        self.day.submit(entry).map_err(|e| e.to_string())?;
        self.phase = Phase::Marked;
        Ok(())
    }

    pub fn next(&mut self) {
        self.phase = if self.day.is_over() {
            Phase::Summary
        } else {
            Phase::Next
        };
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        if let Phase::Visit(roleplay) = &mut self.phase {
            return roleplay.ui(ui);
        }
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("day-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let met = self.day.met();
                    if matches!(self.phase, Phase::Summary) {
                        ui.heading("일일열사 — 하루 정리");
                    } else {
                        ui.heading(format!("일일열사 — 오늘 만난 주민 {met}/10"));
                    }
                    ui.label(
                        RichText::new(super::briefing::OUTREACH_NOTE)
                            .small()
                            .color(colors(ui).muted),
                    );
                    ui.add_space(8.0);
                    match &mut self.phase {
                        Phase::Next => next_ui(ui, &self.day, &mut actions),
                        Phase::Ledger(form) => {
                            if let Some(card) = self.day.card() {
                                ledger_ui(ui, &card, form, &mut actions);
                            }
                        }
                        Phase::Marked => marked_ui(ui, &self.day, &mut actions),
                        Phase::Summary => summary_ui(ui, &self.day, &self.exported, &mut actions),
                        Phase::Visit(_) => {}
                    }
                });
        });
        actions
    }
}

fn next_ui(ui: &mut Ui, day: &Day, actions: &mut Vec<Action>) {
    let Some(s) = day.resident() else {
        actions.push(Action::Day(DayAction::Next));
        return;
    };
    section_ui(ui, &format!("{}번째 주민", day.met() + 1));
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        let p = &s.persona;
        let age = p.age.map(|a| format!(", {a}세")).unwrap_or_default();
        ui.label(RichText::new(format!("{}{age} — {}", p.name, p.role)).family(bold()));
        ui.label(&s.setting);
    });
    if let Some(pr) = day.practice().filter(|pr| pr.applies(s)) {
        ui.label(
            RichText::new(pr.briefing())
                .small()
                .color(colors(ui).accent),
        );
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if primary_button(ui, "만나러 가기 ▶").clicked() {
            actions.push(Action::Day(DayAction::Meet));
        }
        if day.met() > 0 && ui.button("오늘은 여기까지").clicked() {
            actions.push(Action::Day(DayAction::EndDay));
        }
    });
}

/// The card as the resident wrote it, beside the ledger form the trainee fills in from it.
fn ledger_ui(ui: &mut Ui, card_: &Card, form: &mut LedgerEntry, actions: &mut Vec<Action>) {
    let p = colors(ui);
    section_ui(ui, &format!("{}의 요청 카드", card_.resident));
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        if !card_.written {
            ui.label(RichText::new("주민이 카드를 쓰지 않고 돌아섰습니다.").color(p.bad));
            return;
        }
        let blank = "(비어 있음 — 대화에서 듣지 못했습니다)";
        ui.label(format!("장소: {}", card_.place.as_deref().unwrap_or(blank)));
        ui.label(format!(
            "시간대: {}",
            card_.time.map_or(blank, TimeBand::label)
        ));
        ui.label(format!("내용: {}", card_.content));
        for d in &card_.details {
            ui.label(RichText::new(format!("· {d}")).small());
        }
        if let Some(c) = card_.contact {
            ui.label(format!("연락 희망: {}", if c { "예" } else { "아니오" }));
        }
        if card_.missing > 0 {
            ui.label(
                RichText::new(format!("듣지 못한 사정 {}가지", card_.missing))
                    .small()
                    .color(p.muted),
            );
        }
    });
    ui.add_space(8.0);
    section_ui(ui, "지구대 장부에 적기");
    egui::Grid::new("ledger-form")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("요청 유형");
            egui::ComboBox::from_id_salt("ledger-kind")
                .selected_text(form.kind.map_or("고르십시오", RequestKind::label))
                .show_ui(ui, |ui| {
                    for k in RequestKind::ALL {
                        ui.selectable_value(&mut form.kind, Some(k), k.label());
                    }
                });
            ui.end_row();
            let l = ui.label("장소");
            ui.add(egui::TextEdit::singleline(&mut form.place).desired_width(360.0))
                .labelled_by(l.id);
            ui.end_row();
            ui.label("시간대");
            egui::ComboBox::from_id_salt("ledger-time")
                .selected_text(form.time.map_or("고르십시오", TimeBand::label))
                .show_ui(ui, |ui| {
                    for t in TimeBand::ALL {
                        ui.selectable_value(&mut form.time, Some(t), t.label());
                    }
                });
            ui.end_row();
            let l = ui.label("내용");
            ui.add(
                egui::TextEdit::multiline(&mut form.content)
                    .desired_rows(2)
                    .desired_width(360.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            ui.label("연락 희망");
            ui.horizontal(|ui| {
                ui.radio_value(&mut form.contact, Some(true), "예");
                ui.radio_value(&mut form.contact, Some(false), "아니오");
            });
            ui.end_row();
            let l = ui.label("조치 계획");
            ui.add(
                egui::TextEdit::multiline(&mut form.plan)
                    .hint_text("예: 야간 순찰 경로에 반영하고 결과를 전화로 알려 드리겠습니다")
                    .desired_rows(2)
                    .desired_width(360.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    ui.label(
        RichText::new(
            "조치 계획에는 할 노력을 적고, 결과(범죄가 없어진다 등)는 약속하지 않습니다.",
        )
        .small()
        .color(p.muted),
    );
    ui.add_space(6.0);
    if primary_button(ui, "장부에 적기").clicked() {
        actions.push(Action::Day(DayAction::Submit(trimmed(form))));
    }
}

fn marked_ui(ui: &mut Ui, day: &Day, actions: &mut Vec<Action>) {
    let Some(v) = day.visits().last() else {
        return;
    };
    let p = colors(ui);
    section_ui(
        ui,
        &format!(
            "{} — 장부 {}점 · 대화 {}점 ({})",
            v.resident, v.ledger.total, v.scorecard.total, v.scorecard.grade
        ),
    );
    for m in &v.ledger.marks {
        let (mark, color) = if m.full() {
            ("○", p.good)
        } else {
            ("×", p.bad)
        };
        ui.label(
            RichText::new(format!(
                "{mark} {} {}/{} — {}",
                m.field.label(),
                m.points,
                m.max,
                m.reason
            ))
            .color(color),
        );
    }
    if let Some(pr) = v.scorecard.practice.as_ref().filter(|r| r.applicable) {
        let (mark, color) = if pr.kept {
            ("○", p.good)
        } else {
            ("×", p.bad)
        };
        ui.label(
            RichText::new(format!("{mark} 우리 서 시책: {} — {}", pr.title, pr.why)).color(color),
        );
    }
    for t in v.scorecard.tips.iter().take(2) {
        ui.label(RichText::new(format!("· {}: {}", t.title, t.advice)).small());
    }
    ui.add_space(8.0);
    let label = if day.resident().is_some() {
        "다음 주민 ▶"
    } else {
        "오늘 하루 정리"
    };
    if primary_button(ui, label).clicked() {
        actions.push(Action::Day(DayAction::Next));
    }
}

fn summary_ui(
    ui: &mut Ui,
    day: &Day,
    exported: &Option<Result<PathBuf, String>>,
    actions: &mut Vec<Action>,
) {
    let s = day.summary();
    let p = colors(ui);
    section_ui(ui, &s.headline);
    if s.planned < s.target {
        ui.label(
            RichText::new(format!(
                "이 PC의 일일열사 시나리오에는 주민이 {}명뿐입니다.",
                s.planned
            ))
            .small()
            .color(p.muted),
        );
    }
    if let Some(avg) = s.ledger_average {
        ui.label(format!("장부 평균 {avg:.0}점"));
    }
    if let Some(avg) = s.conversation_average {
        ui.label(format!("대화 평균 {avg:.0}점"));
    }
    if let Some(a) = &s.practice {
        ui.label(format!("우리 서 시책: {}", a.label()));
    }
    ui.add_space(6.0);
    section_ui(ui, "오늘의 장부");
    egui::Grid::new("day-ledger")
        .striped(true)
        .num_columns(7)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for h in ["#", "주민", "유형", "장소", "시간대", "조치 계획", "점수"] {
                ui.label(RichText::new(h).family(bold()));
            }
            ui.end_row();
            for r in &s.rows {
                ui.label(r.number.to_string());
                ui.label(&r.resident);
                ui.label(&r.kind);
                ui.label(&r.place);
                ui.label(&r.time);
                ui.add(egui::Label::new(&r.plan).wrap());
                ui.label(format!("{} / {}", r.ledger_score, r.conversation_score));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("장부 내보내기 (CSV)").clicked() {
            actions.push(Action::Day(DayAction::Export));
        }
        if primary_button(ui, "시나리오 목록으로").clicked() {
            actions.push(Action::BackToLibrary);
        }
    });
    match exported {
        Some(Ok(path)) => {
            ui.label(RichText::new(format!("저장했습니다: {}", path.display())).color(p.good));
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(p.bad));
        }
        None => {}
    }
}
