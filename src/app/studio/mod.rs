//! The instructor's studio (교관 모드): one scenario file open in an editor, checked as it is
//! typed, playtested beside it from any stage and mood, its phrases tested, and never lost
//! (autosave to a sidecar, atomic saves with backups, recovery after a crash, changes on disk by
//! another instructor). A view over [`crate::authoring`], which does the work.

mod editor;
mod panels;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use egui::{Panel, RichText, Ui};

pub use editor::{Editor, editor_id};
pub use panels::{DraftRef, PhrasePanel, PlaytestPanel};

use super::Action;
use super::style::{bold, colors};
use super::widgets::{chip_ui, primary_button};
use crate::authoring::{
    self, Context, DiskChange, Draft, OutlineEntry, Recovery, Validation, document::Change,
};

/// Validation waits this long after the last keystroke (seconds of input time).
pub const DEBOUNCE: f64 = 0.3;
/// The draft is autosaved to its sidecar this often while it has unsaved edits.
pub const AUTOSAVE_SECS: f64 = 2.0;
/// The file on disk is checked for changes by someone else this often.
pub const DISK_CHECK_SECS: f64 = 2.0;
/// A validation that took longer than this (ms) makes the next ones run off the UI thread.
const SLOW_MS: f64 = 8.0;

/// The panel shown beside the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Problems,
    Outline,
    Playtest,
    Phrase,
    Stats,
    Disputes,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::Problems,
        Tab::Outline,
        Tab::Playtest,
        Tab::Phrase,
        Tab::Stats,
        Tab::Disputes,
    ];
}

/// A validation running off the UI thread.
struct Pending {
    generation: u64,
    rx: mpsc::Receiver<(Validation, f64)>,
}

/// The studio with one file open.
pub struct StudioView {
    draft: Draft,
    ctx: Context,
    pub editor: Editor,
    /// Where the file came from, in words (`내장 시나리오 … 의 사본`).
    origin: String,
    validation: Validation,
    /// The text the shown validation is of (an edit counter), and the edit counter now.
    validated: u64,
    edits: u64,
    edited_at: f64,
    /// The last validation took long: the next run off the UI thread.
    slow: bool,
    last_ms: f64,
    pending: Option<Pending>,
    outline: Vec<OutlineEntry>,
    pub tab: Tab,
    pub playtest: PlaytestPanel,
    pub phrase: PhrasePanel,
    /// An autosaved draft left by a crash, offered (never applied by itself).
    recovery: Option<Recovery>,
    /// The file changed on disk, offered for reload.
    disk: Option<DiskChange>,
    /// A change on disk the instructor chose to ignore (its text), not offered again.
    ignored_disk: Option<Option<String>>,
    last_autosave: f64,
    last_disk_check: f64,
    /// The last message of the toolbar: text, and whether it is a problem.
    status: Option<(String, bool)>,
    /// Where disputed judgements are read from.
    disputes_folder: PathBuf,
    disputes: Vec<authoring::phrase::Dispute>,
    disputes_broken: usize,
    stats: Option<authoring::stats::Stats>,
    runs: Vec<authoring::playtest::PlaythroughRun>,
    /// Time of the last frame (input time), for the timers.
    now: f64,
}

