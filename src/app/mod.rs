//! The desktop app (eframe/egui): a view over the core. `MinwonApp::new(cc)` does all set-up,
//! so a test builds the real app. The shown [`Screen`] carries its own state; each screen is a
//! file with a `ui` method that returns [`Action`]s, and [`MinwonApp::apply`] is the one place
//! that changes the app, after the frame is drawn.

mod briefing;
mod day_view;
mod library_view;
mod records_link;
mod records_view;
mod roleplay;
mod scorecard;
mod screenshot;
pub mod settings;
mod settings_view;
mod start;
pub mod studio;
pub mod style;
mod widgets;
pub mod window;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use egui::{Panel, RichText};

pub use day_view::{DayAction, DayView, Phase as DayPhase};
pub use records_view::{DashboardView, ExportFormat, Exported, HistoryView, RecordView};
pub use roleplay::Roleplay;
pub use scorecard::ScorecardView;
pub use settings::{Mode, RendererChoice, Settings, ThemeChoice};
pub use settings_view::SettingsView;
pub use start::StartScreen;
pub use studio::StudioView;
pub use window::run;

use crate::library::{Entry, Library};
use crate::model::TraineeTurn;
use crate::scoring::Scorecard;

/// Names the window and eframe's storage folder.
pub const APP_ID: &str = "minwon";
pub const TITLE: &str = "민원 응대 롤플레이 훈련";

/// The screen shown, with the state only it needs: a screen cannot be shown without its data.
pub enum Screen {
    /// Who is training, and in which mode.
    Start(StartScreen),
    /// The scenario cards (their search and filters live in the app, kept while navigating).
    Library,
    /// A scenario's briefing, before the role-play.
    Briefing(Entry),
    Roleplay {
        entry: Entry,
        roleplay: Box<Roleplay>,
    },
    /// The scorecard of a finished role-play; `entry` is played again on retry.
    Scorecard {
        entry: Entry,
        scorecard: Box<ScorecardView>,
    },
    /// A 일일열사 day: ten residents in a row, each with a card and a ledger entry.
    Day(Box<DayView>),
    /// The trainee's records (or one trainee's, from the dashboard).
    History(Box<HistoryView>),
    /// The instructor's dashboard of every trainee in the records folder.
    Dashboard(Box<DashboardView>),
    /// A past session's scorecard, read-only, with its printable export.
    Record(Box<RecordView>),
    /// The instructor's studio: one scenario file open for editing and playtesting.
    Studio(Box<StudioView>),
    /// A big records folder being listed off the UI thread, for the history or the dashboard.
    Loading(Box<Loading>),
    /// Settings, and the screen to go back to when they close.
    Settings {
        view: Box<SettingsView>,
        return_to: Box<Screen>,
    },
}

impl Default for Screen {
    /// Only a placeholder while [`MinwonApp::apply`] moves the old screen into the new one.
    fn default() -> Self {
        Screen::Library
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Screen::Start(_) => f.write_str("Start"),
            Screen::Library => f.write_str("Library"),
            Screen::Briefing(e) => write!(f, "Briefing({})", e.scenario.id),
            Screen::Roleplay { entry, .. } => write!(f, "Roleplay({})", entry.scenario.id),
            Screen::Scorecard { entry, .. } => write!(f, "Scorecard({})", entry.scenario.id),
            Screen::Day(d) => write!(f, "Day({}/10)", d.day.met()),
            Screen::History(h) => write!(f, "History({})", h.trainee),
            Screen::Dashboard(_) => f.write_str("Dashboard"),
            Screen::Record(_) => f.write_str("Record"),
            Screen::Studio(s) => write!(f, "Studio({})", s.path().display()),
            Screen::Loading(l) => write!(f, "Loading({} records)", l.count),
            Screen::Settings { return_to, .. } => write!(f, "Settings(return to {return_to:?})"),
        }
    }
}

/// What a screen (or the screenshot script) asks for. Nothing changes while a frame is drawn:
/// the frame's actions are applied, in order, after it.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The trainee entered a name and chose a mode.
    Begin {
        trainee: String,
        mode: Mode,
    },
    /// Show settings, then come back to the screen shown now.
    OpenSettings,
    /// Leave settings, keeping the new ones if given.
    CloseSettings(Option<Settings>),
    /// Show the briefing of a scenario.
    Open(String),
    /// Start the role-play of the scenario in the briefing.
    Start,
    /// Play one trainee turn.
    Say(TraineeTurn),
    /// Ask before ending a role-play that is still going ([`Confirm::EndSession`]).
    AskFinish,
    /// End the role-play (if it is still going) and show the scorecard.
    Finish,
    /// Keep going: close the question asked by [`Confirm`].
    CancelConfirm,
    /// Close the window although a role-play is going (answer to [`Confirm::CloseWindow`]).
    CloseWindow,
    /// Back to the start screen, to change the trainee or the mode.
    ChangeTrainee,
    /// Play the same scenario again with a new seed.
    Retry,
    BackToLibrary,
    /// Close the `n`-th notice.
    Dismiss(usize),
    /// Start a 일일열사 day from the library.
    StartDay,
    /// A step of the 일일열사 day on screen.
    Day(DayAction),
    /// Choose the station's signature practice (`None`: no practice) and save it in
    /// `station.ron`.
    SetPractice(Option<String>),
    /// Continue the `n`-th session a crash or kill left behind, exactly where it stopped.
    ResumeUnfinished(usize),
    /// Keep the `n`-th unfinished session as abandoned.
    AbandonUnfinished(usize),
    /// Show the records of a trainee (the one signed in when `None`).
    OpenHistory(Option<String>),
    /// Show the instructor's dashboard.
    OpenDashboard,
    /// Show a past session's scorecard, read-only.
    OpenRecord(PathBuf),
    /// The start screen's 교관 모드: the library with 편집 / 복제 / 새로 만들기.
    BeginInstructor {
        name: String,
    },
    /// Open a scenario in the studio (a built-in one as a copy in the instructor's folder).
    EditScenario(String),
    /// Open a copy of a scenario, with a new id, in the studio.
    DuplicateScenario(String),
    /// A new scenario from the template of this name, in the studio.
    NewScenario(String),
    /// The studio saved a scenario file: the library reads the folder again.
    StudioSaved(PathBuf),
    /// Leave the studio although it has unsaved edits: ask first ([`Confirm::LeaveStudio`]).
    AskLeaveStudio,
    /// Leave the studio (its unsaved edits stay in the autosaved sidecar).
    CloseStudio,
    /// Save the studio's file, then leave it.
    SaveAndCloseStudio,
    /// Open a file of the instructor's folder in the studio (one with an autosaved draft left
    /// behind, offered back there).
    EditFile(PathBuf),
    /// A trainee disputes a judgement of the analyser (the scorecard's 이의 button).
    Dispute(crate::authoring::phrase::Dispute),
    /// Export what the history, the dashboard or the record on screen shows: into the
    /// records folder's `exports`, or where the save dialog says when `choose`.
    Export {
        format: ExportFormat,
        choose: bool,
    },
}

