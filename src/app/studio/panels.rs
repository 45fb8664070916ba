//! The panels beside the studio's editor: playtest with its watch, the phrase tester, the
//! scenario's statistics.

use egui::{RichText, Ui};

use super::super::roleplay::band_words;
use super::super::style::{bold, colors};
use super::super::widgets::{card, chip_ui, primary_button};
use crate::authoring::phrase::{Finding, PhraseReport, add_cue, test_phrase};
use crate::authoring::playtest::{
    PartCheck, Playtest, PlaythroughRun, StartOptions, TurnChange, TurnReport, Watch, compare,
};
use crate::authoring::{Context, stats::Stats};
use crate::library::Entry;
use crate::model::{Band, Checklist, Mood, TraineeTurn};

/// The draft as the panels see it: what it is checked against, its scenario when it validates,
/// its path and text, and the editor's count of text changes.
pub struct DraftRef<'a> {
    pub ctx: &'a Context,
    pub entry: Option<&'a Entry>,
    pub path: &'a str,
    pub text: &'a str,
    pub generation: u64,
}

/// The playtest beside the editor.
#[derive(Default)]
pub struct PlaytestPanel {
    /// How the next playtest starts (stage, mood, facts told, seed).
    start: Option<StartOptions>,
    playtest: Option<Playtest>,
    /// The playtest started at the scenario's own beginning (it can be saved as a playthrough).
    from_beginning: bool,
    answer: String,
    /// What changed when the last inputs were replayed after an edit.
    changes: Vec<TurnChange>,
    replays: u32,
    save_request: bool,
    name: String,
    /// A playtest just started: its start folds away on the next frame.
    fold_start: bool,
}

impl PlaytestPanel {
    /// The start options of a scenario's beginning.
    pub fn reset_start(&mut self, entry: &Entry) {
        self.start = Some(StartOptions::beginning(entry));
    }

    pub fn playtest(&self) -> Option<&Playtest> {
        self.playtest.as_ref()
    }

    /// The start of the next playtest.
    pub fn start_options_mut(&mut self, entry: &Entry) -> &mut StartOptions {
        self.start
            .get_or_insert_with(|| StartOptions::beginning(entry))
    }

    /// What the last replay after an edit changed.
    pub fn changes(&self) -> &[TurnChange] {
        &self.changes
    }

    /// How many times the inputs were replayed after an edit.
    pub fn replays(&self) -> u32 {
        self.replays
    }

    /// Starts a playtest of `entry` with the chosen start.
    pub fn begin(&mut self, ctx: &Context, entry: &Entry, path: &str, text: &str) {
        let start = self.start_options_mut(entry).clone();
        self.from_beginning =
            start.stage == 0 && start.mood == entry.scenario.mood && start.disclosed.is_empty();
        self.playtest = Some(Playtest::start(ctx, entry, path, text, start));
        self.changes.clear();
        self.fold_start = true;
    }

    /// Plays one turn (`[bow] 안녕하십니까` style); false when there is no playtest or it is over.
    pub fn say(&mut self, line: &str) -> bool {
        let Some(p) = &mut self.playtest else {
            return false;
        };
        let (turn, _) = TraineeTurn::parse(line);
        p.respond(turn).is_some()
    }

    /// The draft changed and still validates: the start is kept within the new scenario and the
    /// last inputs are played again, with what changed.
    pub fn after_edit(&mut self, ctx: &Context, entry: &Entry, path: &str, text: &str) {
        let start = self.start_options_mut(entry);
        start.stage = start
            .stage
            .min(entry.scenario.stages.len().saturating_sub(1));
        start
            .disclosed
            .retain(|id| entry.scenario.facts.iter().any(|f| f.id == *id));
        let Some(old) = &self.playtest else { return };
        let mut inputs = old.inputs().clone();
        inputs.start.stage = inputs
            .start
            .stage
            .min(entry.scenario.stages.len().saturating_sub(1));
        let new = Playtest::replay(ctx, entry, path, text, &inputs);
        self.changes = compare(old.reports(), new.reports());
        self.playtest = Some(new);
        self.replays += 1;
    }