impl StudioView {
    /// Opens `draft` (from a file, a copy of a built-in scenario or a template) checked against
    /// `ctx`; `disputes_folder` is where trainees' disputes are kept.
    pub fn new(draft: Draft, ctx: Context, origin: String, disputes_folder: PathBuf) -> StudioView {
        let path = draft.path().display().to_string();
        let validation = ctx.validate(&path, draft.text());
        let outline = authoring::outline(draft.text());
        let recovery = draft.recovery();
        let (disputes, disputes_broken) = authoring::phrase::load_disputes(&disputes_folder);
        let mut view = StudioView {
            editor: Editor::new(draft.text()),
            ctx,
            origin,
            validation,
            validated: 0,
            edits: 0,
            edited_at: 0.0,
            slow: false,
            last_ms: 0.0,
            pending: None,
            outline,
            tab: Tab::Problems,
            playtest: PlaytestPanel::default(),
            phrase: PhrasePanel::default(),
            recovery,
            disk: None,
            ignored_disk: None,
            last_autosave: 0.0,
            last_disk_check: 0.0,
            status: None,
            disputes_folder,
            disputes,
            disputes_broken,
            stats: None,
            runs: Vec::new(),
            now: 0.0,
            draft,
        };
        if let Some(entry) = &view.validation.entry {
            view.playtest.reset_start(entry);
            view.runs = authoring::playtest::rerun_playthroughs(entry, view.draft.path());
        }
        view
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn path(&self) -> &Path {
        self.draft.path()
    }

    /// The file's path as the checks and the playtest name it (and cue places compare with).
    fn path_text(&self) -> String {
        self.draft.path().display().to_string()
    }

    pub fn is_dirty(&self) -> bool {
        self.draft.is_dirty()
    }

    /// The problems of the text as last checked.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// True while the shown problems are of an older text (an edit waits for its check).
    pub fn is_checking(&self) -> bool {
        self.validated != self.edits
    }

    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    pub fn disk_change(&self) -> Option<&DiskChange> {
        self.disk.as_ref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.0.as_str())
    }

    pub fn outline(&self) -> &[OutlineEntry] {
        &self.outline
    }

    pub fn disputes(&self) -> &[authoring::phrase::Dispute] {
        &self.disputes
    }

    /// The playthroughs re-run after the last save.
    pub fn runs(&self) -> &[authoring::playtest::PlaythroughRun] {
        &self.runs
    }

    /// Replaces the whole text (recovery, reload, a cue added, an import), as one edit.
    pub fn replace_text(&mut self, text: String) {
        self.editor.text = text;
        self.after_edit();
    }

    fn after_edit(&mut self) {
        self.draft.set_text(self.editor.text.clone());
        self.edits += 1;
        self.edited_at = self.now;
    }

    /// Starts a playtest from the chosen start and plays `lines` (`[bow] 안녕하십니까` style),
    /// showing the 시험 tab; false when the file does not validate.
    pub fn playtest_lines(&mut self, lines: &[&str]) -> bool {
        let Some(entry) = self.validation.entry.clone() else {
            return false;
        };
        let path = self.path_text();
        self.playtest
            .begin(&self.ctx, &entry, &path, &self.editor.text);
        for l in lines {
            self.playtest.say(l);
        }
        self.tab = Tab::Playtest;
        true
    }

    /// Checks the text now (on the UI thread), whatever the debounce.
    pub fn validate_now(&mut self) {
        let start = std::time::Instant::now();
        let path = self.path_text();
        let v = self.ctx.validate(&path, &self.editor.text);
        self.last_ms = start.elapsed().as_secs_f64() * 1000.0;
        self.slow = self.last_ms > SLOW_MS;
        self.pending = None;
        self.take_validation(v, self.edits);
    }

    fn take_validation(&mut self, v: Validation, generation: u64) {
        self.validation = v;
        self.validated = generation;
        self.outline = authoring::outline(&self.editor.text);
        self.stats = None;
        if let Some(entry) = self.validation.entry.clone() {
            let path = self.path_text();
            self.playtest
                .after_edit(&self.ctx, &entry, &path, &self.editor.text);
        }
    }

