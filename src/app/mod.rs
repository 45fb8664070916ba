//! The desktop app (eframe/egui): a view over the core. `MinwonApp::new(cc)` does all set-up,
//! so a test builds the real app; each screen is a file with a `ui` method that returns an
//! [`Action`], applied after drawing.

mod briefing;
mod library_view;
mod roleplay;
mod scorecard;
mod screenshot;
pub mod settings;
mod settings_view;
mod start;
pub mod style;
mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};

use egui::{Panel, RichText};

pub use roleplay::Roleplay;
pub use settings::{Mode, RendererChoice, Settings, ThemeChoice};

use crate::cli::{Cli, RendererArg};
use crate::engine::Session;
use crate::library::{Entry, Library};

/// Names the window and eframe's storage folder.
pub const APP_ID: &str = "minwon";
pub const TITLE: &str = "민원 응대 롤플레이 훈련";
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// The screens, in the order a trainee meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Library,
    Briefing,
    Roleplay,
    Scorecard,
    Settings,
}

/// What a screen asks for; applied after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The trainee entered a name and chose a mode.
    Begin {
        trainee: String,
        mode: Mode,
    },
    /// Back to the start screen (another trainee).
    ChangeTrainee,
    OpenSettings,
    /// Leave settings, saving them if given.
    CloseSettings(Option<Settings>),
    /// Show the briefing of a scenario.
    Open(String),
    /// Start the role-play of the open scenario.
    Start,
    BackToLibrary,
    /// Show the scorecard of the finished role-play.
    Finish,
    /// Play the same scenario again with a new seed.
    Retry,
}

/// Options a caller (a test, the screenshot run) may set besides the saved settings.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Seed of every session instead of a fresh one (tests and screenshots).
    pub seed: Option<u64>,
    /// Render the main screens into this folder and exit.
    pub screenshot_dir: Option<PathBuf>,
}

/// The app.
pub struct MinwonApp {
    settings: Settings,
    library: Arc<Library>,
    loading: Option<mpsc::Receiver<Library>>,
    screen: Screen,
    /// The screen to go back to from settings.
    before_settings: Screen,
    trainee: String,
    mode: Mode,
    start: start::StartScreen,
    library_view: library_view::LibraryView,
    briefing: Option<Entry>,
    roleplay: Option<Roleplay>,
    scorecard: Option<scorecard::ScorecardView>,
    settings_view: Option<settings_view::SettingsView>,
    /// Warnings shown until dismissed (broken settings, a folder that failed).
    notices: Vec<String>,
    startup: Startup,
    sessions_started: u64,
    script: Option<screenshot::Script>,
}

impl MinwonApp {
    /// The real app, with eframe's storage (may be `None`).
    pub fn new(cc: &eframe::CreationContext<'_>) -> MinwonApp {
        MinwonApp::with_startup(cc, Startup::default())
    }

    pub fn with_startup(cc: &eframe::CreationContext<'_>, startup: Startup) -> MinwonApp {
        let saved = cc.storage.and_then(|s| s.get_string(settings::STORAGE_KEY));
        MinwonApp::from_saved(&cc.egui_ctx, saved.as_deref(), startup)
    }

    /// Builds the app from saved settings text (what eframe's storage holds).
    pub fn from_saved(ctx: &egui::Context, saved: Option<&str>, startup: Startup) -> MinwonApp {
        style::install_fonts(ctx);
        let (settings, warning) = Settings::from_saved(saved);
        if let Some(w) = &warning {
            eprintln!("minwon: {w}");
        }
        style::apply(ctx, &settings);
        // The built-in pack is embedded and loads in milliseconds; folders load in the background.
        let library = Arc::new(Library::builtin());
        let script = startup
            .screenshot_dir
            .clone()
            .map(|dir| screenshot::Script::new(dir, ctx.clone()));
        let mut app = MinwonApp {
            start: start::StartScreen::new(&settings.trainee, settings.mode),
            trainee: settings.trainee.clone(),
            mode: settings.mode,
            settings,
            library,
            loading: None,
            screen: Screen::Start,
            before_settings: Screen::Start,
            library_view: library_view::LibraryView::default(),
            briefing: None,
            roleplay: None,
            scorecard: None,
            settings_view: None,
            notices: warning.into_iter().collect(),
            startup,
            sessions_started: 0,
            script,
        };
        app.reload_library(ctx);
        app
    }

