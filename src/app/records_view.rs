//! The records side: the trainee's 기록 (past sessions, a progress plot, the items missed most
//! and the scenario that trains them next) and the instructor's dashboard (every trainee whose
//! records are in the folder, trainee × scenario, in a table with virtual rows).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use super::Action;
use super::style::{bold, colors};
use super::widgets::{primary_button, section_ui};
use crate::library::Library;
use crate::records::{Listed, Listing, Status, Store, export, stats};

/// Which sessions the history shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    All,
    Week,
    Month,
}

impl Period {
    fn label(self) -> &'static str {
        match self {
            Period::All => "전체",
            Period::Week => "최근 7일",
            Period::Month => "최근 30일",
        }
    }

    fn days(self) -> Option<i64> {
        match self {
            Period::All => None,
            Period::Week => Some(7),
            Period::Month => Some(30),
        }
    }
}

/// A trainee's history.
pub struct HistoryView {
    /// The trainee's ID (what they signed in with).
    pub trainee: String,
    listing: Listing,
    scenario: Option<String>,
    period: Period,
    /// Where the records are, in words.
    pub place: String,
    /// Export of the sessions shown.
    pub export: ExportState,
}

impl HistoryView {
    pub fn new(trainee: &str, listing: Listing, place: String) -> HistoryView {
        HistoryView {
            trainee: trainee.to_owned(),
            listing,
            scenario: None,
            period: Period::All,
            place,
            export: ExportState::new(ExportFormat::Xlsx),
        }
    }

    /// The trainee's records that pass the filters, oldest first.
    pub fn shown(&self) -> Vec<&Listed> {
        let since = self.period.days().map(|d| {
            jiff::Timestamp::now()
                .checked_sub(jiff::SignedDuration::from_hours(24 * d))
                .unwrap_or(jiff::Timestamp::MIN)
        });
        let mut out: Vec<&Listed> = self
            .listing
            .records
            .iter()
            .filter(|r| r.header.trainee.id == self.trainee)
            .filter(|r| {
                self.scenario
                    .as_ref()
                    .is_none_or(|s| &r.header.scenario == s)
            })
            .filter(|r| since.is_none_or(|t| r.header.started_at >= t))
            .collect();
        out.sort_by_key(|r| r.header.started_at);
        out
    }