    pub(super) fn take_save_request(&mut self) -> bool {
        std::mem::take(&mut self.save_request)
    }

    /// The turns of a playtest that started at the beginning (what a playthrough is).
    pub(super) fn turns_from_start(&self) -> Option<Vec<TraineeTurn>> {
        let p = self.playtest.as_ref().filter(|_| self.from_beginning)?;
        (!p.inputs().turns.is_empty()).then(|| p.inputs().turns.clone())
    }

    pub(super) fn playthrough_name(&self) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            format!("play-{stamp}")
        } else {
            name.to_owned()
        }
    }

    /// The panel; returns a file line to jump to.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        draft: &DraftRef<'_>,
        runs: &[PlaythroughRun],
    ) -> Option<usize> {
        let mut jump = None;
        let (ctx, path, text) = (draft.ctx, draft.path, draft.text);
        let Some(entry) = draft.entry else {
            ui.label("파일에 오류가 있어 시험할 수 없습니다. 문제 탭의 오류를 먼저 고치십시오.");
            return None;
        };
        self.start_ui(ui, ctx, entry, path, text);
        if !self.changes.is_empty() || self.replays > 0 {
            changes_ui(ui, &self.changes);
        }
        let mut said = None;
        if let Some(p) = &self.playtest {
            ui.add_space(6.0);
            watch_ui(ui, &p.watch(), &entry.checklist);
            ui.add_space(6.0);
            ui.label(RichText::new("대화").family(bold()));
            let opening = &p.opening().text;
            ui.label(format!("민원인: {opening}"));
            for r in p.reports() {
                if let Some(line) = report_ui(ui, r, path) {
                    jump = Some(line);
                }
            }
            let over = p.session().is_over();
            if over {
                ui.label(RichText::new("시험이 끝났습니다.").color(colors(ui).muted));
            } else {
                ui.horizontal_wrapped(|ui| {
                    for a in crate::model::Action::ALL {
                        if ui.small_button(a.label()).clicked() {
                            self.answer = format!("[{}] {}", a.id(), self.answer);
                        }
                    }
                });
                // The field on a line of its own: at a large text size nothing pushes the
                // panel wider than the window.
                let label = ui.label("응답");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.answer)
                        .id(egui::Id::unique("studio-playtest-answer"))
                        .hint_text("[bow] 안녕하십니까처럼 동작은 앞에")
                        .desired_width(f32::INFINITY),
                );
                let r = r.labelled_by(label.id);
                let mut send = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("보내기").clicked() {
                    send = true;
                }
                if send {
                    r.request_focus();
                }
                if send && !self.answer.trim().is_empty() {
                    said = Some(std::mem::take(&mut self.answer));
                }
            }
            if self.from_beginning && !p.inputs().turns.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("이름");
                    ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(140.0));
                    if ui
                        .button("플레이로 저장")
                        .on_hover_text("시나리오 옆에 대본으로 저장하고 저장할 때마다 여러 시드로 다시 돌려 봅니다")
                        .clicked()
                    {
                        self.save_request = true;
                    }
                });
            }
        }
        if let Some(line) = said {
            self.say(&line);
        }
        runs_ui(ui, runs);
        jump
    }

    fn start_ui(&mut self, ui: &mut Ui, ctx: &Context, entry: &Entry, path: &str, text: &str) {
        let scenario = entry.scenario.clone();
        let playing = self.playtest.is_some();
        let fold = std::mem::take(&mut self.fold_start);
        let start = self.start_options_mut(entry);
        // While a playtest runs its start folds away, so the watch and the turns are in view.
        let header =
            egui::CollapsingHeader::new(RichText::new("어디서부터 시험할까요").family(bold()))
                .id_salt("studio-playtest-start")
                .open(if fold {
                    Some(false)
                } else if !playing {
                    Some(true)
                } else {
                    None
                });
        header.show(ui, |ui| {
            let stage_title = |i: usize| {
                scenario
                    .stages
                    .get(i)
                    .map_or_else(String::new, |s| format!("{}단계 {}", i + 1, s.title))
            };
            egui::ComboBox::from_label("시작 단계")
                .selected_text(stage_title(start.stage))
                .show_ui(ui, |ui| {
                    for i in 0..scenario.stages.len() {
                        ui.selectable_value(&mut start.stage, i, stage_title(i));
                    }
                });
            ui.add(egui::Slider::new(&mut start.mood.anger, 0..=Mood::MAX).text("분노"));
            ui.add(egui::Slider::new(&mut start.mood.trust, 0..=Mood::MAX).text("신뢰"));
            ui.label(
                RichText::new(format!("→ {}", band_words(Band::of(start.mood))))
                    .small()
                    .color(colors(ui).muted),
            );
            if !scenario.facts.is_empty() {
                ui.label("이미 밝힌 사실");
                for f in &scenario.facts {
                    let mut told = start.disclosed.contains(&f.id);
                    if ui.checkbox(&mut told, &f.title).changed() {
                        if told {
                            start.disclosed.push(f.id.clone());
                        } else {
                            start.disclosed.retain(|d| d != &f.id);
                        }
                    }
                }
            }
            ui.horizontal_wrapped(|ui| {
                ui.label("시드");
                ui.add(egui::DragValue::new(&mut start.seed));
                if ui.small_button("처음 그대로").clicked() {
                    *start = StartOptions::beginning(entry);
                }
            });
        });
        let label = if playing {
            "이 조건으로 다시 시작"
        } else {
            "이 조건으로 시험 시작"
        };
        if primary_button(ui, label).clicked() {
            self.begin(ctx, entry, path, text);
        }
    }
}

