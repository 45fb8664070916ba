use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;

use std::collections::BTreeSet;

use crate::analysis::{Analyzer, Korean, SpeechLevel};
use crate::library::Library;
use crate::model::{Checklist, TraineeTurn};

/// What `eval` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// 반말 detection: positive class `informal`.
    Politeness,
    /// Swearing and insults: positive class `1`.
    Profanity,
    /// The checklist: speech level, items and violations of trainee turns (the layout of
    /// `trainee_dev.tsv`: text, speech_level, items, violations, context).
    Checklist,
}

/// Which rows of a labelled file to measure: a fixed 80/20 split by a hash of the text, so that
/// rules are tuned on one part and the other stays an honest estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Split {
    #[default]
    All,
    /// The 80 % used for tuning.
    Tune,
    /// The 20 % kept unseen.
    Holdout,
}

impl Split {
    /// True when a row with this text belongs to the split.
    pub fn keeps(self, text: &str) -> bool {
        // FNV-1a: stable across platforms and Rust versions, unlike the std hasher.
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let holdout = hash % 5 == 0;
        match self {
            Split::All => true,
            Split::Tune => !holdout,
            Split::Holdout => holdout,
        }
    }
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

/// The rows of a TSV whose header names the `needed` columns (in any order, among others):
/// per non-blank line, its line number and the needed cells in the order asked.
fn table<'a>(tsv: &'a str, needed: &[&str]) -> anyhow::Result<Vec<(usize, Vec<&'a str>)>> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let cols: Option<Vec<usize>> = needed
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == *name)
        })
        .collect();
    let Some(cols) = cols else {
        bail!(
            "머리줄에 {} 열이 있어야 합니다 (있는 열: {})",
            needed.join(", "),
            header.join(", ")
        );
    };
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        // Trailing empty columns may be cut off by editors; only the text must be there.
        if cells.len() <= cols[0] {
            bail!("{}번째 줄에 열이 모자랍니다", n + 2);
        }
        let picked = cols
            .iter()
            .map(|&c| cells.get(c).copied().unwrap_or(""))
            .collect();
        rows.push((n + 2, picked));
    }
    Ok(rows)
}

/// Reads a TSV with a header naming the `text` and `label` columns.
pub fn read_rows(task: Task, tsv: &str) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (line, cells) in table(tsv, &["text", "label"])? {
        let positive = match (task, cells[1].trim()) {
            (Task::Politeness, "informal") | (Task::Profanity, "1") => true,
            (Task::Politeness, "formal") | (Task::Profanity, "0") => false,
            (Task::Checklist, _) => bail!("checklist 파일은 read_checklist_rows로 읽습니다"),
            (_, other) => bail!("{line}번째 줄의 label \"{other}\"를 알 수 없습니다"),
        };
        rows.push((cells[0].to_owned(), positive));
    }
    Ok(rows)
}