    pub fn ui(&mut self, ui: &mut Ui, library: &Library) -> Vec<Action> {
        let mut actions = Vec::new();
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            actions.push(Action::BackToLibrary);
        }
        egui::Panel::bottom("history-buttons").show(ui, |ui| {
            ui.add_space(6.0);
            if ui.button("← 시나리오 목록").on_hover_text("Esc").clicked() {
                actions.push(Action::BackToLibrary);
            }
            ui.add_space(6.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("history-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| self.body_ui(ui, library, &mut actions));
        });
        actions
    }

    fn body_ui(&mut self, ui: &mut Ui, library: &Library, actions: &mut Vec<Action>) {
        let p = colors(ui);
        ui.heading(format!("기록 — {}", self.trainee));
        ui.label(RichText::new(&self.place).small().color(p.muted));
        problems_ui(ui, &self.listing);
        let mine: Vec<(String, String)> = {
            let mut m: BTreeMap<String, String> = BTreeMap::new();
            for r in self
                .listing
                .records
                .iter()
                .filter(|r| r.header.trainee.id == self.trainee)
            {
                m.insert(r.header.scenario.clone(), r.header.title.clone());
            }
            m.into_iter().collect()
        };
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("시나리오")
                .selected_text(
                    self.scenario
                        .as_ref()
                        .and_then(|s| mine.iter().find(|(id, _)| id == s))
                        .map_or("전체", |(_, t)| t.as_str()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.scenario, None, "전체");
                    for (id, title) in &mine {
                        ui.selectable_value(&mut self.scenario, Some(id.clone()), title);
                    }
                });
            ui.separator();
            for period in [Period::All, Period::Week, Period::Month] {
                ui.selectable_value(&mut self.period, period, period.label());
            }
        });
        if !self.shown().is_empty() {
            self.export
                .ui(ui, &[ExportFormat::Xlsx, ExportFormat::Csv], actions);
        }
        let shown = self.shown();
        if shown.is_empty() {
            ui.add_space(12.0);
            ui.label("아직 기록이 없습니다. 시나리오를 끝까지 하면 여기에 쌓입니다.");
            return;
        }
        let finished: Vec<&Listed> = shown
            .iter()
            .copied()
            .filter(|r| r.summary().status == Status::Finished)
            .collect();
        section_ui(ui, &format!("점수의 변화 ({}회)", finished.len()));
        progress_plot(ui, &finished);
        let missed = stats::missed_most(shown.iter().copied(), &self.trainee, 10);
        if !missed.is_empty() {
            section_ui(ui, "최근 10회에서 가장 자주 놓친 항목");
            let checklist = library.default_checklist();
            for (id, times) in missed.iter().take(5) {
                let title = checklist
                    .and_then(|c| c.item(id))
                    .map_or(id.as_str(), |i| i.title.as_str());
                ui.label(format!("· {title} — {times}회"));
            }
            let mut attempts: BTreeMap<String, u32> = BTreeMap::new();
            for r in &shown {
                *attempts.entry(r.header.scenario.clone()).or_default() += 1;
            }
            if let Some(s) = stats::next_scenario(library, &missed, &attempts) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("다음에 해 볼 시나리오: {}", s.title))
                            .family(bold())
                            .color(p.accent),
                    );
                    if primary_button(ui, "바로 하기 ▶").clicked() {
                        actions.push(Action::Open(s.scenario.clone()));
                    }
                });
            }
        }
        section_ui(ui, "지난 상담");
        for r in shown.iter().rev() {
            let s = r.summary();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(stats::local_time(r.header.started_at))
                        .small()
                        .color(p.muted),
                );
                ui.label(&r.header.title);
                let what = match (s.status, s.total, s.grade) {
                    (Status::Finished, Some(t), Some(g)) => format!("{t}점 {g}"),
                    _ => "중단됨".to_owned(),
                };
                ui.label(RichText::new(what).family(bold()));
                ui.label(
                    RichText::new(format!("{} · 응답 {}번", r.header.mode.label(), s.turns))
                        .small()
                        .color(p.muted),
                );
                if s.status == Status::Finished
                    && ui
                        .small_button("점수표 보기")
                        .on_hover_text("읽기 전용")
                        .clicked()
                {
                    actions.push(Action::OpenRecord(r.path.clone()));
                }
            });
        }
    }
}

/// Totals over time, and each phase (%, dimmer), one point per finished session.
fn progress_plot(ui: &mut Ui, finished: &[&Listed]) {
    let totals: Vec<[f64; 2]> = finished
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.summary().total.map(|t| [i as f64 + 1.0, f64::from(t)]))
        .collect();
    let mut phases: BTreeMap<String, Vec<[f64; 2]>> = BTreeMap::new();
    for (i, r) in finished.iter().enumerate() {
        for ph in &r.summary().phases {
            phases
                .entry(ph.phase.label().to_owned())
                .or_default()
                .push([i as f64 + 1.0, ph.score * 100.0]);
        }
    }
    let height = (ui.text_style_height(&egui::TextStyle::Body) * 14.0).clamp(180.0, 320.0);
    let accent = colors(ui).accent;
    Plot::new("progress")
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.5)
        .include_x((finished.len() as f64 + 0.5).max(5.5))
        .allow_scroll(false)
        .allow_drag(false)
        .legend(Legend::default())
        .x_axis_label("회차")
        .y_axis_label("점수")
        .show(ui, |plot| {
            for (label, pts) in phases {
                plot.line(Line::new(label, PlotPoints::from(pts)).width(1.0));
            }
            plot.line(
                Line::new("총점", PlotPoints::from(totals.clone()))
                    .width(3.0)
                    .color(accent),
            );
            plot.points(
                Points::new("총점", PlotPoints::from(totals))
                    .radius(4.0)
                    .color(accent),
            );
        });
}