    /// Loads the built-in pack plus the settings' folders off the UI thread.
    fn reload_library(&mut self, ctx: &egui::Context) {
        if self.settings.scenario_folders.is_empty() {
            self.library = Arc::new(Library::builtin());
            self.loading = None;
            return;
        }
        let folders = self.settings.scenario_folders.clone();
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("minwon-library".into())
            .spawn(move || {
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
    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// True while scenario folders are being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The role-play in progress or just finished.
    pub fn roleplay(&self) -> Option<&Roleplay> {
        self.roleplay.as_ref()
    }

    pub fn roleplay_mut(&mut self) -> Option<&mut Roleplay> {
        self.roleplay.as_mut()
    }

    pub fn scorecard(&self) -> Option<&crate::scoring::Scorecard> {
        self.scorecard.as_ref().map(|s| &s.card)
    }

    /// Settings as eframe stores them.
    pub fn saved_settings(&self) -> String {
        self.settings.to_saved()
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

    /// Applies an action of a screen.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Begin { trainee, mode } => {
                self.trainee = trainee.trim().to_owned();
                self.mode = mode;
                self.settings.trainee = self.trainee.clone();
                self.settings.mode = mode;
                self.screen = Screen::Library;
            }
            Action::ChangeTrainee => {
                self.start = start::StartScreen::new(&self.trainee, self.mode);
                self.screen = Screen::Start;
            }
            Action::OpenSettings => {
                if self.screen != Screen::Settings {
                    self.before_settings = self.screen;
                }
                self.settings_view = Some(settings_view::SettingsView::new(&self.settings));
                self.screen = Screen::Settings;
            }
            Action::CloseSettings(new) => {
                if let Some(new) = new {
                    let folders_changed = new.scenario_folders != self.settings.scenario_folders;
                    self.settings = new.sanitized();
                    style::apply(ctx, &self.settings);
                    if folders_changed {
                        self.reload_library(ctx);
                    }
                }
                self.settings_view = None;
                self.screen = self.before_settings;
            }
            Action::Open(id) => {
                if let Some(entry) = self.library.scenario(&id) {
                    self.briefing = Some(entry.clone());
                    self.screen = Screen::Briefing;
                }
            }
            // A retry is a new session of the same scenario, with a new seed.
            Action::Start | Action::Retry => {
                if let Some(entry) = self.briefing.clone() {
                    let seed = self.next_seed();
                    self.roleplay = Some(Roleplay::new(Session::start(&entry, seed), self.mode));
                    self.scorecard = None;
                    self.screen = Screen::Roleplay;
                }
            }
            Action::BackToLibrary => {
                self.roleplay = None;
                self.scorecard = None;
                self.screen = Screen::Library;
            }
            Action::Finish => {
                if let Some(rp) = &mut self.roleplay {
                    rp.finish();
                    self.scorecard = Some(scorecard::ScorecardView::new(rp.session()));
                    self.screen = Screen::Scorecard;
                }
            }
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = None;
        Panel::top("app-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(TITLE)
                        .family(style::bold())
                        .color(style::colors(ui).accent),
                );
                if self.screen != Screen::Start && !self.trainee.is_empty() {
                    ui.separator();
                    ui.label(format!("훈련생: {}", self.trainee));
                    widgets::chip_ui(
                        ui,
                        &format!("{} 모드", self.mode.label()),
                        style::colors(ui).accent,
                    );
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if self.screen != Screen::Settings
                        && self.screen != Screen::Roleplay
                        && ui.button("설정").clicked()
                    {
                        action = Some(Action::OpenSettings);
                    }
                    if self.is_loading() {
                        ui.spinner();
                        ui.label(RichText::new("시나리오 폴더를 읽는 중…").small());
                    }
                });
            });
            let mut dismiss = None;
            for (i, n) in self.notices.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("※ {n}")).color(style::colors(ui).warn));
                    if ui.small_button("닫기").clicked() {
                        dismiss = Some(i);
                    }
                });
            }
            if let Some(i) = dismiss {
                self.notices.remove(i);
            }
        });
        action
    }
}

