use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;

use crate::analysis::{Korean, SpeechLevel};
use crate::library::Library;

/// What `eval` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// 반말 detection: positive class `informal`.
    Politeness,
    /// Swearing and insults: positive class `1`.
    Profanity,
}

/// A confusion matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
    pub tn: u32,
}

impl Counts {
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    fn ratio(a: u32, b: u32) -> f64 {
        if b == 0 { 0.0 } else { a as f64 / b as f64 }
    }

    pub fn accuracy(&self) -> f64 {
        Self::ratio(self.tp + self.tn, self.total())
    }

    pub fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// A labelled row: text, whether it is in the positive class.
pub type Row = (String, bool);

/// Reads a TSV with a header naming the `text` and `label` columns.
pub fn read_rows(task: Task, tsv: &str) -> anyhow::Result<Vec<Row>> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
    };
    let (Some(text_col), Some(label_col)) = (col("text"), col("label")) else {
        bail!(
            "머리줄에 text와 label 열이 있어야 합니다 (있는 열: {})",
            header.join(", ")
        );
    };
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(text), Some(label)) = (cells.get(text_col), cells.get(label_col)) else {
            bail!("{}번째 줄에 열이 모자랍니다", n + 2);
        };
        let positive = match (task, label.trim()) {
            (Task::Politeness, "informal") | (Task::Profanity, "1") => true,
            (Task::Politeness, "formal") | (Task::Profanity, "0") => false,
            (_, other) => bail!("{}번째 줄의 label \"{other}\"를 알 수 없습니다", n + 2),
        };
        rows.push(((*text).to_owned(), positive));
    }
    Ok(rows)
}

/// The analyser's prediction for a row.
pub fn predict(korean: &Korean, task: Task, text: &str) -> bool {
    match task {
        Task::Politeness => korean.speech_level(text) == SpeechLevel::Informal,
        Task::Profanity => korean.is_profane(text),
    }
}

/// Scores the analyser on rows; also returns the misclassified ones.
pub fn evaluate(korean: &Korean, task: Task, rows: &[Row]) -> (Counts, Vec<(String, bool)>) {
    let mut counts = Counts::default();
    let mut wrong = Vec::new();
    for (text, truth) in rows {
        let predicted = predict(korean, task, text);
        counts.add(*truth, predicted);
        if predicted != *truth {
            wrong.push((text.clone(), *truth));
        }
    }
    (counts, wrong)
}

pub fn run(task: Task, file: &Path, errors: usize) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("{}을(를) 읽을 수 없습니다", file.display()))?;
    let rows = read_rows(task, &text).with_context(|| file.display().to_string())?;
    let lib = Library::builtin();
    let (c, wrong) = evaluate(&lib.korean, task, &rows);
    let positive = match task {
        Task::Politeness => "informal",
        Task::Profanity => "1",
    };
    println!(
        "task: {task:?}  file: {}  rows: {}",
        file.display(),
        c.total()
    );
    println!(
        "accuracy {:.3}  precision {:.3}  recall {:.3}  f1 {:.3}  (positive class: {positive})",
        c.accuracy(),
        c.precision(),
        c.recall(),
        c.f1()
    );
    println!("tp {}  fp {}  fn {}  tn {}", c.tp, c.fp, c.fn_, c.tn);
    for (text, truth) in wrong.iter().take(errors) {
        println!("{}\t{text}", if *truth { "missed" } else { "false+" });
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_metrics() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 2,
            tn: 8,
        };
        assert!((c.accuracy() - 0.8).abs() < 1e-9);
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.8).abs() < 1e-9);
        assert!((c.f1() - 0.8).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn rows_are_read_by_header_name() {
        let tsv = "text\tsource_style\tlabel\n안녕\tenfp\tinformal\n안녕하세요\tgentle\tformal\n";
        let rows = read_rows(Task::Politeness, tsv).unwrap();
        assert_eq!(
            rows,
            vec![("안녕".into(), true), ("안녕하세요".into(), false)]
        );
        assert!(read_rows(Task::Profanity, "text\tlabel\n욕\t7\n").is_err());
        assert!(read_rows(Task::Profanity, "a\tb\n").is_err());
    }
}