/// Files in the records folder that could not be read: listed, never fatal.
fn problems_ui(ui: &mut Ui, listing: &Listing) {
    if listing.problems.is_empty() {
        return;
    }
    let p = colors(ui);
    egui::CollapsingHeader::new(
        RichText::new(format!("읽지 못한 기록 파일 {}개", listing.problems.len())).color(p.warn),
    )
    .show(ui, |ui| {
        for pr in &listing.problems {
            ui.label(RichText::new(format!("{}: {}", pr.path.display(), pr.reason)).small());
        }
    });
}

/// Which column the dashboard sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Trainee,
    Scenario,
    Attempts,
    Last,
    Best,
    Violations,
}

/// The instructor's dashboard: trainee × scenario.
pub struct DashboardView {
    listing: Listing,
    rows: Vec<stats::Row>,
    /// Counted once: the listing does not change while the dashboard is open.
    totals: stats::Totals,
    /// Indices of the rows shown, for the filter and sort they were made with: a frame only
    /// lays out the rows in view.
    order: Vec<usize>,
    order_key: Option<(String, SortBy, bool)>,
    filter: String,
    sort: SortBy,
    descending: bool,
    place: String,
    /// Export of the sessions behind the rows shown.
    pub export: ExportState,
    /// What the background xAPI sender is doing, when the LRS is set.
    pub lrs_status: Option<String>,
}

impl DashboardView {
    pub fn new(listing: Listing, place: String) -> DashboardView {
        let rows = stats::dashboard(listing.records.iter());
        let totals = stats::totals(listing.records.iter());
        DashboardView {
            listing,
            rows,
            totals,
            order: Vec::new(),
            order_key: None,
            filter: String::new(),
            sort: SortBy::Trainee,
            descending: false,
            place,
            export: ExportState::new(ExportFormat::Xlsx),
            lrs_status: None,
        }
    }

    /// Recomputes the rows shown when the filter or the sort changed.
    fn refresh_order(&mut self) {
        let key = (self.filter.clone(), self.sort, self.descending);
        if self.order_key.as_ref() != Some(&key) {
            self.order = self.shown_indices();
            self.order_key = Some(key);
        }
    }

    /// The rows shown: filtered by trainee or scenario words, sorted.
    pub fn shown(&self) -> Vec<&stats::Row> {
        self.shown_indices()
            .into_iter()
            .map(|i| &self.rows[i])
            .collect()
    }

