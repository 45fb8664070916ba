//! The role-play: the conversation, the complainant's persona and mood, action buttons and a
//! multi-line input where Enter sends and Shift+Enter makes a new line. A syllable still being
//! composed by the Korean IME when Enter is pressed is committed into the message exactly once.

use egui::{
    Align, Color32, CornerRadius, Event, Frame, ImeEvent, Key, KeyboardShortcut, Layout, Margin,
    Modifiers, RichText, Ui,
};

use super::Action;
use super::settings::Mode;
use super::style::{bold, colors};
use super::widgets::{card, chip_row_ui, chip_ui, clock, meter_ui, primary_button, section_ui};
use crate::analysis::Target;
use crate::engine::{Missing, Reply, Session, TurnRecord};
use crate::model::{self, Band, TraineeTurn};
use crate::practice::{Practice, PracticeStatus};

/// Seconds without an answer after which practice mode offers a hint.
pub const STUCK_AFTER: f64 = 30.0;

/// The id of the answer box (tests focus it).
pub fn input_id() -> egui::Id {
    egui::Id::unique("minwon-answer")
}

pub struct Roleplay {
    session: Session,
    mode: Mode,
    input: String,
    /// Buttons pressed for the next turn.
    pending: Vec<model::Action>,
    /// The IME is composing a syllable.
    composing: bool,
    /// Enter was pressed while composing: send once the syllable is committed.
    send_after_commit: bool,
    /// egui time when the complainant last spoke.
    waiting_since: Option<f64>,
    started_at: Option<f64>,
    /// Total seconds when the session ended.
    finished_after: Option<f64>,
    show_hint: bool,
    /// Messages shown last frame, to scroll to a new one.
    shown_messages: Option<usize>,
    follow_frames: u8,
    /// Laid-out height of each message, for the width and text size in `height_key`.
    heights: Vec<f32>,
    height_key: Option<(f32, f32)>,
    /// The answer box still has to take the focus (on arrival).
    focus_input: bool,
    /// The station's signature practice, tracked live in practice mode.
    practice: Option<Practice>,
    /// The label of the button that leaves a finished conversation.
    finish_label: &'static str,
    /// The record being written turn by turn, if records are kept.
    journal: Option<crate::records::Journal>,
    /// egui time when the pause began; the clocks and the hint timer stand still meanwhile.
    paused_at: Option<f64>,
    /// Seconds spent paused so far.
    paused_for: f64,
}

impl Roleplay {
    pub fn new(session: Session, mode: Mode) -> Roleplay {
        Roleplay {
            session,
            mode,
            input: String::new(),
            pending: Vec::new(),
            composing: false,
            send_after_commit: false,
            waiting_since: None,
            started_at: None,
            finished_after: None,
            show_hint: false,
            shown_messages: None,
            follow_frames: 0,
            heights: Vec::new(),
            height_key: None,
            focus_input: true,
            practice: None,
            finish_label: "점수표 보기",
            journal: None,
            paused_at: None,
            paused_for: 0.0,
        }
    }

    /// Tracks the station's signature practice (it applies only where it can be kept).
    pub fn with_practice(mut self, practice: Option<Practice>) -> Roleplay {
        self.practice = practice.filter(|p| p.applies(self.session.scenario()));
        self
    }

    /// Names the button that leaves a finished conversation (`카드 받기` on a 일일열사 day).
    pub fn with_finish_label(mut self, label: &'static str) -> Roleplay {
        self.finish_label = label;
        self
    }

    /// Records the session turn by turn in `journal`.
    pub fn with_journal(mut self, journal: Option<crate::records::Journal>) -> Roleplay {
        self.journal = journal;
        self
    }

    /// Records the session on screen from now on (a 일일열사 visit, journaled once it began).
    pub fn set_journal(&mut self, journal: Option<crate::records::Journal>) {
        self.journal = journal;
    }

    /// The record being written.
    pub fn journal_mut(&mut self) -> Option<&mut crate::records::Journal> {
        self.journal.as_mut()
    }

