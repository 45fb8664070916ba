//! The scorecard: total, grade and outcome, a bar per phase, every item with its evidence or a
//! model phrase, violations with the words that cost points, the top tips.

use egui::{RichText, Ui};

use super::Action;
use super::roleplay::circled;
use super::style::{bold, colors};
use super::widgets::{bar_ui, card, chip_row_ui, chip_ui, primary_button, section_ui};
use crate::analysis::Target;
use crate::engine::Session;
use crate::model::EndingKind;
use crate::practice::Practice;
use crate::scoring::{Scorecard, score_with};

pub struct ScorecardView {
    pub card: Scorecard,
    /// The conversation, for review.
    transcript: Vec<ReviewLine>,
    /// The ladder rungs climbed in order, when the complainant was abusive and no step was
    /// out of order: confirmed on the scorecard.
    ladder_kept: Vec<String>,
    /// Shown once already: the first frame starts at the top.
    shown: bool,
    /// A record from the history: no retry, back to the history.
    read_only: bool,
    /// The scenario's id (for a dispute).
    scenario: String,
    /// A practice scorecard: each turn has a 이의 button.
    disputable: bool,
    /// The turn whose dispute form is open, and what the trainee wrote in it.
    disputing: Option<(usize, String)>,
}

/// One line of the conversation review: who, what (actions by their button names), and for a
/// trainee turn what it earned (○) and what it cost (×).
struct ReviewLine {
    who: String,
    text: String,
    good: Vec<String>,
    bad: Vec<String>,
    /// A trainee turn as a transcript line (`[bow] 안녕하십니까`), what a dispute quotes.
    turn: Option<String>,
}

impl ScorecardView {
    pub fn new(session: &Session, practice: Option<&Practice>) -> ScorecardView {
        let checklist = session.checklist();
        let name = session.scenario().persona.name.clone();
        let line = |who: &str, text: &str| ReviewLine {
            who: who.to_owned(),
            text: text.to_owned(),
            good: Vec::new(),
            bad: Vec::new(),
            turn: None,
        };
        let mut transcript = vec![line(&name, &session.opening().text)];
        for t in session.turns() {
            let mut text: Vec<String> = t
                .turn
                .actions
                .iter()
                .map(|a| format!("[{}]", a.label()))
                .collect();
            if !t.turn.text.is_empty() {
                text.push(t.turn.text.clone());
            }
            let mut review = line(&format!("{} 조사관", t.number), &text.join(" "));
            review.turn = Some(t.turn.to_line());
            for h in &t.analysis.hits {
                match h.target {
                    Target::Item(i) => review.good.push(checklist.items[i].title.clone()),
                    Target::Violation(v) => review.bad.push(checklist.violations[v].title.clone()),
                    _ => {}
                }
            }
            for r in &t.rungs {
                if let Some(step) = checklist.step(*r) {
                    review.good.push(step.title.clone());
                }
            }
            for f in &t.ladder_faults {
                review.bad.push(f.describe(checklist));
            }
            review.good.dedup();
            transcript.push(review);
            transcript.push(line(&name, &t.reply.text));
        }
        if let Some(r) = session.closing_reply() {
            transcript.push(line(&name, &r.text));
        }
        let faults = session.turns().iter().any(|t| !t.ladder_faults.is_empty());
        let ladder_kept = if session.abused() && !faults {
            session
                .climbed()
                .iter()
                .filter_map(|r| checklist.step(*r).map(|s| s.title.clone()))
                .collect()
        } else {
            Vec::new()
        };
        ScorecardView {
            card: score_with(session, practice),
            transcript,
            ladder_kept,
            shown: false,
            read_only: false,
            scenario: session.scenario().id.clone(),
            disputable: false,
            disputing: None,
        }
    }

    /// Each turn of the review gets a 이의 button (a practice scorecard).
    pub fn with_disputes(mut self, on: bool) -> ScorecardView {
        self.disputable = on && !self.read_only;
        self
    }