    fn shown_indices(&self) -> Vec<usize> {
        let q = self.filter.trim().to_lowercase();
        let mut idx: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                q.is_empty()
                    || format!(
                        "{} {} {} {}",
                        r.trainee.name, r.trainee.id, r.scenario, r.title
                    )
                    .to_lowercase()
                    .contains(&q)
            })
            .collect();
        let violations = |r: &stats::Row| r.violations.values().sum::<u32>();
        idx.sort_by(|&a, &b| {
            let (a, b) = (&self.rows[a], &self.rows[b]);
            let o = match self.sort {
                SortBy::Trainee => a.trainee.id.cmp(&b.trainee.id),
                SortBy::Scenario => a.title.cmp(&b.title),
                SortBy::Attempts => a.attempts.cmp(&b.attempts),
                SortBy::Last => a.last.cmp(&b.last),
                SortBy::Best => a.best.cmp(&b.best),
                SortBy::Violations => violations(a).cmp(&violations(b)),
            };
            if self.descending { o.reverse() } else { o }
        });
        idx
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            actions.push(Action::BackToLibrary);
        }
        egui::Panel::top("dashboard-top").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("← 시나리오 목록").on_hover_text("Esc").clicked() {
                    actions.push(Action::BackToLibrary);
                }
                ui.heading("교관 현황판");
                let totals = &self.totals;
                ui.label(format!(
                    "훈련생 {}명 · 상담 {}회 · 중단 {}회",
                    totals.trainees, totals.sessions, totals.abandoned
                ));
                if let Some(m) = totals.mean {
                    ui.label(format!("평균 {m:.0}점"));
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label("찾기");
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("이름, 교번, 시나리오")
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
                ui.label(RichText::new(&self.place).small().color(colors(ui).muted));
            });
            problems_ui(ui, &self.listing);
            if !self.rows.is_empty() {
                self.export
                    .ui(ui, &[ExportFormat::Xlsx, ExportFormat::Csv], &mut actions);
                ui.label(
                    RichText::new("찾기에 걸린 줄의 상담만 내보냅니다 (비우면 전부).")
                        .small()
                        .color(colors(ui).muted),
                );
            }
            if let Some(s) = &self.lrs_status {
                ui.label(RichText::new(s).small().color(colors(ui).muted));
            }
            ui.add_space(4.0);
        });
        self.refresh_order();
        egui::CentralPanel::default().show(ui, |ui| {
            let rows: Vec<&stats::Row> = self.order.iter().map(|&i| &self.rows[i]).collect();
            if rows.is_empty() {
                ui.label("기록이 없습니다. 훈련생이 상담을 끝내면 여기에 쌓입니다.");
                return;
            }
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
            let mut sort = None;
            let mut drill = None;
            TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .column(Column::auto().at_least(120.0))
                .column(Column::remainder().at_least(200.0))
                .columns(Column::auto().at_least(56.0), 3)
                .column(Column::remainder().at_least(160.0))
                .header(row_height, |mut header| {
                    for (label, by) in [
                        ("훈련생", SortBy::Trainee),
                        ("시나리오", SortBy::Scenario),
                        ("횟수", SortBy::Attempts),
                        ("최근", SortBy::Last),
                        ("최고", SortBy::Best),
                        ("위반", SortBy::Violations),
                    ] {
                        header.col(|ui| {
                            let mark = match (self.sort == by, self.descending) {
                                (true, false) => " ▲",
                                (true, true) => " ▼",
                                _ => "",
                            };
                            if ui
                                .button(RichText::new(format!("{label}{mark}")).family(bold()))
                                .clicked()
                            {
                                sort = Some(by);
                            }
                        });
                    }
                })
                .body(|body| {
                    // Virtual rows: only those in view are laid out.
                    body.rows(row_height, rows.len(), |mut row| {
                        let r = rows[row.index()];
                        row.col(|ui| {
                            if ui
                                .link(format!("{} ({})", r.trainee.name, r.trainee.id))
                                .on_hover_text("이 훈련생의 기록")
                                .clicked()
                            {
                                drill = Some(r.trainee.id.clone());
                            }
                        });
                        row.col(|ui| {
                            ui.label(&r.title);
                        });
                        row.col(|ui| {
                            ui.label(r.attempts.to_string());
                        });
                        row.col(|ui| {
                            ui.label(r.last.map_or("—".to_owned(), |v| v.to_string()));
                        });
                        row.col(|ui| {
                            ui.label(r.best.map_or("—".to_owned(), |v| v.to_string()));
                        });
                        row.col(|ui| {
                            let text: Vec<String> = r
                                .violations
                                .iter()
                                .map(|(id, n)| format!("{id} {n}"))
                                .collect();
                            ui.label(RichText::new(text.join(", ")).small());
                        });
                    });
                });
            if let Some(by) = sort {
                if self.sort == by {
                    self.descending = !self.descending;
                } else {
                    self.sort = by;
                    self.descending = false;
                }
            }
            if let Some(id) = drill {
                actions.push(Action::OpenHistory(Some(id)));
            }
        });
        actions
    }

    /// The records behind the rows the filter shows (all of them when the filter is empty),
    /// oldest first: what the dashboard exports.
    pub fn shown_paths(&self) -> Vec<PathBuf> {
        let rows: HashSet<(&str, &str)> = self
            .shown_indices()
            .into_iter()
            .map(|i| {
                let r = &self.rows[i];
                (r.trainee.id.as_str(), r.scenario.as_str())
            })
            .collect();
        let mut out: Vec<&Listed> = self
            .listing
            .records
            .iter()
            .filter(|r| rows.contains(&(r.header.trainee.id.as_str(), r.header.scenario.as_str())))
            .collect();
        out.sort_by_key(|r| r.header.started_at);
        out.into_iter().map(|r| r.path.clone()).collect()
    }

    /// The filter as typed (names the export file).
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The records the dashboard was made from (to drill down without reading again).
    pub fn listing(&self) -> &Listing {
        &self.listing
    }
}