fn check_mark(ui: &mut Ui, c: &PartCheck) {
    let p = colors(ui);
    let (mark, color) = if c.holds {
        ("○", p.good)
    } else {
        ("×", p.bad)
    };
    ui.label(RichText::new(format!("{mark} {}", c.label)).color(color));
}

/// The state after the last turn: mood, stage and what its exit still needs, facts, ladder,
/// turns, endings.
fn watch_ui(ui: &mut Ui, w: &Watch, checklist: &Checklist) {
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("지켜보기").family(bold()));
        ui.label(format!(
            "분노 {} · 신뢰 {} · {}",
            w.mood.anger,
            w.mood.trust,
            band_words(w.band)
        ));
        ui.label(format!(
            "{}단계 {} ({}) · 이 단계 응답 {} · 전체 {}/{}",
            w.stage + 1,
            w.stage_title,
            w.stage_id,
            w.stage_turns,
            w.turns_used,
            w.max_turns
        ));
        if w.last_stage {
            ui.label("마지막 단계입니다.");
        } else {
            ui.label("다음 단계로 가는 조건:");
            for c in &w.exit {
                check_mark(ui, c);
            }
        }
        if !w.facts.is_empty() {
            let told: Vec<&str> = w
                .facts
                .iter()
                .map(|(_, title, told)| if *told { title.as_str() } else { "" })
                .filter(|t| !t.is_empty())
                .collect();
            ui.label(format!(
                "밝힌 사실 {}/{}: {}",
                told.len(),
                w.facts.len(),
                if told.is_empty() {
                    "없음".to_owned()
                } else {
                    told.join(", ")
                }
            ));
        }
        let rung = |r: crate::model::Rung| {
            checklist
                .ladder
                .iter()
                .find(|s| s.rung == r)
                .map_or_else(|| r.id().to_owned(), |s| s.title.clone())
        };
        let climbed: Vec<String> = w.ladder.iter().map(|r| rung(*r)).collect();
        ui.label(format!(
            "경고 단계: {}{}{}",
            if climbed.is_empty() {
                "아직 없음".to_owned()
            } else {
                climbed.join(" → ")
            },
            w.ladder_next
                .map(|r| format!(" · 다음: {}", rung(r)))
                .unwrap_or_default(),
            if w.abuse_ongoing {
                " · 지금 폭언 중"
            } else {
                ""
            }
        ));
        ui.label("결말 조건:");
        for e in &w.endings {
            let p = colors(ui);
            let color = if e.holds { p.good } else { p.muted };
            ui.label(
                RichText::new(format!(
                    "{} {} ({})",
                    if e.holds { "○" } else { "·" },
                    e.id,
                    e.kind.label()
                ))
                .color(color),
            );
            ui.indent(("ending", &e.id), |ui| {
                for c in &e.parts {
                    check_mark(ui, c);
                }
            });
        }
        if let Some((kind, id)) = &w.ended {
            ui.label(
                RichText::new(format!("끝남: {} ({id})", kind.label()))
                    .family(bold())
                    .color(colors(ui).accent),
            );
        }
    });
}