impl eframe::App for MinwonApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.poll_library();
        let ctx = ui.ctx().clone();
        let mut action = self.top_bar_ui(ui);
        let screen_action = match self.screen {
            Screen::Start => self.start.ui(ui),
            Screen::Library => self.library_view.ui(ui, &self.library, self.is_loading()),
            Screen::Briefing => match &self.briefing {
                Some(entry) => briefing::ui(ui, entry, self.mode),
                None => Some(Action::BackToLibrary),
            },
            Screen::Roleplay => match &mut self.roleplay {
                Some(rp) => rp.ui(ui),
                None => Some(Action::BackToLibrary),
            },
            Screen::Scorecard => match &mut self.scorecard {
                Some(sc) => sc.ui(ui),
                None => Some(Action::BackToLibrary),
            },
            Screen::Settings => match &mut self.settings_view {
                Some(sv) => sv.ui(ui),
                None => Some(Action::CloseSettings(None)),
            },
        };
        action = action.or(screen_action);
        if let Some(a) = action {
            self.apply(a, &ctx);
        }
        if let Some(mut script) = self.script.take() {
            if let Some(a) = script.step(self) {
                self.apply(a, &ctx);
            }
            self.script = Some(script);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(settings::STORAGE_KEY, self.settings.to_saved());
    }
}

fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON).ok()
}

fn native_options(
    renderer: eframe::Renderer,
    size: egui::Vec2,
    startup: &Startup,
) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(TITLE)
        .with_app_id(APP_ID)
        .with_inner_size(size)
        .with_min_inner_size([960.0, 600.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let mut options = eframe::NativeOptions {
        viewport,
        renderer,
        ..Default::default()
    };
    if startup.screenshot_dir.is_some() {
        // A screenshot run neither restores nor saves the trainee's window and settings.
        options.persist_window = false;
        options.persistence_path = Some(std::env::temp_dir().join("minwon-screenshot-state.ron"));
    }
    options
}

fn parse_size(text: &str) -> Option<egui::Vec2> {
    let (w, h) = text.split_once(['x', 'X', '×'])?;
    let (w, h): (f32, f32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w >= 640.0 && h >= 480.0 && w <= 7680.0 && h <= 4320.0).then(|| egui::vec2(w, h))
}

/// Opens the app window; returns when it closes. Tries the chosen renderer, then the other.
pub fn run(args: &Cli) -> ExitCode {
    let settings = Settings::load_before_start(APP_ID);
    let forced = args.renderer;
    let first = match (forced, settings.renderer) {
        (Some(RendererArg::Glow), _) | (None, RendererChoice::Glow) => eframe::Renderer::Glow,
        _ => eframe::Renderer::Wgpu,
    };
    let other = match first {
        eframe::Renderer::Glow => eframe::Renderer::Wgpu,
        eframe::Renderer::Wgpu => eframe::Renderer::Glow,
    };
    let order: Vec<eframe::Renderer> = if forced.is_some() {
        vec![first]
    } else {
        vec![first, other]
    };
    let Some(size) = parse_size(&args.size) else {
        eprintln!("minwon: --size는 1280x800 처럼 적습니다 (640x480 이상).");
        return ExitCode::from(2);
    };
    let startup = Startup {
        seed: args.screenshot.as_ref().map(|_| 7),
        screenshot_dir: args.screenshot.clone(),
    };
    if let Some(dir) = &startup.screenshot_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "minwon: 스크린샷 폴더 {}를 만들 수 없습니다: {e}",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    for renderer in &order {
        let startup = startup.clone();
        let result = eframe::run_native(
            APP_ID,
            native_options(*renderer, size, &startup),
            Box::new(move |cc| Ok(Box::new(MinwonApp::with_startup(cc, startup)))),
        );
        match result {
            Ok(()) => return ExitCode::SUCCESS,
            Err(e) => eprintln!("minwon: {renderer} 방식으로 창을 열 수 없습니다: {e}"),
        }
    }
    eprintln!(
        "minwon: 창을 열 수 없습니다. 그래픽 드라이버를 확인하거나 `minwon --renderer glow` 또는 `--renderer wgpu`로 다시 실행해 보십시오. 명령줄 기능(minwon check, score …)은 창 없이 쓸 수 있습니다."
    );
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    #[test]
    fn window_size_is_parsed() {
        assert_eq!(
            super::parse_size("1024x640"),
            Some(egui::vec2(1024.0, 640.0))
        );
        assert_eq!(super::parse_size("10x10"), None);
        assert_eq!(super::parse_size("wide"), None);
    }
}