/// A records folder being listed on a thread of its own (see [`Startup::background_listing`]).
pub struct Loading {
    rx: mpsc::Receiver<crate::records::Listing>,
    /// What to show with the listing.
    then: Listed,
    /// How many records are being read.
    pub count: usize,
}

/// The screen a listing is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Listed {
    History(String),
    Dashboard,
}

/// From how many records the history and the dashboard read the folder off the UI thread.
pub const BACKGROUND_LISTING: usize = 5_000;

/// A question the app asks before something that cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// 상담 종료 was pressed while the role-play is still going.
    EndSession,
    /// The window was asked to close while the role-play is still going (or the studio has
    /// unsaved edits).
    CloseWindow,
    /// The studio is to be closed with unsaved edits.
    LeaveStudio,
}

impl Startup {
    /// A screenshot or start-up timing run: it neither reads nor writes the trainee's settings.
    pub fn is_scripted(&self) -> bool {
        self.screenshot_dir.is_some() || self.report_first_frame
    }
}

/// Options a caller (the window, a test, the screenshot run) sets besides the saved settings.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Seed of every session instead of a fresh one (tests and screenshots).
    pub seed: Option<u64>,
    /// Render the main screens into this folder and exit.
    pub screenshot_dir: Option<PathBuf>,
    /// Where the renderer chosen in settings is remembered for the next start (see
    /// [`window::remember_renderer`]); `None` in tests and screenshot runs.
    pub renderer_file: Option<PathBuf>,
    /// Print when the first frame is on screen, and the peak memory, then close
    /// (`MINWON_FIRST_FRAME=1`, used by `scripts/startup.sh`).
    pub report_first_frame: bool,
    /// Text size from the command line (`--text-size`), instead of the saved one.
    pub text_scale: Option<f32>,
    /// Theme from the command line (`--theme`), instead of the saved one.
    pub theme: Option<ThemeChoice>,
    /// This PC's config folder, where `station.ron` lives when no station folder is set (the
    /// app's storage folder; `None` in tests unless they set one).
    pub config_dir: Option<PathBuf>,
    /// The records folder instead of the one settings resolve to (tests). Records are kept
    /// in the real app only when this or the resolved folder opens; tests without it keep none.
    pub records_dir: Option<PathBuf>,
    /// Resolve the records folder from settings (the station folder, a portable folder, the
    /// user's data folder): the real app does, tests do not.
    pub resolve_records: bool,
    /// From how many records the folder is listed off the UI thread, with a spinner
    /// ([`BACKGROUND_LISTING`] when `None`; tests set 0 to see the loading screen).
    pub background_listing: Option<usize>,
}

/// The app.
pub struct MinwonApp {
    settings: Settings,
    library: Arc<Library>,
    loading: Option<mpsc::Receiver<Library>>,
    screen: Screen,
    /// Search and filters of the library, kept while the trainee goes to a scenario and back.
    library_view: library_view::LibraryView,
    /// Warnings shown until dismissed (broken settings, a folder that failed).
    notices: Vec<String>,
    startup: Startup,
    sessions_started: u64,
    script: Option<screenshot::Script>,
    frames: u64,
    /// The renderer setting as it was at start or last written to `startup.renderer_file`: the
    /// file is written only when the trainee changes the setting, so a renderer remembered
    /// because it worked after a fallback is not overwritten by an unchanged "auto".
    renderer_set: RendererChoice,
    /// The question on screen, if any, and whether its safe button still needs the focus.
    confirm: Option<(Confirm, bool)>,
    /// The trainee confirmed closing the window: let the next close request through.
    closing: bool,
    /// The trainee whose history was shown last (to come back to it from a record).
    last_history: Option<String>,
    /// The station's settings (signature practice), from `station.ron`.
    station: crate::station::StationSettings,
    /// Where sessions are kept; `None` when no folder could be opened (a notice says why).
    store: Option<crate::records::Store>,
    /// Where the records are, in words.
    store_place: String,
    /// Sessions a crash or kill left behind, offered on the start screen.
    unfinished: Vec<crate::records::Unfinished>,
    /// Finished records whose write failed: kept in memory and retried.
    pending: Vec<crate::records::Journal>,
    /// 교관 모드: the library offers 편집 / 복제 / 새로 만들기.
    instructor: bool,
    /// Scenario files of the instructor's folder with an autosaved draft left behind (a crash,
    /// or closing without saving), offered on the library in 교관 모드.
    leftover_drafts: Vec<PathBuf>,
    /// Sends the outbox to the LRS in the background, when settings name one.
    sender: Option<crate::records::outbox::Sender>,
    /// Why the last finished session could not be put in the outbox (the next start queues it).
    queue_error: Arc<std::sync::Mutex<Option<String>>>,
}

impl MinwonApp {
    /// The real app, with eframe's storage (may be `None`).
    pub fn new(cc: &eframe::CreationContext<'_>) -> MinwonApp {
        MinwonApp::with_startup(cc, Startup::default())
    }

    pub fn with_startup(cc: &eframe::CreationContext<'_>, startup: Startup) -> MinwonApp {
        // A screenshot or timing run starts from the defaults (plus its command-line options),
        // so its pictures do not depend on what an earlier run left behind.
        let storage = if startup.is_scripted() {
            None
        } else {
            cc.storage
        };
        MinwonApp::build(&cc.egui_ctx, storage, startup)
    }

    /// Builds the app on a context with the settings kept in `storage`: missing, old or broken
    /// saved settings give defaults and a notice.
    pub fn build(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        startup: Startup,
    ) -> MinwonApp {
        style::install_fonts(ctx);
        let (mut settings, warning) = Settings::restore(storage);
        if let Some(theme) = startup.theme {
            settings.theme = theme;
        }
        if let Some(scale) = startup.text_scale {
            settings.text_scale = scale;
            settings = settings.sanitized();
        }
        if let Some(w) = &warning {
            eprintln!("minwon: {w}");
        }
        style::apply(ctx, &settings);
        // The built-in pack is embedded and loads in milliseconds, once; folders load in the
        // background.
        let library = Arc::new(Library::builtin());
        let script = startup
            .screenshot_dir
            .clone()
            .map(|dir| screenshot::Script::new(dir, ctx.clone()));
        let renderer_set = settings.renderer;
        let mut app = MinwonApp {
            // A shared station PC: the last trainee's name is not filled in for the next one.
            screen: Screen::Start(StartScreen::new("", settings.mode)),
            settings,
            library,
            loading: None,
            library_view: library_view::LibraryView::default(),
            notices: warning.into_iter().collect(),
            startup,
            sessions_started: 0,
            script,
            frames: 0,
            renderer_set,
            confirm: None,
            closing: false,
            last_history: None,
            station: crate::station::StationSettings::default(),
            store: None,
            store_place: String::new(),
            unfinished: Vec::new(),
            pending: Vec::new(),
            instructor: false,
            leftover_drafts: Vec::new(),
            sender: None,
            queue_error: Arc::default(),
        };
        app.load_station();
        app.open_records();
        app.start_sender();
        if !app.settings.scenario_folders.is_empty() {
            app.load_folders(ctx);
        }
        app
    }

