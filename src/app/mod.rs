//! The desktop app (eframe/egui): a view over the core.

use std::process::ExitCode;

use crate::cli::Cli;

/// Opens the app window. Returns when the window closes.
pub fn run(_args: &Cli) -> ExitCode {
    eprintln!(
        "minwon: 이 빌드에는 화면(앱)이 없습니다. 명령: minwon check | analyze | score | eval (--help)"
    );
    ExitCode::FAILURE
}
