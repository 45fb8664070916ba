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

/// minwon — 민원 응대 롤플레이 훈련 (role-play trainer for handling difficult complainants).
#[derive(Debug, Parser)]
#[command(name = "minwon", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// 그리기 방식 (renderer): wgpu or glow. Without it the app tries one and falls back to the other.
    #[arg(long, value_enum, global = false)]
    pub renderer: Option<RendererArg>,

    /// Renders the main screens with a scripted demo session into DIR as PNG files and exits.
    #[arg(long, value_name = "DIR")]
    pub screenshot: Option<PathBuf>,

    /// Window size, as WIDTHxHEIGHT (640x480 to 7680x4320): the first window, and --screenshot.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: WindowSize,
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
    /// Validates scenario and checklist files or folders (the built-in pack when none is given).
    /// Prints one line `PATH:LINE:COL: message` per problem; exits 1 if any is an error.
    Check {
        /// Files or folders of .ron files.
        paths: Vec<PathBuf>,
    },
    /// Reads utterances from standard input, one per line, and prints what each one does.
    Analyze {
        /// One JSON object per line: text, speech_level, items, violations.
        #[arg(long)]
        json: bool,
        /// The id of the built-in checklist to analyse against.
        #[arg(long, default_value = "default", conflicts_with = "scenario")]
        checklist: String,
        /// Analyse with a scenario's checklist and its own cues (an id or a file); facts its
        /// questions would draw out are listed as `facts`.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Plays a scenario with the trainee turns of a transcript and prints the scorecard.
    Score {
        /// A scenario id (built-in) or a scenario file.
        #[arg(long)]
        scenario: String,
        /// One trainee turn per non-empty line; optional leading [action] tokens; # comments.
        #[arg(long)]
        transcript: PathBuf,
        /// Seed of the complainant's replies: same seed, same conversation.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Measures the analyser on a labelled TSV file (accuracy, precision, recall, F1).
    Eval {
        #[arg(long, value_enum)]
        task: Task,
        file: PathBuf,
        /// Also print up to N misclassified rows.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Which rows: all, the 80 % tuning part or the 20 % held-out part (fixed by a hash of
        /// the text).
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
        } => score::run(&scenario, &transcript, seed, json),
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