/// One playtest turn: what was said, the reply and its line, the cues that fired with where
/// they are written, and why the stage did not move. Returns a line to jump to.
fn report_ui(ui: &mut Ui, r: &TurnReport, path: &str) -> Option<usize> {
    let mut jump = None;
    let p = colors(ui);
    ui.separator();
    ui.label(RichText::new(format!("{}. 나: {}", r.number, r.input)).family(bold()));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("민원인: {}", r.reply));
        if let Some(line) = r.reply_line
            && ui
                .push_id(("reply", r.number), |ui| {
                    ui.small_button(format!("줄 {line}"))
                })
                .inner
                .clicked()
        {
            jump = Some(line);
        }
    });
    let mood = |m: Mood| format!("분노 {} 신뢰 {}", m.anger, m.trust);
    ui.label(
        RichText::new(format!(
            "{} → {} · {}{}",
            mood(r.mood_before),
            mood(r.mood_after),
            if r.stage_before == r.stage_after {
                format!("단계 {} 그대로", r.stage_after)
            } else {
                format!("단계 {} → {}", r.stage_before, r.stage_after)
            },
            r.disclosed
                .as_ref()
                .map(|f| format!(" · 사실 '{f}' 밝힘"))
                .unwrap_or_default()
        ))
        .small()
        .color(p.muted),
    );
    ui.horizontal_wrapped(|ui| {
        for i in &r.items {
            chip_ui(ui, i, p.good);
        }
        for v in &r.violations {
            chip_ui(ui, v, p.bad);
        }
    });
    for (k, c) in r.cues.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{} ← \"{}\" ({})", c.id, c.cue, c.kind.label())).small(),
            );
            if let Some(line) = c
                .place
                .as_ref()
                .and_then(|place| place_button(ui, place, path, ("cue", r.number, k)))
            {
                jump = Some(line);
            }
        });
    }
    if !r.stuck_because.is_empty() {
        ui.label(
            RichText::new("단계가 넘어가지 않은 까닭:")
                .small()
                .color(p.warn),
        );
        for c in r.stuck_because.iter().filter(|c| !c.holds) {
            ui.label(
                RichText::new(format!("  × {}", c.label))
                    .small()
                    .color(p.warn),
            );
        }
    }
    if let Some((kind, id)) = &r.ended {
        ui.label(RichText::new(format!("→ 끝남: {} ({id})", kind.label())).color(p.accent));
    }
    jump
}