    /// A finished record's scorecard and conversation, read-only; `None` for a record without
    /// a scorecard (abandoned).
    pub fn from_record(
        record: &crate::records::Record,
        checklist: Option<&crate::model::Checklist>,
    ) -> Option<ScorecardView> {
        let card = record.end.scorecard.clone()?;
        let title = |id: &str| -> String {
            checklist
                .and_then(|c| {
                    Some(match Target::of_id(c, id)? {
                        Target::Item(i) => c.items[i].title.clone(),
                        Target::Violation(v) => c.violations[v].title.clone(),
                        Target::Rung(r) => c.step(r)?.title.clone(),
                        Target::Fact(_) => return None,
                    })
                })
                .unwrap_or_else(|| id.to_owned())
        };
        let mut transcript = vec![ReviewLine {
            who: "민원인".to_owned(),
            text: record.header.opening.clone(),
            good: Vec::new(),
            bad: Vec::new(),
            turn: None,
        }];
        for t in &record.turns {
            let mut text: Vec<String> = t
                .actions
                .iter()
                .map(|a| {
                    crate::model::Action::from_id(a)
                        .map_or(format!("[{a}]"), |a| format!("[{}]", a.label()))
                })
                .collect();
            if !t.text.is_empty() {
                text.push(t.text.clone());
            }
            transcript.push(ReviewLine {
                who: format!("{} 조사관", t.number),
                text: text.join(" "),
                good: t.items.iter().chain(&t.rungs).map(|id| title(id)).collect(),
                bad: t.violations.iter().map(|id| title(id)).collect(),
                turn: None,
            });
            transcript.push(ReviewLine {
                who: "민원인".to_owned(),
                text: t.reply.clone(),
                good: Vec::new(),
                bad: Vec::new(),
                turn: None,
            });
        }
        Some(ScorecardView {
            card,
            transcript,
            ladder_kept: Vec::new(),
            shown: false,
            read_only: true,
            scenario: record.header.scenario.clone(),
            disputable: false,
            disputing: None,
        })
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            action = Some(if self.read_only {
                Action::OpenHistory(None)
            } else {
                Action::BackToLibrary
            });
        }
        egui::Panel::bottom("scorecard-buttons").show(ui, |ui| {
            ui.add_space(6.0);
            if self.read_only {
                if ui.button("← 기록").on_hover_text("Esc").clicked() {
                    action = Some(Action::OpenHistory(None));
                }
                ui.add_space(6.0);
                return;
            }
            ui.horizontal(|ui| {
                if ui.button("← 시나리오 목록").on_hover_text("Esc").clicked() {
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
        let first = !std::mem::replace(&mut self.shown, true);
        egui::CentralPanel::default().show(ui, |ui| {
            let mut area = egui::ScrollArea::vertical()
                .id_salt("scorecard-scroll")
                .auto_shrink([false, false]);
            if first {
                // Every scorecard opens at its total, not where the last one was left.
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                self.summary_ui(ui);
                self.practice_ui(ui);
                ui.add_space(8.0);
                self.tips_ui(ui);
                ui.add_space(8.0);
                self.items_ui(ui);
                ui.add_space(8.0);
                self.penalties_ui(ui);
                self.facts_ui(ui);
                ui.add_space(8.0);
                if let Some(a) = self.review_ui(ui) {
                    action = Some(a);
                }
            });
        });
        action
    }

    /// The station's signature practice, first after the total: kept or not, and why.
    fn practice_ui(&self, ui: &mut Ui) {
        let Some(r) = self.card.practice.as_ref().filter(|r| r.applicable) else {
            return;
        };
        let p = colors(ui);
        ui.add_space(6.0);
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            let (mark, color) = if r.kept {
                ("○", p.good)
            } else {
                ("×", p.bad)
            };
            ui.label(
                RichText::new(format!("{mark} 우리 서 시책: {}", r.title))
                    .family(bold())
                    .color(color),
            );
            ui.label(&r.why);
            if !r.kept {
                ui.label(
                    RichText::new("시책을 지키지 않으면 A 등급을 받을 수 없습니다 (최고 89점).")
                        .small()
                        .color(p.muted),
                );
            }
        });
    }

    fn review_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        let header = egui::CollapsingHeader::new("대화 다시 보기");
        let header = if self.disputable {
            header.default_open(true)
        } else {
            header
        };
        header.show(ui, |ui| {
            let p = colors(ui);
            if self.disputable {
                ui.label(
                    RichText::new(
                        "판정이 틀렸다고 생각하면 그 응답의 '이의'를 눌러 교관에게 알려 주십시오.",
                    )
                    .small()
                    .color(p.muted),
                );
            }
            for (i, line) in self.transcript.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&line.who).small().color(p.muted));
                    ui.label(&line.text);
                    if self.disputable
                        && line.turn.is_some()
                        && self.disputing.as_ref().is_none_or(|(j, _)| *j != i)
                    {
                        let b = ui
                            .push_id(("dispute", i), |ui| ui.small_button("이의"))
                            .inner
                            .on_hover_text("이 응답의 판정에 동의하지 않습니다");
                        b.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("{} 이의", line.who),
                            )
                        });
                        if b.clicked() {
                            self.disputing = Some((i, String::new()));
                        }
                    }
                });
                if let Some((j, why)) = &mut self.disputing
                    && *j == i
                {
                    let mut send = false;
                    let mut cancel = false;
                    ui.horizontal(|ui| {
                        ui.add_space(24.0);
                        let label = ui.label("어떻게 판정되어야 했나요?");
                        ui.add(
                            egui::TextEdit::singleline(why)
                                .hint_text("예: 공감한 말인데 인정되지 않았습니다")
                                .desired_width(280.0),
                        )
                        .labelled_by(label.id);
                        send = ui.button("교관에게 보내기").clicked();
                        cancel = ui.small_button("취소").clicked();
                    });
                    if send {
                        let said = if line.good.is_empty() && line.bad.is_empty() {
                            "찾은 것 없음".to_owned()
                        } else {
                            format!("○ {} / × {}", line.good.join(", "), line.bad.join(", "))
                        };
                        action = Some(Action::Dispute(crate::authoring::phrase::Dispute {
                            scenario: self.scenario.clone(),
                            turn_text: line.turn.clone().unwrap_or_default(),
                            analyser_said: said,
                            expected: why.trim().to_owned(),
                            when: String::new(),
                            trainee: String::new(),
                        }));
                    }
                    if send || cancel {
                        self.disputing = None;
                        break;
                    }
                }
                if !line.good.is_empty() || !line.bad.is_empty() {
                    chip_row_ui(ui, |ui| {
                        ui.add_space(24.0);
                        for g in &line.good {
                            chip_ui(ui, &format!("○ {g}"), p.good);
                        }
                        for b in &line.bad {
                            chip_ui(ui, &format!("× {b}"), p.bad);
                        }
                    });
                }
            }
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
                            .size(super::style::rel(ui, 2.6))
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
                    ui.label(RichText::new(grade_scale()).small().color(p.muted))
                        .on_hover_text("등급은 총점으로 정합니다");
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
                                let h = ui.text_style_height(&egui::TextStyle::Small);
                                bar_ui(ui, ph.score as f32, bar_width, h, color);
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
        if !self.ladder_kept.is_empty() {
            let steps: Vec<String> = self
                .ladder_kept
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{} {t}", circled(i + 1)))
                .collect();
            ui.label(
                RichText::new(format!(
                    "○ 특이민원 대응 단계를 순서대로 지켰습니다: {}",
                    steps.join(" → ")
                ))
                .color(colors(ui).good),
            );
        }
        if c.violations.is_empty() && c.ladder.is_empty() {
            // Calm over a real conversation is praise; over two answers it is only a fact.
            let short = c.turn_count < 4;
            let text = if short {
                format!(
                    "감점 없음 — 다만 응답이 {}번뿐이라 평정을 가늠하기에는 짧았습니다.",
                    c.turn_count
                )
            } else {
                "감점 없음 — 끝까지 평정을 지켰습니다.".to_owned()
            };
            let color = if short {
                colors(ui).muted
            } else {
                colors(ui).good
            };
            ui.label(RichText::new(text).color(color));
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
            // After the session, a missed fact is named: what asking would have brought out.
            let (text, color) = if f.disclosed {
                (format!("● {}", f.title), p.good)
            } else {
                (
                    format!("○ {} (듣지 못함 — 물었으면 알 수 있었던 사실)", f.title),
                    p.muted,
                )
            };
            ui.label(RichText::new(text).color(color));
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

/// The grade scale in one line: `A 90↑ · B 80↑ · …`.
fn grade_scale() -> String {
    crate::scoring::Grade::ALL
        .iter()
        .map(|g| match g.min_total() {
            0 => format!("{} {}", g.letter(), g.label()),
            m => format!("{} {} {m}↑", g.letter(), g.label()),
        })
        .collect::<Vec<_>>()
        .join(" · ")
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
