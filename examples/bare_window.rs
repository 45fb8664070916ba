//! An empty eframe window built with the same eframe features, renderer and window size as
//! minwon: the baseline of `scripts/startup.sh`. With `MINWON_FIRST_FRAME=1` it prints when its
//! first frame is on screen and its peak memory, then closes, exactly as minwon does.
//!
//! `cargo run --release --example bare_window [-- --renderer glow]`

use std::process::ExitCode;

fn main() -> ExitCode {
    let glow = std::env::args().any(|a| a == "glow");
    let report = std::env::var("MINWON_FIRST_FRAME").is_ok_and(|v| v == "1");
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1280.0, 800.0]),
        renderer: if glow {
            eframe::Renderer::Glow
        } else {
            eframe::Renderer::Wgpu
        },
        ..Default::default()
    };
    if report {
        options.persist_window = false;
        options.persistence_path = Some(std::env::temp_dir().join("minwon-bare-window-state.ron"));
    }
    let result = eframe::run_native(
        "minwon-bare-window",
        options,
        Box::new(move |_cc| Ok(Box::new(Bare { report, frames: 0 }))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bare_window: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Bare {
    report: bool,
    frames: u64,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |_ui| {});
        if self.report {
            // Frame 0 is being drawn: ask for another; when frame 1 starts, frame 0 is on screen.
            match self.frames {
                0 => ui.ctx().request_repaint(),
                1 => {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_nanos());
                    eprintln!("first-frame-unix-ns={now} peak-rss-kb={}", peak_rss_kb());
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
                _ => {}
            }
        }
        self.frames += 1;
    }
}

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