    /// Loads the built-in pack plus the settings' folders off the UI thread; until it is done
    /// the library shows what it had.
    fn load_folders(&mut self, ctx: &egui::Context) {
        let folders = self.settings.scenario_folders.clone();
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("minwon-library".into())
            .spawn(move || {
                // The receiver is gone only when the app has closed or started a newer load.
                let _ = tx.send(Library::load(&folders));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.loading = Some(rx),
            Err(e) => self
                .notices
                .push(format!("시나리오 폴더를 읽기 시작할 수 없습니다: {e}")),
        }
    }

    fn poll_library(&mut self) {
        let Some(rx) = &self.loading else { return };
        match rx.try_recv() {
            Ok(lib) => {
                self.library = Arc::new(lib);
                self.loading = None;
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.notices
                    .push("시나리오 폴더를 읽다가 멈췄습니다. 내장 시나리오만 보입니다.".into());
            }
        }
    }

    /// The screen shown now.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The scenarios, checklists and language resources loaded.
    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// True while scenario folders are being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The role-play on screen (a scenario's, or a 일일열사 visit's).
    pub fn roleplay(&self) -> Option<&Roleplay> {
        match &self.screen {
            Screen::Roleplay { roleplay, .. } => Some(roleplay),
            Screen::Day(d) => d.roleplay(),
            _ => None,
        }
    }

    /// The 일일열사 day on screen.
    pub fn day(&self) -> Option<&DayView> {
        match &self.screen {
            Screen::Day(d) => Some(d),
            _ => None,
        }
    }

    /// The studio on screen.
    pub fn studio(&self) -> Option<&StudioView> {
        match &self.screen {
            Screen::Studio(s) => Some(s),
            _ => None,
        }
    }

    /// The studio on screen, to change (tests).
    pub fn studio_mut(&mut self) -> Option<&mut StudioView> {
        match &mut self.screen {
            Screen::Studio(s) => Some(s),
            _ => None,
        }
    }

    /// 교관 모드: the library offers 편집 / 복제 / 새로 만들기.
    pub fn is_instructor(&self) -> bool {
        self.instructor
    }

    /// The instructor's scenario folder, where the studio writes: the first scenario folder of
    /// the settings, else `시나리오` in the station folder, else in this PC's config folder.
    pub fn studio_folder(&self) -> PathBuf {
        // A screenshot or timing run writes nothing where the instructor's files are.
        if self.startup.is_scripted() {
            return std::env::temp_dir()
                .join(format!("minwon-screenshot-studio-{}", std::process::id()));
        }
        if let Some(first) = self.settings.scenario_folders.first() {
            return first.clone();
        }
        let base = self
            .settings
            .station_folder
            .clone()
            .or_else(|| self.startup.config_dir.clone())
            .unwrap_or_else(|| std::env::temp_dir().join("minwon"));
        base.join("시나리오")
    }

    /// True while the studio has edits not saved.
    fn studio_unsaved(&self) -> bool {
        self.studio().is_some_and(StudioView::is_dirty)
    }

    /// The scorecard on screen, also a past one opened from the history.
    pub fn scorecard_shown(&self) -> Option<&Scorecard> {
        match &self.screen {
            Screen::Record(v) => Some(&v.view.card),
            _ => self.scorecard(),
        }
    }

    /// The scorecard on screen.
    pub fn scorecard(&self) -> Option<&Scorecard> {
        match &self.screen {
            Screen::Scorecard { scorecard, .. } => Some(&scorecard.card),
            _ => None,
        }
    }

    /// Where `station.ron` is read and written: the station folder, else this PC's config
    /// folder; `None` when neither is known (tests).
    fn station_file(&self) -> Option<PathBuf> {
        let config = self.startup.config_dir.as_deref();
        match (self.settings.station_folder.as_deref(), config) {
            (Some(station), _) => Some(crate::station::path(Some(station), station)),
            (None, Some(config)) => Some(crate::station::path(None, config)),
            (None, None) => None,
        }
    }

    fn load_station(&mut self) {
        let Some(path) = self.station_file() else {
            return;
        };
        match crate::station::StationSettings::load(&path) {
            Ok(s) => self.station = s,
            Err(e) => self.notices.push(e.to_string()),
        }
        if let Err(e) = self.station.practice_in(&self.library) {
            self.notices.push(e.to_string());
        }
    }

    /// Opens the records folder and finds sessions left unfinished.
    fn open_records(&mut self) {
        use crate::records::{Location, Store};
        let location = match (&self.startup.records_dir, self.startup.resolve_records) {
            (Some(dir), _) => Ok(Location::Given(dir.clone())),
            (None, true) => Location::resolve(self.settings.station_folder.as_deref()),
            (None, false) => return,
        };
        // The real app keeps an index of the summaries in this PC's cache folder, so the
        // dashboard of a big station folder reads only the records it has not seen; tests
        // (a given folder) read every file.
        let index = self.startup.records_dir.is_none();
        let opened = location.and_then(|l| {
            Store::open(&l).map(|s| (l, if index { s.with_local_index() } else { s }))
        });
        match opened {
            Ok((l, store)) => {
                self.store_place = l.describe();
                self.unfinished = store.unfinished();
                self.store = Some(store);
            }
            Err(e) => {
                self.store = None;
                self.notices.push(format!(
                    "기록을 남길 수 없습니다 (상담은 그대로 할 수 있습니다): {e}"
                ));
            }
        }
    }

    /// Sessions left unfinished by a crash or kill, offered on the start screen.
    pub fn unfinished(&self) -> &[crate::records::Unfinished] {
        &self.unfinished
    }

    /// The records folder, when one is open.
    pub fn store(&self) -> Option<&crate::records::Store> {
        self.store.as_ref()
    }

    fn trainee(&self) -> crate::records::Trainee {
        crate::records::Trainee {
            name: self.settings.trainee.clone(),
            id: self.settings.trainee.clone(),
        }
    }

    fn records_mode(&self) -> crate::records::Mode {
        match self.settings.mode {
            Mode::Practice => crate::records::Mode::Practice,
            Mode::Assessment => crate::records::Mode::Evaluation,
        }
    }

    /// Writes the finished records whose write failed before; those that still fail stay.
    fn retry_pending(&mut self) {
        let mut written = Vec::new();
        self.pending.retain_mut(|j| match j.retry() {
            Ok(()) => {
                written.extend(records_link::finished_path(j));
                false
            }
            Err(_) => true,
        });
        for path in written {
            self.queue_statements(path);
        }
    }

    /// The station's signature practice, if one is chosen and known.
    pub fn practice(&self) -> Option<&crate::practice::Practice> {
        self.station.practice_in(&self.library).ok().flatten()
    }

    /// The station settings in use.
    pub fn station(&self) -> &crate::station::StationSettings {
        &self.station
    }

    /// The question on screen.
    pub fn confirm(&self) -> Option<Confirm> {
        self.confirm.map(|(c, _)| c)
    }

    /// True once the trainee has confirmed closing the window.
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// True while a role-play is going: ending it or closing the window asks first.
    pub fn session_in_progress(&self) -> bool {
        let day_going = self
            .day()
            .is_some_and(|d| d.day.met() > 0 && !matches!(d.phase, DayPhase::Summary));
        day_going || self.roleplay().is_some_and(|r| !r.session().is_over())
    }

    fn next_seed(&mut self) -> u64 {
        self.sessions_started += 1;
        match self.startup.seed {
            Some(seed) => seed.wrapping_add(self.sessions_started - 1),
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(self.sessions_started, |d| d.as_nanos() as u64),
        }
    }

    fn roleplay_screen(&mut self, entry: Entry) -> Screen {
        let seed = self.next_seed();
        let session = entry.start(seed);
        let journal = self.store.as_ref().map(|s| {
            s.begin(crate::records::Header::for_session(
                &session,
                self.trainee(),
                self.records_mode(),
            ))
        });
        let roleplay = Roleplay::new(session, self.settings.mode)
            .with_practice(self.practice().cloned())
            .with_journal(journal);
        Screen::Roleplay {
            entry,
            roleplay: Box::new(roleplay),
        }
    }

    /// Applies an action: the one place that changes the app.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        if !self.pending.is_empty() {
            self.retry_pending();
        }
        match action {
            Action::AskFinish if self.session_in_progress() => {
                self.confirm = Some((Confirm::EndSession, true));
                return;
            }
            Action::AskFinish | Action::Finish => self.confirm = None,
            Action::AskLeaveStudio => {
                self.confirm = Some((Confirm::LeaveStudio, true));
                return;
            }
            Action::CancelConfirm => {
                self.confirm = None;
                match &mut self.screen {
                    Screen::Roleplay { roleplay, .. } => roleplay.focus_answer(),
                    Screen::Day(d) => {
                        if let Some(r) = d.roleplay_mut() {
                            r.focus_answer();
                        }
                    }
                    _ => {}
                }
                return;
            }
            Action::CloseWindow => {
                self.confirm = None;
                self.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return;
            }
            _ => {}
        }
        let action = if action == Action::AskFinish {
            Action::Finish
        } else {
            action
        };
        let screen = std::mem::take(&mut self.screen);
        self.screen = self.next_screen(screen, action, ctx);
    }

    /// A close request while a role-play is going is held back and asked about.
    fn hold_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.closing
            && (self.session_in_progress() || self.studio_unsaved())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some((Confirm::CloseWindow, true));
        }
    }

    /// The question asked before ending a session or closing the window. The safe answer has
    /// the focus, so Enter and Esc keep the session.
    fn confirm_ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let Some((which, focus)) = self.confirm else {
            return Vec::new();
        };
        let progress = self
            .roleplay()
            .map(|r| (r.session().turns().len(), r.session().scenario().max_turns));
        let mut actions = Vec::new();
        let modal = egui::Modal::new(egui::Id::unique("minwon-confirm")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            let studio = self.studio_unsaved();
            let (title, body, go) = match which {
                Confirm::LeaveStudio => (
                    "저장하지 않고 닫으시겠습니까?",
                    "저장하지 않은 편집이 있습니다. 닫아도 자동 저장본이 남아 다음에 이 파일을 열 때 되살릴 수 있습니다.",
                    "저장하지 않고 닫기",
                ),
                Confirm::CloseWindow if studio => (
                    "창을 닫으시겠습니까?",
                    "시나리오에 저장하지 않은 편집이 있습니다. 닫아도 자동 저장본이 남아 다음에 열 때 되살릴 수 있습니다.",
                    "저장하지 않고 닫기",
                ),
                Confirm::EndSession => (
                    "상담을 끝내시겠습니까?",
                    "지금 끝내면 대화는 여기서 멈추고 점수표로 갑니다. 아직 하지 못한 항목은 놓친 것으로 채점됩니다.",
                    "끝내고 점수표 보기",
                ),
                Confirm::CloseWindow => (
                    "창을 닫으시겠습니까?",
                    "진행 중인 상담이 있습니다. 창을 닫으면 이 상담은 점수표 없이 사라집니다.",
                    "상담을 버리고 닫기",
                ),
            };
            ui.label(RichText::new(title).family(style::bold()).size(
                ui.text_style_height(&egui::TextStyle::Heading) * 0.85,
            ));
            if let Some((done, max)) = progress {
                ui.label(
                    RichText::new(format!("지금 {done}/{max}번째 응답까지 했습니다."))
                        .color(style::colors(ui).muted),
                );
            }
            ui.label(body);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let keep = widgets::primary_button(
                    ui,
                    if studio { "계속 편집하기" } else { "계속 응대하기" },
                );
                if focus {
                    keep.request_focus();
                }
                if keep.clicked() {
                    actions.push(Action::CancelConfirm);
                }
                ui.add_space(12.0);
                if which == Confirm::LeaveStudio && ui.button("저장하고 닫기").clicked() {
                    actions.push(Action::SaveAndCloseStudio);
                }
                let bad = style::colors(ui).bad;
                if ui
                    .add(egui::Button::new(RichText::new(go).color(bad)))
                    .clicked()
                {
                    actions.push(match which {
                        Confirm::EndSession => Action::Finish,
                        Confirm::CloseWindow => Action::CloseWindow,
                        Confirm::LeaveStudio => Action::CloseStudio,
                    });
                }
            });
            ui.label(
                RichText::new(if studio { "Esc: 계속 편집하기" } else { "Esc: 계속 응대하기" })
                    .small()
                    .color(style::colors(ui).muted),
            );
        });
        if focus && let Some((_, f)) = &mut self.confirm {
            *f = false;
        }
        if actions.is_empty() && modal.should_close() {
            actions.push(Action::CancelConfirm);
        }
        actions
    }

    fn next_screen(&mut self, screen: Screen, action: Action, ctx: &egui::Context) -> Screen {
        match (action, screen) {
            (Action::ChangeTrainee, Screen::Library | Screen::Scorecard { .. }) => {
                self.instructor = false;
                Screen::Start(StartScreen::new("", self.settings.mode))
            }
            (Action::BeginInstructor { name }, Screen::Start(_)) => {
                self.settings.trainee = name.trim().chars().take(40).collect();
                self.instructor = true;
                self.leftover_drafts = crate::authoring::drafts_in(&self.studio_folder());
                Screen::Library
            }
            (Action::EditFile(path), Screen::Library) => {
                match crate::authoring::Draft::open(&path) {
                    Ok(draft) => {
                        let name = path
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                        self.open_studio(draft, format!("교관 폴더의 {name}"))
                    }
                    Err(e) => {
                        self.notices.push(e.to_string());
                        Screen::Library
                    }
                }
            }
            (Action::EditScenario(id), Screen::Library) => self.studio_screen(&id, false),
            (Action::DuplicateScenario(id), Screen::Library) => self.studio_screen(&id, true),
            (Action::NewScenario(name), Screen::Library) => self.new_scenario_screen(&name),
            (Action::StudioSaved(path), screen) => {
                self.studio_saved(&path, ctx);
                screen
            }
            (Action::SaveAndCloseStudio, Screen::Studio(mut studio)) => {
                self.confirm = None;
                match studio.save() {
                    Some(Action::StudioSaved(path)) => {
                        self.studio_saved(&path, ctx);
                        self.leftover_drafts = crate::authoring::drafts_in(&self.studio_folder());
                        Screen::Library
                    }
                    _ => Screen::Studio(studio),
                }
            }
            (Action::CloseStudio, Screen::Studio(_)) => {
                self.confirm = None;
                self.leftover_drafts = crate::authoring::drafts_in(&self.studio_folder());
                Screen::Library
            }
            (Action::Dispute(mut d), screen) => {
                let folder = self.studio_folder();
                d.trainee = self.settings.trainee.clone();
                d.when = jiff::Timestamp::now()
                    .round(jiff::Unit::Second)
                    .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string());
                match crate::authoring::phrase::add_dispute(&folder, &d) {
                    Ok(_) => self
                        .notices
                        .push("이의를 교관에게 보냈습니다. 교관이 스튜디오에서 검토합니다.".into()),
                    Err(e) => self.notices.push(format!("이의를 남길 수 없습니다: {e}")),
                }
                screen
            }
            (Action::Begin { trainee, mode }, Screen::Start(_)) => {
                self.settings.trainee = trainee.trim().chars().take(40).collect();
                self.settings.mode = mode;
                Screen::Library
            }
            (Action::OpenSettings, screen @ Screen::Settings { .. }) => screen,
            (Action::OpenSettings, screen) => Screen::Settings {
                view: Box::new(
                    SettingsView::new(
                        &self.settings,
                        self.station.practice.clone(),
                        self.library
                            .practices
                            .iter()
                            .map(|p| (p.id.clone(), p.title.clone()))
                            .collect(),
                    )
                    .with_lrs_status(self.lrs_status()),
                ),
                return_to: Box::new(screen),
            },
            (Action::CloseSettings(new), Screen::Settings { return_to, .. }) => {
                if let Some(new) = new {
                    let new = new.sanitized();
                    let folders_changed = new.scenario_folders != self.settings.scenario_folders;
                    let station_changed = new.station_folder != self.settings.station_folder;
                    let lrs_changed = new.xapi != self.settings.xapi;
                    self.settings = new;
                    if lrs_changed {
                        self.start_sender();
                    }
                    if station_changed {
                        self.station = crate::station::StationSettings::default();
                        self.load_station();
                    }
                    style::apply(ctx, &self.settings);
                    if folders_changed {
                        if self.settings.scenario_folders.is_empty() {
                            self.library = Arc::new(Library::builtin());
                            self.loading = None;
                        } else {
                            self.load_folders(ctx);
                        }
                    }
                }
                *return_to
            }
            (Action::Open(id), Screen::Library) => match self.library.scenario(&id) {
                Some(entry) => Screen::Briefing(entry.clone()),
                None => {
                    self.notices
                        .push(format!("시나리오 \"{id}\"를 찾을 수 없습니다."));
                    Screen::Library
                }
            },
            (Action::Start, Screen::Briefing(entry))
            | (Action::Retry, Screen::Scorecard { entry, .. }) => self.roleplay_screen(entry),
            (
                Action::Say(turn),
                Screen::Roleplay {
                    entry,
                    mut roleplay,
                },
            ) => {
                roleplay.say(turn);
                self.journal_turn(&mut roleplay);
                Screen::Roleplay { entry, roleplay }
            }
            (
                Action::Finish,
                Screen::Roleplay {
                    entry,
                    mut roleplay,
                },
            ) => {
                roleplay.finish();
                let view = ScorecardView::new(roleplay.session(), self.practice())
                    .with_disputes(self.settings.mode == Mode::Practice);
                if let Some(j) = roleplay.take_journal() {
                    let closing = roleplay.session().closing_reply().map(|r| r.text.as_str());
                    self.finish_journal(j, &view.card, closing);
                }
                Screen::Scorecard {
                    entry,
                    scorecard: Box::new(view),
                }
            }
            (Action::ResumeUnfinished(i), Screen::Start(start)) => {
                match self.resume_unfinished(i) {
                    Ok(screen) => screen,
                    Err(e) => {
                        self.notices.push(e);
                        Screen::Start(start)
                    }
                }
            }
            (Action::AbandonUnfinished(i), screen) => {
                if i < self.unfinished.len() {
                    let u = self.unfinished.remove(i);
                    if let Some(store) = &self.store
                        && let Err(e) = store.abandon(u.header.id)
                    {
                        self.notices.push(e.to_string());
                    }
                }
                screen
            }
            (Action::OpenHistory(who), screen) if !matches!(screen, Screen::Roleplay { .. }) => {
                let trainee = who
                    .or_else(|| match &screen {
                        Screen::Record(_) | Screen::History(_) => self.last_history.clone(),
                        _ => None,
                    })
                    .unwrap_or_else(|| self.settings.trainee.clone());
                match self.store.clone() {
                    Some(store) => {
                        self.last_history = Some(trainee.clone());
                        self.listing_screen(store, Listed::History(trainee), ctx)
                    }
                    None => {
                        self.notices
                            .push("기록 폴더를 열 수 없어 기록을 볼 수 없습니다.".into());
                        screen
                    }
                }
            }
            (Action::OpenDashboard, Screen::Library) => match self.store.clone() {
                Some(store) => self.listing_screen(store, Listed::Dashboard, ctx),
                None => {
                    self.notices
                        .push("기록 폴더를 열 수 없어 현황판을 볼 수 없습니다.".into());
                    Screen::Library
                }
            },
            (Action::OpenRecord(path), screen) => {
                let read = self.store.as_ref().map(|s| s.read(&path));
                match read {
                    Some(Ok(record)) => {
                        let checklist = self.library.checklist(&record.header.checklist).cloned();
                        match ScorecardView::from_record(&record, checklist.as_deref()) {
                            Some(view) => Screen::Record(Box::new(RecordView::new(&record, view))),
                            None => screen,
                        }
                    }
                    Some(Err(e)) => {
                        self.notices.push(e.to_string());
                        screen
                    }
                    None => screen,
                }
            }
            (
                Action::BackToLibrary,
                Screen::History(_) | Screen::Dashboard(_) | Screen::Record(_) | Screen::Loading(_),
            ) => Screen::Library,
            (Action::Open(id), Screen::History(_)) => match self.library.scenario(&id) {
                Some(entry) => Screen::Briefing(entry.clone()),
                None => Screen::Library,
            },
            (Action::StartDay, Screen::Library) => {
                let seed = self.next_seed();
                let practice = self.practice().cloned();
                match crate::outreach::Day::new(&self.library, seed, practice) {
                    Ok(day) => Screen::Day(Box::new(DayView::new(day, self.settings.mode))),
                    Err(e) => {
                        self.notices.push(e.to_string());
                        Screen::Library
                    }
                }
            }
            (Action::Say(turn), Screen::Day(mut d)) => {
                if let Some(r) = d.roleplay_mut() {
                    r.say(turn);
                    self.journal_turn(r);
                }
                Screen::Day(d)
            }
            (Action::Finish, Screen::Day(mut d)) => {
                // A visit is recorded like a role-play: its record ends with the visit.
                let journal = d.roleplay_mut().and_then(|r| r.take_journal());
                match d.end_visit() {
                    Ok(()) => {
                        if let (Some(j), Some(session)) = (journal, d.day.current()) {
                            let card = crate::scoring::score_with(session, d.day.practice());
                            let closing = session.closing_reply().map(|r| r.text.clone());
                            self.finish_journal(j, &card, closing.as_deref());
                        }
                    }
                    Err(e) => {
                        if let Some(r) = d.roleplay_mut() {
                            r.set_journal(journal);
                        }
                        self.notices.push(e);
                    }
                }
                Screen::Day(d)
            }
            (Action::Day(step), Screen::Day(mut d)) => {
                let result = match step {
                    DayAction::Meet => d.meet().map(|()| {
                        let header = d.roleplay().zip(self.store.as_ref()).map(|(r, store)| {
                            (
                                store.clone(),
                                crate::records::Header::for_session(
                                    r.session(),
                                    self.trainee(),
                                    self.records_mode(),
                                ),
                            )
                        });
                        if let (Some(r), Some((store, header))) = (d.roleplay_mut(), header) {
                            r.set_journal(Some(store.begin(header)));
                        }
                    }),
                    DayAction::Submit(entry) => d.submit(entry),
                    DayAction::Next => {
                        d.next();
                        Ok(())
                    }
                    DayAction::EndDay => {
                        d.phase = day_view::Phase::Summary;
                        Ok(())
                    }
                    DayAction::Export => {
                        d.exported = Some(self.export_ledger(&d));
                        Ok(())
                    }
                };
                if let Err(e) = result {
                    self.notices.push(e);
                }
                Screen::Day(d)
            }
            (Action::BackToLibrary, Screen::Day(d))
                if d.day.current().is_none_or(|s| s.is_over()) =>
            {
                Screen::Library
            }
            (Action::Export { format, choose }, screen) => {
                self.screen = screen;
                self.start_export(format, choose, ctx);
                std::mem::take(&mut self.screen)
            }
            (Action::SetPractice(id), screen) => {
                self.set_practice(id);
                screen
            }
            (Action::BackToLibrary, Screen::Briefing(_) | Screen::Scorecard { .. }) => {
                Screen::Library
            }
            (Action::Dismiss(i), screen) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
                screen
            }
            // An action of a screen that an earlier action of the same frame already left
            // (two clicks in one frame): it no longer applies.
            (_, screen) => screen,
        }
    }

    /// The role-play of an unfinished session, continued from its last saved state with its
    /// journal reopened.
    fn resume_unfinished(&mut self, i: usize) -> Result<Screen, String> {
        let u = self
            .unfinished
            .get(i)
            .ok_or("그 상담은 이미 처리되었습니다")?;
        let entry = self
            .library
            .scenario(&u.header.scenario)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "시나리오 \"{}\"가 이 PC에 없어 이어 할 수 없습니다",
                    u.header.scenario
                )
            })?;
        let session = match &u.state {
            Some(state) => crate::engine::Session::resume(entry.compiled.clone(), state.clone())
                .map_err(|e| format!("이어 할 수 없습니다: {e}"))?,
            None => entry.start(u.header.seed),
        };
        let store = self
            .store
            .as_ref()
            .ok_or("기록 폴더가 열려 있지 않습니다")?;
        let journal = store.resume(u).map_err(|e| e.to_string())?;
        self.settings.trainee = u.header.trainee.name.clone();
        self.settings.mode = match u.header.mode {
            crate::records::Mode::Practice => Mode::Practice,
            crate::records::Mode::Evaluation => Mode::Assessment,
        };
        self.unfinished.remove(i);
        let roleplay = Roleplay::new(session, self.settings.mode)
            .with_practice(self.practice().cloned())
            .with_journal(Some(journal));
        Ok(Screen::Roleplay {
            entry,
            roleplay: Box::new(roleplay),
        })
    }

    /// The history or the dashboard made from the folder's listing: read here for a folder of
    /// up to [`BACKGROUND_LISTING`] records, on a thread of its own (a spinner meanwhile) for a
    /// bigger one.
    fn listing_screen(
        &mut self,
        store: crate::records::Store,
        then: Listed,
        ctx: &egui::Context,
    ) -> Screen {
        let count = store.record_count();
        let limit = self
            .startup
            .background_listing
            .unwrap_or(BACKGROUND_LISTING);
        if limit > 0 && count < limit {
            return self.listed_screen(then, store.list());
        }
        let (tx, rx) = mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("minwon-records".into())
            .spawn(move || {
                let _ = tx.send(store.list());
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => Screen::Loading(Box::new(Loading { rx, then, count })),
            Err(e) => {
                self.notices
                    .push(format!("기록을 읽기 시작할 수 없습니다: {e}"));
                Screen::Library
            }
        }
    }

    fn listed_screen(&self, then: Listed, listing: crate::records::Listing) -> Screen {
        match then {
            Listed::History(trainee) => Screen::History(Box::new(HistoryView::new(
                &trainee,
                listing,
                self.store_place.clone(),
            ))),
            Listed::Dashboard => Screen::Dashboard(Box::new(DashboardView::new(
                listing,
                self.store_place.clone(),
            ))),
        }
    }

    /// The listing of a big folder has arrived: its screen is shown.
    fn poll_listing(&mut self) {
        let Screen::Loading(l) = &self.screen else {
            return;
        };
        match l.rx.try_recv() {
            Ok(listing) => {
                let then = l.then.clone();
                self.screen = self.listed_screen(then, listing);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.notices
                    .push("기록을 읽다가 멈췄습니다. 다시 열어 보십시오.".into());
                self.screen = Screen::Library;
            }
        }
    }

    /// The studio with a scenario of the library: its file (a folder's), a copy of a built-in
    /// one in the instructor's folder (the embedded pack is never written), or a duplicate
    /// with a new id.
    fn studio_screen(&mut self, id: &str, duplicate: bool) -> Screen {
        use crate::authoring::Draft;
        let Some(entry) = self.library.scenario(id).cloned() else {
            self.notices
                .push(format!("시나리오 \"{id}\"를 찾을 수 없습니다."));
            return Screen::Library;
        };
        let folder = self.studio_folder();
        let title = entry.scenario.title.clone();
        let builtin = matches!(entry.origin, crate::library::Origin::Builtin);
        let opened = if duplicate {
            let text = if builtin {
                crate::library::builtin_files()
                    .iter()
                    .find(|(p, _)| *p == entry.path)
                    .map(|(_, t)| (*t).to_owned())
                    .ok_or_else(|| format!("내장 파일 {}이 없습니다", entry.path))
            } else {
                std::fs::read_to_string(&entry.path)
                    .map_err(|e| format!("{}을(를) 읽을 수 없습니다: {e}", entry.path))
            };
            text.map(|text| {
                let new_id = (2..)
                    .map(|n| format!("{id}-{n}"))
                    .find(|c| self.library.scenario(c).is_none())
                    .unwrap_or_else(|| format!("{id}-copy"));
                let text = studio::renamed(&text, id, &new_id, &format!("{title} (복제)"));
                let path = crate::authoring::document::free_name(&folder, &new_id);
                (
                    Draft::create(&path, &text),
                    format!("'{title}'의 복제본 (새 id {new_id})"),
                )
            })
        } else if let Some(copy) = builtin
            .then(|| builtin_copy(&folder, &entry.path))
            .filter(|p| p.exists())
        {
            // The copy made the last time (its folder not loaded yet): that file, with any
            // autosaved draft offered back.
            Draft::open(&copy)
                .map(|d| (d, format!("교관 폴더에 있는 '{title}'의 사본")))
                .map_err(|e| e.to_string())
        } else if builtin {
            Draft::copy_of_builtin(&entry.path, &folder)
                .map(|d| {
                    (
                        d,
                        format!("내장 시나리오 '{title}'의 사본 — 내장 원본은 바뀌지 않습니다"),
                    )
                })
                .map_err(|e| e.to_string())
        } else {
            Draft::open(std::path::Path::new(&entry.path))
                .map(|d| (d, format!("폴더의 시나리오 '{title}'")))
                .map_err(|e| e.to_string())
        };
        match opened {
            Ok((draft, origin)) => self.open_studio(draft, origin),
            Err(e) => {
                self.notices.push(e);
                Screen::Library
            }
        }
    }

    /// The studio with a new scenario from the template `name`.
    fn new_scenario_screen(&mut self, name: &str) -> Screen {
        let Some(t) = crate::authoring::templates::templates()
            .into_iter()
            .find(|t| t.name == name)
        else {
            self.notices.push(format!("서식 \"{name}\"이 없습니다."));
            return Screen::Library;
        };
        let id = (1..)
            .map(|n| format!("new-{}-{n}", t.name))
            .find(|c| {
                self.library.scenario(c).is_none()
                    && !self.studio_folder().join(format!("{c}.ron")).exists()
            })
            .unwrap_or_else(|| format!("new-{}", t.name));
        let draft = crate::authoring::templates::new_from_template(&t, &self.studio_folder(), &id);
        self.open_studio(draft, format!("새 시나리오 (서식: {})", t.title))
    }

    fn open_studio(&mut self, draft: crate::authoring::Draft, origin: String) -> Screen {
        let ctx = crate::authoring::Context::new(self.library.clone());
        Screen::Studio(Box::new(StudioView::new(
            draft,
            ctx,
            origin,
            self.studio_folder(),
        )))
    }

    /// A scenario file was saved: its folder becomes a scenario folder (if it is not one) and
    /// the library reads the folders again, so the scenario is on a card.
    fn studio_saved(&mut self, path: &std::path::Path, ctx: &egui::Context) {
        let Some(folder) = path.parent() else { return };
        let known = self
            .settings
            .scenario_folders
            .iter()
            .any(|f| folder.starts_with(f));
        if !known {
            self.settings.scenario_folders.push(folder.to_path_buf());
        }
        self.load_folders(ctx);
    }

    /// Saves the station's signature practice in `station.ron`.
    fn set_practice(&mut self, id: Option<String>) {
        let mut station = self.station.clone();
        station.practice = id;
        match self.station_file() {
            Some(path) => match station.save(&path) {
                Ok(()) => self.station = station,
                Err(e) => self.notices.push(e.to_string()),
            },
            // Nowhere to keep it (tests): for this run only.
            None => self.station = station,
        }
    }

    /// Writes the day's ledger as CSV into the records folder's `ledgers` (or this PC's
    /// config folder), named by the time.
    fn export_ledger(&self, d: &DayView) -> Result<PathBuf, String> {
        let dir = self
            .settings
            .station_folder
            .clone()
            .or_else(|| self.startup.config_dir.clone())
            .unwrap_or_else(std::env::temp_dir)
            .join("ledgers");
        let bytes = d.day.ledger_csv().map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}을(를) 만들 수 없습니다: {e}", dir.display()))?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let trainee: String = self
            .settings
            .trainee
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let path = dir.join(format!("일일열사-{trainee}-{stamp}.csv"));
        let tmp = path.with_extension("csv.tmp");
        std::fs::write(&tmp, &bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| format!("장부를 {}에 저장할 수 없습니다: {e}", path.display()))?;
        Ok(path)
    }

    fn top_bar_ui(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        Panel::top("app-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(TITLE)
                        .family(style::bold())
                        .color(style::colors(ui).accent),
                );
                let trainee = &self.settings.trainee;
                if !matches!(self.screen, Screen::Start(_)) && !trainee.is_empty() {
                    ui.separator();
                    ui.label(format!("훈련생: {trainee}"));
                    let mode = if self.instructor || matches!(self.screen, Screen::Studio(_)) {
                        "교관"
                    } else {
                        self.settings.mode.label()
                    };
                    widgets::chip_ui(ui, &format!("{mode} 모드"), style::colors(ui).accent);
                    if matches!(self.screen, Screen::Library) && self.store.is_some() {
                        if ui
                            .small_button("기록")
                            .on_hover_text("지난 상담과 점수의 변화")
                            .clicked()
                        {
                            actions.push(Action::OpenHistory(None));
                        }
                        if ui
                            .small_button("교관 현황판")
                            .on_hover_text("기록 폴더의 모든 훈련생")
                            .clicked()
                        {
                            actions.push(Action::OpenDashboard);
                        }
                    }
                    if matches!(self.screen, Screen::Library | Screen::Scorecard { .. })
                        && ui
                            .small_button("훈련생·모드 바꾸기")
                            .on_hover_text("처음 화면으로 돌아가 이름과 훈련 방식을 다시 고릅니다")
                            .clicked()
                    {
                        actions.push(Action::ChangeTrainee);
                    }
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let can_open = !matches!(
                        self.screen,
                        Screen::Settings { .. } | Screen::Roleplay { .. } | Screen::Day(_)
                    );
                    if can_open && ui.button("설정").clicked() {
                        actions.push(Action::OpenSettings);
                    }
                    if self.is_loading() {
                        ui.spinner();
                        ui.label(RichText::new("시나리오 폴더를 읽는 중…").small());
                    }
                });
            });
            if matches!(self.screen, Screen::Start(_)) {
                for (i, u) in self.unfinished.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "※ 끝나지 않은 상담: {} — {} · 응답 {}번까지",
                                u.header.title,
                                u.header.trainee.name,
                                u.turns.len()
                            ))
                            .color(style::colors(ui).warn),
                        );
                        if ui.button("이어 하기").clicked() {
                            actions.push(Action::ResumeUnfinished(i));
                        }
                        if ui.small_button("중단으로 남기기").clicked() {
                            actions.push(Action::AbandonUnfinished(i));
                        }
                    });
                }
            }
            if self.instructor && matches!(self.screen, Screen::Library) {
                for path in &self.leftover_drafts {
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("※ 저장하지 않은 편집이 남은 시나리오: {name}"))
                                .color(style::colors(ui).warn),
                        );
                        let open = ui.button("열어서 되살리기");
                        open.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("{name} 열어서 되살리기"),
                            )
                        });
                        if open.clicked() {
                            actions.push(Action::EditFile(path.clone()));
                        }
                    });
                }
            }
            for (i, n) in self.notices.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("※ {n}")).color(style::colors(ui).warn));
                    if ui.small_button("닫기").clicked() {
                        actions.push(Action::Dismiss(i));
                    }
                });
            }
        });
        actions
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let loading = self.is_loading();
        let lrs = match self.screen {
            Screen::Dashboard(_) => self.lrs_status(),
            _ => None,
        };
        let action = match &mut self.screen {
            Screen::Start(start) => start.ui(ui),
            Screen::Library => self
                .library_view
                .ui(ui, &self.library, loading, self.instructor),
            Screen::Briefing(entry) => {
                let practice = self.station.practice_in(&self.library).ok().flatten();
                briefing::ui(ui, entry, self.settings.mode, practice)
            }
            Screen::Roleplay { roleplay, .. } => return roleplay.ui(ui),
            Screen::Day(d) => return d.ui(ui),
            Screen::History(h) => return h.ui(ui, &self.library),
            Screen::Dashboard(d) => {
                d.lrs_status = lrs;
                if d.lrs_status.is_some() {
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs(1));
                }
                return d.ui(ui);
            }
            Screen::Record(v) => return v.ui(ui),
            Screen::Studio(s) => return s.ui(ui),
            Screen::Loading(l) => loading_ui(ui, l.count),
            Screen::Scorecard { scorecard, .. } => scorecard.ui(ui),
            Screen::Settings { view, .. } => return view.ui(ui),
        };
        action.into_iter().collect()
    }
}