/// Where a cue or rule is written: `줄 N` (a button that jumps there) in the scenario open,
/// `checklist.ron:N` (not a button) in another file. Returns the line when clicked.
fn place_button(
    ui: &mut Ui,
    place: &crate::authoring::phrase::Place,
    path: &str,
    salt: impl std::hash::Hash + std::fmt::Debug,
) -> Option<usize> {
    let here = place.file == path;
    let text = if here {
        format!("줄 {}", place.line)
    } else {
        format!("{}:{}", short(&place.file), place.line)
    };
    let b = ui
        .push_id(salt, |ui| {
            ui.add_enabled(here, egui::Button::new(RichText::new(text).small()))
        })
        .inner;
    b.clicked().then_some(place.line)
}

/// The file name of a path (checklist and lexicon places).
fn short(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn changes_ui(ui: &mut Ui, changes: &[TurnChange]) {
    let p = colors(ui);
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        if changes.is_empty() {
            ui.label(
                RichText::new("편집 뒤 같은 입력으로 다시 해 보았습니다: 바뀐 것이 없습니다.")
                    .color(p.muted),
            );
            return;
        }
        ui.label(
            RichText::new(format!(
                "편집 뒤 같은 입력으로 다시 해 보았습니다: 바뀐 응답 {}개",
                changes.len()
            ))
            .family(bold())
            .color(p.accent),
        );
        for c in changes {
            ui.label(RichText::new(format!("{}. {}", c.number, c.input)).small());
            if let Some((a, b)) = &c.reply {
                ui.label(RichText::new(format!("  답: {a} → {b}")).small());
            }
            if let Some((a, b)) = &c.stage {
                ui.label(RichText::new(format!("  단계: {a} → {b}")).small());
            }
            if let Some((a, b)) = &c.items {
                ui.label(RichText::new(format!("  항목: {a:?} → {b:?}")).small());
            }
            if let Some((a, b)) = &c.violations {
                ui.label(RichText::new(format!("  위반: {a:?} → {b:?}")).small());
            }
            if let Some((a, b)) = &c.mood {
                ui.label(
                    RichText::new(format!(
                        "  기분: 분노 {} 신뢰 {} → 분노 {} 신뢰 {}",
                        a.anger, a.trust, b.anger, b.trust
                    ))
                    .small(),
                );
            }
            if let Some((a, b)) = &c.ended {
                let e = |x: &Option<(crate::model::EndingKind, String)>| {
                    x.as_ref()
                        .map_or("계속".to_owned(), |(k, _)| k.label().to_owned())
                };
                ui.label(RichText::new(format!("  결말: {} → {}", e(a), e(b))).small());
            }
            if c.only_before {
                ui.label(RichText::new("  (이제는 그 전에 끝납니다)").small());
            }
        }
    });
}

fn runs_ui(ui: &mut Ui, runs: &[PlaythroughRun]) {
    if runs.is_empty() {
        return;
    }
    let p = colors(ui);
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "저장된 플레이 {}개 (저장할 때마다 다시 돌림)",
            runs.len()
        ))
        .family(bold()),
    );
    for r in runs {
        let now: Vec<String> = r
            .results
            .iter()
            .map(|s| format!("{}점 {}", s.total, s.outcome.label()))
            .collect();
        let (mark, color) = if r.error.is_some() || r.drifted() {
            ("※", p.bad)
        } else {
            ("○", p.good)
        };
        ui.label(RichText::new(format!("{mark} {} — {}", r.name, now.join(" / "))).color(color));
        if let Some(e) = &r.error {
            ui.label(RichText::new(format!("  {e}")).small().color(p.bad));
        }
        for (seed, was, is) in &r.score_drift {
            ui.label(
                RichText::new(format!("  시드 {seed}: 점수 {was} → {is}"))
                    .small()
                    .color(p.bad),
            );
        }
        for (seed, was, is) in &r.outcome_drift {
            ui.label(
                RichText::new(format!(
                    "  시드 {seed}: 결말 {} → {}",
                    was.label(),
                    is.label()
                ))
                .small()
                .color(p.bad),
            );
        }
    }
}

/// The phrase tester.
#[derive(Default)]
pub struct PhrasePanel {
    sentence: String,
    /// The report of `tested` (recomputed when the sentence or the file changes).
    report: Option<PhraseReport>,
    tested: (String, u64),
    cue_id: String,
    cue: String,
    message: Option<(String, bool)>,
}