/// What an export makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The workbook: sheets 세션, 항목, 위반, 대화.
    Xlsx,
    /// The sessions table, UTF-8 with a BOM.
    Csv,
    /// One record's printable scorecard, opened in the browser.
    Scorecard,
}

impl ExportFormat {
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "Excel (.xlsx)",
            ExportFormat::Csv => "CSV",
            ExportFormat::Scorecard => "인쇄용 점수표 (HTML)",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Scorecard => "html",
        }
    }
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub format: ExportFormat,
    /// Sessions written.
    pub records: usize,
    /// Records that could not be read (left out; the notice says how many).
    pub skipped: usize,
}

/// `Ok(None)`: the trainee closed the save dialog without choosing.
type ExportResult = Result<Option<Exported>, String>;

/// An export under way (on its own thread) and how the last one ended, shown beside the
/// export buttons.
pub struct ExportState {
    pub format: ExportFormat,
    job: Option<mpsc::Receiver<ExportResult>>,
    pub last: Option<Result<Exported, String>>,
}

impl ExportState {
    pub fn new(format: ExportFormat) -> ExportState {
        ExportState {
            format,
            job: None,
            last: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Collects the export that ended since the last frame; returns it when it wrote a file.
    pub fn poll(&mut self) -> Option<Exported> {
        let rx = self.job.as_ref()?;
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("내보내기가 도중에 멈췄습니다. 다시 시도하십시오.".to_owned())
            }
        };
        self.job = None;
        match result {
            Ok(Some(done)) => {
                self.last = Some(Ok(done.clone()));
                Some(done)
            }
            Ok(None) => None,
            Err(e) => {
                self.last = Some(Err(e));
                None
            }
        }
    }

    /// Starts writing `paths` (records) as `self.format` on a thread of its own: into
    /// `default_dir` as `name` (a free name), or where the save dialog says when `choose`.
    pub fn start(&mut self, job: ExportJob, ctx: &egui::Context) {
        if self.is_running() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let format = self.format;
        let spawned = std::thread::Builder::new()
            .name("minwon-export".into())
            .spawn(move || {
                let _ = tx.send(job.run(format));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.job = Some(rx);
                self.last = None;
            }
            Err(e) => self.last = Some(Err(format!("내보내기를 시작할 수 없습니다: {e}"))),
        }
    }

    /// The format choice (when there is one), 내보내기 and 다른 곳에 저장…, and how the last
    /// export ended.
    fn ui(&mut self, ui: &mut Ui, formats: &[ExportFormat], actions: &mut Vec<Action>) {
        let p = colors(ui);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("보고서").family(bold()));
            if formats.len() > 1 {
                for &f in formats {
                    ui.selectable_value(&mut self.format, f, f.label());
                }
            }
            let running = self.is_running();
            let go = if self.format == ExportFormat::Scorecard {
                "점수표 열기 (인쇄)"
            } else {
                "내보내기"
            };
            let hover = "기록 폴더의 exports 폴더에 시각이 붙은 이름으로 저장합니다";
            if ui
                .add_enabled(!running, egui::Button::new(go))
                .on_hover_text(hover)
                .clicked()
            {
                actions.push(Action::Export {
                    format: self.format,
                    choose: false,
                });
            }
            if ui
                .add_enabled(!running, egui::Button::new("다른 곳에 저장…"))
                .clicked()
            {
                actions.push(Action::Export {
                    format: self.format,
                    choose: true,
                });
            }
            if running {
                ui.spinner();
                ui.label(RichText::new("내보내는 중…").small());
            }
        });
        match &self.last {
            Some(Ok(done)) => {
                let mut text =
                    format!("저장했습니다 ({}건): {}", done.records, done.path.display());
                if done.skipped > 0 {
                    text.push_str(&format!(
                        " — 읽지 못한 기록 {}개는 빠졌습니다",
                        done.skipped
                    ));
                }
                ui.label(RichText::new(text).small().color(p.good));
            }
            Some(Err(e)) => {
                ui.label(RichText::new(format!("내보내지 못했습니다: {e}")).color(p.bad));
            }
            None => {}
        }
    }
}

