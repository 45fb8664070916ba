//! Opening the window: renderer choice and fallback, window options, the icon, and the renderer
//! remembered for the next start. The app itself knows nothing of this.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{APP_ID, MinwonApp, RendererChoice, Startup, TITLE};
use crate::cli::{Cli, RendererArg, WindowSize};

const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// The file, in eframe's storage folder, that remembers the renderer chosen in settings. The
/// renderer must be known before a window (and so eframe's storage) exists.
const RENDERER_FILE: &str = "renderer.txt";

/// Set to `1` to print when the first frame is on screen and the peak memory, then close.
pub const FIRST_FRAME_ENV: &str = "MINWON_FIRST_FRAME";

/// Set on the process started again with the other renderer: it does not fall back again, and
/// remembers the renderer that worked.
pub const FALLBACK_ENV: &str = "MINWON_RENDERER_FALLBACK";

/// Opens the window with the first renderer of `order` in this process. winit allows one event
/// loop per process, so when that renderer cannot start, the next one is tried by `relaunch`:
/// the same program started again, fresh, with that renderer forced. Returns whether a window
/// opened and closed normally.
pub fn open_with_fallback(
    order: &[eframe::Renderer],
    may_relaunch: bool,
    open: impl FnOnce(eframe::Renderer) -> Result<(), String>,
    relaunch: impl FnOnce(eframe::Renderer) -> Result<bool, String>,
) -> bool {
    let Some((&first, rest)) = order.split_first() else {
        return false;
    };
    match open(first) {
        Ok(()) => return true,
        Err(e) => eprintln!("minwon: {first} 방식으로 창을 열 수 없습니다: {e}"),
    }
    let Some(&next) = rest.first().filter(|_| may_relaunch) else {
        return false;
    };
    eprintln!("minwon: {next} 방식으로 새로 시작합니다");
    match relaunch(next) {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("minwon: {next} 방식으로 다시 시작할 수 없습니다: {e}");
            false
        }
    }
}

/// The command-line arguments for starting again with `renderer` forced: the same arguments
/// without any `--renderer`.
pub fn relaunch_args(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    renderer: eframe::Renderer,
) -> Vec<std::ffi::OsString> {
    let mut out = Vec::new();
    let mut skip_value = false;
    for a in args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        let text = a.to_string_lossy();
        if text == "--renderer" {
            skip_value = true;
            continue;
        }
        if text.starts_with("--renderer=") {
            continue;
        }
        out.push(a);
    }
    out.push("--renderer".into());
    out.push(renderer_word(renderer).into());
    out
}

fn renderer_word(r: eframe::Renderer) -> &'static str {
    match r {
        eframe::Renderer::Glow => "glow",
        _ => "wgpu",
    }
}

/// Starts this program again with `renderer` forced and waits for it.
fn relaunch(renderer: eframe::Renderer) -> Result<bool, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let args = relaunch_args(std::env::args_os().skip(1), renderer);
    let status = std::process::Command::new(exe)
        .args(args)
        .env(FALLBACK_ENV, renderer_word(renderer))
        .status()
        .map_err(|e| e.to_string())?;
    Ok(status.success())
}

/// The renderers to try, in order: the one forced on the command line only, or the one chosen
/// in settings (wgpu for "auto") and then the other.
pub fn renderer_order(
    forced: Option<RendererArg>,
    chosen: RendererChoice,
) -> Vec<eframe::Renderer> {
    match (forced, chosen) {
        (Some(RendererArg::Wgpu), _) => vec![eframe::Renderer::Wgpu],
        (Some(RendererArg::Glow), _) => vec![eframe::Renderer::Glow],
        (None, RendererChoice::Glow) => vec![eframe::Renderer::Glow, eframe::Renderer::Wgpu],
        (None, RendererChoice::Auto | RendererChoice::Wgpu) => {
            vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow]
        }
    }
}

