//! The `minwon` binary: a command, or the app.

use std::process::ExitCode;

use minwon::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse_args();
    match args.command {
        Some(command) => cli::run(command),
        None => open_app(&args),
    }
}

#[cfg(feature = "gui")]
fn open_app(args: &Cli) -> ExitCode {
    minwon::app::run(args)
}

#[cfg(not(feature = "gui"))]
fn open_app(_args: &Cli) -> ExitCode {
    eprintln!(
        "minwon: 이 빌드에는 화면(앱)이 없습니다 (gui 기능 없이 빌드됨). 명령: check, analyze, score, eval, records"
    );
    ExitCode::FAILURE
}
