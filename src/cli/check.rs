use std::path::PathBuf;
use std::process::ExitCode;

use crate::library;

pub fn run(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let problems = library::check(paths);
    for p in &problems {
        println!("{p}");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if errors > 0 {
        eprintln!("오류 {errors}개, 경고 {warnings}개");
        Ok(ExitCode::FAILURE)
    } else {
        eprintln!("문제 없음 (경고 {warnings}개)");
        Ok(ExitCode::SUCCESS)
    }
}
