//! The command line: `check`, `analyze`, `score`, `eval`, `records` (their contract is in README.md,
//! "명령줄 · Command line"). With no command the binary opens the app.

mod analyze;
mod check;
mod eval;
mod records;
mod score;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use eval::{Counts, Split, Task, evaluate};
pub use records::RecordsCommand;

/// minwon — 민원 응대 롤플레이 훈련. 명령 없이 실행하면 훈련 창이 열립니다.
/// (Role-play trainer for handling difficult complainants; without a command it opens the app.)
#[derive(Debug, Parser)]
#[command(name = "minwon", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// 그리기 방식: wgpu 또는 glow. 없으면 하나로 시작하고, 안 되면 다른 방식으로 새로 시작합니다.
    /// (Renderer; without it the app tries one and starts again with the other if it fails.)
    #[arg(long, value_enum, global = false)]
    pub renderer: Option<RendererArg>,

    /// 주요 화면을 시연 세션으로 그려 DIR에 PNG로 저장하고 끝냅니다.
    /// (Renders the main screens with a scripted demo session into DIR as PNG files and exits.)
    #[arg(long, value_name = "DIR")]
    pub screenshot: Option<PathBuf>,

    /// 창 크기, 너비x높이 (640x480–7680x4320): 처음 열리는 창과 --screenshot.
    /// (Window size as WIDTHxHEIGHT: the first window, and --screenshot.)
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: WindowSize,

    /// 글자 크기 배율 (0.8–1.6): 설정 대신 이 값으로 시작하고 설정에 저장합니다.
    /// (Text size factor: starts with it instead of the saved one, and saves it.)
    #[arg(long, value_name = "배율", value_parser = parse_text_size)]
    pub text_size: Option<f32>,

    /// 화면 색: light(밝게) 또는 dark(어둡게), 설정에 저장 (theme, saved in the settings).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// Parses a text-size factor between 0.8 and 1.6.
pub fn parse_text_size(text: &str) -> Result<f32, String> {
    match text.trim().trim_end_matches('배').parse::<f32>() {
        Ok(v) if (0.8..=1.6).contains(&v) => Ok(v),
        _ => Err("0.8에서 1.6 사이의 수로 적습니다 (예: 1.6)".to_owned()),
    }
}

/// The help layout, in Korean with English alongside (clap's own headings are English).
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
사용법 (Usage): {usage}

{all-args}{after-help}";

impl Cli {
    /// The command line with Korean help: headings, the help and version flags.
    pub fn command() -> clap::Command {
        korean(<Cli as clap::CommandFactory>::command())
            .disable_help_subcommand(true)
            .subcommand_help_heading("명령 (Commands)")
            .disable_version_flag(true)
            .arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(clap::ArgAction::Version)
                    .help("판 번호 (Print version)")
                    .help_heading("옵션 (Options)"),
            )
    }

    /// Parses the process's arguments; `--help` and errors exit like clap's.
    pub fn parse_args() -> Cli {
        let matches = Cli::command().get_matches();
        <Cli as clap::FromArgMatches>::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// Korean headings and help flag for a command and all its subcommands.
fn korean(cmd: clap::Command) -> clap::Command {
    cmd.help_template(HELP_TEMPLATE)
        .disable_help_flag(true)
        .mut_args(|a| a.help_heading("옵션 (Options)"))
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("도움말 (Print help)")
                .help_heading("옵션 (Options)"),
        )
        .mut_subcommands(korean)
}

/// A window size in logical points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowSize {
    pub width: f32,
    pub height: f32,
}