    /// Takes the record out, to finish it with the scorecard.
    pub fn take_journal(&mut self) -> Option<crate::records::Journal> {
        self.journal.take()
    }

    /// The session, for the screen that comes after the conversation.
    pub fn into_session(self) -> Session {
        self.session
    }

    /// True while paused: the clocks stand still and the answer box is closed.
    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// The mode the role-play is played in.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Pauses or resumes at egui time `now`.
    fn toggle_pause(&mut self, now: f64) {
        match self.paused_at.take() {
            Some(at) => {
                self.paused_for += (now - at).max(0.0);
                self.focus_input = true;
            }
            None => self.paused_at = Some(now),
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The text in the answer box.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Ends the session if it is still going ([`Action::Finish`]).
    pub fn finish(&mut self) {
        if !self.session.is_over() {
            self.session.end_by_trainee();
        }
    }

    /// Gives the answer box the focus again (after a dialog).
    pub fn focus_answer(&mut self) {
        self.focus_input = true;
    }

    /// Plays a turn ([`Action::Say`]).
    pub fn say(&mut self, turn: TraineeTurn) {
        if turn.is_empty() || self.session.is_over() {
            return;
        }
        self.session.respond(turn);
        self.show_hint = false;
        self.waiting_since = None;
    }

    /// Takes the typed text and the pressed buttons as the next turn, if there is one.
    fn send(&mut self, ctx: &egui::Context) -> Option<TraineeTurn> {
        let text = self.input.trim().to_owned();
        let turn = TraineeTurn::with_actions(std::mem::take(&mut self.pending), text);
        if turn.is_empty() {
            return None;
        }
        self.input.clear();
        // A fresh editor state: no cursor or composition left pointing into the old text.
        egui::text_edit::TextEditState::default().store(ctx, input_id());
        Some(turn)
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        // Session time: egui time less the pauses, so clocks and the hint timer stand still.
        let raw = ui.input(|i| i.time);
        let now = raw - self.paused_for - self.paused_at.map_or(0.0, |at| raw - at);
        if self.show_hint && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.show_hint = false;
        }
        self.started_at.get_or_insert(now);
        if self.waiting_since.is_none() {
            self.waiting_since = Some(now);
        }
        if self.session.is_over() && self.finished_after.is_none() {
            self.finished_after = Some(now - self.started_at.unwrap_or(now));
        }
        let mut actions = Vec::new();
        self.top_ui(ui, now, raw, &mut actions);
        self.side_ui(ui, now);
        self.input_ui(ui, &mut actions);
        egui::CentralPanel::default().show(ui, |ui| self.chat_ui(ui));
        // Asked until it holds: a focus request in the frame a dialog closes is refused.
        if self.focus_input && !self.session.is_over() && !self.is_paused() {
            if ui.memory(|m| m.has_focus(input_id())) {
                self.focus_input = false;
            } else {
                ui.memory_mut(|m| m.request_focus(input_id()));
            }
        }
        if !self.session.is_over() && !self.is_paused() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        actions
    }

    fn top_ui(&mut self, ui: &mut Ui, now: f64, raw: f64, actions: &mut Vec<Action>) {
        let scenario = self.session.scenario().clone();
        egui::Panel::top("roleplay-top").show(ui, |ui| {
            ui.add_space(2.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(&scenario.title).family(bold()));
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if self.session.is_over() {
                        if super::widgets::primary_button(ui, self.finish_label).clicked() {
                            actions.push(Action::Finish);
                        }
                    } else {
                        if ui
                            .button("상담 종료")
                            .on_hover_text("끝내기 전에 한 번 더 묻습니다")
                            .clicked()
                        {
                            actions.push(Action::AskFinish);
                        }
                        let pause = if self.is_paused() {
                            "계속하기"
                        } else {
                            "잠시 멈춤"
                        };
                        if ui
                            .button(pause)
                            .on_hover_text("시계와 힌트 타이머를 멈춥니다")
                            .clicked()
                        {
                            self.toggle_pause(raw);
                        }
                    }
                    let total = self
                        .finished_after
                        .unwrap_or_else(|| now - self.started_at.unwrap_or(now));
                    ui.label(
                        RichText::new(format!("전체 {}", clock(total))).color(colors(ui).muted),
                    );
                    if !self.session.is_over() {
                        let waiting = now - self.waiting_since.unwrap_or(now);
                        ui.label(format!("응답 시간 {}", clock(waiting)));
                    }
                    ui.label(format!(
                        "응답 {}/{}",
                        self.session.turns().len(),
                        scenario.max_turns
                    ));
                });
            });
            // Stage progress: practice only, since the tracker grades as it goes.
            if self.mode == Mode::Practice {
                self.stages_ui(ui, &scenario);
            }
            ui.add_space(2.0);
        });
    }

    fn stages_ui(&self, ui: &mut Ui, scenario: &model::Scenario) {
        ui.horizontal_wrapped(|ui| {
            let p = colors(ui);
            for (i, st) in scenario.stages.iter().enumerate() {
                if i > 0 {
                    ui.label(RichText::new("→").color(p.muted));
                }
                let text = format!("{} {}", circled(i + 1), st.title);
                let rich = match i.cmp(&self.session.stage()) {
                    std::cmp::Ordering::Less => RichText::new(text).color(p.good),
                    std::cmp::Ordering::Equal => RichText::new(text).family(bold()).color(p.accent),
                    std::cmp::Ordering::Greater => RichText::new(text).color(p.muted),
                };
                ui.label(rich);
            }
        });
    }

    fn side_ui(&mut self, ui: &mut Ui, now: f64) {
        let width = (ui.available_width() * 0.26).clamp(220.0, 320.0);
        egui::Panel::left("roleplay-side")
            .resizable(false)
            .exact_size(width)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("side-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        if self.mode == Mode::Practice {
                            self.coach_ui(ui, now);
                        }
                        self.persona_ui(ui);
                    });
            });
    }

    /// Practice mode: what the stage still needs, the hint, and the mood with its last change.
    /// First in the panel, so it stays in view in a small window or with large text.
    fn coach_ui(&mut self, ui: &mut Ui, now: f64) {
        let scenario = self.session.scenario().clone();
        let checklist = self.session.checklist().clone();
        let c = colors(ui);
        if !self.session.is_over() {
            let stuck = !self.is_paused() && now - self.waiting_since.unwrap_or(now) > STUCK_AFTER;
            let label = if self.show_hint {
                "힌트 닫기"
            } else {
                "힌트 보기"
            };
            if ui.button(label).on_hover_text("Esc: 힌트 닫기").clicked() {
                self.show_hint = !self.show_hint;
            }
            if (self.show_hint || stuck)
                && let Some(h) = self.session.hint()
            {
                card(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        RichText::new(format!("힌트: {}", h.title))
                            .family(bold())
                            .color(c.accent),
                    );
                    ui.label(RichText::new(&h.why).small());
                    if !h.phrase.is_empty() {
                        ui.label(RichText::new(format!("예: \"{}\"", h.phrase)).italics());
                    }
                });
            }
            ui.add_space(6.0);
        }
        if let Some(practice) = &self.practice {
            let status = practice.status(&self.session);
            let color = match status {
                PracticeStatus::Kept => c.good,
                PracticeStatus::Missed => c.bad,
                _ => c.warn,
            };
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("우리 서 시책").small().color(c.muted));
                ui.label(RichText::new(&practice.title).family(bold()));
                chip_ui(ui, &format!("시책: {}", status.label()), color)
                    .on_hover_text(&practice.description);
            });
            ui.add_space(6.0);
        }
        let stage = &scenario.stages[self.session.stage()];
        section_ui(
            ui,
            &format!("{} {}", circled(self.session.stage() + 1), stage.title),
        );
        if !stage.goal.is_empty() {
            ui.label(RichText::new(&stage.goal).small());
        }
        let missing = self.session.still_missing();
        if !missing.is_empty() {
            ui.add_space(2.0);
            ui.label(RichText::new("다음 단계로 가려면").small().family(bold()));
            let mut facts = 0;
            for m in &missing {
                let text = match m {
                    Missing::Shown(id) => match Target::of_id(&checklist, id) {
                        Some(Target::Rung(r)) => {
                            checklist.step(r).map(|s| format!("□ {}", s.title))
                        }
                        Some(Target::Item(i)) => Some(format!("□ {}", checklist.items[i].title)),
                        _ => None,
                    },
                    Missing::Fact(_) => {
                        facts += 1;
                        None
                    }
                    Missing::Calmer => Some("□ 민원인이 좀 더 진정해야 합니다".to_owned()),
                    Missing::Trust => Some("□ 민원인의 신뢰를 더 얻어야 합니다".to_owned()),
                };
                if let Some(t) = text {
                    ui.label(RichText::new(t).small());
                }
            }
            if facts > 0 {
                ui.label(
                    RichText::new(format!("□ 질문으로 알아낼 사실 {facts}개 (위 목표 참고)"))
                        .small(),
                );
            }
        }
        ui.add_space(6.0);
        section_ui(ui, "민원인의 기분");
        let mood = self.session.mood();
        let before = self.session.turns().last().map(|t| t.mood_before);
        meter_ui(
            ui,
            "분노",
            mood.anger,
            before.map(|b| mood.anger - b.anger),
            c.anger,
        );
        meter_ui(
            ui,
            "신뢰",
            mood.trust,
            before.map(|b| mood.trust - b.trust),
            c.trust,
        );
        ui.label(
            RichText::new(format!("지금: {}", band_words(self.session.band())))
                .small()
                .color(c.muted),
        );
        if self.session.abuse_ongoing() {
            ui.add_space(6.0);
            let next = model::Rung::ALL
                .into_iter()
                .find(|r| !self.session.climbed().contains(r))
                .and_then(|r| checklist.step(r).map(|s| (r, s.title.clone())));
            let text = match next {
                Some((r, title)) => format!(
                    "※ 욕설·폭언 중: 다음 단계는 {} {title}입니다 (중단 요청 → 녹음 고지 → 법적 경고 → 종료·인계).",
                    circled(rung_number(r))
                ),
                None => "※ 욕설·폭언 중: 대응 단계를 모두 밟았습니다.".to_owned(),
            };
            ui.label(RichText::new(text).small().color(c.warn));
        }
        ui.add_space(8.0);
    }

    fn persona_ui(&self, ui: &mut Ui) {
        let p = &self.session.scenario().persona;
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            let age = p.age.map(|a| format!(", {a}세")).unwrap_or_default();
            ui.label(RichText::new(format!("{}{age}", p.name)).family(bold()));
            ui.label(RichText::new(&p.role).color(colors(ui).accent));
            ui.label(RichText::new(&p.description).small());
        });
    }

    fn input_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::bottom("roleplay-input").show(ui, |ui| {
            ui.add_space(6.0);
            if self.session.is_over() {
                let p = colors(ui);
                ui.horizontal(|ui| {
                    let kind = self
                        .session
                        .ended()
                        .map(|e| e.kind.label())
                        .unwrap_or("상담 종료");
                    ui.label(
                        RichText::new(format!("상담이 끝났습니다 — {kind}"))
                            .family(bold())
                            .color(p.accent),
                    );
                    if primary_button(ui, self.finish_label).clicked() {
                        actions.push(Action::Finish);
                    }
                });
                ui.add_space(6.0);
                return;
            }
            if self.is_paused() {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new("잠시 멈춤 중입니다. 시계와 힌트 타이머가 멈춰 있습니다.")
                            .color(colors(ui).muted),
                    );
                    ui.label(
                        RichText::new("위의 '계속하기'를 누르면 이어집니다.")
                            .color(colors(ui).muted),
                    );
                });
                ui.add_space(6.0);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("동작").small());
                let phone = self.session.scenario().channel == crate::model::Channel::Phone;
                for a in model::Action::ALL
                    .into_iter()
                    .filter(|a| !phone || !a.is_physical())
                {
                    let on = self.pending.contains(&a);
                    let button = egui::Button::new(a.label())
                        .selected(on)
                        .frame_when_inactive(true);
                    if ui.add(button).clicked() {
                        if on {
                            self.pending.retain(|x| *x != a);
                        } else {
                            self.pending.push(a);
                        }
                    }
                }
            });
            let (enter, composing) = ui.input(|i| scan_keys(&i.events, self.composing));
            let focused = ui.memory(|m| m.has_focus(input_id()));
            let send_width = 96.0;
            let mut clicked = false;
            ui.horizontal(|ui| {
                let label = ui.label("응답");
                let edit = egui::TextEdit::multiline(&mut self.input)
                    .id(input_id())
                    .hint_text("민원인에게 할 말을 적으십시오. Enter: 보내기, Shift+Enter: 줄 바꿈")
                    .return_key(Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)))
                    .desired_rows(2)
                    .desired_width(ui.available_width() - send_width - 12.0);
                ui.add(edit).labelled_by(label.id);
                ui.vertical(|ui| {
                    clicked = primary_button(ui, "보내기").clicked();
                });
            });
            self.composing = composing;
            if enter && focused {
                self.send_after_commit = true;
            }
            if clicked || (self.send_after_commit && !self.composing) {
                self.send_after_commit = false;
                actions.extend(self.send(ui.ctx()).map(Action::Say));
                ui.memory_mut(|m| m.request_focus(input_id()));
            }
            ui.add_space(6.0);
        });
    }

    fn chat_ui(&mut self, ui: &mut Ui) {
        let count =
            self.session.turns().len() + usize::from(self.session.closing_reply().is_some());
        if self.shown_messages.replace(count) != Some(count) {
            // Follow the newest message: for a few frames, while its height settles.
            self.follow_frames = 3;
        }
        let area = egui::ScrollArea::vertical()
            .id_salt("chat-scroll")
            .auto_shrink([false, false])
            .stick_to_bottom(true);
        let follow = self.follow_frames > 0;
        if follow {
            self.follow_frames -= 1;
            ui.ctx().request_repaint();
        }
        area.show_viewport(ui, |ui, viewport| {
            // Only messages in view are laid out; the others take their remembered height,
            // so a long conversation costs no more per frame than a short one.
            let key = (
                ui.available_width(),
                ui.text_style_height(&egui::TextStyle::Body),
            );
            if self.height_key != Some(key) {
                self.heights.clear();
                self.height_key = Some(key);
            }
            let origin = ui.max_rect().top();
            ui.add_space(6.0);
            let name = self.session.scenario().persona.name.clone();
            let turns = self.session.turns();
            let closing = self.session.closing_reply();
            let total = 1 + 2 * turns.len() + usize::from(closing.is_some());
            for i in 0..total {
                let y = ui.cursor().top() - origin;
                if let Some(&h) = self.heights.get(i)
                    && (y + h < viewport.min.y || y > viewport.max.y)
                {
                    ui.add_space(h);
                    continue;
                }
                let start = ui.cursor().top();
                match i {
                    0 => complainant_bubble(ui, &name, self.session.opening()),
                    i if i <= 2 * turns.len() => {
                        let t = &turns[(i - 1) / 2];
                        if i % 2 == 1 {
                            self.trainee_bubble(ui, t);
                        } else {
                            complainant_bubble(ui, &name, &t.reply);
                        }
                    }
                    _ => {
                        if let Some(r) = closing {
                            ui.vertical_centered(|ui| {
                                ui.label(
                                    RichText::new("— 조사관이 상담을 마쳤습니다 —")
                                        .small()
                                        .color(colors(ui).muted),
                                );
                            });
                            complainant_bubble(ui, &name, r);
                        }
                    }
                }
                let h = ui.cursor().top() - start;
                if i < self.heights.len() {
                    self.heights[i] = h;
                } else if i == self.heights.len() {
                    self.heights.push(h);
                }
            }
            ui.add_space(6.0);
            if follow {
                ui.scroll_to_cursor(Some(Align::BOTTOM));
            }
        });
    }

    fn trainee_bubble(&self, ui: &mut Ui, t: &TurnRecord) {
        let p = colors(ui);
        let max = ui.available_width() * 0.72;
        ui.with_layout(Layout::top_down(Align::Max), |ui| {
            bubble_frame(p.trainee_bubble).show(ui, |ui| {
                ui.set_max_width(max);
                ui.with_layout(Layout::top_down(Align::Min), |ui| {
                    chip_row_ui(ui, |ui| {
                        ui.label(
                            RichText::new(format!("{}  조사관", t.number))
                                .small()
                                .color(p.muted),
                        );
                        for a in &t.turn.actions {
                            chip_ui(ui, a.label(), p.accent);
                        }
                    });
                    if !t.turn.text.is_empty() {
                        ui.label(&t.turn.text);
                    }
                    if self.mode == Mode::Practice {
                        self.detected_ui(ui, t);
                    }
                });
            });
        });
        ui.add_space(4.0);
    }

    /// What the analyser found in a turn (practice mode): items and named ladder rungs as
    /// chips, each violation with the words that caused it and what to do instead, the
    /// complainant's change of mood.
    fn detected_ui(&self, ui: &mut Ui, t: &TurnRecord) {
        let checklist = self.session.checklist();
        let scenario = self.session.scenario();
        let p = colors(ui);
        let mut chips: Vec<(String, Color32)> = Vec::new();
        let mut faults: Vec<(String, String)> = Vec::new();
        let ladder_item = checklist.ladder_index();
        for h in &t.analysis.hits {
            match h.target {
                // A rung is named below, one by one, instead of the item they all earn.
                Target::Item(i) if Some(i) == ladder_item && !t.rungs.is_empty() => {}
                Target::Item(i) => chips.push((format!("○ {}", checklist.items[i].title), p.good)),
                Target::Violation(v) => {
                    let violation = &checklist.violations[v];
                    chips.push((format!("× {}", violation.title), p.bad));
                    let instead = scenario.phrase(&violation.id, &violation.instead);
                    let mut advice = format!("\"{}\" — {}", h.quote, violation.guidance);
                    if !instead.is_empty() {
                        advice.push_str(&format!(" 예: \"{instead}\""));
                    }
                    faults.push((violation.title.clone(), advice));
                }
                _ => {}
            }
        }
        for r in &t.rungs {
            let title = checklist.step(*r).map_or(r.id(), |s| s.title.as_str());
            chips.push((
                format!("○ 대응 {} {title}", circled(rung_number(*r))),
                p.good,
            ));
        }
        for f in &t.ladder_faults {
            chips.push((format!("× {}", f.describe(checklist)), p.warn));
        }
        if let Some(f) = t.disclosed {
            chips.push((format!("사실 파악: {}", scenario.facts[f].title), p.accent));
        }
        if let crate::engine::Source::Refusal { .. } = t.reply.source {
            chips.push((
                "알맞은 질문이지만 아직 말할 만큼 믿지 않습니다 — 신뢰를 더 얻으십시오".to_owned(),
                p.warn,
            ));
        }
        if chips.is_empty() {
            let asked = t.turn.text.contains('?');
            chips.push((
                if asked {
                    "찾은 항목 없음 — 이 단계에서 알아낼 사실과 맞지 않는 질문입니다".to_owned()
                } else {
                    "찾은 항목 없음".to_owned()
                },
                p.muted,
            ));
        }
        let (anger, trust) = (
            t.mood_after.anger - t.mood_before.anger,
            t.mood_after.trust - t.mood_before.trust,
        );
        if anger != 0 || trust != 0 {
            chips.push((
                format!("분노 {} · 신뢰 {}", signed(anger), signed(trust)),
                p.muted,
            ));
        }
        chip_row_ui(ui, |ui| {
            for (text, color) in chips {
                chip_ui(ui, &text, color);
            }
        });
        for (title, advice) in faults {
            ui.label(
                RichText::new(format!("{title}: {advice}"))
                    .small()
                    .color(p.bad),
            );
        }
    }
}