/// The renderer remembered in `path`, if the file is there and readable.
pub fn remembered_renderer(path: &Path) -> Option<RendererChoice> {
    let text = std::fs::read_to_string(path).ok()?;
    match text.trim() {
        "auto" => Some(RendererChoice::Auto),
        "wgpu" => Some(RendererChoice::Wgpu),
        "glow" => Some(RendererChoice::Glow),
        other => {
            eprintln!(
                "minwon: {}의 그리기 방식 \"{other}\"을(를) 알 수 없어 자동으로 시작합니다",
                path.display()
            );
            None
        }
    }
}

/// Remembers the renderer for the next start.
pub fn remember_renderer(path: &Path, choice: RendererChoice) -> std::io::Result<()> {
    let word = match choice {
        RendererChoice::Auto => "auto",
        RendererChoice::Wgpu => "wgpu",
        RendererChoice::Glow => "glow",
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, word)
}

fn renderer_file() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID).map(|d| d.join(RENDERER_FILE))
}

fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON).ok()
}

fn native_options(
    renderer: eframe::Renderer,
    size: WindowSize,
    startup: &Startup,
) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(TITLE)
        .with_app_id(APP_ID)
        .with_inner_size([size.width, size.height])
        .with_min_inner_size([960.0, 600.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let mut options = eframe::NativeOptions {
        viewport,
        renderer,
        ..Default::default()
    };
    if startup.screenshot_dir.is_some() || startup.report_first_frame {
        // A screenshot or timing run neither restores nor saves the trainee's window and
        // settings.
        options.persist_window = false;
        options.persistence_path = Some(std::env::temp_dir().join("minwon-screenshot-state.ron"));
    }
    options
}

/// Called at the end of every frame when timing start-up: frame 0 is being drawn, so ask for
/// another; when frame 1 starts, frame 0 is on screen.
pub fn report_first_frame(ctx: &egui::Context, frame: u64) {
    match frame {
        0 => ctx.request_repaint(),
        1 => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            eprintln!("first-frame-unix-ns={now} peak-rss-kb={}", peak_rss_kb());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        _ => {}
    }
}

/// The process's peak resident memory, from `/proc` (0 where there is none).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Opens the app window; returns when it closes. Tries the chosen renderer, then the other.
pub fn run(args: &Cli) -> ExitCode {
    let report_first_frame = std::env::var(FIRST_FRAME_ENV).is_ok_and(|v| v == "1");
    let screenshot = args.screenshot.is_some();
    let renderer_file = (!screenshot && !report_first_frame)
        .then(renderer_file)
        .flatten();
    let chosen = renderer_file
        .as_deref()
        .and_then(remembered_renderer)
        .unwrap_or_default();
    let startup = Startup {
        seed: screenshot.then_some(7),
        screenshot_dir: args.screenshot.clone(),
        renderer_file,
        report_first_frame,
        text_scale: args.text_size,
        config_dir: eframe::storage_dir(APP_ID),
        // A screenshot run keeps its demo session in a fresh folder of its own, so the
        // history and dashboard shots show it and nobody's records.
        records_dir: screenshot.then(|| {
            std::env::temp_dir().join(format!("minwon-screenshot-records-{}", std::process::id()))
        }),
        resolve_records: !screenshot && !report_first_frame,
        background_listing: None,
        theme: args.theme.map(|t| match t {
            crate::cli::ThemeArg::Light => super::ThemeChoice::Light,
            crate::cli::ThemeArg::Dark => super::ThemeChoice::Dark,
        }),
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
    // In the process started again after a failure: remember what worked once it has.
    let fell_back = std::env::var(FALLBACK_ENV).is_ok();
    let order = renderer_order(args.renderer, chosen);
    let open = |renderer: eframe::Renderer| {
        let remember = fell_back.then(|| startup.renderer_file.clone()).flatten();
        let startup = startup.clone();
        eframe::run_native(
            APP_ID,
            native_options(renderer, args.size, &startup),
            Box::new(move |cc| {
                // The window and its renderer are up.
                if let Some(path) = remember {
                    let choice = match renderer {
                        eframe::Renderer::Glow => RendererChoice::Glow,
                        _ => RendererChoice::Wgpu,
                    };
                    if let Err(e) = remember_renderer(&path, choice) {
                        eprintln!(
                            "minwon: 그리기 방식을 {}에 적을 수 없습니다: {e}",
                            path.display()
                        );
                    }
                }
                Ok(Box::new(MinwonApp::with_startup(cc, startup)))
            }),
        )
        .map_err(|e| e.to_string())
    };
    if open_with_fallback(&order, !fell_back, open, relaunch) {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "minwon: 창을 열 수 없습니다. 그래픽 드라이버를 확인하거나 `minwon --renderer glow` 또는 `--renderer wgpu`로 다시 실행해 보십시오. 명령줄 기능(minwon check, score …)은 창 없이 쓸 수 있습니다."
    );
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forced_renderer_is_the_only_one_tried() {
        assert_eq!(
            renderer_order(Some(RendererArg::Glow), RendererChoice::Wgpu),
            vec![eframe::Renderer::Glow]
        );
    }

    #[test]
    fn the_chosen_renderer_falls_back_to_the_other() {
        use eframe::Renderer::{Glow, Wgpu};
        assert_eq!(renderer_order(None, RendererChoice::Auto), vec![Wgpu, Glow]);
        assert_eq!(renderer_order(None, RendererChoice::Glow), vec![Glow, Wgpu]);
    }

    #[test]
    fn a_failing_first_renderer_starts_the_other_in_a_fresh_process() {
        use eframe::Renderer::{Glow, Wgpu};
        let mut opened = Vec::new();
        let mut relaunched = Vec::new();
        let ok = open_with_fallback(
            &[Wgpu, Glow],
            true,
            |r| {
                opened.push(r);
                Err("no adapter".into())
            },
            |r| {
                relaunched.push(r);
                Ok(true)
            },
        );
        assert!(ok);
        // One event loop in this process only; the other renderer in a new one.
        assert_eq!(opened, vec![Wgpu]);
        assert_eq!(relaunched, vec![Glow]);
    }

    #[test]
    fn a_working_renderer_or_a_relaunched_process_does_not_relaunch() {
        use eframe::Renderer::{Glow, Wgpu};
        let mut relaunched = 0;
        assert!(open_with_fallback(
            &[Wgpu, Glow],
            true,
            |_| Ok(()),
            |_| {
                relaunched += 1;
                Ok(true)
            }
        ));
        assert!(!open_with_fallback(
            &[Glow, Wgpu],
            false,
            |_| Err("x".into()),
            |_| {
                relaunched += 1;
                Ok(true)
            }
        ));
        assert!(!open_with_fallback(
            &[Glow],
            true,
            |_| Err("x".into()),
            |_| {
                relaunched += 1;
                Ok(true)
            }
        ));
        assert_eq!(relaunched, 0);
        assert!(!open_with_fallback(
            &[Wgpu, Glow],
            true,
            |_| Err("x".into()),
            |_| Err("cannot spawn".into())
        ));
    }

    #[test]
    fn the_fresh_process_gets_the_same_arguments_and_the_other_renderer() {
        let args = [
            "--size",
            "1024x640",
            "--renderer",
            "wgpu",
            "--renderer=glow",
        ]
        .map(std::ffi::OsString::from);
        let out: Vec<String> = relaunch_args(args, eframe::Renderer::Glow)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect();
        assert_eq!(out, ["--size", "1024x640", "--renderer", "glow"]);
    }

    #[test]
    fn the_renderer_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(RENDERER_FILE);
        assert_eq!(remembered_renderer(&path), None);
        remember_renderer(&path, RendererChoice::Glow).unwrap();
        assert_eq!(remembered_renderer(&path), Some(RendererChoice::Glow));
        std::fs::write(&path, "vulkan").unwrap();
        assert_eq!(remembered_renderer(&path), None, "unknown words fall back");
    }
}