/// What the phrase tester asks of the studio.
#[derive(Default)]
pub struct PhraseOut {
    pub jump: Option<usize>,
    /// The text with a cue added.
    pub new_text: Option<String>,
}

impl PhrasePanel {
    /// Puts a sentence in the tester (a disputed turn).
    pub fn set_sentence(&mut self, sentence: String) {
        self.cue = sentence.clone();
        self.sentence = sentence;
        self.report = None;
    }

    pub fn report(&self) -> Option<&PhraseReport> {
        self.report.as_ref()
    }

    /// The id the next cue is added to.
    pub fn cue_id(&self) -> &str {
        &self.cue_id
    }

    /// What adding the last cue did (or why it could not).
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.0.as_str())
    }

    /// Tests the sentence against the draft (when it or the text changed: `generation` is the
    /// editor's count of text changes).
    pub fn test(&mut self, ctx: &Context, entry: &Entry, path: &str, text: &str, generation: u64) {
        let key = (self.sentence.clone(), generation);
        if self.report.is_some() && self.tested == key {
            return;
        }
        self.report = (!self.sentence.trim().is_empty())
            .then(|| test_phrase(ctx, entry, path, text, &self.sentence));
        self.tested = key;
    }

    pub fn ui(&mut self, ui: &mut Ui, draft: &DraftRef<'_>) -> PhraseOut {
        let mut out = PhraseOut::default();
        let (ctx, path, text) = (draft.ctx, draft.path, draft.text);
        let Some(entry) = draft.entry else {
            ui.label("파일에 오류가 있어 문장을 시험할 수 없습니다. 먼저 오류를 고치십시오.");
            return out;
        };
        let label = ui.label("시험할 문장");
        let edited = ui
            .add(
                egui::TextEdit::multiline(&mut self.sentence)
                    .id(egui::Id::unique("studio-phrase"))
                    .hint_text("훈련생이 할 만한 말을 적으십시오 ([bow]처럼 동작도)")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .changed();
        if edited {
            self.cue = self.sentence.clone();
            self.message = None;
        }
        self.test(ctx, entry, path, text, draft.generation);
        let Some(report) = &self.report else {
            return out;
        };
        let p = colors(ui);
        ui.label(format!("말투: {}", report.speech_level.label()));
        let groups: [(&str, &Vec<Finding>, egui::Color32); 3] = [
            ("잘한 점(항목)", &report.items, p.good),
            ("위반", &report.violations, p.bad),
            ("사실 질문", &report.facts, p.accent),
        ];
        for (title, findings, color) in groups {
            ui.label(RichText::new(format!("{title} {}", findings.len())).family(bold()));
            if findings.is_empty() {
                ui.label(RichText::new("  없음").small().color(p.muted));
            }
            for (i, f) in findings.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    chip_ui(ui, &f.id, color);
                    ui.label(
                        RichText::new(format!("\"{}\" ← {} ({})", f.quote, f.cue, f.kind.label()))
                            .small(),
                    );
                    if let Some(line) = f
                        .place
                        .as_ref()
                        .and_then(|place| place_button(ui, place, path, ("finding", title, i)))
                    {
                        out.jump = Some(line);
                    }
                });
            }
        }
        ui.add_space(6.0);
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("이 문장을 단서로 추가").family(bold()));
            ui.label(
                RichText::new("이 시나리오의 cues에 넣습니다. 다른 줄은 그대로 둡니다.")
                    .small()
                    .color(p.muted),
            );
            let ids: Vec<(String, String)> = entry
                .checklist
                .items
                .iter()
                .map(|i| (i.id.clone(), i.title.clone()))
                .chain(
                    entry
                        .checklist
                        .violations
                        .iter()
                        .map(|v| (v.id.clone(), format!("위반: {}", v.title))),
                )
                .collect();
            let shown = ids
                .iter()
                .find(|(id, _)| *id == self.cue_id)
                .map_or("고르십시오".to_owned(), |(id, t)| {
                    format!("{t} ({id})")
                });
            egui::ComboBox::from_label("무엇의 단서")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (id, title) in &ids {
                        ui.selectable_value(
                            &mut self.cue_id,
                            id.clone(),
                            format!("{title} ({id})"),
                        );
                    }
                });
            let label = ui.label("단서");
            ui.add(
                egui::TextEdit::singleline(&mut self.cue)
                    .id(egui::Id::unique("studio-cue"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.add_enabled_ui(!self.cue_id.is_empty(), |ui| {
                if ui.button("단서로 추가").clicked() {
                    match add_cue(&ctx.library, text, &self.cue_id, &self.cue) {
                        Ok(new) => {
                            self.message = Some((
                                format!(
                                    "'{}'의 단서로 넣었습니다 (저장해야 파일에 들어갑니다)",
                                    self.cue_id
                                ),
                                false,
                            ));
                            out.new_text = Some(new);
                            self.report = None;
                        }
                        Err(e) => self.message = Some((e.to_string(), true)),
                    }
                }
            });
            if let Some((m, bad)) = &self.message {
                ui.label(RichText::new(m).color(if *bad { p.bad } else { p.good }));
            }
        });
        out
    }
}