/// `+5`, `−3`, `0`.
fn signed(n: i32) -> String {
    match n.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{n}"),
        std::cmp::Ordering::Less => format!("−{}", -n),
        std::cmp::Ordering::Equal => "0".to_owned(),
    }
}

/// 1 for the first rung of the ladder, …
fn rung_number(r: model::Rung) -> usize {
    model::Rung::ALL
        .iter()
        .position(|x| *x == r)
        .map_or(1, |i| i + 1)
}

/// Whether Enter (without Shift) was pressed, and whether the IME is composing after the
/// frame's events, given whether it was composing before them.
pub fn scan_keys(events: &[Event], mut composing: bool) -> (bool, bool) {
    let mut enter = false;
    for e in events {
        match e {
            Event::Ime(ImeEvent::Preedit { text, .. }) => composing = !text.is_empty(),
            Event::Ime(ImeEvent::Commit(_)) => composing = false,
            Event::Key {
                key: Key::Enter,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.shift => enter = true,
            _ => {}
        }
    }
    (enter, composing)
}

fn bubble_frame(fill: Color32) -> Frame {
    Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::symmetric(12, 8))
}

fn complainant_bubble(ui: &mut Ui, name: &str, reply: &Reply) {
    if reply.text.is_empty() {
        return;
    }
    let p = colors(ui);
    let max = ui.available_width() * 0.72;
    ui.with_layout(Layout::top_down(Align::Min), |ui| {
        bubble_frame(p.complainant_bubble).show(ui, |ui| {
            ui.set_max_width(max);
            ui.label(RichText::new(name).small().color(p.muted));
            ui.label(&reply.text);
        });
    });
    ui.add_space(4.0);
}