    /// Runs the checks that are due: validation after a pause in typing (off the UI thread
    /// when it is slow), autosave, the look at the file on disk.
    fn tick(&mut self, ctx: &egui::Context) {
        if let Some(p) = &self.pending {
            match p.rx.try_recv() {
                Ok((v, ms)) => {
                    let generation = p.generation;
                    self.pending = None;
                    self.last_ms = ms;
                    self.slow = ms > SLOW_MS;
                    self.take_validation(v, generation);
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.pending = None,
            }
        }
        let waiting = self.pending.as_ref().map(|p| p.generation);
        if self.validated != self.edits && waiting != Some(self.edits) {
            let quiet = self.now - self.edited_at;
            if quiet >= DEBOUNCE {
                if self.slow {
                    self.validate_off_thread(ctx);
                } else {
                    self.validate_now();
                }
            } else {
                ctx.request_repaint_after(Duration::from_secs_f64(DEBOUNCE - quiet));
            }
        }
        if self.now - self.last_autosave >= AUTOSAVE_SECS {
            self.last_autosave = self.now;
            if let Err(e) = self.draft.autosave() {
                self.status = Some((format!("자동 저장 실패: {e}"), true));
            }
        }
        if self.draft.is_dirty() {
            ctx.request_repaint_after(Duration::from_secs_f64(AUTOSAVE_SECS));
        }
        if self.now - self.last_disk_check >= DISK_CHECK_SECS {
            self.last_disk_check = self.now;
            self.check_disk();
        }
    }

    fn validate_off_thread(&mut self, ctx: &egui::Context) {
        let (tx, rx) = mpsc::channel();
        let checker = self.ctx.clone();
        let text = self.editor.text.clone();
        let path = self.path_text();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("minwon-validate".into())
            .spawn(move || {
                let start = std::time::Instant::now();
                let v = checker.validate(&path, &text);
                let _ = tx.send((v, start.elapsed().as_secs_f64() * 1000.0));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    generation: self.edits,
                    rx,
                });
            }
            // No thread: check here, slow or not.
            Err(_) => self.validate_now(),
        }
    }

    /// Looks whether the file changed on disk (another instructor saved it).
    pub fn check_disk(&mut self) {
        let change = self.draft.check_disk();
        self.disk = change.filter(|c| self.ignored_disk.as_ref() != Some(&c.disk_text));
    }

    /// Autosaves now (what the timer does every [`AUTOSAVE_SECS`]).
    pub fn autosave_now(&mut self) -> Result<bool, authoring::DocError> {
        self.draft.autosave()
    }

    /// Saves the file; on success re-runs the saved playthroughs. Returns the action telling
    /// the app a scenario file was written.
    pub fn save(&mut self) -> Option<Action> {
        match self.draft.save() {
            Ok(()) => {
                self.status = Some((
                    format!("저장했습니다: {}", self.draft.path().display()),
                    false,
                ));
                self.disk = None;
                self.ignored_disk = None;
                if let Some(entry) = &self.validation.entry
                    && !self.is_checking()
                {
                    self.runs = authoring::playtest::rerun_playthroughs(entry, self.draft.path());
                    let drifted = self.runs.iter().filter(|r| r.drifted()).count();
                    if drifted > 0 {
                        self.status = Some((
                            format!(
                                "저장했습니다. 저장된 플레이 {drifted}개의 점수나 결말이 바뀌었습니다 (시험 탭)"
                            ),
                            true,
                        ));
                    }
                }
                Some(Action::StudioSaved(self.draft.path().to_path_buf()))
            }
            Err(e) => {
                self.status = Some((e.to_string(), true));
                None
            }
        }
    }

    /// The studio: toolbar, banners, the panel beside the editor, the editor.
    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        self.now = ui.input(|i| i.time);
        let ctx = ui.ctx().clone();
        self.tick(&ctx);
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            actions.extend(self.save());
        }
        Panel::top("studio-bar").show(ui, |ui| {
            actions.extend(self.toolbar_ui(ui));
            self.banners_ui(ui);
        });
        let width = ui.available_width();
        Panel::right("studio-side")
            .resizable(true)
            .default_size((width * 0.4).clamp(300.0, 520.0))
            .min_size(300.0)
            .max_size((width * 0.6).max(300.0))
            .show(ui, |ui| self.side_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            if self.editor.ui(ui) {
                self.after_edit();
            }
        });
        actions
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal_wrapped(|ui| {
            let name = self
                .draft
                .path()
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.label(RichText::new(name).family(bold()));
            let p = colors(ui);
            if self.draft.is_dirty() {
                chip_ui(ui, "● 저장 안 됨", p.warn)
                    .on_hover_text("고친 내용은 몇 초마다 옆 파일에 자동으로 보관되지만, 저장해야 시나리오에 들어갑니다");
            } else {
                chip_ui(ui, "저장됨", p.good);
            }
            let errors = self.validation.problems.iter().filter(|p| p.is_error()).count();
            if self.is_checking() {
                chip_ui(ui, "검사 중…", p.muted);
            } else if errors > 0 {
                chip_ui(ui, &format!("오류 {errors}"), p.bad);
            } else {
                chip_ui(ui, "오류 없음", p.good);
            }
            if primary_button(ui, "저장 (Ctrl+S)").clicked() {
                actions.extend(self.save());
            }
            if ui.button("찾기 (Ctrl+F)").clicked() {
                self.editor.open_find();
            }
            ui.menu_button("검토용 엑셀", |ui| {
                if ui.button("줄 내보내기 (.xlsx)").clicked() {
                    self.export_review();
                    ui.close();
                }
                if ui.button("검토한 파일 가져오기").clicked() {
                    self.import_review();
                    ui.close();
                }
                ui.label(
                    RichText::new(format!("파일: {}", self.review_path().display()))
                        .small()
                        .color(colors(ui).muted),
                );
            });
            if ui.button("닫기").clicked() {
                actions.push(if self.draft.is_dirty() {
                    Action::AskLeaveStudio
                } else {
                    Action::CloseStudio
                });
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{} · {}", self.origin, self.draft.path().display()))
                    .small()
                    .color(colors(ui).muted),
            );
            let (line, col) = self.editor.cursor();
            ui.label(
                RichText::new(format!("줄 {line}, 칸 {col}"))
                    .small()
                    .color(colors(ui).muted),
            );
        });
        if let Some((text, bad)) = &self.status {
            let p = colors(ui);
            ui.label(RichText::new(text).color(if *bad { p.bad } else { p.good }));
        }
        actions
    }

    /// The offers that need an answer: a recovered draft, a file changed on disk.
    fn banners_ui(&mut self, ui: &mut Ui) {
        let warn = colors(ui).warn;
        if let Some(r) = &self.recovery {
            let mut accept = false;
            let mut discard = false;
            ui.group(|ui| {
                ui.label(
                    RichText::new("지난번에 저장하지 않고 끝난 편집이 있습니다 (자동 저장본).")
                        .family(bold())
                        .color(warn),
                );
                ui.label(format!("저장된 파일과 다른 줄 {}개:", r.diff.len()));
                diff_ui(ui, &r.diff, "recovery-diff");
                ui.horizontal_wrapped(|ui| {
                    accept = primary_button(ui, "되살리기").clicked();
                    discard = ui.button("버리고 저장된 파일로").clicked();
                });
            });
            if accept {
                let r = self.recovery.take().expect("shown");
                self.draft.accept_recovery(&r);
                self.editor.text = r.text;
                self.edits += 1;
                self.edited_at = self.now - DEBOUNCE;
                self.status = Some((
                    "자동 저장본을 되살렸습니다. 저장해야 파일에 들어갑니다.".into(),
                    false,
                ));
            } else if discard {
                self.recovery = None;
                if let Err(e) = self.draft.discard_recovery() {
                    self.status = Some((e.to_string(), true));
                }
            }
        }
        if let Some(d) = &self.disk {
            let mut reload = false;
            let mut keep = false;
            ui.group(|ui| {
                let what = if d.disk_text.is_some() {
                    "다른 곳에서 이 파일이 바뀌었습니다 (다른 교관이 저장했을 수 있습니다)."
                } else {
                    "이 파일이 디스크에서 지워졌습니다. 저장하면 다시 만들어집니다."
                };
                ui.label(RichText::new(what).family(bold()).color(warn));
                diff_ui(ui, &d.diff, "disk-diff");
                ui.horizontal_wrapped(|ui| {
                    if d.disk_text.is_some() {
                        let label = if d.conflicts_with_edits {
                            "내 편집을 버리고 다시 읽기"
                        } else {
                            "다시 읽기"
                        };
                        reload = ui.button(label).clicked();
                    }
                    keep = ui.button("지금 것 유지").clicked();
                });
            });
            if reload {
                match self.draft.reload() {
                    Ok(()) => {
                        self.editor.text = self.draft.text().to_owned();
                        self.edits += 1;
                        self.edited_at = self.now - DEBOUNCE;
                        self.disk = None;
                        self.ignored_disk = None;
                        self.status = Some(("디스크의 파일을 다시 읽었습니다.".into(), false));
                    }
                    Err(e) => self.status = Some((e.to_string(), true)),
                }
            } else if keep {
                self.ignored_disk = self.disk.take().map(|d| d.disk_text);
            }
        }
    }

    fn side_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                let label = match tab {
                    Tab::Problems => format!("문제 {}", self.validation.problems.len()),
                    Tab::Outline => "개요".to_owned(),
                    Tab::Playtest => "시험".to_owned(),
                    Tab::Phrase => "문장 시험".to_owned(),
                    Tab::Stats => "통계".to_owned(),
                    Tab::Disputes => format!("이의 {}", self.disputes.len()),
                };
                ui.selectable_value(&mut self.tab, tab, label);
            }
        });
        ui.separator();
        let entry = self.validation.entry.clone();
        let path = self.path_text();
        egui::ScrollArea::vertical()
            .id_salt("studio-side-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                Tab::Problems => self.problems_ui(ui),
                Tab::Outline => self.outline_ui(ui),
                Tab::Playtest => {
                    let draft = DraftRef {
                        ctx: &self.ctx,
                        entry: entry.as_ref(),
                        path: &path,
                        text: &self.editor.text,
                        generation: self.editor.generation(),
                    };
                    let jump = self.playtest.ui(ui, &draft, &self.runs);
                    if let Some(j) = jump {
                        self.editor.jump_to(j, 1);
                    }
                    if self.playtest.take_save_request()
                        && let Some(entry) = &entry
                    {
                        self.save_playthrough(entry);
                    }
                }
                Tab::Phrase => {
                    let draft = DraftRef {
                        ctx: &self.ctx,
                        entry: entry.as_ref(),
                        path: &path,
                        text: &self.editor.text,
                        generation: self.editor.generation(),
                    };
                    let out = self.phrase.ui(ui, &draft);
                    if let Some(line) = out.jump {
                        self.editor.jump_to(line, 1);
                    }
                    if let Some(text) = out.new_text {
                        self.replace_text(text);
                        self.validate_now();
                    }
                }
                Tab::Stats => self.stats_ui(ui),
                Tab::Disputes => {
                    if let Some(sentence) = self.disputes_ui(ui) {
                        self.phrase.set_sentence(sentence);
                        self.tab = Tab::Phrase;
                    }
                }
            });
    }

    fn problems_ui(&mut self, ui: &mut Ui) {
        if self.is_checking() {
            ui.label(RichText::new("고친 내용을 검사하는 중…").color(colors(ui).muted));
        }
        if self.validation.problems.is_empty() {
            ui.label(
                RichText::new("문제가 없습니다. 시험 탭에서 바로 해 볼 수 있습니다.")
                    .color(colors(ui).good),
            );
            return;
        }
        let p = colors(ui);
        let mut jump = None;
        for (i, problem) in self.validation.problems.iter().enumerate() {
            let (tag, color) = if problem.is_error() {
                ("오류", p.bad)
            } else {
                ("경고", p.warn)
            };
            let text = format!(
                "{}:{} {tag} — {}",
                problem.line, problem.col, problem.message
            );
            let r = ui
                .push_id(("problem", i), |ui| {
                    ui.add(egui::Button::selectable(false, RichText::new(text).color(color)).wrap())
                })
                .inner;
            if r.clicked() {
                jump = Some((problem.line, problem.col));
            }
        }
        if let Some((line, col)) = jump {
            self.editor.jump_to(line, col);
        }
        ui.label(
            RichText::new(format!(
                "누르면 그 자리로 갑니다. 검사 {:.1} ms",
                self.last_ms
            ))
            .small()
            .color(p.muted),
        );
    }

    fn outline_ui(&mut self, ui: &mut Ui) {
        if self.outline.is_empty() {
            ui.label("파일 구조를 읽을 수 없습니다. 먼저 괄호 오류를 고치십시오.");
            return;
        }
        let mut jump = None;
        for (i, e) in self.outline.iter().enumerate() {
            let indent = match e.kind {
                authoring::OutlineKind::Persona | authoring::OutlineKind::Opening => 0.0,
                authoring::OutlineKind::Stage => 0.0,
                _ => 14.0,
            };
            ui.horizontal_wrapped(|ui| {
                ui.add_space(indent);
                let title = if e.title.is_empty() {
                    e.id.clone()
                } else {
                    format!("{} — {}", e.id, e.title)
                };
                let text = format!("{} {title}  (줄 {})", e.kind.label(), e.line);
                if ui
                    .push_id(("outline", i), |ui| {
                        ui.add(egui::Button::selectable(false, text))
                    })
                    .inner
                    .clicked()
                {
                    jump = Some(e.line);
                }
            });
        }
        if let Some(line) = jump {
            self.editor.jump_to(line, 1);
        }
    }

    fn stats_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.validation.entry.clone() else {
            ui.label("오류를 고치면 통계를 볼 수 있습니다.");
            return;
        };
        if self.stats.is_none() {
            self.stats = Some(authoring::stats::stats(
                &self.ctx.library,
                &entry,
                &self.runs,
            ));
        }
        let Some(s) = &self.stats else { return };
        panels::stats_ui(ui, s);
    }

    fn reload_disputes(&mut self) {
        let (d, broken) = authoring::phrase::load_disputes(&self.disputes_folder);
        self.disputes = d;
        self.disputes_broken = broken;
    }

    /// The trainees' disputes; returns a sentence to test when one is clicked.
    fn disputes_ui(&mut self, ui: &mut Ui) -> Option<String> {
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("훈련생 이의 {}건", self.disputes.len()));
            if ui.small_button("새로 읽기").clicked() {
                self.reload_disputes();
            }
        });
        ui.label(
            RichText::new(format!(
                "{}",
                authoring::phrase::disputes_path(&self.disputes_folder).display()
            ))
            .small()
            .color(colors(ui).muted),
        );
        if self.disputes_broken > 0 {
            ui.label(
                RichText::new(format!(
                    "읽지 못한 줄 {}개는 건너뛰었습니다.",
                    self.disputes_broken
                ))
                .color(colors(ui).warn),
            );
        }
        if self.disputes.is_empty() {
            ui.label(
                "아직 이의가 없습니다. 훈련생은 연습 점수표의 각 응답 옆 '이의' 단추로 보냅니다.",
            );
        }
        for (i, d) in self.disputes.iter().enumerate().rev() {
            super::widgets::card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!("{} · {} · {}", d.trainee, d.scenario, d.when))
                        .small()
                        .color(colors(ui).muted),
                );
                ui.label(RichText::new(&d.turn_text).family(bold()));
                ui.label(format!("분석 결과: {}", d.analyser_said));
                ui.label(format!("훈련생 의견: {}", d.expected));
                if ui
                    .push_id(("dispute", i), |ui| ui.button("문장 시험에서 보기"))
                    .inner
                    .clicked()
                {
                    picked = Some(d.turn_text.clone());
                }
            });
        }
        picked
    }

    fn save_playthrough(&mut self, entry: &crate::library::Entry) {
        let Some(turns) = self.playtest.turns_from_start() else {
            self.status = Some((
                "처음 단계, 시나리오의 처음 기분, 밝힌 사실 없이 시작한 시험만 플레이로 저장할 수 있습니다".into(),
                true,
            ));
            return;
        };
        let name = self.playtest.playthrough_name();
        match authoring::playtest::save_playthrough(entry, self.draft.path(), &name, &turns) {
            Ok(path) => {
                self.status = Some((format!("플레이를 저장했습니다: {}", path.display()), false));
                self.runs = authoring::playtest::rerun_playthroughs(entry, self.draft.path());
                self.stats = None;
            }
            Err(e) => self.status = Some((e.to_string(), true)),
        }
    }

    /// The workbook of lines for review, beside the scenario.
    pub fn review_path(&self) -> PathBuf {
        let stem = self
            .draft
            .path()
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
        self.draft
            .path()
            .with_file_name(format!("{stem}-검토.xlsx"))
    }

    fn export_review(&mut self) {
        let path = self.review_path();
        self.status = Some(
            match authoring::review::export_xlsx_file(&self.editor.text, &path) {
                Ok(()) => (
                    format!(
                        "검토용 파일을 만들었습니다: {} ('검토한 문장' 열을 고쳐 돌려받으십시오)",
                        path.display()
                    ),
                    false,
                ),
                Err(e) => (e.to_string(), true),
            },
        );
    }

    fn import_review(&mut self) {
        let path = self.review_path();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                self.status = Some((
                    format!("{}을(를) 읽을 수 없습니다: {e}", path.display()),
                    true,
                ));
                return;
            }
        };
        match authoring::review::import_xlsx(&self.ctx.library, &self.editor.text, &bytes) {
            Ok(r) => match r.text {
                Some(text) => {
                    let n = r.changed.len();
                    self.replace_text(text);
                    self.validate_now();
                    self.status = Some((
                        format!("검토한 줄 {n}개를 반영했습니다 (저장해야 파일에 들어갑니다)"),
                        false,
                    ));
                }
                None if r.problems.is_empty() => {
                    self.status = Some(("바뀐 줄이 없습니다.".into(), false));
                }
                None => {
                    let first = &r.problems[0];
                    self.status = Some((
                        format!(
                            "반영하지 않았습니다: 검토한 문장으로 바꾸면 오류가 생깁니다 ({}:{} {})",
                            first.line, first.col, first.message
                        ),
                        true,
                    ));
                }
            },
            Err(e) => self.status = Some((e.to_string(), true)),
        }
    }
}