/// The analyser's prediction for a row.
pub fn predict(korean: &Korean, task: Task, text: &str) -> bool {
    match task {
        Task::Politeness => korean.speech_level(text) == SpeechLevel::Informal,
        Task::Profanity => korean.is_profane(text),
        Task::Checklist => false,
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

pub fn run(task: Task, file: &Path, errors: usize, split: Split) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("{}을(를) 읽을 수 없습니다", file.display()))?;
    if task == Task::Checklist {
        return run_checklist(file, &text, errors, split);
    }
    let mut rows = read_rows(task, &text).with_context(|| file.display().to_string())?;
    rows.retain(|(t, _)| split.keeps(t));
    let lib = Library::builtin();
    let (c, wrong) = evaluate(&lib.korean, task, &rows);
    let positive = match task {
        Task::Politeness => "informal",
        Task::Profanity | Task::Checklist => "1",
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

/// A labelled trainee turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub text: String,
    pub speech_level: String,
    pub items: BTreeSet<String>,
    pub violations: BTreeSet<String>,
}

/// Reads the layout of `trainee_dev.tsv`: a header naming `text`, `speech_level`, `items` and
/// `violations` (comma-separated ids, empty for none); other columns are ignored.
pub fn read_checklist_rows(tsv: &str) -> anyhow::Result<Vec<ChecklistRow>> {
    let ids = |cell: &str| -> BTreeSet<String> {
        cell.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut rows = Vec::new();
    for (line, cells) in table(tsv, &["text", "speech_level", "items", "violations"])? {
        let level = cells[1].trim();
        if !matches!(level, "formal" | "informal" | "neutral") {
            bail!("{line}번째 줄의 speech_level \"{level}\"를 알 수 없습니다");
        }
        rows.push(ChecklistRow {
            text: cells[0].to_owned(),
            speech_level: level.to_owned(),
            items: ids(cells[2]),
            violations: ids(cells[3]),
        });
    }
    Ok(rows)
}

/// The analyser's figures on labelled turns.
#[derive(Debug, Clone, Default)]
pub struct ChecklistReport {
    pub rows: usize,
    pub speech_correct: usize,
    /// Per id, in checklist order: items first, then violations.
    pub items: Vec<(String, Counts)>,
    pub violations: Vec<(String, Counts)>,
    /// Rows the analyser got wrong.
    pub wrong: Vec<Miss>,
}

/// A row the analyser got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub text: String,
    /// Ids in the labels that the analyser did not find.
    pub missed: Vec<String>,
    /// Ids the analyser found that the labels do not have.
    pub added: Vec<String>,
    /// The labelled speech level and the analyser's.
    pub level: (String, String),
}

impl ChecklistReport {
    pub fn speech_accuracy(&self) -> f64 {
        Counts::ratio(self.speech_correct as u32, self.rows as u32)
    }

    fn macro_f1(ids: &[(String, Counts)]) -> f64 {
        let scored: Vec<f64> = ids
            .iter()
            .filter(|(_, c)| c.tp + c.fp + c.fn_ > 0)
            .map(|(_, c)| c.f1())
            .collect();
        if scored.is_empty() {
            0.0
        } else {
            scored.iter().sum::<f64>() / scored.len() as f64
        }
    }

    /// Mean F1 over the items that occur (in the labels or the predictions).
    pub fn items_macro_f1(&self) -> f64 {
        Self::macro_f1(&self.items)
    }

    pub fn violations_macro_f1(&self) -> f64 {
        Self::macro_f1(&self.violations)
    }
}

/// Measures the analyser of `checklist` on labelled turns.
pub fn evaluate_checklist(
    analyzer: &Analyzer,
    checklist: &Checklist,
    rows: &[ChecklistRow],
) -> ChecklistReport {
    let mut report = ChecklistReport {
        items: checklist
            .items
            .iter()
            .map(|i| (i.id.clone(), Counts::default()))
            .collect(),
        violations: checklist
            .violations
            .iter()
            .map(|v| (v.id.clone(), Counts::default()))
            .collect(),
        ..ChecklistReport::default()
    };
    for row in rows {
        let (turn, _) = TraineeTurn::parse(&row.text);
        let analysis = analyzer.analyze(&turn);
        let (items, violations) = super::analyze::ids(&analysis, checklist);
        let level = analysis.level.id();
        report.rows += 1;
        if level == row.speech_level {
            report.speech_correct += 1;
        }
        let mut missed = Vec::new();
        let mut added = Vec::new();
        for (counts, found, gold) in [
            (&mut report.items, &items, &row.items),
            (&mut report.violations, &violations, &row.violations),
        ] {
            for (id, c) in counts.iter_mut() {
                let truth = gold.contains(id);
                let predicted = found.contains(&id.as_str());
                c.add(truth, predicted);
                match (truth, predicted) {
                    (true, false) => missed.push(id.clone()),
                    (false, true) => added.push(id.clone()),
                    _ => {}
                }
            }
        }
        if !missed.is_empty() || !added.is_empty() || level != row.speech_level {
            report.wrong.push(Miss {
                text: row.text.clone(),
                missed,
                added,
                level: (row.speech_level.clone(), level.to_owned()),
            });
        }
    }
    report
}

fn run_checklist(file: &Path, text: &str, errors: usize, split: Split) -> anyhow::Result<ExitCode> {
    let mut rows = read_checklist_rows(text).with_context(|| file.display().to_string())?;
    rows.retain(|r| split.keeps(&r.text));
    let lib = Library::builtin();
    let Some(checklist) = lib.checklist("default").cloned() else {
        bail!("내장 기본 체크리스트가 없습니다");
    };
    let analyzer = lib.analyzer(&checklist);
    let r = evaluate_checklist(&analyzer, &checklist, &rows);
    println!(
        "task: checklist  file: {}  split: {split:?}  rows: {}",
        file.display(),
        r.rows
    );
    println!("speech accuracy {:.3}", r.speech_accuracy());
    for (title, ids) in [("items", &r.items), ("violations", &r.violations)] {
        println!("{title}:");
        for (id, c) in ids.iter() {
            println!(
                "  {id:<20} precision {:.3}  recall {:.3}  f1 {:.3}  (tp {} fp {} fn {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
    }
    println!(
        "items macro-F1 {:.3}  violations macro-F1 {:.3}",
        r.items_macro_f1(),
        r.violations_macro_f1()
    );
    for Miss {
        text,
        missed,
        added,
        level: (gold, got),
    } in r.wrong.iter().take(errors)
    {
        let mut notes = Vec::new();
        if !missed.is_empty() {
            notes.push(format!("missed {}", missed.join(",")));
        }
        if !added.is_empty() {
            notes.push(format!("false+ {}", added.join(",")));
        }
        if gold != got {
            notes.push(format!("speech {gold}→{got}"));
        }
        println!("{}\t{text}", notes.join("; "));
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
