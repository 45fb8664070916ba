//! The scorecard: total, grade and outcome, a bar per phase, every item with its evidence or a
//! model phrase, violations with the words that cost points, the top tips.

use egui::{RichText, Ui};

use super::Action;
use super::style::{bold, colors};
use super::widgets::{card, primary_button, section_ui};
use crate::engine::Session;
use crate::model::EndingKind;
use crate::scoring::{Scorecard, score};

pub struct ScorecardView {
    pub card: Scorecard,
    /// The conversation, for review.
    transcript: Vec<(String, String)>,
}

impl ScorecardView {
    pub fn new(session: &Session) -> ScorecardView {
        let name = session.scenario().persona.name.clone();
        let mut transcript = vec![(name.clone(), session.opening().text.clone())];
        for t in session.turns() {
            transcript.push((format!("{} 조사관", t.number), t.turn.to_line()));
            transcript.push((name.clone(), t.reply.text.clone()));
        }
        if let Some(r) = session.closing_reply() {
            transcript.push((name, r.text.clone()));
        }
        ScorecardView {
            card: score(session),
            transcript,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        egui::Panel::bottom("scorecard-buttons").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("← 시나리오 목록").clicked() {
                    action = Some(Action::BackToLibrary);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if primary_button(ui, "다시 하기").clicked() {
                        action = Some(Action::Retry);
                    }
                    ui.label(
                        RichText::new("같은 민원인이 다른 말로 시작합니다")
                            .small()
                            .color(colors(ui).muted),
                    );
                });
            });
            ui.add_space(6.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scorecard-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.summary_ui(ui);
                    ui.add_space(8.0);
                    self.tips_ui(ui);
                    ui.add_space(8.0);
                    self.items_ui(ui);
                    ui.add_space(8.0);
                    self.penalties_ui(ui);
                    self.facts_ui(ui);
                    ui.add_space(8.0);
                    egui::CollapsingHeader::new("대화 다시 보기").show(ui, |ui| {
                        for (who, text) in &self.transcript {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(RichText::new(who).small().color(colors(ui).muted));
                                ui.label(text);
                            });
                        }
                    });
                });
        });
        action
    }

    fn summary_ui(&self, ui: &mut Ui) {
        let c = &self.card;
        let p = colors(ui);
        ui.heading(format!("점수표 — {}", c.title));
        ui.horizontal_top(|ui| {
            card(ui, |ui| {
                ui.set_width(140.0);
                ui.with_layout(egui::Layout::top_down(egui::Align::Center), |ui| {
                    ui.label(
                        RichText::new(format!("{}", c.total))
                            .family(bold())
                            .size(44.0)
                            .color(p.accent),
                    );
                    ui.label("/ 100");
                    ui.label(
                        RichText::new(format!("{} · {}", c.grade, c.grade_label)).family(bold()),
                    );
                    ui.label(
                        RichText::new(format!("응답 {}번", c.turn_count))
                            .small()
                            .color(p.muted),
                    );
                });
            });
            ui.vertical(|ui| {
                let outcome_color = if c.outcome == EndingKind::Resolved {
                    p.good
                } else {
                    p.warn
                };
                ui.label(
                    RichText::new(format!("결과: {}", c.outcome_label))
                        .family(bold())
                        .color(outcome_color),
                );
                if !c.outcome_summary.is_empty() {
                    ui.label(&c.outcome_summary);
                }
                self.breakdown_ui(ui);
                ui.add_space(4.0);
                let bar_width = (ui.available_width() - 70.0).clamp(120.0, 420.0);
                egui::Grid::new("phase-bars")
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        for ph in &c.phases {
                            ui.label(&ph.label);
                            let color = if ph.score >= 0.8 {
                                p.good
                            } else if ph.score >= 0.5 {
                                p.warn
                            } else {
                                p.bad
                            };
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::ProgressBar::new(ph.score as f32)
                                        .desired_width(bar_width)
                                        .fill(color),
                                );
                                ui.label(
                                    RichText::new(format!("{:.0}%", ph.score * 100.0)).small(),
                                );
                            });
                            ui.end_row();
                        }
                    });
            });
        });
    }

    /// How the total was reached, in whole points that visibly add up: the same numbers as
    /// `minwon score` prints ([`Scorecard::breakdown`]).
    fn breakdown_ui(&self, ui: &mut Ui) {
        let c = &self.card;
        let b = c.breakdown();
        let p = colors(ui);
        ui.add_space(2.0);
        egui::Grid::new("score-breakdown")
            .num_columns(3)
            .spacing([12.0, 4.0])
            .min_row_height(18.0)
            .show(ui, |ui| {
                let row = |ui: &mut Ui, what: &str, how: String, points: String, color, hover| {
                    ui.label(RichText::new(what).small())
                        .on_hover_text(hover);
                    ui.label(RichText::new(how).small().color(p.muted));
                    // A narrow right-aligned column, so the numbers line up like a sum.
                    ui.allocate_ui_with_layout(
                        egui::vec2(64.0, 18.0),
                        egui::Layout::right_to_left(egui::Align::Center),
                        |ui| ui.label(RichText::new(points).family(bold()).color(color)),
                    );
                    ui.end_row();
                };
                let text = ui.visuals().text_color();
                row(
                    ui,
                    "체크리스트 항목",
                    format!("{:.0}점의 {}%", c.item_points, b.items_percent),
                    format!("+{}", b.items),
                    text,
                    "아래 체크리스트에서 해낸 항목의 점수 비율",
                );
                row(
                    ui,
                    "대화 깊이",
                    format!("{:.0}점의 {}%", c.depth_points, b.depth_percent),
                    format!("+{}", b.depth),
                    text,
                    "사실을 얼마나 들었는지, 대화가 어디까지 나아갔는지, 설명보다 공감이 먼저였는지, 끝날 때 민원인의 기분",
                );
                let how = if b.penalty_points == 0 {
                    "벌점 없음".to_owned()
                } else {
                    format!("벌점 {}점 중 {}%", b.penalty_points, b.penalty_percent)
                };
                row(
                    ui,
                    "감점",
                    how,
                    if b.deducted == 0 {
                        "0".to_owned()
                    } else {
                        format!("−{}", b.deducted)
                    },
                    if b.deducted > 0 { p.bad } else { text },
                    "위반·대응 단계 잘못·결과에 따른 벌점: 일부는 늘 빠지고, 나머지는 얻은 점수에 비례해 빠집니다",
                );
                if let Some(cap) = b.capped_at {
                    row(
                        ui,
                        "결과 상한",
                        format!("{}: {} → 최고 {cap}점", c.outcome_label, b.before_limits),
                        format!("→ {cap}"),
                        p.warn,
                        "대화가 이렇게 끝나면 총점이 이 점수를 넘지 않습니다",
                    );
                } else if b.floored {
                    row(
                        ui,
                        "최저 점수",
                        format!("{} → 0점 아래로는 내려가지 않음", b.before_limits),
                        "→ 0".to_owned(),
                        p.warn,
                        "총점은 0점 아래로 내려가지 않습니다",
                    );
                }
                row(
                    ui,
                    "총점",
                    String::new(),
                    format!("= {}점", b.total),
                    p.accent,
                    "위 점수를 더하고 뺀 결과",
                );
            });
        ui.add_space(4.0);
    }

    fn tips_ui(&self, ui: &mut Ui) {
        if self.card.tips.is_empty() {
            return;
        }
        section_ui(ui, "다음에 이렇게 해 보십시오");
        for (i, t) in self.card.tips.iter().enumerate() {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("{}. {}", i + 1, t.title)).family(bold()));
                ui.label(&t.advice);
                if !t.phrase.is_empty() {
                    ui.label(
                        RichText::new(format!("예: \"{}\"", t.phrase)).color(colors(ui).accent),
                    );
                }
            });
        }
    }

    fn items_ui(&self, ui: &mut Ui) {
        section_ui(ui, "체크리스트");
        let p = colors(ui);
        for item in &self.card.items {
            ui.horizontal_wrapped(|ui| {
                let (mark, color) = if !item.applicable {
                    ("－", p.muted)
                } else if item.met {
                    ("○", p.good)
                } else {
                    ("×", p.bad)
                };
                ui.label(RichText::new(mark).family(bold()).color(color));
                ui.label(RichText::new(&item.title).family(bold()));
                ui.label(
                    RichText::new(format!("({}점)", item.weight))
                        .small()
                        .color(p.muted),
                );
                let detail = match (&item.evidence, &item.mistimed) {
                    _ if !item.applicable => "이번 대화에는 해당 없음".to_owned(),
                    (Some(e), _) => format!("{}번째 응답: {}", e.turn, quoted(&e.text)),
                    (None, Some(e)) => format!(
                        "때가 맞지 않음 ({}번째) — 예: \"{}\"",
                        e.turn, item.model_phrase
                    ),
                    (None, None) => format!("놓침 — 예: \"{}\"", item.model_phrase),
                };
                ui.label(RichText::new(detail).color(if item.met {
                    ui.visuals().text_color()
                } else {
                    p.muted
                }));
            });
        }
    }

    fn penalties_ui(&self, ui: &mut Ui) {
        let c = &self.card;
        if c.violations.is_empty() && c.ladder.is_empty() {
            ui.label(RichText::new("감점 없음 — 끝까지 평정을 지켰습니다.").color(colors(ui).good));
            return;
        }
        section_ui(ui, "감점");
        for v in &c.violations {
            penalty_row_ui(ui, v.penalty, &v.title, v.turn, &v.text);
        }
        for l in &c.ladder {
            penalty_row_ui(ui, l.penalty, &l.problem, l.turn, &l.text);
        }
    }

    fn facts_ui(&self, ui: &mut Ui) {
        let facts = &self.card.facts;
        if facts.is_empty() {
            return;
        }
        ui.add_space(8.0);
        let found = facts.iter().filter(|f| f.disclosed).count();
        section_ui(ui, &format!("파악한 사실 {found}/{}", facts.len()));
        let p = colors(ui);
        for f in facts {
            let (mark, color) = if f.disclosed {
                ("●", p.good)
            } else {
                ("○", p.muted)
            };
            let title = if f.disclosed {
                f.title.clone()
            } else {
                "묻지 않았거나 신뢰가 부족해 듣지 못한 사실".to_owned()
            };
            ui.label(RichText::new(format!("{mark} {title}")).color(color));
        }
    }
}

/// One line of the penalties: points, what, which turn, the words.
fn penalty_row_ui(ui: &mut Ui, penalty: u32, what: &str, turn: u32, text: &str) {
    let bad = colors(ui).bad;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("−{penalty}"))
                .color(bad)
                .family(bold()),
        );
        ui.label(format!("{what} ({turn}번째 응답):"));
        ui.label(RichText::new(format!("\"{text}\"")).italics());
    });
}

/// A quotation; an action token (`[bow]`) shows as the button the trainee pressed.
fn quoted(text: &str) -> String {
    let action = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .and_then(crate::model::Action::from_id);
    match action {
        Some(a) => format!("[{}] 동작", a.label()),
        None => format!("\"{text}\""),
    }
}