/// Parses `WIDTHxHEIGHT` (also `X` or `×`), within what a screen can show.
pub fn parse_size(text: &str) -> Result<WindowSize, String> {
    let usage = "1280x800 처럼 너비x높이로 적습니다 (640x480 이상, 7680x4320 이하)";
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or(usage)?;
    let (Ok(width), Ok(height)) = (w.trim().parse::<f32>(), h.trim().parse::<f32>()) else {
        return Err(usage.to_owned());
    };
    if (640.0..=7680.0).contains(&width) && (480.0..=4320.0).contains(&height) {
        Ok(WindowSize { width, height })
    } else {
        Err(usage.to_owned())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    Wgpu,
    Glow,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 시나리오·체크리스트 파일이나 폴더를 검사합니다 (없으면 내장 시나리오). 문제마다
    /// `경로:줄:칸: 내용` 한 줄, 오류가 있으면 종료 코드 1.
    /// (Validates scenario and checklist files or folders; one `PATH:LINE:COL: message` line per
    /// problem; exits 1 on any error.)
    Check {
        /// .ron 파일이나 폴더 (Files or folders of .ron files).
        paths: Vec<PathBuf>,
    },
    /// 표준 입력에서 한 줄에 한 문장씩 읽어 각 문장이 하는 일(항목·위반·말씨)을 보여 줍니다.
    /// (Reads utterances from standard input, one per line, and prints what each one does.)
    Analyze {
        /// 한 줄에 JSON 객체 하나: text, speech_level, items, violations
        /// (one JSON object per line).
        #[arg(long)]
        json: bool,
        /// 기준이 될 내장 체크리스트 id (the built-in checklist to analyse against).
        #[arg(long, default_value = "default", conflicts_with = "scenario")]
        checklist: String,
        /// 시나리오(id 또는 파일)의 체크리스트와 단서로 분석하고, 끌어낼 사실을 `facts`로 보여
        /// 줍니다 (analyse with a scenario's checklist and cues; facts are listed as `facts`).
        #[arg(long)]
        scenario: Option<String>,
    },
    /// 대화록의 조사관 응답으로 시나리오를 진행하고 점수표를 보여 줍니다.
    /// (Plays a scenario with the trainee turns of a transcript and prints the scorecard.)
    Score {
        /// 내장 시나리오 id 또는 시나리오 파일 (a built-in id or a scenario file).
        #[arg(long)]
        scenario: String,
        /// 빈 줄이 아닌 한 줄이 응답 하나, 앞에 [bow] 같은 동작, #은 주석
        /// (one trainee turn per line; leading [action] tokens; # comments).
        #[arg(long)]
        transcript: PathBuf,
        /// 민원인 대사의 시드: 같은 시드, 같은 대화 (same seed, same conversation).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 글 대신 JSON 객체 하나 (one JSON object instead of text).
        #[arg(long)]
        json: bool,
        /// Score under a station's signature practice (an id of scenarios/practices.ron, e.g.
        /// bow_first): shown first, and missing it caps the total at 89 (no A).
        #[arg(long)]
        practice: Option<String>,
    },
    /// 정답이 달린 TSV 파일로 분석기를 잽니다 (정확도, 정밀도, 재현율, F1).
    /// (Measures the analyser on a labelled TSV file: accuracy, precision, recall, F1.)
    Eval {
        #[arg(long, value_enum)]
        task: Task,
        file: PathBuf,
        /// 틀린 줄을 N개까지 함께 보여 줍니다 (also print up to N misclassified rows).
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// 어느 줄: 전체, 다듬기용 80 %, 보지 않는 20 % (글의 해시로 고정)
        /// (all, the 80 % tuning part or the 20 % held-out part, fixed by a hash of the text).
        #[arg(long, value_enum, default_value_t = Split::All)]
        split: Split,
    },
    /// 훈련 기록 (training records): list, export (xlsx, csv, xapi, html), sync to an xAPI LRS.
    Records {
        #[command(subcommand)]
        command: records::RecordsCommand,
    },
}

/// Runs a command; errors are printed here, once, in words.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check { paths } => check::run(&paths),
        Command::Analyze {
            json,
            checklist,
            scenario,
        } => analyze::run(json, &checklist, scenario.as_deref()),
        Command::Score {
            scenario,
            transcript,
            seed,
            json,
            practice,
        } => score::run(&scenario, &transcript, seed, json, practice.as_deref()),
        Command::Eval {
            task,
            file,
            errors,
            split,
        } => eval::run(task, &file, errors, split),
        Command::Records { command } => records::run(command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("minwon: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_size_is_parsed() {
        assert_eq!(
            parse_size("1024x640"),
            Ok(WindowSize {
                width: 1024.0,
                height: 640.0
            })
        );
        assert_eq!(
            parse_size(" 1920 × 1080 "),
            Ok(WindowSize {
                width: 1920.0,
                height: 1080.0
            })
        );
        for bad in [
            "10x10",
            "wide",
            "1280",
            "1280x",
            "NaNxNaN",
            "1e9x800",
            "-1280x800",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