/// Lines per band and stage, cue counts, coverage and difficulty.
pub fn stats_ui(ui: &mut Ui, s: &Stats) {
    let p = colors(ui);
    ui.label(RichText::new(format!("민원인 대사 {}줄", s.total_lines)).family(bold()));
    ui.label(format!(
        "띠별: 몹시 격앙 {} · 흥분 {} · 경계 {} · 진정 {}",
        s.by_band[0], s.by_band[1], s.by_band[2], s.by_band[3]
    ));
    ui.label(format!(
        "첫마디 {} · 반응 {} · 사실 {} · 결말 {}",
        s.opening, s.trigger_lines, s.fact_lines, s.ending_lines
    ));
    egui::Grid::new("studio-stats-stages")
        .striped(true)
        .show(ui, |ui| {
            for h in ["단계", "격앙", "흥분", "경계", "진정", "막힘", "그 밖"] {
                ui.label(RichText::new(h).small().family(bold()));
            }
            ui.end_row();
            for st in &s.stages {
                ui.label(&st.title);
                for n in st.by_band {
                    let color = if n < 2 {
                        p.warn
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.label(RichText::new(n.to_string()).color(color));
                }
                ui.label(st.stuck.to_string());
                ui.label(st.extra.to_string());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new("체크리스트 적용").family(bold()));
    for c in &s.coverage {
        let color = if !c.creditable && c.weight > 0 {
            p.bad
        } else {
            ui.visuals().text_color()
        };
        ui.label(
            RichText::new(format!(
                "{} ({}) 가중치 {} · 단서 {}+{}{}",
                c.title,
                c.id,
                c.weight,
                c.checklist_cues,
                c.scenario_cues,
                if c.creditable {
                    ""
                } else {
                    " · 인정할 길 없음"
                }
            ))
            .small()
            .color(color),
        );
    }
    ui.add_space(6.0);
    match &s.difficulty {
        Some(d) => {
            ui.label(RichText::new("난이도 추정 (저장된 플레이)").family(bold()));
            ui.label(format!(
                "{}번 · 평균 {:.0}점 · 해결 {:.0}% · 이탈 {:.0}%",
                d.runs,
                d.mean_score,
                d.resolved_rate * 100.0,
                d.walk_out_rate * 100.0
            ));
        }
        None => {
            ui.label(
                RichText::new("플레이를 저장하면 여러 시드로 돌려 난이도를 추정합니다.")
                    .small()
                    .color(p.muted),
            );
        }
    }
}