pub(super) fn band_words(band: Band) -> &'static str {
    match band {
        Band::Furious => "몹시 격앙됨",
        Band::Upset => "흥분함",
        Band::Guarded => "경계함",
        Band::Calm => "진정됨",
    }
}

/// ①, ②, … for stage numbers.
pub(super) fn circled(n: usize) -> char {
    char::from_u32(0x2460 + (n.clamp(1, 20) as u32 - 1)).unwrap_or('·')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preedit(t: &str) -> Event {
        Event::Ime(ImeEvent::Preedit {
            text: t.into(),
            active_range_chars: None,
        })
    }

    fn key(k: Key, shift: bool) -> Event {
        Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: if shift {
                Modifiers::SHIFT
            } else {
                Modifiers::NONE
            },
        }
    }

    #[test]
    fn enter_after_commit_sends_now() {
        let events = [
            preedit("다"),
            Event::Ime(ImeEvent::Commit("다".into())),
            key(Key::Enter, false),
        ];
        assert_eq!(scan_keys(&events, false), (true, false));
    }

    #[test]
    fn enter_while_composing_waits_for_the_commit() {
        let events = [preedit("ㄷ"), preedit("다"), key(Key::Enter, false)];
        assert_eq!(scan_keys(&events, false), (true, true));
        assert_eq!(
            scan_keys(&[Event::Ime(ImeEvent::Commit("다".into()))], true),
            (false, false)
        );
    }

    #[test]
    fn shift_enter_is_not_send() {
        assert_eq!(scan_keys(&[key(Key::Enter, true)], false), (false, false));
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1), '①');
        assert_eq!(circled(3), '③');
    }
}
