//! The `minwon` binary: a command, or the app.

use std::process::ExitCode;

use clap::Parser;
use minwon::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => minwon::app::run(&args),
    }
}