/// What to export and where: made on the UI thread, run on the export thread.
pub struct ExportJob {
    pub store: Store,
    /// The records, in the order they are written.
    pub paths: Vec<PathBuf>,
    pub default_dir: PathBuf,
    /// The file name without its extension.
    pub stem_what: String,
    pub stem_who: String,
    /// Ask where to save with the system's dialog.
    pub choose: bool,
}

impl ExportJob {
    fn run(self, format: ExportFormat) -> ExportResult {
        let name = export::file_name(
            &self.stem_what,
            &self.stem_who,
            jiff::Timestamp::now(),
            format.extension(),
        );
        let path = if self.choose {
            match choose_path(&self.default_dir, &name, format) {
                Some(p) => p,
                None => return Ok(None),
            }
        } else {
            export::free_path(&self.default_dir, &name)
        };
        if self.paths.is_empty() {
            return Err("내보낼 기록이 없습니다 (지금 보이는 목록이 비어 있습니다)".into());
        }
        let mut records = Vec::with_capacity(self.paths.len());
        let mut skipped = 0;
        for r in self.store.read_many(&self.paths) {
            match r {
                Ok(r) => records.push(r),
                Err(_) => skipped += 1,
            }
        }
        if records.is_empty() {
            return Err(
                "보이는 기록을 하나도 읽을 수 없습니다 (기록 파일이 지워졌거나 깨졌습니다)".into(),
            );
        }
        let written = match format {
            ExportFormat::Xlsx => export::save_table(&records, export::Table::Xlsx, &path),
            ExportFormat::Csv => export::save_table(&records, export::Table::Csv, &path),
            ExportFormat::Scorecard => export::write_html_as(&records[0], &path),
        };
        written.map_err(|e| e.to_string())?;
        Ok(Some(Exported {
            path,
            format,
            records: records.len(),
            skipped,
        }))
    }
}

/// The system's save dialog, opened in the default folder with the default name.
fn choose_path(dir: &std::path::Path, name: &str, format: ExportFormat) -> Option<PathBuf> {
    let _ = std::fs::create_dir_all(dir);
    let (what, ext): (&str, &[&str]) = match format {
        ExportFormat::Xlsx => ("Excel", &["xlsx"]),
        ExportFormat::Csv => ("CSV", &["csv"]),
        ExportFormat::Scorecard => ("HTML", &["html", "htm"]),
    };
    rfd::FileDialog::new()
        .set_title("다른 곳에 저장")
        .set_directory(dir)
        .set_file_name(name)
        .add_filter(what, ext)
        .save_file()
}

/// A `file://` address for a local path, for the browser.
pub fn file_url(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b':' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A past session's scorecard, read-only, with its printable export.
pub struct RecordView {
    pub path: PathBuf,
    pub header: crate::records::Header,
    pub view: super::ScorecardView,
    pub export: ExportState,
}

impl RecordView {
    pub fn new(record: &crate::records::Record, view: super::ScorecardView) -> RecordView {
        RecordView {
            path: record.path.clone(),
            header: record.header.clone(),
            view,
            export: ExportState::new(ExportFormat::Scorecard),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::Panel::top("record-export").show(ui, |ui| {
            ui.add_space(4.0);
            self.export.ui(ui, &[ExportFormat::Scorecard], &mut actions);
            ui.add_space(4.0);
        });
        actions.extend(self.view.ui(ui));
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_hangul_and_spaces_and_keep_drive_letters() {
        assert_eq!(
            file_url(std::path::Path::new("/tmp/exports/점수표 1.html")),
            "file:///tmp/exports/%EC%A0%90%EC%88%98%ED%91%9C%201.html"
        );
        assert_eq!(
            file_url(std::path::Path::new(r"C:\기록\a#b.html")),
            "file:///C:/%EA%B8%B0%EB%A1%9D/a%23b.html"
        );
    }
}