/// A spinner while a big records folder is read; 취소 goes back to the library.
fn loading_ui(ui: &mut egui::Ui, count: usize) -> Option<Action> {
    let mut action = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.spinner();
            ui.label(format!("기록 {count}개를 읽는 중…"));
            if ui.button("취소").clicked() {
                action = Some(Action::BackToLibrary);
            }
        });
    });
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        action = Some(Action::BackToLibrary);
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
    action
}

/// Where [`crate::authoring::Draft::copy_of_builtin`] puts the first copy of a built-in file.
fn builtin_copy(folder: &std::path::Path, builtin_path: &str) -> PathBuf {
    let name = std::path::Path::new(builtin_path)
        .file_name()
        .map_or_else(|| "scenario.ron".into(), |n| n.to_os_string());
    folder.join(name)
}

impl eframe::App for MinwonApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.poll_library();
        self.poll_listing();
        let ctx = ui.ctx().clone();
        self.poll_export(&ctx);
        self.hold_close(&ctx);
        // The question goes first, so its Esc is not also taken by the screen below it.
        let mut actions = self.confirm_ui(&ctx);
        let asking = self.confirm.is_some();
        actions.extend(self.top_bar_ui(ui));
        let screen_actions = self.screen_ui(ui);
        if !asking {
            actions.extend(screen_actions);
        }
        if let Some(mut script) = self.script.take() {
            actions.extend(script.step(self));
            self.script = Some(script);
        }
        for action in actions {
            self.apply(action, &ctx);
        }
        if self.startup.report_first_frame {
            window::report_first_frame(&ctx, self.frames);
        }
        self.frames += 1;
    }

    /// Stops the LRS sender, waiting briefly for a request under way (a statement is deleted
    /// from the outbox only once the LRS has it, so one cut off is sent next time).
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if !self.pending.is_empty() {
            self.retry_pending();
        }
        if let Some(sender) = self.sender.take() {
            sender.stop_within(std::time::Duration::from_secs(2));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.startup.is_scripted() {
            return;
        }
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
        if let Some(path) = &self.startup.renderer_file
            && self.renderer_set != self.settings.renderer
        {
            match window::remember_renderer(path, self.settings.renderer) {
                Ok(()) => self.renderer_set = self.settings.renderer,
                Err(e) => eprintln!(
                    "minwon: 그리기 방식을 {}에 적을 수 없습니다: {e}",
                    path.display()
                ),
            }
        }
    }
}