/// Changed lines, `-` removed and `+` added, at most a screenful.
fn diff_ui(ui: &mut Ui, diff: &[authoring::DiffLine], salt: &str) {
    let p = colors(ui);
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(160.0)
        .show(ui, |ui| {
            for d in diff.iter().take(200) {
                let (sign, color) = match d.change {
                    Change::Removed => ("-", p.bad),
                    Change::Added => ("+", p.good),
                };
                ui.label(
                    RichText::new(format!("{sign}{:>5} {}", d.line, d.text))
                        .monospace()
                        .color(color),
                );
            }
            if diff.len() > 200 {
                ui.label(format!("… {}줄 더", diff.len() - 200));
            }
        });
}

/// A scenario's text with its `id` changed to `new_id` and its first `title` to `new_title`
/// (a duplicate). Only the first `id: "…"` with the old id and the first `title:` change.
pub fn renamed(text: &str, old_id: &str, new_id: &str, new_title: &str) -> String {
    let mut out = text.replacen(
        &format!("id: \"{old_id}\""),
        &format!("id: {}", crate::authoring::ron_text::quote(new_id)),
        1,
    );
    if let Some(start) = out.find("title: \"") {
        let value = start + "title: ".len();
        if let Some(end) = out[value + 1..].find('"').map(|e| value + 1 + e + 1) {
            out.replace_range(value..end, &crate::authoring::ron_text::quote(new_title));
        }
    }
    out
}
